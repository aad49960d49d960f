"""``claimlog graph``: dot, Mermaid and SVG; escaping, determinism, a layout without overlaps."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlog.credibility import assess_set
from claimlog.evidencegraph import build_graph
from claimlog.layout import Box, layered
from claimlog.ledgerset import load_set
from claimlog.render import GraphPage
from claimlog.render.graph import graph_layout
from conftest import LEDGERS, REPO, Run, run, write

HOSTILE = 'Evil "quoted" name ] --> x <script>alert(1)</script> & \\N `tick` | pipe'

LEDGER = f"""\
title: Graph test
sources:
  - id: origin
    name: {yaml.safe_dump(HOSTILE + chr(10) + "second line").strip()}
    reliability: B
    affiliation: [side-a]
  - id: copycat
    name: Copy cat
    reliability: C
    derived_from: [origin]
  - id: relay-1
    name: Relay one
    reliability: A
  - id: other
    name: Other
    reliability: C
claims:
  - id: claim-a
    statement: "A did it <b>]</b> --> \\"end\\""
    group: who
    parties: [side-a, side-b]
  - id: claim-b
    statement: B did it.
    group: who
  - id: lone
    statement: Lone claim.
evidence:
  - id: e-1
    summary: Origin says A did it.
    source: origin
    via: [relay-1]
    stance:
      claim-a: supports
  - id: e-2
    summary: The copy repeats it.
    source: copycat
    stance:
      claim-a: strongly-supports
      claim-b: refutes
  - id: e-3
    summary: Other says neither.
    source: other
    via: [relay-1, copycat]
    stance:
      claim-a: neutral
      claim-b: strongly-refutes
      lone: supports
"""


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    write(tmp_path / "ledgers" / "g.yaml", LEDGER)
    return tmp_path


def _overlap(a: Box, b: Box) -> bool:
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and b.y < a.y + a.height
    )


def _assert_no_overlap(boxes: dict[str, Box]) -> None:
    found = sorted(boxes.values(), key=lambda b: b.key)
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            assert not _overlap(a, b), (a, b)


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "svg"])
def test_every_format_runs(cli: Callable[..., Run], fmt: str) -> None:
    result = cli(["graph", "--group", "crocus-perpetrator", "-f", fmt], cwd=REPO)
    assert result.code == 0, result.stderr
    assert "crocus-by-islamic-state" in result.stdout


def test_dot_structure_and_escaping(cli: Callable[..., Run], ledger: Path) -> None:
    out = cli(["graph", "-f", "dot"], cwd=ledger).stdout
    assert out.startswith("digraph evidence {\n")
    assert out.endswith("}\n")
    quoted = r'"(?:[^"\\\n]|\\.)*"'
    for line in out.splitlines()[4:-1]:
        s = line.strip()
        if s.startswith(("subgraph", "}", "style=")):
            continue
        if s.startswith("label="):
            assert re.fullmatch(rf"label={quoted};", s), s
            continue
        node = rf"n\d+ \[label={quoted}(, \w+=(?:{quoted}|\d+))*\];"
        edge = rf"n\d+ -> n\d+ \[\w+={quoted}(, \w+=(?:{quoted}|\d+|\w+))*\];"
        assert re.fullmatch(node, s) or re.fullmatch(edge, s), s
    assert '\\"quoted\\"' in out
    assert "\\\\N" in out
    # a line break in a name is a space: every line above is one whole statement
    # stances and lines of reporting
    assert 'label="strongly-supports", penwidth=3' in out
    assert 'label="neutral", style=dashed' in out
    assert "subgraph cluster_0" in out
    assert "one line of reporting" in out
    assert 'color="#c5221f", penwidth=2' in out  # the interested source


def test_mermaid_structure_and_escaping(cli: Callable[..., Run], ledger: Path) -> None:
    out = cli(["graph", "-f", "mermaid"], cwd=ledger).stdout
    lines = out.splitlines()
    assert lines[0] == "flowchart LR"
    label = r'"[^"\[\]|<>`]*"'
    for line in lines[1:]:
        s = line.strip().replace("<br/>", " ")  # the one tag claimlog writes
        ok = (
            re.fullmatch(rf"n\d+\[{label}\]", s)
            or re.fullmatch(rf"n\d+\(\[{label}\]\)", s)
            or re.fullmatch(rf"subgraph c\d+\[{label}\]", s)
            or s == "end"
            or re.fullmatch(r"n\d+ (-->|==>|-\.->|--x|==x)(\|[a-z ]+\|)? n\d+", s)
            or s.startswith(("linkStyle ", "classDef ", "class "))
        )
        assert ok, s
    assert "<script>" not in out
    assert "--> x" not in out
    assert "#34;quoted#34;" in out
    assert "#60;script#62;" in out


def test_svg_is_xml_with_text_kept_as_text(cli: Callable[..., Run], ledger: Path) -> None:
    out = cli(["graph", "-f", "svg"], cwd=ledger).stdout
    root = ET.fromstring(out)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert not list(root.iter(f"{ns}script"))
    texts = " ".join(t.text or "" for t in root.iter(f"{ns}text"))
    assert "<script>" in texts
    assert "&" in texts
    assert "&lt;script&gt;" in out
    assert "&amp;" in out


@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
def test_svg_stays_well_formed_with_what_xml_forbids(
    cli: Callable[..., Run], tmp_path: Path, char: str
) -> None:
    """A test campaign: U+FFFF in a statement made the drawing not well-formed (XML
    forbids it), and a browser drew none of it past the label."""
    write(tmp_path / "ledgers" / "g.yaml", LEDGER)
    write(
        tmp_path / "ledgers" / "h.yaml",
        f'claims:\n  - id: odd\n    statement: "Bad \\u{ord(char):04x} text"\n',
    )
    out = cli(["graph", "-f", "svg"], cwd=tmp_path).stdout
    assert char not in out
    root = ET.fromstring(out)  # raised "not well-formed (invalid token)"
    titles = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert f"odd: Bad \\u{ord(char):04x} text" in titles


def test_scope_by_claim_and_group(cli: Callable[..., Run], ledger: Path) -> None:
    lone = cli(["graph", "--claim", "lone", "-f", "mermaid"], cwd=ledger).stdout
    assert "claim: lone" in lone
    assert "claim: claim-a" not in lone
    assert "item: e-1" not in lone
    who = cli(["graph", "--group", "who", "-f", "mermaid"], cwd=ledger).stdout
    assert "claim: claim-a" in who
    assert "claim: lone" not in who
    everything = cli(["graph", "-f", "mermaid"], cwd=ledger).stdout
    assert "claim: lone" in everything
    assert "claim: claim-b" in everything


def test_unknown_claim_or_group_is_exit_2(cli: Callable[..., Run], ledger: Path) -> None:
    result = cli(["graph", "--claim", "claim-c"], cwd=ledger)
    assert result.code == 2
    assert "did you mean" in result.stderr
    assert cli(["graph", "--group", "nope"], cwd=ledger).code == 2


def _reversed_ledger() -> str:
    data = yaml.safe_load(LEDGER)
    for key in ("sources", "claims", "evidence"):
        data[key].reverse()
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "svg"])
def test_output_is_independent_of_entry_order(
    cli: Callable[..., Run], tmp_path: Path, fmt: str
) -> None:
    write(tmp_path / "a" / "ledgers" / "g.yaml", LEDGER)
    write(tmp_path / "b" / "ledgers" / "g.yaml", _reversed_ledger())
    first = cli(["graph", "-f", fmt], cwd=tmp_path / "a").stdout
    second = cli(["graph", "-f", fmt], cwd=tmp_path / "b").stdout
    assert first == second
    assert first == cli(["graph", "-f", fmt], cwd=tmp_path / "a").stdout


def test_sample_ledgers_layout_has_no_overlap() -> None:
    ls = load_set([LEDGERS])
    assessed = assess_set(ls)
    for claims in (None, ls.groups["crocus-perpetrator"]):
        layout = graph_layout(build_graph(assessed, ls, claims))
        assert layout.boxes
        _assert_no_overlap(layout.boxes)
        for b in layout.boxes.values():
            assert b.x >= 0
            assert b.x + b.width <= layout.width
            assert b.y >= 0
            assert b.y + b.height <= layout.height


def test_claims_are_in_the_last_column(ledger: Path) -> None:
    ls = load_set([ledger / "ledgers"])
    g = build_graph(assess_set(ls), ls)
    layout = graph_layout(g)
    last = max(b.layer for b in layout.boxes.values())
    assert {layout.boxes[n.key].layer for n in g.nodes if n.kind == "claim"} == {last}
    assert GraphPage(g).graph is g


@st.composite
def graphs(draw: st.DrawFn) -> tuple[dict[str, tuple[float, float]], list[tuple[str, str]]]:
    n = draw(st.integers(1, 14))
    names = [f"v{k}" for k in range(n)]
    size = st.tuples(st.floats(1, 300), st.floats(1, 120))
    sizes = {name: draw(size) for name in names}
    pairs = st.tuples(st.sampled_from(names), st.sampled_from(names))
    edges = draw(st.lists(pairs, max_size=30))
    return sizes, edges


@settings(max_examples=150, deadline=None)
@given(graphs(), st.data())
def test_generated_layouts_have_no_overlap(
    graph: tuple[dict[str, tuple[float, float]], list[tuple[str, str]]], data: st.DataObject
) -> None:
    sizes, edges = graph
    names = sorted(sizes)
    clusters = data.draw(st.dictionaries(st.sampled_from(names), st.sampled_from(["a", "b"])))
    last = data.draw(st.lists(st.sampled_from(names), max_size=3))
    layout = layered(sizes, edges, last, clusters)
    assert set(layout.boxes) == set(sizes)
    _assert_no_overlap(layout.boxes)
    for key, b in layout.boxes.items():
        assert (b.width, b.height) == sizes[key]
    # deterministic whatever the order of the edges
    again = layered(dict(reversed(list(sizes.items()))), list(reversed(edges)), last, clusters)
    assert again == layout


def test_subprocess(tmp_path: Path) -> None:
    result = run(["graph", LEDGERS, "--group", "crocus-perpetrator", "-f", "svg"], cwd=tmp_path)
    assert result.code == 0, result.stderr
    ET.fromstring(result.stdout)
    missing = run(["graph", LEDGERS, "--claim", "nope"], cwd=tmp_path)
    assert missing.code == 2
    assert "no claim 'nope'" in missing.stderr


# Mermaid's flowchart lexer (packages/mermaid/src/diagrams/flowchart/parser/flow.jison):
# a link is one of these three tokens, and flowDb's destructEndLink reads its last
# character as the head ('x' a cross, '>' an arrow) and a first '=' as a thick stroke,
# dots as a dotted one. So '==x' is a thick link with a cross head, as valid as '--x'.
MERMAID_LINKS = {
    "normal": r"[xo<]?--+[-xo>]",
    "thick": r"[xo<]?==+[=xo>]",
    "dotted": r"[xo<]?-?\.+-[xo>]?",
}
MERMAID_EDGE_TEXT = r"\|[^\[\](){}|\"]+\|"
"""The text of a link between pipes: the lexer's text state ends at any of these."""


def _mermaid_link(arrow: str) -> tuple[str, str]:
    """(stroke, head) of a Mermaid link, as Mermaid's lexer and flowDb read it."""
    for stroke, pattern in MERMAID_LINKS.items():
        if re.fullmatch(pattern, arrow):
            head = {"x": "cross", ">": "arrow", "o": "circle"}.get(arrow[-1], "none")
            return stroke, head
    raise AssertionError(f"not a Mermaid link: {arrow!r}")


def test_mermaid_edges_are_valid_mermaid_links(cli: Callable[..., Run], ledger: Path) -> None:
    from claimlog.render.graph import ARROW

    expected = {
        "reports": ("normal", "arrow"),
        "supports": ("normal", "arrow"),
        "strongly-supports": ("thick", "arrow"),
        "neutral": ("dotted", "arrow"),
        "refutes": ("normal", "cross"),
        "strongly-refutes": ("thick", "cross"),
    }
    for kind, arrow in ARROW.items():
        link, _, text = arrow.partition("|")
        assert _mermaid_link(link) == expected[kind], kind
        if text:
            assert re.fullmatch(MERMAID_EDGE_TEXT, "|" + text), kind
    out = cli(["graph", "-f", "mermaid"], cwd=ledger).stdout
    edges = [line.split() for line in out.splitlines() if re.match(r"\s+n\d+ [-=.x<o]", line)]
    assert edges
    seen = set()
    for tail, arrow, head in ([*e[:1], " ".join(e[1:-1]), e[-1]] for e in edges):
        link = arrow.split("|")[0]
        seen.add(_mermaid_link(link))
        assert re.fullmatch(r"n\d+", tail)
        assert re.fullmatch(r"n\d+", head)
    assert ("thick", "cross") in seen  # e-3 strongly refutes claim-b
    assert ("normal", "cross") in seen


def test_svg_boxes_link_to_pages_when_asked(ledger: Path) -> None:
    from claimlog.render.graph import svg_text

    ls = load_set([ledger / "ledgers"])
    g = build_graph(assess_set(ls), ls)
    plain = svg_text(g)
    assert "<a " not in plain
    linked = svg_text(g, lambda n: f'page-{n.ref}.html?"<x>"&y' if n.kind == "claim" else None)
    root = ET.fromstring(linked)
    ns = "{http://www.w3.org/2000/svg}"
    hrefs = sorted(a.get("href") or "" for a in root.iter(f"{ns}a"))
    assert hrefs == [f'page-{c}.html?"<x>"&y' for c in ("claim-a", "claim-b", "lone")]
    assert 'href="page-claim-a.html?&quot;&lt;x&gt;&quot;&amp;y"' in linked
    assert linked.replace("</g></a>", "</g>").count('<g class="node') == plain.count(
        '<g class="node'
    )


QUOTE8 = "one two three four five six seven eight"


def _item(ident: str, source: str, extra: str = "") -> str:
    return (
        f"  - {{id: {ident}, summary: E., source: {source}, credibility: 2, "
        f"stance: {{c: supports}}{extra}}}\n"
    )


JOINED_ALIKE = (
    "sources:\n"
    + "".join(f"  - {{id: a{i}, name: A{i}, reliability: B}}\n" for i in range(1, 9))
    + "  - {id: hub, name: Hub, reliability: B, derived_from: [a1, a2, a3, a4, a5, a6, a7, a8]}\n"
    + "".join(f"  - {{id: {s}, name: {s.upper()}, reliability: C}}\n" for s in "pqz")
    + "claims:\n  - {id: c, statement: It happened.}\nevidence:\n"
    + _item("h", "hub")
    + _item("q1", "p", f", quote: '{QUOTE8}+z'")
    + _item("q2", "q", f", quote: '{QUOTE8}+z'")
    + _item("r1", "p", f", quote: '{QUOTE8}'")
    + _item("r2", "q", f", quote: '{QUOTE8}'")
    + _item("ez", "z")
    + _item("x1", "p", ", based_on: [h, q1]")
    + _item("x2", "q", ", based_on: [h, q1]")
    + _item("y1", "p", ", based_on: [h, r1, ez]")
    + _item("y2", "q", ", based_on: [h, r1, ez]")
)


def test_two_compilations_whose_names_join_alike_are_two_lines(tmp_path: Path) -> None:
    """{a1..a8, 'quote:...eight+z'} and {a1..a8, 'quote:...eight', z} join to one name;
    they are two lines of reporting (the set of origins, not its name, is the line),
    two frames of the graph with keys of their own."""
    write(tmp_path / "ledgers" / "j.yaml", JOINED_ALIKE)
    ls = load_set([tmp_path / "ledgers"])
    assessed = assess_set(ls)
    lines = {i.id: i.roots for i in assessed.items["c"]}
    assert lines["x1"] == lines["x2"] != lines["y1"] == lines["y2"]
    # a1..a8 (the hub's item), the two quotes, z, and two compilations (one until
    # 2026-12-05: their names joined alike)
    assert assessed.claims["c"].independent_origins == 8 + 2 + 1 + 2
    clusters = [c for c in build_graph(assessed, ls).clusters if "origins" in c.line]
    assert [c.line for c in clusters] == ["10 origins (a1, ...)"] * 2
    assert len({c.key for c in clusters}) == 2
    members = [set(c.members) for c in clusters]
    assert {"item:x1", "item:x2"} <= members[0] or {"item:x1", "item:x2"} <= members[1]


@given(
    st.lists(st.frozensets(st.sampled_from("abcdef"), max_size=4), min_size=1, max_size=5),
    st.lists(st.frozensets(st.sampled_from("abcdefgh"), max_size=6), max_size=5),
)
def test_a_source_s_side_is_the_same_either_way_round(
    tags: list[frozenset[str]], claims: list[frozenset[str]]
) -> None:
    """The graph meets each source's affiliations with each claim's parties or with
    their union, whichever is less work (a hunt: the union made for each of 5,000 items
    on a claim of 20,000 parties took 18 s): the same parties either way."""
    from claimlog.evidencegraph import _side_of

    chain = [f"s{i}" for i in range(len(tags))]
    tags_of = dict(zip(chain, tags, strict=True))
    bears: dict[str, set[str]] = {sid: set() for sid in chain}
    _side_of(chain, claims, tags_of, bears)
    union = frozenset().union(*claims)
    assert bears == {sid: set(tags_of[sid] & union) for sid in chain}
