"""The wording every caption shares: weights' and penalties' names, zero counts, numbers
that read apart."""

from __future__ import annotations

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.main import ZeroCount


def distinct(a: float, b: float, digits: int = 2) -> tuple[str, str]:
    """``a`` and ``b`` to as few significant digits (from ``digits``) as tell them apart, so
    that "0.325 is above 0.32" never reads "0.32 is above 0.32"."""
    for figures in range(digits, 10):
        left, right = f"{a:.{figures}g}", f"{b:.{figures}g}"
        if left != right:
            return left, right
    return f"{a:.10g}", f"{b:.10g}"


def weight_name(session: Session, j: int) -> str:
    return f"w{j + 1} {session.problem.feature_names[j]}"


def lam_name(session: Session) -> str:
    """What the penalty holds at 0, by name: ``lam`` under L1, ``lam·l1_ratio`` under elastic
    net."""
    return session.penalty.strength


def constant_words(constant: int, zeros: int, image: bool) -> str:
    """``", 3 of them blank pixels"``: how many of ``zeros`` exact zeros are features the data
    never pulls (constant in every row), so that they are not mistaken for the penalty's work.
    Blank pixels on an image, constant features otherwise; nothing when there are none."""
    if constant == 0:
        return ""
    kind = ("blank pixel" if image else "constant feature") + ("s" if constant != 1 else "")
    if constant == zeros:
        return f", a {kind}" if zeros == 1 else f", all {zeros} {kind}"
    return f", {constant} of them {kind}"


def zeros_text(count: ZeroCount) -> str:
    """``zeros 54/64, 3 of them blank pixels``: the zero count in full."""
    return f"zeros {count.zeros}/{count.total}" + constant_words(
        count.constant, count.zeros, count.image
    )


def zeros_short(count: ZeroCount) -> str:
    """``zeros 54/64 (3 blank)``: the zero count where room is short (status lines, titles)."""
    text = f"zeros {count.zeros}/{count.total}"
    if count.constant:
        text += f" ({count.constant} {'blank' if count.image else 'constant'})"
    return text


LISTED = 4
"""How many names a caption lists before it counts the rest."""


def name_list(names: tuple[str, ...], indices: tuple[int, ...]) -> str:
    """``x5``, ``x5 and x6``, ``x1, x2, x3, x4 and 3 more``."""
    listed = [names[j] for j in indices[:LISTED]]
    rest = len(indices) - len(listed)
    if rest:
        return f"{', '.join(listed)} and {rest} more"
    return " and ".join(filter(None, [", ".join(listed[:-1]), listed[-1]]))
