"""Hostile data files and options through the CLI: each either works or gets one clear line.

The files are written here, in ``tmp_path``; a case is the file's bytes, the exit code it should
get and the words its message must hold (for a file that works, the feature names it gives).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hostile import assert_well_behaved, invoke

import l1l2_tui.engine.csv_data
import l1l2_tui.engine.data_limits

ROWS = b"1,2,3\n2,1,5\n3,5,4\n4,4,9\n"

# name: (file bytes, expected exit code, words the message holds / feature names on success)
FILES: dict[str, tuple[bytes, int, list[str]]] = {
    "utf-8 byte-order mark": (b"\xef\xbb\xbfa,b,y\n" + ROWS, 0, ["a", "b"]),
    "CRLF line ends": ((b"a,b,y\n" + ROWS).replace(b"\n", b"\r\n"), 0, ["a", "b"]),
    "CR-only line ends": ((b"a,b,y\n" + ROWS).replace(b"\n", b"\r"), 0, ["a", "b"]),
    "semicolons": ((b"a,b,y\n" + ROWS).replace(b",", b";"), 0, ["a", "b"]),
    "tabs": ((b"a,b,y\n" + ROWS).replace(b",", b"\t"), 0, ["a", "b"]),
    "decimal commas": (b"a;b;y\n1,5;2;3\n2;1;5\n3;5;4\n", 2, ["'1,5' is not a number", "point"]),
    "quoted numbers": (b'a,b,y\n"1","2","3"\n2,1,5\n3,5,4\n4,4,9\n', 0, ["a", "b"]),
    "quoted name with a comma": (b'"a,b",c,y\n' + ROWS, 0, ["a,b", "c"]),
    "spaces and signs": (b"a , b ,y\n +1, 2e0 ,3\n-2,.5,5\n3.,5,4\n", 0, ["a", "b"]),
    "non-ASCII names": ("prix €,日本,y\n".encode() + ROWS, 0, ["prix €", "日本"]),
    "blank lines and blank rows": (b"\n\na,b,y\n\n1,2,3\n,,\n2,1,5\n\n3,5,4\n", 0, ["a", "b"]),
    "unterminated quote": (b'a,b,y\n1,2,3\n"4,5,6\n7,8,9\n', 2, ["quote opened on line 3"]),
    "text after a closing quote": (b'a,b,y\n"1"x,2,3\n4,5,6\n', 2, ["line 2", "expected"]),
    "field over the csv limit": (
        b"a,b,y\n1,2," + b"9" * 200_000 + b"\n1,2,3\n",
        2,
        ["line 2", "field limit"],
    ),
    "inf": (b"a,b,y\n1,2,3\n4,inf,6\n7,8,9\n", 2, ["row 3, column 'b'", "infinite"]),
    "-inf target": (b"a,b,y\n1,2,3\n4,5,-inf\n7,8,9\n", 2, ["row 3, column 'y'", "infinite"]),
    "nan": (b"a,b,y\n1,2,3\n4,nan,6\n7,8,9\n", 2, ["row 3, column 'b'", "not a number"]),
    "1e999 is infinite": (b"a,b,y\n1,2,3\n4,1e999,6\n7,8,9\n", 2, ["row 3", "too large"]),
    "1e308 overflows": (b"a,b,y\n1,2,3\n4,1e308,6\n7,8,9\n", 2, ["overflows", "column 'b'"]),
    "target near 1e300": (b"a,b,y\n1,2,1e300\n2,1,3e300\n3,5,-2e300\n", 2, ["overflows", "target"]),
    "target at 1.5e308, whose mean is infinite": (
        b"a,b,y\n1,2,1.5e308\n2,1,1.6e308\n3,5,1.7e308\n",
        2,
        ["overflows"],
    ),
    "1e-308 is a number": (b"a,b,y\n1e-308,2,3\n2e-308,1,5\n3e-308,5,4\n", 0, ["a", "b"]),
    "a column at 1e-13 scale is not constant": (
        b"a,b,y\n1e-13,2,3\n3e-13,1,5\n2e-13,5,4\n",
        0,
        ["a", "b"],
    ),
    "1_000 is not a number": (b"a,b,y\n1_000,2,3\n2,1,5\n3,5,4\n", 2, ["'1_000' is not a number"]),
    "hex is not a number": (b"a,b,y\n0x1A,2,3\n2,1,5\n3,5,4\n", 2, ["'0x1A' is not a number"]),
    "comment line": (b"a,b,y\n# made by hand\n1,2,3\n2,1,5\n3,5,4\n", 2, ["row 2 has 1 cells"]),
    "one data row": (b"a,b,y\n1,2,3\n", 2, ["at least two data rows"]),
    "header only, with a BOM": (b"\xef\xbb\xbfa,b,y\n", 2, ["at least two data rows"]),
    "one column": (b"y\n1\n2\n3\n", 2, ["at least two columns"]),
    "space-separated": (b"a b y\n1 2 3\n2 1 5\n", 2, ["at least two columns", "commas"]),
    "duplicate names": (b"a,b,a\n" + ROWS, 2, ["repeats a column name: 'a' (columns 1 and 3)"]),
    "empty name": (b"a,,y\n" + ROWS, 2, ["column 2 has no name"]),
    "blank name": (b"a,  ,y\n" + ROWS, 2, ["column 2 has no name"]),
    "trailing comma": (b"a,b,y,\n1,2,3,\n2,1,5,\n", 2, ["column 4 has no name"]),
    "no header row": (ROWS, 2, ["the first row holds numbers", "add a header row"]),
    "a name too long": (b"a," + b"b" * 300 + b",y\n" + ROWS, 2, ["column 2 is 300 characters"]),
    "numeric names with one word": (b"1,2,y\n" + ROWS, 0, ["1", "2"]),
    "escape sequence in a name": (b"a,\x1b[2Jb,y\n" + ROWS, 2, ["column 2", "U+001B (ESCAPE)"]),
    "newline in a quoted name": (b'a,"b\nc",y\n' + ROWS, 2, ["column 2", "U+000A"]),
    "bell in a name": (b"a\x07,b,y\n" + ROWS, 2, ["column 1", "U+0007"]),
    "right-to-left override in a name": (
        "a,b\u202e,y\n".encode() + ROWS,
        2,
        ["column 2", "U+202E"],
    ),
    "escape sequence in a cell": (b"a,b,y\n1,2,3\n\x1b[2J,1,5\n3,5,4\n", 2, ["row 3", "\\x1b"]),
    "latin-1": (
        b"caf\xe9,b,y\n" + ROWS,
        2,
        ["not UTF-8", "line 1", "'\xe9'", "save the file as UTF-8"],
    ),
    "UTF-16 with a byte-order mark": ("a,b,y\n1,2,3\n".encode("utf-16"), 2, ["UTF-16", "UTF-8"]),
    "UTF-16 without a mark": ("a,b,y\n1,2,3\n".encode("utf-16-le"), 2, ["UTF-16", "UTF-8"]),
    "UTF-32": ("a,b,y\n1,2,3\n".encode("utf-32"), 2, ["UTF-32", "UTF-8"]),
    "cut inside a character": (b"a,b,y\n1,2,3\n2,1,\xe2\x82", 2, ["not UTF-8", "ends inside"]),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 2, ["binary data"]),
    "NUL bytes after a megabyte": (
        b"a,b,y\n" + ROWS * 70_000 + b"1,\x00,3\n",
        2,
        ["binary data"],
    ),
    "bad UTF-8 after a megabyte": (
        b"a,b,y\n" + ROWS * 70_000 + b"1,\xff,3\n",
        2,
        [f"byte {6 + len(ROWS) * 70_000 + 2} (line {2 + 4 * 70_000})", "0xFF"],
    ),
    "too many columns": (
        ",".join(f"x{j}" for j in range(5_002)).encode() + b"\n",
        2,
        ["5,001 features; the limit is 5,000"],
    ),
}


def feature_names(stdout: str) -> list[str]:
    return json.loads(stdout)["feature_names"]


@pytest.mark.parametrize("case", FILES)
def test_hostile_csv_file(tmp_path: Path, case: str):
    content, code, words = FILES[case]
    data = tmp_path / "data.csv"
    data.write_bytes(content)
    exit_code, stdout, stderr = invoke("run", "--steps", "2", "--data", str(data))
    assert_well_behaved(exit_code, stdout, stderr, code)
    if code == 0:
        assert feature_names(stdout) == words
    else:
        assert stderr.startswith(f"error: {data}: ")
        for word in words:
            assert word in stderr


@pytest.mark.parametrize("command", ["run", "path"])
def test_a_constant_target_gives_all_zero_weights(tmp_path: Path, command: str):
    data = tmp_path / "data.csv"
    data.write_bytes(b"a,b,y\n1,2,5\n2,3,5\n4,1,5\n5,7,5\n")
    exit_code, stdout, stderr = invoke(command, "--data", str(data))
    assert_well_behaved(exit_code, stdout, stderr, 0)
    weights = np.asarray(json.loads(stdout)["weights"])
    assert weights.size > 0
    assert not weights.any()


def test_an_unknown_target_with_an_escape_is_printed_escaped(tmp_path: Path):
    data = tmp_path / "data.csv"
    data.write_bytes(b"a,b,y\n" + ROWS)
    exit_code, stdout, stderr = invoke("run", "--data", str(data), "--target", "\x1b[2J")
    assert_well_behaved(exit_code, stdout, stderr, 2)
    assert "no column named '\\x1b[2J'" in stderr


def special_paths(tmp_path: Path) -> dict[str, tuple[Path, list[str]]]:
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    over = tmp_path / "over.csv"
    with over.open("wb") as file:
        file.truncate(l1l2_tui.engine.csv_data.MAX_CSV_BYTES + 1)  # sparse: nothing is written
    zeros = tmp_path / "zeros.csv"
    with zeros.open("wb") as file:
        file.truncate(10_000_000)
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "nowhere.csv")
    return {
        "a folder": (tmp_path, ["is a folder"]),
        "a FIFO": (fifo, ["is a pipe (FIFO)"]),
        "/dev/zero": (Path("/dev/zero"), ["is a device"]),
        "/dev/null": (Path("/dev/null"), ["is a device"]),
        "a sparse file over the cap": (over, ["1 GB", "the limit for a CSV file is 1 GB"]),
        "ten megabytes of NUL": (zeros, ["binary data"]),
        "a dangling link": (link, ["no such file"]),
        "a name with an escape": (tmp_path / "a\x1b[2Jb.csv", ["no such file", "\\x1b[2J"]),
    }


SPECIAL = (
    "a folder",
    "a FIFO",
    "/dev/zero",
    "/dev/null",
    "a sparse file over the cap",
    "ten megabytes of NUL",
    "a dangling link",
    "a name with an escape",
)


@pytest.mark.parametrize("command", ["run", "path"])
@pytest.mark.parametrize("case", SPECIAL)
def test_what_is_not_a_csv_file(tmp_path: Path, case: str, command: str):
    path, words = special_paths(tmp_path)[case]
    exit_code, stdout, stderr = invoke(command, "--data", str(path))
    assert_well_behaved(exit_code, stdout, stderr, 2)
    for word in words:
        assert word in stderr


def test_a_file_with_more_numbers_than_the_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(l1l2_tui.engine.data_limits, "MAX_VALUES", 50)
    data = tmp_path / "data.csv"
    data.write_bytes(b"a,b,y\n" + ROWS * 10)
    exit_code, stdout, stderr = invoke("run", "--data", str(data))
    assert_well_behaved(exit_code, stdout, stderr, 2)
    assert "the limit is 50" in stderr


KMSG = Path("/proc/kmsg")
"""Looks like a regular file and waits for the kernel's next message (readable by root)."""


@pytest.mark.parametrize(
    ("command", "path", "words"),
    [
        (["run", "--data"], "fifo", "is a pipe (FIFO)"),
        (["demo", "--lesson"], "fifo", "is a pipe (FIFO)"),
        (["run", "--data"], KMSG, "reading it would wait for more"),
        (["demo", "--lesson"], KMSG, "reading it would wait for more"),
    ],
    ids=["fifo-data", "fifo-lesson", "kmsg-data", "kmsg-lesson"],
)
def test_a_file_that_would_wait_is_refused_at_once(tmp_path: Path, command, path, words):
    """In a real process: reading a FIFO no one writes to, or /proc/kmsg, would wait for ever."""
    if path == "fifo":
        path = tmp_path / "data.csv"
        os.mkfifo(path)
    elif not os.access(path, os.R_OK):
        words = "cannot open it"  # not root: refused at the door
    done = subprocess.run(
        [sys.executable, "-m", "l1l2_tui", *command, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert_well_behaved(done.returncode, done.stdout, done.stderr, 2)
    assert words in done.stderr


# args: (exit code, words the message holds, or on success a key and value of the JSON)
OPTIONS: dict[str, tuple[list[str], int, list[str]]] = {
    "negative seed": (["path", "--seed", "-1"], 2, ["--seed", "x>=0"]),
    "nan pace": (["demo", "--pace", "nan"], 2, ["--pace", "nan is not a number"]),
    "nan lam": (["run", "--lam", "nan"], 2, ["--lam", "nan is not a number"]),
    "nan l1 ratio": (["run", "--l1-ratio", "nan"], 2, ["--l1-ratio"]),
    "nan l1 ratio for path": (
        ["path", "--l1-ratio", "nan", "--penalty", "elasticnet"],
        2,
        ["--l1-ratio"],
    ),
    "nan noise": (["run", "--noise", "nan"], 2, ["--noise"]),
    "nan correlation": (["run", "--correlation", "nan"], 2, ["--correlation"]),
    "nan tol": (["run", "--tol", "nan"], 2, ["--tol"]),
    "nan lam-min-ratio": (["path", "--lam-min-ratio", "nan"], 2, ["--lam-min-ratio"]),
    "too many numbers": (
        ["run", "--samples", "1000000", "--features", "5000"],
        2,
        ["5,000,000,000 numbers; the limit is 32,000,000"],
    ),
    "too many features": (["run", "--features", "10000"], 2, ["--features", "5000"]),
    "informative over features": (
        ["run", "--features", "3", "--informative", "5"],
        2,
        ["--informative must be between 1 and --features (3)"],
    ),
    "unknown option": (["run", "--lambda", "1"], 2, ["No such option: --lambda", "run -h"]),
    "unknown command": (["train"], 2, ["No such command 'train'"]),
    "option before the command that it does not take": (["--fps", "5", "run"], 2, ["--fps"]),
    "lam before path": (["--lam", "3", "path"], 2, ["--lam does not apply"]),
    "escape in a target name": (["run", "--target", "\x1b[2J"], 2, ["--target needs --data"]),
    "empty data file name": (["run", "--data", ""], 2, ["--data", "the file name is empty"]),
    "empty data file name before path": (["--data", "", "path"], 2, ["the file name is empty"]),
    "diverging run, no numpy warnings": (["run", "--lr", "10"], 1, ["diverged at step"]),
    "diverging fista": (
        ["run", "--lr", "100", "--optimizer", "fista"],
        1,
        ["diverged at step"],
    ),
    "features 3": (["run", "--features", "3", "--steps", "1"], 0, ["feature_names", "x3"]),
    "dataset before run": (
        ["--dataset", "diabetes", "run", "--steps", "1"],
        0,
        ["dataset", "diabetes"],
    ),
    "dataset before path": (
        ["--dataset", "toy2d", "path", "--num", "2"],
        0,
        ["feature_names", "x2"],
    ),
    "later option wins": (
        ["--dataset", "toy2d", "run", "--dataset", "diabetes", "--steps", "1"],
        0,
        ["dataset", "diabetes"],
    ),
}


@pytest.mark.parametrize("case", OPTIONS)
def test_hostile_options(case: str):
    args, code, words = OPTIONS[case]
    exit_code, stdout, stderr = invoke(*args)
    assert_well_behaved(exit_code, stdout, stderr, code)
    if code == 0:
        key, value = words
        got = json.loads(stdout)[key]
        assert value == got or value in got
    else:
        for word in words:
            assert word in stderr


def test_screenshot_refuses_a_file_or_a_missing_parent_for_out(tmp_path: Path):
    a_file = tmp_path / "file.svg"
    a_file.write_text("")
    for out, words in ((a_file, "is a file"), (tmp_path / "no" / "such", "no such folder")):
        exit_code, stdout, stderr = invoke("screenshot", "--out", str(out))
        assert_well_behaved(exit_code, stdout, stderr, 2)
        assert words in stderr


@pytest.mark.parametrize("command", [[], ["run"], ["path"], ["demo"], ["screenshot"]])
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_with_either_flag(command: list[str], flag: str):
    exit_code, stdout, stderr = invoke(*command, flag)
    assert exit_code == 0
    assert "Usage" in stdout
    assert stderr == ""


def test_version():
    exit_code, stdout, _ = invoke("--version")
    assert exit_code == 0
    assert stdout.startswith("l1l2-tui ")


LONG = "x" * 130_000

# args (FILE: the path of a CSV with a 130,000-character cell), words the message holds
LONG_VALUES: dict[str, tuple[list[str], list[str]]] = {
    "a cell": (["--data", "FILE"], ["row 3, column 'a'", "(130,000 characters) is not a number"]),
    "a target name": (["--data", "FILE", "--target", LONG], ["no column named", "(130,000"]),
    "a choice": (["--dataset", LONG], ["--dataset", "characters cut", "digits"]),
    "a number": (["--lam", LONG[:-1] + "!"], ["--lam", "characters cut", "is not a valid float"]),
}


@pytest.mark.parametrize("case", LONG_VALUES)
def test_a_long_value_is_not_echoed_whole(tmp_path: Path, case: str):
    data = tmp_path / "long.csv"
    data.write_text(f"a,b,y\n1,2,3\n{LONG},1,5\n3,5,4\n")
    args, words = LONG_VALUES[case]
    exit_code, stdout, stderr = invoke("run", *(str(data) if a == "FILE" else a for a in args))
    assert_well_behaved(exit_code, stdout, stderr, 2)
    assert len(stderr) < 1100
    for word in words:
        assert word in stderr
