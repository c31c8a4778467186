"""Subcommands are built when named: the help and the errors still know every one of them."""

from __future__ import annotations

import pytest
from hostile import cli_result

from l1l2_tui.cli import lazy_commands
from l1l2_tui.cli.commands import RootGroup
from l1l2_tui.cli.lazy_commands import LazyCommandMap

BUILT: list[str] = []


def greet_command(name: str = "world") -> None:
    """Say hello."""
    BUILT.append(name)


def test_the_help_lists_every_subcommand_with_its_summary_in_order():
    text = cli_result("--help").stdout
    summaries = {
        "demo": "Play a lesson",
        "lesson": "Print the built-in lesson",
        "serve": "Serve the app",
        "screenshot": "Save SVG screenshots",
        "record": "Record the app, or a lesson",
        "run": "Train without the app",
        "path": "Print the regularization path",
        "posterior": "Print the whole posterior",
    }
    assert list(RootGroup.SUBCOMMANDS) == list(summaries)
    lines = [
        next(line for line in text.splitlines() if summary in line)
        for summary in summaries.values()
    ]
    assert all(name in line for name, line in zip(summaries, lines, strict=True))
    assert [text.index(line) for line in lines] == sorted(text.index(line) for line in lines)


def test_a_misspelt_subcommand_gets_a_suggestion():
    result = cli_result("scrrenshot")
    assert result.exit_code == 2
    assert "No such command 'scrrenshot'. Did you mean 'screenshot'?" in result.stderr


def test_a_command_is_built_on_its_first_look_up_only(monkeypatch):
    built = []
    build = lazy_commands.build_command

    def counting(name: str, function: object) -> object:
        built.append(name)
        return build(name, function)  # type: ignore[arg-type]

    monkeypatch.setattr(lazy_commands, "build_command", counting)
    commands = LazyCommandMap({}, ["greet"], lambda name: greet_command)
    assert list(commands) == ["greet"] and len(commands) == 1 and "greet" in commands
    assert built == []
    first = commands["greet"]
    assert commands["greet"] is first and built == ["greet"]
    assert first.name == "greet" and "Say hello." in (first.help or "")
    with pytest.raises(KeyError):
        commands["farewell"]
    assert "farewell" not in commands


def test_the_commands_keep_their_declared_order_whichever_is_built_first():
    commands = LazyCommandMap({}, RootGroup.SUBCOMMANDS, RootGroup.function_of)
    commands["path"]
    assert list(commands) == list(RootGroup.SUBCOMMANDS)


def test_a_built_command_runs_the_function_with_its_options():
    command = LazyCommandMap({}, ["greet"], lambda name: greet_command)["greet"]
    command.main(["--name", "class"], standalone_mode=False)
    assert BUILT[-1] == "class"
