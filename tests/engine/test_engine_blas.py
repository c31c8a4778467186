"""A session's steps run on one BLAS thread, unless the environment sets a thread count."""

import pytest
from threadpoolctl import ThreadpoolController

from l1l2_tui.engine import LeastSquares, ProblemSpec, Session, Settings, build_problem
from l1l2_tui.engine.blas import THREAD_COUNT_VARIABLES


def blas_threads() -> int:
    return ThreadpoolController().select(user_api="blas").info()[0]["num_threads"]


class ThreadsSeen(LeastSquares):
    """Least squares that notes how many BLAS threads each evaluation had."""

    def __init__(self, X, y):
        super().__init__(X, y)
        self.seen: list[int] = []

    def evaluate(self, w, b=0.0):
        self.seen.append(blas_threads())
        return super().evaluate(w, b)


@pytest.fixture
def session(monkeypatch):
    for name in THREAD_COUNT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    problem = build_problem(ProblemSpec(samples=300, features=40))
    return Session(problem, Settings("l1"), loss=ThreadsSeen(problem.X, problem.y))


def test_steps_take_one_blas_thread_and_give_the_rest_back(session):
    with ThreadpoolController().limit(limits=2, user_api="blas"):
        session.loss.seen.clear()
        session.step(3)
        assert session.loss.seen == [1, 1, 1]
        assert blas_threads() == 2


def test_a_thread_count_in_the_environment_is_left_alone(session, monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    with ThreadpoolController().limit(limits=2, user_api="blas"):
        session.loss.seen.clear()
        session.step(2)
        assert session.loss.seen == [2, 2]
