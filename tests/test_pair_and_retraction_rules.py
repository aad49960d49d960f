"""CL417 unmarked-pair and CL418 retracted-before-date, beyond their fixtures.

An analyst's review: an item that supports only "staged" of the exhaustive pair
"real"/"staged" left "real" `supported` (not contested) while "staged" read `disputed`;
and an item retracted before its own date passed without a word.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import Run, write

PAIR = """\
groups: [{id: g, exhaustive: true}]
sources: [{id: x, name: X, reliability: B}, {id: y, name: Y, reliability: B}]
claims:
  - {id: real, statement: The killing was real., group: g, prior: 0.7}
  - {id: staged, statement: The killing was staged., group: g, prior: 0.3}
evidence:
  - {id: i1, summary: s, source: x, credibility: 2, stance: {real: supports, staged: refutes}}
  - {id: i2, summary: s, source: y, credibility: 3, stance: {staged: supports}}
"""


def _summary(cli: Callable[..., Run], tmp_path: Path) -> dict[str, tuple[str, float]]:
    out = cli(["summary", "--format", "json", "l.yaml"], cwd=tmp_path).json()
    return {c["id"]: (c["verdict"], c["probability"]) for c in out["claims"]}


def test_the_hint_of_an_unmarked_pair_makes_the_verdicts_agree(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    write(tmp_path / "l.yaml", PAIR)
    (finding,) = [
        d
        for d in cli(["check", "--format", "json", "l.yaml"], cwd=tmp_path).json()["diagnostics"]
        if d["code"] == "CL417"
    ]
    assert (finding["line"], finding["column"]) == (8, 62)  # at `staged:` of i2
    assert finding["hint"].startswith("mark it 'real: refutes' too")
    before = _summary(cli, tmp_path)
    assert (before["real"][0], before["staged"][0]) == ("supported", "disputed")
    write(
        tmp_path / "l.yaml", PAIR.replace("{staged: supports}", "{staged: supports, real: refutes}")
    )
    after = _summary(cli, tmp_path)
    assert (after["real"][0], after["staged"][0]) == ("disputed", "disputed")
    assert {c: p for c, (_, p) in after.items()} == {c: p for c, (_, p) in before.items()}
    codes = {
        d["code"]
        for d in cli(["check", "--format", "json", "l.yaml"], cwd=tmp_path).json()["diagnostics"]
    }
    assert "CL417" not in codes


def test_no_unmarked_pair_for_a_withdrawn_item_or_an_open_group(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    for text in (
        PAIR.replace("stance: {staged: supports}", "retracted: true, stance: {staged: supports}"),
        PAIR.replace("exhaustive: true", "exhaustive: false"),
    ):
        write(tmp_path / "l.yaml", text)
        found = cli(["check", "--format", "json", "l.yaml"], cwd=tmp_path).json()["diagnostics"]
        assert "CL417" not in {d["code"] for d in found}


RETRACTED = """\
sources: [{id: w, name: W, reliability: B}]
claims: [{id: c, statement: S.}]
evidence:
  - {id: e, summary: s, source: w, credibility: 2, date: DATE, retracted: WHEN,
     stance: {c: supports}}
  - {id: f, summary: t, source: w, credibility: 2, stance: {c: supports}}
"""


def test_a_retraction_before_its_date_is_compared_as_instants_when_it_can_be(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A review: 23:00Z read as before 00:30+02:00 the next day, which it is not."""
    cases = [
        ("2024-03-10", "2024-03-09", True),
        ("2024-03-10", "2024-03-10", False),
        ("2024-03-10T00:30:00+02:00", "2024-03-09T23:00:00Z", False),
        ("2024-03-10T00:30:00+02:00", "2024-03-09T22:00:00Z", True),
        ("2024-03-10T00:30:00+02:00", "2024-03-09", True),
    ]
    for when, retracted, reported in cases:
        write(tmp_path / "l.yaml", RETRACTED.replace("DATE", when).replace("WHEN", retracted))
        found = cli(["check", "--format", "json", "l.yaml"], cwd=tmp_path).json()["diagnostics"]
        assert ("CL418" in {d["code"] for d in found}) is reported, (when, retracted)
