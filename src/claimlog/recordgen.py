"""Generate :mod:`claimlog.records` from the pydantic models of :mod:`claimlog.formatmodels`.

The models are the one source of truth of the format. This reads each model's fields
(their types, constraints, validators and defaults) and writes, as Python source:

- a slotted record class per entity model (``Source``, ``Claim``, ``Evidence``,
  ``Group``, ``Resolution``): what claimlog's code reads, with the fields' Python types
  (mypy checks every use), no validation and no pydantic;
- ``FIELDS``: for each record (and the file's top level, ``HEADER``), a table of
  ``(name, check, required, default, factory)`` that :mod:`claimlog.fastvalid` interprets
  to validate a valid file without pydantic.

A type or constraint this generator does not know is an error: the models cannot gain
one that the fast path would not check. ``make docs`` regenerates the module, and
tests/test_records.py fails when the committed module differs from what this writes.

    python -m claimlog.recordgen > records.py.new && mv records.py.new src/claimlog/records.py

(to a new file first: the generator imports the module it replaces, which a redirect to
it would empty before it runs).
"""

from __future__ import annotations

import sys
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types as at
from pydantic import AllowInfNan, BaseModel, BeforeValidator, StringConstraints, WithJsonSchema
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from . import formatmodels as fm
from .model import ID_PATTERN, SHA256_PATTERN, TEXT_PATTERN, URL_PATTERN

Check = tuple[Any, ...]
"""A check as data: ``("id",)``, ``("list", inner)``, ``("int", 1, 6)`` ..."""

_PATTERNS = {ID_PATTERN: "id", TEXT_PATTERN: "text", URL_PATTERN: "url", SHA256_PATTERN: "sha256"}
_VALIDATORS = {
    fm._parse_date: ("date",),
    fm._parse_bool: ("flag",),
    fm._parse_retracted: ("retraction",),
}
_DIGITS_ONLY = (fm._whole_number_text, fm._number_text)
"""Validators that refuse what the fast path's number forms never accept."""
_RECORDS = ("Resolution", "Source", "Claim", "Evidence", "Group")


def _flat(metadata: list[Any]) -> list[Any]:
    """Metadata with the constraints of nested ``Field(...)`` objects spread out and
    what only describes (descriptions, JSON Schema) left out."""
    out: list[Any] = []
    for item in metadata:
        if isinstance(item, FieldInfo):
            out.extend(_flat(list(item.metadata)))
        elif isinstance(item, WithJsonSchema):
            continue
        elif isinstance(item, BeforeValidator) and item.func in _DIGITS_ONLY:
            continue  # the fast path's number forms are digits only: '_' never passes
        elif isinstance(item, AllowInfNan):
            if item.allow_inf_nan:
                raise ValueError("a number that may be infinite")
        else:
            out.append(item)
    return out


def check_of(tp: Any, metadata: list[Any] | None = None) -> Check:
    """The check of a type with its metadata."""
    meta = _flat(metadata or [])
    if get_origin(tp) is Annotated:
        base, *more = get_args(tp)
        return check_of(base, meta + list(more))
    validators = [m for m in meta if isinstance(m, BeforeValidator)]
    if validators:
        if len(validators) != 1 or len(meta) != 1:
            raise ValueError(f"unexpected metadata with a validator: {meta!r}")
        return _VALIDATORS[validators[0].func]  # type: ignore[index]
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        if type(None) in args and len(args) == 2:
            inner = next(a for a in args if a is not type(None))
            return ("optional", check_of(inner, meta))
        raise ValueError(f"a union the fast path does not know: {tp!r}")
    if origin is Literal:
        _no(meta, tp)
        return ("literal", tuple(get_args(tp)))
    if origin is list:
        _no(meta, tp)
        return ("list", check_of(get_args(tp)[0]))
    if origin is dict:
        least = 0
        for m in meta:
            if isinstance(m, at.MinLen):
                least = m.min_length
            else:
                raise ValueError(f"unknown constraint {m!r} on {tp!r}")
        key, value = get_args(tp)
        return ("dict", check_of(key), check_of(value), least)
    return _scalar_check(tp, meta)


def _scalar_check(tp: Any, meta: list[Any]) -> Check:
    """The check of text, a number, anything, or a nested model."""
    if tp is str:
        patterns = [m.pattern for m in meta if isinstance(m, StringConstraints)]
        if len(meta) != len(patterns) or len(patterns) > 1:
            raise ValueError(f"unknown string constraints {meta!r}")
        if not patterns:
            return ("str",)
        return (_PATTERNS[str(patterns[0])],)
    if tp is int or tp is float:
        bounds = {type(m): m for m in meta}
        if tp is int and set(bounds) == {at.Ge, at.Le}:
            return ("int", bounds[at.Ge].ge, bounds[at.Le].le)
        if tp is float and set(bounds) == {at.Gt, at.Lt}:
            return ("float", bounds[at.Gt].gt, bounds[at.Lt].lt)
        raise ValueError(f"a number without the bounds the fast path knows: {meta!r}")
    if tp is Any:
        _no(meta, tp)
        return ("any",)
    if isinstance(tp, type) and issubclass(tp, BaseModel) and tp.__name__ in _RECORDS:
        _no(meta, tp)
        return ("record", tp.__name__)
    raise ValueError(f"a type the fast path does not know: {tp!r}")


def _no(meta: list[Any], tp: Any) -> None:
    if meta:
        raise ValueError(f"unexpected constraints {meta!r} on {tp!r}")


def python_type(check: Check) -> str:
    """The Python annotation of a checked value."""
    kind = check[0]
    if kind in ("id", "text", "url", "sha256", "str"):
        return "str"
    simple = {
        "any": "Any",
        "date": "_dt.date | _dt.datetime",
        "flag": "bool",
        "retraction": "bool | _dt.date | _dt.datetime",
        "int": "int",
        "float": "float",
    }
    if kind in simple:
        return simple[kind]
    if kind == "literal":
        return "Literal[" + ", ".join(f'"{v}"' for v in check[1]) + "]"
    if kind == "list":
        return f"list[{python_type(check[1])}]"
    if kind == "dict":
        return f"dict[{python_type(check[1])}, {python_type(check[2])}]"
    if kind == "record":
        return str(check[1])
    if kind == "optional":
        return f"{python_type(check[1])} | None"
    raise ValueError(kind)


def fields(model: type[BaseModel]) -> list[tuple[str, Check, bool, Any, bool]]:
    """``(name, check, required, default, factory)`` of each field, in the model's order."""
    out = []
    for name, info in model.model_fields.items():
        check = check_of(info.annotation, list(info.metadata))
        factory = info.default_factory is not None
        if factory and info.default_factory is not list:
            raise ValueError(f"{model.__name__}.{name}: a default factory other than list")
        default = None if info.default is PydanticUndefined else info.default
        if not isinstance(default, str | int | bool | type(None)):
            raise ValueError(f"{model.__name__}.{name}: a default the generator cannot write")
        if model.model_config.get("extra") != "forbid":
            raise ValueError(f"{model.__name__} accepts unknown fields")
        out.append((name, check, info.is_required(), default, factory))
    return out


_HEAD = '''"""The records of the ledger format and the table the fast validator reads.

GENERATED by ``python -m claimlog.recordgen`` from the pydantic models of
:mod:`claimlog.formatmodels`, the one source of truth of the format: do not edit;
``make docs`` regenerates it and tests/test_records.py fails when it is stale.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, ClassVar, Final, Literal


class Record:
    """A validated entity: plain slotted fields, compared field by field."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]
    FIELDS: ClassVar[tuple[str, ...]] = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, name) == getattr(other, name) for name in self.FIELDS
        )

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__name__}({shown})"

'''


def generate() -> str:
    """The source of :mod:`claimlog.records`."""
    parts = [_HEAD]
    tables = []
    for name in _RECORDS:
        model = getattr(fm, name)
        spec = fields(model)
        names = [f[0] for f in spec]
        doc = (model.__doc__ or name).strip().splitlines()[0]
        lines = [
            "",
            "",
            f"class {name}(Record):",
            f'    """{doc}"""',
            "",
            f"    __slots__ = {tuple(names)!r}",
            "    FIELDS: ClassVar[tuple[str, ...]] = __slots__",
            "",
        ]
        lines += [f"    {n}: {python_type(c)}" for n, c, *_ in spec]
        lines += ["", "    def __init__(", "        self,"]
        lines += [f"        {n}: {python_type(c)}," for n, c, *_ in spec]
        lines += ["    ) -> None:"]
        lines += [f"        self.{n} = {n}" for n in names]
        parts.append("\n".join(lines) + "\n")
        tables.append((name, spec))
    tables.append(("HEADER", fields(fm.Header)))
    body = ["", "", "FIELDS: Final[dict[str, tuple[tuple[Any, ...], ...]]] = {"]
    for name, spec in tables:
        body.append(f'    "{name}": (')
        body += [f"        {row!r}," for row in spec]
        body.append("    ),")
    body.append("}")
    body.append('"""Per record (and the file\'s top level): (name, check, required, default,')
    body.append('list factory) of each field, in the order of the record\'s slots."""')
    parts.append("\n".join(body) + "\n")
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(generate())
