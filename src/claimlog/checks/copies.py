"""Hidden copies: items of different origins that carry the same quote, or summaries
so alike that one is probably a rewrite of the other.

The engine already counts items with the same quote as one line of reporting; this
check points at them so that the ledger says so itself (``based_on`` for an item
resting on another's observation, ``derived_from`` for an outlet rewriting another),
and at near-identical summaries, which the engine cannot merge on its own.

Only items that bear on a common claim are compared: the same words about different
claims are a template, not a copy. Near-identical means the summaries' word sets
overlap by at least ``SIMILAR`` (the Jaccard index) and have at least ``MIN_WORDS``
words. Candidates are found by prefix
filtering (two sets that similar must share one of the rarest words of each), so the
work stays near linear in the text, not quadratic in the items.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import rules as R
from ..credibility.origins import (
    MIN_QUOTE,
    OriginSet,
    Places,
    bearing,
    folded,
    item_origins,
    own_origins,
    propagate,
    quote_words,
    rests_on,
)
from ..diagnostics import Diagnostic, diag
from ..model import Evidence

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from .options import CheckOptions

SIMILAR = 0.9
MIN_WORDS = 6
MAX_BUCKET = 64
"""A word shared by more items than this is too common to find candidates by."""

_WORD = re.compile(r"\w+")


def _origins(ls: LedgerSet) -> tuple[Places, dict[str, OriginSet]]:
    """Each item's origins through derived_from and based_on (quotes not joined), and
    the places of the large sets among them (sets of names grew with the square of a
    chain of republishers)."""
    sources = {sid: ls.source(sid) for sid in ls.sources}
    derived = {sid: [d for d in s.derived_from if d in sources] for sid, s in sources.items()}
    names = own_origins(derived)
    items = {eid: ls.item(eid) for eid in ls.evidence}
    places = Places([*names.values(), *(i.source for i in items.values() if i.source not in names)])
    at: dict[str, OriginSet] = {sid: frozenset({n}) for sid, n in names.items()}
    by_source, _ = propagate(derived, at, places.unite)
    own = {eid: by_source.get(i.source) or frozenset({i.source}) for eid, i in items.items()}
    rest = {eid: rests_on(item.based_on, items) for eid, item in items.items()}
    found, _, _ = item_origins(own, rest, (), unite=places.unite)
    return places, found


def suspected_copies(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """Copies among the items that bear on one claim (the same words about different
    claims are a template, not a copy), each pair reported once."""
    found: tuple[Places, dict[str, OriginSet]] | None = None  # computed once, when a pair needs it
    reported: set[tuple[str, str]] = set()
    for cid in sorted(ls.evidence_by_claim):
        entities = ls.evidence_by_claim[cid]
        if len(entities) < 2:
            continue
        items = {e.id: ls.item(e.id) for e in sorted(entities, key=lambda e: e.id)}
        for key, pairs in (
            ("quote", _same_quotes(items)),
            ("summary", _similar_summaries(items)),
        ):
            for first, second in pairs:
                if (first, second) in reported:
                    continue
                if found is None:
                    found = _origins(ls)
                places, origins = found
                if places.meets(origins[first], origins[second]):
                    continue
                reported.add((first, second))
                what = (
                    "carries the same quote as"
                    if key == "quote"
                    else ("has nearly the same summary as")
                )
                # the engine's one line is for copies marked alike (docs/credibility.md)
                apart = key == "quote" and (
                    bearing(items[first].stance) != bearing(items[second].stance)
                )
                yield _finding(ls, second, first, key, what, apart)


def _finding(
    ls: LedgerSet, eid: str, other: str, key: str, what: str, apart: bool = False
) -> Diagnostic:
    """CL413 at ``eid``'s ``key``; ``apart``: the two mark their quote otherwise (other
    claims, or the other way), so the engine weighs them as two lines."""
    entity = ls.evidence[eid]
    there = ls.evidence[other]
    marked = (
        ", marked otherwise (other claims, or the other way): the two weigh as independent lines"
        if apart
        else ""
    )
    return diag(
        R.SUSPECTED_COPY,
        entity.path,
        entity.value_span(key),
        f"evidence '{eid}' {what} '{other}' ({there.path}:{there.value_span(key)[0]}), "
        f"from a different origin{marked}",
        hint=f"if both report one observation, add 'based_on: [{other}]' to '{eid}', or "
        "'derived_from' to the source that copies the other",
    )


def _same_quotes(items: dict[str, Evidence]) -> Iterator[tuple[str, str]]:
    """(first, later) pairs of items with the same quote: each later one paired with
    the first of its quote."""
    first_of: dict[str, str] = {}
    for eid, item in items.items():
        if item.quote is None:
            continue
        text = quote_words(item.quote)
        if len(text) < MIN_QUOTE:
            continue
        if text in first_of:
            yield first_of[text], eid
        else:
            first_of[text] = eid


def _words(summary: str) -> frozenset[str]:
    """The words of a summary as :func:`normalised` compares them. Folding its white
    space first would find the same words: white space is never part of one."""
    return frozenset(_WORD.findall(folded(summary)))


def _similar_summaries(items: dict[str, Evidence]) -> Iterator[tuple[str, str]]:
    """(earlier, later) pairs of items, in id order, whose summaries are near-identical:
    each later item paired with the first earlier one whose summary is the same word
    set, else the first that is similar enough. (Word sets are not kept from one claim
    to the next: at 20,000 claims they would hold 120 MB until the run ends.)"""
    words = {}
    for eid, item in items.items():
        w = _words(item.summary)
        if len(w) >= MIN_WORDS:
            words[eid] = w
    yield from (_pairwise if len(words) <= MAX_BUCKET else _prefix_filtered)(words)


def _prefix_filtered(words: dict[str, frozenset[str]]) -> Iterator[tuple[str, str]]:
    """:func:`_similar_summaries` for many items: candidates are the earlier items that
    share one of the rarest words (two sets that similar must); a word shared by more
    than :data:`MAX_BUCKET` items finds none."""
    frequency: dict[str, int] = {}
    for w in words.values():
        for word in w:
            frequency[word] = frequency.get(word, 0) + 1
    exact: dict[frozenset[str], str] = {}
    index: dict[str, list[str]] = {}
    for eid, w in words.items():
        if w in exact:
            yield exact[w], eid
            continue
        exact[w] = eid
        ranked = sorted(w, key=lambda word: (frequency[word], word))
        prefix = ranked[: len(w) - math.ceil(SIMILAR * len(w)) + 1]
        candidates: set[str] = set()
        for word in prefix:
            bucket = index.setdefault(word, [])
            if len(bucket) <= MAX_BUCKET:
                candidates.update(bucket)
                bucket.append(eid)
        for other in sorted(candidates):
            o = words[other]
            if len(w & o) >= SIMILAR * len(w | o):
                yield other, eid
                break


def _pairwise(words: dict[str, frozenset[str]]) -> Iterator[tuple[str, str]]:
    """:func:`_similar_summaries` for a few items: every earlier item is a candidate (the
    prefix filter would find the same ones, with more work)."""
    exact: dict[frozenset[str], str] = {}
    earlier: list[tuple[str, frozenset[str], int]] = []
    for eid, w in words.items():
        if w in exact:
            yield exact[w], eid
            continue
        exact[w] = eid
        size = len(w)
        for other, o, other_size in earlier:
            # |w & o| <= the smaller size and |w | o| >= the larger: sizes too far apart
            # cannot be similar enough (most pairs, and no set is built for them)
            if SIMILAR * max(size, other_size) > min(size, other_size):
                continue
            shared = len(w & o)
            if shared >= SIMILAR * (size + other_size - shared):
                yield other, eid
                break
        earlier.append((eid, w, size))
