"""The bytes a terminal needs to go from one frame to the next: only the cells that changed.

A frame is the screen's lines as Textual's compositor draws them (:class:`textual.strip.Strip`,
one a line). The first frame is written whole; after it, each line that differs from the last
frame's is compared cell by cell, and each run of changed cells is written at its place (runs a
few cells apart are joined: a cursor move costs about as much). Colours and attributes are
written as SGR sequences for the chosen colour system: 24-bit, or the nearest of the 256-colour
palette for players that need it. Nothing depends on the terminal the command runs in.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import get_character_cell_size
from rich.color import ColorSystem
from rich.style import Style
from textual.strip import Strip

Cell = tuple[str, str, str]
"""A cell: its character ("" for the right half of a wide one), the SGR parameters of its style,
and those of what of the style shows on a blank (:func:`blank_style`)."""

JOIN_GAP = 4
"""Changed runs at most this many cells apart are written as one: moving the cursor there
takes 6 to 8 bytes, about what the unchanged cells between them take."""
HIDE_CURSOR = "\x1b[?25l"
RESET = "\x1b[0m"

COLOR_SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT}
"""The colour systems a recording can be written in, by the name ``--colors`` takes."""

ATTRIBUTE_CODES = (
    ("bold", "1"),
    ("dim", "2"),
    ("italic", "3"),
    ("underline", "4"),
    ("blink", "5"),
    ("blink2", "6"),
    ("reverse", "7"),
    ("conceal", "8"),
    ("strike", "9"),
    ("underline2", "21"),
    ("frame", "51"),
    ("encircle", "52"),
    ("overline", "53"),
)
"""Each Rich style attribute and its SGR parameter (ECMA-48), in Rich's order."""


class FrameEncoder:
    """Turns each frame into what a terminal showing the previous one needs to show it."""

    def __init__(self, color_system: ColorSystem = ColorSystem.TRUECOLOR) -> None:
        self.color_system = color_system
        self._codes: dict[Style | None, tuple[str, str]] = {}
        self._segments: list[tuple[object, ...]] = []
        self._cells: list[list[Cell]] = []
        self._looks: list[list[tuple[str, str]]] = []

    def encode(self, lines: Sequence[Strip]) -> str:
        """The output that turns the last frame encoded into ``lines`` ("" when they look the
        same); the first frame is written whole, after hiding the cursor."""
        first = not self._cells
        out: list[str] = [HIDE_CURSOR] if first else []
        sgr, sgr_blank = "", ""
        for y, strip in enumerate(lines):
            segments = tuple(strip)
            if not first and segments == self._segments[y]:
                continue
            cells = self._line_cells(segments)
            looks = [(char, blank if char == " " else codes) for char, codes, blank in cells]
            for start, stop in _changed_runs([] if first else self._looks[y], looks, cells):
                out.append(f"\x1b[{y + 1};{start + 1}H")
                for char, codes, blank in cells[start:stop]:
                    # A blank looks the same under any style with its background.
                    if codes != sgr and not (char == " " and blank == sgr_blank):
                        out.append(f"\x1b[0;{codes}m" if codes else RESET)
                        sgr, sgr_blank = codes, blank
                    out.append(char)
            if first:
                self._segments.append(segments)
                self._cells.append(cells)
                self._looks.append(looks)
            else:
                self._segments[y], self._cells[y], self._looks[y] = segments, cells, looks
        if sgr:
            out.append(RESET)
        return "".join(out)

    def _line_cells(self, segments: tuple[object, ...]) -> list[Cell]:
        cells: list[Cell] = []
        for text, style, control in segments:  # type: ignore[misc]
            if control:
                continue
            known = self._codes.get(style)
            if known is None:
                known = self._codes[style] = (
                    sgr_parameters(style, self.color_system),
                    sgr_parameters(blank_style(style), self.color_system),
                )
            codes, blank = known
            for char in text:
                width = get_character_cell_size(char)
                if width == 0 and cells:
                    # A combining mark belongs to the cell before it.
                    cells[-1] = (cells[-1][0] + char, *cells[-1][1:])
                    continue
                cells.append((char, codes, blank))
                if width == 2:
                    cells.append(("", codes, blank))
        return cells


def blank_style(style: Style | None) -> Style | None:
    """What of ``style`` shows on a space: its background, and the attributes that draw on a
    blank cell (reverse swaps in the foreground); a change of anything else is not drawn."""
    if style is None or style.reverse or style.underline or style.strike or style.overline:
        return style
    return Style(bgcolor=style.bgcolor)


def sgr_parameters(style: Style | None, color_system: ColorSystem) -> str:
    """The SGR parameters (``"1;38;2;255;0;0"``) that set ``style`` from the default."""
    if style is None:
        return ""
    codes = [code for name, code in ATTRIBUTE_CODES if getattr(style, name)]
    if style.color is not None:
        codes.extend(style.color.downgrade(color_system).get_ansi_codes(foreground=True))
    if style.bgcolor is not None:
        codes.extend(style.bgcolor.downgrade(color_system).get_ansi_codes(foreground=False))
    return ";".join(codes)


def _changed_runs(
    old: list[tuple[str, str]], new: list[tuple[str, str]], cells: list[Cell]
) -> list[tuple[int, int]]:
    """The ``[start, stop)`` runs of cells whose look in ``new`` differs from ``old``, runs at
    most :data:`JOIN_GAP` cells apart joined, and none starting or ending inside a wide
    character."""
    runs: list[tuple[int, int]] = []
    old_length = len(old)
    for x, look in enumerate(new):
        if x < old_length and old[x] == look:
            continue
        if runs and x - runs[-1][1] <= JOIN_GAP:
            runs[-1] = (runs[-1][0], x + 1)
        else:
            runs.append((x, x + 1))
    widened = []
    for start, stop in runs:
        if cells[start][0] == "" and start > 0:
            start -= 1  # the right half of a wide character: write the character
        if stop < len(cells) and cells[stop][0] == "":
            stop += 1
        widened.append((start, stop))
    return widened
