"""Files that change while they are read, or cannot be read, are refused with a message naming
them, never read wrong. (Files that would make the reader wait: tests/cli/test_hostile_files.py,
in a real process.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from l1l2_tui.engine import DataError
from l1l2_tui.engine.csv_data import read_csv

ROWS = "".join(f"{i},{i % 3},{2 * i + 1}\n" for i in range(20))


@pytest.mark.parametrize(
    "appended",
    [ROWS, ROWS + "1,x"],
    ids=["rows", "a row the writer is in the middle of"],
)
def test_a_csv_that_grows_while_it_loads_is_refused(tmp_path: Path, appended: str) -> None:
    data = tmp_path / "growing.csv"
    data.write_text("a,b,y\n" + ROWS)

    def append_once(share: float) -> None:  # called first once the lines are counted
        if data.stat().st_size < 2 * len(ROWS):
            with data.open("a") as file:
                file.write(appended)

    with pytest.raises(DataError, match=r"growing\.csv: the file changed while it was being read"):
        read_csv(data, on_progress=append_once)


def test_a_csv_rewritten_in_place_while_it_loads_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "rewritten.csv"
    data.write_text("a,b,y\n" + ROWS)

    def rewrite_once(share: float) -> None:
        if not rewritten:
            rewritten.append(True)
            os.utime(data, ns=(0, 0))  # as a writer leaves it: same size, another time

    rewritten: list[bool] = []
    with pytest.raises(DataError, match="changed while it was being read"):
        read_csv(data, on_progress=rewrite_once)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="Linux's /proc")
def test_a_file_that_cannot_be_read_names_itself() -> None:
    with pytest.raises(DataError, match="/proc/self/mem: cannot read it"):
        read_csv("/proc/self/mem")
