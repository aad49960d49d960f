"""What the report shows of a claim: the data of ``show --format json``, computed once.

:func:`claim_data` returns exactly the dictionary ``show --format json`` prints for
a claim (a test holds every sample claim to it), built from the same functions
(:func:`~claimlog.render.assessment.summary_dict`,
:func:`~claimlog.render.assessment.item_dict`, the engine's contributions, split
exactly with :func:`~claimlog.credibility.explain.split_exactly`, and the claim's
sensitivity). The only difference is the cost: the contributions of a claim are
computed once and serve its own items, its rivals' items, and the shown tenths of a
point (:attr:`ClaimData.tenths`), where ``show`` computes them twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ...credibility import FLAG_TEXT, Assessment
from ..assessment import item_dict, summary_dict
from ..common import shown

if TYPE_CHECKING:
    from ...credibility import Assessed, Sensitivity
    from ...ledgerset import LedgerSet


@dataclass(frozen=True)
class ClaimData:
    """One claim: the ``show --format json`` dictionary, and each moving item's
    contribution in tenths of a percentage point (adding up to the shown move)."""

    shown: dict[str, Any]
    tenths: dict[str, float]


def _source_ref(ls: LedgerSet, sid: str) -> dict[str, Any]:
    if sid in ls.sources:
        src = ls.source(sid)
        return {"id": sid, "name": src.name, "reliability": src.reliability}
    return {"id": sid, "name": None, "reliability": None}


def _split(values: Sequence[float], a: Assessment, places: int) -> list[float]:
    from ...credibility.explain import shown_move, split_exactly

    return split_exactly(values, shown_move(a.prior, a.probability, places), 10.0**-places)


def claim_data(
    ls: LedgerSet,
    assessed: Assessed,
    a: Assessment,
    rivals: Sequence[Assessment],
    as_of: date | None,
    sensitivity: Callable[[str], Sequence[Sensitivity]] | None = None,
) -> ClaimData:
    """Claim ``a`` as ``show --format json`` has it, and its contributions in tenths.
    ``sensitivity``: where to find a claim's sensitivity (default: ``assessed``'s,
    claim by claim; :class:`Sensitivities` finds a whole group's at once)."""
    from ...credibility.explain import contributions

    found_in = assessed.sensitivity if sensitivity is None else sensitivity

    found = contributions(assessed, a.id)
    points = [c.points for c in found]
    moved = {c.item: v for c, v in zip(found, _split(points, a, 6), strict=True)}
    tenths = {c.item: v for c, v in zip(found, _split(points, a, 3), strict=True)}
    claim = summary_dict(a)
    claim["prior"] = shown(a.prior)
    own = {i.id for i in a.items}
    group = assessed.groups.get(a.group or "")
    data = {
        "version": 1,
        "as_of": as_of.isoformat() if as_of else None,
        "claim": claim,
        "rule": a.rule,
        "items": [item_dict(ls, i, moved.get(i.id, 0.0)) for i in a.items],
        "rivals": [_rival(ls, c.item, c.claims, moved) for c in found if c.item not in own],
        "competing": [
            {
                "id": r.id,
                "verdict": r.verdict,
                "label": r.label,
                "probability": shown(r.probability),
            }
            for r in rivals
        ],
        "residual": (
            {"group": group.id, "probability": shown(group.residual)}
            if group is not None and group.residual_prior > 0
            else None
        ),
        "sensitivity": [
            {"item": e.item, "change": e.change, "verdict": e.verdict, "grade": e.grade}
            for e in found_in(a.id)
        ],
        "undated": a.undated,
        "flags": [{"flag": f, "meaning": FLAG_TEXT[f]} for f in a.flags],
    }
    return ClaimData(data, tenths)


def _rival(
    ls: LedgerSet, eid: str, claims: Sequence[str], moved: dict[str, float]
) -> dict[str, Any]:
    item = ls.item(eid)
    return {
        "id": eid,
        "summary": item.summary,
        "claims": list(claims),
        "stance": {cid: item.stance[cid] for cid in claims},
        "source": _source_ref(ls, item.source),
        "contribution": moved.get(eid, 0.0),
    }


@dataclass
class Sensitivities:
    """Each claim's sensitivity, found for its whole group at once: the same search
    ``Assessed.sensitivity`` makes for one claim (every member of a group watched in
    one pass over its items instead of one pass per member), so the same entries."""

    assessed: Assessed
    found: dict[str, tuple[Sensitivity, ...]] = field(default_factory=dict)

    def __call__(self, cid: str) -> tuple[Sensitivity, ...]:
        if cid not in self.found:
            from ...credibility.sensitivity import sensitivities

            unit = self.assessed.unit_of[cid]
            for member, entries in sensitivities(self.assessed, units=[unit]).items():
                self.found[member] = tuple(entries)
        return self.found[cid]
