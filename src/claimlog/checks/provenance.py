"""Provenance: circular reporting in ``derived_from`` and malformed relay chains."""

from __future__ import annotations

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
        loop = _loop(component)
        for node in component:
            inside = next(o for o in links[node] if o in members)
            yield node, inside, links[node].index(inside), loop


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


def _loop(component: list[str]) -> str:
    if len(component) <= LOOP_SHOWN:
        return " -> ".join([*component, component[0]])
    shown = " -> ".join(component[:LOOP_SHOWN])
    return f"{shown} -> ... ({len(component)} in the cycle)"
