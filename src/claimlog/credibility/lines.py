"""Lines of reporting on one side of a claim, and their saturating total. Pure.

Evidence on one side of a claim is held as *lines*: one per origin, worth the
strongest share any item gives it (an echo of an observation adds nothing to
it; an item of several origins gives each an equal share of its weight). The
lines add up, but saturate: the total never exceeds ``SATURATION`` times the
whole weight of the strongest item. :class:`Lines` also answers "what would the
total be if this one item weighed this much instead" in time proportional to the
item's origins, so that sensitivity costs no re-assessment.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Hashable, Iterable
from dataclasses import field

from ..plaindata import dataclass
from .origins import Tags
from .tables import SATURATION


def saturate(strongest: float, total: float) -> float:
    """The saturating sum of lines: ``strongest`` when it is all there is, rising with
    ``total`` and never reaching ``SATURATION * strongest``. Increasing in both."""
    if strongest <= 0.0:
        return 0.0
    rest = total - strongest
    if rest <= 0.0:
        return strongest
    room = (SATURATION - 1.0) * strongest
    return strongest + room * -math.expm1(-rest / room)


@dataclass(slots=True)
class _Line:
    best: float = 0.0
    """The strongest share any item gives this line: the line's value."""
    holders: tuple[str, ...] | set[str] = ()
    """The items whose share equals ``best`` (they split the line's credit): most lines
    have one, held in a tuple (a set of one takes four times the memory); ties grow a
    set (a tuple would make a line of 100,000 equal items quadratic)."""
    second: float = 0.0
    """The strongest share below ``best`` (0 when there is none)."""


TIE = 1e-12


@dataclass(slots=True)
class Lines:
    """One side of the evidence: items' values by origin.

    The total is ``saturate(strongest, sum of lines)``, where the strongest is the
    whole weight of the strongest item on the side: an item of several origins is
    split over their lines, but weighs no less for it, even once other items give
    each of its lines more (so that adding an item never lowers the total)."""

    lines: dict[str, _Line] = field(default_factory=dict)
    shares: dict[str, tuple[float, frozenset[str]]] = field(default_factory=dict)
    """Each item's full value and its origins."""
    _top: list[tuple[float, str]] | None = None
    _total: float | None = None
    _raw: float | None = None

    def add(self, item: str, value: float, origins: frozenset[str]) -> None:
        if value <= 0.0:
            return
        self.shares[item] = (value, origins)
        share = value / len(origins)
        for origin in origins:
            line = self.lines.get(origin)
            if line is None:
                self.lines[origin] = _Line(share, (item,))
            elif share > line.best * (1 + TIE):
                line.second = line.best
                line.best, line.holders = share, (item,)
            elif share >= line.best * (1 - TIE):
                holders = line.holders
                if isinstance(holders, set):
                    holders.add(item)
                elif item not in holders:
                    line.holders = {*holders, item}
            elif share > line.second * (1 + TIE):
                line.second = share
        self._top = None
        self._total = None
        self._raw = None

    def __bool__(self) -> bool:
        return bool(self.lines)

    def _strongest_two(self) -> list[tuple[float, str]]:
        """The two strongest items, (whole weight, item), strongest first (ties by id)."""
        if self._top is None:
            self._top = heapq.nsmallest(2, ((-v, item) for item, (v, _) in self.shares.items()))
        return [(-v, item) for v, item in self._top]

    @property
    def strongest(self) -> float:
        """The whole weight of the strongest item on this side."""
        top = self._strongest_two()
        return top[0][0] if top else 0.0

    @property
    def raw(self) -> float:
        """The plain sum of the lines (exact, whatever their order)."""
        if self._raw is None:
            self._raw = math.fsum(line.best for line in self.lines.values())
        return self._raw

    def total(self) -> float:
        if self._total is None:
            self._total = saturate(self.strongest, self.raw)
        return self._total

    def credit(self) -> dict[str, float]:
        """The total split over items: each line's part of the total goes to the items
        holding its strongest share, in equal parts."""
        raw = self.raw
        if raw <= 0.0:
            return {}
        scale = self.total() / raw
        out: dict[str, float] = {}
        for line in self.lines.values():
            part = line.best * scale / len(line.holders)
            for item in line.holders:
                out[item] = out.get(item, 0.0) + part
        return out

    def moves(self, item: str, value: float) -> bool:
        """Whether ``item`` weighing ``value`` instead could change the total: not when
        it holds none of its lines and would still hold none (an echo stays an echo),
        and is not and would not be the strongest item."""
        found = self.shares.get(item)
        if found is None:
            return value > 0
        full, origins = found
        if max(full, value) >= self.strongest * (1 - TIE):
            return True
        share = value / len(origins)
        for origin in origins:
            line = self.lines[origin]
            if item in line.holders or share > line.best * (1 + TIE):
                return True
        return False

    def total_with(self, item: str, value: float, origins: frozenset[str] | None = None) -> float:
        """The total if ``item`` (already here or not) weighed ``value`` instead, in
        time proportional to its origins."""
        _, known = self.shares.get(item, (0.0, frozenset()))
        where = known or origins or frozenset()
        if not where:
            return self.total()
        share = value / len(where) if value > 0 else 0.0
        changed: dict[str, float] = {}
        for origin in where:
            line = self.lines.get(origin)
            if line is None:
                others = 0.0
            elif item in line.holders and len(line.holders) == 1:
                others = line.second
            else:
                others = line.best
            changed[origin] = max(share, others)
        before = math.fsum(self.lines[o].best for o in changed if o in self.lines)
        raw = self.raw - before + math.fsum(changed.values())
        others_strongest = next((v for v, i in self._strongest_two() if i != item), 0.0)
        strongest = max(others_strongest, value if value > 0 else 0.0)
        return saturate(strongest, max(raw, 0.0))


def pooled(values: Iterable[float]) -> float:
    """The sum of pool totals, exact whatever their order."""
    return math.fsum(values)


NO_LINES = Lines()
"""An empty side, shared (never added to): most claims have evidence on one side only."""


Relined = tuple[str, float, frozenset[str], frozenset[str], Tags]
"""An item that a quote copy took out of its origins, in a pool or on a side: (item,
value, origins, origins without the copies, the copies it comes through)."""


def local_roots(entries: Iterable[Relined]) -> list[tuple[str, float, frozenset[str]]]:
    """Where the items of one pool (or one side of a claim) that a quote copy took out of
    their lines count. An item counts in its quote's line where the items of that
    quote here come through two copies or more that were told apart (:data:`Tags`:
    copies from elsewhere meet here); else in the origins it has without the copies.
    So a copy moves only the pools it shares with another copy: an echo of a copied
    report, in a pool of its own beside another report of the same source, stays in
    that source's line (it left it, split the line in two and raised a rival of what
    the new copy supports: property 3, found by a random test), and a copy that
    relays two sources stays one line with a copy of one of them (a review: told
    apart by their origins alone, a third copy made the two lines one)."""
    given = list(entries)
    through: dict[str, set[Hashable]] = {}
    for _, _, _, _, tags in given:
        for text, copy in tags:
            through.setdefault(text, set()).add(copy)
    met = {text for text, copies in through.items() if len(copies) > 1}
    return [
        (i, v, roots if any(text in met for text, _ in tags) else base)
        for i, v, roots, base, tags in given
    ]
