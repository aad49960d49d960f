"""``claimlog diff`` as JSON, plain text and a Markdown pull-request comment.

Ledger text is never trusted: in text it goes through :func:`literal`; in Markdown,
ids go into code spans, findings into a fenced code block and graph labels through
Mermaid's entity codes, so a ledger can inject neither HTML nor Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ..credibility import Assessment, percent, percent_points
from ..diagnostics import Diagnostic, noun
from ..diff import SECTION_OF, WORKTREE, ClaimChange, DiffReport, EntryEdit
from ..ledgerset import LedgerSet
from ..model import Entity, Evidence
from .common import Style, cell_width, cut_cells, diagnostic_dict, dumps, plural, shown
from .safe import code_span, literal, md_text, one_line, path_text

MAX_GRAPH_CLAIMS = 20
MAX_GRAPH_ITEMS = 40
MAX_SENTENCE_CLAIMS = 3
COMMENT_MARKER = "<!-- claimlog-diff -->"
"""First line of the Markdown, so that a bot can find and update its own comment."""
MAX_COMMENT_CHARS = 65_536
"""GitHub refuses a comment longer than this: the Markdown is cut to fit, with a note."""
MAX_FINDING_CHARS = 1_000
"""A finding's line in the Markdown is cut to this many characters."""
MAX_BECAUSE = 4
"""Edits named after a claim that moved (the rest counted)."""
MAX_TEXT_CHARS = 300
"""A text shown before and after an edit is cut to this many characters."""
SHOWN_TEXTS = ("statement", "question", "summary", "quote", "name")
"""The fields whose old and new text an edit shows (what an entry says)."""
_RESERVE = 1_000
"""Characters kept, when the Markdown is cut, for the table header, the frames of the
collapsed sections and the closing note."""


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
    """The report as ``diff --format json`` shows it, a stable shape (pass it to ``dumps``):
    exactly the one the design's cli.md gives, so the edited entries are not in it (the
    text and the Markdown show them)."""
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


def _edit_name(e: EntryEdit) -> str:
    return f"{e.kind} '{literal(e.id)}'"


def _because(c: ClaimChange) -> str | None:
    """The edits a moved claim reads, on one line: "source 'x' (reliability); ..."."""
    if not c.because:
        return None
    named = [
        f"{_edit_name(e)} ({', '.join(e.fields)})" if e.fields else f"{_edit_name(e)} {e.change}"
        for e in c.because[:MAX_BECAUSE]
    ]
    if len(c.because) > MAX_BECAUSE:  # the diff keeps one more than it names
        named.append("more")
    return "edits it reads: " + "; ".join(named)


def _cut(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= MAX_TEXT_CHARS else text[: MAX_TEXT_CHARS - 1] + "…"


def edit_lines(report: DiffReport, e: EntryEdit) -> list[str]:
    """An edit as plain lines (ledger text literal): what it is, and for the fields that
    say what an entry says, the text before and after."""
    if e.change != "edited":
        side = report.after if e.change == "added" else report.before
        said = _said(side, e)
        head = f"{_edit_name(e)}: {e.change}"
        return [head] + ([f"  {literal(_cut(said))}"] if said else [])
    lines = [f"{_edit_name(e)}: {', '.join(e.fields)}"]
    for name in e.fields:
        if name in SHOWN_TEXTS:
            old, new = _text(report.before, e, name), _text(report.after, e, name)
            lines += [f"  {name} was: {literal(_cut(old))}", f"  {name} now: {literal(_cut(new))}"]
    return lines


def _said(ls: LedgerSet, e: EntryEdit) -> str | None:
    for name in SHOWN_TEXTS:
        text = _text(ls, e, name)
        if text:
            return text
    return None


def _text(ls: LedgerSet, e: EntryEdit, name: str) -> str:
    section: Mapping[str, Entity] = getattr(ls, SECTION_OF[e.kind])
    entity = section.get(e.id)
    value = getattr(entity.model, name, None) if entity is not None else None
    return value if isinstance(value, str) else ""


def _finding_line(d: Diagnostic) -> str:
    place = f"{path_text(d.path)}:{d.line}:{d.column}"
    return f"{place}: {d.severity.value}[{d.code}] {literal(d.message)}"


def _counts(report: DiffReport) -> str:
    kinds = [c.change for c in report.changes]
    claims = (
        f"{plural(kinds.count('changed'), 'claim')} changed, "
        f"{kinds.count('added')} added, {kinds.count('removed')} removed"
    )
    new, resolved = len(report.new_findings), len(report.resolved_findings)
    edits = plural(len(report.edits), "entry", "entries")
    return (
        f"{claims}; {edits} added, removed or edited; {plural(new, 'new finding')}, "
        f"{resolved} resolved."
    )


def diff_text(report: DiffReport) -> str:
    """Plain lines: each claim that moved, then new and resolved findings, then counts."""
    lines = [
        f"Assessments from {literal(_side_name(report.base, report.base_ref))} "
        f"to {literal(_side_name(report.head, report.head_ref))}:"
    ]
    if report.changes:
        for c in report.changes:
            lines.append(_claim_line(c))
            because = _because(c)
            if because is not None:
                lines.append(f"  {because}")
    else:
        lines.append("No change in assessments.")
    if report.edits:
        lines.append("Entries added, removed or edited:")
        lines.extend(f"  {line}" for e in report.edits for line in edit_lines(report, e))
    for title, found in (
        ("New findings", report.new_findings),
        ("Resolved findings", report.resolved_findings),
    ):
        if found:
            lines.append(f"{title}:")
            lines.extend(f"  {_finding_line(d)}" for d in found)
    lines.append(_counts(report))
    lines.extend(_cautions(report))
    return "\n".join(lines) + "\n"


def _cautions(report: DiffReport, name: Callable[[str], str] = literal) -> list[str]:
    """What the reader should know before trusting the comparison (``name`` shows a path
    in the output's format)."""
    found = (_unread_caution(report, name), _config_caution(report, name))
    return [caution for caution in found if caution]


def _config_caution(report: DiffReport, name: Callable[[str], str] = literal) -> str | None:
    """That the change changes the configuration, which both sides are read with (a
    review: a pull request that excludes a file it edits reads as changing nothing)."""
    if report.config_changed is None:
        return None
    return (
        f"Caution: this change changes the configuration, {name(report.config_changed)}, "
        "and both sides are read with its new version: what it excludes or ignores is "
        "hidden on both. Review it too."
    )


def _unread_caution(report: DiffReport, name: Callable[[str], str] = literal) -> str | None:
    """What an unreadable file of the head means for what looks removed or resolved
    (``name`` shows a path in the output's format)."""
    if not report.unread:
        return None
    files = ", ".join(name(p) for p in report.unread[:3])
    files += f" and {len(report.unread) - 3} more" if len(report.unread) > 3 else ""
    return (
        f"Caution: the head has {plural(len(report.unread), 'file')} that could not be read "
        f"in full ({files}): their claims are missing there, and the checks that need the "
        "whole set did not run, so what is listed as removed or resolved may not be."
    )


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
    if report.edits:
        edited = _edited_words(report.edits)
        if not parts:
            return f"This change {edited} but moves no assessment and changes no finding."
        parts.insert(0, edited)
    if not parts:
        return "This change moves no assessment and changes no finding."
    if len(parts) == 2:
        body = f"{parts[0]} and {parts[1]}"
    else:
        body = parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1]
    return f"This change {body}."


def _edited_words(edits: Sequence[EntryEdit]) -> str:
    """What the change does to entries, in words: "adds 1 entry and edits 2", "adds 2
    entries and removes 1" (the noun goes with the first number, which it follows)."""
    counts = {change: sum(1 for e in edits if e.change == change) for change in _EDIT_VERBS}
    said = [f"{_EDIT_VERBS[c]} {n}" for c, n in counts.items() if n]
    said[0] += " " + noun(next(n for n in counts.values() if n), "entry", "entries")
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


_EDIT_VERBS = {"added": "adds", "removed": "removes", "edited": "edits"}


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


def _details(title: str, lines: Sequence[str], total: int, unfolded: bool = False) -> list[str]:
    if not total:
        return []
    count = f"{total:,}" if len(lines) == total else f"{total:,}; {len(lines):,} shown"
    return [
        f"<details{' open' if unfolded else ''}><summary>{title} ({count})</summary>",
        "",
        *(_fenced(lines) if lines else ["_None shown: the comment is at its size limit._"]),
        "",
        "</details>",
        "",
    ]


def _md_edit(report: DiffReport, e: EntryEdit) -> str:
    """An edit's lines (for a fenced block), joined: one item of the budget."""
    return "\n".join(edit_lines(report, e))


def _md_finding(d: Diagnostic) -> str:
    """A finding on one line of at most :data:`MAX_FINDING_CHARS` characters."""
    line = _finding_line(d)
    if len(line) > MAX_FINDING_CHARS:
        line = line[: MAX_FINDING_CHARS - 1] + "…"
    return line


def _claim_row(c: ClaimChange) -> str:
    return f"| {code_span(c.id)} | {_cell_verdict(c)} | {_cell_likelihood(c)} | {_cell_move(c)} |"


def _assemble(
    head: list[str],
    rows: Sequence[str],
    edits: tuple[Sequence[str], int],
    new: tuple[Sequence[str], int],
    resolved: tuple[Sequence[str], int],
    graph: Sequence[str],
    note: str | None,
) -> str:
    lines = list(head)
    if rows:
        lines.extend(["| claim | verdict | likelihood | move (points) |", "|---|---|---|---:|"])
        lines.extend(rows)
        lines.append("")
    # unfolded when no claim moved: then the edits are what the change does
    lines.extend(_details("Entries added, removed or edited", *edits, unfolded=not rows))
    lines.extend(_details("New findings", *new))
    lines.extend(_details("Resolved findings", *resolved))
    lines.extend(graph)
    if note is not None:
        lines.extend(["", note])
    return "\n".join(lines).rstrip("\n") + "\n"


def _take(items: Sequence[str], budget: int) -> tuple[int, int]:
    """How many of ``items`` (one line each) fit in ``budget`` characters, and what
    is left of the budget."""
    taken = 0
    for item in items:
        if len(item) + 1 > budget:
            break
        budget -= len(item) + 1
        taken += 1
    return taken, budget


def _md_head(report: DiffReport) -> list[str]:
    """The comment's marker, heading, sides, sentence and caution."""
    base = _md_ref(report.base_ref, report.base)
    head_ref = (
        "the working tree" if report.head == WORKTREE else _md_ref(report.head_ref, report.head)
    )
    head = [
        COMMENT_MARKER,
        "### claimlog: what this change does to the assessments",
        "",
        f"Base: {base} · head: {head_ref}.",
        "",
        _md_sentence(report),
        "",
    ]
    for caution in _cautions(report, code_span):
        head += [f"**{caution}**", ""]
    return head


def diff_markdown(report: DiffReport, limit: int = MAX_COMMENT_CHARS) -> str:
    """A pull-request comment: a heading, one sentence, a table of the claims that
    moved (biggest move first), collapsed findings, and a Mermaid graph of evidence.

    At most ``limit`` characters (GitHub refuses longer comments): when everything
    does not fit, the claims' rows come first, then new findings, then resolved ones,
    then the graph if it still fits, and a closing note says what was left out.
    """
    head = _md_head(report)
    rows = [_claim_row(c) for c in report.changes]
    edits = [_md_edit(report, e) for e in report.edits]
    new = [_md_finding(d) for d in report.new_findings]
    resolved = [_md_finding(d) for d in report.resolved_findings]
    graph = mermaid_graph(report) if report.changes else []
    whole = _assemble(
        head, rows, (edits, len(edits)), (new, len(new)), (resolved, len(resolved)), graph, None
    )
    if len(whole) <= limit:
        return whole
    # Too long: fill what is left after the fixed parts and a reserve for the table
    # header, the collapsed sections' frames and the closing note.
    budget = limit - len(_assemble(head, [], ([], 0), ([], 0), ([], 0), [], None)) - _RESERVE
    n_rows, budget = _take(rows, budget)
    n_edits, budget = _take(edits, budget)
    n_new, budget = _take(new, budget)
    n_resolved, budget = _take(resolved, budget)
    graph_chars = sum(len(line) + 1 for line in graph)
    kept_graph = graph if graph_chars <= budget else []
    left_out = [
        f"{total - kept:,} {what if total - kept == 1 else many} of {total:,}"
        for what, many, kept, total in (
            ("claim row", "claim rows", n_rows, len(rows)),
            ("edited entry", "edited entries", n_edits, len(edits)),
            ("new finding", "new findings", n_new, len(new)),
            ("resolved finding", "resolved findings", n_resolved, len(resolved)),
        )
        if kept < total
    ]
    if graph and not kept_graph:
        left_out.append("the graph of evidence")
    note = (
        f"_This comment is cut to GitHub's limit of {limit:,} characters; left out: "
        f"{'; '.join(left_out)}. "
        "`claimlog diff --format text` shows everything._"
    )
    return _assemble(
        head,
        rows[:n_rows],
        (edits[:n_edits], len(edits)),
        (new[:n_new], len(new)),
        (resolved[:n_resolved], len(resolved)),
        kept_graph,
        note,
    )


# --- Mermaid ----------------------------------------------------------------------------

_MERMAID_PLAIN = re.compile(r"[A-Za-z0-9 .,:;_()/'+=?!-]")


def mermaid_label(text: str, limit: int = 60) -> str:
    """Ledger text safe inside a quoted Mermaid label: one line, at most ``limit``
    characters, everything but plain characters written as Mermaid entity codes."""
    cleaned = one_line(text)
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


def _stances(ls: LedgerSet, cid: str, assessed: Assessment | None) -> list[tuple[str, str]]:
    """(item id, stance label) of every evidence item bearing on claim ``cid``; an item
    that does not count in the claim's assessment (``assessed``, of the side drawn)
    says so, as ``show`` does (a tour saw an item of an unknown source drawn as any
    other)."""
    excluded = {i.id: i.excluded for i in assessed.items if not i.counted} if assessed else {}
    out = []
    for entity in ls.evidence_by_claim.get(cid, []):
        model = entity.model
        assert isinstance(model, Evidence)
        stance: str = model.stance[cid]
        if entity.id in excluded:
            why = excluded[entity.id]
            retracted = why == "retracted"
            stance += ", retracted" if retracted else f", not counted{f': {why}' if why else ''}"
        elif assessed is None and model.retracted:
            stance += ", retracted"
        out.append((entity.id, stance))
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
        removed = c.change == "removed"
        side = report.before if removed else report.after
        assessed = (report.before_assessed if removed else report.after_assessed).get(c.id)
        for item, stance in _stances(side, c.id, assessed):
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
    """``diff --format text``, its lines fitted to the width (a tour: at 80 columns the
    terminal cut ids and words of lines of up to 267 characters)."""
    width = style.text_width()
    return "".join(line + "\n" for line in _fitted(diff_text(report).splitlines(), width))


def _fitted(lines: Sequence[str], width: int) -> Iterator[str]:
    """Each line wrapped to ``width`` display cells at its spaces, its next lines
    indented four more cells than its first; a word wider than the room (prose with no
    spaces, in Chinese or Japanese; a review) is cut into pieces that fit, an id of
    ASCII letters only when the room is narrower than it."""
    for line in lines:
        if cell_width(line) <= width:
            yield line
            continue
        body = line.lstrip(" ")
        lead = " " * (len(line) - len(body))
        hang, hung = lead + "    ", max(width - len(lead) - 4, 8)
        room = max(width - len(lead), 8)  # (a narrower room: lines may be wider)
        current = ""
        for word in body.split(" "):
            candidate = f"{current} {word}" if current else word
            if cell_width(candidate) <= room:
                current = candidate
                continue
            if current:
                yield lead + current
                lead, room = hang, hung
            while cell_width(word) > room:  # cut, each piece on a line of its own
                piece = cut_cells(word, room)[0]  # by cells, never at white space
                yield lead + piece
                lead, room = hang, hung
                word = word[len(piece) :]
            current = word
        yield lead + current


def json(report: DiffReport, style: Style) -> str:
    """``diff --format json``."""
    return dumps(diff_json(report))


def markdown(report: DiffReport, style: Style) -> str:
    """``diff --format markdown``."""
    return diff_markdown(report)
