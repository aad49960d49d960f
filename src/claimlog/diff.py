"""What a change does to the assessments: the ledger set at two git revisions, compared.

Git is driven only through its command line (``subprocess`` with argument lists, no
shell). A revision's ledger files are listed with ``git ls-tree`` and read with
``git cat-file``, then loaded exactly as files of the working tree are, under the
path the working tree would show for them, so that findings compare across sides.
Nothing here prints.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from .checks import CheckOptions, run_checks
from .credibility import Assessment
from .diagnostics import Diagnostic, sort_key
from .ledgerset import LEDGER_SUFFIXES, LedgerSet, load_set
from .loader import MAX_FILE_BYTES, LoadedFile, load_bytes
from .model import FileModel, build_file

WORKTREE = "WORKTREE"
"""The name of the working tree where a revision's short hash would be."""

DEFAULT_PATH = "ledgers"
"""The ledger folder compared when no path is given (as for every other command)."""

_BLOB_MODES = frozenset({"100644", "100755"})
_LINE_REFERENCE = re.compile(r"(\bline |\.ya?ml:)\d+")


class GitError(Exception):
    """Git could not give what was asked: not a repository, an unknown revision, no git."""


@dataclass(frozen=True)
class ClaimChange:
    """One claim whose assessment differs between the two sides."""

    id: str
    change: str
    """'added', 'removed' or 'changed'."""
    before: Assessment | None
    after: Assessment | None

    @property
    def delta(self) -> float:
        """The probability move (after - before); 0 for an added or removed claim."""
        if self.before is None or self.after is None:
            return 0.0
        return self.after.probability - self.before.probability


@dataclass(frozen=True)
class DiffReport:
    """Everything ``claimlog diff`` reports, and both ledger sets for the renderers."""

    base: str
    """The base revision's short commit hash."""
    head: str
    """The head revision's short commit hash, or :data:`WORKTREE`."""
    base_ref: str
    """The base as the user named it (or how it was chosen)."""
    head_ref: str
    """The head as the user named it, or 'working tree'."""
    changes: list[ClaimChange]
    """Biggest probability move first, then by id."""
    new_findings: list[Diagnostic]
    resolved_findings: list[Diagnostic]
    before: LedgerSet
    after: LedgerSet


# --- git --------------------------------------------------------------------------


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


def _toplevel(where: Path) -> Path:
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


def _commit(repo: Path, rev: str) -> str:
    """The full hash of the commit ``rev`` names; GitError when it names none."""
    done = _run(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"])
    if done.returncode != 0 or not done.stdout.strip():
        raise GitError(f"unknown revision: {rev!r} is not a commit in {repo}")
    return done.stdout.decode("ascii").strip()


def _short(repo: Path, commit: str) -> str:
    return _git(repo, "rev-parse", "--short", commit).decode("ascii").strip()


def _exists(repo: Path, commit: str, rel: str) -> bool:
    if rel == ".":
        return True
    return _run(repo, ["cat-file", "-e", f"{commit}:{rel}"]).returncode == 0


def _default_base(repo: Path) -> tuple[str, str]:
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
    return _default_base(repo)[0]


# --- loading a revision -------------------------------------------------------------


def _relative(repo: Path, raw: str, cwd: Path) -> str:
    """``raw`` (relative to ``cwd``) as a path relative to the top of ``repo``."""
    absolute = Path(raw) if Path(raw).is_absolute() else cwd / raw
    try:
        return absolute.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        raise GitError(f"path is outside the git repository at {repo}: {raw}") from None


def _shown(raw: str, sub: str, cwd: Path) -> str:
    """The path ``load_set`` would show for ``sub`` under ``raw`` (ledgerset.display_path)."""
    path = Path(raw) / sub if sub else Path(raw)
    absolute = path if path.is_absolute() else cwd / path
    try:
        return absolute.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _wanted(sub: str) -> bool:
    """Whether a file found at ``sub`` under a directory is a ledger (as ``discover``)."""
    *folders, name = sub.split("/")
    return (
        not any(f.startswith(".") for f in folders)
        and not name.startswith(".")
        and name.endswith(LEDGER_SUFFIXES)
    )


def _list(repo: Path, commit: str, paths: Sequence[str], cwd: Path) -> list[tuple[str, str]]:
    """(object id, shown path) of every ledger file under ``paths`` at ``commit``, in
    the order and with the names :func:`~claimlog.ledgerset.discover` would give."""
    rels = [_relative(repo, raw, cwd) for raw in paths]
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
            if sub and not _wanted(sub):
                continue
            seen.add(name)
            found.setdefault(_shown(raw, sub, cwd), oid)
    return [(found[shown], shown) for shown in sorted(found)]


def _read_blobs(repo: Path, oids: Sequence[str]) -> list[bytes]:
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


def load_revision(repo: Path, rev: str | None, paths: list[str], cwd: Path) -> LedgerSet:
    """The ledger set under ``paths`` at revision ``rev`` of ``repo`` (its top folder),
    or in the working tree when ``rev`` is None. Paths are relative to ``cwd`` and
    files are shown as the working tree would show them. A path that does not exist
    on that side contributes no file."""
    if rev is None:
        present = [p for p in paths if (Path(p) if Path(p).is_absolute() else cwd / p).exists()]
        if not present:
            return LedgerSet.from_files([], {})
        if Path.cwd().resolve() != cwd.resolve():
            present = [os.fspath(cwd / p) for p in present]
        return load_set(present, cwd)
    commit = _commit(repo, rev)
    listed = _list(repo, commit, paths, cwd)
    contents = _read_blobs(repo, [oid for oid, _ in listed])
    loaded: dict[str, LoadedFile] = {}
    models: list[FileModel] = []
    for (_, shown), data in zip(listed, contents, strict=True):
        file = load_bytes(data, shown)
        loaded[shown] = file
        models.append(build_file(file))
    return LedgerSet.from_files(models, loaded)


# --- comparing ----------------------------------------------------------------------


def _repo_of(paths: Sequence[str], cwd: Path) -> Path:
    """The top of the working tree holding the first path (or ``cwd``)."""
    start = Path(paths[0]) if paths else cwd
    start = start if start.is_absolute() else cwd / start
    while not start.is_dir():  # a file, or a path that exists only in some revision
        if start.parent == start:
            break
        start = start.parent
    return _toplevel(start)


def _moved(before: Assessment, after: Assessment, threshold: float) -> bool:
    return (
        before.verdict != after.verdict
        or before.label != after.label
        or abs(after.probability - before.probability) >= threshold - 1e-12
    )


def compare_claims(
    before: dict[str, Assessment], after: dict[str, Assessment], threshold: float = 0.01
) -> list[ClaimChange]:
    """The claims added, removed or moved, biggest probability move first, then by id."""
    changes: list[ClaimChange] = []
    for cid in sorted(before.keys() | after.keys()):
        old, new = before.get(cid), after.get(cid)
        if old is None:
            changes.append(ClaimChange(cid, "added", None, new))
        elif new is None:
            changes.append(ClaimChange(cid, "removed", old, None))
        elif _moved(old, new, threshold):
            changes.append(ClaimChange(cid, "changed", old, new))
    changes.sort(key=lambda c: (-round(abs(c.delta), 6), c.id))
    return changes


def _finding_key(d: Diagnostic) -> tuple[str, str, str]:
    """What makes a finding the same finding on both sides: not where it stands (lines
    move when text is added above), not line numbers quoted in its message."""
    return (d.code, d.path, _LINE_REFERENCE.sub(r"\1#", d.message))


def compare_findings(
    before: Sequence[Diagnostic], after: Sequence[Diagnostic]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(new, resolved): findings of ``after`` not in ``before``, and the reverse,
    counted as multisets of (code, path, message), each list in the usual order."""

    def extra(side: Sequence[Diagnostic], other: Sequence[Diagnostic]) -> list[Diagnostic]:
        budget = Counter(_finding_key(d) for d in other)
        out: list[Diagnostic] = []
        for d in sorted(side, key=sort_key):
            key = _finding_key(d)
            if budget[key]:
                budget[key] -= 1
            else:
                out.append(d)
        return out

    return extra(after, before), extra(before, after)


def diff(
    cwd: Path,
    base: str | None,
    head: str | None,
    paths: list[str],
    as_of: date | None,
    threshold: float = 0.01,
) -> DiffReport:
    """Compare the ledger set under ``paths`` at ``base`` (default: the merge-base with
    the default branch) and ``head`` (default: the working tree).

    Raises :class:`GitError` for a path outside a git repository, an unknown revision
    or a missing git, and :class:`~claimlog.ledgerset.PathError` for a path that
    exists neither in the working tree nor at either revision."""
    from .ledgerset import PathError

    targets = list(paths) or [DEFAULT_PATH]
    repo = _repo_of(targets, cwd)
    if base is None:
        base_rev, base_ref = _default_base(repo)
    else:
        base_rev, base_ref = base, base
    base_commit = _commit(repo, base_rev)
    head_commit = _commit(repo, head) if head is not None else None
    rels = [_relative(repo, raw, cwd) for raw in targets]
    sides = [base_commit] if head_commit is None else [base_commit, head_commit]
    for raw, rel in zip(targets, rels, strict=True):
        on_disk = Path(raw) if Path(raw).is_absolute() else cwd / raw
        if not on_disk.exists() and not any(_exists(repo, c, rel) for c in sides):
            raise PathError(f"path does not exist: {raw}")

    before = load_revision(repo, base_commit, targets, cwd)
    after = load_revision(repo, head_commit, targets, cwd)
    options = CheckOptions(today=date.today(), as_of=as_of)
    new, resolved = compare_findings(run_checks(before, options), run_checks(after, options))
    return DiffReport(
        base=_short(repo, base_commit),
        head=_short(repo, head_commit) if head_commit else WORKTREE,
        base_ref=base_ref,
        head_ref=head if head is not None else "working tree",
        changes=compare_claims(before.assessments(as_of), after.assessments(as_of), threshold),
        new_findings=new,
        resolved_findings=resolved,
        before=before,
        after=after,
    )
