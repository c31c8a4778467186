"""How the command fails: one ``error:`` line on stderr and an exit code, whatever went wrong.

A usage error (an unknown option, a value out of range), bad data, Ctrl-C, a full disk under
stdout: each ends the command with a single line, control characters escaped so that nothing
taken from the input can act on the terminal, and never a traceback.
"""

from __future__ import annotations

import errno
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from typer.core import TyperGroup

from l1l2_tui.engine.files import escape_controls

INTERRUPTED = 130  # 128 + SIGINT, as shells report it

# The base of click's usage errors; typer vendors click from 0.28 on, so find it from typer's.
ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


MAX_MESSAGE = 1000
"""The longest message shown whole; a longer one (an option's value of 100,000 characters
echoed back) keeps its start and its end."""


def shown(message: str) -> str:
    """``message`` as the error line shows it: control characters escaped, so a file name or a
    cell cannot act on the terminal, and cut in the middle beyond :data:`MAX_MESSAGE`."""
    if len(message) > MAX_MESSAGE:
        cut = len(message) - MAX_MESSAGE + 200
        message = f"{message[:600]} ... [{cut:,} characters cut] ... {message[-200:]}"
    return escape_controls(message)


def say_error(line: str) -> None:
    """Print ``line`` on stderr; when stderr cannot take it (a full disk, a closed stream), the
    exit code is all that is left to tell."""
    try:
        typer.echo(line, err=True)
    except (OSError, ValueError):
        _drop_stream(sys.stderr)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``error: message`` on stderr (as :func:`shown` shows it) and return the exit to
    raise."""
    say_error(f"error: {shown(message)}")
    return typer.Exit(code)


@contextmanager
def interrupts_reported() -> Iterator[None]:
    """Ctrl-C ends the command with one line and exit status 130, not a traceback."""
    try:
        yield
    except KeyboardInterrupt:
        raise fail("interrupted", code=INTERRUPTED) from None


@contextmanager
def output_errors_reported() -> Iterator[None]:
    """A full disk or a closed pipe on stdout ends the command with one line and exit 1.

    The output is flushed inside, and stdout is pointed at the null device once it has failed,
    so that the interpreter's own flush at exit has nothing left to fail on."""
    try:
        yield
        sys.stdout.flush()
    except OSError as exc:
        _drop_stream(sys.stdout)
        if exc.errno == errno.EPIPE:  # the reader has gone (`| head`): nothing to tell it
            raise typer.Exit(1) from None
        raise fail(f"cannot write the output: {exc.strerror or exc}", code=1) from None


def _drop_stream(stream: Any) -> None:
    """Point ``stream``'s file descriptor at the null device, so that the interpreter's own
    flush at exit has nothing left to fail on."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (a test's capture), or None
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


class OneLineErrors(TyperGroup):
    """The command group, with a usage error (an unknown option, a value out of range) told in
    one ``error:`` line like every other error, rather than in a box under the usage; and an
    input/output error no command caught (stdout on a full disk) told in one line too."""

    def error_text(self, exc: Any) -> str:
        """What a usage error says (``exc``: a click exception), and where to read more."""
        where = getattr(getattr(exc, "ctx", None), "command_path", None)
        return exc.format_message() + (f" (see `{where} -h`)" if where else "")

    def invoke(self, ctx: Any) -> Any:
        # Typer turns a Ctrl-C that no command caught into a silent exit 130: say so.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise fail("interrupted", code=INTERRUPTED) from None

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            with warnings.catch_warnings():
                # A diverging run overflows and the engine says so; numpy's RuntimeWarnings
                # would only repeat it on stderr, in lines of their own.
                warnings.simplefilter("ignore", RuntimeWarning)
                code = super().main(*args, standalone_mode=False, **kwargs)
        except ClickException as exc:
            say_error(f"error: {shown(self.error_text(exc))}")
            sys.exit(exc.exit_code)
        except typer.Abort:
            say_error("error: aborted")
            sys.exit(1)
        except OSError as exc:  # a failing stdout in a command that did not expect it
            _drop_stream(sys.stdout)
            if exc.errno != errno.EPIPE:
                where = f"{exc.filename}: " if exc.filename else ""
                say_error(f"error: {shown(where + (exc.strerror or str(exc)))}")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)
