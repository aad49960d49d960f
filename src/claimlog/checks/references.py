"""References: ids defined twice, and references to ids that are not defined."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import rules as R
from ..diagnostics import Diagnostic, Suggestions, diag
from ..loader import Map
from ..model import Claim, Entity, Evidence, Source

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from .options import CheckOptions


def duplicate_ids(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    for what, definitions in (("id", ls.definitions), ("group", ls.group_definitions)):
        for ident, places in definitions.items():
            if len(places) < 2:
                continue
            first = places[0]
            for again in places[1:]:
                where = f"{first.path}:{first.value_span('id')[0]}"
                yield diag(
                    R.DUPLICATE_ID,
                    again.path,
                    again.value_span("id"),
                    f"{what} '{ident}' is already defined at {where}",
                    hint="ids are global across the ledger set; rename one of them"
                    if what == "id"
                    else "declare each group once, and merge the two declarations",
                )


class _Known(set[str]):
    """The ids of one kind, with did-you-mean hints against them (built once, on the
    first unknown id)."""

    _suggestions: Suggestions | None = None

    @property
    def suggestions(self) -> Suggestions:
        if self._suggestions is None:
            self._suggestions = Suggestions(self)
        return self._suggestions


def _unknown(ls: LedgerSet, ident: str, wanted: str, options: _Known) -> tuple[str, str | None]:
    """The reason an id does not resolve to a ``wanted`` entity, and a hint."""
    other = ls.kind_of(ident)
    if other is not None:
        return f"'{ident}', which is a {other}, not a {wanted}", None
    return f"unknown {wanted} '{ident}'", options.suggestions.hint(ident)


def _listed(
    ls: LedgerSet,
    entity: Entity,
    key: str,
    ids: list[str],
    known: _Known,
    phrase: str,
    wanted: str = "source",
) -> Iterator[Diagnostic]:
    """Each id of the list ``key`` of ``entity`` that names no ``wanted`` entity."""
    for i, ident in enumerate(ids):
        if ident not in known:
            reason, hint = _unknown(ls, ident, wanted, known)
            yield diag(
                R.UNKNOWN_REFERENCE,
                entity.path,
                entity.item_span(key, i),
                f"{phrase} {reason}",
                hint,
            )


def unknown_references(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
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
            reason, hint = _unknown(ls, item.source, "source", sources)
            yield diag(
                R.UNKNOWN_REFERENCE,
                entity.path,
                entity.value_span("source"),
                f"{label} cites {reason}",
                hint,
            )
        yield from _listed(ls, entity, "via", item.via, sources, f"{label} is relayed via")
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
                yield diag(
                    R.UNKNOWN_REFERENCE,
                    entity.path,
                    span,
                    f"{label} takes a stance on {reason}",
                    hint,
                )
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
    )
