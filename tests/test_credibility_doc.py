"""docs/credibility.md works through the sample ledgers: its figures must be the engine's.

The page quotes the assessment of ``ledgers/`` four times: as a 4-decimal table
(between ``<!-- summary-table:start -->`` and ``<!-- summary-table:end -->``), as a table
of the groups and their "none of these" share (``<!-- groups-table:start/end -->``), as
the console output of ``claimlog summary`` (between ``<!-- summary-console:start -->``
and ``<!-- summary-console:end -->``) and in the heading of each claim's defence. When
the engine or the ledgers change, these tests fail until the page is brought up to date.
``PYTHONPATH=src python tests/test_credibility_doc.py`` rewrites the three generated blocks
(the defences' prose is the writer's to update).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimlog.cli import app
from claimlog.credibility import Assessment, GroupAssessment, assess_set
from claimlog.ledgerset import load_set

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "credibility.md"
LEDGERS = ROOT / "ledgers"

TABLE_COLUMNS = [
    "claim",
    "prior",
    "P",
    "for (dB)",
    "against (dB)",
    "uncertainty",
    "verdict",
    "label",
    "contested",
    "for / against",
    "lines",
    "flags",
]

GROUP_COLUMNS = [
    "group",
    "question",
    "exhaustive",
    "claims",
    '"none of these" prior',
    '"none of these" P',
]


def _between(text: str, name: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    assert text.count(start) == 1, f"docs/credibility.md needs exactly one {start}"
    assert text.count(end) == 1, f"docs/credibility.md needs exactly one {end}"
    return text.split(start, 1)[1].split(end, 1)[0]


def _doc_table(
    name: str = "summary-table", columns: list[str] = TABLE_COLUMNS
) -> dict[str, dict[str, str]]:
    """A table of the page: first-column id -> column -> cell."""
    block = _between(DOC.read_text(encoding="utf-8"), name)
    rows = [line for line in block.strip().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert header == columns
    assert set(rows[1].replace("|", "").strip()) <= {"-", ":"}, "second row is the rule"
    out: dict[str, dict[str, str]] = {}
    for row in rows[2:]:
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        assert len(cells) == len(header), row
        record = dict(zip(header, cells, strict=True))
        cid = record[columns[0]].strip("`")
        assert cid not in out, f"{cid} is in the table twice"
        out[cid] = record
    return out


@pytest.fixture(scope="module")
def assessed() -> dict[str, Assessment]:
    return assess_set(load_set([LEDGERS])).claims


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
        shown = {k: row[k] for k in TABLE_COLUMNS[1:] if k not in ("P", "verdict", "label")}
        actual = {
            "prior": f"{a.prior:.4f}",
            "for (dB)": f"{a.weight_for:.2f}",
            "against (dB)": f"{a.weight_against:.2f}",
            "uncertainty": f"{a.uncertainty:.4f}",
            "contested": "yes" if a.contested else "no",
            "for / against": f"{a.supports} / {a.refutes}",
            "lines": str(a.independent_origins),
            "flags": ", ".join(a.flags) or "-",
        }
        if shown != actual:
            stale.append(f"{cid}: the page says {shown}, the engine {actual}")
    assert not stale, "docs/credibility.md is stale:\n" + "\n".join(stale)


def test_the_groups_table_is_the_engines() -> None:
    groups: dict[str, GroupAssessment] = assess_set(load_set([LEDGERS])).groups
    table = _doc_table("groups-table", GROUP_COLUMNS)
    assert sorted(table) == sorted(groups)
    stale = []
    for gid, g in groups.items():
        shown = {k: table[gid][k] for k in GROUP_COLUMNS[1:]}
        actual = {
            "question": g.question or "-",
            "exhaustive": "yes" if g.exhaustive else "no",
            "claims": str(len(g.members)),
            '"none of these" prior': f"{g.residual_prior:.4f}",
            '"none of these" P': f"{g.residual:.4f}",
        }
        if shown != actual:
            stale.append(f"{gid}: the page says {shown}, the engine {actual}")
    assert not stale, "docs/credibility.md is stale:\n" + "\n".join(stale)


def _console_rows(text: str, ids: set[str]) -> dict[str, tuple[str, ...]]:
    """Row key -> (verdict, likelihood, for/against, origins, flags) from a summary
    table, read by the header's column names so that added columns do not break it.
    Rows are the claims', and any "none of these" rows (keyed by their group); a
    cell wrapped over several lines is joined."""
    out: dict[str, tuple[str, ...]] = {}
    header: list[str] | None = None
    group = ""
    record: dict[str, list[str]] | None = None
    key = ""

    def close() -> None:
        if record is not None and header is not None:
            out[key] = tuple(
                " ".join(record.get(name, []))
                for name in ("verdict", "likelihood", "for/against", "origins", "flags")
            )

    for line in text.splitlines():
        if "│" not in line:
            continue
        cells = [cell.strip() for cell in line.strip().strip("│").split("│")]
        if header is None:
            if cells and cells[0] == "claim":
                header = cells
            continue
        if len(cells) == 1:  # a group heading or a statement beneath a row
            close()
            record = None
            if cells[0].startswith("group: "):
                group = cells[0].removeprefix("group: ")
            continue
        if len(cells) != len(header):
            continue
        first = cells[0]
        if first in ids or first.lower().startswith("none of these"):
            close()
            key = first if first in ids else f"{group}: {first}"
            record = {}
        elif first or record is None:
            continue
        for name, cell in zip(header, cells, strict=True):
            if cell:
                record.setdefault(name, []).append(cell)
    close()
    return out


def test_the_console_table_is_what_summary_prints(assessed: dict[str, Assessment]) -> None:
    result = CliRunner().invoke(
        app, ["summary", str(LEDGERS), "--color", "never"], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0, result.output
    printed = _console_rows(result.output, set(assessed))
    assert set(assessed) <= set(printed), "could not read the summary table"
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


def _regenerate() -> None:
    """Rewrite the page's generated blocks from the engine and the real command:
    ``PYTHONPATH=src python tests/test_credibility_doc.py``. The prose around them
    (the defences' figures) is the writer's to check."""
    assessed = assess_set(load_set([LEDGERS]))
    order = [c for g in assessed.groups.values() for c in sorted(g.members)]
    order += sorted(c for c in assessed.claims if c not in order)
    rows = ["| " + " | ".join(TABLE_COLUMNS) + " |", "|" + "---|" * len(TABLE_COLUMNS)]
    for cid in order:
        a = assessed.claims[cid]
        cells = [
            f"`{cid}`",
            f"{a.prior:.4f}",
            f"{a.probability:.4f}",
            f"{a.weight_for:.2f}",
            f"{a.weight_against:.2f}",
            f"{a.uncertainty:.4f}",
            a.verdict,
            a.label,
            "yes" if a.contested else "no",
            f"{a.supports} / {a.refutes}",
            str(a.independent_origins),
            ", ".join(a.flags) or "-",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    groups = ["| " + " | ".join(GROUP_COLUMNS) + " |", "|" + "---|" * len(GROUP_COLUMNS)]
    for gid, g in assessed.groups.items():
        cells = [
            f"`{gid}`",
            g.question or "-",
            "yes" if g.exhaustive else "no",
            str(len(g.members)),
            f"{g.residual_prior:.4f}",
            f"{g.residual:.4f}",
        ]
        groups.append("| " + " | ".join(cells) + " |")
    result = CliRunner().invoke(
        app, ["summary", str(LEDGERS), "--color", "never"], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0, result.output
    console = "```text\n$ claimlog summary\n" + result.output.rstrip("\n") + "\n```"
    text = DOC.read_text(encoding="utf-8")
    for name, body in (
        ("summary-table", "\n".join(rows)),
        ("groups-table", "\n".join(groups)),
        ("summary-console", console),
    ):
        old = _between(text, name)  # exactly one of each marker
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        text = text.replace(start + old + end, f"{start}\n{body}\n{end}")
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    _regenerate()
