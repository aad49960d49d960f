"""Positions as the loader keeps them: each Map and Seq holds its points in one array
(its own span, then its keys' and values' or its items' spans). These tests hold the
reading side (``span``, ``spans``, ``key_span``, ``value_span``, ``item_spans``) to the
text, for small maps (found by a scan) and large ones (found through an index);
duplicate keys to the line of their first definition; and a file's lines, sliced from
its text through an index of line starts, to the text between YAML's line breaks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimlog import loader
from claimlog.loader import LINE_BREAK, LoadedFile, Map, Seq, load_text


def _big_map_text() -> str:
    lines = [f"k{i}: v{i}" for i in range(20)]  # lines 1-20
    lines += ["k3: again", "k20: new", "k20: twice", "k5: x", "k21: last"]  # lines 21-25
    return "\n".join(lines) + "\n"


def test_duplicates_in_a_large_map_name_the_first_definition() -> None:
    loaded = load_text(_big_map_text(), "big.yaml")
    messages = [(d.line, d.message) for d in loaded.diagnostics]
    assert messages == [
        (21, "duplicate key 'k3' (first defined at line 4)"),
        (23, "duplicate key 'k20' (first defined at line 22)"),
        (24, "duplicate key 'k5' (first defined at line 6)"),
    ]
    root = loaded.root
    assert root is not None
    assert list(root) == [f"k{i}" for i in range(22)]
    assert root["k3"] == "v3"
    assert root["k20"] == "new"
    assert root["k21"] == "last"


def test_every_key_and_value_of_a_large_map_stands_where_it_was_written() -> None:
    loaded = load_text(_big_map_text(), "big.yaml")
    root = loaded.root
    assert root is not None
    lines = {f"k{i}": i + 1 for i in range(20)} | {"k20": 22, "k21": 25}
    for key, line in lines.items():
        width = len(key)
        assert root.key_span(key) == (line, 1, line, 1 + width)
        value = root[key]
        assert root.value_span(key) == (line, width + 3, line, width + 3 + len(value))
        assert root.spans[key] == (root.key_span(key), root.value_span(key))
    assert list(root.spans) == list(root)
    assert len(root.spans) == len(root) == 22
    assert root.span == (1, 1, 26, 1)


def test_a_small_map_and_a_missing_key() -> None:
    loaded = load_text("a: 1\nb:\n  c: [x, y]\n", "small.yaml")
    root = loaded.root
    assert root is not None
    assert loaded.diagnostics == []
    assert root.key_span("b") == (2, 1, 2, 2)
    inner = root["b"]
    assert isinstance(inner, Map)
    assert inner.span == (3, 3, 4, 1)
    assert inner.value_span("c") == (3, 6, 3, 12)
    assert root.key_span("nope") == root.span == root.value_span("nope")
    assert "nope" not in root.spans
    with pytest.raises(KeyError):
        root.spans["nope"]


def test_item_spans_read_like_a_list() -> None:
    loaded = load_text("items: [a, bb, ccc, dddd]\n", "list.yaml")
    root = loaded.root
    assert root is not None
    items = root["items"]
    assert isinstance(items, Seq)
    spans = items.item_spans
    expected = [(1, 9, 1, 10), (1, 12, 1, 14), (1, 16, 1, 19), (1, 21, 1, 25)]
    assert list(spans) == expected
    assert len(spans) == 4
    assert [spans[i] for i in range(4)] == expected
    assert spans[-1] == expected[-1]
    assert spans[-4] == expected[0]
    assert spans[1:3] == expected[1:3]
    assert spans[::-2] == expected[::-2]
    for bad in (4, -5):
        with pytest.raises(IndexError):
            spans[bad]
    assert items.span == (1, 8, 1, 26)


def test_a_map_made_by_hand_has_its_span_only() -> None:
    empty = Map()
    empty.span = (1, 1, 1, 1)
    assert empty.span == (1, 1, 1, 1)
    assert empty.key_span("x") == (1, 1, 1, 1)
    assert list(empty.spans) == []


@given(
    st.text(st.sampled_from(["a", "é", " ", "\r", "\n", "\x85", "\u2028", "\u2029", "😀"])),
    st.none() | st.integers(1, 6),
)
def test_a_line_is_the_text_between_the_breaks_yaml_counts(text: str, block: int | None) -> None:
    """Also once the text is packed (compressed in blocks of whole lines, as in a large
    set; tiny blocks here, so that breaks and "\r\n" fall at every place of a cut)."""
    loaded = LoadedFile("lines.yaml", text)
    if block is not None:
        kept = loader.PACK_BLOCK
        loader.PACK_BLOCK = block
        try:
            loaded.pack()
        finally:
            loader.PACK_BLOCK = kept
        assert loaded.unpacked == ""
        assert loaded.text == text
    expected = LINE_BREAK.split(text)
    for number in range(-1, len(expected) + 3):
        want = expected[number - 1] if 1 <= number <= len(expected) else ""
        assert loaded.line(number) == want, (number, text)


def test_a_second_id_in_a_list_entry_asks_for_the_missing_dash() -> None:
    """A tour: a forgotten '- ' merged two sources, and each repeated key said "merge it
    with the entry at line 3 or rename it", which would lose the second source. A
    second key of a mapping that is no list entry keeps the plain hint."""
    text = (
        "sources:\n  - id: tass\n    name: TASS\n    id: newsru\n    name: Newsru\n"
        "  - id: rt\n    name: RT\nmeta:\n  id: a\n  id: b\nclaims:\n  - {id: c, id: d}\n"
    )
    found = [(d.line, d.message, d.hint) for d in load_text(text, "l.yaml").diagnostics]
    assert found == [
        (
            4,
            "duplicate key 'id' (first defined at line 2): a new entry without its '- '?",
            "start the entry with '- ', lined up with the '- ' of line 2",
        ),
        (
            5,
            "duplicate key 'name' (first defined at line 3)",
            "it belongs to the entry at line 4: start that one with '- '",
        ),
        (
            10,
            "duplicate key 'id' (first defined at line 9)",
            "merge it with the entry at line 9 or rename it",
        ),
        (  # a review: no '- ' is missing inside braces
            12,
            "duplicate key 'id' (first defined at line 12)",
            "merge it with the entry at line 12 or rename it",
        ),
    ]


@given(st.text(st.sampled_from(["a", "é", "\r", "\n", "\x85", "\u2028", "\u2029"])))
def test_breaks_counts_what_line_break_finds(text: str) -> None:
    """Its shortcuts (no "\r", ASCII text) change no count."""
    assert loader._breaks(text) == len(LINE_BREAK.findall(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "o:\n  a: 1\n  a: {x: 1, x: 2}\np:\n  k: 1\n  m: 2\n  k: 3\n",
            [
                (3, "duplicate key 'a' (first defined at line 2)"),
                (3, "duplicate key 'x' (first defined at line 3)"),
                (7, "duplicate key 'k' (first defined at line 5)"),
            ],
        ),
        (
            "e1:\n  s: 1\n  s:\n    c: 1\n    c: 2\ne2:\n  k: 1\n  m: 2\n  n: 3\n  k: 3\n",
            [
                (3, "duplicate key 's' (first defined at line 2)"),
                (5, "duplicate key 'c' (first defined at line 4)"),
                (10, "duplicate key 'k' (first defined at line 7)"),
            ],
        ),
    ],
)
def test_a_dropped_map_with_a_duplicate_lends_nothing_to_the_next_map(
    text: str, expected: list[tuple[int, str]]
) -> None:
    """The value of a duplicate key is dropped after it is read; a duplicate inside it
    once left its key places behind, found again by a later map given the same id."""
    for _ in range(50):  # object ids are reused by chance: try often
        loaded = load_text(text, "dup.yaml")
        assert [(d.line, d.message) for d in loaded.diagnostics] == expected


def test_a_complex_key_with_a_duplicate_inside_is_read_to_the_end() -> None:
    for _ in range(50):
        loaded = load_text("? {x: 1, x: 2}\n: v\nb: {y: 1, y: 2}\n", "dup.yaml")
        messages = sorted(d.message for d in loaded.diagnostics)
        assert messages == [
            "a mapping key must be plain text",
            "duplicate key 'x' (first defined at line 1)",
            "duplicate key 'y' (first defined at line 3)",
        ]


def test_a_span_given_to_a_loaded_map_keeps_its_keys_spans() -> None:
    loaded = load_text("a: 1\nb: 2\n", "set.yaml")
    root = loaded.root
    assert root is not None
    before = root.key_span("b"), root.value_span("b")
    root.span = (9, 9, 9, 9)
    assert root.span == (9, 9, 9, 9)
    assert (root.key_span("b"), root.value_span("b")) == before


def test_a_large_set_is_packed_off_the_main_thread_and_a_failure_to_pack_is_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``PACK_FROM``, files are compressed by a worker thread while the next one
    is parsed; the load waits for every one, and an error there is the load's."""
    from claimlog import ledgerset

    for n in range(3):
        (tmp_path / f"f{n}.yaml").write_text(f"sources:\n  - id: s{n}\n    name: S{n}\n")
    monkeypatch.setattr(ledgerset, "PACK_FROM", -1)
    ls = ledgerset.load_set([tmp_path])
    assert [f.unpacked for f in ls.loaded.values()] == ["", "", ""]
    assert ls.loaded[str(tmp_path / "f1.yaml")].line(2) == "  - id: s1"

    def fail(self: LoadedFile) -> None:
        raise MemoryError("no room to pack")

    monkeypatch.setattr(LoadedFile, "pack", fail)
    with pytest.raises(MemoryError, match="no room to pack"):
        ledgerset.load_set([tmp_path])


def test_every_state_of_a_pack_reads_the_whole_text() -> None:
    """A worker thread packs a file while the main thread may read it: the fields are set
    one after another (blocks, line index, then the text emptied), and a reader between
    any two of them still gets the whole text and every line. (A reader interleaved
    with the writer inside one read is kept right by the order of reads in
    ``LoadedFile.text``, which this test cannot interleave.)"""
    text = "".join(f"line {n}: {'x' * (n % 7)}\r\n" if n % 3 else f"l{n}\n" for n in range(400))
    whole = LoadedFile("a.yaml", text)
    kept = loader.PACK_BLOCK
    loader.PACK_BLOCK = 256
    try:
        whole.pack()
    finally:
        loader.PACK_BLOCK = kept
    lines = LINE_BREAK.split(text)
    states = [
        {"_packed": whole._packed},
        {"_packed": whole._packed, "_firsts": whole._firsts},
        {"_packed": whole._packed, "_firsts": whole._firsts, "unpacked": ""},
    ]
    for state in states:
        loaded = LoadedFile("a.yaml", text)
        for name, value in state.items():
            setattr(loaded, name, value)
        assert loaded.text == text, sorted(state)
        assert [loaded.line(n) for n in range(1, len(lines) + 1)] == lines, sorted(state)
