"""The weights drawn as the image their features are the pixels of, with exact zeros marked.

Each weight is one pixel, a block of cells twice as wide as high so that it looks square. In
colour, the sign is the hue (orange positive, blue negative: Okabe and Ito's pair, told apart
by colour-blind eyes too) and ``|w|`` the strength. A weight of exactly 0.0 is not a pale
colour but the background with a ``·`` on it, so that "small" never passes for "zero".

Without colour (``NO_COLOR``) or with ``--marker ascii`` each pixel is its sign and a glyph
by ``|w|``: ``+█`` ``−▒`` (or ``+#`` ``-:``), and an exact zero is ``·`` (or ``.``).

The strength is ``|w|`` over a scale that follows the largest ``|w|`` but holds while it
shrinks a little (as the weight bars' scale does): the picture shows which pixels matter
relative to each other now, and does not flicker as the run settles. The legend gives the
scale.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Size
from textual.strip import Strip

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.main import ZeroCount, zero_count
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.line_cache import CachedLinesWidget
from l1l2_tui.rendering.palette import RGB
from l1l2_tui.terminal.link import on_slow_link
from l1l2_tui.words import zeros_short, zeros_text

POSITIVE: RGB = (230, 159, 0)
"""Okabe-Ito orange."""
NEGATIVE: RGB = (86, 180, 233)
"""Okabe-Ito sky blue: against orange it stays apart for every kind of colour blindness."""
FAINT: RGB = (58, 58, 58)
"""Where the weakest nonzero weight starts on a dark background: a grey just off it. On
screen it is the widget's own background moved towards grey, so that a light theme gets a
light faint end (and a strong weight is a strong colour on any theme)."""
GREY = Color(128, 128, 128)
FAINT_SHARE = 0.3
"""How far the faint end lies from the background towards grey."""
FLOOR = 0.18
"""The smallest nonzero weight is drawn this far from ``FAINT`` towards its hue, so that it
shows at all."""
MAX_PIXEL_ROWS = 2
"""A pixel is at most this many rows high (and twice as many columns wide)."""
HEADER_ROWS = 2
"""The title above the image and the legend below it."""


class PixelGlyphs(NamedTuple):
    """The characters of the colourless image: a sign and a glyph by ``|w|``, and the mark of
    an exact zero."""

    plus: str
    minus: str
    ramp: str
    """Glyphs of rising ``|w|``, one per equal share of the scale."""
    zero: str


UNICODE_PIXELS = PixelGlyphs("+", "−", "░▒▓█", "·")
ASCII_PIXELS = PixelGlyphs("+", "-", ":=*#", ".")
"""The ramp of `` .:-=+*#%@`` without the signs and the zero mark's ``.``."""


def pixel_size(shape: tuple[int, int], width: int, height: int | None = None) -> tuple[int, int]:
    """``(columns, rows)`` of one pixel: the largest square-looking block (two columns a row)
    with which the image, its title and its legend fit ``width`` (and ``height``); for an
    image too wide for that, one cell a pixel; at least that, which may then be cropped."""
    rows, columns = shape
    for high in range(MAX_PIXEL_ROWS, 0, -1):
        fits_width = columns * 2 * high <= width
        fits_height = height is None or rows * high + HEADER_ROWS <= height
        if fits_width and fits_height:
            return 2 * high, high
    return (2, 1) if columns * 2 <= width else (1, 1)


SLOW_LINK_SHADES = 4
"""Shades of each hue on a slow link: a pixel changes colour only when its weight crosses a
quarter of the scale, not with every step."""


def strength(size: float, scale: float, shades: int | None = None) -> float:
    """How far from ``FAINT`` towards its hue a weight of ``|w| = size`` is drawn, in (0, 1];
    with ``shades``, rounded up to one of that many."""
    share = share_of(size, scale)
    if shades is not None:
        share = math.ceil(share * shades) / shades
    return FLOOR + (1.0 - FLOOR) * share


def pixel_color(weight: float, scale: float, faint: RGB = FAINT, shades: int | None = None) -> RGB:
    """The colour of a nonzero ``weight`` when the strongest colour stands for ``scale`` and
    the weakest starts at ``faint`` (in ``shades`` shades, or as many as there are colours)."""
    hue = POSITIVE if weight > 0 else NEGATIVE
    t = strength(abs(weight), scale, shades)
    return tuple(round(f + t * (h - f)) for f, h in zip(faint, hue, strict=True))  # type: ignore[return-value]


def pixel_text(weight: float, scale: float, columns: int, glyphs: PixelGlyphs) -> str:
    """The colourless pixel, ``columns`` wide: its sign, then its glyph by ``|w|`` (one column:
    the sign alone); an exact zero is its mark on blank."""
    if weight == 0.0:
        return glyphs.zero.center(columns)
    ramp = glyphs.ramp
    glyph = ramp[min(int(share_of(weight, scale) * len(ramp)), len(ramp) - 1)]
    sign = glyphs.plus if weight > 0 else glyphs.minus
    return sign + glyph * (columns - 1)


def image_title(count: ZeroCount, width: int) -> str:
    """``Weight image  zeros 54/64, 3 of them blank pixels``, shortened to fit ``width``."""
    zeros = f"zeros {count.zeros}/{count.total}"
    full = zeros_text(count)
    options = [f"Weight image  {full}", full, zeros_short(count), zeros]
    return next((text for text in options if len(text) <= width), options[-1])


class WeightImage(CachedLinesWidget):
    """The weights as an R x C heatmap, live; ``zeros k/d`` (and how many are blank) above it.

    ``show(session, scale)``: ``scale`` fixes the ``|w|`` the strongest colour stands for (so
    two images side by side compare), else it follows the largest ``|w|``."""

    DEFAULT_CSS = """
    WeightImage {
        height: auto;
    }
    """

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._glyphs = ASCII_PIXELS if marker == "ascii" else UNICODE_PIXELS
        self._ascii = marker == "ascii"
        self._weights = np.zeros(0)
        self._shape: tuple[int, int] = (0, 0)
        self._count = ZeroCount(0, 0)
        self._scale = 0.0
        self._fixed_scale: float | None = None
        self._step = 0
        self._faint = FAINT
        self._zero_style = Style(bold=True)

    @property
    def colourless(self) -> bool:
        """Drawn in characters rather than colours: ``--marker ascii`` or ``NO_COLOR``."""
        return self._ascii or (self.is_attached and self.app.no_color)

    @property
    def scale(self) -> float:
        """The ``|w|`` the strongest colour (the last glyph of the ramp) stands for."""
        return self._fixed_scale if self._fixed_scale is not None else self._scale

    def show(self, session: Session, scale: float | None = None) -> None:
        shape = session.problem.image_shape
        weights = session.weights
        if shape is None:
            return
        unchanged = np.array_equal(weights, self._weights) and scale == self._fixed_scale
        if unchanged and shape == self._shape:
            return
        if session.step_count < self._step:
            self._scale = 0.0  # a new run: the scale starts again
        self._step = session.step_count
        if shape != self._shape:
            self.refresh(layout=True)  # its height follows the image's rows
        self._weights, self._shape = weights.copy(), shape
        self._count = zero_count(session)
        self._fixed_scale = scale
        top = float(np.abs(weights).max(initial=0.0))
        # Hold the scale while the largest weight shrinks a little; follow it when it outgrows
        # the scale or falls below half of it.
        self._scale = top if top > self._scale or top < 0.5 * self._scale else self._scale
        self.invalidate()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        rows, _ = self._shape
        if rows == 0:
            return HEADER_ROWS
        room = container.height or None
        max_height = self.styles.max_height
        if room is not None and max_height is not None:
            # Sized for the rows a max-height leaves, not for the container: else the pixels
            # would be drawn smaller than planned, and the rows planned for them left blank.
            limit = int(max_height.resolve(container, viewport)) - self.styles.gutter.height
            room = max(min(room, limit), 1)
        _, high = pixel_size(self._shape, width, room)
        return rows * high + HEADER_ROWS

    def build_lines(self, width: int, height: int) -> list[Strip]:
        if not self._weights.size:
            return []
        rows, columns = self._shape
        wide, high = pixel_size(self._shape, width, height)
        _, background = self.background_colors
        self._faint = background.blend(GREY, FAINT_SHARE).rgb
        # The mark in the text's own colour, bold: it reads as a mark, not a tint, on any theme.
        self._zero_style = Style(color=self.rich_style.color, bold=True)
        lines = [Strip([Segment(image_title(self._count, width), Style(bold=True))])]
        grid = self._weights.reshape(rows, columns)
        for r in range(rows):
            pixels = [self._pixel(float(w), wide) for w in grid[r]]
            for line in range(high):
                # An exact zero's mark (and a sign) on the first row of its pixel only: a dot,
                # not a column of them.
                segments = [marked if line == 0 else rest for marked, rest in pixels]
                lines.append(Strip(segments).crop(0, width))
        lines.append(self._legend(width))
        # On the widget's own colours: a cell with no colour of its own (a zero, the title)
        # would otherwise show the terminal's default background, whatever the theme.
        base = self.rich_style
        return [line.apply_style(base) for line in lines]

    def _pixel(self, weight: float, wide: int) -> tuple[Segment, Segment]:
        """The pixel's first row, with its zero mark or sign, and its other rows."""
        scale, zero = self.scale, self._glyphs.zero
        if weight == 0.0:
            style = Style(dim=True) if self.colourless else self._zero_style
            return Segment(zero.center(wide), style), Segment(" " * wide, style)
        if self.colourless:
            # The sign once a pixel, on its first row: on every row it would draw stripes.
            text = pixel_text(weight, scale, wide, self._glyphs)
            style = Style(bold=share_of(weight, scale) > 0.5)
            return Segment(text, style), Segment(text[-1] * wide, style)
        shades = SLOW_LINK_SHADES if on_slow_link(self) else None
        r, g, b = pixel_color(weight, scale, self._faint, shades)
        drawn = Segment(" " * wide, Style(bgcolor=f"rgb({r},{g},{b})"))
        return drawn, drawn

    def _legend(self, width: int) -> Strip:
        """``−0.59 ███ · ███ +0.59  · exactly 0``: the colours (or glyphs) the scale spans, as
        much of it as fits ``width``."""
        scale, zero = self.scale, self._glyphs.zero
        dim = Style(dim=True)
        if scale == 0.0:  # every weight is 0: no colours to explain
            return Strip([Segment(f"{zero} exactly 0", dim)]).crop(0, width)
        minus = "-" if self._ascii else "−"
        segments = [Segment(f"{minus}{scale:.2g} ", dim)]
        shares = (1.0, 0.5, 0.01)
        for weight in (*(-s * scale for s in shares), 0.0, *(s * scale for s in reversed(shares))):
            if weight == 0.0:
                segments.append(Segment(f" {zero} ", dim if self.colourless else self._zero_style))
            elif self.colourless:
                segments.append(Segment(pixel_text(weight, scale, 2, self._glyphs), dim))
            else:
                r, g, b = pixel_color(weight, scale, self._faint)
                segments.append(Segment(" ", Style(bgcolor=f"rgb({r},{g},{b})")))
        segments.append(Segment(f" +{scale:.2g}", dim))
        used = sum(len(segment.text) for segment in segments)
        tails = (f"  {zero} exactly 0", f"  {zero} = 0", "")
        tail = next((text for text in tails if used + len(text) <= width), "")
        return Strip([*segments, Segment(tail, dim)]).crop(0, width)


def share_of(weight: float, scale: float) -> float:
    """``|weight|`` as a share of ``scale``, at most 1 (1 when there is no scale, or no number:
    an overflowed weight draws at full strength rather than failing the frame)."""
    share = abs(weight) / scale if scale > 0 else 1.0
    return 1.0 if share != share else min(share, 1.0)
