"""Inline suppressions: ``# claimlog: ignore[...]`` comments drop matching findings;
a suppression that matches nothing is itself reported (CL501)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import rules as R
from ..diagnostics import Diagnostic, diag
from ..ledgerset import LedgerSet
from ..loader import Suppression
from ..rules import rule_code

EMITS = (R.UNUSED_SUPPRESSION,)
"""The rules the suppressions report."""


def _by_line(
    by_file: dict[str, list[Suppression]],
) -> tuple[dict[str, list[int]], dict[tuple[str, int], list[int]]]:
    """The indexes of the file-wide suppressions of each file, and of the suppressions
    on each (path, line)."""
    whole: dict[str, list[int]] = {}
    on_line: dict[tuple[str, int], list[int]] = {}
    for path, suppressions in by_file.items():
        for k, s in enumerate(suppressions):
            if s.whole_file:
                whole.setdefault(path, []).append(k)
            else:
                on_line.setdefault((path, s.span[0]), []).append(k)
    return whole, on_line


def apply(
    findings: Iterable[Diagnostic],
    ls: LedgerSet,
    enabled: set[str] | None,
    report_unused: bool = True,
) -> list[Diagnostic]:
    """The findings no suppression covers, and a CL501 for each unused suppression.
    A finding is looked up by its line (the suppressions there and the file-wide ones,
    in file order), never tested against every suppression of its file.

    Without ``report_unused`` (part of the set is not read, so a suppression may be
    unused only for that) a suppression that suppresses nothing is not reported. A file
    that was not read reports nothing about its suppressions: its comments were found
    in text that was not parsed, so they may well be inside values."""
    by_file = {path: f.suppressions for path, f in ls.loaded.items() if f.suppressions}
    if not by_file:
        return list(findings)
    used: set[tuple[str, int, str]] = set()
    kept = _sift(findings, by_file, used)
    for path, suppressions in sorted(by_file.items()):
        if ls.loaded[path].root is not None:
            kept.extend(_unused(path, suppressions, used, enabled, report_unused))
    return kept


def unsuppressed(findings: Iterable[Diagnostic], ls: LedgerSet) -> list[Diagnostic]:
    """The findings no suppression covers (nothing reported about the suppressions)."""
    by_file = {path: f.suppressions for path, f in ls.loaded.items() if f.suppressions}
    return _sift(findings, by_file, set()) if by_file else list(findings)


def _sift(
    findings: Iterable[Diagnostic],
    by_file: dict[str, list[Suppression]],
    used: set[tuple[str, int, str]],
) -> list[Diagnostic]:
    """The findings no suppression of ``by_file`` covers; adds ``(path, index, word)``
    of each suppression that covers one to ``used``."""
    whole, on_line = _by_line(by_file)
    kept: list[Diagnostic] = []
    for d in findings:
        here = on_line.get((d.path, d.line), [])
        everywhere = whole.get(d.path, [])
        candidates = sorted(here + everywhere) if here and everywhere else here or everywhere
        hit = next(
            (
                (d.path, k, word)
                for k in candidates
                for word in by_file[d.path][k].words
                if rule_code(word) == d.code
            ),
            None,
        )
        if hit:
            used.add(hit)
        else:
            kept.append(d)
    return kept


def _unused(
    path: str,
    suppressions: list[Suppression],
    used: set[tuple[str, int, str]],
    enabled: set[str] | None,
    report_unused: bool,
) -> Iterator[Diagnostic]:
    """A CL501 for each suppression of ``path`` that names no rule or an unknown rule,
    and (with ``report_unused``) for each enabled rule it names that it did not use."""
    for k, s in enumerate(suppressions):
        scope = "file-wide suppression" if s.whole_file else "suppression"
        if not s.words:
            yield diag(R.UNUSED_SUPPRESSION, path, s.span, f"{scope} names no rule")
        for word in s.words:
            code = rule_code(word)
            if code is None:
                message = f"{scope} names unknown rule '{word}'"
                yield diag(R.UNUSED_SUPPRESSION, path, s.span, message)
            elif (
                report_unused
                and (path, k, word) not in used
                and (enabled is None or code in enabled)
            ):
                message = f"{scope} of {word} suppresses nothing"
                yield diag(R.UNUSED_SUPPRESSION, path, s.span, message)
