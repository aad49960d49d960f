"""What every page of a report reads: the set, its assessment, the names of the pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from ...plaindata import dataclass
from .data import Sensitivities
from .names import Names

if TYPE_CHECKING:
    from ...credibility import Assessed
    from ...credibility.explain import Counted
    from ...diagnostics import Diagnostic
    from ...ledgerset import LedgerSet

GRAPH_LIMIT = 400
"""The most nodes the evidence graph page draws (sources, relays, items and claims):
past that the picture is unreadable and slow to lay out; the page then says how to
draw one group with ``claimlog graph``."""


@dataclass(frozen=True)
class ReportPage:
    """``report``: the set, its assessment, the as-of date and the check findings."""

    ledger_set: LedgerSet
    assessed: Assessed
    as_of: date | None
    findings: Sequence[Diagnostic] = ()
    graph_limit: int = GRAPH_LIMIT
    unchecked: str | None = None
    """Why no rule was checked (the configuration ignores every one), or None."""


@dataclass
class Context:
    """A report being made: its input, the names of its pages, and where each evidence
    item is described (its entry on the page of the first claim it bears on)."""

    page: ReportPage
    version: str
    names: Names = field(init=False)
    home: dict[str, str] = field(init=False)
    sensitivity: Sensitivities = field(init=False)
    _of_party: dict[str, list[str]] | None = field(init=False, default=None)
    counted: dict[str, Counted] = field(init=False, default_factory=dict)
    """Each claim's counted items, for why an item moved it by nothing (made once)."""
    _source_errors: dict[str, list[Diagnostic]] | None = field(init=False, default=None)
    stances: dict[str, str] = field(init=False, default_factory=dict)
    """Each rival's item's stances as a claim page lists them, made once (an item on
    4,000 claims of a group is listed on each of their pages)."""

    def __post_init__(self) -> None:
        ls = self.page.ledger_set
        self.sensitivity = Sensitivities(self.page.assessed)
        self.names = Names(ls.claims, self.groups(), ls.sources, ls.evidence)
        self.home = {}
        for eid in sorted(ls.evidence):
            on = sorted(c for c in ls.item(eid).stance if c in ls.claims)
            if on:
                self.home[eid] = f"{self.names.claim(on[0])}#{self.names.anchor(eid)}"

    @property
    def ls(self) -> LedgerSet:
        return self.page.ledger_set

    @property
    def assessed(self) -> Assessed:
        return self.page.assessed

    def claims_of_party(self) -> dict[str, list[str]]:
        """Each party's claims, in id order (made once: the size of the claims' parties;
        a cache of each item's claims by party held items x parties, 2.9 GB for 5,000
        items on a claim of 5,000 parties)."""
        if self._of_party is None:
            ls = self.ls
            self._of_party = {}
            for cid in sorted(ls.claims):
                for party in dict.fromkeys(ls.claim(cid).parties):
                    self._of_party.setdefault(party, []).append(cid)
        return self._of_party

    def groups(self) -> list[str]:
        """The groups that get a page: those with at least one claim, sorted."""
        return [g for g, members in self.page.ledger_set.groups.items() if members]

    def item_href(self, eid: str, on: str | None = None) -> str | None:
        """Where item ``eid`` is described: on claim ``on``'s page when given, else on
        its first claim's page; None when it bears on no claim of the set."""
        if on is not None and on in self.ls.claims:
            return f"{self.names.claim(on)}#{self.names.anchor(eid)}"
        return self.home.get(eid)

    def source_errors(self, sid: str) -> list[Diagnostic]:
        """The error findings inside source ``sid``'s entry, in the findings' order."""
        if self._source_errors is None:
            self._source_errors = _errors_by_source(self.ls, self.page.findings)
        return self._source_errors.get(sid, [])

    @cached_property
    def errors(self) -> int:
        """The set's error findings (those past max-findings-per-rule too): a report of a
        set with errors covers only its valid part, and every page says so. Counted
        once (a review: counted for each page, 101,000 findings made 1,000 pages 3x
        slower)."""
        from ...diagnostics import counts

        return counts(self.page.findings)["error"]

    @cached_property
    def findings_by_path(self) -> dict[str, list[Diagnostic]]:
        """The findings of each file, in their order (grouped once)."""
        out: dict[str, list[Diagnostic]] = {}
        for d in self.page.findings:
            out.setdefault(d.path, []).append(d)
        return out

    def shell(self, title: str, body: str, script: bool = False) -> str:
        from .markup import shell

        return shell(title, body, self.page.as_of, self.version, script, self.errors)


def _errors_by_source(ls: LedgerSet, findings: Sequence[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """Each source's error findings: those whose place is inside its entry (each found
    by bisection among its file's sources sorted by place, not by a walk of them all)."""
    from bisect import bisect_right

    from ...diagnostics import Severity

    spans: dict[str, list[tuple[tuple[int, int], tuple[int, int], str]]] = {}
    for sid, entity in ls.sources.items():
        line, column, end_line, end_column = entity.node.span
        spans.setdefault(entity.path, []).append(((line, column), (end_line, end_column), sid))
    starts = {path: sorted(found) for path, found in spans.items()}
    out: dict[str, list[Diagnostic]] = {}
    for d in findings:
        placed = starts.get(d.path)
        if d.severity is not Severity.ERROR or not placed:
            continue
        at = (d.line, d.column)
        k = bisect_right(placed, (at, (1 << 62, 0), "")) - 1
        if k >= 0 and placed[k][0] <= at <= placed[k][1]:
            out.setdefault(placed[k][2], []).append(d)
    return out
