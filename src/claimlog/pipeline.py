"""One run of claimlog: the ledger set, its assessments, its findings, the exit code.

Every command builds its :class:`~claimlog.settings.Settings`, starts a :class:`Run`
and renders from it, so the commands agree on what they report. A run owns, for one
ledger set read from one source of files (:mod:`claimlog.files`):

- the assessments, computed once per as-of date;
- the findings: the checks of the enabled rules, then inline suppressions, then the
  selection (``select``/``ignore``), then ``per-file-ignores``, in a stable order,
  then at most ``max-findings-per-rule`` of each rule in each file (:func:`capped`);
- the exit decision: 1 when a failing finding exists, else 0.

What a run is for changes three things only (:class:`Purpose`). ``check`` (and
``diff``, on each side) checks dates against the as-of date, and with ``strict``
warnings fail too. ``summary`` and ``show`` assess as of a date: their findings are
the enabled error rules only, with dates checked against today (an assessment as of
a past date leaves later items out by design; they are not mistakes in the ledger),
and only errors fail. And only a run that assesses keeps what explains an assessment
(sensitivity, the engine's indexes); a check keeps the verdicts and flags its rules
read.

Nothing here prints; problems that stop a run raise :class:`RunError` (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from datetime import date
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import rules as R
from .diagnostics import Diagnostic, Severity, counts, plural, with_article
from .files import FileSource, Found, PathError, RealPaths, WorkTree
from .plaindata import dataclass
from .settings import DEFAULT_PATH, Settings

if TYPE_CHECKING:
    from .credibility import Assessed, Assessment
    from .ledgerset import LedgerSet


_VERDICT_RANK = {"supported": 0, "disputed": 1, "unverified": 2, "refuted": 3}

SORTS: dict[str, Callable[[Assessment], tuple[Any, ...]]] = {
    "group": lambda a: (a.group is None, a.group or "", a.id),
    "id": lambda a: (a.id,),
    "probability": lambda a: (-a.probability, a.id),
    "verdict": lambda a: (_VERDICT_RANK[a.verdict], -a.probability, a.id),
}
"""The orders of ``summary``'s rows."""


class RunError(Exception):
    """The run cannot be made as asked: a bad selector, a missing path, no ledger files."""


class Purpose(Enum):
    CHECK = "check"
    """Report findings: dates against the as-of date; warnings fail with ``strict``."""
    ASSESS = "assess"
    """Assess claims: error findings only, dates against today; only errors fail."""


def enabled_rules(settings: Settings, purpose: Purpose = Purpose.CHECK) -> set[str]:
    """The codes a run with ``settings`` reports; RunError for an unknown selector or
    for a selection of a rule that nothing reports (which would silently check nothing;
    every rule of the catalogue is reported by some stage, a test makes sure)."""
    from .checks import claimed
    from .rules import RULES

    enabled, unknown = settings.enabled()
    if unknown:
        raise RunError(f"unknown rule selector(s): {', '.join(unknown)} (see 'claimlog rules')")
    idle = sorted(enabled - claimed()) if settings.select else []
    if idle:
        raise RunError(f"no check reports rule(s) {', '.join(idle)}; nothing would run")
    if purpose is Purpose.ASSESS:
        enabled = {c for c in enabled if RULES[c].severity is Severity.ERROR}
    return enabled


def _where(origin: str) -> str:
    """Where a setting comes from, as a message says it."""
    return f"on the {origin}" if origin.startswith("command line") else f"in {origin}"


def nothing_checked(
    settings: Settings,
    paths: Sequence[str],
    enabled: set[str],
    cwd: Path,
    spare_named: bool = True,
) -> str | None:
    """Why ``check`` would pass having checked nothing (it stops with a usage error,
    ``report`` says no rule was checked): ``ignore`` takes out every rule, or
    ``per-file-ignores`` every rule left in every file of ``paths``, unless the command
    line names those files and ``spare_named``; None when something is checked. (The
    commands that show assessments run without rules.)"""
    if not enabled:
        where = _where(settings.origin.get("ignore", "default"))
        picked = f"every rule that 'select' picks ({', '.join(settings.select)})"
        return (
            f"'ignore' ({', '.join(settings.ignore)}, {where}) takes out "
            f"{picked if settings.select else 'every rule'}"
        )
    if (
        settings.per_file_ignores
        and all(enabled <= settings.ignored_in(p, cwd) for p in paths)
        and not (spare_named and _files_named(settings, cwd))
    ):
        where = _where(settings.origin.get("per-file-ignores", "default"))
        globs = "; ".join(
            f'"{glob}" = {", ".join(words)}' for glob, words in settings.per_file_ignores.items()
        )
        narrowed = [
            f"'{k}'" for k, v in (("select", settings.select), ("ignore", settings.ignore)) if v
        ]
        which = (
            f"every rule that {' and '.join(narrowed)} leave{'' if len(narrowed) > 1 else 's'}"
            if narrowed
            else "every rule"
        )
        return f"'per-file-ignores' {where} ({globs}) takes out {which} in every file checked"
    return None


def _files_named(settings: Settings, cwd: Path) -> bool:
    """The command line names files only (or standard input): an editor or a hook asking
    about one file, which its configuration may leave unchecked on purpose."""
    return settings.origin["paths"].startswith("command line") and all(
        p == "-" or (cwd / p).is_file() for p in settings.paths
    )


def load_set(settings: Settings, cwd: Path, source: FileSource | None = None) -> LedgerSet:
    """The ledger set under the settings' paths, from ``source`` (default: the working
    tree at ``cwd``, without what ``exclude`` matches, ``-`` read from standard input);
    RunError when there is nothing to read."""
    from .ledgerset import load_from

    targets = settings.paths
    if source is None:
        if settings.origin["paths"] == "default" and not (cwd / DEFAULT_PATH).exists():
            raise RunError(
                f"no paths given and no '{DEFAULT_PATH}/' directory here; name the ledger files"
            )
        source = WorkTree(cwd, exclude=settings.exclusion(), stdin_name=settings.stdin_name)
    try:
        ledger_set = load_from(source, targets)
    except PathError as err:
        raise RunError(str(err)) from None
    if not ledger_set.files:
        raise RunError(f"no ledger files (*.yaml, *.yml) under: {', '.join(targets)}")
    return ledger_set


def ledger_files(settings: Settings, cwd: Path) -> list[Found]:
    """The ledger files of the working tree under the settings' paths, as
    :func:`load_set` finds them (without what ``exclude`` matches), not read: for the
    commands that rewrite files. RunError when there is nothing to find."""
    from .files import discover

    if settings.origin["paths"] == "default" and not (cwd / DEFAULT_PATH).exists():
        raise RunError(
            f"no paths given and no '{DEFAULT_PATH}/' directory here; name the ledger files"
        )
    try:
        found = discover(settings.paths, cwd, settings.exclusion())
    except PathError as err:
        raise RunError(str(err)) from None
    if not found:
        raise RunError(f"no ledger files (*.yaml, *.yml) under: {', '.join(settings.paths)}")
    return found


def capped(findings: list[Diagnostic], cap: int) -> list[Diagnostic]:
    """``findings`` (sorted) with at most ``cap`` of each rule in each file (0: no
    limit); the rest of a rule in a file become one finding of that rule at the place
    of the first one left out, "and 9,990 more", an error if any left out is one. A
    file with a million findings of one rule gives a report of ``cap + 1``."""
    if not cap:
        return findings
    from collections import Counter

    per = Counter((d.path, d.code) for d in findings)
    if max(per.values(), default=0) <= cap:
        return findings
    from dataclasses import replace

    from .diagnostics import sort_key

    kept: list[Diagnostic] = []
    seen: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], Diagnostic] = {}
    failing: set[tuple[str, str]] = set()
    for d in findings:
        key = (d.path, d.code)
        seen[key] += 1
        if seen[key] <= cap:
            kept.append(d)
            continue
        first.setdefault(key, d)
        if d.severity is Severity.ERROR:
            failing.add(key)
    for key, d in first.items():
        rest = per[key] - cap
        kept.append(
            replace(
                d,
                message=f"and {rest:,} more {d.rule.name} finding{'s' if rest > 1 else ''} "
                f"in this file, not shown (max-findings-per-rule = {cap})",
                end_line=d.line,
                end_column=d.column + 1,
                severity=Severity.ERROR if key in failing else d.severity,
                hidden=rest,
                hint="fix the findings shown first, or raise max-findings-per-rule "
                "in the configuration (0: no limit)",
            )
        )
    return sorted(kept, key=sort_key)


@dataclass
class Run:
    """One run over one ledger set with one set of settings."""

    settings: Settings
    ledger_set: LedgerSet
    cwd: Path
    purpose: Purpose = Purpose.CHECK
    today: date = field(default_factory=date.today)
    enabled: set[str] | None = None
    """The enabled rule codes (default: from the settings)."""
    _assessed: dict[date | None, Assessed] = field(default_factory=dict, repr=False)
    _late: dict[date | None, dict[str, str]] = field(default_factory=dict, repr=False)

    @classmethod
    def start(
        cls,
        settings: Settings,
        cwd: Path,
        purpose: Purpose = Purpose.CHECK,
        source: FileSource | None = None,
    ) -> Run:
        """Check the selection, then load the set (RunError when either fails)."""
        enabled = enabled_rules(settings, purpose)
        return cls(settings, load_set(settings, cwd, source), cwd, purpose, enabled=enabled)

    @property
    def as_of(self) -> date | None:
        return self.settings.as_of

    def assessed(self, as_of: date | None = None) -> Assessed:
        """The credibility assessment of the set as of ``as_of`` (default: the settings'
        as-of date): every claim and group, and what explains them when the run assesses
        (:class:`Purpose`); computed once per date."""
        when = as_of if as_of is not None else self.as_of
        if when not in self._assessed:
            from .credibility import assess_set

            # Only what is shown needs what explains a claim; a check needs the
            # verdicts and the removals that would change a recorded one.
            explain = self.purpose is Purpose.ASSESS
            self.ledger_set.silence(*self._set_errors)
            self._assessed[when] = assess_set(
                self.ledger_set, when, explain=explain, late=self.late(when)
            )
        return self._assessed[when]

    def assessments(self, as_of: date | None = None) -> dict[str, Assessment]:
        """The assessment of every claim as of ``as_of``, by claim id."""
        return self.assessed(as_of).claims

    @cached_property
    def _ignored_in(self) -> Callable[[str], set[str]]:
        """The codes the configuration's per-file ignores (and ``ignore``) drop in a path,
        asked once per file, not per finding: each asking matched every glob of
        per-file-ignores and resolved the file's parents (8,000 globs and as many
        findings took 16 s)."""
        known: dict[str, set[str]] = {}
        real = RealPaths()  # this run's: each folder resolved once

        def ignored_in(path: str) -> set[str]:
            found = known.get(path)
            if found is None:
                found = known[path] = self.settings.ignored_in(path, self.cwd, real)
            return found

        return ignored_in

    def late(self, as_of: date | None) -> dict[str, str]:
        """The items dated, or retracted, after today (after ``as_of`` when it is later)
        whose CL401 this run reports, with why they do not count: an error the run does
        not report holds nothing back (suppressed inline, ignored, not selected), as for
        :attr:`_set_errors`. Asked once per date."""
        found = self._late.get(as_of)
        if found is None:
            found = self._late[as_of] = self._reported_late(as_of)
        return found

    def _reported_late(self, as_of: date | None) -> dict[str, str]:
        from .checks.late import late_items, reasons

        late = late_items(self.ledger_set, self.today, as_of)
        reported = self._reported([d for *_, d in late]) if late else set()
        return reasons(entry for entry in late if entry[2] in reported)

    def _reported(self, found: list[Diagnostic]) -> set[Diagnostic]:
        """The findings of ``found`` that this run reports: not suppressed inline, nor
        ignored by the configuration, and selected."""
        from .checks import suppressions

        enabled = self.enabled
        if enabled is None:
            enabled = enabled_rules(self.settings, self.purpose)
        wanted = set(enabled)
        kept = set(suppressions.unsuppressed(found, self.ledger_set))
        ignored = self._ignored_in
        return {
            d for d in found if d in kept and d.code in wanted and d.code not in ignored(d.path)
        }

    @cached_property
    def _set_errors(
        self,
    ) -> tuple[frozenset[tuple[str, int, int]], dict[str, list[tuple[int, int]]]]:
        """Where the set's file errors (and ids defined twice, CL202, and unknown
        references, CL201) are that this run does not report (suppressed inline,
        ignored by the configuration, not selected): an entry that holds only such
        errors counts as written (a review: `ignore = ["CL102"]` for a ledger's own keys
        kept every entry with one out of the assessment, and `check` said nothing); and,
        by file, where the unknown references are that it reports: they hold their
        entry back as a file's error does."""
        ls = self.ledger_set
        errors = [d for d in ls.file_diagnostics if d.severity is Severity.ERROR]
        if ls.duplicates or ls.group_definitions or ls.dangling:
            # An id defined twice holds its entries back only where CL202 is reported
            # (a review: `ignore = ["CL202"]` left a claim `has-errors`, check clean).
            from .checks.options import CheckOptions
            from .checks.references import duplicate_ids, unknown_references

            options = CheckOptions(today=self.today)
            errors += duplicate_ids(ls, options)
            if ls.dangling:
                errors += unknown_references(ls, options)
        if not errors:
            return frozenset(), {}
        reported = self._reported(errors)
        held: dict[str, list[tuple[int, int]]] = {}
        for d in reported:
            if d.code == R.UNKNOWN_REFERENCE.code:
                held.setdefault(d.path, []).append((d.line, d.column))
        silenced = frozenset((d.path, d.line, d.column) for d in errors if d not in reported)
        return silenced, held

    @cached_property
    def findings(self) -> list[Diagnostic]:
        """Checks, suppressions, selection, per-file ignores; sorted."""
        from .checks import CheckOptions, run_checks

        ignored_in = self._ignored_in
        self.ledger_set.silence(*self._set_errors)  # what the cascades hold back reads it
        if self.purpose is Purpose.ASSESS:
            # Dates against today only (a date after --as-of is no error when assessing
            # as of a date; an as-of date later than today is today, as in the
            # assessment: an analyst saw `summary --as-of 2100-01-01` call an item of 2099
            # an error that its assessment counted), but the one assessment the run
            # shows: CL305 reads where it ran past its budget (a review saw a second one
            # made, as of no date).
            from .checks.late import latest

            options = CheckOptions(
                today=latest(self.today, self.as_of),
                assessments=self.assessed,
                ignored_in=ignored_in,
                late=self.late(self.as_of),
            )
        else:
            late = self.late(self.as_of)
            options = CheckOptions(self.today, self.as_of, self.assessed, ignored_in, late)
        enabled = self.enabled
        if enabled is None:
            enabled = enabled_rules(self.settings, self.purpose)
        found = run_checks(self.ledger_set, options, enabled)
        found = [d for d in found if d.code not in ignored_in(d.path)]
        return capped(found, self.settings.max_findings_per_rule)

    @property
    def failing(self) -> list[Diagnostic]:
        """The findings that make the run fail."""
        fails = {Severity.ERROR}
        if self.settings.strict and self.purpose is Purpose.CHECK:
            fails.add(Severity.WARNING)
        return [d for d in self.findings if d.severity in fails]

    @property
    def exit_code(self) -> int:
        return 1 if self.failing else 0

    @property
    def files(self) -> list[str]:
        """The paths of the set's files, sorted."""
        return sorted(f.path for f in self.ledger_set.files)

    def line(self, path: str, number: int) -> str:
        """Line ``number`` of the file shown as ``path`` (empty when unknown)."""
        loaded = self.ledger_set.loaded.get(path)
        return loaded.line(number) if loaded is not None else ""

    def claims(
        self,
        wanted: Sequence[str] = (),
        group: str | None = None,
        sort: str = "group",
        verdicts: Sequence[str] = (),
        flags: Sequence[str] = (),
    ) -> list[Assessment]:
        """The assessments of the ``wanted`` claims (all when empty) of ``group`` (any
        when None), with one of ``verdicts`` and all of ``flags`` (any when empty), in
        the order ``sort`` names (:data:`SORTS`); a group's claims stay together (the
        group sorts by its first claim). RunError for an unknown claim or group."""
        assessed = self.assessments()
        unknown = [c for c in wanted if c not in assessed]
        if len(unknown) == 1:
            raise RunError(self.no_claim(unknown[0], assessed))
        if unknown:
            raise RunError(f"no claim {', '.join(repr(c) for c in unknown)} in the ledger set")
        if group is not None and group not in self.ledger_set.groups:
            raise RunError(self.no_group(group))
        rows = [
            a
            for a in assessed.values()
            if (not wanted or a.id in wanted)
            and (group is None or a.group == group)
            and (not verdicts or a.verdict in verdicts)
            and all(f in a.flags for f in flags)
        ]
        key = SORTS[sort]
        rows.sort(key=key)
        first: dict[str, int] = {}
        for i, a in enumerate(rows):
            first.setdefault(a.group or "\0" + a.id, i)
        return sorted(rows, key=lambda a: (first[a.group or "\0" + a.id], key(a)))

    def no_claim(self, claim_id: str, assessed: Mapping[str, Assessment]) -> str:
        """Why ``claim_id`` names no claim: what it is instead (a source, an evidence
        item, an entry with errors), or the claim it is probably a slip for."""
        from .diagnostics import did_you_mean

        kind = self.ledger_set.kind_of(claim_id)
        if kind == "claim":  # broken beyond repair: not assessed (claimlog check says why)
            return f"claim '{claim_id}' has errors and is not assessed; run 'claimlog check'"
        if kind is not None:
            return f"'{claim_id}' is {with_article(kind)}, not a claim"
        if claim_id in self.ledger_set.groups:  # a tour: 'show crocus-perpetrator'
            return (
                f"'{claim_id}' is a group, not a claim: 'claimlog summary --group "
                f"{claim_id}' lists its claims, 'claimlog matrix {claim_id}' weighs them"
            )
        hint = did_you_mean(claim_id, sorted(assessed))
        return f"no claim '{claim_id}' in the ledger set" + (f"; {hint}" if hint else "")

    def no_group(self, group: str) -> str:
        """Why ``group`` names no group, with the group it is probably a slip for."""
        from .diagnostics import did_you_mean

        hint = did_you_mean(group, sorted(self.ledger_set.groups))
        return f"no group '{group}' in the ledger set" + (f"; {hint}" if hint else "")

    def claim(self, claim_id: str) -> tuple[Assessment, list[Assessment]]:
        """The assessment of one claim and of its rivals; RunError when there is none."""
        assessed = self.assessments()
        if claim_id not in assessed:
            raise RunError(self.no_claim(claim_id, assessed))
        a = assessed[claim_id]
        rivals = (
            [assessed[c] for c in self.ledger_set.groups.get(a.group or "", []) if c != claim_id]
            if a.group
            else []
        )
        return a, rivals

    def errors_notice(self) -> str | None:
        """The warning ``summary`` and ``show`` give when the set has errors."""
        errors = counts(self.findings)["error"]
        if not errors:
            return None
        return (
            f"the ledger set has {plural(errors, 'error')}; this covers only its valid "
            "part (run 'claimlog check' for the findings)"
        )
