"""reviewdog Diagnostic Format (rdjson): one ``DiagnosticResult`` for ``reviewdog -f=rdjson``.

The fields are those of reviewdog's ``proto/rdf/reviewdog.proto`` in their JSON form:
``source.name``, the overall ``severity`` (the highest of the findings; left out when
there are none), and one diagnostic per finding with its ``message``, ``location``
(``path`` as claimlog shows it, relative to the working directory, where reviewdog
runs; ``range`` with an exclusive ``end``), ``severity`` (``ERROR``, ``WARNING``) and
``code.value``. Columns are counted in UTF-8 bytes, as the format says (claimlog's
own columns count characters). A hint that names the one right value (``did you mean
'src-a'?``) for the plain value the finding marks becomes a ``suggestion`` that
replaces it, so reviewdog can offer it as a suggested change.

reviewdog posts messages as Markdown comments: the finding and its hint are each one
code span, so that ledger text shows literally there (no mention pings anyone, no link
or HTML renders), with controls and bidi controls as visible escapes
(:func:`~.safe.literal`); the JSON is terminal-safe (:func:`~.common.dumps`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Severity
from .common import Style, dumps
from .safe import one_line

if TYPE_CHECKING:
    from . import CheckPage

SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING"}
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
"""A value that is the same plain YAML scalar wherever it stands (an id, a grade)."""

Lines = Callable[[str, int], str]
"""The text of a line of a file, by path and 1-based number (empty when unknown)."""


def code_span(text: str) -> str:
    """``text`` on one line as a Markdown code span: shown literally by every Markdown
    renderer, fenced by more backticks than it holds."""
    cleaned = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", cleaned)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if cleaned.startswith("`") or cleaned.endswith("`") or not cleaned else ""
    return f"{fence}{pad}{cleaned}{pad}{fence}"


def byte_column(text: str, column: int) -> int:
    """The 1-based character ``column`` of the line ``text`` as a 1-based UTF-8 byte
    column (a column past the end of the line counts one byte per character)."""
    before = text[: column - 1]
    past = max(0, column - 1 - len(before))
    return len(before.encode("utf-8", "surrogateescape")) + past + 1


def _range(d: Diagnostic, line: Lines) -> dict[str, Any]:
    start = {"line": d.line, "column": byte_column(line(d.path, d.line), d.column)}
    end = {"line": d.end_line, "column": byte_column(line(d.path, d.end_line), d.end_column)}
    return {"start": start, "end": end}


def suggestion(d: Diagnostic, line: Lines) -> dict[str, Any] | None:
    """The replacement ``check --fix`` would make (the finding's one answer), as a
    suggestion, when it replaces a plain word on one line; else None. Not what a hint
    names: a hint may name one of two equally close ids, or one that is no slip, which
    a click in the review would apply all the same (a review)."""
    fix = d.fix
    if fix is None or fix.span[0] != fix.span[2]:
        return None
    text = line(d.path, fix.span[0])
    if text[fix.span[1] - 1 : fix.span[3] - 1] != fix.old:
        return None  # quoted, or not where the fix says: left to --fix
    if not (_PLAIN.fullmatch(fix.old) and _PLAIN.fullmatch(fix.new)):
        return None
    where = {
        "start": {"line": fix.span[0], "column": byte_column(text, fix.span[1])},
        "end": {"line": fix.span[2], "column": byte_column(text, fix.span[3])},
    }
    return {"range": where, "text": fix.new}


def diagnostic(d: Diagnostic, line: Lines) -> dict[str, Any]:
    """One finding as a reviewdog ``Diagnostic``."""
    message = code_span(d.message)
    if d.hint:
        message += f" (hint: {code_span(d.hint)})"
    where = _range(d, line)
    out: dict[str, Any] = {
        "message": message,
        "location": {"path": d.path, "range": where},  # JSON carries any name
        "severity": SEVERITY[d.severity],
        "code": {"value": d.code},
    }
    fix = suggestion(d, line)
    if fix is not None:
        out["suggestions"] = [fix]
    return out


def render(diagnostics: Sequence[Diagnostic], line: Lines) -> dict[str, Any]:
    """The ``DiagnosticResult`` of ``diagnostics``; ``line`` gives the text of their
    lines, for byte columns and suggestions."""
    result: dict[str, Any] = {"source": {"name": "claimlog"}}
    if diagnostics:
        worst = min(diagnostics, key=lambda d: d.severity is not Severity.ERROR).severity
        result["severity"] = SEVERITY[worst]
    result["diagnostics"] = [diagnostic(d, line) for d in diagnostics]
    return result


def check(page: CheckPage, style: Style) -> str:
    """``check --format rdjson``."""
    return dumps(render(page.findings, page.line))
