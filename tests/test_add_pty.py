"""``claimlog add`` in a real pseudo-terminal (pexpect): the prompts, tab completion of
ids through readline, re-asking on a bad answer with the did-you-mean, the preview, the
entry appended and the file still clean; declining leaves the file byte for byte."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from conftest import FIXTURES, run

BRIDGE = FIXTURES / "authoring" / "bridge.yaml"
CLAIMLOG = Path(sys.executable).parent / "claimlog"
"""The installed entry point beside the interpreter running the tests (.venv/bin)."""
TIMEOUT = 30


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    """A copy of the small ledger, in a tree of its own."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "ledgers").mkdir()
    path = tmp_path / "ledgers" / "bridge.yaml"
    shutil.copyfile(BRIDGE, path)
    return path


def spawn(ledger: Path) -> pexpect.spawn:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(ledger.parent.parent),
        "TERM": "dumb",
        "INPUTRC": "/dev/null",  # no user key bindings
        "LANG": "C.UTF-8",
    }
    child = pexpect.spawn(
        str(CLAIMLOG),
        ["add", "evidence", "--file", "ledgers/bridge.yaml"],
        cwd=ledger.parent.parent,
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 200),
    )
    return child


@pytest.fixture
def child(ledger: Path) -> Iterator[pexpect.spawn]:
    proc = spawn(ledger)
    yield proc
    if proc.isalive():
        proc.terminate(force=True)


def answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.sendline(text)


def test_add_in_a_terminal(child: pexpect.spawn, ledger: Path) -> None:
    child.expect_exact("Adding an evidence item to ledgers/bridge.yaml.")
    answer(child, "summary: ", "Reuters saw shell craters on the bridge.")
    child.expect_exact("# Unique id of the item across the ledger set [required]")
    answer(child, "id [reuters-saw-shell-craters-bridge]: ", "craters")
    # the previous item's source is the default; Tab completes another source's id
    child.expect_exact("source [ministry-x]: ")
    child.send("reu\t")
    child.expect_exact("reuters")
    child.sendline("")
    # the previous item's via, [reuters], is no default: reuters is this item's source
    # now, which a relay may not be (a tour took the default and was refused); an
    # unknown id is asked again, with the did-you-mean
    answer(child, "via: ", "ministry-y")
    child.expect_exact(
        "! via: no source 'ministry-y' in the ledger set; did you mean 'ministry-x'?"
    )
    answer(child, "via: ", "-")
    # Tab completes a claim id
    child.expect_exact("stance, claim id (Enter when done): ")
    child.send("bri\t")
    child.expect_exact("bridge-by-y")
    child.sendline("")
    answer(child, "stance on bridge-by-y: ", "supports")
    answer(child, "stance, claim id (Enter when done): ", "")
    # a bad grade is asked again
    answer(child, "credibility [4]: ", "7")
    child.expect_exact("! credibility: '7' is not a grade from 1 to 6")
    answer(child, "credibility [4]: ", "2")
    answer(child, "kind [statement]: ", "observation")
    answer(child, "date [2024-05-03]: ", "")
    for field in ("url", "archive_url", "sha256", "quote", "test", "based_on", "notes"):
        answer(child, f"{field}: ", "")
    # the preview
    child.expect_exact("To be added to the evidence of ledgers/bridge.yaml:")
    for line in (
        "  - id: craters",
        "    summary: Reuters saw shell craters on the bridge.",
        "    source: reuters",
        "      bridge-by-y: supports",
        "    credibility: 2",
        "    kind: observation",
        "    date: 2024-05-03",
    ):
        child.expect_exact(line)
    answer(child, "Add it? [y/n]: ", "y")
    child.expect_exact("Added evidence 'craters' to ledgers/bridge.yaml.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    text = ledger.read_text(encoding="utf-8")
    assert (
        "    date: 2024-05-03\n"
        "  - id: craters\n"
        "    summary: Reuters saw shell craters on the bridge.\n"
        "    source: reuters\n"
        "    stance:\n"
        "      bridge-by-y: supports\n"
        "    credibility: 2\n"
        "    kind: observation\n"
        "    date: 2024-05-03\n"
        "\n# The end of the file.\n"
    ) in text
    assert text.startswith(BRIDGE.read_text(encoding="utf-8").split("\n# The end")[0])
    checked = run(["check", "ledgers"], cwd=ledger.parent.parent)
    assert checked.code == 0, checked.stdout
    assert "No findings in 1 file." in checked.stdout


def test_declining_leaves_the_file_byte_identical(child: pexpect.spawn, ledger: Path) -> None:
    before = ledger.read_bytes()
    answer(child, "summary: ", "Something else.")
    answer(child, "id [something-else]: ", "")
    answer(child, "source [ministry-x]: ", "")
    answer(child, "via [reuters]: ", "")
    answer(child, "stance, claim id (Enter when done): ", "bridge-by-y")
    answer(child, "stance on bridge-by-y: ", "neutral")
    answer(child, "stance, claim id (Enter when done): ", "")
    for field in ("credibility [4]", "kind [statement]", "date [2024-05-03]"):
        answer(child, f"{field}: ", "")
    for field in ("url", "archive_url", "sha256", "quote", "test", "based_on", "notes"):
        answer(child, f"{field}: ", "")
    child.expect_exact("    via: [reuters]")
    answer(child, "Add it? [y/n]: ", "maybe")
    child.expect_exact("! answer y or n")
    answer(child, "Add it? [y/n]: ", "n")
    child.expect_exact("Nothing written.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert ledger.read_bytes() == before


def test_ctrl_c_stops_without_writing(child: pexpect.spawn, ledger: Path) -> None:
    before = ledger.read_bytes()
    answer(child, "summary: ", "Half an entry.")
    child.expect_exact("id [half-entry]: ")
    child.sendintr()
    child.expect_exact("claimlog: stopped; nothing written")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert ledger.read_bytes() == before
