"""What the weight image costs a frame, on the digits (8x8) and on a 16x16 image.

Run from the repository root:

    python tests/perf/bench_weight_image.py

"build" is one rebuild of the panel's lines after the weights changed (what each frame of a
playing run pays), at 4 x 2 cells a pixel in a 38 x 18 panel; "frame" is one tick of the main
screen at 120 x 40 (an engine step, then every panel's redraw, without the terminal write) on
the digits (logistic loss, image and bars) and on synthetic data of as many rows and features
(least squares, bars alone). Medians of CPU time (``time.process_time``) over repeats.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))  # the tests' widget host

from apps import WidgetHost

from l1l2_tui.app import make_app
from l1l2_tui.config import AppConfig, RunConfig
from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem
from l1l2_tui.engine.problems import Problem
from l1l2_tui.widgets.weight_image import WeightImage

REPEATS = 200


def image_problem(side: int) -> Problem:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((300, side * side))
    y = (X[:, 0] + X[:, 1] > 0).astype(float)
    names = tuple(f"p{j}" for j in range(side * side))
    return Problem(X, y, names, "image", True, loss="logistic", image_shape=(side, side))


async def build_ms(problem: Problem) -> float:
    session = Session(problem, Settings(penalty="l1"))
    image = WeightImage()
    times = []
    async with WidgetHost(image).run_test(size=(38, 40)) as pilot:
        for _ in range(REPEATS):
            session.step(1)
            image.show(session)
            start = time.process_time()
            image.build_lines(38, 18)
            times.append(time.process_time() - start)
        await pilot.pause()
    return 1e3 * statistics.median(times)


async def frame_ms(spec: ProblemSpec) -> float:
    app = make_app(AppConfig(RunConfig(spec, Settings(penalty="l1")), autoplay=False))
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        for _ in range(REPEATS // 4):
            start = time.process_time()
            screen.advance(1)
            screen.redraw()
            times.append(time.process_time() - start)
            await pilot.pause()
    return 1e3 * statistics.median(times)


async def main() -> None:
    digits = build_problem(ProblemSpec(dataset="digits"))
    print(f"build  8x8 digits : {await build_ms(digits):.3f} ms")
    print(f"build 16x16 image : {await build_ms(image_problem(16)):.3f} ms")
    with_image = await frame_ms(ProblemSpec(dataset="digits"))
    bars_only = await frame_ms(ProblemSpec(features=64, samples=1797))
    print(f"frame digits, image and bars : {with_image:.2f} ms")
    print(f"frame 64 features, bars only : {bars_only:.2f} ms")


if __name__ == "__main__":
    asyncio.run(main())
