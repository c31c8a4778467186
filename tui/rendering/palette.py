"""The colours of every panel, derived from the Textual theme on screen.

Text and reference lines take the theme's own foreground, mixed towards its surface for the
quieter ones; the loss curves take its primary and warning colours. The weights keep one hue
each, Okabe and Ito's colour-blind-safe set and then Paul Tol's light set (olive left out: to a
protanope it looks the same as Okabe-Ito orange), each moved towards the theme's foreground
until it stands out from the surface by a contrast ratio of at least `MIN_CONTRAST` (WCAG 2's
ratio for graphics), so that a light theme on a projector gets dark, legible lines.

Colour never carries meaning alone: every line is labelled with its feature name, and under
``NO_COLOR`` the loss curves differ by their dash as well.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from textual.color import Color
from textual.theme import Theme

if TYPE_CHECKING:
    from textual.app import App

RGB = tuple[int, int, int]

HUES: tuple[RGB, ...] = (
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
MIN_CONTRAST = 3.0
"""WCAG 2.1's minimum contrast ratio for graphical objects (success criterion 1.4.11)."""


class Palette(NamedTuple):
    """Every colour a panel draws with, for one theme."""

    surface: RGB
    text: RGB
    weights: tuple[RGB, ...]
    data_loss: RGB
    penalty: RGB
    objective: RGB
    zero: RGB
    """The zero lines."""
    marker: RGB
    """Settings changes, the current lam, the weight now and other marks."""
    contour: RGB
    """The data loss's level sets in the plane."""
    held: RGB
    """A weight held at exactly 0."""
    leaving: RGB
    """A weight at 0 that the data pulls off it."""
    error: RGB
    """A run that diverged."""

    def weight(self, j: int) -> RGB:
        """The colour of weight ``j`` (0-based), the same in every panel."""
        return self.weights[j % len(self.weights)]

    @property
    def losses(self) -> dict[str, RGB]:
        return {"data loss": self.data_loss, "penalty": self.penalty, "objective": self.objective}


def hex_color(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


HUE_NAMES = (
    (15, "red"),
    (45, "orange"),
    (70, "yellow"),
    (165, "green"),
    (195, "cyan"),
    (255, "blue"),
    (290, "purple"),
    (340, "pink"),
    (360, "red"),
)
"""The upper bound of each named hue, in degrees."""


def colour_name(rgb: RGB) -> str:
    """A plain name for ``rgb`` (``"blue"``, ``"dark blue"``, ``"grey"``), for words that
    point at a colour on screen, such as the help's legends."""
    low, high = min(rgb), max(rgb)
    lightness = (low + high) / 2
    if high - low < 40:
        return "white" if lightness > 200 else "black" if lightness < 50 else "grey"
    hue = Color(*rgb).hsl.h * 360
    name = next(name for bound, name in HUE_NAMES if hue < bound)
    return f"dark {name}" if high < 150 else name


def _rgb(color: Color) -> RGB:
    return (color.r, color.g, color.b)


def _luminance(rgb: RGB) -> float:
    """WCAG 2's relative luminance."""
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: RGB, b: RGB) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def legible(rgb: RGB, surface: RGB, towards: RGB, ratio: float = MIN_CONTRAST) -> RGB:
    """``rgb`` mixed towards ``towards`` (the theme's text colour) just enough to stand out from
    ``surface`` by ``ratio``, or as far as ``towards`` if even that does not."""
    color, target = Color(*rgb), Color(*towards)
    for step in range(21):
        mixed = _rgb(color.blend(target, step / 20))
        if contrast(mixed, surface) >= ratio:
            return mixed
    return towards


def _mix(a: RGB, b: RGB, share: float) -> RGB:
    return _rgb(Color(*a).blend(Color(*b), share))


@lru_cache(maxsize=32)
def _palette(
    surface: RGB, text: RGB, primary: RGB, warning: RGB, success: RGB, error: RGB
) -> Palette:
    def fit(rgb: RGB) -> RGB:
        return legible(rgb, surface, text)

    return Palette(
        surface=surface,
        text=text,
        weights=tuple(fit(hue) for hue in HUES),
        data_loss=fit(primary),
        penalty=fit(warning),
        objective=text,
        zero=legible(_mix(surface, text, 0.45), surface, text, 2.0),
        marker=legible(_mix(surface, text, 0.6), surface, text),
        contour=legible(_mix(surface, primary, 0.55), surface, text, 1.8),
        held=fit(success),
        leaving=fit(warning),
        error=fit(error),
    )


def palette_of(theme: Theme, variables: dict[str, str]) -> Palette:
    """The palette of a Textual theme, given the CSS variables it generates
    (``App.theme_variables``)."""

    def color(name: str, default: str) -> RGB:
        return _rgb(Color.parse(variables.get(name) or default))

    return _palette(
        color("surface", "#1e1e1e"),
        color("foreground", theme.foreground or "#e0e0e0"),
        _rgb(Color.parse(theme.primary)),
        color("warning", "#ffa62b"),
        color("success", "#4ebf71"),
        color("error", "#ba3c5b"),
    )


def app_palette(app: App[object]) -> Palette:
    """The palette of the theme ``app`` shows now."""
    return palette_of(app.current_theme, app.theme_variables)
