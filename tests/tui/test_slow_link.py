"""On a slow link the screens send less: numbers to fewer figures, colours in fewer shades."""

from __future__ import annotations

import re

from apps import WidgetHost

from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem
from l1l2_tui.terminal.link import SLOW_LINK
from l1l2_tui.views.main.loss_plot import LossPlot
from l1l2_tui.widgets.status_line import StatusLine, status_text
from l1l2_tui.widgets.weight_image import FLOOR, pixel_color, strength

OBJECTIVE = re.compile(r"objective (\S+)")


def figures(number: str) -> int:
    return len(number.replace(".", "").replace("-", "").lstrip("0"))


def test_the_status_line_gives_the_objective_to_three_figures_on_a_slow_link():
    session = Session(build_problem(ProblemSpec()), Settings("l1"))
    session.step(7)
    fine = OBJECTIVE.search(status_text(session, True, 1, 120).plain)
    coarse = OBJECTIVE.search(status_text(session, True, 1, 120, coarse=True).plain)
    assert fine and coarse
    assert figures(fine.group(1)) == 6 and figures(coarse.group(1)) == 3
    assert float(coarse.group(1)) == float(f"{session.objective:.3g}")


def test_the_weight_image_has_four_shades_of_each_hue_on_a_slow_link():
    shades = {strength(size, 1.0, 4) for size in (0.01, 0.2, 0.26, 0.5, 0.74, 0.76, 1.0)}
    assert shades == {FLOOR + (1 - FLOOR) * k / 4 for k in (1, 2, 3, 4)}
    assert pixel_color(0.3, 1.0, shades=4) == pixel_color(0.45, 1.0, shades=4)
    assert pixel_color(0.3, 1.0) != pixel_color(0.45, 1.0)
    assert pixel_color(-0.3, 1.0, shades=4) != pixel_color(0.3, 1.0, shades=4)  # the hue stays


async def test_link_slow_marks_the_screen_and_its_status_line_follows(app_with):
    for link, slow in (("slow", True), ("auto", False), ("fast", False)):
        app = app_with(link=link)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n", "n")
            await pilot.pause()
            assert app.screen.has_class(SLOW_LINK) == slow
            status = app.screen.query_one(StatusLine).render().plain
            value = OBJECTIVE.search(status)
            assert value and figures(value.group(1)) == (3 if slow else 6)


async def test_the_loss_plot_title_to_three_figures_on_a_slow_link():
    session = Session(build_problem(ProblemSpec()), Settings("l1"))
    session.step(9)
    for slow, digits in ((False, 5), (True, 3)):
        plot = LossPlot()
        async with WidgetHost(plot).run_test(size=(80, 20)) as pilot:
            pilot.app.screen.set_class(slow, SLOW_LINK)
            plot.show(session)
            await pilot.pause()
            lines = plot.render_lines(plot.size.region)
            text = "\n".join("".join(segment.text for segment in line) for line in lines)
            value = OBJECTIVE.search(text)
            assert value and figures(value.group(1)) == digits, text[:200]
