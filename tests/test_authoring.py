"""Writing ledgers: ``claimlog new`` and ``claimlog add`` (issue 12, items 2 and 3).

The logic is tested without a terminal: the checking of each answer, the entry in
canonical layout, its insertion into a file that keeps every byte it had (comments,
values, line endings), the verification of what is written; then the commands, through
typer's CliRunner and a real subprocess, and the prompts through a scripted console.
tests/test_add_pty.py drives ``add`` in a real pseudo-terminal.
"""

from __future__ import annotations

import codecs
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimlog.authoring import (
    FIELDS,
    Answer,
    AnswerError,
    AuthoringError,
    Known,
    Target,
    append_entry,
    build_entry,
    check_answer,
    check_stance_claim,
    check_stance_value,
    comments,
    parse_sets,
    render_entry,
    skeleton,
    slug,
    spec_of,
    suggest_id,
    verify_append,
)
from claimlog.canonical import ENTITY_KEYS
from claimlog.loader import load_text
from claimlog.prompting import add_entry, ask_entry
from claimlog.settings import Settings
from conftest import CLEAN_LEDGER, FIXTURES, Run, run, write

BRIDGE = FIXTURES / "authoring" / "bridge.yaml"

KNOWN = Known(
    sources=frozenset({"reuters", "ministry-x", "afp"}),
    claims=frozenset({"bridge-by-y", "bridge-by-z"}),
    evidence=frozenset({"ministry-statement"}),
    groups=frozenset({"bridge-perpetrator"}),
    actors=frozenset({"government-x", "us-government"}),
    labels=frozenset({"shelling"}),
    taken={
        "reuters": "the source at a.yaml:3",
        "ministry-x": "the source at a.yaml:6",
        "afp": "the source at a.yaml:9",
        "bridge-by-y": "the claim at a.yaml:12",
        "bridge-by-z": "the claim at a.yaml:14",
        "ministry-statement": "the evidence item at a.yaml:17",
    },
    today=date(2025, 1, 1),
)


def spec(kind: str, name: str) -> Any:
    found = spec_of(kind, name)
    assert found is not None
    return found


def refused(kind: str, name: str, raw: str, values: dict[str, Answer] | None = None) -> str:
    with pytest.raises(AnswerError) as caught:
        check_answer(spec(kind, name), raw, KNOWN, values)
    return str(caught.value)


def plain(text: str) -> Any:
    """A file's values as claimlog's loader reads them (maps and lists as dict and list)."""
    loaded = load_text(text, "t.yaml")
    assert not loaded.diagnostics, loaded.diagnostics

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(loaded.root)


# --- answers ---------------------------------------------------------------------------


def test_a_grade_is_one_to_six() -> None:
    assert check_answer(spec("evidence", "credibility"), " 3 ", KNOWN) == "3"
    for bad in ("7", "0", "three", "3.5", "B"):
        assert "not a grade from 1 to 6" in refused("evidence", "credibility", bad)


def test_a_source_grade_is_a_to_f_in_either_case() -> None:
    assert check_answer(spec("source", "reliability"), "b", KNOWN) == "B"
    message = refused("source", "reliability", "G")
    assert "one of: A, B, C, D, E, F" in message


def test_an_enum_value_is_re_asked_with_the_did_you_mean() -> None:
    assert check_answer(spec("source", "kind"), "Outlet", KNOWN) == "outlet"
    assert "did you mean 'outlet'?" in refused("source", "kind", "outlte")
    assert "did you mean 'smoking-gun'?" in refused("evidence", "test", "smokng-gun")
    # a value merely close is no answer: it may mean another thing (a tour)
    assert refused("evidence", "test", "decisive") == (
        "test: 'decisive' is not a test; one of: straw, hoop, smoking-gun, doubly-decisive"
    )


def test_a_date_is_checked_as_typed() -> None:
    date_spec = spec("evidence", "date")
    assert check_answer(date_spec, "2024-03-22", KNOWN) == "2024-03-22"
    assert check_answer(date_spec, "2024-03-22T19:58:00+03:00", KNOWN) is not None
    for bad in ("2024-13-01", "2024-02-30", "22 March 2024", "2024-03-22T19:58:00"):
        assert "is not a date" in refused("evidence", "date", bad)
    assert "after today" in refused("evidence", "date", "2025-06-01")


def test_a_url_and_a_hash_are_checked() -> None:
    assert check_answer(spec("evidence", "url"), "https://example.org/a?b=1", KNOWN)
    for bad in ("www.example.org", "ftp://example.org/", "https://exa mple.org"):
        assert "not an absolute http:// or https:// URL" in refused("evidence", "url", bad)
    assert "64 hexadecimal digits" in refused("evidence", "sha256", "abc123")
    assert check_answer(spec("evidence", "sha256"), "A" * 64, KNOWN) == "A" * 64


def test_an_unknown_id_is_refused_with_the_did_you_mean() -> None:
    message = refused("evidence", "source", "reutres")
    assert "no source 'reutres' in the ledger set" in message
    assert "did you mean 'reuters'?" in message
    assert "did you mean 'reuters'?" in refused("evidence", "via", "afp, reutres")
    assert "did you mean 'ministry-statement'?" in refused(
        "evidence", "based_on", "ministry-statment"
    )
    # an id of another kind says what it is
    assert "it is the claim at a.yaml:12" in refused("evidence", "source", "bridge-by-y")
    # a prefix of existing ids names them
    with pytest.raises(AnswerError, match="did you mean 'bridge-by-y' or 'bridge-by-z'"):
        check_stance_claim("bridge", KNOWN, {})


def test_a_relay_chain_names_neither_the_source_nor_one_outlet_twice() -> None:
    values: dict[str, Answer] = {"source": "ministry-x"}
    assert check_answer(spec("evidence", "via"), "[reuters, afp]", KNOWN, values) == [
        "reuters",
        "afp",
    ]
    assert "is the item's source" in refused("evidence", "via", "reuters, ministry-x", values)
    assert "named twice" in refused("evidence", "via", "reuters, reuters", values)


def test_a_duplicate_or_malformed_id_is_refused() -> None:
    assert "'reuters' is taken: it is the source at a.yaml:3" in refused("source", "id", "reuters")
    assert "not an id" in refused("source", "id", "two words")
    assert "not an id" in refused("source", "id", "-dash")
    assert check_answer(spec("source", "id"), "012", KNOWN) == "012"


def test_required_fields_and_empty_answers() -> None:
    assert "name is required" in refused("source", "name", "   ")
    assert check_answer(spec("source", "url"), "", KNOWN) is None
    assert check_answer(spec("source", "affiliation"), "[]", KNOWN) is None


def test_control_and_bidirectional_characters_are_refused() -> None:
    assert "U+202E" in refused("source", "name", "Reuters\u202e")
    assert "U+0007" in refused("claim", "statement", "bell\a")
    # and those that hide text (CL019), not the joiners scripts need
    assert "U+200B" in refused("claim", "statement", "gov\u200bernment")
    assert "U+E0041" in refused("claim", "statement", "note\U000e0041")
    assert check_answer(spec("claim", "statement"), "\u0645\u06cc\u200c\u0634\u0648\u062f", KNOWN)


def test_stance_values_and_claims() -> None:
    assert check_stance_value(" Supports ", "bridge-by-y") == "supports"
    with pytest.raises(AnswerError, match="did you mean 'supports'"):
        check_stance_value("suports", "bridge-by-y")
    with pytest.raises(AnswerError, match="given already"):
        check_stance_claim("bridge-by-y", KNOWN, {"bridge-by-y": "supports"})


def test_a_new_group_or_tag_close_to_an_existing_one_is_a_soft_refusal() -> None:
    with pytest.raises(AnswerError) as caught:
        check_answer(spec("claim", "group"), "bridge-perpetrators", KNOWN)
    assert caught.value.soft
    assert caught.value.value == "bridge-perpetrators"
    assert check_answer(spec("claim", "group"), "another-question", KNOWN) == "another-question"
    with pytest.raises(AnswerError) as tag:
        check_answer(spec("claim", "parties"), "US government, government-x", KNOWN)
    assert tag.value.soft
    assert "did you mean 'us-government'?" in str(tag.value)
    assert tag.value.value == ["US government", "government-x"]
    # tags that only look alike are different actors: no question
    assert check_answer(spec("claim", "parties"), "government-y", KNOWN) == ["government-y"]


# --- --set ---------------------------------------------------------------------------------


def test_set_builds_an_entry_with_a_suggested_id() -> None:
    values, notes = parse_sets(
        "evidence",
        [
            "summary=Reuters saw craters on the bridge.",
            "source=reuters",
            "stance.bridge-by-y=strongly-supports",
            "stance.bridge-by-z=refutes",
            "credibility=2",
            "via=[afp]",
        ],
        KNOWN,
    )
    assert notes == []
    assert values["id"] == "reuters-saw-craters-bridge"
    assert values["stance"] == {"bridge-by-y": "strongly-supports", "bridge-by-z": "refutes"}
    assert values["via"] == ["afp"]


def test_set_refuses_an_unknown_key_a_missing_field_and_a_bad_value() -> None:
    with pytest.raises(AuthoringError, match="did you mean 'reliability'"):
        parse_sets("source", ["name=A", "reliablity=B"], KNOWN)
    with pytest.raises(AuthoringError, match="add it to the entry by hand"):
        parse_sets("claim", ["statement=S.", "resolution=true"], KNOWN)
    with pytest.raises(AuthoringError, match="KEY=VALUE"):
        parse_sets("source", ["name"], KNOWN)
    with pytest.raises(AnswerError, match="stance is required"):
        parse_sets("evidence", ["summary=S.", "source=reuters"], KNOWN)
    with pytest.raises(AnswerError, match="not a grade"):
        parse_sets(
            "evidence",
            ["summary=S.", "source=reuters", "stance.bridge-by-y=supports", "credibility=9"],
            KNOWN,
        )


def test_set_keeps_a_soft_answer_with_a_note() -> None:
    values, notes = parse_sets("claim", ["statement=S.", "group=bridge-perpetrators"], KNOWN)
    assert values["group"] == "bridge-perpetrators"
    assert len(notes) == 1
    assert "did you mean 'bridge-perpetrator'?" in notes[0]


def test_slugs_and_suggested_ids() -> None:
    assert slug("Forces of Y shelled the bridge on 3 May.") == "forces-y-shelled-bridge-3-may"
    assert slug("Ministère de l'Intérieur") == "ministere-de-l-interieur"
    assert slug("Ministère de l\u2019Intérieur") == "ministere-de-l-interieur"
    # a possessive is one word, not a stray 's' (a tour: mohamed-musallam-s-father)
    assert slug("Mohamed Musallam's father") == "mohamed-musallams-father"
    assert slug("Russia\u2019s foreign ministry") == "russias-foreign-ministry"
    assert slug("ISIS's media wing") == "isis-media-wing"
    assert slug("!!!") == ""
    assert len(slug("word " * 40)) <= 40
    assert suggest_id("Reuters", {"reuters": "x", "reuters-2": "y"}, "source") == "reuters-3"
    assert suggest_id("???", {}, "claim") == "claim"


# --- the entry in canonical layout ------------------------------------------------------


def test_keys_come_in_canonical_order() -> None:
    values: dict[str, Answer] = {
        "notes": "n",
        "stance": {"bridge-by-y": "supports"},
        "date": "2024-05-03",
        "source": "reuters",
        "summary": "S.",
        "id": "e1",
        "credibility": "3",
    }
    entry = build_entry("evidence", values)
    order = ENTITY_KEYS["evidence"]
    assert list(entry) == sorted(entry, key=order.index)
    assert next(iter(entry)) == "id"
    assert list(entry)[-1] == "notes"
    text = render_entry("evidence", entry)
    keys = [line.split(":")[0].strip(" -") for line in text.splitlines() if line[4:5] != " "]
    assert keys == list(entry)


def test_build_entry_refuses_what_the_format_refuses() -> None:
    with pytest.raises(AnswerError, match="stance"):
        build_entry("evidence", {"id": "e", "summary": "S.", "source": "reuters"})


AMBIGUOUS = ["no", "yes", "on", "off", "null", "~", "012", "1:20", "1.10", "2024-03-22", "y"]


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_text_that_yaml_1_1_reads_otherwise_is_quoted(text: str) -> None:
    entry = build_entry("source", {"id": "s", "name": text, "notes": text})
    rendered = render_entry("source", entry)
    assert f"name: '{text}'" in rendered
    # claimlog reads it as the text, and so does a YAML 1.1 reader
    assert yaml.safe_load(rendered)[0]["name"] == text
    assert plain("sources:\n" + rendered)["sources"][0]["name"] == text


def test_an_ambiguous_id_is_quoted_in_lists_and_stance_keys() -> None:
    entry: dict[str, Answer] = {
        "id": "012",
        "summary": "S.",
        "source": "1.10",
        "via": ["2024-03-22", "afp"],
        "stance": {"012": "supports"},
    }
    rendered = render_entry("evidence", entry)
    loaded = yaml.safe_load(rendered)[0]
    assert loaded == entry


def test_converted_fields_are_written_plain() -> None:
    entry = build_entry(
        "evidence",
        {
            "id": "e",
            "summary": "S.",
            "source": "reuters",
            "stance": {"bridge-by-y": "supports"},
            "credibility": "3",
            "date": "2024-05-03",
            "retracted": "false",
        },
    )
    rendered = render_entry("evidence", entry)
    assert "    credibility: 3\n" in rendered
    assert "    date: 2024-05-03\n" in rendered
    assert "    retracted: false\n" in rendered


def test_short_id_lists_are_flow_and_long_ones_block() -> None:
    short = render_entry("source", {"id": "s", "name": "S", "derived_from": ["a", "b"]})
    assert "    derived_from: [a, b]\n" in short
    five = render_entry("source", {"id": "s", "name": "S", "derived_from": list("abcde")})
    assert "    derived_from:\n      - a\n      - b\n" in five
    wide = [f"a-rather-long-source-id-{n}" for n in range(4)]
    long = render_entry("source", {"id": "s", "name": "S", "derived_from": wide})
    assert "    derived_from:\n      - a-rather-long-source-id-0\n" in long
    fits = render_entry("source", {"id": "s", "name": "S", "derived_from": wide[:3]})
    assert f"    derived_from: [{', '.join(wide[:3])}]\n" in fits
    spaced = render_entry(
        "source", {"id": "s", "name": "S", "affiliation": ["US government", "no"]}
    )
    assert "    affiliation: [US government, 'no']\n" in spaced
    assert yaml.safe_load(spaced)[0]["affiliation"] == ["US government", "no"]


def test_long_text_is_folded_and_reads_back_the_same() -> None:
    text = "A long summary of what the item says, " * 6 + "and its end."
    text = text.replace("  ", " ")
    rendered = render_entry("claim", {"id": "c", "statement": text})
    assert "    statement: >-\n" in rendered
    assert max(len(line) for line in rendered.splitlines()) <= 80
    assert plain("claims:\n" + rendered)["claims"][0]["statement"] == text


def test_multi_line_and_awkward_text_reads_back_the_same() -> None:
    for text in ("first line\nsecond line", "a: b # c", "'quoted'", "- dash", "x  y " * 30):
        stripped = text.strip()
        rendered = render_entry("claim", {"id": "c", "statement": stripped})
        assert plain("claims:\n" + rendered)["claims"][0]["statement"] == stripped


# --- appending --------------------------------------------------------------------------

EVIDENCE: dict[str, Answer] = {
    "id": "craters",
    "summary": "Reuters saw shell craters on the bridge.",
    "source": "reuters",
    "stance": {"bridge-by-y": "supports"},
    "credibility": "2",
}


def appended(text: str, kind: str = "evidence", entry: dict[str, Answer] | None = None) -> str:
    entry = entry or EVIDENCE
    new = append_entry(text, kind, entry)
    assert verify_append(text.encode(), kind, entry)(new.encode()) is None
    return new


def lines_kept(old: str, new: str) -> bool:
    """Every line of ``old`` is in ``new``, in order (new lines only inserted)."""
    rest = iter(new.splitlines(keepends=True))
    return all(any(line == other for other in rest) for line in old.splitlines(keepends=True))


def test_appending_keeps_every_line_comment_and_value() -> None:
    old = BRIDGE.read_text(encoding="utf-8")
    new = appended(old)
    assert lines_kept(old, new)
    assert comments(new) == comments(old)
    before, after = plain(old), plain(new)
    assert after["evidence"][:-1] == before["evidence"]
    assert after["evidence"][-1] == EVIDENCE
    assert {k: v for k, v in after.items() if k != "evidence"} == {
        k: v for k, v in before.items() if k != "evidence"
    }
    # the entry goes after the last item, before the blank line and the closing comment
    assert "    date: 2024-05-03\n  - id: craters\n" in new
    assert new.endswith(
        "      bridge-by-y: supports\n    credibility: 2\n\n# The end of the file.\n"
    )


def test_a_source_goes_after_the_comments_indented_under_the_list() -> None:
    old = BRIDGE.read_text(encoding="utf-8")
    new = appended(old, "source", {"id": "afp", "name": "AFP", "kind": "outlet"})
    assert "  # - id: old-source         (commented out: kept as it is)\n  - id: afp\n" in new


def test_crlf_line_endings_are_kept() -> None:
    old = BRIDGE.read_text(encoding="utf-8").replace("\n", "\r\n")
    new = appended(old)
    assert new.count("\n") == new.count("\r\n")
    assert "  - id: craters\r\n" in new


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + CLEAN_LEDGER.encode())
    target = Target.open(path, tmp_path, [])
    data = target.appended(
        "evidence", {**EVIDENCE, "source": "src-a", "stance": {"claim-a": "refutes"}}
    )
    assert data.startswith(codecs.BOM_UTF8)
    assert data.count(codecs.BOM_UTF8) == 1


def test_a_missing_list_is_created_in_canonical_place() -> None:
    old = "title: T\n\n# the sources\nsources:\n  - id: reuters\n    name: Reuters\n"
    new = appended(old, "claim", {"id": "c", "statement": "S."})
    assert new.endswith("\nclaims:\n  - id: c\n    statement: S.\n")
    old = "title: T\n\n# the evidence, after the claims\nevidence: []\n"
    new = appended(old, "claim", {"id": "c", "statement": "S."})
    assert new == (
        "title: T\n\nclaims:\n  - id: c\n    statement: S.\n\n"
        "# the evidence, after the claims\nevidence: []\n"
    )


def test_appending_to_an_empty_list_or_an_empty_file() -> None:
    entry: dict[str, Answer] = {"id": "c", "statement": "S."}
    assert appended("claims: []  # none yet\n", "claim", entry) == (
        "claims: # none yet\n  - id: c\n    statement: S.\n"
    )
    assert appended("claims:\n  # an example\nevidence:\n", "claim", entry) == (
        "claims:\n  # an example\n  - id: c\n    statement: S.\nevidence:\n"
    )
    assert appended("claims:\n# - id: example\n\nevidence:\n", "claim", entry) == (
        "claims:\n  - id: c\n    statement: S.\n# - id: example\n\nevidence:\n"
    )
    assert appended("", "claim", entry) == "claims:\n  - id: c\n    statement: S.\n"
    assert appended("# just a comment", "claim", entry) == (
        "# just a comment\n\nclaims:\n  - id: c\n    statement: S.\n"
    )


def test_the_file_s_list_indentation_and_spacing_are_followed() -> None:
    entry: dict[str, Answer] = {"id": "c2", "statement": "S.", "tags": ["a", "b"]}
    indentless = "claims:\n- id: c1\n  statement: One.\n"
    assert appended(indentless, "claim", entry).endswith(
        "- id: c1\n  statement: One.\n- id: c2\n  statement: S.\n  tags: [a, b]\n"
    )
    spaced = "claims:\n  - id: c0\n    statement: Zero.\n\n  - id: c1\n    statement: One.\n"
    assert appended(spaced, "claim", entry).endswith(
        "    statement: One.\n\n  - id: c2\n    statement: S.\n    tags: [a, b]\n"
    )


def test_a_file_that_cannot_be_appended_to_safely_is_refused() -> None:
    entry: dict[str, Answer] = {"id": "c", "statement": "S."}
    with pytest.raises(AuthoringError, match="fix the file's YAML first"):
        append_entry("claims:\n  - id: a\n   bad: [\n", "claim", entry)
    with pytest.raises(AuthoringError, match="flow list"):
        append_entry("claims: [{id: a, statement: A.}]\n", "claim", entry)
    with pytest.raises(AuthoringError, match="not a list"):
        append_entry("claims: none\n", "claim", entry)


def test_verification_catches_a_lost_value_or_comment() -> None:
    old = BRIDGE.read_text(encoding="utf-8")
    verify = verify_append(old.encode(), "evidence", EVIDENCE)
    good = append_entry(old, "evidence", EVIDENCE)
    assert verify(good.encode()) is None
    lost = good.replace("# The end of the file.\n", "")
    assert verify(lost.encode()) == "a comment would be lost: # The end of the file."
    assert "old values" in str(verify(good.replace("Reuters\n", "Reuter\n").encode()))
    assert "old values" in str(verify(old.encode()))  # the entry missing
    assert verify(b"claims: [\n") is not None


def test_comments_are_found_between_tokens_only() -> None:
    text = (
        "# top\n"
        "a: 'x # no' # yes\n"
        "b: |\n  # content, not a comment\n"
        "c: [1, # in a flow list\n  2]\n"
        "d: plain#text\n"
    )
    assert comments(text) == ["# top", "# yes", "# in a flow list"]


# --- the prompts, without a terminal -------------------------------------------------------


class Scripted:
    """A console that answers from a script and records what it was shown."""

    def __init__(self, answers: Sequence[str]) -> None:
        self.answers = list(answers)
        self.shown: list[str] = []
        self.options: dict[str, list[str]] = {}

    def ask(self, prompt: str, options: Sequence[str]) -> str:
        self.shown.append(prompt)
        self.options[prompt] = list(options)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)

    def say(self, text: str) -> None:
        self.shown.append(text)


def test_prompts_re_ask_until_each_answer_is_good() -> None:
    console = Scripted(
        [
            "Reuters saw craters.",  # summary
            "",  # id: the suggestion
            "reutres",  # source: unknown, re-asked
            "reuters",
            "-",  # via: left out despite its default
            "bridge-by-y",  # stance claim
            "sup",  # a bad stance
            "supports",
            "",  # no more claims
            "9",  # a bad grade
            "",  # the default grade
            *[""] * 9,
        ]
    )
    defaults = {"source": "ministry-x", "via": "afp", "credibility": "4"}
    values = ask_entry(console, "evidence", KNOWN, defaults)
    assert values == {
        "summary": "Reuters saw craters.",
        "id": "reuters-saw-craters",
        "source": "reuters",
        "stance": {"bridge-by-y": "supports"},
        "credibility": "4",
    }
    shown = "\n".join(console.shown)
    assert "id [reuters-saw-craters]: " in shown
    assert "  ! source: no source 'reutres' in the ledger set; did you mean 'reuters'?" in shown
    assert "  ! credibility: '9' is not a grade from 1 to 6" in shown
    assert "credibility [4]: " in shown
    assert "# The origin: who observed, said or produced it [required]" in shown
    # completion offers the ids of the field's kind
    assert console.options["source [ministry-x]: "] == ["afp", "ministry-x", "reuters"]
    assert console.options["stance, claim id (Enter when done): "] == ["bridge-by-z"]


def test_a_soft_refusal_is_taken_when_given_again() -> None:
    console = Scripted(["S.", "", "", "", "bridge-perpetrators", "bridge-perpetrators"])
    console.answers += [""] * 10
    values = ask_entry(console, "claim", KNOWN, {})
    assert values["group"] == "bridge-perpetrators"
    assert any("give it again to keep it" in line for line in console.shown)


def settings_for(paths: list[str] | None = None) -> Settings:
    settings = Settings()
    if paths is not None:
        settings.set("paths", paths, "test")
    return settings


def test_add_takes_defaults_from_the_previous_entry_and_declines_cleanly(tmp_path: Path) -> None:
    path = write(tmp_path / "bridge.yaml", BRIDGE.read_text(encoding="utf-8"))
    before = path.read_bytes()
    console = Scripted(["Another statement.", "", "", "", "bridge-by-y", "refutes", ""])
    console.answers += [""] * 10 + ["n"]
    assert add_entry("evidence", path, settings_for([]), tmp_path, console=console) is None
    assert path.read_bytes() == before
    shown = "\n".join(console.shown)
    for default in ("source [ministry-x]", "via [reuters]", "credibility [4]", "kind [statement]"):
        assert default in shown
    assert "date [2024-05-03]" in shown
    assert "To be added to the evidence of bridge.yaml:" in shown


def test_add_refuses_a_file_changed_while_prompting(tmp_path: Path) -> None:
    path = write(tmp_path / "bridge.yaml", BRIDGE.read_text(encoding="utf-8"))

    class Meddling(Scripted):
        def ask(self, prompt: str, options: Sequence[str]) -> str:
            if prompt.startswith("Add it?"):
                path.write_text(path.read_text() + "# edited meanwhile\n")
            return super().ask(prompt, options)

    console = Meddling(["S.", "", "", "", "bridge-by-y", "supports", ""] + [""] * 10 + ["y"])
    with pytest.raises(AuthoringError, match="changed since it was read"):
        add_entry("evidence", path, settings_for([]), tmp_path, console=console)
    assert path.read_text().endswith("# edited meanwhile\n")
    # nothing typed is lost (a tour retyped ten answers): the entry is shown, to paste
    shown = "\n".join(console.shown)
    assert "Not written. The entry, to add by hand (or 'claimlog add' again):" in shown
    after = shown.split("Not written.", 1)[1]
    assert "  - id: s\n    summary: S.\n" in after
    assert after.rstrip().endswith("    date: 2024-05-03")


def test_an_unknown_source_says_how_to_add_one() -> None:
    """A tour typed a source not in the set yet, and could only leave with Ctrl-C. The
    answer says how to add one; not "or Ctrl-C", which another tour saw after `--set`
    (the interactive prompt says at its start that Ctrl-C stops it)."""
    assert refused("evidence", "source", "washington-post") == (
        "source: no source 'washington-post' in the ledger set; add it first ('claimlog "
        "add source'); or keep it, and add the source after"
    )
    assert refused("evidence", "source", "reuter").endswith(
        "did you mean 'reuters'? Or keep it, and add the source after."
    )


def test_an_unknown_source_given_again_is_kept_and_the_source_asked_for_after(
    tmp_path: Path,
) -> None:
    """A newcomer's tour: with the summary typed, a source not in the set yet was a dead
    end (start over after 'claimlog add source'). Given again at the prompt, it is kept,
    and the item written with a reminder; --set still refuses it."""
    path = write(tmp_path / "bridge.yaml", BRIDGE.read_text(encoding="utf-8"))
    answers = ["New item.", "", "washington-post", "washington-post", "-", "bridge-by-y"]
    console = Scripted([*answers, "supports", ""] + [""] * 10 + ["y"])
    ident = add_entry("evidence", path, settings_for([]), tmp_path, console=console)
    assert ident is not None
    assert "    source: washington-post\n" in path.read_text()
    shown = "\n".join(console.shown)
    assert "(give it again to keep it)" in shown
    assert "Source 'washington-post' is not in the ledger set yet: add it with 'claimlog add" in (
        " ".join(shown.split())
    )
    with pytest.raises(AnswerError, match=r"no source 'washington-post'[^;]*;[^;]*\)$"):
        parse_sets(
            "evidence",
            ["summary=S.", "source=washington-post", "stance.bridge-by-y=supports"],
            KNOWN,
        )


# --- the commands ---------------------------------------------------------------------------


def git_tree(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "ledgers").mkdir()
    return tmp_path


def test_new_writes_a_skeleton_that_checks_clean(cli: Callable[..., Run], tmp_path: Path) -> None:
    root = git_tree(tmp_path)
    done = cli(["new", "ledgers/bridge.yaml", "--title", "no"], cwd=root)
    assert done.code == 0, done.stderr
    assert "Created ledgers/bridge.yaml" in done.stdout
    text = (root / "ledgers" / "bridge.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../claimlog-schema.json"
    assert "\ntitle: 'no'\n" in text
    for key in ("sources:", "claims:", "evidence:", "groups:"):
        assert f"\n{key}\n" in text
    # every key of every entity is shown in the commented examples
    for list_key, keys in ENTITY_KEYS.items():
        section = text.split(f"\n{list_key}:\n")[1].split("\n\n")[0]
        for key in keys:
            assert f"#   {key}:" in section or f"# - {key}:" in section, (list_key, key)
    checked = cli(["check", "ledgers/bridge.yaml"], cwd=root)
    assert checked.code == 0
    assert "No findings in 1 file." in checked.stdout
    # entries added to the skeleton go right under their list's key
    added = cli(["add", "source", "--set", "name=Reuters", "--set", "kind=outlet"], cwd=root)
    assert added.code == 0, added.stderr
    text = (root / "ledgers" / "bridge.yaml").read_text(encoding="utf-8")
    assert "\nsources:\n  - id: reuters\n    name: Reuters\n    kind: outlet\n# - id:" in text
    assert cli(["check", "ledgers/bridge.yaml", "--ignore", "unused-source"], cwd=root).code == 0


def uncommented(text: str) -> str:
    """The skeleton with its examples uncommented (the '# ' taken off, the comment at
    the end of the line and the lines continuing it dropped)."""
    out: list[str] = []
    examples = False
    for line in text.splitlines():
        examples = examples or line == "sources:"
        if not examples or not line.startswith(("# - ", "#   ")):
            out.append(line)
        elif not line[2:].lstrip().startswith("#"):
            out.append(line[2:].split("  #")[0].rstrip())
    return "\n".join(out) + "\n"


def test_the_commented_examples_are_valid_entries() -> None:
    examples = uncommented(skeleton("T", "claimlog-schema.json"))
    from claimlog.validation import build_file

    model = build_file(load_text(examples, "t.yaml"))
    assert model.diagnostics == []
    assert len(model.sources) == len(model.claims) == len(model.evidence) == 1
    assert len(model.groups) == 1


def test_new_refuses_to_overwrite_and_needs_the_folder(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    root = git_tree(tmp_path)
    existing = write(root / "ledgers" / "a.yaml", "title: mine\n")
    done = cli(["new", "ledgers/a.yaml"], cwd=root)
    assert done.code == 2
    assert "ledgers/a.yaml exists; 'claimlog new' never overwrites a file" in done.stderr
    assert existing.read_text() == "title: mine\n"
    missing = cli(["new", "nowhere/a.yaml"], cwd=root)
    assert missing.code == 2
    assert "no folder nowhere; create it first" in missing.stderr
    wrong = cli(["new", "ledgers/a.txt"], cwd=root)
    assert wrong.code == 2
    assert "*.yaml or *.yml" in wrong.stderr


def test_new_at_the_top_points_at_the_schema_beside_it(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    root = git_tree(tmp_path)
    assert cli(["new", "top.yaml"], cwd=root).code == 0
    text = (root / "top.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=claimlog-schema.json\n")
    assert "\ntitle: Top\n" in text


def test_add_with_set_appends_through_the_cli(cli: Callable[..., Run], tmp_path: Path) -> None:
    root = git_tree(tmp_path)
    path = write(root / "ledgers" / "bridge.yaml", BRIDGE.read_text(encoding="utf-8"))
    done = cli(
        [
            "add",
            "evidence",
            "--set",
            "summary=Reuters saw shell craters on the bridge.",
            "--set",
            "source=reuters",
            "--set",
            "stance.bridge-by-y=supports",
            "--set",
            "credibility=2",
            "--set",
            "kind=observation",
        ],
        cwd=root,
    )
    assert done.code == 0, done.stderr
    assert (
        "Added evidence 'reuters-saw-shell-craters-bridge' to ledgers/bridge.yaml." in done.stdout
    )
    text = path.read_text(encoding="utf-8")
    assert "  - id: reuters-saw-shell-craters-bridge\n" in text
    assert cli(["check"], cwd=root).code == 0


def test_add_with_a_bad_value_writes_nothing(cli: Callable[..., Run], tmp_path: Path) -> None:
    root = git_tree(tmp_path)
    path = write(root / "ledgers" / "bridge.yaml", BRIDGE.read_text(encoding="utf-8"))
    before = path.read_bytes()
    cases = {
        "credibility=7": "not a grade from 1 to 6",
        "source=reutres": "did you mean 'reuters'?",
        "date=2024-5-3": "is not a date",
        "url=example.org": "not an absolute http:// or https:// URL",
        "colour=red": "evidence has no field 'colour'",
        "stance.bridge-by-z=supports": "no claim 'bridge-by-z'",
    }
    for bad, message in cases.items():
        base = {
            "summary": "S.",
            "source": "reuters",
            "stance.bridge-by-y": "supports",
        }
        key = bad.split("=")[0]
        pairs = [f"{k}={v}" for k, v in base.items() if k != key] + [bad]
        args = ["add", "evidence", "--file", "ledgers/bridge.yaml"]
        for pair in pairs:
            args += ["--set", pair]
        done = cli(args, cwd=root)
        assert done.code == 2, bad
        assert message in done.stderr, (bad, done.stderr)
        assert done.stderr.count("\n") == 1
        assert path.read_bytes() == before
    duplicate = cli(["add", "source", "--set", "name=Reuters", "--set", "id=reuters"], cwd=root)
    assert duplicate.code == 2
    assert "'reuters' is taken" in duplicate.stderr


def test_add_refuses_to_prompt_without_a_terminal(cli: Callable[..., Run], tmp_path: Path) -> None:
    root = git_tree(tmp_path)
    write(root / "ledgers" / "bridge.yaml", BRIDGE.read_text(encoding="utf-8"))
    done = cli(["add", "claim"], cwd=root)
    assert done.code == 2
    assert done.stderr == "claimlog: stdin is not a terminal; give the fields with --set\n"
    proc = subprocess.run(
        [sys.executable, "-m", "claimlog", "add", "claim"],
        cwd=root,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "stdin is not a terminal; give the fields with --set" in proc.stderr


def test_add_needs_file_when_the_set_has_several_or_none(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    root = git_tree(tmp_path)
    none = cli(["add", "claim", "--set", "statement=S."], cwd=root)
    assert none.code == 2
    assert "no ledger file under ledgers: name the file to add to with --file PATH" in none.stderr
    write(root / "ledgers" / "a.yaml", "title: A\n")
    write(root / "ledgers" / "b.yaml", "title: B\n")
    several = cli(["add", "claim", "--set", "statement=S."], cwd=root)
    assert several.code == 2
    assert "2 ledger files under ledgers" in several.stderr
    assert "--file ledgers/a.yaml, --file ledgers/b.yaml" in several.stderr
    missing = cli(["add", "claim", "--file", "ledgers/c.yaml", "--set", "statement=S."], cwd=root)
    assert missing.code == 2
    assert "create it with 'claimlog new ledgers/c.yaml'" in missing.stderr
    named = cli(["add", "claim", "--file", "ledgers/b.yaml", "--set", "statement=S."], cwd=root)
    assert named.code == 0, named.stderr
    assert "  - id: s\n" in (root / "ledgers" / "b.yaml").read_text()


def test_add_checks_ids_across_the_configured_set(cli: Callable[..., Run], tmp_path: Path) -> None:
    root = git_tree(tmp_path)
    write(root / "ledgers" / "sources.yaml", "sources:\n  - id: afp\n    name: AFP\n")
    write(root / "work" / "case.yaml", "title: Case\n")
    done = cli(
        ["add", "source", "--file", "work/case.yaml", "--set", "name=AFP", "--set", "id=afp"],
        cwd=root,
    )
    assert done.code == 2
    assert "'afp' is taken: it is the source at ledgers/sources.yaml:2" in done.stderr
    derived = cli(
        [
            "add",
            "source",
            "--file",
            "work/case.yaml",
            "--set",
            "name=AFP copy",
            "--set",
            "derived_from=afp",
        ],
        cwd=root,
    )
    assert derived.code == 0, derived.stderr


def test_add_checks_ids_against_the_files_beside_its_own(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A tour: with no configured paths (and no ledgers/), `add --file case/case.yaml`
    refused a source kept in case/sources.yaml as unknown, and `add source` then
    defined it twice (CL202). Outside the configured paths the set is the file's folder:
    the ledger files beside it, not those below it nor hidden ones."""
    root = git_tree(tmp_path)
    write(root / "case" / "sources.yaml", "sources:\n  - {id: afp, name: AFP, reliability: B}\n")
    write(root / "case" / "case.yaml", "claims:\n  - {id: c, statement: C.}\n")
    write(root / "case" / "old" / "more.yaml", "sources:\n  - {id: dpa, name: DPA}\n")
    write(root / "case" / ".hidden.yaml", "sources:\n  - {id: ap, name: AP}\n")
    item = ["add", "evidence", "--file", "case/case.yaml", "--set", "summary=S."]
    done = cli([*item, "--set", "source=afp", "--set", "stance.c=supports"], cwd=root)
    assert done.code == 0, done.stderr
    source = ["add", "source", "--file", "case/case.yaml", "--set", "name=AFP"]
    taken = cli([*source, "--set", "id=afp"], cwd=root)
    assert taken.code == 2
    assert "'afp' is taken: it is the source at case/sources.yaml:2" in taken.stderr
    write(root / "case" / "old.yaml", "sources:\n  - {id: upi, name: UPI}\n")
    write(root / "claimlog.toml", 'exclude = ["case/old.yaml"]\n')  # a review: read anyway
    for unseen in ("dpa", "ap", "upi"):
        refused = cli([*item, "--set", f"source={unseen}", "--set", "stance.c=supports"], cwd=root)
        assert refused.code == 2
        assert f"no source '{unseen}' in the ledger set" in refused.stderr
    # a file named through a link: the files beside the name (a review: neither folder's)
    write(root / "shared" / "case.yaml", "claims:\n  - {id: d, statement: D.}\n")
    write(root / "linked" / "near.yaml", "sources:\n  - {id: near, name: N, reliability: B}\n")
    (root / "linked" / "case.yaml").symlink_to(root / "shared" / "case.yaml")
    linked = ["add", "evidence", "--file", "linked/case.yaml", "--set", "summary=S."]
    done = cli([*linked, "--set", "source=near", "--set", "stance.d=supports"], cwd=root)
    assert done.code == 0, done.stderr


def test_add_in_a_real_process(tmp_path: Path) -> None:
    root = git_tree(tmp_path)
    path = write(root / "ledgers" / "bridge.yaml", BRIDGE.read_text(encoding="utf-8"))
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    done = run(
        [
            "add",
            "claim",
            "--set",
            "statement=no",
            "--set",
            "id=012",
            "--set",
            "date=2024-05-04",
            "--set",
            "tags=shelling, 1:20",
        ],
        cwd=root,
    )
    assert done.code == 0, done.stderr
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    text = data.decode()
    assert "  - id: '012'\r\n    statement: 'no'\r\n    date: 2024-05-04\r\n" in text
    assert "    tags: [shelling, '1:20']\r\n" in text
    after = plain(text.replace("\r\n", "\n"))
    assert after["claims"][-1] == {
        "id": "012",
        "statement": "no",
        "date": "2024-05-04",
        "tags": ["shelling", "1:20"],
    }
    assert Counter(comments(text)) == Counter(comments(BRIDGE.read_text(encoding="utf-8")))
    checked = run(["check", "--format", "json"], cwd=root)
    codes = {d["code"] for d in checked.json()["diagnostics"]}
    assert codes == {"CL405"}  # the new claim has no evidence yet, and nothing else


def test_every_field_of_the_format_can_be_given() -> None:
    """Each field of each kind is asked for or settable, but ``meta`` and ``resolution``
    (free-form and nested: written by hand)."""
    for kind, list_key in (("source", "sources"), ("claim", "claims"), ("evidence", "evidence")):
        names = {s.name for s in FIELDS[kind]}
        assert names == set(ENTITY_KEYS[list_key]) - {"meta", "resolution"}


def test_new_quotes_a_path_with_a_space_in_the_commands_it_suggests(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    root = git_tree(tmp_path)
    done = cli(["new", "ledgers/x y.yaml", "--title", "no"], cwd=root)
    assert done.code == 0, done.stderr
    assert '--file "ledgers/x y.yaml"\'' in done.stdout
    assert "run 'claimlog check \"ledgers/x y.yaml\"'" in done.stdout


def test_a_field_whose_meaning_says_how_to_answer_is_not_told_twice() -> None:
    from claimlog.authoring import FIELDS

    url = next(f for f in FIELDS["source"] if f.name == "url")
    assert url.help == "http(s) URL of the source"
    seen = next(f for f in FIELDS["evidence"] if f.name == "url")
    assert seen.help.endswith("(an http(s) URL)")
