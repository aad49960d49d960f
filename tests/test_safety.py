"""Hostile ledgers: nothing runs, nothing explodes, nothing reaches the terminal raw.

Ledger files are written by other people. Reading one must never run code or read
other files (YAML tags), never take unbounded time or memory (aliases, nesting, size),
and never let text from the file drive the terminal (escape sequences, bidi controls,
rich markup).
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from claimlog.loader import MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES
from conftest import CLEAN_LEDGER, Run, findings, run, write

SGR = re.compile(r"\x1b\[[0-9;]*m")
# What must never reach a terminal raw: C0 controls but newline, DEL, C1 controls and
# the Unicode bidirectional controls.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]", re.UNICODE
)


def codes(result: Run) -> list[str]:
    return [d["code"] for d in result.json()["diagnostics"]]


# --- tags: nothing runs --------------------------------------------------------------


def _payloads(target: Path) -> str:
    """A ledger whose tags, if honoured, create files and directories under ``target``."""
    return f"""\
title: Tagged payloads
sources:
  - id: src-a
    name: !!python/object/apply:os.mkdir ["{target}/name-dir"]
claims:
  - id: claim-a
    statement: Something happened.
evidence:
  - id: ev-a
    summary: A report that it happened.
    source: src-a
    stance:
      claim-a: supports
meta:
  apply: !!python/object/apply:builtins.open ["{target}/apply-file", "w"]
  mapping-form: !!python/object/apply:os.mkdir
    args: ["{target}/mapping-dir"]
  name: !!python/name:os.system
  module: !!python/module:os
  new: !!python/object/new:builtins.bytearray [16]
  ? !!python/object/apply:os.mkdir ["{target}/key-dir"]
  : value
  local: !custom tagged
"""


PAYLOAD_LINES = [4, 15, 16, 18, 19, 20, 21, 23]
PAYLOAD_FILES = ["name-dir", "apply-file", "mapping-dir", "key-dir"]


def test_payloads_are_live(tmp_path: Path) -> None:
    """The control: an unsafe YAML loader does run these payloads."""
    text = _payloads(tmp_path).replace("  local: !custom tagged\n", "")
    loaded = yaml.unsafe_load(text)
    loaded["meta"]["apply"].close()
    for name in PAYLOAD_FILES:
        assert (tmp_path / name).exists(), name


@pytest.mark.parametrize("command", [["check", "--format", "json"], ["summary"]])
def test_tags_are_reported_and_never_run(tmp_path: Path, command: list[str]) -> None:
    ledger = write(tmp_path / "work" / "payload.yaml", _payloads(tmp_path))
    result = run([*command, ledger.name], ledger.parent)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.code == 1
    for name in PAYLOAD_FILES:
        assert not (tmp_path / name).exists(), f"a YAML tag ran: {name} was created"
    if command[0] == "check":
        got = set(findings(result.json()))
        tags = {("CL006", "payload.yaml", line, col) for line, col in _tag_columns()}
        assert {g for g in got if g[0] == "CL006"} == tags
        # What the tagged nodes are, read as plain data: a list where a name is expected,
        # a list used as a key. Nothing else.
        assert got - tags == {("CL103", "payload.yaml", 4, 11), ("CL014", "payload.yaml", 21, 5)}


def _tag_columns() -> list[tuple[int, int]]:
    text = _payloads(Path("/t")).splitlines()
    return [(n, text[n - 1].index("!") + 1) for n in PAYLOAD_LINES]


def test_tag_directive_shorthand_is_reported(cli, tmp_path: Path) -> None:
    text = (
        "%TAG !py! tag:yaml.org,2002:python/object/apply:\n"
        "---\n" + CLEAN_LEDGER + f'meta:\n  x: !py!os.mkdir ["{tmp_path}/directive-dir"]\n'
    )
    write(tmp_path / "directive.yaml", text)
    result = cli(["check", "--format", "json", "directive.yaml"], tmp_path)
    assert findings(result.json()) == [("CL006", "directive.yaml", 17, 6)]
    assert not (tmp_path / "directive-dir").exists()


# --- aliases: no expansion -------------------------------------------------------------


def test_billion_laughs_is_refused_quickly(cli, tmp_path: Path) -> None:
    levels = 40  # fully expanded: 2**40 strings
    lines = ["title: Laughs", "meta:", '  l0: &l0 ["lol", "lol"]']
    lines += [f"  l{i}: &l{i} [*l{i - 1}, *l{i - 1}]" for i in range(1, levels)]
    write(tmp_path / "laughs.yaml", "\n".join(lines) + "\n")
    write(tmp_path / "claimlog.toml", "max-findings-per-rule = 0\n")  # every finding
    start = time.monotonic()
    result = cli(["check", "--format", "json", "laughs.yaml"], tmp_path)
    elapsed = time.monotonic() - start
    assert elapsed < 5
    assert result.code == 1
    # One finding per anchor and per alias: linear in the file, not in the expansion.
    assert codes(result) == ["CL004"] * (levels + 2 * (levels - 1))


def test_many_aliases_of_one_big_value_are_bounded(cli, tmp_path: Path) -> None:
    count = 20_000
    big = "[" + ", ".join(["lol"] * 1000) + "]"
    text = (
        f"title: Quadratic\nmeta:\n  big: &big {big}\n  many: ["
        + ", ".join(["*big"] * count)
        + "]\n"
    )
    write(tmp_path / "many.yaml", text)
    write(tmp_path / "claimlog.toml", "max-findings-per-rule = 0\n")  # every finding
    start = time.monotonic()
    result = cli(["check", "--format", "json", "many.yaml"], tmp_path)
    assert time.monotonic() - start < 10
    # the anchor, MAX_ALIASES aliases, then one finding: the rest of the file is not read
    assert codes(result) == ["CL004"] * (1 + MAX_ALIASES + 1)
    last = result.json()["diagnostics"][-1]["message"]
    assert last == f"more than {MAX_ALIASES:,} aliases; the rest of the file is not read"


# --- nesting: bounded, no recursion ----------------------------------------------------

DEPTH = 10_000

NESTED = {
    "flow-sequence": "meta: " + "[" * DEPTH + "]" * DEPTH + "\n",
    "flow-mapping": "meta: " + "{a: " * DEPTH + "x" + "}" * DEPTH + "\n",
    "flow-unclosed": "meta: " + "[" * DEPTH + "\n",
    "block-sequence": "meta:\n  " + "- " * DEPTH + "x\n",
    "mixed": "meta:\n  " + "- " * 100 + "[{a: " * DEPTH + "x" + "}]" * DEPTH + "\n",
}


@pytest.mark.parametrize("name", sorted(NESTED))
def test_deep_nesting_is_refused_without_recursion(cli, tmp_path: Path, name: str) -> None:
    write(tmp_path / "deep.yaml", CLEAN_LEDGER + NESTED[name])
    start = time.monotonic()
    result = cli(["check", "--format", "json", "deep.yaml"], tmp_path)  # re-raises errors
    assert time.monotonic() - start < 5
    assert result.code == 1
    (finding,) = result.json()["diagnostics"]
    # An unclosed flow collection is also a syntax error, which the parser may meet
    # first (it scans ahead for a possible key): either finding refuses the file.
    assert finding["code"] == "CL011" or (name == "flow-unclosed" and finding["code"] == "CL001")
    assert finding["line"] == (14 if NESTED[name].startswith("meta: ") else 15)


def test_deep_nesting_in_a_subprocess_has_no_traceback(tmp_path: Path) -> None:
    for name, text in NESTED.items():
        write(tmp_path / f"{name}.yaml", CLEAN_LEDGER.replace("src-a", f"src-{name}") + text)
    result = run(["check", "--format", "json", "."], tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    assert "RecursionError" not in result.stdout + result.stderr
    assert result.stderr == ""
    assert sorted(codes(result)) in (
        ["CL011"] * len(NESTED),
        ["CL001"] + ["CL011"] * (len(NESTED) - 1),  # flow-unclosed: see above
    )


@pytest.mark.parametrize(("lists", "too_deep"), [(MAX_DEPTH - 2, False), (MAX_DEPTH - 1, True)])
def test_depth_limit_boundary(cli, tmp_path: Path, lists: int, too_deep: bool) -> None:
    # The root mapping and `meta` are two levels, so n nested lists are n + 2 levels.
    nested = "[" * lists + "]" * lists
    write(tmp_path / "d.yaml", CLEAN_LEDGER + f"meta:\n  nested: {nested}\n")
    result = cli(["check", "--format", "json", "d.yaml"], tmp_path)
    assert codes(result) == (["CL011"] if too_deep else [])


# --- size: bounded ---------------------------------------------------------------------


def test_a_scalar_over_the_file_limit_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.write(b'title: "')
        chunk = b"x" * (1 << 20)
        for _ in range(MAX_FILE_BYTES >> 20):
            fh.write(chunk)
        fh.write(b'"\n')
    assert path.stat().st_size > MAX_FILE_BYTES
    start = time.monotonic()
    result = cli(["check", "--format", "json", "huge.yaml"], tmp_path)
    assert time.monotonic() - start < 5
    assert findings(result.json()) == [("CL012", "huge.yaml", 1, 1)]
    assert result.code == 1


def test_large_scalar_under_the_limit_is_read_in_bounded_time(cli, tmp_path: Path) -> None:
    path = tmp_path / "large.yaml"
    body = CLEAN_LEDGER + 'description: "'
    path.write_text(body + "y" * (MAX_FILE_BYTES - len(body) - 3) + '"\n', encoding="ascii")
    assert path.stat().st_size < MAX_FILE_BYTES
    start = time.monotonic()
    result = cli(["check", "--format", "json", "large.yaml"], tmp_path)
    # About 5 s for 256 MiB here: linear; quadratic work would take hours. The bound is
    # 0.12 s a MiB, tighter than the 10 s for 16 MiB (0.6 s a MiB) of the old file limit.
    assert time.monotonic() - start < 30
    assert result.code == 0
    assert codes(result) == []


# --- terminal safety --------------------------------------------------------------------

# Text from the ledger reaches messages through unknown field names (CL102), malformed
# ids (CL105), group names (CL404, message and did-you-mean hint). Double-quoted YAML
# escapes put the raw characters into the values.
HOSTILE = r"""title: Hostile text
sources:
  - id: src-a
    name: Source A
    "colour\e[31m": red
    "x\e]0;pwned title\a": 1
    "\x9b2J": 2
    "\u202Egnp.exe": 3
    "[bold red]x[/]": 4
    "[link=http://evil.example]click[/link]": 5
  - id: "\e[2Jbad"
    name: B
claims:
  - id: claim-a
    statement: One.
    group: "\e[31mred-group"
  - id: claim-b
    statement: Two.
    group: "\e[31mred-groups"
evidence:
  - id: ev-a
    summary: A report.
    source: src-a
    stance: {claim-a: supports, claim-b: supports}
"""
# Raw (not escaped) bidi controls are allowed in YAML text, so they reach the excerpt
# line of the text output as typed.
RAW_BIDI = CLEAN_LEDGER + "  - id: ev\u202eb\n    summary: s\n    source: src-a\n"

# (the exact text in the message or hint, how the text output must show it)
SHOWN = [
    ("colour\x1b[31m", r"colour\x1b[31m"),
    ("x\x1b]0;pwned title\x07", r"x\x1b]0;pwned title\x07"),
    ("\x9b2J", r"\x9b2J"),
    ("\u202egnp.exe", r"\u202egnp.exe"),
    ("[bold red]x[/]", "[bold red]x[/]"),
    ("[link=http://evil.example]click[/link]", "[link=http://evil.example]click[/link]"),
    ("\x1b[2Jbad", r"\x1b[2Jbad"),
    ("\x1b[31mred-group", r"\x1b[31mred-group"),
    ("\x1b[31mred-groups", r"\x1b[31mred-groups"),
]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    write(tmp_path / "hostile.yaml", HOSTILE)
    write(tmp_path / "bidi.yaml", RAW_BIDI)
    return tmp_path


def test_json_carries_the_exact_text(hostile: Path) -> None:
    result = run(["check", "--format", "json", "hostile.yaml"], hostile)
    assert result.code == 1
    assert not UNSAFE.search(result.stdout), "a raw control character in JSON output"
    report = json.loads(result.stdout)
    texts = " ".join(f"{d['message']} {d['hint']}" for d in report["diagnostics"])
    for exact, _ in SHOWN:
        assert exact in texts
    assert sorted(set(codes(result))) == ["CL102", "CL105", "CL404"]


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_text_shows_control_characters_literally(hostile: Path, fmt: str) -> None:
    result = run(["check", "--format", fmt, "hostile.yaml", "bidi.yaml"], hostile)
    assert result.code == 1
    out = result.stdout
    assert "\x1b" not in out
    assert not UNSAFE.search(out), repr(UNSAFE.search(out))
    for _, shown in SHOWN:
        assert shown in out
    assert r"ev\u202eb" in out  # from bidi.yaml: message, and excerpt line in text
    if fmt == "text":
        assert r"  - id: ev\u202eb" in out


def test_colour_output_has_only_claimlog_sgr_sequences(hostile: Path) -> None:
    plain = run(["check", "hostile.yaml", "bidi.yaml"], hostile)
    coloured = run(
        ["check", "--color", "always", "hostile.yaml", "bidi.yaml"],
        hostile,
        env={"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "300"},
    )
    assert coloured.code == plain.code == 1
    assert SGR.search(coloured.stdout), "no colour at all: the test would prove nothing"
    stripped = SGR.sub("", coloured.stdout)
    assert "\x1b" not in stripped
    assert not UNSAFE.search(stripped)
    assert stripped == plain.stdout


def _run_in_pty(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run ``python -m claimlog ARGS`` with its stdout on a pseudo-terminal."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimlog", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    code = proc.wait(timeout=60)
    assert proc.stderr is not None
    assert proc.stderr.read() == b""
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pty")
def test_on_a_real_terminal_only_claimlog_colours_it(hostile: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")
    }
    env.update(TERM="xterm-256color", COLUMNS="300")
    code, out = _run_in_pty(["check", "hostile.yaml", "bidi.yaml"], hostile, env)
    assert code == 1
    assert SGR.search(out), "claimlog did not colour its output on a terminal"
    stripped = SGR.sub("", out)
    assert "\x1b" not in stripped
    assert not UNSAFE.search(stripped)
    for _, shown in SHOWN:
        assert shown in stripped
    # NO_COLOR turns colour off even on a terminal.
    code, out = _run_in_pty(["check", "hostile.yaml"], hostile, {**env, "NO_COLOR": "1"})
    assert code == 1
    assert "\x1b" not in out


def test_a_dumb_terminal_gets_no_colour_and_force_color_colours_a_pipe(hostile: Path) -> None:
    """A tour: TERM=dumb got escapes on a terminal, and FORCE_COLOR was ignored (the
    conventions of no-color.org and force-color.org; NO_COLOR wins over FORCE_COLOR)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")
    }
    env.update(COLUMNS="300", CLAIMLOG_NO_CACHE="1")
    code, out = _run_in_pty(["check", "hostile.yaml"], hostile, {**env, "TERM": "dumb"})
    assert code == 1
    assert "\x1b" not in out
    piped = run(["check", "hostile.yaml"], hostile, {"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert piped.code == 1
    assert SGR.search(piped.stdout)
    assert not UNSAFE.search(SGR.sub("", piped.stdout))
    both = run(["check", "hostile.yaml"], hostile, {"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b" not in both.stdout
    for off in ("0", "false"):  # as Node's tools read it (a review)
        code, out = _run_in_pty(["check", "hostile.yaml"], hostile, {**env, "FORCE_COLOR": off})
        assert code == 1
        assert "\x1b" not in out


def test_control_characters_in_file_names_are_shown_literally(tmp_path: Path) -> None:
    name = "evil\x1b[31m\u202e.yaml"
    write(tmp_path / name, CLEAN_LEDGER.replace("claim-a: supports", "claim-zz: supports"))
    text = run(["check", "."], tmp_path)
    assert text.code == 1
    assert "\x1b" not in text.stdout
    assert not UNSAFE.search(text.stdout)
    assert text.stdout.startswith("evil\\x1b[31m\\u202e.yaml:")
    report = run(["check", "--format", "json", "."], tmp_path).json()
    assert {d["path"] for d in report["diagnostics"]} == {name}


@pytest.mark.parametrize(
    "args",
    [
        ["check", "missing\x1b[31m\u202e.yaml"],
        ["check", "--select", "\x1b]0;title\x07", "x.yaml"],
        ["rules", "\x1b[2J\x9b"],
    ],
    ids=["path", "selector", "rule"],
)
def test_control_characters_in_arguments_are_shown_literally(
    tmp_path: Path, args: list[str]
) -> None:
    write(tmp_path / "x.yaml", CLEAN_LEDGER)
    result = run(args, tmp_path)
    assert result.code == 2
    assert result.stderr.startswith("claimlog: ")
    assert "\\x1b" in result.stderr
    assert not UNSAFE.search(result.stderr), repr(result.stderr)
