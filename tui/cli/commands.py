"""The ``l1l2-tui`` command: the live app by default, ``run`` and ``path`` for scripts."""

from __future__ import annotations

import json
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from engine import (
    DataError,
    Problem,
    ProblemSpec,
    Session,
    build_problem,
    loss_for,
    regularization_path,
)
from tui.cli.errors import OneLineErrors, fail, interrupts_reported, output_errors_reported
from tui.cli.options import (
    FpsOption,
    LessonOption,
    MarkerChoice,
    MarkerOption,
    OnceOption,
    OutputFormat,
    PaceOption,
    PausedOption,
    PenaltyChoice,
    SpeedOption,
    carry_options_to,
    finite_positive,
    not_nan,
    open_unit_interval,
    problem_options,
    run_options,
    with_options,
)
from tui.cli.output import DEFAULT_TOL, result_json, run_steps, write_path, write_trajectory
from tui.cli.progress import StderrProgress
from tui.config import AppConfig, RunConfig
from tui.startup import release_collector

if TYPE_CHECKING:
    from tui.lesson import Lesson

app = typer.Typer(
    cls=OneLineErrors,
    name="l1l2-tui",
    help="Watch why L1 regularization makes weights exactly zero while L2 only shrinks them.",
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def load_problem(spec: ProblemSpec) -> Problem:
    """Build the problem, with progress on a terminal for a slow load; bad data fails."""
    label = f"reading {spec.data}" if spec.data else "building the problem"
    try:
        with interrupts_reported(), StderrProgress(label) as progress:
            return build_problem(spec, progress)
    except DataError as exc:
        raise fail(str(exc)) from None


def start_session(config: RunConfig) -> Session:
    problem = load_problem(config.problem)
    try:
        with interrupts_reported():
            return Session(problem, config.settings)
    except ValueError as exc:
        raise fail(str(exc)) from None


def show_version(value: bool) -> None:
    if value:
        from importlib import metadata  # some 12 ms of imports the app's start does not need

        try:
            version = metadata.version("l1l2-tui")
        except metadata.PackageNotFoundError:
            version = "unknown (not installed)"
        typer.echo(f"l1l2-tui {version}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
@with_options
def main(
    ctx: typer.Context,
    run: Annotated[RunConfig, run_options],
    fps: FpsOption = 15,
    paused: PausedOption = False,
    marker: MarkerOption = MarkerChoice.braille,
    speed: SpeedOption = 1,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Open the live app (the default), or run a subcommand."""
    if ctx.invoked_subcommand is not None:
        release_collector()
        carry_options_to(ctx, ctx.invoked_subcommand)
        return
    session = start_session(run)
    from tui.app import make_app

    config = AppConfig(run, fps, speed, marker.value, autoplay=not paused)
    make_app(config, session).run()


def read_lesson(lesson: Path | None) -> Lesson:
    """The lesson ``--lesson`` names: the built-in one, a shipped one by name, or a file."""
    from tui.lesson import DEFAULT_LESSON, SHIPPED_LESSONS, LessonError, load_lesson, shipped_lesson

    if lesson is None:
        return DEFAULT_LESSON
    try:
        if str(lesson) in SHIPPED_LESSONS:
            return shipped_lesson(str(lesson))
        return load_lesson(lesson)
    except LessonError as exc:
        raise fail(str(exc)) from None


DATA_OPTIONS = ("data", "target", "dataset", "digit", "loss")


def lesson_run(ctx: typer.Context, run: RunConfig, story: Lesson) -> RunConfig:
    """``run`` on the data set the lesson is written for, if it names one; data options given on
    the command line that would change it are refused rather than ignored."""
    if story.dataset is None:
        return run
    problem = story.on_problem(run.problem)
    for name in DATA_OPTIONS:
        # By name, as in carry_options_to: DEFAULT_MAP is an option given before the command.
        source = getattr(ctx.get_parameter_source(name), "name", None)
        given = source in ("COMMANDLINE", "ENVIRONMENT", "DEFAULT_MAP")
        if given and getattr(run.problem, name) != getattr(problem, name):
            where = f"dataset {story.dataset}" + (
                f", digit {story.digit}" if story.digit is not None else ""
            )
            raise fail(f"--{name}: the lesson {story.title!r} plays on {where}; drop --{name}")
    return replace(run, problem=problem)


@app.command("demo")
@with_options
def demo_command(
    ctx: typer.Context,
    run: Annotated[RunConfig, run_options],
    lesson: LessonOption = None,
    pace: PaceOption = 1.0,
    once: OnceOption = False,
    marker: MarkerOption = MarkerChoice.braille,
) -> None:
    """Play a lesson that tells the L1/L2 story by itself (space pauses it, q quits)."""
    story = read_lesson(lesson)
    run = lesson_run(ctx, run, story)
    session = start_session(run)
    from tui.app import make_app

    fps = max(1, min(60, round(15 * pace)))
    config = AppConfig(run, fps, 1, marker.value, lesson=story, once=once)
    make_app(config, session).run()


@app.command("lesson")
def lesson_command(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A shipped lesson to print instead of the built-in one: digits or stochastic."
        ),
    ] = None,
) -> None:
    """Print the built-in lesson as TOML: a start for your own (play it with demo --lesson)."""
    release_collector()
    from tui.lesson import DEFAULT_LESSON, SHIPPED_LESSONS, format_lesson, shipped_lesson

    if name is None:
        typer.echo(format_lesson(DEFAULT_LESSON), nl=False)
        return
    if name not in SHIPPED_LESSONS:
        raise fail(f"no shipped lesson {name!r}; choose one of {', '.join(SHIPPED_LESSONS)}")
    typer.echo(format_lesson(shipped_lesson(name)), nl=False)


VIEW_NAMES = ("geometry", "forces", "path", "compare", "zero")
"""The views ``screenshot --view`` takes: tui.app's ``VIEWS`` (a test checks), named here so
that the command line does not load Textual to list them."""
ViewChoice = StrEnum("ViewChoice", {name: name for name in VIEW_NAMES})  # type: ignore[misc]


class ServeTarget(StrEnum):
    app = "app"
    demo = "demo"


APP_ONLY = ("fps", "paused", "speed")
DEMO_ONLY = ("lesson", "pace", "once")


@app.command("serve")
@with_options
def serve_command(
    ctx: typer.Context,
    run: Annotated[RunConfig, run_options],
    what: Annotated[
        ServeTarget, typer.Argument(help="What each tab runs: the live app or the demo.")
    ] = ServeTarget.app,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 for every machine on the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one).")] = 8000,
    max_sessions: Annotated[
        int, typer.Option(min=1, max=500, help="Most apps running at once (one per tab).")
    ] = 30,
    public_url: Annotated[
        str | None,
        typer.Option(help="The address browsers use, when a proxy stands in front (https://...)."),
    ] = None,
    fps: FpsOption = 15,
    paused: PausedOption = False,
    marker: MarkerOption = MarkerChoice.braille,
    speed: SpeedOption = 1,
    lesson: LessonOption = None,
    pace: PaceOption = 1.0,
    once: OnceOption = False,
) -> None:
    """Serve the app (or the demo) to browsers: every tab gets its own app, with these options."""
    demo = what is ServeTarget.demo
    given = [
        name
        for name in (DEMO_ONLY if not demo else APP_ONLY)
        # By name: typer releases differ in whose click (their own copy or click) they use.
        if getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE"
    ]
    if given:
        options = ", ".join("--" + name for name in given)
        other = "l1l2-tui serve" if demo else "l1l2-tui serve demo"
        raise fail(f"{options}: only for `{other}`")
    if demo:
        run = lesson_run(ctx, run, read_lesson(lesson))
    start_session(run)  # reports bad data or options once, here, rather than in every tab
    from tui.serve import AppOptions, ServeError, serve

    options = AppOptions(run, demo, fps, paused, speed, marker.value, lesson, pace, once)
    try:
        serve(
            options,
            host=host,
            port=port,
            max_sessions=max_sessions,
            public_url=public_url,
            say=typer.echo,
            warn=lambda line: typer.echo(line, err=True),
        )
    except ServeError as exc:
        raise fail(str(exc)) from None


@app.command("screenshot")
@with_options
def screenshot_command(
    run: Annotated[RunConfig, run_options],
    out: Annotated[Path, typer.Option(help="Folder to write the SVG screenshots into.")] = Path(
        "screenshots"
    ),
    view: Annotated[
        list[ViewChoice] | None,
        typer.Option(help="Only these views besides the main screen (repeat it; default: all)."),
    ] = None,
) -> None:
    """Save SVG screenshots of the main screen and every view after a fixed scene."""
    if out.exists() and not out.is_dir():
        raise fail(f"{out}: is a file; --out takes a folder")
    if not out.exists() and not out.parent.is_dir():
        raise fail(f"{out.parent}: no such folder to make {out.name} in")
    start_session(run)  # reports bad data or options before anything is drawn
    from tui.screenshots import ScreenshotCrash, take_screenshots

    try:
        with interrupts_reported():
            views = tuple(VIEW_NAMES) if view is None else tuple(v.value for v in view)
            paths = take_screenshots(run, out, views)
    except OSError as exc:
        raise fail(f"{out}: cannot write the screenshots: {exc.strerror or exc}") from None
    except ScreenshotCrash as crash:
        from tui.crash_report import report_crash

        report_crash(crash.details)
        raise typer.Exit(1) from None
    with output_errors_reported():
        for path in paths:
            typer.echo(path)


@app.command("run")
@with_options
def run_command(
    run: Annotated[RunConfig, run_options],
    steps: Annotated[int, typer.Option(min=0, help="Steps to take at most.")] = 1000,
    tol: Annotated[
        float | None,
        typer.Option(
            callback=finite_positive,
            help="Stop once the proximal-gradient mapping norm is below this "
            f"(converged means below {DEFAULT_TOL:g} when not given).",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.json,
    every: Annotated[int, typer.Option(min=1, help="CSV: a row every K steps.")] = 1,
) -> None:
    """Train without the app and print the result (json) or the trajectory (csv)."""
    session = start_session(run)
    with interrupts_reported(), StderrProgress("running") as progress:
        if output is OutputFormat.csv:
            with output_errors_reported():
                write_trajectory(session, steps, tol, every, progress)
        else:
            run_steps(session, steps, tol, progress)
    if session.diverged is not None:
        raise fail(f"{session.diverged.message}; try a smaller --lr", code=1)
    if output is OutputFormat.json:
        with output_errors_reported():
            typer.echo(json.dumps(result_json(session, tol)))


@app.command("path")
@with_options
def path_command(
    problem: Annotated[ProblemSpec, problem_options],
    penalty: Annotated[PenaltyChoice, typer.Option(help="The penalty R(w).")] = PenaltyChoice.l1,
    l1_ratio: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, callback=not_nan, help="Elastic net: share of L1."),
    ] = 0.5,
    num: Annotated[int, typer.Option(min=2, max=10_000, help="How many lam values.")] = 100,
    lam_min_ratio: Annotated[
        float,
        typer.Option(callback=open_unit_interval, help="Smallest lam / lam_max, in (0, 1)."),
    ] = 1e-3,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.json,
) -> None:
    """Print the regularization path: the solution for each lam from lam_max down."""
    if penalty is PenaltyChoice.none:
        raise fail("a regularization path needs a penalty: l1, l2 or elasticnet")
    built = load_problem(problem)
    loss = loss_for(built)
    with interrupts_reported(), StderrProgress("solving the path") as solving:
        path = regularization_path(
            loss,
            penalty.value,
            l1_ratio,
            num,
            lam_min_ratio,
            on_point=lambda done, total: solving(done / total),
        )
    with output_errors_reported():
        write_path(path, built, loss, l1_ratio, output)
