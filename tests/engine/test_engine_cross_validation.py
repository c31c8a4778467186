"""K-fold cross-validation against scikit-learn (``KFold``, ``LassoCV``, ``ElasticNetCV``,
``LogisticRegressionCV``, and ``StandardScaler`` inside each fold), and glmnet's lam_min and
lam_1se by their definitions."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNetCV, LassoCV, LogisticRegressionCV, lasso_path
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler

from l1l2_tui.engine import (
    LeastSquares,
    Logistic,
    ProblemSpec,
    build_problem,
    lam_max,
    regularization_path,
)
from l1l2_tui.engine.cross_validation import (
    CrossValidation,
    cross_validate,
    kfold_splits,
    standardize_on,
)


@pytest.mark.parametrize(("n", "folds", "seed"), [(442, 5, 0), (101, 5, 3), (20, 10, 7)])
def test_folds_are_sklearns_kfold(n, folds, seed):
    ours = kfold_splits(n, folds, seed)
    theirs = list(KFold(folds, shuffle=True, random_state=seed).split(np.zeros((n, 1))))
    assert len(ours) == len(theirs)
    for (train, test), (train_sk, test_sk) in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(train, train_sk)
        np.testing.assert_array_equal(test, test_sk)


def test_bad_fold_counts_are_refused():
    with pytest.raises(ValueError, match="folds"):
        kfold_splits(10, 1)
    with pytest.raises(ValueError, match="folds"):
        kfold_splits(10, 11)


@pytest.mark.parametrize("name", ["diabetes", "synthetic"])
def test_lasso_errors_match_lassocv_on_the_same_folds(name):
    problem = build_problem(ProblemSpec(dataset=name))
    cv = cross_validate(problem.X, problem.y, num=30, seed=2, standardize=False)
    model = LassoCV(
        alphas=cv.lams, cv=kfold_splits(problem.n_samples, 5, 2), tol=1e-14, max_iter=10**7
    )
    model.fit(problem.X, problem.y)
    np.testing.assert_array_equal(model.alphas_, cv.lams)
    np.testing.assert_allclose(cv.fold_errors, model.mse_path_.T, rtol=1e-11, atol=1e-8)
    np.testing.assert_allclose(cv.mean, model.mse_path_.mean(axis=1), rtol=1e-11, atol=1e-8)
    assert cv.lam_min == model.alpha_


def test_elastic_net_errors_match_elasticnetcv():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    ratio = 0.6
    cv = cross_validate(
        problem.X, problem.y, penalty="elasticnet", l1_ratio=ratio, num=20, standardize=False
    )
    # alpha = lam (2 - r), scikit-learn's l1_ratio = r / (2 - r)
    model = ElasticNetCV(
        alphas=cv.lams * (2 - ratio),
        l1_ratio=ratio / (2 - ratio),
        cv=kfold_splits(problem.n_samples, 5, 0),
        tol=1e-14,
        max_iter=10**7,
    )
    model.fit(problem.X, problem.y)
    np.testing.assert_allclose(cv.fold_errors, model.mse_path_.T, rtol=1e-11, atol=1e-8)


def test_standardizing_inside_folds_matches_a_scaler_fitted_on_each_training_fold():
    problem = build_problem(ProblemSpec(samples=90, features=8, seed=4, standardize=False))
    X, y = problem.X * [1, 10, 0.1, 3, 1, 1, 50, 2] + 7.0, problem.y
    cv = cross_validate(X, y, num=15, folds=4, seed=1, standardize=True)
    for k, (train, test) in enumerate(kfold_splits(len(y), 4, 1)):
        scaler = StandardScaler().fit(X[train])
        Xt, Xh = scaler.transform(X[train]), scaler.transform(X[test])
        yc = y[train] - y[train].mean()
        _, coefs, _ = lasso_path(Xt, yc, alphas=cv.lams, tol=1e-14, max_iter=10**7)
        predictions = Xh @ coefs + y[train].mean()  # Xt's columns have mean 0
        errors = ((y[test][:, None] - predictions) ** 2).mean(axis=0)
        np.testing.assert_allclose(cv.fold_errors[k], errors, rtol=1e-10, atol=1e-8)
    # The nonzero counts are those of the full data's path, on the standardized full data.
    full = regularization_path(LeastSquares(standardize_on(X)[0], y), "l1", lams=cv.lams)
    np.testing.assert_array_equal(cv.nonzero, full.nonzero)


NEW_SCORES = (
    {"use_legacy_attributes": False}
    if "use_legacy_attributes" in LogisticRegressionCV().get_params()
    else {}
)
"""scikit-learn 1.9 warns unless told which form of ``scores_`` to give."""


def test_logistic_errors_match_logisticregressioncv():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((100, 5))
    y = (rng.random(100) < 1 / (1 + np.exp(-X @ [1.0, -1.0, 0.5, 0.0, 0.0]))).astype(float)
    splits = kfold_splits(100, 5, 0)  # 80 training rows in every fold: one C per lam for all
    # Below every fold's lam_max: at an all-zero fit scikit-learn's saga stops with its
    # intercept short of the exact log-odds (0.2266 against 0.2513 on fold 4 here).
    top = min(lam_max(Logistic(X[train], y[train]), "l1") for train, _ in splits)
    lams = np.geomspace(0.8 * top, 0.04 * top, 8)
    cv = cross_validate(X, y, loss="logistic", lams=lams, standardize=False)
    model = LogisticRegressionCV(
        Cs=1 / (80 * lams),
        l1_ratios=[1.0],
        cv=splits,
        solver="saga",
        scoring="neg_log_loss",
        tol=1e-13,
        max_iter=10**6,
        **NEW_SCORES,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model.fit(X, y)
    scores = model.scores_
    if isinstance(scores, dict):  # before scikit-learn 1.9: keyed by class
        scores = next(iter(scores.values()))
    theirs = -np.squeeze(scores)  # folds x Cs, in the order given
    np.testing.assert_allclose(cv.fold_errors, theirs, rtol=0, atol=1e-8)


def test_lam_min_and_lam_1se_by_their_definitions():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    cv = cross_validate(problem.X, problem.y, num=40)
    mean, se = cv.mean, cv.standard_error
    best = int(np.argmin(mean))
    assert cv.lam_min == cv.lams[best]
    within = mean <= mean[best] + se[best]
    assert cv.lam_1se == cv.lams[within].max()
    assert cv.lam_1se >= cv.lam_min
    np.testing.assert_allclose(se, cv.fold_errors.std(axis=0, ddof=1) / np.sqrt(5))
    assert cv.nonzero_1se <= cv.nonzero_min
    assert cv.nonzero[0] == 0  # lam_max


def test_ties_and_the_1se_rule_on_made_up_errors():
    lams = np.array([4.0, 2.0, 1.0, 0.5])
    errors = np.array([[5.0, 3.0, 2.0, 2.0], [5.0, 3.2, 2.4, 2.4], [5.0, 2.6, 1.6, 1.6]])
    cv = CrossValidation(lams, errors, np.array([0, 1, 2, 3]), "squared")
    assert cv.lam_min == 1.0  # the tie at 1.0 and 0.5 goes to the larger lam
    assert cv.nonzero_min == 2
    # mean 2.93 at lam 2 is beyond min 2.0 + se 0.2309: lam_1se is lam_min itself
    assert cv.lam_1se == 1.0
    wide = CrossValidation(lams, errors * [1, 0.75, 1, 1], np.arange(4), "squared")
    assert wide.lam_1se == 2.0  # mean 2.2 <= 2.0 + 0.2309


def test_progress_counts_every_point_of_every_path():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    seen = []
    cross_validate(problem.X, problem.y, num=6, folds=3, on_progress=lambda *a: seen.append(a))
    assert seen == [(i, 24) for i in range(1, 25)]

    class Stop(Exception):
        pass

    def stop(done, total):
        if done == 3:
            raise Stop

    with pytest.raises(Stop):
        cross_validate(problem.X, problem.y, num=6, folds=3, on_progress=stop)


def test_logistic_fold_with_one_class_is_refused_clearly():
    X = np.random.default_rng(0).standard_normal((10, 2))
    y = np.zeros(10)
    y[3] = 1.0
    with pytest.raises(ValueError, match="training rows hold only one class"):
        cross_validate(X, y, loss="logistic", folds=5, num=3)
    with pytest.raises(ValueError, match="needs a penalty"):
        cross_validate(X, y, penalty="none")
