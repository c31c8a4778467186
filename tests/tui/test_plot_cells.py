"""Each plot draws a value in the cell its axis says, on rendered strips: a series of exact zeros
lies on the zero line's row, a series that jumps across 0 every step is drawn above and below
it at any zoom, and every tick labels the row whose range holds it."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pytest
from apps import WidgetHost, build_app
from textual.geometry import Region
from textual.widget import Widget
from textual_plotext import Plot

from l1l2_tui.engine import L1, History, Marker, RegularizationPath
from l1l2_tui.rendering.axis import equal_scale_axes, value_axis
from l1l2_tui.rendering.braille import BRAILLE_BASE, DOT_BITS
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import RGB, app_palette
from l1l2_tui.views.main.loss_plot import LossPlot
from l1l2_tui.views.path.path_plot import PathPlot
from l1l2_tui.widgets.trajectories import WeightTrajectoryPlot

SIZES = [(60, 16), (100, 30)]
UPPER_MIDDLE = int(DOT_BITS[1, 0] | DOT_BITS[1, 1])
"""The dots an exact 0 lights: it sits between the two middle rows of dots."""

Cells = list[list[tuple[str, RGB | None]]]


def painted(widget: Widget) -> Cells:
    """Every cell of the widget as (character, foreground RGB), top row first."""
    rows = []
    for strip in widget.render_lines(Region(0, 0, *widget.size)):
        row = []
        for segment in strip:
            color = segment.style.color if segment.style else None
            rgb = color.triplet if color is not None and color.triplet is not None else None
            row.extend((char, tuple(rgb) if rgb else None) for char in segment.text)
        rows.append(row)
    return rows


def tick_row(cells: Cells, value: float) -> int:
    """The row of the y tick labelled ``value``."""
    for row, line in enumerate(cells):
        text = "".join(char for char, _ in line)
        match = re.match(r"\s*(-?[\d.]+)[┤├┼]", text)
        if match and float(match.group(1)) == value:
            return row
    raise AssertionError(f"no tick {value}")


def is_braille(char: str) -> bool:
    return BRAILLE_BASE < ord(char) < BRAILLE_BASE + 256


def rows_of(cells: Cells, color: RGB, columns: range) -> dict[int, set[int]]:
    """For each column, the rows where a braille cell has ``color``."""
    found: dict[int, set[int]] = {col: set() for col in columns}
    for row, line in enumerate(cells):
        for col in columns:
            char, rgb = line[col]
            if is_braille(char) and rgb == color:
                found[col].add(row)
    return found


def data_columns(cells: Cells, color: RGB) -> range:
    """The columns where ``color`` is drawn in braille, first to last."""
    columns = [
        col
        for line in cells
        for col, (char, rgb) in enumerate(line)
        if is_braille(char) and rgb == color
    ]
    assert columns, "the series is not drawn"
    return range(min(columns), max(columns) + 1)


def assert_on_zero_line(cells: Cells, color: RGB) -> None:
    zero = tick_row(cells, 0.0)
    columns = data_columns(cells, color)
    for col, rows in rows_of(cells, color, columns).items():
        assert rows <= {zero}, f"column {col}: rows {rows}, the zero line is row {zero}"
        if rows:
            assert (ord(cells[zero][col][0]) - BRAILLE_BASE) & UPPER_MIDDLE, col
    assert sum(bool(rows) for rows in rows_of(cells, color, columns).values()) > 0.8 * len(columns)


def assert_both_sides(
    cells: Cells, color: RGB, columns: range | None = None, reach: int = 0
) -> None:
    """Every column (with ``reach`` columns either side: a zigzag of fewer steps than
    columns crosses 0 between them) draws ``color`` above and below the zero line."""
    zero = tick_row(cells, 0.0)
    columns = columns or data_columns(cells, color)
    found = rows_of(cells, color, columns)
    for col in columns:
        near = range(max(col - reach, columns.start), min(col + reach + 1, columns.stop))
        rows = set().union(*(found[c] for c in near))
        assert any(r < zero for r in rows) and any(r > zero for r in rows), (col, rows, zero)


async def shown(widget: Widget, size: tuple[int, int]) -> tuple[Cells, WidgetHost]:
    host = WidgetHost(widget)
    async with host.run_test(size=size) as pilot:
        await pilot.pause()
        return painted(widget), host


def recorded(weights: np.ndarray, data_loss: np.ndarray | None = None) -> History:
    """A history of ``weights`` (steps x d), the loss ``data_loss`` and no penalty."""
    history = History(weights.shape[1])
    losses = np.zeros(len(weights)) if data_loss is None else data_loss
    for step, (w, loss) in enumerate(zip(weights, losses, strict=True)):
        history.record(step, float(loss), 0.0, 0, w)
    return history


def run_of(history: History, steps: int, markers: list[Marker] | None = None) -> SimpleNamespace:
    """What the panels over the steps read of a session."""
    d = len(history.read(max_points=2).weights[0])
    problem = SimpleNamespace(feature_names=tuple(f"x{j + 1}" for j in range(d)))
    return SimpleNamespace(
        step_count=steps - 1, markers=markers or [], history=history, problem=problem
    )


def jumping(steps: int) -> np.ndarray:
    """+0.5, -0.5, +0.5, ... by step: a weight that jumps across 0 every step."""
    return np.where(np.arange(steps) % 2 == 1, 0.5, -0.5)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("steps", [40, 5000, 50_000])
async def test_weights_over_steps(size, steps):
    """Weight 1 jumps across 0 every step, weight 2 holds 0.9 and weight 3 is exactly 0
    throughout, drawn last (at 50,000 steps the history is thinned: each row keeps its
    bucket's extremes)."""
    weights = np.column_stack([jumping(steps), np.full(steps, 0.9), np.zeros(steps)])
    plot = WeightTrajectoryPlot()
    plot.show(run_of(recorded(weights), steps))  # type: ignore[arg-type]
    cells, host = await shown(plot, size)
    colors = app_palette(host)
    assert_on_zero_line(cells, colors.weight(2))
    assert_both_sides(cells, colors.weight(0), reach=1 if steps < size[0] else 0)


@pytest.mark.parametrize("size", SIZES)
async def test_weights_around_a_late_change(size):
    """After 10,000 steps and a change, the run since the change is drawn over at least a
    third of the plot, exact zeros on the zero line and the jumps on both sides."""
    steps = 10_400
    weights = np.column_stack([jumping(steps), np.full(steps, 0.9), np.zeros(steps)])
    plot = WeightTrajectoryPlot()
    plot.show(run_of(recorded(weights), steps, [Marker(10_000, "L1")]))  # type: ignore[arg-type]
    cells, host = await shown(plot, size)
    colors = app_palette(host)
    assert_on_zero_line(cells, colors.weight(2))
    assert_both_sides(cells, colors.weight(0))
    marker = next(col for col, (char, _) in enumerate(cells[2]) if char == "│" and col > 8)
    drawn = data_columns(cells, colors.weight(0))
    assert (drawn.stop - marker) >= (size[0] - 8) / 3


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("steps", [40, 5000])
async def test_loss_over_steps(size, steps):
    """No penalty: the penalty's line is exact zeros; the data loss jumps across 0."""
    plot = LossPlot()
    history = recorded(np.zeros((steps, 1)), jumping(steps))
    plot.show(run_of(history, steps))  # type: ignore[arg-type]
    cells, host = await shown(plot, size)
    colors = app_palette(host)
    assert_on_zero_line(cells, colors.penalty)
    # The objective equals the data loss and is drawn first: the data loss owns the cells.
    assert_both_sides(cells, colors.data_loss, reach=1 if steps < size[0] else 0)


@pytest.mark.parametrize("size", SIZES)
async def test_path(size):
    """Weight 1 changes sign from one lam to the next, weight 3 is exactly 0 at every lam."""
    lams = np.geomspace(2.0, 0.002, 60)
    weights = np.column_stack([jumping(60), np.linspace(0, 0.9, 60), np.zeros(60)])
    path = RegularizationPath(L1(), 2.0, lams, weights, np.zeros(60))
    plot = PathPlot()
    plot.show(path, ("a", "b", "c"), 0.3)
    cells, host = await shown(plot, size)
    colors = app_palette(host)
    assert_on_zero_line(cells, colors.weight(2))
    columns = data_columns(cells, colors.weight(0))
    assert_both_sides(cells, colors.weight(0), range(columns.start + 1, columns.stop - 1), 1)


class Curves(FastPlot):
    """The curve plots' drawing (slice, pulls, step map; the plane with equal scales): lines
    through points on round axes."""

    def __init__(self, ys: np.ndarray, equal_scale: bool = False) -> None:
        super().__init__()
        self.ys = ys

        self.equal_scale = equal_scale

    def draw(self, plt: Plot) -> None:
        plt.title("Curves")
        x = np.arange(self.ys.shape[1], dtype=float)
        low, high = float(self.ys.min()) - 0.1, float(self.ys.max()) + 0.1
        rows = self.canvas_rows(plt)
        if self.equal_scale:
            columns = self.size.width - 8
            for _ in range(3):
                x_axis, y_axis = equal_scale_axes((0.0, low), (x[-1], high), columns, rows)
                columns = self.canvas_columns(y_axis)
        else:
            y_axis = value_axis(low, high, rows)
            x_axis = value_axis(0.0, x[-1], self.canvas_columns(y_axis))
        self.set_axes(plt, x_axis, y_axis)
        self.hline(0.0, (110, 110, 110))
        self.lines(x, self.ys, [(86, 180, 233), (230, 159, 0)])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("equal_scale", [False, True])
async def test_curves(size, equal_scale):
    points = size[0] // 4  # a few points a column: each segment crosses rows
    ys = np.vstack([3.0 * jumping(points), np.zeros(points)])
    cells, _ = await shown(Curves(ys, equal_scale), size)
    assert_on_zero_line(cells, (230, 159, 0))
    zero = tick_row(cells, 0.0)
    blue = rows_of(cells, (86, 180, 233), data_columns(cells, (86, 180, 233)))
    assert any(r < zero for rows in blue.values() for r in rows)
    assert any(r > zero for rows in blue.values() for r in rows)


async def test_every_tick_labels_the_row_its_value_is_drawn_in():
    """A flat line at each tick's value lies on the tick's row."""
    for low, high, rows in [(-1.3, 2.6, 18), (-0.09, 0.0, 10), (0.0, 4.7, 5), (-3.9, 1.5, 7)]:
        axis = value_axis(low, high, rows)
        assert axis.low <= low and high <= axis.high
        spacings = np.diff(axis.ticks)
        np.testing.assert_allclose(spacings, spacings[0])
        tick_rows = [axis.cell(t) for t in axis.ticks]
        assert len(set(np.diff(tick_rows))) <= 1, "ticks evenly spaced in rows"
        if low <= 0 <= high:
            assert 0.0 in axis.ticks
        assert not any(label.startswith("-") and float(label) == 0 for label in axis.labels)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_zero_view_draws_weights_at_exactly_0_on_its_zero_lines(size):
    """Under L1 after 150 steps, five weights are exactly 0: the step map draws their dots on
    its zero line, and the objective's minimum (the weight at 0) is in the zero column."""
    app = build_app(lam=0.3)
    async with app.run_test(size=size) as pilot:
        app.session.step(150)
        await pilot.press("n", "z")
        await pilot.pause()
        assert app.session.weights[app.screen.feature] == 0.0
        step_map = painted(app.screen.query_one("#step-map"))
        zero = tick_row(step_map, 0.0)
        colors = app_palette(app)
        # Dots in one cell hide each other: the zeros' colours are on the zero line only.
        at_zero = {colors.weight(int(j)) for j in np.flatnonzero(app.session.weights == 0.0)}
        dots = {
            row
            for row, line in enumerate(step_map)
            for char, rgb in line
            if char == "●" and rgb in at_zero
        }
        assert dots == {zero}
        pulls = painted(app.screen.query_one("#pulls"))
        # The vertical zero line: the column of "│" inside the frame on most rows.
        inner = [line[6:-2] for line in pulls[2:-2]]
        counts = [sum(line[col][0] == "│" for line in inner) for col in range(len(inner[0]))]
        column_of_zero = 6 + int(np.argmax(counts))
        marks = [line[column_of_zero][0] for line in pulls]
        assert "●" in marks


async def test_the_geometry_optimum_on_an_axis_is_drawn_on_that_axis():
    app = build_app(lam=0.3)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(400)
        await pilot.press("n", "g")
        await pilot.pause()
        view = app.screen.plane_view()
        assert view.optimum[1] == 0.0, "the opening pair has its vertical weight at exactly 0"
        cells = painted(app.screen.query_one("#plane"))
        zero_row = tick_row(cells, 0.0)
        rows = [row for row, line in enumerate(cells) if "optimum" in "".join(c for c, _ in line)]
        assert rows == [zero_row]


async def test_t_shows_the_whole_run_and_back_once_there_is_a_change():
    app = build_app(lam=0.3)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(10_000)
        await pilot.press("n")
        assert "toggle_window" not in {b.action for _, b, *_ in app.screen.active_bindings.values()}
        await pilot.press("l")
        app.session.step(29)
        await pilot.press("n")
        await pilot.pause()

        def step_ticks() -> list[int]:
            plot = app.screen.query_one("#trajectories")
            return [int(t) for t in "".join(c for c, _ in painted(plot)[-1]).split()]

        around = step_ticks()
        assert around[0] > 9_000 and around[-1] >= 10_030
        await pilot.press("t")
        await pilot.pause()
        assert step_ticks()[0] == 0
        await pilot.press("t")
        await pilot.pause()
        assert step_ticks() == around
