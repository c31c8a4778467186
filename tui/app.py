"""The Textual app: global keys, the stylesheet, and the main screen on a session."""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from rich.console import Console
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.driver import Driver

from l1l2_tui import views
from l1l2_tui.config import OPENING_STEPS, AppConfig
from l1l2_tui.crash_report import report_crash
from l1l2_tui.engine import Session
from l1l2_tui.engine.blas import one_blas_thread
from l1l2_tui.engine.files import escape_controls
from l1l2_tui.startup import release_collector
from l1l2_tui.terminal.key_bursts import KeyPress
from l1l2_tui.terminal.link import LinkPacer
from l1l2_tui.terminal.signals import install_exit_handlers
from l1l2_tui.terminal.styles_cache import cache_inner_outer_by_colour
from l1l2_tui.views import MAIN, VIEWS
from l1l2_tui.views.main.screen import MainScreen
from l1l2_tui.views.run_screen import LESSON_ACTIONS, RunControl, RunScreen

if TYPE_CHECKING:
    from l1l2_tui.lesson.player import Position, SceneStart

HELP = "help"
NO_FOLDER = "the current folder no longer exists; start l1l2-tui in one that does"
VIEW_BY_NAME = {view.name: view for view in VIEWS}

VIEW_KEYS = Binding.Group("Views")
"""The view keys share one place on the key bar, pinned beside help and quit at any width."""
LESSON_BINDINGS = [
    Binding(
        "pagedown,greater_than_sign",
        "next_scene",
        "Next scene",
        key_display=">",
        tooltip="The lesson's next scene (PageDown: what a presentation clicker sends)",
    ),
    Binding(
        "pageup,less_than_sign",
        "previous_scene",
        "Back",
        key_display="<",
        tooltip="The previous scene, as it was when it started (PageUp)",
    ),
    Binding("home", "restart_scene", "Again", tooltip="This scene again, from its start"),
]
"""The lecturer's keys: shown, and working, while a lesson plays."""


class L1L2App(App[None]):
    """Live gradient descent: why L1 makes weights exactly zero while L2 only shrinks them."""

    CSS_PATH = "app.tcss"
    TITLE = "l1l2-tui"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                view.key, f"view('{view.name}')", view.title, tooltip=view.help, group=VIEW_KEYS
            )
            for view in VIEWS
        ),
        *LESSON_BINDINGS,
        Binding("s", "screenshot", "Shot", tooltip="Save an SVG screenshot"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Keys and the idea"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+z", "suspend_process", "Suspend", show=False, tooltip="fg resumes"),
    ]

    def __init__(self, config: AppConfig, session: Session) -> None:
        super().__init__()
        cache_inner_outer_by_colour()  # or every closed screen would stay in memory
        self.config = config
        self.session = session
        player = None
        if config.lesson is not None:
            from l1l2_tui.lesson.player import LessonPlayer

            player = LessonPlayer(config.lesson, config.speed, loop=False if config.once else None)
        self.control = RunControl(
            config.autoplay,
            config.speed,
            config.fps,
            player,
            exit_at_lesson_end=config.once,
            link=LinkPacer(config.link),
            pause_when_converged=config.pause_when_converged,
            flip_at=OPENING_STEPS if config.opening and player is None else None,
        )
        self.control.scene_started = self.save_scene
        self.scene_states: dict[int, SceneState] = {}
        """The state at the start of each scene a lesson has reached, by scene (from 0)."""
        from l1l2_tui.rendering.themes import THEMES

        for theme in THEMES.values():
            self.register_theme(theme)
        self.theme = config.theme
        if config.marker == "ascii":
            from l1l2_tui.rendering.ascii_only import AsciiOnly

            self._filters.append(AsciiOnly())
        self._views: dict[str, RunScreen] = {}

    def get_driver_class(self) -> type[Driver]:
        # Textual's own driver dies on some input bytes, trusts any size and can hang on
        # SIGTSTP (see l1l2_tui.terminal.driver), and knows nothing of how fast the terminal
        # takes frames (l1l2_tui.terminal.link).
        driver_class = super().get_driver_class()
        if os.name == "posix":
            from textual.drivers.linux_driver import LinuxDriver

            from l1l2_tui.terminal.paced_driver import PacedLinuxDriver

            if driver_class is LinuxDriver:
                return PacedLinuxDriver
        return driver_class

    def run(self, **options: Any) -> Any:
        """Run the app (options as :meth:`App.run`). After an internal error, once the terminal
        is given back, say so in one line on stderr and exit with status 1 (Textual alone prints
        the traceback and, for an error in its input thread, returns status 0); exit with the
        app's return code when it is not 0 (130 after SIGINT)."""
        # Textual prints an unhandled error to ``error_console`` once the terminal is restored.
        errors = StringIO()
        self.error_console = Console(file=errors, color_system=None, width=120, markup=False)
        result = super().run(**options)
        if errors.getvalue():
            report_crash(errors.getvalue())
            raise SystemExit(self.return_code or 1)
        if self.return_code:
            raise SystemExit(self.return_code)
        return result

    def get_default_screen(self) -> MainScreen:
        # The main screen is the default screen and a view is pushed over it, rather than each
        # being a Textual mode: opening a mode re-parses every stylesheet, and at start-up that
        # also held the first frame back until the next screen update (together about 60 ms).
        return MainScreen(self.session, self.control, self.config.marker, name=MAIN)

    @property
    def current_view(self) -> str:
        """``"main"`` or the name of the view on screen (under the help, when it is open)."""
        return self.screen_on_top().name or MAIN

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
            screen_class = getattr(views, VIEW_BY_NAME[name].screen)  # its module loads now
            self._views[name] = screen_class(
                self.session, self.control, self.config.marker, name=name
            )
            self.install_screen(self._views[name], name)
        if self.current_view == MAIN:
            self.push_screen(name)
        else:
            self.switch_screen(name)

    # -- the lecturer's keys -------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LESSON_ACTIONS:
            player = self.control.player
            if player is None:
                return False  # no lesson: the keys are neither shown nor taken
            if action == "previous_scene":
                return player.scene > 0 or None
            if action == "next_scene":
                return not player.finished or None
        return True

    def save_scene(self, start: SceneStart) -> None:
        """Keep the state at the start of a scene the first time the lesson gets there: the
        run, the view on screen and what each view shows, and where the lesson is."""
        if start.index not in self.scene_states:
            self.scene_states[start.index] = SceneState(
                self.current_view,
                self.session.copy(),
                {name: screen.view_state() for name, screen in self._views.items()},
                start.position,
            )

    def restore_scene(self, index: int) -> None:
        """Put the run, the views and the lesson back as they were when scene ``index``
        started; it plays from there as the run plays (space pauses and plays as ever)."""
        player = self.control.player
        state = self.scene_states.get(index)
        if player is None or state is None:
            return
        while not isinstance(self.screen, RunScreen):
            self.pop_screen()  # the help, or the command palette
        self.session.restore(state.session)
        for name, screen in self._views.items():
            screen.restore_view_state(state.views.get(name))
        player.seek(state.position)
        if state.view == self.current_view:
            self.screen_on_top().redraw(force=True)
        else:
            self.show_view(state.view)  # drawn as it comes up

    def screen_on_top(self) -> RunScreen:
        """The main screen or the view on screen (under the help, when it is open)."""
        return next(s for s in reversed(self.screen_stack) if isinstance(s, RunScreen))

    def action_next_scene(self) -> None:
        """The next scene: as it was when it last started, if it has; else the rest of this
        one played at once (its runs in one go), so the next starts where it would have."""
        player = self.control.player
        if player is None or player.finished:
            return
        if player.scene + 1 in self.scene_states and player.scene + 1 < player.scene_count:
            self.restore_scene(player.scene + 1)
            return
        player.skip_scene()
        screen = self.screen_on_top()
        screen.play_skipped()
        screen.redraw()

    def action_previous_scene(self) -> None:
        player = self.control.player
        if player is not None:
            self.restore_scene(max(0, player.scene - 1))

    def action_restart_scene(self) -> None:
        player = self.control.player
        if player is not None:
            self.restore_scene(player.scene)

    def on_run_screen_open_view(self, message: RunScreen.OpenView) -> None:
        """A lesson's scene asks for another view."""
        self.show_view(message.view)

    def on_mount(self) -> None:
        install_exit_handlers(self)
        self.app_resume_signal.subscribe(self, self._repaint_after_resume)
        self.call_after_refresh(release_collector)
        # All the app's maths is the engine's small products: one BLAS thread for good, set
        # after the first frame (threadpoolctl takes some 30 ms to load).
        self.call_after_refresh(one_blas_thread)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, KeyPress) and event.count > 1 and CommandPalette.is_open(self):
            # Typed ahead into the palette's search: every character counts.
            for _ in range(event.count - 1):
                await super().on_event(event.single())
        await super().on_event(event)

    def _repaint_after_resume(self, _app: App[None]) -> None:
        # Back from ctrl+z (fg), the terminal shows a blank alternate screen, while Textual only
        # redraws what it thinks changed: nothing, until the next key.
        self.screen.refresh()

    def action_view(self, name: str) -> None:
        """Open a view, unless it cannot show this run; its own key or escape goes back to the
        main screen."""
        if name not in (MAIN, self.current_view):
            refusal = getattr(views, VIEW_BY_NAME[name].screen).refusal(self.session)
            if refusal:
                self.notify(refusal, severity="warning")
                return
        self.show_view(MAIN if self.current_view == name else name)

    def action_command_palette(self) -> None:
        # As App.action_command_palette, with the palette whose paging cannot fail.
        if self.use_command_palette and not CommandPalette.is_open(self):
            from l1l2_tui.terminal.command_palette import (
                GuardedCommandPalette,  # a screen class: built on use
            )

            self.push_screen(GuardedCommandPalette(id="--command-palette"))

    def action_help(self) -> None:
        """Show the help of the view on screen, built the first time for that view (in that
        theme, whose colours it names) and kept: its words do not change during a run."""
        # Imported here: Rich's Markdown adds a tenth of a second to start-up.
        from l1l2_tui.views.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        view = self.current_view
        name = f"{HELP}-{view}-{self.theme}"
        if not self.is_screen_installed(name):
            sections = self.key_sections(view)
            self.install_screen(HelpScreen(view, sections, self.session.problem), name)
        self.push_screen(name)

    def palette_binding(self) -> list[Binding]:
        if not self.ENABLE_COMMAND_PALETTE:
            return []
        return [Binding(self.COMMAND_PALETTE_BINDING, "command_palette", "Commands")]

    def key_sections(self, view: str = MAIN) -> list[tuple[str, list[Binding]]]:
        """Every key of the app and of every view, by where it works, the keys of ``view``
        first (and the lecturer's during a lesson): the help lists these."""
        from l1l2_tui.views.view_screen import ViewScreen

        lesson = bindings_of(LESSON_BINDINGS) if self.control.player else []
        everywhere = [b for b in bindings_of(self.BINDINGS) if b.action not in LESSON_ACTIONS]
        own = {MAIN: ("The main screen", bindings_of(MainScreen.BINDINGS))}
        for row in VIEWS:
            screen = getattr(views, row.screen)
            keys = [b for b in bindings_of(screen.BINDINGS) if b not in ViewScreen.BINDINGS]
            own[row.name] = (f"{row.title} view", keys)
        first = own.pop(view)
        if view != MAIN:
            first = (first[0], [*bindings_of(ViewScreen.BINDINGS), *first[1]])
        sections = [
            first,
            *([("The lesson", lesson)] if lesson else []),
            ("The run (every screen)", bindings_of(RunScreen.BINDINGS)),
            ("Everywhere", [*everywhere, *self.palette_binding()]),
        ]
        if view == MAIN:
            sections.append(("In a view", bindings_of(ViewScreen.BINDINGS)))
        return sections + [(title, keys) for title, keys in own.values() if keys]

    def action_screenshot(self) -> None:
        """Save an SVG of the screen in the current folder, under a name of its own: the view,
        the step and, when that is taken, a number (nothing is ever written over)."""
        stem = f"l1l2-tui-{self.current_view}-step{self.session.step_count}"
        if self.is_web:
            # Served to a browser (`l1l2-tui serve`): the file goes to that browser, never onto
            # the server's disk.
            self.deliver_screenshot(f"{stem}.svg")
            self.notify(f"{stem}.svg sent to your browser", title="Screenshot", markup=False)
            return
        from l1l2_tui.file_output import OutputError, write_numbered_file

        try:
            folder = Path.cwd()
        except FileNotFoundError:
            self.notify(NO_FOLDER, title="Screenshot not saved", severity="error", markup=False)
            return
        try:
            path = write_numbered_file(folder, stem, ".svg", self.export_screenshot())
        except OutputError as exc:
            self.notify(str(exc), title="Screenshot not saved", severity="error", markup=False)
            return
        self.notify(f"saved to {escape_controls(str(path))}", title="Screenshot", markup=False)


class SceneState(NamedTuple):
    """The state at a scene's start: the view on screen, a copy of the run, each built view's
    own state (:meth:`RunScreen.view_state`) and where the lesson was."""

    view: str
    session: Session
    views: dict[str, object]
    position: Position


def bindings_of(bindings: list[BindingType]) -> list[Binding]:
    """``Binding`` objects for a ``BINDINGS`` list (which may hold tuples)."""
    return list(Binding.make_bindings(bindings))


def make_app(config: AppConfig | None = None, session: Session | None = None) -> L1L2App:
    """Build the app without parsing argv (tests and the CLI both use this)."""
    config = config or AppConfig()
    return L1L2App(config, session or config.run.build_session())
