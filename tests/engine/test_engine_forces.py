"""``Session.forces``: the data's gradient, the penalty's pull, and which weights the L1 part
holds at exactly 0 (at the optimum: the lasso's optimality condition)."""

import numpy as np
import pytest
from engine_specs import SPECS

from l1l2_tui.engine import (
    L1,
    LeastSquares,
    Session,
    Settings,
    build_problem,
    lam_max,
    make_penalty,
    minimize,
)


def session_for(name: str, settings: Settings, steps: int) -> Session:
    session = Session(build_problem(SPECS[name]), settings)
    session.step(steps)
    return session


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize("optimizer", ["proximal", "fista", "subgradient"])
def test_data_grad_is_the_gradient_of_the_data_loss(name, optimizer):
    probe = session_for(name, Settings("l2", 0.0, optimizer=optimizer), 0)
    lam = 0.2 * lam_max(probe.loss, L1())
    session = session_for(name, Settings("elasticnet", lam, 0.5, optimizer), 30)
    w = session.weights
    loss = LeastSquares(session.problem.X, session.problem.y)
    h = 1e-5 * max(1.0, np.abs(w).max())
    numeric = np.empty_like(w)
    for j in range(len(w)):
        e = np.zeros_like(w)
        e[j] = h
        numeric[j] = (loss.value(w + e) - loss.value(w - e)) / (2 * h)
    forces = session.forces()
    scale = np.abs(numeric).max()
    np.testing.assert_allclose(forces.data_grad, numeric, rtol=1e-6, atol=1e-7 * scale)
    forces.data_grad[0] += 1.0
    assert session.forces().data_grad[0] != forces.data_grad[0], "a copy, not the state"


@pytest.mark.parametrize(
    ("kind", "l1_ratio", "expected"),
    [
        ("l1", 0.5, lambda w, lam: np.full_like(w, lam)),
        ("l2", 0.5, lambda w, lam: 2 * lam * np.abs(w)),
        ("elasticnet", 0.3, lambda w, lam: 0.3 * lam + 2 * 0.7 * lam * np.abs(w)),
        ("none", 0.5, lambda w, lam: np.zeros_like(w)),
    ],
)
def test_penalty_pull_is_the_definition(kind, l1_ratio, expected):
    session = session_for("synthetic", Settings(kind, 0.4, l1_ratio, "fista"), 15)
    w = session.weights
    np.testing.assert_allclose(session.forces().penalty_pull, expected(w, 0.4), rtol=1e-15)
    session.update(penalty="l2", lam=0.1)
    np.testing.assert_allclose(session.forces().penalty_pull, 0.2 * np.abs(w), rtol=1e-15)


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.7])
def test_held_at_zero_at_the_l1_optimum_is_the_optimality_condition(name, fraction):
    problem = build_problem(SPECS[name])
    loss = LeastSquares(problem.X, problem.y)
    lam = fraction * lam_max(loss, L1())
    session = Session(problem, Settings("l1", lam, optimizer="fista"))
    assert session.run(200_000, tol=1e-10), "did not converge"
    w, forces = session.weights, session.forces()
    grad = loss.grad(w)
    zero = w == 0.0
    assert 0 < zero.sum() < len(w), "vacuous"
    np.testing.assert_array_equal(forces.held_at_zero, zero & (np.abs(grad) <= lam))
    # Converged: every zero weight is held, and the support and signs are the exact minimizer's.
    np.testing.assert_array_equal(forces.held_at_zero, zero)
    np.testing.assert_array_equal(np.sign(w), np.sign(minimize(loss, make_penalty("l1", lam))))
    # On the support the data pull balances the penalty exactly.
    np.testing.assert_allclose(grad[~zero], -lam * np.sign(w[~zero]), rtol=1e-6)


def test_held_at_zero_mid_run_needs_the_weight_on_zero():
    session = session_for("synthetic", Settings("l1", 0.05, optimizer="proximal"), 3)
    w, forces = session.weights, session.forces()
    grad = session.loss.grad(w)
    np.testing.assert_array_equal(forces.held_at_zero, (w == 0.0) & (np.abs(grad) <= 0.05))
    subgradient = session_for("synthetic", Settings("l1", 0.05, optimizer="subgradient"), 50)
    assert not subgradient.forces().held_at_zero[subgradient.weights != 0.0].any()
