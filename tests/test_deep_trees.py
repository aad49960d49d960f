"""Deep folder trees and many exclude globs (the hunt's shapes 9-11): discovery, the
``exclude`` globs and a revision's listing do work linear in the files times their
depth, with the answers they gave before.

Behaviour: :class:`~claimlog.files.RealPaths` answers as :func:`os.path.realpath` does
(links, loops, dangling links, ``..``, ``//``), and one made after the tree changed
sees the change; a glob still excludes at depth, in the working tree and at a
revision; the globs match as :func:`fnmatch.fnmatch`; a linked folder deep in the
tree is still a finding; ``ledger_folders`` is the set it was. Bounds: the
``lstat`` calls of a search of a tree 200 folders deep are a small multiple of its
files and folders (they were its depth squared).
"""

from __future__ import annotations

import os
import random
from fnmatch import fnmatch
from pathlib import Path
from unittest import mock

import pytest

from claimlog import rules as R
from claimlog.files import (
    LINKED_FOLDER,
    Exclude,
    RealPaths,
    _glob_matcher,
    discover,
    is_ledger_name,
)
from claimlog.git import _Tree, list_ledgers
from conftest import commit, git, isolate_git

LEDGER = "claims:\n  - {id: c1, statement: C.}\n"


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(tmp_path, monkeypatch, fixed_dates=False)


def commit_all(repo: Path) -> str:
    """A new repository in ``repo`` with everything committed; the commit's hash."""
    git(repo, "init", "-q")
    return commit(repo, "x")


def deep_tree(top: Path, depth: int, every: str = "x.yaml") -> list[Path]:
    """``top/a/a/.../a`` ``depth`` folders deep, a file ``every`` in each; the folders."""
    folders, here = [], top
    for _ in range(depth):
        here.mkdir(parents=True, exist_ok=True)
        (here / every).write_text(LEDGER)
        folders.append(here)
        here = here / "a"
    return folders


def link_zoo(root: Path) -> list[str]:
    """A tree of awkward links; the paths (relative to ``root``) to resolve."""
    for name in ("ledgers/a/a", "other/deep", ".secret"):
        (root / name).mkdir(parents=True)
    (root / "ledgers/a.yaml").write_text(LEDGER)
    (root / "ledgers/a/a/c.yaml").write_text(LEDGER)
    (root / "other/o.yaml").write_text(LEDGER)
    links = {
        "ledgers/file.yaml": "a.yaml",
        "ledgers/up.yaml": "../other/o.yaml",
        "ledgers/out.yaml": "../../../../etc/passwd",
        "ledgers/abs.yaml": str(root / "ledgers/a.yaml"),
        "ledgers/loop1": "loop2",
        "ledgers/loop2": "loop1",
        "ledgers/self": "self",
        "ledgers/dangling.yaml": "nowhere.yaml",
        "ledgers/more": "../other",
        "ledgers/hid": "../.secret",
        "ledgers/a/a/dotdot.yaml": "../a/../a/c.yaml",
        "ledgers/a/chain.yaml": "../file.yaml",
        "ledgers/a/a/up3": "../../..",
    }
    for name, target in links.items():
        os.symlink(target, root / name)
    names = [p.relative_to(root).as_posix() for p in sorted(root.rglob("*"))]
    parts = ["ledgers", "a", "..", ".", "", "more", "self", "loop1", "up3", "x", "o.yaml"]
    rng = random.Random(4)
    for _ in range(400):
        names.append("/".join(rng.choice(parts) for _ in range(rng.randint(1, 6))))
    return names


def test_real_paths_answer_as_realpath(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = link_zoo(tmp_path)
    for cwd in (tmp_path, tmp_path / "ledgers", tmp_path / "ledgers/a/a"):
        monkeypatch.chdir(cwd)
        real = RealPaths()
        for name in names:
            for path in (name, name + "/", os.path.join(str(cwd), name), "/" + name):
                assert real(path) == os.path.realpath(path), path
                assert real(path) == os.path.realpath(path), path  # kept, and the same


def test_real_paths_are_per_run(tmp_path: Path) -> None:
    """What one RealPaths learnt is not another's: a folder replaced by a link between
    two runs is seen as a link by the second (a stale answer would let it out)."""
    (tmp_path / "ledgers/sub").mkdir(parents=True)
    (tmp_path / "ledgers/sub/x.yaml").write_text(LEDGER)
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "x.yaml").write_text(LEDGER)
    first = discover(["ledgers"], tmp_path)
    assert [(f.shown, f.problem) for f in first] == [("ledgers/sub/x.yaml", None)]
    (tmp_path / "ledgers/sub/x.yaml").unlink()
    (tmp_path / "ledgers/sub").rmdir()
    os.symlink(outside / "x.yaml", tmp_path / "ledgers/sub.yaml")
    second = discover(["ledgers"], tmp_path)
    assert [f.shown for f in second] == ["ledgers/sub.yaml"]
    assert second[0].problem is not None
    assert second[0].problem[0] == R.UNSAFE_FILE


def test_globs_match_as_fnmatch() -> None:
    rng = random.Random(2)
    for _ in range(3000):
        globs = tuple(
            "".join(rng.choice("ab*?[]!./") for _ in range(rng.randint(0, 6)))
            for _ in range(rng.randint(1, 5))
        )
        match = _glob_matcher(globs)
        for _ in range(4):
            name = "".join(rng.choice("ab./[]!") for _ in range(rng.randint(0, 6)))
            want = any(fnmatch(name, glob.removeprefix("./")) for glob in globs)
            assert match(name) is want, (globs, name)


def test_exclude_holds_at_depth_in_the_tree_and_at_a_revision(tmp_path: Path) -> None:
    """``drafts/*`` style globs drop what is below a folder 40 deep, as before; the rest
    of the deep tree is read, in the tree and at the commit alike."""
    folders = deep_tree(tmp_path / "ledgers", 40)
    deep = folders[30]
    (deep / "drafts").mkdir()
    (deep / "drafts/d.yaml").write_text(LEDGER)
    (deep / "drafts/inner").mkdir()
    (deep / "drafts/inner/e.yaml").write_text(LEDGER)
    (deep / "skip.yml").write_text(LEDGER)
    head = commit_all(tmp_path)
    rel = deep.relative_to(tmp_path).as_posix()
    exclude = Exclude(tmp_path, ("*/drafts/*", f"./{rel}/skip.yml", "ledgers/a/a/a/x.yaml"))
    want = sorted(f.relative_to(tmp_path).as_posix() + "/x.yaml" for f in folders)
    want.remove("ledgers/a/a/a/x.yaml")
    found = discover(["ledgers"], tmp_path, exclude)
    assert [f.shown for f in found] == want
    assert all(f.problem is None for f in found)
    listed = list_ledgers(tmp_path, head, ["ledgers"], tmp_path, exclude)
    assert [f.shown for f in listed] == want
    # A folder named is searched in full; unexcluded, everything is found.
    named = [f.shown for f in discover([f"{rel}/drafts"], tmp_path, exclude)]
    assert named == [f"{rel}/drafts/d.yaml", f"{rel}/drafts/inner/e.yaml"]
    listed_named = list_ledgers(tmp_path, head, [f"{rel}/drafts"], tmp_path, exclude)
    assert [f.shown for f in listed_named] == named
    assert len(discover(["ledgers"], tmp_path)) == len(want) + 4


def test_linked_folder_deep_in_the_tree_is_a_finding(tmp_path: Path) -> None:
    folders = deep_tree(tmp_path / "ledgers", 30)
    (tmp_path / "other/sub").mkdir(parents=True)
    (tmp_path / "other/sub/o.yaml").write_text(LEDGER)
    (tmp_path / "images").mkdir()
    (tmp_path / "images/i.txt").write_text("x")
    os.symlink(os.path.relpath(tmp_path / "other", folders[25]), folders[25] / "more")
    os.symlink(os.path.relpath(tmp_path / "images", folders[20]), folders[20] / "imgs")
    os.symlink("x.yaml", folders[28] / "same.yaml")  # read once, under the first name
    (folders[28] / "only.txt").write_text(LEDGER)  # found only through the link
    os.symlink("../only.txt", folders[29] / "up.yaml")
    head = commit_all(tmp_path)
    more = (folders[25] / "more").relative_to(tmp_path).as_posix()
    for listing in (
        [(f.shown, f.problem) for f in discover(["ledgers"], tmp_path)],
        [(f.shown, f.problem) for f in list_ledgers(tmp_path, head, ["ledgers"], tmp_path)],
    ):
        problems = [(shown, problem) for shown, problem in listing if problem is not None]
        assert problems == [(more, (R.UNSAFE_FILE, LINKED_FOLDER))]
        names = {shown for shown, _ in listing}
        assert not any("imgs" in name for name in names)
        up = (folders[29] / "up.yaml").relative_to(tmp_path).as_posix()
        assert up in names
    disk = discover(["ledgers"], tmp_path)
    real_up = next(f.path for f in disk if f.shown.endswith("/up.yaml"))
    assert real_up == (folders[28] / "only.txt").resolve()


def _ledger_folders_before(entries: dict[str, str]) -> set[str]:
    """The set as it was computed before (every folder of every blob asked)."""
    out: set[str] = set()
    for name, kind in entries.items():
        parts = name.split("/")
        if kind != "blob" or len(parts) < 2:
            continue
        for depth in range(len(parts) - 1, 0, -1):
            folder = "/".join(parts[:depth])
            if folder in out:
                break
            if is_ledger_name("/".join(parts[depth:])):
                out.add(folder)
    return out


def test_ledger_folders_as_before(tmp_path: Path) -> None:
    rng = random.Random(9)
    parts = ["a", "b", ".h", "c.yaml", "x.txt", ".x.yaml", "d.yml"]
    for name in {"/".join(rng.choice(parts) for _ in range(rng.randint(1, 7))) for _ in range(300)}:
        path = tmp_path / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(LEDGER)
        except OSError:  # a file where a folder is wanted: another layout
            continue
    (tmp_path / "seed.yaml").write_text(LEDGER)
    commit_all(tmp_path)
    tree = _Tree(tmp_path, "HEAD")
    entries = {name: entry.kind for name, entry in tree.entries.items()}
    assert tree.ledger_folders == _ledger_folders_before(entries)
    assert tree.ledger_folders  # the test means something


def test_search_of_a_deep_tree_is_bounded(tmp_path: Path) -> None:
    """Depth 200, a ledger and a link in each folder, an exclude glob: the ``lstat``
    calls (realpath's included) are a small multiple of what the tree holds (before:
    about depth squared, 60,000 here)."""
    depth = 200
    folders = deep_tree(tmp_path / "ledgers", depth)
    for folder in folders:
        os.symlink("x.yaml", folder / "l.yaml")
    exclude = Exclude(tmp_path, ("*/drafts/*",))
    entries = 3 * depth  # a ledger, a link and a folder at each depth
    with mock.patch("os.lstat", wraps=os.lstat) as lstat:
        found = discover(["ledgers"], tmp_path, exclude)
    assert len(found) == depth
    assert lstat.call_count <= 6 * entries, lstat.call_count
