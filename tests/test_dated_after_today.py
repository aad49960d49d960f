"""Without --as-of the assessment is as of today: an item dated, or retracted, after
today is an error (CL401), and counts neither way.

An analyst saw an item dated 2099 carry its claim to `supported` (73%) while `check`
called the date an error, and a retraction dated 2099 taken as done.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from claimlog.credibility import assess_set
from claimlog.ledgerset import LedgerSet
from claimlog.loader import load_text
from claimlog.validation import build_file
from conftest import Run, write

HEAD = """\
sources: [{id: w, name: Wire, reliability: B}, {id: v, name: Other wire, reliability: B}]
claims: [{id: c, statement: X happened.}]
evidence:
"""
LATE = (
    "  - {id: e, summary: s, source: w, credibility: 2, date: 2024-07-01, stance: {c: supports}}\n"
)
EARLY = (
    "  - {id: f, summary: s, source: v, credibility: 2, date: 2024-01-01, stance: {c: supports}}\n"
)
RETRACTED = (
    "  - {id: r, summary: s, source: v, credibility: 2, date: 2024-01-01, "
    "retracted: 2024-07-01, stance: {c: strongly-refutes}}\n"
)
TODAY = date(2024, 6, 1)


def _set(text: str) -> LedgerSet:
    loaded = load_text(text, "l.yaml")
    return LedgerSet.from_files([build_file(loaded)], {"l.yaml": loaded})


def test_an_item_dated_after_today_counts_neither_way() -> None:
    found = assess_set(_set(HEAD + LATE + EARLY), today=TODAY)
    claim = found.claims["c"]
    excluded = {i.id: i.excluded for i in found.items["c"]}
    assert excluded == {"e": "dated after today", "f": None}
    assert claim.verdict == "unverified"
    assert "has-errors" in claim.flags
    # weighed as without the item: its weight is missing, not counted
    alone = assess_set(_set(HEAD + EARLY), today=TODAY).claims["c"]
    assert claim.probability == alone.probability
    # a day later it is published, and counts
    later = assess_set(_set(HEAD + LATE + EARLY), today=date(2024, 7, 1)).claims["c"]
    assert later.probability > alone.probability
    assert "has-errors" not in later.flags


def test_a_retraction_after_today_is_not_taken_as_done() -> None:
    found = assess_set(_set(HEAD + EARLY + RETRACTED), today=TODAY)
    excluded = {i.id: i.excluded for i in found.items["c"]}
    assert excluded == {"f": None, "r": "retracted after today"}
    assert "has-errors" in found.claims["c"].flags
    assert found.claims["c"].verdict == "unverified"


def test_under_as_of_later_dates_are_news_not_errors() -> None:
    """As of a date, an item after it is not yet published and a retraction after it
    not yet made: no error, whatever today is."""
    ls = _set(HEAD + LATE + EARLY + RETRACTED)
    found = assess_set(ls, as_of=date(2024, 3, 1), today=TODAY)
    excluded = {i.id: i.excluded for i in found.items["c"]}
    assert excluded == {"e": "after as-of date", "f": None, "r": None}
    assert "has-errors" not in found.claims["c"].flags
    # without today (a caller that gives none), nothing is dated after it
    plain = assess_set(ls)
    assert {i.id: i.excluded for i in plain.items["c"]} == {"e": None, "f": None, "r": "retracted"}


def test_check_and_summary_agree_on_a_future_retraction(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    text = HEAD + EARLY + RETRACTED.replace("2024-07-01", "2999-01-01")
    write(tmp_path / "l.yaml", text)
    checked = cli(["check", "--format", "json", "l.yaml"], cwd=tmp_path)
    assert checked.code == 1
    errors = [d for d in checked.json()["diagnostics"] if d["severity"] == "error"]
    assert [(d["code"], d["message"]) for d in errors] == [
        ("CL401", "evidence 'r' is retracted on 2999-01-01, after today")
    ]
    shown = cli(["show", "c", "l.yaml", "--format", "json"], cwd=tmp_path)
    items = {i["id"]: i["excluded"] for i in shown.json()["items"]}
    assert items == {"f": None, "r": "retracted after today"}
    assert shown.json()["claim"]["verdict"] == "unverified"
    # as of a date after the retraction (later than today), it is done and no error
    as_of = cli(["check", "--format", "json", "--as-of", "3000-01-01", "l.yaml"], cwd=tmp_path)
    assert "CL401" not in {d["code"] for d in as_of.json()["diagnostics"]}
    past = cli(["check", "--format", "json", "--as-of", "2024-03-01", "l.yaml"], cwd=tmp_path)
    assert [d["message"] for d in past.json()["diagnostics"] if d["code"] == "CL401"] == [
        "evidence 'r' is retracted on 2999-01-01, after today"
    ]
