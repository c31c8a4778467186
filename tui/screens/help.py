"""Every key, and in a few lines what the screen shows and why L1 gives exact zeros."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# l1l2-tui: why L1 gives exact zeros and L2 does not

Gradient descent on `1/(2n)·||y − Xw − b||² + lam·R(w)`, one step at a time. Left: each weight
w_j over the steps; below, the data loss, the penalty lam·R(w) and their sum. Right: the
weights now, `●` where a weight is exactly 0. Vertical lines mark a change of penalty, lam,
optimizer or lr.

**The pulls.** The data pulls w_j with its gradient g_j. L1 pulls every nonzero weight towards
0 with the same force lam, however small the weight: a weight whose data pull is below lam is
pushed all the way to 0 and held there. L2 pulls with 2·lam·w_j, a force that fades as w_j
nears 0: it shrinks weights but never holds one at 0.

**The proximal step** takes a gradient step on the data loss, then soft-thresholds: a weight
within lr·lam of 0 becomes exactly 0. The subgradient step (`o`) overshoots 0 and jitters
around it instead, almost never landing on 0.0.

**Keys**

- `space` play / pause · `n` or `→` one step while paused
- `l` flip L1 ⇄ L2 on the same run (from elastic net or none: L1)
- `1` L1 · `2` L2 · `e` elastic net · `0` no penalty
- `+` / `-` lam × 1.5 / ÷ 1.5 · `]` / `[` more / fewer steps per frame
- `o` optimizer: proximal → subgradient → fista
- `,` / `.` step size lr ÷ 1.5 / × 1.5 (recovers a diverged run)
- `r` reset to w = 0, step 0, same settings · `s` save an SVG screenshot
- `?` or `escape` close this help · `q` quit · `ctrl+z` suspend (`fg` resumes)
"""


class HelpScreen(ModalScreen[None]):
    """Dismissed by escape, ? or q."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)
