"""The documentation moves with the code."""

from __future__ import annotations

import re
from pathlib import Path

from claimlog.diagnostics import RULES
from claimlog.render.rules import checks_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_checks_md_is_generated_from_the_rule_table() -> None:
    shown = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert shown == checks_markdown(), "docs/checks.md is stale: run 'make docs'"


def test_every_rule_is_documented_in_checks_md() -> None:
    shown = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"### {code} {rule.name}" in shown


def test_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme
    assert "make test" in readme


def test_ledger_format_doc_names_every_field() -> None:
    from claimlog.formatmodels import Claim, Evidence, Source

    doc = (ROOT / "docs" / "ledger-format.md").read_text(encoding="utf-8")
    for model in (Source, Claim, Evidence):
        for name in model.model_fields:
            assert re.search(rf"`{name}`", doc), f"{model.__name__}.{name} is not documented"


def test_command_output_in_ci_md_is_real() -> None:
    """Every marked block of docs/ci.md is the current output of its command."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "docblocks.py"), "--check", "docs/ci.md"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr


def test_yaml_examples_of_the_docs_are_in_canonical_layout() -> None:
    """A tour: pasting docs/ledger-format.md's worked example gave a 93-line `fmt` diff,
    the first thing a newcomer ran. Every YAML example of the docs is as `fmt` writes it."""
    from claimlog.fmt import format_bytes

    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    checked = 0
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        for found in re.finditer(r"```yaml\n(.*?)```", text, re.S):
            if not re.search(r"^(?:sources|claims|evidence|groups):", found.group(1), re.M):
                continue  # a workflow or a configuration, not a ledger
            data = found.group(1).encode()
            result = format_bytes(data, f"{doc.name}:{text[: found.start()].count(chr(10)) + 1}")
            assert result.findings == [], result.path
            assert result.problem is None, (result.path, result.problem)
            assert result.after == data, result.path
            checked += 1
    assert checked >= 5
