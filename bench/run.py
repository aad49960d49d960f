"""Benchmark ``claimlog check`` against the YAML parsing it is built on.

For each set size (default 500 and 2000 claims) this generates a ledger set with
``bench/gen.py`` under ``bench/out/set-<claims>`` and measures, as the wall time
of a real subprocess (best of N, median also shown):

  check        claimlog check --format json <dir>
  summary      claimlog summary <dir> (the table, piped) and --format json
  report       claimlog report <dir> -o <new folder> (the HTML site), and again into
               the folder it wrote (every page already there, byte for byte)
  yaml.load    python -c: yaml.load(f, Loader=yaml.CLoader) for every file
  event parse  python -c: for _ in yaml.parse(f, Loader=yaml.CLoader): pass, every file
  jsonschema   check-jsonschema --schemafile schema.json <files> (schema from
               ``claimlog schema``; a single run when the first takes over 10 s)

and, inside this process (no interpreter start-up), ``load_set`` + ``run_checks``
as ``claimlog check`` calls them, against the same event parse and ``yaml.load``,
with the time of each check. The fixed cost of starting ``claimlog`` is the
wall time of ``claimlog rules``, and of importing what ``check`` needs.
Results: a table on standard output and ``bench/out/results.json``.

Usage: python bench/run.py [--sizes 500 2000] [--repeat 3] [--report-only | --startup-only]

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
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import gen  # bench/gen.py: the script's own directory is on sys.path
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent
CLAIMLOG = str(BIN / "claimlog")
CHECK_JSONSCHEMA = str(BIN / "check-jsonschema")
SLOW = 10.0
"""Seconds: a check-jsonschema run slower than this is not repeated."""

LOAD_SCRIPT = """\
import sys, yaml
for p in sys.argv[1:]:
    with open(p, 'rb') as f:
        yaml.load(f, Loader=yaml.CLoader)
"""
PARSE_SCRIPT = """\
import sys, yaml
for p in sys.argv[1:]:
    with open(p, 'rb') as f:
        for _ in yaml.parse(f, Loader=yaml.CLoader):
            pass
"""

CHECK_IMPORTS = "import claimlog.cli, claimlog.checks, claimlog.ledgerset, claimlog.render.json"
"""The modules ``claimlog check --format json`` imports: its start-up without any work."""

# (name, numerator, denominator, target, direction): "le" means at most, "ge" at least
RATIOS = [
    ("check / yaml.load", "check", "yaml_load", 0.5, "le"),
    ("check / event parse", "check", "event_parse", 2.0, "le"),
    ("check-jsonschema / check", "check_jsonschema", "check", 20.0, "ge"),
    ("summary / check", "summary", "check", 1.2, "le"),
    ("summary --format json / check", "summary_json", "check", 1.2, "le"),
    ("report / summary", "report", "summary", 5.0, "le"),
    ("in-process check / event parse", "inproc_check", "inproc_event_parse", 2.0, "le"),
    ("in-process check / yaml.load", "inproc_check", "inproc_yaml_load", 0.5, "le"),
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


def yaml_load(files: list[str]) -> None:
    for p in files:
        with open(p, "rb") as f:
            yaml.load(f, Loader=yaml.CLoader)


def in_process(directory: Path, files: list[str], repeat: int) -> dict[str, Any]:
    """``claimlog check`` timed inside this interpreter, as the CLI calls it:
    ``load_set`` (discover, parse, validate) then ``run_checks``; the event parse
    and ``yaml.load`` of the same files; and each check on its own."""
    from claimlog.checks import CHECKS, CheckOptions, run_checks
    from claimlog.diagnostics import select_rules
    from claimlog.ledgerset import load_set

    enabled, _ = select_rules([], [])
    options = CheckOptions(today=date.today())
    t = Timings()
    per_check = Timings()
    for _ in range(repeat):
        # Freeze what is live (modules, this script): the cyclic GC then skips it, as it
        # would in a fresh interpreter, so that it does not tax yaml.load's allocations.
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
        gc.unfreeze()  # load_set froze what it loaded: collect it before the baselines
        gc.collect()
        gc.freeze()
        t.call("event_parse", lambda: event_parse(files))
        t.call("yaml_load", lambda: yaml_load(files))
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
    print("  subprocess: check, summary, report, yaml.load, event parse", flush=True)
    t = Timings()
    remove_sites()
    for k in range(repeat):
        t.spawn("check", [CLAIMLOG, "check", "--format", "json", str(directory)])
        t.spawn("summary", [CLAIMLOG, "summary", "--color", "never", str(directory)])
        t.spawn("summary_json", [CLAIMLOG, "summary", "--format", "json", str(directory)])
        spawn_report(t, directory, k)
        t.spawn("yaml_load", [py, "-c", LOAD_SCRIPT, *files])
        t.spawn("event_parse", [py, "-c", PARSE_SCRIPT, *files])
    remove_sites()
    print("  subprocess: check-jsonschema", flush=True)
    jsonschema = [CHECK_JSONSCHEMA, "--schemafile", str(schema), *files]
    while len(t.wall.get("check_jsonschema", [])) < repeat:
        if not t.spawn("check_jsonschema", jsonschema) or t.wall["check_jsonschema"][0] > SLOW:
            break
    for name in t.wall:
        result[name] = t.result(name)
    for name, failure in t.failed.items():
        print(f"  {name} FAILED (exit {failure['returncode']}):", flush=True)
        print("    " + failure["output"].strip().replace("\n", "\n    "), flush=True)
    print("  in-process: load_set + run_checks, event parse, yaml.load", flush=True)
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


def startup(repeat: int) -> dict[str, Any]:
    """Small-file latency (issue 13): ``claimlog check`` on one ledger of about 24 KB
    against yamllint on the same file, ``claimlog --version`` against ``claimlog
    rules``, and a warm re-run (the result cache) against a cold one at 2,000 claims."""
    small = one_file(SMALL_CLAIMS, OUT / "small" / "ledger.yaml")
    big = OUT / "set-2000"
    gen.generate(2000, big)
    cache_env = {k: v for k, v in os.environ.items() if k != "CLAIMLOG_NO_CACHE"}
    subprocess.run([CLAIMLOG, "check", str(big)], env=cache_env, capture_output=True, check=False)
    commands: dict[str, list[str]] = {
        "check_small": [CLAIMLOG, "check", str(small)],
        "yamllint_small": [YAMLLINT, "-d", "relaxed", str(small)],
        "version": [CLAIMLOG, "--version"],
        "rules": [CLAIMLOG, "rules"],
        "check_2000_cold": [CLAIMLOG, "check", str(big)],
    }
    t = Timings()
    for _ in range(max(repeat, 5)):
        for name, argv in commands.items():
            t.spawn(name, argv)
        cpu, wall = children_cpu(), time.perf_counter()
        subprocess.run([CLAIMLOG, "check", str(big)], env=cache_env, capture_output=True)
        t.add("check_2000_warm", time.perf_counter() - wall, children_cpu() - cpu)
    out = {name: t.result(name) for name in [*commands, "check_2000_warm"]}
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
        proc = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=ROOT)
        return proc.stdout.strip()

    commit = output(["git", "rev-parse", "--short", "HEAD"])
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
        "commit": commit + ("+dirty-src" if dirty else ""),
    }


# --- reporting ---------------------------------------------------------------


def ratio_value(res: dict[str, Any], key: str, field: str) -> float | None:
    if key.startswith("inproc_"):
        entry = res["in_process"][key.removeprefix("inproc_")]
    else:
        entry = res[key]
    if entry.get("ok") is False:
        return None
    return float(entry[field])


def ratios(res: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for name, num, den, target, direction in RATIOS:
        values = []
        for field in ("best", "cpu_best"):
            a, b = ratio_value(res, num, field), ratio_value(res, den, field)
            values.append(a / b if a is not None and b else None)
        value, cpu = values
        met = None
        if value is not None:
            met = value <= target if direction == "le" else value >= target
        out[name] = {
            "value": value,
            "cpu_value": cpu,
            "target": target,
            "direction": direction,
            "met": met,
        }
    return out


def fmt(entry: dict[str, Any]) -> str:
    if entry.get("ok") is False:
        return f"FAILED rc={entry['returncode']}"
    if len(entry["runs"]) == 1:
        return f"{entry['best']:.3f} (1 run)"
    return f"{entry['best']:.3f} ({entry['median']:.3f})"


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
    out = [
        f"claimlog benchmark, {results['date']}: {m['nproc']} CPUs ({m['cpu']}), "
        f"Python {m['python']}, PyYAML {m['pyyaml']} ({libyaml} libyaml), "
        f"claimlog {m['commit']}",
        f"Wall seconds, best of {results['repeat']} (median in parentheses).",
        "",
        "Subprocess (interpreter start-up included):",
    ]
    head = ["set", "files", "MB", "claims", "items", "check", "summary", "summary json"]
    rows = [[*head, "report", "report again", "yaml.load", "event parse", "check-jsonschema"]]
    for name, r in pairs:
        size = [str(r["files"]), f"{r['bytes'] / 1e6:.2f}", str(r["claims"]), str(r["evidence"])]
        keys = (
            "check",
            "summary",
            "summary_json",
            "report",
            "report_again",
            "yaml_load",
            "event_parse",
            "check_jsonschema",
        )
        rows.append([name, *size, *(fmt(r[k]) for k in keys)])
    out += [table(rows), "", "In process (no interpreter start-up):"]
    keys = ("load_set", "run_checks", "check", "yaml_load", "event_parse")
    rows = [["set", "load_set", "run_checks", "check total", "yaml.load", "event parse"]]
    rows += [[name, *(fmt(r["in_process"][k]) for k in keys)] for name, r in pairs]
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
            else:
                verdict = "met" if entry["met"] else "MISSED"
                cells.append(f"{entry['value']:.2f} {verdict} (cpu {entry['cpu_value']:.2f})")
        rows.append([name, f"{'<=' if direction == 'le' else '>='} {target:g}", *cells])
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
        if len(r["check_jsonschema"]["runs"]) < results["repeat"]:
            out.append(
                f"check-jsonschema on {name} took over {SLOW:g} s, so it ran once (not best of N)."
            )
        if r["findings"]["error"] or r["findings"]["warning"]:
            out.append(f"{name}: claimlog check reported {r['findings']}.")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=["500", "2000"],
        help="claims per set, space- or comma-separated (500 2000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (3)")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure only summary and report (the HTML site), in interleaved rounds",
    )
    parser.add_argument(
        "--startup-only",
        action="store_true",
        help="measure only start-up, small-file latency and the result cache",
    )
    args = parser.parse_args()
    sizes = [int(s) for arg in args.sizes for s in arg.split(",") if s.strip()]
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
    if args.report_only:
        found = [measure_report(claims, args.repeat) for claims in sizes]
        done = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "sets": found}
        done["machine"] = machine()
        (OUT / "results-report.json").write_text(json.dumps(done, indent=2) + "\n")
        print()
        print(report_only(found, args.repeat))
        print(f"\nTotal {time.perf_counter() - started:.0f} s; results in {OUT}")
        return

    schema = OUT / "schema.json"
    proc = subprocess.run([CLAIMLOG, "schema"], capture_output=True, text=True, check=True)
    schema.write_text(proc.stdout, encoding="utf-8")

    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "repeat": args.repeat,
        "fixed": fixed_costs(args.repeat),
        "startup": startup(args.repeat),
        "sets": [],
    }
    for claims in sizes:
        res = measure_set(claims, args.repeat, schema)
        res["ratios"] = ratios(res)
        results["sets"].append(res)
    results["elapsed"] = time.perf_counter() - started
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(report(results))
    print()
    print(startup_report(results["startup"]))
    print(f"\nTotal {results['elapsed']:.0f} s; results in {OUT / 'results.json'}")


if __name__ == "__main__":
    main()
