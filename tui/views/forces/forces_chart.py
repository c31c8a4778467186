"""The tug of war on each weight: the data's pull at 0 against the penalty's pull."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.forces import WeightState, nearest_threshold, weight_states
from l1l2_tui.rendering.line_cache import CachedLinesWidget
from l1l2_tui.rendering.palette import Palette, app_palette, hex_color
from l1l2_tui.views.forces.words import weight_label
from l1l2_tui.widgets.trajectories import shown_weights

DIM = Style(dim=True)
PLAIN = Style()
CAPACITY = "░"
"""How an L1 part's hold at 0 is drawn: a capacity, not a force."""


class ChartStyles(NamedTuple):
    """The chart's styles in the theme's palette."""

    data: Style
    penalty: Style
    threshold: Style
    held: Style
    leaving: Style

    @classmethod
    def of(cls, colors: Palette) -> ChartStyles:
        return cls(
            Style(color=hex_color(colors.data_loss)),
            Style(color=hex_color(colors.penalty)),
            Style(color=hex_color(colors.text), bold=True),
            Style(color=hex_color(colors.held), bold=True),
            Style(color=hex_color(colors.leaving)),
        )


class ForcesChart(CachedLinesWidget):
    """Per weight: a bar for the data's pull at ``w_j = 0``, a bar for the penalty's pull (at 0:
    what its L1 part can hold back), and the weight's standing."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._session: Session | None = None

    def show(self, session: Session) -> None:
        self._session = session
        self.invalidate()

    def build_lines(self, width: int, height: int) -> list[Strip]:
        session = self._session
        if session is None or height <= 0:
            return []
        states = weight_states(session)
        names = session.problem.feature_names
        pull_data = np.array([state.pull_at_zero for state in states])
        pull_penalty = session.forces().penalty_pull
        threshold = states[0].threshold if states else 0.0
        colors = app_palette(self.app)
        styles = ChartStyles.of(colors)
        data, penalty = styles.data, styles.penalty
        # A weight at 0 shows the hold instead of its pull, which has no bound there below p = 1.
        finite = pull_penalty[np.isfinite(pull_penalty)]
        top = max(float(pull_data.max(initial=0)), float(finite.max(initial=0)), threshold)
        scale = max(top, 1e-300)
        name_width = min(max(len(n) for n in names) + 4, 14)
        status_width = 24
        bar = max((width - name_width - status_width - 4) // 2, 4)
        lines = [
            Strip(
                [
                    Segment(" " * name_width + " ", PLAIN),
                    Segment(f"{'data pull at w=0':<{bar}}", data),
                    Segment(" ", PLAIN),
                    Segment(f"{'penalty pull':<{bar}}", penalty),
                ]
            )
        ]
        rows = max(height - 5, 0)
        if len(states) > rows > 1:
            rows -= 1  # for the line that says how many are hidden
        order = shown_weights(pull_data, rows)
        named = nearest_threshold(states).feature  # the caption's weight is always on show
        if order and named not in order:
            order = sorted([*sorted(order, key=lambda j: pull_data[j])[1:], named])
        tick = min(int(threshold / scale * bar), bar - 1) if threshold > 0 else None
        for j in order:
            state = states[j]
            label = f"w{j + 1} {names[j]}"[:name_width]
            segments = [
                Segment(f"{label:>{name_width}} ", Style(color=hex_color(colors.weight(j))))
            ]
            segments += _bar(pull_data[j] / scale * bar, bar, data, tick, styles.threshold)
            segments.append(Segment(" ", PLAIN))
            if state.weight == 0.0:
                segments += _bar(threshold / scale * bar, bar, penalty, None, glyph=CAPACITY)
            else:
                segments += _bar(pull_penalty[j] / scale * bar, bar, penalty, None)
            segments.append(_status(state, styles))
            lines.append(Strip(segments).crop(0, width))
        if hidden := len(states) - len(order):
            more = f"{' ' * name_width} + {hidden} more, with smaller data pulls at 0"
            lines.append(Strip([Segment(more, DIM)]).crop(0, width))
        lines.append(Strip.blank(width, self.visual_style.rich_style))
        legend = _legend(session, threshold, styles.threshold)
        lines.extend(Strip(line).crop(0, width) for line in legend)
        return lines


def _bar(
    length: float,
    width: int,
    style: Style,
    tick: int | None,
    tick_style: Style = PLAIN,
    glyph: str = "█",
) -> list[Segment]:
    full = min(round(length), width)
    cells = [glyph] * full + [" "] * (width - full)
    segments = [Segment("".join(cells), style)]
    if tick is not None:
        before, after = "".join(cells[:tick]), "".join(cells[tick + 1 :])
        segments = [Segment(before, style), Segment("┃", tick_style), Segment(after, style)]
    return segments


def _status(state: WeightState, styles: ChartStyles) -> Segment:
    text = weight_label(state)
    if state.weight != 0.0:
        return Segment(text, DIM)
    return Segment(text, styles.held if state.stays and state.zero_is_best else styles.leaving)


def _legend(session: Session, threshold: float, mark: Style) -> list[list[Segment]]:
    penalty = session.penalty
    if not penalty.penalizes:
        return [[Segment(" No penalty (or lam = 0): nothing pulls the weights towards 0.", DIM)]]
    if not penalty.convex:
        return [
            [
                Segment(" ┃", mark),
                Segment(f" = {threshold:.3g}: the step's hold at 0 (its dead zone / lr).", DIM),
            ],
            [Segment(f"   {penalty.label} is not convex: its pull has no bound near 0,", DIM)],
            [Segment("   so 0 is a local minimum of every weight; a step keeps it within ┃.", DIM)],
        ]
    if threshold > 0:
        name = penalty.strength
        return [
            [
                Segment(" ┃", mark),
                Segment(f" = {name} = {threshold:.3g}: L1's pull on any w ≠ 0 (█), and at", DIM),
            ],
            [Segment(f"   w = 0 what it can hold back (up to {threshold:.3g}, {CAPACITY}).", DIM)],
            [Segment("   0 is a weight's best value when its data pull at 0 stays within ┃.", DIM)],
        ]
    return [
        [
            Segment(
                f" {penalty.label} pulls with {penalty.fading_pull('|w_j|')} "
                f"(lam {penalty.lam:.3g}):",
                DIM,
            )
        ],
        [Segment("   the pull fades as w_j nears 0, so no weight is held there.", DIM)],
    ]
