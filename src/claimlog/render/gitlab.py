"""GitLab Code Quality: a JSON array of issues for ``artifacts:reports:codequality``.

Each finding is one issue with the fields GitLab reads (its subset of the Code Climate
format): ``description``, ``check_name``, ``fingerprint``, ``severity`` and
``location`` (``path`` relative to the repository's root, ``lines.begin``). An error
is ``major`` and a warning ``minor`` on GitLab's scale (info, minor, major, critical,
blocker). The fingerprint is a SHA-256 of the path, the code, the message (the lines of
the places it quotes left out: 'the one at a.yaml:#') and the occurrence of that
triple (the first, second... in the report's order): it does not change when lines
move, and two identical findings in one file stay two issues (GitLab
shows one issue per fingerprint).

Ledger text is shown literally (:func:`~.safe.literal`: controls and bidi controls as
visible escapes) and the JSON is terminal-safe (:func:`~.common.dumps`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Severity, without_places
from .common import Style, dumps, fingerprint, in_repository
from .safe import literal

if TYPE_CHECKING:
    from . import CheckPage

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def render(diagnostics: Sequence[Diagnostic]) -> list[dict[str, Any]]:
    """The issues; paths should be relative to the repository's root."""
    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for d in diagnostics:
        key = (d.path, d.code, without_places(d.message))
        seen[key] = seen.get(key, 0) + 1
        description = d.message if not d.hint else f"{d.message} (hint: {d.hint})"
        issues.append(
            {
                "description": literal(f"{d.code} {description}"),
                "check_name": f"{d.code} {d.rule.name}",
                "fingerprint": fingerprint(key, seen[key]),
                "severity": SEVERITY[d.severity],
                "location": {"path": d.path, "lines": {"begin": d.line}},  # as JSON does
            }
        )
    return issues


def check(page: CheckPage, style: Style) -> str:
    """``check --format gitlab``: paths relative to the repository's root."""
    return dumps(render(in_repository(page.findings, page.cwd)))
