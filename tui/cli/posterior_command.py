"""``posterior``: the whole posterior of the run's problem, its MAP beside each weight's
posterior mean and credible interval, printed as JSON or CSV for scripts."""

from __future__ import annotations

import csv
import json
import math
from typing import Annotated

import typer

from l1l2_tui.cli.errors import fail, interrupts_reported, output_errors_reported
from l1l2_tui.cli.options import OutputFormat, open_unit_interval, run_options, with_options
from l1l2_tui.cli.output import csv_stdout
from l1l2_tui.cli.progress import StderrProgress
from l1l2_tui.cli.sessions import start_session
from l1l2_tui.config import RunConfig
from l1l2_tui.engine import Problem
from l1l2_tui.engine.claims.prior import (
    BURN_IN,
    DRAWS,
    LEVEL,
    SEED,
    WholePosterior,
    whole_posterior,
)
from l1l2_tui.engine.posterior import prior_scales


def finite_or_none(value: float) -> float | None:
    """JSON has no infinity: a flat part of the prior is ``null``."""
    return value if math.isfinite(value) else None


def posterior_json(whole: WholePosterior, problem: Problem) -> dict[str, object]:
    likelihood = whole.likelihood
    scales = prior_scales(whole.penalty, likelihood.inverse_temperature)
    prior = (
        None
        if scales is None
        else {
            "laplace_scale": finite_or_none(scales.laplace_scale),
            "gaussian_variance": finite_or_none(scales.gaussian_variance),
        }
    )
    return {
        "dataset": problem.name,
        "loss": problem.loss,
        "penalty": whole.penalty.name,
        "lam": whole.penalty.lam,
        **whole.penalty.parameters,
        "likelihood": likelihood.name,
        "noise_variance": likelihood.noise_variance,
        "inverse_temperature": likelihood.inverse_temperature,
        "prior": prior,
        "method": "gibbs" if whole.sampled else "exact",
        "draws": whole.draws,
        "burn_in": whole.burn_in,
        "gibbs_seed": whole.seed,
        "level": whole.level,
        "feature_names": list(problem.feature_names),
        "map": whole.map.tolist(),
        "mean": whole.mean.tolist(),
        "lower": whole.lower.tolist(),
        "upper": whole.upper.tolist(),
        "map_zeros": whole.map_zeros,
        "mean_zeros": whole.mean_zeros,
    }


def write_posterior_csv(whole: WholePosterior, names: tuple[str, ...]) -> None:
    writer = csv.writer(csv_stdout(), lineterminator="\n")
    writer.writerow(["feature", "map", "mean", "lower", "upper"])
    for j, name in enumerate(names):
        values = (whole.map[j], whole.mean[j], whole.lower[j], whole.upper[j])
        writer.writerow([name, *(repr(float(v)) for v in values)])


@with_options
def posterior_command(
    run: Annotated[RunConfig, run_options],
    draws: Annotated[
        int, typer.Option(min=1, max=10_000_000, help="Gibbs draws kept after the burn-in.")
    ] = DRAWS,
    burn_in: Annotated[
        int, typer.Option(min=0, max=10_000_000, help="Gibbs draws dropped first.")
    ] = BURN_IN,
    gibbs_seed: Annotated[
        int, typer.Option(min=0, help="The Gibbs sampler's seed: the same seed, the same draws.")
    ] = SEED,
    level: Annotated[
        float, typer.Option(callback=open_unit_interval, help="The credible intervals' level.")
    ] = LEVEL,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.json,
) -> None:
    """Print the whole posterior: each weight's MAP (the exact minimum, with L1's zeros), its
    posterior mean and credible interval. Least squares: L1 and elastic net by Park and
    Casella's Gibbs sampler, L2 and none exactly (the posterior is Gaussian)."""
    session = start_session(run)
    problem = session.problem
    with interrupts_reported(), StderrProgress("sampling the posterior") as progress:
        try:
            whole = whole_posterior(
                problem.X,
                problem.y,
                session.loss,
                session.penalty,
                draws,
                burn_in,
                gibbs_seed,
                level,
                on_progress=lambda done, total: progress(done / total),
            )
        except ValueError as error:
            raise fail(str(error)) from None
    with output_errors_reported():
        if output is OutputFormat.json:
            typer.echo(json.dumps(posterior_json(whole, problem)))
        else:
            write_posterior_csv(whole, problem.feature_names)
