"""CL417 unmarked-pair and CL418 retracted-before-date, beyond their fixtures.

An analyst's review: an item that supports only "staged" of the exhaustive pair
"real"/"staged" left "real" `supported` (not contested) while "staged" read `disputed`;
and an item retracted before its own date passed without a word.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlog.checks import CheckOptions, logic
from conftest import Run, write
from test_credibility import SCALE, Spec, assess_spec, build_set, claim, group, item, ledger, source

OPTIONS = CheckOptions(today=date(2026, 1, 1))

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
    """Nor where the other mark would weigh otherwise (a second analyst: the hint turned
    an accused's denial into support of the rival, 40% to 88%, and a passed hoop test
    into a failed one, 67% to 99.95%), nor for an item that does not count. A party's
    word weighs otherwise on the claim it is a party to than on the other."""
    marked = "stance: {staged: supports}"
    party = PAIR.replace("group: g, prior: 0.3}", "group: g, prior: 0.3, parties: [y-side]}")
    party = party.replace("reliability: B}]", "reliability: B, affiliation: [y-side]}]")
    accused = party.replace("parties: [y-side]}", "parties: [y-side], claimed_by: [x]}")
    for text in (
        PAIR.replace(marked, "retracted: true, " + marked),
        PAIR.replace(marked, "retracted: 2024-06-01, " + marked),
        PAIR.replace(marked, "date: 2999-01-01, " + marked),
        PAIR.replace(marked, "test: hoop, " + marked),
        PAIR.replace(marked, "test: smoking-gun, " + marked),
        party,  # a party's support of its side's claim, none on the other
        accused.replace(marked, "stance: {staged: refutes}"),  # the accused's denial
        PAIR.replace("exhaustive: true", "exhaustive: false"),
    ):
        write(tmp_path / "l.yaml", text)
        found = cli(["check", "--format", "json", "l.yaml"], cwd=tmp_path).json()["diagnostics"]
        assert "CL417" not in {d["code"] for d in found}, text


def test_an_unmarked_pair_is_reported_where_the_claims_name_parties_and_claimants(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A tour: a pair whose claims name parties or a claimant was skipped whole, so two
    unaffiliated experts supporting 'staged' alone made it `supported` while 'real' read
    `unverified`, unflagged (the format tells users to tag parties on every side). An
    item whose speakers have no stake in either claim weighs alike both ways: reported."""
    text = PAIR.replace("group: g, prior: 0.3}", "group: g, prior: 0.3, parties: [y-side]}")
    text = text.replace("group: g, prior: 0.7}", "group: g, prior: 0.7, claimed_by: [x]}")
    write(tmp_path / "l.yaml", text)
    found = cli(["check", "--format", "json", "l.yaml"], cwd=tmp_path).json()["diagnostics"]
    assert [(d["code"], d["line"]) for d in found if d["code"] == "CL417"] == [("CL417", 8)]


def test_a_neutral_mark_on_the_other_answer_is_no_mark(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A second analyst: "supports staged, neutral on real" left real's verdict blind to
    it, and no warning said so."""
    write(
        tmp_path / "l.yaml", PAIR.replace("{staged: supports}", "{staged: supports, real: neutral}")
    )
    found = cli(["check", "--format", "json", "l.yaml"], cwd=tmp_path).json()["diagnostics"]
    (finding,) = [d for d in found if d["code"] == "CL417"]
    assert finding["message"] == (
        "evidence 'i2' supports 'staged' and marks as neutral 'real', the other answer of the "
        "exhaustive group 'g': the verdict of 'real' does not weigh it"
    )
    assert finding["hint"].startswith("mark it 'real: refutes': of two answers")


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


# --- the hint, on random pairs ----------------------------------------------------------

STANCES = ("strongly-supports", "supports", "neutral", "refutes", "strongly-refutes")
MIRROR = dict(zip(STANCES, STANCES[::-1], strict=True))


@st.composite
def pairs(draw: st.DrawFn) -> Spec:
    """An exhaustive pair "a"/"b" and one to four items, each marking one claim, or both
    the two ways, from sources of any grade, straw tests or none, and either prior."""
    n = draw(st.integers(1, 4))
    sources = [source(f"s{k}", draw(st.sampled_from("ABCDEF"))) for k in range(n)]
    evidence = []
    for k in range(n):
        mark = draw(st.sampled_from(STANCES))
        on = draw(st.sampled_from(["a", "b", "both"]))
        # marked on both claims, the second the other way (as the hint asks)
        stance = {"a": mark, "b": MIRROR[mark]} if on == "both" else {on: mark}
        test = draw(st.sampled_from([None, "straw"]))
        evidence.append(item(f"e{k}", f"s{k}", stance, draw(st.integers(1, 6)), test=test))
    prior = draw(st.sampled_from([None, 0.2, 0.5, 0.7]))
    claims = [claim("a", "g"), claim("b", "g")]
    if prior is not None:
        claims[0]["prior"], claims[1]["prior"] = prior, round(1 - prior, 10)
    return ledger(sources, claims, evidence, [group("g", exhaustive=True)])


@settings(deadline=None, max_examples=int(60 * SCALE))
@given(pairs())
def test_following_the_hint_changes_no_probability_and_the_verdicts_agree(spec: Spec) -> None:
    """The second analyst: where the other mark weighs as the first (straw or no test, no
    party or claimant), adding every mark CL417 asks for makes the two verdicts agree:
    one is supported exactly when the other is refuted, and both are disputed together.
    One item alone moves no probability; with others, items that favour one answer and
    were entered against the other now share its pool, where volume saturates (up to 9.5
    points in 1,500 random pairs: docs/credibility.md, honest limits)."""
    ls = build_set({"ledger.yaml": spec})
    hinted = {d.message.split("'")[1]: d.hint for d in logic.unmarked_pairs(ls, OPTIONS)}
    fixed = copy.deepcopy(spec)
    for entry in fixed["evidence"]:
        hint = hinted.get(entry["id"])
        if hint is not None:
            other, mark = hint.split("'")[1].split(": ")
            entry["stance"][other] = mark
    before, after = assess_spec(spec), assess_spec(fixed)
    if len(spec["evidence"]) == 1:
        for cid in ("a", "b"):
            assert after[cid].probability == pytest.approx(before[cid].probability, abs=1e-9)
    assert not list(logic.unmarked_pairs(build_set({"ledger.yaml": fixed}), OPTIONS))
    a, b = after["a"], after["b"]
    assert (a.verdict == "supported") == (b.verdict == "refuted")
    assert (a.verdict == "refuted") == (b.verdict == "supported")
    assert a.contested == b.contested
