"""How the main screen looks at 80x24 and 120x40 on seeded data, before and after a flip: in
the default theme, in the light projector theme and without colour; and the zero view in both
of those."""

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


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_main_screen_in_the_projector_theme(snap_compare, size):
    app = build_app(lam=0.3, theme="projector")
    assert snap_compare(
        app, terminal_size=size, run_before=forty_steps_then_flip_to_l2_and_twenty_more
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_main_screen_without_colour(snap_compare, monkeypatch, size):
    monkeypatch.setenv("NO_COLOR", "1")
    app = seeded_app()
    assert app.no_color
    assert snap_compare(
        app, terminal_size=size, run_before=forty_steps_then_flip_to_l2_and_twenty_more
    )


async def forty_steps_then_the_zero_view(pilot) -> None:
    await forty_steps_then_flip_to_l2_and_twenty_more(pilot)
    await pilot.press("l", "z")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("look", ["projector", "no-color"])
def test_zero_view_in_light_and_without_colour(snap_compare, monkeypatch, size, look):
    if look == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(lam=0.3, theme="projector" if look == "projector" else "textual-dark")
    assert snap_compare(app, terminal_size=size, run_before=forty_steps_then_the_zero_view)
