"""A command group whose subcommands are built when they are named, not at every start.

Typer turns each parameter of a command's function into a click option when the command is
built. For the six subcommands, each with the twenty-odd run options, that was some 8 ms of
every start, and importing their modules (JSON and CSV output, lessons, the server) a few ms
more: a tenth of the time the live app takes to show its first frame, which needs none of them.
Here a subcommand's command is built the first time its name is looked up (when it runs, or
when the help lists every command), from its function, which the group's module serves on first
use: the subcommand ``name`` is the function ``name_command`` (:mod:`l1l2_tui.engine.lazy_names`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from typing import Any, ClassVar

import typer
import typer.main

from l1l2_tui.cli.errors import OneLineErrors

Command = Any
"""A click command (typer vendors click from 0.28 on, so its class depends on the version)."""


def build_command(name: str, function: Callable[..., Any]) -> Command:
    """The click command ``name`` for ``function``, built as typer builds a group's command: from
    the function's signature and docstring."""
    single = typer.Typer(add_completion=False)
    single.command(name)(function)
    return typer.main.get_command(single)


class LazyCommandMap(MutableMapping[str, Command]):
    """The group's commands by name: those already built, and the rest (``names``) built on first
    look-up from the function ``function_of(name)`` gives."""

    def __init__(
        self,
        built: Mapping[str, Command],
        names: Sequence[str],
        function_of: Callable[[str], Callable[..., Any]],
    ) -> None:
        self._built = dict(built)
        self._targets = dict.fromkeys(names)
        self._function_of = function_of

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in self._targets:
                raise KeyError(name)
            self._built[name] = build_command(name, self._function_of(name))
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        found = name in self._built or name in self._targets
        self._built.pop(name, None)
        self._targets.pop(name, None)
        if not found:
            raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        # The declared order, whichever were built first; then any added later.
        return iter(dict.fromkeys([*self._targets, *self._built]))

    def __len__(self) -> int:
        return len(set(self._built) | set(self._targets))

    def __contains__(self, name: object) -> bool:
        return name in self._built or name in self._targets


class LazyCommandGroup(OneLineErrors):
    """The command group, with the subcommands of ``SUBCOMMANDS`` (in the order the help lists
    them) built on first use: the subcommand ``name`` from the function ``name_command`` of the
    group's own module."""

    SUBCOMMANDS: ClassVar[Sequence[str]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommandMap(self.commands, self.SUBCOMMANDS, self.function_of)

    @classmethod
    def function_of(cls, name: str) -> Callable[..., Any]:
        """The function of the subcommand ``name``: ``name_command`` in the group's module."""
        return getattr(sys.modules[cls.__module__], f"{name}_command")

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names, without building a command
