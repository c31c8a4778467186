"""Problems: the built-in data sets and the user's own CSV, for regression or classification.

A :class:`Problem` holds the design matrix ``X`` (n x d), the target ``y`` and the feature
names, and names its data loss: ``squared`` (least squares) or ``logistic`` (``y`` holds the
labels as 0 and 1). Features are standardized to mean 0 and population standard deviation 1
unless the spec says otherwise, so that one ``lam`` treats every feature alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

import numpy as np

from l1l2_tui.engine.data_limits import DataError, ProgressReport, check_size
from l1l2_tui.engine.digits import PIXEL_NAMES, DigitsTask, digits_binary

DatasetName = Literal["synthetic", "diabetes", "toy2d", "digits", "pair"]
DATASETS: tuple[DatasetName, ...] = ("synthetic", "diabetes", "toy2d", "digits", "pair")
LossName = Literal["squared", "logistic"]
LOSSES: tuple[LossName, ...] = ("squared", "logistic")
DEFAULT_DIGIT: DigitsTask = 0
"""Zero against the rest, whose weights read at a glance: positive on the ring of a 0, negative
in its hollow centre (L2 draws the whole ring, L1 keeps about ten of its pixels)."""


@dataclass(frozen=True)
class ProblemSpec:
    """Everything needed to build a problem, as the user chose it.

    ``samples``, ``features``, ``informative`` (default: ``min(4, features)``), ``noise`` and
    ``correlation`` shape the ``synthetic`` data set (``samples``, ``features`` and ``seed`` the
    ``pair`` data set too: :func:`correlated_pair`, two features of
    correlation 0.98 with one true weight); ``seed`` (>= 0) makes it reproducible.
    ``data`` (a CSV path) takes precedence over ``dataset``; ``target`` names its target
    column (default: the last). ``loss`` defaults to ``logistic`` for ``digits`` and to
    ``squared`` otherwise; ``digit`` is the digits task (one digit against the rest, or
    ``"ge5"``). ``image_shape`` (rows, columns) says the features are the pixels of an image,
    row by row (digits: 8 x 8).
    """

    dataset: DatasetName = "synthetic"
    data: Path | None = None
    target: str | None = None
    samples: int = 200
    features: int = 10
    informative: int | None = None
    noise: float = 1.0
    correlation: float = 0.5
    seed: int = 0
    standardize: bool = True
    loss: LossName | None = None
    digit: DigitsTask = DEFAULT_DIGIT
    image_shape: tuple[int, int] | None = None


@dataclass(frozen=True, eq=False)
class Problem:
    """A regression problem ``y ~ X w + b`` (``loss="squared"``) or a binary classification
    problem (``loss="logistic"``, ``y`` in {0, 1}, ``classes`` the original labels of 0 and 1).

    ``true_weights`` is known only for synthetic data (in the space of ``X`` as stored,
    i.e. standardized when ``standardized``). ``image_shape`` is set when the features are
    the pixels of an image, row by row.
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    name: str
    standardized: bool
    true_weights: np.ndarray | None = field(default=None)
    loss: LossName = "squared"
    classes: tuple[str, str] | None = None
    image_shape: tuple[int, int] | None = None

    @property
    def n_samples(self) -> int:
        return self.X.shape[0]

    @property
    def n_features(self) -> int:
        return self.X.shape[1]

    @cached_property
    def constant_features(self) -> np.ndarray:
        """Which features are the same in every row (the digits' always-blank pixels): the
        data never pulls on their weights, so from a start at 0 they stay exactly 0 under any
        penalty and count among the zeros without being the penalty's doing.

        Computed once (every zero count asks, each frame; on 2,000,000 rows it takes 0.1 s)
        and read-only."""
        first_row = self.X[:1]
        constant = np.all(first_row == self.X, axis=0)
        constant.flags.writeable = False
        return constant


def build_problem(spec: ProblemSpec, on_progress: ProgressReport | None = None) -> Problem:
    """Build the problem ``spec`` describes; raises :class:`DataError` for bad input.

    ``on_progress`` hears how far the reading of a CSV file has got (see :func:`read_csv`)."""
    if spec.seed < 0:
        raise DataError(f"--seed must be a whole number >= 0, not {spec.seed}")
    if spec.target is not None and spec.data is None:
        raise DataError("--target needs --data: the built-in data sets have their own target")
    digits = spec.data is None and spec.dataset == "digits"
    loss = spec.loss or ("logistic" if digits else "squared")
    if loss not in LOSSES:
        raise DataError(f"unknown loss {loss!r}; choose one of {', '.join(LOSSES)}")
    image_shape = spec.image_shape
    if digits:
        return _digits(spec, loss)
    if spec.data is not None:
        from l1l2_tui.engine.csv_data import (
            read_csv,  # the csv module and the reader: only for a file
        )

        X, y, names = read_csv(spec.data, spec.target, on_progress)
        name, true_w = Path(spec.data).name, None
    elif spec.dataset == "synthetic":
        informative = min(4, spec.features) if spec.informative is None else spec.informative
        X, y, true_w = synthetic(
            spec.samples, spec.features, informative, spec.noise, spec.correlation, spec.seed
        )
        names, name = tuple(f"x{j + 1}" for j in range(spec.features)), "synthetic"
    elif spec.dataset == "pair":
        X, y, true_w = correlated_pair(spec.samples, spec.features, seed=spec.seed)
        names, name = tuple(f"x{j + 1}" for j in range(spec.features)), "pair"
    elif spec.dataset == "diabetes":
        X, y, names = diabetes()
        name, true_w = "diabetes", None
    elif spec.dataset == "toy2d":
        X, y, true_w = toy2d(spec.seed)
        names, name = ("x1", "x2"), "toy2d"
    else:
        raise DataError(f"unknown dataset {spec.dataset!r}; choose one of {', '.join(DATASETS)}")
    check_magnitude(X, y, tuple(names), str(spec.data or name))
    classes = None
    if loss == "logistic":
        y, classes = binary_target(y, str(spec.data or name))
    if image_shape is not None:
        check_image_shape(image_shape, len(names))
    if spec.standardize:
        X, scale = standardize(X, names)
        if true_w is not None:
            true_w = true_w * scale
    return Problem(X, y, tuple(names), name, spec.standardize, true_w, loss, classes, image_shape)


def _digits(spec: ProblemSpec, loss: LossName) -> Problem:
    """The digits task ``spec.digit``. The always-blank pixels stay as columns of zeros (the
    image needs all 64), so their weights feel no pull and stay exactly 0."""
    if spec.image_shape not in (None, (8, 8)):
        rows, cols = spec.image_shape
        raise DataError(f"--image-shape {rows}x{cols} does not fit digits: they are 8x8 images")
    X, y01 = digits_binary(spec.digit, spec.standardize)
    if spec.digit == "ge5":
        name, classes = "digits >= 5", ("0-4", "5-9")
    else:
        name, classes = f"digits {spec.digit} vs rest", ("rest", str(spec.digit))
    return Problem(X, y01, PIXEL_NAMES, name, spec.standardize, None, loss, classes, (8, 8))


def binary_target(y: np.ndarray, source: str) -> tuple[np.ndarray, tuple[str, str]]:
    """``y`` as 0/1 labels and the two original values (the smaller becomes 0); raises
    :class:`DataError` unless ``y`` holds exactly two distinct values."""
    values = np.unique(y)
    if len(values) != 2:
        found = "one value" if len(values) == 1 else f"{len(values)} distinct values"
        raise DataError(
            f"{source}: a logistic target needs exactly two distinct values (the two classes); "
            f"the target column has {found}"
        )
    return (y == values[1]).astype(float), (f"{values[0]:g}", f"{values[1]:g}")


def check_image_shape(shape: tuple[int, int], features: int) -> None:
    rows, cols = shape
    if rows < 1 or cols < 1 or rows * cols != features:
        raise DataError(
            f"--image-shape {rows}x{cols} has {rows * cols} pixels, but the data has "
            f"{features} features"
        )


def standardize(X: np.ndarray, names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(X - mean) / std`` (population std) and the std per column.

    A column is constant when its std is 0 or below ``1e-12`` of its largest magnitude
    (rounding noise): a relative test, so data measured in tiny units is kept."""
    std = X.std(axis=0)
    largest = np.abs(X).max(axis=0, initial=0.0)
    # Squares of numbers below about 1e-154 underflow to 0: scale such columns up first.
    for j in np.flatnonzero((largest > 0) & (largest < 1e-100)):
        std[j] = (X[:, j] / largest[j]).std() * largest[j]
    constant = np.flatnonzero(std <= 1e-12 * largest)
    if constant.size:
        j = int(constant[0])
        raise DataError(f"feature column {names[j]!r} is constant: it cannot be standardized")
    X = X - X.mean(axis=0)
    X /= std
    return X, std


def check_noise(noise: float) -> None:
    """``DataError`` unless the noise's scale is a finite number >= 0."""
    if not (noise >= 0 and np.isfinite(noise)):
        raise DataError("--noise must be a finite number >= 0")


def check_correlation(correlation: float) -> None:
    """``DataError`` unless the correlation lies strictly between -1 and 1."""
    if not -1 < correlation < 1:
        raise DataError("--correlation must lie strictly between -1 and 1")


def synthetic(
    samples: int = 200,
    features: int = 10,
    informative: int = 4,
    noise: float = 1.0,
    correlation: float = 0.5,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gaussian features with Toeplitz correlation ``correlation**|i-j|`` and a sparse truth.

    Each row is a stationary AR(1) sequence over the features, ``x_0 = z_0`` and
    ``x_j = rho x_{j-1} + sqrt(1 - rho^2) z_j`` with ``z`` standard normal and
    ``rho = correlation``: unit variance and correlation ``rho^|i-j|``, with no d x d
    covariance or its Cholesky factor (the same ``z`` through that factor gives the same ``X``,
    to rounding). The first ``informative`` weights are nonzero, alternating in sign with
    magnitudes from 3 down to 1, so a lasso path shows them entering one by one; the rest are
    exactly 0. ``y = X w_true + 2 + noise * N(0, 1)``. Returns ``(X, y, w_true)``.
    """
    check_size(samples, features, "--samples x --features")
    if not 1 <= informative <= features:
        raise DataError(f"--informative must be between 1 and --features ({features})")
    check_noise(noise)
    if noise > MAX_NOISE:
        raise DataError(f"--noise must be at most {MAX_NOISE:g}: beyond that it drowns the data")
    check_correlation(correlation)
    rng = np.random.default_rng(seed)
    X = ar1_rows(rng.standard_normal((samples, features)), correlation)
    w_true = np.zeros(features)
    magnitudes = np.linspace(3.0, 1.0, informative)
    w_true[:informative] = magnitudes * np.where(np.arange(informative) % 2 == 0, 1.0, -1.0)
    y = X @ w_true + 2.0 + noise * rng.standard_normal(samples)
    return X, y, w_true


def ar1_rows(z: np.ndarray, rho: float, block: int = 4096) -> np.ndarray:
    """``z`` (standard normal, n x d) turned in place into rows of the AR(1) recursion
    ``x_j = rho x_{j-1} + sqrt(1 - rho^2) z_j``, ``x_0 = z_0``; a block of rows at a time, so
    each column update stays in the cache."""
    scale = np.sqrt(1.0 - rho * rho)
    for start in range(0, z.shape[0], block):
        rows = z[start : start + block]
        for j in range(1, z.shape[1]):
            rows[:, j] *= scale
            rows[:, j] += rho * rows[:, j - 1]
    return z


def correlated_pair(
    samples: int = 100,
    features: int = 10,
    correlation: float = 0.98,
    weight: float = 1.0,
    noise: float = 2.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two standard normal features ``x1``, ``x2`` with correlation ``correlation`` and the
    same true weight ``weight``, and ``features - 2`` independent standard normal features with
    true weight 0: ``y = weight (x1 + x2) + 2 + noise * N(0, 1)``. The pair shares one factor
    ``c``, ``x1 = sqrt(|rho|) c + sqrt(1 - |rho|) e1`` and ``x2 = sign(rho) sqrt(|rho|) c +
    sqrt(1 - |rho|) e2``, so neither is built from the other. Returns ``(X, y, w_true)``, drawn by
    ``np.random.default_rng(seed)``.

    With the defaults, standardized, at ``lam = lam_max / 2``, the lasso keeps one of the pair
    and drops the other in most bootstrap resamples, which one flipping between resamples,
    while the elastic net (``l1_ratio = 0.5``) keeps both in every one; at the app's suggested
    ``lam`` (0.15 ``lam_max``) the lasso keeps both more often, and some noise features too."""
    check_size(samples, features, "--samples x --features")
    if features < 2:
        raise DataError("a correlated pair needs at least 2 features")
    if samples < 2:
        raise DataError("a correlated pair needs at least 2 samples")
    check_correlation(correlation)
    check_noise(noise)
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((samples, features))
    common = rng.standard_normal(samples)
    X[:, :2] = np.sqrt(abs(correlation)) * common[:, None] * [1.0, np.sign(correlation)] + (
        np.sqrt(1.0 - abs(correlation)) * X[:, :2]
    )
    w_true = np.zeros(features)
    w_true[:2] = weight
    y = X @ w_true + 2.0 + noise * rng.standard_normal(samples)
    return X, y, w_true


def toy2d(seed: int = 0, samples: int = 100) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two correlated features (rho = 0.6) with true weights (2, 0.05).

    At the suggested ``lam`` the L1 corner catches the weaker weight while L2 keeps it.
    Returns ``(X, y, w_true)``."""
    rng = np.random.default_rng(seed)
    cov = np.array([[1.0, 0.6], [0.6, 1.0]])
    X = rng.standard_normal((samples, 2)) @ np.linalg.cholesky(cov).T
    w_true = np.array([2.0, 0.05])
    y = X @ w_true + 0.5 * rng.standard_normal(samples)
    return X, y, w_true


def diabetes() -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """The diabetes data set (Efron, Hastie, Johnstone and Tibshirani, 2004): 442 patients,
    ten baseline variables, and a measure of disease progression one year later."""
    # Here, not at the top: a start on the synthetic data needs neither.
    from importlib import resources

    from l1l2_tui.engine.csv_data import parse_csv

    text = resources.files("l1l2_tui.engine").joinpath("data/diabetes.csv").read_text()
    return parse_csv(text, target=None, source="diabetes.csv")


MAX_NOISE = 1e6
"""The largest synthetic noise std: the true weights are between 1 and 3 in size."""
MAX_MAGNITUDE = 1e100
"""The largest number accepted in the data: sums of squares of larger ones can overflow."""


def check_magnitude(X: np.ndarray, y: np.ndarray, names: tuple[str, ...], source: str) -> None:
    """Refuse data with a number beyond :data:`MAX_MAGNITUDE` in size, which would overflow."""
    columns = [("the target column", y), *((f"column {n!r}", X[:, j]) for j, n in enumerate(names))]
    for what, column in columns:
        largest = float(np.abs(column).max(initial=0.0))
        if largest > MAX_MAGNITUDE:
            raise DataError(
                f"{source}: the data overflows: {what} holds a number of size {largest:.3g}, "
                f"too large to square and sum; numbers up to {MAX_MAGNITUDE:g} in size are accepted"
            )
