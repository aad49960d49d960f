"""Strongly connected components and what is carried through them (graph.py,
credibility/origins.py), against definitions by plain reachability on small graphs:
the nodes with no successor are left out of the components (issue 13: most nodes of a
ledger's graphs have none) and still get their own value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hypothesis import given
from hypothesis import strategies as st

from claimlog.credibility.origins import closure, propagate
from claimlog.graph import strongly_connected

NODES = [f"n{i}" for i in range(7)]


@st.composite
def graphs(draw: st.DrawFn) -> dict[str, list[str]]:
    """Small graphs with self-loops, cycles, edges to nodes outside the graph, and many
    nodes without successors."""
    nodes = draw(st.lists(st.sampled_from(NODES), unique=True, min_size=1))
    targets = st.sampled_from([*nodes, "outside"])
    return {n: sorted(set(draw(st.lists(targets, max_size=3)))) for n in nodes}


def _reach(graph: Mapping[str, Sequence[str]], start: str) -> set[str]:
    """The nodes reachable from ``start`` by one edge or more, inside the graph."""
    seen: set[str] = set()
    todo = [d for d in graph[start] if d in graph]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(d for d in graph[node] if d in graph)
    return seen


def _component(graph: Mapping[str, Sequence[str]], node: str) -> set[str]:
    return {node} | {m for m in _reach(graph, node) if node in _reach(graph, m)}


@given(graphs())
def test_components_are_those_of_reachability_in_reverse_topological_order(
    graph: dict[str, list[str]],
) -> None:
    found = strongly_connected(graph)
    covered = [n for c in found for n in c]
    assert sorted(covered) == sorted(n for n, succ in graph.items() if succ)
    place = {n: k for k, c in enumerate(found) for n in c}
    for k, component in enumerate(found):
        assert component == sorted(component)
        assert set(component) == _component(graph, component[0])
        for n in component:
            for d in graph[n]:
                assert place.get(d, -1) <= k  # an edge leads back in the list, or out of it


@given(graphs(), st.data())
def test_closure_joins_everything_a_node_reaches(
    graph: dict[str, list[str]], data: st.DataObject
) -> None:
    own = {n: frozenset(data.draw(st.sets(st.sampled_from("abc"), min_size=1))) for n in graph}
    out = closure(graph, own)
    assert out.keys() == graph.keys()
    for n in graph:
        assert out[n] == own[n].union(*(own[m] for m in _reach(graph, n)))


@given(graphs(), st.data())
def test_propagate_carries_origins_as_its_docstring_says(
    graph: dict[str, list[str]], data: st.DataObject
) -> None:
    own = {n: frozenset(data.draw(st.sets(st.sampled_from("abc"), min_size=1))) for n in graph}

    def expected(node: str) -> frozenset[str]:
        members = _component(graph, node)
        outside = {d for m in members for d in graph[m] if d in graph and d not in members}
        if outside:
            return frozenset().union(*(expected(d) for d in outside))
        if len(members) > 1:
            return frozenset().union(*(own[m] for m in members))
        return own[node]

    origins, cycles = propagate(graph, own)
    assert origins.keys() == graph.keys()
    for n in graph:
        assert origins[n] == expected(n), n
        members = _component(graph, n)
        in_cycle = len(members) > 1 or n in graph[n]
        assert (n in cycles) == in_cycle
        if in_cycle:
            assert cycles[n] == sorted(members)
