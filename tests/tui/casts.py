"""Reading what ``record`` wrote: a cast replayed on a pyte terminal, the text of an SVG
screenshot, and the frames of a GIF."""

from __future__ import annotations

import html
import json
import re

import pyte


def cast_events(text: str) -> tuple[dict, list[tuple[float, str, str]]]:
    """The header and the events of an asciicast v2."""
    header, *events = text.splitlines()
    return json.loads(header), [tuple(json.loads(line)) for line in events]  # type: ignore[misc]


def replay(text: str, until: float = float("inf")) -> pyte.Screen:
    """The terminal after every output event of the cast ``text`` up to ``until`` seconds."""
    header, events = cast_events(text)
    screen = pyte.Screen(header["width"], header["height"])
    stream = pyte.Stream(screen)
    for seconds, code, data in events:
        if seconds > until + 1e-6:  # times are written to the microsecond
            break
        if code == "o":
            stream.feed(data)
    return screen


SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
    r'clip-path="url\(#[\w-]*-line-(\d+)\)">([^<]*)</text>'
)


def svg_text(svg: str, width: int, height: int) -> list[str]:
    """The screen's lines in an SVG screenshot of Textual's (Rich's ``export_svg``): each run
    of text is placed at its column, ``x`` over the width of a cell."""
    rows = [[" "] * width for _ in range(height)]
    runs = [
        (float(x), float(length), int(line), html.unescape(text).replace("\xa0", " "))
        for x, length, line, text in SVG_TEXT.findall(svg)
    ]
    cell = next(length / len(text) for _, length, _, text in runs if text.strip())
    for x, _, line, text in runs:
        column = round(x / cell)
        for offset, char in enumerate(text.rstrip("\n")):
            rows[line][column + offset] = char
    return ["".join(row) for row in rows]


def gif_frames(data: bytes) -> int:
    """How many images a GIF holds: its image descriptors, found by walking its blocks (GIF89a
    specification: header, logical screen, colour tables, extensions, images, trailer)."""
    assert data[:6] in (b"GIF87a", b"GIF89a")
    position = 13 + _color_table(data[10])
    frames = 0
    while data[position] != 0x3B:  # the trailer
        if data[position] == 0x21:  # an extension: label, then sub-blocks
            position = _skip_sub_blocks(data, position + 2)
        elif data[position] == 0x2C:  # an image: descriptor, local colour table, LZW data
            frames += 1
            position += 10 + _color_table(data[position + 9])
            position = _skip_sub_blocks(data, position + 1)
        else:
            raise AssertionError(f"unexpected GIF block {data[position]:#x} at {position}")
    return frames


def _color_table(packed: int) -> int:
    return 3 * 2 ** ((packed & 0b111) + 1) if packed & 0x80 else 0


def _skip_sub_blocks(data: bytes, position: int) -> int:
    while data[position]:
        position += data[position] + 1
    return position + 1
