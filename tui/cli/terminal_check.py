"""The app and the demo draw on a terminal and read their keys from it: without one (input from
``/dev/null``, output into a pipe or a file, a closed stream) they would run on for ever with no
one to see them, or fail inside Textual. They refuse to start instead, in one line."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from l1l2_tui.cli.errors import fail

STREAMS = (("input", "__stdin__"), ("output", "__stdout__"), ("error output", "__stderr__"))


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and os.isatty(stream.fileno())
    except (OSError, ValueError):  # closed, or not a real file
        return False


def require_terminal() -> None:
    """Refuse to start the app unless standard input, output and error output are all
    terminals (the process's own streams, which Textual draws on and reads from). An app driven
    another way (``TEXTUAL_DRIVER``, as each tab of ``serve`` is) needs none."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return
    for name, attribute in STREAMS:
        if not _is_terminal(getattr(sys, attribute)):
            raise fail(
                f"the app needs a terminal, and its standard {name} is not one; for results a "
                "script can read, use `l1l2-tui run` or `l1l2-tui path`",
                code=1,
            )
