"""The "Geometry" view: the two-weight picture of why L1's optimum lands on an axis."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from l1l2_tui.engine import Session, suggested_lam
from l1l2_tui.engine.claims.geometry import plane_optimum_claim
from l1l2_tui.engine.geometry import PlaneView, instructive_pairs
from l1l2_tui.views.geometry.plane_plot import PlanePlot
from l1l2_tui.views.geometry.words import narrate_geometry
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
        settings = self.session.settings
        lam = settings.lam if settings.lam > 0 else suggested_lam(self.session.problem)
        self._pairs = instructive_pairs(
            self.session.loss, lam, self.session.problem.constant_features
        )
        self._pair = 0
        self._view: tuple[tuple[object, ...], PlaneView] | None = None

    @classmethod
    def refusal(cls, session: Session) -> str:
        if session.problem.n_features < 2:
            return "The geometry view needs at least two features."
        return ""

    def title_text(self) -> str:
        return self.TITLE if self.plane_view().quadratic else self.LOGISTIC_TITLE

    def compose_body(self) -> ComposeResult:
        yield PlanePlot(marker=self.marker, id="plane")

    @property
    def pairs(self) -> tuple[tuple[int, int], ...]:
        """The pairs ``f`` steps through, the most instructive first."""
        return tuple(self._pairs)

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
        i, j = self.pair
        session = self.session
        view = self.plane_view()
        trace = session.history.read(max_points=400)
        path = trace.weights[:, [i, j]]
        names = session.problem.feature_names
        penalty_set = session.penalty.level_set(view.point)
        self.query_one(PlanePlot).show(view, penalty_set, path, (names[i], names[j]))

    def action_next_pair(self) -> None:
        self._pair = (self._pair + 1) % len(self._pairs)
        self.redraw(force=True)

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
        view = self.plane_view()
        claim = plane_optimum_claim(self.session.penalty, self.pair, view.optimum, view.quadratic)
        return narrate_geometry(self.session, claim, view.quadratic, view.center is not None)
