"""``claimlog report``: the ledger set as a static, self-contained HTML site.

:func:`site` returns every file of the site as ``{file name: text}``; the command
writes them (:mod:`claimlog.site`). The pages are plain HTML and CSS with inline SVG,
one small script that filters the overview (the pages work without it), and nothing
that loads from anywhere else: they open from ``file://`` and from any static host.

- ``index.html``: every claim by group with verdict, likelihood, probability,
  uncertainty and flags, each open group's "none of these"; the ledger files with
  their title and description; the check findings;
- ``claim-<id>.html``: the verdict and its rule, each item's contribution as a bar
  (the bars add up to the move from the prior), the evidence by stance, the
  competing claims, the sensitivity and the flags;
- ``group-<id>.html``: the probabilities with "none of these", the ACH matrix;
- ``source-<id>.html``: grade, affiliation and interest, derivation, every item;
- ``graph.html``: the evidence graph (:mod:`claimlog.render.graph`);
- ``about.html``: what the numbers mean (:mod:`.about`);
- ``style.css``, ``report.js``.

Everything shown of a claim is the data of ``show --format json`` (:mod:`.data`), of
a group the ACH matrix of ``claimlog matrix``. File names come from ids through
:mod:`.names` (never a path separator or ``..``). Ledger text is escaped everywhere
(:func:`.markup.esc`). Everything is iterated in sorted order, so the same input
gives the same bytes.
"""

from __future__ import annotations

from .context import GRAPH_LIMIT, Context, ReportPage

__all__ = ["GRAPH_LIMIT", "MARKER", "ReportPage", "site"]

MARKER = ".claimlog-report"
"""The file that marks a folder as a claimlog report (and lists the files it wrote)."""


def site(page: ReportPage) -> dict[str, str]:
    """Every file of the report of ``page``, by name (relative to the report's folder),
    sorted by name; the marker file lists the others."""
    from ... import __version__
    from .about import about_page
    from .assets import CSS, JS
    from .claim import claim_page
    from .overview import overview
    from .pages import SourceIndex, graph_page, group_page, source_page

    ctx = Context(page, __version__)
    names = ctx.names
    files: dict[str, str] = {
        "index.html": overview(ctx),
        "graph.html": graph_page(ctx),
        "about.html": about_page(ctx),
        "style.css": CSS,
        "report.js": JS,
    }
    for cid, a in ctx.assessed.claims.items():
        files[_name(names.claim(cid))] = claim_page(ctx, a)
    for gid in ctx.groups():
        files[_name(names.group(gid))] = group_page(ctx, gid)
    index = SourceIndex.of(ctx.ls)
    for sid in sorted(ctx.ls.sources):
        files[_name(names.source(sid))] = source_page(ctx, sid, index)
    listing = "".join(f"{name}\n" for name in sorted(files))
    files[MARKER] = "claimlog report: the files this report wrote\n" + listing
    return dict(sorted(files.items()))


def _name(found: str | None) -> str:
    assert found is not None, "a page for an id that has no name"
    return found
