"""The two lessons written for a lecture, played in the app as a lecturer plays them (each scene
waits for PageDown): every caption is true of the run on screen when its scene has played."""

from __future__ import annotations

from collections.abc import AsyncIterator

import numpy as np
import pytest
from apps import build_app, play_frame
from textual.pilot import Pilot

from l1l2_tui.app import L1L2App
from l1l2_tui.engine import ProblemSpec
from l1l2_tui.engine.claims.main import zero_count
from l1l2_tui.engine.path import lam_max
from l1l2_tui.engine.penalties import L1
from l1l2_tui.lesson import shipped_lesson
from l1l2_tui.views.run_screen import RunScreen


async def scenes(app: L1L2App, pilot: Pilot[None]) -> AsyncIterator[tuple[str, RunScreen]]:
    """Play the lesson; at each scene that waits, (its caption, the screen it plays on), then
    PageDown for the next."""
    player = app.control.player
    assert player is not None
    for _ in range(10_000):
        if player.finished:
            return
        await play_frame(app, pilot)
        if player.waiting:
            await app.workers.wait_for_complete()
            yield player.caption, app.screen
            await pilot.press("pagedown")
            await pilot.pause()
    raise AssertionError("the lesson never ended")


def lam_of(app: L1L2App, ratio: float) -> float:
    return float(f"{ratio * lam_max(app.session.loss, L1(1.0)):.4g}")


async def test_the_geometry_lessons_captions_hold() -> None:
    lesson = shipped_lesson("geometry")
    app = build_app(problem=lesson.on_problem(ProblemSpec()), speed=10, lesson=lesson)
    checked = []
    async with app.run_test(size=(120, 40)) as pilot:
        async for caption, screen in scenes(app, pilot):
            w = app.session.weights
            if caption.startswith("Two correlated features"):
                assert screen.name == "geometry" and screen.pair == (0, 1)
                assert app.session.settings.penalty == "l2"
                assert app.session.settings.lam == lam_of(app, 0.15)
                assert np.all(w != 0.0) and w[1] > 0.3, "L2 shares the weight over the pair"
                shared = w[0]
            elif caption.startswith("L1's level set is a diamond"):
                assert app.session.settings.penalty == "l1"
                assert w[1] == 0.0 and w[0] > shared, "x1 takes it all"
            elif caption.startswith("A small lam"):
                assert app.session.settings.lam == lam_of(app, 0.02) and np.all(w != 0.0)
            elif caption.startswith("lam = lam_max"):
                assert np.all(w == 0.0)
            elif caption.startswith("One weight, the other held"):
                assert screen.name == "zero" and screen.feature == 1
                pull = app.session.forces().pull_at_zero[1]
                assert w[1] == 0.0 and abs(pull) <= app.session.settings.lam
            elif caption.startswith("Side by side"):
                left, right = screen.comparison.sessions
                assert (left.settings.penalty, right.settings.penalty) == ("l1", "l2")
                assert left.weights[1] == 0.0 and np.all(right.weights != 0.0)
            else:
                raise AssertionError(f"no check for {caption!r}")
            checked.append(caption)
    assert len(checked) == len(lesson.scenes)


@pytest.mark.slow
async def test_the_digits_lectures_captions_hold() -> None:
    lesson = shipped_lesson("lecture")
    app = build_app(problem=lesson.on_problem(ProblemSpec()), speed=20, lesson=lesson)
    checked = []
    async with app.run_test(size=(120, 40)) as pilot:
        blank = app.session.problem.constant_features
        async for caption, screen in scenes(app, pilot):
            session = app.session
            w, zero = session.weights, session.weights == 0.0
            resting = session.forces().resting
            if caption.startswith("L2's digit is grey"):
                assert session.settings.penalty == "l2"
                assert np.all(w[~blank] != 0.0) and zero_count(session).zeros == blank.sum()
            elif caption.startswith("L1 from the same weights"):
                assert session.settings.penalty == "l1"
                assert zero.sum() > 40 and np.all(resting[zero])
            elif caption.startswith("Each pixel's data pull"):
                assert screen.name == "forces" and np.all(resting[zero])
            elif caption.startswith("One pixel's weight"):
                assert screen.name == "zero"
            elif caption.startswith("The path as lam falls"):
                path = screen.computed(session.penalty)
                assert path is not None and path.nonzero[0] == 0
                assert np.all(np.diff(path.nonzero[:10]) >= 0)
            elif caption.startswith("Both from w = 0"):
                left, right = screen.comparison.sessions
                assert zero_count(left).zeros > 40 and zero_count(right).zeros == blank.sum()
            elif caption.startswith("Minibatches of 32"):
                left, right = screen.comparison.sessions
                assert (left.settings.optimizer, right.settings.optimizer) == (
                    "sgd",
                    "sgd-cumulative",
                )
                assert zero_count(left).zeros == blank.sum() and zero_count(right).zeros > 40
            else:
                raise AssertionError(f"no check for {caption!r}")
            checked.append(caption)
    assert len(checked) == 7, "every scene that waits"
