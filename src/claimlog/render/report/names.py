"""File names and anchors for ledger ids: safe on every file system, deterministic.

Ids come from ledgers written by other people and may hold any text (a group is any
text; a broken set may name anything). A name keeps an id as it is only when the id
is lower-case ASCII letters, digits, ``-`` and ``_`` (so it means the same on a
case-insensitive file system); any other id becomes a slug of those characters, a
dot and a hash of the id: never a path separator, never ``..``, never a name that
another id keeps as it is (no kept id holds a dot). Two hashed ids that share a slug
and the first ten hex digits of their hash get the whole hash instead.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Final

_UNSAFE: Final = re.compile(r"[^a-z0-9_-]+")
_KEPT: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
SHORT: Final = 10
"""Hex digits of the hash in a hashed name (the whole hash on a clash)."""


def _digest(ident: str) -> str:
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()


def slug(ident: str, digits: int | None = None) -> str:
    """``ident`` itself when it is safe, else a slug of it, a dot and ``digits`` (default
    :data:`SHORT`) hex digits of its SHA-256."""
    if _KEPT.fullmatch(ident):
        return ident
    base = _UNSAFE.sub("-", ident.lower()).strip("-_")[:48].rstrip("-_")
    digest = _digest(ident)[: SHORT if digits is None else digits]
    return f"{base}.{digest}" if base else digest


def slugs(idents: Iterable[str]) -> dict[str, str]:
    """A slug for each id, all different: hashed ids whose short names clash get the
    whole hash."""
    chosen = {ident: slug(ident) for ident in sorted(set(idents))}
    seen: dict[str, list[str]] = {}
    for ident, name in chosen.items():
        seen.setdefault(name, []).append(ident)
    for clash in (group for group in seen.values() if len(group) > 1):
        for ident in clash:
            chosen[ident] = slug(ident, 64)
    return chosen


class Names:
    """The file name of every claim, group and source page, and the anchor of every
    evidence item (on the pages of the claims it bears on)."""

    def __init__(
        self,
        claims: Iterable[str],
        groups: Iterable[str],
        sources: Iterable[str],
        items: Iterable[str],
    ) -> None:
        self._claims = slugs(claims)
        self._groups = slugs(groups)
        self._sources = slugs(sources)
        self._items = slugs(items)

    def claim(self, cid: str) -> str | None:
        found = self._claims.get(cid)
        return None if found is None else f"claim-{found}.html"

    def group(self, gid: str) -> str | None:
        found = self._groups.get(gid)
        return None if found is None else f"group-{found}.html"

    def source(self, sid: str) -> str | None:
        found = self._sources.get(sid)
        return None if found is None else f"source-{found}.html"

    def anchor(self, item: str) -> str:
        """The fragment of an evidence item's entry on a claim page."""
        return f"item-{self._items.get(item) or slug(item)}"
