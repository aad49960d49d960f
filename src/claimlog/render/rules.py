"""The rule table as text, JSON-ready dicts and the docs/checks.md page."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..rules import RULES, Rule
from .common import Style, dumps, wrap

if TYPE_CHECKING:
    from . import RulesPage

FAMILIES = {
    "yaml": "File and YAML",
    "schema": "Schema",
    "references": "References",
    "provenance": "Provenance",
    "logic": "Logic",
    "assessment": "Logic from the assessment",
    "suppression": "Suppressions",
}


def rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "family": rule.family,
        "summary": rule.summary,
        "documentation": rule.doc,
        "fixable": rule.fixable,
    }


FIXABLE = "Fixable: `claimlog check --fix` applies the fix when it has one answer."
"""What the documentation of a fixable rule says about it."""


def _fix(rule: Rule) -> str:
    return "yes" if rule.fixable else "no"


def rules_table(rules: Sequence[Rule], columns: int | None = None) -> str:
    """The table of ``rules``; with ``columns``, each summary wrapped to fit, its
    further lines under the summary column; in fewer columns than the table needs with
    30 of summary, one block per rule (its code, name, severity, then its summary)."""
    width = max(len(r.name) for r in rules)
    lead = 6 + 1 + width + 1 + 8 + 1 + 3 + 1
    if columns is not None and columns < lead + 30:
        out: list[str] = []
        for r in rules:
            fix = ", fixable" if r.fixable else ""
            out += wrap(f"{r.code} {r.name} ({r.severity.value}{fix})", columns, after="")
            out += ["  " + part for part in wrap(r.summary, max(columns - 2, 1), after="")]
        return "\n".join(out) + "\n"
    lines = [f"{'CODE':<6} {'NAME':<{width}} {'SEVERITY':<8} FIX SUMMARY"]
    room = columns - lead if columns is not None else None
    for r in rules:
        parts = wrap(r.summary, room, after="") if room is not None else [r.summary]
        lines.append(f"{r.code:<6} {r.name:<{width}} {r.severity.value:<8} {_fix(r):<3} {parts[0]}")
        lines += [" " * lead + part for part in parts[1:]]
    return "\n".join(lines) + "\n"


def rule_text(rule: Rule, columns: int | None = None) -> str:
    """One rule explained: its documentation in 78 columns; on a terminal (``columns``)
    every line fitted to the width too (a word longer than it is kept whole)."""

    def fill(text: str, width: int | None = columns) -> str:
        if width is None:
            return text
        return textwrap.fill(
            text, width=min(78, width), break_on_hyphens=False, break_long_words=False
        )

    fixable = f"{fill(FIXABLE)}\n\n" if rule.fixable else ""
    heading = f"{rule.code} {rule.name} ({rule.severity.value}, {FAMILIES[rule.family]})"
    body = fill(rule.doc, columns or 78)
    return f"{fill(heading)}\n\n{fill(rule.summary)}\n\n{fixable}{body}\n"


def checks_markdown() -> str:
    """docs/checks.md, generated from the rule table (a test keeps it in step)."""
    out = [
        "# Checks",
        "",
        "Generated from the rule table by `make docs`; `claimlog rules` and",
        "`claimlog rules CODE` print the same. Select or ignore rules with",
        "`--select`/`--ignore` by code (`CL201`), code prefix (`CL2`) or name",
        "(`unknown-reference`); a check that selects a rule no check reports, or",
        "ignores every rule it would check (by `ignore`, or by `per-file-ignores` in",
        "every file of the folders it searches), stops with exit 2 rather than pass",
        "having checked nothing.",
        "`--strict` makes warnings fail too. The rules marked",
        "fixable are fixed by `claimlog check --fix` where the fix has exactly one answer",
        "and mends a slip that cannot change what the ledger says (see",
        "[writing.md](writing.md#claimlog-check---fix)).",
        "",
        "| code | name | severity | fixable | summary |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| {r.code} | {r.name} | {r.severity.value} | {_fix(r)} | {r.summary} |"
        for r in RULES.values()
    ]
    out += [
        "",
        "## Output",
        "",
        "`--format text` (the default) prints each finding as",
        "`path:line:col: severity[CODE] message`, the offending line with a caret under",
        "the value, and a hint; then a count line. `--format concise` prints the first",
        "line only. `--format json` prints, with stable key order:",
        "",
        "```json",
        "{",
        '  "version": 1,',
        '  "files": 3,',
        '  "counts": {"error": 1, "warning": 0},',
        '  "diagnostics": [',
        '    {"code": "CL201", "rule": "unknown-reference", "severity": "error",',
        '     "path": "ledgers/crocus.yaml", "line": 41, "column": 13,',
        '     "end_line": 41, "end_column": 21,',
        "     \"message\": \"evidence 'us-intel-confirms' cites unknown source 'cbs-newz'\",",
        '     "hint": "did you mean \'cbs-news\'?"}',
        "  ]",
        "}",
        "```",
        "",
        "Lines and columns are 1-based; `end_column` is one past the last character.",
        "Paths are relative to the current directory when under it. Exit codes: 0",
        "nothing failing, 1 errors (or warnings with `--strict`), 2 could not run.",
    ]
    family = None
    for r in _by_family():
        if r.family != family:
            family = r.family
            out += ["", f"## {FAMILIES[family]}"]
        out += ["", f"### {r.code} {r.name} ({r.severity.value})", "", r.summary, ""]
        out += [FIXABLE, "", r.doc] if r.fixable else [r.doc]
    return "\n".join(out) + "\n"


def text(page: RulesPage, style: Style) -> str:
    """``rules``: the table (fitted to the width on a terminal; a line per rule when
    piped), or one rule explained."""
    columns = style.text_width() if style.terminal else None
    if page.one:
        return rule_text(page.rules[0], columns)
    return rules_table(page.rules, columns)


def json(page: RulesPage, style: Style) -> str:
    """``rules --format json``."""
    return dumps({"version": 1, "rules": [rule_dict(r) for r in page.rules]})


def _by_family() -> list[Rule]:
    """The rules by family, in the order families first appear, then by code: a rule
    numbered after another family's (CL415, logic, after CL414) joins its own section."""
    first: dict[str, int] = {}
    for i, r in enumerate(RULES.values()):
        first.setdefault(r.family, i)
    return sorted(RULES.values(), key=lambda r: (first[r.family], r.code))


if __name__ == "__main__":
    import sys

    sys.stdout.write(checks_markdown())
