"""Hostile shapes (issue 8): small inputs that once made claimlog do quadratic work or
build huge outputs, each generated at ``--scale`` times (default 10) the size that
hurt and run as real ``claimlog check`` (text and JSON) and ``claimlog summary``
subprocesses. Each run prints its wall time, the peak RSS of the child
(``os.wait4``'s ``ru_maxrss``, bench/measure.py) and the size of its output; none may take over
``LIMIT_SECONDS`` or ``LIMIT_BYTES``. A run over a limit (or killed at
``--timeout``) makes the script exit 1.

Usage: python bench/hostile.py [--scale 10] [--only one-line,aliases] [--timeout 60]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from measure import measure  # bench/measure.py: the script's own directory is on sys.path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "hostile"
CLAIMLOG = str(Path(sys.executable).parent / "claimlog")
LIMIT_SECONDS = 10.0
LIMIT_BYTES = 1 << 30
MAX_FILE_BYTES = 16 * 1024 * 1024
"""The loader's file-size limit when these shapes were set (issue 8). Issue 13 raised it to
256 MiB, with a value budget that grows with a file's size (claimlog.loader.value_budget):
a file over 16 MiB may cost more, in proportion to its size (bench/README.md)."""

SOURCE = "  - {id: %s, name: S, kind: outlet, reliability: B}\n"
CLAIM = "  - {id: %s, statement: C.%s}\n"
ITEM = "  - {id: %s, summary: I., source: %s, credibility: 2, stance: {%s: supports}}\n"


def _write(directory: Path, name: str, parts: list[str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.yaml"):
        old.unlink()
    (directory / name).write_text("".join(parts), encoding="utf-8")


def one_line(n: int, d: Path) -> str:
    """n unknown references on one line: one ``via`` flow list of n unknown ids."""
    via = ", ".join(f"unknown-{i:07d}" for i in range(n))
    _write(
        d,
        "one-line.yaml",
        [
            "sources:\n",
            SOURCE % "s",
            "claims:\n",
            CLAIM % ("c", ""),
            "evidence:\n",
            f"  - {{id: e, summary: I., source: s, credibility: 2, stance: {{c: supports}}, "
            f"via: [{via}]}}\n",
        ],
    )
    return f"{n:,} CL201 findings on one line of {len(via):,} characters"


def did_you_mean(n: int, d: Path) -> str:
    """n sources and n items, each citing its source with a typo: n did-you-means
    against n candidates."""
    parts = ["sources:\n"]
    parts += [SOURCE % f"source-{i:06d}" for i in range(n)]
    parts += ["claims:\n", CLAIM % ("c", ""), "evidence:\n"]
    parts += [ITEM % (f"e{i}", f"sourse-{i:06d}", "c") for i in range(n)]
    _write(d, "did-you-mean.yaml", parts)
    return f"{n:,} unknown sources (typos) among {n:,} sources"


def lonely_groups(n: int, d: Path) -> str:
    """n groups of one claim each, every claim with one item."""
    parts = ["sources:\n", SOURCE % "s", "claims:\n"]
    parts += [f"  - {{id: c{i}, statement: C., group: g{i}}}\n" for i in range(n)]
    parts += ["evidence:\n"]
    parts += [ITEM % (f"e{i}", "s", f"c{i}") for i in range(n)]
    _write(d, "lonely-groups.yaml", parts)
    return f"{n:,} single-claim groups"


def big_group(n: int, d: Path) -> str:
    """One group of n claims, one item on each from its own source."""
    parts = ["sources:\n"]
    parts += [SOURCE % f"s{i}" for i in range(n)]
    parts += ["claims:\n"]
    parts += [f"  - {{id: c{i}, statement: C., group: g}}\n" for i in range(n)]
    parts += ["evidence:\n"]
    parts += [ITEM % (f"e{i}", f"s{i}", f"c{i}") for i in range(n)]
    _write(d, "big-group.yaml", parts)
    return f"one group of {n:,} claims, {n:,} items"


def one_source(n: int, d: Path) -> str:
    """n items from one source on one claim."""
    parts = ["sources:\n", SOURCE % "s", "claims:\n", CLAIM % ("c", ""), "evidence:\n"]
    parts += [ITEM % (f"e{i}", "s", "c") for i in range(n)]
    _write(d, "one-source.yaml", parts)
    return f"{n:,} items from one source on one claim"


def one_quote(n: int, d: Path) -> str:
    """n items from n sources on one claim, each carrying the same quote: one class of n
    copies (every copy once rested on every other: n x n edges and speakers)."""
    parts = ["sources:\n", *(SOURCE % f"s{i}" for i in range(n)), "claims:\n", CLAIM % ("c", "")]
    parts.append("evidence:\n")
    quote = ", quote: 'the same words of one quote'}\n"
    parts += [ITEM.replace("}\n", quote) % (f"e{i}", f"s{i}", "c") for i in range(n)]
    _write(d, "one-quote.yaml", parts)
    return f"{n:,} copies of one quote from {n:,} sources on one claim"


def echo_chain(n: int, d: Path) -> str:
    """n items, each resting on the one before (``based_on``), from n sources of n
    affiliations, every source a claimant of the claim: each item speaks for all before
    it (who spoke were sets of ids, quadratic; so was the walk for borrowed stances)."""
    parts = ["sources:\n"]
    parts += [SOURCE.replace("}\n", f", affiliation: [a{i}]}}\n") % f"s{i}" for i in range(n)]
    parties = ", ".join(f"a{i}" for i in range(n))
    claimants = ", ".join(f"s{i}" for i in range(n))
    parts += ["claims:\n", f"  - {{id: c, statement: C., parties: [{parties}], "]
    parts += [f"claimed_by: [{claimants}]}}\n", "evidence:\n", ITEM % ("e0", "s0", "c")]
    based = "}, based_on: [e%d]}\n"
    parts += [ITEM.replace("}}\n", based) % (f"e{i}", f"s{i}", "c", i - 1) for i in range(1, n)]
    _write(d, "echo-chain.yaml", parts)
    return f"a chain of {n:,} echoes from {n:,} claimants"


def echo_claims(n: int, d: Path) -> str:
    """n items, each resting on the one before and supporting a claim of its own (no
    group): each borrowed the stances of all before it (the walk and its result grew
    with the square: 2.8 s and 487 MB at 4,000)."""
    parts = ["sources:\n", *(SOURCE % f"s{i}" for i in range(n)), "claims:\n"]
    parts += [CLAIM % (f"c{i}", "") for i in range(n)]
    parts += ["evidence:\n", ITEM % ("e0", "s0", "c0")]
    based = "}, based_on: [e%d]}\n"
    parts += [ITEM.replace("}}\n", based) % (f"e{i}", f"s{i}", f"c{i}", i - 1) for i in range(1, n)]
    _write(d, "echo-claims.yaml", parts)
    return f"a chain of {n:,} echoes, each on a claim of its own"


def republisher_chain(n: int, d: Path) -> str:
    """n sources, each republishing the one before (``derived_from``), every one a
    claimant, and one item from each: each source speaks for all before it."""
    parts = ["sources:\n", SOURCE % "s0"]
    derived = "B, derived_from: [s%d]}\n"
    parts += [SOURCE.replace("B}\n", derived) % (f"s{i}", i - 1) for i in range(1, n)]
    claimants = ", ".join(f"s{i}" for i in range(n))
    parts += ["claims:\n", f"  - {{id: c, statement: C., claimed_by: [{claimants}]}}\n"]
    parts += ["evidence:\n", *(ITEM % (f"e{i}", f"s{i}", "c") for i in range(n))]
    _write(d, "republisher-chain.yaml", parts)
    return f"a chain of {n:,} republishers, all claimants, one item from each"


def via_typos(n: int, d: Path) -> str:
    """n sources, and one item relayed through n ids each a letter off one of them: each
    hint looked for its id in the whole list (a list, not a set)."""
    parts = ["sources:\n", *(SOURCE % f"source-{i:06d}" for i in range(n)), "claims:\n"]
    relays = ", ".join(f"sourse-{i:06d}" for i in range(n))
    parts += [CLAIM % ("c", ""), "evidence:\n"]
    parts.append(ITEM.replace("}}\n", f"}}, via: [{relays}]}}\n") % ("e", "source-000000", "c"))
    _write(d, "via-typos.yaml", parts)
    return f"one item relayed through {n:,} misspelt ids"


def _cased(i: int) -> str:
    """The i-th of 2^20 spellings of one word in two cases."""
    return "x" + "".join("A" if bit == "1" else "a" for bit in f"{i:020b}")


def case_variants(n: int, d: Path) -> str:
    """n sources whose ids differ only in case, and n items citing n other spellings:
    each hint listed every spelling of the word before taking the first."""
    parts = ["sources:\n", *(SOURCE % _cased(2 * i) for i in range(n)), "claims:\n"]
    parts += [CLAIM % ("c", ""), "evidence:\n"]
    parts += [ITEM % (f"e{i}", _cased(2 * i + 1), "c") for i in range(n)]
    _write(d, "case-variants.yaml", parts)
    return f"{n:,} sources differing only in case, {n:,} items citing other spellings"


def hub_source(n: int, d: Path) -> str:
    """One source republishing n others, and n items from it: each item's quality walked
    the hub's n origins."""
    roots = ", ".join(f"r{i}" for i in range(n))
    parts = ["sources:\n", *(SOURCE % f"r{i}" for i in range(n))]
    parts.append(SOURCE.replace("B}\n", f"B, derived_from: [{roots}]}}\n") % "hub")
    parts += ["claims:\n", CLAIM % ("c", ""), "evidence:\n"]
    parts += [ITEM % (f"e{i}", "hub", "c") for i in range(n)]
    _write(d, "hub-source.yaml", parts)
    return f"{n:,} items from one source that republishes {n:,} others"


def origin_chain(n: int, d: Path) -> str:
    """n republishers, each of the one before and of a source of its own, and an item
    from each: every republisher has every origin before it (as sets of names, the
    square of n: 5,000 took 5.0 s and 700 MB)."""
    parts = ["sources:\n", *(SOURCE % f"o{i}" for i in range(n)), SOURCE % "s0"]
    derived = "B, derived_from: [s%d, o%d]}\n"
    parts += [SOURCE.replace("B}\n", derived) % (f"s{i}", i - 1, i) for i in range(1, n)]
    parts += ["claims:\n", CLAIM % ("c", ""), "evidence:\n"]
    parts += [ITEM % (f"e{i}", f"s{i}", "c") for i in range(n)]
    _write(d, "origin-chain.yaml", parts)
    return f"a chain of {n:,} republishers that each add an origin, an item from each"


def republisher_fan(n: int, d: Path) -> str:
    """A hub republishing n sources, and n sources each republishing the hub and a
    source of its own, an item from each: n sets of n + 1 origins (4,000 took 6.2 s
    and 660 MB)."""
    parts = ["sources:\n", *(SOURCE % f"o{i}" for i in range(n))]
    parts += [SOURCE % f"x{i}" for i in range(n)]
    hub = ", ".join(f"o{i}" for i in range(n))
    parts.append(SOURCE.replace("B}\n", f"B, derived_from: [{hub}]}}\n") % "hub")
    derived = "B, derived_from: [hub, x%d]}\n"
    parts += [SOURCE.replace("B}\n", derived) % (f"f{i}", i) for i in range(n)]
    parts += ["claims:\n", CLAIM % ("c", ""), "evidence:\n"]
    parts += [ITEM % (f"e{i}", f"f{i}", "c") for i in range(n)]
    _write(d, "republisher-fan.yaml", parts)
    return f"{n:,} republishers of one hub of {n:,} sources and of one source each"


def echo_fan(n: int, d: Path) -> str:
    """n items, an item resting on all of them, and n items each resting on that one
    and on one of the n: n copies of a set of n origins (4,000 took 0.8 s and 557 MB)."""
    parts = ["sources:\n", *(SOURCE % f"s{i}" for i in range(n))]
    parts += ["claims:\n", CLAIM % ("c", ""), "evidence:\n"]
    parts += [ITEM % (f"o{i}", f"s{i}", "c") for i in range(n)]
    based = "}, based_on: [%s]}\n"
    hub = ", ".join(f"o{i}" for i in range(n))
    parts.append(ITEM.replace("}}\n", based) % ("hub", "s0", "c", hub))
    parts += [ITEM.replace("}}\n", based) % (f"f{i}", f"s{i}", "c", f"hub, o{i}") for i in range(n)]
    _write(d, "echo-fan.yaml", parts)
    return f"{n:,} echoes of one item resting on {n:,} others, and of one of them each"


def group_echo_chain(n: int, d: Path) -> str:
    """n items, each resting on the one before and refuting its own claim of one group:
    each carries the stances of all before it, n^2/2 (2,000 took 8.3 s and 806 MB, 4,000
    40 s and 3.1 GB), until the walk's budget stops it (CL305). (Supporting its own
    claim, each would dispute the supports before it and take none.)"""
    claim = "  - {id: %s, statement: C., group: g}\n"
    item = ITEM.replace("supports", "refutes")
    parts = ["sources:\n", *(SOURCE % f"s{i}" for i in range(n)), "claims:\n"]
    parts += [claim % f"c{i}" for i in range(n)]
    parts += ["evidence:\n", item % ("e0", "s0", "c0")]
    based = "}, based_on: [e%d]}\n"
    parts += [item.replace("}}\n", based) % (f"e{i}", f"s{i}", f"c{i}", i - 1) for i in range(1, n)]
    _write(d, "group-echo-chain.yaml", parts)
    return f"a chain of {n:,} echoes, each on its own claim of one group"


def rival_claimants(n: int, d: Path) -> str:
    """One group of n claims, each made by its own source of its own affiliation, whose
    item refutes the next claim: whoever makes an answer is a party to every other, and
    a list of rivals per claim would be n^2 (kept per group and asked per item)."""
    source = "  - {id: s%d, name: S, reliability: B, affiliation: [side-%d]}\n"
    claim = "  - {id: c%d, statement: C., group: g, claimed_by: [s%d]}\n"
    item = "  - {id: e%d, summary: I., source: s%d, credibility: 2, stance: {c%d: refutes}}\n"
    parts = ["sources:\n", *(source % (i, i) for i in range(n)), "claims:\n"]
    parts += [claim % (i, i) for i in range(n)]
    parts += ["evidence:\n", *(item % (i, i, (i + 1) % n) for i in range(n))]
    _write(d, "rival-claimants.yaml", parts)
    return f"one group of {n:,} claims, each made by its own source, refuting the next"


def retracted_copies(n: int, d: Path) -> str:
    """One claim with n retracted reports from n sources, a chain of n republishers
    of all of them (each derived from the one before) and 2n items of the last (CL416
    compared every counted item with every retracted one: n^2; its sets of sources are
    bits)."""
    parts = ["sources:\n", *(SOURCE % f"r{i}" for i in range(n))]
    everyone = ", ".join(f"r{i}" for i in range(n))
    parts.append(SOURCE.replace("B}\n", f"B, derived_from: [{everyone}]}}\n") % "p0")
    derived = "B, derived_from: [p%d]}\n"
    parts += [SOURCE.replace("B}\n", derived) % (f"p{i}", i - 1) for i in range(1, n)]
    parts += ["claims:\n", CLAIM % ("k", ""), "evidence:\n"]
    gone = "}, retracted: true}\n"
    parts += [ITEM.replace("}}\n", gone) % (f"w{i}", f"r{i}", "k") for i in range(n)]
    parts += [ITEM % (f"c{i}", f"p{n - 1}", "k") for i in range(2 * n)]
    _write(d, "retracted-copies.yaml", parts)
    return f"{n:,} retracted reports, a chain of {n:,} republishers, {2 * n:,} copies"


def unclosed_suppressions(n: int, d: Path) -> str:
    """One comment of n suppressions left open (``#claimlog:ignore[`` with no ``]``):
    each scanned the rest of the line (8,000 took 3.2 s, 16,000 12 s)."""
    _write(d, "unclosed-suppressions.yaml", ["title: x", " #claimlog:ignore[" * n, "\n"])
    return f"one line of {n:,} suppressions left open"


def _s4(i: int) -> str:
    """Four letters or digits, the i-th such word."""
    return "".join("abcdefghijklmnopqrstuvwxyz0123456789"[(i // 36**k) % 36] for k in range(4))


def key_colon_spaces(n: int, d: Path) -> str:
    """``summary:Reported`` (no space after the colon), n spaces and a word: explaining
    the syntax error backtracked in the square of the spaces (20,000 took 5.7 s)."""
    _write(d, "key-colon-spaces.yaml", ["title: x\nsummary:Reported", " " * n, "x\nauthor: y\n"])
    return f"a key without a space after its colon, then {n:,} spaces"


def tight_comment_list(n: int, d: Path) -> str:
    """A flow list of n values on one line, then a comment with no space after its
    ``#``: the line was copied for each value (80,000 took 1.3 s, 320,000 20.6 s)."""
    _write(d, "tight-comment-list.yaml", ["title: [", ", ".join(["a"] * n), "] #c\n"])
    return f"a flow list of {n:,} values and a comment right after its '#'"


def padded_grade(n: int, d: Path) -> str:
    """An item whose credibility is ``A``, n spaces and ``x``: telling whether it was an
    Admiralty code backtracked in the square of the spaces (20,000 took 2.2 s)."""
    parts = ["sources:\n", SOURCE % "s", "claims:\n", CLAIM % ("c", ""), "evidence:\n"]
    parts.append(ITEM.replace("credibility: 2", f"credibility: A{' ' * n}x") % ("e", "s", "c"))
    _write(d, "padded-grade.yaml", parts)
    return f"a credibility of 'A', {n:,} spaces and 'x'"


def misspelt_sections(n: int, d: Path) -> str:
    """n top-level keys close to a section's name (``claimz0a1b``): each unread key
    scanned all of the file's findings (5,000 took 2.1 s, 40,000 78 s)."""
    parts = ["claims:\n", CLAIM % ("c", "")]
    parts += [f"claimz{_s4(i)}: x\n" for i in range(n)]
    _write(d, "misspelt-sections.yaml", parts)
    return f"{n:,} misspelt section keys"


def many_rule_suppression(n: int, d: Path) -> str:
    """A file-wide suppression naming a rule n times, and an item relayed by n unknown
    sources: each finding read every word (2,000 took 1.3 s, 8,000 20 s)."""
    via = ", ".join(f"u{i}" for i in range(n))
    parts = ["# claimlog: ignore[", ", ".join(["CL405"] * n), "]\n", "sources:\n", SOURCE % "s"]
    parts += ["claims:\n", CLAIM % ("c", ""), "evidence:\n"]
    parts.append(ITEM.replace("}}\n", f"}}, via: [{via}]}}\n") % ("e", "s", "c"))
    _write(d, "many-rule-suppression.yaml", parts)
    return f"a file-wide suppression of {n:,} words, {n:,} unknown relays"


def tab_lines(n: int, d: Path) -> str:
    """n block entries, each with a key indented by a tab: CL010 reports every such tab
    at once by parsing the file again after each (bounded by 100 tabs and 32 million
    characters parsed; each parse recounting the file's lines took 2.4 s at 20,000)."""
    parts = ["evidence:\n"]
    parts += [f"  - id: e{i}\n\tsummary: I.\n    source: s\n" for i in range(n)]
    _write(d, "tab-lines.yaml", parts)
    return f"{n:,} entries with a tab in their indentation"


def duplicated_ids(n: int, d: Path) -> str:
    """n evidence items defined twice, each definition marking its own claim of one
    exhaustive pair whose claims name parties: the definitions set aside hold back the
    claims they mark (LedgerSet.lost_marks), and CL417 weighs each item's other mark."""
    parts = ["groups: [{id: g, exhaustive: true}]\nsources:\n", SOURCE % "s", "claims:\n"]
    parts += [CLAIM % (c, ", group: g, parties: [p]") for c in ("a", "b")]
    parts.append("evidence:\n")
    parts += [ITEM % (f"e{i}", "s", "a") + ITEM % (f"e{i}", "s", "b") for i in range(n)]
    _write(d, "duplicated-ids.yaml", parts)
    return f"{n:,} evidence ids defined twice in an exhaustive pair"


def _remove_chain(d: Path) -> None:
    """Remove the tree :func:`deep_folder` made, one folder at a time from the bottom
    (``shutil.rmtree`` recurses per level: a tree 1,250 deep ran past Python's limit on
    the bench's second run)."""
    chain = [d]
    while (chain[-1] / "a").is_dir():
        chain.append(chain[-1] / "a")
    for folder in reversed(chain):
        for entry in folder.iterdir():
            if not entry.is_dir():
                entry.unlink()
        folder.rmdir()


def deep_folder(n: int, d: Path) -> str:
    """1,000 small ledgers in one folder n folders deep: each file's path was resolved
    from the top, every folder on the way by a path as long as the depth (125 deep took
    1.7 s, 1,000 deep 89 s). The deepest such tree fits the system's path limit (4,096
    bytes) at about 2,000."""
    if d.exists():
        _remove_chain(d)
    d.mkdir(parents=True)
    folder = d
    for _ in range(n):  # one level at a time (mkdir's parents=True recurses per level)
        folder = folder / "a"
        folder.mkdir()
    for i in range(1_000):
        (folder / f"x{i}.yaml").write_text(CLAIM.replace("  - ", "claims:\n  - ") % (f"c{i}", ""))
    return f"1,000 ledgers in one folder {n:,} deep"


def suppressions(n: int, d: Path) -> str:
    """n suppression comments, each on a line with a finding it suppresses (a block
    ``via`` list of unknown ids), and n more that suppress nothing."""
    parts = [
        "sources:\n",
        SOURCE % "s",
        "claims:\n",
        CLAIM % ("c", ""),
        "evidence:\n",
        "  - id: e\n    summary: I.\n    source: s\n    credibility: 2\n",
        "    stance: {c: supports}\n    via:\n",
    ]
    parts += [f"      - unknown-{i:07d}  # claimlog: ignore[CL201]\n" for i in range(n)]
    parts += [f"# claimlog: ignore[CL406] {i}\n" for i in range(n)]
    _write(d, "suppressions.yaml", parts)
    return f"{2 * n:,} suppression comments, {n:,} findings suppressed"


def indented(n: int, d: Path) -> str:
    """A first line of n x 10 spaces before its content, in a file with a suppression:
    where the file's content starts is found by reading that line."""
    parts = [" " * (10 * n) + "title: x  # claimlog: ignore[CL405]\n"]
    _write(d, "indented.yaml", parts)
    return f"{10 * n:,} spaces before the first content"


def cycle(n: int, d: Path) -> str:
    """A derived_from cycle through n sources of their own affiliations, all cited by one
    item, and an item from each: every member's origin is the whole cycle. (Until a
    hunt, this wrote a file that did not parse: ``rstrip`` took both closing braces, so
    the shape measured one syntax error; the cycle then took 11 s at 10,000.)"""
    parts = ["sources:\n"]
    parts += [
        f"  - {{id: s{i}, name: S, kind: outlet, reliability: B, affiliation: [a{i}], "
        f"derived_from: [s{(i + 1) % n}]}}\n"
        for i in range(n)
    ]
    parts += ["claims:\n", CLAIM % ("c", ""), "evidence:\n"]
    via = ", ".join(f"s{i}" for i in range(1, n))
    parts.append((ITEM % ("e", "s0", "c"))[:-2] + f", via: [{via}]}}\n")
    parts += [ITEM % (f"e{i}", f"s{i}", "c") for i in range(n)]
    _write(d, "cycle.yaml", parts)
    return f"a derived_from cycle of {n:,} sources, one item through all, one from each"


def aliases(n: int, d: Path) -> str:
    """n aliases (CL004 each) in one flow list of one file; past the loader's file
    size limit when the file would be larger."""
    body = ",".join(["*a"] * (n - 1))
    text = f"x: [&a 1,{body}]\n"
    _write(d, "aliases.yaml", [text])
    return f"{n:,} aliases, {len(text) / 1e6:.1f} MB"


def entities(n: int, d: Path) -> str:
    """n tiny (empty, invalid) sources in one file."""
    text = "sources: [" + ",".join(["{}"] * n) + "]\n"
    _write(d, "entities.yaml", [text])
    return f"{n:,} tiny entities, {len(text) / 1e6:.1f} MB"


@dataclass(frozen=True)
class Shape:
    name: str
    hurt: int
    """The size that hurt before issue 8."""
    make: Callable[[int, Path], str]


SHAPES = [
    Shape("one-line", 10_000, one_line),
    Shape("did-you-mean", 1_000, did_you_mean),
    Shape("lonely-groups", 2_000, lonely_groups),
    Shape("big-group", 5_000, big_group),
    Shape("one-source", 10_000, one_source),
    Shape("one-quote", 2_000, one_quote),
    Shape("echo-chain", 5_000, echo_chain),
    Shape("republisher-chain", 5_000, republisher_chain),
    Shape("echo-claims", 4_000, echo_claims),
    Shape("via-typos", 2_000, via_typos),
    Shape("case-variants", 2_000, case_variants),
    Shape("hub-source", 2_000, hub_source),
    Shape("origin-chain", 5_000, origin_chain),
    Shape("republisher-fan", 4_000, republisher_fan),
    Shape("echo-fan", 4_000, echo_fan),
    Shape("group-echo-chain", 2_000, group_echo_chain),
    Shape("rival-claimants", 2_000, rival_claimants),
    Shape("retracted-copies", 2_000, retracted_copies),
    Shape("unclosed-suppressions", 8_000, unclosed_suppressions),
    Shape("key-colon-spaces", 10_000, key_colon_spaces),
    Shape("tight-comment-list", 80_000, tight_comment_list),
    Shape("padded-grade", 20_000, padded_grade),
    Shape("misspelt-sections", 5_000, misspelt_sections),
    Shape("many-rule-suppression", 2_000, many_rule_suppression),
    Shape("deep-folder", 125, deep_folder),
    Shape("suppressions", 10_000, suppressions),
    Shape("indented", 1_000, indented),
    Shape("cycle", 5_000, cycle),
    Shape("aliases", 1_000_000, aliases),
    Shape("entities", 600_000, entities),
    Shape("tab-lines", 20_000, tab_lines),
    Shape("duplicated-ids", 10_000, duplicated_ids),
]

MAX_VALUES = 2_000_000
"""The loader's limit of values per file (claimlog.loader.MAX_VALUES)."""

# Shapes whose 10x file would pass the file-size limit are also run at the largest
# size under it, so that the limit is not the only thing measured; tiny entities also
# at the largest count under the limit of values per file (the list and the top-level
# mapping and its key are three values).
AT_LIMIT = {
    "aliases": [((MAX_FILE_BYTES - 32) // 3, "at the size limit")],
    "entities": [
        ((MAX_FILE_BYTES - 32) // 3, "at the size limit"),
        (MAX_VALUES - 3, "at the value limit"),
    ],
}

COMMANDS = {
    "check": ["check", "--color", "never"],
    "check json": ["check", "--format", "json"],
    "summary": ["summary", "--color", "never"],
}


def run(scale: int, only: set[str], timeout: float) -> dict[str, Any]:
    results: list[dict[str, Any]] = []
    cases = []
    for shape in SHAPES:
        if only and shape.name not in only:
            continue
        size = shape.hurt * scale
        cases.append((shape, size, shape.name))
        for limit, which in AT_LIMIT.get(shape.name, []):
            if limit < size:
                cases.append((shape, limit, f"{shape.name} ({which})"))
    for shape, size, label in cases:
        directory = OUT / "-".join(label.replace("(", "").replace(")", "").split())
        what = shape.make(size, directory)
        print(f"{label}: {what}", flush=True)
        row: dict[str, Any] = {"shape": label, "size": size, "what": what, "runs": {}}
        for name, args in COMMANDS.items():
            res = measure([CLAIMLOG, *args, str(directory)], timeout)
            res["ok"] = (
                res["wall"] <= LIMIT_SECONDS
                and res["rss"] <= LIMIT_BYTES
                and res["returncode"] in (0, 1)
            )
            row["runs"][name] = res
            flag = "" if res["ok"] else f"  OVER A LIMIT (exit {res['returncode']})"
            print(
                f"  {name:<11} {res['wall']:7.2f} s (cpu {res['cpu']:6.2f} s)  "
                f"{res['rss'] / 2**20:7.0f} MB  "
                f"exit {res['returncode']}  output {res['output_bytes']:,} bytes{flag}",
                flush=True,
            )
            if res["returncode"] not in (0, 1):
                print("    " + res["tail"].strip().replace("\n", "\n    "), flush=True)
        results.append(row)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "scale": scale,
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "limits": {"seconds": LIMIT_SECONDS, "bytes": LIMIT_BYTES},
        "shapes": results,
    }


def table(results: dict[str, Any]) -> str:
    lines = [
        f"Hostile shapes at {results['scale']}x (limits: {LIMIT_SECONDS:g} s, "
        f"{LIMIT_BYTES / 2**30:g} GB); wall s (CPU s) / peak RSS MB / output bytes; "
        f"load average {results['load']}:",
    ]
    for row in results["shapes"]:
        cells = [
            f"{name} {r['wall']:.2f} s (cpu {r['cpu']:.2f}) {r['rss'] / 2**20:.0f} MB "
            f"{r['output_bytes']:,} B" + ("" if r["ok"] else " OVER")
            for name, r in row["runs"].items()
        ]
        lines.append(f"  {row['shape']}: " + "; ".join(cells))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10, help="times the size that hurt (10)")
    parser.add_argument("--only", default="", help="comma-separated shape names")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run (60)")
    args = parser.parse_args()
    os.environ["CLAIMLOG_NO_CACHE"] = "1"  # every run does the whole work
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = only - {s.name for s in SHAPES}
    if unknown:
        sys.exit(f"unknown shape(s): {', '.join(sorted(unknown))}")
    results = run(args.scale, only, args.timeout)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(table(results))
    over = [r["shape"] for r in results["shapes"] if not all(x["ok"] for x in r["runs"].values())]
    if over:
        sys.exit(f"over a limit: {', '.join(over)}")


if __name__ == "__main__":
    main()
