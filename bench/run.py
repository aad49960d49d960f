"""Benchmark ``claimlog check`` against the YAML parsing it is built on.

For each set size (default 500 and 2000 claims) this generates a ledger set with
``bench/gen.py`` under ``bench/out/set-<claims>`` and measures, as the wall time
of a real subprocess (best of N, median also shown):

  check        claimlog check --format json <dir>
  summary      claimlog summary <dir> (the table, piped) and --format json
  report       claimlog report <dir> -o <new folder> (the HTML site), and again into
               the folder it wrote (every page already there, byte for byte)
  event parse  python -c: for _ in yaml.parse(f, Loader=yaml.CLoader): pass, every file
  check-jsonschema       check-jsonschema --schemafile schema.json <files> (schema from
                         ``claimlog schema``) from this venv, whose ruamel.yaml has no
                         C parser (no ruamel.yaml.clib)
  check-jsonschema+clib  the same from .venv/bench-clib (requirements/bench-clib.lock:
                         the same versions plus ruamel.yaml.clib); each check-jsonschema
                         runs once when its first run takes over 10 s

and, inside this process (no interpreter start-up), ``load_set`` + ``run_checks``
as ``claimlog check`` calls them, against the same event parse and against plain
values built from it (dicts, lists and strings: no positions, no checks; reported as a
yardstick of what any Python reader of the files pays), with the time of each check.
The fixed cost of starting ``claimlog`` is the wall time of ``claimlog rules``, and of
importing what ``check`` needs.

Then start-up: ``claimlog check`` of one small file against yamllint, ``claimlog
--version`` against ``claimlog rules``, a warm re-run (the result cache) against a
cold one; and scale: ``claimlog check --format concise`` at 200, 2,000, 20,000 and
100,000 claims, each as the generated set (split into files) and as one file, with
wall time and the child's peak RSS (a file over the loader's limit is "refused").
The report ends with the table of issue 13's targets. Results: the tables on
standard output and ``bench/out/results.json``.

Usage: python bench/run.py [--sizes 500 2000] [--repeat 3] [--no-scale | --scale-max N]
       python bench/run.py --report-only | --startup-only | --scale-only

Every claimlog run is cold (``CLAIMLOG_NO_CACHE``), but for the warm re-runs of the
start-up section, which set the result cache against a cold run (issue 13).

``--report-only`` measures only ``summary`` and ``report`` (a minute at 2,000 claims)
and writes ``bench/out/results-report.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any, Final

import gen  # bench/gen.py: the script's own directory is on sys.path
import yaml
from measure import measure  # bench/measure.py

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
BIN = Path(os.path.abspath(sys.executable)).parent  # the venv's bin, symbolic links kept
CLAIMLOG = str(BIN / "claimlog")
CHECK_JSONSCHEMA = str(BIN / "check-jsonschema")
CLIB_BIN = BIN.parent / "bench-clib" / "bin"
"""The venv of ``make .venv/bench-clib/.installed`` (requirements/bench-clib.lock):
check-jsonschema and ruamel.yaml at dev.lock's versions, plus ruamel.yaml.clib."""
CHECK_JSONSCHEMA_CLIB = str(CLIB_BIN / "check-jsonschema")
SLOW = 10.0
"""Seconds: a check-jsonschema run slower than this is not repeated."""
PARSER_PROBE = """\
from importlib.metadata import PackageNotFoundError, version
import ruamel.yaml
try:
    clib = version('ruamel.yaml.clib')
except PackageNotFoundError:
    clib = None
print(ruamel.yaml.YAML(typ='safe').Parser.__name__, version('ruamel.yaml'), clib,
      version('check-jsonschema'))
"""
"""What ruamel.yaml parses with in a venv (``CParser`` with ruamel.yaml.clib, ``Parser``
without), and the versions that matter."""
PARSE_SCRIPT = """\
import sys, yaml
for p in sys.argv[1:]:
    with open(p, 'rb') as f:
        for _ in yaml.parse(f, Loader=yaml.CLoader):
            pass
"""

CHECK_READING = [CLAIMLOG, "check", "--select", "CL0,CL1", "--format", "json"]
"""``check`` of the rules of reading and validating alone (CL0xx: YAML and files, CL1xx:
schema and values): no rule over the whole set, no assessment. The floor of a ``check``
that loads as ``check`` does (:func:`reading_only`)."""

CHECK_IMPORTS = "import claimlog.cli, claimlog.checks, claimlog.ledgerset, claimlog.render.json"
"""The modules ``claimlog check --format json`` imports: its start-up without any work."""

# (name, numerator, denominator, target, direction): "le" means at most, "ge" at least;
# no target: the ratio is reported, not judged
RATIOS: list[tuple[str, str, str, float | None, str | None]] = [
    ("check / event parse", "check", "event_parse", 2.5, "le"),
    ("summary / event parse", "summary", "event_parse", None, None),
    ("check-jsonschema / check", "check_jsonschema", "check", 20.0, "ge"),
    ("check-jsonschema+clib / check", "check_jsonschema_clib", "check", None, None),
    ("check reading only / event parse", "check_reading", "event_parse", None, None),
    ("check-jsonschema / check reading only", "check_jsonschema", "check_reading", None, None),
    ("check-jsonschema / summary", "check_jsonschema", "summary", None, None),
    ("check-jsonschema+clib / summary", "check_jsonschema_clib", "summary", None, None),
    ("summary / check", "summary", "check", 1.2, "le"),
    ("summary --format json / check", "summary_json", "check", 1.2, "le"),
    ("report / summary", "report", "summary", 5.0, "le"),
    ("in-process check / event parse", "inproc_check", "inproc_event_parse", 2.5, "le"),
    ("in-process check / plain values", "inproc_check", "inproc_plain_values", None, None),
    ("in-process load_set / plain values", "inproc_load_set", "inproc_plain_values", None, None),
]


# --- measuring ---------------------------------------------------------------


class Timings:
    """Wall and CPU (user + system) times of repeated runs of several contenders.

    The contenders are run in interleaved rounds (A B C, A B C, ...) rather than
    one after the other (A A A, B B B, ...), so that a busy spell on a shared
    machine slows all of them alike instead of one of them.
    """

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}
        self.failed: dict[str, dict[str, Any]] = {}
        self.sizes: dict[str, int] = {"files": 0, "bytes": 0}
        """The files and bytes of the last report written."""

    def add(self, name: str, wall: float, cpu: float) -> None:
        self.wall.setdefault(name, []).append(wall)
        self.cpu.setdefault(name, []).append(cpu)

    def call(self, name: str, fn: Callable[[], object]) -> None:
        """Time ``fn()`` in this process."""
        cpu, wall = time.process_time(), time.perf_counter()
        fn()
        self.add(name, time.perf_counter() - wall, time.process_time() - cpu)

    def spawn(self, name: str, argv: Sequence[str]) -> bool:
        """Time a subprocess (output captured); a failing run is recorded, not retried."""
        if name in self.failed:
            return False
        cpu, wall = children_cpu(), time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, text=True, check=False)
        self.add(name, time.perf_counter() - wall, children_cpu() - cpu)
        if proc.returncode != 0:
            self.failed[name] = {
                "returncode": proc.returncode,
                "output": (proc.stdout + proc.stderr)[-4000:],
            }
            return False
        return True

    def result(self, name: str) -> dict[str, Any]:
        """Best and median wall time, and the best CPU time beside it."""
        wall, cpu = self.wall[name], self.cpu[name]
        out: dict[str, Any] = {
            "best": min(wall),
            "median": statistics.median(wall),
            "runs": wall,
            "cpu_best": min(cpu),
            "cpu_runs": cpu,
            "ok": name not in self.failed,
        }
        return out | self.failed.get(name, {})


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def event_parse(files: list[str]) -> None:
    for p in files:
        with open(p, "rb") as f:
            for _ in yaml.parse(f, Loader=yaml.CLoader):
                pass


def plain_values(files: list[str]) -> list[Any]:
    """The least a Python program does to see a file's values: the same event parse,
    each mapping a dict, each sequence a list, each scalar its text (no positions, no
    types, no checks). A yardstick for what building values costs on top of the parse
    (reported, not judged: the issue's target is the bare parse)."""
    events = yaml.events
    out: list[Any] = []
    for p in files:
        with open(p, "rb") as f:
            stack: list[Any] = []
            here: Any = None
            key: Any = None
            root: Any = None
            event: Any
            for event in yaml.parse(f, Loader=yaml.CLoader):
                kind = type(event)
                if kind is events.ScalarEvent:
                    if type(here) is dict:
                        if key is None:
                            key = event.value
                        else:
                            here[key], key = event.value, None
                    else:
                        here.append(event.value)
                elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                    new: Any = {} if kind is events.MappingStartEvent else []
                    if here is None:
                        root = new
                    elif type(here) is dict:
                        here[key], key = new, None
                    else:
                        here.append(new)
                    stack.append(here)
                    here = new
                elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                    here = stack.pop()
            out.append(root)
    return out


def in_process(directory: Path, files: list[str], repeat: int) -> dict[str, Any]:
    """``claimlog check`` timed inside this interpreter, as the CLI calls it:
    ``load_set`` (discover, parse, validate) then ``run_checks``; the event parse of
    the same files, and the plain values built from it (:func:`plain_values`); and
    each check on its own."""
    from claimlog.checks import CHECKS, CheckOptions, run_checks
    from claimlog.diagnostics import select_rules
    from claimlog.ledgerset import load_set

    enabled, _ = select_rules([], [])
    options = CheckOptions(today=date.today())
    t = Timings()
    per_check = Timings()
    for _ in range(repeat):
        # Freeze what is live (modules, this script): the cyclic GC then skips it, as it
        # would in a fresh interpreter, so that it does not tax load_set's allocations.
        gc.collect()
        gc.freeze()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        ledger_set = load_set([directory])
        cpu1, wall1 = time.process_time(), time.perf_counter()
        run_checks(ledger_set, options, enabled)
        cpu2, wall2 = time.process_time(), time.perf_counter()
        t.add("load_set", wall1 - wall0, cpu1 - cpu0)
        t.add("run_checks", wall2 - wall1, cpu2 - cpu1)
        t.add("check", wall2 - wall0, cpu2 - cpu0)
        # each check alone, on a fresh set (a set caches what checks compute on it)
        ledger_set = load_set([directory])
        for check, _codes in CHECKS:
            run = partial(check, ledger_set, options)
            per_check.call(check.__name__, lambda run=run: list(run()))
        del ledger_set
        gc.unfreeze()  # load_set froze what it loaded: collect it before the baseline
        gc.collect()
        gc.freeze()
        t.call("event_parse", lambda: event_parse(files))
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        gc.disable()  # as load_set does while it loads
        cpu0, wall0 = time.process_time(), time.perf_counter()
        kept = plain_values(files)  # kept past the timing, as load_set's values are
        t.add("plain_values", time.perf_counter() - wall0, time.process_time() - cpu0)
        del kept
        gc.enable()
        gc.unfreeze()
    out = {name: t.result(name) for name in t.wall}
    out["per_check"] = {name: per_check.result(name) for name in per_check.wall}
    return out


def spawn_report(t: Timings, directory: Path, k: int) -> Path:
    """Time ``claimlog report`` into a new folder ("report"), then again into the folder
    it wrote ("report_again": every page is there already, byte for byte). Returns the
    site's folder, which the caller removes once every round is done (see
    :func:`remove_sites`)."""
    site = OUT / f"site-{directory.name}-{k}"
    t.spawn("report", [CLAIMLOG, "report", str(directory), "-o", str(site)])
    t.spawn("report_again", [CLAIMLOG, "report", str(directory), "-o", str(site)])
    pages = len(os.listdir(site)) if site.is_dir() else 0
    size = sum(p.stat().st_size for p in site.iterdir()) if site.is_dir() else 0
    t.sizes = {"files": pages, "bytes": size}
    return site


def remove_sites() -> None:
    """Remove the sites of the report runs: all of them at once, before the rounds and
    after them, never between two (on this machine's file system, creating thousands of
    files just after thousands were deleted took up to 2 s of system time, which is not
    the report's own cost)."""
    for old in OUT.glob("site-*"):
        shutil.rmtree(old, ignore_errors=True)
    os.sync()


def measure_report(claims: int, repeat: int) -> dict[str, Any]:
    """``summary`` against ``report`` alone, in interleaved rounds (``--report-only``)."""
    directory = OUT / f"set-{claims}"
    paths = gen.generate(claims, directory)
    size = sum(p.stat().st_size for p in paths)
    print(f"set-{claims}: {len(paths)} files, {size / 1e6:.2f} MB; summary and report", flush=True)
    t = Timings()
    remove_sites()
    for k in range(repeat):
        t.spawn("summary", [CLAIMLOG, "summary", "--color", "never", str(directory)])
        spawn_report(t, directory, k)
    remove_sites()
    result: dict[str, Any] = {"claims": claims, "bytes": size, "site": t.sizes}
    for name in t.wall:
        result[name] = t.result(name)
    for name, failure in t.failed.items():
        print(f"  {name} FAILED (exit {failure['returncode']}): {failure['output'][-400:]}")
    for name in ("report", "report_again"):
        if result[name]["ok"] and result["summary"]["ok"]:
            result[f"{name} / summary"] = {
                field: result[name][field] / result["summary"][field]
                for field in ("best", "cpu_best")
            }
    return result


def report_only(results: list[dict[str, Any]], repeat: int) -> str:
    """The ``--report-only`` table."""
    rows = [["set", "summary", "report", "report again", "report / summary", "again / summary"]]
    for r in results:
        ratio = r.get("report / summary", {})
        again = r.get("report_again / summary", {})
        rows.append(
            [
                f"set-{r['claims']}",
                fmt(r["summary"]),
                fmt(r["report"]),
                fmt(r["report_again"]),
                f"{ratio.get('best', float('nan')):.2f} (cpu {ratio.get('cpu_best', 0):.2f})",
                f"{again.get('best', float('nan')):.2f} (cpu {again.get('cpu_best', 0):.2f})",
            ]
        )
    sites = ", ".join(
        f"set-{r['claims']}: {r['site']['files']} files, {r['site']['bytes'] / 1e6:.1f} MB"
        for r in results
    )
    return (
        f"Wall seconds, best of {repeat} (median); target report / summary <= 5.\n"
        + table(rows)
        + f"\nSites written: {sites}"
    )


def measure_set(claims: int, repeat: int, schema: Path) -> dict[str, Any]:
    directory = OUT / f"set-{claims}"
    paths = gen.generate(claims, directory)
    files = [str(p) for p in sorted(paths)]
    size = sum(p.stat().st_size for p in paths)
    print(f"set-{claims}: {len(files)} files, {size:,} bytes ({size / 1e6:.2f} MB)", flush=True)

    # the set must be clean: claimlog check with no errors (this run also warms the caches)
    proc = subprocess.run(
        [CLAIMLOG, "check", "--format", "json", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1):
        sys.exit(f"claimlog check could not run on {directory}: {proc.stderr.strip()}")
    report = json.loads(proc.stdout)
    if report["counts"]["error"]:
        first = report["diagnostics"][0]
        sys.exit(f"generated set {directory} has {report['counts']['error']} errors: {first}")

    result: dict[str, Any] = {
        "claims": claims,
        "sources": max(8, claims // 2),
        "evidence": claims * gen.ITEMS_PER_CLAIM,
        "files": len(files),
        "bytes": size,
        "findings": report["counts"],
    }
    py = sys.executable
    print("  subprocess: check, summary, report, event parse", flush=True)
    t = Timings()
    remove_sites()
    for k in range(repeat):
        t.spawn("check", [CLAIMLOG, "check", "--format", "json", str(directory)])
        t.spawn("check_reading", [*CHECK_READING, str(directory)])
        t.spawn("summary", [CLAIMLOG, "summary", "--color", "never", str(directory)])
        t.spawn("summary_json", [CLAIMLOG, "summary", "--format", "json", str(directory)])
        spawn_report(t, directory, k)
        t.spawn("event_parse", [py, "-c", PARSE_SCRIPT, *files])
    remove_sites()
    # check-jsonschema without ruamel.yaml.clib (this venv) and with it (.venv/bench-clib),
    # in interleaved rounds; each stops repeating once its first run took over SLOW
    validators = {"check_jsonschema": CHECK_JSONSCHEMA}
    if Path(CHECK_JSONSCHEMA_CLIB).exists():
        validators["check_jsonschema_clib"] = CHECK_JSONSCHEMA_CLIB
    labels = (name.replace("_clib", "+clib").replace("_", "-") for name in validators)
    print(f"  subprocess: {', '.join(labels)}", flush=True)
    for _ in range(repeat):
        for name, exe in validators.items():
            runs = t.wall.get(name, [])
            if name in t.failed or (runs and runs[0] > SLOW):
                continue
            t.spawn(name, [exe, "--schemafile", str(schema), *files])
    for name in t.wall:
        result[name] = t.result(name)
    for name, failure in t.failed.items():
        print(f"  {name} FAILED (exit {failure['returncode']}):", flush=True)
        print("    " + failure["output"].strip().replace("\n", "\n    "), flush=True)
    print("  in-process: load_set + run_checks, event parse", flush=True)
    result["in_process"] = in_process(directory, files, repeat)
    return result


def fixed_costs(repeat: int) -> dict[str, Any]:
    """Start-up: of claimlog (``claimlog rules``), of what ``check`` imports, of Python."""
    commands = {
        "claimlog_rules": [CLAIMLOG, "rules"],
        "check_imports": [sys.executable, "-c", CHECK_IMPORTS],
        "python_import_yaml": [sys.executable, "-c", "import yaml"],
        "python_pass": [sys.executable, "-c", "pass"],
    }
    t = Timings()
    for _ in range(repeat):
        for name, argv in commands.items():
            t.spawn(name, argv)
    return {name: t.result(name) for name in commands}


YAMLLINT = str(BIN / "yamllint")
SMALL_CLAIMS = 14
"""Claims of the one-file ledger of the start-up measurement (about 24 KB)."""


def one_file(claims: int, target: Path) -> Path:
    """A generated set of ``claims`` claims merged into one ledger file."""
    lists: dict[str, list[Any]] = {"sources": [], "claims": [], "evidence": [], "groups": []}
    for path in gen.generate(claims, target.parent / f"parts-{claims}"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in lists.items():
            value.extend(data.get(key) or [])
    body = _iso({"title": "One file", **{k: v for k, v in lists.items() if v}})
    target.write_text(yaml.safe_dump(body, sort_keys=False, width=100), encoding="utf-8")
    return target


def _iso(value: Any) -> Any:
    """``value`` with its dates and times written as ISO 8601 text, as the ledgers have
    them (PyYAML would write a time with a space)."""
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


QUICK_ROUNDS: Final = 4
"""How many more rounds the start-up commands get than the 2,000-claim runs: each takes
about 0.1 s, so their best time sits on the noise of the machine; 20 rounds or more
(``--repeat 3`` gives five rounds of the 2,000-claim runs) settle it."""


def startup(repeat: int) -> dict[str, Any]:
    """Small-file latency (issue 13): ``claimlog check`` on one ledger of about 24 KB
    against yamllint on the same file, ``claimlog --version`` against ``claimlog
    rules``, and a warm re-run (the result cache) against a cold one at 2,000 claims."""
    small = one_file(SMALL_CLAIMS, OUT / "small" / "ledger.yaml")
    big = OUT / "set-2000"
    gen.generate(2000, big)
    cache_env = {k: v for k, v in os.environ.items() if k != "CLAIMLOG_NO_CACHE"}
    subprocess.run([CLAIMLOG, "check", str(big)], env=cache_env, capture_output=True, check=False)
    quick: dict[str, list[str]] = {
        "check_small": [CLAIMLOG, "check", str(small)],
        "yamllint_small": [YAMLLINT, "-d", "relaxed", str(small)],
        "version": [CLAIMLOG, "--version"],
        "rules": [CLAIMLOG, "rules"],
    }
    cold = [CLAIMLOG, "check", str(big)]
    t = Timings()
    rounds = max(repeat, 5)
    for round_ in range(rounds * QUICK_ROUNDS):
        for name, argv in quick.items():
            t.spawn(name, argv)
        if round_ % QUICK_ROUNDS == 0:
            t.spawn("check_2000_cold", cold)
            cpu, wall = children_cpu(), time.perf_counter()
            subprocess.run(cold, env=cache_env, capture_output=True)
            t.add("check_2000_warm", time.perf_counter() - wall, children_cpu() - cpu)
    out = {name: t.result(name) for name in [*quick, "check_2000_cold", "check_2000_warm"]}
    out["small_bytes"] = small.stat().st_size
    return out


def startup_report(r: dict[str, Any]) -> str:
    def best(name: str) -> float:
        return float(r[name]["best"])

    rows = [
        ["measure", "target", "figures (best wall s)", "ratio"],
        [
            f"check of one {r['small_bytes'] / 1000:.0f} KB file / yamllint",
            "<= 0.6",
            f"{best('check_small'):.3f} / {best('yamllint_small'):.3f}",
            f"{best('check_small') / best('yamllint_small'):.2f}",
        ],
        [
            "claimlog --version / claimlog rules",
            "<= 0.25 (of 0.135 s)",
            f"{best('version'):.3f} / {best('rules'):.3f}",
            f"{best('version') / 0.135:.2f} of 0.135; {best('version') / best('rules'):.2f}",
        ],
        [
            "warm re-run / cold run, 2,000 claims",
            "<= 0.1",
            f"{best('check_2000_warm'):.3f} / {best('check_2000_cold'):.3f}",
            f"{best('check_2000_warm') / best('check_2000_cold'):.2f}",
        ],
    ]
    return "Start-up and the result cache:\n" + table(rows)


# --- scale ---------------------------------------------------------------------

SCALE_SIZES = (200, 2000, 20000, 100000)
"""Claims of the scale runs (issue 13): each as the generated set and as one file."""
SCALE_REPEAT_MAX = 20000
"""The scale runs up to this size are repeated ``--repeat`` times; larger ones run once
(100,000 claims: about 80 s and 4 GB a run)."""
SCALE_SECTIONS = ("sources", "claims", "evidence")


def join_set(paths: Sequence[Path], target: Path) -> Path:
    """The files of a generated set joined into one ledger file, text for text: the
    entries of every ``sources``, ``claims`` and ``evidence`` list, under one key each.
    Streamed, so that the 180 MB of 100,000 claims never sit in this process, and in the
    generator's own style, so that the one file holds the same YAML as the split set
    (``one_file`` rewrites it with PyYAML: 8 s and 110 MB here at 2,000 claims)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        out.write(f"title: The generated set of {len(paths)} files in one file\n")
        for key in SCALE_SECTIONS:
            out.write(f"\n{key}:\n")
            for path in paths:
                inside = False
                with path.open(encoding="utf-8") as f:
                    for line in f:
                        if line[:1] not in (" ", "\n", ""):  # a top-level key
                            inside = line.startswith(f"{key}:")
                            if inside:
                                out.write("\n")
                        elif inside:
                            out.write(line)
    return target


def child(argv: list[str]) -> dict[str, Any]:
    """Run ``argv`` (:func:`measure.measure`) and say what became of the run: "ok" (exit
    0 or 1: findings), "refused" (a file over the loader's limit, CL012, or exit 2:
    claimlog could not run as asked), "killed by SIG..." or "failed"."""
    run = measure(argv, marker=b"[CL012]")
    code = run["returncode"]
    if run["marked"] or code == 2:
        state = "refused"
    elif code < 0:
        state = f"killed by {signal.Signals(-code).name}"
    else:
        state = "ok" if code in (0, 1) else "failed"
    return {**run, "state": state}


def scale(sizes: Sequence[int], repeat: int) -> list[dict[str, Any]]:
    """``claimlog check --format concise`` at each size, on the generated set (split into
    files) and on the same set joined into one file, in interleaved rounds: the best wall
    time, its CPU time, the largest peak RSS of the runs, RSS per byte of YAML and
    milliseconds per claim. A refused run is recorded as such and not repeated."""
    rows: list[dict[str, Any]] = []
    for claims in sizes:
        paths = sorted(gen.generate(claims, OUT / f"set-{claims}"))
        one = join_set(paths, OUT / f"one-{claims}" / "ledger.yaml")
        shapes = {
            "split": (paths[0].parent, sum(p.stat().st_size for p in paths), len(paths)),
            "one file": (one, one.stat().st_size, 1),
        }
        runs = repeat if claims <= SCALE_REPEAT_MAX else 1
        found: dict[str, list[dict[str, Any]]] = {shape: [] for shape in shapes}
        print(f"scale, {claims:,} claims: check --format concise x {runs}", flush=True)
        for _ in range(runs):
            for shape, (path, _size, _files) in shapes.items():
                done = found[shape]
                if done and done[0]["state"] != "ok":
                    continue
                done.append(child([CLAIMLOG, "check", "--format", "concise", str(path)]))
        for shape, (_path, size, files) in shapes.items():
            done = found[shape]
            ok = [r for r in done if r["state"] == "ok"]
            row: dict[str, Any] = {
                "claims": claims,
                "shape": shape,
                "files": files,
                "bytes": size,
                "state": "ok" if ok else done[0]["state"],
                "runs": done,
            }
            if ok:
                best = min(ok, key=lambda r: r["wall"])
                rss = max(r["rss"] for r in ok)
                row |= {
                    "wall": best["wall"],
                    "cpu": best["cpu"],
                    "rss": rss,
                    "rss_per_yaml": rss / size,
                    "ms_per_claim": best["wall"] * 1000 / claims,
                }
            rows.append(row)
            if ok:
                print(
                    f"  {shape:<8} {files:4d} files {size / 1e6:8.2f} MB  {row['wall']:8.2f} s "
                    f"(cpu {row['cpu']:.2f})  {rss / 1e6:8.0f} MB  exit {best['returncode']}",
                    flush=True,
                )
            else:
                failure = done[0]
                last = (failure["tail"].strip().splitlines() or [""])[-1][:200]
                print(
                    f"  {shape:<8} {files:4d} files {size / 1e6:8.2f} MB  {row['state'].upper()} "
                    f"(exit {failure['returncode']}, {failure['wall']:.2f} s): {last}",
                    flush=True,
                )
    return rows


def scale_ratio(rows: list[dict[str, Any]], shape: str, big: int, small: int) -> float | None:
    """ms per claim at ``big`` claims over that at ``small``, for one shape."""
    per = {r["claims"]: r.get("ms_per_claim") for r in rows if r["shape"] == shape}
    a, b = per.get(big), per.get(small)
    return a / b if a is not None and b else None


def scale_report(rows: list[dict[str, Any]], repeat: int) -> str:
    head = ["claims", "shape", "files", "YAML MB", "check s", "cpu s", "peak RSS MB"]
    lines = [[*head, "RSS / YAML", "ms per claim"]]
    for r in rows:
        size = [f"{r['claims']:,}", r["shape"], str(r["files"]), f"{r['bytes'] / 1e6:.2f}"]
        if r["state"] != "ok":
            failure = r["runs"][0]
            what = f"{r['state']} (exit {failure['returncode']}, {failure['wall']:.2f} s)"
            lines.append([*size, what, "", "", "", ""])
            continue
        runs = "" if len(r["runs"]) > 1 else " (1 run)"
        lines.append(
            [
                *size,
                f"{r['wall']:.2f}{runs}",
                f"{r['cpu']:.2f}",
                f"{r['rss'] / 1e6:.0f}",
                f"{r['rss_per_yaml']:.1f}",
                f"{r['ms_per_claim']:.3f}",
            ]
        )
    ratios = []
    biggest = max(r["claims"] for r in rows)
    for shape in ("split", "one file"):
        value = scale_ratio(rows, shape, biggest, 2000)
        if value is not None and biggest != 2000:
            ratios.append(f"{shape} {value:.2f}")
    out = (
        "Scale: claimlog check --format concise, cold; wall seconds, best of "
        f"{repeat} up to {SCALE_REPEAT_MAX:,} claims, one run above; peak RSS of the "
        "child, the largest of its runs:\n" + table(lines)
    )
    if ratios:
        out += f"\nms per claim at {biggest:,} / at 2,000: " + ", ".join(ratios)
    return out


def ruamel_parser(python: Path) -> dict[str, Any]:
    """What ruamel.yaml parses with in the venv of ``python`` (:data:`PARSER_PROBE`)."""
    if not python.exists():
        return {"present": False}
    proc = subprocess.run([str(python), "-c", PARSER_PROBE], capture_output=True, text=True)
    if proc.returncode != 0:
        return {"present": True, "error": proc.stderr.strip()[-400:]}
    parser, ruamel, clib, cj = proc.stdout.split()
    return {
        "present": True,
        "parser": parser,
        "ruamel_yaml": ruamel,
        "ruamel_yaml_clib": None if clib == "None" else clib,
        "check_jsonschema": cj,
    }


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        usable = os.cpu_count() or 0

    def output(argv: list[str]) -> str:
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=ROOT)
        except OSError:  # no git
            return ""
        return proc.stdout.strip()

    commit = output(["git", "rev-parse", "--short", "HEAD"]) or "unknown"
    dirty = output(["git", "status", "--porcelain", "--", "src"])
    from importlib.metadata import version

    return {
        "nproc": usable,
        "cpu": model,
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
        "pyyaml": yaml.__version__,
        "libyaml": bool(yaml.__with_libyaml__),
        "claimlog": version("claimlog"),
        "check_jsonschema": version("check-jsonschema"),
        # what check-jsonschema's ruamel.yaml parses with, here and in .venv/bench-clib
        "ruamel": {
            "venv": ruamel_parser(Path(sys.executable)),
            "bench_clib": ruamel_parser(CLIB_BIN / "python"),
        },
        "commit": commit + ("+dirty-src" if dirty else ""),
    }


def parser_notes(m: dict[str, Any]) -> list[str]:
    """Warnings when a check-jsonschema contender does not parse as its name says."""
    venv, clib = m["ruamel"]["venv"], m["ruamel"]["bench_clib"]
    notes = []
    if venv.get("parser") != "Parser":
        notes.append(
            f"NOTE: {BIN.parent}'s ruamel.yaml parses with {venv.get('parser')} "
            f"(ruamel.yaml.clib {venv.get('ruamel_yaml_clib')}): 'check-jsonschema' is "
            "not the contender without clib."
        )
    if not clib["present"]:
        notes.append(
            f"NOTE: no {CLIB_BIN.parent}: check-jsonschema+clib not measured "
            "(make .venv/bench-clib/.installed builds it)."
        )
    elif clib.get("parser") != "CParser":
        notes.append(
            f"NOTE: {CLIB_BIN.parent}'s ruamel.yaml parses with {clib.get('parser')}, "
            f"not the C parser: {clib.get('error', '')}"
        )
    elif clib.get("check_jsonschema") != venv.get("check_jsonschema"):
        notes.append(
            f"NOTE: check-jsonschema {clib['check_jsonschema']} in {CLIB_BIN.parent}, "
            f"{venv.get('check_jsonschema')} here: rebuild it from requirements/bench-clib.lock."
        )
    return notes


# --- reporting ---------------------------------------------------------------


def ratio_value(res: dict[str, Any], key: str, field: str) -> float | None:
    if key.startswith("inproc_"):
        entry = res["in_process"].get(key.removeprefix("inproc_"))
    else:
        entry = res.get(key)
    if entry is None or entry.get("ok") is False:
        return None
    return float(entry[field])


def judge(value: float | None, target: float | None, direction: str | None) -> bool | None:
    """Whether ``value`` meets ``target`` (None: no figure, or no target)."""
    if value is None or target is None:
        return None
    return value <= target if direction == "le" else value >= target


def ratios(res: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for name, num, den, target, direction in RATIOS:
        values = []
        for field in ("best", "cpu_best"):
            a, b = ratio_value(res, num, field), ratio_value(res, den, field)
            values.append(a / b if a is not None and b else None)
        value, cpu = values
        out[name] = {
            "value": value,
            "cpu_value": cpu,
            "target": target,
            "direction": direction,
            "met": judge(value, target, direction),
        }
    return out


def fmt(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "-"
    if entry.get("ok") is False:
        return f"FAILED rc={entry['returncode']}"
    if len(entry["runs"]) == 1:
        return f"{entry['best']:.3f} (1 run)"
    return f"{entry['best']:.3f} ({entry['median']:.3f})"


def target_text(target: float | None, direction: str | None) -> str:
    if target is None:
        return "(reported)"
    return f"{'<=' if direction == 'le' else '>='} {target:g}"


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, row in enumerate(rows):
        pairs = zip(row, widths, strict=True)
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(pairs)]
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(results: dict[str, Any]) -> str:
    m = results["machine"]
    sets = results["sets"]
    names = [f"set-{r['claims']}" for r in sets]
    pairs = list(zip(names, sets, strict=True))
    libyaml = "with" if m["libyaml"] else "WITHOUT"
    clib = m["ruamel"]["bench_clib"]
    out = [
        f"claimlog benchmark, {results['date']}: {m['nproc']} CPUs ({m['cpu']}), "
        f"Python {m['python']}, PyYAML {m['pyyaml']} ({libyaml} libyaml), "
        f"claimlog {m['commit']}",
        f"check-jsonschema {m['check_jsonschema']}, ruamel.yaml "
        f"{m['ruamel']['venv'].get('ruamel_yaml')} parsing with "
        f"{m['ruamel']['venv'].get('parser')}; check-jsonschema+clib: "
        + (
            f"ruamel.yaml.clib {clib.get('ruamel_yaml_clib')}, parsing with "
            f"{clib.get('parser')} ({CLIB_BIN.parent})"
            if clib["present"]
            else "not installed"
        ),
        *parser_notes(m),
        f"Wall seconds, best of {results['repeat']} (median in parentheses).",
        "",
        "Subprocess (interpreter start-up included):",
    ]
    head = ["set", "files", "MB", "claims", "items", "check", "check reading only", "summary"]
    rows = [
        [
            *head,
            "summary json",
            "report",
            "report again",
            "event parse",
            "check-jsonschema",
            "check-jsonschema+clib",
        ]
    ]
    for name, r in pairs:
        size = [str(r["files"]), f"{r['bytes'] / 1e6:.2f}", str(r["claims"]), str(r["evidence"])]
        keys = (
            "check",
            "check_reading",
            "summary",
            "summary_json",
            "report",
            "report_again",
            "event_parse",
            "check_jsonschema",
            "check_jsonschema_clib",
        )
        rows.append([name, *size, *(fmt(r.get(k)) for k in keys)])
    out += [table(rows), "", "In process (no interpreter start-up):"]
    inner = ("load_set", "run_checks", "check", "event_parse", "plain_values")
    rows = [["set", "load_set", "run_checks", "check total", "event parse", "plain values"]]
    rows += [[name, *(fmt(r["in_process"][k]) for k in inner)] for name, r in pairs]
    out += [table(rows), "", "Each check alone, in process (best, s):"]
    rows = [["check", *names]]
    for check in sets[0]["in_process"]["per_check"]:
        times = [r["in_process"]["per_check"].get(check, {}).get("best") for r in sets]
        rows.append([check, *(f"{t:.3f}" if t is not None else "-" for t in times)])
    out += [table(rows), "", "Ratios of best wall times (of best CPU times, user + system):"]
    rows = [["ratio", "target", *names]]
    for name, _num, _den, target, direction in RATIOS:
        cells = []
        for r in sets:
            entry = r["ratios"][name]
            if entry["value"] is None:
                cells.append("n/a")
                continue
            verdict = {True: " met", False: " MISSED", None: ""}[entry["met"]]
            cells.append(f"{entry['value']:.2f}{verdict} (cpu {entry['cpu_value']:.2f})")
        rows.append([name, target_text(target, direction), *cells])
    out.append(table(rows))
    fixed = results["fixed"]
    out += [
        "",
        "Fixed start-up cost (best, s): "
        f"claimlog rules {fixed['claimlog_rules']['best']:.3f}, "
        f"imports of check {fixed['check_imports']['best']:.3f}, "
        f"python -c 'import yaml' {fixed['python_import_yaml']['best']:.3f}, "
        f"python -c pass {fixed['python_pass']['best']:.3f}",
    ]
    for name, r in pairs:
        for key in ("check_jsonschema", "check_jsonschema_clib"):
            if key in r and len(r[key]["runs"]) < results["repeat"] and r[key]["ok"]:
                label = key.replace("_clib", "+clib").replace("_", "-")
                out.append(f"{label} on {name} took over {SLOW:g} s, so it ran once.")
        if r["findings"]["error"] or r["findings"]["warning"]:
            out.append(f"{name}: claimlog check reported {r['findings']}.")
    return "\n".join(out)


BEFORE_RULES = 0.135
"""Seconds: ``claimlog rules`` before issue 13, the yardstick of ``--version``'s target."""


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue 13's targets, each with its figures, its ratio and whether it is met (None:
    not measured, or reported without a target)."""
    rows: list[dict[str, Any]] = []

    def add(
        name: str,
        target: float | None,
        direction: str | None,
        value: float | None,
        figures: str,
        state: str | None = None,
    ) -> None:
        rows.append(
            {
                "target": name,
                "limit": target,
                "direction": direction,
                "figures": figures,
                "value": value,
                "met": judge(value, target, direction),
                "state": state,  # not None: the run was refused, killed or failed
            }
        )

    sets = results.get("sets", [])
    at = next((r for r in sets if r["claims"] == 2000), sets[-1] if sets else None)
    for label, num, den, target, direction in (
        ("check / event parse", "check", "event_parse", 2.5, "le"),
        ("check-jsonschema (no clib) / check", "check_jsonschema", "check", 20.0, "ge"),
        ("check-jsonschema+clib / check", "check_jsonschema_clib", "check", None, None),
        ("summary / check", "summary", "check", 1.2, "le"),
    ):
        name = f"{label}, set-{at['claims']:,}" if at else label
        a = ratio_value(at, num, "best") if at else None
        b = ratio_value(at, den, "best") if at else None
        value = a / b if a is not None and b else None
        figures = f"{a:.3f} / {b:.3f} s" if a is not None and b is not None else "not measured"
        add(name, target, direction, value, figures)
    if at:
        for row in [*without_loading(at), *reading_only(at)]:
            add(*row)

    st = results.get("startup")
    for name, limit, num, den in (
        ("small-file check / yamllint", 0.6, "check_small", "yamllint_small"),
        (f"--version / rules ({BEFORE_RULES} s, before issue 13)", 0.25, "version", None),
        ("warm re-run / cold run, 2,000 claims", 0.1, "check_2000_warm", "check_2000_cold"),
    ):
        if not st:
            add(name, limit, "le", None, "not measured")
            continue
        value = float(st[num]["best"])
        base = float(st[den]["best"]) if den else BEFORE_RULES
        figures = f"{value:.3f} / {base:.3f} s"
        if num == "check_small":
            name = f"check of one {st['small_bytes'] / 1000:.0f} KB file / yamllint"
        if num == "version":
            rules = float(st["rules"]["best"])
            figures += f" (today's rules {rules:.3f} s: {value / rules:.2f})"
        add(name, limit, "le", value / base, figures)

    rows_scale = results.get("scale") or []
    top = max(SCALE_SIZES)
    largest = max((r["claims"] for r in rows_scale), default=0)
    not_run = f"not run (scale runs up to {largest:,})" if largest else "not run"
    for shape in ("split", "one file"):
        big = next((r for r in rows_scale if r["claims"] == top and r["shape"] == shape), None)
        name = f"peak RSS / YAML at {top:,} claims, {shape}"
        if big is None:
            add(name, 8.0, "le", None, not_run)
        elif big["state"] != "ok":
            figures = f"{big['state']} ({big['bytes'] / 1e6:,.0f} MB)"
            add(name, 8.0, "le", None, figures, big["state"])
        else:
            figures = f"{big['rss'] / 1e6:,.0f} MB / {big['bytes'] / 1e6:,.1f} MB"
            add(name, 8.0, "le", big["rss_per_yaml"], figures)
        name = f"ms per claim, {top:,} / 2,000 claims, {shape}"
        small_row = next(
            (r for r in rows_scale if r["claims"] == 2000 and r["shape"] == shape), None
        )
        value = scale_ratio(rows_scale, shape, top, 2000)
        if value is None:
            states = [r["state"] for r in (big, small_row) if r is not None and r["state"] != "ok"]
            if states:
                add(name, 1.2, "le", None, states[0], states[0])
            else:
                add(name, 1.2, "le", None, not_run)
        else:
            assert big is not None
            assert small_row is not None
            figures = f"{big['ms_per_claim']:.3f} / {small_row['ms_per_claim']:.3f} ms"
            add(name, 1.2, "le", value, figures)
    return rows


def _yardsticks(at: dict[str, Any]) -> tuple[str, float | None, float | None]:
    """The set's name, and the best times of the event parse and check-jsonschema on it."""
    parse = ratio_value(at, "event_parse", "best")
    return f"set-{at['claims']:,}", parse, ratio_value(at, "check_jsonschema", "best")


def reading_only(at: dict[str, Any]) -> list[tuple[str, None, None, float | None, str]]:
    """The other bound: ``check`` of the reading and validating rules alone
    (:data:`CHECK_READING`: start-up, loading, the schema's findings, output; no rule
    over the whole set, no assessment), against the event parse and check-jsonschema.
    Were every other rule free, ``check`` could be no faster than this. Reported, not
    judged."""
    size, parse, jsonschema = _yardsticks(at)
    reading = ratio_value(at, "check_reading", "best")
    names = (
        f"check / event parse, were every rule but reading free, {size}",
        f"check-jsonschema (no clib) / check, were every rule but reading free, {size}",
    )
    if parse is None or jsonschema is None or reading is None:
        return [(name, None, None, None, "not measured") for name in names]
    return [
        (names[0], None, None, reading / parse, f"{reading:.3f} / {parse:.3f} s"),
        (names[1], None, None, jsonschema / reading, f"{jsonschema:.3f} / {reading:.3f} s"),
    ]


def without_loading(at: dict[str, Any]) -> list[tuple[str, None, None, float | None, str]]:
    """Bounds on what any work on loading could bring the two parse targets: ``check``'s
    time less the in-process ``load_set`` (the files read, parsed, positioned and
    validated) is start-up, assessment, checks and output. Against the event parse, that
    rest plus one event parse (loading no dearer than the bare parse); against
    check-jsonschema, the rest alone (loading free). Reported, not judged."""
    size, parse, jsonschema = _yardsticks(at)
    check = ratio_value(at, "check", "best")
    load = ratio_value(at, "inproc_load_set", "best")
    names = (
        f"check / event parse, were loading the bare parse, {size}",
        f"check-jsonschema (no clib) / check, were loading free, {size}",
    )
    if parse is None or jsonschema is None or check is None or load is None or check <= load:
        return [(name, None, None, None, "not measured") for name in names]
    rest = check - load
    return [
        (
            names[0],
            None,
            None,
            (rest + parse) / parse,
            f"({check:.3f} - {load:.3f} + {parse:.3f}) / {parse:.3f} s",
        ),
        (
            names[1],
            None,
            None,
            jsonschema / rest,
            f"{jsonschema:.3f} / ({check:.3f} - {load:.3f}) s",
        ),
    ]


def targets_report(rows: list[dict[str, Any]]) -> str:
    lines = [["target", "limit", "figures", "ratio", "verdict"]]
    for r in rows:
        value = "-" if r["value"] is None else f"{r['value']:.2f}"
        verdict = {True: "met", False: "missed", None: "-"}[r["met"]]
        if r["limit"] is None and r["value"] is not None:
            verdict = "reported"
        if r.get("state"):
            verdict = r["state"]
        lines.append(
            [r["target"], target_text(r["limit"], r["direction"]), r["figures"], value, verdict]
        )
    return "Issue 13's targets (best wall times):\n" + table(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=["500", "2000"],
        help="claims per set, space- or comma-separated (500 2000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (3)")
    only = parser.add_mutually_exclusive_group()
    only.add_argument(
        "--report-only",
        action="store_true",
        help="measure only summary and report (the HTML site), in interleaved rounds",
    )
    only.add_argument(
        "--startup-only",
        action="store_true",
        help="measure only start-up, small-file latency and the result cache",
    )
    only.add_argument(
        "--scale-only",
        action="store_true",
        help="measure only the scale runs (bench/out/results-scale.json)",
    )
    parser.add_argument("--no-scale", action="store_true", help="skip the scale runs")
    parser.add_argument(
        "--scale-max",
        type=int,
        default=max(SCALE_SIZES),
        metavar="N",
        help=f"scale runs only up to N claims (of {', '.join(map(str, SCALE_SIZES))}; "
        f"default {max(SCALE_SIZES)})",
    )
    args = parser.parse_args()
    if args.no_scale and args.scale_only:
        parser.error("--no-scale and --scale-only exclude each other")
    sizes = [int(s) for arg in args.sizes for s in arg.split(",") if s.strip()]
    scale_sizes = [] if args.no_scale else [n for n in SCALE_SIZES if n <= args.scale_max]
    OUT.mkdir(parents=True, exist_ok=True)
    # Every run below is cold (the whole work) but for the warm runs of startup().
    os.environ["CLAIMLOG_NO_CACHE"] = "1"
    # As installed: Python's bytecode cache on (pip compiles the packages it installs;
    # an editable claimlog is compiled on its first run), whatever this shell says.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.startup_only:
        found = startup(args.repeat)
        (OUT / "results-startup.json").write_text(json.dumps(found, indent=2) + "\n")
        print(startup_report(found))
        return
    started = time.perf_counter()
    date_now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    if args.report_only:
        found_sets = [measure_report(claims, args.repeat) for claims in sizes]
        done: dict[str, Any] = {"date": date_now, "sets": found_sets, "machine": machine()}
        (OUT / "results-report.json").write_text(json.dumps(done, indent=2) + "\n")
        print()
        print(report_only(found_sets, args.repeat))
        print(f"\nTotal {time.perf_counter() - started:.0f} s; results in {OUT}")
        return
    if args.scale_only:
        if not scale_sizes:
            sys.exit(f"--scale-max {args.scale_max}: no scale size left")
        rows = scale(scale_sizes, args.repeat)
        done = {"date": date_now, "repeat": args.repeat, "scale": rows}
        done["machine"] = machine()
        done["targets"] = targets(done)
        (OUT / "results-scale.json").write_text(json.dumps(done, indent=2) + "\n")
        print()
        print(scale_report(rows, args.repeat))
        print(f"\nTotal {time.perf_counter() - started:.0f} s; results in {OUT}")
        print()
        print(targets_report(done["targets"]))
        return

    schema = OUT / "schema.json"
    proc = subprocess.run([CLAIMLOG, "schema"], capture_output=True, text=True, check=True)
    schema.write_text(proc.stdout, encoding="utf-8")

    results: dict[str, Any] = {
        "date": date_now,
        "machine": machine(),
        "repeat": args.repeat,
    }
    for note in parser_notes(results["machine"]):
        print(note, flush=True)
    results["fixed"] = fixed_costs(args.repeat)
    results["startup"] = startup(args.repeat)
    results["sets"] = []
    for claims in sizes:
        res = measure_set(claims, args.repeat, schema)
        res["ratios"] = ratios(res)
        results["sets"].append(res)
    results["scale"] = scale(scale_sizes, args.repeat) if scale_sizes else []
    results["targets"] = targets(results)
    results["elapsed"] = time.perf_counter() - started
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(report(results))
    print()
    print(startup_report(results["startup"]))
    if results["scale"]:
        print()
        print(scale_report(results["scale"], args.repeat))
    print(f"\nTotal {results['elapsed']:.0f} s; results in {OUT / 'results.json'}")
    print()
    print(targets_report(results["targets"]))


if __name__ == "__main__":
    main()
