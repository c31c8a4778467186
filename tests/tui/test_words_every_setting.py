"""Every view's words under every penalty, optimizer and loss: each caption names the penalty in
use, and each number it gives for what the penalty holds at 0, or formula for its fading pull,
is the engine's."""

from __future__ import annotations

import functools
import re

import numpy as np
import pytest

from l1l2_tui.engine import OPTIMIZERS, PENALTIES, ProblemSpec, Session, Settings, build_problem
from l1l2_tui.engine.claims.compare import side_by_side
from l1l2_tui.engine.claims.geometry import plane_optimum_claim
from l1l2_tui.engine.claims.zero import one_weight_slice, slice_minimum, units_myth
from l1l2_tui.engine.geometry import PlaneView
from l1l2_tui.engine.path import regularization_path
from l1l2_tui.engine.problems import Problem
from l1l2_tui.views.compare.words import narrate_compare
from l1l2_tui.views.forces.words import narrate_forces
from l1l2_tui.views.geometry.words import narrate_geometry
from l1l2_tui.views.main.words import narrate_main
from l1l2_tui.views.path.words import narrate_path
from l1l2_tui.views.zero.words import narrate_zero

SQUARED = build_problem(ProblemSpec(features=8, informative=3, seed=4))
LOGISTIC = Problem(
    SQUARED.X,
    (SQUARED.y > np.median(SQUARED.y)).astype(float),
    SQUARED.feature_names,
    "split",
    True,
    loss="logistic",
)
LABELS = {"L1", "L2", "EN", "none"}
HOLDS = re.compile(r"\b(lam(?:·l1_ratio)?) = (-?[0-9]+(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?)")
FADING = re.compile(r"(2·lam(?:·\(1 − l1_ratio\))?)·\|w\|")


@functools.cache
def path_of(problem: Problem, penalty: str):
    session = Session(problem, Settings(penalty))
    return regularization_path(session.loss, session.penalty.at_lam(1.0), num=30)


def captions(session: Session) -> dict[str, str]:
    """Each view's caption for ``session`` as it stands."""
    j = int(np.argmin(np.abs(session.weights)))
    piece = slice_minimum(one_weight_slice(session, j), 1.0)
    plane = PlaneView.from_weights(
        session.loss, session.penalty, session.weights, 0, 1, intercept=session.intercept
    )
    claim = plane_optimum_claim(session.penalty, (0, 1), plane.optimum, plane.quadratic)
    other = Session(session.problem, Settings("l2", session.settings.lam))
    other.step(session.step_count)
    words = {
        "main": narrate_main(session),
        "forces": narrate_forces(session),
        "zero": narrate_zero(session, piece, None),
        "geometry": narrate_geometry(session, claim, plane.quadratic, plane.center is not None),
        "compare": narrate_compare(side_by_side(session, other)),
    }
    if session.penalty.penalizes:
        words["path"] = narrate_path(session, path_of(session.problem, session.settings.penalty))
    if session.loss.has_units and session.penalty.capacity_at_zero() > 0:
        myth = units_myth(session, 10.0)
        if myth is not None:
            scaled = slice_minimum(one_weight_slice(session, j, 10.0), 10.0)
            words["zero ×10"] = narrate_zero(session, scaled, myth)
    return words


def check_words(view: str, text: str, session: Session) -> int:
    """Fails unless ``text`` names ``session``'s penalty and its numbers; returns how many
    numbers of what the penalty holds at 0 it checked."""
    penalty = session.penalty
    first = re.match(r"(L1|L2|EN|none)\b", text)
    if first and first.group(1) in LABELS and view != "compare":
        assert first.group(1) == penalty.label, f"{view} names another penalty: {text}"
    scale = 10.0 if view == "zero ×10" else 1.0
    for name, value in HOLDS.findall(text):
        assert name == penalty.strength, f"{view} names {name} under {penalty!r}: {text}"
        held = scale * penalty.capacity_at_zero()
        assert abs(float(value) - held) <= 0.051 * held, f"{view}: {name} = {value}, not {held}"
    for formula in FADING.findall(text):
        assert formula == penalty.fading and penalty.smooth_curvature() > 0, (
            f"{view}: fading pull {formula} under {penalty!r}: {text}"
        )
    return len(HOLDS.findall(text))


RUNS = [
    (penalty, optimizer)
    for optimizer in OPTIMIZERS
    for penalty in PENALTIES
    if not (OPTIMIZERS[optimizer].elastic_net_only and penalty == "l0")  # refused, with a message
]
"""Every penalty (lp at its default p, 1) under every optimizer that takes it."""


@pytest.mark.slow
@pytest.mark.parametrize("problem", [SQUARED, LOGISTIC], ids=["squared", "logistic"])
@pytest.mark.parametrize(("penalty", "optimizer"), RUNS)
def test_every_caption_names_the_penalty_and_its_numbers(problem, penalty, optimizer):
    session = Session(problem, Settings(penalty, optimizer=optimizer))
    checked = 0
    for steps in (3, 40, 200):
        session.step(steps)
        for view, text in captions(session).items():
            checked += check_words(view, text, session)
    # A penalty that is not convex (L0) holds any pull at 0: its captions speak of the prox's
    # threshold and jump instead.
    holds = session.penalty.capacity_at_zero()
    if session.penalty.convex and holds > 0 and session.diverged is None:
        assert checked, "vacuous: no caption said what the penalty holds at 0"
