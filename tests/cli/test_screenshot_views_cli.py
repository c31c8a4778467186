"""`screenshot --view NAME` shoots only the views named, besides the main screen."""

from __future__ import annotations

from hostile import cli_result


def test_screenshot_takes_the_views_the_app_has():
    from tui.app import VIEWS
    from tui.cli.commands import VIEW_NAMES

    assert set(VIEW_NAMES) == set(VIEWS)


def test_screenshot_refuses_a_view_it_does_not_know(tmp_path):
    result = cli_result("screenshot", "--view", "nope", "--out", str(tmp_path))
    assert result.exit_code == 2 and "nope" in result.stderr
