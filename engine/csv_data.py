"""The user's own data: a CSV file with a header row read into ``X``, ``y`` and the column names.

Every cell must be a finite number. What is not such a file (a folder, a pipe, a file too
large or not UTF-8) or holds a bad row (too few cells, a word where a number belongs) is refused
with a :class:`~l1l2_tui.engine.data_limits.DataError` that names the file and, for a row, its
number.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import math
import os
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from l1l2_tui.engine.data_limits import DataError, ProgressReport, check_size
from l1l2_tui.engine.files import (
    FileProblem,
    control_character,
    describe_character,
    encoding_problem,
    excerpt,
    file_version,
    open_regular_file,
    size_text,
    utf8_problem,
)

MAX_CSV_BYTES = 1_000_000_000
"""The largest CSV file read: 1 GB."""
MAX_NAME = 200
"""The longest column name, in characters."""

_CHUNK = 1 << 20
_PROGRESS_LINES = 1 << 16
_DELIMITERS = (",", ";", "\t")


def read_csv(
    path: str | Path, target: str | None = None, on_progress: ProgressReport | None = None
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Read a CSV file with a header row; ``target`` names the target column (default last).

    Only a regular UTF-8 file of at most :data:`MAX_CSV_BYTES` is read, holding at most
    :data:`~l1l2_tui.engine.data_limits.MAX_VALUES` numbers. Columns are separated by commas, or by
    semicolons or tabs when the header has no comma; line ends may be LF, CRLF or CR. Raises
    :class:`~l1l2_tui.engine.data_limits.DataError`.
    """
    path = Path(path)
    try:
        with open_regular_file(path, MAX_CSV_BYTES, "a CSV file") as file:
            return _read(file, target, str(path), on_progress or (lambda share: None))
    except FileProblem as exc:
        raise DataError(str(exc)) from None


def _read(
    file: BinaryIO, target: str | None, source: str, report: ProgressReport
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Read the open CSV ``file``; a file written to meanwhile is refused, whatever its rows
    looked like (a row the writer was in the middle of is no error of the file's)."""
    version = file_version(file)
    readers: list[io.TextIOWrapper] = []

    def reopen() -> Iterator[str]:
        file.seek(0)
        readers.append(io.TextIOWrapper(file, encoding="utf-8-sig", newline=None))
        return readers[-1]

    try:
        data = _parse(reopen, target, source, _count_lines(file, source, report), report)
    except DataError:
        if file_version(file) != version:
            raise DataError(_changed(source)) from None
        raise
    finally:
        for reader in readers:  # so that dropping one does not close the file under the next
            reader.detach()
    if file_version(file) != version:
        raise DataError(_changed(source))
    return data


def _changed(source: str) -> str:
    return f"{source}: the file changed while it was being read; read it once it is written"


def parse_csv(
    text: str, target: str | None, source: str
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Parse CSV text into ``(X, y, feature_names)``; every cell must be a finite number.

    Blank lines are skipped; messages name the line of the file a bad row ends on."""
    return _parse(
        lambda: iter(io.StringIO(text, newline=None)),
        target,
        source,
        text.count("\n") + text.count("\r") + 1,
        lambda share: None,
    )


def _count_lines(file: BinaryIO, source: str, report: ProgressReport) -> int:
    """Lines in ``file`` (at most; CR, LF and CRLF ends), having checked it is UTF-8 text."""
    size = max(1, os.fstat(file.fileno()).st_size)
    decoder = codecs.getincrementaldecoder("utf-8")()
    newlines = returns = position = 0
    while chunk := file.read(_CHUNK):
        problem = encoding_problem(chunk) if position == 0 else None
        if problem is None and b"\0" in chunk:
            problem = "not a text file (it contains binary data)"
        if problem is not None:
            raise DataError(f"{source}: {problem}")
        pending = decoder.getstate()[0]
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            data = pending + chunk
            line = 1 + max(newlines, returns) + data.count(b"\n", 0, exc.start)
            message = utf8_problem(data[exc.start], position - len(pending) + exc.start, line)
            raise DataError(f"{source}: {message}") from None
        newlines += chunk.count(b"\n")
        returns += chunk.count(b"\r")
        position += len(chunk)
        if position > MAX_CSV_BYTES:
            raise DataError(f"{source}: the file is over the limit of {size_text(MAX_CSV_BYTES)}")
        report(0.1 * min(1.0, position / size))
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        line = 1 + max(newlines, returns)
        raise DataError(
            f"{source}: not UTF-8 text: it ends inside a character (line {line})"
        ) from None
    return max(newlines, returns) + 1


def _is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _parse(
    open_lines: Callable[[], Iterator[str]],
    target: str | None,
    source: str,
    line_bound: int,
    report: ProgressReport,
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Read the header, then the numbers: numpy's parser first, and when it fails, the precise
    parser from the top, which says where the first bad cell is."""
    lines = open_lines()
    delimiter, peeked = _delimiter(lines)
    reader = csv.reader(itertools.chain(peeked, lines), delimiter=delimiter, strict=True)
    header = next((row for row in _records(reader, source) if not _is_blank(row)), None)
    if header is None:
        raise DataError(f"{source}: the file is empty")
    header = _check_header([name.strip() for name in header], source, delimiter)
    target_col = len(header) - 1 if target is None else _column_index(header, target, source)
    check_size(line_bound, len(header) - 1, source)
    values = _numpy_values(lines, delimiter, len(header), reader.line_num, line_bound, report)
    if values is None:
        values = _precise_values(open_lines(), delimiter, header, line_bound, source)
    features = [j for j in range(len(header)) if j != target_col]
    names = tuple(header[j] for j in features)
    X = values[:, features] if target_col != len(header) - 1 else values[:, :-1]
    y = values[:, target_col].copy()
    return np.ascontiguousarray(X), y, names


def _delimiter(lines: Iterator[str]) -> tuple[str, list[str]]:
    """The delimiter the first line with text uses, and the lines read to find it."""
    peeked = []
    for line in lines:
        peeked.append(line)
        if line.strip(" \t\r\n,;"):
            break
    first = peeked[-1] if peeked else ""
    return next((d for d in _DELIMITERS if d in first), ","), peeked


def _records(reader: Iterator[list[str]], source: str) -> Iterator[list[str]]:
    """The rows of ``reader``, with its quoting errors turned into :class:`DataError`."""
    line = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise DataError(
                    f"{source}: the quote opened on line {line + 1} is never closed"
                ) from None
            raise DataError(f"{source}: cannot read line {reader.line_num}: {exc}") from None
        line = reader.line_num
        yield row


def _check_header(header: list[str], source: str, delimiter: str) -> list[str]:
    if len(header) < 2:
        raise DataError(
            f"{source}: needs at least two columns (features and a target), separated by "
            "commas, semicolons or tabs"
        )
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        char = control_character(name)
        if char is not None:
            raise DataError(
                f"{source}: the name of column {number} holds a control character "
                f"({describe_character(char)}); rename the column"
            )
        if not name:
            raise DataError(f"{source}: column {number} has no name in the header row")
        if name in seen:
            raise DataError(
                f"{source}: the header repeats a column name: {name!r} "
                f"(columns {seen[name]} and {number})"
            )
        if len(name) > MAX_NAME:
            raise DataError(
                f"{source}: the name of column {number} is {len(name):,} characters long; "
                f"at most {MAX_NAME}"
            )
        seen[name] = number
    if all(_is_number(name) for name in header):
        raise DataError(
            f"{source}: the first row holds numbers, not column names: add a header row"
        )
    return header


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _numpy_values(
    lines: Iterator[str],
    delimiter: str,
    columns: int,
    header_lines: int,
    line_bound: int,
    report: ProgressReport,
) -> np.ndarray | None:
    """The data rows parsed by numpy, or None if it cannot parse them all into ``columns``
    finite numbers a row (the precise parser then finds what is wrong)."""

    def reported(lines: Iterator[str]) -> Iterator[str]:
        for number, line in enumerate(lines, start=header_lines + 1):
            if number % _PROGRESS_LINES == 0:
                report(0.1 + 0.9 * number / line_bound)
            yield line

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values = np.loadtxt(
                reported(lines),
                delimiter=delimiter,
                comments=None,
                quotechar='"',
                ndmin=2,
                dtype=float,
            )
    except ValueError:
        return None
    report(1.0)
    if values.shape[0] < 2 or values.shape[1] != columns or not np.isfinite(values).all():
        return None
    return values


def _precise_values(
    lines: Iterator[str], delimiter: str, header: list[str], line_bound: int, source: str
) -> np.ndarray:
    """The data rows parsed cell by cell; the message for a bad cell names its line and
    column, counting every line of the file."""
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    records = (row for row in _records(reader, source) if not _is_blank(row))
    next(records)  # the header, checked already
    values = np.empty((line_bound, len(header)))
    count = 0
    for row in records:
        line = reader.line_num
        if count == line_bound:
            raise DataError(_changed(source))  # more rows than lines counted: it grew
        if len(row) != len(header):
            raise DataError(
                f"{source}: row {line} has {len(row)} cells but the header has {len(header)}"
            )
        for j, cell in enumerate(row):
            try:
                if "_" in cell:  # Python reads 1_000 as 1000; no CSV writer means that
                    raise ValueError(cell)
                value = float(cell)
            except ValueError:
                hint = " (use a point for decimals)" if "," in cell and delimiter != "," else ""
                raise DataError(
                    f"{source}: row {line}, column {header[j]!r}: {excerpt(cell.strip())} is not "
                    f"a number{hint}"
                ) from None
            if not math.isfinite(value):
                what = "not a number" if math.isnan(value) else "infinite"
                raise DataError(
                    f"{source}: row {line}, column {header[j]!r}: {excerpt(cell.strip())} value "
                    f"({what}, or too large for a float)"
                )
            values[count, j] = value
        count += 1
    if count < 2:
        raise DataError(f"{source}: needs a header row and at least two data rows")
    return values[:count]


def _column_index(header: list[str], target: str, source: str) -> int:
    if target not in header:
        shown = ", ".join(header[:20]) + (
            f", ... ({len(header) - 20} more)" if len(header) > 20 else ""
        )
        raise DataError(f"{source}: no column named {excerpt(target)} (columns: {shown})")
    return header.index(target)
