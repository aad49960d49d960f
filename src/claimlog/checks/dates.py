"""Dates: nothing dated after the as-of date, or in the future; no retraction in the
future."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from .. import rules as R
from ..diagnostics import Diagnostic, diag
from ..model import Claim, Evidence, calendar_date

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from .options import CheckOptions


def future_dates(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    limit = options.as_of or options.today
    what = f"the as-of date {limit.isoformat()}" if options.as_of else "today"
    for noun, entities in (("claim", ls.claims), ("evidence", ls.evidence)):
        for entity in entities.values():
            model = entity.model
            assert isinstance(model, Claim | Evidence)
            if model.date is not None and calendar_date(model.date) > limit:
                yield diag(
                    R.FUTURE_DATE,
                    entity.path,
                    entity.value_span("date"),
                    f"{noun} '{model.id}' is dated {entity.node['date']}, after {what}",
                    hint="check the year" if options.as_of is None else None,
                )
    if options.as_of is not None and options.as_of > options.today:
        yield from _future_retractions(ls, options.as_of, f"the as-of date {options.as_of}")
    else:
        yield from _future_retractions(ls, options.today, "today")


def _future_retractions(ls: LedgerSet, limit: date, what: str) -> Iterator[Diagnostic]:
    """A retraction dated after today, or after an as-of date later than today (after
    an earlier as-of date it is only later news). The assessment counts no such item
    (an analyst saw a retraction dated 2099 taken as done, while an item dated 2099
    counted as published)."""
    for entity in ls.evidence.values():
        model = entity.model
        assert isinstance(model, Evidence)
        retracted = model.retracted
        if not isinstance(retracted, bool) and calendar_date(retracted) > limit:
            yield diag(
                R.FUTURE_DATE,
                entity.path,
                entity.value_span("retracted"),
                f"evidence '{model.id}' is retracted on {entity.node['retracted']}, after {what}",
                hint="check the year",
            )


def retracted_before_date(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """An item retracted before its own date: a slip in one of the two, and an item that
    counts as of no date (an analyst's review found it passed without a word)."""
    for entity in ls.evidence.values():
        model = entity.model
        assert isinstance(model, Evidence)
        retracted = model.retracted
        if model.date is None or isinstance(retracted, bool):
            continue
        if calendar_date(retracted) < calendar_date(model.date):
            yield diag(
                R.RETRACTED_BEFORE_DATE,
                entity.path,
                entity.value_span("retracted"),
                f"evidence '{model.id}' is retracted on {entity.node['retracted']}, before "
                f"its date {entity.node['date']}",
                hint="check the two dates: an item is withdrawn after it is published",
            )
