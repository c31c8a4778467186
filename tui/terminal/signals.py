"""Give the terminal back and end the process when the terminal goes away or we are told to stop.

Textual 8 on Linux does not handle losing its terminal:

- SIGHUP, SIGTERM and every other signal whose default action ends the process (SIGQUIT,
  SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU, ...) kill it with the terminal still in the alternate
  screen, in raw mode and reporting the mouse (a ``kill`` from a live terminal leaves a broken
  shell). Calling ``App.exit()`` instead hangs once the pty is gone: the output thread dies on
  its first failed write, and the shutdown then blocks on its full queue.
- When the pty closes without a SIGHUP reaching us (no controlling terminal, as after ``setsid``
  or ``Popen(start_new_session=True)``; or SIGHUP ignored, as under ``nohup``), reads return EOF
  and Textual's input thread spins at 100% CPU for ever.
- Its SIGTSTP and SIGCONT handlers stop and restart the terminal's input and output threads
  from inside whatever code the signal interrupted: a SIGTSTP that comes while the previous one
  is still being handled joins an output thread that can no longer run, and the app hangs
  (``kill -TSTP`` and ``kill -CONT`` in turn, a few dozen times). A stray SIGCONT starts a
  second set of threads.

:func:`install_exit_handlers` handles the signals in :data:`ENDING_SIGNALS` by writing the escape
sequences that ``LinuxDriver.stop_application_mode`` writes, restoring the termios attributes the
driver saved, and ending the process with ``os._exit(128 + signum)``. On Linux it also starts a
thread that sleeps in ``poll()`` until the terminal hangs up and then does the same as for
SIGHUP. Nothing here blocks for long or raises: writes wait for room in the terminal's buffer at
most :data:`WRITE_DEADLINE` seconds, and errors are ignored. :class:`StopSignals` takes SIGTSTP
and SIGCONT in the event loop, one at a time, the last one received deciding.

SIGINT (a ``kill -INT``; the Ctrl+C key is a key press in the app's raw mode) makes Textual exit
cleanly but with status 0, as if the user had quit. The terminal is still there, so the app
exits the ordinary way, restoring it, with the status of a process interrupted by SIGINT (130).

Upstream, checked on Textual 8.2.8: https://github.com/Textualize/textual/issues/5140 (open)
asks for termination signals to be handled gracefully; 8.2.8's ``LinuxDriver`` handles SIGTSTP
and SIGCONT only. The input thread spinning at the end of input is the open pull request
https://github.com/Textualize/textual/pull/6690. Re-check both on an upgrade.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any, NoReturn

from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

WRITE_DEADLINE = 0.2
"""Seconds to wait for room in the terminal's buffer (a full one under heavy output or a stalled
SSH link) before giving up on restoring it."""
RESTORE_SEQUENCES = (
    b"\x18"  # CAN: abort an escape sequence the output thread may have half written
    b"\x1b[?2026l"  # end a synchronized update the app may be in the middle of
    b"\x1b[?2004l"  # bracketed paste off
    b"\x1b[?7h"  # line wrap on
    b"\x1b[?2048l"  # in-band window resize reports off
    b"\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l"  # mouse reporting off
    b"\x1b[<u"  # pop the kitty keyboard protocol, before leaving the alternate screen
    b"\x1b[?1049l"  # leave the alternate screen
    b"\x1b[?25h"  # show the cursor
    b"\x1b[?1004l"  # focus in/out reports off
)
ENDING_SIGNALS = (
    *(
        getattr(signal, name)
        for name in (
            "SIGHUP",
            "SIGTERM",
            "SIGQUIT",
            "SIGUSR1",
            "SIGUSR2",
            "SIGALRM",
            "SIGVTALRM",
            "SIGPROF",
            "SIGXCPU",
            "SIGIO",
            "SIGPWR",
            "SIGSTKFLT",
            "SIGSYS",
            "SIGTRAP",
            "SIGABRT",
        )
        if hasattr(signal, name)
    ),
    *(range(signal.SIGRTMIN, signal.SIGRTMAX + 1) if hasattr(signal, "SIGRTMIN") else ()),
)
"""Signals whose default action ends the process, but for SIGKILL (which cannot be caught),
SIGINT (which ends the app the ordinary way), SIGPIPE and SIGXFSZ (which Python ignores), and
SIGSEGV, SIGBUS, SIGILL and SIGFPE: sent by a fault of the running code, after which the
process cannot go on to run a handler (it would return to the faulting instruction)."""


def install_exit_handlers(app: App[Any]) -> None:
    """Make the :data:`ENDING_SIGNALS` and (on Linux) a hang-up of the terminal end the process
    promptly, leaving the terminal as it was before the app started, as far as it still exists;
    make SIGINT end the app with status 130.

    Call it once the app runs (from ``on_mount``): the handlers read the termios attributes that
    Textual's driver saved when it started. Does nothing for a headless app (``run_test``), off the
    main thread or off POSIX; only the SIGINT handler when stdin is not a terminal. A signal
    ignored when the app started stays ignored (it would not have ended the app), but for SIGHUP
    (``nohup`` ignores it: an app whose terminal hung up has nothing left to show) and SIGTERM.
    """
    if (
        app.is_headless
        or os.name != "posix"
        or threading.current_thread() is not threading.main_thread()
    ):
        return
    # Through the event loop: app.exit posts a message, which a signal handler must not do.
    asyncio.get_running_loop().add_signal_handler(
        signal.SIGINT, lambda: app.exit(return_code=128 + signal.SIGINT)
    )
    stdin, stderr = sys.__stdin__, sys.__stderr__
    if stdin is None or stderr is None or not stdin.isatty():
        return
    input_fd, output_fd = stdin.fileno(), stderr.fileno()

    def restore_and_exit(signum: int) -> NoReturn:
        restore_terminal(input_fd, output_fd, saved_attributes(app))
        os._exit(128 + signum)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        restore_and_exit(signum)

    for signum in ENDING_SIGNALS:
        if signum in (signal.SIGHUP, signal.SIGTERM) or signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, on_signal)
    if sys.platform.startswith("linux"):  # macOS's poll() does not work on terminals
        threading.Thread(
            target=wait_for_hangup,
            args=(input_fd, lambda: restore_and_exit(signal.SIGHUP)),
            name="l1l2-hangup-watch",
            daemon=True,
        ).start()


def saved_attributes(app: App[Any]) -> list[Any] | None:
    """The termios attributes Textual's ``LinuxDriver`` saved on start (there is no public API)."""
    return getattr(getattr(app, "_driver", None), "attrs_before", None)


def restore_terminal(input_fd: int, output_fd: int, attributes: list[Any] | None) -> None:
    """Write :data:`RESTORE_SEQUENCES` to ``output_fd`` without blocking, and set ``attributes``
    (from ``termios.tcgetattr``) on ``input_fd``. Safe in a signal handler or any thread; errors
    (a closed pty gives EIO) are ignored."""
    import termios  # POSIX only; this module is imported on every platform

    # A background process would be stopped by SIGTTOU for writing or for tcsetattr; blocked,
    # both go through. Only this thread's mask changes, just before the process ends.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTTOU})
    with contextlib.suppress(OSError):
        blocking = os.get_blocking(output_fd)
        # Non-blocking for every writer of this open file: Textual's output thread, if it is
        # waiting for room in the middle of a frame, gives up instead of drawing after us.
        os.set_blocking(output_fd, False)
        try:
            write_within(output_fd, RESTORE_SEQUENCES, WRITE_DEADLINE)
        finally:
            os.set_blocking(output_fd, blocking)
    if attributes is not None:
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(input_fd, termios.TCSANOW, attributes)


def write_within(fd: int, data: bytes, seconds: float) -> None:
    """Write ``data`` to the non-blocking ``fd``, waiting for room at most ``seconds`` in all."""
    deadline = time.monotonic() + seconds
    while data:
        try:
            data = data[os.write(fd, data) :]
        except BlockingIOError:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            select.select([], [fd], [], remaining)


def wait_for_hangup(fd: int, on_hangup: Callable[[], object]) -> None:
    """Sleep until the terminal ``fd`` hangs up (or is closed), then call ``on_hangup``.

    ``poll()`` reports POLLHUP, POLLERR and POLLNVAL whatever the mask, so registering for POLLHUP
    alone never wakes on input, and the thread uses no CPU while it waits.
    """
    poller = select.poll()
    poller.register(fd, select.POLLHUP)
    while True:
        for _fd, mask in poller.poll():
            if mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL):
                on_hangup()
                return


class StopSignals:
    """SIGTSTP (Ctrl+Z, ``kill -TSTP``) and SIGCONT (``fg``) for a Textual ``LinuxDriver``, taken
    in the event loop rather than inside whatever code the signal interrupts.

    The handlers only note which signal came last; once the loop has taken every signal already
    received, the terminal is given back and the process stopped if that was SIGTSTP, and the app
    takes the terminal again if it was SIGCONT after a stop of ours. A stop ends in the middle of
    that step, when SIGCONT comes. Textual's own steps do the work (``_sigtstp_application`` and
    ``_sigcont_application``, private in Textual 8.2.8).
    """

    def __init__(self, driver: LinuxDriver) -> None:
        self._driver = driver
        self._loop = asyncio.get_running_loop()
        self._stop_wanted = False
        self._stopped = False

    def install(self) -> None:
        """Take over SIGTSTP and SIGCONT from the driver (from the event loop's thread)."""
        self._loop.add_signal_handler(signal.SIGTSTP, self._received, True)
        self._loop.add_signal_handler(signal.SIGCONT, self._received, False)

    def _received(self, stop: bool) -> None:
        self._stop_wanted = stop
        # After the callbacks of the signals received with this one: the last one decides.
        self._loop.call_soon(self._follow)

    def _follow(self) -> None:
        if self._stop_wanted == self._stopped:
            return
        self._stopped = self._stop_wanted
        if self._stopped:
            self._driver._sigtstp_application()
        else:
            self._driver._sigcont_application()
