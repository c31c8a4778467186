"""FastPlot must paint exactly what stock textual-plotext paints for the same figure."""

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

from l1l2_tui.rendering.fast_plot import FastPlot

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
