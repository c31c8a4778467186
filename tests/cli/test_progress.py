"""Progress on stderr: only on a terminal, only for work over a second, erased at the end."""

from __future__ import annotations

import io

import pytest

import l1l2_tui.cli.progress
from l1l2_tui.cli.progress import StderrProgress
from l1l2_tui.engine import ProblemSpec, build_problem


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def no_delay(monkeypatch):
    monkeypatch.setattr(l1l2_tui.cli.progress, "DELAY_SECONDS", 0.0)
    monkeypatch.setattr(l1l2_tui.cli.progress, "UPDATE_SECONDS", 0.0)


def test_nothing_is_shown_when_stderr_is_not_a_terminal(no_delay):
    stream = io.StringIO()
    with StderrProgress("reading", stream) as progress:
        progress(0.5)
    assert stream.getvalue() == ""


def test_nothing_is_shown_for_work_that_ends_within_the_delay():
    stream = Terminal()
    with StderrProgress("reading", stream) as progress:
        progress(0.5)
    assert stream.getvalue() == ""


def test_slow_work_shows_its_share_in_place_and_erases_it(no_delay):
    stream = Terminal()
    with StderrProgress("reading a\x1b[2J.csv", stream) as progress:
        progress(0.25)
        progress(0.5)
        shown = stream.getvalue()
    assert shown == "\rreading a\\x1b[2J.csv: 25%\rreading a\\x1b[2J.csv: 50%"
    assert stream.getvalue().endswith("\r" + " " * len("reading a\\x1b[2J.csv: 50%") + "\r")
    assert "\n" not in stream.getvalue()


def test_reading_a_csv_reports_its_progress_up_to_the_end(tmp_path):
    data = tmp_path / "data.csv"
    rows = "".join(f"{i},{i % 7},{i % 3}\n" for i in range(200_000))
    data.write_text("a,b,y\n" + rows)
    shares: list[float] = []
    build_problem(ProblemSpec(data=data), shares.append)
    assert len(shares) > 3
    assert shares == sorted(shares)
    assert shares[-1] == 1.0
