"""claimlog's ``@dataclass`` (claimlog.plaindata) behaves as the standard one with
``eq=True``: equality, hashing, repr and ordering, field defaults, ``replace`` and
``fields``, on twin classes made by each, for generated values."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimlog import plaindata

SRC = Path(__file__).resolve().parent.parent / "src" / "claimlog"


def _twins(frozen: bool, slots: bool, order: bool) -> tuple[type, type]:
    """The same class body made by the standard decorator and by claimlog's."""

    def body() -> type:
        class Point:
            x: int
            name: str = "p"
            tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)
            note: str = dataclasses.field(default="", compare=False)
            secret: str = dataclasses.field(default="", repr=False)

        return Point

    std = dataclasses.dataclass(frozen=frozen, slots=slots, order=order)(body())
    ours = plaindata.dataclass(frozen=frozen, slots=slots, order=order)(body())
    return std, ours


FLAGS = [
    (frozen, slots, order)
    for frozen in (False, True)
    for slots in (False, True)
    for order in (False, True)
]
values = st.tuples(
    st.integers(-3, 3),
    st.sampled_from(["p", "q", "é", "'x'"]),
    st.lists(st.sampled_from(["a", "b"]), max_size=2),
    st.sampled_from(["", "n"]),
    st.sampled_from(["", "s"]),
)


def _make(cls: type, v: tuple[Any, ...]) -> Any:
    return cls(v[0], v[1], tuple(v[2]), note=v[3], secret=v[4])


@pytest.mark.parametrize(("frozen", "slots", "order"), FLAGS)
@given(a=values, b=values)
def test_the_same_behaviour_as_dataclasses(
    frozen: bool, slots: bool, order: bool, a: tuple[Any, ...], b: tuple[Any, ...]
) -> None:
    std, ours = _twins(frozen, slots, order)
    sa, sb, oa, ob = _make(std, a), _make(std, b), _make(ours, a), _make(ours, b)
    assert repr(oa) == repr(sa)
    assert (oa == ob) is (sa == sb)
    assert (oa != ob) is (sa != sb)
    assert oa != sa
    assert sa != oa
    if frozen:
        assert (hash(oa) == hash(ob)) is (hash(sa) == hash(sb))
        assert hash(oa) == hash(sa)
    else:
        assert ours.__hash__ is None
        assert std.__hash__ is None
    if order:
        for op in ("__lt__", "__le__", "__gt__", "__ge__"):
            assert getattr(oa, op)(ob) is getattr(sa, op)(sb)
        assert oa.__lt__(sa) is NotImplemented
    else:
        with pytest.raises(TypeError):
            _ = oa < ob
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(std)]
    changed = dataclasses.replace(oa, x=a[0] + 1)
    assert type(changed) is ours
    assert changed.x == a[0] + 1
    assert changed.name == a[1]
    assert hasattr(oa, "__dict__") is not slots


def test_defaults_are_fresh_and_a_value_that_holds_itself_is_shown() -> None:
    @plaindata.dataclass(frozen=True)
    class Bag:
        items: list[str] = dataclasses.field(default_factory=list)

    one, two = Bag(), Bag()
    one.items.append("x")
    assert two.items == []
    with pytest.raises(TypeError, match="unhashable"):
        hash(one)  # a frozen class with a list field, as with dataclasses
    holder = plaindata.dataclass(type("Holder", (), {"__annotations__": {"inner": "Any"}}))
    box = holder(None)
    box.inner = box
    assert repr(box) == "Holder(inner=...)"


def test_subclass_fields_and_equality() -> None:
    @plaindata.dataclass
    class Base:
        a: int

    @plaindata.dataclass
    class Child(Base):
        b: int = 0

    assert repr(Child(1, 2)) == "test_subclass_fields_and_equality.<locals>.Child(a=1, b=2)"
    assert Child(1, 2) == Child(1, 2)
    assert Child(1, 2) != Child(1, 3)
    assert Base(1) != Child(1)


def test_a_class_with_its_own_methods_is_refused() -> None:
    class Own:
        a: int

        def __eq__(self, other: object) -> bool:
            return True

    with pytest.raises(TypeError, match="defines __eq__"):
        plaindata.dataclass(Own)


def test_claimlog_makes_its_data_classes_with_its_own_decorator() -> None:
    """The standard decorator compiles several methods per class: a class made with it
    again would slowly bring the start-up cost back (issue 13)."""
    pattern = re.compile(r"^from dataclasses import .*\bdataclass\b|^\s*@dataclasses\.dataclass")
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "plaindata.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
