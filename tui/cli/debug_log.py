"""``--debug``: Textual's own log, written to a file while the app runs.

Textual appends every line it logs (each event and message, the handler that took it, the
workers' states) to the file ``TEXTUAL_LOG`` names, whether or not its devtools console is
connected; it reads the variable once, when it is first imported (``textual.constants``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from l1l2_tui.cli.errors import say_error, shown


@contextmanager
def textual_log(debug: bool) -> Iterator[None]:
    """With ``debug``, have Textual log to the file ``TEXTUAL_LOG`` names or, when it names
    none, to a new file in the log folder; on leaving, say which on stderr."""
    if not debug:
        yield
        return
    if "textual.constants" in sys.modules:
        raise RuntimeError("--debug must be set up before Textual is imported")
    named = os.environ.get("TEXTUAL_LOG")
    if named:
        path = Path(named)
    else:
        from l1l2_tui.crash_report import log_folder

        path = log_folder() / f"textual-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        os.environ["TEXTUAL_LOG"] = str(path)
    try:
        yield
    finally:
        say_error(f"debug: Textual's log is in {shown(str(path))}")
