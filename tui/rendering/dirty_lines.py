"""Which parts of a widget's lines changed between two drawings, as regions to repaint.

Textual sends the terminal every cell of the regions a widget marks dirty; a widget that marks
only the runs of cells that changed, rather than all of itself, keeps a frame where little
moves down to a few hundred bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

JOIN_GAP = 12
"""Changed runs of a line closer than this many cells are repainted as one: a separate run
costs a cursor move and a colour code (15-40 bytes), about what a dozen unchanged cells cost."""


def cells(segments: Sequence[Segment]) -> list[tuple[str, Style | None]] | None:
    """``(character, style)`` per cell, or None if a character is not one cell wide."""
    out: list[tuple[str, Style | None]] = []
    for segment in segments:
        text, style = segment.text, segment.style
        if segment.cell_length != len(text):
            return None
        out.extend((char, style) for char in text)
    return out


def changed_runs(old: Strip, new: Strip, gap: int = JOIN_GAP) -> list[tuple[int, int]]:
    """``(start, end)`` cell ranges where ``new`` differs from ``old``, runs less than ``gap``
    cells apart joined; the whole line when the lines cannot be compared cell by cell."""
    if old == new:
        return []
    before, after = list(old), list(new)
    # Segments the two lines start and end with alike need no look cell by cell.
    same = 0
    while same < min(len(before), len(after)) and before[same] == after[same]:
        same += 1
    offset = sum(segment.cell_length for segment in before[:same])
    tail = 0
    while tail < min(len(before), len(after)) - same and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    old_cells = cells(before[same : len(before) - tail])
    new_cells = cells(after[same : len(after) - tail])
    if old_cells is None or new_cells is None or len(old_cells) != len(new_cells):
        return [(0, max(old.cell_length, new.cell_length))]
    runs: list[tuple[int, int]] = []
    for x, (was, now) in enumerate(zip(old_cells, new_cells, strict=True), start=offset):
        if was == now:
            continue
        if runs and x - runs[-1][1] < gap:
            runs[-1] = (runs[-1][0], x + 1)
        else:
            runs.append((x, x + 1))
    return runs


def changed_regions(old: Sequence[Strip], new: Sequence[Strip]) -> list[Region] | None:
    """One-line regions covering every cell where ``new`` differs from ``old``, or None when
    the two drawings do not have the same lines (repaint everything)."""
    if len(old) != len(new):
        return None
    return [
        Region(start, y, end - start, 1)
        for y, (before, after) in enumerate(zip(old, new, strict=True))
        for start, end in changed_runs(before, after)
    ]
