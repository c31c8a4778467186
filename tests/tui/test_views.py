"""The views: one key opens each, the same key or escape goes back, and the run goes on."""

from __future__ import annotations

import importlib
import re
from dataclasses import replace

import numpy as np
import pytest
from apps import build_app, computed, paused_app, until

from l1l2_tui import views
from l1l2_tui.engine import L1, L2, ProblemSpec, Session, Settings, build_problem
from l1l2_tui.views import VIEWS, View
from l1l2_tui.views.compare.screen import CompareScreen
from l1l2_tui.views.forces.forces_chart import ForcesChart
from l1l2_tui.views.forces.screen import ForcesScreen
from l1l2_tui.views.geometry.plane_plot import PlanePlot
from l1l2_tui.views.geometry.screen import GeometryScreen
from l1l2_tui.views.main.screen import MainScreen
from l1l2_tui.views.path.path_plot import PathPlot
from l1l2_tui.views.path.screen import PathScreen
from l1l2_tui.widgets.narration_line import NarrationLine


def widget_text(widget) -> str:
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.name)
async def test_view_key_opens_and_closes_the_view(view: View):
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(view.key)
        assert type(app.screen).__name__ == view.screen and app.screen.name == view.name
        assert app.current_view == view.name
        assert view.title in str(app.screen.query_one("#view-title").render())
        await pilot.press(view.key)
        assert isinstance(app.screen, MainScreen)
        await pilot.press(view.key, "escape")
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.name)
def test_a_view_lives_where_its_name_says(view: View):
    screen = importlib.import_module(f"l1l2_tui.views.{view.name}.screen")
    assert getattr(views, view.screen) is getattr(screen, view.screen)
    importlib.import_module(f"l1l2_tui.views.{view.name}.words")
    importlib.import_module(f"l1l2_tui.engine.claims.{view.name}")
    assert view.name in importlib.import_module("l1l2_tui.engine.claims").MODULES


async def test_views_switch_directly_and_share_the_run():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "w")
        assert app.session.step_count == 2
        await pilot.press("n", "2", "p")
        assert isinstance(app.screen, PathScreen)
        assert app.session.step_count == 3
        assert app.session.settings.penalty == "l2"
        await pilot.press("space")
        await until(pilot, lambda: app.session.step_count > 3)
        await pilot.press("w")
        assert app.control.running
        steps = app.session.step_count
        await until(pilot, lambda: app.session.step_count > steps)
        await pilot.press("space", "escape")
        assert isinstance(app.screen, MainScreen)
        assert not app.control.running


async def test_a_view_sits_over_the_main_screen_and_keeps_its_state_when_left():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        await pilot.press("g")
        await computed(pilot)  # the pairs
        await pilot.press("f")
        geometry = app.screen
        pair = geometry.pair
        assert pair != geometry.pairs[0]
        assert app.current_view == "geometry"
        assert app.screen_stack == [main, geometry]
        await pilot.press("w")
        assert app.current_view == "forces"
        assert len(app.screen_stack) == 2
        await pilot.press("escape", "g")
        assert app.screen is geometry
        assert geometry.pair == pair
        await pilot.press("question_mark")
        assert app.current_view == "geometry"
        await pilot.press("escape", "g")
        assert app.current_view == "main"
        assert app.screen_stack == [main]


@pytest.mark.slow
async def test_only_the_screen_on_top_plays_and_help_holds_the_views():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        await pilot.press("w")
        steps = app.session.step_count
        main._tick()  # a tick already due when the view opened
        assert app.session.step_count == steps
        await pilot.press("question_mark")
        stack = list(app.screen_stack)
        app.show_view("path")
        app.show_view("main")
        assert app.screen_stack == stack


async def test_forces_view_shows_the_l1_rule_and_held_weights():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(300)
        await pilot.press("w")
        await pilot.pause()
        forces = app.session.forces()
        held = int((forces.held_at_zero & forces.stays_at_zero).sum())
        assert held == app.session.zeros > 0
        assert widget_text(app.screen.query_one(ForcesChart)).count("held at 0") == held
        narration = str(app.screen.query_one(NarrationLine).render())
        assert "data pull at 0 is" in narration
        assert f"lam = {app.session.settings.lam:.3g}" in narration
        lam = app.session.settings.lam
        assert np.all(np.abs(forces.pull_at_zero[forces.held_at_zero]) <= lam)


async def test_forces_view_under_l2_says_the_pull_fades():
    app = paused_app(penalty="l2")
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(50)
        await pilot.press("w")
        await pilot.pause()
        assert "fades" in str(app.screen.query_one(NarrationLine).render())
        assert "held at 0" not in widget_text(app.screen.query_one(ForcesChart))


async def test_path_view_computes_in_a_worker_and_follows_the_penalty():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await computed(pilot)
        await pilot.pause()
        screen = app.screen
        path = screen.computed(L1())
        assert path is not None
        assert path.nonzero[0] == 0
        assert "lam_max" in str(screen.query_one(NarrationLine).render())
        await pilot.press("2")
        await computed(pilot)
        await pilot.pause()
        assert screen.computed(L2()) is not None
        caption = str(screen.query_one(NarrationLine).render())
        assert "no weight of the exact solution is 0 at any lam" in caption
        await pilot.press("0")
        assert "no path" in str(screen.query_one(NarrationLine).render())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("key", ["w", "p"])
def test_view_snapshots(snap_compare, key, size):
    async def run_before(pilot) -> None:
        pilot.app.session.step(120)
        await pilot.press("n", key)
        await computed(pilot)
        await pilot.pause()

    assert snap_compare(paused_app(lam=0.3), terminal_size=size, run_before=run_before)


async def test_views_say_too_small():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert app.screen.has_class("too-small")


async def test_geometry_view_l1_optimum_on_an_axis_l2_off_it():
    for penalty, expect in [("l1", "exactly 0"), ("l2", "both nonzero")]:
        app = build_app(problem=ProblemSpec(dataset="toy2d"), penalty=penalty)
        async with app.run_test(size=(120, 40)) as pilot:
            app.session.step(60)
            await pilot.press("n", "g")
            await computed(pilot)
            assert isinstance(app.screen, GeometryScreen)
            assert expect in str(app.screen.query_one(NarrationLine).render())
            optimum = app.screen.plane_view().optimum
            assert (optimum == 0.0).any() == (penalty == "l1")
            assert "optimum" in widget_text(app.screen.query_one(PlanePlot))


async def test_geometry_draws_the_penalty_set_the_caption_speaks_of_through_the_optimum():
    """Early in the run (step 2), far from the optimum: the diamond drawn is the one the
    smallest ellipse reaching it touches, through the plane's optimum, not through the iterate."""
    for penalty in ("l1", "elasticnet", "l2"):
        app = build_app(problem=ProblemSpec(dataset="toy2d"), penalty=penalty)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n", "n", "g")
            await pilot.pause()
            view = app.screen.plane_view()
            drawn = app.screen.query_one(PlanePlot).penalty_set
            level = app.session.penalty.per_weight(view.optimum).sum()
            at_point = app.session.penalty.per_weight(view.point).sum()
            assert abs(level - at_point) > 1e-3 * level, "vacuous: the iterate is at the optimum"
            for x, y in drawn:
                values = app.session.penalty.per_weight(x) + app.session.penalty.per_weight(y)
                np.testing.assert_allclose(values, level, rtol=1e-6)
            caption = str(app.screen.query_one(NarrationLine).render())
            assert "ellipse" in caption


async def test_geometry_view_cycles_feature_pairs():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        await computed(pilot)
        first = app.screen.pair
        await pilot.press("f")
        assert app.screen.pair != first
        assert len(set(app.screen.pair)) == 2


async def test_compare_view_steps_both_sides_like_two_independent_sessions():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        for _ in range(25):
            await pilot.press("n")
        comparison = app.screen.comparison
        problem = app.session.problem
        for side, penalty in zip(comparison.sessions, ("l1", "l2"), strict=True):
            alone = Session(problem, replace(app.session.settings, penalty=penalty))
            alone.step(25)
            np.testing.assert_array_equal(side.weights, alone.weights)
        assert app.session.step_count == 0, "the main run does not move under compare"
        await pilot.press("l", "2")
        assert comparison.left.settings.penalty == "l1"
        await pilot.press("plus")
        assert comparison.left.settings.lam == comparison.right.settings.lam
        left = str(app.screen.query_one("#left-status").render())
        right = str(app.screen.query_one("#right-status").render())
        assert "L1" in left and f"zeros {comparison.left.zeros}/10" in left
        assert "L2" in right and f"zeros {comparison.right.zeros}/10" in right


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_compare_keeps_the_shared_settings_and_play_state_on_screen(size):
    app = paused_app()
    async with app.run_test(size=size) as pilot:
        for keys in (("c",), ("v",), ("v",)):
            await pilot.press(*keys)
            await pilot.pause()
            left, right = app.screen.comparison.sessions
            for playing in (False, True):
                title = str(app.screen.query_one("#view-title").render())
                assert f"lam {left.settings.lam:.3g}" in title
                assert f"lr {left.next_lr():.3g}" in title
                assert ("► playing" if playing else "║ paused") in title
                if left.settings.optimizer == right.settings.optimizer:
                    assert left.settings.optimizer in title
                assert len(title) <= size[0]
                await pilot.press("space")  # playing, then paused again
                await pilot.pause()
            await pilot.press("space")
            start = left.step_count
            for _ in range(200):  # frames drawn while playing, however busy the machine
                await pilot.pause(0.05)
                if left.step_count > start + 2:
                    break
            await pilot.press("space")
            await pilot.pause()
            title = str(app.screen.query_one("#view-title").render())
            assert "║ paused" in title, "pausing says so at once"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("key", ["g", "c"])
def test_geometry_and_compare_snapshots(snap_compare, key, size):
    async def run_before(pilot) -> None:
        pilot.app.session.step(60)
        await pilot.press("n", key)
        await computed(pilot)
        for _ in range(40):
            await pilot.press("n")
        await pilot.pause()

    app = build_app(problem=ProblemSpec(dataset="toy2d"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_geometry_needs_two_features():
    app = build_app(problem=ProblemSpec(features=1, informative=1), autoplay=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("w")
        assert isinstance(app.screen, ForcesScreen)


async def test_compare_takes_the_main_runs_lam_each_time_it_opens():
    app = paused_app(lam=0.2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "c", "plus", "c")
        comparison = app.screen.comparison
        assert comparison.left.settings.lam == comparison.right.settings.lam == pytest.approx(0.3)


@pytest.mark.slow
async def test_compare_any_two_runs_and_refuse_making_them_equal():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        left, right = screen.comparison.sessions
        assert (left.settings.optimizer, right.settings.optimizer) == ("proximal", "subgradient")
        assert left.settings.penalty == right.settings.penalty == app.session.settings.penalty
        title = screen.query_one("#view-title").render()
        assert "proximal (left) and subgradient (right)" in str(title)
        for _ in range(100):
            await pilot.press("n")
        assert left.step_count == right.step_count == 100
        assert left.zeros > 0 == right.zeros
        assert "subgradient step jumps across it" in str(screen.query_one(NarrationLine).render())
        await pilot.press("o")  # would make both sides the same optimizer: refused
        assert right.settings.optimizer == "subgradient" and left.settings.optimizer == "proximal"
        await pilot.press("2")  # a shared setting: both sides change
        assert left.settings.penalty == right.settings.penalty == "l2"
        await pilot.press("v")
        left, right = app.screen.comparison.sessions
        assert (left.settings.optimizer, right.settings.optimizer) == ("sgd", "sgd-cumulative")
        pairs = (
            ("playground", "sgd-cumulative"),
            ("adam", "adam-prox"),
            ("adam-decoupled", "adam-prox"),
            ("cd", "proximal"),
        )
        for pair in pairs:
            await pilot.press("v")
            left, right = app.screen.comparison.sessions
            assert (left.settings.optimizer, right.settings.optimizer) == pair
            assert f"{pair[0]} (left) and {pair[1]} (right)" in app.screen.title_text()
        await pilot.press("v")
        left, right = app.screen.comparison.sessions
        assert (left.penalty.label, right.penalty.label) == ("L1", "L0.5"), "two values of p"
        await pilot.press("3")  # would change p on both sides: refused
        assert (left.settings.p, right.settings.p) == (1.0, 0.5)
        await pilot.press("v")
        left, right = app.screen.comparison.sessions
        assert (left.penalty.name, right.penalty.name) == ("l1", "l2")


async def test_a_stochastic_run_compares_sgd_with_the_cumulative_penalty():
    digits = ProblemSpec(dataset="digits", digit="ge5")
    app = build_app(problem=digits, optimizer="sgd-prox", lam=0.0557)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        left, right = screen.comparison.sessions
        assert (left.settings.optimizer, right.settings.optimizer) == ("sgd", "sgd-cumulative")
        screen.advance(199)
        await pilot.press("n")
        assert left.step_count == right.step_count == 200
        assert right.zeros > left.zeros + 30
        status = str(screen.query_one("#left-status").render())
        assert f"epoch {left.epoch:.2f}" in status
        caption = str(screen.query_one(NarrationLine).render())
        assert "sgd-cumulative applies the penalty each missed" in caption


async def test_the_path_counts_at_both_ends_are_whole_numbers():
    app = paused_app(penalty="l2")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await computed(pilot)
        await pilot.pause()
        counts_row = widget_text(app.screen.query_one(PathPlot)).splitlines()[1]  # the top row
        counts = counts_row.replace("│", " ").split()
        # Under L2 no weight reaches 0 anywhere: every count is all 10, the end ones included.
        assert counts[0] == counts[-1] == "10" and set(counts) == {"10"}


@pytest.mark.slow
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_view_works_on_digits(size):
    """The logistic loss: forces, geometry, path, zero all open, draw and caption."""
    app = build_app(problem=ProblemSpec(dataset="digits"))
    async with app.run_test(size=size) as pilot:
        app.session.step(200)
        await pilot.press("w")
        forces = app.session.forces()
        assert np.isfinite(forces.pull_at_zero).all(), "the exact pull, also off zero"
        assert "data pull at 0" in str(app.screen.query_one(NarrationLine).render())
        await pilot.press("escape", "g")
        await computed(pilot)  # the pairs
        assert isinstance(app.screen, GeometryScreen)
        assert "logistic" in str(app.screen.query_one("#view-title").render())
        view = app.screen.plane_view()
        assert not view.quadratic and view.contours
        caption = str(app.screen.query_one(NarrationLine).render())
        zero = [
            app.session.problem.feature_names[k]
            for k, v in zip(app.screen.pair, view.optimum, strict=True)
            if v == 0.0
        ]
        if zero:
            assert "level set of the loss" in caption and f"{zero[0]}" in caption
        await pilot.press("f", "f")
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.plane_view().optimum.shape == (2,)
        await pilot.press("escape", "p")
        screen = app.screen
        assert isinstance(screen, PathScreen)
        await until(pilot, lambda: screen.path is not None, timeout=30)
        assert (screen.path.weights[0] == 0.0).all()
        assert "all exactly 0 at lam_max" in str(screen.query_one(NarrationLine).render())


@pytest.mark.slow
async def test_random_keys_in_every_view_on_digits_never_break_it():
    rng = np.random.default_rng(7)
    keys = [
        "n",
        "n",
        "n",
        "l",
        "1",
        "2",
        "e",
        "plus",
        "minus",
        "o",
        "r",
        "f",
        "u",
        "comma",
        "m",
        "k",
        "i",
    ]
    app = build_app(problem=ProblemSpec(dataset="digits"))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in (view.key for view in VIEWS):
            await pilot.press(key)
            for key in rng.choice(keys, 8):
                await pilot.press(str(key))
            await pilot.pause()
            assert app.is_running
            assert str(app.screen.query_one(NarrationLine).render()).strip()
            await pilot.press("escape")
        await pilot.press("q")


def test_a_compare_side_status_gives_way_part_by_part_to_fit_its_half():
    from l1l2_tui.views.compare.screen import side_status

    session = Session(build_problem(ProblemSpec(dataset="digits")), Settings(optimizer="sgd"))
    session.step(30)
    full = side_status(session, "sgd-cumulative").plain
    assert "(3 blank)" in full and "objective" in full and "epoch" in full
    for width in (60, 50, 40):
        fitted = side_status(session, "sgd-cumulative", width).plain
        assert len(fitted) <= width and "zeros" in fitted and "step 30" in fitted


async def test_forces_on_many_weights_say_how_many_are_hidden_and_show_the_named_one():
    from l1l2_tui.engine.claims.forces import nearest_threshold, weight_states
    from l1l2_tui.views.forces.forces_chart import ForcesChart

    app = build_app(problem=ProblemSpec(dataset="digits"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.session.step(66)
        await pilot.press("w")
        await pilot.pause()
        chart = app.screen.query_one(ForcesChart)
        lines = ["".join(s.text for s in strip) for strip in chart.build_lines(78, 12)]
        named = nearest_threshold(weight_states(app.session)).feature
        label = f"w{named + 1} {app.session.problem.feature_names[named]}"
        rows = [line for line in lines if re.match(r"\s*w\d+ ", line)]
        assert any(line.strip().startswith(label) for line in rows)
        assert f"+ {64 - len(rows)} more, with smaller data pulls at 0" in "\n".join(lines)
