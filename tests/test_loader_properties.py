"""Property tests of the loader: round trips, robustness, duplicate keys, shuffling.

The ledgers here are generated as Python values and written out as YAML text by a
small emitter of our own (plain, single-quoted and double-quoted scalars, block and
flow collections, comments), which records where it put every token. Loading that
text must give back every scalar as the exact text, at exactly that place.
"""

from __future__ import annotations

import random
import re
import string
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimlog.checks import CheckOptions, run_checks
from claimlog.diagnostics import RULES, Diagnostic, Span
from claimlog.ledgerset import LedgerSet
from claimlog.loader import MAX_DEPTH, LoadedFile, Map, Seq, load_bytes, load_text
from claimlog.model import (
    EVIDENCE_KINDS,
    ID_PATTERN,
    SOURCE_KINDS,
    STANCES,
    VERDICTS,
    FileModel,
)
from claimlog.validation import build_file

Path = tuple[Any, ...]
Draw = Callable[[st.SearchStrategy[Any]], Any]

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
TODAY = date(2025, 1, 1)

# --- characters ---------------------------------------------------------------------

BREAKS = "\n\r\x85\u2028\u2029"
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
FLOW_INDICATORS = ",[]{}"


def yaml_printable(c: str) -> bool:
    """Whether YAML (and libyaml) accepts the character literally in a stream."""
    cp = ord(c)
    return (
        cp in (0x09, 0x0A, 0x0D, 0x85)
        or 0x20 <= cp <= 0x7E
        or 0xA0 <= cp <= 0xD7FF
        or (0xE000 <= cp <= 0xFFFD and cp != 0xFEFF)
        or 0x10000 <= cp <= 0x10FFFF
    )


def inline_safe(c: str) -> bool:
    """Whether the character may stand literally inside a one-line scalar."""
    return yaml_printable(c) and c != "\t" and c not in BREAKS


def plain_ok(s: str, flow: bool, key: bool) -> bool:
    """A conservative test for text that reads back unchanged as a plain scalar."""
    if not s or s != s.strip(" ") or not all(inline_safe(c) for c in s):
        return False
    if ": " in s or " #" in s or s.endswith(":") or s.startswith(("---", "...")):
        return False
    if key and s == "<<":
        return False  # a plain '<<' key is a merge key
    if flow and any(c in FLOW_INDICATORS for c in s):
        return False
    if s[0] in INDICATORS:
        # '-' followed by a non-space character starts a plain scalar.
        return s[0] == "-" and len(s) > 1 and s[1] != " "
    return True


def single_ok(s: str) -> bool:
    return all(inline_safe(c) for c in s)


def escape(c: str) -> str:
    cp = ord(c)
    if cp <= 0xFF:
        return f"\\x{cp:02x}"
    if cp <= 0xFFFF:
        return f"\\u{cp:04x}"
    return f"\\U{cp:08x}"


def double_quoted(s: str, escape_all: bool = False) -> str:
    out = ['"']
    for c in s:
        if escape_all:
            out.append(escape(c))
        elif c in '"\\':
            out.append("\\" + c)
        elif inline_safe(c):
            out.append(c)
        else:
            out.append(escape(c))
    out.append('"')
    return "".join(out)


def render(s: str, style: str) -> str:
    if style == "plain":
        return s
    if style == "single":
        return "'" + s.replace("'", "''") + "'"
    return double_quoted(s, escape_all=style == "escaped")


# --- values -------------------------------------------------------------------------

# Non-ASCII text is written with escapes (ruff's confusable-character rules).
WORDS = [
    "\u041c\u043e\u0441\u043a\u0432\u0430",  # Moskva (Cyrillic)
    "\u041a\u0440\u043e\u043a\u0443\u0441 \u0421\u0438\u0442\u0438",  # Krokus Siti
    "\u0434\u0430",  # da (Cyrillic 'yes')
    "\u062f\u0627\u0639\u0634",  # Daesh (Arabic)
    "\u0646\u0639\u0645",  # na'am (Arabic 'yes')
    "\U0001f525",  # fire emoji
    "\U0001f44d\U0001f3fd",  # thumbs up, skin tone modifier
    "\U0001f1fa\U0001f1e6",  # flag: two regional indicators
    "na\u00efve",
    "\u65e5\u672c\u8a9e",
    "e\u0301",  # combining accent
    "a\u200bb",  # zero-width space
    "a\u00a0b",  # no-break space
    "\u00a0",
    "Islamic State",
    "U.S. official",
]
TRAPS = [
    "no", "No", "NO", "yes", "Yes", "on", "On", "off", "OFF", "y", "n", "true", "False",
    "012", "0755", "0o17", "1:20", "190:20:30", "0x1F", "1e3", "1E3", "-1e-3", "+12",
    "1_000", "0b101", "1.10", "3.", ".5", "~", "null", "Null", "NULL", "2024-03-22",
    "2024-03-22T19:58:00+03:00", "2001-12-14 21:59:43.10 -5", ".inf", "-.inf", ".NaN",
    "<<", "=", "-", "- x", "-x", "?", "? x", ":", ":x", "!", "!!str", "!foo", "&a", "*a",
    "%YAML", "@x", "`x`", "'", '"', "''", "#", "# x", "a #b", "a#b", "a: b", "a:b", "a:",
    "[a]", "{a: b}", "a, b", "|", ">", "---", "...", "--- x", "", " ", "  ", " lead",
    "trail ", "\\", "\\n", "\t", "a\tb", "line\nbreak", "cr\rlf", "\x85", "\u2028",
    "\x00", "\x07", "\x1b[31m", "\x7f", "\ufeff", "\ufffe", "\U0010ffff",
]  # fmt: skip
ID_TRAPS = [
    "012", "0755", "1:20", "190:20:30", "0x1F", "1e3", "no", "on", "yes", "y", "null",
    "Null", "NULL", "true", "False", "2024-03-22", "1.10", "1_000", "0b101", "a:", "a:b",
    "x.", "a--b", "9", "a" * 128,
]  # fmt: skip

ID_RE = re.compile(ID_PATTERN)
ASCII_POOL = string.ascii_letters + string.digits + " :-#'\"[]{},&*!|>%@`?~.\\/<="

# Characters YAML accepts literally anywhere in a stream.
printable_chars = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from("\t\n\r\x85"),
    st.characters(min_codepoint=0xA0, max_codepoint=0xD7FF),
    st.characters(min_codepoint=0xE000, max_codepoint=0xFFFD, exclude_characters="\ufeff"),
    st.characters(min_codepoint=0x10000),
)
chars = st.one_of(
    st.sampled_from(ASCII_POOL),
    st.sampled_from("".join(WORDS)),
    # All of Unicode but lone surrogates (no file can hold them): control characters,
    # line and paragraph separators, noncharacters.
    st.characters(exclude_categories=["Cs"]),
)
free_text = st.one_of(
    st.sampled_from(TRAPS),
    st.sampled_from(WORDS),
    st.text(chars, max_size=16),
    st.lists(st.sampled_from(WORDS + TRAPS), min_size=1, max_size=4).map(" ".join),
)


def has_text(s: str) -> bool:
    return any(not c.isspace() for c in s)


# What a required text field accepts: some character that is not white space.
text = st.one_of(
    st.sampled_from([t for t in TRAPS + WORDS if has_text(t)]),
    st.builds(
        lambda before, core, after: before + core + after,
        free_text,
        st.sampled_from(string.ascii_letters + "\u0416\u0639\U0001f525~0"),
        free_text,
    ),
)
ids = st.one_of(
    st.sampled_from(ID_TRAPS),
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,10}", fullmatch=True),
)
tags = st.one_of(st.sampled_from(["islamic-state", "us-government", "no", "1:20"]), text)
dates = st.one_of(
    st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(date.isoformat),
    st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(lambda d: f"{d}T19:58:00+03:00"),
)
urls = st.sampled_from(
    ["https://example.org/a?b=1#frag", "http://x.test/", "https://t.me/amaq/1:20"]
)
sha256s = st.text("0123456789abcdefABCDEF", min_size=64, max_size=64)
meta_keys = st.one_of(st.sampled_from(["source", "id", "<<", "", "~"]), free_text)


# Scalars, and empty values (`key:` with nothing after it), which load as None.
leaves = st.one_of(free_text, st.none())
meta_values = st.recursive(
    leaves,
    lambda kids: st.one_of(
        st.lists(kids, max_size=3), st.dictionaries(meta_keys, kids, max_size=3)
    ),
    max_leaves=6,
)
metas = st.dictionaries(meta_keys, meta_values, max_size=3)


class Pairs(list[tuple[str, Any]]):
    """A mapping written as a list of pairs, so that a key may repeat."""


def is_mapping(value: Any) -> bool:
    return isinstance(value, dict | Pairs)


def pairs_of(value: Any) -> list[tuple[str, Any]]:
    return list(value) if isinstance(value, Pairs) else list(value.items())


def contains_none(value: Any) -> bool:
    if value is None:
        return True
    if is_mapping(value):
        return any(contains_none(v) for _, v in pairs_of(value))
    if isinstance(value, list):
        return any(contains_none(v) for v in value)
    return False


def first_wins(value: Any) -> Any:
    """The value a loader that keeps the first of two equal keys reads."""
    if is_mapping(value):
        out: dict[str, Any] = {}
        for k, v in pairs_of(value):
            out.setdefault(k, first_wins(v))
        return out
    if isinstance(value, list):
        return [first_wins(v) for v in value]
    return value


# --- the emitter ------------------------------------------------------------------------


@dataclass
class Doc:
    text: str
    tokens: dict[Path, tuple[Span, str]]
    """Each scalar value by path: its span and token text (first occurrence)."""
    keys: dict[Path, list[tuple[Span, str]]]
    """Each key by path: span and token text of every occurrence."""
    starts: dict[Path, tuple[int, int]]
    """Where each collection starts (first occurrence)."""


COMMENT_CHARS = string.ascii_letters + string.digits + " #:-'\"[]{}" + "".join(WORDS)


class Emitter:
    """Writes values as YAML, choosing every style at random, tracking positions.

    Layout choices come from a seeded ``random.Random`` rather than one draw each:
    it is several times faster, and the values themselves still shrink.
    """

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.parts: list[str] = []
        self.line = 1
        self.column = 1
        self.tokens: dict[Path, tuple[Span, str]] = {}
        self.keys: dict[Path, list[tuple[Span, str]]] = {}
        self.starts: dict[Path, tuple[int, int]] = {}

    def doc(self) -> Doc:
        return Doc("".join(self.parts), self.tokens, self.keys, self.starts)

    def chance(self, one_in: int) -> bool:
        return self.rnd.randrange(one_in) == 0

    def pick(self, options: list[Any]) -> Any:
        return self.rnd.choice(options)

    def comment_text(self) -> str:
        return "".join(self.rnd.choices(COMMENT_CHARS, k=self.rnd.randrange(10)))

    def write(self, s: str) -> None:
        self.parts.append(s)
        breaks = s.count("\n")
        if breaks:
            self.line += breaks
            self.column = len(s) - s.rfind("\n")
        else:
            self.column += len(s)

    def start(self, path: Path) -> None:
        self.starts.setdefault(path, (self.line, self.column))

    def comment(self) -> None:
        if self.chance(6):
            self.write(" # " + self.comment_text())

    def filler(self, indent: int) -> None:
        if self.chance(10):
            self.write("\n")
        if self.chance(10):
            self.write(" " * self.rnd.randrange(indent + 3) + "#")
            self.write(self.comment_text() + "\n")

    def scalar(self, s: str, path: Path, flow: bool, key: bool = False) -> None:
        styles = []
        if plain_ok(s, flow, key):
            styles.append("plain")
        if single_ok(s):
            styles.append("single")
        styles += ["double", "escaped"]
        token = render(s, self.pick(styles))
        line, column = self.line, self.column
        self.write(token)
        span = (line, column, self.line, self.column)
        if key:
            self.keys.setdefault(path, []).append((span, token))
        else:
            self.tokens.setdefault(path, (span, token))

    def use_flow(self, value: Any) -> bool:
        if not value:
            return True  # empty collections exist only in flow style
        return not contains_none(value) and self.chance(3)

    def separator(self, indent: int) -> None:
        if self.chance(4):
            if self.chance(3):
                self.write(" # " + self.comment_text())
            self.write("\n" + " " * (indent + 2))
        else:
            self.write(self.pick([" ", "", "  "]))

    def flow(self, value: Any, path: Path, indent: int) -> None:
        if isinstance(value, str):
            self.scalar(value, path, flow=True)
            return
        self.start(path)
        mapping = is_mapping(value)
        self.write("{" if mapping else "[")
        items = pairs_of(value) if mapping else list(enumerate(value))
        for i, (k, v) in enumerate(items):
            if i:
                self.write(",")
                self.separator(indent)
            if mapping:
                self.scalar(k, (*path, k), flow=True, key=True)
                self.write(": ")
            self.flow(v, (*path, k), indent)
        if items and self.chance(8):
            self.write(",")
        self.write("}" if mapping else "]")

    def after_key(self, value: Any, path: Path, indent: int) -> None:
        """Write the value of a block mapping key; the text so far ends with ':'."""
        if value is None:
            self.comment()
            self.write("\n")
        elif isinstance(value, str):
            self.write(" ")
            self.scalar(value, path, flow=False)
            self.comment()
            self.write("\n")
        elif self.use_flow(value):
            self.write(" ")
            self.flow(value, path, indent)
            self.comment()
            self.write("\n")
        elif is_mapping(value):
            self.comment()
            self.write("\n")
            self.block_map(value, path, indent + self.pick([2, 1, 4]))
        else:
            self.comment()
            self.write("\n")
            self.block_seq(value, path, indent + self.pick([2, 0, 4]))

    def block_map(self, value: Any, path: Path, indent: int, inline: bool = False) -> None:
        for i, (k, v) in enumerate(pairs_of(value)):
            if i or not inline:
                self.filler(indent)
                self.write(" " * indent)
            if i == 0:
                self.start(path)
            self.scalar(k, (*path, k), flow=False, key=True)
            self.write(":")
            self.after_key(v, (*path, k), indent)

    def block_seq(self, value: list[Any], path: Path, indent: int, inline: bool = False) -> None:
        for i, item in enumerate(value):
            if i or not inline:
                self.filler(indent)
                self.write(" " * indent)
            if i == 0:
                self.start(path)
            self.write("-")
            here = (*path, i)
            if item is None:
                self.comment()
                self.write("\n")
            elif isinstance(item, str):
                self.write(" ")
                self.scalar(item, here, flow=False)
                self.comment()
                self.write("\n")
            elif self.use_flow(item):
                self.write(" ")
                self.flow(item, here, indent)
                self.comment()
                self.write("\n")
            elif self.chance(2):  # compact: '- key: value', '- - item'
                self.write(" ")
                if is_mapping(item):
                    self.block_map(item, here, indent + 2, inline=True)
                else:
                    self.block_seq(item, here, indent + 2, inline=True)
            else:
                self.comment()
                self.write("\n")
                if is_mapping(item):
                    self.block_map(item, here, indent + self.pick([2, 1, 4]))
                else:
                    self.block_seq(item, here, indent + self.pick([2, 1, 4]))


@st.composite
def documents(draw: Draw, root: Any) -> Doc:
    """YAML text for the mapping ``root``, with the place of every token."""
    em = Emitter(draw(st.randoms(use_true_random=True)))
    if em.chance(5):
        em.write("# a ledger\n")
    if em.chance(5):
        em.write(em.pick(["---\n", "--- # start\n", "%YAML 1.1\n---\n"]))
    if em.chance(8) and not contains_none(root):
        em.flow(root, (), 0)
        em.write("\n")
    else:
        em.block_map(root, (), 0)
    if em.chance(8):
        em.write("...\n")
    return em.doc()


# --- comparing loaded values with what was written -------------------------------------


def token_at(loaded: LoadedFile, span: Span) -> str:
    line, column, end_line, end_column = span
    assert line == end_line, f"a one-line token spans lines {line}-{end_line}"
    return loaded.line(line)[column - 1 : end_column - 1]


def check_token(loaded: LoadedFile, span: Span, expected: tuple[Span, str], value: str) -> None:
    want_span, token = expected
    assert span == want_span, f"{value!r}: span {span}, written at {want_span} as {token}"
    found = token_at(loaded, span)
    assert found == token, f"{value!r}: span {span} holds {found!r}, not {token!r}"
    if token[0] in "'\"":
        assert found[-1] == token[0]
    else:
        assert found == value


def check_tree(
    expected: Any, got: Any, span: Span | None, path: Path, doc: Doc, lf: LoadedFile
) -> int:
    """Compare a loaded value with the written one; return the number of scalars seen."""
    if expected is None:
        assert got is None, f"at {path}: {got!r} for an empty value"
        return 0
    if isinstance(expected, str):
        assert type(got) is str, f"at {path}: {type(got).__name__} {got!r} for {expected!r}"
        assert got == expected, f"at {path}: {got!r} != {expected!r}"
        assert span is not None
        check_token(lf, span, doc.tokens[path], expected)
        return 1
    start = doc.starts.get(path)
    if start is not None and span is not None:
        assert span[:2] == start, f"collection at {path} starts at {span[:2]}, not {start}"
    seen = 0
    if is_mapping(expected):
        assert type(got) is Map, f"at {path}: {type(got).__name__} for a mapping"
        want = first_wins(expected)
        assert list(got) == list(want), f"at {path}: keys {list(got)} != {list(want)}"
        assert list(got.spans) == list(got)
        for k, v in want.items():
            key_span, value_span = got.spans[k]
            check_token(lf, key_span, doc.keys[(*path, k)][0], k)
            seen += 1 + check_tree(v, got[k], value_span, (*path, k), doc, lf)
            _nested(got.span, key_span)
        return seen
    assert type(got) is Seq, f"at {path}: {type(got).__name__} for a list"
    assert len(got) == len(expected), f"at {path}: {len(got)} items, not {len(expected)}"
    assert len(got.item_spans) == len(got)
    for i, (v, item) in enumerate(zip(expected, got, strict=True)):
        seen += check_tree(v, item, got.item_spans[i], (*path, i), doc, lf)
        _nested(got.span, got.item_spans[i])
    return seen


def _nested(outer: Span, inner: Span) -> None:
    assert outer[:2] <= inner[:2], f"{inner} starts before its collection {outer}"
    assert outer[2:] >= inner[2:], f"{inner} ends after its collection {outer}"


def count_scalars(value: Any) -> int:
    if isinstance(value, str):
        return 1
    if is_mapping(value):
        return sum(1 + count_scalars(v) for _, v in pairs_of(value))
    if isinstance(value, list):
        return sum(count_scalars(v) for v in value)
    return 0


def freeze(value: Any) -> Any:
    if isinstance(value, Map):
        return ("map", tuple((k, freeze(v)) for k, v in value.items()))
    if isinstance(value, Seq):
        return ("seq", tuple(freeze(v) for v in value))
    return value


def line_count(text: str) -> int:
    return len(LINE_BREAK.split(text))


def assert_sane(diagnostics: Iterable[Diagnostic], lines: int, slack: int = 1) -> None:
    """Every finding has a known code and a place in the file.

    ``slack``: a syntax error at the end of a file without a final newline is
    reported one line past its last line (libyaml's end-of-stream mark), a known
    bug (/tmp/claimlog-bugs/test_loader_bugs.py), allowed here but no further.
    """
    for d in diagnostics:
        assert d.code in RULES, d
        assert d.line >= 1, d
        assert d.column >= 1, d
        assert (d.end_line, d.end_column) >= (d.line, d.column), d
        assert d.line <= lines + slack, f"{d} points past the last line ({lines})"


# --- ledgers ---------------------------------------------------------------------------

GHOSTS = ["ghost", "amaq-typo", "0x1G", "NO"]


@st.composite
def ledger_entities(
    draw: Draw, defects: bool = False
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Sources, claims and evidence with globally unique ids and working references.

    With ``defects``, references may name nothing, and some fields are broken in
    ways the schema reports (every entity keeps its id).
    """
    n_sources = draw(st.integers(1, 3))
    n_claims = draw(st.integers(1, 4 if defects else 3))
    n_evidence = draw(st.integers(0, 4))
    total = n_sources + n_claims + n_evidence
    all_ids = draw(st.lists(ids, min_size=total, max_size=total, unique=True))
    assert all(ID_RE.match(i) for i in all_ids)  # the generator's own contract
    source_ids = all_ids[:n_sources]
    claim_ids = all_ids[n_sources : n_sources + n_claims]
    evidence_ids = all_ids[n_sources + n_claims :]
    ref_sources = st.sampled_from(source_ids + (GHOSTS if defects else []))
    ref_claims = st.sampled_from(claim_ids + (GHOSTS if defects else []))
    b = st.booleans()

    def entity(fields: dict[str, Any], kind: str) -> dict[str, Any]:
        if defects and draw(st.integers(0, 3)) == 0:
            broken = draw(
                st.sampled_from(
                    [
                        ("stnace", "supports"),
                        ("sumary", "x"),
                        ("kind", "blog"),
                        ("date", "2024-02-30"),
                        ("date", "2024-03-22T19:58:00"),
                        ("url", "ftp://x"),
                        ("credibility" if kind == "evidence" else "reliability", "7"),
                        ("prior" if kind == "claims" else "notes", ["a"]),
                        ("retracted" if kind == "evidence" else "tags", "maybe"),
                        ("name" if kind == "sources" else "statement", None),
                    ]
                )
            )
            fields[broken[0]] = broken[1]
        order = draw(st.permutations(list(fields)))
        return {k: fields[k] for k in order}

    sources = []
    for sid in source_ids:
        f: dict[str, Any] = {"id": sid, "name": draw(text)}
        if draw(b):
            f["kind"] = draw(st.sampled_from(SOURCE_KINDS))
        if draw(b):
            f["reliability"] = draw(st.sampled_from("ABCDEF"))
        if draw(b):
            f["affiliation"] = draw(st.lists(tags, max_size=3))
        if draw(b):
            f["derived_from"] = draw(st.lists(ref_sources, max_size=2))
        if draw(b):
            f["url"] = draw(urls)
        if draw(b):
            f["notes"] = draw(free_text)
        if draw(st.integers(0, 3)) == 0:
            f["meta"] = draw(metas)
        sources.append(entity(f, "sources"))
    # With defects, few groups, many 'supported' verdicts and high priors: conflicts
    # within a group (CL402, CL403) are common.
    groups = st.sampled_from(
        ["no", "012"] if defects else ["crocus-perpetrator", "no", "012", "\u0434\u0430"]
    )
    priors = ["0.5", "0.25", ".3", "0.9", "1e-1", "0.75"]
    verdicts = ["supported", "supported", *VERDICTS] if defects else list(VERDICTS)
    often = st.integers(0, 3).map(bool) if defects else b
    claims = []
    for cid in claim_ids:
        f = {"id": cid, "statement": draw(text)}
        if draw(b):
            f["date"] = draw(dates)
        if draw(b):
            f["claimed_by"] = draw(st.lists(ref_sources, max_size=2))
        if draw(often):
            f["group"] = draw(groups)
        if draw(b):
            f["parties"] = draw(st.lists(tags, max_size=2))
        if draw(b):
            f["prior"] = draw(st.sampled_from(priors))
        if draw(often):
            f["verdict"] = draw(st.sampled_from(verdicts))
        if draw(b):
            f["tags"] = draw(st.lists(tags, max_size=3))
        if draw(b):
            f["notes"] = draw(free_text)
        if draw(st.integers(0, 3)) == 0:
            f["meta"] = draw(metas)
        claims.append(entity(f, "claims"))
    evidence = []
    for eid in evidence_ids:
        stance_ids = draw(st.lists(ref_claims, min_size=1, max_size=3, unique=True))
        f = {
            "id": eid,
            "summary": draw(text),
            "source": draw(ref_sources),
            "stance": {c: draw(st.sampled_from(STANCES)) for c in stance_ids},
        }
        if draw(b):
            f["via"] = draw(st.lists(ref_sources, max_size=3))
        if draw(b):
            f["credibility"] = draw(st.sampled_from("123456"))
        if draw(b):
            f["kind"] = draw(st.sampled_from(EVIDENCE_KINDS))
        if draw(b):
            f["date"] = draw(dates)
        if draw(b):
            f["url"] = draw(urls)
        if draw(b):
            f["archive_url"] = draw(urls)
        if draw(b):
            f["sha256"] = draw(sha256s)
        if draw(b):
            f["quote"] = draw(free_text)
        if draw(b):
            f["retracted"] = draw(st.sampled_from(["true", "false", "True", "FALSE"]))
        if draw(b):
            f["notes"] = draw(free_text)
        if draw(st.integers(0, 3)) == 0:
            f["meta"] = draw(metas)
        evidence.append(entity(f, "evidence"))
    return sources, claims, evidence


def ledger_root(
    draw: Draw,
    sources: list[dict[str, Any]],
    claims: list[dict[str, Any]],
    evidence: list[dict[str, Any]],
) -> dict[str, Any]:
    fields: dict[str, Any] = {"sources": sources, "claims": claims, "evidence": evidence}
    if draw(st.booleans()):
        fields["title"] = draw(text)
    if draw(st.booleans()):
        fields["description"] = draw(free_text)
    if draw(st.integers(0, 3)) == 0:
        fields["meta"] = draw(metas)
    order = draw(st.permutations(list(fields)))
    return {k: fields[k] for k in order}


@st.composite
def ledgers(draw: Draw) -> dict[str, Any]:
    return ledger_root(draw, *draw(ledger_entities()))


# --- 1. round trip ------------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=SLOW)
@given(st.data())
def test_valid_ledger_round_trips_with_exact_text_and_places(data: st.DataObject) -> None:
    ledger = data.draw(ledgers(), label="ledger")
    doc = data.draw(documents(ledger), label="document")
    loaded = load_text(doc.text, "x.yaml")
    assert loaded.diagnostics == []
    assert loaded.root is not None
    seen = check_tree(ledger, loaded.root, None, (), doc, loaded)
    assert seen == count_scalars(ledger)
    model = build_file(loaded)
    assert model.diagnostics == []
    for kind in ("sources", "claims", "evidence"):
        assert [e.id for e in getattr(model, kind)] == [x["id"] for x in ledger[kind]]


# --- 2. anything at all loads without raising --------------------------------------------


def load_everything(loaded: LoadedFile, lines: int, slack: int = 1) -> None:
    """Validate and check a loaded file; nothing may raise, every finding is well placed."""
    assert_sane(loaded.diagnostics, lines, slack)
    if loaded.root is not None:
        assert loaded.diagnostics == [] or all(
            RULES[d.code].family == "yaml" for d in loaded.diagnostics
        )
    model = build_file(loaded)
    assert_sane(model.diagnostics, lines, slack)
    found = run_checks(LedgerSet.from_files([model], {loaded.path: loaded}), CheckOptions(TODAY))
    assert_sane(found, lines, slack)


@settings(max_examples=300, deadline=None, suppress_health_check=SLOW)
@given(st.binary(max_size=200))
@example(b"\x00")
@example(b"title: a\x01b\n")
@example(b"a: \xef\xbf\xbe\n")  # U+FFFE
@example(b"\xff\xfe")
@example(b"\xef\xbb\xbfa: 1")
@example(b"a: \xc3")
def test_random_bytes_never_raise(data: bytes) -> None:
    check_bytes(data)


def check_bytes(data: bytes, slack: int = 1) -> None:
    loaded = load_bytes(data, "x.yaml")
    assert isinstance(loaded, LoadedFile)
    lines = data.count(b"\n") + 1
    try:
        lines = line_count(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        assert [d.code for d in loaded.diagnostics] == ["CL002"]
    load_everything(loaded, lines, slack)


YAMLISH = ":-[]{},&*!|>'\"#%@?~.<=\\ \t\n\r" + "abxyz01" + "\u041c\U0001f525\u0627"
yamlish_lines = st.lists(
    st.tuples(st.integers(0, 6), st.text(YAMLISH, max_size=12)), max_size=20
).map(lambda lines: "\n".join(" " * n + t for n, t in lines))
printable_text = st.text(printable_chars, max_size=100)
# Everything but lone surrogates, which no decoded file holds: control characters too.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=100)


@settings(max_examples=300, deadline=None, suppress_health_check=SLOW)
@given(st.one_of(st.text(YAMLISH, max_size=120), yamlish_lines, printable_text, any_text))
@example("a: \x01")
@example("title: x\x7f\n")
@example("a: 1\n\ta: 2\n")
@example("[" * 200)
@example("- " * 200)
@example("a: &x 1\nb: *x\n<<: {c: 1}\n!!python/object:os.system x: 1\n")
@example("sources:\n  - {? [a]: b}\n")
@example("--- a\n--- b\n")
def test_yamlish_text_never_raises(source: str) -> None:
    check_text(source)


def check_text(source: str, slack: int = 1) -> None:
    loaded = load_text(source, "x.yaml")
    assert isinstance(loaded, LoadedFile)
    load_everything(loaded, line_count(source), slack)


FIELDS = sorted(
    {"id", "name", "kind", "reliability", "affiliation", "derived_from", "url", "notes"}
    | {"meta", "statement", "date", "claimed_by", "group", "parties", "prior", "verdict"}
    | {"tags", "summary", "source", "via", "stance", "credibility", "archive_url", "sha256"}
    | {"quote", "retracted", "title", "description", "sources", "claims", "evidence"}
    | {"stnace", ""}
)
junk_keys = st.one_of(st.sampled_from(FIELDS), ids, free_text)


def junk_roots() -> st.SearchStrategy[dict[str, Any]]:
    """Mappings of any shape, keyed mostly by the format's own field names."""
    scalars = st.one_of(
        st.sampled_from(TRAPS + ID_TRAPS + list(STANCES) + ["A", "3", "0.5", "true"]),
        dates,
        leaves,
    )
    junk = st.recursive(
        scalars,
        lambda kids: st.one_of(
            st.lists(kids, max_size=4), st.dictionaries(junk_keys, kids, max_size=5)
        ),
        max_leaves=6,
    )
    entity_like = st.dictionaries(st.sampled_from(FIELDS), junk, max_size=6)
    return st.dictionaries(
        st.sampled_from(["title", "description", "sources", "claims", "evidence", "meta", "x"]),
        st.one_of(st.lists(st.one_of(entity_like, junk), max_size=3), junk),
        min_size=1,
        max_size=5,
    )


@settings(max_examples=100, deadline=None, suppress_health_check=SLOW)
@given(st.data())
def test_well_formed_yaml_of_any_shape_loads_validates_and_checks(data: st.DataObject) -> None:
    root = data.draw(junk_roots(), label="root")
    doc = data.draw(documents(root), label="document")
    loaded = load_text(doc.text, "x.yaml")
    assert loaded.diagnostics == []
    check_tree(root, loaded.root, None, (), doc, loaded)
    load_everything(loaded, line_count(doc.text))


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 3 * MAX_DEPTH), st.sampled_from(["flow-seq", "flow-map", "block"]))
def test_deep_nesting_is_reported_not_raised(depth: int, shape: str) -> None:
    if shape == "flow-seq":
        source = "a: " + "[" * depth + "x" + "]" * depth + "\n"
    elif shape == "flow-map":
        source = "a: " + "{k: " * depth + "x" + "}" * depth + "\n"
    else:
        source = "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "k: x\n"
    loaded = load_text(source, "x.yaml")
    load_everything(loaded, line_count(source))
    codes = [d.code for d in loaded.diagnostics]
    # The root mapping is one level, so 'depth' more levels fit under the limit
    # while depth + 1 <= MAX_DEPTH.
    if depth + 1 > MAX_DEPTH:
        assert codes == ["CL011"]
        assert loaded.root is None
    else:
        assert codes == []
        assert loaded.root is not None


# --- 3. duplicate keys at any depth -----------------------------------------------------

keys = st.one_of(st.sampled_from(["id", "stance", "no", "012", "1:20", "", "~", "<<"]), free_text)


@st.composite
def duplicated(draw: Draw) -> tuple[Pairs, Path, str, int]:
    """A root mapping holding, at some depth, a mapping with a repeated key.

    Returns the root, the path of the mapping, the key and how often it occurs.
    """
    small_values = st.recursive(
        leaves,
        lambda kids: st.one_of(st.lists(kids, max_size=3), st.dictionaries(keys, kids, max_size=3)),
        max_leaves=4,
    )
    key = draw(keys)
    times = draw(st.integers(2, 3))
    others = draw(st.dictionaries(keys.filter(lambda k: k != key), small_values, max_size=3))
    pairs = list(others.items())
    for _ in range(times):
        at = draw(st.integers(0, len(pairs)))
        # Keep occurrences in order: insert after the previous one.
        previous = max((i for i, (k, _) in enumerate(pairs) if k == key), default=-1)
        at = max(at, previous + 1)
        pairs.insert(at, (key, draw(small_values)))
    node: Any = Pairs(pairs)
    path: Path = ()
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            name = draw(keys)
            siblings = draw(st.dictionaries(keys.filter(lambda k, n=name: k != n), small_values))
            items = list(siblings.items())
            items.insert(draw(st.integers(0, len(items))), (name, node))
            node, path = Pairs(items), (name, *path)
        else:
            items = draw(st.lists(small_values, max_size=3))
            at = draw(st.integers(0, len(items)))
            items.insert(at, node)
            node, path = items, (at, *path)
    if not is_mapping(node):
        node, path = Pairs([("meta", node)]), ("meta", *path)
    return node, path, key, times


@settings(max_examples=120, deadline=None, suppress_health_check=SLOW)
@given(st.data())
def test_duplicate_keys_are_reported_at_any_depth(data: st.DataObject) -> None:
    root, path, key, times = data.draw(duplicated(), label="root")
    doc = data.draw(documents(root), label="document")
    loaded = load_text(doc.text, "x.yaml")
    occurrences = doc.keys[(*path, key)]
    assert len(occurrences) == times
    first_line = occurrences[0][0][0]
    found = loaded.diagnostics
    assert [d.code for d in found] == ["CL003"] * (times - 1), found
    for d, (span, _) in zip(found, occurrences[1:], strict=True):
        assert (d.line, d.column, d.end_line, d.end_column) == span
        assert f"'{key}'" in d.message
        assert f"line {first_line}" in d.message, d.message
    # The first occurrence is the one read; everything else is untouched.
    assert loaded.root is not None
    check_tree(root, loaded.root, None, (), doc, loaded)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 6),
    st.sampled_from(["block", "flow", "sequence"]),
    st.sampled_from(["<<", "'<<'", '"<<"']),
)
def test_merge_keys_are_reported_at_any_depth(depth: int, shape: str, spelling: str) -> None:
    lines = [" " * (2 * i) + f"k{i}:" for i in range(depth + 1)]
    pad = " " * (2 * depth + 2)
    if shape == "block":
        lines += [pad + "a: 1", pad + spelling + ": {b: 2}"]
        at = (len(lines), len(pad) + 1)
    elif shape == "flow":
        lines += [pad + "m: {a: 1, " + spelling + ": {b: 2}}"]
        at = (len(lines), len(pad) + 11)
    else:
        lines += [pad + "- a: 1", pad + "  " + spelling + ": x"]
        at = (len(lines), len(pad) + 3)
    loaded = load_text("\n".join(lines) + "\n", "x.yaml")
    assert loaded.root is not None
    inner: Any = loaded.root
    for i in range(depth + 1):
        inner = inner[f"k{i}"]
    if shape != "block":
        inner = inner["m"] if shape == "flow" else inner[0]
    found = [(d.code, d.line, d.column) for d in loaded.diagnostics]
    if spelling == "<<":  # a plain '<<' is a merge key; its value is not read
        assert found == [("CL005", *at)]
        assert list(inner) == ["a"]
    else:  # a quoted '<<' is an ordinary key
        assert found == []
        assert list(inner) == ["a", "<<"]


# --- 4. shuffling entries changes nothing -------------------------------------------------


@st.composite
def ledger_sets(draw: Draw) -> list[tuple[str, dict[str, Any]]]:
    """Entities with defects spread over one to three files."""
    sources, claims, evidence = draw(ledger_entities(defects=True))
    n_files = draw(st.integers(1, 3))
    per_file: list[dict[str, list[dict[str, Any]]]] = [
        {"sources": [], "claims": [], "evidence": []} for _ in range(n_files)
    ]
    for kind, entities in (("sources", sources), ("claims", claims), ("evidence", evidence)):
        for e in entities:
            per_file[draw(st.integers(0, n_files - 1))][kind].append(e)
    return [
        (
            f"ledgers/part{i}.yaml",
            ledger_root(draw, f["sources"], f["claims"], f["evidence"]),
        )
        for i, f in enumerate(per_file)
    ]


@st.composite
def shuffled(draw: Draw, files: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, Any]]:
    out = []
    for path, root in files:
        copy = dict(root)
        for kind in ("sources", "claims", "evidence"):
            copy[kind] = draw(st.permutations(root[kind]))
        out.append((path, copy))
    return out


def load_set(
    data: st.DataObject, files: list[tuple[str, Any]]
) -> tuple[LedgerSet, list[FileModel]]:
    loaded: dict[str, LoadedFile] = {}
    models = []
    for path, root in files:
        doc = data.draw(documents(root))
        loaded[path] = load_text(doc.text, path)
        assert loaded[path].diagnostics == []
        models.append(build_file(loaded[path]))
    return LedgerSet.from_files(models, loaded), models


def entity_values(ls: LedgerSet) -> Counter[tuple[str, str, Any]]:
    out: Counter[tuple[str, str, Any]] = Counter()
    for loaded in ls.loaded.values():
        assert loaded.root is not None
        for kind in ("sources", "claims", "evidence"):
            for node in loaded.root[kind]:
                out[(loaded.path, kind, freeze(node))] += 1
    return out


def validated(models: list[FileModel]) -> Counter[tuple[str, str, str]]:
    return Counter(
        (m.path, kind, repr(e.model))
        for m in models
        for kind in ("sources", "claims", "evidence")
        for e in getattr(m, kind)
    )


def about(ls: LedgerSet, d: Diagnostic) -> tuple[str, Any] | None:
    """The entity a finding is placed in: (kind, id), or None outside every entity."""
    root = ls.loaded[d.path].root
    best: tuple[tuple[int, int], tuple[str, Any]] | None = None
    for kind in ("sources", "claims", "evidence"):
        items = root.get(kind) if root is not None else None
        for node in items if isinstance(items, Seq) else []:
            if not isinstance(node, Map):
                continue
            start, end = node.span[:2], node.span[2:]
            if start <= (d.line, d.column) < end and (best is None or start > best[0]):
                best = (start, (kind, node.get("id")))
    return best[1] if best is not None else None


_PLACE = re.compile(r"(\.ya?ml):\d+(?::\d+)?")


def findings(ls: LedgerSet, found: list[Diagnostic]) -> Counter[tuple[Any, ...]]:
    """What was found, in which file, about which entity: no lines, which shuffling moves
    (also where a message or hint names a place: 'at ledgers/a.yaml:4:34')."""
    return Counter(
        (
            d.path,
            d.code,
            _PLACE.sub(r"\1", d.message),
            _PLACE.sub(r"\1", d.hint or ""),
            about(ls, d),
        )
        for d in found
    )


@settings(max_examples=80, deadline=None, suppress_health_check=SLOW)
@given(st.data())
def test_shuffling_entries_changes_no_result(data: st.DataObject) -> None:
    files = data.draw(ledger_sets(), label="files")
    again = data.draw(shuffled(files), label="shuffled")
    before, models_before = load_set(data, files)
    after, models_after = load_set(data, again)
    assert entity_values(before) == entity_values(after)
    assert validated(models_before) == validated(models_after)
    assert sorted(set(before.broken.items())) == sorted(set(after.broken.items()))
    options = CheckOptions(TODAY)
    found_before = findings(before, run_checks(before, options))
    found_after = findings(after, run_checks(after, options))
    assert found_before == found_after


@given(st.text(alphabet=" \t\n\r#ax:\u00a0\u3000", max_size=80))
def test_tight_comments_are_where_white_space_then_a_tight_hash_are(text: str) -> None:
    """CL017's lines: the '#' found first, then the white space before it (for speed),
    give the lines and columns that a search for white space then '#' gives."""
    from claimlog.loader import HASH_IN_TEXT, LoadedFile, _tight_comments

    expected: dict[int, int] = {}
    for match in HASH_IN_TEXT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        expected.setdefault(line, match.start() - text.rfind("\n", 0, match.start()) + 1)
    assert _tight_comments(LoadedFile("a.yaml", text)) == expected
