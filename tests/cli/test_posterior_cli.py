"""``posterior``: the whole posterior as JSON or CSV, what the engine computes, seeded; bad input
ends with one line and a non-zero exit."""

import csv
import io
import json

import numpy as np
import pytest
from typer.testing import CliRunner

from l1l2_tui.cli import app
from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem
from l1l2_tui.engine.claims.prior import whole_posterior

runner = CliRunner()


def posterior(*args: str):
    return runner.invoke(app, ["posterior", *args])


def test_json_is_the_engines_whole_posterior():
    result = posterior("--dataset", "diabetes", "--lam", "6.8", "--draws", "400", "--burn-in", "50")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    session = Session(problem, Settings(lam=6.8))
    whole = whole_posterior(
        problem.X, problem.y, session.loss, session.penalty, draws=400, burn_in=50
    )
    assert printed["method"] == "gibbs" and printed["likelihood"] == "Gaussian"
    assert printed["penalty"] == "l1" and printed["lam"] == 6.8
    assert printed["noise_variance"] == whole.likelihood.noise_variance
    assert printed["prior"]["gaussian_variance"] is None
    assert printed["prior"]["laplace_scale"] == pytest.approx(
        whole.likelihood.noise_variance / (problem.n_samples * 6.8)
    )
    for key in ("map", "mean", "lower", "upper"):
        np.testing.assert_array_equal(printed[key], getattr(whole, key))
    assert printed["map_zeros"] == whole.map_zeros > 0
    assert printed["mean_zeros"] == 0
    assert printed["feature_names"] == list(problem.feature_names)


def test_the_same_seed_prints_the_same_draws_and_another_seed_others():
    args = ("--draws", "200", "--burn-in", "20", "--format", "csv")
    first, again = posterior(*args), posterior(*args)
    other = posterior(*args, "--gibbs-seed", "3")
    assert first.exit_code == again.exit_code == other.exit_code == 0
    assert first.stdout == again.stdout
    assert first.stdout != other.stdout


def test_csv_rows_per_feature():
    result = posterior("--penalty", "l2", "--lam", "0.3", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["feature", "map", "mean", "lower", "upper"]
    assert len(rows) == 11
    for _, map_, mean, lower, upper in rows[1:]:
        assert float(lower) < float(mean) < float(upper)
        assert float(map_) == pytest.approx(float(mean), rel=1e-7, abs=1e-10)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--dataset", "digits"), "Gaussian noise"),
        (("--samples", "5", "--features", "10"), "n > d + 1"),
        (("--level", "1.5"), "--level"),
        (("--draws", "0"), "--draws"),
    ],
)
def test_bad_input_ends_with_one_line(args, message):
    result = posterior(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
