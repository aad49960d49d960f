"""Validate a valid entity without pydantic: the field table of :mod:`claimlog.records`.

The table is generated from the pydantic models (:mod:`claimlog.recordgen`), so there is
one source of truth. This module accepts a *subset* of what the models accept, with the
same values: an entity it does not accept (unknown or missing fields, a value out of
the plain forms a ledger uses, such as ``credibility: " +3.0"``) goes to pydantic,
which decides and explains (:mod:`claimlog.validation`). tests/test_records.py holds the
two to agreement on every fixture and sample and on generated entities.

Importing this costs a few milliseconds; pydantic costs a hundred (issue 13).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any, Final

from . import records
from .model import (
    ID_PATTERN,
    KIND_RECORDS,
    SHA256_PATTERN,
    URL_PATTERN,
    parse_date,
    parse_flag,
)

BAD: Final[Any] = object()
"""What a check returns for a value it does not accept."""

Check = Callable[[Any], Any]


_SURROGATE: Final = re.compile("[\ud800-\udfff]")
"""Pydantic refuses a lone surrogate in a constrained string (the YAML loader never
gives one; a pure-Python parser could)."""


def _match(pattern: str, search: bool = False) -> Check:
    compiled = re.compile(pattern)
    test = compiled.search if search else compiled.fullmatch

    def check(value: Any) -> Any:
        # Exactly str: pydantic turns a subclass into str, so it goes there.
        if type(value) is not str or not test(value):
            return BAD
        return value if value.isascii() or not _SURROGATE.search(value) else BAD

    return check


_SIMPLE: Final[dict[str, Check]] = {
    "id": _match(ID_PATTERN),
    "url": _match(URL_PATTERN),
    "sha256": _match(SHA256_PATTERN),
    # Python's \S matches fewer characters than the Rust engine's (Python counts four
    # more separators as space): text it accepts, pydantic accepts.
    "text": _match(r"\S", search=True),
    "str": lambda value: value if type(value) is str else BAD,
    "any": lambda value: value,
}
_INT: Final = re.compile(r"[0-9]{1,6}")
_FRACTION: Final = re.compile(r"0?\.[0-9]{1,17}")


def _date(value: Any) -> Any:
    parsed = parse_date(value)
    return BAD if parsed is None else parsed


def _flag(value: Any) -> Any:
    parsed = parse_flag(value)
    return BAD if parsed is None else parsed


def _retraction(value: Any) -> Any:
    flag = parse_flag(value)
    return flag if flag is not None else _date(value)


def compile_check(spec: tuple[Any, ...]) -> Check:
    """The function that checks and converts one value as ``spec`` says."""
    kind = spec[0]
    if kind in _SIMPLE:
        return _SIMPLE[kind]
    if kind == "date":
        return _date
    if kind == "flag":
        return _flag
    if kind == "retraction":
        return _retraction
    if kind == "literal":
        allowed = frozenset(spec[1])
        return lambda value: value if type(value) is str and value in allowed else BAD
    if kind == "int":
        low, high = spec[1], spec[2]
        return _number(_INT, int, lambda n: low <= n <= high)
    if kind == "float":
        above, below = spec[1], spec[2]
        return _number(_FRACTION, float, lambda n: above < n < below)
    if kind == "optional":
        inner = compile_check(spec[1])
        return lambda value: None if value is None else inner(value)
    if kind == "list":
        return _list(compile_check(spec[1]))
    if kind == "dict":
        return _dict(compile_check(spec[1]), compile_check(spec[2]), spec[3])
    if kind == "record":
        return record_check(spec[1])
    raise ValueError(f"unknown check {spec!r}")


def _number(
    form: re.Pattern[str], convert: Callable[[str], Any], inside: Callable[[Any], bool]
) -> Check:
    """A number written in ``form`` (digits only: pydantic's other spellings go to it),
    converted and within its bounds."""

    def check(value: Any) -> Any:
        if type(value) is not str or not form.fullmatch(value):
            return BAD
        number = convert(value)
        return number if inside(number) else BAD

    return check


def _list(item: Check) -> Check:
    def check(value: Any) -> Any:
        if not isinstance(value, list):
            return BAD
        # A list whose items pass as they are is kept, not copied: the record shares it
        # with the loaded value (records are never changed).
        out: list[Any] | None = None
        for i, v in enumerate(value):
            checked = item(v)
            if checked is BAD:
                return BAD
            if out is not None:
                out.append(checked)
            elif checked is not v:
                out = [*value[:i], checked]
        return value if out is None else out

    return check


def _dict(key: Check, item: Check, least: int) -> Check:
    def check(value: Any) -> Any:
        if not isinstance(value, dict) or len(value) < least:
            return BAD
        out: dict[Any, Any] | None = None  # as for lists: kept when it passes as it is
        for i, (k, v) in enumerate(value.items()):
            checked_key, checked = key(k), item(v)
            if checked_key is BAD or checked is BAD:
                return BAD
            if out is None and (checked_key is not k or checked is not v):
                out = dict(itertools.islice(value.items(), i))
            if out is not None:
                out[checked_key] = checked
        return value if out is None else out

    return check


_NO_ITEMS: Final[list[Any]] = []
"""The value of every absent list field of every record checked here, one list for all:
records are never changed (tests/test_outputs.py checks it is still empty after every
recorded command), and 100,000 claims would otherwise hold a million empty lists
(45 MB)."""


def required_fields(name: str) -> frozenset[str]:
    """The fields of ``name``'s table that an entity must have."""
    return frozenset(row[0] for row in records.FIELDS[name] if row[2])


def fields_check(name: str) -> Callable[[Any], list[Any] | None]:
    """The values of the fields of ``name``'s table, in order, or None."""
    rows = records.FIELDS[name]
    by_name = {field: (i, compile_check(spec)) for i, (field, spec, *_rest) in enumerate(rows)}
    required = required_fields(name)
    defaults = [_NO_ITEMS if row[4] else row[3] for row in rows]

    def check(node: Any) -> list[Any] | None:
        # Only the fields present are looked at: most of an entity's are defaults.
        if not isinstance(node, dict) or not required.issubset(node):
            return None
        values = defaults.copy()
        for key, value in node.items():
            entry = by_name.get(key)
            if entry is None:
                return None
            checked = entry[1](value)
            if checked is BAD:
                return None
            values[entry[0]] = checked
        return values

    return check


def record_check(name: str) -> Check:
    """Check a mapping into the record ``name`` (``BAD`` when it does not pass)."""
    cls = getattr(records, name)
    values = fields_check(name)

    def check(node: Any) -> Any:
        checked = values(node)
        return BAD if checked is None else cls(*checked)

    return check


RECORD_CHECKS: Final[dict[str, Check]] = {
    section: record_check(cls.__name__) for section, cls in KIND_RECORDS.items()
}
"""The fast check of each section's entities: a record, or ``BAD``."""

HEADER_CHECK: Final = fields_check("HEADER")
"""The file's top level: its fields' values in the order of ``FIELDS["HEADER"]``, or None."""
