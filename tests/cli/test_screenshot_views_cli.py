"""`screenshot --view NAME` takes only the pictures named."""

from __future__ import annotations

import pytest
from hostile import cli_result


def test_screenshot_takes_the_pictures_the_screenshots_module_shoots():
    from l1l2_tui.cli.screenshot_command import PICTURES
    from l1l2_tui.screenshots import NAMES

    assert PICTURES == NAMES


@pytest.mark.parametrize(
    ("views", "written"),
    [
        (["main"], ["main.svg"]),
        (["zero"], ["zero.svg"]),
        (["main-80x24", "forces"], ["forces.svg", "main-80x24.svg"]),
    ],
)
def test_screenshot_takes_only_the_pictures_named(tmp_path, views, written):
    args = [arg for view in views for arg in ("--view", view)]
    result = cli_result("screenshot", *args, "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == written
    assert result.stdout.splitlines() == [
        str(tmp_path / name) for name in sorted(written, key=order)
    ]


def order(name: str) -> int:
    from l1l2_tui.screenshots import NAMES

    return NAMES.index(name.removesuffix(".svg"))


def test_screenshot_refuses_a_view_it_does_not_know(tmp_path):
    result = cli_result("screenshot", "--view", "nope", "--out", str(tmp_path))
    assert result.exit_code == 2 and "nope" in result.stderr


def test_a_view_that_crashes_while_shot_fails_the_command_in_one_line(tmp_path, monkeypatch):
    from l1l2_tui.views.geometry.screen import GeometryScreen

    def broken(self: GeometryScreen) -> None:
        raise RuntimeError("a bug in the geometry view")

    monkeypatch.setattr(GeometryScreen, "compose_body", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # where the crash log goes
    result = cli_result("screenshot", "--view", "geometry", "--out", str(tmp_path / "shots"))
    assert result.exit_code == 1
    (log,) = (tmp_path / "state" / "l1l2-tui" / "log").glob("l1l2-tui-crash-*.log")
    assert result.stderr == (
        f"error: l1l2-tui stopped on an internal error; the details are in {log}\n"
    )
    assert "a bug in the geometry view" in log.read_text()
    assert not (tmp_path / "shots").exists()
