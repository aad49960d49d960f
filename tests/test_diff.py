"""``claimlog diff``: the engine (ledger sets at git revisions, compared) and its
renderers, tested in temporary git repositories with real commits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from claimlog.diagnostics import Diagnostic, Severity
from claimlog.diff import (
    WORKTREE,
    ClaimChange,
    DiffReport,
    GitError,
    compare_findings,
    default_base,
    diff,
    load_revision,
)
from claimlog.files import Exclude, discover
from claimlog.git import list_ledgers
from claimlog.ledgerset import LedgerSet, PathError, load_set
from claimlog.render.diff import (
    MAX_GRAPH_ITEMS,
    diff_json,
    diff_markdown,
    diff_text,
    mermaid_label,
)
from claimlog.render.json import dumps
from claimlog.render.safe import code_span, md_text
from claimlog.settings import Settings
from conftest import DIAGNOSTIC_KEYS, commit, git, isolate_git

# No finding at all. claim-a: unverified, likely (66%); claim-b: refuted, almost no chance (1%).
LEDGER = """\
title: Test ledger
sources:
  - id: src-a
    name: Source A
    reliability: B
  - id: src-b
    name: Source B
    reliability: A
  - id: src-c
    name: Source C
    reliability: A
claims:
  - id: claim-a
    statement: Something happened.
  - id: claim-b
    statement: Something else happened.
evidence:
  - id: ev-a
    summary: A report that it happened.
    source: src-a
    credibility: 3
    stance:
      claim-a: supports
      claim-b: refutes
  - id: ev-b
    summary: A firm denial.
    source: src-b
    credibility: 1
    stance:
      claim-b: strongly-refutes
  - id: ev-c
    summary: Another denial.
    source: src-c
    credibility: 2
    stance:
      claim-b: refutes
"""

NEW_CLAIM = """\
  - id: claim-new
    statement: A new claim.
"""
NEW_EVIDENCE = """\
  - id: ev-new
    summary: A report on the new claim.
    source: src-a
    stance:
      claim-new: supports
"""
ADD_CLAIM = ("claims:\n", "claims:\n" + NEW_CLAIM)
ADD_EVIDENCE = ("evidence:\n", "evidence:\n" + NEW_EVIDENCE)
FLIP_B = ("claim-b: strongly-refutes", "claim-b: supports")  # claim-b: refuted -> disputed
UNUSED_SOURCE = ("sources:\n", "sources:\n  - id: src-unused\n    name: Nobody cites it\n")


def prior_a(value: str) -> tuple[str, str]:
    return (
        "    statement: Something happened.\n",
        f"    statement: Something happened.\n    prior: {value}\n",
    )


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(tmp_path, monkeypatch)


def short(repo: Path, rev: str) -> str:
    return git(repo, "rev-parse", "--short", rev)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository on branch main with one commit of ledgers/main.yaml; the current
    directory is its top."""
    top = tmp_path / "repo"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    write(top / "ledgers" / "main.yaml", LEDGER)
    commit(top, "base")
    monkeypatch.chdir(top)
    return top


def main_file(repo: Path) -> Path:
    return repo / "ledgers" / "main.yaml"


def run(repo: Path, base: str | None = None, head: str | None = None, **kw: object) -> DiffReport:
    paths = kw.pop("paths", ["ledgers"])
    assert isinstance(paths, list)
    as_of = kw.pop("as_of", None)
    return diff(repo, base, head, paths, as_of, **kw)  # type: ignore[arg-type]


def changes(report: DiffReport) -> list[tuple[str, str]]:
    return [(c.id, c.change) for c in report.changes]


# --- claims ----------------------------------------------------------------------------


def test_nothing_changed(repo: Path) -> None:
    report = run(repo, "HEAD")
    assert report.changes == []
    assert report.new_findings == report.resolved_findings == []
    assert report.head == WORKTREE
    assert report.head_ref == "working tree"
    assert "No change in assessments." in diff_text(report)


def test_claim_added(repo: Path) -> None:
    edit(main_file(repo), ADD_CLAIM, ADD_EVIDENCE)
    report = run(repo, "HEAD")
    assert changes(report) == [("claim-new", "added")]
    (change,) = report.changes
    assert change.before is None
    assert change.after is not None
    assert change.after.verdict == "unverified"
    assert report.new_findings == []


def test_claim_removed(repo: Path) -> None:
    edit(main_file(repo), ADD_CLAIM, ADD_EVIDENCE)
    commit(repo, "add a claim")
    edit(main_file(repo), (NEW_CLAIM, ""), (NEW_EVIDENCE, ""))
    report = run(repo, "HEAD")
    assert changes(report) == [("claim-new", "removed")]
    assert report.changes[0].after is None
    assert report.changes[0].before is not None


def test_verdict_change(repo: Path) -> None:
    edit(main_file(repo), FLIP_B)
    report = run(repo, "HEAD")
    assert changes(report) == [("claim-b", "changed")]
    (change,) = report.changes
    assert change.before is not None
    assert change.after is not None
    assert (change.before.verdict, change.after.verdict) == ("refuted", "disputed")
    assert change.delta == pytest.approx(change.after.probability - change.before.probability)


def test_probability_move_below_threshold_is_not_listed(repo: Path) -> None:
    edit(main_file(repo), prior_a("0.505"))  # claim-a moves by about a quarter of a point
    assert run(repo, "HEAD").changes == []
    edit(main_file(repo), ("prior: 0.505", "prior: 0.53"))  # now by about 1.5 points
    moved = run(repo, "HEAD")
    assert changes(moved) == [("claim-a", "changed")]
    (change,) = moved.changes
    assert change.before is not None
    assert change.after is not None
    assert change.before.verdict == change.after.verdict
    assert change.before.label == change.after.label
    assert 0.01 <= change.delta < 0.05
    assert run(repo, "HEAD", threshold=0.05).changes == []


def test_changes_sorted_by_biggest_move_then_id(repo: Path) -> None:
    edit(main_file(repo), FLIP_B, prior_a("0.53"), ADD_CLAIM, ADD_EVIDENCE)
    report = run(repo, "HEAD")
    assert changes(report) == [
        ("claim-b", "changed"),  # about +33 points
        ("claim-a", "changed"),  # about +1.5 points
        ("claim-new", "added"),  # no move: after every move
    ]
    moves = [abs(c.delta) for c in report.changes]
    assert moves == sorted(moves, reverse=True)


# --- findings ---------------------------------------------------------------------------


def test_findings_new_and_resolved(repo: Path) -> None:
    edit(main_file(repo), UNUSED_SOURCE)
    commit(repo, "an unused source")
    # Resolve the unused source, bring an unknown reference.
    edit(main_file(repo), (UNUSED_SOURCE[1], UNUSED_SOURCE[0]), ("source: src-c", "source: src-x"))
    report = run(repo, "HEAD")
    # src-c is now unused: a new CL406 of its own, while src-unused's is resolved.
    assert [(d.code, d.line) for d in report.new_findings] == [("CL406", 9), ("CL201", 33)]
    assert "src-x" in report.new_findings[1].message
    assert [d.code for d in report.resolved_findings] == ["CL406"]
    assert "src-unused" in report.resolved_findings[0].message
    assert report.resolved_findings[0].path == "ledgers/main.yaml"


def test_finding_whose_line_moved_is_neither_new_nor_resolved(repo: Path) -> None:
    edit(main_file(repo), UNUSED_SOURCE)
    write(repo / "ledgers" / "second.yaml", "sources:\n  - id: ev-a\n    name: Same id\n")
    commit(repo, "an unused source, and an id defined twice")
    before = run(repo, "HEAD")
    assert before.new_findings == before.resolved_findings == []
    # Lines added above both findings: every line number moves, in places and messages.
    edit(
        main_file(repo), ("title: Test ledger\n", "title: Test ledger\ndescription: |\n  a\n  b\n")
    )
    report = run(repo, "HEAD")
    assert report.new_findings == report.resolved_findings == []
    assert report.changes == []
    at_head = {d.code: d.line for d in load_and_check(report.before)}
    in_tree = {d.code: d.line for d in load_and_check(report.after)}
    assert set(at_head) == set(in_tree) == {"CL202", "CL406"}
    assert in_tree["CL406"] == at_head["CL406"] + 3


def test_a_renamed_file_or_a_moved_entry_brings_no_new_finding(repo: Path) -> None:
    """Ids are global across files: a reorganisation is no change (a tour found a plain
    'git mv' failing the CI gate with 'new' findings that were the old ones)."""
    edit(main_file(repo), UNUSED_SOURCE, ("source: src-c", "source: src-x"))
    commit(repo, "an unused source and an unknown one")
    git(repo, "mv", "ledgers/main.yaml", "ledgers/renamed.yaml")
    report = run(repo, "HEAD")
    assert report.new_findings == report.resolved_findings == []
    assert report.changes == []
    # A finding that really is new, in the renamed file, still is.
    edit(repo / "ledgers" / "renamed.yaml", ("source: src-x", "source: src-y"))
    report = run(repo, "HEAD")
    assert [(d.code, d.path) for d in report.new_findings] == [("CL201", "ledgers/renamed.yaml")]
    assert [(d.code, d.path) for d in report.resolved_findings] == [("CL201", "ledgers/main.yaml")]


def test_an_unreadable_file_of_the_head_comes_with_a_caution(repo: Path) -> None:
    """A syntax error in one file made diff list the claims of that file as removed and
    the findings the whole-set checks hold back as resolved, with nothing said (a tour
    found 'resolves 10 findings' for a broken file)."""
    write(repo / "ledgers" / "other.yaml", "claims:\n  - id: claim-z\n    statement: Z.\n")
    commit(repo, "another file")
    assert run(repo, "HEAD").unread == []
    write(repo / "ledgers" / "other.yaml", "claims:\n  - id: claim-z\n    statement: [Z.\n")
    report = run(repo, "HEAD")
    assert report.unread == ["ledgers/other.yaml"]
    assert ("claim-z", "removed") in changes(report)
    caution = (
        "Caution: the head has 1 file that could not be read in full (ledgers/other.yaml): "
        "their claims are missing there, and the checks that need the whole set did not "
        "run, so what is listed as removed or resolved may not be."
    )
    assert diff_text(report).endswith(caution + "\n")
    assert "**Caution: the head has 1 file that could not be read in full " in diff_markdown(report)
    assert "`ledgers/other.yaml`" in diff_markdown(report)


def test_threshold_zero_lists_only_what_moved(repo: Path) -> None:
    assert run(repo, "HEAD", threshold=0.0).changes == []
    edit(main_file(repo), prior_a("0.505"))
    assert changes(run(repo, "HEAD", threshold=0.0)) == [("claim-a", "changed")]


def load_and_check(ls: LedgerSet) -> list[Diagnostic]:
    from datetime import date

    from claimlog.checks import CheckOptions, run_checks

    return run_checks(ls, CheckOptions(today=date.today()))


def _d(line: int, message: str = "m", code: str = "CL406", path: str = "a.yaml") -> Diagnostic:
    return Diagnostic(path, line, 1, code, message, line, 2, Severity.WARNING)


def test_findings_compare_as_multisets_ignoring_places() -> None:
    before = [_d(3), _d(9, "other"), _d(5, "defined at a.yaml:5 and line 5")]
    after = [_d(4), _d(7), _d(12, "defined at a.yaml:7 and line 7"), _d(1, code="CL405")]
    new, resolved = compare_findings(before, after)
    assert [(d.code, d.line, d.message) for d in new] == [("CL405", 1, "m"), ("CL406", 7, "m")]
    assert [(d.line, d.message) for d in resolved] == [(9, "other")]


# --- revisions and paths -------------------------------------------------------------------


def test_branch_names_and_short_hashes(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD")
    git(repo, "switch", "-q", "-c", "feature")
    edit(main_file(repo), FLIP_B)
    second = commit(repo, "flip")
    edit(main_file(repo), ADD_CLAIM, ADD_EVIDENCE)  # uncommitted: not in either revision
    by_name = run(repo, "main", "feature")
    assert changes(by_name) == [("claim-b", "changed")]
    assert (by_name.base, by_name.head) == (short(repo, first), short(repo, second))
    assert (by_name.base_ref, by_name.head_ref) == ("main", "feature")
    by_hash = run(repo, short(repo, first), short(repo, second))
    assert diff_json(by_hash) == diff_json(by_name)
    assert (by_hash.base_ref, by_hash.head_ref) == (short(repo, first), short(repo, second))
    backwards = run(repo, "feature", "main")
    assert changes(backwards) == [("claim-b", "changed")]
    assert backwards.changes[0].delta == pytest.approx(-by_name.changes[0].delta)


def test_working_tree_against_head(repo: Path) -> None:
    edit(main_file(repo), FLIP_B)
    head = commit(repo, "flip")
    edit(main_file(repo), ADD_CLAIM, ADD_EVIDENCE)
    report = run(repo, "HEAD")
    assert changes(report) == [("claim-new", "added")]
    assert (report.base, report.head) == (short(repo, head), WORKTREE)
    untracked = repo / "ledgers" / "untracked.yaml"
    write(untracked, "claims:\n  - id: claim-loose\n    statement: Not committed.\n")
    assert ("claim-loose", "added") in changes(run(repo, "HEAD"))


def test_default_base_is_merge_base_with_main(repo: Path) -> None:
    fork = git(repo, "rev-parse", "HEAD")
    git(repo, "switch", "-q", "-c", "feature")
    edit(main_file(repo), FLIP_B)
    commit(repo, "feature work")
    git(repo, "switch", "-q", "main")
    edit(main_file(repo), prior_a("0.6"))  # main moves on after the fork
    commit(repo, "main moves on")
    git(repo, "switch", "-q", "feature")
    assert default_base(repo) == fork
    report = run(repo)
    assert report.base == short(repo, fork)
    assert report.base_ref == "merge-base with main"
    assert changes(report) == [("claim-b", "changed")]  # not main's later claim-a move


def _feature_clone(repo: Path, clone: Path) -> str:
    """A clone of ``repo`` at ``clone`` with a commit on a branch ``feature``; the fork."""
    git(clone.parent, "clone", "-q", str(repo), str(clone))
    fork = git(clone, "rev-parse", "HEAD")
    git(clone, "switch", "-q", "-c", "feature")
    edit(clone / "ledgers" / "main.yaml", FLIP_B)
    commit(clone, "feature work")
    return fork


def test_default_base_follows_origin_head(repo: Path, tmp_path: Path) -> None:
    git(repo, "branch", "-m", "main", "trunk")
    clone = tmp_path / "clone"
    fork = _feature_clone(repo, clone)
    assert git(clone, "symbolic-ref", "--short", "refs/remotes/origin/HEAD") == "origin/trunk"
    assert default_base(clone) == fork
    report = diff(clone, None, None, [str(clone / "ledgers")], None)
    assert report.base_ref == "merge-base with origin/trunk"


def test_default_base_falls_back_to_origin_main(repo: Path, tmp_path: Path) -> None:
    """A CI checkout: detached, no local main, origin/HEAD unset, origin/main there."""
    clone = tmp_path / "ci"
    fork = _feature_clone(repo, clone)
    git(clone, "switch", "-q", "--detach", "feature")
    git(clone, "branch", "-q", "-D", "main", "feature")
    git(clone, "remote", "set-head", "origin", "-d")
    assert default_base(clone) == fork
    report = diff(clone, None, None, [str(clone / "ledgers")], None)
    assert report.base_ref == "merge-base with origin/main"
    assert changes(report) == [("claim-b", "changed")]


def test_a_shallow_checkout_without_a_common_commit_is_an_error_not_head(
    repo: Path, tmp_path: Path
) -> None:
    """A review: actions/checkout fetches one commit; with origin/main fetched as one
    more, HEAD and origin/main share no commit, and `diff` compared with HEAD without a
    word ("No change in assessments."). It says what to do now; naming the base works."""
    clone = tmp_path / "ci"
    _feature_clone(repo, clone)
    git(repo, "commit", "-q", "--allow-empty", "-m", "main moves on")
    shallow = tmp_path / "shallow"
    git(
        tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{clone}", "shallow"
    )
    git(shallow, "remote", "set-head", "origin", "-d")
    git(shallow, "fetch", "-q", "--depth", "1", f"file://{repo}", "main:refs/remotes/origin/main")
    with pytest.raises(GitError, match=r"^this is a shallow clone, .* fetch-depth: 0\)$"):
        diff(shallow, None, None, [str(shallow / "ledgers")], None)
    named = diff(shallow, "origin/main", None, [str(shallow / "ledgers")], None)
    assert changes(named) == [("claim-b", "changed")]
    # As actions/checkout makes it: one commit of the pull request's merge ref, detached,
    # no branch at all (a review: HEAD was taken as the base, without a word).
    ci = tmp_path / "actions"
    ci.mkdir()
    git(ci, "init", "-q")
    git(
        ci,
        "fetch",
        "-q",
        "--depth",
        "1",
        f"file://{clone}",
        "+refs/heads/feature:refs/remotes/pull/1/merge",
    )
    git(ci, "checkout", "-q", "--detach", "refs/remotes/pull/1/merge")
    with pytest.raises(GitError, match=r"^this is a shallow clone"):
        diff(ci, None, None, [str(ci / "ledgers")], None)


def test_default_base_without_a_default_branch_is_head(repo: Path) -> None:
    git(repo, "branch", "-m", "main", "trunk")
    assert default_base(repo) == "HEAD"
    edit(main_file(repo), FLIP_B)
    report = run(repo)
    assert report.base_ref == "HEAD"
    assert changes(report) == [("claim-b", "changed")]


def test_paths_restricted_to_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo / "ledgers" / "sub" / "extra.yaml", NEW_CLAIM.join(["claims:\n", ""]))
    commit(repo, "a sub folder")
    edit(main_file(repo), FLIP_B)
    edit(repo / "ledgers" / "sub" / "extra.yaml", ("A new claim.", "A new claim.\n    prior: 0.7"))
    only_sub = run(repo, "HEAD", paths=["ledgers/sub"])
    assert changes(only_sub) == [("claim-new", "changed")]
    assert [f.path for f in only_sub.after.files] == ["ledgers/sub/extra.yaml"]
    everything = run(repo, "HEAD")
    assert changes(everything) == [("claim-b", "changed"), ("claim-new", "changed")]
    # From inside the folder, paths and shown names are relative to it.
    monkeypatch.chdir(repo / "ledgers")
    inside = diff(repo / "ledgers", "HEAD", None, ["sub"], None)
    assert changes(inside) == [("claim-new", "changed")]
    assert [f.path for f in inside.before.files] == ["sub/extra.yaml"]


def test_revision_lists_the_files_the_working_tree_would(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo / "ledgers" / "b.yml", "title: B\n")
    write(repo / "ledgers" / "notes.txt", "not a ledger\n")
    write(repo / "ledgers" / ".hidden.yaml", "title: hidden\n")
    write(repo / "ledgers" / ".drafts" / "x.yaml", "title: draft\n")
    write(repo / "ledgers" / "deep" / "er" / "c.yaml", "title: C\n")
    write(repo / "other" / "named.txt", "title: named explicitly\n")
    commit(repo, "more files")
    work = repo / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    paths = ["../ledgers", str(repo / "other" / "named.txt"), "../ledgers/b.yml"]
    at_head = load_revision(repo, "HEAD", paths, work)
    in_tree = load_set(paths, work)
    shown = [f.path for f in in_tree.files]
    assert shown == [
        "../ledgers/b.yml",
        "../ledgers/deep/er/c.yaml",
        "../ledgers/main.yaml",
        (repo / "other" / "named.txt").as_posix(),
    ]
    assert [f.path for f in at_head.files] == shown
    assert [f.title for f in at_head.files] == [f.title for f in in_tree.files]
    assert sorted(at_head.loaded) == sorted(in_tree.loaded)


@pytest.mark.parametrize(
    ("globs", "paths"),
    [
        (["ledgers/fixtures/**", "*draft*"], ["ledgers"]),
        (["ledgers/fixtures"], ["."]),
        (["*.yml"], ["ledgers", "ledgers/fixtures"]),
        (["ledgers/fixtures/**"], ["ledgers/fixtures"]),  # named: searched in full
    ],
)
def test_revision_excludes_what_the_working_tree_excludes(
    repo: Path, globs: list[str], paths: list[str]
) -> None:
    """The configuration's ``exclude`` drops the same files at a revision as in the
    working tree (``claimlog check .`` and ``claimlog diff`` read the same set)."""
    write(repo / "ledgers" / "fixtures" / "bad.yaml", "claims: [\n")
    write(repo / "ledgers" / "fixtures" / "deep" / "worse.yml", "title: [\n")
    write(repo / "ledgers" / "my-draft.yaml", "title: draft\n")
    write(repo / "ledgers" / "keep.yml", "title: keep\n")
    commit(repo, "fixtures")
    exclude = Exclude(repo, tuple(globs))
    in_tree = [f.shown for f in discover(paths, repo, exclude)]
    head = git(repo, "rev-parse", "HEAD")
    at_head = [f.shown for f in list_ledgers(repo, head, paths, repo, exclude)]
    assert at_head == in_tree
    assert len(in_tree) < len(discover(paths, repo)) or paths == ["ledgers/fixtures"]


def test_diff_applies_the_configured_exclude(repo: Path) -> None:
    """A broken fixture added under an excluded folder is no new finding of the diff."""
    write(repo / "ledgers" / "fixtures" / "bad.yaml", "claims: [\n")
    commit(repo, "a fixture")
    settings = Settings(root=repo, exclude=["ledgers/fixtures/**"])
    report = run(repo, "HEAD~1", "HEAD", settings=settings)
    assert report.new_findings == []
    assert [d.code for d in run(repo, "HEAD~1", "HEAD").new_findings] == ["CL001"]


def test_file_added_in_the_working_tree_only(repo: Path) -> None:
    write(repo / "fresh" / "f.yaml", NEW_CLAIM.join(["claims:\n", ""]))
    report = run(repo, "HEAD", paths=["fresh"])
    assert changes(report) == [("claim-new", "added")]
    assert report.before.files == []


def test_path_that_exists_nowhere(repo: Path) -> None:
    with pytest.raises(PathError, match="path does not exist: nowhere"):
        run(repo, "HEAD", paths=["nowhere"])


def test_outside_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "plain"
    write(plain / "ledgers" / "main.yaml", LEDGER)
    monkeypatch.chdir(plain)
    with pytest.raises(GitError, match=r"^not inside a git repository: .*plain"):
        diff(plain, None, None, ["ledgers"], None)
    with pytest.raises(GitError, match="not inside a git repository"):
        diff(plain, "HEAD", None, ["ledgers"], None)


def test_path_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "x.yaml", LEDGER)
    with pytest.raises(GitError, match=r"^path is outside the git repository at .*: "):
        run(repo, "HEAD", paths=["ledgers", str(tmp_path / "elsewhere")])


def test_unknown_revision(repo: Path) -> None:
    with pytest.raises(GitError, match=r"^unknown revision: 'no-such-branch'"):
        run(repo, "no-such-branch")
    with pytest.raises(GitError, match="unknown revision: '--output=x'"):
        run(repo, "HEAD", "--output=x")
    assert not (repo / "x").exists()


def test_git_missing(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(GitError, match="git is not installed"):
        run(repo, "HEAD")


# --- renderers ---------------------------------------------------------------------------


def test_json_is_exactly_the_cli_md_shape(repo: Path) -> None:
    edit(main_file(repo), UNUSED_SOURCE)
    commit(repo, "an unused source")
    edit(main_file(repo), FLIP_B, (UNUSED_SOURCE[1], UNUSED_SOURCE[0]), ADD_CLAIM, ADD_EVIDENCE)
    report = run(repo, "HEAD")
    data = json.loads(dumps(diff_json(report)))
    assert list(data) == ["version", "base", "head", "claims", "findings"]
    assert data["version"] == 1
    assert data["base"] == short(repo, "HEAD")
    assert data["head"] == "WORKTREE"
    assert list(data["findings"]) == ["new", "resolved"]
    assert data["findings"]["new"] == []
    (resolved,) = data["findings"]["resolved"]
    assert list(resolved) == DIAGNOSTIC_KEYS
    assert resolved["code"] == "CL406"
    changed, added = data["claims"]
    assert list(changed) == ["id", "change", "before", "after"]
    assert changed["id"] == "claim-b"
    assert changed["change"] == "changed"
    assert list(changed["before"]) == ["verdict", "label", "probability"]
    before = report.changes[0].before
    assert before is not None
    assert changed["before"] == {
        "verdict": "refuted",
        "label": "almost no chance",
        "probability": pytest.approx(before.probability, abs=1e-6),
    }
    assert 0.01 < changed["before"]["probability"] < 0.02
    assert changed["after"]["verdict"] == "disputed"
    assert changed["after"]["probability"] == round(changed["after"]["probability"], 6)
    assert added["id"] == "claim-new"
    assert added["change"] == "added"
    assert added["before"] is None
    assert list(added["after"]) == ["verdict", "label", "probability"]


def test_text_output(repo: Path) -> None:
    # (ev-c cites an unknown source: it does not count, and claim-b moves by +65, not +59;
    # its error, CL201, holds claim-b's verdict back: unverified, not disputed)
    edit(main_file(repo), FLIP_B, ADD_CLAIM, ADD_EVIDENCE, ("source: src-c", "source: src-x"))
    report = run(repo, "HEAD")
    assert diff_text(report) == (
        f"Assessments from HEAD ({report.base}) to the working tree:\n"
        "claim-b: refuted -> unverified, almost no chance (1%) -> likely (66%), "
        "+65 points\n"
        "  edits it reads: evidence 'ev-b' (stance); evidence 'ev-c' (source)\n"
        "claim-new: added, unverified, likely (57%)\n"
        "Entries added, removed or edited:\n"
        "  claim 'claim-new': added\n"
        "    A new claim.\n"
        "  evidence 'ev-b': stance\n"
        "  evidence 'ev-c': source\n"
        "  evidence 'ev-new': added\n"
        "    A report on the new claim.\n"
        "New findings:\n"
        "  ledgers/main.yaml:9:9: warning[CL406] source 'src-c' is never used\n"
        "  ledgers/main.yaml:40:13: error[CL201] evidence 'ev-c' cites unknown source 'src-x'\n"
        "1 claim changed, 1 added, 0 removed; 4 entries added, removed or edited; "
        "2 new findings, 0 resolved.\n"
    )


def test_markdown(repo: Path) -> None:
    edit(main_file(repo), UNUSED_SOURCE)
    commit(repo, "an unused source")
    edit(
        main_file(repo),
        FLIP_B,
        prior_a("0.53"),
        ADD_CLAIM,
        ADD_EVIDENCE,
        (UNUSED_SOURCE[1], UNUSED_SOURCE[0]),
        ("source: src-c", "source: src-x"),
    )
    report = run(repo, "HEAD")
    md = diff_markdown(report)
    lines = md.splitlines()
    assert lines[0] == "<!-- claimlog-diff -->"
    assert lines[1].startswith("### ")
    assert (
        "This change adds 2 entries, removes 1 and edits 3; moves 2 claims: `claim-b` (from "
        "refuted to unverified) and `claim-a` "
    ) in md  # (unverified: ev-c's unknown source, CL201, holds claim-b's verdict back)
    rows = [line for line in lines if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == ["claim-b", "claim-a", "claim-new"]
    assert rows[0].startswith("| `claim-b` | refuted → **unverified** | almost no chance (1%) → ")
    assert rows[0].endswith(" | +65 |")
    assert rows[2].endswith(" | added |")
    assert "<details><summary>Entries added, removed or edited (6)</summary>" in lines
    assert "<details><summary>New findings (2)</summary>" in lines
    assert "<details><summary>Resolved findings (1)</summary>" in lines
    assert lines.count("</details>") == 3
    start = lines.index("```mermaid")
    block = lines[start : lines.index("```", start)]
    assert block[1] == "graph LR"
    assert '  c0_claim_b("claim-b<br/>refuted → unverified<br/>1% → 66%")' in block
    assert "  e1_ev_b -->|supports| c0_claim_b" in block
    assert any(line.endswith("-->|supports| c2_claim_new") for line in block)
    assert md.endswith("```\n")


def test_mermaid_graph_marks_what_does_not_count(repo: Path) -> None:
    """A tour: an item of an unknown source was drawn as any other, where `show` says it
    is not counted. The head's items that do not count say why (an unknown source is an
    error of the item, CL201: "item with errors"); a removed claim is drawn from the
    base, where only a retraction is known."""
    extra = (
        "  - id: ev-x\n    summary: Of nobody known.\n    source: src-nobody\n"
        "    stance:\n      claim-b: supports\n"
        "  - id: ev-r\n    summary: Withdrawn.\n    source: src-c\n    retracted: true\n"
        "    stance:\n      claim-b: supports\n"
    )
    edit(main_file(repo), FLIP_B, ("evidence:\n", "evidence:\n" + extra))
    md = diff_markdown(run(repo, "HEAD"))
    graph = md[md.index("```mermaid") :]
    assert "-->|supports, not counted: item with errors| c0_claim_b" in graph
    assert "-->|supports, retracted| c0_claim_b" in graph
    assert "-->|supports| c0_claim_b" in graph  # ev-b, flipped: counted


def test_mermaid_graph_draws_a_removed_claim_as_the_base_assessed_it(repo: Path) -> None:
    """A review: a removed claim's items were drawn from the ledger alone, so an item of
    an unknown source read as counted, and one withdrawn after --as-of as retracted."""
    extra = (
        "  - id: ev-x\n    summary: Of nobody known.\n    source: src-nobody\n"
        "    date: 2025-01-01\n    stance:\n      claim-new: supports\n"
        "  - id: ev-later\n    summary: Withdrawn later.\n    source: src-c\n"
        "    date: 2025-01-01\n    retracted: 2026-06-01\n"
        "    stance:\n      claim-new: supports\n"
    )
    edit(main_file(repo), ADD_CLAIM, ("evidence:\n", "evidence:\n" + extra))
    commit(repo, "claim-new")
    edit(main_file(repo), (NEW_CLAIM, ""))
    md = diff_markdown(run(repo, "HEAD", as_of=date(2026, 1, 1)))
    graph = md[md.index("```mermaid") :]
    assert "-->|supports, not counted: item with errors| c0_claim_new" in graph
    assert "-->|supports| c0_claim_new" in graph  # ev-later counts on 2026-01-01
    assert "retracted" not in graph


def test_markdown_when_nothing_changed(repo: Path) -> None:
    md = diff_markdown(run(repo, "HEAD"))
    assert "This change moves no assessment and changes no finding." in md
    assert "|---" not in md
    assert "```mermaid" not in md
    assert "<details>" not in md


def test_output_is_deterministic(repo: Path) -> None:
    edit(main_file(repo), FLIP_B, prior_a("0.53"), ADD_CLAIM, ADD_EVIDENCE, UNUSED_SOURCE)
    first, second = run(repo, "HEAD"), run(repo, "HEAD")
    for render in (lambda r: dumps(diff_json(r)), diff_text, diff_markdown):
        assert render(first) == render(second)


# --- hostile ledger text ---------------------------------------------------------------------


def test_markdown_lets_no_ledger_text_out(repo: Path) -> None:
    report = run(repo, "HEAD")
    nasty = "id `x` | <script>alert(1)</script> @someone\n```\n# heading \x1b[31m"
    finding = Diagnostic("a|b.yaml", 1, 1, "CL406", nasty, 1, 2, Severity.WARNING)
    assessment = report.after_assessed["claim-b"]
    change = ClaimChange("weird|`id`<b>", "added", None, assessment)
    hostile = replace(report, changes=[change], new_findings=[finding], base_ref="<i>x</i>")
    md = diff_markdown(hostile)
    assert "\x1b" not in md
    # The finding sits, on one line, in a code block that its own backticks cannot close.
    lines = md.splitlines()
    start = lines.index("<details><summary>New findings (1)</summary>")
    assert lines[start + 1 : start + 6] == [
        "",
        "````text",
        "a|b.yaml:1:1: warning[CL406] id `x` | <script>alert(1)</script> @someone\\x0a```"
        "\\x0a# heading \\x1b[31m",
        "````",
        "",
    ]
    outside = "\n".join(lines[:start] + lines[start + 5 :])
    assert "<script>" not in outside
    assert "<i>" not in outside
    # The odd id is shown only as a code span, which renders its text literally.
    span = "``weird\\|`id`<b>``"
    assert span in outside
    assert "<b>" not in outside.replace(span, "")
    assert "&#60;i&#62;x&#60;/i&#62; (`" in outside
    # The table row has exactly five cell borders: the pipe in the id is escaped.
    (row,) = [line for line in md.splitlines() if line.startswith("| ``")]
    assert row.replace("\\|", "").count("|") == 5
    graph = md[md.index("```mermaid") :]
    assert "<b>" not in graph
    assert "`" not in graph.split("\n", 1)[1].rsplit("```", 2)[0]


@pytest.mark.parametrize("width", [40, 60, 80])
def test_text_fits_the_terminal_and_keeps_every_word_whole(
    repo: Path, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tour: diff's lines of up to 267 characters were cut by the terminal through ids
    and words; they wrap at spaces to the width, their next lines indented, and no word
    is lost or split (one longer than the width stands alone)."""
    from typer.testing import CliRunner

    from claimlog.cli import app

    edit(main_file(repo), FLIP_B, ADD_CLAIM, ADD_EVIDENCE, ("source: src-c", "source: src-x"))
    whole = diff_text(run(repo, "HEAD"))
    monkeypatch.setenv("COLUMNS", str(width))
    result = CliRunner().invoke(app, ["diff", "HEAD"])
    assert result.exit_code == 1, result.stderr
    lines = result.stdout.splitlines()
    long_words = [w for w in whole.split() if len(w) > width - 8]
    assert all(len(line) <= width or line.strip() in long_words for line in lines)
    assert result.stdout.split() == whole.split()
    assert any(line.startswith("      ") for line in lines)  # a hung continuation


def test_text_cuts_prose_with_no_spaces_to_the_width(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: a statement of 54 Japanese characters, one "word" to a wrap at spaces,
    ran to 116 cells at 40 columns. A word wider than the room is cut into pieces that
    fit (wide characters count two cells), and nothing is lost."""
    from typer.testing import CliRunner

    from claimlog.cli import app
    from claimlog.render.common import cell_width

    edit(
        main_file(repo),
        ADD_CLAIM,
        ("statement: A new claim.", "statement: " + "東京で何かが起きた" * 6),
    )
    whole = diff_text(run(repo, "HEAD"))
    monkeypatch.setenv("COLUMNS", "40")
    result = CliRunner().invoke(app, ["diff", "HEAD"])
    assert max(cell_width(line) for line in result.stdout.splitlines()) <= 40
    assert "".join(result.stdout.split()) == "".join(whole.split())


def test_text_shows_control_characters_literally() -> None:
    finding = Diagnostic("p.yaml", 2, 3, "CL406", "bad \x1b[2J\u202e", 2, 4, Severity.WARNING)
    ls = LedgerSet.from_files([], {})
    report = DiffReport("abc1234", WORKTREE, "HEAD", "working tree", [], [finding], [], ls, ls)
    text = diff_text(report)
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert "  p.yaml:2:3: warning[CL406] bad \\x1b[2J\\u202e\n" in text


def test_escaping_helpers() -> None:
    assert code_span("a|b") == "`a\\|b`"
    assert code_span("a`b") == "``a`b``"
    assert code_span("`x") == "`` `x ``"
    assert md_text("<b>*x*</b> @me & [l](u)") == (
        "&#60;b&#62;\\*x\\*&#60;/b&#62; &#64;me &#38; \\[l\\]\\(u\\)"
    )
    # A tour: every ASCII punctuation mark was escaped ('musallam\\-spy', 'Israel\\'s').
    assert md_text("Israel's spy; musallam-spy, 50%/2.") == "Israel's spy; musallam-spy, 50%/2."
    assert md_text("see www.x.org, https://y.org/#3") == "see www\\.x.org, https\\://y.org/\\#3"
    assert md_text("- 1. not a list") == "\\- 1. not a list"
    assert md_text("12. not a list") == "12\\. not a list"
    assert mermaid_label('a"b<c>#d') == "a#34;b#60;c#62;#35;d"
    assert mermaid_label("x" * 100).endswith("#8230;")
    assert mermaid_label("ok-id_1.2:3") == "ok-id_1.2:3"


def test_mermaid_graph_is_capped(repo: Path) -> None:
    items = "".join(
        f"  - id: ev-many-{i:02d}\n    summary: Item {i}.\n    source: src-a\n"
        f"    credibility: 1\n    stance:\n      claim-b: strongly-supports\n"
        for i in range(MAX_GRAPH_ITEMS + 5)
    )
    edit(main_file(repo), ("evidence:\n", "evidence:\n" + items))
    md = diff_markdown(run(repo, "HEAD"))
    block = md[md.index("```mermaid") : md.index("```\n", md.index("```mermaid") + 3)]
    nodes = [line for line in block.splitlines() if line.startswith("  e") and '["' in line]
    assert len(nodes) == MAX_GRAPH_ITEMS
    assert "8 more evidence items not drawn" in md  # 48 items bear on claim-b


# --- the command line ------------------------------------------------------------------


def cli(*args: str) -> tuple[int, str, str]:
    """``claimlog diff`` in a real subprocess, in the current directory."""
    done = subprocess.run(
        [sys.executable, "-m", "claimlog", "diff", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return done.returncode, done.stdout, done.stderr


def test_cli_reports_changes_and_exits_1_on_new_errors(repo: Path) -> None:
    edit(main_file(repo), prior_a("0.9"))
    code, out, err = cli("HEAD", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert [c["id"] for c in report["claims"]] == ["claim-a"]
    assert report["head"] == "WORKTREE"
    edit(main_file(repo), ("source: src-c", "source: src-x"))
    code, out, _ = cli("HEAD")
    assert code == 1
    assert "error[CL201]" in out


def test_a_folder_named_as_the_base_is_refused_not_diffed(repo: Path) -> None:
    """A review: a pull request that adds a folder (or file) named as the base commit
    turned `diff BASE` into a diff of that folder: the changes out of sight, exit 1
    become 0. A word that names both is refused; `BASE^0` is the revision, `./BASE` the
    path."""
    base = git(repo, "rev-parse", "HEAD").strip()
    edit(main_file(repo), ("source: src-c", "source: src-x"))  # a new error
    assert cli(base)[0] == 1
    planted = repo / base
    planted.mkdir()
    write(planted / "l.yaml", LEDGER)
    code, out, err = cli(base, "--format", "json")
    assert (code, out) == (2, "")
    assert err == (
        f"claimlog: '{base}' names both a git revision and a file or folder here: write "
        f"'{base}^0' for the revision, or './{base}' for the path\n"
    )
    code, out, _ = cli(f"{base}^0")
    assert code == 1
    assert "error[CL201]" in out
    code, out, err = cli(f"./{base}", "--format", "json")  # the folder, against the default base
    assert code == 0, err
    assert json.loads(out)["head"] == "WORKTREE"
    # a file of that name too, and as the second revision
    planted.rename(repo / "moved")
    write(repo / base, "not a ledger")
    assert cli("HEAD", base)[0] == 2
    assert cli(f"{base}^0", "HEAD")[0] == 0  # HEAD names no path: the base against it


def test_an_abbreviated_hash_is_a_path_and_a_message_search_a_revision(repo: Path) -> None:
    """A review: a folder whose name a commit's hash starts with (a year, `2024`) was
    refused as naming both; and `:/text` (the youngest commit whose message matches)
    never resolved, `^{commit}` read as part of the text."""
    short = git(repo, "rev-parse", "HEAD").strip()[:7]
    folder = repo / short
    folder.mkdir()
    write(folder / "l.yaml", LEDGER.replace("src-", "other-").replace("claim-", "c-"))
    code, out, err = cli("HEAD", short, "--format", "json")  # the folder, at HEAD and now
    assert code == 0, err
    assert json.loads(out)["head"] == "WORKTREE"
    edit(main_file(repo), prior_a("0.9"))
    commit(repo, "move a")
    code, out, err = cli(":/base", ":/move a", "--format", "json")
    assert code == 0, err
    assert [c["id"] for c in json.loads(out)["claims"]] == ["claim-a"]


def test_cli_markdown_to_a_file(repo: Path) -> None:
    edit(main_file(repo), prior_a("0.9"))
    code, out, _ = cli("HEAD", "--format", "markdown", "--output", "diff.md")
    assert code == 0
    assert out == ""
    assert "| `claim-a` |" in (repo / "diff.md").read_text(encoding="utf-8")


def test_cli_outside_a_repository_and_unknown_revision(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = cli("no-such-rev")
    assert code == 2
    assert out == ""
    assert err.startswith("claimlog: ")
    assert "no-such-rev" in err
    outside = tmp_path / "outside"
    write(outside / "ledgers" / "a.yaml", LEDGER)
    monkeypatch.chdir(outside)
    code, _, err = cli()
    assert code == 2
    assert "git" in err
    assert "Traceback" not in err


def test_a_change_of_the_configuration_is_said(repo: Path) -> None:
    """A review: a pull request that edits a ledger and, in claimlog.toml, excludes it,
    read as "This change moves no assessment" (both sides are read with the head's
    configuration, as documented). The report says the configuration changed."""
    from claimlog.settings import load as load_settings

    write(repo / "claimlog.toml", 'paths = ["ledgers"]\n')
    commit(repo, "a configuration")
    unchanged = run(repo, "HEAD", settings=load_settings(repo))
    assert unchanged.config_changed is None
    assert "configuration" not in diff_text(unchanged)
    edit(main_file(repo), FLIP_B)
    write(repo / "claimlog.toml", 'paths = ["ledgers"]\nexclude = ["ledgers/main.yaml"]\n')
    report = run(repo, "HEAD", settings=load_settings(repo))
    assert report.config_changed == "claimlog.toml"
    assert changes(report) == []
    caution = (
        "Caution: this change changes the configuration, {}, and both sides are read with "
        "its new version: what it excludes or ignores is hidden on both. Review it too."
    )
    assert diff_text(report).endswith(caution.format("claimlog.toml") + "\n")
    assert f"**{caution.format('`claimlog.toml`')}**" in diff_markdown(report)


def test_the_noun_of_the_entries_goes_with_the_first_number(repo: Path) -> None:
    """A CI tour: "This change adds 1 entries and removes 1"."""
    edit(main_file(repo), UNUSED_SOURCE)
    commit(repo, "an unused source")
    edit(main_file(repo), (UNUSED_SOURCE[1], "sources:\n"), ADD_CLAIM)
    md = diff_markdown(run(repo, "HEAD"))
    assert "This change adds 1 entry and removes 1;" in md
    edit(main_file(repo), ("claims:\n", "claims:\n" + NEW_CLAIM.replace("new", "newer")))
    md = diff_markdown(run(repo, "HEAD"))
    assert "This change adds 2 entries and removes 1;" in md


def test_an_edit_that_moves_nothing_is_still_shown(repo: Path) -> None:
    """A tour: a claim's statement reversed ("warned" -> "never warned") gave the whole
    comment "This change moves no assessment and changes no finding."; a grade that moved
    a claim was not named. Every entry added, removed or edited is listed (the statement
    before and after), and a claim that moved names the edits it reads."""
    hostile = "Something never happened ```` <b>x</b>."
    edit(main_file(repo), ("statement: Something happened.", f"statement: '{hostile}'"))
    report = run(repo, "HEAD")
    assert report.changes == []
    md = diff_markdown(report)
    assert "This change edits 1 entry but moves no assessment and changes no finding." in md
    lines = md.splitlines()
    at = lines.index("<details open><summary>Entries added, removed or edited (1)</summary>")
    assert lines[at + 2 : at + 7] == [
        "`````text",
        "claim 'claim-a': statement",
        "  statement was: Something happened.",
        f"  statement now: {hostile}",
        "`````",
    ]
    assert "<b>" not in md.replace(hostile, "")
    commit(repo, "reversed")
    edit(main_file(repo), ("reliability: B", "reliability: E"))
    report = run(repo, "HEAD")
    assert [c.id for c in report.changes] == ["claim-a"]
    text = diff_text(report)
    assert "\n  edits it reads: source 'src-a' (reliability)\n" in text
    assert "Entries added, removed or edited:\n  source 'src-a': reliability\n" in text


def test_a_moved_claim_names_edits_up_its_chains(repo: Path) -> None:
    """A review: an origin two republishers up (`derived_from`), or the source of an item
    an item rests on (`based_on`), moved a claim and was not named under it."""
    text = (
        "sources:\n  - {id: origin, name: O, reliability: A}\n"
        "  - {id: mid, name: M, reliability: B, derived_from: [origin]}\n"
        "  - {id: top, name: T, reliability: B, derived_from: [mid]}\n"
        "  - {id: wire, name: W, reliability: B}\n"
        "claims:\n  - {id: c, statement: C.}\n  - {id: d, statement: D.}\n"
        "evidence:\n"
        "  - {id: e, summary: x, source: top, credibility: 1, stance: {c: strongly-supports}}\n"
        "  - {id: base, summary: y, source: wire, credibility: 1, stance: {d: supports}}\n"
        "  - {id: echo, summary: z, source: top, based_on: [base], stance: {d: supports}}\n"
    )
    write(main_file(repo), text)
    commit(repo, "chains")
    edit(
        main_file(repo),
        ("id: origin, name: O, reliability: A", "id: origin, name: O, reliability: E"),
    )
    edit(
        main_file(repo), ("id: wire, name: W, reliability: B", "id: wire, name: W, reliability: E")
    )
    report = run(repo, "HEAD")
    because = {c.id: [e.id for e in c.because] for c in report.changes}
    assert because["c"] == ["origin"]
    assert because["d"] == ["origin", "wire"]


@given(
    st.lists(
        st.tuples(
            st.integers(0, 8),  # diff's indents
            st.text(alphabet="ab-東\u00a0\u3000\u2003 \u0301\U0001f600", max_size=60),
        ),
        max_size=4,
    ),
    st.integers(24, 80),
)
@example([(0, "x " + "\u00a0" * 30)], 24)  # a review: this ran forever
@example([(2, "a " + "\u3000" * 20 + "b")], 30)
def test_fitted_lines_fit_and_lose_nothing(indented: list[tuple[int, str]], width: int) -> None:
    """diff's text wrapping: every line fits (wide characters two cells), nothing but
    the spaces it breaks at is lost, and it ends (a review: a word ending in no-break
    spaces wider than the room made the cut loop forever)."""
    from claimlog.render.common import cell_width
    from claimlog.render.diff import _fitted

    lines = [" " * n + text.lstrip(" ") for n, text in indented]
    out = []
    for line in _fitted(lines, width):  # bounded: a loop that never ends fails here
        out.append(line)
        assert len(out) <= 1000
    assert all(cell_width(line) <= width for line in out)
    assert "".join("".join(out).split(" ")) == "".join("".join(lines).split(" "))
