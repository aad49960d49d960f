"""The report of the sample ledgers in a real browser: Debian's headless Chromium,
driven by playwright, opening the pages from ``file://``.

It lists every claim, its filters hide what they should, a claim's contribution bars
add up to the move shown, every internal link leads to a page and an anchor that
exist, no page logs an error or asks for anything over the network, and the pages
fit a phone's width and the printed page, whatever long words the ledgers hold.
Screenshots at 1280 and 390 pixels are written to the test's temporary folder.
Skipped only on a machine without /usr/bin/chromium outside CI (``CI`` set: CI
installs it, and a missing browser fails).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from conftest import LEDGERS, run

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class Watched:
    """A page and what it did: every request, console messages and errors."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.problems: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def open(self, site: Path, name: str) -> None:
        self.page.goto((site / name).as_uri())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "site"
    result = run(["report", LEDGERS, "-o", out], cwd=LEDGERS.parent)
    assert result.code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def summary() -> Any:
    result = run(["summary", LEDGERS, "--format", "json"], cwd=LEDGERS.parent)
    assert result.code == 0, result.stderr
    return result.json()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), f"{CHROMIUM} is needed: install Debian's chromium (.ci/run does)"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    watched = Watched(context.new_page())
    yield watched
    context.close()
    assert watched.problems == []
    outside = [url for url in watched.requests if not url.startswith("file://")]
    assert outside == [], "requests that leave the page"


def test_the_overview_lists_every_claim(tab: Watched, site: Path, summary: Any) -> None:
    tab.open(site, "index.html")
    rows = tab.page.locator("tr[data-verdict]")
    assert rows.count() == len(summary["claims"]) == 13
    shown = tab.page.locator("tr[data-verdict] td:first-child .id").all_inner_texts()
    assert sorted(shown) == sorted(c["id"] for c in summary["claims"])
    assert tab.page.locator("#filters").is_visible()  # the script ran
    assert tab.page.locator("#shown").inner_text() == "Showing 13 of 13 claims"
    assert tab.page.locator("tr.residual").count() == 1  # crocus-perpetrator is open
    assert "9.4%" in tab.page.locator("tr.residual").inner_text()


def _visible_ids(tab: Watched) -> list[str]:
    return sorted(tab.page.locator("tr[data-verdict]:visible td:first-child .id").all_inner_texts())


def test_filters_hide_what_they_should(tab: Watched, site: Path, summary: Any) -> None:
    tab.open(site, "index.html")
    claims = summary["claims"]
    tab.page.get_by_label("disputed").uncheck()
    expected = sorted(c["id"] for c in claims if c["verdict"] != "disputed")
    assert _visible_ids(tab) == expected
    assert tab.page.locator("#shown").inner_text() == f"Showing {len(expected)} of 13 claims"
    # both claims of the spies group are disputed: the whole section goes
    spies = tab.page.locator("section.group", has_text="spies-video-authenticity")
    assert spies.is_hidden()
    tab.page.get_by_label("disputed").check()
    tab.page.get_by_label("unverified").uncheck()
    expected = sorted(c["id"] for c in claims if c["verdict"] != "unverified")
    assert _visible_ids(tab) == expected
    tab.page.get_by_label("unverified").check()
    tab.page.select_option("select[name=flag]", "fragile")
    assert _visible_ids(tab) == sorted(c["id"] for c in claims if "fragile" in c["flags"])
    tab.page.select_option("select[name=flag]", "-")
    assert _visible_ids(tab) == sorted(c["id"] for c in claims if not c["flags"])
    tab.page.get_by_role("button", name="Show all").click()  # the form's reset
    expect(tab.page.locator("tr[data-verdict]:visible")).to_have_count(13)
    expect(tab.page.locator("#shown")).to_have_text("Showing 13 of 13 claims")


def test_a_group_s_rounding_note_hides_while_its_claims_are_filtered(
    tab: Watched, site: Path
) -> None:
    """A review: with a filter hiding some of a group's claims, the overview still said
    "The shares are rounded down, so they add up to 99.7% here" under the rows left.
    The note hides while any of its group's claims is hidden, and comes back with them."""
    tab.open(site, "index.html")
    section = tab.page.locator("section.group", has=tab.page.locator(".rounding"))
    assert section.count() >= 1
    group = section.first
    note = group.locator(".rounding")
    expect(note).to_be_visible()
    verdicts = group.locator("tr[data-verdict]").evaluate_all(
        "rows => rows.map(r => r.dataset.verdict)"
    )
    hidden = next(v for v in verdicts if 0 < verdicts.count(v) < len(verdicts))
    tab.page.get_by_label(hidden).uncheck()
    expect(group).to_be_visible()  # the group's other claims are still shown
    expect(note).to_be_hidden()
    tab.page.get_by_label(hidden).check()
    expect(note).to_be_visible()
    tab.page.select_option("select[name=flag]", "-")  # a flag filter hides rows too
    if group.locator("tr[data-verdict]:visible").count() < len(verdicts):
        expect(note).to_be_hidden()
    tab.page.get_by_role("button", name="Show all").click()
    expect(note).to_be_visible()


def test_without_javascript_everything_is_visible(browser: Browser, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    assert page.locator("tr[data-verdict]:visible").count() == 13
    assert page.locator("#filters").is_hidden()  # no controls that would do nothing
    context.close()


READ_MOVES = """() => {
  const table = document.querySelector("table.moves");
  const rows = [...table.querySelectorAll("tr[data-contribution]")];
  return {
    prior: Number(table.dataset.prior),
    probability: Number(table.dataset.probability),
    move: Number(table.dataset.move),
    parts: rows.map((r) => Number(r.dataset.contribution)),
    tenths: rows.map((r) => r.cells[2].textContent),
    total: table.querySelector("tfoot, tbody tr:last-child").textContent,
    bars: rows.map((r) => r.querySelector("rect").getBoundingClientRect().width),
  };
}"""


def test_contribution_bars_add_up_to_the_move(tab: Watched, site: Path) -> None:
    for name in sorted(p.name for p in site.glob("claim-*.html")):
        tab.open(site, name)
        got = tab.page.evaluate(READ_MOVES)
        micro = round(sum(got["parts"]) * 1e6)
        assert micro == round(got["move"] * 1e6), name
        assert micro == round((got["probability"] - got["prior"]) * 1e6), name
        tenths = sum(float(t.replace("\u2212", "-")) for t in got["tenths"])
        shown = got["total"].split("total move ")[1].split(" points")[0]
        assert round(tenths, 1) == float(shown.replace("\u2212", "-")), name
        drawn = zip(got["parts"], got["bars"], strict=True)
        assert all(width > 0 for part, width in drawn if part), name
    tab.open(site, "claim-crocus-by-islamic-state.html")
    assert len(tab.page.evaluate(READ_MOVES)["parts"]) >= 6


LINKS = """() => [...document.querySelectorAll("a[href]")].map(
  (a) => new URL(a.getAttribute("href"), document.baseURI).href)"""
IDS = """() => [...document.querySelectorAll("[id]")].map((e) => e.id)"""


def test_every_internal_link_resolves(tab: Watched, site: Path) -> None:
    pages = sorted(p.name for p in site.glob("*.html"))
    assert len(pages) == 1 + 1 + 1 + 13 + 2 + 46  # the overview, graph, about.html...
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    for name in pages:
        tab.open(site, name)
        ids[name] = set(tab.page.evaluate(IDS))
        links += [(name, href) for href in tab.page.evaluate(LINKS)]
    internal = [(name, href) for name, href in links if href.startswith("file://")]
    assert len(internal) > 500
    for name, href in internal:
        parts = urlsplit(href)
        target = Path(unquote(parts.path))
        assert target.parent == site, (name, href)
        assert target.name in ids, (name, href)
        assert not parts.fragment or unquote(parts.fragment) in ids[target.name], (name, href)
    external = [href for _, href in links if not href.startswith("file://")]
    assert all(href.startswith(("http://", "https://")) for href in external), external


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_and_no_sideways_scrolling(
    browser: Browser, site: Path, tmp_path: Path, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    watched = Watched(context.new_page())
    for name in ("index.html", "claim-crocus-by-ukraine.html"):
        watched.open(site, name)
        overflow = watched.page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, (name, width, overflow)
        shot = tmp_path / f"{name.removesuffix('.html')}-{width}.png"
        watched.page.screenshot(path=str(shot), full_page=True)
        w, h = _png_size(shot)
        assert w == width, (name, w)
        assert h > 1500, (name, h)
        assert shot.stat().st_size > 40_000, (name, shot.stat().st_size)
    context.close()
    assert watched.problems == []
    assert all(url.startswith("file://") for url in watched.requests)
    print(json.dumps(sorted(p.name for p in tmp_path.glob("*.png"))))


def test_a_finding_s_line_and_column_stay_on_one_line(browser: Browser, tmp_path: Path) -> None:
    """A review: in the findings table, long messages squeezed the place cell until it
    broke inside a number ("ledgers/a.yaml:27:1" then "3", read as column 1)."""
    ledgers = tmp_path / "ledgers"
    ledgers.mkdir()
    long_id = "a-source-whose-name-is-long-enough-to-need-a-whole-line-of-its-own"
    (ledgers / "a-ledger-file-with-a-rather-long-name-of-its-own.yaml").write_text(
        "sources:\n  - {id: s1, name: S1}\nclaims:\n  - {id: c1, statement: X.}\nevidence:\n"
        + "".join(
            f"  - {{id: e{i}, summary: S., source: {long_id}-{i}, stance: {{c1: supports}}}}\n"
            for i in range(12)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = run(["report", "-o", str(out)], cwd=tmp_path)
    assert result.code == 1, result.stderr
    for width in (390, 1200):
        context = browser.new_context(viewport={"width": width, "height": 800})
        watched = Watched(context.new_page())
        watched.open(out, "index.html")
        places = watched.page.evaluate(
            "() => [...document.querySelectorAll('td.id .at')]"
            ".map(e => [e.textContent, e.getClientRects().length])"
        )
        assert len(places) >= 12, places
        assert all(rects == 1 for _, rects in places), (width, places)
        context.close()
        assert watched.problems == []


def test_a_long_unbroken_word_wraps_instead_of_widening_the_page(
    browser: Browser, tmp_path: Path
) -> None:
    """A tour: 300 letters without a space (a pasted hash or address) in a statement, a
    summary or a group's question made every page that shows them scroll sideways, on a
    phone and at 1,400 pixels (a claim page 3,521 pixels wide)."""
    word = "a" * 300
    (tmp_path / "l.yaml").write_text(
        f"groups:\n  - {{id: grp, question: 'Who {word}?'}}\n"
        "sources:\n  - {id: s1, name: S1}\n"
        f"claims:\n  - {{id: c, statement: 'Claim {word}', group: grp}}\n"
        "  - {id: d, statement: Another., group: grp}\n"
        f"evidence:\n  - {{id: e1, summary: 'Seen {word}', source: s1, stance: {{c: supports}}}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = run(["report", "l.yaml", "-o", str(out)], cwd=tmp_path)
    assert result.code == 0, result.stderr
    pages = sorted(p.name for p in out.glob("*.html"))
    assert len(pages) >= 4, pages
    for width in (375, 1400):
        context = browser.new_context(viewport={"width": width, "height": 800})
        watched = Watched(context.new_page())
        for name in pages:
            watched.open(out, name)
            overflow = watched.page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, (name, width, overflow)
        context.close()
        assert watched.problems == []


WIDE = """() => {
  const page = document.documentElement.scrollWidth - window.innerWidth;
  const tables = [...document.querySelectorAll("table")].map((t) => {
    const box = t.parentElement;
    const least = parseFloat(getComputedStyle(t).minWidth) || 0;
    return [t.className, t.getBoundingClientRect().width, box.clientWidth, least];
  }).filter(([, width, room, least]) => width > Math.max(room, least) + 1);
  return { page, tables };
}"""
"""How far a page is wider than the window, and the tables wider than their box for a
reason other than their own least width (a long word)."""

LONG = "x" * 3000
ID = "i" * 127
"""The longest id but one letter (ids are at most 128 characters)."""


def _long_words(tmp_path: Path) -> Path:
    """A set whose every kind of ledger text holds one word of 3,000 letters, and whose
    ids are as long as ids can be."""
    (tmp_path / "l.yaml").write_text(
        f"title: T{LONG}\ndescription: D{LONG}\n"
        f"groups:\n  - {{id: grp, question: 'Q{LONG}', notes: 'N{LONG}'}}\n"
        f"sources:\n  - {{id: s1, name: 'S{LONG}', notes: 'N{LONG}', kind: outlet}}\n"
        f"  - {{id: {ID}s, name: S2, reliability: B}}\n"
        f"claims:\n  - {{id: c, statement: 'C{LONG}', group: grp, notes: 'N{LONG}'}}\n"
        f"  - {{id: {ID}c, statement: Another., group: grp}}\n"
        f"evidence:\n  - {{id: e1, summary: 'S{LONG}', quote: 'Q{LONG}', notes: 'N{LONG}',"
        f" source: s1, via: [{ID}s], stance: {{c: supports, {ID}c: refutes}}}}\n"
        f"  - {{id: {ID}e, summary: Two., source: {ID}s, credibility: 2,"
        f" stance: {{{ID}c: supports}}}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = run(["report", "l.yaml", "-o", str(out)], cwd=tmp_path)
    assert result.code == 0, result.stderr
    return out


@pytest.mark.parametrize(("width", "media"), [(1280, "screen"), (390, "screen"), (794, "print")])
def test_a_long_word_in_any_ledger_text_wraps_in_tables_and_in_print(
    browser: Browser, tmp_path: Path, width: int, media: str
) -> None:
    """A tour: a summary of 3,000 letters with no space made a source page's table
    32,214 pixels wide at 1,280 (5,340 at 390), a group's ACH matrix 5,742, and ran off
    the paper in print. Every cell of ledger text wraps."""
    out = _long_words(tmp_path)
    pages = sorted(p.name for p in out.glob("*.html"))
    assert "source-s1.html" in pages
    assert "group-grp.html" in pages
    context = browser.new_context(viewport={"width": width, "height": 800})
    watched = Watched(context.new_page())
    watched.page.emulate_media(media=media)  # type: ignore[arg-type]
    for name in pages:
        watched.open(out, name)
        got = watched.page.evaluate(WIDE)
        assert got["page"] <= 0, (name, width, media, got)
        assert got["tables"] == [], (name, width, media, got)
    context.close()
    assert watched.problems == []


FINDINGS = """() => {
  const table = document.querySelector("table.findings");
  const box = table.parentElement.getBoundingClientRect();
  const message = table.querySelector("tbody tr td:last-child").getBoundingClientRect();
  return {
    wide: table.parentElement.scrollWidth - table.parentElement.clientWidth,
    left: message.left - box.left,
    right: box.right - message.right,
    width: message.width,
    boxWidth: box.width,
  };
}"""


def test_findings_read_on_a_phone(browser: Browser, tmp_path: Path) -> None:
    """A tour: at 390 pixels the findings table was 445 pixels in a 366-pixel box, and
    its message, what matters most, began at 336 pixels: 40 pixels of it showed, with
    no sign that the table scrolls. On a phone each finding is a block, its message as
    wide as the box."""
    ledgers = tmp_path / "ledgers"
    ledgers.mkdir()
    (ledgers / "a-ledger-file-with-a-long-name.yaml").write_text(
        "sources:\n  - {id: s1, name: S1}\n  - {id: unused, name: U}\n"
        "claims:\n  - {id: c1, statement: X.}\n"
        "evidence:\n  - {id: e1, summary: S., source: nowhere, stance: {c1: supports}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert run(["report", "-o", str(out)], cwd=tmp_path).code == 1
    context = browser.new_context(viewport={"width": 390, "height": 800})
    watched = Watched(context.new_page())
    watched.open(out, "index.html")
    got = watched.page.evaluate(FINDINGS)
    assert got["wide"] <= 0, got
    assert got["left"] < 20, got
    assert got["width"] > 0.9 * got["boxWidth"], got
    context.close()
    assert watched.problems == []


PRINTED = """() => {
  const right = Math.max(...[...document.querySelectorAll(".flag, .badge, td, th")]
    .map((e) => e.getBoundingClientRect().right));
  return { page: document.documentElement.scrollWidth, right };
}"""


@pytest.mark.parametrize("width", [794, 718])
def test_the_overview_fits_a_printed_a4_page(browser: Browser, site: Path, width: int) -> None:
    """A tour: printed at A4 width (794 pixels) the overview's flag badges ended at 876
    pixels, cut off. Every page of the sample report fits the paper, whole (794) and
    within the margins Chromium prints by default (718)."""
    context = browser.new_context(viewport={"width": width, "height": 1123})
    watched = Watched(context.new_page())
    watched.page.emulate_media(media="print")
    for name in sorted(p.name for p in site.glob("*.html")):
        watched.open(site, name)
        got = watched.page.evaluate(PRINTED)
        assert got["page"] <= width, (name, got)
        assert got["right"] <= width, (name, got)
    context.close()
    assert watched.problems == []


EDGES = """() => {
  const crosses = (a, b, r) => {  // does segment a-b pass through the inside of r?
    let lo = 0, hi = 1;
    const d = [b.x - a.x, b.y - a.y];
    const sides = [[-d[0], a.x - r.left], [d[0], r.right - a.x],
                   [-d[1], a.y - r.top], [d[1], r.bottom - a.y]];
    for (const [p, q] of sides) {
      if (p === 0) { if (q <= 0) { return false; } continue; }
      const t = q / p;
      if (p < 0) { lo = Math.max(lo, t); } else { hi = Math.min(hi, t); }
    }
    return lo < hi;
  };
  const near = (r, p) => p.x >= r.left - 1 && p.x <= r.right + 1
    && p.y >= r.top - 1 && p.y <= r.bottom + 1;
  const drawings = [...document.querySelectorAll(".graph")].map((box) => {
    const svg = box.querySelector("svg");
    const m = svg.getScreenCTM();
    const nodes = [...svg.querySelectorAll("g.node")].map((g) => [
      g.querySelector("title").textContent, g.querySelector("rect").getBoundingClientRect()]);
    const crossings = [];
    for (const line of svg.querySelectorAll("polyline.edge")) {
      const points = [...line.points].map((p) => new DOMPoint(p.x, p.y).matrixTransform(m));
      const [first, last] = [points[0], points[points.length - 1]];
      for (const [title, r] of nodes) {
        if (near(r, first) || near(r, last)) { continue; }  // one of its two ends
        const inside = { left: r.left + 1, right: r.right - 1, top: r.top + 1,
                         bottom: r.bottom - 1 };
        for (let k = 1; k < points.length; k += 1) {
          if (crosses(points[k - 1], points[k], inside)) {
            crossings.push([line.getAttribute("points"), title]);
            break;
          }
        }
      }
    }
    const drawn = svg.getBoundingClientRect();
    const room = box.getBoundingClientRect();
    return {
      edges: svg.querySelectorAll("polyline.edge").length, crossings,
      scale: drawn.width / svg.viewBox.baseVal.width, right: drawn.right,
      boxRight: room.right, scrolled: box.scrollWidth - box.clientWidth,
      overflow: getComputedStyle(box).overflowX,
    };
  });
  return { page: document.documentElement.scrollWidth - window.innerWidth, drawings };
}"""
"""Each drawing of the graph page, measured as drawn: the edges that pass through the
inside of a box they do not end at, and how the drawing sits in its box."""


@pytest.mark.parametrize("width", [1280, 375])
def test_graph_edges_miss_other_boxes_and_the_drawing_fits(
    browser: Browser, site: Path, width: int
) -> None:
    """A tour: in the Crocus drawing, lines from sources to items ran under the relays
    between (a bend was one point in the middle of its column, and the slanting lines
    to it went through the boxes beside it), and at 1,280 pixels the drawing, 1,671
    pixels wide, was cut off at the right of its 1,118-pixel box, the claims out of
    sight. At 1,280 every drawing fits its box whole; on a phone its box scrolls."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    watched = Watched(context.new_page())
    watched.open(site, "graph.html")
    got = watched.page.evaluate(EDGES)
    assert got["page"] <= 0, got["page"]
    assert len(got["drawings"]) >= 10
    assert sum(d["edges"] for d in got["drawings"]) > 100
    for d in got["drawings"]:
        assert d["crossings"] == [], (width, d["crossings"])
        assert d["right"] <= d["boxRight"] + 0.5 or d["overflow"] in ("auto", "scroll"), d
        assert d["boxRight"] <= width, d
        if width == 1280:
            assert d["scrolled"] <= 0, d  # nothing cut off
            assert d["scale"] > 0.6, d  # scaled down, its text still readable
        else:
            assert d["scale"] == pytest.approx(1), d  # at its own size, scrolled
    context.close()
    assert watched.problems == []


MATRIX = """() => {
  const cuts = (e) => {  // the places a line breaks inside an id, not after a hyphen
    const text = e.firstChild;
    const range = document.createRange();
    const out = [];
    let top = null;
    for (let i = 0; i < text.length; i += 1) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const r = range.getClientRects()[0];
      if (!r) { continue; }
      if (top !== null && r.top > top + 2 && text.data[i - 1] !== "-") {
        out.push(text.data.slice(0, i) + "|" + text.data.slice(i));
      }
      top = r.top;
    }
    return out;
  };
  const table = document.querySelector("table.matrix");
  const box = table.parentElement;
  const within = (e, left) => {
    const room = box.getBoundingClientRect();
    return [...e.getClientRects()].every((r) => r.left >= left - 0.5
      && r.right <= room.right + 0.5);
  };
  const claims = [...table.querySelectorAll("thead .id")];
  const items = [...table.querySelectorAll("tbody td:first-child .id")];
  const sticky = () => table.querySelector("tbody td:first-child").getBoundingClientRect().right;
  const hidden = [];
  for (const id of claims) {  // scrolled to bring its column in at the right
    const cell = id.closest("th").getBoundingClientRect();
    box.scrollLeft += cell.right - box.getBoundingClientRect().right;
    if (!within(id, sticky())) { hidden.push(id.textContent); }
  }
  box.scrollLeft = box.scrollWidth;
  const left = box.getBoundingClientRect().left;
  return {
    page: document.documentElement.scrollWidth - window.innerWidth,
    boxRight: box.getBoundingClientRect().right,
    claims: claims.length, items: items.length,
    cut: [...claims, ...items].flatMap(cuts),
    overflowing: claims.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent),
    hidden,
    itemsHidden: items.filter((e) => !within(e, left)).map((e) => e.textContent),
  };
}"""
"""The ACH matrix as drawn: ids broken inside a word, claim ids out of their box or out
of sight when their column is scrolled in, item ids out of sight once the table is
scrolled to its end."""


@pytest.mark.parametrize("width", [375, 1280])
def test_the_matrix_shows_its_ids_whole_on_a_phone(
    browser: Browser, site: Path, width: int
) -> None:
    """A tour: at 375 pixels the Crocus matrix squeezed its claims' columns to a few
    letters, so their ids broke inside words ("crocus-by-russia", "n-servic", "es"),
    and once its box was scrolled to them, the items' ids were out of sight. Ids break
    after a hyphen; on a phone the items' column stays in view as the table scrolls."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    watched = Watched(context.new_page())
    for name in ("group-crocus-perpetrator.html", "group-spies-video-authenticity.html"):
        watched.open(site, name)
        got = watched.page.evaluate(MATRIX)
        assert got["page"] <= 0, (name, got)
        assert got["boxRight"] <= width, (name, got)
        assert got["claims"] >= 2, (name, got)
        assert got["items"] >= 3, (name, got)
        assert got["cut"] == [], (name, got)
        assert got["overflowing"] == [], (name, got)
        assert got["hidden"] == [], (name, got)
        assert got["itemsHidden"] == [], (name, got)
    context.close()
    assert watched.problems == []
