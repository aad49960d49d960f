"""Dates: nothing dated after the as-of date, or in the future; no retraction in the
future, nor before the item's own date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING

from .. import rules as R
from ..diagnostics import Diagnostic, diag
from ..model import Claim, Evidence, calendar_date
from .late import after_what, dated_finding, late_items

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from .options import CheckOptions


def future_dates(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    limit = options.as_of or options.today
    what = after_what(options.as_of)
    for noun, entities in (("claim", ls.claims), ("evidence", ls.evidence)):
        for entity in entities.values():
            model = entity.model
            assert isinstance(model, Claim | Evidence)
            if model.date is not None and calendar_date(model.date) > limit:
                yield dated_finding(entity, noun, what, options.as_of is None)
    # A retraction after an earlier as-of date is only later news; after today it is a
    # slip (an analyst saw one dated 2099 taken as done): what no assessment counts.
    for _, why, found in late_items(ls, options.today, options.as_of):
        if why == "retracted after today":
            yield found


def retracted_before_date(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """An item retracted before its own date: a slip in one of the two, and an item that
    counts as of no date (an analyst's review found it passed without a word)."""
    for entity in ls.evidence.values():
        model = entity.model
        assert isinstance(model, Evidence)
        retracted = model.retracted
        if model.date is None or isinstance(retracted, bool):
            continue
        if _before(retracted, model.date):
            yield diag(
                R.RETRACTED_BEFORE_DATE,
                entity.path,
                entity.value_span("retracted"),
                f"evidence '{model.id}' is retracted on {entity.node['retracted']}, before "
                f"its date {entity.node['date']}",
                hint="check the two dates: an item is withdrawn after it is published",
            )


def _before(a: date | datetime, b: date | datetime) -> bool:
    """``a`` before ``b``: as instants when both are date-times (each has its offset: a
    review saw 23:00Z read as before 00:30+02:00 the next day), else as calendar days."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a < b
    return calendar_date(a) < calendar_date(b)
