"""Inline suppressions: ``# claimlog: ignore[...]`` comments drop matching findings;
a suppression that matches nothing is itself reported (CL501), and so is one of a rule
no comment can hide (:data:`~claimlog.rules.UNSUPPRESSIBLE`), whose findings stay."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import rules as R
from ..diagnostics import Diagnostic, diag
from ..ledgerset import LedgerSet
from ..loader import Suppression
from ..rules import UNSUPPRESSIBLE, rule_code

EMITS = (R.UNUSED_SUPPRESSION,)
"""The rules the suppressions report."""


def _rules_named(
    ls: LedgerSet, by_file: dict[str, list[Suppression]]
) -> dict[tuple[str, int | None, str], tuple[int, str]]:
    """:func:`_first_naming` of the set's suppressions, once per set (a run sifts the
    errors that hold entries back before the checks, and every finding after them)."""
    found = ls.memo.get("suppression_rules")
    if found is None:
        found = ls.memo["suppression_rules"] = _first_naming(by_file)
    return found


def _first_naming(
    by_file: dict[str, list[Suppression]],
) -> dict[tuple[str, int | None, str], tuple[int, str]]:
    """For each file, line (None: file-wide) and rule code, the first suppression there
    that names the rule (its index) and its first word that does. Each word is read
    once: each finding read every word of its file's file-wide suppressions (4,000 of
    them and as many findings took 20 s)."""
    first: dict[tuple[str, int | None, str], tuple[int, str]] = {}
    for path, suppressions in by_file.items():
        for k, s in enumerate(suppressions):
            line = None if s.whole_file else s.span[0]
            for word in s.words:
                code = rule_code(word)
                if code is not None and code not in UNSUPPRESSIBLE:
                    first.setdefault((path, line, code), (k, word))
    return first


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
    kept = _sift(findings, _rules_named(ls, by_file), used)
    for path, suppressions in sorted(by_file.items()):
        if ls.loaded[path].root is not None:
            kept.extend(_unused(path, suppressions, used, enabled, report_unused))
    return kept


def unsuppressed(findings: Iterable[Diagnostic], ls: LedgerSet) -> list[Diagnostic]:
    """The findings no suppression covers (nothing reported about the suppressions)."""
    by_file = {path: f.suppressions for path, f in ls.loaded.items() if f.suppressions}
    return _sift(findings, _rules_named(ls, by_file), set()) if by_file else list(findings)


def _sift(
    findings: Iterable[Diagnostic],
    first: dict[tuple[str, int | None, str], tuple[int, str]],
    used: set[tuple[str, int, str]],
) -> list[Diagnostic]:
    """The findings no suppression of ``by_file`` covers; adds ``(path, index, word)``
    of each suppression that covers one to ``used``."""
    kept: list[Diagnostic] = []
    for d in findings:
        here = first.get((d.path, d.line, d.code))
        everywhere = first.get((d.path, None, d.code))
        if here is None or (everywhere is not None and everywhere[0] < here[0]):
            here = everywhere  # the first in file order, on the line or file-wide
        if here is not None:
            used.add((d.path, *here))
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
            message = f"{scope} names no rule (name them in brackets: '# claimlog: ignore[CL201]')"
            yield diag(R.UNUSED_SUPPRESSION, path, s.span, message)
        for word in s.words:
            code = rule_code(word)
            if code is None:
                message = f"{scope} names unknown rule '{word}'"
                yield diag(R.UNUSED_SUPPRESSION, path, s.span, message)
            elif code in UNSUPPRESSIBLE:
                message = (
                    f"{scope} of {word} has no effect: a comment cannot hide what deceives "
                    "a reviewer or reads outside the tree (the configuration's 'ignore' can)"
                )
                yield diag(R.UNUSED_SUPPRESSION, path, s.span, message)
            elif (
                report_unused
                and (path, k, word) not in used
                and (enabled is None or code in enabled)
            ):
                message = f"{scope} of {word} suppresses nothing"
                yield diag(R.UNUSED_SUPPRESSION, path, s.span, message)
