"""``claimlog add`` in a real terminal of 40, 60 and 80 columns (tmux), driven key by
key: its own text (the intro, each field's meaning, the reasons an answer is refused)
wraps at spaces to the width, as ``check``, ``show`` and ``summary`` do; the entry it
will write is shown whole, as it will be written. (.ci/run installs tmux.)

A tour at 80 columns saw the intro hard-wrapped at 86 ("...Tab completes ids a" / "nd"),
and at 60 and 40 every meaning, refusal and preview line broken inside a word."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import FIXTURES

BRIDGE = FIXTURES / "authoring" / "bridge.yaml"
LONG_ID = "video-lists-names-other-alleged-spies"
SUMMARY = "Video lists names of other alleged spies working for the ministry in the capital"


class Pane:
    """A tmux pane running one command, read back with wrapped lines joined."""

    def __init__(self, name: str) -> None:
        self.name = name

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.name, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return done.stdout

    def lines(self) -> list[str]:
        text = self.tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", self.name)
        return [line.rstrip() for line in text.splitlines()]

    def wait_for(self, text: str) -> None:
        """Until the last line that is not empty ends with ``text`` (a prompt)."""
        for _ in range(300):
            shown = [line for line in self.lines() if line]
            if shown and shown[-1].endswith(text.rstrip()):
                return
            time.sleep(0.05)
        pytest.fail(f"no prompt {text!r}; the screen:\n" + "\n".join(self.lines()))

    def answer(self, prompt: str, text: str) -> None:
        self.wait_for(prompt)
        if text:
            self.tmux("send-keys", "-t", self.name, "-l", text)
        self.tmux("send-keys", "-t", self.name, "Enter")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "ledgers").mkdir()
    shutil.copyfile(BRIDGE, tmp_path / "ledgers" / "bridge.yaml")
    return tmp_path


def pane(tree: Path, width: int, args: list[str]) -> Iterator[Pane]:
    assert shutil.which("tmux"), "tmux is needed (.ci/run installs it)"
    name = f"claimlog-add-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}
    env |= {"INPUTRC": os.devnull, "HOME": str(tree), "NO_COLOR": "1"}
    command = subprocess.list2cmdline([sys.executable, "-m", "claimlog", *args])
    shell = f"cd {tree} && {command}; echo '=== done ==='; sleep 60"
    subprocess.run(
        ["tmux", "-L", name, "-f", os.devnull, "new-session", "-d", "-s", name, "-x",
         str(width), "-y", "50", shell],
        check=True, env=env, timeout=30, capture_output=True,
    )  # fmt: skip
    try:
        shown = Pane(name)
        shown.tmux("set-option", "-t", name, "history-limit", "20000")
        yield shown
    finally:
        subprocess.run(["tmux", "-L", name, "kill-server"], capture_output=True)


def run_add(tree: Path, width: int) -> list[str]:
    """An evidence item typed in: a long summary (so a long id), a URL refused, then
    declined at the preview. The screen, wrapped lines joined."""
    for screen in pane(tree, width, ["add", "evidence", "--file", "ledgers/bridge.yaml"]):
        screen.answer("summary: ", SUMMARY)
        screen.answer(f"id [{LONG_ID}]: ", "")
        screen.answer("source [ministry-x]: ", "")
        screen.answer("via [reuters]: ", "-")
        screen.answer("stance, claim id (Enter when done): ", "bridge-by-y")
        screen.answer("stance on bridge-by-y: ", "supports")
        screen.answer("stance, claim id (Enter when done): ", "")
        for prompt in ("credibility [4]: ", "kind [statement]: ", "date [2024-05-03]: "):
            screen.answer(prompt, "")
        screen.answer("url: ", "example.org/a-report-on-the-spies")
        screen.answer("url: ", "")
        for field in ("archive_url", "sha256", "quote", "test", "based_on", "notes"):
            screen.answer(f"{field}: ", "")
        screen.answer("Add it? [y/n]: ", "n")
        screen.wait_for("=== done ===")
        lines = screen.lines()
    return lines[: lines.index("=== done ===")]


def _typed(line: str) -> bool:
    """A prompt and the answer typed after it (the terminal's to wrap)."""
    return bool(re.match(r"(?:[a-z_]+(?: \[[^\]]*\])?|stance[^:]*|Add it\? \[y/n\]):(?: |$)", line))


def _meanings(lines: list[str]) -> list[str]:
    """The meanings of the fields, each folded one joined again: runs of '# ' lines."""
    out: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("# "):
            run.append(line[2:])
        elif run:
            out.append(" ".join(run))
            run = []
    return out


@pytest.mark.parametrize("width", [40, 60, 80])
def test_add_wraps_its_own_text_to_the_terminal(tree: Path, width: int) -> None:
    lines = run_add(tree, width)
    start = lines.index(f"  - id: {LONG_ID}")
    end = lines.index(next(line for line in lines if line.startswith("Add it?")))
    entry = [line for line in lines[start:end] if line]
    ours = [line for line in lines[:start] + lines[end:] if not _typed(line)]
    # every line of add's own text within the width (a line broken by the terminal
    # comes back joined, longer than the width)
    too_long = [line for line in ours if cell_len(line) > width]
    assert not too_long, too_long[:3]
    # and broken at spaces only: the intro, a meaning, a refusal read whole when joined
    prose = " ".join(" ".join(ours).split())
    assert (
        "Adding an evidence item to ledgers/bridge.yaml. Each prompt follows a line on the "
        "field's meaning; Enter takes the [default], '-' leaves an optional field out, Tab "
        "completes ids and values; Ctrl-C stops without writing anything."
    ) in prose
    assert (
        "! url: 'example.org/a-report-on-the-spies' is not an absolute http:// or https:// "
        "URL with a host and no spaces"
    ) in prose
    assert "To be added to the evidence of ledgers/bridge.yaml:" in prose
    # a meaning folded over several lines goes on as a comment, each line whole words
    meanings = _meanings(lines[:start])
    assert "Unique id of the item across the ledger set [required]" in meanings
    assert (
        "Evidence ids whose observation or statement this item rests on: one line of reporting "
        "with them, whatever its source (comma-separated ids)"
    ) in meanings
    # the entry exactly as it will be written, each line whole
    assert entry[:3] == [
        f"  - id: {LONG_ID}",
        "    summary: >-",
        "      Video lists names of other alleged spies working for the ministry in the",
    ]
    assert "Nothing written." in lines
