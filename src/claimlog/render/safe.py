"""Ledger text made safe to show: no escape sequences, no bidi tricks, no markup.

Ledger files are written by other people. Text from them is shown literally:
control characters (C0, DEL, C1), the Unicode bidirectional controls, the line
and paragraph separators and the characters that hide text (:mod:`claimlog.invisible`:
zero-width spaces, tag characters) are written as visible escapes (``\\x1b``,
``\\u202e``, ``\\u2028``, ``\\u200b``, ``\\U000e0041``), so a ledger can neither
move the cursor, recolour the terminal, reorder what a reviewer reads, start a line
of its own nor hold text that no output shows. Rich markup
is never interpreted because renderers build ``rich.text.Text`` objects, which
do not parse markup.
"""

from __future__ import annotations

import re
from typing import Final

from .. import invisible

_BIDI: Final = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_SEPARATORS: Final = [0x2028, 0x2029]
"""Line and paragraph separators: line breaks to YAML and to some viewers, not to
terminals and diffs. (U+0085, the other one, is a C1 control.)"""

_TERMINAL: Final[dict[int, str]] = {
    **{c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]},
    **{c: f"\\u{c:04x}" for c in [*_BIDI, *_SEPARATORS]},
    **{c: invisible.escape(c) for c in invisible.CODES},
}
_TERMINAL[0x09] = " "  # a tab shows as one space so columns stay aligned


def _json_escape(code: int) -> str:
    """``code`` as a JSON escape: astral code points as their surrogate pair."""
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


_JSON_EXTRA: Final[dict[int, str]] = {
    c: _json_escape(c) for c in [*range(0x7F, 0xA0), *_BIDI, *_SEPARATORS, *invisible.CODES]
}


_KEEP_BREAKS: Final[dict[int, str]] = {c: v for c, v in _TERMINAL.items() if c not in (0x0A, 0x0D)}


_LAYOUT: Final = re.compile(r"[ \t\r\n]+")


def flattened(text: str) -> str:
    """``text`` on one line: each run of spaces, tabs and line breaks (LF, CR: how YAML
    text lays out) one space, and none at the ends; every other character kept (a
    control or separator such as U+2028 is no space here: ``str.split()`` took it for
    one)."""
    return _LAYOUT.sub(" ", text).strip()


def one_line(text: str) -> str:
    """``text`` on one line, shown literally: each run of spaces, tabs and line breaks
    (LF, CR: how YAML text lays out) becomes one space, as do the ends; any other
    control or separator (U+0085, U+2028...) is written as a visible escape, as in
    every other output."""
    return literal(flattened(text))


def literal(text: str, keep_breaks: bool = False) -> str:
    """``text`` with every control and bidi character, and every character that hides
    text (:mod:`claimlog.invisible`), written as a visible escape;
    with ``keep_breaks``, line feeds and carriage returns stay, for formats that
    encode them themselves (workflow commands, XML)."""
    return text.translate(_KEEP_BREAKS if keep_breaks else _TERMINAL)


def path_text(path: str, keep_breaks: bool = False) -> str:
    """A file's path shown literally, as :func:`literal` shows text, but a tab as the
    escape ``\\x09``: a name is one string, and a tab shown as a space names another
    file (a review: in a GitHub annotation, and in every finding's place)."""
    return literal(path.replace("\t", "\\x09"), keep_breaks)


_NOT_XML: Final = "[\ud800-\udfff\ufffe\uffff]"
"""What XML 1.0 forbids and :func:`literal` leaves: surrogates and two noncharacters (a
pattern compiled when first used: every renderer imports this module)."""


def xml_chars(text: str) -> str:
    """``text`` with what XML 1.0 forbids and :func:`literal` leaves (surrogates,
    U+FFFE, U+FFFF) written as visible escapes: a JUnit report or an SVG drawing with
    one of them in a label is not well-formed, and a browser draws none of it past it."""
    return re.sub(_NOT_XML, lambda m: f"\\u{ord(m.group()):04x}", text)


def json_safe(encoded: str) -> str:
    """JSON text (from ``json.dumps(ensure_ascii=False)``) with DEL, C1 and bidi
    controls and the characters that hide text escaped as ``\\uXXXX`` (a surrogate pair
    past U+FFFF): the same JSON value, safe on a terminal. And
    ``##[`` is written ``\\u0023#[``, the same value too: the GitHub Actions runner
    reads ``##[`` anywhere in a line of a step's log as a command (JSON printed there,
    not fenced, would let a statement forge an annotation; ``::`` cannot start a line
    of this JSON, whose strings all follow a key, a bracket or indentation and a quote)."""
    return encoded.translate(_JSON_EXTRA).replace("##[", "\\u0023#[")


# --- Markdown ---------------------------------------------------------------------------


def code_span(text: str) -> str:
    """``text`` as an inline code span, safe in a table cell: one line, control
    characters made visible, pipes escaped, fenced by more backticks than it holds."""
    cleaned = one_line(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", cleaned)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if cleaned.startswith("`") or cleaned.endswith("`") or not cleaned else ""
    return f"{fence}{pad}{cleaned}{pad}{fence}"


_MD_INLINE: Final = frozenset("\\`*_[]()~|!$#:")
"""What GitHub Markdown reads inline, escaped wherever it stands: emphasis and code,
links and images, strikethrough, table cells, math (``$``), issue references (``#12``),
emoji codes and URL autolinks (``:``). The rest of ASCII punctuation means nothing
inside a line and is left as it is (``musallam-spy``, ``Israel's``)."""
_WWW: Final = re.compile(r"(?i)\b(www)\.")
_LINE_START: Final = re.compile(r"^(?:[-+=]|[0-9]+[.)])")
"""What starts a list, a heading underline or an ordered list at the start of a line."""


def md_text(text: str) -> str:
    """``text`` shown literally in Markdown: one line, no HTML, no emphasis, links,
    autolinks, table breaks, references or mentions: the characters GitHub Markdown reads
    inline backslash-escaped, ``<``, ``>``, ``&`` and ``@`` (so that it pings nobody) as
    entities, the dot of ``www.``, and what would start a list at the start of a line."""
    out = []
    for ch in one_line(text):
        if ch in "<>&@":
            out.append(f"&#{ord(ch)};")
        elif ch in _MD_INLINE:
            out.append("\\" + ch)
        else:
            out.append(ch)
    shown = _WWW.sub(r"\1\\.", "".join(out))
    start = _LINE_START.match(shown)
    if start is not None:
        end = start.end()
        shown = shown[: end - 1] + "\\" + shown[end - 1 :]
    return shown


_FORMULA: Final = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """Ledger text as a CSV cell a spreadsheet shows as text: one that would start a
    formula (= + - @, tab, carriage return) gets a leading apostrophe (OWASP)."""
    shown_text = literal(text)
    return "'" + shown_text if text.startswith(_FORMULA) else shown_text
