"""An internal error leaves its details in the platform's log folder, or else in the temporary
one, and says where in one line that no folder name can turn into terminal commands."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from l1l2_tui.crash_report import report_crash


def reported(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[str, Path]:
    """The line said, and the one log in ``folder``."""
    report_crash("Traceback: the details")
    line = capsys.readouterr().err
    assert line.count("\n") == 1 and "\x1b" not in line
    assert line.startswith("error: l1l2-tui stopped on an internal error; the details are in ")
    (log,) = folder.glob("l1l2-tui-crash-*.log")
    return line, log


def test_the_log_goes_to_the_state_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    line, log = reported(capsys, tmp_path / "state" / "l1l2-tui" / "log")
    assert line.endswith(f" {log}\n")
    assert log.read_text() == "Traceback: the details"
    assert log.parent.stat().st_mode & 0o777 == 0o700


def test_the_temporary_folder_when_the_state_folder_cannot_be_made(tmp_path, monkeypatch, capsys):
    (tmp_path / "state").write_text("a file where the folder would be")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    temporary = tmp_path / "tmp\x1b]0;owned\x07\x1b[2J"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    line, log = reported(capsys, temporary)
    assert f"tmp\\x1b]0;owned\\x07\\x1b[2J/{log.name}\n" in line
    assert log.read_text() == "Traceback: the details"


def test_no_folder_at_all_is_still_one_line(tmp_path, monkeypatch, capsys):
    (tmp_path / "state").write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))
    report_crash("Traceback")
    assert capsys.readouterr().err == (
        "error: l1l2-tui stopped on an internal error; the details could not be saved\n"
    )
