"""The one Diagnostic type, severities, and the table of every rule.

Every finding claimlog reports is a :class:`Diagnostic` carrying a stable code
from :data:`RULES`. The table is the single source of truth for codes, names,
default severities and documentation (``claimlog rules``, docs/checks.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


Span = tuple[int, int, int, int]
"""A region of a file: 1-based line and column, end line and end column (exclusive)."""


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    family: str
    summary: str
    doc: str


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
    code: str,
    path: str,
    span: Span,
    message: str,
    hint: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """Make a diagnostic for rule ``code`` at ``span`` of ``path``."""
    line, column, end_line, end_column = span
    return Diagnostic(
        path=path,
        line=line,
        column=column,
        code=code,
        message=message,
        end_line=end_line,
        end_column=end_column,
        severity=severity or RULES[code].severity,
        hint=hint,
    )


E, W = Severity.ERROR, Severity.WARNING

_TABLE: Final[tuple[tuple[str, str, Severity, str, str, str], ...]] = (
    # --- file and YAML -----------------------------------------------------------
    (
        "CL001",
        "yaml-syntax",
        E,
        "yaml",
        "The file is not well-formed YAML.",
        "The YAML parser stopped at this place. Nothing else in the file is read until "
        "the syntax is fixed, so other findings in the same file may be hidden behind it. "
        "Common causes: a value containing ': ' or starting with a special character "
        "(`[`, `{`, `*`, `&`, `!`, `%`, `@`, a backquote) that needs quotes, or an "
        "indentation that does not line up.",
    ),
    (
        "CL002",
        "not-utf8",
        E,
        "yaml",
        "The file is not valid UTF-8.",
        "Ledgers are UTF-8 text. The first byte sequence that is not UTF-8 is reported; "
        "re-save the file as UTF-8 (a byte-order mark is accepted).",
    ),
    (
        "CL003",
        "duplicate-key",
        E,
        "yaml",
        "A mapping has the same key twice.",
        "YAML loaders silently keep one of two equal keys and drop the other, losing data. "
        "claimlog reports the second occurrence and names the line of the first; the "
        "first one is the one read. Merge the two entries or rename one key.",
    ),
    (
        "CL004",
        "anchor-alias",
        E,
        "yaml",
        "Anchors and aliases (`&`, `*`) are not part of the format.",
        "Anchors and aliases make one value stand in several places, which hides what a "
        "reviewer sees in a diff and opens the door to exponential expansion "
        "('billion laughs'). Write each value out; ids are the way to refer to an entity.",
    ),
    (
        "CL005",
        "merge-key",
        E,
        "yaml",
        "Merge keys (`<<`) are not part of the format.",
        "A merge key copies another mapping's keys into this one, invisibly. Write the keys out.",
    ),
    (
        "CL006",
        "explicit-tag",
        E,
        "yaml",
        "Explicit tags (`!!str`, `!foo`) are not part of the format.",
        "Every scalar is read as text and converted only where the field's type asks for "
        "a date, a number or a boolean, so tags are never needed. Tags such as "
        "`!!python/object` are how YAML loaders run code; claimlog never honours them.",
    ),
    (
        "CL007",
        "multiple-documents",
        E,
        "yaml",
        "The file holds more than one YAML document.",
        "A ledger file is one mapping. Split the documents into separate files; only the "
        "first document is read.",
    ),
    (
        "CL008",
        "top-level-not-mapping",
        E,
        "yaml",
        "The top level of the file is not a mapping.",
        "A ledger file is one mapping with keys such as `sources`, `claims` and "
        "`evidence`. A file whose top level is a list or a plain value is not read.",
    ),
    (
        "CL009",
        "empty-file",
        W,
        "yaml",
        "The file holds no data.",
        "The file is empty or holds only comments. It contributes nothing to the ledger "
        "set; delete it or fill it in.",
    ),
    (
        "CL010",
        "tab-indentation",
        E,
        "yaml",
        "A tab is used where YAML expects indentation.",
        "YAML forbids tabs in indentation. Indent with spaces (two per level is the "
        "convention in claimlog's examples).",
    ),
    (
        "CL011",
        "too-deep",
        E,
        "yaml",
        "Values are nested deeper than the limit.",
        "A ledger needs a handful of levels; more than 64 levels of nesting is refused so "
        "that a hostile file cannot exhaust time or memory. Nothing below the limit is "
        "read.",
    ),
    (
        "CL012",
        "file-too-large",
        E,
        "yaml",
        "The file is larger than the limit.",
        "Files over 16 MiB are refused unread, so that a stray data dump cannot exhaust "
        "memory. Split a large ledger into several files: ids are global across the set.",
    ),
    (
        "CL013",
        "unreadable-file",
        E,
        "yaml",
        "The file cannot be read.",
        "The operating system refused to read the file (permissions, a broken link, a "
        "directory named like a ledger).",
    ),
    (
        "CL014",
        "complex-key",
        E,
        "yaml",
        "A mapping key is not plain text.",
        "Keys are field names, ids or claim ids: plain text. A key that is itself a list "
        "or a mapping (`? [a, b]`) is not read.",
    ),
    # --- schema ------------------------------------------------------------------
    (
        "CL101",
        "missing-field",
        E,
        "schema",
        "A required field is missing or empty.",
        "Sources need `id` and `name`; claims need `id` and `statement`; evidence items "
        "need `id`, `summary`, `source` and `stance`. An empty value (`name:` with "
        "nothing after it) counts as missing. The entity is left out of the ledger set "
        "until it is complete, so findings that depend on it may follow.",
    ),
    (
        "CL102",
        "unknown-field",
        E,
        "schema",
        "A field is not part of the format.",
        "A key the format does not define is an error rather than being ignored: a "
        "silently ignored typo (`stnace` for `stance`) is lost data. The hint names the "
        "closest known field. Free-form data belongs under `meta` or in `notes`.",
    ),
    (
        "CL103",
        "wrong-type",
        E,
        "schema",
        "A value has the wrong shape.",
        "Each field expects text, a list, a mapping, a number or a boolean. Lists may be "
        "written in flow style (`[a, b]`) or block style (one `- item` per line).",
    ),
    (
        "CL104",
        "invalid-value",
        E,
        "schema",
        "A value is outside the values its field allows.",
        "Enumerated fields (`kind`, `reliability`, `stance`, `credibility`, `verdict`) "
        "take one of a fixed set of words; numbers must lie in their range (a `prior` "
        "strictly between 0 and 1); booleans are `true` or `false`.",
    ),
    (
        "CL105",
        "malformed-id",
        E,
        "schema",
        "An id does not follow the id syntax.",
        "Ids are 1 to 128 characters of letters, digits, `.`, `_`, `-` and `:`, starting "
        "with a letter or a digit. They are case-sensitive.",
    ),
    (
        "CL106",
        "malformed-date",
        E,
        "schema",
        "A date is not a valid date.",
        "Dates are `YYYY-MM-DD` or an ISO 8601 date-time with an offset "
        "(`2024-03-22T19:58:00+03:00`). A date-time without an offset is ambiguous and "
        "refused.",
    ),
    (
        "CL107",
        "malformed-url",
        E,
        "schema",
        "A URL is not an http(s) URL.",
        "`url` and `archive_url` take absolute `http://` or `https://` URLs with a host "
        "and no spaces.",
    ),
    (
        "CL108",
        "malformed-hash",
        E,
        "schema",
        "A hash is not 64 hexadecimal digits.",
        "`sha256` is the SHA-256 digest of the preserved copy, written as 64 hexadecimal digits.",
    ),
    # --- references --------------------------------------------------------------
    (
        "CL201",
        "unknown-reference",
        E,
        "references",
        "A reference names no such entity.",
        "`source`, `via`, `derived_from` and `claimed_by` must name a source, and the "
        "keys of `stance` a claim, defined somewhere in the ledger set (ids are global "
        "across files). The hint names the closest id when one is near.",
    ),
    (
        "CL202",
        "duplicate-id",
        E,
        "references",
        "An id is defined more than once.",
        "Ids are global across the whole ledger set, across sources, claims and evidence. "
        "The finding names both places; the first definition (in path order) is the one "
        "used.",
    ),
    # --- provenance --------------------------------------------------------------
    (
        "CL301",
        "circular-reporting",
        E,
        "provenance",
        "Sources derive from each other in a cycle.",
        "`derived_from` says a source republishes or depends on another. A cycle (A from "
        "B, B from A) is circular reporting: the sources confirm each other with no "
        "origin outside the loop. The finding lists the whole cycle.",
    ),
    (
        "CL302",
        "via-contains-origin",
        E,
        "provenance",
        "A relay chain contains the item's own origin.",
        "`via` lists the sources an item passed through after its origin (`source`). "
        "Naming the origin again in `via` is a mistake in the chain.",
    ),
    (
        "CL303",
        "via-repeats-source",
        E,
        "provenance",
        "A relay chain names one source twice.",
        "Each relay in `via` passes the item on once; a repeated source makes the chain circular.",
    ),
    # --- logic -------------------------------------------------------------------
    (
        "CL401",
        "future-date",
        E,
        "logic",
        "A date lies after the as-of date or in the future.",
        "Evidence and claims cannot be dated after the assessment's as-of date "
        "(`--as-of`), or after today when no as-of date is given. A typo in the year is "
        "the usual cause.",
    ),
    (
        "CL402",
        "group-verdicts-conflict",
        E,
        "logic",
        "Two claims of one group are both recorded as supported.",
        "Claims that share a `group` are mutually exclusive: at most one can be true, so "
        "at most one may carry the recorded verdict `supported`.",
    ),
    (
        "CL403",
        "group-prior-sum",
        E,
        "logic",
        "The priors of a group add up to more than 1.",
        "Claims in a group are mutually exclusive, so their prior probabilities together "
        "cannot exceed 1.",
    ),
    (
        "CL404",
        "lonely-group",
        W,
        "logic",
        "A competing-hypotheses group has only one claim.",
        "A group holds mutually exclusive alternatives. A group with a single claim is "
        "usually a misspelt group name; the hint names a close group when there is one.",
    ),
    (
        "CL405",
        "no-evidence",
        W,
        "logic",
        "A claim has no evidence.",
        "No evidence item takes a stance on this claim, so its verdict is `unverified` and "
        "its probability is its prior (in a competing-hypotheses group, its prior as moved "
        "by the evidence on its rivals).",
    ),
    (
        "CL406",
        "unused-source",
        W,
        "logic",
        "A source is never used.",
        "No evidence item, relay chain, `derived_from` or `claimed_by` refers to this "
        "source. Remove it or cite it.",
    ),
    (
        "CL407",
        "retracted-only",
        W,
        "logic",
        "All of a claim's evidence is retracted.",
        "Retracted items are kept for the record but never counted, so the claim is "
        "assessed as if it had no evidence.",
    ),
    # --- logic that needs the credibility assessment ------------------------------
    (
        "CL408",
        "verdict-not-backed",
        W,
        "assessment",
        "A recorded verdict differs from the assessed one.",
        "The claim's `verdict` is what an analyst recorded; claimlog assesses the evidence "
        "(docs/credibility.md) and warns where the two differ, naming the assessed verdict "
        "and probability. Either the verdict is out of date or evidence is missing.",
    ),
    (
        "CL409",
        "single-origin",
        W,
        "assessment",
        "All support for a claim traces to one origin.",
        "Several items, or the support behind a `supported` verdict, that all trace to one "
        "origin (the same source, or sources joined by `derived_from`) are one line of "
        "reporting: ten outlets repeating one official are one official. Reported when a "
        "claim has two or more supporting items, or is assessed or recorded as supported.",
    ),
    (
        "CL410",
        "interested-parties-only",
        W,
        "assessment",
        "A claim is supported only by interested parties.",
        "Every supporting item comes from a source affiliated with one of the claim's "
        "`parties`. Interested parties weigh less in the assessment; support from a source "
        "with no stake is needed for a firm conclusion.",
    ),
    (
        "CL411",
        "claimant-only",
        W,
        "assessment",
        "A claim is supported only by its claimants.",
        "Every supporting item comes from a source in the claim's `claimed_by` (or one that "
        "derives from it): the claim is its own evidence.",
    ),
    (
        "CL412",
        "group-assessment-conflict",
        W,
        "assessment",
        "A claim recorded as supported has a rival the evidence supports.",
        "Claims of one group are mutually exclusive. When one is recorded as `supported` "
        "while the assessment supports another claim of the same group, the recorded "
        "verdict contradicts the evidence. (Two claims of a group can never both be "
        "assessed supported: the group's probabilities sum to at most 1.)",
    ),
    # --- suppressions --------------------------------------------------------------
    (
        "CL501",
        "unused-suppression",
        W,
        "suppression",
        "A suppression comment suppresses nothing.",
        "`# claimlog: ignore[CL123, rule-name]` on the line of a finding suppresses it; "
        "placed before the first content of a file it suppresses those rules in the whole "
        "file. A suppression that matches no finding (the problem was fixed, or the code "
        "is misspelt) is reported so that it does not hide a future finding. Only "
        "suppressions of enabled rules are reported.",
    ),
)

RULES: Final[dict[str, Rule]] = {
    code: Rule(code, name, sev, family, summary, doc)
    for code, name, sev, family, summary, doc in _TABLE
}
RULES_BY_NAME: Final[dict[str, Rule]] = {rule.name: rule for rule in RULES.values()}


def resolve_selector(selector: str) -> list[Rule]:
    """Rules matching a ``--select``/``--ignore`` word: a code, a code prefix or a name."""
    word = selector.strip()
    if word in RULES_BY_NAME:
        return [RULES_BY_NAME[word]]
    upper = word.upper()
    if upper == "ALL":
        return list(RULES.values())
    return [rule for code, rule in RULES.items() if upper and code.startswith(upper)]


def select_rules(select: Iterable[str], ignore: Iterable[str]) -> tuple[set[str], list[str]]:
    """The enabled codes after ``select`` then ``ignore``, and any unknown selector words."""
    unknown: list[str] = []
    select = list(select)
    enabled: set[str] = set()
    for word in select or ["ALL"]:
        found = resolve_selector(word)
        if not found:
            unknown.append(word)
        enabled.update(rule.code for rule in found)
    for word in ignore:
        found = resolve_selector(word)
        if not found:
            unknown.append(word)
        enabled.difference_update(rule.code for rule in found)
    return enabled, unknown


def sort_key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return (d.path, d.line, d.column, d.code, d.message)
