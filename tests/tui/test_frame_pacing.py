"""The frame rate of a playing run: lowered evenly while the ticks come late, raised again once
they come on time, and said on the status line; a converged run rests."""

from __future__ import annotations

from apps import until

from l1l2_tui.views.frame_pacing import LONGEST_WAIT, PROBE_AFTER, WINDOW, FramePacer
from l1l2_tui.widgets.status_line import StatusLine


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def ticks(pacer: FramePacer, clock: Clock, rate: float, seconds: float) -> list[int]:
    """Tick ``rate`` times a second for ``seconds``; the pacer's rate after each change."""
    changes = []
    for _ in range(round(rate * seconds)):
        clock.now += 1 / rate
        if pacer.tick():
            changes.append(pacer.rate)
    return changes


def test_ticks_on_time_keep_the_rate_asked_for():
    clock = Clock()
    pacer = FramePacer(15, clock)
    assert ticks(pacer, clock, 15, 10) == []
    assert (pacer.rate, pacer.slowed) == (15, False)


def test_late_ticks_lower_the_rate_to_a_rung_they_reach_and_it_stays_there():
    clock = Clock()
    pacer = FramePacer(15, clock)
    assert ticks(pacer, clock, 9, WINDOW * 2) == [8]  # 9 a second come: 8, evenly
    assert (pacer.rate, pacer.slowed) == (8, True)
    assert ticks(pacer, clock, 8, PROBE_AFTER - WINDOW) == []


def next_change(pacer: FramePacer, clock: Clock, rate: float) -> tuple[int, float]:
    """Tick ``rate`` times a second until the pacer's rate changes: the new rate, and after
    how many seconds."""
    started = clock.now
    while True:
        clock.now += 1 / rate
        if pacer.tick():
            return pacer.rate, clock.now - started
        assert clock.now - started < 10 * LONGEST_WAIT, "the rate never changed"


def test_the_rate_is_tried_higher_after_a_spell_on_time_and_each_failed_try_waits_longer():
    clock = Clock()
    pacer = FramePacer(15, clock)
    ticks(pacer, clock, 9, WINDOW * 2)
    rate, waited = next_change(pacer, clock, 8)  # on time at 8: try the next rung
    assert rate == 10
    assert PROBE_AFTER - 2 * WINDOW <= waited <= PROBE_AFTER + 2 * WINDOW  # from the drop
    assert next_change(pacer, clock, 8)[0] == 8  # still only 8 come: back down
    rate, waited = next_change(pacer, clock, 8)
    assert rate == 10
    assert 2 * PROBE_AFTER <= waited <= 2 * PROBE_AFTER + 2 * WINDOW, "twice as long"
    # The machine has room again: up rung by rung to the rate asked for.
    assert next_change(pacer, clock, 10)[0] == 12
    assert next_change(pacer, clock, 12)[0] == 15
    assert not pacer.slowed


def test_a_pause_is_not_lateness():
    clock = Clock()
    pacer = FramePacer(15, clock)
    ticks(pacer, clock, 15, 2)
    clock.now += 30.0  # paused
    pacer.restart()
    assert ticks(pacer, clock, 15, 3) == []


async def test_a_converged_run_rests_and_says_so_and_a_change_wakes_it(app_with):
    app = app_with(autoplay=True, speed=512)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        status = screen.query_one(StatusLine)
        await until(pilot, lambda: "converged" in status.render().plain, timeout=30)
        assert screen.session.converged
        assert "▶ playing" in status.render().plain
        rested_at = screen.session.step_count
        await pilot.pause(0.5)
        assert screen.session.step_count == rested_at, "a resting run takes no steps"

        await pilot.press("l")  # L2 now: no longer at its minimum, the run plays on
        await until(pilot, lambda: screen.session.step_count > rested_at)
        await until(pilot, lambda: "converged" in status.render().plain, timeout=30)


async def test_a_run_that_never_converges_never_rests(app_with):
    app = app_with(autoplay=True, speed=512, optimizer="subgradient")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.session.step_count > 5000, timeout=30)
        assert not screen.session.converged
        assert "converged" not in screen.query_one(StatusLine).render().plain
