"""Human text for ``check``: location, message, the offending line with a caret, a hint.

    ledgers/crocus.yaml:41:13: error[CL201] evidence 'x' cites unknown source 'cbs-newz'
       |
    41 |     source: cbs-newz
       |             ^^^^^^^^
       = hint: did you mean 'cbs-news'?

Output is a list of styled segments so that the same text is written plain
(pipes, files, ``NO_COLOR``) or coloured by rich on a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Severity
from .common import Line, Style, counts, plural, styled
from .safe import literal

if TYPE_CHECKING:
    from . import CheckPage

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow"}


def render_check(
    diagnostics: Sequence[Diagnostic],
    files: int,
    line_of: Callable[[str, int], str],
) -> list[Line]:
    """The lines of ``check``'s text output. ``line_of(path, n)`` gives a source line."""
    out: list[Line] = []
    for d in diagnostics:
        out.extend(_one(d, line_of))
        out.append([])
    c = counts(diagnostics)
    if not diagnostics:
        out.append([("No findings", "bold green"), (f" in {plural(files, 'file')}.", "")])
    else:
        parts = []
        if c["error"]:
            parts.append((plural(c["error"], "error"), SEVERITY_STYLE[Severity.ERROR]))
        if c["warning"]:
            parts.append((plural(c["warning"], "warning"), SEVERITY_STYLE[Severity.WARNING]))
        line: Line = [("Found ", "")]
        for i, part in enumerate(parts):
            if i:
                line.append((" and ", ""))
            line.append(part)
        line.append((f" in {plural(files, 'file')}.", ""))
        out.append(line)
    return out


def _one(d: Diagnostic, line_of: Callable[[str, int], str]) -> list[Line]:
    sev = d.severity
    lines: list[Line] = [
        [
            (f"{literal(d.path)}:{d.line}:{d.column}: ", "bold"),
            (f"{sev.value}[{d.code}]", SEVERITY_STYLE[sev]),
            (" ", ""),
            (literal(d.message), "bold"),
        ]
    ]
    source = line_of(d.path, d.line)
    if source and not source.isspace():  # (not strip(): it would copy a long line)
        number = str(d.line)
        gutter = " " * len(number)
        shown, before, width = excerpt(source, d)
        lines.append([(f"{gutter} |", "blue")])
        lines.append([(f"{number} | ", "blue"), (shown, "")])
        lines.append(
            [(f"{gutter} | ", "blue"), (" " * before, ""), ("^" * width, SEVERITY_STYLE[sev])]
        )
        if d.hint:
            lines.append([(f"{gutter} = ", "blue"), ("hint: ", "bold cyan"), (literal(d.hint), "")])
    elif d.hint:
        lines.append([("  = ", "blue"), ("hint: ", "bold cyan"), (literal(d.hint), "")])
    return lines


EXCERPT_WIDTH = 160
"""At most this many characters of a source line are shown under a finding."""
EXCERPT_BEFORE = 60
"""Characters kept before the start of a finding on a line cut to :data:`EXCERPT_WIDTH`."""
CUT = "..."
"""Marks where an excerpt was cut."""


def excerpt(source: str, d: Diagnostic) -> tuple[str, int, int]:
    """The part of ``source`` (line ``d.line``) shown under ``d``, made literal: the
    text, how many columns precede the carets, and how many carets. A line over
    :data:`EXCERPT_WIDTH` characters is cut to a window around the finding's start
    (marked by :data:`CUT`), so that the work and the output per finding are bounded
    however long the line: 10,000 findings on a 1 MB line print 10,000 windows, not
    the line 10,000 times."""
    start = min(max(d.column - 1, 0), len(source))
    if d.end_line == d.line and d.end_column > d.column:
        end = min(d.end_column - 1, len(source))
        whole = False
    else:
        end, whole = len(source), True
    if len(source) <= EXCERPT_WIDTH:
        left, right, mark = 0, len(source), ("", "")
    else:
        left = max(0, min(start - EXCERPT_BEFORE, len(source) - EXCERPT_WIDTH))
        right = min(len(source), left + EXCERPT_WIDTH)
        mark = (CUT if left else "", CUT if right < len(source) else "")
    prefix = mark[0] + literal(source[left:start])
    marked = literal(source[start : min(end, right)])
    width = max(1, len(marked.rstrip() if whole else marked))
    return prefix + literal(source[start:right]) + mark[1], len(prefix), width


def check(page: CheckPage, style: Style) -> str:
    """``check --format text``."""
    return styled(render_check(page.findings, len(page.files), page.line), style)


def concise_check(page: CheckPage, style: Style) -> str:
    """``check --format concise``."""
    return concise(page.findings)


def concise(diagnostics: Sequence[Diagnostic]) -> str:
    """One line per finding: ``path:line:col: severity[CODE] message``."""
    return "".join(
        f"{literal(d.path)}:{d.line}:{d.column}: "
        f"{d.severity.value}[{d.code}] {literal(d.message)}\n"
        for d in diagnostics
    )
