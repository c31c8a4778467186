"""Claims: what may be said about a run, computed from its numbers and made only when it holds.

Every sentence the app shows about the run is rendered from one of these (in
:mod:`tui.narration`); a claim that does not hold for the current state, optimizer and
penalty is never made. Each claim carries the numbers it rests on, so a test can check it
against the engine.

The mechanism the claims speak of: with an L1 part ``a = lam * l1_ratio`` the penalty pulls a
nonzero weight with the constant force ``a`` however small it is, and at ``w_j = 0`` it can
hold back any data pull up to ``a``. So ``w_j = 0`` is the best value of ``w_j`` (the other
weights held) exactly when the data's pull *at* ``w_j = 0`` is at most ``a``; the proximal step
(soft-thresholding) lands on it. L2's pull ``2 q w_j`` fades to nothing at 0 and holds nothing
there. Plain subgradient steps jump across 0 and almost never land on it.

On minibatches the same holds for the full data, but each step sees a noisy gradient: the noise
kicks a weight off 0 wherever it lands there (``sgd-clip``, ``sgd-prox``), and naive ``sgd``
jumps across 0 as the subgradient method does. The cumulative penalty (``sgd-cumulative``)
applies to each weight the L1 penalty it missed while it was kicked about, so it can rest at 0.

One module per thing a view speaks of, so that a screen loads only the claims it words:
:mod:`engine.claims.run` (the run, on the main screen), :mod:`~engine.claims.forces` (each
weight's pull against its threshold), :mod:`~engine.claims.compare` (two runs side by side),
:mod:`~engine.claims.plane` (two weights), :mod:`~engine.claims.path` (the regularization
path) and :mod:`~engine.claims.one_weight` (one weight at a time).
"""
