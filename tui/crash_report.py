"""An internal error ends the command with one line on stderr; the details go to a file.

The file lives in the platform's folder for an application's logs (on Linux
``$XDG_STATE_HOME/l1l2-tui/log``, by default ``~/.local/state/l1l2-tui/log``), which outlasts a
reboot, unlike the temporary folder; when that folder cannot be made, in the temporary one.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import suppress
from pathlib import Path

from l1l2_tui.engine.files import escape_controls

LOG_PREFIX = "l1l2-tui-crash-"


def log_folder() -> Path:
    """The folder for the app's logs, crash logs and ``--debug``'s (made if missing, readable by
    the user alone)."""
    import platformdirs  # only after a crash, or with --debug

    folder = Path(platformdirs.user_log_dir("l1l2-tui", appauthor=False))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def write_crash_log(details: str) -> Path | None:
    """Save ``details`` (a traceback) to a new file in :func:`log_folder`, or else in the
    temporary folder; None if neither can be written."""
    import tempfile

    prefix = f"{LOG_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-"
    for folder in (log_folder, tempfile.gettempdir):
        try:
            fd, name = tempfile.mkstemp(prefix=prefix, suffix=".log", dir=folder())
            with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as log:
                log.write(details)
        except OSError:
            continue
        return Path(name)
    return None


def report_crash(details: str) -> None:
    """Say on stderr, in one line, that the app stopped on an internal error and where
    ``details`` were saved (the path escaped: a folder name could hold an escape sequence)."""
    log = write_crash_log(details)
    where = (
        f"the details are in {escape_controls(str(log))}"
        if log is not None
        else "the details could not be saved"
    )
    if sys.stderr is None:  # started with stderr closed
        return
    with suppress(OSError, ValueError):  # stderr on a full disk, or closed
        print(f"error: l1l2-tui stopped on an internal error; {where}", file=sys.stderr)
