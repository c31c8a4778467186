"""The bounded history: stride doubling, even coverage, reads thinned to N points, every row's
extremes over the steps it stands for, and the recent steps in full."""

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l1l2_tui.engine import History


def smallest_stride(newest: int, capacity: int) -> int:
    """The smallest power of 2 whose multiples in ``[0, newest]`` fit in ``capacity`` rows."""
    stride = 1
    while newest // stride + 1 > capacity:
        stride *= 2
    return stride


def fill(history: History, newest: int, d: int = 2) -> list[int]:
    """Record steps 0..newest with ``w = (step, -step, ...)``; return the strides seen."""
    strides = [history.stride]
    for step in range(newest + 1):
        w = np.full(d, float(step))
        w[1::2] *= -1
        history.record(step, 2.0 * step, float(step), step % 3, w)
        if history.stride != strides[-1]:
            strides.append(history.stride)
    return strides


@settings(max_examples=40, deadline=None)
@given(capacity=st.integers(2, 70), newest=st.integers(0, 3000))
def test_rows_are_the_multiples_of_the_stride_plus_the_newest(capacity, newest):
    history = History(2, capacity)
    strides = fill(history, newest)
    assert strides == [2**k for k in range(len(strides))], "strides double"
    stride = smallest_stride(newest, capacity)
    assert history.stride == stride
    expected = list(range(0, newest + 1, stride))
    if expected[-1] != newest:
        expected.append(newest)
    trace = history.read()
    assert trace.step.tolist() == expected
    assert len(history) == len(trace) <= capacity + 1
    np.testing.assert_array_equal(trace.weights[:, 0], trace.step)
    np.testing.assert_array_equal(trace.weights[:, 1], -trace.step)
    np.testing.assert_array_equal(trace.data_loss, 2 * trace.step)
    np.testing.assert_array_equal(trace.objective, trace.data_loss + trace.penalty_value)
    np.testing.assert_array_equal(trace.zeros, trace.step % 3)


@settings(max_examples=40, deadline=None)
@given(capacity=st.integers(8, 200), newest=st.integers(1, 5000), points=st.integers(2, 50))
def test_read_thins_evenly_and_keeps_first_and_newest(capacity, newest, points):
    history = History(2, capacity)
    fill(history, newest)
    full = history.read()
    trace = history.read(points)
    assert len(trace) == min(points, len(full))
    assert trace.step[0] == 0
    assert trace.step[-1] == newest
    assert set(trace.step) <= set(full.step)
    assert np.all(np.diff(trace.step) > 0)
    # Every gap but the one to the newest row spans whole rows of the buffer, all alike to
    # within one row: q or q + 1 strides.
    gaps = np.diff(trace.step)[:-1]
    if gaps.size:
        assert gaps.max() - gaps.min() <= history.stride
        assert np.all(gaps % history.stride == 0)


def test_read_returns_a_copy():
    history = History(1, 8)
    fill(history, 5, d=1)
    trace = history.read()
    trace.step[:] = -1
    assert history.read().step.tolist() == [0, 1, 2, 3, 4, 5]


def test_clear_starts_over():
    history = History(1, 4)
    fill(history, 100, d=1)
    history.clear()
    assert len(history) == 0 and history.stride == 1
    assert len(history.read()) == 0
    history.record(0, 1.0, 0.0, 1, np.zeros(1))
    assert history.read().step.tolist() == [0]


@pytest.mark.parametrize("n_weights", [1, 10, 1000])
def test_default_capacity_is_bounded(n_weights):
    history = History(n_weights)
    row = 5 + n_weights
    assert 256 <= history.capacity <= 4096
    assert 4 * history.capacity * row <= max(1_000_000, 4 * 256 * row)
    # The rows, their lowest and highest values, and the last `capacity` steps in full.
    assert history.nbytes == 4 * 8 * history.capacity * row


def test_a_million_records_keep_memory_fixed():
    """10^6 records (about 1.5 s): the buffer never grows and still spans the whole run."""
    d = 3
    history = History(d)
    nbytes = history.nbytes
    w = np.zeros(d)
    record = history.record
    started = time.perf_counter()
    for step in range(1_000_000):
        record(step, 1.0, 0.5, 1, w)
    elapsed = time.perf_counter() - started
    assert history.nbytes == nbytes
    assert len(history) <= history.capacity + 1
    assert history.stride == smallest_stride(999_999, history.capacity)
    trace = history.read(500)
    assert len(trace) == 500
    assert trace.step[0] == 0 and trace.step[-1] == 999_999
    assert elapsed < 30, "recording should cost microseconds, not milliseconds"


def record_period_two(history: History, newest: int) -> None:
    """``w = (+1, -1, +1, ...)`` by step (a weight jumping across 0 every step), and a loss
    equal to the step."""
    for step in range(newest + 1):
        sign = 1.0 if step % 2 else -1.0
        history.record(step, float(step), 0.0, 0, np.array([sign, 0.0]))


@settings(max_examples=40, deadline=None)
@given(capacity=st.integers(2, 70), newest=st.integers(1, 3000), points=st.integers(2, 50))
def test_every_row_keeps_the_extremes_of_the_steps_it_stands_for(capacity, newest, points):
    history = History(2, capacity)
    record_period_two(history, newest)
    for trace in (history.read(), history.read(points)):
        assert trace.low is not None and trace.high is not None
        np.testing.assert_array_equal(trace.low.step, trace.step)
        np.testing.assert_array_equal(trace.high.step, trace.step)
        # A row's bucket runs from its step at least up to the next row's, never past it (the
        # newest step may be in the last bucket and a row of its own): the loss (= step) shows it.
        ends = np.append(trace.step[1:] - 1, trace.step[-1])
        np.testing.assert_array_equal(trace.low.data_loss, trace.step)
        assert np.all(trace.high.data_loss >= ends)
        assert np.all(trace.high.data_loss <= np.append(trace.step[1:], trace.step[-1]))
        many = ends > trace.step
        assert np.all(trace.low.weights[many, 0] == -1.0)
        assert np.all(trace.high.weights[many, 0] == 1.0)
        np.testing.assert_array_equal(trace.low.weights[:, 1], 0.0)


@settings(max_examples=40, deadline=None)
@given(capacity=st.integers(2, 70), newest=st.integers(0, 3000), since=st.integers(0, 3000))
def test_a_read_since_a_step_has_every_recent_step(capacity, newest, since):
    history = History(2, capacity)
    fill(history, newest)
    trace = history.read(since=since)
    recent = list(range(max(newest - capacity + 1, 0), newest + 1))
    shown = trace.step.tolist()
    assert shown[-len([s for s in recent if s >= shown[0]]) :] == [
        s for s in recent if s >= shown[0]
    ]
    assert shown[0] <= max(since, 0) or shown[0] == 0 or since > newest
    assert np.all(np.diff(trace.step) > 0)
    np.testing.assert_array_equal(trace.weights[:, 0], trace.step)
    assert trace.step[-1] == newest


def test_a_read_since_a_step_takes_the_thinned_rows_when_they_are_detailed_enough():
    history = History(2, 64)
    fill(history, 1000)
    assert history.stride == 16
    coarse = history.read(since=500, detail=16)
    assert np.all(np.diff(coarse.step[:-1]) == 16), "the thinned rows, and the newest step"
    assert coarse.step[-1] == 1000
    fine = history.read(since=500, detail=8)
    assert fine.step[-64:].tolist() == list(range(937, 1001))
