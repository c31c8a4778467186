"""The pacer's decisions from the frames written and the terminal's answers, on a clock the
tests move."""

import threading

import pytest

from l1l2_tui.terminal.link import (
    ASSUMED_SLOW_RATE,
    FAST_RATE,
    FRAME_TIME,
    GIVE_UP,
    LOST_AFTER,
    SLACK,
    SLOW_RATE,
    UNSURE_INTERVAL,
    LinkPacer,
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


def carried(pacer: LinkPacer, clock: Clock, size: int, seconds: float) -> None:
    """A frame of ``size`` bytes written now and answered ``seconds`` later."""
    pacer.frame_written(size)
    clock.now += seconds
    pacer.answered()


def test_with_nothing_written_every_frame_is_due(clock):
    pacer = LinkPacer(clock=clock)
    assert pacer.frame_due() and not pacer.slow
    assert pacer.frame_budget is None and pacer.asking


def test_a_frame_waits_for_the_answer_to_the_one_before(clock):
    pacer = LinkPacer(clock=clock)
    carried(pacer, clock, 300, 0.01)  # the round trip: 10 ms
    pacer.frame_written(300)
    clock.now += 0.01 + SLACK / 2
    assert pacer.frame_due(), "within the round trip: another may follow (a long thin pipe)"
    clock.now += SLACK
    assert not pacer.frame_due(), "the answer is overdue: the link is behind"
    clock.now += 5.0
    assert not pacer.frame_due(), "however long it takes"
    pacer.answered()
    assert pacer.frame_due()


def test_until_the_terminal_first_answers_a_frame_a_second(clock):
    pacer = LinkPacer(clock=clock)
    pacer.frame_written(12_000)
    clock.now += UNSURE_INTERVAL / 2
    assert not pacer.frame_due()
    clock.now += UNSURE_INTERVAL
    assert pacer.frame_due()


def test_a_terminal_that_never_answers_gets_frames_unpaced(clock):
    pacer = LinkPacer(clock=clock)
    pacer.frame_written(12_000)
    clock.now += GIVE_UP + 0.1
    assert pacer.frame_due() and not pacer.asking
    pacer.frame_written(500)
    assert pacer.frame_due()


def test_a_link_timed_below_the_slow_rate_is_slow_and_frames_fit_its_budget(clock):
    pacer = LinkPacer(clock=clock)
    carried(pacer, clock, 100, 0.005)  # a small frame: the round trip
    for _ in range(3):
        carried(pacer, clock, 2_400, 0.005 + 2_400 / 8_000)
    assert pacer.rate == pytest.approx(8_000, rel=0.01)
    assert pacer.slow
    assert pacer.frame_budget == pytest.approx(8_000 * FRAME_TIME, rel=0.01)
    # The link is left idle as long as the last frame took to carry.
    assert not pacer.frame_due()
    clock.now += 1.01 * 2_400 / 8_000
    assert pacer.frame_due()


def test_a_slow_link_that_speeds_up_is_fast_again(clock):
    pacer = LinkPacer(clock=clock)
    carried(pacer, clock, 100, 0.005)
    for _ in range(3):
        carried(pacer, clock, 2_000, 0.005 + 2_000 / 8_000)
    assert pacer.slow
    for _ in range(12):  # frames of the budget's size now carried at 400 KB/s
        clock.now += 1.0
        carried(pacer, clock, pacer.frame_budget, 0.005 + pacer.frame_budget / 400_000)
    assert pacer.rate > FAST_RATE and not pacer.slow


def test_between_the_slow_and_fast_rates_a_link_stays_as_it_was(clock):
    pacer = LinkPacer(clock=clock)
    carried(pacer, clock, 100, 0.005)
    middle = (SLOW_RATE + FAST_RATE) / 2
    for _ in range(5):
        carried(pacer, clock, 4_000, 0.005 + 4_000 / middle)
    assert not pacer.slow
    assert pacer.frame_budget == pytest.approx(middle * FRAME_TIME, rel=0.01)


def test_link_slow_sends_less_from_the_start_and_fast_never(clock):
    slow = LinkPacer("slow", clock=clock)
    assert slow.slow and slow.frame_budget == ASSUMED_SLOW_RATE * FRAME_TIME
    fast = LinkPacer("fast", clock=clock)
    carried(fast, clock, 100, 0.005)
    for _ in range(5):
        carried(fast, clock, 2_400, 0.005 + 2_400 / 4_000)
    assert not fast.slow
    assert fast.frame_budget is not None, "its frames still fit the link"


def test_an_answer_nobody_asked_for_changes_nothing(clock):
    pacer = LinkPacer(clock=clock)
    pacer.answered()
    assert pacer.frame_due() and pacer.rate is None


def test_leaving_waits_for_the_answers_on_their_way():
    pacer = LinkPacer()  # the real clock: the wait is a real one
    pacer.frame_written(100)
    pacer.answered()  # the terminal answers
    pacer.frame_written(4_000)  # half a second of a slow link's bytes in flight
    sent = threading.Event()

    def answer() -> None:
        sent.set()
        pacer.answered()

    threading.Timer(0.2, answer).start()
    pacer.wait_for_answers(timeout=30.0)
    assert sent.is_set(), "returned before the answer came"


def test_leaving_does_not_wait_on_a_terminal_that_never_answered():
    pacer = LinkPacer()
    pacer.frame_written(4_000)
    waited = threading.Thread(target=pacer.wait_for_answers, kwargs={"timeout": 30.0})
    waited.start()
    waited.join(timeout=10.0)
    assert not waited.is_alive()


def test_an_answer_lost_or_flushed_holds_frames_back_no_longer(clock):
    pacer = LinkPacer(clock=clock)
    carried(pacer, clock, 300, 0.01)
    pacer.frame_written(300)
    clock.now += 1.0
    assert not pacer.frame_due()
    pacer.forget_requests()  # the app was suspended: Textual flushed the terminal's input
    assert pacer.frame_due()
    pacer.frame_written(300)
    clock.now += LOST_AFTER + 0.1
    assert pacer.frame_due(), "an answer that late is taken as lost"
