"""Lines of reporting: the ultimate origins of sources and of evidence items. Pure.

An *origin* is a key naming where an observation ultimately comes from. A source
that derives from nothing is its own origin; a source that republishes others
(``derived_from``) has their origins; sources in a ``derived_from`` cycle share
one *joint* origin, named by all of its members, so that no member stands for
the others (renaming one changes no result). An evidence item's origins are its
source's, unless it rests on other items (``based_on``): then it has theirs,
whatever its own source; items in a ``based_on`` cycle share theirs. Items of
different origins that carry the same quote are one observation: each leaves its
own line for one line named by the quote (:func:`item_origins`), so that a copy
never splits another item's share.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from typing import TypeVar

from ..graph import strongly_connected

Origins = frozenset[str]

T = TypeVar("T")

JOINT = "+"
"""Joins the member ids of a joint origin: 'a+b+c' (ids cannot contain '+')."""


def union_all(sets: Iterable[Origins]) -> Origins:
    """The union of sets of origins: the largest of them itself when the others add
    nothing to it (n republishers of a hub and of one of the hub's own origins each
    kept a copy of the hub's n origins: 4,000 took 550 MB)."""
    given = list(sets)
    found = frozenset().union(*given)
    largest = max(given, key=len, default=found)
    return largest if len(largest) == len(found) else found


def propagate(
    graph: Mapping[str, Sequence[str]],
    own: Mapping[str, T],
    unite: Callable[[Iterable[T]], T] = union_all,  # type: ignore[assignment]
) -> tuple[dict[str, T], dict[str, list[str]]]:
    """Origins through a dependency graph, and the cycles found.

    A node with no (known) dependencies keeps ``own[node]``; a node that depends on
    others takes the union of theirs; the members of a cycle share the union of
    what the cycle depends on outside itself, or, when it depends on nothing
    outside, the union of the members' own origins. Linear in nodes and edges.
    ``unite`` is the union (default: of sets of origins); anything that maps a union
    of origins to the same join of what it maps each to can be carried instead (the
    least grade of a source's origins, their affiliations), without the sets.
    Returns (origins by node, cycle members by each member of a cycle)."""
    if not any(graph.values()):  # nothing depends on anything: the usual case
        return dict(own), {}
    origins = {node: own[node] for node, deps in graph.items() if not deps}
    cycles: dict[str, list[str]] = {}
    for members in strongly_connected(graph):
        inside = set(members)
        outside = {d for m in members for d in graph[m] if d in graph and d not in inside}
        if len(outside) == 1:
            (only,) = outside
            found = origins[only]
        elif outside:
            found = unite(origins[d] for d in sorted(outside))
        elif len(members) > 1:
            found = unite(own[m] for m in members)
        else:
            found = own[members[0]]
        for m in members:
            origins[m] = found
        if len(members) > 1 or members[0] in graph[members[0]]:
            for m in members:
                cycles[m] = members
    return origins, cycles


def own_origins(derived_from: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """The origin that each source is on its own, for the sources that are one: a
    source that derives from nothing is its own; the members of a derived_from cycle
    are one joint origin named by all of them (only a cycle with nothing outside it
    is an origin of what derives from it; the name is given to every cycle)."""
    graph = {sid: sorted(set(deps)) for sid, deps in derived_from.items()}
    own = {sid: sid for sid, deps in graph.items() if not deps}
    if len(own) == len(graph):
        return own
    for members in strongly_connected(graph):
        if len(members) > 1 or members[0] in graph[members[0]]:
            name = JOINT.join(members)
            for m in members:
                own[m] = name
    return own


def source_origins(derived_from: Mapping[str, Sequence[str]]) -> dict[str, Origins]:
    """The origins of every source. A derived_from cycle with nothing outside it is
    one joint origin named by all its members."""
    graph = {sid: sorted(set(deps)) for sid, deps in derived_from.items()}
    own = {sid: frozenset({name}) for sid, name in own_origins(derived_from).items()}
    if not any(graph.values()):  # no source derives from another: each is its own
        return own
    origins, _ = propagate(graph, own)
    return origins


_SPACE = re.compile(r"\s+")


def folded(text: str) -> str:
    """Text in Unicode-compatible forms, case folded (white space as written)."""
    return unicodedata.normalize("NFKC", text).casefold()


def normalised(text: str) -> str:
    """Text compared as a reader would: :func:`folded`, and white space folded too."""
    return _SPACE.sub(" ", folded(text)).strip()


def quote_words(text: str) -> str:
    """A quote as two copies of it are compared: its words, :func:`folded`, in order;
    punctuation, quotation marks and spacing do not count (a review saw a closing
    period make a claimant's sentence, run by a wire, an independent line). A word is a
    run of letters, digits and combining marks (a Hindi or Thai vowel sign is part of
    its word: ``\\w`` alone dropped them, and made different quotes one)."""
    text = folded(text)
    if text.isascii():  # most quotes: one pass of the regex engine
        return " ".join(_ASCII_WORD.findall(text))
    kept = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in text)
    return " ".join(kept.split())


_ASCII_WORD = re.compile(r"[a-z0-9]+")
"""A word of a folded ASCII quote (case folded: no capitals are left)."""


MIN_QUOTE = 8
"""A quote shorter than this (:func:`quote_words`) is too common to mark a copy."""


Bearing = frozenset[tuple[str, int]]
"""Which way an item bears on each claim it takes a side on: (claim, +1 or -1)."""


def quote_classes(
    quotes: Iterable[tuple[str, str | None, Bearing]],
) -> list[tuple[str, list[str]]]:
    """(quote, items) of every quote that two or more items carry with the same bearing
    (a quote cited to refute what another item cites it to support is no copy of it),
    sorted. Copies are told by :func:`quote_words`; each class is named by the first of
    its members' quotes as written (:func:`normalised`), in text order, and where two
    classes of the same words would share that name, by their bearings too: one name
    is one line, and two classes in one line made a supporting copy lower P (a
    review, property 3)."""
    by_text: dict[tuple[str, Bearing], list[tuple[str, str]]] = {}
    for ident, quote, bearing in quotes:
        if quote is None:
            continue
        words = quote_words(quote)
        if len(words) >= MIN_QUOTE:
            by_text.setdefault((words, bearing), []).append((quote, ident))
    classes = [  # (the text as written is normalised only for copies: most quotes are none)
        (min(normalised(q) for q, _ in members), bearing, sorted(i for _, i in members))
        for (_, bearing), members in by_text.items()
        if len(members) > 1
    ]
    named = Counter(text for text, _, _ in classes)
    return sorted(
        (text if named[text] == 1 else f"{text} [{_bearing_name(bearing)}]", ids)
        for text, bearing, ids in classes
    )


def _bearing_name(bearing: Bearing) -> str:
    """A bearing as text: '+c, -d'."""
    return ", ".join(f"{'+' if way > 0 else '-'}{cid}" for cid, way in sorted(bearing))


QUOTE = "quote:"
"""The prefix of the origin shared by items that carry one quote."""


def rests_on(based_on: Sequence[str] | None, known: Container[str]) -> Sequence[str]:
    """The items of ``known`` that an item's ``based_on`` names, sorted, once each (most
    items rest on nothing: one shared empty tuple for them)."""
    return sorted({b for b in based_on if b in known}) if based_on else ()


def item_origins(
    own: Mapping[str, Origins],
    rest: Mapping[str, Sequence[str]],
    copies: Sequence[tuple[str, Sequence[str]]],
) -> tuple[dict[str, Origins], dict[str, list[str]]]:
    """The origins of every item: ``own`` (its source's); then the items that carry one
    quote from different origins become one line, the quote's (each leaves its own
    line for it, so a copy never splits another item's weight); then carried along
    ``based_on`` (an item resting on others has theirs), and the quotes once more.
    ``rest``: the items each item of ``own`` rests on (:func:`rests_on`), the same keys.
    Returns (origins by item, based_on cycles)."""

    def join(current: Mapping[str, Origins]) -> dict[str, Origins]:
        out = dict(current)
        for text, members in copies:
            if len({current[m] for m in members}) > 1:
                for m in members:
                    out[m] = frozenset({QUOTE + text})
        return out

    carried, cycles = propagate(rest, join(own))
    return join(carried), cycles


MAX_SPLIT = 8
"""An item traces to at most this many origins line by line; an item of more origins
(a compilation of many sources) is one line of its own, named by all of them."""


def line_keys(origins: Origins) -> Origins:
    """The lines an item of these origins feeds: each origin, or for a compilation
    of more than ``MAX_SPLIT`` origins one line named by all of them ('*a+b+...')."""
    if len(origins) <= MAX_SPLIT:
        return origins
    return frozenset({"*" + JOINT.join(sorted(origins))})


Bits = tuple[int, int]
"""A set of places as ``(base, mask)``: the place ``base + k`` for each bit ``k`` of
``mask``, whose lowest bit is set (or ``(0, 0)``, empty). A set of a few places near one
another is small wherever they are: an int alone is as wide as its highest place, and
100,000 sources of their own affiliations made 2.6 GB of one-place ints."""

NO_BITS: Bits = (0, 0)


def bits_of(places: Iterable[int]) -> Bits:
    """The set of ``places``."""
    found = sorted(set(places))
    if not found:
        return NO_BITS
    base = found[0]
    mask = 0
    for place in found:
        mask |= 1 << (place - base)
    return (base, mask)


def join(a: Bits, b: Bits) -> Bits:
    """The union of two sets; ``a`` itself when ``b`` adds nothing to it."""
    (base_a, mask_a), (base_b, mask_b) = a, b
    if not mask_b:
        return a
    if not mask_a:
        return b
    if base_a <= base_b:
        mask = mask_a | mask_b << (base_b - base_a)
        return a if mask == mask_a else (base_a, mask)
    mask = mask_b | mask_a << (base_a - base_b)
    return b if mask == mask_b else (base_b, mask)


def meets(a: Bits, b: Bits) -> bool:
    """Whether two sets share a place."""
    (base_a, mask_a), (base_b, mask_b) = a, b
    if base_a <= base_b:
        return bool(mask_a >> (base_b - base_a) & mask_b)
    return bool(mask_b >> (base_a - base_b) & mask_a)


def closure(graph: Mapping[str, Sequence[str]], own: Callable[[str], Bits]) -> dict[str, Bits]:
    """Each node's own set (``own(node)``, asked once per node) joined with those of
    everything it depends on, transitively (the members of a cycle share one). Linear in
    nodes and edges, times the sets' widths: a set of names per node grew with every
    link of a chain (quadratic)."""
    out = {node: own(node) for node, deps in graph.items() if not deps}
    if len(out) == len(graph):
        return out
    for members in strongly_connected(graph):
        inside = set(members)
        found = NO_BITS
        for m in members:
            found = join(found, own(m))
            for d in graph[m]:
                if d in graph and d not in inside:
                    found = join(found, out[d])
        for m in members:
            out[m] = found
    return out
