"""The credibility assessment: pure functions from a ledger set to assessments."""

from .engine import FLAG_TEXT, Assessment, ItemAssessment, assess
from .tables import icd203, percent, percent_points, quantize

__all__ = [
    "FLAG_TEXT",
    "Assessment",
    "ItemAssessment",
    "assess",
    "icd203",
    "percent",
    "percent_points",
    "quantize",
]
