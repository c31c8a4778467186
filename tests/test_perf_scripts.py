"""The benchmark scripts under tests/perf/ are run by hand, never by pytest: each must still
import against the code as it is, so that a renamed name breaks here and not on the day the
figures are wanted."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

PERF = Path(__file__).parent / "perf"


@pytest.mark.parametrize("script", sorted(path.stem for path in PERF.glob("*.py")))
def test_each_benchmark_script_imports(monkeypatch, script: str) -> None:
    monkeypatch.syspath_prepend(str(PERF))  # the scripts import each other as siblings
    monkeypatch.setattr(sys, "argv", [script])
    module = importlib.import_module(script)
    assert module.__file__ is not None and Path(module.__file__).parent == PERF
