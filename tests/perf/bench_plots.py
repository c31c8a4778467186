"""Benchmark FastPlot against stock textual-plotext PlotextPlot.

Run from the repository root:

    python tests/perf/bench_plots.py            # default repeats
    python tests/perf/bench_plots.py --repeats 41

Every figure is 20 weight trajectories drawn as braille lines. Times are medians over repeats
after warm-up, measured inside a headless Textual app (`App.run_test`). "cpu" is this process's
CPU time (`time.process_time`), which other busy processes on the machine hardly disturb; "wall"
is elapsed time. Rates (renders/s, fps) are computed from cpu.

* panel: one panel of 58 x 18 cells. "ms/render" is a repaint after the figure changed: plotext
  draw + build plus the conversion to Textual strips (for stock: `build()` to an ANSI string,
  `Text.from_ansi`, Content, strips; for FastPlot: matrices to strips). "build" is the plotext
  part (clear, draw calls, `_build_matrix`), "convert" the rest.
* screen: 120 x 40 with 3 panels all replotted, then the compositor update Textual would
  write, as a string (`render_segments`). "ms/frame" is the main-thread work of one frame
  without the terminal write; "KB/frame" the bytes written for it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from textual.app import App, ComposeResult, RenderResult
from textual.geometry import Region
from textual.widget import Widget
from textual_plotext import Plot, PlotextPlot

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from l1l2_tui.rendering.fast_plot import FastPlot, _strip

LINES = 20
COLORS = [(230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66), (0, 114, 178)]
PANEL_SIZE = (58, 18)
SCREEN_SIZE = (120, 40)


def weight_paths(lines: int, points: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Steps and `lines` noisy trajectories decaying to their targets, as an optimizer draws."""
    rng = np.random.default_rng(seed)
    steps = np.arange(points, dtype=np.float64)
    targets = rng.normal(0.0, 1.0, size=(lines, 1)) * (rng.random((lines, 1)) > 0.4)
    start = rng.normal(0.0, 2.0, size=(lines, 1))
    decay = np.exp(-steps / (points / rng.uniform(3.0, 8.0, size=(lines, 1))))
    noise = rng.normal(0.0, 0.03, size=(lines, points)).cumsum(axis=1) * decay
    return steps, targets + (start - targets) * decay + noise


Paths = list[tuple[np.ndarray, np.ndarray]]


def every_nth(steps: np.ndarray, paths: np.ndarray, columns: int) -> Paths:
    """Keep `columns` evenly spaced points of each path (first and last included)."""
    keep = np.unique(np.linspace(0, steps.size - 1, columns).round().astype(int))
    return [(steps[keep], path[keep]) for path in paths]


def min_max_per_column(steps: np.ndarray, paths: np.ndarray, columns: int) -> Paths:
    """Keep, in order, the lowest and highest point of each path in each of `columns` buckets."""
    size = steps.size
    per_bucket = -(-size // columns)
    padded = np.pad(paths, ((0, 0), (0, per_bucket * columns - size)), mode="edge")
    buckets = padded.reshape(len(paths), columns, per_bucket)
    offsets = np.arange(columns) * per_bucket
    lows = np.minimum(buckets.argmin(axis=2) + offsets, size - 1)
    highs = np.minimum(buckets.argmax(axis=2) + offsets, size - 1)
    kept = []
    for path, low, high in zip(paths, lows, highs, strict=True):
        keep = np.unique(np.concatenate(([0, size - 1], low, high)))
        kept.append((steps[keep], path[keep]))
    return kept


THINNING = {"every nth": every_nth, "min/max": min_max_per_column}


class Figure:
    """The figure every widget draws: trajectories, a title, a zero line.

    With `thinning`, each path is reduced to about one point (every nth) or two points
    (min/max) per braille pixel column, taken as 2 x the widget width. Given a FastPlot
    `numpy_lines` widget, the lines go through `FastPlot.braille_lines` instead of `plt.plot`.
    """

    def __init__(self, points: int, thinning: str | None = None) -> None:
        self.steps, self.paths = weight_paths(LINES, points)
        self.thinning = thinning

    def draw(self, plt: Plot, width: int, numpy_lines: FastPlot | None = None) -> None:
        plt.hline(0.0, "gray")
        plt.title("Weights")
        if numpy_lines is not None:
            xlim = (float(self.steps[0]), float(self.steps[-1]))
            ylim = (float(self.paths.min()), float(self.paths.max()))
            plt.xlim(*xlim)
            plt.ylim(*ylim)
            keep = np.unique(np.linspace(0, self.steps.size - 1, 2 * width).round().astype(int))
            colors = [COLORS[i % len(COLORS)] for i in range(LINES)]
            numpy_lines.braille_lines(self.steps[keep], self.paths[:, keep], colors, xlim, ylim)
            return
        if self.thinning is None:
            paths = [(self.steps, path) for path in self.paths]
        else:
            paths = THINNING[self.thinning](self.steps, self.paths, 2 * width)
        for i, (steps, path) in enumerate(paths):
            plt.plot(steps, path, marker="braille", color=COLORS[i % len(COLORS)])


class StockPanel(PlotextPlot):
    """Stock widget: clear, theme, draw, then PlotextPlot.render()."""

    def __init__(self, figure: Figure) -> None:
        super().__init__()
        self.figure = figure

    def render(self) -> RenderResult:
        self.plt.clear_figure()
        self.plt.theme(self._get_plotext_theme_name(self.app.theme))
        self.figure.draw(self.plt, self.size.width)
        return super().render()

    def replot(self) -> None:
        self.refresh()


class FastPanel(FastPlot):
    """FastPlot drawing the figure's lines with plotext."""

    def __init__(self, figure: Figure) -> None:
        super().__init__()
        self.figure = figure

    def draw(self, plt: Plot) -> None:
        self.figure.draw(plt, self.size.width)


class BraillePanel(FastPanel):
    """FastPlot drawing the figure's lines with numpy (`braille_lines`), thinned to 2w points."""

    def draw(self, plt: Plot) -> None:
        self.figure.draw(plt, self.size.width, numpy_lines=self)


class BenchApp(App[None]):
    """A grid of panels."""

    CSS = """
    Screen { layout: grid; grid-size: 2; }
    .single { width: 58; height: 18; }
    .wide { column-span: 2; }
    """

    def __init__(self, panels: list[Widget]) -> None:
        super().__init__()
        self.panels = panels

    def compose(self) -> ComposeResult:
        yield from self.panels


def median_ms(action: Callable[[], object], repeats: int, warmup: int = 3) -> tuple[float, float]:
    """Median CPU and wall milliseconds of `action` over `repeats` runs after `warmup` runs."""
    for _ in range(warmup):
        action()
    cpu, wall = [], []
    for _ in range(repeats):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        action()
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)
    return statistics.median(cpu) * 1e3, statistics.median(wall) * 1e3


def repaint(panel: Widget) -> None:
    """Replot the panel and render all its lines, as a refresh after new data does."""
    if isinstance(panel, FastPlot):
        panel._figure = None  # new data: plotext builds the figure again
    panel.replot()  # type: ignore[attr-defined]
    width, height = panel.size
    panel.render_lines(Region(0, 0, width, height))


def stock_build(panel: StockPanel) -> None:
    """The plotext part of a stock render (PlotextPlot.render minus Text.from_ansi)."""
    width, height = panel.size
    plt = panel.plt
    plt.clear_figure()
    plt.theme(panel._get_plotext_theme_name(panel.app.theme))
    panel.figure.draw(plt, width)
    plt.plotsize(width, height)
    plt._set_size(width, height)
    plt.build()


def fast_convert(panel: FastPlot) -> None:
    figure, cell_style = panel._figure, panel._cell_style_lookup()
    rows = zip(figure.markers, figure.fullgrounds, figure.styles, figure.backgrounds, strict=True)
    for row in rows:
        _strip(*row, cell_style)


async def bench_panel(
    panel_type: type[Widget], figure: Figure, repeats: int
) -> tuple[float, float, float, float]:
    """CPU ms per repaint, its plotext build and conversion parts, wall ms per repaint."""
    panel = panel_type(figure)
    panel.add_class("single")
    app = BenchApp([panel])
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await pilot.pause()
        total, wall = median_ms(lambda: repaint(panel), repeats)
        if isinstance(panel, FastPlot):
            convert, _ = median_ms(lambda: fast_convert(panel), repeats)
            build = total - convert
        else:
            build, _ = median_ms(lambda: stock_build(panel), repeats)
            convert = total - build
    return total, build, convert, wall


async def bench_screen(
    panel_type: type[Widget], figure: Figure, panels: int, repeats: int
) -> tuple[float, float, float]:
    """CPU ms, wall ms and bytes written per frame, all `panels` panels replotted each frame."""
    widgets = [panel_type(figure) for _ in range(panels)]
    if panels % 2:
        widgets[-1].add_class("wide")
    app = BenchApp(widgets)
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        compositor = screen._compositor
        written: list[int] = []

        def frame() -> None:
            for widget in widgets:
                widget.replot()  # type: ignore[attr-defined]
                # The figure is the same every frame, so a FastPlot finds no cell changed:
                # repaint it whole, as a frame where everything moved.
                widget.refresh()
            compositor.update_widgets(set(widgets))
            update = compositor.render_update(screen_stack=app._background_screens)
            assert update is not None
            written.append(len(update.render_segments(app.console).encode()))

        cpu, wall = median_ms(frame, repeats)
    return cpu, wall, statistics.median(written)


async def cells_changed_by_thinning(figure: Figure, downsampled: Figure) -> float:
    """Percentage of the panel's cells that differ between all points and thinned points."""
    full, thin = FastPanel(figure), FastPanel(downsampled)
    for panel in (full, thin):
        panel.add_class("single")
    app = BenchApp([full, thin])
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await pilot.pause()
        width, height = full.size
        full_lines = [strip.text for strip in full.render_lines(Region(0, 0, width, height))]
        thin_lines = [strip.text for strip in thin.render_lines(Region(0, 0, width, height))]
    differing = sum(
        full_cell != thin_cell
        for full_line, thin_line in zip(full_lines, thin_lines, strict=True)
        for full_cell, thin_cell in zip(full_line, thin_line, strict=True)
    )
    return 100.0 * differing / (width * height)


def row(cells: list[str], widths: list[int]) -> str:
    """Cells padded to `widths`, the first left-aligned, the others right-aligned."""
    padded = [
        cell.rjust(width) if index else cell.ljust(width)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
    ]
    return "  ".join(padded)


async def main(repeats: int) -> None:
    width, height = PANEL_SIZE
    load = os.getloadavg()[0]
    print(f"{LINES} braille lines per panel; medians of {repeats} repeats")
    print(f"{os.cpu_count()} CPUs, load average {load:.1f} (wall times suffer above the CPU count)")

    widths = [40, 7, 6, 8, 7, 9]
    print(f"\nOne panel {width}x{height}: ms per repaint after new data")
    print(row(["variant", "cpu", "build", "convert", "wall", "renders/s"], widths))
    variants: list[tuple[str, type[Widget], Figure]] = [
        ("stock PlotextPlot, 200 pts", StockPanel, Figure(200)),
        ("FastPlot, plotext lines, 200 pts", FastPanel, Figure(200)),
        ("  + every nth, 2w pts", FastPanel, Figure(200, "every nth")),
        ("FastPlot, numpy braille lines, 200 pts", BraillePanel, Figure(200)),
        ("stock PlotextPlot, 2000 pts", StockPanel, Figure(2000)),
        ("FastPlot, plotext lines, 2000 pts", FastPanel, Figure(2000)),
        ("  + min/max per column, <=4w pts", FastPanel, Figure(2000, "min/max")),
        ("FastPlot, numpy braille lines, 2000 pts", BraillePanel, Figure(2000)),
    ]
    for name, panel_type, figure in variants:
        cpu, build, convert, wall = await bench_panel(panel_type, figure, repeats)
        cells = [name, f"{cpu:.1f}", f"{build:.1f}", f"{convert:.2f}", f"{wall:.1f}"]
        print(row([*cells, f"{1e3 / cpu:.0f}"], widths))

    print("\nCells that thinning changes, against all points:")
    for points in (200, 2000):
        for thinning in THINNING:
            changed = await cells_changed_by_thinning(Figure(points), Figure(points, thinning))
            print(f"  {points} pts, {thinning}: {changed:.1f}%")

    widths = [44, 7, 7, 5, 8, 10]
    screen_width, screen_height = SCREEN_SIZE
    print(f"\nScreen {screen_width}x{screen_height}: all panels replotted every frame")
    print(row(["variant", "cpu", "wall", "fps", "KB/frame", "KB/s@15fps"], widths))
    screens: list[tuple[str, type[Widget], Figure, int]] = [
        ("3 panels, stock PlotextPlot, 200 pts", StockPanel, Figure(200), 3),
        ("3 panels, FastPlot, plotext lines, 200 pts", FastPanel, Figure(200), 3),
        ("3 panels, FastPlot, numpy braille lines", BraillePanel, Figure(200), 3),
    ]
    for name, panel_type, figure, panels in screens:
        cpu, wall, written = await bench_screen(panel_type, figure, panels, repeats)
        kilobytes = written / 1024
        cells = [name, f"{cpu:.1f}", f"{wall:.1f}", f"{1e3 / cpu:.1f}", f"{kilobytes:.1f}"]
        print(row([*cells, f"{kilobytes * 15:.0f}"], widths))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15, help="timed repeats per measurement")
    asyncio.run(main(parser.parse_args().repeats))
