"""One fixture per rule: ``tests/fixtures/<CODE>-<rule-name>.yaml`` (or a directory).

Each fixture is a minimal ledger that triggers its rule and, unless its header
comment explains why another warning is unavoidable, nothing else. The expected
findings are written in the fixture itself, as a comment on the
offending line::

    source: cbs-newz   # expect: CL201 col 13

and ``claimlog check --format json`` must report exactly those (code, line,
column) triples at the default severity of the rule, and nothing more. Rules
whose input cannot sensibly be committed (raw non-UTF-8 bytes, a file over the
size limit, an unreadable file) are generated in ``tmp_path`` by the builders in
:data:`GENERATED`. A rule with neither a fixture nor a builder fails
:func:`test_every_rule_has_a_fixture`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from claimlog.diagnostics import RULES, Severity
from claimlog.loader import MAX_FILE_BYTES
from conftest import CLEAN_LEDGER, FIXTURES, findings, write

Expected = set[tuple[str, str, int, int]]
"""(code, path as shown, line, column)."""

EXPECT = re.compile(r"#\s*expect:\s*(?P<body>.*?)\s*$")
ITEM = re.compile(r"^(?P<code>CL\d{3}) col (?P<col>\d+)$")
FIXTURE_NAME = re.compile(r"^(?P<code>CL\d{3})-(?P<name>[a-z0-9-]+?)(?:\.yaml)?$")


def fixture_paths() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if FIXTURE_NAME.match(p.name))


def ledger_files(fixture: Path) -> list[Path]:
    if fixture.is_dir():
        return sorted(p for p in fixture.rglob("*") if p.suffix in (".yaml", ".yml"))
    return [fixture]


def parse_expectations(fixture: Path) -> Expected:
    """Every ``# expect: CODE col N`` comment (comma-separated for several) of a fixture."""
    expected: Expected = set()
    for file in ledger_files(fixture):
        shown = file.relative_to(fixture.parent).as_posix()
        text = file.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            match = EXPECT.search(line)
            if match is None:
                continue
            for item in match["body"].split(","):
                parsed = ITEM.match(item.strip())
                assert parsed, f"{shown}:{number}: malformed expectation {item!r}"
                expected.add((parsed["code"], shown, number, int(parsed["col"])))
    return expected


def check_json(cli: Callable[..., object], target: str, cwd: Path, *extra: str):
    result = cli(["check", "--format", "json", *extra, target], cwd=cwd)
    assert result.stderr == ""
    return result, result.json()


def assert_exactly(result, report, expected: Expected) -> None:
    got = findings(report)
    assert len(got) == len(set(got)), f"a finding is reported twice: {got}"
    assert set(got) == expected
    for d in report["diagnostics"]:
        rule = RULES[d["code"]]
        assert d["rule"] == rule.name
        assert d["severity"] == rule.severity.value
    errors = any(RULES[code].severity is Severity.ERROR for code, *_ in expected)
    assert result.code == (1 if errors else 0)
    counts = {
        "error": sum(RULES[c].severity is Severity.ERROR for c, *_ in expected),
        "warning": sum(RULES[c].severity is Severity.WARNING for c, *_ in expected),
    }
    for d in report["diagnostics"]:  # "and N more ...": counted as the N it stands for
        more = re.match(r"and ([\d,]+) more ", d["message"])
        if more:
            counts[d["severity"]] += int(more[1].replace(",", "")) - 1
    assert report["counts"] == counts


# --- fixtures on disk -----------------------------------------------------------------

# Fixtures that currently fail because of a known bug in claimlog (see the reason).
# Strict: once the bug is fixed the test passes, XPASS fails the suite, and the
# entry must be removed.
KNOWN_BUGS: dict[str, str] = {}


def _fixture_params() -> list[object]:
    return [
        pytest.param(
            p,
            id=p.name,
            marks=[pytest.mark.xfail(strict=True, raises=AssertionError, reason=KNOWN_BUGS[p.name])]
            if p.name in KNOWN_BUGS
            else [],
        )
        for p in fixture_paths()
    ]


@pytest.mark.parametrize("fixture", _fixture_params())
def test_fixture_reports_exactly_its_expectations(cli, fixture: Path) -> None:
    code = FIXTURE_NAME.match(fixture.name)["code"]
    expected = parse_expectations(fixture)
    assert expected, f"{fixture.name} has no '# expect:' comment"
    codes = {c for c, *_ in expected}
    assert code in codes, f"{fixture.name} does not expect its own rule {code}"
    # Where another finding is unavoidable (see the fixture's comment), it is a warning.
    others = {c for c in codes - {code} if RULES[c].severity is not Severity.WARNING}
    assert not others, f"{fixture.name} expects other rules at error severity: {others}"
    result, report = check_json(cli, fixture.name, FIXTURES)
    assert report["files"] == len(ledger_files(fixture))
    assert_exactly(result, report, expected)


@pytest.mark.parametrize("fixture", fixture_paths(), ids=lambda p: p.name)
def test_fixture_name_matches_rule_table(fixture: Path) -> None:
    match = FIXTURE_NAME.match(fixture.name)
    assert match["code"] in RULES, f"{fixture.name}: no rule {match['code']}"
    assert match["name"] == RULES[match["code"]].name


def test_fixture_runs_only_its_rule_when_selected(cli) -> None:
    """Selecting a fixture's rule keeps its findings; ignoring it leaves a clean file."""
    fixture = FIXTURES / "CL303-via-repeats-source.yaml"
    expected = parse_expectations(fixture)
    result, report = check_json(cli, fixture.name, FIXTURES, "--select", "CL303")
    assert_exactly(result, report, expected)
    result, report = check_json(cli, fixture.name, FIXTURES, "--ignore", "CL303")
    assert_exactly(result, report, set())


def test_expectation_parser_rejects_malformed_comments(tmp_path: Path) -> None:
    bad = write(tmp_path / "CL201-unknown-reference.yaml", "title: x   # expect: CL201 column 3\n")
    with pytest.raises(AssertionError, match="malformed expectation"):
        parse_expectations(bad)


# --- generated inputs -----------------------------------------------------------------
# Each builder writes its input under ``root`` and returns (the target to check from
# ``root/work``, the findings expected as (code, shown path, line, column)).


def _not_utf8(root: Path) -> tuple[str, Expected]:
    # Raw bytes that are not UTF-8 cannot live in a committed text fixture: a 0xFF byte
    # after a two-byte 'é' on line 4. The column counts characters, not bytes.
    data = CLEAN_LEDGER.replace("name: Source A", "name: Source \xe9\udcff")
    (root / "work" / "CL002.yaml").write_bytes(data.encode("utf-8", "surrogateescape"))
    return "CL002.yaml", {("CL002", "CL002.yaml", 4, 19)}


def _too_large(root: Path) -> tuple[str, Expected]:
    # A file one byte over the 16 MiB limit is generated rather than committed.
    body = CLEAN_LEDGER + "meta:\n  padding: "
    padding = MAX_FILE_BYTES + 1 - len(body) - 1
    target = root / "work" / "CL012.yaml"
    target.write_text(body + "x" * padding + "\n", encoding="ascii")
    assert target.stat().st_size == MAX_FILE_BYTES + 1
    return "CL012.yaml", {("CL012", "CL012.yaml", 1, 1)}


def _unreadable(root: Path) -> tuple[str, Expected]:
    # A dangling symlink inside a searched directory: listed, but it cannot be read.
    # (chmod 000 would not stop a test suite running as root.) Generated: git would
    # happily commit the link, but a checkout on another system may not keep it.
    # The link points inside the working directory (a link outside is CL016 whether
    # or not its target exists); the finding is at the link, under its own name.
    directory = root / "work" / "set"
    write(directory / "a.yaml", CLEAN_LEDGER)
    (directory / "b.yaml").symlink_to("missing.yaml")
    return "set", {("CL013", "set/b.yaml", 1, 1)}


def _unsafe(root: Path) -> tuple[str, Expected]:
    # What git can commit but must never be read: a symbolic link out of the working
    # directory (here to a file holding a secret) and a FIFO named like a ledger
    # (opening it for reading would wait for a writer forever). Generated: a FIFO
    # cannot be committed, and the link's target lives outside the repository.
    directory = root / "work" / "set"
    write(directory / "a.yaml", CLEAN_LEDGER)
    write(root / "secret.yaml", "token: not-for-the-log\n")
    (directory / "b.yaml").symlink_to(root / "secret.yaml")
    os.mkfifo(directory / "c.yaml")
    return "set", {("CL016", "set/b.yaml", 1, 1), ("CL016", "set/c.yaml", 1, 1)}


def _misleading(root: Path) -> tuple[str, Expected]:
    # Raw line separators and bidi controls are generated rather than committed: a
    # committed fixture would carry the very characters that hide text from review.
    # hidden.yaml: a line a diff shows as one comment hides an evidence item behind
    # two U+2028 (YAML breaks lines there): the file is not read. bidi.yaml: a bidi
    # control in a comment and one in a value; the file is read (and otherwise clean).
    directory = root / "work" / "misleading"
    hidden = CLEAN_LEDGER + (
        "  # reviewed 2024-05-04\u2028  - id: ev-hidden\u2028    summary: s\n# x\r  y\n"
    )
    write(directory / "hidden.yaml", hidden)
    bidi = CLEAN_LEDGER.replace("A clean ledger", "A clean \u202eledger").replace(
        "stance:", "stance:  # \u2067note\u2069"
    )
    write(directory / "bidi.yaml", bidi)
    return "misleading", {
        ("CL015", "misleading/hidden.yaml", 14, 24),
        ("CL015", "misleading/hidden.yaml", 14, 42),
        ("CL015", "misleading/hidden.yaml", 15, 4),
        ("CL015", "misleading/bidi.yaml", 1, 16),
        ("CL015", "misleading/bidi.yaml", 12, 16),
        ("CL015", "misleading/bidi.yaml", 12, 21),
    }


def _hidden(root: Path) -> tuple[str, Expected]:
    # Generated like CL015's: a committed fixture would hide what it tests. A zero-width
    # space inside a word of a summary, two tag characters (hidden letters) in a comment;
    # the joiners that Persian and emoji sequences need are not reported.
    text = (
        CLEAN_LEDGER.replace("A clean ledger", "A clean ledger  # \U000e0068\U000e0069")
        .replace("A report", "A re\u200bport")
        .replace("Something happened.", "Something happened, \u0645\u06cc\u200c\u0634\u0648\u062f.")
    )
    write(root / "work" / "hidden.yaml", text)
    return "hidden.yaml", {
        ("CL019", "hidden.yaml", 1, 26),
        ("CL019", "hidden.yaml", 1, 27),
        ("CL019", "hidden.yaml", 10, 18),
    }


def _misleading_name(root: Path) -> tuple[str, Expected]:
    # A file named with a bidi control (and a clean ledger in it) is generated rather
    # than committed, like CL015's: the name would hide itself in review.
    directory = root / "work" / "names"
    write(directory / "b\u202eyaml.lmx.yaml", CLEAN_LEDGER)
    return "names", {("CL018", "names/b\u202eyaml.lmx.yaml", 1, 1)}


def _many_invalid(root: Path) -> tuple[str, Expected]:
    # More invalid entities than are described one by one (1,000) is generated rather
    # than committed. Claims without a statement, one a line: the first 100 CL101 are
    # shown, the 101st stands for the other 900, and the 1,001st claim carries CL109.
    lines = "".join(f"  - {{id: c{i:04d}}}\n" for i in range(1_010))
    write(root / "work" / "CL109.yaml", "claims:\n" + lines)
    expected = {("CL101", "CL109.yaml", 2 + i, 6) for i in range(101)}
    return "CL109.yaml", expected | {("CL109", "CL109.yaml", 1_002, 5)}


def _echo_limit(root: Path) -> tuple[str, Expected]:
    # Too large to commit: a chain of 1,200 echoes (e_k rests on e_k-1), each refuting
    # its own claim of one group, passes e_k the k claims before it (an echo that
    # supported its own claim would dispute the supports before it, and take none).
    # The walk pays, at e_k, k stances read from e_k-1, k taken and k kept: 3k(k + 1)/2
    # after e_k, past the budget of 2,000,000 + 8 x 1,200 within e_1157
    # (3 x 1156 x 1157 / 2 + 3 x 1157).
    n = 1_200
    budget = 2_000_000 + 8 * n
    stop = next(k for k in range(1, n) if 3 * k * (k + 1) // 2 > budget)
    assert stop == 1_157
    head = ["sources:\n", *(f"  - {{id: s{i}, name: S, kind: outlet}}\n" for i in range(n))]
    head += ["claims:\n", *(f"  - {{id: c{i}, statement: C., group: g}}\n" for i in range(n))]
    head += ["evidence:\n"]
    item = "  - {id: e%d, summary: I., source: s%d, stance: {c%d: refutes}%s}\n"
    rests = [f", based_on: [e{i - 1}]" if i else "" for i in range(n)]
    body = [item % (i, i, i, rests[i]) for i in range(n)]
    write(root / "work" / "CL305.yaml", "".join(head + body))
    line = len(head) + stop + 1
    column = body[stop].index("[e") + 1
    return "CL305.yaml", {("CL305", "CL305.yaml", line, column)}


GENERATED: dict[str, Callable[[Path], tuple[str, Expected]]] = {
    "CL002": _not_utf8,
    "CL012": _too_large,
    "CL013": _unreadable,
    "CL015": _misleading,
    "CL016": _unsafe,
    "CL018": _misleading_name,
    "CL019": _hidden,
    "CL109": _many_invalid,
    "CL305": _echo_limit,
}


@pytest.mark.parametrize("code", sorted(GENERATED))
def test_generated_input_reports_exactly_its_rule(cli, tmp_path: Path, code: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    target, expected = GENERATED[code](tmp_path)
    result, report = check_json(cli, target, work)
    assert_exactly(result, report, expected)


def test_file_of_exactly_the_size_limit_is_read(cli, tmp_path: Path) -> None:
    body = CLEAN_LEDGER + "meta:\n  padding: "
    (tmp_path / "limit.yaml").write_text(
        body + "x" * (MAX_FILE_BYTES - len(body) - 1) + "\n", encoding="ascii"
    )
    assert (tmp_path / "limit.yaml").stat().st_size == MAX_FILE_BYTES
    result, report = check_json(cli, "limit.yaml", tmp_path)
    assert_exactly(result, report, set())


# --- coverage of the rule table -------------------------------------------------------


def test_every_rule_has_a_fixture() -> None:
    on_disk = {FIXTURE_NAME.match(p.name)["code"] for p in fixture_paths()}
    assert not on_disk & set(GENERATED), "a rule has both a fixture and a generated input"
    covered = on_disk | set(GENERATED)
    missing = sorted(set(RULES) - covered)
    assert not missing, f"rules without a fixture in tests/fixtures/: {missing}"
    stale = sorted(covered - set(RULES))
    assert not stale, f"fixtures for rules that do not exist: {stale}"


def test_every_rule_has_one_fixture_only() -> None:
    codes = [FIXTURE_NAME.match(p.name)["code"] for p in fixture_paths()]
    assert len(codes) == len(set(codes))


# --- the as-of date (CL401) -----------------------------------------------------------


DATED = CLEAN_LEDGER.replace("    source: src-a\n", "    source: src-a\n    date: {date}\n")


@pytest.mark.parametrize(
    ("date", "as_of", "flagged"),
    [
        ("2024-03-22", "2024-03-21", True),
        ("2024-03-22", "2024-03-22", False),  # the as-of day itself is not after it
        ("2024-03-22", "2024-03-23", False),
        # A date-time counts by its calendar date in its own offset: 23:30 in New York
        # on the 22nd is already the 23rd in UTC, but it is dated the 22nd.
        ("2024-03-22T23:30:00-05:00", "2024-03-22", False),
        ("2024-03-23T00:30:00+03:00", "2024-03-22", True),
    ],
)
def test_as_of_bounds_dates(cli, tmp_path: Path, date: str, as_of: str, flagged: bool) -> None:
    write(tmp_path / "dated.yaml", DATED.format(date=date))
    result, report = check_json(cli, "dated.yaml", tmp_path, "--as-of", as_of)
    expected = {("CL401", "dated.yaml", 12, 11)} if flagged else set()
    assert_exactly(result, report, expected)
    if flagged:
        message = report["diagnostics"][0]["message"]
        assert message == f"evidence 'ev-a' is dated {date}, after the as-of date {as_of}"


def test_as_of_in_the_future_accepts_the_future_date_fixture(cli) -> None:
    result, report = check_json(cli, "CL401-future-date.yaml", FIXTURES, "--as-of", "3000-01-01")
    assert_exactly(result, report, set())
