"""``l1l2-tui serve``: the app in a browser for a class, one app process per tab, or one
lecturer's app that every tab watches (``--follow``).

The command every app runs is built here once, from the options given to ``serve``: the page
can choose its terminal size and send keys, nothing else.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from l1l2_tui.config import RunConfig
from l1l2_tui.engine.settings import SETTINGS
from l1l2_tui.lesson.builtin import SHIPPED_LESSONS

INSTALL_HINT = "serve needs textual-serve: pip install 'l1l2-tui[serve]'"
SERVE_EXTRA = {"textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2"}
ANY_ADDRESS = ("0.0.0.0", "::", "")


class ServeError(Exception):
    """Something ``serve`` cannot do, said in one line for the user."""


@dataclass(frozen=True)
class AppOptions:
    """How each tab's app runs: the live app, or the demo (``lesson`` None: the built-in one)."""

    run: RunConfig
    demo: bool = False
    fps: int = 15
    paused: bool = False
    speed: int = 1
    marker: str = "braille"
    lesson: Path | None = None
    pace: float = 1.0
    once: bool = False


def run_arguments(run: RunConfig) -> list[str]:
    """The command-line options that give back ``run`` (every one, so that a default changed
    later cannot make the served apps differ from what ``serve`` checked)."""
    problem = run.problem
    arguments = [f"--dataset={problem.dataset}"]
    if problem.data is not None:
        arguments.append(f"--data={problem.data.absolute()}")
    if problem.target is not None:
        arguments.append(f"--target={problem.target}")
    arguments += [
        f"--samples={problem.samples}",
        f"--features={problem.features}",
        f"--noise={problem.noise!r}",
        f"--correlation={problem.correlation!r}",
        f"--seed={problem.seed}",
    ]
    if problem.informative is not None:
        arguments.append(f"--informative={problem.informative}")
    if not problem.standardize:
        arguments.append("--no-standardize")
    if problem.loss is not None:
        arguments.append(f"--loss={problem.loss}")
    if problem.data is None and problem.dataset == "digits":
        arguments.append(f"--digit={problem.digit}")
    if problem.image_shape is not None:
        arguments.append("--image-shape={}x{}".format(*problem.image_shape))
    for name in SETTINGS:
        value = getattr(run.settings, name)
        if value is not None:  # None: the default rule, which the option's absence gives
            text = value if isinstance(value, str) else repr(value)
            arguments.append(f"--{name.replace('_', '-')}={text}")
    return arguments


def app_argv(options: AppOptions) -> list[str]:
    """The fixed command each tab runs: this Python, this package, the options given."""
    argv = [sys.executable, "-m", "l1l2_tui"]
    if options.demo:
        argv += ["demo", *run_arguments(options.run)]
        argv += [f"--pace={options.pace!r}", f"--marker={options.marker}"]
        if options.lesson is not None:
            # A shipped lesson by its name; a file by a path that holds in any folder.
            shipped = str(options.lesson) in SHIPPED_LESSONS
            argv.append(f"--lesson={options.lesson if shipped else options.lesson.absolute()}")
        if options.once:
            argv.append("--once")
        return argv
    argv += run_arguments(options.run)
    argv += [f"--fps={options.fps}", f"--speed={options.speed}", f"--marker={options.marker}"]
    if options.paused:
        argv.append("--paused")
    return argv


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def check_public_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ServeError(f"--public-url must be an http:// or https:// address, not {url!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ServeError("--public-url is the address of the server itself, with no path")
    return url


@dataclass(frozen=True)
class Lecture:
    """``--follow``: one app, that ``max_viewers`` tabs at most watch, driven from this
    terminal or (``from_tab``) from a browser tab holding a token."""

    max_viewers: int = 200
    from_tab: bool = False


def exposure_warning(
    host: str, port: int, max_sessions: int, lecture: Lecture | None = None
) -> str | None:
    """The warning for an address other machines can reach, or None for loopback."""
    if is_loopback(host):
        return None
    where = f"warning: listening on {host or 'every address'}: anyone who can reach port {port}"
    if lecture is not None:
        return f"{where} can watch the lecture (at most {lecture.max_viewers}, --max-viewers)"
    return f"{where} can start an app here (at most {max_sessions} at once, --max-sessions)"


def addresses_to_open(host: str, port: int, public_url: str | None) -> list[str]:
    if public_url:
        return [public_url]
    if host in ANY_ADDRESS:
        return [f"http://127.0.0.1:{port}", f"http://{socket.gethostname()}:{port}"]
    return [f"http://{url_host(host)}:{port}"]


def serve(
    options: AppOptions,
    *,
    host: str,
    port: int,
    max_sessions: int,
    public_url: str | None,
    say: Callable[[str], None],
    warn: Callable[[str], None],
    lecture: Lecture | None = None,
) -> None:
    """Serve the app until Ctrl+C (or, for a ``lecture``, until the lecturer's app ends);
    raises :class:`ServeError` for what the user must fix."""
    if public_url is not None:
        check_public_url(public_url)
    if lecture is not None and not lecture.from_tab and not has_terminal():
        raise ServeError(
            "--follow runs the lecturer's app in this terminal, and there is none: "
            "add --lecturer-tab to drive it from a browser tab"
        )
    try:
        from l1l2_tui.web.server import CannotListen, ClassroomServer
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] not in SERVE_EXTRA:
            raise
        raise ServeError(INSTALL_HINT) from None
    import asyncio

    if lecture is not None:
        try:
            asyncio.run(follow(options, lecture, host, port, public_url, say, warn))
        except KeyboardInterrupt:
            return
        except CannotListen as exc:
            raise ServeError(f"cannot listen on {url_host(host)}:{port}: {exc}") from None
        return

    server = ClassroomServer(
        app_argv(options),
        host=host,
        port=port,
        max_sessions=max_sessions,
        public_url=public_url,
        title="l1l2-tui demo" if options.demo else "l1l2-tui",
    )

    def on_listening(bound_port: int) -> None:
        if (warning := exposure_warning(host, bound_port, max_sessions)) is not None:
            warn(warning)
        here, *elsewhere = addresses_to_open(host, bound_port, public_url)
        others = f" (from other machines: {', '.join(elsewhere)})" if elsewhere else ""
        say(f"Open {here} in a browser{others}: each tab gets its own app.")
        say(f"At most {max_sessions} apps at once. Ctrl+C stops the server and every app.")

    try:
        asyncio.run(server.run(on_listening))
    except KeyboardInterrupt:
        # Ctrl+C before the server listens: no app has started yet.
        return
    except CannotListen as exc:
        raise ServeError(f"cannot listen on {url_host(host)}:{port}: {exc}") from None


def has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


async def follow(
    options: AppOptions,
    lecture: Lecture,
    host: str,
    port: int,
    public_url: str | None,
    say: Callable[[str], None],
    warn: Callable[[str], None],
) -> None:
    """Serve one lecture until its app ends or Ctrl+C."""
    import asyncio
    import secrets

    from l1l2_tui.web.follow import TabLecture, TerminalLecture

    title = "l1l2-tui demo" if options.demo else "l1l2-tui"
    common = {"host": host, "port": port, "max_viewers": lecture.max_viewers}
    common |= {"public_url": public_url, "title": title}
    token = secrets.token_urlsafe(16)
    server = (
        TabLecture(app_argv(options), token=token, **common)
        if lecture.from_tab
        else TerminalLecture(app_argv(options), **common)
    )

    def on_listening(bound_port: int) -> None:
        if (warning := exposure_warning(host, bound_port, 0, lecture)) is not None:
            warn(warning)
        here, *elsewhere = addresses_to_open(host, bound_port, public_url)
        others = f" (from other machines: {', '.join(elsewhere)})" if elsewhere else ""
        say(f"Students open {here} in a browser{others}: each tab watches the lecture.")
        say(f"At most {lecture.max_viewers} tabs watch at once. Ctrl+C ends the lecture.")
        if lecture.from_tab:
            say(f"Drive the lecture from {here}/lecture/{token} (keep this address to yourself).")
        else:
            say("Press Enter to start the app in this terminal; quitting it ends the lecture.")

    async def enter_pressed() -> None:
        loop = asyncio.get_running_loop()
        pressed = asyncio.Event()
        loop.add_reader(sys.stdin.fileno(), pressed.set)
        try:
            await pressed.wait()
        finally:
            loop.remove_reader(sys.stdin.fileno())
        sys.stdin.readline()

    await server.run(on_listening, None if lecture.from_tab else enter_pressed)
    say("The lecture has ended.")
