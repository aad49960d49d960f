"""HTML pieces every page shares: escaping, links, numbers, badges and the page shell.

Every piece of ledger text goes through :func:`esc`: control and bidi characters are
first made visible (:func:`~claimlog.render.safe.literal`), then ``& < > " '`` become
entities, so ledger text is text in element content and in quoted attributes alike.
A URL from a ledger is a link only when it is ``http`` or ``https`` and reads as the
site it goes to (else it is shown as text), and every such link has
``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

from ... import invisible
from ...credibility.tables import INTEREST, PRIOR_DB, percent_tenths
from ..safe import flattened, literal, path_text

if TYPE_CHECKING:
    from ...diagnostics import Diagnostic

VERDICTS: Final = ("supported", "disputed", "unverified", "refuted")
"""The verdicts, in the order the filters offer them."""
STANCE_ORDER: Final = ("strongly-supports", "supports", "neutral", "refutes", "strongly-refutes")
_WEB: Final = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f\\]+", re.IGNORECASE)
"""A URL that may be a link: http(s), and no white space, control character or
backslash (which browsers read as '/' and other programs do not: CL107)."""

CSP: Final = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)
"""The pages' Content-Security-Policy: nothing but the report's own stylesheet and
script is ever loaded; no inline script or style runs."""


_PLAIN: Final = re.compile(
    r"[^\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f&<>\"'\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
    + invisible.CLASS
    + "]*"
)
"""Text that escaping leaves as it is (the common case, checked in one scan)."""


def esc(text: str) -> str:
    """Ledger text for element content or a quoted attribute value."""
    if _PLAIN.fullmatch(text):
        return text
    return html.escape(literal(text, keep_breaks=True), quote=True)


def file_name(text: str) -> str:
    """A file's name, escaped, with every control character made visible, line breaks
    too (a name is one line: a file named with a line feed read as one with a space, a
    test campaign)."""
    return html.escape(path_text(text), quote=True)


def one_line(text: str) -> str:
    """Ledger text on one line (runs of white space as one space), escaped."""
    return esc(flattened(text))


CLIP_AT = 2_000
"""The characters of an item's summary or quote shown where the item is listed again
(on each claim page it bears on, on its relays' pages); in full once, on its source's
page. A hostile item bearing on 500 claims with a 50 KB summary made a 1 MB ledger a
754 MB report."""


ALSO_SHOWN = 20
"""The other claims an item bears on, and the relays of its chain, listed on a claim
page; the rest are counted (the other claims are listed on the item's source page). An
item bearing on 500 claims listed 499 on each of the 500 pages: 30 KB of links a page,
for every such item."""


def clipped(text: str, href: str | None = None, flat: bool = True) -> str:
    """:func:`one_line` (or, not ``flat``, :func:`esc`), cut after :data:`CLIP_AT`
    characters with a note of how many more there are (linked to ``href``, where the
    whole text is)."""
    if len(text) <= CLIP_AT:
        return one_line(text) if flat else esc(text)
    flat_text = flattened(text)
    if len(flat_text) <= CLIP_AT:
        return esc(flat_text) if flat else esc(text)
    more = f"{len(flat_text) - CLIP_AT:,} more characters"
    note = link(href, more) if href is not None else more
    return f'{esc(flat_text[:CLIP_AT])}... <span class="muted">({note})</span>'


def notes(text: str | None, href: str | None = None, whole: bool = True) -> str:
    """The analyst's ``notes`` of an entity, literally and with their line breaks (not
    ``whole``: :func:`clipped`, the rest at ``href``); nothing when there are none."""
    if not text or not text.strip():
        return ""
    shown = esc(text.rstrip()) if whole else clipped(text.rstrip(), href, False)
    return (
        '<div class="notes"><p class="label">Analyst\'s notes</p>'
        f'<p class="lines" dir="auto">{shown}</p></div>\n'
    )


def defined_in(path: str, line: int) -> str:
    """Where an entity is defined: its file (the path as the findings show it) and line."""
    return f'<p class="where">Defined in <code>{file_name(path)}</code>, line {line}.</p>\n'


ABOUT: Final = "about.html"
"""The page that explains the numbers."""
TERMS: Final = {
    "dB": (
        "db",
        "decibans: weight of evidence, ten times the base-10 logarithm of how much more "
        "expected an item is if the claim is true than if it is false (10 dB is 10:1)",
    ),
    "quality": (
        "quality",
        "how far an item is taken, from 0 to 1: its source's grade (a republisher's: its "
        "least reliable origin's) times its information grade, less a little for each relay",
    ),
    "interest": (
        "interest",
        "who gains from the statement: the item's quality is multiplied by "
        f"{INTEREST['self-serving']:g} when self-serving, {INTEREST['party']:g} for a party "
        "whose side is not known (or one speaking for both sides), 1 for an admission; a "
        "self-serving item is never decisive",
    ),
    "uncertainty": (
        "uncertainty",
        f"how little evidence there is, for and against alike: {PRIOR_DB:g} / (weight for "
        f"+ weight against + {PRIOR_DB:g}), the weights in dB; 100% with none",
    ),
}
"""The terms the pages use that need a word of explanation: their anchor on the
explanation's page and a short one as the title of an ``abbr``."""


def term(word: str) -> str:
    """``word`` (a key of :data:`TERMS`) with its short explanation, linked to the long one."""
    anchor, title = TERMS[word]
    return f'<a href="{ABOUT}#{anchor}"><abbr title="{esc(title)}">{word}</abbr></a>'


def link(href: str | None, text: str, cls: str = "") -> str:
    """``text`` (already HTML) linked to a page of the report (``href`` is a name this
    report made, escaped anyway); plain text when there is no page."""
    attr = f' class="{cls}"' if cls else ""
    if href is None:
        return f"<span{attr}>{text}</span>"
    return f'<a href="{html.escape(href, quote=True)}"{attr}>{text}</a>'


MAX_URL_SHOWN: Final = 200
"""Characters of a URL shown as its text (the rest said by its length)."""
MAX_LINKED: Final = 2048
"""The longest URL linked: a longer one is shown as text, not repeated in full on every
page that shows its item."""


def external(url: str, label: str | None = None) -> str:
    """A URL from a ledger: a link when it is http(s) with no backslash or control
    character (CL107) and reads as the site it goes to (CL110: no user name before '@',
    no look-alike host, no bidirectional control or hiding character), else text."""
    from ...checks.urls import deception

    text = url if label is None else label
    if len(text) > MAX_URL_SHOWN:  # a hunt: a URL of 200,000 characters on 3,000 pages
        text = f"{text[:MAX_URL_SHOWN]}... ({len(url):,} characters)"
    shown = esc(text)
    if len(url) <= MAX_LINKED and _WEB.fullmatch(url) and deception(url) is None:
        return f'<a href="{esc(url)}" rel="noopener noreferrer" class="ext">{shown}</a>'
    return f'<span class="url">{shown}</span>'


def pct(p: float) -> str:
    """A probability as a percentage with one decimal, rounded down like the engine (more
    just above 55% or 95%, where the label changes)."""
    return percent_tenths(p)


def points(x: float) -> str:
    """Percentage points with one decimal and a sign (a true minus sign)."""
    text = f"{x * 100:+.1f}"
    return text.replace("-", "\u2212")


def num(x: float) -> str:
    """A number for a data attribute: six decimals at most, no trailing zeros."""
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def badge(verdict: str) -> str:
    """A verdict as a badge: coloured, and a word, so it reads without colour."""
    return f'<span class="badge v-{verdict}">{verdict}</span>'


def flags_list(flags: Sequence[str]) -> str:
    if not flags:
        return '<span class="none">none</span>'
    return " ".join(f'<span class="flag">{esc(f)}</span>' for f in flags)


def table(
    head: Sequence[str],
    rows: Iterable[str],
    cls: str = "",
    attrs: str = "",
    right: Sequence[int] = (),
) -> str:
    """A table in a box that scrolls sideways on a narrow screen: ``head`` (HTML; the
    columns numbered in ``right`` aligned right), ``rows`` (``<tr>`` elements)."""
    klass = f' class="{cls}"' if cls else ""
    numeric = ' class="n"'
    heads = "".join(
        f'<th scope="col"{numeric if k in right else ""}>{h}</th>' for k, h in enumerate(head)
    )
    return (
        f'<div class="scroll"><table{klass}{attrs}><thead><tr>{heads}</tr></thead>'
        f"<tbody>\n{''.join(rows)}</tbody></table></div>\n"
    )


def shell(
    title: str,
    body: str,
    as_of: date | None,
    version: str,
    script: bool = False,
    errors: int = 0,
) -> str:
    """A whole page: ``title`` (escaped here) and ``body`` (HTML); when the set has
    ``errors``, their number in the header and a banner saying the report covers only
    the set's valid part."""
    when = f" as of {as_of.isoformat()}" if as_of else ""
    tail = '<script src="report.js"></script>\n' if script else ""
    findings = "Findings"
    if errors:
        findings += f' <span class="errors">({_errors(errors)})</span>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)} \u00b7 claimlog report</title>\n"
        '<link rel="stylesheet" href="style.css">\n</head>\n<body>\n'
        '<a class="skip" href="#main">Skip to the content</a>\n'
        '<header class="top"><nav aria-label="Report">'
        '<a href="index.html" class="brand">claimlog report</a> '
        '<a href="index.html#claims">Claims</a> '
        f'<a href="index.html#findings">{findings}</a> '
        '<a href="graph.html">Evidence graph</a> '
        f'<a href="{ABOUT}">About the numbers</a></nav>'
        f'<p class="when">{f"As of {as_of.isoformat()}" if as_of else "All the evidence"}</p>'
        "</header>\n"
        f'<main id="main">\n{partial(errors)}{body}</main>\n'
        f"<footer><p>Made by claimlog {esc(version)} from the ledger set{when}. "
        "Probabilities are claimlog's assessment of the evidence recorded in the "
        f'ledgers, not facts: <a href="{ABOUT}">how the numbers are made</a>.</p></footer>\n'
        f"{tail}</body>\n</html>\n"
    )


def partial(errors: int) -> str:
    """The banner of a report of a set with ``errors``: it covers only the valid part
    (as the command says on standard error, which no reader of the pages sees)."""
    if not errors:
        return ""
    return (
        f'<p class="partial" role="note"><b>The ledger set has {_errors(errors)}</b>: this '
        'report covers only its valid part; <a href="index.html#findings">the findings</a> '
        "list the errors.</p>\n"
    )


def source_error(d: Diagnostic) -> str:
    """An error finding inside a source's entry: its code, its message and its line."""
    return (
        f'<span class="errors"><code>{d.code}</code> {one_line(d.message)}</span> '
        f'<span class="muted">(line {d.line})</span>'
    )


def _errors(n: int) -> str:
    from ...diagnostics import noun

    return f"{n:,} {noun(n, 'error')}"


RELIABILITY_TEXT: Final = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
"""The Admiralty source grades in words."""
CREDIBILITY_TEXT: Final = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
"""The Admiralty information grades in words."""


def grade(reliability: str | None) -> str:
    """A source grade with its words (``B, usually reliable``)."""
    if reliability is None:
        return '<span class="muted">not in the set</span>'
    return f"{esc(reliability)} ({RELIABILITY_TEXT.get(reliability, 'unknown grade')})"
