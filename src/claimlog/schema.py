"""The JSON Schema (draft-07) of a ledger file, derived from the pydantic models."""

from __future__ import annotations

from typing import Any

from .model import LedgerFile

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "https://claimlog.invalid/schema/ledger-v2.json"
"""The schema's ``$id``: a name, not an address (nothing is fetched from it; editors
read the schema from the file ``claimlog schema`` writes)."""


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
    raw = LedgerFile.model_json_schema(mode="validation")
    converted = _to_draft07(raw)
    assert isinstance(converted, dict)
    schema: dict[str, Any] = {"$schema": DRAFT_07, "$id": SCHEMA_ID, **converted}
    schema["description"] = (
        "A claimlog evidence ledger (format version 2): sources, claims, evidence items "
        "and competing-hypotheses groups. "
        "claimlog reads every scalar as text; this schema also accepts the numbers and "
        "booleans a YAML 1.2 editor sees."
    )
    return schema
