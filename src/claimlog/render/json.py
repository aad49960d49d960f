"""JSON output of ``check`` (and of any value): stable key order and formatting, the
shape docs/checks.md documents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic
from .common import Style, counts, diagnostic_dict, dumps

if TYPE_CHECKING:
    from . import CheckPage

__all__ = ["check", "counts", "diagnostic_dict", "dumps", "render_check", "value"]


def render_check(diagnostics: Sequence[Diagnostic], files: int) -> str:
    return dumps(
        {
            "version": 1,
            "files": files,
            "counts": counts(diagnostics),
            "diagnostics": [diagnostic_dict(d) for d in diagnostics],
        }
    )


def check(page: CheckPage, style: Style) -> str:
    """``check --format json``."""
    return render_check(page.findings, len(page.files))


def value(page: Any, style: Style) -> str:
    """Any JSON value (``schema``)."""
    return dumps(page)
