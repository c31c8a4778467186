"""Work a view needs that takes longer than a frame (a regularization path, the pairs and the
loss plane of the geometry view), done off the UI thread, one computation at a time.

The work runs in a daemon thread that touches no widget: it reports progress and its result as
messages to the view. Each computation has a generation number; starting another one (the
penalty changed) or cancelling (the view closed) supersedes it: its next progress report stops
it, and whatever it still sends is dropped, so a late report never moves the bar of the newer
computation. The thread is a daemon of its own rather than a Textual thread worker: those run in
the event loop's default executor, which the interpreter waits for at exit, so ``q`` waited for
the grid point being solved (seconds on a large data set).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Hashable
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump

ProgressReport = Callable[[int, int], None]
"""``progress(done, total)``: called by the work between its steps; raises to stop it once the
computation has been superseded."""

GENERATIONS = itertools.count(1)


THREAD_NAME = "computation"
"""The start of every computation thread's name: how one is told from the app's other threads."""


def threads_running() -> bool:
    """Whether any computation's thread still runs, a superseded one included."""
    return any(thread.name.startswith(THREAD_NAME) for thread in threading.enumerate())


class Superseded(Exception):
    """Raised inside work that a newer computation (or closing the view) replaced."""


class Computation:
    """A view's background computation: :meth:`start` it, take its messages through
    :meth:`accept`, :meth:`cancel` it when the view closes."""

    class Progress(Message):
        """``done`` of ``total`` steps of the computation for ``key`` are done."""

        def __init__(self, generation: int, key: Hashable, done: int, total: int) -> None:
            super().__init__()
            self.generation, self.key, self.done, self.total = generation, key, done, total

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Computation.Progress)

    class Ready(Message):
        """The computation for ``key`` found ``result``."""

        def __init__(self, generation: int, key: Hashable, result: Any) -> None:
            super().__init__()
            self.generation, self.key, self.result = generation, key, result

    class Failed(Message):
        """The computation for ``key`` raised ``error`` (``expected``: one of the errors it
        expects)."""

        def __init__(
            self, generation: int, key: Hashable, error: Exception, expected: bool
        ) -> None:
            super().__init__()
            self.generation, self.key, self.error = generation, key, error
            self.expected = expected

    def __init__(self, view: MessagePump) -> None:
        self._view = view
        self.generation = 0
        """The number of the latest computation started (numbers are never reused, by any
        view's computations); only its messages are taken."""
        self.key: Hashable | None = None
        """What the running computation computes, or None when none runs."""

    def start(
        self,
        key: Hashable,
        work: Callable[[ProgressReport], Any],
        expected: tuple[type[Exception], ...] = (),
    ) -> None:
        """Run ``work(progress)`` for ``key`` in a thread, superseding any computation running.

        An error of a type in ``expected`` comes back as :class:`Failed`; any other is raised in
        the UI thread when its message is taken, as an error of the app's own would be."""
        self.generation = next(GENERATIONS)
        self.key = key
        generation = self.generation

        def progress(done: int, total: int) -> None:
            if generation != self.generation:
                raise Superseded
            self._view.post_message(self.Progress(generation, key, done, total))

        def run() -> None:
            try:
                result = work(progress)
            except Superseded:
                return
            except Exception as error:
                failed = self.Failed(generation, key, error, isinstance(error, expected))
                self._view.post_message(failed)
                return
            self._view.post_message(self.Ready(generation, key, result))

        threading.Thread(target=run, name=f"{THREAD_NAME} {key}", daemon=True).start()

    @property
    def running(self) -> bool:
        """Whether a computation runs whose result the view is waiting for."""
        return self.key is not None

    def cancel(self) -> None:
        """Supersede the running computation, if any: it stops at its next progress report."""
        if self.key is not None:
            self.generation = next(GENERATIONS)
            self.key = None

    def accept(self, message: Progress | Ready | Failed) -> bool:
        """Whether ``message`` comes from the current computation (which ends with its result
        or its failure). Raises an error the computation did not expect."""
        if message.generation != self.generation:
            return False
        if isinstance(message, (self.Ready, self.Failed)):
            self.key = None
        if isinstance(message, self.Failed) and not message.expected:
            raise message.error
        return True
