"""``l1l2-tui path --exact``: the lasso's knots, weights and events, against scikit-learn's
``lars_path(method="lasso")``; a clear error where the exact path does not apply."""

import csv
import io
import json

import numpy as np
import pytest
from sklearn.linear_model import lars_path
from typer.testing import CliRunner

from l1l2_tui.cli import app
from l1l2_tui.engine import ProblemSpec, build_problem


@pytest.mark.parametrize(
    "options", [["--dataset", "diabetes"], ["--features", "12", "--seed", "3"]]
)
def test_the_knots_and_weights_are_lars_paths(options):
    result = CliRunner().invoke(app, ["path", "--exact", *options])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    spec = (
        ProblemSpec(dataset="diabetes")
        if "diabetes" in options
        else ProblemSpec(features=12, seed=3)
    )
    problem = build_problem(spec)
    X, y = problem.X, problem.y
    alphas, _, coefs = lars_path(X - X.mean(axis=0), y - y.mean(), method="lasso")
    np.testing.assert_allclose(out["lams"], alphas, rtol=0, atol=1e-10 * alphas[0])
    scale = max(1.0, np.abs(coefs).max())
    np.testing.assert_allclose(out["weights"], coefs.T, rtol=0, atol=1e-10 * scale)
    np.testing.assert_allclose(
        out["intercepts"], y.mean() - np.array(out["weights"]) @ X.mean(axis=0), atol=1e-9
    )
    assert out["nonzero"] == np.count_nonzero(coefs.T, axis=1).tolist()
    for event in out["events"]:  # each event at a knot, where its weight is 0
        k = out["lams"].index(event["lam"])
        assert out["weights"][k][event["index"]] == 0.0
        assert out["feature_names"][event["index"]] == event["feature"]


def test_diabetes_names_s3_leaving_and_returning():
    result = CliRunner().invoke(app, ["path", "--exact", "--dataset", "diabetes"])
    out = json.loads(result.stdout)
    assert out["returns"] == ["s3 enters at lam 15.03, leaves at 0.1038, returns at 0.06233"]
    s3 = [e for e in out["events"] if e["feature"] == "s3"]
    assert [e["kind"] for e in s3] == ["enter", "leave", "enter"]
    assert [round(e["lam"], 4) for e in s3[1:]] == [0.1038, 0.0623]
    table = CliRunner().invoke(app, ["path", "--exact", "--dataset", "diabetes", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert [row["events"] for row in rows if "s3" in row["events"]] == [
        "s3 enters",
        "s3 leaves",
        "s3 enters",
    ]
    assert len(rows) == len(out["lams"]) and rows[-1]["events"] == ""
    assert float(rows[-1]["lam"]) == 0.0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--penalty", "l2"], "--exact is the lasso's path: --penalty l1, not l2"),
        (["--penalty", "elasticnet"], "--penalty l1, not elasticnet"),
        (["--dataset", "digits"], "for least squares (--loss squared)"),
    ],
)
def test_where_the_exact_path_does_not_apply_it_says_so(options, message):
    result = CliRunner().invoke(app, ["path", "--exact", *options])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
