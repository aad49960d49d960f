"""Every constant of the assessment, in one place (docs/credibility.md explains each)."""

from __future__ import annotations

import math
from typing import Final

RELIABILITY: Final[dict[str, float]] = {
    "A": 0.95,  # completely reliable: never 1, no source is beyond error
    "B": 0.80,  # usually reliable
    "C": 0.60,  # fairly reliable
    "D": 0.40,  # not usually reliable
    "E": 0.20,  # unreliable
    "F": 0.15,  # cannot be judged: the least weight, so grading a source never lowers it
}
"""Admiralty source grade -> how far the source's word is taken (0..1)."""

CREDIBILITY: Final[dict[int, float]] = {
    1: 0.95,  # confirmed by other sources
    2: 0.80,  # probably true
    3: 0.60,  # possibly true
    4: 0.40,  # doubtful
    5: 0.20,  # improbable
    6: 0.15,  # truth cannot be judged
}
"""Admiralty information grade -> how far the item itself is taken (0..1)."""

STANCE: Final[dict[str, tuple[int, float]]] = {
    "strongly-supports": (1, 1.0),  # ACH "CC"
    "supports": (1, 0.5),  # ACH "C"
    "neutral": (0, 0.0),  # ACH "N": bears on the claim, says nothing of its truth
    "refutes": (-1, 0.5),  # ACH "I"
    "strongly-refutes": (-1, 1.0),  # ACH "II"
}
"""Stance -> (direction, strength)."""

EVIDENCE_UNITS: Final = 6.0
"""Units of evidence carried by a strongly-stated item of weight 1 (A source, grade 1)."""

PRIOR_WEIGHT: Final = 2.0
"""W: the weight of the prior, in evidence units (2 is the non-informative Beta prior)."""

RELAY_BASE: Final = 0.85
"""A relay keeps at least this share of an item's weight; a perfect relay keeps all of it."""

INTEREST_DISCOUNT: Final = 0.5
"""The share of its weight an item keeps when its origin is affiliated with a claim's party."""

CREDIBLE_WEIGHT: Final = 0.2
"""An item weighing at least this is credible (e.g. C3 = 0.36, B4 = 0.32, D3 = 0.24)."""

SUPPORTED_AT: Final = 0.70
REFUTED_AT: Final = 0.30
CONTESTED_SUPPORTED_AT: Final = 0.80
CONTESTED_REFUTED_AT: Final = 0.20
MAX_UNCERTAINTY: Final = 0.50
"""Verdict thresholds: supported at P >= 0.70, refuted at P <= 0.30, and only when the
uncertainty is at most 0.50 (at least two units of evidence). When credible evidence
points both ways (contested) the margin must be clearer: very likely (P >= 0.80) to be
supported, very unlikely (P <= 0.20) to be refuted; otherwise disputed. Unverified when
there is too little evidence either way."""


def icd203(probability: float) -> str:
    """The ICD 203 expression of likelihood of a probability (as rounded for display):
    almost no chance < 5% <= very unlikely < 20% <= unlikely < 45% <= roughly even
    chance <= 55% < likely < 80% <= very likely <= 95% < almost certain."""
    p = quantize(probability, 6)  # the value JSON shows
    if p < 0.05:
        return "almost no chance"
    if p < 0.20:
        return "very unlikely"
    if p < 0.45:
        return "unlikely"
    if p <= 0.55:
        return "roughly even chance"
    if p < 0.80:
        return "likely"
    if p <= 0.95:
        return "very likely"
    return "almost certain"


def percent_points(probability: float) -> int:
    """A whole number of percent, rounded down: a shown 70% has reached 0.70, and the
    shown percentages of a group never add up to more than 100%."""
    return math.floor(probability * 100 + 1e-9)


def percent(probability: float) -> str:
    """``percent_points`` with its sign: ``"79%"``."""
    return f"{percent_points(probability)}%"


def quantize(p: float, places: int = 9) -> float:
    """A probability rounded down to ``places`` decimals (with a hair of tolerance for
    binary fractions such as 0.3): rounding down keeps a group's sum at most 1."""
    scale = float(10**places)
    return math.floor(p * scale + 1e-3) / scale
