"""Dates written wrong name the cause and, where it can be told, the date to write (a
tour: `date: 2015-02-30` got "write YYYY-MM-DD", which it already was; `retracted: 16
Jan 2015` got no hint at all)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from claimlog.validation import date_trouble
from conftest import Run, write

LEDGER = (
    "sources:\n  - {id: s, name: S, reliability: B}\nclaims:\n  - {id: c, statement: S.}\n"
    "evidence:\n  - id: e\n    summary: x\n    source: s\n    date: '%s'\n"
    "    retracted: '%s'\n    stance: {c: supports}\n"
)


@pytest.mark.parametrize(
    ("written", "why", "hint"),
    [
        ("2015-02-30", ": February 2015 has 28 days", "check the day"),
        ("2015-13-01", ": there is no month 13", "write YYYY-MM-DD: the year, the month, the day"),
        ("14/01/2015", "", "write 2015-01-14 (YYYY-MM-DD)"),
        ("16 Jan 2015", "", "write 2015-01-16 (YYYY-MM-DD)"),
        ("2015-1-6", "", "write 2015-01-06 (YYYY-MM-DD)"),  # a review: no hint
        ("2015-13-1", ": there is no month 13", "write YYYY-MM-DD: the year, the month, the day"),
        ("2015-2-30", ": February 2015 has 28 days", "check the day"),
        ("Sept 3, 2015", "", "write 2015-09-03 (YYYY-MM-DD)"),
        (
            "2015-01-16T10:00",
            "",
            "add the offset (+03:00, or Z for UTC), or write the day alone: 2015-01-16",
        ),
    ],
)
def test_date_and_retracted_name_the_cause(
    cli: Callable[..., Run], tmp_path: Path, written: str, why: str, hint: str
) -> None:
    write(tmp_path / "l.yaml", LEDGER % (written, written))
    found = cli(["check", "l.yaml", "--format", "json"], cwd=tmp_path).json()["diagnostics"]
    date, retracted = found
    assert date["code"] == "CL106"
    assert date["message"].endswith(f"'{written}' is not a valid date{why}") or (
        date["message"].endswith(f"'{written}' is not a valid date-time with an offset{why}")
    )
    assert date["hint"] == hint
    assert retracted["code"] == "CL104"
    assert retracted["message"].endswith(f"is not true, false or a date{why}")
    assert retracted["hint"] == hint


def test_a_date_nothing_can_be_told_of_keeps_the_general_hint(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    write(tmp_path / "l.yaml", LEDGER % ("05.06.2015", "last week 2"))
    found = cli(["check", "l.yaml", "--format", "json"], cwd=tmp_path).json()["diagnostics"]
    assert found[0]["hint"] == (
        "write YYYY-MM-DD: is '05.06.2015' day 5 of month 6, or month 5, day 6?"
    )
    assert found[1]["hint"].startswith("a retraction is true, false or the day it was withdrawn")


@given(st.dates(), st.sampled_from(["{d}/{m}/{y}", "{d} {b} {y}", "{B} {d}, {y}"]))
def test_a_suggested_date_is_the_date_meant(day: object, form: str) -> None:
    from datetime import date

    assert isinstance(day, date)
    written = form.format(
        d=day.day, m=day.month, y=day.year, b=day.strftime("%b"), B=day.strftime("%B")
    )
    # a year of fewer than four digits is no date here; 05/06/2015 is ambiguous
    assume(day.year >= 1000 and not (form == "{d}/{m}/{y}" and day.day <= 12))
    _, hint = date_trouble(written)
    assert hint == f"write {day.isoformat()} (YYYY-MM-DD)"


@pytest.mark.parametrize(
    ("written", "said", "hint"),
    [
        ("0000-01-15", "is not a valid date: there is no year 0", "write the year in four"),
        ("2023-02-29T10:00:00", "with an offset: February 2023 has 28 days", "check the day"),
        ("2024-02-30T10:00:00+01:00", "date-time: February 2024 has 29 days", "check the day"),
        ("2024-01-15T25:00:00+01:00", "is not a valid date-time", "write YYYY-MM-DD"),
    ],
)
def test_the_day_of_a_date_time_is_checked_first(
    cli: Callable[..., Run], tmp_path: Path, written: str, said: str, hint: str
) -> None:
    """A review: '0000-01-15' read "January 0 has 31 days"; '2023-02-29T10:00:00' was told
    to write the day alone, 2023-02-29, which does not exist; a date-time with an offset
    was said to lack one."""
    write(tmp_path / "l.yaml", LEDGER.replace("    retracted: '%s'\n", "") % written)
    (found,) = cli(["check", "l.yaml", "--format", "json"], cwd=tmp_path).json()["diagnostics"]
    assert found["message"].endswith(f"'{written}' {said}") or found["message"].endswith(said)
    assert found["hint"].startswith(hint)


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("2024-13-01", "'2024-13-01': there is no month 13"),
        ("2024-02-30", "'2024-02-30': February 2024 has 29 days"),
        ("14/01/2015", "'14/01/2015'; write 2015-01-14"),
        ("2015-1-14", "'2015-1-14'; write 2015-01-14"),  # a review: no hint
        ("2024-01-01T10:00", "'2024-01-01T10:00'; write 2024-01-01"),  # its day
        # with an offset too (a docs audit: no hint, where a ledger's date takes one)
        ("2024-03-22T10:00:00+03:00", "'2024-03-22T10:00:00+03:00'; write 2024-03-22"),
        ("2024-03-22T23:00Z", "'2024-03-22T23:00Z'; write 2024-03-22"),
        ("yesterday", "'yesterday'\n"),
    ],
)
def test_as_of_says_what_is_wrong_with_the_date(
    given: str, why: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tour: '--as-of 2024-13-01' was told to take YYYY-MM-DD, which it is; the month
    is what is wrong. The same in the configuration file."""
    from typer.testing import CliRunner

    from claimlog.cli import app

    (tmp_path / "l.yaml").write_text("claims:\n  - {id: c, statement: S.}\n")
    result = CliRunner().invoke(app, ["summary", "--as-of", given, str(tmp_path)])
    assert result.exit_code == 2
    assert f"--as-of takes a date as YYYY-MM-DD, not {why}" in result.stderr
    (tmp_path / "pyproject.toml").write_text(f'[tool.claimlog]\nas-of = "{given}"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["summary", "l.yaml"])
    assert result.exit_code == 2
    assert f"'as-of' must be a date (YYYY-MM-DD){why.split(chr(39))[-1]}" in result.stderr
