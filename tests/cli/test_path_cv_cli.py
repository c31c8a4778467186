"""``path --cv K``: the cross-validated error along the path's grid, checked against
scikit-learn on the same folds (``LassoCV``, a scaler fitted inside each fold,
``LogisticRegressionCV``), lam.min and lam.1se by their definitions; bad input refused."""

import csv
import io
import json
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso, LassoCV, LogisticRegressionCV
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from typer.testing import CliRunner

from l1l2_tui.cli import app
from l1l2_tui.engine import L1, Logistic, ProblemSpec, build_problem, lam_max


def path_json(*args: str) -> dict:
    result = CliRunner().invoke(app, ["path", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def refused(*args: str) -> str:
    result = CliRunner().invoke(app, ["path", *args], env={"COLUMNS": "200"})
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    return result.output


def test_the_cv_errors_are_lassocvs_on_the_same_folds():
    out = path_json("--no-standardize", "--num", "30", "--cv", "5")
    out_seeded = path_json("--no-standardize", "--num", "30", "--cv", "5", "--cv-seed", "3")
    problem = build_problem(ProblemSpec(standardize=False))
    for printed, seed in ((out, 0), (out_seeded, 3)):
        cv, lams = printed["cv"], np.array(printed["lams"])
        assert (cv["folds"], cv["seed"]) == (5, seed)
        model = LassoCV(
            alphas=lams, cv=KFold(5, shuffle=True, random_state=seed), tol=1e-14, max_iter=10**7
        )
        model.fit(problem.X, problem.y)
        np.testing.assert_array_equal(model.alphas_, lams)
        np.testing.assert_allclose(cv["fold_errors"], model.mse_path_.T, rtol=0, atol=1e-8)
        np.testing.assert_allclose(cv["mean"], model.mse_path_.mean(axis=1), rtol=0, atol=1e-8)
        assert cv["lam_min"] == model.alpha_
        # lam.1se by its definition, from scikit-learn's errors
        mean = model.mse_path_.mean(axis=1)
        se = model.mse_path_.std(axis=1, ddof=1) / np.sqrt(5)
        best = int(np.argmin(mean))
        assert cv["lam_1se"] == lams[mean <= mean[best] + se[best]].max()
        np.testing.assert_allclose(cv["standard_error"], se, rtol=1e-9, atol=1e-9)
        assert cv["nonzero_min"] == printed["nonzero"][cv["index_min"]]
        assert cv["nonzero_1se"] == printed["nonzero"][cv["index_1se"]]
        assert lams[cv["index_min"]] == cv["lam_min"] and lams[cv["index_1se"]] == cv["lam_1se"]
    assert out["cv"]["fold_errors"] != out_seeded["cv"]["fold_errors"]


def test_standardized_data_is_standardized_inside_each_fold_as_a_pipeline_does():
    out = path_json("--num", "12", "--cv", "4", "--samples", "80", "--seed", "2")
    # The rows as they come, before the project standardizes them: a fold must not see the
    # held-out rows' means and standard deviations.
    raw = build_problem(ProblemSpec(samples=80, seed=2, standardize=False))
    folds = KFold(4, shuffle=True, random_state=0)
    for i in (2, 6, 11):
        model = make_pipeline(StandardScaler(), Lasso(alpha=out["lams"][i], tol=1e-14))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            scores = cross_val_score(
                model, raw.X, raw.y, cv=folds, scoring="neg_mean_squared_error"
            )
        np.testing.assert_allclose(
            np.array(out["cv"]["fold_errors"])[:, i], -scores, rtol=1e-9, atol=1e-8
        )


def test_logistic_cv_errors_are_logisticregressioncvs(tmp_path):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((100, 4))
    y = (rng.random(100) < 1 / (1 + np.exp(-X @ [1.5, -1.0, 0.0, 0.0]))).astype(int)
    data = tmp_path / "labels.csv"
    rows = "\n".join(",".join([*map(repr, x.tolist()), str(t)]) for x, t in zip(X, y, strict=True))
    data.write_text("a,b,c,d,label\n" + rows + "\n")
    out = path_json(
        "--data", str(data), "--loss", "logistic", "--no-standardize", "--num", "10", "--cv", "5"
    )
    lams = np.array(out["lams"])
    folds = list(KFold(5, shuffle=True, random_state=0).split(X))
    # Below every fold's lam_max (scikit-learn's saga stops short of the exact intercept at an
    # all-zero fit); every fold trains on 80 rows, so one C per lam serves them all.
    top = min(lam_max(Logistic(X[train], y[train].astype(float)), L1()) for train, _ in folds)
    below = lams < top
    assert below.sum() >= 5
    model = LogisticRegressionCV(
        Cs=1 / (80 * lams[below]),
        l1_ratios=[1.0],
        cv=folds,
        solver="saga",
        scoring="neg_log_loss",
        tol=1e-13,
        max_iter=10**6,
        **(
            {"use_legacy_attributes": False}
            if "use_legacy_attributes" in LogisticRegressionCV().get_params()
            else {}
        ),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model.fit(X, y)
    scores = model.scores_
    if isinstance(scores, dict):
        scores = next(iter(scores.values()))
    theirs = -np.squeeze(scores)
    ours = np.array(out["cv"]["fold_errors"])[:, below]
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-8)
    assert out["cv"]["error"] == "mean logistic loss"


def test_csv_has_the_mean_and_standard_error_beside_each_lam():
    result = CliRunner().invoke(app, ["path", "--num", "6", "--cv", "3", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:4] == ["lam", "nonzero", "cv_mean", "cv_standard_error"]
    printed = path_json("--num", "6", "--cv", "3")["cv"]
    np.testing.assert_array_equal([float(r[2]) for r in rows[1:]], printed["mean"])
    np.testing.assert_array_equal([float(r[3]) for r in rows[1:]], printed["standard_error"])


def test_bad_cv_input_is_refused_in_one_line():
    assert "--cv 300 needs at least 300 rows; the data has 200" in refused("--cv", "300")
    assert "--cv" in refused("--cv", "1")
    assert "--cv" in refused("--cv", "x")
    assert "--cv-seed" in refused("--cv", "3", "--cv-seed", "-1")


def test_a_fold_with_one_class_is_refused_in_one_line(tmp_path):
    data = tmp_path / "rare.csv"
    labels = [1] + [0] * 9
    data.write_text(
        "a,label\n" + "".join(f"{i * 0.37 % 1:.3f},{t}\n" for i, t in enumerate(labels))
    )
    output = refused("--data", str(data), "--loss", "logistic", "--cv", "5")
    assert "cannot cross-validate" in output and "one class" in output
