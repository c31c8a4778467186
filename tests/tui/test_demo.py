"""The demo: a lesson plays itself, frame by frame, on whichever view it asks for."""

from __future__ import annotations

from tui.app import make_app
from tui.config import AppConfig, RunConfig
from tui.demo import LessonPlayer
from tui.lesson import DEFAULT_LESSON, Caption, Change, Lesson, Pause, Reset, Run, View
from tui.widgets.narration_line import NarrationLine


class Recorder:
    """A stage that remembers what the player asked of it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def advance(self, steps: int) -> None:
        self.calls.append(("advance", steps))

    def change(self, **settings: object) -> None:
        self.calls.append(("change", settings))

    def action_reset(self) -> None:
        self.calls.append(("reset", None))


LESSON = Lesson(
    "t",
    (
        Reset(),
        Change(penalty="l2"),
        Caption("two"),
        Run(5),
        Pause(2),
        View("geometry"),
        Change(penalty="l1"),
        Run(3),
    ),
    loop=True,
)


def test_player_runs_steps_per_frame_and_pauses_whole_frames():
    player, stage = LessonPlayer(LESSON, steps_per_frame=2), Recorder()
    assert player.frame(stage) is None
    assert stage.calls == [("reset", None), ("change", {"penalty": "l2"}), ("advance", 2)]
    assert player.caption == "two"
    player.frame(stage)
    player.frame(stage)
    assert stage.calls[-2:] == [("advance", 2), ("advance", 1)]
    calls = len(stage.calls)
    player.frame(stage)
    player.frame(stage)
    assert len(stage.calls) == calls, "a pause holds two frames"
    assert player.frame(stage) == "geometry"
    player.frame(stage)
    assert stage.calls[-2:] == [("change", {"penalty": "l1"}), ("advance", 2)]


def test_player_loops_or_stops_once():
    looping, once = LessonPlayer(LESSON, 2), LessonPlayer(LESSON, 2, loop=False)
    frames = LESSON.total_frames(2)
    for player in (looping, once):
        stage = Recorder()
        for _ in range(frames + 1):
            player.frame(stage)
    assert not looping.finished and looping.frames_played == frames + 1
    assert once.finished


def test_same_lesson_same_frames():
    def record() -> list[tuple[str, object]]:
        player, stage = LessonPlayer(DEFAULT_LESSON), Recorder()
        for _ in range(DEFAULT_LESSON.total_frames() + 30):
            player.frame(stage)
        return stage.calls

    assert record() == record()


def demo_app(once: bool = False, autoplay: bool = False):
    config = AppConfig(
        run=RunConfig(), fps=60, speed=1, autoplay=autoplay, lesson=DEFAULT_LESSON, once=once
    )
    return make_app(config)


async def play_frames(app, pilot, frames: int) -> set[str]:
    """Tick the view on screen ``frames`` times; the names of the views shown."""
    shown = {type(app.screen).__name__}
    for _ in range(frames):
        mode = app.current_view
        app.screen._tick()
        if app.current_view != mode:
            await pilot.pause()
            shown.add(type(app.screen).__name__)
    return shown


async def test_demo_shows_l2_then_l1_and_captions_within_its_first_frames():
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.control.player
        screen = app.screen
        seen = set()
        while player.frames_played < 270:
            screen._tick()
            seen.add((app.session.settings.penalty, app.session.zeros > 0))
        await pilot.pause()
        assert ("l2", False) in seen
        assert ("l1", True) in seen
        assert "▸" in str(app.screen.query_one(NarrationLine).render())


async def test_demo_visits_views_and_loops():
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.control.player
        visited = await play_frames(app, pilot, DEFAULT_LESSON.total_frames() + 10)
        assert {"MainScreen", "GeometryScreen", "ForcesScreen", "PathScreen"} <= visited
        assert not player.finished
        assert player.frames_played == DEFAULT_LESSON.total_frames() + 10


async def test_space_pauses_the_story_and_once_stops_it():
    app = demo_app(once=True, autoplay=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await pilot.press("space")
        played = app.control.player.frames_played
        assert played > 0 and not app.control.running
        await pilot.pause(0.2)
        assert app.control.player.frames_played == played
        await play_frames(app, pilot, DEFAULT_LESSON.total_frames())
        assert app.control.player.finished
        assert not app.control.running
