"""What the app says about Adam and coordinate descent: the status line and the captions, each
tested against the engine's numbers."""

from __future__ import annotations

import re

import numpy as np
import pytest

from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem
from l1l2_tui.engine.claims.compare import side_by_side
from l1l2_tui.engine.compare import Comparison
from l1l2_tui.views.compare.words import narrate_compare
from l1l2_tui.views.main.words import narrate_main
from l1l2_tui.widgets.status_line import status_text

FULL_BATCH = {"batch": 10**6, "schedule": "constant"}


@pytest.fixture(scope="module")
def diabetes():
    return build_problem(ProblemSpec(dataset="diabetes"))


def test_the_status_line_gives_cds_sweeps_and_adams_lr_as_a_length(diabetes):
    cd = Session(diabetes, Settings(optimizer="cd"))
    cd.step(25)
    line = status_text(cd, False, 1).plain
    assert "step 25  sweep 2" in line and "(1/L)" in line
    adam = Session(diabetes, Settings(optimizer="adam"))
    line = status_text(adam, False, 1).plain
    assert f"lr {adam.lr:.3g}  adam" in line and "/L" not in line


def test_the_main_caption_says_where_each_adam_rests(diabetes):
    exact = Session(diabetes, Settings(optimizer="cd"))
    exact.run(10_000, tol=1e-12)
    words = {}
    for name in ("adam", "adam-decoupled", "adam-prox"):
        session = Session(diabetes, Settings(optimizer=name, **FULL_BATCH))
        session.step(5000)
        words[name] = narrate_main(session)
        if name == "adam-decoupled":
            gap = np.abs(session.weights - exact.weights).max()
            assert f"off it by {gap:.3g}" in words[name]
            assert (
                f"{session.zeros}/10 weights at exactly 0 where the minimizer has 6" in words[name]
            )
    band = float(re.search(r"within ±([0-9.e-]+)", words["adam"]).group(1))
    assert words["adam"].startswith("adam: ") and "never onto 0.0" in words["adam"]
    assert 0 < band < 10 * Session(diabetes, Settings(optimizer="adam")).lr
    assert "6/10 weights at exactly 0, the minimizer's own zeros" in words["adam-prox"]


def test_the_compare_captions_of_the_new_pairs(diabetes):
    said = {}
    for differs in ("adam", "decoupled", "coordinate"):
        comparison = Comparison.differing(diabetes, Settings(**FULL_BATCH), differs)
        comparison.step(4000)
        left, right = comparison.sessions
        labels = (left.settings.optimizer, right.settings.optimizer)
        said[differs] = narrate_compare(side_by_side(left, right, *labels))
        zeros = f"{labels[0]} has {left.zeros}/10 weights at exactly 0, {labels[1]} has"
        assert zeros in said[differs]
    assert left.zeros == right.zeros == 6
    assert "adam has 0/10" in said["adam"] and "jumps across 0" in said["adam"]
    assert "off the minimizer by 23.8, adam-prox within" in said["decoupled"]
    assert "(400 sweeps over the 10 so far)" in said["coordinate"]
    noisy = Comparison.differing(diabetes, Settings(batch=32), "decoupled")
    noisy.step(300)
    left, right = noisy.sessions
    text = narrate_compare(side_by_side(left, right, "adam-decoupled", "adam-prox"))
    assert "At rest" not in text  # minibatch noise: neither side rests
