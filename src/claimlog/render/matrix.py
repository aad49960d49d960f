"""``claimlog matrix``: the ACH matrix as a table, JSON, CSV or Markdown.

A cell shows the item's ACH rating on the claim and its weight (``CC 0.72``; ``-``
for no stance, ``NA`` in JSON and CSV). Ledger text goes through :func:`literal`
(table), :func:`md_text`/:func:`code_span` (Markdown), or is neutralised as a CSV
cell a spreadsheet shows as text.
"""

from __future__ import annotations

import csv
import heapq
import io
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..credibility import percent
from .common import Line, Style, cell_width, dumps, pad, pieces, shown, styled
from .safe import code_span, csv_cell, literal, md_text, one_line

if TYPE_CHECKING:
    from ..credibility.matrix import Cell, Column, Matrix, Row
    from . import MatrixPage

RATING_STYLE = {"CC": "bold green", "C": "green", "N": "", "I": "red", "II": "bold red"}
LEGEND = (
    "CC strongly supports, C supports, N neutral, I refutes, II strongly refutes, "
    "- no stance (NA); each with the item's weight (quality x interest, 0..1). "
    "Rows: most diagnostic first (spread of the item's dB across the claims). "
    "Inconsistency (Heuer): sum of the weights of I ratings, II counting double; "
    "lower is more consistent."
)


def _cell_text(c: Cell) -> str:
    return "-" if c.stance is None else f"{c.rating} {c.weight:.2f}"


def _db(x: float) -> str:
    return f"{x:.1f}"


# --- text helpers (renderers never import one another) -------------------------------


def _wrap(text: str, room: int) -> list[str]:
    """``text`` wrapped to ``room`` cells at spaces and after hyphens; a piece longer
    than the room stands on its own line."""
    room = max(room, 1)
    if cell_width(text) <= room:
        return [text]
    out: list[str] = []
    current = ""
    for word in re.findall(r"\s*[^\s\-._:]*[\-._:]?", text):
        if not word:
            continue
        if current and cell_width((current + word).rstrip()) > room:
            out.append(current.rstrip())
            current = word.lstrip()
        else:
            current += word
    if current.strip() or not out:
        out.append(current.rstrip())
    return out


def _truncate(text: str, room: int) -> str:
    """``text`` on one line of ``room`` cells, cut with '...' when longer."""
    if cell_width(text) <= room:
        return text
    out = ""
    for ch in text:
        if cell_width(out + ch) > max(room - 3, 0):
            break
        out += ch
    return out.rstrip() + "..."


# --- the table ---------------------------------------------------------------------------

_FIRST = ("inconsistency", "probability")
_MIN_CELL = 7  # "CC 0.72"


def _fit(m: Matrix, width: int) -> list[int] | None:
    """Column widths that fit ``width`` (ids wrap only after hyphens), or None."""
    ids = [literal(r.item) for r in m.rows]
    claims = [literal(c.claim) for c in m.columns]
    natural = [max([len("inconsistency")] + [min(cell_width(i), 40) for i in ids])]
    least = [max([len("inconsistency")] + [cell_width(p) for i in ids for p in pieces(i)])]
    natural.append(5)
    least.append(5)
    for cid in claims:
        natural.append(max(_MIN_CELL, min(cell_width(cid), 30)))
        least.append(max([_MIN_CELL] + [cell_width(p) for p in pieces(cid)]))
    widths = [max(n, lo) for n, lo in zip(natural, least, strict=True)]
    excess = sum(widths) + 3 * len(widths) + 1 - width
    slack = [(lo - w, j) for j, (w, lo) in enumerate(zip(widths, least, strict=True))]
    if excess > -sum(s for s, _ in slack):
        return None
    # One character at a time off the column with the most to spare (the first of
    # equals), from a heap: a scan of every column per character took 23 s for a
    # group of 4,000 claims.
    heapq.heapify(slack)
    for _ in range(max(excess, 0)):
        spare, k = heapq.heappop(slack)
        widths[k] -= 1
        heapq.heappush(slack, (spare + 1, k))
    return widths


def _widen(m: Matrix, widths: list[int], width: int) -> list[int]:
    """``widths`` with the evidence column wider, up to ``width`` in all, so that the
    items' summaries (a line each under their rows) are cut only where they must be."""
    longest = max((cell_width(one_line(r.summary)) for r in m.rows), default=0)
    inner = sum(widths) + 3 * len(widths) - 1  # the summary line: "│ " + 2 + text + " │"
    return [widths[0] + max(0, min(longest + 4, width - 2) - inner), *widths[1:]]


def _rule(widths: Sequence[int], left: str, mid: str, end: str) -> Line:
    return [(left + mid.join("─" * (w + 2) for w in widths) + end, "dim")]


def _row(widths: Sequence[int], cells: Sequence[str], styles: Sequence[str]) -> list[Line]:
    wrapped = [_wrap(c, w) for c, w in zip(cells, widths, strict=True)]
    out = []
    for n in range(max(len(c) for c in wrapped)):
        line: Line = [("│", "dim")]
        for k, (parts, w) in enumerate(zip(wrapped, widths, strict=True)):
            text = parts[n] if n < len(parts) else ""
            line += [(" ", ""), (pad(text, w, right=k == 1), styles[k] if text else "")]
            line.append((" │", "dim"))
        out.append(line)
    return out


def _table(m: Matrix, widths: list[int]) -> Iterator[Line]:
    inner = sum(widths) + 3 * len(widths) - 1
    heads = ["evidence", "diag.", *(literal(c.claim) for c in m.columns)]
    yield _rule(widths, "┌", "┬", "┐")
    yield from _row(widths, heads, ["bold"] * len(heads))
    yield _rule(widths, "├", "┼", "┤")
    for r in m.rows:
        cells = [literal(r.item), _db(r.diagnosticity), *(_cell_text(c) for c in r.cells)]
        styles = ["bold", "cyan", *(RATING_STYLE.get(c.rating, "dim") for c in r.cells)]
        yield from _row(widths, cells, styles)
        summary = _truncate(one_line(r.summary), inner - 4)
        yield [("│ ", "dim"), (pad("  " + summary, inner - 2), "dim italic"), (" │", "dim")]
    if m.rows:
        yield _rule(widths, "├", "┼", "┤")
    score = ["inconsistency", "", *(f"{c.inconsistency:.2f}" for c in m.columns)]
    yield from _row(widths, score, ["bold", "", *("yellow" for _ in m.columns)])
    prob = ["probability", "", *(percent(c.probability) for c in m.columns)]
    yield from _row(widths, prob, ["bold", "", *("cyan" for _ in m.columns)])
    yield _rule(widths, "└", "┴", "┘")


def _stacked(m: Matrix, width: int) -> Iterator[Line]:
    """One block per claim, then per item: for a terminal too narrow for the table."""
    room = max(width, 20)
    yield [("claims", "bold")]
    for c in m.columns:
        yield from ([(p, "bold")] for p in _wrap(literal(c.claim), room))
        facts = f"probability {percent(c.probability)}, inconsistency {c.inconsistency:.2f}"
        yield from ([("  " + p, "")] for p in _wrap(facts, room - 2))
    yield from ([(p, "bold")] for p in _wrap("evidence, most diagnostic first", room))
    for r in m.rows:
        yield from ([(p, "bold")] for p in _wrap(literal(r.item), room))
        yield [(f"  diagnosticity {_db(r.diagnosticity)} dB", "cyan")]
        for cell in r.cells:
            text = f"{literal(cell.claim)}: {_cell_text(cell)}"
            for p in _wrap(text, room - 2):
                yield [("  " + p, RATING_STYLE.get(cell.rating, "dim"))]


def _notes(m: Matrix, width: int) -> Iterator[Line]:
    room = max(width, 20)
    for c in m.columns:
        text = f"{literal(c.claim)}: {one_line(c.statement)}"
        for n, p in enumerate(_wrap(text, room - 2)):
            yield [(("  " if n else "") + p, "italic")]
    for g in m.groups:
        if not g.exhaustive:
            text = f"group {literal(g.id)}: none of these {percent(g.residual)}"
            yield from ([(p, "dim")] for p in _wrap(text, room))
    if m.excluded:
        left = ", ".join(f"{literal(e)} ({why})" for e, why in m.excluded)
        yield from ([(p, "dim")] for p in _wrap(f"not counted: {left}", room))
    yield from ([(p, "dim")] for p in _wrap(LEGEND, room))


def table(page: MatrixPage, style: Style) -> str:
    """``matrix --format table``: fits the width, or one block per claim and item. For a
    terminal (``style.terminal``) the table grows to the width as far as the items'
    summaries need; otherwise it is only as wide as its columns need."""
    m = page.matrix
    width = style.text_width()
    title = "ACH matrix" + (f" as of {page.as_of.isoformat()}" if page.as_of else "")
    widths = _fit(m, width)
    if widths is not None and style.terminal:
        widths = _widen(m, widths, width)
    body = _stacked(m, width) if widths is None else _table(m, widths)
    lines: list[Line] = [[(title, "bold italic")], *body, *_notes(m, width)]
    return styled(lines, style)


# --- JSON, CSV, Markdown ------------------------------------------------------------------


def _cell_dict(c: Cell) -> dict[str, Any]:
    return {
        "claim": c.claim,
        "stance": c.stance,
        "rating": c.rating,
        "weight": shown(c.weight),
        "db": round(c.signed, 6),
    }


def _column_dict(c: Column) -> dict[str, Any]:
    return {
        "id": c.claim,
        "statement": c.statement,
        "group": c.group,
        "verdict": c.verdict,
        "label": c.label,
        "probability": shown(c.probability),
        "inconsistency": round(c.inconsistency, 6),
        "inconsistent_items": c.inconsistent_items,
    }


def _row_dict(r: Row) -> dict[str, Any]:
    return {
        "id": r.item,
        "summary": r.summary,
        "source": r.source,
        "diagnosticity": round(r.diagnosticity, 6),
        "cells": [_cell_dict(c) for c in r.cells],
    }


def as_json(page: MatrixPage) -> dict[str, Any]:
    """The documented shape of ``matrix --format json`` (docs/matrix-and-graph.md)."""
    m = page.matrix
    return {
        "version": 1,
        "as_of": page.as_of.isoformat() if page.as_of else None,
        "claims": [_column_dict(c) for c in m.columns],
        "groups": [
            {
                "id": g.id,
                "question": g.question,
                "exhaustive": g.exhaustive,
                "residual": shown(g.residual),
            }
            for g in m.groups
        ],
        "items": [_row_dict(r) for r in m.rows],
        "excluded": [{"id": e, "reason": why} for e, why in m.excluded],
    }


def json_text(page: MatrixPage, style: Style) -> str:
    """``matrix --format json``."""
    return dumps(as_json(page))


def csv_text(page: MatrixPage, style: Style) -> str:
    """``matrix --format csv``: a row per item, then the ``inconsistency`` and
    ``probability`` rows; per claim two columns, its rating and the item's weight."""
    m = page.matrix
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    head = ["row", "id", "source", "diagnosticity"]
    for c in m.columns:
        head += [csv_cell(c.claim), csv_cell(c.claim + " weight")]
    writer.writerow([*head, "summary"])
    for r in m.rows:
        values: list[str] = ["item", csv_cell(r.item), csv_cell(r.source), f"{r.diagnosticity:.6f}"]
        for cell in r.cells:
            values += [cell.rating, "" if cell.stance is None else f"{shown(cell.weight):.6f}"]
        writer.writerow([*values, csv_cell(r.summary)])
    scores = [f"{c.inconsistency:.6f}" for c in m.columns]
    probabilities = [f"{shown(c.probability):.6f}" for c in m.columns]
    for name, figures in (("inconsistency", scores), ("probability", probabilities)):
        values = [name, "", "", ""]
        for figure in figures:
            values += [figure, ""]
        writer.writerow([*values, ""])
    return out.getvalue()


def markdown(page: MatrixPage, style: Style) -> str:
    """``matrix --format markdown``: the table, then the claims' statements."""
    m = page.matrix
    heads = " | ".join(code_span(c.claim) for c in m.columns)
    lines = [
        f"| evidence | diagnosticity (dB) | {heads} |",
        "|---|---:|" + "---|" * len(m.columns),
    ]
    for r in m.rows:
        cells = " | ".join(_cell_text(c) for c in r.cells)
        lines.append(
            f"| {code_span(r.item)} {md_text(r.summary)} | {_db(r.diagnosticity)} | {cells} |"
        )
    lines.append(
        "| **inconsistency** | | " + " | ".join(f"{c.inconsistency:.2f}" for c in m.columns) + " |"
    )
    lines.append(
        "| **probability** | | "
        + " | ".join(f"{c.label} ({percent(c.probability)})" for c in m.columns)
        + " |"
    )
    lines.append("")
    lines += [f"- {code_span(c.claim)}: {md_text(c.statement)}" for c in m.columns]
    for g in m.groups:
        if not g.exhaustive:
            lines.append(f"- none of these ({md_text(g.id)}): {percent(g.residual)}")
    if m.excluded:
        left = ", ".join(f"{code_span(e)} ({md_text(why)})" for e, why in m.excluded)
        lines.append(f"- not counted: {left}")
    lines += ["", md_text(LEGEND)]
    return "\n".join(lines) + "\n"
