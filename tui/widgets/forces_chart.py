"""The tug of war on each weight: the data's pull |g_j| against the penalty's pull."""

from __future__ import annotations

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from engine import Session
from tui.palette import LOSS_COLORS, hex_color, weight_color
from tui.widgets.line_cache import CachedLinesWidget
from tui.widgets.trajectories import shown_weights

DATA = Style(color=hex_color(LOSS_COLORS["data loss"]))
PENALTY = Style(color=hex_color(LOSS_COLORS["penalty"]))
THRESHOLD = Style(color="bright_white", bold=True)
HELD = Style(color="green", bold=True)
LEAVING = Style(color="yellow")
DIM = Style(dim=True)
PLAIN = Style()


class ForcesChart(CachedLinesWidget):
    """Per weight: a bar for |g_j|, a bar for the penalty's pull, and what that means."""

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
        forces, w = session.forces(), session.weights
        names = session.problem.feature_names
        pull_data, pull_penalty = np.abs(forces.data_grad), forces.penalty_pull
        threshold = session.penalty.l1_weight
        scale = max(float(pull_data.max(initial=0)), float(pull_penalty.max(initial=0)), 1e-300)
        name_width = min(max(len(n) for n in names) + 4, 14)
        status_width = 18
        bar = max((width - name_width - status_width - 4) // 2, 4)
        lines = [
            Strip(
                [
                    Segment(" " * name_width + " ", PLAIN),
                    Segment(f"{'data pull |g_j|':<{bar}}", DATA),
                    Segment(" ", PLAIN),
                    Segment(f"{'penalty pull':<{bar}}", PENALTY),
                ]
            )
        ]
        rows = max(height - 4, 0)
        order = shown_weights(pull_data, rows)
        tick = min(int(threshold / scale * bar), bar - 1) if threshold > 0 else None
        for j in order:
            label = f"w{j + 1} {names[j]}"[:name_width]
            segments = [Segment(f"{label:>{name_width}} ", Style(color=hex_color(weight_color(j))))]
            segments += _bar(pull_data[j] / scale * bar, bar, DATA, tick)
            segments.append(Segment(" ", PLAIN))
            segments += _bar(pull_penalty[j] / scale * bar, bar, PENALTY, None)
            segments.append(_status(w[j], bool(forces.held_at_zero[j])))
            lines.append(Strip(segments).crop(0, width))
        lines.append(Strip.blank(width, self.visual_style.rich_style))
        lines.extend(Strip(line).crop(0, width) for line in _legend(session, threshold))
        return lines


def _bar(length: float, width: int, style: Style, tick: int | None) -> list[Segment]:
    full = min(round(length), width)
    cells = ["█"] * full + [" "] * (width - full)
    segments = [Segment("".join(cells), style)]
    if tick is not None:
        before, after = "".join(cells[:tick]), "".join(cells[tick + 1 :])
        segments = [Segment(before, style), Segment("┃", THRESHOLD), Segment(after, style)]
    return segments


def _status(w: float, held: bool) -> Segment:
    if w == 0.0:
        return Segment(" held at 0" if held else " at 0, pulled off", HELD if held else LEAVING)
    return Segment(f" w = {w:+.3g}", DIM)


def _legend(session: Session, threshold: float) -> list[list[Segment]]:
    penalty = session.penalty
    if penalty.kind == "none" or penalty.lam == 0.0:
        return [[Segment(" No penalty (or lam = 0): nothing pulls the weights towards 0.", DIM)]]
    if threshold > 0:
        return [
            [
                Segment(" ┃", THRESHOLD),
                Segment(f" = lam·l1_ratio = {threshold:.3g}, L1's pull at any w ≠ 0.", DIM),
            ],
            [Segment("   A weight at 0 stays exactly 0 while its data pull ends left of it.", DIM)],
        ]
    return [
        [Segment(f" L2 pulls with 2·lam·|w_j| (lam {penalty.lam:.3g}):", DIM)],
        [Segment("   the pull fades as w_j nears 0, so no weight is held there.", DIM)],
    ]
