"""One measured run of a command, shared by bench/run.py and bench/hostile.py: wall and
CPU seconds, the child's own peak RSS, exit code, and its output's size and tail.

The command is started from a small launcher process, not from the bench itself: on
Linux a child's ``ru_maxrss`` counts the memory of the process it was forked from
(before its exec), so a child forked from a bench holding generated sets would weigh
at least the bench.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

LAUNCHER = """\
import json, os, subprocess, sys, time
figures, timeout, argv = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
start = time.perf_counter()
proc = subprocess.Popen(argv)
while True:
    pid, status, usage = os.wait4(proc.pid, os.WNOHANG if timeout else 0)
    if pid:
        break
    if time.perf_counter() - start > timeout:
        proc.kill()
        _pid, status, usage = os.wait4(proc.pid, 0)
        break
    time.sleep(0.005)
wall = time.perf_counter() - start
with open(figures, "w") as f:
    json.dump([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
               os.waitstatus_to_exitcode(status)], f)
"""

TAIL_BYTES = 600


def measure(argv: list[str], timeout: float = 0.0, marker: bytes | None = None) -> dict[str, Any]:
    """Run ``argv`` with its output in a temporary file, killed after ``timeout`` seconds
    (0: never). ``marked`` says whether ``marker`` occurs anywhere in the output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as scratch:
        figures = Path(scratch) / "figures.json"
        launch = [sys.executable, "-c", LAUNCHER, str(figures), str(timeout), *argv]
        subprocess.run(launch, stdout=out, stderr=subprocess.STDOUT, check=False)
        wall, cpu, maxrss, code = json.loads(figures.read_text())
        size = out.tell()
        out.seek(0)
        marked = False
        tail = b""
        while chunk := out.read(1 << 20):
            if marker is not None:
                marked = marked or marker in tail[-len(marker) :] + chunk
            tail = (tail + chunk)[-TAIL_BYTES:]
    return {
        "wall": wall,
        "cpu": cpu,
        "rss": maxrss * 1024,  # kilobytes on Linux
        "returncode": code,
        "output_bytes": size,
        "timed_out": bool(timeout) and wall > timeout,
        "marked": marked,
        "tail": tail.decode("utf-8", "replace"),
    }
