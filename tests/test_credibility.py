"""Properties 1-10 of the credibility assessment (design/credibility.md, version 2), as
tests. Version 2 changed what some of them say: groups are open unless declared
exhaustive (no-evidence priors 1/(n+1), "none of these" keeps the rest); F and 6 mean
unknown, not worse (grades are ordered A-E and 1-5, with F >= E and 6 >= 5); the
contributions add up to the move from the prior instead of being leave-one-out
differences. Properties 11-17, and 1-10 on version 2 inputs, are in
tests/test_credibility_v2.py.

Ledgers are built as YAML text and go through the real pipeline (``load_text`` ->
``build_file`` -> ``LedgerSet.from_files`` -> ``assess``), so what is tested is what
users get. Random ledgers come from the Hypothesis strategies below; every strategy
produces ledgers without schema findings (checked by :func:`build_set`).
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimlog.cli import app
from claimlog.credibility import Assessed, Assessment, assess, assess_set
from claimlog.credibility.explain import contributions
from claimlog.credibility.tables import PRIOR_LABEL
from claimlog.ledgerset import LedgerSet
from claimlog.loader import LoadedFile, load_text
from claimlog.validation import build_file

Spec = dict[str, Any]
"""A ledger file as plain data: {"sources": [...], "claims": [...], "evidence": [...]}."""

KINDS = ("sources", "claims", "evidence", "groups")
GRADES = "ABCDEF"
CREDIBILITIES = (1, 2, 3, 4, 5, 6)
KNOWN_GRADES = "ABCDE"
"""Source grades in order, best first. F ("cannot be judged") is unknown, not worse
than E: it has no place in this order, only F >= E (tested on its own)."""
KNOWN_CREDIBILITIES = (1, 2, 3, 4, 5)
"""Information grades in order, best first; 6 ("cannot be judged") only 6 >= 5."""
SUPPORTING = ("strongly-supports", "supports")
REFUTING = ("refutes", "strongly-refutes")
DIRECTIONAL = SUPPORTING + REFUTING
STANCES = ("strongly-supports", "supports", "neutral", "refutes", "strongly-refutes")
TAGS = ("party-a", "party-b")
DATES = ("2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05")
FILE_NAMES = ("a.yaml", "b.yml", "z/c.yaml", "m/n/d.yaml", "0.yaml")

SCALE = float(os.environ.get("CLAIMLOG_PROPERTY_SCALE", "1"))
"""Multiply the number of examples (e.g. 50 for a long hunt; the default keeps the file
under 30 s)."""
FAST = settings(
    deadline=None, max_examples=int(50 * SCALE), suppress_health_check=[HealthCheck.too_slow]
)
QUICK = settings(
    deadline=None, max_examples=int(30 * SCALE), suppress_health_check=[HealthCheck.too_slow]
)


# --------------------------------------------------------------------------------------
# Building ledgers


_PLAIN_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML one


def _block(value: Any, indent: int) -> list[str]:
    """Block-style YAML lines of plain data (dicts, lists, text, ints, booleans)."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, v in value.items():
            k = key if _PLAIN_KEY.match(key) else json.dumps(key)
            if isinstance(v, dict | list) and v:
                lines.append(f"{pad}{k}:")
                lines += _block(v, indent + 2)
            elif isinstance(v, dict | list):
                lines.append(f"{pad}{k}: {json.dumps(v)}")
            else:
                lines.append(f"{pad}{k}: {_scalar(v)}")
    else:
        for v in value:
            if isinstance(v, dict | list) and v:
                inner = _block(v, indent + 2)
                inner[0] = f"{pad}- {inner[0][indent + 2 :]}"
                lines += inner
            else:
                lines.append(f"{pad}- {_scalar(v)}")
    return lines


def to_yaml(spec: Spec) -> str:
    """A ledger file's YAML text (block style; the YAML emitter is too slow for
    thousands of random ledgers)."""
    return "\n".join(_block(spec, 0)) + "\n" if spec else "{}\n"


def build_set(files: Mapping[str, Spec | str]) -> LedgerSet:
    """A ledger set from {path: spec or YAML text}, through the real loader and models."""
    models = []
    loaded: dict[str, LoadedFile] = {}
    for path, content in files.items():
        text = content if isinstance(content, str) else to_yaml(content)
        file = load_text(text, path)
        loaded[path] = file
        models.append(build_file(file))
    ls = LedgerSet.from_files(models, loaded)
    problems = [d.message for d in ls.file_diagnostics]
    assert not problems, f"test ledger is not valid: {problems}"
    return ls


def assess_spec(spec: Spec, as_of: date | None = None) -> dict[str, Assessment]:
    return assess(build_set({"ledger.yaml": spec}), as_of)


def assess_full(spec: Spec, as_of: date | None = None) -> Assessed:
    """Everything the engine found (claims, groups, what explains them)."""
    return assess_set(build_set({"ledger.yaml": spec}), as_of)


def contribution_sum(assessed: Assessed, cid: str) -> float:
    return math.fsum(c.points for c in contributions(assessed, cid))


def source(
    sid: str,
    reliability: str = "F",
    affiliation: Sequence[str] = (),
    derived_from: Sequence[str] = (),
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": sid, "name": f"Source {sid}", "reliability": reliability}
    if affiliation:
        out["affiliation"] = list(affiliation)
    if derived_from:
        out["derived_from"] = list(derived_from)
    return out


def claim(
    cid: str,
    group: str | None = None,
    prior: float | str | None = None,
    parties: Sequence[str] = (),
    claimed_by: Sequence[str] = (),
    verdict: str | None = None,
    statement: str | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": cid, "statement": statement or f"Claim {cid} is true."}
    if group is not None:
        out["group"] = group
    if prior is not None:
        out["prior"] = str(prior)
    if parties:
        out["parties"] = list(parties)
    if claimed_by:
        out["claimed_by"] = list(claimed_by)
    if verdict is not None:
        out["verdict"] = verdict
    return out


def item(
    eid: str,
    src: str,
    stance: Mapping[str, str],
    credibility: int = 6,
    via: Sequence[str] = (),
    day: str | None = None,
    retracted: bool | str = False,
    test: str | None = None,
    based_on: Sequence[str] = (),
    quote: str | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": eid,
        "summary": f"Item {eid}.",
        "source": src,
        "stance": dict(stance),
        "credibility": credibility,
    }
    if via:
        out["via"] = list(via)
    if day is not None:
        out["date"] = day
    if retracted:
        out["retracted"] = retracted
    if test is not None:
        out["test"] = test
    if based_on:
        out["based_on"] = list(based_on)
    if quote is not None:
        out["quote"] = quote
    return out


def group(gid: str, exhaustive: bool = False, question: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": gid, "exhaustive": exhaustive}
    if question is not None:
        out["question"] = question
    return out


def ledger(
    sources: Sequence[dict[str, Any]] = (),
    claims: Sequence[dict[str, Any]] = (),
    evidence: Sequence[dict[str, Any]] = (),
    groups: Sequence[dict[str, Any]] = (),
) -> Spec:
    spec: Spec = {"title": "Test ledger"}
    if sources:
        spec["sources"] = [dict(s) for s in sources]
    if claims:
        spec["claims"] = [dict(c) for c in claims]
    if evidence:
        spec["evidence"] = [dict(e) for e in evidence]
    if groups:
        spec["groups"] = [dict(g) for g in groups]
    return spec


def extend(spec: Spec, sources: Sequence[Any] = (), evidence: Sequence[Any] = ()) -> Spec:
    """A copy of ``spec`` with more sources and evidence items."""
    return ledger(
        [*spec.get("sources", []), *sources],
        spec.get("claims", []),
        [*spec.get("evidence", []), *evidence],
        spec.get("groups", []),
    )


def without_item(spec: Spec, eid: str) -> Spec:
    return ledger(
        spec.get("sources", []),
        spec.get("claims", []),
        [e for e in spec.get("evidence", []) if e["id"] != eid],
        spec.get("groups", []),
    )


def prob(spec: Spec, cid: str, as_of: date | None = None) -> float:
    return assess_spec(spec, as_of)[cid].probability


def lone(prior: float | None = None, parties: Sequence[str] = ()) -> dict[str, Any]:
    return claim("c", prior=prior, parties=parties)


# --------------------------------------------------------------------------------------
# Strategies

priors2 = st.integers(1, 99).map(lambda n: n / 100)
"""Priors with two decimals: a move of one unit in the fourth decimal is visible."""


@st.composite
def ledgers(
    draw: st.DrawFn,
    max_sources: int = 5,
    max_claims: int = 4,
    max_items: int = 7,
    groups: Sequence[str | None] = (None, "g1", "g2"),
    with_priors: bool = True,
    dated: bool = False,
    retractions: bool = True,
    cycles: bool = True,
    echoes: bool = True,
) -> Spec:
    """A random valid ledger: sources s0.., claims c0.., items e0.. (with ``echoes``, an
    item may rest on earlier ones: ``based_on``)."""
    n_src = draw(st.integers(1, max_sources))
    sids = [f"s{i}" for i in range(n_src)]
    sources = []
    for i, sid in enumerate(sids):
        pool = [s for s in sids if s != sid] if cycles else sids[:i]
        derived = draw(st.lists(st.sampled_from(pool), unique=True, max_size=2)) if pool else []
        sources.append(
            source(
                sid,
                draw(st.sampled_from(GRADES)),
                draw(st.lists(st.sampled_from(TAGS), unique=True, max_size=2)),
                derived,
            )
        )
    n_claims = draw(st.integers(1, max_claims))
    cids = [f"c{i}" for i in range(n_claims)]
    claims = []
    for cid in cids:
        claims.append(
            claim(
                cid,
                group=draw(st.sampled_from(groups)),
                prior=draw(st.none() | priors2) if with_priors else None,
                parties=draw(st.lists(st.sampled_from(TAGS), unique=True, max_size=2)),
                claimed_by=draw(st.lists(st.sampled_from(sids), unique=True, max_size=2)),
                verdict=draw(st.sampled_from([None, "supported", "refuted", "unverified"])),
            )
        )
    n_items = draw(st.integers(0, max_items))
    evidence = []
    for i in range(n_items):
        origin = draw(st.sampled_from(sids))
        others = [s for s in sids if s != origin]
        via = draw(st.lists(st.sampled_from(others), unique=True, max_size=2)) if others else []
        on = draw(st.lists(st.sampled_from(cids), unique=True, min_size=1, max_size=3))
        stance = {cid: draw(st.sampled_from(STANCES)) for cid in on}
        rests = (
            draw(st.lists(st.sampled_from([f"e{j}" for j in range(i)]), unique=True, max_size=2))
            if echoes and i
            else []
        )
        evidence.append(
            item(
                f"e{i}",
                origin,
                stance,
                credibility=draw(st.sampled_from(CREDIBILITIES)),
                via=via,
                day=draw(st.sampled_from(DATES))
                if dated
                else draw(st.none() | st.sampled_from(DATES)),
                retracted=draw(st.booleans()) if retractions else False,
                based_on=rests,
            )
        )
    return ledger(sources, claims, evidence)


# --------------------------------------------------------------------------------------
# 1. Deterministic, and independent of entry order and file layout


@FAST
@given(spec=ledgers(), data=st.data())
def test_1_independent_of_entry_order_and_file_layout(spec: Spec, data: st.DataObject) -> None:
    base = assess_spec(spec)
    assert list(assess_spec(spec).items()) == list(base.items()), "not deterministic"

    entities = [(kind, e) for kind in KINDS for e in spec.get(kind, [])]
    shuffled = data.draw(st.permutations(entities))
    names = data.draw(st.lists(st.sampled_from(FILE_NAMES), unique=True, min_size=1, max_size=4))
    files: dict[str, Spec] = {}
    for kind, entity in shuffled:
        # Shuffle the keys of the entity and of its stance mapping too.
        keys = data.draw(st.permutations(list(entity)))
        moved = {k: entity[k] for k in keys}
        if "stance" in moved:
            order = data.draw(st.permutations(list(moved["stance"])))
            moved["stance"] = {c: entity["stance"][c] for c in order}
        files.setdefault(data.draw(st.sampled_from(names)), {}).setdefault(kind, []).append(moved)
    again = assess(build_set(files))
    assert list(again.items()) == list(base.items())


@QUICK
@given(spec=ledgers(dated=True), as_of=st.sampled_from(DATES), data=st.data())
def test_1_as_of_assessment_independent_of_layout(
    spec: Spec, as_of: str, data: st.DataObject
) -> None:
    cutoff = date.fromisoformat(as_of)
    base = assess_spec(spec, cutoff)
    split: dict[str, Spec] = {}
    for kind in KINDS:
        for entity in reversed(spec.get(kind, [])):
            split.setdefault(data.draw(st.sampled_from(FILE_NAMES)), {}).setdefault(
                kind, []
            ).append(entity)
    assert list(assess(build_set(split), cutoff).items()) == list(base.items())


# --------------------------------------------------------------------------------------
# 2. No evidence: probability equals the prior, verdict 'unverified'


def test_2_no_evidence_default_prior_is_one_half() -> None:
    a = assess_spec(ledger([source("s")], [lone()]))["c"]
    assert a.probability == 0.5
    assert a.verdict == "unverified"
    assert "no-evidence" in a.flags
    assert a.label == PRIOR_LABEL  # the prior, not a finding: no likelihood word


@FAST
@given(spec=ledgers(), as_of=st.none() | st.sampled_from(DATES))
def test_2_claims_without_counted_evidence_say_prior_only(spec: Spec, as_of: str | None) -> None:
    """A claim on which no counted item takes a side (nor on any rival of its group) is
    at its prior, unverified, and worded as the prior."""
    cutoff = None if as_of is None else date.fromisoformat(as_of)
    assert_unmoved_claims_sit_at_their_prior(assess_spec(spec, cutoff))


def assert_unmoved_claims_sit_at_their_prior(result: dict[str, Assessment]) -> None:
    """Every claim on which no counted item takes a side, nor on any rival of its
    group, is at its prior, unverified, and worded as the prior (property 2)."""

    def moved(a: Assessment) -> bool:
        return any(i.counted and i.stance != "neutral" for i in a.items)

    for a in result.values():
        rivals = [r for r in result.values() if a.group is not None and r.group == a.group]
        if not moved(a) and not any(moved(r) for r in rivals):
            assert a.probability == pytest.approx(a.prior, rel=0, abs=1e-9)
            assert a.verdict == "unverified"
            assert a.label == PRIOR_LABEL
            assert "no-evidence" in a.flags
            assert a.probability == pytest.approx(a.prior, abs=1e-9)


@FAST
@given(prior=st.integers(1, 9999).map(lambda n: n / 10_000))
def test_2_no_evidence_given_prior(prior: float) -> None:
    a = assess_spec(ledger([source("s")], [lone(prior)]))["c"]
    assert a.probability == pytest.approx(prior, abs=1e-9)
    assert a.verdict == "unverified"


@FAST
@given(n=st.integers(2, 7), declared=st.booleans())
def test_2_no_evidence_in_open_group_of_n_is_one_over_n_plus_one(n: int, declared: bool) -> None:
    """An open group (undeclared, or declared without ``exhaustive``): each claim and
    "none of these" share the prior equally."""
    spec = ledger(
        [source("s")],
        [claim(f"c{i}", group="g") for i in range(n)],
        groups=[group("g")] if declared else [],
    )
    assessed = assess_full(spec)
    for a in assessed.claims.values():
        assert a.probability == pytest.approx(1 / (n + 1), rel=0, abs=1e-9)
        assert a.prior == pytest.approx(1 / (n + 1), rel=0, abs=1e-9)
        assert a.verdict == "unverified"
        assert a.label == PRIOR_LABEL
    assert assessed.groups["g"].residual == pytest.approx(1 / (n + 1), rel=0, abs=1e-9)
    assert assessed.groups["g"].exhaustive is False


@FAST
@given(n=st.integers(2, 7))
def test_2_no_evidence_in_exhaustive_group_of_n_is_one_over_n(n: int) -> None:
    spec = ledger(
        [source("s")],
        [claim(f"c{i}", group="g") for i in range(n)],
        groups=[group("g", exhaustive=True)],
    )
    assessed = assess_full(spec)
    for a in assessed.claims.values():
        assert a.probability == pytest.approx(1 / n, rel=0, abs=1e-9)
        assert a.verdict == "unverified"
        assert a.label == PRIOR_LABEL
    assert assessed.groups["g"].residual == 0


@FAST
@given(priors=st.lists(st.integers(1, 20), min_size=2, max_size=5))
def test_2_no_evidence_in_group_with_given_priors(priors: list[int]) -> None:
    spec = ledger(
        [source("s")], [claim(f"c{i}", group="g", prior=p / 100) for i, p in enumerate(priors)]
    )
    result = assess_spec(spec)
    for i, p in enumerate(priors):
        assert result[f"c{i}"].probability == pytest.approx(p / 100, abs=1e-9)
        assert result[f"c{i}"].verdict == "unverified"


@FAST
@given(
    prior=st.none() | priors2,
    grade=st.sampled_from(GRADES),
    credibility=st.sampled_from(CREDIBILITIES),
    stance=st.sampled_from(DIRECTIONAL),
)
def test_2_neutral_retracted_and_later_items_are_no_evidence(
    prior: float | None, grade: str, credibility: int, stance: str
) -> None:
    spec = ledger(
        [source("s", grade)],
        [lone(prior)],
        [
            item("neutral", "s", {"c": "neutral"}, credibility, day="2024-03-01"),
            item("gone", "s", {"c": stance}, credibility, day="2024-03-01", retracted=True),
            item("later", "s", {"c": stance}, credibility, day="2024-03-05"),
        ],
    )
    a = assess_spec(spec, date(2024, 3, 2))["c"]
    assert a.probability == pytest.approx(0.5 if prior is None else prior, abs=1e-9)
    assert a.verdict == "unverified"
    assert "no-evidence" in a.flags
    assert a.label == PRIOR_LABEL


# --------------------------------------------------------------------------------------
# 3. Monotone


@FAST
@given(
    spec=ledgers(),
    data=st.data(),
    grade=st.sampled_from(GRADES),
    credibility=st.sampled_from(CREDIBILITIES),
    stance=st.sampled_from(DIRECTIONAL),
    affiliation=st.lists(st.sampled_from(TAGS), unique=True, max_size=2),
)
def test_3_adding_an_independent_item_is_monotone(
    spec: Spec,
    data: st.DataObject,
    grade: str,
    credibility: int,
    stance: str,
    affiliation: list[str],
) -> None:
    target = data.draw(st.sampled_from([c["id"] for c in spec["claims"]]))
    relays = data.draw(
        st.lists(st.sampled_from([s["id"] for s in spec["sources"]]), unique=True, max_size=2)
    )
    before = prob(spec, target)
    after_spec = extend(
        spec,
        [source("new-origin", grade, affiliation)],
        [item("new-item", "new-origin", {target: stance}, credibility, relays)],
    )
    after = prob(after_spec, target)
    if stance in SUPPORTING:
        assert after >= before
    else:
        assert after <= before


def _pull_pair(
    spec: Spec,
    target: str,
    stance: str,
    better: tuple[str, int, str],
    worse: tuple[str, int, str],
    derived: list[str],
) -> tuple[float, float]:
    """P of ``target`` with one fresh item graded ``better`` and ``worse`` ((origin grade,
    credibility, relay grade)); the origin may derive from existing sources (same line)."""
    out = []
    for grade, credibility, relay_grade in (better, worse):
        ext = extend(
            spec,
            [
                source("fresh-origin", grade, derived_from=derived),
                source("fresh-relay", relay_grade),
            ],
            [item("fresh-item", "fresh-origin", {target: stance}, credibility, ["fresh-relay"])],
        )
        out.append(prob(ext, target))
    return out[0], out[1]


@FAST
@given(
    spec=ledgers(),
    data=st.data(),
    grades=st.lists(st.sampled_from(KNOWN_GRADES), min_size=2, max_size=2).map(sorted),
    credibility=st.sampled_from(CREDIBILITIES),
    relay=st.sampled_from(GRADES),
    stance=st.sampled_from(DIRECTIONAL),
)
def test_3_better_source_grade_never_weakens_pull(
    spec: Spec,
    data: st.DataObject,
    grades: list[str],
    credibility: int,
    relay: str,
    stance: str,
) -> None:
    target = data.draw(st.sampled_from([c["id"] for c in spec["claims"]]))
    derived = data.draw(
        st.lists(st.sampled_from([s["id"] for s in spec["sources"]]), unique=True, max_size=1)
    )
    p_better, p_worse = _pull_pair(
        spec,
        target,
        stance,
        (grades[0], credibility, relay),
        (grades[1], credibility, relay),
        derived,
    )
    if stance in SUPPORTING:
        assert p_better >= p_worse
    else:
        assert p_better <= p_worse


@FAST
@given(
    spec=ledgers(),
    data=st.data(),
    grade=st.sampled_from(GRADES),
    credibilities=st.lists(st.sampled_from(KNOWN_CREDIBILITIES), min_size=2, max_size=2).map(
        sorted
    ),
    relay=st.sampled_from(GRADES),
    stance=st.sampled_from(DIRECTIONAL),
)
def test_3_better_credibility_never_weakens_pull(
    spec: Spec,
    data: st.DataObject,
    grade: str,
    credibilities: list[int],
    relay: str,
    stance: str,
) -> None:
    target = data.draw(st.sampled_from([c["id"] for c in spec["claims"]]))
    derived = data.draw(
        st.lists(st.sampled_from([s["id"] for s in spec["sources"]]), unique=True, max_size=1)
    )
    p_better, p_worse = _pull_pair(
        spec,
        target,
        stance,
        (grade, credibilities[0], relay),
        (grade, credibilities[1], relay),
        derived,
    )
    if stance in SUPPORTING:
        assert p_better >= p_worse
    else:
        assert p_better <= p_worse


@FAST
@given(
    spec=ledgers(),
    data=st.data(),
    grade=st.sampled_from(GRADES),
    credibility=st.sampled_from(CREDIBILITIES),
    relays=st.lists(st.sampled_from(KNOWN_GRADES), min_size=2, max_size=2).map(sorted),
    stance=st.sampled_from(DIRECTIONAL),
)
def test_3_relays_only_lose_fidelity(
    spec: Spec,
    data: st.DataObject,
    grade: str,
    credibility: int,
    relays: list[str],
    stance: str,
) -> None:
    """A better relay never weakens the pull, and no relay pulls more than a direct report."""
    target = data.draw(st.sampled_from([c["id"] for c in spec["claims"]]))
    p_better, p_worse = _pull_pair(
        spec, target, stance, (grade, credibility, relays[0]), (grade, credibility, relays[1]), []
    )
    direct = prob(
        extend(
            spec,
            [source("fresh-origin", grade)],
            [item("fresh-item", "fresh-origin", {target: stance}, credibility)],
        ),
        target,
    )
    if stance in SUPPORTING:
        assert direct >= p_better >= p_worse
    else:
        assert direct <= p_better <= p_worse


@FAST
@given(
    spec=ledgers(),
    data=st.data(),
    credibility=st.sampled_from(CREDIBILITIES),
    grade=st.sampled_from(GRADES),
    relay=st.sampled_from(GRADES),
    stance=st.sampled_from(DIRECTIONAL),
    which=st.sampled_from(("source", "information", "relay")),
)
def test_3_unknown_grade_is_never_weaker_than_the_worst_known(
    spec: Spec,
    data: st.DataObject,
    credibility: int,
    grade: str,
    relay: str,
    stance: str,
    which: str,
) -> None:
    """F ("cannot be judged") pulls at least as far as E, 6 at least as far as 5, an F
    relay keeps at least what an E relay keeps: unknown is not bad."""
    target = data.draw(st.sampled_from([c["id"] for c in spec["claims"]]))
    derived = data.draw(
        st.lists(st.sampled_from([s["id"] for s in spec["sources"]]), unique=True, max_size=1)
    )
    unknown, worst = {
        "source": (("F", credibility, relay), ("E", credibility, relay)),
        "information": ((grade, 6, relay), (grade, 5, relay)),
        "relay": ((grade, credibility, "F"), (grade, credibility, "E")),
    }[which]
    p_unknown, p_worst = _pull_pair(spec, target, stance, unknown, worst, derived)
    if stance in SUPPORTING:
        assert p_unknown >= p_worst
    else:
        assert p_unknown <= p_worst


def test_3_grade_order_on_a_hand_ledger() -> None:
    """A strictly better grade pulls strictly further (a small, fixed example); F, unknown,
    pulls at least as far as E, and 6 at least as far as 5."""
    spec = ledger([source("s", "F")], [lone()], [item("e", "s", {"c": "supports"}, 3)])
    ps = {}
    for g in GRADES:
        spec["sources"][0]["reliability"] = g
        ps[g] = prob(spec, "c")
    known = [ps[g] for g in KNOWN_GRADES]
    assert known == sorted(set(known), reverse=True)  # strictly decreasing A..E
    assert known[0] > known[-1] > 0.5
    assert ps["F"] >= ps["E"]
    spec["sources"][0]["reliability"] = "B"
    pi = {}
    for c in CREDIBILITIES:
        spec["evidence"][0]["credibility"] = c
        pi[c] = prob(spec, "c")
    known = [pi[c] for c in KNOWN_CREDIBILITIES]
    assert known == sorted(set(known), reverse=True)
    assert pi[6] >= pi[5] > 0.5


# --------------------------------------------------------------------------------------
# 4. Independence: copies are one line of reporting


@FAST
@given(
    k=st.integers(2, 6),
    grade=st.sampled_from(GRADES),
    credibility=st.sampled_from(CREDIBILITIES),
    stance=st.sampled_from(DIRECTIONAL),
    relay_grades=st.lists(st.sampled_from(GRADES), min_size=6, max_size=6),
    prior=st.none() | priors2,
)
def test_4_copies_via_different_outlets_are_one_origin(
    k: int,
    grade: str,
    credibility: int,
    stance: str,
    relay_grades: list[str],
    prior: float | None,
) -> None:
    outlets = [source(f"outlet{i}", relay_grades[i]) for i in range(k)]
    copies = [
        item(f"copy{i}", "official", {"c": stance}, credibility, [f"outlet{i}"]) for i in range(k)
    ]
    base = ledger([source("official", grade), *outlets], [lone(prior)])
    one = prob(extend(base, evidence=copies[:1]), "c")
    many = prob(extend(base, evidence=copies), "c")
    independent = prob(
        extend(
            base,
            [source(f"official{i}", grade) for i in range(k)],
            [
                item(f"ind{i}", f"official{i}", {"c": stance}, credibility, [f"outlet{i}"])
                for i in range(k)
            ],
        ),
        "c",
    )
    assert abs(many - one) <= 0.25 * abs(independent - one) + 1e-4
    a = assess_spec(extend(base, evidence=copies))["c"]
    assert a.independent_origins == 1
    if stance in SUPPORTING:
        assert "single-origin" in a.flags


@FAST
@given(
    k=st.integers(2, 6),
    grade=st.sampled_from(GRADES),
    root_grade=st.sampled_from(GRADES),
    credibility=st.sampled_from(CREDIBILITIES),
    stance=st.sampled_from(DIRECTIONAL),
    chained=st.booleans(),
    prior=st.none() | priors2,
)
def test_4_sources_joined_by_derived_from_are_one_origin(
    k: int,
    grade: str,
    root_grade: str,
    credibility: int,
    stance: str,
    chained: bool,
    prior: float | None,
) -> None:
    """k outlets that republish one wire (directly, or along a chain) count as one."""
    derived = [
        source(f"outlet{i}", grade, derived_from=[f"outlet{i - 1}" if chained and i else "wire"])
        for i in range(k)
    ]
    copies = [item(f"copy{i}", f"outlet{i}", {"c": stance}, credibility) for i in range(k)]
    base = ledger([source("wire", root_grade), *derived], [lone(prior)])
    one = prob(extend(base, evidence=copies[:1]), "c")
    many = prob(extend(base, evidence=copies), "c")
    independent = prob(
        extend(
            base,
            [source(f"free{i}", grade) for i in range(k)],
            [item(f"ind{i}", f"free{i}", {"c": stance}, credibility) for i in range(k)],
        ),
        "c",
    )
    assert abs(many - one) <= 0.25 * abs(independent - one) + 1e-4
    assert assess_spec(extend(base, evidence=copies))["c"].independent_origins == 1


def test_4_ten_outlets_repeating_one_official_are_one_official() -> None:
    outlets = [source(f"outlet{i}", "B") for i in range(10)]
    base = ledger([source("official", "C"), *outlets], [lone()])
    copies = [
        item(f"copy{i}", "official", {"c": "strongly-supports"}, 3, [f"outlet{i}"])
        for i in range(10)
    ]
    one = prob(extend(base, evidence=copies[:1]), "c")
    ten = prob(extend(base, evidence=copies), "c")
    assert ten == pytest.approx(one, abs=1e-4)


# --------------------------------------------------------------------------------------
# 5. Uncertainty falls as independent evidence accumulates


@FAST
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from("ABCD"), st.sampled_from((1, 2, 3, 4)), st.sampled_from(DIRECTIONAL)
        ),
        min_size=1,
        max_size=5,
    ),
    group=st.booleans(),
    prior=st.none() | priors2,
)
def test_5_uncertainty_falls_strictly(
    steps: list[tuple[str, int, str]], group: bool, prior: float | None
) -> None:
    claims = [claim("c", "g", None), claim("rival", "g")] if group else [lone(prior)]
    spec = ledger([], claims)
    previous = assess_spec(ledger([source("unused")], claims))["c"].uncertainty
    for i, (grade, credibility, stance) in enumerate(steps):
        spec = extend(
            spec, [source(f"o{i}", grade)], [item(f"e{i}", f"o{i}", {"c": stance}, credibility)]
        )
        now = assess_spec(spec)["c"].uncertainty
        assert now < previous
        previous = now


@FAST
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(GRADES), st.sampled_from(CREDIBILITIES), st.sampled_from(DIRECTIONAL)
        ),
        min_size=1,
        max_size=8,
    )
)
def test_5_uncertainty_never_rises(steps: list[tuple[str, int, str]]) -> None:
    spec = ledger([], [lone()])
    previous = 1.0
    for i, (grade, credibility, stance) in enumerate(steps):
        spec = extend(
            spec, [source(f"o{i}", grade)], [item(f"e{i}", f"o{i}", {"c": stance}, credibility)]
        )
        now = assess_spec(spec)["c"].uncertainty
        assert now <= previous
        previous = now


def test_5_repetition_does_not_reduce_uncertainty_like_independence() -> None:
    base = ledger(
        [source("o", "B"), source("o2", "B"), source("r1", "B"), source("r2", "B")], [lone()]
    )
    one = assess_spec(extend(base, evidence=[item("e0", "o", {"c": "supports"}, 2, ["r1"])]))
    copies = assess_spec(
        extend(
            base,
            evidence=[
                item("e0", "o", {"c": "supports"}, 2, ["r1"]),
                item("e1", "o", {"c": "supports"}, 2, ["r2"]),
            ],
        )
    )
    two = assess_spec(
        extend(
            base,
            evidence=[
                item("e0", "o", {"c": "supports"}, 2, ["r1"]),
                item("e1", "o2", {"c": "supports"}, 2, ["r1"]),
            ],
        )
    )
    assert two["c"].uncertainty < one["c"].uncertainty
    assert copies["c"].uncertainty == pytest.approx(one["c"].uncertainty, abs=1e-3)


# --------------------------------------------------------------------------------------
# 6. Interested parties weigh less


@FAST
@given(
    grade=st.sampled_from(GRADES),
    credibility=st.sampled_from(CREDIBILITIES),
    stance=st.sampled_from(DIRECTIONAL),
    prior=st.none() | priors2,
    relay=st.none() | st.sampled_from(GRADES),
    other_tag=st.booleans(),
)
def test_6_interested_party_weighs_less(
    grade: str,
    credibility: int,
    stance: str,
    prior: float | None,
    relay: str | None,
    other_tag: bool,
) -> None:
    def run(affiliation: list[str]) -> Assessment:
        spec = ledger(
            [source("s", grade, affiliation), source("r", relay or "F")],
            [lone(prior, parties=["party-a"])],
            [item("e", "s", {"c": stance}, credibility, ["r"] if relay else [])],
        )
        return assess_spec(spec)["c"]

    base = 0.5 if prior is None else prior
    interested = run(["party-a"])
    unaffiliated = run(["party-b"] if other_tag else [])
    assert abs(interested.probability - base) < abs(unaffiliated.probability - base)
    assert "interested-parties-only" not in unaffiliated.flags
    if stance in SUPPORTING:
        assert "interested-parties-only" in interested.flags


def test_6_interested_flag_goes_with_one_unaffiliated_supporter() -> None:
    spec = ledger(
        [source("party", "B", ["party-a"]), source("neutral", "B")],
        [lone(parties=["party-a", "party-b"])],
        [item("e1", "party", {"c": "supports"}, 2)],
    )
    assert "interested-parties-only" in assess_spec(spec)["c"].flags
    spec = extend(spec, evidence=[item("e2", "neutral", {"c": "supports"}, 2)])
    assert "interested-parties-only" not in assess_spec(spec)["c"].flags


# --------------------------------------------------------------------------------------
# 7. Retracted items and items after --as-of change nothing


def _views(assessed: Assessed) -> dict[str, dict[str, Any]]:
    """Every claim's assessment as data, leaving out what names uncounted items (the
    items listed, the count of retracted ones), with the contributions that explain it."""
    out = {}
    for cid, a in assessed.claims.items():
        view = {k: v for k, v in asdict(a).items() if k not in ("items", "retracted")}
        view["items"] = [asdict(i) for i in a.items if i.counted]
        view["contributions"] = contributions(assessed, cid)
        out[cid] = view
    out.update({f"group {g}": asdict(ga) for g, ga in assessed.groups.items()})
    return out


@st.composite
def ignored_items(draw: st.DrawFn, spec: Spec, as_of: str | None) -> list[dict[str, Any]]:
    """Items that must not count: retracted, or dated after ``as_of``."""
    cids = [c["id"] for c in spec["claims"]]
    sids = [s["id"] for s in spec["sources"]] + ["ghost-origin"]
    later = [d for d in DATES if as_of is not None and d > as_of]
    out = []
    for i in range(draw(st.integers(1, 4))):
        on = draw(st.lists(st.sampled_from(cids), unique=True, min_size=1, max_size=3))
        late = bool(later) and draw(st.booleans())
        day = draw(st.sampled_from(later)) if late else draw(st.sampled_from(DATES))
        if as_of is not None and not late:
            day = draw(st.sampled_from([d for d in DATES if d <= as_of]))
        out.append(
            item(
                f"ignored{i}",
                draw(st.sampled_from(sids)),
                {c: draw(st.sampled_from(STANCES)) for c in on},
                draw(st.sampled_from(CREDIBILITIES)),
                day=day,
                retracted=not late,
            )
        )
    return out


@FAST
@given(spec=ledgers(dated=True, retractions=False), as_of=st.sampled_from(DATES), data=st.data())
def test_7_retracted_and_later_items_change_nothing(
    spec: Spec, as_of: str, data: st.DataObject
) -> None:
    cutoff = date.fromisoformat(as_of)
    spec = ledger(
        [*spec["sources"], source("ghost-origin", "A")],
        spec["claims"],
        [e for e in spec.get("evidence", []) if e["date"] <= as_of],
    )
    extra = data.draw(ignored_items(spec, as_of))
    plain = assess_full(spec, cutoff)
    noisy = assess_full(extend(spec, evidence=extra), cutoff)
    assert _views(noisy) == _views(plain)


@FAST
@given(spec=ledgers(retractions=False), data=st.data())
def test_7_retracted_items_change_nothing_without_as_of(spec: Spec, data: st.DataObject) -> None:
    spec = extend(spec, [source("ghost-origin", "A")])
    extra = data.draw(ignored_items(spec, None))
    plain = assess_full(spec)
    noisy = assess_full(extend(spec, evidence=extra))
    assert _views(noisy) == _views(plain)
    ignored = {e["id"] for e in extra}
    for cid in noisy.claims:
        assert not ignored & {c.item for c in contributions(noisy, cid)}


def test_7_retracted_count_is_reported() -> None:
    spec = ledger(
        [source("s", "A")],
        [lone()],
        [item("e1", "s", {"c": "strongly-supports"}, 1, retracted=True)],
    )
    a = assess_spec(spec)["c"]
    assert a.retracted == 1
    assert a.probability == 0.5
    assert a.verdict == "unverified"


# --------------------------------------------------------------------------------------
# 8. In a group, the probabilities sum to at most 1


@st.composite
def group_ledgers(draw: st.DrawFn, priors: str) -> Spec:
    """One group of 2-5 claims with random evidence; priors 'none', 'fit' (sum <= 1) or
    'any' (possibly summing over 1: the engine must still keep the total <= 1)."""
    spec = draw(ledgers(max_claims=5, max_items=8, groups=("g",), with_priors=False))
    claims = spec["claims"]
    assume(len(claims) >= 2)
    if priors == "fit":
        cuts = draw(st.lists(st.integers(1, 99), min_size=len(claims), max_size=len(claims)))
        total = draw(st.integers(max(len(claims), 1), 100))
        scale = sum(cuts)
        values = [max(1, math.floor(c * total / scale)) / 100 for c in cuts]
        assume(sum(values) <= 1.0 + 1e-9)
        for c, p in zip(claims, values, strict=True):
            if draw(st.booleans()):
                c["prior"] = str(p)
    elif priors == "any":
        for c in claims:
            p = draw(st.none() | priors2)
            if p is not None:
                c["prior"] = str(p)
    return spec


@FAST
@given(spec=group_ledgers("none"))
def test_8_group_probabilities_sum_to_at_most_one(spec: Spec) -> None:
    result = assess_spec(spec)
    assert sum(a.probability for a in result.values()) <= 1.0 + 1e-9


@FAST
@given(spec=group_ledgers("fit"))
def test_8_group_with_priors_sums_to_at_most_one(spec: Spec) -> None:
    result = assess_spec(spec)
    assert sum(a.probability for a in result.values()) <= 1.0 + 1e-9


@FAST
@given(spec=group_ledgers("any"))
def test_8_group_with_any_priors_sums_to_at_most_one(spec: Spec) -> None:
    result = assess_spec(spec)
    assert sum(a.probability for a in result.values()) <= 1.0 + 1e-9


@FAST
@given(spec=ledgers(max_claims=6, groups=(None, "g1", "g2")))
def test_8_every_group_of_a_mixed_ledger(spec: Spec) -> None:
    result = assess_spec(spec)
    totals: dict[str, float] = {}
    for a in result.values():
        if a.group is not None:
            totals[a.group] = totals.get(a.group, 0.0) + a.probability
    assert all(t <= 1.0 + 1e-9 for t in totals.values()), totals


def test_8_strong_support_for_every_rival_still_sums_to_one() -> None:
    sources = [source(f"s{i}", "A") for i in range(6)]
    claims = [claim(f"c{i}", "g") for i in range(3)]
    evidence = [item(f"e{i}", f"s{i}", {f"c{i % 3}": "strongly-supports"}, 1) for i in range(6)]
    result = assess_spec(ledger(sources, claims, evidence))
    assert sum(a.probability for a in result.values()) <= 1.0 + 1e-9


# --------------------------------------------------------------------------------------
# 9. Contested, and leaning with one-sided evidence


@FAST
@given(
    supporters=st.lists(
        st.tuples(st.sampled_from("AB"), st.sampled_from((1, 2))), min_size=1, max_size=3
    ),
    refuters=st.lists(
        st.tuples(st.sampled_from("AB"), st.sampled_from((1, 2))), min_size=1, max_size=3
    ),
    strong=st.booleans(),
)
def test_9_credible_evidence_both_ways_is_contested(
    supporters: list[tuple[str, int]], refuters: list[tuple[str, int]], strong: bool
) -> None:
    sup, ref = ("strongly-supports", "strongly-refutes") if strong else ("supports", "refutes")
    sources = [source(f"for{i}", g) for i, (g, _) in enumerate(supporters)] + [
        source(f"against{i}", g) for i, (g, _) in enumerate(refuters)
    ]
    evidence = [item(f"ef{i}", f"for{i}", {"c": sup}, cr) for i, (_, cr) in enumerate(supporters)]
    evidence += [
        item(f"ea{i}", f"against{i}", {"c": ref}, cr) for i, (_, cr) in enumerate(refuters)
    ]
    a = assess_spec(ledger(sources, [lone()], evidence))["c"]
    assert a.contested is True


def test_9_b2_both_ways_is_contested_and_not_one_sided() -> None:
    spec = ledger(
        [source("x", "B"), source("y", "B")],
        [lone()],
        [item("ex", "x", {"c": "supports"}, 2), item("ey", "y", {"c": "refutes"}, 2)],
    )
    a = assess_spec(spec)["c"]
    assert a.contested is True
    assert a.verdict in ("disputed", "unverified")
    one_sided = assess_spec(without_item(spec, "ey"))["c"]
    assert one_sided.contested is False


def test_9_uncredible_counter_evidence_does_not_contest() -> None:
    spec = ledger(
        [source("x", "B"), source("y", "F")],
        [lone()],
        [item("ex", "x", {"c": "supports"}, 2), item("ey", "y", {"c": "refutes"}, 6)],
    )
    assert assess_spec(spec)["c"].contested is False


@st.composite
def one_sided(draw: st.DrawFn, stances: Sequence[str]) -> Spec:
    spec = draw(ledgers(groups=(None,), retractions=False, max_claims=1))
    spec["claims"][0]["prior"] = str(draw(priors2))
    for e in spec.get("evidence", []):
        e["stance"] = {"c0": draw(st.sampled_from(stances))}
    assume(spec.get("evidence"))
    return spec


@FAST
@given(spec=one_sided(SUPPORTING))
def test_9_only_supporting_evidence_leans_above_prior(spec: Spec) -> None:
    a = assess_spec(spec)["c0"]
    assert a.probability > float(spec["claims"][0]["prior"])
    assert a.contested is False
    assert a.verdict != "refuted"


@FAST
@given(spec=one_sided(REFUTING))
def test_9_only_refuting_evidence_leans_below_prior(spec: Spec) -> None:
    a = assess_spec(spec)["c0"]
    assert a.probability < float(spec["claims"][0]["prior"])
    assert a.contested is False
    assert a.verdict != "supported"


# --------------------------------------------------------------------------------------
# 10. Explainable: every item's contribution is reported, and they add up


@FAST
@given(spec=ledgers(max_items=6), as_of=st.none() | st.sampled_from(DATES))
@example(  # a better graded echo, neutral on c0, holds the line of e0's refutation of it
    spec=ledger(
        [source("s0", "A"), source("s1", "A")],
        [claim("c0", "g2"), claim("c1", "g2"), claim("c2")],
        [
            item("e0", "s0", {"c0": "refutes", "c1": "refutes"}, 2),
            item(
                "e1",
                "s0",
                {"c0": "neutral", "c1": "refutes", "c2": "strongly-supports"},
                1,
                based_on=["e0"],
            ),
        ],
    ),
    as_of=None,
)
def test_10_contributions_add_up_to_the_move_from_the_prior(spec: Spec, as_of: str | None) -> None:
    """Version 2 (property 15) replaces leave-one-out: each claim's contributions, rival
    items included, sum to P - prior; every counted item that takes a side on the claim
    is listed (or is an echo of a listed one), and nothing uncounted is."""
    cutoff = None if as_of is None else date.fromisoformat(as_of)
    assessed = assess_full(spec, cutoff)
    for cid, a in assessed.claims.items():
        listed = contributions(assessed, cid)
        total = math.fsum(c.points for c in listed)
        assert total == pytest.approx(a.probability - a.prior, rel=0, abs=1e-9), cid
        # Every item that takes a side is listed, unless it is an echo: every line it
        # belongs to is held by a listed item (a line is worth its strongest item).
        sided = {i.id for i in a.items if i.counted and i.stance != "neutral"}
        listed_ids = {c.item for c in listed}
        roots = {i.id: i.roots for b in assessed.claims.values() for i in b.items}
        held = frozenset().union(*(roots[x] for x in listed_ids))
        if sided and not sided & {c.item for c in listed if c.own}:
            # The line of the claim's own items is held by an echo of them that takes no
            # side on this claim: it carries its original's stance into their pool
            # (engine.sides), through a better grade (docs/credibility.md, section 1).
            rests = {e["id"]: e.get("based_on", []) for e in spec.get("evidence", [])}
            ours = frozenset().union(*(roots[x] for x in sided))
            assert any(not c.own and rests.get(c.item) and roots[c.item] & ours for c in listed), (
                cid
            )
        for i in a.items:
            if i.id in sided - listed_ids:
                assert i.roots <= held, (cid, i.id)
        counted = {i.id for b in assessed.claims.values() for i in b.items if i.counted}
        assert {c.item for c in listed} <= counted, cid
        assert [c.item for c in listed] == sorted({c.item for c in listed})


def test_10_every_item_is_listed_with_its_contribution() -> None:
    spec = ledger(
        [source("a", "B"), source("b", "C"), source("r", "B")],
        [claim("c", "g"), claim("d", "g")],
        [
            item("e1", "a", {"c": "strongly-supports"}, 2, ["r"]),
            item("e2", "b", {"c": "refutes", "d": "supports"}, 3),
            item("e3", "b", {"d": "neutral"}, 3, retracted=True),
        ],
    )
    assessed = assess_full(spec)
    result = assessed.claims
    assert [i.id for i in result["c"].items] == ["e1", "e2"]
    assert [i.id for i in result["d"].items] == ["e2", "e3"]
    on_c = {x.item: x for x in contributions(assessed, "c")}
    on_d = {x.item: x for x in contributions(assessed, "d")}
    assert set(on_c) == set(on_d) == {"e1", "e2"}  # e3 is retracted and neutral
    assert on_c["e1"].points > 0
    assert on_c["e1"].own
    assert on_c["e2"].points < 0
    assert on_c["e2"].own
    assert on_d["e2"].points > 0
    assert on_d["e2"].own
    assert on_d["e1"].points <= 0  # a rival's support never lifts d
    assert not on_d["e1"].own
    for cid in ("c", "d"):
        a = result[cid]
        assert contribution_sum(assessed, cid) == pytest.approx(
            a.probability - a.prior, rel=0, abs=1e-9
        )


def test_10_contributions_appear_in_show_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = ledger(
        [source("a", "B"), source("b", "C"), source("r", "B")],
        [claim("c", "g"), claim("d", "g")],
        [
            item("e1", "a", {"c": "strongly-supports"}, 2, ["r"]),
            item("e2", "b", {"c": "refutes", "d": "supports"}, 3),
        ],
    )
    path = tmp_path / "ledger.yaml"
    path.write_text(to_yaml(spec), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    full = assess_full(spec)
    for cid in ("c", "d"):
        result = CliRunner().invoke(app, ["show", cid, "ledger.yaml", "--format", "json"])
        assert result.exit_code == 0, result.stderr
        shown = json.loads(result.stdout)
        got = {i["id"]: i["contribution"] for i in [*shown["items"], *shown["rivals"]]}
        engine = {c.item: pytest.approx(c.points, abs=2e-6) for c in contributions(full, cid)}
        assert got == engine
        assert all(v != 0 for v in got.values())
        row = shown["claim"]
        # Shown to 6 decimals, the contributions add up to the move exactly.
        assert round(sum(got.values()) * 1e6) == round((row["probability"] - row["prior"]) * 1e6)


# --------------------------------------------------------------------------------------
# Flags on small hand-written ledgers


def test_flag_single_origin() -> None:
    spec = ledger(
        [source("official", "C"), source("o1", "B"), source("o2", "B"), source("other", "B")],
        [lone()],
        [
            item("e1", "official", {"c": "supports"}, 2, ["o1"]),
            item("e2", "official", {"c": "supports"}, 2, ["o2"]),
        ],
    )
    assert "single-origin" in assess_spec(spec)["c"].flags
    spec = extend(spec, evidence=[item("e3", "other", {"c": "supports"}, 2)])
    a = assess_spec(spec)["c"]
    assert "single-origin" not in a.flags
    assert a.independent_origins == 2


def test_flag_single_origin_through_derived_from() -> None:
    spec = ledger(
        [
            source("wire", "B"),
            source("x", "B", derived_from=["wire"]),
            source("y", "B", derived_from=["wire"]),
        ],
        [lone()],
        [item("e1", "x", {"c": "supports"}, 2), item("e2", "y", {"c": "supports"}, 2)],
    )
    a = assess_spec(spec)["c"]
    assert "single-origin" in a.flags
    assert a.independent_origins == 1


def test_flag_claimant_only() -> None:
    spec = ledger(
        [source("claimant", "C"), source("witness", "B")],
        [claim("c", claimed_by=["claimant"])],
        [item("e1", "claimant", {"c": "strongly-supports"}, 3)],
    )
    assert "claimant-only" in assess_spec(spec)["c"].flags
    spec = extend(spec, evidence=[item("e2", "witness", {"c": "supports"}, 2)])
    assert "claimant-only" not in assess_spec(spec)["c"].flags


def test_flag_claimant_only_needs_a_claimant() -> None:
    spec = ledger([source("s", "C")], [lone()], [item("e1", "s", {"c": "supports"}, 3)])
    assert "claimant-only" not in assess_spec(spec)["c"].flags


def test_flag_no_evidence() -> None:
    spec = ledger(
        [source("s", "B")], [claim("c"), claim("d")], [item("e", "s", {"d": "supports"}, 2)]
    )
    result = assess_spec(spec)
    assert "no-evidence" in result["c"].flags
    assert "no-evidence" not in result["d"].flags


def test_flag_verdict_not_backed() -> None:
    spec = ledger([source("s", "B")], [claim("c", verdict="supported")])
    a = assess_spec(spec)["c"]
    assert a.recorded_verdict == "supported"
    assert "verdict-not-backed" in a.flags
    spec = ledger([source("s", "B")], [claim("c", verdict="unverified")])
    assert "verdict-not-backed" not in assess_spec(spec)["c"].flags


def test_flag_verdict_backed_by_strong_evidence() -> None:
    sources = [source(f"s{i}", "A") for i in range(3)]
    evidence = [item(f"e{i}", f"s{i}", {"c": "strongly-supports"}, 1) for i in range(3)]
    a = assess_spec(ledger(sources, [claim("c", verdict="supported")], evidence))["c"]
    assert a.verdict == "supported"
    assert "verdict-not-backed" not in a.flags
    assert a.flags == ()
    refuted = [item(f"e{i}", f"s{i}", {"c": "strongly-refutes"}, 1) for i in range(3)]
    b = assess_spec(ledger(sources, [claim("c", verdict="supported")], refuted))["c"]
    assert b.verdict == "refuted"
    assert "verdict-not-backed" in b.flags


_BANDS = [  # docs/credibility.md's table of labels, as a reader applies it to a shown %
    (lambda x: x < 5, "almost no chance"),
    (lambda x: 5 <= x < 20, "very unlikely"),
    (lambda x: 20 <= x < 45, "unlikely"),
    (lambda x: 45 <= x <= 55, "roughly even chance"),
    (lambda x: 55 < x < 80, "likely"),
    (lambda x: 80 <= x <= 95, "very likely"),
    (lambda x: x > 95, "almost certain"),
]


@given(
    st.floats(0, 1)
    | st.sampled_from([0.55, 0.95])
    .flatmap(lambda b: st.floats(b - 1e-6, b + 0.01))
    .filter(lambda p: 0 <= p <= 1)
    | st.sampled_from([0.05, 0.2, 0.45, 0.55, 0.8, 0.95]).flatmap(
        lambda b: st.floats(b - 1e-8, b + 1e-8)
    )
)
@example(0.799999999)  # the analyst's tour: "very likely (79%)"
@example(0.049999999)
@example(0.449999999)
def test_a_shown_percentage_falls_in_the_band_of_its_label(p: float) -> None:
    """A tour found "likely (55%)" for P = 55.7%, which the table of labels puts under
    "roughly even chance": a percentage is shown with the decimals that keep it in its
    label's band, and is never above P (rounded down)."""
    from claimlog.credibility.tables import icd203, percent
    from claimlog.render.report.markup import pct  # the report's, with one decimal

    # Rounded down, within quantize's hair of tolerance (1e-9 of P, 1e-7 points).
    for shown, slack in ((percent(p), 1e-6), (pct(p), 1e-6)):
        value = float(shown.rstrip("%"))
        (band,) = [label for inside, label in _BANDS if inside(value)]
        assert band == icd203(p), (p, shown)
        assert value <= p * 100 + slack
        assert not shown.endswith(".0%") or shown == pct(p)  # no stray '.0' on a whole %
