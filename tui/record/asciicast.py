"""Writing asciicast v2, the file format of asciinema: a JSON header line, then one JSON line a
event, ``[time, "o", data]`` with ``time`` in seconds from the start (asciinema's
``doc/asciicast-v2.md``).

Times are written with six decimals, as asciinema writes them; text as UTF-8 with the control
characters JSON leaves raw (DEL and the C1 range) escaped as ``\\uXXXX``, as the format asks.
"""

from __future__ import annotations

import json
from typing import TextIO

_ESCAPED = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0))}


def header(width: int, height: int, title: str) -> str:
    """The header line (no timestamp: the same recording gives the same file)."""
    fields = {"version": 2, "width": width, "height": height, "title": title}
    return json.dumps(fields, ensure_ascii=False).translate(_ESCAPED)


def output_event(seconds: float, data: str) -> str:
    """The line of an output event: ``data`` written to the terminal ``seconds`` in."""
    return f'[{seconds:.6f}, "o", {json.dumps(data, ensure_ascii=False).translate(_ESCAPED)}]'


class AsciicastWriter:
    """Writes a cast to ``stream``: the header at once, then each frame's output as it comes.

    Frame ``k`` of a recording at ``fps`` frames a second is at ``k / fps`` seconds. A frame that
    changes nothing writes no event, as a terminal would receive nothing; :meth:`finish` writes
    an empty one at the last frame if it has none, so the cast lasts as long as the recording."""

    def __init__(self, stream: TextIO, fps: int) -> None:
        self.stream = stream
        self.fps = fps
        self.events = 0
        self._last_frame = -1

    def write_header(self, width: int, height: int, title: str) -> None:
        self.stream.write(header(width, height, title) + "\n")

    def write_frame(self, frame: int, data: str) -> None:
        if data:
            self._write(frame, data)

    def finish(self, last_frame: int) -> None:
        if self._last_frame < last_frame:
            self._write(last_frame, "")

    def _write(self, frame: int, data: str) -> None:
        self.stream.write(output_event(frame / self.fps, data) + "\n")
        self._last_frame = frame
        self.events += 1
