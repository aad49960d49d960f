"""The pages of groups (probabilities and the ACH matrix), of sources, and the graph."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field
from typing import TYPE_CHECKING

from ...plaindata import dataclass
from .context import Context
from .markup import (
    ALSO_SHOWN,
    badge,
    clipped,
    defined_in,
    esc,
    external,
    grade,
    link,
    notes,
    one_line,
    pct,
    source_error,
    table,
    term,
)

if TYPE_CHECKING:
    from ...credibility.matrix import Cell, Matrix, Row
    from ...ledgerset import LedgerSet

SCALE = 1000


def _dist(p: float, cls: str = "fill") -> str:
    """A probability as a bar on 0..1."""
    return (
        f'<svg viewBox="0 0 {SCALE} 16" preserveAspectRatio="none" aria-hidden="true">'
        f'<rect class="{cls}" x="0" y="0" width="{p * SCALE:.1f}" height="16"/></svg>'
    )


def group_page(ctx: Context, gid: str) -> str:
    """group-<id>.html: the claims' probabilities with "none of these", and the matrix."""
    from ...credibility.matrix import build

    ls, assessed = ctx.ls, ctx.assessed
    members = [c for c in ls.groups.get(gid, []) if c in assessed.claims]
    g = assessed.groups.get(gid)
    rows = []
    for cid in members:
        a = assessed.claims[cid]
        rows.append(
            f"<tr><td>{link(ctx.names.claim(cid), esc(cid), 'id')}"
            f'<span class="statement" dir="auto">{one_line(a.statement)}</span></td>'
            f"<td>{badge(a.verdict)}</td><td>{a.label}</td>"
            f'<td class="n" data-label="P">{pct(a.probability)}</td>'
            f'<td class="dist">{_dist(a.probability)}</td></tr>\n'
        )
    closed = "exhaustive: one of these claims is true"
    if g is not None and not g.exhaustive:
        closed = "open: none of these claims may be true"
        rows.append(
            f'<tr class="residual"><td>none of these</td><td></td><td>{g.residual_label}</td>'
            f'<td class="n" data-label="P">{pct(g.residual)}</td>'
            f'<td class="dist">{_dist(g.residual, "rest")}</td></tr>\n'
        )
    head = ("claim", "verdict", "likelihood", "probability", "share")
    question = f'<p class="lead" dir="auto">{one_line(g.question)}</p>' if g and g.question else ""
    declared, model = ls.declared_groups.get(gid), ls.group(gid)
    if declared is not None and model is not None:
        question += notes(model.notes) + defined_in(declared.path, declared.node.span[0])
    body = (
        f'<p class="crumbs">{link("index.html", "Overview")}</p>\n'
        f'<h1>Group <span class="id">{esc(gid)}</span></h1>\n{question}'
        f"<p>Competing claims ({closed}): they share one distribution.</p>\n"
        '<h2 id="probabilities">Probabilities</h2>\n'
        + table(head, rows, "claims", right=(3,))
        + _matrix(ctx, build(assessed, ls, members))
    )
    return ctx.shell(f"Group {gid}", body)


def _matrix(ctx: Context, m: Matrix) -> str:
    """The ACH matrix: items x claims, ratings and weights, diagnosticity, Heuer's
    inconsistency beside the probability."""
    claims = [c.claim for c in m.columns]
    head = ["item", "diagnosticity"]
    head += [link(ctx.names.claim(c), esc(c), "id") for c in claims]
    rows = [_matrix_row(ctx, r) for r in m.rows]
    foot = (
        '<tr><th scope="row">inconsistency (Heuer)</th><td></td>'
        + "".join(f'<td class="r">{c.inconsistency:.2f}</td>' for c in m.columns)
        + '</tr>\n<tr><th scope="row">probability (claimlog)</th><td></td>'
        + "".join(f'<td class="r">{pct(c.probability)}</td>' for c in m.columns)
        + "</tr>\n"
    )
    excluded = ""
    if m.excluded:
        listed = ", ".join(
            f"{link(ctx.item_href(e), esc(e), 'id')} ({esc(why)})" for e, why in m.excluded
        )
        excluded = f"<p>Not counted: {listed}.</p>\n"
    return (
        '<h2 id="matrix">ACH matrix</h2>\n<p>Rows are the counted evidence items, most '
        "diagnostic first (diagnosticity: how differently an item bears on the claims, in "
        f"{term('dB')}); each cell is the item's rating on the claim and its weight "
        f"({term('quality')} \u00d7 {term('interest')}, 0..1): CC strongly supports, "
        "C supports, N neutral, I refutes, II strongly refutes, - no stance. Heuer's "
        "inconsistency adds the weights of I ratings, II counting double: lower is more "
        "consistent.</p>\n" + table(head, [*rows, foot], "matrix", right=(1,)) + excluded
    )


def _matrix_row(ctx: Context, r: Row) -> str:
    cells = "".join(f'<td class="r r-{c.rating}">{_rating(c)}</td>' for c in r.cells)
    return (
        f"<tr><td>{link(ctx.item_href(r.item), esc(r.item), 'id')}"
        f'<span class="summary" dir="auto">{clipped(r.summary)}</span></td>'
        f'<td class="n">{r.diagnosticity:.1f}</td>{cells}</tr>\n'
    )


def _rating(c: Cell) -> str:
    return "-" if c.stance is None else f"{c.rating} {c.weight:.2f}"


@dataclass
class SourceIndex:
    """Every source's items, as origin and as relay, and the sources derived from it."""

    originated: dict[str, list[str]] = field(default_factory=dict)
    relayed: dict[str, list[str]] = field(default_factory=dict)
    derived: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, ls: LedgerSet) -> SourceIndex:
        out = cls()
        for eid in sorted(ls.evidence):
            item = ls.item(eid)
            out.originated.setdefault(item.source, []).append(eid)
            for sid in dict.fromkeys(item.via):
                out.relayed.setdefault(sid, []).append(eid)
        for sid in sorted(ls.sources):
            for parent in dict.fromkeys(ls.source(sid).derived_from):
                out.derived.setdefault(parent, []).append(sid)
        return out


def source_page(ctx: Context, sid: str, index: SourceIndex) -> str:
    """source-<id>.html: grade, affiliation and interest, derivation, every item."""
    ls = ctx.ls
    src = ls.source(sid)
    items = [*index.originated.get(sid, []), *index.relayed.get(sid, [])]
    facts = [
        ("Id", f'<span class="id">{esc(sid)}</span>'),
        ("Kind", esc(src.kind or "not given")),
        ("Source grade", grade(src.reliability)),
        ("Affiliation", _tags(src.affiliation) or '<span class="none">none</span>'),
        ("Interested party", _interest(ctx, src.affiliation, items)),
        ("Derives from", _sources(ctx, src.derived_from)),
        ("Derived by", _sources(ctx, index.derived.get(sid, []))),
    ]
    if src.url:
        facts.append(("Link", external(src.url)))
    errors = ctx.source_errors(sid)
    if errors:  # (a review: a relay's page said nothing of the error that kept its item out)
        facts.insert(0, ("Errors", "<br>".join(source_error(d) for d in errors)))
    rows = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    entity = ls.sources[sid]
    body = (
        f'<p class="crumbs">{link("index.html", "Overview")} \u203a source</p>\n'
        f'<h1 dir="auto">{one_line(src.name)}</h1>\n'
        + defined_in(entity.path, entity.node.span[0])
        + notes(src.notes)
        + f'<dl class="facts">{rows}</dl>\n'
        '<h2 id="originated">Items it originated</h2>\n'
        + _items(ctx, index.originated.get(sid, []))
        + '<h2 id="relayed">Items it relayed</h2>\n'
        + _items(ctx, index.relayed.get(sid, []), whole=False)
    )
    return ctx.shell(f"Source {src.name}", body)


def _tags(tags: Iterable[str]) -> str:
    return " ".join(f'<span class="tag">{esc(t)}</span>' for t in tags)


def _sources(ctx: Context, sids: Sequence[str]) -> str:
    if not sids:
        return '<span class="none">none</span>'
    return ", ".join(link(ctx.names.source(s), esc(s), "id") for s in dict.fromkeys(sids))


def _interest(ctx: Context, affiliation: Sequence[str], items: Sequence[str]) -> str:
    """The claims its items bear on whose parties it is affiliated with. Each of its
    parties' claims is looked for among its items' stances, or the claims of its items
    are gathered first, whichever is less work (each of 4,000 relays of an item on 4,000
    claims walked all its claims, 6 s; a source of 16,000 affiliations cited by as many
    items took 17 s when each item walked them all)."""
    found: dict[str, set[str]] = {}
    of_party = ctx.claims_of_party()
    tags = frozenset(t for t in affiliation if t in of_party)
    stances = [ctx.ls.item(eid).stance for eid in items]
    candidates = sum(len(of_party[t]) for t in tags)
    if candidates * len(stances) <= sum(len(s) for s in stances):
        for tag in tags:
            for cid in of_party[tag]:
                if any(cid in stance for stance in stances):
                    found.setdefault(cid, set()).add(tag)
    elif tags:
        # each claim its items bear on, met with the tags through the smaller set (a
        # review: walking every claim of each party cost sources x a party's claims)
        for cid in {cid for stance in stances for cid in stance if cid in ctx.ls.claims}:
            sides = tags & ctx.ls.parties(cid)
            if sides:
                found[cid] = set(sides)
    if not found:
        return '<span class="none">no: none of its items bears on a claim of its side</span>'
    return "; ".join(
        f"{link(ctx.names.claim(c), esc(c), 'id')} (party {_tags(sorted(found[c]))})"
        for c in sorted(found)
    )


def _items(ctx: Context, eids: Sequence[str], whole: bool = True) -> str:
    """The items a source originated (their summaries, quotes and notes whole: each
    item's one whole copy in the report), or relayed (the summary clipped, as on claim
    pages)."""
    if not eids:
        return '<p class="none">None.</p>\n'
    ls = ctx.ls
    rows = []
    for eid in eids:
        item = ls.item(eid)
        src = ctx.names.source(item.source)
        claims = sorted(item.stance)
        shown = claims if whole else claims[:ALSO_SHOWN]  # (every relay's page lists it)
        on = ", ".join(
            f"{esc(item.stance[c])} {link(ctx.names.claim(c), esc(c), 'id')}" for c in shown
        )
        if len(shown) < len(claims):
            on += f", and {link(src, f'{len(claims) - len(shown):,} more claims')}"
        why = ctx.page.assessed.engine.exclusions.get(eid)
        if why:  # as claim pages say (an analyst read an item after --as-of as counted)
            on += f' <span class="muted">(not counted: {esc(why)})</span>'
        said = one_line(item.summary) if whole else clipped(item.summary, src)
        said = f'<span dir="auto">{said}</span>'
        if whole and item.quote:  # its one whole copy too (claim pages cut it, linked here)
            said += f'<blockquote dir="auto">{esc(item.quote)}</blockquote>'
        if whole and item.notes and item.notes.strip():  # their one whole copy too
            said += f'<span class="lines note">Notes: <bdi>{esc(item.notes.rstrip())}</bdi></span>'
        rows.append(
            f"<tr><td>{link(ctx.item_href(eid), esc(eid), 'id')}</td>"
            f'<td class="text">{said}</td><td>{on}</td></tr>\n'
        )
    return table(("item", "summary", "stance on"), rows)


def graph_page(ctx: Context) -> str:
    """graph.html: the evidence graph, one drawing per group and per claim on its own,
    laid out by claimlog, each box a link to its page; past the limit, how to draw a
    part of it."""
    ls = ctx.ls
    sources = {s for eid in ctx.home for s in (ls.item(eid).source, *ls.item(eid).via)}
    size = len(ls.claims) + len(ctx.home) + len(sources)
    intro = (
        '<p class="crumbs"><a href="index.html">Overview</a></p>\n<h1>Evidence graph</h1>\n'
        "<p>Sources and relays, left, pass evidence items on to the claims, right. Edges: "
        "green supports, red refutes (thick: strongly), grey dashed neutral. A red, thick "
        "border marks an interested party; a dashed box an item that does not count; a "
        "dashed frame one line of reporting (items that trace back to the same origins). "
        "Each box links to its page. One drawing per group of competing claims and per "
        "claim on its own.</p>\n"
    )
    if size > ctx.page.graph_limit:
        return ctx.shell(
            "Evidence graph",
            intro + f"<p>The set has {size} sources, items and claims: too many to draw "
            f"here (the report draws up to {ctx.page.graph_limit}). Draw a group or a "
            "claim with <code>claimlog graph --group GROUP -f svg</code> or "
            "<code>claimlog graph --claim CLAIM -f svg</code>.</p>\n",
        )
    figures = [
        (f"Group {link(ctx.names.group(g), esc(g), 'id')}", ls.groups[g]) for g in ctx.groups()
    ]
    figures += [
        (f"Claim {link(ctx.names.claim(c), esc(c), 'id')}", [c])
        for c in sorted(ctx.assessed.claims)
        if ctx.assessed.claims[c].group is None
    ]
    drawn = "".join(_figure(ctx, t, c, k) for k, (t, c) in enumerate(figures))
    return ctx.shell("Evidence graph", intro + drawn)


def _figure(ctx: Context, title: str, claims: Sequence[str], k: int) -> str:
    from ...evidencegraph import build_graph
    from ..graph import svg_text

    g = build_graph(ctx.assessed, ctx.ls, claims)
    drawing = svg_text(g, lambda node: _node_href(ctx, node.kind, node.ref), f"g{k}-")
    return f'<h2>{title}</h2>\n<div class="graph">\n{drawing}</div>\n'


def _node_href(ctx: Context, kind: str, ref: str) -> str | None:
    if kind == "claim":
        return ctx.names.claim(ref)
    if kind == "item":
        return ctx.item_href(ref)
    return ctx.names.source(ref)
