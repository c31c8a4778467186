"""The step axis grows in round jumps, value axes grow at once and shrink only after a while,
and the rows drawn stay the same between jumps, so the drawn history holds still."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from l1l2_tui.engine import History
from l1l2_tui.rendering.time_axis import MIN_STEP_SPAN, StickyRange, steady_samples, step_axis_end


@given(st.integers(0, 10**9), st.integers(0, 10**6))
def test_the_step_axis_reaches_the_newest_step_and_wastes_at_most_a_third(last, x0):
    end, spacing = step_axis_end(x0, x0 + last)
    assert end >= x0 + last
    assert end - x0 <= 1.5 * max(last, MIN_STEP_SPAN)
    ticks = (end - x0) / spacing
    assert ticks == round(ticks) and 3 <= ticks <= 5


def test_the_step_axis_holds_still_between_round_ends():
    ends = [step_axis_end(0, last)[0] for last in range(0, 2001)]
    round_ends = [10, 15, 20, 30, 40, 50, 60, 80, 100, 150, 200, 300, 400, 500, 600, 800, 1000]
    assert sorted(set(ends)) == [*round_ends, 1500, 2000]
    assert ends == sorted(ends)  # it only grows while the run does
    # Between jumps the end is the same for every newest step up to it.
    assert all(end == 150 for end in ends[101:151])


def test_a_value_axis_grows_at_once_with_headroom_and_never_for_data_inside():
    axis = StickyRange(headroom=0.1, patience=5)
    assert axis.update(0.0, 1.0) == (0.0, 1.0)
    assert axis.update(0.2, 0.9) == (0.0, 1.0)
    low, high = axis.update(0.0, 2.0)
    assert low == 0.0 and high == pytest.approx(2.2)
    assert axis.update(0.0, 2.1) == (low, high)


def test_a_value_axis_shrinks_only_after_the_data_stayed_well_inside_for_its_patience():
    axis = StickyRange(shrink_below=0.75, patience=3)
    axis.update(-1.0, 1.0)
    assert axis.update(0.0, 1.0) == (-1.0, 1.0)
    assert axis.update(0.0, 1.0) == (-1.0, 1.0)
    # Data back over three quarters of the axis starts the count again.
    assert axis.update(-0.6, 1.0) == (-1.0, 1.0)
    assert axis.update(0.0, 1.0) == (-1.0, 1.0)
    assert axis.update(0.0, 1.0) == (-1.0, 1.0)
    assert axis.update(0.0, 1.0) == (0.0, 1.0)


def test_a_cleared_value_axis_fits_the_next_data():
    axis = StickyRange()
    axis.update(-5.0, 5.0)
    axis.clear()
    assert axis.update(0.0, 1.0) == (0.0, 1.0)


def test_the_rows_drawn_stay_the_same_while_the_step_axis_holds():
    history = History(n_weights=1, capacity=256)
    drawn: list[set[float]] = []
    for step in range(0, 1500):
        history.record(step, 1.0, 0.0, 0, np.array([0.0]))
        trace = history.read()
        end, _ = step_axis_end(0, step)
        kept = steady_samples(trace, 0, end, points=120)
        assert kept[-1] == len(trace) - 1  # the newest step is always drawn
        assert len(kept) <= 2 * 120 + 1
        if end == 1500:
            drawn.append(set(trace.step[kept[:-1]].tolist()))
    assert len(drawn) > 400
    # Each frame draws the rows the one before drew, and perhaps one more: nothing moves.
    assert all(before <= after for before, after in pairwise(drawn))
