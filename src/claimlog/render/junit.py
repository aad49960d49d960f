"""JUnit XML: one test case per ledger file, one failure per finding.

Every text from a ledger or a file name goes through :func:`xml_text`: controls,
bidi controls and line separators are visible escapes (:func:`~.safe.literal`), and
so is every character XML 1.0 forbids (lone surrogates from file names that are not
UTF-8, U+FFFE, U+FFFF), so the report is always well-formed and every line of a
failure's text is one line of the finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from ..diagnostics import Diagnostic
from .common import Style
from .safe import literal

if TYPE_CHECKING:
    from . import CheckPage

_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 forbids and :func:`literal` leaves: surrogates and two noncharacters."""


def xml_text(text: str) -> str:
    """``text`` on one line, safe in XML 1.0 and on a terminal."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", literal(text))


def render(diagnostics: Sequence[Diagnostic], files: Sequence[str]) -> str:
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in files}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)
    failing = sum(1 for found in by_file.values() if found)
    suites = ET.Element(
        "testsuites", name="claimlog", tests=str(len(by_file)), failures=str(failing)
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="claimlog check",
        tests=str(len(by_file)),
        failures=str(failing),
        errors="0",
        skipped="0",
    )
    for path in sorted(by_file):
        case = ET.SubElement(suite, "testcase", classname="claimlog", name=xml_text(path))
        for d in by_file[path]:
            message = f"{d.severity.value}[{d.code}] {xml_text(d.message)}"
            text = f"{xml_text(d.path)}:{d.line}:{d.column}: {message}"
            if d.hint:
                text += f"\nhint: {xml_text(d.hint)}"
            failure = ET.SubElement(
                case, "failure", type=f"{d.code} {d.rule.name}", message=message
            )
            failure.text = text
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def check(page: CheckPage, style: Style) -> str:
    """``check --format junit``."""
    return render(page.findings, page.files)
