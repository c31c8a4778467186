"""The README's figures that depend on the data, computed afresh.

``python docs/readme_numbers.py`` prints each figure as the README writes it;
``tests/test_readme_numbers.py`` fails when the README states another. Change a figure here and
in the README together.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from l1l2_tui.engine import OPTIMIZERS, ProblemSpec, Session, Settings, build_problem

EPOCHS = 20
"""The stochastic optimizers' table: epochs of batch 32 on digits ge5."""
C = 0.01
"""scikit-learn's C for the table: lam = 1/(n C)."""
DIVERGENCE_STEPS = 1000
"""How long the least-squares digits runs are watched for a divergence."""
HOLLOW = (slice(2, 6), slice(3, 5))
"""The hollow centre of a 0 in the 8x8 digits: rows 2 to 5, columns 3 and 4."""


def digits_l1_pixels() -> Iterator[str]:
    """The 0-digit's L1 weights at the default lam, converged: how many pixels it keeps, of
    which sign, and where."""
    problem = build_problem(ProblemSpec(dataset="digits"))
    session = Session(problem, Settings("l1"))
    session.run(20_000, tol=1e-8)
    w = session.weights.reshape(problem.image_shape)
    centre = np.zeros(w.shape, dtype=bool)
    centre[HOLLOW] = True
    positive, negative = w > 0, w < 0
    assert not (positive & centre).any() and not (negative & ~centre).any(), (
        "the README's picture of the ring and its centre no longer holds"
    )
    kept = int(positive.sum() + negative.sum())
    yield (
        f"L1 keeps {kept} pixels: {int(positive.sum())} positive on the ring and "
        f"{int(negative.sum())} negative in its hollow centre ({session.zeros}/"
        f"{problem.n_features} weights exactly 0 once"
    )


def squared_digits_divergence() -> Iterator[str]:
    """Which stochastic runs at the full data's 1/L (not their default 1/L_B) diverge on digits
    under least squares, and when."""
    ran = []
    for digit, words in (("ge5", "`--digit ge5`"), (0, "the default digit")):
        problem = build_problem(ProblemSpec(dataset="digits", digit=digit, loss="squared"))
        for name in ("sgd", "sgd-prox"):
            full_batch_lr = 1.0 / Session(problem, Settings("l1")).loss.lipschitz
            session = Session(problem, Settings("l1", optimizer=name, lr=full_batch_lr))
            session.step(DIVERGENCE_STEPS)
            if session.diverged is not None:
                yield f"{name} at 1/L diverges at step {session.diverged.step} on {words}"
            else:
                ran.append(f"{name} on {words}")
    if ran:
        yield f"{', '.join(ran)} run {DIVERGENCE_STEPS:,} steps at 1/L without diverging"


def stochastic_table() -> Iterator[str]:
    """The zeros and accuracy of each stochastic optimizer after :data:`EPOCHS` epochs on
    digits ge5 at its default step, L1 at C = :data:`C`, seed 0; then the full-batch proximal
    step, converged."""
    problem = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    lam = 1 / (problem.n_samples * C)
    d = problem.n_features
    for name, optimizer in OPTIMIZERS.items():
        if not optimizer.stochastic or optimizer.adaptive:
            continue  # Adam's table is its own (tests/perf/bench_adam.py)
        session = Session(problem, Settings("l1", lam, optimizer=name))
        session.step(EPOCHS * session.steps_per_epoch)
        accuracy = session.loss.accuracy(session.weights, session.intercept)
        yield f"| `{name}` | {session.zeros}/{d} ({session.zeros / d:.1%}) | {accuracy:.3f} |"
    ista = Session(problem, Settings("l1", lam))
    ista.run(20_000, tol=1e-8)
    yield f"| `proximal` (full batch, converged) | {ista.zeros}/{d} ({ista.zeros / d:.1%})"


def a_zero_that_leaves() -> Iterator[str]:
    """On ``--features 30 --informative 3`` under L1: the first weight to reach 0 and leave it
    again, and when it did each."""
    problem = build_problem(ProblemSpec(features=30, informative=3))
    session = Session(problem, Settings("l1"))
    session.step(100)
    events = list(session.events)
    for k, left in enumerate(events):
        if left.kind != "left_zero":
            continue
        reached = [e.step for e in events[:k] if e.kind == "zeroed" and e.feature == left.feature]
        if reached:
            name = problem.feature_names[left.feature]
            yield f"{name} reaches 0 at step {reached[-1]} and leaves at step {left.step}"
            return


FIGURES = (digits_l1_pixels, squared_digits_divergence, stochastic_table, a_zero_that_leaves)
"""Every source of the README's figures."""


def figures() -> Iterator[str]:
    """Every figure, as the README writes it."""
    for source in FIGURES:
        yield from source()


if __name__ == "__main__":
    for figure in figures():
        print(figure)
