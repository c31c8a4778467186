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

:class:`GuardedLinuxDriver` reads the same way with a decoder that replaces bad bytes by U+FFFD,
a parser (:class:`GuardedXTermParser`) that drops a key it cannot name, a fresh parser should
the old one fail anyway, a paste closed after :data:`PASTE_TIMEOUT` seconds without input,
terminal sizes taken from the kernel rather than from the input, and no more reads once input
has ended.
"""

from __future__ import annotations

import os
import selectors
import time
from codecs import getincrementaldecoder
from collections.abc import Callable, Iterable

from textual import events
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Size
from textual.keys import Keys
from textual.message import Message

READ_SIZE = 4096
PASTE_TIMEOUT = 1.0
"""Seconds without input after which a bracketed paste still open is taken to be over: a
terminal sends a paste whole, so only lost or forged bytes leave one open that long. (Were a
link to stall longer in the middle of a paste, its rest would arrive as keys; the app has no
use for pasted text, and a key press is at worst one the user could have typed.)"""
SELECT_TIMEOUT = 0.1
"""Seconds between the parser's timeout checks (a lone escape key is told from the start of a
sequence by such a timeout), as in Textual's own driver."""


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


class GuardedLinuxDriver(LinuxDriver):
    """Textual's Linux driver with an input thread that stays alive whatever it reads."""

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        decoder = InputDecoder(self._debug, on_status=self.status_answered)

        def read_ready(timeout: float, final: bool = False) -> bool:
            """Parse what there is to read; False at the end of input."""
            for _key, mask in selector.select(timeout):
                if mask & selectors.EVENT_READ:
                    data = os.read(self.fileno, READ_SIZE)
                    if not data:
                        return False
                    for message in decoder.feed(data, final):
                        self.process_message(message)
            for message in decoder.tick():
                self.process_message(message)
            return True

        try:
            while not self.exit_event.is_set():
                if not read_ready(SELECT_TIMEOUT):
                    # stdin is /dev/null or a closed pipe: it reads as ready, with nothing, for
                    # ever, and Textual's own thread spins a core on it.
                    self.exit_event.wait()
                    return
            selector.unregister(self.fileno)
            read_ready(SELECT_TIMEOUT, final=True)
        finally:
            selector.close()

    def status_answered(self) -> None:
        """The terminal answered a device status request (from the input thread)."""

    def process_message(self, message: Message) -> None:
        if isinstance(message, events.Resize):
            # Only the kernel knows the terminal's size for sure; a report in the input may be
            # forged or garbled.
            size = Size(*self._get_terminal_size())
            message = events.Resize(size, size, size, message.pixel_size)
        super().process_message(message)
