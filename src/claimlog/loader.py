"""Files to positioned values: the only module that knows YAML.

A ledger file is parsed into parser *events* (libyaml's C parser where it is
installed, PyYAML's pure-Python parser otherwise) and built into plain values:

* every scalar is the exact ``str`` that was typed (an empty plain scalar,
  ``key:`` with nothing after it, is ``None``: "not given");
* mappings are :class:`Map` (a ``dict`` that also records where each key and
  value stand); sequences are :class:`Seq` (a ``list`` with the span of each
  item).

PyYAML's constructors are never used: they are slow, they turn ``no`` into
``False`` and ``012`` into ``10``, and some of them run code. Everything the
format does not allow (duplicate keys, anchors, aliases, merge keys, tags,
several documents, ...) becomes a diagnostic at its place; nothing stops at the
first problem unless the parser itself cannot go on.

Before parsing, the text of a file is checked to be what a reviewer sees in a diff:
line breaks that YAML honours and diffs do not (U+0085, U+2028, U+2029, a lone
carriage return) and bidirectional controls are findings at their place; a file
with such a line break is not parsed at all (:func:`load_bytes`).
"""

from __future__ import annotations

import bisect
import errno
import functools
import itertools
import re
import sys
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import field
from typing import Any, Final, NoReturn, overload

import yaml
import yaml.reader

from . import invisible
from . import rules as R
from .diagnostics import Diagnostic, Span, diag
from .plaindata import dataclass
from .reading import MAX_FILE_BYTES as MAX_FILE_BYTES
from .reading import FileTooLarge as FileTooLarge
from .reading import NotRegularFile as NotRegularFile
from .reading import kind_of as kind_of
from .reading import read_regular as read_regular

try:  # libyaml's C parser, about ten times faster than the pure-Python one.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader as _Reader
    from yaml.scanner import Scanner as _Scanner

    class _Parser(_Reader, _Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            _Reader.__init__(self, stream)
            _Scanner.__init__(self)
            _PyParser.__init__(self)


LINE_BREAK: Final = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""What YAML (and libyaml's marks) count as a line break."""

MAX_DEPTH: Final = 64
MAX_ALIASES: Final = 1_000
"""Aliases reported in a file (CL004 each); past them the file is not read further, so
that a file of millions of aliases costs no more than one of a thousand."""
MAX_VALUES: Final = 2_000_000
"""Values (scalars, mappings and lists) in a file of up to 16 MiB; past them the file is
refused (CL012), since a few bytes can spell a value (``{},``) and each costs a few
hundred bytes of memory and microseconds of work: without this limit a 16 MiB file of
five million ``{}`` takes over a minute and several GB. A ledger averages 15-20 bytes a
value (keys counted), so a 16 MiB ledger holds about a million. A larger file gets one
value per :data:`BYTES_PER_VALUE` of its bytes (:func:`value_budget`)."""
BYTES_PER_VALUE: Final = 8
"""A file over 16 MiB may hold one value per so many of its bytes: twice as dense as any
ledger, and three times less than a file of bare ``{},`` can spell."""


def value_budget(size: int) -> int:
    """The values a file of ``size`` bytes may hold before it is refused: its work and
    memory grow with its size, never faster (a 256 MiB file of ``{},`` stops after
    33 million values, as a 16 MiB one stops after 2 million)."""
    return max(MAX_VALUES, size // BYTES_PER_VALUE)


EMITS: Final = (
    R.YAML_SYNTAX,
    R.NOT_UTF8,
    R.DUPLICATE_KEY,
    R.ANCHOR_ALIAS,
    R.MERGE_KEY,
    R.EXPLICIT_TAG,
    R.MULTIPLE_DOCUMENTS,
    R.TOP_LEVEL_NOT_MAPPING,
    R.EMPTY_FILE,
    R.TAB_INDENTATION,
    R.TOO_DEEP,
    R.FILE_TOO_LARGE,
    R.UNREADABLE_FILE,
    R.COMPLEX_KEY,
    R.MISLEADING_CHARACTER,
    R.UNSAFE_FILE,
    R.COMMENT_IN_VALUE,
    R.HIDDEN_CHARACTER,
)
"""The rules the loader reports."""

_SHARED_LENGTH: Final = 64
"""Texts up to this long (keys, ids, kinds, stances, dates) are kept once however often
they are written, in whatever file: a ledger repeats them on every entry."""

Value = Any
"""A loaded value: ``str``, ``None`` (empty), :class:`Map` or :class:`Seq`."""


# Positions are kept compact. A point (line, column), each 1-based and under 2**32, is
# one int, ``line | column << 32``; a span is two points, its start and its end. The
# points of every Map and Seq of a file are in one ``array('Q')`` (8 bytes a point, no
# object each, no array per container), each container's together from its ``_at``:
# first its own span, then for a Map each key's span and its value's span, in the order
# of the keys, and for a Seq each item's span.
_FIELD: Final = (1 << 32) - 1
_LARGE: Final = 8
"""A Map of more keys than this finds a key's place through an index built once."""


def point(line: int, column: int) -> int:
    """One int for a 1-based (line, column)."""
    return line | column << 32


def span_of(start: int, end: int) -> Span:
    """The span from two points (see :func:`point`)."""
    return (start & _FIELD, start >> 32, end & _FIELD, end >> 32)


def _own_span(container: Map | Seq, span: Span) -> None:
    """Set a container's own span (its items keep theirs); a container made by hand
    gets points of its own, with only that span."""
    start, end = point(span[0], span[1]), point(span[2], span[3])
    try:
        points, at = container._points, container._at
    except AttributeError:
        container._points, container._at = array("Q", (start, end)), 0
        if isinstance(container, Seq):
            container._count = 0
        return
    points[at], points[at + 1] = start, end


class _SpanPairs(Mapping[str, tuple[Span, Span]]):
    """``Map.spans``: each key's ``(key_span, value_span)``, unpacked when read."""

    __slots__ = ("_map",)

    def __init__(self, owner: Map) -> None:
        self._map = owner

    def __getitem__(self, key: str) -> tuple[Span, Span]:
        at = self._map._place(key)
        if at is None:
            raise KeyError(key)
        points = self._map._points
        return span_of(points[at], points[at + 1]), span_of(points[at + 2], points[at + 3])

    def __iter__(self) -> Iterator[str]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)

    def __contains__(self, key: object) -> bool:
        return key in self._map


class _Spans(Sequence[Span]):
    """``Seq.item_spans``: each item's span, unpacked when read."""

    __slots__ = ("_at", "_count", "_points")

    def __init__(self, points: array[int], at: int, count: int) -> None:
        self._points, self._at, self._count = points, at, count

    @overload
    def __getitem__(self, index: int) -> Span: ...
    @overload
    def __getitem__(self, index: slice) -> list[Span]: ...
    def __getitem__(self, index: int | slice) -> Span | list[Span]:
        count = self._count
        if isinstance(index, slice):
            return [self[i] for i in range(count)[index]]
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("item span index out of range")
        points = self._points
        at = self._at + 2 + 2 * index
        start, end = points[at], points[at + 1]
        return (start & _FIELD, start >> 32, end & _FIELD, end >> 32)

    def __iter__(self) -> Iterator[Span]:
        points, first = self._points, self._at + 2
        return (span_of(points[i], points[i + 1]) for i in range(first, first + 2 * self._count, 2))

    def __len__(self) -> int:
        return self._count


class Map(dict[str, Value]):
    """A mapping that remembers where it, each of its keys and each value stand.

    ``spans[key]`` is ``(key_span, value_span)``. Only the loader builds these (it sets
    ``_points`` and ``_at`` itself; see :func:`point`).
    """

    __slots__ = ("_at", "_index", "_points")

    _points: array[int]
    _at: int
    _index: dict[str, int]

    @property
    def span(self) -> Span:
        points, at = self._points, self._at
        return span_of(points[at], points[at + 1])

    @span.setter
    def span(self, span: Span) -> None:
        _own_span(self, span)

    @property
    def spans(self) -> Mapping[str, tuple[Span, Span]]:
        return _SpanPairs(self)

    def _place(self, key: str) -> int | None:
        """Where ``key``'s points start in ``_points`` (None if it is not a key)."""
        if key not in self:
            return None
        if len(self) <= _LARGE:
            for i, name in enumerate(self):
                if name == key:
                    return self._at + 2 + 4 * i
        try:
            index = self._index
        except AttributeError:
            index = self._index = {name: i for i, name in enumerate(self)}
        return self._at + 2 + 4 * index[key]

    def key_span(self, key: str) -> Span:
        """Where ``key`` stands (the mapping's own span if it has no such key)."""
        at = self._place(key)
        if at is None:
            return self.span
        return span_of(self._points[at], self._points[at + 1])

    def value_span(self, key: str) -> Span:
        """Where the value of ``key`` stands (the mapping's own span if it has none)."""
        at = self._place(key)
        if at is None:
            return self.span
        return span_of(self._points[at + 2], self._points[at + 3])


class Seq(list[Value]):
    """A sequence that remembers where it and each item stand."""

    __slots__ = ("_at", "_count", "_points")

    _points: array[int]
    _at: int
    _count: int
    """How many items have points (the items the loader read)."""

    @property
    def span(self) -> Span:
        points, at = self._points, self._at
        return span_of(points[at], points[at + 1])

    @span.setter
    def span(self, span: Span) -> None:
        _own_span(self, span)

    @property
    def item_spans(self) -> Sequence[Span]:
        return _Spans(self._points, self._at, self._count)


@dataclass(frozen=True, slots=True)
class Suppression:
    """A ``# claimlog: ignore[CL123, rule-name]`` comment: on the line of a finding, or
    before the first content of a file for the whole file."""

    span: Span
    words: tuple[str, ...]
    whole_file: bool


SUPPRESSION: Final = re.compile(r"#\s*claimlog:\s*ignore\[([^\]\r\n]*)\]")


BARE_SUPPRESSION: Final = r"#[ \t]*claimlog:[ \t]*ignore(?![\[\w-])"
"""``# claimlog: ignore`` with no rules in brackets: it suppresses nothing (CL501 says
so); read as a suppression of no rule, so that it is not silently passed over."""


def suppressions_in(text: str) -> Iterator[re.Match[str]]:
    """The suppression comments in a line of text (:data:`SUPPRESSION`, and
    :data:`BARE_SUPPRESSION`, which names no rule), in order. Those with brackets are
    looked for only before the line's last ``]``: each ``# claimlog: ignore[`` left
    open scanned the rest of the line (a line of 16,000 of them took 12 s)."""
    end = text.rfind("]") + 1
    found = list(SUPPRESSION.finditer(text, 0, end)) if end else []
    if "ignore" in text:
        found += re.finditer(BARE_SUPPRESSION, text)  # compiled when first met
        found.sort(key=lambda m: m.start())
    return iter(found)


@dataclass(slots=True)
class LoadedFile:
    """One file: its path as shown to users, its text and its top-level value."""

    path: str
    unpacked: str = ""
    """The text, unless :meth:`pack` compressed it (read it as :attr:`text`)."""
    root: Map | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    _packed: tuple[bytes, ...] | None = field(default=None, compare=False, repr=False)
    """The text in compressed blocks of whole lines, once :meth:`pack` is called."""
    _firsts: array[int] | None = field(default=None, compare=False, repr=False)
    """The number of the first line of each packed block."""
    _lines: list[str] | None = None
    """The lines as a reviewer sees them, where YAML would break them elsewhere (a file
    with hidden line breaks, which is not parsed)."""
    _starts: array[int] | None = field(default=None, compare=False, repr=False)
    """Where each line starts in ``text``: a findings' excerpt slices its line out
    instead of keeping every line of the file as a string of its own."""

    @property
    def text(self) -> str:
        """The file's text (decompressed again on each use once packed)."""
        text = self.unpacked  # first: pack() sets the blocks before it empties this
        if self._packed is None:
            return text
        return "".join(_inflate(block) for block in self._packed)

    def pack(self) -> None:
        """Keep the text compressed: a large set keeps the text of every file for the
        excerpts of findings, and YAML text compresses four or five times. The text is
        cut into blocks of whole lines (about :data:`PACK_BLOCK` characters each), so
        that an excerpt decompresses the block of its line only, never the whole of a
        large file."""
        text = self.unpacked
        if self._packed is not None or not text:
            return
        import zlib

        blocks: list[bytes] = []
        firsts = array("I")
        at, line = 0, 1
        while at < len(text):
            cut = at + PACK_BLOCK
            if cut < len(text):  # after the next line break ("\r\n" stays whole)
                found = LINE_BREAK.search(text, cut)
                cut = found.end() if found is not None else len(text)
            chunk = text[at:cut]
            blocks.append(zlib.compress(chunk.encode("utf-8", "surrogatepass"), 1))
            firsts.append(line)
            line += _breaks(chunk)
            at = cut
        # In this order: a reader on another thread finds the whole text at every step
        # (the blocks once they are set, the line index once it is set too).
        self._packed, self._firsts, self.unpacked = tuple(blocks), firsts, ""

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` (empty when out of range), with lines
        broken where YAML breaks them, so that excerpts match reported positions."""
        if self._lines is not None:
            return self._lines[number - 1] if 1 <= number <= len(self._lines) else ""
        if self._packed is not None and self._firsts is not None:
            k = bisect.bisect_right(self._firsts, number) - 1
            if k < 0:
                return ""
            lines = _block_lines(self._packed[k])  # the next block's first line is not asked
            at = number - self._firsts[k]
            return lines[at] if at < len(lines) else ""
        starts = self._starts
        if starts is None:
            starts = self._starts = array("I", [0])  # a file is under 4 GiB
            starts.extend(m.end() for m in LINE_BREAK.finditer(self.text))
        if not 1 <= number <= len(starts):
            return ""
        text = self.text
        begin = starts[number - 1]
        if number == len(starts):
            return text[begin:]
        end = starts[number] - 1  # the break: one character, or "\r\n"
        if end > begin and text[end - 1] == "\r" and text[end] == "\n":
            end -= 1
        return text[begin:end]


PACK_BLOCK: Final = 1 << 18
"""The size of a packed block of text, in characters (then to the end of its line)."""


def _breaks(text: str) -> int:
    """How many line breaks :data:`LINE_BREAK` finds in ``text`` ("\r\n" is one). Each
    count is a pass over the text (0.1 s for 100,000 claims): the ones that cannot
    find anything are skipped (``isascii`` costs nothing; CPython knows)."""
    found = text.count("\n")
    lone = text.count("\r")
    if lone:
        found += lone - text.count("\r\n")
    if not text.isascii():
        found += text.count("\x85") + text.count("\u2028") + text.count("\u2029")
    return found


def _inflate(block: bytes) -> str:
    import zlib

    return zlib.decompress(block).decode("utf-8", "surrogatepass")


@functools.lru_cache(maxsize=1)
def _block_lines(block: bytes) -> list[str]:
    """The lines of a packed block (the last one asked for is kept: excerpts come file by
    file, line by line)."""
    return LINE_BREAK.split(_inflate(block))


_WHOLE_FILE: Final[Span] = (1, 1, 1, 1)


def refused(path: str, rule: R.Rule, message: str, hint: str | None = None) -> LoadedFile:
    """A file that is not read, with the one finding that says why."""
    out = LoadedFile(path)
    out.diagnostics.append(diag(rule, path, _WHOLE_FILE, message, hint=hint))
    return out


def load_path(path: str, display: str | None = None) -> LoadedFile:
    """Read (:func:`read_regular`) and load one file; every problem becomes a diagnostic.

    ``path`` is opened as it is: a symbolic link at its last step is not followed
    (:func:`claimlog.files.discover` resolves and checks links before this)."""
    shown = display or path
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileTooLarge as err:
        return refused(
            shown,
            R.FILE_TOO_LARGE,
            f"file is {err.size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
            hint="split it into several ledger files",
        )
    except NotRegularFile as err:
        return refused(shown, R.UNSAFE_FILE, f"{kind_of(err.mode)}, not a regular file; not read")
    except OSError as err:
        if err.errno == errno.ELOOP:
            return refused(shown, R.UNREADABLE_FILE, "cannot read file: a symbolic link")
        reason = err.strerror or type(err).__name__
        return refused(shown, R.UNREADABLE_FILE, f"cannot read file: {reason}")
    except ValueError:  # a NUL in the path
        return refused(shown, R.UNREADABLE_FILE, "cannot read file: not a valid path")
    return load_bytes(data, shown)


def load_bytes(data: bytes, path: str) -> LoadedFile:
    """Decode and load the bytes of one ledger file: every file read goes through here.

    The text is checked to read as a reviewer sees it (:func:`misleading_characters`)
    before it is parsed; one with a line break that only YAML sees is not parsed.
    """
    if len(data) > MAX_FILE_BYTES:
        out = LoadedFile(path)
        out.diagnostics.append(
            diag(
                R.FILE_TOO_LARGE,
                path,
                _WHOLE_FILE,
                f"file is over the limit of {MAX_FILE_BYTES:,} bytes",
                hint="split it into several ledger files",
            )
        )
        return out
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        out = LoadedFile(path)
        start = err.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", "replace")) + 1
        out.diagnostics.append(
            diag(
                R.NOT_UTF8,
                path,
                (line, column, line, column + 1),
                f"byte 0x{data[start]:02x} at offset {start} is not valid UTF-8",
                hint="save the file as UTF-8",
            )
        )
        return out
    found, hidden_breaks = misleading_characters(text, path)
    if hidden_breaks:
        # YAML would break lines where a reviewer sees none: read nothing of the file,
        # and show it as a reviewer does (excerpts at the reported lines).
        out = LoadedFile(path, text, diagnostics=found)
        out._lines = [line.removesuffix("\r") for line in text.split("\n")]
        return out
    out = load_text(text, path)
    out.diagnostics.extend(found)
    out.diagnostics.extend(hidden_characters(text, path))
    return out


# --- what a reviewer sees ---------------------------------------------------------------

HIDDEN_BREAKS: Final = {
    0x0D: "CARRIAGE RETURN",
    0x85: "NEXT LINE",
    0x2028: "LINE SEPARATOR",
    0x2029: "PARAGRAPH SEPARATOR",
}
"""What YAML counts as a line break but git, diff viewers and code review do not."""

BIDI_CONTROLS: Final = {
    0x061C: "ARABIC LETTER MARK",
    0x200E: "LEFT-TO-RIGHT MARK",
    0x200F: "RIGHT-TO-LEFT MARK",
    0x202A: "LEFT-TO-RIGHT EMBEDDING",
    0x202B: "RIGHT-TO-LEFT EMBEDDING",
    0x202C: "POP DIRECTIONAL FORMATTING",
    0x202D: "LEFT-TO-RIGHT OVERRIDE",
    0x202E: "RIGHT-TO-LEFT OVERRIDE",
    0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE",
    0x2068: "FIRST STRONG ISOLATE",
    0x2069: "POP DIRECTIONAL ISOLATE",
}
"""The bidirectional controls: they reorder how a line is shown ("Trojan Source")."""

_MISLEADING: Final = re.compile(
    "[\x85\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)
MAX_MISLEADING: Final = 1_000
"""Misleading characters reported one by one in a file; the rest in one more finding."""


def misleading_characters(text: str, path: str) -> tuple[list[Diagnostic], bool]:
    """Every character of ``text`` that makes the file read differently from how a
    reviewer sees it, each at its place as a reviewer counts lines (at line feeds
    only: a carriage return before a line feed ends the line with it), comments
    included; and whether one of them is a line break to YAML (then the file must not
    be read). Linear in the text, whatever the number of characters found."""
    found: list[Diagnostic] = []
    hidden_breaks = False
    if text.isascii() and "\r" not in text:
        return found, hidden_breaks
    # A file whose every line ends with a carriage return alone (old Mac line endings)
    # is one finding at its first, not one per line (a tour: 51 alike).
    crs_only = "\r" in text and "\n" not in text
    crs_told = False
    for at, span in _places(text, _MISLEADING):
        code = ord(text[at])
        if crs_only and code == 0x0D:
            if not crs_told:
                crs_told = hidden_breaks = True
                found.append(_carriage_returns(path, span, text.count("\r")))
            continue
        if len(found) < MAX_MISLEADING:
            hidden_breaks = hidden_breaks or code in HIDDEN_BREAKS
            found.append(_misleading(path, span, code))
            continue
        # The rest of them, only counted, by the C loops of str.count.
        lone_crs = text.count("\r", at) - text.count("\r\n", at)
        counts = {cp: text.count(chr(cp), at) for cp in (*HIDDEN_BREAKS, *BIDI_CONTROLS)}
        counts[0x0D] = 0 if crs_only else lone_crs  # told in one finding
        rest = sum(counts.values())
        hidden_breaks = hidden_breaks or any(counts[cp] for cp in HIDDEN_BREAKS)
        found.append(
            diag(
                R.MISLEADING_CHARACTER,
                path,
                span,
                f"{rest:,} more line-break or bidirectional control characters from here "
                "on, not reported one by one",
                hint="remove them all",
            )
        )
        break
    return found, hidden_breaks


def _places(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, Span]]:
    """Where ``pattern`` matches in ``text``: the offset, and the span of the character
    there as a reviewer counts lines (at line feeds only). Linear in the text."""
    line, line_start, scanned = 1, 0, 0
    for match in pattern.finditer(text):
        at = match.start()
        newlines = text.count("\n", scanned, at)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", scanned, at) + 1
        scanned = at
        yield at, (line, at - line_start + 1, line, at - line_start + 2)


@functools.cache
def _hiding() -> re.Pattern[str]:
    """:data:`claimlog.invisible.PATTERN`, compiled when a file first holds other than
    ASCII."""
    return re.compile(invisible.PATTERN)


def hidden_characters(text: str, path: str) -> list[Diagnostic]:
    """CL019 at every character of ``text`` that shows as nothing and hides text
    (:mod:`claimlog.invisible`), comments included: the first :data:`MAX_MISLEADING`
    one by one, the rest counted in one more finding."""
    if text.isascii():
        return []
    hiding = _hiding()
    found: list[Diagnostic] = []
    for at, span in _places(text, hiding):
        if len(found) == MAX_MISLEADING:
            rest = sum(1 for _ in hiding.finditer(text, at))
            found.append(
                diag(
                    R.HIDDEN_CHARACTER,
                    path,
                    span,
                    f"{rest:,} more characters that show as nothing from here on, not "
                    "reported one by one",
                    hint="remove them all",
                )
            )
            break
        found.append(_hidden(path, span, ord(text[at])))
    return found


def _hidden(path: str, span: Span, code: int) -> Diagnostic:
    import unicodedata

    name = unicodedata.name(chr(code), "")
    shown = invisible.escape(code)
    return diag(
        R.HIDDEN_CHARACTER,
        path,
        span,
        f"U+{code:04X} {name} shows as nothing: the text read is not the text a reviewer sees",
        hint=f"remove it; to keep it in a value, write it as an escape in a double-quoted "
        f'string ("{shown}")',
    )


_MISLEADING_NAME: Final = (
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    + invisible.CLASS
    + "]"
)
"""What makes a file's name read otherwise than it is: controls (a line break, an
escape sequence), bidirectional controls (``b\u202eyaml.lmx.yaml`` shows as
``bxml.yaml...``) and characters that show as nothing (:mod:`claimlog.invisible`).
A CI annotation cannot name such a file either."""


def misleading_name(path: str) -> Diagnostic | None:
    """CL018 at the file ``path`` if its name holds a control, a bidirectional control
    or a character that shows as nothing (its content is not in question: ``fmt``
    still formats it)."""
    if path.isascii() and path.isprintable():  # nearly every name: no pattern to compile
        return None
    char = re.search(_MISLEADING_NAME, path)
    if char is None:
        return None
    code = ord(char.group())
    what = (
        f"bidirectional control U+{code:04X} {BIDI_CONTROLS[code]}"
        if code in BIDI_CONTROLS
        else f"character that shows as nothing, U+{code:04X}"
        if code in invisible.CODES
        else f"control character U+{code:04X}"
    )
    return diag(
        R.MISLEADING_FILE_NAME,
        path,
        _WHOLE_FILE,
        f"the file's name holds a {what}: it reads otherwise than it is, in a review and "
        "in CI annotations",
        hint="rename the file",
    )


LOOKALIKE_SPACE: Final = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
"""A space other than U+0020 (a no-break space pasted from a web page): YAML reads it as
text, so one where YAML needs a space breaks a line, or ends up in a key or a value."""


def _carriage_returns(path: str, span: Span, count: int) -> Diagnostic:
    return diag(
        R.MISLEADING_CHARACTER,
        path,
        span,
        f"the file ends its lines with a carriage return alone ({count:,} of them, old Mac "
        "line endings): line breaks to YAML but not in a diff, which shows one line: the "
        "file is not read",
        hint="convert its line endings to line feeds (your editor's line-ending setting, "
        "or 'dos2unix -c mac FILE')",
    )


def _misleading(path: str, span: Span, code: int) -> Diagnostic:
    if code in HIDDEN_BREAKS:
        if code == 0x0D:
            what, escape = "a carriage return not followed by a line feed", "\\r"
        else:
            what, escape = f"U+{code:04X} {HIDDEN_BREAKS[code]}", f"\\u{code:04x}"
        return diag(
            R.MISLEADING_CHARACTER,
            path,
            span,
            f"{what} is a line break to YAML but not in a diff: the file is not read",
            hint="end lines with a line feed; to keep the character in a value, write it "
            f'as an escape in a double-quoted string ("{escape}")',
        )
    return diag(
        R.MISLEADING_CHARACTER,
        path,
        span,
        f"bidirectional control U+{code:04X} {BIDI_CONTROLS[code]} changes how this line "
        "is displayed",
        hint="remove it; to keep it in a value, write it as an escape in a double-quoted "
        f'string ("\\u{code:04x}")',
    )


def load_text(text: str, path: str) -> LoadedFile:
    """Load the text of one ledger file into positioned values."""
    out = LoadedFile(path, text)
    _Builder(out).run()
    if "claimlog:" in text:
        out.suppressions = _suppressions(out)
    return out


def plain(value: Any) -> Any:
    """A loaded value as plain dicts, lists, texts and None (for comparison)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value if value is None else str(value)


def _scalar_spans(value: Value) -> list[Span]:
    """The spans of every scalar (keys included) below ``value``."""
    found: list[Span] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, Map):
            for key, (key_span, value_span) in node.spans.items():
                found.append(key_span)
                child = node[key]
                if isinstance(child, (Map, Seq)):
                    stack.append(child)
                else:
                    found.append(value_span)
        elif isinstance(node, Seq):
            for child, span in zip(node, node.item_spans, strict=True):
                if isinstance(child, (Map, Seq)):
                    stack.append(child)
                else:
                    found.append(span)
    return found


def _no_content(line: str) -> bool:
    """A line before a file's content: blank, a comment, a directive (``%YAML 1.2``), or
    the document's start (``---`` then a space, a tab or the end of the line), with or
    without a comment after it. (Plain string tests: a regular expression with two runs
    of optional white space took time in the square of a long indentation.)"""
    text = line.strip()
    if not text or text == "---" or text.startswith(("#", "%")):
        return True
    return text.startswith(("--- ", "---\t")) and text[4:].lstrip().startswith("#")


def _suppressions(out: LoadedFile) -> list[Suppression]:
    """Suppression comments of a file. A ``#`` is a comment where it starts the line or
    follows white space, outside every scalar (so ``summary: "# claimlog: ..."`` is
    text, not a comment). In a file that could not be read (a syntax error, a tab in the
    indentation, nesting too deep), where no scalar is known, only a comment alone on
    its line counts: after text, the ``#`` may stand inside a quote left open
    (``statement: "a # claimlog: ignore[CL001]`` hid the syntax error, and the whole
    file with it)."""
    lines = LINE_BREAK.split(out.text)
    first_content = len(lines) + 1
    for number, line in enumerate(lines, start=1):
        if not _no_content(line):
            first_content = number
            break
    from bisect import bisect_right

    # Scalars never overlap: a place is inside one only if it is inside the last one
    # starting at or before it, found by bisection (not by testing every scalar).
    scalars = sorted(_scalar_spans(out.root)) if out.root is not None else []
    starts = [(s[0], s[1]) for s in scalars]
    unparsed = out.root is None  # a syntax error, a tab, nesting too deep: no scalar known
    found: list[Suppression] = []
    for number, line in enumerate(lines, start=1):
        for match in suppressions_in(line):
            column = match.start() + 1
            if column > 1 and line[column - 2] not in " \t":
                continue
            if unparsed and line[: column - 1].strip(" \t"):
                continue
            at = (number, column)
            before = bisect_right(starts, at) - 1
            if before >= 0 and at < (scalars[before][2], scalars[before][3]):
                continue
            written = match.group(1) if match.re is SUPPRESSION else ""  # bare: no rule
            words = tuple(w.strip() for w in written.split(",") if w.strip())
            span = (number, column, number, match.end() + 1)
            found.append(Suppression(span, words, number < first_content))
    return found


_SCALAR: Final = yaml.ScalarEvent
_MAP_START: Final = yaml.MappingStartEvent
_MAP_END: Final = yaml.MappingEndEvent
_SEQ_START: Final = yaml.SequenceStartEvent
_SEQ_END: Final = yaml.SequenceEndEvent
_ALIAS: Final = yaml.AliasEvent
_DOC_START: Final = yaml.DocumentStartEvent
_STREAM_END: Final = yaml.StreamEndEvent


class _TooDeep(Exception):
    pass


_LIBYAML_TOO_DEEP: Final = "exceeded maximum nesting depth"
"""The problem of libyaml's own refusal of deep nesting (a ``ScannerError`` "while
increasing flow level" or "block level"), in the libyaml that newer PyYAML wheels
bundle (6.0.4 here; not 6.0.1)."""


class _Builder:
    """Builds values from parser events, with an explicit stack (no recursion)."""

    __slots__ = ("_undashed", "diagnostics", "out", "path")

    def __init__(self, out: LoadedFile) -> None:
        self.out = out
        self.path = out.path
        self.diagnostics = out.diagnostics
        self._undashed: dict[int, int] = {}

    def run(self) -> None:
        out = self.out
        before = len(self.diagnostics)
        try:
            root, root_span = self._events()
        except yaml.MarkedYAMLError as err:
            if err.problem == _LIBYAML_TOO_DEEP:
                del self.diagnostics[before:]  # the retry reports them again
                self._libyaml_too_deep(err)
            else:
                self._syntax_error(err)
            return
        except yaml.reader.ReaderError as err:
            self._reader_error(err)
            return
        except _TooDeep:
            return
        if root_span is None or root is None:
            if self.diagnostics:
                return  # the file's problems are already reported (an alias, say)
            self.diagnostics.append(
                diag(R.EMPTY_FILE, self.path, _WHOLE_FILE, "file is empty or holds only comments")
            )
        elif isinstance(root, Map):
            out.root = root
            self.diagnostics += hashes_in_values(out, root)
        else:
            kind = "a list" if isinstance(root, Seq) else "a plain value"
            self.diagnostics.append(
                diag(
                    R.TOP_LEVEL_NOT_MAPPING,
                    self.path,
                    root_span,
                    f"the top level is {kind}, not a mapping",
                    hint="a ledger file is one mapping with keys such as "
                    "'sources', 'claims' and 'evidence'",
                )
            )

    def _libyaml_too_deep(self, err: yaml.MarkedYAMLError) -> None:
        """libyaml's own nesting limit, reported as CL011 where :data:`MAX_DEPTH` is met.

        That libyaml refuses a 1001st level of flow or block nesting while its scanner
        looks ahead for a possible key, which in a flow collection comes before the
        parser has produced the level over :data:`MAX_DEPTH`. Build again from the text
        before the refused character, which libyaml accepts: the event loop then meets
        :data:`MAX_DEPTH` at the same place as under a libyaml without that limit, so
        the finding does not depend on the PyYAML version.
        """
        mark = err.problem_mark
        if mark is not None:
            starts = [0] + [m.end() for m in LINE_BREAK.finditer(self.out.text)]
            if mark.line < len(starts):
                retry = _Builder(
                    LoadedFile(self.path, self.out.text[: starts[mark.line] + mark.column])
                )
                try:
                    retry._events()
                except _TooDeep:
                    self.diagnostics.extend(retry.diagnostics)
                    return
                except (yaml.MarkedYAMLError, yaml.reader.ReaderError):
                    pass
        # Only if libyaml's limit were ever below ours: report where libyaml refused.
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.diagnostics.append(
            diag(
                R.TOO_DEEP,
                self.path,
                (line, column, line, column + 1),
                f"values nested more than {MAX_DEPTH} levels deep",
                hint="a ledger needs only a few levels of nesting",
            )
        )

    def _reader_error(self, err: yaml.reader.ReaderError) -> None:
        """A character YAML does not allow in a stream (NUL, ESC, other controls)."""
        text = self.out.text
        # libyaml reports a byte offset into the UTF-8 text: count characters.
        position = len(text.encode("utf-8")[: max(0, err.position)].decode("utf-8", "ignore"))
        line, column = 1, position + 1
        for match in LINE_BREAK.finditer(text, 0, position):
            line += 1
            column = position - match.end() + 1
        code = err.character if isinstance(err.character, int) else 0
        escape = f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
        self.diagnostics.append(
            diag(
                R.YAML_SYNTAX,
                self.path,
                (line, column, line, column + 1),
                f"control character U+{code:04X} is not allowed in YAML",
                hint=f'remove it, or write it as an escape in a double-quoted string ("{escape}")',
            )
        )

    def _syntax_error(self, err: yaml.MarkedYAMLError) -> None:
        """A syntax error in words, at the place where the problem starts, with a hint
        for its common causes (:func:`explain_syntax_error`); a tab in the indentation
        is CL010."""
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        last = len(LINE_BREAK.split(self.out.text))
        if line > last:  # the end of a file without a final newline: its last line
            line, column = last, len(self.out.line(last)) + 1
        problem = err.problem or "syntax error"
        context = f" {err.context}" if err.context else ""
        tab = _tab_at(self.out.line(line), line, column, problem)
        if tab is not None:
            self._tabs(tab)
            return
        at = (line, column, line, column + 1)
        message = f"YAML syntax error: {problem}{context}".strip()
        hint: str | None = SYNTAX_HINT
        explained = explain_syntax_error(self.out.line, last, err)
        if explained is not None:
            at, message, hint = explained
        self.diagnostics.append(diag(R.YAML_SYNTAX, self.path, at, message, hint=hint))

    def _tabs(self, first: Span) -> None:
        """CL010 at the tab the parser stopped at, and at every later one it would stop
        at, so that one round of fixes mends them all (a tour: each run named one tab).
        Each line found is given the indentation its hint says (:func:`_tab_indent`,
        a level being the file's own step, :func:`_indent_step`; a tab after a dash
        becomes a space) and the text parsed again, while the parser
        stops at a tab: at most :data:`MAX_TABS` findings, and the file parsed
        :data:`TAB_PARSES` times (:data:`TAB_BUDGET` characters for a small one).
        Other findings of the file wait for its tabs to be mended: the indentation
        read for a tab may not be the one the writer meant."""
        text, at = self.out.text, first
        step = _indent_step(text)
        # Line breaks are never edited and each edit comes before the next tab found:
        # a line's start in the edited text is its first start plus the edits' shift.
        starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        shift = 0
        budget = max(TAB_BUDGET, TAB_PARSES * len(text))
        for _ in range(max(1, min(MAX_TABS, budget // max(len(text), 1)))):
            line, column = at[0], at[1]
            indent = _tab_indent(self.out.line, line, step)
            self.diagnostics.append(
                diag(
                    R.TAB_INDENTATION,
                    self.path,
                    at,
                    "tab character used for indentation",
                    hint=_tab_hint(indent),
                )
            )
            begin = starts[line - 1] + shift
            shown = _line_at(text, begin)
            lead = len(shown) - len(shown.lstrip(" \t"))
            if column <= lead:  # the top level where no line above is indented
                spaces = indent[0] if indent is not None else 0
                text = f"{text[:begin]}{' ' * spaces}{text[begin + lead :]}"
                shift += spaces - lead
            elif shown[column - 1 : column] == "\t":
                text = f"{text[: begin + column - 1]} {text[begin + column :]}"
            else:
                return
            err = _parse_error(text)
            mark = err.problem_mark or err.context_mark if err is not None else None
            if err is None or mark is None or not line <= mark.line < len(starts):
                return  # no error, or none past this line: another cause, or ours
            shown = _line_at(text, starts[mark.line] + shift)
            next_at = _tab_at(shown, mark.line + 1, mark.column + 1, err.problem or "")
            if next_at is None:
                return
            at = next_at

    def _too_many(self, span: Span, budget: int) -> NoReturn:
        """Refuse a file of more values than its budget, at the first one over."""
        self.diagnostics.append(
            diag(
                R.FILE_TOO_LARGE,
                self.path,
                span,
                f"file holds more than {budget:,} values; it is not read further",
                hint="split it into several files: ids are global across the set",
            )
        )
        raise _TooDeep

    def _events(self) -> tuple[Value, Span | None]:  # noqa: C901 (see below)
        """Build the document's value from events.

        The hot loop of the whole program: the state of the innermost open
        container lives in local variables (``cur``, ``spans``, ``is_map``, ``key``,
        ``key_start``, ``key_end``, ``skip``) and is pushed on ``stack`` only when a nested
        container opens.
        """
        # The one function allowed over 60 lines and over the complexity limit
        # (tests/test_layout.py, pyproject.toml): every event of every file passes
        # through this loop, and splitting it into a function per event kind would
        # move the container state from locals into attributes and add a call per
        # event to the hottest loop of the program. Its branches are one per event kind.
        path = self.path
        diagnostics = self.diagnostics
        text = self.out.text
        get_event: Callable[[], Any] = _Parser(text).get_event
        # Anchors and tags need '&' or '!' in the text: skip reading them otherwise.
        props = "&" in text or "!" in text
        # Positions are points here (see :func:`point`), made into spans only for findings.
        # An open container's points grow in an array of their own (``spans``), moved
        # into the file's ``points`` when it closes.
        points = array("Q")
        stack: list[tuple[Any, Any, bool, str | None, int, int, bool]] = []
        cur: Any = None  # the innermost open Map or Seq; None at the top level
        spans: Any = None  # its points: its own span, then its keys' and values' ones
        is_map = False
        key: str | None = None  # pending key of ``cur`` awaiting its value
        key_start = key_end = 0
        skip = False  # the next value of ``cur`` belongs to a rejected key
        root: Value = None
        root_span: Span | None = None
        # The place of each key of a map with a duplicate key, by the map's id (a
        # duplicate names the line of the first definition, found without a scan).
        places: dict[int, dict[str, int]] = {}
        documents = 0
        aliases = 0
        values = 0
        budget = value_budget(len(self.out.text))
        # One string object per distinct short text of the whole set (the source ids an
        # evidence file names are those of the sources file). CPython 3.11 frees an
        # interned string with its last use; 3.12.0-3.12.5 and free-threaded builds keep
        # them for the life of the process, which is one run for the command line.
        intern = sys.intern
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR:
                value: Value = event.value
                if not value and not event.style:  # plain style: None or '' by parser
                    value = None
                elif len(value) <= _SHARED_LENGTH:  # keys and ids, written again and again
                    value = intern(value)
                mark = event.start_mark
                start = mark.line + 1 | (mark.column + 1) << 32
                mark = event.end_mark
                end = mark.line + 1 | (mark.column + 1) << 32
                if props:
                    self._properties(event, span_of(start, end))
                values += 1
                if values > budget:
                    self._too_many(span_of(start, end), budget)
            elif kind is _MAP_START or kind is _SEQ_START:
                mark = event.start_mark
                start = mark.line + 1 | (mark.column + 1) << 32
                if props:
                    self._properties(event, span_of(start, start))
                values += 1
                if values > budget:
                    self._too_many(span_of(start, start), budget)
                if len(stack) >= MAX_DEPTH:
                    diagnostics.append(
                        diag(
                            R.TOO_DEEP,
                            path,
                            span_of(start, start),
                            f"values nested more than {MAX_DEPTH} levels deep",
                            hint="a ledger needs only a few levels of nesting",
                        )
                    )
                    raise _TooDeep
                stack.append((cur, spans, is_map, key, key_start, key_end, skip))
                is_map = kind is _MAP_START
                cur = Map() if is_map else Seq()
                spans = array("Q", (start, start))
                key = None
                skip = False
                continue
            elif kind is _MAP_END or kind is _SEQ_END:
                value = cur
                mark = event.end_mark
                start = spans[0]
                end = spans[1] = mark.line + 1 | (mark.column + 1) << 32
                value._at = len(points)
                points.extend(spans)
                value._points = points
                if not is_map:
                    value._count = len(value)
                if places:  # a closed map takes no more keys (and its id may be reused)
                    places.pop(id(value), None)
                    self._undashed.pop(id(value), None)
                cur, spans, is_map, key, key_start, key_end, skip = stack.pop()
            elif kind is _ALIAS:
                mark = event.start_mark
                start = mark.line + 1 | (mark.column + 1) << 32
                mark = event.end_mark
                end = mark.line + 1 | (mark.column + 1) << 32
                at = span_of(start, end)
                aliases += 1
                if aliases > MAX_ALIASES:  # stop reading, as for a file nested too deep
                    diagnostics.append(
                        diag(
                            R.ANCHOR_ALIAS,
                            path,
                            at,
                            f"more than {MAX_ALIASES:,} aliases; the rest of the file is not read",
                            hint="write the values out in full",
                        )
                    )
                    raise _TooDeep
                diagnostics.append(
                    diag(
                        R.ANCHOR_ALIAS,
                        path,
                        at,
                        f"alias '*{event.anchor}' is not supported",
                        hint="write the value out in full",
                    )
                )
                value = None
            elif kind is _DOC_START:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    line, column = mark.line + 1, mark.column + 1
                    diagnostics.append(
                        diag(
                            R.MULTIPLE_DOCUMENTS,
                            path,
                            (line, column, line, column + 3),
                            "a second YAML document starts here; a ledger file holds one",
                            hint="split the documents into separate files",
                        )
                    )
                    return root, root_span
                continue
            elif kind is _STREAM_END:
                return root, root_span
            else:
                continue

            # Attach the finished value to the innermost open container.
            if key is not None:
                cur[key] = value
                spans.extend((key_start, key_end, start, end))
                if places:
                    found = places.get(id(cur))
                    if found is not None:
                        found[key] = len(found)
                key = None
            elif not is_map:
                if cur is None:
                    root, root_span = value, span_of(start, end)
                else:
                    cur.append(value)
                    spans.extend((start, end))
            elif skip:
                skip = False
            elif type(value) is str and value not in cur:
                if value == "<<" and kind is _SCALAR and not event.style:
                    diagnostics.append(
                        diag(
                            R.MERGE_KEY,
                            path,
                            span_of(start, end),
                            "merge key '<<' is not supported",
                            hint="write the merged keys out",
                        )
                    )
                    skip = True
                    continue
                key = value
                key_start, key_end = start, end
            elif value is None and "" not in cur:
                key = ""  # an empty key is the empty text
                key_start, key_end = start, end
            elif value is None or type(value) is str:
                in_entry = bool(stack) and stack[-1][0] is not None and not stack[-1][2]
                self._duplicate_key(value or "", cur, spans, (start, end), places, in_entry)
                skip = True
            else:
                diagnostics.append(
                    diag(
                        R.COMPLEX_KEY,
                        path,
                        span_of(start, end),
                        "a mapping key must be plain text",
                        hint="use a plain word as the key",
                    )
                )
                skip = True

    def _duplicate_key(
        self,
        shown: str,
        cur: Map,
        spans: array[int],
        at: tuple[int, int],
        places: dict[int, dict[str, int]],
        in_entry: bool,
    ) -> None:
        """Report a key of ``cur`` defined twice, naming the line of the first (found
        through ``places``, by the map's id). In a list's entry written as a block, a
        second 'id' is most often a new entry whose '- ' was left out: say so there and
        at the keys of that entry that follow (``self._undashed``: by the map's id, the
        line of its second 'id')."""
        start, end = at
        found = places.get(id(cur))
        if found is None:
            found = places[id(cur)] = {name: i for i, name in enumerate(cur)}
        first = spans[2 + 4 * found[shown]] & _FIELD  # the line of the first key
        above = spans[0] & _FIELD
        if shown == "id" and in_entry and not self._flow(above, spans[0] >> 32):
            self._undashed[id(cur)] = start & _FIELD
        message = f"duplicate key '{shown}' (first defined at line {first})"
        hint = f"merge it with the entry at line {first} or rename it"
        dash = self._undashed.get(id(cur))
        if dash == start & _FIELD:
            message += ": a new entry without its '- '?"
            hint = f"start the entry with '- ', lined up with the '- ' of line {above}"
        elif dash is not None:
            hint = f"it belongs to the entry at line {dash}: start that one with '- '"
        self.diagnostics.append(
            diag(R.DUPLICATE_KEY, self.path, span_of(start, end), message, hint=hint)
        )

    def _flow(self, line: int, column: int) -> bool:
        """Whether the mapping that starts at ``line``, ``column`` is written in flow
        style (``{...}``)."""
        return self.out.line(line)[column - 1 : column] == "{"

    def _properties(self, event: Any, span: Span) -> None:
        """Report the anchor and the explicit tag of a node, if it has them."""
        if event.anchor is not None:
            self.diagnostics.append(
                diag(
                    R.ANCHOR_ALIAS,
                    self.path,
                    span,
                    f"anchor '&{event.anchor}' is not supported",
                    hint="remove the anchor; write repeated values out in full",
                )
            )
        tag = event.tag
        if tag is None:
            return
        if tag.startswith("tag:yaml.org,2002:"):
            tag = "!!" + tag.removeprefix("tag:yaml.org,2002:")  # as it was typed
        self.diagnostics.append(
            diag(
                R.EXPLICIT_TAG,
                self.path,
                span,
                f"explicit tag '{tag}' is not supported",
                hint="remove the tag; values are read as text and converted by their field",
            )
        )


# --- syntax errors in words (_Builder._syntax_error) ----------------------------------
#
# The parser says what it expected where it stopped ("mapping values are not allowed in
# this context"), which is often a line or two after the mistake and in its own terms.
# These helpers look at the text around the parser's marks for the usual mistakes of a
# hand-written ledger and say what happened, where it starts, and how to fix it. They
# read only the lines near the marks (at most _LOOKBACK of them), and fall back to the
# parser's own words with a general hint when no usual mistake fits.

Explained = tuple[Span, str, str | None]
"""Where a syntax error starts, its message and its hint."""

SYNTAX_HINT: Final = (
    "a value that contains ': ' or ' #', or starts with a special character "
    "([ ] { } * & ! | > ' \" % @ `), needs quotes; entries of one level line up"
)
"""The hint of a syntax error none of the usual mistakes explains."""

_LOOKBACK: Final = 200
"""Lines read above a mark, at most, to find where a problem starts."""
_SHOWN: Final = 60
"""Values longer than this are not written out in a hint."""
_LEAD: Final = re.compile(r"( *)((?:-[ \t]+)*)")
_KEY_COLON: Final = re.compile(r":(?=[ \t]|$)")
_ONE_WORD_KEY: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
"""The text before a colon that reads as a key (an id), not as words of a sentence."""
_COMMENT: Final = re.compile(r"(?:^|[ \t])#")
_DASH_KEY: Final = re.compile(r"( *)-([A-Za-z0-9_][^\s:]*)[ \t]*:(?=[ \t]|$)")
_NO_SPACE: Final = re.compile(r"([A-Za-z0-9_][^\s:#]*):([^\s:][^#]*)(#.*)?$")
"""``key:value``, the value up to a ``#`` (:func:`_no_space` trims it). The value's
white space and what ends it once overlapped: a line of 40,000 spaces took 19 s."""
_STARTS: Final = {
    "@": "is reserved in YAML",
    "`": "is reserved in YAML",
    "%": "is reserved in YAML for directives",
    "*": "makes it an alias (a reference to another value)",
    "&": "makes it an anchor (a name for the value)",
    "!": "makes it a tag",
    "|": "starts a block of text on the lines below",
    ">": "starts a block of text on the lines below",
}


_SPACE_INDENT: Final = re.compile(r"^( +)[^ \t\r\n#]", re.MULTILINE)


MAX_TABS: Final = 100
"""Tabs in indentation reported in one file (CL010 each)."""
TAB_PARSES: Final = 4
"""Times a file is parsed again, at most, to find its tabs in indentation after the
first: its cost stays within a few times its parse (a review: 100 parses of 322 KB of
flow values before the tabs took 15 s)."""
TAB_BUDGET: Final = 1024 * 1024
"""Characters parsed again, at most, for a file smaller than this (each parse is quick)."""


def _tab_at(text: str, line: int, column: int, problem: str) -> Span | None:
    """Where the tab is that the parser stopped at on line ``line`` (``text``), if it
    stopped at one: in the line's indentation, or right where it stopped (after a list's
    dash): libyaml words both "cannot start any token"."""
    lead = text[: len(text) - len(text.lstrip(" \t"))]
    if "\t" in lead and column <= len(lead) + 1:
        tab = lead.index("\t") + 1
        return (line, tab, line, tab + 1)
    if text[column - 1 : column] == "\t" or "\\t" in problem or "tab" in problem:
        return (line, column, line, column + 1)
    return None


def _line_at(text: str, begin: int) -> str:
    """The line of ``text`` that starts at ``begin``, without its break."""
    found = LINE_BREAK.search(text, begin)
    return text[begin : found.start() if found else len(text)]


def _parse_error(text: str) -> yaml.MarkedYAMLError | None:
    """The error that stops the event parse of ``text``, if one does."""
    get_event = _Parser(text).get_event
    try:
        while type(get_event()) is not _STREAM_END:
            pass
    except yaml.MarkedYAMLError as err:
        return err
    except yaml.reader.ReaderError:
        return None
    return None


def _tab_indent(line: Callable[[int], str], number: int, step: int) -> tuple[int, int, bool] | None:
    """The spaces line ``number`` most likely wants, from the nearest line above
    indented with spaces: as many as its keys (a list entry's keys come after its dash),
    ``step`` more when it opens a block (it ends with ':', or opens a block of text);
    with that line's number and whether it opens a block. None without such a line."""
    for k in range(number - 1, max(0, number - _LOOKBACK), -1):
        above = line(k)
        if not _has_content(above) or "\t" in above[: len(above) - len(above.lstrip(" \t"))]:
            continue
        lead = _LEAD.match(above)
        assert lead is not None  # the pattern matches the empty text
        keys = len(lead.group(0))
        cut = _comment_at(above, keys)
        body = (above[:cut] if cut >= 0 else above).rstrip()
        nested = body.endswith(":") or _BLOCK_SCALAR.search(body) is not None
        return keys + step * nested, k, nested
    return None


_BLOCK_SCALAR: Final = re.compile(r"(?:^|[ \t])[|>][-+1-9]*$")
"""A line that opens a block of text (``statement: |``, ``- >-``): its lines are nested."""


def _tab_hint(indent: tuple[int, int, bool] | None) -> str:
    """CL010's hint: the spaces the line most likely wants (:func:`_tab_indent`; a
    tour: the count of the file's outermost indented lines was wrong for a nested
    line), else none."""
    if indent is None:  # no line above is indented with spaces: the top level
        return (
            "remove the tab: no line above it is indented with spaces, so it starts the top level"
        )
    spaces, above, nested = indent
    how = f"nest it under line {above}" if nested else f"line it up with line {above}"
    return f"indent with spaces, not tabs: {spaces} here, to {how}"


def _indent_step(text: str) -> int:
    """The spaces a level of the file takes: as many as its outermost indented lines
    have (2 when none is indented with spaces; at most 8)."""
    width = 9
    for match in _SPACE_INDENT.finditer(text):
        width = min(width, len(match.group(1)))
        if width <= 2:
            break
    return 2 if width == 9 else width


def explain_syntax_error(
    line: Callable[[int], str], last: int, err: yaml.MarkedYAMLError
) -> Explained | None:
    """The usual mistake behind ``err`` in the text (``line(n)`` is line ``n`` of
    ``last``), or None when none fits."""
    problem = err.problem or ""
    context = err.context or ""
    pm = _at(err.problem_mark, line, last)
    cm = _at(err.context_mark, line, last)
    pasted = _pasted_space(line, pm[0]) if pm is not None else None
    if pasted is not None:  # the cause wherever the parser stopped (a review)
        return pasted
    if "quoted scalar" in context and cm is not None:
        return _quoted_scalar(line, problem, pm or cm, cm)
    if pm is None:
        return None
    if "mapping values are not allowed" in problem:
        return _colon(line, pm)
    if "could not find expected ':'" in problem and cm is not None:
        return _dash_or_no_space(line, cm[0]) or _no_key(line, cm)
    if "block mapping" in context or "block collection" in context:
        return _block(line, pm)
    if "flow" in context:
        opened = "flow sequence" in context or "flow mapping" in context
        return _flow(line, pm, cm if opened else None)
    if "sequence entries are not allowed" in problem:
        return _list_on_key_line(line, pm)
    if "cannot start any token" in problem or "block node" in context:
        return _special_start(line, pm)
    if context.startswith(("while scanning an a", "while scanning a b", "while scanning a t")):
        return _special_start(line, cm or pm)
    if "directive" in context:
        return _special_start(line, cm or pm)
    if "<document start>" in problem:
        return _document_start(line, pm)
    return None


def _at(mark: Any, line: Callable[[int], str], last: int) -> tuple[int, int] | None:
    """A mark as a 1-based line and a 0-based column, inside the text."""
    if mark is None:
        return None
    if mark.line + 1 > last:  # libyaml's end of a stream without a final newline
        return last, len(line(last))
    return mark.line + 1, mark.column


def _spaces(n: int) -> str:
    return "no indentation" if n == 0 else "1 space" if n == 1 else f"{n} spaces"


def _lead(text: str) -> tuple[int, int]:
    """The indentation of a line and where its content starts after any ``- ``."""
    match = _LEAD.match(text)
    assert match is not None  # the pattern matches the empty text
    return len(match[1]), match.end()


def _key_colon(text: str, start: int) -> int:
    """Where the ``:`` of a ``key: value`` line is (-1 when there is none)."""
    colon = _KEY_COLON.search(text, start)
    if colon is None:
        return -1
    comment = _COMMENT.search(text, start)
    return -1 if comment is not None and comment.start() < colon.start() else colon.start()


def _value(text: str, start: int) -> str:
    """The text of a value from ``start`` to a comment or the end of the line: a ``#``
    after a space, outside quotes (``"Channel #1"`` is kept whole)."""
    hash_at = _comment_at(text, start)
    return text[start : hash_at if hash_at >= 0 else len(text)].strip()


def _comment_at(text: str, start: int) -> int:
    """Where the comment of a line starts, looking from ``start``: a ``#`` after a
    space, outside quotes (-1 when there is none)."""
    quote = ""
    for at in range(start, len(text)):
        char = text[at]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and (at == start or text[at - 1] in " \t[{,:"):
            quote = char
        elif char == "#" and (at == start or text[at - 1] in " \t"):
            return at
    return -1


def _quote(value: str) -> str:
    """``value`` in quotes, as it would be written in a ledger."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quote_it(key: str | None, value: str, what: str = "the text") -> str:
    """The hint to put ``value`` (of ``key``) in quotes, written out when short."""
    if not value or len(value) > _SHOWN:
        return f"put {what} in quotes"
    shown = f"{key}: {_quote(value)}" if key else _quote(value)
    return f"put {what} in quotes: {shown}"


def _has_content(text: str) -> bool:
    """A line that is neither blank nor a comment."""
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#")


def _content_above(line: Callable[[int], str], number: int) -> int:
    """The nearest line above ``number`` with content (not blank, not a comment), or 0."""
    return next((above for above, _ in _lines_above(line, number)), 0)


def _quoted_scalar(
    line: Callable[[int], str], problem: str, pm: tuple[int, int], cm: tuple[int, int]
) -> Explained | None:
    """A bad escape in a double-quoted value, else a quote that is never closed."""
    if "escape" in problem:
        number, column = pm
        text = line(number)
        slash = text.rfind("\\", 0, column + 1)
        if slash < 0:
            return None
        shown = text[slash : slash + 2]
        return (
            (number, slash + 1, number, slash + 1 + len(shown)),
            f"YAML syntax error: '{shown}' is not an escape sequence of a double-quoted value",
            "in double quotes a backslash starts an escape: write a backslash as '\\\\', "
            "or put the value in single quotes",
        )
    return _unclosed_quote(line, cm, "is never closed")


def _unclosed_quote(line: Callable[[int], str], at: tuple[int, int], what: str) -> Explained:
    number, column = at
    text = line(number)
    quote = text[column : column + 1] or '"'
    rest = text[column:].rstrip()
    end = max(len(rest), 1) + column
    hint = "close the quote at the end of the value"
    if 1 < len(rest) <= _SHOWN and rest.count(quote) == 1:
        hint += f": {rest}{quote}"
    return (number, column + 1, number, end + 1), f"YAML syntax error: this quote {what}", hint


def _colon(line: Callable[[int], str], at: tuple[int, int]) -> Explained | None:
    """``mapping values are not allowed``: a ``: `` where a key cannot start."""
    number, column = at
    text = line(number)
    _, start = _lead(text)
    colon = _key_colon(text, start)
    if 0 <= colon < column:  # a second ': ' on the line of a key
        key = text[start:colon].strip()
        value = _value(text, colon + 1)
        hint = _quote_it(key, value)
        if _one_pair(key, value):  # 'stance: c: supports'
            hint = (
                f"if '{key}' holds a mapping, write it in braces, {key}: {{{value}}}, or on "
                f"the lines below it; if it is text, {hint}"
            )
        return (
            (number, column + 1, number, column + 2),
            f"YAML syntax error: a colon followed by a space starts a new key, so it cannot "
            f"be in the unquoted value of '{key}'",
            hint,
        )
    above = _content_above(line, number)
    if not above:
        return None
    return _dash_or_no_space(line, above) or _continued(line, number, above)


_HINT_LOADER: Final = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ONE_PAIR: Final = [
    yaml.StreamStartEvent,
    yaml.DocumentStartEvent,
    _MAP_START,
    _SCALAR,
    _MAP_START,
    _SCALAR,
    _SCALAR,
    _MAP_END,
    _MAP_END,
    yaml.DocumentEndEvent,
    _STREAM_END,
]
"""The events of ``key: {one: pair}``."""


def _one_pair(key: str, value: str) -> bool:
    """Whether ``value`` reads as one key and a one-word value (``claim-a: supports``),
    and ``key: {value}`` is then a mapping of that one pair: what the braces hint
    suggests must parse."""
    inner, _, rest = value.partition(": ")
    word = rest.strip()
    if not _ONE_WORD_KEY.fullmatch(inner) or not word or " " in word:
        return False
    if len(value) > _SHOWN:
        return False
    try:  # events only: no value is constructed
        kinds = [type(e) for e in yaml.parse(f"{key}: {{{value}}}", Loader=_HINT_LOADER)]
    except yaml.YAMLError:
        return False
    return kinds == _ONE_PAIR


def _continued(line: Callable[[int], str], number: int, above: int) -> Explained | None:
    """A ``key:`` on a line that the parser reads as more of the value above it."""
    text = line(number)
    indent, start = _lead(text)
    key = text[start : _key_colon(text, start)].strip()
    owner = next(
        (n for n in range(above, max(0, above - _LOOKBACK), -1) if _owns(line(n), indent)), 0
    )
    if not owner:  # the line above is no 'key: value' either
        above_text = line(above)
        return (
            _no_key(line, (above, _lead(above_text)[1])) if _key_colon(above_text, 0) < 0 else None
        )
    owner_text = line(owner)
    _, owner_start = _lead(owner_text)
    owner_key = owner_text[owner_start : _key_colon(owner_text, owner_start)].strip()
    at = (number, indent + 1, number, indent + 1 + max(len(key), 1))
    unindented = _under_empty_key(line, owner, key, indent)
    if owner == above and unindented is not None:
        return unindented
    if owner != above:
        return (
            at,
            f"YAML syntax error: a colon followed by a space starts a new key, so it cannot "
            f"be in the unquoted value of '{owner_key}' (line {owner})",
            f"put the whole value of '{owner_key}' in quotes",
        )
    return (
        at,
        f"YAML syntax error: '{key}' is indented more than '{owner_key}' on line {owner}, "
        f"so it is read as more of the value of '{owner_key}'",
        f"line it up with '{owner_key}' ({_spaces(owner_start)}); if it is text of "
        f"'{owner_key}', put that whole value in quotes",
    )


def _under_empty_key(
    line: Callable[[int], str], owner: int, key: str, indent: int
) -> Explained | None:
    """The ``key: value`` on line ``owner`` sits level with a ``key:`` above it whose value
    is empty, and the line below it (``key``, at ``indent``) is indented deeper: most
    often the first entry of that mapping lost its indentation (``stance:`` then
    ``claim-a: supports`` written level with it), and the line to mend is ``owner``."""
    text = line(owner)
    owner_indent, start = _lead(text)
    parent = _content_above(line, owner)
    if not parent or owner_indent != start:
        return None
    parent_text = line(parent)
    parent_indent, parent_start = _lead(parent_text)
    colon = _key_colon(parent_text, parent_start)
    if parent_indent != owner_indent or colon < 0 or _value(parent_text, colon + 1).strip():
        return None
    parent_key = parent_text[parent_start:colon].strip()
    owner_key = text[start : _key_colon(text, start)].strip()
    return (
        (owner, start + 1, owner, start + 1 + max(len(owner_key), 1)),
        f"YAML syntax error: '{owner_key}' is level with '{parent_key}' (line {parent}), "
        f"whose value is empty, and '{key}' below it is indented deeper",
        f"indent '{owner_key}' under '{parent_key}' ({_spaces(indent)}), as '{key}' is",
    )


TIGHT_COMMENT: Final = re.compile(r"#[^\s#]")
"""A comment that starts right after its '#' (``#Reuters``, ``#2``): in an unquoted value,
more often text the writer meant to keep than a comment (``fmt`` keeps such a value's
quoting as written)."""
HASH_IN_TEXT: Final = re.compile(r"[ \t]" + TIGHT_COMMENT.pattern)
"""Such a comment where it can start one: after white space."""
_MAX_HASHED_LINES: Final = 100_000
"""Lines looked at for CL017, at most (the first ones of the file)."""
_MAX_CUT: Final = 1000
"""CL017 findings of one file, at most (the first ones of the file)."""


def hashes_in_values(out: LoadedFile, root: Map) -> list[Diagnostic]:
    """CL017: an unquoted value followed on its line by a comment whose text starts right
    after the '#' (``summary: Reported by #Reuters and AP``): YAML ends the value at
    ' #', so the rest is silently not part of it, or is the whole value
    (``quote: #FakeNews ...`` leaves it empty). A comment written '# text' is taken for
    a comment, and so is a suppression (``#claimlog: ignore[...]``). The first
    :data:`_MAX_CUT` in the order of the file are reported."""
    lines = _tight_comments(out)
    if not lines:  # most files: the values are not walked
        return []
    found: list[Diagnostic] = []
    stack: list[Map | Seq] = [root]
    # Each line once: a flow list of n values on one line copied the line per value.
    texts = functools.lru_cache(maxsize=64)(out.line)
    while stack and len(found) < _MAX_CUT:
        node = stack.pop()
        inner: list[Map | Seq] = []
        if isinstance(node, Map):
            for key, value in node.items():
                if isinstance(value, Map | Seq):
                    inner.append(value)
                    continue
                span = node.key_span(key) if value is None else node.value_span(key)
                if span[2] in lines:
                    finding = _cut_by_hash(out, texts, key, value, span, lines[span[2]])
                    if finding is not None:
                        found.append(finding)
        else:
            for value, span in zip(node, node.item_spans, strict=False):
                if isinstance(value, Map | Seq):
                    inner.append(value)
                elif isinstance(value, str) and span[2] in lines:
                    finding = _cut_by_hash(out, texts, None, value, span, lines[span[2]])
                    if finding is not None:
                        found.append(finding)
        stack += reversed(inner)  # in the order of the file
    return sorted(found[:_MAX_CUT], key=lambda d: (d.line, d.column))


def _tight_comments(out: LoadedFile) -> dict[int, int]:
    """The lines holding a comment that starts right after its '#', each with the column
    (1-based) of the first such '#' (at most :data:`_MAX_HASHED_LINES` lines)."""
    lines: dict[int, int] = {}
    whole = out.text
    number, done = 1, 0
    # The '#' is looked for first and the white space before it then (as HASH_IN_TEXT
    # reads): a pattern that starts with a literal is searched for at C speed, one that
    # starts with '[ \t]' tries every space (30 ms for the 3.5 MB benchmark set, now 1).
    for match in TIGHT_COMMENT.finditer(whole):
        at = match.start() - 1  # the white space before the '#'
        if at < 0 or whole[at] not in " \t":
            continue
        number += whole.count("\n", done, at)
        done = at
        if number not in lines:  # the first match of a line is its first '#'
            lines[number] = at - whole.rfind("\n", 0, at) + 1
            if len(lines) >= _MAX_HASHED_LINES:
                break
    return lines


_KEY_THEN_COMMENT: Final = re.compile(r"[ \t]*:[ \t]+$")
_BLANK: Final = re.compile(r"\s*")


def _cut_by_hash(
    out: LoadedFile,
    line: Callable[[int], str],
    key: str | None,
    value: str | None,
    span: Span,
    hash_column: int,
) -> Diagnostic | None:
    """The CL017 finding of a plain ``value`` (of ``key`` in a mapping) at ``span`` that a
    comment at ``hash_column`` of its last line follows directly, or None. A value of
    None: ``span`` is its key's, and the comment takes the whole value. ``line``: the
    file's lines. What lies between the value and the ``#`` is matched in place (a
    copy of it for each value of a long flow list took their square)."""
    if span[3] > hash_column:
        return None
    text = line(span[2])
    between = (span[3] - 1, hash_column - 1)
    if value is None:
        if key is None or not _KEY_THEN_COMMENT.fullmatch(text, *between):
            return None
    elif not _BLANK.fullmatch(text, *between):
        return None
    rest = text[hash_column - 1 :].rstrip()
    if "]" in rest and SUPPRESSION.match(rest):
        return None
    where = (span[2], hash_column, span[2], hash_column + len(rest))
    hint = (
        "if it belongs to the value, put the whole value in quotes; if it is a comment, "
        "write a space after the '#'"
    )
    if value is None:
        message = (
            f"'{rest}' is a comment, so '{key}' has no value: YAML ends an unquoted value at ' #'"
        )
        return diag(R.COMMENT_IN_VALUE, out.path, where, message, hint=hint)
    first = line(span[0])[span[1] - 1 : span[1]]
    if first in ("'", '"', "|", ">"):
        return None
    shown = value if len(value) <= _SHOWN else value[: _SHOWN - 3] + "..."
    message = (
        f"'{rest}' is a comment, not part of the value '{shown}': YAML ends an unquoted "
        "value at ' #'"
    )
    return diag(R.COMMENT_IN_VALUE, out.path, where, message, hint=hint)


def _owns(text: str, indent: int) -> bool:
    """Whether ``text`` is a ``key: value`` line less indented than ``indent``."""
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return False
    own_indent, start = _lead(text)
    return own_indent < indent and _key_colon(text, start) >= 0


def _dash_or_no_space(line: Callable[[int], str], number: int) -> Explained | None:
    """``-id: x`` (no space after the dash) or ``key:value`` (none after the colon)."""
    return _dash_entry(line, number) or _no_space(line, number)


def _dash_entry(line: Callable[[int], str], number: int) -> Explained | None:
    """``-id: x``: a list entry without a space after its dash."""
    text = line(number)
    dash = _DASH_KEY.match(text)
    if dash is None:
        return None
    column = len(dash[1])
    key = dash[2]
    fixed = "- " + _value(text, column + 1)
    return (
        (number, column + 1, number, column + 2 + len(key)),
        f"YAML syntax error: '-{key}' has no space after the '-', so it is not a list entry",
        "a list entry is '- ' followed by a space"
        + (f": '{fixed}'" if len(fixed) <= _SHOWN else ""),
    )


def _no_space(line: Callable[[int], str], number: int) -> Explained | None:
    """``key:value``: a key without a space after its colon."""
    text = line(number)
    _, start = _lead(text)
    joined = _NO_SPACE.match(text, start) if _key_colon(text, start) < 0 else None
    if joined is None:
        return None
    key, value = joined[1], joined[2]
    if joined[3] is not None and not value.endswith((" ", "\t")):
        return None  # 'key:a#b': a '#' that starts no comment
    value = value.rstrip(" \t")
    token = f"{key}:{value.split()[0]}"
    return (
        (number, start + 1, number, start + 1 + len(token)),
        f"YAML syntax error: '{token}' has no space after the colon, so it is read as "
        f"text, not as the key '{key}' and its value",
        f"put a space after the colon: '{key}: {value}'"
        if len(value) <= _SHOWN
        else "put a space after the colon",
    )


def _no_key(line: Callable[[int], str], at: tuple[int, int]) -> Explained:
    """A line the parser took for a key, with no ``:`` after it."""
    number, column = at
    text = line(number)
    content = _value(text, column)
    word = content.split()[0] if content.split() else content
    return (
        (number, column + 1, number, column + 1 + max(len(content), 1)),
        "YAML syntax error: this line is not a 'key: value' pair: no colon and space "
        "follow its first word",
        f"if '{word}' is a key, put a colon and a space after it ('{word}: ...'); if the "
        "line continues the value above, indent it more than that value's key",
    )


def _block(line: Callable[[int], str], at: tuple[int, int]) -> Explained | None:
    """``did not find expected key`` / ``'-' indicator``: text after a value that has
    ended, or a line that lines up with nothing above it."""
    number, column = at
    text = line(number)
    if text[:column].strip():
        return _after_value(line, number, column)
    return (
        _dash_or_no_space(line, number)
        or _dash_entry(line, _content_above(line, number))
        or _beside_dashes(line, number)
        or _entry_among_fields(line, number)
        or _cut_by_comment(line, number)
        or _misaligned(line, number)
    )


_KEY_THEN_COLON: Final = re.compile(r"[^\s:#'\"\[\]{},][^:#'\"]*?:")


def _pasted_at(text: str) -> tuple[int, str] | None:
    """Where a line's structure holds a space that only looks like one: in its
    indentation, right after its list dash, or right after its key's colon (a value's
    own text, quoted or not, is not looked at)."""
    i = 0
    while i < len(text) and (text[i] in " \t" or LOOKALIKE_SPACE.match(text, i)):
        if text[i] not in " \t":
            return i, "in the indentation"
        i += 1
    if text[i : i + 1] == "-":
        if LOOKALIKE_SPACE.match(text, i + 1):
            return i + 1, "after '-'"
        i += 1
        while i < len(text) and text[i] in " \t":
            i += 1
    key = _KEY_THEN_COLON.match(text, i)
    if key is not None and LOOKALIKE_SPACE.match(text, key.end()):
        return key.end(), "after ':'"
    return None


def _pasted_space(line: Callable[[int], str], number: int) -> Explained | None:
    """A space that only looks like one (U+00A0, pasted from a web page) in the
    indentation, or after the ':' or '-' of this line or of the few content lines above
    it: YAML reads it as text, and the structure breaks where it stands."""
    for at in (number, *(n for n, _ in itertools.islice(_lines_above(line, number), 3))):
        text = line(at)
        found = _pasted_at(text)
        if found is None:
            continue
        where, place = found
        return (
            (at, where + 1, at, where + 2),
            f"YAML syntax error: U+{ord(text[where]):04X} {place} only looks like a space: "
            "YAML reads it as text",
            "replace it with a plain space",
        )
    return None


def _cut_by_comment(line: Callable[[int], str], number: int) -> Explained | None:
    """A line of text indented under an unquoted value that a ``#`` after a space ended
    on a line above (``statement: The attack #1 was`` then ``carried out``): the rest
    of that line is a comment, and the value cannot go on after it."""
    text = line(number)
    indent, start = _lead(text)
    if start > indent or _key_colon(text, start) >= 0:
        return None  # a list entry or a key: no more of a value
    above = _content_above(line, number)
    owner = next(
        (n for n in range(above, max(0, above - _LOOKBACK), -1) if _owns(line(n), indent)), 0
    )
    if not owner:
        return None
    owner_text = line(owner)
    _, owner_start = _lead(owner_text)
    colon = _key_colon(owner_text, owner_start)
    key = owner_text[owner_start:colon].strip()
    started = False  # the value's text has begun (on the key's line or below it)
    for at in range(owner, number):
        here = line(at)
        lead, content = _lead(here)
        if at > owner and (content > lead or _key_colon(here, content) >= 0):
            return None  # a list entry or a key below it: the value is no plain text
        begin = colon + 1 if at == owner else lead
        stripped = here[begin:].lstrip(" \t")
        if not started:
            if not stripped or stripped.startswith("#"):
                continue  # a comment before the value begins ends nothing
            if stripped[:1] in ("'", '"', "|", ">", "[", "{"):
                return None  # quoted, a block of text, or a flow collection
            started = True
        hash_at = _comment_at(here, begin)
        if hash_at < 0:
            continue
        return (
            (at, hash_at + 1, at, hash_at + 2),
            f"YAML syntax error: this '#' starts a comment, which ends the unquoted value "
            f"of '{key}' (line {owner}), so line {number} cannot go on with it",
            f"put the whole value of '{key}' in quotes to keep the '#' as text",
        )
    return None


def _entry_among_fields(line: Callable[[int], str], number: int) -> Explained | None:
    """A list entry that lines up with the fields of a mapping above it: most often the
    first entry of the list was written without its '- '; at the top of a file, an
    entry among the sections."""
    text = line(number)
    indent, start = _lead(text)
    if start == indent:  # not an entry
        return None
    at = (number, indent + 1, number, indent + 2)
    first = 0
    for above, upper in _lines_above(line, number):
        lead, begins = _lead(upper)
        if lead > indent:  # a field's nested value
            continue
        if lead < indent or begins != lead or _key_colon(upper, begins) < 0:
            break
        first = above  # a key of this mapping
    if not first:
        return None
    if indent == 0:
        return (
            at,
            "YAML syntax error: a list entry among the sections at the top of the file",
            "an entry goes under its list (sources:, claims: or evidence:), indented",
        )
    fixed = "- " + line(first).strip()
    shown = f" ('{fixed}')" if len(fixed) <= _SHOWN else ""
    return (
        at,
        "YAML syntax error: a list entry among the fields of a mapping (the lines above "
        "it, from line " + str(first) + ", have no '- ')",
        f"if they are an entry too, start line {first} with '- '{shown} and indent the "
        "lines after it 2 spaces more, as the fields of an entry",
    )


def _beside_dashes(line: Callable[[int], str], number: int) -> Explained | None:
    """A field that lines up with the '- ' of the list entries above it, not with their
    keys: a new entry without its dash, or a field of the entry above indented too
    little."""
    text = line(number)
    indent, start = _lead(text)
    if start > indent:  # an entry itself
        return None
    entry = next((e[1] for e in _levels(line, number, True) if e[0] == indent), 0)
    if not entry:
        return None
    for between in range(entry + 1, number):  # the list goes on down to this line
        inside = line(between)
        if _has_content(inside) and _lead(inside)[0] < indent:
            return None
    _, where = _lead(line(entry))  # where the keys of that entry start
    keys = [lv for lv in _levels(line, number, False) if lv[0] == where and lv[1] >= entry]
    if not keys:
        return None
    _, above, name = keys[0]
    fixed = "- " + text[indent:].rstrip()  # whole: a value may hold ' #' in quotes
    new = f"start it with '- ' ('{fixed}')" if len(fixed) <= _SHOWN else "start it with '- '"
    return (
        (number, indent + 1, number, indent + 2),
        "YAML syntax error: this line lines up with the '- ' of the list entries above "
        "it, but is not an entry",
        f"for a new entry, {new}; for a field of the entry above, line it up with "
        f"'{name}' on line {above} ({_spaces(where)})",
    )


def _after_value(line: Callable[[int], str], number: int, column: int) -> Explained | None:
    """Text after the closing quote or bracket of a value."""
    text = line(number)
    before = text[:column].rstrip()
    end = before[-1]
    _, start = _lead(text)
    colon = _key_colon(text, start)
    key = text[start:colon].strip() if 0 <= colon < column else None
    value = _value(text, colon + 1 if key is not None else start)
    after = len(text) - len(text[column:].lstrip(" \t"))  # the text that follows
    at = (number, after + 1, number, max(len(text.rstrip()), after + 1) + 1)
    if end in "\"'":
        if before[start:].count(end) % 2:  # it closes a quote opened above
            opener = _quote_opener_above(line, number, end)
            if opener is None:
                return None
            return _unclosed_quote(
                line, opener, f"is not closed on its line (it closes on line {number})"
            )
        inner = value[1:-1] if len(value) > 1 and value[0] == value[-1] == end else value
        if len(value) > 1 and value[0] == value[-1] == end and end in inner:  # "a "b" c"
            other, escaped = ("single", '\\"') if end == '"' else ("double", "''")
            short = len(inner) <= _SHOWN
            if "'" in inner and '"' in inner:  # the other quotes would not do: the escape
                kept = (
                    inner.replace("\\", "\\\\").replace('"', '\\"')
                    if end == '"'
                    else inner.replace("'", "''")
                )
                hint = f"write each {end} inside it as {escaped}: " + (
                    f"{end}{kept}{end}" if short else "it"
                )
            else:
                shown = f" ({_quote(inner)})" if short else ""
                hint = (
                    f"write the value in {other} quotes{shown}, or each {end} inside it as "
                    f"{escaped}"
                )
            message = f"YAML syntax error: the {end} inside this value closes it, and text follows"
            return at, message, hint
        return (
            at,
            "YAML syntax error: text follows the closing quote of this value",
            f"a quoted value ends at its closing quote; {_quote_it(key, inner, 'the whole value')}",
        )
    if end in "]}":
        kind, starts = ("list", "[") if end == "]" else ("mapping", "{")
        return (
            at,
            f"YAML syntax error: a value starting with '{starts}' is read as a {kind}, "
            f"and text follows its closing '{end}'",
            _quote_it(key, value, "the whole value"),
        )
    return None


def _quote_opener_above(
    line: Callable[[int], str], number: int, quote: str
) -> tuple[int, int] | None:
    """The nearest line above ``number`` where a value opens with ``quote`` and the
    quote is not closed on that line."""
    for above in range(number - 1, max(0, number - 1 - _LOOKBACK), -1):
        text = line(above)
        _, start = _lead(text)
        colon = _key_colon(text, start)
        begin = colon + 1 if colon >= 0 else start
        stripped = text[begin:].lstrip(" \t")
        if stripped.startswith(quote):
            column = len(text) - len(stripped)
            rest = text[column + 1 :].replace(quote * 2 if quote == "'" else '\\"', "")
            if quote not in rest:
                return above, column
    return None


def _misaligned(line: Callable[[int], str], number: int) -> Explained | None:
    """A line indented to no level of the lines above it: the nearest level."""
    text = line(number)
    indent, start = _lead(text)
    entry = start > indent  # the line starts with '- '
    levels = _levels(line, number, entry) or (_levels(line, number, False) if entry else [])
    if not levels:
        return None
    level, where, name = min(levels, key=lambda lv: (abs(lv[0] - indent), number - lv[1]))
    at = (number, indent + 1, number, indent + 2)
    if level == indent:
        return _off_entry(line, number, at)
    message = (
        f"YAML syntax error: this line is indented {_spaces(indent)}, which lines up "
        "with none of the entries above it"
    )
    if entry:
        hint = f"line the '-' up with the entry on line {where} ({_spaces(level)})"
    else:
        hint = f"line it up with '{name}' on line {where} ({_spaces(level)})"
    return at, message, hint


def _off_entry(line: Callable[[int], str], number: int, at: Span) -> Explained | None:
    """A field that lines up with keys above, but not with the key of its own entry
    (``-  id: x`` with two spaces after the dash, or a dash indented one space less)."""
    indent = at[1] - 1
    above = _content_above(line, number)
    text = line(above)
    dash, start = _lead(text)
    if not above or start <= dash or start == indent or indent <= dash:
        return None
    key = text[start : max(_key_colon(text, start), start)].strip() or text[start:].strip()
    hint = f"line it up with '{key}' on line {above} ({_spaces(start)})"
    if start - dash > 2:
        hint += f", or put a single space after the '-' on line {above}"
    message = (
        f"YAML syntax error: this line is indented {_spaces(indent)}, but the entry it "
        f"belongs to (line {above}) has its first key at column {start + 1}"
    )
    return at, message, hint


def _lines_above(line: Callable[[int], str], number: int) -> Iterator[tuple[int, str]]:
    """The lines with content (not blank, not a comment) above ``number``, nearest
    first, as far as :data:`_LOOKBACK` lines up."""
    for above in range(number - 1, max(0, number - 1 - _LOOKBACK), -1):
        text = line(above)
        if _has_content(text):
            yield above, text


def _levels(line: Callable[[int], str], number: int, entries: bool) -> list[tuple[int, int, str]]:
    """The indentation levels of the lines above ``number``: of the list entries
    (``- ``) with ``entries``, else of the keys; each with its line and key."""
    found: list[tuple[int, int, str]] = []
    for above, text in _lines_above(line, number):
        stripped = text.strip()
        indent, start = _lead(text)
        colon = _key_colon(text, start)
        if entries and start > indent:
            found.append((indent, above, stripped))
        elif not entries and colon >= 0:
            found.append((start, above, text[start:colon].strip()))
    return found


def _flow(
    line: Callable[[int], str], pm: tuple[int, int], opened: tuple[int, int] | None
) -> Explained | None:
    """A ``[...]`` or ``{...}`` value that is not closed (a ``#`` in it starts a comment)."""
    if opened is not None:
        number = opened[0]
        found = _unclosed_flow(line(number), opened[1])
    else:
        number = _flow_opener_above(line, pm[0])
        found = _unclosed_flow(line(number)) if number else None
    if found is None:
        return None
    column, comment = found
    text = line(number)
    char = text[column]
    kind, closer = ("list", "]") if char == "[" else ("mapping", "}")
    at = (number, column + 1, number, column + 2)
    if comment >= 0:
        word = re.match(r"#[^\s,\]}]*", text[comment:])
        shown = word[0] if word else "#"
        return (
            at,
            f"YAML syntax error: the {kind} opened here is not closed: '#' starts a comment, "
            "so the rest of the line is not read",
            f"put values that start with '#' in quotes: {_quote(shown)}",
        )
    return (
        at,
        f"YAML syntax error: the {kind} opened here with '{char}' is never closed",
        f"close it with '{closer}'; put values that contain ',', ':', '#' or brackets in quotes",
    )


def _flow_opener_above(line: Callable[[int], str], number: int) -> int:
    """The nearest line from ``number`` up with a ``[`` or ``{`` value left open, or 0."""
    for above in range(number, max(0, number - _LOOKBACK), -1):
        if _unclosed_flow(line(above)) is not None:
            return above
    return 0


def _unclosed_flow(text: str, opener: int = -1) -> tuple[int, int] | None:
    """Where a value of ``text`` (the one at ``opener``, else the one after the key)
    opens a ``[`` or ``{`` not closed on the line, and where a comment starts inside it
    (-1 for none); None when there is no such value."""
    if opener < 0:
        _, start = _lead(text)
        colon = _key_colon(text, start)
        opener = colon + 1 if colon >= 0 else start
        while opener < len(text) and text[opener] in " \t":
            opener += 1
    if opener >= len(text) or text[opener] not in "[{":
        return None
    depth, quote, i = 0, "", opener
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\" and quote == '"':
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'#" and text[i - 1] in "[{, \t":
            if char == "#":  # a comment: the rest of the line is not read
                meant = text[:i].rstrip()[-1:] in ("[", "{", ",") and text[i + 1 : i + 2].strip()
                return opener, i if meant else -1
            quote = char
        elif char in "[{" or char in "]}":
            depth += 1 if char in "[{" else -1
            if depth == 0:
                return None
        i += 1
    return (opener, -1) if depth > 0 else None


def _document_start(line: Callable[[int], str], at: tuple[int, int]) -> Explained | None:
    """More after a top level that has ended: a first line that is no ``key: value``,
    or a line that lines up with nothing above it."""
    for number in range(1, at[0]):
        text = line(number)
        stripped = text.strip()
        if stripped and not stripped.startswith(("#", "---", "%")):
            _, start = _lead(text)
            if _key_colon(text, start) >= 0 or start > 0:
                break
            return _dash_or_no_space(line, number) or _no_key(line, (number, start))
    return _misaligned(line, at[0])


def _list_on_key_line(line: Callable[[int], str], at: tuple[int, int]) -> Explained:
    """``key: - text``: a list entry cannot start on the line of its key."""
    number, column = at
    text = line(number)
    _, start = _lead(text)
    colon = _key_colon(text, start)
    key = text[start:colon].strip() if 0 <= colon < column else None
    return (
        (number, column + 1, number, column + 2),
        "YAML syntax error: '- ' starts a list entry, which cannot be on the line of its key",
        f"{_quote_it(key, _value(text, column))}; a list goes on the lines below its key",
    )


def _special_start(line: Callable[[int], str], at: tuple[int, int]) -> Explained | None:
    """A value that starts with a character YAML gives a meaning (``@``, ``*``, ``%``...)."""
    number, column = at
    text = line(number)
    char = text[column : column + 1]
    if not char:
        return None
    _, start = _lead(text)
    colon = _key_colon(text, start)
    key = text[start:colon].strip() if 0 <= colon < column else None
    meaning = _STARTS.get(char)
    message = (
        f"YAML syntax error: '{char}' at the start of a value {meaning}"
        if meaning
        else f"YAML syntax error: a value cannot start with '{char}'"
    )
    return (
        (number, column + 1, number, column + 2),
        message,
        _quote_it(key, _value(text, column), "the value"),
    )


_SECTION_LINE: Final = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(?:#.*)?$")
_ENTRY_LINE: Final = re.compile(r"( *)(- +)\S")
_ID_LINE: Final = re.compile(
    r"([ \t]*(?:-[ \t]+)?)id[ \t]*:[ \t]+"
    r"(?:\"([^\"\\]+)\"|'([^']+)'|([^\s#'\"][^\s#]*))[ \t]*(?:#.*)?$"
)


def declared_ids(text: str) -> list[tuple[str, str]]:
    """The ids a file that could not be parsed declares, as far as its lines tell:
    ``(section, id)`` for each ``id: x`` line at the level of the keys of the entries
    of a top-level key (its section). For a file refused with a syntax error, so that
    references to its entities from other files are not reported as unknown as well."""
    found: list[tuple[str, str]] = []
    section, dash_at, keys_at = "", -1, -1
    for text_line in LINE_BREAK.split(text):
        top = _SECTION_LINE.match(text_line)
        if top is not None:
            section, dash_at, keys_at = top[1], -1, -1
            continue
        entry = _ENTRY_LINE.match(text_line)
        if entry is not None and dash_at in (-1, len(entry[1])):
            dash_at, keys_at = len(entry[1]), entry.end() - 1
        ident = _ID_LINE.match(text_line)
        if ident is not None and section and len(ident[1]) == keys_at:
            found.append((section, next(g for g in ident.groups()[1:] if g)))
    return found
