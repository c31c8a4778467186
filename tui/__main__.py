"""``l1l2-tui`` and ``python -m l1l2_tui``: the command line, started with the collector held
off and Ctrl+C working."""

import signal
import sys
import traceback

from l1l2_tui.startup import hold_collector, release_collector


def main() -> None:
    hold_collector()
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        # Started with SIGINT ignored (as some process managers and shells start a child):
        # Ctrl+C should still stop `run`, `path` or `serve`.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        from l1l2_tui.cli import app

        app(prog_name="l1l2-tui")
    except KeyboardInterrupt:  # while the command line itself was still loading
        print("error: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    except Exception:
        # A bug, not a user error (those exit through typer with their own message): one line
        # on the terminal, the traceback in a file.
        from l1l2_tui.crash_report import report_crash

        report_crash(traceback.format_exc())
        raise SystemExit(1) from None
    finally:
        release_collector()


if __name__ == "__main__":
    main()
