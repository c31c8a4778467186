"""The committed screenshots are what `l1l2-tui screenshot` draws today."""

from __future__ import annotations

import html
import re
from pathlib import Path

from typer.testing import CliRunner

from l1l2_tui.cli import app
from l1l2_tui.screenshots import NAMES

COMMITTED = Path(__file__).resolve().parents[2] / "screenshots"
TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.DOTALL)


def screen_text(svg: Path) -> list[str]:
    """The characters on screen, in order; styles and element ids left out."""
    return [html.unescape(match) for match in TEXT.findall(svg.read_text())]


def test_screenshot_command_matches_the_committed_screenshots(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["screenshot", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(path.stem for path in tmp_path.glob("*.svg"))
    assert written == sorted(NAMES)
    for name in NAMES:
        fresh = screen_text(tmp_path / f"{name}.svg")
        assert "zeros" in "".join(fresh)
        committed = COMMITTED / f"{name}.svg"
        assert committed.exists(), (
            f"run `l1l2-tui screenshot --out screenshots --force` and commit {committed.name}"
        )
        assert fresh == screen_text(committed), (
            f"{committed.name} is out of date: run `l1l2-tui screenshot --out screenshots "
            "--force` and look at it"
        )


def test_screenshot_command_reports_bad_options(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["screenshot", "--out", str(tmp_path), "--data", "nope.csv"])
    assert result.exit_code == 2
    assert "no such file" in result.output
    assert not list(tmp_path.glob("*.svg"))


SGD_COMPARE = ["--dataset", "digits", "--digit", "ge5", "--optimizer", "sgd", "--lam", "0.0557"]


def test_the_sgd_comparison_matches_its_committed_screenshot(tmp_path: Path) -> None:
    """``l1l2-tui screenshot --view compare`` on a stochastic run: sgd against sgd-cumulative."""
    args = ["screenshot", "--view", "compare", "--out", str(tmp_path), *SGD_COMPARE]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["compare.svg"]
    fresh = screen_text(tmp_path / "compare.svg")
    assert "sgd-cumulative" in "".join(fresh)
    assert fresh == screen_text(COMMITTED / "compare-sgd.svg"), (
        "compare-sgd.svg is out of date: run `l1l2-tui screenshot --view compare "
        f"{' '.join(SGD_COMPARE)}`, look at it and copy it to screenshots/compare-sgd.svg"
    )
