"""Dates: nothing dated after the as-of date, or in the future."""

from __future__ import annotations

from collections.abc import Iterator
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
