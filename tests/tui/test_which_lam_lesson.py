"""The shipped lesson ``which-lam``: it loads by name, its lams are the cross-validation's marks
on the synthetic data, its captions hold there, and it plays through the path view."""

from __future__ import annotations

from apps import build_app, play_frame, until
from lesson_replay import main_scene_runs

from l1l2_tui.engine import ProblemSpec, Session, build_problem, loss_for, regularization_path
from l1l2_tui.engine.claims.main import true_support
from l1l2_tui.engine.claims.path import path_truth
from l1l2_tui.engine.cross_validation import cross_validate_path
from l1l2_tui.engine.penalties import make_penalty
from l1l2_tui.lesson import SHIPPED_LESSONS, Caption, Change, View, shipped_lesson
from l1l2_tui.views.path.screen import CV_SEED, FOLDS, PathScreen

LESSON = shipped_lesson("which-lam")
PROBLEM = build_problem(LESSON.on_problem(ProblemSpec()))


def set_lams() -> list[float]:
    return [step.lam for step in LESSON.steps if isinstance(step, Change) and step.lam]


def test_the_lesson_is_shipped_by_name_on_the_synthetic_data():
    assert "which-lam" in SHIPPED_LESSONS
    assert LESSON.dataset == "synthetic" and PROBLEM.true_weights is not None
    assert View("path") in LESSON.steps


def test_the_captions_fit_an_80_column_terminal():
    captions = [step.text for step in LESSON.steps if isinstance(step, Caption)]
    assert all(len(text) <= 2 * 80 - 3 - 12 for text in captions)


def test_its_lams_are_lam_min_and_lam_1se_and_what_it_says_of_them_holds():
    path = regularization_path(loss_for(PROBLEM), make_penalty("l1", 1.0))
    cv = cross_validate_path(PROBLEM, path, FOLDS, CV_SEED)
    first, lam_min, lam_1se = set_lams()
    assert (lam_min, lam_1se) == (cv.lam_min, cv.lam_1se)
    # "keeps four weights that are truly 0"
    assert len(path_truth(path, PROBLEM.true_weights, lam_min).extra) == 4
    # "with fewer weights"
    assert cv.nonzero_1se < cv.nonzero_min
    # At lam 0.3: "keeps x1-x4, the true ones, and x6, a false positive"
    assert first == 0.3
    (run,) = list(main_scene_runs(LESSON, Session(PROBLEM)))
    claim = true_support(run.weights, PROBLEM.true_weights, run.settings.lam)
    assert claim.extra == (5,) and claim.missed == ()
    assert run.converged


async def test_the_lesson_plays_through_the_path_view_to_its_lams():
    app = build_app(lesson=LESSON, once=True)
    async with app.run_test(size=(100, 32)) as pilot:
        seen: set[tuple[float, str]] = set()
        while not app.control.player.finished:
            await play_frame(app, pilot)
            seen.add((app.session.settings.lam, type(app.screen).__name__))
        screen = app.screen
        assert isinstance(screen, PathScreen)
        await until(pilot, lambda: screen.cross_validation is not None, timeout=30)
        cv = screen.cross_validation
        assert {(cv.lam_min, "PathScreen"), (cv.lam_1se, "PathScreen")} <= seen
        assert (0.3, "MainScreen") in seen
