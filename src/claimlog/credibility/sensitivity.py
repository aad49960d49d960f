"""Sensitivity: the single items whose removal, or a one-notch change of a grade,
would change a claim's verdict. Pure.

Nothing is re-assessed: each pool of evidence answers "the total with this item
weighing that much instead" in time proportional to the item's origins
(lines.py), each change moves only the scores of the claims the item bears on,
and the other claims of its group move together by one factor, so the claims it
tips over a threshold are a range of a list sorted by probability. The work is
linear in the stances of the set (times the five changes tried per item).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Container, Sequence
from dataclasses import replace

from ..plaindata import dataclass
from .engine import (
    ClaimLines,
    Engine,
    Found,
    ItemAssessment,
    Sensitivity,
    Unit,
    Verdicts,
    gate_caps,
    heard_in_gates,
    item_pools,
    observed,
    sides,
    strength,
    unit_shadows,
)
from .lines import Lines
from .tables import (
    GRADE_ORDER,
    INFORMATION_ORDER,
    INTEREST,
    REFUTED_AT,
    SENSITIVITY_LIMIT,
    STANCE,
    SUPPORTED_AT,
    quantize,
)

CHANGE_ORDER = {"remove": 0, "source-grade": 1, "information-grade": 2}


def _neighbours(value: str, order: tuple[str, ...]) -> list[str]:
    """The grades one notch better and one notch worse (none for F and 6)."""
    if value not in order:
        return []
    k = order.index(value)
    return [order[j] for j in (k - 1, k + 1) if 0 <= j < len(order)]


@dataclass
class _Scale:
    """Each member's weight in Z and its numerator, relative to exp(top)."""

    top: float
    weights: dict[str, float]
    numerators: dict[str, float]


_Bearing = tuple[list[ItemAssessment], list[ItemAssessment], list[ItemAssessment]]
"""An item's stances on a unit as :func:`~claimlog.credibility.engine.observed` gives
them: pooled, borrowed through what it rests on, implied by the support it pools."""


@dataclass
class _Claim:
    """What a claim's verdict rests on, ready for what-ifs."""

    index: int
    lines: ClaimLines
    verdicts: Verdicts
    verdict: str


def sensitivities(
    assessed: Found,
    units: list[Unit] | None = None,
    removal_only: bool = False,
    target: str | None = None,
) -> dict[str, list[Sensitivity]]:
    """The sensitivity of every claim of ``units`` (default: every unit), or of the
    ``target`` claim alone; with ``removal_only``, only the removals (enough to tell a
    fragile verdict)."""
    chosen = assessed.engine.units if units is None else units
    found: dict[str, list[Sensitivity]] = {cid: [] for u in chosen for cid in u.members}
    for unit in chosen:
        _unit(assessed, unit, found, removal_only, target)
    for entries in found.values():
        entries.sort(key=lambda e: (CHANGE_ORDER[e.change], e.item, e.grade or ""))
        del entries[SENSITIVITY_LIMIT:]
    return found


def _scale(unit: Unit) -> tuple[_Scale, float]:
    """Each member's weight in Z and numerator, relative to the largest, and Z."""
    logs = [
        unit.log_weights(cid, unit.priors[k], unit.pro[cid], unit.con[cid])
        for k, cid in enumerate(unit.members)
    ]
    rest_log = math.log(unit.rest) if unit.rest > 0 else -math.inf
    top = max([*(w for w, _ in logs), rest_log])
    scale = _Scale(
        top,
        {cid: math.exp(w - top) for cid, (w, _) in zip(unit.members, logs, strict=True)},
        {cid: math.exp(n - top) for cid, (_, n) in zip(unit.members, logs, strict=True)},
    )
    return scale, math.fsum(scale.weights.values()) + math.exp(rest_log - top)


def _unit(
    assessed: Found,
    unit: Unit,
    found: dict[str, list[Sensitivity]],
    removal_only: bool,
    target: str | None,
) -> None:
    items = assessed.items
    if removal_only and all(assessed.claims[c].verdict == "unverified" for c in unit.members):
        return  # no verdict here says anything, so none can be fragile
    members = {
        cid: _Claim(k, assessed.own_lines(cid), assessed.gates[cid], assessed.claims[cid].verdict)
        for k, cid in enumerate(unit.members)
    }
    scale, z = _scale(unit)
    numerators = scale.numerators

    # Claims whose verdict turns on the probability alone, sorted by it.
    # (With removal_only, only a verdict that says something can change: supported
    # claims that could fall below the threshold, refuted ones that could rise.)
    def watched(c: str, m: _Claim) -> bool:
        if m.verdicts.flawed:
            return False  # unverified, whatever an item does (Verdicts.flawed)
        return (target is None or c == target) and not (removal_only and m.verdict == "unverified")

    watched_claims = {c for c, m in members.items() if watched(c, m)}
    if not watched_claims:
        return
    rising = sorted(
        (numerators[c] / z, c)
        for c, m in members.items()
        if m.verdicts.can_support() and watched(c, m)
    )
    falling = sorted(
        (numerators[c] / z, c)
        for c, m in members.items()
        if m.verdicts.can_refute() and watched(c, m)
    )

    by_item: dict[str, list[ItemAssessment]] = {}
    for cid in unit.members:
        for ia in items[cid]:
            if ia.counted and (ia.evidence_for or ia.evidence_against):
                by_item.setdefault(ia.id, []).append(ia)
    engine = assessed.engine
    for eid in sorted(by_item):
        # What-ifs keep the item's stances as they are observed now (the pooled ones,
        # and those the support it pools implies: observed()).
        bearing = observed(by_item[eid], unit_shadows(members, assessed.shadows, eid))
        bears_on = {ia.claim for part in bearing for ia in part}
        if not (rising or falling) and watched_claims.isdisjoint(bears_on):
            continue  # it bears on no watched claim, and moves none through the group
        for change, grade, values in _changes(engine, eid, bearing, removal_only):
            flipped = _what_if(
                unit, members, scale, z, bearing, values, rising, falling, watched_claims
            )
            for cid, verdict in flipped:
                found[cid].append(Sensitivity(eid, change, verdict, grade))


def _changes(
    engine: Engine, eid: str, bearing: _Bearing, removal_only: bool
) -> list[tuple[str, str | None, dict[str, float]]]:
    """The changes tried on one item: (change, grade tried, its weight on each claim
    it bears on): removal, and a notch up and down of each of its two grades (the
    stances it takes through what it rests on, and those the support it pools
    implies, weighed again too)."""
    item = engine.items[eid]
    source = engine.sources.get(item.source)
    every = [ia for part in bearing for ia in part]
    out: list[tuple[str, str | None, dict[str, float]]] = [
        ("remove", None, dict.fromkeys((ia.claim for ia in every), 0.0))
    ]
    if removal_only:
        return out
    tried: list[tuple[str, str, float]] = []
    for g in _neighbours(source.reliability if source else "F", GRADE_ORDER):
        tried.append(("source-grade", g, engine.quality(item, reliability=g)))
    for g in _neighbours(str(item.credibility), INFORMATION_ORDER):
        tried.append(("information-grade", g, engine.quality(item, information=int(g))))
    for change, grade, quality in tried:
        again = [_weighed_again(ia, quality) for ia in every]
        out.append(
            (change, grade, {ia.claim: ia.evidence_for or ia.evidence_against for ia in again})
        )
    return out


def _weighed_again(ia: ItemAssessment, quality: float) -> ItemAssessment:
    """``ia`` with the item's quality changed (interest, stance and test as they are)."""
    weight = strength(quality * INTEREST[ia.weighed], ia.stance, ia.test)
    direction = STANCE[ia.stance][0]
    return replace(
        ia,
        evidence_for=weight if direction > 0 else 0.0,
        evidence_against=weight if direction < 0 else 0.0,
    )


def _what_if(
    unit: Unit,
    members: dict[str, _Claim],
    scale: _Scale,
    z: float,
    bearing: _Bearing,
    values: dict[str, float],
    rising: list[tuple[float, str]],
    falling: list[tuple[float, str]],
    watched: set[str],
) -> list[tuple[str, str]]:
    """The claims whose verdict changes when the item weighs ``values`` (per claim),
    among the ``watched`` ones. ``bearing``: the item's pooled stances, those it takes
    through what it rests on (which move the pools it is in, not the claims' own
    weights), and those the support it pools implies (which move their claims' own
    weights, not the pools)."""
    stances, shadows, implied = bearing
    pros, cons = sides(stances, shadows, implied)
    first = pros[0] if pros else cons[0] if cons else None
    pools = item_pools(unit, pros, cons, lambda ia: values[ia.claim])
    if first is None or not _moves_anything(unit, members, first.id, pros, cons, values, pools):
        # No pool moves; an implied stance still moves its claim's own weights.
        told = gate_caps((), implied, pros, cons, unit, values)
        return _own_verdicts(members, implied, values, scale.numerators, z, told, watched)
    moved = _moved(unit, first.id, first.roots, pools)
    new_weights: dict[str, float] = {}
    new_numerators: dict[str, float] = {}
    for cid, (d_pro, d_con) in moved.items():
        k = members[cid].index
        w, n = unit.log_weights(cid, unit.priors[k], unit.pro[cid] + d_pro, unit.con[cid] + d_con)
        new_weights[cid] = math.exp(w - scale.top)
        new_numerators[cid] = math.exp(n - scale.top)
    z_new = z - math.fsum(scale.weights[c] for c in moved) + math.fsum(new_weights.values())
    if z_new <= 0:
        return []
    # What of its new weights tells each claim from the others (the gates' caps). An
    # implied stance moves its claim's own weights, not the pools.
    told = gate_caps(stances, implied, pros, cons, unit, values)
    numerators = {**scale.numerators, **new_numerators}
    own = [*stances, *implied]  # a stance's pool may be named by the others (pool_key)
    out = _own_verdicts(members, own, values, numerators, z_new, told, watched)
    # Moved through a pool alone (a stance taken through what the item rests on, or a
    # claim that names the pool of the item's stances on its rivals, Unit.pool_key):
    # its own weights stay as they are.
    marked = {ia.claim for ia in own}
    for cid in sorted(moved.keys() - marked):
        if cid in watched:
            m = members[cid]
            verdict = m.verdicts.verdict(quantize(new_numerators[cid] / z_new))
            if verdict != m.verdict:
                out.append((cid, verdict))
    ratio = z / z_new
    passed = moved.keys() | {ia.claim for ia in (*stances, *implied)}
    for ordered, threshold in ((rising, SUPPORTED_AT), (falling, REFUTED_AT)):
        if ordered and ratio != 1.0:
            out += _tipped(members, ordered, threshold, ratio, passed)
    return out


def _own_verdicts(
    members: dict[str, _Claim],
    stances: Sequence[ItemAssessment],
    values: dict[str, float],
    numerators: dict[str, float],
    z: float,
    told: dict[str, float],
    watched: set[str],
) -> list[tuple[str, str]]:
    """The watched claims among those of ``stances`` whose verdict changes when the
    item weighs ``values`` in their own weights (:func:`_verdict_with`)."""
    return [
        (ia.claim, verdict)
        for ia in stances
        if ia.claim in watched
        for verdict in [_verdict_with(members[ia.claim], ia, values, numerators, z, told)]
        if verdict != members[ia.claim].verdict
    ]


def _moved(
    unit: Unit, eid: str, roots: frozenset[str], pools: dict[tuple[int, tuple[str, ...]], float]
) -> dict[str, list[float]]:
    """How far the item's change moves each claim's weight for and against (dB), with
    the item weighing ``pools`` (:func:`~claimlog.credibility.engine.item_pools`)."""
    moved: dict[str, list[float]] = {}
    for (sign, key), value in pools.items():
        lines = unit.pools(sign)[key]
        new = lines.total_with(eid, value, roots)
        for cid in key:
            delta = moved.setdefault(cid, [0.0, 0.0])
            delta[0 if sign > 0 else 1] += new - lines.total()
    return moved


def _verdict_with(
    m: _Claim,
    ia: ItemAssessment,
    values: dict[str, float],
    numerators: dict[str, float],
    z: float,
    told: dict[str, float],
) -> str:
    """The verdict of a claim the item bears on, with the item weighing ``values``, of
    which ``told`` tells each claim apart (the gates' caps,
    :func:`~claimlog.credibility.engine.gate_caps`)."""
    own = m.lines
    value = values[ia.claim]
    cap = told.get(ia.claim)
    gated = value if cap is None else min(value, max(cap, 0.0))
    heard = heard_in_gates(ia)
    pro = bool(ia.evidence_for)

    def total(at: int, part: Lines) -> float:
        if (at % 2 == 0) != pro:  # the other side
            return part.total()
        if at < 2:
            return part.total_with(ia.id, value, ia.roots) if ia.id in part.shares else part.total()
        # A gate: the item joins it, capped, even where its cap kept it out before.
        return part.total_with(ia.id, gated, ia.roots) if heard else part.total()

    parts = (own.pro, own.con, own.gate_pro, own.gate_con)
    w_for, w_against, g_for, g_against = (total(at, part) for at, part in enumerate(parts))
    v = Verdicts(False, w_for, w_against, g_for, g_against)  # (a flawed claim is not watched)
    v.has_evidence = v.weight_for > 0 or v.weight_against > 0
    return v.verdict(quantize(numerators[ia.claim] / z))


def _tipped(
    members: dict[str, _Claim],
    ordered: list[tuple[float, str]],
    threshold: float,
    ratio: float,
    moved: Container[str],
) -> list[tuple[str, str]]:
    """The claims the item does not bear on whose probability, scaled by ``ratio``,
    crosses ``threshold`` and changes their verdict: a range of ``ordered``."""
    out: list[tuple[str, str]] = []
    low, high = sorted((threshold, threshold / ratio))
    start = bisect.bisect_left(ordered, (low * (1 - 1e-9), ""))
    for p, cid in ordered[start:]:
        if p > high * (1 + 1e-9):
            break
        if cid in moved:
            continue
        m = members[cid]
        verdict = m.verdicts.verdict(quantize(p * ratio))
        if verdict != m.verdict:
            out.append((cid, verdict))
    return out


def _moves_anything(
    unit: Unit,
    members: dict[str, _Claim],
    eid: str,
    pros: list[ItemAssessment],
    cons: list[ItemAssessment],
    values: dict[str, float],
    pools: dict[tuple[int, tuple[str, ...]], float],
) -> bool:
    """Whether the change can move any total at all (most items are not the strongest
    of their line, and an echo removed or regraded leaves everything as it was)."""
    for (sign, key), value in pools.items():
        if unit.pools(sign)[key].moves(eid, value):
            return True
    for ia in (*pros, *cons):
        own = members[ia.claim].lines
        for part in (own.pro, own.con, own.gate_pro, own.gate_con):
            if eid in part.shares and part.moves(eid, values[ia.claim]):
                return True
    return False
