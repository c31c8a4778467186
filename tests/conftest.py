"""Fixtures every test folder may use: a home of the tests' own for settings and crash logs,
and places where the app cannot write."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from threadpoolctl import threadpool_limits

# OpenBLAS's threads spin while they wait for work: with more busy processes than cores (the
# parallel workers, and whatever else the machine runs) a 100-point path on the digits took 99 s
# at a load of 17 on two cores, and 1.9 s on one thread. One thread in each test process, and in
# every process the tests start (the variables are read when numpy loads).
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
threadpool_limits(limits=1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A `serial` test never runs beside another `serial` one: under -n they share one worker
    (``--dist loadgroup``), so that a run of everything at once stays safe; the README's run
    keeps them apart from the parallel ones altogether."""
    for item in items:
        if item.get_closest_marker("serial"):
            item.add_marker(pytest.mark.xdist_group("serial"))


@pytest.fixture(scope="session", autouse=True)
def own_config_and_state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests (and the processes they start) neither read the developer's settings file nor
    leave crash logs in their state folder; ``L1L2_TUI_SETTINGS`` set empty reads no file."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        patch.setenv("XDG_STATE_HOME", str(home / "state"))
        patch.setenv("L1L2_TUI_SETTINGS", "")
        yield


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """An empty folder in which this process cannot create a file. Its mode is read-only; for
    root, whom modes do not stop, it is made immutable (``chattr +i``) too."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = os.geteuid() == 0
    if immutable:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        with pytest.raises(OSError):
            (folder / "probe").touch()
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)
