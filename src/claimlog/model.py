"""The ledger format as claimlog's code reads it: constants, the value parsers, the
records of entities (:mod:`claimlog.records`, generated from the pydantic models of
:mod:`claimlog.formatmodels`), and the positioned entities built from them.

This module imports no validation library: a valid file is read without pydantic
(:mod:`claimlog.fastvalid`); :mod:`claimlog.formatmodels` is the one source of truth of
the format, used for the schema, for files that fail, and to generate the records.
"""

from __future__ import annotations

import functools
import re
from dataclasses import field
from datetime import date, datetime
from typing import Final, Literal

from .diagnostics import Diagnostic, Span
from .loader import Map, Seq
from .plaindata import dataclass
from .records import Claim, Evidence, Group, Resolution, Source

__all__ = ["Claim", "Evidence", "Group", "Resolution", "Source"]

ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
TEXT_PATTERN: Final = r"\S"
URL_PATTERN: Final = (
    r"^https?://(?:[^\s\x00-\x1f\x7f-\x9f\\/?#@]+@)?"  # user information
    r"(?:\[[0-9A-Fa-f:.]+\]|[^\s\x00-\x1f\x7f-\x9f\\/?#@:\[\]]+)"  # [IPv6] or a host name
    r"(?::[0-9]{0,5})?"  # port (empty: the scheme's own)
    r"(?:[/?#][^\s\x00-\x1f\x7f-\x9f\\]*)?$"  # path, query, fragment
)
"""An http(s) URL: a host (or a bracketed IPv6 address), an optional port of at most
five digits (RFC 3986 allows it empty), and no white space, control character (C0,
DEL, C1) or backslash. Browsers read a backslash as '/' in an http(s) URL, other
programs (Python's urllib) as part of the name it is in, so that
``https://www.reuters.com\\@evil.example/`` names Reuters to one reader and evil.example
to the next; RFC 3986 has no place for one (a path writes it %5C)."""
SHA256_PATTERN: Final = r"^[0-9a-fA-F]{64}$"

SOURCE_KINDS: Final = (
    "person",
    "organisation",
    "government",
    "outlet",
    "social-media",
    "document",
    "anonymous",
    "other",
)
EVIDENCE_KINDS: Final = (
    "statement",
    "observation",
    "document",
    "media",
    "analysis",
    "testimony",
    "other",
)
STANCES: Final = ("strongly-supports", "supports", "neutral", "refutes", "strongly-refutes")
VERDICTS: Final = ("supported", "refuted", "disputed", "unverified")

Reliability = Literal["A", "B", "C", "D", "E", "F"]
Stance = Literal["strongly-supports", "supports", "neutral", "refutes", "strongly-refutes"]
Verdict = Literal["supported", "refuted", "disputed", "unverified"]
SourceKind = Literal[
    "person",
    "organisation",
    "government",
    "outlet",
    "social-media",
    "document",
    "anonymous",
    "other",
]
EvidenceKind = Literal[
    "statement", "observation", "document", "media", "analysis", "testimony", "other"
]
TESTS: Final = ("straw", "hoop", "smoking-gun", "doubly-decisive")
TestType = Literal["straw", "hoop", "smoking-gun", "doubly-decisive"]


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})", re.IGNORECASE
)


@functools.lru_cache(maxsize=1 << 16)
def strict_date(text: str) -> date | None:
    """A ``YYYY-MM-DD`` date, or None: no week dates, no basic format, no ordinal days
    (which Python's ``fromisoformat`` would accept). One object per date: a ledger
    writes a few thousand dates hundreds of thousands of times."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def calendar_date(value: date | datetime) -> date:
    """The calendar date of a date, or of a date-time in its own offset."""
    return value.date() if isinstance(value, datetime) else value


def parse_date(value: object) -> date | datetime | None:
    """A date or date-time as the format spells it (``YYYY-MM-DD``, or an ISO 8601
    date-time with an offset), or None."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    day = strict_date(text)
    if day is not None:
        return day
    if _DATE_TIME.fullmatch(text):
        try:
            return datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
        except ValueError:
            pass
    return None


def parse_flag(value: object) -> bool | None:
    """true or false (any case), or None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


EntityModel = Source | Claim | Evidence | Group
KIND_RECORDS: Final[dict[str, type[Source] | type[Claim] | type[Evidence] | type[Group]]] = {
    "sources": Source,
    "claims": Claim,
    "evidence": Evidence,
    "groups": Group,
}
"""The record of each section's entities, in the order sections are read."""
SECTIONS: Final = tuple(KIND_RECORDS)
KIND_NOUN: Final = {
    "sources": "source",
    "claims": "claim",
    "evidence": "evidence",
    "groups": "group",
}
ID_FIELDS: Final = frozenset(
    {"id", "source", "via", "derived_from", "claimed_by", "stance", "based_on"}
)
URL_FIELDS: Final = frozenset({"url", "archive_url"})


@dataclass(frozen=True, slots=True)
class Entity:
    """A validated source, claim or evidence item and where it stands."""

    model: Source | Claim | Evidence | Group
    path: str
    node: Map
    order: int

    @property
    def id(self) -> str:
        return self.model.id

    def key_span(self, key: str) -> Span:
        return self.node.key_span(key)

    def value_span(self, key: str) -> Span:
        return self.node.value_span(key)

    def item_span(self, key: str, index: int) -> Span:
        value = self.node.get(key)
        if isinstance(value, Seq) and index < len(value.item_spans):
            return value.item_spans[index]
        return self.value_span(key)


@dataclass(slots=True)
class FileModel:
    """The entities of one file (the ones that validated) and its schema findings."""

    path: str
    title: str | None
    sources: list[Entity]
    claims: list[Entity]
    evidence: list[Entity]
    diagnostics: list[Diagnostic]
    groups: list[Entity] = field(default_factory=list)
    description: str | None = None
    broken: list[tuple[str, str]] = field(default_factory=list)
    """(noun, id) of entities too broken to recover: known to exist, not usable."""
    unread: list[str] = field(default_factory=list)
    """The ids among ``broken`` of a part of the file that is not read (the file, when the
    loader refused it; a section that is not read): known to exist only while the
    finding that says why is reported (:mod:`claimlog.checks.cascades`)."""
    set_aside: list[tuple[Span, frozenset[str]]] = field(default_factory=list)
    """The span of each entry of which validation set something aside (the entry, or
    values dropped from it), with the texts of what it set aside (as ``broken_refs``)."""
    broken_refs: set[str] = field(default_factory=set)
    """Every text (key or value) inside those entities and inside the values dropped from
    entities recovered without them: the ids they may name, whose whole-set findings
    would be cascades of the breakage (:mod:`claimlog.checks.cascades`)."""
    recovered: set[int] = field(default_factory=set)
    """The ``order`` of each entity kept after validation set values of it aside past
    the first :data:`~claimlog.validation.MAX_DESCRIBED` (only counted, by CL109): not
    to be taken at its word (:attr:`claimlog.ledgerset.LedgerSet.flawed`; a described
    one holds its findings)."""
