"""Checks that need the credibility assessment: verdicts, origins, interest, claimants."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from .. import rules as R
from ..credibility import percent
from ..credibility.origins import MIN_QUOTE, quote_words
from ..credibility.tables import STANCE
from ..diagnostics import Diagnostic, diag
from ..loader import Map
from ..model import Evidence, Source

if TYPE_CHECKING:
    from ..credibility import Assessment, ItemAssessment
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


def _way(stance: str) -> int:
    """The direction of a stance: 1 for, -1 against, 0 neutral (tables.STANCE)."""
    return STANCE[stance][0]


def _upstream(ls: LedgerSet, bit: Mapping[str, int]) -> dict[str, int]:
    """For each source, the ``bit`` of each source it republishes (``derived_from``,
    transitively, not itself), as one integer: a set of sources that costs a word per 64
    whatever the length of the chains. A cycle (CL301) is cut where the walk meets it
    (sources in id order, so the result is the same whatever the files' order)."""
    done: dict[str, int] = {}
    for start in sorted(ls.sources):
        if start in done:
            continue
        path = {start}
        stack = [(start, iter(_parents(ls, start)), 0)]
        while stack:
            sid, parents, acc = stack[-1]
            for parent in parents:
                acc |= bit.get(parent, 0)
                if parent in done:
                    acc |= done[parent]
                elif parent in ls.sources and parent not in path:
                    stack[-1] = (sid, parents, acc)
                    path.add(parent)
                    stack.append((parent, iter(_parents(ls, parent)), 0))
                    break
            else:
                stack.pop()
                path.discard(sid)
                done[sid] = acc
                if stack:
                    above, rest, carried = stack[-1]
                    stack[-1] = (above, rest, carried | acc)
    return done


def _parents(ls: LedgerSet, sid: str) -> Sequence[str]:
    source = ls.sources[sid].model
    assert isinstance(source, Source)
    return source.derived_from


def retracted_lines(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """CL416: an item of another source that counts though a retracted item on the same
    claim, in the same direction, is in its line: the item's source republishes the
    retracted item's source (``derived_from``, transitively), the item rests on it
    (``based_on``), or it carries the retracted item's quote word for word. A tour saw
    a republisher's copy keep a claim `supported` after the original was withdrawn; a
    review, the original told to retract because its copy was. Linear: sets of sources
    are integers of bits, at most three names are sought."""
    assessed = options.assessed_set(ls)
    origins = sorted(
        {i.origin for items in assessed.items.values() for i in items if _withdrawn(i)}
    )
    if not origins:
        return
    bit = {o: 1 << k for k, o in enumerate(origins)}
    upstream = _upstream(ls, bit)
    for cid, items in assessed.items.items():
        gone: dict[str, ItemAssessment] = {i.id: i for i in items if _withdrawn(i)}
        if not gone:
            continue
        mask = dict.fromkeys((1, -1), 0)
        first: dict[tuple[int, str], str] = {}  # the first retracted item of each source
        for i in sorted(gone.values(), key=lambda i: i.id):
            way = _way(i.stance)
            mask[way] |= bit[i.origin]
            first.setdefault((way, i.origin), i.id)
        quoted = _quoted(ls, gone)
        for item in items:
            if item.counted and _way(item.stance) != 0:
                names = _retracted_in_line(ls, item, gone, mask, first, upstream, origins)
                names = _with_quote_copies(ls, item, quoted, names)
                if names:
                    yield _retracted_line(ls, item.id, cid, names)


def _quote_of(ls: LedgerSet, eid: str) -> str | None:
    """An item's quote as copies are told apart (:func:`quote_words`), if long enough to
    mark a copy."""
    model = ls.evidence[eid].model
    assert isinstance(model, Evidence)
    if model.quote is None:
        return None
    words = quote_words(model.quote)
    return words if len(words) >= MIN_QUOTE else None


def _quoted(ls: LedgerSet, gone: Mapping[str, ItemAssessment]) -> dict[tuple[int, str], str]:
    """The first retracted item (by id) of each quote and direction."""
    out: dict[tuple[int, str], str] = {}
    for i in sorted(gone.values(), key=lambda i: i.id):
        words = _quote_of(ls, i.id)
        if words is not None:
            out.setdefault((_way(i.stance), words), i.id)
    return out


def _with_quote_copies(
    ls: LedgerSet, item: ItemAssessment, quoted: Mapping[tuple[int, str], str], names: list[str]
) -> list[str]:
    """``names`` and the retracted item whose quote ``item`` carries word for word, the
    same way (an analyst's review: a blog's copy of a withdrawn wire quote kept the claim
    `supported`, and CL413 named the copy without saying the original was withdrawn;
    property 17 makes them one line)."""
    if not quoted:
        return names
    words = _quote_of(ls, item.id)
    found = quoted.get((_way(item.stance), words)) if words is not None else None
    return sorted({*names, found}) if found is not None else names


def _withdrawn(i: ItemAssessment) -> bool:
    return i.excluded == "retracted" and _way(i.stance) != 0


def _retracted_in_line(
    ls: LedgerSet,
    item: ItemAssessment,
    gone: Mapping[str, ItemAssessment],
    mask: Mapping[int, int],
    first: Mapping[tuple[int, str], str],
    upstream: Mapping[str, int],
    origins: Sequence[str],
) -> list[str]:
    """The retracted items (of this claim, in ``item``'s direction, of other sources)
    in ``item``'s line, by id: the first of each republished source (up to four of
    them, enough to name three and say there are more) and those it rests on."""
    way = _way(item.stance)
    hit = upstream.get(item.origin, 0) & mask[way]
    names: list[str] = []
    while hit and len(names) < 4:
        low = hit & -hit
        names.append(first[(way, origins[low.bit_length() - 1])])
        hit ^= low
    model = ls.evidence[item.id].model
    assert isinstance(model, Evidence)
    for b in model.based_on:
        r = gone.get(b)
        if r is not None and _way(r.stance) == way and r.origin != item.origin:
            names.append(b)
    return sorted(set(names))


def _retracted_line(ls: LedgerSet, eid: str, cid: str, names: list[str]) -> Diagnostic:
    entity = ls.evidence[eid]
    stance = entity.node.get("stance")
    at = stance.key_span(cid) if isinstance(stance, Map) else entity.key_span("id")
    shown = ", ".join(f"'{n}'" for n in names[:3])
    more = " and others" if len(names) > 3 else ""
    count = len(names)
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
