"""Opening the user's text files safely: regular files only, under a size cap, UTF-8.

A path can name a folder, a pipe that no one writes to (reading it would wait for ever), a
device such as ``/dev/zero`` (reading it would never end), or a file far larger than anything
the program could use. :func:`open_regular_file` refuses each of these before reading a byte,
and :func:`encoding_problem` and :func:`utf8_problem` say what a file that is not UTF-8 text
looks like instead (UTF-16, Latin-1, binary), so the message can say how to fix it. Some files
of the kernel's look regular but make a reader wait for ever (``/proc/kmsg``); the file is read
without waiting, and one with nothing to read yet is refused too, as is one that cannot be read
(``/proc/self/mem``).
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import unicodedata
from pathlib import Path
from typing import BinaryIO


class FileProblem(ValueError):
    """A file that cannot be read as the text it should be; the message names the path."""


def size_text(size: int) -> str:
    """``1500000`` -> ``"1.5 MB"``: decimal units, as file managers show them."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def open_regular_file(path: Path, limit: int, kind: str) -> BinaryIO:
    """Open ``path`` for reading in binary if it is a regular file of at most ``limit`` bytes.

    ``kind`` names the file in messages (e.g. ``"a CSV file"``). The file is opened and read
    without blocking, so a pipe is refused rather than waited on, and a read that would wait
    or fails raises :class:`FileProblem`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileProblem(f"{path}: no such file") from None
    except OSError as exc:
        raise FileProblem(f"{path}: cannot open it: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd)
        what = _not_regular(mode.st_mode)
        if what is not None:
            raise FileProblem(f"{path}: is {what}, not a regular file ({kind} is needed)")
        if mode.st_size > limit:
            raise FileProblem(
                f"{path}: the file is {size_text(mode.st_size)}; "
                f"the limit for {kind} is {size_text(limit)}"
            )
        return io.BufferedReader(_NeverWaiting(fd, path, kind))
    except BaseException:
        os.close(fd)
        raise


class _NeverWaiting(io.FileIO):
    """A file opened without blocking, whose reads raise :class:`FileProblem` rather than wait
    (or fail with an ``OSError`` that names no file)."""

    def __init__(self, fd: int, path: Path, kind: str) -> None:
        super().__init__(fd, "rb", closefd=True)
        self._path, self._kind = path, kind

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            count = super().readinto(buffer)
        except OSError as exc:
            raise FileProblem(f"{self._path}: cannot read it: {exc.strerror or exc}") from None
        if count is None:
            raise FileProblem(
                f"{self._path}: reading it would wait for more: a special file (as some under "
                f"/proc are), not {self._kind}"
            )
        return count


def file_version(file: BinaryIO) -> tuple[int, int]:
    """The size and modification time of the open ``file``: they change if it is written."""
    status = os.fstat(file.fileno())
    return status.st_size, status.st_mtime_ns


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "something else"


BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def encoding_problem(head: bytes) -> str | None:
    """What is wrong with a text file that starts with ``head``: a UTF-16 or UTF-32
    byte-order mark, or NUL bytes (UTF-16 without a mark, or binary data); None if nothing."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return f"the file is {name} text; save it as UTF-8"
    if b"\0" not in head:
        return None
    sample = head[:4096]
    # UTF-16 text of ASCII characters has a NUL in (nearly) every other byte, and in no other.
    even, odd = sample[0::2], sample[1::2]
    for nuls, others in ((even, odd), (odd, even)):
        if len(nuls) >= 2 and nuls.count(0) >= 0.9 * len(nuls) and others.count(0) == 0:
            return "the file looks like UTF-16 text; save it as UTF-8"
    return "not a text file (it contains binary data)"


def utf8_problem(byte: int, position: int, line: int) -> str:
    """A message for a file that is not UTF-8: the first bad ``byte``, its ``position`` in the
    file and its ``line``, and what it would be in Latin-1 / Windows-1252."""
    try:
        looks_like = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        looks_like = ""
    hint = f" ({looks_like!r} in Latin-1 or Windows-1252)" if looks_like.isprintable() else ""
    return (
        f"not UTF-8 text: byte {position} (line {line}) is 0x{byte:02X}{hint}; "
        "save the file as UTF-8"
    )


def read_text_file(path: Path, limit: int, kind: str) -> str:
    """The text of the regular file ``path``, read as UTF-8 (a UTF-8 byte-order mark is
    dropped), if it holds at most ``limit`` bytes; raises :class:`FileProblem`."""
    with open_regular_file(path, limit, kind) as file:
        raw = file.read(limit + 1)
    if len(raw) > limit:
        raise FileProblem(f"{path}: the file is over the limit for {kind} of {size_text(limit)}")
    problem = encoding_problem(raw)
    if problem is not None:
        raise FileProblem(f"{path}: {problem}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = 1 + raw.count(b"\n", 0, exc.start)
        raise FileProblem(f"{path}: {utf8_problem(raw[exc.start], exc.start, line)}") from None


# Characters that move the cursor, clear the screen or reorder text: a name or caption holding
# one could redraw the terminal it is printed on.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def control_character(text: str) -> str | None:
    """The first character of ``text`` that must not reach a terminal, or None: C0 and C1
    controls (tab included), DEL, line and paragraph separators, and bidirectional controls."""
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc" or category in ("Zl", "Zp") or char in BIDI_CONTROLS:
            return char
    return None


def escape_controls(text: str) -> str:
    """``text`` with each character :func:`control_character` refuses written as an escape
    (``"\\x1b"``, ``"\\n"``), so that printing it cannot act on the terminal."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if control_character(char) else char
        for char in text
    )


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` quoted as ``repr`` quotes it, its first ``limit`` characters only when it is
    longer, with its length: a message must not echo a 130,000-character cell whole."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text):,} characters)"


# Unicode gives control characters no name; these are the ones people meet.
CONTROL_NAMES = {
    "\0": "NUL",
    "\a": "BELL",
    "\b": "BACKSPACE",
    "\t": "TAB",
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}


def describe_character(char: str) -> str:
    """``"\\x1b"`` -> ``"U+001B (ESCAPE)"``."""
    name = CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")
