"""Regression tests: each one a bug found by the test campaign and fixed (see the
docstrings): merge keys and empty values with libyaml's plain style, raw control
characters, forced colour through a pipe, schema descriptions, strict dates, one
file named two ways, rule text wrapping."""

from __future__ import annotations

import json
import pathlib
import re

import pytest
from typer.testing import CliRunner

from claimlog.cli import app
from claimlog.loader import load_text
from conftest import CLEAN_LEDGER as CLEAN
from conftest import FIXTURES, REPO
from conftest import run as run_claimlog

SGR = re.compile(r"\x1b\[[0-9;]*m")


def run(args, cwd, env=None):
    """``python -m claimlog`` in a subprocess: (exit code, stdout, stderr)."""
    done = run_claimlog(args, cwd, env)
    return done.code, done.stdout, done.stderr


def check_json(cwd, *args):
    code, out, err = run(["check", "--format", "json", *args], cwd)
    assert code in (0, 1), err
    return code, json.loads(out)


def found(report):
    return [(d["code"], d["line"], d["column"]) for d in report["diagnostics"]]


# --- A. merge keys are never reported -------------------------------------------------


def test_A_merge_key_in_meta_is_reported():
    """Input: tests/fixtures/CL005-merge-key.yaml (`<<: {extra: value}` under meta).
    Expected: CL005 at 17:3. Actual: no finding at all, exit 0 - the merge key is read
    as an ordinary key named '<<'. Cause: loader.py tests `event.style is None`, but
    libyaml's CParser gives plain scalars the style '' (PyYAML's pure parser gives None)."""
    code, report = check_json(FIXTURES, "CL005-merge-key.yaml")
    assert found(report) == [("CL005", 17, 3)]
    assert code == 1


def test_A_merge_key_in_an_entity_is_a_merge_key_not_an_unknown_field(tmp_path):
    """Input: a source with `<<: {kind: outlet}`. Expected: CL005 at the `<<`.
    Actual: CL102 "source 'src-a' has unknown field '<<'"."""
    text = CLEAN.replace("    name: Source A\n", "    name: Source A\n    <<: {kind: outlet}\n")
    (tmp_path / "m.yaml").write_text(text)
    _, report = check_json(tmp_path, "m.yaml")
    assert found(report) == [("CL005", 5, 5)]


# --- B. an empty plain value is '' rather than "not given" --------------------------


def test_B_empty_plain_value_is_none():
    """loader.py documents: "an empty plain scalar, `key:` with nothing after it, is
    None". Actual: '' (same cause as A: style '' rather than None)."""
    assert load_text("a:\nb: ''\n", "x.yaml").root == {"a": None, "b": ""}


def test_B_empty_id_counts_as_missing(tmp_path):
    """CL101's documentation: "An empty value (`name:` with nothing after it) counts as
    missing". Input: a source with `id:` and nothing after it. Expected: CL101.
    Actual: CL105 "source '': '' in 'id' is not a valid id"."""
    (tmp_path / "e.yaml").write_text(CLEAN.replace("  - id: src-a\n", "  - id:\n", 1))
    _, report = check_json(tmp_path, "e.yaml")
    assert [c for c, *_ in found(report)][:1] == ["CL101"]
    assert "CL105" not in [c for c, *_ in found(report)]


def test_B_empty_sources_is_not_the_text_empty_string(tmp_path):
    """Input: `sources:` with nothing after it. Actual: CL103 "the ledger: 'sources' is
    the text '', expected a list" - the message talks of a text the user never typed."""
    (tmp_path / "s.yaml").write_text("title: t\nsources:\n")
    _, report = check_json(tmp_path, "s.yaml")
    assert all("the text ''" not in d["message"] for d in report["diagnostics"])


# --- C. raw control characters crash the whole run ----------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x9b", "\x07", "\ufffe"])
def test_C_raw_control_character_is_a_finding_not_an_internal_error(tmp_path, char):
    """Input: a ledger with a raw control character typed into a value (`- id: a<ESC>[31m`),
    next to a clean ledger. Expected: a finding (CL001 syntax error) at line 3, exit 1,
    the other file still checked. Actual: exit 2, stdout empty, stderr "claimlog:
    internal error: ReaderError: unacceptable character #x001b: control characters are
    not allowed\\n  in "<unicode string>", position 27 (rerun with --debug)" - two lines,
    and every other file's findings are lost. Cause: yaml.reader.ReaderError is not a
    MarkedYAMLError, so _Builder.run does not catch it."""
    (tmp_path / "bad.yaml").write_text(f"title: t\nsources:\n  - id: a{char}[31m\n    name: A\n")
    (tmp_path / "other.yaml").write_text(CLEAN.replace("claim-a: supports", "claim-zz: x"))
    code, out, err = run(["check", "--format", "json", "."], tmp_path)
    assert err == ""
    assert code == 1
    report = json.loads(out)
    assert report["files"] == 2
    codes = {(d["path"], d["code"]) for d in report["diagnostics"]}
    assert ("bad.yaml", "CL001") in codes
    assert any(path == "other.yaml" for path, _ in codes)
    bad = [d for d in report["diagnostics"] if d["path"] == "bad.yaml"]
    assert bad[0]["line"] == 3
    # The hint's escape is this character's (it was always ESC's, "\x1b").
    code = ord(char)
    escape = f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    assert bad[0]["message"] == f"control character U+{code:04X} is not allowed in YAML"
    assert bad[0]["hint"].endswith(f'a double-quoted string ("{escape}")')


# --- D. --color always does not colour ------------------------------------------------


def test_D_color_always_colours_a_pipe(tmp_path):
    """Input: `claimlog check --color always x.yaml | cat` (stdout not a terminal,
    NO_COLOR and FORCE_COLOR unset). Expected: SGR colour sequences. Actual: plain text.
    Cause: _write_lines builds rich's Console without force_terminal, so rich decides by
    isatty() anyway (summary's _print_rich does pass force_terminal=color)."""
    (tmp_path / "w.yaml").write_text(
        CLEAN + "  - id: ev-b\n    summary: s\n    source: nope\n    stance: {claim-a: supports}\n"
    )
    code, out, _ = run(["check", "--color", "always", "w.yaml"], tmp_path)
    assert code == 1
    assert SGR.search(out)


# --- E. the schema's meta properties have no description ----------------------------


def test_E_every_schema_property_has_a_description():
    """`claimlog schema`: the `meta` property (top level, Source, Claim, Evidence) has
    no "description"; it sits inside its anyOf branch only, where editors hovering over
    the key do not look. schema.py promises "every field carries a description"."""
    _, out, _ = run(["schema"], REPO)
    schema = json.loads(out)
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if "description" not in prop:
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    walk(schema, "#")
    assert missing == []


# --- F. ISO week dates and basic-format dates are accepted ----------------------------


@pytest.mark.parametrize("value", ["2024-W12-5", "2024-W01-1"])
def test_F_week_date_is_malformed(tmp_path, value):
    """The format says dates are YYYY-MM-DD (the JSON schema's pattern agrees). Input:
    `date: 2024-W12-5` on a claim. Expected: CL106. Actual: accepted as 2024-03-22
    (Python 3.11's date.fromisoformat accepts ISO week dates; `len(text) == 10`)."""
    text = CLEAN.replace(
        "    statement: Something happened.\n",
        f"    statement: Something happened.\n    date: {value}\n",
    )
    (tmp_path / "d.yaml").write_text(text)
    _, report = check_json(tmp_path, "d.yaml")
    assert [c for c, *_ in found(report)] == ["CL106"]


@pytest.mark.parametrize("value", ["2024W121", "20240101", "2024-W01-1"])
def test_F_as_of_takes_only_yyyy_mm_dd(tmp_path, value):
    """`--as-of` is documented as YYYY-MM-DD. Actual: 2024W121, 20240101 and 2024-W01-1
    are accepted (exit 0/1); expected exit 2 with the usual one-line message."""
    (tmp_path / "c.yaml").write_text(CLEAN)
    code, _out, err = run(["check", "--as-of", value, "c.yaml"], tmp_path)
    assert code == 2
    assert err.startswith("claimlog: --as-of")


# --- G. one file named twice outside the working directory ---------------------------


def test_G_same_file_by_two_spellings_is_read_once(tmp_path):
    """Input, from cwd=tmp/work: `claimlog check ../outside/a.yaml <abs>/outside/a.yaml`.
    Expected: files 1, no findings. Actual: files 2 and a CL202 duplicate-id for every
    id of the file. Cause: discover() de-duplicates by the display string, which is only
    canonical for files under the cwd. (Same from /work/main/tests with
    ../ledgers/sources.yaml and /work/main/ledgers/sources.yaml: 12 errors.)"""
    (tmp_path / "outside").mkdir()
    (tmp_path / "work").mkdir()
    (tmp_path / "outside" / "a.yaml").write_text(CLEAN)
    code, report = check_json(
        tmp_path / "work", "../outside/a.yaml", str(tmp_path / "outside" / "a.yaml")
    )
    assert report["files"] == 1
    assert report["diagnostics"] == []
    assert code == 0


# --- H. rule documentation is wrapped inside option names ---------------------------


def test_H_rules_text_does_not_break_inside_words():
    """`claimlog rules CL401` prints "(`--as-" at the end of one line and "of`)" at the
    start of the next: textwrap.fill breaks on hyphens, so the option name is split and
    cannot be copied. Expected: every word of the documentation intact."""
    result = CliRunner().invoke(app, ["rules", "CL401"])
    assert "`--as-of`" in result.stdout


@pytest.mark.parametrize(
    "url",
    ['"https://ex\\0ample.org"', '"https://[::1/feed"', "https://example.org:99999999/x"],
)
def test_a_url_with_a_control_character_an_open_bracket_or_a_long_port_is_cl107(
    tmp_path: pathlib.Path, url: str
) -> None:
    """A campaign: URLs holding a NUL, an unclosed '[' (IPv6) or a port of 8 digits
    passed the form check."""
    text = CLEAN.replace("    name: Source A\n", f"    name: Source A\n    url: {url}\n")
    (tmp_path / "u.yaml").write_text(text, encoding="utf-8")
    code, report = check_json(tmp_path, "u.yaml")
    assert code == 1
    assert [(d["code"], d["line"]) for d in report["diagnostics"]] == [("CL107", 5)]
    for fine in ("https://[::1]:8080/a?x=1#y", "https://example.com:/x"):  # an empty port
        (tmp_path / "u.yaml").write_text(text.replace(url, fine), "utf-8")
        code, report = check_json(tmp_path, "u.yaml")
        assert (code, report["diagnostics"]) == (0, []), fine


# --- CL407 under --as-of (a new user's tour, 2026-12-05) ------------------------------

RETRACTED_LATER = """\
sources:
  - {id: f, name: F, kind: person}
claims:
  - {id: c, statement: S}
evidence:
  - {id: e, summary: S, source: f, stance: {c: supports}, date: 2015-01-15, retracted: 2015-02-01}
"""


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ([], [("CL407", 4, 10)]),
        (["--as-of", "2015-01-20"], []),
        (["--as-of", "2015-02-01"], [("CL407", 4, 10)]),
    ],
)
def test_retracted_only_reads_a_retraction_date_as_the_assessment_does(tmp_path, as_of, expected):
    """An item withdrawn on 2015-02-01 still counts as of 2015-01-20 (docs/ledger-format.md):
    `check --as-of 2015-01-20` warned that it was retracted (CL407) while `summary` at the
    same date counted it."""
    (tmp_path / "l.yaml").write_text(RETRACTED_LATER, encoding="utf-8")
    _, report = check_json(tmp_path, *as_of, "l.yaml")
    assert found(report) == expected
    code, out, _ = run(["summary", "--format", "json", *as_of, "l.yaml"], tmp_path)
    assert code == 0
    (claim,) = json.loads(out)["claims"]
    assert (claim["evidence"]["supports"] == 0) == bool(expected)
