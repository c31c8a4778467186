"""The garbage collector is held off while the command starts and let go once it runs."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest
import typer
from apps import paused_app
from typer.testing import CliRunner

from l1l2_tui.cli import app as cli
from l1l2_tui.startup import hold_collector, release_collector


@pytest.fixture
def held() -> Iterator[None]:
    hold_collector()
    try:
        yield
    finally:
        # Give this test process its collector back whole, whatever the test did.
        gc.enable()
        gc.unfreeze()


def test_release_freezes_what_start_up_built_and_switches_the_collector_on(held):
    assert not gc.isenabled()
    release_collector()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_release_leaves_a_running_collector_alone():
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    release_collector()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


async def test_the_app_lets_the_collector_go_once_its_first_frame_is_drawn(held):
    app = paused_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()


def test_a_subcommand_runs_with_the_collector_on(held, monkeypatch):
    seen = []

    def start_session(run):
        seen.append(gc.isenabled())
        raise typer.Exit(0)

    monkeypatch.setattr("l1l2_tui.cli.script_commands.start_session", start_session)
    result = CliRunner().invoke(cli, ["run", "--steps", "1"])
    assert result.exit_code == 0
    assert seen == [True]


def test_the_command_keeps_its_exit_codes():
    run = [sys.executable, "-m", "l1l2_tui", "run"]
    ok = subprocess.run([*run, "--steps", "3"], capture_output=True, text=True, timeout=60)
    bad = subprocess.run([*run, "--lr", "-1"], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert '"step": 3' in ok.stdout
    assert bad.returncode == 2
    assert "--lr" in bad.stderr
