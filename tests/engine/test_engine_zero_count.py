"""Zero counts say how many zeros are constant features (the digits' blank pixels), which the
data never pulls and which no penalty can take credit for."""

from __future__ import annotations

import numpy as np
import pytest

from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem
from l1l2_tui.engine.claims.compare import side_by_side
from l1l2_tui.engine.claims.main import HeldAtZero, NoneZero, run_claims, zero_count
from l1l2_tui.engine.problems import Problem

DIGITS = build_problem(ProblemSpec(dataset="digits"))


def test_the_digits_have_three_blank_pixels_and_they_stay_zero_under_every_penalty():
    blank = DIGITS.constant_features
    assert int(blank.sum()) == 3
    for penalty in ("none", "l2", "l1", "elasticnet"):
        session = Session(DIGITS, Settings(penalty=penalty))
        session.step(50)
        assert np.all(session.weights[blank] == 0.0), penalty
        count = zero_count(session)
        assert count.constant == 3 and count.image
        assert count.zeros == int(np.count_nonzero(session.weights == 0.0))


def test_l2_on_digits_zeros_only_the_blank_pixels_and_the_claim_says_so():
    session = Session(DIGITS, Settings(penalty="l2"))
    session.step(100)
    claim = next(c for c in run_claims(session) if isinstance(c, NoneZero))
    assert (claim.zeros, claim.total, claim.constant, claim.image) == (3, 64, 3, True)


def test_l1_held_weights_count_the_blank_pixels_among_them():
    session = Session(DIGITS, Settings(penalty="l1"))
    session.step(300)
    claim = next(c for c in run_claims(session) if isinstance(c, HeldAtZero))
    blank = set(np.flatnonzero(DIGITS.constant_features).tolist())
    assert blank <= set(claim.features)
    assert claim.constant == 3 and len(claim.features) > 40


def test_side_by_side_counts_each_sides_blank_pixels():
    left, right = Session(DIGITS, Settings("l1")), Session(DIGITS, Settings("l2"))
    for side in (left, right):
        side.step(40)
    claim = side_by_side(left, right)
    assert claim.constant == (3, 3) and claim.image


@pytest.mark.parametrize("image_shape", [None, (1, 3)])
def test_a_constant_feature_is_counted_whether_or_not_the_features_are_pixels(image_shape):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((30, 3))
    X[:, 1] = 0.0
    y = X @ np.array([1.0, 0.0, -2.0])
    problem = Problem(X, y, ("a", "b", "c"), "t", True, image_shape=image_shape)
    session = Session(problem, Settings(penalty="l2", lam=0.1))
    session.step(20)
    count = zero_count(session)
    assert (count.zeros, count.constant, count.image) == (1, 1, image_shape is not None)


def test_without_constant_features_nothing_is_counted_as_constant():
    session = Session(build_problem(ProblemSpec()), Settings(penalty="l1", lam=0.3))
    session.step(100)
    count = zero_count(session)
    assert count.zeros > 0 and count.constant == 0 and not count.image
