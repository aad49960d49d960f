"""Inline suppressions: ``# claimlog: ignore[...]`` comments drop matching findings;
a suppression that matches nothing is itself reported (CL501)."""

from __future__ import annotations

from collections.abc import Iterable

from .. import rules as R
from ..diagnostics import Diagnostic, diag
from ..ledgerset import LedgerSet
from ..rules import rule_code

EMITS = (R.UNUSED_SUPPRESSION,)
"""The rules the suppressions report."""


def apply(
    findings: Iterable[Diagnostic], ls: LedgerSet, enabled: set[str] | None
) -> list[Diagnostic]:
    """The findings no suppression covers, and a CL501 for each unused suppression."""
    by_file = {path: f.suppressions for path, f in ls.loaded.items() if f.suppressions}
    if not by_file:
        return list(findings)
    used: set[tuple[str, int, str]] = set()
    kept: list[Diagnostic] = []
    for d in findings:
        hit = None
        for k, s in enumerate(by_file.get(d.path, ())):
            if s.whole_file or s.span[0] == d.line:
                for word in s.words:
                    if rule_code(word) == d.code:
                        hit = (d.path, k, word)
                        break
            if hit:
                break
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
