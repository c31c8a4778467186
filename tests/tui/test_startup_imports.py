"""Opening the app loads what the main screen needs and nothing a view, a demo or another
command needs first."""

import subprocess
import sys

LATER = (
    "l1l2_tui.views.geometry.screen",
    "l1l2_tui.views.forces.screen",
    "l1l2_tui.views.path.screen",
    "l1l2_tui.views.compare.screen",
    "l1l2_tui.views.help",
    "l1l2_tui.lesson",
    "l1l2_tui.lesson.player",
    "tomllib",
    "textual.widgets._markdown",
    "l1l2_tui.engine.compare",
    "l1l2_tui.engine.geometry",
    "l1l2_tui.engine.logistic_solver",
    "l1l2_tui.engine.one_weight",
    "l1l2_tui.engine.path",
    "l1l2_tui.engine.csv_data",
    "csv",
    "gzip",
    "importlib.resources",
    "l1l2_tui.terminal.command_palette",
    "l1l2_tui.views.view_screen",
    "l1l2_tui.widgets.weight_image",
    *(
        f"l1l2_tui.engine.claims.{view}"
        for view in ("compare", "forces", "one_weight", "path", "plane")
    ),
    *(f"l1l2_tui.views.{view}.words" for view in ("compare", "forces", "geometry", "path", "zero")),
    "importlib.metadata",
    "json",
    "l1l2_tui.cli.lesson_choice",
    "l1l2_tui.cli.lesson_commands",
    "l1l2_tui.cli.output",
    "l1l2_tui.cli.screenshot_command",
    "l1l2_tui.cli.script_commands",
    "l1l2_tui.cli.serve_command",
    "threadpoolctl",
)


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
