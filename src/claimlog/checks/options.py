"""What checks need besides the ledger set."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from datetime import date
from functools import cache, partial
from typing import TYPE_CHECKING

from ..plaindata import dataclass

if TYPE_CHECKING:
    from ..credibility import Assessed, Assessment
    from ..ledgerset import LedgerSet


@dataclass(frozen=True)
class CheckOptions:
    """What checks need besides the ledger set."""

    today: date
    as_of: date | None = None
    assessments: Callable[[], Assessed] | None = None
    """The set's assessment as of ``as_of`` (a run caches it); computed when None."""
    ignored_in: Callable[[str], Collection[str]] | None = None
    """The codes the run's per-file ignores drop in a path (it drops them itself; the
    checks only need to know whether a root cause is reported)."""
    late: Mapping[str, str] | None = None
    """The items dated or retracted after today whose CL401 the run reports, with why
    they do not count (:meth:`claimlog.pipeline.Run.late`); when None, every such item
    (:func:`~claimlog.checks.late.late_items`)."""

    def late_of(self, ledger_set: LedgerSet) -> Mapping[str, str]:
        if self.late is not None:
            return self.late
        from .late import late_items, reasons

        return reasons(late_items(ledger_set, self.today, self.as_of))

    def sharing_assessment(self, ledger_set: LedgerSet) -> CheckOptions:
        """These options, the set's assessment computed at most once whichever checks
        read it (three rules' checks do: without this, a caller that gives no
        assessment paid for three), and the items after today once (the assessment,
        CL417 and the cascades read them)."""
        shared = self if self.late is not None else replace(self, late=self.late_of(ledger_set))
        if shared.assessments is not None:
            return shared
        return replace(shared, assessments=cache(partial(shared.assessed_set, ledger_set)))

    def assessed_set(self, ledger_set: LedgerSet) -> Assessed:
        if self.assessments is not None:
            return self.assessments()
        from ..credibility import assess_set

        return assess_set(ledger_set, self.as_of, explain=False, late=self.late_of(ledger_set))

    def assessed(self, ledger_set: LedgerSet) -> Mapping[str, Assessment]:
        return self.assessed_set(ledger_set).claims
