"""The problems the engine's results are checked on: the built-in sets, a wide one (more
features than samples) and one left unstandardized with correlated features."""

from l1l2_tui.engine import ProblemSpec

SPECS = {
    "synthetic": ProblemSpec(),
    "diabetes": ProblemSpec(dataset="diabetes"),
    "wide": ProblemSpec(samples=40, features=60, informative=5, seed=3),
    "raw": ProblemSpec(samples=100, features=8, correlation=0.8, seed=2, standardize=False),
}
