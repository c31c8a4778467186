"""Send the terminal only the cells a frame changed, not the lines up to them.

Textual's compositor paints a frame by the regions widgets marked dirty, a span of columns per
line. Its `ChopsUpdate.render_segments` (Textual 8) crops each widget's part of a line at the
span's right end but starts it at the widget's left edge, so a widget that changed a few
cells at its right (the heads of a plot's lines, the step counter) has every cell to their left
sent again. `CroppingCompositor` writes each span from where it starts. The cells it leaves out
were not dirty, so the terminal already shows them.

Upstream: https://github.com/Textualize/textual/issues/5625 reported this (``Widget.refresh`` not
cropping to a region's start) and is closed; checked on Textual 8.2.8, whose
``ChopsUpdate.render_segments`` still crops a strip from its left edge (``strip.crop(0, ...)``).
Re-check on an upgrade.
"""

from __future__ import annotations

from rich.console import Console
from rich.control import Control
from textual._compositor import ChopsUpdate, Compositor


class CroppedChopsUpdate(ChopsUpdate):
    """A `ChopsUpdate` that writes only the dirty span of each line, at both ends."""

    def render_segments(self, console: Console) -> str:
        """The update as text with escape sequences for the terminal.

        Args:
            console: The console that renders the styles.

        Returns:
            Cursor moves and the cells of every dirty span.
        """
        sequences: list[str] = []
        append = sequences.append
        move_to = Control.move_to
        last_y = self.spans[-1][0]
        for y, x1, x2 in self.spans:
            for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items(), strict=True):
                if strip is None or x >= x2 or end <= x1:
                    continue
                start, stop = max(x, x1), min(end, x2)
                if (start, stop) != (x, end):
                    strip = strip.crop(start - x, stop - x)
                append(move_to(start, y).segment.text)
                append(strip.render(console))
            if y != last_y:
                append("\n")
        return "".join(sequences)


class CroppingCompositor(Compositor):
    """Textual's compositor, with partial updates that write only the dirty spans."""

    def render_partial_update(self) -> ChopsUpdate | None:
        update = super().render_partial_update()
        if update is None:
            return None
        return CroppedChopsUpdate(update.chops, update.spans, update.chop_ends)
