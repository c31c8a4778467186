"""Command-line option sets shared by the commands.

Each option set is a function whose parameters are typer options and whose result is a config
object. :func:`with_options` adds a set's parameters to a command's signature and hands the
command the built object, so each option is declared once however many commands use it.
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable
from dataclasses import fields
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from l1l2_tui.cli.errors import fail
from l1l2_tui.config import DEFAULT_THEME, RunConfig
from l1l2_tui.engine import DATASETS, LOSSES, PENALTIES, ProblemSpec, Settings
from l1l2_tui.engine.data_limits import MAX_FEATURES
from l1l2_tui.engine.problems import DEFAULT_DIGIT
from l1l2_tui.engine.settings import SETTINGS
from l1l2_tui.terminal.link import LINK_MODES

DATA = "Data"
TRAINING = "Training"
DISPLAY = "Display"


Dataset = StrEnum("Dataset", {name: name for name in DATASETS})  # type: ignore[misc]
LossChoice = StrEnum("LossChoice", {name: name for name in LOSSES})  # type: ignore[misc]
DigitChoice = StrEnum(  # type: ignore[misc]
    "DigitChoice", {name: name for name in [*map(str, range(10)), "ge5"]}
)


def image_shape(value: str | None) -> tuple[int, int] | None:
    """``"8x8"`` as ``(8, 8)``: rows by columns."""
    if value is None:
        return None
    rows, x, cols = value.lower().partition("x")
    if not (x and rows.strip().isdigit() and cols.strip().isdigit()):
        raise typer.BadParameter(f"{value!r} is not ROWSxCOLUMNS, e.g. 8x8")
    shape = int(rows), int(cols)
    if min(shape) < 1:
        raise typer.BadParameter(f"{value!r} has no pixels")
    return shape


LinkChoice = StrEnum("LinkChoice", {name: name for name in LINK_MODES})  # type: ignore[misc]


class MarkerChoice(StrEnum):
    braille = "braille"
    dot = "dot"
    ascii = "ascii"


class OutputFormat(StrEnum):
    json = "json"
    csv = "csv"


def not_nan(value: float | None) -> float | None:
    """Typer callback: refuse NaN, which passes every range check (comparisons with it are
    false)."""
    if value is not None and value != value:
        raise typer.BadParameter("nan is not a number.")
    return value


def positive(value: float | None) -> float | None:
    """Typer callback: the option must be greater than 0."""
    if value is not None and not value > 0:
        raise typer.BadParameter(f"{value} is not greater than 0.")
    return value


def finite_positive(value: float | None) -> float | None:
    """Typer callback: the option must be a finite number greater than 0 (an infinite
    tolerance would call any run converged)."""
    if value is not None and not 0 < value < math.inf:
        raise typer.BadParameter(f"{value} is not a finite number greater than 0.")
    return value


# The app's and the demo's own options, declared once for every command that starts them.
FpsOption = Annotated[
    int,
    typer.Option(min=1, max=60, help="Frame cap (low is kind to SSH).", rich_help_panel=DISPLAY),
]
PausedOption = Annotated[
    bool, typer.Option("--paused", help="Start paused.", rich_help_panel=DISPLAY)
]
PauseWhenConvergedOption = Annotated[
    bool,
    typer.Option(
        "--pause-when-converged",
        help="Pause once the run has converged (the status line says at which step).",
        rich_help_panel=DISPLAY,
    ),
]
MarkerOption = Annotated[
    MarkerChoice,
    typer.Option(
        help="How lines are drawn: braille dots, one dot a cell, or plain ASCII for fonts "
        "and terminals without braille.",
        rich_help_panel=DISPLAY,
    ),
]


def theme_name(value: str) -> str:
    """Typer callback: the name of a Textual theme or of the app's own."""
    if value == DEFAULT_THEME:
        return value  # the default needs no look-up (nor Textual's import)
    from l1l2_tui.rendering.themes import theme_names

    if value not in theme_names():
        raise typer.BadParameter(
            f"{value!r} is not a theme; choose one of {', '.join(theme_names())}."
        )
    return value


ThemeOption = Annotated[
    str,
    typer.Option(
        callback=theme_name,
        help="Colours: any Textual theme (textual-light, nord, gruvbox, solarized-light, ...) "
        "or projector, light and high-contrast for a lecture hall.",
        rich_help_panel=DISPLAY,
    ),
]
LinkOption = Annotated[
    LinkChoice,
    typer.Option(
        help="The terminal link: auto times it and sends less when it is slow (below 16 KB/s); "
        "slow sends less from the start (over a thin SSH line); fast never trims. Frames wait "
        "for the terminal to take them either way.",
        rich_help_panel=DISPLAY,
    ),
]
SpeedOption = Annotated[
    int, typer.Option(min=1, max=10_000, help="Engine steps per frame.", rich_help_panel=DISPLAY)
]
DebugOption = Annotated[
    bool,
    typer.Option(
        "--debug",
        help="Write Textual's log (every event, message and handler) to a new file in the log "
        "folder, or to the file TEXTUAL_LOG names, and say which at the end.",
        rich_help_panel=DISPLAY,
    ),
]
LessonOption = Annotated[
    str | None,
    typer.Option(
        metavar="FILE|NAME",
        help="A lesson file (TOML) to play instead of the built-in lesson, or a lesson by name: "
        "NAME.toml in --lesson-folder, or a shipped one, digits (L2's grey digit and L1's "
        "sparse one) or stochastic (SGD and L1 on digits). A name with a / (./digits) or of a "
        "file that exists is a file.",
    ),
]
LessonFolderOption = Annotated[
    Path | None,
    typer.Option(help="A folder of lessons: --lesson NAME plays NAME.toml from it."),
]
PaceOption = Annotated[
    float,
    typer.Option(
        min=0.1,
        max=4.0,
        callback=not_nan,
        help="Speed of the story: 1 is 15 frames/s; frames stay the same.",
    ),
]
OnceOption = Annotated[
    bool, typer.Option("--once", help="Play the lesson once and end with it, instead of looping.")
]


def problem_options(
    dataset: Annotated[
        Dataset, typer.Option(help="A built-in data set.", rich_help_panel=DATA)
    ] = Dataset.synthetic,
    loss: Annotated[
        LossChoice | None,
        typer.Option(
            help="The data loss: squared (regression) or logistic (two classes).",
            show_default="logistic for digits, else squared",
            rich_help_panel=DATA,
        ),
    ] = None,
    digit: Annotated[
        DigitChoice | None,
        typer.Option(
            help="Digits: the digit told from the rest, or ge5 for 5-9 against 0-4 (0's ring and "
            "hollow centre read at a glance in the weights).",
            show_default=str(DEFAULT_DIGIT),
            rich_help_panel=DATA,
        ),
    ] = None,
    image_shape_text: Annotated[
        str | None,
        typer.Option(
            "--image-shape",
            metavar="RxC",
            help="The CSV's features are the pixels of an R x C image, row by row: the app "
            "draws the weights as that image.",
            rich_help_panel=DATA,
        ),
    ] = None,
    data: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
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
        int,
        typer.Option(min=1, max=MAX_FEATURES, help="Synthetic: features.", rich_help_panel=DATA),
    ] = 10,
    informative: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Synthetic: features with a nonzero true weight (default: 4, or --features "
            "if fewer).",
            rich_help_panel=DATA,
        ),
    ] = None,
    noise: Annotated[
        float,
        typer.Option(
            min=0.0,
            callback=not_nan,
            help="Synthetic: noise std (at most 1e6).",
            rich_help_panel=DATA,
        ),
    ] = 1.0,
    correlation: Annotated[
        float,
        typer.Option(
            min=-0.99,
            max=0.99,
            callback=not_nan,
            help="Synthetic: Toeplitz feature correlation rho.",
            rich_help_panel=DATA,
        ),
    ] = 0.5,
    seed: Annotated[
        int,
        typer.Option(
            min=0,
            help="Seed for generated data (the minibatch order's is --shuffle-seed).",
            rich_help_panel=DATA,
        ),
    ] = 0,
    no_standardize: Annotated[
        bool,
        typer.Option(
            "--no-standardize",
            help="Keep features as they are instead of mean 0, std 1.",
            rich_help_panel=DATA,
        ),
    ] = False,
) -> ProblemSpec:
    if digit is not None and (data is not None or dataset.value != "digits"):
        raise typer.BadParameter("only for --dataset digits", param_hint="--digit")
    if data == "":  # Path("") is the current folder
        raise typer.BadParameter("the file name is empty", param_hint="--data")
    chosen = DEFAULT_DIGIT if digit is None else "ge5" if digit.value == "ge5" else int(digit.value)
    return ProblemSpec(
        dataset.value,
        None if data is None else Path(data),
        target,
        samples,
        features,
        informative,
        noise,
        correlation,
        seed,
        not no_standardize,
        None if loss is None else loss.value,
        chosen,
        image_shape(image_shape_text),
    )


def choice_enum(name: str, choices: tuple[str, ...]) -> type[StrEnum]:
    """A typer choice type for ``choices`` (the engine's registries are their only list)."""
    return StrEnum(name, {choice: choice for choice in choices})  # type: ignore[return-value]


PenaltyChoice = choice_enum("PenaltyChoice", PENALTIES)


def setting_parameter(name: str) -> inspect.Parameter:
    """The typer option for the setting ``name``, from its declaration in
    :data:`l1l2_tui.engine.settings.SETTINGS`: type, default, range or choices, and help."""
    spec = SETTINGS[name]
    default = next(f.default for f in fields(Settings) if f.name == name)
    text = spec.help + (f" (default: {spec.when_none})." if spec.when_none else "")
    if spec.choices:
        enum = PenaltyChoice if name == "penalty" else choice_enum(f"{name}_choice", spec.choices)
        option = typer.Option(help=text, rich_help_panel=TRAINING)
        return inspect.Parameter(
            name, KEYWORD, default=enum(default), annotation=Annotated[enum, option]
        )
    bounds: dict[str, Any] = {}
    if spec.above_low:
        bounds["callback"] = positive
        if spec.high != math.inf:
            bounds["max"] = spec.high
    else:
        bounds["callback"] = not_nan
        if spec.low != -math.inf:
            bounds["min"] = int(spec.low) if spec.integer else spec.low
        if spec.high != math.inf:
            bounds["max"] = int(spec.high) if spec.integer else spec.high
    option = typer.Option(help=text, rich_help_panel=TRAINING, **bounds)
    number: type = int if spec.integer else float
    kind = number | None if spec.optional else number
    return inspect.Parameter(name, KEYWORD, default=default, annotation=Annotated[kind, option])


KEYWORD = inspect.Parameter.POSITIONAL_OR_KEYWORD


def run_options(problem: ProblemSpec, **settings: Any) -> RunConfig:
    """The data options and one option per setting of :class:`l1l2_tui.engine.Settings`."""
    values = {name: str(v) if isinstance(v, StrEnum) else v for name, v in settings.items()}
    try:
        return RunConfig(problem, Settings(**values))
    except ValueError as exc:
        raise fail(str(exc)) from None


CARRIED = "l1l2_tui.carried"
"""The click context's ``meta`` key for the names of the options given before the subcommand."""


def carry_options_to(ctx: typer.Context, command_name: str) -> None:
    """Options given before a subcommand (``l1l2-tui --dataset diabetes run``) apply to it, as
    if given after it; one the subcommand does not take is refused rather than ignored. They go
    to the subcommand as defaults, over those of the settings file."""
    # By name: typer vendors click from 0.28 on, so the enum's class depends on the version.
    given = [
        param
        for param in ctx.command.params
        if param.name
        and getattr(ctx.get_parameter_source(param.name), "name", "")
        in ("COMMANDLINE", "ENVIRONMENT")
    ]
    command = ctx.command.get_command(ctx, command_name)  # type: ignore[attr-defined]
    accepted = {param.name for param in command.params}
    for param in given:
        if param.name not in accepted:
            raise fail(f"{param.opts[0]} does not apply to `l1l2-tui {command_name}`")
    settings = getattr(ctx.command, "settings", None)
    defaults = {} if settings is None else settings.defaults(command, command_name)
    carried = {param.name: ctx.params[param.name] for param in given}
    ctx.meta[CARRIED] = set(carried)
    ctx.default_map = {command_name: {**defaults, **carried}}


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


# Built once the callbacks above exist: the settings' options, from their declarations.
run_options.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        inspect.Parameter("problem", KEYWORD, annotation=Annotated[ProblemSpec, problem_options]),
        *(setting_parameter(name) for name in SETTINGS),
    ],
    return_annotation=RunConfig,
)
