"""A plotext plot widget that turns plotext's cell matrices straight into Textual strips.

Stock `textual_plotext.PlotextPlot.render()` asks plotext for an ANSI string every refresh and
parses it back with `Text.from_ansi`, then Textual turns that `Text` into `Content` and strips.
`FastPlot` builds the figure only when it was marked dirty (`replot()`), resized or re-themed,
reads plotext's final cell matrices (`figure.monitor.matrix.marker`, `.fullground`, `.style`,
`.background`, bottom row first) and builds one `Strip` per line, joining neighbouring cells that
look the same into one `Segment`. The strips are cached and served by the Line API
(`render_line`). A `replot()` of a widget already on screen builds the new strips at once and
marks dirty only the runs of cells that changed, so Textual sends the terminal those cells
rather than the whole plot.

Most frames of a playing run change no axis or tick, and move the lines by less than a pixel.
So `draw()` issues its plotext calls to a recorder first, and plotext builds the figure only
when the calls differ from the last build's. Texts (`text`, at set limits) and the title are
left out of that comparison: they are written onto a copy of the figure built before, into the
cells plotext itself would give them (the title's are found by building with a placeholder of
its length), so a label that moves or a title whose numbers change costs no build. The lines
are rasterized on that copy too, and only the lines of cells that differ from the last drawing
become new strips. A frame where nothing visible moved costs the recording and the
rasterizing, no strip at all.

Colours go through the same conversion the stock widget uses (plotext's own ANSI codes, Rich's
ANSI decoder, Textual's `Style.from_rich_style` on top of the widget's visual style), once per
distinct `(foreground, style, background)` triple, so every cell gets exactly the colour stock
rendering gives it. A blank cell shows only its background, so its foreground is not part of its
look: blanks join the neighbouring segment when the backgrounds match, which cuts the number of
segments (and so of escape sequences written to the terminal) without changing a pixel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

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

from l1l2_tui.rendering.braille import LINE_MARKERS, CellCanvas, LineMarker, rasterize
from l1l2_tui.rendering.dirty_lines import changed_regions

__all__ = ["FastPlot"]

PlotextColor = str | int | tuple[int, int, int]
"""A plotext colour: a name such as `"red+"`, a 256-colour index or an RGB triple."""

CellKey = tuple[PlotextColor, str, PlotextColor]
"""What plotext stores for one cell besides its character: foreground, style, background."""

_BLANK = plotext_utility.space
_NO_COLOR = plotext_utility.no_color
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
    {"─": "-", "│": "|", "•": "*", "●": "o", "·": "."} | dict.fromkeys("┼┌┐└┘├┤┬┴", "+")
)
"""ASCII for the characters plotext and our widgets draw, for the `"ascii"` marker."""


def _draw_lines(
    markers: list[list[str]],
    fullgrounds: list[list[PlotextColor]],
    drawn: np.ndarray,
    canvas: tuple[range, range],
    lines: CellCanvas,
    colors: Sequence[PlotextColor],
) -> None:
    """Write rasterized ``lines`` into plotext's matrices (``markers``, ``fullgrounds``), over
    blanks, plotext's lines and the cells ``drawn`` (``[row, col]``, bottom row first) by
    earlier lines, which it updates. ``canvas``: plotext's canvas, as (columns, rows) ranges."""
    cols, rows = canvas
    for row, col in zip(*np.nonzero(lines.codes), strict=True):
        r, c = rows.start + int(row), cols.start + int(col)
        if drawn[r, c] or markers[r][c] in _UNDER_LINES:
            markers[r][c] = lines.char(row, col)
            fullgrounds[r][c] = colors[int(lines.owner[row, col])]
            drawn[r, c] = True


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

    def overlays(self) -> tuple[FigureCalls, list[OverlayText], str] | None:
        """The calls less their texts and title, the texts and the title, when the texts can
        be written over the figure plotext builds without them (at limits set by ``xlim`` and
        ``ylim``, each with a colour, left to right); None otherwise."""
        names = [name for name, *_ in self.calls]
        if "xlim" not in names or "ylim" not in names or names.count("title") > 1:
            return None
        for name, args, options, _ in self.calls:
            if name in ("xlim", "ylim") and (options or len(args) != 2 or not _numbers(args)):
                return None  # limits plotext reads otherwise (one pair, another axis)
        if any(result.calls for *_, result in self.calls):
            return None  # subplots
        base, texts, title = FigureCalls(), [], ""
        for call in self.calls:
            name, args, options, _ = call
            if name == "text":
                text = _overlay_text(args, options)
                if text is None:
                    return None
                texts.append(text)
            elif name == "title" and len(args) == 1 and not options and isinstance(args[0], str):
                title = args[0]
                if title:
                    base.calls.append((name, (TITLE_PLACEHOLDER * len(title),), {}, call[3]))
            else:
                base.calls.append(call)
        if texts:
            # plotext draws an axis's ticks only when something is placed by it (data, lines
            # or texts): an empty text, which draws nothing, keeps them.
            limits = {name: args for name, args, *_ in self.calls if name in ("xlim", "ylim")}
            corner = (limits["xlim"][0], limits["ylim"][0])
            base.calls.append(("text", ("", *corner), {}, FigureCalls()))
        return base, texts, title

    def replay(self, plt: Any) -> None:
        for name, args, options, result in self.calls:
            made = getattr(plt, name)(*args, **options)
            if result.calls:
                result.replay(made)


class OverlayText(NamedTuple):
    """A `text` call written over the figure: its string, where, and its look."""

    text: str
    x: float
    y: float
    color: PlotextColor
    style: str
    alignment: str


TITLE_PLACEHOLDER = "\x01"
"""What the figure is built with in the title's place, to find the cells plotext gives it."""
_ALIGNMENTS = {"l": "left", "c": "center", "r": "right", None: "center"}


def _overlay_text(args: tuple[Any, ...], options: dict[str, Any]) -> OverlayText | None:
    """A `text` call as plotext's `draw_text` reads it, if it can be written over the figure
    (one line, horizontal, with a colour, on the first axes)."""
    if len(args) != 3 or set(options) - {"color", "style", "alignment"}:
        return None
    label, x, y = args
    color, style = options.get("color"), options.get("style")
    alignment = options.get("alignment")
    alignment = _ALIGNMENTS.get(alignment[:1] if isinstance(alignment, str) else None)
    if not isinstance(label, str) or "\n" in label or not plotext_utility.is_color(color):
        return None
    if not _numbers((x, y)):
        return None
    style = str(style) if style is not None else None
    style = style if style is not None and plotext_utility.is_style(style) else _NO_COLOR
    return OverlayText(label, float(x), float(y), color, style, alignment)


def _numbers(values: tuple[Any, ...]) -> bool:
    return all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in values)


def _comparable(value: object) -> object:
    """``value`` with arrays and lists turned into tuples, so ``==`` compares it whole."""
    if isinstance(value, np.ndarray):
        return (value.shape, value.dtype.str, value.tobytes())
    if isinstance(value, (list, tuple)):
        return tuple(_comparable(item) for item in value)
    if isinstance(value, np.generic):
        return value.item()
    return value


class _Figure(NamedTuple):
    """A plotext figure built once for a set of calls: its cell matrices, bottom row first."""

    key: tuple[object, ...]
    markers: list[list[str]]
    fullgrounds: list[list[PlotextColor]]
    styles: list[list[str]]
    backgrounds: list[list[PlotextColor]]
    canvas: tuple[range, range]
    """Where plotext draws data: its columns and rows (bottom row first)."""
    limits: tuple[tuple[float, float], tuple[float, float]] | None
    """The x and y limits texts are placed by (None: the texts are part of the figure)."""
    canvas_color: PlotextColor
    title_cells: list[tuple[int, int]]
    """``(row, column)`` of each character of the title, written over the figure."""
    ansi: str | None
    """plotext's own ANSI canvas, for its fast paths, which fill no matrices."""


def _to_ascii(markers: list[list[str]]) -> None:
    """Replace every character of plotext's matrix by ASCII (``?`` where there is none)."""
    for row in markers:
        for c, char in enumerate(row):
            if not char.isascii():
                plain = char.translate(_ASCII_FOR)
                row[c] = plain if plain.isascii() else "?"


def _place_texts(
    texts: list[OverlayText], figure: _Figure
) -> tuple[tuple[int, int, str, PlotextColor, str], ...]:
    """``(row, column, text, colour, style)`` of each text, where plotext's `build_plot`
    writes it (``plotext._utility.get_matrix_data`` of its x and y, within the canvas), the
    part of it that falls in the canvas."""
    if not texts or figure.limits is None:
        return ()
    columns, rows = figure.canvas
    (x0, x1), (y0, y1) = figure.limits
    if x0 == x1 or y0 == y1:
        return ()
    placed = []
    for text in texts:
        column = (
            columns.start + plotext_utility.get_matrix_data([text.x], (x0, x1), len(columns))[0]
        )
        row = rows.start + plotext_utility.get_matrix_data([text.y], (y0, y1), len(rows))[0]
        length = len(text.text)
        if text.alignment == "center":
            column -= length // 2
        elif text.alignment == "right":
            column -= length - 1
        if row not in rows:
            continue
        placed.append((row, column, text.text, text.color, text.style))
    return tuple(placed)


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
    for char, fullground, style, background in zip(
        markers, fullgrounds, styles, backgrounds, strict=True
    ):
        key = (fullground, style, background)
        if run_key is not None and key != run_key:
            same_look = background == run_key[2] and (
                _blank_is_plain(style) and _blank_is_plain(run_key[1])
            )
            if char == blank and same_look:
                # A plain blank looks the same in the current run's style.
                run_chars.append(char)
                continue
            if run_is_blank and same_look:
                # A run of plain blanks looks the same in this cell's style.
                run_key = key
            else:
                segments.append(Segment("".join(run_chars), cell_style(run_key)))
                run_chars = []
                run_key = key
                run_is_blank = True
        elif run_key is None:
            run_key = key
        run_chars.append(char)
        run_is_blank = run_is_blank and char == blank
    if run_key is not None:
        segments.append(Segment("".join(run_chars), cell_style(run_key)))
    return Strip(segments)


class FastPlot(PlotextPlot):
    """Base class for plot widgets that redraw only when their figure changed.

    Subclasses implement `draw(plt)` with ordinary plotext calls and call `replot()` whenever the
    data behind the figure changed. Resizes and theme changes rebuild the figure on their own.
    Lines drawn with `braille_lines` use the widget's `marker`; with `"ascii"` the whole figure,
    frame and text included, is drawn in ASCII.
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
            marker: How `braille_lines` draws: `"braille"`, `"dot"` or `"ascii"`. Call
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
        self._braille_lines: list[tuple[Any, ...]] = []
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
        theme's colour sequence), only when they differ from the last drawing's: draw() must
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
        """Draw the figure (with plotext when its calls changed) and turn the cells that
        changed since the last drawing into strips."""
        width, height = size
        if width <= 0 or height <= 0:
            self._figure, self._rows, self._drawing = None, [], None
            return []
        recorded = FigureCalls()
        self._braille_lines = []
        self.draw(recorded)  # type: ignore[arg-type]  # records the calls (see draw)
        theme = self._get_plotext_theme_name(self.app.theme)
        overlays = recorded.overlays()
        base, texts, title = overlays if overlays is not None else (recorded, [], "")
        key = (width, height, theme, overlays is not None, len(title), base.key())
        figure = self._figure
        if figure is None or figure.key != key:
            figure = self._figure = self._build_figure(key, base, width, height, theme)
            self._rows, self._drawing = [], None
        if figure.ansi is not None:
            return self._strips_from_ansi(figure.ansi, width, height)
        columns, rows = figure.canvas
        placed = _place_texts(texts, figure)
        rasters = [
            (rasterize(x, ys, xlim, ylim, len(columns), len(rows), self.marker), tuple(colors))
            for x, ys, colors, xlim, ylim in self._braille_lines
        ]
        lines_key = [(*_comparable(lines), colors) for lines, colors in rasters]
        drawing = (figure.key, title, placed, lines_key)
        if drawing == self._drawing and len(self._strips) == height:
            return self._strips  # no pixel moved
        self._drawing = drawing
        markers = [row.copy() for row in figure.markers]
        fullgrounds = [row.copy() for row in figure.fullgrounds]
        styles, backgrounds = list(figure.styles), list(figure.backgrounds)
        for (row, column), char in zip(figure.title_cells, title, strict=False):
            markers[row][column] = char
        for row, column, text, color, style in placed:
            styles[row], backgrounds[row] = styles[row].copy(), backgrounds[row].copy()
            for offset, char in enumerate(text):
                if column + offset in columns:
                    markers[row][column + offset] = char
                    fullgrounds[row][column + offset] = color
                    styles[row][column + offset] = style
                    backgrounds[row][column + offset] = figure.canvas_color
        drawn = np.zeros((len(markers), len(markers[0]) if markers else 0), bool)
        for lines, colors in rasters:
            _draw_lines(markers, fullgrounds, drawn, figure.canvas, lines, colors)
        if self.marker == "ascii":
            _to_ascii(markers)
        cells = list(zip(markers, fullgrounds, styles, backgrounds, strict=True))
        before, shown = self._rows, self._strips
        reuse = len(before) == len(cells) and len(shown) == len(cells)
        cell_style = self._cell_style_lookup()
        strips: list[Strip] = []
        for index in range(len(cells) - 1, -1, -1):  # plotext counts rows from the bottom
            if reuse and before[index] == cells[index]:
                strips.append(shown[len(cells) - 1 - index])
            else:
                strips.append(_strip(*cells[index], cell_style))
        self._rows = cells
        return strips

    def _build_figure(
        self, key: tuple[object, ...], recorded: FigureCalls, width: int, height: int, theme: str
    ) -> _Figure:
        """Build the figure with plotext from the recorded calls."""
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
            nothing = (range(0), range(0))
            return _Figure(key, [], [], [], [], nothing, None, "", [], monitor.matrix.get_canvas())
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
        limits = (tuple(monitor.xlim[0]), tuple(monitor.ylim[0])) if key[3] else None
        return _Figure(
            key,
            markers,
            [row.copy() for row in matrix.fullground],
            [row.copy() for row in matrix.style],
            [row.copy() for row in matrix.background],
            (matrix.Cols_canvas, matrix.Rows_canvas),
            limits,  # type: ignore[arg-type]
            matrix.canvas_color,
            title_cells,
            None,
        )

    def braille_lines(
        self,
        x: np.ndarray,
        ys: np.ndarray,
        colors: Sequence[PlotextColor],
        xlim: tuple[float, float],
        ylim: tuple[float, float],
    ) -> None:
        """From `draw()`: lines of `ys` (series x points) against `x`, in `colors`, drawn with
        numpy in the widget's `marker` over plotext's finished figure instead of by plotext's
        per-point Python.

        `xlim` and `ylim` must be the limits given to plotext. The lines cover plotext's
        zero and marker lines but not its text.
        """
        self._braille_lines.append((x, ys, colors, xlim, ylim))

    def braille_lines_xy(
        self,
        x: np.ndarray,
        y: np.ndarray,
        color: PlotextColor,
        xlim: tuple[float, float],
        ylim: tuple[float, float],
    ) -> None:
        """One curve through the points ``(x[k], y[k])`` in order, as `braille_lines` draws."""
        self._braille_lines.append((np.asarray(x), np.asarray(y)[None, :], [color], xlim, ylim))

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
