"""``record``: the app on a frame clock, written as an asciicast that replays to the app's own
screens, the same bytes every time."""

from __future__ import annotations

import io

import pyte
import pytest
from apps import build_app
from casts import cast_events, gif_frames, replay, svg_text

from l1l2_tui.config import AppConfig, RunConfig
from l1l2_tui.engine import ProblemSpec
from l1l2_tui.lesson import Caption, Change, Lesson, Pause, Run, View
from l1l2_tui.record.asciicast import AsciicastWriter
from l1l2_tui.record.gif import find_agg, make_gif
from l1l2_tui.record.key_script import KeyScriptError, parse_key_script
from l1l2_tui.record.recorder import Recording, record, record_async

FPS = 15
SMALL = (80, 24)


def cast_of(recording: Recording, run: RunConfig | None = None) -> str:
    """The cast ``recording`` writes, as text."""
    stream = io.StringIO()
    writer = AsciicastWriter(stream, recording.config.fps)
    writer.write_header(*recording.size, "test")
    session = (run or recording.config.run).build_session()
    writer.finish(record(recording, session, writer.write_frame))
    return stream.getvalue()


def live(run: RunConfig, last_frame: int, keys: str = "", size=SMALL, **options) -> Recording:
    config = AppConfig(run, FPS, **options)
    return Recording(config, size, last_frame, parse_key_script(keys, FPS))


def status(screen) -> str:
    """The status line (``L1   ▶ playing  lam ...  step 30 ...``) of a replayed screen."""
    return next(line for line in screen.display if " lam " in line and " step " in line)


TOUR = Lesson(
    "A tour of the views",
    (
        Change(penalty="l2"),
        Caption("L2 first"),
        Run(8),
        Change(penalty="l1"),
        Run(8),
        View("geometry"),
        Run(4),
        View("path"),
        Pause(3),
        View("compare"),
        Run(4),
        View("main"),
        Pause(2),
    ),
)


def test_two_recordings_of_a_lesson_through_every_kind_of_view_are_byte_identical():
    recording = Recording(AppConfig(RunConfig(), FPS, lesson=TOUR, once=True), SMALL)
    first, second = cast_of(recording), cast_of(recording)
    assert first == second
    header, events = cast_events(first)
    assert header == {"version": 2, "width": 80, "height": 24, "title": "test"}
    assert all(code == "o" for _, code, _ in events)
    # Each frame at frame / fps; the lesson's frames, then the one on which it ends the app.
    assert events[-1][0] == pytest.approx((TOUR.total_frames() + 1) / FPS, abs=1e-6)
    times = [seconds for seconds, _, _ in events]
    assert times == sorted(times) and all(round(t * FPS, 4).is_integer() for t in times)
    # Some frames change nothing and write nothing (the path view's pause).
    assert len(events) < TOUR.total_frames()


def test_the_live_app_with_keys_is_the_same_bytes_every_time():
    recording = live(RunConfig.of(penalty="l2"), 45, "l@1s w@2s escape@2.5s ?@2.7s")
    assert cast_of(recording) == cast_of(recording)


async def test_the_replayed_cast_shows_the_apps_own_screen_at_the_same_step():
    """Under L2, flipped to L1 at step 30, paused at step 60 (`screenshot`'s scene, shorter);
    the app beside it plays the same frames through its frame timer's own tick, and is shot as
    an SVG."""
    run = RunConfig.of(penalty="l2")
    stream = io.StringIO()
    writer = AsciicastWriter(stream, FPS)
    writer.write_header(*SMALL, "test")
    await record_async(live(run, 60, "l@2s space@4s"), run.build_session(), writer.write_frame)
    played = replay(stream.getvalue())
    app = build_app(penalty="l2")
    async with app.run_test(size=SMALL) as pilot:
        for frame in range(1, 61):
            app.screen._tick()
            if frame == 30:
                await pilot.press("l")
            await pilot.pause(0)
        await pilot.pause()
        assert app.session.step_count == 60
        own = svg_text(app.export_screenshot(), *SMALL)
    assert "step 60" in status(played) and "paused" in status(played)
    assert [line.rstrip() for line in played.display] == [line.rstrip() for line in own]


def test_each_frame_replays_to_the_screen_the_recorder_saw(monkeypatch):
    """The changed cells alone, frame after frame, rebuild every frame whole."""
    from l1l2_tui.record import recorder

    seen: list[list[str]] = []
    taken = recorder.screen_lines

    def remembering(app):
        lines = taken(app)
        seen.append(["".join(segment.text for segment in line) for line in lines])
        return lines

    monkeypatch.setattr(recorder, "screen_lines", remembering)
    text = cast_of(live(RunConfig.of(penalty="l2"), 40, "l@1s c@1.5s"))
    header, events = cast_events(text)
    screen = pyte.Screen(header["width"], header["height"])
    stream = pyte.Stream(screen)
    for frame, lines in enumerate(seen):
        while events and events[0][0] <= frame / FPS + 1e-6:
            stream.feed(events.pop(0)[2])
        assert screen.display == lines, f"frame {frame}"


def test_a_key_takes_effect_on_its_frame():
    text = cast_of(live(RunConfig.of(penalty="l2"), 75, "l@2s g@3s space@4s"))
    before, flipped = replay(text, 29 / FPS), replay(text, 30 / FPS)
    assert status(before).lstrip().startswith("L2") and "step 29" in status(before)
    assert status(flipped).lstrip().startswith("L1") and "step 30" in status(flipped)
    assert "Geometry" not in replay(text, 44 / FPS).display[0]
    assert "Geometry" in replay(text, 45 / FPS).display[0]
    held, end = replay(text, 60 / FPS), replay(text, 75 / FPS)
    assert "step 60" in status(held) and "paused" in status(held)
    assert end.display == held.display, "paused at frame 60: nothing moves after"
    assert cast_events(text)[1][-1] == (75 / FPS, "o", ""), "the cast lasts to its last frame"


def test_a_notification_stays_up_for_its_timeout_in_frames():
    """With one feature the geometry view refuses to open and says so, for 5 s of frames."""
    run = RunConfig(ProblemSpec(features=1, informative=1))
    text = cast_of(live(run, 120, "g@1s"))

    def shown(frame: int) -> bool:
        return any("needs at least two" in line for line in replay(text, frame / FPS).display)

    assert not shown(14) and shown(15) and shown(89) and not shown(90)


def test_the_256_colour_cast_has_no_24_bit_colour():
    recording = live(RunConfig(), 5)
    truecolor = cast_of(recording)
    eight_bit = cast_of(Recording(recording.config, SMALL, 5, {}, "256"))
    assert "38;2;" in truecolor and "48;2;" in truecolor
    assert "38;2;" not in eight_bit and "48;2;" not in eight_bit and "48;5;" in eight_bit
    assert replay(truecolor).display == replay(eight_bit).display


def test_keys_the_app_does_not_take_or_a_recording_leaves_out_are_refused():
    for keys, problem in [
        ("x@1s", "'x' is not a key of the app"),
        ("s@1s", "'s' is not pressed in a recording"),
        ("ctrl+p@1s", "command palette"),
    ]:
        with pytest.raises(KeyScriptError, match=problem):
            cast_of(live(RunConfig(), 30, keys))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("l3s", "not KEY@TIME"),
        ("@3s", "not KEY@TIME"),
        ("l@", "not a time"),
        ("l@-1s", "not a time"),
        ("l@nans", "not a time"),
        ("l@3m", "not a time"),
    ],
)
def test_a_key_script_that_cannot_be_read_says_which_item(text, problem):
    with pytest.raises(KeyScriptError, match=problem):
        parse_key_script(text, FPS)


def test_a_key_script_gives_each_key_its_frame_in_order():
    script = parse_key_script("l@3s  ?@2.5 escape@2.5s @@1s", 15)
    assert script == {15: ("@",), 38: ("?", "escape"), 45: ("l",)}


def test_the_gif_has_a_frame_for_each_frame_that_changed(tmp_path):
    """Two seconds of the live app, paused after one: frames 0 to 15 each move the run, the
    rest change nothing."""
    text = cast_of(live(RunConfig(), 30, "space@1s", size=(60, 20)))
    changed = [event for event in cast_events(text)[1] if event[2]]
    assert len(changed) == 16
    cast, gif = tmp_path / "run.cast", tmp_path / "run.gif"
    cast.write_text(text, encoding="utf-8")
    make_gif(find_agg(), cast, gif)
    assert gif_frames(gif.read_bytes()) == 16
