"""The help for the view on screen: what it draws (every curve, mark, colour and number), its
keys first and then every other key, why L1 gives exact zeros, and a short glossary.

The app builds each view's help once and shows the same screen each time (see
``L1L2App.action_help``). It is one widget, Rich's rendering of the Markdown: Textual's
``Markdown`` widget builds a widget for every paragraph and list item, some 400 for the help,
which took over a second to open on a loaded machine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from l1l2_tui.engine import Problem
from l1l2_tui.rendering.palette import Palette, app_palette, colour_name

OBJECTIVES = {
    "squared": "`1/(2n)·||y − Xw − b||² + lam·R(w)` (least squares)",
    "logistic": "`1/n·Σ log(1 + exp(−s_i·(x_i·w + b))) + lam·R(w)` (logistic regression, s_i = ±1"
    " the class)",
}

IMAGE = """
**The weight image.** The features are an image's pixels, so the weights are drawn as that
image: colour by sign, stronger for a larger weight, `·` where a weight is exactly 0. A blank
pixel (the same in every image) feels no pull from the data, so its weight stays exactly 0 under
any penalty: the zero counts say how many of the zeros are these.
"""

UNITS_MYTH = {
    "squared": """
**Not the reason:** "|w| > w² when |w| < 1". Change the target's units, 10 times smaller, and
every weight grows tenfold, and so does every pull: the same problem then has lam tenfold too
(`z`, then `u`, does both). The weights land on either side of 1, yet L1 zeros the same ones:
the units move |w|, not the zeros. At a fixed lam the new units are another problem, a smaller
lam in disguise, whose zeros may differ.
""",
    "logistic": """
**Not the reason:** "|w| > w² when |w| < 1": which weights are below 1 depends on the units
of the features; which are exactly 0 depends on the pulls at 0 against lam.
""",
}

INTRO = """\
# {title}

This view, its keys, then why L1 gives exact zeros and L2 does not.

Gradient descent on {objective}, one step at a time, shown live.
"""

IDEA = """
## Why L1 gives exact zeros

**The pulls.** The data pulls w_j with its gradient g_j. L1's pull on a nonzero weight has the
same size lam however small the weight, and at w_j = 0 it can hold back any pull up to lam. So
w_j = 0 is the best value exactly when the data's pull *at* w_j = 0 (the other weights as they
are) is at most lam (lam·l1_ratio under elastic net). L2 pulls with 2·lam·w_j, which fades to
nothing at 0: it shrinks the weight vector but holds no weight at 0.

**The proximal step** takes a gradient step on the data loss, v = w − lr·g, then
soft-thresholds v: where |v| ≤ lr·lam (lr·lam·l1_ratio under elastic net) the weight becomes
exactly 0.0. The subgradient step
(`o`) jumps across 0 by lr·|g_j ± lam| each step and almost never lands on 0.0. FISTA's
momentum can carry a weight off 0 for a while.

**Minibatches.** sgd, sgd-clip, sgd-prox, sgd-cumulative and playground (`o`) step on
`--batch` rows at a time. sgd jumps across 0 as the subgradient step does. sgd-prox (FOBOS)
lands on 0, and a minibatch whose pull at 0 exceeds lam kicks the weight off again. sgd-clip
sets a weight that crossed 0 to 0, but at 0 its L1 part does nothing, so the next step's data
gradient moves it off, noise or not. sgd-cumulative applies the L1 penalty a weight missed while
it was kicked about, so it rests at 0. playground (TensorFlow Playground's rule) freezes a weight
at 0 the first time the penalty's part of a step crosses 0 and never revisits it: sparse early,
whatever the weight's pull at 0 becomes.

**Adam.** adam adds lam·sign(w) to the gradient, and Adam divides it by √v with the rest: its
weights cross 0 and never rest. adam-decoupled soft-thresholds by lr·lam after the Adam step: it
rests at 0, off the minimizer. adam-prox soft-thresholds each weight by its own Adam step times
lam, the prox in Adam's metric: it lands on the minimizer's zeros. An Adam lr is a length in the
weights' units. **cd** sets one weight a step to its exact minimum along it (the zero view shows
which).

**The p dial** (`3` `4`, `|` `\\`) turns the penalty into lam·Σ|w_j|^p. Above p = 1 its pull
fades at 0 as L2's does: no dead zone, no exact 0. At p = 1 (L1) the corner appears. Below 1 the
penalty is not convex: its pull has no bound near 0, so 0 is a local minimum of every weight, the
prox jumps from 0 past a threshold, and which weights end at 0 depends on where the run started.
"""

GLOSSARY = """
## Words

- **Data pull** on a weight: how hard the data loss pushes it, minus its slope −g_j along that
  weight. Gradient descent moves each weight by lr times its pull.
- **Pull at 0**: the data pull on w_j when w_j is set to 0 and the other weights stay where
  they are. L1 holds w_j at 0 exactly when this is at most lam.
- **Prox, soft-threshold**: the proximal step's second half. After the gradient step
  v = w − lr·g, it moves v towards 0 by lr·lam and stops at 0: soft_threshold(v) =
  sign(v)·max(|v| − lr·lam, 0).
- **Dead zone**: the values of v that soft-thresholding sends to exactly 0, |v| ≤ lr·lam.
- **lam_max**: the smallest lam at which L1 holds every weight at exactly 0, the largest data
  pull at w = 0. Lessons give lam as a fraction of it (`lam_ratio`).
- **l1_ratio**: elastic net's share of L1: the penalty is lam·(l1_ratio·|w| +
  (1 − l1_ratio)·w²), so it holds weights at 0 up to a pull of lam·l1_ratio.
- **z and h** (the zero view): along one weight, on squared loss, the data loss is a parabola
  h/2·(w − z)² plus a constant. h is its curvature, z where it is lowest, and the data pull is
  h·(z − w); the pull at 0 is h·z.
"""


def help_text(view: str, title: str, legend: str, problem: Problem, palette: Palette) -> str:
    """The help's words for ``view`` (``legend``: what it draws, with its colours named by
    role) on the run's problem: its objective, its image if it has one and the view shows it."""
    names = {role: colour_name(getattr(palette, role)) for role in COLOUR_ROLES}
    text = INTRO.format(title=title, objective=OBJECTIVES[problem.loss])
    text += legend.format(**names)
    if problem.image_shape and view in ("main", "compare"):
        text += IMAGE
    return text


def idea_text(problem: Problem) -> str:
    """Why L1 gives exact zeros, the glossary and why the popular explanation fails."""
    return IDEA + UNITS_MYTH[problem.loss] + GLOSSARY


COLOUR_ROLES = ("data_loss", "penalty", "objective", "zero", "marker", "contour", "held", "leaving")
"""The palette's roles a legend may name: ``{data_loss}`` in a legend is its colour's name."""


def key_list(sections: list[tuple[str, list[Binding]]], display: Callable[[Binding], str]) -> str:
    """Markdown for every key of ``sections`` (a title and its bindings each), one line an
    action: ``- `n` `→` Step: One step (while paused)``."""
    lines = ["## Keys", ""]
    for title, bindings in sections:
        lines += [f"*{title}*", ""]
        actions: dict[tuple[str, str], list[Binding]] = {}
        for binding in bindings:
            for key in binding.key.split(","):
                one = replace(binding, key=key.strip(), key_display=None)
                actions.setdefault((binding.action, binding.description), []).append(one)
        for (_, description), keys in actions.items():
            shown = dict.fromkeys(f"`{display(key)}`" for key in keys)
            tip = keys[0].tooltip
            lines.append(f"- {' '.join(shown)} {description}" + (f": {tip}" if tip else ""))
        lines.append("")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    """Dismissed by escape, ? or q."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    def __init__(
        self, view: str, sections: list[tuple[str, list[Binding]]], problem: Problem
    ) -> None:
        """``view``: the view the help is about; ``sections``: each a title and the bindings
        listed under it, the view's own first; ``problem``: the run's."""
        super().__init__()
        self.view = view
        self.sections = [*sections, ("This help", [Binding("escape,question_mark,q", "", "Close")])]
        self.problem = problem

    @property
    def source(self) -> str:
        """The help's Markdown: what the view draws, its keys and every other key, then why L1
        gives exact zeros."""
        from l1l2_tui.views import view_help

        title, legend = view_help(self.view)
        text = help_text(self.view, title, legend, self.problem, app_palette(self.app))
        keys = key_list(self.sections, self.app.get_key_display)
        return text + "\n" + keys + idea_text(self.problem)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Markdown(self.source))
