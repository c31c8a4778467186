"""CI runs exactly the README's test command, so that what a contributor runs is what CI runs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readmes_test_command():
    readme = (ROOT / "README.md").read_text()
    commands = [
        line.strip()
        for line in readme.splitlines()
        if line.startswith("    python3 -m venv") and "pytest" in line
    ]
    assert len(commands) == 1, commands
    ci = (ROOT / ".ci" / "run").read_text().rstrip("\n").splitlines()
    assert ci[-1] == commands[0]
