"""``claimlog report``: the static HTML site. Pages for every claim, group and source;
the same figures as ``show --format json``; escaping; safe file names; deterministic
bytes; a folder that is not a report is never written into; stale pages go."""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimlog.credibility import assess_set
from claimlog.ledgerset import load_set
from claimlog.render import ShowPage
from claimlog.render.assessment import show_json
from claimlog.render.report import MARKER, ReportPage, site
from claimlog.render.report.data import ALSO_SHOWN, Sensitivities, claim_data
from claimlog.render.report.markup import esc, external
from claimlog.render.report.names import Names, slug, slugs
from conftest import LEDGERS, Run, run, write

EVIL = "<script>alert('x')</script> & \"quoted\""
EVIL_URL = 'https://example.com/a?b=1&c="2"><script>alert(1)</script>'

HOSTILE = f"""\
title: Hostile
sources:
  - id: Src..A
    name: {json.dumps(EVIL)}
    reliability: B
    url: {json.dumps(EVIL_URL)}
    affiliation: ["side <b>"]
  - id: plain-source
    name: Plain & simple
    reliability: C
claims:
  - id: Claim:One..Up
    statement: {json.dumps("Statement " + EVIL)}
    group: {json.dumps("../../etc/passwd <script>x</script> & 'q'")}
    parties: ["side <b>"]
  - id: claim-two
    statement: The other one.
    group: {json.dumps("../../etc/passwd <script>x</script> & 'q'")}
evidence:
  - id: Item/../x
    summary: Invalid id, dropped by validation.
    source: plain-source
    stance:
      claim-two: supports
  - id: EV..1
    summary: {json.dumps("Summary " + EVIL)}
    quote: {json.dumps("Quote " + EVIL)}
    source: Src..A
    via: [plain-source]
    url: {json.dumps(EVIL_URL)}
    archive_url: https://archive.example/x?y=1&z=2
    credibility: 2
    date: 2024-03-22
    stance:
      Claim:One..Up: supports
      claim-two: refutes
  - id: ev-2
    summary: Plain refutes one.
    source: plain-source
    credibility: 3
    stance:
      Claim:One..Up: refutes
"""


class Page(HTMLParser):
    """The tags of a page: links, ids, scripts, data attributes, attributes seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str | None]] = []
        self.ids: set[str] = set()
        self.scripts: list[dict[str, str | None]] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.rows: list[dict[str, str | None]] = []
        self.tables: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.attrs += [(tag, k, v) for k, v in attrs]
        if "id" in found and found["id"] is not None:
            self.ids.add(found["id"])
        if tag == "a":
            self.links.append(found)
        elif tag == "script":
            self.scripts.append(found)
        elif tag == "tr" and "data-contribution" in found:
            self.rows.append(found)
        elif tag == "table" and "data-move" in found:
            self.tables.append(found)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    write(tmp_path / "ledgers" / "h.yaml", HOSTILE)
    return tmp_path


def _report(cli: Callable[..., Run], cwd: Path, out: Path, *args: str) -> Run:
    return cli(["report", *args, "-o", str(out)], cwd=cwd)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- the sample ledgers -----------------------------------------------------------------


def test_every_claim_group_and_source_has_a_page(cli: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = _report(cli, LEDGERS.parent, out, str(LEDGERS))
    assert result.code == 0, result.stderr
    ls = load_set([LEDGERS])
    names = Names(ls.claims, ls.groups, ls.sources, ls.evidence)
    made = {p.name for p in out.iterdir()}
    expected = {"index.html", "graph.html", "about.html", "style.css", "report.js", MARKER}
    expected |= {names.claim(c) or "" for c in ls.claims}
    expected |= {names.group(g) or "" for g, members in ls.groups.items() if members}
    expected |= {names.source(s) or "" for s in ls.sources}
    assert made == expected
    index = (out / "index.html").read_text(encoding="utf-8")
    for cid in ls.claims:
        assert f'href="{names.claim(cid)}"' in index
    assert index.count("<tr data-verdict=") == len(ls.claims)
    assert "none of these" in index
    marker = (out / MARKER).read_text(encoding="utf-8").splitlines()
    assert sorted(marker[1:]) == sorted(made - {MARKER})


def test_claim_data_is_show_json(tmp_path: Path) -> None:
    """Every figure of a claim page is what ``show --format json`` prints; of an item's
    relays, the first ALSO_SHOWN and their number, which is all a page shows."""
    from claimlog.render.report.markup import ALSO_SHOWN

    ls = load_set([LEDGERS])
    for as_of in (None, __import__("datetime").date(2024, 3, 23)):
        assessed = assess_set(ls, as_of)
        grouped = Sensitivities(assessed)
        for cid, a in assessed.claims.items():
            rivals = [assessed.claims[c] for c in ls.groups.get(a.group or "", []) if c != cid]
            rivals = rivals if a.group else []
            expected = show_json(ShowPage(ls, a, rivals, as_of, assessed))
            for item in expected["items"]:
                item["via_count"] = len(item["via"])
                item["via"] = item["via"][:ALSO_SHOWN]
            assert claim_data(ls, assessed, a, rivals, as_of).shown == expected, cid
            assert claim_data(ls, assessed, a, rivals, as_of, grouped).shown == expected, cid


def test_contributions_add_up_to_the_move(cli: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert _report(cli, LEDGERS.parent, out, str(LEDGERS)).code == 0
    pages = sorted(out.glob("claim-*.html"))
    assert len(pages) == 13
    moved = 0
    for path in pages:
        page = parse(path.read_text(encoding="utf-8"))
        (table,) = page.tables
        prior, probability = (
            float(table["data-prior"] or ""),
            float(table["data-probability"] or ""),
        )
        move = float(table["data-move"] or "")
        total = sum(float(r["data-contribution"] or "") for r in page.rows)
        assert round(total, 6) == round(move, 6) == round(probability - prior, 6), path.name
        moved += len(page.rows)
    assert moved > 40
    ukraine = (out / "claim-crocus-by-ukraine.html").read_text(encoding="utf-8")
    assert "total move \u221219.1 points" in ukraine
    assert 'data-prior="0.25" data-probability="0.059903" data-move="-0.190097"' in ukraine


def test_internal_links_resolve(cli: Callable[..., Run], hostile: Path) -> None:
    for cwd, paths in ((LEDGERS.parent, [str(LEDGERS)]), (hostile, [])):
        out = cwd / "site-links" if cwd is hostile else hostile / "site-samples"
        assert _report(cli, cwd, out, *paths).code in (0, 1)
        parsed = {p.name: parse(p.read_text(encoding="utf-8")) for p in out.glob("*.html")}
        for name, page in parsed.items():
            for a in page.links:
                href = a.get("href") or ""
                if href.startswith(("http://", "https://")):
                    assert a.get("rel") == "noopener noreferrer", (name, href)
                    continue
                target, _, fragment = href.partition("#")
                target = target or name
                assert target in parsed, (name, href)
                assert not fragment or fragment in parsed[target].ids, (name, href)


# --- hostile ledgers -----------------------------------------------------------------------


def test_ledger_text_is_escaped_everywhere(cli: Callable[..., Run], hostile: Path) -> None:
    out = hostile / "site"
    result = _report(cli, hostile, out)
    assert result.code == 1  # the invalid item id is an error finding
    assert "error" in result.stderr
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}
    assert len(pages) >= 6
    for name, text in pages.items():
        assert "<script>alert" not in text, name
        assert "<script>x" not in text, name
        assert "side <b>" not in text, name
        page = parse(text)
        assert page.scripts == ([{"src": "report.js"}] if name == "index.html" else []), name
        assert not [a for a in page.attrs if a[1].startswith("on")], name
        for a in page.links:
            href = a.get("href") or ""
            assert not href.lower().startswith(("javascript:", "data:")), (name, href)
    index = pages["index.html"]
    assert "&lt;script&gt;x&lt;/script&gt; &amp; &#x27;q&#x27;" in index
    claim = next(t for n, t in pages.items() if n.startswith("claim-claim-one"))
    assert (
        "Summary &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;"
        in claim
    )
    assert '<blockquote dir="auto">Quote &lt;script&gt;' in claim
    escaped_url = esc(EVIL_URL)
    assert f'<a href="{escaped_url}" rel="noopener noreferrer" class="ext">' in claim
    assert 'href="https://archive.example/x?y=1&amp;z=2"' in claim
    source = next(t for n, t in pages.items() if n.startswith("source-src"))
    assert '<h1 dir="auto">&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;' in source
    assert "Item/../x" in index  # the finding about the invalid id
    assert "side &lt;b&gt;" in source


def test_only_web_links_are_links() -> None:
    assert external("javascript:alert(1)") == '<span class="url">javascript:alert(1)</span>'
    assert "<a" not in external("data:text/html,<script>alert(1)</script>")
    assert "<a" not in external("file:///etc/passwd")
    assert "<a" not in external(" https://padded.example")
    # a reviewer's tour: it read as Reuters and went to evil.example (CL110)
    deceptive = external("https://www.reuters.com@evil.example/article")
    assert deceptive == '<span class="url">https://www.reuters.com@evil.example/article</span>'
    assert "<a" not in external("https://www.reuter\u0455.com/")
    # a review: U+202E (a YAML escape) was linked, its href holding the escape's text
    reordered = external("https://www.reuters.com/\u202emoc.live")
    assert reordered == '<span class="url">https://www.reuters.com/\\u202emoc.live</span>'
    # browsers read '\\' as '/' (Reuters), Python's urllib as part of the host (evil.example)
    assert "<a" not in external("https://www.reuters.com\\@evil.example/")
    assert "<a" not in external("https://example.org/\x9b[31m")  # a C1 control (CSI)
    # a hunt: a URL of 200,000 characters was printed whole on each of 3,000 pages
    long = "https://example.org/" + "a" * 200_000
    shown = external(long)
    assert "<a" not in shown
    assert len(shown) < 300
    assert "(200,020 characters)" in shown
    assert external("HTTPS://Example.com/?a=1&b=2").startswith(
        '<a href="HTTPS://Example.com/?a=1&amp;b=2" rel="noopener noreferrer"'
    )
    assert esc("\u202etxt.exe\x1b[31m") == "\\u202etxt.exe\\x1b[31m"


def test_a_file_name_with_a_line_break_shows_it(tmp_path: Path) -> None:
    """A test campaign: a file named "new<LF>line.yaml" was listed, and its findings
    placed, as `new line.yaml` (a browser folds the break into a space): a name no
    reader could tell from one with a space. Its breaks are made visible, as the
    terminal shows them."""
    folder = tmp_path / "ledgers"
    folder.mkdir()
    (folder / "new\nline.yaml").write_text("sources:\n  - id: s\n    name: S\n")
    out = tmp_path / "site"
    result = run(["report", str(folder), "-o", str(out)], tmp_path)
    assert result.code in (0, 1), result.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    source = (out / "source-s.html").read_text(encoding="utf-8")
    for page in (index, source):
        shown = re.findall(r"<code>([^<]*line\.yaml)</code>", page)
        assert shown, page[-2000:]
        assert all("new\\x0aline.yaml" in s and "\n" not in s for s in shown), shown
    assert "new\\x0aline.yaml<span" in index  # the finding (CL018) at its file


def test_file_names_are_safe_for_any_id(cli: Callable[..., Run], hostile: Path) -> None:
    ids = [
        "..",
        "../x",
        "a/b",
        "a\\b",
        "A",
        "a",
        "CON",
        "nul",
        "x" * 128,
        "",
        ".",
        "é",
        "a b",
        "a\x00b",
        "claim-a",
        "Claim-A",
        "a..b",
        "a.b",
        "-",
        "_x_",
        "x" * 64,
        "y" * 65,
    ]
    names = slugs(ids)
    assert len(set(names.values())) == len(ids)
    assert len({n.lower() for n in names.values()}) == len(ids)  # case-insensitive too
    for ident, name in names.items():
        assert re.fullmatch(r"[a-z0-9_][a-z0-9._-]*", name), (ident, name)
        assert ".." not in name
        assert "/" not in name
        assert "\\" not in name
        assert len(name) <= 120
    assert names["claim-a"] == "claim-a"
    assert slug("Claim-A") == slug("Claim-A") != "claim-a"
    out = hostile / "site"
    _report(cli, hostile, out)
    for path in (hostile).rglob("*"):
        assert path.is_relative_to(hostile / "ledgers") or path.parent == out or path == out
    for name in os.listdir(out):
        assert re.fullmatch(r"\.?[A-Za-z0-9][A-Za-z0-9._-]*", name)
        assert ".." not in name


def test_clashing_short_hashes_get_the_whole_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimlog.render.report import names

    monkeypatch.setattr(names, "SHORT", 1)
    import itertools

    variants = ["".join(c) for c in itertools.product(*[(ch, ch.upper()) for ch in "abcdef"])]
    found = names.slugs(variants)  # one slug, "abcdef", and 63 hashes of one hex digit
    assert len(set(found.values())) == 64
    assert found["abcdef"] == "abcdef"
    assert any(len(v.split(".")[-1]) == 64 for v in found.values())


# --- determinism -----------------------------------------------------------------------------

CLEAN = """\
sources:
  - id: wire-a
    name: Wire A
    reliability: B
  - id: wire-b
    name: Wire B
    reliability: A
  - id: paper
    name: Paper
    reliability: C
claims:
  - id: alpha
    statement: Alpha happened.
    group: what
  - id: beta
    statement: Beta happened.
    group: what
  - id: gamma
    statement: Gamma is true.
evidence:
  - id: e1
    summary: Wire A reports alpha.
    source: wire-a
    credibility: 2
    date: 2024-01-02
    stance:
      alpha: supports
      beta: refutes
  - id: e2
    summary: Wire B reports alpha.
    source: wire-b
    via: [paper]
    credibility: 2
    date: 2024-01-03
    stance:
      alpha: supports
  - id: e3
    summary: Paper says gamma.
    source: paper
    credibility: 3
    date: 2024-01-05
    stance:
      gamma: supports
  - id: e4
    summary: Wire A says gamma.
    source: wire-a
    credibility: 2
    date: 2024-01-06
    stance:
      gamma: supports
"""


def _shuffled(text: str) -> tuple[str, str]:
    """The ledger's entries reversed and split over two files, the second named first."""
    data = yaml.safe_load(text)
    first = {"claims": data["claims"][::-1], "sources": data["sources"][::-1]}
    second = {"evidence": data["evidence"][::-1]}
    return yaml.safe_dump(second, sort_keys=False), yaml.safe_dump(first, sort_keys=False)


def _unplaced(files: dict[str, bytes]) -> dict[str, bytes]:
    """The pages without what names the files and lines that define what they show
    (the overview's list of files, each page's "Defined in")."""
    out = {}
    for name, data in files.items():
        text = data.decode("utf-8")
        text = re.sub(r'<li><a href="#files">.*?</li>', "", text)
        text = re.sub(r'<section class="files">.*?</section>\n', "", text, flags=re.S)
        text = re.sub(r'<p class="where">.*?</p>\n', "", text)
        out[name] = text.encode("utf-8")
    return out


def test_same_input_same_bytes(cli: Callable[..., Run], tmp_path: Path) -> None:
    """The same input gives the same bytes; the same entries in another order, over
    other files, give the same pages but for where each entry is defined."""
    one, two = tmp_path / "one", tmp_path / "two"
    write(one / "ledgers" / "l.yaml", CLEAN)
    a, b = _shuffled(CLEAN)
    write(two / "ledgers" / "a.yaml", a)
    write(two / "ledgers" / "b.yaml", b)
    assert cli(["check", "--format", "json"], cwd=one).json()["diagnostics"] == []
    runs = [(one, tmp_path / "s1"), (one, tmp_path / "s2"), (two, tmp_path / "s3")]
    made = []
    for cwd, out in runs:
        assert _report(cli, cwd, out).code == 0
        made.append(_files(out))
    assert made[0] == made[1]
    assert made[0] != made[2]  # one file against two: the pages say where
    assert _unplaced(made[0]) == _unplaced(made[2])
    assert len(made[0]) == 3 + 1 + 3 + 1 + 5  # claims, group, sources, graph, index...
    samples = [tmp_path / "x1", tmp_path / "x2"]
    for out in samples:
        assert _report(cli, LEDGERS.parent, out, str(LEDGERS)).code == 0
    assert _files(samples[0]) == _files(samples[1])


# --- the folder ------------------------------------------------------------------------------


def test_refuses_a_folder_that_is_not_a_report(cli: Callable[..., Run], hostile: Path) -> None:
    out = hostile / "mine"
    write(out / "notes.txt", "my notes\n")
    result = _report(cli, hostile, out)
    assert result.code == 2
    assert "not empty and holds no claimlog report" in result.stderr
    assert sorted(os.listdir(out)) == ["notes.txt"]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes\n"
    file = write(hostile / "a-file", "x")
    result = _report(cli, hostile, file)
    assert result.code == 2
    assert "not a folder" in result.stderr
    assert file.read_text(encoding="utf-8") == "x"


def test_creates_the_folder_and_removes_stale_pages(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    write(tmp_path / "ledgers" / "l.yaml", CLEAN)
    out = tmp_path / "deep" / "new" / "site"
    assert _report(cli, tmp_path, out).code == 0
    assert (out / "claim-gamma.html").is_file()
    write(out / "keep.txt", "a user's file\n")
    kept = (out / "claim-alpha.html").stat().st_mtime_ns
    os.utime(out / "claim-alpha.html", ns=(kept - 10**9, kept - 10**9))
    text = CLEAN.replace("  - id: gamma\n    statement: Gamma is true.\n", "")
    text = text[: text.index("  - id: e3")]
    text = text.replace("  - id: paper\n    name: Paper\n    reliability: C\n", "")
    text = text.replace("    via: [paper]\n", "")
    write(tmp_path / "ledgers" / "l.yaml", text)
    assert _report(cli, tmp_path, out).code == 0
    assert not (out / "claim-gamma.html").exists()
    assert not (out / "source-paper.html").exists()
    assert (out / "keep.txt").read_text(encoding="utf-8") == "a user's file\n"
    assert (out / "claim-alpha.html").is_file()
    assert not list(out.glob("*.claimlog-tmp"))
    marker = (out / MARKER).read_text(encoding="utf-8")
    assert "claim-gamma.html" not in marker
    assert "keep.txt" not in marker


def test_unchanged_pages_are_not_rewritten(cli: Callable[..., Run], tmp_path: Path) -> None:
    write(tmp_path / "ledgers" / "l.yaml", CLEAN)
    out = tmp_path / "site"
    assert _report(cli, tmp_path, out).code == 0
    page = out / "claim-alpha.html"
    os.utime(page, ns=(10**18, 10**18))
    assert _report(cli, tmp_path, out).code == 0
    assert page.stat().st_mtime_ns == 10**18


def test_a_link_in_the_folder_is_replaced_not_followed(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    write(tmp_path / "ledgers" / "l.yaml", CLEAN)
    out = tmp_path / "site"
    assert _report(cli, tmp_path, out).code == 0
    victim = write(tmp_path / "victim.txt", "precious\n")
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(victim)
    assert _report(cli, tmp_path, out).code == 0
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (out / "index.html").is_symlink()


# --- options and exit codes -------------------------------------------------------------------


def test_as_of(cli: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = _report(cli, LEDGERS.parent, out, str(LEDGERS), "--as-of", "2024-03-23")
    assert result.code == 0, result.stderr
    shown = cli(
        ["show", "crocus-by-islamic-state", str(LEDGERS), "--as-of", "2024-03-23", "-f", "json"],
        cwd=LEDGERS.parent,
    ).json()
    page = (out / "claim-crocus-by-islamic-state.html").read_text(encoding="utf-8")
    assert "As of 2024-03-23" in page
    assert f'data-probability="{shown["claim"]["probability"]:g}"' in page
    full = (tmp_path / "full").resolve()
    assert _report(cli, LEDGERS.parent, full, str(LEDGERS)).code == 0
    assert (full / "claim-crocus-by-islamic-state.html").read_text(encoding="utf-8") != page
    bad = _report(cli, LEDGERS.parent, tmp_path / "bad", str(LEDGERS), "--as-of", "23/03/2024")
    assert bad.code == 2
    assert not (tmp_path / "bad").exists()


LATER = """\
sources: [{id: a, name: Wire A, reliability: B}, {id: b, name: Wire B, reliability: B}]
claims: [{id: h1, statement: H1 did it.}]
evidence:
  - {id: e1, summary: A reports H1., source: a, credibility: 2, date: 2024-03-02,
     retracted: 2024-03-05, stance: {h1: supports}}
  - {id: e2, summary: "B denies H1, later.", source: b, credibility: 2, date: 2024-03-10,
     stance: {h1: refutes}}
"""


def test_as_of_shows_later_news_as_later(cli: Callable[..., Run], tmp_path: Path) -> None:
    """An analyst: as of 2024-03-04, an item retracted on 03-05 read "counted" beside
    "Retracted: yes on 2024-03-05", and the source page listed an item of 03-10 with no
    word that it does not count."""
    write(tmp_path / "l.yaml", LATER)
    out = tmp_path / "site"
    assert _report(cli, tmp_path, out, "l.yaml", "--as-of", "2024-03-04").code == 0
    claim = (out / "claim-h1.html").read_text(encoding="utf-8")
    assert (
        "<dt>Retracted</dt><dd>yes on 2024-03-05, after the as-of date 2024-03-04: not yet "
        "withdrawn then</dd>"
    ) in claim
    source = (out / "source-b.html").read_text(encoding="utf-8")
    assert '<span class="muted">(not counted: after as-of date)</span>' in source
    assert "not counted" not in (out / "source-a.html").read_text(encoding="utf-8")
    # without an as-of date the retraction is done, and said plainly
    full = tmp_path / "full"
    assert _report(cli, tmp_path, full, "l.yaml").code == 0
    claim = (full / "claim-h1.html").read_text(encoding="utf-8")
    assert "<dt>Retracted</dt><dd>yes on 2024-03-05</dd>" in claim
    assert "(not counted: retracted)" in (full / "source-a.html").read_text(encoding="utf-8")


ONE_ORIGIN = """\
sources:
  - {id: s1, name: One outlet, reliability: B}
claims:
  - {id: c, statement: It happened.}
evidence:
  - {id: e1, summary: First., source: s1, credibility: 2, date: 2024-01-01, stance: {c: supports}}
  - {id: e2, summary: Second., source: s1, credibility: 2, date: 2024-06-01, stance: {c: supports}}
"""


def test_as_of_lists_the_findings_of_its_assessment(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A review: a report as of a date listed today's findings of the evidence ("all 2
    supporting items ... trace to one origin") beside claim pages of that date, with
    one item then. The rules that read the assessment read the report's; an item
    dated after the as-of date is later news, no error (dates against today)."""
    write(tmp_path / "l.yaml", ONE_ORIGIN)
    out = tmp_path / "site"
    assert _report(cli, tmp_path, out, "l.yaml", "--as-of", "2024-03-01").code == 0
    index = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert "claim 'c' rests on a single supporting item, from 's1'" in index
    assert "all 2 supporting items" not in index
    assert "CL401" not in index
    today = tmp_path / "today"
    assert _report(cli, tmp_path, today, "l.yaml").code == 0
    index = html.unescape((today / "index.html").read_text(encoding="utf-8"))
    assert "all 2 supporting items of claim 'c' trace to one origin, 's1'" in index


def test_usage_errors_exit_2(cli: Callable[..., Run], tmp_path: Path) -> None:
    missing_output = cli(["report", str(LEDGERS)], cwd=tmp_path)
    assert missing_output.code == 2
    assert "--output" in missing_output.stderr
    missing_path = _report(cli, tmp_path, tmp_path / "s", str(tmp_path / "nowhere"))
    assert missing_path.code == 2
    assert not (tmp_path / "s").exists()


def test_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run(["report", LEDGERS, "-o", out], cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "Wrote the report to site/; open site/index.html.\n"
    assert (out / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = run(["report", LEDGERS, "--output", out], cwd=tmp_path)
    assert again.code == 0
    refused = run(["report", LEDGERS, "-o", tmp_path], cwd=tmp_path)
    assert refused.code == 2
    assert refused.stderr.startswith("claimlog: ")
    assert len(refused.stderr.splitlines()) == 1


def test_graph_page_limit(tmp_path: Path) -> None:
    ls = load_set([LEDGERS])
    assessed = assess_set(ls)
    small = site(ReportPage(ls, assessed, None, (), graph_limit=10))["graph.html"]
    assert "too many to draw" in small
    assert "<svg" not in small
    drawn = site(ReportPage(ls, assessed, None))["graph.html"]
    assert drawn.count("<svg") == 2 + 8  # two groups, eight claims on their own
    assert 'href="claim-crocus-by-ukraine.html"' in drawn


def test_nothing_loads_from_elsewhere(cli: Callable[..., Run], tmp_path: Path) -> None:
    """Nothing in the site loads from elsewhere: no remote src, no CSS import or url()."""
    out = tmp_path / "site"
    assert _report(cli, LEDGERS.parent, out, str(LEDGERS)).code == 0
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""\bsrc=["']?(https?:|//)""", text), path.name
        assert "@import" not in text, path.name
        assert not re.search(r"url\((?!#g\d+-arrow-)", text), path.name
        assert "fetch(" not in text, path.name
        assert "XMLHttpRequest" not in text, path.name
    json.dumps(sorted(os.listdir(out)))  # names are plain text


def test_an_output_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    """``-o site`` where ``site`` is a symbolic link (one a pull request could commit,
    leading out of the repository) writes nothing through it (exit 2)."""
    from typer.testing import CliRunner

    from claimlog.cli import app

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "site").symlink_to(elsewhere)
    done = CliRunner().invoke(app, ["report", str(LEDGERS), "-o", str(tmp_path / "site")])
    assert done.exit_code == 2
    assert "symbolic link" in done.stderr
    assert list(elsewhere.iterdir()) == []


def test_an_item_on_many_claims_is_not_copied_whole_onto_every_page(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A hostile-input campaign: 20 items with 50 KB summaries, each bearing on 500
    claims, made a 1.2 MB ledger a 754 MB report (every claim page held every summary
    and listed the other 499 claims of every item). A claim page keeps 2,000
    characters of a summary or quote and 20 other claims; the item's source page shows
    its summary whole, once."""
    words = " ".join(f"w{i}" for i in range(1_500))  # 8,389 characters
    claims = "".join(f"  - {{id: c{i:02}, statement: S}}\n" for i in range(30))
    stance = "".join(f"      c{i:02}: supports\n" for i in range(30))
    write(
        tmp_path / "ledgers" / "a.yaml",
        f"sources: [{{id: s, name: S, reliability: B}}]\nclaims:\n{claims}evidence:\n"
        f"  - id: e\n    source: s\n    credibility: 2\n    summary: {words}\n"
        f"    quote: {words}\n    stance:\n{stance}",
    )
    assert cli(["report", "-o", "site"], cwd=tmp_path).code in (0, 1)
    site_dir = tmp_path / "site"
    page = (site_dir / "claim-c00.html").read_text(encoding="utf-8")
    shown = words[:2_000]
    assert page.count(shown) == 2  # the summary and the quote, each clipped
    assert words not in page
    more = f"{len(words) - 2_000:,} more characters"
    assert f'<a href="source-s.html">{more}</a>' in page  # the summary's, linked
    assert page.count("c29") == 0  # the 21st other claim and after: counted, not listed
    assert '<a href="source-s.html">9 more claims</a>' in page
    assert words in (site_dir / "source-s.html").read_text(encoding="utf-8")
    assert sum(p.stat().st_size for p in site_dir.iterdir()) < 1_500_000


def test_a_long_relay_chain_and_a_relay_s_list_are_bounded(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A review: an item relayed by 30 sources and bearing on 30 claims listed its whole
    chain on each claim page, and every claim on each relay's page (179 KB of ledger
    made 238 MB). Both keep 20, then say how many more."""
    sources = "".join(f"  - {{id: r{i:02}, name: R{i:02}}}\n" for i in range(30))
    claims = "".join(f"  - {{id: c{i:02}, statement: S}}\n" for i in range(30))
    stance = "".join(f"      c{i:02}: supports\n" for i in range(30))
    via = ", ".join(f"r{i:02}" for i in range(30))
    write(
        tmp_path / "ledgers" / "a.yaml",
        f"sources:\n  - {{id: s, name: S}}\n{sources}claims:\n{claims}evidence:\n"
        f"  - id: e\n    source: s\n    summary: x\n    via: [{via}]\n    stance:\n{stance}",
    )
    assert cli(["report", "-o", "site"], cwd=tmp_path).code in (0, 1)
    page = (tmp_path / "site" / "claim-c00.html").read_text(encoding="utf-8")
    chain = page.split('<ol class="chain">')[1].split("</ol>")[0]
    assert chain.count("<li>") == 21  # the source and 20 relays
    assert '<li class="muted">10 more relays</li>' in chain
    relay = (tmp_path / "site" / "source-r05.html").read_text(encoding="utf-8")
    assert "c19" in relay
    assert "c20" not in relay
    assert '<a href="source-s.html">10 more claims</a>' in relay


def test_a_claim_page_of_a_large_group_folds_the_rivals_that_moved_it_least(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A claim of a group of 60 lists the 20 rivals' items that moved it most and folds
    the rest into one row, and those that moved it by less than 0.05 points (which
    ``show`` only counts) into another (the parts still add up to the move), and 20 of
    its competing claims with a link to the group's page for the rest: each page of a
    group of 1,000 claims listed all 999 others' items and claims (592 MB of pages)."""
    n = 60
    lines = ["sources:\n", *(f"  - {{id: s{i}, name: S, reliability: B}}\n" for i in range(n))]
    lines += ["claims:\n", *(f"  - {{id: c{i}, statement: C., group: g}}\n" for i in range(n))]
    lines += ["evidence:\n"]
    lines += [
        f"  - {{id: e{i}, summary: I., source: s{i}, credibility: {1 + i % 4}, "
        f"stance: {{c{i}: supports}}}}\n"
        for i in range(n)
        if i != 9
    ]
    # c9 strongly supported (a B2 smoking gun, 19.2 dB), so that each rival's item moves it
    # by more than the 0.05 points below which it is only counted, as show counts it
    lines.append(
        "  - {id: e9, summary: I., source: s9, credibility: 2, test: smoking-gun, "
        "stance: {c9: strongly-supports}}\n"
    )
    write(tmp_path / "ledgers" / "g.yaml", "".join(lines))
    out = tmp_path / "site"
    assert _report(cli, tmp_path, out).code == 0
    text = (out / "claim-c9.html").read_text(encoding="utf-8")  # not among the first 20
    page = parse(text)
    (table,) = page.tables
    rivals = [r for r in page.rows if "rival" in (r.get("class") or "")]
    assert [r["class"] for r in rivals] == ["rival"] * ALSO_SHOWN + ["rival folded"] * 2
    shown = re.findall(r'<tr class="rival" data-item.*?<td class="n">([^<]+)</td>', text)
    assert len(shown) == ALSO_SHOWN
    assert all(s not in ("+0.0", "\u22120.0") for s in shown), shown
    total = sum(float(r["data-contribution"] or "") for r in page.rows)
    assert abs(total - float(table["data-move"] or "")) < 1e-5  # each part to 6 decimals
    least = re.search(r"(\d+) more items</a></td><td>rival's evidence that moved it least", text)
    slight = re.search(
        r"(\d+) items of rival claims</a></td><td>moved it by less than 0.05 points", text
    )
    assert least is not None
    assert slight is not None
    assert ALSO_SHOWN + int(least[1]) + int(slight[1]) == n - 1
    assert f"{n - ALSO_SHOWN - 1} more claims</a>" in text
    # 20 competing claims, this one, and "none of these" (the group is open)
    assert text.count('data-label="P"') == ALSO_SHOWN + 2
    assert "c9</span> (this claim)" in text


def test_the_overview_says_when_a_group_s_rounded_shares_miss_100(tmp_path: Path) -> None:
    """A tour added the overview's shares of crocus-perpetrator (then 69.1 + 9.5 + 7.2 +
    14.0) and missed 0.2 points: each is rounded down. The overview says so where they
    miss (76.6 + 7.8 + 5.9 + 9.4 now)."""
    out = tmp_path / "site"
    result = run(["report", str(LEDGERS), "-o", str(out)], tmp_path)
    assert result.code in (0, 1), result.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    notes = re.findall(r"The shares are rounded down, so they add up to ([0-9.]+)% here", page)
    assert notes
    assert all(float(n) < 100 for n in notes)
    assert "99.7" in notes


def test_a_source_page_names_the_claims_of_its_side_either_way_round(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A hunt for hostile inputs: each item cached its claims by party, items x parties
    (5,000 items on a claim of 5,000 parties took 2.9 GB). Each party's claims are now
    looked for among a source's items, or its items' claims gathered first: both ways
    give the claims whose parties the source is affiliated with."""
    write(
        tmp_path / "l.yaml",
        "sources:\n"
        "  - {id: s, name: S, reliability: B, affiliation: [a, b]}\n"
        "  - {id: r, name: R, reliability: B, affiliation: [b]}\n"
        "claims:\n"
        "  - {id: c1, statement: One., parties: [a]}\n"
        "  - {id: c2, statement: Two., parties: [b, x]}\n"
        "  - {id: c3, statement: Three., parties: [z]}\n"
        "evidence:\n"
        "  - {id: e1, summary: I., source: s, credibility: 2, via: [r],"
        " stance: {c1: supports, c2: refutes}}\n"
        "  - {id: e2, summary: J., source: s, credibility: 2, stance: {c3: supports}}\n",
    )
    out = tmp_path / "site"
    assert _report(cli, tmp_path, out, "l.yaml").code == 0

    def interest(page: str) -> str:
        html = (out / page).read_text(encoding="utf-8")
        found = re.search(r"Interested party</dt><dd>(.*?)</dd>", html)
        assert found is not None
        return re.sub(r"<[^>]+>", "", found.group(1))

    assert interest("source-s.html") == "c1 (party a); c2 (party b)"  # the claims gathered
    assert interest("source-r.html") == "c2 (party b)"  # each party's claims looked for


def test_a_report_of_a_set_with_errors_says_it_is_partial(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A review: the report of a set with errors exited 1 and said on standard error that
    it covers only the valid part, but the pages said nothing (the overview counted "15
    check findings", and a file that failed to parse was listed with "no title"). Every
    page now says how many errors the set has, in a banner and in its header, and the
    unread file is marked "not read" with its first finding."""
    for name in os.listdir(LEDGERS):
        write(tmp_path / "ledgers" / name, (LEDGERS / name).read_text(encoding="utf-8"))
    broken = 'title: broken\nclaims:\n  - id: x\n    statement: "unclosed\n'
    write(tmp_path / "ledgers" / "zz-broken.yaml", broken)
    out = tmp_path / "site"
    result = _report(cli, tmp_path, out, "ledgers")
    assert result.code == 1
    assert "the ledger set has 1 error" in result.stderr
    for path in out.glob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert "<b>The ledger set has 1 error</b>: this report covers only its valid part" in (
            page
        ), path.name
        assert 'Findings <span class="errors">(1 error)</span>' in page, path.name
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<b>1</b> check finding</a>, <b class="sev-error">1</b> error</li>' in index
    unread = re.search(r"<dt><code>ledgers/zz-broken\.yaml</code></dt><dd>(.*?)</dd>", index)
    assert unread is not None
    assert unread[1].startswith(
        '<b class="unread">not read</b>: <code>CL001</code> YAML syntax error: this quote is '
        "never closed"
    )
    assert "no title" not in unread[1]
    clean = tmp_path / "clean"
    assert _report(cli, LEDGERS.parent, clean, str(LEDGERS)).code == 0
    for path in clean.glob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert 'class="partial"' not in page
        assert 'class="errors"' not in page


def test_a_long_quote_is_whole_on_its_source_s_page_linked_from_the_cut(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A review: a 10,000-character quote was cut on the claim page with "(8,000 more
    characters)" and no link, and no page showed it whole (the source page showed no
    quotes). Its source's page shows it whole, as it does the summary, and the cut
    links there."""
    quote = "".join(f"q{i:04} " for i in range(2_000))[:10_000]  # one line, no run of spaces
    write(
        tmp_path / "ledgers" / "a.yaml",
        "sources: [{id: s, name: S, reliability: B}]\n"
        "claims: [{id: c, statement: S}]\nevidence:\n"
        "  - id: e\n    source: s\n    credibility: 2\n    summary: Short.\n"
        f"    quote: {quote}\n    stance: {{c: supports}}\n",
    )
    out = tmp_path / "site"
    assert _report(cli, tmp_path, out).code in (0, 1)
    claim = (out / "claim-c.html").read_text(encoding="utf-8")
    assert quote not in claim
    assert quote[:2_000] in claim
    assert '<a href="source-s.html">8,000 more characters</a>' in claim
    source = (out / "source-s.html").read_text(encoding="utf-8")
    assert f'<blockquote dir="auto">{quote}</blockquote>' in source


def test_separators_are_shown_as_escapes_on_every_page(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A review: source pages showed U+2028 and U+0085 as spaces (``str.split()`` splits
    on them) where claim pages showed their escapes. Every page shows the same escapes:
    the claim page, the item's source page, its relay's page and the overview."""
    write(
        tmp_path / "ledgers" / "a.yaml",
        "sources: [{id: s, name: S, reliability: B}, {id: r, name: R, reliability: B}]\n"
        'claims: [{id: c, statement: "claim\\u2028two \\x85three"}]\nevidence:\n'
        "  - id: e\n    source: s\n    via: [r]\n    credibility: 2\n"
        '    summary: "before\\u2028after \\x85nel \\u202eRLO"\n    stance: {c: supports}\n',
    )
    out = tmp_path / "site"
    assert _report(cli, tmp_path, out).code in (0, 1)
    shown = "before\\u2028after \\x85nel \\u202eRLO"
    for name in ("claim-c.html", "source-s.html", "source-r.html"):
        page = (out / name).read_text(encoding="utf-8")
        assert shown in page, name
        assert "before after" not in page, name
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "claim\\u2028two \\x85three" in index


ARABIC = "الهجوم نفذته مجموعة 5 (group five) في 2024"


class Directions(HTMLParser):
    """Each text node holding Arabic letters, and whether the element that holds it
    sets its own direction (``dir="auto"``, or ``<bdi>``); not a page's title, nor the
    graph's drawings (SVG, as ``claimlog graph`` draws them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.found: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "meta", "link", "input", "img"):  # no end tag
            self.stack.append((tag, tag == "bdi" or ("dir", "auto") in attrs))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <rect/>, <path/>: no text

    def handle_data(self, data: str) -> None:
        tags = [t for t, _ in self.stack]
        if re.search("[\u0600-\u06ff]", data) and "title" not in tags and "svg" not in tags:
            self.found.append((data, self.stack[-1][1]))


def test_ledger_prose_sets_its_own_direction(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A review: right-to-left text was laid out left to right ("5 (group five)" at the
    wrong end of an Arabic statement): no element had ``dir="auto"``. Every element
    holding ledger prose (statements, questions, summaries, quotes, notes, names, file
    titles and descriptions) sets its direction from its own text."""
    text = json.dumps(ARABIC, ensure_ascii=False)
    write(
        tmp_path / "ledgers" / "a.yaml",
        f"title: {text}\ndescription: {text}\n"
        f"groups: [{{id: g, question: {text}, notes: {text}}}]\n"
        f"sources:\n  - {{id: s, name: {text}, reliability: B, notes: {text}}}\n"
        f"  - {{id: r, name: {text}, reliability: B}}\n"
        f"claims:\n  - {{id: c, statement: {text}, group: g, notes: {text}}}\n"
        f"  - {{id: d, statement: {text}, group: g}}\n"
        f"evidence:\n  - {{id: e, source: s, via: [r], credibility: 2, summary: {text}, "
        f"quote: {text}, notes: {text}, stance: {{c: supports, d: refutes}}}}\n",
    )
    out = tmp_path / "site"
    assert _report(cli, tmp_path, out).code in (0, 1)
    seen = 0
    for path in sorted(out.glob("*.html")):
        parser = Directions()
        parser.feed(path.read_text(encoding="utf-8"))
        for data, isolated in parser.found:
            assert isolated, (path.name, data)
        seen += len(parser.found)
    assert seen >= 20  # statements, question, notes, summary, quote, names, file


def test_a_source_s_errors_are_on_its_page_and_in_chains(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A review: with an origin holding CL110 (a deceptive URL) and its relay CL107 (a
    malformed URL), the item read "not counted: relay with errors" and nothing said
    which source: the chain marked neither, and the relay's page said nothing of an
    error. Each source's page lists its errors (code, message, line), and the chain of
    an item on a claim page marks each source that holds one."""
    write(
        tmp_path / "ledgers" / "a.yaml",
        "sources:\n"
        '  - {id: s1, name: Origin, reliability: B, url: "https://user@example.com/x"}\n'
        '  - {id: s5, name: Relay, reliability: B, url: "not a url"}\n'
        "  - {id: s9, name: Sound, reliability: B}\n"
        "claims: [{id: c, statement: A claim.}]\nevidence:\n"
        "  - {id: e, summary: I., source: s1, via: [s5], credibility: 2, stance: {c: supports}}\n"
        "  - {id: f, summary: J., source: s9, credibility: 2, stance: {c: supports}}\n",
    )
    out = tmp_path / "site"
    assert _report(cli, tmp_path, out).code == 1
    claim = (out / "claim-c.html").read_text(encoding="utf-8")
    assert "not counted: relay with errors" in claim  # the engine's: s5's error keeps e out
    chains = re.findall(r'<ol class="chain">(.*?)</ol>', claim)
    assert len(chains) == 2
    origin, relay = re.findall(r"<li>(.*?)</li>", chains[0])
    assert origin.endswith('<span class="tag warn">1 error: CL110</span>')
    assert relay.endswith('<span class="tag warn">1 error: CL107</span>')
    assert "tag warn" not in chains[1]  # s9's: no error
    relay_page = (out / "source-s5.html").read_text(encoding="utf-8")
    errors = re.search(r"<dt>Errors</dt><dd>(.*?)</dd>", relay_page)
    assert errors is not None
    assert "<code>CL107</code> source &#x27;s5&#x27;: &#x27;not a url&#x27;" in errors[1]
    assert "(line 3)" in errors[1]
    origin_page = (out / "source-s1.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>Errors</dt><dd>[^\n]*<code>CL110</code>", origin_page)
    assert "<dt>Errors</dt>" not in (out / "source-s9.html").read_text(encoding="utf-8")


def test_the_doc_lists_the_overview_s_sections_in_the_page_s_order(tmp_path: Path) -> None:
    """A review: docs/matrix-and-graph.md said the overview has the check findings
    "Then the ledger files", but the page puts the ledger files first. The doc names
    the overview's sections in the order the page has them."""
    doc = (LEDGERS.parent / "docs" / "matrix-and-graph.md").read_text(encoding="utf-8")
    bullet = doc.split("- `index.html`, the **overview**")[1].split("\n- ")[0]
    bullet = " ".join(bullet.split())  # a name may break across lines
    named = {
        "files": bullet.index("**ledger files**"),
        "findings": bullet.index("**check findings**"),
    }
    ls = load_set([LEDGERS])
    index = site(ReportPage(ls, assess_set(ls), None))["index.html"]
    placed = {k: index.index(f'<h2 id="{k}">') for k in named}
    assert sorted(named, key=named.__getitem__) == sorted(placed, key=placed.__getitem__)
    assert index.index('<h2 id="claims">') < min(placed.values())


def test_the_findings_are_counted_once_not_once_a_page(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: every page counted the set's findings for its banner (pages x findings:
    1,000 pages of a set with 101,000 findings took 59 s, was 19.8 s)."""
    import claimlog.diagnostics as diagnostics

    calls = []
    real = diagnostics.counts

    def counting(found: Any) -> Any:
        calls.append(1)
        return real(found)

    monkeypatch.setattr(diagnostics, "counts", counting)
    out = tmp_path / "site"
    assert _report(cli, LEDGERS.parent, out, str(LEDGERS)).code == 0
    pages = list(out.glob("*.html"))
    assert len(pages) > 30
    assert len(calls) <= 4, len(calls)


def test_the_moves_come_in_show_s_order(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A review: in 'spies-killing-real' show listed lukashevich-provocation (-0.5) before
    spies-video-shooting (+0.5), by the points shown and then the id; the report the
    other way round, by the unrounded values. Every sample claim's moves, in both."""
    out = tmp_path / "site"
    assert _report(cli, LEDGERS.parent, out, str(LEDGERS)).code == 0
    for claim in sorted(load_set([LEDGERS]).claims):
        text = cli(["show", claim, str(LEDGERS), "--color", "never"], cwd=LEDGERS.parent).stdout
        moves = text.split("from the prior", 1)[1].split("\nevidence", 1)[0]
        order = re.findall(r"^[├└]── +[+-]\d+\.\d +(\S+)", moves, re.MULTILINE)
        page = (out / f"claim-{slug(claim)}.html").read_text(encoding="utf-8")
        rows = re.findall(r'<tr(?: class="rival")? data-item="([^"]+)"', page)
        assert [i for i in order if i in rows] == [r for r in rows if r in order], claim
        assert len(set(order) & set(rows)) >= min(len(order), 3), claim


def test_an_items_weight_is_on_the_side_of_its_stance(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A tour: a neutral item's weight read "0.0 dB against the claim" on its claim's
    page (the side was "against" whenever the weight for was zero)."""
    write(
        tmp_path / "l.yaml",
        "sources:\n  - {id: s, name: S, reliability: B}\n"
        "claims:\n  - {id: c, statement: C.}\n"
        "evidence:\n"
        "  - {id: n, summary: N., source: s, stance: {c: neutral}}\n"
        "  - {id: f, summary: F., source: s, stance: {c: supports}}\n"
        "  - {id: a, summary: A., source: s, stance: {c: refutes}}\n",
    )
    assert _report(cli, tmp_path, tmp_path / "site", "l.yaml").code == 0
    page = (tmp_path / "site" / "claim-c.html").read_text(encoding="utf-8")
    weights = {
        item: re.search(r"<dt>Weight</dt><dd>(.*?)</dd>", page[page.index(f'id="{item}"') :])
        for item in ("item-n", "item-f", "item-a")
    }
    said = {k: re.sub(r"<[^>]+>", "", m.group(1)) if m else "" for k, m in weights.items()}
    assert said["item-n"].endswith(" 0.0 dB"), said
    assert said["item-f"].endswith("dB for the claim"), said
    assert said["item-a"].endswith("dB against the claim"), said
