"""Links: a URL that reads as one site and goes to another (CL110).

The format's URL pattern (model.URL_PATTERN) takes what RFC 3986 allows; this check
reports what passes it and still misleads a reviewer who reads a link by its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from .. import invisible as hiding
from .. import rules as R
from ..diagnostics import Diagnostic, char_name, diag
from ..invisible import shows_as_nothing as invisible
from ..loader import BIDI_CONTROLS
from ..model import Evidence, Source
from .confusables import mixed_scripts, skeleton

if TYPE_CHECKING:
    from ..ledgerset import LedgerSet
    from .options import CheckOptions

_AUTHORITY: Final = re.compile(r"^[A-Za-z]+://([^/?#\\]*)")
"""The authority of a URL: up to the first '/', '?', '#' or '\\' (which browsers read
as '/' in http(s) URLs: ``https://evil.example\\@www.reuters.com/`` goes to evil.example)."""
_PORT: Final = re.compile(r":[0-9]*$")
_UNSEEN: Final = re.compile(f"[{''.join(map(chr, BIDI_CONTROLS))}{hiding.CLASS}]")
"""What makes a URL anywhere in it read as another: a bidirectional control (U+202E
shows ``https://www.reuters.com/`` + U+202E + ``moc.live`` as ending in 'evil.com'), or a
character that hides text (CL019's). A YAML escape (``"\\u202e"``) puts one in a value
while the file holds none."""


MAX_HOST: Final = 253
"""The longest host name DNS allows: what is looked at of a host (a hunt: hosts of
10 million characters took 11 s)."""


@lru_cache(maxsize=1 << 16)
def deception(url: str) -> tuple[str, str] | None:
    """Why ``url`` reads as one site and goes to another, with a hint; None when it
    does not: a bidirectional control or a character that hides text anywhere in it
    (:func:`_unseen`), a user name before '@', or a host that reads as another
    (:func:`_host_deception`)."""
    if not url.isascii():
        unseen = _unseen(url)
        if unseen is not None:
            return unseen, _ANEW
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
    if host.isascii():  # the rest needs a character that is not ASCII (nearly every URL)
        return None
    return _host_deception(url, host[:MAX_HOST])


_ANEW: Final = "type the address anew, or copy it from the browser's address bar"


def _unseen(url: str) -> str | None:
    """Why ``url`` does not show as what it is: the first bidirectional control or
    character that hides text in it, named."""
    found = _UNSEEN.search(url)
    if found is None:
        return None
    code = ord(found.group())
    if code in BIDI_CONTROLS:
        return (
            f"'{url}' holds the bidirectional control U+{code:04X} {BIDI_CONTROLS[code]}, "
            "which shows what follows it in another order: the address can read as "
            "another site's"
        )
    return (
        f"'{url}' holds the invisible character {char_name(found.group())}: the address "
        "shown is not the address followed"
    )


def _host_deception(url: str, host: str) -> tuple[str, str] | None:
    """A host that reads as another: an invisible character, punctuation that is not
    ASCII (U+2044 FRACTION SLASH reads as '/', so a host 'reuters.com' + U+2044 +
    'x.evil.example' reads as a path of Reuters), a label that mixes scripts, or a
    label wholly of letters that look Latin (Cyrillic 'apple') under a Latin top-level
    domain."""
    import unicodedata

    for ch in host:
        if invisible(ch):
            return f"the host of '{url}' holds the invisible character {char_name(ch)}", _ANEW
        if not ch.isascii() and unicodedata.category(ch)[0] in "PS":
            return (
                f"the host of '{url}' holds '{ch}' ({char_name(ch)}), which reads as "
                "punctuation of the address: what follows is still the host",
                _ANEW,
            )
    labels = host.split(".")
    for label in labels:
        scripts = mixed_scripts(label)
        if scripts is not None:
            mixed = " and ".join(s.title() for s in scripts)
            return (
                f"the host of '{url}' mixes {mixed} letters in '{label}': "
                "it looks like another site's name",
                _ANEW,
            )
    if labels[-1].isascii():  # a label of another script under a Latin domain
        for label in labels:
            if not label.isascii() and skeleton(label).isascii():
                return (
                    f"the host of '{url}' has '{label}', which looks like the Latin "
                    f"'{skeleton(label)}': it reads as another site's name",
                    _ANEW,
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
