"""``claimlog fmt``: one canonical layout, every value and every comment kept.

The property tests build ledgers as YAML text with comments everywhere a comment can be
(file header, entities, keys, list items, after a block), odd indentation, flow and block
lists, plain, quoted and folded scalars, keys in any order, CRLF line ends; ``fmt`` must
keep every value (compared through claimlog's own loader) and the text of every comment,
and be idempotent. The rest: the sample ledgers, the options and exit codes, the files
left untouched, and where comments and quotes end up.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimlog import fmt as formatting
from claimlog.canonical import RESOLUTION_KEYS
from claimlog.checks import CheckOptions, run_checks
from claimlog.fmt import comment_texts, format_bytes, plain, structure_errors, verifier
from claimlog.ledgerset import LedgerSet
from claimlog.loader import SUPPRESSION, load_bytes
from claimlog.validation import build_file
from conftest import CLEAN_LEDGER, LEDGERS, run, write

SCALE = float(os.environ.get("CLAIMLOG_PROPERTY_SCALE", "1"))
PROPERTY = settings(
    deadline=None,
    max_examples=int(60 * SCALE),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- a strategy: ledgers as text, with comments --------------------------------------

TEXTS = (
    "plain words",
    "no",
    "Yes",
    "off",
    "~",
    "null",
    "012",
    "1:20",
    "1.10",
    "0x1F",
    "1e3",
    "2024-03-22",
    "true",
    "y",
    "N",
    "=",
    "It's here",
    'say "hi"',
    "a: b",
    "x #y",
    "#hash",
    "- dash",
    "[x]",
    "{y}",
    "50%",
    "@at",
    "café ünïcode",
    "",
    " lead",
    "trail ",
    "two\nlines",
    "tab\there",
)
IDS = ("a", "b-1", "012", "2024-03-22", "no", "x.y", "u:v", "c_2", "1.10", "on")
WORDS = ("alpha", "beta", "gamma", "delta", "# not", "a comment", "x:", "y")
COMMENTS = (
    "# note",
    "#tight",
    "# claimlog: ignore[CL406]",
    "# claimlog: ignore[CL201, CL103]",
    "# with: colon, and 'quotes'",
    "# ünïcode ✓",
    "#",
    "# - dash",
    "## double",
)
KEYS = {
    "sources": ("id", "name", "kind", "reliability", "affiliation", "derived_from", "notes"),
    "claims": (
        "id",
        "statement",
        "date",
        "claimed_by",
        "parties",
        "prior",
        "tags",
        "group",
        "resolution",
    ),
    "evidence": ("id", "summary", "source", "via", "credibility", "date", "retracted", "notes"),
}
LISTS = frozenset({"affiliation", "derived_from", "claimed_by", "parties", "tags", "via"})
TYPED = {
    "date": ("2024-03-22", "2024-03-22T10:00:00+03:00", "soon"),
    "credibility": ("2", "07", "six"),
    "prior": ("0.25", ".5", "no"),
    "retracted": ("false", "True", "no", "2024-01-02"),
    "reliability": ("A", "F", "no"),
    "kind": ("outlet", "person", "off"),
    "value": ("true", "False", "yes", "maybe"),
}
RESOLUTION = {"value": "value", "date": "date", "source": "source", "notes": "notes"}
"""A resolution's keys, and the key of an entity whose values each one draws from."""
_PLAIN_BLOCK = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._'-]*(:[A-Za-z0-9][A-Za-z0-9 ._'-]*)*")
_PLAIN_FLOW = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@st.composite
def scalar(draw: st.DrawFn, text: str, flow: bool = False) -> str:
    """``text`` written plain (where YAML allows), single- or double-quoted."""
    styles = ["double"]
    if "\n" not in text and "\t" not in text:
        styles.append("single")
    pattern = _PLAIN_FLOW if flow else _PLAIN_BLOCK
    if text and pattern.fullmatch(text) and not text.endswith(" "):
        styles += ["plain", "plain"]
    style = draw(st.sampled_from(styles))
    if style == "plain":
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


@st.composite
def notes(draw: st.DrawFn) -> dict[str, Any]:
    """The comments and blank line around one entry."""
    return {
        "blank": draw(st.booleans()),
        "before": draw(st.lists(st.sampled_from(COMMENTS), max_size=2)),
        # a suppression more often than the other comments: where fmt puts its line
        # decides which findings it covers (test_fmt_changes_no_finding)
        "eol": draw(st.none() | st.sampled_from(COMMENTS) | st.just(COMMENTS[3])),
        # what separates the value from it: ruamel.yaml refused a tab (a tour)
        "gap": draw(st.sampled_from(("  ", "  ", " \t", "\t"))),
        "after": draw(st.lists(st.sampled_from(COMMENTS), max_size=1)),
    }


@st.composite
def value(draw: st.DrawFn, key: str, apart: bool = False) -> tuple[str, Any]:
    """(kind, what) of the value of ``key``: a scalar, a folded text, a list; with
    ``apart``, sometimes a scalar on the line below its key."""
    # (``apart`` makes the layouts fmt may refuse: test_fmt_changes_no_finding)
    if apart and key in ("id", "source", "name", "summary") and draw(st.booleans()):
        return "below", draw(scalar(draw(st.sampled_from(IDS))))
    if key == "resolution":  # a mapping of its own, keys in any order
        keys = [k for k in draw(st.permutations(list(RESOLUTION))) if draw(st.booleans())]
        return "nested", [(k, draw(value(RESOLUTION[k])), draw(notes())) for k in keys or ["value"]]
    if key in LISTS:
        items = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=6))
        if draw(st.integers(0, 3)) == 0:  # in brackets over several lines, with comments
            plain = [c for c in COMMENTS if apart or not SUPPRESSION.search(c)]
            said = st.none() | st.sampled_from(plain)
            return "flowlines", [(draw(scalar(i, flow=True)), draw(said)) for i in items]
        if draw(st.booleans()):
            return "flow", [draw(scalar(i, flow=True)) for i in items]
        return "block", [(draw(scalar(i)), draw(notes())) for i in items]
    if key in ("notes", "summary", "statement") and draw(st.booleans()):
        return "folded", draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
    if key in TYPED:
        return "scalar", draw(scalar(draw(st.sampled_from(TYPED[key]))))
    if key in ("id", "source", "group"):
        return "scalar", draw(scalar(draw(st.sampled_from(IDS))))
    return "scalar", draw(scalar(draw(st.sampled_from(TEXTS))))


@st.composite
def entity(
    draw: st.DrawFn, section: str, apart: bool = False
) -> list[tuple[str, tuple[str, Any], dict[str, Any]]]:
    keys = draw(st.permutations(KEYS[section]))
    # with ``apart``, an entity may have no id (fmt then moves another key first)
    chosen = [k for k in keys if (k == "id" and not apart) or draw(st.booleans())]
    if draw(st.integers(0, 4)) == 0:
        chosen.insert(draw(st.integers(0, len(chosen))), "xtra")  # an unknown key
    entries = [(k, draw(value(k, apart)), draw(notes())) for k in chosen]
    if section == "evidence" and draw(st.booleans()):
        stance = [
            (draw(scalar(c)), draw(notes())) for c in ("c1", "012", "no")[: draw(st.integers(1, 3))]
        ]
        entries.append(("stance", ("stance", stance), draw(notes())))
    return entries


@st.composite
def ledgers(draw: st.DrawFn, apart: bool = False) -> str:
    """A ledger file as text: sections in any order, entities with comments."""
    step = draw(st.sampled_from((2, 3, 4)))
    dash = draw(st.sampled_from((0, 2)))
    out: list[str] = list(draw(st.lists(st.sampled_from(COMMENTS), max_size=2)))
    sections = draw(st.permutations(("title", "sources", "claims", "evidence")))
    for name in sections:
        top = draw(notes())
        _before(out, top, 0)
        if name == "title":
            out.append(f"title: {draw(scalar(draw(st.sampled_from(TEXTS))))}{_eol(top)}")
            continue
        out.append(f"{name}:{_eol(top)}")
        for _ in range(draw(st.integers(1, 3))):
            item = draw(notes())
            _before(out, item, dash)
            _map(out, draw(entity(name, apart)), dash + 2, step, first=" " * dash + "- ")
            out.extend(" " * (dash + 2) + c for c in item["after"])
    out += draw(st.lists(st.sampled_from(COMMENTS), max_size=2))
    return draw(st.sampled_from(HEADS)) + "\n".join(out) + "\n" + draw(st.sampled_from(TAILS))


HEADS = ("", "---\n", "--- # the ledger\n", "%YAML 1.2\n---\n", "# a\n%YAML 1.1\n--- # b\n")
TAILS = ("", "...\n", "...\n# after the end\n")
"""Directives and document markers before the content and after it (kept by fmt)."""


def _eol(n: dict[str, Any]) -> str:
    return f"{n['gap']}{n['eol']}" if n["eol"] else ""


def _before(out: list[str], n: dict[str, Any], indent: int) -> None:
    if n["blank"]:
        out.append("")
    out.extend(" " * indent + c for c in n["before"])


def _map(out: list[str], entries: list[Any], indent: int, step: int, first: str) -> None:
    for i, (key, (kind, what), n) in enumerate(entries):
        prefix = first if i == 0 else " " * indent
        if i:
            _before(out, n, indent)
        head = f"{prefix}{key}:"
        if kind == "scalar":
            out.append(f"{head} {what}{_eol(n)}")
        elif kind == "below":
            out.append(f"{head}{_eol(n)}")
            out.append(f"{' ' * (indent + step)}{what}")
        elif kind == "flow":
            out.append(f"{head} [{', '.join(what)}]{_eol(n)}")
        elif kind == "flowlines":  # one item a line, the last closing the brackets
            for j, (text, said) in enumerate(what):
                opening = f"{head} [" if j == 0 else " " * (indent + step)
                closing = "]" if j == len(what) - 1 else ","
                out.append(f"{opening}{text}{closing}" + (f"  {said}" if said else ""))
        elif kind == "folded":
            out.append(f"{head} >-{_eol(n)}")
            out.extend(
                " " * (indent + step) + " ".join(what[j : j + 3]) for j in range(0, len(what), 3)
            )
        elif kind == "block":
            out.append(f"{head}{_eol(n)}")
            for text, item in what:
                _before(out, item, indent + step)
                out.append(f"{' ' * (indent + step)}- {text}{_eol(item)}")
        elif kind == "nested":  # a mapping, its keys one level deeper
            out.append(f"{head}{_eol(n)}")
            _map(out, what, indent + step, step, first=" " * (indent + step))
        else:  # stance: a mapping of claim ids
            out.append(f"{head}{_eol(n)}")
            for claim, item in what:
                _before(out, item, indent + step)
                out.append(f"{' ' * (indent + step)}{claim}: supports{_eol(item)}")
        if i and kind != "scalar":
            out.extend(" " * indent + c for c in n["after"])


# --- the properties ------------------------------------------------------------------


def _formatted(data: bytes) -> bytes:
    result = format_bytes(data, "ledger.yaml")
    assert result.problem is None, result.problem
    assert not result.findings
    assert result.after is not None
    return result.after


def _assert_same_content(before: bytes, after: bytes) -> None:
    old, new = load_bytes(before, "x"), load_bytes(after, "x")
    assert not structure_errors(new), [d.message for d in new.diagnostics]
    assert plain(new.root) == plain(old.root)
    assert comment_texts(new) == comment_texts(old)


@PROPERTY
@given(ledgers(), st.booleans())
@example(  # the outer comment went into the resolution on a second run
    "claims:\n  - id: a\n    resolution:\n      notes: x\n      # inner\n    # outer\n", False
)
def test_fmt_keeps_every_value_and_comment_and_is_idempotent(text: str, crlf: bool) -> None:
    data = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
    loaded = load_bytes(data, "ledger.yaml")
    assert not structure_errors(loaded), (text, [d.message for d in loaded.diagnostics])
    once = _formatted(data)
    _assert_same_content(data, once)
    assert (b"\r\n" in once) is crlf
    assert once.endswith(b"\r\n" if crlf else b"\n")
    assert _formatted(once) == once


@PROPERTY
@given(ledgers())
def test_fmt_layout_is_canonical(text: str) -> None:
    """Two-space indents, keys in canonical order, short lists of ids in flow style."""
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    loaded = load_bytes(out.encode("utf-8"), "x")
    assert loaded.root is not None
    for section, keys in formatting.ENTITY_KEYS.items():
        for item in loaded.root.get(section) or []:
            known = [k for k in item if k in keys]
            assert known == [k for k in keys if k in item]
            assert list(item)[: len(known)] == known  # unknown keys after the known ones
            resolution = item.get("resolution") if section == "claims" else None
            if isinstance(resolution, dict):
                assert list(resolution) == [k for k in RESOLUTION_KEYS if k in resolution]
    for line in out.splitlines():
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#"):
            assert (len(line) - len(stripped)) % 2 == 0, line


def _checked(data: bytes) -> list[tuple[str, str]]:
    """(code, message) of every finding of ``check`` on one file, the line numbers it
    names blanked (they move with the layout)."""
    loaded = load_bytes(data, "ledger.yaml")
    ls = LedgerSet.from_files([build_file(loaded)], {loaded.path: loaded})
    found = run_checks(ls, CheckOptions(date(2026, 1, 1)))
    return sorted((d.code, re.sub(r"(?:(?<=:)|(?<=line ))[0-9]+", "#", d.message)) for d in found)


@PROPERTY
@given(ledgers(apart=True))
@example(  # a block list joined onto its key's line took the suppression to its items
    "evidence:\n- id: a\n  source: a\n  via:  # claimlog: ignore[CL201, CL103]\n    - a\n"
    "claims:\n- id: a\n"
)
@example(  # a value below its key, joined to it, took the suppression to the value
    "evidence:\n- id: a\n  source:  # claimlog: ignore[CL201, CL103]\n    zz\n"
)
@example(  # a review: a value below its key with a '#word' comment of its own was quoted
    "evidence:\n- id: a\n  summary:\n    Reported by #Reuters\n"
)
@example(  # and one whose key's line holds the comment is quoted, joined
    "evidence:\n- id: a\n  notes:  #tight\n    kept\n"
)
def test_fmt_changes_no_finding(text: str) -> None:
    """The same findings before and after fmt: a suppression (of the unknown ids the
    generated lists name, say) covers the same ones wherever fmt puts its line. Where
    no layout can keep that (a value below its key, joined to it), fmt refuses the file
    and names the suppression's line; it also refuses, naming the line, a comment that
    ruamel.yaml cannot place (on a key's line, its value below it, a blank line after)."""
    data = text.encode("utf-8")
    result = format_bytes(data, "ledger.yaml")
    if result.problem is not None:
        found = re.match(r"line ([0-9]+): ", result.problem)
        assert found, result.problem
        line = text.splitlines()[int(found[1]) - 1]
        placed = "cannot place this comment" in result.problem and "#" in line
        assert placed or SUPPRESSION.search(line), result.problem
        assert result.after is None
        return
    assert result.after is not None
    assert _checked(result.after) == _checked(data)


# --- the sample ledgers ---------------------------------------------------------------


def test_fmt_of_the_samples_keeps_them_and_changes_nothing_after_a_first_run(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    shutil.copytree(LEDGERS, tmp_path / "ledgers")
    before = {p.name: p.read_bytes() for p in (tmp_path / "ledgers").iterdir()}
    first = cli(["fmt"], cwd=tmp_path)
    assert first.code == 0, first.stdout + first.stderr
    for name, data in before.items():
        _assert_same_content(data, (tmp_path / "ledgers" / name).read_bytes())
    again = cli(["fmt", "--check"], cwd=tmp_path)
    assert again.code == 0, again.stdout
    assert again.stdout == f"{len(before)} files already formatted\n"
    check = cli(["check", "--format", "json"], cwd=tmp_path)
    original = cli(["check", "--format", "json"], cwd=LEDGERS.parent)
    assert check.code == original.code == 0
    assert len(check.json()["diagnostics"]) == len(original.json()["diagnostics"])


# --- options, exit codes, outputs -------------------------------------------------------

MESSY = """\
title: A clean ledger
sources:
    - name: Source A
      id: src-a     # the only source
claims:
    - statement: Something happened.
      id: claim-a
evidence:
    - id: ev-a
      summary: A report that it happened.
      source: src-a
      stance:
          claim-a: supports
"""


def test_check_and_diff_write_nothing_and_exit_1_when_a_file_would_change(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    messy = write(tmp_path / "ledgers" / "messy.yaml", MESSY)
    clean = write(tmp_path / "ledgers" / "clean.yaml", CLEAN_LEDGER.replace("a", "b"))
    clean.write_bytes(_formatted(clean.read_bytes()))
    done = cli(["fmt", "--check"], cwd=tmp_path)
    assert done.code == 1
    assert done.stdout == (
        "Would reformat: ledgers/messy.yaml\n"
        "1 file would be reformatted, 1 file already formatted\n"
    )
    shown = cli(["fmt", "--diff"], cwd=tmp_path)
    assert shown.code == 1
    assert shown.stdout.startswith("--- a/ledgers/messy.yaml\n+++ b/ledgers/messy.yaml\n")
    assert "+  - id: src-a  # the only source\n" in shown.stdout
    assert "+    source: src-a\n" in shown.stdout
    assert "1 file would be reformatted" in shown.stderr
    assert messy.read_text(encoding="utf-8") == MESSY
    written = cli(["fmt"], cwd=tmp_path)
    assert written.code == 0
    assert written.stdout == "1 file reformatted, 1 file left unchanged\n"
    assert messy.read_text(encoding="utf-8") == (
        "title: A clean ledger\n"
        "sources:\n"
        "  - id: src-a  # the only source\n"
        "    name: Source A\n"
        "claims:\n"
        "  - id: claim-a\n"
        "    statement: Something happened.\n"
        "evidence:\n"
        "  - id: ev-a\n"
        "    summary: A report that it happened.\n"
        "    source: src-a\n"
        "    stance:\n"
        "      claim-a: supports\n"
    )
    assert cli(["fmt", "--check"], cwd=tmp_path).code == 0
    assert cli(["fmt", "--diff"], cwd=tmp_path).stdout == ""


def test_fmt_as_a_real_process(tmp_path: Path) -> None:
    messy = write(tmp_path / "ledgers" / "messy.yaml", MESSY)
    checked = run(["fmt", "--check"], tmp_path)
    assert (checked.code, checked.stdout) == (
        1,
        "Would reformat: ledgers/messy.yaml\n1 file would be reformatted\n",
    )
    done = run(["fmt", "ledgers/messy.yaml"], tmp_path)
    assert (done.code, done.stdout, done.stderr) == (0, "1 file reformatted\n", "")
    assert run(["fmt", "--check"], tmp_path).code == 0
    piped = run(["fmt", "-"], tmp_path)  # nothing on standard input: nothing to lay out
    assert (piped.code, piped.stdout, piped.stderr) == (0, "", "1 file left unchanged\n")
    assert messy.read_text(encoding="utf-8").startswith(
        "title: A clean ledger\nsources:\n  - id: src-a  # the only source\n"
    )


def test_fmt_honours_the_configured_paths_and_exclude(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    write(tmp_path / "claimlog.toml", 'paths = ["data"]\nexclude = ["data/vendored/*"]\n')
    mine = write(tmp_path / "data" / "mine.yaml", MESSY)
    theirs = write(tmp_path / "data" / "vendored" / "theirs.yaml", MESSY)
    done = cli(["fmt"], cwd=tmp_path)
    assert done.code == 0
    assert done.stdout == "1 file reformatted\n"
    assert mine.read_text(encoding="utf-8") != MESSY
    assert theirs.read_text(encoding="utf-8") == MESSY
    missing = cli(["fmt", "nowhere"], cwd=tmp_path)
    assert missing.code == 2
    assert "path does not exist: nowhere" in missing.stderr


def test_fmt_reads_standard_input_and_prints_the_result(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "claimlog", "fmt", "-"],
        input=MESSY.encode("utf-8"),
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.decode("utf-8").startswith(
        "title: A clean ledger\nsources:\n  - id: src-a  # the only source\n"
    )


# --- what is kept -------------------------------------------------------------------------


def test_crlf_bom_and_mode_are_kept(tmp_path: Path, cli: Callable[..., Any]) -> None:
    path = tmp_path / "ledgers" / "crlf.yaml"
    path.parent.mkdir()
    path.write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode("utf-8"))
    path.chmod(0o640)
    assert cli(["fmt"], cwd=tmp_path).code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbftitle: A clean ledger\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert cli(["fmt", "--check"], cwd=tmp_path).code == 0


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("title: [unclosed\n", "CL001", id="syntax"),
        pytest.param("title: a\ntitle: b\n", "CL003", id="duplicate-key"),
        pytest.param("meta: &x {a: 1}\nother: *x\n", "CL004", id="alias"),
        pytest.param("title: !!str x\n", "CL006", id="tag"),
        pytest.param("title: a\n---\ntitle: b\n", "CL007", id="documents"),
        pytest.param("- a\n- b\n", "CL008", id="not-a-mapping"),
        pytest.param("sources:\n  - id: a\n\tname: A\n", "CL010", id="tab"),
    ],
)
def test_a_file_of_uncertain_structure_is_left_untouched_with_a_finding(
    tmp_path: Path, cli: Callable[..., Any], text: str, code: str
) -> None:
    bad = write(tmp_path / "ledgers" / "bad.yaml", text)
    good = write(tmp_path / "ledgers" / "good.yaml", MESSY)
    done = cli(["fmt"], cwd=tmp_path)
    assert done.code == 1
    assert "ledgers/bad.yaml:" in done.stdout
    assert f"error[{code}]" in done.stdout
    assert done.stdout.endswith("1 file reformatted, 1 file not formatted (errors)\n")
    assert bad.read_text(encoding="utf-8") == text
    assert good.read_text(encoding="utf-8") != MESSY


def test_a_file_that_is_not_utf8_is_left_untouched(tmp_path: Path, cli: Callable[..., Any]) -> None:
    bad = tmp_path / "ledgers" / "latin1.yaml"
    bad.parent.mkdir()
    bad.write_bytes("title: caf\xe9\n".encode("latin-1"))
    done = cli(["fmt", "--check"], cwd=tmp_path)
    assert done.code == 1
    assert "error[CL002]" in done.stdout
    assert bad.read_bytes() == "title: caf\xe9\n".encode("latin-1")


def test_directives_and_document_markers_are_kept_as_written() -> None:
    """A YAML directive, the document start (yamllint's ``document-start`` rule asks for
    it) and the document end stay where they were, with their comments."""
    text = (
        "# the case\n%YAML 1.2\n--- # start\n\ntitle:   a\nsources:\n- id: s\n  name: Nm\n"
        "...\n# after the end\n"
    )
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert out == (
        "# the case\n%YAML 1.2\n--- # start\n\ntitle: a\nsources:\n  - id: s\n    name: Nm\n"
        "...\n# after the end\n"
    )
    assert _formatted(out.encode("utf-8")).decode("utf-8") == out


def test_unknown_keys_are_kept_after_the_known_ones() -> None:
    text = "sources:\n  - zzz: z\n    name: Nm\n    relability: B\n    id: s\n"
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert out == "sources:\n  - id: s\n    name: Nm\n    zzz: z\n    relability: B\n"


def test_text_that_yaml_11_reads_as_something_else_is_quoted() -> None:
    text = (
        "sources:\n  - id: 012\n    name: no\n    kind: ~\n    url: null\n"
        "claims:\n  - id: 2024-03-22\n    statement: 1:20\n    group: 1.10\n"
        "    date: 2024-03-22\n    prior: 0.5\n    tags: [yes, on, y, plain]\n"
        "evidence:\n  - id: e\n    summary: Yes\n    source: '012'\n    credibility: 2\n"
        "    retracted: no\n    stance: {2024-03-22: supports}\n"
    )
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    for quoted in (
        "id: '012'",
        "name: 'no'",
        "kind: '~'",
        "url: 'null'",
        "id: '2024-03-22'",
        "statement: '1:20'",
        "group: '1.10'",
        "tags: ['yes', 'on', 'y', plain]",
        "summary: 'Yes'",
        "source: '012'",
        "'2024-03-22': supports",
    ):
        assert f"{quoted}\n" in out, quoted
    for kept in ("date: 2024-03-22", "prior: 0.5", "credibility: 2", "retracted: no"):
        assert f"    {kept}\n" in out, kept  # fields that convert their text stay plain
    _assert_same_content(text.encode("utf-8"), out.encode("utf-8"))


def test_the_values_of_meta_keep_the_quotes_they_were_written_with() -> None:
    """A tour: fmt quoted `meta: {year: 2024}` to `year: '2024'`, turning the number of
    another tool that reads the file into text. `meta` is free-form data: its keys and
    values stay plain or quoted as written (claimlog reads them as text either way)."""
    text = (
        "title: T\nmeta:\n  year: 2024\n  q: \"2024\"\n  s: 'no'\n  flag: true\n"
        "  list: [1, '2', x]\n  n: {y: 3}\nsources:\n  - id: s\n    name: \"S\"\n"
        "    meta:\n      on: yes\n      date: 2024-03-22\n"
    )
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert out == (
        "title: T\nmeta:\n  year: 2024\n  q: \"2024\"\n  s: 'no'\n  flag: true\n"
        "  list: [1, '2', x]\n  n: {y: 3}\nsources:\n  - id: s\n    name: S\n"
        "    meta:\n      on: yes\n      date: 2024-03-22\n"
    )
    _assert_same_content(text.encode("utf-8"), out.encode("utf-8"))


def test_the_values_of_unknown_keys_stay_as_written_too() -> None:
    """A tour: under `mets:` (`meta` misspelt, which check reports) fmt wrote `year: 2024`
    as `year: '2024'` and `ok: no` as `ok: 'no'`: when the author renamed the key, the
    data had become text for every other tool. A key the format does not know, at the
    top, in an entity or in a resolution, keeps its data as written, as `meta` does."""
    text = (
        "title: T\nextra: {b: 1, a: no}\nsources:\n  - id: s\n    name: S\n"
        "    mets:\n      year: 2024\n      ok: no\n      q: '7'\n"
        "claims:\n  - id: c\n    statement: C.\n"
        "    resolution: {status: open, odds: 0.5}\n"
    )
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    for kept in ("extra: {b: 1, a: no}\n", "      year: 2024\n", "      ok: no\n", "q: '7'\n"):
        assert kept in out, kept
    assert "odds: 0.5" in out
    _assert_same_content(text.encode("utf-8"), out.encode("utf-8"))
    # a known text field still gets its quotes
    assert "name: 'no'\n" in _formatted(b"sources:\n  - id: s\n    name: no\n").decode("utf-8")


def test_a_tab_before_a_comment_is_read_and_made_spaces() -> None:
    """YAML allows a tab between a value and its comment, and check reads it, but
    ruamel.yaml refused the file ("found character '\\t' that cannot start any
    token"): fmt could not format it. A tab inside a quoted value stays."""
    text = (
        'sources:\n  - id: s\n    name: "A\t#b"\t#c\n    kind: outlet \t # d\n'
        "    affiliation: [x]\t# e\n"
    )
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert out == (
        'sources:\n  - id: s\n    name: "A\\t#b"  #c\n    kind: outlet  # d\n'
        "    affiliation: [x]  # e\n"
    )
    # a tab, then spaces (a review: only a tab right before '#' was seen)
    spaced = "sources:\n  - id: s\n    name: A\t  # note\n"
    assert _formatted(spaced.encode("utf-8")).decode("utf-8") == (
        "sources:\n  - id: s\n    name: A  # note\n"
    )
    _assert_same_content(text.encode("utf-8"), out.encode("utf-8"))
    # What ruamel.yaml cannot read is said in one line, with its line (it was its whole
    # multi-line report, line breaks escaped)
    with pytest.raises(formatting.FormatError) as refused:
        formatting._read("a: b\t#c\n")
    assert str(refused.value) == (
        "line 1: ruamel.yaml, which writes the file, cannot read it: found character '\\t' "
        "that cannot start any token"
    )


def test_needless_quotes_go_and_long_lists_are_blocks() -> None:
    text = (
        "sources:\n  - id: \"s\"\n    name: 'Plain name'\n"
        "    affiliation: [a, b, c, d, e]\n    derived_from:\n      - x\n"
    )
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert out == (
        "sources:\n  - id: s\n    name: Plain name\n"
        "    affiliation:\n      - a\n      - b\n      - c\n      - d\n      - e\n"
        "    derived_from: [x]\n"
    )


def test_a_flow_list_that_would_not_fit_in_100_columns_is_a_block() -> None:
    ids = ["a-rather-long-source-identifier-" + c for c in "wxvz"]
    text = "sources:\n  - id: s\n    name: Nm\n    derived_from: [" + ", ".join(ids) + "]\n"
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert "    derived_from:\n" + "".join(f"      - {i}\n" for i in ids) in out
    short = text.replace("a-rather-long-source-identifier-", "")
    assert "    derived_from: [w, x, v, z]\n" in _formatted(short.encode("utf-8")).decode()


def test_comments_stay_with_what_they_annotate() -> None:
    text = (
        "# header, stays on top\n"
        "\n"
        "sources:\n"
        "  # the first source\n"
        "  - name: Name A   # eol of name\n"
        "    # before id\n"
        "    id: a\n"
        "    affiliation:\n"
        "      - x   # why x\n"
        "      - z\n"
        "    notes: >-   # about the notes\n"
        "      some # text\n"
        "    # closing a\n"
        "\n"
        "  - id: b\n"
        "    name: B\n"
        "    affiliation:   # short list\n"
        "      - x\n"
        "title: T   # the title\n"
        "# trailing\n"
    )
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert out == (
        "# header, stays on top\n"
        "\n"
        "sources:\n"
        "  # the first source\n"
        "  # before id\n"  # 'id' is first now: above the entry, where it can be
        "  - id: a\n"
        "    name: Name A  # eol of name\n"
        "    affiliation:\n"  # a list with comments on its items stays a block
        "      - x  # why x\n"
        "      - z\n"
        "    notes: >-  # about the notes\n"
        "      some # text\n"
        "    # closing a\n"
        "\n"
        "  - id: b\n"
        "    name: B\n"
        "    affiliation: [x]  # short list\n"
        "title: T  # the title\n"  # the file's sections stay in the author's order
        "# trailing\n"
    )
    assert comment_texts(load_bytes(out.encode(), "x")) == comment_texts(
        load_bytes(text.encode(), "x")
    )


def test_comments_closing_nested_entries_stay_at_their_levels() -> None:
    """A comment at the column of a mapping's key, below a comment closing the
    mapping's last entry, stays after the mapping: in one run with the inner one, it
    was indented as that one, and a second fmt moved it inside. A comment between two
    levels stays with the one above it, as before."""
    text = (
        "claims:\n"
        "  - id: a\n"
        "    resolution:\n"
        "      notes: x\n"
        "      # closing notes\n"
        "    # closing the claim\n"
        "  - id: b\n"
        "    tags:\n"
        "      - p\n"
        "        # closing p\n"
        "      # between levels\n"
        "    group: g\n"
    )
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert out == (
        "claims:\n"
        "  - id: a\n"
        "    resolution:\n"
        "      notes: x\n"
        "      # closing notes\n"
        "    # closing the claim\n"
        "  - id: b\n"
        "    group: g\n"
        "    tags:\n"
        "      - p\n"
        "        # closing p\n"
        "        # between levels\n"
    )
    assert _formatted(out.encode("utf-8")).decode("utf-8") == out


def test_suppression_comments_keep_their_meaning(tmp_path: Path, cli: Callable[..., Any]) -> None:
    text = (
        "# claimlog: ignore[CL405]\n"
        "claims:\n"
        "  - statement: Nothing supports this.\n"
        "    id: lonely\n"
        "sources:\n"
        "  - name: Unused\n"
        "    id: unused   # claimlog: ignore[CL406]\n"
        "    via_note: x\n"
    )
    path = write(tmp_path / "ledgers" / "s.yaml", text.replace("    via_note: x\n", ""))
    before = cli(["check", "--format", "concise"], cwd=tmp_path)
    assert before.code == 0, before.stdout
    assert cli(["fmt"], cwd=tmp_path).code == 0
    out = path.read_text(encoding="utf-8")
    assert out.startswith("# claimlog: ignore[CL405]\nclaims:\n  - id: lonely\n")
    assert "  - id: unused  # claimlog: ignore[CL406]\n" in out
    after = cli(["check", "--format", "concise"], cwd=tmp_path)
    assert (after.code, after.stdout) == (before.code, before.stdout)


def test_a_result_that_loses_a_comment_is_refused(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "ledgers" / "x.yaml", MESSY)
    real = formatting.format_loaded
    monkeypatch.setattr(
        formatting, "format_loaded", lambda loaded: real(loaded).replace("  # the only source", "")
    )
    done = cli(["fmt"], cwd=tmp_path)
    assert done.code == 1
    assert (
        "cannot format ledgers/x.yaml: a comment would be lost or changed: '# the only source'"
        in (done.stderr)
    )
    assert path.read_text(encoding="utf-8") == MESSY


def test_a_write_whose_bytes_on_disk_differ_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "x.yaml", MESSY)
    result = format_bytes(path.read_bytes(), "x.yaml")
    assert result.after is not None
    result.after = result.after.replace(b"Source A", b"Source B")
    why = formatting.write_formatted(result, path, tmp_path)
    assert why is not None
    assert "a value would change (at sources[0].name)" in why
    assert path.read_text(encoding="utf-8") == MESSY
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]  # no temporary file left


def test_an_escaped_bidirectional_control_stays_escaped() -> None:
    text = 'title: "a\\u202eb café"\n'
    out = _formatted(text.encode("utf-8"))
    assert out == b'title: "a\\u202Eb caf\\xE9"\n'
    _assert_same_content(text.encode("utf-8"), out)


@pytest.mark.parametrize("hidden", ["\\u200b", "\\U000e0041"])
def test_an_escaped_hidden_character_stays_escaped(hidden: str) -> None:
    """CL019's remedy is the escape: fmt wrote the raw character back (a review)."""
    text = f'title: "a{hidden}b"\n'
    out = _formatted(text.encode("utf-8"))
    assert out.isascii()
    _assert_same_content(text.encode("utf-8"), out)


# --- a suppression covers the same findings after fmt -----------------------------------

FLOW_LEDGER = """\
sources:
  - id: s
    name: S
claims:
  - id: c
    statement: It happened.
evidence:
  - id: e
    summary: A report.
    source: s
    via: {via}
    stance:
      c: supports
"""


def _findings(cli: Callable[..., Any], folder: Path, text: str) -> list[tuple[str, str]]:
    """(code, message) of each finding of ``claimlog check`` on ``text`` alone."""
    write(folder / "ledger.yaml", text)
    result = cli(["check", "--no-cache", "--format", "json", "ledger.yaml"], cwd=folder)
    return sorted((d["code"], d["message"]) for d in json.loads(result.stdout)["diagnostics"])


@pytest.mark.parametrize(
    ("via", "after"),
    [
        # a block list with a suppression on its key's line stays a block
        (
            "  # claimlog: ignore[CL201]\n      - zz\n      - s",
            "via:  # claimlog: ignore[CL201]\n      - zz\n      - s\n",
        ),
        # a flow list on the line below its key becomes one
        (
            "  # claimlog: ignore[CL201]\n      [zz, s]",
            "via:  # claimlog: ignore[CL201]\n      - zz\n      - s\n",
        ),
        # a flow list on its key's line, the suppression after it, stays flow
        ("[zz, s]  # claimlog: ignore[CL201]", "via: [zz, s]  # claimlog: ignore[CL201]\n"),
    ],
)
def test_a_suppression_on_a_key_covers_the_same_findings_after_fmt(
    cli: Callable[..., Any], tmp_path: Path, via: str, after: str
) -> None:
    """Joined on the key's line, a list took a suppression that covered the key alone to
    every item: a finding on an item was suppressed after fmt."""
    text = FLOW_LEDGER.format(via=via)
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert after in out
    assert _formatted(out.encode("utf-8")).decode("utf-8") == out
    before = _findings(cli, tmp_path, text)
    assert _findings(cli, tmp_path, out) == before


MOVED = (
    "line {line}: fmt would move this suppression onto other findings (it joins or "
    "splits the lines here, or reorders keys); write the entry one key or item a line, "
    "keys in the format's order (id first), or take the suppression out, run fmt, and "
    "put it back"
)


HEAD = "sources:\n  - id: s\n    name: S\nclaims:\n  - id: c\n    statement: X.\nevidence:\n"
SUP = "  # claimlog: ignore[CL201]"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a flow list written over several lines is written on one line or one entry a
        # line: either way a suppression at the end of one of its lines moves
        (FLOW_LEDGER.format(via=f"[s,{SUP}\n      zz]"), 11),
        (FLOW_LEDGER.format(via=f"[{SUP}\n      zz, s]"), 11),
        (FLOW_LEDGER.format(via=f"[zz, t,{SUP}\n      s]"), 11),
        (FLOW_LEDGER.format(via=f"[zz,\n      s\n      ]{SUP}"), 13),
        # fmt writes a value on its key's line: a suppression on the value's line would
        # then cover the key's findings too, one on the key's line the value's
        (FLOW_LEDGER.format(via=f"\n      [zz, s]{SUP}"), 12),  # a flow list below its key
        (FLOW_LEDGER.format(via=f"{SUP}\n      zz"), 11),  # a text below its key
        # an empty mapping below its key would join the key's line
        (HEAD + "  - id: e\n    source: s\n    stance:  # claimlog: ignore[CL104]\n      {}\n", 10),
        # without an id, the entity's findings stand at its first key, which fmt changes
        (HEAD + "  - source: s\n    summary: y  # claimlog: ignore[CL101]\n", 9),
        # a one-line flow file written in blocks
        ("{title: T, sources: [{id: s, name: S}]}  # claimlog: ignore[CL406]\n", 1),
    ],
)
def test_a_suppression_fmt_would_move_leaves_the_file_as_it_is(text: str, line: int) -> None:
    """After formatting, every suppression must cover the same places (keys, values,
    items, an entity's head) as before; else fmt leaves the file as it is and says why."""
    result = format_bytes(text.encode("utf-8"), "ledger.yaml")
    assert result.after is None
    assert result.problem == MOVED.format(line=line)


@pytest.mark.parametrize(
    ("via", "after"),
    [
        (f"[s,\n      zz]{SUP}", f"    via:\n      - s\n      - zz{SUP}\n"),
        (f"\n      [zz,\n      s]{SUP}", f"    via:\n      - zz\n      - s{SUP}\n"),
    ],
)
def test_a_suppression_on_the_last_line_of_a_flow_list_stays_with_its_item(
    cli: Callable[..., Any], tmp_path: Path, via: str, after: str
) -> None:
    """A flow list written over several lines whose last line carries a comment becomes
    a block, the comment on its last item's line (it was refused: joined onto one line,
    the suppression would have covered every item). It covers what it covered."""
    text = FLOW_LEDGER.format(via=via)
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert after in out
    assert _formatted(out.encode("utf-8")).decode("utf-8") == out
    assert _findings(cli, tmp_path, out) == _findings(cli, tmp_path, text)


def test_the_check_of_a_written_file_compares_the_suppressions_too() -> None:
    """What is read back from disk after a write is held to the same suppressions."""
    before = FLOW_LEDGER.format(via="\n      - zz  # claimlog: ignore[CL201]\n      - s")
    moved = FLOW_LEDGER.format(via="[zz, s]  # claimlog: ignore[CL201]")
    verify = verifier(load_bytes(before.encode("utf-8"), "ledger.yaml"))
    assert verify(before.encode("utf-8")) is None
    assert verify(moved.encode("utf-8")) == MOVED.format(line=12)


def test_a_suppression_in_a_reordered_resolution_is_formatted(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """Only an entity's head is a place of its own: a resolution's keys are reordered
    with their suppressions, which cover the same findings after."""
    text = (
        "sources:\n  - id: s\n    name: S\nclaims:\n  - id: c\n    statement: X.\n"
        "    verdict: supported\n    resolution:\n      date: 2024-01-01\n"
        "      value: yes  # claimlog: ignore[CL104]\n"
    )
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert "    resolution:\n      value: yes  # claimlog: ignore[CL104]\n" in out
    assert _findings(cli, tmp_path, out) == _findings(cli, tmp_path, text)


def test_a_comment_ruamel_cannot_place_is_a_message_not_a_crash() -> None:
    text = b"title: T\nclaims:\n- id:  # note\n    a\n\n  statement: S\n"
    result = format_bytes(text, "ledger.yaml")
    assert result.after is None
    assert result.problem == (
        "line 3: ruamel.yaml, which writes the file, cannot place this comment; write the "
        "value on its key's line, or the comment on a line of its own"
    )


def test_a_comment_inside_a_multi_line_flow_collection_is_kept() -> None:
    """A flow collection written over several lines whose entries carry comments becomes
    a block, each comment on its entry's line; one on the line of its opening bracket
    stays with the collection, joined onto one line. (They were all joined, and the
    comments went to the end of that line or below it, where a comment on its own line
    reads as one about the next key: a tour's `c2: refutes  # but not who ordered it`
    landed above `credibility`.)"""
    text = (
        "sources:\n  - id: s\n    name: S\n"
        "    meta: {a: [x, z],  # after a\n      b: w, c: [p,\n        q]}  # at the end\n"
        "    affiliation: [  # about the list\n      gov-x, gov-y]\n"
        "evidence:\n  - id: e\n    summary: S.\n    source: s\n    stance: {\n"
        "      c1: supports,  # the video shows the killing\n"
        "      c2: refutes    # but not who ordered it\n    }\n    credibility: 3\n"
    )
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert out == (
        "sources:\n  - id: s\n    name: S\n"
        "    affiliation: [gov-x, gov-y]  # about the list\n"
        "    meta:\n      a: [x, z]  # after a\n      b: w\n      c:\n        - p\n"
        "        - q  # at the end\n"
        "evidence:\n  - id: e\n    summary: S.\n    source: s\n    stance:\n"
        "      c1: supports  # the video shows the killing\n"
        "      c2: refutes  # but not who ordered it\n    credibility: 3\n"
    )
    assert _formatted(out.encode("utf-8")).decode("utf-8") == out
    _assert_same_content(text.encode("utf-8"), out.encode("utf-8"))


def test_a_comment_on_a_line_of_several_entries_stays_with_the_last_before_it() -> None:
    """A review: a comment at the end of a flow line holding several entries went to
    the first of them ('c1: supports  # refutes c2'), or to the entity's id."""
    text = (
        "sources:\n  - id: wire\n    name: W\n  - id: afp\n    name: A\n"
        "evidence:\n  - id: e0\n    summary: s\n    source: wire\n"
        "    stance: {c1: supports, c2: refutes,  # refutes c2: annex B\n      }\n"
        "  - {id: e1, summary: x, source: wire, via: [afp],  # via AFP's desk\n"
        "     stance: {c1: supports}}\n"
    )
    out = _formatted(text.encode("utf-8")).decode("utf-8")
    assert "      c1: supports\n      c2: refutes  # refutes c2: annex B\n" in out
    assert "  - id: e1\n    summary: x\n    source: wire\n    via: [afp]  # via AFP's desk\n" in out
    assert _formatted(out.encode("utf-8")).decode("utf-8") == out


@pytest.mark.parametrize(
    "text",
    [
        "sources:\n  - # about src-a\n    id: src-a\n    name: A\n  - id: src-b\n    name: B\n",
        "title: T\nsources:\n  - # about src-a\n    name: A\n    id: src-a\n",
    ],
)
def test_a_comment_after_a_list_dash_leaves_the_file_as_it_is(text: str) -> None:
    """ruamel.yaml hangs '- # about it' on the list's key ('sources:  # about src-a'), or
    after the whole list: fmt refuses instead of moving it (found by a tour)."""
    from claimlog.fmt import format_bytes

    out = format_bytes(text.encode("utf-8"), "a.yaml")
    assert out.after is None
    assert out.problem is not None
    line = text.splitlines().index("  - # about src-a") + 1
    assert out.problem.startswith(
        f"line {line}: fmt would move this comment away from what it annotates"
    )


def test_a_comment_on_a_line_of_its_own_above_an_entry_stays_there() -> None:
    from claimlog.fmt import format_bytes

    text = "sources:\n  # about src-a\n  - id: src-a\n    name: A\n"
    out = format_bytes(text.encode("utf-8"), "a.yaml")
    assert out.problem is None
    assert out.after == text.encode("utf-8")


def test_an_unknown_key_named_like_a_list_of_tags_keeps_its_style() -> None:
    """'tags' is a claim's; on a source it is an unknown key (CL102), whose style fmt
    keeps, as docs/writing.md says (a tour found it written as a block list)."""
    from claimlog.fmt import format_bytes

    text = (
        "sources:\n  - id: s\n    name: S\n    tags: [p, q, r, s, t]\n"
        "claims:\n  - id: c\n    statement: X.\n    tags: [p, q, r, s, t]\n"
    )
    out = format_bytes(text.encode("utf-8"), "a.yaml")
    assert out.problem is None
    assert out.after is not None
    after = out.after.decode("utf-8")
    assert "    name: S\n    tags: [p, q, r, s, t]\n" in after  # unknown here: as written
    assert "    tags:\n      - p\n" in after  # a claim's: more than four, a block list
