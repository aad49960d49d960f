"""Dates: nothing dated after the as-of date, or in the future."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, diag
from ..model import Claim, Evidence

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from . import CheckOptions


def calendar_date(value: date | datetime) -> date:
    """The calendar date of a date, or of a date-time in its own offset."""
    return value.date() if isinstance(value, datetime) else value


def future_dates(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    limit = options.as_of or options.today
    what = f"the as-of date {limit.isoformat()}" if options.as_of else "today"
    for noun, entities in (("claim", ls.claims), ("evidence", ls.evidence)):
        for entity in entities.values():
            model = entity.model
            assert isinstance(model, Claim | Evidence)
            if model.date is not None and calendar_date(model.date) > limit:
                yield diag(
                    "CL401",
                    entity.path,
                    entity.value_span("date"),
                    f"{noun} '{model.id}' is dated {entity.node['date']}, after {what}",
                    hint="check the year" if options.as_of is None else None,
                )
