"""The geometry view's caption: where the level set meets the penalty's shape."""

from __future__ import annotations

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.geometry import PlaneOptimum

FINDING_PAIRS = "Finding the pairs of weights that show the picture best..."


def narrate_geometry(
    session: Session, claim: PlaneOptimum | None, ellipses: bool = True, bounded: bool = True
) -> str:
    """The geometry caption; ``ellipses`` is false on the logistic loss, whose level sets in
    the plane are no ellipses; ``bounded`` is false when the data loss has no minimum in the
    plane."""
    if claim is None:
        if not bounded:
            return (
                "No penalty: in this plane the logistic loss has no minimum (the two weights "
                "separate the classes), so nothing stops them growing."
            )
        if not ellipses:
            return "No penalty: the descent heads for the logistic loss's optimum in the plane."
        return "No penalty: the descent heads for the least-squares centre of the ellipses."
    names = session.problem.feature_names
    i, j = claim.features
    shape = claim.shape
    curve = "ellipse" if claim.ellipses else "level set of the loss"
    on_axis = [names[k] for k, zero in zip(claim.features, claim.zero, strict=True) if zero]
    label = session.penalty.label
    if not session.penalty.convex:
        label += " (not convex: the lowest of its local minima)"
    if on_axis:
        return (
            f"{label}: the smallest {curve} that reaches the {shape} meets it on an axis: in "
            f"this plane the optimum has {' and '.join(on_axis)} exactly 0."
        )
    return (
        f"{label}: the {curve} meets the {shape} off the axes: in this plane the optimum has "
        f"{names[i]} and {names[j]} both nonzero."
        + ("" if claim.corners else f" A {shape} has no corners to catch a weight at 0.")
    )
