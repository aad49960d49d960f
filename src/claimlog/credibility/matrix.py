"""The ACH matrix (Heuer's Analysis of Competing Hypotheses): items x claims. Pure, no I/O.

Rows are the counted evidence items that take a stance on any of the chosen claims,
most diagnostic first; columns are the claims; each cell is the item's stance on the
claim as an ACH rating with the item's weight (the engine's quality x interest
factor). Per claim, Heuer's weighted inconsistency score stands beside claimlog's
probability. docs/matrix-and-graph.md defines every figure.

- **Ratings**: ``strongly-supports`` CC, ``supports`` C, ``neutral`` N,
  ``refutes`` I, ``strongly-refutes`` II; no stance on the claim NA (not
  applicable: the item does not bear on that hypothesis as far as the ledger says).
- **Diagnosticity** (dB): the spread (largest minus smallest) of the item's signed
  weights of evidence across the columns, NA counting 0; for a single column, the
  spread between the claim and its negation (0), so its absolute weight. An item
  that bears alike on every hypothesis has diagnosticity 0.
- **Inconsistency** (Heuer): the sum, over the counted items rated I or II on the
  claim, of the item's weight, II counting double. Lower is better in ACH.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..plaindata import dataclass

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from .assess import Assessed
    from .engine import ItemAssessment

RATING: dict[str, str] = {
    "strongly-supports": "CC",
    "supports": "C",
    "neutral": "N",
    "refutes": "I",
    "strongly-refutes": "II",
}
"""The ACH rating of each stance."""
NOT_APPLICABLE = "NA"
"""The rating of a cell whose item takes no stance on the claim."""
INCONSISTENCY = {"I": 1, "II": 2}
"""How many times an item's weight counts towards Heuer's inconsistency score."""


class SelectionError(ValueError):
    """A word that names no group and no claim, or a group with no claim."""


@dataclass(frozen=True)
class Cell:
    """One item's rating on one claim."""

    claim: str
    stance: str | None
    """None: no stance (rating NA)."""
    rating: str
    weight: float
    """The engine's weight of the item on this claim (quality x interest, 0..1); 0 for NA."""
    signed: float
    """Weight of evidence in dB: positive for, negative against, 0 neutral or NA."""


@dataclass(frozen=True)
class Row:
    """One evidence item across the columns."""

    item: str
    summary: str
    source: str
    diagnosticity: float
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Column:
    """One claim: its assessment beside Heuer's inconsistency score."""

    claim: str
    statement: str
    group: str | None
    probability: float
    label: str
    verdict: str
    inconsistency: float
    inconsistent_items: int
    """How many counted items are rated I or II on it."""


@dataclass(frozen=True)
class GroupShare:
    """A chosen group and its "none of these" share (0 for an exhaustive group)."""

    id: str
    question: str | None
    exhaustive: bool
    residual: float


@dataclass(frozen=True)
class Matrix:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    groups: tuple[GroupShare, ...]
    excluded: tuple[tuple[str, str], ...]
    """(item, why) of the items on the chosen claims that do not count."""


def select(ls: LedgerSet, words: Sequence[str]) -> list[str]:
    """The claims that ``words`` name, in order, without repeats: a group gives its
    claims (sorted), a claim the claims of its group, or itself when it has none.
    SelectionError (with a did-you-mean hint) for a word that is neither."""
    from ..diagnostics import did_you_mean

    groups = ls.groups
    chosen: list[str] = []
    for word in words:
        if word in ls.claims:
            group = ls.claim(word).group
            members = groups.get(group, [word]) if group is not None else [word]
        elif word in groups:
            members = groups[word]
            if not members:
                raise SelectionError(f"group '{word}' has no claims")
        else:
            hint = did_you_mean(word, [*groups, *ls.claims])
            raise SelectionError(
                f"no group or claim '{word}' in the ledger set" + (f"; {hint}" if hint else "")
            )
        chosen += [c for c in members if c not in chosen]
    if not chosen:
        raise SelectionError("name a group or a claim")
    return chosen


def _signed(i: ItemAssessment) -> float:
    return i.evidence_for - i.evidence_against


def diagnosticity(signed: Sequence[float]) -> float:
    """The spread of an item's signed weights across the columns (dB); one column is
    compared with its negation (0)."""
    values = list(signed) if len(signed) > 1 else [*signed, 0.0]
    return round(max(values) - min(values), 6) if values else 0.0


def build(assessed: Assessed, ls: LedgerSet, claims: Sequence[str]) -> Matrix:
    """The ACH matrix of ``claims`` (ids of assessed claims, in column order)."""
    on: dict[str, dict[str, ItemAssessment]] = {}
    excluded: dict[str, str] = {}
    for cid in claims:
        for i in assessed.items.get(cid, ()):
            if i.counted:
                on.setdefault(i.id, {})[cid] = i
            else:
                excluded[i.id] = i.excluded or "not counted"
    rows = [_row(ls, eid, on[eid], claims) for eid in sorted(on)]
    rows.sort(key=lambda r: (-r.diagnosticity, r.item))
    columns = tuple(_column(assessed, cid, rows, k) for k, cid in enumerate(claims))
    shares = []
    for gid in dict.fromkeys(c.group for c in columns if c.group is not None):
        g = assessed.groups[gid]
        shares.append(GroupShare(gid, g.question, g.exhaustive, g.residual))
    return Matrix(
        columns,
        tuple(rows),
        tuple(shares),
        tuple(sorted((e, why) for e, why in excluded.items() if e not in on)),
    )


def _row(
    ls: LedgerSet, eid: str, by_claim: dict[str, ItemAssessment], claims: Sequence[str]
) -> Row:
    cells = []
    for cid in claims:
        i = by_claim.get(cid)
        if i is None:
            cells.append(Cell(cid, None, NOT_APPLICABLE, 0.0, 0.0))
        else:
            signed = _signed(i)
            cells.append(Cell(cid, i.stance, RATING[i.stance], i.weight, signed))
    item = ls.item(eid)
    spread = diagnosticity([c.signed for c in cells])
    return Row(eid, item.summary, item.source, spread, tuple(cells))


def _column(assessed: Assessed, cid: str, rows: Sequence[Row], k: int) -> Column:
    a = assessed.claims[cid]
    score = 0.0
    count = 0
    for row in rows:
        cell = row.cells[k]
        times = INCONSISTENCY.get(cell.rating, 0)
        if times:
            score += times * cell.weight
            count += 1
    return Column(
        cid, a.statement, a.group, a.probability, a.label, a.verdict, round(score, 6), count
    )
