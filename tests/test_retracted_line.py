"""CL416: an item that counts in the line of reporting of a retracted one (a tour: a
republisher's copy kept a claim `supported` at 86% after the original was withdrawn,
and `check` said nothing of it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import Run, write

SOURCES = (
    "sources:\n  - {id: daily, name: D, reliability: B}\n"
    "  - {id: copycat, name: C, reliability: D, derived_from: [daily]}\n"
    "  - {id: wire, name: W, reliability: C}\n"
    "claims:\n  - {id: c, statement: S.}\n  - {id: d, statement: T.}\n"
)
ORIGINAL = (
    "  - {id: original, summary: x, source: daily, credibility: 2, retracted: 2024-05-04,"
    " stance: {c: strongly-supports, d: refutes}}\n"
)


def _found(cli: Callable[..., Run], tmp_path: Path, items: str, *args: str) -> list[str]:
    write(tmp_path / "l.yaml", SOURCES + "evidence:\n" + ORIGINAL + items)
    done = cli(["check", "l.yaml", "--format", "json", "--select", "CL416", *args], cwd=tmp_path)
    return [d["message"] for d in done.json()["diagnostics"]]


def test_a_republished_copy_and_an_echo_of_a_retracted_report_are_reported(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    items = (
        "  - {id: copy, summary: y, source: copycat, credibility: 2, stance: {c: supports}}\n"
        "  - {id: echo, summary: z, source: wire, based_on: [original], stance: {c: supports}}\n"
    )
    assert _found(cli, tmp_path, items) == [
        "evidence 'copy' counts for claim 'c' though 'original', in its line of reporting, "
        "is retracted",
        "evidence 'echo' counts for claim 'c' though 'original', in its line of reporting, "
        "is retracted",
    ]


def test_what_is_not_a_copy_of_the_withdrawn_report_is_not_reported(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    items = (
        # the same source's other report; the other direction; another line
        "  - {id: again, summary: y, source: daily, credibility: 2, stance: {c: supports}}\n"
        "  - {id: against, summary: y, source: copycat, stance: {c: refutes, d: supports}}\n"
        "  - {id: own, summary: z, source: wire, stance: {c: supports}}\n"
    )
    assert _found(cli, tmp_path, items) == []


def test_before_the_retraction_under_as_of_nothing_is_reported(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    items = "  - {id: copy, summary: y, source: copycat, date: 2024-05-01, stance: {c: supports}}\n"
    dated = ORIGINAL.replace("credibility: 2,", "credibility: 2, date: 2024-04-30,")
    write(tmp_path / "l.yaml", SOURCES + "evidence:\n" + dated + items)
    args = ["check", "l.yaml", "--format", "json", "--select", "CL416", "--as-of"]
    before = cli([*args, "2024-05-02"], cwd=tmp_path).json()["diagnostics"]
    after = cli([*args, "2024-05-05"], cwd=tmp_path).json()["diagnostics"]
    assert before == []
    assert [d["line"] for d in after] == [10]


def test_the_original_is_not_told_to_retract_for_its_withdrawn_copy(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A review: with the republisher's copy retracted, the original was told it
    counts in the line of a retracted item and to retract too. The copy depends on the
    original, not the reverse; a republisher of a republisher is in the line."""
    text = (
        "sources:\n  - {id: daily, name: D, reliability: B}\n"
        "  - {id: copycat, name: C, reliability: D, derived_from: [daily]}\n"
        "  - {id: digest, name: G, reliability: D, derived_from: [copycat]}\n"
        "claims:\n  - {id: c, statement: S.}\nevidence:\n"
        "  - {id: original, summary: x, source: daily, stance: {c: supports}}\n"
        "  - {id: copy, summary: y, source: copycat, retracted: true, stance: {c: supports}}\n"
        "  - {id: digest-copy, summary: z, source: digest, stance: {c: supports}}\n"
    )
    write(tmp_path / "l.yaml", text)
    args = ["check", "l.yaml", "--format", "json", "--select", "CL416"]
    found = cli(args, cwd=tmp_path).json()["diagnostics"]
    assert [d["message"] for d in found] == [
        "evidence 'digest-copy' counts for claim 'c' though 'copy', in its line of "
        "reporting, is retracted"
    ]


def test_a_word_for_word_copy_of_a_retracted_quote_is_reported(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """An analyst's review: a blog carrying a withdrawn wire item's quote word for word
    kept the claim `supported` at 80%; CL413 named the copy without saying the original
    was withdrawn. Copies of one quote are one line (property 17), so CL416 names it;
    a copy the other way, or of a quote too short to mark a copy, is not one."""
    quote = "The minister accepted envelopes of cash from the contractor"
    original = ORIGINAL.replace("stance:", f'quote: "{quote}", stance:')
    write(
        tmp_path / "l.yaml",
        SOURCES
        + "evidence:\n"
        + original
        + f'  - {{id: blog, summary: y, source: wire, quote: "{quote}.",'
        + " stance: {c: supports}}\n"
        + f'  - {{id: other, summary: z, source: wire, quote: "{quote}",'
        + " stance: {c: refutes}}\n"
        + '  - {id: short, summary: z, source: wire, quote: "Yes.", stance: {c: supports}}\n',
    )
    done = cli(["check", "l.yaml", "--format", "json", "--select", "CL416"], cwd=tmp_path)
    assert [d["message"] for d in done.json()["diagnostics"]] == [
        "evidence 'blog' counts for claim 'c' though 'original', in its line of reporting, "
        "is retracted",
    ]
