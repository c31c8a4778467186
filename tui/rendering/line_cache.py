"""A widget drawn as a list of strips, built once per change of data or size."""

from __future__ import annotations

from textual.strip import Strip
from textual.widget import Widget

from l1l2_tui.rendering.dirty_lines import changed_regions


class CachedLinesWidget(Widget):
    """Subclasses build all their lines in :meth:`build_lines` and call :meth:`invalidate`
    when their data changed; the lines are rebuilt only then, or when the size changes.

    An invalidated widget already on screen rebuilds its lines at once and repaints only the
    cells that changed. Every line is drawn over the widget's own style (its theme's background
    and text colour), which a change of theme changes, so it rebuilds the lines too."""

    DEFAULT_CSS = """
    CachedLinesWidget {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._lines: list[Strip] | None = None
        self._lines_for: tuple[object, ...] = ()

    def build_lines(self, width: int, height: int) -> list[Strip]:
        """Every line of the widget, top first (fewer than ``height`` is fine)."""
        return []

    def _built_lines(self) -> list[Strip]:
        base = self.visual_style.rich_style
        self._lines_for = (self.size, base)
        return [line.apply_style(base) for line in self.build_lines(*self.size)]

    def invalidate(self) -> None:
        shown = self._lines
        if (
            not self.is_mounted
            or shown is None
            or self._lines_for != (self.size, self.visual_style.rich_style)
        ):
            self._lines = None
            self.refresh()
            return
        self._lines = self._built_lines()
        regions = changed_regions(shown, self._lines)
        if regions is None:
            self.refresh()
        elif regions:
            self.refresh(*regions)

    def render_line(self, y: int) -> Strip:
        if self._lines is None or self._lines_for != (self.size, self.visual_style.rich_style):
            self._lines = self._built_lines()
        if y < len(self._lines):
            return self._lines[y]
        # Every segment gets a style: Textual's NO_COLOR filter fails on one without.
        return Strip.blank(self.size.width, self.visual_style.rich_style)
