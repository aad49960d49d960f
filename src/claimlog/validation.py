"""Loaded files to positioned entities: validation against the models of
:mod:`claimlog.model`, with every validation error mapped back to the place of the
offending key or value and to a rule (missing-field, unknown-field, ...).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

from . import records
from . import rules as R
from .diagnostics import Fix, Severity, Span, char_name, diag, did_you_mean, only_candidate
from .fastvalid import BAD, HEADER_CHECK, RECORD_CHECKS, required_fields
from .loader import LOOKALIKE_SPACE, LoadedFile, Map, Seq, declared_ids
from .model import (
    ID_FIELDS,
    KIND_NOUN,
    KIND_RECORDS,
    SECTIONS,
    STANCES,
    URL_FIELDS,
    Entity,
    EntityModel,
    FileModel,
)
from .rules import Rule

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic_core import ErrorDetails

    from .formatmodels import EntityModel as PydanticEntity

EMITS: Final = (
    R.MISSING_FIELD,
    R.UNKNOWN_FIELD,
    R.WRONG_TYPE,
    R.INVALID_VALUE,
    R.MALFORMED_ID,
    R.MALFORMED_DATE,
    R.MALFORMED_URL,
    R.MALFORMED_HASH,
    R.MANY_INVALID_ENTRIES,
)
"""The rules the validation reports."""

MAX_DESCRIBED: Final = 1_000
"""Invalid entities of one file described finding by finding; the rest are validated
and recovered the same way but only counted, in one :data:`~claimlog.rules.MANY_INVALID_ENTRIES`
finding (a file of millions of ``{}`` would otherwise build millions of findings)."""

_REQUIRED: Final[dict[str, frozenset[str]]] = {
    key: required_fields(cls.__name__) for key, cls in KIND_RECORDS.items()
}
"""The required fields of each kind of entity: an entity without one of them cannot be
recovered, whatever else it holds, so the count of the undescribed needs no validation."""

_FIELDS: Final[dict[str, frozenset[str]]] = {
    key: frozenset(cls.FIELDS) for key, cls in KIND_RECORDS.items()
}
"""The fields of each kind of entity, by the section that lists them."""

_SECTION: Final[dict[str, str]] = {cls.__name__: key for key, cls in KIND_RECORDS.items()}
"""The section that lists each kind of entity, by the name of its model."""

_HEADER_FIELDS: Final = tuple(row[0] for row in records.FIELDS["HEADER"])
"""The keys of a file's top level."""


def build_file(loaded: LoadedFile) -> FileModel:
    """Validate one loaded file into entities, reporting schema findings at their place."""
    out = FileModel(loaded.path, None, [], [], [], list(loaded.diagnostics))
    root = loaded.root
    if root is None:
        _not_read(out, _refused_ids(loaded))
        return out
    values = HEADER_CHECK(root)
    if values is not None:
        out.title, out.description = values[0], values[1]
    else:
        out.title, out.description = _slow_header(out, root)
    _not_read(out, _unread_ids(root))
    _entities(out, loaded, root)
    if any(d.code == R.ANCHOR_ALIAS.code for d in loaded.diagnostics):
        _drop_alias_findings(out, len(loaded.diagnostics))
    return out


def _entities(out: FileModel, loaded: LoadedFile, root: Map) -> None:
    """Validate the entities of each section of ``root`` into ``out``. Each entity's
    ``order`` is its place among the entries of every section, in the order of
    :data:`~claimlog.model.SECTIONS`: an order no entity has is an entry that could
    not be recovered."""
    order = 0
    budget = _Budget()
    for key in SECTIONS:
        items = root.get(key)
        if not isinstance(items, Seq):
            continue
        target: list[Entity] = getattr(out, key)
        fast = RECORD_CHECKS[key]
        path = loaded.path
        spans = items.item_spans
        for i, node in enumerate(items):
            validated = fast(node)
            if validated is BAD:
                validated, recovered = _validate_one(out, key, i, node, spans, budget)
                if recovered and validated is not None:
                    out.recovered.add(order)
            if validated is not None:
                target.append(Entity(validated, path, node, order))
            order += 1
    if budget.first is not None:
        out.diagnostics.append(
            diag(
                R.MANY_INVALID_ENTRIES,
                out.path,
                budget.first,
                f"{budget.counted:,} more invalid entries in this file are not described: "
                f"the first {MAX_DESCRIBED:,} are",
                hint="fix the findings shown first; so many broken entries usually share one cause",
            )
        )


class _Budget:
    """How many invalid entities of a file were described, and the rest counted."""

    __slots__ = ("counted", "described", "first")

    def __init__(self) -> None:
        self.described = 0
        self.counted = 0
        self.first: Span | None = None
        """Where the first invalid entity left undescribed is."""

    def count(self, spans: Sequence[Span], index: int) -> None:
        """Count item ``index`` of a list whose item spans are ``spans``."""
        self.counted += 1
        if self.first is None:
            self.first = spans[index]


def _ok(key: str, value: Any) -> bool:
    if key in KIND_RECORDS:
        return isinstance(value, list)
    if key == "meta":
        return isinstance(value, dict)
    return isinstance(value, str) and value.strip() != ""


def unread_sections(root: Map) -> dict[str, str]:
    """The top-level keys of ``root`` whose entities are not read, each with the section
    it stands for: a section that is not a list, and a key that is not part of the
    format but close to a section (``evidences``: the findings of a ledger set missing
    them follow from that one mistake)."""
    found: dict[str, str] = {}
    options = sorted(_HEADER_FIELDS)
    for key, value in root.items():
        if key in KIND_RECORDS:
            if value is not None and not isinstance(value, Seq):
                found[key] = key
        elif key not in _HEADER_FIELDS:
            close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
            if close and close[0] in KIND_RECORDS:
                found[key] = close[0]
    return found


def _not_read(out: FileModel, found: Iterable[tuple[str, str]]) -> None:
    """Record the (noun, id) of the entities of a part of the file that is not read:
    broken (they exist, not usable) and unread (only while the cause is reported)."""
    for noun, ident in found:
        out.broken.append((noun, ident))
        out.unread.append(ident)


def _unread_ids(root: Map) -> Iterator[tuple[str, str]]:
    """(noun, id) of the entries of sections that are not read (:func:`unread_sections`):
    they exist, so references to them are not unknown."""
    for key, section in unread_sections(root).items():
        value = root[key]
        entries = value if isinstance(value, Seq) else [value]
        for entry in entries:
            # A section written without its dashes' spaces has '-id' keys.
            ident = entry.get("id", entry.get("-id")) if isinstance(entry, Map) else None
            if isinstance(ident, str):
                yield KIND_NOUN[section], ident


def _refused_ids(loaded: LoadedFile) -> list[tuple[str, str]]:
    """(noun, id) of the entities a file that could not be read declares, as far as its
    text tells (:func:`~claimlog.loader.declared_ids`): references to them are not
    unknown. Nothing for an empty file, which declares nothing."""
    if not any(d.severity is Severity.ERROR for d in loaded.diagnostics):
        return []
    return [
        (KIND_NOUN[section], ident)
        for section, ident in declared_ids(loaded.text)
        if section in KIND_NOUN
    ]


def _drop_alias_findings(out: FileModel, loader_findings: int) -> None:
    """Drop the schema findings about the value of an alias: the loader reports the
    alias (CL004) and reads its value as empty, which is not a second mistake."""
    aliases = {
        (d.line, d.column)
        for d in out.diagnostics[:loader_findings]
        if d.code == R.ANCHOR_ALIAS.code and d.message.startswith("alias ")
    }
    out.diagnostics[loader_findings:] = [
        d for d in out.diagnostics[loader_findings:] if (d.line, d.column) not in aliases
    ]


def _slow_header(out: FileModel, root: Map) -> tuple[str | None, str | None]:
    """The title and description of a file whose top level the fast check did not
    accept: pydantic decides, and explains what is wrong; the sound fields are kept."""
    from pydantic import ValidationError

    from .formatmodels import Header, LedgerFile

    try:
        header = Header.model_validate(root)
    except ValidationError as err:
        _report(out, root, err.errors(include_url=False), "the ledger", LedgerFile)
        header = Header.model_validate(
            {k: v for k, v in root.items() if k in Header.model_fields and _ok(k, v)}
        )
    return header.title, header.description


def to_record(model: Any) -> Any:
    """The record of a validated pydantic model (its nested models too)."""
    cls = getattr(records, type(model).__name__)
    values = []
    for name in cls.FIELDS:
        value = getattr(model, name)
        if hasattr(type(value), "model_fields"):
            value = to_record(value)
        values.append(value)
    return cls(*values)


def _validate_one(
    out: FileModel,
    key: str,
    index: int,
    node: Any,
    spans: Sequence[Span],
    budget: _Budget,
) -> tuple[EntityModel | None, bool]:
    """Validate, with pydantic, one entity that the fast check did not accept; on
    errors, report them and recover what is sound. Also says whether values were set
    aside with no finding at the entity (past the first :data:`MAX_DESCRIBED`).

    The offending fields (or single ``stance`` entries) are set aside and the rest
    validated again, so that one bad value does not hide the entity's other
    findings or make its references look unused. An entity that cannot be
    recovered (a required field is bad) is dropped, its id remembered in
    ``out.broken`` so that references to it are not reported as unknown. Once
    :data:`MAX_DESCRIBED` invalid entities of the file are described, the rest are
    recovered the same way but only counted in ``budget``.
    """
    noun = KIND_NOUN[key]
    describe = budget.described < MAX_DESCRIBED
    if not describe and (not isinstance(node, Map) or not _REQUIRED[key] <= node.keys()):
        budget.count(spans, index)  # cannot be recovered: no need to ask pydantic why
        _broken(out, noun, node)
        return None, True
    from pydantic import ValidationError

    from .formatmodels import KIND_MODELS

    model = KIND_MODELS[key]
    try:
        return to_record(model.model_validate(node)), False
    except ValidationError as err:
        if not describe:
            budget.count(spans, index)
            return _recover(out, model, noun, node, err.errors(include_url=False)), True
        budget.described += 1
        if not isinstance(node, Map):
            out.diagnostics.append(
                diag(
                    R.WRONG_TYPE,
                    out.path,
                    spans[index],
                    f"{noun} #{index + 1} is {_shape(node)}, expected a mapping of fields",
                )
            )
            return None, True
        ident = node.get("id")
        label = f"{noun} '{ident}'" if isinstance(ident, str) else f"{noun} #{index + 1}"
        errors = err.errors(include_url=False)
        _report(out, node, errors, label, model)
        return _recover(out, model, noun, node, errors), False  # its findings are at it


def _recover(
    out: FileModel,
    model: type[PydanticEntity],
    noun: str,
    node: Map,
    errors: list[ErrorDetails],
) -> EntityModel | None:
    """``node`` validated again without the values ``errors`` point at, else broken.
    The texts of what is dropped are remembered as a broken entity's are."""
    from pydantic import ValidationError

    dropped = {e["loc"][0] for e in errors if e["loc"] and isinstance(e["loc"][0], str)}
    pruned = _prune(node, errors)
    if noun == "evidence" and "retracted" in dropped:
        # Set aside, an unreadable 'retracted' would count the item as never withdrawn
        # (a review): it is read as withdrawn until it is mended, but for YAML 1.1's
        # words, whose meaning is plain (and which --fix writes out: 'no' is false).
        said = node.get("retracted")
        if said is None or said == "":
            pruned.pop("retracted", None)  # left empty, as in a template: not withdrawn
        else:
            flag = YAML11_FLAGS.get(said.lower(), "true") if isinstance(said, str) else "true"
            pruned["retracted"] = flag == "true"
    try:
        kept = model.model_validate(pruned)
    except ValidationError:
        _broken(out, noun, node)
        return None
    _set_aside(out, node, dropped, _SECTION[model.__name__])
    return to_record(kept)  # type: ignore[no-any-return]


def _broken(out: FileModel, noun: str, node: Any) -> None:
    """Remember an unrecoverable entity's id, so references to it are not unknown, and
    the texts inside it, which may name the entities it would have used."""
    if not isinstance(node, Map) or not node:
        return  # nothing to remember
    ident = node.get("id")
    if isinstance(ident, str):
        out.broken.append((noun, ident))
    _set_aside(out, node, set(node.keys()), None)


def _set_aside(out: FileModel, node: Map, names: set[Any], section: str | None) -> None:
    """Remember the texts of the fields ``names`` of ``node``, which validation set
    aside: in ``out.broken_refs``, and with the entry's span in ``out.set_aside`` (the
    claims they name lack the entry's mark while its error is reported:
    :attr:`claimlog.ledgerset.LedgerSet.lost_marks`)."""
    if len(out.broken_refs) >= MAX_BROKEN_REFS:
        return
    named: set[str] = set()
    references(node, names, section, named)
    out.broken_refs.update(named)
    if named:
        out.set_aside.append((node.span, frozenset(named)))


MAX_BROKEN_REFS: Final = 10_000
"""At most so many texts remembered from the broken entities and dropped values of one
file."""


REFERENCE_FIELDS: Final = (ID_FIELDS - {"id"}) | {"group"}
"""The fields whose values name other entities (a claim's group too: a broken claim
leaves its group one answer short)."""


def references(node: Map, names: set[Any], section: str | None, into: set[str]) -> None:
    """The ids that the fields ``names`` of ``node`` may name: the values of reference
    fields (``stance``'s claim ids, ``source``, ``via``, ...), and the name of a field
    the format does not know (a stance entry at the wrong indent is read as one), and
    the value of one that is a slip of a reference field (a docs audit: under
    ``stnace:`` the claims lost their marks unflagged). Free text (summaries, notes,
    other unknown fields' values) names nothing: a summary that mentions a claim's id
    holds back none of its findings."""
    known = _FIELDS[section] if section is not None else _ALL_FIELDS
    for name in names:
        if len(into) >= MAX_BROKEN_REFS:
            break
        if not isinstance(name, str):
            continue
        value = node.get(name)
        if name not in known:
            into.add(name)
            if difflib.get_close_matches(name, REFERENCE_FIELDS, n=1, cutoff=0.75):
                _named_in(value, into)
        elif name in REFERENCE_FIELDS:
            _named_in(value, into)


def _named_in(value: Any, into: set[str]) -> None:
    """The ids a reference field's value names: the text, the list's texts, the keys of
    the mapping (a stance) or of the list's mappings (``- claim: stance``)."""
    if isinstance(value, str):
        into.add(value)
    elif isinstance(value, Seq):
        for v in value:
            if isinstance(v, str):
                into.add(v)
            elif isinstance(v, Map):
                into.update(k for k in v if isinstance(k, str))
    elif isinstance(value, Map):
        into.update(k for k in value if isinstance(k, str))


_ALL_FIELDS: Final = frozenset(name for fields in _FIELDS.values() for name in fields)


def _prune(node: Map, errors: list[ErrorDetails]) -> dict[str, Any]:
    """A copy of ``node`` without the values the errors point at."""
    pruned: dict[str, Any] = dict(node)
    for error in errors:
        loc = error["loc"]
        if not loc or not isinstance(loc[0], str):
            continue
        name = loc[0]
        value = pruned.get(name)
        if name == "stance" and len(loc) > 1 and isinstance(value, dict):
            trimmed = dict(value)
            trimmed.pop(str(loc[1]), None)
            pruned[name] = trimmed
        else:
            pruned.pop(name, None)
    return pruned


def _shape(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the text '{value}'"


def _fields_of(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names known at the level of ``loc``'s last key (for did-you-mean)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        annotation = field.annotation
        current = _model_in(annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _locate(node: Map, loc: tuple[Any, ...], want_key: bool) -> Span:
    """The span of the value (or of the key) that ``loc`` points at inside ``node``."""
    current: Any = node
    span = node.span
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, Map) and isinstance(part, str) and part in current:
            if last and want_key:
                return current.key_span(part)
            span = current.value_span(part)
            current = current[part]
        elif isinstance(current, Seq) and isinstance(part, int) and part < len(current):
            span = current.item_spans[part]
            current = current[part]
        elif part == "[key]" and i > 0 and isinstance(loc[i - 1], str):
            # The error is about the key of a mapping entry: find the key's own span.
            parent = _walk(node, loc[: i - 1])
            if isinstance(parent, Map) and loc[i - 1] in parent.spans:
                return parent.key_span(loc[i - 1])
            return span
        else:
            return span
    return span


def _walk(node: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
        else:
            return None
    return node


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [str(p) for p in loc if isinstance(p, str) and p != "[key]"]
    return ".".join(names) if names else "value"


# --- one validation error to one finding ---------------------------------------------

Finding = tuple[Rule, Span, str, str | None]
"""The rule, place, message and hint of one finding."""


class _Error:
    """One pydantic error about ``node`` (an entity, or the file's top level)."""

    def __init__(self, error: ErrorDetails, node: Map, label: str, model: type[BaseModel]) -> None:
        self.node = node
        self.label = label
        self.model = model
        self.loc = tuple(error["loc"])
        self.kind = error["type"]
        self.value = error.get("input")
        self.field = _field_name(self.loc)
        self.top = self.loc[0] if self.loc and isinstance(self.loc[0], str) else ""
        self.ctx = error.get("ctx") or {}

    def at(self, want_key: bool = False) -> Span:
        return _locate(self.node, self.loc, want_key)


_MISSING_HINTS: Final = {
    "id": "give it a short id of its own (letters, digits and '-', e.g. 'reuters', "
    "'crocus-by-islamic-state'): other entries name it by its id",
    "name": "write the source's name as readers know it, e.g. 'Reuters'",
    "stance": "name the claims it bears on and how, one per line under 'stance:', "
    "e.g. 'claim-id: supports'",
    "source": "name the id of the source the item comes from",
    "statement": "write the claim as one sentence that can be true or false",
    "summary": "say in a sentence what the item reports",
}
"""Hints for a required field left out, where knowing its name is not enough."""


def _missing_hint(e: _Error) -> str | None:
    """What to write in a top-level field left out or empty, where its name is not
    enough (:data:`_MISSING_HINTS`)."""
    return _MISSING_HINTS.get(e.field) if len(e.loc) == 1 else None


def _missing(e: _Error) -> Finding:
    message = f"{e.label} is missing required field '{e.field}'"
    looks = _looks_like(e.model, e.node) if len(e.loc) == 1 else None
    hint = looks[1] if looks else _missing_hint(e)
    return R.MISSING_FIELD, _head(e.node), message, hint


_SYNONYMS: Final[dict[str, dict[str, str]]] = {
    "sources": {
        "type": "kind", "grade": "reliability", "rating": "reliability",
        "affiliations": "affiliation", "side": "affiliation", "link": "url",
        "website": "url", "title": "name", "outlet": "name", "republishes": "derived_from",
        "copies": "derived_from", "note": "notes", "comment": "notes",
    },
    "claims": {
        "text": "statement", "claim": "statement", "description": "statement",
        "hypothesis": "statement", "claimant": "claimed_by", "claimants": "claimed_by",
        "asserted_by": "claimed_by", "party": "parties", "probability": "prior",
        "tag": "tags", "note": "notes", "comment": "notes",
    },
    "evidence": {
        "type": "kind", "confidence": "credibility", "information": "credibility",
        "link": "url", "archive": "archive_url", "archived": "archive_url",
        "hash": "sha256", "checksum": "sha256", "relay": "via", "relays": "via",
        "claims": "stance", "stances": "stance", "bears_on": "stance",
        "published": "date", "text": "summary", "description": "summary",
        "content": "summary", "excerpt": "quote", "quotation": "quote",
        "withdrawn": "retracted", "retraction": "retracted", "rests_on": "based_on",
        "depends_on": "based_on", "outlet": "source", "publisher": "source",
        "author": "source", "note": "notes", "comment": "notes",
    },
    "groups": {"title": "question", "text": "question", "closed": "exhaustive"},
}  # fmt: skip
"""Words people write for a field of the format (a tour: `type: analysis` on an item
was told that free-form data belongs under 'meta'; it is the item's `kind`)."""


def _synonym(e: _Error, key: str) -> str | None:
    section = _SECTION.get(e.model.__name__)
    field = _SYNONYMS.get(section or "", {}).get(key.lower())
    if field is None or field in e.node:
        return None
    return f"did you mean '{field}'? (the format's word for it)"


def _extra(e: _Error) -> Finding:
    key = str(e.loc[-1])
    hint = _misplaced(e, key) if len(e.loc) == 1 else None
    hint = hint or did_you_mean(key, _fields_of(e.model, e.loc))
    hint = hint or (_synonym(e, key) if len(e.loc) == 1 else None)
    if hint is None and e.model.__name__ != "LedgerFile":
        hint = "free-form data belongs under 'meta'"
    return R.UNKNOWN_FIELD, e.at(want_key=True), f"{e.label} has unknown field '{key}'", hint


def _plural(section: str) -> str:
    return "evidence items" if section == "evidence" else section


def _misplaced(e: _Error, key: str) -> str | None:
    """The hint for a field of an entity that belongs somewhere else: a stance entry
    outside ``stance``, a field of another kind of entity, an entity in the wrong list."""
    own = _SECTION.get(e.model.__name__)
    if own is None:
        return None
    if own == "evidence" and e.node.get(key) in STANCES:
        return f"'{key}' looks like a claim id: stance entries go under 'stance:'"
    looks = _looks_like(e.model, e.node)
    if looks is not None and key in _FIELDS[looks[0]]:
        return looks[1]
    others = [_plural(k) for k, fields in _FIELDS.items() if k != own and key in fields]
    if not others:
        return None
    where = " and ".join([", ".join(others[:-1]), others[-1]] if len(others) > 1 else others)
    return f"'{key}' is a field of {where}, not of {_plural(own)}"


def _looks_like(model: type[BaseModel], node: Map) -> tuple[str, str] | None:
    """The section an entity lacking a required field of its own kind belongs to, when
    it has a required field of another kind that its own kind does not have; with the
    hint that says so."""
    own = _SECTION.get(model.__name__)
    if own is None or _REQUIRED[own] <= node.keys():
        return None
    for section, cls in KIND_RECORDS.items():
        for name in cls.FIELDS:
            if name in _REQUIRED[section] and name not in _FIELDS[own] and name in node:
                noun = KIND_NOUN[section] + (" item" if section == "evidence" else "")
                return (
                    section,
                    f"this looks like {_a(noun)} (it has '{name}'): move it under '{section}:'",
                )
    return None


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _string_type(e: _Error) -> Finding:
    if e.value is None:
        message = f"{e.label}: field '{e.field}' is empty"
        return R.MISSING_FIELD, e.at(want_key=True), message, _missing_hint(e)
    return _wrong_type(e)


def _pattern(e: _Error) -> Finding:
    is_key = e.loc[-1] == "[key]"
    span = e.at(want_key=is_key)
    label, field, value = e.label, e.field, e.value
    if e.top in ID_FIELDS:
        shown = e.loc[-2] if is_key else value
        hint = (
            "ids are 1-128 ASCII letters (a-z, A-Z), digits, '.', '_', '-' or ':', starting "
            "with a letter or digit"
        )
        message = f"{label}: '{shown}' in '{field}' is not a valid id"
        # A tour: an id with a Cyrillic a among Latin letters looked valid and was said
        # not to be made of letters; 'vidéo' got 'vid-o' as its example.
        foreign = (
            next((c for c in shown if not c.isascii()), None) if isinstance(shown, str) else None
        )
        if foreign is not None:
            # A mark that joins the letter before it, or a character that shows as
            # nothing, is named alone: quoted, it sat on the quote (a review).
            named = (
                char_name(foreign) if _unseen(foreign) else f"'{foreign}' ({char_name(foreign)})"
            )
            message += f": {named} is not an ASCII letter or digit"
        meant = _id_like(shown) if isinstance(shown, str) else None
        if meant is not None:  # a tour: 'Newsru.com news' got the rule and no id to write
            hint += f", for example '{meant}'"
        return R.MALFORMED_ID, span, message, hint
    if e.top in URL_FIELDS:
        message = f"{label}: '{value}' in '{field}' is not an http(s) URL"
        bare = isinstance(value, str) and _BARE_ADDRESS.fullmatch(value.strip()) is not None
        odd = _URL_CHARACTER.search(value) if isinstance(value, str) else None
        if bare:
            scheme: str | None = f"write the whole address: https://{value.strip()}"
        elif isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
            if odd is not None:
                why, scheme = _url_character(odd.group())
                return R.MALFORMED_URL, span, f"{message}: {why}", scheme
            scheme = "an address holds no spaces (write %20) and a port of at most 65535"
        else:
            scheme = "write the address as a browser shows it, starting with https:// or http://"
        return R.MALFORMED_URL, span, message, scheme
    if e.top == "sha256":
        message = f"{label}: sha256 '{value}' is not 64 hexadecimal digits"
        hint = "the SHA-256 digest of the archived copy, as 'sha256sum FILE' prints it"
        return R.MALFORMED_HASH, span, message, hint
    return R.MISSING_FIELD, span, f"{label}: field '{field}' is empty", _missing_hint(e)


def _unseen(c: str) -> bool:
    """A combining mark (an accent written after its letter) or a format character
    (zero-width, invisible): no character of its own on screen."""
    import unicodedata

    return unicodedata.category(c) in ("Mn", "Me", "Cf")


def _id_like(text: str) -> str | None:
    """An id made of ``text`` (lower case, words joined by hyphens, accents taken off
    letters), when it has a word; None when a letter has no ASCII form (a Cyrillic a
    in a Latin word: the message names it)."""
    written = text
    if not text.isascii():
        import unicodedata

        letters = []
        for c in text:
            plain = unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode()
            if c.isalnum() and not plain:
                return None
            if not _unseen(c):  # a combining accent or an invisible character: dropped
                letters.append(plain if c.isalnum() else c)
        text = "".join(letters)
    meant = re.sub(r"[^a-z0-9._:]+", "-", text.strip().lower()).strip("-._:")[:128]
    meant = meant.rstrip("-._:")
    return meant if meant and meant != written else None


def _date(e: _Error) -> Finding:
    text = e.value.strip() if isinstance(e.value, str) else ""
    timed = len(text) > 10 and ":" in text
    # "with an offset" only where the offset is missing (a review: a date-time with one
    # and a day February lacks was said to lack the offset)
    what = "date-time with an offset" if timed and not _OFFSET.search(text) else "date"
    if timed and what == "date":
        what = "date-time"
    message = f"{e.label}: {e.field} '{e.value}' is not a valid {what}"
    why, hint = date_trouble(text) if text else (None, None)
    if why is not None:
        message += f": {why}"
    return R.MALFORMED_DATE, e.at(), message, hint or DATE_HINT


DATE_HINT: Final = "write YYYY-MM-DD, or a date-time with an offset like 2024-03-22T19:58:00+03:00"
_ISO_DAY: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?=$|[T ])")
_TIME_NO_OFFSET: Final = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?")
_OFFSET: Final = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z)$")
_SHORT_ISO: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST: Final = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_DATE_WORDS: Final = re.compile(
    r"(?:(\d{1,2})\s+([A-Za-z]{3,})\.?|([A-Za-z]{3,})\.?\s+(\d{1,2}),?)\s+(\d{4})"
)


def date_trouble(value: str) -> tuple[str | None, str | None]:
    """What is wrong with a date the user meant (a day that does not exist, in a date or
    a date-time; a time with no offset), and the date to write when it can be told (a
    day written first or with the month's name): (why, hint), each None when there is
    nothing to add."""
    import calendar

    text = value.strip()
    # a month or a day of one digit is read as if written with two (a review: 2015-13-1
    # was told nothing of month 13)
    iso = _ISO_DAY.match(text) or _SHORT_ISO.fullmatch(text)
    if iso is not None:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
        if year == 0:
            return "there is no year 0", "write the year in four digits, from 0001"
        if not 1 <= month <= 12:
            return f"there is no month {month}", "write YYYY-MM-DD: the year, the month, the day"
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"{calendar.month_name[month]} {year} has {last} days", "check the day"
    timed = day_of_time(text)
    if timed is not None:
        return None, f"add the offset (+03:00, or Z for UTC), or write the day alone: {timed}"
    return None, _date_meant(text)


def day_of_time(value: str, offset: bool = False) -> str | None:
    """The day of a date-time written with no offset ('2015-01-14T10:00' gives
    '2015-01-14'), with ``offset`` of one written with an offset too (its day as
    written, for ``--as-of``, which takes a date), else None."""
    text = value.strip()
    timed = _TIME_NO_OFFSET.fullmatch(_OFFSET.sub("", text) if offset else text)
    return None if timed is None else timed[1]


def _date_meant(text: str) -> str | None:
    """The hint for a date written another way: 'write 2015-01-14' when the day and the
    month can be told apart (14/01/2015, 16 Jan 2015, Jan 16, 2015, 2015-1-14) and make
    a day."""
    import calendar
    from datetime import date

    first = _DAY_FIRST.fullmatch(text)
    words = _DATE_WORDS.fullmatch(text)
    short = _SHORT_ISO.fullmatch(text)
    if short is not None:  # a month or a day of one digit (a review: no hint)
        year, month, day = int(short[1]), int(short[2]), int(short[3])
    elif first is not None:
        a, b, year = int(first[1]), int(first[2]), int(first[3])
        if a <= 12 and b <= 12:
            return f"write YYYY-MM-DD: is '{text}' day {a} of month {b}, or month {a}, day {b}?"
        month, day = (b, a) if a > 12 else (a, b)  # the day is the one past 12
    elif words is not None:
        day, year = int(words[1] or words[4]), int(words[5])
        name = (words[2] or words[3]).lower()
        names = [m.lower() for m in calendar.month_name]
        month = next((k for k in range(1, 13) if names[k].startswith(name)), 0)
    else:
        return None
    try:
        meant = date(year, month, day)
    except ValueError:
        return None
    return f"write {meant.isoformat()} (YYYY-MM-DD)"


def _literal_options(e: _Error) -> list[str]:
    return [
        o.strip().strip("'")
        for o in str(e.ctx.get("expected", "")).replace(" or ", ", ").split(", ")
    ]


_URL_CHARACTER: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\\]")
"""What keeps an http(s) address from being a URL and is named: a backslash, a control
character (C0, DEL, C1) other than the tab and the line breaks that read as space."""


def _url_character(ch: str) -> tuple[str, str]:
    """Why ``ch`` (a match of :data:`_URL_CHARACTER`) is no part of a URL, and a hint."""
    if ch == "\\":
        return (
            "it holds a backslash, which browsers read as '/' and other programs as part "
            "of the address: it names one site to one reader and another to the next",
            "write '/' where the address has one (a backslash in a path is %5C)",
        )
    return (
        f"it holds the control character U+{ord(ch):04X}, which no address holds",
        "type the address anew, or copy it from the browser's address bar",
    )


_BARE_ADDRESS: Final = re.compile(
    r"(?:www\.[^\s/:]+(?:/\S*)?|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/\S*)"
)
"""A web address written without its scheme: 'www.' and a host, or a host name with a
path ('reuters.com/x'); not a file name ('report.pdf'), a DOI or a number."""
_ADMIRALTY_CODE: Final = re.compile(r"^\s*([A-Fa-f])\s*(?:-\s*)?([1-6])\s*$")
"""A whole Admiralty code, ``B2`` or ``b - 2``: a source's reliability and an item's
information grade written together (the spaces on either side of an optional dash once
overlapped: a value of 80,000 spaces took 28 s)."""


def admiralty_hint(field: str, value: str) -> str | None:
    """The hint for a whole Admiralty code written as a ``reliability`` or a
    ``credibility`` (its letter belongs to the source, its digit to the item); None for
    any other value. ``check`` gives it, and so does ``add`` as the value is typed."""
    code = _ADMIRALTY_CODE.match(value)
    if code is None:
        return None
    letter, digit = code[1].upper(), code[2]
    if field == "reliability":
        return (
            f"'{value}' is a whole Admiralty code: write reliability: {letter} here, and "
            f"credibility: {digit} on the evidence items whose information it grades"
        )
    if field == "credibility":
        return (
            f"'{value}' is a whole Admiralty code: write credibility: {digit} here, and "
            f"reliability: {letter} on the source"
        )
    return None


def _literal(e: _Error) -> Finding:
    options = _literal_options(e)
    message = f"{e.label}: {e.field} '{e.value}' is not one of: {', '.join(options)}"
    if e.value is None:  # 'claim-a:' with nothing after it: no 'None' in the message
        message = f"{e.label}: {e.field} is empty; expected one of: {', '.join(options)}"
    code = admiralty_hint(e.top, e.value) if isinstance(e.value, str) else None
    if code is not None:  # 'C3': the digit is no typo, and no fix may drop it
        return R.INVALID_VALUE, e.at(), message, code
    # Only the value it is a slip for: the message names them all, and a value merely
    # close may mean the opposite ('unsupported' is not 'supported').
    near = only_candidate(str(e.value), options)
    if near is None and e.top == "reliability":
        hint = (
            "reliability is the source's Admiralty letter, A (completely reliable) to F (cannot "
            "be judged); a digit, 1 to 6, grades an evidence item's credibility"
        )
        return R.INVALID_VALUE, e.at(), message, hint
    return R.INVALID_VALUE, e.at(), message, f"did you mean '{near}'?" if near else None


_NUMBER_WANTED: Final = {
    "int_parsing": "a whole number",
    "float_parsing": "a number",
    "int_from_float": "a whole number",
    "bool_value": "true or false",
}


YAML11_FLAGS: Final = {"yes": "true", "no": "false", "on": "true", "off": "false"} | {
    "y": "true",
    "n": "false",
}
"""YAML 1.1's spellings of booleans, refused in boolean fields, with the one they mean."""


def _number(e: _Error) -> Finding:
    wanted = "true, false or a date" if e.top == "retracted" else _NUMBER_WANTED[e.kind]
    hint = _RANGE_HINTS["credibility"] if e.top == "credibility" else None
    text = e.value.strip() if isinstance(e.value, str) else ""
    code = admiralty_hint(e.top, text) if e.top == "credibility" else None
    if code is not None:  # 'B2': the letter belongs to the source
        hint = code
    percent = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)\s*%", text) if e.top == "prior" else None
    if percent is not None and 0 < float(percent[1]) < 100:
        hint = f"a prior is a probability between 0 and 1: write {float(percent[1]) / 100:g}"
    elif percent is not None:
        hint = _RANGE_HINTS["prior"]
    flag = YAML11_FLAGS.get(str(e.value).lower()) if e.kind == "bool_value" else None
    if flag is not None:
        hint = f"YAML 1.1 reads '{e.value}' as {flag}: write '{flag}'"
    elif isinstance(e.value, str) and "_" in e.value and e.kind != "bool_value":
        hint = "write the number with digits only: '_' is no digit separator here"
    if e.value is None:  # 'retracted:' left empty: no 'None' in the message
        message = f"{e.label}: {e.field} is empty; expected {wanted}"
        return R.INVALID_VALUE, e.at(), message, f"write a value, or remove '{e.field}'"
    message = f"{e.label}: {e.field} '{e.value}' is not {wanted}"
    if e.top == "retracted" and hint is None and any(c.isdigit() for c in text):
        why, hint = date_trouble(text)  # a date that is not one
        message += f": {why}" if why else ""
        hint = hint or "a retraction is true, false or the day it was withdrawn: " + DATE_HINT
    return R.INVALID_VALUE, e.at(), message, hint


_RANGE_HINTS: Final = {
    "credibility": "credibility is an Admiralty information grade, 1 to 6",
    "prior": "a prior is a probability strictly between 0 and 1",
}


def _out_of_range(e: _Error) -> Finding:
    message = f"{e.label}: {e.field} '{e.value}' is out of range"
    return R.INVALID_VALUE, e.at(), message, _RANGE_HINTS.get(e.top)


def _too_short(e: _Error) -> Finding:
    hint = "name at least one claim and how the item bears on it" if e.top == "stance" else None
    return R.INVALID_VALUE, e.at(), f"{e.label}: '{e.field}' is empty", hint


def _wrong_type(e: _Error) -> Finding:
    message = f"{e.label}: '{e.field}' is {_shape(e.value)}, expected {_wanted(e.kind)}"
    return R.WRONG_TYPE, e.at(), message, _shape_hint(e)


_WORD: Final = r"[A-Za-z0-9](?:[\w.:-]{0,58}[\w.-])?"  # an id, not ending in ':'
_WORDS: Final = re.compile(rf"{_WORD}(?:, ?{_WORD}){{0,9}}")
"""Ids, or a few of them after commas: what is safe to show in a flow list."""
_AN_ID: Final = re.compile(rf"(?=[^,]*[A-Za-z]){_WORD}")
"""One id with a letter in it: what a stance's key may be shown as ('1' or 'a, b' are
not: a review saw a hint of 'stance: {claim-a, claim-b: supports}')."""


def _shape_hint(e: _Error) -> str | None:
    """How to write an empty ``stance``, a list given as one text, or a section that is
    not a list."""
    if e.loc == ("stance",) and e.value is None:
        return "write each claim id and its stance under 'stance:', indented more than it"
    if e.loc == ("stance",) and isinstance(e.value, str):
        # 'stance: claim-id' (a tour: no hint, where 'via: a, b' gets its list form)
        if e.value.strip() in STANCES:  # 'stance: supports': the claim is missing
            return f"name the claim: stance: {{claim-id: {e.value.strip()}}}"
        first = e.value if _AN_ID.fullmatch(e.value) else "claim-id"
        return f"give the claim its stance: stance: {{{first}: supports}}"
    if e.loc == ("stance",) and isinstance(e.value, list):
        if e.value and all(isinstance(v, dict) and len(v) == 1 for v in e.value):
            # '- claim: refutes' under 'stance:' (a tour was told to write a flow mapping)
            return "remove the '- ' before each claim: 'stance:' maps claim ids to stances"
        ids = [v for v in e.value if isinstance(v, str) and _AN_ID.fullmatch(v)]
        first = ids[0] if len(ids) == len(e.value) and ids else "claim-id"
        return f"give each claim its stance: stance: {{{first}: supports}}"
    if e.kind == "list_type" and isinstance(e.value, str) and _WORDS.fullmatch(e.value):
        return f"write a list, even of one: {e.field}: [{e.value}]"
    if e.model.__name__ == "LedgerFile" and len(e.loc) == 1 and e.top in KIND_RECORDS:
        if isinstance(e.value, dict) and any(str(k).startswith("-") for k in e.value):
            return "a list entry is '- ' followed by a space: '- id: ...'"
        if isinstance(e.value, dict):
            return "start each entry of the list with '- ': '- id: ...'"
    return None


_BY_KIND: Final[dict[str, Callable[[_Error], Finding]]] = {
    "missing": _missing,
    "extra_forbidden": _extra,
    "string_type": _string_type,
    "string_pattern_mismatch": _pattern,
    "malformed_date": _date,
    "literal_error": _literal,
    **dict.fromkeys(_NUMBER_WANTED, _number),
    **dict.fromkeys(
        ("greater_than", "greater_than_equal", "less_than", "less_than_equal", "finite_number"),
        _out_of_range,
    ),
    "too_short": _too_short,
}


def _scalar_wanted(e: _Error) -> str | None:
    """What a field of one word, date or flag wants, when it was given a list or a
    mapping (None otherwise): the finding is then about its shape (CL103), and the
    message never shows the container as Python writes it ("['a', 'b']")."""
    if not isinstance(e.value, (list, dict)):
        return None
    if e.kind == "literal_error":
        return "one of: " + ", ".join(_literal_options(e))
    if e.kind == "malformed_date":
        return "a date"
    if e.kind == "bool_value":
        return "true, false or a date" if e.top == "retracted" else "true or false"
    return None


def _pasted_hint(e: _Error) -> str | None:
    """The hint for a key or value that holds a space that only looks like one: a key
    indented with no-break spaces ('\u00a0\u00a0kind', a tour), a value pasted with one
    ('B\u00a0', 'c:\u00a0supports' in a flow mapping, a review)."""
    key = e.kind == "extra_forbidden"
    text = str(e.loc[-1]) if key else e.value
    pasted = LOOKALIKE_SPACE.search(text) if isinstance(text, str) else None
    if pasted is None:
        return None
    return (
        f"the {'key' if key else 'value'} holds U+{ord(pasted.group()):04X}, which only "
        "looks like a space: replace it with a plain space" + ("" if key else ", or remove it")
    )


def _report(
    out: FileModel, node: Map, errors: list[ErrorDetails], label: str, model: type[BaseModel]
) -> None:
    """A finding for each validation error, at the place of the key or value."""
    for error in errors:
        e = _Error(error, node, label, model)
        wanted = _scalar_wanted(e)
        if wanted is not None:
            message = f"{e.label}: '{e.field}' is {_shape(e.value)}, expected {wanted}"
            out.diagnostics.append(diag(R.WRONG_TYPE, out.path, e.at(), message))
            continue
        rule, span, message, hint = _BY_KIND.get(e.kind, _wrong_type)(e)
        hint = _pasted_hint(e) or hint
        out.diagnostics.append(diag(rule, out.path, span, message, hint, fix=_fix(e)))


def _fix(e: _Error) -> Fix | None:
    """The one answer to a validation error, if it has exactly one: an unknown key
    with one close field name (that the mapping does not have already), a value of a
    fixed set with one close word, a YAML 1.1 boolean."""
    if e.kind == "extra_forbidden":
        key = str(e.loc[-1])
        if len(e.loc) == 1 and _misplaced(e, key) is not None:
            return None
        new = only_candidate(key, _fields_of(e.model, e.loc))
        parent = _walk(e.node, e.loc[:-1])
        if new is None or not isinstance(parent, Map) or new in parent:
            return None
        return Fix(e.at(want_key=True), key, new)
    if not isinstance(e.value, str):
        return None
    if e.kind == "literal_error":
        if admiralty_hint(e.top, e.value) is not None:
            return None  # the information grade would be lost
        new = only_candidate(e.value, _literal_options(e))
    elif e.kind == "bool_value":
        new = YAML11_FLAGS.get(e.value.lower())
    else:
        return None
    return Fix(e.at(), e.value, new) if new is not None else None


def _head(node: Map) -> Span:
    """Where an entity is named: its ``id`` key, else its first key, else the mapping."""
    if "id" in node.spans:
        return node.key_span("id")
    for key_span, _ in node.spans.values():
        return key_span
    return node.span


def _wanted(kind: str) -> str:
    if kind.startswith("list") or kind == "tuple_type":
        return "a list"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "a mapping"
    if kind.startswith("string") or kind == "str_type":
        return "text"
    if kind.startswith("bool"):
        return "true or false"
    if kind.startswith(("int", "float")):
        return "a number"
    return "another kind of value"
