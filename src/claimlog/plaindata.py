"""Data classes that cost little to define: claimlog's ``@dataclass``.

Python 3.11's :func:`dataclasses.dataclass` compiles every method it generates with
``exec``: about 0.1 ms each, so 0.3-1.2 ms a class, and the 40 data classes that
``claimlog check`` imports cost 20-25 ms of a 120 ms run (issue 13). This decorator
lets :mod:`dataclasses` generate ``__init__`` alone (the method that runs millions
of times at scale) and gives the class the other methods dataclasses would, with the
same behaviour, from closures over an :func:`operator.attrgetter` of its fields:

* ``__eq__``: equal to an instance of the same class with equal fields (those with
  ``compare=True``), ``NotImplemented`` otherwise;
* ``__hash__``: for a frozen class, the hash of those fields; for another, ``None``
  (unhashable), as dataclasses decide for ``eq=True``;
* ``__repr__``: ``Name(field=value, ...)`` over the fields with ``repr=True``;
* ``order=True``: ``<``, ``<=``, ``>`` and ``>=`` on those fields;
* a class that defines one of these methods itself is refused.

``frozen=True`` is checked by mypy (``dataclass_transform``), which refuses any
assignment to a field of a frozen class; at run time the class has no ``__setattr__``
guard, which would cost two more compiled methods. :func:`dataclasses.fields`,
:func:`dataclasses.replace` and ``slots=True`` work as with the standard decorator.
"""

from __future__ import annotations

import dataclasses
import operator
from _thread import get_ident
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields ``names`` of an object, always as a tuple."""
    if len(names) >= 2:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


_ORDER: dict[str, Callable[[Any, Any], Any]] = {
    "__lt__": operator.lt,
    "__le__": operator.le,
    "__gt__": operator.gt,
    "__ge__": operator.ge,
}
_GIVEN = ("__eq__", "__hash__", "__repr__", *_ORDER)
"""The methods this decorator gives a class."""


def _ordering(key: Callable[[Any], tuple[Any, ...]], op: Callable[[Any, Any], Any]) -> Any:
    """A comparison of two instances of one class by their fields."""

    def compare(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return op(key(self), key(other))
        return NotImplemented

    return compare


def _methods(cls: type, frozen: bool, order: bool) -> dict[str, Any]:
    fields = dataclasses.fields(cls)
    key = _getter(tuple(f.name for f in fields if f.compare))
    shown = [(f.name, operator.attrgetter(f.name)) for f in fields if f.repr]
    running: set[tuple[int, int]] = set()

    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    def __repr__(self: Any) -> str:
        mark = (id(self), get_ident())
        if mark in running:  # a value that holds itself, as dataclasses show it
            return "..."
        running.add(mark)
        try:
            inner = ", ".join(f"{name}={get(self)!r}" for name, get in shown)
        finally:
            running.discard(mark)
        return f"{self.__class__.__qualname__}({inner})"

    def __hash__(self: Any) -> int:
        return hash(key(self))

    methods: dict[str, Any] = {
        "__eq__": __eq__,
        "__repr__": __repr__,
        "__hash__": __hash__ if frozen else None,
    }
    if order:
        methods |= {name: _ordering(key, op) for name, op in _ORDER.items()}
    return methods


def _make(cls: type[T], frozen: bool, slots: bool, order: bool) -> type[T]:
    taken = [name for name in _GIVEN if name in cls.__dict__]
    if taken:  # dataclasses would keep them, with rules of their own for __hash__
        raise TypeError(f"{cls.__qualname__} defines {', '.join(taken)}: use dataclasses")
    made = dataclasses.dataclass(cls, eq=False, repr=False, slots=slots)
    for name, method in _methods(made, frozen, order).items():
        if method is not None:
            method.__qualname__ = f"{made.__qualname__}.{name}"
        setattr(made, name, method)
    return made


@overload
def dataclass(cls: type[T], /) -> type[T]: ...
@overload
def dataclass(
    *, frozen: bool = False, slots: bool = False, order: bool = False
) -> Callable[[type[T]], type[T]]: ...
@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def dataclass(
    cls: type[T] | None = None, /, *, frozen: bool = False, slots: bool = False, order: bool = False
) -> type[T] | Callable[[type[T]], type[T]]:
    """A data class as :func:`dataclasses.dataclass` makes it, with ``eq=True`` (see the
    module's docstring for what differs: the cost, and ``frozen`` checked by mypy)."""
    if cls is not None:
        return _make(cls, frozen, slots, order)
    return lambda c: _make(c, frozen, slots, order)
