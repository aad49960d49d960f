"""Consistency checks over a loaded ledger set.

Each check is a pure function ``(ledger_set, options) -> findings``, registered once
in :data:`CHECKS` with the rules it emits (and it emits no other: a test runs every
check on every fixture). File and schema findings come earlier, from the loader and
the validation; :data:`EMITTED` says which rules each stage can report, so that a
rule nothing reports cannot be selected to silently check nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .. import loader, validation
from .. import rules as R
from ..diagnostics import Diagnostic, sort_key
from ..ledgerset import LedgerSet
from ..rules import Rule
from . import (
    assessment,
    cascades,
    confusables,
    copies,
    dates,
    filenames,
    logic,
    provenance,
    references,
    suppressions,
    urls,
)
from .options import CheckOptions

__all__ = ["CHECKS", "EMITTED", "Check", "CheckOptions", "claimed", "run_checks"]

Check = Callable[[LedgerSet, CheckOptions], Iterator[Diagnostic]]

CHECKS: tuple[tuple[Check, tuple[Rule, ...]], ...] = (
    (references.duplicate_ids, (R.DUPLICATE_ID,)),
    (references.unknown_references, (R.UNKNOWN_REFERENCE,)),
    (confusables.confusable_names, (R.CONFUSABLE_NAME,)),
    (urls.deceptive_urls, (R.DECEPTIVE_URL,)),
    (filenames.misleading_file_names, (R.MISLEADING_FILE_NAME,)),
    (provenance.circular_reporting, (R.CIRCULAR_REPORTING,)),
    (provenance.relay_chains, (R.VIA_CONTAINS_ORIGIN, R.VIA_REPEATS_SOURCE)),
    (provenance.based_on_cycles, (R.BASED_ON_CYCLE,)),
    (assessment.echo_limit, (R.ECHO_LIMIT,)),
    (dates.future_dates, (R.FUTURE_DATE,)),
    (dates.retracted_before_date, (R.RETRACTED_BEFORE_DATE,)),
    (logic.group_verdicts, (R.GROUP_VERDICTS_CONFLICT,)),
    (logic.group_priors, (R.GROUP_PRIOR_SUM, R.OPEN_GROUP_PRIOR_SUM)),
    (logic.lonely_groups, (R.LONELY_GROUP,)),
    (logic.claims_without_evidence, (R.NO_EVIDENCE, R.RETRACTED_ONLY)),
    (logic.unused_sources, (R.UNUSED_SOURCE,)),
    (logic.unmarked_pairs, (R.UNMARKED_PAIR,)),
    (
        assessment.assessed_claims,
        (
            R.VERDICT_NOT_BACKED,
            R.SINGLE_ORIGIN,
            R.INTERESTED_PARTIES_ONLY,
            R.CLAIMANT_ONLY,
            R.GROUP_ASSESSMENT_CONFLICT,
        ),
    ),
    (assessment.fragile_verdicts, (R.FRAGILE_VERDICT,)),
    (assessment.retracted_lines, (R.RETRACTED_LINE,)),
    (copies.suspected_copies, (R.SUSPECTED_COPY,)),
)

EMITTED: dict[str, tuple[Rule, ...]] = {
    "loader": loader.EMITS,
    "validation": validation.EMITS,
    **{check.__name__: rules for check, rules in CHECKS},
    "suppressions": suppressions.EMITS,
}
"""The rules each stage of a run can report: the loader, the validation, each check
(by its name), and the suppressions."""


def claimed() -> set[str]:
    """The codes of every rule some stage reports."""
    return {rule.code for rules in EMITTED.values() for rule in rules}


def run_checks(
    ledger_set: LedgerSet, options: CheckOptions, enabled: Iterable[str] | None = None
) -> list[Diagnostic]:
    """Every finding of the set, file and schema findings included, in a stable order:
    the checks of the enabled rules (all when ``enabled`` is None), then inline
    suppressions, then the selection. Per-file ignores are the run's
    (:mod:`claimlog.pipeline`). While part of the set is not read and a finding that
    says why is reported (its rule enabled, neither ignored for its file nor
    suppressed), the checks that need the whole set are not run and unused
    suppressions are not reported (:mod:`claimlog.checks.cascades`)."""
    wanted = set(enabled) if enabled is not None else None
    causes = cascades.root_causes(ledger_set)
    partial = bool(causes) and cascades.reported(causes, ledger_set, wanted, options.ignored_in)
    if causes and not partial:
        ledger_set = cascades.without_unread(ledger_set)
    options = options.sharing_assessment(ledger_set)
    found = list(ledger_set.file_diagnostics)
    for check, rules in CHECKS:
        if partial and all(r.code in cascades.DEPENDENT for r in rules):
            continue
        if wanted is None or wanted.intersection(r.code for r in rules):
            found.extend(check(ledger_set, options))
    found = cascades.drop_shadowed(found, cascades.shadowed(ledger_set), cascades.NAMED)
    found = cascades.drop_shadowed(found, cascades.shadowed_groups(ledger_set))
    held = cascades.held_back(
        ledger_set, lambda: options.assessed_set(ledger_set).items, options.late_of(ledger_set)
    )
    found = cascades.drop_shadowed(found, held, cascades.ASSESSED)
    found = suppressions.apply(found, ledger_set, wanted, report_unused=not partial)
    if wanted is not None:
        found = [d for d in found if d.code in wanted]
    return sorted(set(found), key=sort_key)
