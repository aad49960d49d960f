"""The one Diagnostic type: a finding of one rule at one place of one file.

The rules themselves (codes, names, severities, documentation) are the named
constants of :mod:`claimlog.rules`; a finding is made with :func:`diag` from one of
them. Also here: the stable order of findings and the did-you-mean hint that
several findings and messages share.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from .rules import RULES, RULES_BY_NAME, Rule, Severity, resolve_selector, select_rules

__all__ = [
    "RULES",
    "RULES_BY_NAME",
    "Diagnostic",
    "Rule",
    "Severity",
    "Span",
    "diag",
    "did_you_mean",
    "resolve_selector",
    "select_rules",
    "sort_key",
]

Span = tuple[int, int, int, int]
"""A region of a file: 1-based line and column, end line and end column (exclusive)."""


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    code: str
    message: str
    end_line: int
    end_column: int
    severity: Severity
    hint: str | None = None

    @property
    def rule(self) -> Rule:
        return RULES[self.code]


def diag(
    rule: Rule,
    path: str,
    span: Span,
    message: str,
    hint: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """Make a finding of ``rule`` at ``span`` of ``path``."""
    line, column, end_line, end_column = span
    return Diagnostic(
        path=path,
        line=line,
        column=column,
        code=rule.code,
        message=message,
        end_line=end_line,
        end_column=end_column,
        severity=severity or rule.severity,
        hint=hint,
    )


def sort_key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return (d.path, d.line, d.column, d.code, d.message)


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """A hint naming the closest option to ``word``, if one is close."""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None
