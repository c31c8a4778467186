"""The axes every plot is placed by: round ticks at cell centres, evenly spaced, 0 among them
when in range, never ``-0``; the data inside; square dots for the plane."""

from __future__ import annotations

import itertools
import math

from hypothesis import example, given
from hypothesis import strategies as st

from l1l2_tui.rendering.axis import MANTISSAS, equal_scale_axes, value_axis

finite = st.floats(-1e6, 1e6, allow_nan=False).filter(lambda v: v == 0 or abs(v) > 1e-6)


def is_round(spacing: float) -> bool:
    power = 10.0 ** math.floor(math.log10(spacing) + 1e-9)
    return any(math.isclose(spacing / power, m, rel_tol=1e-9) for m in (*MANTISSAS, 10.0))


@given(low=finite, high=finite, cells=st.integers(2, 120), across=st.booleans())
@example(low=-1e6, high=-999999.9999999999, cells=34, across=False)  # a span floats cannot cut
def test_a_value_axis_holds_its_data_with_round_ticks_at_cell_centres(low, high, cells, across):
    low, high = min(low, high), max(low, high)
    axis = value_axis(low, high, cells, across)
    assert axis.low <= low and high <= axis.high
    assert axis.ticks, "at least one tick"
    tick_cells = [axis.cell(t) for t in axis.ticks]
    assert all(0 <= c < cells for c in tick_cells)
    for tick, cell in zip(axis.ticks, tick_cells, strict=True):
        # At the centre of its cell: half a cell from either edge.
        assert math.isclose(axis.position(tick), cell + 0.5, abs_tol=1e-6)
    if len(tick_cells) > 1:
        gaps = {b - a for a, b in itertools.pairwise(tick_cells)}
        assert len(gaps) == 1, "evenly spaced in cells"
        assert is_round(axis.ticks[1] - axis.ticks[0])
        if across and cells >= 6 * max(map(len, axis.labels)):
            assert gaps.pop() >= max(map(len, axis.labels)) + 2, "labels side by side"
    if low <= 0 <= high:
        assert 0.0 in axis.ticks and axis.cell(0.0) == axis.cell(-0.0)
    assert not any(label.startswith("-") and float(label) == 0 for label in axis.labels)


@given(
    x=st.tuples(finite, finite),
    y=st.tuples(finite, finite),
    columns=st.integers(8, 200),
    rows=st.integers(4, 60),
)
def test_equal_scale_axes_have_square_dots_and_0_at_a_cell_centre(x, y, columns, rows):
    low, high = (min(x), min(y)), (max(x), max(y))
    x_axis, y_axis = equal_scale_axes(low, high, columns, rows)
    # A braille cell is 2 dots wide and 4 high: a dot is as long across as up in data units.
    assert math.isclose(y_axis.per_cell / 4, x_axis.per_cell / 2)
    assert x_axis.low <= low[0] and high[0] <= x_axis.high
    assert y_axis.low <= low[1] and high[1] <= y_axis.high
    for axis in (x_axis, y_axis):
        # Cell centres are origin + k * per_cell; position() clips far from the axis, so ask
        # the grid itself whether 0 is one of them.
        cells_to_zero = -axis.origin / axis.per_cell
        assert math.isclose(cells_to_zero, round(cells_to_zero), abs_tol=1e-6)
