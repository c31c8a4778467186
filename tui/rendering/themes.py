"""The app's own Textual theme, beside Textual's: light and high-contrast, for projectors.

A lecture hall's projector washes out light greys and pale colours: the projector theme puts
near-black text on white, keeps panels white (only the key bar and status line are tinted), and
its primary, warning, success and error colours are dark enough to read on white. The plots'
palette (:mod:`l1l2_tui.rendering.palette`) darkens every line to a contrast of at least 3:1
against it.
"""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES, Theme

PROJECTOR = Theme(
    name="projector",
    primary="#0b4f9c",
    secondary="#5b2a86",
    accent="#a84a00",
    warning="#a84a00",
    error="#b00020",
    success="#1b7a34",
    foreground="#111111",
    background="#ffffff",
    surface="#ffffff",
    panel="#e6e6e6",
    boost="#00000014",
    dark=False,
)
THEMES = {PROJECTOR.name: PROJECTOR}
"""Themes the app registers on top of Textual's."""


def theme_names() -> list[str]:
    """Every theme ``--theme`` takes: Textual's, then the app's own."""
    return [*BUILTIN_THEMES, *THEMES]
