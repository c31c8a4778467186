"""The one-line summary scripts and audiences read: penalty, lam, lr, optimizer, step, zeros."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from engine import Session


def status_text(session: Session, playing: bool, speed: int) -> Text:
    """``L1  lam 0.32  lr 0.383 (1/L)  proximal  step 120  zeros 5/10  objective 2.35 ...``.

    Scripts read these tokens literally; keep their spelling."""
    settings = session.settings
    lr = f"lr {session.lr:.3g} ({session.lr_relative:.3g}/L)"
    text = Text()
    text.append(f" {session.penalty.label} ", style="bold reverse")
    parts = [f"lam {settings.lam:.3g}"]
    if settings.penalty == "elasticnet":
        parts.append(f"l1_ratio {settings.l1_ratio:.2g}")
    parts += [
        lr,
        settings.optimizer,
        f"step {session.step_count}",
        f"zeros {session.zeros}/{session.problem.n_features}",
        f"objective {session.objective:.6g}",
        f"speed {speed}/frame",
    ]
    text.append("  " + "  ".join(parts) + "  ")
    text.append("▶ playing" if playing else "⏸ paused", style="bold")
    if session.diverged is not None:
        text.append(
            f"  {session.diverged.message}: press r to reset or , to lower lr",
            style="bold red",
        )
    return text


class StatusLine(Static):
    """Always visible, one line."""

    def show(self, session: Session, playing: bool, speed: int) -> None:
        self.update(status_text(session, playing, speed))
        self.set_class(session.diverged is not None, "diverged")
