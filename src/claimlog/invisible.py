"""Characters that hide text: they show as nothing, in a terminal, a diff or a browser,
and have no part in writing any language.

Zero-width spaces and word joiners, the byte order mark inside a text, the Mongolian
vowel separator, deprecated format controls, interlinear annotation marks, Hangul
fillers and Unicode tag characters (which spell a whole hidden text in letters no
font draws: "ASCII smuggling"). The loader reports each in a file (CL019), every output
writes them as visible escapes (:mod:`claimlog.render.safe`), and quotes are compared
without them (:func:`claimlog.credibility.origins.quote_words`).

Left out on purpose, because text needs them: the zero-width joiner and non-joiner
(Persian, Indic scripts, emoji sequences), the soft hyphen, variation selectors; and the
bidirectional controls and hidden line breaks, which are CL015's.
"""

from __future__ import annotations

from typing import Final

RANGES: Final[tuple[tuple[int, int], ...]] = (
    (0x115F, 0x1160),  # HANGUL CHOSEONG / JUNGSEONG FILLER
    (0x180E, 0x180E),  # MONGOLIAN VOWEL SEPARATOR
    (0x200B, 0x200B),  # ZERO WIDTH SPACE
    (0x2060, 0x2064),  # WORD JOINER .. INVISIBLE PLUS
    (0x206A, 0x206F),  # deprecated format controls
    (0x3164, 0x3164),  # HANGUL FILLER
    (0xFEFF, 0xFEFF),  # ZERO WIDTH NO-BREAK SPACE (a byte order mark inside a text)
    (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER
    (0xFFF9, 0xFFFB),  # INTERLINEAR ANNOTATION ANCHOR .. TERMINATOR
    (0xE0001, 0xE0001),  # LANGUAGE TAG
    (0xE0020, 0xE007F),  # TAG SPACE .. CANCEL TAG
)
"""The hiding characters, as inclusive ranges of code points."""

CLASS: Final = "".join(f"{chr(a)}-{chr(b)}" for a, b in RANGES)
"""The inside of a regular expression's character class of :data:`RANGES`."""

PATTERN: Final = f"[{CLASS}]"
"""A regular expression of one of :data:`RANGES` (compiled where used)."""

CODES: Final = frozenset(c for a, b in RANGES for c in range(a, b + 1))
"""Every hiding code point."""


def escape(code: int) -> str:
    """How a hiding character is shown: ``\\u200b``, ``\\U000e0041``."""
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def shows_as_nothing(ch: str) -> bool:
    """Whether ``ch`` shows as nothing, in the wider sense that comparisons use: a
    format control (zero-width space and joiners, bidi controls, soft hyphen, tags...),
    a variation selector, the combining grapheme joiner, a Hangul filler. (CL019 reports
    only :data:`CODES`, which hide text and no script needs.)"""
    import unicodedata

    cp = ord(ch)
    return (
        unicodedata.category(ch) == "Cf"
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
        or cp in (0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0)
    )
