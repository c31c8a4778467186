"""The one app fixture of the TUI tests: ``app_with(...)`` builds the app on the given options."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from apps import build_app

from l1l2_tui.app import L1L2App


@pytest.fixture
def app_with() -> Callable[..., L1L2App]:
    """``app_with(penalty="l2", fps=60, autoplay=True)``: see :func:`apps.build_app`."""
    return build_app
