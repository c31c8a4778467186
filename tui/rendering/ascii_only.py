"""``--marker ascii``: every character the app sends is ASCII, Textual's own widgets included.

A Textual line filter (as its ``NO_COLOR`` filter is) rewrites each line before it is sent:
one ASCII character for each other character, so that nothing moves. Box drawing becomes
``-`` ``|`` ``+``, blocks ``#``, marks their nearest ASCII look-alike, anything else ``?``.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_LOOK_ALIKES = {
    "-": "─━═╌╍┄┅┈┉╴╶╸╺−\u2013\u2014\u2012",
    "|": "│┃║╎╏┆┇┊┋╵╷╹╻▕▏‖",
    "+": "┌┐└┘├┤┬┴┼╭╮╯╰╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫±◆",
    "#": "█▉▊▋▌▍▎▐▀▄▁▂▃▅▆▇▓■▮",
    "=": "▒",
    ":": "░",
    "o": "●○◉◯",
    "*": "•∙✱★",
    ".": "·…",
    ">": "►▶▸→⇒≥\u203a»",
    "<": "◄◀◂←⇐≤\u2039«",
    "/": "↔⇄",
    "^": "▲△↑",
    "v": "▼▽↓",
    "x": "×✕",
    "2": "²",
    "s": "\u03c3",
    " ": "\u00a0",
}
ASCII_FOR = str.maketrans({char: plain for plain, chars in _LOOK_ALIKES.items() for char in chars})
_OTHER = re.compile(r"[^\x00-\x7f]")


def to_ascii(text: str) -> str:
    """``text`` with every character ASCII, one for one."""
    text = text.translate(ASCII_FOR)
    return _OTHER.sub("?", text) if not text.isascii() else text


class AsciiOnly(LineFilter):
    """Rewrite every line into ASCII, one character for one."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment if segment.text.isascii() else Segment(to_ascii(segment.text), *segment[1:])
            for segment in segments
        ]
