"""The README's figures that depend on the data are the ones ``docs/readme_numbers.py`` computes
now: a figure that drifts (new data handling, a changed default) fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_figures():
    spec = importlib.util.spec_from_file_location("readme_numbers", ROOT / "docs/readme_numbers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def flat(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces, as Markdown reads it."""
    return " ".join(text.split())


@pytest.mark.slow
def test_every_figure_the_readme_states_is_the_one_computed_now():
    readme = flat((ROOT / "README.md").read_text(encoding="utf-8"))
    figures = list(load_figures().figures())
    assert len(figures) >= 8
    missing = [figure for figure in figures if flat(figure) not in readme]
    assert not missing, "the README states other figures; run python docs/readme_numbers.py"
