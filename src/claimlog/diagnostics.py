"""The one Diagnostic type: a finding of one rule at one place of one file.

The rules themselves (codes, names, severities, documentation) are the named
constants of :mod:`claimlog.rules`; a finding is made with :func:`diag` from one of
them. Also here: the stable order of findings and the did-you-mean hint that
several findings and messages share.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import field
from itertools import islice

from .plaindata import dataclass
from .rules import RULES, RULES_BY_NAME, Rule, Severity, resolve_selector, select_rules

__all__ = [
    "RULES",
    "RULES_BY_NAME",
    "Diagnostic",
    "Fix",
    "Rule",
    "Severity",
    "Span",
    "Suggestions",
    "diag",
    "did_you_mean",
    "is_slip",
    "only_candidate",
    "resolve_selector",
    "select_rules",
    "sort_key",
    "without_places",
]

Span = tuple[int, int, int, int]
"""A region of a file: 1-based line and column, end line and end column (exclusive)."""


@dataclass(frozen=True, slots=True)
class Fix:
    """The one answer to a finding (``check --fix``): the scalar at ``span`` of the
    finding's file, which reads ``old``, becomes ``new`` (a key renamed, or a value
    replaced); its quotes, if it has any, are kept."""

    span: Span
    old: str
    new: str


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    code: str
    message: str
    end_line: int
    end_column: int
    severity: Severity
    hint: str | None = None
    fix: Fix | None = field(default=None, compare=False)
    """The fix of a finding with exactly one answer (never part of its identity)."""
    hidden: int = field(default=0, compare=False)
    """For the "and N more" line that stands for the findings of a rule in a file past
    ``max-findings-per-rule``: how many it stands for (N). Counts count them."""

    @property
    def rule(self) -> Rule:
        return RULES[self.code]


def noun(n: int, word: str, many: str | None = None) -> str:
    """The word for ``n`` of it: "item", "items" (``many`` where +s is wrong)."""
    return word if n == 1 else (many or word + "s")


def with_article(noun: str) -> str:
    """``noun`` with its indefinite article: "a source", "an evidence item"."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the word for it: "1 item", "2 items"."""
    return f"{n} {noun(n, word, many)}"


def counts(diagnostics: Sequence[Diagnostic]) -> dict[str, int]:
    """Findings by severity, those not shown past ``max-findings-per-rule`` included (the
    "and N more" line of a rule counts as its N, which are errors when one of them is)."""
    found = {"error": 0, "warning": 0}
    for d in diagnostics:
        found["error" if d.severity is Severity.ERROR else "warning"] += d.hidden or 1
    return found


def diag(
    rule: Rule,
    path: str,
    span: Span,
    message: str,
    hint: str | None = None,
    severity: Severity | None = None,
    fix: Fix | None = None,
) -> Diagnostic:
    """Make a finding of ``rule`` at ``span`` of ``path`` (with its ``fix``, if it has
    exactly one answer)."""
    line, column, end_line, end_column = span
    return Diagnostic(
        path=path,
        line=line,
        column=column,
        code=rule.code,
        message=bounded(message),
        end_line=end_line,
        end_column=end_column,
        severity=severity or rule.severity,
        hint=None if hint is None else bounded(hint),
        fix=fix,
    )


MAX_MESSAGE = 2_000
"""The longest message or hint a finding carries, in characters. Messages quote ids and
values from the ledger: a million-character id named in 300 findings made a 1 MB file
give 110 MB of output (and a 12 MB one run out of memory)."""


def bounded(text: str) -> str:
    """``text``, or its start and end around a note of how much is left out when it is
    longer than :data:`MAX_MESSAGE`."""
    if len(text) <= MAX_MESSAGE:
        return text
    keep = MAX_MESSAGE // 2 - 40
    cut = len(text) - 2 * keep
    return f"{text[:keep]} [... {cut:,} characters not shown ...] {text[-keep:]}"


_LINE_OF_PLACE = r"(\bline |\.ya?ml:)\d+(?::\d+)?"
"""The line (and column) of a place a message quotes: 'a.yaml:12', 'a.yaml:12:5', 'line 4'."""
_PLACE = r"\S+\.ya?ml(?::\d+)*|\bline \d+"
"""A place a message quotes, file and line: 'ledgers/a.yaml:12', 'line 4'."""


def without_places(message: str, files: bool = False) -> str:
    """``message`` with the lines of the places it quotes replaced by ``#``
    ('the one at ledgers/a.yaml:#', 'first defined at line #'): what stays the same when
    lines move (text added above), and so what tells one finding from another across
    runs (the fingerprints of SARIF and GitLab, the findings ``diff`` compares). With
    ``files``, the file of a place too (the whole place is ``#``): for a finding whose
    file was renamed or whose entry moved to another file."""
    if files:
        return re.sub(_PLACE, "#", message)  # compiled on first use (start-up)
    return re.sub(_LINE_OF_PLACE, r"\1#", message)


FindingKey = tuple[str, int, int, str, str, int, int, bool, str, str]


def sort_key(d: Diagnostic) -> FindingKey:
    """The order of findings: a total order over every field of a finding (place,
    code, message, end, hint, severity), so that two different findings never compare
    equal and the order never depends on how they were collected (set and hash order
    vary with PYTHONHASHSEED)."""
    return (
        d.path,
        d.line,
        d.column,
        d.code,
        d.message,
        d.end_line,
        d.end_column,
        d.hint is not None,
        d.hint or "",
        d.severity.value,
    )


def char_name(ch: str) -> str:
    """``ch`` as ``U+200B ZERO WIDTH SPACE``."""
    import unicodedata

    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')}"


def only_candidate(word: str, options: Iterable[str]) -> str | None:
    """The one option that ``word`` is a slip for (:func:`is_slip`), among those
    did-you-mean hints find; None when none is, or more than one: a fix needs exactly
    one answer, and one that cannot change what the ledger says."""
    return Suggestions(options).only(word)


def _similarity(word: str, option: str) -> float:
    """How close ``option`` is to ``word``, as :func:`difflib.get_close_matches` ranks."""
    return difflib.SequenceMatcher(None, word, option).ratio()


_SEPARATORS = re.compile(r"[-_\s\u2010-\u2015\u2212]+")
"""What separates the words of an id or a value: '-', '_', white space, and the dashes
a pasted text brings (U+2010-U+2015, U+2212)."""
_ROMAN = re.compile(r"m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
"""A Roman numeral (``ii``, ``xiv``): ``phase-ii`` and ``phase-iii`` are two phases."""


def _word_by_word(word: str, option: str) -> bool:
    """Whether ``option`` may be what ``word`` meant, word by word: of two ids of as
    many words, no two words of letters alike in place may be far apart (a tour:
    'ashimv-wife' was told "did you mean 'ashimov-friend'?", another person, since
    the two texts are 0.64 alike). Numbers and labels are left to the hint's own
    rules ('ev-3' may be a new item beside 'ev-1', 'src-zz' beside 'src-a')."""
    mine, theirs = _SEPARATORS.split(word.casefold()), _SEPARATORS.split(option.casefold())
    if len(mine) != len(theirs) or len(mine) < 2:
        return True
    return all(
        a == b or not _a_word(a) or not _a_word(b) or _similarity(a, b) >= WORD_LIKENESS
        for a, b in zip(mine, theirs, strict=True)
    )


def _a_word(text: str) -> bool:
    """Three letters or more: a word, not a number or a label ('a', 'zz', 'ii')."""
    return len(text) >= 3 and text.isalpha()


WORD_LIKENESS = 0.5
"""How alike two words in the same place of two ids must be for one to be suggested for
the other: 'wife' and 'friend' are 0.4, 'alpah' and 'alpha' 0.8, 'iran' and 'iraq'
0.75."""


def _joined(word: str) -> str:
    """``word`` case folded, each run of separators one ``-``."""
    return _SEPARATORS.sub("-", word.casefold())


def is_slip(written: str, meant: str, letters: bool = True) -> bool:
    """Whether ``meant`` differs from ``written`` only as a slip of the keyboard, which a
    fix may mend without asking: in case or separators (``-``, ``_``, spaces, dashes;
    not between two digits: ``ev-1-2`` is not ``ev-12``), or by one letter of one word,
    not its first: added or dropped in a word of four letters or more (``reuter``,
    ``suports``), swapped with its neighbour in one of five or more (``alpah``),
    changed in one of six or more (``refuted``), in a text of five characters or more.
    Not a word, a prefix or a first letter added or dropped (``unsupported``, ``claim-not-a``,
    ``amoral``, ``there``), a letter changed in a short word (``iran``/``iraq``,
    ``dead``/``deaf``), a Roman numeral (``phase-ii``), a short id (``afp`` for
    ``ap``), another number or label (``ev-2``, ``src-aa``): those may be another entity
    or the opposite meaning. A did-you-mean hint may still name them; the writer
    decides. Without ``letters``, only case and separators: for ids, whose words are
    anyone's (``device-planted`` is not ``device-planned``, a review)."""
    a = [w for w in _SEPARATORS.split(written.casefold()) if w]
    b = [w for w in _SEPARATORS.split(meant.casefold()) if w]
    if "".join(a) == "".join(b):  # 'ev-1-2' is not 'ev-12'; 'EV-2024-05-03' is 'ev-2024-05-03'
        return _DIGITS.findall("-".join(a)) == _DIGITS.findall("-".join(b))
    if not letters or len(a) != len(b) or max(len(written), len(meant)) < 5:
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    if not (x.isalpha() and y.isalpha()) or _ROMAN.fullmatch(x) or _ROMAN.fullmatch(y):
        return False
    if x[0] != y[0]:
        return False  # a first letter changed, added or dropped: another word
    if len(x) == len(y):  # a letter changed (six letters or more), or two swapped (five)
        swapped = sum(p != q for p, q in zip(x, y, strict=True)) == 2
        return len(x) >= (5 if swapped else 6) and _one_edit(x, y)
    return min(len(x), len(y)) >= 4 and _one_edit(x, y)


_DIGITS = re.compile(r"[0-9]+")


def _one_edit(x: str, y: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped (x != y)."""
    if len(x) == len(y):
        differ = [i for i in range(len(x)) if x[i] != y[i]]
        if len(differ) == 1:
            return True
        return (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and (x[differ[0]], x[differ[1]]) == (y[differ[1]], y[differ[0]])
        )
    short, long = sorted((x, y), key=len)
    if len(long) - len(short) != 1:
        return False
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """A hint naming the closest option to ``word``, if one is close. For many words
    against one set of options, build :class:`Suggestions` once instead."""
    return Suggestions(options).hint(word)


class Suggestions:
    """Did-you-mean hints against one set of options, in bounded work per word.

    Up to :attr:`SMALL` options, every option is compared with the word
    (``difflib.get_close_matches``, cutoff 0.6). Over that, only a bounded set of
    candidates is: the options that share the most of the word's rarest character
    trigrams (reading at most :attr:`BUDGET` index entries), the options next to
    the word in sorted order of the reversed texts (a typo near the start), and when
    those are few, the options next to it in sorted order (a typo near the end).
    Comparing a word costs the same whatever the number of options, so
    1,000 unknown ids against 100,000 sources is not 10^8 comparisons; the index is
    built on the first word that needs it.
    """

    SMALL = 200
    BUDGET = 1024
    CANDIDATES = 3
    NEIGHBOURS = 1

    def __init__(self, options: Iterable[str]) -> None:
        self._given: Iterable[str] | None = options
        self._options: list[str] = []
        self._grams: dict[str, list[int]] | None = None
        self._reversed: list[tuple[str, int]] = []
        self._folded: dict[str, list[str]] | None = None
        self._joined: dict[str, list[str]] = {}

    @property
    def options(self) -> list[str]:
        """The options, sorted, each once."""
        if self._given is not None:
            self._options = sorted(set(self._given))
            self._given = None
        return self._options

    def hint(self, word: str, exclude: str | None = None) -> str | None:
        """``did you mean '...'?`` naming the closest option to ``word`` other than
        ``exclude`` (both, when two differ from it only in case), or None when none is
        close."""
        return self.phrase(self.near(word, exclude), word)

    @staticmethod
    def phrase(matches: list[str], word: str | None = None) -> str | None:
        """The hint naming the closest of ``matches`` (from :meth:`near`, closest
        first), and those that differ from it only in case or are as close to ``word``
        (naming one would pick at random: 'srcX' is as close to 'src1' as to 'src2'),
        up to three, in text order."""
        if not matches:
            return None
        first = matches[0]
        top = _similarity(word, first) if word is not None else None
        tied = [
            m
            for m in matches
            if m.casefold() == first.casefold()
            or (word is not None and _similarity(word, m) == top)
        ]
        if len(tied) < 2:
            return f"did you mean '{first}'?"
        names = [f"'{m}'" for m in sorted(tied)[:3]]
        return f"did you mean {', '.join(names[:-1])} or {names[-1]}?"

    def near(self, word: str, exclude: str | None = None, n: int = 2) -> list[str]:
        """The ``n`` options closest to ``word`` (fewer when fewer are close), closest
        first: what :meth:`hint` and :meth:`only` decide on, for a caller that wants
        both at the cost of one search."""
        return self._close(word, exclude, n)

    def only(self, word: str, exclude: str | None = None) -> str | None:
        """The one option other than ``exclude`` that ``word`` is a slip for
        (:func:`is_slip`), among the closest; None when there is none, or more than one."""
        return self.slip(word, self.near(word, exclude))

    @staticmethod
    def slip(word: str, matches: list[str], letters: bool = True) -> str | None:
        """The one of ``matches`` (from :meth:`near`) that ``word`` is a slip for
        (:func:`is_slip`)."""
        slips = [m for m in matches if is_slip(word, m, letters)]
        return slips[0] if len(slips) == 1 else None

    def _close(self, word: str, exclude: str | None, n: int) -> list[str]:
        if self._folded is None:  # the same word in another case first: 'b' is 'B'
            self._folded = {}
            for option in self.options:
                self._folded.setdefault(option.casefold(), []).append(option)
                self._joined.setdefault(_joined(option), []).append(option)
        # The first n, not all: 20,000 ids that differ only in case made each lookup
        # walk all of them (25 s).
        for found in (self._folded.get(word.casefold(), ()), self._joined.get(_joined(word), ())):
            # then in its separators: 'src_2' is 'src-2' (among 1,000 ids the bounded
            # candidates had missed it and named 'src-992')
            same = list(islice((o for o in found if o not in (word, exclude)), n))
            if same:
                return same
        options = self.options
        if len(options) <= self.SMALL:
            candidates = [o for o in options if o != exclude]
        else:
            candidates = [o for o in self._candidates(word) if o != exclude]
        found = difflib.get_close_matches(word, candidates, n=n + 2, cutoff=0.6)
        return [m for m in found if _word_by_word(word, m)][:n]

    @staticmethod
    def _trigrams(word: str) -> set[str]:
        padded = f"\x02{word}\x03"
        return {padded[i : i + 3] for i in range(len(padded) - 2)}

    def _candidates(self, word: str) -> list[str]:
        options = self.options
        if self._grams is None:
            grams: dict[str, list[int]] = {}
            for i, option in enumerate(options):
                for gram in self._trigrams(option):
                    grams.setdefault(gram, []).append(i)
            self._grams = grams
            self._reversed = sorted((o[::-1], i) for i, o in enumerate(options))
        index = self._grams
        postings = sorted(
            (p for p in map(index.get, self._trigrams(word)) if p), key=lambda p: (len(p), p[0])
        )
        counts: Counter[int] = Counter()
        spent = 0
        for posting in postings:
            if spent and spent + len(posting) > self.BUDGET:
                break
            counts.update(posting[: self.BUDGET])
            spent += len(posting)
        chosen = {i for i, _ in counts.most_common(self.CANDIDATES)}
        near = self.NEIGHBOURS
        at = bisect_left(self._reversed, (word[::-1], -1))
        chosen.update(i for _, i in self._reversed[max(0, at - near) : at + near])
        if len(chosen) < self.CANDIDATES + 2 * near:  # few shared trigrams
            at = bisect_left(options, word)
            chosen.update(range(max(0, at - near), min(len(options), at + near)))
        return [options[i] for i in sorted(chosen)]
