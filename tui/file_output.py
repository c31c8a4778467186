"""Every file the app writes (screenshots, recordings) goes through here.

A file is written to a temporary name in its own folder and only then put in place, so a full
disk or an interrupted write never leaves a truncated file where a good one was. It is put in
place with a hard link, which fails rather than replace anything already there (a file, a
folder, or a symlink, whose target is never written through); only ``overwrite=True`` replaces
the name, and then the name itself (a rename replaces a symlink, not what it points to).
"""

from __future__ import annotations

import errno
import functools
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from l1l2_tui.engine.files import escape_controls

NUMBERED_LIMIT = 10_000
"""Names :func:`write_numbered_file` tries before it gives up."""

# Where hard links are not supported (some FUSE and FAT file systems), a name that is still free
# just before the rename is taken by the rename.
NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


class OutputError(Exception):
    """A file could not be written; the message is one line that names it, safe to print."""


class OutputExists(OutputError):
    """The name is taken (by a file, a folder or a symlink) and overwriting was not asked for."""


def _message(path: Path, text: str) -> str:
    return escape_controls(f"{path}: {text}")


def _failure(path: Path, exc: OSError) -> OutputError:
    if exc.errno == errno.ENOENT and not os.path.isdir(path.parent):
        return OutputError(_message(path.parent, "no such folder"))
    if exc.errno == errno.EISDIR or os.path.isdir(path):
        return OutputError(_message(path, "a folder has that name"))
    return OutputError(_message(path, f"cannot write it: {exc.strerror or exc}"))


@functools.cache
def _file_mode() -> int:
    # What open() would give a new file: 0o666 less the umask (mkstemp makes it 0o600). Read
    # once: the umask can only be read by setting it.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _put_in_place(temporary: str, path: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path, follow_symlinks=False)
    except FileExistsError:
        raise OutputExists(_message(path, "already exists")) from None
    except OSError as exc:
        if exc.errno not in NO_HARD_LINKS:
            raise
        if os.path.lexists(path):
            raise OutputExists(_message(path, "already exists")) from None
        os.rename(temporary, path)
        return
    os.unlink(temporary)


@contextmanager
def _staged(path: Path, overwrite: bool) -> Iterator[tuple[int, str]]:
    """A new temporary file beside ``path`` (its open descriptor and its name), put in place as
    ``path`` when the block ends without an error and removed whatever happens."""
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise _failure(path, exc) from None
    try:
        os.fchmod(fd, _file_mode())
        yield fd, temporary
        _put_in_place(temporary, path, overwrite)
    except OSError as exc:
        raise _failure(path, exc) from None
    finally:
        with suppress(OSError):  # already put in place (or its folder is gone)
            os.unlink(temporary)


@contextmanager
def open_output(path: Path, *, overwrite: bool = False, binary: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` for writing (UTF-8 text, or bytes with
    ``binary``); when the block ends without an error, put it in place as ``path``.

    Raises :class:`OutputExists` if ``path`` exists and ``overwrite`` is false, and
    :class:`OutputError` for any other failure to write; the temporary file is removed
    whatever happens, and nothing at ``path`` changes unless the whole file was written."""
    with _staged(Path(path), overwrite) as (fd, _):
        file = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        with file:
            yield file
            file.flush()
            os.fsync(file.fileno())


@contextmanager
def output_path(path: Path, *, overwrite: bool = False) -> Iterator[Path]:
    """As :func:`open_output`, for a program that writes the file by its name (agg): the name
    of a new, empty temporary file beside ``path``, put in place as ``path`` when the block
    ends without an error."""
    with _staged(Path(path), overwrite) as (fd, temporary):
        os.close(fd)
        yield Path(temporary)


def write_output(path: Path, content: str | bytes, *, overwrite: bool = False) -> Path:
    """Write ``content`` to ``path`` as :func:`open_output` does; return ``path``."""
    with open_output(path, overwrite=overwrite, binary=isinstance(content, bytes)) as file:
        file.write(content)  # type: ignore[arg-type]
    return Path(path)


def write_numbered_file(folder: Path, stem: str, suffix: str, content: str | bytes) -> Path:
    """Write ``content`` to the first free name of ``stem.suffix``, ``stem-2.suffix``,
    ``stem-3.suffix``... in ``folder`` and return it: nothing already there is replaced."""
    for number in range(1, NUMBERED_LIMIT + 1):
        name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
        try:
            return write_output(Path(folder) / name, content)
        except OutputExists:
            continue
    raise OutputError(_message(Path(folder), f"{NUMBERED_LIMIT:,} files named {stem} already"))
