"""Git, driven only through its command line (``subprocess`` with argument lists, no
shell): the repository of a path, revisions, and the ledger files of a revision
(listed with ``git ls-tree``, read through one ``git cat-file --batch``) as a source
of files (:class:`GitRevision`, the counterpart of :class:`~claimlog.files.WorkTree`).
Nothing here prints.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .files import display_path, is_ledger_name
from .loader import MAX_FILE_BYTES, LoadedFile

_BLOB_MODES = frozenset({"100644", "100755"})


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


def commit_of(repo: Path, rev: str) -> str:
    """The full hash of the commit ``rev`` names; GitError when it names none."""
    done = _run(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"])
    if done.returncode != 0 or not done.stdout.strip():
        raise GitError(f"unknown revision: {rev!r} is not a commit in {repo}")
    return done.stdout.decode("ascii").strip()


def short(repo: Path, commit: str) -> str:
    return _git(repo, "rev-parse", "--short", commit).decode("ascii").strip()


def exists(repo: Path, commit: str, rel: str) -> bool:
    if rel == ".":
        return True
    return _run(repo, ["cat-file", "-e", f"{commit}:{rel}"]).returncode == 0


def base_of(repo: Path) -> tuple[str, str]:
    """The default base revision and how it was chosen."""
    if _run(repo, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).returncode != 0:
        raise GitError(f"the git repository at {repo} has no commit yet to compare with")
    branch: str | None = None
    done = _run(repo, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"])
    if done.returncode == 0 and done.stdout.strip():
        branch = done.stdout.decode("utf-8", "surrogateescape").strip()
    else:
        for name in ("main", "master"):
            ref = f"refs/heads/{name}"
            if _run(repo, ["rev-parse", "--verify", "--quiet", ref]).returncode == 0:
                branch = name
                break
    if branch is not None:
        done = _run(repo, ["merge-base", "HEAD", branch])
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.decode("ascii").strip(), f"merge-base with {branch}"
    return "HEAD", "HEAD"


def default_base(repo: Path) -> str:
    """The merge-base of HEAD with the default branch (origin/HEAD's target, else
    ``main``, else ``master``), or HEAD when there is none."""
    return base_of(repo)[0]


def repo_relative(repo: Path, raw: str, cwd: Path) -> str:
    """``raw`` (relative to ``cwd``) as a path relative to the top of ``repo``."""
    absolute = Path(raw) if Path(raw).is_absolute() else cwd / raw
    try:
        return absolute.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        raise GitError(f"path is outside the git repository at {repo}: {raw}") from None


def list_ledgers(repo: Path, commit: str, paths: Sequence[str], cwd: Path) -> list[tuple[str, str]]:
    """(object id, shown path) of every ledger file under ``paths`` at ``commit``, in
    the order and with the names :func:`~claimlog.files.discover` would give."""
    rels = [repo_relative(repo, raw, cwd) for raw in paths]
    output = _git(repo, "--literal-pathspecs", "ls-tree", "-r", "-z", commit, "--", *rels)
    entries: list[tuple[str, str]] = []  # (repo-relative path, object id)
    for record in output.split(b"\0"):
        if not record:
            continue
        meta, _, raw_name = record.partition(b"\t")
        mode, kind, oid = meta.decode("ascii").split(" ")
        if kind == "blob" and mode in _BLOB_MODES:  # no symlinks, no submodules
            entries.append((os.fsdecode(raw_name), oid))
    entries.sort()
    found: dict[str, str] = {}
    seen: set[str] = set()
    for raw, rel in zip(paths, rels, strict=True):
        for name, oid in entries:
            if name in seen:
                continue
            if name == rel:
                sub = ""  # a file named explicitly is read whatever its name
            elif rel == ".":
                sub = name
            elif name.startswith(rel + "/"):
                sub = name[len(rel) + 1 :]
            else:
                continue
            if sub and not is_ledger_name(sub):
                continue
            seen.add(name)
            found.setdefault(display_path(Path(raw) / sub if sub else Path(raw), cwd), oid)
    return [(found[shown], shown) for shown in sorted(found)]


def read_blobs(repo: Path, oids: Sequence[str]) -> list[bytes]:
    """The contents of blobs, through one ``git cat-file --batch`` (at most
    MAX_FILE_BYTES + 1 bytes kept of each, enough for the loader to see it is too big)."""
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
            out.append(_read_exactly(proc.stdout, int(header[2])))
            proc.stdout.read(1)  # the newline after each object
    finally:
        proc.stdin.close()
        proc.stdout.close()
        proc.wait()
    return out


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    kept = bytearray()
    left = size
    while left:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            raise GitError("git cat-file stopped before the end of an object")
        left -= len(chunk)
        if len(kept) <= MAX_FILE_BYTES:
            kept += chunk[: MAX_FILE_BYTES + 1 - len(kept)]
    return bytes(kept)


@dataclass(frozen=True)
class GitRevision:
    """The files as they were at ``commit`` of the repository whose top is ``repo``,
    named as the working tree at ``cwd`` would show them."""

    repo: Path
    commit: str
    cwd: Path

    def load(self, paths: Sequence[str]) -> Iterator[LoadedFile]:
        from .loader import load_bytes

        listed = list_ledgers(self.repo, self.commit, paths, self.cwd)
        contents = read_blobs(self.repo, [oid for oid, _ in listed])
        for (_, shown), data in zip(listed, contents, strict=True):
            yield load_bytes(data, shown)
