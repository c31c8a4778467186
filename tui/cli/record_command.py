"""``record``: the app or a lesson played headless on a frame clock, as an asciicast (and a
GIF)."""

from __future__ import annotations

import signal
import stat
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from l1l2_tui.cli.errors import fail, interrupts_reported, output_errors_reported
from l1l2_tui.cli.lesson_choice import lesson_run, read_lesson
from l1l2_tui.cli.options import (
    FpsOption,
    LessonOption,
    MarkerChoice,
    MarkerOption,
    OnceOption,
    PausedOption,
    SpeedOption,
    run_options,
    with_options,
)
from l1l2_tui.cli.progress import StderrProgress
from l1l2_tui.cli.sessions import start_session
from l1l2_tui.config import AppConfig, RunConfig

if TYPE_CHECKING:
    from l1l2_tui.engine import Session
    from l1l2_tui.record.recorder import Recording

RECORDING = "Recording"
COLUMNS, ROWS = (20, 400), (8, 200)
LIVE_SECONDS = 10.0
"""How long a recording of the live app lasts when ``--seconds`` is not given."""
MAX_SECONDS = 3600.0


class ColorChoice(StrEnum):
    truecolor = "truecolor"
    colors_256 = "256"


def terminal_size(value: str) -> tuple[int, int]:
    """``"120x40"`` as ``(120, 40)``: columns by rows; :class:`typer.BadParameter` if it is not
    a size or out of range."""
    cols, x, rows = value.lower().partition("x")
    if not (x and cols.strip().isdigit() and rows.strip().isdigit()):
        raise typer.BadParameter(f"{value!r} is not COLUMNSxROWS, e.g. 120x40")
    size = int(cols), int(rows)
    if not (COLUMNS[0] <= size[0] <= COLUMNS[1] and ROWS[0] <= size[1] <= ROWS[1]):
        raise typer.BadParameter(
            f"{value!r} is outside {COLUMNS[0]}-{COLUMNS[1]} columns by {ROWS[0]}-{ROWS[1]} rows"
        )
    return size


def size_callback(value: str) -> str:
    """Typer callback: the option must be a terminal size the app can be recorded at."""
    terminal_size(value)
    return value


def positive_seconds(value: float | None) -> float | None:
    """Typer callback: a number of seconds greater than 0 and at most an hour."""
    if value is not None and not 0 < value <= MAX_SECONDS:
        raise typer.BadParameter(f"{value} is not greater than 0 and at most {MAX_SECONDS:g}.")
    return value


@with_options
def record_command(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(metavar="OUT.cast", help="The asciicast file to write.")],
    run: Annotated[RunConfig, run_options],
    lesson: LessonOption = None,
    once: OnceOption = False,
    seconds: Annotated[
        float | None,
        typer.Option(
            callback=positive_seconds,
            help=f"How long to record (default: {LIVE_SECONDS:g} for the app; a lesson plays "
            "once).",
            rich_help_panel=RECORDING,
        ),
    ] = None,
    size: Annotated[
        str,
        typer.Option(
            metavar="COLSxROWS",
            callback=size_callback,
            help="The terminal's size.",
            rich_help_panel=RECORDING,
        ),
    ] = "120x40",
    keys: Annotated[
        str | None,
        typer.Option(
            metavar="KEY@TIME ...",
            help='Keys to press and when, e.g. "l@3s c@6s" (a key name such as space or '
            "escape, or the character it types).",
            rich_help_panel=RECORDING,
        ),
    ] = None,
    colors: Annotated[
        ColorChoice,
        typer.Option(
            help="Colours as 24-bit RGB, or the nearest of 256 for players that need it.",
            rich_help_panel=RECORDING,
        ),
    ] = ColorChoice.truecolor,
    gif: Annotated[
        Path | None,
        typer.Option(
            metavar="OUT.gif",
            help="Also write a GIF for slides (needs the record extra's agg).",
            rich_help_panel=RECORDING,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace output files that exist.", rich_help_panel=RECORDING),
    ] = False,
    fps: FpsOption = 15,
    paused: PausedOption = False,
    marker: MarkerOption = MarkerChoice.braille,
    speed: SpeedOption = 1,
) -> None:
    """Record the app, or a lesson, as an asciicast (and a GIF), in seconds and the same bytes
    every time: the clock is the app's frame counter."""
    if once and seconds is not None:
        raise fail("--once and --seconds: give one of them")
    for path in (out, gif):
        if path is not None:
            check_output(path, force)
    if gif is not None and gif.resolve() == out.resolve():
        raise fail(f"{gif}: the GIF and the cast cannot be the same file")
    from l1l2_tui.record.gif import GifError, find_agg
    from l1l2_tui.record.key_script import KeyScriptError, parse_key_script
    from l1l2_tui.record.recorder import Recording

    try:
        agg = find_agg() if gif is not None else None
    except GifError as exc:
        raise fail(str(exc)) from None
    try:
        script = parse_key_script(keys or "", fps)
    except KeyScriptError as exc:
        raise fail(f"--keys: {exc}") from None
    story = read_lesson(lesson) if lesson is not None or once else None
    play_once = story is not None and seconds is None
    last_frame = None if play_once else round((seconds or LIVE_SECONDS) * fps)
    if last_frame is not None and script and max(script) > last_frame:
        raise fail(f"--keys: a key comes after the recording's end at {last_frame / fps:g}s")
    if story is not None:
        run = lesson_run(ctx, run, story)
    session = start_session(run)
    config = AppConfig(run, fps, speed, marker.value, not paused, story, once=play_once)
    recording = Recording(config, terminal_size(size), last_frame, script, colors.value)
    write_cast(out, recording, session, "l1l2-tui" + (f": {story.title}" if story else ""))
    if gif is not None and agg is not None:
        write_gif(agg, out, gif)
    with output_errors_reported():
        for path in (out, gif):
            if path is not None:
                typer.echo(path)


def check_output(path: Path, force: bool) -> None:
    """Refuse an output path that is a folder, whose folder does not exist, that is something
    other than a file or a link (a device, a pipe), or (without ``--force``) that exists."""
    if path.is_dir():
        raise fail(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise fail(f"{path.parent}: no such folder to write {path.name} in")
    if not (path.exists() or path.is_symlink()):
        return
    if not (path.is_symlink() or stat.S_ISREG(path.stat().st_mode)):
        raise fail(f"{path}: is not a regular file; give a file name")
    if not force:
        raise fail(f"{path}: exists; --force replaces it")


def write_cast(out: Path, recording: Recording, session: Session, title: str) -> None:
    """Record into ``out``, with progress on stderr; every failure ends the command in one line."""
    from l1l2_tui.record.asciicast import AsciicastWriter
    from l1l2_tui.record.key_script import KeyScriptError
    from l1l2_tui.record.recorder import (
        RecordingCrash,
        RecordingStopped,
        expected_frames,
        record,
    )
    from l1l2_tui.record.safe_write import safe_write

    frames = expected_frames(recording)
    try:
        with (
            interrupts_reported(),
            StderrProgress(f"recording {out}") as progress,
            safe_write(out) as temporary,
            temporary.open("w", encoding="utf-8") as stream,
        ):
            writer = AsciicastWriter(stream, recording.config.fps)
            writer.write_header(*recording.size, title)
            ended = record(recording, session, writer.write_frame, lambda k: progress(k / frames))
            writer.finish(ended)
    except KeyScriptError as exc:
        raise fail(f"--keys: {exc}") from None
    except RecordingStopped as stop:
        words = "interrupted" if stop.signum == signal.SIGINT else "terminated"
        raise fail(words, code=128 + stop.signum) from None
    except OSError as exc:
        raise fail(f"{out}: cannot write the cast: {exc.strerror or exc}", code=1) from None
    except RecordingCrash as crash:
        from l1l2_tui.crash_report import report_crash

        report_crash(crash.details)
        raise typer.Exit(1) from None


def write_gif(agg: str, cast: Path, gif: Path) -> None:
    """Make ``gif`` from ``cast`` with agg; a failure ends the command in one line."""
    from l1l2_tui.record.gif import GifError, make_gif
    from l1l2_tui.record.safe_write import safe_write

    try:
        with (
            interrupts_reported(),
            StderrProgress(f"writing {gif}") as progress,
            safe_write(gif) as temporary,
        ):
            make_gif(agg, cast, temporary, progress)
    except GifError as exc:
        raise fail(str(exc), code=1) from None
    except OSError as exc:
        raise fail(f"{gif}: cannot write the GIF: {exc.strerror or exc}", code=1) from None
