"""Names that look like other names: ids, group names, affiliations, parties and tags.

Every name of the set is matched exactly: a party ``government-x`` and an
affiliation ``government-\u0445`` (its last letter Cyrillic) are two actors, so the
source stops counting as an interested party and nothing else says so. This check
reports each occurrence of a name that

* mixes scripts (Latin with Cyrillic, Greek, ...: Unicode TR39's "highly
  restrictive" profile, under which Latin with Han and Japanese kana, Han with
  Bopomofo, or Han with Hangul are one script);
* holds an invisible character (a format control, a variation selector, a filler);
* looks like another name of the set: the two have the same *skeleton* (TR39): each
  character replaced by the prototype it is confused with, before and after the
  compatibility decomposition (NFKD, which folds fullwidth and mathematical letters),
  without invisible characters, decomposed again; or differs from it only in case or
  in separators (``Islamic-State`` and ``islamic-state``, ``US government`` and
  ``us-government``: a tour saw the first make a source no party to its claim).

The prototypes are a compact table of the common look-alikes, written out by their
Unicode names below (the Cyrillic, Greek and Armenian letters that look Latin, the
dashes that look like a hyphen, ``0`` and ``O``, ``1``, ``I`` and ``l``, ``m`` and
``rn``) rather than the whole of TR39's confusables.txt: the names of a ledger are
short identifiers and tags, and this table needs no data file nor a dependency.

Of two look-alike names, the one reported is the suspect: the one with a problem of
its own (mixed scripts, an invisible character), else the one that is not plain
ASCII, else the one not spelt as the format writes names (lower case, single
hyphens), else the later in code point order; its finding names the other and where
it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Final

from .. import rules as R
from ..diagnostics import Diagnostic, Span, char_name, diag
from ..invisible import shows_as_nothing as invisible
from ..model import Claim, Entity, Source

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from .options import CheckOptions

# What each prototype is confused with, by Unicode character name.
_LOOK_ALIKES: Final[dict[str, tuple[str, ...]]] = {
    "a": ("CYRILLIC SMALL LETTER A", "GREEK SMALL LETTER ALPHA"),
    "c": ("CYRILLIC SMALL LETTER ES", "GREEK LUNATE SIGMA SYMBOL"),
    "d": ("CYRILLIC SMALL LETTER KOMI DE",),
    "e": ("CYRILLIC SMALL LETTER IE",),
    "g": ("LATIN SMALL LETTER SCRIPT G",),
    "h": ("CYRILLIC SMALL LETTER SHHA", "ARMENIAN SMALL LETTER HO"),
    "i": (
        "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I",
        "GREEK SMALL LETTER IOTA",
        "LATIN SMALL LETTER DOTLESS I",
    ),
    "j": ("CYRILLIC SMALL LETTER JE", "GREEK LETTER YOT"),
    "l": (
        "DIGIT ONE",
        "LATIN CAPITAL LETTER I",
        "VERTICAL LINE",
        "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I",
        "CYRILLIC LETTER PALOCHKA",
        "CYRILLIC SMALL LETTER PALOCHKA",
        "GREEK CAPITAL LETTER IOTA",
    ),
    "n": ("CYRILLIC SMALL LETTER PE", "ARMENIAN SMALL LETTER VO"),
    "o": (
        "CYRILLIC SMALL LETTER O",
        "GREEK SMALL LETTER OMICRON",
        "GREEK SMALL LETTER SIGMA",
        "ARMENIAN SMALL LETTER OH",
    ),
    "p": ("CYRILLIC SMALL LETTER ER", "GREEK SMALL LETTER RHO"),
    "q": ("CYRILLIC SMALL LETTER QA",),
    "r": ("CYRILLIC SMALL LETTER GHE",),
    "rn": ("LATIN SMALL LETTER M",),
    "s": ("CYRILLIC SMALL LETTER DZE",),
    "u": ("ARMENIAN SMALL LETTER SEH", "GREEK SMALL LETTER UPSILON"),
    "v": ("GREEK SMALL LETTER NU", "CYRILLIC SMALL LETTER IZHITSA"),
    "w": ("CYRILLIC SMALL LETTER WE", "GREEK SMALL LETTER OMEGA"),
    "x": ("CYRILLIC SMALL LETTER HA", "GREEK SMALL LETTER CHI", "MULTIPLICATION SIGN"),
    "y": ("CYRILLIC SMALL LETTER U", "GREEK SMALL LETTER GAMMA"),
    "A": ("CYRILLIC CAPITAL LETTER A", "GREEK CAPITAL LETTER ALPHA"),
    "B": ("CYRILLIC CAPITAL LETTER VE", "GREEK CAPITAL LETTER BETA"),
    "C": ("CYRILLIC CAPITAL LETTER ES", "GREEK CAPITAL LUNATE SIGMA SYMBOL"),
    "E": ("CYRILLIC CAPITAL LETTER IE", "GREEK CAPITAL LETTER EPSILON"),
    "H": ("CYRILLIC CAPITAL LETTER EN", "GREEK CAPITAL LETTER ETA"),
    "J": ("CYRILLIC CAPITAL LETTER JE",),
    "K": ("CYRILLIC CAPITAL LETTER KA", "GREEK CAPITAL LETTER KAPPA"),
    "M": ("CYRILLIC CAPITAL LETTER EM", "GREEK CAPITAL LETTER MU"),
    "N": ("GREEK CAPITAL LETTER NU",),
    "O": ("DIGIT ZERO", "CYRILLIC CAPITAL LETTER O", "GREEK CAPITAL LETTER OMICRON"),
    "P": ("CYRILLIC CAPITAL LETTER ER", "GREEK CAPITAL LETTER RHO"),
    "S": ("CYRILLIC CAPITAL LETTER DZE",),
    "T": ("CYRILLIC CAPITAL LETTER TE", "GREEK CAPITAL LETTER TAU"),
    "X": ("CYRILLIC CAPITAL LETTER HA", "GREEK CAPITAL LETTER CHI"),
    "Y": ("CYRILLIC CAPITAL LETTER STRAIGHT U", "GREEK CAPITAL LETTER UPSILON"),
    "Z": ("GREEK CAPITAL LETTER ZETA",),
    "-": (
        "HYPHEN",
        "NON-BREAKING HYPHEN",
        "FIGURE DASH",
        "EN DASH",
        "MINUS SIGN",
        "MODIFIER LETTER MINUS SIGN",
    ),
}

_SCRIPTS: Final = frozenset({
    "LATIN", "GREEK", "COPTIC", "CYRILLIC", "ARMENIAN", "GEORGIAN", "HEBREW", "ARABIC",
    "SYRIAC", "THAANA", "NKO", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA",
    "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "THAI", "LAO", "TIBETAN",
    "MYANMAR", "HANGUL", "ETHIOPIC", "CHEROKEE", "OGHAM", "RUNIC", "KHMER", "MONGOLIAN",
    "HIRAGANA", "KATAKANA", "BOPOMOFO", "YI", "VAI", "GLAGOLITIC", "TIFINAGH",
})  # fmt: skip
"""Scripts by the first word of their letters' Unicode names (others are found too:
see :func:`script`)."""
_WIDTH: Final = frozenset({"FULLWIDTH", "HALFWIDTH"})
_NOT_A_SCRIPT: Final = frozenset({
    "MODIFIER", "MATHEMATICAL", "SUPERSCRIPT", "SUBSCRIPT", "CIRCLED", "PARENTHESIZED",
    "SQUARED", "NEGATIVE", "SMALL", "CAPITAL", "COMBINING", "TAG",
})  # fmt: skip
_ONE_SCRIPT: Final = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
"""Scripts that mix in ordinary writing (TR39's highly restrictive profile)."""


@cache
def _prototypes() -> dict[int, str]:
    import unicodedata

    return {
        ord(unicodedata.lookup(name)): prototype
        for prototype, names in _LOOK_ALIKES.items()
        for name in names
    }


@cache
def _ascii_prototypes() -> dict[int, str]:
    return {cp: prototype for cp, prototype in _prototypes().items() if cp < 0x80}


def skeleton(text: str) -> str:
    """The TR39 skeleton of ``text`` under this module's table: equal skeletons look
    alike."""
    if text.isascii():  # no decomposition, nothing invisible: the table alone
        return text.translate(_ascii_prototypes())
    import unicodedata

    table = _prototypes()
    # Look-alikes are mapped before the compatibility decomposition (which turns some of
    # them into other letters: a lunate sigma into a final sigma) and after it (which
    # turns fullwidth and mathematical letters into the ones of the table).
    mapped = "".join(table.get(ord(c), c) for c in unicodedata.normalize("NFD", text))
    folded = unicodedata.normalize("NFKD", mapped)
    mapped = "".join(table.get(ord(c), c) for c in folded if not invisible(c))
    return unicodedata.normalize("NFD", mapped)


@cache
def script(ch: str) -> str | None:
    """The script of a letter or digit (from its Unicode name), None for characters
    common to all scripts (punctuation, ASCII digits, mathematical letters, marks)."""
    if ch.isascii():
        return "LATIN" if ch.isalpha() else None
    import unicodedata

    category = unicodedata.category(ch)
    if not (category.startswith("L") or category == "Nd"):
        return None
    words = unicodedata.name(ch, "").split()
    if words and words[0] in _WIDTH:
        words = words[1:]
    if not words:
        return None
    first = words[0].removesuffix("-INDIC")
    if first == "CJK":
        return "HAN"
    if first in _SCRIPTS:
        return first
    if first in _NOT_A_SCRIPT or not {"LETTER", "SYLLABLE", "DIGIT"} & set(words[1:]):
        return None
    return first  # a script of its own that the list above does not name


_SEPARATORS: Final = re.compile(r"[\s_.\-]+")
_CANONICAL: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A name spelt as the format writes names, whose :func:`loose` form is its skeleton."""


def loose(text: str) -> str:
    """What two names that differ only in case or in separators (``Islamic-State``,
    ``us government``, ``us_government``), or look alike once case-folded, have in
    common: the skeleton of the case-folded name, each run of spaces, underscores, dots
    and hyphens one hyphen. (Case-folded first: the skeleton of ``I`` is ``l``.)"""
    return _separated(skeleton(text.casefold()))


def canonical(text: str) -> bool:
    """Whether ``text`` is spelt as the format writes names: lower case, words joined
    by single hyphens."""
    return text == _SEPARATORS.sub("-", text.lower())


def _relation(text: str, other: str) -> str:
    """How ``text`` resembles ``other`` (their skeletons or :func:`loose` forms are
    equal): by case alone, by case and separators, else by look-alike letters."""
    if text.lower() == other.lower():
        return "differs only in case from"
    if _separated(text.casefold()) == _separated(other.casefold()):
        return "differs only in case or separators from"
    return "looks like"


def _separated(text: str) -> str:
    """``text`` with each run of separators one hyphen, none at the ends."""
    return _SEPARATORS.sub("-", text).strip("-")


def mixed_scripts(text: str) -> tuple[str, ...] | None:
    """The scripts ``text`` mixes (in order of appearance), None when it keeps to one."""
    seen: dict[str, None] = {}
    for ch in text:
        found = script(ch)
        if found is not None:
            seen.setdefault(found, None)
    if len(seen) < 2 or any(seen.keys() <= allowed for allowed in _ONE_SCRIPT):
        return None
    return tuple(seen)


Occurrence = tuple[str, Entity, str, int]
"""Where a name stands: (noun, entity, key, index): the value of ``key`` of ``entity``,
or its item ``index`` when the value is a list (-1 when it is not)."""

_OWNED: Final = {"affiliation": "source", "group": "claim", "party": "claim", "tag": "claim"}


def _what(text: str, occurrence: Occurrence) -> str:
    noun, entity = occurrence[0], occurrence[1]
    owner = _OWNED.get(noun)
    return f"{noun} '{text}'" + (f" of {owner} '{entity.id}'" if owner else "")


def _span(occurrence: Occurrence) -> Span:
    _, entity, key, index = occurrence
    return entity.value_span(key) if index < 0 else entity.item_span(key, index)


def _where(occurrence: Occurrence) -> str:
    line, column = _span(occurrence)[:2]
    return f"{occurrence[1].path}:{line}:{column}"


def _occurrences(ls: LedgerSet) -> Iterator[tuple[str, Occurrence]]:
    """Every id, group name, affiliation, party and tag of the set and where it
    stands, in file order."""
    for f in ls.files:
        for noun, entities in (
            ("source id", f.sources),
            ("claim id", f.claims),
            ("evidence id", f.evidence),
            ("group id", f.groups),
        ):
            for entity in entities:
                model = entity.model
                yield model.id, (noun, entity, "id", -1)
                if isinstance(model, Source):
                    for i, value in enumerate(model.affiliation):
                        yield value, ("affiliation", entity, "affiliation", i)
                elif isinstance(model, Claim):
                    if model.group is not None:
                        yield model.group, ("group", entity, "group", -1)
                    for i, value in enumerate(model.parties):
                        yield value, ("party", entity, "parties", i)
                    for i, value in enumerate(model.tags):
                        yield value, ("tag", entity, "tags", i)


def _place_key(occurrence: Occurrence) -> tuple[str, str, str, int, str]:
    """An order of the places of a name that neither the order of entries nor the file
    an entry is in changes: by entry id first (a test campaign: with the sources and the
    claims in two files, swapping the files' names made the message name a party of a
    claim instead of an affiliation of a source), the file last (a duplicated id)."""
    noun, entity, field, index = occurrence
    return str(entity.id), noun, field, index, entity.path


def _own_problems(text: str) -> list[str]:
    problems: list[str] = []
    if text.isascii():
        return problems  # one script, nothing invisible
    scripts = mixed_scripts(text)
    if scripts is not None:
        first = next(ch for ch in text if script(ch) not in (None, scripts[0]))
        listed = " and ".join(s.title() for s in scripts)
        problems.append(f"mixes {listed} letters ({char_name(first)})")
    # CL019 reports the character at its place too; this says what it does to the name
    hidden = next((ch for ch in text if invisible(ch)), None)
    if hidden is not None:
        problems.append(f"holds an invisible character ({char_name(hidden)})")
    return problems


def _suspects(ls: LedgerSet) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each distinct name's own problems, and the names alike (two or more to a key)."""
    problems: dict[str, list[str]] = {}
    first_of: dict[str, str] = {}  # each skeleton's first name
    first_loose: dict[str, str] = {}  # each loose form's (:func:`loose`)
    alike: dict[str, list[str]] = {}
    seen: set[str] = set()
    for text, _ in _occurrences(ls):
        if text in seen:
            continue
        seen.add(text)
        if found := _own_problems(text):
            problems[text] = found
        # Alike as written (TR39: `I` and `l`), or once case and separators are set
        # aside (of a name spelt as the format writes names, the same key).
        shape = skeleton(text)
        first = first_of.setdefault(shape, text)
        if first is not text:
            alike.setdefault(shape, [first]).append(text)
        shape = shape if _CANONICAL.fullmatch(text) else loose(text)
        first = first_loose.setdefault(shape, text)
        if first is not text:
            alike.setdefault("\0" + shape, [first]).append(text)
    return problems, alike


def confusable_names(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """Names that mix scripts, hide a character, or look like another name."""
    # Each distinct name is looked at once, and the places of only the names to report
    # are gathered (by a second walk): a list of places for every name of the set held
    # 4.9 MB at 2,000 claims, for the few names with a finding.
    problems, alike = _suspects(ls)
    wanted = problems.keys() | {text for texts in alike.values() for text in texts}
    if not wanted:
        return
    by_text: dict[str, list[Occurrence]] = {}
    for text, occurrence in _occurrences(ls):
        if text in wanted:
            by_text.setdefault(text, []).append(occurrence)

    def suspicion(t: str) -> tuple[bool, bool, bool, str]:
        # The text that looks like the others and is itself clean, plain and spelt as
        # the format writes names is the one they are compared with; between equals,
        # the first in code point order, never the first written, which shuffling
        # entries would change (nor which of a name's two groupings came last).
        return (t in problems, not t.isascii(), not canonical(t), t)

    looks_like: dict[str, tuple[str, Occurrence]] = {}
    for texts in alike.values():
        texts.sort(key=suspicion)
        for text in texts[1:]:
            known = looks_like.get(text)
            if known is None or suspicion(texts[0]) < suspicion(known[0]):
                # the place named: the first by entry id, whichever file holds it (a
                # property test: the first written changed with the order of entries)
                first = min(by_text[texts[0]], key=_place_key)
                looks_like[text] = (texts[0], first)
    for text in sorted(problems.keys() | looks_like.keys()):
        found = list(problems.get(text, []))
        hint = "write it in one script, without invisible characters"
        other = looks_like.get(text)
        if other is not None:
            found.append(f"{_relation(text, other[0])} {_what(*other)} (at {_where(other[1])})")
            hint = f"spell it as it is at {_where(other[1])}, or rename one of them"
        for occurrence in by_text[text]:
            yield diag(
                R.CONFUSABLE_NAME,
                occurrence[1].path,
                _span(occurrence),
                f"{_what(text, occurrence)} {' and '.join(found)}",
                hint=hint,
            )
