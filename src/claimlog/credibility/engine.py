"""The assessment engine: a ledger set in, one assessment per claim out. Pure, no I/O.

The model is subjective logic in its evidence form (Josang), docs/credibility.md:

1. Each counted item becomes evidence for or against each claim it takes a stance
   on: ``EVIDENCE_UNITS * strength * weight``, where the weight is the origin's
   reliability times the item's credibility, times a factor <= 1 per relay, halved
   when the origin is affiliated with one of the claim's parties. The stances one
   item takes inside one group share the evidence of its strongest one (one
   observation is not counted twice).
2. Items whose origins share an ultimate origin (through ``derived_from``) are one
   line of reporting: their evidence is averaged (averaging fusion). Lines are
   independent: their evidence adds up (cumulative fusion).
3. With r for and s against and the claim's prior as base rate a:
   b = r/(r+s+W), d = s/(r+s+W), u = W/(r+s+W), P = b + a*u (a lone claim).
4. A competing-hypotheses group is one multinomial opinion over its claims and
   "none of these": each item is one evidence vector; what it says against a claim
   goes to the values it does not refute, by base rate. P_i = (R_i + W a_i)/(R + W),
   so a group's probabilities sum to at most 1 by construction. A lone claim is the
   same with two values, the claim and its negation.
5. Each item's contribution is how far P moves when the item is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..ledgerset import LedgerSet
from ..model import Claim, Evidence, Source, calendar_date
from .tables import (
    CONTESTED_REFUTED_AT,
    CONTESTED_SUPPORTED_AT,
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
    quantize,
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
    claim: str
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


def _lines(entries: Iterable[tuple[str, frozenset[str]]]) -> dict[str, list[str]]:
    """Item ids grouped into lines of reporting: items whose origins overlap are one
    line (transitively). Lines are named by their smallest origin; ids stay in order."""
    ordered = sorted(entries)
    groups: dict[str, list[str]] = {}
    origins: dict[str, frozenset[str]] = dict(ordered)
    if all(len(roots) == 1 for _, roots in ordered):
        # The usual case: every item has one ultimate origin, and that is its line.
        for ident, roots in ordered:
            (root,) = roots
            groups.setdefault(root, []).append(ident)
        return groups
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, str] = {}
    for ident, roots in ordered:
        parent[ident] = ident
        for root in sorted(roots):
            if root in owner:
                a, b = find(owner[root]), find(ident)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[root] = ident
    heads: dict[str, list[str]] = {}
    for ident, _ in ordered:
        heads.setdefault(find(ident), []).append(ident)
    for members in heads.values():
        name = min(root for m in members for root in origins[m])
        groups[name] = members
    return groups


@dataclass
class _Part:
    """One item's evidence in a unit: what it gives one value outright, and what it
    says of a set of values without choosing among them ("one of these" for a
    support of several claims, "not this one" for a refutation), to be spread over
    them as the evidence stands."""

    direct: dict[int, float] = field(default_factory=dict)
    spread: list[tuple[float, tuple[int, ...]]] = field(default_factory=list)

    def add(self, amount: float, targets: tuple[int, ...], open_values: list[int]) -> None:
        """Evidence for the set ``targets``: outright when the set is one value; none
        at all when it is every open value (it says nothing of which is true)."""
        if len(targets) == 1:
            self.direct[targets[0]] = self.direct.get(targets[0], 0.0) + amount
        elif targets and len(targets) < len(open_values):
            self.spread.append((amount, targets))


Targets = tuple[int, ...]
"""The values an evidence piece is spread over (indices into a unit's values)."""


@dataclass
class _Sums:
    """Fused evidence before the spread: outright evidence per value, and the amount
    said of each set of values. Lines add up; within a line, members are averaged."""

    outright: list[float]
    spread: dict[Targets, float]

    def add(self, other: _Sums, sign: float = 1.0) -> None:
        for k, v in enumerate(other.outright):
            self.outright[k] += sign * v
        for targets, amount in other.spread.items():
            self.spread[targets] = self.spread.get(targets, 0.0) + sign * amount


@dataclass
class _Unit:
    """The evidence on one group of competing claims (or one lone claim and its
    negation), as one multinomial opinion over ``values`` plus "none of these".

    Each item is one evidence vector over the values. What an item gives one claim
    outright is fused first (pass 1); what it says of a set of values is then spread
    over that set in proportion to the values' pseudo-counts after pass 1 (their
    outright evidence plus prior weight), so it favours none of them: supporting
    several claims never lowers one of them, refuting a rival never lowers the
    others. Vectors are averaged within a line of reporting, added across lines.
    Because the spread is linear in the amounts, the fused evidence is kept as sums
    per line, and leaving one item out only re-averages its own line.
    """

    values: list[str]
    priors: list[float]  # base rates of the values, then of "none of these"
    parts: dict[str, _Part] = field(default_factory=dict)
    roots: dict[str, frozenset[str]] = field(default_factory=dict)
    line_of: dict[str, str] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)
    common: dict[str, frozenset[str]] = field(default_factory=dict)
    per_line: dict[str, _Sums] = field(default_factory=dict)
    sums: _Sums | None = None
    total: list[float] = field(default_factory=list)

    def fuse(self) -> None:
        self.lines = _lines((i, self.roots[i]) for i in self.parts)
        self.sums = _Sums([0.0] * len(self.priors), {})
        for name, members in self.lines.items():
            self.common[name] = frozenset.intersection(*(self.roots[m] for m in members))
            for m in members:
                self.line_of[m] = name
            self.per_line[name] = self._line(members)
            self.sums.add(self.per_line[name])
        self.total = self._spread(self.sums)

    def _line(self, members: list[str]) -> _Sums:
        """The averaged evidence of the members of one line."""
        out = _Sums([0.0] * len(self.priors), {})
        share = 1.0 / len(members)
        for m in members:
            part = self.parts[m]
            for k, amount in part.direct.items():
                out.outright[k] += amount * share
            for amount, targets in part.spread:
                out.spread[targets] = out.spread.get(targets, 0.0) + amount * share
        return out

    def _spread(self, sums: _Sums) -> list[float]:
        total = list(sums.outright)
        counts = [total[k] + PRIOR_WEIGHT * self.priors[k] for k in range(len(total))]
        for targets, amount in sorted(sums.spread.items()):
            weight = sum(counts[t] for t in targets)
            for t in targets:
                total[t] += amount * counts[t] / weight
        return total

    def without(self, item_id: str) -> list[float]:
        """The fused evidence with one item left out, exactly: its line is averaged
        again without it (grouped again when the item bridged origins), and the
        spreads follow the new pseudo-counts."""
        if item_id not in self.parts or self.sums is None:
            return self.total
        name = self.line_of[item_id]
        rest = [m for m in self.lines[name] if m != item_id]
        sums = _Sums(list(self.sums.outright), dict(self.sums.spread))
        sums.add(self.per_line[name], -1.0)
        if rest and self.common[name]:
            sums.add(self._line(rest))
        elif rest:
            for members in _lines((m, self.roots[m]) for m in rest).values():
                sums.add(self._line(members))
        return self._spread(sums)

    def opinions(self, total: list[float]) -> dict[str, tuple[float, float, float, float]]:
        """(P, b, d, u) of each value: P_i = (R_i + W a_i) / (R + W)."""
        mass = sum(total) + PRIOR_WEIGHT
        u = PRIOR_WEIGHT / mass
        out = {}
        for k, cid in enumerate(self.values):
            b = total[k] / mass
            out[cid] = (b + self.priors[k] * u, b, max(0.0, 1.0 - b - u), u)
        return out


@dataclass
class _Raw:
    """A claim's own lines of reporting, for reporting (origins, single-origin)."""

    line_of: dict[str, str] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)


def _relay(grade: str) -> float:
    """The share of an item's weight a relay of this grade keeps (never more than all)."""
    return RELAY_BASE + (1.0 - RELAY_BASE) * RELIABILITY[grade]


def item_weight(
    item: Evidence,
    sources: dict[str, Source],
    origins: frozenset[str],
    interested: bool,
) -> float:
    """The weight of an item: reliability x credibility x relay losses x interest.

    A source that derives from others (``derived_from``) republishes them: its items
    carry the reliability of their origin (the least reliable, for a compilation of
    several), and the source itself counts as one more relay, which can only lose
    fidelity. A source that derives from nothing is its own origin.
    """
    source = sources.get(item.source)
    if source is not None and source.derived_from and item.source not in origins:
        grades = [sources[o].reliability if o in sources else "F" for o in sorted(origins)]
        weight = min(RELIABILITY[g] for g in grades) * _relay(source.reliability)
    else:
        weight = RELIABILITY[source.reliability if source else "F"]
    weight *= CREDIBILITY[item.credibility]
    for relay in item.via:
        weight *= _relay(sources[relay].reliability if relay in sources else "F")
    if interested:
        weight *= INTEREST_DISCOUNT
    return weight


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
            if item.date is None:
                return "undated"
            if calendar_date(item.date) > self.as_of:
                return "after as-of date"
        return None

    def item_on(self, item: Evidence, claim: Claim, stakes: _Stakes) -> ItemAssessment:
        """How ``item`` bears on ``claim``, given the claim's parties and claimants."""
        stance = item.stance[claim.id]
        direction, strength = STANCE[stance]
        roots = self.roots.get(item.source) or frozenset({item.source})
        # Interested: the source, or an origin it republishes, is affiliated with a party.
        interested = any(
            stakes.parties.intersection(self.sources[sid].affiliation)
            for sid in (item.source, *sorted(roots))
            if sid in self.sources
        )
        claimant = item.source in stakes.claimants or not roots.isdisjoint(stakes.claimant_roots)
        weight = item_weight(item, self.sources, roots, interested)
        amount = EVIDENCE_UNITS * strength * weight
        excluded = self.excluded(item)
        return ItemAssessment(
            id=item.id,
            claim=claim.id,
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

    def stakes(self, claim: Claim) -> _Stakes:
        claimants = frozenset(claim.claimed_by)
        claimant_roots = frozenset().union(
            *(self.roots.get(c) or frozenset({c}) for c in claimants)
        )
        return _Stakes(frozenset(claim.parties), claimants, claimant_roots)

    def unit(self, members: list[str], items: dict[str, tuple[ItemAssessment, ...]]) -> _Unit:
        """The evidence vectors of a group of claims (or of one lone claim)."""
        if len(members) == 1:
            prior = self.prior_of(self.ls.claim(members[0]))
            unit = _Unit(list(members), [prior, 1.0 - prior])
        else:
            priors = self.priors[members[0]]
            rest = 1.0 - sum(priors.values())
            if rest < 1e-9:  # priors that sum to 1 leave no room, whatever the rounding
                rest = 0.0
            unit = _Unit(list(members), [priors[c] for c in members] + [rest])
        index = {cid: k for k, cid in enumerate(members)}
        size = len(unit.priors)
        open_values = [t for t in range(size) if unit.priors[t] > 0]
        by_item: dict[str, list[ItemAssessment]] = {}
        for cid in members:
            for ia in items[cid]:
                if ia.counted and (ia.evidence_for or ia.evidence_against):
                    by_item.setdefault(ia.id, []).append(ia)
        for eid, stances in by_item.items():
            unit.roots[eid] = stances[0].roots
            supported = [ia for ia in stances if ia.evidence_for]
            refuting = [ia for ia in stances if ia.evidence_against]
            # One observation about which claim is true: supporting several claims says
            # "one of these" with the strength of the strongest stance, and all its
            # stances in the group share the evidence of the strongest one, so
            # "supports A, refutes B" is not counted twice.
            pieces = [max((ia.evidence_for for ia in supported), default=0.0)]
            pieces += [ia.evidence_against for ia in refuting]
            share = max(pieces) / sum(pieces)
            for ia in stances:
                ia.evidence_for *= share
                ia.evidence_against *= share
            part = _Part()
            if supported:
                amount = max(ia.evidence_for for ia in supported)
                part.add(amount, tuple(sorted(index[ia.claim] for ia in supported)), open_values)
            refuted = {index[ia.claim] for ia in refuting}
            for ia in refuting:
                # "Not this claim": to the values the item does not itself refute (to
                # every other value if it refutes them all).
                k = index[ia.claim]
                targets = tuple(t for t in open_values if t not in refuted) or tuple(
                    t for t in open_values if t != k
                )
                part.add(ia.evidence_against, targets, open_values)
            if not part.direct and not part.spread:
                # It supports every open claim: it says nothing of which is true, so it
                # is no evidence at all (not support, not in its line's average).
                for ia in stances:
                    ia.evidence_for = ia.evidence_against = 0.0
                continue
            unit.parts[eid] = part
        unit.fuse()
        return unit

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
            priors = {cid: p / norm for cid, p in floor.items()}
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
        unit = engine.unit(members, items)
        base = unit.opinions(unit.total)
        # Contributions: leave each item out and see how far each claim moves; only
        # the item's own line of reporting changes.
        moved: dict[tuple[str, str], float] = {}
        for eid in sorted(unit.parts):
            without = unit.opinions(unit.without(eid))
            for cid in members:
                moved[(cid, eid)] = base[cid][0] - without[cid][0]
        for cid in members:
            # A claim's lines are its group's lines (which the computation used),
            # restricted to the items that bear on the claim.
            line_of = {i.id: unit.line_of[i.id] for i in items[cid] if i.id in unit.line_of}
            own: dict[str, list[str]] = {}
            for eid, name in line_of.items():
                own.setdefault(name, []).append(eid)
            out[cid] = _conclude(
                ls.claim(cid), items[cid], base[cid], _Raw(line_of, own), moved, engine
            )
    return dict(sorted(out.items()))


def _conclude(
    claim: Claim,
    items: tuple[ItemAssessment, ...],
    base: tuple[float, float, float, float],
    raw: _Raw,
    moved: dict[tuple[str, str], float],
    engine: _Engine,
) -> Assessment:
    exact, b, d, u = base
    p = quantize(exact)
    final = items  # already in id order (evidence_by_claim is sorted)
    for i in final:
        i.line = raw.line_of.get(i.id, i.line)
        i.contribution = p - quantize(exact - moved.get((claim.id, i.id), 0.0))
    counted = [i for i in final if i.counted]
    support = [i for i in counted if i.evidence_for > 0]
    refute = [i for i in counted if i.evidence_against > 0]
    contested = any(i.weight >= CREDIBLE_WEIGHT for i in support) and any(
        i.weight >= CREDIBLE_WEIGHT for i in refute
    )
    if not support and not refute:
        verdict = "unverified"
    elif p >= (CONTESTED_SUPPORTED_AT if contested else SUPPORTED_AT) and (
        u <= MAX_UNCERTAINTY and b > d
    ):
        verdict = "supported"
    elif p <= (CONTESTED_REFUTED_AT if contested else REFUTED_AT) and (
        u <= MAX_UNCERTAINTY and d > b
    ):
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
        belief=round(b, 9),
        disbelief=round(d, 9),
        uncertainty=round(u, 9),
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
