"""CL413's two ways of finding near-identical summaries agree: every earlier item as a
candidate (a claim's few items) and prefix filtering (many items)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from claimlog.checks.copies import _WORD, MAX_BUCKET, MIN_WORDS, _pairwise, _prefix_filtered, _words
from claimlog.credibility.origins import normalised
from conftest import run

_VOCABULARY = [f"w{i}" for i in range(14)]


@st.composite
def _word_sets(draw: st.DrawFn) -> dict[str, frozenset[str]]:
    """Up to MAX_BUCKET items (so no word is too common for the prefix filter), many
    of them near copies of an earlier one."""
    count = draw(st.integers(0, MAX_BUCKET))
    sets: list[frozenset[str]] = []
    for _ in range(count):
        if sets and draw(st.booleans()):
            base = set(draw(st.sampled_from(sets)))
            base ^= set(draw(st.lists(st.sampled_from(_VOCABULARY), max_size=2)))
            words = frozenset(base)
        else:
            words = frozenset(draw(st.sets(st.sampled_from(_VOCABULARY), min_size=MIN_WORDS)))
        if len(words) >= MIN_WORDS:
            sets.append(words)
    return {f"e{i:03}": w for i, w in enumerate(sets)}


@settings(max_examples=300, deadline=None)
@given(_word_sets())
def test_pairwise_and_prefix_filtering_find_the_same_pairs(
    words: dict[str, frozenset[str]],
) -> None:
    assert list(_pairwise(words)) == list(_prefix_filtered(words))


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("aZ9_ \t\n\u00a0\u2028\u3000\u00c5\ufb01\u2460\u0130ß-."))
    )
)
def test_words_are_those_of_the_normalised_summary(summary: str) -> None:
    """The words are found without folding white space first: the same words."""
    assert _words(summary) == frozenset(_WORD.findall(normalised(summary)))


def test_the_pairs_are_what_the_rule_says() -> None:
    six = frozenset(f"w{i}" for i in range(6))
    words = {
        "a": six | {"x1", "x2", "x3", "x4"},  # 10 words
        "b": six | {"x1", "x2", "x3", "x4", "y"},  # 10/11 alike with a: similar
        "c": six | {"x1", "x2", "x3", "x4"},  # the same set as a
        "d": six | {"z1", "z2", "z3", "z4"},  # 6/14 alike: not similar
    }
    expected = [("a", "b"), ("a", "c")]
    assert list(_pairwise(words)) == expected
    assert list(_prefix_filtered(words)) == expected


def test_a_quote_copy_marked_on_other_claims_is_told_it_weighs_apart(tmp_path: Path) -> None:
    """The engine makes copies of a quote one line only when they mark it alike
    (docs/credibility.md, honest limits): CL413 says when they do not."""
    quote = "Neither B nor C had any part in the attack on the hall."
    text = (
        "sources:\n  - {id: off, name: Official}\n  - {id: wire, name: Wire}\n"
        "  - {id: agency, name: Agency}\nclaims:\n"
        "  - {id: b, statement: B did it., group: g}\n  - {id: c, statement: C did it., group: g}\n"
        "evidence:\n"
    )
    both = "{b: refutes, c: refutes}"
    for eid, src, stance in (
        ("o", "off", both),
        ("w", "wire", "{b: refutes}"),
        ("x", "agency", both),
    ):
        text += f"  - {{id: {eid}, summary: S {eid}., source: {src}, stance: {stance}, "
        text += f"quote: {quote}}}\n"
    (tmp_path / "l.yaml").write_text(text, encoding="utf-8")
    result = run(["check", "--select", "CL413", "--format", "json", "l.yaml"], tmp_path)
    messages = {d["message"].split("'")[1]: d["message"] for d in result.json()["diagnostics"]}
    assert messages["w"].endswith(
        "marked otherwise (other claims, or the other way): the two weigh as independent lines"
    )
    assert messages["x"].endswith("from a different origin")
