"""The app as the tests build it: without argv, on the given options, paused unless told; and a
bare app that hosts one widget, for a widget tested on its own."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widget import Widget

from l1l2_tui.app import L1L2App, make_app
from l1l2_tui.config import DEFAULT_THEME, AppConfig, LineMarker, RunConfig
from l1l2_tui.engine import ProblemSpec
from l1l2_tui.lesson import Lesson
from l1l2_tui.terminal.link import LinkMode


def build_app(
    *,
    problem: ProblemSpec | None = None,
    fps: int = 15,
    speed: int = 1,
    marker: LineMarker = "braille",
    autoplay: bool = False,
    lesson: Lesson | None = None,
    once: bool = False,
    theme: str = DEFAULT_THEME,
    link: LinkMode = "auto",
    **settings: object,
) -> L1L2App:
    """The app on ``problem`` (default: the synthetic set) under ``settings`` (any fields of
    :class:`l1l2_tui.engine.Settings`), with the app's own options as :class:`AppConfig` names
    them."""
    run = RunConfig.of(problem, **settings)
    return make_app(AppConfig(run, fps, speed, marker, autoplay, lesson, once, theme, link))


def paused_app(**settings: object) -> L1L2App:
    """The app on the default data, paused, under ``settings``."""
    return build_app(**settings)


async def until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds: what the timer and the computations do takes
    wall-clock time, so a test waits for the state it needs, not for a guessed while."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out after {timeout} s")


async def computed(pilot: Pilot[None]) -> None:
    """Let the view on screen finish its background computation (its path, its pairs) and draw
    what it found."""
    computation = getattr(pilot.app.screen, "computation", None)
    if computation is not None:
        await until(pilot, lambda: not computation.running, timeout=60.0)
    await pilot.pause()


async def play_frame(app: L1L2App, pilot: Pilot[None]) -> None:
    """One frame of the lesson or the run on the screen on top, as its timer would play it; when
    the frame asks for another view, the app puts it up before the next frame."""
    screen = app.screen
    screen._tick()
    if screen.leaving:
        await pilot.pause()
        await computed(pilot)


class WidgetHost(App[None]):
    """An app whose screen holds ``widget`` alone."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget
