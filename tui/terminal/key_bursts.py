"""Presses of one key that pile up while the app is busy reach it as one press with a count.

A held key repeats some 30 times a second, and a terminal or an SSH link that stalls delivers
all that was typed meanwhile at once. Textual 8 takes each press as a message of its own, looks
its bindings up and runs its action: some 0.3 ms a press on a loaded machine before the action
does anything. A held step key (one engine step and a redraw a press) kept the app from
answering ``q`` for 44 s.

The terminal driver posts each key as a :class:`KeyPress`, the presses of one key that came in
one read merged (:func:`merge_presses`). Before taking a message, Textual's
``MessagePump._process_messages_loop`` drops it for the next one in the queue when
``can_replace`` says so: a press of the same key right behind it in the app's queue absorbs it
into its :attr:`KeyPress.count`. Presses merge only when they arrive together or wait in the
queue together: a key the app keeps up with is taken press by press, as before.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.message import Message


class KeyPress(events.Key):
    """A key event standing for ``count`` presses of the same key in a row."""

    def __init__(self, key: str, character: str | None, count: int = 1) -> None:
        super().__init__(key, character)
        self.count = count

    def can_replace(self, message: Message) -> bool:
        """Whether ``message``, queued right behind this press, is a press of the same key;
        if so it takes this press's count, as Textual drops this one for it."""
        if (
            type(message) is KeyPress
            and (message.key, message.character) == (self.key, self.character)
            and not (self.is_forwarded or message.is_forwarded)
        ):
            message.count += self.count
            return True
        return False

    def single(self) -> events.Key:
        """One press of this key."""
        return events.Key(self.key, self.character)


def merge_presses(messages: Iterable[Message]) -> list[Message]:
    """``messages`` with every key event a :class:`KeyPress`, and each run of presses of one
    key a single press counting them."""
    merged: list[Message] = []
    for message in messages:
        if type(message) is events.Key:
            message = KeyPress(message.key, message.character)
            if merged and merged[-1].can_replace(message):
                merged[-1] = message
                continue
        merged.append(message)
    return merged


# Handled wherever a key is: Textual names a message's handler after its class.
KeyPress.handler_name = events.Key.handler_name
