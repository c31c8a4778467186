"""Every key, and in a few lines what the screen shows and why L1 gives exact zeros."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# l1l2-tui

Gradient descent on least squares, `1/(2n)·||y − Xw − b||² + lam·R(w)`, one step at a time.

| key | does |
|---|---|
| `space` | play / pause |
| `n`, `→` | one step (while paused) |
| `l` | flip L1 ⇄ L2 on the same run (from elastic net or none: L1) |
| `1` `2` `e` `0` | L1, L2, elastic net, no penalty |
| `+` `-` | lam × 1.5, lam ÷ 1.5 |
| `]` `[` | more / fewer steps per frame |
| `o` | optimizer: proximal → subgradient → fista |
| `,` `.` | step size lr ÷ 1.5, × 1.5 (recovers a diverged run) |
| `r` | reset: w = 0, step 0, same settings |
| `s` | save an SVG screenshot |
| `?` | this help; `escape` closes it |
| `q` | quit |

**What you see.** Left: each weight w_j over the steps, and below it the data loss, the
penalty lam·R(w) and their sum. Right: the weights now; `●` marks a weight that is exactly 0.
Vertical lines mark where the penalty, lam, optimizer or lr changed.

**Why L1 gives exact zeros.** The data pull on w_j is its gradient g_j. L1 pulls every nonzero
weight towards 0 with the same force lam, however small the weight, so a weight whose data pull
is below lam is pushed all the way to 0 and held there. L2 pulls with 2·lam·w_j, a force that
fades as w_j nears 0, so it shrinks weights but never holds one at 0.

**The proximal step** takes a gradient step on the data loss, then soft-thresholds: any weight
within lr·lam of 0 becomes exactly 0. The plain subgradient step (`o`) instead overshoots
0 and jitters around it, and almost never lands on 0.0.
"""


class HelpScreen(ModalScreen[None]):
    """Dismissed by escape, ? or q."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)
