"""The words of the claims: numbers that decide are told apart, and each caption fits the state."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from l1l2_tui.engine import (
    L1,
    ElasticNet,
    LeastSquares,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    regularization_path,
)
from l1l2_tui.engine.claims.compare import side_by_side
from l1l2_tui.engine.claims.geometry import PlaneOptimum, plane_optimum_claim
from l1l2_tui.engine.claims.main import run_claims, zero_count
from l1l2_tui.engine.claims.path import path_claims
from l1l2_tui.engine.claims.zero import SliceMinimum
from l1l2_tui.views.compare.words import narrate_compare
from l1l2_tui.views.geometry.words import narrate_geometry
from l1l2_tui.views.main.words import say
from l1l2_tui.views.path.words import narrate_path
from l1l2_tui.views.zero.words import narrate_zero
from l1l2_tui.words import constant_words, distinct, zeros_short, zeros_text

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


@pytest.mark.parametrize(
    ("settings", "words", "not_words"),
    [
        (Settings("l1", 0.3, lr=100.0), "The step size is too large", "lam_max"),
        (
            Settings("l1", 1000.0, optimizer="subgradient"),
            "lam is past lam_max 2.15: every weight belongs at 0",
            "step size",
        ),
    ],
)
def test_a_divergence_is_put_down_to_what_caused_it(settings, words, not_words):
    session = Session(PROBLEM, settings)
    session.step(100)
    [claim] = run_claims(session)
    text = say(claim, session)
    assert words in text and not_words not in text


def test_held_counts_only_weights_the_next_step_keeps_at_zero():
    left, right = Session(PROBLEM, Settings("l1", 0.3)), Session(PROBLEM, Settings("l2", 0.3))
    for side in (left, right):
        side.step(1)
    claim = side_by_side(left, right)
    forces = left.forces()
    assert claim.held[0] == int((forces.held_at_zero & forces.stays_at_zero).sum())
    assert claim.held[0] <= claim.zeros[0]


def test_the_path_count_names_the_grid_point_it_is_read_at():
    path = regularization_path(LeastSquares(PROBLEM.X, PROBLEM.y), L1(), num=30)
    lam = float(np.sqrt(path.lams[5] * path.lams[6]))  # between two grid points
    session = Session(PROBLEM, Settings("l1", lam))
    claims = path_claims(path, lam)
    at = next(c for c in claims if type(c).__name__ == "NonzeroAt")
    assert at.grid_lam == float(path.lams[6]) and at.count == int(path.nonzero[6])
    where = f"(grid point at or below the run's {lam:.3g})"
    assert where in narrate_path(session, path)


def test_the_shape_follows_the_l1_share_not_the_penalty_name():
    session = Session(PROBLEM, Settings("elasticnet", 0.3, 0.0))
    optimum = np.array([0.5, -0.2])
    circle = narrate_geometry(session, plane_optimum_claim(ElasticNet(0.3, 0.0), (0, 1), optimum))
    assert "circle" in circle and "no corners" in circle
    on_axis = np.array([0.5, 0.0])
    diamond = narrate_geometry(session, plane_optimum_claim(ElasticNet(0.3, 1.0), (0, 1), on_axis))
    assert "diamond" in diamond and "rounded" not in diamond and "no corners" not in diamond


# -- zero counts with blank pixels -------------------------------------------------------------
DIGITS = build_problem(ProblemSpec(dataset="digits"))


def fits_two_lines_at_80_columns(text: str) -> bool:
    # The caption line: 80 columns less its padding, two lines, wrapped at words.
    return len(textwrap.wrap(text, 78)) <= 2


@pytest.mark.parametrize(
    ("penalty", "words"), [("l2", "all 3 blank pixels"), ("l1", "3 of them blank pixels")]
)
def test_a_caption_that_counts_zeros_says_how_many_are_blank_pixels(penalty, words):
    session = Session(DIGITS, Settings(penalty))
    for steps in (1, 4, 15, 40, 240):
        session.step(steps)
        texts = [say(claim, session) for claim in run_claims(session)]
        counting = [text for text in texts if "/64 weights" in text]
        assert counting, texts
        for text in counting:
            assert words in text, text
        for text in texts:
            assert fits_two_lines_at_80_columns(text), text


def test_without_an_image_constant_features_are_not_called_pixels():
    assert constant_words(2, 5, image=False) == ", 2 of them constant features"
    assert constant_words(1, 1, image=False) == ", a constant feature"
    assert constant_words(3, 3, image=True) == ", all 3 blank pixels"
    assert constant_words(0, 4, image=True) == ""
    session = Session(PROBLEM, Settings("l2", 0.3))
    session.step(50)
    assert all("blank" not in say(claim, session) for claim in run_claims(session))


def test_the_compare_caption_says_the_blank_pixels_are_on_both_sides_and_not_the_pulls_doing():
    left, right = Session(DIGITS, Settings("l1")), Session(DIGITS, Settings("l2"))
    for side in (left, right):
        side.step(300)
    claim = side_by_side(left, right)
    text = narrate_compare(claim)
    assert "(3 blank pixels on each side)" in text
    assert f"holds the other {claim.held[0] - 3} there" in text
    assert fits_two_lines_at_80_columns(text), text


def test_the_short_count_names_the_blank_pixels():
    session = Session(DIGITS, Settings("l2"))
    session.step(10)
    assert zeros_short(zero_count(session)) == "zeros 3/64 (3 blank)"
    assert zeros_text(zero_count(session)) == "zeros 3/64, all 3 blank pixels"


def test_logistic_captions_say_level_sets_and_no_minimum_when_there_is_none():
    session = Session(build_problem(ProblemSpec(dataset="digits")), Settings("l1"))
    claim = PlaneOptimum((20, 28), (True, False), "diamond", ellipses=False)
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


def test_a_batch_of_every_row_is_not_called_noise():
    from l1l2_tui.engine.claims.main import run_claims

    digits = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    for batch, noisy in ((32, True), (digits.n_samples, False)):
        texts = []
        for optimizer in ("sgd", "sgd-prox", "sgd-cumulative"):
            session = Session(digits, Settings("l1", 0.0557, optimizer=optimizer, batch=batch))
            assert session.minibatch_noise == noisy
            for _ in range(6):
                session.step(25)
                texts += [say(claim, session) for claim in run_claims(session)]
        spoken = " ".join(texts)
        blames_noise = any(words in spoken for words in ("noise knocks", "noisy", "noise's"))
        assert blames_noise == noisy, spoken[:400]
        assert ("no noise" in spoken) != noisy


def test_no_penalty_names_the_model():
    digits = build_problem(ProblemSpec(dataset="digits"))
    for problem, model in ((digits, "logistic regression"), (PROBLEM, "least squares")):
        session = Session(problem, Settings("none"))
        session.step(5)
        texts = [say(claim, session) for claim in run_claims(session)]
        assert f"No penalty: plain {model}, nothing pulls the weights towards 0." in texts


@pytest.mark.parametrize("optimizer", ["sgd", "sgd-clip", "sgd-prox", "sgd-cumulative"])
def test_the_minibatch_captions_fit_two_lines_at_80_columns(optimizer):
    digits = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    session = Session(digits, Settings("l1", 0.0557, optimizer=optimizer))
    for _ in range(8):
        session.step(40)
        for claim in run_claims(session):
            text = say(claim, session)
            assert fits_two_lines_at_80_columns(text), text


def test_compare_playground_names_its_frozen_weights_and_those_against_their_pull():
    """playground against sgd-cumulative on digits ge5: as sparse, but frozen early; the count
    of frozen weights and of those whose pull at 0 is above lam are the runs' own."""
    from l1l2_tui.engine.compare import Comparison

    digits = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    comparison = Comparison.differing(digits, Settings("l1", 0.0557), "playground")
    comparison.step(120)
    left, right = comparison.sessions
    claim = side_by_side(left, right, "playground", "sgd-cumulative")
    frozen = np.flatnonzero(left.frozen_weights())
    pulls = np.abs(left.forces().pull_at_zero[frozen])
    against = int(np.count_nonzero(pulls > left.penalty.capacity_at_zero()))
    assert against > 0, "vacuous: nothing frozen against its pull"
    text = narrate_compare(claim)
    assert f"{left.zeros}/64 at exactly 0, {len(frozen)} frozen ({against} with pulls" in text
    assert f"sgd-cumulative {right.zeros}/64" in text
    assert fits_two_lines_at_80_columns(text), text
