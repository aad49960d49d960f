"""Checks that need the credibility assessment: verdicts, origins, interest, claimants."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from .. import rules as R
from ..credibility import percent
from ..diagnostics import Diagnostic, diag

if TYPE_CHECKING:
    from ..credibility import Assessment
    from ..ledgerset import LedgerSet
    from .options import CheckOptions


def fragile_verdicts(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """A recorded verdict that the evidence gives, but that one item decides."""
    assessed = options.assessed_set(ls)
    for cid, a in assessed.claims.items():
        if a.recorded_verdict != a.verdict or a.verdict == "unverified":
            continue
        removals = assessed.removals(cid)
        if not removals:
            continue
        entity = ls.claims[cid]
        which = ", ".join(f"'{s.item}' (then {s.verdict})" for s in removals[:3])
        yield diag(
            R.FRAGILE_VERDICT,
            entity.path,
            entity.value_span("verdict"),
            f"claim '{cid}' is recorded as {a.verdict}, and so it is assessed, but one "
            f"item decides it: without {which} the verdict changes",
            hint="find a second, independent source before relying on this verdict",
        )


def echo_limit(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """The stances passed along ``based_on`` ran past the engine's budget."""
    overflow = options.assessed_set(ls).echo_overflow
    if overflow is None:
        return
    entity = ls.evidence[overflow.item]
    yield diag(
        R.ECHO_LIMIT,
        entity.path,
        entity.value_span("based_on"),
        f"the stances passed along based_on ran past the limit at evidence "
        f"'{overflow.item}' ({overflow.spent:,} of {overflow.budget:,}): no item borrows "
        "a stance through what it rests on in this run, so the assessments leave out "
        "what echoes carry",
        hint="rest each echo on the first report it repeats, not on the echo before it",
    )


def assessed_claims(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    assessments = options.assessed(ls)
    for cid, a in assessments.items():
        entity = ls.claims[cid]
        at_id = entity.value_span("id")
        pct = percent(a.probability)
        if "verdict-not-backed" in a.flags:
            yield diag(
                R.VERDICT_NOT_BACKED,
                entity.path,
                entity.value_span("verdict"),
                f"claim '{cid}' is recorded as {a.recorded_verdict}, but the evidence "
                f"assesses it as {a.verdict} ({a.label}, {pct})",
                hint="update the verdict, or add the evidence that backs it",
            )
        backs = a.verdict == "supported" or a.recorded_verdict == "supported"
        if "single-origin" in a.flags and (a.supports >= 2 or backs):
            line = next(i.line for i in a.items if i.counted and i.evidence_for > 0)
            yield diag(
                R.SINGLE_ORIGIN,
                entity.path,
                at_id,
                f"all {a.supports} supporting items of claim '{cid}' trace to one origin, '{line}'"
                if a.supports > 1
                else f"claim '{cid}' rests on a single supporting item, from '{line}'",
                hint="repetition is not corroboration: look for an independent origin",
            )
        if "interested-parties-only" in a.flags:
            parties = set(ls.claim(cid).parties)
            stakes = sorted(
                {
                    tag
                    for i in a.items
                    if i.counted and i.evidence_for > 0 and i.origin in ls.sources
                    for tag in ls.source(i.origin).affiliation
                    if tag in parties
                }
            )
            yield diag(
                R.INTERESTED_PARTIES_ONLY,
                entity.path,
                at_id,
                f"claim '{cid}' is supported only by interested parties"
                + (f" ({', '.join(stakes)})" if stakes else ""),
                hint="look for support from a source with no stake in the claim",
            )
        if "claimant-only" in a.flags:
            yield diag(
                R.CLAIMANT_ONLY,
                entity.path,
                at_id,
                f"claim '{cid}' is supported only by those who make it",
                hint="a claim does not corroborate itself: look for independent support",
            )
    yield from _group_conflicts(ls, assessments)


def _group_conflicts(ls: LedgerSet, assessments: Mapping[str, Assessment]) -> Iterator[Diagnostic]:
    for group, members in ls.groups.items():
        leaders = [cid for cid in members if assessments[cid].verdict == "supported"]
        for cid in members:
            if ls.claim(cid).verdict == "supported" and leaders and cid not in leaders:
                entity = ls.claims[cid]
                yield diag(
                    R.GROUP_ASSESSMENT_CONFLICT,
                    entity.path,
                    entity.value_span("verdict"),
                    f"claim '{cid}' is recorded as supported, but its rival '{leaders[0]}' "
                    f"in group '{group}' is the one the evidence supports",
                )
