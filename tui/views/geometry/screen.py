"""The "Geometry" view: the two-weight picture of why L1's optimum lands on an axis.

The pairs of features it shows are found off the UI thread when the view first opens (on the
logistic loss that solves a path of L1 problems: half a second on the digits); until then the
view says so.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from l1l2_tui.engine import Session, suggested_lam
from l1l2_tui.engine.claims.geometry import plane_optimum_claim
from l1l2_tui.engine.geometry import PlaneView, instructive_pairs
from l1l2_tui.views.computation import Computation, ProgressReport
from l1l2_tui.views.geometry.plane_plot import PlanePlot
from l1l2_tui.views.geometry.words import FINDING_PAIRS, narrate_geometry
from l1l2_tui.views.view_screen import BACK, ViewScreen


class GeometryScreen(ViewScreen):
    TITLE = "Geometry: data-loss ellipses and the penalty's level set in the plane of two weights"
    LOGISTIC_TITLE = "Geometry: logistic-loss level sets, the other weights and intercept held"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "next_pair", "Next pair", tooltip="Show the next pair of features"),
    ]
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = (BACK, "next_pair")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pairs: list[tuple[int, int]] = []
        self._pair = 0
        self._view: tuple[tuple[object, ...], PlaneView] | None = None

    @classmethod
    def refusal(cls, session: Session) -> str:
        if session.problem.n_features < 2:
            return "The geometry view needs at least two features."
        return ""

    def title_text(self) -> str:
        # Asked of the problem, not of the picture: the title shows before the pairs are found.
        return self.LOGISTIC_TITLE if self.session.problem.loss == "logistic" else self.TITLE

    def compose_body(self) -> ComposeResult:
        yield PlanePlot(marker=self.marker, id="plane")

    @property
    def pairs(self) -> tuple[tuple[int, int], ...]:
        """The pairs ``f`` steps through, the most instructive first (none until found)."""
        return tuple(self._pairs)

    def _find_pairs(self) -> None:
        settings = self.session.settings
        lam = settings.lam if settings.lam > 0 else suggested_lam(self.session.problem)
        loss, constant = self.session.loss, self.session.problem.constant_features

        def find(_progress: ProgressReport) -> list[tuple[int, int]]:
            return instructive_pairs(loss, lam, constant)

        self.computation.start("pairs", find)

    def on_computation_ready(self, message: Computation.Ready) -> None:
        if self.computation.accept(message):
            self._pairs = message.result
            self.request_redraw(force=True)
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_pair" and not self._pairs:
            return False
        return super().check_action(action, parameters)

    @property
    def pair(self) -> tuple[int, int]:
        return self._pairs[self._pair]

    def plane_view(self) -> PlaneView:
        """The picture at the run's weights, kept while they, the penalty and the pair stay
        (the logistic plane is a grid of loss values, too dear to compute twice a frame)."""
        session, (i, j) = self.session, self.pair
        key = (session.weights.tobytes(), session.intercept, session.penalty, i, j)
        if self._view is None or self._view[0] != key:
            view = PlaneView.from_weights(
                session.loss, session.penalty, session.weights, i, j, intercept=session.intercept
            )
            self._view = (key, view)
        return self._view[1]

    def show(self) -> None:
        if not self._pairs:
            if self.computation.key is None:
                self._find_pairs()
            return
        i, j = self.pair
        session = self.session
        view = self.plane_view()
        trace = session.history.read(max_points=400)
        path = trace.weights[:, [i, j]]
        names = session.problem.feature_names
        self.query_one(PlanePlot).show(view, view.penalty_set, path, (names[i], names[j]))

    def action_next_pair(self) -> None:
        self._pair = (self._pair + 1) % len(self._pairs)
        self.request_redraw(force=True)

    def set_view_state(self, key: str, value: object) -> str:
        if key != "pair":
            return super().set_view_state(key, value)
        i, j = (number - 1 for number in value)  # type: ignore[attr-defined]
        n = self.session.problem.n_features
        if max(i, j) >= n:
            return f"pair: the run has {n} weights"
        pairs = list(self._pairs)
        if (i, j) not in pairs:
            pairs.append((i, j))
        self._pairs, self._pair = pairs, pairs.index((i, j))
        self.redraw(force=True)
        return ""

    def view_state(self) -> object:
        return (tuple(self._pairs), self._pair)

    def restore_view_state(self, state: object) -> None:
        pairs, index = state if state is not None else (self._pairs, 0)  # type: ignore[misc]
        self._pairs, self._pair = list(pairs), index

    def narration(self) -> str:
        if not self._pairs:
            return FINDING_PAIRS
        view = self.plane_view()
        claim = plane_optimum_claim(self.session.penalty, self.pair, view.optimum, view.quadratic)
        return narrate_geometry(self.session, claim, view.quadratic, view.center is not None)
