"""``claimlog graph``: the evidence graph as Graphviz dot, Mermaid, or SVG.

Nodes are numbered ``n0, n1, ...`` in the graph's (sorted) order, so no ledger id
is ever a graph identifier; ledger text appears only in labels, escaped for each
format: dot quoted strings (``\\`` and ``"`` escaped), Mermaid entity codes
(``#34;``) for every character outside a small safe set, XML entities in SVG.
Control characters are first made visible by :func:`literal`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape as _escape
from typing import TYPE_CHECKING

from .common import Style
from .safe import literal, one_line, xml_chars


def _xml(text: str) -> str:
    """Text for an SVG drawing: escaped, and what XML forbids made visible (a label
    with U+FFFF made the drawing not well-formed; a browser drew none of it past it)."""
    return _escape(xml_chars(text), quote=True)


if TYPE_CHECKING:
    from ..evidencegraph import EvidenceGraph, Node
    from ..layout import Layout
    from . import GraphPage

FILL = {"source": "#e8f0fe", "relay": "#f1f3f4", "item": "#ffffff", "claim": "#fef7e0"}
EDGE_COLOR = {
    "reports": "#5f6368",
    "strongly-supports": "#188038",
    "supports": "#188038",
    "neutral": "#9aa0a6",
    "refutes": "#c5221f",
    "strongly-refutes": "#c5221f",
}
STRONG = {"strongly-supports", "strongly-refutes"}
INTERESTED = "#c5221f"


def _one_line(text: str) -> str:
    return one_line(text)


def _short(text: str, room: int) -> str:
    text = _one_line(text)
    return text if len(text) <= room else text[: room - 3].rstrip() + "..."


def _wrapped(text: str, room: int, most: int) -> list[str]:
    """``text`` (made visible) in at most ``most`` lines of about ``room`` characters."""
    words = _one_line(text).split()
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    lines = [_short(line, room) for line in lines] or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: room - 4].rstrip() + " ..."
    return lines


def _lines(n: Node) -> list[str]:
    """The text of a node's box: its id and kind, its label, its detail."""
    head = f"{n.kind}: {_short(n.ref, 40)}"
    out = [head, *_wrapped(n.label, 36, 3), _short(n.detail, 40)]
    if n.interested:
        out.append(_short("interested: " + ", ".join(n.interested), 40))
    return out


def _names(g: EvidenceGraph) -> dict[str, str]:
    return {n.key: f"n{k}" for k, n in enumerate(g.nodes)}


# --- Graphviz dot ----------------------------------------------------------------------


def _dot_text(text: str) -> str:
    return literal(text).replace("\\", "\\\\").replace('"', '\\"')


def _dot_node(name: str, n: Node) -> str:
    label = "\\n".join(_dot_text(line) for line in _lines(n))
    attrs = [f'label="{label}"', f'fillcolor="{FILL[n.kind]}"']
    style = "filled" if n.counted else "filled,dashed"
    if n.kind == "claim":
        style += ",rounded"
    attrs.append(f'style="{style}"')
    if n.interested:
        attrs += [f'color="{INTERESTED}"', "penwidth=2"]
    return f"  {name} [{', '.join(attrs)}];"


def dot(page: GraphPage, style: Style) -> str:
    """``graph --format dot``: for Graphviz (``dot -Tsvg``)."""
    g = page.graph
    names = _names(g)
    clustered = g.cluster_of()
    by_key = {n.key: n for n in g.nodes}
    out = [
        "digraph evidence {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=10];',
        '  node [shape=box, fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for k, c in enumerate(g.clusters):
        out += [
            f"  subgraph cluster_{k} {{",
            f'    label="{_dot_text("one line of reporting: " + c.line)}";',
            '    style=dashed; color="#5f6368";',
        ]
        out += ["  " + _dot_node(names[m], by_key[m]) for m in c.members]
        out.append("  }")
    out += [_dot_node(names[n.key], n) for n in g.nodes if n.key not in clustered]
    for e in g.edges:
        attrs = [f'color="{EDGE_COLOR[e.kind]}"']
        if e.kind != "reports":
            attrs.append(f'label="{e.kind}"')
        if e.kind in STRONG:
            attrs.append("penwidth=3")
        if e.kind == "neutral":
            attrs.append("style=dashed")
        out.append(f"  {names[e.tail]} -> {names[e.head]} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


# --- Mermaid -----------------------------------------------------------------------------

_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 ,.:/_'-]")
ARROW = {
    "reports": "-->",
    "strongly-supports": "==>|strongly supports|",
    "supports": "-->|supports|",
    "neutral": "-.->|neutral|",
    "refutes": "--x|refutes|",
    "strongly-refutes": "==x|strongly refutes|",
}


def _mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: every character outside a small safe set as an
    entity code (``#34;``), so no quote, bracket, pipe or arrow can end the label."""
    return "".join(ch if _MERMAID_SAFE.fullmatch(ch) else f"#{ord(ch)};" for ch in literal(text))


def _mermaid_node(name: str, n: Node) -> str:
    label = "<br/>".join(_mermaid_text(line) for line in _lines(n))
    if n.kind == "claim":
        return f'{name}(["{label}"])'
    return f'{name}["{label}"]'


def mermaid(page: GraphPage, style: Style) -> str:
    """``graph --format mermaid``: a ``flowchart LR`` for Markdown viewers."""
    g = page.graph
    names = _names(g)
    clustered = g.cluster_of()
    by_key = {n.key: n for n in g.nodes}
    out = ["flowchart LR"]
    for k, c in enumerate(g.clusters):
        out.append(f'  subgraph c{k}["{_mermaid_text("one line of reporting: " + c.line)}"]')
        out += [f"    {_mermaid_node(names[m], by_key[m])}" for m in c.members]
        out.append("  end")
    out += [f"  {_mermaid_node(names[n.key], n)}" for n in g.nodes if n.key not in clustered]
    for e in g.edges:
        out.append(f"  {names[e.tail]} {ARROW[e.kind]} {names[e.head]}")
    for k, e in enumerate(g.edges):
        width = "3px" if e.kind in STRONG else "1.5px"
        dash = ",stroke-dasharray:4 3" if e.kind == "neutral" else ""
        out.append(f"  linkStyle {k} stroke:{EDGE_COLOR[e.kind]},stroke-width:{width}{dash}")
    for kind, fill in FILL.items():
        out.append(f"  classDef {kind} fill:{fill},stroke:#5f6368")
    out.append(f"  classDef interested fill:{FILL['source']},stroke:{INTERESTED},stroke-width:2px")
    for kind in FILL:
        members = [names[n.key] for n in g.nodes if n.kind == kind and not n.interested]
        if members:
            out.append(f"  class {','.join(members)} {kind}")
    marked = [names[n.key] for n in g.nodes if n.interested]
    if marked:
        out.append(f"  class {','.join(marked)} interested")
    return "\n".join(out) + "\n"


# --- SVG -----------------------------------------------------------------------------------

CHAR = 7.0
"""Width of a character at 12px, a little wide for most fonts (so text fits its box)."""
LINE = 16.0
PAD = 8.0


def _text_width(text: str) -> float:
    if text.isascii():
        return len(text) * CHAR
    from rich.cells import cell_len

    return cell_len(text) * CHAR


def box_size(n: Node) -> tuple[float, float]:
    """A node's box: wide enough for its longest line, tall enough for its lines."""
    lines = _lines(n)
    return (max(_text_width(line) for line in lines) + 2 * PAD, len(lines) * LINE + PAD)


def graph_layout(g: EvidenceGraph) -> Layout:
    """The layered layout claimlog draws: boxes sized by their text, claims last."""
    from ..layout import layered

    sizes = {n.key: box_size(n) for n in g.nodes}
    last = [n.key for n in g.nodes if n.kind == "claim"]
    return layered(sizes, [(e.tail, e.head) for e in g.edges], last, g.cluster_of())


def _x(value: float) -> str:
    return f"{value:.1f}"


def _svg_node(n: Node, layout: Layout, href: str | None = None) -> list[str]:
    b = layout.boxes[n.key]
    stroke = INTERESTED if n.interested else "#5f6368"
    width = "2.5" if n.interested else "1"
    dash = "" if n.counted else ' stroke-dasharray="5 3"'
    rx = "12" if n.kind == "claim" else "3"
    lines = _lines(n)
    out = [
        f'<g class="node {n.kind}">'
        if href is None
        else f'<a href="{_xml(href)}"><g class="node {n.kind}">',
        f"<title>{_xml(literal(n.ref + ': ' + n.label))}</title>",
        f'<rect x="{_x(b.x)}" y="{_x(b.y)}" width="{_x(b.width)}" height="{_x(b.height)}" '
        f'rx="{rx}" fill="{FILL[n.kind]}" stroke="{stroke}" stroke-width="{width}"{dash}/>',
    ]
    for k, line in enumerate(lines):
        weight = ' font-weight="bold"' if k == 0 else ""
        y = b.y + PAD / 2 + LINE * (k + 1) - 4
        out.append(f'<text x="{_x(b.x + PAD)}" y="{_x(y)}"{weight}>{_xml(line)}</text>')
    out.append("</g>" if href is None else "</g></a>")
    return out


def svg(page: GraphPage, style: Style) -> str:
    """``graph --format svg``: laid out by claimlog (:mod:`claimlog.layout`)."""
    return svg_text(page.graph)


def svg_text(
    g: EvidenceGraph, href: Callable[[Node], str | None] | None = None, prefix: str = ""
) -> str:
    """The SVG of ``g``; with ``href``, each box whose ``href(node)`` is not None is a
    link there (the HTML report links every box to its page); ``prefix`` starts the ids
    of its markers (so that several drawings in one page have ids of their own)."""
    layout = graph_layout(g)
    kinds = {(e.tail, e.head): e.kind for e in g.edges}
    lines = {c.key: c.line for c in g.clusters}
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{_x(layout.width)}" height="{_x(layout.height)}" '
        f'viewBox="0 0 {_x(layout.width)} {_x(layout.height)}" '
        'font-family="Helvetica, Arial, sans-serif" font-size="12">',
        "<title>claimlog evidence graph</title>",
        "<defs>",
    ]
    for name, color in sorted(set(EDGE_COLOR.items())):
        out.append(
            f'<marker id="{prefix}arrow-{name}" viewBox="0 0 10 10" refX="10" refY="5" '
            f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            f'<path d="M 0 0 L 10 5 L 0 10 z" fill="{color}"/></marker>'
        )
    out.append("</defs>")
    for f in layout.frames:
        out.append(
            f'<g class="line"><rect x="{_x(f.x)}" y="{_x(f.y)}" width="{_x(f.width)}" '
            f'height="{_x(f.height)}" fill="none" stroke="#5f6368" stroke-dasharray="6 4"/>'
            f'<text x="{_x(f.x + 4)}" y="{_x(f.y + 14)}" font-size="10" fill="#5f6368">'
            f"{_xml(_short('one line: ' + lines[f.cluster], 40))}</text></g>"
        )
    for r in layout.routes:
        kind = kinds[(r.tail, r.head)]
        width = "3" if kind in STRONG else "1.5"
        dash = ' stroke-dasharray="5 3"' if kind == "neutral" else ""
        points = " ".join(f"{_x(x)},{_x(y)}" for x, y in r.points)
        out.append(
            f'<polyline class="edge {kind}" points="{points}" fill="none" '
            f'stroke="{EDGE_COLOR[kind]}" stroke-width="{width}"{dash} '
            f'marker-end="url(#{prefix}arrow-{kind})"/>'
        )
    for n in g.nodes:
        out += _svg_node(n, layout, None if href is None else href(n))
    out.append("</svg>")
    return "\n".join(out) + "\n"
