"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).

Every rule of the table is described in ``tool.driver.rules``; each finding is a
result with its rule, level, message, a repository-relative artifact URI and a
region, and a ``partialFingerprints`` entry that does not change when lines move
(code, path and message), so code scanning tracks a finding across commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..diagnostics import RULES, Diagnostic, Severity
from .common import Style, dumps, in_repository

if TYPE_CHECKING:
    from . import CheckPage

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def _rule(index: int, code: str) -> dict[str, Any]:
    rule = RULES[code]
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": rule.doc, "markdown": f"**{code} {rule.name}**\n\n{rule.doc}"},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [rule.family]},
    }


def fingerprint(d: Diagnostic, occurrence: int) -> str:
    key = f"{d.code}\0{d.path}\0{d.message}\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def render(diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    """The SARIF log; the findings' paths should be relative to the repository root."""
    codes = list(RULES)
    index = {code: i for i, code in enumerate(codes)}
    seen: dict[tuple[str, str, str], int] = {}
    results = []
    for d in diagnostics:
        key = (d.code, d.path, d.message)
        seen[key] = seen.get(key, 0) + 1
        region: dict[str, int] = {"startLine": d.line, "startColumn": d.column}
        if d.end_line > d.line or d.end_column > d.column:
            region["endLine"] = d.end_line
            region["endColumn"] = d.end_column
        message = d.message if not d.hint else f"{d.message} (hint: {d.hint})"
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": LEVEL[d.severity],
                "message": {"text": message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": d.path,
                                "uriBaseId": "%SRCROOT%",
                            },
                            "region": region,
                        }
                    }
                ],
                "partialFingerprints": {"claimlog/v1": fingerprint(d, seen[key])},
            }
        )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimlog",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(i, code) for i, code in enumerate(codes)],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def check(page: CheckPage, style: Style) -> str:
    """``check --format sarif``: paths relative to the repository's root."""
    return dumps(render(in_repository(page.findings, page.cwd)))
