"""What a change does to the assessments: the ledger set at two git revisions, compared.

Each side is a run (:mod:`claimlog.pipeline`) with the same settings: a revision's
files come through :class:`~claimlog.files.GitRevision`, the working tree's through
:class:`~claimlog.files.WorkTree`, and both are loaded, checked and assessed exactly
as ``claimlog check`` would, under the path the working tree would show for them,
so that findings compare across sides. Nothing here prints.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field, replace
from datetime import date
from pathlib import Path
from typing import Final

from .checks.cascades import root_causes
from .credibility import Assessment
from .diagnostics import Diagnostic, Severity, sort_key, without_places
from .files import PathError, WorkTree
from .git import (
    GitError,
    GitRevision,
    base_of,
    commit_of,
    default_base,
    exists,
    file_at,
    repo_relative,
    short,
    toplevel,
)
from .ledgerset import LedgerSet, load_from
from .model import Entity, Evidence
from .pipeline import Run, enabled_rules
from .plaindata import dataclass
from .settings import DEFAULT_PATH, Settings

__all__ = [
    "SECTION_OF",
    "WORKTREE",
    "ClaimChange",
    "DiffReport",
    "EntryEdit",
    "GitError",
    "compare_claims",
    "compare_entries",
    "compare_findings",
    "default_base",
    "diff",
    "load_revision",
]

WORKTREE = "WORKTREE"
"""The name of the working tree where a revision's short hash would be."""


@dataclass(frozen=True)
class EntryEdit:
    """One entry of the ledgers written differently on the two sides."""

    kind: str
    """'source', 'claim', 'evidence' or 'group' (a declared group)."""
    id: str
    change: str
    """'added', 'removed' or 'edited'."""
    fields: tuple[str, ...] = ()
    """The fields whose values differ, in the format's order (for 'edited')."""

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.id


@dataclass(frozen=True)
class ClaimChange:
    """One claim whose assessment differs between the two sides."""

    id: str
    change: str
    """'added', 'removed' or 'changed'."""
    before: Assessment | None
    after: Assessment | None
    because: tuple[EntryEdit, ...] = ()
    """The edited entries its assessment reads (:func:`edits_read`), for a changed claim."""

    @property
    def delta(self) -> float:
        """The probability move (after - before); 0 for an added or removed claim."""
        if self.before is None or self.after is None:
            return 0.0
        return self.after.probability - self.before.probability


@dataclass(frozen=True)
class DiffReport:
    """Everything ``claimlog diff`` reports, and both ledger sets for the renderers."""

    base: str
    """The base revision's short commit hash."""
    head: str
    """The head revision's short commit hash, or :data:`WORKTREE`."""
    base_ref: str
    """The base as the user named it (or how it was chosen)."""
    head_ref: str
    """The head as the user named it, or 'working tree'."""
    changes: list[ClaimChange]
    """Biggest probability move first, then by id."""
    new_findings: list[Diagnostic]
    resolved_findings: list[Diagnostic]
    before: LedgerSet
    after: LedgerSet
    after_assessed: dict[str, Assessment] = field(default_factory=dict)
    """The assessments of the head side."""
    before_assessed: dict[str, Assessment] = field(default_factory=dict)
    """The assessments of the base side (a removed claim is drawn as it was)."""
    unread: list[str] = field(default_factory=list)
    """The head's files that could not be read in full (a reported syntax error, say):
    their claims are missing there, and the checks that need the whole set did not run,
    so what looks removed or resolved may not be."""
    edits: list[EntryEdit] = field(default_factory=list)
    """Every entry added, removed or edited, by kind then id: what a change says, whether
    or not it moves an assessment (a reversed statement moves none)."""
    config_changed: str | None = None
    """The configuration file (repository-relative) when the change changes it: both
    sides are read with the head's, so an `exclude` or `ignore` it adds hides what it
    hides on both (a reviewer's comment should say so)."""

    @property
    def exit_code(self) -> int:
        """1 when the change brings new error findings (CI gates on it), else 0."""
        return 1 if any(d.severity is Severity.ERROR for d in self.new_findings) else 0


def _config_changed(
    repo: Path, settings: Settings, base: str, head: str | None, cwd: Path
) -> str | None:
    """The configuration file the head side read, repository-relative, when its bytes
    differ at the base (or it is new there); None when unchanged, outside the
    repository, or when no file was read."""
    from .reading import read_regular
    from .settings import MAX_CONFIG_BYTES

    if settings.file is None:
        return None
    try:
        rel = repo_relative(repo, str(settings.file), cwd)
    except GitError:
        return None  # a file named outside the repository: no revision of it
    keep = MAX_CONFIG_BYTES + 1
    if head is None:
        try:  # as the settings read it: a regular file, bounded
            now: bytes | None = read_regular(os.fspath(repo / rel), keep)
        except OSError:
            now = None
    else:
        now = file_at(repo, head, rel, keep)
    return rel if file_at(repo, base, rel, keep) != now else None


def load_revision(repo: Path, rev: str | None, paths: list[str], cwd: Path) -> LedgerSet:
    """The ledger set under ``paths`` at revision ``rev`` of ``repo`` (its top folder),
    or in the working tree when ``rev`` is None. Paths are relative to ``cwd`` and
    files are shown as the working tree would show them. A path that does not exist
    on that side contributes no file."""
    if rev is None:
        return load_from(WorkTree(cwd, missing_ok=True), paths)
    return load_from(GitRevision(repo, commit_of(repo, rev), cwd), paths)


# --- comparing ----------------------------------------------------------------------


def _repo_of(paths: Sequence[str], cwd: Path) -> Path:
    """The top of the working tree holding the first path (or ``cwd``)."""
    start = Path(paths[0]) if paths else cwd
    start = start if start.is_absolute() else cwd / start
    while not start.is_dir():  # a file, or a path that exists only in some revision
        if start.parent == start:
            break
        start = start.parent
    return toplevel(start)


def _moved(before: Assessment, after: Assessment, threshold: float) -> bool:
    return (
        before.verdict != after.verdict
        or before.label != after.label
        # a move of nothing is no move, even at --threshold 0
        or abs(after.probability - before.probability) >= max(threshold - 1e-12, 1e-12)
    )


def compare_claims(
    before: dict[str, Assessment], after: dict[str, Assessment], threshold: float = 0.01
) -> list[ClaimChange]:
    """The claims added, removed or moved, biggest probability move first, then by id."""
    changes: list[ClaimChange] = []
    for cid in sorted(before.keys() | after.keys()):
        old, new = before.get(cid), after.get(cid)
        if old is None:
            changes.append(ClaimChange(cid, "added", None, new))
        elif new is None:
            changes.append(ClaimChange(cid, "removed", old, None))
        elif _moved(old, new, threshold):
            changes.append(ClaimChange(cid, "changed", old, new))
    changes.sort(key=lambda c: (-round(abs(c.delta), 6), c.id))
    return changes


_SECTIONS = (
    ("claim", "claims"),
    ("group", "declared_groups"),
    ("evidence", "evidence"),
    ("source", "sources"),
)
"""The kinds of entries compared, in the order edits are listed."""
SECTION_OF: Final = dict(_SECTIONS)
"""The ledger set's index of each kind of entry."""


def compare_entries(before: LedgerSet, after: LedgerSet) -> list[EntryEdit]:
    """The entries added, removed or edited (by their validated values: layout and
    comments are no edit), by kind, then id."""
    out: list[EntryEdit] = []
    for kind, section in _SECTIONS:
        old: dict[str, Entity] = getattr(before, section)
        new: dict[str, Entity] = getattr(after, section)
        for eid in sorted(old.keys() | new.keys()):
            a, b = old.get(eid), new.get(eid)
            if a is None:
                out.append(EntryEdit(kind, eid, "added"))
            elif b is None:
                out.append(EntryEdit(kind, eid, "removed"))
            elif a.model != b.model:
                names = type(a.model).FIELDS
                fields = tuple(f for f in names if getattr(a.model, f) != getattr(b.model, f))
                out.append(EntryEdit(kind, eid, "edited", fields))
    return out


Key = tuple[str, str]
"""An entry: its kind and id."""
KEPT: Final = 5
"""The edits kept for each claim (and carried along each chain): enough to name four
and say there are more."""


def edits_read(
    changes: list[ClaimChange], edits: list[EntryEdit], sides: Sequence[LedgerSet]
) -> list[ClaimChange]:
    """``changes``, each changed claim with the first :data:`KEPT` edits (by kind, then
    id) among what its assessment reads on either side: the claim, its group's
    declaration and other claims, the items on any of them, the items those rest on
    (``based_on``, transitively), their sources and relays, and what those sources
    republish (``derived_from``, transitively). Linear: what each source and item
    reaches is carried along the chains once, at most :data:`KEPT` edits a step (a
    review: a set per claim of every source's republished ones took 36 s on 18,000
    entities); what a group reads is gathered once for all its claims."""
    if not edits:
        return changes
    edited = {e.key: e for e in edits}
    reach = [_item_reach(ls, edited) for ls in sides]
    by_group: dict[str, list[Key]] = {}
    out = []
    for c in changes:
        if c.change != "changed":
            out.append(c)
            continue
        group = next((_group_of(ls, c.id) for ls in sides if _group_of(ls, c.id)), None)
        if group is None:
            read = _read(sides, reach, [c.id], edited)
        elif group not in by_group:
            members = sorted({m for ls in sides for m in ls.groups.get(group, ())})
            found = _read(sides, reach, members, edited)
            read = by_group[group] = sorted({*found, ("group", group)} & edited.keys(), key=_listed)
        else:
            read = by_group[group]
        out.append(replace(c, because=tuple(edited[k] for k in read[:KEPT])))
    return out


def _group_of(ls: LedgerSet, cid: str) -> str | None:
    entity = ls.claims.get(cid)
    return getattr(entity.model, "group", None) if entity is not None else None


def _read(
    sides: Sequence[LedgerSet],
    reach: Sequence[dict[str, list[Key]]],
    claims: Sequence[str],
    edited: Mapping[Key, EntryEdit],
) -> list[Key]:
    """The first :data:`KEPT` edits among the claims and what their items reach."""
    found = {("claim", cid) for cid in claims} & edited.keys()
    for ls, reached in zip(sides, reach, strict=True):
        index = ls.evidence_by_claim
        for cid in claims:
            for entity in index.get(cid, ()):
                found.update(reached.get(entity.id, ()))
    return sorted(found, key=_listed)[:KEPT]


def _item_reach(ls: LedgerSet, edited: Mapping[Key, EntryEdit]) -> dict[str, list[Key]]:
    """For each item of ``ls``, the first :data:`KEPT` edits it reaches: itself, its
    source and relays and what they republish, and what the items it rests on reach."""
    users: dict[str, list[str]] = {}
    for sid, entity in ls.sources.items():
        for parent in getattr(entity.model, "derived_from", ()):
            users.setdefault(parent, []).append(sid)
    sources = sorted(k for k in edited if k[0] == "source")
    by_source = _spread([(k, [k[1]]) for k in sources], users)
    seeds: dict[Key, list[str]] = {}
    resting: dict[str, list[str]] = {}
    for eid, entity in ls.evidence.items():
        item = entity.model
        assert isinstance(item, Evidence)
        for b in item.based_on:
            resting.setdefault(b, []).append(eid)
        own = [("evidence", eid)] if ("evidence", eid) in edited else []
        for sid in (item.source, *item.via):
            own += by_source.get(sid, ())
        for key in set(own):
            seeds.setdefault(key, []).append(eid)
    return _spread(sorted(seeds.items(), key=lambda kv: _listed(kv[0])), resting)


def _spread(
    seeds: Sequence[tuple[Key, list[str]]], users: Mapping[str, list[str]]
) -> dict[str, list[Key]]:
    """Each key of ``seeds`` (in the order given) carried from its nodes to everything
    downstream (``users``), each node keeping the first :data:`KEPT` keys that reach
    it. A node full before a key arrives has every node below it full before too, so
    the walk stops there: each edge is walked at most :data:`KEPT` times."""
    out: dict[str, list[Key]] = {}
    for key, nodes in seeds:
        todo = list(nodes)
        while todo:
            node = todo.pop()
            kept = out.setdefault(node, [])
            if len(kept) >= KEPT or key in kept:
                continue
            kept.append(key)
            todo.extend(users.get(node, ()))
    return out


_RANK = {kind: k for k, (kind, _) in enumerate(_SECTIONS)}


def _listed(key: Key) -> tuple[int, str]:
    return _RANK[key[0]], key[1]


def _finding_key(d: Diagnostic) -> tuple[str, ...]:
    """What makes a finding the same finding on both sides: not where it stands (lines
    move when text is added above), not line numbers quoted in its message."""
    return (d.code, d.path, without_places(d.message))


def _moved_key(d: Diagnostic) -> tuple[str, ...]:
    """The same, for a finding whose file was renamed or whose entry moved to another
    file: ids are global across the set, so the message names what it is about; the
    places it quotes are left out."""
    return (d.code, without_places(d.message, files=True))


def compare_findings(
    before: Sequence[Diagnostic], after: Sequence[Diagnostic]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(new, resolved): findings of ``after`` not in ``before``, and the reverse,
    counted as multisets of (code, path, message), each list in the usual order; then
    what is left on both sides is paired across files (a renamed file, an entry moved
    to another file), by code and message."""

    def extra(
        side: Sequence[Diagnostic],
        other: Sequence[Diagnostic],
        key: Callable[[Diagnostic], tuple[str, ...]],
    ) -> list[Diagnostic]:
        budget = Counter(key(d) for d in other)
        out: list[Diagnostic] = []
        for d in sorted(side, key=sort_key):
            k = key(d)
            if budget[k]:
                budget[k] -= 1
            else:
                out.append(d)
        return out

    new, resolved = extra(after, before, _finding_key), extra(before, after, _finding_key)
    return extra(new, resolved, _moved_key), extra(resolved, new, _moved_key)


def _side_run(settings: Settings, repo: Path, commit: str | None, cwd: Path) -> Run:
    """A run over the set at ``commit`` (the working tree when None)."""
    exclude = settings.exclusion()
    source = (
        WorkTree(cwd, exclude=exclude, missing_ok=True)
        if commit is None
        else GitRevision(repo, commit, cwd, exclude)
    )
    return Run(settings, load_from(source, settings.paths), cwd, enabled=enabled_rules(settings))


def diff(
    cwd: Path,
    base: str | None,
    head: str | None,
    paths: list[str],
    as_of: date | None,
    threshold: float = 0.01,
    settings: Settings | None = None,
) -> DiffReport:
    """Compare the ledger set under ``paths`` at ``base`` (default: the merge-base with
    the default branch) and ``head`` (default: the working tree), each side a run with
    ``settings`` (default: no configuration): the same findings ``check`` reports.

    Raises :class:`GitError` for a path outside a git repository, an unknown revision
    or a missing git, and :class:`~claimlog.files.PathError` for a path that exists
    neither in the working tree nor at either revision."""
    targets = list(paths) or [DEFAULT_PATH]
    repo = _repo_of(targets, cwd)
    base_rev, base_ref = base_of(repo) if base is None else (base, base)
    base_commit = commit_of(repo, base_rev)
    head_commit = commit_of(repo, head) if head is not None else None
    sides = [base_commit] if head_commit is None else [base_commit, head_commit]
    rels = [repo_relative(repo, raw, cwd) for raw in targets]
    for raw, rel in zip(targets, rels, strict=True):
        on_disk = Path(raw) if Path(raw).is_absolute() else cwd / raw
        if not on_disk.exists() and not any(exists(repo, c, rel) for c in sides):
            raise PathError(f"path does not exist: {raw}")

    given = settings if settings is not None else Settings(root=cwd)
    given = replace(given, paths=targets, as_of=as_of)
    before, after = (_side_run(given, repo, commit, cwd) for commit in (base_commit, head_commit))
    new, resolved = compare_findings(before.findings, after.findings)
    edits = compare_entries(before.ledger_set, after.ledger_set)
    reported = set(after.findings)
    unread = sorted({d.path for d in root_causes(after.ledger_set) if d in reported})
    return DiffReport(
        config_changed=_config_changed(repo, given, base_commit, head_commit, cwd),
        base=short(repo, base_commit),
        head=short(repo, head_commit) if head_commit else WORKTREE,
        base_ref=base_ref,
        head_ref=head if head is not None else "working tree",
        changes=edits_read(
            compare_claims(before.assessments(), after.assessments(), threshold),
            edits,
            (before.ledger_set, after.ledger_set),
        ),
        edits=edits,
        new_findings=new,
        resolved_findings=resolved,
        before=before.ledger_set,
        after=after.ledger_set,
        after_assessed=after.assessments(),
        before_assessed=before.assessments(),
        unread=unread,
    )
