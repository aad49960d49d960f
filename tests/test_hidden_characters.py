"""Characters that show as nothing and hide text (claimlog.invisible; a test campaign,
2026-12-05: zero-width spaces and Unicode tag characters in free text were shown raw by
every output and reported by none, and a zero-width space inside a word of a quote made
a word-for-word copy an independent line).

CL019 reports each at its place; every output writes them as escapes; quotes are
compared without them. The joiners that scripts and emoji need are left alone.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from claimlog import invisible
from claimlog.credibility.origins import quote_words
from claimlog.invisible import shows_as_nothing
from claimlog.loader import MAX_MISLEADING, load_bytes
from conftest import CLEAN_LEDGER, run, write
from test_credibility import assess_spec, claim, item, ledger, source

SAMPLES = sorted({code for a, b in invisible.RANGES for code in (a, b)})
"""The first and last code point of each range."""

ZWSP, TAG_H, TAG_I = "\u200b", "\U000e0068", "\U000e0069"


def test_the_set_is_of_characters_that_show_as_nothing() -> None:
    assert all(shows_as_nothing(chr(c)) for c in invisible.CODES)
    for kept in ("\u200c", "\u200d", "\u00ad", "\ufe0f"):  # text needs them
        assert ord(kept) not in invisible.CODES
    assert len(invisible.CODES) == 1 + 2 + 1 + 5 + 6 + 1 + 1 + 1 + 3 + 1 + 96


@pytest.mark.parametrize("code", SAMPLES, ids=[f"U+{c:04X}" for c in SAMPLES])
def test_each_is_reported_at_its_place_and_the_file_is_read(code: int) -> None:
    ch = chr(code)
    text = CLEAN_LEDGER.replace("Something", f"Some{ch}thing").replace(
        "title: A clean ledger", f"title: A clean ledger  # {ch}"
    )
    loaded = load_bytes(text.encode(), "h.yaml")
    found = [(d.code, (d.line, d.column)) for d in loaded.diagnostics]
    assert found == [("CL019", (1, 26)), ("CL019", (7, 20))]
    name = unicodedata.name(ch, "")
    assert all(f"U+{code:04X} {name} shows as nothing" in d.message for d in loaded.diagnostics)
    assert loaded.root is not None
    assert loaded.root["claims"][0]["statement"] == f"Some{ch}thing happened."


def test_a_flood_is_counted_past_the_first_thousand() -> None:
    text = CLEAN_LEDGER + "# " + ZWSP * (MAX_MISLEADING + 5) + "\n"
    found = load_bytes(text.encode(), "h.yaml").diagnostics
    assert len(found) == MAX_MISLEADING + 1
    assert found[-1].message.startswith("5 more characters that show as nothing")


def test_a_comment_cannot_hide_it(tmp_path: Path) -> None:
    text = "# claimlog: ignore[CL019]\n" + CLEAN_LEDGER.replace("A report", f"A re{ZWSP}port")
    write(tmp_path / "h.yaml", text)
    result = run(["check", "--format", "json", "h.yaml"], tmp_path)
    found = {d["code"]: d["message"] for d in result.json()["diagnostics"]}
    assert sorted(found) == ["CL019", "CL501"]
    assert "CL019" in found["CL501"]  # the comment is told it has no effect

    ignored = run(["check", "--ignore", "CL019", "--format", "json", "h.yaml"], tmp_path)
    assert "CL019" not in [d["code"] for d in ignored.json()["diagnostics"]]


HIDDEN_TEXT = f"Some{ZWSP}thing happened {TAG_H}{TAG_I}."


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--format", "concise"],
        ["check", "--format", "github"],
        ["check", "--format", "junit"],
        ["check", "--format", "sarif"],
        ["check", "--format", "gitlab"],
        ["check", "--format", "rdjson"],
        ["matrix", "claim-a"],
        ["graph", "--format", "mermaid"],
        ["graph", "--format", "dot"],
        ["graph", "--format", "svg"],
        ["summary"],
        ["summary", "--format", "markdown"],
        ["summary", "--format", "csv"],
        ["summary", "--format", "json"],
        ["show", "claim-a"],
    ],
    ids=lambda a: "-".join(a),
)
def test_every_output_shows_them_as_escapes(tmp_path: Path, args: list[str]) -> None:
    text = CLEAN_LEDGER.replace("Something happened.", HIDDEN_TEXT)
    if args[0] == "check":  # findings that quote the characters: an unknown claim's id
        text = text.replace("claim-a: supports", f"claim-a{ZWSP}{TAG_H}: supports")
    write(tmp_path / "h.yaml", text)
    result = run([*args, "h.yaml"], tmp_path)
    out = result.stdout
    assert not any(c in out for c in (ZWSP, TAG_H, TAG_I)), out
    if args[0] == "check" and args[-1] in ("sarif", "gitlab", "rdjson"):
        json.loads(out)  # valid JSON, the characters escaped in it (as text or as values)
        assert "u200b" in out
    elif args[0] == "graph":
        assert "Some" in out  # the statement is drawn, its hidden characters not raw
    elif "json" in args:
        value = json.loads(out)
        assert HIDDEN_TEXT in json.dumps(value, ensure_ascii=False)  # the same value
        assert "\\u200b" in out
        assert "\\udb40\\udc68" in out
    elif "check" in args:
        assert "\\u200b" in out
    elif "markdown" in args:  # a backslash is escaped in Markdown: it shows as one
        assert "\\\\u200b" in out
        assert "\\\\U000e0068\\\\U000e0069" in out
    else:
        assert "\\u200b" in out
        assert "\\U000e0068\\U000e0069" in out


def test_the_report_shows_them_as_escapes(tmp_path: Path) -> None:
    write(tmp_path / "h.yaml", CLEAN_LEDGER.replace("Something happened.", HIDDEN_TEXT))
    result = run(["report", "h.yaml", "-o", "site"], tmp_path)
    assert result.code == 0, result.stderr
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    assert not any(c in pages for c in (ZWSP, TAG_H, TAG_I))
    assert "Some\\u200bthing happened \\U000e0068\\U000e0069." in pages


def test_a_quote_with_one_inside_a_word_is_the_same_quote() -> None:
    quote = "The government ordered the strike on the city"
    hidden = quote.replace("government", f"gov{ZWSP}ernment").replace("city", f"city{TAG_H}")
    assert quote_words(hidden) == quote_words(quote)
    for hidden_mark in ("\u3164", "\uffa0", "\u034f", "\ufe0f", "\U000e0100"):
        # letters and marks that show as nothing (an analyst's review: they split copies)
        assert quote_words(quote.replace("strike", f"str{hidden_mark}ike")) == quote_words(quote)
    assert quote_words("\u0645\u06cc\u200c\u0634\u0648\u062f") == quote_words(
        "\u0645\u06cc\u0634\u0648\u062f"
    )  # a Persian word typed with and without its non-joiner


def test_a_hidden_copy_of_a_quote_is_one_line_with_it() -> None:
    """Property 17: a zero-width space inside a word of the copy made it independent."""
    quote = "The government ordered the strike on the city"

    def probability(copy: str) -> float:
        spec = ledger(
            [source("s0", "B"), source("s1", "B")],
            [claim("c")],
            [
                item("e0", "s0", {"c": "supports"}, 2, quote=quote),
                item("e1", "s1", {"c": "supports"}, 2, quote=copy),
            ],
        )
        return assess_spec(spec)["c"].probability

    assert probability(quote.replace("government", f"gov{ZWSP}ernment")) == probability(quote)


@pytest.mark.parametrize("name", ["a\u200bb.yaml", "a\U000e0041b.yaml", "a\tb.yaml"])
def test_a_file_named_with_one_is_reported_and_shown_as_escapes(tmp_path: Path, name: str) -> None:
    """A review: a zero-width space in a file's name got no finding, and a tab showed as a
    space (another file's name) in every finding's place."""
    write(tmp_path / name, CLEAN_LEDGER)
    result = run(["check", "--format", "concise", "."], tmp_path)
    shown = (
        name.replace("\t", "\\x09")
        .replace("\u200b", "\\u200b")
        .replace("\U000e0041", "\\U000e0041")
    )
    assert f"{shown}:1:1: error[CL018]" in result.stdout
    assert not any(c in result.stdout for c in ("\t", "\u200b", "\U000e0041"))
