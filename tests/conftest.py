"""Shared helpers for the CLI-level tests: paths, two ways to run claimlog, small ledgers.

``cli`` runs the typer app in-process (``typer.testing.CliRunner``) from a chosen
working directory; ``run`` runs ``python -m claimlog`` as a real subprocess, which is
what users get (a real ``main()`` entry point, real stdout/stderr, real exit code).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from claimlog.cli import app

# The result cache stays off in tests (each run does the whole work), as ruff's own tests
# run without theirs; tests/test_cache.py turns it on where it is under test.
os.environ["CLAIMLOG_NO_CACHE"] = "1"
# FORCE_COLOR colours a pipe (the convention): a machine that sets it would colour the
# output the in-process tests read.
os.environ.pop("FORCE_COLOR", None)

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent
LEDGERS = REPO / "ledgers"

# A minimal ledger with no findings at all: its one source is used, its one claim
# has evidence. Tests build on it so that the finding under test is the only one.
CLEAN_LEDGER = """\
title: A clean ledger
sources:
  - id: src-a
    name: Source A
claims:
  - id: claim-a
    statement: Something happened.
evidence:
  - id: ev-a
    summary: A report that it happened.
    source: src-a
    stance:
      claim-a: supports
"""

DIAGNOSTIC_KEYS = [
    "code",
    "rule",
    "severity",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "message",
    "hint",
]
"""The keys of one finding in JSON, in their documented order (docs/checks.md)."""


@dataclass(frozen=True)
class Run:
    """The outcome of one claimlog run, whichever way it was started."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def _env() -> dict[str, str]:
    # Independent of the machine running the tests: GITHUB_ACTIONS would switch
    # check's default format to annotations.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")
    }
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run ``claimlog ARGS`` in-process from ``cwd`` (default: the current directory)."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    runner = CliRunner()

    def invoke(args: Sequence[str], cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result: Result = runner.invoke(app, [str(a) for a in args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # an internal error: let the test show it
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


def run(
    args: Sequence[str | Path],
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> Run:
    """Run ``python -m claimlog ARGS`` as a subprocess in ``cwd``."""
    proc = subprocess.run(
        [sys.executable, "-m", "claimlog", *[str(a) for a in args]],
        cwd=cwd,
        capture_output=True,
        env={**_env(), **(env or {})},
        timeout=timeout,
        check=False,
    )
    return Run(
        proc.returncode,
        proc.stdout.decode("utf-8", "surrogateescape"),
        proc.stderr.decode("utf-8", "surrogateescape"),
    )


def write(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 (creating parent directories) and return ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def findings(report: Any) -> list[tuple[str, str, int, int]]:
    """(code, path, line, column) of every diagnostic in a parsed JSON report."""
    return [(d["code"], d["path"], d["line"], d["column"]) for d in report["diagnostics"]]


def isolate_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_dates: bool = True) -> None:
    """Git as on a fresh machine: no user or system configuration, no repository above
    the test folder, and (``fixed_dates``) fixed dates, so that commit hashes are the
    same on every run."""
    for name in list(os.environ):
        if name.startswith("GIT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    if fixed_dates:
        for who in ("AUTHOR", "COMMITTER"):
            monkeypatch.setenv(f"GIT_{who}_DATE", "2024-03-22T12:00:00+00:00")


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a test user (no signing); its output, stripped."""
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def commit(repo: Path, message: str) -> str:
    """Commit everything in ``repo``; the commit's hash."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")
