"""Provenance: circular reporting in ``derived_from`` and malformed relay chains."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar

from .. import rules as R
from ..diagnostics import Diagnostic, diag
from ..graph import strongly_connected
from ..model import Entity, Evidence, Source

T = TypeVar("T")

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from .options import CheckOptions


def circular_reporting(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    links = {sid: _model(e, Source).derived_from for sid, e in ls.sources.items()}
    for sid, inside, i, loop in _cycles(links):
        entity = ls.sources[sid]
        yield diag(
            R.CIRCULAR_REPORTING,
            entity.path,
            entity.item_span("derived_from", i),
            f"source '{sid}' is derived from '{inside}', which leads back to it: "
            f"circular reporting ({loop})",
            hint="a derived_from chain must end at an origin outside the loop",
        )


def _model(entity: Entity, kind: type[T]) -> T:
    model = entity.model
    assert isinstance(model, kind)
    return model


def _cycles(links: Mapping[str, list[str]]) -> Iterator[tuple[str, str, int, str]]:
    """For each member of each cycle of ``links`` (id -> ids it depends on): the member,
    the first id of the cycle it names, that id's place in its list, the cycle shown."""
    graph = {node: [o for o in targets if o in links] for node, targets in links.items() if targets}
    for component in strongly_connected(graph):
        if len(component) == 1 and component[0] not in graph[component[0]]:
            continue
        members = set(component)
        for node in component:
            inside = next(o for o in links[node] if o in members)
            yield node, inside, links[node].index(inside), _loop(node, inside, graph, component)


def relay_chains(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    for entity in ls.evidence.values():
        item = entity.model
        assert isinstance(item, Evidence)
        seen: set[str] = set()
        for i, relay in enumerate(item.via):
            if relay == item.source:
                yield diag(
                    R.VIA_CONTAINS_ORIGIN,
                    entity.path,
                    entity.item_span("via", i),
                    f"evidence '{item.id}' lists its own origin '{relay}' in its relay chain",
                    hint="'via' lists only the sources the item passed through after 'source'",
                )
            elif relay in seen:
                yield diag(
                    R.VIA_REPEATS_SOURCE,
                    entity.path,
                    entity.item_span("via", i),
                    f"evidence '{item.id}' is relayed via '{relay}' twice",
                    hint="name each relay once, nearest the origin first",
                )
            seen.add(relay)


def based_on_cycles(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    links = {eid: _model(e, Evidence).based_on for eid, e in ls.evidence.items()}
    for eid, inside, i, loop in _cycles(links):
        entity = ls.evidence[eid]
        yield diag(
            R.BASED_ON_CYCLE,
            entity.path,
            entity.item_span("based_on", i),
            f"evidence '{eid}' is based on '{inside}', which rests on it in turn ({loop})",
            hint="an item rests on an observation outside the loop; remove one link",
        )


LOOP_SHOWN = 8
"""A cycle longer than this is named by its first members and its length."""


def _loop(node: str, inside: str, graph: Mapping[str, list[str]], component: list[str]) -> str:
    """The way from ``node`` through ``inside`` back to ``node``: the shortest, each step
    a real link (the members of a cycle in id order are no chain). A larger cycle is
    named by its size and first members (a way per member would cost the cycle's size
    for each of them)."""
    if len(component) > LOOP_SHOWN:
        first = ", ".join(component[:LOOP_SHOWN])
        return f"one of {len(component)} in the cycle: {first}, ..."
    if inside == node:  # derived from itself
        return f"{node} -> {node}"
    members = set(component)
    came: dict[str, str | None] = {inside: None}
    queue = deque([inside])
    while node not in came:  # in one cycle, every member leads to every other
        at = queue.popleft()
        for nxt in graph.get(at, []):
            if nxt in members and nxt not in came:
                came[nxt] = at
                queue.append(nxt)
    way: list[str] = []
    step: str | None = node
    while step is not None:
        way.append(step)
        step = came[step]
    return " -> ".join([node, *reversed(way)])
