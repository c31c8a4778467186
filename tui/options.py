"""Command-line option sets shared by the commands.

Each option set is a function whose parameters are typer options and whose result is a config
object. :func:`with_options` adds a set's parameters to a command's signature and hands the
command the built object, so each option is declared once however many commands use it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from engine import ProblemSpec
from tui.config import RunConfig

DATA = "Data"
TRAINING = "Training"
DISPLAY = "Display"


class Dataset(StrEnum):
    synthetic = "synthetic"
    diabetes = "diabetes"
    toy2d = "toy2d"


class PenaltyChoice(StrEnum):
    l1 = "l1"
    l2 = "l2"
    elasticnet = "elasticnet"
    none = "none"


class OptimizerChoice(StrEnum):
    proximal = "proximal"
    subgradient = "subgradient"
    fista = "fista"


class MarkerChoice(StrEnum):
    braille = "braille"
    dot = "dot"
    ascii = "ascii"


class OutputFormat(StrEnum):
    json = "json"
    csv = "csv"


# The app's and the demo's own options, declared once for every command that starts them.
FpsOption = Annotated[
    int,
    typer.Option(min=1, max=60, help="Frame cap (low is kind to SSH).", rich_help_panel=DISPLAY),
]
PausedOption = Annotated[
    bool, typer.Option("--paused", help="Start paused.", rich_help_panel=DISPLAY)
]
MarkerOption = Annotated[
    MarkerChoice,
    typer.Option(
        help="How lines are drawn: braille dots, one dot a cell, or plain ASCII for fonts "
        "and terminals without braille.",
        rich_help_panel=DISPLAY,
    ),
]
SpeedOption = Annotated[
    int, typer.Option(min=1, max=10_000, help="Engine steps per frame.", rich_help_panel=DISPLAY)
]
LessonOption = Annotated[
    Path | None,
    typer.Option(help="A lesson file (TOML) to play instead of the built-in lesson."),
]
PaceOption = Annotated[
    float,
    typer.Option(
        min=0.1, max=4.0, help="Speed of the story: 1 is 15 frames/s; frames stay the same."
    ),
]
OnceOption = Annotated[bool, typer.Option("--once", help="Stop at the end instead of looping.")]


def problem_options(
    dataset: Annotated[
        Dataset, typer.Option(help="A built-in data set.", rich_help_panel=DATA)
    ] = Dataset.synthetic,
    data: Annotated[
        Path | None,
        typer.Option(
            help="Your own CSV file with a header row (instead of --dataset).",
            rich_help_panel=DATA,
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(help="The CSV's target column (default: the last).", rich_help_panel=DATA),
    ] = None,
    samples: Annotated[
        int, typer.Option(min=3, max=1_000_000, help="Synthetic: rows.", rich_help_panel=DATA)
    ] = 200,
    features: Annotated[
        int, typer.Option(min=1, max=10_000, help="Synthetic: features.", rich_help_panel=DATA)
    ] = 10,
    informative: Annotated[
        int,
        typer.Option(
            min=1, help="Synthetic: features with a nonzero true weight.", rich_help_panel=DATA
        ),
    ] = 4,
    noise: Annotated[
        float, typer.Option(min=0.0, help="Synthetic: noise std.", rich_help_panel=DATA)
    ] = 1.0,
    correlation: Annotated[
        float,
        typer.Option(
            min=-0.99,
            max=0.99,
            help="Synthetic: Toeplitz feature correlation rho.",
            rich_help_panel=DATA,
        ),
    ] = 0.5,
    seed: Annotated[int, typer.Option(help="Seed for generated data.", rich_help_panel=DATA)] = 0,
    no_standardize: Annotated[
        bool,
        typer.Option(
            "--no-standardize",
            help="Keep features as they are instead of mean 0, std 1.",
            rich_help_panel=DATA,
        ),
    ] = False,
) -> ProblemSpec:
    return ProblemSpec(
        dataset.value,
        data,
        target,
        samples,
        features,
        informative,
        noise,
        correlation,
        seed,
        not no_standardize,
    )


def run_options(
    problem: Annotated[ProblemSpec, problem_options],
    penalty: Annotated[
        PenaltyChoice, typer.Option(help="The penalty R(w).", rich_help_panel=TRAINING)
    ] = PenaltyChoice.l1,
    lam: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            help="Penalty strength (default: 0.15 x the smallest lam that zeros every L1 weight).",
            rich_help_panel=TRAINING,
        ),
    ] = None,
    l1_ratio: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="Elastic net: share of L1.", rich_help_panel=TRAINING),
    ] = 0.5,
    optimizer: Annotated[
        OptimizerChoice,
        typer.Option(
            help="proximal: exact zeros; subgradient: jitters around 0; fista: accelerated.",
            rich_help_panel=TRAINING,
        ),
    ] = OptimizerChoice.proximal,
    lr: Annotated[
        float | None,
        typer.Option(
            callback=positive, help="Step size, > 0 (default: 1/L).", rich_help_panel=TRAINING
        ),
    ] = None,
) -> RunConfig:
    return RunConfig(problem, penalty.value, lam, l1_ratio, optimizer.value, lr)


def positive(value: float | None) -> float | None:
    """Typer callback: the option must be greater than 0."""
    if value is not None and not value > 0:
        raise typer.BadParameter(f"{value} is not greater than 0.")
    return value


def open_unit_interval(value: float) -> float:
    """Typer callback: the option must lie strictly between 0 and 1."""
    if not 0 < value < 1:
        raise typer.BadParameter(f"{value} is not strictly between 0 and 1.")
    return value


Command = TypeVar("Command", bound=Callable[..., Any])


def with_options(command: Command) -> Command:
    """Expand every parameter annotated ``Annotated[T, option_set]`` into the option set's own
    parameters, and call ``command`` with the option set's result in its place."""
    signature = _signature(command)
    sets = {
        name: param.annotation.__metadata__[0]
        for name, param in signature.parameters.items()
        if getattr(param.annotation, "__metadata__", None)
        and inspect.isfunction(param.annotation.__metadata__[0])
    }
    if not sets:
        return command
    expanded = {name: _expanded(option_set) for name, option_set in sets.items()}
    params = []
    for name, param in signature.parameters.items():
        if name in expanded:
            params.extend(_signature(expanded[name]).parameters.values())
        else:
            params.append(param)

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        for name, option_set in expanded.items():
            own = inspect.signature(option_set).parameters
            kwargs[name] = option_set(**{key: kwargs.pop(key) for key in own})
        return command(**kwargs)

    wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


# Every command shares the same option sets: evaluate their annotations (which build the typer
# options) once, not once per command.
@functools.cache
def _signature(function: Callable[..., Any]) -> inspect.Signature:
    return inspect.signature(function, eval_str=True)


@functools.cache
def _expanded(option_set: Callable[..., Any]) -> Callable[..., Any]:
    return with_options(option_set)
