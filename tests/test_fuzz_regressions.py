"""Exact inputs for the fuzz target of tests/test_fuzz.py: every crash the fuzzer finds
is added here as it was found (the smallest input Hypothesis reports), so that it
stays fixed whatever the fuzzer draws next time.

Fuzzing has found no crash of the loader or of check + summary + show so far
(``make fuzz`` with 5,000 random examples per target). The inputs below are the
edges of the bounded-work code of issue 8 that the fuzzer's strategies reach only
rarely: they go through the same whole pipeline.
"""

from __future__ import annotations

import pytest

from test_fuzz import pipeline

INPUTS = {
    # a finding at the very end of a long line, and past a line's end (empty values)
    "finding at the end of a long line": (
        b"sources:\n  - {id: s, name: S}\nclaims:\n  - {id: c, statement: C.}\n"
        b"evidence:\n  - {id: e, summary: I., source: s, stance: {c: supports}, via: ["
        + b", ".join(b"u%d" % i for i in range(200))
        + b"]}\n"
    ),
    "empty values at line ends": b"sources:\n  - id:\n    name:\nclaims:\nevidence:\n",
    # a suppression comment after a multi-line scalar, one inside it, and a file-wide one
    "suppressions around a block scalar": (
        b"# claimlog: ignore[CL406]\nsources:\n  - id: s\n    name: >-\n"
        b"      text # claimlog: ignore[CL201]\n      more\n"
        b"    kind: outlet  # claimlog: ignore[CL999, unknown-reference]\n"
    ),
    # did-you-mean over more ids than the exhaustive comparison takes
    "did-you-mean through the index": (
        b"sources:\n"
        + b"".join(b"  - {id: source-%04d, name: S}\n" % i for i in range(300))
        + b"claims:\n  - {id: c, statement: C.}\nevidence:\n"
        + b"".join(
            b"  - {id: e%d, summary: I., source: %s, stance: {c: supports}}\n" % (i, w)
            for i, w in enumerate([b"sourse-0001", b"", b"-", b"s", b"\xc3\xa9" * 40])
        )
    ),
    # lonely groups among many, with empty and look-alike names
    "many lonely groups": b"claims:\n"
    + b"".join(b"  - {id: c%d, statement: C., group: 'g%d'}\n" % (i, i) for i in range(250))
    + b"  - {id: d, statement: C., group: ''}\n",
    # more aliases than the loader reads
    "aliases past the limit": b"x: [&a 1," + b",".join([b"*a"] * 1_500) + b"]\n",
    "a byte-order mark alone": b"\xef\xbb\xbf",
    "a NUL": b"a: \x00\n",
}


@pytest.mark.parametrize("data", INPUTS.values(), ids=INPUTS.keys())
def test_regression(data: bytes) -> None:
    pipeline(data)
