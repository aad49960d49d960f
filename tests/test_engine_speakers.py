"""Who speaks through an item, against its definition (docs/credibility.md, property
13; engine.py ``_speakers``, ``Engine._stake``).

The engine keeps speakers as bits and asks an item's own source by name, so that
chains of echoes and of republishers stay linear (bench/hostile.py: echo-chain,
republisher-chain, one-quote). These tests compute each item's interest the plain
way, with sets of source ids and walks, on random ledgers with echoes, quote copies,
republishers, claimants and parties, and compare."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from claimlog.credibility.origins import own_origins, propagate
from claimlog.credibility.tables import RELIABILITY, STANCE
from test_credibility import FAST, Spec, assess_full, claim, item, ledger, ledgers, source

QUOTES = ("The army did it, the minister said.", "We had no part in it at all.")


def _reach(edges: Mapping[str, Iterable[str]], start: str) -> set[str]:
    """``start`` and every node reachable from it."""
    seen = {start}
    todo = [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _interest(
    direction: int,
    speakers: set[str],
    claim: Mapping[str, Any],
    tags_of: Mapping[str, set[str]],
    speaks_for: Mapping[str, set[str]],
    rivals: set[str],
) -> tuple[str, bool, bool]:
    """(interest, interested, claimant) as docs/credibility.md defines them; ``rivals``:
    who makes another answer of the claim's group (a party here, as are their
    affiliations, unless they make this answer too)."""
    parties = set(claim.get("parties", ()))
    claimants = set(claim.get("claimed_by", ()))
    tags = set().union(*(tags_of.get(s, set()) for s in speakers))
    claimant = any(speaks_for.get(s, {s}) & claimants for s in speakers)
    side = set().union(*(tags_of.get(c, set()) for c in claimants))
    accused = parties - side if claimants else set()
    rival_side = set().union(*(tags_of.get(r, set()) for r in rivals)) - side
    rival = bool(rival_side & tags) or any(speaks_for.get(s, {s}) & rivals for s in speakers)
    interested = bool(parties & tags) or rival
    if direction == 0:
        return "none", interested, claimant
    on_side = claimant or bool(tags & side)
    against = bool(tags & accused) or rival  # a rival answer's maker wants this one false
    if on_side and not against:
        interest = "self-serving" if direction > 0 else "admission"
    elif against and not on_side:
        interest = "self-serving" if direction < 0 else "admission"
    else:
        interest = "party" if interested else "none"
    return interest, interested, claimant


def _origins(derived: Mapping[str, list[str]]) -> dict[str, frozenset[str]]:
    """Each source's origins as a set of names (the engine keeps them as places)."""
    own = {sid: frozenset({name}) for sid, name in own_origins(derived).items()}
    return propagate(derived, own)[0]


@st.composite
def quoted_ledgers(draw: st.DrawFn) -> Spec:
    """Random ledgers whose items may carry one of two quotes (copies of each other);
    half without republishers or echoes, where an item's own source is asked by name."""
    spec = draw(ledgers(max_sources=6, max_items=8, echoes=draw(st.booleans())))
    if draw(st.booleans()):
        for entry in spec.get("sources", []):
            entry.pop("derived_from", None)
    for entry in spec.get("evidence", []):
        quote = draw(st.none() | st.sampled_from(QUOTES))
        if quote is not None:
            entry["quote"] = quote
    return spec


@FAST
@given(quoted_ledgers())
@example(  # the accused deny: a claimant whose word passes to nobody still accuses
    ledger(
        [source("s0", "B", ["party-a"]), source("s1", "B", ["party-b"])],
        [claim("c", parties=["party-a", "party-b"], claimed_by=["s0"])],
        [item("e0", "s1", {"c": "refutes"})],
    )
)
@example(  # who makes a rival answer, heard through an echo, with no affiliation
    ledger(
        [source("s0", "B", ["party-a"]), source("s1", "B"), source("s2", "B")],
        [
            claim("c0", "g", parties=["party-a"], claimed_by=["s0"]),
            claim("c1", "g", claimed_by=["s1"]),
        ],
        [
            item("e0", "s1", {"c1": "supports"}),
            {**item("e1", "s2", {"c0": "refutes"}), "based_on": ["e0"]},
        ],
    )
)
def test_interest_is_that_of_everyone_speaking_through_an_item(spec: Spec) -> None:
    assessed = assess_full(spec)
    engine = assessed.engine
    sources = {s["id"]: s for s in spec.get("sources", [])}
    claims = {c["id"]: c for c in spec.get("claims", [])}
    items = {e["id"]: e for e in spec.get("evidence", [])}
    derived = {
        sid: [d for d in s.get("derived_from", ()) if d in sources] for sid, s in sources.items()
    }
    speaks_for = {sid: _reach(derived, sid) for sid in sources}
    origins = _origins(derived)
    tags_of: dict[str, set[str]] = {}
    for sid in sources:
        members = {m for root in origins[sid] for m in root.split("+")}
        tags_of[sid] = {
            t for m in members | {sid} if m in sources for t in sources[m].get("affiliation", ())
        }
    rests = {eid: [b for b in e.get("based_on", ()) if b in items] for eid, e in items.items()}
    copied: dict[str, set[str]] = {eid: set() for eid in items}
    for _, members in engine.copies:
        for m in members:
            copied[m].update(o for o in members if o != m)
    joined = {eid: {*rests[eid], *copied[eid]} for eid in items}
    for cid, found in assessed.items.items():
        group = claims[cid].get("group")
        own = set(claims[cid].get("claimed_by", ()))
        rivals = {
            r
            for c in claims.values()
            if group is not None and c.get("group") == group
            for r in c.get("claimed_by", ())
        } - own
        for ia in found:
            direction = STANCE[ia.stance][0]
            heard = {items[e]["source"] for e in _reach(joined, ia.id)}
            alone = {items[e]["source"] for e in _reach(rests, ia.id)}
            interest, interested, claimant = _interest(
                direction, heard, claims[cid], tags_of, speaks_for, rivals
            )
            weighed = _interest(direction, alone, claims[cid], tags_of, speaks_for, rivals)[0]
            assert (ia.interest, ia.interested, ia.claimant) == (interest, interested, claimant)
            assert ia.weighed == weighed, (cid, ia.id)


@FAST
@given(ledgers(max_sources=7, max_items=3))
def test_a_sources_floor_and_tags_are_those_of_its_origins(spec: Spec) -> None:
    """The grade a republisher's items carry (the least reliable of its origins') and
    its affiliations (its own and its origins'), carried along derived_from without
    the sets of origins, are what the sets of origins give (docs/credibility.md)."""
    engine = assess_full(spec).engine
    sources = {s["id"]: s for s in spec.get("sources", [])}
    derived = {
        sid: [d for d in s.get("derived_from", ()) if d in sources] for sid, s in sources.items()
    }
    origins = _origins(derived)
    for sid, found in sources.items():
        roots = origins[sid]
        assert set(engine.places.sorted_names(engine.source_sets[sid])) == roots
        members = {m for root in roots for m in root.split("+")}
        grades = [min(RELIABILITY[sources[m]["reliability"]] for m in r.split("+")) for r in roots]
        republishes = any(d in sources for d in found.get("derived_from", ()))
        assert engine._origin_floor(sid) == (min(grades) if republishes else None)
        tags = {t for m in members | {sid} for t in sources[m].get("affiliation", ())}
        assert engine._tags(sid) == tags
