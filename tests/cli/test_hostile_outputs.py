"""Hostile places to write to: `screenshot --out DIR` never writes over what is in DIR unless
`--force`, never through a symlink, and a folder it cannot write is one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import assert_well_behaved, invoke

GOOD = "<svg>the user's own picture</svg>"


def a_file(out: Path) -> Callable[[], bool]:
    (out / "main.svg").write_text(GOOD)
    return lambda: (out / "main.svg").read_text() == GOOD


def a_symlink(out: Path) -> Callable[[], bool]:
    target = out.parent / "precious.txt"
    target.write_text(GOOD)
    (out / "main.svg").symlink_to(target)
    return lambda: target.read_text() == GOOD


def a_dangling_symlink(out: Path) -> Callable[[], bool]:
    target = out.parent / "made-through-the-link.svg"
    (out / "main.svg").symlink_to(target)
    return lambda: not target.exists()


def a_folder(out: Path) -> Callable[[], bool]:
    (out / "main.svg").mkdir()
    (out / "main.svg" / "inside.txt").write_text(GOOD)
    return lambda: (out / "main.svg" / "inside.txt").read_text() == GOOD


# What --out already holds under the picture's name: (make it, exit code and words without
# --force, exit code and words with it)
TAKEN: dict[str, tuple[Callable[[Path], Callable[[], bool]], int, str, int, str]] = {
    "a file": (a_file, 2, "main.svg: already exists; --force writes over it", 0, ""),
    "a symlink": (a_symlink, 2, "already exists; --force writes over it", 0, ""),
    "a dangling symlink": (a_dangling_symlink, 2, "already exists", 0, ""),
    "a folder": (a_folder, 2, "already exists", 1, "main.svg: a folder has that name"),
}


def shoot_main_into(
    tmp_path: Path, make: Callable[[Path], Callable[[], bool]], *options: str
) -> tuple[Path, Callable[[], bool], tuple[int, str, str]]:
    """`screenshot --view main OPTIONS` into a folder that holds what ``make`` puts there: the
    folder, the check that what was there is kept, and the command's outcome."""
    out = tmp_path / "shots"
    out.mkdir()
    kept = make(out)
    return out, kept, invoke("screenshot", "--view", "main", *options, "--out", str(out))


@pytest.mark.parametrize("case", TAKEN)
def test_what_out_holds_is_kept_unless_force(tmp_path: Path, case: str):
    make, code, words, _, _ = TAKEN[case]
    out, kept, (exit_code, stdout, stderr) = shoot_main_into(tmp_path, make)
    assert_well_behaved(exit_code, stdout, stderr, code)
    assert words in stderr
    assert kept()
    assert sorted(p.name for p in out.iterdir()) == ["main.svg"]


@pytest.mark.parametrize("case", TAKEN)
def test_force_replaces_the_name_never_what_a_symlink_points_to(tmp_path: Path, case: str):
    make, _, _, code, words = TAKEN[case]
    out, kept, (exit_code, stdout, stderr) = shoot_main_into(tmp_path, make, "--force")
    assert_well_behaved(exit_code, stdout, stderr, code)
    assert words in stderr
    if case != "a file":
        assert kept()  # a folder stays; what a link pointed to is untouched
    if case != "a folder":
        assert "zeros" in (out / "main.svg").read_text()
        assert not (out / "main.svg").is_symlink()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_the_default_out_in_a_clone_keeps_the_committed_pictures(tmp_path: Path, monkeypatch):
    """`screenshot` with no --out, from a clone, must not write over the tracked screenshots/."""
    (tmp_path / "screenshots").mkdir()
    kept = a_file(tmp_path / "screenshots")
    monkeypatch.chdir(tmp_path)
    exit_code, stdout, stderr = invoke("screenshot")
    assert_well_behaved(exit_code, stdout, stderr, 2)
    assert stderr == "error: screenshots/main.svg: already exists; --force writes over it\n"
    assert kept()


def test_a_read_only_out_is_one_line(read_only_folder: Path):
    exit_code, stdout, stderr = invoke(
        "screenshot", "--view", "main", "--out", str(read_only_folder)
    )
    assert_well_behaved(exit_code, stdout, stderr, 1)
    assert stderr.startswith(f"error: {read_only_folder / 'main.svg'}: cannot write it: ")
    assert list(read_only_folder.iterdir()) == []


def test_an_out_that_cannot_be_made_is_one_line(read_only_folder: Path):
    out = read_only_folder / "shots"
    exit_code, stdout, stderr = invoke("screenshot", "--view", "main", "--out", str(out))
    assert_well_behaved(exit_code, stdout, stderr, 1)
    assert stderr.startswith(f"error: {out}: cannot make the folder: ")


def test_an_out_name_with_an_escape_sequence_is_told_escaped(tmp_path: Path):
    out = tmp_path / "a\x1b[2Jb" / "shots"
    exit_code, stdout, stderr = invoke("screenshot", "--out", str(out))
    assert_well_behaved(exit_code, stdout, stderr, 2)
    assert "a\\x1b[2Jb: no such folder" in stderr
