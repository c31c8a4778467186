"""The current weights as signed bars, one row per feature; exact zeros are marked."""

from __future__ import annotations

import textwrap
from typing import NamedTuple

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from l1l2_tui.engine import Session, Settings
from l1l2_tui.engine.claims.main import jitter_claims, zero_count
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.line_cache import CachedLinesWidget
from l1l2_tui.rendering.palette import app_palette, hex_color
from l1l2_tui.views.main.words import truth_note
from l1l2_tui.words import zeros_short

EIGHTHS = " ▏▎▍▌▋▊▉█"
"""Left-aligned blocks of 0..8 eighths, for bars growing right."""
RIGHT_ALIGNED = " ▕▕▐▐▐▐██"
"""The nearest right-aligned blocks (only 1/8 and 1/2 exist), for bars growing left."""


class BarGlyphs(NamedTuple):
    """The characters a bar row is drawn with."""

    full: str
    left_aligned: tuple[str, ...]
    """Indexed by eighths of a cell, 1 to 8 (index 0 is never drawn)."""
    right_aligned: tuple[str, ...]
    axis: str
    zero: str

    track: str = "╌"
    dot: str = "•"
    truth: str = "◆"
    """The mark of a true weight, where the data has them."""


UNICODE_GLYPHS = BarGlyphs("█", tuple(EIGHTHS), tuple(RIGHT_ALIGNED), "│", "●")
ASCII_HALVES = ("",) * 4 + ("#",) * 5
"""Whole cells only: a part cell of half or more is drawn ``#``."""
ASCII_GLYPHS = BarGlyphs("#", ASCII_HALVES, ASCII_HALVES, "|", "o", "-", "*", "+")


class WeightBars(CachedLinesWidget):
    """``name  ███│      +2.26`` per weight, scaled to the largest |w|; ``● 0 exactly`` at 0.

    A weight that jitters around 0 under subgradient steps is drawn zoomed in: a dot on a track
    spanning the band it jitters in (the same band for every such row), so the jitter shows
    however small it is, and so does that it never sits on the axis.

    Where the data has true weights (synthetic), each row marks its true weight ``◆`` on the
    bar's scale (which then spans them too), and a line under the bars names the weights whose
    zero or nonzero is wrong against them.

    With ``marker="ascii"`` the bars are ``#``, the axis ``|`` and the zero mark ``o``."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._glyphs = ASCII_GLYPHS if marker == "ascii" else UNICODE_GLYPHS
        self._weights = np.zeros(0)
        self._names: tuple[str, ...] = ()
        self._scale = 0.0
        self._step = 0
        self._jitter: frozenset[int] = frozenset()
        self._band = 0.0
        self._settings: Settings | None = None
        self._zeros = ""
        self._truth: np.ndarray | None = None
        self._wrong = ""

    def show(self, session: Session) -> None:
        weights = session.weights
        # The jitter note is a claim about the settings in force: a new optimizer redraws it.
        if np.array_equal(weights, self._weights) and session.settings == self._settings:
            return
        self._settings = session.settings
        jitter = jitter_claims(session)
        self._jitter = frozenset(claim.feature for claim in jitter)
        self._band = max((claim.band for claim in jitter), default=0.0)
        self._weights = weights.copy()
        self._names = session.problem.feature_names
        self._zeros = zeros_short(zero_count(session))
        self._truth = session.problem.true_weights
        self._wrong = "" if self._truth is None else truth_note(session)
        # The scale holds while the largest weight shrinks a little, so bars do not jump; it
        # follows a weight that outgrows it or shrinks below half of it, and starts again
        # when the run does.
        if session.step_count < self._step:
            self._scale = 0.0
        self._step = session.step_count
        top = float(np.abs(weights).max(initial=0.0))
        if self._truth is not None:
            top = max(top, float(np.abs(self._truth).max(initial=0.0)))
        self._scale = top if top > self._scale or top < 0.5 * self._scale else self._scale
        self.invalidate()

    def build_lines(self, width: int, height: int) -> list[Strip]:
        weights, names = self._weights, self._names
        title = Style(bold=True)
        lines = [Strip([Segment(f"Weights now  {self._zeros}", title)]).crop(0, width)]
        rows = min(len(weights), max(height - 1 - bool(self._wrong), 0))
        order = self._rows_shown(rows)
        name_width = min(max((len(n) for n in names), default=1), 10)
        value_width = 8
        bar_width = max(width - name_width - value_width - 3, 4)
        half = bar_width // 2
        dim = Style(dim=True)
        colors = app_palette(self.app)
        for j in order:
            w = float(weights[j])
            color = Style(color=hex_color(colors.weight(j)))
            name = Segment(f"{names[j][:name_width]:>{name_width}} ", color)
            if j in self._jitter:
                segments = [name, *self._zoomed(w, half, color)]
            elif w == 0.0:
                zero = Segment(self._glyphs.zero, Style(color=hex_color(colors.text), bold=True))
                rest = bar_width - half - 1 + value_width + 1
                if self._truth is not None and self._truth[j] > 0:
                    # The true weight's mark is on the right: the words go left of the 0.
                    left, right = "exactly 0 ".rjust(half)[-half:], " " * rest
                else:
                    left, right = " " * half, " exactly 0".ljust(rest)
                segments = [name, Segment(left, dim), zero, Segment(right, dim)]
            else:
                length = abs(w) / self._scale * half if self._scale else 0.0
                left, right = _bar(length, half, negative=w < 0, glyphs=self._glyphs)
                segments = [
                    name,
                    Segment(left, color),
                    Segment(self._glyphs.axis, dim),
                    Segment(right, color),
                    Segment(f" {w:+{value_width}.3g}", Style()),
                ]
            line = Strip(segments)
            if self._truth is not None and j not in self._jitter and (w or self._truth[j]):
                mark = Segment(self._glyphs.truth, Style(color=hex_color(colors.text), bold=True))
                column = name_width + 1 + half + self._offset(float(self._truth[j]), half)
                line = Strip.join([line.crop(0, column), Strip([mark]), line.crop(column + 1)])
            lines.append(line.crop(0, width))
        hidden = len(weights) - len(order)
        if hidden > 0 and len(lines) < height:
            more = f"  + {hidden} more (largest shown)"
            more = more if len(more) <= width else f"  + {hidden} more"
            lines.append(Strip([Segment(more, dim)]))
        if self._wrong:
            note = f"{self._glyphs.truth} {self._wrong}"
            for row in textwrap.wrap(note, max(width - 2, 8))[: max(height - len(lines), 0)]:
                lines.append(Strip([Segment(f"  {row}", dim)]).crop(0, width))
        if self._jitter and len(lines) < height:
            note = f"  {self._glyphs.track} zoom ±{self._band:.2g}: jitter, never 0.0"
            lines.append(Strip([Segment(note, dim)]).crop(0, width))
        return lines

    def _offset(self, value: float, half: int) -> int:
        """The cells from the axis to ``value`` on the bars' scale, within the bar; a nonzero
        value never on the axis."""
        cells = round(value / self._scale * half) if self._scale else 0
        if cells == 0 and value != 0:
            cells = 1 if value > 0 else -1
        return max(-half, min(cells, half))

    def _zoomed(self, w: float, half: int, color: Style) -> list[Segment]:
        """``╌╌╌│╌•╌╌`` with the dot at ``w`` on a track spanning ``±band`` (``half`` cells a
        side of the axis, as the bars), then the value."""
        offset = round(w / self._band * half) if self._band else 0
        column = min(max(half + offset, 0), 2 * half)
        if column == half:
            column += 1 if w > 0 else -1  # never drawn on the axis: it is not 0
        track = [self._glyphs.track] * (2 * half + 1)
        track[half] = self._glyphs.axis
        dim = Style(dim=True)
        return [
            Segment("".join(track[:column]), dim),
            Segment(self._glyphs.dot, color + Style(bold=True)),
            Segment("".join(track[column + 1 :]), dim),
            Segment(f" {w:+8.1e}", Style()),
        ]

    def _rows_shown(self, rows: int) -> list[int]:
        weights = self._weights
        if rows >= len(weights):
            return list(range(len(weights)))
        return sorted(np.argsort(-np.abs(weights), kind="stable")[: max(rows - 1, 0)].tolist())


def _bar(
    length: float, half: int, negative: bool, glyphs: BarGlyphs = UNICODE_GLYPHS
) -> tuple[str, str]:
    """The text left and right of the axis for a bar of ``length`` cells (``half`` per side)."""
    length = min(length, half)
    full, eighths = int(length), round((length - int(length)) * 8)
    if eighths == 8:
        full, eighths = full + 1, 0
    if negative:
        part = glyphs.right_aligned[eighths] if eighths else ""
        bar = (part + glyphs.full * full)[-half:] if full or part else ""
        return bar.rjust(half), " " * half
    bar = glyphs.full * full + (glyphs.left_aligned[eighths] if eighths else "")
    return " " * half, bar.ljust(half)[:half]
