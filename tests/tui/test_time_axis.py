"""The step axis grows in round jumps, value axes grow at once and shrink only after a while,
and after a settings change the axis follows the run around it, so a late flip is readable."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l1l2_tui.engine import Marker
from l1l2_tui.rendering.time_axis import MIN_STEP_SPAN, StickyRange, step_axis_end, step_window


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


@pytest.mark.parametrize("change", [60, 10_000, 1_000_000])
def test_the_run_since_a_change_takes_at_least_a_third_of_the_step_axis(change):
    markers = [Marker(change, "L1")]
    for last in range(change + MIN_STEP_SPAN, change + 30 * change, max(change // 97, 1)):
        window = step_window(last, markers)
        assert window.x0 <= change <= last <= window.end
        assert (last - change) / (window.end - window.x0) >= 1 / 3, last


def test_right_after_a_late_change_the_axis_spans_a_few_steps_around_it():
    window = step_window(10_003, [Marker(10_000, "L1")])
    assert window.end - window.x0 == 15
    assert (window.end - 10_000) / (window.end - window.x0) == pytest.approx(2 / 3)


def test_the_whole_run_on_request_and_when_the_change_is_early():
    markers = [Marker(60, "L1"), Marker(10_000, "L2")]
    assert step_window(10_050, markers, whole_run=True) == step_window(10_050, [])
    assert step_window(10_050, []).x0 == 0
    # The run since an early change already fills a third of the whole run's axis.
    assert step_window(150, [Marker(60, "L1")]).x0 == 0
