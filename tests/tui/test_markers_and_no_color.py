"""`--marker braille|dot|ascii` in every numpy-drawn panel, and an app that reads without colour:
labels and markers, not colour alone, tell the lines apart."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import numpy as np
import pytest
from apps import WidgetHost, build_app, computed
from textual.geometry import Region
from textual.widget import Widget
from textual_plotext import Plot

from l1l2_tui.config import RunConfig
from l1l2_tui.engine import L1, PlaneView, Session, regularization_path
from l1l2_tui.rendering.axis import value_axis
from l1l2_tui.rendering.braille import BRAILLE_BASE, DOT, LINE_MARKERS, LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import app_palette
from l1l2_tui.views import VIEWS
from l1l2_tui.views.geometry.plane_plot import PlanePlot
from l1l2_tui.views.main.loss_plot import LossPlot
from l1l2_tui.views.main.weight_bars import WeightBars
from l1l2_tui.views.path.path_plot import PathPlot
from l1l2_tui.widgets.trajectories import (
    MAX_LINES,
    WeightTrajectoryPlot,
    line_end_labels,
    shown_weights,
)

SIZE = (100, 30)
LIMITS = ((0.0, 10.0), (-1.2, 1.2))


class CrossingLines(FastPlot):
    """Three crossing lines, an ellipse, plotext's zero and marker lines, and a text with a dot."""

    def draw(self, plt: Plot) -> None:
        (x0, x1), (y0, y1) = LIMITS
        plt.title("Crossing lines")
        y_axis = value_axis(y0, y1, self.canvas_rows(plt))
        self.set_axes(plt, value_axis(x0, x1, self.canvas_columns(y_axis)), y_axis)
        self.hline(0.0, (110, 110, 110))
        self.vline(5.0, (160, 160, 160))
        self.label("● here", 7.0, 1.0, (240, 240, 240))
        x = np.linspace(x0, x1, 80)
        ys = np.vstack([np.sin(x), np.cos(x), 0.1 * x - 0.5])
        self.lines(x, ys, [(230, 159, 0), (86, 180, 233), (0, 158, 115)])
        t = np.linspace(0, 2 * np.pi, 60)
        self.line_xy(5 + 3 * np.cos(t), 0.8 * np.sin(t), (240, 240, 240))


def widget_text(widget: Widget) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


def is_braille(char: str) -> bool:
    return BRAILLE_BASE <= ord(char) < BRAILLE_BASE + 256


async def rendered(widget: Widget, size: tuple[int, int] = SIZE) -> list[str]:
    async with WidgetHost(widget).run_test(size=size) as pilot:
        await pilot.pause()
        return widget_text(widget)


@pytest.mark.parametrize("marker", LINE_MARKERS)
async def test_fast_plot_draws_its_lines_with_its_marker(marker: LineMarker):
    text = "".join(await rendered(CrossingLines(marker=marker)))
    braille = [char for char in text if is_braille(char)]
    if marker == "braille":
        assert len(braille) > 100
        assert DOT not in text
    elif marker == "dot":
        assert not braille
        assert text.count(DOT) > 100
    else:
        assert text.isascii()
        assert all(char in text for char in "-/\\|+")
        assert "o here" in text


async def test_ascii_draws_a_line_char_wherever_dot_draws_a_dot():
    """Both light one pixel a cell, so they light the same cells."""
    dots = await rendered(CrossingLines(marker="dot"))
    ascii_lines = await rendered(CrossingLines(marker="ascii"))
    for dot_row, ascii_row in zip(dots, ascii_lines, strict=True):
        for dot_char, ascii_char in zip(dot_row, ascii_row, strict=True):
            if dot_char == DOT:
                assert ascii_char in "-/\\|"


def test_an_unknown_marker_is_refused():
    with pytest.raises(ValueError, match="braille, dot, ascii"):
        CrossingLines(marker="hd")  # type: ignore[arg-type]


def trained_session(steps: int = 60) -> Session:
    session = RunConfig().build_session()
    session.step(steps)
    return session


def trajectories(marker: LineMarker, session: Session) -> Widget:
    plot = WeightTrajectoryPlot(marker=marker)
    plot.show(session)
    return plot


def loss(marker: LineMarker, session: Session) -> Widget:
    plot = LossPlot(marker=marker)
    plot.show(session)
    return plot


def path(marker: LineMarker, session: Session) -> Widget:
    plot = PathPlot(marker=marker)
    lam_path = regularization_path(session.loss, L1(), num=30)
    plot.show(lam_path, session.problem.feature_names, session.settings.lam)
    return plot


def plane(marker: LineMarker, session: Session) -> Widget:
    plot = PlanePlot(marker=marker)
    view = PlaneView.from_weights(session.loss, session.penalty, session.weights, 0, 2)
    walked = session.history.read(max_points=400).weights[:, [0, 2]]
    names = session.problem.feature_names
    plot.show(view, session.penalty.level_set(view.point), walked, (names[0], names[2]))
    return plot


def weight_bars(marker: LineMarker, session: Session) -> Widget:
    bars = WeightBars(marker=marker)
    bars.show(session)
    return bars


PANELS: dict[str, Callable[[LineMarker, Session], Widget]] = {
    "trajectories": trajectories,
    "loss": loss,
    "path": path,
    "plane": plane,
    "weight bars": weight_bars,
}


@pytest.mark.parametrize("panel", PANELS)
async def test_every_panel_is_plain_ascii_with_the_ascii_marker(panel: str):
    session = trained_session()
    assert np.count_nonzero(session.weights == 0.0) > 0
    text = "\n".join(await rendered(PANELS[panel]("ascii", session)))
    assert text.isascii()
    if panel == "weight bars":
        assert "#" in text
        assert "o exactly 0" in text
    else:
        assert re.search(r"[-/\\|]{3}", text), "no line drawn"


@pytest.mark.parametrize("panel", PANELS)
async def test_every_panel_keeps_braille_by_default(panel: str):
    text = "".join(await rendered(PANELS[panel]("braille", trained_session())))
    if panel == "weight bars":
        assert "█" in text
        assert "●" in text
    else:
        assert sum(is_braille(char) for char in text) > 20


async def test_without_colour_every_weight_is_named_on_its_lines_row(monkeypatch):
    """Textual reads NO_COLOR when the app is built and then paints in greys (or default
    colours with an ANSI theme); the labels at the line ends still name every line, each on
    the row its line ends in."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(marker="ascii")
    assert app.no_color
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(60)
        await pilot.press("n")
        await pilot.pause()
        plot = app.screen.query_one("#trajectories", WeightTrajectoryPlot)
        lines = widget_text(plot)
        painted = plot.render_lines(Region(0, 0, *plot.size))
        last = app.session.weights
        names = app.session.problem.feature_names
        labels = line_end_labels(last, shown_weights(last, MAX_LINES), names, app_palette(app))
    assert len(labels) >= 2
    zero_row = tick_row(lines, 0.0)
    for value, label, _ in labels:
        found = [
            row
            for row, line in enumerate(lines)
            if re.search(rf"(?<![\w=]){re.escape(label)}(?!\w)", line)
        ]
        assert len(found) == 1, label
        if value == 0.0:
            assert found == [zero_row], label
    assert "\n".join(lines).isascii()
    colours = {
        segment.style.color.triplet
        for strip in painted
        for segment in strip
        if segment.style is not None and segment.style.color is not None
    }
    assert colours
    assert all(colour is None or colour.red == colour.green == colour.blue for colour in colours)


def tick_row(lines: list[str], value: float) -> int:
    """The row of the y tick labelled ``value``."""
    for row, line in enumerate(lines):
        match = re.match(r"\s*(-?[\d.]+)[┤├┼+|]", line)
        if match and float(match.group(1)) == value:
            return row
    raise AssertionError(f"no tick {value}")


@pytest.mark.parametrize("view", [None, *(view.key for view in VIEWS), "question_mark"])
async def test_every_view_paints_without_colour(monkeypatch, view: str | None):
    """Textual's NO_COLOR filters need a style on every segment (a bare `Strip.blank(width)`
    or `Segment(" ")` raises in `Monochrome`)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *([view] if view else []))
        await pilot.pause()
        assert "<svg" in app.export_screenshot()


SVG_TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.DOTALL)


def svg_runs(svg: str) -> list[str]:
    """The text runs of an SVG screenshot, one per segment."""
    return [html.unescape(run).replace("\u00a0", " ") for run in SVG_TEXT.findall(svg)]


@pytest.mark.parametrize("view", [None, *(view.key for view in VIEWS), "question_mark"])
async def test_the_ascii_marker_sends_ascii_only_everywhere(view: str | None):
    """Plots, bars, the status line's play and pause marks, the key bar's flip, the event
    line's separators, the help: all ASCII."""
    app = build_app(marker="ascii", lam=0.3)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(59)
        await pilot.press("l", "n", *([view] if view else []))
        await computed(pilot)
        text = "".join(svg_runs(app.export_screenshot()))
    assert "zeros" in text or view == "question_mark"
    assert text.isascii(), sorted({char for char in text if not char.isascii()})


async def test_braille_never_shares_an_svg_text_run_with_blanks():
    """A browser draws braille narrower than the cells and stretches each run to its cells: a
    run of braille and blanks would spread the dots past the change markers."""
    app = build_app(lam=0.3)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(59)
        await pilot.press("l", "n")
        await pilot.pause()
        runs = svg_runs(app.export_screenshot())
    braille = [run for run in runs if any(is_braille(char) for char in run)]
    assert len(braille) > 5
    assert all(" " not in run for run in braille)
