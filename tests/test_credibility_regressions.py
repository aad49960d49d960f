"""Regressions of the credibility engine found by the property campaign, and fixed:

1-2. An item supporting several rivals of a group lowered the claim it supports (and a
     better grade lowered it more): supporting several claims now says "one of these",
     spread over them as the evidence stands, so it favours none of them.
3.   Copies through sources joined by derived_from, graded differently, moved the
     probability more than a quarter of the way toward independence: a derived source
     now carries its origin's reliability and counts as a relay.
4.   Rounding to 4 decimals hid a real rise above a high prior: 6 decimals now.
5.   summary --format csv wrote raw escape sequences from ledger text.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from claimlog.cli import app
from test_credibility import claim, extend, item, ledger, lone, prob, source

# --------------------------------------------------------------------------------------
# BUG 1 (property 3, items with stances on several claims of one group)
#
# credibility.md: "adding an independent supporting item never lowers the probability".
# Group g = {c0, c1}. One A/1 item strongly supports c0 -> P(c0) = 0.8651.
# Add an independent item (new A source, credibility 1) that strongly supports c0
# (and also strongly supports c1): P(c0) drops to 0.711.
# With "supports c0, strongly-supports c1" it drops to 0.6406.
# Expected: P(c0) >= 0.8651. Actual: 0.711 (resp. 0.6406).

BASE = ledger(
    [source("s0", "A"), source("s1", "A")],
    [claim("c0", "g"), claim("c1", "g")],
    [item("e0", "s0", {"c0": "strongly-supports"}, 1)],
)


def test_bug1_item_supporting_two_rivals_lowers_the_claim_it_supports() -> None:
    before = prob(BASE, "c0")
    after = prob(
        extend(
            BASE,
            evidence=[item("e1", "s1", {"c0": "strongly-supports", "c1": "strongly-supports"}, 1)],
        ),
        "c0",
    )
    assert after >= before, (before, after)  # 0.8651 -> 0.711


def test_bug1b_supports_c0_strongly_supports_c1() -> None:
    before = prob(BASE, "c0")
    after = prob(
        extend(BASE, evidence=[item("e1", "s1", {"c0": "supports", "c1": "strongly-supports"}, 1)]),
        "c0",
    )
    assert after >= before, (before, after)  # 0.8651 -> 0.6406


# --------------------------------------------------------------------------------------
# BUG 2 (property 3, grade) - same root cause.
# credibility.md: "A better source grade never weakens an item's pull in its own direction."
# The item e1 strongly supports c0 (and c1). Its source graded A gives P(c0) = 0.711;
# graded B gives 0.726: the better grade pulls c0 *down* further.


def test_bug2_better_grade_weakens_support_of_a_multi_claim_item() -> None:
    def p(grade: str) -> float:
        spec = extend(
            BASE,
            [source("s2", grade)],
            [item("e1", "s2", {"c0": "strongly-supports", "c1": "strongly-supports"}, 1)],
        )
        return prob(spec, "c0")

    assert p("A") >= p("B"), (p("A"), p("B"))  # 0.711 < 0.726


# --------------------------------------------------------------------------------------
# BUG 3 (property 4, derived_from with outlets of different grades)
# wire (B); outlet x (C) and outlet y (A) both derived_from wire; one item each,
# strongly-supports, credibility 1, lone claim, prior 0.5.
# one copy (x only) 0.8154; both copies 0.8441; two independent sources (C, A) 0.9077.
# The copies move P 0.31 of the way from one copy toward independence (limit 0.25),
# because a line is the *average* of its items: a strong copy added to a weak one
# lifts P a lot. (With equal grades, or one relay per copy, the bound holds.)


def test_bug3_derived_copies_of_unequal_grade_exceed_a_quarter() -> None:
    base = ledger(
        [
            source("wire", "B"),
            source("x", "C", derived_from=["wire"]),
            source("y", "A", derived_from=["wire"]),
            source("fx", "C"),
            source("fy", "A"),
        ],
        [lone()],
    )
    one = prob(extend(base, evidence=[item("ex", "x", {"c": "strongly-supports"}, 1)]), "c")
    many = prob(
        extend(
            base,
            evidence=[
                item("ex", "x", {"c": "strongly-supports"}, 1),
                item("ey", "y", {"c": "strongly-supports"}, 1),
            ],
        ),
        "c",
    )
    independent = prob(
        extend(
            base,
            evidence=[
                item("ex", "fx", {"c": "strongly-supports"}, 1),
                item("ey", "fy", {"c": "strongly-supports"}, 1),
            ],
        ),
        "c",
    )
    assert abs(many - one) <= 0.25 * abs(independent - one), (one, many, independent)


# --------------------------------------------------------------------------------------
# BUG 4 (property 9, rounding) - minor.
# "a claim with only supporting evidence leans above its prior". Lone claim, prior
# 0.999, one F/6 'supports' item: exact P = 0.999032..., shown (rounded down to 4
# decimals) 0.999 == prior. Same for prior 0.9999. Rounding down hides a rise.


def test_bug4_support_on_a_high_prior_does_not_show() -> None:
    spec = ledger([source("s", "F")], [lone(0.999)], [item("e", "s", {"c": "supports"}, 6)])
    assert prob(spec, "c") > 0.999


# --------------------------------------------------------------------------------------
# BUG 5 (summary --format csv): raw escape sequences from ledger text reach stdout.
# Brief: "rich markup / escape sequences in a statement are shown literally (no raw ESC
# byte in output)". table, markdown, json and show are safe; csv writes the statement
# (and id/group/flags) unfiltered, so a ledger can clear the screen or retitle the
# terminal of whoever runs `claimlog summary --format csv`.


def test_bug5_csv_has_no_raw_escape(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "l.yaml").write_text(
        'title: t\nclaims:\n  - id: c\n    statement: "[bold]x[/bold] \\e[2J \\e]0;pwned\\a"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["summary", "l.yaml", "--format", "csv"])
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
