"""A plotext plot widget that turns plotext's cell matrices straight into Textual strips.

Stock `textual_plotext.PlotextPlot.render()` asks plotext for an ANSI string every refresh and
parses it back with `Text.from_ansi`, then Textual turns that `Text` into `Content` and strips.
`FastPlot` builds the figure only when it was marked dirty (`replot()`), resized or re-themed,
reads plotext's final cell matrices (`figure.monitor.matrix.marker`, `.fullground`, `.style`,
`.background`, bottom row first), draws its own layers over them (see `FastPlot`) and builds
one `Strip` per line, joining neighbouring cells that look the same into one `Segment`. The
strips are cached and served by the Line API (`render_line`). A `replot()` of a widget already
on screen builds the new strips at once and marks dirty only the runs of cells that changed, so
Textual sends the terminal those cells rather than the whole plot.

Colours go through the same conversion the stock widget uses (plotext's own ANSI codes, Rich's
ANSI decoder, Textual's `Style.from_rich_style` on top of the widget's visual style), once per
distinct `(foreground, style, background)` triple, so every cell gets exactly the colour stock
rendering gives it. A blank cell shows only its background, so its foreground is not part of its
look: blanks join the neighbouring segment when the backgrounds match, which cuts the number of
segments (and so of escape sequences written to the terminal) without changing a pixel; braille
alone keeps segments of its own, for SVG screenshots (see `_strip`).

Most frames of a playing run change no axis or tick, and move the lines by less than a pixel.
So `draw()` issues its plotext calls to a recorder (`FigureCalls`) first, and plotext builds
its part of the figure (the frame, the tick labels, the title) only when the calls differ from
the last build's. The title is left out of that comparison: the figure is built with a
placeholder of the title's length, and the title is written into the cells plotext gave the
placeholder, so a title whose numbers change costs no build. The layers (reference lines, lines,
labels) are drawn on a copy of that figure, and only the lines of cells that differ from the
last drawing become new strips; a frame where nothing visible moved makes no strip at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Literal, NamedTuple

import numpy as np
from plotext import _utility as plotext_utility
from rich.ansi import AnsiDecoder
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.terminal_theme import TerminalTheme
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual_plotext import Plot, PlotextPlot

from l1l2_tui.rendering.axis import Axis
from l1l2_tui.rendering.braille import (
    LINE_MARKERS,
    PIXELS_PER_CELL,
    CellCanvas,
    LineMarker,
    envelope_polyline,
    rasterize,
)
from l1l2_tui.rendering.dirty_lines import changed_regions

__all__ = ["FastPlot"]

PlotextColor = str | int | tuple[int, int, int]
"""A plotext colour: a name such as `"red+"`, a 256-colour index or an RGB triple."""

CellKey = tuple[PlotextColor, str, PlotextColor]
"""What plotext stores for one cell besides its character: foreground, style, background."""

_BLANK = plotext_utility.space
_NO_COLOR = plotext_utility.no_color
_BRAILLE_FIRST, _BRAILLE_LAST = "\u2800", "\u28ff"
_BLANK_VISIBLE_STYLES = frozenset({"underline", "double-underline", "strike", "inverted"})
"""Plotext styles that paint something on a blank cell, so such a blank keeps its own style."""


@lru_cache(maxsize=1024)
def _plotext_rich_style(
    fullground: PlotextColor, style: str, background: PlotextColor
) -> RichStyle:
    """The Rich style stock rendering gets for one plotext cell, via plotext's own ANSI codes."""
    ansi = plotext_utility.colors_to_ansi(fullground, style, background)
    if not ansi:
        return RichStyle.null()
    decoded = AnsiDecoder().decode_line(f"{ansi}x")
    spans = decoded.spans
    if not spans:
        return RichStyle.null()
    span_style = spans[0].style
    return RichStyle.parse(span_style) if isinstance(span_style, str) else span_style


def _blank_is_plain(style: str) -> bool:
    """Whether a blank cell with this plotext style shows nothing but its background."""
    return style == _NO_COLOR or not _BLANK_VISIBLE_STYLES.intersection(style.split())


_UNDER_LINES = frozenset(" ─│┼") | frozenset(chr(c) for c in range(0x2800, 0x2900))
"""What plotext draws that a numpy line may draw over: blanks, its lines, its braille."""

_ASCII_FOR = str.maketrans(
    {"─": "-", "│": "|", "•": "*", "●": "o", "◆": "+", "·": "."} | dict.fromkeys("┼┌┐└┘├┤┬┴", "+")
)
"""ASCII for the characters plotext and our widgets draw, for the `"ascii"` marker."""


FRAME_ROWS = 3
"""Rows of a plotext figure besides its canvas, title and x label: the frame's top and bottom
and the x tick labels."""
FRAME_COLUMNS = 2
"""Columns of a plotext figure besides its canvas and y tick labels: the frame's sides."""


class _Lines(NamedTuple):
    """Lines to draw, in pixels: ``px`` (points), ``py`` (series x points); from
    ``first_dash`` on, each in its own dash."""

    px: np.ndarray
    py: np.ndarray
    colors: Sequence[PlotextColor]
    first_dash: int | None = None


class _Rule(NamedTuple):
    """A reference line in ``cell`` (a row if ``horizontal``, else a column) of the canvas."""

    cell: int
    color: PlotextColor
    horizontal: bool


class _Label(NamedTuple):
    text: str
    column: int
    row: int
    color: PlotextColor
    bold: bool


Canvas = tuple[range, range]
"""Where plotext draws data in its matrices: its columns and rows (bottom row first)."""


class _Cells(NamedTuple):
    """plotext's cell matrices (one list a row, bottom row first) and its canvas."""

    markers: list[list[str]]
    fullgrounds: list[list[PlotextColor]]
    styles: list[list[str]]
    backgrounds: list[list[PlotextColor]]
    canvas: Canvas


def _draw_lines(
    cells: _Cells, drawn: set[int], lines: CellCanvas, colors: Sequence[PlotextColor]
) -> None:
    """Write rasterized ``lines`` into the cells, over blanks, plotext's lines and the cells
    ``drawn`` (``row * columns + col``, bottom row first) by earlier lines, which it updates."""
    cols, rows = cells.canvas
    markers, fullgrounds = cells.markers, cells.fullgrounds
    width = len(markers[0]) if markers else 0
    lit_rows, lit_cols = np.nonzero(lines.codes)
    codes = lines.codes[lit_rows, lit_cols].tolist()
    owners = lines.owner[lit_rows, lit_cols].tolist()
    row0, col0 = rows.start, cols.start
    for row, col, code, owner in zip(
        lit_rows.tolist(), lit_cols.tolist(), codes, owners, strict=True
    ):
        r, c = row0 + row, col0 + col
        key = r * width + c
        if key in drawn or markers[r][c] in _UNDER_LINES:
            markers[r][c] = chr(code)
            fullgrounds[r][c] = colors[owner]
            drawn.add(key)


def _draw_rule(cells: _Cells, rule: _Rule) -> None:
    """A reference line across the canvas in row (or column) ``rule.cell`` of the canvas,
    marked on the frame at both ends; where it crosses another, ``┼``."""
    cols, rows = cells.canvas
    markers, fullgrounds = cells.markers, cells.fullgrounds
    cell, horizontal = rule.cell, rule.horizontal
    if horizontal:
        if not 0 <= cell < len(rows):
            return
        r = rows.start + cell
        spots = [(r, c) for c in cols]
        ends = ((r, cols.start - 1, "├"), (r, cols.stop, "┤"))
        crossing = "│"
    else:
        if not 0 <= cell < len(cols):
            return
        c = cols.start + cell
        spots = [(r, c) for r in rows]
        ends = ((rows.start - 1, c, "┴"), (rows.stop, c, "┬"))
        crossing = "─"
    line = "─" if horizontal else "│"
    for r, c in spots:
        markers[r][c] = "┼" if markers[r][c] in (crossing, "┼") else line
        fullgrounds[r][c] = rule.color
    for r, c, mark in ends:
        if 0 <= r < len(markers) and 0 <= c < len(markers[r]) and markers[r][c] in "│─":
            markers[r][c] = mark


def _draw_label(cells: _Cells, label: _Label) -> None:
    """Write a label over whatever the canvas shows there, inside the canvas."""
    cols, rows = cells.canvas
    if not 0 <= label.row < len(rows):
        return
    r = rows.start + label.row
    styles = cells.styles[r] = cells.styles[r].copy()  # shared with the cached figure
    for i, char in enumerate(label.text):
        c = label.column + i
        if 0 <= c < len(cols):
            cells.markers[r][cols.start + c] = char
            cells.fullgrounds[r][cols.start + c] = label.color
            styles[cols.start + c] = "bold" if label.bold else _NO_COLOR


def _to_ascii(markers: list[list[str]]) -> None:
    """Replace every character of plotext's matrix by ASCII (``?`` where there is none)."""
    for row in markers:
        for c, char in enumerate(row):
            if not char.isascii():
                plain = char.translate(_ASCII_FOR)
                row[c] = plain if plain.isascii() else "?"


class FigureCalls:
    """Stands in for the plotext figure in `FastPlot.draw`: records the calls in a form two
    drawings can be compared by, to replay on the real figure when they changed. A call gives
    back another recorder, for the calls made on its result (a subplot's)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any], FigureCalls]] = []

    def __getattr__(self, name: str) -> Callable[..., FigureCalls]:
        if name.startswith("_"):
            raise AttributeError(name)

        def record(*args: Any, **kwargs: Any) -> FigureCalls:
            result = FigureCalls()
            self.calls.append((name, args, kwargs, result))
            return result

        return record

    def key(self) -> tuple[object, ...]:
        """The calls, arrays and lists included, as a tuple ``==`` compares whole."""
        return tuple(
            (name, _comparable(args), _comparable(sorted(options.items())), result.key())
            for name, args, options, result in self.calls
        )

    def without_title(self) -> tuple[FigureCalls, str]:
        """The calls with the title (one `title` call with a string) replaced by a placeholder
        of its length, and the title; the calls themselves and ``""`` otherwise."""
        titles = [call for call in self.calls if call[0] == "title"]
        if len(titles) != 1:
            return self, ""
        name, args, options, result = titles[0]
        if len(args) != 1 or options or not isinstance(args[0], str) or not args[0].strip():
            return self, ""
        title = args[0].strip()  # as plotext shows it
        base = FigureCalls()
        base.calls = [
            (name, (TITLE_PLACEHOLDER * len(title),), {}, result) if call is titles[0] else call
            for call in self.calls
        ]
        return base, title

    def rows_around_canvas(self) -> tuple[bool, bool]:
        """Whether plotext's layout (``plotext._build``) gives the figure these calls make a
        row above its canvas (a title or an upper x label) and one below (a lower x label or
        a y label). plotext keeps the last label of each place, and none that is blank."""
        labels: dict[tuple[str, bool], bool] = {}
        for name, args, options, _ in self.calls:
            if name not in ("title", "xlabel", "ylabel"):
                continue
            label = args[0] if args else options.get("label")
            side = args[1] if len(args) > 1 else options.get(f"{name[0]}side")
            second = "upper" if name == "xlabel" else "right"
            place = (name, side == 2 or (isinstance(side, str) and side.strip() == second))
            labels[place] = label is not None and bool(str(label).strip())
        above = labels.get(("title", False), False) or labels.get(("xlabel", True), False)
        below = labels.get(("xlabel", False), False) or any(
            shown for (name, _), shown in labels.items() if name == "ylabel"
        )
        return above, below

    def replay(self, plt: Any) -> None:
        for name, args, options, result in self.calls:
            made = getattr(plt, name)(*args, **options)
            if result.calls:
                result.replay(made)


TITLE_PLACEHOLDER = "\x01"
"""What the figure is built with in the title's place, to find the cells plotext gives it."""


def _comparable(value: object) -> object:
    """``value`` with arrays and lists turned into tuples, so ``==`` compares it whole."""
    if isinstance(value, np.ndarray):
        return (value.shape, value.dtype.str, value.tobytes())
    if isinstance(value, (list, tuple)):
        return tuple(_comparable(item) for item in value)
    if isinstance(value, np.generic):
        return value.item()
    return value


class _Layers(NamedTuple):
    """What `FastPlot` draws over plotext's figure, in cells: reference lines, rasterized lines
    with their colours, labels."""

    rules: tuple[_Rule, ...]
    rasters: tuple[tuple[CellCanvas, tuple[PlotextColor, ...]], ...]
    labels: tuple[_Label, ...]

    def key(self) -> tuple[object, ...]:
        """The layers as a tuple ``==`` compares whole (the rasters' arrays as bytes)."""
        rasters = tuple(
            (_comparable(raster.codes), _comparable(raster.owner), colors)
            for raster, colors in self.rasters
        )
        return (self.rules, rasters, self.labels)


class _Figure(NamedTuple):
    """plotext's part of a figure, built once for a set of calls."""

    key: tuple[object, ...]
    cells: _Cells
    title_cells: list[tuple[int, int]]
    """``(row, column)`` of each character of the title, written over the figure."""
    ansi: str | None
    """plotext's own ANSI canvas, for its fast paths, which fill no matrices."""


def _strip(
    markers: list[str],
    fullgrounds: list[PlotextColor],
    styles: list[str],
    backgrounds: list[PlotextColor],
    cell_style: Callable[[CellKey], RichStyle],
) -> Strip:
    """One line of plotext's matrices as a strip, neighbouring cells that look the same
    joined into one segment."""
    blank = _BLANK
    segments: list[Segment] = []
    run_chars: list[str] = []
    run_key: CellKey | None = None
    run_is_blank = True
    run_is_braille = False
    for char, fullground, style, background in zip(
        markers, fullgrounds, styles, backgrounds, strict=True
    ):
        key = (fullground, style, background)
        braille = _BRAILLE_FIRST <= char <= _BRAILLE_LAST
        if run_key is not None and (key != run_key or braille != run_is_braille):
            same_look = background == run_key[2] and (
                _blank_is_plain(style) and _blank_is_plain(run_key[1])
            )
            # Braille never shares a segment with blanks: an SVG screenshot stretches each
            # segment to its cells, and braille from a fallback font is narrower than the
            # cells, so a shared segment would spread the dots over the blanks.
            if char == blank and same_look and not run_is_braille:
                # A plain blank looks the same in the current run's style.
                run_chars.append(char)
                continue
            if run_is_blank and same_look and not braille:
                # A run of plain blanks looks the same in this cell's style.
                run_key = key
            else:
                segments.append(Segment("".join(run_chars), cell_style(run_key)))
                run_chars = []
                run_key = key
                run_is_blank = True
                run_is_braille = braille
        elif run_key is None:
            run_key = key
            run_is_braille = braille
        run_chars.append(char)
        run_is_blank = run_is_blank and char == blank
    if run_key is not None:
        segments.append(Segment("".join(run_chars), cell_style(run_key)))
    return Strip(segments)


class FastPlot(PlotextPlot):
    """Base class for plot widgets that redraw only when their figure changed.

    Subclasses implement `draw(plt)` and call `replot()` whenever the data behind the figure
    changed. Resizes and theme changes rebuild the figure on their own.

    plotext draws the frame, the title, the x label and the tick labels; everything inside the
    frame is placed by the plot's two axes (`set_axes`, from `l1l2_tui.rendering.axis`), in
    layers drawn over plotext's figure: reference lines (`hline`, `vline`), then lines
    (`lines`, `line_xy`, `envelopes`) in the widget's `marker`, then labels (`label`) over
    everything. plotext is given limits at the centres of the first and last cells, where its own
    mapping puts a value in the same cell as the axes do, so its tick labels sit on the rows and
    columns of their values. With `"ascii"` the whole figure, frame and text included, is drawn
    in ASCII.
    """

    def __init__(
        self,
        *,
        marker: LineMarker = "braille",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        """Initialise the plot widget.

        Args:
            marker: How `lines` draws: `"braille"`, `"dot"` or `"ascii"`. Call
                `replot()` after changing `self.marker`.
            name: The name of the widget.
            id: The ID of the widget in the DOM.
            classes: The CSS classes of the widget.
            disabled: Whether the widget is disabled.
        """
        if marker not in LINE_MARKERS:
            raise ValueError(f"marker must be one of {', '.join(LINE_MARKERS)}, not {marker!r}")
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.marker: LineMarker = marker
        self._figure_dirty = True
        self._strips: list[Strip] = []
        self._axes: tuple[Axis, Axis] | None = None
        self._rules: list[tuple[float, PlotextColor, bool]] = []
        self._lines: list[_Lines] = []
        self._labels: list[_Label] = []
        self._built_for: tuple[object, ...] | None = None
        self._figure: _Figure | None = None
        self._rows: list[tuple[list[str], list[PlotextColor], list[str], list[PlotextColor]]] = []
        self._drawing: tuple[object, ...] | None = None
        self._cell_styles: dict[CellKey, RichStyle] = {}
        self._cell_styles_for: tuple[Style, TerminalTheme] | None = None

    def draw(self, plt: Plot) -> None:
        """Issue the plotext calls for the figure at the current widget size.

        The calls are recorded and replayed on this widget's plotext figure, already cleared,
        sized to the widget and set to its theme (so a plot without explicit colours takes the
        theme's colour sequence), only when they differ from the last build's: draw() must
        only issue plotext calls, never read what they return.

        Args:
            plt: What stands in for the plotext figure (see `FigureCalls`).
        """

    def replot(self) -> None:
        """Redraw the figure and ask Textual to repaint what changed in this widget."""
        if not self.is_mounted or self._figure_dirty or self._built_for != self._build_key():
            # Nothing valid on screen to compare with: the next repaint builds and paints all.
            self._figure_dirty = True
            self.refresh()
            return
        shown = self._strips
        self._strips = self._build_strips(self.size)
        if self._strips is shown:
            return
        regions = changed_regions(shown, self._strips)
        if regions is None:
            self.refresh()
        elif regions:
            self.refresh(*regions)

    def _register_theme(self, app_theme_name: str) -> None:
        """Register the app's theme with plotext, then rebuild with it.

        The app's theme may change (and this widget repaint) before PlotextPlot's
        `theme_changed_signal` handler has registered the matching plotext theme; until then
        plotext falls back to its own default theme, so the figure must be rebuilt afterwards.
        """
        super()._register_theme(app_theme_name)
        self._figure_dirty = True

    def render_line(self, y: int) -> Strip:
        """Serve one line of the cached figure, rebuilding it first if it is out of date.

        Args:
            y: The line of the widget's content area, counted from the top.

        Returns:
            The line as a strip of styled segments.
        """
        self._ensure_built()
        if 0 <= y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def _build_key(self) -> tuple[object, ...]:
        """What the cached strips depend on besides the figure."""
        return (self.size, self.app.theme, self.theme, self.visual_style)

    def _ensure_built(self) -> None:
        """Rebuild the cached strips if the figure, size, theme or base style changed."""
        built_for = self._build_key()
        if self._figure_dirty or built_for != self._built_for:
            # A new size, theme or look: plotext's figure, kept by its calls, is out of date.
            self._figure, self._drawing = None, None
            self._strips = self._build_strips(self.size)
            self._built_for = built_for
            self._figure_dirty = False

    def _build_strips(self, size: Size) -> list[Strip]:
        """Draw the figure (with plotext when its calls changed) and turn the lines of cells
        that changed since the last drawing into strips."""
        width, height = size
        if width <= 0 or height <= 0:
            self._figure, self._rows, self._drawing = None, [], None
            return []
        recorded = FigureCalls()
        self._axes, self._rules, self._lines, self._labels = None, [], [], []
        self.draw(recorded)  # type: ignore[arg-type]  # records the calls (see draw)
        base, title = recorded.without_title()
        theme = self._get_plotext_theme_name(self.app.theme)
        key = (width, height, theme, len(title), base.key())
        figure = self._figure
        if figure is None or figure.key != key:
            figure = self._figure = self._build_figure(key, base, width, height, theme)
            self._rows, self._drawing = [], None
        if figure.ansi is not None:
            return self._strips_from_ansi(figure.ansi, width, height)
        layers = self._layers(figure.cells.canvas)
        drawing = (figure.key, title, self.marker, layers.key())
        if drawing == self._drawing and len(self._strips) == height:
            return self._strips  # no pixel moved
        self._drawing = drawing
        cells = self._draw(figure, title, layers)
        rows = list(
            zip(cells.markers, cells.fullgrounds, cells.styles, cells.backgrounds, strict=True)
        )
        before, shown = self._rows, self._strips
        reuse = len(before) == len(rows) and len(shown) == len(rows)
        cell_style = self._cell_style_lookup()
        strips: list[Strip] = []
        for index in range(len(rows) - 1, -1, -1):  # plotext counts rows from the bottom
            if reuse and before[index] == rows[index]:
                strips.append(shown[len(rows) - 1 - index])
            else:
                strips.append(_strip(*rows[index], cell_style))
        self._rows = rows
        return strips

    def _build_figure(
        self, key: tuple[object, ...], recorded: FigureCalls, width: int, height: int, theme: str
    ) -> _Figure:
        """Build plotext's part of the figure from the recorded calls."""
        plt = self._plot
        plt.clear_figure()
        plt.plotsize(width, height)
        # As in PlotextPlot.render: plotsize caps the size at the terminal size plotext sees,
        # _set_size restores the widget's size.
        plt._set_size(width, height)
        plt.theme(theme)
        recorded.replay(plt)
        plt._set_sizes()
        plt._build_matrix()
        monitor = plt.monitor
        if monitor.fast_plot:
            # plotext's `matrix_plot(..., fast=True)` writes an ANSI string and no matrices.
            nothing = _Cells([], [], [], [], (range(0), range(0)))
            return _Figure(key, nothing, [], monitor.matrix.get_canvas())
        matrix = monitor.matrix
        markers = [row.copy() for row in matrix.marker]
        title_cells = [
            (row, column)
            for row, line in enumerate(markers)
            for column, char in enumerate(line)
            if char == TITLE_PLACEHOLDER
        ]
        for row, column in title_cells:
            markers[row][column] = _BLANK
        title_cells.sort(key=lambda cell: (-cell[0], cell[1]))
        cells = _Cells(
            markers,
            [row.copy() for row in matrix.fullground],
            [row.copy() for row in matrix.style],
            [row.copy() for row in matrix.background],
            (matrix.Cols_canvas, matrix.Rows_canvas),
        )
        return _Figure(key, cells, title_cells, None)

    def _layers(self, canvas: Canvas) -> _Layers:
        """What draw() asked to draw over plotext's figure, placed in cells by the axes (the
        lines rasterized); nothing when the axes do not fit the canvas."""
        columns, rows = canvas
        axes = self._axes
        if axes is None or (len(columns), len(rows)) != (axes[0].cells, axes[1].cells):
            return _Layers((), (), ())
        rules = tuple(
            _Rule(axes[1 if horizontal else 0].cell(value), color, horizontal)
            for value, color, horizontal in self._rules
        )
        rasters = tuple(
            (
                rasterize(
                    lines.px, lines.py, len(columns), len(rows), self.marker, lines.first_dash
                ),
                tuple(lines.colors),
            )
            for lines in self._lines
        )
        return _Layers(rules, rasters, tuple(self._labels))

    def _draw(self, figure: _Figure, title: str, layers: _Layers) -> _Cells:
        """A copy of ``figure``'s cells with the title and the layers over it: reference lines,
        then the lines, then the labels over everything."""
        built = figure.cells
        cells = _Cells(
            [row.copy() for row in built.markers],
            [row.copy() for row in built.fullgrounds],
            list(built.styles),  # a row is copied where a label writes in it
            built.backgrounds,
            built.canvas,
        )
        for (row, column), char in zip(figure.title_cells, title, strict=False):
            cells.markers[row][column] = char
        for rule in layers.rules:
            _draw_rule(cells, rule)
        drawn: set[int] = set()
        for raster, colors in layers.rasters:
            _draw_lines(cells, drawn, raster, colors)
        for label in layers.labels:
            _draw_label(cells, label)
        if self.marker == "ascii":
            _to_ascii(cells.markers)
        return cells

    # -- what draw() calls ------------------------------------------------------------------
    def canvas_rows(self, plt: Plot) -> int:
        """The rows plotext's canvas will have in this widget, given the title and labels set
        on ``plt`` so far (as plotext lays them out: a row above for a title or an upper x
        label, one below for a lower x label or a y label)."""
        above, below = plt.rows_around_canvas()  # type: ignore[attr-defined]  # see draw
        return self.size.height - FRAME_ROWS - int(above) - int(below)

    def canvas_columns(self, y_axis: Axis) -> int:
        """The columns plotext's canvas will have beside ``y_axis``'s tick labels."""
        return self.size.width - FRAME_COLUMNS - max(map(len, y_axis.labels), default=0)

    def set_axes(self, plt: Plot, x_axis: Axis, y_axis: Axis) -> None:
        """Give plotext the limits and ticks of these axes, and place every layer by them.

        The canvas must have ``x_axis.cells`` columns and ``y_axis.cells`` rows (see
        `canvas_rows` and `canvas_columns`); when it does not, only plotext's figure is drawn."""
        self._axes = (x_axis, y_axis)
        if min(x_axis.cells, y_axis.cells) < 2:
            return
        plt.xlim(*x_axis.plotext_limits())
        plt.ylim(*y_axis.plotext_limits())
        plt.xticks(x_axis.tick_centres(), list(x_axis.labels))
        plt.yticks(y_axis.tick_centres(), list(y_axis.labels))
        # plotext drops the ticks of an axis nothing is drawn against: an empty text keeps them.
        plt.text("", x_axis.centre(0), y_axis.centre(0))

    def hline(self, value: float, color: PlotextColor) -> None:
        """A reference line across the plot at ``value``."""
        self._rules.append((value, color, True))

    def vline(self, value: float, color: PlotextColor) -> None:
        """A reference line up the plot at ``value``."""
        self._rules.append((value, color, False))

    def _pixels(self, values: np.ndarray, axis: int) -> np.ndarray:
        assert self._axes is not None, "set_axes() first"
        return self._axes[axis].position(values) * PIXELS_PER_CELL[self.marker][axis]

    @property
    def dashed(self) -> bool:
        """Whether lines told apart by colour alone are dashed instead: without colour."""
        return self.app.no_color

    def _dash(self, dash: int | None) -> int | None:
        return dash if self.dashed else None

    def lines(
        self,
        x: np.ndarray,
        ys: np.ndarray,
        colors: Sequence[PlotextColor],
        dash: int | None = None,
    ) -> None:
        """Lines of ``ys`` (series x points) through the points of ``x``, in ``colors``, drawn
        with numpy in the widget's `marker` over plotext's figure and the reference lines.
        Without colour (see `dashed`), series ``i`` is drawn in the dash ``dash + i`` of
        `l1l2_tui.rendering.braille.DASHES` (solid, dashed, dotted) when ``dash`` is given."""
        pixels = _Lines(self._pixels(x, 0), self._pixels(ys, 1), colors, self._dash(dash))
        self._lines.append(pixels)

    def line_xy(self, x: np.ndarray, y: np.ndarray, color: PlotextColor) -> None:
        """One curve through the points ``(x[k], y[k])`` in order, as `lines` draws."""
        self.lines(np.asarray(x), np.asarray(y)[None, :], [color])

    def envelopes(
        self,
        x: np.ndarray,
        low: np.ndarray,
        high: np.ndarray,
        colors: Sequence[PlotextColor],
        dash: int | None = None,
    ) -> None:
        """Series over many points (``x`` increasing), each pixel column drawn from the lowest
        of ``low`` to the highest of ``high`` (series x points) among the points in it; dashed
        as `lines` says."""
        px, py = envelope_polyline(self._pixels(x, 0), self._pixels(low, 1), self._pixels(high, 1))
        self._lines.append(_Lines(px, py, colors, self._dash(dash)))

    def label(
        self,
        text: str,
        x: float,
        y: float,
        color: PlotextColor,
        align: Literal["left", "center", "right"] = "left",
        bold: bool = False,
    ) -> None:
        """``text`` in the cell of ``(x, y)`` (its first, middle or last character there), drawn
        over the lines; moved sideways to stay inside the canvas, never to another row."""
        assert self._axes is not None, "set_axes() first"
        x_axis, y_axis = self._axes
        column = (
            x_axis.cell(x) - {"left": 0, "center": len(text) // 2, "right": len(text) - 1}[align]
        )
        column = max(0, min(column, x_axis.cells - len(text)))
        self._labels.append(_Label(text, column, y_axis.cell(y), color, bold))

    def _cell_style_lookup(self) -> Callable[[CellKey], RichStyle]:
        """A cached mapping from a plotext cell triple to the Rich style Textual paints it in."""
        base, ansi_theme = self.visual_style, self.app.ansi_theme
        if (base, ansi_theme) != self._cell_styles_for:
            self._cell_styles = {}
            self._cell_styles_for = (base, ansi_theme)
        cache = self._cell_styles

        def cell_style(key: CellKey) -> RichStyle:
            style = cache.get(key)
            if style is None:
                cell = Style.from_rich_style(_plotext_rich_style(*key), ansi_theme)
                # As stock: Content.render adds the cell's style to the base style and
                # Content.to_strip adds the result to the base style again.
                style = cache[key] = (base + Style.combine((base, cell))).rich_style
            return style

        return cell_style

    def _strips_from_ansi(self, canvas: str, width: int, height: int) -> list[Strip]:
        """Convert an ANSI canvas the way the stock widget does (for plotext's fast paths)."""
        content = Content.from_rich_text(Text.from_ansi(canvas), console=self.app.console)
        return Visual.to_strips(self, content, width, height, self.visual_style)
