"""Opening the app loads what the main screen needs and nothing a view or a demo needs first."""

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
    "importlib.metadata",
)


def test_the_main_screen_starts_without_the_views_lessons_and_help():
    code = (
        "import sys\n"
        "from tui.cli import app\n"
        "from tui.app import make_app\n"
        "from tui.config import AppConfig\n"
        "make_app(AppConfig(autoplay=False))\n"
        f"print(','.join(name for name in {LATER!r} if name in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
