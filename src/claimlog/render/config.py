"""``check --show-config``: every setting, its value and where it came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .common import Style
from .safe import literal

if TYPE_CHECKING:
    from . import ConfigPage


def text(page: ConfigPage, style: Style) -> str:
    width = max(len(key) for key, _, _ in page.rows)
    body = f"# configuration file: {page.file}\n" + "".join(
        f"{key:<{width}} = {value}  # {origin}\n" for key, value, origin in page.rows
    )
    return literal(body, keep_breaks=True)
