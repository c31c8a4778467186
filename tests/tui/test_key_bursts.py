"""Presses of one key that come together (a held key, a stalled link) reach the app as one
press with a count: the step keys take every step in one engine call and draw once, the run's
other keys count each press, the app's own keys act once, and the palette keeps every
character."""

from __future__ import annotations

import pytest
from apps import paused_app
from textual import events
from textual.command import CommandInput
from textual.pilot import Pilot

from l1l2_tui.app import L1L2App
from l1l2_tui.terminal.key_bursts import KeyPress, merge_presses
from l1l2_tui.views.help import HelpScreen


def key(name: str) -> events.Key:
    return events.Key(name, name if len(name) == 1 else None)


def presses(messages: list) -> list[tuple[str, int]]:
    """Each press as its key and count, any other message as its type's name."""
    return [
        (m.key, m.count) if isinstance(m, KeyPress) else (type(m).__name__, 0) for m in messages
    ]


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["n"] * 5, [("n", 5)]),
        (["n", "n", "e", "n"], [("n", 2), ("e", 1), ("n", 1)]),
        (["right"] * 3 + ["n"] * 2, [("right", 3), ("n", 2)]),
        (["escape", "escape"], [("escape", 2)]),
        (["q"], [("q", 1)]),
        ([], []),
    ],
    ids=["run", "interrupted", "two-runs", "escape", "one", "none"],
)
def test_runs_of_one_key_in_a_read_become_one_press(keys: list[str], expected) -> None:
    assert presses(merge_presses([key(name) for name in keys])) == expected


def test_other_messages_split_runs_and_pass_as_they_are() -> None:
    focus = events.AppFocus()
    merged = merge_presses([key("n"), focus, key("n")])
    assert presses(merged) == [("n", 1), ("AppFocus", 0), ("n", 1)]
    assert merged[1] is focus


def test_a_press_merges_only_into_a_fresh_press_of_the_same_key() -> None:
    first, same, other = KeyPress("n", "n", 2), KeyPress("n", "n", 3), KeyPress("e", "e")
    assert not first.can_replace(other) and other.count == 1
    assert first.can_replace(same) and same.count == 5
    forwarded = KeyPress("n", "n")
    forwarded._set_forwarded()  # on its way back from a widget to the app
    assert not same.can_replace(forwarded) and forwarded.count == 1


async def burst(app: L1L2App, pilot: Pilot[None], name: str, count: int) -> None:
    """Queue ``count`` presses of ``name`` at once, as the terminal driver posts them while the
    app is busy, and let the app take them."""
    for _ in range(count):
        app.post_message(KeyPress(name, name if len(name) == 1 else None))
    await pilot.pause()


@pytest.mark.parametrize("step_key", ["n", "right"])
async def test_a_burst_of_step_presses_takes_every_step_in_one_engine_call_and_draws_once(
    step_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        session, screen = app.session, app.screen
        calls: list[int] = []
        draws: list[int] = []
        step, show = session.step, screen.show
        monkeypatch.setattr(session, "step", lambda steps=1: (calls.append(steps), step(steps)))
        monkeypatch.setattr(screen, "show", lambda: (draws.append(session.step_count), show()))
        await burst(app, pilot, step_key, 500)
        assert session.step_count == 500
        assert calls == [500]
        assert draws == [500]


async def test_a_burst_of_a_run_key_counts_every_press() -> None:
    app = paused_app(speed=64)
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(app, pilot, "left_square_bracket", 6)
        assert app.control.speed == 1
        await burst(app, pilot, "space", 2)  # play, pause
        assert not app.control.running


async def test_a_burst_of_an_app_key_acts_once() -> None:
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(app, pilot, "g", 4)  # open the view (not open and close it twice)
        assert app.current_view == "geometry"
        await burst(app, pilot, "question_mark", 2)
        assert isinstance(app.screen, HelpScreen)


async def test_text_typed_ahead_into_the_palette_keeps_every_character() -> None:
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await burst(app, pilot, "l", 3)
        assert app.screen.query_one(CommandInput).value == "lll"
