"""Writing ledgers by hand, with help: ``claimlog new`` and ``claimlog add``.

The pure part of both commands, testable without a terminal:

- the fields ``add`` asks for (:data:`FIELDS`), each with its meaning (the model's own
  description), its shape and, for references, the kind of id it names;
- the checking of one answer as typed (:func:`check_answer`, :func:`check_stance_claim`,
  :func:`check_stance_value`): a bad grade, a malformed date, URL or id, an unknown id
  (with the did-you-mean) or a duplicate id is an :class:`AnswerError`;
- ``--set KEY=VALUE`` (:func:`parse_sets`), checked the same way;
- the entry in canonical layout (:func:`build_entry`, :func:`render_entry`) and its
  insertion into the text of a file (:func:`append_entry`), which changes no byte of
  what was there: the new lines go in after the last entry of the right top-level list
  (the list is created when missing), and :func:`verify_append` holds the result to it
  (every old value and comment, read back with claimlog's own loader);
- the skeleton of a new ledger (:func:`skeleton`), written by :func:`new_ledger`.

Reading the file and the ledger set is :class:`Target`, finding the file
:func:`ledger_file`; prompting, and the run of ``add``, is :mod:`claimlog.prompting`;
the commands are in :mod:`claimlog.cli`.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Final, Literal

from . import invisible
from .canonical import ENTITY_KEYS, FILE_KEYS
from .diagnostics import Severity, did_you_mean, only_candidate
from .formatmodels import KIND_MODELS, DateValue, Prior, Retraction
from .loader import LoadedFile, Map, Seq, load_bytes, load_text
from .model import (
    EVIDENCE_KINDS,
    ID_PATTERN,
    SHA256_PATTERN,
    SOURCE_KINDS,
    STANCES,
    TESTS,
    URL_PATTERN,
    VERDICTS,
    calendar_date,
)
from .plaindata import dataclass
from .writes import newline_of, with_newline

__all__ = [
    "FIELDS",
    "LIST_KEY",
    "Answer",
    "AnswerError",
    "AuthoringError",
    "FieldSpec",
    "Kind",
    "Known",
    "Shape",
    "Target",
    "append_entry",
    "build_entry",
    "check_answer",
    "check_stance_claim",
    "check_stance_value",
    "comments",
    "ledger_file",
    "new_ledger",
    "parse_sets",
    "render_entry",
    "schema_reference",
    "skeleton",
    "slug",
    "spec_of",
    "suggest_id",
    "title_from",
    "verify_append",
    "write_refused",
]

Kind = Literal["source", "claim", "evidence"]
Answer = str | list[str] | dict[str, str]
"""A checked answer: text, a list of texts, or (``stance``) claim id to stance."""

LIST_KEY: Final[dict[str, str]] = {"source": "sources", "claim": "claims", "evidence": "evidence"}
"""The top-level list each kind of entry is appended to."""

WIDTH: Final = 80
"""Text longer than this line (with its key and indentation) is written folded (``>-``)."""
FLOW_MAX_ITEMS: Final = 4
FLOW_MAX_WIDTH: Final = 100
"""A list of ids or tags of at most FLOW_MAX_ITEMS items is written in flow style when
its line fits in FLOW_MAX_WIDTH columns (the rule of ``claimlog fmt``)."""
SCHEMA_FILE: Final = "claimlog-schema.json"
"""The file ``claimlog schema`` output is saved as (docs/ledger-format.md, Editors)."""


class AuthoringError(Exception):
    """The command cannot go on as asked (exit 2): a file that cannot be read or
    appended to, a field ``--set`` names that does not exist."""


class AnswerError(ValueError):
    """An answer refused, with the reason (and a did-you-mean when one is close).

    ``soft``: the answer is allowed but probably a slip (a new group or tag close to an
    existing one); given again, it is taken (``value``)."""

    def __init__(
        self,
        message: str,
        soft: bool = False,
        value: Answer | None = None,
        asked_only: str | None = None,
    ) -> None:
        super().__init__(message)
        self.soft = soft
        self.value = value
        self.asked_only = asked_only
        """Soft only when asked at the prompt: ``--set`` refuses it, with this message."""


class Shape(Enum):
    """What an answer must look like."""

    TEXT = "text"
    ID = "id"
    REF = "ref"
    """One id of an existing entity (``FieldSpec.refers``)."""
    REFS = "refs"
    """A list of ids of existing entities."""
    TAGS = "tags"
    GROUP = "group"
    CHOICE = "choice"
    GRADE = "grade"
    DATE = "date"
    URL = "url"
    HASH = "hash"
    PRIOR = "prior"
    RETRACTED = "retracted"
    STANCE = "stance"


TYPED: Final = frozenset({Shape.GRADE, Shape.DATE, Shape.PRIOR, Shape.RETRACTED})
"""Shapes whose text claimlog converts (written plain); all other text is written so
that any YAML reader takes it as text."""
LISTS: Final = frozenset({Shape.REFS, Shape.TAGS})


@dataclass(frozen=True)
class FieldSpec:
    """One field ``add`` asks for."""

    name: str
    meaning: str
    shape: Shape
    required: bool = False
    choices: tuple[str, ...] = ()
    refers: str | None = None
    """For REF and REFS: ``sources``, ``claims`` or ``evidence``; for TAGS and GROUP the
    values completion offers: ``actors``, ``labels``, ``groups``."""
    remembered: bool = False
    """Defaults to its value in the previous entry of the kind in the file."""
    prompted: bool = True
    """Asked for interactively (the others only through ``--set``)."""
    unset: str | None = None
    """What the field left out means, shown in its prompt (a tour: Enter at
    ``reliability:`` said nothing of the F it gives)."""

    @property
    def help(self) -> str:
        """The meaning, and how to answer."""
        how = {
            Shape.REFS: "comma-separated ids",
            Shape.TAGS: "comma-separated tags",
            Shape.DATE: "YYYY-MM-DD",
            Shape.URL: "an http(s) URL",
            Shape.PRIOR: "a number between 0 and 1",
        }.get(self.shape)
        if self.choices and not all(c in self.meaning for c in self.choices):
            how = ", ".join(self.choices)
        if how and how.removeprefix("an ").removeprefix("a ") in self.meaning:
            how = None  # "http(s) URL of the source", never "... (an http(s) URL)"
        parts = [self.meaning.rstrip(".")]
        if how:
            parts.append(f"({how})")
        if self.required:
            parts.append("[required]")
        return " ".join(parts)


def _meaning(kind: Kind, name: str) -> str:
    model = KIND_MODELS[LIST_KEY[kind]]
    description = model.model_fields[name].description
    return description or name


def _spec(kind: Kind, name: str, shape: Shape, **extra: Any) -> FieldSpec:
    return FieldSpec(name, _meaning(kind, name), shape, **extra)


FIELDS: Final[dict[str, tuple[FieldSpec, ...]]] = {
    "source": (
        _spec("source", "name", Shape.TEXT, required=True),
        _spec("source", "id", Shape.ID, required=True),
        _spec("source", "kind", Shape.CHOICE, choices=SOURCE_KINDS, remembered=True),
        _spec(
            "source",
            "reliability",
            Shape.CHOICE,
            choices=("A", "B", "C", "D", "E", "F"),
            unset="F, reliability cannot be judged",
        ),
        _spec("source", "affiliation", Shape.TAGS, refers="actors"),
        _spec("source", "derived_from", Shape.REFS, refers="sources"),
        _spec("source", "url", Shape.URL),
        _spec("source", "notes", Shape.TEXT),
    ),
    "claim": (
        _spec("claim", "statement", Shape.TEXT, required=True),
        _spec("claim", "id", Shape.ID, required=True),
        _spec("claim", "date", Shape.DATE),
        _spec("claim", "claimed_by", Shape.REFS, refers="sources"),
        _spec("claim", "group", Shape.GROUP, refers="groups", remembered=True),
        _spec("claim", "parties", Shape.TAGS, refers="actors", remembered=True),
        _spec("claim", "prior", Shape.PRIOR),
        _spec("claim", "verdict", Shape.CHOICE, choices=VERDICTS),
        _spec("claim", "tags", Shape.TAGS, refers="labels"),
        _spec("claim", "notes", Shape.TEXT),
    ),
    "evidence": (
        _spec("evidence", "summary", Shape.TEXT, required=True),
        _spec("evidence", "id", Shape.ID, required=True),
        _spec("evidence", "source", Shape.REF, required=True, refers="sources", remembered=True),
        _spec("evidence", "via", Shape.REFS, refers="sources", remembered=True),
        _spec("evidence", "stance", Shape.STANCE, required=True, refers="claims"),
        _spec(
            "evidence",
            "credibility",
            Shape.GRADE,
            remembered=True,
            unset="6, truth cannot be judged",
        ),
        _spec("evidence", "kind", Shape.CHOICE, choices=EVIDENCE_KINDS, remembered=True),
        _spec("evidence", "date", Shape.DATE, remembered=True),
        _spec("evidence", "url", Shape.URL),
        _spec("evidence", "archive_url", Shape.URL),
        _spec("evidence", "sha256", Shape.HASH),
        _spec("evidence", "quote", Shape.TEXT),
        _spec("evidence", "retracted", Shape.RETRACTED, prompted=False),
        _spec("evidence", "test", Shape.CHOICE, choices=TESTS),
        _spec("evidence", "based_on", Shape.REFS, refers="evidence"),
        _spec("evidence", "notes", Shape.TEXT),
    ),
}
"""The fields of each kind, in the order ``add`` asks for them: the text an id is
suggested from first, then the id, then the format's order."""

GRADE_WORDS: Final = (
    "1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged"
)


def spec_of(kind: str, name: str) -> FieldSpec | None:
    """The field ``name`` of ``kind``, or None."""
    return next((s for s in FIELDS[kind] if s.name == name), None)


# --- what the ledger set already holds ---------------------------------------------------


@dataclass(frozen=True)
class Known:
    """The ids and tags of the ledger set an entry is checked against and completed
    from, and what a date must not be after."""

    sources: frozenset[str] = frozenset()
    claims: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    """Tags of sources' ``affiliation`` and claims' ``parties``."""
    labels: frozenset[str] = frozenset()
    """Claims' ``tags``."""
    taken: Mapping[str, str] = field(default_factory=dict)
    """Every id of a source, claim or evidence item, and what and where it is."""
    today: date = field(default_factory=date.today)

    def options(self, spec: FieldSpec) -> list[str]:
        """What completion offers for ``spec``."""
        if spec.choices:
            return list(spec.choices)
        if spec.refers is None:
            return []
        values: frozenset[str] = getattr(self, spec.refers)
        return sorted(values)

    @classmethod
    def of(cls, ledger_set: Any, today: date | None = None) -> Known:
        """What a :class:`~claimlog.ledgerset.LedgerSet` holds."""
        taken: dict[str, str] = {}
        for index in (ledger_set.sources, ledger_set.claims, ledger_set.evidence):
            for ident, first in index.items():
                noun = type(first.model).__name__.lower()
                noun = "evidence item" if noun == "evidence" else noun
                taken[ident] = f"the {noun} at {first.path}:{first.node.span[0]}"
        for ident, noun in ledger_set.broken.items():
            taken.setdefault(ident, f"a {noun} (which has errors)")
        actors: set[str] = set()
        labels: set[str] = set()
        for entity in ledger_set.sources.values():
            actors.update(entity.model.affiliation)
        for entity in ledger_set.claims.values():
            actors.update(entity.model.parties)
            labels.update(entity.model.tags)
        return cls(
            sources=frozenset(ledger_set.sources),
            claims=frozenset(ledger_set.claims),
            evidence=frozenset(ledger_set.evidence),
            groups=frozenset(ledger_set.groups),
            actors=frozenset(actors),
            labels=frozenset(labels),
            taken=taken,
            today=today or date.today(),
        )


# --- checking answers ----------------------------------------------------------------

_ID = re.compile(ID_PATTERN)
_URL = re.compile(URL_PATTERN)
_SHA256 = re.compile(SHA256_PATTERN)
_BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x85\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    + invisible.CLASS
    + "]"
)
"""Control characters, line breaks a reviewer does not see, bidirectional controls and
characters that hide text: the loader reports each of them (CL015, CL019) or YAML
cannot hold them as typed."""
_NOUN: Final = {
    "sources": "source",
    "claims": "claim",
    "evidence": "evidence item",
    "groups": "group",
}
_ID_RULE: Final = (
    "an id is 1 to 128 letters, digits, '.', '_', '-' or ':', starting with a letter or a digit"
)


def _text(name: str, raw: str) -> str:
    text = raw.strip()
    bad = _BAD_CHARACTER.search(text)
    if bad is not None:
        raise AnswerError(
            f"{name}: the character U+{ord(bad.group()):04X} is not allowed in a ledger "
            "(a control character, or one that hides or reorders text)"
        )
    return text


def _items(raw: str) -> list[str]:
    """A list given as ``a, b`` or ``[a, b]``."""
    text = raw.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return [item.strip() for item in text.split(",") if item.strip()]


def _near(word: str, options: Iterable[str]) -> str:
    hint = did_you_mean(word, options)
    return f"; {hint}" if hint else ""


def _near_id(word: str, ids: Iterable[str]) -> str:
    """A did-you-mean for an unknown id: the ids it begins (a few), else the closest."""
    options = sorted(ids)
    starting = [i for i in options if i.startswith(word)]
    if starting:
        more = ", ..." if len(starting) > 3 else ""
        return "; did you mean " + " or ".join(f"'{i}'" for i in starting[:3]) + f"{more}?"
    return _near(word, options)


def _check_id(name: str, text: str) -> str:
    if not _ID.fullmatch(text):
        raise AnswerError(f"{name}: '{text}' is not an id: {_ID_RULE}")
    return text


def _check_ref(spec: FieldSpec, text: str, known: Known) -> str:
    _check_id(spec.name, text)
    assert spec.refers is not None
    existing: frozenset[str] = getattr(known, spec.refers)
    if text not in existing:
        noun = _NOUN[spec.refers]
        what = f"no {noun} '{text}' in the ledger set"
        if text in known.taken:
            what = f"'{text}' is not a {noun}: it is {known.taken[text]}"
        near = _near_id(text, existing)
        kind = next((k for k, section in LIST_KEY.items() if section == spec.refers), None)
        if not near and text not in known.taken and kind is not None:
            # say how to get one: a tour was stuck at a required field
            near = f"; add it first ('claimlog add {kind}')"
        plain = f"{spec.name}: {what}{near}"
        if spec.name == "source" and text not in known.taken:
            # at the prompt, a way on: a tour had typed the summary, and had to start over
            keep = (
                " Or keep it, and add the source after."
                if near.endswith("?")
                else ("; or keep it, and add the source after")
            )
            raise AnswerError(plain + keep, soft=True, value=text, asked_only=plain)
        raise AnswerError(plain)
    return text


def _check_choice(spec: FieldSpec, text: str) -> str:
    for choice in spec.choices:
        if text.lower() == choice.lower():
            return choice
    raise AnswerError(
        f"{spec.name}: '{text}' is not a {spec.name}{_slip_or_all(text, spec.choices)}"
        f"{_more_from_check(spec.name, text)}"
    )


def _more_from_check(name: str, text: str) -> str:
    """What to add to the refusal of ``text`` for the field ``name``: the hint ``check``
    gives a whole Admiralty code (``reliability: b2``), from the same function."""
    from .validation import admiralty_hint

    hint = admiralty_hint(name, text)
    return f"; {hint}" if hint else ""


def _check_group(spec: FieldSpec, text: str, known: Known) -> str:
    """A group: a new one is allowed (it forms an open group), but one close to an
    existing one is asked again (soft): a lone group is probably a typo (CL404)."""
    if text in known.groups:
        return text
    hint = did_you_mean(text, known.groups)
    if hint:
        raise AnswerError(f"{spec.name}: '{text}' is a new group; {hint}", soft=True, value=text)
    return text


def _validate(adapter_type: Any, text: str) -> Any:
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(adapter_type).validate_python(text)
    except ValidationError:
        return None


def _check_date(spec: FieldSpec, text: str, known: Known) -> str:
    value = _validate(DateValue, text)
    if value is None:
        raise AnswerError(
            f"{spec.name}: '{text}' is not a date: YYYY-MM-DD, or an ISO 8601 date-time "
            "with its UTC offset (2024-03-22T19:58:00+03:00)"
        )
    if calendar_date(value) > known.today:
        raise AnswerError(f"{spec.name}: {text} is after today ({known.today.isoformat()})")
    return text


def _check_refs(spec: FieldSpec, raw: str, known: Known, values: Mapping[str, Answer]) -> list[str]:
    items = _items(raw)
    seen: set[str] = set()
    for item in items:
        _check_ref(spec, item, known)
        if item in seen:
            raise AnswerError(f"{spec.name}: '{item}' is named twice")
        seen.add(item)
    if spec.name == "via" and values.get("source") in seen:
        raise AnswerError(
            f"via: '{values['source']}' is the item's source (its origin); the relay chain "
            "names only the outlets it passed through"
        )
    if spec.name == "derived_from" and values.get("id") in seen:
        raise AnswerError("derived_from: a source cannot be derived from itself")
    return items


def _spelling(tag: str) -> str:
    return re.sub(r"[\W_]+", "", tag.casefold())


def _check_tags(spec: FieldSpec, raw: str, known: Known) -> list[str]:
    """Tags are free, but a new one spelt like an existing one but for case, spaces
    or punctuation (``US government`` beside ``us-government``) is asked again (soft)."""
    items = [_text(spec.name, item) for item in _items(raw)]
    if len(set(items)) < len(items):
        raise AnswerError(f"{spec.name}: a tag is named twice")
    existing: frozenset[str] = getattr(known, spec.refers or "actors")
    spelt = {_spelling(tag): tag for tag in sorted(existing)}
    for item in items:
        other = spelt.get(_spelling(item))
        if item not in existing and other is not None:
            raise AnswerError(
                f"{spec.name}: '{item}' is a new tag; did you mean '{other}'? (tags are "
                "compared exactly)",
                soft=True,
                value=items,
            )
    return items


def _pattern(pattern: re.Pattern[str], reason: str) -> Callable[[FieldSpec, str], str]:
    def check(spec: FieldSpec, text: str) -> str:
        if not pattern.fullmatch(text):
            raise AnswerError(f"{spec.name}: '{text}' is not {reason}")
        return text

    return check


def _new_id(spec: FieldSpec, text: str, known: Known) -> str:
    _check_id(spec.name, text)
    if text in known.taken:
        raise AnswerError(f"id: '{text}' is taken: it is {known.taken[text]}")
    return text


def _grade(spec: FieldSpec, text: str) -> str:
    if text not in ("1", "2", "3", "4", "5", "6"):
        raise AnswerError(
            f"{spec.name}: '{text}' is not a grade from 1 to 6: {GRADE_WORDS}"
            f"{_more_from_check(spec.name, text)}"
        )
    return text


def _prior(spec: FieldSpec, text: str) -> str:
    if _validate(Prior, text) is None:
        raise AnswerError(f"{spec.name}: '{text}' is not a number strictly between 0 and 1")
    return text


def _retracted(spec: FieldSpec, text: str, known: Known) -> str:
    if text.lower() in ("true", "false"):
        return text.lower()
    if _validate(Retraction, text) is None:
        raise AnswerError(f"{spec.name}: '{text}' is not true, false or a date (YYYY-MM-DD)")
    return _check_date(spec, text, known)


_CHECKS: Final[dict[Shape, Callable[[FieldSpec, str, Known, Mapping[str, Answer]], Answer]]] = {
    Shape.TEXT: lambda spec, text, known, values: text,
    Shape.ID: lambda spec, text, known, values: _new_id(spec, text, known),
    Shape.REF: lambda spec, text, known, values: _check_ref(spec, text, known),
    Shape.REFS: _check_refs,
    Shape.TAGS: lambda spec, text, known, values: _check_tags(spec, text, known),
    Shape.GROUP: lambda spec, text, known, values: _check_group(spec, text, known),
    Shape.CHOICE: lambda spec, text, known, values: _check_choice(spec, text),
    Shape.GRADE: lambda spec, text, known, values: _grade(spec, text),
    Shape.DATE: lambda spec, text, known, values: _check_date(spec, text, known),
    Shape.URL: lambda spec, text, known, values: _pattern(
        _URL, "an absolute http:// or https:// URL with a host and no spaces"
    )(spec, text),
    Shape.HASH: lambda spec, text, known, values: _pattern(
        _SHA256, "a SHA-256 digest: exactly 64 hexadecimal digits"
    )(spec, text),
    Shape.PRIOR: lambda spec, text, known, values: _prior(spec, text),
    Shape.RETRACTED: lambda spec, text, known, values: _retracted(spec, text, known),
}
"""How an answer of each shape is checked (``stance`` has its own functions)."""


def check_answer(
    spec: FieldSpec, raw: str, known: Known, values: Mapping[str, Answer] | None = None
) -> Answer | None:
    """The answer ``raw`` to ``spec`` checked and in canonical form, or None when it is
    empty (the field left out); :class:`AnswerError` when it is refused. ``values``
    are the answers so far (the source when checking ``via``, the id for
    ``derived_from``)."""
    text = _text(spec.name, raw)
    if not text or (spec.shape in LISTS and not _items(text)):
        if spec.required:
            raise AnswerError(f"{spec.name} is required: {spec.meaning}")
        return None
    check = _CHECKS.get(spec.shape)
    if check is None:  # stance
        raise AnswerError(f"{spec.name}: give it as {spec.name}.CLAIM=STANCE")
    return check(spec, text, known, values or {})


def check_stance_claim(raw: str, known: Known, stance: Mapping[str, str]) -> str:
    """A claim id for ``stance``: an existing claim not given yet."""
    spec = spec_of("evidence", "stance")
    assert spec is not None
    text = _text("stance", raw)
    claim = _check_ref(spec, text, known)
    if claim in stance:
        raise AnswerError(f"stance: '{claim}' is given already ({stance[claim]})")
    return claim


def check_stance_value(raw: str, claim: str) -> str:
    """How an item bears on ``claim``: one of the five stances."""
    text = raw.strip()
    for choice in STANCES:
        if text.lower() == choice:
            return choice
    raise AnswerError(f"stance on '{claim}': '{text}' is not a stance{_slip_or_all(text, STANCES)}")


def _slip_or_all(text: str, choices: Sequence[str]) -> str:
    """What to say after a word that is none of ``choices``: the one it is a slip for
    (``suports``), else all of them; never a choice that is merely close, which may
    mean another thing (``partly-supports`` is not ``strongly-supports``)."""
    near = only_candidate(text.lower(), choices)
    return f"; did you mean '{near}'?" if near else f"; one of: {', '.join(choices)}"


def parse_sets(
    kind: str, pairs: Sequence[str], known: Known
) -> tuple[dict[str, Answer], list[str]]:
    """``--set KEY=VALUE`` options, checked in the order ``add`` asks for fields (so
    that ``via`` is checked against ``source``), with ``id`` suggested from the name,
    statement or summary when not given. Also the notes on soft answers (a new group or
    tag close to an existing one), which are kept. :class:`AnswerError` for the first
    bad pair; :class:`AuthoringError` for a key that is no field."""
    given: dict[str, str] = {}
    stance: dict[str, str] = {}
    names = [s.name for s in FIELDS[kind]]
    for pair in pairs:
        key, eq, value = pair.partition("=")
        key = key.strip()
        if not eq:
            raise AuthoringError(f"--set takes KEY=VALUE, not '{pair}'")
        if key.startswith("stance.") and kind == "evidence":
            claim = check_stance_claim(key.removeprefix("stance."), known, stance)
            stance[claim] = check_stance_value(value, claim)
            continue
        if key not in names:
            hint = _near(key, [*names, "stance.CLAIM"] if kind == "evidence" else names)
            extra = ""
            if key in KIND_MODELS[LIST_KEY[kind]].model_fields:
                extra = " (add can not write it: add it to the entry by hand)"
            raise AuthoringError(f"--set: {kind} has no field '{key}'{extra}{hint}")
        if key in given:
            raise AuthoringError(f"--set: '{key}' is given twice")
        given[key] = value
    values: dict[str, Answer] = {}
    notes: list[str] = []
    for spec in FIELDS[kind]:
        if spec.shape is Shape.STANCE:
            if stance:
                values["stance"] = stance
            elif spec.required:
                raise AnswerError("stance is required: give it as --set stance.CLAIM=supports")
            continue
        raw = given.get(spec.name, "")
        if spec.shape is Shape.ID and not raw.strip():
            raw = suggest_id(_title_of(kind, values), known.taken, kind)
        answer = _set_answer(spec, raw, known, values, notes)
        if answer is not None:
            values[spec.name] = answer
    return values, notes


def _set_answer(
    spec: FieldSpec, raw: str, known: Known, values: Mapping[str, Answer], notes: list[str]
) -> Answer | None:
    """One ``--set`` value checked: a soft refusal is kept, with a note, but one that is
    soft only at the prompt (:attr:`AnswerError.asked_only`) is refused."""
    try:
        return check_answer(spec, raw, known, values)
    except AnswerError as err:
        if err.asked_only is not None:
            raise AnswerError(err.asked_only) from None
        if not err.soft:
            raise
        notes.append(str(err))
        return err.value


def _title_of(kind: str, values: Mapping[str, Answer]) -> str:
    text = values.get(FIELDS[kind][0].name, "")
    return text if isinstance(text, str) else ""


# --- ids from text ---------------------------------------------------------------------

_STOP: Final = frozenset(
    ("a", "an", "the", "of", "to", "in", "on", "and", "or", "by", "for", "at", "is", "are")
)


_APOSTROPHES: Final = re.compile("[\u2019\u02bc\uff07]")
_POSSESSIVE: Final = re.compile(r"(?<=\w)'[sS]\b")
_POSSESSIVE_OF_S: Final = re.compile(r"(?<=[sS])'[sS]\b")


def slug(text: str, limit: int = 40) -> str:
    """An id from ``text``: lower-case ASCII words joined by hyphens, without small
    words, at most ``limit`` characters (whole words); empty when nothing is left. A
    possessive's apostrophe goes (``Musallam's father``: ``musallams-father``; ``ISIS's
    video``: ``isis-video``); any other apostrophe, typographic too, parts words
    (``l'Intérieur``: ``l-interieur``)."""
    text = _APOSTROPHES.sub("'", text)
    text = _POSSESSIVE.sub("s", _POSSESSIVE_OF_S.sub("", text))
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    kept = [w for w in words if w not in _STOP] or words
    out = ""
    for word in kept[:6]:
        joined = f"{out}-{word}" if out else word
        if len(joined) > limit:
            break
        out = joined
    return out or (kept[0][:limit] if kept else "")


def suggest_id(text: str, taken: Mapping[str, str] | Iterable[str], kind: str) -> str:
    """A free id for an entry described by ``text``: its slug, numbered when taken."""
    used = set(taken)
    base = slug(text) or kind
    if base not in used:
        return base
    number = 2
    while f"{base}-{number}" in used:
        number += 1
    return f"{base}-{number}"


# --- the entry, in canonical layout ----------------------------------------------------


def build_entry(kind: str, values: Mapping[str, Answer]) -> dict[str, Answer]:
    """The entry of ``kind`` with ``values``, keys in canonical order; AnswerError when
    the format refuses it (a required field missing)."""
    from pydantic import ValidationError

    order = ENTITY_KEYS[LIST_KEY[kind]]
    entry = {key: values[key] for key in order if key in values}
    try:
        KIND_MODELS[LIST_KEY[kind]].model_validate(entry)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise AnswerError(f"{where}: {first['msg']}") from None
    return entry


def _resolves_as_other(text: str) -> bool:
    """Whether a YAML 1.1 reader (PyYAML, many editors) would read the plain scalar
    ``text`` as something other than text: ``no``, ``012``, ``1:20``, ``1.10``,
    ``2024-03-22``, ``~``, ``null``; also ``y`` and ``n``, booleans in YAML 1.1's spec."""
    import yaml
    from yaml.nodes import ScalarNode

    if text in ("y", "Y", "n", "N"):
        return True
    tag: str = yaml.resolver.Resolver().resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag != "tag:yaml.org,2002:str"


def _fold_points(text: str, width: int) -> list[int] | None:
    """Where to break ``text`` in a folded block (``>-``) so that lines stay within
    ``width``: at single spaces only (a break there reads back as that space). None when
    the text cannot be folded safely."""
    if (
        text != text.strip()
        or "\n" in text
        or "\t" in text
        or "  " in text
        or not text.isprintable()
    ):
        return None
    points: list[int] = []
    start = 0
    while len(text) - start > width:
        cut = text.rfind(" ", start + 1, start + width + 1)
        if cut <= start:
            cut = text.find(" ", start + width)
            if cut == -1:
                break
        points.append(cut)
        start = cut + 1
    return points or None


def _scalar(text: str, shape: Shape, indent: int, key: str) -> Any:
    """``text`` as it is to be written at ``indent`` after ``key: ``."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    if "\n" in text:
        lines = text.split("\n")
        if (
            all(line == line.rstrip() and "\t" not in line for line in lines)
            and lines[0][:1] != " "
        ):
            return LiteralScalarString(text)
        return DoubleQuotedScalarString(text)
    if _resolves_as_other(text):
        return SingleQuotedScalarString(text)
    if indent + len(key) + 2 + len(text) > WIDTH:
        points = _fold_points(text, WIDTH - indent - 2)
        if points:
            folded = FoldedScalarString(text)
            folded.fold_pos = points
            return folded
    return text


def _id_text(text: str) -> Any:
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    return SingleQuotedScalarString(text) if _resolves_as_other(text) else text


def _list(items: list[str], shape: Shape, indent: int, flow: bool) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    if flow:
        seq = CommentedSeq(_id_text(item) for item in items)
        seq.fa.set_flow_style()
    else:
        seq = CommentedSeq(_scalar(item, shape, indent + 2, "-") for item in items)
        seq.fa.set_block_style()
    return seq


def render_entry(kind: str, entry: Mapping[str, Answer], dash: int = 2) -> str:
    """The lines of ``entry`` as an item of its top-level list, its dash at column
    ``dash`` (0-based), ``\\n``-terminated: canonical key order, 2-space indents, short
    id lists in flow style, text that YAML 1.1 would read as something else quoted,
    long text folded."""
    keys = 4  # the canonical layout: dash at 2, keys at 4
    specs = {s.name: s for s in FIELDS[kind]}
    # A list of ids or tags is written in flow style when it is short: at most
    # FLOW_MAX_ITEMS items, on a line of at most FLOW_MAX_WIDTH columns (as claimlog fmt
    # writes it); the lines are measured once written.
    block: set[str] = set()
    while True:
        text, flowed = _dump(entry, specs, keys, block)
        wide = {
            key
            for key in flowed
            for line in text.splitlines()
            if line.startswith(f"{' ' * keys}{key}: [") and len(line) > FLOW_MAX_WIDTH
        }
        if not wide:
            break
        block |= wide
    lines = text.split("\n")[1:]
    shift = dash - 2
    shifted = [
        (" " * shift + line if shift > 0 else line[-shift:]) if line else line for line in lines
    ]
    return "\n".join(shifted)


def _dump(
    entry: Mapping[str, Answer], specs: Mapping[str, FieldSpec], keys: int, block: set[str]
) -> tuple[str, set[str]]:
    """``{"entries": [entry]}`` written out, with the lists named in ``block`` in block
    style; and the keys of the lists written in flow style."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    node = CommentedMap()
    flowed: set[str] = set()
    # Values claimlog converts (grades, dates, priors) are written plain, as typed: the
    # emitter would quote them (they do not read as text), so each goes in as a
    # placeholder that reads as text and is replaced by the value after.
    typed: dict[str, str] = {}
    marker = f"claimlog-typed-{uuid.uuid4().hex}"
    for key, value in entry.items():
        shape = specs[key].shape if key in specs else Shape.TEXT
        if isinstance(value, str) and shape in TYPED:
            placeholder = f"{marker}-{len(typed)}-end"
            typed[placeholder] = value
            node[key] = placeholder
        elif isinstance(value, dict):
            stance = CommentedMap()
            for claim, rating in value.items():
                stance[_id_text(claim)] = rating
            node[key] = stance
        elif isinstance(value, list):
            flow = (
                key not in block
                and len(value) <= FLOW_MAX_ITEMS
                and all("\n" not in item for item in value)
            )
            if flow:
                flowed.add(key)
            node[key] = _list(value, shape, keys, flow)
        elif shape in (Shape.ID, Shape.REF):
            node[key] = _id_text(value)
        else:
            node[key] = _scalar(value, shape, keys, key)
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1 << 30  # long text is folded above, never by the emitter
    out = io.StringIO()
    yaml.dump({"entries": [node]}, out)
    text = out.getvalue()
    for placeholder, value in typed.items():
        text = text.replace(placeholder, value)
    return text, flowed


# --- appending to a file ---------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """The lines of ``text``, each with its line break (the last one maybe without)."""
    parts = re.split(r"(?<=\n)", text)
    return parts[:-1] if parts and parts[-1] == "" else parts


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


def _after_list(lines: list[str], first: int, end: int) -> int:
    """Index (0-based) of the line after the last line that belongs to a list whose
    lines run from index ``first`` to before ``end``: content, and comments indented
    under it (not blank lines, nor comments at the left margin, which introduce what
    follows)."""
    last = first
    for index in range(first, min(end, len(lines))):
        line = lines[index]
        if _blank(line) or (_is_comment(line) and _indent(line) == 0):
            continue
        last = index + 1
    return last


def _dash_line(lines: list[str], line: int, column: int) -> int:
    """The 1-based line of the dash of a list item whose content starts at (``line``,
    ``column``): that line, or the one above for a dash alone on its line."""
    before = lines[line - 1][: column - 1] if line - 1 < len(lines) else ""
    if before.strip().startswith("-") or line < 2:
        return line
    return line - 1


@dataclass(frozen=True)
class _Insertion:
    at: int
    """0-based index of the line the new lines go before."""
    lines: list[str]
    replace: tuple[int, int, int] | None = None
    """(line index, start, end): characters of a line to remove first (an empty ``[]``)."""


def _top_line(root: Map, key: str) -> int:
    return root.key_span(key)[0]


def _next_key_line(root: Map, key: str, total: int) -> int:
    """The 1-based line of the top-level key after ``key`` (past the end: ``total`` + 1)."""
    here = _top_line(root, key)
    later = [line for k in root if (line := _top_line(root, k)) > here]
    return min(later, default=total + 1)


def _plan(text: str, root: Map, kind: str, entry_lines: Callable[[int], str]) -> _Insertion:
    lines = _lines(text)
    key = LIST_KEY[kind]
    if key not in root:
        return _new_list(lines, root, key, entry_lines(2))
    value = root[key]
    end = _next_key_line(root, key, len(lines)) - 1  # index of the next key's line
    if value is None or (isinstance(value, Seq) and not value):
        replace = None
        if isinstance(value, Seq):  # an empty flow list: its brackets go
            line, column, end_line, end_column = root.value_span(key)
            if line != end_line:
                raise AuthoringError(f"'{key}: []' spans several lines; write it as '{key}:'")
            replace = (line - 1, column - 1, end_column - 1)
        start = _top_line(root, key)
        at = _after_list(lines, start, end)
        return _Insertion(at, entry_lines(2).splitlines(keepends=True), replace)
    if not isinstance(value, Seq):
        raise AuthoringError(f"'{key}' is not a list; fix that first")
    first_line, first_column, _, _ = value.span
    if lines[first_line - 1][first_column - 1 : first_column] == "[":
        raise AuthoringError(
            f"'{key}' is written as a flow list [...]; write it as a block list (one "
            "'- ' item per entry) to add to it"
        )
    dash = first_column - 1  # every item's dash stands where the list starts
    item_line = value.item_spans[-1][0]
    at = _after_list(lines, item_line - 1, end)
    new = entry_lines(dash).splitlines(keepends=True)
    if len(value) >= 2 and _separated(lines, value):
        new.insert(0, "\n")
    return _Insertion(at, new)


def _separated(lines: list[str], value: Seq) -> bool:
    """Whether the last entry of the list is set off from the one before by a blank
    line (the new one then is too)."""
    line, column, _, _ = value.item_spans[-1]
    above = _dash_line(lines, line, column) - 1  # 1-based line above the dash
    return above >= 1 and _blank(lines[above - 1])


def _new_list(lines: list[str], root: Map, key: str, entry: str) -> _Insertion:
    """A new top-level list: before the first key that comes after it in canonical
    order (and its comments), else at the end."""
    rank = {k: i for i, k in enumerate(FILE_KEYS)}
    later = [k for k in root if rank.get(k, len(rank)) > rank[key]]
    block = [f"{key}:\n", *entry.splitlines(keepends=True)]
    if later:
        at = min(_top_line(root, k) for k in later) - 1
        while at > 0 and _is_comment(lines[at - 1]) and _indent(lines[at - 1]) == 0:
            at -= 1
        if at > 0 and not _blank(lines[at - 1]):
            block.insert(0, "\n")
        return _Insertion(at, [*block, "\n"])
    if lines and not _blank(lines[-1]):
        block.insert(0, "\n")
    return _Insertion(len(lines), block)


def _loaded(text: str) -> tuple[LoadedFile, Map]:
    """The file's text loaded; AuthoringError when its structure is uncertain."""
    loaded = load_text(text, "ledger")
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        raise AuthoringError(
            f"line {first.line}: {first.message}; fix the file's YAML first "
            "(claimlog check shows every problem)"
        )
    if loaded.root is None:
        empty = Map()
        empty.span = (1, 1, 1, 1)
        return loaded, empty
    first_line, first_column, _, _ = loaded.root.span
    if loaded.line(first_line)[first_column - 1 : first_column] == "{":
        raise AuthoringError("the file's top level is a flow mapping {...}; add to it by hand")
    return loaded, loaded.root


def append_entry(text: str, kind: str, entry: Mapping[str, Answer]) -> str:
    """``text`` (a ledger file, without a byte-order mark) with ``entry`` appended to
    its list of ``kind``: every existing line kept as it is, the new lines in the
    file's line ending. AuthoringError when the file cannot be appended to safely."""
    _, root = _loaded(text)
    plan = _plan(text, root, kind, lambda dash: render_entry(kind, entry, dash))
    lines = _lines(text)
    newline = newline_of(text)
    if plan.replace is not None:
        index, start, end = plan.replace
        line = lines[index]
        body, brk = line.rstrip("\r\n"), line[len(line.rstrip("\r\n")) :]
        kept = body[:start].rstrip() + (" " + body[end:].lstrip() if body[end:].strip() else "")
        lines[index] = kept + brk
    if plan.at > 0 and not lines[plan.at - 1].endswith("\n"):
        lines[plan.at - 1] += newline
    new = [with_newline(line, newline) for line in plan.lines]
    return "".join([*lines[: plan.at], *new, *lines[plan.at :]])


# --- checking what was written -----------------------------------------------------------


def comments(text: str) -> list[str]:
    """The text of every comment of a YAML file, in order (``#`` to the end of its
    line): found between the tokens of the scanner, so a ``#`` inside a value is not
    one."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(mark: Any) -> int:
        line: int = mark.line
        column: int = mark.column
        return starts[min(line, len(starts) - 1)] + column

    found: list[str] = []
    position = 0

    def gap(upto: int) -> None:
        for piece in text[position:upto].split("\n"):
            at = piece.find("#")
            if at != -1:
                found.append(piece[at:].rstrip("\r"))

    try:
        for token in yaml.scan(text, Loader=loader):
            start = offset(token.start_mark)
            if start > position:
                gap(start)
            position = max(position, offset(token.end_mark))
    except yaml.YAMLError:
        return found
    gap(len(text))
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _decode(data: bytes) -> str:
    return (
        data[len(codecs.BOM_UTF8) :].decode() if data.startswith(codecs.BOM_UTF8) else data.decode()
    )


def verify_append(
    old: bytes, kind: str, entry: Mapping[str, Answer]
) -> Callable[[bytes], str | None]:
    """A check of the bytes written for :func:`claimlog.writes.write_file`: read with
    claimlog's own loader, they hold every value of ``old`` and ``entry`` appended to the
    list of ``kind``, nothing else, and every comment of ``old``."""
    before = load_bytes(old, "ledger")
    old_comments = Counter(comments(_decode(old)))
    expected = _plain(before.root) if before.root is not None else {}
    key = LIST_KEY[kind]
    expected[key] = [*(expected.get(key) or []), _plain(dict(entry))]
    old_errors = Counter(d.code for d in before.diagnostics if d.severity is Severity.ERROR)

    def verify(data: bytes) -> str | None:
        after = load_bytes(data, "ledger")
        errors = Counter(d.code for d in after.diagnostics if d.severity is Severity.ERROR)
        if errors - old_errors:
            return "the file would not read as YAML as it did"
        if _plain(after.root) != expected:
            return "the file would not hold exactly its old values and the new entry"
        lost = old_comments - Counter(comments(_decode(data)))
        if lost:
            return f"a comment would be lost: {next(iter(lost))}"
        return None

    return verify


# --- the file and the ledger set -------------------------------------------------------


def write_refused(err: Exception, cwd: Path) -> AuthoringError:
    """A refused write (:class:`claimlog.writes.WriteError`, which names the file, its
    repository and where a link leads by their absolute paths) as an AuthoringError
    whose paths under ``cwd`` are relative to it, as
    :func:`claimlog.files.display_path` shows them."""
    text = str(err)
    for base in dict.fromkeys((os.path.realpath(cwd), os.path.abspath(cwd))):
        if base == os.sep:
            continue
        at = rf"(?<![^\s(]){re.escape(base)}"  # a path starts the text, a word or a '('
        text = re.sub(rf"{at}{re.escape(os.sep)}(?=[^\s)])", "", text)
        text = re.sub(rf"{at}(?=[\s):;,]|$)", ".", text)
    return AuthoringError(text)


@dataclass
class Target:
    """The file an entry is added to, the ledger set it is checked against, and the
    previous entry of each kind in the file (the defaults)."""

    path: Path
    data: bytes
    text: str
    known: Known
    root: Map
    shown: str = ""
    """The path as messages name it (:func:`claimlog.files.display_path`)."""

    @classmethod
    def open(cls, path: Path, cwd: Path, paths: Sequence[str], exclude: Any = None) -> Target:
        """Read ``path`` and the ledger set of ``paths`` with it; AuthoringError when the
        file cannot be read or appended to."""
        from .files import WorkTree, display_path
        from .ledgerset import load_from
        from .loader import MAX_FILE_BYTES, read_regular

        shown = display_path(path, cwd)
        try:
            data = read_regular(os.path.realpath(cwd / path), MAX_FILE_BYTES)
        except OSError as err:
            raise AuthoringError(f"cannot read {shown}: {err.strerror or err}") from None
        try:
            text = _decode(data)
        except UnicodeDecodeError:
            raise AuthoringError(f"{shown} is not UTF-8 text") from None
        try:
            _, root = _loaded(text)
        except AuthoringError as err:
            raise AuthoringError(f"{shown}: {err}") from None
        from .files import PathError

        try:
            ledger_set = load_from(
                WorkTree(cwd, missing_ok=True, exclude=exclude), [*paths, os.fspath(path)]
            )
        except PathError as err:
            raise AuthoringError(str(err)) from None
        return cls(path, data, text, Known.of(ledger_set), root, shown)

    def previous(self, kind: str) -> Map | None:
        """The last entry of ``kind`` in the file."""
        entries = self.root.get(LIST_KEY[kind])
        if isinstance(entries, Seq) and entries and isinstance(entries[-1], Map):
            last: Map = entries[-1]
            return last
        return None

    def defaults(self, kind: str) -> dict[str, str]:
        """The answers the previous entry of ``kind`` suggests, as text to type."""
        previous = self.previous(kind)
        out: dict[str, str] = {}
        if previous is None:
            return out
        for spec in FIELDS[kind]:
            if not spec.remembered:
                continue
            value = previous.get(spec.name)
            if isinstance(value, str) and value.strip():
                out[spec.name] = value
            elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                out[spec.name] = ", ".join(value)
        return out

    def appended(self, kind: str, entry: Mapping[str, Answer]) -> bytes:
        """The file's bytes with ``entry`` appended (its byte-order mark kept)."""
        bom = codecs.BOM_UTF8 if self.data.startswith(codecs.BOM_UTF8) else b""
        try:
            return bom + append_entry(self.text, kind, entry).encode()
        except AuthoringError as err:
            raise AuthoringError(f"{self.shown or self.path}: {err}") from None


# --- a new ledger ------------------------------------------------------------------------


def title_from(path: Path) -> str:
    """A title from a file name: ``crocus-2024.yaml`` -> ``Crocus 2024``."""
    words = re.sub(r"[-_.]+", " ", path.stem).strip()
    return (words[:1].upper() + words[1:]) if words else "A new ledger"


def schema_reference(path: Path, root: Path) -> str:
    """The path of the schema file (:data:`SCHEMA_FILE` at the top of ``root``: the
    repository, or the folder ``new`` runs in outside one) from the folder of ``path``,
    as the modeline gives it."""
    folder = Path(os.path.abspath(path)).parent
    return Path(os.path.relpath(Path(os.path.abspath(root)) / SCHEMA_FILE, folder)).as_posix()


_SKELETON: Final = """\
# yaml-language-server: $schema={schema}
# A claimlog evidence ledger (the format: docs/ledger-format.md in claimlog's repository).
{schema_note}
# Add entries with 'claimlog add source|claim|evidence' (they go right under their list's
# key), or copy an example below under its key without the '# ' (every key is shown; only
# those marked 'required' are needed), then run 'claimlog check'.
{title}
# description: >-                 # free text: what the ledger is about, the reports it uses
#   Built from ...

# Sources: who said, observed or produced something.
sources:
# - id: reuters                   # required: unique in the ledger set (letters, digits . _ - :)
#   name: Reuters                 # required: the human name ('Unnamed U.S. official')
#   # kind: person, organisation, government, outlet, social-media, document, anonymous
#   #   or other
#   kind: outlet
#   # reliability, the Admiralty source grade: A completely reliable, B usually, C fairly,
#   #   D not usually, E unreliable, F cannot be judged (the default)
#   reliability: B
#   affiliation: [government-x]   # actors it belongs to or speaks for (claims' parties)
#   derived_from: [afp]           # sources it republishes or depends on (not independent)
#   url: https://www.reuters.com/ # where the source can be seen
#   notes: Why this grade.        # free text
#   meta: {{}}                      # free-form data, never checked

# Claims: the propositions to weigh, each one true or false.
claims:
# - id: bridge-by-y               # required: how evidence refers to it
#   statement: Forces of Y shelled the bridge on 3 May.  # required: the proposition
#   date: 2024-05-03              # when the claim was first made (YYYY-MM-DD)
#   claimed_by: [ministry-x]      # source ids that assert it
#   group: who-shelled-the-bridge # competing hypotheses: one group's claims exclude each other
#   parties: [government-x, government-y]  # actors with a stake in whether it is true
#   prior: 0.5                    # probability before any evidence, between 0 and 1
#   verdict: unverified           # recorded verdict: supported, refuted, disputed, unverified
#   tags: [shelling]              # free labels for your own filtering
#   resolution:                   # what later became known for certain (never evidence):
#     value: true                 #   true or false
#     date: 2024-06-01            #   when it became known
#     source: reuters             #   the source that settled it
#     notes: The inquiry's report.
#   notes: Free text.             # free text
#   meta: {{}}                      # free-form data, never checked

# Evidence: the items that bear on the claims.
evidence:
# - id: ministry-statement        # required: unique in the ledger set
#   summary: The ministry of X says forces of Y shelled the bridge.  # required: what it says
#   source: ministry-x            # required: the origin (who said or saw it), not the outlet
#   via: [reuters]                # the relay chain it reached you through, origin's end first
#   stance:                       # required: how it bears on each claim it touches
#     # strongly-supports, supports, neutral, refutes or strongly-refutes
#     bridge-by-y: supports
#   # credibility, the Admiralty information grade: 1 confirmed, 2 probably true,
#   #   3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged (the default)
#   credibility: 4
#   # kind: statement, observation, document, media, analysis, testimony or other
#   kind: statement
#   date: 2024-05-03              # when it was published or observed (YYYY-MM-DD)
#   url: https://example.org/report  # where it can be seen
#   archive_url: https://web.archive.org/web/2024/https://example.org/report  # a copy
#   sha256: 0000000000000000000000000000000000000000000000000000000000000000  # of the copy
#   quote: An exact excerpt.      # verbatim from the item
#   retracted: false              # true (or the date) when the item was withdrawn
#   test: straw                   # straw, hoop, smoking-gun or doubly-decisive (Van Evera)
#   based_on: [other-item]        # evidence ids it rests on: one line of reporting with them
#   notes: Why this grade.        # free text
#   meta: {{}}                      # free-form data, never checked

# Groups: competing-hypotheses groups, declared to give them a question or to close them.
groups:
# - id: who-shelled-the-bridge    # required: the name claims' 'group' refers to
#   question: Who shelled the bridge?  # the question the group answers
#   exhaustive: false             # true when one of its claims must be true
#   notes: Free text.             # free text
#   meta: {{}}                      # free-form data, never checked
"""


SCHEMA_NOTES: Final = {
    True: (
        "# The line above points your editor at the schema; write it, at the top of the "
        "repository,\n# with:  claimlog schema > {schema_file}"
    ),
    False: (
        "# The line above points your editor at the schema. No git repository holds this "
        "file, so\n# the schema goes in the folder 'claimlog new' was run in (the path "
        "above is from this\n# file's folder); write it there with:  claimlog schema > "
        "{schema_file}"
    ),
}
"""Where the skeleton's comment says to write the schema, in a git repository (at its
top) and outside one (in the folder ``new`` ran in), as :func:`new_ledger` points the
modeline."""


def skeleton(title: str, schema: str, in_repository: bool = True) -> str:
    """The text of a new ledger titled ``title``, its modeline naming ``schema``: every
    entity's keys as commented examples, so that it checks clean as it is. Its comment
    says where to write the schema: at the top of the repository, or, outside one
    (``in_repository`` false), in the folder ``new`` was run in."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump({"title": _scalar(title, Shape.TEXT, 0, "title")}, out)
    note = SCHEMA_NOTES[in_repository].format(schema_file=SCHEMA_FILE)
    return _SKELETON.format(schema=schema, schema_note=note, title=out.getvalue().rstrip("\n"))


def new_ledger(path: Path, title: str | None, cwd: Path) -> str:
    """Create the skeleton of a ledger at ``path`` (relative to ``cwd``) through
    :func:`claimlog.writes.write_file`; how the file is shown (:func:`claimlog.files.display_path`).
    AuthoringError when a file is there already (never overwritten), its folder is
    missing or its name is not a ledger's; AnswerError for a title that cannot be one.
    The modeline points at the schema at the top of the repository, or, outside one, in
    ``cwd``: where the skeleton's comment says to write it."""
    from .files import LEDGER_SUFFIXES, display_path, repository_root
    from .writes import WriteError, write_file

    full = path if path.is_absolute() else cwd / path
    shown = display_path(full, cwd)
    if os.path.lexists(full):
        raise AuthoringError(f"{shown} exists; 'claimlog new' never overwrites a file")
    if not full.name.endswith(LEDGER_SUFFIXES):
        raise AuthoringError(f"{shown}: a ledger file is named *.yaml or *.yml")
    folder = full.parent
    if not folder.is_dir():
        raise AuthoringError(f"no folder {display_path(folder, cwd)}; create it first")
    given = title if title is not None else title_from(full)
    spec = FieldSpec("title", "the ledger's title", Shape.TEXT, required=True)
    text = check_answer(spec, given, Known())
    assert isinstance(text, str)
    root = repository_root(folder)
    in_repository = os.path.lexists(root / ".git")
    schema = schema_reference(full, root if in_repository else cwd)
    data = skeleton(text, schema, in_repository).encode()

    def verify(written: bytes) -> str | None:
        if os.path.lexists(full):
            return "a file of that name appeared meanwhile; it is left as it is"
        loaded = load_bytes(written, os.fspath(path))
        if loaded.diagnostics or loaded.root is None or loaded.root.get("title") != text:
            return "the skeleton would not read back as a clean ledger (a bug in claimlog)"
        return None

    try:
        write_file(full, data, root, verify)
    except WriteError as err:
        raise write_refused(err, cwd) from None
    return shown


def ledger_file(file: Path | None, settings: Any, cwd: Path) -> Path:
    """The file ``add`` appends to: ``file`` (``--file``), which must exist, else the
    one ledger file of the configured paths; AuthoringError, saying how to name one,
    when there is none or several."""
    from .files import PathError, discover, display_path, relative
    from .settings import DEFAULT_PATH

    if file is not None:
        full = file if file.is_absolute() else cwd / file
        shown = display_path(full, cwd)
        if not os.path.lexists(full):
            raise AuthoringError(f"no file {shown}; create it with 'claimlog new {shown}'")
        if not full.is_file():
            raise AuthoringError(f"{shown} is not a file")
        return file
    paths: list[str] = list(settings.paths)
    found: list[str] = []
    if settings.origin["paths"] != "default" or (cwd / DEFAULT_PATH).exists():
        try:
            found = [f.shown for f in discover(paths, cwd, settings.exclusion()) if not f.problem]
        except PathError:
            found = []
    if len(found) == 1:
        return Path(found[0])
    where = ", ".join(relative(Path(p), cwd) for p in paths)
    if not found:
        raise AuthoringError(
            f"no ledger file under {where}: name the file to add to with --file PATH "
            "(create one with 'claimlog new PATH')"
        )
    import shlex

    some = ", ".join(f"--file {shlex.quote(str(f))}" for f in found[:3])
    some += ", ..." if len(found) > 3 else ""
    raise AuthoringError(
        f"{len(found)} ledger files under {where}: name the one to add to ({some})"
    )
