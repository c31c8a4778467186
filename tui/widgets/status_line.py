"""The one-line summary scripts and audiences read: penalty, lam, lr, optimizer, step, zeros."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.main import ZeroCount, zero_count
from l1l2_tui.rendering.dirty_lines import changed_runs
from l1l2_tui.terminal.link import on_slow_link
from l1l2_tui.words import zeros_short

PLAYING, PAUSED = "►", "║"
"""From WGL4, the glyph set every common monospace font covers, so that they render in a
browser's fallback font too (``serve``'s page asks for Roboto Mono, which has neither, then
Courier New; ``▶`` and ``⏸`` are missing from Courier New and its stand-in Liberation Mono)."""


class Layout(NamedTuple):
    """One way to write the line: what it shows beyond the tokens every layout has."""

    wide: bool  # wide separators and the step size's "(x/L)"
    speed: bool
    parameters: bool  # the penalty's settings besides lam (the elastic net's l1_ratio)
    digits: int  # of the objective
    long_hint: bool  # the divergence hint in words
    constant: bool  # how many zeros are blank pixels
    batch: bool = True  # a stochastic run's minibatch size
    epoch: bool = True
    objective: bool = True


# Longest first; the narrowest ones give up a stochastic run's batch, epoch and objective so
# that its zero count still shows at 80 columns.
_LAYOUTS = (
    Layout(True, True, True, 6, True, True),
    Layout(False, True, True, 6, True, True),
    Layout(False, False, True, 6, True, True),
    Layout(False, False, False, 6, True, True),
    Layout(False, False, False, 4, True, True),
    Layout(False, False, False, 3, True, True),
    Layout(False, False, False, 3, False, True),
    Layout(False, False, False, 3, False, False),
    Layout(False, False, False, 3, False, False, batch=False),
    Layout(False, False, False, 3, False, False, batch=False, epoch=False),
    Layout(False, False, False, 3, False, False, batch=False, epoch=False, objective=False),
)


def status_text(
    session: Session,
    playing: bool,
    speed: int,
    width: int = 120,
    note: str = "",
    coarse: bool = False,
) -> Text:
    """``L1  ║ paused  lam 0.32  lr 0.383 (1/L)  proximal  step 120  zeros 5/10  objective ...``;
    ``zeros 54/64 (3 blank)`` when some zeros are blank pixels (or constant features).

    A stochastic optimizer adds ``batch 32`` (the rows a step sees) before the step and
    ``epoch 2.11`` (passes over the data) after it, and its ``lr`` is the step size of the next
    step, as its schedule has it; coordinate descent adds ``sweep 3`` (full sweeps) after the
    step.

    ``note`` (how a playing run's frames come: ``converged``, ``10/15 fps: busy``) follows
    playing/paused. Scripts read these tokens literally; keep their spelling. The first of
    ``_LAYOUTS`` that fits in ``width`` is used (the speed's keys are on the key bar anyway);
    what still does not fit ends in an ellipsis. A divergence is said right after
    playing/paused, in red, so it shows at any width. ``coarse`` (a slow link): the objective
    to three figures, which change less often than six."""
    # What the run is asked for once: a narrow line tries up to every layout each frame.
    epoch = session.epoch if session.stochastic else 0.0
    readings = _Readings(session.next_lr(), epoch, zero_count(session), session.objective)
    for layout in _LAYOUTS:
        if coarse:
            layout = layout._replace(digits=min(layout.digits, 3))
        text = _status_line(session, playing, speed, layout, readings, note)
        if text.cell_len <= width:
            return text
    text.truncate(width, overflow="ellipsis")
    return text


class _Readings(NamedTuple):
    step_lr: float
    epoch: float
    count: ZeroCount
    objective: float


def _status_line(
    session: Session, playing: bool, speed: int, layout: Layout, readings: _Readings, note: str
) -> Text:
    settings = session.settings
    wide, digits = layout.wide, layout.digits
    gap = "  " if wide else " "
    text = Text(no_wrap=True, end="")
    text.append(f" {session.penalty.label} ", style="bold reverse")
    # The label's reverse video already sets it apart: no gap after it when narrow.
    text.append(
        ("  " if wide else "") + (f"{PLAYING} playing" if playing else f"{PAUSED} paused"),
        style="bold",
    )
    if note:
        text.append(f"{gap}{note}", style="bold")
    if session.diverged is not None:
        # The cause is in the event line; here only what to do about it. Reset keeps the step
        # size, so it would diverge again: a smaller lr recovers the run, or, when lam is past
        # lam_max and the step cannot land on 0, a smaller lam.
        key, what = ("','", "lr") if session.diverged.lam_max is None else ("'-'", "lam")
        hint = f"{key} lowers {what}" if layout.long_hint else key
        text.append(f"{gap}diverged at step {session.diverged.step}: {hint}", style="bold red")
    parts = [f"lam {settings.lam:.3g}"]
    if layout.parameters:
        parts += [f"{name} {value:.2g}" for name, value in session.penalty.parameters.items()]
    step_lr = readings.step_lr
    relative = session.lr_relative * step_lr / session.lr
    # An Adam step's lr is a length in the weights' units, not a share of 1/L.
    lr = f"lr {step_lr:.3g}" + (f" ({relative:.3g}/L)" if wide and not session.adaptive else "")
    parts += [lr, settings.optimizer]
    if session.stochastic and layout.batch:
        parts.append(f"batch {min(settings.batch, session.problem.n_samples)}")
    parts.append(f"step {session.step_count}")
    coordinate = session.coordinate()
    if coordinate is not None and layout.epoch:
        parts.append(f"sweep {coordinate[1]}")
    if session.stochastic and layout.epoch:
        parts.append(f"epoch {readings.epoch:.{2 if digits > 3 else 1}f}")
    count = readings.count
    parts.append(zeros_short(count) if layout.constant else f"zeros {count.zeros}/{count.total}")
    if layout.objective:
        # Trailing zeros kept ("#"), so the value keeps its width and what follows stays put.
        parts.append(f"objective {readings.objective:#.{digits}g}")
    if layout.speed:
        parts.append(f"speed {speed}" + ("/frame" if wide else ""))
    text.append(gap + gap.join(parts))
    return text


class StatusLine(Widget):
    """Always visible, one line, laid out for the width it has when drawn. Only the cells
    that changed since the last drawing are repainted (most frames: the step counter)."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Session, bool, int, str] | None = None
        self._drawn: tuple[Text, int] | None = None

    def show(self, session: Session, playing: bool, speed: int, note: str = "") -> None:
        self._shown = (session, playing, speed, note)
        self.set_class(session.diverged is not None, "diverged")
        drawn = self._drawn
        if not self.is_mounted or drawn is None or drawn[1] != self.size.width:
            self.refresh()
            return
        text = self._text()
        console = self.app.console
        runs = changed_runs(Strip(drawn[0].render(console)), Strip(text.render(console)))
        if runs:
            self.refresh(*(Region(start, 0, end - start, 1) for start, end in runs))

    def _text(self) -> Text:
        if self._shown is None:
            return Text()
        session, playing, speed, note = self._shown
        width = self.size.width or 120
        return status_text(session, playing, speed, width, note, on_slow_link(self))

    def render(self) -> Text:
        text = self._text()
        self._drawn = (text, self.size.width)
        return text
