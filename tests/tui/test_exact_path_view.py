"""The path view's exact lasso path (``h``): drawn with a dot on the zero line where a weight
enters or leaves, told in the caption, offered only for least squares under L1."""

from __future__ import annotations

from apps import build_app, until
from test_plot_cells import painted, tick_row

from l1l2_tui.engine import ProblemSpec, build_problem
from l1l2_tui.engine.homotopy import lasso_homotopy
from l1l2_tui.rendering.palette import app_palette
from l1l2_tui.views.path.path_plot import PathPlot
from l1l2_tui.views.path.screen import PathScreen
from l1l2_tui.widgets.narration_line import NarrationLine

DIABETES = ProblemSpec(dataset="diabetes")


async def test_h_draws_the_exact_path_with_its_events_on_the_zero_line() -> None:
    app = build_app(problem=DIABETES)
    problem = build_problem(DIABETES)
    exact = lasso_homotopy(problem.X, problem.y)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PathScreen) and not screen.showing_exact()
        await pilot.press("h")
        assert screen.showing_exact()
        narration = screen.query_one(NarrationLine)
        await until(pilot, lambda: "Exact lasso path" in str(narration.render()), 30.0)
        said = str(narration.render())
        assert "13 knots" in said and len(exact.lams) == 13
        assert "s3 enters at lam 15.03, leaves at 0.1038, returns at 0.06233" in said
        cells = painted(screen.query_one(PathPlot))
        zero = tick_row(cells, 0)
        dots = [
            (row, color) for row, line in enumerate(cells) for char, color in line if char == "●"
        ]
        colors = app_palette(app)
        assert {row for row, _ in dots} == {zero}
        assert {color for _, color in dots} == {colors.weight(e.feature) for e in exact.events}
        s3 = problem.feature_names.index("s3")
        assert sum(color == colors.weight(s3) for _, color in dots) == 3  # enters, leaves, returns
        await pilot.press("h")
        assert not screen.showing_exact()
        assert "Exact lasso path" not in str(narration.render())


async def test_the_exact_path_is_offered_for_the_lasso_alone() -> None:
    app = build_app(problem=DIABETES)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert screen.check_action("exact", ())
        await pilot.press("2")
        assert screen.check_action("exact", ()) is False
        await pilot.press("h")
        assert not screen.showing_exact()
    digits = build_app(problem=ProblemSpec(dataset="digits"))
    async with digits.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        assert digits.screen.check_action("exact", ()) is False
