"""Consistency checks over a loaded ledger set.

Each check is a pure function ``(ledger_set, options) -> diagnostics``; they are
listed once in :data:`CHECKS`, with the rule codes each one can emit (the rule
table in :mod:`claimlog.diagnostics` documents every code). File and schema
findings are produced earlier, by the loader and the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ..diagnostics import Diagnostic, sort_key
from ..ledgerset import LedgerSet
from . import assessment, dates, logic, provenance, references, suppressions


@dataclass(frozen=True)
class CheckOptions:
    """What checks need besides the ledger set."""

    today: date
    as_of: date | None = None


Check = Callable[[LedgerSet, CheckOptions], Iterator[Diagnostic]]

CHECKS: tuple[tuple[Check, tuple[str, ...]], ...] = (
    (references.duplicate_ids, ("CL202",)),
    (references.unknown_references, ("CL201",)),
    (provenance.circular_reporting, ("CL301",)),
    (provenance.relay_chains, ("CL302", "CL303")),
    (dates.future_dates, ("CL401",)),
    (logic.group_verdicts, ("CL402",)),
    (logic.group_priors, ("CL403", "CL404")),
    (logic.claims_without_evidence, ("CL405", "CL407")),
    (logic.unused_sources, ("CL406",)),
    (assessment.assessed_claims, ("CL408", "CL409", "CL410", "CL411", "CL412")),
)


def run_checks(
    ledger_set: LedgerSet, options: CheckOptions, enabled: Iterable[str] | None = None
) -> list[Diagnostic]:
    """Every finding of the set, file and schema findings included, in a stable order."""
    wanted = set(enabled) if enabled is not None else None
    found = list(ledger_set.file_diagnostics)
    for check, codes in CHECKS:
        if wanted is None or wanted.intersection(codes):
            found.extend(check(ledger_set, options))
    found = suppressions.apply(found, ledger_set, wanted)
    if wanted is not None:
        found = [d for d in found if d.code in wanted]
    return sorted(set(found), key=sort_key)
