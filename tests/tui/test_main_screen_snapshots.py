"""How the main screen looks at 80x24 and 120x40 on seeded data, before and after a flip."""

from __future__ import annotations

import pytest
from apps import build_app


def seeded_app():
    return build_app(lam=0.3)


async def forty_steps_then_flip_to_l2_and_twenty_more(pilot) -> None:
    pilot.app.screen.session.step(40)
    await pilot.press("l")
    pilot.app.screen.session.step(19)
    await pilot.press("n")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_main_screen_after_a_flip(snap_compare, size):
    assert snap_compare(
        seeded_app(), terminal_size=size, run_before=forty_steps_then_flip_to_l2_and_twenty_more
    )


def test_help_screen(snap_compare):
    assert snap_compare(seeded_app(), terminal_size=(100, 40), press=["question_mark"])
