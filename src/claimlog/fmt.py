"""``claimlog fmt``: one canonical layout for ledger files, every value and comment kept.

The layout (docs/writing.md):

* two-space indents, a list under a key indented by two with ``- ``;
* the keys of the file, of each entity and of a claim's ``resolution`` in canonical
  order (:mod:`claimlog.canonical`), unknown keys kept after the known ones; the keys
  of ``stance``, ``meta`` and of unknown keys, and the order of entries, as written;
* a list of ids or tags in flow style (``[a, b]``) when it has at most
  :data:`FLOW_MAX_ITEMS` items and its line fits in :data:`FLOW_MAX_WIDTH` columns,
  else in block style; every other mapping and list in block style, except inside
  ``meta`` and unknown keys, which keep the style they were written in;
* quotes only where YAML needs them, and always around text that a YAML 1.1 or 1.2
  reader would take for something else (``no``, ``~``, ``null``, ``012``, ``1:20``,
  ``1.10``, ``2024-03-22``), except in the fields that convert their text (``date``,
  ``credibility``, ``prior``, ``retracted``, ``exhaustive``, a resolution's ``value``
  and ``date``), which stay plain, and inside ``meta`` (free-form data) and unknown
  keys, whose keys and values keep the quotes they were written with; folded (``>-``)
  and literal (``|``) blocks kept;
* comments kept with what they annotate: a comment at the end of a line stays at the
  end of the line of the entry it follows (two spaces before the ``#``); full-line
  comments stay above the entry below them, or, when indented deeper than it, after
  the entry above; comments before the first content stay at the top of the file
  (file-wide suppressions keep their meaning); blank lines between entries are kept,
  at most one;
* the file's line endings, byte-order mark and a final newline; its directives and
  document markers (``%YAML 1.2``, ``---``, ``...``) as written.

Values are written by ruamel.yaml (round-trip mode, reading every scalar as text); the
comments are then put back on the lines of what they annotate, found through
claimlog's own loader. The result is checked like every write: read back through the
loader, every value and every comment must be there, and every suppression must cover
the same places as before (:func:`check_same`, :func:`suppression_coverage`).
"""

from __future__ import annotations

import io
import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import field
from pathlib import Path
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tag import Tag

from .canonical import ENTITY_KEYS, FILE_KEYS, RESOLUTION_KEYS, ordered
from .diagnostics import Diagnostic, Severity, Span
from .files import Found, repository_root, within
from .loader import (
    HASH_IN_TEXT,
    LINE_BREAK,
    MAX_FILE_BYTES,
    TIGHT_COMMENT,
    LoadedFile,
    Map,
    Seq,
    hidden_characters,
    load_bytes,
    load_path,
    misleading_characters,
    plain,
    read_regular,
    refused,
    suppressions_in,
)
from .plaindata import dataclass
from .writes import WriteError, newline_of, with_newline, write_file

__all__ = [
    "FLOW_MAX_ITEMS",
    "FLOW_MAX_WIDTH",
    "Comment",
    "FormatError",
    "check_same",
    "comment_texts",
    "comments_of",
    "format_bytes",
    "format_file",
    "plain",
    "root_of",
    "structure_errors",
    "unified_diff",
    "write_formatted",
]

FLOW_MAX_ITEMS: Final = 4
"""A list of ids or tags of at most this many items is written in flow style..."""
FLOW_MAX_WIDTH: Final = 100
"""... when its line fits in this many columns."""

ID_LISTS: Final = frozenset(
    {"via", "derived_from", "claimed_by", "affiliation", "parties", "tags", "based_on"}
)
"""The fields that hold a list of ids or tags."""
TYPED: Final = frozenset({"date", "credibility", "prior", "retracted", "exhaustive"})
"""The fields of an entity whose text converts to a date, a number or a boolean."""
RESOLUTION_TYPED: Final = frozenset({"value", "date"})
BOM: Final = b"\xef\xbb\xbf"

NodePath = tuple[str | int, ...]
"""Where a value stands: the keys and list indexes from the top of the file."""
Lines = list[str | None]
"""Comment lines (their text) and blank lines (None)."""


class FormatError(Exception):
    """A file cannot be formatted without risk; the message says why."""


# --- what a file holds: values and comments, through claimlog's loader ---------------


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment: its line and column (1-based), its text (from ``#``, without the
    spaces after it) and whether it is alone on its line."""

    line: int
    column: int
    text: str
    full_line: bool


def _block_end(span: Span, lines: list[str]) -> int:
    """The last line of the block scalar (``|`` or ``>``) at ``span``: the loader's span
    runs on to the next content, over trailing blank lines and comment lines."""
    first, last = span[0], min(span[2], len(lines))
    indent = -1
    end = first
    for number in range(first + 1, last + 1):
        line = lines[number - 1]
        if not line.strip():
            continue
        if indent < 0:
            indent = _indent(line)
        if _indent(line) < indent:
            break
        end = number
    return end


def end_line(span: Span, lines: list[str]) -> int:
    """The last line a scalar or a flow collection at ``span`` stands on."""
    if _is_block(lines, span):
        return _block_end(span, lines)
    return span[2] if span[3] > 1 or span[2] == span[0] else span[2] - 1


def _scalar_spans(root: Any, lines: list[str]) -> list[Span]:
    """The spans of every scalar below ``root`` (keys included), sorted; a block
    scalar's ends at its last line of text."""
    found: list[Span] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Map):
            for key, (key_span, value_span) in node.spans.items():
                found.append(key_span)
                if isinstance(node[key], Map | Seq):
                    stack.append(node[key])
                elif node[key] is not None:
                    found.append(value_span)
        elif isinstance(node, Seq):
            for child, span in zip(node, node.item_spans, strict=True):
                if isinstance(child, Map | Seq):
                    stack.append(child)
                elif child is not None:
                    found.append(span)
    out = []
    for span in found:
        last = end_line(span, lines)
        if last != span[2] or span[3] == 1:
            text = lines[last - 1] if 0 < last <= len(lines) else ""
            span = (span[0], span[1], last, len(text) + 1)
        if _is_block(lines, span):  # its text starts on the next line: a comment may
            span = (span[0], len(lines[span[0] - 1]) + 1, *span[2:])  # end the header
        out.append(span)
    return sorted(out)


def _is_block(lines: list[str], span: Span) -> bool:
    """Whether the scalar at ``span`` is a block scalar (``|`` or ``>``)."""
    start = lines[span[0] - 1][span[1] - 1 : span[1]] if 0 < span[0] <= len(lines) else ""
    return start in ("|", ">")


def comments_of(loaded: LoadedFile) -> list[Comment]:
    """Every comment of a loaded file: a ``#`` at the start of a line or after white
    space, outside every scalar (as the loader finds suppression comments)."""
    lines = LINE_BREAK.split(loaded.text)
    scalars = _scalar_spans(loaded.root, lines) if loaded.root is not None else []
    starts = [(s[0], s[1]) for s in scalars]
    found: list[Comment] = []
    for number, line in enumerate(lines, start=1):
        at = line.find("#")
        while at >= 0:
            if at == 0 or line[at - 1] in " \t":
                before = bisect_right(starts, (number, at + 1)) - 1
                inside = before >= 0 and (number, at + 1) < scalars[before][2:]
                if not inside:
                    text = line[at:].rstrip()
                    found.append(Comment(number, at + 1, text, not line[:at].strip()))
                    break
            at = line.find("#", at + 1)
    return found


def comment_texts(loaded: LoadedFile) -> Counter[str]:
    """The comments of a file, as a multiset of their texts."""
    return Counter(c.text for c in comments_of(loaded))


def comment_anchors(
    loaded: LoadedFile, after_dash: bool = False
) -> list[tuple[int, str, NodePath | None]]:
    """Each comment with what it annotates: a comment after content, the last key or
    item that starts on its line before it; a comment alone on its line (or after only
    a list's dash), the next key or item below it; None at the end of the file. With
    ``after_dash``, only the comments after a list's dash (``- # about it``), which
    ruamel.yaml would hang on the list's key: fmt keeps them with their entry
    (:func:`check_same`)."""
    root = loaded.root
    if not isinstance(root, Map):
        return []
    lines = LINE_BREAK.split(loaded.text)
    starts = sorted((e.line, e.column, e.path) for e in _entries(root, lines))
    keys = [(line, column) for line, column, _ in starts]
    out: list[tuple[int, str, NodePath | None]] = []
    for c in comments_of(loaded):
        if after_dash and lines[c.line - 1][: c.column - 1].strip() != "-":
            continue
        before = bisect_right(keys, (c.line, c.column)) - 1
        if before >= 0 and starts[before][0] == c.line:
            anchor: NodePath | None = starts[before][2]
        else:
            after = bisect_right(keys, (c.line, c.column))
            anchor = starts[after][2] if after < len(starts) else None
        out.append((c.line, c.text, anchor))
    return out


def structure_errors(loaded: LoadedFile) -> list[Diagnostic]:
    """The loader's error findings: while one stands, the structure of the file is
    uncertain and nothing rewrites it."""
    return [d for d in loaded.diagnostics if d.severity is Severity.ERROR]


def _first_difference(a: Any, b: Any, path: NodePath = ()) -> NodePath | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            if key not in a or key not in b:
                return (*path, key)
            found = _first_difference(a[key], b[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = _first_difference(x, y, (*path, i))
            if found is not None:
                return found
        return None if len(a) == len(b) else (*path, min(len(a), len(b)))
    return None if a == b else path


def _shown_path(path: NodePath) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


Covered = tuple[bool, tuple[str, ...], frozenset[tuple[NodePath, str]]]
"""A suppression: file-wide or not, the words it names, and the places where a finding
can stand that start on its line: what it can suppress."""


def suppression_coverage(loaded: LoadedFile) -> list[tuple[int, Covered]]:
    """Each suppression of ``loaded`` with its line and what it covers. The places are
    where findings are reported: a key, a value (a list or mapping where it starts), an
    item of a list that is not a mapping, and an entity's head (its ``id`` key, else its
    first key: where a finding about the whole entity stands; fmt moves a key to the
    front of an entity without an id). A suppression must cover the same places before
    and after fmt (:func:`check_same`)."""
    at: dict[int, set[tuple[NodePath, str]]] = {}
    root = loaded.root
    entries = _entries(root, LINE_BREAK.split(loaded.text)) if isinstance(root, Map) else []
    for e in entries:
        path, value = e.path, e.value
        item = isinstance(path[-1], int)
        if not item:
            at.setdefault(e.line, set()).add((path, "key"))
        # a block list or mapping starts at its first entry, whose own places stand
        # there (no finding stands at where a valid one starts); an entity's findings
        # stand at its head
        if item and isinstance(value, Map):
            if len(path) == 2:  # an entity of a section
                if "id" in value:
                    head = value.key_span("id")
                else:
                    head = value.key_span(next(iter(value))) if value else value.span
                at.setdefault(head[0], set()).add((path, "head"))
        elif not isinstance(value, Map | Seq) or e.value_span[0] == e.line:
            at.setdefault(e.value_span[0], set()).add((path, "value"))
    out: list[tuple[int, Covered]] = []
    for s in loaded.suppressions:
        places = frozenset() if s.whole_file else frozenset(at.get(s.span[0], ()))
        out.append((s.span[0], (s.whole_file, s.words, places)))
    return out


def check_same(
    data: bytes,
    path: str,
    values: Any,
    comments: Counter[str],
    covered: list[tuple[int, Covered]] | None = None,
    anchors: list[tuple[int, str, NodePath | None]] | None = None,
) -> tuple[LoadedFile | None, str | None]:
    """``data`` read back through the loader, and why it is refused (None: it holds
    exactly ``values`` and ``comments``, and each suppression of ``covered`` covers the
    same places)."""
    again = load_bytes(data, path)
    errors = structure_errors(again)
    if errors or again.root is None:
        why = errors[0].message if errors else "it holds no mapping"
        return again, f"the result would not read back: {why}"
    differs = _first_difference(values, plain(again.root))
    if differs is not None:
        return again, f"a value would change (at {_shown_path(differs) or 'the top'})"
    now = comment_texts(again)
    if now != comments:
        lost = sorted((comments - now).elements()) or sorted((now - comments).elements())
        return again, f"a comment would be lost or changed: {lost[0]!r}"
    if covered is not None:
        left = Counter(what for _, what in suppression_coverage(again))
        for line, what in covered:
            if left[what] == 0:
                return again, (
                    f"line {line}: fmt would move this suppression onto other findings "
                    "(it joins or splits the lines here, or reorders keys); write the "
                    "entry one key or item a line, keys in the format's order (id "
                    "first), or take the suppression out, run fmt, and put it back"
                )
            left[what] -= 1
    if anchors is not None:
        kept = Counter((text, anchor) for _, text, anchor in comment_anchors(again))
        for line, text, anchor in anchors:
            if kept[(text, anchor)] == 0:
                return again, (
                    f"line {line}: fmt would move this comment away from what it annotates "
                    "(a comment right after a list's dash); put it on a line of its own "
                    "above the entry, or after its first key"
                )
            kept[(text, anchor)] -= 1
    return again, None


# --- reading and writing values with ruamel.yaml ------------------------------------

_NULL: Final = Tag(suffix="tag:yaml.org,2002:null")
_EVERY_RESOLVER: Final = [(tag, regexp) for _, tag, regexp, _ in implicit_resolvers]
_YAML11_BOOL_EXTRA: Final = re.compile(r"^(?:y|Y|n|N)$")


def implicit_tag(value: str) -> str | None:
    """The type a YAML 1.1 or 1.2 reader gives ``value`` written plain, or None when
    it reads it as text: such text is quoted, so that no reader mistakes it."""
    for tag, regexp in _EVERY_RESOLVER:
        if tag != "tag:yaml.org,2002:yaml" and regexp.match(value):
            return str(tag)
    if _YAML11_BOOL_EXTRA.match(value):
        return "tag:yaml.org,2002:bool"
    return None


class _TextResolver(VersionedResolver):
    """Reads every scalar as text, as claimlog's loader does; an empty plain scalar is
    None ("not given")."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            if implicit[0] and value == "":
                return _NULL
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG


class _StrictResolver(VersionedResolver):
    """Knows every implicit type of YAML 1.1 and 1.2, so that text which any reader
    would take for one is written quoted."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            if implicit[0]:
                if value == "":
                    return _NULL
                tag = implicit_tag(value)
                if tag is not None:
                    return Tag(suffix=tag)
            return self.DEFAULT_SCALAR_TAG
        if kind is MappingNode:
            return self.DEFAULT_MAPPING_TAG
        return self.DEFAULT_SEQUENCE_TAG


class _Typed(str):
    """The text of a field that converts it (a date, a grade, a boolean): written
    plain when YAML allows, never quoted for looking like what it is."""

    __slots__ = ()


class _Representer(RoundTripRepresenter):
    pass


def _represent_typed(representer: RoundTripRepresenter, data: _Typed) -> ScalarNode:
    tag = implicit_tag(str(data)) or "tag:yaml.org,2002:str"
    return representer.represent_scalar(tag, str(data))


_Representer.add_representer(_Typed, _represent_typed)


def _reader() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _TextResolver
    yaml.preserve_quotes = True  # for the values of `meta`, written as they were
    return yaml


def _writer() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _StrictResolver
    yaml.Representer = _Representer
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1 << 30  # never fold a line
    yaml.allow_unicode = True
    return yaml


# --- the entries of a loaded file ---------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """A key of a mapping or an item of a list, with where it starts."""

    path: NodePath
    line: int
    column: int
    depth: int
    index: int
    in_flow: bool
    value: Any
    value_span: Span


def _is_flow(lines: list[str], span: Span) -> bool:
    line = lines[span[0] - 1] if 0 < span[0] <= len(lines) else ""
    return line[span[1] - 1 : span[1]] in ("[", "{")


def _entries(root: Map, lines: list[str]) -> list[_Entry]:
    """Every entry below ``root``, in document order."""
    out: list[_Entry] = []
    stack: list[_Entry | tuple[Any, NodePath, int, bool]] = [(root, (), 0, False)]
    while stack:
        top = stack.pop()
        if isinstance(top, _Entry):
            out.append(top)
            continue
        node, path, depth, in_flow = top
        children: list[_Entry] = []
        if isinstance(node, Map):
            for i, (key, (key_span, value_span)) in enumerate(node.spans.items()):
                children.append(
                    _Entry((*path, key), *key_span[:2], depth, i, in_flow, node[key], value_span)
                )
        elif isinstance(node, Seq):
            for i, (item, span) in enumerate(zip(node, node.item_spans, strict=True)):
                children.append(_Entry((*path, i), *span[:2], depth, i, in_flow, item, span))
        pending: list[_Entry | tuple[Any, NodePath, int, bool]] = []
        for child in children:
            pending.append(child)
            if isinstance(child.value, Map | Seq):
                # Inside a flow collection on one line, an entry cannot carry a comment of
                # its own; in one written over several lines it can (`c1: supports,  #
                # why`), and the collection becomes a block that keeps the comment with it
                # (a tour saw it joined onto one line, the comment moved below it, on the
                # next key's line).
                span = child.value_span
                flow = in_flow or (_is_flow(lines, span) and end_line(span, lines) == span[0])
                pending.append((child.value, child.path, depth + 1, flow))
        stack.extend(reversed(pending))
    return out


def _last_lines(entries: list[_Entry], lines: list[str]) -> dict[NodePath, int]:
    """The last line of each entry and everything under it."""
    last: dict[NodePath, int] = {}
    for e in entries:
        own = e.line
        if e.value is not None and (
            not isinstance(e.value, Map | Seq) or _is_flow(lines, e.value_span)
        ):
            own = max(own, end_line(e.value_span, lines))
        last[e.path] = own
    for e in reversed(entries):
        parent = e.path[:-1]
        if parent in last:
            last[parent] = max(last[parent], last[e.path])
    return last


# --- where each comment belongs -----------------------------------------------------


@dataclass(slots=True)
class _Notes:
    """The comments (and blank lines) of a file, attached to what they annotate."""

    header: Lines = field(default_factory=list)
    footer: Lines = field(default_factory=list)
    before: dict[NodePath, Lines] = field(default_factory=dict)
    eol: dict[NodePath, str] = field(default_factory=dict)
    after: dict[NodePath, Lines] = field(default_factory=dict)
    blocked: set[NodePath] = field(default_factory=set)
    """Lists and mappings below a key whose line carries a suppression: blocks, so that
    the suppression covers the key alone, as it did."""

    def annotated(self) -> set[NodePath]:
        """The entries with a comment (not only a blank line) of their own."""
        lines = [*self.before.items(), *self.after.items()]
        return {*self.eol, *(p for p, found in lines if any(t is not None for t in found))}


class _Attacher:
    """Attaches the comments of one loaded file to its entries."""

    def __init__(self, loaded: LoadedFile, entries: list[_Entry]) -> None:
        self.lines = LINE_BREAK.split(loaded.text)
        self.entries = entries
        self.comments = {c.line: c for c in comments_of(loaded)}
        self.starting: dict[int, list[_Entry]] = {}
        for e in entries:
            if not e.in_flow:
                self.starting.setdefault(e.line, []).append(e)
        self.inside = self._scalar_lines(loaded)
        self.last = _last_lines(entries, self.lines)
        self.ending: dict[int, list[_Entry]] = {}
        """The entries (not inside a flow collection) by the line they end on."""
        for e in entries:
            if not e.in_flow:
                self.ending.setdefault(self.last[e.path], []).append(e)
        self.kinds = [self.kind(n) for n in range(1, len(self.lines) + 1)]
        """Each line's kind (:meth:`kind`)."""
        self.notes = _Notes()

    @staticmethod
    def _scalar_lines(loaded: LoadedFile) -> set[int]:
        """Lines that continue a scalar begun on an earlier line."""
        inside: set[int] = set()
        for span in _scalar_spans(loaded.root, LINE_BREAK.split(loaded.text)):
            inside.update(range(span[0] + 1, span[2] + 1))
        return inside

    def kind(self, number: int) -> str:
        line = self.lines[number - 1]
        comment = self.comments.get(number)
        if comment is not None and not comment.full_line:
            code = line[: comment.column - 1].strip()
            return "marker" if code in ("---", "...") or code.startswith("%") else "content"
        if comment is not None:
            return "comment"
        if number in self.inside:
            return "content"
        stripped = line.strip()
        if not stripped:
            return "blank"
        return "marker" if stripped in ("---", "...") or stripped.startswith("%") else "content"

    def run(self) -> _Notes:
        content = [n for n, k in enumerate(self.kinds, start=1) if k == "content"]
        if not content:
            return self.notes
        self.notes.header = self._gap(range(1, content[0]))
        for prev, nxt in zip(content, [*content[1:], None], strict=True):
            self._eol(prev)
            end = nxt if nxt is not None else len(self.lines) + 1
            self._between(range(prev + 1, end), nxt)
        return self.notes

    def _gap(self, numbers: range) -> Lines:
        out: Lines = []
        for n in numbers:
            if self.kinds[n - 1] == "marker":  # '%YAML 1.2', '---', '...': kept as written
                out.append(self.lines[n - 1].rstrip())
                continue
            comment = self.comments.get(n)
            out.append(comment.text if comment is not None else None)
        return out

    def _eol(self, number: int) -> None:
        comment = self.comments.get(number)
        if comment is None or comment.full_line:
            return
        starting = self.starting.get(number)
        # the deepest entry of the line, and of those the last before the comment (the
        # line of a flow collection holds several: 'c1: supports, c2: refutes,  # c2 ...')
        before = [e for e in starting or () if e.column < comment.column]
        owner = max(before, key=lambda e: (e.depth, e.column)) if before else self._covering(number)
        if (
            owner is not None
            and owner.line == number
            and isinstance(owner.value, Map | Seq)
            and owner.value_span[0] > number
            and next(suppressions_in(comment.text), None) is not None
        ):
            # a suppression on the line of a key whose list or mapping starts below it
            # covers the key alone: the collection stays (or becomes) a block
            self.notes.blocked.add(owner.path)
        if owner is None:
            self.notes.header.append(comment.text)
        elif owner.path in self.notes.eol:
            self.notes.after.setdefault(owner.path, []).append(comment.text)
        else:
            self.notes.eol[owner.path] = comment.text

    def _covering(self, number: int) -> _Entry | None:
        """The deepest entry (not inside a flow collection) whose lines hold ``number``,
        else the last entry before it."""
        best: _Entry | None = None
        for e in self.entries:
            if e.line > number:
                break
            if not e.in_flow and self.last[e.path] >= number:
                best = e if best is None or e.depth >= best.depth else best
        if best is None:
            before = [e for e in self.entries if e.line <= number and not e.in_flow]
            best = before[-1] if before else None
        return best

    def _between(self, numbers: range, nxt: int | None) -> None:
        """The comment and blank lines between two content lines."""
        gap = [n for n in numbers if n not in self.inside]
        if not gap:
            return
        indent = _indent(self.lines[nxt - 1]) if nxt is not None else 0
        split = 0
        for i, n in enumerate(gap):
            comment = self.comments.get(n)
            if comment is not None and comment.column - 1 <= indent:
                break
            split = i + 1
        while split and gap[split - 1] not in self.comments:
            split -= 1  # trailing blank lines go with what follows
        trailing, leading = gap[:split], gap[split:]
        if trailing:
            runs = self._closing_runs(trailing, numbers[0] - 1)
            if runs is None:
                leading = gap
            else:
                for closed, run in runs:
                    self.notes.after.setdefault(closed.path, []).extend(self._gap_of(run))
        if not leading:
            return
        lines = self._gap_of(leading)
        if nxt is None:
            self.notes.footer.extend(lines)
            return
        starting = self.starting.get(nxt)
        owner = starting[0] if starting else self._covering(nxt)
        if owner is None:
            self.notes.footer.extend(lines)
        elif starting:
            self.notes.before.setdefault(owner.path, []).extend(lines)
        else:
            self.notes.after.setdefault(owner.path, []).extend(lines)

    def _gap_of(self, numbers: list[int]) -> Lines:
        return self._gap(range(numbers[0], numbers[-1] + 1)) if numbers else []

    def _closing_runs(
        self, trailing: list[int], above: int
    ) -> list[tuple[_Entry, list[int]]] | None:
        """The comment and blank lines after the content line ``above``, each indented
        deeper than what follows, in runs by the entry they stay after. A comment at
        the column of an entry outside the one the run above closes starts a run of
        its own, after that outer entry (in one run with the inner comment above it,
        it was indented as that one, and a second fmt took it inside). Other comments
        and blank lines go with the run above them (those before the first comment,
        with the first). None when the first comment closes no entry."""
        runs: list[tuple[_Entry, list[int]]] = []
        waiting: list[int] = []  # blank lines before the first comment
        for n in trailing:
            comment = self.comments.get(n)
            owner = None if comment is None else self._after_owner(comment, above)
            if not runs:
                if owner is None and comment is not None:
                    return None
                if owner is None:
                    waiting.append(n)
                else:
                    runs.append((owner, [*waiting, n]))
            elif (
                owner is not None
                and comment is not None
                and owner.depth < runs[-1][0].depth
                and comment.column == owner.column
            ):
                runs.append((owner, [n]))
            else:
                runs[-1][1].append(n)
        return runs or None

    def _after_owner(self, comment: Comment, above: int) -> _Entry | None:
        """The entry a comment indented deeper than what follows it closes: of the
        entries that end on the content line ``above`` it and start at or left of its
        column, the outermost of those that start furthest right. (Looked up by the
        line they end on: a scan of every entry per comment took 25 s for 8,000 items
        with a comment each.)"""
        closing = [
            e for e in self.ending.get(above, ()) if e.line <= above and e.column <= comment.column
        ]
        if not closing:
            return None
        right = max(e.column for e in closing)
        return min((e for e in closing if e.column == right), key=lambda e: e.depth)


def _collapse(lines: Lines, lead: bool, trail: bool) -> Lines:
    """``lines`` with each run of blank lines made one, without a leading (``lead``) or
    trailing (``trail``) blank line."""
    out: Lines = []
    for line in lines:
        if line is None and out and out[-1] is None:
            continue
        out.append(line)
    if lead and out and out[0] is None:
        out.pop(0)
    if trail and out and out[-1] is None:
        out.pop()
    return out


# --- the canonical tree -------------------------------------------------------------


@dataclass(slots=True)
class _Plan:
    """What decides the style of each collection."""

    flow_written: set[NodePath]
    """Collections written in flow style."""
    busy: set[NodePath]
    """Collections whose entries carry comments: always block."""
    keep_flow: set[NodePath]
    """Flow collections followed by a comment on their line: kept flow."""
    too_wide: set[NodePath] = field(default_factory=set)
    """Lists of ids whose flow line would not fit."""
    flowed: set[NodePath] = field(default_factory=set)
    """The lists of ids written in flow style."""
    hashed: set[NodePath] = field(default_factory=set)
    """Values followed on their line by a comment that starts right after its '#'
    (``#Reuters``): each keeps its quotes, or their absence, as written, since that
    decides whether the comment reads as cut from the value (CL017), and fmt changes no
    finding."""
    lifted: set[NodePath] = field(default_factory=set)
    """Of those, the plain values written below a key whose line holds the comment,
    which fmt joins to the key's line and its comment: quoted, for the same reason."""


def _scalar(value: Any, ctx: str) -> Any:
    if ctx == "kept" and isinstance(value, SingleQuotedScalarString | DoubleQuotedScalarString):
        return type(value)(str(value))  # quoted as written
    if isinstance(value, FoldedScalarString):
        folded = FoldedScalarString(str(value))
        folded.fold_pos = list(getattr(value, "fold_pos", []))
        return folded
    if isinstance(value, LiteralScalarString):
        return LiteralScalarString(str(value))
    if isinstance(value, str):
        # A field that converts its text, and free-form data (`meta`), plain as written.
        return _Typed(value) if ctx in ("typed", "kept") else str(value)
    return value


def _kept_key(key: Any) -> Any:
    """A key of free-form data as written: quoted if it was, else plain (`n: 3`)."""
    if isinstance(key, SingleQuotedScalarString | DoubleQuotedScalarString):
        return type(key)(str(key))
    return _Typed(key) if isinstance(key, str) else key


def _context_of(ctx: str, key: str, value: Any) -> str:
    """The context of the value of ``key`` in a mapping of context ``ctx``: ``kept`` is
    free-form data (`meta`), whose values keep the quotes they were written with (a
    plain `year: 2024` is another tool's number, and stays one), and so is the value of
    a key the format does not know (often `meta` misspelt: `check` reports the key, and
    its data stays as written until the author renames it)."""
    if ctx == "kept" or key == "meta":
        return "kept"
    if ctx == "file":
        if key in ENTITY_KEYS and isinstance(value, list):
            return f"section:{key}"
        return "free" if key in FILE_KEYS else "kept"
    if ctx.startswith("entity:"):
        if key == "resolution" and ctx == "entity:claims" and isinstance(value, dict):
            return "resolution"
        known = ENTITY_KEYS[ctx.removeprefix("entity:")]
        if key not in known:
            return "kept"
        if key in ID_LISTS and key in known and isinstance(value, list):
            return "ids"
        if key == "stance" and isinstance(value, dict):
            return "stance"
        typed = key in TYPED and key in known
        return "typed" if typed else "free"
    if ctx == "resolution":
        if key not in RESOLUTION_KEYS:
            return "kept"
        return "typed" if key in RESOLUTION_TYPED else "free"
    return "free"


def _order(ctx: str) -> tuple[str, ...] | None:
    """The canonical key order in ``ctx``; None: as written (the top level's sections,
    like the entries of a list, are in the author's order: a ledger that opens with its
    groups keeps them first)."""
    if ctx.startswith("entity:"):
        return ENTITY_KEYS[ctx.removeprefix("entity:")]
    if ctx == "resolution":
        return RESOLUTION_KEYS
    return None


def _build(value: Any, path: NodePath, ctx: str, plan: _Plan) -> Any:
    """The canonical tree of ``value`` (read by ruamel.yaml), without comments."""
    if isinstance(value, dict):
        order = _order(ctx)
        keys = ordered(value, order) if order is not None else list(value)
        out = CommentedMap()
        for key in keys:
            written = _kept_key(key) if ctx == "kept" else str(key)
            out[written] = _build(value[key], (*path, key), _context_of(ctx, key, value[key]), plan)
        _style(out, path, ctx, plan)
        return out
    if isinstance(value, list):
        section = ctx.removeprefix("section:")
        child = f"entity:{section}" if ctx.startswith("section:") else "free"
        items = CommentedSeq()
        for i, item in enumerate(value):
            kind = "kept" if ctx == "kept" else child if isinstance(item, dict) else "free"
            items.append(_build(item, (*path, i), kind, plan))
        _style(items, path, ctx, plan)
        return items
    if path in plan.hashed and isinstance(
        value, SingleQuotedScalarString | DoubleQuotedScalarString
    ):
        return type(value)(str(value))
    if path in plan.lifted and type(value) is str:
        return SingleQuotedScalarString(value)
    if path in plan.hashed and type(value) is str:
        return _Typed(value)  # plain as written, even where fmt would quote it
    return _scalar(value, ctx)


def _flowable(items: list[Any]) -> bool:
    return len(items) <= FLOW_MAX_ITEMS and all(
        isinstance(i, str)
        and i != ""
        and "\n" not in i
        and not isinstance(i, FoldedScalarString | LiteralScalarString)
        for i in items
    )


def _style(node: CommentedMap | CommentedSeq, path: NodePath, ctx: str, plan: _Plan) -> None:
    if not node:
        flow = True  # an empty collection has no block form
    elif path in plan.busy:
        flow = False
    elif path in plan.keep_flow:
        flow = True
    elif ctx == "ids":
        flow = _flowable(list(node)) and path not in plan.too_wide
        if flow:
            plan.flowed.add(path)
    elif ctx in ("free", "kept"):
        flow = path in plan.flow_written
    else:
        flow = False
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()


def _plan(entries: list[_Entry], notes: _Notes, lines: list[str]) -> _Plan:
    flow_written = {
        e.path for e in entries if isinstance(e.value, Map | Seq) and _is_flow(lines, e.value_span)
    }
    busy = {p[:-1] for p in notes.annotated() if len(p) > 1} | notes.blocked
    # a block inside a flow collection cannot be written: its flow ancestors are blocks too
    busy |= {p[:k] for p in busy for k in range(1, len(p)) if p[:k] in flow_written}
    keep = {p for p in notes.eol if p in flow_written and p not in busy}
    hashed = {p for p, text in notes.eol.items() if TIGHT_COMMENT.match(text)}
    # A comment on the key's line, the value below: joined, the comment would follow
    # the value. (A comment on the value's own line already does, and stays.)
    # And an item of a flow collection written over several lines, which becomes a block
    # (its comment followed a ',' or a bracket, and would follow the value itself).
    lifted = {
        e.path
        for e in entries
        if e.path in hashed
        and isinstance(e.value, str)
        and (
            (e.value_span[0] != e.line and HASH_IN_TEXT.search(lines[e.line - 1]))
            or e.path[:-1] in flow_written
        )
    }
    return _Plan(flow_written, busy, keep, hashed=hashed, lifted=lifted)


def _dump(tree: Any) -> str:
    """The text of ``tree``; text that holds a character a reviewer would not see as
    written (a bidirectional control, a line separator: claimlog refuses those in a
    file; one that shows as nothing, CL019) is written again with every character
    beyond ASCII escaped."""
    out = io.StringIO()
    _writer().dump(tree, out)
    text = out.getvalue()
    if misleading_characters(text, "")[0] or hidden_characters(text, ""):
        writer = _writer()
        writer.allow_unicode = False
        out = io.StringIO()
        writer.dump(tree, out)
        text = out.getvalue()
    return text


# --- putting the comments back -------------------------------------------------------


class _Placer:
    """Puts the comments of the original on the lines of the canonical text."""

    def __init__(self, text: str, notes: _Notes) -> None:
        loaded = load_bytes(text.encode("utf-8"), "<formatted>")
        if structure_errors(loaded) or loaded.root is None:
            raise FormatError("ruamel.yaml wrote text that does not read back")
        self.lines = LINE_BREAK.split(text)
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        listed = _entries(loaded.root, self.lines)
        self.entries = {e.path: e for e in listed}
        self.last = _last_lines(listed, self.lines)
        self.notes = notes
        self.inserts: dict[int, list[tuple[int, int, Lines]]] = {}
        """Lines to insert before each line (the line after the last: at the end)."""

    def _entry(self, path: NodePath) -> _Entry:
        entry = self.entries.get(path)
        if entry is None:
            raise FormatError(f"lost track of {_shown_path(path)}")
        return entry

    def _insert(self, before_line: int, rank: tuple[int, int], lines: Lines, indent: int) -> None:
        shown: Lines = [None if t is None else " " * indent + t for t in lines]
        self.inserts.setdefault(before_line, []).append((*rank, shown))

    def _eol_line(self, e: _Entry) -> int:
        value, span = e.value, e.value_span
        if value is None:
            return e.line
        if isinstance(value, Map | Seq):
            return span[2] if _is_flow(self.lines, span) else e.line
        if _is_block(self.lines, span):
            return span[0]  # the header line: '>-  # comment'
        return end_line(span, self.lines)

    def place(self) -> str:
        order = {p: i for i, p in enumerate(self.entries)}
        taken: set[int] = set()
        for path, text in self.notes.eol.items():
            e = self._entry(path)
            at = self._eol_line(e)
            if at in taken:  # two comments for one line: the second goes below it
                self._insert(at + 1, (0, -order[path]), [text], e.column - 1)
                continue
            taken.add(at)
            self.lines[at - 1] = self.lines[at - 1].rstrip() + "  " + text
        for path, lines in self.notes.before.items():
            e = self._entry(path)
            shown = _collapse(lines, lead=e.index == 0, trail=False)
            self._insert(e.line, (1, order[path]), shown, _indent(self.lines[e.line - 1]))
        for path, lines in self.notes.after.items():
            e = self._entry(path)
            shown = _collapse(lines, lead=False, trail=True)
            self._insert(self.last[path] + 1, (0, -order[path]), shown, e.column - 1)
        return self._assemble()

    def _assemble(self) -> str:
        """The lines of the canonical text with the comments inserted; None stands for
        a blank line that is not part of a value."""
        out: Lines = list(self.notes.header)
        for number, line in enumerate([*self.lines, None], start=1):
            for _, _, lines in sorted(self.inserts.get(number, []), key=lambda c: c[:2]):
                out.extend(lines)
            if line is not None:
                out.append(line)
        out.extend(self.notes.footer)
        out = _collapse(out, lead=True, trail=True)
        return "".join(("" if t is None else t.rstrip()) + "\n" for t in out)


# --- one file -----------------------------------------------------------------------


_TAB_BEFORE_COMMENT: Final = re.compile(r"\t[ \t]*#")


def _untabbed(loaded: LoadedFile, lines: list[str]) -> str:
    """The text with each tab between a value and its comment made a space: YAML allows
    it, claimlog's loader reads it, ruamel.yaml refuses it. Nothing else changes: the
    tabs are outside every value, and fmt lays the comments out again anyway."""
    text = loaded.text
    if not _TAB_BEFORE_COMMENT.search(text):
        return text
    changed = list(lines)
    for c in comments_of(loaded):
        line = changed[c.line - 1]
        before = line[: c.column - 1]
        gap = len(before) - len(before.rstrip(" \t"))
        if "\t" in before[len(before) - gap :]:
            changed[c.line - 1] = before[: len(before) - gap] + " " * gap + line[c.column - 1 :]
    return "\n".join(changed)


def _read(text: str) -> Any:
    try:
        return _reader().load(text)
    except YAMLError as err:  # what YAML allows and ruamel.yaml does not: its own words
        problem = getattr(err, "problem", None) or str(err).split("\n", 1)[0]
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise FormatError(
            f"{where}ruamel.yaml, which writes the file, cannot read it: {problem}"
        ) from None
    except NotImplementedError as err:  # ruamel.yaml's "overlap in comment"
        at = re.search(r"line: ([0-9]+)", str(err))
        where = f"line {int(at[1]) + 1}: " if at else ""
        raise FormatError(
            f"{where}ruamel.yaml, which writes the file, cannot place this comment; "
            "write the value on its key's line, or the comment on a line of its own"
        ) from None


def format_loaded(loaded: LoadedFile) -> str:
    """The canonical text (line feeds, no byte-order mark) of a loaded file with no
    structure error; FormatError when it cannot be made safely."""
    assert loaded.root is not None
    lines = LINE_BREAK.split(loaded.text)
    tree = _read(_untabbed(loaded, lines))
    values = plain(loaded.root)
    if plain(tree) != values:
        raise FormatError("ruamel.yaml reads its values differently from claimlog")
    entries = _entries(loaded.root, lines)
    notes = _Attacher(loaded, entries).run()
    plan = _plan(entries, notes, lines)
    text = _dump(_build(tree, (), "file", plan))
    wide = _too_wide(text, plan.flowed)
    if wide:
        plan.too_wide |= wide
        plan.flowed = set()
        text = _dump(_build(tree, (), "file", plan))
    return _Placer(text, notes).place()


def _too_wide(text: str, flowed: set[NodePath]) -> set[NodePath]:
    if not flowed:
        return set()
    loaded = load_bytes(text.encode("utf-8"), "<formatted>")
    if loaded.root is None:
        return set()
    lines = LINE_BREAK.split(text)
    return {
        e.path
        for e in _entries(loaded.root, lines)
        if e.path in flowed and len(lines[e.line - 1]) > FLOW_MAX_WIDTH
    }


@dataclass(slots=True)
class Formatted:
    """The outcome for one file: its bytes before and after (None: left untouched,
    with the findings or the problem that say why)."""

    path: str
    before: bytes
    after: bytes | None = None
    findings: list[Diagnostic] = field(default_factory=list)
    problem: str | None = None
    loaded: LoadedFile | None = None

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after != self.before


def encode_like(text: str, before: bytes, original: str) -> bytes:
    """``text`` (with line feeds) encoded as ``before`` was: its line endings (those of
    its first line) and its byte-order mark."""
    data = with_newline(text, newline_of(original))
    return (BOM if before.startswith(BOM) else b"") + data.encode("utf-8")


def format_bytes(data: bytes, path: str) -> Formatted:
    """Format the bytes of one ledger file (``path`` as shown)."""
    loaded = load_bytes(data, path)
    out = Formatted(path, data, loaded=loaded)
    errors = structure_errors(loaded)
    if errors:
        out.findings = errors
        return out
    if loaded.root is None:  # empty, or only comments: nothing to lay out
        out.after = data
        return out
    try:
        text = format_loaded(loaded)
    except FormatError as err:
        out.problem = str(err)
        return out
    result = encode_like(text, data, loaded.text)
    covered = suppression_coverage(loaded)
    anchors = comment_anchors(loaded, after_dash=True)
    _, why = check_same(result, path, plain(loaded.root), comment_texts(loaded), covered, anchors)
    if why is not None:
        out.problem = why
        return out
    out.after = result
    return out


def verifier(loaded: LoadedFile) -> Callable[[bytes], str | None]:
    """The check a write of a formatted file makes of the bytes on disk."""
    values = plain(loaded.root)
    comments = comment_texts(loaded)
    covered = suppression_coverage(loaded)
    anchors = comment_anchors(loaded, after_dash=True)

    def verify(data: bytes) -> str | None:
        return check_same(data, loaded.path, values, comments, covered, anchors)[1]

    return verify


def unified_diff(path: str, before: bytes, after: bytes) -> Iterator[str]:
    """A unified diff of two versions of a file (``--- a/path``, ``+++ b/path``; the path
    with its control characters visible: a line break in a file name would start a line
    of its own)."""
    import difflib

    from .render.safe import path_text

    old = before.decode("utf-8", "replace").splitlines(keepends=True)
    new = after.decode("utf-8", "replace").splitlines(keepends=True)
    shown = path_text(path)
    for line in difflib.unified_diff(old, new, f"a/{shown}", f"b/{shown}"):
        yield line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"


# --- files of the working tree -------------------------------------------------------


def root_of(real: Path, cwd: Path) -> Path:
    """The tree a write of ``real`` (a resolved path) must stay in: the repository, or
    the file's own folder for a file named outside it."""
    root = repository_root(cwd)
    return root if within(real, os.path.realpath(root)) else real.parent


def format_file(found: Found) -> Formatted:
    """Read and format one file found by discovery (a refused path: its finding)."""
    if found.problem is not None:
        loaded = refused(found.shown, *found.problem)
        return Formatted(found.shown, b"", findings=loaded.diagnostics, loaded=loaded)
    try:
        data = read_regular(os.fspath(found.path), MAX_FILE_BYTES)
    except OSError:  # too large, not a regular file, unreadable: the loader says which
        loaded = load_path(os.fspath(found.path), found.shown)
        return Formatted(found.shown, b"", findings=loaded.diagnostics, loaded=loaded)
    return format_bytes(data, found.shown)


def write_formatted(result: Formatted, real: Path, cwd: Path) -> str | None:
    """Write a reformatted file, checked again on disk before it replaces the original;
    the reason it was not written, or None."""
    assert result.after is not None
    assert result.loaded is not None
    try:
        write_file(real, result.after, root_of(real, cwd), verifier(result.loaded))
    except WriteError as err:
        return str(err)
    return None
