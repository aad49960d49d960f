"""An id of the wrong kind (CL201): the message reads as English, and a hint says what
the field wants (a tour: "which is a evidence item, not a source", with no hint where
every other CL201 has one)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import Run, write

LEDGER = """\
sources:
  - {id: s, name: S}
claims:
  - {id: c, statement: C.}
evidence:
  - {id: e, summary: x, source: s, stance: {c: supports}}
  - {id: f, summary: y, source: s, via: [e], based_on: [s], stance: {c: supports}}
"""


def test_an_id_of_another_kind_is_named_with_its_article_and_a_hint(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    write(tmp_path / "a.yaml", LEDGER)
    found = cli(["check", "a.yaml", "--format", "json"], cwd=tmp_path).json()["diagnostics"]
    wrong = [(d["message"], d["hint"]) for d in found if d["code"] == "CL201"]
    assert wrong == [
        (
            "evidence 'f' is relayed via 'e', which is an evidence item, not a source",
            "an id names one entry: give the id of a source here",
        ),
        (
            "evidence 'f' is based on 's', which is a source, not an evidence item",
            "an id names one entry: give the id of an evidence item here",
        ),
    ]


def test_a_claim_asked_for_that_is_no_claim_says_what_it_is(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A tour: `show kyiv-denies` (an item) said only "no claim", and `summary --claim`
    gave no did-you-mean where `show` did."""
    ledgers = str(Path(__file__).resolve().parent.parent / "ledgers")
    cases = {
        ("show", "rbc-ukraine"): "'rbc-ukraine' is a source, not a claim",
        ("show", "kyiv-denies-involvement"): (
            "'kyiv-denies-involvement' is an evidence item, not a claim"
        ),
        ("summary", "--claim", "crocus-by-ukrane"): (
            "no claim 'crocus-by-ukrane' in the ledger set; did you mean 'crocus-by-ukraine'?"
        ),
        ("summary", "--group", "crocus-perpetrato"): (
            "no group 'crocus-perpetrato' in the ledger set; did you mean 'crocus-perpetrator'?"
        ),
        ("graph", "--claim", "rbc-ukraine"): "'rbc-ukraine' is a source, not a claim",
        ("show", "crocus-perpetrator"): (  # a tour: it said "no claim"
            "'crocus-perpetrator' is a group, not a claim: 'claimlog summary --group "
            "crocus-perpetrator' lists its claims, 'claimlog matrix crocus-perpetrator' "
            "weighs them"
        ),
    }
    for args, message in cases.items():
        done = cli([*args, ledgers])
        assert (done.code, done.stderr) == (2, f"claimlog: {message}\n"), args
    # a claim too broken to assess (no statement) is named as such
    write(tmp_path / "b.yaml", "claims:\n  - {id: c2}\n")
    done = cli(["show", "c2", "b.yaml"], cwd=tmp_path)
    assert done.code == 2
    assert done.stderr.endswith(
        "claimlog: claim 'c2' has errors and is not assessed; run 'claimlog check'\n"
    )
