"""Opening the app loads what the main screen needs and nothing a view, a demo or another
command needs first; and every module named here, or served on first use by a package, exists,
so that a renamed module cannot make this test pass for nothing."""

from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys

import pytest

import l1l2_tui.engine
import l1l2_tui.engine.claims
from l1l2_tui.cli import commands
from l1l2_tui.views import SCREENS, VIEWS

VIEWS_LATER = (
    *(f"l1l2_tui.views.{view.name}.screen" for view in VIEWS),
    *(f"l1l2_tui.views.{view.name}.words" for view in VIEWS),
    *(f"l1l2_tui.engine.claims.{view.name}" for view in VIEWS),
)
"""Each view's screen, words and claims: the main screen's (``main``) load at start."""
ENGINE_LATER = tuple(f"l1l2_tui.engine.{module}" for module in l1l2_tui.engine.LAZY)
"""What the engine serves on first use: the comparison, the plane, the path, the logistic
solver and sections."""
COMMANDS_LATER = tuple(f"l1l2_tui.cli.{module}" for module in commands.COMMANDS)
"""Each subcommand's module."""
LATER = (
    *VIEWS_LATER,
    *ENGINE_LATER,
    *COMMANDS_LATER,
    "l1l2_tui.views.help",
    "l1l2_tui.views.view_screen",
    "l1l2_tui.lesson",
    "l1l2_tui.lesson.player",
    "l1l2_tui.terminal.command_palette",
    "l1l2_tui.widgets.weight_image",
    "l1l2_tui.engine.csv_data",
    "l1l2_tui.cli.lesson_choice",
    "l1l2_tui.cli.output",
    "tomllib",
    "rich.markdown",
    "csv",
    "gzip",
    "importlib.resources",
    "importlib.metadata",
    "json",
    "l1l2_tui.record",
    "threadpoolctl",
)
"""Modules the main screen's start must not load."""


@pytest.mark.parametrize("name", LATER)
def test_each_module_named_exists(name: str) -> None:
    assert importlib.util.find_spec(name) is not None, f"no module {name}"


@pytest.mark.parametrize(
    ("package", "homes"),
    [
        ("l1l2_tui.engine", l1l2_tui.engine.LAZY),
        ("l1l2_tui.engine.claims", l1l2_tui.engine.claims.MODULES),
        ("l1l2_tui.views", SCREENS),
        ("l1l2_tui.cli", commands.COMMANDS),
    ],
)
def test_each_name_served_on_first_use_is_its_modules_own(package: str, homes: dict) -> None:
    for module, names in homes.items():
        home = importlib.import_module(f"{package}.{module}")
        for name in names:
            assert hasattr(home, name), f"{package}.{module} has no {name}"


def test_the_main_screen_starts_without_the_views_lessons_help_and_subcommands():
    # Compared with what the interpreter had loaded before (a site hook may load a few).
    code = (
        "import sys\n"
        "already = set(sys.modules)\n"
        "import typer.main\n"
        "from l1l2_tui.cli import app\n"
        "typer.main.get_command(app).make_context('l1l2-tui', ['--paused'])\n"
        "from l1l2_tui.app import make_app\n"
        "from l1l2_tui.config import AppConfig\n"
        "make_app(AppConfig(autoplay=False))\n"
        f"print(','.join(name for name in {LATER!r} if name in set(sys.modules) - already))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
