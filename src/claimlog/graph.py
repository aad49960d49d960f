"""Graphs of ids: strongly connected components, for cycles of derived_from and based_on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def in_cycle(members: Sequence[str], graph: Mapping[str, Sequence[str]]) -> bool:
    """Whether a component of :func:`strongly_connected` is a cycle: more than one
    member, or one that depends on itself."""
    return len(members) > 1 or members[0] in graph[members[0]]


def strongly_connected(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """The strongly connected components of ``graph`` (Tarjan's algorithm, iterative),
    each sorted, in reverse topological order: a component comes after every
    component it has edges to. Edges to nodes outside the graph are ignored, and so
    are the nodes with no successor: each is a component of its own, in no cycle, and
    most nodes of a ledger's graphs are such (the callers give them their own value
    without sorting and walking hundreds of thousands of them)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(node for node, successors in graph.items() if successors):
        if start in index:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = graph[node]
            if i < len(successors):
                work.append((node, i + 1))
                nxt = successors[i]
                if not graph.get(nxt):  # outside the graph, or a component of its own
                    continue
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found
