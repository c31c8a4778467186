"""Claims about later steps: "stays for good" is made only when it is proven, and the steps
that follow bear it out, on data sets, settings and steps the README does not show."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem
from l1l2_tui.engine.claims.main import (
    HeldAtZero,
    ReachedZero,
    optimum,
    run_claims,
    settled_at_zero,
)
from l1l2_tui.engine.problems import Problem
from l1l2_tui.views.main.words import narrate_main
from tests.engine.test_engine_claims import check_run_claim, check_settled, check_weight_states


def test_a_weight_at_zero_early_is_not_said_to_stay_and_it_does_leave():
    """The run of ``--features 30 --informative 3``: x3 reaches 0 at step 5 while its pull at 0
    climbs towards lam, and leaves at step 12; nothing said it would stay."""
    problem = build_problem(ProblemSpec(features=30, informative=3))
    session = Session(problem, Settings("l1"))
    session.step(5)
    claim = run_claims(session)[0]
    assert isinstance(claim, ReachedZero) and claim.feature == 2 and claim.settled is None
    assert "stays" not in narrate_main(session) and "for now" in narrate_main(session)
    session.step(10)
    assert session.weights[2] != 0.0, "vacuous: x3 did not leave 0"
    w_star, _ = optimum(session)
    assert w_star[2] != 0.0


@pytest.mark.parametrize(
    "spec",
    [ProblemSpec(), ProblemSpec(features=30, informative=3), ProblemSpec(dataset="diabetes")],
)
def test_near_the_optimum_the_zeros_are_proven_to_stay_and_they_do(spec):
    session = Session(build_problem(spec), Settings("l1"))
    session.step(300)
    claim = next(c for c in run_claims(session) if isinstance(c, HeldAtZero))
    assert claim.settled is not None, "vacuous: nothing proven near the optimum"
    check_settled(claim.settled, session, claim.features)
    assert " for good: " in narrate_main(session)


def test_no_proof_for_fista_or_a_stochastic_step_or_a_step_past_2_over_l():
    problem = build_problem(ProblemSpec())
    for changes in ({"optimizer": "fista"}, {"optimizer": "sgd-prox"}):
        session = Session(problem, Settings("l1", **changes))
        session.step(400)
        assert session.zeros > 0 and settled_at_zero(session) is None
    session = Session(problem, Settings("l1"))
    session.update(lr=2.05 * session.lr)
    session.step(50)
    assert settled_at_zero(session) is None


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    """A synthetic data set of a random shape; for the logistic loss, its target split at the
    median into two classes."""
    features = draw(st.integers(2, 25))
    spec = ProblemSpec(
        samples=draw(st.integers(15, 120)),
        features=features,
        informative=draw(st.integers(1, features)),
        noise=draw(st.floats(0.0, 3.0)),
        correlation=draw(st.floats(0.0, 0.95)),
        seed=draw(st.integers(0, 10_000)),
    )
    problem = build_problem(spec)
    if not draw(st.booleans()):
        return problem
    labels = (problem.y > np.median(problem.y)).astype(float)
    return Problem(problem.X, labels, problem.feature_names, "split", True, loss="logistic")


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(
    problem=problems(),
    penalty=st.sampled_from(["l1", "l1", "elasticnet", "l2", "none"]),
    lam_share=st.floats(0.02, 1.2),
    l1_ratio=st.floats(0.05, 1.0),
    optimizer=st.sampled_from(
        ["proximal", "proximal", "fista", "subgradient", "sgd-prox", "sgd-clip", "playground"]
    ),
    lr=st.floats(0.2, 1.99),
    steps=st.lists(st.integers(1, 150), min_size=1, max_size=4),
)
def test_every_claim_on_new_data_holds_now_and_at_the_steps_it_speaks_of(
    problem, penalty, lam_share, l1_ratio, optimizer, lr, steps
):
    top = float(np.abs(Session(problem).loss.grad_at_origin()).max())
    session = Session(problem, Settings(penalty, max(lam_share * top, 1e-3), l1_ratio, optimizer))
    session.update(lr=lr * session.lr / session.lr_relative)
    for k in steps:
        session.step(k)
        for claim in run_claims(session):
            check_run_claim(claim, session)
        check_weight_states(session)
