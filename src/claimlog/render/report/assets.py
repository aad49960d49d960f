"""The report's stylesheet and its one script, as text written beside the pages.

The script only filters the overview's claims by verdict and flag; without it every
claim is shown and the filter controls stay hidden. Neither file loads anything.
"""

from __future__ import annotations

from typing import Final

CSS: Final = """\
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b57d0;
  --sup: #116329; --sup-bg: #dafbe1; --ref: #a40e26; --ref-bg: #ffebe9;
  --dis: #7d4e00; --dis-bg: #fff1c2; --unv: #3d444d; --unv-bg: #eaeef2;
  --plus: #1a7f37; --minus: #cf222e;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
}
a { color: var(--accent); }
a:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f4b400; }
code, .id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: 0.9em; overflow-wrap: anywhere; }
.id .at { white-space: nowrap; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.5rem; z-index: 1; }
header.top { background: var(--soft); border-bottom: 1px solid var(--line);
  padding: 0.5rem max(1rem, calc((100% - 72rem) / 2)); display: flex; flex-wrap: wrap;
  gap: 0.25rem 1.5rem; align-items: baseline; justify-content: space-between; }
header.top nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
header.top nav a { text-decoration: none; }
header.top .brand { font-weight: 700; color: var(--ink); }
header.top .errors { color: var(--ref); font-weight: 600; }
.partial { border-left: 0.4rem solid var(--ref); background: var(--ref-bg); color: var(--ink);
  padding: 0.5rem 1rem; margin: 0.5rem 0 1rem; }
dl.files .unread, dl.facts .errors { color: var(--ref); font-weight: 600; }
header.top .when { margin: 0; color: var(--muted); font-size: 0.875rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
footer { max-width: 72rem; margin: 2rem auto 0; padding: 1rem; color: var(--muted);
  font-size: 0.875rem; border-top: 1px solid var(--line); }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0 0.75rem;
  overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; padding-bottom: 0.25rem;
  border-bottom: 1px solid var(--line); }
/* Ledger text in a cell wraps anywhere, so that no long word widens its table; the
   cells of short words (verdicts, likelihoods, severities) keep their words whole. */
td.text, .matrix .summary { overflow-wrap: anywhere; }
thead th .id { white-space: normal; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; overflow-wrap: anywhere; }
h4 { font-size: 1rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
p, li { overflow-wrap: anywhere; }
p { margin: 0.5rem 0; }
.crumbs { font-size: 0.875rem; color: var(--muted); margin: 0; overflow-wrap: anywhere; }
.lead { font-size: 1.15rem; margin: 0.25rem 0 1rem; }
.muted, .none { color: var(--muted); }
.stats { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; padding: 0; margin: 0.5rem 0;
  list-style: none; color: var(--muted); }
.stats b { color: var(--ink); }
.scroll { overflow-x: auto; margin: 0.5rem 0 1rem; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: 0.9375rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem;
  border-bottom: 1px solid var(--line); }
/* Ledger text in a cell wraps anywhere, so that no long word widens its table; the
   cells of short words (verdicts, likelihoods, severities) keep their words whole. */
td.text, .matrix .summary { overflow-wrap: anywhere; }
thead th .id { white-space: normal; }
thead th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td, tfoot th { font-weight: 600; background: var(--soft); }
.claims td:first-child { min-width: 14rem; }
.overview { table-layout: fixed; min-width: 48rem; }
.overview th:nth-child(1) { width: 40%; }
.overview th:nth-child(2) { width: 9rem; }
.overview th:nth-child(3) { width: 10rem; }
.overview th:nth-child(4), .overview th:nth-child(5) { width: 7.5rem; }
.overview th:nth-child(6) { width: 22%; }
.overview td:first-child { min-width: 0; }
.claims .statement { display: block; color: var(--muted); font-size: 0.875rem;
  overflow-wrap: anywhere; }
tr.residual td { font-style: italic; color: var(--muted); }
.badge { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 1rem;
  font-size: 0.8125rem; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.v-supported { color: var(--sup); background: var(--sup-bg); }
.v-refuted { color: var(--ref); background: var(--ref-bg); }
.v-disputed { color: var(--dis); background: var(--dis-bg); }
.v-unverified { color: var(--unv); background: var(--unv-bg); }
.flag { display: inline-block; font-size: 0.8125rem; background: #fff8c5; color: #4d2d00;
  border: 1px solid #d4a72c; border-radius: 0.25rem; padding: 0 0.35rem; margin: 0.1rem 0;
  white-space: nowrap; }
.verdict { border-left: 0.4rem solid var(--unv); background: var(--soft);
  padding: 0.75rem 1rem; margin: 0.5rem 0 1rem; }
.verdict.v-supported { border-color: var(--sup); }
.verdict.v-refuted { border-color: var(--ref); }
.verdict.v-disputed { border-color: var(--dis); }
.verdict .big { font-size: 1.25rem; font-weight: 700; color: var(--ink); }
.verdict p { color: var(--ink); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem;
  margin: 0.5rem 0; font-size: 0.9375rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.filters { border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.5rem 1rem;
  margin: 1rem 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 0.25rem 1rem; align-items: center; }
.filters legend { float: left; font-weight: 600; padding: 0; margin-right: 0.25rem; }
.filters label { white-space: nowrap; }
.filters output { color: var(--muted); font-size: 0.875rem; }
.moves .bar { width: 40%; min-width: 10rem; }
.moves svg { display: block; width: 100%; height: 1.1rem; background: var(--soft); }
.moves .plus { fill: var(--plus); }
.moves .minus { fill: var(--minus); }
.moves .base { fill: #8c959f; }
.moves .mark { stroke: var(--ink); stroke-width: 2; }
.moves tr.rival td:first-child { color: var(--muted); }
.dist svg { display: block; width: 100%; height: 1rem; min-width: 8rem; background: var(--soft); }
.dist .fill { fill: var(--accent); }
.dist .rest { fill: #8c959f; }
article.item { border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.75rem 1rem;
  margin: 0.75rem 0; scroll-margin-top: 1rem; }
article.item:target { outline: 3px solid #f4b400; }
article.item.excluded { border-style: dashed; background: #fcfcfd; }
article.item header { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem;
  align-items: baseline; }
blockquote { margin: 0.5rem 0; padding: 0.25rem 0.75rem; border-left: 3px solid var(--line);
  color: #333a42; white-space: pre-line; overflow-wrap: anywhere; }
.chain { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap;
  gap: 0.25rem; align-items: baseline; }
.chain li + li::before { content: "\\2192\\00a0"; color: var(--muted); }
.tag { display: inline-block; font-size: 0.8125rem; border-radius: 0.25rem;
  padding: 0 0.35rem; background: var(--soft); border: 1px solid var(--line); }
.tag.warn { background: var(--ref-bg); color: var(--ref); border-color: currentColor; }
.url, a.ext { overflow-wrap: anywhere; }
.lines { white-space: pre-line; overflow-wrap: anywhere; }
.notes { border-left: 3px solid var(--accent); background: var(--soft);
  padding: 0.25rem 0.75rem; margin: 0.5rem 0 0.75rem; }
.notes .label { margin: 0; font-size: 0.8125rem; font-weight: 600; color: var(--muted); }
.notes .lines { margin: 0.15rem 0 0.25rem; }
td .note { display: block; color: var(--muted); font-size: 0.875rem; margin-top: 0.25rem; }
.where { margin: 0 0 0.5rem; font-size: 0.875rem; color: var(--muted); }
abbr[title] { text-decoration: underline dotted; cursor: help; }
a abbr[title] { text-decoration: none; }
dl.files { margin: 0.5rem 0; }
dl.files dt { margin-top: 0.75rem; overflow-wrap: anywhere; }
dl.files dd { margin: 0.15rem 0 0 0; overflow-wrap: anywhere; }
dl.files dd .lines { margin: 0.25rem 0 0; color: var(--muted); font-size: 0.9375rem; }
.matrix { min-width: 36rem; }
.matrix td:first-child { min-width: 14rem; }
.matrix td.r { text-align: center; white-space: nowrap; font-variant-numeric: tabular-nums; }
.matrix .r-CC { background: #aceebb; } .matrix .r-C { background: var(--sup-bg); }
.matrix .r-I { background: var(--ref-bg); } .matrix .r-II { background: #ffcecb; }
.matrix .r-NA { color: var(--muted); }
.matrix .summary { display: block; color: var(--muted); font-size: 0.8125rem; }
/* A claim's id heading its column breaks after a hyphen, not inside a word: its column
   is as wide as the id's longest part (anywhere, the table squeezed it to a few letters
   on a phone: "crocus-by-russia", "n-servic", "es"), up to 12rem, where a longer part
   breaks. */
.matrix thead .id { display: inline-block; max-width: 12rem; overflow-wrap: break-word; }
.graph { overflow-x: auto; border: 1px solid var(--line); border-radius: 0.5rem;
  background: #fff; margin: 0.5rem 0 1.5rem; }
/* A drawing scales down to the width of its box (it was drawn at its own width, 1,671
   pixels for the sample's largest, cut off at the right in a 1,118-pixel box); on a
   phone, where that would make its text too small to read, it keeps its size and its
   box scrolls sideways. */
.graph svg { display: block; max-width: 100%; height: auto; }
.graph a:focus rect { stroke-width: 3; }
.grades { width: auto; min-width: 16rem; }
.findings .sev-error { color: var(--ref); font-weight: 600; }
.findings .sev-warning { color: var(--dis); font-weight: 600; }
ul.plain { padding-left: 1.25rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  h1 { font-size: 1.4rem; }
  main { padding: 0.75rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 0.35rem; }
  th, td { padding: 0.35rem 0.45rem; }
  /* Narrow screens: each claim and each move is a card, not a row to scroll. */
  .claims, .claims tbody, .moves, .moves tbody { display: block; min-width: 0; }
  .claims thead, .moves thead { display: none; }
  .claims tr { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.75rem;
    padding: 0.5rem 0; border-bottom: 1px solid var(--line); }
  .claims td { border: 0; padding: 0; }
  .claims td:first-child, .claims td.dist { flex-basis: 100%; min-width: 0; }
  .claims td:empty { display: none; }
  [data-label]::before { content: attr(data-label) " "; color: var(--muted); }
  .moves tr { display: grid; grid-template-columns: 1fr auto; gap: 0.15rem 0.5rem;
    padding: 0.4rem 0; border-bottom: 1px solid var(--line); }
  .moves tr > * { border: 0; padding: 0; }
  .moves tr > :nth-child(1) { grid-column: 1; grid-row: 1; }
  .moves tr > :nth-child(2) { grid-column: 1 / -1; grid-row: 2; }
  .moves tr > :nth-child(3) { grid-column: 2; grid-row: 1; }
  .moves tr > :nth-child(4) { grid-column: 1 / -1; grid-row: 3; width: auto; min-width: 0; }
  .moves tr > :empty { display: none; }
  /* Each finding a block, its message as wide as the screen (it matters most). */
  .findings, .findings tbody { display: block; }
  .findings thead { display: none; }
  .findings tr { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.15rem 0.75rem;
    padding: 0.5rem 0; border-bottom: 1px solid var(--line); }
  .findings td { border: 0; padding: 0; }
  .findings td:last-child { flex-basis: 100%; }
  .graph svg { max-width: none; }
  /* The matrix scrolls sideways in its box, its items' column staying in view. */
  .matrix td:first-child { min-width: 9rem; width: 9rem; }
  .matrix tr > :first-child { position: sticky; left: 0; z-index: 1; background: #fff;
    box-shadow: inset -1px 0 0 var(--line); }
  .matrix thead tr > :first-child { background: var(--soft); }
}
@media print {
  header.top nav, .filters, .skip { display: none !important; }
  body { font-size: 11pt; }
  main, footer { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a.ext::after { content: " <" attr(href) ">"; font-size: 0.8em; }
  .scroll, .graph { overflow: visible; max-height: none; border: 0; }
  .graph svg { max-width: 100%; height: auto; }
  /* The overview on the paper: no least width, the columns as their text needs. */
  .overview { table-layout: auto; min-width: 0; }
  .overview th:nth-child(n + 2) { width: 1%; }
  .overview th:last-child { width: 22%; }
  table { font-size: 0.8125rem; }
  th, td { padding: 0.3rem 0.4rem; }
  thead th { white-space: normal; }
  article.item, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .badge, .flag, .tag { border: 1px solid #000; background: none !important; color: #000; }
  .verdict { background: none; }
}
"""

JS: Final = """\
// claimlog report: filter the overview's claims by verdict and flag. No requests.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-verdict]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var status = document.getElementById("shown");
  function apply() {
    var wanted = {};
    form.querySelectorAll("input[name=verdict]").forEach(function (box) {
      wanted[box.value] = box.checked;
    });
    var flag = form.querySelector("select[name=flag]").value;
    var count = 0;
    rows.forEach(function (row) {
      var flags = " " + row.getAttribute("data-flags") + " ";
      var flagged = flag === "-" ? flags.trim() === "" : flags.indexOf(" " + flag + " ") >= 0;
      var keep = wanted[row.getAttribute("data-verdict")] === true && (flag === "" || flagged);
      row.hidden = !keep;
      if (keep) { count += 1; }
    });
    groups.forEach(function (section) {
      section.hidden = section.querySelector("tr[data-verdict]:not([hidden])") === null;
      // the rounding note adds up every share: not those shown while some are hidden
      var partial = section.querySelector("tr[data-verdict][hidden]") !== null;
      section.querySelectorAll(".rounding").forEach(function (note) { note.hidden = partial; });
    });
    status.textContent = "Showing " + count + " of " + rows.length + " claims";
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
}());
"""
