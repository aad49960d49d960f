"""Without --as-of the assessment is as of today: an item dated, or retracted, after
today is an error (CL401), and counts neither way.

An analyst saw an item dated 2099 carry its claim to `supported` (73%) while `check`
called the date an error, and a retraction dated 2099 taken as done.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from claimlog.checks.late import late_items, reasons
from claimlog.credibility import Assessed, assess_set
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


def _assessed(text: str, today: date, as_of: date | None = None) -> Assessed:
    """The assessment as a run makes it: with every item dated or retracted after today
    (CL401) left out as an error."""
    ls = _set(text)
    late = reasons(late_items(ls, today, as_of))
    return assess_set(ls, as_of, late=late)


def test_an_item_dated_after_today_counts_neither_way() -> None:
    found = _assessed(HEAD + LATE + EARLY, TODAY)
    claim = found.claims["c"]
    excluded = {i.id: i.excluded for i in found.items["c"]}
    assert excluded == {"e": "dated after today", "f": None}
    assert claim.verdict == "unverified"
    assert "has-errors" in claim.flags
    # weighed as without the item: its weight is missing, not counted
    alone = _assessed(HEAD + EARLY, TODAY).claims["c"]
    assert claim.probability == alone.probability
    # a day later it is published, and counts
    later = _assessed(HEAD + LATE + EARLY, date(2024, 7, 1)).claims["c"]
    assert later.probability > alone.probability
    assert "has-errors" not in later.flags


def test_a_retraction_after_today_is_not_taken_as_done() -> None:
    found = _assessed(HEAD + EARLY + RETRACTED, TODAY)
    excluded = {i.id: i.excluded for i in found.items["c"]}
    assert excluded == {"f": None, "r": "retracted after today"}
    assert "has-errors" in found.claims["c"].flags
    assert found.claims["c"].verdict == "unverified"


def test_under_as_of_what_came_before_today_is_news_not_an_error() -> None:
    """As of a date, an item after it (but before today) is not yet published, and a
    retraction after it not yet made: no error. What lies after today is one whatever
    the as-of date (CL401 says so of the retraction too)."""
    text = HEAD + LATE + EARLY + RETRACTED
    found = _assessed(text, date(2024, 8, 1), as_of=date(2024, 3, 1))
    excluded = {i.id: i.excluded for i in found.items["c"]}
    assert excluded == {"e": "after as-of date", "f": None, "r": None}
    assert "has-errors" not in found.claims["c"].flags
    found = _assessed(text, TODAY, as_of=date(2024, 3, 1))
    excluded = {i.id: i.excluded for i in found.items["c"]}
    assert excluded == {"e": "dated after today", "f": None, "r": "retracted after today"}
    assert "has-errors" in found.claims["c"].flags
    # as of a date later than today, what lies before that date counts as it would then
    found = _assessed(text, TODAY, as_of=date(2024, 8, 1))
    assert {i.id: i.excluded for i in found.items["c"]} == {
        "e": None,
        "f": None,
        "r": "retracted",
    }
    # a caller that gives no late items (the engine alone) weighs the items as written
    plain = assess_set(_set(text))
    assert {i.id: i.excluded for i in plain.items["c"]} == {"e": None, "f": None, "r": "retracted"}


def test_an_echo_of_a_late_item_does_not_count_either() -> None:
    """A review: an item resting on an item dated 2099 counted, where one resting on an
    item with any other error does not."""
    echo = (
        "  - {id: g, summary: s, source: v, credibility: 2, based_on: [e], stance: {c: supports}}\n"
    )
    found = _assessed(HEAD + LATE + echo, TODAY)
    excluded = {i.id: i.excluded for i in found.items["c"]}
    assert excluded == {"e": "dated after today", "g": "rests on an item with errors"}
    assert found.claims["c"].verdict == "unverified"


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


def test_an_error_the_run_does_not_report_holds_nothing_back(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A review: with CL401 suppressed, `check` said nothing and `summary` still showed
    `has-errors`, naming an error `check` does not report. Suppressed inline or ignored,
    the item counts as written; reported, it holds back the findings that read the
    assessment (CL408 asked to update a verdict the error had capped)."""
    late = LATE.replace("2024-07-01", "2999-01-01").replace("c: supports}}", "c: supports}}")
    recorded = HEAD.replace(
        "statement: X happened.}", "statement: X happened., verdict: supported}"
    )
    write(tmp_path / "l.yaml", recorded + late)
    checked = cli(["check", "--format", "json", "l.yaml"], cwd=tmp_path)
    # CL401 (and the unused source); not CL408 nor CL409, which read the assessment
    assert sorted(d["code"] for d in checked.json()["diagnostics"]) == ["CL401", "CL406"]
    shown = cli(["show", "c", "l.yaml", "--format", "json"], cwd=tmp_path).json()
    assert "has-errors" in shown["claim"]["flags"]
    suppressed = late.replace("}}\n", "}}  # claimlog: ignore[CL401]\n")
    for text, config in ((suppressed, None), (late, 'ignore = ["CL401"]\n')):
        write(tmp_path / "l.yaml", recorded + text)
        if config is not None:
            write(tmp_path / "claimlog.toml", config)
        checked = cli(["check", "--format", "json", "l.yaml"], cwd=tmp_path)
        assert "CL401" not in {d["code"] for d in checked.json()["diagnostics"]}
        shown = cli(["show", "c", "l.yaml", "--format", "json"], cwd=tmp_path).json()
        assert "has-errors" not in shown["claim"]["flags"]
        assert shown["claim"]["verdict"] == "supported"
        assert {i["id"]: i["excluded"] for i in shown["items"]} == {"e": None}


def test_show_does_not_call_a_capped_verdict_stable(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A second analyst: `show` of a claim with errors said no item would change its
    verdict, which its errors cap."""
    write(tmp_path / "l.yaml", HEAD + EARLY + LATE.replace("2024-07-01", "2999-01-01"))
    shown = cli(["show", "c", "l.yaml"], cwd=tmp_path).stdout
    assert "not weighed: the claim's verdict waits on its errors (has-errors)" in shown
    assert "would change the verdict" not in shown
    assert cli(["report", "l.yaml", "-o", "site"], cwd=tmp_path).code == 1  # (the error)
    page = (tmp_path / "site" / "claim-c.html").read_text(encoding="utf-8")
    assert "Not weighed: the claim's verdict waits on its errors (has-errors)." in page
    write(tmp_path / "l.yaml", HEAD + EARLY)
    shown = cli(["show", "c", "l.yaml"], cwd=tmp_path).stdout
    assert "not weighed" not in shown


def test_an_as_of_date_after_today_is_today_for_every_command(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A second analyst: as of 2100-01-01, `check` found nothing and the assessment
    counted an item of 2099, but `summary`, `show`, `matrix` and `report` said the set
    had an error and exited 1."""
    write(tmp_path / "l.yaml", HEAD + EARLY + LATE.replace("2024-07-01", "2099-01-01"))
    as_of = ["--as-of", "2100-01-01"]
    assert cli(["check", *as_of, "l.yaml"], cwd=tmp_path).code == 0
    summary = cli(["summary", *as_of, "l.yaml"], cwd=tmp_path)
    assert (summary.code, summary.stderr) == (0, "")
    shown = cli(["show", "c", *as_of, "l.yaml", "--format", "json"], cwd=tmp_path)
    assert (shown.code, shown.stderr) == (0, "")
    assert {i["id"]: i["excluded"] for i in shown.json()["items"]} == {"e": None, "f": None}
    # as of today, the same item is an error everywhere
    assert cli(["check", "l.yaml"], cwd=tmp_path).code == 1
    assert cli(["summary", "l.yaml"], cwd=tmp_path).code == 1
