"""What a reviewer sees is what claimlog reads (issue 8, parts 2 and 3).

Each hostile input is built here, with escapes: raw line separators and bidi controls
in this file would hide from review the very thing the test is about.

* Line breaks that YAML honours and diffs do not (U+0085, U+2028, U+2029, a lone
  carriage return) hide entries inside what a reviewer sees as one comment line: the
  file is refused with CL015 at each one, at its place as a reviewer counts lines
  (line feeds only), and nothing in it is read.
* Bidirectional controls (the "Trojan Source" class) are CL015 wherever they are,
  comments included; the file is still read.
* Look-alike names (CL203): mixed scripts, invisible characters, TR39 skeletons.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimlog.checks import confusables
from claimlog.loader import BIDI_CONTROLS, HIDDEN_BREAKS, MAX_MISLEADING, load_bytes
from conftest import CLEAN_LEDGER, findings, run, write

SCALE = float(os.environ.get("CLAIMLOG_PROPERTY_SCALE", "1"))

HIDDEN = {
    "U+0085": "\x85",
    "U+2028": "\u2028",
    "U+2029": "\u2029",
    "lone CR": "\r",
}

# Two evidence items hidden in what a diff shows as one comment line (line 14):
# YAML reads them, a reviewer sees a comment.
SMUGGLED = (
    "  # reviewed 2024-05-04{br}"
    "  - id: ev-smuggled{br}    summary: Smuggled in.{br}    source: src-a{br}"
    "    stance: {{claim-a: refutes}}{br}"
    "  - id: ev-smuggled-2{br}    summary: Smuggled too.{br}    source: src-a{br}"
    "    stance: {{claim-a: refutes}}\n"
)


def places(text: str, chars: str) -> list[tuple[int, int]]:
    """(line, column) of each character of ``chars`` in ``text``, counting lines at
    line feeds only and columns in characters, as a reviewer does."""
    out = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        for col, ch in enumerate(line, start=1):
            if ch in chars and not (ch == "\r" and col == len(line)):
                out.append((line_no, col))
    return out


def check_json(cwd: Path, *args: str) -> tuple[int, dict]:
    result = run(["check", "--format", "json", *args], cwd)
    assert result.stderr == ""
    return result.code, result.json()


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_hidden_line_breaks_in_a_comment_are_refused_at_their_place(
    tmp_path: Path, name: str
) -> None:
    br = HIDDEN[name]
    text = CLEAN_LEDGER + SMUGGLED.format(br=br)
    # The control: YAML does read the smuggled items.
    import yaml

    assert len(yaml.safe_load(text)["evidence"]) == 3
    write(tmp_path / "smuggled.yaml", text)
    code, report = check_json(tmp_path, "smuggled.yaml")
    assert code == 1
    expected = [("CL015", "smuggled.yaml", line, col) for line, col in places(text, br)]
    assert len(expected) == 8
    assert all(line == 14 for _, _, line, _ in expected)  # all on the "comment" line
    assert findings(report) == expected
    assert all("the file is not read" in d["message"] for d in report["diagnostics"])
    # Nothing of the file is read: the smuggled items weigh on no claim.
    summary = run(["summary", "--format", "json", "smuggled.yaml"], tmp_path)
    assert "ev-smuggled" not in summary.stdout
    assert "claim-a" not in summary.stdout


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_hidden_line_breaks_in_values_are_reported_after_non_ascii_and_crlf(
    tmp_path: Path, name: str
) -> None:
    br = HIDDEN[name]
    text = (
        "title: \u041c\u043e\u0441\u043a\u0432\u0430 \U0001f525\r\n"  # CRLF is fine
        + CLEAN_LEDGER.split("\n", 1)[1].replace(
            "name: Source A", f'name: "\u00e9t\u00e9 \U0001f525{br}B"'
        )
        + f"description: |\n  first\n  second{br}third\n"
    )
    write(tmp_path / "values.yaml", text)
    code, report = check_json(tmp_path, "values.yaml")
    assert code == 1
    assert findings(report) == [("CL015", "values.yaml", 4, 17), ("CL015", "values.yaml", 16, 9)]
    assert [(d["line"], d["column"]) for d in report["diagnostics"]] == places(text, br)


@pytest.mark.parametrize("code", sorted(BIDI_CONTROLS))
def test_bidi_controls_are_errors_anywhere_and_the_file_is_still_read(
    tmp_path: Path, code: int
) -> None:
    ch = chr(code)
    text = (
        CLEAN_LEDGER.replace("A clean ledger", f"A clean {ch}ledger")
        .replace("    source: src-a\n", f"    source: src-b  # {ch}checked\n")
        .replace("claims:\n", f"# {ch}\nclaims:\n")
    )
    write(tmp_path / "bidi.yaml", text)
    code_, report = check_json(tmp_path, "bidi.yaml")
    assert code_ == 1
    got = findings(report)
    bidi = [("CL015", "bidi.yaml", line, col) for line, col in places(text, ch)]
    assert len(bidi) == 3
    # The file is read: its unknown source is reported too, at its place.
    # (src-a is no longer cited: CL406.)
    expected = [*bidi, ("CL201", "bidi.yaml", 12, 13), ("CL406", "bidi.yaml", 3, 9)]
    assert sorted(got) == sorted(expected)
    message = next(d["message"] for d in report["diagnostics"] if d["code"] == "CL015")
    assert f"U+{code:04X} {BIDI_CONTROLS[code]}" in message


def test_trojan_source_comment_that_reorders_a_stance(tmp_path: Path) -> None:
    """The classic: a right-to-left override in a comment makes ``refutes`` look like
    part of the comment on screen."""
    text = CLEAN_LEDGER.replace(
        "      claim-a: supports\n",
        "      claim-a: refutes # \u202e \u2066supports\u2069 \u2066#\u2069\n",
    )
    write(tmp_path / "trojan.yaml", text)
    code, report = check_json(tmp_path, "trojan.yaml")
    assert code == 1
    assert findings(report) == [("CL015", "trojan.yaml", 13, col) for col in (26, 28, 37, 39, 41)]


def test_excerpts_of_a_refused_file_show_the_reviewers_line(tmp_path: Path) -> None:
    text = "title: x\n# ok\u2028sources: []\n"
    write(tmp_path / "x.yaml", text)
    result = run(["check", "x.yaml"], tmp_path)
    assert result.code == 1
    assert "\u2028" not in result.stdout
    assert "x.yaml:2:5: error[CL015] U+2028 LINE SEPARATOR" in result.stdout
    assert "2 | # ok\\u2028sources: []\n" in result.stdout
    assert "  |     ^^^^^^\n" in result.stdout


def test_many_hidden_characters_are_bounded(tmp_path: Path) -> None:
    count = 200_000
    text = CLEAN_LEDGER + "# " + "\u2028\u202e" * count + "\n"
    start = time.monotonic()
    loaded = load_bytes(text.encode("utf-8"), "many.yaml")
    assert time.monotonic() - start < 5
    assert loaded.root is None
    assert len(loaded.diagnostics) == MAX_MISLEADING + 1
    last = loaded.diagnostics[-1]
    assert (last.line, last.column) == (14, 3 + MAX_MISLEADING)
    assert last.message.startswith(f"{2 * count - MAX_MISLEADING:,} more")


def test_hidden_break_after_the_cap_still_refuses_the_file() -> None:
    text = CLEAN_LEDGER + "# " + "\u202e" * (MAX_MISLEADING + 5) + "\u2028x: 1\n"
    loaded = load_bytes(text.encode("utf-8"), "late.yaml")
    assert loaded.root is None


def test_the_tables_cover_every_line_break_yaml_knows() -> None:
    from claimlog.loader import LINE_BREAK

    breaks = {c for c in map(chr, range(0x110000)) if c != "\n" and LINE_BREAK.fullmatch(c)}
    assert {ord(c) for c in breaks} == set(HIDDEN_BREAKS)


# --- look-alike names (CL203) --------------------------------------------------------

BRIDGE = """\
title: Who shelled the bridge?
sources:
  - id: reuters
    name: Reuters
    reliability: B
  - id: ministry-x
    name: Ministry of Defence of X
    reliability: D
    affiliation: [{affiliation}]
claims:
  - id: bridge-by-y
    statement: Forces of Y shelled the bridge on 3 May.
    parties: [government-x, government-y]
evidence:
  - id: ministry-statement
    summary: The ministry of X says forces of Y shelled the bridge.
    source: ministry-x
    via: [reuters]
    credibility: 4
    stance:
      bridge-by-y: supports
"""


def test_cyrillic_affiliation_no_longer_matching_a_party_is_reported(tmp_path: Path) -> None:
    """The issue's case: with the Latin spelling the ministry is an interested party
    (CL410); with a Cyrillic x it silently was not. Now CL203 names both."""
    write(tmp_path / "latin.yaml", BRIDGE.format(affiliation="government-x"))
    _, report = check_json(tmp_path, "latin.yaml")
    assert [d["code"] for d in report["diagnostics"]] == ["CL410"]
    write(tmp_path / "bridge.yaml", BRIDGE.format(affiliation="government-\u0445"))
    _, report = check_json(tmp_path, "bridge.yaml")
    assert findings(report) == [("CL203", "bridge.yaml", 9, 19)]
    (d,) = report["diagnostics"]
    assert d["severity"] == "warning"
    assert d["message"] == (
        "affiliation 'government-\u0445' of source 'ministry-x' mixes Latin and Cyrillic "
        "letters (U+0445 CYRILLIC SMALL LETTER HA) and looks like party 'government-x' of "
        "claim 'bridge-by-y' (at bridge.yaml:13:15)"
    )


@pytest.mark.parametrize(
    ("affiliation", "problem"),
    [
        ("\u0391l-Qaeda", "mixes Greek and Latin letters"),  # Greek capital alpha
        ("government\u200b-x", "holds an invisible character (U+200B ZERO WIDTH SPACE)"),
        ("government\u2010x", "looks like party 'government-x'"),  # a Unicode hyphen
        ("\uff47overnment-x", "looks like party 'government-x'"),  # fullwidth g
        ("g\u03bfvernment-y", "mixes Latin and Greek letters"),  # Greek omicron
    ],
)
def test_greek_and_other_look_alikes(tmp_path: Path, affiliation: str, problem: str) -> None:
    write(tmp_path / "b.yaml", BRIDGE.format(affiliation=affiliation))
    _, report = check_json(tmp_path, "b.yaml")
    codes = [d["code"] for d in report["diagnostics"]]
    assert "CL203" in codes
    (d,) = [d for d in report["diagnostics"] if d["code"] == "CL203"]
    assert (d["line"], d["column"]) == (9, 19)
    assert problem in d["message"]


def test_greek_party_that_looks_like_a_latin_one(tmp_path: Path) -> None:
    # Every letter Greek: one script, but the same skeleton as the Latin party.
    greek = "\u0397\u0391\u039c\u0391\u03a3"  # looks like HAMAS, but the last is a sigma
    assert confusables.mixed_scripts(greek) is None
    text = BRIDGE.format(affiliation="HAMAS").replace(
        "parties: [government-x, government-y]",
        "parties: [\u0397\u0391\u039c\u0391S]",  # Greek H, A, M, A and a Latin S
    )
    write(tmp_path / "g.yaml", text)
    _, report = check_json(tmp_path, "g.yaml")
    (d,) = [d for d in report["diagnostics"] if d["code"] == "CL203"]
    assert (d["line"], d["column"]) == (13, 15)
    assert "mixes Greek and Latin letters" in d["message"]
    assert "looks like affiliation 'HAMAS' of source 'ministry-x' (at g.yaml:9:19)" in d["message"]


def test_ascii_ids_that_look_alike(tmp_path: Path) -> None:
    text = CLEAN_LEDGER + (
        "  - id: ev-l\n    summary: s\n    source: src-a\n    stance: {claim-a: supports}\n"
        "  - id: ev-1\n    summary: s\n    source: src-a\n    stance: {claim-a: supports}\n"
        "  - id: ev-rn\n    summary: s\n    source: src-a\n    stance: {claim-a: supports}\n"
        "  - id: ev-m\n    summary: s\n    source: src-a\n    stance: {claim-a: supports}\n"
    )
    write(tmp_path / "ids.yaml", text)
    _, report = check_json(tmp_path, "ids.yaml")
    found = [(d["line"], d["message"]) for d in report["diagnostics"] if d["code"] == "CL203"]
    # The one compared with is the first in code point order, not the first written: the
    # result does not hang on the order of the entries.
    assert found == [
        (14, "evidence id 'ev-l' looks like evidence id 'ev-1' (at ids.yaml:18:9)"),
        (22, "evidence id 'ev-rn' looks like evidence id 'ev-m' (at ids.yaml:26:9)"),
    ]


@pytest.mark.parametrize(
    ("affiliation", "relation"),
    [
        ("Government-X", "differs only in case from"),
        ("GOVERNMENT-X", "differs only in case from"),
        ("government x", "differs only in case or separators from"),
        ("Government_X", "differs only in case or separators from"),
        ("government--x", "differs only in case or separators from"),
    ],
)
def test_names_that_differ_only_in_case_or_separators(
    tmp_path: Path, affiliation: str, relation: str
) -> None:
    """Two tours: `affiliation: [Islamic-State]` against `parties: [islamic-state]` made
    Amaq's own word `supported` at 88%, and `US government` beside `us-government`
    silently took a source out of a claim's parties (`add` asked; `check` said nothing).
    The name written as the format writes names is the one compared with."""
    write(tmp_path / "b.yaml", BRIDGE.format(affiliation=affiliation))
    _, report = check_json(tmp_path, "b.yaml")
    (d,) = [d for d in report["diagnostics"] if d["code"] == "CL203"]
    assert (d["line"], d["column"]) == (9, 19)
    assert d["message"] == (
        f"affiliation '{affiliation}' of source 'ministry-x' {relation} party "
        "'government-x' of claim 'bridge-by-y' (at b.yaml:13:15)"
    )
    assert confusables.loose(affiliation) == confusables.loose("government-x")


def test_what_a_name_is_compared_with_does_not_hang_on_the_order_of_entries(
    tmp_path: Path,
) -> None:
    """A review: a name in two groupings (alike by its letters and by case) was compared
    with whichever group came last in file order; and `Burn_Notice` beside `bum-notice`
    (rn and m) read "differs only in case or separators"."""
    entries = [
        "  - {id: s1, name: S, affiliation: [us-gov]}\n",
        "  - {id: s2, name: S, affiliation: [US_gov]}\n",
        "  - {id: s3, name: S, affiliation: [US_g\u043ev]}\n",
        "  - {id: s4, name: S, affiliation: ['us-gov ']}\n",  # a trailing space
    ]
    claims = "claims:\n  - {id: c, statement: C., parties: [Burn_Notice, bum-notice]}\n"
    seen = []
    for order in (entries, entries[::-1]):
        write(tmp_path / "o.yaml", "sources:\n" + "".join(order) + claims)
        _, report = check_json(tmp_path, "o.yaml")
        found = sorted(
            re.sub(r" \(at o\.yaml:\d+:\d+\)", "", d["message"])
            for d in report["diagnostics"]
            if d["code"] == "CL203"
        )
        seen.append(found)
    assert seen[0] == seen[1]
    assert (
        "affiliation 'US_gov' of source 's2' differs only in case or separators from "
        "affiliation 'us-gov' of source 's1'" in seen[0]
    )
    assert "party 'Burn_Notice' of claim 'c' looks like party 'bum-notice' of claim 'c'" in seen[0]
    assert (
        "affiliation 'us-gov ' of source 's4' differs only in case or separators from "
        "affiliation 'us-gov' of source 's1'" in seen[0]
    )


def test_names_in_one_script_are_not_reported(tmp_path: Path) -> None:
    text = BRIDGE.format(
        affiliation="\u043f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e"
    ).replace(
        "parties: [government-x, government-y]",
        "parties: [government-x, \u6771\u4eac-tokyo-\u3072\u3089\u304c\u306a, e\u0301t\u00e9]",
    )
    write(tmp_path / "ok.yaml", text)
    _, report = check_json(tmp_path, "ok.yaml")
    assert "CL203" not in [d["code"] for d in report["diagnostics"]]


def test_every_look_alike_has_its_prototypes_skeleton() -> None:
    import unicodedata

    for prototype, names in confusables._LOOK_ALIKES.items():
        for name in names:
            ch = unicodedata.lookup(name)
            assert confusables.skeleton(ch) == confusables.skeleton(prototype), name
    assert confusables.skeleton("government-\u0445") == confusables.skeleton("government-x")
    assert confusables.skeleton("g\u043e\u0432") != confusables.skeleton("gob")


def test_the_name_compared_with_is_the_same_whichever_file_holds_it(tmp_path: Path) -> None:
    """A test campaign: with the sources in one file and the claim in another, swapping
    the files' names changed the message (an affiliation of a source, or a party of a
    claim), not only its places. The place compared with is the first by entry id."""
    sources = "sources:\n  - {id: s1, name: S1, affiliation: [pa]}\n"
    sources += "  - {id: s2, name: S2, affiliation: [PA]}\n"
    claims = "claims:\n  - {id: c, statement: X, parties: [pa]}\n"
    messages = []
    for first, second in ((sources, claims), (claims, sources)):
        folder = tmp_path / str(len(messages))
        write(folder / "a.yaml", first)
        write(folder / "b.yaml", second)
        done = run(["check", ".", "--format", "json", "--select", "CL203"], folder)
        (d,) = json.loads(done.stdout)["diagnostics"]
        messages.append(re.sub(r" \(at [^)]*\)", "", d["message"]))
    assert messages[0] == messages[1]
    assert "from party 'pa' of claim 'c'" in messages[0]


def test_sample_ledgers_have_no_look_alike_names(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    result = run(["check", "--format", "json", "--select", "CL203", "ledgers"], root)
    assert json.loads(result.stdout)["diagnostics"] == []


@settings(max_examples=int(300 * SCALE), deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40))
@example("*a* _b_ **c** __d__")
@example("`code` ``more``")
@example("[a](b) ![c](d) [e]: f <http://g.h>")
@example("<b>x</b> &amp; &#60;")
@example("~~s~~ a|b \\* \\")
@example("- item")
@example("1. one")
@example("# heading")
def test_markdown_text_renders_as_the_text_itself(text: str) -> None:
    """Ledger text in Markdown (md_text) is read back by a CommonMark parser with GitHub's
    tables and strikethrough as one paragraph of plain text, the text itself: no
    emphasis, code, link, image, HTML or strikethrough, whatever the punctuation."""
    from markdown_it import MarkdownIt

    from claimlog.render.safe import md_text, one_line

    shown = one_line(text)
    if not shown:
        return
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = md.parse("x " + md_text(shown))  # mid-line, as every use of it is
    inline = [t for t in tokens if t.type == "inline"]
    assert len(inline) == 1, tokens
    children = inline[0].children or []
    assert {c.type for c in children} <= {"text", "softbreak"}, children
    assert "".join(c.content for c in children) == "x " + shown
    start = md.parse(md_text(shown))  # and at the start of a line
    assert [t.type for t in start][:1] == ["paragraph_open"], start
    texts = [c.content for t in start if t.type == "inline" for c in t.children or []]
    assert "".join(texts) == shown


def test_a_file_of_old_mac_line_endings_is_one_finding(tmp_path: Path) -> None:
    """A tour: a ledger saved with carriage returns alone gave 51 findings alike, one per
    line; a diff shows the file as one line, so it is one finding, at the first, with
    the count. The file is still not read."""
    text = CLEAN_LEDGER.replace("\n", "\r")
    write(tmp_path / "mac.yaml", text)
    code, report = check_json(tmp_path, "mac.yaml")
    assert code == 1
    (finding,) = report["diagnostics"]
    assert findings(report) == [("CL015", "mac.yaml", 1, text.index("\r") + 1)]
    assert finding["message"].startswith(
        f"the file ends its lines with a carriage return alone ({text.count(chr(13))} of them"
    )
    assert finding["message"].endswith("the file is not read")
    summary = run(["summary", "--format", "json", "mac.yaml"], tmp_path)
    assert "claim-a" not in summary.stdout
    # A review: after a hidden line break elsewhere, the carriage returns went untold.
    hidden = "# note\u2028" + text
    write(tmp_path / "mac.yaml", hidden)
    _, report = check_json(tmp_path, "mac.yaml")
    assert findings(report) == [
        ("CL015", "mac.yaml", 1, 7),
        ("CL015", "mac.yaml", 1, hidden.index("\r") + 1),
    ]
    # More than a file's worth of bidi controls after them: the rest counts no CR again.
    from claimlog.loader import MAX_MISLEADING, misleading_characters

    many = text + "\u202e" * (MAX_MISLEADING + 1)
    told, _ = misleading_characters(many, "mac.yaml")
    assert len(told) == MAX_MISLEADING + 1
    assert told[-1].message.startswith("2 more line-break or bidirectional control characters")


def test_a_look_alike_names_the_same_place_whatever_the_order_of_entries(
    tmp_path: Path,
) -> None:
    """A property test: 'No' beside the group 'no' of two claims named the first claim
    written; reordering the claims changed the message."""
    claims = ["  - {id: b, statement: S., group: no}\n", "  - {id: a, statement: S., group: no}\n"]
    seen = set()
    for order in (claims, claims[::-1]):
        text = "claims:\n" + "".join(order) + "  - {id: c, statement: S., parties: [No]}\n"
        write(tmp_path / "l.yaml", text)
        done = run(["check", "l.yaml", "--format", "json", "--select", "CL203"], cwd=tmp_path)
        # the place moves with its entry; which entry is named must not
        seen.add(tuple(re.sub(r":\d+:\d+", "", d["message"]) for d in done.json()["diagnostics"]))
    assert len(seen) == 1
    (messages,) = seen
    assert "group 'no' of claim 'a'" in messages[0]
