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
from .common import Line, Style, cell_width, counts, not_shown, plural, styled, wrap
from .safe import literal, path_text

if TYPE_CHECKING:
    from . import CheckPage

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow"}


def render_check(
    diagnostics: Sequence[Diagnostic],
    files: int,
    line_of: Callable[[str, int], str],
    width: int | None = None,
    whole_first: bool = False,
) -> list[Line]:
    """The lines of ``check``'s text output. ``line_of(path, n)`` gives a source line.
    With ``width`` (a terminal's columns) every line fits it: long messages and hints
    wrap, excerpts are cut to a window around the finding; without, a finding's first
    line is whole (for tools that read it) and excerpts are cut at
    :data:`EXCERPT_WIDTH` characters. ``whole_first``: every line but a finding's first
    fits ``width`` (a pipe read in a terminal)."""
    out: list[Line] = []
    for d in diagnostics:
        out.extend(_one(d, line_of, width, whole_first))
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
        line.append((f" in {plural(files, 'file')}", ""))
        hidden = not_shown(diagnostics)
        if hidden:
            line.append((f"; {hidden} not shown (max-findings-per-rule)", ""))
        line.append((".", ""))
        out.extend([line] if width is None else _fold_line(line, width))
    return out


def _fold_line(line: Line, width: int) -> list[Line]:
    """A styled line folded at spaces to ``width`` cells, each word keeping its style."""
    import re

    # Each word with the spaces before it; a part's spaces at its end are a word of
    # their own, which the next part's word follows ('Found ' then '2': 'Found 2').
    words = [
        (w, part_style) for chunk, part_style in line for w in re.findall(r"\s*\S+|\s+$", chunk)
    ]
    out: list[Line] = [[]]
    used = 0
    for word, part_style in words:
        if used and used + cell_width(word.rstrip()) > width:
            out[-1] = _without_trailing_spaces(out[-1])
            out.append([])
            word, used = word.lstrip(), 0
        if word:
            out[-1].append((word, part_style))
            used += cell_width(word)
    out[-1] = _without_trailing_spaces(out[-1])
    return out


def _without_trailing_spaces(line: Line) -> Line:
    """A folded line without the spaces its last parts end with."""
    parts = list(line)
    while parts and not parts[-1][0].rstrip():
        parts.pop()
    if parts:
        parts[-1] = (parts[-1][0].rstrip(), parts[-1][1])
    return parts


def _fold(text: str, room: int, after: str = "-") -> list[str]:
    """``text`` wrapped to ``room`` cells at spaces (and after ``after``); a word
    longer than the room is cut where the room ends, so that no line is longer."""
    out: list[str] = []
    for piece in wrap(text, room, after):
        while cell_width(piece) > room:
            cut = _cells_prefix(piece, room)
            out.append(piece[:cut])
            piece = piece[cut:]
        out.append(piece)
    return out


def _cells_prefix(text: str, room: int) -> int:
    """How many characters of ``text`` fill at most ``room`` cells (at least one)."""
    used = 0
    for n, ch in enumerate(text):
        used += cell_width(ch)
        if used > room:
            return max(n, 1)
    return len(text)


def _header(d: Diagnostic, width: int | None) -> list[Line]:
    """``path:line:col: severity[CODE] message``: one line, or folded to ``width``
    (the place and code first, then the message indented)."""
    sev = d.severity
    place = f"{path_text(d.path)}:{d.line}:{d.column}:"
    code = f"{sev.value}[{d.code}]"
    message = literal(d.message)
    if width is None or cell_width(f"{place} {code} {message}") <= width:
        return [[(place + " ", "bold"), (code, SEVERITY_STYLE[sev]), (" ", ""), (message, "bold")]]
    lines: list[Line] = []
    if cell_width(f"{place} {code}") <= width:
        lines.append([(place + " ", "bold"), (code, SEVERITY_STYLE[sev])])
    else:
        lines.extend([(p, "bold")] for p in _fold(place, width, "-/"))
        lines.append([(code, SEVERITY_STYLE[sev])])
    lines.extend([("    " + p, "bold")] for p in _fold(message, max(width - 4, 1), ""))
    return lines


def _hint(lead: str, hint: str, width: int | None) -> list[Line]:
    """``= hint: ...``, wrapped under itself to ``width``."""
    first = [(lead, "blue"), ("hint: ", "bold cyan")]
    text = literal(hint)
    if width is None:
        return [[*first, (text, "")]]
    indent = cell_width(lead) + len("hint: ")
    folded = _fold(text, max(width - indent, 1), "")
    return [[*first, (folded[0], "")]] + [[(" " * indent + p, "")] for p in folded[1:]]


def _one(
    d: Diagnostic, line_of: Callable[[str, int], str], width: int | None, whole_first: bool
) -> list[Line]:
    sev = d.severity
    lines = _header(d, None if whole_first else width)
    source = line_of(d.path, d.line)
    number = str(d.line)
    room = None if width is None else max(width - len(number) - 3, 8)
    shown, before, carets = (
        excerpt(source, d, room) if source and not source.isspace() else ("", 0, 0)
    )
    if carets:  # (none: nothing of what the finding marks would show in the room)
        gutter = " " * len(number)
        lines.append([(f"{gutter} |", "blue")])
        lines.append([(f"{number} | ", "blue"), (shown, "")])
        lines.append(
            [(f"{gutter} | ", "blue"), (" " * before, ""), ("^" * carets, SEVERITY_STYLE[sev])]
        )
        if d.hint:
            lines.extend(_hint(f"{gutter} = ", d.hint, width))
    elif d.hint:
        lines.extend(_hint("  = ", d.hint, width))
    return lines


EXCERPT_WIDTH = 160
"""At most this many characters of a source line are shown under a finding."""
EXCERPT_BEFORE = 60
"""Characters kept before the start of a finding on a line cut to :data:`EXCERPT_WIDTH`."""
CUT = "..."
"""Marks where an excerpt was cut."""


def excerpt(source: str, d: Diagnostic, room: int | None = None) -> tuple[str, int, int]:
    """The part of ``source`` (line ``d.line``) shown under ``d``, made literal: the
    text, how many display cells precede the carets, and how many carets (the cells of
    what they mark). A line over :data:`EXCERPT_WIDTH` characters (or ``room`` cells)
    is cut to a window around the finding's start (marked by :data:`CUT`), so that the
    work and the output per finding are bounded however long the line: 10,000 findings
    on a 1 MB line print 10,000 windows, not the line 10,000 times."""
    limit = EXCERPT_WIDTH if room is None else min(EXCERPT_WIDTH, room)
    ahead = EXCERPT_BEFORE if room is None else min(EXCERPT_BEFORE, limit // 3)
    start = min(max(d.column - 1, 0), len(source))
    if d.end_line == d.line and d.end_column > d.column:
        end = min(d.end_column - 1, len(source))
        whole = False
    else:
        end, whole = len(source), True
    if len(source) <= limit:
        left, right = 0, len(source)
    else:
        left = max(0, min(start - ahead, len(source) - limit))
        right = min(len(source), left + limit)
    if room is None:
        prefix = (CUT if left else "") + literal(source[left:start])
        rest = literal(source[start:right])
        shown = right
    else:  # wide characters and escapes: cut by cells, a character at a time
        window = _window(source, left, start, right, room)
        if window is None:
            return "", 0, 0
        prefix, rest, shown = window
    tail = CUT if shown < len(source) else ""
    marked = literal(source[start : min(end, shown)])
    if room is not None and start < len(source) and not cell_width(marked):
        return "", 0, 0  # nothing of what is marked shows in the room
    carets = max(1, cell_width(marked.rstrip() if whole else marked))
    return prefix + rest + tail, cell_width(prefix), carets


def _window(
    source: str, left: int, start: int, right: int, room: int
) -> tuple[str, str, int] | None:
    """The text before a finding (a third of ``room`` at most, from the finding back) and
    from it, each made literal a character at a time, and where what is shown ends, in
    ``room`` cells with the cut marks; the text before shrinks to its cut mark when what
    is marked would not show otherwise; None when nothing of it can (a review: carets
    under the cut mark, and an escape cut in half, ``\\u20...``)."""
    keep = max(room // 3, len(CUT) + 1)
    before, k = literal(source[left:start]), left
    if cell_width((CUT if left else "") + before) > keep:  # cut, from the finding back
        before, k = "", start
        while k > left and cell_width(CUT + literal(source[k - 1]) + before) <= keep:
            k -= 1
            before = literal(source[k]) + before
    for prefix in dict.fromkeys(((CUT if k else "") + before, CUT if k or before else "")):
        rest, i, used = "", start, cell_width(prefix)
        while i < right:
            ch = literal(source[i])
            more = len(CUT) if i + 1 < len(source) else 0
            if used + cell_width(ch) + more > room:
                break
            rest, i, used = rest + ch, i + 1, used + cell_width(ch)
        if i > start or start >= len(source):
            return prefix, rest, i
    return None


def check(page: CheckPage, style: Style) -> str:
    """``check --format text``."""
    if style.terminal or style.fitted:
        lines = render_check(
            page.findings, len(page.files), page.line, style.text_width(), not style.terminal
        )
    else:
        lines = render_check(page.findings, len(page.files), page.line)
    return styled(lines, style)


def concise_check(page: CheckPage, style: Style) -> str:
    """``check --format concise``."""
    return concise(page.findings)


def concise(diagnostics: Sequence[Diagnostic]) -> str:
    """One line per finding: ``path:line:col: severity[CODE] message``."""
    return "".join(
        f"{path_text(d.path)}:{d.line}:{d.column}: "
        f"{d.severity.value}[{d.code}] {literal(d.message)}\n"
        for d in diagnostics
    )
