"""A claim's page: verdict and rule, contributions, evidence by stance, rivals,
sensitivity, flags. Every figure comes from :func:`.data.claim_data`, the data of
``show --format json``."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ...credibility import quantize
from ...credibility.origins import shown_line
from ...diagnostics import plural
from ...model import calendar_date
from .context import Context
from .data import ClaimData, claim_data
from .markup import (
    ABOUT,
    ALSO_SHOWN,
    CREDIBILITY_TEXT,
    STANCE_ORDER,
    badge,
    clipped,
    defined_in,
    esc,
    external,
    grade,
    link,
    notes,
    num,
    one_line,
    pct,
    points,
    table,
    term,
)

if TYPE_CHECKING:
    from ...credibility import Assessment


INTEREST_TEXT = {
    "party": "from an interested party",
    "self-serving": "self-serving: its own side's word",
    "admission": "an admission against its own side's interest",
}
CRUMB = " \u203a "
"""Between the steps of the breadcrumbs (a single right-pointing angle quotation mark)."""
SCALE = 1000
"""Width of a bar's drawing: probability 0..1 over 0..1000 units."""


def claim_page(ctx: Context, a: Assessment) -> str:
    """claim-<id>.html."""
    ls, assessed = ctx.ls, ctx.assessed
    rivals = [assessed.claims[c] for c in ls.groups.get(a.group or "", []) if c != a.id]
    cd = claim_data(ls, assessed, a, rivals if a.group else [], ctx.page.as_of, ctx.sensitivity)
    crumbs = [link("index.html", "Overview")]
    if a.group:
        crumbs.append("group " + link(ctx.names.group(a.group), esc(a.group), "id"))
    entity = ls.claims[a.id]
    body = [
        f'<p class="crumbs">{CRUMB.join(crumbs)}</p>\n',
        f'<h1><span class="id">{esc(a.id)}</span></h1>\n',
        f'<p class="lead" dir="auto">{one_line(a.statement)}</p>\n',
        notes(ls.claim(a.id).notes),
        defined_in(entity.path, entity.node.span[0]),
        _verdict(ctx, a, cd.shown),
        _moves(ctx, a, cd),
        _evidence(ctx, a, cd),
        _competing(ctx, a, cd.shown),
        _sensitivity(ctx, a, cd.shown),
        _flags(cd.shown),
    ]
    return ctx.shell(f"Claim {a.id}", "".join(body))


def _verdict(ctx: Context, a: Assessment, shown: Mapping[str, Any]) -> str:
    extra = ""
    if a.recorded_verdict:
        extra += f"<p>Recorded verdict in the ledger: {badge(a.recorded_verdict)}</p>"
    if ctx.page.as_of is not None:
        left = f"; {plural(a.undated, 'undated item')} left out" if a.undated else ""
        extra += f"<p>As of {ctx.page.as_of.isoformat()}{left}.</p>"
    return (
        f'<section class="verdict v-{a.verdict}" aria-label="Verdict">'
        f'<p><span class="big">{badge(a.verdict)} {a.label}</span> '
        f"(probability {pct(a.probability)}, {term('uncertainty')} {pct(a.uncertainty)})</p>"
        f"<p><b>Why:</b> {esc(shown['rule'])} "
        f'<span class="muted">(<a href="{ABOUT}#verdict">the verdict rule</a>)</span></p>'
        f"<p>{plural(a.supports, 'item')} for, {a.refutes} against, {a.neutral} neutral; "
        f"{plural(a.independent_origins, 'independent origin')}.</p>{extra}</section>\n"
    )


def _bar(start: float, change: float, cls: str) -> str:
    """One row's drawing: a track, and a bar from ``start`` over ``change``."""
    x = min(start, start + change) * SCALE
    width = abs(change) * SCALE
    if change and width < 2:
        width = 2.0
    return (
        f'<svg viewBox="0 0 {SCALE} 20" preserveAspectRatio="none" aria-hidden="true">'
        f'<rect class="{cls}" x="{x:.1f}" y="2" width="{width:.1f}" height="16"/></svg>'
    )


def _moves(ctx: Context, a: Assessment, cd: ClaimData) -> str:
    """The waterfall from the prior to the probability, one bar per item."""
    shown = cd.shown
    prior, probability = shown["claim"]["prior"], shown["claim"]["probability"]
    rows = [*_move_rows(ctx, a, cd, prior)]
    move = quantize(a.probability, 3) - quantize(a.prior, 3)
    note = "" if rows else "<p class='muted'>No counted evidence moved it.</p>"
    head = (
        f'<tr class="base"><th scope="row">prior</th><td></td><td class="n">{pct(a.prior)}</td>'
        f'<td class="bar">{_bar(0.0, prior, "base")}</td></tr>\n'
    )
    foot = (
        f'<tr><th scope="row">probability</th><td>total move {points(move)} points</td>'
        f'<td class="n">{pct(a.probability)}</td>'
        f'<td class="bar">{_bar(0.0, probability, "base")}</td></tr>\n'
    )
    attrs = (
        f' data-prior="{num(prior)}" data-probability="{num(probability)}"'
        f' data-move="{num(probability - prior)}"'
    )
    body = table(
        ("item", "how it bears", "points", "from the prior to the probability"),
        [head, *rows, foot],
        "moves",
        attrs,
        right=(2,),
    )
    return (
        '<h2 id="moves">How the evidence moved it</h2>\n'
        f"<p>From the prior {pct(a.prior)} to {pct(a.probability)}: {points(move)} "
        "percentage points. Each bar is one item's part of the move (items of rival claims "
        "move it too, through the group's shared distribution); the parts add up to the "
        "move exactly, and the points shown add up to the total move shown "
        f'(<a href="{ABOUT}#contributions">how</a>).</p>\n{body}{note}'
    )


def _move_rows(ctx: Context, a: Assessment, cd: ClaimData, prior: float) -> Iterator[str]:
    """A row for each of the claim's own items, and for the rivals' items that moved it
    most (:data:`ALSO_SHOWN` of them, each by at least 0.05 points, as ``show`` lists
    them); the other rivals' items in one row, and those that moved it by less than 0.05
    points in another, as ``show`` counts them, so that the parts still add up (each
    page of a group of 1,000 claims listed the 999 others' items: 592 MB of pages)."""
    own = {i["id"]: i for i in cd.shown["items"]}
    moved = {i["id"]: i["contribution"] for i in cd.shown["items"]}
    slight: list[tuple[str, float]] = []
    for r in cd.shown["rivals"]:
        if round(cd.tenths.get(r["id"], 0.0) * 1000):
            moved[r["id"]] = r["contribution"]
        else:
            slight.append((r["id"], r["contribution"]))
    running = prior
    shown_rivals = 0
    folded: list[tuple[str, float]] = []
    # in show's order: by the points shown, then by id (a review: two items shown at
    # +0.5 and -0.5 came in the other order than show's, by the unrounded value)
    for eid, c in sorted(moved.items(), key=lambda kv: (-abs(cd.tenths.get(kv[0], 0.0)), kv[0])):
        if eid in own:
            href: str | None = "#" + ctx.names.anchor(eid)
            how, cls = _own_how(ctx, a, own[eid], c), ""
        elif shown_rivals >= ALSO_SHOWN:
            folded.append((eid, c))
            continue
        else:
            href = ctx.item_href(eid, _first_claim(cd, eid))
            how, cls = _rival_how(ctx, eid), ' class="rival"'
            shown_rivals += 1
        bar = _bar(running, c, "plus" if c >= 0 else "minus")
        running += c
        yield (
            f'<tr{cls} data-item="{esc(eid)}" data-contribution="{num(c)}">'
            f"<td>{link(href, esc(eid), 'id')}</td><td>{how}</td>"
            f'<td class="n">{points(cd.tenths.get(eid, 0.0))}</td>'
            f'<td class="bar">{bar}</td></tr>\n'
        )
    if folded:
        yield _folded(
            ctx, a, cd, folded, running, "more items", "rival's evidence that moved it least"
        )
        running += math.fsum(part for _, part in folded)
    if slight:
        many = "items" if len(slight) > 1 else "item"
        yield _folded(
            ctx,
            a,
            cd,
            slight,
            running,
            f"{many} of rival claims",
            "moved it by less than 0.05 points",
        )


def _first_claim(cd: ClaimData, eid: str) -> str | None:
    """The first claim through which a rival's item moves the claim (its card is there)."""
    for r in cd.shown["rivals"]:
        if r["id"] == eid:
            return r["claims"][0] if r["claims"] else None
    return None


def _own_how(ctx: Context, a: Assessment, i: Mapping[str, Any], c: float) -> str:
    """How one of the claim's own items bears on it, and why it moved it by nothing."""
    how = esc(i["stance"])
    if not i["counted"]:
        how += f' <span class="muted">(not counted: {esc(i["excluded"])})</span>'
    elif i["stance"] == "neutral" and round(c * 1000):
        from ..assessment import moved_through

        through = moved_through(ctx.ls, ctx.assessed, a.id, i["id"])
        if through is not None:
            how += f' <span class="muted">({esc(through)})</span>'
    elif not round(c * 1000) and (i["evidence_for"] or i["evidence_against"]):
        from ..assessment import counted_of, unmoved_text

        counted = ctx.counted.get(a.id)
        if counted is None:  # once per claim, not per item (a hunt: 44 s at 20,000)
            counted = ctx.counted[a.id] = counted_of(a)
        why = unmoved_text(ctx.ls, a, i["id"], ctx.assessed.claims, c, counted)
        how += f' <span class="muted">({esc(why)})</span>'
    return how


def _rival_how(ctx: Context, eid: str) -> str:
    """Every stance of a rival's item on the claims of the set, as ``show`` lists them
    (the first :data:`ALSO_SHOWN`; its source's page lists them all)."""
    found = ctx.stances.get(eid)
    if found is not None:
        return found
    item = ctx.ls.item(eid)
    claims = [c for c in sorted(item.stance) if c in ctx.assessed.claims]
    on = ", ".join(
        f"{esc(item.stance[c])} {link(ctx.names.claim(c), esc(c), 'id')}"
        for c in claims[:ALSO_SHOWN]
    )
    if len(claims) > ALSO_SHOWN:
        rest = f"{len(claims) - ALSO_SHOWN:,} more claims"
        on += f", and {link(ctx.names.source(item.source), rest)}"
    found = ctx.stances[eid] = "rival's evidence: " + on
    return found


def _folded(
    ctx: Context,
    a: Assessment,
    cd: ClaimData,
    parts: list[tuple[str, float]],
    running: float,
    what: str,
    how: str,
) -> str:
    """One row for several rivals' items: their number, linked to the group's page
    (which shows each claim and its items), and their parts added up."""
    c = math.fsum(part for _, part in parts)
    tenths = round(math.fsum(cd.tenths.get(eid, 0.0) for eid, _ in parts), 3)
    more = f"{len(parts):,} {what}"
    if a.group:
        more = link(ctx.names.group(a.group), more)
    bar = _bar(running, c, "plus" if c >= 0 else "minus")
    return (
        f'<tr class="rival folded" data-contribution="{num(c)}">'
        f"<td>{more}</td><td>{how}</td>"
        f'<td class="n">{points(tenths)}</td><td class="bar">{bar}</td></tr>\n'
    )


def _evidence(ctx: Context, a: Assessment, cd: ClaimData) -> str:
    out = ['<h2 id="evidence">Evidence by stance</h2>\n']
    for stance in STANCE_ORDER:
        members = [i for i in cd.shown["items"] if i["stance"] == stance]
        if members:
            out.append(f"<h3>{stance} ({len(members)})</h3>\n")
            out += [_item(ctx, a, i, cd.tenths.get(i["id"], 0.0)) for i in members]
    if not cd.shown["items"]:
        out.append("<p class='muted'>No evidence takes a stance on this claim.</p>\n")
    return "".join(out)


def _chain(ctx: Context, i: Mapping[str, Any]) -> str:
    """The source and its relays, the first :data:`ALSO_SHOWN` of a longer chain (each
    claim page would list them all again), the rest counted."""
    steps = []
    chain = (i["source"], *i["via"])
    for src in chain[: ALSO_SHOWN + 1]:
        name = esc(src["name"]) if src["name"] is not None else esc(src["id"])
        grade_of = f' <span class="muted">[{esc(src["reliability"] or "?")}]</span>'
        errors = ctx.source_errors(src["id"])
        if errors:  # which of the chain holds an error ("relay with errors": which one?)
            codes = ", ".join(dict.fromkeys(d.code for d in errors))
            grade_of += f' <span class="tag warn">{plural(len(errors), "error")}: {codes}</span>'
        steps.append(
            f"<li>{link(ctx.names.source(src['id']), f'<bdi>{name}</bdi>')}{grade_of}</li>"
        )
    more = i.get("via_count", len(i["via"])) - ALSO_SHOWN
    if more > 0:
        steps.append(f'<li class="muted">{more:,} more relays</li>')
    return f'<ol class="chain">{"".join(steps)}</ol>'


def _item(ctx: Context, a: Assessment, i: Mapping[str, Any], moved: float) -> str:
    """One evidence item: its summary, quote, the analyst's notes, chain, grades, dates
    and links; ``moved``: its part of the move as the table of moves shows it."""
    item = ctx.ls.item(i["id"])
    tags = [
        '<span class="tag">counted</span>'
        if i["counted"]
        else f'<span class="tag warn">not counted: {esc(i["excluded"] or "")}</span>'
    ]
    if i["interest"] in INTEREST_TEXT:
        tags.append(f'<span class="tag warn">{INTEREST_TEXT[i["interest"]]}</span>')
    if i["test"] != "straw":
        tags.append(f'<span class="tag">test: {esc(i["test"])}</span>')
    whole = ctx.names.source(item.source)  # where the item's text is shown whole
    quote = ""
    if item.quote:
        quote = f'<blockquote dir="auto">{clipped(item.quote, whole, False)}</blockquote>'
    facts = [
        ("Reached us through", _chain(ctx, i)),
        ("Information grade", f"{i['credibility']} ({CREDIBILITY_TEXT[i['credibility']]})"),
        ("Source grade", grade(i["source"]["reliability"])),
        ("Weight", _weight(i)),
        ("Line of reporting", f'<span class="id">{esc(shown_line(i["line"]))}</span>'),
        ("Moved this claim", f"{points(moved)} points"),
    ]
    facts += _item_extras(ctx, a, i["id"])
    rows = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    cls = "item" if i["counted"] else "item excluded"
    return (
        f'<article class="{cls}" id="{ctx.names.anchor(i["id"])}">'
        f'<header><h4><span class="id">{esc(i["id"])}</span></h4> {" ".join(tags)}</header>'
        f'<p dir="auto">{clipped(item.summary, whole, False)}</p>{quote}'
        f"{notes(item.notes, whole, False)}"
        f'<dl class="facts">{rows}</dl></article>\n'
    )


def _weight(i: Mapping[str, Any]) -> str:
    """The item's weight and its evidence in dB, on the side its stance takes: none
    for a neutral item (a tour read "0.0 dB against the claim" of one)."""
    db = i["evidence_for"] or i["evidence_against"]
    stance = i["stance"]
    side = (
        " for the claim"
        if stance.endswith("supports")
        else " against the claim"
        if stance.endswith("refutes")
        else ""
    )
    return (
        f"{i['weight']:.2f} ({term('quality')} \u00d7 {term('interest')}); "
        f"{db:.1f} {term('dB')}{side}"
    )


def _item_extras(ctx: Context, a: Assessment, eid: str) -> list[tuple[str, str]]:
    """The ledger's own facts of an item: kind, dates, links, what it rests on, the
    other claims it bears on."""
    item = ctx.ls.item(eid)
    out: list[tuple[str, str]] = []
    if item.kind:
        out.append(("Kind", esc(item.kind)))
    if item.date:
        out.append(("Date", esc(item.date.isoformat())))
    if item.retracted:
        when = "" if item.retracted is True else f" on {item.retracted.isoformat()}"
        as_of = ctx.page.as_of
        if (
            as_of is not None
            and item.retracted is not True
            and calendar_date(item.retracted) > as_of
        ):
            # later news: beside "counted", a retraction read as done (an analyst)
            when += f", after the as-of date {as_of.isoformat()}: not yet withdrawn then"
        out.append(("Retracted", f"yes{esc(when)}"))
    if item.url:
        out.append(("Link", external(item.url)))
    if item.archive_url:
        digest = f'<br><span class="muted">SHA-256 {esc(item.sha256)}</span>' if item.sha256 else ""
        out.append(("Archived copy", external(item.archive_url) + digest))
    if item.based_on:
        rests = ", ".join(link(ctx.item_href(b), esc(b), "id") for b in item.based_on)
        out.append(("Rests on", rests))
    others = [c for c in sorted(item.stance) if c != a.id]
    if others:
        also = ", ".join(
            f"{esc(item.stance[c])} {link(ctx.names.claim(c), esc(c), 'id')}"
            for c in others[:ALSO_SHOWN]
        )
        if len(others) > ALSO_SHOWN:  # (each claim page would list them all again)
            rest = f"{len(others) - ALSO_SHOWN:,} more claims"
            also += f", and {link(ctx.names.source(item.source), rest)}"
        out.append(("Also bears on", also))
    return out


def _competing(ctx: Context, a: Assessment, shown: Mapping[str, Any]) -> str:
    if not a.group:
        return ""
    assessed = ctx.assessed
    rows = []
    members = ctx.ls.groups.get(a.group, [])
    # This claim and the first :data:`ALSO_SHOWN` others; the group's page lists them all.
    listed = [c for k, c in enumerate(members) if c == a.id or k < ALSO_SHOWN]
    for cid in listed:
        r = assessed.claims[cid]
        name = link(None if cid == a.id else ctx.names.claim(cid), esc(cid), "id")
        mark = " (this claim)" if cid == a.id else ""
        rows.append(
            f"<tr><td>{name}{mark}</td><td>{badge(r.verdict)}</td><td>{r.label}</td>"
            f'<td class="n" data-label="P">{pct(r.probability)}</td></tr>\n'
        )
    if len(listed) < len(members):
        more = link(ctx.names.group(a.group), f"{len(members) - len(listed):,} more claims", "")
        rows.append(f"<tr><td>{more}</td><td></td><td></td><td></td></tr>\n")
    residual, g = shown["residual"], assessed.groups.get(a.group)
    if residual is not None and g is not None:
        p = residual["probability"]
        rows.append(
            f'<tr class="residual"><td>none of these</td><td></td><td>{g.residual_label}</td>'
            f'<td class="n" data-label="P">{pct(p)}</td></tr>\n'
        )
    group = link(ctx.names.group(a.group), esc(a.group), "id")
    return (
        f'<h2 id="competing">Competing claims</h2>\n<p>The claims of group {group} share one '
        "distribution: at most one of them is true.</p>\n"
        + table(("claim", "verdict", "likelihood", "probability"), rows, "claims", right=(3,))
    )


def _sensitivity(ctx: Context, a: Assessment, shown: Mapping[str, Any]) -> str:
    own = {i["id"] for i in shown["items"]}
    out = []
    for e in shown["sensitivity"]:
        href = "#" + ctx.names.anchor(e["item"]) if e["item"] in own else ctx.item_href(e["item"])
        name = link(href, esc(e["item"]), "id")
        if e["change"] == "remove":
            what = f"Without {name}"
        elif e["change"] == "source-grade":
            what = f"With {name} from a source graded {esc(e['grade'] or '')}"
        else:
            what = f"With {name} graded {esc(e['grade'] or '')} for credibility"
        out.append(f"<li>{what}, the verdict would be {badge(e['verdict'])}.</li>")
    if out:
        text = f'<ul class="plain">{"".join(out)}</ul>'
    elif "has-errors" in shown["claim"]["flags"]:  # capped, not stable (as in `show`)
        text = "<p>Not weighed: the claim's verdict waits on its errors (has-errors).</p>"
    else:
        text = (
            "<p>No single item, and no one-notch change of an item's grades, would change "
            "the verdict.</p>"
        )
    return f'<h2 id="sensitivity">Sensitivity: which items decide it</h2>\n{text}\n'


def _flags(shown: Mapping[str, Any]) -> str:
    if not shown["flags"]:
        return '<h2 id="flags">Flags</h2>\n<p>None.</p>\n'
    rows = "".join(f"<dt>{esc(f['flag'])}</dt><dd>{esc(f['meaning'])}</dd>" for f in shown["flags"])
    return f'<h2 id="flags">Flags</h2>\n<dl class="facts">{rows}</dl>\n'
