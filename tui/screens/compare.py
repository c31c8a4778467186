"""The "Compare" view: L1 and L2 side by side on the same data from the same start."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from engine import Session
from engine.claims import side_by_side
from engine.compare import Comparison
from tui.narration import narrate_compare
from tui.screens.run_screen import RunControl
from tui.screens.view_screen import ViewScreen
from tui.widgets.braille import LineMarker
from tui.widgets.trajectories import WeightTrajectoryPlot, weight_range

PENALTY_ACTIONS = frozenset({"flip", "penalty"})


class CompareScreen(ViewScreen):
    """Two runs in lockstep from w = 0, L1 on the left and L2 on the right. Each time the view
    opens it takes lam, the optimizer and the step size of the main run; space and n drive
    both sides, the lam, lr and optimizer keys change both."""

    TITLE = "Compare: L1 (left) and L2 (right), same data, same start, same lam, in lockstep"

    def __init__(
        self, session: Session, control: RunControl, marker: LineMarker = "braille"
    ) -> None:
        self.comparison = Comparison.l1_vs_l2(session.problem, session.settings)
        super().__init__(self.comparison.left, control, marker)

    def on_screen_resume(self) -> None:
        main = self.app.session  # type: ignore[attr-defined]
        shared = {"lam": main.settings.lam, "optimizer": main.settings.optimizer}
        shared["lr"] = main.settings.lr
        try:
            self.comparison.update(**shared)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
        super().on_screen_resume()

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="compare"):
            for side in ("left", "right"):
                with Vertical(classes="side"):
                    yield Static(id=f"{side}-status", classes="side-status", markup=False)
                    yield WeightTrajectoryPlot(marker=self.marker, id=f"{side}-trajectories")

    def runs(self) -> list[Session]:
        return list(self.comparison.sessions)

    def advance(self, steps: int) -> None:
        self.comparison.step(steps)

    def show(self) -> None:
        ranges = [weight_range(s.history.read(max_points=200).weights) for s in self.runs()]
        shared = (min(low for low, _ in ranges), max(high for _, high in ranges))
        for side, session in zip(("left", "right"), self.comparison.sessions, strict=True):
            self.query_one(f"#{side}-status", Static).update(side_status(session), layout=False)
            self.query_one(f"#{side}-trajectories", WeightTrajectoryPlot).show(session, shared)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in PENALTY_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def change(self, **settings: object) -> None:
        """Both sides alike; a penalty change (from a lesson) is refused: each keeps its own."""
        if "penalty" in settings:
            self.notify("The compare view keeps L1 on the left and L2 on the right.")
            settings.pop("penalty")
            if not settings:
                return
        super().change(**settings)

    def narration(self) -> str:
        return narrate_compare(side_by_side(*self.comparison.sessions))


def side_status(session: Session) -> Text:
    """``L1  zeros 5/10  step 60  objective 2.35``: what differs between the sides first."""
    text = Text()
    text.append(f" {session.penalty.label} ", style="bold reverse")
    zeros = f"zeros {session.zeros}/{session.problem.n_features}"
    text.append(f"  {zeros}  step {session.step_count}  objective {session.objective:.5g}")
    return text
