"""Layout in a real terminal: tmux panes 40, 60, 80 and 100 columns wide.

``summary`` and ``show`` size themselves from the terminal (no $COLUMNS), so these
tests run them in tmux and read the screen back with wrapped lines joined: a line
longer than the pane comes back longer than the pane. Ids must never be cut inside a
word. (.ci/run installs tmux.)
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from claimlog.ledgerset import load_set
from conftest import LEDGERS, REPO, write

WIDTHS = (40, 60, 80, 100)


def _tmux(socket: str, *args: str) -> str:
    done = subprocess.run(
        ["tmux", "-L", socket, "-f", os.devnull, *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout


def screen(command: list[str], width: int) -> list[str]:
    """What ``command`` prints in a tmux pane ``width`` columns wide, wrapped lines
    joined again."""
    assert shutil.which("tmux"), "tmux is needed (.ci/run installs it)"
    name = f"claimlog-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}
    shell = " ".join(subprocess.list2cmdline([c]) for c in command)
    marker = "=== done ==="
    subprocess.run(
        ["tmux", "-L", name, "-f", os.devnull, "new-session", "-d", "-s", name, "-x",
         str(width), "-y", "50", f"cd {REPO} && NO_COLOR=1 {shell}; echo '{marker}'; sleep 60"],
        check=True, env=env, timeout=30, capture_output=True,
    )  # fmt: skip
    try:
        _tmux(name, "set-option", "-t", name, "history-limit", "20000")
        for _ in range(600):
            text = _tmux(name, "capture-pane", "-p", "-J", "-S", "-20000", "-t", name)
            if marker in text:
                break
            time.sleep(0.1)
        else:
            pytest.fail(f"{command} did not finish in tmux")
    finally:
        subprocess.run(["tmux", "-L", name, "kill-server"], capture_output=True)
    lines = text.split(marker)[0].splitlines()
    return [line.rstrip() for line in lines]


def _ids() -> set[str]:
    ls = load_set([LEDGERS])
    return set(ls.claims) | set(ls.evidence)


def _cut_ids(lines: list[str], ids: set[str]) -> list[str]:
    """Ids split inside a word: a line ends with the start of an id (not at a hyphen)
    and the next line, past any tree or border characters, goes on with its rest."""
    out = []
    for line, following in itertools.pairwise(lines):
        end = re.search(r"[A-Za-z0-9][A-Za-z0-9._:-]*$", line)
        start = re.match(r"[\s│├└─┌┐┘┬┴┼]*([A-Za-z0-9._:-]+)", following)
        if end is None or start is None or end.group().endswith(("-", ".", "_", ":")):
            continue
        head, rest = end.group(), start.group(1)
        if any(i.startswith(head) and i[len(head) :].startswith(rest[:1]) for i in ids) and any(
            (head + rest).startswith(i) or i.startswith(head + rest) for i in ids
        ):
            out.append(head + "|" + rest)
    return out


CLAIMLOG = [sys.executable, "-m", "claimlog"]


@pytest.mark.parametrize("width", WIDTHS)
def test_summary_fits_the_terminal(width: int) -> None:
    lines = screen([*CLAIMLOG, "summary", "ledgers"], width)
    assert any("crocus-by-islamic-state" in line for line in lines)
    too_long = [line for line in lines if cell_len(line) > width]
    assert not too_long, too_long[:3]
    assert not _cut_ids(lines, _ids())


@pytest.mark.parametrize("width", WIDTHS)
def test_show_fits_the_terminal(width: int) -> None:
    ids = _ids()
    claims = sorted(load_set([LEDGERS]).claims)
    for claim in claims:
        lines = screen([*CLAIMLOG, "show", claim, "ledgers"], width)
        assert lines, claim
        assert lines[0].startswith(claim[: width // 2]), lines[:2]
        too_long = [line for line in lines if cell_len(line) > width]
        assert not too_long, (claim, too_long[:3])
        assert not _cut_ids(lines, ids), (claim, _cut_ids(lines, ids))


def test_summary_is_stacked_below_the_table_width_and_a_table_above() -> None:
    narrow = screen([*CLAIMLOG, "summary", "ledgers"], 80)
    wide = screen([*CLAIMLOG, "summary", "ledgers", "--claim", "crocus-by-islamic-state"], 160)
    assert not any("│" in line for line in narrow)
    assert any(line.startswith("┌") for line in wide)


def test_wide_characters_keep_the_borders_in_line(tmp_path: Path) -> None:
    """(Its first ledger had an id the format refuses, '東京-claim': the table it drew
    had no row, which a test of borders could not tell; a review of the empty table.)"""
    ledger = tmp_path / "wide.yaml"
    ledger.write_text(
        "claims:\n  - id: tokyo-claim\n    statement: 東京で起きた 🎉 ことは本当だ。"
        + "東京" * 60
        + "\n",
        encoding="utf-8",
    )
    lines = screen([*CLAIMLOG, "summary", str(ledger)], 140)
    table = [line for line in lines if line.startswith(("│", "┌", "├", "└"))]
    assert any("tokyo-claim" in line for line in table)
    assert any("🎉" in line for line in table)
    assert len({cell_len(line) for line in table}) == 1, table


WIDE_MISTAKES = """\
sources:
  - id: s
    name: "東京の報道 🎥 source"
    relability: B
    kind: 報道 机构
    url: https://example.org/a/very/long/path/that/goes/on/and/on/without/any/space/at/all
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_check_fits_the_terminal(tmp_path: Path, width: int) -> None:
    """``make run`` (check, then summary) and a ledger of long, wide mistakes: every
    line within the terminal, messages and hints folded, carets under what they mark."""
    (tmp_path / "wide.yaml").write_text(WIDE_MISTAKES, encoding="utf-8")
    lines = screen(["make", "--no-print-directory", "run"], width) + screen(
        [*CLAIMLOG, "check", str(tmp_path / "wide.yaml")], width
    )
    assert any("warning[CL410]" in line for line in lines)
    assert any("error[CL104]" in line for line in lines)
    too_long = [line for line in lines if cell_len(line) > width]
    assert not too_long, too_long[:3]
    assert not _cut_ids(lines, _ids())
    at = lines.index(next(line for line in lines if line.startswith("5 |")))
    source, carets = lines[at], lines[at + 1]
    marked = source[len("5 |     kind: ") :]
    assert carets == "  | " + " " * cell_len("    kind: ") + "^" * cell_len(marked)
    assert marked == "報道 机构"
    # The styled counts of the last line keep their spaces (a tour saw "Found2 errors
    # and1 warning" at every terminal: a folded part lost the spaces it ends with).
    assert re.search(r"Found \d+ errors? and\s\d+ warnings? in\s1 file\.", "\n".join(lines))


def _plain(lines: list[list[tuple[str, str]]]) -> list[str]:
    return ["".join(chunk for chunk, _ in line) for line in lines]


@pytest.mark.parametrize("width", [20, 40, 60, 80, 100, 160])
def test_a_finding_on_a_long_wide_line_fits_in_process(width: int) -> None:
    """In-process: a finding after wide characters on a very long line, with a long
    message and hint, folds to ``width``; the carets stand under the marked text."""
    from claimlog.diagnostics import Diagnostic, Severity
    from claimlog.render.text import render_check

    source = "    quote: " + "東京" * 50 + " target " + "x" * 5000
    column = source.index("target") + 1
    d = Diagnostic(
        "a/very-long-folder-name/and-a-file-name.yaml", 7, column, "CL101",
        "a message " * 20, 7, column + len("target"), Severity.ERROR, "a hint " * 30,
    )  # fmt: skip
    lines = _plain(render_check([d], 1, lambda _p, _n: source, width))
    assert all(cell_len(line) <= width for line in lines), [
        line for line in lines if cell_len(line) > width
    ]
    at = next(i for i, line in enumerate(lines) if line.startswith("7 | "))
    shown, carets = lines[at][4:], lines[at + 1][4:]
    lead = len(carets) - len(carets.lstrip())
    cells = 0
    for n, ch in enumerate(shown):
        if cells == lead:
            assert shown[n:].startswith("target"[: carets.count("^")])
            break
        cells += cell_len(ch)
    else:
        pytest.fail("the carets start past the excerpt")
    end = lines.index("", at)
    hint = " ".join(line.strip() for line in lines[at + 2 : end])
    assert " ".join(hint.replace("= hint:", "").split()) == " ".join(("a hint " * 30).split())


@pytest.mark.parametrize("width", [30, 40, 60])
def test_a_marked_id_longer_than_the_terminal_keeps_its_excerpt_cut(width: int) -> None:
    """A tour: at 40 and 60 columns a finding whose marked text (a 53-character id) did
    not fit lost its source line and carets, while the next finding kept a cut window.
    The excerpt is cut after the start of what it marks, the carets under what shows."""
    from claimlog.diagnostics import Diagnostic, Severity
    from claimlog.render.text import CUT, render_check

    ident = "relay-outlet-q" + "y" * 39
    source = f"    via: [{ident}]"
    column = source.index(ident) + 1
    d = Diagnostic("a.yaml", 25, column, "CL201", "m", 25, column + len(ident), Severity.ERROR)
    lines = _plain(render_check([d], 1, lambda _p, _n: source, width))
    assert all(cell_len(line) <= width for line in lines)
    at = next(i for i, line in enumerate(lines) if line.startswith("25 | "))
    shown, carets = lines[at][5:], lines[at + 1][5:]
    assert shown.endswith(CUT)
    lead = len(carets) - len(carets.lstrip())
    marked = shown[lead : lead + carets.count("^")]
    assert len(marked) >= 8
    assert ident.startswith(marked)


@pytest.mark.parametrize(
    ("source", "target", "width"),
    [
        ("    " + "東" * 26 + ": x", "東" * 26, 12),  # a review: a caret under the cut mark
        ("    url: https://www.reuters.com/\u202emoc.live", "https", 44),  # a half escape
        ("    url: https://www.reuters.com/\u202emoc.live", "https", 30),
    ],
)
def test_a_cut_excerpt_marks_what_it_shows_and_never_half_an_escape(
    source: str, target: str, width: int
) -> None:
    """A review: with a wide key at 12 columns the carets stood under the '...' of the cut
    (nothing of the key shown), and a line cut at 44 columns ended in '\\u20...', half of
    the escape of U+202E. Now the excerpt shows part of what it marks, carets under it,
    or is left out; a cut never splits an escape."""
    from claimlog.diagnostics import Diagnostic, Severity
    from claimlog.render.text import CUT, render_check

    column = source.index(target) + 1
    end = column + len(target) if target != "https" else len(source) + 1
    d = Diagnostic("a.yaml", 7, column, "CL110", "m", 7, end, Severity.ERROR)
    lines = _plain(render_check([d], 1, lambda _p, _n: source, width))
    assert all(cell_len(line) <= width for line in lines)
    shown = [i for i, line in enumerate(lines) if line.startswith("7 | ")]
    if not shown:
        return  # left out: nothing of what is marked would fit
    (at,) = shown
    text, carets = lines[at][4:], lines[at + 1][4:]
    lead = len(carets) - len(carets.lstrip())
    cells = 0
    for n, ch in enumerate(text):
        if cells == lead:
            assert not text[n:].startswith(CUT), (text, carets)
            assert target.startswith(text[n]), (text, carets)
            break
        cells += cell_len(ch)
    assert not re.search(r"\\(?:u[0-9a-f]{0,3}|x[0-9a-f]?)\.\.\.$", text), text


def test_without_a_terminal_the_first_line_is_whole() -> None:
    """Piped (no width): the ``path:line:col: severity[CODE] message`` line stays whole
    for the tools that read it, however long."""
    from claimlog.diagnostics import Diagnostic, Severity
    from claimlog.render.text import render_check

    d = Diagnostic("a.yaml", 1, 1, "CL101", "m " * 200, 1, 2, Severity.ERROR, None)
    lines = _plain(render_check([d], 1, lambda _p, _n: "x: y", None))
    assert lines[0] == "a.yaml:1:1: error[CL101] " + ("m " * 200)


@pytest.mark.parametrize("width", [40, 60])
def test_stacked_summary_keeps_flag_names_whole_and_none_of_these_at_the_claims_level(
    width: int,
) -> None:
    """A tour at 60 columns: a flag name was wrapped after its hyphen ("claimant-" /
    "only"), and the "(none of these)" row was indented as if it were the last
    claim's."""
    lines = screen([*CLAIMLOG, "summary", "ledgers"], width)
    assert not [line for line in lines if re.search(r"(?:claimant|single|parties)-$", line)]
    assert sum("claimant-only" in line for line in lines) >= 3
    assert any(line.startswith("(none of these) ") for line in lines)
    assert not any(line.startswith(" ") and "(none of these)" in line for line in lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_rules_fit_the_terminal(width: int) -> None:
    """A tour: `rules` ignored the width (lines of 126 columns at 60)."""
    lines = screen([*CLAIMLOG, "rules"], width)
    assert any(line.startswith("CL413") for line in lines)
    too_long = [line for line in lines if cell_len(line) > width]
    assert not too_long, too_long[:3]


@pytest.mark.parametrize("width", [40, 60])
def test_one_rule_explained_fits_the_terminal(width: int) -> None:
    """A tour: `rules CL409` printed its documentation in 78 columns at 60."""
    lines = screen([*CLAIMLOG, "rules", "CL409"], width)
    assert any(line.startswith("CL409 single-origin") for line in lines)
    assert sum("origin" in line for line in lines) >= 3
    too_long = [line for line in lines if cell_len(line) > width]
    assert not too_long, too_long[:3]


@pytest.mark.parametrize("width", [40, 60])
@pytest.mark.parametrize("command", [[], ["check"]], ids=["claimlog", "check"])
def test_help_fits_the_terminal(command: list[str], width: int) -> None:
    """A tour: at 40 columns the terminal cut every line of `--help` (click lays it out
    for at least 50)."""
    lines = screen([*CLAIMLOG, *command, "--help"], width)
    assert any(line.startswith("Usage: python -m claimlog") for line in lines)
    assert any(line.strip() == "Show this message and exit." for line in lines) or width > 40
    too_long = [line for line in lines if cell_len(line) > width]
    assert not too_long, too_long[:3]


def test_a_pipe_read_in_the_terminal_takes_its_width(tmp_path: Path) -> None:
    """A tour: `summary | less` at 60 columns drew a table of 120, which less folded
    through its borders. Piped with standard error on the terminal, the output takes the
    terminal's width; written to a file, or with standard error elsewhere, 120."""
    out = {name: tmp_path / f"{name}.txt" for name in ("piped", "file", "quiet")}
    shutil.copytree(LEDGERS, tmp_path / "ledgers")
    summary = " ".join(shlex.quote(part) for part in [*CLAIMLOG, "summary", "ledgers"])
    script = tmp_path / "run.sh"
    script.write_text(  # the result cache on: the run to a file is not replayed in the pipe
        f"cd {shlex.quote(str(tmp_path))}\n"
        f"export XDG_CACHE_HOME={shlex.quote(str(tmp_path / 'xdg'))}\n"
        "unset CLAIMLOG_NO_CACHE\n"
        f"{summary} > {out['file']}\n"
        f"{summary} | cat > {out['piped']}\n"
        f"{summary} 2>/dev/null | cat > {out['quiet']}\n"
    )
    screen(["sh", str(script)], 60)
    widest = {n: max(cell_len(line) for line in p.read_text().splitlines()) for n, p in out.items()}
    assert widest["piped"] <= 60 < widest["file"] == widest["quiet"] == 120, widest
    assert "crocus-by-islamic-state" in out["piped"].read_text()
    assert len(list((tmp_path / ".claimlog_cache").glob("*.json"))) == 2


def test_rules_and_help_piped_in_the_terminal_take_its_width(tmp_path: Path) -> None:
    """A tour: at 60 columns `rules | head` and `--help | head` were laid out for 80 or
    more columns, and the terminal cut their words; `summary` fitted."""
    runs = {
        "rules": ["rules"],
        "rule": ["rules", "CL201"],
        "help": ["--help"],
        "check-help": ["check", "--help"],
    }
    script = tmp_path / "run.sh"
    lines = [f"cd {shlex.quote(str(tmp_path))}"]
    for name, args in runs.items():
        command = " ".join(shlex.quote(part) for part in [*CLAIMLOG, *args])
        lines.append(f"{command} | cat > {shlex.quote(str(tmp_path / name))}.txt")
    script.write_text("\n".join(lines) + "\n")
    screen(["sh", str(script)], 60)
    for name in runs:
        text = (tmp_path / f"{name}.txt").read_text()
        too_long = [line for line in text.splitlines() if cell_len(line) > 60]
        assert text, name
        assert not too_long, (name, too_long[:3])


def test_check_piped_in_the_terminal_wraps_its_hints(tmp_path: Path) -> None:
    """A tour: `check | cat` at 50 columns kept a 95-column hint where `summary` and
    `rules` fitted. Piped with standard error on the terminal, every line of a finding
    but its first (whole, for the tools that read it) fits; written to a file, hints
    are one line each, as before."""
    write(
        tmp_path / "l.yaml",
        "sources:\n  - {id: ministry-x, name: M, reliability: B}\n"
        "claims:\n  - {id: c, statement: C.}\n"
        "evidence:\n  - {id: e, summary: S., source: minstry-x, stance: {c: supports}}\n",
    )
    check = " ".join(shlex.quote(part) for part in [*CLAIMLOG, "check", "l.yaml"])
    script = tmp_path / "run.sh"
    script.write_text(
        f"cd {shlex.quote(str(tmp_path))}\n{check} | cat > piped.txt\n{check} > file.txt\n"
    )
    screen(["sh", str(script)], 50)
    piped = (tmp_path / "piped.txt").read_text().splitlines()
    firsts = [line for line in piped if line.startswith("l.yaml:")]
    assert firsts
    assert all(cell_len(line) > 50 for line in firsts), firsts  # whole
    too_long = [line for line in piped if cell_len(line) > 50 and line not in firsts]
    assert not too_long, too_long
    assert any(line.lstrip().startswith("= hint: did you mean") for line in piped)
    hints = [line for line in (tmp_path / "file.txt").read_text().splitlines() if "hint:" in line]
    assert any(cell_len(line) > 50 for line in hints), hints


def test_rules_in_ten_columns_wraps_each_summary_to_them(tmp_path: Path) -> None:
    """A review: at COLUMNS=10 the summaries were wrapped to 20 columns."""
    done = subprocess.run(
        [*CLAIMLOG, "rules"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "10"},
    )
    body = [line for line in done.stdout.splitlines() if line.startswith("  ")]
    assert body
    assert all(cell_len(line) <= 10 or " " not in line.strip() for line in body)


@pytest.mark.parametrize("width", [80, 120])
def test_matrix_uses_the_terminal_for_its_summaries(width: int) -> None:
    """A tour at 120 columns: the items' summaries were cut at about 60 characters
    ("... set up for propaganda purp..."), the table no wider than its columns."""
    import json

    group = "spies-video-authenticity"
    lines = screen([*CLAIMLOG, "matrix", group, "-p", "ledgers"], width)
    assert any(line.startswith("┌") for line in lines)
    too_long = [line for line in lines if cell_len(line) > width]
    assert not too_long, too_long[:3]
    assert not _cut_ids(lines, _ids())
    done = subprocess.run(
        [*CLAIMLOG, "matrix", group, "-p", "ledgers", "-f", "json"],
        capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    for item in json.loads(done.stdout)["items"]:
        summary = " ".join(item["summary"].split())
        [line] = [line for line in lines if line.startswith("│   " + summary[:30])]
        shown = line[len("│   ") : -len(" │")].rstrip()
        if len(summary) <= width - 6:
            assert shown == summary
        else:  # cut at the width, not before
            assert cell_len(line) == width, line
            assert shown.endswith("..."), shown
            assert summary.startswith(shown[:-3]), shown
            assert len(shown) >= width - 10, shown


_EXCERPT_TEXT = st.text(
    alphabet=st.sampled_from([*"ab -:東😀\t\\", "\x1b", "\u202e", "\u0301", "\U000e0041"]),
    min_size=1,
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(_EXCERPT_TEXT, st.integers(0, 130), st.integers(0, 20), st.integers(12, 120))
def test_a_cut_excerpt_is_whole_characters_with_carets_under_its_span(
    source: str, at: int, length: int, width: int
) -> None:
    """A second review's property: at any width, an excerpt fits, is made of whole
    characters of its line (no escape cut in half) between cut marks, and its carets
    start under the first character of what the finding marks."""
    from claimlog.diagnostics import Diagnostic, Severity
    from claimlog.render.safe import literal
    from claimlog.render.text import CUT, render_check

    column = min(at, len(source)) + 1
    d = Diagnostic("a.yaml", 7, column, "CL201", "m", 7, column + length, Severity.ERROR)
    lines = _plain(render_check([d], 1, lambda _p, _n: source, width))
    shown = [i for i, line in enumerate(lines) if line.startswith("7 | ")]
    if not shown:
        return
    text, carets = lines[shown[0]][4:], lines[shown[0] + 1][4:]
    assert cell_len(lines[shown[0]]) <= width
    assert cell_len(lines[shown[0] + 1]) <= width
    inner = text.removeprefix(CUT).removesuffix(CUT)
    pieces = [literal(ch) for ch in source]
    assert any(
        "".join(pieces[a:b]) == inner
        for a in range(len(source) + 1)
        for b in range(a, len(source) + 1)
    ), (source, text)
    lead = len(carets) - len(carets.lstrip())
    cells, n = 0, 0
    while cells < lead:
        cells += cell_len(text[n])
        n += 1
    while n < len(text) and not cell_len(text[n]):  # a combining mark joins the cell before
        n += 1
    if column <= len(source) and cell_len(literal(source[column - 1])):
        assert text[n:].startswith(literal(source[column - 1])), (source, column, text, carets)
