"""The main screen: trajectories, penalty and loss, current weights, status and events."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from engine import OPTIMIZERS, Session, suggested_lam
from tui.config import AppConfig
from tui.widgets.event_line import EventLine
from tui.widgets.loss_plot import LossPlot
from tui.widgets.status_line import StatusLine
from tui.widgets.trajectories import WeightTrajectoryPlot
from tui.widgets.weight_bars import WeightBars

MIN_WIDTH, MIN_HEIGHT = 60, 20
LAM_FACTOR = 1.5
LR_FACTOR = 1.5
MAX_SPEED = 10_000


class MainScreen(Screen[None]):
    """Steps the session on a timer and shows it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_play", "Play/Pause", tooltip="Run or pause the descent"),
        Binding("n,right", "step", "Step", key_display="n", tooltip="One step (while paused)"),
        Binding("l", "flip", "L1⇄L2", tooltip="Flip between L1 and L2 on the same run"),
        Binding("1", "penalty('l1')", "L1", show=False, tooltip="L1 penalty (lasso)"),
        Binding("2", "penalty('l2')", "L2", show=False, tooltip="L2 penalty (ridge)"),
        Binding("e", "penalty('elasticnet')", "Elastic net", show=False, tooltip="Elastic net"),
        Binding("0", "penalty('none')", "No penalty", show=False, tooltip="No penalty"),
        Binding("plus,equals_sign", "lam(1.5)", "lam+", key_display="+", tooltip="lam x 1.5"),
        Binding("minus", "lam(0.6666666666666666)", "lam-", key_display="-", tooltip="lam / 1.5"),
        Binding(
            "right_square_bracket", "speed(2)", "faster", key_display="]", tooltip="Steps/frame x2"
        ),
        Binding(
            "left_square_bracket", "speed(0.5)", "slower", key_display="[", tooltip="Steps/frame /2"
        ),
        Binding("o", "optimizer", "Optimizer", tooltip="proximal -> subgradient -> fista"),
        Binding("comma", "lr(0.6666666666666666)", "lr-", key_display=",", show=False),
        Binding("full_stop", "lr(1.5)", "lr+", key_display=".", show=False),
        Binding("r", "reset", "Reset", tooltip="w = 0, step 0, same settings"),
    ]

    running: reactive[bool] = reactive(False, init=False)
    speed: reactive[int] = reactive(1, init=False)

    def __init__(self, session: Session, config: AppConfig) -> None:
        super().__init__()
        self.session = session
        self.config = config
        self._timer: Timer | None = None
        self._drawn: object = None
        self.set_reactive(MainScreen.speed, config.speed)

    def compose(self) -> ComposeResult:
        marker = self.config.marker
        with Vertical(id="body"):
            with Horizontal(id="plots"):
                with Vertical(id="time-plots"):
                    yield WeightTrajectoryPlot(marker=marker, id="trajectories")
                    yield LossPlot(marker=marker, id="loss")
                yield WeightBars(id="weights")
            yield StatusLine(id="status")
            yield EventLine(id="events")
        yield Static(
            f"terminal too small (need {MIN_WIDTH}x{MIN_HEIGHT})", id="too-small", markup=False
        )
        yield Footer()

    def on_mount(self) -> None:
        self._timer = self.set_interval(1 / self.config.fps, self._tick, pause=True)
        self.redraw(force=True)
        self.running = self.config.autoplay

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT, "too-small")

    def watch_running(self, running: bool) -> None:
        if self._timer is not None:
            self._timer.resume() if running else self._timer.pause()
        self.redraw()
        self.refresh_bindings()

    def _tick(self) -> None:
        self.session.step(self.speed)
        if self.session.diverged is not None:
            self.running = False
        self.redraw()

    def redraw(self, force: bool = False) -> None:
        """Show the session; the plots only when it changed since they were last drawn."""
        session = self.session
        self.query_one(StatusLine).show(session, self.running, self.speed)
        self.query_one(EventLine).show(session)
        drawn = (session.step_count, session.event_count, session.settings)
        if drawn == self._drawn and not force:
            return
        self._drawn = drawn
        self.query_one(WeightTrajectoryPlot).show(session)
        self.query_one(LossPlot).show(session)
        self.query_one(WeightBars).show(session)

    # -- actions -------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        diverged = self.session.diverged is not None
        if action == "step":
            return not self.running and not diverged
        if action == "toggle_play":
            return not diverged or self.running
        return True

    def action_toggle_play(self) -> None:
        self.running = not self.running

    def action_step(self) -> None:
        if not self.running:
            self.session.step(1)
            self.redraw()

    def action_flip(self) -> None:
        self.change(penalty="l2" if self.session.settings.penalty == "l1" else "l1")

    def action_penalty(self, penalty: str) -> None:
        self.change(penalty=penalty)

    def action_lam(self, factor: float) -> None:
        lam = self.session.settings.lam
        if lam == 0.0:
            lam = suggested_lam(self.session.problem) / LAM_FACTOR**4 / factor
        self.change(lam=float(f"{lam * factor:.4g}"))

    def action_lr(self, factor: float) -> None:
        self.change(lr=float(f"{self.session.lr * factor:.4g}"))

    def action_speed(self, factor: float) -> None:
        self.speed = max(1, min(MAX_SPEED, round(self.speed * factor)))
        self.redraw()

    def action_optimizer(self) -> None:
        current = OPTIMIZERS.index(self.session.settings.optimizer)
        self.change(optimizer=OPTIMIZERS[(current + 1) % len(OPTIMIZERS)])

    def action_reset(self) -> None:
        self.session.reset()
        self.query_one(WeightBars).reset_scale()
        self.redraw(force=True)
        self.refresh_bindings()

    def change(self, **settings: object) -> None:
        """Apply a settings change to the running session: weights and step are kept."""
        try:
            self.session.update(**settings)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return
        self.redraw()
        self.refresh_bindings()
