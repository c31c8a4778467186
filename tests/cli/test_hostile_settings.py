"""The settings file: defaults for any option by name, for every command that takes it or, in a
table, for one command; the command line wins. Every mistake in it is one line that names the
file and the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile import assert_well_behaved, cli_result, invoke

import l1l2_tui.web.serve


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``settings("fps = 30")`` writes the settings file and points L1L2_TUI_SETTINGS at it."""
    path = tmp_path / "settings.toml"

    def write(text: str | bytes) -> Path:
        if isinstance(text, str):
            text = text.encode()
        path.write_bytes(text)
        monkeypatch.setenv("L1L2_TUI_SETTINGS", str(path))
        return path

    return write


def run_json(*args: str) -> dict:
    result = cli_result("run", "--steps", "2", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# The file, the command line, and a key and value of `run`'s JSON that shows which won
WINS = {
    "a top-level option applies to run": ('dataset = "diabetes"', [], "dataset", "diabetes"),
    "the command line wins": ('dataset = "diabetes"', ["--dataset", "toy2d"], "dataset", "toy2d"),
    "run's table wins over the top level": (
        'dataset = "diabetes"\n[run]\ndataset = "toy2d"',
        [],
        "dataset",
        "toy2d",
    ),
    "a table for another command does not apply": (
        '[path]\ndataset = "toy2d"',
        [],
        "dataset",
        "synthetic",
    ),
    "a flag": ("no-standardize = true", [], "standardized", False),
    "a setting of the run": ('penalty = "l2"\nlam = 0.5', [], "penalty", "l2"),
    "an option whose name is not its parameter's": ('[run]\nformat = "json"', [], "step", 2),
}


@pytest.mark.parametrize("case", WINS)
def test_which_value_wins(settings, case):
    text, args, key, value = WINS[case]
    settings(text)
    assert run_json(*args)[key] == value


def test_an_option_given_before_the_command_wins_over_its_table(settings):
    settings('[run]\ndataset = "toy2d"')
    result = cli_result("--dataset", "diabetes", "run", "--steps", "1")
    assert json.loads(result.stdout)["dataset"] == "diabetes"


def test_the_file_in_the_config_folder_is_read_when_none_is_named(tmp_path, monkeypatch):
    monkeypatch.delenv("L1L2_TUI_SETTINGS")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "l1l2-tui").mkdir()
    (tmp_path / "l1l2-tui" / "settings.toml").write_text('dataset = "diabetes"\n')
    assert run_json()["dataset"] == "diabetes"
    monkeypatch.setenv("L1L2_TUI_SETTINGS", "")  # set empty: no file at all
    assert run_json()["dataset"] == "synthetic"


def test_a_path_may_start_with_a_tilde(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "d.csv").write_text("a,b,y\n1,2,3\n2,1,5\n3,5,4\n4,4,9\n")
    settings('[run]\ndata = "~/d.csv"')
    assert run_json()["feature_names"] == ["a", "b"]


def test_the_help_shows_the_defaults_of_the_file(settings):
    settings("fps = 30\n[demo]\npace = 2.5")
    assert "[default: 30]" in cli_result("--help").stdout
    assert "[default: 2.5]" in cli_result("demo", "--help").stdout


def test_a_data_set_in_the_file_gives_way_to_a_lesson_written_for_another(settings, monkeypatch):
    """Only data options given on the command line are refused beside such a lesson."""
    settings('dataset = "diabetes"')
    served = []
    monkeypatch.setattr(l1l2_tui.web.serve, "serve", lambda options, **_: served.append(options))
    result = cli_result("serve", "demo", "--port", "0", "--lesson", "digits")
    assert result.exit_code == 0, result.stderr
    assert served[0].run.problem.dataset == "digits"


# The file's bytes, the command, and the words of the one line after "error: FILE: "
MISTAKES: dict[str, tuple[str | bytes, list[str], str]] = {
    "invalid TOML": ("fps = \n", ["run"], "invalid TOML: "),
    "an unknown key": ("fpss = 30", ["run"], "fpss: no such option; did you mean fps?"),
    "an unknown command's table": ("[runn]\nsteps = 1", ["run"], "[runn]: no command of that"),
    "an option of another command in a table": ("[run]\nfps = 3", ["run"], "[run] fps: no such"),
    "a value of the wrong type": ('fps = "fast"', ["run"], "fps: 'fast' is not a valid"),
    "a value out of range": ("fps = 600", ["path"], "fps: 600 is not in the range 1<=x<=60"),
    "a value in a table out of range": ("[demo]\npace = 9", ["demo"], "[demo] pace: 9"),
    "a choice that is not one": ('dataset = "mnist"', ["run"], "dataset: 'mnist' is not one"),
    "nan where a number is needed": ("lam = nan", ["run"], "lam: nan is not a number"),
    "a table for an option": ("[dataset]\nname = 1", ["run"], "[dataset]: no command"),
    "a value for a command": ("run = 3", ["run"], "run: a table of run's options, as [run]"),
    "an action, not a setting": ("version = true", ["run"], "version: no such option"),
    "an escape sequence in a key": ('"a\\u001b[2Jb" = 1', ["run"], "a\\x1b[2Jb: no such option"),
    "not UTF-8": (b'dataset = "caf\xe9"', ["run"], "not UTF-8 text"),
}


@pytest.mark.parametrize("case", MISTAKES)
def test_a_mistake_in_the_file_is_one_line_naming_it(settings, case):
    text, command, words = MISTAKES[case]
    path = settings(text)
    exit_code, stdout, stderr = invoke(*command)
    assert_well_behaved(exit_code, stdout, stderr, 2)
    assert stderr.startswith(f"error: {path}: {words}"), stderr


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda path: None, "no such file (named by L1L2_TUI_SETTINGS)"),
        (lambda path: path.mkdir(), "is a folder"),
    ],
)
def test_a_named_file_that_cannot_be_read_is_one_line(tmp_path, monkeypatch, make, words):
    path = tmp_path / "settings.toml"
    make(path)
    monkeypatch.setenv("L1L2_TUI_SETTINGS", str(path))
    exit_code, stdout, stderr = invoke("run")
    assert_well_behaved(exit_code, stdout, stderr, 2)
    assert stderr.startswith(f"error: {path}: ") and words in stderr
