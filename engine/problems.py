"""Regression problems: the built-in data sets and the user's own CSV.

A :class:`Problem` holds the design matrix ``X`` (n x d), the target ``y`` and the feature
names. Features are standardized to mean 0 and population standard deviation 1 unless the
spec says otherwise, so that one ``lam`` treats every feature alike.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np

DatasetName = Literal["synthetic", "diabetes", "toy2d"]
DATASETS: tuple[DatasetName, ...] = ("synthetic", "diabetes", "toy2d")


class DataError(ValueError):
    """Input data that cannot make a problem; the message says what and where."""


@dataclass(frozen=True)
class ProblemSpec:
    """Everything needed to build a problem, as the user chose it.

    ``samples``, ``features``, ``informative``, ``noise`` and ``correlation`` shape the
    ``synthetic`` data set; ``seed`` makes it reproducible. ``data`` (a CSV path) takes
    precedence over ``dataset``; ``target`` names its target column (default: the last).
    """

    dataset: DatasetName = "synthetic"
    data: Path | None = None
    target: str | None = None
    samples: int = 200
    features: int = 10
    informative: int = 4
    noise: float = 1.0
    correlation: float = 0.5
    seed: int = 0
    standardize: bool = True


@dataclass(frozen=True, eq=False)
class Problem:
    """A least-squares regression problem ``y ~ X w + b``.

    ``true_weights`` is known only for synthetic data (in the space of ``X`` as stored,
    i.e. standardized when ``standardized``).
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    name: str
    standardized: bool
    true_weights: np.ndarray | None = field(default=None)

    @property
    def n_samples(self) -> int:
        return self.X.shape[0]

    @property
    def n_features(self) -> int:
        return self.X.shape[1]


def build_problem(spec: ProblemSpec) -> Problem:
    """Build the problem ``spec`` describes; raises :class:`DataError` for bad input."""
    if spec.data is not None:
        X, y, names = read_csv(spec.data, spec.target)
        name, true_w = Path(spec.data).name, None
    elif spec.dataset == "synthetic":
        X, y, true_w = synthetic(
            spec.samples, spec.features, spec.informative, spec.noise, spec.correlation, spec.seed
        )
        names, name = tuple(f"x{j + 1}" for j in range(spec.features)), "synthetic"
    elif spec.dataset == "diabetes":
        X, y, names = diabetes()
        name, true_w = "diabetes", None
    elif spec.dataset == "toy2d":
        X, y, true_w = toy2d(spec.seed)
        names, name = ("x1", "x2"), "toy2d"
    else:
        raise DataError(f"unknown dataset {spec.dataset!r}; choose one of {', '.join(DATASETS)}")
    if spec.standardize:
        X, scale = standardize(X, names)
        if true_w is not None:
            true_w = true_w * scale
    return Problem(X, y, tuple(names), name, spec.standardize, true_w)


def standardize(X: np.ndarray, names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(X - mean) / std`` (population std) and the std per column."""
    std = X.std(axis=0)
    constant = np.flatnonzero(std <= 1e-12 * np.maximum(1.0, np.abs(X).max(axis=0)))
    if constant.size:
        j = int(constant[0])
        raise DataError(f"feature column {names[j]!r} is constant: it cannot be standardized")
    return (X - X.mean(axis=0)) / std, std


def synthetic(
    samples: int = 200,
    features: int = 10,
    informative: int = 4,
    noise: float = 1.0,
    correlation: float = 0.5,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gaussian features with Toeplitz correlation ``correlation**|i-j|`` and a sparse truth.

    The first ``informative`` weights are nonzero, alternating in sign with magnitudes from
    3 down to 1, so a lasso path shows them entering one by one; the rest are exactly 0.
    ``y = X w_true + 2 + noise * N(0, 1)``. Returns ``(X, y, w_true)``.
    """
    if not 1 <= informative <= features:
        raise DataError(f"--informative must be between 1 and --features ({features})")
    if not (noise >= 0 and np.isfinite(noise)):
        raise DataError("--noise must be a finite number >= 0")
    if not -1 < correlation < 1:
        raise DataError("--correlation must lie strictly between -1 and 1")
    rng = np.random.default_rng(seed)
    lags = np.abs(np.subtract.outer(np.arange(features), np.arange(features)))
    cov = correlation**lags
    X = rng.standard_normal((samples, features)) @ np.linalg.cholesky(cov).T
    w_true = np.zeros(features)
    magnitudes = np.linspace(3.0, 1.0, informative)
    w_true[:informative] = magnitudes * np.where(np.arange(informative) % 2 == 0, 1.0, -1.0)
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
    text = resources.files("engine").joinpath("data/diabetes.csv").read_text()
    return parse_csv(text, target=None, source="diabetes.csv")


def read_csv(path: str | Path, target: str | None = None) -> tuple[np.ndarray, np.ndarray, tuple]:
    """Read a CSV file with a header row; ``target`` names the target column (default last)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    raw = path.read_bytes()
    if b"\0" in raw[:8192]:
        raise DataError(f"{path}: not a text CSV file (it contains binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return parse_csv(text, target, source=str(path))


def parse_csv(
    text: str, target: str | None, source: str
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Parse CSV text into ``(X, y, feature_names)``; every cell must be a finite number.

    Blank lines are skipped; messages name the line of the file a bad row ends on."""
    reader = csv.reader(io.StringIO(text))
    rows, lines = [], []
    for row in reader:
        if any(cell.strip() for cell in row):
            rows.append(row)
            lines.append(reader.line_num)
    if not rows:
        raise DataError(f"{source}: the file is empty")
    header = [name.strip() for name in rows[0]]
    if len(rows) < 3:
        raise DataError(f"{source}: needs a header row and at least two data rows")
    if len(header) < 2:
        raise DataError(f"{source}: needs at least two columns (features and a target)")
    if len(set(header)) != len(header):
        raise DataError(f"{source}: the header repeats a column name")
    target_col = len(header) - 1 if target is None else _column_index(header, target, source)
    values = np.empty((len(rows) - 1, len(header)))
    for k, (i, row) in enumerate(zip(lines[1:], rows[1:], strict=True)):
        if len(row) != len(header):
            raise DataError(
                f"{source}: row {i} has {len(row)} cells but the header has {len(header)}"
            )
        for j, cell in enumerate(row):
            try:
                value = float(cell)
            except ValueError:
                raise DataError(
                    f"{source}: row {i}, column {header[j]!r}: {cell.strip()!r} is not a number"
                ) from None
            if not np.isfinite(value):
                raise DataError(f"{source}: row {i}, column {header[j]!r}: {cell.strip()} value")
            values[k, j] = value
    features = [j for j in range(len(header)) if j != target_col]
    names = tuple(header[j] for j in features)
    return values[:, features], values[:, target_col], names


def _column_index(header: list[str], target: str, source: str) -> int:
    if target not in header:
        raise DataError(f"{source}: no column named {target!r} (columns: {', '.join(header)})")
    return header.index(target)
