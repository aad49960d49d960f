"""Logic: competing-hypotheses groups and the marks on their claims, claims without
evidence, unused sources."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import rules as R
from ..credibility.tables import OTHER_WAY
from ..diagnostics import Diagnostic, Suggestions, diag, plural
from ..loader import Map
from ..model import Claim, Entity, Evidence, Source, calendar_date

if TYPE_CHECKING:
    from datetime import date

    from ..ledgerset import LedgerSet
    from .options import CheckOptions


def group_verdicts(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    for group, members in ls.groups.items():
        supported = [cid for cid in members if ls.claim(cid).verdict == "supported"]
        for cid in supported[1:]:
            entity = ls.claims[cid]
            yield diag(
                R.GROUP_VERDICTS_CONFLICT,
                entity.path,
                entity.value_span("verdict"),
                f"claim '{cid}' is recorded as supported, and so is '{supported[0]}' "
                f"of the same group '{group}'",
                hint="claims of one group are mutually exclusive: at most one is supported",
            )


def lonely_groups(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """Groups of one claim, and declared groups of fewer than two. A check of its own,
    apart from :func:`group_priors`: runs that report errors only (``summary``) skip
    its did-you-mean hints."""
    groups = ls.groups
    names = Suggestions(groups)  # one index for every lonely group's hint
    for group, members in groups.items():
        declared = ls.declared_groups.get(group)
        if declared is not None and len(members) < 2:
            named = f"only one claim, '{members[0]}'" if members else "no claim"
            yield diag(
                R.LONELY_GROUP,
                declared.path,
                declared.value_span("id"),
                f"group '{group}' is declared, but {named} names it",
                hint=names.hint(group, exclude=group)
                or "claims join a group by naming it in their 'group'",
            )
            continue
        if len(members) == 1:
            entity = ls.claims[members[0]]
            yield diag(
                R.LONELY_GROUP,
                entity.path,
                entity.value_span("group"),
                f"group '{group}' has only one claim, '{members[0]}'",
                hint=names.hint(group, exclude=group),
            )


def group_priors(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    for group, members in ls.groups.items():
        if len(members) < 2:
            continue  # lonely_groups reports it
        priors = [ls.claim(cid).prior for cid in members]
        given = [p for p in priors if p is not None]
        if not given:
            continue
        missing = len(priors) - len(given)
        total = math.fsum(given)  # as the engine adds them: 0.1 + 0.2 + 0.7 is 1
        last = max(cid for cid in members if ls.claim(cid).prior is not None)
        entity = ls.claims[last]
        if total > 1 or (missing and total >= 1):
            left = f", leaving nothing for {plural(missing, 'claim')} without one"
            yield diag(
                R.GROUP_PRIOR_SUM,
                entity.path,
                entity.value_span("prior"),
                f"the priors of group '{group}' add up to {total:g}" + (left if missing else ""),
                hint="claims of one group are mutually exclusive: their priors sum to at most 1",
            )
        elif not missing and 1 - total < 1e-12 and not _exhaustive(ls, group):
            yield diag(
                R.OPEN_GROUP_PRIOR_SUM,
                entity.path,
                entity.value_span("prior"),
                f"the priors of open group '{group}' add up to 1, leaving nothing for "
                '"none of these"',
                hint=f"declare '{group}' under 'groups' with 'exhaustive: true' if one of "
                "its claims must be true; otherwise lower the priors",
            )


def _exhaustive(ls: LedgerSet, group: str) -> bool:
    declared = ls.group(group)
    return declared is not None and declared.exhaustive


def claims_without_evidence(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    for cid, items in ls.evidence_by_claim.items():
        entity = ls.claims[cid]
        if not items:
            yield diag(
                R.NO_EVIDENCE,
                entity.path,
                entity.value_span("id"),
                f"claim '{cid}' has no evidence",
                hint="add evidence items whose stance names this claim",
            )
        elif all(_retracted(e.model, options.as_of) for e in items):
            yield diag(
                R.RETRACTED_ONLY,
                entity.path,
                entity.value_span("id"),
                f"the only evidence item on claim '{cid}' is retracted"
                if len(items) == 1
                else f"all {len(items)} evidence items on claim '{cid}' are retracted",
            )


def _retracted(model: object, as_of: date | None) -> bool:
    """Withdrawn as of ``as_of`` (as the assessment reads ``retracted``: an item
    withdrawn on a later date still counts on the date assessed)."""
    if not isinstance(model, Evidence) or model.retracted is False:
        return False
    withdrawn = model.retracted
    return withdrawn is True or as_of is None or calendar_date(withdrawn) <= as_of


def unused_sources(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    used: set[str] = set()
    for entity in ls.evidence.values():
        item = entity.model
        assert isinstance(item, Evidence)
        used.add(item.source)
        used.update(item.via)
    for entity in ls.sources.values():
        src = entity.model
        assert isinstance(src, Source)
        used.update(src.derived_from)
    for entity in ls.claims.values():
        claim = entity.model
        assert isinstance(claim, Claim)
        used.update(claim.claimed_by)
    for sid, entity in ls.sources.items():
        if sid not in used:
            yield diag(
                R.UNUSED_SOURCE,
                entity.path,
                entity.value_span("id"),
                f"source '{sid}' is never used",
                hint="cite it from an evidence item, or remove it",
            )


def unmarked_pairs(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """Items that mark one claim of an exhaustive pair and not the other (or the other
    `neutral`): each claim's verdict weighs only its own marks (an analyst saw 'real'
    read `supported`, not contested, while 'staged', its negation, read `disputed`).
    Only where the other mark would weigh exactly as the first (the assessment's
    ``weighs_alike``: its speakers' stake is the same on both claims; a second analyst
    saw the hint turn an accused's denial into support of the rival), with no test but
    straw (a passed hoop test would become a failed one, which is decisive), and an item
    that counts. A pair whose claims name parties or claimants was skipped whole; a tour
    saw two independent experts support 'staged' only, and 'staged' read `supported`
    while 'real' read `unverified`, unflagged."""
    pairs = ls.exhaustive_pairs
    if not pairs:
        return
    late = options.late_of(ls)
    alike = options.assessed_set(ls).weighs_alike
    by_claim = ls.evidence_by_claim
    for group, members in pairs:
        for cid, other in (members, members[::-1]):
            for entity in by_claim.get(cid, ()):
                item = entity.model
                assert isinstance(item, Evidence)
                mark, theirs = item.stance.get(cid), item.stance.get(other)
                if mark not in OTHER_WAY or theirs not in (None, "neutral"):
                    continue
                if item.test not in (None, "straw") or item.retracted or entity.id in late:
                    continue
                if (entity.id, other) in alike:
                    yield _unmarked(entity, group, cid, other, mark, theirs)


def _unmarked(
    entity: Entity, group: str, cid: str, other: str, mark: str, theirs: str | None
) -> Diagnostic:
    stance = entity.node.get("stance")
    said = "does not mark" if theirs is None else "marks as neutral"
    return diag(
        R.UNMARKED_PAIR,
        entity.path,
        stance.key_span(cid) if isinstance(stance, Map) else entity.key_span("id"),
        f"evidence '{entity.id}' {mark.replace('-', ' ')} '{cid}' and {said} '{other}', "
        f"the other answer of the exhaustive group '{group}': the verdict of '{other}' "
        "does not weigh it",
        hint=f"mark it '{other}: {OTHER_WAY[mark]}'{' too' if theirs is None else ''}: of "
        "two answers one of which is true, what supports one refutes the other",
    )
