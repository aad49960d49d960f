"""The assessment engine: a ledger set in, one assessment per claim out. Pure, no I/O.

Weight of evidence (I. J. Good), docs/credibility.md:

1. Each counted item bears on each claim it takes a stance on with a weight in
   decibans: its stance's weight, scaled by its quality (the origin's
   reliability x the item's credibility x a loss per relay), made decisive by a
   process-tracing test only as far as the quality allows, and scaled by the
   speaker's interest (self-serving statements tell little).
2. Items of one origin are one line of reporting: a line is worth its strongest
   item. Lines add up, but saturate: one side of a claim never exceeds
   ``SATURATION`` times its strongest line.
3. A claim's score is the weight for it minus the weight against it. A group of
   competing claims (a lone claim is a group of one) is one distribution over
   its claims and "none of these" (the claim's negation, for a lone claim):
   P_i = prior_i * 10^(s_i/10) / Z. Evidence that supports (or refutes) several
   claims of a group at once raises (or lowers) each of them by the same amount,
   so that supporting a claim never lowers it.
4. The verdict follows a stated rule (``verdict_rule``); contributions split the
   move from the prior exactly (explain.py); sensitivity finds the single items
   that decide a verdict (sensitivity.py).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import field, replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from ..graph import in_cycle, strongly_connected
from ..model import Claim, Evidence, Source, calendar_date
from ..plaindata import dataclass
from .lines import NO_LINES, Lines, Relined, local_roots, pooled
from .origins import (
    NO_BITS,
    NO_TAGS,
    QUOTE,
    Bits,
    Origins,
    OriginSet,
    Places,
    Tags,
    bearing,
    bits_of,
    closure,
    compilation_name,
    item_origins,
    join,
    join_all,
    meets,
    meets_outside,
    own_origins,
    propagate,
    quote_classes,
    rests_on,
    union_all,
)
from .tables import (
    CONTESTED_RATIO,
    CREDIBILITY,
    CREDIBLE_DB,
    DB,
    DECISIVE,
    DECISIVE_DIRECTIONS,
    INTEREST,
    PRIOR_DB,
    PRIOR_LABEL,
    REFUTED_AT,
    RELAY_BASE,
    RELIABILITY,
    STANCE,
    SUPPORTED_AT,
    WEAK_DIRECTIONS,
    WEAK_TEST,
    icd203,
    percent,
    percent_tenths,
    quantize,
)

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet

T = TypeVar("T")

FLAG_TEXT: dict[str, str] = {
    "has-errors": "the claim, or its group (its declaration or another of its claims), has "
    "an error in the ledger, or an item on them does not count for one: no verdict beyond "
    "unverified until it is fixed",
    "no-evidence": "no counted evidence takes a stance on this claim",
    "single-origin": "all supporting evidence traces to one origin",
    "interested-parties-only": "all supporting evidence comes from interested parties",
    "claimant-only": "all supporting evidence comes from those who make the claim",
    "accused-only": "all refuting evidence comes from interested parties (the accused "
    "and their side, or parties whose side is not known)",
    "fragile": "the verdict hangs on one item: without it the verdict would change",
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
    """The item's source."""
    via: Sequence[str]
    """The relays, the item's own list (records are never changed)."""
    line: str
    """The name of its line of reporting (its origins, joined)."""
    weight: float
    """The item's quality (0..1) times the interest factor: what its stance's weight
    is scaled by (and a decisive test lifted by)."""
    evidence_for: float
    """Weight of evidence for the claim, in dB (0 when it refutes or is neutral)."""
    evidence_against: float
    interested: bool
    """Its source (or an origin it republishes) is affiliated with a party to the claim."""
    claimant: bool
    """Its source (or an origin) is among those who make the claim."""
    counted: bool
    excluded: str | None
    """Why the item does not count: 'retracted', 'after as-of date', 'undated' (under
    --as-of), 'unknown source', or one of :data:`ERROR_EXCLUSIONS` (the set has an
    error in the item, its source, a relay, a source they republish or an item it
    rests on, so that its grade or retraction cannot be judged; or the item is dated or
    retracted after today, CL401), or None."""
    interest: str = "none"
    """'none', 'party', 'self-serving' or 'admission' (see tables.INTEREST), of its
    speakers: its source, and those of the items it rests on or copies (the same
    quote). It decides what the item can carry: the verdict's gates, the flags."""
    weighed: str = "none"
    """The interest its weight is scaled by: :attr:`interest` without its quote copies'
    speakers (adding a copy never lowers another item's weight: property 3)."""
    test: str = "straw"
    undated: bool = False
    """Left out under --as-of because it has no date."""
    roots: Origins = field(default=frozenset(), repr=False)
    """The item's origins (lines of reporting)."""
    relined: tuple[Origins, Tags] | None = field(default=None, repr=False)
    """Where a quote copy took it out of its origins: the origins it has without the
    copies, and which copies its quote lines come through (:data:`Tags`). A pool or a
    side counts it in those origins unless copies from elsewhere meet there
    (:func:`local_roots`)."""


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """One change to one item that would change a claim's verdict."""

    item: str
    change: str
    """'remove', 'source-grade' or 'information-grade'."""
    verdict: str
    """The verdict the claim would then have."""
    grade: str | None = None
    """The grade tried, for a grade change ('C', '3')."""


@dataclass(frozen=True, slots=True)
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
    weight_for: float = 0.0
    """Evidence for the claim in dB (saturated)."""
    weight_against: float = 0.0
    rule: str = ""
    """The verdict rule in one plain sentence, with this claim's figures."""
    undated: int = 0
    """Items left out under --as-of because they have no date."""


@dataclass(frozen=True, slots=True)
class GroupAssessment:
    """A competing-hypotheses group (declared or not) and its "none of these" share."""

    id: str
    question: str | None
    exhaustive: bool
    declared: bool
    members: tuple[str, ...]
    residual: float
    """The probability of "none of these" (0 for an exhaustive group)."""
    residual_prior: float

    @property
    def residual_label(self) -> str:
        """The words for "none of these": its ICD 203 expression once evidence has
        moved it, as a claim's (property 2: no likelihood word for a prior)."""
        moved = quantize(self.residual) != quantize(self.residual_prior)
        return icd203(self.residual) if moved else PRIOR_LABEL


@dataclass(slots=True)
class Verdicts:
    """What decides a claim's verdict besides its probability."""

    has_evidence: bool
    weight_for: float
    weight_against: float
    support_gate: float
    """Weight for from sources with no stake (or admissions), dB, as far as it tells
    the claim from the other hypotheses of its unit (:func:`told_apart`)."""
    refute_gate: float
    support_heard: float | None = None
    """The weight for from such sources whether or not it tells the claim apart, where
    that is more (for the verdict's sentence); else None."""
    refute_heard: float | None = None
    flawed: bool = False
    """The claim, or its group (the declaration or another claim of it), holds an error
    of its file (:attr:`~claimlog.ledgerset.LedgerSet.flawed`), or an item on them does
    not count for one (:data:`ERROR_EXCLUSIONS`): no verdict beyond unverified, and not
    contested, since a field or an item set aside (parties, claimants, a prior, the
    group, an item's weight) may be what decides it."""

    @property
    def contested(self) -> bool:
        """Credible evidence points both ways: the weaker side has at least
        ``CREDIBLE_DB`` and a ``CONTESTED_RATIO`` of the stronger, and each side has at
        least ``CREDIBLE_DB`` from sources with no stake (or admissions), the weight a
        verdict needs: an accused's denial alone does not dispute what independent
        witnesses report, nor a claimant's word alone what they refute (property 13)."""
        if self.flawed:
            return False  # no verdict, disputed included
        low, high = sorted((self.weight_for, self.weight_against))
        gated = min(self.support_gate, self.refute_gate)
        return low >= CREDIBLE_DB and gated >= CREDIBLE_DB and low >= CONTESTED_RATIO * high

    def can_support(self) -> bool:
        return (
            self.has_evidence
            and not self.contested
            and _more(self.weight_for, self.weight_against)
            and min(self.weight_for, self.support_gate) >= CREDIBLE_DB
        )

    def can_refute(self) -> bool:
        return (
            self.has_evidence
            and not self.contested
            and _more(self.weight_against, self.weight_for)
            and min(self.weight_against, self.refute_gate) >= CREDIBLE_DB
        )

    def verdict(self, p: float) -> str:
        if not self.has_evidence or self.flawed:
            return "unverified"
        if self.contested:
            return "disputed"
        if p >= SUPPORTED_AT and self.can_support():
            return "supported"
        if p <= REFUTED_AT and self.can_refute():
            return "refuted"
        return "unverified"


def _more(a: float, b: float) -> bool:
    """``a > b`` for two weights, equal when they agree to 9 decimals (as the weights
    are shown in JSON): two ways of adding up the same lines (an assessment, and a
    sensitivity's what-if) can differ in the last bit, and a tie must read as one."""
    return round(a, 9) > round(b, 9)


_NO_STAKE = "no stake (or against their own side)"
"""Whose weight a verdict needs: the speakers with no stake, and admissions."""


ERROR_EXCLUSIONS = frozenset(
    {
        "item with errors",
        "source with errors",
        "republishes a source with errors",
        "relay with errors",
        "rests on an item with errors",
        "dated after today",
        "retracted after today",
    }
)
"""Why an item does not count when an error of the set reaches it (``check`` names the
error; the item's grade or retraction cannot be judged until it is mended)."""


_FLAWED_RULE = (
    "Unverified: the claim, or its group (its declaration or another of its claims), has "
    "an error in the ledger, or an item on them does not count for one ('claimlog check' "
    "names it), and a field or an item set aside may be what decides its verdict: none "
    "beyond unverified until it is fixed; {figures}."
)


def verdict_rule(verdict: str, p: float, v: Verdicts, prior: float | None = None) -> str:
    """The verdict rule in one plain sentence, with the claim's own figures. ``prior``:
    the claim's prior, when the evidence on its group's rivals moved P from it."""
    figures = (
        f"here P = {percent_tenths(p)}, {v.weight_for:.1f} dB for and "
        f"{v.weight_against:.1f} dB against"
    )
    needs = (
        f"at least {CREDIBLE_DB:g} dB of it from sources with no stake in the claim or "
        "speaking against their own side that tells it apart from the other answers, and "
        f"not contested; {figures}."
    )
    if v.flawed:
        return _FLAWED_RULE.format(figures=figures)
    if verdict == "supported":
        return f"Supported: P >= {percent(SUPPORTED_AT)}, more weight for than against, {needs}"
    if verdict == "refuted":
        return f"Refuted: P <= {percent(REFUTED_AT)}, more weight against than for, {needs}"
    if verdict == "disputed":
        return (
            f"Disputed: credible evidence points both ways (each side at least "
            f"{CREDIBLE_DB:g} dB, that much of it from sources with no stake telling the claim "
            f"apart from the other answers, the weaker at least {percent(CONTESTED_RATIO)} of "
            f"the stronger); {figures}."
        )
    if not v.has_evidence:
        if prior is not None:
            before, after = _apart(prior, p)
            return (
                "Unverified: no counted evidence takes a stance on this claim; P is its "
                f"prior ({before}), moved by the evidence on the other claims of its group "
                f"to {after}."
            )
        return "Unverified: no counted evidence takes a stance on this claim; P is its prior."
    reasons = []
    side_for = v.weight_for >= v.weight_against
    # The part of the weight that counts toward a verdict, rounded down: the figures
    # below give the whole weight, of which it may be less ("2.1 dB against" beside
    # "under 2 dB" read as a contradiction to a tour).
    # All of it from such sources: said without the rounded-down figure, which read as
    # less than the whole ("only 0.8 dB of the support ... 0.9 dB for", a tour).
    if side_for and v.support_gate < CREDIBLE_DB:
        reasons.append(_gate_reason("support", v.support_gate, v.weight_for, v.support_heard))
    if not side_for and v.refute_gate < CREDIBLE_DB:
        reasons.append(
            _gate_reason("weight against", v.refute_gate, v.weight_against, v.refute_heard)
        )
    if REFUTED_AT < p < SUPPORTED_AT:
        reasons.append(f"P between {percent(REFUTED_AT)} and {percent(SUPPORTED_AT)}")
    elif (p >= SUPPORTED_AT) != side_for:
        reasons.append("P and the weight of the claim's own evidence point different ways")
    why = "; ".join(reasons) or "the evidence is too weak either way"
    return (
        f"Unverified: supported needs P >= {percent(SUPPORTED_AT)} and refuted P <= "
        f"{percent(REFUTED_AT)}, each with at least {CREDIBLE_DB:g} dB from sources with "
        f"{_NO_STAKE}; "
        f"{why}; {figures}."
    )


def _gate_reason(side: str, gate: float, weight: float, heard: float | None = None) -> str:
    """Why a side's weight gives no verdict: what of it is from such sources, under
    ``CREDIBLE_DB``; or, where such sources give more (``heard``), what of that tells
    the claim from its rivals (:func:`told_apart`)."""
    if heard is not None and heard >= CREDIBLE_DB and heard > gate + 1e-9:
        whose = f"all the {side} is" if heard >= weight - 1e-9 else f"enough of the {side} is"
        return (
            f"{whose} from such sources, but only {_down(gate)} dB of it tells the claim "
            "apart from the other answers (it bears the same way on them)"
        )
    if gate >= weight - 1e-9:
        # The figure beside it is rounded: 1.994 dB reads 2.0 (a review).
        near = round(weight, 1) >= CREDIBLE_DB
        exact = f" ({math.floor(weight * 100 + 1e-9) / 100:.2f} dB)" if near else ""
        return f"all the {side} is from such sources, but under {CREDIBLE_DB:g} dB{exact}"
    return f"only {_down(gate)} dB of the {side} is from such sources"


def _down(db: float) -> str:
    """A weight in dB with one decimal, rounded down (so that a weight under a limit
    never reads as the limit)."""
    return f"{math.floor(db * 10 + 1e-9) / 10:.1f}"


def _apart(a: float, b: float) -> tuple[str, str]:
    """Two probabilities as percentages (rounded down) with one decimal, or with as
    many more as it takes to tell them apart (up to four)."""
    for places in range(1, 5):
        left, right = (f"{quantize(x, places + 2) * 100:.{places}f}%" for x in (a, b))
        if left != right:
            break
    return left, right


def _relay(grade: str) -> float:
    """The share of an item's quality a relay of this grade keeps (never more than all)."""
    return RELAY_BASE + (1.0 - RELAY_BASE) * RELIABILITY[grade]


def strength(quality: float, stance: str, test: str) -> float:
    """The weight in dB of an item of this quality, stance and test type, before
    interest. A decisive test lifts the weight toward ``DECISIVE`` only as far as
    the quality allows (quality cubed), so a doubtful report of a smoking gun is no
    smoking gun; increasing in quality."""
    direction, base = STANCE[stance]
    if direction == 0:
        return 0.0
    if direction in DECISIVE_DIRECTIONS[test]:
        return quality * (base + (DECISIVE[base] - base) * quality * quality)
    if direction in WEAK_DIRECTIONS[test]:
        return quality * base * WEAK_TEST
    return quality * base


@dataclass(frozen=True, slots=True)
class _Stakes:
    """Who has a stake in a claim: its parties, who makes it, and which side each
    party is on (the claimants' side and the accused), when the ledger says: by name,
    for an item's own source, and as the places of :meth:`Engine._who_speaks`, for the
    speakers whose word passes to it."""

    parties: frozenset[str]
    claimant_side: frozenset[str]
    accused_side: frozenset[str]
    named: frozenset[str]
    """Who makes the claim."""
    party_bits: Bits
    side_bits: Bits
    accused_bits: Bits
    """The places of the three above, among the affiliations whose word passes."""
    claimant_bits: Bits
    """The places of those who make the claim, among the claimants whose word passes
    to others (the rest are in :attr:`named` alone)."""
    claim: str = ""
    rivals: _Rivals | None = None
    """Who makes an answer of the claim's group: those who make another one and not
    this one are parties here, with their side, and want this answer false, as the
    accused do (:meth:`Engine.stakes`)."""

    def rival(self, source: str, tags: frozenset[str], speakers: Bits) -> bool:
        """Whether an item of ``source`` (of affiliations ``tags``) that hears
        ``speakers`` speaks for someone who makes another answer of the group, or
        shares the affiliation of one, and is not on this claim's claimant side. Asked
        per item from what the group shares, so that a group of many claimants costs
        no list of rivals per claim."""
        r = self.rivals
        if r is None:
            return False
        makes = r.makes.get(source)
        if makes is not None and self.claim not in makes:
            return True
        if tags and not tags.isdisjoint(r.tags) and not tags & r.tags <= self.claimant_side:
            return True
        if not speakers[1]:
            return False
        return meets_outside(speakers, r.claimant_bits, self.claimant_bits) or meets_outside(
            speakers, r.tag_bits, self.side_bits
        )


@dataclass(slots=True)
class _Rivals:
    """Who makes the answers of one group (:meth:`Engine.stakes`)."""

    makes: dict[str, frozenset[str]]
    """Each claimant of the group, and the answers it makes."""
    tags: frozenset[str]
    """Their affiliations."""
    claimant_bits: Bits
    """The places of those whose word passes to others."""
    tag_bits: Bits
    """The places of their affiliations."""


BASE = "\0"
"""Marks an item's origins without quote copies among the keys of :meth:`Engine._line_keys`
(no id holds a NUL)."""


class Engine:
    """The assessment of a ledger set as of a date: items, groups, scores."""

    def __init__(
        self, ls: LedgerSet, as_of: date | None, late: Mapping[str, str] | None = None
    ) -> None:
        self.ls = ls
        self.as_of = as_of
        self.late: Mapping[str, str] = late or {}  # after today: errors (checks.late)
        self.sources: dict[str, Source] = {sid: ls.source(sid) for sid in ls.sources}
        derived = {
            sid: [d for d in s.derived_from if d in self.sources] for sid, s in self.sources.items()
        }
        self._derived = derived
        # The components of derived_from, once (five walks of it carry what sources pass on).
        self._components = strongly_connected(derived) if any(derived.values()) else []
        self._own_origin = own_origins(derived, self._components)
        self._tag_cache: dict[str, frozenset[str]] = {}
        self._member_cache: dict[str, frozenset[str]] = {}
        self._places_cache: dict[frozenset[str], Bits] = {}
        self._rivals_cache: dict[str, _Rivals | None] = {}
        self._origin_tags: dict[str, frozenset[str]] | None = None
        # What each item brings, in one pass over the items in the order they were
        # loaded (each pass over 400,000 items scattered in memory costs 0.1-0.3 s).
        evidence = ls.evidence
        broken_source = "source" in ls.broken.values()
        tainting = ls.flawed or broken_source or self.late
        self._tainted = self._tainted_items(derived) if tainting else {}
        self.items: dict[str, Evidence] = {}
        self.exclusions: dict[str, str | None] = {}
        own_source: dict[str, str] = {}
        rest: dict[str, Sequence[str]] = {}  # the items each rests on
        quoted: list[tuple[str, str, frozenset[tuple[str, int]]]] = []
        for eid, entity in evidence.items():
            item = entity.model
            assert isinstance(item, Evidence)
            self.items[eid] = item
            own_source[eid] = item.source
            excluded = self.exclusions[eid] = self.excluded(item)
            rest[eid] = rests_on(item.based_on, evidence)
            # Only items that count can be copies of one another: a retracted or later
            # item changes nothing, not even by sharing a quote.
            if item.quote is not None and excluded is None:
                quoted.append((eid, item.quote, bearing(item.stance)))
        copies = quote_classes(quoted)
        origins, relined, self.based_on_cycles = self._origins(own_source, rest, copies)
        del own_source
        claims = ls.claims
        self.borrowed, self.echo_overflow = _borrowed(
            self.items,
            rest,
            self.exclusions,
            lambda cid: ls.claim(cid).group if cid in claims else None,
        )
        self.speakers, self.own_speakers = self._who_speaks(derived, rest, copies)
        self.item_origins, self.relined = self._line_keys(origins, relined)
        self.copies = copies
        self._quality_cache: dict[str, float] = {}
        self._long_via: dict[tuple[str, str | None, int | None], float] = {}
        self.origin_grade = self._origin_grades()
        self._floors: dict[str, float] = self._carried(self.origin_grade.__getitem__, _least)
        self.units = self._units()

    # --- sources and items ---------------------------------------------------------

    def _who_speaks(
        self,
        derived: Mapping[str, Sequence[str]],
        rest: Mapping[str, Sequence[str]],
        copies: Sequence[tuple[str, Sequence[str]]],
    ) -> tuple[dict[str, Bits], dict[str, Bits]]:
        """Who speaks through each item besides its own source, and for its weight
        (:func:`_speakers`): the affiliations (even places) and the claimants (odd
        places) of the sources whose word passes to others, as :data:`Bits`. Sets of
        source ids grew with every link of a chain of echoes or of republishers (5,000
        echoes took about 5 s and 625 MB). An item's own source is asked by name
        (:meth:`_stake`).

        Only a source whose word passes to others has places: one that a source
        republishes, or whose item is rested on or copied (a place for every source
        made 100,000 sources of their own affiliations take 2.6 GB, twice what sets of
        names took); and the places go in the order the set names them, so that what an
        item hears from its neighbours is a narrow window (no output depends on the
        places)."""
        ls = self.ls
        passing = {d for deps in derived.values() for d in deps}
        passing.update(self.items[d].source for deps in rest.values() for d in deps)
        passing.update(self.items[m].source for _, members in copies for m in members)
        heard = [sid for sid in self.sources if sid in passing]
        distinct = {id(ts): ts for ts in map(self._tags, heard)}  # shared sets once
        tags = dict.fromkeys(t for ts in distinct.values() for t in ts)
        self._tag_at = {t: 2 * k for k, t in enumerate(tags)}
        claimants = dict.fromkeys(
            c for cid in ls.claims for c in ls.claim(cid).claimed_by if c in passing
        )
        self._claimant_at = {c: 2 * k + 1 for k, c in enumerate(claimants)}
        self._passing = passing
        # The claimants each source speaks for: itself, and every claimant it republishes,
        # transitively. A republisher of a claimant speaks for it; the claimant does not
        # make what it republishes its own word (a review: a state broadcaster that
        # republishes Reuters made Reuters' correspondent "self-serving").
        self._speaks_for = (
            closure(derived, self._claimant, self._components) if any(derived.values()) else {}
        )
        self._voice_cache: dict[str, Bits] = {}
        items = self.items
        return _speakers(rest, lambda eid: self._voice(items[eid].source), copies)

    def _origins(
        self,
        own_source: Mapping[str, str],
        rest: Mapping[str, Sequence[str]],
        copies: Sequence[tuple[str, Sequence[str]]],
    ) -> tuple[dict[str, OriginSet], dict[str, tuple[OriginSet, Tags]], dict[str, list[str]]]:
        """The origins of every source (:attr:`source_sets`) and item, those an item would
        have without quote copies where they differ (:func:`item_origins`), and the
        based_on cycles; a large set as places of :attr:`places`."""
        names = self._own_origin
        unknown = {sid for sid in own_source.values() if sid not in names}
        quotes = [QUOTE + text for text, _ in copies]
        places = self.places = Places([*names.values(), *unknown, *quotes])
        at: dict[str, OriginSet] = {sid: frozenset({name}) for sid, name in names.items()}
        found = self.source_sets = propagate(self._derived, at, places.unite, self._components)[0]
        own = {eid: found.get(s) or frozenset({s}) for eid, s in own_source.items()}
        if not copies:
            origins, cycles, _ = item_origins(own, rest, copies, unite=places.unite)
            return origins, {}, cycles
        plain, _ = propagate(rest, own, places.unite)
        origins, cycles, tags = item_origins(own, rest, copies, unite=places.unite, bases=plain)
        relined = {
            eid: (b, tags.get(eid, NO_TAGS)) for eid, b in plain.items() if b != origins[eid]
        }
        return origins, relined, cycles

    def _line_keys(
        self, origins: Mapping[str, OriginSet], relined: Mapping[str, tuple[OriginSet, Tags]]
    ) -> tuple[dict[str, Origins], dict[str, tuple[Origins, Tags]]]:
        """The line keys of every item's origins (:meth:`Places.line_keys`), and of the
        origins it would have without quote copies, for the items a copy takes out of
        their lines (:func:`~claimlog.credibility.lines.local_roots`). One call, so that
        the keys of compilations are ranked among all of them."""
        if not relined:
            return self.places.line_keys(origins), {}
        bases = {BASE + eid: base for eid, (base, _) in relined.items()}
        keys = self.places.line_keys({**origins, **bases})
        return (
            {eid: keys[eid] for eid in origins},
            {eid: (keys[BASE + eid], tags) for eid, (_, tags) in relined.items()},
        )

    def _origin_grades(self) -> dict[str, float]:
        """The reliability of each origin: its source's grade; for a joint origin
        (a derived_from cycle), the least reliable member's, whatever the names. (Each
        name once: walking every source's origins grew with the square of a chain of
        republishers that each add an origin.)"""
        out: dict[str, float] = {}
        for origin in self._own_origin.values():
            if origin not in out:
                out[origin] = min(
                    RELIABILITY[self.sources[m].reliability if m in self.sources else "F"]
                    for m in origin.split("+")
                )
        return out

    def _carried(self, own: Callable[[str], T], unite: Callable[[Iterable[T]], T]) -> dict[str, T]:
        """What each source that republishes others gets from its origins: ``own`` of
        each origin's name, joined with ``unite`` along derived_from
        (:func:`~claimlog.credibility.origins.propagate`), without the sets of
        origins: asking each source's origins one by one grew with the square of a
        chain of republishers that each add an origin (5,000 took 5 s)."""
        derived = self._derived
        if not any(derived.values()):
            return {}
        names = self._own_origin
        own_of = {sid: own(name) for sid, name in names.items()}
        carried, _ = propagate(derived, own_of, unite, self._components)
        return {sid: found for sid, found in carried.items() if derived[sid]}

    def quality(
        self, item: Evidence, reliability: str | None = None, information: int | None = None
    ) -> float:
        """Reliability x credibility x relay losses, in 0..1. A source that republishes
        others (``derived_from``) is a relay of their origins: its items carry the
        least reliable origin's grade and lose a relay's share. ``reliability`` and
        ``information`` override the item's grades (for sensitivity)."""
        source = self.sources.get(item.source)
        grade = reliability or (source.reliability if source else "F")
        floor = self._origin_floor(item.source)
        q = RELIABILITY[grade] if floor is None else floor * _relay(grade)
        q *= CREDIBILITY[information or item.credibility]
        if len(item.via) <= _FEW_RELAYS:
            return self._relays(q, item.via)
        # Sensitivity asks once per claim the item is on, with a few other grades: each
        # answer once. (Not the chain's product, cached and multiplied in: in another
        # order the floats differ in the last bit, and a review saw that tip a tie of
        # weights for and against, and a verdict.)
        key = (item.id, reliability, information)
        found = self._long_via.get(key)
        if found is None:
            found = self._long_via[key] = self._relays(q, item.via)
        return found

    def _relays(self, q: float, via: Sequence[str]) -> float:
        """``q`` less what each relay loses, in order."""
        for relay in via:
            q *= _relay(self.sources[relay].reliability if relay in self.sources else "F")
        return q

    def _origin_floor(self, sid: str) -> float | None:
        """The grade of the least reliable origin a source republishes; None when it
        republishes none (carried once for all sources: a source derived from 20,000
        others, cited by 20,000 items, took 33 s when each item walked its origins)."""
        return self._floors.get(sid)

    def excluded(self, item: Evidence) -> str | None:
        # An entry with an error is not taken at its word (LedgerSet.flawed): the value
        # set aside may be its retraction or its grade.
        if item.id in self.ls.flawed:
            return "item with errors"
        late = self.late.get(item.id)
        if late is not None:
            return late
        retracted = item.retracted
        if retracted is True:
            return "retracted"
        if retracted is not False and (
            self.as_of is None or calendar_date(retracted) <= self.as_of
        ):
            return "retracted"
        if self.as_of is not None:
            if item.date is None:
                return "undated"  # what was known on the date cannot include it unseen
            if calendar_date(item.date) > self.as_of:
                return "after as-of date"
        if item.source not in self.sources:  # an error (CL201), or a source left out with one
            return "source with errors" if item.source in self.ls.broken else "unknown source"
        return self._tainted.get(item.id)

    def _tainted_items(self, derived: Mapping[str, Sequence[str]]) -> dict[str, str]:
        """The items that an error reaches though they hold none (LedgerSet.flawed),
        each with why it does not count: its source holds one ("source with errors"),
        or a source it republishes (``derived_from``, transitively: "republishes a
        source with errors"), or a relay or what a relay republishes ("relay with
        errors": a tour read "source with errors" of a sound source and looked for
        the error there); or it rests (``based_on``, transitively) on an item that does
        not count for an error: "rests on an item with errors" (a review saw a broken
        `affiliation` two steps away make an item "no stake" and its claim
        `supported`). Linear: two walks, over ``derived_from`` and ``based_on``
        backwards."""
        flawed = self.ls.flawed
        bad = self._flawed_sources()
        out: dict[str, str] = {}
        resting: dict[str, list[str]] = {}
        for eid, entity in self.ls.evidence.items():
            item = entity.model
            assert isinstance(item, Evidence)
            for b in item.based_on:
                resting.setdefault(b, []).append(eid)
            if eid in flawed:
                continue
            if item.source in flawed or (item.source in bad and item.source not in self.sources):
                out[eid] = "source with errors"
            elif item.source in bad:
                out[eid] = "republishes a source with errors"
            elif not bad.isdisjoint(item.via):
                out[eid] = "relay with errors"
        late = self.late  # an item after today is an error too (a review: its echo counted)
        todo = [e for e in self.ls.evidence if e in flawed or e in out or e in late]
        seen = set(todo)
        while todo:
            for eid in resting.get(todo.pop(), ()):
                if eid not in seen:
                    seen.add(eid)
                    if eid not in flawed and eid not in out and eid not in late:
                        out[eid] = "rests on an item with errors"
                    todo.append(eid)
        return out

    def _flawed_sources(self) -> set[str]:
        """The sources that hold an error of their file (kept with it, or left out for
        it), and those that republish one (``derived_from``, transitively)."""
        users: dict[str, list[str]] = {}
        for sid, s in self.sources.items():  # as written: a source left out is named too
            for d in s.derived_from:
                users.setdefault(d, []).append(sid)
        flawed = self.ls.flawed
        bad = {sid for sid in self.sources if sid in flawed}
        # A source too broken to keep is worse than one kept with an error (a review:
        # a relay with no name let its item count, one with an unknown key did not).
        bad.update(sid for sid, noun in self.ls.broken.items() if noun == "source")
        todo = list(bad)
        while todo:
            for user in users.get(todo.pop(), ()):
                if user not in bad:
                    bad.add(user)
                    todo.append(user)
        return bad

    def stakes(self, claim: Claim) -> _Stakes:
        parties = frozenset(claim.parties)
        named = frozenset(claim.claimed_by)
        side: set[str] = set()
        for sid in named:
            side.update(self._tags(sid))
        # The claimant's side: whoever shares a claimant's affiliation, a party or not.
        # The accused: the other parties, once somebody is named as making the claim
        # (a claim made about parties accuses them; an ally of the claimant belongs in
        # claimed_by, or shares its affiliation).
        claimant_side = frozenset(side)
        accused = parties - claimant_side if named else frozenset()
        # The answers of a group exclude one another: whoever makes one gains by every
        # other's fall (an analyst's review: the Kremlin, making one answer, refuted a
        # rival "with no stake" and settled it). Those who make a rival answer, and
        # their side, are parties here too, on the side of the accused (their denial
        # self-serving, their support an admission), unless they make this answer as
        # well (_Stakes.rival). A rival's other parties are the ledger's call: the
        # samples record why Washington is a party to one answer and not another.
        rivals = self._rivals(claim.group) if claim.group is not None else None
        claimant_bits = NO_BITS
        for sid in named:
            claimant_bits = join(claimant_bits, self._claimant(sid))
        return _Stakes(
            parties,
            claimant_side,
            accused,
            named,
            self._places(parties),
            self._places(claimant_side),
            self._places(accused),
            claimant_bits,
            claim.id,
            rivals,
        )

    def _rivals(self, gid: str) -> _Rivals | None:
        """Who makes the answers of group ``gid`` (cached; None when nobody is named)."""
        if gid in self._rivals_cache:
            return self._rivals_cache[gid]
        makes: dict[str, set[str]] = {}
        for cid in self.ls.groups.get(gid, ()):
            for sid in self.ls.claim(cid).claimed_by:
                makes.setdefault(sid, set()).add(cid)
        found = None
        if makes:
            tags = frozenset(t for sid in makes for t in self._tags(sid))
            found = _Rivals(
                {sid: frozenset(cids) for sid, cids in makes.items()},
                tags,
                join_all(self._claimant(sid) for sid in makes),
                self._places(tags),
            )
        self._rivals_cache[gid] = found
        return found

    def _places(self, tags: Iterable[str]) -> Bits:
        """The places of these affiliations (one that no source whose word passes to
        others holds has none: no speaker heard through an item can be it)."""
        at = self._tag_at
        return bits_of(at[t] for t in tags if t in at)

    def _tags(self, sid: str) -> frozenset[str]:
        """The affiliations of a source and of the origins it republishes (cached)."""
        found = self._tag_cache.get(sid)
        if found is None:
            source = self.sources.get(sid)
            found = frozenset(source.affiliation) if source is not None else frozenset()
            if self._origin_tags is None:
                self._origin_tags = self._carried(self._member_tags, union_all)
            carried = self._origin_tags.get(sid)
            if carried is not None and found <= carried:
                # the carried set itself: the members of a derived_from cycle share one
                # object, so that what is made of it is made once (a hunt: a cycle of
                # 3,000 built 9 million places)
                found = carried
            elif carried is not None and not carried <= found:
                found = found | carried
            self._tag_cache[sid] = found
        return found

    def _member_tags(self, origin: str) -> frozenset[str]:
        """The affiliations of an origin's sources (of each member of a joint one), once
        per origin: every member of a derived_from cycle has the whole cycle's joint
        origin, and splitting its name for each took 11 s for a cycle of 10,000 (a
        hunt)."""
        found = self._member_cache.get(origin)
        if found is None:
            sources = self.sources
            found = self._member_cache[origin] = frozenset(
                t for m in origin.split("+") if m in sources for t in sources[m].affiliation
            )
        return found

    def _voice(self, sid: str) -> Bits:
        """What passes from a source to the items that hear it: the claimants it speaks
        for, and its affiliations if its word passes to others (cached)."""
        found = self._voice_cache.get(sid)
        if found is None:
            found = self._speaks_for.get(sid) or self._claimant(sid)
            if sid in self._passing:
                tags = self._tags(sid)
                places = self._places_cache.get(tags)
                if places is None:
                    places = self._places_cache[tags] = self._places(tags)
                found = join(found, places)
            self._voice_cache[sid] = found
        return found

    def _claimant(self, sid: str) -> Bits:
        """The place of a source among the claimants whose word passes to others."""
        at = self._claimant_at.get(sid)
        return NO_BITS if at is None else (at, 1)

    def let_go(self) -> None:
        """Let go of what :meth:`item_on` reads (exclusions, speakers, origins, caches)
        once every item is assessed, in an assessment made for checks: what a check
        needs of the engine after that is its items, sources and units. (``summary`` and
        ``graph`` read exclusions and origins from an explained assessment, which keeps
        them.)"""
        self.exclusions, self.speakers, self.item_origins, self.source_sets = {}, {}, {}, {}
        self.relined = {}
        self.own_speakers = {}
        self.copies, self._voice_cache, self._quality_cache = [], {}, {}
        self._tag_cache, self._speaks_for, self._origin_tags = {}, {}, None
        self.borrowed = {}

    def _quality(self, item: Evidence) -> float:
        found = self._quality_cache.get(item.id)
        if found is None:
            found = self._quality_cache[item.id] = self.quality(item)
        return found

    def _stake(
        self, source: str, speakers: Bits, direction: int, stakes: _Stakes
    ) -> tuple[str, bool, bool]:
        """(interest, affiliated with a party, among the claimants) of an item of
        ``source`` that also hears ``speakers`` (:meth:`_who_speaks`)."""
        tags = self._tags(source)
        claimant = source in stakes.named or meets(speakers, stakes.claimant_bits)
        on_side = (
            claimant
            or not tags.isdisjoint(stakes.claimant_side)
            or meets(speakers, stakes.side_bits)
        )
        # Whoever makes a rival answer wants this one false, as the accused do.
        rival = stakes.rival(source, tags, speakers)
        accused = (
            rival
            or not tags.isdisjoint(stakes.accused_side)
            or meets(speakers, stakes.accused_bits)
        )
        party = rival or not tags.isdisjoint(stakes.parties) or meets(speakers, stakes.party_bits)
        return _interest(direction, on_side, accused, party), party, claimant

    def item_on(
        self, item: Evidence, claim: Claim, stakes: _Stakes, stance: str | None = None
    ) -> ItemAssessment:
        """How ``item`` bears on ``claim`` (with ``stance``: as if it took that stance)."""
        stance = stance or item.stance[claim.id]
        direction, _ = STANCE[stance]
        interest, interested, claimant = self._stake(
            item.source, self.speakers[item.id], direction, stakes
        )
        own = self.own_speakers.get(item.id)
        weighed = interest if own is None else self._stake(item.source, own, direction, stakes)[0]
        quality = self._quality(item) * INTEREST[weighed]
        test = item.test or "straw"
        weight = strength(quality, stance, test)
        excluded = self.exclusions[item.id]
        origins = self.item_origins[item.id]
        return ItemAssessment(
            id=item.id,
            claim=claim.id,
            stance=stance,
            origin=item.source,
            via=item.via,
            line=_line_name(origins),
            weight=quality,
            evidence_for=weight if direction > 0 else 0.0,
            evidence_against=weight if direction < 0 else 0.0,
            interested=interested,
            claimant=claimant,
            counted=excluded is None,
            excluded=excluded,
            interest=interest,
            weighed=weighed,
            test=test,
            undated=excluded == "undated",
            roots=origins,
            relined=self.relined.get(item.id),
        )

    def shadows(self) -> dict[str, tuple[ItemAssessment, ...]]:
        """For each echo of an observation that bears on more claims of a group than the
        echo names (:func:`_borrowed`): how it would bear on those claims, weighed as
        the echo is (its quality, its speakers' interest on each claim, its test). The
        one-observation factor and the pools read them (:func:`fill`, :func:`sides`);
        they are no stance of the item, and count in no claim's own weights."""
        ls = self.ls
        stakes: dict[str, _Stakes] = {}
        out: dict[str, tuple[ItemAssessment, ...]] = {}
        for eid, labels in self.borrowed.items():
            item = self.items[eid]
            groups = {ls.claim(c).group for c in item.stance if c in ls.claims}
            found = []
            for cid, stance in labels.items():
                claim = ls.claim(cid) if cid in ls.claims else None
                if claim is None or claim.group is None or claim.group not in groups:
                    continue
                if cid not in stakes:
                    stakes[cid] = self.stakes(claim)
                found.append(self.item_on(item, claim, stakes[cid], stance))
            if found:
                out[eid] = tuple(found)
        return out

    # --- groups ----------------------------------------------------------------------

    def _units(self) -> list[Unit]:
        """Every group (declared or named by a claim) and every lone claim, as a unit."""
        ls = self.ls
        units: list[Unit] = []
        grouped: set[str] = set()
        for gid, members in ls.groups.items():
            if not members:
                continue
            decl = ls.group(gid)
            # One claim declared the only answer would be certain whatever the evidence
            # (a review saw 100% against a failed A1 hoop test): it is an open group of
            # one, with "none of these" beside it (CL404 warns of the group).
            exhaustive = bool(decl and decl.exhaustive) and len(members) > 1
            priors, rest = group_priors([ls.claim(c).prior for c in members], exhaustive)
            units.append(Unit(gid, list(members), priors, rest, exhaustive))
            grouped.update(members)
        for cid in sorted(ls.claims):
            if cid not in grouped:
                prior = ls.claim(cid).prior
                p = prior if prior is not None else 0.5
                units.append(Unit(None, [cid], [p], 1.0 - p, False))
        return units


def _speakers(
    rest: Mapping[str, Sequence[str]],
    voice: Callable[[str], Bits],
    copies: Sequence[tuple[str, Sequence[str]]],
) -> tuple[dict[str, Bits], dict[str, Bits]]:
    """Who speaks through each item (``voice``: through it alone), and, where it
    differs, who speaks through it for its weight. The first: its source, and the
    sources of the items it rests on or copies (an echo of a claimant's word is still
    the claimant's word): its interest, which decides what it can carry (the verdict's
    gates, the flags). The second leaves out its quote copies: which copy came first is
    not known, and a party's copy of a disinterested quote made the original weigh as a
    party's word, so that adding a refuting item raised P (property 3).

    Copies share their speakers both ways, dated or not: one value for a whole class
    (and what rests on it). A rule that let a later copy pass nothing to an earlier one
    gave every member a set of its own, which cost 13 s and 50 MB more at 100,000
    claims (the bench's classes of 500 copies); docs/credibility.md's honest limits say
    what it leaves."""
    own = closure(rest, voice)
    if not copies:
        return own, {}
    # Each class is one node that its members rest on and that rests on them: one cycle,
    # so one set, in edges linear in the class (every member resting on every other, as
    # first written, made 250,000 edges of a class of 500).
    joined: dict[str, Sequence[str]] = dict(rest)
    hubs: set[str] = set()
    for n, (_, members) in enumerate(copies):
        hub = f" copies {n}"  # no valid id has a space; the loop makes sure of it
        while hub in joined:
            hub += " "
        hubs.add(hub)
        joined[hub] = members
        for m in members:
            joined[m] = (*joined[m], hub)
    speakers = closure(joined, lambda node: NO_BITS if node in hubs else voice(node))
    for hub in hubs:
        del speakers[hub]
    return speakers, {eid: found for eid, found in own.items() if found != speakers[eid]}


ECHO_WORK: int = 2_000_000
"""What the stances passed along ``based_on`` may cost in a run (each stance a walk
reads or writes counts one), besides 8 per evidence item of the set (:func:`echo_budget`).
An echo carries its original's whole observation,
so a chain of n echoes, each on another claim of one group, passes on n^2/2 stances (a
chain of 4,000 took 40 s and 3.1 GB); past the budget no echo borrows any (CL305). The
samples spend 40 of theirs; an echo of a real ledger borrows at most its group's size."""


def echo_budget(items: int) -> int:
    """The budget of :func:`_borrowed` for a set of ``items`` evidence items: linear in
    the set, so that what a hostile set costs grows with its size, never faster."""
    return ECHO_WORK + 8 * items


@dataclass(frozen=True, slots=True)
class EchoOverflow:
    """Where the stances passed along ``based_on`` ran past :func:`echo_budget`: at
    ``item``, after ``spent`` of ``budget``; no echo of the run borrows any stance."""

    item: str
    spent: int
    budget: int


class _Spent(Exception):
    """Raised by :class:`_Meter` when the budget is gone."""


class _Meter:
    """Counts the stances a walk reads and writes against a budget, and where it is."""

    __slots__ = ("at", "budget", "spent")

    def __init__(self, budget: int) -> None:
        self.budget, self.spent, self.at = budget, 0, ""

    def paying_at(self, item: str, n: int) -> None:
        """Count ``n`` stances read or written for ``item``."""
        self.at = item
        self.spent += n
        if self.spent > self.budget:
            raise _Spent


def _taken_up(
    own: Mapping[str, str],
    taken: Mapping[str, str | None],
    group_of: Callable[[str], str | None],
) -> dict[str, str]:
    """Of the stances an echo rests on (``taken``, less what it disputes:
    :func:`_undisputed`), those it takes up: on a claim of a group one of its own claims
    is in, where it takes no side itself. An echo that repeats some of the supports it
    rests on ("supports A" of "supports A, supports B") takes up the rest: one
    observation."""
    groups = {group_of(cid) for cid in own}
    return {
        cid: stance
        for cid, stance in sorted(taken.items())
        if stance is not None and not STANCE[own.get(cid, "neutral")][0] and group_of(cid) in groups
    }


def _undisputed(
    own: Mapping[str, str],
    given: Mapping[str, str | None],
    group_of: Callable[[str], str | None],
) -> Mapping[str, str | None]:
    """What an echo takes from one item it rests on (``given``: what that item passes
    on): all of it, but its supports in a group where the echo supports a claim that
    item does not. An expert who reads footage that "supports A" as supporting B
    disputes that reading; taking it up made the expert's word raise A (47% to 61% in a
    group of three). Judged item by item: an echo resting on two reports, "A" and "B",
    that concludes A agrees with the first and disputes the second (judged on the two
    merged, it took up B and raised it from 36.5% to 44%, an analyst's review)."""
    backed = {
        group_of(cid)
        for cid, stance in own.items()
        if STANCE[stance][0] > 0 and STANCE[given.get(cid) or "neutral"][0] <= 0
    }
    if not backed:
        return given
    return {
        cid: stance
        for cid, stance in given.items()
        if not (stance is not None and STANCE[stance][0] > 0 and group_of(cid) in backed)
    }


def _borrowed(
    items: Mapping[str, Evidence],
    rest: Mapping[str, Sequence[str]],
    exclusions: Mapping[str, str | None],
    group_of: Callable[[str], str | None],
    budget: int | None = None,
) -> tuple[dict[str, dict[str, str]], EchoOverflow | None]:
    """The stances an echo takes through what it rests on: for each item with
    ``based_on``, the stances of the counted items it rests on (transitively) on the
    claims it takes no side on itself (none, or `neutral`), where they agree in
    direction (the stronger label where they differ in strength; a claim they disagree
    on is left out), and no support of an item the echo reads otherwise
    (:func:`_undisputed`). A retracted or later item lends none (property 7). Only the claims
    of a group that one of the echo's own claims is in (``group_of``) are kept: the
    only ones :meth:`Engine.shadows` reads (a chain of 4,000 echoes, each on a claim of
    its own, borrowed every claim before it: 2.8 s and 487 MB, growing with the square).

    What the walk may cost is bounded (``budget``, by default :func:`echo_budget`): a
    chain of echoes each on another claim of one group passes on the square of its
    length. Past the budget, no echo borrows anything, and the second value says where
    the walk stopped (the items are walked in one order, whatever the order of the
    ledger: components in reverse topological order, from sorted starts and sorted
    ``based_on``; CL305 reports it).

    An echo of "supports A, refutes B" that repeats only "supports A" (or marks B
    `neutral`) still passes on one observation that bears on both: the one-observation
    factor scales it as it scales its original (property 4). Read from the ledger's
    structure and what counts, not from weights: the what-ifs of sensitivity, which
    change one item's weight, leave it as it is."""
    meter = _Meter(echo_budget(len(items)) if budget is None else budget)
    # What each item passes on: its counted stances and those of all it rests on, one
    # label per claim (None where the two directions meet), once per item or cycle, the
    # items it rests on first: a walk from each echo through all it rests on was
    # quadratic in a chain of echoes (more than half of the 7.5 s that 5,000 took, in a
    # profile). An echo in a cycle rests on itself too, which changes nothing: of what it
    # takes, only the claims it takes no side on are kept below, and it lends nothing on
    # those (`_merge` leaves out `neutral` stances).
    passed: dict[str, Mapping[str, str | None]] = {}
    out: dict[str, dict[str, str]] = {}
    try:
        for members in strongly_connected(rest):
            taken = _pass_on(
                members,
                rest,
                lambda d: _lent(items[d], exclusions),
                lambda m: items[m].stance,
                group_of,
                passed,
                meter,
            )
            for m in members:
                meter.paying_at(m, len(taken))
                found = _taken_up(items[m].stance, taken, group_of)
                if found:
                    out[m] = found
    except _Spent:
        return {}, EchoOverflow(meter.at, meter.spent, meter.budget)
    return dict(sorted(out.items())), None


def _pass_on(
    members: Sequence[str],
    rest: Mapping[str, Sequence[str]],
    lent: Callable[[str], Mapping[str, str]],
    own: Callable[[str], Mapping[str, str]],
    group_of: Callable[[str], str | None],
    passed: dict[str, Mapping[str, str | None]],
    meter: _Meter,
) -> dict[str, str | None]:
    """What the members of one component pass on (``passed``): what they take from the
    items they rest on outside it (less what an echo disputes, :func:`_undisputed`, item
    by item), and their own stances; returns what each member takes (in a cycle, each
    rests on every member: all they pass on). An echo passes on what it takes, less
    what it disputes (an echo of an echo that disputed its original passed the original
    on), with its own marks over it where it marks a claim itself."""
    inside = set(members)
    taken: dict[str, str | None] = {}
    for m in members:
        for d in rest[m]:
            if d not in inside:
                given = passed[d] if d in passed else lent(d)
                meter.paying_at(m, len(given))
                _merge(taken, _undisputed(own(m), given, group_of), group_of)
    meter.paying_at(members[0], len(taken))
    whole = dict(taken)  # what the members pass on: theirs too
    cycle = in_cycle(members, rest)
    for m in members:
        if cycle:
            _merge(whole, lent(m), group_of)
            continue
        # an echo's own reading of a claim is what it passes on there, not a clash with
        # what it rests on (a clash left the claim out of what its echoes took up, and a
        # same-grade echo of "supports a, strongly-supports b" took b from 46% to 93%)
        for cid, stance in lent(m).items():
            if STANCE[stance][0] and group_of(cid) is not None:
                whole[cid] = stance
    for m in members:
        passed[m] = whole
    return whole if cycle else taken


def _lent(item: Evidence, exclusions: Mapping[str, str | None]) -> Mapping[str, str]:
    """The stances an item lends to what rests on it: none when it does not count."""
    return item.stance if exclusions.get(item.id) is None else {}


def _merge(
    into: dict[str, str | None],
    other: Mapping[str, str | None],
    group_of: Callable[[str], str | None],
) -> None:
    """Join the stances of ``other`` into ``into``: per claim of a group the stronger
    label of one direction, None where the two directions meet (a `neutral` stance adds
    nothing)."""
    for cid, stance in other.items():
        if (stance is not None and not STANCE[stance][0]) or group_of(cid) is None:
            continue
        if cid not in into:
            into[cid] = stance
            continue
        had = into[cid]
        if had is None or stance is None or STANCE[had][0] != STANCE[stance][0]:
            into[cid] = None
        elif STANCE[stance][1] > STANCE[had][1]:
            into[cid] = stance


def _line_name(origins: Origins) -> str:
    names = sorted(origins)
    if len(names) == 1 and names[0].startswith(QUOTE):
        text = names[0][len(QUOTE) :]
        return f'the quote "{text[:40]}{"..." if len(text) > 40 else ""}"'
    if len(names) == 1 and names[0].startswith("*"):
        return compilation_name(names[0])
    return " + ".join(names)


def _least(grades: Iterable[float]) -> float:
    return min(grades)


_FEW_RELAYS = 8
"""A ``via`` list up to this long is walked each time an item's quality is asked; a
longer one once per item and pair of grades asked."""


def _interest(direction: int, on_claimant_side: bool, accused: bool, party: bool) -> str:
    """The speakers' interest in what the item says of the claim, given whether one of
    them is on the claimant's side (a claimant, or sharing a claimant's affiliation),
    among the accused, or affiliated with a party.

    The claimant's side (those who make the claim, and whoever shares their
    affiliation) supporting its claim is self-serving; denying it is an admission.
    Once somebody is named as making the claim, the other parties are the accused:
    their denial is self-serving, their support an admission. When nobody is named
    as claimant, who is accused is not known, and a party's word weighs as an
    interested party's, whichever way it points."""
    if direction == 0:
        return "none"
    if on_claimant_side and not accused:
        return "self-serving" if direction > 0 else "admission"
    if accused and not on_claimant_side:
        return "self-serving" if direction < 0 else "admission"
    return "party" if party else "none"


def group_priors(given: list[float | None], exhaustive: bool) -> tuple[list[float], float]:
    """Base rates of a group's claims and of "none of these". Claims without a prior
    share what the given ones leave: equally, and in an open group "none of these"
    takes one more equal share. Given priors that sum to more than 1 are scaled down
    (the group-prior-sum check reports them); an exhaustive group's priors are scaled
    to sum to 1."""
    fixed = math.fsum(p for p in given if p is not None)
    missing = sum(1 for p in given if p is None)
    shares = missing + (0 if exhaustive else 1)
    left = max(0.0, 1.0 - fixed)
    share = left / shares if shares else 0.0
    priors = [p if p is not None else share for p in given]
    total = math.fsum(priors)
    rest = 0.0 if exhaustive else max(0.0, 1.0 - total)
    if total > 1.0 or (exhaustive and total > 0) or any(p <= 0.0 for p in priors):
        floor = [max(p, 1e-6) for p in priors]
        norm = math.fsum(floor) + rest
        priors = [p / norm for p in floor]
        rest = rest / norm
    if rest < 1e-12:
        rest = 0.0
    return priors, rest


@dataclass
class Unit:
    """A group of competing claims, or one lone claim: one distribution over its
    claims and a residual ("none of these", or the lone claim's negation).

    Each member has a weight for (``pro``) and against (``con``), in dB. In a closed
    unit (a lone claim, an exhaustive group) the distribution is a softmax of the
    scores ``s = pro - con`` with the residual at 0: what evidence takes from one
    value goes to the others. In an open group, a claim whose evidence is on balance
    against it sends what it loses to "none of these" alone:
    P_i = p_i 10^(s_i/10) / Z with Z = sum_j p_j 10^(max(s_j, 0)/10) + p_none. So
    refuting one of two rivals does not make the other likely, evidence against every
    member lowers every member, and support, which draws from every value, works as
    in a closed unit."""

    group: str | None
    members: list[str]
    priors: list[float]
    rest: float
    exhaustive: bool
    support: dict[tuple[str, ...], Lines] = field(default_factory=dict)
    """Pools of supporting evidence, by the set of claims an item supports together."""
    against: dict[tuple[str, ...], Lines] = field(default_factory=dict)
    pro: dict[str, float] = field(default_factory=dict)
    """Each claim's weight for, in dB."""
    con: dict[str, float] = field(default_factory=dict)
    """Each claim's weight against, in dB."""
    member_pools: dict[str, list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)
    """The pools each member is in, by sign and key."""

    @property
    def open(self) -> bool:
        """A group in which "none of these" keeps a share."""
        return self.group is not None and self.rest > 0

    def pool_key(self, sign: int, claims: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
        """The pool that evidence for (``sign`` 1) or against (-1) the sorted ``claims``
        joins: in an exhaustive group, evidence against some claims is evidence for the
        others (the probabilities are the same: one side of one question), so the two
        are one pool, whose lines saturate together; it is named by the shorter list,
        "against" where both are as long (in an exhaustive pair, "refutes a" and
        "supports b" are the pool against a). Elsewhere, the claims themselves."""
        if not self.exhaustive or 2 * len(claims) < len(self.members):
            return sign, claims
        named = set(claims)
        others = tuple(sorted(c for c in self.members if c not in named))
        if not others or len(others) > len(claims) or (len(others) == len(claims) and sign < 0):
            return sign, claims
        return -sign, others

    def pools(self, sign: int) -> dict[tuple[str, ...], Lines]:
        """The pools of evidence for (``sign`` 1) or against (-1) sets of claims."""
        return self.support if sign > 0 else self.against

    def pools_of(self, cid: str) -> Iterable[tuple[int, tuple[str, ...], Lines]]:
        """The pools a member is in: (sign, key, lines)."""
        for sign, key in self.member_pools.get(cid, ()):
            yield sign, key, self.pools(sign)[key]

    def log_weights(self, cid: str, p: float, pro: float, con: float) -> tuple[float, float]:
        """(log of the member's weight in Z, log of its numerator)."""
        if p <= 0:
            return -math.inf, -math.inf
        n = math.log(p) + DB * (pro - con)
        if self.open and pro < con:
            return math.log(p), n  # what evidence takes from it goes to "none of these"
        return n, n

    def probabilities(
        self, pro: dict[str, float], con: dict[str, float], t: float = 1.0
    ) -> tuple[list[float], float, list[float]]:
        """(P of each member, P of the residual, each member's share of Z) with every
        weight scaled by ``t``."""
        pairs = [
            self.log_weights(c, p, t * pro.get(c, 0.0), t * con.get(c, 0.0))
            for c, p in zip(self.members, self.priors, strict=True)
        ]
        rest = math.log(self.rest) if self.rest > 0 else -math.inf
        top = max([*(w for w, _ in pairs), rest])
        weights = [math.exp(w - top) for w, _ in pairs]
        z = math.fsum(weights) + math.exp(rest - top)
        probs = [math.exp(n - top) / z for _, n in pairs]
        residual = max(0.0, 1.0 - math.fsum(probs)) if self.open else math.exp(rest - top) / z
        return probs, residual, [w / z for w in weights]


@dataclass
class Found:
    """What the engine found over a set: each claim's assessment, each group's, the unit
    each claim belongs to, how each item bears on each claim, and what decides each
    verdict besides its probability.

    An assessment made for checks alone (``assess_set(explain=False)``) keeps no
    engine (asking for it is a LookupError), and its ``unit_of``, ``gates`` and
    ``lines`` are empty."""

    kept_engine: Engine | None
    claims: dict[str, Assessment]
    groups: dict[str, GroupAssessment]
    unit_of: dict[str, Unit]
    items: dict[str, tuple[ItemAssessment, ...]]
    gates: dict[str, Verdicts]
    lines: dict[str, ClaimLines]
    """Each claim's own evidence as lines, for what-ifs: filled on first use by
    :meth:`own_lines` (a check asks for few of them)."""
    paths: dict[int, object] = field(default_factory=dict, repr=False, compare=False)
    """What :mod:`claimlog.credibility.explain` computed once per unit (by ``id``)."""
    shadows: dict[str, tuple[ItemAssessment, ...]] = field(default_factory=dict, repr=False)
    """The stances echoes take through what they rest on (:meth:`Engine.shadows`)."""
    told: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    """Per claim, the items whose gates are capped by what tells the claim from its
    rivals (:func:`fill`, :func:`gate_caps`)."""
    echo_overflow: EchoOverflow | None = None
    """Where the stances passed along ``based_on`` ran past their budget, if they did
    (:func:`_borrowed`; then no echo borrows any)."""

    @property
    def engine(self) -> Engine:
        """The engine that made the assessment (its indexes: origins, exclusions...)."""
        if self.kept_engine is None:
            raise LookupError("an assessment made for checks keeps no engine")
        return self.kept_engine

    def own_lines(self, cid: str) -> ClaimLines:
        """Claim ``cid``'s own evidence as lines (its items are final once assessed)."""
        found = self.lines.get(cid)
        if found is None:
            found = self.lines[cid] = claim_lines(self.items[cid], self.told.get(cid))
        return found


def fill(
    unit: Unit,
    items: dict[str, tuple[ItemAssessment, ...]],
    shadows: Mapping[str, tuple[ItemAssessment, ...]] | None = None,
) -> dict[str, dict[str, float]]:
    """The unit's pools of evidence and each member's score. ``shadows``: the stances
    an echo takes through what it rests on (:meth:`Engine.shadows`), which count as
    the echo's own for the one-observation factor and for the pools it joins (not for
    any claim's own weights). Returns, per claim, the items whose weight on it tells it
    from the other hypotheses less than that weight, and how much they do: the caps of
    the claim's gates (:func:`gate_caps`, :func:`claim_lines`)."""
    by_item: dict[str, list[ItemAssessment]] = {}
    for cid in unit.members:
        for ia in items[cid]:
            if ia.counted and (ia.evidence_for or ia.evidence_against):
                by_item.setdefault(ia.id, []).append(ia)
    members = set(unit.members)
    caps: dict[str, dict[str, float]] = {}
    # The items a quote copy took out of their lines, by pool: where they count is
    # decided by the pool's other such items (local_roots), once it is whole.
    relined: dict[tuple[int, tuple[str, ...]], list[Relined]] = {}
    for eid in sorted(by_item):
        own, borrowed = by_item[eid], unit_shadows(members, shadows, eid)
        roots, relined_as = own[0].roots, own[0].relined
        own, borrowed, implied = observed(own, borrowed)
        pros, cons = sides(own, borrowed, implied)
        for cid, told in gate_caps(own, implied, pros, cons, unit).items():
            caps.setdefault(cid, {})[eid] = told
        for (sign, key), value in item_pools(unit, pros, cons, _weight).items():
            lines = unit.pools(sign).setdefault(key, Lines())
            if relined_as is None:
                lines.add(eid, value, roots)
            else:
                relined.setdefault((sign, key), []).append((eid, value, roots, *relined_as))
    for (sign, key), entries in relined.items():
        lines = unit.pools(sign)[key]
        for eid, value, roots in local_roots(entries):
            lines.add(eid, value, roots)
    for sign, pools in ((1, unit.support), (-1, unit.against)):
        for key in pools:
            for cid in key:
                unit.member_pools.setdefault(cid, []).append((sign, key))
    unit.pro, unit.con = scores_of(unit)
    return caps


def _weight(ia: ItemAssessment) -> float:
    return ia.evidence_for or ia.evidence_against


def item_pools(
    unit: Unit,
    pros: Sequence[ItemAssessment],
    cons: Sequence[ItemAssessment],
    weight: Callable[[ItemAssessment], float],
) -> dict[tuple[int, tuple[str, ...]], float]:
    """The pools an item joins (:meth:`Unit.pool_key`) and its value in each: each side
    at its smallest ``weight``; the two sides added where they are one pool (in an
    exhaustive pair, "supports a, strongly-refutes b" pushes a over b by both)."""
    out: dict[tuple[int, tuple[str, ...]], float] = {}
    for sign, side in ((1, pros), (-1, cons)):
        if side:
            pool = unit.pool_key(sign, tuple(sorted(ia.claim for ia in side)))
            out[pool] = out.get(pool, 0.0) + min(weight(ia) for ia in side)
    return out


def observed(
    own: Sequence[ItemAssessment], borrowed: Sequence[ItemAssessment]
) -> tuple[list[ItemAssessment], list[ItemAssessment], list[ItemAssessment]]:
    """An item's stances on a unit as one observation (:func:`one_observation`): its
    own and borrowed stances that join the pools, and its own refutations that the
    support it pools implies (kept in their claims' own weights, for the verdict,
    telling those claims apart only from the answer the item supports)."""
    if not borrowed and (len(own) == 1 or not any(ia.evidence_for for ia in own)):
        return list(own), [], []  # one stance, or refutations only: nothing implied
    factor = one_observation(
        {ia.claim: ia.evidence_for - ia.evidence_against for ia in (*own, *borrowed)}
    )
    return (
        [ia for ia in own if factor[ia.claim]],
        [ia for ia in borrowed if factor[ia.claim]],
        [ia for ia in own if not factor[ia.claim]],
    )


def sides(
    own: Sequence[ItemAssessment],
    borrowed: Sequence[ItemAssessment],
    implied: Sequence[ItemAssessment] = (),
) -> tuple[list[ItemAssessment], list[ItemAssessment]]:
    """An item's stances for and against, as they key the pools it joins: its own, and
    on a side where it takes a stance of its own, those it takes through what it rests
    on (so an echo of "supports A and B" that repeats "supports A" joins the pool of A
    and B, in its original's line; and a side it takes no stance on is left to the
    item it echoes). An echo whose own refutations the supports it takes up imply
    (``implied``) joins its original's support pool with them: implied by a support in no
    pool, its refutations weighed nothing at any grade (an analyst's review)."""
    pros = [ia for ia in own if ia.evidence_for]
    cons = [ia for ia in own if ia.evidence_against]
    if pros or implied:
        pros += [ia for ia in borrowed if ia.evidence_for]
    if cons:
        cons += [ia for ia in borrowed if ia.evidence_against]
    return pros, cons


def unit_shadows(
    members: Container[str], shadows: Mapping[str, tuple[ItemAssessment, ...]] | None, eid: str
) -> list[ItemAssessment]:
    """The stances item ``eid`` takes through what it rests on (:meth:`Engine.shadows`;
    each names a claim the item itself takes no side on), on the claims of a unit
    (``members``, looked up by id: the unit's list made a chain of 1,000 echoes on a
    group of 1,000 claims take 32 s, now 2.3 s)."""
    found = shadows.get(eid) if shadows else None
    if not found:
        return []
    return [ia for ia in found if ia.claim in members and (ia.evidence_for or ia.evidence_against)]


def one_observation(signed: dict[str, float]) -> dict[str, float]:
    """The factor, per claim, that makes one item's stances on one group one
    observation: a refutation no stronger than the support the item puts into the
    pools (its supports pool at their smallest: :func:`fill`) is what that support
    implies (1 for every other stance, 0 for it). "Supports A, refutes B and C", as
    ACH marks every rival, then moves A against B, C and "none of these" as far as
    "supports A" alone would, instead of counting the rivals' refutation again (an
    analyst's review: scaling every stance down until the item's spread matched its
    strongest made marking the rivals lower A, raise "none of these" threefold, and
    even raise B). A refutation stronger than that counts whole. So a refutation mark
    never turns another stance off, and a support mark on an item that already supports
    only ever turns refutations on; the first turns off those it implies, and the item
    leaves their pools (docs/credibility.md, honest limits). (A property test: keeping
    only the strongest side let a strong refutation of C drop the support of A, and C
    rose; measuring against the strongest support let a strong support of C, pooled at
    a weaker one's weight, turn a refutation of B off.)"""
    pooled = min((v for v in signed.values() if v > 0), default=0.0)
    return {cid: 1.0 if v >= 0 or -v > pooled else 0.0 for cid, v in signed.items()}


def scores_of(
    unit: Unit, override: dict[tuple[int, tuple[str, ...]], float] | None = None
) -> tuple[dict[str, float], dict[str, float]]:
    """Each member's weight for and against: the totals of the pools it is in.
    ``override`` replaces some pools' totals (sensitivity)."""
    parts: tuple[dict[str, list[float]], dict[str, list[float]]] = (
        {c: [] for c in unit.members},
        {c: [] for c in unit.members},
    )
    for side, pools in ((0, unit.support), (1, unit.against)):
        for key, lines in pools.items():
            total = lines.total()
            if override is not None:
                total = override.get((1 if side == 0 else -1, key), total)
            for cid in key:
                parts[side][cid].append(total)
    pro = {cid: pooled(values) for cid, values in parts[0].items()}
    con = {cid: pooled(values) for cid, values in parts[1].items()}
    return pro, con


@dataclass
class ClaimLines:
    """A claim's own evidence as lines, for and against: all of it (the weights the
    verdict reads, saturated over every line of the claim whatever else an item bears
    on), and the part from speakers with no stake or against their own side (the
    gates)."""

    pro: Lines
    con: Lines
    gate_pro: Lines
    gate_con: Lines
    heard: tuple[float | None, float | None] = (None, None)
    """The gates' totals before the caps of :func:`told_apart`, where they cap."""

    def verdicts(self, flawed: bool = False) -> Verdicts:
        """What decides the verdict; ``flawed``: the claim holds an error
        (:attr:`Verdicts.flawed`)."""
        pro, con = self.pro.total(), self.con.total()
        return Verdicts(
            pro > 0 or con > 0,
            pro,
            con,
            self.gate_pro.total(),
            self.gate_con.total(),
            *self.heard,
            flawed,
        )


def heard_in_gates(ia: ItemAssessment) -> bool:
    """Whether an item's weight counts toward a verdict's gates: its speakers have no
    stake in the claim, or speak against their own side."""
    return ia.interest in ("none", "admission")


def claim_lines(
    items: Iterable[ItemAssessment], told: Mapping[str, float] | None = None
) -> ClaimLines:
    """A claim's own lines, of its items as :func:`counted_lines` names them (each in the
    line it counts in on the claim's side); a side with no evidence is the shared empty
    one. ``told``:
    what of an item's weight tells the claim from the other hypotheses of its unit,
    where that is less than its weight (:func:`told_apart`): only that counts toward a
    gate."""
    entries: dict[str, list[tuple[str, float, frozenset[str], bool]]] = {"pro": [], "con": []}
    for ia in items:
        if not ia.counted:
            continue
        gate = heard_in_gates(ia)
        if ia.evidence_for:
            entries["pro"].append((ia.id, ia.evidence_for, ia.roots, gate))
        if ia.evidence_against:
            entries["con"].append((ia.id, ia.evidence_against, ia.roots, gate))
    sides: list[Lines] = []
    heard: list[float | None] = []
    for side in entries.values():
        whole = _lines_of(side)
        gated = [e for e in side if e[3]]
        capped = _capped(gated, told) if told else gated
        # Read only: a gate of all the side's items, uncapped, is the side's own lines.
        sides.append(whole)
        sides.append(whole if capped is gated and len(gated) == len(side) else _lines_of(capped))
        heard.append(_lines_of(gated).total() if capped is not gated else None)
    pro, gate_pro, con, gate_con = sides
    return ClaimLines(pro, con, gate_pro, gate_con, (heard[0], heard[1]))


def counted_lines(items: tuple[ItemAssessment, ...]) -> tuple[ItemAssessment, ...]:
    """A claim's items with the lines they count in on its sides: an item a quote copy
    took out of its line counts in the quote's line only where copies from elsewhere
    meet on that side (:func:`local_roots`), and is named (``line``, the origins counted,
    ``single-origin``) and counted (:func:`claim_lines`) by the line it counts in there
    (it was named by the quote's line wherever it counted)."""
    if all(ia.relined is None for ia in items):
        return items
    local: dict[tuple[str, bool], Origins] = {}
    for pro in (True, False):
        side = [
            (ia.id, 0.0, ia.roots, *ia.relined)
            for ia in items
            if ia.counted
            and ia.relined is not None
            and (ia.evidence_for if pro else ia.evidence_against)
        ]
        local.update(((eid, pro), roots) for eid, _, roots in local_roots(side))
    out = []
    for ia in items:
        roots = local.get((ia.id, bool(ia.evidence_for)), ia.roots)
        out.append(ia if roots == ia.roots else replace(ia, roots=roots, line=_line_name(roots)))
    return tuple(out)


def _capped(
    gated: list[tuple[str, float, frozenset[str], bool]], told: Mapping[str, float]
) -> list[tuple[str, float, frozenset[str], bool]]:
    """``gated`` with each item's value capped by ``told`` (dropped at 0); ``gated``
    itself when no cap applies."""
    if not any(e[0] in told for e in gated):
        return gated
    out = []
    for e in gated:
        cap = told.get(e[0])
        if cap is None:
            out.append(e)
        elif cap > 0:
            out.append((e[0], min(e[1], cap), e[2], e[3]))
    return out


def told_apart(signed: Mapping[str, float], members: int, rest: bool) -> dict[str, float]:
    """How far an item tells each claim it bears on from the other hypotheses of its
    unit (ACH's diagnosticity): ``signed``, its weights on the unit's claims (for
    positive, against negative); the others at 0: the members it takes no side on
    (of ``members`` in all), and "none of these" where the unit has it (``rest``).
    For a claim it supports: its weight there less the most it gives another
    hypothesis; for one it refutes: what it takes from it less the least it takes from
    another (a hypothesis it supports counts as one it takes less than nothing from).
    (An analyst's review: "supports A, strongly-supports B" in an exhaustive pair made
    A `supported` at its prior of 80%.)"""
    zero = rest or len(signed) < members
    # The most another hypothesis gets: the top value, or the second for the top's own
    # claim (linear: an item marking every claim of a large group is read once).
    ranked = heapq.nsmallest(2, signed.items(), key=lambda kv: (-kv[1], kv[0]))
    out: dict[str, float] = {}
    for cid, value in signed.items():
        others = [v for c, v in ranked if c != cid][:1]
        if zero:
            others.append(0.0)
        best = max(others) if others else 0.0
        out[cid] = value - best if value > 0 else best - value
    return out


def gate_caps(
    own: Sequence[ItemAssessment],
    implied: Sequence[ItemAssessment],
    pros: Sequence[ItemAssessment],
    cons: Sequence[ItemAssessment],
    unit: Unit,
    values: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """The caps of the claims' gates an item sets, by claim: how far it tells each claim
    from the other hypotheses of ``unit``, where that is less than its weight there.
    Read from what the item puts into the pools (``pros`` and ``cons``, :func:`sides`:
    each side at its smallest weight, borrowed stances included), since that is all it
    moves (:func:`told_apart`). For its pooled stances (``own``): an item that supports
    two claims of a group tells neither from the other, whatever its labels; one that
    refutes several tells each apart only from the hypotheses it refutes less, or not at
    all. For the refutations the support it pools implies (``implied``, :func:`observed`:
    they put nothing into the pools): read as :func:`told_apart` reads a refutation,
    against the answer the item favours most, the one it supports. ``values``: the
    weights a what-if gives the item's stances (sensitivity), instead of theirs."""
    pooled = len(pros) > 1 or len(cons) > 1  # else each is told apart by all its weight
    if not pooled and not implied:
        return {}

    def weight(ia: ItemAssessment) -> float:
        return values[ia.claim] if values is not None else ia.evidence_for or ia.evidence_against

    signed = _pooled_signed(pros, cons, weight)
    signed.update((ia.claim, 0.0) for ia in implied)  # they move no pool
    told = told_apart(signed, len(unit.members), unit.rest > 0)
    caps: dict[str, float] = {}
    for ia in own if pooled else ():
        if told[ia.claim] < weight(ia):
            caps[ia.claim] = max(told[ia.claim], 0.0)
    for ia in implied:
        apart = max(told[ia.claim], 0.0) if ia.evidence_against else 0.0
        if apart < weight(ia):
            caps[ia.claim] = apart
    return caps


def _pooled_signed(
    pros: Sequence[ItemAssessment],
    cons: Sequence[ItemAssessment],
    weight: Callable[[ItemAssessment], float],
) -> dict[str, float]:
    """What an item puts into the pools, per claim: each side at its smallest weight."""
    signed: dict[str, float] = {}
    for side, sign in ((pros, 1.0), (cons, -1.0)):
        if side:
            least = min(weight(ia) for ia in side)
            signed.update((ia.claim, sign * least) for ia in side)
    return signed


def _lines_of(entries: list[tuple[str, float, frozenset[str], bool]]) -> Lines:
    if not entries:
        return NO_LINES
    lines = Lines()
    for item, value, roots, _ in entries:
        lines.add(item, value, roots)
    return lines


def conclude(
    claim: Claim,
    items: tuple[ItemAssessment, ...],
    prior: float,
    exact: float,
    v: Verdicts,
    as_of: date | None,
) -> Assessment:
    p = quantize(exact)
    verdict = v.verdict(p)
    counted = [i for i in items if i.counted]
    support = [i for i in counted if i.evidence_for > 0]
    refute = [i for i in counted if i.evidence_against > 0]
    mass = v.weight_for + v.weight_against + PRIOR_DB
    flags: list[str] = []
    if v.flawed:
        flags.append("has-errors")
    if not v.has_evidence:
        flags.append("no-evidence")
    if support and len(frozenset().union(*(i.roots for i in support))) == 1:
        flags.append("single-origin")  # one origin: not a digest of several
    if support and all(i.interested and i.interest != "admission" for i in support):
        flags.append("interested-parties-only")
    if support and claim.claimed_by and all(i.interest == "self-serving" for i in support):
        flags.append("claimant-only")
    if refute and all(i.interest in ("self-serving", "party") for i in refute):
        flags.append("accused-only")
    if claim.verdict is not None and claim.verdict != verdict:
        flags.append("verdict-not-backed")
    moved = abs(p - quantize(prior)) > 0 or v.has_evidence
    origins = frozenset().union(*(i.roots for i in support + refute)) if support or refute else ()
    return Assessment(
        id=claim.id,
        statement=claim.statement,
        group=claim.group,
        prior=prior,
        probability=p,
        belief=round(v.weight_for / mass, 9),
        disbelief=round(v.weight_against / mass, 9),
        uncertainty=round(PRIOR_DB / mass, 9),
        verdict=verdict,
        label=icd203(p) if moved else PRIOR_LABEL,
        contested=v.contested,
        supports=len(support),
        refutes=len(refute),
        neutral=sum(1 for i in counted if i.stance == "neutral"),
        retracted=sum(1 for i in items if i.excluded == "retracted"),
        independent_origins=len(origins),
        recorded_verdict=claim.verdict,
        flags=tuple(flags),
        items=items,
        weight_for=round(v.weight_for, 9),
        weight_against=round(v.weight_against, 9),
        rule=verdict_rule(verdict, p, v, prior if p != quantize(prior) else None),
        undated=sum(1 for i in items if i.undated),
    )
