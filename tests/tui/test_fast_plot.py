"""FastPlot must paint exactly what stock textual-plotext paints for the same figure, and
redraw only what changed: plotext builds its part when its calls change, a row becomes a new
strip when its cells change."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from rich.style import Style
from textual.app import App, ComposeResult, RenderResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.strip import Strip
from textual_plotext import Plot, PlotextPlot

from l1l2_tui.rendering.axis import value_axis
from l1l2_tui.rendering.fast_plot import FRAME_ROWS, FastPlot, FigureCalls

Figure = Callable[[Plot], None]

SIZE = (100, 30)


def weight_lines(plt: Plot) -> None:
    """Several braille lines with a legend, a title and a vertical marker line."""
    steps = list(range(120))
    for k in range(6):
        weights = [math.exp(-i / 40) * math.sin(k + i / 15) * (k + 1) / 3 for i in steps]
        plt.plot(steps, weights, marker="braille", label=f"w{k}" if k < 3 else None)
    plt.vline(80, "red")
    plt.title("Weight trajectories")


def signed_bars(plt: Plot) -> None:
    """A bar chart with negative bars."""
    plt.bar(["w0", "w1", "w2", "w3", "w4", "w5"], [1.5, -0.7, 0.0, 2.2, -1.9, 0.3])
    plt.title("Final weights")


def explicit_colours(plt: Plot) -> None:
    """Named, 256-index and RGB colours, styled text with a background, axis labels."""
    plt.plot([1, 2, 3, 4, 5], [1, 4, 9, 16, 25], marker="braille", color="blue+", label="named")
    plt.scatter([1, 2, 3, 4, 5], [25, 16, 9, 4, 1], marker="hd", color=208, label="256")
    plt.plot([1, 5], [12, 12], marker="dot", color=(10, 200, 120), label="rgb")
    plt.hline(6, "magenta")
    plt.text("here", x=3, y=20, color="black", background="yellow+", style="bold italic")
    plt.text("under line", x=1.5, y=14, color=160, style="underline")
    plt.xlabel("step")
    plt.ylabel("loss")
    plt.title("Colours")


def clipped_numpy_lines(plt: Plot) -> None:
    """Numpy data, hd and fhd markers, steep lines and limits that clip part of the data."""
    steps = np.arange(300)
    plt.plot(steps, np.cumsum(np.sin(steps / 7.0)), marker="fhd", label="fhd")
    plt.scatter(steps, 8 * np.cos(steps / 11.0), marker="hd", color="green")
    plt.plot(steps[::3], 10 * np.sign(np.sin(steps[::3] / 5.0)), marker="braille", color=33)
    plt.xlim(20, 250)
    plt.ylim(-6, 9)
    plt.title("Clipped")


def side_by_side_subplots(plt: Plot) -> None:
    """Two subplots, whose matrices plotext joins into one."""
    plt.subplots(1, 2)
    left = plt.subplot(1, 1)
    left.plot(list(range(60)), [i % 17 for i in range(60)], marker="braille")
    left.title("left")
    right = plt.subplot(1, 2)
    right.bar(["a", "b", "c"], [3, -1, 2], color="cyan")
    right.title("right")


def fast_matrix_plot(plt: Plot) -> None:
    """plotext's `matrix_plot(fast=True)`, which writes ANSI text and no cell matrices."""
    plt.matrix_plot(
        [[(r * 9 % 256, c * 3 % 256, 90) for c in range(100)] for r in range(15)], fast=True
    )


class StockFigure(PlotextPlot):
    """The stock widget, drawing the same figure the same way (theme set before drawing)."""

    def __init__(self, figure: Figure, theme: str) -> None:
        super().__init__()
        self.figure = figure
        self.theme = theme

    def render(self) -> RenderResult:
        self.plt.clear_figure()
        self.plt.theme(self._get_plotext_theme_name(self.app.theme))
        self.figure(self.plt)
        return super().render()


class FastFigure(FastPlot):
    """FastPlot drawing the given figure."""

    def __init__(self, figure: Figure, theme: str) -> None:
        super().__init__()
        self.figure = figure
        self.theme = theme
        self.draws = 0

    def draw(self, plt: Plot) -> None:
        self.draws += 1
        self.figure(plt)


class SideBySide(App[None]):
    """Both widgets, one above the other, each 100 x 15."""

    def __init__(self, figure: Figure, theme: str) -> None:
        super().__init__()
        self.figure = figure
        self.plot_theme = theme

    def compose(self) -> ComposeResult:
        with Vertical():
            yield StockFigure(self.figure, self.plot_theme)
            yield FastFigure(self.figure, self.plot_theme)


def cells(strips: list[Strip]) -> list[list[tuple[str, Style | None]]]:
    """Every cell as (character, segment style), one list per line."""
    return [
        [(char, segment.style) for segment in strip for char in segment.text] for strip in strips
    ]


def painted(strips: list[Strip]) -> list[list[tuple[object, ...]]]:
    """What the terminal shows per cell: a blank without line or reverse shows only background."""
    rows = []
    for row in cells(strips):
        shown = []
        for char, style in row:
            assert style is not None
            lines = (bool(style.underline), bool(style.strike), bool(style.reverse))
            if char == " " and not any(lines):
                shown.append((char, style.bgcolor))
            else:
                looks = (bool(style.bold), bool(style.italic), bool(style.dim))
                shown.append((char, style.color, style.bgcolor, *looks, *lines))
        rows.append(shown)
    return rows


def rendered(widget: PlotextPlot) -> list[Strip]:
    """The widget's final strips, after Textual's styles and line filters."""
    width, height = widget.size
    return widget.render_lines(Region(0, 0, width, height))


@pytest.mark.parametrize(
    "figure",
    [
        weight_lines,
        signed_bars,
        explicit_colours,
        clipped_numpy_lines,
        side_by_side_subplots,
        fast_matrix_plot,
    ],
)
@pytest.mark.parametrize("plot_theme", ["auto", "dark", "clear"])
@pytest.mark.parametrize("app_theme", ["textual-dark", "textual-light"])
async def test_fast_plot_paints_what_stock_paints(
    figure: Figure, plot_theme: str, app_theme: str
) -> None:
    app = SideBySide(figure, plot_theme)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = app_theme
        await pilot.pause()
        stock = rendered(app.query_one(StockFigure))
        fast = rendered(app.query_one(FastFigure))

    stock_text = [strip.text for strip in stock]
    assert [strip.text for strip in fast] == stock_text
    assert sum(len(line.strip()) for line in stock_text) > 100, "the figure drew nothing"
    stock_cells, fast_cells = painted(stock), painted(fast)
    for y, (stock_row, fast_row) in enumerate(zip(stock_cells, fast_cells, strict=True)):
        for x, (stock_cell, fast_cell) in enumerate(zip(stock_row, fast_row, strict=True)):
            assert fast_cell == stock_cell, f"cell ({x}, {y}) {stock_text[y]!r}"


async def test_fast_plot_uses_fewer_segments_than_stock() -> None:
    app = SideBySide(weight_lines, "auto")
    async with app.run_test(size=SIZE):
        stock = rendered(app.query_one(StockFigure))
        fast = rendered(app.query_one(FastFigure))
    assert sum(len(strip) for strip in fast) < sum(len(strip) for strip in stock)


async def test_fast_plot_draws_only_when_dirty_or_resized() -> None:
    app = SideBySide(weight_lines, "auto")
    async with app.run_test(size=SIZE) as pilot:
        plot = app.query_one(FastFigure)
        await pilot.pause()
        draws = plot.draws
        assert draws >= 1

        plot.refresh()
        await pilot.pause()
        assert plot.draws == draws, "a plain repaint must reuse the cached strips"

        plot.replot()
        await pilot.pause()
        assert plot.draws == draws + 1

        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert plot.draws == draws + 2
        assert plot.size.width == 80
        assert all(strip.cell_length == 80 for strip in rendered(plot))


GREY, COLORS = (128, 128, 128), [(86, 180, 233), (230, 159, 0)]


class Moving(FastPlot):
    """What a playing run's panel draws: a title with numbers, lines on round axes that hold
    still, a zero line and a label at a line's end."""

    def __init__(self, ys: np.ndarray, high: float = 1.0) -> None:
        super().__init__()
        self.ys, self.high = ys, high

    def draw(self, plt: Plot) -> None:
        plt.title(f"last {self.ys[0, -1]:+.3f}")
        y = value_axis(-1.0, self.high, self.canvas_rows(plt))
        x = value_axis(0.0, float(self.ys.shape[1] + 8), self.canvas_columns(y), across=True)
        self.set_axes(plt, x, y)
        self.hline(0.0, GREY)
        self.lines(np.arange(self.ys.shape[1], dtype=float), self.ys, COLORS)
        self.label("w0", float(self.ys.shape[1] + 1), float(self.ys[0, -1]), COLORS[0])


class TwoMoving(App[None]):
    """A panel that plays from ``ys`` and one that draws ``last`` from nothing, one above the
    other."""

    def __init__(self, ys: np.ndarray, last: np.ndarray) -> None:
        super().__init__()
        self.playing, self.fresh = Moving(ys), Moving(last)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.playing
            yield self.fresh


def swinging(points: int, phase: float) -> np.ndarray:
    steps = np.arange(points)
    return np.vstack([0.8 * np.sin(steps / 6 + phase), 0.5 * np.cos(steps / 9 + phase)])


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """A list that grows by one each time ``owner.name`` is called."""
    calls: list[int] = []
    original = getattr(owner, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


async def test_moving_lines_and_title_cost_no_plotext_build_and_paint_as_a_fresh_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    phases = (0.4, 0.9, 2.0)
    app = TwoMoving(swinging(40, 0.0), swinging(40, phases[-1]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first_title = rendered(app.playing)[0].text
        builds = count_calls(monkeypatch, app.playing._plot, "_build_matrix")
        for phase in phases:
            app.playing.ys = swinging(40, phase)
            app.playing.replot()
            await pilot.pause()
        assert builds == [], "the axes held still: plotext's part is the one built before"

        playing, fresh = rendered(app.playing), rendered(app.fresh)
        assert playing[0].text != first_title, "the new title is written over the figure"
        assert [strip.text for strip in playing] == [strip.text for strip in fresh]
        assert painted(playing) == painted(fresh)

        app.playing.high = 2.0  # new ticks: plotext builds its part again
        app.playing.replot()
        await pilot.pause()
        assert builds == [1]


async def test_a_frame_where_nothing_moved_makes_no_strip_and_a_move_only_its_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from l1l2_tui.rendering import fast_plot

    ys = swinging(40, 0.0)
    app = TwoMoving(ys, ys)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        strips = count_calls(monkeypatch, fast_plot, "_strip")
        app.playing.replot()
        await pilot.pause()
        assert strips == []

        moved = ys.copy()
        moved[1, 10] += 0.05  # one point of the second line, inside the plot
        app.playing.ys = moved
        app.playing.replot()
        await pilot.pause()
        assert 1 <= len(strips) <= 3, "only the rows the moved dots are in"


@pytest.mark.parametrize(
    "calls",
    [
        [],
        [("title", ("Weights",))],
        [("title", ("   ",))],
        [("xlabel", ("step",))],
        [("xlabel", ("step", "upper"))],
        [("xlabel", ("step", 2)), ("title", ("Weights",))],
        [("ylabel", ("w", "right"))],
        [("ylabel", ("w",)), ("ylabel", (None, "right"))],
        [("xlabel", ("step",)), ("xlabel", (None,))],
        [("title", ("Weights",)), ("xlabel", ("lam",)), ("ylabel", ("w",))],
    ],
)
def test_canvas_rows_are_the_rows_plotext_gives_its_canvas(calls) -> None:
    from plotext._figure import _figure_class

    width, height = 60, 20
    recorded, plt = FigureCalls(), _figure_class()
    plt.plotsize(width, height)
    plt._set_size(width, height)
    for name, args in calls:
        getattr(recorded, name)(*args)
        getattr(plt, name)(*args)
    plt.plot([0, 1], [0, 1])
    plt._set_sizes()
    plt._build_matrix()
    above, below = recorded.rows_around_canvas()
    assert height - FRAME_ROWS - above - below == len(plt.monitor.matrix.Rows_canvas)
