"""A widget removed from the app leaves memory with its rendered lines.

Textual 8's ``StylesCache.get_inner_outer`` is a method under ``functools.lru_cache(1024)``, so
the cache's keys hold the ``StylesCache`` of every widget that has rendered, and with it the
widget's last rendered lines (``Strip`` objects, each with caches of its own), until 1024 later
widgets push it out. Every closed help screen, command palette and notification stayed in
memory that way: opening and closing the help 40 times took the app from 59 MB to 100 MB.
Upstream: https://github.com/Textualize/textual/issues/6665 (checked on Textual 8.2.8).

:func:`cache_inner_outer_by_colour` makes the method cache on its two colours alone, which is
all its result depends on.
"""

from __future__ import annotations

from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style


@lru_cache(1024)
def inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    """What ``StylesCache.get_inner_outer`` returns: the styles inside and outside a widget."""
    return Style(background=base_background + background), Style(background=base_background)


def cache_inner_outer_by_colour() -> None:
    """Make every ``StylesCache`` use :func:`inner_outer`, which holds no widget."""
    StylesCache.get_inner_outer = staticmethod(inner_outer)  # type: ignore[method-assign,assignment]
