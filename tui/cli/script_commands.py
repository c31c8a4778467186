"""``run`` and ``path``: results for scripts, printed as JSON or CSV, without the app."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from l1l2_tui.cli.errors import fail, interrupts_reported, output_errors_reported
from l1l2_tui.cli.options import (
    OutputFormat,
    PenaltyChoice,
    finite_positive,
    not_nan,
    open_unit_interval,
    positive,
    problem_options,
    run_options,
    with_options,
)
from l1l2_tui.cli.output import (
    DEFAULT_TOL,
    result_json,
    run_steps,
    write_exact_path,
    write_path,
    write_trajectory,
)
from l1l2_tui.cli.progress import StderrProgress
from l1l2_tui.cli.sessions import load_problem, start_session
from l1l2_tui.config import RunConfig
from l1l2_tui.engine import ProblemSpec, loss_for, make_penalty, regularization_path
from l1l2_tui.engine.cross_validation import cross_validate_path
from l1l2_tui.engine.homotopy import lasso_homotopy


@with_options
def run_command(
    run: Annotated[RunConfig, run_options],
    steps: Annotated[int, typer.Option(min=0, help="Steps to take at most.")] = 1000,
    tol: Annotated[
        float | None,
        typer.Option(
            callback=finite_positive,
            help="Stop once the proximal-gradient mapping norm is below this "
            f"(converged means below {DEFAULT_TOL:g} when not given).",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.json,
    every: Annotated[int, typer.Option(min=1, help="CSV: a row every K steps.")] = 1,
) -> None:
    """Train without the app and print the result (json) or the trajectory (csv)."""
    session = start_session(run)
    with interrupts_reported(), StderrProgress("running") as progress:
        if output is OutputFormat.csv:
            with output_errors_reported():
                write_trajectory(session, steps, tol, every, progress)
        else:
            run_steps(session, steps, tol, progress)
    if session.diverged is not None:
        remedy = (
            "try a smaller --lr"
            if session.diverged.lam_max is None
            else f"give a --lam below lam_max {session.diverged.lam_max:.4g}, or an optimizer "
            "that lands on 0 (--optimizer proximal)"
        )
        raise fail(f"{session.diverged.message}; {remedy}", code=1)
    if output is OutputFormat.json:
        with output_errors_reported():
            typer.echo(json.dumps(result_json(session, tol)))


@with_options
def path_command(
    problem: Annotated[ProblemSpec, problem_options],
    penalty: Annotated[PenaltyChoice, typer.Option(help="The penalty R(w).")] = PenaltyChoice.l1,
    l1_ratio: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, callback=not_nan, help="Elastic net: share of L1."),
    ] = 0.5,
    p: Annotated[
        float,
        typer.Option(max=2.0, callback=positive, help="lp: the power p of |w_j|^p, in (0, 2]."),
    ] = 1.0,
    num: Annotated[int, typer.Option(min=2, max=10_000, help="How many lam values.")] = 100,
    lam_min_ratio: Annotated[
        float,
        typer.Option(callback=open_unit_interval, help="Smallest lam / lam_max, in (0, 1)."),
    ] = 1e-3,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.json,
    exact: Annotated[
        bool,
        typer.Option(
            "--exact",
            help="L1 with least squares: the exact lasso path (homotopy), its knots and where "
            "each weight enters or leaves, instead of the grid (--num and --lam-min-ratio "
            "do not apply).",
        ),
    ] = False,
    cv: Annotated[
        int | None,
        typer.Option(
            "--cv",
            min=2,
            metavar="K",
            help="Also K-fold cross-validate along the grid: the mean held-out error, its "
            "standard error, lam.min and lam.1se.",
        ),
    ] = None,
    cv_seed: Annotated[
        int,
        typer.Option(min=0, max=2**32 - 1, help="The seed that shuffles the rows into the folds."),
    ] = 0,
) -> None:
    """Print the regularization path: the solution for each lam from lam_max down."""
    chosen = make_penalty(penalty.value, 1.0, l1_ratio=l1_ratio, p=p)
    if not chosen.penalizes:
        raise fail("a regularization path needs a penalty: l1, l2, elasticnet, lp or l0")
    if exact and penalty is not PenaltyChoice.l1:
        raise fail(f"--exact is the lasso's path: --penalty l1, not {penalty.value}")
    built = load_problem(problem)
    if exact:
        if built.loss != "squared":
            raise fail(
                "--exact is the lasso's path, for least squares (--loss squared); the grid path "
                "(without --exact) covers the logistic loss"
            )
        with interrupts_reported(), StderrProgress("solving the exact path"):
            exact_path = lasso_homotopy(built.X, built.y)
        with output_errors_reported():
            write_exact_path(exact_path, built, output)
        return
    loss = loss_for(built)
    if cv is not None and cv > built.n_samples:
        raise fail(f"--cv {cv} needs at least {cv} rows; the data has {built.n_samples}")
    with interrupts_reported(), StderrProgress("solving the path") as solving:
        path = regularization_path(
            loss, chosen, num, lam_min_ratio, on_point=lambda done, total: solving(done / total)
        )
    validation = None
    if cv is not None:
        with interrupts_reported(), StderrProgress("cross-validating") as validating:
            try:
                validation = cross_validate_path(
                    built, path, cv, cv_seed, lambda done, total: validating(done / total)
                )
            except ValueError as error:
                raise fail(f"cannot cross-validate: {error}") from None
    with output_errors_reported():
        write_path(path, built, loss, l1_ratio, p, output, validation, cv_seed)
