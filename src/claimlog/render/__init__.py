"""Renderers: one module per kind of output, one table from format to renderer.

Every renderer has one signature, ``(page, style) -> str``: a page is what a
command has to show (one of the dataclasses below, or a report), a
:class:`~claimlog.render.common.Style` says whether the text is coloured and how
wide. :func:`render` looks a renderer up in :data:`FORMATS` and imports its module
only then, so that a command loads only the renderer it uses. Renderer modules
share helpers through :mod:`.common` and :mod:`.safe` and never import one another.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..plaindata import dataclass
from .common import PLAIN, Style

if TYPE_CHECKING:
    from ..credibility import Assessed, Assessment, GroupAssessment
    from ..credibility.matrix import Matrix
    from ..diagnostics import Diagnostic
    from ..evidencegraph import EvidenceGraph
    from ..ledgerset import LedgerSet
    from ..rules import Rule

__all__ = [
    "FORMATS",
    "PLAIN",
    "CheckPage",
    "ConfigPage",
    "GraphPage",
    "MatrixPage",
    "RulesPage",
    "ShowPage",
    "Style",
    "SummaryPage",
    "render",
    "renderer",
]


@dataclass(frozen=True)
class CheckPage:
    """``check``: the findings, the files read, their lines, where claimlog runs, and
    whether warnings fail the run too (``--strict``)."""

    findings: Sequence[Diagnostic]
    files: Sequence[str]
    line: Callable[[str, int], str]
    cwd: Path
    strict: bool = False

    def fails(self, d: Diagnostic) -> bool:
        """Whether the finding ``d`` makes the run fail (exit 1)."""
        from ..diagnostics import Severity

        return d.severity is Severity.ERROR or self.strict


@dataclass(frozen=True)
class SummaryPage:
    """``summary``: the rows, in order, the as-of date, the groups of the rows (with
    their "none of these" share), how many undated items --as-of left out, the
    filters that chose the rows (named when none is left), and whether the set has
    errors (then a claim of a file that could not be read is in no row)."""

    rows: Sequence[Assessment]
    as_of: date | None
    groups: Mapping[str, GroupAssessment] = field(default_factory=dict)
    undated: int = 0
    filters: Sequence[str] = ()
    flawed: bool = False


@dataclass(frozen=True)
class ShowPage:
    """``show``: one claim, its rivals, the set they belong to, the as-of date, and
    the assessment of the set (contributions, sensitivity, the group's residual)."""

    ledger_set: LedgerSet
    claim: Assessment
    rivals: Sequence[Assessment]
    as_of: date | None
    assessed: Assessed | None = None


@dataclass(frozen=True)
class RulesPage:
    """``rules``: the rules to list, or the one rule to explain."""

    rules: Sequence[Rule]
    one: bool = False


@dataclass(frozen=True)
class MatrixPage:
    """``matrix``: the ACH matrix of the chosen claims and the as-of date."""

    matrix: Matrix
    as_of: date | None


@dataclass(frozen=True)
class GraphPage:
    """``graph``: the evidence graph of the chosen claims."""

    graph: EvidenceGraph


@dataclass(frozen=True)
class ConfigPage:
    """``check --show-config``: the configuration file (shown) and (key, value, origin)."""

    file: str
    rows: Sequence[tuple[str, str, str]]


FORMATS: dict[str, dict[str, str]] = {
    "check": {
        "text": "text:check",
        "concise": "text:concise_check",
        "json": "json:check",
        "github": "github:check",
        "sarif": "sarif:check",
        "junit": "junit:check",
        "gitlab": "gitlab:check",
        "rdjson": "rdjson:check",
    },
    "summary": {
        "text": "assessment:summary_table",
        "table": "assessment:summary_table",  # the former name of text, still accepted
        "json": "assessment:summary_json_text",
        "markdown": "assessment:summary_markdown_text",
        "csv": "assessment:summary_csv_text",
    },
    "show": {"text": "assessment:show_text", "json": "assessment:show_json_text"},
    "diff": {"text": "diff:text", "json": "diff:json", "markdown": "diff:markdown"},
    "rules": {"text": "rules:text", "json": "rules:json"},
    "config": {"text": "config:text"},
    "matrix": {
        "text": "matrix:table",
        "table": "matrix:table",  # the former name of text, still accepted
        "json": "matrix:json_text",
        "csv": "matrix:csv_text",
        "markdown": "matrix:markdown",
    },
    "graph": {"dot": "graph:dot", "mermaid": "graph:mermaid", "svg": "graph:svg"},
    "schema": {"json": "json:value"},
}
"""Command -> format name -> ``module:function`` of its renderer under this package."""

Renderer = Callable[[Any, Style], str]


def renderer(command: str, fmt: str) -> Renderer:
    """The renderer of ``command`` in format ``fmt``."""
    module, name = FORMATS[command][fmt].split(":")
    found: Renderer = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return found


def render(command: str, fmt: str, page: Any, style: Style = PLAIN) -> str:
    """``page`` rendered by ``command``'s renderer for ``fmt``."""
    return renderer(command, fmt)(page, style)
