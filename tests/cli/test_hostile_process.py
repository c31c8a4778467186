"""What only a real process shows: stdout on a full disk, Ctrl-C in a long run."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import assert_well_behaved, invoke

COMMAND = [sys.executable, "-m", "l1l2_tui"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "args",
    [
        ["run", "--steps", "5"],
        ["run", "--format", "csv", "--steps", "3000"],
        ["path", "--num", "5"],
    ],
)
def test_output_to_a_full_disk_gives_one_line_and_fails(args: list[str]):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*COMMAND, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60
        )
    assert_well_behaved(done.returncode, "", done.stderr, 1)
    assert done.stderr == "error: cannot write the output: No space left on device\n"


def ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize(
    "started_with", [None, ignore_sigint], ids=["sigint-default", "sigint-ignored"]
)
def test_ctrl_c_in_a_long_run_exits_130_with_one_line(started_with):
    # Some process managers start children with SIGINT ignored; Ctrl+C must work all the same.
    process = subprocess.Popen(
        [*COMMAND, "run", "--format", "csv", "--every", "1000000", "--steps", "1000000000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=started_with,
    )
    try:
        assert process.stdout.readline().startswith("step,")  # the run has started
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert "Traceback" not in stderr
    assert process.returncode == 130, stderr
    assert stderr == "error: interrupted\n"


@pytest.mark.parametrize(
    ("args", "interrupted"),
    [
        (["path"], "l1l2_tui.cli.script_commands.regularization_path"),
        (["path", "--dataset", "diabetes"], "l1l2_tui.cli.sessions.build_problem"),
        (["run"], "l1l2_tui.cli.sessions.build_problem"),
        (["run"], "l1l2_tui.cli.sessions.Session"),
        (["run"], "l1l2_tui.engine.Session.run"),
        (["screenshot"], "l1l2_tui.screenshots.take_screenshots"),
    ],
)
def test_ctrl_c_anywhere_in_a_command_exits_130_with_one_line(
    monkeypatch, tmp_path, args, interrupted
):
    monkeypatch.chdir(tmp_path)  # screenshot writes into ./screenshots

    def press_ctrl_c(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(interrupted, press_ctrl_c)
    exit_code, stdout, stderr = invoke(*args)
    assert exit_code == 130
    assert stderr == "error: interrupted\n"
    assert stdout == ""


def test_an_input_output_error_no_command_expected_is_one_line(monkeypatch):
    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("l1l2_tui.cli.script_commands.load_problem", disk_full)
    exit_code, stdout, stderr = invoke("path")
    assert_well_behaved(exit_code, stdout, stderr, 1)
    assert stderr == "error: No space left on device\n"


INTERRUPTED_WHILE_SHOOTING = """
import os, signal, sys
import l1l2_tui.screenshots as screenshots
play_scene = screenshots._play_scene

async def play_then_ctrl_c(pilot):
    await play_scene(pilot)
    os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C in the terminal, with the app on screen
    await pilot.pause()

screenshots._play_scene = play_then_ctrl_c
sys.argv = ["l1l2-tui", "screenshot", "--out", sys.argv[1]]
from l1l2_tui.__main__ import main
main()
"""


def test_ctrl_c_while_the_screenshots_are_taken_stops_at_once_and_writes_nothing(tmp_path):
    """Ending the app alone left its script waiting 30 s on a screen that no longer answers."""
    out = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_WHILE_SHOOTING, str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr, done.stdout) == (130, "error: interrupted\n", "")
    assert not out.exists()


INTERRUPTED_WHILE_LOADING = """
import l1l2_tui.cli

def ctrl_c(*args, **kwargs):
    raise KeyboardInterrupt

l1l2_tui.cli.app = ctrl_c
from l1l2_tui.__main__ import main
main()
"""


def test_ctrl_c_while_the_command_line_loads_is_one_line():
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_WHILE_LOADING],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr, done.stdout) == (130, "error: interrupted\n", "")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "args", [["run", "--format", "csv", "--steps", "2"], ["path", "--format", "csv", "--num", "2"]]
)
def test_csv_output_is_utf8_whatever_stdout_was_told(tmp_path, encoding, args):
    """Under PYTHONIOENCODING=ascii a column named 'prix €' could not be written at all."""
    data = tmp_path / "names.csv"
    data.write_text("prix €,日本,y\n1,2,3\n2,1,5\n3,5,4\n4,4,9\n", encoding="utf-8")
    done = subprocess.run(
        [*COMMAND, *args, "--data", str(data)],
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": encoding},
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.decode("utf-8").splitlines()[0].endswith(",prix €,日本")
