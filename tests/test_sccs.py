"""Strongly connected components and what is carried through them (graph.py,
credibility/origins.py), against definitions by plain reachability on small graphs:
the nodes with no successor are left out of the components (issue 13: most nodes of a
ledger's graphs have none) and still get their own value."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from types import SimpleNamespace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from claimlog.credibility.engine import _borrowed, _speakers
from claimlog.credibility.origins import (
    NO_BITS,
    Bits,
    bits_of,
    closure,
    join,
    meets,
    meets_outside,
    propagate,
    rests_on,
)
from claimlog.credibility.tables import STANCE
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
    places = st.sets(st.integers(0, 9) | st.integers(1_000, 1_003), max_size=3)
    own = {n: data.draw(places) for n in graph}
    out = closure(graph, lambda n: bits_of(own[n]))
    assert out.keys() == graph.keys()
    for n in graph:
        assert out[n] == bits_of(own[n].union(*(own[m] for m in _reach(graph, n))))


def _places(bits: Bits) -> set[int]:
    base, mask = bits
    return {base + k for k in range(mask.bit_length()) if mask >> k & 1}


@given(st.sets(st.integers(0, 200)), st.sets(st.integers(0, 200)))
def test_bits_are_sets_of_places(a: set[int], b: set[int]) -> None:
    """A set of places as a window of bits: union, meeting, one value for one set."""
    x, y = bits_of(a), bits_of(b)
    assert _places(x) == a
    assert join(x, y) == bits_of(a | b)
    assert meets(x, y) == bool(a & b)
    assert (x == y) == (a == b)
    if b <= a:
        assert join(x, y) is x  # what adds nothing keeps the object
    assert x[1] & 1 or x == NO_BITS  # the lowest place is the base


@given(st.sets(st.integers(0, 200)), st.sets(st.integers(0, 200)), st.sets(st.integers(0, 200)))
def test_bits_meet_outside_a_third_set(a: set[int], b: set[int], c: set[int]) -> None:
    """Who makes a rival answer is asked as a meeting of two sets outside a third (the
    claimants of the group, outside this answer's own)."""
    assert meets_outside(bits_of(a), bits_of(b), bits_of(c)) == bool((a & b) - c)


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


@given(graphs(), st.data())
def test_propagate_carries_what_a_union_maps_to_as_the_sets_would(
    graph: dict[str, list[str]], data: st.DataObject
) -> None:
    """What a union of origins maps to (their least grade, their affiliations) carried
    on its own is what the sets of origins carried and then mapped give: the engine
    carries grades and affiliations without the sets (a chain of republishers that
    each add an origin made every source walk every origin before it)."""
    own = {n: frozenset(data.draw(st.sets(st.sampled_from("abcd"), min_size=1))) for n in graph}
    grade = {o: data.draw(st.floats(0, 1)) for o in "abcd"}
    tags = {o: frozenset(data.draw(st.sets(st.sampled_from("xyz")))) for o in "abcd"}
    origins, _ = propagate(graph, own)
    least, _ = propagate(graph, {n: min(grade[o] for o in v) for n, v in own.items()}, min)
    carried, _ = propagate(
        graph, {n: frozenset().union(*(tags[o] for o in v)) for n, v in own.items()}
    )
    for n in graph:
        assert least[n] == min(grade[o] for o in origins[n])
        assert carried[n] == frozenset().union(*(tags[o] for o in origins[n]))


@given(graphs(), st.data())
def test_speakers_are_what_an_item_rests_on_or_copies_transitively(
    graph: dict[str, list[str]], data: st.DataObject
) -> None:
    """Copies of one quote speak for one another (here, each item's source is one bit),
    and with what each rests on: one class joined through one node of its own (linear
    in the class; every member once rested on every other), whose name no item can
    take, here one named like it."""
    rest = {n: [d for d in deps if d in graph] for n, deps in graph.items()}
    if data.draw(st.booleans()):  # an item named like a class's node
        rest[" copies 0"] = []
    voices = {n: bits_of([k]) for k, n in enumerate(sorted(rest))}
    items = sorted(rest)
    picked = data.draw(st.lists(st.sampled_from(items), unique=True))
    cuts = data.draw(st.lists(st.integers(0, len(picked)), max_size=3))
    bounds = [0, *sorted(cuts), len(picked)]
    copies = [(f"q{k}", sorted(picked[a:b])) for k, (a, b) in enumerate(pairwise(bounds))]
    copies = [c for c in copies if len(c[1]) > 1]
    speakers, own = _speakers(rest, voices.__getitem__, copies)
    joined = {n: set(deps) for n, deps in rest.items()}
    for _, members in copies:
        for m in members:
            joined[m].update(o for o in members if o != m)
    assert speakers.keys() == rest.keys()

    def heard(graph: Mapping[str, Sequence[str]], n: str) -> Bits:
        bits = voices[n]
        for m in _reach(graph, n):
            bits = join(bits, voices[m])
        return bits

    for n in rest:
        expected, alone = heard(joined, n), heard(rest, n)
        assert speakers[n] == expected, n
        assert own.get(n, speakers[n]) == alone, n
        assert (n in own) == (alone != expected), n
    for _, members in copies:  # one value for a class
        assert len({id(speakers[m]) for m in members}) == 1


def test_a_class_of_copies_costs_edges_linear_in_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """A class of 3,000 copies of one quote gave 9 million edges (every copy resting on
    every other) and took 50 s at 10,000 (bench/hostile.py, one-quote); two per copy
    now."""
    import claimlog.credibility.engine as engine

    edges: list[int] = []

    def counted(graph: Mapping[str, Sequence[str]], own: Callable[[str], Bits]) -> dict[str, Bits]:
        edges.append(sum(len(deps) for deps in graph.values()))
        return closure(graph, own)

    monkeypatch.setattr(engine, "closure", counted)
    n = 3_000
    items = [f"e{i}" for i in range(n)]
    rest: dict[str, Sequence[str]] = dict.fromkeys(items, ())
    bits = {e: bits_of([k]) for k, e in enumerate(items)}
    speakers, _ = _speakers(rest, bits.__getitem__, [("q", items)])
    assert edges == [0, 2 * n]
    assert speakers["e0"] == bits_of(range(n))


def _joined(
    into: dict[str, str | None], other: Mapping[str, str | None], group_of: Mapping[str, str | None]
) -> None:
    """Stances of one group's claims joined: the stronger of one direction, None where
    the two directions meet (`neutral` adds nothing)."""
    for cid, stance in other.items():
        if group_of[cid] is None or (stance is not None and not STANCE[stance][0]):
            continue
        had = into.get(cid, "absent")
        if had == "absent":
            into[cid] = stance
        elif had is None or stance is None or STANCE[had][0] != STANCE[stance][0]:
            into[cid] = None
        elif STANCE[stance][1] > STANCE[had][1]:
            into[cid] = stance


def _walked(
    items: Mapping[str, SimpleNamespace],
    rest: Mapping[str, Sequence[str]],
    exclusions: Mapping[str, str | None],
    group_of: Mapping[str, str | None],
) -> dict[str, dict[str, str]]:
    """The stances each echo borrows, by their definition, recursively: what an item
    passes on is what it takes from each item it rests on, less the supports of one it
    disputes (in a group where the echo supports a claim that one does not), and, where
    it counts, its own marks over them; the members of a cycle take all that any of
    them passes on. An echo borrows, of what it takes, the stances on the claims of a
    group one of its own claims is in that it takes no side on."""
    component = {m: (m,) for m in rest}
    component |= {m: tuple(c) for c in strongly_connected(rest) for m in c}
    memo: dict[str, dict[str, str | None]] = {}

    def undisputed(eid: str, given: Mapping[str, str | None]) -> dict[str, str | None]:
        own = items[eid].stance
        backed = {
            group_of[c]
            for c, label in own.items()
            if STANCE[label][0] > 0 and STANCE[given.get(c) or "neutral"][0] <= 0
        }
        return {
            c: label
            for c, label in given.items()
            if label is None or STANCE[label][0] <= 0 or group_of[c] not in backed
        }

    def taken(members: Sequence[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for m in members:
            for d in rest[m]:
                if d not in members:
                    _joined(out, undisputed(m, passed(d)), group_of)
        return out

    def passed(eid: str) -> dict[str, str | None]:
        if eid not in memo:
            members = component[eid]
            whole = taken(members)
            cycle = len(members) > 1 or eid in rest[eid]
            for m in members:
                lent = items[m].stance if exclusions[m] is None else {}
                if cycle:
                    _joined(whole, lent, group_of)
                    continue
                for c, label in lent.items():
                    if STANCE[label][0] and group_of[c] is not None:
                        whole[c] = label
            for m in members:
                memo[m] = whole
        return memo[eid]

    out: dict[str, dict[str, str]] = {}
    for eid in rest:
        members = component[eid]
        cycle = len(members) > 1 or eid in rest[eid]
        found = passed(eid) if cycle else taken(members)
        own = items[eid].stance
        groups = {group_of[c] for c in own}
        kept = {
            c: label
            for c, label in sorted(found.items())
            if label is not None and not STANCE[own.get(c, "neutral")][0] and group_of[c] in groups
        }
        if kept:
            out[eid] = kept
    return out


@given(graphs(), st.data())
def test_borrowed_stances_are_those_of_a_walk_through_what_an_echo_rests_on(
    graph: dict[str, list[str]], data: st.DataObject
) -> None:
    """Computed once per item (a walk from every echo was quadratic in a chain)."""
    rest = {n: [d for d in deps if d in graph] for n, deps in graph.items()}
    stances = st.dictionaries(st.sampled_from("abc"), st.sampled_from(sorted(STANCE)))
    items = {n: SimpleNamespace(id=n, stance=data.draw(stances)) for n in rest}
    exclusions = {n: data.draw(st.sampled_from([None, None, "retracted"])) for n in rest}
    group_of = {c: data.draw(st.sampled_from([None, "g", "g", "h"])) for c in "abc"}
    found, overflow = _borrowed(items, rest, exclusions, group_of.__getitem__)  # type: ignore[arg-type]
    assert overflow is None
    assert found == _walked(items, rest, exclusions, group_of)


@given(graphs(), st.data())
def test_borrowed_stances_past_their_budget_are_none_and_say_where(
    graph: dict[str, list[str]], data: st.DataObject
) -> None:
    """Under any budget: the whole walk, or nothing and where it stopped; a budget that
    sufficed suffices when larger, and one that did not stops at the same item when
    the ledger lists its items in another order (the engine gives each item's
    ``based_on`` sorted, :func:`rests_on`)."""
    rest = {n: rests_on(deps, graph) for n, deps in graph.items()}
    stances = st.dictionaries(st.sampled_from("abc"), st.sampled_from(sorted(STANCE)))
    items = {n: SimpleNamespace(id=n, stance=data.draw(stances)) for n in rest}
    group_of = {c: data.draw(st.sampled_from([None, "g", "h"])) for c in "abc"}
    exclusions = dict.fromkeys(rest)
    budget = data.draw(st.integers(0, 40))
    walked = _walked(items, rest, exclusions, group_of)
    found, overflow = _borrowed(items, rest, exclusions, group_of.__getitem__, budget)  # type: ignore[arg-type]
    if overflow is None:
        assert found == walked
        more = _borrowed(items, rest, exclusions, group_of.__getitem__, budget + 1)  # type: ignore[arg-type]
        assert more == (walked, None)
        return
    assert found == {}
    assert (overflow.budget, overflow.spent > budget, overflow.item in rest) == (budget, True, True)
    shuffled = {n: rest[n] for n in reversed(list(rest))}
    again = _borrowed(items, shuffled, exclusions, group_of.__getitem__, budget)  # type: ignore[arg-type]
    assert again == ({}, overflow)


NAMES = ["a", "b", "a-b", "b0", "a+b", "c+d+e", "quote:x + y", "quote:x", "q#1", "z"]
"""Origin names: plain ids, joint origins ('a+b'), quotes with '+' and '#' in them."""

MANY = NAMES + [f"s{i:04d}" for i in range(0, 12_000, 1_000)] + [f"t{i}" for i in range(12_000)]
"""With names far apart: a set of them is kept as names, not as places."""

PLACE = {name: k for k, name in enumerate(sorted(MANY))}


@given(st.lists(st.sets(st.sampled_from(MANY[:40])), max_size=6), st.data())
@example([set(NAMES), {"a+b", "c+d+e", *(f"s{i:04d}" for i in range(0, 9_000, 1_000))}], None)
@example([set(MANY[:30]), set(MANY[1:31]), set(MANY[-12:]), set(NAMES[4:])], None)
@example([{"a", "z", "t5", "t50", "t500", "b", "b0", "q#1", "quote:x"}, {"a+b", "z"}], None)
def test_places_name_lines_as_sets_of_names_did(
    sets: list[set[str]], data: st.DataObject | None
) -> None:
    """An item of up to MAX_SPLIT origins feeds each origin's line; more, one line (a
    compilation) whose name counts the parts of its origins' names and shows the
    first, and whose full name is every name, in order: what the lines were when
    origins were sets of names. The same set is the same line, other sets others,
    whichever way it was put together; a set has one form (names, or places)."""
    from claimlog.credibility.origins import DENSE, MAX_SPLIT, Places, compilation_name

    places = Places(MANY)
    given_sets = [frozenset(s) for s in sets if s]
    built = []
    for names in given_sets:  # joined one name at a time, or from two halves
        order = sorted(names) if data is None else data.draw(st.permutations(sorted(names)))
        half = len(order) // 2
        one = places.unite([frozenset({order[0]})])
        for name in order[1:half]:
            one = places.unite([one, frozenset({name})])
        other = places.unite(frozenset({n}) for n in order[half:])
        built.append(places.unite([one, other]) if half else other)
    keys = places.line_keys({f"e{k}": found for k, found in enumerate(built)})
    for k, (names, found) in enumerate(zip(given_sets, built, strict=True)):
        assert places.sorted_names(found) == sorted(names)
        width = max(PLACE[n] for n in names) - min(PLACE[n] for n in names) + 1
        dense = len(names) > MAX_SPLIT and len(names) * DENSE >= width
        assert isinstance(found, tuple) == dense, (names, found)
        line = keys[f"e{k}"]
        if len(names) <= MAX_SPLIT:
            assert line == names
            continue
        (key,) = line
        old = "+".join(sorted(names))
        parts = old.split("+")
        assert compilation_name(key) == f"{len(parts)} origins ({parts[0]}, ...)"
        assert places.full_name(key) == "*" + old
    by_set: dict[frozenset[str], frozenset[str]] = {}
    for k, names in enumerate(given_sets):
        assert by_set.setdefault(names, keys[f"e{k}"]) is keys[f"e{k}"]
    assert len(set(by_set.values())) == len(by_set)
    assert places.full_name("a") == "a"


def test_sets_that_share_a_signature_are_told_apart_by_their_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Large sets are grouped by a cheap signature (a long int's own hash read every
    digit: 2.3 s for 40,000 sets of 40,000 origins); sets that share one are still
    compared whole, so only equal sets share a line."""
    from claimlog.credibility import origins

    monkeypatch.setattr(origins, "_signature", lambda found: 0)  # every set alike
    places = origins.Places(MANY)
    wide = places.unite(frozenset({n}) for n in MANY[:30])
    same = places.unite(frozenset({n}) for n in reversed(MANY[:30]))
    other = places.unite(frozenset({n}) for n in MANY[1:31])
    assert same == wide
    assert same is not wide
    assert other != wide
    keys = places.line_keys({"a": wide, "b": same, "c": other})
    assert keys["a"] is keys["b"]
    assert keys["c"] != keys["a"]
