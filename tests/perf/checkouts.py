"""Run a checkout of the project in place, for benchmarks that compare two checkouts.

The repository's ``tui/`` installs as the package ``l1l2_tui`` and ``engine/`` as
``l1l2_tui.engine``, so a checkout cannot be imported from its own folder. A checkout gets a
folder of links laid out as the installed package is, put first on ``PYTHONPATH``; checkouts
from before that layout (whose code imports ``tui`` and ``engine``) run from their folder.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Checkout:
    root: Path
    package: str
    """The name the checkout's app is imported as: ``l1l2_tui``, or ``tui`` before it."""
    path: Path
    """What goes first on ``PYTHONPATH`` (the folder it runs from)."""

    @classmethod
    def of(cls, root: Path) -> Checkout:
        root = root.resolve()
        if "l1l2_tui" not in (root / "tui" / "__main__.py").read_text():
            return cls(root, "tui", root)
        links = Path(tempfile.mkdtemp(prefix="l1l2-checkout-")) / "l1l2_tui"
        links.mkdir()
        for entry in (root / "tui").iterdir():
            (links / entry.name).symlink_to(entry)
        (links / "engine").symlink_to(root / "engine")
        return cls(root, "l1l2_tui", links.parent)

    def env(self) -> dict[str, str]:
        """The environment to run this checkout's code in."""
        return {**os.environ, "PYTHONPATH": str(self.path)}

    def module(self, name: str) -> str:
        """``l1l2_tui.app`` for ``app``."""
        return f"{self.package}.{name}"

    @property
    def engine(self) -> str:
        """The name the checkout's engine is imported as."""
        return "engine" if self.package == "tui" else f"{self.package}.engine"
