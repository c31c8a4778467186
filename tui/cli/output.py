"""What the headless commands print: a run's result as JSON, its trajectory or a path as CSV."""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections.abc import Callable
from typing import TextIO

import typer

from l1l2_tui.cli.options import OutputFormat
from l1l2_tui.engine import Loss, Problem, RegularizationPath, Session
from l1l2_tui.engine.cross_validation import CrossValidation
from l1l2_tui.engine.homotopy import HomotopyPath
from l1l2_tui.engine.session import CONVERGED_TOL
from l1l2_tui.engine.settings import SETTINGS

DEFAULT_TOL = CONVERGED_TOL
RUN_CHUNK = 250  # steps between progress reports; a multiple of Session.run's tol checks (50)


def run_steps(
    session: Session, steps: int, tol: float | None, progress: Callable[[float], None]
) -> None:
    """``session.run(steps, tol)``, in chunks, reporting the share of ``steps`` done."""
    while session.step_count < steps and session.diverged is None:
        if session.run(min(steps, session.step_count + RUN_CHUNK), tol):
            return
        progress(session.step_count / steps)


def csv_stdout() -> TextIO:
    """Standard output for CSV, in UTF-8 as the CSV files read are, whatever the locale or
    ``PYTHONIOENCODING`` say: an ASCII stdout cannot write a column named 'prix €'. (JSON needs
    nothing: ``json.dumps`` escapes every non-ASCII character.)"""
    stream = sys.stdout
    if codecs.lookup(stream.encoding or "utf-8").name != "utf-8" and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")
    return stream


def result_json(session: Session, tol: float | None) -> dict[str, object]:
    settings = session.settings
    mapping_norm = session.gradient_mapping_norm()
    return {
        "dataset": session.problem.name,
        "loss": session.problem.loss,
        **classification_json(session),
        "feature_names": list(session.problem.feature_names),
        "standardized": session.problem.standardized,
        "weights": session.weights.tolist(),
        "intercept": session.intercept,
        "step": session.step_count,
        "epoch": session.epoch,  # passes the minibatch steps made over the data
        "objective": session.objective,
        "data_loss": session.data_loss,
        "penalty_value": session.penalty_value,
        "zeros": session.zeros,
        "converged": mapping_norm < (tol or DEFAULT_TOL),
        "gradient_mapping_norm": mapping_norm,
        **{name: getattr(settings, name) for name in SETTINGS},
        "lr": session.lr,  # the step size in use, whether given or the default 1/L
        "lr_relative": session.lr_relative,
    }


def classification_json(session: Session) -> dict[str, object]:
    """The training accuracy and the classes behind labels 0 and 1, for a logistic run."""
    classes = session.problem.classes
    accuracy = session.loss.accuracy(session.weights, session.intercept)
    if classes is None or accuracy is None:
        return {}
    return {"accuracy": accuracy, "classes": {"0": classes[0], "1": classes[1]}}


def write_trajectory(
    session: Session,
    steps: int,
    tol: float | None,
    every: int,
    progress: Callable[[float], None],
) -> None:
    writer = csv.writer(csv_stdout(), lineterminator="\n")
    names = session.problem.feature_names
    writer.writerow(["step", "epoch", "objective", "data_loss", "penalty", "zeros", *names])

    def write_row() -> None:
        values = [session.objective, session.data_loss, session.penalty_value]
        weights = session.weights.tolist()
        writer.writerow(
            [
                session.step_count,
                repr(session.epoch),
                *map(repr, values),
                session.zeros,
                *map(repr, weights),
            ]
        )

    write_row()
    while session.step_count < steps and session.diverged is None:
        if tol is not None and session.gradient_mapping_norm() < tol:
            break
        if session.step(min(every, steps - session.step_count)):
            write_row()
        progress(session.step_count / steps)


def path_classification(
    path: RegularizationPath, problem: Problem, loss: Loss
) -> dict[str, list[float] | dict[str, str]]:
    """For a logistic path: the intercept, the training accuracy at each lam and the classes
    behind labels 0 and 1, as :func:`classification_json` gives them for a run."""
    if problem.classes is None:
        return {}
    rows = zip(path.weights, path.intercepts, strict=True)
    accuracy = [loss.accuracy(w, float(b)) for w, b in rows]
    if None in accuracy:
        return {}
    return {
        "intercepts": path.intercepts.tolist(),
        "accuracy": accuracy,
        "classes": {"0": problem.classes[0], "1": problem.classes[1]},
    }


def cv_json(cv: CrossValidation, seed: int) -> dict[str, object]:
    """A cross-validation along the path's grid, as ``path --cv`` prints it."""
    return {
        "folds": cv.fold_errors.shape[0],
        "seed": seed,
        "error": "mean squared error" if cv.loss == "squared" else "mean logistic loss",
        "mean": cv.mean.tolist(),
        "standard_error": cv.standard_error.tolist(),
        "fold_errors": cv.fold_errors.tolist(),
        "lam_min": cv.lam_min,
        "lam_1se": cv.lam_1se,
        "index_min": cv.index_min,
        "index_1se": cv.index_1se,
        "nonzero_min": cv.nonzero_min,
        "nonzero_1se": cv.nonzero_1se,
    }


def write_path(
    path: RegularizationPath,
    problem: Problem,
    loss: Loss,
    l1_ratio: float,
    p: float,
    output: OutputFormat,
    cv: CrossValidation | None = None,
    cv_seed: int = 0,
) -> None:
    """The path as JSON or CSV; with ``cv``, its cross-validation too (JSON: a ``cv`` object;
    CSV: the columns ``cv_mean`` and ``cv_standard_error`` after ``nonzero``)."""
    names = problem.feature_names
    extra = path_classification(path, problem, loss)
    if output is OutputFormat.json:
        payload = {
            "loss": problem.loss,
            "penalty": path.penalty.name,
            "l1_ratio": l1_ratio,
            "p": p,
            "feature_names": list(names),
            "lam_max": path.lam_max,
            "lams": path.lams.tolist(),
            "weights": path.weights.tolist(),
            "nonzero": path.nonzero.tolist(),
            **extra,
            **({} if cv is None else {"cv": cv_json(cv, cv_seed)}),
        }
        typer.echo(json.dumps(payload))
        return
    writer = csv.writer(csv_stdout(), lineterminator="\n")
    accuracy = extra.get("accuracy")
    cv_header = [] if cv is None else ["cv_mean", "cv_standard_error"]
    cv_columns = (
        [[]] * len(path.lams)
        if cv is None
        else [
            [repr(float(m)), repr(float(e))]
            for m, e in zip(cv.mean, cv.standard_error, strict=True)
        ]
    )
    if isinstance(accuracy, list):
        writer.writerow(["lam", "nonzero", *cv_header, "intercept", "accuracy", *names])
        rows = zip(
            path.lams,
            path.nonzero,
            cv_columns,
            path.intercepts,
            accuracy,
            path.weights,
            strict=True,
        )
        for lam, nonzero, errors, b, right, weights in rows:
            values = [repr(float(b)), repr(right), *map(repr, weights.tolist())]
            writer.writerow([repr(float(lam)), int(nonzero), *errors, *values])
        return
    writer.writerow(["lam", "nonzero", *cv_header, *names])
    rows = zip(path.lams, path.nonzero, cv_columns, path.weights, strict=True)
    for lam, nonzero, errors, weights in rows:
        writer.writerow([repr(float(lam)), int(nonzero), *errors, *map(repr, weights.tolist())])


def write_exact_path(path: HomotopyPath, problem: Problem, output: OutputFormat) -> None:
    """The exact lasso path: its knots (``lam`` from lam_max down to the path's end), the
    weights and intercept at each (linear in lam between them), and the events, each at the
    knot it happens at. JSON also says, for each weight that leaves 0 after it entered, what it
    does in words."""
    from l1l2_tui.views.path.words import say_events  # the path view's words, as it says them

    names = problem.feature_names
    if output is OutputFormat.json:
        events = [
            {"feature": names[e.feature], "index": e.feature, "lam": e.lam, "kind": e.kind}
            for e in path.events
        ]
        returns = [
            say_events(names[j], path.events_of(j))
            for j in range(len(names))
            if any(e.kind == "leave" for e in path.events_of(j))
        ]
        payload = {
            "loss": problem.loss,
            "penalty": "l1",
            "exact": True,
            "feature_names": list(names),
            "lam_max": path.lam_max,
            "lams": path.lams.tolist(),
            "weights": path.weights.tolist(),
            "intercepts": path.intercepts.tolist(),
            "nonzero": path.nonzero.tolist(),
            "events": events,
            "returns": returns,
        }
        typer.echo(json.dumps(payload))
        return
    writer = csv.writer(csv_stdout(), lineterminator="\n")
    writer.writerow(["lam", "nonzero", "intercept", "events", *names])
    rows = zip(path.lams, path.nonzero, path.intercepts, path.weights, strict=True)
    for k, (lam, nonzero, b, weights) in enumerate(rows):
        # Knot k is where the events of that lam happen; the end of the path has none.
        here = [e for e in path.events if e.lam == lam] if k < len(path.lams) - 1 else []
        said = "; ".join(f"{names[e.feature]} {e.kind}s" for e in here)
        writer.writerow(
            [repr(float(lam)), int(nonzero), repr(float(b)), said, *map(repr, weights.tolist())]
        )
