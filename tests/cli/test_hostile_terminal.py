"""The app and the demo need a terminal on standard input, output and error output: without one
they refuse to start, in one line and with exit status 1, rather than run on for ever with no
one to see them. The commands for scripts need none."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

COMMAND = [sys.executable, "-m", "l1l2_tui"]
TIMEOUT = 60.0

# What each standard stream is instead of the terminal (the others stay on it): a file to
# open, "pipe", or "closed"; and the stream the message names
STREAMS: dict[str, tuple[int, str, str]] = {
    "input from /dev/null": (0, "/dev/null", "standard input"),
    "input closed": (0, "closed", "standard input"),
    "output into a pipe (| head)": (1, "pipe", "standard output"),
    "output into a file": (1, "file", "standard output"),
    "output closed": (1, "closed", "standard output"),
    "error output on a full disk": (2, "/dev/full", ""),
    "error output closed": (2, "closed", ""),
}


def run_without_a_terminal_on(
    fd: int, instead: str, args: list[str], tmp_path: Path
) -> tuple[int, str]:
    """Run ``l1l2-tui ARGS`` on a pseudo-terminal, but with standard stream ``fd`` replaced as
    ``instead`` says; its exit status and all it wrote to the terminal or the pipe."""
    master, slave = pty.openpty()
    streams: list[int | None] = [slave, slave, slave]
    if instead == "pipe":
        streams[fd] = subprocess.PIPE
    elif instead == "file":
        streams[fd] = os.open(tmp_path / "out.txt", os.O_WRONLY | os.O_CREAT)
    elif instead != "closed":
        streams[fd] = os.open(instead, os.O_RDWR)

    def close_it() -> None:
        if instead == "closed":
            os.close(fd)

    process = subprocess.Popen(
        [*COMMAND, *args],
        stdin=streams[0],
        stdout=streams[1],
        stderr=streams[2],
        preexec_fn=close_it,
        start_new_session=True,
        cwd=tmp_path,
    )
    os.close(slave)
    for stream in streams:
        if isinstance(stream, int) and stream not in (slave, subprocess.PIPE):
            os.close(stream)
    written = b""
    deadline = time.monotonic() + TIMEOUT
    try:
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    written += os.read(master, 65536)
                except OSError:
                    break
        process.wait(timeout=max(0.1, deadline - time.monotonic()))
        if process.stdout is not None:
            written += process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    return process.returncode, written.decode(errors="replace")


@pytest.mark.parametrize("command", [["--paused"], ["demo"]], ids=["app", "demo"])
@pytest.mark.parametrize("case", STREAMS)
def test_no_terminal_is_one_line_and_exit_1(tmp_path: Path, command: list[str], case: str):
    fd, instead, named = STREAMS[case]
    code, written = run_without_a_terminal_on(fd, instead, command, tmp_path)
    assert code == 1, written
    assert "Traceback" not in written
    lines = [line for line in written.splitlines() if line.strip()]
    if fd == 2:  # the message has nowhere to go: the exit status says it
        assert lines == []
    else:
        assert lines == [
            f"error: the app needs a terminal, and its {named} is not one; for results a "
            "script can read, use `l1l2-tui run` or `l1l2-tui path`"
        ]


@pytest.mark.parametrize(
    "args",
    [
        ["run", "--steps", "1"],
        ["path", "--num", "2"],
        ["lesson"],
        ["screenshot", "--view", "main", "--out", "shots"],
    ],
    ids=["run", "path", "lesson", "screenshot"],
)
def test_the_commands_for_scripts_need_no_terminal(tmp_path: Path, args: list[str]):
    done = subprocess.run(
        [*COMMAND, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout
