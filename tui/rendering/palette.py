"""Colours for the weights: Okabe and Ito's colour-blind-safe set, then Paul Tol's light set.

Of Tol's set, olive is left out: to a protanope it looks the same as Okabe-Ito orange.
Colour never carries meaning alone: every line is labelled with its feature name.
"""

from __future__ import annotations

RGB = tuple[int, int, int]

WEIGHT_COLORS: tuple[RGB, ...] = (
    (230, 159, 0),  # orange
    (86, 180, 233),  # sky blue
    (0, 158, 115),  # bluish green
    (240, 228, 66),  # yellow
    (0, 114, 178),  # blue
    (213, 94, 0),  # vermillion
    (204, 121, 167),  # reddish purple
    (153, 221, 255),  # light cyan
    (255, 170, 187),  # pink
    (187, 204, 51),  # pear
    (238, 136, 102),  # light orange
    (68, 187, 153),  # mint
)

MARKER_COLOR: RGB = (160, 160, 160)
ZERO_LINE_COLOR: RGB = (110, 110, 110)
LOSS_COLORS: dict[str, RGB] = {
    "data loss": (86, 180, 233),
    "penalty": (230, 159, 0),
    "objective": (240, 240, 240),
}


def weight_color(j: int) -> RGB:
    """The colour of weight ``j`` (0-based), the same in every panel."""
    return WEIGHT_COLORS[j % len(WEIGHT_COLORS)]


def hex_color(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)
