"""What `pip install .` installs and what the source distribution holds: one package named
after the distribution (tui/ as `l1l2_tui`, engine/ as `l1l2_tui.engine`) with every module
and data file, a licence and full metadata, built with the declared build requirements alone."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALLED_AS = {"tui": "l1l2_tui", "engine": "l1l2_tui/engine"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel and an sdist of a clean clone (setuptools reuses a build/ folder, which could
    hide a missing package), each built in isolation from the declared build requirements."""
    out = tmp_path_factory.mktemp("dist")
    clone = out / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)],
        check=True, capture_output=True,
    )  # fmt: skip
    # The working tree as it is now, so the test checks uncommitted changes too.
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split("\0")  # fmt: skip
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    subprocess.run(["git", "add", "-A"], cwd=clone, check=True, capture_output=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--wheel-dir", str(out), str(clone)],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(out), str(clone)],
        check=True, capture_output=True,
    )  # fmt: skip
    return out


def test_the_wheel_holds_every_module_and_data_file_under_one_package(built: Path) -> None:
    [wheel] = built.glob("l1l2_tui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        f"{INSTALLED_AS[folder]}/{path.relative_to(ROOT / folder).as_posix()}"
        for folder in INSTALLED_AS
        for pattern in ("*.py", "*.csv", "*.csv.gz", "*.tcss", "*.html", "*.toml", "py.typed")
        for path in (ROOT / folder).rglob(pattern)
        if "__pycache__" not in path.parts
    }
    assert wanted, "found no source files to check"
    assert not wanted - names, f"missing from the wheel: {sorted(wanted - names)}"
    top_level = {
        name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")
    }
    assert top_level == {"l1l2_tui"}, f"top-level names in the wheel: {sorted(top_level)}"


def test_the_wheel_carries_a_licence_and_full_metadata(built: Path) -> None:
    [wheel] = built.glob("l1l2_tui-*.whl")
    archive = zipfile.ZipFile(wheel)
    [metadata_name] = [name for name in archive.namelist() if name.endswith("/METADATA")]
    metadata = Parser().parsestr(archive.read(metadata_name).decode())
    assert metadata["License-Expression"] == "MIT"
    assert any(name.endswith("licenses/docs/LICENSE") for name in archive.namelist())
    assert metadata["Author"] or metadata["Author-email"]
    classifiers = metadata.get_all("Classifier")
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert metadata["Requires-Python"] == ">=3.11"
    extras = set(metadata.get_all("Provides-Extra"))
    assert "test" not in extras, "test tools are a dependency group, not a published extra"
    assert {"serve", "record"} <= extras
    required = " ".join(metadata.get_all("Requires-Dist"))
    for tool in ("ruff", "selenium", "pytest", "pyte"):
        assert not re.search(rf"\b{tool}\b", required), f"{tool} is published as a dependency"


def test_the_package_index_shows_a_description_with_no_relative_links() -> None:
    text = (ROOT / "docs" / "pypi.md").read_text()
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert all(re.match(r"https?://", link) for link in links), links


def test_the_sdist_holds_the_pictures_the_readme_shows(built: Path) -> None:
    [sdist] = built.glob("l1l2_tui-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    shown = set(re.findall(r"\]\((screenshots/[^)]+)\)", (ROOT / "README.md").read_text()))
    assert shown, "the README shows no screenshots"
    assert not shown - names, f"missing from the sdist: {sorted(shown - names)}"
    assert "docs/LICENSE" in names
