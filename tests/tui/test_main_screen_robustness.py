"""Key mashing, resize storms and long runs never crash the app."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from apps import build_app, until
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l1l2_tui.views import VIEWS
from l1l2_tui.views.main.screen import MainScreen

KEYS = [
    "space", "n", "right", "l", "1", "2", "e", "0", "plus", "minus", "right_square_bracket",
    "left_square_bracket", "o", "r", "comma", "full_stop", "question_mark", "escape",
    *(view.key for view in VIEWS), "f",
]  # fmt: skip
SIZES = st.tuples(st.integers(20, 140), st.integers(6, 45))


@pytest.mark.slow
@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    keys=st.lists(st.sampled_from(KEYS), min_size=5, max_size=20),
    sizes=st.lists(SIZES, min_size=1, max_size=4),
)
def test_random_keys_and_sizes_never_crash(keys: list[str], sizes: list[tuple[int, int]]):
    async def run() -> None:
        app = build_app(fps=60, speed=7)
        async with app.run_test(size=(120, 40)) as pilot:
            for i, key in enumerate(keys):
                await pilot.press(key)
                if i % 8 == 0:
                    await pilot.resize_terminal(*sizes[(i // 8) % len(sizes)])
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert np.all(np.isfinite(app.session.weights))
        assert app.return_code in (None, 0)

    asyncio.run(run())


@pytest.mark.slow
async def test_resize_storm_down_to_20x6_and_back():
    app = build_app(fps=60, speed=5, autoplay=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for width, height in [(20, 6), (61, 21), (59, 19), (200, 60), (20, 6), (80, 24)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await until(pilot, lambda: app.session.step_count > 0)
        assert isinstance(app.screen, MainScreen)
        assert not app.screen.has_class("too-small")
        assert app.session.step_count > 0


async def test_a_long_run_keeps_memory_bounded():
    """The history is thinned as the run grows: a run 20 times its capacity takes no more."""
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        history = app.session.history
        size_before = history.nbytes
        for _ in range(4):
            app.session.step(20 * history.capacity // 4)
            await pilot.press("n")
        assert app.session.step_count == 20 * history.capacity + 4
        assert history.nbytes == size_before
        assert len(history) <= history.capacity + 1
        status = str(app.screen.query_one("#status").render())
        assert f"step {app.session.step_count}" in status
