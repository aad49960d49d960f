"""docs/credibility.md works through the sample ledgers: its figures must be the engine's.

The page quotes the assessment of ``ledgers/`` three times: as a 4-decimal table
(between ``<!-- summary-table:start -->`` and ``<!-- summary-table:end -->``), as the
console output of ``claimlog summary`` (between ``<!-- summary-console:start -->`` and
``<!-- summary-console:end -->``) and in the heading of each claim's defence. When the
engine or the ledgers change, these tests fail until the page is brought up to date.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimlog.cli import app
from claimlog.credibility import Assessment, assess
from claimlog.ledgerset import load_set

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "credibility.md"
LEDGERS = ROOT / "ledgers"

TABLE_COLUMNS = [
    "claim",
    "P",
    "belief",
    "disbelief",
    "uncertainty",
    "verdict",
    "label",
    "contested",
    "for / against",
    "lines",
]


def _between(text: str, name: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    assert text.count(start) == 1, f"docs/credibility.md needs exactly one {start}"
    assert text.count(end) == 1, f"docs/credibility.md needs exactly one {end}"
    return text.split(start, 1)[1].split(end, 1)[0]


def _doc_table() -> dict[str, dict[str, str]]:
    """The 4-decimal table of the page: claim id -> column -> cell."""
    block = _between(DOC.read_text(encoding="utf-8"), "summary-table")
    rows = [line for line in block.strip().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert header == TABLE_COLUMNS
    assert set(rows[1].replace("|", "").strip()) <= {"-", ":"}, "second row is the rule"
    out: dict[str, dict[str, str]] = {}
    for row in rows[2:]:
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        assert len(cells) == len(header), row
        record = dict(zip(header, cells, strict=True))
        cid = record["claim"].strip("`")
        assert cid not in out, f"{cid} is in the table twice"
        out[cid] = record
    return out


@pytest.fixture(scope="module")
def assessed() -> dict[str, Assessment]:
    return assess(load_set([LEDGERS]), None)


@pytest.fixture(scope="module")
def table() -> dict[str, dict[str, str]]:
    return _doc_table()


def test_the_table_lists_every_claim_of_the_samples_once(
    table: dict[str, dict[str, str]], assessed: dict[str, Assessment]
) -> None:
    assert sorted(table) == sorted(assessed)


def test_each_probability_verdict_and_label_is_the_engines(
    table: dict[str, dict[str, str]], assessed: dict[str, Assessment]
) -> None:
    stale = []
    for cid, a in assessed.items():
        row = table[cid]
        shown = (row["P"], row["verdict"], row["label"])
        actual = (f"{a.probability:.4f}", a.verdict, a.label)
        if shown != actual:
            stale.append(f"{cid}: the page says {shown}, the engine {actual}")
    assert not stale, "docs/credibility.md is stale:\n" + "\n".join(stale)


def test_the_rest_of_each_row_is_the_engines(
    table: dict[str, dict[str, str]], assessed: dict[str, Assessment]
) -> None:
    stale = []
    for cid, a in assessed.items():
        row = table[cid]
        shown = {k: row[k] for k in TABLE_COLUMNS[2:] if k not in ("verdict", "label")}
        actual = {
            "belief": f"{a.belief:.4f}",
            "disbelief": f"{a.disbelief:.4f}",
            "uncertainty": f"{a.uncertainty:.4f}",
            "contested": "yes" if a.contested else "no",
            "for / against": f"{a.supports} / {a.refutes}",
            "lines": str(a.independent_origins),
        }
        if shown != actual:
            stale.append(f"{cid}: the page says {shown}, the engine {actual}")
    assert not stale, "docs/credibility.md is stale:\n" + "\n".join(stale)


def _console_rows(text: str, ids: set[str]) -> dict[str, tuple[str, ...]]:
    """claim id -> (verdict, likelihood, for/against, origins) from a summary table."""
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("│").split("│")]
        # claim | verdict | likelihood | for/against | origins | flags (statement beneath)
        if len(cells) == 6 and cells[0] in ids:
            out[cells[0]] = (cells[1], cells[2], cells[3], cells[4])
    return out


def test_the_console_table_is_what_summary_prints(assessed: dict[str, Assessment]) -> None:
    result = CliRunner().invoke(
        app, ["summary", str(LEDGERS), "--color", "never"], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0, result.output
    printed = _console_rows(result.output, set(assessed))
    assert sorted(printed) == sorted(assessed), "could not read the summary table"
    block = _between(DOC.read_text(encoding="utf-8"), "summary-console")
    shown = _console_rows(block, set(assessed))
    assert shown == printed, "the summary output in docs/credibility.md is stale"


def test_each_claims_defence_heads_with_its_verdict_and_likelihood(
    assessed: dict[str, Assessment],
) -> None:
    result = CliRunner().invoke(
        app, ["summary", str(LEDGERS), "--color", "never"], env={"COLUMNS": "160"}
    )
    printed = _console_rows(result.output, set(assessed))
    text = DOC.read_text(encoding="utf-8").split("### Claim by claim", 1)[1]
    heading = re.compile(
        r"^\*\*`(?P<id>[a-z0-9-]+)`: (?P<verdict>[a-z]+), "
        r"(?P<likelihood>[a-z ]+ \(\d+%\))\.\*\*",
        flags=re.MULTILINE,
    )
    headings = {m["id"]: (m["verdict"], m["likelihood"]) for m in heading.finditer(text)}
    assert sorted(headings) == sorted(assessed)
    stale = [
        f"{cid}: the page says {headings[cid]}, summary prints {printed[cid][:2]}"
        for cid in assessed
        if headings[cid] != printed[cid][:2]
    ]
    assert not stale, "docs/credibility.md is stale:\n" + "\n".join(stale)
