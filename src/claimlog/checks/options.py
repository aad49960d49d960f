"""What checks need besides the ledger set."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..credibility import Assessment
    from ..ledgerset import LedgerSet


@dataclass(frozen=True)
class CheckOptions:
    """What checks need besides the ledger set."""

    today: date
    as_of: date | None = None
    assessments: Callable[[], Mapping[str, Assessment]] | None = None
    """The set's assessments as of ``as_of`` (a run caches them); computed when None."""

    def assessed(self, ledger_set: LedgerSet) -> Mapping[str, Assessment]:
        if self.assessments is not None:
            return self.assessments()
        from ..credibility import assess

        return assess(ledger_set, self.as_of)
