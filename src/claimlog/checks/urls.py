"""Links: a URL that reads as one site and goes to another (CL110).

The format's URL pattern (model.URL_PATTERN) takes what RFC 3986 allows; this check
reports what passes it and still misleads a reviewer who reads a link by its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from .. import rules as R
from ..diagnostics import Diagnostic, diag
from ..model import Evidence, Source
from .confusables import invisible, mixed_scripts

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from .options import CheckOptions

_AUTHORITY: Final = re.compile(r"^[A-Za-z]+://([^/?#]*)")
_PORT: Final = re.compile(r":[0-9]*$")


def deception(url: str) -> tuple[str, str] | None:
    """Why ``url`` reads as one site and goes to another, with a hint; None when it
    does not: a user name before '@', or a host with an invisible character or a label
    that mixes scripts."""
    found = _AUTHORITY.match(url)
    if found is None:
        return None
    authority = found.group(1)
    user, at, host = authority.rpartition("@")
    if not host.startswith("["):
        host = _PORT.sub("", host)
    if at:
        return (
            f"'{url}' goes to '{host}': '{user}' before '@' is a user name, not the site",
            "a link to a published page has no user name: write the address as its site shows it",
        )
    hidden = next((ch for ch in host if invisible(ch)), None)
    if hidden is not None:
        return (
            f"the host of '{url}' holds an invisible character (U+{ord(hidden):04X})",
            "type the address anew, or copy it from the browser's address bar",
        )
    for label in host.split("."):
        scripts = mixed_scripts(label)
        if scripts is not None:
            mixed = " and ".join(s.title() for s in scripts)
            return (
                f"the host of '{url}' mixes {mixed} letters in '{label}': "
                "it looks like another site's name",
                "type the address anew, or copy it from the browser's address bar",
            )
    return None


def deceptive_urls(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """CL110 at every source's and evidence item's URL that reads as one site and goes
    to another."""
    for noun, entities, fields in (
        ("source", ls.sources, ("url",)),
        ("evidence", ls.evidence, ("url", "archive_url")),
    ):
        for entity in entities.values():
            model = entity.model
            assert isinstance(model, Source | Evidence)
            for field in fields:
                url = getattr(model, field)
                found = deception(url) if url is not None else None
                if found is not None:
                    message, hint = found
                    yield diag(
                        R.DECEPTIVE_URL,
                        entity.path,
                        entity.value_span(field),
                        f"{noun} '{model.id}': {field} {message}",
                        hint=hint,
                    )
