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
from collections.abc import Callable, Container, Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from .. import invisible
from ..graph import in_cycle, strongly_connected
from .tables import STANCE

Origins = frozenset[str]

T = TypeVar("T")

JOINT = "+"
"""Joins the member ids of a joint origin: 'a+b+c' (ids cannot contain '+')."""

SHOWN_MEMBERS = 8
"""The members of a joint origin a line's name shows to people; past them, the first
three and how many in all (a cycle of 5,000 sources named on each of its items made
`show` write 168 MB). Machine formats keep the whole name."""


def shown_line(name: str) -> str:
    """A line of reporting's name as people read it: a joint origin of more than
    :data:`SHOWN_MEMBERS` members by its first three and its size."""
    if name.count(JOINT) < SHOWN_MEMBERS:
        return name
    first = name.split(JOINT, 3)[:3]
    return f"{JOINT.join(first)}{JOINT}... ({name.count(JOINT) + 1:,} sources)"


def union_all(sets: Iterable[Origins]) -> Origins:
    """The union of sets of origins: the largest of them itself when the others add
    nothing to it (n republishers of a hub and of one of the hub's own origins each
    kept a copy of the hub's n origins: 4,000 took 550 MB)."""
    # The same set given many times once (the members of a derived_from cycle share
    # one: a cycle of 25,000 sources united 25,000 copies of a set of 25,000, 9 s).
    given = list({id(s): s for s in sets}.values())
    found = frozenset().union(*given)
    largest = max(given, key=len, default=found)
    return largest if len(largest) == len(found) else found


def propagate(
    graph: Mapping[str, Sequence[str]],
    own: Mapping[str, T],
    unite: Callable[[Iterable[T]], T] = union_all,  # type: ignore[assignment]
    components: Sequence[list[str]] | None = None,
) -> tuple[dict[str, T], dict[str, list[str]]]:
    """Origins through a dependency graph, and the cycles found.

    A node with no (known) dependencies keeps ``own[node]``; a node that depends on
    others takes the union of theirs; the members of a cycle share the union of
    what the cycle depends on outside itself, or, when it depends on nothing
    outside, the union of the members' own origins. Linear in nodes and edges.
    ``unite`` is the union (default: of sets of origins); anything that maps a union
    of origins to the same join of what it maps each to can be carried instead (the
    least grade of a source's origins, their affiliations), without the sets.
    ``components``: the graph's :func:`strongly_connected`, when the caller has them.
    Returns (origins by node, cycle members by each member of a cycle)."""
    if not any(graph.values()):  # nothing depends on anything: the usual case
        return dict(own), {}
    origins = {node: own[node] for node, deps in graph.items() if not deps}
    cycles: dict[str, list[str]] = {}
    for members in strongly_connected(graph) if components is None else components:
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
        if in_cycle(members, graph):
            for m in members:
                cycles[m] = members
    return origins, cycles


def own_origins(
    derived_from: Mapping[str, Sequence[str]], components: Sequence[list[str]] | None = None
) -> dict[str, str]:
    """The origin that each source is on its own, for the sources that are one: a
    source that derives from nothing is its own; the members of a derived_from cycle
    are one joint origin named by all of them (only a cycle with nothing outside it
    is an origin of what derives from it; the name is given to every cycle)."""
    own = {sid: sid for sid, deps in derived_from.items() if not deps}
    if len(own) == len(derived_from):
        return own
    for members in strongly_connected(derived_from) if components is None else components:
        if in_cycle(members, derived_from):
            name = JOINT.join(members)
            for m in members:
                own[m] = name
    return own


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
    its word: ``\\w`` alone dropped them, and made different quotes one). A format
    character (category Cf: a zero-width space, a joiner, a soft hyphen, a tag
    character) is no part of the words: a zero-width space inside a word made a copy
    an independent line."""
    text = folded(text)
    if text.isascii():  # most quotes: one pass of the regex engine
        return " ".join(_ASCII_WORD.findall(text))
    kept = "".join(_in_words(c) for c in text)
    return " ".join(kept.split())


def _in_words(c: str) -> str:
    """What a character of a quote is to its words: itself (a letter, digit or mark),
    nothing (a format character, or another that shows as nothing) or a break."""
    if invisible.shows_as_nothing(c):  # a filler inside a word split a copy (a review)
        return ""
    return c if unicodedata.category(c)[0] in "LNM" else " "


_ASCII_WORD = re.compile(r"[a-z0-9]+")
"""A word of a folded ASCII quote (case folded: no capitals are left)."""


MIN_QUOTE = 8
"""A quote shorter than this (:func:`quote_words`) is too common to mark a copy."""


Bearing = frozenset[tuple[str, int]]
"""Which way an item bears on each claim it takes a side on: (claim, +1 or -1)."""


def bearing(stance: Mapping[str, str]) -> Bearing:
    """Which way an item of this ``stance`` bears on each claim it takes a side on (for
    telling copies of one quote): a `neutral` stance on another claim makes no other
    observation."""
    return frozenset((cid, way) for cid, label in stance.items() if (way := STANCE[label][0]) != 0)


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


def _quote_origins(text: str) -> Origins:
    return frozenset({QUOTE + text})


Tags = frozenset[tuple[str, Hashable]]
"""The copies an item's quote lines come through: (quote, the origins without copies of
each copy it comes through, by which the copies were told apart)."""

NO_TAGS: Tags = frozenset()


def _tag_union(sets: Iterable[Tags]) -> Tags:
    return frozenset().union(*sets)


def item_origins(
    own: Mapping[str, T],
    rest: Mapping[str, Sequence[str]],
    copies: Sequence[tuple[str, Sequence[str]]],
    quote: Callable[[str], T] = _quote_origins,  # type: ignore[assignment]
    unite: Callable[[Iterable[T]], T] = union_all,  # type: ignore[assignment]
    bases: Mapping[str, T] | None = None,
) -> tuple[dict[str, T], dict[str, list[str]], dict[str, Tags]]:
    """The origins of every item: ``own`` (its source's); then the items that carry one
    quote from different origins become one line, the quote's (each leaves its own
    line for it, so a copy never splits another item's weight); then carried along
    ``based_on`` (an item resting on others has theirs), and the quotes once more.
    Copies are told apart by their origins without copies (``bases``: ``own`` carried
    along based_on; computed when not given): an echo of a copy and its source's own
    report of the same quote are no copies of each other (told apart by the quote
    line the echo had taken up, a new copy of what it rests on made two of its
    source's reports two lines, and lowered the claim the copy supports from 79.9% to
    57.3%: property 3, a random test).
    ``rest``: the items each item of ``own`` rests on (:func:`rests_on`), the same keys.
    ``quote`` and ``unite``: a quote's origins and the union, as sets of names
    (default) or as :data:`Bits` of their places (:class:`Places`).
    Returns (origins by item, based_on cycles, and the :data:`Tags` of the items whose
    origins hold a quote's line: which copies they come through, carried as the
    origins are, so that a pool can tell copies from elsewhere from one copy and its
    echoes, :func:`~claimlog.credibility.lines.local_roots`)."""
    if copies and bases is None:
        bases = propagate(rest, own, unite)[0]
    apart = [  # the copies told apart, with the origins each comes from
        (text, [(m, bases[m]) for m in members])
        for text, members in copies
        if bases is not None and len({bases[m] for m in members}) > 1
    ]

    def join(
        current: Mapping[str, T], tags: Mapping[str, Tags]
    ) -> tuple[dict[str, T], dict[str, Tags]]:
        out, tagged = dict(current), dict(tags)
        for text, members in apart:
            origin = quote(text)
            for m, base in members:
                out[m] = origin
                tagged[m] = frozenset({(text, base)})
        return out, tagged

    first, tags = join(own, {})
    carried, cycles = propagate(rest, first, unite)
    if tags:
        tags = propagate(rest, {e: tags.get(e, NO_TAGS) for e in rest}, _tag_union)[0]
    final, tags = join(carried, tags)
    return final, cycles, {e: t for e, t in tags.items() if t}


MAX_SPLIT = 8
"""An item traces to at most this many origins line by line; an item of more origins
(a compilation of many sources) is one line of its own, named by all of them."""


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


def meets_outside(a: Bits, b: Bits, c: Bits) -> bool:
    """Whether two sets share a place that a third lacks."""
    (base_a, mask_a), (base_b, mask_b) = a, b
    if not mask_a or not mask_b:
        return False
    base = max(base_a, base_b)
    common = mask_a >> (base - base_a) & mask_b >> (base - base_b)
    if not common:
        return False
    base_c, mask_c = c
    if not mask_c:
        return True
    aligned = mask_c << (base_c - base) if base_c >= base else mask_c >> (base - base_c)
    return bool(common & ~aligned)


def closure(
    graph: Mapping[str, Sequence[str]],
    own: Callable[[str], Bits],
    components: Sequence[list[str]] | None = None,
) -> dict[str, Bits]:
    """Each node's own set (``own(node)``, asked once per node) joined with those of
    everything it depends on, transitively (the members of a cycle share one). Linear in
    nodes and edges, times the sets' widths: a set of names per node grew with every
    link of a chain (quadratic)."""
    out = {node: own(node) for node, deps in graph.items() if not deps}
    if len(out) == len(graph):
        return out
    for members in strongly_connected(graph) if components is None else components:
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


def join_all(sets: Iterable[Bits]) -> Bits:
    """The union of sets of places."""
    found = NO_BITS
    for bits in sets:
        found = join(found, bits)
    return found


OriginSet = Origins | Bits
"""A set of origins: its names while it has few (up to :data:`MAX_SPLIT`) or they are
far apart among all names; else :data:`Bits` of their places (:class:`Places`). Each
set has one form, so equal sets are equal values."""

DENSE = 512
"""About the bits a name takes in a set of names (64 bytes): a set of more names than
its width in places over this is kept as :data:`Bits`, smaller than its names."""


class Places:
    """The origin names of a ledger set at places, in the order of the names, so that
    a large set of origins is :data:`Bits` (a chain of republishers that each add an
    origin gave each source every origin before it, as a set of names: 5,000 took
    700 MB, 50,000 would not fit). A set of few origins stays its names, as most are
    (a set of two far apart is two names, not a mask as wide as the ledger). A set of
    more than :data:`MAX_SPLIT` origins is a compilation: one line, whose key
    (:meth:`line_keys`) is short. The places are set out when a large set first needs
    them."""

    __slots__ = ("_at", "_compilations", "_given", "_multi", "_names")

    def __init__(self, names: Iterable[str]) -> None:
        self._given = names
        self._names: list[str] | None = None
        self._at: dict[str, int] = {}
        self._multi: dict[int, Bits] = {}
        self._compilations: dict[str, OriginSet] = {}

    @property
    def names(self) -> list[str]:
        """Every name, in order (a name's place is its index)."""
        if self._names is None:
            self._names = names = sorted(set(self._given))
            self._at = {name: k for k, name in enumerate(names)}
            # The places of names of several parts (a joint origin 'a+b', a quote with
            # a '+'), by their number of parts: a compilation's name counts the parts.
            multi: dict[int, list[int]] = {}
            for k, name in enumerate(names):
                if JOINT in name:
                    multi.setdefault(name.count(JOINT) + 1, []).append(k)
            self._multi = {parts: bits_of(at) for parts, at in multi.items()}
        return self._names

    def _bits(self, names: Origins) -> Bits:
        self.names  # noqa: B018 (sets the places out)
        return bits_of(self._at[n] for n in names)

    def unite(self, sets: Iterable[OriginSet]) -> OriginSet:
        """The union of sets of origins, in its one form."""
        given = list(sets)
        named = [s for s in given if isinstance(s, frozenset)]
        if len(named) == len(given):
            found = union_all(named)
            if len(found) <= MAX_SPLIT:
                return found
            bits = self._bits(found)
            return bits if len(found) * DENSE >= bits[1].bit_length() else found
        bits = join_all(s for s in given if not isinstance(s, frozenset))
        for s in named:
            bits = join(bits, self._bits(s))
        count = bits[1].bit_count()
        if count > MAX_SPLIT and count * DENSE >= bits[1].bit_length():
            return bits
        return frozenset(self.names_in(bits))

    def names_in(self, bits: Bits) -> list[str]:
        """The names of a set of places, in order."""
        base, mask = bits
        names = self.names
        if mask.bit_count() * 64 >= mask.bit_length():
            return [names[base + k] for k, digit in enumerate(_digits(mask)) if digit == "1"]
        found = []
        while mask:  # few and far apart: one place at a time
            low = mask & -mask
            found.append(names[base + low.bit_length() - 1])
            mask ^= low
        return found

    def sorted_names(self, origins: OriginSet) -> list[str]:
        """The names of a set of origins, in order."""
        return sorted(origins) if isinstance(origins, frozenset) else self.names_in(origins)

    def meets(self, a: OriginSet, b: OriginSet) -> bool:
        """Whether two sets of origins share one."""
        if isinstance(a, frozenset) and isinstance(b, frozenset):
            return not a.isdisjoint(b)
        return meets(
            self._bits(a) if isinstance(a, frozenset) else a,
            self._bits(b) if isinstance(b, frozenset) else b,
        )

    def _parts(self, origins: OriginSet) -> int:
        """How many parts the names of a set have ('a+b' two), without listing them."""
        if isinstance(origins, frozenset):
            return sum(name.count(JOINT) + 1 for name in origins)
        count = origins[1].bit_count()
        for parts, multi in self._multi.items():
            count += (parts - 1) * _common(origins, multi)
        return count

    def _order(self, origins: OriginSet) -> tuple[int, tuple[int, ...]]:
        """An order of sets, the same whatever the order of the items."""
        if isinstance(origins, frozenset):
            return (1, tuple(sorted(self._at[n] for n in origins)))
        return (0, origins)

    def line_keys(self, origins: Mapping[str, OriginSet]) -> dict[str, Origins]:
        """The lines that each item of these origins feeds (docs/credibility.md): up to
        :data:`MAX_SPLIT` origins, each by its name; more, one line whose key is ``'*'``,
        its name (:func:`compilation_name`), ``'#'`` and the rank of its set among the
        compilations (no output shows a key: :meth:`full_name` gives the names). Equal
        sets, one object; each set hashed once, a large one through the bytes of its
        mask (:func:`_signature`)."""
        slots: dict[int, int] = {}
        first_of: dict[Hashable, list[int]] = {}
        sets: list[OriginSet] = []
        for found in origins.values():
            if id(found) in slots:
                continue
            alike = first_of.setdefault(_signature(found), [])
            slot = next((k for k in alike if sets[k] == found), None)
            if slot is None:
                slot = len(sets)
                sets.append(found)
                alike.append(slot)
            slots[id(found)] = slot
        keys: list[Origins] = []
        big: list[int] = []
        for slot, found in enumerate(sets):
            if isinstance(found, frozenset) and len(found) <= MAX_SPLIT:
                keys.append(found)
            else:
                keys.append(frozenset())
                big.append(slot)
        if big:
            self.names  # noqa: B018 (sets the places out)
            big.sort(key=lambda slot: self._order(sets[slot]))
        for rank, slot in enumerate(big):
            found = sets[slot]
            first = min(found) if isinstance(found, frozenset) else self.names[found[0]]
            key = f"*{self._parts(found)} origins ({first.split(JOINT)[0]}, ...)#{rank}"
            keys[slot] = frozenset({key})
            self._compilations[key] = found
        return {eid: keys[slots[id(found)]] for eid, found in origins.items()}

    def full_name(self, key: str) -> str:
        """A line's key as the names it stands for: a compilation's ``'*a+b+...'``."""
        found = self._compilations.get(key)
        return key if found is None else "*" + JOINT.join(self.sorted_names(found))


def _digits(mask: int) -> str:
    """The bits of ``mask`` as '0' and '1', the lowest first."""
    return bin(mask)[:1:-1]


def _common(a: Bits, b: Bits) -> int:
    """How many places two sets share."""
    (base_a, mask_a), (base_b, mask_b) = a, b
    if base_a <= base_b:
        return (mask_a >> (base_b - base_a) & mask_b).bit_count()
    return (mask_b >> (base_a - base_b) & mask_a).bit_count()


def _signature(found: OriginSet) -> Hashable:
    """What equal sets share, cheap to hash: a set of names itself (a frozenset keeps its
    hash); bits by their base, width and a hash of their mask's bytes. A long int's own
    hash reads every 30-bit digit at several nanoseconds each, and is never kept: 40,000
    republishers of a hub of 40,000 sources spent 2.3 s hashing their origins here."""
    if isinstance(found, frozenset):
        return found
    base, mask = found
    width = mask.bit_length()
    return (base, width, hash(mask.to_bytes((width + 7) // 8, "little")))


def compilation_name(key: str) -> str:
    """The name shown for a compilation line, from its key (:meth:`Places.line_keys`)."""
    return key[1:].rsplit("#", 1)[0]
