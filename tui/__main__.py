"""``l1l2-tui`` and ``python -m tui``: the command line, started with the collector held off."""

from tui.startup import hold_collector, release_collector


def main() -> None:
    hold_collector()
    from tui.cli import app

    try:
        app(prog_name="l1l2-tui")
    finally:
        release_collector()


if __name__ == "__main__":
    main()
