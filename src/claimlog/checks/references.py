"""References: ids defined twice, and references to ids that are not defined."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any, Final

from .. import rules as R
from ..diagnostics import Diagnostic, Fix, Span, Suggestions, diag, is_slip, with_article
from ..loader import Map, Seq
from ..model import ID_PATTERN, KIND_NOUN, SECTIONS, Claim, Entity, Evidence, Source

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from .options import CheckOptions


def duplicate_ids(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    for what, definitions in (("id", ls.duplicates), ("group", ls.group_definitions)):
        for ident, places in definitions.items():
            if len(places) < 2:
                continue
            first = places[0]  # the definition used
            hint = (
                "ids are global across the ledger set; rename one of them"
                if what == "id"
                else "declare each group once, and merge the two declarations"
            )
            # At the definition used too: a pull request that adds a file sorting first
            # takes the id over, and a finding at the old line only is off its diff.
            more = f" (and {len(places) - 2} more)" if len(places) > 2 else ""
            yield diag(
                R.DUPLICATE_ID,
                first.path,
                first.value_span("id"),
                f"{what} '{ident}' is defined more than once: this definition is used, not "
                f"the one at {_place(places[1])}{more}",
                hint=hint,
            )
            # Of two in one file, the one used is chosen by content (LedgerSet), and may
            # come later: the message says which one is used, wherever it is (a tour read
            # "is also defined at X, the definition used" as this one).
            used = _place(first)
            for again in places[1:]:
                yield diag(
                    R.DUPLICATE_ID,
                    again.path,
                    again.value_span("id"),
                    f"{what} '{ident}' is defined more than once: the definition used is the "
                    f"one at {used}, not this one",
                    hint=hint,
                )


def _place(entity: Entity) -> str:
    """Where ``entity``'s id is: ``path:line``."""
    return f"{entity.path}:{entity.value_span('id')[0]}"


_SECTION_OF: Final = {"source": "sources", "claim": "claims", "evidence item": "evidence"}
"""The section where an entity of each kind is declared."""


class _Known(set[str]):
    """The ids of one kind, with did-you-mean hints against them (built once, on the
    first unknown id). Every id is a candidate, but a reference is never fixed towards
    a malformed one (CL105), nor pointed at it as the answer: it still counts as
    defined, but a reference rewritten to match it would be a second error once the
    id is mended."""

    _suggestions: Suggestions | None = None
    _near: dict[str, list[str]] | None = None

    @property
    def suggestions(self) -> Suggestions:
        if self._suggestions is None:
            self._suggestions = Suggestions(self)
        return self._suggestions

    def _close(self, ident: str) -> list[str]:
        """The ids close to ``ident``, searched once per unknown id."""
        if self._near is None:
            self._near = {}
        found = self._near.get(ident)
        if found is None:
            # four: the two an answer needs once the ids it may not name are set aside,
            # and the ties of the closest, which the hint names together
            found = self._near[ident] = self.suggestions.near(ident, n=4)
        return found

    def hint(self, ident: str, wanted: str, taken: Collection[str] = ()) -> str:
        """Did you mean the closest id (when that one is malformed, mend it first); and
        unless ``ident`` is a mere slip for it, that a new ``wanted`` entity is added
        under its section. An id of ``taken`` (one the reference must not repeat) is no
        answer."""
        close = [c for c in self._close(ident) if c not in taken]
        if close and not _ID.match(close[0]):
            return f"the id '{close[0]}' is close, but not a valid id: correct it there (CL105)"
        where = f"under '{_SECTION_OF[wanted]}:'"
        named = Suggestions.phrase(close, ident)
        if named is None:
            return f"add the {wanted} '{ident}' {where}, or correct the id"
        if is_slip(ident, close[0], letters=False):
            return named
        return f"{named} If '{ident}' is another {wanted}, add it {where}"

    def fix(self, ident: str) -> str | None:
        """The one id that ``ident`` differs from only in case or separators
        (:func:`is_slip` without letters), when it is valid: a reference is fixed
        towards it. Not an id a letter away: words of ids are anyone's, and a review
        saw 'claim-iran-strike' fixed to 'claim-iraq-strike', 'device-planted' to
        'device-planned'; the entity may be one the writer has yet to add."""
        new = Suggestions.slip(ident, self._close(ident), letters=False)
        return new if new is not None and _ID.match(new) else None


def _unknown(
    ls: LedgerSet, ident: str, wanted: str, options: _Known, taken: Collection[str] = ()
) -> tuple[str, str | None]:
    """The reason an id does not resolve to a ``wanted`` entity, and a hint (never an id
    of ``taken``)."""
    other = ls.kind_of(ident)
    if other is not None:
        hint = f"an id names one entry: give the id of {with_article(wanted)} here"
        return f"'{ident}', which is {with_article(other)}, not {with_article(wanted)}", hint
    return f"unknown {wanted} '{ident}'", options.hint(ident, wanted, taken)


def _fix(
    ls: LedgerSet, ident: str, options: _Known, span: Span, taken: Collection[str] = ()
) -> Fix | None:
    """The fix of an unknown id with exactly one close id of the kind wanted, unless
    that one is among ``taken`` (the ids beside it, which it would repeat)."""
    if ls.kind_of(ident) is not None:
        return None
    new = options.fix(ident)
    return Fix(span, ident, new) if new is not None and new not in taken else None


def _listed(
    ls: LedgerSet,
    entity: Entity,
    key: str,
    ids: list[str],
    known: _Known,
    phrase: str,
    wanted: str = "source",
    own: str | None = None,
) -> Iterator[Diagnostic]:
    """Each id of the list ``key`` of ``entity`` that names no ``wanted`` entity. Neither
    the hint nor the fix names an id of the list itself, nor ``own`` (an item's source,
    which its ``via`` may not name: CL302)."""
    # A set: a list of 20,000 misspelt ids scanned itself for each (22 s).
    taken = {*ids, own} if own is not None else set(ids)
    for i, ident in enumerate(ids):
        if ident not in known:
            reason, hint = _unknown(ls, ident, wanted, known, taken)
            span = entity.item_span(key, i)
            fix = _fix(ls, ident, known, span, taken)
            yield diag(R.UNKNOWN_REFERENCE, entity.path, span, f"{phrase} {reason}", hint, fix=fix)


def unknown_references(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """CL201: each reference to an id defined nowhere. Found once per set: the run reads
    them before the assessment (they hold their entry back) and reports them."""
    found = ls.memo.get("unknown_references")
    if found is None:
        found = ls.memo["unknown_references"] = list(_unknown_references(ls))
    yield from found


def _unknown_references(ls: LedgerSet) -> Iterator[Diagnostic]:
    # Entities that failed validation still exist: references to them are not unknown.
    broken = ls.broken.items()
    sources = _Known([*ls.sources, *(i for i, noun in broken if noun == "source")])
    claims = _Known([*ls.claims, *(i for i, noun in broken if noun == "claim")])
    items = _Known([*ls.evidence, *(i for i, noun in broken if noun == "evidence")])
    for entity in ls.evidence.values():
        item = entity.model
        assert isinstance(item, Evidence)
        label = f"evidence '{item.id}'"
        if item.source not in sources:
            # (not an id of its relays: an item's source is never one of them, CL302)
            reason, hint = _unknown(ls, item.source, "source", sources, item.via)
            span = entity.value_span("source")
            fix = _fix(ls, item.source, sources, span, item.via)
            message = f"{label} cites {reason}"
            yield diag(R.UNKNOWN_REFERENCE, entity.path, span, message, hint, fix=fix)
        yield from _listed(
            ls, entity, "via", item.via, sources, f"{label} is relayed via", own=item.source
        )
        yield from _listed(
            ls, entity, "based_on", item.based_on, items, f"{label} is based on", "evidence item"
        )
        stance = entity.node.get("stance")
        for cid in item.stance:
            if cid not in claims:
                reason, hint = _unknown(ls, cid, "claim", claims)
                span = (
                    stance.key_span(cid) if isinstance(stance, Map) else entity.value_span("stance")
                )
                fix = _fix(ls, cid, claims, span, item.stance) if isinstance(stance, Map) else None
                message = f"{label} takes a stance on {reason}"
                yield diag(R.UNKNOWN_REFERENCE, entity.path, span, message, hint, fix=fix)
    for entity in ls.sources.values():
        src = entity.model
        assert isinstance(src, Source)
        phrase = f"source '{src.id}' is derived from"
        yield from _listed(ls, entity, "derived_from", src.derived_from, sources, phrase)
    for entity in ls.claims.values():
        claim = entity.model
        assert isinstance(claim, Claim)
        phrase = f"claim '{claim.id}' is claimed by"
        yield from _listed(ls, entity, "claimed_by", claim.claimed_by, sources, phrase)
        yield from _resolution(ls, entity, claim, sources)
    known = {"source": sources, "claim": claims, "evidence item": items}
    for path, section, index, node in _unrecovered(ls):
        if not node:
            continue  # an empty entry names nothing
        ident = node.get("id")
        label = f"{KIND_NOUN[section]} " + (
            f"'{ident}'" if isinstance(ident, str) else f"#{index + 1}"
        )
        for phrase, wanted, ref, span in _raw_references(section, node):
            if ref not in known[wanted]:
                reason, hint = _unknown(ls, ref, wanted, known[wanted])
                message = phrase.format(label=label, reason=reason)
                yield diag(R.UNKNOWN_REFERENCE, path, span, message, hint)


def _unrecovered(ls: LedgerSet) -> Iterator[tuple[str, str, int, Map]]:
    """(path, section, index, node) of each entry that validation could not recover
    into an entity (a required field is missing or bad): its references are checked
    all the same, from the values as written. An entry that became an entity has an
    ``order``, its place among the entries of the file's sections (taken in the order
    of :data:`~claimlog.model.SECTIONS`); the others have none."""
    for f in ls.files:
        loaded = ls.loaded.get(f.path)
        root = loaded.root if loaded is not None else None
        if root is None:
            continue
        sections = [(key, root[key]) for key in SECTIONS if isinstance(root.get(key), Seq)]
        entities = [*f.sources, *f.claims, *f.evidence, *f.groups]
        if len(entities) == sum(len(items) for _, items in sections):
            continue
        orders = {e.order for e in entities}
        order = 0
        for section, items in sections:
            for index, node in enumerate(items):
                if order not in orders and isinstance(node, Map):
                    yield f.path, section, index, node
                order += 1


_ID: Final = re.compile(ID_PATTERN)
_PHRASES: Final = {
    "source": "{label} cites {reason}",
    "via": "{label} is relayed via {reason}",
    "based_on": "{label} is based on {reason}",
    "stance": "{label} takes a stance on {reason}",
    "derived_from": "{label} is derived from {reason}",
    "claimed_by": "{label} is claimed by {reason}",
    "resolution": "the resolution of {label} cites {reason}",
}
"""The message of an unknown reference of an entry that is not an entity, by field."""
_LISTS: Final = {
    "evidence": (("via", "source"), ("based_on", "evidence item")),
    "sources": (("derived_from", "source"),),
    "claims": (("claimed_by", "source"),),
}


def _raw_references(section: str, node: Map) -> Iterator[tuple[str, str, str, Span]]:
    """(message, wanted kind, id, place) of each reference of an entry, as written; the
    values that are not ids are reported by the validation already."""
    for key, wanted in _LISTS.get(section, ()):
        values = node.get(key)
        if isinstance(values, Seq):
            for ref, span in zip(values, values.item_spans, strict=True):
                if _is_id(ref):
                    yield _PHRASES[key], wanted, ref, span
    if section == "evidence":
        if _is_id(node.get("source")):
            yield _PHRASES["source"], "source", node["source"], node.value_span("source")
        stance = node.get("stance")
        if isinstance(stance, Map):
            for cid in stance:
                if _is_id(cid):
                    yield _PHRASES["stance"], "claim", cid, stance.key_span(cid)
    resolution = node.get("resolution")
    if section == "claims" and isinstance(resolution, Map) and _is_id(resolution.get("source")):
        source = resolution["source"]
        yield _PHRASES["resolution"], "source", source, resolution.value_span("source")


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and _ID.match(value) is not None


def _resolution(
    ls: LedgerSet, entity: Entity, claim: Claim, sources: _Known
) -> Iterator[Diagnostic]:
    """The source a claim's resolution cites, when it names no source."""
    settled = claim.resolution.source if claim.resolution else None
    if settled is None or settled in sources:
        return
    reason, hint = _unknown(ls, settled, "source", sources)
    resolution = entity.node.get("resolution")
    span = (
        resolution.value_span("source")
        if isinstance(resolution, Map)
        else entity.value_span("resolution")
    )
    yield diag(
        R.UNKNOWN_REFERENCE,
        entity.path,
        span,
        f"the resolution of claim '{claim.id}' cites {reason}",
        hint,
        fix=_fix(ls, settled, sources, span) if isinstance(resolution, Map) else None,
    )
