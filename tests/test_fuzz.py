"""Fuzzing (issue 8): Hypothesis feeds the loader and the whole check + summary
pipeline (every check format, every summary format, ``show`` of a few claims) with
random bytes, random YAML-like token soup and random ledger-shaped documents. The
only property: nothing raises (every problem of an input is a finding), and the
JSON outputs parse.

``make test`` runs a few dozen derandomized examples of each (a few seconds);
``make fuzz`` runs many more, randomly (``CLAIMLOG_FUZZ_EXAMPLES``). Every crash
found becomes an exact example in tests/test_fuzz_regressions.py.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlog.loader import load_bytes
from claimlog.pipeline import Purpose, Run
from claimlog.render import FORMATS, CheckPage, ShowPage, SummaryPage, render
from claimlog.settings import Settings

EXAMPLES = int(os.environ.get("CLAIMLOG_FUZZ_EXAMPLES", "0") or 0)
"""Examples per target (``make fuzz``); unset: a short derandomized run."""

FUZZ = settings(
    max_examples=EXAMPLES or 25,
    deadline=None,
    derandomize=not EXAMPLES,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def pipeline(data: bytes) -> None:
    """``data`` as the one ledger file of a repository, through the loader, ``check``
    in every format, ``summary`` in every format and ``show`` of the first claims."""
    load_bytes(data, "a.yaml")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        (root / "ledgers").mkdir()
        (root / "ledgers" / "a.yaml").write_bytes(data)
        config = Settings(root=root)
        run = Run.start(config, root)
        assert run.exit_code in (0, 1)
        page = CheckPage(run.findings, run.files, run.line, root)
        for fmt in FORMATS["check"]:
            out = render("check", fmt, page)
            if fmt == "json":
                json.loads(out)
        assess = Run.start(config, root, Purpose.ASSESS)
        rows = assess.claims()
        assessed = assess.assessed()
        groups = {g: assessed.groups[g] for g in sorted({a.group for a in rows if a.group})}
        summary = SummaryPage(rows, None, groups)
        for fmt in FORMATS["summary"]:
            out = render("summary", fmt, summary)
            if fmt == "json":
                json.loads(out)
        for row in rows[:3]:
            claim, rivals = assess.claim(row.id)
            shown = ShowPage(assess.ledger_set, claim, rivals, None, assessed)
            for fmt in FORMATS["show"]:
                render("show", fmt, shown)


# --- strategies ------------------------------------------------------------------------

IDS = ["a", "b", "c", "a-b", "x1", "\u0455", "\uff41", "A", "a ", "", "-", "1"]
KEYS = [
    "title", "sources", "claims", "evidence", "groups", "id", "name", "kind",
    "reliability", "affiliation", "derived_from", "url", "statement", "group", "prior",
    "parties", "claimed_by", "verdict", "resolution", "exhaustive", "question",
    "summary", "source", "via", "based_on", "stance", "credibility", "date",
    "retracted", "quote", "archive_url", "sha256", "tags", "notes", "x",
]  # fmt: skip
SCALARS = [
    *IDS, "supports", "refutes", "neutral", "outlet", "government", "person", "A", "B",
    "F", "1", "4", "6", "0", "0.5", "1.5", "-1", "2024-03-22", "2024-13-40",
    "2024-03-22T10:00:00+03:00", "3000-01-01", "yes", "no", "true", "null", "~",
    "https://example.org/x", "ftp://x", "supported", "refuted", "disputed", "é" * 3,
    "\u2028", "\u202e", "\x85", "\ufeff", "\ufffe",
]  # fmt: skip
TOKENS = [
    *KEYS, *SCALARS, ": ", ":", "- ", "-", "\n", "\n  ", "\n    ", "  ", "\t", "[", "]",
    "{", "}", ", ", "&x ", "*x", "!!str ", "!x ", "<<: ", "? ", "|\n  ", ">-\n  ", "'",
    '"', "#", " # claimlog: ignore[CL201]", "# claimlog: ignore[", "---\n", "...\n",
    "%YAML 1.1\n", "\r\n", "\r", "\x00", "\\", "@", "`", "%",
]  # fmt: skip

scalars = st.sampled_from(SCALARS) | st.text(max_size=8)
ids = st.sampled_from(IDS)


def _entity(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    value = st.recursive(
        scalars | st.integers(-3, 10) | st.floats(allow_nan=True) | st.booleans() | st.none(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ids, inner, max_size=3),
        max_leaves=6,
    )
    return st.dictionaries(st.sampled_from(keys), value, max_size=len(keys))


source_keys = ["id", "name", "kind", "reliability", "affiliation", "derived_from", "x"]
claim_keys = ["id", "statement", "group", "prior", "parties", "claimed_by", "verdict"]
item_keys = [
    "id", "summary", "source", "via", "based_on", "stance", "credibility", "date",
    "retracted", "quote",
]  # fmt: skip


@st.composite
def ledgers(draw: st.DrawFn) -> bytes:
    """A ledger-shaped document: the right sections, entities with the right keys and
    plausible or wrong values, dumped as YAML."""
    doc: dict[str, Any] = {}
    for section, keys in (
        ("sources", source_keys),
        ("claims", claim_keys),
        ("evidence", item_keys),
        ("groups", ["id", "question", "exhaustive"]),
    ):
        if draw(st.booleans()):
            entities = draw(st.lists(_entity(keys), max_size=4))
            for k, entity in enumerate(entities):
                if draw(st.booleans()):
                    entity["id"] = draw(ids) + str(k % 2)
            doc[section] = entities
    if draw(st.booleans()):
        doc[draw(st.sampled_from(KEYS))] = draw(scalars)
    flow = draw(st.sampled_from([False, True, None]))
    text = yaml.safe_dump(doc, allow_unicode=draw(st.booleans()), default_flow_style=flow)
    return text.encode("utf-8", "surrogatepass")


token_soup = st.lists(st.sampled_from(TOKENS), max_size=60).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    pipeline(data)


@FUZZ
@given(token_soup)
def test_yaml_like_token_soup(data: bytes) -> None:
    pipeline(data)


@FUZZ
@given(ledgers())
def test_ledger_shaped_documents(data: bytes) -> None:
    pipeline(data)
