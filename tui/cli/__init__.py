"""The ``l1l2-tui`` command line: the commands, their options, their output and errors."""

from l1l2_tui.cli.commands import app

__all__ = ["app"]
