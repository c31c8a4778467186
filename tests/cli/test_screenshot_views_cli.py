"""`screenshot --view NAME` shoots only the views named, besides the main screen."""

from __future__ import annotations

import tempfile

from hostile import cli_result


def test_screenshot_refuses_a_view_it_does_not_know(tmp_path):
    result = cli_result("screenshot", "--view", "nope", "--out", str(tmp_path))
    assert result.exit_code == 2 and "nope" in result.stderr


def test_a_view_that_crashes_while_shot_fails_the_command_in_one_line(tmp_path, monkeypatch):
    from l1l2_tui.views.geometry.screen import GeometryScreen

    def broken(self: GeometryScreen) -> None:
        raise RuntimeError("a bug in the geometry view")

    monkeypatch.setattr(GeometryScreen, "compose_body", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the crash log goes
    result = cli_result("screenshot", "--view", "geometry", "--out", str(tmp_path / "shots"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: l1l2-tui stopped on an internal error")
    assert result.stderr.count("\n") == 1
    (log,) = tmp_path.glob("l1l2-tui-crash-*.log")
    assert "a bug in the geometry view" in log.read_text()
