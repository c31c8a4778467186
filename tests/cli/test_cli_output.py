"""Good input through the CLI: ``run`` and ``path`` print what a session computed directly does."""

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from l1l2_tui.cli import app
from l1l2_tui.engine import (
    L1,
    OPTIMIZERS,
    LeastSquares,
    Logistic,
    Problem,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    make_penalty,
    regularization_path,
    suggested_lam,
)

RUN_KEYS = {
    "weights",
    "intercept",
    "feature_names",
    "step",
    "objective",
    "data_loss",
    "penalty_value",
    "zeros",
    "converged",
    "penalty",
    "lam",
    "l1_ratio",
    "optimizer",
    "lr",
    "batch",
    "schedule",
    "shuffle_seed",
    "epoch",
}


def invoke(*args: str):
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result


def run_json(*args: str) -> dict:
    return json.loads(invoke("run", *args).stdout)


def read_csv(text: str) -> tuple[list[str], np.ndarray]:
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], np.array(rows[1:], dtype=float)


@pytest.mark.parametrize(
    ("args", "spec", "settings"),
    [
        ("", ProblemSpec(), {}),
        (
            "--dataset diabetes --penalty elasticnet --l1-ratio 0.3 --optimizer fista "
            "--lam 0.5 --steps 400",
            ProblemSpec(dataset="diabetes"),
            {"penalty": "elasticnet", "lam": 0.5, "l1_ratio": 0.3, "optimizer": "fista"},
        ),
        (
            "--dataset toy2d --penalty l2 --optimizer subgradient --lr 0.1 --steps 50 --seed 3",
            ProblemSpec(dataset="toy2d", seed=3),
            {"penalty": "l2", "optimizer": "subgradient", "lr": 0.1},
        ),
        (
            "--samples 30 --features 5 --informative 2 --noise 0.3 --correlation -0.4 "
            "--penalty none --no-standardize",
            ProblemSpec(
                samples=30,
                features=5,
                informative=2,
                noise=0.3,
                correlation=-0.4,
                standardize=False,
            ),
            {"penalty": "none"},
        ),
    ],
)
def test_run_json_matches_a_session_built_directly(args, spec, settings):
    args = args.split()
    out = run_json(*args)
    assert out.keys() >= RUN_KEYS
    problem = build_problem(spec)
    steps = int(args[args.index("--steps") + 1]) if "--steps" in args else 1000
    settings = {"lam": suggested_lam(problem), **settings}
    session = Session(problem, Settings(**settings))
    session.run(steps)

    assert out["step"] == session.step_count == steps
    assert out["feature_names"] == list(problem.feature_names)
    assert out["standardized"] is spec.standardize
    np.testing.assert_allclose(out["weights"], session.weights, rtol=1e-12, atol=1e-300)
    for key in ("intercept", "objective", "data_loss", "penalty_value", "lr"):
        assert out[key] == pytest.approx(getattr(session, key), rel=1e-12, abs=1e-300), key
    assert out["zeros"] == session.zeros == np.count_nonzero(np.array(out["weights"]) == 0.0)
    assert out["objective"] == pytest.approx(out["data_loss"] + out["penalty_value"], rel=1e-15)
    for key in ("penalty", "lam", "l1_ratio", "optimizer"):
        assert out[key] == getattr(session.settings, key), key
    assert out["converged"] is (session.gradient_mapping_norm() < 1e-6)


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
@pytest.mark.parametrize("dataset", ["synthetic", "digits"])
def test_run_works_with_every_optimizer_on_both_losses(optimizer, dataset):
    out = run_json(
        *f"--dataset {dataset} --optimizer {optimizer} --steps 120 --batch 16".split(),
        *["--schedule", "constant", "--shuffle-seed", "7"],
    )
    problem = build_problem(ProblemSpec(dataset=dataset))
    settings = Settings(
        lam=suggested_lam(problem),
        optimizer=optimizer,
        batch=16,
        schedule="constant",
        shuffle_seed=7,
    )
    session = Session(problem, settings)
    session.step(120)
    np.testing.assert_array_equal(out["weights"], session.weights)
    assert (out["batch"], out["schedule"], out["shuffle_seed"]) == (16, "constant", 7)
    steps_per_epoch = -(-problem.n_samples // 16)  # the last minibatch of an epoch is short
    epochs = 120 / steps_per_epoch if OPTIMIZERS[optimizer].stochastic else 0.0
    assert out["epoch"] == pytest.approx(epochs, rel=1e-12)
    assert out["loss"] == problem.loss


def test_run_reports_convergence_honestly():
    converged = run_json("--steps", "3000")
    assert converged["converged"] is True
    assert converged["gradient_mapping_norm"] < 1e-6
    early = run_json("--steps", "2")
    assert early["converged"] is False
    assert early["gradient_mapping_norm"] >= 1e-6


def test_tol_stops_early():
    out = run_json("--steps", "100000", "--tol", "1e-4", "--dataset", "diabetes")
    assert 0 < out["step"] < 100_000
    assert out["converged"] is True
    assert out["gradient_mapping_norm"] < 1e-4
    tighter = run_json("--steps", "100000", "--tol", "1e-9", "--dataset", "diabetes")
    assert out["step"] < tighter["step"] < 100_000
    assert tighter["gradient_mapping_norm"] < 1e-9
    loose = run_json("--steps", "100000", "--tol", "1e3")
    assert loose["step"] == 0


@pytest.mark.parametrize(("steps", "every"), [(25, 10), (30, 10), (5, 1), (7, 100), (0, 3)])
def test_run_csv_writes_a_row_every_k_steps(steps, every):
    text = invoke("run", "--format", "csv", "--steps", str(steps), "--every", str(every)).stdout
    header, rows = read_csv(text)
    names = [f"x{j + 1}" for j in range(10)]
    assert header == ["step", "epoch", "objective", "data_loss", "penalty", "zeros", *names]
    expected = list(range(0, steps + 1, every))
    if expected[-1] != steps:
        expected.append(steps)
    assert rows[:, 0].tolist() == expected
    assert np.all(rows[:, 1] == 0.0), "full-batch steps make no minibatch epochs"
    np.testing.assert_allclose(rows[:, 2], rows[:, 3] + rows[:, 4], rtol=1e-14)
    np.testing.assert_array_equal(rows[:, 5], np.count_nonzero(rows[:, 6:] == 0.0, axis=1))
    assert np.all(rows[0, 6:] == 0.0)
    final = run_json("--steps", str(steps))
    np.testing.assert_array_equal(rows[-1, 6:], final["weights"])  # repr round-trips exactly
    assert rows[-1, 2] == final["objective"]


def test_run_csv_gives_the_epoch_of_a_minibatch_run():
    args = ("--optimizer", "sgd", "--batch", "50", "--steps", "10")
    _, rows = read_csv(invoke("run", "--format", "csv", "--every", "5", *args).stdout)
    assert rows[:, 0].tolist() == [0, 5, 10]
    np.testing.assert_array_equal(rows[:, 1], [0.0, 5 * 50 / 200, 10 * 50 / 200])
    assert rows[-1, 1] == run_json(*args)["epoch"]


def test_run_csv_stops_at_tol():
    _, rows = read_csv(invoke("run", "--format", "csv", "--tol", "1e-4").stdout)
    assert 0 < rows[-1, 0] < 1000
    steps = rows[:, 0]
    np.testing.assert_array_equal(steps, np.arange(len(steps)))


@pytest.mark.parametrize(
    ("args", "penalty", "l1_ratio"),
    [
        ([], "l1", 0.5),
        (
            ["--penalty", "elasticnet", "--l1-ratio", "0.6", "--dataset", "diabetes"],
            "elasticnet",
            0.6,
        ),
        (["--penalty", "l2", "--num", "12", "--lam-min-ratio", "0.01"], "l2", 0.5),
    ],
)
def test_path_json(args, penalty, l1_ratio):
    out = json.loads(invoke("path", *args).stdout)
    assert {"lams", "weights", "nonzero", "lam_max", "penalty", "feature_names"} <= out.keys()
    num = int(args[args.index("--num") + 1]) if "--num" in args else 100
    ratio = float(args[args.index("--lam-min-ratio") + 1]) if "--lam-min-ratio" in args else 1e-3
    lams, weights = np.array(out["lams"]), np.array(out["weights"])
    assert out["penalty"] == penalty
    assert lams.shape == (num,)
    assert weights.shape == (num, len(out["feature_names"]))
    assert np.all(np.diff(lams) < 0)
    assert lams[0] == out["lam_max"]
    assert lams[-1] == pytest.approx(ratio * out["lam_max"], rel=1e-12)
    assert out["nonzero"] == np.count_nonzero(weights, axis=1).tolist()
    if penalty != "l2":
        assert out["nonzero"][0] == 0 < out["nonzero"][1]
    spec = ProblemSpec(dataset="diabetes" if "diabetes" in args else "synthetic")
    problem = build_problem(spec)
    chosen = make_penalty(penalty, l1_ratio=l1_ratio)
    direct = regularization_path(LeastSquares(problem.X, problem.y), chosen, num, ratio)
    np.testing.assert_allclose(lams, direct.lams, rtol=1e-15)
    np.testing.assert_allclose(weights, direct.weights, rtol=1e-12, atol=1e-300)


def test_path_csv():
    header, rows = read_csv(invoke("path", "--format", "csv", "--num", "9").stdout)
    assert header == ["lam", "nonzero", *[f"x{j + 1}" for j in range(10)]]
    assert rows.shape == (9, 12)
    out = json.loads(invoke("path", "--num", "9").stdout)
    np.testing.assert_array_equal(rows[:, 0], out["lams"])
    np.testing.assert_array_equal(rows[:, 1], out["nonzero"])
    np.testing.assert_array_equal(rows[:, 2:], out["weights"])


def write_table(
    path: Path, header: list[str], values: np.ndarray, blank_lines: bool = False
) -> None:
    lines = [",".join(header)]
    for row in values:
        lines.append(",".join(repr(float(v)) for v in row))
        if blank_lines:
            lines.append("")
    path.write_text("\n".join(lines) + "\n")


def test_csv_file_with_a_chosen_target(tmp_path: Path):
    rng = np.random.default_rng(11)
    features = rng.standard_normal((50, 3)) * [1.0, 10.0, 0.1] + [0.0, 5.0, -2.0]
    target = features @ [2.0, 0.0, -5.0] + 1.0 + 0.1 * rng.standard_normal(50)
    values = np.column_stack([features[:, 0], target, features[:, 1], features[:, 2]])
    data = tmp_path / "table.csv"
    write_table(data, ["a", "y", "b", "c"], values, blank_lines=True)

    out = run_json("--data", str(data), "--target", "y", "--lam", "0.05", "--steps", "500")
    assert out["dataset"] == "table.csv"
    assert out["feature_names"] == ["a", "b", "c"]
    X = (features - features.mean(axis=0)) / features.std(axis=0)
    problem = Problem(X, target, ("a", "b", "c"), "by hand", standardized=True)
    session = Session(problem, Settings("l1", 0.05))
    session.step(500)
    np.testing.assert_allclose(out["weights"], session.weights, rtol=1e-9, atol=1e-12)
    assert out["intercept"] == pytest.approx(session.intercept, rel=1e-9)

    default_target = run_json("--data", str(data), "--steps", "5")
    assert default_target["feature_names"] == ["a", "y", "b"]
    path = json.loads(invoke("path", "--data", str(data), "--target", "y", "--num", "5").stdout)
    assert path["feature_names"] == ["a", "b", "c"]
    assert path["lam_max"] == pytest.approx(np.abs(X.T @ (target - target.mean())).max() / 50)


def test_no_standardize_keeps_the_raw_features(tmp_path: Path):
    data = tmp_path / "raw.csv"
    write_table(data, ["u", "v", "t"], np.array([[1, 10, 3], [2, 30, 5], [4, 20, 9], [3, 50, 8.0]]))
    options = "--no-standardize --penalty none --optimizer fista --tol 1e-12 --steps 20000"
    raw = run_json("--data", str(data), *options.split())
    assert raw["converged"] is True
    X = np.array([[1, 10], [2, 30], [4, 20], [3, 50.0]])
    y = np.array([3, 5, 9, 8.0])
    least_squares = np.linalg.lstsq(np.column_stack([X, np.ones(4)]), y, rcond=None)[0]
    assert raw["standardized"] is False
    np.testing.assert_allclose(raw["weights"], least_squares[:2], rtol=1e-6)
    assert raw["intercept"] == pytest.approx(least_squares[2], rel=1e-6)


def test_help_lists_the_commands():
    text = invoke("--help").stdout
    assert "run" in text and "path" in text
    assert "--lam-min-ratio" in invoke("path", "--help").stdout


def test_the_lesson_command_prints_the_built_in_lesson_as_toml(tmp_path):
    from l1l2_tui.lesson import DEFAULT_LESSON, load_lesson
    from l1l2_tui.lesson.player import LessonPlayer

    result = CliRunner().invoke(app, ["lesson"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "mine.toml"
    written.write_text(result.output, encoding="utf-8")
    lesson = load_lesson(written)
    assert lesson == DEFAULT_LESSON
    # Played, it gives the same frames as the built-in lesson.
    players = [LessonPlayer(lesson), LessonPlayer(DEFAULT_LESSON)]
    mine, builtin = ([p.frame() for _ in range(lesson.total_frames())] for p in players)
    assert mine == builtin and any(mine)


@pytest.mark.slow
def test_logistic_path_json_gives_accuracy_intercepts_and_classes():
    out = json.loads(invoke("path", "--dataset", "digits", "--num", "6").stdout)
    assert out["loss"] == "logistic"
    assert out["classes"] == {"0": "rest", "1": "0"}
    problem = build_problem(ProblemSpec(dataset="digits"))
    loss = Logistic(problem.X, problem.y)
    direct = regularization_path(loss, L1(), 6, 1e-3)
    np.testing.assert_allclose(out["lams"], direct.lams, rtol=1e-15)
    np.testing.assert_allclose(out["weights"], direct.weights, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(out["intercepts"], direct.intercepts, rtol=1e-12)
    accuracy = [loss.accuracy(w, b) for w, b in zip(direct.weights, direct.intercepts, strict=True)]
    assert out["accuracy"] == pytest.approx(accuracy, rel=1e-15)
    assert out["nonzero"][0] == 0 and out["accuracy"][-1] > 0.99
    header, rows = read_csv(
        invoke("path", "--dataset", "digits", "--num", "6", "--format", "csv").stdout
    )
    assert header[:4] == ["lam", "nonzero", "intercept", "accuracy"]
    np.testing.assert_array_equal(rows[:, 3], out["accuracy"])
    np.testing.assert_array_equal(rows[:, 4:], out["weights"])


def test_logistic_path_on_a_two_class_csv(tmp_path: Path):
    rng = np.random.default_rng(2)
    features = rng.standard_normal((80, 2))
    labels = np.where(features[:, 0] - features[:, 1] + rng.standard_normal(80) > 0, 7.0, 3.0)
    data = tmp_path / "two.csv"
    write_table(data, ["a", "b", "label"], np.column_stack([features, labels]))
    out = json.loads(
        invoke(
            "path", "--data", str(data), "--loss", "logistic", "--num", "5", "--penalty", "l2"
        ).stdout
    )
    assert out["classes"] == {"0": "3", "1": "7"}
    assert len(out["accuracy"]) == 5 and out["accuracy"][-1] > 0.7
