"""Claims: what may be said about a run, computed from its numbers and made only when it holds.

Every sentence the app shows about the run is rendered from one of these (in each view's
``words`` module, under ``l1l2_tui.views``); a claim that does not hold for the current state,
optimizer and penalty is never made. Each claim carries the numbers it rests on, so a test can
check it against the engine.

The mechanism the claims speak of: with an L1 part ``a = lam * l1_ratio`` the penalty pulls a
nonzero weight with the constant force ``a`` however small it is, and at ``w_j = 0`` it can
hold back any data pull up to ``a``. So ``w_j = 0`` is the best value of ``w_j`` (the other
weights held) exactly when the data's pull *at* ``w_j = 0`` is at most ``a``; the proximal step
(soft-thresholding) lands on it. L2's pull ``2 q w_j`` fades to nothing at 0 and holds nothing
there. Plain subgradient steps jump across 0 and almost never land on it.

On minibatches the same holds for the full data, but each step sees a noisy gradient: the noise
kicks a weight off 0 where the minibatch's pull at 0 exceeds the L1 part (``sgd-prox``), and
naive ``sgd`` jumps across 0 as the subgradient method does. ``sgd-clip`` sets a weight that
crossed 0 to 0, but at 0 its L1 part does nothing, so the next step moves it off again, noise
or not. The cumulative penalty (``sgd-cumulative``) applies to each weight the L1 penalty it
missed while it was kicked about, so it can rest at 0. TensorFlow Playground's rule
(``playground``) freezes a weight at 0 the first time the penalty's part of a step crosses 0,
and never revisits it, whatever its pull at 0 becomes.

A claim about later steps is made only when it is proven (by
:func:`~l1l2_tui.engine.claims.main.settled_at_zero`, or by the freeze of ``playground``, which is
the rule itself); otherwise the words speak of now.

One module per view, named as the view is (:data:`l1l2_tui.views.VIEWS`), so that a screen loads
only the claims it words: :mod:`~l1l2_tui.engine.claims.main` (the run, on the main screen),
:mod:`~l1l2_tui.engine.claims.forces` (each weight's pull against what the penalty holds),
:mod:`~l1l2_tui.engine.claims.compare` (two runs side by side),
:mod:`~l1l2_tui.engine.claims.geometry` (two weights), :mod:`~l1l2_tui.engine.claims.path` (the
regularization path), :mod:`~l1l2_tui.engine.claims.zero` (one weight at a time) and
:mod:`~l1l2_tui.engine.claims.prior` (the penalty as a prior, the posterior's mode, median and
mean).

Every name can be imported from here too (``from l1l2_tui.engine.claims import zero_count``); its
module loads when one of its names is first asked for.
"""

from l1l2_tui.engine.lazy_names import lazy_getattr, served

MODULES = {
    "main": (
        "RECENT_STEPS",
        "JITTER_ROWS",
        "TINY",
        "ZeroCount",
        "zero_count",
        "Diverged",
        "Unpenalized",
        "ConstantPull",
        "HeldAtZero",
        "ReachedZero",
        "Settled",
        "SETTLING",
        "SETTLED_MARGIN",
        "OPTIMUM_TOL",
        "settled_at_zero",
        "optimum",
        "Jitter",
        "TinyButNonzero",
        "FadingPull",
        "NoneZero",
        "KickedOff",
        "CatchUp",
        "JumpingProx",
        "StartMatters",
        "Frozen",
        "frozen_claims",
        "AgainstMinimizer",
        "SETTLED",
        "OFF",
        "RunClaim",
        "run_claims",
        "latest_zeroed",
        "recent_weights",
        "JITTERING",
        "jitter_claims",
        "kicked_off_claims",
        "catch_up_claims",
        "against_minimizer",
        "tiny_but_nonzero",
        "nonconvex_claims",
        "local_minima",
        "START_STEPS",
        "TrueSupport",
        "true_support",
    ),
    "forces": ("WeightState", "weight_states", "nearest_threshold", "hold_at_zero"),
    "compare": (
        "SideBySide",
        "side_by_side",
        "diverged_at",
        "held_count",
        "frozen_of",
        "resting",
    ),
    "geometry": ("PlaneOptimum", "plane_optimum_claim"),
    "path": (
        "GROWTH",
        "AllZeroAtTop",
        "NeverZero",
        "GrowsWithLam",
        "ReturnsToZero",
        "LeavesZeroOnce",
        "NonzeroAt",
        "PathClaim",
        "path_claims",
        "ExactKnots",
        "exact_knots",
        "LamChoices",
        "lam_choices",
        "path_truth",
        "AtMostRank",
        "at_most_rank",
        "Flips",
        "FLIP_CANDIDATES",
        "flips",
        "Irrepresentable",
        "irrepresentable",
    ),
    "zero": (
        "SliceMinimum",
        "UnitsMyth",
        "one_weight_slice",
        "one_weight_slices",
        "has_units",
        "slice_minimum",
        "units_myth",
        "instructive_weight",
        "CoordinateStep",
        "coordinate_step",
    ),
    "prior": (
        "SMOOTH_POINTS",
        "AGREE",
        "LEVEL",
        "DRAWS",
        "BURN_IN",
        "SEED",
        "WeightBelief",
        "weight_belief",
        "prior_refusal",
        "WholePosterior",
        "whole_posterior",
        "whole_posterior_refusal",
    ),
}
"""Each module of the package (a view's name) and the names it defines, served from here (see
:mod:`l1l2_tui.engine.lazy_names`)."""

__getattr__ = lazy_getattr(__name__, MODULES)
__all__ = served(MODULES)
