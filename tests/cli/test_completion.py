"""Shell completion: the shell asks the command itself, which answers with the subcommands, the
options and the choices of the words typed so far (subcommands built on demand)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from l1l2_tui.cli.commands import RootGroup

COMMAND = [sys.executable, "-m", "l1l2_tui"]

# The words typed (the last one being completed), and what bash is offered
CASES = {
    "subcommands": ("l1l2-tui ", list(RootGroup.SUBCOMMANDS)),
    "a subcommand by its start": ("l1l2-tui scr", ["screenshot"]),
    "options by their start": ("l1l2-tui --data", ["--dataset", "--data"]),
    "a choice": ("l1l2-tui --dataset ", ["synthetic", "diabetes", "toy2d", "digits"]),
    "a subcommand's option": ("l1l2-tui demo --lesson-f", ["--lesson-folder"]),
    "a subcommand's choice": (
        "l1l2-tui run --optimizer sgd-",
        ["sgd-clip", "sgd-prox", "sgd-cumulative"],
    ),
    "after options given before the subcommand": (
        "l1l2-tui --dataset diabetes path --for",
        ["--format"],
    ),
    "screenshot's pictures": (
        "l1l2-tui screenshot --view main",
        ["main", "main-80x24"],
    ),
}


def offered(words: str) -> list[str]:
    # As the script of `l1l2-tui --show-completion bash` asks.
    env = {
        **os.environ,
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "_L1L2_TUI_COMPLETE": "complete_bash",
    }
    done = subprocess.run(COMMAND, env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout.split()


@pytest.mark.parametrize("case", CASES)
def test_bash_is_offered_what_fits(case):
    words, expected = CASES[case]
    assert offered(words) == expected


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_script_for_each_shell_names_the_command(shell):
    # What --show-completion prints for the shell it detects from the process tree; asked by
    # name, as the script itself does, so that the answer does not depend on who runs the test.
    env = {**os.environ, "_L1L2_TUI_COMPLETE": f"source_{shell}"}
    done = subprocess.run(COMMAND, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "_L1L2_TUI_COMPLETE" in done.stdout
