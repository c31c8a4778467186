"""Start-up without the cyclic garbage collector.

Importing Textual, numpy, plotext and typer leaves about 86,000 objects for the collector to
track, and it would scan them over and over while they are created: some 30 ms of a start of
about half a second on a small machine. The command holds the collector off while it starts;
the app lets it go once its first frame is on screen, and a subcommand as soon as it runs.
What start-up built is frozen first (kept out of every later collection, since it lives as
long as the process), so the collections during a run stay short too.
"""

from __future__ import annotations

import gc


def hold_collector() -> None:
    """Switch the cyclic garbage collector off until :func:`release_collector`."""
    gc.disable()


def release_collector() -> None:
    """Freeze what exists now and switch the collector back on, if it was held off."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
