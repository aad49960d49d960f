"""The credibility assessment: pure functions from a ledger set to assessments."""

from .engine import (
    FLAG_TEXT,
    Assessed,
    Assessment,
    GroupAssessment,
    ItemAssessment,
    Sensitivity,
    assess,
    assess_set,
)
from .tables import icd203, percent, percent_points, quantize

__all__ = [
    "FLAG_TEXT",
    "Assessed",
    "Assessment",
    "GroupAssessment",
    "ItemAssessment",
    "Sensitivity",
    "assess",
    "assess_set",
    "icd203",
    "percent",
    "percent_points",
    "quantize",
]
