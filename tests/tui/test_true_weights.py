"""The true weights on the main screen's bars, where the data has them: each marked on the bar's
scale, and the line under the bars naming the wrong zeros and nonzeros from the engine's."""

from __future__ import annotations

import numpy as np
from apps import build_app, paused_app

from l1l2_tui.engine import ProblemSpec
from l1l2_tui.engine.claims.main import true_support
from l1l2_tui.views.main.weight_bars import WeightBars


def bar_rows(bars: WeightBars) -> list[str]:
    return [bars.render_line(y).text for y in range(bars.size.height)]


async def test_true_weights_are_marked_and_the_wrong_zeros_named():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(300)
        app.screen.redraw(force=True)
        await pilot.pause()
        session = app.session
        truth = session.problem.true_weights
        claim = true_support(session.weights, truth, session.settings.lam)
        assert claim.extra == (5,) and claim.missed == ()  # x6: the false positive
        rows = bar_rows(app.screen.query_one(WeightBars))
        assert "◆ true weight; x6 nonzero, truly 0" in "\n".join(rows)
        named = {row.split()[0]: row for row in rows[1:] if row.split()}
        axis = named["x1"].index("│")  # the same column in every row
        for j, name in enumerate(session.problem.feature_names):
            row = named[name]
            if truth[j] == 0 and session.weights[j] == 0:
                assert "◆" not in row and row.index("●") == axis  # the 0 mark already says it
            elif truth[j] == 0:
                assert row.index("◆") == axis  # on the axis: truly 0
            else:
                # on the side of its sign, further out for a larger true weight
                assert (row.index("◆") > axis) == (truth[j] > 0)


async def test_a_false_negative_is_named_and_its_mark_is_off_the_axis():
    app = paused_app(lam=1.5)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(300)
        app.screen.redraw(force=True)
        await pilot.pause()
        session = app.session
        claim = true_support(session.weights, session.problem.true_weights, 1.5)
        assert claim.missed, "at this lam the lasso drops true weights"
        names = [session.problem.feature_names[j] for j in claim.missed]
        text = "\n".join(bar_rows(app.screen.query_one(WeightBars)))
        note = " ".join(text.split("◆ true weight;")[1].split())
        assert note.startswith(f"{', '.join(names[:-1])} and {names[-1]} 0, truly not")
        missed_row = next(row for row in text.splitlines() if row.split()[:1] == [names[0]])
        assert "◆" in missed_row and "exactly 0" in missed_row


async def test_no_marks_without_true_weights():
    app = build_app(problem=ProblemSpec(dataset="diabetes"))
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(50)
        app.screen.redraw(force=True)
        await pilot.pause()
        assert "◆" not in "\n".join(bar_rows(app.screen.query_one(WeightBars)))
        assert np.all(app.session.problem.true_weights is None)
