"""The JSON Schema (draft-07) of a ledger file, derived from the pydantic models.

Its readers are editors, whose YAML 1.2 parsers resolve a plain ``012``, ``1.10`` or
``true`` to a number or a boolean, whereas claimlog keeps every scalar as the text that
was typed (:mod:`claimlog.loader`). So the schema accepts what claimlog accepts, in
the shape an editor sees it: a field that takes any text (a name, a note, a tag) also
takes a number or a boolean; an id also takes a number that is not negative (the text
of a negative number starts with ``-``) and a boolean (``true`` is a valid id); fields
that convert their text (dates, grades, priors, flags) say so in :mod:`claimlog.model`.
Patterns spell out the whitespace pydantic means by ``\\s`` and ``\\S``, so that an
editor's ECMA-262 regular expressions read them as pydantic does.
"""

from __future__ import annotations

from typing import Any, Final

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .formatmodels import UNICODE_SPACE, LedgerFile
from .model import ID_PATTERN, TEXT_PATTERN

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "https://claimlog.invalid/schema/ledger-v2.json"
"""The schema's ``$id``: a name, not an address (nothing is fetched from it; editors
read the schema from the file ``claimlog schema`` writes)."""

ANY_SCALAR: Final = ["string", "number", "boolean"]
"""What a YAML 1.2 editor may see where claimlog reads text."""


def explicit_spaces(pattern: str) -> str:
    """``pattern`` with ``\\s`` and ``\\S`` spelt out as Unicode White_Space, their
    meaning in pydantic's patterns (ECMA-262 adds U+FEFF and drops U+0085)."""
    out: list[str] = []
    in_class = False
    chars = iter(pattern)
    for char in chars:
        if char == "\\":
            escaped = next(chars, "")
            if escaped == "s":
                out.append(UNICODE_SPACE if in_class else f"[{UNICODE_SPACE}]")
            elif escaped == "S" and not in_class:
                out.append(f"[^{UNICODE_SPACE}]")
            elif escaped == "S":
                raise ValueError(f"\\S inside a character class: {pattern}")
            else:
                out.append(char + escaped)
            continue
        if char in "[]":
            in_class = char == "["
        out.append(char)
    return "".join(out)


class EditorJsonSchema(GenerateJsonSchema):
    """pydantic's schema generator, with text fields as a YAML 1.2 editor sees them."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        pattern = json_schema.get("pattern")
        if pattern in (None, TEXT_PATTERN, ID_PATTERN):  # not URLs and hashes
            json_schema["type"] = list(ANY_SCALAR)
        if pattern == ID_PATTERN:
            json_schema["minimum"] = 0  # the text of a negative number starts with '-'
        if pattern is not None:
            json_schema["pattern"] = explicit_spaces(pattern)
        return json_schema

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        """A mapping whose keys have a pattern (``stance``: claim ids) rejects the keys
        that do not match it, as claimlog does (pydantic leaves them unconstrained)."""
        json_schema = super().dict_schema(schema)
        by_pattern = json_schema.pop("patternProperties", None)
        if by_pattern:
            ((pattern, values),) = by_pattern.items()
            json_schema["propertyNames"] = {"pattern": pattern}
            json_schema["additionalProperties"] = values
        return json_schema


def _to_draft07(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$defs":
                out["definitions"] = _to_draft07(value)
            elif key == "$ref" and isinstance(value, str):
                out[key] = value.replace("#/$defs/", "#/definitions/")
            else:
                out[key] = _to_draft07(value)
        return out
    if isinstance(node, list):
        return [_to_draft07(v) for v in node]
    return node


def ledger_json_schema() -> dict[str, Any]:
    """Draft-07 schema of one ledger file; every field carries a description."""
    raw = LedgerFile.model_json_schema(mode="validation", schema_generator=EditorJsonSchema)
    converted = _to_draft07(raw)
    assert isinstance(converted, dict)
    schema: dict[str, Any] = {"$schema": DRAFT_07, "$id": SCHEMA_ID, **converted}
    schema["description"] = (
        "A claimlog evidence ledger (format version 2): sources, claims, evidence items "
        "and competing-hypotheses groups. "
        "claimlog reads every scalar as the text typed; this schema also accepts the "
        "numbers and booleans a YAML 1.2 editor sees where that text is valid."
    )
    return schema
