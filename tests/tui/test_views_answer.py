"""Every view answers ?, escape and q while the run plays and its work goes on (the path
being solved, the geometry's pairs being found), on each kind of data set that once kept a
view from quitting; q while a long path is being solved ends the app at once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pty_app import ESCAPE, app_in_pty

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a pty")

HELP_TEXT = b"why L1 gives exact zeros"
MAIN_TEXT = b"Weights now"
"""The main screen's title of its weight panel, drawn again whole when a view closes."""
ANSWER_TIMEOUT = 15.0
QUIT_TIMEOUT = 30.0
ODD_NAMES = ["a b", "ünïcödé", '"quoted"', "#hash", "very_long_name_" * 8, "1", "-", "target"]
CSV_FILES = {
    "odd-names.csv": ",".join(ODD_NAMES)
    + "\n"
    + "".join(",".join(str((i * (j + 1)) % (j + 5)) for j in range(8)) + "\n" for i in range(40)),
    "two-rows.csv": "a,b,c,y\n1,2,3,4\n2,1,0,1\n",
    "image-1x2.csv": "p0,p1,label\n" + "".join(f"{i % 5},{i % 3},{i % 2}\n" for i in range(40)),
}
DATA_SETS = {
    "odd-names": ["--data", "odd-names.csv"],
    "two-rows": ["--data", "two-rows.csv"],
    "image-1x2": ["--data", "image-1x2.csv", "--loss", "logistic", "--image-shape", "1x2"],
    "digits-least-squares": ["--dataset", "digits", "--loss", "squared"],
    "diabetes-no-penalty": ["--dataset", "diabetes", "--penalty", "none"],
}


@pytest.mark.parametrize("data_set", DATA_SETS)
def test_every_view_answers_help_escape_and_quit(data_set: str, tmp_path: Path) -> None:
    for name, text in CSV_FILES.items():
        (tmp_path / name).write_text(text)
    with app_in_pty(("-m", "l1l2_tui", *DATA_SETS[data_set]), cwd=tmp_path) as child:
        child.wait_until_drawn()
        for view in b"gwpcz":
            child.send(bytes([view]))
            child.read_for(0.3)
            child.output.clear()
            child.send(b"?")
            assert child.wait_for(HELP_TEXT, ANSWER_TIMEOUT), f"{chr(view)}: {child.tail()}"
            child.send(ESCAPE)  # the help
            child.read_for(0.3)
            child.output.clear()
            child.send(ESCAPE)  # the view
            assert child.wait_for(MAIN_TEXT, ANSWER_TIMEOUT), f"{chr(view)}: {child.tail()}"
        child.send(b"pq")  # quit from a view that is computing
        child.wait_for_exit(timeout=QUIT_TIMEOUT)
        assert child.process.returncode == 0
        assert b"Traceback" not in child.output


def test_q_while_a_long_path_is_being_solved_ends_the_app() -> None:
    # Some two minutes of solving on the development machine.
    args = ("-m", "l1l2_tui", "--samples", "5000", "--features", "1000")
    with app_in_pty(args) as child:
        child.wait_until_drawn()
        child.send(b"p")
        assert child.wait_for(b"Path:", ANSWER_TIMEOUT)
        child.read_for(1.0)
        child.send(b"q")
        child.wait_for_exit(timeout=QUIT_TIMEOUT)
        assert child.process.returncode == 0
