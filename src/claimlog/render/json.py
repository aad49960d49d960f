"""JSON output: stable key order and formatting, as cli.md specifies."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..diagnostics import Diagnostic, Severity
from .safe import json_safe


def dumps(value: Any) -> str:
    """Deterministic, terminal-safe JSON with a trailing newline."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    return {
        "code": d.code,
        "rule": d.rule.name,
        "severity": d.severity.value,
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "message": d.message,
        "hint": d.hint,
    }


def counts(diagnostics: Sequence[Diagnostic]) -> dict[str, int]:
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    return {"error": errors, "warning": len(diagnostics) - errors}


def render_check(diagnostics: Sequence[Diagnostic], files: int) -> str:
    return dumps(
        {
            "version": 1,
            "files": files,
            "counts": counts(diagnostics),
            "diagnostics": [diagnostic_dict(d) for d in diagnostics],
        }
    )
