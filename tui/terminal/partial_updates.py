"""Send the terminal only the cells a frame changed, not the lines up to them; on a slow link, at
most a budget of bytes a frame, what matters most first.

Textual's compositor paints a frame by the regions widgets marked dirty, a span of columns per
line. Its `ChopsUpdate.render_segments` (Textual 8) crops each widget's part of a line at the
span's right end but starts it at the widget's left edge, so a widget that changed a few
cells at its right (the heads of a plot's lines, the step counter) has every cell to their left
sent again. `CroppingCompositor` writes each span from where it starts. The cells it leaves out
were not dirty, so the terminal already shows them.

With a ``budget`` (bytes; the run screen sets one on a slow link, see
:mod:`l1l2_tui.terminal.link`) a frame stops once it has written that many, and the spans it did
not reach stay dirty for a later frame (:attr:`CroppingCompositor.waiting`). The ``urgent``
regions (the status line, the caption: where a key shows its effect) go first, then what an
earlier frame left, then the rest; a whole-screen repaint is cut up the same way. A frame is
then at most a budget behind a key, whatever the view redraws.

Upstream: https://github.com/Textualize/textual/issues/5625 reported this (``Widget.refresh`` not
cropping to a region's start) and is closed; checked on Textual 8.2.8, whose
``ChopsUpdate.render_segments`` still crops a strip from its left edge (``strip.crop(0, ...)``).
Re-check on an upgrade.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.console import Console
from rich.control import Control
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

Span = tuple[int, int, int]
"""``(y, x1, x2)``: columns ``x1`` to ``x2`` of line ``y``."""


class CroppedChopsUpdate(ChopsUpdate):
    """A `ChopsUpdate` that writes only the dirty span of each line, at both ends; with a
    ``budget``, spans in the order given until that many bytes are written, the rest handed to
    ``leave``."""

    def __init__(
        self,
        chops: Sequence[Mapping[int, Strip | None]],
        spans: list[Span],
        chop_ends: list[list[int]],
        budget: int | None = None,
        leave: Callable[[list[Span]], None] | None = None,
    ) -> None:
        super().__init__(chops, spans, chop_ends)
        self.budget = budget
        self._leave = leave

    def render_segments(self, console: Console) -> str:
        """The update as text with escape sequences for the terminal.

        Args:
            console: The console that renders the styles.

        Returns:
            Cursor moves and the cells of every dirty span (within the budget).
        """
        sequences: list[str] = []
        move_to = Control.move_to
        last_y = self.spans[-1][0]
        written = 0
        for index, (y, x1, x2) in enumerate(self.spans):
            span: list[str] = []
            for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items(), strict=True):
                if strip is None or x >= x2 or end <= x1:
                    continue
                start, stop = max(x, x1), min(end, x2)
                if (start, stop) != (x, end):
                    strip = strip.crop(start - x, stop - x)
                span.append(move_to(start, y).segment.text)
                span.append(strip.render(console))
            if self.budget is None:
                sequences += span
                if y != last_y:
                    sequences.append("\n")
                continue
            size = sum(len(text.encode()) for text in span)
            if index and written + size > self.budget:
                if self._leave is not None:
                    self._leave(self.spans[index:])
                break
            # Spans out of line order: each starts with a move, and a line feed on the last
            # line would scroll the screen.
            sequences += span
            written += size
        return "".join(sequences)


class CroppingCompositor(Compositor):
    """Textual's compositor, with partial updates that write only the dirty spans, within
    :attr:`budget` bytes a frame when one is set."""

    def __init__(self) -> None:
        super().__init__()
        self.budget: int | None = None
        """Bytes a frame may write (None: all it has)."""
        self.urgent: list[Region] = []
        """Regions written before any other in a frame with a budget."""
        self.on_leave: Callable[[], None] | None = None
        """Called when a frame leaves spans for later."""
        self._left: set[Region] = set()

    @property
    def waiting(self) -> list[Region]:
        """What earlier frames left to write (their budget ran out)."""
        return list(self._left)

    def render_update(
        self, full: bool = False, screen_stack: list | None = None, simplify: bool = False
    ) -> object:
        if self.budget is not None:
            screen = self.size.region
            if full or screen in self._dirty_regions:
                # A whole-screen repaint, line by line, so that a budget can cut it up.
                self._dirty_regions.discard(screen)
                self._dirty_regions.update(
                    Region(0, y, screen.width, 1) for y in range(screen.height)
                )
            full = False
        return super().render_update(full, screen_stack, simplify)

    def render_partial_update(self) -> ChopsUpdate | None:
        left, self._left = self._left, set()
        update = super().render_partial_update()
        if update is None:
            return None
        chops, ends = update.chops, update.chop_ends
        if self.budget is None:
            return CroppedChopsUpdate(chops, update.spans, ends)
        urgent, older, rest = [], [], []
        for span in update.spans:
            y, x1, x2 = span
            line = Region(x1, y, x2 - x1, 1)
            if any(line.overlaps(region) for region in self.urgent):
                urgent.append(span)
            elif any(line.overlaps(region) for region in left):
                older.append(span)
            else:
                rest.append(span)
        return CroppedChopsUpdate(chops, urgent + older + rest, ends, self.budget, self._leave)

    def _leave(self, spans: list[Span]) -> None:
        regions = {Region(x1, y, x2 - x1, 1) for y, x1, x2 in spans}
        self._left |= regions
        self._dirty_regions |= regions
        if self.on_leave is not None:
            self.on_leave()
