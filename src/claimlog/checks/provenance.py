"""Provenance: circular reporting in ``derived_from`` and malformed relay chains."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import rules as R
from ..diagnostics import Diagnostic, diag
from ..ledgerset import strongly_connected
from ..model import Evidence, Source

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from .options import CheckOptions


def circular_reporting(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    graph: dict[str, list[str]] = {}
    for sid, entity in ls.sources.items():
        src = entity.model
        assert isinstance(src, Source)
        graph[sid] = [other for other in src.derived_from if other in ls.sources]
    cycles = [c for c in strongly_connected(graph) if len(c) > 1 or c[0] in graph[c[0]]]
    for component in cycles:
        members = set(component)
        for sid in component:
            entity = ls.sources[sid]
            src = entity.model
            assert isinstance(src, Source)
            inside = [o for o in src.derived_from if o in members]
            i = src.derived_from.index(inside[0])
            loop = _loop(component)
            yield diag(
                R.CIRCULAR_REPORTING,
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
    graph: dict[str, list[str]] = {}
    for eid, entity in ls.evidence.items():
        item = entity.model
        assert isinstance(item, Evidence)
        graph[eid] = [other for other in item.based_on if other in ls.evidence]
    cycles = [c for c in strongly_connected(graph) if len(c) > 1 or c[0] in graph[c[0]]]
    for component in cycles:
        members = set(component)
        loop = _loop(component)
        for eid in component:
            entity = ls.evidence[eid]
            item = entity.model
            assert isinstance(item, Evidence)
            inside = [o for o in item.based_on if o in members]
            i = item.based_on.index(inside[0])
            yield diag(
                R.BASED_ON_CYCLE,
                entity.path,
                entity.item_span("based_on", i),
                f"evidence '{eid}' is based on '{inside[0]}', which rests on it in turn ({loop})",
                hint="an item rests on an observation outside the loop; remove one link",
            )


LOOP_SHOWN = 8
"""A cycle longer than this is named by its first members and its length."""


def _loop(component: list[str]) -> str:
    if len(component) <= LOOP_SHOWN:
        return " -> ".join([*component, component[0]])
    shown = " -> ".join(component[:LOOP_SHOWN])
    return f"{shown} -> ... ({len(component)} in the cycle)"
