"""The prior view's maths, benchmarked by hand: ``python tests/perf/bench_posterior.py``
(pytest skips perf/).

Times Park and Casella's Gibbs sampler (:func:`l1l2_tui.engine.posterior.bayesian_lasso`),
5,000 draws after 1,000 of burn-in, on diabetes (10 features: the d x d solve) and on a wide
synthetic problem (20 samples, 60 features: Bhattacharya et al.'s n x n solve), and one weight's
posterior by quadrature (:func:`weight_posterior`) along a diabetes weight and along a digits
pixel (the logistic loss over 1797 rows), at a few grid sizes, with the largest change in the
median and mean against the finest grid; and what the prior view computes a frame.

``--blas-threads N`` caps OpenBLAS's threads (see ``timing.py``).
"""

from __future__ import annotations

import numpy as np
from timing import best_of, blas_threads_from_argv

from l1l2_tui.engine import (
    LeastSquares,
    Logistic,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    make_penalty,
    minimize,
)
from l1l2_tui.engine.claims.prior import weight_belief
from l1l2_tui.engine.claims.zero import instructive_weight
from l1l2_tui.engine.digits import digits_binary
from l1l2_tui.engine.logistic_solver import minimize_logistic
from l1l2_tui.engine.posterior import (
    bayesian_lasso,
    noise_variance_estimate,
    weight_posterior,
)


def gibbs() -> None:
    diabetes = build_problem(ProblemSpec(dataset="diabetes"))
    sigma2 = noise_variance_estimate(diabetes.X, diabetes.y)
    took, fit = best_of(
        lambda: bayesian_lasso(diabetes.X, diabetes.y, make_penalty("l1", 6.774), sigma2)
    )
    lasso = minimize(LeastSquares(diabetes.X, diabetes.y), make_penalty("l1", 6.774))
    print(
        f"diabetes, lam 6.774, sigma^2 {sigma2:.0f}: 5,000 Gibbs draws (+1,000 burn-in) "
        f"{took:5.2f} s; lasso zeros {int((lasso == 0).sum())}/10, "
        f"posterior-mean zeros {int((fit.mean == 0).sum())}/10"
    )
    wide = build_problem(ProblemSpec(samples=20, features=60, seed=1))
    took, _ = best_of(lambda: bayesian_lasso(wide.X, wide.y, make_penalty("l1", 0.2), 1.0))
    print(f"20 x 60 synthetic: 5,000 Gibbs draws (+1,000 burn-in) {took:5.2f} s")


def quadrature(name: str, piece, scale: float) -> None:
    sizes = (501, 1001, 4001, 16001)
    results = {}
    for points in sizes:
        took, post = best_of(
            lambda points=points: weight_posterior(
                piece.data_loss, piece.minimizer, piece.penalty, scale, points
            ),
            repeats=5,
        )
        results[points] = (took, post)
    finest = results[sizes[-1]][1]
    for points in sizes[:-1]:
        took, post = results[points]
        change = max(abs(post.median - finest.median), abs(post.mean - finest.mean))
        print(
            f"{name}: one weight's posterior on {points:>5} points {took * 1e3:7.2f} ms; "
            f"median and mean within {change:.1e} of {sizes[-1]} points"
        )


def one_weight() -> None:
    diabetes = build_problem(ProblemSpec(dataset="diabetes"))
    loss = LeastSquares(diabetes.X, diabetes.y)
    penalty = make_penalty("l1", 6.774)
    w = minimize(loss, penalty)
    sigma2 = noise_variance_estimate(diabetes.X, diabetes.y)
    piece = loss.weight_slice(w, 0.0, loss.grad(w), penalty, 0)
    quadrature("diabetes age (least squares)", piece, loss.n / sigma2)
    X, y01 = digits_binary(0)
    logistic = Logistic(X, y01)
    lam = 0.002
    fit = minimize_logistic(X, y01, make_penalty("l1", lam))
    _, grad, _ = logistic.evaluate(fit.w, fit.b)
    j = int(np.argmax(np.abs(fit.w)))
    piece = logistic.weight_slice(fit.w, fit.b, grad, make_penalty("l1", lam), j)
    quadrature(f"digits 0 pixel {j} (logistic)", piece, logistic.n)


def view_frame() -> None:
    """What the prior view computes a frame of a playing run: the shown weight's posterior at
    the run's weights (:func:`weight_belief`), on the default synthetic run and on digits."""
    for name, spec in (("synthetic", ProblemSpec()), ("digits", ProblemSpec(dataset="digits"))):
        session = Session(build_problem(spec), Settings())
        session.step(150)
        j = instructive_weight(session)
        took, _ = best_of(lambda session=session, j=j: weight_belief(session, j), repeats=5)
        loss = session.problem.loss
        print(f"prior view, {name} ({loss}): a frame's posterior {took * 1e3:6.2f} ms")


def main() -> None:
    with blas_threads_from_argv(__doc__.splitlines()[0]):
        gibbs()
        one_weight()
        view_frame()


if __name__ == "__main__":
    main()
