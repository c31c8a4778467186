"""A plain ``l1l2-tui`` opens under L2 and flips to L1 (the opening); a penalty given on the
command line is what the run starts with, and ``--pause-when-converged`` reaches the app."""

from __future__ import annotations

import pytest
from hostile import invoke

from l1l2_tui.config import AppConfig


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[AppConfig]:
    import l1l2_tui.app

    configs: list[AppConfig] = []

    class Recorder:
        def __init__(self, config: AppConfig, session: object) -> None:
            configs.append(config)

        def run(self) -> None:
            pass

    monkeypatch.setattr(l1l2_tui.app, "make_app", Recorder)
    monkeypatch.setattr("l1l2_tui.cli.commands.require_terminal", lambda: None)
    return configs


def test_a_plain_launch_opens_under_l2_to_flip_to_l1(started: list[AppConfig]) -> None:
    assert invoke()[0] == 0
    (config,) = started
    assert config.opening and config.run.settings.penalty == "l2"
    assert not config.pause_when_converged


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_a_penalty_given_is_the_run_s_and_no_opening(
    started: list[AppConfig], penalty: str
) -> None:
    assert invoke("--penalty", penalty, "--pause-when-converged")[0] == 0
    (config,) = started
    assert not config.opening and config.run.settings.penalty == penalty
    assert config.pause_when_converged
