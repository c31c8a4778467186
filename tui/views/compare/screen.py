"""The "Compare" view: two runs side by side on the same data from the same start, in lockstep,
alike but for one setting: L1 against L2, the proximal step against the subgradient step, naive
minibatch SGD against the cumulative penalty (on the same minibatches), TensorFlow Playground's
rule against the cumulative penalty, Adam with the L1 subgradient or soft-thresholding by lr·lam
against the prox in Adam's metric, coordinate descent against the proximal step, or two values
of lp's p."""

from __future__ import annotations

from dataclasses import fields
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from l1l2_tui.engine import Session, Settings
from l1l2_tui.engine.claims.compare import side_by_side
from l1l2_tui.engine.claims.main import zero_count
from l1l2_tui.engine.compare import Comparison
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.views.compare.words import narrate_compare
from l1l2_tui.views.run_screen import RunControl
from l1l2_tui.views.view_screen import BACK, ViewScreen
from l1l2_tui.widgets.status_line import PAUSED, PLAYING
from l1l2_tui.widgets.trajectories import (
    WINDOW_BINDING,
    WeightTrajectoryPlot,
    drawn_range,
    toggle_window,
    window_applies,
)
from l1l2_tui.widgets.weight_image import WeightImage
from l1l2_tui.words import zeros_short

ACTIONS_THAT_CHANGE = {
    "penalty": frozenset({"flip", "penalty", "p_dial", "p_snap"}),
    "p": frozenset({"flip", "penalty", "p_dial", "p_snap"}),
    "optimizer": frozenset({"optimizer"}),
}
"""The keys that would change what the sides differ in, by what they differ in."""


class CompareScreen(ViewScreen):
    """Two runs in lockstep from w = 0. Each time the view opens it takes the main run's
    settings but for what differs; space and n drive both sides, the other keys change both,
    ``v`` puts the next difference side by side."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "v",
            "next_difference",
            "Differ in…",
            tooltip="Compare penalties, then optimizers (prox/subgradient, sgd, playground, "
            "Adam's three, cd), then two values of p",
        ),
        WINDOW_BINDING,
    ]
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = (BACK, "next_difference", "toggle_window")
    URGENT: ClassVar[str] = f"{ViewScreen.URGENT}, .side-status"

    def __init__(
        self,
        session: Session,
        control: RunControl,
        marker: LineMarker = "braille",
        name: str | None = None,
    ) -> None:
        self.main = session
        self.comparison = Comparison.default_for(session.problem, session.settings)
        super().__init__(self.comparison.left, control, marker, name)
        self.run = self.comparison

    TITLE = "Compare: two runs, same data, same start, in lockstep"

    def title_text(self) -> str:
        """Which runs, and the settings they share (lam, lr, the optimizer unless it is what
        differs) with playing or paused: the main screen's status line is not on show here."""
        left, right = (self.label(s) for s in self.comparison.sessions)
        head = f"Compare: {left} (left) and {right} (right)"
        shared = shared_settings(self.comparison.sessions, self.control.running)
        titles = self.query("#view-title")
        width = (titles.first().size.width if titles else 0) or self.app.size.width
        for title in (
            f"{head}, same data, same start, in lockstep   {shared}",
            f"{head}   {shared}",
            f"{left} | {right}   {shared}",
        ):
            if len(title) <= width:
                break
        return title

    def label(self, session: Session) -> str:
        if "optimizer" in self.comparison.differs:
            return session.settings.optimizer
        return session.penalty.label

    def on_screen_resume(self) -> None:
        self.follow_main()
        super().on_screen_resume()

    def follow_main(self) -> None:
        """Both sides take the main run's settings but for what they differ in."""
        held = self.comparison.held
        shared = {
            f.name: getattr(self.main.settings, f.name)
            for f in fields(Settings)
            if f.name not in held
        }
        try:
            self.comparison.update(**shared)
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="compare"):
            for side in ("left", "right"):
                with Vertical(classes="side"):
                    yield Static(id=f"{side}-status", classes="side-status", markup=False)
                    if self.comparison.problem.image_shape is not None:
                        yield WeightImage(
                            marker=self.marker, id=f"{side}-image", classes="side-image"
                        )
                    yield WeightTrajectoryPlot(marker=self.marker, id=f"{side}-trajectories")

    def show(self) -> None:
        sessions = self.comparison.sessions
        whole_run = self.control.whole_run
        width = self.query_one("#left-trajectories").size.width or 60  # before the first layout
        ranges = [drawn_range(s, whole_run, width) for s in sessions]
        shared = (min(low for low, _ in ranges), max(high for _, high in ranges))
        # One colour scale for both images, so that a colour means the same weight on each side.
        scale = max(float(abs(s.weights).max(initial=0.0)) for s in sessions)
        for side, session in zip(("left", "right"), sessions, strict=True):
            line = self.query_one(f"#{side}-status", Static)
            width = line.size.width or 10_000  # before the first layout: all of it
            line.update(side_status(session, self.label(session), width), layout=False)
            self.query_one(f"#{side}-trajectories", WeightTrajectoryPlot).show(
                session, shared, whole_run
            )
            for image in self.query(f"#{side}-image").results(WeightImage):
                image.show(session, scale)

    def redraw(self, force: bool = False) -> None:
        super().redraw(force)
        # The title says playing or paused, which changes while the runs do not.
        self.query_one("#view-title", Static).update(self.title_text(), layout=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_window" and not window_applies(self.session):
            return False
        if any(action in ACTIONS_THAT_CHANGE.get(name, ()) for name in self.comparison.differs):
            return False
        return super().check_action(action, parameters)

    def action_next_difference(self) -> None:
        self.set_view_state("compare", self.comparison.next_difference)

    def set_view_state(self, key: str, value: object) -> str:
        if key != "compare":
            return super().set_view_state(key, value)
        self.comparison = self.comparison.differing_in(value)  # type: ignore[arg-type]
        self.session, self.run = self.comparison.left, self.comparison
        self.follow_main()
        self.request_redraw(force=True)
        self.refresh_bindings()
        return ""

    def view_state(self) -> object:
        return self.comparison.copy()

    def restore_view_state(self, state: object) -> None:
        if state is None:
            self.comparison = Comparison.default_for(self.main.problem, self.main.settings)
        else:
            self.comparison = state.copy()  # type: ignore[attr-defined]
        self.session, self.run = self.comparison.left, self.comparison

    def action_toggle_window(self) -> None:
        toggle_window(self)

    def narration(self) -> str:
        left, right = self.comparison.sessions
        return narrate_compare(side_by_side(left, right, self.label(left), self.label(right)))


def shared_settings(sessions: tuple[Session, Session], playing: bool) -> str:
    """``lam 0.32  lr 0.383  proximal  ║ paused``: what the two sides share and whether they
    run; a setting that differs between them is given for each, left|right."""

    def both(name: str, left: str, right: str) -> str:
        return f"{name} {left}" if left == right else f"{name} {left}|{right}"

    left, right = sessions
    parts = [
        both("lam", f"{left.settings.lam:.3g}", f"{right.settings.lam:.3g}"),
        both("lr", f"{left.next_lr():.3g}", f"{right.next_lr():.3g}"),
    ]
    if left.settings.optimizer == right.settings.optimizer:
        parts.append(left.settings.optimizer)
    if left.stochastic and right.stochastic:
        parts.append(f"batch {min(left.settings.batch, left.problem.n_samples)}")
    parts.append(f"{PLAYING} playing" if playing else f"{PAUSED} paused")
    return "  ".join(parts)


def side_status(session: Session, label: str, width: int = 10_000) -> Text:
    """``L1  zeros 5/10  step 60  objective 2.35``: what differs between the sides first. Parts
    that do not fit in ``width`` give way in turn: the objective, the blank count, the epoch."""
    count = zero_count(session)
    epoch = f"  epoch {session.epoch:.2f}" if session.stochastic else ""
    step = f"step {session.step_count}{epoch}"
    value = f"{session.objective:.5g}"
    plain = f"zeros {count.zeros}/{count.total}"
    for tail in (
        f"  {zeros_short(count)}  {step}  objective {value}",
        f"  {zeros_short(count)}  {step}",
        f"  {plain}  {step}",
        f"  {plain}  step {session.step_count}",
    ):
        if len(label) + 2 + len(tail) <= width:
            break
    text = Text()
    text.append(f" {label} ", style="bold reverse")
    text.append(tail)
    return text
