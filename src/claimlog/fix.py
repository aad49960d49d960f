"""``claimlog check --fix``: apply the fixes that have exactly one answer.

A finding with exactly one answer carries a :class:`~claimlog.diagnostics.Fix`: the
scalar at a place of its file and the text it becomes (a key renamed, a value
replaced). The fixes of a file are applied to its text at the loader's exact spans,
keeping the quotes a value was written with; nothing else of the file changes, its
comments and layout included. The result is checked before it is written: read back
through the loader, every value must be what it was except the ones fixed, which
must hold their new text, and every comment must be there; then it is written
through :func:`claimlog.writes.write_file`, which checks the bytes on disk the same
way before it replaces the file.

A file whose structure is uncertain (a loader error: syntax, duplicate keys, ...) is
never fixed; a finding the run does not report (suppressed, not selected) is not
fixed either.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .diagnostics import Diagnostic, Fix, Span
from .files import STDIN, discover
from .fmt import check_same, comment_texts, plain, root_of, structure_errors, unified_diff
from .loader import LINE_BREAK, MAX_FILE_BYTES, LoadedFile, Map, Seq, read_regular
from .plaindata import dataclass
from .writes import WriteError, write_file

if TYPE_CHECKING:
    from .pipeline import Run

__all__ = ["FileFixes", "apply", "fix_files"]

_PLAIN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
"""Text written plain as it is, in any context (no ':' that a flow list would refuse)."""


@dataclass(slots=True)
class FileFixes:
    """The fixes of one file: its bytes before and after, the findings fixed, and the
    problem that stopped them (then nothing is written)."""

    path: str
    real: Path
    before: bytes
    after: bytes | None = None
    fixed: list[Diagnostic] = field(default_factory=list)
    problem: str | None = None
    expected: Any = None
    """The plain values the fixed file holds."""
    comments: Counter[str] = field(default_factory=Counter)
    """The comments it holds, as a multiset of their texts."""


Place = tuple[tuple[str | int, ...], str | int, bool]
"""Where a scalar stands: the path of its container, its key or index, and whether it
is the key itself."""


def _places(root: Map) -> dict[Span, Place]:
    """Every scalar of ``root`` by its span."""
    found: dict[Span, Place] = {}
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, Map):
            for key, (key_span, value_span) in node.spans.items():
                found[key_span] = (path, key, True)
                if isinstance(node[key], Map | Seq):
                    stack.append((node[key], (*path, key)))
                else:
                    found[value_span] = (path, key, False)
        elif isinstance(node, Seq):
            for i, (item, span) in enumerate(zip(node, node.item_spans, strict=True)):
                if isinstance(item, Map | Seq):
                    stack.append((item, (*path, i)))
                else:
                    found[span] = (path, i, False)
    return found


def _spelled(written: str, fix: Fix) -> str | None:
    """The new text of a scalar written ``written``, quoted as it was; None when the
    text at the place is not the one the fix expects."""
    new = fix.new
    if written == fix.old:
        return new if _PLAIN.fullmatch(new) else "'" + new.replace("'", "''") + "'"
    for quote in ("'", '"'):
        if written == f"{quote}{fix.old}{quote}" and quote not in new and "\\" not in new:
            return f"{quote}{new}{quote}"
    return None


def _set(expected: Any, place: Place, new: str) -> None:
    """Make the plain values ``expected`` hold the value ``new`` at ``place``."""
    path, key, _ = place
    container = expected
    for part in path:
        container = container[part]
    container[key] = new


def _rename(expected: Any, path: Sequence[str | int], names: dict[str | int, str]) -> None:
    """Rename the keys of the mapping at ``path`` in the plain values ``expected`` as
    ``names`` says, in one pass, keeping their order (a pass for each key took 25 s for
    20,000 keys of one stance mapping)."""
    container = expected
    for part in path:
        container = container[part]
    renamed = {names.get(k, k): v for k, v in container.items()}
    container.clear()
    container.update(renamed)


def apply(loaded: LoadedFile, found: list[Diagnostic]) -> tuple[str, Any, list[Diagnostic]]:
    """The text of ``loaded`` with the fixes of ``found`` applied at their spans, the
    plain values it must then hold, and the findings fixed. A fix whose place does not
    read as expected, or overlaps another, is left out."""
    assert loaded.root is not None
    text = loaded.text
    starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]
    places = _places(loaded.root)
    expected = plain(loaded.root)
    edits: list[tuple[int, int, str]] = []
    fixed: list[tuple[Diagnostic, Place]] = []
    for d in sorted(found, key=lambda d: d.fix.span if d.fix else (0, 0, 0, 0)):
        fix = d.fix
        if fix is None or fix.span[0] != fix.span[2] or fix.span not in places:
            continue
        begin = starts[fix.span[0] - 1] + fix.span[1] - 1
        end = starts[fix.span[0] - 1] + fix.span[3] - 1
        new = _spelled(text[begin:end], fix)
        if new is None or (edits and begin < edits[-1][1]):
            continue
        edits.append((begin, end, new))
        fixed.append((d, places[fix.span]))
    # Values first, then keys, each mapping's at once, the deepest first: a renamed key
    # moves no other place.
    renames: dict[tuple[str | int, ...], dict[str | int, str]] = {}
    for d, place in fixed:
        assert d.fix is not None
        if place[2]:
            renames.setdefault(place[0], {})[place[1]] = d.fix.new
        else:
            _set(expected, place, d.fix.new)
    for path in sorted(renames, key=len, reverse=True):
        _rename(expected, path, renames[path])
    # The text in one pass (the edits are in order and do not overlap): a copy of the
    # whole text per edit made 40,000 fixes in one file take 20 s.
    pieces: list[str] = []
    at = 0
    for begin, end, new in edits:
        pieces += (text[at:begin], new)
        at = end
    pieces.append(text[at:])
    return "".join(pieces), expected, [d for d, _ in fixed]


def fix_files(run: Run, cwd: Path) -> list[FileFixes]:
    """The fixes of every file of the run with findings that have one (the findings
    the run reports: suppressed and unselected ones are not fixed), computed and
    checked, not written."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in run.findings:
        if d.fix is not None and d.path != STDIN:
            by_path.setdefault(d.path, []).append(d)
    if not by_path:
        return []
    settings = run.settings
    files = {f.shown: f for f in discover(settings.paths, cwd, settings.exclusion())}
    out: list[FileFixes] = []
    for path, found in sorted(by_path.items()):
        loaded = run.ledger_set.loaded.get(path)
        entry = files.get(path)
        if loaded is None or loaded.root is None or entry is None or entry.problem is not None:
            continue
        if structure_errors(loaded):
            continue
        out.append(_fix_file(loaded, entry.path, found))
    return out


def _fix_file(loaded: LoadedFile, real: Path, found: list[Diagnostic]) -> FileFixes:
    try:
        before = read_regular(os.fspath(real), MAX_FILE_BYTES)
    except OSError as err:
        return FileFixes(loaded.path, real, b"", problem=f"cannot read it: {err}")
    out = FileFixes(loaded.path, real, before)
    bom = before.startswith(b"\xef\xbb\xbf")
    if before.decode("utf-8-sig", "replace") != loaded.text:
        out.problem = "it changed while it was being checked"
        return out
    text, out.expected, fixed = apply(loaded, found)
    if not fixed:
        return out
    out.comments = comment_texts(loaded)
    after = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    _, why = check_same(after, loaded.path, out.expected, out.comments)
    if why is not None:
        out.problem = why
        return out
    out.after, out.fixed = after, fixed
    return out


def write(fixes: FileFixes, cwd: Path) -> str | None:
    """Write the fixed file, checked again on disk before it replaces the original;
    the reason it was not written, or None."""
    if fixes.after is None:
        return fixes.problem

    def verify(data: bytes) -> str | None:
        return check_same(data, fixes.path, fixes.expected, fixes.comments)[1]

    try:
        write_file(fixes.real, fixes.after, root_of(fixes.real, cwd), verify)
    except WriteError as err:
        return str(err)
    return None


def diff(fixes: list[FileFixes]) -> Iterator[str]:
    """The unified diff of every file the fixes change."""
    for f in fixes:
        if f.after is not None:
            yield from unified_diff(f.path, f.before, f.after)


def describe(d: Diagnostic) -> str:
    """One line for a finding fixed: its place, its code and the change."""
    assert d.fix is not None
    return f"{d.path}:{d.line}:{d.column}: {d.code} '{d.fix.old}' -> '{d.fix.new}'"
