"""The one way the app puts off an import until first use: a package serves names from its
submodules, each submodule imported the first time one of its names is asked for.

As Textual's ``widgets`` package does for its widgets: a module ``__getattr__`` finds the
name's module, imports it and keeps the name in the package, so importing the package stays
cheap and the names stay where users look. The engine serves its solvers, plane and path this
way (:mod:`l1l2_tui.engine`), :mod:`l1l2_tui.engine.claims` each view's claims,
:mod:`l1l2_tui.views` each view's screen (found by the views' naming convention) and
:mod:`l1l2_tui.cli.commands` each subcommand's function (likewise).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from typing import Any


def lazy_getattr(
    package: str, homes: Mapping[str, Iterable[str]], into: str | None = None
) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` (or for the module ``into``) that serves each name
    of ``homes`` (a submodule of ``package``, named relative to it: the names it defines) from
    its submodule, importing it the first time one of its names is asked for."""
    owner = into or package
    home_of = {name: f"{package}.{module}" for module, names in homes.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name not in home_of:
            raise AttributeError(f"module {owner!r} has no attribute {name!r}")
        value = getattr(import_module(home_of[name]), name)
        setattr(sys.modules[owner], name, value)
        return value

    return __getattr__


def served(homes: Mapping[str, Iterable[str]]) -> list[str]:
    """Every name ``homes`` serves, for the package's ``__all__``."""
    return [name for names in homes.values() for name in names]
