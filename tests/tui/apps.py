"""The app as the tests drive it: built without argv, paused, on the given run options."""

from tui.app import L1L2App, make_app
from tui.config import AppConfig, RunConfig


def paused_app(**run: object) -> L1L2App:
    return make_app(AppConfig(run=RunConfig.of(**run), autoplay=False))
