"""What every hostile input must get from the command: one ``error:`` line, no traceback, no raw
control byte from the input on the terminal, and the exit code the case expects."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from l1l2_tui.cli import app

ENV = {"COLUMNS": "200", "NO_COLOR": "1"}


def assert_well_behaved(code: int, stdout: str, stderr: str, expected_code: int) -> None:
    """Exit code as expected; on failure exactly one line on stderr, starting ``error:``."""
    assert "Traceback" not in stdout + stderr
    assert "\x1b" not in stdout + stderr, (stdout + stderr)[:300]
    assert code == expected_code, stderr
    if expected_code != 0:
        assert stderr.startswith("error: "), stderr
        assert stderr.count("\n") == 1 and stderr.endswith("\n"), stderr
        assert stdout == ""
    else:
        assert stderr == ""


def cli_result(*args: str) -> Result:
    """``l1l2-tui ARGS`` run in-process; it must end by exiting, never by a traceback."""
    result = CliRunner().invoke(app, list(args), env=ENV)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def invoke(*args: str) -> tuple[int, str, str]:
    result = cli_result(*args)
    return result.exit_code, result.stdout, result.stderr
