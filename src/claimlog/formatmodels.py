"""The pydantic models of the ledger format: the one source of truth of the format.

They give ``claimlog schema`` its JSON Schema, explain a file that fails (every
validation error mapped back to its place by :mod:`claimlog.validation`), and generate
:mod:`claimlog.records` (``scripts/records.py``): the records claimlog's code reads and
the field table :mod:`claimlog.fastvalid` validates a valid file with, without pydantic.
tests/test_records.py holds the generated module to these models and both validators
to the same verdicts.

Values reach the models as the loader built them: text stays text and each field
converts only what its type asks for (dates, integers, booleans).
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Annotated, Any, Final

# claimlog uses no pydantic plugin: skip the scan of every installed package's entry
# points that pydantic makes when the first model is built (issue 13).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .model import (
    ID_PATTERN,
    SHA256_PATTERN,
    TEXT_PATTERN,
    URL_PATTERN,
    EvidenceKind,
    Reliability,
    SourceKind,
    Stance,
    TestType,
    Verdict,
    parse_date,
    parse_flag,
)


def _parse_date(value: Any) -> date | datetime:
    parsed = parse_date(value)
    if parsed is not None:
        return parsed
    if not isinstance(value, str):
        raise PydanticCustomError("malformed_date", "a date must be text")
    raise PydanticCustomError("malformed_date", "'{value}' is not a valid date", {"value": value})


def _parse_bool(value: Any) -> bool:
    parsed = parse_flag(value)
    if parsed is None:
        raise PydanticCustomError("bool_value", "'{value}' is not true or false", {"value": value})
    return parsed


def _no_separator(value: Any, kind: str) -> Any:
    """Refuse a number written with ``_``, which Python and pydantic read as a digit
    separator: ``credibility: 0_2`` (a typo) would quietly be 2, ``prior: 0.1_5`` 0.15.
    The schema's patterns refuse it too, and so do the fast path's number forms (digits
    only), which is why :mod:`claimlog.recordgen` passes over these two."""
    if isinstance(value, str) and "_" in value:
        wanted = "a whole number" if kind == "int_parsing" else "a number"
        raise PydanticCustomError(kind, "'{value}' is not " + wanted, {"value": value})
    return value


def _whole_number_text(value: Any) -> Any:
    return _no_separator(value, "int_parsing")


def _number_text(value: Any) -> Any:
    return _no_separator(value, "float_parsing")


def _parse_retracted(value: Any) -> bool | date | datetime:
    """``retracted``: true or false, or the date of the retraction."""
    flag = parse_flag(value)
    if flag is not None:
        return flag
    parsed = parse_date(value)
    if parsed is None:
        raise PydanticCustomError(
            "bool_value", "'{value}' is not true, false or a date", {"value": value}
        )
    return parsed


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="An id: 1-128 letters, digits, '.', '_', '-', ':'; starts alphanumeric."),
]
Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
Tag = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]

# --- what an editor sees -----------------------------------------------------------
# The fragments of the JSON Schema (``claimlog schema``) for the fields that convert
# their text. An editor's YAML 1.2 parser turns plain ``2``, ``0.5`` and ``true`` into a
# number or a boolean, while claimlog reads the text; so each fragment takes the number
# or boolean where the text would convert, and spells the text forms the validators
# accept with ASCII digits and the exact whitespace they strip (ECMA-262 and Python
# regular expressions read these patterns alike). tests/test_schema_parity.py holds
# them to the validators.

UNICODE_SPACE: Final = r"\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""Unicode White_Space as the body of a character class: what pydantic strips from a
number written as text, and what ``\\s`` means in its (Rust) patterns."""
PYTHON_SPACE: Final = UNICODE_SPACE + r"\x1c-\x1f"
"""What Python's ``str.strip()`` strips (dates): White_Space and four separators."""

_YEAR_DAY: Final = (
    r"(?!0000)[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    r"|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
)
_LEAP_DAY: Final = (
    r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
)
_TIME: Final = (
    r"[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
    r"(?:[Zz]|[+-](?:(?:[01][0-9]|2[0-2]):[0-9]{2}|23:[0-5][0-9]))"
)
DATE_TEXT_PATTERN: Final = (
    rf"^[{PYTHON_SPACE}]*(?:{_YEAR_DAY}|{_LEAP_DAY})(?:{_TIME})?[{PYTHON_SPACE}]*$"
)
"""The text :func:`_parse_date` accepts: a calendar date (no 0000, no 30 February), or a
date-time with an offset under 24 hours (``datetime.fromisoformat`` takes offset minutes
up to 99 below 23 hours: +03:60 is +04:00)."""
FLAG_TEXT_PATTERN: Final = r"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"
GRADE_TEXT_PATTERN: Final = rf"^[{UNICODE_SPACE}]*\+?0*[1-6](?:\.0+)?[{UNICODE_SPACE}]*$"
"""1 to 6 as text, as pydantic reads an integer: signed, zero-padded, ``.0``."""
_FRACTION: Final = r"0*\.[0-9]*[1-9][0-9]*"
_NEGATIVE_EXPONENT: Final = r"[eE]-0*(?:[1-9][0-9]?|[12][0-9]{2}|30[0-7])"
PRIOR_TEXT_PATTERN: Final = (
    rf"^[{UNICODE_SPACE}]*\+?(?:{_FRACTION}(?:[eE][+-]?0+)?"
    rf"|(?:{_FRACTION}|0*[1-9](?:\.[0-9]*)?){_NEGATIVE_EXPONENT})[{UNICODE_SPACE}]*$"
)
"""A number strictly between 0 and 1 as text: a fraction (``0.5``, ``.5``), or in
exponent notation with one integer digit (``5e-1``, ``0.5e0``)."""

_DATE_SCHEMA: Final = {
    "type": "string",
    "pattern": DATE_TEXT_PATTERN,
    "description": "YYYY-MM-DD, or an ISO 8601 date-time with an offset",
}
DateValue = Annotated[
    date | datetime,
    BeforeValidator(_parse_date),
    WithJsonSchema(_DATE_SCHEMA),
]
Flag = Annotated[
    bool,
    BeforeValidator(_parse_bool),
    WithJsonSchema({"type": ["boolean", "string"], "pattern": FLAG_TEXT_PATTERN}),
]
Retraction = Annotated[
    bool | date | datetime,
    BeforeValidator(_parse_retracted),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": ["boolean", "string"], "pattern": FLAG_TEXT_PATTERN},
                {k: v for k, v in _DATE_SCHEMA.items() if k != "description"},
            ],
            "description": "true or false, or the date of the retraction (YYYY-MM-DD)",
        }
    ),
]
Grade = Annotated[
    int,
    BeforeValidator(_whole_number_text),
    Field(ge=1, le=6),
    WithJsonSchema(
        {
            "type": ["integer", "string"],
            "minimum": 1,
            "maximum": 6,
            "pattern": GRADE_TEXT_PATTERN,
            "examples": [1, 2, 3, 4, 5, 6],
        }
    ),
]
Prior = Annotated[
    float,
    BeforeValidator(_number_text),
    Field(gt=0, lt=1, allow_inf_nan=False),
    WithJsonSchema(
        {
            "type": ["number", "string"],
            "exclusiveMinimum": 0,
            "exclusiveMaximum": 1,
            "pattern": PRIOR_TEXT_PATTERN,
        }
    ),
]
Meta = Annotated[dict[str, Any], Field(description="Free-form data; never checked.")]

_ENTITY_CONFIG: Final = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=False)


class _Annotated(BaseModel):
    """Fields every entity accepts besides its own: free text and free-form data."""

    notes: str | None = Field(default=None, description="Free text.")
    meta: Meta | None = Field(default=None, description="Free-form data; never checked.")


class Source(_Annotated):
    """Who said or produced something."""

    model_config = _ENTITY_CONFIG

    id: Id = Field(description="Unique id of the source across the ledger set.")
    name: Text = Field(description="Human name: 'Amaq News Agency', 'Unnamed U.S. official'.")
    kind: SourceKind | None = Field(default=None, description="What sort of source this is.")
    reliability: Reliability = Field(
        default="F",
        description="Admiralty source grade: A completely reliable, B usually reliable, "
        "C fairly reliable, D not usually reliable, E unreliable, F cannot be judged.",
    )
    affiliation: list[Tag] = Field(
        default_factory=list,
        description="Actor tags this source is affiliated with; claims' parties refer to them.",
    )
    derived_from: list[Id] = Field(
        default_factory=list,
        description="Sources this one republishes or depends on: not independent of them.",
    )
    url: Url | None = Field(default=None, description="http(s) URL of the source.")


class Resolution(BaseModel):
    """What later became known for certain about a claim: for scoring, never evidence."""

    model_config = _ENTITY_CONFIG

    value: Flag = Field(description="true when the claim turned out true, false otherwise.")
    date: DateValue | None = Field(default=None, description="When it became known.")
    source: Id | None = Field(default=None, description="The source that settled it.")
    notes: str | None = Field(default=None, description="Free text.")


class Claim(_Annotated):
    """A proposition under assessment."""

    model_config = _ENTITY_CONFIG

    id: Id = Field(description="Unique id of the claim across the ledger set.")
    statement: Text = Field(description="One checkable proposition.")
    date: DateValue | None = Field(default=None, description="When the claim was first made.")
    claimed_by: list[Id] = Field(default_factory=list, description="Source ids asserting it.")
    group: Text | None = Field(
        default=None,
        description="Competing-hypotheses group: claims sharing a group are mutually "
        "exclusive; at most one is true.",
    )
    parties: list[Tag] = Field(
        default_factory=list,
        description="Actors with a stake in the claim; evidence from a source affiliated "
        "with one of them is from an interested party.",
    )
    prior: Prior | None = Field(
        default=None,
        description=(
            "Base rate before evidence, in (0, 1); default 0.5, in a group of n claims "
            "1/(n+1), or 1/n when the group is exhaustive (of two claims or more)."
        ),
    )
    verdict: Verdict | None = Field(default=None, description="The verdict an analyst recorded.")
    tags: list[Tag] = Field(default_factory=list, description="Free labels.")
    resolution: Resolution | None = Field(
        default=None,
        description="What later became known for certain (value, date, source, notes): used "
        "to score past assessments, never as evidence.",
    )


class Evidence(_Annotated):
    """An item that bears on one or more claims."""

    model_config = _ENTITY_CONFIG

    id: Id = Field(description="Unique id of the item across the ledger set.")
    summary: Text = Field(description="What the item shows, in one or two sentences.")
    source: Id = Field(description="The origin: who observed, said or produced it.")
    via: list[Id] = Field(
        default_factory=list,
        description="The relay chain it reached us through, nearest the origin first.",
    )
    stance: Annotated[dict[Id, Stance], Field(min_length=1)] = Field(
        description="How the item bears on each claim, by claim id."
    )
    credibility: Grade = Field(
        default=6,
        description="Admiralty information grade: 1 confirmed, 2 probably true, 3 possibly "
        "true, 4 doubtful, 5 improbable, 6 cannot be judged.",
    )
    kind: EvidenceKind | None = Field(default=None, description="What sort of item this is.")
    date: DateValue | None = Field(default=None, description="When it was published or observed.")
    url: Url | None = Field(default=None, description="Where it can be seen.")
    archive_url: Url | None = Field(default=None, description="A preserved copy.")
    sha256: Annotated[str, StringConstraints(pattern=SHA256_PATTERN)] | None = Field(
        default=None, description="SHA-256 of the preserved copy, 64 hex digits."
    )
    quote: str | None = Field(default=None, description="Verbatim excerpt.")
    retracted: Retraction = Field(
        default=False,
        description="Withdrawn: true, or the date of the retraction (the item counts before "
        "that date, e.g. under --as-of). Kept for the record, never counted after it.",
    )
    test: TestType | None = Field(
        default=None,
        description="Process-tracing test type (Van Evera): straw (weak either way, the "
        "default), hoop (failing it is decisive), smoking-gun (passing it is decisive), "
        "doubly-decisive (both).",
    )
    based_on: list[Id] = Field(
        default_factory=list,
        description="Evidence ids whose observation or statement this item rests on: one "
        "line of reporting with them, whatever its source.",
    )


class Group(_Annotated):
    """A competing-hypotheses group: claims that are mutually exclusive alternatives."""

    model_config = _ENTITY_CONFIG

    id: Id = Field(description="The name that claims' 'group' refers to.")
    question: Text | None = Field(
        default=None, description="The question the group answers ('Who did it?')."
    )
    exhaustive: Flag = Field(
        default=False,
        description="true when one of the claims must be true; otherwise 'none of these' "
        "keeps a share.",
    )


class LedgerFile(BaseModel):
    """One ledger file: a mapping of sources, claims and evidence."""

    model_config = ConfigDict(extra="forbid", title="claimlog ledger, format version 2")

    title: Text | None = Field(default=None, description="Human title of this ledger file.")
    description: str | None = Field(default=None, description="Free text.")
    sources: list[Source] | None = Field(
        default=None, description="Who said or produced something."
    )
    claims: list[Claim] | None = Field(default=None, description="Propositions under assessment.")
    evidence: list[Evidence] | None = Field(default=None, description="Items that bear on claims.")
    groups: list[Group] | None = Field(
        default=None, description="Competing-hypotheses groups: question and exhaustiveness."
    )
    meta: Meta | None = Field(default=None, description="Free-form data; never checked.")


class Header(BaseModel):
    """The top level of a file, with entity lists left for per-entity validation."""

    model_config = ConfigDict(extra="forbid")

    title: Text | None = None
    description: str | None = None
    sources: list[Any] | None = None
    claims: list[Any] | None = None
    evidence: list[Any] | None = None
    groups: list[Any] | None = None
    meta: Meta | None = None


EntityModel = Source | Claim | Evidence | Group
KIND_MODELS: Final[dict[str, type[Source] | type[Claim] | type[Evidence] | type[Group]]] = {
    "sources": Source,
    "claims": Claim,
    "evidence": Evidence,
    "groups": Group,
}
