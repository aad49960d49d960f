"""The credibility assessment: pure functions from a ledger set to assessments."""

from .assess import Assessed, assess, assess_set
from .engine import (
    ERROR_EXCLUSIONS,
    FLAG_TEXT,
    Assessment,
    GroupAssessment,
    ItemAssessment,
    Sensitivity,
)
from .tables import icd203, percent, percent_points, quantize

__all__ = [
    "ERROR_EXCLUSIONS",
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
