"""Format version 2 in check: references of based_on and resolution, groups declared."""

from __future__ import annotations

from pathlib import Path

from conftest import findings, write


def test_unknown_based_on_and_resolution_source_are_unknown_references(cli, tmp_path: Path) -> None:
    write(
        tmp_path / "ledger.yaml",
        """\
title: Version 2 references
sources:
  - id: src-alpha
    name: Source Alpha
claims:
  - id: claim-a
    statement: Something happened.
    resolution:
      value: true
      source: src-beta
evidence:
  - id: ev-a
    summary: A report that it happened.
    source: src-alpha
    stance:
      claim-a: supports
  - id: ev-b
    summary: A second report, resting on the first one's witness.
    source: src-alpha
    based_on: [ev-aa]
    stance:
      claim-a: neutral
""",
    )
    result = cli(["check", "--format", "json", "ledger.yaml"], cwd=tmp_path)
    report = result.json()
    assert sorted(findings(report)) == [
        ("CL201", "ledger.yaml", 10, 15),
        ("CL201", "ledger.yaml", 20, 16),
    ]
    by_line = {d["line"]: d for d in report["diagnostics"]}
    assert by_line[10]["message"] == (
        "the resolution of claim 'claim-a' cites unknown source 'src-beta'"
    )
    assert by_line[20]["message"] == "evidence 'ev-b' is based on unknown evidence item 'ev-aa'"
    assert by_line[20]["hint"] == (
        "did you mean 'ev-a'? If 'ev-aa' is another evidence item, add it under 'evidence:'"
    )
    assert result.code == 1


def test_schema_names_itself_and_the_format_version(cli, tmp_path: Path) -> None:
    result = cli(["schema"], cwd=tmp_path)
    schema = result.json()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"].endswith("/ledger-v2.json")
    assert "format version 2" in schema["description"]
    assert {"groups", "sources", "claims", "evidence"} <= set(schema["properties"])
