"""The one-line summary scripts and audiences read: penalty, lam, lr, optimizer, step, zeros."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from engine import Session


def status_text(session: Session, playing: bool, speed: int, width: int = 120) -> Text:
    """``L1  ⏸ paused  lam 0.32  lr 0.383 (1/L)  proximal  step 120  zeros 5/10  objective ...``.

    Scripts read these tokens literally; keep their spelling. Below 110 columns the separators
    narrow and the step size loses its ``(x/L)`` so that every token still fits in 80."""
    settings = session.settings
    wide = width >= 110
    gap = "  " if wide else " "
    text = Text()
    text.append(f" {session.penalty.label} ", style="bold reverse")
    text.append(gap + ("▶ playing" if playing else "⏸ paused"), style="bold")
    lr = f"lr {session.lr:.3g}" + (f" ({session.lr_relative:.3g}/L)" if wide else "")
    parts = [f"lam {settings.lam:.3g}"]
    if settings.penalty == "elasticnet":
        parts.append(f"l1_ratio {settings.l1_ratio:.2g}")
    parts += [
        lr,
        settings.optimizer,
        f"step {session.step_count}",
        f"zeros {session.zeros}/{session.problem.n_features}",
        f"objective {session.objective:.6g}",
        f"speed {speed}" + ("/frame" if wide else ""),
    ]
    text.append(gap + gap.join(parts))
    if session.diverged is not None:
        # The cause is in the event line; here only what to do about it.
        step = session.diverged.step
        text.append(f"{gap}diverged at step {step}: r resets, ',' lowers lr", style="bold red")
    return text


class StatusLine(Static):
    """Always visible, one line."""

    def show(self, session: Session, playing: bool, speed: int) -> None:
        # One fixed-height line: skip the layout pass a plain update would ask for.
        text = status_text(session, playing, speed, self.size.width or 120)
        self.update(text, layout=False)
        self.set_class(session.diverged is not None, "diverged")
