"""``--help`` fitted to the terminal, however narrow.

click lays help out for at least 50 columns and keeps a column of up to 30 for the
options' names, whatever the width: at 40 columns the terminal cut every line of
``claimlog check --help`` mid-word (a tour). Here the help takes the terminal's width
(down to :data:`MIN_WIDTH`), and where the meanings would be squeezed into fewer than
:data:`MIN_TEXT` columns beside the names, each name goes on its own line with its
meaning under it, and the list of commands keeps the line it has at 80 columns. At 80
columns and more the help is click's, unchanged.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer._click.formatting import HelpFormatter
else:  # typer's own click (vendored since typer 0.28, the click package before)
    HelpFormatter = typer.Context.formatter_class

__all__ = ["Command", "Group"]

MIN_WIDTH: Final = 20
MIN_TEXT: Final = 36
"""The narrowest column of meanings beside the names; narrower, they go under them."""
UNDER: Final = 4
"""How far a meaning under its name is indented, past the name's own indent."""
SHORT_HELP: Final = 65
"""The longest a command's line in the list of commands may be, however narrow the
terminal (what click allows it at 80 columns): narrower, it wraps under the name."""


class _Formatter(HelpFormatter):
    def __init__(
        self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None
    ) -> None:
        if width is None:
            from .render.common import pipe_width

            # $COLUMNS, the terminal's width, or that of the terminal a pipe is read in
            # (``--help | head``: a tour), else 80 columns
            columns = shutil.get_terminal_size((0, 0)).columns or pipe_width() or 80
            width = max(min(columns, max_width or 80) - 2, MIN_WIDTH)
        super().__init__(indent_increment, width, max_width)

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first = min(max((len(term) for term, _ in rows), default=0), col_max) + col_spacing
        if self.width - first - 2 >= MIN_TEXT:
            super().write_dl(rows, col_max, col_spacing)
            return
        indent = " " * self.current_indent
        under = indent + " " * UNDER
        text_width = max(self.width - len(under), MIN_WIDTH // 2)
        for term, meaning in rows:
            self.write("".join(f"{line}\n" for line in _term_lines(term, indent, self.width)))
            for line in textwrap.wrap(meaning, text_width, break_on_hyphens=False):
                self.write(f"{under}{line}\n")

    def getvalue(self) -> str:
        # click's usage line, wrapped, ends in a space
        return "\n".join(line.rstrip() for line in super().getvalue().split("\n"))


def _term_lines(term: str, indent: str, width: int) -> list[str]:
    """An option's names and metavar on lines of ``width``: a long choice of values
    (``<text|json|...>``) is broken after a ``|``, its lines under its start."""
    if len(indent) + len(term) <= width or "|" not in term:
        return [indent + term]
    start = term.find("<") + 1 if "<" in term else term.find("|") + 1
    lines, line = [], indent + term[:start]
    more = " " * len(line)
    for piece in (term[start:].replace("|", "|\0")).split("\0"):
        if len(line) + len(piece) > width and line.strip():
            lines.append(line)
            line = more
        line += piece
    return [*lines, line]


class _Context(typer.Context):
    formatter_class = _Formatter


class Command(TyperCommand):
    """A typer command whose help fits narrow terminals."""

    context_class = _Context

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(max(limit, SHORT_HELP))


class Group(TyperGroup):
    """The typer group whose help fits narrow terminals."""

    context_class = _Context
