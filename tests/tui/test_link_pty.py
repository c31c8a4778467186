"""The app on a real pty, the test its terminal: frames follow the terminal's answers to the
status requests after them."""

from __future__ import annotations

import time

from pty_app import Child, app_in_pty

REQUEST = b"\x1b[5n"
ANSWER = b"\x1b[0n"
PLAYING = ("-m", "l1l2_tui", "--features", "20")


def answer_for(app: Child, seconds: float) -> int:
    """Act as the terminal for ``seconds``: answer each status request as it is read. Returns
    how many were answered."""
    answered = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.read_available(0.02)
        requests = app.output.count(REQUEST)
        if requests:
            app.send(ANSWER * requests)
            answered += requests
            del app.output[: app.output.rfind(REQUEST) + len(REQUEST)]
    return answered


def test_frames_wait_for_the_terminal_to_take_them():
    with app_in_pty(PLAYING) as app:
        assert app.wait_for(b"zeros"), app.tail()
        assert answer_for(app, 3.0) > 10, "a frame (and a request) a tick while answered"
        app.output.clear()
        app.read_for(1.0)  # what was on its way when the answers stopped
        held = app.output.count(REQUEST)
        app.output.clear()
        app.read_for(2.0)
        assert app.output.count(REQUEST) == 0 and len(app.output) == 0, "nothing while behind"
        app.send(ANSWER * held)
        assert answer_for(app, 3.0) > 10, "frames again once the terminal caught up"
        assert app.alive
