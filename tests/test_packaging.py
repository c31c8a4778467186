"""What `pip install .` installs: every module of engine/ and tui/, and their data files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_every_module_and_data_file(tmp_path: Path) -> None:
    # A clean copy: setuptools reuses a build/ folder, which could hide a missing package.
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "__pycache__", "tests"),
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--wheel-dir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    [wheel] = tmp_path.glob("l1l2_tui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        path.relative_to(ROOT).as_posix()
        for package in ("engine", "tui")
        for pattern in ("*.py", "*.csv", "*.csv.gz", "*.tcss", "*.html", "*.toml")
        for path in (ROOT / package).rglob(pattern)
        if "__pycache__" not in path.parts
    }
    assert wanted, "found no source files to check"
    assert not wanted - names, f"missing from the wheel: {sorted(wanted - names)}"
    assert not any(name.startswith("tests/") for name in names)
