"""Every constant of the assessment, in one place (docs/credibility.md explains each).

The engine weighs evidence in decibans (dB): ten times the base-10 logarithm of
a likelihood ratio, I. J. Good's weight of evidence. 10 dB is a likelihood
ratio of 10: the item is ten times as likely to be seen if the claim is true as
if it is false.
"""

from __future__ import annotations

import math
from typing import Final

RELIABILITY: Final[dict[str, float]] = {
    "A": 1.00,  # completely reliable
    "B": 0.85,  # usually reliable
    "C": 0.60,  # fairly reliable
    "D": 0.30,  # not usually reliable
    "E": 0.15,  # unreliable: known to be wrong more often than not
    "F": 0.25,  # cannot be judged: unknown, not bad; between D and E, never below E
}
"""Admiralty source grade -> how far the source's word is taken (0..1)."""

CREDIBILITY: Final[dict[int, float]] = {
    1: 1.00,  # confirmed by other sources
    2: 0.85,  # probably true
    3: 0.60,  # possibly true
    4: 0.30,  # doubtful
    5: 0.15,  # improbable
    6: 0.25,  # truth cannot be judged: unknown, not improbable; between 4 and 5
}
"""Admiralty information grade -> how far the item itself is taken (0..1)."""

GRADE_ORDER: Final = ("A", "B", "C", "D", "E")
INFORMATION_ORDER: Final = ("1", "2", "3", "4", "5")
"""The grades that have neighbours one notch away (F and 6, "cannot be judged",
have none: an unknown grade is not one notch from a known one)."""

STANCE: Final[dict[str, tuple[int, float]]] = {
    "strongly-supports": (1, 12.0),  # ACH "CC"
    "supports": (1, 6.0),  # ACH "C"
    "neutral": (0, 0.0),  # ACH "N": bears on the claim, says nothing of its truth
    "refutes": (-1, 6.0),  # ACH "I"
    "strongly-refutes": (-1, 12.0),  # ACH "II"
}
"""Stance -> (direction, weight in dB of an ordinary item of quality 1)."""

OTHER_WAY: Final[dict[str, str]] = {
    "supports": "refutes",
    "strongly-supports": "strongly-refutes",
    "refutes": "supports",
    "strongly-refutes": "strongly-supports",
}
"""A mark on one claim of an exhaustive pair, as a mark on the other: of two answers
one of which is true, what supports one refutes the other."""

DECISIVE: Final[dict[float, float]] = {6.0: 30.0, 12.0: 40.0}
"""The weight in dB of a decisive item of quality 1, by the weight of its stance:
30 dB (a likelihood ratio of 1,000) for 'supports', 40 dB (10,000) for 'strongly'."""

WEAK_TEST: Final = 0.5
"""The share of its ordinary weight a test keeps in its weak direction: passing a
hoop test, or a smoking gun that is absent (a refuting stance)."""

DECISIVE_DIRECTIONS: Final[dict[str, frozenset[int]]] = {
    "straw": frozenset(),
    "hoop": frozenset({-1}),
    "smoking-gun": frozenset({1}),
    "doubly-decisive": frozenset({1, -1}),
}
"""Test type -> the stance directions in which the item is decisive."""

WEAK_DIRECTIONS: Final[dict[str, frozenset[int]]] = {
    "straw": frozenset(),
    "hoop": frozenset({1}),
    "smoking-gun": frozenset({-1}),
    "doubly-decisive": frozenset(),
}
"""Test type -> the stance directions in which the item proves little."""

RELAY_BASE: Final = 0.90
"""A relay keeps at least this share of an item's quality; a perfect relay keeps all
of it: the share is RELAY_BASE + (1 - RELAY_BASE) x the relay's reliability."""

INTEREST: Final[dict[str, float]] = {
    "none": 1.0,  # no stake in the claim
    "party": 0.5,  # a party to the claim, direction of its interest unknown
    "self-serving": 0.2,  # a claimant supporting, or the accused denying: expected anyway
    "admission": 1.0,  # a party speaking against its own side: as good as a neutral word
}
"""Interest -> the share of its quality an item keeps (before a decisive test lifts
it, so a self-serving statement is never decisive)."""

SATURATION: Final = 3.0
"""The evidence on one side of a claim never exceeds this many times its strongest
line of reporting: volume of weak evidence saturates."""

PRIOR_DB: Final = 10.0
"""The weight of the prior in dB, for the belief/disbelief/uncertainty split:
u = PRIOR_DB / (for + against + PRIOR_DB)."""

CREDIBLE_DB: Final = 2.0
"""A side of the evidence is credible when it weighs at least this (one C3 item
that supports: 0.6 x 0.6 x 6 = 2.16 dB)."""

CONTESTED_RATIO: Final = 0.25
"""Contested: both sides credible and the weaker at least this share of the stronger."""

SUPPORTED_AT: Final = 0.70
REFUTED_AT: Final = 0.30
"""Verdict thresholds on the probability (see ``verdict_rule``)."""

SENSITIVITY_LIMIT: Final = 20
"""At most this many sensitivity entries per claim (the strongest first)."""

QUADRATURE_PIECES: Final = 16
QUADRATURE_POINTS: Final = 8
"""Contributions in a group: Gauss-Legendre quadrature on this many pieces of the
path from the prior, with this many points each."""

DB: Final = math.log(10.0) / 10.0
"""Natural-log units per dB."""


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


PRIOR_LABEL: Final = "prior only, no evidence"
"""The label of a claim on which nothing moved: its probability is the prior, not a
finding, so it gets no likelihood word."""


def percent_points(probability: float) -> int:
    """A whole number of percent, rounded down: a shown 70% has reached 0.70, and the
    shown percentages of a group never add up to more than 100%. Of the probability as
    JSON shows it and as the label reads it (:func:`icd203`): "likely (79%)" for
    P = 0.799999999, never "very likely (79%)"."""
    return math.floor(quantize(probability, 6) * 100 + 1e-9)


def percent(probability: float) -> str:
    """``percent_points`` with its sign: ``"79%"``; just above 55% or 95% with the
    decimals that show it (:func:`beyond_edge`)."""
    return beyond_edge(percent_points(probability), probability, 0)


def percent_tenths(probability: float) -> str:
    """A percentage with one decimal, rounded down (:func:`quantize`), as ``show`` and
    the verdict rule give it: ``"55.7%"``; just above 55% or 95% with the decimals that
    show it (:func:`beyond_edge`): ``"55.009%"``, never ``"likely (55.0%)"``."""
    return beyond_edge(round(quantize(probability, 3) * 100, 1), probability, 1)


_EDGES: Final = (55, 95)
"""The percentages above which a label changes above the whole number (:func:`icd203`)."""


def beyond_edge(shown: float, probability: float, places: int) -> str:
    """``shown`` (``probability`` as a percentage rounded down to ``places`` decimals) as
    text, unless it sits on 55% or 95% while the probability is above: then with the
    decimals that show it is above, rounded down too: "likely (55.7%)", never "likely
    (55%)", which the table of labels puts under "roughly even chance"."""
    exact = quantize(probability, 6) * 100  # the value the label is given for
    if shown in _EDGES and exact > shown:
        whole = math.floor(exact + 1e-6)
        if whole > shown:  # within a hair of the next whole number
            return f"{whole:.{places}f}%"
        for more in range(places + 1, 5):
            finer = math.floor(exact * 10**more + 1e-6) / 10**more
            if finer > shown:
                return f"{finer:.{more}f}%"
    return f"{shown:.{places}f}%"


def quantize(p: float, places: int = 9) -> float:
    """A probability rounded down to ``places`` decimals (with a hair of tolerance for
    binary fractions such as 0.3): rounding down keeps a group's sum at most 1. The
    tolerance is 1e-3 of the last place, and at most 1e-10 of the probability: fewer
    places round down what more places kept (0.799999999 is 0.799999 at six places,
    as JSON shows it and the label reads it; never 0.8)."""
    scale = float(10**places)
    return math.floor(p * scale + min(1e-3, 1e-10 * scale)) / scale
