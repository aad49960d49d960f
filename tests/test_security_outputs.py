"""Outputs stay valid and inert whatever the ledgers and file names hold (issue 8,
part 5): JUnit XML is well-formed, SARIF URIs are URIs, human output has no line
break of the ledger's, and the pull-request comment of ``diff`` fits GitHub's limit.

Each hostile input is built here, with escapes.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import pytest

from claimlog.diagnostics import Diagnostic, Severity
from claimlog.diff import WORKTREE, ClaimChange, DiffReport
from claimlog.ledgerset import LedgerSet
from claimlog.render import junit
from claimlog.render.diff import COMMENT_MARKER, MAX_COMMENT_CHARS, diff_markdown
from claimlog.render.safe import literal
from conftest import CLEAN_LEDGER, REPO, run, write

SARIF_SCHEMA = REPO.parent / "shared" / "data" / "sarif-schema-2.1.0.json"

# Characters XML 1.0 forbids (C0 controls but tab, line feed and carriage return,
# U+FFFE, U+FFFF), and line breaks of every kind.
XML_FORBIDDEN = "\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BREAKS = "\n\r\x85\u2028\u2029"


def _escaped_key(chars: str) -> str:
    """A double-quoted YAML key holding ``chars`` through escapes."""
    return '"bad' + "".join(f"\\u{ord(c):04x}" for c in chars) + '-key"'


HOSTILE_LEDGER = CLEAN_LEDGER.replace(
    "    name: Source A\n",
    f"    name: Source A\n    {_escaped_key(XML_FORBIDDEN + BREAKS)}: 1\n",
)


# --- JUnit ------------------------------------------------------------------------------


def test_junit_is_well_formed_with_forbidden_characters_in_messages(tmp_path: Path) -> None:
    write(tmp_path / "hostile.yaml", HOSTILE_LEDGER)
    result = run(["check", "--format", "junit", "hostile.yaml"], tmp_path)
    assert result.code == 1
    assert not NOT_XML.search(result.stdout)
    root = ET.fromstring(result.stdout.encode("utf-8"))  # well-formed, or this raises
    (failure,) = root.iter("failure")
    assert failure.get("type") == "CL102 unknown-field"
    message = failure.get("message") or ""
    for shown in ("\\x00", "\\x01", "\\x1b", "\\ufffe", "\\uffff", "\\x0a", "\\x85", "\\u2028"):
        assert shown in message, shown
    # The failure's text: the finding on its first line, the hint on the second.
    lines = (failure.text or "").split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("hostile.yaml:5:5: error[CL102] ")
    assert lines[1].startswith("hint: ")
    assert not any(ch in (failure.text or "").replace("\n", "", 1) for ch in BREAKS)


def test_junit_render_replaces_what_xml_cannot_hold() -> None:
    """Lone surrogates (a file name that is not UTF-8, decoded with surrogateescape)
    and noncharacters, in the path, the message and the hint."""
    d = Diagnostic(
        path="led\udcffgers/\ufffe.yaml",
        line=1,
        column=1,
        code="CL102",
        message="field '\ud800\x00\uffff\u2028' is unknown",
        end_line=1,
        end_column=2,
        severity=Severity.ERROR,
        hint="did you mean '\x1b\ufffe'?",
    )
    out = junit.render([d], [d.path])
    assert not NOT_XML.search(out)
    root = ET.fromstring(out.encode("utf-8"))
    (case,) = root.iter("testcase")
    assert case.get("classname") == "led\\udcffgers/\\ufffe.yaml"
    assert case.get("name") == "CL102 unknown-field: field '\\ud800\\x00\\uffff\\u2028' is unknown"
    (failure,) = root.iter("failure")
    assert failure.get("message") == "error[CL102] field '\\ud800\\x00\\uffff\\u2028' is unknown"
    assert (failure.text or "").endswith("\nhint: did you mean '\\x1b\\ufffe'?")


def test_junit_writes_no_command_of_the_actions_runner(tmp_path: Path) -> None:
    """A CI tour: the runner reads '##[error]' anywhere in a line of a log, and a file
    named '##[error]z.yaml' stood as it is in the class name and the failure's text, so
    a workflow's 'cat claimlog.xml' forged an annotation. The first '#' of every '##['
    is a character reference, '&#35;': the same text to an XML reader."""
    name = "##[error]z.yaml"
    write(tmp_path / name, FORGED.replace("source: s,", "source: nobody,"))
    result = run(["check", "--format", "junit", "."], tmp_path)
    assert result.code == 1
    assert "##[" not in result.stdout
    assert "&#35;#[error]z.yaml" in result.stdout
    root = ET.fromstring(result.stdout.encode("utf-8"))
    (failure,) = root.iter("failure")  # the unknown source; what the ledger says, exactly
    assert {c.get("classname") for c in root.iter("testcase")} == {name}
    assert (failure.text or "").startswith(f"{name}:")
    d = Diagnostic(
        "a.yaml", 1, 1, "CL102", "field '###[x] ##[ # #[' is unknown", 1, 2, Severity.ERROR
    )
    out = junit.render([replace(d, path="##[warning]/###[a].yaml")], ["##[b].yaml"])
    assert "##[" not in out
    texts = [
        value
        for element in ET.fromstring(out).iter()
        for value in (element.text, *element.attrib.values())
        if value and "#" in value
    ]
    assert "##[warning]/###[a].yaml" in texts
    assert "##[b].yaml" in texts
    assert any("field '###[x] ##[ # #[' is unknown" in t for t in texts)


def test_junit_with_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xff name.yaml")
    write(tmp_path / name, CLEAN_LEDGER.replace("source: src-a", "source: src-zz"))
    result = run(["check", "--format", "junit", "."], tmp_path)
    assert result.code == 1
    assert not NOT_XML.search(result.stdout)
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert [f.get("type") for f in root.iter("failure")] == ["CL201 unknown-reference"]
    (skipped,) = root.iter("skipped")  # a warning does not fail the run
    assert (skipped.get("message") or "").startswith("warning[CL406] ")


# --- SARIF ------------------------------------------------------------------------------

URI_PATH = re.compile(r"^(?:[A-Za-z0-9\-._~/]|%[0-9A-F]{2})+$")
"""A relative reference of RFC 3986 holding only unreserved characters, slashes and
percent-encoded octets (a ':' would be read as a scheme, '#' and '?' as fragment and
query, '%' as the start of an escape)."""

NAMES = [
    "my ledger #1?.yaml",
    "50%.yaml",
    "a:b.yaml",
    "\u00e9t\u00e9 \U0001f525.yaml",
    "back\\slash[1].yaml",
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # enough for repository-relative paths
    for i, name in enumerate(NAMES):
        text = CLEAN_LEDGER.replace("src-a", f"src-{i}").replace("source: src-", "source: x-")
        text = text.replace("claim-a", f"claim-{i}").replace("ev-a", f"ev-{i}")
        write(tmp_path / "ledgers" / "sub dir" / name, text)
    return tmp_path


def _sarif(cwd: Path, *args: str) -> dict:
    result = run(["check", "--format", "sarif", *args], cwd)
    assert result.code == 1, result.stderr
    log = json.loads(result.stdout)
    assert isinstance(log, dict)
    return log


def _locations(log: dict) -> list[dict]:
    return [
        result["locations"][0]["physicalLocation"]["artifactLocation"]
        for result in log["runs"][0]["results"]
    ]


@pytest.mark.parametrize("where", [".", "ledgers", "ledgers/sub dir"])
def test_sarif_uris_are_percent_encoded_and_repository_relative(repo: Path, where: str) -> None:
    log = _sarif(repo / where, "ledgers" if where == "." else ".")
    locations = _locations(log)
    assert len(locations) == 2 * len(NAMES)  # an unknown source and an unused one each
    uris = sorted({loc["uri"] for loc in locations})
    for loc in locations:
        assert loc["uriBaseId"] == "%SRCROOT%"
        assert URI_PATH.match(loc["uri"]), loc["uri"]
    assert sorted(unquote(u) for u in uris) == sorted(f"ledgers/sub dir/{n}" for n in NAMES)
    assert "ledgers/sub%20dir/my%20ledger%20%231%3F.yaml" in uris
    assert "ledgers/sub%20dir/50%25.yaml" in uris
    assert "ledgers/sub%20dir/a%3Ab.yaml" in uris
    assert "ledgers/sub%20dir/%C3%A9t%C3%A9%20%F0%9F%94%A5.yaml" in uris


def test_sarif_uri_of_a_file_outside_the_repository_is_absolute(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "far #away.yaml"
    write(outside, CLEAN_LEDGER.replace("source: src-a", "source: src-zz"))
    log = _sarif(repo, str(outside))
    (loc,) = {json.dumps(loc, sort_keys=True): loc for loc in _locations(log)}.values()
    assert "uriBaseId" not in loc
    assert loc["uri"].startswith("file:///")
    assert unquote(loc["uri"].removeprefix("file://")) == str(outside)
    assert "%20%23away.yaml" in loc["uri"]


def test_sarif_with_a_file_name_that_is_not_utf8(repo: Path) -> None:
    name = os.fsdecode(b"bad\xff.yaml")
    write(repo / "ledgers" / name, CLEAN_LEDGER.replace("source: src-a", "source: src-zz"))
    log = _sarif(repo, "ledgers")
    for loc in _locations(log):
        assert URI_PATH.match(loc["uri"]), loc["uri"]


def test_sarif_render_of_a_path_that_is_not_utf8(tmp_path: Path) -> None:
    """A name decoded with surrogateescape: its original bytes, percent-encoded; the
    log is UTF-8 text whatever the path holds."""
    from claimlog.render.common import dumps
    from claimlog.render.sarif import render, repository_paths

    d = Diagnostic("led gers/x\udcff#.yaml", 1, 1, "CL201", "m", 1, 2, Severity.ERROR)
    out = dumps(render(repository_paths([d], tmp_path)))
    out.encode("utf-8")  # strict: no surrogate left
    (loc,) = _locations(json.loads(out))
    assert loc == {"uri": "led%20gers/x%FF%23.yaml", "uriBaseId": "%SRCROOT%"}


@pytest.mark.skipif(not SARIF_SCHEMA.exists(), reason="../shared/data is not beside the project")
def test_hostile_sarif_validates_against_the_official_schema(repo: Path) -> None:
    import jsonschema

    write(repo / "ledgers" / "hostile.yaml", HOSTILE_LEDGER)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(_sarif(repo, "ledgers"), schema)
    jsonschema.validate(_sarif(repo / "ledgers" / "sub dir", "."), schema)


# --- human output: no line break of the ledger's -------------------------------------


def test_show_config_escapes_line_breaks_in_every_value(tmp_path: Path) -> None:
    write(tmp_path / "ledgers" / "a.yaml", CLEAN_LEDGER)
    write(
        tmp_path / "claimlog.toml",
        'paths = ["ledgers\\n::error file=x::pwned", "a\\u2028b\\r\\u0085c"]\n'
        "[per-file-ignores]\n"
        '"x\\n::warning::injected\\u2029" = ["CL201"]\n',
    )
    result = run(["check", "--show-config"], tmp_path)
    assert result.code == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[-1] == ""
    keys = {"paths", "exclude", "select", "ignore", "per-file-ignores", "strict", "as-of"}
    for line in lines[1:-1]:
        assert line.split(" ", 1)[0] in keys | {"max-findings-per-rule"}, line
    assert lines[0] == "# configuration file: claimlog.toml"
    assert not any(line.startswith("::") for line in lines)
    assert not any(ch in result.stdout for ch in "\r\x85\u2028\u2029")
    assert '"ledgers\\x0a::error file=x::pwned", "a\\u2028b\\x0d\\x85c"' in result.stdout
    assert '"x\\x0a::warning::injected\\u2029"' in result.stdout


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_every_line_of_check_output_is_one_line_of_a_finding(tmp_path: Path, fmt: str) -> None:
    write(tmp_path / "hostile.yaml", HOSTILE_LEDGER)
    result = run(["check", "--format", fmt, "hostile.yaml"], tmp_path)
    assert result.code == 1
    assert not any(ch in result.stdout for ch in "\r\x85\u2028\u2029")
    if fmt != "text":
        assert result.stdout.count("\n") == 1  # one finding, one line


# --- the pull-request comment of diff ----------------------------------------------------


def _finding(i: int, message: str = "") -> Diagnostic:
    return Diagnostic(
        f"ledgers/file-{i % 7}.yaml",
        i + 1,
        3,
        "CL201",
        message or f"evidence 'ev-{i}' cites unknown source 'src-{i}'",
        i + 1,
        9,
        Severity.ERROR,
    )


def _report(changes: list[ClaimChange], new: list[Diagnostic], old: list[Diagnostic]):
    ls = LedgerSet.from_files([], {})
    return DiffReport("abc1234", WORKTREE, "main", "working tree", changes, new, old, ls, ls)


def _assert_well_formed(md: str) -> None:
    assert len(md) <= MAX_COMMENT_CHARS
    assert md.startswith(COMMENT_MARKER + "\n")
    assert md.count("<details>") == md.count("</details>")
    fences = [line for line in md.split("\n") if line.startswith("```")]
    assert len(fences) % 2 == 0


def test_markdown_of_twenty_thousand_findings_fits_with_a_note() -> None:
    new = [_finding(i) for i in range(20_000)]
    resolved = [_finding(i) for i in range(20_000, 25_000)]
    md = diff_markdown(_report([], new, resolved))
    _assert_well_formed(md)
    assert len(md) > MAX_COMMENT_CHARS - 2_000  # filled, not emptied
    shown = sum(1 for line in md.split("\n") if "error[CL201]" in line)
    assert 0 < shown < 20_000
    assert f"New findings (20,000; {shown:,} shown)" in md
    assert "Resolved findings (5,000; 0 shown)" in md
    note = md.rstrip("\n").rsplit("\n", 1)[1]
    assert note.startswith("_This comment is cut to GitHub's limit of 65,536 characters")
    assert f"{20_000 - shown:,} new findings of 20,000" in note
    assert "5,000 resolved findings of 5,000" in note


def test_markdown_cuts_one_huge_finding_and_keeps_small_ones_whole() -> None:
    huge = _finding(0, "x" * 200_000)
    md = diff_markdown(_report([], [huge, _finding(1)], []))
    _assert_well_formed(md)
    (cut,) = [line for line in md.split("\n") if line.endswith("x…")]
    assert len(cut) == 1_000
    assert cut.startswith("ledgers/file-0.yaml:1:3: error[CL201] xxx")
    assert "cut to GitHub's limit" not in md  # both fit once the huge one is cut
    assert "New findings (2)" in md


def test_markdown_with_many_claims_keeps_the_biggest_moves(tmp_path: Path) -> None:
    from claimlog.credibility import assess_set
    from claimlog.ledgerset import load_set

    write(tmp_path / "a.yaml", CLEAN_LEDGER)
    (assessment,) = assess_set(load_set([tmp_path / "a.yaml"]), None).claims.values()
    changes = [
        ClaimChange(f"claim-{i:05d}-" + "y" * 100, "added", None, replace(assessment, id=str(i)))
        for i in range(5_000)
    ]
    md = diff_markdown(_report(changes, [_finding(1)], []))
    _assert_well_formed(md)
    rows = [line for line in md.split("\n") if line.startswith("| `claim-")]
    assert 0 < len(rows) < 5_000
    assert rows[0].startswith("| `claim-00000-")  # the order of the report is kept
    assert f"{5_000 - len(rows):,} claim rows of 5,000" in md
    assert "the graph of evidence" in md


def test_markdown_under_the_limit_is_unchanged_and_has_no_note() -> None:
    md = diff_markdown(_report([], [_finding(i) for i in range(10)], []))
    assert "cut to GitHub's limit" not in md
    assert "New findings (10)" in md
    assert sum(1 for line in md.split("\n") if "error[CL201]" in line) == 10


FORGED = (
    "sources: [{id: s, name: S, reliability: A}]\n"
    "claims:\n"
    '  - {id: a, statement: "::error file=x,line=1::forged ##[warning]legacy"}\n'
    "evidence: [{id: e, summary: x, source: s, credibility: 1, stance: {a: supports}}]\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["show", "a"],
        ["summary"],
        ["check", "--format", "text", "--select", "CL"],
        ["check", "--format", "concise"],
    ],
)
def test_a_report_for_people_is_fenced_from_workflow_commands(
    tmp_path: Path, args: list[str]
) -> None:
    """A hostile-input campaign: a statement '::error file=x::...' printed at the start of
    a line of `show` (or after white space, or moved there by wrapping) is a workflow
    command to the Actions runner, as is '##[' anywhere. Under GITHUB_ACTIONS the report
    sits between ::stop-commands::TOKEN and ::TOKEN::, each on a line of its own, the
    token a hash of the report (the same report, the same bytes)."""
    write(tmp_path / "g.yaml", FORGED.replace("credibility: 1", "credibility: 1, bogus: 1"))
    env = {"GITHUB_ACTIONS": "true", "CLAIMLOG_NO_CACHE": "1"}
    first = run([*args, "g.yaml"], tmp_path, env=env)
    assert first.code in (0, 1), first.stderr
    lines = first.stdout.splitlines()
    start, end = lines[0], lines[-1]
    assert start.startswith("::stop-commands::claimlog-")
    token = start.removeprefix("::stop-commands::")
    assert len(token) == len("claimlog-") + 32
    assert end == f"::{token}::"
    assert f"::{token}::" not in "\n".join(lines[1:-1])
    assert run([*args, "g.yaml"], tmp_path, env=env).stdout == first.stdout
    plain = run([*args, "g.yaml"], tmp_path, env={"CLAIMLOG_NO_CACHE": "1"}).stdout
    assert first.stdout == f"{start}\n{plain}{end}\n"


def test_machine_formats_are_not_fenced(tmp_path: Path) -> None:
    """JSON and the annotations themselves are read by programs: never fenced."""
    write(tmp_path / "g.yaml", FORGED)
    env = {"GITHUB_ACTIONS": "true", "CLAIMLOG_NO_CACHE": "1"}
    shown = run(["show", "a", "g.yaml", "--format", "json"], tmp_path, env=env)
    assert json.loads(shown.stdout)["claim"]["id"] == "a"
    annotations = run(["check", "g.yaml", "--select", "CL"], tmp_path, env=env).stdout
    assert not annotations.startswith("::stop-commands::")


def test_a_file_name_with_a_line_break_starts_no_line_of_its_own(tmp_path: Path) -> None:
    """'Would reformat: ledgers/x' then '::error::pwn.yaml' on a line of its own: file
    names are shown with their control characters visible, in fmt and add too."""
    name = "x\n::error::pwn.yaml"
    write(tmp_path / "ledgers" / name, "title:   spaced\n")
    result = run(["fmt", "--check", "ledgers"], tmp_path)
    assert result.code == 1
    assert "Would reformat: ledgers/x\\x0a::error::pwn.yaml\n" in result.stdout
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
    diff = run(["fmt", "--diff", "ledgers"], tmp_path)
    assert "--- a/ledgers/x\\x0a::error::pwn.yaml\n" in diff.stdout
    assert not any(line.startswith("::") for line in diff.stdout.splitlines())


def test_the_table_alias_and_the_diffs_are_fenced_too(tmp_path: Path) -> None:
    """A review: `summary -f table` (the old name of text) and the diffs of `fmt --diff`
    and `check --fix --diff` were not fenced, and a diff's context line is a space and
    the ledger's line, which the runner reads once it strips the space."""
    write(tmp_path / "g.yaml", FORGED)
    write(tmp_path / "f.yaml", "title:   x\nnotes: |\n  ::error file=forged.yaml::f\n")
    env = {"GITHUB_ACTIONS": "true", "CLAIMLOG_NO_CACHE": "1"}
    for args in (["summary", "-f", "table", "g.yaml"], ["fmt", "--diff", "f.yaml"]):
        out = run(args, tmp_path, env=env).stdout
        assert out.startswith("::stop-commands::claimlog-"), args
        token = out.splitlines()[0].removeprefix("::stop-commands::")
        assert out.endswith(f"::{token}::\n"), args


def test_a_message_on_stderr_naming_a_forged_command_is_fenced(tmp_path: Path) -> None:
    """A review: standard error was not fenced, and the runner reads '##[' anywhere in
    a line: a file named '##[error]x.yaml' that cannot be written to forged an
    annotation through 'claimlog: cannot write ...'. A message that holds a command is
    fenced under GITHUB_ACTIONS; one that holds none is written as it is."""
    write(tmp_path / "g.yaml", FORGED)
    (tmp_path / "##[error]forged").mkdir()
    env = {"GITHUB_ACTIONS": "true", "CLAIMLOG_NO_CACHE": "1"}
    target = "##[error]forged/out.json/x"
    result = run(["check", "g.yaml", "-f", "json", "-o", target], tmp_path, env=env)
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("::stop-commands::claimlog-"), result.stderr
    token = lines[0].removeprefix("::stop-commands::")
    assert lines[-1] == f"::{token}::"
    assert any("##[error]forged" in line for line in lines[1:-1])
    plain = run(["check", "g.yaml", "-f", "json", "-o", target], tmp_path, env={})
    assert plain.stderr == "\n".join(lines[1:-1]) + "\n"
    quiet = run(["show", "nowhere", "g.yaml"], tmp_path, env=env)
    assert quiet.code == 2
    assert not quiet.stderr.startswith("::stop-commands::")


def test_one_line_outputs_show_other_breaks_as_escapes_as_text_does(tmp_path: Path) -> None:
    """A campaign: Markdown, the matrix and the graph folded U+0085 and U+2028 into a
    space (``str.split``), where `summary` shows ``\\x85``: a ledger's text was not
    shown literally there. They fold only what lays text out (spaces, tabs, LF, CR)."""
    statement = "A\\nB\\x85C\\u2028D\\tE"  # YAML escapes in a double-quoted scalar
    write(
        tmp_path / "g.yaml",
        CLEAN_LEDGER.replace("statement: Something happened.", f'statement: "{statement}"'),
    )
    text = run(["summary", "g.yaml", "--color", "never"], tmp_path).stdout
    assert "\\x85" in text
    assert "\\u2028" in text
    for args in (["summary", "-f", "markdown"], ["matrix", "claim-a", "-f", "markdown", "-p"]):
        out = run([*args, "g.yaml"], tmp_path).stdout
        for char in ("\x85", "\u2028"):
            assert char not in out, args
            assert literal(char) in out, args
        assert "A B\\x85C\\u2028D E" in out.replace("\\\\", "\\"), args


def test_fmt_check_names_a_forged_command_file_inside_a_fence(tmp_path: Path) -> None:
    """A review: `fmt --check`, a common CI step, printed 'Would reformat:
    ledgers/##[error]x.yaml' unfenced under GITHUB_ACTIONS."""
    write(tmp_path / "ledgers" / "##[error]x.yaml", "title:   x\n")
    env = {"GITHUB_ACTIONS": "true"}
    out = run(["fmt", "--check", "ledgers"], tmp_path, env=env).stdout.splitlines()
    assert out[0].startswith("::stop-commands::claimlog-")
    token = out[0].removeprefix("::stop-commands::")
    assert out[1:3] == ["Would reformat: ledgers/##[error]x.yaml", f"::{token}::"]


@pytest.mark.parametrize(
    "command",
    [
        ["summary", "--format", "json"],
        ["show", "claim-a", "--format", "json"],
        ["check", "--format", "json", "--select", "CL"],
        ["check", "--format", "sarif", "--select", "CL"],
        ["matrix", "claim-a", "--format", "json"],
    ],
)
def test_json_on_an_actions_log_holds_no_workflow_command(
    tmp_path: Path, command: list[str]
) -> None:
    """A review: machine formats are not fenced, and the Actions runner reads '##['
    anywhere in a line: a statement '##[error]...' in `summary --format json` printed
    to the log forged an annotation. JSON writes it '\\u0023#[', the same value."""
    text = CLEAN_LEDGER.replace(
        "Something happened.", '"##[error]file=x::forged ###[warning]y"'
    ).replace("A report that it happened.", '"##[group]z"')
    if command[0] == "check":  # a finding that quotes the ledger
        text = text.replace("    source: src-a\n", '    source: "##[error]w"\n')
    write(tmp_path / "ledgers" / "a.yaml", text)
    done = run(command, tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert done.code in (0, 1), done.stderr
    assert "##[" not in done.stdout
    assert "::stop-commands::" not in done.stdout
    value = json.dumps(json.loads(done.stdout), ensure_ascii=False)
    quoted = "##[error]w" if command[0] == "check" else "##[error]file=x::forged ###[warning]y"
    assert quoted in value


def test_rdjson_and_gitlab_name_a_file_as_it_is_named(tmp_path: Path) -> None:
    """A review: rdjson and GitLab's report named 'i\\u202eevil.yaml' with a visible escape
    (a literal backslash in the JSON string), which is no file, so the review tools could
    not put the findings on it. JSON carries the name itself (escaped as JSON)."""
    (tmp_path / ".git").mkdir()
    name = "ledgers/i\u202eevil\x1b[31m.yaml"
    write(tmp_path / name, "claims:\n  - {id: c1, statement: X.}\n")
    for fmt in ("rdjson", "gitlab"):
        done = run(["check", "--format", fmt], tmp_path)
        assert done.code in (0, 1), done.stderr
        assert "\u202e" not in done.stdout  # escaped as JSON, not shown raw
        found = json.loads(done.stdout)
        issues = found["diagnostics"] if fmt == "rdjson" else found
        assert {i["location"]["path"] for i in issues} == {name}
