"""Every key of the main screen, driven through Textual's Pilot on a seeded problem."""

from __future__ import annotations

import numpy as np
import pytest
from apps import build_app, paused_app, until

from l1l2_tui.config import RunConfig
from l1l2_tui.engine import OPTIMIZERS, ProblemSpec
from l1l2_tui.engine.claims.main import jitter_claims
from l1l2_tui.views.help import HelpScreen
from l1l2_tui.views.main.screen import MainScreen
from l1l2_tui.views.main.weight_bars import WeightBars
from l1l2_tui.widgets.narration_line import NarrationLine
from l1l2_tui.widgets.status_line import StatusLine, status_text


def status(app) -> str:
    return str(app.screen.query_one(StatusLine).render())


async def test_status_line_has_the_tokens_scripts_read():
    app = paused_app(lam=0.25)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "n")
        text = status(app)
        session = app.session
    for token in ("L1", "lam 0.25", f"lr {session.lr:.3g}", "proximal", "step 3", "paused"):
        assert token in text
    assert f"zeros {session.zeros}/10" in text
    assert "objective" in text


@pytest.mark.parametrize("optimizer", ["proximal", "subgradient", "fista", "sgd-cumulative"])
@pytest.mark.parametrize("playing", [False, True])
def test_status_text_keeps_every_token_within_80_columns(optimizer: str, playing: bool):
    session = RunConfig.of(optimizer=optimizer).build_session()
    session.step(12_345)
    text = status_text(session, playing, 4096, 80).plain
    assert len(text) <= 80
    tokens = ["L1", "lam ", "lr ", optimizer, "step 12345", "zeros "]
    # A minibatch run's name, batch and epoch leave no room for the objective at 80 columns.
    tokens += ["batch 32", "epoch "] if optimizer.startswith("sgd") else ["objective "]
    for token in tokens[:-2] if optimizer.startswith("sgd") else tokens:
        assert token in text
    if optimizer.startswith("sgd"):
        assert all(token in status_text(session, playing, 4096, 120).plain for token in tokens)
    assert ("playing" if playing else "paused") in text
    wide = status_text(session, playing, 4096, 120).plain
    assert ("speed 4096/frame" in wide) != optimizer.startswith("sgd")  # the key bar has it too


def test_status_text_never_wraps_and_says_a_divergence_first():
    session = RunConfig.of(
        penalty="elasticnet", optimizer="subgradient", lam=1.23e-4
    ).build_session()
    session.step(12_345)
    cut = status_text(session, True, 4096, 60)
    assert len(cut.plain) == 60
    assert cut.plain.endswith("…")
    assert "\n" not in cut.plain
    assert "l1_ratio 0.5" in status_text(session, True, 4096, 200).plain

    diverged = RunConfig.of(lr=100.0).build_session()
    diverged.step(50)
    assert diverged.diverged is not None
    for width in (60, 80, 120):
        text = status_text(diverged, False, 1, width)
        hint = f"diverged at step {diverged.diverged.step}: ','"
        assert hint in text.plain
        start = text.plain.index(hint)
        assert any(s.start <= start < s.end and "red" in str(s.style) for s in text.spans)
    past_lam_max = RunConfig.of(lam=1e6, optimizer="subgradient").build_session()
    past_lam_max.step(50)
    text = status_text(past_lam_max, False, 1, 120).plain
    assert f"diverged at step {past_lam_max.diverged.step}: '-' lowers lam" in text


async def test_status_line_fits_the_width_it_has_when_drawn():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "/L)" in status(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow = status(app)
        assert "/L)" not in narrow
        assert len(narrow) <= 80
        # A view opened at 80 columns draws its status narrow from the first frame.
        await pilot.press("w")
        await pilot.pause()
        assert status(app) == narrow


async def test_n_and_right_step_only_while_paused():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "right")
        assert app.session.step_count == 2
        await pilot.press("space")
        assert app.control.running
        assert app.screen.check_action("step", ()) is False
        await pilot.press("space")
        assert not app.control.running
        steps = app.session.step_count
        await pilot.press("n")
        assert app.session.step_count == steps + 1


async def test_space_plays_and_pauses_by_the_timer():
    app = build_app(fps=60, speed=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        await until(pilot, lambda: app.session.step_count >= 9)
        await pilot.press("space")
        taken = app.session.step_count
        assert taken > 0 and taken % 3 == 0
        await pilot.pause(0.2)
        assert app.session.step_count == taken
        assert "paused" in status(app)


async def test_flip_keeps_weights_and_step():
    app = paused_app(penalty="l2")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(30):
            await pilot.press("n")
        before = app.session.weights.copy()
        await pilot.press("l")
        assert app.session.settings.penalty == "l1"
        assert app.session.step_count == 30
        np.testing.assert_array_equal(app.session.weights, before)
        assert app.session.markers[-1].step == 30
        assert " L1 " in status(app)
        app.session.step(199)
        await pilot.press("n")
        assert app.session.zeros > 0, "L1 must zero some weights of the default problem"
        await pilot.press("l")
        assert app.session.settings.penalty == "l2"


@pytest.mark.parametrize(
    ("key", "penalty", "label"),
    [("1", "l1", "L1"), ("2", "l2", "L2"), ("e", "elasticnet", "EN"), ("0", "none", "none")],
)
async def test_penalty_keys(key: str, penalty: str, label: str):
    app = paused_app(penalty="l2" if penalty == "l1" else "l1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", key)
        assert app.session.settings.penalty == penalty
        assert f" {label} " in status(app)
        assert app.session.step_count == 1


async def test_flip_from_elastic_net_or_none_goes_to_l1():
    for start in ("elasticnet", "none"):
        app = paused_app(penalty=start)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("l")
            assert app.session.settings.penalty == "l1"


async def test_lam_keys_scale_by_one_and_a_half():
    app = paused_app(lam=0.2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("plus")
        assert app.session.settings.lam == pytest.approx(0.3)
        await pilot.press("minus", "minus")
        assert app.session.settings.lam == pytest.approx(0.2 / 1.5, rel=1e-3)
        assert "lam 0.133" in status(app)


async def test_lam_up_from_zero_leaves_zero():
    app = paused_app(lam=0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("plus")
        assert app.session.settings.lam > 0


async def test_speed_keys():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.control.speed == 4
        await pilot.press("left_square_bracket")
        assert app.control.speed == 2
        for _ in range(5):
            await pilot.press("left_square_bracket")
        assert app.control.speed == 1
        assert "speed 1/frame" in status(app)


async def test_o_cycles_optimizers_without_reset():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")
        seen, epochs = [], []
        sweeps = []
        for _ in OPTIMIZERS:
            await pilot.press("o")
            seen.append(app.session.settings.optimizer)
            epochs.append("epoch " in status(app))
            sweeps.append("sweep " in status(app))
        assert seen == [*list(OPTIMIZERS)[1:], "proximal"]
        assert epochs == [OPTIMIZERS[name].stochastic for name in seen], "the epoch beside the step"
        assert sweeps == [name == "cd" for name in seen], "cd's sweeps beside the step"
        assert app.session.step_count == 2


async def test_b_cycles_the_minibatch_size_up_to_every_row():
    app = paused_app(optimizer="sgd-cumulative")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")
        seen, epochs, shown = [], [], []
        for _ in range(5):
            await pilot.press("b")
            await pilot.press("n")
            seen.append(app.session.settings.batch)
            epochs.append(app.session.epoch)
            shown.append(f"batch {min(seen[-1], 200)} " in status(app))
        assert seen == [128, 200, 1, 8, 32]
        # 200 rows: every row, the full gradient
        assert all(shown), "the status line says how many rows a step sees"
        # each new size starts a fresh epoch: 2 steps of 7 an epoch, 1 of 2, 1 of 1, 1 of 200...
        expected = np.cumsum([2 / 7 + 1 / 2, 1, 1 / 200, 1 / 25, 1 / 7])
        np.testing.assert_allclose(epochs, expected, rtol=1e-12)
        assert app.session.steps_per_epoch == 7
        assert f"epoch {app.session.epoch:.2f}" in status(app)
        assert app.session.step_count == 7


async def test_r_resets_weights_and_step_but_keeps_settings():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "n", "n", "n", "r")
        assert app.session.step_count == 0
        assert not app.session.weights.any()
        assert app.session.settings.penalty == "l2"


async def test_diverging_lr_pauses_with_message_and_r_recovers():
    app = build_app(lr=3.0, fps=60, speed=5, autoplay=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.session.diverged is not None and not app.control.running)
        assert app.session.diverged is not None
        assert not app.control.running
        text = status(app)
        assert "diverged at step" in text
        assert np.all(np.isfinite(app.session.weights))
        await pilot.press("comma", "comma", "comma", "comma")
        assert app.session.diverged is None
        assert app.session.lr < 3.0
        await pilot.press("r")
        assert app.session.step_count == 0


async def test_help_opens_and_closes():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("question_mark", "question_mark")
        assert isinstance(app.screen, MainScreen)


async def test_s_saves_a_screenshot(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "s")
        await pilot.pause()
    shots = list(tmp_path.glob("*.svg"))
    assert len(shots) == 1
    assert "zeros" in shots[0].read_text()


async def test_q_quits():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_too_small_message_and_recovery():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert app.screen.has_class("too-small")
        assert "terminal too small (need 60x20)" in str(app.screen.query_one("#too-small").render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.has_class("too-small")


@pytest.mark.parametrize(
    ("key", "setting", "start"),
    [("plus", "lam", 1e307), ("full_stop", "lr", 1e307), ("comma", "lr", 1e-322)],
)
async def test_a_held_key_stops_at_the_ends_of_the_floats_without_an_error_a_press(
    monkeypatch, key: str, setting: str, start: float
):
    app = paused_app(**{setting: start})
    told: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **options: told.append(message))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*[key] * 20)
        value = getattr(app.session.settings, setting)
        assert 0.0 < value < float("inf") and value != start, "it moved, and stopped in range"
        assert told == []


async def test_lam_down_at_zero_stays_at_zero():
    app = paused_app(lam=0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("minus")
        assert app.session.settings.lam == 0.0


async def test_subgradient_jitter_is_zoomed_in_and_never_drawn_on_zero():
    app = paused_app(optimizer="subgradient", lam=0.3)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(300)
        await pilot.press("n")
        await pilot.pause()
        bars = app.screen.query_one(WeightBars)
        text = "\n".join(strip.text for strip in bars.build_lines(bars.size.width, 40))
        jitter = jitter_claims(app.session)
        assert jitter and app.session.zeros == 0
        band = max(claim.band for claim in jitter)
        assert f"zoom ±{band:.2g}: jitter, never 0.0" in text
        assert text.count("•") == len(jitter), "one zoomed dot per jittering weight"
        assert "exactly 0" not in text
        narration = str(app.screen.query_one(NarrationLine).render())
        assert "never onto 0.0" in narration and "narrows the band" in narration
        await pilot.press("o")  # fista: the note spoke of the subgradient step alone
        await pilot.pause()
        assert app.session.settings.optimizer == "fista"
        text = "\n".join(strip.text for strip in bars.build_lines(bars.size.width, 40))
        assert "jitter" not in text and "•" not in text


@pytest.mark.parametrize(
    ("dataset", "key"), [("synthetic", None), ("digits", None), ("synthetic", "c"), ("digits", "z")]
)
async def test_the_layout_containers_are_hidden_and_everything_they_hold_is_shown(dataset, key):
    # Textual draws every widget on screen, covered or not: the containers are hidden so that
    # a full frame does not draw the blanks under the plots (the stylesheet says more).
    from textual.containers import Horizontal, Vertical

    app = build_app(problem=ProblemSpec(dataset=dataset))
    async with app.run_test(size=(120, 40)) as pilot:
        if key:
            await pilot.press(key)
            await pilot.pause()
        body = app.screen.query_one("#body")
        inside = list(body.query("*"))
        containers = [body, *(w for w in inside if isinstance(w, Horizontal | Vertical))]
        shown = [w for w in inside if w not in containers and w.display]
        assert len(containers) >= 2 and len(shown) >= 4
        assert not any(container.visible for container in containers)
        assert all(widget.visible and widget.region.area for widget in shown)
