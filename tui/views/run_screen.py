"""The base of every view: the keys that drive the shared run, its timer, the status line.

All views show the same session. Whether the run plays, and how many engine steps a frame
takes, is shared too (:class:`RunControl`), so switching views keeps the run going. Only the
view on screen has its timer running.

A key changes the run at once and asks for a redraw, which comes once the keys already waiting
are taken: a burst of keys draws the view once. Presses of one key that came together arrive as
one (:class:`~l1l2_tui.terminal.key_bursts.KeyPress`), and the step keys take every step that
arrived in one engine call.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key, Resize
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from l1l2_tui.engine import OPTIMIZERS, Run, Session, scaled_lam
from l1l2_tui.engine.lam_scale import LAM_STEP
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.terminal.key_bursts import KeyPress
from l1l2_tui.terminal.link import SLOW_LINK, LinkPacer
from l1l2_tui.terminal.partial_updates import CroppingCompositor
from l1l2_tui.views import MAIN
from l1l2_tui.views.frame_pacing import FramePacer
from l1l2_tui.widgets.key_bar import KeyBar, group_entry
from l1l2_tui.widgets.narration_line import NarrationLine
from l1l2_tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from l1l2_tui.lesson.player import Command, LessonPlayer, SceneStart

SETTING_ACTIONS = {
    "penalty": "penalty",
    "optimizer": "optimizer",
    "lam": "lam",
    "lr": "lr",
    "p": "p_dial",
}
"""The key action that changes each setting: a lesson's change passes the same check."""
LAM_FACTOR = LAM_STEP
LR_FACTOR = 1.5
MAX_SPEED = 10_000
P_STEP = 0.1
"""How far the p dial's keys move p; p stays on the grid of tenths, so p = 1 is hit exactly."""
P_KEYS = Binding.Group("p dial")
DIAL_POSITION = {"l1": 1.0, "l2": 2.0, "l0": 0.0}
"""Where the p dial starts from under these penalties (lp: its own p)."""
LESSON_ACTIONS = ("next_scene", "previous_scene", "restart_scene")
"""The app's actions for a lecturer's keys (``L1L2App``'s lesson bindings)."""
BATCH_SIZES = (1, 8, 32, 128)
"""The ``b`` key's minibatch sizes, then every row (the full gradient)."""
BURST_SECONDS = 0.1
"""The longest a burst of presses of one key (other than a step key) is taken for, press by
press: a few presses take microseconds, a held key's thousands could take seconds."""


CATCH_UP = 0.03
"""Seconds between looks at the link while what a frame left waits for room."""


@dataclass
class RunControl:
    """Play state shared by the views: playing or paused, engine steps per frame, frame cap,
    the lesson player when a demo drives the run, whether the app ends with the lesson, whether
    the plots over the steps show the whole run (or the run around the last settings change),
    the pacer that lowers the frame rate while the machine cannot keep up with ``fps``, how
    many tabs watch (``serve --follow``), and the pace of the terminal link."""

    running: bool = False
    speed: int = 1
    fps: int = 15
    player: LessonPlayer | None = None
    exit_at_lesson_end: bool = False
    whole_run: bool = False
    frame_timer: bool = True
    """False: no screen has a frame timer; the owner of the clock calls
    :meth:`RunScreen.play_frame` (``l1l2-tui record``, whose clock counts frames, not seconds,
    so the pacer, which reads the wall clock, is not consulted)."""
    pacer: FramePacer = field(init=False)
    viewers: int | None = None
    link: LinkPacer = field(default_factory=LinkPacer)
    scene_started: Callable[[SceneStart], None] | None = None
    """Called as a lesson reaches the start of a scene, before the scene plays: the app saves
    the state there, so that going back to the scene restores it."""
    pause_when_converged: bool = False
    flip_at: int | None = None
    """The opening of a plain launch: the run starts under L2 and flips to L1 at this step,
    as the ``l`` key would, so the first seconds show both; any settings change cancels it."""

    def __post_init__(self) -> None:
        self.pacer = FramePacer(self.fps)


class RunScreen(Screen[None]):
    """Subclasses compose their view in :meth:`compose_view` and draw it in :meth:`show`. A
    screen's ``name`` is its view's (:data:`l1l2_tui.views.VIEWS`, ``main`` for the main
    screen)."""

    class OpenView(Message):
        """Put the view ``view`` on screen: a lesson's scene asks the app, which owns the
        screens."""

        def __init__(self, view: str) -> None:
            super().__init__()
            self.view = view

    MIN_WIDTH: ClassVar[int] = 60
    MIN_HEIGHT: ClassVar[int] = 20
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = ()
    """The actions of this view's own keys, which the key bar shows first."""
    URGENT: ClassVar[str] = "StatusLine, NarrationLine"
    """The widgets where a key shows its effect: on a slow link a frame writes them first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_play", "Play/Pause", tooltip="Run or pause the descent"),
        Binding("n,right", "step", "Step", key_display="n", tooltip="One step (while paused)"),
        Binding("l", "flip", "L1↔L2", tooltip="Flip between L1 and L2 on the same run"),
        Binding("1", "penalty('l1')", "L1", show=False, tooltip="L1 penalty (lasso)"),
        Binding("2", "penalty('l2')", "L2", show=False, tooltip="L2 penalty (ridge)"),
        Binding("e", "penalty('elasticnet')", "Elastic net", show=False, tooltip="L1 and L2 mixed"),
        Binding("0", "penalty('none')", "No penalty", show=False, tooltip="Only the data loss"),
        Binding(
            "plus,equals_sign",
            f"lam({LAM_FACTOR})",
            "lam+",
            key_display="+",
            tooltip=f"lam x {LAM_FACTOR:g}",
        ),
        Binding(
            "minus",
            f"lam({1 / LAM_FACTOR})",
            "lam-",
            key_display="-",
            tooltip=f"lam / {LAM_FACTOR:g}",
        ),
        Binding(
            "right_square_bracket", "speed(2)", "faster", key_display="]", tooltip="Steps/frame x2"
        ),
        Binding(
            "left_square_bracket", "speed(0.5)", "slower", key_display="[", tooltip="Steps/frame /2"
        ),
        Binding("o", "optimizer", "Optimizer", tooltip=" -> ".join(OPTIMIZERS)),
        Binding(
            "comma",
            f"lr({1 / LR_FACTOR})",
            "lr-",
            key_display=",",
            show=False,
            tooltip="Step size / 1.5 (recovers a diverged run)",
        ),
        Binding(
            "full_stop", f"lr({LR_FACTOR})", "lr+", key_display=".", show=False, tooltip="lr x 1.5"
        ),
        Binding(
            "b",
            "batch",
            "Batch",
            show=False,
            tooltip="Minibatch rows of the stochastic optimizers: "
            + " -> ".join(map(str, BATCH_SIZES))
            + " -> every row",
        ),
        Binding("r", "reset", "Reset", tooltip="w = 0, step 0, same settings and step size"),
        Binding(
            "3",
            f"p_dial(-{P_STEP})",
            "p-",
            group=P_KEYS,
            tooltip=f"p − {P_STEP:g} on lam·sum |w|^p (below {P_STEP:g}: L0, the nonzeros' count)",
        ),
        Binding("4", f"p_dial({P_STEP})", "p+", group=P_KEYS, tooltip=f"p + {P_STEP:g} (up to 2)"),
        Binding(
            "vertical_line",
            "p_snap(1.0)",
            "p=1",
            key_display="|",
            group=P_KEYS,
            tooltip="p = 1 exactly: L1, where the corner and the dead zone appear",
        ),
        Binding(
            "backslash",
            "p_snap(2.0)",
            "p=2",
            key_display="\\",
            group=P_KEYS,
            tooltip="p = 2 exactly: L2",
        ),
    ]

    def __init__(
        self,
        session: Session,
        control: RunControl,
        marker: LineMarker = "braille",
        name: str | None = None,
    ) -> None:
        super().__init__(name=name)
        # Frames where a few cells change stay a few hundred bytes over SSH.
        self._compositor = CroppingCompositor()
        self.session = session
        """The session the status line and the view's own panels read."""
        self.run: Run = session
        """What the keys drive: the session, or two runs side by side."""
        self.control = control
        self.marker = marker
        self._compositor.on_leave = self._left_for_later
        self._timer: Timer | None = None
        self._ticking = False
        self._drawn: object = None
        self._catch_up: Timer | None = None
        self._caption = ""
        self._lesson_line = ""
        self._converged: tuple[tuple[int, int], int] | None = None
        self.leaving = False
        """A lesson asked the app for another view, which is not up yet: no frame plays here
        until it is."""
        self._redraw_due = False
        self._force_due = False

    # -- what a view provides ------------------------------------------------------------
    def compose_view(self) -> ComposeResult:
        """The view's own widgets, above the status and narration lines."""
        yield from ()

    def show(self) -> None:
        """Hand the session to the view's widgets; called when the run changed."""

    def narration(self) -> str:
        """A short caption of what is happening right now, in this view's terms."""
        return ""

    def advance(self, steps: int) -> None:
        """Take ``steps`` engine steps."""
        self.run.step(steps)

    @property
    def diverged(self) -> bool:
        """Whether the run diverged (and so waits for a smaller lr)."""
        return self.run.diverged is not None

    def run_state(self) -> object:
        """Changes whenever what the view shows may have changed."""
        run = self.run
        return (id(run), run.step_count, run.event_count, run.settings)

    # -- the frame -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="body"):
            yield from self.compose_view()
            yield StatusLine(id="status")
            yield NarrationLine(id="narration")
            if self.control.player is not None:
                yield Static(id="lesson-line", markup=False)
        # A lecturer's keys come first while a lesson plays.
        lesson = LESSON_ACTIONS if self.control.player is not None else ()
        leading = (*lesson, *self.OWN_ACTIONS)
        yield KeyBar(leading=leading, pinned=(group_entry("Views"), "help", "quit"))

    def on_mount(self) -> None:
        if self.control.frame_timer:
            self._timer = self.set_interval(self.control.pacer.interval, self._tick, pause=True)
        player = self.control.player
        if player is not None:
            for command in player.set_up(self.name or MAIN):
                self.perform(command)
        self.redraw(force=True)

    def on_screen_resume(self) -> None:
        self.leaving = False
        self._sync_timer()
        self.request_redraw(force=True)
        self.refresh_bindings()
        self.play_skipped()

    def play_skipped(self) -> None:
        """Play at once what the lecturer skipped of a scene (a scene that opens another view
        goes on there, when that view comes up)."""
        player = self.control.player
        if player is not None and player.skipping:
            self._tick()

    def on_screen_suspend(self) -> None:
        self.leaving = False
        if self._timer is not None:
            self._timer.pause()
            self._ticking = False

    def on_resize(self, event: Resize) -> None:
        small = event.size.width < self.MIN_WIDTH or event.size.height < self.MIN_HEIGHT
        if small and not self.query("#too-small"):
            # Built the first time it is needed: most runs never see it.
            notice = f"terminal too small (need {self.MIN_WIDTH}x{self.MIN_HEIGHT})"
            self.mount(Static(notice, id="too-small", markup=False), before=self.query_one(KeyBar))
        self.set_class(small, "too-small")

    @property
    def resting(self) -> bool:
        """Whether frames would show nothing new: the run has converged (a step changes nothing
        to see) and no lesson is playing. A resting run takes no steps and draws no frames
        until something changes it."""
        player = self.control.player
        if player is not None and player.waiting:
            return True
        opening = self.control.flip_at is not None
        return (player is None or player.finished) and not opening and self.run.converged

    def _sync_timer(self) -> None:
        """Tick while the run plays and is not resting, on screen."""
        if self._timer is None:
            return
        ticking = self.control.running and self.is_active and not self.resting
        if ticking and not self._ticking:
            self.control.pacer.restart()
            self._timer.resume()
        elif not ticking:
            self._timer.pause()
        self._ticking = ticking

    def _follow_pacer(self) -> None:
        """Tick at the pacer's rate from now on."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_interval(self.control.pacer.interval, self._tick)

    def set_running(self, running: bool) -> None:
        self.control.running = running
        self._sync_timer()
        self.request_redraw()
        self.refresh_bindings()

    def play_frame(self) -> None:
        """One frame as the frame timer plays it: nothing unless the run is playing and not
        resting."""
        if self.control.running and not self.resting:
            self._tick()

    def _tick(self) -> None:
        if not self.is_active or self.leaving:
            # Leaving a view, Textual resumes the next screen before it suspends this one; a
            # tick in between would play the next lesson frame on a screen nobody sees.
            return
        if self._timer is not None and self.control.pacer.tick():
            self._follow_pacer()
        player = self.control.player
        if player is None:
            self._play_opening()
        else:
            commands = player.frame(self.control.speed)
            if player.finished:
                self.set_running(False)
                if self.control.exit_at_lesson_end:
                    self.app.exit()
                    return
            for command in commands:
                if not self.perform(command):
                    return  # another view is on screen now
        if self.diverged or (self.control.pause_when_converged and self.resting):
            self.set_running(False)
        # A frame the link has no room for is dropped, not queued: the next one shows the run
        # as it is then.
        if self.control.link.frame_due():
            self.redraw()

    def request_redraw(self, force: bool = False) -> None:
        """Redraw once the messages already waiting are taken, so that a burst of keys draws
        once (``force``: the view too, changed or not)."""
        self._force_due = self._force_due or force
        if not self._redraw_due:
            self._redraw_due = True
            self.call_later(self._redraw_if_due)

    def _redraw_if_due(self) -> None:
        if self._redraw_due and self.is_attached:  # not once the app is exiting
            self.redraw()

    def _play_opening(self) -> None:
        """A frame of the run; at the opening's step, the flip from L2 to L1."""
        flip_at = self.control.flip_at
        if flip_at is None or self.run.settings.penalty != "l2":
            self.advance(self.control.speed)
            return
        self.advance(max(0, min(self.control.speed, flip_at - self.run.step_count)))
        if self.run.step_count >= flip_at:
            self.change(penalty="l1")

    def redraw(self, force: bool = False) -> None:
        """Show the run; the view only when the run changed since it was last drawn (or a
        forced redraw is due). Starts or stops the frames as the run now needs them."""
        force = force or self._force_due
        self._redraw_due = self._force_due = False
        self._sync_timer()
        self._follow_link()
        self.query_one(StatusLine).show(
            self.session, self.control.running, self.control.speed, self._status_note()
        )
        state = self.run_state()
        changed = force or state != self._drawn
        # A lesson's caption changes with its scenes, paused or not; the live caption with the run
        # (or when a scene hands the line back to it).
        caption = self.control.player.caption if self.control.player is not None else ""
        if caption:
            self.query_one(NarrationLine).say(f"► {caption}")
        elif changed or caption != self._caption:
            self.query_one(NarrationLine).say(self.narration())
        self._caption = caption
        if self.control.player is not None:
            self._show_lesson_line()
        if not changed:
            return
        self._drawn = state
        self.show()

    def _show_lesson_line(self) -> None:
        """The lesson's title, the scene playing and what the lecturer's keys do now; the title
        gives way first when the line is too narrow."""
        player = self.control.player
        assert player is not None
        keys = "PgDn/> next  PgUp/< back  Home again"
        if player.waiting:
            keys = "waiting: PgDn or > for the next scene"
        elif player.finished:
            keys = "the end: PgUp/< back"
        tail = f"  ·  scene {player.scene + 1}/{player.scene_count}  ·  {keys}"
        line = self.query_one("#lesson-line", Static)
        room = max(line.size.width - 2, 0) or 10_000  # before the first layout: all of it
        title = player.lesson.title
        if len(title) + len(tail) > room:
            title = title[: max(room - len(tail) - 1, 0)] + "…"
        text = title + tail
        if text != self._lesson_line:
            self._lesson_line = text
            line.update(Text(text, no_wrap=True, overflow="ellipsis", end=""))

    def _status_note(self) -> str:
        """What the status line says besides the run: that a playing run rests, or that the
        machine is too busy for the frame rate asked for; how many tabs watch a lecture."""
        notes = []
        pacer = self.control.pacer
        if self.run.converged:
            notes.append(f"converged at step {self.converged_at()}")
        elif self.control.running and pacer.slowed:
            notes.append(f"{pacer.rate}/{pacer.fps} fps: busy")
        if self.control.viewers is not None:
            notes.append(f"{self.control.viewers} watching")
        return "  ".join(notes)

    # -- the link --------------------------------------------------------------------------
    def _follow_link(self) -> None:
        """Fit the frames to the link (see :mod:`l1l2_tui.terminal.link`): on a slow one a frame
        writes at most the link's budget, the status line and caption first, and the widgets
        send less (:data:`SLOW_LINK`)."""
        link = self.control.link
        compositor = self._compositor
        compositor.budget = link.frame_budget
        compositor.urgent = [widget.region for widget in self.query(self.URGENT)]
        if link.slow != self.has_class(SLOW_LINK):
            self.set_class(link.slow, SLOW_LINK)
            self._drawn = None  # drawn anew, trimmed or not

    def _left_for_later(self) -> None:
        """A frame's budget ran out: write the rest as the link has room."""
        if self._catch_up is None:
            self._catch_up = self.set_timer(CATCH_UP, self._write_what_was_left)

    def _write_what_was_left(self) -> None:
        self._catch_up = None
        waiting = self._compositor.waiting
        if not waiting or not self.is_active:
            return
        if self.control.link.frame_due():
            self.refresh(*waiting)
        self._catch_up = self.set_timer(CATCH_UP, self._write_what_was_left)

    def converged_at(self) -> int:
        """The step at which the run (converged now) was first drawn converged, since its last
        reset, settings change or event: a converged run rests, but a lesson, or the ``n`` key,
        may step it on, changing nothing."""
        key = (id(self.run), self.run.event_count)
        if self._converged is None or self._converged[0] != key:
            self._converged = (key, self.run.step_count)
        return self._converged[1]

    def perform(self, command: Command) -> bool:
        """Carry out a lesson's command as the keys would, with their checks; False once
        another view is on screen."""
        # Imported here: only a demo plays lessons, and start-up is faster without them.
        from l1l2_tui.lesson.model import Change, LamRatio, Reset, View, ViewState
        from l1l2_tui.lesson.player import Advance, SceneStart

        match command:
            case Advance():
                if not self.diverged:
                    self.advance(command.steps)
            case Change():
                self.lesson_change(command.changes())
            case LamRatio():
                from l1l2_tui.engine.path import lam_max
                from l1l2_tui.engine.penalties import L1

                top = lam_max(self.session.loss, L1(1.0))
                self.lesson_change({"lam": float(f"{command.ratio * top:.4g}")})
            case ViewState():
                refusal = self.set_view_state(command.key, command.value)
                if refusal:
                    self.notify(refusal, severity="warning", markup=False)
            case SceneStart():
                if self.control.scene_started is not None:
                    self.control.scene_started(command)
            case Reset():
                self.action_reset()
            case View():
                if command.name != self.name:
                    self.leaving = True
                    self.post_message(self.OpenView(command.name))
                    return False
        return True

    def lesson_change(self, changes: dict[str, object]) -> None:
        """A lesson's settings change, with the checks of the keys that change them."""
        allowed = {
            name: value
            for name, value in changes.items()
            if self.check_action(SETTING_ACTIONS.get(name, name), ()) is not False
        }
        refused = sorted(set(changes) - set(allowed))
        if refused:
            self.notify(f"this view keeps its own {', '.join(refused)}")
        if allowed:
            self.change(**allowed)

    # -- a view's own state, which a lesson's scene sets and restores ----------------------
    def set_view_state(self, key: str, value: object) -> str:
        """Set ``key`` of what the view shows (a lesson's ``pair``, ``weight``, ``units`` or
        ``compare``) as its keys would; returns why not, or ``""``."""
        return f"the {self.name} view has no {key}"

    def view_state(self) -> object:
        """What the view shows besides the run (its pair, weight...), for a lesson to restore."""
        return None

    def restore_view_state(self, state: object) -> None:
        """Put back a :meth:`view_state`; ``None``: as the view first opens."""

    # -- actions ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            return not self.control.running and not self.diverged
        if action == "toggle_play":
            return not self.diverged or self.control.running
        return True

    def action_toggle_play(self) -> None:
        self.set_running(not self.control.running)

    async def on_key(self, event: Key) -> None:
        """Presses of one of this screen's keys that came together: each counts, and the steps
        are taken in one engine call. (The app's own keys, which open a view or the help, save
        a screenshot or quit, act once for such a burst.)"""
        if not isinstance(event, KeyPress) or event.count == 1:
            return
        bound = self.active_bindings.get(event.key)
        if bound is None or bound.node is not self:
            return
        event.stop()
        if bound.binding.action == "step":
            if self.check_action("step", ()):
                self.action_step(event.count)
            return
        deadline = time.monotonic() + BURST_SECONDS
        for _ in range(event.count):
            await self.app.run_action(bound.binding.action, self)
            if time.monotonic() > deadline:
                break  # a held key the app cannot keep up with: the rest are dropped

    def action_step(self, steps: int = 1) -> None:
        if not self.control.running:
            self.advance(steps)
            self.request_redraw()
            if self.diverged:
                self.refresh_bindings()  # stepping and playing are no longer possible

    def action_flip(self) -> None:
        self.change(penalty="l2" if self.session.settings.penalty == "l1" else "l1")

    def action_penalty(self, penalty: str) -> None:
        self.change(penalty=penalty)

    def action_p_dial(self, step: float) -> None:
        """Move p by ``step`` on ``lam·sum |w|^p``, from where the penalty is (L1 is p = 1, L2
        p = 2, L0 p = 0); below the smallest step lies L0, above 2 nothing."""
        settings = self.run.settings
        p = DIAL_POSITION.get(settings.penalty, settings.p)
        moved = min(2.0, round(p + step, 1))
        if moved < P_STEP:
            self.change(penalty="l0")
        else:
            self.change(penalty="lp", p=moved)

    def action_p_snap(self, p: float) -> None:
        self.change(penalty="lp", p=p)

    def action_lam(self, factor: float) -> None:
        lam = scaled_lam(self.run.settings.lam or 0.0, factor, self.session.problem)
        if lam is not None:
            self.change(lam=lam)

    def action_lr(self, factor: float) -> None:
        lr = float(f"{self.session.lr * factor:.4g}")
        if 0.0 < lr < math.inf:  # a held key stops at the ends of the floats, with no error a press
            self.change(lr=lr)

    def action_speed(self, factor: float) -> None:
        self.control.speed = max(1, min(MAX_SPEED, round(self.control.speed * factor)))
        self.request_redraw()

    def action_optimizer(self) -> None:
        names = list(OPTIMIZERS)
        current = names.index(self.run.settings.optimizer)
        self.change(optimizer=names[(current + 1) % len(names)])

    def action_batch(self) -> None:
        rows = self.session.problem.n_samples
        sizes = [size for size in BATCH_SIZES if size < rows] + [rows]
        current = min(self.run.settings.batch, rows)
        self.change(batch=next((size for size in sizes if size > current), sizes[0]))

    def action_reset(self) -> None:
        self.run.reset()
        self.request_redraw(force=True)
        self.refresh_bindings()

    def change(self, **settings: object) -> None:
        """Apply a settings change to the running session: weights and step are kept."""
        self.control.flip_at = None
        diverged, marked = self.diverged, bool(self.session.markers)
        try:
            self.run.update(**settings)
        except ValueError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.request_redraw()
        if self.diverged != diverged or bool(self.session.markers) != marked:
            # A smaller lr recovers a diverged run: stepping and playing are possible again; the
            # first settings change gives the plots over the steps a window to toggle. (Otherwise
            # the keys stay as they were, and the key bar is not rebuilt a key.)
            self.refresh_bindings()
