"""``claimlog schema`` accepts what ``claimlog check`` accepts, field by field.

claimlog keeps every scalar as the text that was typed; an editor validating against
the schema sees the file through a YAML 1.2 parser (yaml-language-server: eemeli/yaml,
core schema), where a plain ``012`` is the integer 12, ``1.10`` the float 1.1,
``true`` a boolean, ``yes`` and ``2024-05-04`` text, and ``~``, ``null`` or nothing a
null. Each file below is read both ways: the editor's view validated against the schema
(draft-07, patterns as ECMA-262 regular expressions), and ``claimlog check`` run for
real, its schema findings (CL1xx) placed at the entity and field they are about. The
two must name the same fields.

Some differences cannot be closed by any JSON Schema, because the editor's value no
longer says how it was written (``+1`` and ``1`` are both 1; ``null``, ``~`` and an
empty value are all null); :data:`GAPS` lists each of them, and the test holds that
they still differ, so the list stays true.
"""

from __future__ import annotations

import functools
import math
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import jsonschema
import pytest
import regress
import yaml
from jsonschema.exceptions import ValidationError
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from claimlog.formatmodels import (
    PYTHON_SPACE,
    UNICODE_SPACE,
    DateValue,
    Flag,
    Grade,
    Id,
    Prior,
    Retraction,
    Text,
    Url,
)
from claimlog.loader import Map, Seq, load_text
from claimlog.schema import DRAFT_07, ledger_json_schema
from conftest import FIXTURES, LEDGERS, run

KINDS: Final = ("sources", "claims", "evidence", "groups")
Place = tuple[str | int, ...]
"""Where a finding is: ``("evidence", 0, "credibility")``, ``("title",)``."""


# --- an editor's view: the YAML 1.2 core schema over PyYAML's nodes -----------------

_CORE: Final[list[tuple[re.Pattern[str], Callable[[str], Any]]]] = [
    (re.compile(r"null|Null|NULL|~|"), lambda _: None),
    (re.compile(r"true|True|TRUE"), lambda _: True),
    (re.compile(r"false|False|FALSE"), lambda _: False),
    (re.compile(r"[-+]?[0-9]+"), int),
    (re.compile(r"0o[0-7]+"), lambda t: int(t[2:], 8)),
    (re.compile(r"0x[0-9a-fA-F]+"), lambda t: int(t[2:], 16)),
    (re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"), float),
    (re.compile(r"[-+]?\.(inf|Inf|INF)"), lambda t: -math.inf if t[0] == "-" else math.inf),
    (re.compile(r"\.(nan|NaN|NAN)"), lambda _: math.nan),
]
"""The tag resolution of the YAML 1.2 core schema (spec 1.2.2, 10.3.2), for plain
scalars; quoted and block scalars are always text."""


def core_scalar(node: yaml.ScalarNode) -> Any:
    if node.style is not None:
        return node.value
    for pattern, convert in _CORE:
        if pattern.fullmatch(node.value):
            return convert(node.value)
    return node.value


def json_key(value: Any) -> str:
    """A resolved key as the string a JavaScript object key becomes (``String(k)``)."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value)


def editor_value(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return {json_key(core_scalar(k)): editor_value(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [editor_value(item) for item in node.value]
    return core_scalar(node)


def editor_view(text: str) -> Any:
    """The document as a YAML 1.2 editor hands it to its JSON Schema validator."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return None if node is None else editor_value(node)


def test_editor_view_is_the_yaml_1_2_core_schema() -> None:
    text = (
        "a: [012, 1.10, 1e3, 0x1F, 0o17, yes, no, on, True, ~, null, '', 2024-05-04, 1:20, "
        "'012', +1, -0, .5, .inf, 1e+3]\n"
    )
    values = editor_view(text)["a"]
    assert values[:12] == [12, 1.1, 1000.0, 31, 15, "yes", "no", "on", True, None, None, ""]
    assert values[12:] == ["2024-05-04", "1:20", "012", 1, 0, 0.5, math.inf, 1000.0]
    assert editor_view("{012: a, 1.10: b, true: c}") == {"12": "a", "1.1": "b", "true": "c"}


# --- the schema as an editor applies it -----------------------------------------------


@functools.cache
def ecma(pattern: str) -> regress.Regex:
    return regress.Regex(pattern, flags="u")


def _ecma_pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and ecma(pattern).find(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


EditorValidator = jsonschema.validators.extend(
    jsonschema.Draft7Validator, {"pattern": _ecma_pattern}
)
"""Draft-07 with ECMA-262 patterns (yaml-language-server compiles them with the ``u``
flag): Python's ``re`` would let ``$`` match before a final line break."""


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return ledger_json_schema()


@pytest.fixture(scope="module")
def editor(schema: dict[str, Any]) -> Any:
    return EditorValidator(schema)


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


def test_schema_is_draft_07_with_an_id(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == DRAFT_07 == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"] == "https://claimlog.invalid/schema/ledger-v2.json"
    jsonschema.Draft7Validator.check_schema(schema)
    patterns = set(_patterns(schema))
    assert len(patterns) >= 8
    for pattern in patterns:
        ecma(pattern)  # compiles as ECMA-262 with the u flag, as editors compile it
        re.compile(pattern)


def schema_places(editor: Any, data: Any) -> set[Place]:
    """The fields the schema rejects, each as the place of the entity field it is in."""
    places: set[Place] = set()
    for error in _leaves(editor.iter_errors(data)):
        path = tuple(error.absolute_path)
        if error.validator == "required":
            names = [n for n in error.validator_value if n not in error.instance]
            places.update((*path, n) for n in names)
        elif error.validator == "additionalProperties" and error.validator_value is False:
            known = error.schema.get("properties", {})
            places.update((*path, k) for k in error.instance if k not in known)
        else:
            places.add(path)
    return {field_place(p) for p in places}


def _leaves(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    """The errors of the branch of each ``anyOf`` that the value was meant for: the one
    whose errors are not only a mismatch of type at the value itself (``"type": "null"``
    for an optional field that was given)."""
    for error in errors:
        branches: dict[Any, list[ValidationError]] = {}
        for sub in error.context or ():
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        meant = [
            branch
            for branch in branches.values()
            if not all(e.validator == "type" and not e.relative_path for e in branch)
        ]
        if error.validator == "anyOf" and len(meant) == 1:
            yield from _leaves(meant[0])
        else:
            yield error


def field_place(path: Place) -> Place:
    """An entity's field (``evidence, 0, stance``) or a top-level key (``title``)."""
    if path and path[0] in KINDS:
        return path[:3]
    return path[:1]


# --- claimlog's verdict: its CL1xx findings, placed -------------------------------------


def _index(value: Any, path: Place, index: dict[tuple[int, int], list[Place]]) -> None:
    """Every place a key, a value or an item starts, by (line, column)."""
    if isinstance(value, Map):
        for key, (key_span, value_span) in value.spans.items():
            for span in (key_span, value_span):
                index.setdefault(span[:2], []).append((*path, key))
            _index(value[key], (*path, key), index)
    elif isinstance(value, Seq):
        for i, (item, span) in enumerate(zip(value, value.item_spans, strict=True)):
            index.setdefault(span[:2], []).append((*path, i))
            _index(item, (*path, i), index)


_MISSING: Final = re.compile(r"is missing required field '([^']+)'")


def claimlog_places(text: str, findings: list[dict[str, Any]]) -> set[Place]:
    """The fields claimlog's schema findings are about."""
    loaded = load_text(text, "ledger.yaml")
    index: dict[tuple[int, int], list[Place]] = {}
    _index(loaded.root, (), index)
    places: set[Place] = set()
    for finding in findings:
        candidates = index.get((finding["line"], finding["column"]), [()])
        place = max(candidates, key=len)
        missing = _MISSING.search(finding["message"])
        if missing:  # reported at the entity's head: its id, or its first key
            place = (*place[:2], *missing.group(1).split("."))
        places.add(field_place(place))
    return places


# --- the files: fixtures, sample ledgers, edge cases -----------------------------------


@dataclass(frozen=True)
class Case:
    """One value in one field of an otherwise clean ledger."""

    where: str
    """``kind.field`` (an entity's field) or a top-level key."""
    raw: str
    """The YAML text of the value, as typed."""
    gap: str | None = None
    """Why claimlog and the schema cannot agree on it, if they cannot."""

    @property
    def name(self) -> str:
        return f"{self.where}: {self.raw}" if self.raw else f"{self.where}: (empty)"

    def ledger(self) -> str:
        kind, _, field = self.where.partition(".")
        lines = [] if kind == "title" else ["title: An edge case"]
        if not field:
            lines.append(f"{kind}: {self.raw}".rstrip())
        for name, fields in BASE.items():
            if name == kind and not field:
                continue
            entity = {**fields, field: self.raw} if name == kind else fields
            lines.append(f"{name}:")
            for i, (key, value) in enumerate(entity.items()):
                lines.append(f"  {' ' if i else '-'} {key}: {value}".rstrip())
        return "\n".join(lines) + "\n"


BASE: Final = {
    "sources": {"id": "src-a", "name": "Source A"},
    "claims": {"id": "claim-a", "statement": "Something happened."},
    "evidence": {
        "id": "ev-a",
        "summary": "A report that it happened.",
        "source": "src-a",
        "stance": "{claim-a: supports}",
    },
    "groups": {"id": "group-a"},
}


def cases(where: str, *raws: str) -> list[Case]:
    return [Case(where, raw) for raw in raws]


NUMERIC: Final = [
    "012",
    "1.10",
    "1e3",
    "1e-3",
    "0x1F",
    "0o17",
    "2024-05-04",
    "1:20",
    "'012'",
    '"1.10"',
]
BOOLEAN: Final = ["yes", "no", "on", "true", "True", "FALSE"]
AGREED: Final = [
    *cases("sources.id", *NUMERIC, *BOOLEAN, "~", "", "-1", "-.inf", "a b", "x" * 129),
    *cases("evidence.source", "012", "1.10", "true", "-5"),
    *cases("evidence.via", "[012, 1.10, yes, TRUE]", "[-1]", "[~]", "['a b']"),
    *cases("claims.claimed_by", "[1e3, 0o17]", "[.5e-1x]"),
    *cases("sources.name", *NUMERIC, *BOOLEAN, ".inf", "-1", "''", "' '", ""),
    *cases("sources.affiliation", "[1, 2.5, true, x, 2024-05-04]", "['']", "[' ']"),
    *cases("claims.tags", "[012, no]"),
    *cases("title", "1.10", "yes", "null", "~", "", "012", "[a]", "{a: b}"),
    *cases("description", "12", "true", "~"),
    *cases("sources", ""),
    *cases("meta", "{1: 2, yes: ~}", "", "12"),
    *cases("titel", "a typo"),
    *cases("sources.notes", "12", "yes", "null", "~", "", "1.10", "-.inf"),
    *cases("evidence.quote", "1.10", "true"),
    *cases("claims.group", "1.10", "true", ""),
    *cases("sources.kind", "outlet", "Outlet", "", "12"),
    *cases("sources.reliability", "B", "b", "", "1"),
    *cases("sources.url", "https://example.org/a", "'ftp://example.org'", "12", "http://a b"),
    *cases("evidence.sha256", "'" + "a" * 64 + "'", "abc", "1" * 63 + "a", "12"),
    *cases("sources.kind2", "x"),
    # dates: YAML 1.2 has no timestamps, so the editor sees the text claimlog sees
    *cases("claims.date", "2024-05-04", "'2024-05-04'", "'  2024-05-04 '", "2024-5-4"),
    *cases("claims.date", "2024-02-30", "2024-02-29", "2023-02-29", "2000-02-29"),
    *cases("claims.date", "1900-02-29", "0000-01-01", "0001-01-01", "20240504", "2024-W12-5"),
    *cases("claims.date", "2024-05-04T10:00:00+03:00", "2024-05-04t10:00z", "''", "yes"),
    *cases("claims.date", "2024-05-04T10:00", "2024-05-04 10:00", "2024-05-04T10:00+03:60"),
    *cases("claims.date", "2024-05-04T10:00+23:60", "2024-05-04T10:00:00.1234567Z", ""),
    *cases("evidence.date", "2024-05-04T24:00Z", "2024-05-04T23:59:59.999999-23:59", "true"),
    # grades: 1..6 as a number, or as text pydantic reads as a whole number
    *cases("evidence.credibility", "2", "'2'", "02", "+2", "2.0", "'2.0'", "' 2 '", "6"),
    *cases("evidence.credibility", "7", "0", "-1", "2.5", "'2.5'", "two", "true", "", "'٢'"),
    # priors: strictly between 0 and 1
    *cases("claims.prior", "0.5", "'0.5'", ".5", "5e-1", "'5e-1'", "'0.5e0'", "' .25 '"),
    *cases("claims.prior", "0", "1", "1.0", "'1'", "-0.5", "1e-400", "abc", "yes", "true"),
    *cases("claims.prior", "0.99999999999999999999", "''", "", ".inf", "[0.5]"),
    # digit separators: pydantic reads '0_2' as 2; both refuse it (a typo, not a grade)
    *cases("evidence.credibility", "'0_2'", "3_0", "'2_'"),
    *cases("claims.prior", "'0_.5'", "0.1_5", "'.5_'"),
    # flags: true or false in any case, never yes/no
    *cases("groups.exhaustive", "true", "True", "TRUE", "tRUE", "'true'", "false", "FaLsE"),
    *cases("groups.exhaustive", "yes", "1", "on", "", "'true '"),
    *cases("evidence.retracted", "true", "False", "2024-05-04", "'2024-05-04'", "yes"),
    *cases("evidence.retracted", "2024-13-01", "", "1"),
    *cases("claims.resolution", "{value: true}", "{value: no}", "{}", "{value: True, x: 1}"),
    *cases("claims.resolution", "{value: true, date: 2024-05-04, source: 012, notes: 1}"),
    *cases("claims.resolution", "{value: true, date: 2024-02-30}", "{value: true, source: +x}"),
    # stance: claim ids to stances
    *cases("evidence.stance", "{012: supports}", "{yes: neutral}", "{1.10: refutes}"),
    *cases("evidence.stance", "{'bad id': supports}", "{claim-a: Supports}", "{claim-a: yes}"),
    *cases("evidence.stance", "{}", "[claim-a]", "", "{claim-a: ~}"),
]

GAPS: Final = [
    Case("sources.id", "null", "the text 'null' is a valid id; an editor sees null"),
    Case("sources.name", "null", "the text 'null' is a name; an editor sees null"),
    Case("sources.name", "~", "the text '~' is a name; an editor sees null"),
    Case("sources.affiliation", "[~]", "the text '~' is a tag; an editor sees null"),
    Case("sources.id", "+1", "'+1' is not a valid id; an editor sees 1"),
    Case("sources.id", "-0", "'-0' is not a valid id; an editor sees 0"),
    Case("sources.id", ".5", "'.5' is not a valid id; an editor sees 0.5"),
    Case("sources.id", "1e+3", "'1e+3' is not a valid id; an editor sees 1000"),
    Case("sources.id", ".inf", "'.inf' is not a valid id; an editor sees infinity"),
    Case("sources.id", ".nan", "'.nan' is not a valid id; an editor sees NaN"),
    Case("sources.id", "1" * 129, "129 characters are too long for an id; a number has no length"),
    Case("evidence.stance", "{+1: supports}", "'+1' is not a valid id; an editor's key is '1'"),
    Case("sources", "null", "the text 'null' is not a list; an editor sees null, 'not given'"),
    Case("sources.kind", "null", "the text 'null' is not a kind; an editor sees null"),
    Case("sources.kind", "~", "the text '~' is not a kind; an editor sees null"),
    Case("claims.date", "null", "the text 'null' is not a date; an editor sees null"),
    Case("claims.prior", "null", "the text 'null' is not a number; an editor sees null"),
    Case("evidence.credibility", "0x2", "pydantic does not read '0x2'; an editor sees 2"),
    Case("evidence.credibility", "0o2", "pydantic does not read '0o2'; an editor sees 2"),
    Case("evidence.credibility", "2.", "pydantic does not read '2.' as a whole number"),
    Case("evidence.credibility", "2e0", "pydantic does not read '2e0' as a whole number"),
    Case("claims.prior", ".nan", "NaN passes every bound of a JSON Schema"),
    Case("claims.prior", "'50e-2'", "a pattern cannot weigh an exponent against the digits"),
    Case("claims.prior", "'.05e1'", "a pattern cannot weigh an exponent against the digits"),
    Case("claims.prior", "'0.99999999999999999999'", "the text rounds to 1; a pattern cannot"),
    Case("evidence.sha256", "0" * 64, "a hash of 64 decimal digits is a number to an editor"),
]
"""What no JSON Schema can tell apart, and why; each differs today, and must."""


@dataclass(frozen=True)
class Verdicts:
    """The CL0xx and CL1xx findings of one ``claimlog check`` run, by file."""

    root: Path
    by_file: dict[str, list[dict[str, Any]]]

    def of(self, relative: str) -> list[dict[str, Any]]:
        return self.by_file.get(relative, [])


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    """One real ``claimlog check`` over the fixtures, the sample ledgers and the cases."""
    root = tmp_path_factory.mktemp("parity")
    shutil.copytree(FIXTURES, root / "fixtures")
    shutil.copytree(LEDGERS, root / "ledgers")
    (root / "cases").mkdir()
    for i, case in enumerate(AGREED + GAPS):
        (root / "cases" / f"{i:03}.yaml").write_text(case.ledger(), encoding="utf-8")
    done = run(["check", "--format", "json", "--select", "CL0,CL1", "."], root)
    assert done.code in (0, 1), done.stderr
    by_file: dict[str, list[dict[str, Any]]] = {}
    for finding in done.json()["diagnostics"]:
        by_file.setdefault(finding["path"].removeprefix("./"), []).append(finding)
    return Verdicts(root, by_file)


def both_views(editor: Any, verdicts: Verdicts, relative: str) -> tuple[set[Place], set[Place]]:
    """(claimlog's places, the schema's places) for one file of the run."""
    text = (verdicts.root / relative).read_text(encoding="utf-8")
    findings = verdicts.of(relative)
    assert not [f for f in findings if f["code"].startswith("CL0")], "not a YAML-clean file"
    return claimlog_places(text, findings), schema_places(editor, editor_view(text))


FILES: Final = sorted(
    [f"fixtures/{p.relative_to(FIXTURES)}" for p in FIXTURES.rglob("*.yaml")]
    + [f"ledgers/{p.name}" for p in LEDGERS.glob("*.yaml")]
)
LOADER_FIXTURES: Final = {f for f in FILES if re.match(r"fixtures/CL0\d\d", f)}
"""YAML-level problems (syntax, aliases, tags, ...): the loader refuses what an editor
parses differently, so the schema is not the judge there."""


@pytest.mark.parametrize("relative", sorted(set(FILES) - LOADER_FIXTURES))
def test_fixture_verdicts_agree(editor: Any, verdicts: Verdicts, relative: str) -> None:
    from_claimlog, from_schema = both_views(editor, verdicts, relative)
    assert from_schema == from_claimlog


def test_loader_fixtures_are_the_only_files_left_out(verdicts: Verdicts) -> None:
    refused = {
        path
        for path, findings in verdicts.by_file.items()
        if path.startswith(("fixtures/", "ledgers/"))
        and any(f["code"].startswith("CL0") for f in findings)
    }
    assert refused == LOADER_FIXTURES


def test_schema_fixtures_are_rejected_by_the_schema(editor: Any, verdicts: Verdicts) -> None:
    """Not a vacuous agreement: every fixture of a CL1xx rule that validation reports has
    a field the schema rejects (CL110, a URL that reads as another site, is found by a
    check over URLs the format accepts: a look-alike host is no pattern)."""
    from claimlog.checks import EMITTED

    validated = {rule.code for rule in EMITTED["validation"]}
    checked = 0
    for relative in FILES:
        found = re.match(r"fixtures/(CL1\d\d)", relative)
        if found and found[1] in validated:
            assert both_views(editor, verdicts, relative)[1], relative
            checked += 1
    assert checked >= 8


@pytest.mark.parametrize(("number", "case"), list(enumerate(AGREED)), ids=[c.name for c in AGREED])
def test_edge_case_verdicts_agree(editor: Any, verdicts: Verdicts, number: int, case: Case) -> None:
    from_claimlog, from_schema = both_views(editor, verdicts, f"cases/{number:03}.yaml")
    assert from_schema == from_claimlog, case.ledger()


@pytest.mark.parametrize(
    ("number", "case"), list(enumerate(GAPS, len(AGREED))), ids=[c.name for c in GAPS]
)
def test_known_gaps_still_differ(editor: Any, verdicts: Verdicts, number: int, case: Case) -> None:
    from_claimlog, from_schema = both_views(editor, verdicts, f"cases/{number:03}.yaml")
    assert from_schema != from_claimlog, f"no longer a gap ({case.gap}): move it to AGREED"


# --- text forms: each pattern against its validator, string by string -----------------


def _words(alphabet: str, longest: int) -> Iterator[str]:
    words = [""]
    for _ in range(longest):
        words = [w + c for w in words for c in alphabet]
        yield from words


def _dates() -> Iterator[str]:
    for year in ("0000", "0001", "1900", "2000", "2023", "2024", "9999", "٢٠٢٤"):
        for month in range(14):
            for day in range(33):
                yield f"{year}-{month:02}-{day:02}"
    times = [f"{h}:{m}" for h in ("00", "23", "24", "7") for m in ("00", "59", "60")]
    seconds = ["", ":00", ":59", ":60", ":00.1", ":00.123456", ":00.1234567", ":00,5"]
    offsets = ["Z", "z", "", "+00:00", "-00:00", "+03:60", "+03:99", "+22:99", "+23:59"]
    offsets += ["+23:60", "+24:00", "+0300", "+03", "-9:00"]
    for sep in ("T", "t", " "):
        for time in times:
            for second in seconds:
                for offset in offsets:
                    yield f"2024-02-29{sep}{time}{second}{offset}"


SPACES: Final = [chr(c) for c in range(0x3001) if chr(c).isspace()] + ["\ufeff", "\u180e"]
"""Every character that is white space to Python, Unicode or ECMA-262."""


def _spaced(words: list[str]) -> Iterator[str]:
    for word in words:
        yield word
        for space in SPACES:
            yield space + word
            yield word + space


FORMS: Final[dict[str, tuple[Any, tuple[str, ...], Callable[[], Iterator[str]]]]] = {
    "grade": (Grade, ("Evidence", "credibility"), lambda: _words("0126.+- \t", 4)),
    "grade (spaces)": (Grade, ("Evidence", "credibility"), lambda: _spaced(["2", "+02.0"])),
    "prior": (Prior, ("Claim", "prior"), lambda: _words("0159.+- ", 5)),
    "prior (exponents)": (
        Prior,
        ("Claim", "prior"),
        lambda: (
            f"{m}{e}{s}{x}"
            for m in ("5", "0.5", ".25", "9.99", "1.")
            for e in "eE"
            for s in ("", "+", "-")
            for x in ("0", "00", "1", "01", "9", "307")
        ),
    ),
    "prior (spaces)": (Prior, ("Claim", "prior"), lambda: _spaced([".5", "5e-1"])),
    "date": (DateValue, ("Claim", "date"), _dates),
    "date (spaces)": (DateValue, ("Claim", "date"), lambda: _spaced(["2024-02-29"])),
    "flag": (
        Flag,
        ("Group", "exhaustive"),
        lambda: _spaced([*_case_variants("true"), *_case_variants("false"), "yes", "1"]),
    ),
    "retraction": (
        Retraction,
        ("Evidence", "retracted"),
        lambda: _spaced(["True", "fALSE", "2024-02-29", "2023-02-29", "2024-02-29T10:00Z"]),
    ),
    "id": (Id, ("Source", "id"), lambda: _words("aZ09._:-+ é\n", 3)),
    "id (length)": (Id, ("Source", "id"), lambda: iter(["a" * n for n in (127, 128, 129)])),
    "text": (Text, ("Source", "name"), lambda: _spaced(["", "a", "\u200b", "\x00"])),
    "url": (
        Url,
        ("Source", "url"),
        lambda: _spaced(
            [
                "https://example.org/a b",
                "http://x",
                "https://u@x/",
                "ftp://x",
                "https://x\\@y/",
                "https://x/a\\b",
                "https://x/\x9b",
                "https://x/\u202e",
            ]
        ),
    ),
}
"""For each kind of field: its type in claimlog.model, its property in the schema, and
strings to try it with (quoted in YAML, so text to the editor as well)."""


def _case_variants(word: str) -> list[str]:
    variants = [""]
    for char in word:
        variants = [v + c for v in variants for c in (char, char.upper())]
    return variants


def test_space_classes_are_what_they_say() -> None:
    every = {chr(c) for c in range(0x3001)}  # no white space above U+3000
    python = {c for c in every if re.fullmatch(f"[{PYTHON_SPACE}]", c)}
    unicode = {c for c in every if re.fullmatch(f"[{UNICODE_SPACE}]", c)}
    assert python == {c for c in every if c.isspace()}
    assert unicode == python - set("\x1c\x1d\x1e\x1f")


@pytest.mark.parametrize("form", FORMS)
def test_text_forms_agree(editor: Any, schema: dict[str, Any], form: str) -> None:
    kind, (model, field), strings = FORMS[form]
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    prop = schema["definitions"][model]["properties"][field]
    validator = EditorValidator({**prop, "definitions": schema["definitions"]})
    disagreements = []
    for text in strings():
        try:
            adapter.validate_python(text)
            accepted = True
        except PydanticError:
            accepted = False
        if accepted != validator.is_valid(text):
            disagreements.append((text, "claimlog accepts" if accepted else "schema accepts"))
    assert disagreements == []
