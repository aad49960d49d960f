"""The assessment of a ledger set: every claim and group, and what explains them.

The engine (engine.py) weighs the evidence; this module runs it over a set, finds
the verdicts that hang on one item (sensitivity.py) and keeps what ``show`` needs to
explain a claim. Pure, no I/O.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from dataclasses import field, replace
from datetime import date
from typing import TYPE_CHECKING

from ..plaindata import dataclass
from .engine import (
    ERROR_EXCLUSIONS,
    Assessment,
    Engine,
    Found,
    GroupAssessment,
    ItemAssessment,
    Sensitivity,
    Unit,
    claim_lines,
    conclude,
    counted_lines,
    fill,
)
from .tables import OTHER_WAY, quantize

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet


def assess_set(
    ls: LedgerSet,
    as_of: date | None = None,
    explain: bool = True,
    late: Mapping[str, str] | None = None,
) -> Assessed:
    """The assessment of every claim and group of the set.

    ``late``: the items dated, or retracted, after today that the run reports (CL401,
    :func:`claimlog.checks.late.late_items`), with why: they count as items with errors do,
    not at all. ``explain``: keep what explains it (the engine's indexes, each unit's pools
    of evidence) for sensitivity and explanations, and find the verdicts that hang on one
    item (the ``fragile`` flag); the full sensitivity of a claim (grade changes too) is
    ``Assessed.sensitivity``. Without it (what a check needs, a third of the memory at
    scale), each unit's pools are let go once its claims are assessed, and only the removals
    that would change a recorded verdict that the evidence gives are kept
    (``Assessed.removals``).

    The assessment builds many small objects that live as long as the run and hold
    no cycles: the cyclic garbage collector is paused meanwhile (it would scan them
    again and again for nothing, a third of the time in large sets)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _assess(ls, as_of, explain, late)
    finally:
        if was_enabled:
            gc.enable()


def _hidden_by_errors(
    ls: LedgerSet, items: dict[str, tuple[ItemAssessment, ...]], engine: Engine
) -> set[str]:
    """The claims that an item not counted for an error bears on (none in a set without
    errors, where no item can be), and those an entry set aside may mark
    (:attr:`~claimlog.ledgerset.LedgerSet.lost_marks`)."""
    hidden = set(ls.lost_marks)
    if ls.flawed or ls.broken or engine.late:
        hidden.update(
            cid
            for cid, found in items.items()
            if any(i.excluded in ERROR_EXCLUSIONS for i in found)
        )
    return hidden


def _weighs_alike(
    ls: LedgerSet, engine: Engine, items: Mapping[str, tuple[ItemAssessment, ...]]
) -> frozenset[tuple[str, str]]:
    """(item, claim) of each item that marks one claim of an exhaustive pair and not
    the other (or it `neutral`), where its mark on the other the other way
    (:data:`OTHER_WAY`) would weigh as its own: its speakers' stake is the same on both
    (CL417: then each claim's verdict should weigh it)."""
    found: set[tuple[str, str]] = set()
    for _, members in ls.exhaustive_pairs:
        for cid, other in (members, members[::-1]):
            claim, stakes = ls.claim(other), None
            for assessed in items.get(cid, ()):
                item = engine.items[assessed.id]
                mark, theirs = item.stance.get(cid), item.stance.get(other)
                if mark not in OTHER_WAY or theirs not in (None, "neutral"):
                    continue
                stakes = stakes or engine.stakes(claim)
                flipped = engine.item_on(item, claim, stakes, OTHER_WAY[mark])
                if flipped.weight == assessed.weight:
                    found.add((assessed.id, other))
    return frozenset(found)


def _assess(
    ls: LedgerSet, as_of: date | None, explain: bool, late: Mapping[str, str] | None
) -> Assessed:
    engine = Engine(ls, as_of, late)
    items: dict[str, tuple[ItemAssessment, ...]] = {}
    for cid, entities in ls.evidence_by_claim.items():
        claim = ls.claim(cid)
        stakes = engine.stakes(claim)
        items[cid] = tuple(engine.item_on(engine.items[e.id], claim, stakes) for e in entities)
    shadows = engine.shadows()
    alike = _weighs_alike(ls, engine, items)
    if not explain:
        engine.let_go()
    claims: dict[str, Assessment] = {}
    groups: dict[str, GroupAssessment] = {}
    out = Assessed(engine, claims, groups, {}, items, {}, {}, shadows=shadows)
    out.echo_overflow, out.weighs_alike = engine.echo_overflow, alike
    hidden = _hidden_by_errors(ls, items, engine)
    for unit in engine.units:
        # An error in one answer of a group (its prior, its claimants, its group) moves
        # every answer of it (a review: a mistyped prior made a sibling `supported`); so
        # does an item that does not count for an error (a tour: a claim whose one item
        # came from a source graded `B-2` read "no evidence", as if there were none).
        unit_flawed = (
            unit.group in ls.flawed_groups
            or any(c in ls.flawed for c in unit.members)
            or not hidden.isdisjoint(unit.members)
        )
        told = fill(unit, items, shadows)
        out.told.update(told)
        probs, residual, _ = unit.probabilities(unit.pro, unit.con)
        for k, cid in enumerate(unit.members):
            if explain:
                out.unit_of[cid] = unit
            items[cid] = counted_lines(items[cid])  # (claim_lines reads them so)
            out.gates[cid] = claim_lines(items[cid], told.get(cid)).verdicts(unit_flawed)
            claims[cid] = conclude(
                ls.claim(cid), items[cid], unit.priors[k], probs[k], out.gates[cid], as_of
            )
        if unit.group is not None:
            groups[unit.group] = _group(ls, unit, residual)
        _fragility(out, unit, explain)
    for gid in ls.groups:
        if gid not in groups:  # a declared group no claim names
            decl = ls.group(gid)
            groups[gid] = GroupAssessment(
                gid, decl.question if decl else None, bool(decl and decl.exhaustive), True, (), 0, 0
            )
    out.claims = dict(sorted(claims.items()))
    out.groups = dict(sorted(groups.items()))
    if not explain:
        out.kept_engine = None
    return out


def _group(ls: LedgerSet, unit: Unit, residual: float) -> GroupAssessment:
    """The assessment of a group as a whole: its members and "none of these"."""
    assert unit.group is not None
    decl = ls.group(unit.group)
    return GroupAssessment(
        id=unit.group,
        question=decl.question if decl else None,
        exhaustive=unit.exhaustive,
        declared=decl is not None,
        members=tuple(unit.members),
        residual=quantize(residual),
        residual_prior=quantize(unit.rest),
    )


def _fragility(out: Assessed, unit: Unit, explain: bool) -> None:
    """What one item's removal would change in the unit's verdicts (the units are
    independent): the ``fragile`` flags of an explained assessment; else the removals
    of the claims whose recorded verdict the evidence gives, and the unit's pools, lines
    and gates are let go."""
    if explain:
        from .sensitivity import sensitivities

        for cid, entries in sensitivities(out, units=[unit], removal_only=True).items():
            out.claims[cid] = with_fragility(out.claims[cid], entries)
        return
    asked = [cid for cid in unit.members if _verdict_given(out.claims[cid])]
    if asked:  # (the module is imported only then: a check of a ledger without
        # recorded verdicts needs none of it, 0.7 ms of a small file's 67 ms)
        from .sensitivity import sensitivities

        found = sensitivities(out, units=[unit], removal_only=True)
        out.removed.update((cid, tuple(found[cid])) for cid in asked)
    for cid in unit.members:
        out.lines.pop(cid, None)
        del out.gates[cid]
    unit.support, unit.against, unit.member_pools = {}, {}, {}


def _verdict_given(a: Assessment) -> bool:
    """The claim's recorded verdict is the one the evidence gives, and says something."""
    return a.recorded_verdict == a.verdict and a.verdict != "unverified"


def assess(ls: LedgerSet, as_of: date | None = None) -> dict[str, Assessment]:
    """One assessment per claim of the set, by claim id."""
    return assess_set(ls, as_of).claims


@dataclass
class Assessed(Found):
    """Everything the engine found: claims, groups, and what explains them."""

    removed: dict[str, tuple[Sensitivity, ...]] = field(default_factory=dict)
    """Without ``explain``: the removals of the claims whose recorded verdict the
    evidence gives (:meth:`removals`)."""
    weighs_alike: frozenset[tuple[str, str]] = frozenset()
    """(item, claim): an item marking the other claim of an exhaustive pair, not this
    one, whose mark on this one the other way would weigh as its own (:func:`_weighs_alike`,
    CL417)."""
    _sensitivity: dict[str, tuple[Sensitivity, ...]] = field(default_factory=dict)

    def removals(self, cid: str) -> tuple[Sensitivity, ...]:
        """The single items whose removal would change the verdict of claim ``cid``, one
        whose recorded verdict the evidence gives (others: a LookupError without
        ``explain``)."""
        if self.kept_engine is None:  # made for checks: no sensitivity
            if cid not in self.removed:
                raise LookupError(f"removals of '{cid}' were not kept for checks")
            return self.removed[cid]
        return tuple(s for s in self.sensitivity(cid) if s.change == "remove")

    def sensitivity(self, cid: str) -> tuple[Sensitivity, ...]:
        """The changes to single items that would change claim ``cid``'s verdict: its
        removal, or a one-notch change of its source or information grade (computed
        for the claim's group on first use)."""
        if self.kept_engine is None:
            raise LookupError("an assessment made for checks keeps no sensitivity")
        if cid not in self._sensitivity:
            from .sensitivity import sensitivities

            found = sensitivities(self, units=[self.unit_of[cid]], target=cid)
            self._sensitivity[cid] = tuple(found[cid])
        return self._sensitivity[cid]


def with_fragility(a: Assessment, removals: list[Sensitivity]) -> Assessment:
    """The assessment flagged fragile when one item's removal would change a verdict
    that says something (supported, refuted, disputed)."""
    if a.verdict == "unverified" or not removals:
        return a
    flags = list(a.flags)
    at = flags.index("verdict-not-backed") if "verdict-not-backed" in flags else len(flags)
    flags.insert(at, "fragile")
    return replace(a, flags=tuple(flags))
