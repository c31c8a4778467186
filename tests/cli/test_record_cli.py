"""``l1l2-tui record``: the files it writes, the files it will not touch, and one line for every
bad option."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import sysconfig
import time

import pytest
from hostile import assert_well_behaved, cli_result, invoke

SHORT = ("--seconds", "1", "--size", "60x20")


def events_of(path) -> tuple[dict, list[list]]:
    header, *events = path.read_text(encoding="utf-8").splitlines()
    return json.loads(header), [json.loads(line) for line in events]


def test_it_writes_an_asciicast_of_the_live_app_and_names_it(tmp_path):
    out = tmp_path / "run.cast"
    code, stdout, stderr = invoke("record", str(out), *SHORT, "--fps", "10", "--penalty", "l2")
    assert_well_behaved(code, stdout, stderr, 0)
    assert stdout == f"{out}\n"
    header, events = events_of(out)
    assert header == {"version": 2, "width": 60, "height": 20, "title": "l1l2-tui"}
    assert [seconds for seconds, _, _ in events] == [frame / 10 for frame in range(11)]
    assert events[0][2].startswith("\x1b[?25l"), "the first frame hides the cursor"
    assert list(tmp_path.iterdir()) == [out], "no temporary file is left behind"


def test_the_same_options_give_the_same_bytes(tmp_path):
    first, second = tmp_path / "a.cast", tmp_path / "b.cast"
    for out in (first, second):
        assert cli_result("record", str(out), *SHORT, "--keys", "l@0.5s").exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_a_lesson_plays_once_to_its_end(tmp_path):
    lesson = tmp_path / "short.toml"
    lesson.write_text('title = "Short"\n[[step]]\nrun = 4\n[[step]]\npause = 3\n')
    out = tmp_path / "short.cast"
    code, stdout, stderr = invoke("record", str(out), "--lesson", str(lesson), "--size", "60x20")
    assert_well_behaved(code, stdout, stderr, 0)
    header, events = events_of(out)
    assert header["title"] == "l1l2-tui: Short"
    # Frame 0, four frames of steps, three held; the app ends on the frame after them.
    assert events[-1][0] == pytest.approx(8 / 15, abs=1e-6)


def test_an_existing_file_is_replaced_only_with_force(tmp_path):
    out = tmp_path / "run.cast"
    out.write_text("mine")
    code, stdout, stderr = invoke("record", str(out), *SHORT)
    assert_well_behaved(code, stdout, stderr, 2)
    assert stderr == f"error: {out}: exists; --force replaces it\n"
    assert out.read_text() == "mine"
    assert cli_result("record", str(out), *SHORT, "--force").exit_code == 0
    assert out.read_text().startswith('{"version": 2')


def test_a_link_is_replaced_by_the_file_never_written_through(tmp_path):
    target, link = tmp_path / "target.txt", tmp_path / "run.cast"
    target.write_text("keep me")
    link.symlink_to(target)
    code, stdout, stderr = invoke("record", str(link), *SHORT)
    assert_well_behaved(code, stdout, stderr, 2)
    assert cli_result("record", str(link), *SHORT, "--force").exit_code == 0
    assert not link.is_symlink() and target.read_text() == "keep me"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--once", "--seconds", "2"], "--once and --seconds: give one of them"),
        (["--size", "10x5"], "outside 20-400 columns by 8-200 rows"),
        (["--size", "wide"], "is not COLUMNSxROWS"),
        (["--seconds", "0"], "not greater than 0"),
        (["--seconds", "nan"], "not greater than 0"),
        (["--colors", "16"], "'16' is not one of"),
        (["--keys", "l3s"], "--keys: 'l3s' is not KEY@TIME"),
        (["--keys", "l@20s", "--seconds", "2"], "--keys: a key comes after the recording's end"),
        (["--keys", "x@1s"], "--keys: 'x' is not a key of the app"),
        (["--keys", "s@1s"], "--keys: 's' is not pressed in a recording"),
        (["--lesson", "nope"], "nope"),
        (["--dataset", "digits", "--digit", "11"], "11"),
    ],
)
def test_bad_options_get_one_line_and_no_file(tmp_path, args, message):
    out = tmp_path / "run.cast"
    code, stdout, stderr = invoke("record", str(out), *args)
    assert_well_behaved(code, stdout, stderr, 2)
    assert message in stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("where", "message"),
    [("folder", "is a folder; give a file name"), ("missing/run.cast", "no such folder")],
)
def test_an_output_where_no_file_can_go_is_refused(tmp_path, where, message):
    (tmp_path / "folder").mkdir()
    code, stdout, stderr = invoke("record", str(tmp_path / where), *SHORT)
    assert_well_behaved(code, stdout, stderr, 2)
    assert message in stderr


def test_the_gif_without_agg_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(sysconfig, "get_path", lambda *args, **kwargs: str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    out, gif = tmp_path / "run.cast", tmp_path / "run.gif"
    code, stdout, stderr = invoke("record", str(out), *SHORT, "--gif", str(gif))
    assert_well_behaved(code, stdout, stderr, 2)
    assert "--gif needs agg" in stderr and "l1l2-tui[record]" in stderr
    assert not out.exists() and not gif.exists()


def test_it_writes_the_gif_beside_the_cast(tmp_path):
    out, gif = tmp_path / "run.cast", tmp_path / "run.gif"
    code, stdout, stderr = invoke("record", str(out), *SHORT, "--gif", str(gif))
    assert_well_behaved(code, stdout, stderr, 0)
    assert stdout == f"{out}\n{gif}\n"
    assert gif.read_bytes()[:6] == b"GIF89a"
    assert sorted(tmp_path.iterdir()) == [out, gif]


def test_options_given_before_the_command_apply_to_it(tmp_path):
    out = tmp_path / "run.cast"
    assert cli_result("--penalty", "l2", "record", str(out), *SHORT).exit_code == 0
    assert "L2" in events_of(out)[1][0][2]


def frames_written(folder) -> bool:
    """Whether a recording into ``folder`` has written a frame to its temporary file yet."""
    return any(path.read_text().count("\n") > 1 for path in folder.glob(".run.cast.*.tmp"))


@pytest.mark.parametrize(
    ("signum", "words"), [(signal.SIGINT, "interrupted"), (signal.SIGTERM, "terminated")]
)
def test_a_signal_stops_the_recording_in_one_line_and_leaves_no_file(tmp_path, signum, words):
    process = subprocess.Popen(
        [sys.executable, "-m", "l1l2_tui", "record", "run.cast", "--seconds", "600"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not frames_written(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert frames_written(tmp_path), "the recording started"
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    assert_well_behaved(process.returncode, stdout.decode(), stderr.decode(), 128 + signum)
    assert stderr.decode() == f"error: {words}\n"
    assert list(tmp_path.iterdir()) == []
