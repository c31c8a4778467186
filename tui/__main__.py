"""``python -m tui`` runs the ``l1l2-tui`` command."""

from tui.cli import app

app(prog_name="l1l2-tui")
