"""The keys a recording presses, and when: ``"l@3s c@6s"``."""

from __future__ import annotations

import math
from collections.abc import Iterable

MAX_KEYS = 10_000


class KeyScriptError(ValueError):
    """A key script that cannot be read; the message says which item and why."""


def parse_key_script(text: str, fps: int) -> dict[int, tuple[str, ...]]:
    """The keys of ``text`` by the frame they are pressed on, in the order given.

    ``text`` is items separated by spaces, each ``KEY@TIME``: ``KEY`` a key's name as Textual
    names it (``space``, ``escape``, ``right``) or the character it types (``l``, ``?``, ``+``),
    ``TIME`` seconds from the start with an optional ``s`` (``3s``, ``2.5``). A key at ``t``
    seconds is pressed on frame ``round(t * fps)``, after that frame's tick."""
    frames: dict[int, list[str]] = {}
    items = text.split()
    if len(items) > MAX_KEYS:
        raise KeyScriptError(f"{len(items)} keys; at most {MAX_KEYS} are allowed")
    for item in items:
        key, at, when = item.rpartition("@")
        if not at or not key:
            raise KeyScriptError(f"{item!r} is not KEY@TIME, e.g. l@3s")
        seconds = _seconds(when.removesuffix("s"))
        if seconds is None:
            raise KeyScriptError(f"{item!r}: {when!r} is not a time in seconds, e.g. 3s or 2.5s")
        frames.setdefault(round(seconds * fps), []).append(key)
    return {frame: tuple(keys) for frame, keys in sorted(frames.items())}


def _seconds(text: str) -> float | None:
    try:
        seconds = float(text)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and 0 <= seconds <= 1e6 else None


def keys_in(script: dict[int, tuple[str, ...]]) -> Iterable[str]:
    """Every key the script presses, once each, in the order they first come."""
    return dict.fromkeys(key for keys in script.values() for key in keys)
