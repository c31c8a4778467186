"""The shipped p-dial lesson: it loads by name, turns p from 2 to 0.5 on one run and on the
geometry, and what its captions say holds on the engine."""

from __future__ import annotations

import numpy as np
from lesson_replay import main_scene_runs

from l1l2_tui.engine import ProblemSpec, Session, build_problem
from l1l2_tui.engine.claims.geometry import plane_optimum_claim
from l1l2_tui.lesson import (
    SHIPPED_LESSONS,
    Caption,
    Change,
    View,
    format_lesson,
    parse_lesson,
    shipped_lesson,
)

P_DIAL = shipped_lesson("p-dial")


def test_the_lesson_is_shipped_and_walks_p_from_two_to_a_half():
    assert "p-dial" in SHIPPED_LESSONS
    ps = [step.p for step in P_DIAL.steps if isinstance(step, Change) and step.p is not None]
    assert ps == [2.0, 1.5, 1.0, 0.7, 0.5, 2.0, 1.5, 1.0, 0.5]
    assert View("geometry") in P_DIAL.steps
    assert parse_lesson(format_lesson(P_DIAL), "p-dial") == P_DIAL


def test_the_captions_fit_an_80_column_terminal():
    captions = [step.text for step in P_DIAL.steps if isinstance(step, Caption)]
    assert all(len(text) <= 2 * 80 - 3 - 12 for text in captions)


def test_the_lesson_tells_the_truth_on_its_data():
    """No zeros at p = 2 and 1.5, zeros from p = 1; below 1 the run turned down from L1 keeps
    fewer zeros and a lower objective than the same p from w = 0."""
    problem = build_problem(P_DIAL.on_problem(ProblemSpec()))
    runs = [
        (s.penalty.label, s.zeros, s.objective, s.penalty.dead_zone(s.lr))
        for s in main_scene_runs(P_DIAL, Session(problem))
    ]
    labels = [label for label, *_ in runs]
    assert labels == ["L2", "L1.5", "L1", "L0.7", "L0.5", "L0.5"]
    (_, z2, _, zone2), (_, z15, _, zone15), (_, z1, _, zone1), *_ = runs
    assert z2 == z15 == 0 and zone2 == zone15 == 0.0
    assert z1 > 0 and zone1 > 0.0
    (_, kept, kept_value, _), (_, fresh, fresh_value, _) = runs[-2:]
    assert fresh > kept and fresh_value > kept_value


def test_the_geometry_captions_name_the_shapes_of_the_level_sets():
    problem = build_problem(P_DIAL.on_problem(ProblemSpec()))
    session = Session(problem)
    shapes = {}
    on_geometry = False
    for step in P_DIAL.steps:
        on_geometry = on_geometry or step == View("geometry")
        if isinstance(step, Change):
            session.update(**step.changes())
        if isinstance(step, Change) and on_geometry:
            optimum = np.zeros(2)
            claim = plane_optimum_claim(session.penalty, (0, 1), optimum)
            assert claim is not None
            shapes[step.p] = claim.shape
    assert shapes == {2.0: "circle", 1.5: "rounded diamond", 1.0: "diamond", 0.5: "star"}
    texts = " ".join(step.text for step in P_DIAL.steps if isinstance(step, Caption))
    assert all(shape in texts for shape in shapes.values())
