"""Assessments as JSON, CSV, Markdown and rich renderables (summary table, show tree).

Every piece of ledger text goes through :func:`literal` and into ``rich.text.Text``
objects, so it is shown as typed: no markup, no escape sequences.
"""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ..credibility import FLAG_TEXT, Assessment, ItemAssessment, percent
from .common import Line, Style, dumps, rich_text, shown, styled
from .safe import code_span, literal, md_text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.tree import Tree

    from ..ledgerset import LedgerSet
    from . import ShowPage, SummaryPage

VERDICT_STYLE = {
    "supported": "bold green",
    "refuted": "bold red",
    "disputed": "bold yellow",
    "unverified": "dim",
}
STANCE_ORDER = ("strongly-supports", "supports", "neutral", "refutes", "strongly-refutes")


def summary_dict(a: Assessment) -> dict[str, Any]:
    """One claim as ``summary --format json`` shows it (a stable shape)."""
    return {
        "id": a.id,
        "statement": a.statement,
        "group": a.group,
        "verdict": a.verdict,
        "label": a.label,
        "probability": shown(a.probability),
        "belief": shown(a.belief),
        "disbelief": shown(a.disbelief),
        "uncertainty": shown(a.uncertainty),
        "contested": a.contested,
        "evidence": {
            "supports": a.supports,
            "refutes": a.refutes,
            "neutral": a.neutral,
            "retracted": a.retracted,
        },
        "independent_origins": a.independent_origins,
        "recorded_verdict": a.recorded_verdict,
        "flags": list(a.flags),
    }


def summary_json(assessments: Sequence[Assessment], as_of: date | None) -> dict[str, Any]:
    return {
        "version": 1,
        "as_of": as_of.isoformat() if as_of else None,
        "claims": [summary_dict(a) for a in assessments],
    }


def summary_csv(assessments: Sequence[Assessment]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "group",
            "statement",
            "verdict",
            "label",
            "probability",
            "uncertainty",
            "contested",
            "supports",
            "refutes",
            "neutral",
            "retracted",
            "independent_origins",
            "recorded_verdict",
            "flags",
        ]
    )
    for a in assessments:
        writer.writerow(
            [
                literal(a.id),
                literal(a.group or ""),
                literal(a.statement),
                a.verdict,
                a.label,
                f"{shown(a.probability):.6f}",
                f"{shown(a.uncertainty):.6f}",
                "true" if a.contested else "false",
                a.supports,
                a.refutes,
                a.neutral,
                a.retracted,
                a.independent_origins,
                a.recorded_verdict or "",
                " ".join(a.flags),  # stable words, never ledger text
            ]
        )
    return out.getvalue()


def summary_markdown(assessments: Sequence[Assessment]) -> str:
    lines = [
        "| claim | group | verdict | likelihood | for / against | origins | flags |",
        "|---|---|---|---|---|---|---|",
    ]
    for a in assessments:
        lines.append(
            f"| {code_span(a.id)} {md_text(a.statement)} | {md_text(a.group or '')} | {a.verdict} "
            f"| {a.label} ({percent(a.probability)}) | {a.supports} / {a.refutes} "
            f"| {a.independent_origins} | {', '.join(a.flags)} |"
        )
    return "\n".join(lines) + "\n"


def summary_lines(assessments: Sequence[Assessment], as_of: date | None, width: int) -> list[Line]:
    """The summary as a box-drawn table of styled lines: one row per claim with its
    statement wrapped beneath it, a section per competing-hypotheses group. Drawn
    directly (not with rich's Table), so thousands of rows take milliseconds."""
    head = ("claim", "verdict", "likelihood", "for/against", "origins", "flags")
    rows = [
        (
            literal(a.id),
            a.verdict,
            f"{a.label} ({percent(a.probability)})",
            f"{a.supports}/{a.refutes}",
            str(a.independent_origins),
            "\n".join(a.flags),  # one flag a line
        )
        for a in assessments
    ]
    widths = [
        max([len(h)] + [len(part) for r in rows for part in r[k].split("\n")])
        for k, h in enumerate(head)
    ]
    widths[0] = min(widths[0], 40)
    # On a narrow terminal the claim column gives way first (long ids fold).
    excess = sum(widths) + 3 * len(widths) + 1 - width
    if excess > 0:
        widths[0] = max(16, widths[0] - excess)
    inner = sum(widths) + 3 * len(widths) - 1  # between the outer borders

    title = "Credibility summary" + (f" as of {as_of.isoformat()}" if as_of else "")
    lines: list[Line] = [[(title, "bold italic")], _rule(widths, "┌", "┬", "┐")]
    lines += _row(widths, head, ["bold"] * len(head))
    group: str | None = None
    for i, (a, cells) in enumerate(zip(assessments, rows, strict=True)):
        if i == 0 or a.group != group:
            lines.append(_rule(widths, "├", "┼", "┤"))
            group = a.group
            if a.group is not None:
                lines += _span(inner, f"group: {literal(a.group)}", "bold cyan")
        lines += _row(widths, cells, ["bold", VERDICT_STYLE[a.verdict], "", "", "", "yellow"])
        lines += _span(inner, literal(a.statement), "italic", indent=2)
    lines.append(_rule(widths, "└", "┴", "┘"))
    return lines


_RIGHT_ALIGNED = {3, 4}
"""The summary's columns aligned right (the counts)."""


def _rule(widths: Sequence[int], left: str, mid: str, end: str) -> Line:
    return [(left + mid.join("─" * (w + 2) for w in widths) + end, "dim")]


def _span(inner: int, text: str, style: str, indent: int = 0) -> list[Line]:
    """A line across the whole table, wrapped."""
    room = max(10, inner - 2 - indent)
    return [
        [("│ ", "dim"), (" " * indent + part.ljust(room), style), (" │", "dim")]
        for part in textwrap.wrap(text, room, break_on_hyphens=False) or [""]
    ]


def _row(widths: Sequence[int], cells: Sequence[str], styles: Sequence[str]) -> list[Line]:
    """One row of cells, each wrapped in its column."""
    wrapped = [
        [
            part
            for piece in cell.split("\n")
            for part in textwrap.wrap(piece, w, break_on_hyphens=False) or [""]
        ]
        for cell, w in zip(cells, widths, strict=True)
    ]
    out = []
    for i in range(max(len(c) for c in wrapped)):
        line: Line = [("│", "dim")]
        for k, (cell, w) in enumerate(zip(wrapped, widths, strict=True)):
            text = cell[i] if i < len(cell) else ""
            padded = text.rjust(w) if k in _RIGHT_ALIGNED else text.ljust(w)
            line += [(" ", ""), (padded, styles[k] if text else ""), (" │", "dim")]
        out.append(line)
    return out


def _source_label(ls: LedgerSet, sid: str) -> str:
    if sid in ls.sources:
        src = ls.source(sid)
        return f"{src.name} [{src.reliability}]"
    return f"{sid} [?]"


def item_dict(ls: LedgerSet, i: ItemAssessment) -> dict[str, Any]:
    item = ls.item(i.id)
    return {
        "id": i.id,
        "summary": item.summary,
        "stance": i.stance,
        "source": _source_dict(ls, i.origin),
        "via": [_source_dict(ls, v) for v in i.via],
        "credibility": item.credibility,
        "date": item.date.isoformat() if item.date else None,
        "url": item.url,
        "weight": shown(i.weight),
        "evidence_for": shown(i.evidence_for),
        "evidence_against": shown(i.evidence_against),
        "line": i.line,
        "interested": i.interested,
        "claimant": i.claimant,
        "counted": i.counted,
        "excluded": i.excluded,
        "contribution": shown(i.contribution),
    }


def _source_dict(ls: LedgerSet, sid: str) -> dict[str, Any]:
    if sid in ls.sources:
        src = ls.source(sid)
        return {"id": sid, "name": src.name, "reliability": src.reliability}
    return {"id": sid, "name": None, "reliability": None}


def show_json(
    ls: LedgerSet, a: Assessment, rivals: Sequence[Assessment], as_of: date | None
) -> dict[str, Any]:
    claim = summary_dict(a)
    claim["prior"] = shown(a.prior)
    return {
        "version": 1,
        "as_of": as_of.isoformat() if as_of else None,
        "claim": claim,
        "items": [item_dict(ls, i) for i in a.items],
        "competing": [
            {
                "id": r.id,
                "verdict": r.verdict,
                "label": r.label,
                "probability": shown(r.probability),
            }
            for r in rivals
        ],
        "flags": [{"flag": f, "meaning": FLAG_TEXT[f]} for f in a.flags],
    }


def reasons(a: Assessment) -> list[str]:
    """The assessment in plain sentences."""
    out = [
        f"{a.label} ({percent(a.probability)}) from a prior of {percent(a.prior)}; "
        f"uncertainty {a.uncertainty:.2f}.",
        f"{a.supports} item(s) for and {a.refutes} against, from "
        f"{a.independent_origins} independent line(s) of reporting"
        + (f"; {a.retracted} retracted item(s) not counted" if a.retracted else "")
        + ".",
    ]
    if a.contested:
        out.append("Credible evidence points both ways.")
    counted = [i for i in a.items if i.counted and i.contribution]
    if counted:
        top = max(counted, key=lambda i: abs(i.contribution))
        out.append(
            f"The item that moves it most is '{literal(top.id)}' "
            f"({top.contribution * 100:+.1f} points)."
        )
    return out


def show_tree(
    ls: LedgerSet, a: Assessment, rivals: Sequence[Assessment], as_of: date | None
) -> list[RenderableType]:
    from rich.text import Text
    from rich.tree import Tree

    head = Text()
    head.append(literal(a.id), style="bold")
    head.append("  ")
    head.append(a.verdict, style=VERDICT_STYLE[a.verdict])
    head.append(f"  {a.label} ({percent(a.probability)})")
    parts: list[RenderableType] = [head, Text(literal(a.statement), style="italic")]
    if a.recorded_verdict:
        parts.append(Text(f"recorded verdict: {a.recorded_verdict}"))
    if as_of:
        parts.append(Text(f"as of {as_of.isoformat()}"))
    for sentence in reasons(a):
        parts.append(Text(f"- {sentence}"))

    parts.append(_evidence_tree(ls, a))
    if rivals:
        group = Tree(Text(f"competing claims in group '{literal(a.group or '')}'", style="bold"))
        for r in rivals:
            line = Text(f"{literal(r.id)}  ")
            line.append(r.verdict, style=VERDICT_STYLE[r.verdict])
            line.append(f"  {r.label} ({percent(r.probability)})")
            group.add(line)
        parts.append(group)
    if a.flags:
        flags = Tree(Text("flags", style="bold yellow"))
        for f in a.flags:
            flags.add(Text(f"{f}: {FLAG_TEXT[f]}"))
        parts.append(flags)
    return parts


def _evidence_tree(ls: LedgerSet, a: Assessment) -> RenderableType:
    """The claim's evidence by stance, each item with its summary, chain and facts."""
    from rich.text import Text
    from rich.tree import Tree

    tree = Tree(Text("evidence", style="bold"))
    for stance in STANCE_ORDER:
        members = [i for i in a.items if i.stance == stance]
        if not members:
            continue
        branch = tree.add(Text(f"{stance} ({len(members)})", style="bold"))
        for i in members:
            _item_node(ls, branch, i)
    if not a.items:
        tree.add(Text("no evidence", style="dim"))
    return tree


def _item_node(ls: LedgerSet, branch: Tree, i: ItemAssessment) -> None:
    """One evidence item under its stance: contribution, summary, chain, facts, URL."""
    from rich.text import Text

    item = ls.item(i.id)
    label = Text()
    label.append(literal(i.id), style="bold" if i.counted else "dim strike")
    label.append(f"  {i.contribution * 100:+.1f} pts", style="cyan")
    if i.excluded:
        label.append(f"  not counted: {i.excluded}", style="dim")
    node = branch.add(label)
    node.add(Text(literal(item.summary)))
    chain = " -> ".join(literal(_source_label(ls, s)) for s in (i.origin, *i.via))
    node.add(Text(f"chain: {chain}"))
    facts = f"credibility {item.credibility}, weight {i.weight:.2f}, evidence "
    if i.evidence_against:
        facts += f"{i.evidence_against:.2f} against"
    else:
        facts += f"{i.evidence_for:.2f} for"
    facts += f", line {i.line}"
    if item.date:
        facts += f", dated {item.date.isoformat()}"
    if i.interested:
        facts += ", interested party"
    if i.claimant:
        facts += ", claimant"
    node.add(Text(literal(facts)))
    if item.url:
        node.add(Text(literal(item.url), style="blue"))


# --- the renderers ---------------------------------------------------------------------


def summary_table(page: SummaryPage, style: Style) -> str:
    """``summary --format table``."""
    return styled(summary_lines(page.rows, page.as_of, style.text_width()), style)


def summary_json_text(page: SummaryPage, style: Style) -> str:
    """``summary --format json``."""
    return dumps(summary_json(page.rows, page.as_of))


def summary_markdown_text(page: SummaryPage, style: Style) -> str:
    """``summary --format markdown``."""
    return summary_markdown(page.rows)


def summary_csv_text(page: SummaryPage, style: Style) -> str:
    """``summary --format csv``."""
    return summary_csv(page.rows)


def show_text(page: ShowPage, style: Style) -> str:
    """``show --format text``."""
    return rich_text(show_tree(page.ledger_set, page.claim, page.rivals, page.as_of), style)


def show_json_text(page: ShowPage, style: Style) -> str:
    """``show --format json``."""
    return dumps(show_json(page.ledger_set, page.claim, page.rivals, page.as_of))
