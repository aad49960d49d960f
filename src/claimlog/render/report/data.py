"""What the report shows of a claim: the data of ``show --format json``, computed once.

:func:`claim_data` returns the dictionary ``show --format json`` prints for a claim
(a test holds every sample claim to it), built by the same function
(:func:`~claimlog.render.assessment.show_dict`), but for each item's ``via``: its first
``ALSO_SHOWN`` relays, all a page shows, and their number as ``via_count``. The rest of
the difference is the cost: the contributions of a claim are computed once and serve
its own items, its rivals' items and the shown tenths of a point
(:attr:`ClaimData.tenths`), and sensitivity is found for a whole group at once
(:class:`Sensitivities`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field
from datetime import date
from typing import TYPE_CHECKING, Any

from ...credibility import Assessment
from ...plaindata import dataclass
from ..assessment import show_dict
from .markup import ALSO_SHOWN

if TYPE_CHECKING:
    from ...credibility import Assessed, Sensitivity
    from ...ledgerset import LedgerSet


@dataclass(frozen=True)
class ClaimData:
    """One claim: the ``show --format json`` dictionary, and each moving item's
    contribution in tenths of a percentage point (adding up to the shown move)."""

    shown: dict[str, Any]
    tenths: dict[str, float]


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
    from .. import ShowPage

    found_in = assessed.sensitivity if sensitivity is None else sensitivity
    found = contributions(assessed, a.id)
    points = [c.points for c in found]
    moved = {c.item: v for c, v in zip(found, _split(points, a, 6), strict=True)}
    tenths = {c.item: v for c, v in zip(found, _split(points, a, 3), strict=True)}
    own = {i.id for i in a.items}
    page = ShowPage(ls, a, list(rivals), as_of, assessed)
    rival_items = [c for c in found if c.item not in own]
    # A page shows the first ALSO_SHOWN relays of an item's chain: an item relayed by
    # 4,000 sources built all of them on each of its 4,000 claims' pages.
    data = show_dict(ls, page, moved, rival_items, found_in(a.id), ALSO_SHOWN)
    return ClaimData(data, tenths)


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
