"""check in CI: github annotations, SARIF, JUnit, --output, configuration, suppressions."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from claimlog.cli import app
from claimlog.diagnostics import RULES, Diagnostic, Severity
from claimlog.render.github import annotation, escape_data, escape_property
from conftest import run as run_claimlog

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT.parent / "shared" / "data" / "sarif-schema-2.1.0.json"

LEDGER = """\
title: CI formats
sources:
  - id: src-a
    name: Source A
claims:
  - id: claim-a
    statement: Something happened.
    claimed_by: [src-a]
evidence:
  - id: ev-a
    summary: A report.
    source: src-b
    stance:
      claim-a: supports
"""


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """claimlog in a real subprocess (environment and working directory are its own)."""
    done = run_claimlog(args, cwd, {"NO_COLOR": "1", **(env or {})})
    return done.code, done.stdout, done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # enough for repository-relative paths
    ledgers = tmp_path / "ledgers"
    ledgers.mkdir()
    (ledgers / "a.yaml").write_text(LEDGER, encoding="utf-8")
    return tmp_path


def test_github_escapes_message_and_properties_exactly() -> None:
    d = Diagnostic(
        path="led,gers/50%:a.yaml",
        line=3,
        column=9,
        code="CL201",
        message="bad 100% value: a, b\nnext\rline",
        end_line=3,
        end_column=17,
        severity=Severity.ERROR,
        hint="did you mean 'x'?",
    )
    assert annotation(d) == (
        "::error file=led%2Cgers/50%25%3Aa.yaml,line=3,col=9,endLine=3,endColumn=17,"
        "title=CL201 unknown-reference::bad 100%25 value: a, b%0Anext%0Dline%0A"
        "hint: did you mean 'x'?"
    )
    assert escape_data("%\r\n:,") == "%25%0D%0A:,"
    assert escape_property("%\r\n:,") == "%25%0D%0A%3A%2C"


def test_github_names_no_file_it_cannot_name() -> None:
    """A test campaign: a tab in a file's name reached ``file=`` as a space (another
    file; the runner decodes no escape but %, CR, LF, : and ,). Such an annotation
    names no file and starts its message with the place, shown literally; a line feed
    is encoded as the runner decodes it."""
    tab = Diagnostic("a\tb.yaml", 3, 9, "CL018", "m", 3, 10, Severity.ERROR)
    assert annotation(tab) == "::error title=CL018 misleading-file-name::a\\x09b.yaml:3:9: m"
    esc = Diagnostic("a\x1bb.yaml", 1, 1, "CL018", "m", 1, 2, Severity.ERROR)
    assert annotation(esc).startswith(
        "::error title=CL018 misleading-file-name::a\\x1bb.yaml:1:1: m"
    )
    feed = Diagnostic("a\nb.yaml", 1, 1, "CL018", "m", 1, 2, Severity.ERROR)
    assert annotation(feed).startswith("::error file=a%0Ab.yaml,line=1,col=1,")


def test_github_leaves_out_columns_for_spans_over_several_lines() -> None:
    d = Diagnostic("a.yaml", 2, 5, "CL103", "m", 4, 1, Severity.WARNING)
    line = annotation(d)
    assert line.startswith("::warning file=a.yaml,line=2,endLine=4,title=")
    assert "col=" not in line
    assert "endColumn=" not in line


def test_github_says_when_annotations_pass_what_a_step_shows() -> None:
    """GitHub shows ten annotations of each kind for a step and drops the rest without
    a word: past ten of a kind, a last notice says how many there are and where."""
    from claimlog.render.github import SHOWN, render

    def found(k: int, severity: Severity) -> Diagnostic:
        return Diagnostic("a.yaml", k + 1, 1, "CL201", f"m{k}", k + 1, 2, severity)

    errors = [found(k, Severity.ERROR) for k in range(SHOWN)]
    assert "::notice" not in render([*errors, found(99, Severity.WARNING)])
    out = render([*errors, found(SHOWN, Severity.ERROR), found(99, Severity.WARNING)])
    *annotations, notice = out.splitlines()
    assert len(annotations) == SHOWN + 2
    assert notice == (
        "::notice title=claimlog::claimlog: 11 errors and 1 warning; GitHub shows the first "
        "10 annotations of each kind on the pull request, and this step's log lists them all"
    )
    # a rule's "and 5 more" past max-findings-per-rule: one annotation, five findings
    more = replace(found(SHOWN + 1, Severity.ERROR), hidden=5)
    *_, notice = render([*errors, found(SHOWN, Severity.ERROR), more]).splitlines()
    assert "claimlog: 16 errors in 12 annotations; GitHub shows" in notice


def test_github_is_the_default_under_github_actions(repo: Path) -> None:
    code, out, _ = run(["check"], repo, {"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert out.startswith("::error file=ledgers/a.yaml,line=12,col=13,")
    code, out, _ = run(["check", "--format", "concise"], repo, {"GITHUB_ACTIONS": "true"})
    fence, finding, resume = out.splitlines()  # asked for, and fenced from the runner
    assert fence.startswith("::stop-commands::claimlog-")
    assert finding.startswith("ledgers/a.yaml:12:13: error[CL201]")
    assert resume == "::" + fence.removeprefix("::stop-commands::") + "::"


def test_github_paths_are_repository_relative_from_a_subfolder(repo: Path) -> None:
    sub = repo / "ledgers"
    code, out, _ = run(["check", "--format", "github", "a.yaml"], sub)
    assert code == 1
    assert "file=ledgers/a.yaml," in out


def test_repository_paths_come_from_the_files_not_the_working_folder(tmp_path: Path) -> None:
    """A CI tour: a workflow that checks out into a folder of its own (`path: repo`) and
    runs claimlog above it wrote annotations for 'checkout/ledgers/a.yaml', and GitLab
    and SARIF paths from the working folder: none attaches to a file of the
    repository. The root is that of the git work tree holding each file."""
    checkout = tmp_path / "checkout"
    (checkout / ".git").mkdir(parents=True)
    (checkout / "ledgers").mkdir()
    (checkout / "ledgers" / "a.yaml").write_text(LEDGER, encoding="utf-8")
    for cwd, given in ((tmp_path, "checkout/ledgers"), (Path("/"), str(checkout / "ledgers"))):
        _, out, _ = run(["check", "--format", "github", given], cwd)
        assert "file=ledgers/a.yaml," in out, out
        _, out, _ = run(["check", "--format", "gitlab", given], cwd)
        assert {issue["location"]["path"] for issue in json.loads(out)} == {"ledgers/a.yaml"}
        _, out, _ = run(["check", "--format", "sarif", given], cwd)
        (result,) = json.loads(out)["runs"][0]["results"]
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": "ledgers/a.yaml", "uriBaseId": "%SRCROOT%"}


def sarif_of(repo: Path, *args: str) -> dict[str, object]:
    code, out, err = run(["check", "--format", "sarif", *args], repo)
    assert code in (0, 1), err
    loaded = json.loads(out)
    assert isinstance(loaded, dict)
    return loaded


def test_sarif_has_every_rule_and_the_fields_github_requires(repo: Path) -> None:
    log = sarif_of(repo)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]  # type: ignore[index]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "claimlog"
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"]
    (result,) = run_["results"]
    assert result["ruleId"] == "CL201"
    assert driver["rules"][result["ruleIndex"]]["id"] == "CL201"
    assert result["level"] == "error"
    assert "src-b" in result["message"]["text"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "ledgers/a.yaml"
    assert location["region"] == {
        "startLine": 12,
        "startColumn": 13,
        "endLine": 12,
        "endColumn": 18,
    }
    assert result["partialFingerprints"]["claimlog/v1"]


def test_sarif_fingerprints_survive_moved_lines(repo: Path) -> None:
    before = sarif_of(repo)
    ledger = repo / "ledgers" / "a.yaml"
    ledger.write_text("# a comment that moves every line down\n" + LEDGER, encoding="utf-8")
    after = sarif_of(repo)
    fp = [
        log["runs"][0]["results"][0]["partialFingerprints"]  # type: ignore[index]
        for log in (before, after)
    ]
    assert fp[0] == fp[1]


@pytest.mark.skipif(not SARIF_SCHEMA.exists(), reason="../shared/data is not beside the project")
def test_sarif_validates_against_the_official_schema(repo: Path) -> None:
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(sarif_of(repo), schema)
    jsonschema.validate(sarif_of(repo, str(ROOT / "ledgers")), schema)


WARNING_ONLY = """\
title: One warning
sources:
  - id: spare-outlet
    name: Nobody cites this
  - id: used-outlet
    name: Cited
claims:
  - id: claim-c
    statement: Something else happened.
evidence:
  - id: ev-c
    summary: A report.
    source: used-outlet
    stance:
      claim-c: supports
"""
"""One warning (CL406, spare-outlet is never used, at 3:9) and nothing else."""
CLEAN = (
    WARNING_ONLY.replace("-c", "-d")
    .replace("used-outlet", "cited-outlet")
    .replace("  - id: spare-outlet\n    name: Nobody cites this\n", "")
)


def junit_of(repo: Path, *args: str) -> tuple[int, ET.Element]:
    code, out, err = run(["check", "--format", "junit", *args], repo)
    assert code in (0, 1), err
    return code, ET.fromstring(out)


def cases(root: ET.Element) -> list[tuple[str | None, str | None, str]]:
    """(classname, name, outcome) of every test case."""
    out = []
    for case in root.iter("testcase"):
        kinds = [child.tag for child in case if child.tag in ("failure", "skipped", "error")]
        out.append((case.get("classname"), case.get("name"), kinds[0] if kinds else "passed"))
    return out


def test_junit_has_a_testcase_per_finding_and_per_clean_file(repo: Path) -> None:
    (repo / "ledgers" / "b.yaml").write_text(WARNING_ONLY, encoding="utf-8")
    (repo / "ledgers" / "c.yaml").write_text(CLEAN, encoding="utf-8")
    code, root = junit_of(repo)
    assert code == 1
    assert cases(root) == [
        (
            "ledgers/a.yaml",
            "CL201 unknown-reference: evidence 'ev-a' cites unknown source 'src-b'",
            "failure",
        ),
        ("ledgers/b.yaml", "CL406 unused-source: source 'spare-outlet' is never used", "skipped"),
        ("ledgers/c.yaml", "no findings", "passed"),
    ]
    (failure,) = root.iter("failure")
    assert failure.get("type") == "CL201 unknown-reference"
    assert (failure.text or "").startswith("ledgers/a.yaml:12:13: error[CL201] ")
    (skipped,) = root.iter("skipped")
    assert skipped.get("message") == "warning[CL406] source 'spare-outlet' is never used"
    suite = root.find("testsuite")
    assert suite is not None
    counts = {k: suite.get(k) for k in ("tests", "failures", "errors", "skipped")}
    assert counts == {"tests": "3", "failures": "1", "errors": "0", "skipped": "1"}
    assert {k: root.get(k) for k in counts} == counts


def test_junit_never_fails_a_run_that_exits_0(repo: Path) -> None:
    (repo / "ledgers" / "a.yaml").write_text(WARNING_ONLY, encoding="utf-8")
    code, root = junit_of(repo)
    assert code == 0
    assert not list(root.iter("failure"))
    assert [outcome for *_, outcome in cases(root)] == ["skipped"]
    # Under --strict the warning fails the run, and the report says so.
    code, root = junit_of(repo, "--strict")
    assert code == 1
    assert [outcome for *_, outcome in cases(root)] == ["failure"]


def test_junit_of_a_clean_run_has_a_passing_case_per_file(repo: Path) -> None:
    (repo / "ledgers" / "a.yaml").write_text(CLEAN, encoding="utf-8")
    (repo / "ledgers" / "z.yaml").write_text(
        CLEAN.replace("-d", "-z").replace("cited-", "z-"), encoding="utf-8"
    )
    code, out, _ = run(["check", "--format", "junit"], repo)
    assert code == 0
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out)
    assert cases(root) == [
        ("ledgers/a.yaml", "no findings", "passed"),
        ("ledgers/z.yaml", "no findings", "passed"),
    ]
    assert root.get("tests") == "2"
    assert root.get("failures") == "0"


TWICE = """\
title: Twice
claims:
  - id: claim-c
    statement: One.
    statement: Two.
  - id: claim-d
    statement: Three.
    statement: Four.
"""
"""Two findings CL003 'duplicate key 'statement' (first defined at line N)'."""


def test_junit_names_do_not_change_when_lines_move(repo: Path) -> None:
    """A CI tour: test cases were named by place ('CL410 interested-parties-only at
    164:9'), and GitLab compares test cases by class and name: a line added at the top
    showed every finding below as a new failure and a fixed one. A name is the code, the
    rule and the message without the lines of the places it quotes; the place is in
    the failure's text."""
    places_repo(repo)
    (repo / "ledgers" / "c.yaml").write_text(TWICE, encoding="utf-8")
    _, root = junit_of(repo)
    places_repo(repo, "# a comment\n# and another, that move every line down\n")
    c = repo / "ledgers" / "c.yaml"
    c.write_text("# moved\n" + c.read_text(encoding="utf-8"), encoding="utf-8")
    _, moved = junit_of(repo)
    named = cases(root)
    assert cases(moved) == named
    by_class: dict[str | None, list[str | None]] = {}
    for classname, name, _ in named:
        by_class.setdefault(classname, []).append(name)
    assert all(len(set(names)) == len(names) for names in by_class.values())
    assert by_class["ledgers/a.yaml"] == [
        "CL202 duplicate-id: id 'src-a' is defined more than once: the definition used is "
        "the one at ledgers/a.yaml:#, not this one",
        "CL202 duplicate-id: id 'src-a' is defined more than once: this definition is used, "
        "not the one at ledgers/a.yaml:#",
        "CL003 duplicate-key: duplicate key 'statement' (first defined at line #)",
        "CL413 suspected-copy: evidence 'ev-b' carries the same quote as 'ev-a' "
        "(ledgers/a.yaml:#), from a different origin",
    ]
    # two findings alike in one file but for the line they quote: the second numbered
    assert [n for n in by_class["ledgers/c.yaml"] if str(n).startswith("CL003")] == [
        "CL003 duplicate-key: duplicate key 'statement' (first defined at line #)",
        "CL003 duplicate-key: duplicate key 'statement' (first defined at line #) (2)",
    ]
    texts = [f.text or "" for f in moved.iter("failure")]
    assert any(t.startswith("ledgers/a.yaml:15:5: error[CL003] ") for t in texts), texts
    assert any(t.startswith("ledgers/b.yaml:7:7: error[CL001] ") for t in texts), texts


def test_junit_numbers_a_name_past_the_names_of_its_file() -> None:
    """A message may itself end like a numbered name: every name of a file stays one."""
    from claimlog.render.junit import render

    def found(line: int, message: str) -> Diagnostic:
        return Diagnostic("a.yaml", line, 1, "CL406", message, line, 2, Severity.WARNING)

    out = render([found(1, "x"), found(2, "x (2)"), found(3, "x"), found(4, "x")], ["a.yaml"])
    names = [case.get("name") for case in ET.fromstring(out).iter("testcase")]
    assert names == [f"CL406 unused-source: {n}" for n in ("x", "x (2)", "x (3)", "x (4)")]


# --- GitLab Code Quality ----------------------------------------------------------------

GITLAB_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "GitLab Code Quality report (the fields GitLab documents and reads)",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "additionalProperties": False,
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "additionalProperties": False,
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^(/|\\./)"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "additionalProperties": False,
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def gitlab_of(cwd: Path, *args: str) -> tuple[int, list[dict[str, object]], str]:
    code, out, err = run(["check", "--format", "gitlab", *args], cwd)
    assert code in (0, 1), err
    report = json.loads(out)
    import jsonschema

    jsonschema.validate(report, GITLAB_SCHEMA)
    assert isinstance(report, list)
    return code, report, out


def test_gitlab_code_quality_conforms_and_names_repository_paths(repo: Path) -> None:
    (repo / "ledgers" / "b.yaml").write_text(WARNING_ONLY, encoding="utf-8")
    code, report, _ = gitlab_of(repo)
    assert code == 1
    assert [(i["check_name"], i["severity"], i["location"]) for i in report] == [
        ("CL201 unknown-reference", "major", {"path": "ledgers/a.yaml", "lines": {"begin": 12}}),
        ("CL406 unused-source", "minor", {"path": "ledgers/b.yaml", "lines": {"begin": 3}}),
    ]
    assert report[0]["description"] == (
        "CL201 evidence 'ev-a' cites unknown source 'src-b' (hint: did you mean 'src-a'? If "
        "'src-b' is another source, add it under 'sources:')"
    )
    # From a subfolder too, paths are relative to the repository's root.
    _, below, _ = gitlab_of(repo / "ledgers", "a.yaml")
    assert [i["location"] for i in below] == [report[0]["location"]]
    # A clean run is an empty array.
    assert gitlab_of(repo, "ledgers/b.yaml", "--ignore", "CL406")[1] == []


def test_gitlab_fingerprints_are_stable_and_unique(repo: Path) -> None:
    _, first, out = gitlab_of(repo)
    assert gitlab_of(repo)[2] == out  # byte for byte the same output
    ledger = repo / "ledgers" / "a.yaml"
    ledger.write_text("# moved\n# down\n" + LEDGER, encoding="utf-8")
    _, moved, _ = gitlab_of(repo)
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in first]
    assert moved[0]["location"] == {"path": "ledgers/a.yaml", "lines": {"begin": 14}}


def test_gitlab_fingerprints_tell_identical_findings_apart() -> None:
    from claimlog.render.gitlab import render

    same = [
        Diagnostic("a.yaml", line, 7, "CL201", "unknown 'x'", line, 8, Severity.ERROR)
        for line in (3, 9)
    ]
    prints = [i["fingerprint"] for i in render(same)]
    assert len(set(prints)) == 2
    moved = [
        Diagnostic("a.yaml", d.line + 5, 7, "CL201", "unknown 'x'", d.line + 5, 8, d.severity)
        for d in same
    ]
    assert [i["fingerprint"] for i in render(moved)] == prints
    other = [
        Diagnostic("b.yaml", d.line, 7, "CL201", "unknown 'x'", d.line, 8, d.severity) for d in same
    ]
    assert not set(prints) & {i["fingerprint"] for i in render(other)}


PLACES = """\
title: Messages that quote places of other lines
sources:
  - id: src-a
    name: Source A
  - id: src-b
    name: Source B
  - id: src-a
    name: Source A again
claims:
  - id: claim-a
    statement: Something happened.
    claimed_by: [src-a]
    statement: Something happened twice.
evidence:
  - id: ev-a
    summary: A report.
    source: src-a
    quote: "The building was struck by three missiles on Tuesday night."
    stance:
      claim-a: supports
  - id: ev-b
    summary: Another report.
    source: src-b
    quote: "The building was struck by three missiles on Tuesday night."
    stance:
      claim-a: supports
"""
"""CL202 (the definition used 'is the one at ledgers/a.yaml:7'), CL003 ('first defined at
line 11') and CL413 ('(ledgers/a.yaml:18)')."""
BROKEN = "title: Broken\nsources:\n  - id: src-z\n    name: Z\n      extra: 1\n"
"""CL001: 'extra' is indented more than 'name' on line 4."""


def places_repo(repo: Path, above: str = "") -> None:
    """The ledgers whose messages quote places of other lines, ``above`` added at the
    top of each."""
    (repo / "ledgers" / "a.yaml").write_text(above + PLACES, encoding="utf-8")
    (repo / "ledgers" / "b.yaml").write_text(above + BROKEN, encoding="utf-8")


def test_fingerprints_survive_lines_added_above_the_places_messages_quote(repo: Path) -> None:
    """A CI tour: SARIF and GitLab fingerprints hashed the message, and messages quote
    the line of another place (CL202 'the one at ledgers/one.yaml:21', CL413
    '(ledgers/one.yaml:37)', CL003 'first defined at line N', CL001 'line N'): a comment
    added at the top of a file changed 2 of 9 fingerprints, so code scanning and GitLab
    saw fixed and new findings where nothing changed."""
    places_repo(repo)
    sarif, gitlab = sarif_of(repo), gitlab_of(repo)[1]
    places_repo(repo, "# a comment\n# and another, that move every line down\n")
    moved_sarif, moved_gitlab = sarif_of(repo), gitlab_of(repo)[1]
    results = [log["runs"][0]["results"] for log in (sarif, moved_sarif)]  # type: ignore[index]
    assert sorted(r["ruleId"] for r in results[0]) == ["CL001", "CL003", "CL202", "CL202", "CL413"]
    # every quoted place moved with the lines: the messages differ, the prints do not
    for before, after in zip(*results, strict=True):
        assert before["message"] != after["message"]
    for before, after in zip(gitlab, moved_gitlab, strict=True):
        assert before["description"] != after["description"]
    prints = [r["partialFingerprints"]["claimlog/v1"] for r in results[0]]
    assert [r["partialFingerprints"]["claimlog/v1"] for r in results[1]] == prints
    assert len(set(prints)) == len(prints)
    assert [i["fingerprint"] for i in moved_gitlab] == [i["fingerprint"] for i in gitlab]
    assert len({i["fingerprint"] for i in gitlab}) == len(gitlab)


def prints_of(findings: list[Diagnostic]) -> tuple[list[str], list[str]]:
    """The fingerprints of ``findings`` in GitLab's report and in SARIF's."""
    from claimlog.render import gitlab, sarif

    results = sarif.render(findings)["runs"][0]["results"]
    return (
        [i["fingerprint"] for i in gitlab.render(findings)],
        [r["partialFingerprints"]["claimlog/v1"] for r in results],
    )


def test_fingerprints_leave_out_the_lines_messages_quote_and_nothing_else() -> None:
    """The same finding when the place it quotes moved down; another when it quotes
    another file; two in one file alike but for the line they quote are the first and
    the second of one message."""

    def found(message: str, line: int) -> Diagnostic:
        return Diagnostic("a.yaml", line, 3, "CL202", message, line, 8, Severity.ERROR)

    same = [found("id 'x' is defined at a.yaml:4", 9), found("id 'x' is defined at a.yaml:6", 12)]
    moved = [found("id 'x' is defined at a.yaml:5", 10), found("id 'x' is defined at a.yaml:7", 13)]
    other = [found("id 'x' is defined at b.yaml:4", 9)]
    for first, after, elsewhere in zip(*map(prints_of, (same, moved, other)), strict=True):
        assert len(set(first)) == 2
        assert after == first
        assert elsewhere[0] not in first


HOSTILE = LEDGER.replace(
    "    name: Source A\n",
    '    name: Source A\n    "x\\e[2J\\u202e`@everyone <b>": 1\n',
)
"""An unknown field whose name holds an escape sequence, a bidi override, a backtick,
a mention and HTML."""


def test_gitlab_and_rdjson_show_ledger_text_literally(repo: Path) -> None:
    (repo / "ledgers" / "a.yaml").write_text(HOSTILE, encoding="utf-8")
    _, report, out = gitlab_of(repo)
    rd = rdjson_of(repo)[1]
    for text in (out, json.dumps(rd, ensure_ascii=False)):
        assert "\x1b" not in text
        assert "\u202e" not in text
    description = next(i["description"] for i in report if str(i["check_name"]).startswith("CL102"))
    assert "x\\x1b[2J\\u202e`@everyone <b>" in str(description)
    message = next(d["message"] for d in rd["diagnostics"] if d["code"]["value"] == "CL102")
    # One Markdown code span, fenced past the backtick inside: nothing renders or pings.
    assert message.startswith("``")
    assert "x\\x1b[2J\\u202e`@everyone <b>" in message


# --- reviewdog (rdjson) -----------------------------------------------------------------

_POSITION = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
    },
}
_RANGE = {
    "type": "object",
    "required": ["start"],
    "additionalProperties": False,
    "properties": {"start": _POSITION, "end": _POSITION},
}
_SEVERITY = {"enum": ["UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"]}
_SOURCE = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
}
RDJSON_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "reviewdog DiagnosticResult, from the fields of proto/rdf/reviewdog.proto",
    "type": "object",
    "required": ["diagnostics"],
    "additionalProperties": False,
    "properties": {
        "source": _SOURCE,
        "severity": _SEVERITY,
        "diagnostics": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["message", "location"],
                "additionalProperties": False,
                "properties": {
                    "message": {"type": "string", "minLength": 1},
                    "location": {
                        "type": "object",
                        "required": ["path"],
                        "additionalProperties": False,
                        "properties": {"path": {"type": "string"}, "range": _RANGE},
                    },
                    "severity": _SEVERITY,
                    "source": _SOURCE,
                    "code": {
                        "type": "object",
                        "required": ["value"],
                        "additionalProperties": False,
                        "properties": {"value": {"type": "string"}, "url": {"type": "string"}},
                    },
                    "suggestions": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["range", "text"],
                            "additionalProperties": False,
                            "properties": {"range": _RANGE, "text": {"type": "string"}},
                        },
                    },
                    "original_output": {"type": "string"},
                },
            },
        },
    },
}


def rdjson_of(cwd: Path, *args: str) -> tuple[int, dict[str, Any]]:
    code, out, err = run(["check", "--format", "rdjson", *args], cwd)
    assert code in (0, 1), err
    report = json.loads(out)
    import jsonschema

    jsonschema.validate(report, RDJSON_SCHEMA)
    assert isinstance(report, dict)
    return code, report


def test_rdjson_suggests_only_what_fix_would_do(tmp_path: Path) -> None:
    """A review: 'srcX' is as close to 'src1' as to 'src2'; the hint named 'src2' (and
    rdjson offered it as a one-click suggestion, which --fix refused and which is the
    item's own relay, CL302). Both are named now, the relay is no answer, and rdjson
    suggests only a fix."""
    (tmp_path / ".git").mkdir()
    ledger = (
        "sources:\n  - {id: src1, name: One}\n  - {id: src2, name: Two}\n"
        "  - {id: src3, name: Three}\n"
        "claims: [{id: c1, statement: x}]\nevidence:\n"
        "  - {id: e1, summary: s, source: srcX, via: [src2], stance: {c1: supports}}\n"
        "  - {id: e2, summary: s, source: srcY, via: [src3], stance: {c1: supports}}\n"
    )
    (tmp_path / "ledgers").mkdir()
    (tmp_path / "ledgers" / "a.yaml").write_text(ledger, encoding="utf-8")
    _, report = rdjson_of(tmp_path)
    unknown = [d for d in report["diagnostics"] if d["code"]["value"] == "CL201"]
    assert [d["message"] for d in unknown] == [
        "`evidence 'e1' cites unknown source 'srcX'` (hint: `did you mean 'src1' or 'src3'? "
        "If 'srcX' is another source, add it under 'sources:'`)",
        "`evidence 'e2' cites unknown source 'srcY'` (hint: `did you mean 'src1' or 'src2'? "
        "If 'srcY' is another source, add it under 'sources:'`)",
    ]
    assert all("suggestions" not in d for d in report["diagnostics"])


def test_rdjson_conforms_with_ranges_codes_and_a_suggestion(repo: Path) -> None:
    (repo / "ledgers" / "b.yaml").write_text(WARNING_ONLY, encoding="utf-8")
    # a slip (the case), which a fix mends; 'src-b' for 'src-a' may be another source
    a = repo / "ledgers" / "a.yaml"
    a.write_text(a.read_text(encoding="utf-8").replace("source: src-b", "source: Src-A"))
    code, report = rdjson_of(repo)
    assert code == 1
    assert report["source"] == {"name": "claimlog"}
    assert report["severity"] == "ERROR"
    first, second = report["diagnostics"]
    assert first == {
        "message": "`evidence 'ev-a' cites unknown source 'Src-A'` (hint: `did you mean 'src-a'?`)",
        "location": {
            "path": "ledgers/a.yaml",
            "range": {"start": {"line": 12, "column": 13}, "end": {"line": 12, "column": 18}},
        },
        "severity": "ERROR",
        "code": {"value": "CL201"},
        "suggestions": [
            {
                "range": {"start": {"line": 12, "column": 13}, "end": {"line": 12, "column": 18}},
                "text": "src-a",
            }
        ],
    }
    assert second["severity"] == "WARNING"
    assert second["code"] == {"value": "CL406"}
    assert "suggestions" not in second
    # A run with no findings: no diagnostics, no overall severity; exit 0.
    code, clean = rdjson_of(repo, "ledgers/b.yaml", "--ignore", "CL406")
    assert code == 0
    assert clean == {"source": {"name": "claimlog"}, "diagnostics": []}


def test_rdjson_columns_count_utf8_bytes(repo: Path) -> None:
    (repo / "ledgers" / "a.yaml").write_text(
        LEDGER.replace("    stance:\n      claim-a: supports\n", STANCE), encoding="utf-8"
    )
    _, out, _ = run(["check", "--format", "json"], repo)
    chars = next(d for d in json.loads(out)["diagnostics"] if "claim-zz" in d["message"])
    assert (chars["line"], chars["column"], chars["end_column"]) == (13, 30, 38)
    found = rdjson_of(repo)[1]["diagnostics"]
    rd = next(d for d in found if "claim-zz" in d["message"])
    # "é€" before it: 2 characters, 5 bytes.
    assert rd["location"]["range"] == {
        "start": {"line": 13, "column": 33},
        "end": {"line": 13, "column": 41},
    }


STANCE = '    stance: {"\u00e9\u20ac": supports, claim-zz: supports}\n'


def test_rdjson_counts_bytes_before_a_finding_on_its_line() -> None:
    from claimlog.render.rdjson import byte_column, render

    assert byte_column("a\U00010400b", 1) == 1
    assert byte_column("a\U00010400b", 2) == 2
    assert byte_column("a\U00010400b", 3) == 6  # the proto's own example
    assert byte_column("ab", 5) == 5  # past the end: one byte a column
    d = Diagnostic("x.yaml", 1, 9, "CL201", "unknown 'src-b'", 1, 14, Severity.ERROR, None)
    lines = {1: "  - é: [src-b]"}
    shown = render([d], lambda path, n: lines.get(n, ""))["diagnostics"][0]["location"]["range"]
    assert shown == {"start": {"line": 1, "column": 10}, "end": {"line": 1, "column": 15}}


def test_new_formats_are_deterministic(repo: Path) -> None:
    (repo / "ledgers" / "b.yaml").write_text(WARNING_ONLY, encoding="utf-8")
    for fmt in ("gitlab", "rdjson", "junit"):
        outs = {
            run(["check", "--format", fmt], repo, {"PYTHONHASHSEED": seed})[1]
            for seed in ("0", "1", "2")
        }
        assert len(outs) == 1, fmt


def test_output_writes_the_report_to_a_file(repo: Path) -> None:
    code, out, _ = run(["check", "--format", "json", "--output", "report.json"], repo)
    assert code == 1
    assert out == ""
    report = json.loads((repo / "report.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"error": 1, "warning": 0}
    code, out, _ = run(["check", "--output", "report.txt"], repo)
    assert out == ""
    assert "error[CL201]" in (repo / "report.txt").read_text(encoding="utf-8")


def test_configuration_in_pyproject_is_found_walking_up(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[tool.claimlog]\npaths = ["ledgers"]\nignore = ["unknown-reference"]\n',
        encoding="utf-8",
    )
    sub = repo / "deep" / "er"
    sub.mkdir(parents=True)
    code, out, _ = run(["check", "--format", "json"], sub)
    assert code == 0, out
    report = json.loads(out)
    assert report["files"] == 1
    assert report["counts"] == {"error": 0, "warning": 0}
    # The command line wins over the file.
    code, out, _ = run(["check", "--format", "json", "--ignore", "CL4"], sub)
    assert code == 1


def test_claimlog_toml_comes_before_pyproject(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.claimlog]\nstrict = true\n", encoding="utf-8")
    (repo / "claimlog.toml").write_text('select = ["CL2"]\n', encoding="utf-8")
    code, out, _ = run(["check", "--show-config"], repo)
    assert code == 0
    assert "claimlog.toml" in out.splitlines()[0]
    assert 'select                = ["CL2"]  # claimlog.toml' in out
    assert "strict                = false  # default" in out


def test_show_config_names_where_each_value_comes_from(repo: Path) -> None:
    (repo / "claimlog.toml").write_text(
        'strict = true\nas-of = 2024-03-22\n[per-file-ignores]\n"ledgers/*.yaml" = ["CL201"]\n',
        encoding="utf-8",
    )
    code, out, _ = run(["check", "--show-config", "--ignore", "CL405"], repo)
    assert code == 0
    lines = {line.split("=")[0].strip(): line for line in out.splitlines()[1:]}
    assert lines["strict"].endswith("# claimlog.toml")
    assert "2024-03-22" in lines["as-of"]
    assert lines["ignore"].endswith("# command line (--ignore)")
    assert lines["select"].endswith("# default")
    code, out, _ = run(["check", "--format", "json"], repo)
    assert json.loads(out)["counts"]["error"] == 0  # per-file-ignores dropped CL201


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('pathz = ["x"]\n', "unknown key 'pathz'; did you mean 'paths'?"),
        ("strict = 1\n", "'strict' must be true or false"),
        ('as-of = "22/03/2024"\n', "'as-of' must be a date"),
        ("select = [\n", "cannot read"),
    ],
)
def test_bad_configuration_is_a_usage_error(repo: Path, text: str, message: str) -> None:
    (repo / "claimlog.toml").write_text(text, encoding="utf-8")
    code, out, err = run(["check"], repo)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


SUPPRESSED = """\
# claimlog: ignore[unused-source]
title: Suppressions
sources:
  - id: src-a
    name: Source A
  - id: src-spare
    name: "A name with # claimlog: ignore[CL201] in it"
claims:
  - id: claim-a
    statement: Something happened.
evidence:
  - id: ev-a
    summary: A report.
    source: src-b  # claimlog: ignore[CL201]
    stance:
      claim-a: supports
  - id: ev-b
    summary: Another report.
    source: src-c  # claimlog: ignore[CL405, bogus-rule]
    stance:
      claim-a: supports
"""


def test_suppressions_on_a_line_and_for_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.yaml").write_text(SUPPRESSED, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "--format", "json", "s.yaml"], catch_exceptions=False
    )
    found = [(d["code"], d["line"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert found == [
        ("CL201", 19, "evidence 'ev-b' cites unknown source 'src-c'"),
        ("CL501", 19, "suppression names unknown rule 'bogus-rule'"),
        ("CL501", 19, "suppression of CL405 suppresses nothing"),
    ]


def test_unused_suppressions_of_disabled_rules_are_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.yaml").write_text(SUPPRESSED, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "--format", "json", "--ignore", "CL405", "s.yaml"], catch_exceptions=False
    )
    messages = [d["message"] for d in json.loads(result.stdout)["diagnostics"]]
    assert "suppression of CL405 suppresses nothing" not in messages
    assert "suppression names unknown rule 'bogus-rule'" in messages


def test_a_comment_cannot_hide_what_deceives_a_reviewer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CI tour: `# claimlog: ignore[CL015, CL102]` at the top of a pull request's
    ledger hid a Trojan Source character, exit 0 and no output; the base branch's
    configuration could not stop it. A comment cannot hide CL015, CL016 or CL110 (the
    suppression is reported); the configuration's `ignore` still can. A bare
    `# claimlog: ignore` suppressed nothing, without a word."""
    monkeypatch.chdir(tmp_path)
    text = (
        "# claimlog: ignore[CL015, CL102, deceptive-url]\n"
        "sources:\n  - {id: s, name: S, url: 'https://www.reuters.com@evil.example/a'}\n"
        'claims:\n  - id: c1\n    statement: "x\u202ey"\n    bogus: 1  # claimlog: ignore\n'
        "evidence:\n  - {id: e, summary: I., source: s, credibility: 2, stance: {c1: supports}}\n"
    )
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", "json", "s.yaml"])
    assert result.exit_code == 1
    found = [(d["code"], d["line"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]
    no_effect = "has no effect: a comment cannot hide what deceives a reviewer"
    assert [(c, line) for c, line, _ in found if c in ("CL015", "CL110")] == [
        ("CL110", 3),
        ("CL015", 6),
    ]
    assert ("CL102", 7) not in [(c, line) for c, line, _ in found]  # that one is hidden
    assert [m for c, line, m in found if c == "CL501"] == [
        f"file-wide suppression of CL015 {no_effect} or reads outside the tree "
        "(the configuration's 'ignore' can)",
        f"file-wide suppression of deceptive-url {no_effect} or reads outside the tree "
        "(the configuration's 'ignore' can)",
        "suppression names no rule (name them in brackets: '# claimlog: ignore[CL201]')",
    ]
    ignored = CliRunner().invoke(
        app, ["check", "--format", "json", "--ignore", "CL015,CL110,CL501", "s.yaml"]
    )
    assert ignored.exit_code == 0, ignored.stdout


def test_github_shows_ledger_text_literally() -> None:
    d = Diagnostic(
        path="a\x1b[2J.yaml",
        line=1,
        column=1,
        code="CL102",
        message="source 's' has unknown field '\x1b]0;pwned\x07\u202egnp.exe'",
        end_line=1,
        end_column=2,
        severity=Severity.ERROR,
    )
    line = annotation(d)
    assert "\x1b" not in line
    assert "\x07" not in line
    assert "\u202e" not in line
    assert "file=" not in line  # no file of that name (test_github_names_no_file_it_cannot_name)
    assert "::a\\x1b[2J.yaml:1:1: " in line
    assert "\\x1b]0;pwned\\x07\\u202egnp.exe" in line


def test_sarif_holds_at_most_what_code_scanning_accepts_errors_first() -> None:
    """GitHub rejects a whole upload of more than 25,000 results: a log of more findings
    keeps the errors, then warnings, in their order, with the fingerprints the whole
    list gives them, and says how many it leaves out."""
    from claimlog.render import sarif

    def found(k: int, severity: Severity) -> Diagnostic:
        code = "CL201" if severity is Severity.ERROR else "CL406"
        return Diagnostic("a.yaml", k + 1, 1, code, f"finding {k}", k + 1, 2, severity)

    many = sarif.MAX_RESULTS + 10
    # warnings come first in the list: a cut by place would keep them and lose errors
    findings = [found(k, Severity.WARNING) for k in range(20)]
    findings += [found(k, Severity.ERROR) for k in range(20, many)]
    whole = sarif.render(findings[: sarif.MAX_RESULTS])["runs"][0]
    assert "invocations" not in whole
    run_ = sarif.render(findings)["runs"][0]
    results = run_["results"]
    assert len(results) == sarif.MAX_RESULTS
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]
    # every error, in order, and the first 10 of the 20 warnings before them
    assert lines == list(range(1, 11)) + list(range(21, many + 1))
    with pytest.MonkeyPatch.context() as patch:  # the log of them all, uncut
        patch.setattr(sarif, "MAX_RESULTS", many)
        uncut = {
            r["locations"][0]["physicalLocation"]["region"]["startLine"]: r
            for r in sarif.render(findings)["runs"][0]["results"]
        }
    assert len(uncut) == many
    for line, r in zip(lines, results, strict=True):
        assert r == uncut[line]  # the same result, fingerprint and all
    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is True
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert f"25,000 of its {many:,} results" in note["message"]["text"]


def test_check_says_when_its_sarif_leaves_findings_out(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the command, with the limit lowered to 1 (two findings): the log holds
    the error, standard error says what was left out, the exit code counts them all."""
    from claimlog.render import sarif

    monkeypatch.setattr(sarif, "MAX_RESULTS", 1)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("CLAIMLOG_NO_CACHE", "1")
    (repo / "ledgers" / "b.yaml").write_text(WARNING_ONLY, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", "sarif", "ledgers"])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    (kept,) = log["runs"][0]["results"]
    assert kept["level"] == "error"
    assert "the SARIF log holds 1 of its 2 results (errors first)" in result.stderr
    if SARIF_SCHEMA.exists():
        import jsonschema

        jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
