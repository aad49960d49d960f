"""The canonical key order shared by the commands that write ledgers."""

from __future__ import annotations

from claimlog.canonical import ENTITY_KEYS, FILE_KEYS, ordered


def test_id_first_and_free_form_last() -> None:
    for keys in ENTITY_KEYS.values():
        assert keys[0] == "id"
        assert keys[-2:] == ("notes", "meta")


def test_the_format_tables_order() -> None:
    assert ENTITY_KEYS["sources"][:7] == (
        "id", "name", "kind", "reliability", "affiliation", "derived_from", "url",
    )  # fmt: skip
    assert ENTITY_KEYS["evidence"][:5] == ("id", "summary", "source", "via", "stance")
    assert FILE_KEYS[0] == "title"
    assert FILE_KEYS[-1] == "meta"


def test_unknown_keys_follow_as_written() -> None:
    keys = ["zz", "meta", "name", "aa", "id"]
    assert ordered(keys, ENTITY_KEYS["sources"]) == ["id", "name", "meta", "zz", "aa"]
