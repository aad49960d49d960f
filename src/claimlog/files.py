"""Where ledger files come from: a source of files behind one interface.

:class:`WorkTree` reads the files under some paths of the working tree;
:class:`GitRevision` reads the same paths as they were at a git revision. Either
gives loaded files (:class:`~claimlog.loader.LoadedFile`) named as the working tree
shows them, so that a ledger set built from one compares with a set built from the
other. Also here: how paths are shown to users.

Ledger files come from strangers (pull requests), and git stores symbolic links, so
the working tree is searched defensively (:func:`discover`). Every path stays inside
a *boundary*: the repository (the nearest folder at or above the working directory
that holds ``.git``; the working directory when there is none), or, for a path named
on the command line outside it, the folder named (or the folder of the file named).
A symbolic link is followed only when its target is a regular file inside the
boundary and not hidden (``.git/config`` holds a CI checkout's token); anything else
(a target outside or hidden, a loop, a broken link, a FIFO, a device, a socket, a
link to a folder named like a ledger) is a finding at the link, and the target is
never opened. A folder that cannot be listed is a finding too, never
skipped. File names that are not UTF-8 are shown with their bytes escaped
(``\\xff``), in every output.

The configuration's ``exclude`` globs (:class:`Exclude`) drop what a search of a folder
finds; a path named (on the command line or in ``paths``) is always read. The path
``-`` is standard input (:data:`STDIN`): one ledger, bounded like a file.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from fnmatch import translate as fnmatch_translate
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from . import rules as R
from .plaindata import dataclass

if TYPE_CHECKING:
    from .loader import LoadedFile
    from .rules import Rule

LEDGER_SUFFIXES = (".yaml", ".yml")

STDIN = "-"
"""The path that names standard input: a ledger piped in."""
STDIN_NAME = "<stdin>"
"""How findings name a ledger read from standard input when ``--stdin-filename`` does
not: no file has this name, so it cannot be mistaken for one."""


class PathError(Exception):
    """A path given on the command line does not exist or holds no ledger."""


def shown(text: str) -> str:
    """``text`` (a path or a name from the file system) as users see it: the bytes of
    a name that is not UTF-8 (which Python carries as lone surrogates) written as
    ``\\xNN`` escapes, so that every output format can encode it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate that is no escaped byte
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return text


Resolve = Callable[[str], str]
"""How a run resolves paths: :func:`os.path.realpath`, or a :class:`RealPaths` (the
same answers, each folder resolved once)."""


class RealPaths:
    """:func:`os.path.realpath` for one run, remembering what it learns: the real path
    of a folder is found once, and a path's real path is its folder's and its own
    name (one ``lstat``). Resolving each path from the top instead ``lstat``-ed every
    folder on the way, each by a path as long as the depth: a search of a deep tree
    was cubic in its depth.

    The answers are :func:`os.path.realpath`'s, which resolves ``folder/name`` as the
    folder, then ``name`` within it. Known to be real (kept as its own answer) is
    only a path found through folders and a last name that are no links. After one
    that is not (a link that loops, a name that does not exist), realpath takes
    ``..``, ``.`` and ``//`` lexically: such a path is handed to
    :func:`os.path.realpath` whole. A symbolic link in a real folder is resolved as
    its target from that folder when the system resolves it (``stat``: no loop on
    the way), else by :func:`os.path.realpath`.

    What is kept is only true while the file system stays as it is: make one per
    run, never keep one between runs (a stale real path would let a link out of the
    repository)."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {"/": "/"}  # a path: its real path
        self._real: set[str] = {"/"}  # found through no link, and there (a link that
        # loops is its own answer too, and is no real path)

    def __call__(self, path: str) -> str:
        known = self._known
        real = known.get(path)
        if real is not None:
            return real
        if os.sep != "/" or os.altsep:
            return os.path.realpath(path)
        text = path if path.startswith("/") else os.path.join(os.getcwd(), path)
        chain: list[tuple[str, str]] = []
        at = text
        while (real := known.get(at)) is None:
            head, _, name = at.rpartition("/")
            chain.append((at, name))
            at = head or "/"
        for at, name in reversed(chain):
            if name in ("", ".", ".."):
                if real not in self._real:
                    return os.path.realpath(path)
                if name == "..":
                    real = os.path.dirname(real)  # a real folder's parent is real
            else:
                real = self._step(real, name)
            known[at] = real
        return real

    def _step(self, folder: str, name: str) -> str:
        """The real path of ``name`` in the folder whose real path is ``folder``."""
        path = os.path.join(folder, name)
        try:
            status = os.lstat(path)
        except OSError:  # absent, or through a loop: realpath keeps the name as it is
            return path
        if not stat.S_ISLNK(status.st_mode):
            if folder in self._real:  # a real folder, and no link in it: real
                self._real.add(path)
            return path
        if folder in self._real:
            try:
                os.stat(path)  # the system follows it to the end: no loop on the way
                target = os.readlink(path)
            except OSError:
                return os.path.realpath(path)
            return self(os.path.join(folder, target))
        return os.path.realpath(path)


def _resolved_parent(path: Path, real: Resolve = os.path.realpath) -> Path:
    """``path`` with its folders resolved but its own name kept: a symbolic link is
    shown under its own name, never under its target's."""
    if path.name in ("", ".", ".."):
        return Path(real(os.fspath(path)))
    return Path(real(os.fspath(path.parent))) / path.name


def display_path(path: Path, cwd: Path, real: Resolve = os.path.realpath) -> str:
    """The path as users see it: relative to ``cwd`` when under it, else as given."""
    absolute = path if path.is_absolute() else cwd / path
    try:
        here = real(os.fspath(cwd))
        return shown(_resolved_parent(absolute, real).relative_to(here).as_posix())
    except ValueError:
        return shown(path.as_posix())


def relative(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` (with ``..`` when it is above), else absolute."""
    try:
        here = os.path.realpath(base)
        return shown(Path(os.path.relpath(_resolved_parent(path), here)).as_posix())
    except ValueError:  # another drive
        return shown(path.as_posix())


def under(path: str, root: Path, cwd: Path, real: Resolve = os.path.realpath) -> str | None:
    """``path`` (as shown, relative to ``cwd``) relative to ``root``; None when outside.
    A symbolic link keeps its own name (and a loop raises nothing)."""
    try:
        return _resolved_parent(cwd / path, real).relative_to(real(os.fspath(root))).as_posix()
    except ValueError:
        return None


def is_ledger_name(sub: str) -> bool:
    """Whether a file found at ``sub`` under a searched folder is a ledger: a YAML
    suffix, and neither it nor a folder on the way hidden."""
    *folders, name = sub.split("/")
    return (
        not any(f.startswith(".") for f in folders)
        and not name.startswith(".")
        and name.endswith(LEDGER_SUFFIXES)
    )


def repository_root(start: Path) -> Path:
    """The top of the git work tree holding ``start`` (the nearest folder at or above
    it with a ``.git``), else ``start`` itself; absolute, not resolved."""
    here = Path(os.path.abspath(start))
    for folder in (here, *here.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return here


def within(path: str | os.PathLike[str], boundary: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is ``boundary`` or below it (both compared as given)."""
    try:
        return os.path.commonpath([os.fspath(path), os.fspath(boundary)]) == os.fspath(boundary)
    except ValueError:  # one relative and one absolute, or another drive
        return False


@dataclass(frozen=True, slots=True)
class Exclude:
    """The ``exclude`` globs of the configuration, relative to ``root`` (its folder).

    A glob matches a path relative to ``root`` as :func:`fnmatch.fnmatch` does (``*``
    matches across folders too, as in ``per-file-ignores``); a folder matches when its
    path does, or its path with a final ``/`` (``tests/fixtures/**`` excludes the folder
    ``tests/fixtures`` and is never searched). Paths outside ``root`` never match."""

    root: Path
    globs: tuple[str, ...] = ()

    def matches(
        self, path: Path, cwd: Path, folder: bool = False, real: Resolve = os.path.realpath
    ) -> bool:
        """Whether ``path`` (relative to ``cwd``, or absolute) is excluded."""
        if not self.globs:
            return False
        where = under(os.fspath(path), self.root, cwd, real)
        if where is None:
            return False
        match = _any_glob(self.globs)
        return match(where) or (folder and match(where + "/"))


def _any_glob(globs: tuple[str, ...]) -> Callable[[str], bool]:
    """:func:`_glob_matcher` of ``globs``, the last one asked for kept by identity (the
    run asks with the same tuple for every path: hashing it each time was its size
    times the paths)."""
    global _last_globs
    if _last_globs is not None and _last_globs[0] is globs:
        return _last_globs[1]
    match = _glob_matcher(globs)
    _last_globs = (globs, match)
    return match


_last_globs: tuple[tuple[str, ...], Callable[[str], bool]] | None = None
"""The globs :func:`_any_glob` was last asked for and their matcher: a pure function of
the globs, nothing of the file system (it cannot go stale)."""


@functools.lru_cache(maxsize=16)
def _glob_matcher(globs: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a path matches one of ``globs`` as :func:`fnmatch.fnmatch` matches it (a
    leading ``./`` of a glob dropped), in one pass rather than a call per glob: a glob
    without ``*``, ``?`` or ``[`` is the path itself (a set); the others are grouped by
    their literal start (up to the first of those), those of a group joined into one
    pattern of :func:`fnmatch.translate` (compiled when a path first has that start),
    and only the groups whose start the path has tried. (A call per glob made a set of
    many files and many globs their product.)"""
    exact: set[str] = set()
    groups: dict[str, list[str]] = {}
    for glob in globs:
        pattern = os.path.normcase(glob.removeprefix("./"))
        cut = min((i for i in map(pattern.find, "*?[") if i >= 0), default=-1)
        if cut < 0:
            exact.add(pattern)
        else:
            groups.setdefault(pattern[:cut], []).append(pattern)
    compiled: dict[str, re.Pattern[str]] = {}
    lengths = sorted({len(start) for start in groups})

    def match(path: str) -> bool:
        name = os.path.normcase(path)
        if name in exact:
            return True
        for length in lengths:
            if length > len(name):
                break
            start = name[:length]
            pattern = compiled.get(start)
            if pattern is None:
                group = groups.get(start)
                if group is None:
                    continue
                alternatives = (f"(?:{fnmatch_translate(p)})" for p in dict.fromkeys(group))
                pattern = compiled[start] = re.compile("|".join(alternatives))
            if pattern.match(name):
                return True
        return False

    return match


@dataclass(frozen=True, slots=True)
class Found:
    """One ledger file found, or one path refused.

    ``path`` is what to open: the real path of a regular file (a symbolic link already
    resolved and checked). A refused path has ``problem`` (the rule and the message of
    its finding, at ``shown``) and is never opened."""

    path: Path
    shown: str
    problem: tuple[Rule, str] | None = None


@dataclass(frozen=True, slots=True)
class _Boundary:
    real: str
    """The resolved folder every path must stay in."""
    words: str
    """How findings name it: "the repository", "the folder 'x'"."""


@dataclass(frozen=True, slots=True)
class _Refusal:
    """Why a path is not read: the rule and the message of its finding."""

    rule: Rule
    message: str


def is_hidden(parts: Sequence[str]) -> bool:
    """Whether a path (its parts, below the boundary) goes through a hidden file or
    folder: ``.git`` (whose ``config`` can hold a CI job's token), ``.env``, ``.ssh``.
    A search never enters one; a symbolic link may not lead into one either."""
    return any(part.startswith(".") and part not in (".", "..") for part in parts)


def hidden_below(path: str | os.PathLike[str], top: str | os.PathLike[str]) -> bool:
    """Whether ``path`` goes through a hidden file or folder below ``top`` (both real or
    both as written): :func:`is_hidden` of the parts between them."""
    return is_hidden(Path(os.path.relpath(path, top)).parts)


def hidden_target(written: str) -> str:
    """The message of a symbolic link into a hidden file or folder (:func:`is_hidden`)."""
    return f"symbolic link to '{written}', a hidden file or folder; not read"


def _check_link(
    path: Path, boundary: _Boundary, resolve: Resolve = os.path.realpath
) -> os.stat_result | _Refusal:
    """The status of the target of the symbolic link ``path``, or why it is refused
    (a target outside the boundary, a broken link, a loop). The target is examined,
    never opened."""
    try:
        written = shown(os.readlink(path))
    except OSError as err:
        reason = err.strerror or type(err).__name__
        return _Refusal(R.UNREADABLE_FILE, f"cannot read symbolic link: {reason}")
    real = resolve(os.fspath(path))
    if not within(real, boundary.real):
        return _Refusal(
            R.UNSAFE_FILE, f"symbolic link to '{written}', outside {boundary.words}; not read"
        )
    if hidden_below(real, boundary.real):
        return _Refusal(R.UNSAFE_FILE, hidden_target(written))
    try:
        return os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            message = f"symbolic link to '{written}' loops; not read"
        elif err.errno in (errno.ENOENT, errno.ENOTDIR):
            message = f"symbolic link to '{written}', which does not exist"
        else:
            message = f"cannot follow symbolic link to '{written}': {err.strerror or err}"
        return _Refusal(R.UNREADABLE_FILE, message)


def _classify(
    path: Path, boundary: _Boundary, resolve: Resolve = os.path.realpath
) -> tuple[Path, int] | _Refusal:
    """What ``path`` is, without opening it: (its real path, its mode) for a regular
    file or a folder inside the boundary (through a symbolic link only to one of
    those), else why it is refused."""
    from .reading import kind_of

    try:
        status = os.lstat(path)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        return _Refusal(R.UNREADABLE_FILE, f"cannot read file: {reason}")
    if stat.S_ISLNK(status.st_mode):
        target = _check_link(path, boundary, resolve)
        if isinstance(target, _Refusal):
            return target
        status = target
        if not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)):
            what = kind_of(status.st_mode)
            return _Refusal(R.UNSAFE_FILE, f"symbolic link to {what}, not a regular file; not read")
    elif not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)):
        what = kind_of(status.st_mode)
        return _Refusal(R.UNSAFE_FILE, f"{what}, not a regular file; not read")
    real = Path(resolve(os.fspath(path)))
    if not within(real, boundary.real):  # through a linked folder on the way
        return _Refusal(
            R.UNSAFE_FILE, f"leads outside {boundary.words} through a symbolic link; not read"
        )
    return real, status.st_mode


LINKED_FOLDER = (
    "symbolic link to a folder; not searched (a search follows no link to a folder: "
    "name the folder it leads to)"
)


class _Search:
    """One discovery: the files found so far, each once, and the refusals."""

    def __init__(self, cwd: Path, exclude: Exclude | None = None) -> None:
        self.cwd = cwd
        self.exclude = exclude
        self.found: dict[str, Found] = {}
        self.seen: set[str] = set()  # real paths: one file named two ways is read once
        self.holds: dict[str, bool] = {}  # per real folder: ledgers behind links to it
        self.real = RealPaths()  # this search's: each folder resolved once

    def add(self, path: Path, real: Path) -> None:
        key = os.fspath(real)
        if key not in self.seen:
            self.seen.add(key)
            self.found.setdefault(display_path(path, self.cwd, self.real), Found(real, ""))

    def refuse(self, path: Path, rule: Rule, message: str) -> None:
        key = os.fspath(_resolved_parent(path, self.real))
        if key not in self.seen:
            self.seen.add(key)
            shown_as = display_path(path, self.cwd, self.real)
            self.found.setdefault(shown_as, Found(path, "", (rule, message)))

    def walk(self, top: Path, real_top: Path, boundary: _Boundary) -> None:
        """Every ledger file under the folder ``top`` (whose real path is ``real_top``),
        in name order; hidden entries skipped, symbolic links to folders not followed,
        excluded entries skipped (all of them kept when ``top`` is itself excluded: a
        folder named is searched in full)."""
        exclude = self.exclude
        if exclude is not None and exclude.matches(top, self.cwd, True, self.real):
            exclude = None
        stack = [(top, real_top)]
        while stack:
            folder, real_folder = stack.pop()
            try:
                with os.scandir(real_folder) as listing:
                    entries = sorted(
                        (e.name, e.is_dir(follow_symlinks=False), e.is_symlink()) for e in listing
                    )
            except OSError as err:
                reason = err.strerror or type(err).__name__
                self.refuse(folder, R.UNREADABLE_FILE, f"cannot read folder: {reason}")
                continue
            folders = []
            for name, is_folder, is_link in entries:
                if name.startswith(".") or (
                    exclude is not None
                    and exclude.matches(folder / name, self.cwd, is_folder, self.real)
                ):
                    continue
                if is_folder:
                    folders.append((folder / name, real_folder / name))
                elif name.endswith(LEDGER_SUFFIXES):
                    self.one(folder / name, real_folder / name, boundary, searched=True)
                elif is_link and self.linked_ledgers(real_folder / name, boundary):
                    # Not followed (it could loop, or lead to files read twice), but never
                    # dropped without a word: the ledgers behind it are not read.
                    self.refuse(folder / name, R.UNSAFE_FILE, LINKED_FOLDER)
            stack.extend(reversed(folders))

    def linked_ledgers(self, link: Path, boundary: _Boundary) -> bool:
        """Whether the symbolic link ``link`` (not named like a ledger) leads to a folder
        inside the boundary, not hidden, that holds a file named like a ledger: ledgers
        a search would otherwise drop without a word. (A link to a folder of images, or
        out of the boundary, or into a hidden folder, holds none of the set's ledgers;
        a revision's search, which cannot look outside, skips them alike.) Each folder
        is looked through once, however many links lead to it."""
        real = self.real(os.fspath(link))
        if not within(real, boundary.real) or not os.path.isdir(real):
            return False
        if hidden_below(real, boundary.real):
            return False
        found = self.holds.get(real)
        if found is None:
            found = self.holds[real] = _holds_ledgers(real)
        return found

    def one(self, path: Path, at: Path, boundary: _Boundary, searched: bool = False) -> None:
        """The path named ``path`` (found at ``at`` on disk): a file, a folder to search
        (unless it was itself found by a search: then a link to a folder is refused)."""
        what = _classify(at, boundary, self.real)
        if isinstance(what, _Refusal):
            self.refuse(path, what.rule, what.message)
            return
        real, mode = what
        if not stat.S_ISDIR(mode):
            self.add(path, real)
        elif not searched:
            self.walk(path, real, boundary)
        elif os.path.islink(at):
            self.refuse(path, R.UNSAFE_FILE, LINKED_FOLDER)


def _holds_ledgers(folder: str) -> bool:
    """Whether a file named like a ledger is in ``folder`` or below it (hidden entries
    skipped, links to folders not followed, as a search does). Past
    :data:`_LOOKED_AT` entries, assumed so (a finding rather than a long walk)."""
    stack, seen = [folder], 0
    while stack:
        try:
            with os.scandir(stack.pop()) as listing:
                for entry in listing:
                    seen += 1
                    if seen > _LOOKED_AT:
                        return True
                    if entry.name.startswith("."):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    elif entry.name.endswith(LEDGER_SUFFIXES):
                        return True
        except OSError:
            continue
    return False


_LOOKED_AT = 100_000
"""The entries a look for ledgers behind a linked folder reads at most."""


def _boundary(given: Path, absolute: Path, root: Path) -> _Boundary:
    """The boundary of a path named on the command line (``absolute`` lexically)."""
    if within(absolute, root):
        words = "the repository" if os.path.lexists(root / ".git") else "the working directory"
        return _Boundary(os.path.realpath(root), words)
    if os.path.isdir(absolute) and not os.path.islink(absolute):
        return _Boundary(os.path.realpath(absolute), f"the folder '{shown(os.fspath(given))}'")
    return _Boundary(os.path.realpath(absolute.parent), "the folder of the file named")


def discover(
    paths: Sequence[str | os.PathLike[str]],
    cwd: Path | None = None,
    exclude: Exclude | None = None,
) -> list[Found]:
    """Every ledger file under ``paths`` (relative to ``cwd``), once each, and every path
    refused, in sorted display order.

    Directories are searched recursively; hidden entries are skipped, and so is what
    ``exclude`` matches (never a path named in ``paths``). A file named explicitly is
    read whatever its suffix. A path that does not exist raises :class:`PathError`; one
    that cannot be examined is a finding.
    """
    here = Path(os.path.abspath(cwd or Path.cwd()))
    root = repository_root(here)
    search = _Search(here, exclude)
    for raw in paths:
        given = Path(raw)
        at = here / given
        absolute = Path(os.path.abspath(at))
        try:
            os.lstat(at)
        except (FileNotFoundError, NotADirectoryError):
            raise PathError(f"path does not exist: {shown(os.fspath(raw))}") from None
        except OSError:
            pass  # a finding at the path (below)
        except ValueError:  # an embedded NUL
            raise PathError(f"not a valid path: {shown(os.fspath(raw))!r}") from None
        search.one(given, at, _boundary(given, absolute, root))
    return [
        Found(entry.path, key, entry.problem)
        for key, entry in sorted(search.found.items(), key=lambda item: item[0])
    ]


class FileSource(Protocol):
    """Ledger files under some paths, loaded, in display order."""

    def load(self, paths: Sequence[str]) -> Iterator[LoadedFile]: ...


@dataclass(frozen=True)
class WorkTree:
    """The files of the working tree. Paths are relative to ``cwd``; with
    ``missing_ok``, a path that does not exist contributes no file instead of
    raising :class:`PathError` (a path that exists only at some revision). What a
    folder search finds is dropped when ``exclude`` matches it. The path ``-`` is
    standard input (``stdin``, default the process's), read once and named
    ``stdin_name``; it stands in for the file of that name if the paths hold one (an
    editor's unsaved buffer, checked with the rest of the set)."""

    cwd: Path
    missing_ok: bool = False
    exclude: Exclude | None = None
    stdin_name: str = STDIN_NAME
    stdin: BinaryIO | None = None

    def load(self, paths: Sequence[str]) -> Iterator[LoadedFile]:
        from .loader import load_path, refused

        targets = [p for p in paths if p != STDIN]
        piped = self.piped() if len(targets) < len(paths) else None
        if self.missing_ok:
            targets = [p for p in targets if os.path.lexists(self.cwd / p)]
        for entry in discover(targets, self.cwd, self.exclude) if targets else []:
            if piped is not None and piped.path <= entry.shown:
                yield piped  # in display order, and in place of the file it stands for
                stands_in = piped.path == entry.shown
                piped = None
                if stands_in:
                    continue
            if entry.problem is not None:
                yield refused(entry.shown, *entry.problem)
            else:
                yield load_path(os.fspath(entry.path), entry.shown)
        if piped is not None:
            yield piped

    def piped(self) -> LoadedFile:
        """The ledger on standard input: at most the loader's limit plus one byte is
        read, and a longer one is a finding (CL012), like a file."""
        from .loader import MAX_FILE_BYTES, load_bytes, refused

        try:
            name = display_path(Path(self.stdin_name), self.cwd)
        except ValueError:  # a NUL in the name
            name = shown(self.stdin_name)
        stream = self.stdin or getattr(sys.stdin, "buffer", None)
        if stream is None:
            return refused(name, R.UNREADABLE_FILE, "cannot read standard input: it is closed")
        try:
            data = read_stream(stream, MAX_FILE_BYTES)
        except (OSError, ValueError) as err:  # ValueError: a closed stream
            reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
            return refused(name, R.UNREADABLE_FILE, f"cannot read standard input: {reason}")
        return load_bytes(data, name)


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``stream`` (more than ``limit``: too large)."""
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
