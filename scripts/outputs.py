"""Every command's output on every fixture and sample, as digests: the record that
performance work changes no output (issue 13).

    .venv/bin/python scripts/outputs.py            # compare with tests/outputs.json
    .venv/bin/python scripts/outputs.py --write    # record the outputs as they are now

Each run is claimlog in-process (typer's runner, the result cache off) from the
repository's top, with NO_COLOR, 100 columns and a fixed ``--as-of`` wherever a
command takes one, so that the record does not move with the calendar. A run is
recorded as the SHA-256 of its exit code, standard output and standard error.
tests/test_outputs.py holds the code to the record; when an output changes on
purpose, record again and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "outputs.json"
AS_OF = "2026-01-01"
CHECK_FORMATS = ("text", "json", "concise", "github", "sarif", "junit", "gitlab", "rdjson")


def runs() -> Iterator[list[str]]:
    """The command lines, relative to the repository's top."""
    fixtures = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "tests" / "fixtures").iterdir()
        if p.suffix in (".yaml", ".yml")
    )
    for fixture in fixtures:
        yield ["check", fixture, "--format", "json", "--as-of", AS_OF]
        yield ["summary", fixture, "--format", "json", "--as-of", AS_OF]
    for fmt in CHECK_FORMATS:
        yield ["check", "ledgers", "--format", fmt, "--as-of", AS_OF]
    for fmt in ("text", "json", "markdown", "csv"):
        yield ["summary", "ledgers", "--format", fmt, "--as-of", AS_OF]
    for claim in _claims():
        for fmt in ("text", "json"):
            yield ["show", claim, "ledgers", "--format", fmt, "--as-of", AS_OF]
    for fmt in ("text", "json", "csv", "markdown"):
        yield ["matrix", "crocus-perpetrator", "--format", fmt, "--as-of", AS_OF]
    for fmt in ("dot", "mermaid", "svg"):
        yield ["graph", "ledgers", "--format", fmt, "--as-of", AS_OF]
    yield ["rules"]
    yield ["rules", "--format", "json"]
    yield ["schema"]


def _claims() -> list[str]:
    from claimlog.ledgerset import load_set

    return sorted(load_set(["ledgers"], ROOT).claims)


def record() -> dict[str, str]:
    """Each run's digest, by its command line."""
    from typer.testing import CliRunner

    from claimlog.cli import app

    saved = dict(os.environ)
    os.environ.update(NO_COLOR="1", COLUMNS="100", CLAIMLOG_NO_CACHE="1")
    os.environ.pop("GITHUB_ACTIONS", None)
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        out: dict[str, str] = {}
        for argv in runs():
            done = CliRunner().invoke(app, argv)
            digest = hashlib.sha256()
            for part in (str(done.exit_code), done.stdout, done.stderr):
                digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
            out[" ".join(argv)] = digest.hexdigest()
        return out
    finally:
        os.chdir(here)
        os.environ.clear()
        os.environ.update(saved)


def main(argv: list[str]) -> int:
    now = record()
    if argv == ["--write"]:
        RECORD.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {len(now)} runs in {RECORD.relative_to(ROOT)}")
        return 0
    kept = json.loads(RECORD.read_text(encoding="utf-8"))
    changed = sorted(k for k in now.keys() | kept.keys() if now.get(k) != kept.get(k))
    for line in changed:
        print(f"changed: claimlog {line}")
    print(f"{len(now) - len(changed)} of {len(now)} runs as recorded")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
