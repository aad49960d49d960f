"""Keep command output in the docs real: fill or verify marked blocks.

A block in a Markdown file looks like::

    <!-- run: claimlog check --format concise ledgers -->
    ```text
    ...output...
    ```

``<!-- run: COMMAND | lines=N -->`` keeps the first N lines;
``<!-- run: COMMAND | json=a.0.b -->`` shows one part of JSON output. ``<!-- run-diff-example -->``
runs ``claimlog diff`` on a scripted change in a throwaway git repository (fixed
dates, so the commit hash is the same on every machine). Commands run from the
project root with colour off.

    python scripts/docblocks.py docs/ci.md           # rewrite the blocks
    python scripts/docblocks.py --check docs/ci.md   # exit 1 if a block is stale
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(
    r"(?P<marker><!-- (?P<kind>run|run-diff-example)(?::\s*(?P<command>[^>]*?))?\s*-->\n)"
    r"(?P<fence>(?P<ticks>`{3,})[a-z]*\n)(?P<body>.*?)(?P<close>(?P=ticks)\n)",
    re.DOTALL,
)
DIFF_EDIT = (
    "ledgers/crocus-2024.yaml",
    "    parties: [islamic-state, russian-government, us-government]\n    notes: >-\n"
    "      About the authenticity",
    "    parties: [islamic-state, russian-government]\n    notes: >-\n      About the authenticity",
)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_"))}
    env.update({"NO_COLOR": "1", "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"})
    return env


def _claimlog(args: list[str], cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "claimlog", *args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.stdout


def run(command: str) -> str:
    words, _, option = command.partition("|")
    args = shlex.split(words)
    assert args[0] == "claimlog", command
    out = _claimlog(args[1:], ROOT)
    lines = re.fullmatch(r"\s*lines=(\d+)\s*", option)
    if lines:
        kept = out.splitlines(keepends=True)
        out = "".join(kept[: int(lines.group(1))]) + "...\n"
    pick = re.fullmatch(r"\s*json=([\w.]+)\s*", option)
    if pick:
        value = json.loads(out)
        for part in pick.group(1).split("."):
            value = value[int(part)] if part.isdigit() else value[part]
        out = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    return out


def diff_example() -> str:
    path, old, new = DIFF_EDIT
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(ROOT / "ledgers", repo / "ledgers")
        env = _env()
        env.update(
            {
                "GIT_CONFIG_GLOBAL": os.devnull,
                "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_DATE": "2024-03-25T12:00:00+00:00",
                "GIT_COMMITTER_DATE": "2024-03-25T12:00:00+00:00",
            }
        )
        git = ["git", "-c", "user.name=claimlog", "-c", "user.email=docs@example.org"]
        for args in (
            ["init", "-q", "-b", "main"],
            ["add", "-A"],
            ["commit", "-q", "-m", "ledgers"],
        ):
            subprocess.run([*git, *args], cwd=repo, env=env, check=True, capture_output=True)
        text = (repo / path).read_text(encoding="utf-8")
        assert old in text, "the diff example's edit no longer applies: update DIFF_EDIT"
        (repo / path).write_text(text.replace(old, new, 1), encoding="utf-8")
        return _claimlog(["diff", "HEAD", "--format", "markdown"], repo)


def fill(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        body = run(match["command"]) if match["kind"] == "run" else diff_example()
        return match["marker"] + match["fence"] + body + match["close"]

    return BLOCK.sub(replace, text)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name in (a for a in argv if a != "--check"):
        path = ROOT / name
        text = path.read_text(encoding="utf-8")
        filled = fill(text)
        if filled != text:
            stale.append(name)
            if not check:
                path.write_text(filled, encoding="utf-8")
    if check and stale:
        print(f"stale command output in: {', '.join(stale)} (run 'make docs')", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
