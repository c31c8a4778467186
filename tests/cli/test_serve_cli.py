"""``l1l2-tui serve`` before it listens: the command each tab runs gives back exactly the options
given to ``serve``, and every mistake is one clear line with no server started."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import cli_result

import l1l2_tui.app
from l1l2_tui.config import AppConfig, RunConfig
from l1l2_tui.engine import ProblemSpec, Settings
from l1l2_tui.lesson import DEFAULT_LESSON, format_lesson
from l1l2_tui.web.serve import AppOptions, Lecture, app_argv, exposure_warning


def started_config(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> AppConfig:
    """The app config the CLI builds from a tab's command (the app itself is not run)."""
    assert argv[:3] == [sys.executable, "-m", "l1l2_tui"]
    built: list[AppConfig] = []

    class NotRun:
        def run(self) -> None:
            pass

    monkeypatch.setattr(
        l1l2_tui.app, "make_app", lambda config, session: built.append(config) or NotRun()
    )
    result = cli_result(*argv[3:])
    assert result.exit_code == 0, result.output
    [config] = built
    return config


CSV = "a,b,c,y\n1,2,3,4\n2,1,0,3\n0,1,1,1\n5,3,2,7\n"


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(CSV)
    return path


def test_a_tab_runs_the_app_with_every_option_given_to_serve(monkeypatch, csv_file):
    problem = ProblemSpec("synthetic", csv_file, "y", 50, 7, 3, 0.25, -0.4, 9, False)
    run = RunConfig(problem, Settings("elasticnet", 0.125, 0.3, "fista", 0.01))
    options = AppOptions(run, fps=7, paused=True, speed=25, marker="ascii")
    config = started_config(app_argv(options), monkeypatch)
    assert config == AppConfig(run, fps=7, speed=25, marker="ascii", autoplay=False)


def test_a_tab_runs_the_default_app_when_serve_is_given_nothing(monkeypatch):
    config = started_config(app_argv(AppOptions(RunConfig())), monkeypatch)
    assert config == AppConfig(RunConfig())


def test_a_tab_runs_the_demo_with_the_lesson_given_to_serve(monkeypatch, tmp_path):
    lesson = tmp_path / "lesson.toml"
    lesson.write_text(format_lesson(DEFAULT_LESSON))
    run = RunConfig(ProblemSpec("diabetes"), Settings("l2"))
    options = AppOptions(run, demo=True, marker="dot", lesson=lesson, pace=2.0, once=True)
    config = started_config(app_argv(options), monkeypatch)
    assert config.run == run
    assert (config.fps, config.marker, config.once) == (30, "dot", True)
    assert config.lesson == DEFAULT_LESSON


def test_a_relative_path_is_passed_on_as_an_absolute_one(monkeypatch, csv_file):
    monkeypatch.chdir(csv_file.parent)
    run = RunConfig(ProblemSpec(data=Path(csv_file.name)))
    argv = app_argv(AppOptions(run))
    assert f"--data={csv_file}" in argv


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lesson", "x.toml"], "--lesson: only for `l1l2-tui serve demo`"),
        (["--pace", "2", "--once"], "--pace, --once: only for `l1l2-tui serve demo`"),
        (["demo", "--fps", "5"], "--fps: only for `l1l2-tui serve`"),
        (["--public-url", "ftp://example.org"], "--public-url must be an http:// or https://"),
        (["--public-url", "http://example.org/class"], "with no path"),
        (["--data", "no-such-file.csv"], "no-such-file.csv"),
        (["demo", "--lesson", "no-such-lesson.toml"], "no-such-lesson.toml"),
        (["--max-viewers", "9"], "--max-viewers: only with --follow"),
        (["--lecturer-tab"], "--lecturer-tab: only with --follow"),
        (["--follow", "--max-viewers", "0"], "--max-viewers"),
        # The tests run without a terminal: a lecture needs one, or a tab to drive it.
        (["--follow"], "add --lecturer-tab to drive it from a browser tab"),
    ],
)
def test_a_mistake_is_one_line_before_anything_listens(args, message):
    result = cli_result("serve", "--port", "0", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_a_taken_port_is_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli_result("serve", "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot listen on 127.0.0.1:{port}: address already in use\n"


def test_without_textual_serve_serve_says_how_to_install_it():
    code = (
        "import sys\n"
        "sys.modules['textual_serve'] = None  # as if the serve extra were not installed\n"
        "sys.argv = ['l1l2-tui', 'serve', '--port', '0']\n"
        "from l1l2_tui.__main__ import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr == "error: serve needs textual-serve: pip install 'l1l2-tui[serve]'\n"
    assert result.stdout == ""


def test_only_a_loopback_address_goes_without_a_warning():
    assert exposure_warning("127.0.0.1", 8000, 30) is None
    assert exposure_warning("::1", 8000, 30) is None
    assert exposure_warning("localhost", 8000, 30) is None
    warning = exposure_warning("0.0.0.0", 8000, 30)
    assert warning is not None
    assert "anyone who can reach port 8000 can start an app" in warning
    assert "at most 30 at once" in warning
    lecture = exposure_warning("0.0.0.0", 8000, 30, Lecture(max_viewers=120))
    assert lecture is not None
    assert "anyone who can reach port 8000 can watch the lecture (at most 120" in lecture


def test_starting_the_app_imports_nothing_of_serve():
    code = (
        "import sys\n"
        "from l1l2_tui.cli import app\n"
        "from l1l2_tui.app import make_app\n"
        "from l1l2_tui.config import AppConfig\n"
        "make_app(AppConfig(autoplay=False))\n"
        "print(','.join(m for m in ('textual_serve', 'aiohttp', 'jinja2', 'l1l2_tui.web.serve') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
