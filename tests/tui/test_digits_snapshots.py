"""How the digits look at 80x24 and 120x40: L1's sparse weight image on the main screen, and
L1's beside L2's on the compare view."""

from __future__ import annotations

import pytest
from apps import build_app

from l1l2_tui.engine import ProblemSpec

STEPS = 300


def digits_app():
    return build_app(problem=ProblemSpec(dataset="digits"))


async def three_hundred_l1_steps(pilot) -> None:
    pilot.app.screen.session.step(STEPS - 1)
    await pilot.press("n")
    await pilot.pause()


async def compare_three_hundred_steps(pilot) -> None:
    await pilot.press("c")
    pilot.app.screen.advance(STEPS - 1)
    await pilot.press("n")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_digit_image_on_the_main_screen(snap_compare, size):
    assert snap_compare(digits_app(), terminal_size=size, run_before=three_hundred_l1_steps)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_l1_and_l2_digits_side_by_side(snap_compare, size):
    assert snap_compare(digits_app(), terminal_size=size, run_before=compare_three_hundred_steps)
