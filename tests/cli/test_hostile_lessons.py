"""Hostile lesson files through ``l1l2-tui demo --lesson``: one clear line, never a traceback,
a hang or the whole of an endless file read; a good lesson file still loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import assert_well_behaved, invoke

from l1l2_tui.lesson import MAX_LESSON_BYTES, MAX_TEXT, Caption, load_lesson

GOOD = 'title = "t"\n[[step]]\ncaption = "L1 snaps weights to 0"\nrun = 5\n'

# name: (file bytes, words the message holds)
LESSONS: dict[str, tuple[bytes, list[str]]] = {
    "nested arrays": (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", ["nested too deeply"]),
    "nested inline tables": (b"a = " + b"{b=" * 3000 + b"1" + b"}" * 3000, ["nested too deeply"]),
    "invalid TOML": (b'title = "t\n', ["invalid TOML", "line 1"]),
    "empty": (b"", ["title: required"]),
    "unknown top key": (b'title = "t"\ntempo = 3\n', ["tempo: unknown key"]),
    "unknown scene key": (b'title = "t"\n[[step]]\nhold = 3\n', ["step 1: hold: unknown key"]),
    "unknown setting": (
        b'title = "t"\n[[step]]\nset = { alpha = 1 }\nrun = 1\n',
        ["step 1: set.alpha: unknown setting"],
    ),
    "escape in a key": (b'title = "t"\n"\\u001b[2J" = 1\n', ["unknown key"]),
    "step is not a table": (b'title = "t"\nstep = 3\n', ["at least one [[step]]"]),
    "run of zero": (b'title = "t"\n[[step]]\nrun = 0\n', ["run: must be a whole number >= 1"]),
    "run of a float": (b'title = "t"\n[[step]]\nrun = 1.5\n', ["run: must be a whole number"]),
    "lam nan": (b'title = "t"\n[[step]]\nset = { lam = nan }\nrun = 1\n', ["set.lam", "finite"]),
    "lam inf": (b'title = "t"\n[[step]]\nset = { lam = inf }\nrun = 1\n', ["set.lam", "finite"]),
    "unknown view": (b'title = "t"\n[[step]]\nview = "3d"\npause = 1\n', ["view: '3d' is not"]),
    "never moves on": (b'title = "t"\n[[step]]\ncaption = "x"\n', ["never moves on"]),
    "escape sequence in a caption": (
        b'title = "t"\n[[step]]\ncaption = "a\\u001b[2Jb"\nrun = 1\n',
        ["step 1: caption: holds a control character (U+001B (ESCAPE))"],
    ),
    "newline in a caption": (
        b'title = "t"\n[[step]]\ncaption = """a\nb"""\nrun = 1\n',
        ["caption", "U+000A"],
    ),
    "tab in a caption": (b'title = "t"\n[[step]]\ncaption = "a\\tb"\nrun = 1\n', ["U+0009"]),
    "C1 control in a caption": (
        b'title = "t"\n[[step]]\ncaption = "a\\u009bb"\nrun = 1\n',
        ["U+009B"],
    ),
    "right-to-left override in a caption": (
        b'title = "t"\n[[step]]\ncaption = "a\\u202eb"\nrun = 1\n',
        ["U+202E"],
    ),
    "escape in the title": (b'title = "\\u001b]0;pwned\\u0007"\n[[step]]\nrun = 1\n', ["title"]),
    "a caption too long": (
        f'title = "t"\n[[step]]\ncaption = "{"x" * (MAX_TEXT + 1)}"\nrun = 1\n'.encode(),
        [f"{MAX_TEXT + 1} characters; at most {MAX_TEXT}"],
    ),
    "latin-1": ('title = "Régularisation"\n[[step]]\nrun = 1\n'.encode("latin-1"), ["not UTF-8"]),
    "UTF-16": (GOOD.encode("utf-16"), ["UTF-16", "save it as UTF-8"]),
    "binary": (b"\x00\x01\x02\x03lesson", ["binary data"]),
}


@pytest.mark.parametrize("case", LESSONS)
def test_hostile_lesson_file(tmp_path: Path, case: str):
    content, words = LESSONS[case]
    lesson = tmp_path / "lesson.toml"
    lesson.write_bytes(content)
    exit_code, stdout, stderr = invoke("demo", "--lesson", str(lesson))
    assert_well_behaved(exit_code, stdout, stderr, 2)
    assert stderr.startswith(f"error: {lesson}: ")
    for word in words:
        assert word in stderr


def special_lessons(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as file:
        file.truncate(MAX_LESSON_BYTES + 1)  # sparse: nothing is written
    return {
        "a folder": (tmp_path, "is a folder"),
        "a FIFO": (fifo, "is a pipe (FIFO)"),
        "/dev/zero": (Path("/dev/zero"), "is a device"),
        "a file over the cap": (huge, "the limit for a lesson file is 1 MB"),
        "a missing file": (tmp_path / "missing.toml", "no such file"),
    }


@pytest.mark.parametrize(
    "case", ["a folder", "a FIFO", "/dev/zero", "a file over the cap", "a missing file"]
)
def test_what_is_not_a_lesson_file(tmp_path: Path, case: str):
    path, words = special_lessons(tmp_path)[case]
    exit_code, stdout, stderr = invoke("demo", "--lesson", str(path))
    assert_well_behaved(exit_code, stdout, stderr, 2)
    assert words in stderr


def test_a_fifo_lesson_is_refused_at_once_not_waited_on(tmp_path: Path):
    fifo = tmp_path / "lesson.toml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "l1l2_tui", "demo", "--lesson", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert_well_behaved(done.returncode, done.stdout, done.stderr, 2)
    assert "is a pipe (FIFO)" in done.stderr


def test_a_good_lesson_with_a_byte_order_mark_and_unicode_loads(tmp_path: Path):
    lesson = tmp_path / "lesson.toml"
    lesson.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("L1", "L1 — λ").encode())
    assert Caption("L1 — λ snaps weights to 0") in load_lesson(lesson).steps


def test_demo_plays_the_shipped_stochastic_lesson_on_its_own_data(monkeypatch):
    import l1l2_tui.app

    started = []

    class Recorder:
        def __init__(self, config, session) -> None:
            started.append((config, session))

        def run(self) -> None:
            pass

    monkeypatch.setattr(l1l2_tui.app, "make_app", Recorder)
    monkeypatch.setattr("l1l2_tui.cli.lesson_commands.require_terminal", lambda: None)
    code, stdout, stderr = invoke("demo", "--lesson", "stochastic", "--dataset", "diabetes")
    assert_well_behaved(code, stdout, stderr, 2)
    assert "--dataset: the lesson" in stderr and "plays on dataset digits" in stderr
    code, stdout, stderr = invoke("demo", "--lesson", "stochastic")
    assert_well_behaved(code, stdout, stderr, 0)
    ((config, session),) = started
    assert config.lesson.dataset == "digits" and config.lesson.digit == "ge5"
    assert session.problem.image_shape == (8, 8) and session.problem.loss == "logistic"
    assert config.run.problem.digit == "ge5"
