"""The overview (index.html): every claim by group, the filters, the check findings."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ...credibility import FLAG_TEXT, quantize
from ...diagnostics import counts, noun, plural
from .context import Context
from .markup import VERDICTS, badge, esc, file_name, flags_list, link, one_line, pct, table, term

if TYPE_CHECKING:
    from ...credibility import Assessment, GroupAssessment
    from ...diagnostics import Diagnostic
    from ...model import FileModel

HEAD = ("claim", "verdict", "likelihood", "probability", term("uncertainty"), "flags")


def overview(ctx: Context) -> str:
    """index.html."""
    ls, assessed = ctx.ls, ctx.assessed
    claims = list(assessed.claims.values())
    found = sum(counts(ctx.page.findings).values())  # those past max-findings-per-rule too
    errors = (
        f', <b class="sev-error">{ctx.errors}</b> {noun(ctx.errors, "error")}' if ctx.errors else ""
    )
    stats = (
        f"<li><b>{len(claims)}</b> {noun(len(claims), 'claim')}</li>"
        f"<li><b>{len(ctx.groups())}</b> {noun(len(ctx.groups()), 'group')} of competing "
        f"claims</li><li><b>{len(ls.evidence)}</b> evidence {noun(len(ls.evidence), 'item')}"
        f"</li><li><b>{len(ls.sources)}</b> {noun(len(ls.sources), 'source')}</li>"
        f'<li><a href="#files"><b>{len(ls.files)}</b> ledger {noun(len(ls.files), "file")}'
        "</a></li>"
        + (
            "<li>no rule checked</li>"
            if ctx.page.unchecked is not None
            else f'<li><a href="#findings"><b>{found}</b> check {noun(found, "finding")}</a>'
            f"{errors}</li>"
        )
    )
    verdicts = " ".join(
        f"{badge(v)}&nbsp;{sum(1 for a in claims if a.verdict == v)}" for v in VERDICTS
    )
    parts = [
        "<h1>Credibility of the claims</h1>\n",
        f'<ul class="stats">{stats}</ul>\n<p>{verdicts}</p>\n',
        _filters(claims),
        '<h2 id="claims">Claims</h2>\n',
        *_sections(ctx),
        _files(ctx),
        _findings(ctx.page.findings, ctx.page.unchecked),
    ]
    return ctx.shell("Overview", "".join(parts), script=True)


def _filters(claims: Sequence[Assessment]) -> str:
    """The filter controls: hidden until the script shows them (without it, every claim
    is listed)."""
    boxes = "".join(
        f'<label><input type="checkbox" name="verdict" value="{v}" checked> {v}</label> '
        for v in VERDICTS
    )
    present = sorted({f for a in claims for f in a.flags}, key=list(FLAG_TEXT).index)
    options = "".join(f'<option value="{esc(f)}">{esc(f)}</option>' for f in present)
    return (
        '<form id="filters" class="filters" hidden aria-label="Filter the claims">'
        f"<fieldset><legend>Verdict</legend>{boxes}</fieldset>"
        '<label>Flag <select name="flag"><option value="">any or none</option>'
        f'<option value="-">no flag</option>{options}</select></label>'
        '<button type="reset">Show all</button>'
        '<output id="shown" aria-live="polite"></output></form>\n'
    )


def _sections(ctx: Context) -> Iterator[str]:
    """One section per group (its claims and "none of these"), then the lone claims."""
    ls, assessed = ctx.ls, ctx.assessed
    for gid, members in ls.groups.items():
        g = assessed.groups.get(gid)
        if not members:
            yield f'<p class="muted">Group <code>{esc(gid)}</code> is declared, with no claims.</p>'
            continue
        title = link(ctx.names.group(gid), f'<span class="id">{esc(gid)}</span>')
        question = (
            f'<p class="lead" dir="auto">{one_line(g.question)}</p>' if g and g.question else ""
        )
        closed = " (exhaustive: one of them is true)" if g and g.exhaustive else ""
        rows = [_row(ctx, assessed.claims[c]) for c in members if c in assessed.claims]
        shares = [assessed.claims[c].probability for c in members if c in assessed.claims]
        if g is not None and not g.exhaustive and g.residual_prior > 0:
            rows.append(_residual(g))
            shares.append(g.residual)
        whole = g is not None and (g.exhaustive or g.residual_prior > 0)
        yield (
            f'<section class="group"><h3>Group {title}{closed}</h3>{question}\n'
            f"{table(HEAD, rows, 'claims overview', right=(3, 4))}"
            f"{_rounding_note(shares) if whole else ''}</section>\n"
        )
    lone = [a for a in assessed.claims.values() if a.group is None]
    if lone:
        rows = [_row(ctx, a) for a in lone]
        yield (
            '<section class="group"><h3>Claims on their own</h3>'
            '<p class="muted">Each is weighed against its negation.</p>\n'
            f"{table(HEAD, rows, 'claims overview', right=(3, 4))}</section>\n"
        )


def _row(ctx: Context, a: Assessment) -> str:
    name = link(ctx.names.claim(a.id), f'<span class="id">{esc(a.id)}</span>')
    return (
        f'<tr data-verdict="{a.verdict}" data-flags="{esc(" ".join(a.flags))}">'
        f'<td>{name}<span class="statement" dir="auto">{one_line(a.statement)}</span></td>'
        f"<td>{badge(a.verdict)}</td><td>{a.label}</td>"
        f'<td class="n" data-label="P">{pct(a.probability)}</td>'
        f'<td class="n" data-label="uncertainty">{pct(a.uncertainty)}</td>'
        f"<td>{flags_list(a.flags)}</td></tr>\n"
    )


def _rounding_note(shares: Sequence[float]) -> str:
    """A note when a group's shares, each shown rounded down to a tenth of a point, add
    up to less than 100% (a tour added 69.1 + 9.5 + 7.2 + 14.0 and missed 0.2 points);
    the filters hide it while they hide any of the group's claims (its sum is then not
    the sum of the shares shown)."""
    tenths = sum(round(quantize(p, 3) * 1000) for p in shares)
    if tenths >= 1000:
        return ""
    return (
        f'<p class="muted rounding">The shares are rounded down, so they add up to '
        f"{tenths / 10:.1f}%"
        " here, not 100%.</p>\n"
    )


def _residual(g: GroupAssessment) -> str:
    return (
        '<tr class="residual"><td>none of these</td><td></td>'
        f'<td>{g.residual_label}</td><td class="n" data-label="P">{pct(g.residual)}</td>'
        "<td></td><td></td></tr>\n"
    )


def _files(ctx: Context) -> str:
    """The ledger files, each with its title, its description and what it defines; a
    file that could not be read, marked so, with the first finding that says why."""
    out = []
    for f in ctx.ls.files:
        loaded = ctx.ls.loaded.get(f.path)
        if loaded is not None and loaded.root is None:
            out.append(f"<dt><code>{file_name(f.path)}</code></dt><dd>{_unread(ctx, f)}</dd>")
            continue
        title = (
            f"<bdi>{one_line(f.title)}</bdi>" if f.title else '<span class="none">no title</span>'
        )
        shown = f.description.strip() if f.description else ""
        about = f'<p class="lines" dir="auto">{esc(shown)}</p>' if shown else ""
        kinds = ((f.claims, "claim"), (f.evidence, "evidence item"), (f.sources, "source"))
        holds = ", ".join(plural(len(k), name) for k, name in kinds if k)
        held = f' <span class="muted">({holds})</span>' if holds else ""
        out.append(f"<dt><code>{file_name(f.path)}</code></dt><dd><b>{title}</b>{held}{about}</dd>")
    return (
        '<section class="files"><h2 id="files">Ledger files</h2>\n'
        f'<dl class="files">{"".join(out)}</dl></section>\n'
    )


def _unread(ctx: Context, f: FileModel) -> str:
    """A file the loader refused: "not read", and the first of its findings (of the
    check's, else of the loader's own)."""
    found = ctx.findings_by_path.get(f.path) or f.diagnostics
    why = ""
    if found:
        d = found[0]
        why = (
            f": <code>{d.code}</code> {one_line(d.message)} "
            f'<span class="muted">(line {d.line}, column {d.column})</span>'
        )
    return f'<b class="unread">not read</b>{why}'


def _findings(findings: Sequence[Diagnostic], unchecked: str | None) -> str:
    head = '<h2 id="findings">Check findings</h2>\n'
    if unchecked is not None:
        return head + f"<p>No rule was checked: {one_line(unchecked)}.</p>\n"
    if not findings:
        return head + "<p>claimlog check finds nothing to report in the ledger set.</p>\n"
    rows = (
        # the line and column stay together: "a.yaml:27:1" then "3" read as column 1
        f'<tr><td class="id">{file_name(d.path)}<span class="at">:{d.line}:{d.column}</span></td>'
        f'<td class="sev-{d.severity.value}">{d.severity.value}</td>'
        f"<td><code>{d.code}</code> {esc(d.rule.name)}</td>"
        f'<td class="text">{one_line(d.message)}'
        + (f'<br><span class="muted">hint: {one_line(d.hint)}</span>' if d.hint else "")
        + "</td></tr>\n"
        for d in findings
    )
    return (
        head + "<p>What <code>claimlog check</code> reports (dates checked against the day the "
        "report was made). Evidence items with errors do not count in the assessment, "
        "nor does evidence whose source or relay is unknown or has errors, or that rests "
        "on such an item; a claim with an error, or that such an item bears on (or in a "
        "group with one), gets no verdict beyond unverified (flag <code>has-errors</code>)."
        "</p>\n" + table(("file:line:column", "severity", "rule", "message"), rows, "findings")
    )
