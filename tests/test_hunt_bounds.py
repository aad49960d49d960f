"""Linear work on the shapes of a hunt for super-linear inputs (2026-12-05): regular
expressions whose parts overlapped, and lookups that scanned every suppression, glob
or finding. Each new form is held to the old one on random text (the same matches, the
same findings), and the work to a count where a count tells it. Timings are in
bench/hostile.py (unclosed-suppressions, key-colon-spaces, tight-comment-list,
padded-grade, misspelt-sections, many-rule-suppression)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimlog import loader, validation
from claimlog.checks import suppressions
from claimlog.diagnostics import diag
from claimlog.loader import SUPPRESSION, Suppression, suppressions_in
from claimlog.rules import RULES, rule_code
from conftest import Run, git, isolate_git, write

OLD_NO_SPACE = re.compile(r"([A-Za-z0-9_][^\s:#]*):([^\s:][^#]*?)[ \t]*(?:[ \t]#.*)?$")
OLD_ADMIRALTY = re.compile(r"^\s*([A-Fa-f])\s*-?\s*([1-6])\s*$")


def pieces(*parts: str) -> st.SearchStrategy[str]:
    """Text made of these pieces."""
    return st.lists(st.sampled_from(parts), max_size=30).map("".join)


LINE = pieces("key", ":", "#", " ", "\t", "a", "b", "\r", "-", "x:y")


@settings(max_examples=500)
@given(LINE)
@example("summary:Reported   x")
@example("key:a #c")
@example("key:a#c")
@example("key:#abc")
@example("key:a\t#")
@example("key:a  b  \t")
def test_a_key_without_a_space_is_told_as_before(text: str) -> None:
    """``key:value`` (no space after the colon) is explained where the old regular
    expression matched, with the same key and value; its lazy value and the white
    space after it overlapped, and a line of 40,000 spaces took 19 s."""
    found = loader._no_space(lambda _: text, 1)
    _, start = loader._lead(text)
    old = OLD_NO_SPACE.match(text, start) if loader._key_colon(text, start) < 0 else None
    if old is None:
        assert found is None
        return
    assert found is not None
    key, value = old[1], old[2]
    token = f"{key}:{value.split()[0]}"
    assert found[0] == (1, start + 1, 1, start + 1 + len(token))
    assert f"'{token}'" in found[1]


@settings(max_examples=500)
@given(st.text(st.sampled_from([" ", "\t", "\n", "-", "A", "b", "F", "g", "1", "6", "7", "x"])))
def test_an_admiralty_code_is_read_as_before(text: str) -> None:
    """``B2``, ``b - 2``: the same codes as the old pattern, whose spaces on either side
    of an optional dash overlapped (80,000 spaces took 28 s)."""
    old = OLD_ADMIRALTY.match(text)
    new = validation._ADMIRALTY_CODE.match(text)
    assert (old is None) == (new is None)
    if old is not None and new is not None:
        assert old.groups() == new.groups()


@settings(max_examples=500)
@given(pieces("#", " ", "claimlog:", "ignore[", "]", "CL001", ",", "x"))
@example(" #claimlog:ignore[" * 50)
@example("#claimlog:ignore[CL001] #claimlog:ignore[ x")
def test_suppressions_in_a_line_are_found_as_before(text: str) -> None:
    """Only before a line's last ``]``: the same matches as the whole line gave, without
    scanning to the end of the line for each ``# claimlog: ignore[`` left open."""
    old = [(m.start(), m.group()) for m in SUPPRESSION.finditer(text)]
    assert [(m.start(), m.group()) for m in suppressions_in(text)] == old


WORDS = ["CL201", "CL405", "unknown-reference", "CL999", "nonsense", "CL017"]


@st.composite
def sifted(draw: st.DrawFn) -> tuple[list[Suppression], list[tuple[int, str]]]:
    sups = [
        Suppression(
            (line, 1, line, 2),
            tuple(draw(st.lists(st.sampled_from(WORDS), max_size=4))),
            draw(st.booleans()),
        )
        for line in draw(st.lists(st.integers(1, 5), max_size=6))
    ]
    findings = draw(st.lists(st.tuples(st.integers(1, 5), st.sampled_from([*WORDS[:2], "CL017"]))))
    return sups, findings


@settings(max_examples=300)
@given(sifted())
def test_a_finding_is_suppressed_by_the_first_suppression_naming_it_as_before(
    case: tuple[list[Suppression], list[tuple[int, str]]],
) -> None:
    """The first suppression in file order, on the finding's line or file-wide, that
    names its rule covers it, by its first word naming it; each word is read once (each
    finding read every word of the file-wide ones: 4,000 of them took 20 s)."""
    sups, raw = case
    findings = [diag(RULES[code], "a.yaml", (line, 1, line, 2), "m") for line, code in raw]
    used: set[tuple[str, int, str]] = set()
    kept = suppressions._sift(findings, suppressions._first_naming({"a.yaml": sups}), used)
    expected_used: set[tuple[str, int, str]] = set()
    expected_kept = []
    for d in findings:
        hit = next(
            (
                ("a.yaml", k, word)
                for k, s in enumerate(sups)
                if s.whole_file or s.span[0] == d.line
                for word in s.words
                if rule_code(word) == d.code
            ),
            None,
        )
        if hit:
            expected_used.add(hit)
        else:
            expected_kept.append(d)
    assert kept == expected_kept
    assert used == expected_used


def test_per_file_ignores_are_matched_once_per_file(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    """Per file, not per finding: 8,000 globs and as many findings took 16 s."""
    via = ", ".join(f"u{i}" for i in range(300))
    write(
        tmp_path / "ledgers" / "a.yaml",
        "sources:\n  - {id: s, name: S, kind: outlet, reliability: B}\n"
        "claims:\n  - {id: c, statement: C.}\nevidence:\n"
        f"  - {{id: e, summary: I., source: s, credibility: 2, stance: {{c: supports}}, "
        f"via: [{via}]}}\n",
    )
    globs = "".join(f'"drafts{i}/*.yaml" = ["CL405"]\n' for i in range(50))
    write(tmp_path / "claimlog.toml", f"max-findings-per-rule = 0\n[per-file-ignores]\n{globs}")
    from claimlog import settings as settings_module

    with mock.patch.object(settings_module, "fnmatch", wraps=settings_module.fnmatch) as matched:
        result = cli(["check", "--format", "json"], cwd=tmp_path)
    assert result.code == 1
    assert result.stdout.count('"CL201"') == 300  # every unknown relay reported
    assert matched.call_count <= 50 * 3  # every glob, a few times per file: not per finding


def test_annotations_resolve_each_file_once(
    tmp_path: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub and GitLab want paths from the repository's root: each file's path is
    found once, not per finding (a file 500 folders deep with 2,000 findings: 16.5 s)."""
    from claimlog import files

    isolate_git(tmp_path, monkeypatch)
    git(tmp_path, "init", "-q")
    via = ", ".join(f"u{i}" for i in range(150))
    for name in ("a", "b"):
        write(
            tmp_path / "ledgers" / "deep" / f"{name}.yaml",
            "sources:\n  - {id: s" + name + ", name: S, kind: outlet, reliability: B}\n"
            "claims:\n  - {id: c" + name + ", statement: C.}\nevidence:\n"
            f"  - {{id: e{name}, summary: I., source: s{name}, credibility: 2, "
            f"stance: {{c{name}: supports}}, via: [{via}]}}\n",
        )
    write(tmp_path / "claimlog.toml", "max-findings-per-rule = 0\n")
    for fmt in ("github", "gitlab"):
        with mock.patch.object(files, "under", wraps=files.under) as found:
            result = cli(["check", "--format", fmt], cwd=tmp_path)
        assert result.code == 1
        assert result.stdout.count("ledgers/deep/a.yaml") >= 150
        assert found.call_count == 2, fmt  # one per file, not one per finding


@pytest.mark.parametrize("n", [100, 1_000, 20_000])
def test_a_slip_of_separators_is_named_among_many_ids(n: int) -> None:
    """'src_2' for 'src-2' among n ids: the bounded candidates of a large set had missed
    it ("did you mean 'src-992'?" among 1,000, three others among 20,000), and the fix
    with it."""
    from claimlog.diagnostics import Suggestions

    found = Suggestions([f"src-{i}" for i in range(n)])
    assert found.hint("src_2") == "did you mean 'src-2'?"
    assert found.only("src_2") == "src-2"
    assert found.only("Src 2") == "src-2"
