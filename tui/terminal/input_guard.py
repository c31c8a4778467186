"""Terminal input that no byte sequence can break.

Textual 8's Linux driver reads stdin in a thread, decodes it as strict UTF-8 and feeds an
``XTermParser``. Three kinds of input kill that thread, and with it the app (which then exits
with status 0 after printing a traceback):

- a byte that is not UTF-8 (``0xff``; an Alt key in a terminal set to send 8-bit meta; a
  multi-byte character cut short): ``UnicodeDecodeError`` in the decoder. Upstream:
  https://github.com/Textualize/textual/issues/6456
- a kitty-protocol key whose code point is past U+10FFFF (``ESC[1114112u``, ``ESC[97;1;1114112u``)
  or does not fit a C int (``ESC[9999999999999999999~``): ``ValueError`` or ``OverflowError``
  from ``chr()`` in ``XTermParser._parse_extended_key``. No upstream issue found.
- any other error raised inside the parser's generator, which leaves it finished for good
  (``ESC[48;0;0;0;0t`` then a click: ``ZeroDivisionError`` scaling the click to a size of 0).

A terminal's answer to a device status request (``ESC[0n``, see :mod:`l1l2_tui.terminal.link`)
is not a key sequence Textual knows: it would wait for more, then hand on ``^ [ 0 n`` as keys
(no penalty, one step) with whatever was typed next. Here it is an answer, never keys.

Two more leave the app deaf to keys. A bracketed paste that never ends (``ESC[200~`` alone)
makes every later key pasted text, q included. An in-band resize report
(``ESC[48;99999;99999;1;1t``) is taken at its word even when the app never asked for one, and
the app then lays out a screen of ten billion cells for ever. No upstream issue found for
either. And with stdin at its end (``< /dev/null``, a closed pipe) the thread spins a core.

:class:`InputDecoder` reads the same way with a decoder that replaces bad bytes by U+FFFD, a
parser (:class:`GuardedXTermParser`) that drops a key it cannot name, a fresh parser should the
old one fail anyway, and a paste closed after :data:`PASTE_TIMEOUT` seconds without input. The
driver (:mod:`l1l2_tui.terminal.driver`) takes terminal sizes from the kernel rather than from
the input, and reads no more once input has ended.

Upstream, checked on Textual 8.2.8 (the project takes ``textual>=8,<9``): the strict decoder is
https://github.com/Textualize/textual/issues/6456 (open; 8.2.8 still decodes with
``errors="strict"``); the spinning thread at the end of input is the open pull request
https://github.com/Textualize/textual/pull/6690; for the others no issue was found. Re-check
each on an upgrade: when Textual fixes one, its part here goes.
"""

from __future__ import annotations

import time
from codecs import getincrementaldecoder
from collections.abc import Callable, Iterable

from textual import events
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.keys import Keys
from textual.message import Message

PASTE_TIMEOUT = 1.0
"""Seconds without input after which a bracketed paste still open is taken to be over: a
terminal sends a paste whole, so only lost or forged bytes leave one open that long. (Were a
link to stall longer in the middle of a paste, its rest would arrive as keys; the app has no
use for pasted text, and a key press is at worst one the user could have typed.)"""


STATUS_ANSWER = "\x1b[0n"
"""A terminal's answer to a device status request (``ESC[5n``): "ready, no malfunction"."""


class GuardedXTermParser(XTermParser):
    """Textual's parser, except that a key sequence naming no character is ignored, and a
    status answer goes to ``on_status``."""

    def __init__(self, debug: bool = False, on_status: Callable[[], None] | None = None) -> None:
        super().__init__(debug)
        self._on_status = on_status

    def _sequence_to_key_events(self, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        if sequence == STATUS_ANSWER:
            if self._on_status is not None:
                self._on_status()
            yield events.Key(Keys.Ignore, sequence)  # ends the sequence, as no key
            return
        try:
            keys = list(super()._sequence_to_key_events(sequence, alt))
        except (ValueError, OverflowError):
            # chr() of a code point past U+10FFFF or past a C int. An ignored key ends the
            # sequence, so its digits are not replayed as key presses.
            keys = [events.Key(Keys.Ignore, sequence)]
        yield from keys


class InputDecoder:
    """Bytes from the terminal to parsed messages, surviving any bytes at all."""

    def __init__(
        self,
        debug: bool = False,
        paste_timeout: float = PASTE_TIMEOUT,
        on_status: Callable[[], None] | None = None,
    ) -> None:
        self._debug = debug
        self._on_status = on_status
        self._decode = getincrementaldecoder("utf-8")(errors="replace").decode
        self._parser = GuardedXTermParser(debug, on_status)
        self._paste_timeout = paste_timeout
        self._paste_open = False
        self._tail = ""
        self._last_input = time.monotonic()

    def feed(self, data: bytes, final: bool = False) -> list[Message]:
        """The messages that ``data`` completes; ``final`` flushes a character cut short."""
        text = self._decode(data, final=final)
        if not text:
            # The parser takes an empty string for the end of input: the first bytes of a
            # character decode to nothing until the rest arrive.
            return []
        self._last_input = time.monotonic()
        self._follow_paste(text)
        return self._run(lambda parser: parser.feed(text))

    def tick(self) -> list[Message]:
        """The messages a timeout completes (a lone escape, an unfinished sequence, a bracketed
        paste whose end has not come for ``paste_timeout`` seconds)."""
        messages = self._run(lambda parser: parser.tick())
        if self._paste_open and time.monotonic() - self._last_input > self._paste_timeout:
            # The parser would take every later key as pasted text, q included.
            self._paste_open = False
            messages += self._run(lambda parser: parser.feed(BRACKETED_PASTE_END))
        return messages

    def _follow_paste(self, text: str) -> None:
        # A marker may be split across reads: look at the end of the last read too.
        seen = self._tail + text
        start, end = seen.rfind(BRACKETED_PASTE_START), seen.rfind(BRACKETED_PASTE_END)
        if start != end:
            self._paste_open = start > end
        self._tail = seen[-(len(BRACKETED_PASTE_END) - 1) :]

    def _run(self, step: Callable[[XTermParser], Iterable[Message]]) -> list[Message]:
        messages: list[Message] = []
        try:
            messages.extend(step(self._parser))
        except Exception:
            # The parser's generator is finished once it raised: what it held is lost, and a
            # new parser reads what comes next.
            self._parser = GuardedXTermParser(self._debug, self._on_status)
            self._paste_open = False
        return messages
