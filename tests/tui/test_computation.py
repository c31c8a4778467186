"""A view's background computation: the newer supersedes the older, whose messages are
dropped; cancelled, it stops at its next progress report; an error it expects comes back as a
message, any other is raised where the app takes the message; and its thread never keeps the
process alive."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from apps import WidgetHost, until
from textual.message import Message
from textual.widgets import Static

from l1l2_tui.views.computation import Computation, ProgressReport, threads_running


class Host(Static):
    """Takes a computation's messages as a view does."""

    def __init__(self) -> None:
        super().__init__()
        self.computation = Computation(self)
        self.taken: list[Message] = []

    def on_computation_progress(self, message: Computation.Progress) -> None:
        if self.computation.accept(message):
            self.taken.append(message)

    def on_computation_ready(self, message: Computation.Ready) -> None:
        if self.computation.accept(message):
            self.taken.append(message)

    def on_computation_failed(self, message: Computation.Failed) -> None:
        if self.computation.accept(message):
            self.taken.append(message)


def steps(count: int, held: threading.Event | None = None, result: object = "done"):
    def work(progress: ProgressReport) -> object:
        for done in range(1, count + 1):
            if held is not None:
                held.wait(10)
            progress(done, count)
        return result

    return work


async def test_a_newer_computation_supersedes_an_older_one() -> None:
    host = Host()
    app = WidgetHost(host)
    async with app.run_test() as pilot:
        held = threading.Event()
        host.computation.start("old", steps(3, held, "old result"))
        host.computation.start("new", steps(2, result="new result"))
        await until(pilot, lambda: not host.computation.running)
        held.set()
        await until(pilot, lambda: not threads_running())
        await pilot.pause()
    assert {message.key for message in host.taken} == {"new"}
    assert isinstance(host.taken[-1], Computation.Ready)
    assert host.taken[-1].result == "new result"


async def test_a_cancelled_computation_stops_at_its_next_report() -> None:
    host = Host()
    app = WidgetHost(host)
    reached: list[int] = []

    def work(progress: ProgressReport) -> None:
        for done in range(1, 4):
            held.wait(10)
            progress(done, 3)
            reached.append(done)

    async with app.run_test() as pilot:
        held = threading.Event()
        host.computation.start("slow", work)
        assert host.computation.running
        host.computation.cancel()
        assert not host.computation.running
        held.set()
        await until(pilot, lambda: not threads_running())
        await pilot.pause()
    assert reached == [] and host.taken == []


async def test_an_expected_error_is_a_message_and_another_is_raised() -> None:
    def fail(error: Exception):
        def work(progress: ProgressReport) -> None:
            raise error

        return work

    host = Host()
    app = WidgetHost(host)
    async with app.run_test() as pilot:
        host.computation.start("singular", fail(ValueError("singular data")), (ValueError,))
        await until(pilot, lambda: not host.computation.running)
    assert [type(m).__name__ for m in host.taken] == ["Failed"]
    assert str(host.taken[0].error) == "singular data"

    host = Host()
    app = WidgetHost(host)
    with pytest.raises(KeyError, match="a bug"):
        async with app.run_test() as pilot:
            host.computation.start("bug", fail(KeyError("a bug")), (ValueError,))
            await until(pilot, lambda: not threads_running())
            await pilot.pause()


NEVER_ENDING = """
import threading
from l1l2_tui.views.computation import Computation

class View:
    def post_message(self, message):
        pass

Computation(View()).start("forever", lambda progress: threading.Event().wait())
"""


def test_a_computation_never_keeps_the_process_alive() -> None:
    # A Textual thread worker runs in the default executor, which the interpreter waits for
    # at exit: q waited for the work in hand.
    done = subprocess.run([sys.executable, "-c", NEVER_ENDING], timeout=60, capture_output=True)
    assert done.returncode == 0, done.stderr
