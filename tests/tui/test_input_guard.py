"""The input decoder: bytes that break Textual's own parser are dropped or replaced, and the keys
after them still come through."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events

from l1l2_tui.terminal.input_guard import InputDecoder


def keys(messages: list[object]) -> list[str]:
    return [message.key for message in messages if isinstance(message, events.Key)]


def feed_and_settle(decoder: InputDecoder, data: bytes) -> list[object]:
    """What ``data`` gives once the parser's escape timeout has passed."""
    messages: list[object] = list(decoder.feed(data))
    time.sleep(0.15)
    messages += decoder.tick()
    return messages


@pytest.mark.parametrize(
    "bad",
    [
        b"\xff",
        b"\xf8",  # Alt+x as 8-bit meta
        b"\xe2\x82",  # a character cut short by the next byte
        b"\x1b[1114112u",
        b"\x1b[9999999999999999999~",
        b"\x1b[97;1;1114112u",
        b"\x1b[48;0;0;0;0t\x1b[<0;5;5M",  # a mouse report Textual divides by a size of 0 for
    ],
    ids=["0xff", "meta", "cut-short", "past-U+10FFFF", "past-C-int", "text-past-U+10FFFF", "div0"],
)
def test_a_bad_sequence_leaves_the_next_key_intact(bad: bytes) -> None:
    decoder = InputDecoder()
    before = feed_and_settle(decoder, bad)
    # Nothing a user did not press: no digits of the sequence replayed as keys.
    assert not set(keys(before)) & set("0123456789u~")
    after = keys(feed_and_settle(decoder, b"x"))
    # A character cut short is replaced once the byte after it shows it will not be finished.
    assert after == (["replacement_character", "x"] if bad == b"\xe2\x82" else ["x"])


@pytest.mark.parametrize("bad", [b"\x1b[1114112u", b"\x1b[9999999999999999999~"])
def test_keys_read_with_a_key_past_unicode_come_through(bad: bytes) -> None:
    # One read holds both, as when keys are typed fast or pasted: the parser must not fail.
    assert keys(feed_and_settle(InputDecoder(), b"a" + bad + b"b")) == ["a", "b"]


def test_invalid_utf8_becomes_the_replacement_character() -> None:
    assert keys(InputDecoder().feed(b"a\xffb")) == ["a", "replacement_character", "b"]


def test_a_character_split_across_reads_is_decoded_whole() -> None:
    decoder = InputDecoder()
    euro = "€".encode()
    assert decoder.feed(euro[:1]) == []
    assert [m.character for m in decoder.feed(euro[1:]) if isinstance(m, events.Key)] == ["€"]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200))
def test_no_bytes_make_the_decoder_raise_or_stop(data: bytes) -> None:
    decoder = InputDecoder()
    decoder.feed(data)
    # The end of a bracketed paste the bytes may have opened, then a kitty "x": each starts with
    # an escape, which ends whatever sequence the bytes left unfinished.
    messages = decoder.feed(b"\x1b[201~") + decoder.feed(b"\x1b[120u")
    assert keys(messages)[-1:] == ["x"]


def test_a_paste_that_never_ends_is_closed_once_input_stops() -> None:
    decoder = InputDecoder(paste_timeout=0.05)
    assert decoder.feed(b"\x1b[20") + decoder.feed(b"0~pasted") == []  # the start, split
    assert decoder.feed(b"q") == []  # still inside the paste
    time.sleep(0.1)
    pasted = [m.text for m in decoder.tick() if isinstance(m, events.Paste)]
    assert pasted == ["pastedq"]
    assert keys(decoder.feed(b"q")) == ["q"]


def test_a_paste_split_across_reads_is_not_cut_short() -> None:
    decoder = InputDecoder(paste_timeout=0.5)
    messages = decoder.feed(b"\x1b[20") + decoder.feed(b"0~one") + decoder.feed(b"\x1b[2")
    time.sleep(0.02)  # shorter than the paste timeout, and than the parser's escape delay
    messages += decoder.tick()
    messages += decoder.feed(b"01~x")
    assert [m.text for m in messages if isinstance(m, events.Paste)] == ["one"]
    assert keys(messages) == ["x"]


@pytest.mark.parametrize(
    "reads", [[b"a\x1b[0nq"], [b"a\x1b[", b"0", b"nq"]], ids=["whole", "split"]
)
def test_a_status_answer_is_handed_on_and_is_never_keys(reads: list[bytes]) -> None:
    """A terminal's answer to a status request (``ESC[0n``): unparsed, Textual would replay it as
    ``^ [ 0 n`` (no penalty, one step) with what was typed after it."""
    answers: list[int] = []
    decoder = InputDecoder(on_status=lambda: answers.append(1))
    messages: list[object] = []
    for data in reads:
        messages += decoder.feed(data)
    time.sleep(0.15)
    messages += decoder.tick()
    assert keys(messages) == ["a", "q"]
    assert answers == [1]
