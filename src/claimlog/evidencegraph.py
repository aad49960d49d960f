"""The evidence graph: sources -> relays (``via``) -> evidence items -> claims. Pure, no I/O.

Built from an assessed ledger set for some claims (default: all). Every list is
sorted by kind and ledger id, so the graph, and whatever is drawn from it, does not
depend on the order of entries in the files.

- A **source** node is the origin of an item; a **relay** node is a source that only
  passes items on (``via``). Edges run origin -> first relay -> ... -> item.
- An item's edge to each chosen claim it takes a stance on carries the stance.
- A **cluster** is one line of reporting fed by several sources: items whose origins
  (the engine's roots: ``derived_from``, shared quotes, ``based_on``) are the same,
  with the sources whose every shown item is in that line.
- A source is **interested** when its affiliation is among the parties of a claim
  that its items (as origin or relay) bear on.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .plaindata import dataclass

if TYPE_CHECKING:
    from .credibility import Assessed
    from .ledgerset import LedgerSet

KINDS = ("source", "relay", "item", "claim")
"""Node kinds, in drawing order."""


@dataclass(frozen=True)
class Node:
    key: str
    """Unique in the graph: ``source:ID``, ``item:ID`` or ``claim:ID``."""
    kind: str
    ref: str
    """The ledger id."""
    label: str
    """Ledger text: a source's name, an item's summary, a claim's statement."""
    detail: str
    """A short line: a source's grade, an item's grades, a claim's assessment."""
    interested: tuple[str, ...] = ()
    """The parties a source is affiliated with (interested sources only)."""
    counted: bool = True


@dataclass(frozen=True)
class Edge:
    tail: str
    head: str
    kind: str
    """'reports' (origin or relay to relay or item) or an item's stance on a claim."""


@dataclass(frozen=True)
class Cluster:
    key: str
    line: str
    """The name of the line of reporting."""
    members: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceGraph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    clusters: tuple[Cluster, ...]

    def cluster_of(self) -> dict[str, str]:
        """Node key -> cluster key, for the nodes in a cluster."""
        return {m: c.key for c in self.clusters for m in c.members}


def _chosen_items(ls: LedgerSet, claims: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
    """Item id -> [(claim, stance)] on the chosen claims, items sorted."""
    out: dict[str, list[tuple[str, str]]] = {}
    for cid in claims:
        for entity in ls.evidence_by_claim.get(cid, []):
            out.setdefault(entity.id, []).append((cid, ls.item(entity.id).stance[cid]))
    return {eid: sorted(out[eid]) for eid in sorted(out)}


def _side_of(
    chain: Sequence[str],
    claims: Sequence[frozenset[str]],
    tags_of: dict[str, frozenset[str]],
    bears: dict[str, set[str]],
) -> None:
    """Adds to each source of an item's ``chain`` the parties of the item's ``claims``
    it is affiliated with: each source's tags met with each claim's parties, or with
    their union made once, whichever is less work (a union made for each of 5,000 items
    on a claim of 20,000 parties took 18 s; each of 8,000 relays meeting each of 8,000
    claims would be as slow). A set meets a set through the smaller one (a source of
    32,000 affiliations cited by as many items took 12 s when each item walked them)."""
    held = [(sid, tags_of[sid]) for sid in chain if tags_of[sid]]
    claims = [c for c in claims if c]
    if not held or not claims:
        return
    if len(held) * len(claims) <= sum(len(c) for c in claims):
        for sid, tags in held:
            for parties in claims:
                bears[sid].update(tags & parties)
        return
    union = frozenset().union(*claims)
    for sid, tags in held:
        bears[sid].update(tags & union)


def build_graph(
    assessed: Assessed, ls: LedgerSet, claims: Sequence[str] | None = None
) -> EvidenceGraph:
    """The evidence graph of ``claims`` (default: every claim of the set)."""
    chosen = sorted(ls.claims) if claims is None else sorted(set(claims))
    items = _chosen_items(ls, chosen)
    edges: set[Edge] = set()
    # source -> the parties of the claims its items bear on that it is affiliated with
    # (the claims themselves, kept per source, made an item relayed by 8,000 sources
    # on 8,000 claims take 4 GB)
    bears: dict[str, set[str]] = {}
    tags_of: dict[str, frozenset[str]] = {}
    origins: set[str] = set()
    relays: set[str] = set()
    for eid, stances in items.items():
        item = ls.item(eid)
        chain = [item.source, *item.via]
        origins.add(item.source)
        relays.update(item.via)
        for sid in chain:
            if sid not in tags_of:
                tags_of[sid] = frozenset(ls.source(sid).affiliation if sid in ls.sources else ())
            bears.setdefault(sid, set())
        _side_of(chain, [ls.parties(c) for c, _ in stances], tags_of, bears)
        keys = [f"source:{s}" for s in chain] + [f"item:{eid}"]
        edges.update(Edge(a, b, "reports") for a, b in itertools.pairwise(keys) if a != b)
        edges.update(Edge(f"item:{eid}", f"claim:{c}", stance) for c, stance in stances)
    nodes = [_source_node(ls, sid, sid in origins, bears[sid]) for sid in sorted(bears)]
    nodes += [_item_node(assessed, ls, eid) for eid in items]
    nodes += [_claim_node(assessed, ls, cid) for cid in chosen]
    order = {k: n for n, k in enumerate(KINDS)}
    nodes.sort(key=lambda n: (order[n.kind], n.ref))
    return EvidenceGraph(
        tuple(nodes),
        tuple(sorted(edges, key=lambda e: (e.tail, e.head, e.kind))),
        _clusters(assessed, ls, list(items)),
    )


def _source_node(ls: LedgerSet, sid: str, origin: bool, parties: set[str]) -> Node:
    """A source's node; ``parties``: those of the claims its items bear on that it is
    affiliated with."""
    kind = "source" if origin else "relay"
    if sid not in ls.sources:
        return Node(f"source:{sid}", kind, sid, sid, "not in the set")
    src = ls.source(sid)
    return Node(
        f"source:{sid}", kind, sid, src.name, f"source {src.reliability}", tuple(sorted(parties))
    )


def _item_node(assessed: Assessed, ls: LedgerSet, eid: str) -> Node:
    item = ls.item(eid)
    excluded = assessed.engine.exclusions.get(eid)
    detail = f"information {item.credibility}"
    if item.test:
        detail += f", {item.test}"
    if excluded:
        detail += f", not counted: {excluded}"
    return Node(f"item:{eid}", "item", eid, item.summary, detail, counted=excluded is None)


def _claim_node(assessed: Assessed, ls: LedgerSet, cid: str) -> Node:
    a = assessed.claims.get(cid)
    from .credibility import percent

    detail = f"{a.verdict}, {a.label} ({percent(a.probability)})" if a else ""
    return Node(f"claim:{cid}", "claim", cid, ls.claim(cid).statement, detail)


def _clusters(assessed: Assessed, ls: LedgerSet, items: list[str]) -> tuple[Cluster, ...]:
    """The lines of reporting fed by more than one source, with their items and the
    sources all of whose shown items are in the line."""
    engine = assessed.engine
    roots = engine.item_origins
    line_of = {eid: "+".join(sorted(roots.get(eid, frozenset({eid})))) for eid in items}
    names = {i.id: i.line for found in assessed.items.values() for i in found}
    by_line: dict[str, list[str]] = {}
    for eid in items:
        by_line.setdefault(line_of[eid], []).append(eid)
    lines_of_source: dict[str, set[str]] = {}
    for eid in items:
        lines_of_source.setdefault(ls.item(eid).source, set()).add(line_of[eid])
    kept = []
    for line, members in by_line.items():
        sources = sorted({ls.item(e).source for e in members})
        if len(sources) >= 2:  # a compilation named by its origins only when it is shown
            kept.append((engine.places.full_name(line), line, members, sources))
    out = []
    seen: dict[str, int] = {}
    for name, line, members, sources in sorted(kept):
        own = [s for s in sources if lines_of_source[s] == {line}]
        keys = [f"source:{s}" for s in own] + [f"item:{e}" for e in members]
        # Two compilations can join to one name (a quote with a '+': 'quote:x+z' and
        # 'quote:x' with 'z'); they are two lines, two frames.
        seen[name] = again = seen.get(name, 0) + 1
        key = f"line:{name}" if again == 1 else f"line:{name}#{again}"
        out.append(Cluster(key, names.get(members[0], name), tuple(keys)))
    return tuple(out)
