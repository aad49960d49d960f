"""The command line as users see it: exit codes, output formats, selection, determinism,
``rules`` and ``schema``.

Key behaviour is checked twice: in-process through typer's ``CliRunner`` and through a
real ``python -m claimlog`` subprocess (the ``claimlog`` fixture is parametrized over
both), because only the subprocess shows what the real entry point does with stdout,
stderr and exit codes.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from claimlog.diagnostics import RULES, RULES_BY_NAME
from claimlog.reading import MAX_FILE_BYTES
from conftest import CLEAN_LEDGER, DIAGNOSTIC_KEYS, FIXTURES, LEDGERS, REPO, Run, run, write

# A ledger with four findings of four rules, two errors and two warnings:
#   CL102 unknown-field (error)   line 6
#   CL406 unused-source (warning) line 7
#   CL405 no-evidence (warning)   line 12
#   CL201 unknown-reference (error) line 20
SEVERAL = """\
title: Several findings
sources:
  - id: src-a
    name: Source A
    reliability: B
    colour: red
  - id: src-unused
    name: Nobody cites this
claims:
  - id: claim-a
    statement: Something happened.
  - id: claim-lonely
    statement: Nobody looked into this.
evidence:
  - id: ev-a
    summary: A report that it happened.
    source: src-a
    stance:
      claim-a: supports
      claim-zz: refutes
"""
SEVERAL_FINDINGS = [
    ("CL102", 6, 5),
    ("CL406", 7, 9),
    ("CL405", 12, 9),
    ("CL201", 20, 7),
]


@pytest.fixture(params=["in-process", "subprocess"])
def claimlog(request: pytest.FixtureRequest, cli: Callable[..., Run]) -> Callable[..., Run]:
    """Run claimlog in-process or as a subprocess: ``claimlog(args, cwd)``."""
    if request.param == "in-process":
        return cli

    def invoke(args: list[str | Path], cwd: Path | None = None) -> Run:
        return run(args, cwd or Path.cwd())

    return invoke


def assert_clean_exit_2(result: Run) -> None:
    """Could not run: exit 2, nothing on stdout, one 'claimlog: ...' line on stderr."""
    assert result.code == 2, result
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimlog: ")


def codes_of(result: Run) -> list[str]:
    return [d["code"] for d in result.json()["diagnostics"]]


# --- exit codes -------------------------------------------------------------------------


def test_sample_ledgers_have_no_errors(cli) -> None:
    for args in (["check"], ["check", "ledgers"], ["check", "--format", "json", "ledgers"]):
        result = cli(args, REPO)
        assert result.code == 0, result.stdout
        assert result.stderr == ""
    report = cli(["check", "--format", "json"], REPO).json()
    assert report["files"] == len(list(LEDGERS.glob("*.yaml")))
    assert report["counts"]["error"] == 0
    assert all(d["severity"] == "warning" for d in report["diagnostics"])
    result = run(["check"], REPO)  # the same through the real entry point
    assert (result.code, result.stderr) == (0, "")


def test_errors_exit_1(claimlog) -> None:
    result = claimlog(["check", "CL201-unknown-reference.yaml"], FIXTURES)
    assert result.code == 1
    assert result.stderr == ""
    assert "error[CL201]" in result.stdout


def test_warnings_only_exit_0_and_1_under_strict(claimlog) -> None:
    target = "CL406-unused-source.yaml"
    result = claimlog(["check", target], FIXTURES)
    assert result.code == 0
    assert "warning[CL406]" in result.stdout
    assert claimlog(["check", "--strict", "--format", "json", target], FIXTURES).code == 1


def test_clean_ledger_exit_0_even_under_strict(cli, tmp_path: Path) -> None:
    write(tmp_path / "clean.yaml", CLEAN_LEDGER)
    for args in (["check", "clean.yaml"], ["check", "--strict", "clean.yaml"]):
        result = cli(args, tmp_path)
        assert result.code == 0
        assert result.stdout == "No findings in 1 file.\n"
        assert result.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["check", "no-such-file.yaml"], id="missing-path"),
        pytest.param(["check", "ledger.yaml", "no-such-dir"], id="missing-second-path"),
        pytest.param(["check", "--select", "CL999", "ledger.yaml"], id="unknown-select-code"),
        pytest.param(["check", "--select", "no-such-rule", "ledger.yaml"], id="unknown-select"),
        pytest.param(["check", "--ignore", "CL201,bogus", "ledger.yaml"], id="unknown-ignore"),
        pytest.param(["check", "--as-of", "yesterday", "ledger.yaml"], id="as-of-word"),
        pytest.param(["check", "--as-of", "2024-13-01", "ledger.yaml"], id="as-of-month-13"),
        pytest.param(["check", "--as-of", "2024-02-30", "ledger.yaml"], id="as-of-feb-30"),
        pytest.param(["check", "--as-of", "", "ledger.yaml"], id="as-of-empty"),
        pytest.param(["rules", "XYZ"], id="unknown-rule"),
        pytest.param(["rules", "CL999"], id="unknown-rule-code"),
        pytest.param(["check", "empty-dir"], id="dir-without-ledgers"),
        pytest.param(["check"], id="no-paths-no-ledgers-dir"),
    ],
)
def test_could_not_run_exits_2(cli, tmp_path: Path, args: list[str]) -> None:
    write(tmp_path / "ledger.yaml", CLEAN_LEDGER)
    write(tmp_path / "empty-dir" / "notes.txt", "not a ledger\n")
    (tmp_path / "empty-dir" / "sub").mkdir()
    assert_clean_exit_2(cli(args, tmp_path))


def test_could_not_run_exits_2_in_a_subprocess(tmp_path: Path) -> None:
    write(tmp_path / "ledger.yaml", CLEAN_LEDGER)
    (tmp_path / "empty-dir").mkdir()
    for args in (
        ["check", "no-such-file.yaml"],
        ["check", "--as-of", "2024-13-01", "ledger.yaml"],
        ["check"],
    ):
        assert_clean_exit_2(run(args, tmp_path))


def test_unknown_rule_message_suggests_a_close_one(cli) -> None:
    result = cli(["rules", "unknown-referenc"])
    assert_clean_exit_2(result)
    assert "unknown-reference" in result.stderr


def test_missing_path_is_named(cli, tmp_path: Path) -> None:
    result = cli(["check", "nowhere.yaml"], tmp_path)
    assert_clean_exit_2(result)
    assert "nowhere.yaml" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "xml", "ledger.yaml"],
        ["check", "--color", "sometimes", "ledger.yaml"],
        ["check", "--no-such-option", "ledger.yaml"],
        ["no-such-command"],
    ],
    ids=["bad-format", "bad-color", "unknown-option", "unknown-command"],
)
def test_bad_options_exit_2_without_traceback(cli, tmp_path: Path, args: list[str]) -> None:
    write(tmp_path / "ledger.yaml", CLEAN_LEDGER)
    result = cli(args, tmp_path)
    assert result.code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_bad_option_in_a_subprocess(tmp_path: Path) -> None:
    write(tmp_path / "ledger.yaml", CLEAN_LEDGER)
    result = run(["check", "--format", "xml", "ledger.yaml"], tmp_path)
    assert result.code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "--format" in result.stderr


def test_default_ledgers_directory_is_used(claimlog, tmp_path: Path) -> None:
    write(tmp_path / "ledgers" / "nested" / "one.yml", CLEAN_LEDGER)
    write(tmp_path / "ledgers" / ".hidden" / "skip.yaml", "not: [valid\n")
    write(tmp_path / "ledgers" / ".skip.yaml", "not: [valid\n")
    write(tmp_path / "ledgers" / "readme.md", "not: [valid\n")
    result = claimlog(["check", "--format", "json"], tmp_path)
    assert result.code == 0
    assert result.json()["files"] == 1


# --- JSON -------------------------------------------------------------------------------


def test_json_matches_the_documented_shape_exactly(claimlog) -> None:
    result = claimlog(["check", "--format", "json", "CL201-unknown-reference.yaml"], FIXTURES)
    assert result.code == 1
    assert result.stderr == ""
    assert result.stdout.endswith("}\n")
    report = result.json()
    assert list(report) == ["version", "files", "counts", "diagnostics"]
    assert list(report["counts"]) == ["error", "warning"]
    assert [list(d) for d in report["diagnostics"]] == [DIAGNOSTIC_KEYS]
    assert report == {
        "version": 1,
        "files": 1,
        "counts": {"error": 1, "warning": 0},
        "diagnostics": [
            {
                "code": "CL201",
                "rule": "unknown-reference",
                "severity": "error",
                "path": "CL201-unknown-reference.yaml",
                "line": 14,
                "column": 13,
                "end_line": 14,
                "end_column": 22,
                "message": "evidence 'ev-a' cites unknown source 'src-alpah'",
                "hint": "did you mean 'src-alpha'? If 'src-alpah' is another source, add it "
                "under 'sources:'",
            }
        ],
    }


def test_json_hint_is_null_when_there_is_none(cli) -> None:
    report = cli(["check", "--format", "json", "CL407-retracted-only.yaml"], FIXTURES).json()
    (finding,) = report["diagnostics"]
    assert list(finding) == DIAGNOSTIC_KEYS
    assert finding["hint"] is None


def test_json_with_no_findings(claimlog, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", CLEAN_LEDGER)
    write(tmp_path / "b.yaml", "title: Another file\n")
    result = claimlog(["check", "--format", "json", "a.yaml", "b.yaml"], tmp_path)
    assert result.code == 0
    assert result.json() == {
        "version": 1,
        "files": 2,
        "counts": {"error": 0, "warning": 0},
        "diagnostics": [],
    }


def test_json_types_and_order_over_many_findings(cli) -> None:
    report = cli(["check", "--format", "json", "."], FIXTURES).json()
    diagnostics = report["diagnostics"]
    assert len(diagnostics) > 30
    for d in diagnostics:
        assert list(d) == DIAGNOSTIC_KEYS
        assert d["rule"] == RULES[d["code"]].name
        assert d["severity"] in ("error", "warning")
        for key in ("line", "column", "end_line", "end_column"):
            assert isinstance(d[key], int)
            assert d[key] >= 1
        assert (d["end_line"], d["end_column"]) >= (d["line"], d["column"])
        assert d["hint"] is None or isinstance(d["hint"], str)
    order = [(d["path"], d["line"], d["column"], d["code"], d["message"]) for d in diagnostics]
    assert order == sorted(order)
    counts = report["counts"]
    assert counts["error"] == sum(d["severity"] == "error" for d in diagnostics)
    assert counts["warning"] == sum(d["severity"] == "warning" for d in diagnostics)


# --- paths ------------------------------------------------------------------------------


def test_paths_are_relative_to_the_working_directory(cli, tmp_path: Path) -> None:
    ledger = write(
        tmp_path / "ledgers" / "case.yaml",
        FIXTURES.joinpath("CL406-unused-source.yaml").read_text(encoding="utf-8"),
    )
    cases = [
        (tmp_path, [str(ledger)], "ledgers/case.yaml"),  # absolute, under the cwd
        (tmp_path, [str(tmp_path / "ledgers")], "ledgers/case.yaml"),
        (tmp_path, ["ledgers"], "ledgers/case.yaml"),
        (tmp_path / "ledgers", ["."], "case.yaml"),
        (tmp_path / "ledgers", [str(ledger)], "case.yaml"),
    ]
    for cwd, args, shown in cases:
        result = cli(["check", "--format", "json", *args], cwd)
        assert [d["path"] for d in result.json()["diagnostics"]] == [shown], (cwd, args)
        text = cli(["check", *args], cwd).stdout
        assert text.startswith(f"{shown}:6:9: warning[CL406] "), (cwd, args)
    result = run(["check", "--format", "concise", str(tmp_path / "ledgers")], tmp_path)
    assert result.stdout.startswith("ledgers/case.yaml:6:9: warning[CL406] ")


def test_a_file_named_twice_is_read_once(cli, tmp_path: Path) -> None:
    write(tmp_path / "ledgers" / "a.yaml", CLEAN_LEDGER)
    args = ["check", "--format", "json", "ledgers", "ledgers/a.yaml", str(tmp_path / "ledgers")]
    result = cli(args, tmp_path)
    assert result.code == 0
    assert result.json()["files"] == 1


# --- text -------------------------------------------------------------------------------


def test_text_format_exactly(claimlog) -> None:
    result = claimlog(["check", "CL201-unknown-reference.yaml"], FIXTURES)
    assert result.stdout == (
        "CL201-unknown-reference.yaml:14:13: error[CL201] evidence 'ev-a' cites unknown "
        "source 'src-alpah'\n"
        "   |\n"
        "14 |     source: src-alpah   # expect: CL201 col 13\n"
        "   |             ^^^^^^^^^\n"
        "   = hint: did you mean 'src-alpha'? If 'src-alpah' is another source, add it under "
        "'sources:'\n"
        "\n"
        "Found 1 error in 1 file.\n"
    )


def test_text_without_hint_has_no_hint_line(cli) -> None:
    out = cli(["check", "CL407-retracted-only.yaml"], FIXTURES).stdout
    assert out == (
        "CL407-retracted-only.yaml:7:9: warning[CL407] the only evidence item on claim "
        "'claim-a' is retracted\n"
        "  |\n"
        "7 |   - id: claim-a   # expect: CL407 col 9\n"
        "  |         ^^^^^^^\n"
        "\n"
        "Found 1 warning in 1 file.\n"
    )


def test_text_of_a_file_that_was_not_read_has_no_excerpt(cli, tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"title: " + b"x" * MAX_FILE_BYTES + b"\n")
    out = cli(["check", "big.yaml"], tmp_path).stdout
    lines = out.splitlines()
    assert re.fullmatch(r"big\.yaml:1:1: error\[CL012\] .*", lines[0])
    assert lines[1] == "  = hint: split it into several ledger files"
    assert lines[2:] == ["", "Found 1 error in 1 file."]


def test_text_every_finding_has_header_excerpt_and_caret(cli, tmp_path: Path) -> None:
    write(tmp_path / "several.yaml", SEVERAL)
    result = cli(["check", "several.yaml"], tmp_path)
    blocks = result.stdout.split("\n\n")
    assert blocks[-1] == "Found 2 errors and 2 warnings in 1 file.\n"
    source = SEVERAL.splitlines()
    assert len(blocks) == len(SEVERAL_FINDINGS) + 1
    for block, (code, line, column) in zip(blocks, SEVERAL_FINDINGS, strict=False):
        head, bar, excerpt, caret, *rest = block.split("\n")
        severity = RULES[code].severity.value
        assert re.fullmatch(rf"several\.yaml:{line}:{column}: {severity}\[{code}\] \S.*", head)
        gutter = " " * len(str(line))
        assert bar == f"{gutter} |"
        assert excerpt == f"{line} | {source[line - 1]}"
        assert caret.startswith(f"{gutter} | {' ' * (column - 1)}^")
        assert set(caret[len(gutter) + 3 + column - 1 :]) == {"^"}
        assert all(r.startswith(f"{gutter} = hint: ") for r in rest)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.yaml": CLEAN_LEDGER}, "No findings in 1 file."),
        ({"a.yaml": CLEAN_LEDGER, "b.yaml": "title: B\n"}, "No findings in 2 files."),
        ({"a.yaml": SEVERAL}, "Found 2 errors and 2 warnings in 1 file."),
        (
            {"a.yaml": SEVERAL.replace("    colour: red\n", ""), "b.yaml": "title: B\n"},
            "Found 1 error and 2 warnings in 2 files.",
        ),
        ({"a.yaml": "# nothing\n"}, "Found 1 warning in 1 file."),
        ({"a.yaml": "[\n"}, "Found 1 error in 1 file."),
    ],
)
def test_text_final_line(cli, tmp_path: Path, files: dict[str, str], expected: str) -> None:
    for name, text in files.items():
        write(tmp_path / name, text)
    out = cli(["check", "."], tmp_path).stdout
    assert out.endswith("\n")
    assert out.splitlines()[-1] == expected


def test_concise_format_is_one_line_per_finding(cli, tmp_path: Path) -> None:
    write(tmp_path / "several.yaml", SEVERAL)
    out = cli(["check", "--format", "concise", "several.yaml"], tmp_path).stdout
    lines = out.splitlines()
    assert len(lines) == len(SEVERAL_FINDINGS)
    for text, (code, line, column) in zip(lines, SEVERAL_FINDINGS, strict=True):
        severity = RULES[code].severity.value
        assert text.startswith(f"several.yaml:{line}:{column}: {severity}[{code}] ")


# --- selecting rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], {"CL102", "CL201", "CL405", "CL406"}),
        (["--select", "CL201"], {"CL201"}),
        (["--select", "unknown-reference"], {"CL201"}),
        (["--select", "CL4"], {"CL405", "CL406"}),
        (["--select", "CL40"], {"CL405", "CL406"}),
        (["--select", "CL201,unused-source"], {"CL201", "CL406"}),
        (["--select", "CL201", "--select", "CL1"], {"CL102", "CL201"}),
        (["--select", "ALL"], {"CL102", "CL201", "CL405", "CL406"}),
        (["--ignore", "CL201"], {"CL102", "CL405", "CL406"}),
        (["--ignore", "CL4"], {"CL102", "CL201"}),
        (["--ignore", "no-evidence,unknown-field"], {"CL201", "CL406"}),
        (["--ignore", "CL1", "--ignore", "CL2"], {"CL405", "CL406"}),
        (["--select", "CL1,CL2", "--ignore", "CL102"], {"CL201"}),
        (["--select", "CL2", "--ignore", "unknown-reference"], set()),
    ],
)
def test_select_and_ignore(cli, tmp_path: Path, options: list[str], expected: set[str]) -> None:
    write(tmp_path / "several.yaml", SEVERAL)
    result = cli(["check", "--format", "json", *options, "several.yaml"], tmp_path)
    report = result.json()
    assert set(codes_of(result)) == expected
    assert report["counts"]["error"] == len(expected & {"CL102", "CL201"})
    assert report["counts"]["warning"] == len(expected & {"CL405", "CL406"})
    assert result.code == (1 if expected & {"CL102", "CL201"} else 0)


def test_selection_decides_the_exit_code(cli, tmp_path: Path) -> None:
    write(tmp_path / "several.yaml", SEVERAL)
    assert cli(["check", "several.yaml"], tmp_path).code == 1
    assert cli(["check", "--ignore", "CL1,CL2", "several.yaml"], tmp_path).code == 0
    assert cli(["check", "--select", "CL4", "several.yaml"], tmp_path).code == 0
    assert cli(["check", "--select", "CL4", "--strict", "several.yaml"], tmp_path).code == 1
    assert run(["check", "--select", "CL4", "several.yaml"], tmp_path).code == 0
    out = cli(["check", "--select", "CL406", "several.yaml"], tmp_path).stdout
    assert out.splitlines()[-1] == "Found 1 warning in 1 file."


# --- determinism ------------------------------------------------------------------------


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    for args in (
        ["check", "--format", "json", "tests/fixtures", "ledgers"],
        ["check", "tests/fixtures", "ledgers"],
    ):
        # Different hash seeds: set and dict-of-str iteration orders differ between runs.
        first = run(args, REPO, env={"PYTHONHASHSEED": "1"})
        second = run(args, REPO, env={"PYTHONHASHSEED": "2"})
        assert first.code == second.code == 1
        assert first.stdout == second.stdout
        assert first.stderr == second.stderr == ""
        assert len(first.stdout) > 1000


def _load_text_only(path: Path) -> dict[str, Any]:
    """A ledger file with every scalar as the text typed (as claimlog reads it)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


# Entities with problems of many kinds, added to the sample ledgers so that shuffling
# and splitting have findings to move around (references, provenance, dates, groups,
# assessment warnings).
EXTRA: dict[str, list[dict[str, Any]]] = {
    "sources": [
        {"id": "loop-a", "name": "Loop A", "derived_from": ["loop-b"]},
        {"id": "loop-b", "name": "Loop B", "derived_from": ["loop-c"]},
        {"id": "loop-c", "name": "Loop C", "derived_from": ["loop-a"]},
        # an unknown reference holds its entry back: on entries no claim's verdict reads
        {"id": "idle", "name": "Idle source", "reliability": "A", "derived_from": ["nowhere"]},
        {"id": "party-voice", "name": "Party voice", "affiliation": ["party-x"]},
        {"id": "strong-1", "name": "Strong one", "reliability": "A"},
        {"id": "strong-2", "name": "Strong two", "reliability": "A"},
    ],
    "claims": [
        {"id": "x-first", "statement": "X did it.", "group": "who", "verdict": "supported"},
        {"id": "x-second", "statement": "Y did it.", "group": "who", "verdict": "supported"},
        {"id": "x-lonely", "statement": "Z did it.", "group": "wha"},
        {"id": "x-bare", "statement": "Nothing bears on this."},
        {"id": "x-withdrawn", "statement": "Only retracted items bear on this."},
        {"id": "x-party", "statement": "X is innocent.", "parties": ["party-x"]},
        {"id": "x-prior-1", "statement": "P.", "group": "pri", "prior": "0.8"},
        {"id": "x-prior-2", "statement": "Q.", "group": "pri", "prior": "0.4"},
    ],
    "evidence": [
        {
            "id": "x-ev-1",
            "summary": "Strong support for X.",
            "source": "strong-1",
            "credibility": "1",
            "via": ["loop-a", "loop-a"],
            "stance": {"x-first": "strongly-supports", "x-second": "strongly-refutes"},
        },
        {
            "id": "x-ev-2",
            "summary": "More strong support for X.",
            "source": "strong-2",
            "credibility": "2",
            "via": ["strong-2"],
            "stance": {"x-first": "supports", "x-lonely": "neutral"},
        },
        {
            "id": "x-ev-7",
            "summary": "On a claim nobody wrote.",
            "source": "strong-2",
            "stance": {"x-nothing": "supports"},
        },
        {
            # after today: an error (CL401) that holds back what its claims' assessment
            # says, so on a claim of its own
            "id": "x-ev-6",
            "summary": "News from the future.",
            "source": "strong-1",
            "date": "2999-01-01",
            "stance": {"x-lonely": "neutral"},
        },
        {
            "id": "x-ev-3",
            "summary": "The party says so.",
            "source": "party-voice",
            "stance": {"x-party": "supports", "x-prior-1": "supports", "x-prior-2": "refutes"},
        },
        {
            "id": "x-ev-4",
            "summary": "Withdrawn.",
            "source": "loop-c",
            "retracted": "true",
            "stance": {"x-withdrawn": "supports"},
        },
        {
            "id": "x-ev-5",
            "summary": "An unknown origin.",
            "source": "strong-3",
            "stance": {"x-prior-1": "refutes"},
        },
    ],
}
KINDS = ("sources", "claims", "evidence")


def _entries() -> dict[str, list[Any]]:
    entries: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    for path in sorted(LEDGERS.glob("*.yaml")):
        data = _load_text_only(path)
        for kind in KINDS:
            entries[kind] += data.get(kind) or []
    for kind in KINDS:
        entries[kind] += EXTRA[kind]
    return entries


def _write_set(directory: Path, parts: list[dict[str, list[Any]]]) -> None:
    directory.mkdir()
    for i, part in enumerate(parts):
        data = {"title": f"Part {i}", **{k: v for k, v in part.items() if v}}
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
        write(directory / f"part-{i:02d}.yaml", text)


def _findings_of(cli: Callable[..., Run], directory: Path) -> tuple[int, set[tuple[Any, ...]]]:
    result = cli(["check", "--format", "json", "."], directory)
    report = result.json()
    found = [(d["code"], d["message"], d["hint"]) for d in report["diagnostics"]]
    assert len(found) == len(set(found)), "a finding is reported twice"
    return result.code, set(found)


def test_findings_do_not_depend_on_entry_order_or_files(cli, tmp_path: Path) -> None:
    entries = _entries()
    _write_set(tmp_path / "whole", [entries])
    code, baseline = _findings_of(cli, tmp_path / "whole")
    assert code == 1
    # The extra entities produce findings of many rules; make sure they all show.
    assert {c for c, _, _ in baseline} >= {
        "CL201", "CL301", "CL302", "CL303", "CL401", "CL402", "CL403", "CL404",
        "CL405", "CL406", "CL407", "CL408", "CL410", "CL412",
    }  # fmt: skip
    for seed in range(4):
        rng = random.Random(seed)
        shuffled = {kind: rng.sample(items, len(items)) for kind, items in entries.items()}
        _write_set(tmp_path / f"shuffled-{seed}", [shuffled])
        assert _findings_of(cli, tmp_path / f"shuffled-{seed}") == (code, baseline), seed
        files = rng.randint(2, 6)
        parts: list[dict[str, list[Any]]] = [{k: [] for k in KINDS} for _ in range(files)]
        for kind, items in shuffled.items():
            for item in items:
                parts[rng.randrange(files)][kind].append(item)
        _write_set(tmp_path / f"split-{seed}", parts)
        assert _findings_of(cli, tmp_path / f"split-{seed}") == (code, baseline), seed


# --- rules ------------------------------------------------------------------------------


def test_rules_lists_every_rule_in_order(claimlog) -> None:
    result = claimlog(["rules"], REPO)
    assert result.code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "FIX", "SUMMARY"]
    assert len(lines) == len(RULES) + 1
    for line, rule in zip(lines[1:], RULES.values(), strict=True):
        code, name, severity, fix, summary = line.split(maxsplit=4)
        assert (code, name, severity, fix, summary) == (
            rule.code,
            rule.name,
            rule.severity.value,
            "yes" if rule.fixable else "no",
            rule.summary,
        )


@pytest.mark.parametrize("word", ["CL201", "unknown-reference", "cl201"])
def test_rules_shows_one_rule(cli, word: str) -> None:
    result = cli(["rules", word], REPO)
    assert result.code == 0
    assert result.stderr == ""
    rule = RULES["CL201"]
    lines = result.stdout.splitlines()
    assert lines[0] == "CL201 unknown-reference (error, References)"
    assert lines[1] == ""
    assert lines[2] == rule.summary
    assert " ".join(result.stdout.split()).endswith(" ".join(rule.doc.split()))
    assert all(len(line) <= 78 for line in lines[4:])


def test_every_rule_can_be_shown_by_name(cli) -> None:
    for rule in RULES.values():
        out = cli(["rules", rule.name]).stdout
        assert out.startswith(f"{rule.code} {rule.name} ({rule.severity.value}, ")
        # Whitespace aside (the text is wrapped), the whole documentation is shown.
        assert "".join(out.split()).endswith("".join(rule.doc.split()))


def test_rules_json(claimlog, cli) -> None:
    result = claimlog(["rules", "--format", "json"], REPO)
    assert result.code == 0
    report = result.json()
    assert list(report) == ["version", "rules"]
    assert report["version"] == 1
    assert [r["code"] for r in report["rules"]] == list(RULES)
    for entry in report["rules"]:
        assert list(entry) == [
            "code",
            "name",
            "severity",
            "family",
            "summary",
            "documentation",
            "fixable",
        ]
        rule = RULES[entry["code"]]
        assert entry["fixable"] is rule.fixable
        assert entry["name"] == rule.name
        assert RULES_BY_NAME[entry["name"]] is rule
        assert entry["severity"] == rule.severity.value
        assert entry["summary"] == rule.summary
        assert entry["documentation"] == rule.doc
    one = cli(["rules", "--format", "json", "CL201"], REPO).json()
    assert one == {"version": 1, "rules": [report["rules"][list(RULES).index("CL201")]]}


def test_rule_table_is_well_formed() -> None:
    assert len({r.name for r in RULES.values()}) == len(RULES)
    for code, rule in RULES.items():
        assert re.fullmatch(r"CL\d{3}", code)
        assert rule.code == code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
        assert rule.summary.endswith(".")
        assert len(rule.doc) > 40


# --- schema -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = run(["schema"], REPO)
    assert result.code == 0
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_schema_is_draft_07(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)


def test_schema_in_process_matches_subprocess(cli, schema: dict[str, Any]) -> None:
    result = cli(["schema"])
    assert result.code == 0
    assert json.loads(result.stdout) == schema


def _plain(value: Any) -> Any:
    """YAML 1.1 timestamps as the ISO text a YAML 1.2 editor sees (the schema's audience)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", sorted(LEDGERS.glob("*.yaml")), ids=lambda p: p.name)
def test_sample_ledgers_validate_against_the_schema(schema: dict[str, Any], path: Path) -> None:
    data = _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(
    "ledger",
    [
        {"titel": "typo"},
        {"sources": [{"id": "a"}]},
        {"sources": [{"id": "a", "name": "A", "reliability": "G"}]},
        {"sources": [{"id": "bad id", "name": "A"}]},
        {"evidence": [{"id": "e", "summary": "s", "source": "a", "stance": {"c": "maybe"}}]},
        {"claims": [{"id": "c", "statement": "s", "date": "22/03/2024"}]},
    ],
)
def test_schema_rejects_what_check_rejects(schema: dict[str, Any], ledger: Any) -> None:
    assert not jsonschema.Draft7Validator(schema).is_valid(ledger)


def test_schema_accepts_a_clean_ledger(schema: dict[str, Any]) -> None:
    data = yaml.safe_load(CLEAN_LEDGER)
    assert jsonschema.Draft7Validator(schema).is_valid(data)


# --- streams and bad input --------------------------------------------------------------


def test_findings_go_to_stdout_and_nothing_to_stderr(tmp_path: Path) -> None:
    write(tmp_path / "several.yaml", SEVERAL)
    result = run(["check", "several.yaml"], tmp_path)
    assert result.code == 1
    assert result.stderr == ""
    assert "error[CL201]" in result.stdout


EVIDENCE = "evidence:\n  - id: e\n    summary: s\n    source: a\n"

# Inputs of every odd shape: each must give findings (exit 0 or 1), never a crash.
BAD_INPUTS: dict[str, str | bytes] = {
    "empty": "",
    "only-comment": "# nothing here\n",
    "only-document-marker": "---\n",
    "scalar-top": "just text\n",
    "list-top": "- a\n- b\n",
    "null-top": "~\n",
    "binary": b"\x00\x01\x02\xff\xfe",
    "utf16": "title: t\n".encode("utf-16"),
    "unclosed-flow": "sources: [\n",
    "unclosed-quote": 'title: "open\n',
    "bad-indent": "sources:\n  - id: a\n   name: A\n",
    "tab": "sources:\n\t- id: a\n",
    "sources-scalar": "sources: 5\n",
    "sources-mapping": "sources: {id: a}\n",
    "sources-empty-items": "sources:\n  -\n  -\n",
    "entity-list": "sources:\n  - [a, b]\n",
    "id-list": "sources:\n  - id: [a]\n    name: A\n",
    "id-mapping": "claims:\n  - id: {a: b}\n    statement: s\n",
    "stance-list": "evidence:\n  - id: e\n    summary: s\n    source: a\n    stance: [c]\n",
    "stance-nested": "evidence:\n  - id: e\n    summary: s\n    source: a\n    stance: {c: [x]}\n",
    "stance-empty": "evidence:\n  - id: e\n    summary: s\n    source: a\n    stance: {}\n",
    "stance-bad-key": EVIDENCE + "    stance: {'a b': x}\n",
    "credibility-float": EVIDENCE + "    credibility: 1.5\n",
    "credibility-huge": "evidence:\n  - id: e\n    summary: s\n    source: a\n    credibility: "
    + "9" * 5000
    + "\n",
    "prior-nan": "claims:\n  - id: c\n    statement: s\n    prior: nan\n",
    "prior-inf": "claims:\n  - id: c\n    statement: s\n    prior: 1e999\n",
    "prior-group-zero": "claims:\n  - {id: c, statement: s, group: g, prior: '1e-300'}\n"
    "  - {id: d, statement: s, group: g, prior: '0.999999999'}\n",
    "date-list": "claims:\n  - id: c\n    statement: s\n    date: [2024]\n",
    "date-hour-25": "claims:\n  - id: c\n    statement: s\n    date: 2024-03-22T25:00:00+03:00\n",
    "date-year-0": "claims:\n  - id: c\n    statement: s\n    date: 0000-01-01\n",
    "date-extreme": "claims:\n  - id: c\n    statement: s\n    date: 9999-12-31T23:59:59-23:59\n",
    "retracted-list": EVIDENCE + "    retracted: [true]\n",
    "via-scalar": EVIDENCE + "    via: a\n    stance: {c: supports}\n",
    "derived-self": "sources:\n  - id: a\n    name: A\n    derived_from: [a]\n",
    "null-key": "? \n: x\n",
    "int-key": "1: x\n",
    "complex-key-top": "? {a: b}\n: x\n",
    "meta-list": "meta: [a]\n",
    "directive": "%YAML 1.1\n---\ntitle: t\n",
    "tag-directive": "%TAG !e! tag:example.com,2000:\n---\ntitle: !e!foo t\n",
    "verbatim-tag": "title: !<tag:yaml.org,2002:python/object:os.system> t\n",
    "alias-top": "*a\n",
    "anchor-top": "&a\ntitle: t\n",
    "undefined-alias": "title: *nowhere\n",
    "bad-escape": 'title: "\\ud800"\n',
    "bom": "\ufefftitle: t\n",
    "crlf": "title: t\r\nsources:\r\n  - id: a\r\n    name: A\r\n",
    "long-line": "title: t\nmeta:\n  k: " + "x" * 100_000 + " y: z\n",
    "many-documents": "title: a\n---\ntitle: b\n---\ntitle: c\n",
    "same-id-everywhere": "sources:\n  - {id: a, name: A}\nclaims:\n  - {id: a, statement: s}\n"
    "evidence:\n  - {id: a, summary: s, source: a, stance: {a: supports}}\n",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_findings_not_a_crash(cli, tmp_path: Path, name: str) -> None:
    content = BAD_INPUTS[name]
    path = tmp_path / f"{name}.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    report = cli(["check", "--format", "json", path.name], tmp_path)  # raises on a crash
    assert report.code in (0, 1), report
    assert report.json()["files"] == 1
    text = cli(["check", path.name], tmp_path)
    assert text.code == report.code
    assert "Traceback" not in text.stdout + text.stderr


def test_bad_inputs_together_in_a_subprocess(tmp_path: Path) -> None:
    for name, content in BAD_INPUTS.items():
        path = tmp_path / "set" / f"{name}.yaml"
        path.parent.mkdir(exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    result = run(["check", "--format", "json", "set"], tmp_path)
    assert result.code == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    assert result.json()["files"] == len(BAD_INPUTS)


@pytest.mark.parametrize(
    ("asked", "hint"),
    [
        ("CL999", "'claimlog rules' lists them all"),
        ("CL1O1", "did you mean 'CL101'?"),
        ("unused-sourc", "did you mean 'unused-source'?"),
    ],
)
def test_an_unknown_rule_is_suggested_only_one_digit_off(cli, asked: str, hint: str) -> None:
    """'rules CL999' suggested CL409, two digits off (found by a tour); with no rule one
    digit off, it says where the rules are (another tour)."""
    done = cli(["rules", asked], FIXTURES)
    assert done.code == 2
    assert done.stderr == f"claimlog: no rule '{asked}'; {hint}\n"


def test_a_flag_asked_of_rules_is_named_as_a_flag(cli) -> None:
    """A tour: 'claimlog rules accused-only' answered "did you mean 'retracted-only'?";
    the flags of `summary` are no rules, and the answer now says what the flag means.
    A rule of a flag's name is the rule, in any case (a review: 'No-Evidence')."""
    for asked in ("no-evidence", "No-Evidence"):
        shown = cli(["rules", asked], FIXTURES)
        assert shown.code == 0
        assert shown.stdout.startswith("CL405 no-evidence")
    done = cli(["rules", "accused-only"], FIXTURES)
    assert done.code == 2
    assert done.stderr == (
        "claimlog: 'accused-only' is a flag of the assessment, not a rule: all refuting "
        "evidence comes from interested parties (the accused and their side, or "
        "parties whose side is not known) "
        "(docs/credibility.md, section 5)\n"
    )
