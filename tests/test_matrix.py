"""``claimlog matrix``: the ACH matrix (ratings, weights, diagnosticity, inconsistency)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimlog.credibility import assess_set
from claimlog.credibility.matrix import SelectionError, build, diagnosticity, select
from claimlog.ledgerset import load_set
from conftest import LEDGERS, REPO, Run, run, write

CROCUS = "crocus-perpetrator"

GROUP_LEDGER = """\
title: Matrix test
sources:
  - id: wire
    name: Wire agency
    reliability: B
  - id: blog
    name: "=HYPERLINK(\\"http://x\\") <script>alert(1)</script> | pipe"
    reliability: D
claims:
  - id: h-one
    statement: "Hypothesis one <b>bold</b> | pipe"
    group: who
  - id: h-two
    statement: Hypothesis two.
    group: who
  - id: lone
    statement: A claim of its own.
evidence:
  - id: both-alike
    summary: Bears alike on both.
    source: wire
    credibility: 2
    stance:
      h-one: supports
      h-two: supports
  - id: against-one
    summary: "=1+1 refutes one"
    source: wire
    credibility: 2
    stance:
      h-one: refutes
  - id: strongly-against-one
    summary: Strongly refutes one.
    source: blog
    credibility: 3
    stance:
      h-one: strongly-refutes
      h-two: neutral
  - id: for-two
    summary: Supports two.
    source: blog
    credibility: 4
    stance:
      h-two: supports
  - id: on-lone
    summary: On the lone claim.
    source: wire
    stance:
      lone: supports
  - id: withdrawn
    summary: A retracted item.
    source: wire
    retracted: true
    stance:
      h-two: refutes
"""


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    write(tmp_path / "ledgers" / "m.yaml", GROUP_LEDGER)
    return tmp_path


def test_crocus_table(cli: Callable[..., Run]) -> None:
    result = cli(["matrix", CROCUS], cwd=REPO)
    assert result.code == 0, result.stderr
    out = result.stdout
    for cid in ("crocus-by-islamic-state", "crocus-by-ukraine", "crocus-by-russian-services"):
        assert cid in out
    assert "inconsistency" in out
    assert "probability" in out
    assert all(len(line) <= 120 for line in out.splitlines())


def test_a_claim_selects_its_group(cli: Callable[..., Run]) -> None:
    by_group = cli(["matrix", CROCUS, "-f", "json"], cwd=REPO).json()
    by_claim = cli(["matrix", "crocus-by-ukraine", "-f", "json"], cwd=REPO).json()
    assert by_group == by_claim
    assert [c["id"] for c in by_group["claims"]] == [
        "crocus-by-islamic-state",
        "crocus-by-russian-services",
        "crocus-by-ukraine",
    ]


def test_unknown_target_is_exit_2_with_a_hint(cli: Callable[..., Run]) -> None:
    result = cli(["matrix", "crocus-perpetrater"], cwd=REPO)
    assert result.code == 2
    assert "did you mean 'crocus-perpetrator'" in result.stderr
    assert result.stdout == ""


def test_json_shape_ratings_and_order(cli: Callable[..., Run], ledger: Path) -> None:
    data = cli(["matrix", "who", "-f", "json"], cwd=ledger).json()
    assert list(data) == ["version", "as_of", "claims", "groups", "items", "excluded"]
    assert list(data["claims"][0]) == [
        "id",
        "statement",
        "group",
        "verdict",
        "label",
        "probability",
        "inconsistency",
        "inconsistent_items",
    ]
    assert data["excluded"] == [{"id": "withdrawn", "reason": "retracted"}]
    items = {i["id"]: i for i in data["items"]}
    assert set(items) == {"both-alike", "against-one", "strongly-against-one", "for-two"}
    # an item that bears alike on every hypothesis does not tell them apart
    assert items["both-alike"]["diagnosticity"] == 0
    ratings = {i["id"]: [c["rating"] for c in i["cells"]] for i in data["items"]}
    assert ratings["both-alike"] == ["C", "C"]
    assert ratings["against-one"] == ["I", "NA"]
    assert ratings["strongly-against-one"] == ["II", "N"]
    assert ratings["for-two"] == ["NA", "C"]
    keys = [(-i["diagnosticity"], i["id"]) for i in data["items"]]
    assert keys == sorted(keys)
    assert data["items"][-1]["id"] == "both-alike"
    # Heuer's score: weights of I ratings, II counting double
    w_i = items["against-one"]["cells"][0]["weight"]
    w_ii = items["strongly-against-one"]["cells"][0]["weight"]
    one, two = data["claims"]
    assert one["inconsistency"] == pytest.approx(w_i + 2 * w_ii, abs=1e-5)
    assert one["inconsistent_items"] == 2
    assert two["inconsistency"] == 0
    assert two["inconsistent_items"] == 0
    assert data["groups"][0]["id"] == "who"
    assert data["groups"][0]["exhaustive"] is False


def test_a_lone_claim_is_its_own_matrix(cli: Callable[..., Run], ledger: Path) -> None:
    data = cli(["matrix", "lone", "-f", "json"], cwd=ledger).json()
    assert [c["id"] for c in data["claims"]] == ["lone"]
    [item] = data["items"]
    # one column: compared with its negation, so the item's own weight of evidence
    assert item["diagnosticity"] == pytest.approx(item["cells"][0]["db"], abs=1e-6)
    assert item["diagnosticity"] > 0
    assert data["groups"] == []


def test_several_targets_join_without_repeats(cli: Callable[..., Run], ledger: Path) -> None:
    data = cli(["matrix", "h-two", "lone", "who", "-f", "json"], cwd=ledger).json()
    assert [c["id"] for c in data["claims"]] == ["h-one", "h-two", "lone"]


def test_diagnosticity_is_the_spread() -> None:
    assert diagnosticity([6.0, 6.0, 6.0]) == 0
    assert diagnosticity([6.0, -3.0, 0.0]) == 9.0
    assert diagnosticity([-4.0]) == 4.0


def test_pure_build_matches_select(ledger: Path) -> None:
    ls = load_set([ledger / "ledgers"])
    assessed = assess_set(ls)
    assert select(ls, ["h-one"]) == ["h-one", "h-two"]
    with pytest.raises(SelectionError, match="did you mean 'who'"):
        select(ls, ["whoo"])
    m = build(assessed, ls, ["h-one", "h-two"])
    assert [c.claim for c in m.columns] == ["h-one", "h-two"]


def test_csv_neutralises_formulas(cli: Callable[..., Run], ledger: Path) -> None:
    result = cli(["matrix", "who", "-f", "csv"], cwd=ledger)
    assert result.code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:4] == ["row", "id", "source", "diagnosticity"]
    assert rows[0][4:8] == ["h-one", "h-one weight", "h-two", "h-two weight"]
    by_id = {r[1]: r for r in rows[1:]}
    assert by_id["against-one"][-1] == "'=1+1 refutes one"
    assert by_id["against-one"][4] == "I"
    assert by_id["against-one"][6] == "NA"
    assert rows[-2][0] == "inconsistency"
    assert rows[-1][0] == "probability"
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value


def test_markdown_escapes_ledger_text(cli: Callable[..., Run], ledger: Path) -> None:
    result = cli(["matrix", "who", "-f", "markdown"], cwd=ledger)
    assert result.code == 0
    assert "<b>" not in result.stdout
    table = [line for line in result.stdout.splitlines() if line.startswith("|")]
    widths = {line.replace("\\|", "").count("|") for line in table}
    assert len(widths) == 1  # every row has the same number of cells
    assert "**inconsistency**" in result.stdout


@pytest.mark.parametrize("width", [30, 40, 60, 80, 100, 160])
def test_table_fits_the_width(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli(["matrix", CROCUS], cwd=REPO)
    assert result.code == 0
    lines = result.stdout.splitlines()
    longest_id = max(len(w) for w in ("crocus-by-islamic-", "crocus-by-russian-", "services"))
    assert all(len(line) <= max(width, longest_id + 2) for line in lines), width
    # ids wrap only after a hyphen: every piece of a wrapped id is a whole piece
    text = result.stdout
    assert "crocus-by-islamic-state" in text or "islamic-" in text
    assert "islamic-st" not in text.replace("islamic-state", "")


def test_as_of_leaves_later_items_out(cli: Callable[..., Run]) -> None:
    data = cli(["matrix", CROCUS, "--as-of", "2024-03-01", "-f", "json"], cwd=REPO).json()
    assert data["as_of"] == "2024-03-01"
    assert {e["reason"] for e in data["excluded"]} <= {"after as-of date", "undated", "retracted"}


def test_path_option(cli: Callable[..., Run], ledger: Path) -> None:
    result = cli(["matrix", "who", "-p", "ledgers/m.yaml", "-f", "json"], cwd=ledger)
    assert result.code == 0
    assert result.json()["claims"]


def test_subprocess(tmp_path: Path) -> None:
    result = run(["matrix", CROCUS, "--path", LEDGERS, "--format", "json"], cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert len(result.json()["claims"]) == 3
    missing = run(["matrix", "nope", "--path", LEDGERS], cwd=tmp_path)
    assert missing.code == 2
    assert "no group or claim 'nope'" in missing.stderr


def test_text_is_the_human_format_and_table_its_alias(cli: Callable[..., Run]) -> None:
    default = cli(["matrix", CROCUS, "-p", LEDGERS])
    text = cli(["matrix", CROCUS, "-p", LEDGERS, "--format", "text"])
    table = cli(["matrix", CROCUS, "-p", LEDGERS, "-f", "table"])
    assert default.code == text.code == table.code == 0
    assert default.stdout == text.stdout == table.stdout
    assert text.stdout.startswith("ACH matrix")
    shown = cli(["matrix", "-h"]).stdout
    assert "<text|json|csv|markdown>" in shown
    assert "[default: text]" in shown


SPIES = "spies-video-authenticity"


def test_a_path_given_as_a_target_is_read(cli: Callable[..., Run], tmp_path: Path) -> None:
    """Every other command takes paths as arguments (a tour: `matrix video-authenticity
    ledgers` was "no group or claim 'ledgers' ... give paths with -p/--path")."""
    by_option = cli(["matrix", SPIES, "-p", str(LEDGERS)], cwd=tmp_path)
    by_argument = cli(["matrix", SPIES, str(LEDGERS)], cwd=tmp_path)
    first = cli(["matrix", str(LEDGERS), SPIES], cwd=tmp_path)
    assert by_option.code == by_argument.code == first.code == 0, by_argument.stderr
    assert by_argument.stdout == by_option.stdout == first.stdout
    assert "spies-killing-staged" in by_argument.stdout
    relative = cli(["matrix", SPIES, "ledgers", "-f", "json"], cwd=REPO)
    assert relative.code == 0, relative.stderr
    assert [c["id"] for c in relative.json()["claims"]] == [
        "spies-killing-real",
        "spies-killing-staged",
    ]


def test_paths_as_arguments_join_the_path_option(cli: Callable[..., Run], ledger: Path) -> None:
    write(ledger / "other" / "o.yaml", "claims:\n  - id: other-claim\n    statement: O.\n")
    data = cli(["matrix", "who", "other-claim", "other", "-p", "ledgers", "-f", "json"], cwd=ledger)
    assert [c["id"] for c in data.json()["claims"]] == ["h-one", "h-two", "other-claim"]


def test_an_id_that_is_also_a_path_stays_an_id(cli: Callable[..., Run], ledger: Path) -> None:
    """A file named like a group (an earlier `matrix who -o who`) does not hide it."""
    write(ledger / "who", "not a ledger\n")
    done = cli(["matrix", "who", "-f", "json"], cwd=ledger)
    assert done.code == 0, done.stderr
    assert [c["id"] for c in done.json()["claims"]] == ["h-one", "h-two"]


def test_an_argument_neither_id_nor_path_is_still_unknown(
    cli: Callable[..., Run], ledger: Path
) -> None:
    done = cli(["matrix", "whoo", "ledgers"], cwd=ledger)
    assert done.code == 2
    assert done.stderr == (
        "claimlog: no group or claim 'whoo' in the ledger set; did you mean 'who'?\n"
    )
    assert done.stdout == ""


def test_a_misspelt_path_is_named_as_a_missing_file(cli: Callable[..., Run], ledger: Path) -> None:
    """A review: `matrix g nosuch.yaml` (no ledgers/ here) said "no paths given", though
    a file was named."""
    done = cli(["matrix", "who", "ledgers/nosuch.yaml"], cwd=ledger)
    assert done.code == 2
    assert done.stderr == "claimlog: no such file or folder: ledgers/nosuch.yaml\n"


def test_help_names_paths_as_arguments(cli: Callable[..., Run]) -> None:
    shown = " ".join(cli(["matrix", "-h"]).stdout.split())
    assert "GROUP|CLAIM|PATH..." in shown
    assert "names no group or claim but a file or folder" in shown


def test_subprocess_with_a_path_argument(tmp_path: Path) -> None:
    result = run(["matrix", SPIES, LEDGERS, "--format", "json"], cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert len(result.json()["claims"]) == 2
    missing = run(["matrix", "video-authenticity", LEDGERS], cwd=tmp_path)
    assert missing.code == 2
    assert missing.stderr.startswith("claimlog: no group or claim 'video-authenticity'")
    assert "did you mean 'spies-video-authenticity'?" in missing.stderr
    assert "-p/--path" not in missing.stderr


def _top(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("┌"))


def test_piped_table_keeps_its_width_unless_columns_are_given(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Piped with no $COLUMNS: as before, only as wide as the columns need (summaries
    cut there); with $COLUMNS, the summaries use the width as in a terminal."""
    monkeypatch.delenv("COLUMNS", raising=False)
    piped = cli(["matrix", SPIES, "-p", LEDGERS]).stdout
    assert len(_top(piped)) < 100
    assert any(line.endswith("... │") for line in piped.splitlines())
    monkeypatch.setenv("COLUMNS", "160")
    wide = cli(["matrix", SPIES, "-p", LEDGERS]).stdout
    assert len(_top(wide)) == 160
    assert all(len(line) <= 160 for line in wide.splitlines())
    summary = "Kommersant noted that neither man, both of whom said they were Muslims, pr"
    assert summary + "ayed" in wide


def _fitted(m: Any, width: int) -> list[int] | None:
    """The table's column widths the plain way: one character at a time off the column
    with the most to spare (the first of equals), each time scanning every column."""
    from claimlog.render.common import cell_width as _width
    from claimlog.render.common import pieces as _pieces
    from claimlog.render.matrix import _FIRST, _MIN_CELL
    from claimlog.render.safe import literal

    ids = [literal(r.item) for r in m.rows]
    claims = [literal(c.claim) for c in m.columns]
    first = len(_FIRST[0])
    natural = [max([first] + [min(_width(i), 40) for i in ids]), 5]
    least = [max([first] + [_width(p) for i in ids for p in _pieces(i)]), 5]
    for cid in claims:
        natural.append(max(_MIN_CELL, min(_width(cid), 30)))
        least.append(max([_MIN_CELL] + [_width(p) for p in _pieces(cid)]))
    widths = [max(n, lo) for n, lo in zip(natural, least, strict=True)]
    for _ in range(sum(widths) + 3 * len(widths) + 1 - width):
        slack = [w - lo for w, lo in zip(widths, least, strict=True)]
        k = max(range(len(widths)), key=lambda j: (slack[j], -j))
        if slack[k] <= 0:
            return None
        widths[k] -= 1
    return widths


_IDS = st.lists(st.sampled_from(["a", "bb", "ccc-dd", "x" * 12]), min_size=1, max_size=6).map(
    "-".join
)


@given(st.lists(_IDS, min_size=1, max_size=4), st.lists(_IDS, max_size=14), st.integers(20, 300))
def test_columns_are_narrowed_as_the_plain_way_narrows_them(
    items: list[str], claims: list[str], width: int
) -> None:
    """From a heap now: a group of 4,000 claims scanned every column per character
    (23 s)."""
    from types import SimpleNamespace

    from claimlog.render.matrix import _fit

    m = SimpleNamespace(
        rows=[SimpleNamespace(item=i) for i in items],
        columns=[SimpleNamespace(claim=c) for c in claims],
    )
    assert _fit(m, width) == _fitted(m, width)  # type: ignore[arg-type]
