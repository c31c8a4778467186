"""`run` on classification problems: digits and a two-class CSV give the usual JSON plus the
loss, the training accuracy and the classes; bad classification options get one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hostile import assert_well_behaved, invoke

from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem


def test_digits_run_reports_the_logistic_fit_and_its_accuracy():
    code, stdout, stderr = invoke("run", "--dataset", "digits", "--digit", "7", "--steps", "40")
    assert_well_behaved(code, stdout, stderr, 0)
    result = json.loads(stdout)
    assert result["loss"] == "logistic"
    assert result["classes"] == {"0": "rest", "1": "7"}
    problem = build_problem(ProblemSpec(dataset="digits", digit=7))
    session = Session(problem, Settings())
    session.step(40)
    np.testing.assert_array_equal(result["weights"], session.weights)
    predicted = problem.X @ session.weights + session.intercept >= 0
    assert result["accuracy"] == pytest.approx(np.mean(predicted == (problem.y == 1)))


def test_a_two_class_csv_prints_which_label_became_one(tmp_path: Path):
    path = tmp_path / "pass.csv"
    path.write_text("hours,sleep,passed\n1,8,2\n2,5,2\n3,7,5\n4,6,5\n5,4,5\n0,9,2\n")
    code, stdout, stderr = invoke("run", "--data", str(path), "--loss", "logistic", "--steps", "5")
    assert_well_behaved(code, stdout, stderr, 0)
    assert json.loads(stdout)["classes"] == {"0": "2", "1": "5"}


def test_a_regression_run_has_no_classification_fields():
    code, stdout, stderr = invoke("run", "--steps", "1")
    assert_well_behaved(code, stdout, stderr, 0)
    result = json.loads(stdout)
    assert result["loss"] == "squared"
    assert "accuracy" not in result and "classes" not in result


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--dataset", "digits", "--digit", "11"], ["--digit", "ge5"]),
        (["--dataset", "diabetes", "--digit", "3"], ["--digit", "only for --dataset digits"]),
        (["--dataset", "digits", "--image-shape", "4x16"], ["8x8"]),
        (["--image-shape", "3"], ["ROWSxCOLUMNS"]),
        (["--image-shape", "0x5"], ["no pixels"]),
        (["--image-shape", "3x3"], ["9 pixels, but the data has 10 features"]),
        (["--loss", "logistic"], ["exactly two distinct values", "200 distinct values"]),
        (["--loss", "hinge"], ["--loss", "squared", "logistic"]),
        (["--tol", "inf"], ["--tol", "finite"]),
    ],
)
def test_bad_classification_options_get_one_line(args: list[str], words: list[str]):
    code, stdout, stderr = invoke("run", "--steps", "1", *args)
    assert_well_behaved(code, stdout, stderr, 2)
    for word in words:
        assert word in stderr
