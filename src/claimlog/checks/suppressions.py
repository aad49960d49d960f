"""Inline suppressions: ``# claimlog: ignore[...]`` comments drop matching findings;
a suppression that matches nothing is itself reported (CL501)."""

from __future__ import annotations

from collections.abc import Iterable

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
    findings: Iterable[Diagnostic], ls: LedgerSet, enabled: set[str] | None
) -> list[Diagnostic]:
    """The findings no suppression covers, and a CL501 for each unused suppression.
    A finding is looked up by its line (the suppressions there and the file-wide ones,
    in file order), never tested against every suppression of its file."""
    by_file = {path: f.suppressions for path, f in ls.loaded.items() if f.suppressions}
    if not by_file:
        return list(findings)
    whole, on_line = _by_line(by_file)
    used: set[tuple[str, int, str]] = set()
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
    for path, suppressions in sorted(by_file.items()):
        for k, s in enumerate(suppressions):
            scope = "file-wide suppression" if s.whole_file else "suppression"
            if not s.words:
                kept.append(diag(R.UNUSED_SUPPRESSION, path, s.span, f"{scope} names no rule"))
            for word in s.words:
                code = rule_code(word)
                if code is None:
                    kept.append(
                        diag(
                            R.UNUSED_SUPPRESSION,
                            path,
                            s.span,
                            f"{scope} names unknown rule '{word}'",
                        )
                    )
                elif (path, k, word) not in used and (enabled is None or code in enabled):
                    kept.append(
                        diag(
                            R.UNUSED_SUPPRESSION,
                            path,
                            s.span,
                            f"{scope} of {word} suppresses nothing",
                        )
                    )
    return kept
