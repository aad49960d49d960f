"""The layered layout at scale (src/claimlog/layout.py): crossings counted exactly in
O(s log s), a bounded number of bends however deep the graph, boxes never overlap."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from claimlog import layout
from claimlog.layout import _chains, _crossings, layered


def _brute(order: list[list[str]], down: dict[str, list[str]]) -> int:
    total = 0
    for upper, lower in itertools.pairwise(order):
        at = {n: i for i, n in enumerate(lower)}
        segs = sorted((i, at[s]) for i, n in enumerate(upper) for s in down.get(n, ()) if s in at)
        for k, (a, b) in enumerate(segs):
            total += sum(1 for c, d in segs[k + 1 :] if c > a and d < b)
    return total


@st.composite
def layered_graphs(draw: st.DrawFn) -> tuple[list[list[str]], dict[str, list[str]]]:
    sizes = draw(st.lists(st.integers(0, 7), min_size=1, max_size=5))
    layers = [[f"{k}-{i}" for i in range(n)] for k, n in enumerate(sizes)]
    down: dict[str, list[str]] = {}
    for upper, lower in itertools.pairwise(layers):
        for node in upper:
            if lower:
                down[node] = draw(st.lists(st.sampled_from(lower), max_size=6))
    return layers, down


@given(layered_graphs())
def test_crossings_are_counted_exactly(graph: tuple[list[list[str]], dict[str, list[str]]]) -> None:
    layers, down = graph
    assert _crossings(layers, down) == _brute(layers, down)


def _overlap(a: layout.Box, b: layout.Box) -> bool:
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and b.y < a.y + a.height
    )


def test_a_deep_graph_has_a_bounded_number_of_bends() -> None:
    """A chain 3,000 deep with an edge from each node to the end: without a budget,
    4.5 million bends (the depth squared, halved); with it, at most the budget, and
    the boxes still never overlap."""
    depth = 3000
    nodes = [f"n{i:05d}" for i in range(depth)]
    edges = list(itertools.pairwise(nodes)) + [(n, nodes[-1]) for n in nodes[:-2]]
    layer = {n: i for i, n in enumerate(nodes)}
    budget = max(layout.MAX_DUMMIES, 4 * depth)
    chains, dummies = _chains(edges, layer, budget)
    assert len(dummies) <= budget
    assert len(chains) == len(edges)
    assert chains[(nodes[0], nodes[-1])] == [nodes[0], nodes[-1]]  # the longest: straight
    assert len(chains[(nodes[-3], nodes[-1])]) == 3  # a short one keeps its bend
    few = nodes[:1200]
    deep = list(itertools.pairwise(few)) + [(n, few[-1]) for n in few[:-2]]
    shown = layered(dict.fromkeys(few, (60.0, 20.0)), deep)
    assert len(shown.routes) == len(deep)
    columns: dict[float, list[layout.Box]] = {}
    for box in shown.boxes.values():
        columns.setdefault(box.x, []).append(box)
    for column in columns.values():
        column.sort(key=lambda b: b.y)
        assert not any(_overlap(a, b) for a, b in itertools.pairwise(column))
    xs = sorted(columns)
    widths = {x: max(b.width for b in columns[x]) for x in xs}
    assert all(a + widths[a] < b for a, b in itertools.pairwise(xs))  # columns disjoint


def _passes_through(a: layout.Point, b: layout.Point, box: layout.Box) -> bool:
    """Whether the segment a-b meets the inside of ``box`` (Liang-Barsky clipping)."""
    lo, hi = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in (
        (-dx, a[0] - box.x),
        (dx, box.x + box.width - a[0]),
        (-dy, a[1] - box.y),
        (dy, box.y + box.height - a[1]),
    ):
        if p == 0:
            if q <= 0:
                return False
        elif p < 0:
            lo = max(lo, q / p)
        else:
            hi = min(hi, q / p)
    return hi - lo > 1e-9


@st.composite
def dags(draw: st.DrawFn) -> tuple[dict[str, tuple[float, float]], list[tuple[str, str]]]:
    n = draw(st.integers(2, 12))
    names = [f"v{k:02d}" for k in range(n)]
    size = st.tuples(st.integers(1, 300).map(float), st.integers(1, 120).map(float))
    sizes = {name: draw(size) for name in names}
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    edges = [(names[a], names[b]) for a, b in draw(st.lists(pairs, max_size=25))]
    return sizes, edges


@given(dags())
def test_no_edge_passes_over_a_box_it_does_not_connect(
    graph: tuple[dict[str, tuple[float, float]], list[tuple[str, str]]],
) -> None:
    """A tour: edges slanted from one column to a bend in the middle of the next and ran
    under the boxes beside the bend. They cross a column level, in the gap their bend
    keeps, and slant only between columns."""
    sizes, edges = graph
    shown = layered(sizes, edges)
    for route in shown.routes:
        for key, box in shown.boxes.items():
            if key in (route.tail, route.head):
                continue
            assert not any(
                _passes_through(a, b, box) for a, b in itertools.pairwise(route.points)
            ), (route, box)
