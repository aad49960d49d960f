"""GitHub Actions workflow commands: one annotation per finding on the diff's lines.

    ::error file=a.yaml,line=3,col=9,endLine=3,endColumn=17,title=CL201 unknown-reference::...

Escaping follows the workflow-command rules: in the message ``%``, CR and LF;
in property values also ``:`` and ``,``. Columns are left out when a span runs
over several lines (GitHub then marks whole lines).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from ..diagnostics import Diagnostic, counts
from .common import Style, in_repository, plural
from .safe import literal, path_text

if TYPE_CHECKING:
    from . import CheckPage


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    """One workflow command; ledger text in it shown literally (no escape sequences
    reach the log). A file whose name holds a control character other than a line
    break (a tab, an escape) cannot be named in ``file=``: the runner decodes no escape
    but ``%``, CR, LF, ``:`` and ``,``, so the name shown would be another file's. Its
    annotation names no file, and its message starts with the place, shown literally."""
    path = path_text(d.path, keep_breaks=True)
    props = []
    if path == d.path:
        props = [f"file={escape_property(path)}", f"line={d.line}"]
        if d.end_line == d.line:
            props.append(f"col={d.column}")
        props.append(f"endLine={d.end_line}")
        if d.end_line == d.line:
            props.append(f"endColumn={d.end_column}")
    props.append(f"title={escape_property(f'{d.code} {d.rule.name}')}")
    message = d.message if not d.hint else f"{d.message}\nhint: {d.hint}"
    if path != d.path:
        message = f"{path}:{d.line}:{d.column}: {message}"
    message = literal(message, keep_breaks=True)  # escape_data encodes CR and LF
    return f"::{d.severity.value} {','.join(props)}::{escape_data(message)}"


SHOWN: Final = 10
"""Annotations of one kind (error, warning) that GitHub shows for a step; it drops the
rest from the pull request without a word (the step's log still lists them)."""


def render(diagnostics: Sequence[Diagnostic]) -> str:
    out = "".join(annotation(d) + "\n" for d in diagnostics)
    kinds = Counter(d.severity for d in diagnostics)
    if max(kinds.values(), default=0) <= SHOWN:
        return out
    # the findings as check counts them: a rule's "and N more" past max-findings-per-rule
    # is one annotation and N findings (a review: 16 warnings were said to be 13)
    total = counts(diagnostics)
    found = " and ".join(plural(n, severity) for severity, n in total.items() if n)
    if sum(total.values()) != len(diagnostics):
        found += f" in {plural(len(diagnostics), 'annotation')}"
    note = (
        f"claimlog: {found}; GitHub shows the first {SHOWN} annotations of each kind on the "
        "pull request, and this step's log lists them all"
    )
    return out + f"::notice title=claimlog::{escape_data(note)}\n"


def check(page: CheckPage, style: Style) -> str:
    """``check --format github``: paths relative to the repository's root."""
    return render(in_repository(page.findings, page.cwd))
