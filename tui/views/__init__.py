"""The app's views, and :data:`VIEWS`, the one table of them: each view's name, key, title and
help. The app's keys, the help, lessons (``view = "geometry"``), ``screenshot --view`` and the
tests all read it; nothing here needs Textual.

A view is named once and that name is its place everywhere: the view ``zero`` is the folder
``views/zero/`` (``screen.py`` with its :class:`ZeroScreen`, its widgets, ``words.py`` with its
captions) and the claims :mod:`l1l2_tui.engine.claims.zero`. Each view's screen is served from
here on first use (``from l1l2_tui.views import ZeroScreen``, :mod:`l1l2_tui.engine.lazy_names`):
the app's start loads the main screen alone. Adding a view is its folder, its claims and a row
of :data:`VIEWS`.
"""

from __future__ import annotations

from importlib import import_module
from typing import NamedTuple

from l1l2_tui.engine.lazy_names import lazy_getattr, served


class View(NamedTuple):
    """One view: ``name`` (its folder, its claims, lessons' ``view``, ``screenshot --view`` and
    the screenshot's file), the ``key`` that opens it from anywhere, its ``title`` on the key bar
    and in the help, and ``help``, the key's tooltip."""

    name: str
    key: str
    title: str
    help: str

    @property
    def screen(self) -> str:
        """Its screen class, ``views/<name>/screen.py``'s ``<Name>Screen``."""
        return f"{self.name.capitalize()}Screen"


MAIN = "main"
"""The main screen: the run itself, the one the app opens on and every view goes back to."""
VIEWS: tuple[View, ...] = (
    View("geometry", "g", "Geometry", "The two-weight picture"),
    View("forces", "w", "Forces", "Data pull at 0 against lam"),
    View("path", "p", "Path", "Weights against lam"),
    View("compare", "c", "Compare", "L1 and L2 side by side"),
    View("zero", "z", "Zero", "One weight at a time"),
    View("prior", "y", "Prior", "L1 as a Laplace prior: mode, median, mean"),
)
"""Every view, in the order of their keys on the key bar and in the help."""
VIEW_NAMES: tuple[str, ...] = (MAIN, *(view.name for view in VIEWS))
"""The main screen and every view: what a lesson's ``view`` may name."""

MAIN_TITLE = "The main screen: the weights over the steps, the losses, the weights now"


def view_help(name: str) -> tuple[str, str]:
    """The help's title for the view ``name`` (its screen's ``TITLE``) and its legend, what it
    draws (``views/<name>/words.py``'s ``LEGEND``)."""
    legend: str = import_module(f"{__name__}.{name}.words").LEGEND
    if name == MAIN:
        return MAIN_TITLE, legend
    row = next(view for view in VIEWS if view.name == name)
    return getattr(import_module(f"{__name__}.{name}.screen"), row.screen).TITLE, legend


SCREENS = {f"{view.name}.screen": (view.screen,) for view in VIEWS}
"""Each view's screen, served from here on first use."""
__getattr__ = lazy_getattr(__name__, SCREENS)
__all__ = ["MAIN", "MAIN_TITLE", "VIEWS", "VIEW_NAMES", "View", "view_help", *served(SCREENS)]
