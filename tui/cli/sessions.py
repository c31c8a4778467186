"""The problem and the session every command starts from, their failures told in one line."""

from __future__ import annotations

from l1l2_tui.cli.errors import fail, interrupts_reported
from l1l2_tui.cli.progress import StderrProgress
from l1l2_tui.config import RunConfig
from l1l2_tui.engine import DataError, Problem, ProblemSpec, Session, build_problem


def load_problem(spec: ProblemSpec) -> Problem:
    """Build the problem, with progress on a terminal for a slow load; bad data fails."""
    label = f"reading {spec.data}" if spec.data else "building the problem"
    try:
        with interrupts_reported(), StderrProgress(label) as progress:
            return build_problem(spec, progress)
    except DataError as exc:
        raise fail(str(exc)) from None


def start_session(config: RunConfig) -> Session:
    problem = load_problem(config.problem)
    try:
        with interrupts_reported():
            return Session(problem, config.settings)
    except ValueError as exc:
        raise fail(str(exc)) from None
