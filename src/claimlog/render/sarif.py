"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).

Every rule of the table is described in ``tool.driver.rules``; each finding is a
result with its rule, level, message, an artifact URI and a region, and a
``partialFingerprints`` entry that does not change when lines move (code, path,
message with the lines of the places it quotes left out, and the occurrence of that
triple), so code scanning tracks a finding across commits.

The artifact URI is a URI (RFC 3986), never a raw path: a file under the repository's
root (the working directory outside a repository) is its path relative to the root,
every character but unreserved ones and ``/`` percent-encoded (UTF-8; the original
bytes of a file name that is not UTF-8), against ``uriBaseId`` ``%SRCROOT%``; a file
outside it is an absolute ``file://`` URI.

GitHub code scanning rejects a whole upload of more than 25,000 results in a run
(:data:`MAX_RESULTS`), and shows at most 5,000 of a run's results, the most severe
first: a log of more results holds the most severe 25,000 (errors first, then
warnings, each in the order of the findings) and says how many it leaves out, in the
run's ``invocations`` (a ``toolExecutionNotification``) and in :func:`left_out` for
the command line. Fingerprints are those of the whole list, so a
result keeps its fingerprint whether the log is cut or not.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..diagnostics import RULES, Diagnostic, Severity, without_places
from .common import Style, dumps, fingerprint, work_tree

if TYPE_CHECKING:
    from . import CheckPage

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}
MAX_RESULTS = 25_000
"""Results per run that GitHub code scanning accepts; it rejects a larger upload whole."""


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


def _uri(path: str) -> str:
    return quote(path, safe="/", errors="surrogateescape")


def artifact_location(path: str) -> dict[str, str]:
    """The ``artifactLocation`` of a path: relative (to ``%SRCROOT%``) or absolute."""
    if os.path.isabs(path):
        return {"uri": "file://" + _uri(Path(path).as_posix())}
    return {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}


def repository_paths(diagnostics: Sequence[Diagnostic], cwd: Path) -> list[Diagnostic]:
    """The findings with their paths relative to the root of the repository that holds
    each file (``cwd`` for a file in none); a path outside that made absolute. Paths
    are made absolute without resolving symbolic links below the working directory:
    a link is named as the repository holds it."""
    here = cwd.resolve()
    trees: dict[str, str | None] = {}
    paths: dict[str, str] = {}  # each path once (200,000 findings: 6 s of relpath)
    for d in diagnostics:
        if d.path in paths:
            continue
        absolute = os.path.normpath(os.path.join(here, d.path))
        root = work_tree(os.path.dirname(absolute), trees) or here
        inside = os.path.relpath(absolute, root)
        shown = (
            inside
            if inside != os.pardir and not inside.startswith(os.pardir + os.sep)
            else absolute
        )
        paths[d.path] = Path(shown).as_posix()
    return [replace(d, path=paths[d.path]) for d in diagnostics]


def render(diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    """The SARIF log; the findings' paths should be relative to the repository root
    (:func:`repository_paths`), or absolute."""
    codes = list(RULES)
    index = {code: i for i, code in enumerate(codes)}
    seen: dict[tuple[str, str, str], int] = {}
    kept = _kept(diagnostics)
    results = []
    for k, d in enumerate(diagnostics):
        key = (d.code, d.path, without_places(d.message))
        seen[key] = seen.get(key, 0) + 1
        if kept is not None and k not in kept:
            continue
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
                            "artifactLocation": artifact_location(d.path),
                            "region": region,
                        }
                    }
                ],
                "partialFingerprints": {"claimlog/v1": fingerprint(key, seen[key])},
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
                **_invocations(len(diagnostics)),
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _kept(diagnostics: Sequence[Diagnostic]) -> set[int] | None:
    """The places in ``diagnostics`` of the results a log holds: None for all of them
    (at most :data:`MAX_RESULTS`), else the errors first, then the warnings."""
    if len(diagnostics) <= MAX_RESULTS:
        return None
    ranked = sorted(
        range(len(diagnostics)), key=lambda k: diagnostics[k].severity is not Severity.ERROR
    )
    return set(ranked[:MAX_RESULTS])


def left_out(count: int) -> str | None:
    """What a log of ``count`` results (findings, and the "and N more" of a rule past
    ``max-findings-per-rule``) says of those it leaves out, or None."""
    if count <= MAX_RESULTS:
        return None
    return (
        f"the SARIF log holds {MAX_RESULTS:,} of its {count:,} results (errors first): "
        f"GitHub code scanning rejects a run of more than {MAX_RESULTS:,}; "
        "'claimlog check' in another format shows the others"
    )


def _invocations(count: int) -> dict[str, Any]:
    """The run's ``invocations`` when a log of ``count`` results leaves some out (none
    otherwise), saying what :func:`left_out` says."""
    text = left_out(count)
    if text is None:
        return {}
    notification = {"level": "warning", "message": {"text": text}}
    return {
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": [notification]}]
    }


def check(page: CheckPage, style: Style) -> str:
    """``check --format sarif``: paths relative to the repository's root."""
    return dumps(render(repository_paths(page.findings, page.cwd)))
