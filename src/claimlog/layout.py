"""A simple layered (Sugiyama-style) layout of a directed graph. Pure, no I/O.

1. Cycles are broken by reversing the edges a depth-first search (in sorted order)
   finds going back; they are drawn in their own direction afterwards.
2. Layers by longest path from the nodes with no predecessor; nodes named ``last``
   that have no successor go to the last layer.
3. An edge spanning several layers passes through one dummy point per layer between
   (up to a budget, the shortest spans first; a longer edge past it is drawn straight).
4. Order within layers: barycentre sweeps, down then up (up to 12, fewer once four in
   a row find nothing better), keeping the order with the fewest crossings; the
   members of one cluster stay together in each layer.
5. Coordinates: one column per layer, as wide as its widest box; boxes stacked in
   order with gaps (a wider gap where a cluster starts or ends), each column centred
   vertically. Boxes never overlap: columns are disjoint, and within a column boxes
   follow one another.
6. Routes: an edge leaves its tail's box level to the right edge of the tail's
   column, crosses each column between level, at its bend (in the gap the bend's
   place keeps between the boxes above and below), and slants only in the empty
   gaps between columns; it enters its head's column level with the head's middle.
   So no edge passes over a box it does not connect (a bend drawn as one point in
   the middle of its column made the slanting lines run through the boxes beside
   it). A long edge drawn straight (past the budget of bends) may still.

Everything is sorted before it is used, so equal inputs give equal layouts.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence

from .plaindata import dataclass

GAP_X = 80.0
GAP_Y = 14.0
CLUSTER_GAP = 34.0
"""Gap between boxes where a cluster starts or ends: room for its frame and label."""
CLUSTER_TOP = 22.0
"""How far above its first box a cluster's frame starts (its label sits there)."""
CLUSTER_PAD = 6.0
MARGIN = 30.0
SWEEPS = 12
STALE_SWEEPS = 4
"""The sweeps stop early after this many in a row find no fewer crossings."""
MAX_DUMMIES = 20_000
"""Bends placed for edges that span layers: at most this many, or four per node."""

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    key: str
    x: float
    y: float
    width: float
    height: float
    layer: int


@dataclass(frozen=True)
class Route:
    tail: str
    head: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Frame:
    """A cluster's frame in one layer."""

    cluster: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]
    routes: tuple[Route, ...]
    frames: tuple[Frame, ...]
    width: float
    height: float


def _acyclic(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The edges, deduplicated, without self-loops, with back edges reversed."""
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in sorted(set(edges)):
        if a != b:
            succ[a].append(b)
    state: dict[str, int] = {}
    out: set[tuple[str, str]] = set()
    for start in nodes:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(succ[start]))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                out.add((nxt, node))  # a back edge: reversed
            else:
                out.add((node, nxt))
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, iter(succ[nxt])))
    return sorted(out)


def _layers(
    nodes: Sequence[str], dag: Sequence[tuple[str, str]], last: Collection[str]
) -> dict[str, int]:
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in dag:
        preds[b].append(a)
        succ[a].append(b)
    layer: dict[str, int] = {}
    waiting = {n: len(preds[n]) for n in nodes}
    ready = [n for n in nodes if not waiting[n]]  # any topological order: same layers
    while ready:
        n = ready.pop()
        layer[n] = max((layer[p] + 1 for p in preds[n]), default=0)
        for s in succ[n]:
            waiting[s] -= 1
            if not waiting[s]:
                ready.append(s)
    top = max(layer.values(), default=0)
    for n in nodes:
        if n in last and not succ[n]:
            layer[n] = top  # nothing follows it: moving it later keeps edges forward
    return layer


def _chains(
    dag: Sequence[tuple[str, str]], layer: dict[str, int], budget: int
) -> tuple[dict[tuple[str, str], list[str]], dict[str, int]]:
    """Each edge as the chain of nodes it passes through: one dummy per layer between,
    the shortest spans first, until ``budget`` dummies are placed; a longer edge past
    the budget is a straight chain of its two ends (drawn directly, left out of the
    crossing reduction), so that a deep graph costs time in its size, not in its
    size times its depth."""
    chains: dict[tuple[str, str], list[str]] = {}
    dummies: dict[str, int] = {}
    for a, b in sorted(dag, key=lambda e: (layer[e[1]] - layer[e[0]], e)):
        span = layer[b] - layer[a] - 1
        if span > 0 and len(dummies) + span > budget:
            chains[(a, b)] = [a, b]
            continue
        chain = [a]
        for k in range(layer[a] + 1, layer[b]):
            d = f"\0{a}\0{b}\0{k}"
            dummies[d] = k
            chain.append(d)
        chains[(a, b)] = [*chain, b]
    return chains, dummies


def _crossings(order: list[list[str]], down: dict[str, list[str]]) -> int:
    """Edge crossings between each pair of adjacent layers: pairs of segments (a, b),
    (c, d) with c > a and d < b, counted in O(s log s) with a Fenwick tree (segments
    grouped by upper position, the later groups inserted first)."""
    total = 0
    for upper, lower in itertools.pairwise(order):
        at = {n: i for i, n in enumerate(lower)}
        tree = [0] * (len(lower) + 1)
        groups = [
            [at[s] for s in down.get(n, ()) if s in at] for n in reversed(upper)
        ]  # by upper position, right to left
        for ends in groups:
            for b in ends:  # inserted segments are all further right: count d < b
                k = b
                while k > 0:
                    total += tree[k]
                    k -= k & -k
            for b in ends:
                k = b + 1
                while k <= len(lower):
                    tree[k] += 1
                    k += k & -k
    return total


def _sorted_layer(
    layer: list[str], near: dict[str, list[str]], at: dict[str, int], cluster: Mapping[str, str]
) -> list[str]:
    """One layer ordered by the barycentre of each node's neighbours in the layer just
    placed (a node without any keeps its place); a cluster's members together."""
    bary: dict[str, float] = {}
    for i, n in enumerate(layer):
        seen = [at[m] for m in near.get(n, ()) if m in at]
        bary[n] = sum(seen) / len(seen) if seen else float(i)
    groups: dict[str, list[str]] = {}
    for n in layer:
        groups.setdefault(cluster.get(n, "\0" + n), []).append(n)
    centre = {g: sum(bary[n] for n in ms) / len(ms) for g, ms in groups.items()}
    return sorted(
        layer, key=lambda n: (centre[cluster.get(n, "\0" + n)], cluster.get(n, ""), bary[n], n)
    )


def _order(
    layers: list[list[str]],
    chains: dict[tuple[str, str], list[str]],
    cluster: Mapping[str, str],
) -> list[list[str]]:
    down: dict[str, list[str]] = {}
    up: dict[str, list[str]] = {}
    for chain in chains.values():
        for a, b in itertools.pairwise(chain):
            down.setdefault(a, []).append(b)
            up.setdefault(b, []).append(a)
    order = [sorted(ls, key=lambda n: (cluster.get(n, "\0" + n), n)) for ls in layers]
    best, fewest = [list(o) for o in order], _crossings(order, down)
    stale = 0
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        indices = range(1, len(order)) if downward else range(len(order) - 2, -1, -1)
        for k in indices:
            placed = order[k - 1] if downward else order[k + 1]
            at = {n: i for i, n in enumerate(placed)}
            order[k] = _sorted_layer(order[k], up if downward else down, at, cluster)
        found = _crossings(order, down)
        if found < fewest:
            best, fewest, stale = [list(o) for o in order], found, 0
        else:
            stale += 1
            if stale == STALE_SWEEPS or not fewest:
                break
    return best


def _gap(previous: str | None, current: str | None) -> float:
    return CLUSTER_GAP if previous != current else GAP_Y


def _place(
    order: list[list[str]], sizes: Mapping[str, tuple[float, float]], cluster: Mapping[str, str]
) -> dict[str, Box]:
    heights = []
    columns: list[list[tuple[str, float]]] = []
    for column in order:
        y, prev = 0.0, None
        placed: list[tuple[str, float]] = []
        for n in column:
            here = cluster.get(n)
            if placed:
                y += _gap(prev, here)
            placed.append((n, y))
            y += sizes.get(n, (0.0, 0.0))[1]
            prev = here
        columns.append(placed)
        heights.append(y)
    tallest = max(heights, default=0.0)
    boxes: dict[str, Box] = {}
    x = MARGIN
    for k, placed in enumerate(columns):
        wide = max((sizes.get(n, (0.0, 0.0))[0] for n, _ in placed), default=0.0)
        shift = MARGIN + CLUSTER_TOP + (tallest - heights[k]) / 2
        for n, y in placed:
            w, h = sizes.get(n, (0.0, 0.0))
            boxes[n] = Box(n, x + (wide - w) / 2, shift + y, w, h, k)
        x += wide + GAP_X
    return boxes


def _frames(
    order: list[list[str]], boxes: dict[str, Box], cluster: Mapping[str, str]
) -> list[Frame]:
    frames = []
    for column in order:
        runs: dict[str, list[Box]] = {}
        for n in column:
            if n in cluster:
                runs.setdefault(cluster[n], []).append(boxes[n])
        for key, members in sorted(runs.items()):
            left = min(b.x for b in members) - CLUSTER_PAD
            right = max(b.x + b.width for b in members) + CLUSTER_PAD
            top = members[0].y - CLUSTER_TOP
            bottom = members[-1].y + members[-1].height + CLUSTER_PAD
            frames.append(Frame(key, left, top, right - left, bottom - top))
    return frames


def layered(
    sizes: Mapping[str, tuple[float, float]],
    edges: Sequence[tuple[str, str]],
    last: Collection[str] = (),
    clusters: Mapping[str, str] | None = None,
) -> Layout:
    """The layout of the nodes ``sizes`` names (key -> (width, height)) and ``edges``
    between them; ``last``: nodes drawn in the last layer when nothing follows them;
    ``clusters``: node -> cluster key, kept together and framed."""
    cluster = dict(clusters or {})
    nodes = sorted(sizes)
    dag = _acyclic(nodes, [(a, b) for a, b in edges if a in sizes and b in sizes])
    layer = _layers(nodes, dag, set(last))
    chains, dummies = _chains(dag, layer, max(MAX_DUMMIES, 4 * len(nodes)))
    depth = max([*layer.values(), *dummies.values()], default=-1) + 1
    layers: list[list[str]] = [[] for _ in range(depth)]
    for n, k in [*layer.items(), *dummies.items()]:
        layers[k].append(n)
    order = _order(layers, chains, cluster)
    placed = _place(order, sizes, cluster)
    columns = _columns(placed)
    routes = [_route(a, b, chains, placed, columns) for a, b in sorted(set(edges)) if a != b]
    boxes = {n: placed[n] for n in nodes}
    width = max((b.x + b.width for b in placed.values()), default=0.0) + MARGIN
    height = max((b.y + b.height for b in placed.values()), default=0.0) + MARGIN
    frames = _frames(order, placed, cluster)
    return Layout(boxes, tuple(r for r in routes if r is not None), tuple(frames), width, height)


def _columns(placed: Mapping[str, Box]) -> dict[int, tuple[float, float]]:
    """Each layer's column: from its left edge to its right edge (its widest box)."""
    out: dict[int, tuple[float, float]] = {}
    for b in placed.values():
        left, right = out.get(b.layer, (b.x, b.x + b.width))
        out[b.layer] = (min(left, b.x), max(right, b.x + b.width))
    return out


def _route(
    a: str,
    b: str,
    chains: dict[tuple[str, str], list[str]],
    placed: dict[str, Box],
    columns: Mapping[int, tuple[float, float]],
) -> Route | None:
    chain = chains.get((a, b))
    backwards = chain is None
    if backwards:
        chain = chains.get((b, a))
    if chain is None:
        return None
    first, end = placed[chain[0]], placed[chain[-1]]
    middle = first.y + first.height / 2
    points = [(first.x + first.width, middle), (columns[first.layer][1], middle)]
    for d in chain[1:-1]:  # level across the bend's column, in the gap it keeps
        bend = placed[d]
        points += [(columns[bend.layer][0], bend.y), (columns[bend.layer][1], bend.y)]
    middle = end.y + end.height / 2
    points += [(columns[end.layer][0], middle), (end.x, middle)]
    kept = [p for k, p in enumerate(points) if not k or p != points[k - 1]]
    if backwards:
        kept.reverse()
    return Route(a, b, tuple(kept))
