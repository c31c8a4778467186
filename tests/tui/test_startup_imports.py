"""Opening the app loads what the main screen needs and nothing a view, a demo or another
command needs first."""

import subprocess
import sys

LATER = (
    "tui.screens.geometry",
    "tui.screens.forces",
    "tui.screens.path",
    "tui.screens.compare",
    "tui.screens.help",
    "tui.lesson",
    "tui.lesson.player",
    "tomllib",
    "textual.widgets._markdown",
    "engine.compare",
    "engine.geometry",
    "engine.logistic_solver",
    "engine.one_weight",
    "engine.path",
    "engine.csv_data",
    "csv",
    "gzip",
    "importlib.resources",
    "tui.command_palette",
    "tui.screens.view_screen",
    "tui.widgets.weight_image",
    *(f"engine.claims.{view}" for view in ("compare", "forces", "one_weight", "path", "plane")),
    *(f"tui.narration.{view}" for view in ("compare", "forces", "geometry", "path", "zero")),
    "importlib.metadata",
    "json",
    "tui.cli.lesson_choice",
    "tui.cli.lesson_commands",
    "tui.cli.output",
    "tui.cli.screenshot_command",
    "tui.cli.script_commands",
    "tui.cli.serve_command",
)


def test_the_main_screen_starts_without_the_views_lessons_help_and_subcommands():
    # Compared with what the interpreter had loaded before (a site hook may load a few).
    code = (
        "import sys\n"
        "already = set(sys.modules)\n"
        "import typer.main\n"
        "from tui.cli import app\n"
        "typer.main.get_command(app).make_context('l1l2-tui', ['--paused'])\n"
        "from tui.app import make_app\n"
        "from tui.config import AppConfig\n"
        "make_app(AppConfig(autoplay=False))\n"
        f"print(','.join(name for name in {LATER!r} if name in set(sys.modules) - already))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
