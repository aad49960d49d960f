"""``claimlog report`` as a reader toured it: what the pages must show that they did not.

The analyst's notes on claims and items; each ledger file's title and description and
where each claim and source is defined; one figure for one item's move wherever a claim
page shows it, ``show``'s wording for what moved it by less than a tenth of a point, and
every stance of a rival's item; a plain explanation of the numbers, reachable from every
page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from claimlog.ledgerset import load_set
from claimlog.render.report.markup import esc
from conftest import LEDGERS, run, write


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The report of the sample ledgers, made from the repository's folder (the paths
    as a reader of the repository sees them)."""
    out = tmp_path_factory.mktemp("tour") / "site"
    result = run(["report", "ledgers", "-o", out], cwd=LEDGERS.parent)
    assert result.code == 0, result.stderr
    return {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}


def _text(fragment: str) -> str:
    """The text of an HTML fragment, white space as one space."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r" ([,.;:)])", r"\1", text)


def _card(page: str, anchor: str) -> str:
    start = page.index(f'<article class="item" id="{anchor}"')
    return page[start : page.index("</article>", start)]


def _moves_row(page: str, eid: str) -> str:
    start = page.index(f'data-item="{eid}"')
    return page[start : page.index("</tr>", start)]


# --- 1. the analyst's notes --------------------------------------------------------------


def test_claim_notes_are_on_the_claim_page(pages: dict[str, str]) -> None:
    ls = load_set([LEDGERS])
    noted = [c for c in sorted(ls.claims) if ls.claim(c).notes]
    assert "musallam-killed-in-video" in noted
    for cid in noted:
        page = pages[f"claim-{cid}.html"]
        notes = ls.claim(cid).notes or ""
        assert esc(notes) in page, cid
        # near the statement: before the verdict
        assert page.index(esc(notes)) < page.index('aria-label="Verdict"'), cid
    page = pages["claim-musallam-killed-in-video.html"]
    assert "Prior 0.7 from a base rate the report gives" in page


def test_item_notes_are_on_the_item_s_card(pages: dict[str, str]) -> None:
    ls = load_set([LEDGERS])
    noted = [e for e in sorted(ls.evidence) if ls.item(e).notes]
    assert noted
    father = [e for e in noted if (ls.item(e).notes or "").startswith("3: the father cannot")]
    assert len(father) == 1
    for eid in noted:
        item = ls.item(eid)
        for cid in item.stance:
            page = pages[f"claim-{cid}.html"]
            card = _card(page, f"item-{eid}")
            assert esc(item.notes or "") in card, (eid, cid)
    card = _card(pages["claim-musallam-mossad-spy.html"], f"item-{father[0]}")
    assert "3: the father cannot know first-hand what his son was told inside IS." in card


def test_notes_are_literal_and_keep_their_line_breaks(tmp_path: Path) -> None:
    write(
        tmp_path / "ledgers" / "n.yaml",
        "sources:\n  - {id: s, name: S, reliability: B}\n"
        "claims:\n  - id: c\n    statement: C.\n    notes: |\n"
        "      First <b>line</b> & more.\n      Second line.\n"
        "evidence:\n  - id: e\n    summary: E.\n    source: s\n    credibility: 2\n"
        "    stance: {c: supports}\n    notes: |-\n      Graded 2: <i>two</i> reports.\n"
        "      Not 1: \u202eno.\n",
    )
    out = tmp_path / "site"
    assert run(["report", "-o", out], cwd=tmp_path).code == 1  # the bidi control: CL006
    page = (out / "claim-c.html").read_text(encoding="utf-8")
    assert "First &lt;b&gt;line&lt;/b&gt; &amp; more.\nSecond line." in page
    card = _card_any(page, "item-e")  # not counted: the item holds an error
    assert "Graded 2: &lt;i&gt;two&lt;/i&gt; reports.\nNot 1: \\u202eno." in card
    css = (out / "style.css").read_text(encoding="utf-8")
    assert re.search(r"\.lines \{[^}]*white-space: pre-line", css)


# --- 2. the files, and where each claim and source is defined ----------------------------


def test_the_overview_lists_the_files_with_title_and_description(
    pages: dict[str, str],
) -> None:
    index = pages["index.html"]
    files = index[index.index('<h2 id="files">') :]
    files = files[: files.index("</section>")]
    ls = load_set(["ledgers"], cwd=LEDGERS.parent)
    assert len(ls.files) == 4
    for f in ls.files:
        assert f.path.startswith("ledgers/")
        assert esc(f.path) in files
        assert f.title
        assert esc(f.title) in files
    description = ls.loaded["ledgers/crocus-2024.yaml"].root
    assert description is not None
    text = description["description"]
    assert isinstance(text, str)
    assert esc(text) in files


def test_claim_and_source_pages_name_the_file_and_line(pages: dict[str, str]) -> None:
    ls = load_set(["ledgers"], cwd=LEDGERS.parent)
    for cid, entity in ls.claims.items():
        line = entity.node.span[0]
        assert (
            f"Defined in <code>{esc(entity.path)}</code>, line {line}"
            in (pages[f"claim-{cid}.html"])
        ), cid
    for sid, entity in ls.sources.items():
        line = entity.node.span[0]
        assert (
            f"Defined in <code>{esc(entity.path)}</code>, line {line}"
            in (pages[f"source-{sid}.html"])
        ), sid
    page = pages["claim-musallam-killed-in-video.html"]
    assert "Defined in <code>ledgers/musallam-2015.yaml</code>, line 89" in page


# --- 5. one figure for one move ------------------------------------------------------------


def test_a_card_shows_the_figure_the_table_shows(pages: dict[str, str]) -> None:
    page = pages["claim-crocus-by-ukraine.html"]
    row = _moves_row(page, "kirby-no-indication-ukraine")
    assert "\u22122.6" in _text(row)
    card = _card(page, "item-kirby-no-indication-ukraine")
    assert "Moved this claim \u22122.6 points" in _text(card)
    checked = 0
    for name, page in sorted(pages.items()):
        if not name.startswith("claim-"):
            continue
        for anchor, moved in re.findall(
            r'<article class="item[^"]*" id="([^"]+)".*?<dt>Moved this claim</dt><dd>([^<]*)'
            r" points</dd>",
            page,
            re.S,
        ):
            eid = re.search(r'<h4><span class="id">([^<]+)</span>', _card_any(page, anchor))
            assert eid is not None
            if f'data-item="{eid[1]}"' in page:
                cells = re.findall(r'<td class="n">([^<]*)</td>', _moves_row(page, eid[1]))
                assert cells == [moved], (name, eid[1], cells, moved)
                checked += 1
    assert checked > 40


def _card_any(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</article>", start)]


def test_slight_moves_read_as_show_says_them(pages: dict[str, str]) -> None:
    for cid in ("crocus-by-islamic-state", "crocus-by-ukraine", "crocus-by-russian-services"):
        shown = run(["show", cid, "ledgers"], cwd=LEDGERS.parent, env={"COLUMNS": "200"})
        assert shown.code == 0, shown.stderr
        said = re.search(
            r"(\d+) items? of rival claims moved it by less than 0\.05 points", shown.stdout
        )
        page = pages[f"claim-{cid}.html"]
        assert "millionth" not in page
        text = _text(page)
        if said is None:
            assert "less than 0.05 points" not in text, cid
            continue
        assert f"{said[0]}" in text, cid
    text = _text(pages["claim-crocus-by-islamic-state.html"])
    assert "3 items of rival claims moved it by less than 0.05 points" in text


def test_a_rival_s_item_shows_every_stance(pages: dict[str, str]) -> None:
    page = pages["claim-crocus-by-ukraine.html"]
    row = _text(_moves_row(page, "us-embassy-march-warning"))
    assert (
        "rival's evidence: supports crocus-by-islamic-state, supports crocus-western-warnings"
        in row
    )
    ls = load_set([LEDGERS])
    for name, page in pages.items():
        for eid, how in re.findall(
            r'<tr class="rival" data-item="([^"]+)"[^>]*><td>.*?</td><td>(.*?)</td>', page
        ):
            stances = ls.item(html.unescape(eid)).stance
            listed = ", ".join(f"{stances[c]} {c}" for c in sorted(stances) if c in ls.claims)
            assert _text(how) == f"rival's evidence: {listed}", (name, eid)


# --- 6. the numbers explained -----------------------------------------------------------------


def test_every_page_links_the_explanation_of_the_numbers(pages: dict[str, str]) -> None:
    assert "about.html" in pages
    for name, page in pages.items():
        footer = page[page.index("<footer>") :]
        assert '<a href="about.html">' in footer, name
        assert "docs/credibility.md" not in _text(footer).replace(
            "docs/credibility.md in the claimlog documentation", ""
        ), name


def test_the_explanation_says_what_the_terms_mean(pages: dict[str, str]) -> None:
    from claimlog.credibility.tables import (
        CONTESTED_RATIO,
        CREDIBLE_DB,
        INTEREST,
        PRIOR_DB,
        SATURATION,
    )

    about = pages["about.html"]
    text = _text(about)
    for anchor in ("probability", "db", "quality", "interest", "uncertainty", "verdict"):
        assert f'id="{anchor}"' in about, anchor
    assert "ten times the base-10 logarithm" in text
    assert "10 dB is a ratio of 10:1" in text
    assert f"u = {PRIOR_DB:g} / (weight for + weight against + {PRIOR_DB:g})" in text
    for interest, factor in INTEREST.items():
        assert f"{interest} ({factor:g})" in text, interest
    assert f"at least {CREDIBLE_DB:g} dB" in text
    assert f"{CONTESTED_RATIO:.0%}" in text
    assert f"{SATURATION:g} times" in text
    assert "The credibility assessment" in text  # where the whole explanation is


def test_the_terms_are_explained_where_they_are_used(pages: dict[str, str]) -> None:
    claim = pages["claim-crocus-by-ukraine.html"]
    for term in ("dB", "quality", "interest", "uncertainty"):
        found = re.search(rf'<a href="about.html#[a-z]+"><abbr title="[^"]+">{term}</abbr>', claim)
        assert found, term
    why = claim[claim.index("<b>Why:</b>") :]
    assert '<a href="about.html#verdict">' in why[: why.index("</p>")]
    index = pages["index.html"]
    assert re.search(r'<abbr title="[^"]+">uncertainty</abbr>', index)


def test_the_explanation_says_no_more_than_the_engine_does(pages: dict[str, str]) -> None:
    """An audit of about.html against docs/credibility.md: it said a party's word alone
    never makes a verdict (an admission does: the sample claim crocus-warnings-dismissed
    is supported on one), gave the odds formula as if for every claim (in a group the
    claims share one distribution), and left out what scales an item's weight besides
    quality and interest."""
    text = _text(pages["about.html"])
    assert "a party's word alone never" not in text
    assert "A party's admission can." in text
    assert "do not give its probability by this formula" in text
    # (an analyst's tour: it still described the scaling an earlier review removed)
    assert "scaled down" not in text
    assert "claims of one group is one observation" in text
    assert "for a source that republishes others, that of its least reliable origin" in text
    assert "A supported, refuted or disputed verdict that one item's removal" in text
    shown = pages["claim-crocus-warnings-dismissed.html"]
    assert 'class="verdict v-supported"' in shown
    # the verdict rests on the accused's own word ("admission" alone is in every page's
    # explanation of the term, so the item's tag is looked for)
    assert "an admission against its own side's interest</span>" in shown
