"""Root causes first: the findings that only follow from a part of the ledger set that
was not read.

A file the loader refused (a syntax error, say), a file with a second document, and a
section that is not read (a misspelt ``evidences:``, a ``sources:`` that is not a list)
leave entities out of the set. Every check that needs the whole set then reports what
is missing as if it were a mistake of its own: claims without evidence, unused sources,
unused suppressions, verdicts the (partial) evidence does not back. While such a root
cause is reported, those checks are not run and unused suppressions are not reported:
the one finding that names the cause is the one to fix, and a second run shows what is
left. The checks whose findings hold whatever is missing still run: a reference to an
id defined nowhere, a value out of range, a cycle. References to the entities of a
refused file or an unread section are not unknown (:mod:`claimlog.validation` records
their ids) while the finding that says why is reported; once it is suppressed or
ignored, those ids are unknown and every check runs (:func:`without_unread`).

An entity too broken to use (an evidence item whose ``stance`` is empty because its
entries are at the wrong indent, a source without a name), or a value dropped from an
entity kept without it (a stance entry at the wrong indent, read as an unknown field),
leaves less out: only the entities it names, or that cite a broken source, lose the
findings that need the whole set (the claim it bears on has "no evidence", the source
it cites is "never used"); the rest of the set is checked in full (:func:`shadowed`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from .. import rules as R
from ..diagnostics import Diagnostic, Severity
from ..model import SECTIONS, Entity, Evidence
from ..validation import unread_sections
from . import suppressions

if TYPE_CHECKING:
    from ..credibility import ItemAssessment
    from ..ledgerset import LedgerSet

ASSESSED: Final = frozenset(
    rule.code
    for rule in (
        R.RETRACTED_ONLY,
        R.VERDICT_NOT_BACKED,
        R.SINGLE_ORIGIN,
        R.INTERESTED_PARTIES_ONLY,
        R.CLAIMANT_ONLY,
        R.GROUP_ASSESSMENT_CONFLICT,
        R.FRAGILE_VERDICT,
        R.RETRACTED_LINE,
    )
)
"""The rules whose findings read what the assessment counts, which an error holds back
(:func:`held_back`)."""

DEPENDENT: Final = ASSESSED | {
    rule.code for rule in (R.LONELY_GROUP, R.NO_EVIDENCE, R.UNUSED_SOURCE, R.OPEN_GROUP_PRIOR_SUM)
}
"""The rules whose findings assume every entity of the set was read."""

NAMED: Final = DEPENDENT - {R.LONELY_GROUP.code, R.OPEN_GROUP_PRIOR_SUM.code}
"""The rules whose findings at a claim or source follow from an entry set aside that
names it (:func:`shadowed`): what it would have cited or marked. A group's members are
claims, which no entry names, so the group rules are not among them (a tour's set with
an evidence id defined twice lost CL404 at the claims the second definition marked)."""


NOT_CONTENT: Final = frozenset({R.UNREADABLE_FILE.code, R.UNSAFE_FILE.code})
"""Refusals of a path that is not a readable regular file (a dangling link, a FIFO, a
link out of the repository): a path that holds no ledger text, not a ledger whose text
could not be read, so no root cause of missing entities."""


def root_causes(ls: LedgerSet) -> list[Diagnostic]:
    """The findings that leave part of the set unread: the errors of a file whose text
    the loader refused, a second document, the finding on a section that is not read.
    Only a cause that is reported holds the whole-set checks back (:func:`reported`)."""
    causes: list[Diagnostic] = []
    found = {f.path: f.diagnostics for f in ls.files}
    for path, loaded in ls.loaded.items():
        if loaded.root is None:
            causes.extend(
                d
                for d in loaded.diagnostics
                if d.severity is Severity.ERROR and d.code not in NOT_CONTENT
            )
            continue
        causes.extend(d for d in loaded.diagnostics if d.code == R.MULTIPLE_DOCUMENTS.code)
        # The file's findings by rule and place, once (each unread key scanned them all:
        # 16,000 misspelt sections took 78 s).
        at_place: dict[tuple[str, int, int], list[Diagnostic]] = {}
        for d in found.get(path, ()):
            if d.code in (R.WRONG_TYPE.code, R.UNKNOWN_FIELD.code):
                at_place.setdefault((d.code, d.line, d.column), []).append(d)
        for key in unread_sections(loaded.root):
            # A section that is not a list is reported at its value, a misspelt one at
            # its key (two keys of a flow mapping share a line: the column tells them).
            if key in SECTIONS:
                code, at = R.WRONG_TYPE.code, loaded.root.value_span(key)[:2]
            else:
                code, at = R.UNKNOWN_FIELD.code, loaded.root.key_span(key)[:2]
            causes.extend(at_place.get((code, *at), ()))
    return causes


def reported(
    causes: list[Diagnostic],
    ls: LedgerSet,
    enabled: set[str] | None,
    ignored_in: Callable[[str], Collection[str]] | None,
) -> bool:
    """Whether any of ``causes`` is reported: its rule enabled, not dropped by the
    per-file ignores, not suppressed inline. A cause the user silenced on purpose (a
    section of their own, say) holds nothing back: the checks that need the whole set
    run, rather than be skipped with nothing said."""
    shown = [
        d
        for d in causes
        if (enabled is None or d.code in enabled)
        and (ignored_in is None or d.code not in ignored_in(d.path))
    ]
    return bool(shown) and bool(suppressions.unsuppressed(shown, ls))


def without_unread(ls: LedgerSet) -> LedgerSet:
    """``ls`` as the checks see it once every root cause is silenced: the ids of the
    unread parts are no longer known to exist, so that what refers to them is reported
    (an unknown source), and what rests on them is checked, not held back."""
    if not ls.unread:
        return ls
    broken = {ident: noun for ident, noun in ls.broken.items() if ident not in ls.unread}
    return replace(ls, broken=broken, unread=set(), memo={})


Place = tuple[int, int]
"""A (line, column) in a file."""


def shadowed(ls: LedgerSet) -> dict[str, list[tuple[Place, Place]]]:
    """The spans, by file and in order, of the entities whose whole-set findings would
    follow from a broken entity or a dropped value: the claims and sources it names,
    and the claims of the evidence that cites a broken source."""
    if not ls.broken_refs and not ls.broken and not ls.duplicate_refs:
        return {}
    touched = set(ls.broken_refs) | ls.duplicate_refs
    for entity in ls.evidence.values():
        item = entity.model
        assert isinstance(item, Evidence)
        if item.source in ls.broken or any(s in ls.broken for s in item.via):
            touched.update(item.stance)
    named = (ls.claims[i] if i in ls.claims else ls.sources.get(i) for i in touched)
    return _spans(e for e in named if e is not None)


def shadowed_groups(ls: LedgerSet) -> dict[str, list[tuple[Place, Place]]]:
    """The spans, by file and in order, of the groups an entry set aside names (a claim
    too broken to keep, or whose ``group`` was dropped): their declarations and their
    claims, whose group findings (a lonely group, say) would follow from it (a review:
    CL404 said the group had one claim, the other being the broken one)."""
    named = ls.broken_refs | ls.duplicate_refs
    entities: list[Entity] = []
    for gid, members in ls.groups.items():
        if gid in named:
            declared = ls.declared_groups.get(gid)
            entities.extend([declared] if declared is not None else [])
            entities.extend(ls.claims[c] for c in members)
    return _spans(entities) if entities else {}


def _spans(entities: Iterable[Entity]) -> dict[str, list[tuple[Place, Place]]]:
    """The spans of ``entities``, by file and in order."""
    spans: dict[str, list[tuple[Place, Place]]] = {}
    for entity in entities:
        line, column, end_line, end_column = entity.node.span
        spans.setdefault(entity.path, []).append(((line, column), (end_line, end_column)))
    for found in spans.values():
        found.sort()
    return spans


def held_back(
    ls: LedgerSet,
    items: Callable[[], Mapping[str, Sequence[ItemAssessment]]],
    late: Collection[str] = (),
) -> dict[str, list[tuple[Place, Place]]]:
    """The spans, by file and in order, of the claims whose assessment an error holds
    back (LedgerSet.flawed): a claim holding one, a claim one of whose items does not
    count for an error (``items``: the assessment's items by claim, asked for only when
    the set has errors; credibility.ERROR_EXCLUSIONS), and every claim of a group with
    such a claim or whose declaration holds an error. A review saw CL408 ask to update
    a recorded verdict that an error had capped; a tour saw CL410 call a claim
    supported only by interested parties because an error in a relay had taken its
    other support out: the error is what to mend. ``late``: the items dated or retracted
    after today that the run reports (CL401), errors too (a review saw CL408 ask to
    update a verdict that one such item had capped)."""
    flawed, groups, lost = ls.flawed, ls.flawed_groups, ls.lost_marks
    if not flawed and not groups and not lost and "source" not in ls.broken.values() and not late:
        return {}
    from ..credibility import ERROR_EXCLUSIONS

    touched = {c for c in flawed if c in ls.claims}
    touched.update(lost)  # an entry set aside may mark them (LedgerSet.lost_marks)
    touched.update(
        cid for cid, found in items().items() if any(i.excluded in ERROR_EXCLUSIONS for i in found)
    )
    for gid, members in ls.groups.items():
        if gid in groups or not touched.isdisjoint(members):
            touched.update(members)
    return _spans(ls.claims[c] for c in touched)


def drop_shadowed(
    found: list[Diagnostic],
    spans: dict[str, list[tuple[Place, Place]]],
    codes: frozenset[str] = DEPENDENT,
) -> list[Diagnostic]:
    """``found`` without the findings of ``codes`` (whole-set findings by default) inside
    the spans :func:`shadowed` (or :func:`held_back`) gives (by place, not by line:
    entities written in flow style share lines)."""
    if not spans:
        return found
    return [d for d in found if d.code not in codes or not _inside(d, spans.get(d.path))]


def _inside(d: Diagnostic, spans: list[tuple[Place, Place]] | None) -> bool:
    """Whether ``d`` starts inside one of ``spans`` (sorted, not overlapping)."""
    if not spans:
        return False
    at = (d.line, d.column)
    k = bisect.bisect_right(spans, (at, (1 << 62, 0))) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]
