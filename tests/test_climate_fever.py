"""Climate-FEVER, converted to ledgers: the verdicts agree with the gold claim labels.

Climate-FEVER (Diggelmann et al., 2020) gives 1,535 claims about climate, each with
five evidence sentences from Wikipedia labelled SUPPORTS, REFUTES or NOT_ENOUGH_INFO;
a claim's label is a function of its evidence labels (SUPPORTS when some sentence
supports and none refutes, REFUTES the other way round, DISPUTED when both occur,
NOT_ENOUGH_INFO when no sentence takes a side). Converted to ledgers (one source per
Wikipedia article, reliability B; each sentence an item of credibility 2 whose stance
follows its label; one lone claim per row), the engine's verdict must agree with the
gold label in every class at least 98% of the time.

The data lives beside the repository (../shared/data); the test skips without it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from claimlog.credibility import assess
from claimlog.ledgerset import load_set

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CLIMATE_FEVER = DATA / "external" / "climate-fever.jsonl"

STANCE = {"SUPPORTS": "supports", "REFUTES": "refutes", "NOT_ENOUGH_INFO": "neutral"}
"""Evidence label -> stance."""

VERDICT = {
    "SUPPORTS": "supported",
    "REFUTES": "refuted",
    "DISPUTED": "disputed",
    "NOT_ENOUGH_INFO": "unverified",
}
"""Gold claim label -> the verdict that agrees with it."""

FILES = 4
"""Claims and evidence are spread over this many files (sources have their own)."""

AGREEMENT = 0.98


def _text(value: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one; ASCII escapes keep every
    character printable)."""
    return json.dumps(value, ensure_ascii=True)


def _rows() -> list[dict[str, Any]]:
    with CLIMATE_FEVER.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_ledgers(rows: list[dict[str, Any]], folder: Path) -> dict[str, str]:
    """Write the rows as ledgers under ``folder``; return the gold label by claim id."""
    articles = sorted({e["article"] for r in rows for e in r["evidences"]})
    source_id = {a: f"wiki-{k:05d}" for k, a in enumerate(articles)}
    lines = ["title: Wikipedia articles cited by Climate-FEVER", "sources:"]
    for article in articles:
        lines += [
            f"  - id: {source_id[article]}",
            f"    name: {_text('Wikipedia: ' + article)}",
            "    kind: document",
            "    reliability: B",
        ]
    (folder / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    gold: dict[str, str] = {}
    chunks: list[list[str]] = [
        [f"title: Climate-FEVER claims, part {k + 1}", "claims:"] for k in range(FILES)
    ]
    evidence: list[list[str]] = [["evidence:"] for _ in range(FILES)]
    for n, row in enumerate(rows):
        cid = f"cf-{row['claim_id']}"
        gold[cid] = row["claim_label"]
        part = n % FILES
        chunks[part] += [f"  - id: {cid}", f"    statement: {_text(row['claim'])}"]
        for k, ev in enumerate(row["evidences"]):
            evidence[part] += [
                f"  - id: {cid}-e{k}",
                f"    summary: {_text(ev['evidence'])}",
                f"    source: {source_id[ev['article']]}",
                "    kind: document",
                "    credibility: 2",
                "    stance:",
                f"      {cid}: {STANCE[ev['evidence_label']]}",
            ]
    for part in range(FILES):
        text = "\n".join(chunks[part] + evidence[part]) + "\n"
        (folder / f"claims-{part}.yaml").write_text(text, encoding="utf-8")
    return gold


@pytest.mark.skipif(not DATA.is_dir(), reason=f"shared data not found at {DATA}")
def test_climate_fever_verdicts_agree_with_gold_labels(tmp_path: Path) -> None:
    rows = _rows()
    assert len(rows) == 1535
    gold = write_ledgers(rows, tmp_path)
    ls = load_set([tmp_path])
    problems = [d.message for d in ls.file_diagnostics]
    assert not problems, problems[:5]
    result = assess(ls)
    assert set(result) == set(gold)

    totals: Counter[str] = Counter(gold.values())
    agree: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for cid, label in gold.items():
        verdict = result[cid].verdict
        confusion[(label, verdict)] += 1
        if verdict == VERDICT[label]:
            agree[label] += 1
    rates = {label: agree[label] / totals[label] for label in VERDICT}
    report = "; ".join(
        f"{label} -> {VERDICT[label]}: {agree[label]}/{totals[label]} = {rates[label]:.2%}"
        for label in VERDICT
    )
    misses = {k: v for k, v in sorted(confusion.items()) if VERDICT[k[0]] != k[1]}
    assert set(totals) == set(VERDICT), report
    assert all(rate >= AGREEMENT for rate in rates.values()), f"{report}; misses {misses}"
