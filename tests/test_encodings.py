"""Output the locale's encoding cannot hold is no internal error.

A review: with standard output a pipe in cp1252 (Windows), `check --format sarif` (its
rule texts hold a Cyrillic letter) and `rules CL203` stopped with UnicodeEncodeError,
exit 2; so did a summary of a ledger with Russian sources. Standard output that is no
terminal is written in UTF-8; standard error shows what it cannot hold as escapes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run, write

LEDGER = """\
sources: [{id: w, name: "Интерфакс", reliability: B}]
claims: [{id: c, statement: "Москва 😀 said so."}]
evidence:
  - {id: e, summary: "Интерфакс reports", source: w, credibility: 2, stance: {c: supports}}
"""


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "sarif", "l.yaml"],
        ["check", "--format", "text", "l.yaml"],
        ["summary", "l.yaml"],
        ["summary", "--format", "json", "l.yaml"],
        ["show", "c", "l.yaml"],
        ["rules", "CL203"],
    ],
)
def test_a_pipe_in_another_encoding_gets_utf8(
    tmp_path: Path, encoding: str, args: list[str]
) -> None:
    write(tmp_path / "l.yaml", LEDGER)
    plain = run(args, tmp_path)
    done = run(args, tmp_path, env={"PYTHONIOENCODING": encoding})
    assert (done.code, done.stderr) == (plain.code, plain.stderr)
    assert done.code in (0, 1), done.stderr
    assert done.stdout == plain.stdout  # the same text, in UTF-8
    if "json" in args or "sarif" in args:
        json.loads(done.stdout)


def test_standard_error_shows_what_it_cannot_hold_as_escapes(tmp_path: Path) -> None:
    write(tmp_path / "l.yaml", LEDGER)
    done = run(["show", "Москва", "l.yaml"], tmp_path, env={"PYTHONIOENCODING": "cp1252"})
    assert (done.code, done.stdout) == (2, "")
    assert done.stderr == (
        "claimlog: no claim '\\u041c\\u043e\\u0441\\u043a\\u0432\\u0430' in the ledger set\n"
    )
