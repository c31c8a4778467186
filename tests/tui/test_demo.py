"""The demo: a lesson plays itself, frame by frame, on whichever view it asks for."""

from __future__ import annotations

import pytest
from apps import build_app, play_frame, until
from pty_app import app_in_pty

from l1l2_tui.lesson import (
    DEFAULT_LESSON,
    Caption,
    Change,
    Lesson,
    Pause,
    Reset,
    Run,
    View,
    Wait,
    step_frames,
)
from l1l2_tui.lesson.player import Advance, LessonPlayer
from l1l2_tui.views import MAIN
from l1l2_tui.widgets.narration_line import NarrationLine


class Recorder:
    """A stage that remembers the commands the player gave it, as (what, argument)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def play(self, player: LessonPlayer) -> str | None:
        """One frame of ``player``; the view it switches to, if any."""
        for command in player.frame():
            match command:
                case Advance():
                    self.calls.append(("advance", command.steps))
                case Change():
                    self.calls.append(("change", command.changes()))
                case Reset():
                    self.calls.append(("reset", None))
                case View():
                    return command.name
        return None


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
    assert stage.play(player) is None
    assert stage.calls == [("reset", None), ("change", {"penalty": "l2"}), ("advance", 2)]
    assert player.caption == "two"
    stage.play(player)
    stage.play(player)
    assert stage.calls[-2:] == [("advance", 2), ("advance", 1)]
    calls = len(stage.calls)
    stage.play(player)
    stage.play(player)
    assert len(stage.calls) == calls, "a pause holds two frames"
    assert stage.play(player) == "geometry"
    stage.play(player)
    assert stage.calls[-2:] == [("change", {"penalty": "l1"}), ("advance", 2)]


def test_player_loops_or_stops_once():
    looping, once = LessonPlayer(LESSON, 2), LessonPlayer(LESSON, 2, loop=False)
    frames = LESSON.total_frames(2)
    for player in (looping, once):
        stage = Recorder()
        for _ in range(frames + 1):
            stage.play(player)
    assert not looping.finished and looping.frames_played == frames + 1
    assert once.finished


def test_same_lesson_same_frames():
    def record() -> list[tuple[str, object]]:
        player, stage = LessonPlayer(DEFAULT_LESSON), Recorder()
        for _ in range(DEFAULT_LESSON.total_frames() + 30):
            stage.play(player)
        return stage.calls

    assert record() == record()


def demo_app(once: bool = False, autoplay: bool = False):
    return build_app(fps=60, autoplay=autoplay, lesson=DEFAULT_LESSON, once=once)


async def play_frames(app, pilot, frames: int) -> set[str]:
    """Tick the view on screen ``frames`` times; the names of the views shown."""
    shown = {type(app.screen).__name__}
    for _ in range(frames):
        await play_frame(app, pilot)
        shown.add(type(app.screen).__name__)
    return shown


@pytest.mark.slow
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
        assert "►" in str(app.screen.query_one(NarrationLine).render())


@pytest.mark.slow
async def test_demo_visits_views_and_loops():
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.control.player
        visited = await play_frames(app, pilot, DEFAULT_LESSON.total_frames() + 10)
        assert {"MainScreen", "GeometryScreen", "ForcesScreen", "PathScreen"} <= visited
        assert not player.finished
        assert player.frames_played == DEFAULT_LESSON.total_frames() + 10


async def test_space_pauses_the_story_and_once_ends_the_app_with_its_last_scene():
    app = demo_app(once=True, autoplay=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.control.player.frames_played > 0)
        await pilot.press("space")
        played = app.control.player.frames_played
        assert played > 0 and not app.control.running
        await pilot.pause(0.2)
        assert app.control.player.frames_played == played
        await play_frames(app, pilot, DEFAULT_LESSON.total_frames() - played)
        assert not app.control.player.finished and app.return_code is None
        await play_frames(app, pilot, 1)
        assert app.control.player.finished
        assert not app.control.running
        assert app.return_code == 0, "the demo ends by itself, with status 0"


def test_demo_once_ends_by_itself_in_a_terminal_with_status_0(tmp_path):
    lesson = tmp_path / "short.toml"
    lesson.write_text('title = "short"\n[[step]]\nrun = 20\n[[step]]\npause = 10\n')
    args = ("-m", "l1l2_tui", "demo", "--lesson", str(lesson), "--once", "--pace", "4")
    with app_in_pty(args) as child:
        child.wait_for_exit(timeout=60)
        assert child.process.returncode == 0, child.tail()
        assert b"\x1b[?1049l" in child.output, "the terminal was given back"
        assert b"Traceback" not in child.output


async def test_without_once_a_lesson_that_does_not_loop_holds_its_last_frame():
    lesson = Lesson("short", (Run(3), Pause(2)))
    app = build_app(lesson=lesson, autoplay=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await play_frames(app, pilot, lesson.total_frames() + 1)
        assert app.control.player.finished and not app.control.running
        assert app.return_code is None and app.session.step_count == 3


def scene_captions(lesson: Lesson) -> list[str]:
    """The caption each frame of one pass should show, from the lesson alone: a scene's caption
    from its first frame (a view change brings its scene's caption with it) until the next."""
    expected: list[str] = []
    caption = ""
    first = next(s for s in lesson.steps if isinstance(s, Run | Pause | Wait | View))
    for index, step in enumerate(lesson.steps):
        if isinstance(step, Caption):
            caption = step.text
        elif isinstance(step, View):
            for later in lesson.steps[index + 1 :]:
                if isinstance(later, Run | Pause | View):
                    break
                if isinstance(later, Caption):
                    caption = later.text
                    break
        # The app opens on the main screen: a first view of it takes no frame.
        opening = step is first and step == View(MAIN)
        expected += [caption] * (0 if opening else step_frames(step))
    return expected


async def test_each_scene_shows_its_caption_during_the_scene_and_only_then():
    app = demo_app()
    expected = scene_captions(DEFAULT_LESSON)
    assert len(expected) == DEFAULT_LESSON.total_frames()
    live_frames = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Before the first frame, the lesson's first scene is set up: no instant of the run's
        # own options first.
        shown = str(app.screen.query_one(NarrationLine).render()).strip()
        assert shown == f"► {expected[0]}"
        assert app.session.settings.penalty == "none", "the first scene's settings"
        for frame, caption in enumerate(expected):
            await play_frame(app, pilot)
            shown = str(app.screen.query_one(NarrationLine).render()).strip()
            if caption:
                assert shown == f"► {caption}", f"frame {frame}"
            else:
                live_frames += 1
                assert not shown.startswith("►"), f"frame {frame}: a stale caption"
                assert shown == app.screen.narration(), f"frame {frame}"
    assert live_frames > 0


async def test_the_geometry_scene_shows_a_corner_on_an_axis():
    app = demo_app()
    starts = DEFAULT_LESSON.start_frames()
    geometry = DEFAULT_LESSON.steps.index(View("geometry"))
    live = next(
        i for i, step in enumerate(DEFAULT_LESSON.steps) if i > geometry and step == Caption("")
    )
    async with app.run_test(size=(120, 40)) as pilot:
        while app.control.player.frames_played < starts[live] + 1:
            await play_frame(app, pilot)
        assert app.current_view == "geometry"
        optimum = app.screen.plane_view().optimum
        assert (optimum == 0.0).sum() == 1, "one weight on an axis, the other not"
        assert "on an axis" in str(app.screen.query_one(NarrationLine).render())


async def test_the_lesson_player_obeys_the_view_and_the_speed_keys():
    lesson = Lesson("t", (View("compare"), Change(penalty="l2"), Run(100)), loop=False)
    app = build_app(fps=60, lesson=lesson)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen._tick()
        await pilot.pause()
        assert app.current_view == "compare"
        await pilot.press("right_square_bracket", "right_square_bracket")
        app.screen._tick()
        left, right = app.screen.comparison.sessions
        assert (left.penalty.name, right.penalty.name) == ("l1", "l2"), "each side keeps its own"
        assert left.step_count == app.control.speed == 4


async def test_the_demo_runs_the_proximal_step_its_captions_speak_of():
    app = build_app(fps=60, lesson=DEFAULT_LESSON, optimizer="subgradient")
    async with app.run_test(size=(120, 40)):
        app.screen._tick()
        app.screen._tick()
        assert app.session.settings.optimizer == "proximal"
