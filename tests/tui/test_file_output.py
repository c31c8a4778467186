"""Every file the app writes: put in place whole or not at all, never over what is there unless
asked, never through a symlink, and every failure one line naming the file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from l1l2_tui.file_output import (
    OutputError,
    OutputExists,
    open_output,
    write_numbered_file,
    write_output,
)

GOOD = "<svg>the good picture</svg>"
NEW = "<svg>the new picture</svg>"


def leftovers(folder: Path) -> list[str]:
    """Temporary files left behind (they start with a dot)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_new_file_gets_its_content_and_the_usual_mode(tmp_path: Path):
    path = write_output(tmp_path / "shot.svg", NEW)
    assert path.read_text() == NEW
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert leftovers(tmp_path) == []


def test_bytes_are_written_as_they_are(tmp_path: Path):
    content = b"\x00\xff\r\n\x1b"
    assert write_output(tmp_path / "raw.bin", content).read_bytes() == content


def test_text_line_ends_are_kept(tmp_path: Path):
    assert write_output(tmp_path / "a.txt", "a\r\nb\n").read_bytes() == b"a\r\nb\n"


def an_existing_file(folder: Path) -> tuple[Path, Callable[[], None]]:
    path = folder / "shot.svg"
    path.write_text(GOOD)

    def unchanged() -> None:
        assert path.read_text() == GOOD

    return path, unchanged


def a_symlink_to_a_file(folder: Path) -> tuple[Path, Callable[[], None]]:
    target = folder / "precious.txt"
    target.write_text(GOOD)
    path = folder / "shot.svg"
    path.symlink_to(target)

    def unchanged() -> None:
        assert path.is_symlink() and target.read_text() == GOOD

    return path, unchanged


def a_dangling_symlink(folder: Path) -> tuple[Path, Callable[[], None]]:
    target = folder / "made-through-the-link.txt"
    path = folder / "shot.svg"
    path.symlink_to(target)

    def unchanged() -> None:
        assert path.is_symlink() and not target.exists()

    return path, unchanged


def a_folder(folder: Path) -> tuple[Path, Callable[[], None]]:
    path = folder / "shot.svg"
    path.mkdir()
    (path / "inside").write_text(GOOD)

    def unchanged() -> None:
        assert (path / "inside").read_text() == GOOD

    return path, unchanged


# What is at the name already: (how to make it, the words of the refusal)
TAKEN = {
    "a file": (an_existing_file, "already exists"),
    "a symlink to a file": (a_symlink_to_a_file, "already exists"),
    "a dangling symlink": (a_dangling_symlink, "already exists"),
    "a folder": (a_folder, "already exists"),
}


@pytest.mark.parametrize("case", TAKEN)
def test_a_taken_name_is_refused_and_left_alone(tmp_path: Path, case: str):
    make, words = TAKEN[case]
    path, unchanged = make(tmp_path)
    with pytest.raises(OutputExists) as refused:
        write_output(path, NEW)
    assert str(refused.value) == f"{path}: {words}"
    unchanged()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("case", ["a file", "a symlink to a file", "a dangling symlink"])
def test_overwrite_replaces_the_name_never_what_a_symlink_points_to(tmp_path: Path, case: str):
    make, _ = TAKEN[case]
    path, _ = make(tmp_path)
    pointed_to = os.readlink(path) if path.is_symlink() else None
    write_output(path, NEW, overwrite=True)
    assert not path.is_symlink() and path.read_text() == NEW
    if pointed_to is not None:
        target = tmp_path / pointed_to
        assert not target.exists() or target.read_text() == GOOD
    assert leftovers(tmp_path) == []


def test_overwrite_does_not_replace_a_folder(tmp_path: Path):
    path, unchanged = a_folder(tmp_path)
    with pytest.raises(OutputError) as refused:
        write_output(path, NEW, overwrite=True)
    assert str(refused.value) == f"{path}: a folder has that name"
    unchanged()
    assert leftovers(tmp_path) == []


def test_a_read_only_folder_is_one_line(read_only_folder: Path):
    with pytest.raises(OutputError) as refused:
        write_output(read_only_folder / "shot.svg", NEW)
    message = str(refused.value)
    assert message.startswith(f"{read_only_folder / 'shot.svg'}: cannot write it: ")
    assert "\n" not in message
    assert list(read_only_folder.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path: Path):
    with pytest.raises(OutputError) as refused:
        write_output(tmp_path / "gone" / "shot.svg", NEW)
    assert str(refused.value) == f"{tmp_path / 'gone'}: no such folder"


def test_a_name_with_an_escape_sequence_is_told_escaped(tmp_path: Path):
    folder = tmp_path / "a\x1b[2Jb"
    with pytest.raises(OutputError) as refused:
        write_output(folder / "shot.svg", NEW)
    assert "\x1b" not in str(refused.value)
    assert "a\\x1b[2Jb" in str(refused.value)


def test_an_error_while_writing_leaves_nothing(tmp_path: Path):
    path, unchanged = an_existing_file(tmp_path)
    with pytest.raises(RuntimeError), open_output(path, overwrite=True) as file:
        file.write(NEW)
        raise RuntimeError("the picture could not be made")
    unchanged()
    assert leftovers(tmp_path) == []


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from l1l2_tui.file_output import OutputError, write_output
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    write_output(Path(sys.argv[1]), "x" * 100_000, overwrite=True)
except OutputError as exc:
    print(exc)
"""


def test_a_disk_that_fills_up_leaves_the_good_file_whole(tmp_path: Path):
    """A file-size limit makes the write fail part-way, as a full disk does."""
    path, unchanged = an_existing_file(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout == f"{path}: cannot write it: File too large\n"
    unchanged()
    assert leftovers(tmp_path) == []


def test_numbered_files_never_replace_one_another(tmp_path: Path):
    (tmp_path / "shot-3.svg").write_text(GOOD)
    (tmp_path / "shot-4.svg").symlink_to(tmp_path / "nowhere")
    written = [write_numbered_file(tmp_path, "shot", ".svg", f"{i}") for i in range(4)]
    assert [p.name for p in written] == ["shot.svg", "shot-2.svg", "shot-5.svg", "shot-6.svg"]
    assert [p.read_text() for p in written] == ["0", "1", "2", "3"]
    assert (tmp_path / "shot-3.svg").read_text() == GOOD
    assert not (tmp_path / "nowhere").exists()


def test_numbered_files_stop_at_a_folder_they_cannot_write(read_only_folder: Path):
    with pytest.raises(OutputError) as refused:
        write_numbered_file(read_only_folder, "shot", ".svg", NEW)
    assert "cannot write it" in str(refused.value)
