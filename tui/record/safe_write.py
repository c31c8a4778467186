"""Writing a file the user named without ever leaving half of one, or writing through a link.

The new content goes to a temporary file beside the target, created afresh (never an existing
file or link), and is renamed over the target only once it is complete: a reader sees the old
file or the new one, a failure or Ctrl-C leaves the old one (and no temporary file), and a
symbolic link at the target is replaced by the file rather than written through.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def safe_write(path: Path) -> Iterator[Path]:
    """A new, empty temporary file in ``path``'s folder for the caller to fill; on leaving the
    block without an error it becomes ``path``, otherwise it is removed."""
    temporary = _new_file_beside(path)
    try:
        yield temporary
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _new_file_beside(path: Path) -> Path:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(temporary, flags, 0o666))  # the umask applies, as for any new file
        except FileExistsError:
            continue
        return temporary
