"""The README's tour reproduces on a fresh clone, byte for byte.

The fenced blocks of the tour (``## A short tour``) are its script, in order:

* a ``yaml`` block whose first line is ``# PATH`` is a file of the repository: it must
  be there, exactly as shown;
* a ``diff`` block is an edit of that file: its ``-`` lines become its ``+`` lines;
* a ``console`` block holds commands (``$ claimlog ...``), each followed by what it
  prints (standard error, then standard output).

They run in a copy of the work tree, the commands with the .venv's ``claimlog`` as a
real subprocess (NO_COLOR, an 80-column terminal, not under GitHub Actions), and each
command must print exactly what the README shows (trailing spaces aside). ``sh`` blocks
are illustrations and are not run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

from conftest import REPO

README: Final = REPO / "README.md"
CLAIMLOG: Final = Path(sys.executable).parent / "claimlog"
FENCE: Final = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Block:
    info: str
    """The fence's info string: yaml, diff, console, sh, ..."""
    text: str


def tour_blocks() -> list[Block]:
    readme = README.read_text(encoding="utf-8")
    start = readme.index("\n## A short tour\n")
    end = readme.find("\n## ", start + 1)
    section = readme[start : end if end != -1 else len(readme)]
    return [Block(m.group(1), m.group(2)) for m in FENCE.finditer(section)]


def commands(block: Block) -> list[tuple[str, str]]:
    """(command, the output shown after it) of each ``$ ...`` line of a console block."""
    runs: list[tuple[str, list[str]]] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            runs.append((line[2:], []))
        else:
            assert runs, f"output before any command: {line!r}"
            runs[-1][1].append(line)
    return [(command, "".join(f"{line}\n" for line in shown)) for command, shown in runs]


def claimlog(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(command)
    assert argv[0] == "claimlog", f"the tour runs claimlog only: {command}"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "CLICOLOR_FORCE", "GITHUB_ACTIONS", "COLUMNS", "LINES")
    }
    env.update(NO_COLOR="1", COLUMNS="80", LINES="24", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [str(CLAIMLOG), *argv[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def trimmed(text: str) -> str:
    return "".join(f"{line.rstrip()}\n" for line in text.splitlines())


def apply_diff(path: Path, block: Block) -> None:
    lines = block.text.splitlines()
    assert all(line[:1] in "+-" for line in lines), "only + and - lines in a tour diff"
    old = "".join(f"{line[1:]}\n" for line in lines if line.startswith("-"))
    new = "".join(f"{line[1:]}\n" for line in lines if line.startswith("+"))
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the diff's '-' lines are not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """The work tree as a fresh clone has it: no .venv or caches, and a git repository
    (a docs audit: `new` writes a shorter skeleton inside one, so the README's line
    numbers were those of a copy outside git)."""
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", "*.egg-info", ".*cache", ".hypothesis", "bench"
    )
    copy = tmp_path / "claimlog"
    shutil.copytree(REPO, copy, ignore=ignore)
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True, capture_output=True)
    return copy


def test_the_tour_has_a_script() -> None:
    infos = [block.info for block in tour_blocks()]
    assert infos.count("yaml") >= 1
    assert infos.count("console") >= 2
    assert "diff" in infos
    assert CLAIMLOG.is_file(), f"no claimlog next to {sys.executable}"


def test_the_tour_reproduces(clone: Path) -> None:
    ledger: Path | None = None
    ran = 0
    for block in tour_blocks():
        if block.info == "yaml" and block.text.startswith("# "):
            ledger = clone / block.text.splitlines()[0][2:].strip()
            assert ledger.is_file(), f"the tour shows {ledger.name}; the repository lacks it"
            assert ledger.read_text(encoding="utf-8") == block.text
        elif block.info == "diff":
            assert ledger is not None, "a diff before the file it edits"
            apply_diff(ledger, block)
        elif block.info == "console":
            for command, shown in commands(block):
                done = claimlog(command, clone)
                seen = done.stderr + done.stdout  # what --fix reports, then the report
                assert trimmed(seen) == trimmed(shown), command
                ran += 1
    assert ran >= 2


def test_the_tour_ledger_is_apart_from_the_samples(clone: Path) -> None:
    """The tour's folder holds only its ledger: its ids meet no other file's."""
    (block,) = [b for b in tour_blocks() if b.info == "yaml" and b.text.startswith("# ")]
    ledger = clone / block.text.splitlines()[0][2:].strip()
    assert ledger.parent != clone / "ledgers"
    assert sorted(p.name for p in ledger.parent.iterdir()) == [ledger.name]
