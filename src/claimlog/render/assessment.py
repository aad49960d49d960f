"""Assessments as JSON, CSV, Markdown and rich renderables (summary table, show tree).

Every piece of ledger text goes through :func:`literal` and into ``rich.text.Text``
objects, so it is shown as typed: no markup, no escape sequences. Contributions are
shown in units that add up exactly to the move shown (6 decimals of probability in
JSON, tenths of a percentage point in text): the engine's contributions, rounded by
largest remainder.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Container, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from ..credibility import FLAG_TEXT, Assessment, GroupAssessment, ItemAssessment, percent
from ..credibility.origins import shown_line
from .common import (
    Line,
    Style,
    cell_width,
    dumps,
    pad,
    pieces,
    plural,
    rich_text,
    shown,
    styled,
    wrap,
    wrap_boxed,
)
from .safe import code_span, csv_cell, literal, md_text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.tree import Tree

    from ..credibility import Assessed, Sensitivity
    from ..credibility.explain import Contribution, Counted
    from ..ledgerset import LedgerSet
    from . import ShowPage, SummaryPage

VERDICT_STYLE = {
    "supported": "bold green",
    "refuted": "bold red",
    "disputed": "bold yellow",
    "unverified": "bold",  # dim read as disabled, and faded on light themes (a tour)
}
STANCE_ORDER = ("strongly-supports", "supports", "neutral", "refutes", "strongly-refutes")
NONE_OF_THESE = "none of these"


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


def group_dict(g: GroupAssessment) -> dict[str, Any]:
    """A group as ``summary --format json`` lists it: its "none of these" share as
    ``residual`` (0 for an exhaustive group)."""
    return {
        "id": g.id,
        "question": g.question,
        "exhaustive": g.exhaustive,
        "declared": g.declared,
        "claims": list(g.members),
        "residual": {"group": g.id, "probability": shown(g.residual)},
    }


def summary_json(
    assessments: Sequence[Assessment],
    as_of: date | None,
    groups: Mapping[str, GroupAssessment] | None = None,
    undated: int = 0,
) -> dict[str, Any]:
    return {
        "version": 1,
        "as_of": as_of.isoformat() if as_of else None,
        "claims": [summary_dict(a) for a in assessments],
        "groups": [group_dict(g) for g in (groups or {}).values()],
        "undated": undated,
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
            "undated",
        ]
    )
    for a in assessments:
        writer.writerow(
            [
                csv_cell(a.id),
                csv_cell(a.group or ""),
                csv_cell(a.statement),
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
                a.undated,
            ]
        )
    return out.getvalue()


def _with_residuals(
    assessments: Sequence[Assessment], groups: Mapping[str, GroupAssessment]
) -> list[Assessment | GroupAssessment]:
    """The rows, each open group's "none of these" after the last of its claims."""
    out: list[Assessment | GroupAssessment] = []
    for i, a in enumerate(assessments):
        out.append(a)
        last = i + 1 == len(assessments) or assessments[i + 1].group != a.group
        g = groups.get(a.group or "")
        if last and g is not None and not g.exhaustive and g.residual_prior > 0:
            out.append(g)
    return out


def summary_markdown(
    assessments: Sequence[Assessment],
    groups: Mapping[str, GroupAssessment] | None = None,
    as_of: date | None = None,
    undated: int = 0,
) -> str:
    """The summary as a Markdown table (a pull request's comment); under ``--as-of``,
    headed by its date and followed by how many undated items it left out."""
    lines = [f"*As of {as_of.isoformat()}.*", ""] if as_of is not None else []
    lines += [
        "| claim | group | verdict | likelihood | for / against | origins | flags |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in _with_residuals(assessments, groups or {}):
        if isinstance(row, GroupAssessment):
            lines.append(
                f"| *{NONE_OF_THESE}* | {md_text(row.id)} | | {_residual_label(row)} | | | |"
            )
            continue
        a = row
        lines.append(
            f"| {code_span(a.id)} {md_text(a.statement)} | {md_text(a.group or '')} | {a.verdict} "
            f"| {a.label} ({percent(a.probability)}) | {a.supports} / {a.refutes} "
            f"| {a.independent_origins} | {', '.join(a.flags)} |"
        )
    if as_of is not None and undated:
        lines += ["", f"*{_undated_note(as_of, undated)}*"]
    if _short_of_whole(assessments, groups or {}):
        lines += ["", f"*{ROUNDED_NOTE}*"]
    return "\n".join(lines) + "\n"


def _residual_label(g: GroupAssessment) -> str:
    return f"{g.residual_label} ({percent(g.residual)})"


def summary_lines(
    assessments: Sequence[Assessment],
    as_of: date | None,
    width: int,
    groups: Mapping[str, GroupAssessment] | None = None,
    undated: int = 0,
) -> list[Line]:
    """The summary as styled lines that fit ``width`` columns (display cells, so wide
    characters count double): a box-drawn table, one row per claim with its statement
    wrapped beneath it and a section per competing-hypotheses group (its question, and
    for an open group a row for "none of these"); when the table cannot fit without
    splitting an id mid-word, one block per claim instead. Drawn directly (not with
    rich's Table), so thousands of rows take milliseconds."""
    return list(_summary_lines(assessments, as_of, width, groups or {}, undated))


def _summary_lines(
    assessments: Sequence[Assessment],
    as_of: date | None,
    width: int,
    found: Mapping[str, GroupAssessment],
    undated: int,
) -> Iterator[Line]:
    """The lines of ``summary_lines``, one at a time (a table of many thousands of
    claims is written as it is drawn, never held whole as lines)."""
    rows = _with_residuals(assessments, found)
    cells = [_cells(r) for r in rows]
    widths = _fit(cells, width)
    title = "Credibility summary" + (f" as of {as_of.isoformat()}" if as_of else "")
    yield [(title, "bold italic")]
    if widths is None:
        yield from _stacked(rows, found, width)
    else:
        yield from _table(rows, cells, widths, found)
    if as_of is not None and undated:
        for part in wrap(_undated_note(as_of, undated), width):
            yield [(part, "dim")]
    if _short_of_whole(assessments, found):
        for part in wrap(ROUNDED_NOTE, width):
            yield [(part, "dim")]


ROUNDED_NOTE: Final = (
    "Percentages are rounded down, so those of an exhaustive group may add up to less than 100%."
)


def _short_of_whole(
    assessments: Sequence[Assessment], found: Mapping[str, GroupAssessment]
) -> bool:
    """Whether an exhaustive group whose every claim is shown reads as less than 100%
    once its percentages are rounded down (a tour: 30% and 69% of a group of which one
    claim must be true)."""
    from ..credibility import quantize

    shown: dict[str, list[float]] = {}
    for a in assessments:
        if a.group is not None:
            shown.setdefault(a.group, []).append(a.probability)
    for gid, ps in shown.items():
        g = found.get(gid)
        whole = g is not None and g.exhaustive and len(ps) == len(g.members)
        if whole and round(sum(quantize(p, 2) for p in ps) * 100) < 100:
            return True
    return False


def _undated_note(as_of: date, undated: int) -> str:
    return (
        f"{plural(undated, 'undated item')} left out: as of {as_of.isoformat()} only dated "
        "items count (give them a date to count them)."
    )


_HEAD = ("claim", "verdict", "likelihood", "for/against", "origins", "flags")
_GIVING_WAY = (2, 5)
"""The columns that give way to keep ids whole: the likelihood, then the flags."""
_MIN_WIDTH = 20
"""Below this many columns nothing is squeezed further (lines may be longer)."""


def _fit(cells: Sequence[tuple[str, ...]], width: int) -> list[int] | None:
    """Column widths of a table that fits ``width``, or None when it cannot fit without
    splitting an id within a word (then the summary is stacked)."""
    widths = [
        max([len(h)] + [cell_width(part) for r in cells for part in r[k].split("\n")])
        for k, h in enumerate(_HEAD)
    ]
    longest = 0  # the widest piece of an id (ids wrap between pieces), when needed
    if widths[0] > 40:
        # Ids longer than 40 cells wrap after their hyphens; a piece longer than that
        # widens the column (it broke the table's borders; a tour).
        longest = _widest_piece(cells)
        widths[0] = min(widths[0], max(40, longest))
    excess = sum(widths) + 3 * len(widths) + 1 - width
    if excess <= 0:
        return widths
    # When that keeps every id whole, the likelihood, then the flags, give way, each
    # cell to two lines at most (the percentage below the words; a flag broken after
    # one hyphen): an id split over two lines cannot be found in a saved summary or a
    # CI log (a tour: at 120 columns, the width of files and CI, three sample ids broke).
    spare = {k: widths[k] - _least(k, cells) for k in _GIVING_WAY}
    if sum(max(0, room) for room in spare.values()) >= excess:
        for k in _GIVING_WAY:
            give = min(excess, max(0, spare[k]))
            widths[k] -= give
            excess -= give
        return widths
    # Else the claim column gives way, down to 16 cells (ids wrap after hyphens, never
    # inside a word); a terminal narrower than that gets one block per claim.
    widths[0] = max(longest or _widest_piece(cells), widths[0] - excess)
    if sum(widths) + 3 * len(widths) + 1 <= width:
        return widths
    return None


def _widest_piece(cells: Sequence[tuple[str, ...]]) -> int:
    """The widest piece of a claim's id (ids wrap between pieces), 16 at least."""
    return max([16] + [cell_width(w) for r in cells for w in pieces(r[0])])


def _least(k: int, cells: Sequence[tuple[str, ...]]) -> int:
    """The narrowest column ``k`` (the likelihood or the flags) can be with each cell on
    two lines at most: the likelihood's words above its percentage, a flag broken after
    one of its hyphens (each distinct text measured once: 100,000 rows hold a few)."""
    texts = {text for r in (_HEAD, *cells) for text in r[k].split("\n")}
    if k == 2:
        return max(cell_width(part) for text in texts for part in text.rsplit(" ", 1))
    return max(_two_lines(flag) for flag in texts)


def _two_lines(text: str) -> int:
    """The fewest cells ``text`` fits in on at most two lines, broken after a hyphen."""
    words = re.findall(r"[^-]*-?", text)
    best = cell_width(text)
    for k in range(1, len(words)):
        head, tail = "".join(words[:k]), "".join(words[k:])
        if head and tail:
            best = min(best, max(cell_width(head), cell_width(tail)))
    return best


def _table(
    rows: Sequence[Assessment | GroupAssessment],
    cells: Sequence[tuple[str, ...]],
    widths: list[int],
    found: Mapping[str, GroupAssessment],
) -> Iterator[Line]:
    inner = sum(widths) + 3 * len(widths) - 1  # between the outer borders
    yield _rule(widths, "┌", "┬", "┐")
    yield from _row(widths, _HEAD, ["bold"] * len(_HEAD))
    group: str | None = None
    for i, (row, texts) in enumerate(zip(rows, cells, strict=True)):
        if isinstance(row, GroupAssessment):
            yield from _row(widths, texts, ["italic", "", "", "", "", ""])
            continue
        a = row
        if i == 0 or a.group != group:
            yield _rule(widths, "├", "┼", "┤")
            group = a.group
            if a.group is not None:
                yield from _span(inner, _group_heading(a.group, found.get(a.group)), "bold cyan")
        yield from _row(widths, texts, ["bold", VERDICT_STYLE[a.verdict], "", "", "", "yellow"])
        yield from _span(inner, literal(a.statement), "italic", indent=2)
    yield _rule(widths, "└", "┴", "┘")


def _stacked(
    rows: Sequence[Assessment | GroupAssessment],
    found: Mapping[str, GroupAssessment],
    width: int,
) -> list[Line]:
    """One block per claim, for a terminal too narrow for the table."""
    room = max(width, _MIN_WIDTH)
    lines: list[Line] = []
    group: str | None = None
    for i, row in enumerate(rows):
        if isinstance(row, GroupAssessment):
            # At the level of the claims' ids: a row of the group, not of its last claim.
            text = f"({NONE_OF_THESE}) {_residual_label(row)}"
            lines += [[(part, "italic")] for part in wrap(text, room)]
            continue
        a = row
        if i == 0 or a.group != group:
            lines.append([("", "")])
            group = a.group
            if a.group is not None:
                heading = _group_heading(a.group, found.get(a.group))
                lines += [[(part, "bold cyan")] for part in wrap(heading, room)]
        lines += [[(part, "bold")] for part in wrap(literal(a.id), room)]
        facts = (
            f"{a.verdict}, {a.label} ({percent(a.probability)}), "
            f"{a.supports} for / {a.refutes} against, {plural(a.independent_origins, 'origin')}"
        )
        lines += [[("  " + part, VERDICT_STYLE[a.verdict])] for part in wrap(facts, room - 2)]
        if a.flags:
            flags = "flags: " + ", ".join(a.flags)
            # Flag names are words: wrapped at spaces, never after their hyphens.
            lines += [[("  " + part, "yellow")] for part in wrap(flags, room - 2, after="")]
        lines += [[("  " + part, "italic")] for part in wrap(literal(a.statement), room - 2)]
    return lines


def _cells(row: Assessment | GroupAssessment) -> tuple[str, ...]:
    if isinstance(row, GroupAssessment):
        return (f"({NONE_OF_THESE})", "", _residual_label(row), "", "", "")
    return (
        literal(row.id),
        row.verdict,
        f"{row.label} ({percent(row.probability)})",
        f"{row.supports}/{row.refutes}",
        str(row.independent_origins),
        "\n".join(row.flags),  # one flag a line
    )


def _group_heading(gid: str, g: GroupAssessment | None) -> str:
    text = f"group: {literal(gid)}"
    if g is not None and g.question:
        text += f": {literal(g.question)}"
    if g is not None and g.exhaustive:
        text += " (exhaustive)"
    return text


_RIGHT_ALIGNED = {3, 4}
"""The summary's columns aligned right (the counts)."""


def _rule(widths: Sequence[int], left: str, mid: str, end: str) -> Line:
    return [(left + mid.join("─" * (w + 2) for w in widths) + end, "dim")]


def _span(inner: int, text: str, style: str, indent: int = 0) -> list[Line]:
    """A line across the whole table, wrapped."""
    room = max(10, inner - 2 - indent)
    return [
        [("│ ", "dim"), (" " * indent + pad(part, room), style), (" │", "dim")]
        for part in wrap_boxed(text, room)
    ]


def _row(widths: Sequence[int], cells: Sequence[str], styles: Sequence[str]) -> list[Line]:
    """One row of cells, each wrapped in its column."""
    wrapped = [
        [part for piece in cell.split("\n") for part in wrap(piece, w)]
        for cell, w in zip(cells, widths, strict=True)
    ]
    out = []
    for i in range(max(len(c) for c in wrapped)):
        line: Line = [("│", "dim")]
        for k, (cell, w) in enumerate(zip(wrapped, widths, strict=True)):
            text = cell[i] if i < len(cell) else ""
            padded = pad(text, w, right=k in _RIGHT_ALIGNED)
            line += [(" ", ""), (padded, styles[k] if text else ""), (" │", "dim")]
        out.append(line)
    return out


def _source_label(ls: LedgerSet, sid: str) -> str:
    if sid in ls.sources:
        src = ls.source(sid)
        return f"{src.name} [{src.reliability}]"
    return f"{sid} [?]"


def moved_through(ls: LedgerSet, assessed: Assessed, cid: str, eid: str) -> str | None:
    """How an item neutral on claim ``cid`` moved it, since its own stance moves nothing
    (an analyst read "-12.1  x  neutral"): through the stance it takes up from what it
    rests on (an echo, :meth:`~claimlog.credibility.Engine.shadows`), else through its
    stances on the claim's rivals. None when it has neither."""
    taken = [x.stance for x in assessed.shadows.get(eid, ()) if x.claim == cid]
    if taken:
        return f"takes up '{taken[0]}' here from what it rests on"
    on = stances_text(ls, assessed, eid, leave_out=cid)
    return f"moves it as rival's evidence: {on}" if on else None


def stances_text(ls: LedgerSet, assessed: Assessed, eid: str, leave_out: str | None = None) -> str:
    """An item's stances on the claims of the set, as ``show`` lists a rival's item
    (``supports b, refutes c``); with ``leave_out``, not on that claim nor neutral."""
    stances = ls.item(eid).stance
    return ", ".join(
        f"{stances[c]} {literal(c)}"
        for c in sorted(stances)
        if c in assessed.claims
        and (leave_out is None or (c != leave_out and stances[c] != "neutral"))
    )


def contributions_shown(
    assessed: Assessed, a: Assessment, places: int, found: Sequence[Contribution] | None = None
) -> dict[str, float]:
    """Each item's contribution to claim ``a`` (its own items and its rivals'), rounded to
    ``places`` decimals of probability so that they add up exactly to the move shown:
    the probability and the prior, each rounded down to ``places`` decimals. ``found``:
    the contributions, when the caller has them."""
    from ..credibility.explain import contributions, shown_move, split_exactly

    if found is None:
        found = contributions(assessed, a.id)
    values = split_exactly(
        [c.points for c in found], shown_move(a.prior, a.probability, places), 10.0**-places
    )
    return {c.item: v for c, v in zip(found, values, strict=True)}


def _rival_items(assessed: Assessed, a: Assessment) -> list[Contribution]:
    """The items of rival claims that move ``a`` (they bear on its group, not on it)."""
    from ..credibility.explain import contributions

    own = {i.id for i in a.items}
    return [c for c in contributions(assessed, a.id) if c.item not in own]


def item_dict(
    ls: LedgerSet, i: ItemAssessment, contribution: float = 0.0, relays: int | None = None
) -> dict[str, Any]:
    """An item as ``show --format json`` has it; with ``relays``, only that many of its
    ``via`` (and their number as ``via_count``), for a page that shows no more."""
    item = ls.item(i.id)
    via = i.via if relays is None else i.via[:relays]
    out = {
        "id": i.id,
        "summary": item.summary,
        "stance": i.stance,
        "source": _source_dict(ls, i.origin),
        "via": [_source_dict(ls, v) for v in via],
        "credibility": item.credibility,
        "date": item.date.isoformat() if item.date else None,
        "url": item.url,
        "weight": shown(i.weight),
        "evidence_for": shown(i.evidence_for),
        "evidence_against": shown(i.evidence_against),
        "line": i.line,
        "interested": i.interested,
        "claimant": i.claimant,
        "interest": i.interest,
        "test": i.test,
        "counted": i.counted,
        "excluded": i.excluded,
        "contribution": contribution,
    }
    if relays is not None:
        out["via_count"] = len(i.via)
    return out


def _source_dict(ls: LedgerSet, sid: str) -> dict[str, Any]:
    if sid in ls.sources:
        src = ls.source(sid)
        return {"id": sid, "name": src.name, "reliability": src.reliability}
    return {"id": sid, "name": None, "reliability": None}


def show_json(page: ShowPage) -> dict[str, Any]:
    a, assessed = page.claim, page.assessed
    moved = contributions_shown(assessed, a, 6) if assessed else {}
    rivals = _rival_items(assessed, a) if assessed else []
    sensitivity = assessed.sensitivity(a.id) if assessed else ()
    return show_dict(page.ledger_set, page, moved, rivals, sensitivity)


def show_dict(
    ls: LedgerSet,
    page: ShowPage,
    moved: dict[str, float],
    rivals: Sequence[Contribution],
    sensitivity: Sequence[Sensitivity],
    relays: int | None = None,
) -> dict[str, Any]:
    """``show --format json`` of ``page``'s claim, given its contributions in millionths
    (``moved``), the rival claims' items that move it and its sensitivity (the report
    builds the same dictionary from contributions it computed once, with at most
    ``relays`` of each item's ``via``: :func:`item_dict`)."""
    a, assessed = page.claim, page.assessed
    claim = summary_dict(a)
    claim["prior"] = shown(a.prior)
    group = assessed.groups.get(a.group or "") if assessed else None
    return {
        "version": 1,
        "as_of": page.as_of.isoformat() if page.as_of else None,
        "claim": claim,
        "rule": a.rule,
        "items": [item_dict(ls, i, moved.get(i.id, 0.0), relays) for i in a.items],
        "rivals": [_rival_dict(ls, c, moved) for c in rivals],
        "competing": [
            {
                "id": r.id,
                "verdict": r.verdict,
                "label": r.label,
                "probability": shown(r.probability),
            }
            for r in page.rivals
        ],
        "residual": (
            {"group": group.id, "probability": shown(group.residual)}
            if group is not None and group.residual_prior > 0
            else None
        ),
        "sensitivity": [
            {"item": e.item, "change": e.change, "verdict": e.verdict, "grade": e.grade}
            for e in sensitivity
        ],
        "undated": a.undated,
        "flags": [{"flag": f, "meaning": FLAG_TEXT[f]} for f in a.flags],
    }


def _rival_dict(ls: LedgerSet, c: Contribution, moved: dict[str, float]) -> dict[str, Any]:
    item = ls.item(c.item)
    return {
        "id": c.item,
        "summary": item.summary,
        "claims": list(c.claims),
        "stance": {cid: item.stance[cid] for cid in c.claims},
        "source": _source_dict(ls, item.source),
        "contribution": moved.get(c.item, 0.0),
    }


def unmoved_text(
    ls: LedgerSet,
    a: Assessment,
    eid: str,
    claims: Container[str],
    moved: float,
    counted: Counted | None = None,
) -> str:
    """Why a counted item of claim ``a`` is shown moving it by nothing, in ``show`` and
    the report (explain.unmoved_reason); ``counted``: :func:`counted_of` ``a``, made once
    by a caller that asks for many items."""
    from ..credibility.explain import unmoved_reason

    same_way = _same_way_on_rivals(ls, a.id, eid, claims)
    return unmoved_reason(eid, counted or counted_of(a), same_way, moved)


def counted_of(a: Assessment) -> Counted:
    """The counted items of claim ``a``, for :func:`unmoved_text`."""
    from ..credibility.explain import counted_index

    return counted_index(
        (i.id, i.line, i.evidence_for > 0, i.evidence_against > 0) for i in a.items if i.counted
    )


def _same_way_on_rivals(ls: LedgerSet, cid: str, eid: str, claims: Container[str]) -> bool:
    """Whether item ``eid`` bears on another claim of ``cid``'s group the way it bears
    on ``cid``."""
    from ..credibility.tables import STANCE

    group = ls.claim(cid).group
    stance = ls.item(eid).stance
    way = STANCE[stance[cid]][0]
    return group is not None and any(
        c != cid and c in claims and ls.claim(c).group == group and STANCE[s][0] == way
        for c, s in stance.items()
    )


def _points(x: float) -> str:
    """Probability as percentage points with one decimal and a sign: ``+12.3``."""
    return f"{x * 100:+.1f}"


def _pct(x: float) -> str:
    """A probability as a percentage with one decimal, rounded down like the engine (and
    with more just above 55% or 95%, where the label changes)."""
    from ..credibility.tables import percent_tenths

    return percent_tenths(x)


def show_tree(page: ShowPage) -> list[RenderableType]:
    from rich.text import Text

    ls, a, assessed = page.ledger_set, page.claim, page.assessed
    head = Text()
    head.append(literal(a.id), style="bold")
    head.append("  ")
    head.append(a.verdict, style=VERDICT_STYLE[a.verdict])
    head.append(f"  {a.label} ({_pct(a.probability)})")
    parts: list[RenderableType] = [head, Text(literal(a.statement), style="italic")]
    group = assessed.groups.get(a.group or "") if assessed else None
    if a.group:
        parts.append(Text(_group_heading(a.group, group)))
    if a.recorded_verdict:
        parts.append(Text(f"recorded verdict: {a.recorded_verdict}"))
    if page.as_of:
        left = f"; {plural(a.undated, 'undated item')} left out" if a.undated else ""
        parts.append(Text(f"as of {page.as_of.isoformat()}{left}"))
    parts.append(Text(f"Why: {a.rule}"))
    if assessed is not None:
        parts.append(_moves(ls, assessed, a))
    parts.append(_evidence_tree(ls, a))
    if page.rivals or group is not None:
        parts.append(_rivals(page.rivals, group))
    if assessed is not None:
        parts.append(_sensitivity(assessed, a))
    if a.flags:
        from rich.tree import Tree

        flags = Tree(Text("flags", style="bold yellow"))
        for f in a.flags:
            flags.add(Text(f"{f}: {FLAG_TEXT[f]}"))
        parts.append(flags)
    return parts


def _moves(ls: LedgerSet, assessed: Assessed, a: Assessment) -> RenderableType:
    """How the claim moved from its prior, item by item (the points add up)."""
    from rich.text import Text
    from rich.tree import Tree

    from ..credibility import quantize
    from ..credibility.explain import contributions

    found = contributions(assessed, a.id)
    moved = contributions_shown(assessed, a, 3, found)
    raw = {c.item: c.points for c in found}
    move = quantize(a.probability, 3) - quantize(a.prior, 3)
    tree = Tree(
        Text(
            f"from the prior {_pct(a.prior)} to {_pct(a.probability)}: {_points(move)} points",
            style="bold",
        )
    )
    if not moved:
        tree.add(Text("no counted evidence moved it", style="dim"))
        return tree
    own = {i.id: i for i in a.items}
    for i in a.items:  # its own items whose line counts through another: listed, at 0
        if i.counted and (i.evidence_for or i.evidence_against) and i.id not in moved:
            moved[i.id] = 0.0
    slight = [eid for eid, points in moved.items() if eid not in own and points == 0]
    moved = {eid: points for eid, points in moved.items() if eid in own or points}
    width = max((len(literal(eid)) for eid in moved), default=0)
    counted: Counted | None = None
    for eid, points in sorted(moved.items(), key=lambda kv: (-abs(kv[1]), kv[0])):
        line = Text()
        line.append(f"{_points(points):>6}  ", style="cyan")
        line.append(literal(eid).ljust(width), style="bold" if eid in own else "")
        if eid in own:
            line.append(f"  {own[eid].stance}")
            how = moved_through(ls, assessed, a.id, eid) if own[eid].stance == "neutral" else None
            if points and how is not None:
                line.append(f"  ({how})", style="dim")
            if not points and (own[eid].evidence_for or own[eid].evidence_against):
                counted = counted or counted_of(a)
                why = unmoved_text(ls, a, eid, assessed.claims, raw.get(eid, 0.0), counted)
                line.append(f"  ({why})", style="dim")
        else:
            line.append(f"  rival's evidence: {stances_text(ls, assessed, eid)}", style="dim")
        tree.add(line)
    if slight:
        tree.add(
            Text(
                f"{plural(len(slight), 'item')} of rival claims moved it by less than 0.05 points",
                style="dim",
            )
        )
    return tree


def _rivals(rivals: Sequence[Assessment], group: GroupAssessment | None) -> RenderableType:
    from rich.text import Text
    from rich.tree import Tree

    title = f"competing claims in group '{literal(group.id)}'" if group else "competing claims"
    tree = Tree(Text(title, style="bold"))
    for r in rivals:
        line = Text(f"{literal(r.id)}  ")
        line.append(r.verdict, style=VERDICT_STYLE[r.verdict])
        line.append(f"  {r.label} ({_pct(r.probability)})")
        tree.add(line)
    if group is not None and group.residual_prior > 0:
        # in tenths, as the claims above it (a tour: 7.8% and 5.9% above "9%")
        residual = f"{group.residual_label} ({_pct(group.residual)})"
        tree.add(Text(f"{NONE_OF_THESE}: {residual}", style="italic"))
    return tree


def _sensitivity(assessed: Assessed, a: Assessment) -> RenderableType:
    from rich.text import Text
    from rich.tree import Tree

    entries = assessed.sensitivity(a.id)
    tree = Tree(Text("sensitivity", style="bold"))
    if not entries and "has-errors" in a.flags:
        # capped, not stable: an analyst read "would change nothing" of such a claim
        tree.add(Text("not weighed: the claim's verdict waits on its errors (has-errors)"))
    elif not entries:
        tree.add(
            Text(
                "no single item, and no one-notch change of an item's grades, would change "
                "the verdict"
            )
        )
    for e in entries:
        if e.change == "remove":
            what = f"without '{literal(e.item)}'"
        elif e.change == "source-grade":
            what = f"with '{literal(e.item)}' from a source graded {e.grade}"
        else:
            what = f"with '{literal(e.item)}' graded {e.grade} for credibility"
        tree.add(Text(f"{what}, the verdict would be {e.verdict}"))
    return tree


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
    lines = {i.line for i in a.items if i.counted and (i.evidence_for or i.evidence_against)}
    counted = sum(1 for i in a.items if i.counted and (i.evidence_for or i.evidence_against))
    if counted > len(lines) or len(lines) > 1:
        # A tour added the items' dB and did not get the Why line's figures.
        tree.add(Text(POOLING_NOTE, style="dim"))
    return tree


POOLING_NOTE: Final = (
    "dB: each item's own weight of evidence (its stance's weight, scaled by its quality "
    "and interest). Items of one line of reporting count once, as their strongest; lines "
    "add, but saturate: the Why line's weights for and against are what they pool to, "
    "not the items' sum."
)


_INTEREST_TEXT = {
    "party": "interested party",
    "self-serving": "self-serving (its own side's word)",
    "admission": "against its own side's interest",
}


def _item_node(ls: LedgerSet, branch: Tree, i: ItemAssessment) -> None:
    """One evidence item under its stance: summary, chain, facts, URL."""
    from rich.text import Text

    item = ls.item(i.id)
    label = Text()
    label.append(literal(i.id), style="bold" if i.counted else "dim strike")
    if i.excluded:
        label.append(f"  not counted: {i.excluded}", style="dim")
    node = branch.add(label)
    node.add(Text(literal(item.summary)))
    chain = " -> ".join(literal(_source_label(ls, s)) for s in (i.origin, *i.via))
    node.add(Text(f"chain: {chain}"))
    weight = i.evidence_for or i.evidence_against
    facts = f"credibility {item.credibility}, quality {i.weight:.2f}, {weight:.1f} dB"
    if i.test != "straw":
        facts += f", test {i.test}"
    facts += f", line {literal(shown_line(i.line))}"
    if item.date:
        facts += f", dated {item.date.isoformat()}"
    if i.interest in _INTEREST_TEXT:
        facts += f", {_INTEREST_TEXT[i.interest]}"
    if i.weighed != i.interest:  # a quote copy's interest: weighed as its own word
        facts += ", through a quote copy (weighed as its own source's word)"
    node.add(Text(facts))
    if item.url:
        node.add(Text(literal(item.url), style="blue"))


# --- the renderers ---------------------------------------------------------------------


def summary_table(page: SummaryPage, style: Style) -> str:
    """``summary --format table``; a sentence instead of an empty table."""
    if not page.rows:
        return styled(_no_rows(page, style.text_width()), style)
    lines = _summary_lines(page.rows, page.as_of, style.text_width(), page.groups, page.undated)
    return styled(lines, style)


def _no_rows(page: SummaryPage, width: int) -> list[Line]:
    title = "Credibility summary" + (f" as of {page.as_of.isoformat()}" if page.as_of else "")
    return [[(title, "bold italic")], *([(part, "")] for part in wrap(_none_shown(page), width))]


def _none_shown(page: SummaryPage) -> str:
    """Why ``summary`` shows no claim: the set has none, none passes the filters, or
    none could be read (a tour: a file with a syntax error read "No claims in the
    ledger set", while ``show`` named its claim as having errors)."""
    if page.filters:
        return f"No claim matches {' and '.join(page.filters)}."
    if page.flawed:
        return "No claim could be assessed: the ledger set has errors (run 'claimlog check')."
    return "No claims in the ledger set."


def summary_json_text(page: SummaryPage, style: Style) -> str:
    """``summary --format json``."""
    return dumps(summary_json(page.rows, page.as_of, page.groups, page.undated))


def summary_markdown_text(page: SummaryPage, style: Style) -> str:
    """``summary --format markdown``; a sentence instead of an empty table."""
    if not page.rows:
        dated = f"*As of {page.as_of.isoformat()}.*\n\n" if page.as_of is not None else ""
        return f"{dated}*{_none_shown(page)}*\n"
    return summary_markdown(page.rows, page.groups, page.as_of, page.undated)


def summary_csv_text(page: SummaryPage, style: Style) -> str:
    """``summary --format csv``."""
    return summary_csv(page.rows)


def show_text(page: ShowPage, style: Style) -> str:
    """``show --format text``."""
    return rich_text(show_tree(page), style)


def show_json_text(page: ShowPage, style: Style) -> str:
    """``show --format json``."""
    return dumps(show_json(page))
