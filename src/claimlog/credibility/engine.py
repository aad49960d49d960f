"""The assessment engine: a ledger set in, one assessment per claim out. Pure, no I/O.

The model is subjective logic in its evidence form (Josang), docs/credibility.md:

1. Each counted item becomes evidence for or against each claim it takes a stance
   on: ``EVIDENCE_UNITS * strength * weight * share``, where the weight is the
   origin's reliability times the item's credibility, times a factor <= 1 per relay,
   halved when the origin is affiliated with one of the claim's parties; the share
   is 1, except that the stances one item takes inside one group share the evidence
   of its strongest stance (one observation is not counted twice).
2. Items whose origins share an ultimate origin (through ``derived_from``) are one
   line of reporting: their evidence is averaged (averaging fusion). Lines are
   independent: their evidence adds up (cumulative fusion).
3. With r for and s against and the claim's prior as base rate a:
   b = r/(r+s+W), d = s/(r+s+W), u = W/(r+s+W), P = b + a*u.
4. A competing-hypotheses group is one multinomial opinion: evidence against one
   claim is evidence for its rivals, spread in proportion to their own support plus
   prior weight, so the group's probabilities sum to at most 1 by construction.
5. Each item's contribution is how far P moves when the item is left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from ..ledgerset import LedgerSet
from ..model import Claim, Evidence, Source
from .tables import (
    CREDIBILITY,
    CREDIBLE_WEIGHT,
    EVIDENCE_UNITS,
    INTEREST_DISCOUNT,
    MAX_UNCERTAINTY,
    PRIOR_WEIGHT,
    REFUTED_AT,
    RELAY_BASE,
    RELIABILITY,
    STANCE,
    SUPPORTED_AT,
    icd203,
)

FLAG_TEXT: dict[str, str] = {
    "no-evidence": "no counted evidence takes a stance on this claim",
    "single-origin": "all supporting evidence traces to one origin",
    "interested-parties-only": "all supporting evidence comes from interested parties",
    "claimant-only": "all supporting evidence comes from those who make the claim",
    "verdict-not-backed": "the recorded verdict differs from the assessed one",
}
"""Every flag and what it means, for ``show`` and the docs."""


@dataclass(slots=True)
class ItemAssessment:
    """How one evidence item bears on one claim."""

    id: str
    stance: str
    origin: str
    via: tuple[str, ...]
    line: str
    weight: float
    evidence_for: float
    evidence_against: float
    interested: bool
    claimant: bool
    counted: bool
    excluded: str | None
    """Why the item does not count: 'retracted', 'after as-of date', 'undated', or None."""
    contribution: float = 0.0
    roots: frozenset[str] = field(default=frozenset(), repr=False)
    """The ultimate origins of the item's source (through ``derived_from``)."""


@dataclass(frozen=True)
class Assessment:
    """The assessment of one claim."""

    id: str
    statement: str
    group: str | None
    prior: float
    probability: float
    belief: float
    disbelief: float
    uncertainty: float
    verdict: str
    label: str
    contested: bool
    supports: int
    refutes: int
    neutral: int
    retracted: int
    independent_origins: int
    recorded_verdict: str | None
    flags: tuple[str, ...]
    items: tuple[ItemAssessment, ...]


@dataclass
class _Line:
    """One line of reporting on a claim: items whose origins overlap."""

    members: list[ItemAssessment]
    r: float  # sum of the members' evidence for
    s: float  # sum of the members' evidence against
    common: frozenset[str]  # origins every member shares

    @property
    def mean(self) -> tuple[float, float]:
        return self.r / len(self.members), self.s / len(self.members)


@dataclass
class _Raw:
    """A claim's fused evidence, before the group constraint."""

    r: float = 0.0
    s: float = 0.0
    line_of: dict[str, str] = field(default_factory=dict)
    """Item id -> its line of reporting, named by the line's smallest origin id."""
    lines: dict[str, _Line] = field(default_factory=dict)

    def without(self, item_id: str) -> tuple[float, float]:
        """(r, s) with one item left out: only its own line changes. When the line's
        members share an origin, leaving one out cannot split it and the new mean is
        immediate; otherwise (an item bridging origins) that line alone is fused again."""
        name = self.line_of.get(item_id)
        if name is None:
            return self.r, self.s
        line = self.lines[name]
        old_r, old_s = line.mean
        rest = [m for m in line.members if m.id != item_id]
        if not rest:
            new_r = new_s = 0.0
        elif line.common:
            new_r = sum(m.evidence_for for m in rest) / len(rest)
            new_s = sum(m.evidence_against for m in rest) / len(rest)
        else:
            refused = _fuse(rest)
            new_r, new_s = refused.r, refused.s
        return self.r - old_r + new_r, self.s - old_s + new_s


def quantize(p: float) -> float:
    """A probability to 4 decimals, rounded down (with a hair of tolerance for binary
    fractions such as 0.3): rounding down keeps a group's sum at most 1 as shown."""
    return math.floor(p * 10_000 + 1e-6) / 10_000


def _day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def item_weight(item: Evidence, sources: dict[str, Source], interested: bool) -> float:
    """The weight of an item: reliability x credibility x relay losses x interest."""
    origin = sources.get(item.source)
    weight = RELIABILITY[origin.reliability if origin else "F"] * CREDIBILITY[item.credibility]
    for relay in item.via:
        grade = sources[relay].reliability if relay in sources else "F"
        weight *= RELAY_BASE + (1.0 - RELAY_BASE) * RELIABILITY[grade]
    if interested:
        weight *= INTEREST_DISCOUNT
    return weight


def _fuse(items: Iterable[ItemAssessment]) -> _Raw:
    """Average within lines of shared origin, add across lines (deterministic order)."""
    ordered = sorted(items, key=lambda i: i.id)
    lines: dict[str, list[ItemAssessment]] = {}
    if all(len(it.roots) == 1 for it in ordered):
        # The usual case: every item has one ultimate origin, and that is its line.
        for it in ordered:
            (root,) = it.roots
            lines.setdefault(root, []).append(it)
    else:
        # Items whose origins overlap are joined (union-find over shared origins).
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        owner: dict[str, str] = {}
        for it in ordered:
            parent[it.id] = it.id
            for root in sorted(it.roots):
                if root in owner:
                    a, b = find(owner[root]), find(it.id)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
                else:
                    owner[root] = it.id
        for it in ordered:
            lines.setdefault(find(it.id), []).append(it)
    raw = _Raw()
    for head in sorted(lines):
        members = lines[head]
        line = _Line(
            members,
            sum(m.evidence_for for m in members),
            sum(m.evidence_against for m in members),
            frozenset.intersection(*(m.roots for m in members)),
        )
        mean_r, mean_s = line.mean
        raw.r += mean_r
        raw.s += mean_s
        name = min(root for m in members for root in m.roots)
        raw.lines[name] = line
        for m in members:
            raw.line_of[m.id] = name
    return raw


def _opinion(raw: _Raw, prior: float) -> tuple[float, float, float, float]:
    """(probability, belief, disbelief, uncertainty) of fused evidence."""
    total = raw.r + raw.s + PRIOR_WEIGHT
    b, d, u = raw.r / total, raw.s / total, PRIOR_WEIGHT / total
    return b + prior * u, b, d, u


@dataclass(frozen=True, slots=True)
class _Stakes:
    """Who has a stake in a claim: its parties, its claimants and their origins."""

    parties: frozenset[str]
    claimants: frozenset[str]
    claimant_roots: frozenset[str]


class _Engine:
    def __init__(self, ls: LedgerSet, as_of: date | None) -> None:
        self.ls = ls
        self.as_of = as_of
        self.sources = {sid: ls.source(sid) for sid in ls.sources}
        self.roots = ls.roots
        # Base rates of every grouped claim, computed once per group.
        self.priors: dict[str, dict[str, float]] = {}
        for members in ls.groups.values():
            if len(members) > 1:
                priors = self.group_priors(members)
                for cid in members:
                    self.priors[cid] = priors

    def prior_of(self, claim: Claim) -> float:
        """The base rate the assessment used for ``claim``."""
        if claim.id in self.priors:
            return self.priors[claim.id][claim.id]
        return claim.prior if claim.prior is not None else 0.5

    def excluded(self, item: Evidence) -> str | None:
        if item.retracted:
            return "retracted"
        if self.as_of is not None:
            day = _day(item.date)
            if day is None:
                return "undated"
            if day > self.as_of:
                return "after as-of date"
        return None

    def item_on(self, item: Evidence, claim: Claim, stakes: _Stakes) -> ItemAssessment:
        """How ``item`` bears on ``claim``, given the claim's parties and claimants."""
        stance = item.stance[claim.id]
        direction, strength = STANCE[stance]
        origin = self.sources.get(item.source)
        interested = bool(origin and stakes.parties.intersection(origin.affiliation))
        roots = self.roots.get(item.source) or frozenset({item.source})
        claimant = item.source in stakes.claimants or not roots.isdisjoint(stakes.claimant_roots)
        weight = item_weight(item, self.sources, interested)
        # Inside a group an item is one observation about which claim is true: its
        # stances there share the evidence of its strongest one, so "supports A,
        # refutes B" is not counted twice, and an agreeing weaker stance takes
        # nothing away.
        amount = EVIDENCE_UNITS * strength * weight * self.group_share(item, claim)
        excluded = self.excluded(item)
        return ItemAssessment(
            id=item.id,
            stance=stance,
            origin=item.source,
            via=tuple(item.via),
            line=min(roots),
            weight=weight,
            evidence_for=amount if direction > 0 else 0.0,
            evidence_against=amount if direction < 0 else 0.0,
            interested=interested,
            claimant=claimant,
            counted=excluded is None,
            excluded=excluded,
            roots=roots,
        )

    def group_share(self, item: Evidence, claim: Claim) -> float:
        """The share of its evidence an item gives each of its stances inside
        ``claim``'s group: its strongest strength over the sum of its strengths there
        (1 outside groups, or for a single stance)."""
        if claim.id not in self.priors:
            return 1.0
        group = claim.group
        strengths = [
            STANCE[stance][1]
            for cid, stance in item.stance.items()
            if stance != "neutral" and cid in self.priors and self.ls.claim(cid).group == group
        ]
        if len(strengths) < 2:
            return 1.0
        return max(strengths) / sum(strengths)

    def stakes(self, claim: Claim) -> _Stakes:
        claimants = frozenset(claim.claimed_by)
        claimant_roots = frozenset().union(
            *(self.roots.get(c) or frozenset({c}) for c in claimants)
        )
        return _Stakes(frozenset(claim.parties), claimants, claimant_roots)

    def raw(self, items: tuple[ItemAssessment, ...]) -> _Raw:
        return _fuse(i for i in items if i.counted and (i.evidence_for or i.evidence_against))

    def probabilities(
        self, members: list[str], evidence: dict[str, tuple[float, float]]
    ) -> dict[str, tuple[float, float, float, float]]:
        """(P, b, d, u) for the claims of one group, or of one lone claim, from each
        claim's fused evidence (r, s).

        A group is one multinomial opinion (a Dirichlet): evidence for a claim is
        evidence for that value; evidence against a claim is spread over its rivals
        (and over "none of these" when the priors leave room) in proportion to their
        pseudo-counts (own support plus prior weight), so a refutation favours the
        better-supported rivals rather than all of them equally. Then
        P_i = (R_i + W a_i) / (R + W), which sums to at most 1 over the group. For a
        lone claim this is the binomial opinion P = (r + W a) / (r + s + W).
        """
        if len(members) == 1:
            cid = members[0]
            r, s = evidence[cid]
            prior = self.prior_of(self.ls.claim(cid))
            total = r + s + PRIOR_WEIGHT
            b, d, u = r / total, s / total, PRIOR_WEIGHT / total
            return {cid: (b + prior * u, b, d, u)}
        priors = self.priors[members[0]]
        rest = max(0.0, 1.0 - sum(priors.values()))  # "none of these"
        # Pseudo-counts before refutations: a claim's own support plus its prior weight.
        counts = {cid: evidence[cid][0] + PRIOR_WEIGHT * priors[cid] for cid in members}
        mass = {cid: evidence[cid][0] for cid in members}
        for j in members:
            against = evidence[j][1]
            if not against:
                continue
            rivals = sum(counts[k] for k in members if k != j) + PRIOR_WEIGHT * rest
            for k in members:
                if k != j:
                    mass[k] += against * counts[k] / rivals
        total = sum(r + s for r, s in evidence.values()) + PRIOR_WEIGHT
        u = PRIOR_WEIGHT / total
        out = {}
        for cid in members:
            b = mass[cid] / total
            out[cid] = (b + priors[cid] * u, b, max(0.0, 1.0 - b - u), u)
        return out

    def group_priors(self, members: list[str]) -> dict[str, float]:
        """Base rates of a group's claims: as recorded, else 1/n; scaled to sum to 1
        when the recorded ones sum to more (the group-prior-sum check reports that)."""
        given = {cid: self.ls.claim(cid).prior for cid in members}
        fixed = sum(p for p in given.values() if p is not None)
        missing = [cid for cid, p in given.items() if p is None]
        share = 1.0 / len(members)
        if missing:
            share = max(0.0, min(share, (1.0 - fixed) / len(missing)))
        priors = {cid: (p if p is not None else share) for cid, p in given.items()}
        total = sum(priors.values())
        if total > 1.0 or any(p <= 0.0 for p in priors.values()):
            floor = {cid: max(p, 1e-6) for cid, p in priors.items()}
            norm = sum(floor.values())
            priors = {cid: p / norm * (1.0 - 1e-9) for cid, p in floor.items()}
        return priors


def assess(ls: LedgerSet, as_of: date | None = None) -> dict[str, Assessment]:
    """One assessment per claim of the set, by claim id."""
    engine = _Engine(ls, as_of)
    items: dict[str, tuple[ItemAssessment, ...]] = {}
    for cid, entities in ls.evidence_by_claim.items():
        claim = ls.claim(cid)
        stakes = engine.stakes(claim)
        assessed = []
        for entity in entities:
            model = entity.model
            assert isinstance(model, Evidence)
            assessed.append(engine.item_on(model, claim, stakes))
        items[cid] = tuple(assessed)

    units: list[list[str]] = [members for members in ls.groups.values() if len(members) > 1]
    grouped = {cid for members in units for cid in members}
    units += [[cid] for cid in sorted(ls.claims) if cid not in grouped]

    out: dict[str, Assessment] = {}
    for members in units:
        raws = {cid: engine.raw(items[cid]) for cid in members}
        evidence = {cid: (raws[cid].r, raws[cid].s) for cid in members}
        base = engine.probabilities(members, evidence)
        # Contributions: leave each item out and see how far each claim moves. Only
        # the claims the item bears on change their evidence, and only in its line.
        bearing: dict[str, list[str]] = {}
        for cid in members:
            for it in items[cid]:
                if it.counted:
                    bearing.setdefault(it.id, []).append(cid)
        moved: dict[tuple[str, str], float] = {}
        for eid in sorted(bearing):
            changed = dict(evidence)
            for cid in bearing[eid]:
                changed[cid] = raws[cid].without(eid)
            without = engine.probabilities(members, changed)
            for cid in members:
                moved[(cid, eid)] = base[cid][0] - without[cid][0]
        for cid in members:
            out[cid] = _conclude(ls.claim(cid), items[cid], base[cid], raws[cid], moved, engine)
    return dict(sorted(out.items()))


def _conclude(
    claim: Claim,
    items: tuple[ItemAssessment, ...],
    base: tuple[float, float, float, float],
    raw: _Raw,
    moved: dict[tuple[str, str], float],
    engine: _Engine,
) -> Assessment:
    p, b, d, u = base
    p = quantize(p)
    final = items  # already in id order (evidence_by_claim is sorted)
    for i in final:
        i.line = raw.line_of.get(i.id, i.line)
        i.contribution = p - quantize(p - moved.get((claim.id, i.id), 0.0))
    counted = [i for i in final if i.counted]
    support = [i for i in counted if i.evidence_for > 0]
    refute = [i for i in counted if i.evidence_against > 0]
    contested = any(i.weight >= CREDIBLE_WEIGHT for i in support) and any(
        i.weight >= CREDIBLE_WEIGHT for i in refute
    )
    if not support and not refute:
        verdict = "unverified"
    elif p >= SUPPORTED_AT and u <= MAX_UNCERTAINTY and b > d:
        verdict = "supported"
    elif p <= REFUTED_AT and u <= MAX_UNCERTAINTY and d > b:
        verdict = "refuted"
    elif contested:
        verdict = "disputed"
    else:
        verdict = "unverified"

    flags: list[str] = []
    if not support and not refute:
        flags.append("no-evidence")
    if support and len({i.line for i in support}) == 1:
        flags.append("single-origin")
    if support and all(i.interested for i in support):
        flags.append("interested-parties-only")
    if support and claim.claimed_by and all(i.claimant for i in support):
        flags.append("claimant-only")
    if claim.verdict is not None and claim.verdict != verdict:
        flags.append("verdict-not-backed")

    return Assessment(
        id=claim.id,
        statement=claim.statement,
        group=claim.group,
        prior=engine.prior_of(claim),
        probability=p,
        belief=round(b, 4),
        disbelief=round(d, 4),
        uncertainty=round(u, 4),
        verdict=verdict,
        label=icd203(p),
        contested=contested,
        supports=sum(1 for i in final if i.counted and i.evidence_for > 0),
        refutes=sum(1 for i in final if i.counted and i.evidence_against > 0),
        neutral=sum(1 for i in final if i.counted and i.stance == "neutral"),
        retracted=sum(1 for i in final if i.excluded == "retracted"),
        independent_origins=len(raw.lines),
        recorded_verdict=claim.verdict,
        flags=tuple(flags),
        items=final,
    )
