"""The canonical order of keys, shared by every command that writes ledgers (``fmt``,
``add``, ``check --fix``): the order of the format's tables (docs/ledger-format.md),
taken from the models themselves so that it cannot drift from them, with ``id`` first
and the free-form ``notes`` and ``meta`` last. Keys the format does not know keep their
written order after the known ones (they are findings, never dropped)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from .model import KIND_RECORDS
from .records import FIELDS

__all__ = ["ENTITY_KEYS", "FILE_KEYS", "RESOLUTION_KEYS", "key_order", "ordered"]

_LAST: Final = ("notes", "meta")


def key_order(model: str) -> tuple[str, ...]:
    """The keys of a model (a record's name, or ``HEADER``) in canonical order."""
    names = [row[0] for row in FIELDS[model]]
    known = [n for n in names if n not in _LAST]
    return (*known, *(n for n in _LAST if n in names))


#: Each top-level list's entities, by the list's key.
ENTITY_KEYS: Final[dict[str, tuple[str, ...]]] = {
    key: key_order(cls.__name__) for key, cls in KIND_RECORDS.items()
}
#: The top level of a file: title and description first, meta last.
FILE_KEYS: Final = key_order("HEADER")
#: A claim's ``resolution`` mapping.
RESOLUTION_KEYS: Final = key_order("Resolution")


def ordered(keys: Iterable[str], order: tuple[str, ...]) -> list[str]:
    """``keys`` in canonical ``order``; unknown keys after, as written."""
    given = list(keys)
    rank = {k: i for i, k in enumerate(order)}
    known = sorted((k for k in given if k in rank), key=rank.__getitem__)
    return known + [k for k in given if k not in rank]
