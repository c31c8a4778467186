"""Classification problems: digits and a two-valued CSV target become a logistic problem with
its classes, its image shape and its blank pixels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from l1l2_tui.engine import (
    DataError,
    Logistic,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    load_digits,
    loss_for,
)
from l1l2_tui.engine.loss import LeastSquares


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(text)
    return path


def test_digits_is_a_logistic_problem_on_the_chosen_digit():
    problem = build_problem(ProblemSpec(dataset="digits", digit=3))
    _, digits = load_digits()
    assert problem.loss == "logistic"
    assert isinstance(loss_for(problem), Logistic)
    assert problem.image_shape == (8, 8) and problem.X.shape == (1797, 64)
    np.testing.assert_array_equal(problem.y, (digits == 3).astype(float))
    assert problem.classes == ("rest", "3")


def test_digits_ge5_labels_five_to_nine_as_one():
    problem = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    _, digits = load_digits()
    np.testing.assert_array_equal(problem.y, (digits >= 5).astype(float))
    assert problem.classes == ("0-4", "5-9")


def test_the_blank_pixels_are_the_constant_features_and_stay_exactly_zero_under_l2():
    problem = build_problem(ProblemSpec(dataset="digits"))
    X, _ = load_digits()
    blank = np.all(X == 0, axis=0)
    np.testing.assert_array_equal(problem.constant_features, blank)
    assert 0 < blank.sum() < 64
    session = Session(problem, Settings(penalty="l2", optimizer="fista"))
    session.step(200)
    np.testing.assert_array_equal(session.weights == 0.0, blank)


def test_digits_can_be_fitted_by_least_squares_when_asked():
    problem = build_problem(ProblemSpec(dataset="digits", loss="squared"))
    assert isinstance(loss_for(problem), LeastSquares)


def test_a_two_valued_csv_target_maps_the_smaller_value_to_zero(tmp_path: Path):
    path = write(tmp_path, "a,b,label\n1,2,7\n2,1,-3\n3,5,7\n4,4,-3\n")
    problem = build_problem(ProblemSpec(data=path, loss="logistic"))
    np.testing.assert_array_equal(problem.y, [1.0, 0.0, 1.0, 0.0])
    assert problem.classes == ("-3", "7")
    assert problem.image_shape is None


@pytest.mark.parametrize(
    ("labels", "words"),
    [
        (["1", "2", "3", "1"], "3 distinct values"),
        (["1", "1", "1", "1"], "one value"),
        (["yes", "no", "yes", "no"], "'yes' is not a number"),
    ],
)
def test_a_csv_target_that_is_not_two_classes_is_refused(
    tmp_path: Path, labels: list[str], words: str
):
    rows = "".join(f"{j},{j * j % 5},{label}\n" for j, label in enumerate(labels))
    path = write(tmp_path, "a,b,y\n" + rows)
    with pytest.raises(DataError, match=words):
        build_problem(ProblemSpec(data=path, loss="logistic"))


def test_an_image_shape_must_hold_every_feature(tmp_path: Path):
    header = ",".join(f"p{j}" for j in range(6)) + ",y\n"
    rows = "".join(",".join(str((i * 7 + j * 3) % 11) for j in range(7)) + "\n" for i in range(9))
    path = write(tmp_path, header + rows)
    assert build_problem(ProblemSpec(data=path, image_shape=(2, 3))).image_shape == (2, 3)
    with pytest.raises(DataError, match="4 pixels, but the data has 6 features"):
        build_problem(ProblemSpec(data=path, image_shape=(2, 2)))
    with pytest.raises(DataError, match="digits: they are 8x8"):
        build_problem(ProblemSpec(dataset="digits", image_shape=(4, 16)))
