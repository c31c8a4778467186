"""The path view's computation: superseded or cancelled (the view closed), it stops between
grid points and what it still sends is dropped; a failure is told, not retried; an unknown
setting is told, not raised."""

from __future__ import annotations

import threading

import pytest
from apps import paused_app, until
from textual.widgets import ProgressBar

import l1l2_tui.views.path.screen as path_screen
from l1l2_tui.engine import L1, L2, regularization_path
from l1l2_tui.views.computation import Computation, threads_running
from l1l2_tui.views.path.screen import PathScreen
from l1l2_tui.widgets.narration_line import NarrationLine

GRID = 7


@pytest.fixture
def held_l1(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[tuple[str, int]]]:
    """The view's path solver, on a small grid, where an l1 computation waits before its first
    grid point until the returned event is set; the list records each grid point reported."""
    release = threading.Event()
    reported: list[tuple[str, int]] = []

    def solve(loss, penalty, on_point):  # type: ignore[no-untyped-def]
        def point(done: int, total: int) -> None:
            if penalty.name == "l1":
                release.wait(10)
            on_point(done, total)
            reported.append((penalty.name, done))

        return regularization_path(loss, penalty, num=GRID, on_point=point)

    monkeypatch.setattr(path_screen, "regularization_path", solve)
    return release, reported


async def test_a_superseded_computation_stops_and_its_result_is_dropped(held_l1) -> None:
    release, reported = held_l1
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PathScreen)
        l1_generation = screen.computation.generation
        await pilot.press("2")  # L2 while the L1 path is still being computed
        assert screen.computation.generation > l1_generation
        await until(pilot, lambda: screen.path is not None)
        release.set()
        await until(pilot, lambda: not threads_running())
        await pilot.pause()
        assert screen.path is not None and screen.path.penalty.name == "l2"
        # The L1 thread stopped at its first grid point, and reported none.
        assert [point for point in reported if point[0] == "l1"] == []
        bar = screen.query_one(ProgressBar)
        # The path's grid points, then the cross-validation's FOLDS + 1 paths along it.
        assert bar.progress == bar.total == GRID * (path_screen.FOLDS + 2)
        await pilot.press("1")  # back to L1: computed anew, as nothing was kept from before
        await until(pilot, lambda: screen.path is not None)
        assert screen.path.penalty.name == "l1"
        assert [point for point in reported if point[0] == "l1"] == [
            ("l1", done) for done in range(1, GRID + 1)
        ]


async def test_progress_from_an_older_computation_is_dropped(held_l1) -> None:
    release, _ = held_l1
    release.set()
    app = paused_app(penalty="l2")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        await until(pilot, lambda: screen.path is not None)
        bar = screen.query_one(ProgressBar)
        done = (bar.progress, bar.total)
        older = Computation.Progress(screen.computation.generation - 1, L2().at_lam(1.0), 1, 100)
        screen.post_message(older)
        await pilot.pause()
        assert (bar.progress, bar.total) == done


async def test_a_failed_computation_is_told_and_not_retried(monkeypatch) -> None:
    attempts: list[str] = []

    def fail(loss, penalty, on_point):  # type: ignore[no-untyped-def]
        attempts.append(penalty.name)
        raise ValueError("singular data")

    monkeypatch.setattr(path_screen, "regularization_path", fail)
    app = paused_app()
    told: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **options: told.append(message))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await until(pilot, lambda: told != [])
        await pilot.press("space")  # playing redraws the view every frame
        steps = app.session.step_count
        await until(pilot, lambda: app.session.step_count > steps + 3)
        await until(pilot, lambda: not threads_running())
        assert attempts == ["l1"]
        assert "singular data" in str(app.screen.query_one(NarrationLine).render())
        assert told == ["could not compute the path: singular data"]


async def test_an_unknown_setting_is_told_not_raised(monkeypatch) -> None:
    app = paused_app()
    told: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **options: told.append(message))
    async with app.run_test(size=(120, 40)) as pilot:
        before = app.session.settings
        app.screen.change(momentum=0.9)
        await pilot.pause()
        assert app.is_running and app.session.settings == before
        assert len(told) == 1 and "unknown setting momentum" in told[0]


async def test_closing_the_view_cancels_its_computation(held_l1) -> None:
    release, reported = held_l1
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        await until(pilot, lambda: threads_running())
        await pilot.press("question_mark")  # the help over the view leaves it computing
        assert screen.computation.key == L1().at_lam(1.0)
        await pilot.press("escape", "escape")  # the help, then the view
        assert screen.computation.key is None
        release.set()
        await until(pilot, lambda: not threads_running())
        assert reported == []  # stopped at its first grid point
        assert screen.path is None
        await pilot.press("p")  # reopened: computed anew
        await until(pilot, lambda: screen.path is not None)
        assert [point for point in reported if point[0] == "l1"] == [
            ("l1", done) for done in range(1, GRID + 1)
        ]
