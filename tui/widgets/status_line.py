"""The one-line summary scripts and audiences read: penalty, lam, lr, optimizer, step, zeros."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from engine import Session


def status_text(session: Session, playing: bool, speed: int, width: int = 120) -> Text:
    """``L1  ⏸ paused  lam 0.32  lr 0.383 (1/L)  proximal  step 120  zeros 5/10  objective ...``.

    Scripts read these tokens literally; keep their spelling. Below 110 columns the separators
    narrow and the step size loses its ``(x/L)``; then, while the line is wider than ``width``,
    the speed goes (its keys are on the key bar) and the objective keeps 4, then 3, digits."""
    settings = session.settings
    wide = width >= 110
    gap = "  " if wide else " "
    text = Text()
    text.append(f" {session.penalty.label} ", style="bold reverse")
    # The label's reverse video already sets it apart: no gap after it when narrow.
    text.append(("  " if wide else "") + ("▶ playing" if playing else "⏸ paused"), style="bold")
    lr = f"lr {session.lr:.3g}" + (f" ({session.lr_relative:.3g}/L)" if wide else "")
    parts = [f"lam {settings.lam:.3g}"]
    if settings.penalty == "elasticnet":
        parts.append(f"l1_ratio {settings.l1_ratio:.2g}")
    parts += [lr, settings.optimizer, f"step {session.step_count}"]
    parts.append(f"zeros {session.zeros}/{session.problem.n_features}")
    fits = [
        [f"objective {session.objective:.6g}", f"speed {speed}" + ("/frame" if wide else "")],
        [f"objective {session.objective:.6g}"],
        [f"objective {session.objective:.4g}"],
        [f"objective {session.objective:.3g}"],
    ]
    for last in fits:
        line = gap + gap.join(parts + last)
        if text.cell_len + len(line) <= width:
            break
    text.append(line)
    if session.diverged is not None:
        # The cause is in the event line; here only what to do about it.
        step = session.diverged.step
        text.append(f"{gap}diverged at step {step}: r resets, ',' lowers lr", style="bold red")
    return text


class StatusLine(Widget):
    """Always visible, one line, laid out for the width it has when drawn."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Session, bool, int] | None = None

    def show(self, session: Session, playing: bool, speed: int) -> None:
        self._shown = (session, playing, speed)
        self.set_class(session.diverged is not None, "diverged")
        self.refresh()

    def render(self) -> Text:
        if self._shown is None:
            return Text()
        session, playing, speed = self._shown
        return status_text(session, playing, speed, self.size.width or 120)
