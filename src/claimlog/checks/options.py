"""What checks need besides the ledger set."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
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

    def assessed_set(self, ledger_set: LedgerSet) -> Assessed:
        if self.assessments is not None:
            return self.assessments()
        from ..credibility import assess_set

        return assess_set(ledger_set, self.as_of)

    def assessed(self, ledger_set: LedgerSet) -> Mapping[str, Assessment]:
        return self.assessed_set(ledger_set).claims
