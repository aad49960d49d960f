"""The credibility assessment: pure functions from a ledger set to assessments."""

from .assess import Assessed, assess, assess_set
from .engine import (
    FLAG_TEXT,
    Assessment,
    GroupAssessment,
    ItemAssessment,
    Sensitivity,
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
