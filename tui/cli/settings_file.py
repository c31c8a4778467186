"""The settings file: defaults a teacher keeps for any option, by its name on the command line.

``settings.toml`` in the platform's folder for settings (on Linux ``$XDG_CONFIG_HOME/l1l2-tui``,
by default ``~/.config/l1l2-tui``), or the file ``$L1L2_TUI_SETTINGS`` names (set empty: none).
A top-level key is an option of any command (``dataset = "diabetes"``, ``fps = 30``) and applies
to every command that takes it; a table named after a command (``[demo]``, ``[serve]``) holds
defaults for that command alone, which win. What the command line gives wins over both.

The values become click's ``default_map``, so click checks them as it checks the command line;
a value it refuses is reported naming the file and the key (:meth:`SettingsFile.key_of`).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l1l2_tui.cli.errors import fail

SETTINGS_ENV = "L1L2_TUI_SETTINGS"
SETTINGS_NAME = "settings.toml"
MAX_SETTINGS_BYTES = 1_000_000
META_KEY = "l1l2_tui.settings"
"""Where the loaded file is kept in the click context's ``meta``, shared by every command."""


def settings_path() -> tuple[Path | None, bool]:
    """The settings file to read, and whether it was named (then it must exist); ``None`` when
    ``$L1L2_TUI_SETTINGS`` is set empty."""
    named = os.environ.get(SETTINGS_ENV)
    if named is not None:
        return (Path(named).expanduser() if named else None), True
    import platformdirs  # some 3 ms: only when no file is named

    return Path(platformdirs.user_config_dir("l1l2-tui", appauthor=False)) / SETTINGS_NAME, False


def option_names(command: Any) -> dict[str, str]:
    """``{"lesson-folder": "lesson_folder", "format": "output", ...}``: each option of
    ``command`` a settings file may set, by its long name without the dashes. Eager options
    (``--version``, the completion ones) are actions, not settings."""
    names: dict[str, str] = {}
    for param in command.params:
        if getattr(param, "is_eager", False) or param.param_type_name != "option":
            continue
        for opt in param.opts:
            if opt.startswith("--"):
                names[opt[2:]] = param.name
    return names


@dataclass(frozen=True)
class SettingsFile:
    """A read settings file: its top-level values and its tables, by option name."""

    path: Path
    values: dict[str, object] = field(default_factory=dict)
    tables: dict[str, dict[str, object]] = field(default_factory=dict)

    def defaults(self, command: Any, name: str | None) -> dict[str, object]:
        """click's ``default_map`` for ``command`` (``name`` None: the root): the top-level values
        it takes, then its own table's, whose keys must all be its options."""
        options = option_names(command)
        defaults = {options[key]: value for key, value in self.values.items() if key in options}
        for key, value in self.tables.get(name or "", {}).items():
            if key not in options:
                raise self.unknown(f"[{name}] {key}", key, options)
            defaults[options[key]] = value
        return defaults

    def key_of(self, command_name: str | None, param_name: str, command: Any) -> str:
        """How the file names the setting that gave ``param_name`` to a command."""
        key = next(k for k, name in option_names(command).items() if name == param_name)
        in_table = command_name is not None and key in self.tables.get(command_name, {})
        return f"[{command_name}] {key}" if in_table else key

    def unknown(self, shown: str, key: str, options: dict[str, str]) -> Exception:
        close = difflib.get_close_matches(key, options, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        return fail(f"{self.path}: {shown}: no such option{hint}")


def load_settings(root: Any) -> SettingsFile | None:
    """The settings file for the root command ``root``, checked: TOML, each top-level key an
    option of some command or a table named after a command. None when there is none."""
    path, named = settings_path()
    if path is None or (not named and not os.path.lexists(path)):
        return None
    import tomllib  # only when there is a file: the app starts faster without it

    from l1l2_tui.engine.files import FileProblem, read_text_file

    try:
        data = tomllib.loads(read_text_file(path, MAX_SETTINGS_BYTES, "a settings file"))
    except FileProblem as exc:
        where = f" (named by {SETTINGS_ENV})" if named else ""
        raise fail(f"{exc}{where}") from None
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"{path}: invalid TOML: {exc}") from None
    settings = SettingsFile(path)
    commands = set(root.list_commands(None))
    everywhere: dict[str, str] | None = None
    for key, value in data.items():
        if key in commands:
            if not isinstance(value, dict):
                raise fail(f"{path}: {key}: a table of {key}'s options, as [{key}]")
            settings.tables[key] = {name: _expanded(v) for name, v in value.items()}
            continue
        if isinstance(value, dict):
            raise fail(f"{path}: [{key}]: no command of that name ({', '.join(sorted(commands))})")
        if key not in option_names(root):
            # Built only now: every command's options, which the start does not need.
            everywhere = everywhere or {
                k: v
                for name in commands
                for k, v in option_names(root.get_command(None, name)).items()
            }
            if key not in everywhere:
                raise settings.unknown(key, key, {**option_names(root), **everywhere})
        settings.values[key] = _expanded(value)
    return settings


def _expanded(value: object) -> object:
    # The shell expands ~ on the command line; nothing does in a file.
    if isinstance(value, str) and (value == "~" or value.startswith("~/")):
        return os.path.expanduser(value)
    return value
