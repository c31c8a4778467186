"""Stochastic benchmark, run by hand: ``python tests/perf/bench_sgd.py`` (pytest skips perf/).

On digits (task ``ge5``: 1797 images, 64 standardized pixels), L1 at scikit-learn's C = 0.01
(``lam = 1 / (n C)``), batch 32 and the default schedule (invsqrt), prints for each stochastic
optimizer the minibatch steps/s of a session (with its events and history, the full-data
objective evaluated once a call) and of the bare update, the time to 20 epochs, and the zeros and
accuracy there; then scikit-learn's ``SGDClassifier`` (penalty l1, the same alpha, 20 epochs)
for reference, and the objective after 20 epochs at the default step size (1/L_B, the
minibatch curvature) for several batch sizes and both schedules.
"""

from __future__ import annotations

import argparse
import os
import warnings

import numpy as np
from bench_logistic import median_seconds  # this folder is on the path of a script run here

from l1l2_tui.engine import OPTIMIZERS, ProblemSpec, Session, Settings, build_problem

EPOCHS = 20


def bench_optimizers(repeats: int) -> None:
    problem = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    lam = 1 / (problem.n_samples * 0.01)
    print(
        f"digits ge5: n={problem.n_samples} d={problem.n_features}, L1 lam {lam:.4g} "
        f"(C = 0.01), batch 32, {EPOCHS} epochs"
    )
    for name, optimizer in OPTIMIZERS.items():
        if optimizer.stochastic:
            bench_optimizer(problem, name, lam, repeats)
    ista = Session(problem, Settings("l1", lam, optimizer="proximal"))
    ista.run(20_000, tol=1e-8)
    print(
        f"  {'proximal':<15} (full batch, converged in {ista.step_count} steps): zeros "
        f"{ista.zeros}/{problem.n_features} ({ista.zeros / problem.n_features:.1%}), accuracy "
        f"{ista.loss.accuracy(ista.weights, ista.intercept):.3f}"
    )
    bench_scikit_learn(problem, lam, repeats)


def bench_optimizer(problem, name: str, lam: float, repeats: int) -> None:
    optimizer = OPTIMIZERS[name]
    settings = Settings("l1", lam, optimizer=name)
    steps = EPOCHS * Session(problem, settings).steps_per_epoch

    def twenty_epochs() -> Session:
        run = Session(problem, settings)
        run.step(steps)
        return run

    elapsed = median_seconds(twenty_epochs, repeats)
    done = twenty_epochs()
    rows, state = done.next_rows(), optimizer.init(done.loss, done.weights, done.intercept)

    def bare_steps() -> None:
        for _ in range(200):
            optimizer.step(state, done.loss, done.penalty, done.lr, rows)

    bare = median_seconds(bare_steps, repeats)
    accuracy = done.loss.accuracy(done.weights, done.intercept)
    print(
        f"  {name:<15} {steps / elapsed:7.0f} steps/s in a session, {200 / bare:7.0f} bare; "
        f"{EPOCHS} epochs ({steps} steps) in {elapsed * 1e3:6.1f} ms: zeros "
        f"{done.zeros}/{problem.n_features} ({done.zeros / problem.n_features:.1%}), "
        f"accuracy {accuracy:.3f}"
    )


def bench_scikit_learn(problem, lam: float, repeats: int) -> None:
    from sklearn.linear_model import SGDClassifier

    def fit(seed: int = 0) -> SGDClassifier:
        model = SGDClassifier(
            loss="log_loss", penalty="l1", alpha=lam, max_iter=EPOCHS, tol=None, random_state=seed
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return model.fit(problem.X, problem.y)

    elapsed = median_seconds(fit, repeats)
    zeros = [int(np.count_nonzero(fit(seed).coef_ == 0.0)) for seed in range(5)]
    print(
        f"  scikit-learn SGDClassifier (batch 1, {EPOCHS} epochs) in {elapsed * 1e3:.1f} ms: "
        f"zeros {min(zeros)} to {max(zeros)} of {problem.n_features} over 5 seeds"
    )


def bench_step_size() -> None:
    problem = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    lam = 1 / (problem.n_samples * 0.01)
    ista = Session(problem, Settings("l1", lam, optimizer="proximal"))
    ista.run(20_000, tol=1e-8)
    print(
        f"objective after {EPOCHS} epochs at the default lr (full-batch optimum "
        f"{ista.objective:.5f}):"
    )
    for schedule in ("constant", "invsqrt"):
        for batch in (1, 8, 32, 128):
            cells = []
            for name in ("sgd", "sgd-prox", "sgd-cumulative"):
                settings = Settings("l1", lam, optimizer=name, batch=batch, schedule=schedule)
                session = Session(problem, settings)
                session.step(EPOCHS * session.steps_per_epoch)
                cells.append(f"{name} {session.objective:.5f} ({session.zeros} zeros)")
            print(f"  {schedule:<8} batch {batch:>3}: " + ", ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="Skip the step-size table.")
    args = parser.parse_args()
    print(f"cpus: {os.cpu_count()}")
    bench_optimizers(args.repeats)
    if not args.quick:
        bench_step_size()


if __name__ == "__main__":
    main()
