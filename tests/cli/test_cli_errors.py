"""Bad input through the CLI: a clear message and a non-zero exit code, never a traceback."""

import re
from pathlib import Path

import pytest
from hostile import cli_result


def one_line(text: str) -> str:
    """Typer's error box wraps long messages; join them back into one line."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


BAD_FILES = {
    "empty": (b"", ["the file is empty"]),
    "blank lines only": (b"\n \n,\n", ["the file is empty"]),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["binary data"]),
    "not utf-8": (b"a,b,y\n1,2,3\n4,5,\xff\n", ["not UTF-8"]),
    "header only": (b"a,b,y\n", ["needs a header row and at least two data rows"]),
    "one data row": (b"a,b,y\n1,2,3\n", ["needs a header row and at least two data rows"]),
    "one column": (b"y\n1\n2\n3\n", ["needs at least two columns"]),
    "repeated header": (b"a,a,y\n1,2,3\n4,5,6\n7,8,9\n", ["repeats a column name"]),
    "non-numeric": (b"a,b,y\n1,2,3\n4,x,6\n7,8,9\n", ["row 3, column 'b'", "'x' is not a number"]),
    "empty cell": (b"a,b,y\n1,2,3\n4,5,6\n7,,9\n", ["row 4, column 'b'", "'' is not a number"]),
    "nan": (b"a,b,y\n1,2,3\n4,NaN,6\n7,8,9\n", ["row 3, column 'b'", "NaN"]),
    "inf target": (b"a,b,y\n1,2,3\n4,5,inf\n7,8,9\n", ["row 3, column 'y'", "inf"]),
    "ragged": (b"a,b,y\n1,2,3\n4,5\n7,8,9\n", ["row 3 has 2 cells but the header has 3"]),
    "blank line before bad row": (
        b"a,b,y\n1,2,3\n\n4,5,6\n7,oops,9\n",
        ["row 5, column 'b'", "'oops' is not a number"],
    ),
    "constant feature": (b"a,b,y\n1,5,3\n4,5,6\n7,5,10\n", ["feature column 'b' is constant"]),
}


@pytest.mark.parametrize("command", ["run", "path"])
@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_data_file(tmp_path: Path, command, case):
    content, expected = BAD_FILES[case]
    data = tmp_path / "data.csv"
    data.write_bytes(content)
    result = cli_result(command, "--data", str(data))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {data}: ") or "feature column" in result.stderr
    for text in expected:
        assert text in result.stderr


@pytest.mark.parametrize("command", ["run", "path"])
def test_missing_file(tmp_path: Path, command):
    missing = tmp_path / "nope.csv"
    result = cli_result(command, "--data", str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"error: {missing}: no such file\n"


def test_directory_instead_of_file(tmp_path: Path):
    result = cli_result("run", "--data", str(tmp_path))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: {tmp_path}: is a folder, not a regular file (a CSV file is needed)\n"
    )


def test_unknown_target_lists_the_columns(tmp_path: Path):
    data = tmp_path / "data.csv"
    data.write_text("a,b,y\n1,2,3\n4,5,7\n7,9,9\n")
    result = cli_result("run", "--data", str(data), "--target", "price")
    assert result.exit_code == 2
    assert "no column named 'price'" in result.stderr
    assert "columns: a, b, y" in result.stderr


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["run", "--lam", "-1"], "--lam"),
        (["run", "--l1-ratio", "2"], "--l1-ratio"),
        (["run", "--l1-ratio", "-0.1"], "--l1-ratio"),
        (["run", "--lr", "0"], "--lr"),
        (["run", "--lr", "-0.5"], "--lr"),
        (["run", "--lr", "nan"], "--lr"),
        (["run", "--tol", "0"], "--tol"),
        (["run", "--steps", "-1"], "--steps"),
        (["run", "--every", "0"], "--every"),
        (["run", "--samples", "1"], "--samples"),
        (["run", "--features", "0"], "--features"),
        (["run", "--noise", "-1"], "--noise"),
        (["run", "--correlation", "1"], "--correlation"),
        (["path", "--lam-min-ratio", "1"], "--lam-min-ratio"),
        (["path", "--lam-min-ratio", "0"], "--lam-min-ratio"),
        (["path", "--num", "1"], "--num"),
        (["path", "--l1-ratio", "2"], "--l1-ratio"),
    ],
)
def test_out_of_range_option(args, option):
    result = cli_result(*args)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in one_line(result.stderr)
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["run", "--penalty", "l3"], "--penalty"),
        (["path", "--penalty", "l3"], "--penalty"),
        (["run", "--optimizer", "adamw"], "--optimizer"),
        (["run", "--dataset", "iris"], "--dataset"),
        (["path", "--dataset", "iris"], "--dataset"),
        (["run", "--format", "xml"], "--format"),
        (["--link", "medium"], "--link"),
    ],
)
def test_unknown_choice(args, option):
    result = cli_result(*args)
    assert result.exit_code == 2
    message = one_line(result.stderr)
    assert f"Invalid value for '{option}'" in message
    assert f"'{args[-1]}' is not one of" in message


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run", "--informative", "20"], "--informative must be between 1 and --features (10)"),
        (["run", "--noise", "inf"], "--noise must be a finite number >= 0"),
        (["run", "--lam", "inf"], "lam must be a finite number"),
        (["run", "--lr", "inf"], "lr must be a finite number"),
        (["path", "--penalty", "none"], "a regularization path needs a penalty"),
    ],
)
def test_values_the_engine_refuses(args, expected):
    result = cli_result(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {expected}")
    assert result.stdout == ""


def test_unknown_option_and_command():
    assert cli_result("run", "--lambda", "1").exit_code == 2
    assert cli_result("train").exit_code == 2


def test_diverging_run_fails_and_says_why():
    result = cli_result("run", "--lr", "10")
    assert result.exit_code == 1
    match = re.search(r"diverged at step (\d+)", result.stderr)
    assert match, result.stderr
    assert "--lr" in result.stderr
    assert result.stdout == ""


def test_a_lam_far_past_lam_max_says_so_rather_than_blame_the_step_size():
    result = cli_result("run", "--optimizer", "subgradient", "--lam", "1000")
    assert result.exit_code == 1
    assert "lam 1000 is 465 times lam_max 2.15" in result.stderr
    assert "cannot land on 0" in result.stderr
    assert result.stderr.endswith(
        "; give a --lam below lam_max 2.15, or an optimizer that lands on 0 "
        "(--optimizer proximal)\n"
    )
    assert "smaller --lr" not in result.stderr


def test_diverging_csv_run_keeps_the_rows_before_divergence():
    result = cli_result("run", "--format", "csv", "--lr", "10", "--steps", "500")
    assert result.exit_code == 1
    diverged_at = int(re.search(r"diverged at step (\d+)", result.stderr).group(1))
    lines = result.stdout.splitlines()
    steps = [int(line.split(",")[0]) for line in lines[1:]]
    assert steps == list(range(diverged_at))
    assert "nan" not in result.stdout and "inf" not in result.stdout
