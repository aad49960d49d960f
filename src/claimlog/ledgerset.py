"""The loaded ledger set: files, entities, indexes and the provenance graph.

Built once from the files; checks and the credibility engine read it and never
change it. Ids are global across the set: the first file's definition (in path order)
is the one indexed, and of two of one kind in one file the one whose values sort
first (the order entries are written in changes no result); the others are reported
by the duplicate-id check.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from . import rules as R
from .diagnostics import Diagnostic, Severity
from .files import FileSource, PathError, WorkTree
from .loader import LoadedFile
from .model import Claim, Entity, Evidence, FileModel, Group, Source
from .plaindata import dataclass
from .validation import build_file, references

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

__all__ = ["LedgerSet", "PathError", "load_from", "load_set"]


@dataclass
class LedgerSet:
    """Every file of the set and every entity that validated."""

    files: list[FileModel]
    loaded: dict[str, LoadedFile]
    sources: dict[str, Entity] = field(default_factory=dict)
    claims: dict[str, Entity] = field(default_factory=dict)
    evidence: dict[str, Entity] = field(default_factory=dict)
    duplicates: dict[str, list[Entity]] = field(default_factory=dict)
    """Every definition of each id defined more than once, in path order (an id defined
    once is only in its kind's index: a list for each would hold 1.4 MB at 2,000 claims)."""
    broken: dict[str, str] = field(default_factory=dict)
    """Ids of entities that failed validation beyond repair, and their kind."""
    unread: set[str] = field(default_factory=set)
    """The ids among ``broken`` of the parts of files that are not read."""
    broken_refs: set[str] = field(default_factory=set)
    """Every text inside those entities and inside the values dropped from recovered
    ones (the ids they may name; see also :attr:`duplicate_refs`)."""
    declared_groups: dict[str, Entity] = field(default_factory=dict)
    """Groups declared under a file's top-level ``groups``, by id (the first definition)."""
    group_definitions: dict[str, list[Entity]] = field(default_factory=dict)
    """Every declaration of each group id, in path order (for duplicate findings)."""
    silenced: frozenset[tuple[str, int, int]] = frozenset()
    """File errors the run does not report (:meth:`silence`)."""
    held: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    """Where the errors of checks over the set that the run reports and that hold their
    entry back are, by file (:meth:`silence`: unknown references, CL201)."""
    _party_sets: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """What a check computes once over the set and a run may ask for twice (the unknown
    references, which the run reads before the assessment and ``check`` reports; the
    suppressions' rules): by name. A set made from another one starts empty."""

    @classmethod
    def from_files(cls, files: Iterable[FileModel], loaded: dict[str, LoadedFile]) -> LedgerSet:
        ordered = sorted(files, key=lambda f: f.path)
        out = cls(ordered, loaded)
        for f in ordered:
            for noun, ident in f.broken:
                out.broken.setdefault(ident, noun)
            out.unread.update(f.unread)
            out.broken_refs.update(f.broken_refs)
            for kind, index in (
                (f.sources, out.sources),
                (f.claims, out.claims),
                (f.evidence, out.evidence),
            ):
                for entity in kind:
                    ident = entity.id
                    first = out.sources.get(ident) or out.claims.get(ident)
                    first = first or out.evidence.get(ident)
                    if first is None:
                        index[ident] = entity
                        continue
                    places = out.duplicates.setdefault(ident, [first])
                    if index.get(ident) is not first:  # another kind's: that one is used
                        places.append(entity)
                    elif _kept_instead(places, entity):
                        index[ident] = entity
            for entity in f.groups:
                places = out.group_definitions.setdefault(entity.id, [])
                if not places:
                    places.append(entity)
                    out.declared_groups[entity.id] = entity
                elif _kept_instead(places, entity):
                    out.declared_groups[entity.id] = entity
        return out

    @property
    def file_diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    def source(self, sid: str) -> Source:
        model = self.sources[sid].model
        assert isinstance(model, Source)
        return model

    def claim(self, cid: str) -> Claim:
        model = self.claims[cid].model
        assert isinstance(model, Claim)
        return model

    def parties(self, cid: str) -> frozenset[str]:
        """The parties of claim ``cid`` as a set, made once a claim (the report and the
        graph meet them with each source's affiliations, item after item)."""
        found = self._party_sets.get(cid)
        if found is None:
            found = self._party_sets[cid] = frozenset(self.claim(cid).parties)
        return found

    def item(self, eid: str) -> Evidence:
        model = self.evidence[eid].model
        assert isinstance(model, Evidence)
        return model

    def group(self, gid: str) -> Group | None:
        """The declaration of group ``gid``, or None when no file declares it."""
        entity = self.declared_groups.get(gid)
        if entity is None:
            return None
        model = entity.model
        assert isinstance(model, Group)
        return model

    def kind_of(self, ident: str) -> str | None:
        if ident in self.sources:
            return "source"
        if ident in self.claims:
            return "claim"
        if ident in self.evidence:
            return "evidence item"
        return self.broken.get(ident)

    @cached_property
    def evidence_by_claim(self) -> dict[str, list[Entity]]:
        """Evidence items taking a stance on each claim, in id order. Built in the order
        the items were loaded (near one another in memory), each claim's few then
        sorted: the same lists as walking all ids sorted, a fraction of the time at
        400,000 items."""
        out: dict[str, list[Entity]] = {cid: [] for cid in self.claims}
        for entity in self.evidence.values():
            model = entity.model
            assert isinstance(model, Evidence)
            for cid in model.stance:
                if cid in out:
                    out[cid].append(entity)
        for entities in out.values():
            if len(entities) > 1:
                entities.sort(key=_ident)
        return out

    @cached_property
    def flawed(self) -> frozenset[str]:
        """The ids of the sources, claims and evidence items in use that hold an error of
        their file: a value validation set aside, an unknown or duplicated key, a
        misleading character. They are kept so that checks see the rest of them, but
        the assessment does not take them at their word: a dropped ``parties``,
        ``retracted`` or grade would count as never written (docs/credibility.md,
        "Entries with errors")."""
        return self._flawed[0]

    @cached_property
    def lost_marks(self) -> frozenset[str]:
        """The claims that an entry set aside may mark, while the error that set it
        aside is reported (as for :attr:`flawed`): named by an entity too broken to keep
        or by a value dropped from one kept without it (a stance entry whose label is
        misspelt, or at the wrong indent), by a definition not used of an id defined
        more than once (:attr:`duplicate_refs`), or in a file that could not be read;
        and every claim of a group such an entry names (a broken answer of it). Their
        evidence may lack a weight, so their assessment is held back as for an item
        that does not count for an error (a tour: an item without its summary, or with
        'strongly-refute', was left out and its claim read `supported` with no flag)."""
        named = set(self.duplicate_refs)
        from bisect import bisect_left

        for f in self.files:
            loaded = self.loaded.get(f.path)
            refused = loaded is not None and loaded.root is None
            if not f.set_aside and not refused:
                continue
            errors = self._file_errors.get(f.path)
            if not errors:
                continue
            if refused and loaded is not None:  # whatever it names may be missing
                for word in _WORD.finditer(loaded.text):  # ('c:' is the key c, or an id)
                    named.update((word.group(), word.group().rstrip(":")))
                continue
            counted = any(code == R.MANY_INVALID_ENTRIES.code for *_, code in errors)
            for (line, column, end_line, end_column), texts in f.set_aside:
                at = bisect_left(errors, (line, column))
                # past the first entries described, an entry's error is only counted
                if counted or (at < len(errors) and errors[at][:2] < (end_line, end_column)):
                    named.update(texts)
        claims = {cid for cid in named if cid in self.claims}
        for gid, members in self.groups.items():
            if gid in named:
                claims.update(members)
        return frozenset(claims)

    @cached_property
    def _file_errors(self) -> dict[str, list[tuple[int, int, str]]]:
        """The errors of each file that the run reports (not :attr:`silenced`), as
        (line, column, code) in order: what holds its entries back (:attr:`flawed`,
        :attr:`lost_marks`)."""
        silenced = self.silenced
        out: dict[str, list[tuple[int, int, str]]] = {}
        for f in self.files:
            found = sorted(
                (d.line, d.column, d.code)
                for d in f.diagnostics
                if d.severity is Severity.ERROR and (f.path, d.line, d.column) not in silenced
            )
            if found:
                out[f.path] = found
        return out

    @cached_property
    def exhaustive_pairs(self) -> list[tuple[str, list[str]]]:
        """The groups declared exhaustive that hold two claims, with their claims: where
        what supports one answer refutes the other (CL417, the assessment's
        ``weighs_alike``)."""
        return [
            (gid, members)
            for gid, members in self.groups.items()
            if len(members) == 2
            and (declared := self.group(gid)) is not None
            and declared.exhaustive
        ]

    @cached_property
    def duplicate_refs(self) -> frozenset[str]:
        """The texts inside each definition not used of an id defined more than once
        whose finding (CL202) the run reports (:attr:`silenced`): the ids it may name,
        set aside as a broken entity's are (a tour: the one set aside cited a source
        then "never used", and marked a claim then read `refuted` unflagged)."""
        named: set[str] = set()
        for definitions in self.duplicates.values():
            for entity in definitions[1:]:  # the first is the one used
                if _place(entity) not in self.silenced:
                    references(entity.node, set(entity.node.keys()), None, named)
        return frozenset(named)

    @cached_property
    def flawed_groups(self) -> frozenset[str]:
        """The declared groups that hold an error of their file (as :attr:`flawed`)."""
        return self._flawed[1]

    def silence(
        self,
        places: frozenset[tuple[str, int, int]],
        held: dict[str, list[tuple[int, int]]] | None = None,
    ) -> None:
        """Errors of the files, by (path, line, column), that the run does not report
        (suppressed, ignored): they hold no entry back (:attr:`flawed`); and ``held``,
        the places of the errors of checks over the set that it reports and that hold
        their entry back as a file's error does (an unknown reference: a review saw an
        echo whose `based_on` was misspelt count as independent)."""
        held = held or {}
        if places != self.silenced or held != self.held:
            self.silenced, self.held = places, held
            held_back = ("_file_errors", "_flawed", "flawed", "flawed_groups", "lost_marks")
            for name in (*held_back, "duplicate_refs"):
                self.__dict__.pop(name, None)

    @cached_property
    def dangling(self) -> bool:
        """Whether an entity names an id defined nowhere (CL201's findings; an entity
        too broken to keep counts as defined)."""
        known = self.sources.keys() | self.claims.keys() | self.evidence.keys()
        known |= self.broken.keys()
        for entity in self.evidence.values():
            item = entity.model
            assert isinstance(item, Evidence)
            if not known.issuperset((item.source, *item.via, *item.based_on, *item.stance)):
                return True
        return any(
            not known.issuperset(named)
            for index, field_name in ((self.sources, "derived_from"), (self.claims, "claimed_by"))
            for entity in index.values()
            if (named := getattr(entity.model, field_name))
        )

    @cached_property
    def _flawed(self) -> tuple[frozenset[str], frozenset[str]]:
        """Holding an error of its file that the run reports (a value set aside, a
        duplicated key, a misleading character), or recovered past the first 1,000
        described (:attr:`FileModel.recovered`) while their count (CL109) is reported."""
        points: dict[str, list[tuple[int, int]]] = {}
        recovered: dict[str, set[int]] = {}
        silenced = self.silenced
        for f in self.files:
            found = self._file_errors.get(f.path, [])
            held = self.held.get(f.path, [])
            if found or held:
                points[f.path] = sorted([*((line, column) for line, column, _ in found), *held])
            if f.recovered and any(code == R.MANY_INVALID_ENTRIES.code for *_, code in found):
                recovered[f.path] = f.recovered
        # An id defined twice (CL202, at each definition) holds an error where the run
        # reports it at one of them (a review: a claim defined twice, as "resigned" and
        # "did not resign", read `supported`; a source defined twice, graded A and B).
        twice = {
            ident
            for ident, definitions in self.duplicates.items()
            if any(_place(e) not in silenced for e in definitions)
        }
        groups_twice = {
            gid
            for gid, definitions in self.group_definitions.items()
            if len(definitions) > 1 and any(_place(e) not in silenced for e in definitions)
        }
        if not points:
            return frozenset(twice), frozenset(groups_twice)
        from bisect import bisect_left

        def holding(index: dict[str, Entity]) -> Iterator[str]:
            for ident, entity in index.items():
                here = points.get(entity.path)
                if here is None:
                    continue
                if entity.order in recovered.get(entity.path, ()):
                    yield ident
                    continue
                line, column, end_line, end_column = entity.node.span
                at = bisect_left(here, (line, column))
                if at < len(here) and here[at] < (end_line, end_column):  # the end is past it
                    yield ident

        entities = [*holding(self.sources), *holding(self.claims), *holding(self.evidence)]
        return frozenset(entities) | twice, frozenset(holding(self.declared_groups)) | groups_twice

    @cached_property
    def groups(self) -> dict[str, list[str]]:
        """Claim ids of each competing-hypotheses group, sorted: every group a claim
        names, declared or not (an undeclared group is open), and every declared group,
        with its claims (none, for a declared group no claim names)."""
        out: dict[str, list[str]] = {gid: [] for gid in sorted(self.declared_groups)}
        for cid, entity in self.claims.items():  # in load order; each group's sorted below
            model = entity.model
            assert isinstance(model, Claim)
            if model.group is not None:
                out.setdefault(model.group, []).append(cid)
        for members in out.values():
            members.sort()
        return dict(sorted(out.items()))


def _ident(entity: Entity) -> str:
    return entity.id


def _place(entity: Entity) -> tuple[str, int, int]:
    """Where the finding on a definition of an id defined twice is (CL202: its id)."""
    line, column = entity.value_span("id")[:2]
    return entity.path, line, column


_WORD: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
"""A word of a file that could not be read that may be an id it names."""


def _kept_instead(places: list[Entity], entity: Entity) -> bool:
    """Add ``entity``, a second definition of an id, to ``places`` (the one used first);
    whether it is used instead. Of two in one file, the one whose values sort first is
    used, whichever was written first (shuffling entries changes no result)."""
    first = places[0]
    if first.path == entity.path and _written(entity) < _written(first):
        places.insert(0, entity)
        return True
    places.append(entity)
    return False


def _written(entity: Entity) -> str:
    """An entity's values, keys sorted: the order among definitions of one id."""
    import json

    from .loader import plain

    return json.dumps(plain(entity.node), sort_keys=True, ensure_ascii=False)


PACK_FROM = 8 * 1024 * 1024
"""Once a set's files hold more text than this (in characters; about 4,500 claims),
each further file's text is kept compressed once it is loaded (a fifth of the memory;
a finding's excerpt decompresses the block of its line). Smaller sets do not pay for
it."""


def load_from(source: FileSource, paths: Sequence[str]) -> LedgerSet:
    """Load and validate every ledger file ``source`` has under ``paths``: the one
    loading path of the working tree and of a git revision alike."""
    loaded: dict[str, LoadedFile] = {}
    models: list[FileModel] = []
    # Loading builds hundreds of thousands of small acyclic containers that live as
    # long as the run: the cyclic garbage collector would scan them again and again
    # for nothing (a third of the time at 10,000 entities). Pause it while loading,
    # then freeze what was loaded so later collections skip it.
    was_enabled = gc.isenabled()
    gc.disable()
    size = 0
    packer: ThreadPoolExecutor | None = None
    packed: list[Future[None]] = []
    try:
        for file in source.load(paths):
            loaded[file.path] = file
            size += len(file.unpacked)
            if size > PACK_FROM:
                # Compressed on a worker thread (zlib lets go of the GIL) while the file is
                # validated and the next one parsed. Validation seldom reads the text
                # (a file that failed to parse), and reads it right in every state of a
                # pack (LoadedFile.text, .line).
                if packer is None:
                    from concurrent.futures import ThreadPoolExecutor

                    packer = ThreadPoolExecutor(1, thread_name_prefix="claimlog-pack")
                packed.append(packer.submit(file.pack))
            models.append(build_file(file))
    except BaseException:
        if packer is not None:  # what is still to pack is not needed
            packer.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        if packer is not None:  # every file is packed before the load ends
            packer.shutdown(wait=True)
        gc.freeze()
        if was_enabled:
            gc.enable()
    for done in packed:
        done.result()  # a failure to pack (memory) is raised here, as if packed inline
    return LedgerSet.from_files(models, loaded)


def load_set(paths: Sequence[str | os.PathLike[str]], cwd: Path | None = None) -> LedgerSet:
    """Discover, load and validate every ledger file under ``paths`` in the working tree."""
    return load_from(WorkTree(cwd or Path.cwd()), [os.fspath(p) for p in paths])
