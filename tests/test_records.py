"""One source of truth for the format: the records and the fast validator's table are
generated from the pydantic models, and the fast validator accepts only what pydantic
accepts, with the same values (issue 13: a valid file is read without pydantic)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from claimlog import records
from claimlog.fastvalid import BAD, HEADER_CHECK, RECORD_CHECKS, compile_check
from claimlog.formatmodels import KIND_MODELS, Header
from claimlog.loader import Map, load_path, load_text
from claimlog.recordgen import generate
from claimlog.validation import to_record

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted([*ROOT.glob("ledgers/**/*.yaml"), *ROOT.glob("examples/**/*.yaml")])
FIXTURES = sorted(ROOT.glob("tests/fixtures/**/*.yaml"))


def test_the_records_module_is_what_the_models_generate() -> None:
    committed = (ROOT / "src" / "claimlog" / "records.py").read_text(encoding="utf-8")
    assert committed == generate(), "run: python -m claimlog.recordgen > src/claimlog/records.py"


def _pydantic(section: str, node: Any) -> Any:
    try:
        return to_record(KIND_MODELS[section].model_validate(node))
    except ValidationError:
        return BAD


def _types(value: Any) -> Any:
    """The type of ``value`` and of everything inside it. A list or dict of the fast
    path may be the loaded Seq or Map itself (shared, not copied): it counts as a list
    or dict, and its items' types must still agree."""
    if isinstance(value, list):
        return list, [_types(v) for v in value]
    if isinstance(value, dict):
        return dict, [(_types(k), _types(v)) for k, v in value.items()]
    if hasattr(value, "FIELDS"):
        return type(value), [_types(getattr(value, name)) for name in value.FIELDS]
    return type(value)


def _agree(section: str, node: Any) -> tuple[bool, bool]:
    """(fast accepted, pydantic accepted); fails when the fast path accepts what
    pydantic refuses, or reads a value differently."""
    fast = RECORD_CHECKS[section](node)
    slow = _pydantic(section, node)
    if fast is not BAD:
        assert slow is not BAD, f"fast path accepted what pydantic refuses: {node!r}"
        assert fast == slow, (fast, slow)
        for name in fast.FIELDS:  # the same types too (1 == True, 1.0 == 1)
            assert _types(getattr(fast, name)) == _types(getattr(slow, name)), name
    return fast is not BAD, slow is not BAD


def _entities(path: Path) -> list[tuple[str, Any]]:
    root = load_path(str(path)).root
    if not isinstance(root, Map):
        return []
    return [
        (section, node)
        for section in KIND_MODELS
        if isinstance(root.get(section), list)
        for node in root[section]
    ]


def test_the_samples_are_read_without_pydantic_and_alike() -> None:
    """Every entity of every sample ledger passes the fast path (no sample pays for
    pydantic), with the values pydantic reads."""
    count = 0
    for path in SAMPLES:
        for section, node in _entities(path):
            assert _agree(section, node) == (True, True), (path, node)
            count += 1
    assert count > 100


def test_every_fixture_entity_gets_the_same_verdict_or_goes_to_pydantic() -> None:
    """On the fixtures, written to break things: the fast path never accepts what
    pydantic refuses; it passes the valid ones on and sends the rest to pydantic."""
    verdicts: dict[tuple[bool, bool], int] = {}
    for path in FIXTURES:
        for section, node in _entities(path):
            verdict = _agree(section, node)
            verdicts[verdict] = verdicts.get(verdict, 0) + 1
    assert verdicts.get((True, True), 0) > 100
    assert verdicts.get((False, False), 0) > 5
    # What pydantic accepts in a form the fast path leaves to it (a grade written
    # "+3.0", a prior "5e-1"): rare, and never a wrong answer, only a slower one.
    assert verdicts.get((False, True), 0) <= verdicts[(True, True)] // 10


def test_every_fixture_header_gets_the_same_verdict() -> None:
    for path in [*FIXTURES, *SAMPLES]:
        root = load_path(str(path)).root
        if not isinstance(root, Map):
            continue
        fast = HEADER_CHECK(root)
        try:
            slow: Any = Header.model_validate(root)
        except ValidationError:
            slow = None
        if fast is not None:
            assert slow is not None, path
            assert fast[0] == slow.title


# --- generated entities --------------------------------------------------------------

_TEXTS = [
    "",
    " ",
    "a",
    "x1",
    "src-1",
    "c:2.b_3",
    "-bad",
    "ÿid",
    "a b",
    "\x1c",
    "\u00a0",
    " text ",
    "1",
    "6",
    "7",
    "0",
    "06",
    "+3",
    " 3",
    "3.0",
    "1e0",
    "0.5",
    ".5",
    "0.",
    "1.0",
    "0.0",
    "5e-1",
    "0.99999999999999999999",
    "nan",
    "inf",
    "true",
    "False",
    "TRUE",
    "yes",
    "2024-02-29",
    "2023-02-29",
    "2024-03-22T20:00:00+03:00",
    "2024-03-22t20:00z",
    " 2024-03-22 ",
    "2024-W12-5",
    "20240322",
    "https://example.org/a?b#c",
    "http://user@example.org",
    "https://exa mple.org",
    "ftp://example.org",
    "A",
    "F",
    "G",
    "a" * 64,
    "f" * 63,
    "supports",
    "strongly-refutes",
    "neutral ",
    "hoop",
    "person",
    "outlet",
    "statement",
    "supported",
    "x" * 129,
]
_FIELD_NAMES = sorted({row[0] for table in records.FIELDS.values() for row in table} | {"bogus"})


def _values(depth: int) -> st.SearchStrategy[Any]:
    leaf = st.sampled_from([*_TEXTS, None])
    if depth == 0:
        return leaf
    inner = _values(depth - 1)
    return st.one_of(
        leaf,
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(_TEXTS[:8] + _FIELD_NAMES), inner, max_size=3),
    )


_GOOD: dict[str, list[str]] = {
    "id": ["a", "x1", "src-1", "c:2.b_3", "1"],
    "text": ["a", " text ", "a b", "1", "\u00a0x"],
    "str": ["", "a", " x "],
    "url": ["https://example.org/a?b#c", "http://user@example.org", "https://x"],
    "sha256": ["a" * 64, "A0" * 32],
    "int": ["1", "6", "3"],
    "float": [".5", "0.5", "0.25", "0.0000000000000000001", "0.99999999999999999999"],
    "date": ["2024-02-29", "2024-03-22T20:00:00+03:00", "2024-03-22t20:00z", " 2024-03-22 "],
    "flag": ["true", "False", "TRUE", "tRuE"],
}
_GOOD["retraction"] = _GOOD["flag"] + _GOOD["date"]
_BAD: dict[str, list[str]] = {
    "id": ["-bad", "a b", "ÿid", "x" * 129, "", "a\ud800"],
    "text": ["", " ", "\x1c", "\u00a0", "\ud800x"],
    "str": [],
    "url": ["https://exa mple.org", "ftp://example.org", "https://", "https://\udfffx"],
    "sha256": ["f" * 63, "g" * 64],
    "int": ["7", "0", "06", "+3", " 3", "3.0", "1e0", "٣", "-1"],
    "float": ["5e-1", "1", "0", " 0.5", "0.0", "1.0", "0.", "nan", "inf", "1e-400"],
    "date": ["2023-02-29", "2024-W12-5", "20240322", "2024-03-22T20:00", "0000-01-01"],
    "flag": ["yes", "1", "on", ""],
}
_BAD["retraction"] = _BAD["flag"] + _BAD["date"]


def _value(draw: Any, check: tuple[Any, ...], depth: int = 0) -> Any:
    """A value for ``check``: mostly of its own kind (valid or nearly), sometimes any."""
    if depth < 3 and draw(st.integers(0, 79)) == 0:
        return draw(_values(1))
    kind = check[0]
    if kind == "optional":
        return None if draw(st.integers(0, 4)) == 0 else _value(draw, check[1], depth + 1)
    if kind == "literal":
        if draw(st.integers(0, 29)) == 0:
            return draw(st.sampled_from(["other", check[1][0] + " ", check[1][0].upper()]))
        return draw(st.sampled_from(check[1]))
    if kind == "list":
        return [_value(draw, check[1], depth + 1) for _ in range(draw(st.integers(0, 3)))]
    if kind == "dict":
        size = draw(st.integers(0, 3))
        return {_value(draw, check[1], 3): _value(draw, check[2], depth + 1) for _ in range(size)}
    if kind == "record":
        return draw(_fields(check[1]))
    if kind == "any":
        return draw(_values(1))
    if _BAD[kind] and draw(st.integers(0, 29)) == 0:
        return draw(st.sampled_from(_BAD[kind]))
    return draw(st.sampled_from(_GOOD[kind]))


@st.composite
def _fields(draw: Any, name: str) -> dict[str, Any]:
    node: dict[str, Any] = {}
    for field, check, required, _default, _factory in records.FIELDS[name]:
        if (required and draw(st.integers(0, 39)) > 0) or draw(st.booleans()):
            node[field] = _value(draw, check)
    if draw(st.integers(0, 19)) == 0:
        node[draw(st.sampled_from(_FIELD_NAMES))] = draw(_values(1))
    return node


def _entity(section: str) -> st.SearchStrategy[dict[str, Any]]:
    return _fields(KIND_MODELS[section].__name__)


@pytest.mark.parametrize("section", list(KIND_MODELS))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_entities_get_the_same_verdict(section: str, data: st.DataObject) -> None:
    _agree(section, data.draw(_entity(section)))


def test_the_generated_entities_reach_both_verdicts() -> None:
    """The property above means something: its entities are often valid, often not."""
    seen: dict[tuple[str, bool], int] = {}

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(data=st.data())
    def sample(data: st.DataObject) -> None:
        for section in KIND_MODELS:
            key = (section, _agree(section, data.draw(_entity(section)))[0])
            seen[key] = seen.get(key, 0) + 1

    sample()
    for section in KIND_MODELS:
        assert seen.get((section, True), 0) >= 15, seen
        assert seen.get((section, False), 0) >= 15, seen


# --- what a command imports ------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "ledgers"],
        ["check", "--format", "json", "ledgers"],
        ["summary", "ledgers"],
        ["rules"],
        ["--help"],
        ["check", "--help"],
    ],
)
def test_commands_on_valid_ledgers_import_no_validation_library(argv: list[str]) -> None:
    """Seen in the process's own import log (it exits without unwinding, so nothing runs
    after the command)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "claimlog", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "CLAIMLOG_NO_CACHE": "1"},
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert "claimlog.cli" in imported
    assert not {m for m in imported if m.split(".")[0] in ("pydantic", "pydantic_core")}


def test_a_file_that_fails_is_still_explained_by_pydantic() -> None:
    done = subprocess.run(
        [
            *(sys.executable, "-X", "importtime", "-m", "claimlog", "check"),
            "tests/fixtures/CL102-unknown-field.yaml",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "CLAIMLOG_NO_CACHE": "1"},
    )
    assert done.returncode == 1
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert "pydantic" in imported
    assert "unknown field" in done.stdout


def test_what_the_loader_never_gives_still_goes_to_pydantic() -> None:
    """Found by review: a lone surrogate in a constrained string (a pure-Python YAML
    parser can give one) and a str subclass (pydantic returns plain str) are left to
    pydantic, so the two never differ."""

    class Tagged(str):
        pass

    for node in (
        {"id": "s1", "name": "\ud800x"},
        {"id": "s1", "name": "ok", "url": "https://a/\udc00"},
        {"id": Tagged("s1"), "name": "S"},
        {"id": "s1", "name": "S", "kind": Tagged("outlet"), "notes": Tagged("n")},
    ):
        assert RECORD_CHECKS["sources"](node) is BAD, node
        _agree("sources", node)
    item = {"id": "e", "summary": "S", "source": "s", "stance": {Tagged("c"): "supports"}}
    assert RECORD_CHECKS["evidence"](item) is BAD
    _agree("evidence", item)


def test_a_list_or_dict_that_passes_as_it_is_is_shared_not_copied() -> None:
    """A record keeps the loaded list or mapping itself when every item passes
    unchanged (no second copy of each id list and stance map), and a new one when an
    item is converted, leaving the loaded value as it was."""
    loaded = load_text(
        "evidence:\n  - {id: e, summary: s, source: a, via: [b, c], stance: {x: supports}}\n",
        "t.yaml",
    )
    assert isinstance(loaded.root, Map)
    node = loaded.root["evidence"][0]
    record = RECORD_CHECKS["evidence"](node)
    assert record.via == ["b", "c"]
    assert record.via is node["via"]
    assert record.stance == {"x": "supports"}
    assert record.stance is node["stance"]

    flags = [True, "false", "TRUE"]  # the first passes as it is, the others are read
    assert compile_check(("list", ("flag",)))(flags) == [True, False, True]
    assert flags == [True, "false", "TRUE"]
    named = {"a": True, "b": "false"}
    assert compile_check(("dict", ("str",), ("flag",), 0))(named) == {"a": True, "b": False}
    assert named == {"a": True, "b": "false"}
    words = ["x", "y"]
    assert compile_check(("list", ("str",)))(words) is words
    assert compile_check(("list", ("flag",)))(["true", "x"]) is BAD
