"""JUnit XML: one test case per finding, and one passing test case per file without one.

A finding is a test case named by its code, rule and place (``CL201 unknown-reference
at 12:13``) in the class of its file. A finding that fails the run (an error; a
warning too under ``--strict``) is a ``<failure>``; a warning that does not is
``<skipped>``, shown but never failing, so the report fails exactly when the run exits
1. A file checked with no findings is one passing test case (``no findings``), so a
clean run still says what it checked.

Every text from a ledger or a file name goes through :func:`xml_text`: controls,
bidi controls and line separators are visible escapes (:func:`~.safe.literal`), and
so is every character XML 1.0 forbids (lone surrogates from file names that are not
UTF-8, U+FFFE, U+FFFF), so the report is always well-formed and every line of a
failure's text is one line of the finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from ..diagnostics import Diagnostic, Severity
from .common import Style
from .safe import literal

if TYPE_CHECKING:
    from . import CheckPage

_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 forbids and :func:`literal` leaves: surrogates and two noncharacters."""

PASSED = "no findings"
"""The name of the test case of a file checked with no findings."""


def xml_text(text: str) -> str:
    """``text`` on one line, safe in XML 1.0 and on a terminal."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", literal(text))


def _errors_fail(d: Diagnostic) -> bool:
    return d.severity is Severity.ERROR


def _case(suite: ET.Element, d: Diagnostic, fails: bool) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        classname=xml_text(d.path),
        name=f"{d.code} {d.rule.name} at {d.line}:{d.column}",
    )
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
        for d in by_file[path]:
            _case(suite, d, fails(d))
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def check(page: CheckPage, style: Style) -> str:
    """``check --format junit``."""
    return render(page.findings, page.files, page.fails)
