"""The engine is a numpy-only library: importing it loads no UI package."""

import subprocess
import sys

UI_PACKAGES = ("textual", "typer", "plotext", "textual_plotext", "rich", "click")


def test_engine_imports_numpy_only():
    code = (
        "import sys, l1l2_tui.engine; "
        f"print(','.join(name for name in {UI_PACKAGES!r} if name in sys.modules)); "
        "print('numpy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded, numpy_loaded = result.stdout.splitlines()
    assert loaded == "", f"engine pulled in {loaded}"
    assert numpy_loaded == "True"


def test_the_names_loaded_on_first_use_are_the_modules_own():
    import importlib

    import l1l2_tui.engine

    for module, names in l1l2_tui.engine.LAZY.items():
        home = importlib.import_module(f"l1l2_tui.engine.{module}")
        for name in names:
            assert getattr(l1l2_tui.engine, name) is getattr(home, name)
            assert name in l1l2_tui.engine.__all__


def test_engine_claims_serves_every_claim_from_its_module_and_loads_none_first():
    import ast
    import importlib
    from pathlib import Path

    import l1l2_tui.engine.claims

    for module, names in l1l2_tui.engine.claims.MODULES.items():
        home = importlib.import_module(f"l1l2_tui.engine.claims.{module}")
        tree = ast.parse(Path(home.__file__).read_text())
        defined = {
            node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)
        }
        defined |= {
            target.id
            for node in tree.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        assert set(names) == {name for name in defined if not name.startswith("_")}, module
        for name in names:
            assert getattr(l1l2_tui.engine.claims, name) is getattr(home, name)
    code = (
        "import sys, l1l2_tui.engine.claims; "
        "print([m for m in sys.modules if m.startswith('l1l2_tui.engine.claims.')])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
