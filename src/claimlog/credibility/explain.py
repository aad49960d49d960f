"""Contributions that add up: how far each item moved a claim from its prior. Pure.

Each pool's total is split over the items holding its lines (lines.Lines.credit),
so every item has a share of every score it bears on, and the shares add up to
the scores. The move from the prior to the probability is then split along the
straight path from no evidence to all of it (every score scaled by t from 0 to
1): an item's contribution is its shares times the slope of the claim's
probability along the path, integrated (Aumann-Shapley; "integrated gradients").
By the gradient theorem the contributions add up to the move exactly; for a
lone claim the integral is closed-form (each item gets the move in proportion to
its share of the score), for a group it is computed by Gauss-Legendre
quadrature, and the last bit of rounding is given back by largest remainder.
Items of rival claims move a claim too (through the shared distribution), with
the opposite sign to their pull on the rival.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import cache, reduce
from operator import add, mul

from ..plaindata import dataclass
from .engine import Found, Unit
from .tables import DB, QUADRATURE_PIECES, QUADRATURE_POINTS, quantize


@dataclass(frozen=True, slots=True)
class Contribution:
    """One item's part in a claim's move from its prior."""

    item: str
    claims: tuple[str, ...]
    """The claims of the group the item takes a stance on."""
    points: float
    """Probability (0..1 scale) this item moved the claim by."""
    own: bool
    """The item takes a stance on the claim itself (else it moved it through a rival)."""


@cache
def gauss_legendre(n: int) -> tuple[tuple[float, float], ...]:
    """Nodes and weights of n-point Gauss-Legendre quadrature on [-1, 1]."""
    out = []
    for i in range(1, n + 1):
        x = math.cos(math.pi * (i - 0.25) / (n + 0.5))
        for _ in range(100):
            p0, p1 = 1.0, x
            for k in range(2, n + 1):
                p0, p1 = p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k
            dp = n * (x * p1 - p0) / (x * x - 1)
            step = p1 / dp
            x -= step
            if abs(step) < 1e-15:
                break
        out.append((x, 2 / ((1 - x * x) * dp * dp)))
    return tuple(sorted(out))


def shares(unit: Unit) -> dict[str, dict[str, tuple[float, float]]]:
    """Each item's shares (dB) of each member's weight for and against."""
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for side, pools in ((0, unit.support), (1, unit.against)):
        for key, lines in pools.items():
            for item, part in lines.credit().items():
                row = out.setdefault(item, {})
                for cid in key:
                    pro, con = row.get(cid, (0.0, 0.0))
                    row[cid] = (pro + part, con) if side == 0 else (pro, con + part)
    return out


@dataclass(frozen=True, slots=True)
class _Path:
    """A unit's shares and, for a group small enough, every member's path integrals
    (``own[k]``, ``joint[k][j]``), computed once for all its members."""

    row_of: dict[str, dict[str, tuple[float, float]]]
    integrals: tuple[list[float], list[list[float]]] | None
    marked: dict[str, tuple[str, ...]]
    """The claims of the unit each item takes a stance on (:func:`_marked`)."""
    quadrature: Quadrature | None
    """The path's points, once for the unit (:func:`_quadrature`)."""
    idle: tuple[str, ...] = ()
    """The counted items that take a side on the unit and hold no share of its pools:
    an echo whose own refutation the support it borrows implies (engine.observed).
    Listed at 0, so that every item that takes a side is reported (property 10)."""


JOINT_GROUP_SIZE = 256
"""Up to this many members, a group's path is integrated once for every member (the
work per point grows with the square of the size); above, once per member asked."""


def _path(assessed: Found, unit: Unit) -> _Path:
    found = assessed.paths.get(id(unit))
    if isinstance(found, _Path):
        return found
    row_of = shares(unit)
    quadrature = _quadrature(unit) if row_of else None
    integrals = None
    if quadrature is not None and len(unit.members) <= JOINT_GROUP_SIZE:
        integrals = _integrals(quadrature, range(len(unit.members)))
    idle = sorted(
        {
            ia.id
            for member in unit.members
            for ia in assessed.items.get(member, ())
            if ia.counted and ia.stance != "neutral" and ia.id not in row_of
        }
    )
    marked = _marked(assessed, unit, [*row_of, *idle])
    path = _Path(row_of, integrals, marked, quadrature, tuple(idle))
    assessed.paths[id(unit)] = path
    return path


def contributions(assessed: Found, cid: str) -> list[Contribution]:
    """Every item that moves claim ``cid`` (its own and its rivals'), with the points it
    moved it by; they add up to the move from the prior (up to float rounding; see
    ``split_exactly`` for shown units). Sorted by item id."""
    unit = assessed.unit_of[cid]
    path = _path(assessed, unit)
    row_of = path.row_of
    if not row_of:
        return [Contribution(i, path.marked[i], 0.0, cid in path.marked[i]) for i in path.idle]
    k = unit.members.index(cid)
    prior = unit.priors[k]
    final = unit.probabilities(unit.pro, unit.con)[0][k]
    move = final - prior
    score = unit.pro[cid] - unit.con[cid]
    alone = (
        not unit.open
        and all(unit.pro[c] == unit.con[c] == 0.0 for c in unit.members if c != cid)
        and all(set(row) <= {cid} for row in row_of.values())
    )
    points: dict[str, float] = {}
    if alone:
        # One score moves along a softmax: the path is one-dimensional and each item's
        # part of the move is its part of the score: its score times the mean slope
        # along the path, move / score, whose limit where the scores cancel exactly is
        # the slope at the prior (it read 0 there: an analyst saw two items shown at
        # +69 and -68 points, and at +0 and -0 once the one relay that parted them was
        # dropped).
        slope = move / score if score else DB * prior * (1.0 - prior)
        for item, row in row_of.items():
            pro, con = row.get(cid, (0.0, 0.0))
            points[item] = slope * (pro - con)
    else:
        points = _integrated(unit, k, path)
    # An echo also moves the claims its original bears on through the pools it joins
    # (engine.Engine.shadows), without taking a stance on them: an item's claims and
    # whether it is the claim's own are read from its stances, not from its pools.
    marked = path.marked
    points.update(dict.fromkeys(path.idle, 0.0))
    return [
        Contribution(item, marked[item], points[item], cid in marked[item])
        for item in sorted(points)
    ]


def _marked(assessed: Found, unit: Unit, row_of: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The claims of the unit each item of ``row_of`` takes a non-neutral stance on."""
    found: dict[str, set[str]] = {item: set() for item in row_of}
    for member in unit.members:
        for ia in assessed.items.get(member, ()):
            if ia.id in found and ia.stance != "neutral":
                found[ia.id].add(member)
    return {item: tuple(sorted(claims)) for item, claims in found.items()}


def _integrated(unit: Unit, k: int, path: _Path) -> dict[str, float]:
    """Contributions along the path by quadrature. With Q_j a member's share of Z, the
    slope of P_k in the score s_j = pro_j - con_j is DB * P_k * (delta_kj - Q_j), where
    Q_j is 0 for a member of an open group whose balance is against it (its share of Z
    stays its prior's). So an item's contribution is linear in its shares, with
    I = integral of P_k and J_j = integral of P_k * Q_j (:func:`_integrals`, of the
    whole unit or found here); then each item costs its shares."""
    row_of = path.row_of
    if path.integrals is None:
        assert path.quadrature is not None
        own_of, joint_of = _integrals(path.quadrature, [k])
        at = 0
    else:
        own_of, joint_of = path.integrals
        at = k
    own, joint = own_of[at], joint_of[at]
    index = {c: j for j, c in enumerate(unit.members)}
    cid = unit.members[k]
    points: dict[str, float] = {}
    for item, row in row_of.items():
        pro_k, con_k = row.get(cid, (0.0, 0.0))
        # joint[j] is 0 for a member of an open group whose balance is against it: its
        # share of Z does not move along the path.
        spread = math.fsum((v[0] - v[1]) * joint[index[c]] for c, v in row.items())
        points[item] = DB * ((pro_k - con_k) * own - spread)
    return points


Quadrature = tuple[list[list[float]], list[tuple[float, ...] | None]]
"""(each member's weight at each point of the path, each moving member's share of Z at
each point; :func:`_quadrature`)."""


def _quadrature(unit: Unit) -> Quadrature:
    """The path's quadrature once for the unit: at each point, each member's probability
    times the point's weight, and (for a member whose share of Z moves with its score:
    every member of a closed unit; in an open group, one whose evidence is on balance
    for it) its share of Z. The probabilities are computed once per point for the whole
    unit (each claim asked computed them again: a group of 500 claims took 16 s)."""
    size = len(unit.members)
    pieces = QUADRATURE_PIECES if size <= 1000 else max(2, QUADRATURE_PIECES * 1000 // size)
    nodes = gauss_legendre(QUADRATURE_POINTS)
    width = 1.0 / pieces
    moving = {j for j, c in enumerate(unit.members) if not unit.open or unit.pro[c] >= unit.con[c]}
    weights_at: list[list[float]] = []
    shares_at: list[list[float]] = []
    for piece in range(pieces):
        for x, w in nodes:
            t = (piece + (x + 1) / 2) * width
            probs, _, shares_of_z = unit.probabilities(unit.pro, unit.con, t)
            weights_at.append([p * w * width / 2 for p in probs])
            shares_at.append(shares_of_z)
    weights = [list(column) for column in zip(*weights_at, strict=True)]
    columns = zip(*shares_at, strict=True)
    return weights, [column if j in moving else None for j, column in enumerate(columns)]


def _integrals(
    quadrature: Quadrature, wanted: Sequence[int]
) -> tuple[list[float], list[list[float]]]:
    """I and J_j of each member of ``wanted`` (in that order): I the sum of the member's
    weights over the points, J_j that of its weights times member j's shares (0 for a
    member whose share does not move), each summed point by point in order."""
    weights, shares = quadrature
    own: list[float] = []
    joint: list[list[float]] = []
    for k in wanted:
        mine = weights[k]
        own.append(reduce(add, mine, 0.0))
        joint.append([0.0 if s is None else reduce(add, map(mul, mine, s), 0.0) for s in shares])
    return own, joint


Counted = tuple[dict[str, tuple[str, bool, bool]], dict[str, tuple[int, int]]]
"""A claim's counted items, for :func:`unmoved_reason`: each item's (line, weighs for,
weighs against), and each line's number of items weighing for and against."""


def counted_index(items: Iterable[tuple[str, str, bool, bool]]) -> Counted:
    """The :data:`Counted` of a claim's counted items given as (id, line, weighs for,
    weighs against): made once per claim (a hunt: looking through the claim's items for
    each item shown took 46 s for 20,000 items of one line)."""
    each: dict[str, tuple[str, bool, bool]] = {}
    sides: dict[str, tuple[int, int]] = {}
    for eid, line, pro, con in items:
        each[eid] = (line, pro, con)
        n_pro, n_con = sides.get(line, (0, 0))
        sides[line] = (n_pro + pro, n_con + con)
    return each, sides


def unmoved_reason(
    eid: str,
    items: Counted,
    same_way: bool,
    moved: float,
) -> str:
    """Why item ``eid``, which weighs something on a claim, is shown moving it by
    nothing: by less than the 0.1 points shown (``moved``, its contribution unrounded),
    another item of its line on the same side holds the line, or it bears the same way
    on other claims of the group (``same_way``), whose shares move with it (a tour read
    "through a stronger item" of an item alone on its claim). ``items``: the claim's
    counted items (:func:`counted_index`). (Items for and against a claim of no group
    whose scores cancel are each shown with their pull, not as moving nothing:
    :func:`contributions`.)
    """
    if abs(moved) > 1e-12:
        return "it moves it by less than 0.1 points"
    each, sides = items
    line, pro, con = each[eid]
    n_pro, n_con = sides[line]
    if (pro and n_pro > 1) or (con and n_con > 1):  # another of its line, on its side
        return "its line counts once, through a stronger item"
    if same_way:
        return "it bears the same way on the group's other claims: no share moves"
    return "it moves no share"


def split_exactly(values: Sequence[float], target: float, unit: float) -> list[float]:
    """``values`` rounded to multiples of ``unit`` so that they add up to ``target``
    (itself rounded to ``unit``) exactly: largest remainder, ties by position."""
    scale = 1.0 / unit
    goal = round(target * scale)
    floors = [math.floor(v * scale) for v in values]
    left = goal - sum(floors)
    order = sorted(range(len(values)), key=lambda j: (-(values[j] * scale - floors[j]), j))
    if left >= 0:
        for j in order[:left] if left <= len(order) else order:
            floors[j] += 1
        left -= min(left, len(order))
        if left and floors:  # rounding far off: give the rest to the largest move
            floors[max(range(len(values)), key=lambda j: abs(values[j]))] += left
    else:
        for j in reversed(order[: len(order)]):
            if left == 0:
                break
            floors[j] -= 1
            left += 1
        if left and floors:
            floors[max(range(len(values)), key=lambda j: abs(values[j]))] += left
    return [f / scale for f in floors]


def shown_move(prior: float, probability: float, places: int) -> float:
    """The move from the prior as shown: both rounded down to ``places`` decimals."""
    return quantize(probability, places) - quantize(prior, places)
