"""``claimlog diff`` as JSON, plain text and a Markdown pull-request comment.

Ledger text is never trusted: in text it goes through :func:`literal`; in Markdown,
ids go into code spans, findings into a fenced code block and graph labels through
Mermaid's entity codes, so a ledger can inject neither HTML nor Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..credibility import Assessment, percent, percent_points
from ..diagnostics import Diagnostic
from ..diff import WORKTREE, ClaimChange, DiffReport
from ..ledgerset import LedgerSet
from ..model import Evidence
from .common import Style, diagnostic_dict, dumps, plural, shown
from .safe import code_span, literal, md_text

MAX_GRAPH_CLAIMS = 20
MAX_GRAPH_ITEMS = 40
MAX_SENTENCE_CLAIMS = 3
COMMENT_MARKER = "<!-- claimlog-diff -->"
"""First line of the Markdown, so that a bot can find and update its own comment."""


def _points(change: ClaimChange) -> int:
    """The move in percentage points, as the shown percentages differ (rounded down)."""
    if change.before is None or change.after is None:
        return 0
    return percent_points(change.after.probability) - percent_points(change.before.probability)


def _signed_points(n: int) -> str:
    return f"{n:+d} {'point' if abs(n) == 1 else 'points'}" if n else "0 points"


def _likelihood(a: Assessment) -> str:
    return f"{a.label} ({percent(a.probability)})"


# --- JSON -----------------------------------------------------------------------------


def _side(a: Assessment | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"verdict": a.verdict, "label": a.label, "probability": shown(a.probability)}


def diff_json(report: DiffReport) -> dict[str, Any]:
    """The report as ``diff --format json`` shows it, a stable shape (pass it to ``dumps``)."""
    return {
        "version": 1,
        "base": report.base,
        "head": report.head,
        "claims": [
            {
                "id": c.id,
                "change": c.change,
                "before": _side(c.before),
                "after": _side(c.after),
            }
            for c in report.changes
        ],
        "findings": {
            "new": [diagnostic_dict(d) for d in report.new_findings],
            "resolved": [diagnostic_dict(d) for d in report.resolved_findings],
        },
    }


# --- text -----------------------------------------------------------------------------


def _side_name(short: str, ref: str) -> str:
    if short == WORKTREE:
        return "the working tree"
    return short if ref == short else f"{ref} ({short})"


def _claim_line(c: ClaimChange) -> str:
    cid = literal(c.id)
    if c.before is None:
        assert c.after is not None
        return f"{cid}: added, {c.after.verdict}, {_likelihood(c.after)}"
    if c.after is None:
        return f"{cid}: removed (was {c.before.verdict}, {_likelihood(c.before)})"
    verdict = (
        c.before.verdict
        if c.before.verdict == c.after.verdict
        else f"{c.before.verdict} -> {c.after.verdict}"
    )
    return (
        f"{cid}: {verdict}, {_likelihood(c.before)} -> {_likelihood(c.after)}, "
        f"{_signed_points(_points(c))}"
    )


def _finding_line(d: Diagnostic) -> str:
    return (
        f"{literal(d.path)}:{d.line}:{d.column}: {d.severity.value}[{d.code}] {literal(d.message)}"
    )


def _counts(report: DiffReport) -> str:
    kinds = [c.change for c in report.changes]
    claims = (
        f"{plural(kinds.count('changed'), 'claim')} changed, "
        f"{kinds.count('added')} added, {kinds.count('removed')} removed"
    )
    new, resolved = len(report.new_findings), len(report.resolved_findings)
    return f"{claims}; {plural(new, 'new finding')}, {resolved} resolved."


def diff_text(report: DiffReport) -> str:
    """Plain lines: each claim that moved, then new and resolved findings, then counts."""
    lines = [
        f"Assessments from {literal(_side_name(report.base, report.base_ref))} "
        f"to {literal(_side_name(report.head, report.head_ref))}:"
    ]
    if report.changes:
        lines.extend(_claim_line(c) for c in report.changes)
    else:
        lines.append("No change in assessments.")
    for title, found in (
        ("New findings", report.new_findings),
        ("Resolved findings", report.resolved_findings),
    ):
        if found:
            lines.append(f"{title}:")
            lines.extend(f"  {_finding_line(d)}" for d in found)
    lines.append(_counts(report))
    return "\n".join(lines) + "\n"


# --- Markdown ---------------------------------------------------------------------------


def _md_ref(ref: str, short: str) -> str:
    return code_span(short) if ref == short else f"{md_text(ref)} ({code_span(short)})"


def _fenced(lines: Sequence[str], info: str = "text") -> list[str]:
    """Lines in a fenced code block whose fence no line can close."""
    longest = max((len(run) for line in lines for run in re.findall(r"`{3,}", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{info}", *lines, fence]


def _md_sentence(report: DiffReport) -> str:
    moved = [c for c in report.changes if c.change == "changed"]
    added = sum(1 for c in report.changes if c.change == "added")
    removed = sum(1 for c in report.changes if c.change == "removed")
    parts: list[str] = []
    if moved:
        named = []
        for c in moved[:MAX_SENTENCE_CLAIMS]:
            assert c.before is not None
            assert c.after is not None
            if c.before.verdict != c.after.verdict:
                what = f"from {c.before.verdict} to {c.after.verdict}"
            else:
                what = f"{_signed_points(_points(c))}, still {c.after.verdict}"
            named.append(f"{code_span(c.id)} ({what})")
        if len(moved) > MAX_SENTENCE_CLAIMS:
            named.append(f"{len(moved) - MAX_SENTENCE_CLAIMS} more")
        listed = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]
        parts.append(f"moves {plural(len(moved), 'claim')}: {listed}")
    if added:
        parts.append(f"adds {plural(added, 'claim')}")
    if removed:
        parts.append(f"removes {plural(removed, 'claim')}")
    new, resolved = len(report.new_findings), len(report.resolved_findings)
    if new:
        parts.append(f"brings {plural(new, 'new finding')}")
    if resolved:
        parts.append(f"resolves {plural(resolved, 'finding')}")
    if not parts:
        return "This change moves no assessment and changes no finding."
    body = parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1]
    return f"This change {body}."


def _cell_verdict(c: ClaimChange) -> str:
    before = c.before.verdict if c.before else "—"
    after = c.after.verdict if c.after else "—"
    if before == after:
        return before
    return f"{before} → **{after}**" if c.after else f"{before} → {after}"


def _cell_likelihood(c: ClaimChange) -> str:
    before = _likelihood(c.before) if c.before else "—"
    after = _likelihood(c.after) if c.after else "—"
    return f"{before} → {after}"


def _cell_move(c: ClaimChange) -> str:
    if c.change != "changed":
        return c.change
    n = _points(c)
    return f"{n:+d}" if n else "0"


def _details(title: str, found: Sequence[Diagnostic]) -> list[str]:
    if not found:
        return []
    return [
        f"<details><summary>{title} ({len(found)})</summary>",
        "",
        *_fenced([_finding_line(d) for d in found]),
        "",
        "</details>",
        "",
    ]


def diff_markdown(report: DiffReport) -> str:
    """A pull-request comment: a heading, one sentence, a table of the claims that
    moved (biggest move first), collapsed findings, and a Mermaid graph of evidence."""
    base = _md_ref(report.base_ref, report.base)
    head = "the working tree" if report.head == WORKTREE else _md_ref(report.head_ref, report.head)
    lines = [
        COMMENT_MARKER,
        "### claimlog: what this change does to the assessments",
        "",
        f"Base: {base} · head: {head}.",
        "",
        _md_sentence(report),
        "",
    ]
    if report.changes:
        lines.extend(
            [
                "| claim | verdict | likelihood | move (points) |",
                "|---|---|---|---:|",
            ]
        )
        for c in report.changes:
            lines.append(
                f"| {code_span(c.id)} | {_cell_verdict(c)} | {_cell_likelihood(c)} "
                f"| {_cell_move(c)} |"
            )
        lines.append("")
    lines.extend(_details("New findings", report.new_findings))
    lines.extend(_details("Resolved findings", report.resolved_findings))
    if report.changes:
        lines.extend(mermaid_graph(report))
    return "\n".join(lines).rstrip("\n") + "\n"


# --- Mermaid ----------------------------------------------------------------------------

_MERMAID_PLAIN = re.compile(r"[A-Za-z0-9 .,:;_()/'+=?!-]")


def mermaid_label(text: str, limit: int = 60) -> str:
    """Ledger text safe inside a quoted Mermaid label: one line, at most ``limit``
    characters, everything but plain characters written as Mermaid entity codes."""
    cleaned = literal(" ".join(text.split()))
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return "".join(ch if _MERMAID_PLAIN.fullmatch(ch) else f"#{ord(ch)};" for ch in cleaned)


def _node_id(prefix: str, index: int, ident: str) -> str:
    return f"{prefix}{index}_{re.sub(r'[^A-Za-z0-9_]', '_', ident)[:40]}"


def _claim_label(c: ClaimChange) -> str:
    label = mermaid_label(c.id)
    if c.before is None:
        assert c.after is not None
        return f"{label}<br/>added: {c.after.verdict}, {percent(c.after.probability)}"
    if c.after is None:
        return f"{label}<br/>removed"
    verdict = (
        c.after.verdict
        if c.before.verdict == c.after.verdict
        else f"{c.before.verdict} → {c.after.verdict}"
    )
    return (
        f"{label}<br/>{verdict}<br/>"
        f"{percent(c.before.probability)} → {percent(c.after.probability)}"
    )


def _stances(ls: LedgerSet, cid: str) -> list[tuple[str, str]]:
    """(item id, stance label) of every evidence item bearing on claim ``cid``."""
    out = []
    for entity in ls.evidence_by_claim.get(cid, []):
        model = entity.model
        assert isinstance(model, Evidence)
        stance = model.stance[cid]
        out.append((entity.id, f"{stance}, retracted" if model.retracted else stance))
    return out


def mermaid_graph(report: DiffReport) -> list[str]:
    """The changed claims and the evidence items bearing on them (``item -> claim``
    edges labelled by stance), as the lines of a Mermaid block and a note on what was
    left out. Removed claims are drawn as they were before the change."""
    claims = report.changes[:MAX_GRAPH_CLAIMS]
    claim_nodes: list[str] = []
    item_ids: dict[str, str] = {}
    edges: list[str] = []
    left_out: set[str] = set()
    for ci, c in enumerate(claims):
        node = _node_id("c", ci, c.id)
        claim_nodes.append(f'  {node}("{_claim_label(c)}")')
        side = report.before if c.change == "removed" else report.after
        for item, stance in _stances(side, c.id):
            if item not in item_ids:
                if len(item_ids) >= MAX_GRAPH_ITEMS:
                    left_out.add(item)
                    continue
                item_ids[item] = _node_id("e", len(item_ids), item)
            edges.append(f"  {item_ids[item]} -->|{stance}| {node}")
    lines = ["```mermaid", "graph LR", *claim_nodes]
    lines.extend(f'  {node}["{mermaid_label(item)}"]' for item, node in item_ids.items())
    lines.extend(edges)
    lines.append("```")
    notes = []
    if len(report.changes) > len(claims):
        notes.append(f"{plural(len(report.changes) - len(claims), 'more claim')} not drawn")
    if left_out:
        notes.append(f"{plural(len(left_out), 'more evidence item')} not drawn")
    if notes:
        lines.extend(
            [
                "",
                f"_The graph shows at most {MAX_GRAPH_CLAIMS} claims and {MAX_GRAPH_ITEMS} "
                f"evidence items: {'; '.join(notes)}._",
            ]
        )
    return lines


# --- the renderers ---------------------------------------------------------------------


def text(report: DiffReport, style: Style) -> str:
    """``diff --format text``."""
    return diff_text(report)


def json(report: DiffReport, style: Style) -> str:
    """``diff --format json``."""
    return dumps(diff_json(report))


def markdown(report: DiffReport, style: Style) -> str:
    """``diff --format markdown``."""
    return diff_markdown(report)
