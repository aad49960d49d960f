"""``check --show-config``: every setting, its value and where it came from.

Configuration files can come with a pull request: every key, value, origin and the
file's name is shown on its one line, its line breaks and controls as visible escapes
(:func:`~.safe.literal`), so a value can neither start a line of its own (a GitHub
workflow command ``::...``) nor drive the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .common import Style
from .safe import literal

if TYPE_CHECKING:
    from . import ConfigPage


def text(page: ConfigPage, style: Style) -> str:
    rows = [(literal(key), literal(value), literal(origin)) for key, value, origin in page.rows]
    width = max(len(key) for key, _, _ in rows)
    return f"# configuration file: {literal(page.file)}\n" + "".join(
        f"{key:<{width}} = {value}  # {origin}\n" for key, value, origin in rows
    )
