"""Checks that need the credibility assessment: verdicts, origins, interest, claimants."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Final

from .. import rules as R
from ..credibility import percent
from ..diagnostics import Diagnostic, diag
from ..loader import Map

if TYPE_CHECKING:
    from ..credibility import Assessment, ItemAssessment
    from ..credibility.origins import Origins
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


_DIRECTION: Final = {
    "strongly-supports": 1,
    "supports": 1,
    "refutes": -1,
    "strongly-refutes": -1,
}


class _Withdrawn:
    """The retracted items of one claim that share a line of reporting and a direction,
    by id: how many each source has, and the first few of them (enough to name three
    that are not of any one source), so that asking costs the same for every item."""

    def __init__(self, items: list[ItemAssessment]) -> None:
        self.roots = items[0].roots
        self.counts = Counter(w.origin for w in items)
        self.total = len(items)
        self.prefix: list[ItemAssessment] = []
        seen: Counter[str] = Counter()
        for w in sorted(items, key=lambda w: w.id):
            self.prefix.append(w)
            seen[w.origin] += 1
            if len(self.prefix) - max(seen.values()) >= 3:
                break
        self._named: dict[str, list[str]] = {}

    def other_than(self, origin: str) -> tuple[int, list[str]]:
        """How many of these items are not of ``origin``, and the first three by id."""
        if origin not in self._named:
            self._named[origin] = [w.id for w in self.prefix if w.origin != origin][:3]
        return self.total - self.counts[origin], self._named[origin]


def _withdrawn(items: Iterable[ItemAssessment]) -> dict[tuple[int, str], list[_Withdrawn]]:
    """The retracted items of a claim by direction and line, each line found by the
    first of its origins (an item is in a line when it has all the line's origins)."""
    lines: dict[tuple[int, Origins], list[ItemAssessment]] = {}
    for w in items:
        if w.excluded == "retracted" and w.stance in _DIRECTION and w.roots:
            lines.setdefault((_DIRECTION[w.stance], w.roots), []).append(w)
    out: dict[tuple[int, str], list[_Withdrawn]] = {}
    for (way, roots), found in lines.items():
        out.setdefault((way, min(roots)), []).append(_Withdrawn(found))
    return out


def retracted_lines(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """CL416: an item of another source that counts in the line of reporting of a
    retracted item, on the same claim and in the same direction (a tour saw a
    republisher's copy keep a claim `supported` after the original was withdrawn).
    Linear in the items but for lines of several origins, each tried once per origin
    of an item."""
    for cid, items in options.assessed_set(ls).items.items():
        withdrawn = _withdrawn(items)
        if not withdrawn:
            continue
        for item in items:
            if not item.counted or item.stance not in _DIRECTION:
                continue
            way = _DIRECTION[item.stance]
            count = 0
            names: list[str] = []
            for root in item.roots:
                for line in withdrawn.get((way, root), ()):
                    if line.roots <= item.roots:
                        more, first = line.other_than(item.origin)
                        count, names = count + more, names + first
            if count:
                yield _retracted_line(ls, item.id, cid, count, sorted(names)[:3])


def _retracted_line(ls: LedgerSet, eid: str, cid: str, count: int, names: list[str]) -> Diagnostic:
    entity = ls.evidence[eid]
    stance = entity.node.get("stance")
    at = stance.key_span(cid) if isinstance(stance, Map) else entity.key_span("id")
    shown = ", ".join(f"'{n}'" for n in names)
    more = f" and {count - len(names)} more" if count > len(names) else ""
    return diag(
        R.RETRACTED_LINE,
        entity.path,
        at,
        f"evidence '{eid}' counts for claim '{cid}' though {shown}{more}, in its line of "
        f"reporting, {'is' if count == 1 else 'are'} retracted",
        hint="if it repeats the withdrawn report, retract it too (retracted: DATE); if it "
        "stands on its own, say why in its notes",
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
