"""Loader regressions found by the property tests, and fixed:

BUG A - a forbidden character was reported at the wrong place when non-ASCII text
  preceded it: libyaml reports a *byte* offset into the UTF-8 text, which was used
  as a character index (and only '\n' was counted as a line break, while YAML
  also breaks lines at '\r', U+0085, U+2028 and U+2029).

BUG B - a syntax error at the end of a file without a final newline was placed one
  line past the end of the file (libyaml forces a line break at the end of the
  stream): load_text("[", "x.yaml") said line 2 of a one-line file.

The properties reuse the generators and checks of test_loader_properties.py.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import test_loader_properties as props
from claimlog.loader import load_bytes, load_text

SLOW = list(HealthCheck)

FORBIDDEN = [
    chr(c) for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85)]
] + ["\x86", "\x9f", "\ufffe", "\uffff"]


# --- BUG A --------------------------------------------------------------------------


def place(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of text[index] (the text's only line breaks are '\\n')."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


@example("\u00e9: \x01\n", 3)
@example("# \u041c\u043e\u0441\u043a\u0432\u0430\na: \x7f\n", 12)
@example("a: \U0001f525\U0001f525 \x01\n", 6)
@settings(max_examples=5, database=None)
@given(st.just("a: \x01\n"), st.just(3))
def test_bugA_examples(text: str, index: int) -> None:
    loaded = load_text(text, "x.yaml")
    assert [(d.line, d.column) for d in loaded.diagnostics] == [place(text, index)]


@settings(max_examples=100, deadline=None, suppress_health_check=SLOW, database=None)
@given(st.data())
def test_bugA_forbidden_character_is_reported_at_its_place(data: st.DataObject) -> None:
    """A valid ledger with one forbidden character put anywhere: one finding, there."""
    doc = data.draw(props.documents(data.draw(props.ledgers(), label="ledger")), label="doc")
    index = data.draw(st.integers(0, len(doc.text)), label="index")
    text = doc.text[:index] + data.draw(st.sampled_from(FORBIDDEN), label="char") + doc.text[index:]
    loaded = load_text(text, "x.yaml")
    assert [(d.line, d.column) for d in loaded.diagnostics] == [place(text, index)]


# --- BUG B --------------------------------------------------------------------------


def test_bugB_unclosed_flow_at_end_of_file_points_inside_the_file() -> None:
    loaded = load_text("[", "x.yaml")
    assert [d.code for d in loaded.diagnostics] == ["CL001"]
    d = loaded.diagnostics[0]
    # At the '[' that is never closed (before: line 2, column 1 of a one-line file; then
    # line 1, column 2, the end of the file, until syntax errors were placed where the
    # problem starts).
    assert (d.line, d.column) == (1, 1), d


def test_bugB_load_bytes_too() -> None:
    loaded = load_bytes(b"{a: 1", "x.yaml")
    assert loaded.diagnostics
    assert all(d.line == 1 for d in loaded.diagnostics), loaded.diagnostics


@settings(max_examples=300, deadline=None, suppress_health_check=SLOW, database=None)
@given(st.one_of(st.text(props.YAMLISH, max_size=120), props.yamlish_lines))
@example("a: [b")
@example("{a: 1")
def test_bugB_every_finding_is_inside_the_file(source: str) -> None:
    """The main file's never-raises property, without its one line of slack."""
    props.check_text(source, slack=0)


@pytest.mark.parametrize(
    ("text", "whole_file"),
    [
        ("# claimlog: ignore[CL201]\nclaims: []\n", True),
        ("---\n# claimlog: ignore[CL201]\nclaims: []\n", True),
        ("--- # claimlog: ignore[CL201]\nclaims: []\n", True),
        ("%YAML 1.2\n---  # claimlog: ignore[CL201]\nclaims: []\n", True),
        ("\n  # note\n--- # claimlog: ignore[CL201]\nclaims: []\n", True),
        ("--- {claims: []}  # claimlog: ignore[CL201]\n", False),
        ("claims: []  # claimlog: ignore[CL201]\n", False),
        ("claims: []\n# claimlog: ignore[CL201]\n", False),
        ("---#x\n# claimlog: ignore[CL201]\n", False),  # '---#x' is text, not the start
        ("--- !tag\n# claimlog: ignore[CL201]\n", False),
        (" " * 100_000 + "title: x  # claimlog: ignore[CL201]\n", False),
    ],
    ids=lambda v: repr(v)[:40] if isinstance(v, str) else str(v),
)
def test_a_suppression_before_the_content_covers_the_whole_file(
    text: str, whole_file: bool
) -> None:
    """Before the first content means after blank lines, comments, directives and the
    document's start, with a comment on the ``---`` line too (a user reads
    ``--- # claimlog: ignore[...]`` as the file's header)."""
    (found,) = load_text(text, "t.yaml").suppressions
    assert found.words == ("CL201",)
    assert found.whole_file is whole_file
