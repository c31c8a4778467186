"""The geometry view's caption: where the level set meets the penalty's shape."""

from __future__ import annotations

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.geometry import PlaneOptimum

FINDING_PAIRS = "Finding the pairs of weights that show the picture best..."
LEGEND = """
**The plane of two weights** (`f`: the next pair), w_i across and w_j up, at equal scale, so a
circle looks round. The other weights are held where the run has them.

- **Ellipses** in {contour}: level sets of the data loss in this plane (on logistic data:
  its level sets, which are not ellipses). The one in {data_loss} passes through the optimum.
- `+ least squares` (`+ unpenalized` on logistic data), in {marker}: where the data loss alone
  is lowest.
- **The penalty's level set** in {penalty}, through the weights now: L1's diamond, whose corners
  lie on the axes (where a weight is exactly 0); L2's circle, which has no corners; elastic
  net's rounded diamond.
- `* optimum`, in {data_loss}: the best point of data loss plus penalty in this plane. Under L1
  it often sits on a corner, on an axis: one of the two weights is exactly 0.
- **The trail** in {objective}: the path the two weights took, step by step; `●` is where they
  are now.
- The {zero} lines are w_i = 0 and w_j = 0.
"""
"""What the view draws, for its help: each curve, mark, colour and number. Colours are
named by role ({data_loss}, {penalty}...) and filled in from the theme on screen."""


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
