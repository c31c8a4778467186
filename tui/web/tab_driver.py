"""The driver of a served tab's app: Textual's web driver, with the files it holds for the
browser bounded.

A file the app delivers to the browser (a screenshot, ``s``) is held by Textual's web driver
until the browser fetches it, and a tab that asks and never fetches (a blocked pop-up, a
script) makes it hold more with every ask. This driver holds at most
:data:`MAX_UNFETCHED`; a newer delivery lets the oldest go.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Literal, TextIO

from textual.drivers.web_driver import WebDriver

MAX_UNFETCHED = 4
"""Files a tab's app holds for its browser at once."""


class TabWebDriver(WebDriver):
    """Textual's web driver, holding at most :data:`MAX_UNFETCHED` undelivered files."""

    def _deliver_file(
        self,
        binary: BinaryIO | TextIO,
        *,
        delivery_key: str,
        save_path: Path,
        open_method: Literal["browser", "download"],
        encoding: str | None = None,
        mime_type: str | None = None,
        name: str | None = None,
    ) -> None:
        while len(self._deliveries) >= MAX_UNFETCHED:
            oldest = next(iter(self._deliveries))
            self._deliveries.pop(oldest).close()
        super()._deliver_file(
            binary,
            delivery_key=delivery_key,
            save_path=save_path,
            open_method=open_method,
            encoding=encoding,
            mime_type=mime_type,
            name=name,
        )

    @property
    def undelivered(self) -> int:
        """How many files wait for the browser."""
        return len(self._deliveries)


DRIVER = f"{__name__}:{TabWebDriver.__name__}"
"""``TEXTUAL_DRIVER`` for a tab's app."""
