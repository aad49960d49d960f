"""Provenance: circular reporting in ``derived_from`` and malformed relay chains."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, diag
from ..model import Evidence, Source

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from . import CheckOptions


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components with a cycle (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
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
                if len(component) > 1 or node in graph[node]:
                    found.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def circular_reporting(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    graph: dict[str, list[str]] = {}
    for sid, entity in ls.sources.items():
        src = entity.model
        assert isinstance(src, Source)
        graph[sid] = [other for other in src.derived_from if other in ls.sources]
    for component in _cycles(graph):
        members = set(component)
        for sid in component:
            entity = ls.sources[sid]
            src = entity.model
            assert isinstance(src, Source)
            inside = [o for o in src.derived_from if o in members]
            i = src.derived_from.index(inside[0])
            loop = " -> ".join([*component, component[0]])
            yield diag(
                "CL301",
                entity.path,
                entity.item_span("derived_from", i),
                f"source '{sid}' is derived from '{inside[0]}', which leads back to it: "
                f"circular reporting ({loop})",
                hint="a derived_from chain must end at an origin outside the loop",
            )


def relay_chains(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    for entity in ls.evidence.values():
        item = entity.model
        assert isinstance(item, Evidence)
        seen: set[str] = set()
        for i, relay in enumerate(item.via):
            if relay == item.source:
                yield diag(
                    "CL302",
                    entity.path,
                    entity.item_span("via", i),
                    f"evidence '{item.id}' lists its own origin '{relay}' in its relay chain",
                    hint="'via' lists only the sources the item passed through after 'source'",
                )
            elif relay in seen:
                yield diag(
                    "CL303",
                    entity.path,
                    entity.item_span("via", i),
                    f"evidence '{item.id}' is relayed via '{relay}' twice",
                    hint="name each relay once, nearest the origin first",
                )
            seen.add(relay)
