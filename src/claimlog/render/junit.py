"""JUnit XML: one test case per finding, and one passing test case per file without one.

A finding is a test case in the class of its file, named by its code, rule and message
(``CL201 unknown-reference: evidence 'ev-a' cites unknown source 'src-b'``), never by
its place: GitLab tells test cases apart by class and name and compares them across
pipelines, so a line added above must rename none (a name with ``12:13`` in it showed
every finding below as one new failure and one fixed). The lines of the places a
message quotes are left out of the name as they are of fingerprints ('first defined
at line #', :func:`~claimlog.diagnostics.without_places`), and a name a finding of
the file already has is numbered, ``(2)``, in the findings' order. The place is the
first thing of the failure's text (``ledgers/a.yaml:12:13: error[CL201] ...``).

A finding that fails the run (an error; a warning too under ``--strict``) is a
``<failure>``; a warning that does not is ``<skipped>``, shown but never failing, so the
report fails exactly when the run exits 1. A file checked with no findings is one
passing test case (``no findings``), so a clean run still says what it checked.

Every text from a ledger or a file name goes through :func:`xml_text`: controls,
bidi controls and line separators are visible escapes (:func:`~.safe.literal`), and
so is every character XML 1.0 forbids (lone surrogates from file names that are not
UTF-8, U+FFFE, U+FFFF), so the report is always well-formed and every line of a
failure's text is one line of the finding. A ``#`` that would make ``##[`` is written
``&#35;`` (the same text to an XML reader): GitHub Actions reads ``##[error]`` anywhere
in a line of a log as a command, and a workflow may well ``cat`` the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from ..diagnostics import Diagnostic, Severity, without_places
from .common import Style
from .safe import literal, xml_chars

if TYPE_CHECKING:
    from . import CheckPage

_COMMAND = re.compile(r"#(?=#\[)")
"""The first ``#`` of ``##[``, which starts a command of the GitHub Actions runner
anywhere in a line (a file named ``##[error]x.yaml``)."""

PASSED = "no findings"
"""The name of the test case of a file checked with no findings."""


def xml_text(text: str) -> str:
    """``text`` on one line, safe in XML 1.0 and on a terminal."""
    return xml_chars(literal(text))


def _errors_fail(d: Diagnostic) -> bool:
    return d.severity is Severity.ERROR


def _names(found: Sequence[Diagnostic]) -> list[str]:
    """The test case names of the findings of one file, in their order: code, rule and
    message without the lines of the places it quotes, so a line added above changes
    none; a name taken by an earlier finding is numbered, ``(2)``, ``(3)``..."""
    taken: set[str] = set()
    last: dict[str, int] = {}
    out = []
    for d in found:
        base = f"{d.code} {d.rule.name}: {xml_text(without_places(d.message))}"
        name, n = base, last.get(base, 1)
        while name in taken:  # a message may itself end in ' (2)'
            n += 1
            name = f"{base} ({n})"
        last[base] = n
        taken.add(name)
        out.append(name)
    return out


def _case(suite: ET.Element, d: Diagnostic, name: str, fails: bool) -> None:
    case = ET.SubElement(suite, "testcase", classname=xml_text(d.path), name=name)
    message = f"{d.severity.value}[{d.code}] {xml_text(d.message)}"
    text = f"{xml_text(d.path)}:{d.line}:{d.column}: {message}"
    if d.hint:
        text += f"\nhint: {xml_text(d.hint)}"
    if fails:
        outcome = ET.SubElement(case, "failure", type=f"{d.code} {d.rule.name}", message=message)
    else:
        outcome = ET.SubElement(case, "skipped", message=message)
    outcome.text = text


def render(
    diagnostics: Sequence[Diagnostic],
    files: Sequence[str],
    fails: Callable[[Diagnostic], bool] = _errors_fail,
) -> str:
    """The report of ``diagnostics`` over ``files``; ``fails`` says which findings fail
    the run (default: errors)."""
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in files}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)
    failing = sum(1 for d in diagnostics if fails(d))
    skipped = len(diagnostics) - failing
    passed = sum(1 for found in by_file.values() if not found)
    counts = {
        "tests": str(len(diagnostics) + passed),
        "failures": str(failing),
        "errors": "0",
        "skipped": str(skipped),
    }
    suites = ET.Element("testsuites", {"name": "claimlog", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "claimlog check", **counts})
    for path in sorted(by_file):
        if not by_file[path]:
            ET.SubElement(suite, "testcase", classname=xml_text(path), name=PASSED)
        for d, name in zip(by_file[path], _names(by_file[path]), strict=True):
            _case(suite, d, name, fails(d))
    ET.indent(suites)
    # '##[' is only ever in text or an attribute's value, where a reference is the same
    body = _COMMAND.sub("&#35;", ET.tostring(suites, encoding="unicode"))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def check(page: CheckPage, style: Style) -> str:
    """``check --format junit``."""
    return render(page.findings, page.files, page.fails)
