"""Errors that name the cause (issue 10, "A new user's first hour", item 2).

- Every YAML syntax error a hand-written ledger commonly has gets a plain message and a
  hint, at the place where the problem starts (CL001 yaml-syntax), whichever parser
  reads it (libyaml's, or PyYAML's pure-Python one).
- The hint of an unknown field names its real cause: a stance entry outside
  ``stance``, a field of another kind of entity, an entity in the wrong list.
- Root causes first: a misspelt section, a file that cannot be read or an alias do not
  bring a cascade of findings that only follow from them; and a finding that does not
  follow from another one is reported with it (an unknown source of an evidence item
  that also lacks its summary).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from claimlog.loader import LINE_BREAK, LoadedFile, explain_syntax_error
from conftest import CLEAN_LEDGER, write

Check = Callable[..., Any]


def check(cli: Check, root: Path, files: dict[str, str], *extra: str) -> list[dict[str, Any]]:
    """The findings of ``claimlog check --format json`` on ``files`` (name: text)."""
    for name, text in files.items():
        write(root / name, text)
    result = cli(["check", "--format", "json", *extra, *sorted(files)], cwd=root)
    assert result.stderr == ""
    diagnostics: list[dict[str, Any]] = result.json()["diagnostics"]
    assert result.code == (1 if any(d["severity"] == "error" for d in diagnostics) else 0)
    return diagnostics


def edit(old: str, new: str, text: str = CLEAN_LEDGER) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- YAML syntax errors ------------------------------------------------------------------
# CLEAN_LEDGER, line by line:
#  1 title: A clean ledger    6   - id: claim-a                11     source: src-a
#  2 sources:                 7     statement: Something...    12     stance:
#  3   - id: src-a            8 evidence:                      13       claim-a: supports
#  4     name: Source A       9   - id: ev-a
#  5 claims:                 10     summary: A report that it happened.

SUMMARY = "    summary: A report that it happened.\n"
NAME = "    name: Source A\n"

SYNTAX: dict[str, tuple[str, int, int, str, str]] = {
    # An unquoted ': ' inside a value.
    "colon-in-value": (
        edit(SUMMARY, "    summary: Officials said: no comment\n"),
        10,
        28,
        "YAML syntax error: a colon followed by a space starts a new key, so it cannot be "
        "in the unquoted value of 'summary'",
        'put the text in quotes: summary: "Officials said: no comment"',
    ),
    # A mapping written on its key's line, as text would be (the hint said to quote it,
    # which makes the stance a text: CL103).
    "mapping-on-its-key-line": (
        edit("    stance:\n      claim-a: supports\n", "    stance: claim-a: supports\n"),
        12,
        20,
        "YAML syntax error: a colon followed by a space starts a new key, so it cannot be "
        "in the unquoted value of 'stance'",
        "if 'stance' holds a mapping, write it in braces, stance: {claim-a: supports}, or on "
        'the lines below it; if it is text, put the text in quotes: stance: "claim-a: '
        'supports"',
    ),
    # A field at the level of the list's dashes: a new entry without its '- ', or a field
    # of the entry above indented too little.
    "field-beside-the-dashes": (
        edit(NAME, "  name: Source A\n"),
        4,
        3,
        "YAML syntax error: this line lines up with the '- ' of the list entries above it, "
        "but is not an entry",
        "for a new entry, start it with '- ' ('- name: Source A'); for a field of the entry "
        "above, line it up with 'id' on line 3 (4 spaces)",
    ),
    # The first entry of a list written without its '- ', the next one with it.
    "first-entry-without-its-dash": (
        edit(
            "  - id: src-a\n" + NAME,
            "  id: src-a\n  name: Source A\n  - id: src-b\n    name: Source B\n",
        ),
        5,
        3,
        "YAML syntax error: a list entry among the fields of a mapping (the lines above it, "
        "from line 3, have no '- ')",
        "if they are an entry too, start line 3 with '- ' ('- id: src-a') and indent the "
        "lines after it 2 spaces more, as the fields of an entry",
    ),
    # Values that start with a character YAML gives a meaning.
    "at-sign": (
        edit(NAME, "    name: @SourceA on X\n"),
        4,
        11,
        "YAML syntax error: '@' at the start of a value is reserved in YAML",
        'put the value in quotes: name: "@SourceA on X"',
    ),
    "backtick": (
        edit(NAME, "    name: `Source` A\n"),
        4,
        11,
        "YAML syntax error: '`' at the start of a value is reserved in YAML",
        'put the value in quotes: name: "`Source` A"',
    ),
    "percent": (
        edit(NAME, "    name: 100% Source\n    kind: outlet\n").replace("100% Source", "%Source"),
        4,
        11,
        "YAML syntax error: '%' at the start of a value is reserved in YAML for directives",
        'put the value in quotes: name: "%Source"',
    ),
    "asterisk": (
        edit(SUMMARY, "    summary: *Breaking* a report\n"),
        10,
        14,
        "YAML syntax error: '*' at the start of a value makes it an alias (a reference to "
        "another value)",
        'put the value in quotes: summary: "*Breaking* a report"',
    ),
    # A '#' after '[' starts a comment: the list is never closed.
    "hash-in-list": (
        edit(NAME, NAME + "    affiliation: [#alpha, beta]\n"),
        5,
        18,
        "YAML syntax error: the list opened here is not closed: '#' starts a comment, so "
        "the rest of the line is not read",
        "put values that start with '#' in quotes: \"#alpha\"",
    ),
    # A ' #' ended an unquoted value that goes on below: the cause is the '#' (a tour
    # found these explained as a line that lines up with nothing above it).
    "hash-ends-a-value-that-goes-on": (
        edit(SUMMARY, "    summary: A report #1 that\n      it happened.\n"),
        10,
        23,
        "YAML syntax error: this '#' starts a comment, which ends the unquoted value of "
        "'summary' (line 10), so line 11 cannot go on with it",
        "put the whole value of 'summary' in quotes to keep the '#' as text",
    ),
    "hash-on-a-later-line-of-a-value": (
        edit(SUMMARY, "    summary: A report\n      that #1 it\n      happened.\n"),
        11,
        12,
        "YAML syntax error: this '#' starts a comment, which ends the unquoted value of "
        "'summary' (line 10), so line 12 cannot go on with it",
        "put the whole value of 'summary' in quotes to keep the '#' as text",
    ),
    "comment-line-inside-a-value": (
        edit(SUMMARY, "    summary:\n      A report\n      # that\n\n      it happened.\n"),
        12,
        7,
        "YAML syntax error: this '#' starts a comment, which ends the unquoted value of "
        "'summary' (line 10), so line 14 cannot go on with it",
        "put the whole value of 'summary' in quotes to keep the '#' as text",
    ),
    # A double quote inside a double-quoted value closes it (a tour: the hint said to
    # put in quotes a value that already was).
    "quote-inside-quotes": (
        edit(SUMMARY, '    summary: "He said: "no" to it."\n'),
        10,
        25,
        'YAML syntax error: the " inside this value closes it, and text follows',
        'write the value in single quotes (\'He said: "no" to it.\'), or each " inside it as \\"',
    ),
    "both-quotes-inside-quotes": (
        edit(SUMMARY, '    summary: "He said "it\'s" done"\n'),
        10,
        24,
        'YAML syntax error: the " inside this value closes it, and text follows',
        'write each " inside it as \\": "He said \\"it\'s\\" done"',
    ),
    # A stray space in the indentation: one more, one less, an entry one more.
    "indent-one-more": (
        edit(NAME, NAME + "     kind: outlet\n"),
        5,
        6,
        "YAML syntax error: 'kind' is indented more than 'name' on line 4, so it is read "
        "as more of the value of 'name'",
        "line it up with 'name' (4 spaces); if it is text of 'name', put that whole value "
        "in quotes",
    ),
    "indent-one-less": (
        edit(NAME, NAME + "   kind: outlet\n"),
        5,
        4,
        "YAML syntax error: this line is indented 3 spaces, which lines up with none of "
        "the entries above it",
        "line it up with 'name' on line 4 (4 spaces)",
    ),
    "entry-one-more": (
        edit(NAME, NAME + "   - id: src-b\n     name: Source B\n"),
        5,
        4,
        "YAML syntax error: this line is indented 3 spaces, which lines up with none of "
        "the entries above it",
        "line the '-' up with the entry on line 3 (2 spaces)",
    ),
    "stance-one-less": (
        edit("      claim-a: supports\n", "      claim-a: supports\n     claim-b: refutes\n"),
        14,
        6,
        "YAML syntax error: this line is indented 5 spaces, which lines up with none of "
        "the entries above it",
        "line it up with 'claim-a' on line 13 (6 spaces)",
    ),
    "two-spaces-after-dash": (
        edit("  - id: ev-a\n", "  -  id: ev-a\n"),
        10,
        5,
        "YAML syntax error: this line is indented 4 spaces, but the entry it belongs to "
        "(line 9) has its first key at column 6",
        "line it up with 'id' on line 9 (5 spaces), or put a single space after the '-' on line 9",
    ),
    # No space after the colon: reported on its own line, not on the next one.
    "no-space-after-colon": (
        edit(NAME, NAME + "    reliability:A\n"),
        5,
        5,
        "YAML syntax error: 'reliability:A' has no space after the colon, so it is read "
        "as text, not as the key 'reliability' and its value",
        "put a space after the colon: 'reliability: A'",
    ),
    "no-space-after-colon-of-id": (
        edit("  - id: src-a\n", "  - id:src-a\n"),
        3,
        5,
        "YAML syntax error: 'id:src-a' has no space after the colon, so it is read as "
        "text, not as the key 'id' and its value",
        "put a space after the colon: 'id: src-a'",
    ),
    # An unclosed quote: reported where it opens, not at the end of the file.
    "unclosed-double-quote": (
        edit(NAME, '    name: "Source A\n'),
        4,
        11,
        "YAML syntax error: this quote is never closed",
        'close the quote at the end of the value: "Source A"',
    ),
    "unclosed-single-quote": (
        edit(NAME, "    name: 'Source A\n"),
        4,
        11,
        "YAML syntax error: this quote is never closed",
        "close the quote at the end of the value: 'Source A'",
    ),
    "quote-closed-lines-later": (
        edit("  - id: claim-a\n", '  - id: "claim-a"\n', edit(NAME, '    name: "Source A\n')),
        4,
        11,
        "YAML syntax error: this quote is not closed on its line (it closes on line 6)",
        'close the quote at the end of the value: "Source A"',
    ),
    "text-after-closing-quote": (
        edit(NAME, "    name: 'Reuters' wire\n"),
        4,
        21,
        "YAML syntax error: text follows the closing quote of this value",
        "a quoted value ends at its closing quote; put the whole value in quotes: "
        "name: \"'Reuters' wire\"",
    ),
    "apostrophe-in-single-quotes": (
        edit(NAME, "    name: 'Reuters' Moscow desk'\n"),
        4,
        21,
        "YAML syntax error: the ' inside this value closes it, and text follows",
        "write the value in double quotes (\"Reuters' Moscow desk\"), or each ' inside it as ''",
    ),
    "text-after-closing-bracket": (
        edit(SUMMARY, "    summary: [Updated] a report that it happened.\n"),
        10,
        24,
        "YAML syntax error: a value starting with '[' is read as a list, and text follows "
        "its closing ']'",
        'put the whole value in quotes: summary: "[Updated] a report that it happened."',
    ),
    "unclosed-list": (
        edit(NAME, NAME + "    affiliation: [alpha, beta\n"),
        5,
        18,
        "YAML syntax error: the list opened here with '[' is never closed",
        "close it with ']'; put values that contain ',', ':', '#' or brackets in quotes",
    ),
    "bad-escape": (
        edit(NAME, '    name: "C:\\path"\n'),
        4,
        14,
        "YAML syntax error: '\\p' is not an escape sequence of a double-quoted value",
        "in double quotes a backslash starts an escape: write a backslash as '\\\\', or put "
        "the value in single quotes",
    ),
    # '-id: x': no space after the dash of a list entry.
    "dash-without-space": (
        edit(NAME, NAME + "  -id: src-b\n    name: Source B\n"),
        5,
        3,
        "YAML syntax error: '-id' has no space after the '-', so it is not a list entry",
        "a list entry is '- ' followed by a space: '- id: src-b'",
    ),
    "first-dash-without-space": (
        edit("  - id: src-a\n", "  -id: src-a\n"),
        3,
        3,
        "YAML syntax error: '-id' has no space after the '-', so it is not a list entry",
        "a list entry is '- ' followed by a space: '- id: src-a'",
    ),
    "list-on-the-key-line": (
        edit(SUMMARY, "    summary: - a list that is not one\n"),
        10,
        14,
        "YAML syntax error: '- ' starts a list entry, which cannot be on the line of its key",
        'put the text in quotes: summary: "- a list that is not one"; a list goes on the '
        "lines below its key",
    ),
    "line-without-colon": (
        edit(NAME, NAME + "    kind outlet\n"),
        5,
        5,
        "YAML syntax error: this line is not a 'key: value' pair: no colon and space "
        "follow its first word",
        "if 'kind' is a key, put a colon and a space after it ('kind: ...'); if the line "
        "continues the value above, indent it more than that value's key",
    ),
    # The first entry of a mapping level with its key (a tour: the hint said to line the
    # second up with it, which emptied the stance and made both unknown fields).
    "first-entry-not-indented": (
        edit(
            "    stance:\n      claim-a: supports\n",
            "    stance:\n    claim-a: supports\n      claim-b: refutes\n",
        ),
        13,
        5,
        "YAML syntax error: 'claim-a' is level with 'stance' (line 12), whose value is empty, "
        "and 'claim-b' below it is indented deeper",
        "indent 'claim-a' under 'stance' (6 spaces), as 'claim-b' is",
    ),
}


@pytest.mark.parametrize("case", sorted(SYNTAX))
def test_a_syntax_error_names_its_cause_where_it_starts(cli, tmp_path: Path, case: str) -> None:
    text, line, column, message, hint = SYNTAX[case]
    (found,) = check(cli, tmp_path, {"ledger.yaml": text})
    assert (found["code"], found["rule"]) == ("CL001", "yaml-syntax")
    assert found["message"] == message
    assert found["hint"] == hint
    assert (found["line"], found["column"]) == (line, column)


class _PureParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser, which words and places some errors otherwise."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)


def _parse_all(text: str) -> None:
    parser = _PureParser(text)
    while not isinstance(parser.get_event(), yaml.StreamEndEvent):
        pass


@pytest.mark.parametrize("case", sorted(SYNTAX))
def test_the_pure_python_parser_gets_the_same_explanation(case: str) -> None:
    text, line, column, message, hint = SYNTAX[case]
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        _parse_all(text)
    loaded = LoadedFile("ledger.yaml", text)
    last = len(LINE_BREAK.split(text))
    explained = explain_syntax_error(loaded.line, last, raised.value)
    assert explained is not None
    span, got_message, got_hint = explained
    assert (span[0], span[1], got_message, got_hint) == (line, column, message, hint)


def test_a_syntax_error_no_mistake_explains_keeps_the_parsers_words(cli, tmp_path) -> None:
    text = edit(NAME, NAME + "    affiliation: [alpha, beta: gamma: delta]\n")
    (found,) = check(cli, tmp_path, {"ledger.yaml": text})
    assert found["code"] == "CL001"
    assert found["message"].startswith("YAML syntax error: ")
    assert "quotes" in found["hint"]


@pytest.mark.parametrize(
    ("old", "new", "line", "column"),
    [
        (NAME, "\tname: Source A\n", 4, 1),
        # before a list's dash, and after it: libyaml says "cannot start any token", and
        # the hint was to quote the value (found by a tour)
        ("  - id: src-a\n", "\t- id: src-a\n", 3, 1),
        ("  - id: src-a\n", "  -\tid: src-a\n", 3, 4),
        ("  - id: src-a\n", " \t- id: src-a\n", 3, 2),
    ],
)
def test_a_tab_in_the_indentation_is_still_its_own_rule(
    cli, tmp_path: Path, old: str, new: str, line: int, column: int
) -> None:
    (found,) = check(cli, tmp_path, {"ledger.yaml": edit(old, new)})
    assert (found["code"], found["message"]) == ("CL010", "tab character used for indentation")
    assert (found["line"], found["column"]) == (line, column)


def test_a_hash_that_ends_a_value_early_is_no_syntax_error_but_a_warning(
    cli, tmp_path: Path
) -> None:
    # ' #' starts a comment: YAML cuts the value there. A tour found the text lost
    # without a word: CL017 says so when the comment starts right after its '#'.
    text = edit(SUMMARY, "    summary: Reported by #Reuters and AP\n")
    (found,) = check(cli, tmp_path, {"ledger.yaml": text})
    assert (found["code"], found["severity"], found["line"], found["column"]) == (
        "CL017",
        "warning",
        10,
        26,
    )
    assert found["message"] == (
        "'#Reuters and AP' is a comment, not part of the value 'Reported by': YAML ends an "
        "unquoted value at ' #'"
    )
    quoted = edit(SUMMARY, '    summary: "Reported by #Reuters and AP"\n')
    assert check(cli, tmp_path, {"ledger.yaml": quoted}) == []
    spaced = edit(SUMMARY, "    summary: Reported by  # Reuters and AP\n")
    assert check(cli, tmp_path, {"ledger.yaml": spaced}) == []


# --- hints that match the mistake ----------------------------------------------------------


def unknown_fields(found: list[dict[str, Any]]) -> list[tuple[int, str, str | None]]:
    return [(d["line"], d["message"], d["hint"]) for d in found if d["code"] == "CL102"]


def test_a_stance_entry_outside_stance_is_named_as_one(cli, tmp_path: Path) -> None:
    text = edit(
        "      claim-a: supports\n",
        "      claim-a: supports\n    claim-b: refutes\n",
        edit(
            "    statement: Something happened.\n",
            "    statement: Something happened.\n"
            "  - id: claim-b\n    statement: Something else happened.\n",
        ),
    )
    found = check(cli, tmp_path, {"ledger.yaml": text})
    assert unknown_fields(found) == [
        (
            16,
            "evidence 'ev-a' has unknown field 'claim-b'",
            "'claim-b' looks like a claim id: stance entries go under 'stance:'",
        )
    ]


def test_an_empty_stance_with_its_entries_beside_it(cli, tmp_path: Path) -> None:
    text = edit("      claim-a: supports\n", "    claim-a: supports\n")
    found = check(cli, tmp_path, {"ledger.yaml": text})
    by_code = {d["code"]: d for d in found}
    assert by_code["CL103"]["message"] == "evidence 'ev-a': 'stance' is empty, expected a mapping"
    assert by_code["CL103"]["hint"] == (
        "write each claim id and its stance under 'stance:', indented more than it"
    )
    assert by_code["CL102"]["hint"] == (
        "'claim-a' looks like a claim id: stance entries go under 'stance:'"
    )


LONE_CLAIM_AND_SOURCE = (
    "  - id: claim-z\n    statement: Nobody looked at this.\n",
    "  - id: src-z\n    name: Source Z\n",
)


def _with_lone_claim_and_source(text: str) -> str:
    claim, source = LONE_CLAIM_AND_SOURCE
    text = edit("claims:\n", "claims:\n" + claim, text)
    return edit("sources:\n", "sources:\n" + source, text)


def test_a_broken_item_brings_no_cascade_on_what_it_names(cli, tmp_path: Path) -> None:
    """An item whose stance entries sit beside ``stance:`` is too broken to use: its
    claim's "no evidence" and its source's "never used" would follow from that alone,
    while a claim and a source it does not name keep theirs."""
    text = _with_lone_claim_and_source(edit("      claim-a: supports\n", "    claim-a: supports\n"))
    found = check(cli, tmp_path, {"ledger.yaml": text})
    shown = sorted((d["code"], d["message"]) for d in found)
    assert shown == [
        ("CL102", "evidence 'ev-a' has unknown field 'claim-a'"),
        ("CL103", "evidence 'ev-a': 'stance' is empty, expected a mapping"),
        ("CL405", "claim 'claim-z' has no evidence"),
        ("CL406", "source 'src-z' is never used"),
    ]


def test_a_dropped_stance_entry_brings_no_cascade_on_its_claim(cli, tmp_path: Path) -> None:
    """An item kept without a stance entry at the wrong indent (an unknown field): the
    claim that entry names has no "no evidence" finding beside the one that says why."""
    text = edit(
        "      claim-a: supports\n",
        "      claim-a: supports\n    claim-b: refutes\n",
        edit(
            "    statement: Something happened.\n",
            "    statement: Something happened.\n"
            "  - id: claim-b\n    statement: Something else happened.\n",
        ),
    )
    found = check(cli, tmp_path, {"ledger.yaml": _with_lone_claim_and_source(text)})
    shown = sorted((d["code"], d["message"]) for d in found)
    assert shown == [
        ("CL102", "evidence 'ev-a' has unknown field 'claim-b'"),
        ("CL405", "claim 'claim-z' has no evidence"),
        ("CL406", "source 'src-z' is never used"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "message", "hint"),
    [
        (
            NAME,
            NAME + "    date: 2024-03-22\n",
            5,
            "source 'src-a' has unknown field 'date'",
            "'date' is a field of claims and evidence items, not of sources",
        ),
        (
            SUMMARY,
            SUMMARY + "    reliability: B\n",
            11,
            "evidence 'ev-a' has unknown field 'reliability'",
            "'reliability' is a field of sources, not of evidence items",
        ),
        (
            NAME,
            NAME + "    statement: Source A says so.\n",
            5,
            "source 'src-a' has unknown field 'statement'",
            "'statement' is a field of claims, not of sources",
        ),
        (
            "    statement: Something happened.\n",
            "    statement: Something happened.\n    url: https://example.org/a\n",
            8,
            "claim 'claim-a' has unknown field 'url'",
            "'url' is a field of sources and evidence items, not of claims",
        ),
        (  # a field of no kind: the did-you-mean hint, as before
            NAME,
            NAME + "    reliabilty: B\n",
            5,
            "source 'src-a' has unknown field 'reliabilty'",
            "did you mean 'reliability'?",
        ),
        (  # and free-form data
            NAME,
            NAME + "    twitter_handle: srca\n",
            5,
            "source 'src-a' has unknown field 'twitter_handle'",
            "free-form data belongs under 'meta'",
        ),
    ],
)
def test_a_field_of_another_kind_of_entity_is_named_as_one(
    cli, tmp_path: Path, old: str, new: str, line: int, message: str, hint: str
) -> None:
    found = check(cli, tmp_path, {"ledger.yaml": edit(old, new)})
    assert unknown_fields(found) == [(line, message, hint)]


def test_a_claim_pasted_under_sources_is_named_as_one(cli, tmp_path: Path) -> None:
    text = edit(NAME, NAME + "  - id: claim-b\n    statement: Pasted under sources.\n")
    found = check(cli, tmp_path, {"ledger.yaml": text})
    hint = "this looks like a claim (it has 'statement'): move it under 'claims:'"
    assert [(d["line"], d["code"], d["message"], d["hint"]) for d in found] == [
        (5, "CL101", "source 'claim-b' is missing required field 'name'", hint),
        (6, "CL102", "source 'claim-b' has unknown field 'statement'", hint),
    ]


def test_an_evidence_item_pasted_under_claims_is_named_as_one(cli, tmp_path: Path) -> None:
    item = (
        "  - id: ev-b\n    summary: Pasted.\n    source: src-a\n    stance:\n"
        "      claim-a: neutral\n"
    )
    text = edit("evidence:\n", item + "evidence:\n")
    found = check(cli, tmp_path, {"ledger.yaml": text})
    hint = "this looks like an evidence item (it has 'summary'): move it under 'evidence:'"
    assert {(d["code"], d["hint"]) for d in found} == {("CL101", hint), ("CL102", hint)}
    assert sorted(d["message"] for d in found if d["code"] == "CL102") == [
        "claim 'ev-b' has unknown field 'source'",
        "claim 'ev-b' has unknown field 'stance'",
        "claim 'ev-b' has unknown field 'summary'",
    ]


def test_a_section_written_without_dashes_says_how_to_write_a_list(cli, tmp_path) -> None:
    text = edit("  - id: src-a\n    name: Source A\n", "  -id: src-a\n  -name: Source A\n")
    found = check(cli, tmp_path, {"ledger.yaml": text})
    # The entries of the section are not read: what follows from that is not reported
    # (an unknown source, a source never used).
    assert [d["code"] for d in found] == ["CL103"]
    found = found[0]
    assert found["message"] == "the ledger: 'sources' is a mapping, expected a list"
    assert found["hint"] == "a list entry is '- ' followed by a space: '- id: ...'"


# --- root causes first ---------------------------------------------------------------------

SOURCES = """\
title: Shared sources
sources:
  - id: src-a
    name: Source A
  - id: src-b   # claimlog: ignore[CL406]
    name: Source B
"""

CLAIMS = """\
title: Claims and evidence
claims:
  - id: claim-a   # claimlog: ignore[CL411]
    statement: Something happened.
    claimed_by: [src-a]
  - id: claim-b   # claimlog: ignore[CL405]
    statement: Something else happened.
evidence:
  - id: ev-a
    summary: A report that it happened.
    source: src-a
    stance:
      claim-a: supports
"""


def test_the_two_files_are_clean_together(cli, tmp_path: Path) -> None:
    # The base of the tests below: claim-a is supported only by its claimant, claim-b
    # has no evidence, src-b is used by no item; each suppressed where it is reported.
    assert check(cli, tmp_path, {"sources.yaml": SOURCES, "claims.yaml": CLAIMS}) == []


def test_a_misspelt_section_comes_without_its_cascade(cli, tmp_path: Path) -> None:
    files = {"sources.yaml": SOURCES, "claims.yaml": edit("evidence:", "evidences:", CLAIMS)}
    found = check(cli, tmp_path, files)
    assert [(d["path"], d["line"], d["code"], d["message"], d["hint"]) for d in found] == [
        (
            "claims.yaml",
            8,
            "CL102",
            "the ledger has unknown field 'evidences'",
            "did you mean 'evidence'?",
        )
    ]


def test_a_misspelt_section_leaves_independent_findings(cli, tmp_path: Path) -> None:
    claims = edit("evidence:", "evidences:", CLAIMS) + "meta:\n  reviewed: yes\n"
    claims = edit(
        "    statement: Something else",
        "    claimed_by: [src-z]\n    statement: Something else",
        claims,
    )
    found = check(cli, tmp_path, {"sources.yaml": SOURCES, "claims.yaml": claims})
    assert [(d["line"], d["code"], d["message"]) for d in found] == [
        (7, "CL201", "claim 'claim-b' is claimed by unknown source 'src-z'"),
        (9, "CL102", "the ledger has unknown field 'evidences'"),
    ]


def test_the_cascade_is_kept_when_its_cause_is_not_reported(cli, tmp_path: Path) -> None:
    files = {"sources.yaml": SOURCES, "claims.yaml": edit("evidence:", "evidences:", CLAIMS)}
    found = check(cli, tmp_path, files, "--select", "CL405")
    assert [(d["path"], d["line"], d["code"]) for d in found] == [("claims.yaml", 3, "CL405")]


# A cause the user silenced on purpose (a section of their own, say) holds nothing back:
# the checks that need the whole set run, and report what the unread section leaves out,
# rather than being skipped with nothing said (a --strict run passed with them skipped).
SILENCED = [
    ("claims.yaml", 3, "CL405"),  # claim-a: its evidence is in the unread section
    ("claims.yaml", 3, "CL501"),  # its CL411 suppression: there is nothing to suppress
]


def test_a_cause_suppressed_on_its_line_holds_nothing_back(cli, tmp_path: Path) -> None:
    claims = edit("evidence:", "evidences:  # claimlog: ignore[CL102]", CLAIMS)
    found = check(cli, tmp_path, {"sources.yaml": SOURCES, "claims.yaml": claims})
    assert [(d["path"], d["line"], d["code"]) for d in found] == SILENCED


def test_a_cause_suppressed_file_wide_holds_nothing_back(cli, tmp_path: Path) -> None:
    claims = "# claimlog: ignore[CL102]\n" + edit("evidence:", "evidences:", CLAIMS)
    found = check(cli, tmp_path, {"sources.yaml": SOURCES, "claims.yaml": claims})
    shifted = [(path, line + 1, code) for path, line, code in SILENCED]
    assert [(d["path"], d["line"], d["code"]) for d in found] == shifted


def test_a_cause_ignored_for_its_file_holds_nothing_back(cli, tmp_path: Path) -> None:
    write(tmp_path / "claimlog.toml", '[per-file-ignores]\n"claims.yaml" = ["CL102"]\n')
    files = {"sources.yaml": SOURCES, "claims.yaml": edit("evidence:", "evidences:", CLAIMS)}
    found = check(cli, tmp_path, files)
    assert [(d["path"], d["line"], d["code"]) for d in found] == SILENCED


def test_a_cause_ignored_for_another_file_still_holds_back(cli, tmp_path: Path) -> None:
    write(tmp_path / "claimlog.toml", '[per-file-ignores]\n"sources.yaml" = ["CL102"]\n')
    files = {"sources.yaml": SOURCES, "claims.yaml": edit("evidence:", "evidences:", CLAIMS)}
    found = check(cli, tmp_path, files)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [("claims.yaml", 8, "CL102")]


OWN_SECTION = """\
# claimlog: ignore[CL102]
title: Test
sources_old:
  - {id: afp, name: AFP, reliability: A}
claims:
  - {id: bridge-by-y, statement: S, verdict: refuted}
evidence:
  - {id: e1, summary: X, source: afp, stance: {bridge-by-y: supports}, credibility: 2}
"""


def test_what_rests_on_a_silenced_unread_section_is_checked(cli, tmp_path: Path) -> None:
    """The ids of a section not read are known to exist only while the finding that
    says why is reported: silenced, what cites them is an unknown reference, and the
    verdict resting on it is checked (both went unreported, and --strict passed)."""
    found = check(cli, tmp_path, {"x.yaml": OWN_SECTION}, "--strict")
    assert [(d["line"], d["code"]) for d in found] == [(6, "CL408"), (8, "CL201")]
    assert found[1]["message"] == "evidence 'e1' cites unknown source 'afp'"


def test_what_cites_an_ignored_unreadable_file_is_an_unknown_reference(cli, tmp_path: Path) -> None:
    write(tmp_path / "claimlog.toml", '[per-file-ignores]\n"sources.yaml" = ["CL001"]\n')
    sources = edit("    name: Source A\n", "    name: Source A: the first\n", SOURCES)
    found = check(cli, tmp_path, {"sources.yaml": sources, "claims.yaml": CLAIMS})
    assert ("claims.yaml", "CL201", "evidence 'ev-a' cites unknown source 'src-a'") in [
        (d["path"], d["code"], d["message"]) for d in found
    ]


def test_a_file_with_a_syntax_error_brings_no_cascade(cli, tmp_path: Path) -> None:
    sources = edit("    name: Source A\n", "    name: Source A: the first\n", SOURCES)
    found = check(cli, tmp_path, {"sources.yaml": sources, "claims.yaml": CLAIMS})
    # No CL201 for src-a (declared in the file that could not be read), no CL405, no
    # CL501 in either file.
    assert [(d["path"], d["line"], d["code"]) for d in found] == [("sources.yaml", 4, "CL001")]


def test_a_file_with_a_syntax_error_leaves_independent_findings(cli, tmp_path: Path) -> None:
    sources = edit("    name: Source A\n", "    name: Source A: the first\n", SOURCES)
    claims = edit("    source: src-a\n", "    source: src-a\n    via: [src-x]\n", CLAIMS)
    found = check(cli, tmp_path, {"sources.yaml": sources, "claims.yaml": claims})
    assert [(d["path"], d["code"], d["message"]) for d in found] == [
        ("claims.yaml", "CL201", "evidence 'ev-a' is relayed via unknown source 'src-x'"),
        ("sources.yaml", "CL001", found[1]["message"]),
    ]


def test_an_alias_is_one_finding(cli, tmp_path: Path) -> None:
    text = edit("    source: src-a\n", "    source: src-a\n    via: *relays\n")
    found = check(cli, tmp_path, {"ledger.yaml": text})
    assert [(d["line"], d["column"], d["code"]) for d in found] == [(12, 10, "CL004")]


def test_an_item_without_summary_still_has_its_references_checked(cli, tmp_path) -> None:
    item = (
        "  - id: ev-b\n    source: src-zz\n    via: [src-a, src-yy]\n    stance:\n"
        "      claim-zz: refutes\n"
    )
    found = check(cli, tmp_path, {"ledger.yaml": CLEAN_LEDGER + item})
    assert [(d["line"], d["column"], d["code"], d["message"], d["hint"]) for d in found] == [
        (
            14,
            5,
            "CL101",
            "evidence 'ev-b' is missing required field 'summary'",
            "say in a sentence what the item reports",
        ),
        (
            15,
            13,
            "CL201",
            "evidence 'ev-b' cites unknown source 'src-zz'",
            "did you mean 'src-a'? If 'src-zz' is another source, add it under 'sources:'",
        ),
        (
            16,
            18,
            "CL201",
            "evidence 'ev-b' is relayed via unknown source 'src-yy'",
            "did you mean 'src-a'? If 'src-yy' is another source, add it under 'sources:'",
        ),
        (
            18,
            7,
            "CL201",
            "evidence 'ev-b' takes a stance on unknown claim 'claim-zz'",
            "did you mean 'claim-a'? If 'claim-zz' is another claim, add it under 'claims:'",
        ),
    ]


def test_a_claim_without_statement_still_has_its_references_checked(cli, tmp_path) -> None:
    text = edit(
        "    statement: Something happened.\n",
        "    statement: Something happened.\n  - id: claim-b\n    claimed_by: [src-b]\n"
        "    resolution:\n      value: true\n      source: src-c\n",
    )
    found = check(cli, tmp_path, {"ledger.yaml": text})
    assert [(d["line"], d["code"], d["message"]) for d in found] == [
        (8, "CL101", "claim 'claim-b' is missing required field 'statement'"),
        (9, "CL201", "claim 'claim-b' is claimed by unknown source 'src-b'"),
        (12, "CL201", "the resolution of claim 'claim-b' cites unknown source 'src-c'"),
    ]


def test_a_cascade_is_held_back_by_place_not_by_line(cli, tmp_path: Path) -> None:
    """Claims written in flow style share a line: the claim a dropped value names loses
    its "no evidence", its neighbour on the same line keeps it; a stance on an id that
    is no claim (of an item citing a broken source) is no crash."""
    text = (
        "sources:\n  - id: broken\n  - id: s\n    name: S\n"
        "claims: [{id: named, statement: A.}, {id: other, statement: B.}, {id: t, statement: C.}]\n"
        "evidence:\n"
        "  - id: e\n    summary: x\n    source: s\n    stance: {t: supports}\n"
        "    named: refutes\n"
        "  - id: f\n    summary: y\n    source: broken\n    stance: {ghost: supports}\n"
    )
    found = check(cli, tmp_path, {"ledger.yaml": text})
    shown = sorted((d["code"], d["message"]) for d in found)
    assert ("CL405", "claim 'other' has no evidence") in shown
    assert not any("'named'" in message for code, message in shown if code == "CL405")


def test_text_that_mentions_an_id_holds_back_nothing(cli, tmp_path: Path) -> None:
    """Only reference fields and misplaced stance entries name entities: an unknown
    field whose value is a claim's id does not hide that claim's own findings."""
    text = (
        "sources:\n  - id: s\n    name: S\n"
        "claims:\n  - id: lonely\n    statement: Nothing supports this.\n"
        "  - id: c\n    statement: C.\n"
        "evidence:\n  - id: e\n    summary: x\n    source: s\n    stance: {c: supports}\n"
        "    see_also: lonely\n"
    )
    found = check(cli, tmp_path, {"ledger.yaml": text})
    shown = sorted((d["code"], d["message"]) for d in found)
    assert ("CL405", "claim 'lonely' has no evidence") in shown


STANCE = "      claim-a: supports\n"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (STANCE, STANCE + "    credibility: 0_2\n", "credibility '0_2' is not a whole number"),
        (STANCE, STANCE + "    credibility: 3_0\n", "credibility '3_0' is not a whole number"),
        (
            "    statement: Something happened.\n",
            "    statement: Something happened.\n    prior: 0.1_5\n",
            "prior '0.1_5' is not a number",
        ),
    ],
)
def test_a_number_with_an_underscore_is_refused_never_read_as_digits(
    cli, tmp_path: Path, old: str, new: str, message: str
) -> None:
    """Python (and so pydantic) reads '_' as a digit separator: a typo '0_2' was the
    grade 2, '3_0' was 30 (out of range), '0.1_5' the prior 0.15. The schema refused
    them; check now does too."""
    (found,) = check(cli, tmp_path, {"a.yaml": edit(old, new)})
    assert (found["code"], found["message"].split(": ", 1)[1]) == ("CL104", message)
    assert found["hint"] == "write the number with digits only: '_' is no digit separator here"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            NAME,
            NAME + "    reliability: [A, B]\n",
            "'reliability' is a list, expected one of: A, B",
        ),
        (STANCE, "      claim-a: [supports]\n", "'stance.claim-a' is a list, expected one of:"),
        (STANCE, STANCE + "    date: [2024-01-01]\n", "'date' is a list, expected a date"),
        (
            STANCE,
            STANCE + "    retracted: {when: 2024-01-01}\n",
            "'retracted' is a mapping, expected true, false or a date",
        ),
    ],
)
def test_a_list_or_mapping_in_a_field_of_one_value_is_named_by_its_shape(
    cli, tmp_path: Path, old: str, new: str, message: str
) -> None:
    """It was CL104 with the value as Python writes it: "reliability '['A', 'B']' is not
    one of: ..." (found by a tour, with a tagged list). (An unreadable `retracted` read
    as withdrawn left claim-a with only retracted evidence, CL407; the item now does not
    count for its error, and what follows from that is held back.)"""
    found_all = check(cli, tmp_path, {"a.yaml": edit(old, new)})
    (found,) = found_all
    assert found["code"] == "CL103"
    assert found["message"].split(": ", 1)[1].startswith(message)
    assert "['" not in found["message"]


@pytest.mark.parametrize(
    ("old", "new", "code", "message", "hint"),
    [
        (
            NAME,
            NAME + "    reliability: b\n",
            "CL104",
            "reliability 'b' is not one of: A, B, C, D, E, F",
            "did you mean 'B'?",
        ),
        (
            STANCE,
            STANCE + "    date: June 6, 2024\n",
            "CL106",
            "date 'June 6, 2024' is not a valid date",
            "write 2024-06-06 (YYYY-MM-DD)",
        ),
        (
            STANCE,
            STANCE + "    via: src-a\n",
            "CL103",
            "'via' is the text 'src-a', expected a list",
            "write a list, even of one: via: [src-a]",
        ),
        (
            STANCE,
            STANCE + "    via: 'src-a: and more'\n",
            "CL103",
            "'via' is the text 'src-a: and more', expected a list",
            None,  # no flow list to suggest that would read otherwise
        ),
        (
            STANCE,
            STANCE + "    via: 'src-a:'\n",
            "CL103",
            "'via' is the text 'src-a:', expected a list",
            None,  # '[src-a:]' would not parse
        ),
        (  # a tour was told to write a flow mapping; only the dash is wrong
            STANCE,
            "      - claim-a: supports\n",
            "CL103",
            "'stance' is a list, expected a mapping",
            "remove the '- ' before each claim: 'stance:' maps claim ids to stances",
        ),
    ],
)
def test_small_mistakes_get_the_hint_they_need(
    cli, tmp_path: Path, old: str, new: str, code: str, message: str, hint: str | None
) -> None:
    """Found by a tour: a grade in lower case had no hint, a date in words was called a
    date-time, and one relay written as text did not say to write a list."""
    (found,) = check(cli, tmp_path, {"a.yaml": edit(old, new)})
    assert (found["code"], found["message"].split(": ", 1)[1], found["hint"]) == (
        code,
        message,
        hint,
    )


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        (  # a quoted value holding ' #' is suggested whole
            'sources:\n  - id: a\n    kind: outlet\n  name: "Channel #1 news"\n',
            4,
            "this line lines up with the '- ' of the list entries above it, but is not an entry",
            "for a new entry, start it with '- ' ('- name: \"Channel #1 news\"'); for a field "
            "of the entry above, line it up with 'kind' on line 3 (4 spaces)",
        ),
        (  # the entry above ends in a nested list: its dash still lines up
            "sources:\n  - id: a\n    name: A\n    affiliation:\n      - x\n  kind: outlet\n",
            6,
            "this line lines up with the '- ' of the list entries above it, but is not an entry",
            "for a new entry, start it with '- ' ('- kind: outlet'); for a field of the entry "
            "above, line it up with 'affiliation' on line 4 (4 spaces)",
        ),
        (  # the fields without a dash hold a nested list: the first of them is named
            "sources:\n  id: a\n  affiliation:\n    - x\n  name: A\n  - id: b\n",
            6,
            "a list entry among the fields of a mapping (the lines above it, from line 2, have "
            "no '- ')",
            "if they are an entry too, start line 2 with '- ' ('- id: a') and indent the lines "
            "after it 2 spaces more, as the fields of an entry",
        ),
        (  # at the top of the file
            "title: T\n- id: a\n",
            2,
            "a list entry among the sections at the top of the file",
            "an entry goes under its list (sources:, claims: or evidence:), indented",
        ),
    ],
)
def test_layout_hints_name_the_right_line_and_keep_values_whole(
    cli, tmp_path: Path, text: str, line: int, message: str, hint: str
) -> None:
    """Found by a review: a hint cut a quoted value at its '#', one named the wrong line,
    one told to indent the whole top of the file as a list entry."""
    (found,) = check(cli, tmp_path, {"a.yaml": text})
    assert (found["code"], found["line"]) == ("CL001", line)
    assert found["message"] == "YAML syntax error: " + message
    assert found["hint"] == hint


@pytest.mark.parametrize(
    "value",
    ["claim-a: supports}", "claim-a: x: y", "claim-a: [a", 'claim-a: "a #b"', "Note: this is fine"],
)
def test_the_braces_hint_is_given_only_when_the_braces_would_parse(
    cli, tmp_path: Path, value: str
) -> None:
    text = edit("    stance:\n      claim-a: supports\n", f"    stance: {value}\n")
    (found,) = check(cli, tmp_path, {"a.yaml": text})
    assert found["code"] == "CL001"
    assert found["hint"].startswith("put the text in quotes: stance: ")
    assert "braces" not in found["hint"]


def test_a_suppression_inside_an_open_quote_hides_no_syntax_error(cli, tmp_path: Path) -> None:
    """A hostile-input campaign: '# claimlog: ignore[CL001]' inside a quote left open
    suppressed the syntax error, and the file's claims were dropped without a word
    ("No findings"). In a file that cannot be parsed only a comment alone on its line
    counts; at the top of the file it still covers the whole file."""
    broken = 'title: x\nclaims:\n  - id: a\n    statement: "open # claimlog: ignore[CL001]\n'
    found = check(cli, tmp_path, {"s.yaml": broken})
    assert [(d["line"], d["code"]) for d in found] == [(4, "CL001")]
    on_top = "# claimlog: ignore[CL001]\n" + broken
    assert check(cli, tmp_path, {"s.yaml": on_top}) == []


def test_a_suppression_inside_a_quote_hides_no_tab_either(cli, tmp_path: Path) -> None:
    """A review: the same through a tab in the indentation (CL010), which also leaves the
    file unread: '# claimlog: ignore[CL010]' inside a quote hid it."""
    tabbed = (
        "title: T\nclaims:\n  - id: c1\n    statement: ok\n"
        '\tprior: "0.5 # claimlog: ignore[CL010]"\n'
    )
    found = check(cli, tmp_path, {"t.yaml": tabbed})
    assert [(d["line"], d["code"]) for d in found] == [(5, "CL010")]


@pytest.mark.parametrize(
    ("old", "new", "code", "hint"),
    [
        (
            "    stance:\n      claim-a: supports\n",
            "",
            "CL101",
            "name the claims it bears on and how, one per line under 'stance:', "
            "e.g. 'claim-id: supports'",
        ),
        (
            NAME,
            NAME + "    url: www.reuters.com/x\n",
            "CL107",
            "write the whole address: https://www.reuters.com/x",
        ),
        (
            "    statement: Something happened.\n",
            "    statement: Something happened.\n    prior: 50%\n",
            "CL104",
            "a prior is a probability between 0 and 1: write 0.5",
        ),
        (
            SUMMARY,
            SUMMARY + "    credibility: B2\n",
            "CL104",
            "'B2' is a whole Admiralty code: write credibility: 2 here, and reliability: B "
            "on the source",
        ),
    ],
)
def test_a_value_a_newcomer_writes_gets_a_hint_that_says_what_to_write(
    cli: Check, tmp_path: Path, old: str, new: str, code: str, hint: str
) -> None:
    """A tour: a missing stance, a URL without its scheme, a prior as a percentage and a
    whole Admiralty code as credibility were named without saying what to write."""
    found = check(cli, tmp_path, {"l.yaml": edit(old, new)})
    errors = [d for d in found if d["severity"] == "error"]  # and CL405 without a stance
    assert [(d["code"], d["hint"]) for d in errors] == [(code, hint)]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        # A suppression written without a space is a suppression, not cut text.
        ("    source: src-a #claimlog: ignore[CL201]\n", None),
        # The comment takes the whole value: said, not only 'empty'.
        (
            "    quote: #FakeNews is what he said\n",
            "'#FakeNews is what he said' is a comment, so 'quote' has no value: YAML ends an "
            "unquoted value at ' #'",
        ),
    ],
)
def test_cl017_names_a_value_the_comment_took_whole_and_spares_suppressions(
    cli, tmp_path: Path, line: str, message: str | None
) -> None:
    """A review of CL017: '#claimlog: ignore[...]' got its own CL017, and a value the
    comment took whole was not reported."""
    text = edit("    source: src-a\n", line) if "source" in line else edit(SUMMARY, SUMMARY + line)
    found = [d for d in check(cli, tmp_path, {"l.yaml": text}) if d["code"] == "CL017"]
    assert [d["message"] for d in found] == ([message] if message else [])


def test_cl017_reports_the_first_cut_values_of_a_long_file(cli, tmp_path: Path) -> None:
    """A review: after 1,000 lines with a '#word' inside quotes the check stopped looking,
    and of many findings it kept the last ones. It looks at the whole file and keeps the
    first 1,000, in the order of the file."""
    quoted = "".join(
        f"  - id: ev-q{i}\n    summary: 'Channel #{i} said it'\n    source: src-a\n"
        f"    stance:\n      claim-a: supports\n"
        for i in range(1001)
    )
    cut = "  - id: ev-cut\n    summary: Reported by #Reuters\n    source: src-a\n"
    text = CLEAN_LEDGER + quoted + cut + "    stance:\n      claim-a: supports\n"
    found = [d for d in check(cli, tmp_path, {"l.yaml": text}) if d["code"] == "CL017"]
    assert [d["line"] for d in found] == [text.count("\n", 0, text.index("#Reuters")) + 1]
    many = CLEAN_LEDGER.replace(
        "    name: Source A\n",
        "    name: Source A\n    meta:\n" + "".join(f"      k{i}: v #{i}\n" for i in range(1200)),
    )
    found = [d for d in check(cli, tmp_path, {"l.yaml": many}) if d["code"] == "CL017"]
    assert [d["line"] for d in found] == list(range(6, 6 + 101))  # 100, then "and more"
    assert found[-1]["message"].startswith("and 900 more comment-in-value findings")


URL_HINT = "write the address as a browser shows it, starting with https:// or http://"
"""Not 'https://report.pdf': a file name or a DOI is no address to complete."""


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        (
            "    statement: Something happened.\n",
            "    statement: Something happened.\n    prior: 150%\n",
            "a prior is a probability strictly between 0 and 1",
        ),
        (
            "    statement: Something happened.\n",
            "    statement: Something happened.\n    prior: 0%\n",
            "a prior is a probability strictly between 0 and 1",
        ),
        (NAME, NAME + "    url: report.pdf\n", URL_HINT),
        (NAME, NAME + "    url: doi:10.1000/xyz\n", URL_HINT),
    ],
)
def test_a_hint_never_suggests_what_is_itself_wrong(
    cli: Check, tmp_path: Path, old: str, new: str, hint: str | None
) -> None:
    """A review: 'prior: 150%' was told to write 1.5, and 'url: report.pdf' to write
    https://report.pdf."""
    errors = [
        d for d in check(cli, tmp_path, {"l.yaml": edit(old, new)}) if d["severity"] == "error"
    ]
    assert [d["hint"] for d in errors] == [hint]


@pytest.mark.parametrize(
    ("old", "new", "code", "hint"),
    [
        (
            NAME,
            NAME + "    reliability: A7\n",
            "CL104",
            "reliability is the source's Admiralty letter, A (completely reliable) to F "
            "(cannot be judged); a digit, 1 to 6, grades an evidence item's credibility",
        ),
        (
            "    stance:\n      claim-a: supports\n",
            "    stance: [claim-a]\n",
            "CL103",
            "give each claim its stance: stance: {claim-a: supports}",
        ),
        (
            "    source: src-a\n",
            "    source: src-a\n    archive_url: https://a.org/x\n    sha256: abc\n",
            "CL108",
            "the SHA-256 digest of the archived copy, as 'sha256sum FILE' prints it",
        ),
        # A review: these hints named what was no remedy.
        (
            NAME,
            NAME + '    url: "https://a.org/x y"\n',
            "CL107",
            "an address holds no spaces (write %20) and a port of at most 65535",
        ),
        (
            "    stance:\n      claim-a: supports\n",
            "    stance:\n      - claim-a, claim-b\n",
            "CL103",
            "give each claim its stance: stance: {claim-id: supports}",
        ),
        (
            "    stance:\n      claim-a: supports\n",
            "    stance: [1, claim-a]\n",
            "CL103",
            "give each claim its stance: stance: {claim-id: supports}",
        ),
    ],
)
def test_a_newcomers_slip_gets_a_remedy(
    cli: Check, tmp_path: Path, old: str, new: str, code: str, hint: str
) -> None:
    """A tour: 'reliability: A7' (not a whole Admiralty code: 7 is no grade), a stance
    written as a list of claims, and a short hash were told what was wrong, not what
    to write."""
    found = check(cli, tmp_path, {"l.yaml": edit(old, new)})
    errors = [(d["code"], d["hint"]) for d in found if d["severity"] == "error"]
    assert errors == [(code, hint)]
    # Nothing else, but that claim-a has no evidence where the item no longer names it.
    others = [(d["code"], d["message"]) for d in found if d["severity"] != "error"]
    assert others in ([], [("CL405", "claim 'claim-a' has no evidence")])


def test_a_duplicate_id_says_which_definition_is_used(cli, tmp_path: Path) -> None:
    """A tour read "id 'src-a' is also defined at a.yaml:3, the definition used" as
    saying that the definition under it is the one used. The message says it is not."""
    twice = CLEAN_LEDGER.replace(
        "claims:\n", "  - id: src-a\n    name: Source A again\nclaims:\n", 1
    )
    found = [d for d in check(cli, tmp_path, {"ledger.yaml": twice}) if d["code"] == "CL202"]
    # one at each definition (a pull request's new one is on its diff, whichever is used)
    used, unused = sorted(found, key=lambda d: "this definition is used" not in d["message"])
    assert {used["line"], unused["line"]} == {3, 5}
    assert unused["message"] == (
        f"id 'src-a' is defined more than once: the definition used is the one at "
        f"ledger.yaml:{used['line']}, not this one"
    )
    assert used["message"] == (
        f"id 'src-a' is defined more than once: this definition is used, not the one at "
        f"ledger.yaml:{unused['line']}"
    )


def test_a_space_that_only_looks_like_one_is_named(cli, tmp_path: Path) -> None:
    """A tour pasted from a web page: 'name:\u00a0Source A' was "not a 'key: value'
    pair" with the hint to write 'name:: ...', and no-break spaces of indentation made an
    unknown field with no word of why. Both name the space; inside a value, a comment or
    a block of text it is kept as written (a review saw a first version report those)."""
    pasted = CLEAN_LEDGER.replace("    name: Source A\n", "    name:\u00a0Source A\n")
    (syntax,) = check(cli, tmp_path, {"ledger.yaml": pasted})
    assert (syntax["code"], syntax["line"], syntax["column"]) == ("CL001", 4, 10)
    assert syntax["message"] == (
        "YAML syntax error: U+00A0 after ':' only looks like a space: YAML reads it as text"
    )
    assert syntax["hint"] == "replace it with a plain space"
    # after a list's dash, and in a flow mapping's value (a review of a first version)
    dashed = CLEAN_LEDGER.replace("  - id: ev-a\n", "  -\u00a0id: ev-a\n")
    (after_dash,) = check(cli, tmp_path, {"ledger.yaml": dashed})
    assert after_dash["message"] == (
        "YAML syntax error: U+00A0 after '-' only looks like a space: YAML reads it as text"
    )
    flow = CLEAN_LEDGER.replace(
        "    name: Source A\n", "    name: Source A\n    reliability: B\u00a0\n"
    )
    (trailing,) = check(cli, tmp_path, {"ledger.yaml": flow})
    assert trailing["hint"] == (
        "the value holds U+00A0, which only looks like a space: replace it with a plain "
        "space, or remove it"
    )
    indented = CLEAN_LEDGER.replace(
        "    source: src-a\n", "    source: src-a\n\u00a0\u00a0\u00a0\u00a0via: []\n"
    )
    (broken,) = check(cli, tmp_path, {"ledger.yaml": indented})
    assert (broken["code"], broken["line"], broken["column"]) == ("CL001", 12, 1)
    assert broken["message"] == (
        "YAML syntax error: U+00A0 in the indentation only looks like a space: YAML reads "
        "it as text"
    )
    top = CLEAN_LEDGER + "\u00a0\u00a0meta: {}\n"
    (unknown,) = check(cli, tmp_path, {"ledger.yaml": top})
    assert unknown["code"] == "CL102"
    assert unknown["hint"] == (
        "the key holds U+00A0, which only looks like a space: replace it with a plain space"
    )
    kept = (
        CLEAN_LEDGER.replace("Something happened.", '"Agence France-Presse:\u00a0Paris"')
        .replace("A report that it happened.", "A report 10\u00a0km away. # note:\u00a0pasted")
        .replace("title: A clean ledger\n", "title: A clean ledger\nmeta:\n  d: |\n    \u3000x\n")
    )
    assert [d["code"] for d in check(cli, tmp_path, {"ledger.yaml": kept})] == []


@pytest.mark.parametrize(
    "text",
    [
        edit(SUMMARY, '    summary:\n      "A report #3" # see annex\n      it happened.\n'),
        edit(NAME, NAME + "    affiliation:\n      - wire # main\n      service\n"),
    ],
)
def test_a_hash_after_a_quoted_value_or_a_list_entry_is_not_called_a_cut(
    cli, tmp_path: Path, text: str
) -> None:
    """A review: a quoted value on the line below its key, and a list, were explained as
    an unquoted value that '#' ended, with the hint to quote it (which, for the list,
    would make it one string)."""
    (found,) = check(cli, tmp_path, {"ledger.yaml": text})
    assert found["code"] == "CL001"
    assert "unquoted value" not in found["message"]


def test_a_malformed_id_gets_an_id_to_write(cli, tmp_path: Path) -> None:
    """A tour: `id: Newsru.com news` got the id rules and no id to write."""
    (tmp_path / "a.yaml").write_text("sources:\n  - {id: Newsru.com news, name: N}\n")
    found = cli(["check", "a.yaml", "--format", "json"], cwd=tmp_path).json()["diagnostics"]
    assert [(d["code"], d["hint"]) for d in found] == [
        (
            "CL105",
            "ids are 1-128 ASCII letters (a-z, A-Z), digits, '.', '_', '-' or ':', starting "
            "with a letter or digit, for example 'newsru.com-news'",
        )
    ]


def test_a_letter_an_id_cannot_hold_is_named(cli, tmp_path: Path) -> None:
    """A tour: an id with a Cyrillic a among Latin letters looked valid and was told that
    ids are made of letters, with 'kommers-nt' as the id to write; 'vidéo-réelle' got
    'vid-o-r-elle'. The message names the character; an accented letter loses its
    accent in the example, a letter with no ASCII form gets no example. A review: an
    accent written after its letter, or an invisible character, is dropped from the
    example and named alone (quoted, it sat on the quote)."""
    (tmp_path / "a.yaml").write_text(
        "sources:\n  - {id: kommers\u0430nt, name: K}\n"
        "claims:\n  - {id: vid\u00e9o-r\u00e9elle, statement: La vid\u00e9o est r\u00e9elle.}\n",
        encoding="utf-8",
    )
    found = cli(["check", "a.yaml", "--format", "json"], cwd=tmp_path).json()["diagnostics"]
    said = [(d["code"], d["message"].split(": ", 2)[-1], d["hint"]) for d in found]
    rule = (
        "ids are 1-128 ASCII letters (a-z, A-Z), digits, '.', '_', '-' or ':', starting "
        "with a letter or digit"
    )
    assert said == [
        (
            "CL105",
            "'\u0430' (U+0430 CYRILLIC SMALL LETTER A) is not an ASCII letter or digit",
            rule,
        ),
        (
            "CL105",
            "'\u00e9' (U+00E9 LATIN SMALL LETTER E WITH ACUTE) is not an ASCII letter or digit",
            rule + ", for example 'video-reelle'",
        ),
    ]
    (tmp_path / "a.yaml").write_text(
        'sources:\n  - {id: "vide\\u0301o", name: A}\n  - {id: "ab\\u200bc", name: B}\n'
    )
    found = cli(["check", "a.yaml", "--format", "json"], cwd=tmp_path).json()["diagnostics"]
    assert [(d["message"].split(": ", 2)[-1], d["hint"][len(rule) :]) for d in found] == [
        ("U+0301 COMBINING ACUTE ACCENT is not an ASCII letter or digit", ", for example 'video'"),
        ("U+200B ZERO WIDTH SPACE is not an ASCII letter or digit", ", for example 'abc'"),
    ]


def test_a_field_written_in_other_words_is_named_in_the_formats(cli: Check, tmp_path: Path) -> None:
    """A tour: `type: analysis` on an item was told that free-form data belongs under
    'meta' (it is the item's `kind`), and `confidence: 1` likewise (its `credibility`).
    Words people write for a field get the format's word; a field already there is not
    suggested twice, and nothing is renamed by `--fix` (a word can mean something else)."""
    text = (
        "sources:\n  - {id: s, name: S, grade: B}\n"
        "claims:\n  - {id: c, statement: X.}\n"
        "evidence:\n  - {id: e, summary: Y., source: s, stance: {c: supports},"
        " type: analysis, confidence: 2, kind: analysis, comment: Z.}\n"
    )
    found = {d["message"]: d.get("hint") for d in check(cli, tmp_path, {"l.yaml": text})}
    word = "did you mean '{}'? (the format's word for it)"
    assert found == {
        "source 's' has unknown field 'grade'": word.format("reliability"),
        "evidence 'e' has unknown field 'type'": "free-form data belongs under 'meta'",
        "evidence 'e' has unknown field 'confidence'": word.format("credibility"),
        "evidence 'e' has unknown field 'comment'": word.format("notes"),
    }
    fixed = cli(["check", "--fix", "l.yaml"], cwd=tmp_path)
    assert fixed.code == 1
    assert (tmp_path / "l.yaml").read_text() == text


def test_a_stance_written_as_text_gets_its_mapping_form(cli: Check, tmp_path: Path) -> None:
    """A tour: `stance: us-warned-russia` was told only "expected a mapping", where
    `via: a, b` gets its list form. A claim id gets its stance; a stance word gets the
    claim it lacks."""
    hints = {}
    for value in ("c", "refutes", "the claim c"):
        text = (
            "sources:\n  - {id: s, name: S}\nclaims:\n  - {id: c, statement: X.}\n"
            f"evidence:\n  - id: e\n    summary: Y.\n    source: s\n    stance: {value}\n"
        )
        found = check(cli, tmp_path, {"l.yaml": text}, "--select", "CL103")
        (d,) = found
        hints[value] = d["hint"]
    assert hints == {
        "c": "give the claim its stance: stance: {c: supports}",
        "refutes": "name the claim: stance: {claim-id: refutes}",
        "the claim c": "give the claim its stance: stance: {claim-id: supports}",
    }


def test_a_tab_is_told_how_many_spaces_to_write(cli: Check, tmp_path: Path) -> None:
    """A tour: "indent with spaces" said not how many; then a second tour: the count of
    the file's outermost indented lines was wrong for a nested line. The hint counts
    from the line above: a level more under a key that opens a block (a level being
    the file's own), as many as its keys otherwise."""
    four = CLEAN_LEDGER.replace("\n  ", "\n    ").replace("  - id: src-a\n", "\t- id: src-a\n")
    (found,) = check(cli, tmp_path, {"l.yaml": four})
    assert found["hint"] == "indent with spaces, not tabs: 4 here, to nest it under line 2"
    (found,) = check(cli, tmp_path, {"l.yaml": "sources:\n\t- id: s\n"})
    assert found["hint"] == "indent with spaces, not tabs: 2 here, to nest it under line 1"
    (found,) = check(cli, tmp_path, {"l.yaml": "sources:\n  - id: s\n\tname: S\n"})
    assert found["hint"] == "indent with spaces, not tabs: 4 here, to line it up with line 2"
    (found,) = check(cli, tmp_path, {"l.yaml": "\tsources: []\n"})
    assert found["hint"] == (
        "remove the tab: no line above it is indented with spaces, so it starts the top level"
    )


def test_every_tab_of_a_file_is_reported_at_once(cli: Check, tmp_path: Path) -> None:
    """A tour: one tab hid the file's later tabs, so a newcomer fixed one a run. Every
    line the parser would stop at for a tab is reported, each read with the spaces its
    hint gives; the file's other findings (a bad date) wait for the tabs to be mended."""
    text = (
        "claims:\n  - id: staged\n    statement: x\n    date: 14/01/2015\n"
        "evidence:\n  - id: e\n    summary: y\n    source: nobody\n    stance:\n"
        "\tstaged: supports\n  - id: f\n\tsummary: z\n    source: nobody\n    stance:\n"
        "  \t  staged: supports\n"
    )
    found = check(cli, tmp_path, {"l.yaml": text})
    assert [(d["code"], d["line"], d["column"], d["hint"].split(": ", 1)[1]) for d in found] == [
        ("CL010", 10, 1, "6 here, to nest it under line 9"),
        ("CL010", 12, 1, "4 here, to line it up with line 11"),
        ("CL010", 15, 3, "6 here, to nest it under line 14"),
    ]
    # a block of text opened above nests its lines; a tab on line 1 is the top level
    block = "\ttitle: x\nclaims:\n  - id: c\n    statement: |\n\tline\n  - id: d\n\tstatement: S\n"
    found = check(cli, tmp_path, {"l.yaml": block})
    assert [(d["line"], d["hint"].split(": ", 1)[1]) for d in found] == [
        (1, "no line above it is indented with spaces, so it starts the top level"),
        (5, "6 here, to nest it under line 4"),
        (7, "4 here, to line it up with line 6"),
    ]
    mended = text.replace("\tstaged", "      staged").replace("\tsummary", "    summary")
    mended = mended.replace("  \t  staged", "      staged")
    assert [d["code"] for d in check(cli, tmp_path, {"l.yaml": mended})][:1] == ["CL106"]


def test_a_missing_id_and_an_empty_summary_get_hints(cli: Check, tmp_path: Path) -> None:
    """A tour: a source without an id and an empty summary were told what, not how."""
    text = (
        "sources:\n  - name: Reuters\n  - id: s\n    name:\nclaims:\n  - {id: c, statement: X.}\n"
        "evidence:\n  - id: e\n    summary:\n    source: s\n    stance: {c: supports}\n"
    )
    found = {d["message"]: d["hint"] for d in check(cli, tmp_path, {"l.yaml": text})}
    assert found["source #1 is missing required field 'id'"].startswith("give it a short id")
    assert found["source 's': field 'name' is empty"].startswith("write the source's name")
    assert (
        found["evidence 'e': field 'summary' is empty"] == "say in a sentence what the item reports"
    )
