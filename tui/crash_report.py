"""An internal error ends the command with one line on stderr; the details go to a file."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

LOG_PREFIX = "l1l2-tui-crash-"


def write_crash_log(details: str) -> Path | None:
    """Save ``details`` (a traceback) to a new file in the temporary directory; None if that
    cannot be done."""
    try:
        fd, name = tempfile.mkstemp(prefix=LOG_PREFIX, suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as log:
            log.write(details)
    except OSError:
        return None
    return Path(name)


def report_crash(details: str) -> None:
    """Say on stderr, in one line, that the app stopped on an internal error and where
    ``details`` were saved."""
    log = write_crash_log(details)
    where = f"the details are in {log}" if log is not None else "the details could not be saved"
    print(f"error: l1l2-tui stopped on an internal error; {where}", file=sys.stderr)
