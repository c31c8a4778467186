"""Claims in words: every sentence the app says about the run is rendered here, from the claims
the engine computed (:mod:`l1l2_tui.engine.claims`), and only those.

One module per view, beside :mod:`l1l2_tui.engine.claims`'s: each caption function
(``narrate_main``, ``narrate_forces``, ...) picks the most telling claim that holds and words it;
:func:`l1l2_tui.narration.run.say` words any one claim about the run.
:mod:`l1l2_tui.narration.words` holds the wording they share (names, zero counts, numbers told
apart).
"""
