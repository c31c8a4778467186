"""The Textual app: global keys, the stylesheet, and the main screen on a session."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from engine import Session
from tui.config import AppConfig
from tui.screens.main import MainScreen
from tui.screens.run_screen import RunControl, RunScreen
from tui.startup import release_collector
from tui.terminal_signals import install_exit_handlers

MAIN = "main"
VIEWS = {
    "geometry": "tui.screens.geometry:GeometryScreen",
    "forces": "tui.screens.forces:ForcesScreen",
    "path": "tui.screens.path:PathScreen",
    "compare": "tui.screens.compare:CompareScreen",
}
"""Each view's screen class, imported the first time the view opens: start-up pays only for
the main screen."""


class L1L2App(App[None]):
    """Live gradient descent: why L1 makes weights exactly zero while L2 only shrinks them."""

    CSS_PATH = "app.tcss"
    TITLE = "l1l2-tui"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "view('geometry')", "Geometry", tooltip="The two-weight picture"),
        Binding("w", "view('forces')", "Forces", tooltip="Data pull against penalty pull"),
        Binding("p", "view('path')", "Path", tooltip="Weights against lam"),
        Binding("c", "view('compare')", "Compare", tooltip="L1 and L2 side by side"),
        Binding("s", "screenshot", "Shot", tooltip="Save an SVG screenshot"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Keys and the idea"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, config: AppConfig, session: Session) -> None:
        super().__init__()
        self.config = config
        self.session = session
        player = None
        if config.lesson is not None:
            from tui.demo import LessonPlayer

            player = LessonPlayer(config.lesson, config.speed, loop=False if config.once else None)
        self.control = RunControl(config.autoplay, config.speed, config.fps, player)
        self._views: dict[str, RunScreen] = {}

    def get_default_screen(self) -> MainScreen:
        # The main screen is the default screen and a view is pushed over it, rather than each
        # being a Textual mode: opening a mode re-parses every stylesheet, and at start-up that
        # also held the first frame back until the next screen update (together about 60 ms).
        return MainScreen(self.session, self.control, self.config.marker)

    @property
    def current_view(self) -> str:
        """``"main"`` or the name of the view on screen (under the help, when it is open)."""
        top = next(s for s in reversed(self.screen_stack) if isinstance(s, RunScreen))
        return next((name for name, view in self._views.items() if view is top), MAIN)

    def show_view(self, name: str) -> None:
        """Put the main screen or a view on screen. A view's screen is built the first time it
        opens and kept, with its state, after. Nothing changes while the help (or another
        modal screen) is open over the view."""
        if name == self.current_view or not isinstance(self.screen, RunScreen):
            return
        if name == MAIN:
            self.pop_screen()
            return
        if name not in self._views:
            module, _, class_name = VIEWS[name].partition(":")
            screen_class = getattr(import_module(module), class_name)
            self._views[name] = screen_class(self.session, self.control, self.config.marker)
            self.install_screen(self._views[name], name)
        if self.current_view == MAIN:
            self.push_screen(name)
        else:
            self.switch_screen(name)

    def on_mount(self) -> None:
        install_exit_handlers(self)
        self.call_after_refresh(release_collector)

    def action_view(self, name: str) -> None:
        """Open a view; its own key or escape goes back to the main screen."""
        if name == "geometry" and self.session.problem.n_features < 2:
            self.notify("The geometry view needs at least two features.", severity="warning")
            return
        self.show_view(MAIN if self.current_view == name else name)

    def action_help(self) -> None:
        # Imported here: the help's Markdown widget adds a tenth of a second to start-up.
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_screenshot(self) -> None:
        name = f"l1l2-tui-step{self.session.step_count}.svg"
        if self.is_web:
            # Served to a browser (`l1l2-tui serve`): the file goes to that browser, never onto
            # the server's disk.
            self.deliver_screenshot(name)
            self.notify(f"{name} sent to your browser", title="Screenshot")
            return
        path = self.save_screenshot(filename=name, path=str(Path.cwd()))
        self.notify(f"screenshot saved to {path}", title="Screenshot")


def make_app(config: AppConfig | None = None, session: Session | None = None) -> L1L2App:
    """Build the app without parsing argv (tests and the CLI both use this)."""
    config = config or AppConfig()
    return L1L2App(config, session or config.run.build_session())
