"""A lesson in a lecturer's hands: PageDown/PageUp (and > <) go to the next and previous scene,
Home plays a scene again, wait scenes hold, and every scene comes back exactly as it started."""

from __future__ import annotations

import numpy as np
from apps import build_app, play_frame, until
from textual.widgets import Static

from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem
from l1l2_tui.lesson import parse_lesson
from l1l2_tui.lesson.player import Advance, LessonPlayer, SceneStart
from l1l2_tui.views.run_screen import RunScreen
from l1l2_tui.widgets.key_bar import KeyBar
from l1l2_tui.widgets.narration_line import NarrationLine

LESSON = parse_lesson(
    """
title = "Three scenes"

[[step]]
view = "main"
set = { penalty = "l2", optimizer = "proximal" }
reset = true
caption = "one"
run = 5
wait = true

[[step]]
set = { penalty = "l1" }
lam_ratio = 0.5
caption = "two"
run = 7

[[step]]
view = "zero"
weight = 2
units = 10
caption = "three"
pause = 3
wait = true
""",
    "three.toml",
)


def test_the_player_skips_the_rest_of_a_scene_and_seeks_back() -> None:
    player = LessonPlayer(LESSON, steps_per_frame=2)
    first = player.frame()
    assert first[0].index == 0 and player.scene == 0
    assert player.frame()[-1] == Advance(2)
    player.skip_scene()
    rest = player.frame()
    # The rest of scene 1 at once, then scene 2 set up, up to its run.
    assert rest[0] == Advance(3) and rest[1].index == 1 and len(rest) == 4
    assert (player.scene, player.caption, player.skipping) == (1, "two", False)
    saved = player.position()
    assert player.frame() == [Advance(2)]
    player.skip_scene()
    skipped = player.frame()
    assert skipped[0] == Advance(5) and skipped[1] == SceneStart(2, skipped[1].position)
    assert player.scene == 2
    player.seek(saved)
    assert (player.scene, player.caption) == (1, "two")
    assert player.frame() == [Advance(2)]


def test_a_wait_holds_until_skipped_and_a_recording_passes_it() -> None:
    held, passed = LessonPlayer(LESSON, 5), LessonPlayer(LESSON, 5, hold_waits=False)
    for player in (held, passed):
        player.frame()  # the scene's view
        player.frame()  # its run
        player.frame()  # its wait
    assert held.waiting and held.frame() == [] and held.scene == 0
    assert not passed.waiting and passed.scene == 1
    held.skip_scene()
    assert held.frame()[0].index == 1 and not held.waiting
    assert held.frame() == [Advance(5)]


def reference(steps_l2: int, steps_l1: int = 0, lam: float | None = None) -> Session:
    """The lesson's run on the engine alone: L2 for ``steps_l2`` steps, then L1 at ``lam``."""
    session = Session(build_problem(ProblemSpec()), Settings(penalty="l2", optimizer="proximal"))
    session.step(steps_l2)
    if steps_l1:
        session.update(penalty="l1", lam=lam)
        session.step(steps_l1)
    return session


async def test_a_lecturer_drives_the_lesson_forward_and_back_and_each_scene_comes_back() -> None:
    app = build_app(lesson=LESSON)
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.control.player
        line = app.screen.query_one("#lesson-line", Static)
        for _ in range(7):  # the view, five steps, the wait
            await play_frame(app, pilot)
        assert player.waiting and app.session.step_count == 5
        assert "Three scenes" in str(line.render()) and "scene 1/3" in str(line.render())
        assert "waiting" in str(line.render())
        await play_frame(app, pilot)
        assert app.session.step_count == 5, "a wait scene holds"

        await pilot.press("pagedown")
        await play_frame(app, pilot)
        assert player.scene == 1 and app.session.settings.penalty == "l1"
        lam = app.session.settings.lam
        await play_frame(app, pilot)
        await play_frame(app, pilot)
        assert app.session.step_count == 8
        assert str(app.screen.query_one(NarrationLine).render()).strip() == "► two"

        await pilot.press("greater_than_sign")  # the rest of scene 2 at once, then scene 3
        await until(pilot, lambda: app.current_view == "zero")
        expected = reference(5, 7, lam)
        assert np.array_equal(app.session.weights, expected.weights)
        zero = app.screen
        assert (zero.feature, zero.factor) == (1, 10.0)
        assert "scene 3/3" in str(zero.query_one("#lesson-line", Static).render())

        await pilot.press("pageup")
        await until(pilot, lambda: app.current_view == "main")
        assert (player.scene, app.session.step_count) == (1, 5)
        assert app.session.settings.penalty == "l2"
        assert np.array_equal(app.session.weights, reference(5).weights)
        for _ in range(4):
            await play_frame(app, pilot)
        assert app.session.step_count == 9
        assert np.array_equal(app.session.weights, reference(5, 4, lam).weights)

        await pilot.press("home")
        assert (player.scene, app.session.step_count) == (1, 5)
        assert app.session.settings.penalty == "l2"

        await pilot.press("less_than_sign")
        assert (player.scene, app.session.step_count) == (0, 0)
        await pilot.press("pagedown")  # scene 2 has been seen: it comes back as it started
        assert (player.scene, app.session.step_count) == (1, 5)
        assert np.array_equal(app.session.weights, reference(5).weights)


async def test_the_lecturers_keys_show_only_in_a_lesson() -> None:
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        keys = {binding.action for _, binding, _, _ in app.screen.active_bindings.values()}
        assert "next_scene" not in keys
        assert not app.screen.query("#lesson-line")
        await pilot.press("pagedown")
    app = build_app(lesson=LESSON)
    async with app.run_test(size=(80, 24)):
        keys = {binding.action for _, binding, _, _ in app.screen.active_bindings.values()}
        assert {"next_scene", "previous_scene", "restart_scene"} <= keys
        bar = app.screen.query_one(KeyBar).render().plain
        assert bar.startswith(" > Next scene  < Back  home Again "), "first, even at 80 columns"


async def test_the_opening_runs_l2_then_flips_to_l1_and_marks_the_flip() -> None:
    from l1l2_tui.app import make_app
    from l1l2_tui.config import OPENING_STEPS, AppConfig, RunConfig

    run = RunConfig.of(penalty="l2")
    app = make_app(AppConfig(run, speed=7, autoplay=False, opening=True))
    async with app.run_test(size=(120, 40)) as pilot:
        while app.session.step_count < OPENING_STEPS:
            assert app.session.settings.penalty == "l2"
            await play_frame(app, pilot)
        assert app.session.step_count == OPENING_STEPS, "the flip lands on its step"
        assert app.session.settings.penalty == "l1"
        assert [(m.step, m.label) for m in app.session.markers] == [(OPENING_STEPS, "L1")]
        await play_frame(app, pilot)
        await pilot.press("2")  # a key's change ends the opening: no flip again
        assert app.control.flip_at is None


async def test_a_converged_run_says_at_which_step_and_can_pause_there() -> None:
    from l1l2_tui.app import make_app
    from l1l2_tui.config import AppConfig, RunConfig
    from l1l2_tui.widgets.status_line import StatusLine

    app = make_app(AppConfig(RunConfig.of(penalty="l1"), speed=50, pause_when_converged=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: not app.control.running, timeout=30)
        assert app.session.converged
        status = str(app.screen.query_one(StatusLine).render())
        assert f"converged at step {app.session.step_count}" in status and "paused" in status


async def test_a_storm_of_lecturer_and_view_keys_leaves_the_lesson_whole() -> None:
    import random

    keys = ["pagedown", "pageup", "home", "greater_than_sign", "less_than_sign", "space", "n"]
    keys += ["g", "z", "c", "escape", "question_mark", "l", "r"]
    chooser = random.Random(24)
    app = build_app(lesson=LESSON)
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.control.player
        for _ in range(60):
            await pilot.press(chooser.choice(keys))
            if chooser.random() < 0.5 and isinstance(app.screen, RunScreen):
                await play_frame(app, pilot)
            assert 0 <= player.scene < player.scene_count
        while not isinstance(app.screen, RunScreen):
            await pilot.press("escape")
        if app.control.running:
            await pilot.press("space")  # paused: no frame plays between Home and the reading
        await pilot.press("home")
        await pilot.pause()
        saved = app.scene_states[player.scene]
        assert app.session.step_count == saved.session.step_count
        assert np.array_equal(app.session.weights, saved.session.weights)
