"""The words of the claims: numbers that decide are told apart, and each caption fits the state."""

from __future__ import annotations

import numpy as np

from engine import LeastSquares, ProblemSpec, Session, Settings, build_problem, regularization_path
from engine.claims import PlaneOptimum, SliceMinimum, path_claims, side_by_side
from tui.narration import distinct, narrate_compare, narrate_geometry, narrate_path, narrate_zero

PROBLEM = build_problem(ProblemSpec())


def test_numbers_compared_in_a_caption_never_read_the_same():
    assert distinct(0.3249, 0.32) == ("0.325", "0.32")
    assert distinct(10.2001, 10.2, 3) == ("10.2001", "10.2")
    assert distinct(0.5, 0.25) == ("0.5", "0.25")


def test_a_diverged_side_is_said_and_nothing_else():
    left = Session(PROBLEM, Settings("l1", 0.3))
    right = Session(PROBLEM, Settings("l1", 0.3, optimizer="subgradient", lr=5.0))
    for side in (left, right):
        side.step(60)
    assert right.diverged is not None and left.diverged is None
    text = narrate_compare(side_by_side(left, right, "proximal", "subgradient"))
    assert text.startswith("Diverged: the subgradient side at step ")
    assert str(right.diverged.step) in text and "lands on 0" not in text


def test_held_counts_only_weights_the_next_step_keeps_at_zero():
    left, right = Session(PROBLEM, Settings("l1", 0.3)), Session(PROBLEM, Settings("l2", 0.3))
    for side in (left, right):
        side.step(1)
    claim = side_by_side(left, right)
    forces = left.forces()
    assert claim.held[0] == int((forces.held_at_zero & forces.stays_at_zero).sum())
    assert claim.held[0] <= claim.zeros[0]


def test_the_path_count_names_the_grid_point_it_is_read_at():
    path = regularization_path(LeastSquares(PROBLEM.X, PROBLEM.y), "l1", num=30)
    lam = float(np.sqrt(path.lams[5] * path.lams[6]))  # between two grid points
    session = Session(PROBLEM, Settings("l1", lam))
    claims = path_claims(path, lam)
    at = next(c for c in claims if type(c).__name__ == "NonzeroAt")
    assert at.grid_lam == float(path.lams[6]) and at.count == int(path.nonzero[6])
    assert f"(grid point nearest the run's {lam:.3g})" in narrate_path(session, path)


def test_the_shape_follows_the_l1_share_not_the_penalty_name():
    session = Session(PROBLEM, Settings("elasticnet", 0.3, 0.0))
    circle = narrate_geometry(session, PlaneOptimum((0, 1), "elasticnet", (False, False), 0.0))
    assert "circle" in circle and "no corners" in circle
    diamond = narrate_geometry(session, PlaneOptimum((0, 1), "elasticnet", (True, False), 1.0))
    assert "diamond" in diamond and "rounded" not in diamond


def test_logistic_captions_say_level_sets_and_no_minimum_when_there_is_none():
    session = Session(build_problem(ProblemSpec(dataset="digits")), Settings("l1"))
    claim = PlaneOptimum((20, 28), "l1", (True, False), 1.0, ellipses=False)
    text = narrate_geometry(session, claim, ellipses=False)
    assert "level set of the loss" in text and "ellipse" not in text
    unbounded = narrate_geometry(session, None, ellipses=False, bounded=False)
    assert "no minimum" in unbounded
    none = SliceMinimum(3, 1.0, np.inf, np.inf, 0.2, 0.0, False, quadratic=False)
    session.update(penalty="none")
    assert "no finite minimum" in narrate_zero(session, none, None)
    session.update(penalty="l2")
    l2 = SliceMinimum(3, 1.0, 0.4, 0.9, 0.2, 0.0, False, quadratic=False)
    text = narrate_zero(session, l2, None)
    assert "h·z" not in text and "pull at 0 is" in text
