"""JUnit XML: one test case per ledger file, one failure per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from ..diagnostics import Diagnostic
from .common import Style
from .safe import literal

if TYPE_CHECKING:
    from . import CheckPage


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
        case = ET.SubElement(suite, "testcase", classname="claimlog", name=literal(path))
        for d in by_file[path]:
            text = f"{d.path}:{d.line}:{d.column}: {d.severity.value}[{d.code}] {d.message}"
            if d.hint:
                text += f"\nhint: {d.hint}"
            failure = ET.SubElement(
                case,
                "failure",
                type=f"{d.code} {d.rule.name}",
                message=literal(f"{d.severity.value}[{d.code}] {d.message}"),
            )
            failure.text = literal(text, keep_breaks=True)
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def check(page: CheckPage, style: Style) -> str:
    """``check --format junit``."""
    return render(page.findings, page.files)
