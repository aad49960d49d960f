"""Symbolic links in a git revision (issue 8, "Paths"): ``claimlog diff`` reads a
revision from the commit alone, and follows its links as the working tree does.

Each test builds a real repository in ``tmp_path`` whose commit holds symbolic links
(made with ``os.symlink``, committed with ``git add``), checks the working tree with
``claimlog check`` and the commit with ``claimlog diff`` from an empty base commit (so
every finding of the commit is a new one), and asserts both give the same findings:
a link to a regular file inside the repository is read under the link's name; a link
out of it, to a folder or to a submodule is CL016 at the link; a broken or looping
link is CL013. A secret outside the repository, the target of links, appears in no
output.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimlog.diff import load_revision
from claimlog.files import discover
from conftest import CLEAN_LEDGER, Run, commit, git, isolate_git, write

SECRET = f"claimlog-git-secret-{uuid.uuid4().hex}"
"""In the file outside the repository that links point to: never in any output."""

# A ledger with a finding whose excerpt shows a line of the file (an unknown source),
# so that a file read under the wrong name, or read at all, shows in the output.
CITING = CLEAN_LEDGER.replace("    source: src-a\n", "    source: src-zz\n")

DIFF_FORMATS = ["text", "json", "markdown"]


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(tmp_path, monkeypatch)


def link(at: Path, target: str | Path) -> None:
    at.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, at)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (the current directory) with an empty first commit, ``base``, and a
    ledger in ``shared/`` for links to point to; next to it, outside, a ledger holding
    the secret, the way ``~/.netrc`` is next to a checkout."""
    home = tmp_path / "home"
    top = home / "repo"
    top.mkdir(parents=True)
    write(home / "secret.yaml", CITING.replace("src-zz", SECRET))
    git(top, "init", "-q", "-b", "main")
    git(top, "commit", "-q", "--allow-empty", "-m", "base")
    git(top, "tag", "base")
    write(top / "shared" / "evidence.yaml", CITING)
    monkeypatch.chdir(top)
    return Path(os.path.realpath(top))


def _case_inside(top: Path) -> None:
    link(top / "ledgers" / "linked.yaml", "../shared/evidence.yaml")


def _case_absolute_inside(top: Path) -> None:
    link(top / "ledgers" / "absolute.yaml", top / "shared" / "evidence.yaml")


def _case_chain(top: Path) -> None:
    link(top / "shared" / "hop.yaml", "evidence.yaml")
    link(top / "ledgers" / "chain.yaml", "../shared/hop.yaml")


def _case_through_a_linked_folder(top: Path) -> None:
    link(top / "data", "shared")
    link(top / "ledgers" / "via.yaml", "../data/evidence.yaml")


def _case_out_and_back_in(top: Path) -> None:
    link(top / "ledgers" / "back.yaml", "../../repo/shared/evidence.yaml")


def _case_outside(top: Path) -> None:
    link(top / "ledgers" / "out.yaml", "../../secret.yaml")


def _case_absolute_outside(top: Path) -> None:
    link(top / "ledgers" / "out.yaml", top.parent / "secret.yaml")


def _case_outside_through_a_linked_folder(top: Path) -> None:
    link(top / "up", "..")
    link(top / "ledgers" / "out.yaml", "../up/secret.yaml")


def _case_hidden(top: Path) -> None:
    write(top / ".private" / "notes.yaml", CITING.replace("src-zz", SECRET))
    link(top / "ledgers" / "hidden.yaml", "../.private/notes.yaml")


def _case_git_config(top: Path) -> None:
    """Where a CI checkout keeps its token (absent at a revision: git stores no .git)."""
    link(top / "ledgers" / "config.yaml", "../.git/config")


def _case_folder(top: Path) -> None:
    link(top / "ledgers" / "folder.yaml", "../shared")


def _case_folder_by_another_name(top: Path) -> None:
    """A link to a folder of ledgers named like a folder: its ledgers are not read, and
    the finding says so (a search dropped them without a word)."""
    link(top / "ledgers" / "more", "../shared")


def _case_folder_without_ledgers(top: Path) -> None:
    """A link to a folder of images beside the ledgers: nothing of the set is behind
    it, no finding (a link to any folder failed the check)."""
    write(top / "ledgers" / "a.yaml", CITING)
    write(top / "assets" / "map.txt", "not a ledger\n")
    write(top / "assets" / ".hidden" / "x.yaml", "title: hidden\n")
    link(top / "ledgers" / "images", "../assets")


def _case_folder_outside_by_another_name(top: Path) -> None:
    """The same out of the repository: no ledger of the set is there, and a revision
    cannot look: skipped alike."""
    write(top / "ledgers" / "a.yaml", CITING)
    link(top / "ledgers" / "etc", str(top.parent))


def _case_top(top: Path) -> None:
    link(top / "ledgers" / "top.yaml", "..")


def _case_submodule(top: Path) -> None:
    (top / "vendor").mkdir()
    git(top, "update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},vendor")
    link(top / "ledgers" / "module.yaml", "../vendor")


def _case_dangling(top: Path) -> None:
    link(top / "ledgers" / "gone.yaml", "nowhere.yaml")


def _case_through_a_file(top: Path) -> None:
    link(top / "ledgers" / "under.yaml", "../shared/evidence.yaml/x")


def _case_loop(top: Path) -> None:
    link(top / "ledgers" / "loop.yaml", "loop.yaml")


def _case_cycle(top: Path) -> None:
    link(top / "ledgers" / "ping.yaml", "../shared/pong")
    link(top / "shared" / "pong", "../ledgers/ping.yaml")


def _case_long_chain(top: Path) -> None:
    """A chain of 45 links: more than the file system (and claimlog) follows."""
    for n in range(45):
        link(top / "shared" / f"hop-{n}", f"hop-{n + 1}")
    link(top / "shared" / "hop-45", "evidence.yaml")
    link(top / "ledgers" / "long.yaml", "../shared/hop-0")


def _case_the_same_file_twice(top: Path) -> None:
    """Met first under the link's name: read once, under it (the working tree's rule)."""
    write(top / "ledgers" / "b.yaml", CITING)
    link(top / "ledgers" / "a.yaml", "b.yaml")


CASES: dict[str, tuple[Callable[[Path], None], list[tuple[str, str]]]] = {
    "inside": (_case_inside, [("CL201", "ledgers/linked.yaml")]),
    "absolute-inside": (_case_absolute_inside, [("CL201", "ledgers/absolute.yaml")]),
    "chain": (_case_chain, [("CL201", "ledgers/chain.yaml")]),
    "linked-folder": (_case_through_a_linked_folder, [("CL201", "ledgers/via.yaml")]),
    "out-and-back": (_case_out_and_back_in, [("CL201", "ledgers/back.yaml")]),
    "outside": (_case_outside, [("CL016", "ledgers/out.yaml")]),
    "absolute-outside": (_case_absolute_outside, [("CL016", "ledgers/out.yaml")]),
    "outside-via-folder": (_case_outside_through_a_linked_folder, [("CL016", "ledgers/out.yaml")]),
    "hidden": (_case_hidden, [("CL016", "ledgers/hidden.yaml")]),
    "git-config": (_case_git_config, [("CL016", "ledgers/config.yaml")]),
    "folder": (_case_folder, [("CL016", "ledgers/folder.yaml")]),
    "top": (_case_top, [("CL016", "ledgers/top.yaml")]),
    "folder-by-another-name": (_case_folder_by_another_name, [("CL016", "ledgers/more")]),
    "folder-without-ledgers": (_case_folder_without_ledgers, [("CL201", "ledgers/a.yaml")]),
    "folder-outside-by-another-name": (
        _case_folder_outside_by_another_name,
        [("CL201", "ledgers/a.yaml")],
    ),
    "submodule": (_case_submodule, [("CL016", "ledgers/module.yaml")]),
    "dangling": (_case_dangling, [("CL013", "ledgers/gone.yaml")]),
    "through-a-file": (_case_through_a_file, [("CL013", "ledgers/under.yaml")]),
    "loop": (_case_loop, [("CL013", "ledgers/loop.yaml")]),
    "cycle": (_case_cycle, [("CL013", "ledgers/ping.yaml")]),
    "long-chain": (_case_long_chain, [("CL013", "ledgers/long.yaml")]),
    "same-file-twice": (_case_the_same_file_twice, [("CL201", "ledgers/a.yaml")]),
}


def _findings(report: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(d, sort_keys=True) for d in report)


def _places(report: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return sorted((d["code"], d["path"]) for d in report if d["code"] != "CL406")


def _assert_clean(result: Run) -> None:
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_revision_gives_the_working_tree_findings(
    repo: Path, cli: Callable[..., Run], case: str
) -> None:
    build, expected = CASES[case]
    build(repo)
    in_tree = cli(["check", "--format", "json", "ledgers"])
    _assert_clean(in_tree)
    head = commit(repo, case)
    at_head = cli(["diff", "base", head, "--format", "json", "-p", "ledgers"])
    _assert_clean(at_head)
    new = at_head.json()["findings"]["new"]
    assert _places(new) == expected
    assert _findings(new) == _findings(in_tree.json()["diagnostics"])
    for finding in new:
        if finding["code"] in ("CL013", "CL016"):
            assert (finding["line"], finding["column"]) == (1, 1)  # at the link


def test_link_read_under_its_own_name_with_the_linked_file_s_findings(repo: Path) -> None:
    _case_chain(repo)
    commit(repo, "a chain")
    at_head = load_revision(repo, "HEAD", ["ledgers"], repo)
    assert [f.path for f in at_head.files] == ["ledgers/chain.yaml"]
    (loaded,) = at_head.loaded.values()
    assert loaded.path == "ledgers/chain.yaml"
    assert [f.path for f in discover(["ledgers"], repo)] == [repo / "shared" / "evidence.yaml"]


@pytest.mark.parametrize(
    "build", [_case_outside, _case_absolute_outside, _case_outside_through_a_linked_folder]
)
def test_secret_outside_the_repository_is_in_no_diff_output(
    repo: Path, cli: Callable[..., Run], build: Callable[[Path], None]
) -> None:
    build(repo)
    _case_inside(repo)  # a file read, so that every output has findings to show
    head = commit(repo, "links out")
    for fmt in DIFF_FORMATS:
        for sides in (["base", head], ["base"]):  # two revisions; a revision and the tree
            result = cli(["diff", *sides, "--format", fmt, "-p", "ledgers"])
            _assert_clean(result)
            assert result.code == 1, (fmt, result.stdout, result.stderr)
            assert "CL016" in result.stdout
            assert "ledgers/out.yaml" in result.stdout
    refused = [
        d
        for d in cli(["diff", "base", head, "--format", "json"]).json()["findings"]["new"]
        if d["code"] == "CL016"
    ]
    assert len(refused) == 1
    assert refused[0]["message"].endswith(", outside the repository; not read")


def test_link_named_as_a_path_at_a_revision_where_it_leads_to_a_folder(repo: Path) -> None:
    """``data`` is a link to a folder in the commit but a plain folder in the working
    tree: the revision follows the commit's link and searches the folder it leads to
    (as the working tree searches a link to a folder named on the command line), its
    files shown under the path given."""
    link(repo / "data", "shared")
    link(repo / "shared" / "out.yaml", "../../secret.yaml")
    commit(repo, "data is a link")
    (repo / "data").unlink()
    write(repo / "data" / "untracked.txt", "not a ledger\n")
    at_head = load_revision(repo, "HEAD", ["data"], repo)
    assert [f.path for f in at_head.files] == ["data/evidence.yaml", "data/out.yaml"]
    codes = {d.path: d.code for f in at_head.loaded.values() for d in f.diagnostics}
    assert codes == {"data/out.yaml": "CL016"}
    assert "src-zz" in at_head.loaded["data/evidence.yaml"].text


def test_looping_link_named_as_a_path_is_a_clean_error(repo: Path, cli: Callable[..., Run]) -> None:
    write(repo / "ledgers" / "a.yaml", CLEAN_LEDGER)
    commit(repo, "a ledger")
    link(repo / "ledgers" / "loop.yaml", "loop.yaml")
    for args in (
        ["diff", "HEAD", "-p", "ledgers/loop.yaml"],
        ["diff", "HEAD", "-p", "loop/x.yaml"],
    ):
        if args[-1].startswith("loop/"):
            link(repo / "loop", "loop")
        result = cli(args)
        assert result.code == 2, result
        assert result.stdout == ""
        assert result.stderr.startswith("claimlog: ")
        assert result.stderr.count("\n") == 1
        assert "cannot resolve path" in result.stderr
        assert "loops" in result.stderr
        assert "Traceback" not in result.stderr
