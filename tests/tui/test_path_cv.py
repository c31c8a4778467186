"""The path view's cross-validation: computed after the path in the same worker, drawn under it
on the same lam columns, captioned from its numbers; ``m`` and ``k`` set the run's lam to
lam.min and lam.1se once it is there; the true weights and the at-most-rank bound in the
caption."""

from __future__ import annotations

import threading

import pytest
from apps import build_app, paused_app, until
from test_plot_cells import painted

import l1l2_tui.views.path.screen as path_screen
from l1l2_tui.engine import L1, LeastSquares, ProblemSpec, build_problem, lam_max
from l1l2_tui.engine.claims.path import flips, irrepresentable, path_truth
from l1l2_tui.engine.cross_validation import cross_validate_path
from l1l2_tui.engine.stability import bootstrap_selection, support_bound
from l1l2_tui.rendering.palette import app_palette
from l1l2_tui.views.path.cv_plot import CVPlot
from l1l2_tui.views.path.path_plot import PathPlot
from l1l2_tui.views.path.screen import PathScreen
from l1l2_tui.views.path.stability_panel import RESAMPLES, StabilityPanel
from l1l2_tui.views.path.words import say_flips, say_truth
from l1l2_tui.widgets.narration_line import NarrationLine


def widget_text(widget) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def caption(screen: PathScreen) -> str:
    return str(screen.query_one("#cv-caption").render())


def narration(screen: PathScreen) -> str:
    return " ".join(str(screen.query_one(NarrationLine).render()).split())


def rule_columns(plot, color) -> set[int]:
    """The columns where a vertical rule of ``color`` is drawn, inside the frame."""
    cells = painted(plot)
    return {
        col
        for row in cells[1:-1]
        for col, (char, rgb) in enumerate(row[1:-1], start=1)
        if char == "│" and rgb == color
    }


async def test_cv_is_the_engines_and_the_keys_set_lam_to_its_marks():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PathScreen)
        await until(pilot, lambda: screen.cross_validation is not None)
        await pilot.pause()
        cv = screen.cross_validation
        again = cross_validate_path(app.session.problem, screen.path, 5, 0)
        assert (cv.fold_errors == again.fold_errors).all()
        text = caption(screen)
        assert f"lam.min {cv.lam_min:.3g} ({cv.nonzero_min} nonzero)" in text
        assert f"lam.1se {cv.lam_1se:.3g} ({cv.nonzero_1se} nonzero)" in text
        assert f"least mean squared error {cv.mean[cv.index_min]:.3g}" in text
        assert cv.lam_1se > cv.lam_min  # on this data the two marks differ
        await pilot.press("m")
        assert app.session.settings.lam == cv.lam_min
        assert f"{cv.nonzero_min} of 10 nonzero at lam {cv.lam_min:.3g}" in narration(screen)
        await pilot.press("k")
        assert app.session.settings.lam == cv.lam_1se
        assert app.session.step_count == 0  # a change of lam, not a reset


async def test_the_marks_are_drawn_in_the_columns_of_their_lams_above_and_below():
    app = paused_app()
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("p")
        screen = app.screen
        await until(pilot, lambda: screen.cross_validation is not None)
        await pilot.pause()
        colors = app_palette(app)
        path_plot, cv_plot = screen.query_one(PathPlot), screen.query_one(CVPlot)
        (lam_min_column,) = rule_columns(cv_plot, colors.held)
        (lam_1se_column,) = rule_columns(cv_plot, colors.penalty)
        assert lam_1se_column < lam_min_column  # lam_max on the left
        for key, column in (("m", lam_min_column), ("k", lam_1se_column)):
            await pilot.press(key)
            await pilot.pause()
            # The run's lam, now at the mark, in the mark's column in the path above.
            assert rule_columns(path_plot, colors.marker) == {column}


async def test_the_keys_wait_for_the_cross_validation(monkeypatch):
    release = threading.Event()

    def held(*args, **kwargs):
        release.wait(10)
        return cross_validate_path(*args, **kwargs)

    monkeypatch.setattr(path_screen, "cross_validate_path", held)
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        await until(pilot, lambda: screen.path is not None)
        lam = app.session.settings.lam
        assert screen.check_action("cv_lam", ("min",)) is False
        assert "Cross-validating" in caption(screen)
        await pilot.press("m", "k")
        assert app.session.settings.lam == lam
        release.set()
        await until(pilot, lambda: screen.cross_validation is not None)
        assert screen.check_action("cv_lam", ("min",)) is True


async def test_a_failed_cross_validation_is_told_and_the_path_stays(monkeypatch):
    def fail(*args, **kwargs):
        raise ValueError("fold 2's training rows hold only one class")

    monkeypatch.setattr(path_screen, "cross_validate_path", fail)
    app = paused_app()
    told: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **options: told.append(message))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        await until(pilot, lambda: bool(told))
        await pilot.pause()
        assert screen.path is not None and screen.cross_validation is None
        assert "could not be cross-validated: fold 2's" in caption(screen)
        assert told == [
            "could not cross-validate the path: fold 2's training rows hold only one class"
        ]
        assert "lam_max" in narration(screen)  # the path's own caption
        assert screen.check_action("cv_lam", ("1se",)) is False


@pytest.mark.parametrize("lam", [0.3, 0.02, 1.5])
async def test_the_caption_names_false_positives_and_negatives_at_the_runs_lam(lam):
    app = paused_app(lam=lam)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        await until(pilot, lambda: screen.path is not None)
        await pilot.pause()
        problem = app.session.problem
        truth = path_truth(screen.path, problem.true_weights, lam)
        assert truth is not None
        assert say_truth(truth, problem.feature_names) in narration(screen)
        wrong = set(truth.extra) | set(truth.missed)
        at = screen.path.weights[screen.path.lams <= lam][0]
        for j in range(problem.n_features):
            right = (at[j] != 0) == (problem.true_weights[j] != 0)
            assert right == (j not in wrong)
    # At the default lam the lasso keeps x1-x4 and x6 (the example).
    if lam == 0.3:
        assert truth.extra == (5,) and truth.missed == ()


async def test_more_features_than_rows_the_caption_gives_the_lassos_bound():
    app = build_app(problem=ProblemSpec(samples=20, features=60), lam=0.5)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        await until(pilot, lambda: screen.path is not None)
        await pilot.pause()
        most = int(screen.path.nonzero.max())
        bound = support_bound(app.session.problem.X, screen.path.weights[-1]).bound
        assert most <= bound == 19
        expected = f"60 features, 20 rows: the lasso keeps at most {bound} nonzero"
        assert expected in narration(screen)
        assert f"this path's most is {most}" in narration(screen)
        await pilot.press("e")  # elastic net can keep more than the rows: no such claim
        await until(pilot, lambda: screen.path is not None)
        await pilot.pause()
        assert "at most" not in narration(screen)


async def test_the_stability_panel_counts_the_engines_resamples_and_names_the_swap():
    problem = ProblemSpec(dataset="pair")
    built = build_problem(problem)
    lam = lam_max(LeastSquares(built.X, built.y), L1()) / 2
    app = build_app(problem=problem, lam=lam)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("p", "i")
        screen = app.screen
        assert screen.stability_shown
        panel = screen.query_one(StabilityPanel)
        assert panel.display and not screen.query_one(CVPlot).display
        await until(pilot, lambda: panel.selection is not None, timeout=30)
        await pilot.pause()
        selection = panel.selection
        lasso = bootstrap_selection(built.X, built.y, lam, "l1", resamples=RESAMPLES, seed=0)
        net = bootstrap_selection(built.X, built.y, lam, "elasticnet", 0.5, RESAMPLES, seed=0)
        assert (selection.lasso.selected == lasso.selected).all()
        assert (selection.net.selected == net.selected).all()
        claim = flips(lasso, net)
        assert (claim.first, claim.second) == (0, 1)
        assert caption(screen) == say_flips(claim, built.feature_names)
        rows = widget_text(panel).splitlines()
        x1 = next(row for row in rows if row.lstrip().startswith("x1 "))
        assert f"{claim.kept_first}/{RESAMPLES}" in x1 and f"{claim.net_first}/{RESAMPLES}" in x1
        condition = irrepresentable(built.X, built.true_weights)
        assert any(f"Irrepresentable condition {condition.value:.2g}" in row for row in rows)
        await pilot.press("minus")  # another lam: refitted there
        await until(pilot, lambda: panel.selection is not None, timeout=30)
        assert panel.selection.lasso.lam == app.session.settings.lam < lam
        await pilot.press("i")
        assert not screen.stability_shown and screen.query_one(CVPlot).display
