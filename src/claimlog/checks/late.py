"""The items no assessment may count because they are dated, or retracted, after today
(CL401): shared by the dates check and the run that tells the assessment of them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from .. import rules as R
from ..diagnostics import Diagnostic, diag
from ..model import Entity, Evidence, calendar_date

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet


def late_items(ls: LedgerSet, today: date, as_of: date | None) -> list[tuple[str, str, Diagnostic]]:
    """The evidence dated, or retracted, after today (after an as-of date later than
    today: what the run takes for now), each with why no assessment can count it and
    the CL401 finding that says so (an item may have two: its date and its retraction).
    The run gives the assessment those whose finding it reports
    (:meth:`claimlog.pipeline.Run.late`): an analyst saw an item dated 2099 carry its
    claim to `supported`."""
    limit = latest(today, as_of)
    what = after_what(limit if limit != today else None)
    found: list[tuple[str, str, Diagnostic]] = []
    for eid, entity in ls.evidence.items():
        model = entity.model
        assert isinstance(model, Evidence)
        retracted = model.retracted
        if model.date is not None and calendar_date(model.date) > limit:
            # as future_dates reports it (after the as-of date, when one is given)
            shown = dated_finding(entity, "evidence", after_what(as_of), as_of is None)
            found.append((eid, "dated after today", shown))
        if not isinstance(retracted, bool) and calendar_date(retracted) > limit:
            shown = retracted_finding(entity, what, limit == today)
            found.append((eid, "retracted after today", shown))
    return found


def reasons(found: Iterable[tuple[str, str, Diagnostic]]) -> dict[str, str]:
    """Why each item of :func:`late_items` does not count: its first reason (its date
    before its retraction)."""
    out: dict[str, str] = {}
    for eid, why, _ in found:
        out.setdefault(eid, why)
    return out


def latest(today: date, as_of: date | None) -> date:
    return today if as_of is None else max(today, as_of)


def after_what(as_of: date | None) -> str:
    return "today" if as_of is None else f"the as-of date {as_of.isoformat()}"


def dated_finding(entity: Entity, noun: str, what: str, hint: bool) -> Diagnostic:
    return _finding(entity, "date", f"{noun} '{entity.id}' is dated", what, hint)


def retracted_finding(entity: Entity, what: str, hint: bool) -> Diagnostic:
    return _finding(entity, "retracted", f"evidence '{entity.id}' is retracted on", what, hint)


def _finding(entity: Entity, key: str, said: str, what: str, hint: bool) -> Diagnostic:
    """CL401 at ``key`` of ``entity``: "``said`` VALUE, after ``what``"."""
    return diag(
        R.FUTURE_DATE,
        entity.path,
        entity.value_span(key),
        f"{said} {entity.node[key]}, after {what}",
        hint="check the year" if hint else None,
    )
