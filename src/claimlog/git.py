"""Git, driven only through its command line (``subprocess`` with argument lists, no
shell): the repository of a path, revisions, and the ledger files of a revision
(listed with ``git ls-tree``, read through one ``git cat-file --batch``) as a source
of files (:class:`GitRevision`, the counterpart of :class:`~claimlog.files.WorkTree`).
Nothing here prints.

A revision is read from the commit alone, never from the file system, and behaves as
the working tree does: a symbolic link (an entry of mode 120000, whose blob is the
text of its target) is followed through the commit's own tree, lexically, as
:func:`os.path.realpath` would follow it on disk; it is read (under the link's name)
only when it ends at a regular file inside the repository. A link out of the
repository or to a folder or a submodule is CL016 at the link; a broken link, a loop
or a chain of more than 40 links is CL013; the target is never read.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import IO, Final

from . import rules as R
from .files import (
    LEDGER_SUFFIXES,
    LINKED_FOLDER,
    Exclude,
    RealPaths,
    display_path,
    hidden_target,
    is_hidden,
    is_ledger_name,
    shown,
)
from .loader import MAX_FILE_BYTES, LoadedFile, kind_of
from .plaindata import dataclass
from .rules import Rule

_MAX_LINKS = 40
"""Links followed in one path before it counts as a loop (Linux's limit, ELOOP)."""
_MAX_LINK_BYTES = 4095
"""The longest link target a file system takes (PATH_MAX less its NUL)."""


class GitError(Exception):
    """Git could not give what was asked: not a repository, an unknown revision, no git."""


def _git_env() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_OPTIONAL_LOCKS"] = "0"  # reading must not take locks a concurrent git needs
    env["LC_ALL"] = "C"  # messages in English, for the few we recognise
    return env


def _first_line(stderr: bytes) -> str:
    for line in stderr.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return "no message"


def _run(repo: Path, args: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=repo,
            env=_git_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH; claimlog diff needs it") from None
    except NotADirectoryError:
        raise GitError(f"not a directory: {repo}") from None


def _git(repo: Path, *args: str) -> bytes:
    """The standard output of ``git ARGS`` run in ``repo``; GitError when it fails."""
    done = _run(repo, args)
    if done.returncode != 0:
        raise GitError(f"git {args[0]} failed: {_first_line(done.stderr)}")
    return done.stdout


def toplevel(where: Path) -> Path:
    """The top folder of the working tree that ``where`` (a directory) belongs to."""
    done = _run(where, ["rev-parse", "--show-toplevel"])
    if done.returncode != 0:
        message = _first_line(done.stderr)
        if "not a git repository" in message:
            raise GitError(
                f"not inside a git repository: {where} "
                "(claimlog diff compares git revisions of a ledger set)"
            )
        raise GitError(f"cannot use the git repository at {where}: {message}")
    top = done.stdout.decode("utf-8", "surrogateescape").strip()
    if not top:
        raise GitError(f"not inside a git working tree: {where}")
    return Path(top)


def _commit(repo: Path, rev: str) -> str | None:
    """The full hash of the commit ``rev`` names, or None. The object first, then its
    commit: ``:/text`` (the youngest commit whose message matches) read ``^{commit}`` as
    part of the text (a review)."""
    named = _run(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", rev])
    oid = named.stdout.decode("ascii", "replace").strip()
    if named.returncode != 0 or not oid:
        return None
    done = _run(repo, ["rev-parse", "--verify", "--quiet", f"{oid}^{{commit}}"])
    found = done.stdout.decode("ascii", "replace").strip()
    return found if done.returncode == 0 and found else None


def commit_of(repo: Path, rev: str) -> str:
    """The full hash of the commit ``rev`` names; GitError when it names none."""
    found = _commit(repo, rev)
    if found is None:
        raise GitError(f"unknown revision: {rev!r} is not a commit in {repo}")
    return found


def names_commit(where: Path, rev: str) -> bool:
    """Whether ``rev`` names a commit of the repository ``where`` is in (False outside
    one, or when git is missing: then it names nothing that ``diff`` could read), other
    than by an abbreviated hash: a folder named ``2024`` is a path, whatever commit's
    hash starts so (a review; a full hash, a branch, a tag or an expression is a
    revision)."""
    if _ABBREVIATED.fullmatch(rev):
        return False
    try:
        return _commit(where, rev) is not None
    except GitError:
        return False


_ABBREVIATED: Final = re.compile(r"[0-9a-fA-F]{4,39}")
"""What git reads as an abbreviated commit hash (a full one has 40 digits, or 64)."""


def short(repo: Path, commit: str) -> str:
    return _git(repo, "rev-parse", "--short", commit).decode("ascii").strip()


def exists(repo: Path, commit: str, rel: str) -> bool:
    if rel == ".":
        return True
    return _run(repo, ["cat-file", "-e", f"{commit}:{rel}"]).returncode == 0


def base_of(repo: Path) -> tuple[str, str]:
    """The default base revision and how it was chosen."""
    found = _run(repo, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
    if found.returncode != 0:
        raise GitError(f"the git repository at {repo} has no commit yet to compare with")
    head = found.stdout.decode("ascii").strip()
    branch: str | None = None
    done = _run(repo, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"])
    if done.returncode == 0 and done.stdout.strip():
        branch = done.stdout.decode("utf-8", "surrogateescape").strip()
    else:  # a local branch, else its copy from origin (a CI checkout may have only that)
        for name, ref in (
            ("main", "refs/heads/main"),
            ("master", "refs/heads/master"),
            ("origin/main", "refs/remotes/origin/main"),
            ("origin/master", "refs/remotes/origin/master"),
        ):
            if _run(repo, ["rev-parse", "--verify", "--quiet", ref]).returncode == 0:
                branch = name
                break
    base = ""
    if branch is not None:
        done = _run(repo, ["merge-base", "HEAD", branch])
        base = done.stdout.decode("ascii").strip() if done.returncode == 0 else ""
        if base and base != head:
            return base, f"merge-base with {branch}"
    # In a shallow clone (actions/checkout fetches one commit by default), the base
    # found would be HEAD itself, and "nothing changed" of a whole pull request (a
    # review): there, only a base found below HEAD is one.
    if _git(repo, "rev-parse", "--is-shallow-repository").strip() == b"true":
        raise GitError(
            "this is a shallow clone, where the history to compare with is missing: name "
            f"the base ('claimlog diff {branch or 'origin/main'}'; 'claimlog diff HEAD' for "
            "the working tree's own changes), or fetch the history (actions/checkout with "
            "fetch-depth: 0)"
        )
    if base:  # the default branch is at HEAD: the working tree's own changes
        return base, f"merge-base with {branch}"
    if branch is not None:
        raise GitError(f"HEAD and {branch} have no common commit: name the base to compare with")
    return "HEAD", "HEAD"


def default_base(repo: Path) -> str:
    """The merge-base of HEAD with the default branch (origin/HEAD's target, else
    ``main``, ``master``, ``origin/main``, ``origin/master``), or HEAD when there is
    none."""
    return base_of(repo)[0]


def repo_relative(repo: Path, raw: str, cwd: Path) -> str:
    """``raw`` (relative to ``cwd``) as a path relative to the top of ``repo``; GitError
    when it is outside, or cannot be resolved (a symbolic link on the way loops)."""
    try:
        absolute = Path(raw) if Path(raw).is_absolute() else cwd / raw
        resolved, top = absolute.resolve(), repo.resolve()
    except RuntimeError:  # pathlib's word for a symbolic link loop
        raise GitError(f"cannot resolve path {shown(raw)}: a symbolic link loops") from None
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise GitError(f"cannot resolve path {shown(raw)}: {reason}") from None
    except ValueError:  # an embedded NUL
        raise GitError(f"not a valid path: {shown(raw)!r}") from None
    try:
        return resolved.relative_to(top).as_posix()
    except ValueError:
        raise GitError(f"path is outside the git repository at {repo}: {shown(raw)}") from None


@dataclass(frozen=True, slots=True)
class _Entry:
    """One entry of a git tree, as ``git ls-tree`` lists it."""

    mode: str
    kind: str
    oid: str


_FOLDER = _Entry("040000", "tree", "")
"""The top of the repository, which no tree lists."""


def _is_regular(entry: _Entry) -> bool:
    return entry.kind == "blob" and stat.S_ISREG(int(entry.mode, 8))


def _is_link(entry: _Entry) -> bool:
    """A symbolic link (mode 120000): its blob is the text of its target."""
    return entry.kind == "blob" and stat.S_ISLNK(int(entry.mode, 8))


def file_at(repo: Path, commit: str, rel: str, keep: int) -> bytes | None:
    """The bytes of the regular file ``rel`` (repo-relative) at ``commit``, at most
    ``keep`` of them; None when there is none there (or it is not a regular file)."""
    entry = _ls_tree(repo, [commit, "--", rel]).get(rel)
    if entry is None or not _is_regular(entry):
        return None
    return read_blobs(repo, [entry.oid], keep)[0]


def _ls_tree(repo: Path, args: Sequence[str]) -> dict[str, _Entry]:
    """The entries ``git ls-tree -z ARGS`` lists (run at the top: repo-relative names)."""
    output = _git(repo, "--literal-pathspecs", "ls-tree", "-z", *args)
    entries: dict[str, _Entry] = {}
    for record in output.split(b"\0"):
        if record:
            meta, _, raw_name = record.partition(b"\t")
            mode, kind, oid = meta.decode("ascii").split(" ")
            entries[os.fsdecode(raw_name)] = _Entry(mode, kind, oid)
    return entries


def _usable(target: bytes) -> bool:
    """Whether a link's blob is a target a file system would take."""
    return 0 < len(target) <= _MAX_LINK_BYTES and b"\0" not in target


@dataclass(frozen=True, slots=True)
class _Resolved:
    """Where a symbolic link of a commit ends: a repo-relative path and its entry."""

    path: str
    entry: _Entry


class _Tree:
    """The whole tree of a commit, and the targets of the symbolic links met so far:
    enough to follow a link as the file system would, without the file system."""

    def __init__(self, repo: Path, commit: str) -> None:
        self.repo = repo
        self.top = PurePosixPath(repo.as_posix()).parts[1:]
        self.entries = _ls_tree(repo, ["-r", "-t", commit])
        self.targets: dict[str, bytes] = {}  # the text of each link read, by object id
        self.wanted: set[str] = set()  # links met whose text is not read yet

    @cached_property
    def ledger_folders(self) -> frozenset[str]:
        """Every folder of the commit with a file named like a ledger in it or below it
        (not through a hidden folder), listed once: a lookup per linked folder.

        A file named like a ledger (:func:`~claimlog.files.is_ledger_name` of its own
        name) counts for its folder and the folders above, up to the first hidden one
        on the way up; another file counts for none. Each folder is added once, and a
        file stops at the first folder already added (whose folders above are too), so
        this is linear in the listing (looking at every folder of every file was
        quadratic in the depth per file)."""
        out: set[str] = set()
        for name, entry in self.entries.items():
            cut = name.rfind("/")
            if entry.kind != "blob" or cut <= 0:
                continue
            if name.startswith(".", cut + 1) or not name.endswith(LEDGER_SUFFIXES):
                continue
            while cut > 0:
                folder = name[:cut]
                if folder in out:
                    break
                out.add(folder)
                up = name.rfind("/", 0, cut)
                if name.startswith(".", up + 1):  # a hidden folder: none above counts
                    break
                cut = up
        return frozenset(out)

    def fetch(self, names: Sequence[str]) -> None:
        """Read the targets of the links ``names`` and of every link they go through,
        a round (one ``git cat-file``) per step along the chains: only links met are
        read, and at most :data:`_MAX_LINKS` rounds are needed."""
        for _ in range(_MAX_LINKS + 1):
            self.wanted.clear()
            for name in names:
                self.follow(name)
            if not self.wanted:
                return
            oids = sorted(self.wanted)
            texts = read_blobs(self.repo, oids, _MAX_LINK_BYTES + 1)
            self.targets.update(zip(oids, texts, strict=True))

    def _target(self, entry: _Entry) -> bytes | None:
        """The text of the link ``entry``; None (and wanted) until it is read."""
        text = self.targets.get(entry.oid)
        if text is None:
            self.wanted.add(entry.oid)
        return text

    def _entry_at(self, path: list[str]) -> _Entry | None:
        """The entry at ``path`` (absolute parts) in the commit: the top is a folder;
        outside the repository nothing is known (None); an absent path is None."""
        if tuple(path[: len(self.top)]) != self.top:
            return None
        rel = "/".join(path[len(self.top) :])
        return self.entries.get(rel) if rel else _FOLDER

    def _is_folder(self, path: list[str]) -> bool:
        """Whether ``path`` can be gone through: a folder or a submodule (a folder in
        the working tree); outside the repository, assumed (nothing there is read)."""
        if tuple(path[: len(self.top)]) != self.top:
            return True
        entry = self._entry_at(path)
        return entry is not None and entry.kind in ("tree", "commit")

    def _walk(self, folder: list[str], text: str) -> tuple[list[str], bool, bool]:
        """``text``, a link's target, followed from ``folder`` (absolute parts) as
        :func:`os.path.realpath` follows it, through the links of the commit: the
        absolute parts it ends at, whether it met more than :data:`_MAX_LINKS` links
        (a loop), and whether it went through something not a folder or absent."""
        path = [] if text.startswith("/") else list(folder)
        pending = text.split("/")[::-1]
        links, broken = 1, False
        while pending:
            part = pending.pop()
            broken = broken or not self._is_folder(path)  # ENOTDIR, ENOENT on disk
            if part in ("", "."):
                continue
            if part == "..":
                path = path[:-1]
                continue
            path.append(part)
            entry = self._entry_at(path)
            if entry is None or not _is_link(entry):
                continue
            links += 1
            if links > _MAX_LINKS:
                return path, True, broken
            target = self._target(entry)
            if target is None or not _usable(target):  # not read yet, or no file system's
                return path, False, True
            path.pop()
            if target.startswith(b"/"):
                path = []
            pending.extend(os.fsdecode(target).split("/")[::-1])
        return path, False, broken

    def follow(self, name: str) -> _Resolved | tuple[Rule, str]:
        """Where the link ``name`` (repo-relative) ends, or the finding at it: the
        rules and messages :mod:`claimlog.files` gives on disk."""
        target = self._target(self.entries[name])
        if target is None:  # only while fetching
            return R.UNREADABLE_FILE, "cannot read symbolic link"
        written = shown(os.fsdecode(target))
        if not _usable(target):
            return R.UNREADABLE_FILE, "cannot read symbolic link: not a valid link target"
        folder = [*self.top, *name.split("/")[:-1]]
        path, looped, broken = self._walk(folder, os.fsdecode(target))
        if tuple(path[: len(self.top)]) != self.top:
            return R.UNSAFE_FILE, f"symbolic link to '{written}', outside the repository; not read"
        if is_hidden(path[len(self.top) :]):
            return R.UNSAFE_FILE, hidden_target(written)
        if looped:
            return R.UNREADABLE_FILE, f"symbolic link to '{written}' loops; not read"
        entry = self._entry_at(path)
        if entry is None or broken:
            return R.UNREADABLE_FILE, f"symbolic link to '{written}', which does not exist"
        return _Resolved("/".join(path[len(self.top) :]), entry)


@dataclass(frozen=True, slots=True)
class Listed:
    """One ledger file of a revision: its blob to read, or why it is refused (the rule
    and message of its finding, at ``shown``; nothing is read)."""

    shown: str
    oid: str = ""
    problem: tuple[Rule, str] | None = None


def _search_order(name: str) -> tuple[tuple[int, str], ...]:
    """The order in which the working tree's search meets files: in each folder its
    files (links included) by name, then its folders by name, depth first."""
    parts = name.split("/")
    return tuple((0 if i == len(parts) - 1 else 1, part) for i, part in enumerate(parts))


_LINK_TO_FOLDER: tuple[Rule, str] = (R.UNSAFE_FILE, LINKED_FOLDER)


class _Selection:
    """The files of one revision under some paths, each once (as
    :func:`~claimlog.files.discover` finds them on disk), and the links refused."""

    def __init__(self, repo: Path, commit: str, cwd: Path, exclude: Exclude | None = None) -> None:
        self.repo = repo
        self.commit = commit
        self.cwd = cwd
        self.exclude = exclude
        self.found: dict[str, Listed] = {}
        self.seen: set[str] = set()  # the blob read, or the link refused: once each
        self._tree: _Tree | None = None
        self.real = RealPaths()  # the working tree's folders, each resolved once
        self._dropped: dict[tuple[Path, str], bool] = {}  # excluded() of each folder

    @property
    def tree(self) -> _Tree:
        """The whole tree of the commit, listed when the first link is met."""
        if self._tree is None:
            self._tree = _Tree(self.repo, self.commit)
        return self._tree

    def keep(
        self, at: Path, key: str, oid: str = "", problem: tuple[Rule, str] | None = None
    ) -> None:
        if key not in self.seen:
            self.seen.add(key)
            name = display_path(at, self.cwd, self.real)
            self.found.setdefault(name, Listed(name, oid, problem))

    def search(self, raw: Path, rel: str, entries: dict[str, _Entry]) -> None:
        """The ledger files under ``rel`` (a file named, or a folder searched) of
        ``entries``, shown under ``raw``."""
        prefix = "" if rel in (".", "") else rel + "/"
        chosen = [  # a file named is read whatever its name
            name
            for name, entry in entries.items()
            if entry.kind != "tree"
            and (name == rel or (name.startswith(prefix) and is_ledger_name(name[len(prefix) :])))
        ]
        if self.exclude is not None:
            chosen = [n for n in chosen if n == rel or not self.excluded(raw, n[len(prefix) :])]
        # Links named otherwise: a link to a folder of the commit is a finding, as in the
        # working tree (the ledgers behind it are not read, never without a word).
        others = [
            name
            for name, entry in entries.items()
            if _is_link(entry)
            and name.startswith(prefix)
            and name != rel
            and not is_ledger_name(name[len(prefix) :])
            and not is_hidden(name[len(prefix) :].split("/"))
            and not (self.exclude is not None and self.excluded(raw, name[len(prefix) :]))
        ]
        links = [name for name in chosen if _is_link(entries[name])]
        if links or others:
            self.tree.fetch(links + others)
        for name in others:
            end = self.tree.follow(name)
            if not isinstance(end, tuple) and end.entry.kind == "tree" and self._holds(end.path):
                self.keep(raw / name[len(prefix) :], name, problem=_LINK_TO_FOLDER)
        for name in sorted(chosen, key=_search_order):
            if name == rel:
                self.one(raw, name, entries[name], searched=False)
            else:
                self.one(raw / name[len(prefix) :], name, entries[name], searched=True)

    def _holds(self, folder: str) -> bool:
        """Whether the commit has a file named like a ledger in ``folder`` or below it
        (as :func:`~claimlog.files.discover` looks behind a linked folder on disk)."""
        return folder in self.tree.ledger_folders

    def excluded(self, top: Path, sub: str) -> bool:
        """Whether the configuration's ``exclude`` drops the file ``sub`` found by a
        search of the folder ``top``, as :func:`~claimlog.files.discover` drops it in the
        working tree: the file or a folder on its way matches (nothing of a folder that
        is itself excluded and named: it is searched in full). Each folder is looked at
        once, however many files are below it."""
        exclude = self.exclude
        if exclude is None or not exclude.globs or self._folder_dropped(top, ""):
            return False
        folder, _, _ = sub.rpartition("/")
        if folder and self._folder_dropped(top, folder):
            return True
        return exclude.matches(top / sub, self.cwd, False, self.real)

    def _folder_dropped(self, top: Path, folder: str) -> bool:
        """Whether the folder ``folder`` below ``top`` (``""``: ``top`` itself) matches
        ``exclude`` as a folder, or (below ``top``) a folder above it does."""
        assert self.exclude is not None
        key = (top, folder)
        dropped = self._dropped.get(key)
        if dropped is not None:
            return dropped
        pending = [folder]  # the folders not known yet, from the deepest up
        while True:
            parent = pending[-1].rpartition("/")[0]
            if not pending[-1] or not parent or (top, parent) in self._dropped:
                break
            pending.append(parent)
        for name in reversed(pending):
            parent = name.rpartition("/")[0]
            above = bool(name) and bool(parent) and self._dropped[(top, parent)]
            at = top / name if name else top
            self._dropped[(top, name)] = above or self.exclude.matches(
                at, self.cwd, True, self.real
            )
        return self._dropped[key]

    def one(self, at: Path, name: str, entry: _Entry, searched: bool) -> None:
        """The entry ``name``, shown as ``at``: a file, or a link followed in the commit.
        A submodule (mode 160000) is a folder whose files are not in this commit."""
        if _is_regular(entry):
            self.keep(at, name, entry.oid)
        elif entry.kind == "blob" and not _is_link(entry):
            what = kind_of(int(entry.mode, 8))
            self.keep(at, name, problem=(R.UNSAFE_FILE, f"{what}, not a regular file; not read"))
        elif entry.kind == "blob":
            end = self.tree.follow(name)
            if isinstance(end, tuple):
                self.keep(at, name, problem=end)
            elif _is_regular(end.entry):
                self.keep(at, end.path, end.entry.oid)  # under the link's name
            elif end.entry.kind != "blob" and searched:  # a folder or a submodule
                self.keep(at, name, problem=_LINK_TO_FOLDER)
            elif end.entry.kind != "blob":  # a link named: its folder is searched
                self.search(at, end.path, self.tree.entries)
            else:
                what = kind_of(int(end.entry.mode, 8))
                problem = (R.UNSAFE_FILE, f"symbolic link to {what}, not a regular file; not read")
                self.keep(at, name, problem=problem)


def list_ledgers(
    repo: Path, commit: str, paths: Sequence[str], cwd: Path, exclude: Exclude | None = None
) -> list[Listed]:
    """Every ledger file under ``paths`` at ``commit`` (its blob) and every link there
    refused (its finding), in the order and with the names
    :func:`~claimlog.files.discover` would give, without what ``exclude`` drops."""
    rels = [repo_relative(repo, raw, cwd) for raw in paths]
    listing = _ls_tree(repo, ["-r", commit, "--", *rels])
    selection = _Selection(repo, commit, cwd, exclude)
    for raw, rel in zip(paths, rels, strict=True):
        selection.search(Path(raw), rel, listing)
    return [selection.found[name] for name in sorted(selection.found)]


def read_blobs(repo: Path, oids: Sequence[str], keep: int = MAX_FILE_BYTES + 1) -> list[bytes]:
    """The contents of blobs, through one ``git cat-file --batch`` (at most ``keep``
    bytes kept of each: by default enough for the loader to see a file is too big)."""
    if not oids:
        return []
    try:
        proc = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=repo,
            env=_git_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH; claimlog diff needs it") from None
    assert proc.stdin is not None
    assert proc.stdout is not None
    out: list[bytes] = []
    try:
        for oid in oids:
            proc.stdin.write(oid.encode("ascii") + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline().decode("ascii", "replace").split()
            if len(header) != 3 or header[1] != "blob":
                raise GitError(f"git cat-file could not read object {oid}")
            out.append(_read_exactly(proc.stdout, int(header[2]), keep))
            proc.stdout.read(1)  # the newline after each object
    finally:
        proc.stdin.close()
        proc.stdout.close()
        proc.wait()
    return out


def _read_exactly(stream: IO[bytes], size: int, keep: int) -> bytes:
    kept = bytearray()
    left = size
    while left:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            raise GitError("git cat-file stopped before the end of an object")
        left -= len(chunk)
        if len(kept) < keep:
            kept += chunk[: keep - len(kept)]
    return bytes(kept)


@dataclass(frozen=True)
class GitRevision:
    """The files as they were at ``commit`` of the repository whose top is ``repo``,
    named as the working tree at ``cwd`` would show them."""

    repo: Path
    commit: str
    cwd: Path
    exclude: Exclude | None = None

    def load(self, paths: Sequence[str]) -> Iterator[LoadedFile]:
        from .loader import load_bytes, refused

        listed = list_ledgers(self.repo, self.commit, paths, self.cwd, self.exclude)
        contents = iter(read_blobs(self.repo, [f.oid for f in listed if f.problem is None]))
        for item in listed:
            if item.problem is not None:
                yield refused(item.shown, *item.problem)
            else:
                yield load_bytes(next(contents), item.shown)
