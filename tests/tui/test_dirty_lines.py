"""Widgets mark dirty only the runs of cells that changed, and the terminal is sent only those."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate
from textual.geometry import Region
from textual.strip import Strip

from l1l2_tui.rendering.dirty_lines import JOIN_GAP, changed_regions, changed_runs
from l1l2_tui.terminal.partial_updates import CroppedChopsUpdate

RED = Style(color="red")


def line(text: str, style: Style | None = None) -> Strip:
    return Strip([Segment(text, style)])


def test_an_unchanged_line_has_no_runs():
    assert changed_runs(line("abc def"), Strip([Segment("abc "), Segment("def")])) == []


def test_a_changed_character_or_colour_is_one_run():
    assert changed_runs(line("abcdef"), line("abcXef")) == [(3, 4)]
    recoloured = Strip([Segment("ab"), Segment("c", RED), Segment("def")])
    assert changed_runs(line("abcdef"), recoloured) == [(2, 3)]


def test_runs_far_apart_stay_apart_and_near_ones_are_joined():
    width = 3 * JOIN_GAP
    old = line("." * width)
    far = line("X" + "." * (width - 2) + "X")
    assert changed_runs(old, far) == [(0, 1), (width - 1, width)]
    near = line("X" + "." * (JOIN_GAP - 2) + "X" + "." * (width - JOIN_GAP))
    assert changed_runs(old, near) == [(0, JOIN_GAP)]


def test_lines_of_another_length_or_with_wide_characters_change_whole():
    assert changed_runs(line("abc"), line("abcd")) == [(0, 4)]
    assert changed_runs(line("ab字x"), line("ab字x", RED)) == [(0, 5)]


def test_regions_are_one_line_high_at_each_run_and_none_for_a_new_shape():
    old = [line("aaaa"), line("bbbb"), line("cccc")]
    new = [line("aaaa"), line("bXbb"), line("cccY")]
    assert changed_regions(old, new) == [Region(1, 1, 1, 1), Region(3, 2, 1, 1)]
    assert changed_regions(old, new[:2]) is None


def render(update: ChopsUpdate) -> str:
    return update.render_segments(Console(color_system=None, width=20))


def test_a_partial_update_sends_only_the_dirty_span_of_a_widget():
    # One widget from column 0 to 10 and one from 10 to 20 on line 0; columns 4-6 dirty.
    chops = [{0: line("abcdefghij"), 10: line("KLMNOPQRST")}]
    spans = [(0, 4, 6)]
    ends = [[10, 20]]
    stock = render(ChopsUpdate(chops, spans, ends))
    assert stock == "\x1b[1;1Habcdef"  # Textual's own starts at the widget's edge
    assert render(CroppedChopsUpdate(chops, spans, ends)) == "\x1b[1;5Hef"
    across = [(0, 8, 12)]
    assert render(CroppedChopsUpdate(chops, across, ends)) == "\x1b[1;9Hij\x1b[1;11HKL"


def test_a_budget_stops_a_frame_at_its_bytes_and_leaves_the_rest_for_later():
    # Three lines of one widget, each 10 columns: about 16 bytes a span with its move.
    chops = [{0: line(text * 10)} for text in "abc"]
    ends = [[10], [10], [10]]
    spans = [(2, 0, 10), (0, 0, 10), (1, 0, 10)]  # in the order to write them
    left: list[list[tuple[int, int, int]]] = []
    update = CroppedChopsUpdate(chops, spans, ends, budget=40, leave=left.append)
    assert render(update) == "\x1b[3;1Hcccccccccc\x1b[1;1Haaaaaaaaaa"
    assert left == [[(1, 0, 10)]]
    # The first span goes whatever the budget, so every frame makes progress; no line feed
    # (on the last line it would scroll the screen).
    left.clear()
    assert render(CroppedChopsUpdate(chops, spans, ends, 1, left.append)) == "\x1b[3;1Hcccccccccc"
    assert left == [[(0, 0, 10), (1, 0, 10)]]
