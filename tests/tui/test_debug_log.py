"""`--debug`: Textual's log of the run goes to a file in the log folder (or the one TEXTUAL_LOG
names), and the last line on the terminal says where."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from pty_app import app_in_pty

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux pty")


def quit_and_read_where(args: tuple[str, ...]) -> Path:
    with app_in_pty(args) as child:
        child.wait_until_drawn()
        child.send(b"q")
        child.wait_for_exit(timeout=10.0)
        assert child.process.returncode == 0
        after = child.output[child.output.rindex(b"\x1b[?1049l") :].decode()
    lines = [line for line in after.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    match = re.fullmatch(r".*debug: Textual's log is in (\S+)", lines[0])
    assert match, lines
    return Path(match[1])


@pytest.mark.parametrize("command", [("--paused",), ("demo",)], ids=["app", "demo"])
def test_debug_logs_to_a_new_file_in_the_log_folder(command):
    log = quit_and_read_where(("-m", "l1l2_tui", *command, "--debug"))
    assert log.parent == Path(os.environ["XDG_STATE_HOME"]) / "l1l2-tui" / "log"
    text = log.read_text()
    assert "Mount() >>> L1L2App" in text  # an event and its handler
    log.unlink()


def test_debug_logs_to_the_file_textual_log_names(tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTUAL_LOG", str(tmp_path / "mine.log"))
    assert quit_and_read_where(("-m", "l1l2_tui", "--paused", "--debug")) == tmp_path / "mine.log"
    assert "Mount() >>> L1L2App" in (tmp_path / "mine.log").read_text()
