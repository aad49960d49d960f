"""Findings come in one order, whatever the hash seed (issue 8, "Total order").

String hashing is randomised per process (PYTHONHASHSEED), so anything that iterates
a set or orders by hash gives another order in another run. Findings are sorted on a
total key over every field (:func:`claimlog.diagnostics.sort_key`): two different
findings never tie, so the order of the report never depends on how they were
collected. The test runs claimlog in subprocesses under several seeds and compares
the bytes of every output format.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimlog.diagnostics import Diagnostic, Severity, sort_key
from conftest import CLEAN_LEDGER, FIXTURES, write

SEEDS = ["0", "1", "2", "42", "4242", "123456789"]
FORMATS = ["text", "concise", "json", "github", "sarif", "junit"]


def _run(args: list[str], cwd: Path, seed: str) -> bytes:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")
    }
    env.update({"PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"})
    proc = subprocess.run(
        [sys.executable, "-m", "claimlog", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout + b"\0" + proc.stderr


@pytest.fixture(scope="module")
def ledger_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every rule fixture in one set (findings of every kind, many at shared places:
    duplicate ids across files, several findings on one line), and refused paths."""
    root = tmp_path_factory.mktemp("determinism")
    shutil.copytree(FIXTURES, root / "ledgers")
    # Ids defined in several files: findings whose messages name each other's places.
    for n in range(4):
        write(root / "ledgers" / f"dup-{n}.yaml", CLEAN_LEDGER)
    write(root / "ledgers" / "dup-flow.yaml", "{sources: [{id: src-a}, {id: src-a}]}\n")
    os.mkfifo(root / "ledgers" / "pipe.yaml")
    (root / "ledgers" / "loop.yaml").symlink_to("loop.yaml")
    return root


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_output_is_the_same_under_every_hash_seed(ledger_set: Path, fmt: str) -> None:
    outputs = {
        seed: _run(["check", "--format", fmt, "ledgers"], ledger_set, seed) for seed in SEEDS
    }
    first = outputs[SEEDS[0]]
    assert first.count(b"CL2") > 4  # the set does have findings to order
    for seed, out in outputs.items():
        assert out == first, f"the {fmt} output differs under PYTHONHASHSEED={seed}"


def _finding(**changes: object) -> Diagnostic:
    base: dict[str, object] = {
        "path": "a.yaml",
        "line": 3,
        "column": 5,
        "code": "CL201",
        "message": "evidence 'ev-a' cites unknown source 'x'",
        "end_line": 3,
        "end_column": 6,
        "severity": Severity.ERROR,
        "hint": None,
    }
    base.update(changes)
    return Diagnostic(**base)  # type: ignore[arg-type]


def test_sort_key_is_total() -> None:
    """Findings that start at the same place with the same code and message but differ
    anywhere else have one order whatever order they come in, and equal keys mean
    equal findings."""
    variants = [
        _finding(),
        _finding(end_column=9),
        _finding(end_line=4, end_column=1),
        _finding(hint="did you mean 'y'?"),
        _finding(hint=""),
        _finding(hint="did you mean 'z'?"),
        _finding(severity=Severity.WARNING),
    ]
    keys = {sort_key(d) for d in variants}
    assert len(keys) == len(variants)
    orders = {tuple(sorted(p, key=sort_key)) for p in itertools.permutations(variants)}
    assert len(orders) == 1
    assert next(iter(orders))[0] == variants[0]  # no end, no hint: first


# Two entities with no valid field: each reports every missing required field and its
# unknown field at one place (the start of its mapping, 3:5 and 5:5).
SAME_PLACE = """\
title: Findings that start at one place
claims:
  - bogus: x
evidence:
  - bogus: 1
"""


def test_findings_at_one_place_are_ordered_by_code_then_message(tmp_path: Path) -> None:
    """Regression (issue 8, "Total order", found by fuzzing): findings that start at
    the same line and column came in an order that depended on PYTHONHASHSEED. They
    come by code, then message, byte for byte the same under every seed."""
    write(tmp_path / "ledgers" / "same.yaml", SAME_PLACE)
    first: dict[str, bytes] = {}
    for fmt in ("json", "text", "concise"):
        args = ["check", "--format", fmt, "ledgers"]
        outputs = {seed: _run(args, tmp_path, seed) for seed in SEEDS}
        first[fmt] = outputs[SEEDS[0]]
        for seed, out in outputs.items():
            assert out == first[fmt], f"the {fmt} output differs under PYTHONHASHSEED={seed}"
    report = json.loads(first["json"].split(b"\0")[0])
    at: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for d in report["diagnostics"]:
        at.setdefault((d["line"], d["column"]), []).append((d["code"], d["message"]))
    assert at[(5, 5)] == [  # the stated order: by code, then message
        ("CL101", "evidence #1 is missing required field 'id'"),
        ("CL101", "evidence #1 is missing required field 'source'"),
        ("CL101", "evidence #1 is missing required field 'stance'"),
        ("CL101", "evidence #1 is missing required field 'summary'"),
        ("CL102", "evidence #1 has unknown field 'bogus'"),
    ]
    assert [code for code, _ in at[(3, 5)]] == ["CL101", "CL101", "CL102"]
    for place, found in at.items():
        assert found == sorted(found), place
    # The text formats list them in the same order.
    concise = first["concise"].decode("utf-8").splitlines()
    shown = [
        line.split(": ", 1)[1] for line in concise if line.startswith("ledgers/same.yaml:5:5:")
    ]
    assert [line.split("] ", 1)[1] for line in shown] == [m for _, m in at[(5, 5)]]
