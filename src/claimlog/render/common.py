"""What every renderer shares: the style of the output, styled lines, rich consoles,
JSON text, counts and plurals, shown numbers and repository paths.

Renderers import this module and :mod:`claimlog.render.safe`, never one another.
"""

from __future__ import annotations

import functools
import io
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic
from ..diagnostics import counts as counts
from ..diagnostics import plural as plural
from ..plaindata import dataclass
from .safe import json_safe

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

Segment = tuple[str, str]
"""A piece of text and its rich style ('' for none)."""
Line = list[Segment]


def columns(color: bool) -> int | None:
    """Columns for text output: $COLUMNS, else the terminal's (None: rich asks it) when
    writing to a terminal, coloured or not (NO_COLOR changes colours, not width); the
    terminal's too when standard output is a pipe read there (:func:`pipe_width`), else
    120 so that output written to a file, or in CI, is stable."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    if sys.stdout.isatty():
        return None
    return pipe_width() or 120


def pipe_width() -> int | None:
    """The width of the terminal a pipe from standard output is read in: standard output
    a pipe and standard error a terminal (``claimlog summary | less`` at 60 columns drew
    a table of 120, which less folded through its borders; a tour). None for a file,
    CI, a hook whose output is captured, or standard error redirected."""
    import stat

    try:
        if not stat.S_ISFIFO(os.fstat(sys.stdout.fileno()).st_mode) or not sys.stderr.isatty():
            return None
        width = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None
    return width if width > 0 else None


def read_in_terminal() -> bool:
    """Whether text output that goes to no terminal is still read at a known width: a
    pipe read in a terminal (:func:`pipe_width`), or ``$COLUMNS`` set. ``check`` then
    wraps its hints to the width (a tour: ``COLUMNS=50 claimlog check | cat`` kept
    95-column hints where ``summary`` fitted) and keeps each finding's first line whole
    for the tools that read it."""
    given = os.environ.get("COLUMNS", "")
    return not sys.stdout.isatty() and (
        (given.isdigit() and int(given) > 0) or pipe_width() is not None
    )


@dataclass(frozen=True)
class Style:
    """How text output looks: coloured or plain, how wide (None: the terminal's),
    whether it goes to a terminal (then ``check`` fits its findings to the width), and
    whether it is read at that width though not in a terminal (:func:`read_in_terminal`:
    ``check`` then fits all but its findings' first lines)."""

    color: bool = False
    width: int | None = 120
    terminal: bool = False
    fitted: bool = False

    def text_width(self) -> int:
        if self.width is not None:
            return self.width
        import shutil

        return shutil.get_terminal_size((120, 24)).columns


PLAIN = Style()


def console(style: Style, soft_wrap: bool = False) -> Console:
    """A rich console that never interprets markup or emoji in text; coloured (even
    through a pipe) when ``style.color``, plain otherwise."""
    from rich.console import Console

    return Console(
        highlight=False,
        markup=False,
        emoji=False,
        force_terminal=style.color,
        no_color=not style.color,
        color_system="standard" if style.color else None,
        width=style.width,
        soft_wrap=soft_wrap,
    )


def plain(lines: Iterable[Line]) -> str:
    """The lines as plain text."""
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)


# --- display cells (every text renderer measures and wraps the same way) ---------------


def cell_width(text: str) -> int:
    """Display cells of ``text`` as rich measures them (wide CJK characters and emoji
    take two, controls and combining marks none): its length when it is printable ASCII
    (nearly every cell of a table), else counted by two character classes built from
    rich's own table, at the speed of a regular expression (rich adds a Python call per
    character: 9 s for the summary of 10,000 statements of 2,000 CJK characters)."""
    if text.isascii() and text.isprintable():
        return len(text)
    if "\u200d" in text or "\ufe0f" in text:  # joined emoji: rich's own walk
        from rich.cells import cell_len

        return cell_len(text)
    wide, zero = _counts(text)
    return len(text) + wide - zero


def _counts(text: str, classes: Classes | None = None) -> tuple[int, int]:
    """How many characters of ``text`` rich counts two cells wide, and how many none
    (``classes``: :func:`_classes_of` the text, when already known)."""
    others_than_wide, others_than_zero = classes or _classes_of(text)
    # Deleting the runs of every other character leaves the class's characters.
    return len(others_than_wide.sub("", text)), len(others_than_zero.sub("", text))


Classes = tuple[re.Pattern[str], re.Pattern[str]]
"""Runs of the characters that are not wide, and of those that are not of no width."""


def _classes_of(text: str) -> Classes:
    """The :data:`Classes` that measure ``text``: of the Basic Multilingual Plane unless
    it has characters past it."""
    return _width_classes(re.search(_ASTRAL, text) is not None)


_ASTRAL = "[\U00010000-\U0010ffff]"
"""Characters past the Basic Multilingual Plane (a pattern compiled when first used)."""


@functools.cache
def _width_classes(astral: bool) -> Classes:
    """Runs of the characters rich does not count two cells wide, and of those it does
    not count as none (C0 and C1 controls are none, as rich's ``get_character_cell_size``
    asks them first). Without ``astral`` the classes hold the Basic Multilingual Plane
    only: there a class is one table lookup a character; ranges past it are tried one by
    one (30 times slower), so they are asked only of a text that has such characters."""
    from rich._unicode_data import load as load_cell_table

    table = load_cell_table("auto").widths
    limit = 0x10FFFF if astral else 0xFFFF
    zero = [(1, 0x1F), (0x7F, 0x9F)] + [(a, b) for a, b, w in table if w == 0]
    wide = [(a, b) for a, b, w in table if w == 2]

    def others(ranges: list[tuple[int, int]]) -> re.Pattern[str]:
        spans = "".join(
            f"{re.escape(chr(a))}-{re.escape(chr(min(b, limit)))}" for a, b in ranges if a <= limit
        )
        return re.compile(f"[^{spans}]+")

    return others(wide), others(zero)


def pieces(text: str) -> list[str]:
    """The pieces an id may wrap between: at spaces, after each - . _ : (never inside a
    word)."""
    return [w for w in re.split(r"(?<=[-._:])|\s+", text) if w]


def wrap(text: str, room: int, after: str = "-") -> list[str]:
    """``text`` wrapped to ``room`` display cells at spaces and after the characters of
    ``after`` (hyphens: prose; ``-._:`` for ids), never inside a word: a word longer
    than the room stands on its own line."""
    room = max(room, 1)
    if cell_width(text) <= room:  # the common case: what fits stays as it is
        return [text.rstrip()]
    cls = re.escape(after)
    split = rf"\s*[^\s{cls}]*[{cls}]?" if after else r"\s*\S*"
    out: list[str] = []
    current = ""
    for word in re.findall(split, text):
        if not word:
            continue
        candidate = current + word
        if current and cell_width(candidate.rstrip()) > room:
            out.append(current.rstrip())
            current = word.lstrip()
        else:
            current = candidate
    if current.strip() or not out:
        out.append(current.rstrip())
    return out


def wrap_boxed(text: str, room: int) -> list[str]:
    """``text`` wrapped as :func:`wrap` does, a word longer than ``room`` then cut into
    pieces that fit: for text inside a box, whose border a long word must not push out."""
    out: list[str] = []
    for part in wrap(text, room):
        if len(part) * 2 <= room or (len(part) <= room and cell_width(part) <= room):
            out.append(part)  # fits: no character takes more than two cells
            continue
        if part.isascii() and part.isprintable():  # a cell a character: slices
            out += [part[k : k + room] for k in range(0, len(part), room)]
            continue
        out += cut_cells(part, room)
    return out


def cut_cells(word: str, room: int) -> list[str]:
    """``word`` cut into the longest pieces of at most ``room`` cells (a character wider
    than the room stands alone). Where every character takes one or two cells, each
    piece is found by measuring a few slices (C speed); otherwise character by
    character, as rich measures them."""
    classes = _classes_of(word)
    wide, zero = _counts(word, classes)
    if zero or "\u200d" in word or "\ufe0f" in word:
        return _cut_by_character(word, room)
    if wide in (0, len(word)):  # one width throughout: equal slices
        step = max(room // (2 if wide else 1), 1)
        return [word[k : k + step] for k in range(0, len(word), step)]
    others_than_wide = classes[0]
    out: list[str] = []
    start = 0
    while start < len(word):
        # room characters at most; each cell too many asks half a character less at
        # least (none takes more than two), so the first piece that fits is the longest.
        k = min(room, len(word) - start)
        used = k + len(others_than_wide.sub("", word[start : start + k]))
        while used > room and k > 1:
            k -= (used - room + 1) // 2
            used = k + len(others_than_wide.sub("", word[start : start + k]))
        out.append(word[start : start + k])
        start += k
    return out


def _cut_by_character(word: str, room: int) -> list[str]:
    from rich.cells import get_character_cell_size  # cached by character

    out: list[str] = []
    start = used = 0
    for k, ch in enumerate(word):
        w = get_character_cell_size(ch)
        if used + w > room and k > start:
            out.append(word[start:k])
            start, used = k, 0
        used += w
    out.append(word[start:])
    return out


def pad(text: str, room: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``room`` display cells (on the left: ``right``)."""
    gap = " " * max(0, room - cell_width(text))
    return gap + text if right else text + gap


def styled(lines: Iterable[Line], style: Style) -> str:
    """Styled lines as text: plain, or coloured by rich."""
    if not style.color:
        return plain(lines)
    from rich.text import Text

    out = console(style, soft_wrap=True)
    with out.capture() as captured:
        for line in lines:
            text = Text()
            for chunk, part_style in line:
                text.append(chunk, style=part_style or None)
            out.print(text)
    return captured.get()


def rich_text(parts: Sequence[RenderableType], style: Style) -> str:
    """Rich renderables as text; plain unless ``style.color``. Without the spaces rich
    leaves at the end of a line it wraps."""
    out = console(style)
    with out.capture() as captured:
        for part in parts:
            out.print(part)
    # The spaces may sit before the colour codes that end a line.
    ends = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$")
    return "\n".join(ends.sub(r"\1", line) for line in captured.get().split("\n"))


def dumps(value: Any) -> str:
    """Deterministic, terminal-safe JSON with a trailing newline."""
    import json  # here: the terminal's formats need none of it (1 ms of start-up)

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


def not_shown(diagnostics: Sequence[Diagnostic]) -> int:
    """How many findings ``max-findings-per-rule`` kept from being shown."""
    return sum(d.hidden for d in diagnostics)


def shown(x: float) -> float:
    """Six decimals, rounded down like the engine: shown probabilities of a group never
    sum above 1, and a real rise above a prior shows."""
    from ..credibility import quantize

    return quantize(x, 6) if x >= 0 else -quantize(-x, 6)


def fingerprint(key: tuple[str, str, str], occurrence: int) -> str:
    """A stable id of the ``occurrence``-th finding of ``key`` (its code, path and
    message, the lines of the places the message quotes left out:
    :func:`~claimlog.diagnostics.without_places`), for SARIF and GitLab: a line added
    above the place a finding names changes none. The key's order is each format's own,
    as its earlier fingerprints hashed it."""
    import hashlib

    text = "\0".join((*key, str(occurrence)))
    # surrogateescape: the bytes of a file name that is not UTF-8, never a crash
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def in_repository(diagnostics: Sequence[Diagnostic], cwd: Path) -> list[Diagnostic]:
    """The findings with paths relative to the root of the git work tree that holds each
    file (GitHub annotations and GitLab's report want repository paths, wherever
    claimlog runs: in a subfolder, or above a checkout made into a folder of its own);
    a file in none unchanged."""
    from ..files import RealPaths, under

    here = cwd.resolve()
    # Each path once, each folder resolved once: per finding, a file 1,000 folders deep
    # with 1,000 findings took 32 s.
    real = RealPaths()
    trees: dict[str, str | None] = {}
    paths: dict[str, str] = {}
    for d in diagnostics:
        if d.path not in paths:
            folder = os.path.dirname(os.path.normpath(os.path.join(here, d.path)))
            root = work_tree(folder, trees)
            paths[d.path] = (root and under(d.path, Path(root), here, real)) or d.path
    return [replace(d, path=paths[d.path]) for d in diagnostics]


def work_tree(folder: str, known: dict[str, str | None]) -> str | None:
    """The git work tree's root at or above the absolute ``folder`` (the nearest folder
    holding ``.git``), else None; ``known`` remembers every folder on the way, so that
    the files of a set cost one look per folder."""
    seen = []
    here = folder
    while here not in known:
        seen.append(here)
        if os.path.lexists(os.path.join(here, ".git")):
            known[here] = here
            break
        parent = os.path.dirname(here)
        if parent == here:
            known[here] = None
            break
        here = parent
    found = known[here]
    for f in seen:
        known[f] = found
    return found
