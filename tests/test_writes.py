"""Writes that cannot lose data (src/claimlog/writes.py): atomic, verified, mode kept,
never through a link out of the tree, the original intact when a write is killed."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimlog import writes
from claimlog.writes import WriteError, newline_of, with_newline, write_file


def _strays(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(writes.TEMP_SUFFIX))


def test_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    write_file(target, b"new\n", tmp_path)
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _strays(tmp_path) == []


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_file(tmp_path / "new.yaml", b"x\n", tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640


def test_a_refused_verification_leaves_the_original(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"keep: me\n")
    seen: list[bytes] = []

    def verify(data: bytes) -> str | None:
        seen.append(data)
        return "a comment would be lost"

    with pytest.raises(WriteError, match="a comment would be lost"):
        write_file(target, b"other\n", tmp_path, verify)
    assert seen == [b"other\n"]  # verified what is on disk, before the rename
    assert target.read_bytes() == b"keep: me\n"
    assert _strays(tmp_path) == []


def test_a_link_out_of_the_tree_is_refused(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    outside = tmp_path / "secret.yaml"
    outside.write_text("secret\n")
    (tree / "a.yaml").symlink_to(outside)
    with pytest.raises(WriteError, match="outside"):
        write_file(tree / "a.yaml", b"x\n", tree)
    assert outside.read_text() == "secret\n"
    assert (tree / "a.yaml").is_symlink()


def test_a_link_inside_the_tree_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text("old\n")
    (tmp_path / "a.yaml").symlink_to("real.yaml")
    write_file(tmp_path / "a.yaml", b"new\n", tmp_path)
    assert (tmp_path / "a.yaml").is_symlink()
    assert (tmp_path / "real.yaml").read_bytes() == b"new\n"


def test_a_folder_is_not_written(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").mkdir()
    with pytest.raises(WriteError, match="not a regular file"):
        write_file(tmp_path / "d.yaml", b"x\n", tmp_path)


def test_an_error_in_the_hook_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"old\n")

    def boom(_tmp: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writes, "_before_replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_file(target, b"new\n", tmp_path)
    assert target.read_bytes() == b"old\n"
    assert _strays(tmp_path) == []


def test_a_write_killed_midway_leaves_the_original(tmp_path: Path) -> None:
    """A real process killed (SIGKILL, no clean-up) after the new bytes are on disk and
    before the rename: the original is intact, only a stray temporary file remains."""
    target = tmp_path / "a.yaml"
    original = b"claims:\n  - id: a  # a comment\n" * 1000
    target.write_bytes(original)
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from claimlog import writes
        writes._before_replace = lambda tmp: os.kill(os.getpid(), signal.SIGKILL)
        writes.write_file(Path({str(target)!r}), b"truncated", Path({str(tmp_path)!r}))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert target.read_bytes() == original
    assert len(_strays(tmp_path)) == 1


@pytest.mark.parametrize(
    ("text", "expected"), [("a\r\nb\r\n", "\r\n"), ("a\nb\n", "\n"), ("", "\n"), ("\n", "\n")]
)
def test_newline_of(text: str, expected: str) -> None:
    assert newline_of(text) == expected


def test_with_newline_round_trips() -> None:
    assert with_newline("a\nb\n", "\r\n") == "a\r\nb\r\n"
    assert with_newline("a\nb\n", "\n") == "a\nb\n"
