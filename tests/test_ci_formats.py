"""check in CI: github annotations, SARIF, JUnit, --output, configuration, suppressions."""

from __future__ import annotations

import json
from pathlib import Path
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


def test_github_leaves_out_columns_for_spans_over_several_lines() -> None:
    d = Diagnostic("a.yaml", 2, 5, "CL103", "m", 4, 1, Severity.WARNING)
    line = annotation(d)
    assert line.startswith("::warning file=a.yaml,line=2,endLine=4,title=")
    assert "col=" not in line
    assert "endColumn=" not in line


def test_github_is_the_default_under_github_actions(repo: Path) -> None:
    code, out, _ = run(["check"], repo, {"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert out.startswith("::error file=ledgers/a.yaml,line=12,col=13,")
    code, out, _ = run(["check", "--format", "concise"], repo, {"GITHUB_ACTIONS": "true"})
    assert out.startswith("ledgers/a.yaml:12:13: error[CL201]")


def test_github_paths_are_repository_relative_from_a_subfolder(repo: Path) -> None:
    sub = repo / "ledgers"
    code, out, _ = run(["check", "--format", "github", "a.yaml"], sub)
    assert code == 1
    assert "file=ledgers/a.yaml," in out


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


def test_junit_has_a_testcase_per_file_and_a_failure_per_finding(repo: Path) -> None:
    (repo / "ledgers" / "b.yaml").write_text(
        LEDGER.replace("src-b", "src-a")
        .replace("claim-a", "claim-b")
        .replace("ev-a", "ev-b")
        .replace("id: src-a\n", "id: src-c\n"),
        encoding="utf-8",
    )
    code, out, _ = run(["check", "--format", "junit"], repo)
    assert code == 1
    root = ET.fromstring(out)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert sorted(cases) == ["ledgers/a.yaml", "ledgers/b.yaml"]
    failures = cases["ledgers/a.yaml"].findall("failure")
    assert [f.get("type") for f in failures] == ["CL201 unknown-reference"]
    assert "ledgers/a.yaml:12:13" in (failures[0].text or "")
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "2"


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
    assert "file=a\\x1b[2J.yaml," in line
    assert "\\x1b]0;pwned\\x07\\u202egnp.exe" in line
