"""`--help` shows every option's words as they are written: Rich reads square brackets as markup
and drops what it takes for a tag (the help lost "[default: ...]" of --loss and --digit)."""

from __future__ import annotations

import pytest
import typer.main
from hostile import cli_result
from rich.text import Text

from l1l2_tui.cli import app
from l1l2_tui.cli.commands import RootGroup

COMMANDS = [None, *RootGroup.SUBCOMMANDS]


def command_params(name: str | None) -> list:
    root = typer.main.get_command(app)
    command = root if name is None else root.get_command(None, name)
    return [param for param in command.params if getattr(param, "help", None)]


@pytest.mark.parametrize("name", COMMANDS)
def test_no_help_text_is_read_as_markup(name: str | None):
    for param in command_params(name):
        assert Text.from_markup(param.help).plain == param.help, param.name


@pytest.mark.parametrize(
    ("command", "option", "default"),
    [
        ([], "--loss", "[default: (logistic for digits, else squared)]"),
        ([], "--digit", "[default: (0)]"),
        (["run"], "--loss", "[default: (logistic for digits, else squared)]"),
        (["demo"], "--digit", "[default: (0)]"),
    ],
)
def test_options_whose_default_depends_on_the_data_say_it(command, option, default):
    text = cli_result(*command, "--help").stdout
    after = text[text.index(option) :]
    following = after[: after.index("│ --", 4)]  # the option's own rows
    assert default in " ".join(following.split())
