"""Whatever bytes reach the app's terminal, it keeps running and answering keys; a real bug ends
it with status 1, one line on stderr and the terminal given back; Ctrl+Z suspends it."""

from __future__ import annotations

import os
import re
import signal
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pty_app import ESCAPE, Child, app_in_pty

pytestmark = [
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="reads process states from /proc"
    ),
    # Times a real terminal's answers and reads CPU time: the machine to itself.
    pytest.mark.serial,
]

SETTLE = 0.2
"""Seconds for the app to take what it was sent: more than the parser's escape timeout."""
ANSWER_TIMEOUT = 10.0
QUIT_TIMEOUT = 30.0
"""Seconds the app may take to end after q on a loaded machine (it takes well under one)."""
HELP_TEXT = b"why L1 gives exact zeros"
"""The help's title, which the probe opens; never on the main screen."""
# Keys that would end or stop the run on purpose (q, ctrl+q, ctrl+z, ctrl+\, ctrl+c), open the
# command palette (ctrl+p) or run its highlighted command (enter) are left out of random bytes.
LEFT_OUT = b"qQ\x03\x10\x11\x1a\x1c\r\n"
HOSTILE = [
    b"\xff",  # never UTF-8
    b"\xf8",  # Alt+x from a terminal sending 8-bit meta
    b"\xe2\x82",  # a character cut short
    b"\x1b[" + b"9" * 30 + b"~",  # past the parser's sequence limit
    b"\x1b[9999999999999999999~",  # a key number past a C int
    b"\x1b[1114112u",  # a kitty key past U+10FFFF
    b"\x1b[97;1;1114112u",  # kitty text past U+10FFFF
    b"\x10\x1b[5~",  # ctrl+p, then pageup before the palette is laid out
    b"\x10\x1b[6~",  # ctrl+p, then pagedown
    b"\x1b[48;99999;99999;1;1t",  # an in-band resize to ten billion cells
    b"\x1b[48;0;0;0;0t\x1b[<0;5;5M",  # an in-band resize to nothing, then a click
    b"\x1b[<0;99999;99999M",  # a click far off the screen
    b"\x1b[99999999;99999999R",  # a cursor position far off the screen
    b"\x1b[200~pasted\x00text\x1b[201~",  # a bracketed paste
]
raw_bytes = st.binary(max_size=32).map(lambda data: data.translate(None, LEFT_OUT))
huge_csi = st.builds(
    lambda number, final: b"\x1b[%d%s" % (number, final),
    st.integers(min_value=0x110000, max_value=10**30),
    st.sampled_from([b"u", b"~", b"A", b"H", b"P"]),
)
hostile_input = st.lists(
    st.one_of(raw_bytes, huge_csi, st.sampled_from(HOSTILE)), min_size=1, max_size=12
).map(b"".join)


def process_state(child: Child) -> str:
    """The one-letter state of ``/proc/PID/stat``: ``T`` when stopped."""
    stat = Path(f"/proc/{child.process.pid}/stat").read_text()
    return stat.rsplit(")", 1)[1].split()[0]


def answers_keys(child: Child) -> bool:
    """Whether the app, whatever screen or state the input left it in, opens the help on ?."""
    # The end of a bracketed paste first: one left open would take every key as pasted text.
    # Then escape thrice: out of the palette, the help under it and the view under that.
    for key in (b"\x1b[201~", ESCAPE, ESCAPE, ESCAPE):
        child.send(key)
        child.read_for(SETTLE)
    child.output.clear()
    child.send(b"?")
    answered = child.wait_for(HELP_TEXT, ANSWER_TIMEOUT)
    child.send(ESCAPE)
    child.read_for(SETTLE)
    return answered


class RunningApp:
    """One app process for many examples; a new one after an example killed it."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self._contexts: list[Iterator[Child]] = []
        self.child: Child | None = None

    def get(self) -> Child:
        if self.child is None or not self.child.alive:
            self.close()
            # 80x24 and a scratch directory (s saves a screenshot in the working directory).
            context = app_in_pty(rows=24, columns=80, cwd=self.tmp_path)
            self.child = context.__enter__()
            self._contexts.append(context)
            self.child.wait_until_drawn()
        return self.child

    def close(self) -> None:
        while self._contexts:
            self._contexts.pop().__exit__(None, None, None)


@pytest.mark.slow
def test_random_and_hostile_bytes_leave_the_app_running_and_q_still_quits(tmp_path: Path) -> None:
    app = RunningApp(tmp_path)

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(hostile_input)
    @example(b"\x10\x1b[5~")  # each input that broke the app, for sure, besides random ones
    @example(b"".join(chunk for chunk in HOSTILE if not chunk.startswith(b"\x10")))
    def feed(data: bytes) -> None:
        child = app.get()
        child.output.clear()
        try:
            child.send(data)
            child.read_for(SETTLE)
            assert child.alive, f"exited {child.process.returncode}: {child.tail()}"
            assert b"Traceback" not in child.output
            assert answers_keys(child), child.tail()
        except AssertionError:
            app.close()  # the next example, and each one hypothesis shrinks to, gets a new app
            raise

    try:
        feed()
        child = app.get()
        child.send(b"q")
        child.wait_for_exit(timeout=QUIT_TIMEOUT)
        assert child.process.returncode == 0
        assert b"Traceback" not in child.output
    finally:
        app.close()


BURSTS = [
    b"n" * 3000,  # a step key held down: thousands of presses at once
    b"\x1b[C" * 3000,  # the other step key, →
    b"e" * 3000,
    b" " * 3000,
    b"+" * 3000,
    b"[" * 3000,
    b"," * 3000,
    b"o" * 3000,
    b"r" * 3000,
    b"g" * 3000,
    b"?" * 3000,
    b"c" + b"v" * 3000,  # the compare view's key, dear to repeat
    b"z" + b"f" * 3000,
    b"p" + b"\x1b[C" * 3000,  # steps while the path is being solved
    b"ne" * 1500,  # two keys in turn: no run of one key to merge
]


def test_a_burst_of_presses_leaves_the_app_answering_keys(tmp_path: Path) -> None:
    with app_in_pty(rows=24, columns=80, cwd=tmp_path) as child:
        child.wait_until_drawn()
        for burst in BURSTS:
            child.send(burst)
            assert answers_keys(child), f"{burst[:12]!r}...: {child.tail()}"
            assert child.alive and b"Traceback" not in child.output
        child.send(b"q")
        child.wait_for_exit(timeout=QUIT_TIMEOUT)
        assert child.process.returncode == 0


CRASHING = (
    "import sys\n"
    "from {module} import {owner}\n"
    "def fail(*args, **kwargs):\n"
    "    raise RuntimeError('planted failure')\n"
    "{owner}.{method} = fail\n"
    "sys.argv = ['l1l2-tui', '--paused']\n"
    "from l1l2_tui.__main__ import main\n"
    "main()\n"
)


@pytest.mark.parametrize(
    ("module", "owner", "method", "key"),
    [
        ("l1l2_tui.app", "L1L2App", "action_screenshot", b"s"),  # in a key's action
        (
            "l1l2_tui.terminal.input_guard",
            "InputDecoder",
            "feed",
            b"x",
        ),  # in Textual's input thread
    ],
    ids=["action", "input-thread"],
)
def test_an_internal_error_exits_1_with_one_line_and_the_terminal_restored(
    module: str, owner: str, method: str, key: bytes, tmp_path: Path
) -> None:
    script = CRASHING.format(module=module, owner=owner, method=method)
    with app_in_pty(("-c", script), cwd=tmp_path) as child:
        cooked = termios.tcgetattr(child.master)
        child.wait_until_drawn()
        child.send(key)
        child.wait_for_exit(timeout=QUIT_TIMEOUT)
        assert child.process.returncode == 1
        output = bytes(child.output)
        assert b"Traceback" not in output
        assert b"\x1b[?1049l" in output  # left the alternate screen
        assert b"\x1b[?25h" in output  # cursor shown
        assert termios.tcgetattr(child.master)[3] == cooked[3]  # echo and line editing back
        after = output[output.rindex(b"\x1b[?1049l") :].decode(errors="replace")
        lines = re.sub(r"\x1b\[[?<>]?[\d;]*[a-zA-Z]", "", after).splitlines()
        errors = [line for line in lines if line.strip()]
        assert len(errors) == 1, errors
        match = re.fullmatch(r"error: .*internal error; the details are in (\S+\.log)", errors[0])
        assert match, errors[0]
        log = Path(match[1])
        try:
            assert "RuntimeError: planted failure" in log.read_text()
        finally:
            log.unlink()


def test_ctrl_z_suspends_and_fg_resumes() -> None:
    with app_in_pty(rows=24, columns=80) as child:
        cooked = termios.tcgetattr(child.master)
        child.wait_until_drawn()
        child.read_for(1.0)  # the first frame's last writes
        child.send(b"\x1a")
        deadline = time.monotonic() + ANSWER_TIMEOUT
        while process_state(child) != "T" and time.monotonic() < deadline:
            child.read_for(0.05)
        assert process_state(child) == "T"
        # Stopped, it wrote all it will: read what the last polls left in the pty.
        child.read_for(0.3)
        assert b"\x1b[?1049l" in child.output  # the shell gets its screen back
        assert termios.tcgetattr(child.master)[3] == cooked[3]
        child.output.clear()
        child.process.send_signal(signal.SIGCONT)  # what fg sends
        # Drawn again whole, before any key: the terminal's alternate screen came back blank.
        assert child.wait_for(b"zeros", ANSWER_TIMEOUT), child.tail()
        assert answers_keys(child)
        child.send(b"q")
        child.wait_for_exit(timeout=QUIT_TIMEOUT)
        assert child.process.returncode == 0


def cpu_seconds(child: Child) -> float:
    fields = Path(f"/proc/{child.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


APP_WITHOUT_THE_COMMAND_LINE = (
    "from l1l2_tui.app import make_app\n"
    "from l1l2_tui.config import AppConfig\n"
    "make_app(AppConfig(autoplay=False)).run()\n"
)


def test_with_stdin_at_its_end_the_app_idles_and_sigint_ends_it() -> None:
    # stdin from /dev/null (or a closed pipe) is always readable and always empty. The command
    # line refuses to start the app so (tests/cli/test_hostile_terminal.py); the app itself,
    # started some other way, must still not spin.
    devnull = os.open(os.devnull, os.O_RDONLY)
    try:
        args = ("-c", APP_WITHOUT_THE_COMMAND_LINE)
        with app_in_pty(args, rows=24, columns=80, stdin=devnull) as child:
            child.wait_until_drawn()
            child.read_for(0.5)
            before = cpu_seconds(child)
            child.read_for(1.0)
            assert cpu_seconds(child) - before < 0.3  # Textual's own reader spins a core
            child.process.send_signal(signal.SIGINT)
            child.wait_for_exit(timeout=QUIT_TIMEOUT)
            assert child.process.returncode == 128 + signal.SIGINT
    finally:
        os.close(devnull)
