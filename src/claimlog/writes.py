"""Writes that cannot lose data: every command that changes a file goes through here.

:func:`write_file` writes the new bytes to a temporary file in the target's own folder,
flushes and fsyncs it, gives it the original's permission bits, re-reads it and lets the
caller verify what is really on disk (every value and comment still there), and only then
renames it over the original (``os.replace``: atomic on POSIX) and fsyncs the folder.
Any error before the rename leaves the original untouched and removes the temporary file;
a process killed midway leaves at worst a stray temporary file beside an intact original.

It never writes through a symbolic link that leaves the tree it is given (the ledger
tree): the link's final target must lie inside ``root``. A link inside the tree is kept
as a link and its target is rewritten.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .files import is_hidden, repository_root, within

__all__ = ["WriteError", "confined", "newline_of", "output_root", "with_newline", "write_file"]

# A test hook: called with the temporary file's path after it is written and verified,
# just before the rename (tests/test_writes.py kills the process here).
_before_replace: Callable[[Path], None] = lambda _tmp: None  # noqa: E731

TEMP_SUFFIX = ".claimlog-tmp"


class WriteError(Exception):
    """A write refused or failed; the original file is untouched. The message names the
    file and the cause."""


def newline_of(text: str) -> str:
    """The file's line ending: ``\\r\\n`` when its first line ends so, else ``\\n``."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def with_newline(text: str, newline: str) -> str:
    """``text`` (with ``\\n`` line ends) with ``newline`` line ends."""
    if newline == "\n":
        return text
    return text.replace("\r\n", "\n").replace("\n", newline)


def _target(path: Path, root: Path) -> Path:
    """The file a write of ``path`` really changes: its symbolic links followed, which
    must end inside ``root``, and not in a hidden file or folder the path does not name
    itself (``ledgers/x.yaml -> ../.github/workflows/ci.yaml``)."""
    real = confined(path, root)
    if real.exists() and not real.is_file():
        raise WriteError(f"cannot write {path}: not a regular file")
    return real


def confined(path: Path, root: Path) -> Path:
    """``path`` with its symbolic links followed (it need not exist), or WriteError when
    a link takes it outside ``root`` or into a hidden file or folder (``.git``,
    ``.github``, ``.env``) other than the one the path as written names (a path that
    names some hidden folder may not link into another)."""
    real_root = root.resolve()
    try:
        real = path.resolve(strict=False)
    except (OSError, RuntimeError) as err:  # a link loop
        raise WriteError(f"cannot write {path}: {err}") from err
    if real != real_root and real_root not in real.parents:
        raise WriteError(
            f"cannot write {path}: it leads outside {root} (a symbolic link); "
            "claimlog writes only inside the ledger tree"
        )
    lexical = Path(os.path.abspath(path))
    top = root.absolute()
    named = lexical.relative_to(top).parts if lexical.is_relative_to(top) else ()
    inside = real.relative_to(real_root).parts
    if is_hidden(inside) and inside != named:  # a hidden place reached through a link
        raise WriteError(
            f"cannot write {path}: a symbolic link leads it into a hidden file or folder "
            f"({real}); claimlog writes there only when the path names it"
        )
    return real


def output_root(path: Path, cwd: Path) -> Path:
    """The tree a file or folder named by ``--output`` must stay in: the repository
    holding ``cwd`` when the path as written lies in it, else the folder the path names
    it in. A link planted in the repository (``claimlog.sarif -> /home/...``) cannot
    take the write elsewhere."""
    lexical = Path(os.path.abspath(cwd / path))
    root = repository_root(cwd)
    return root if within(lexical, root) else lexical.parent


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be fsynced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_file(
    path: Path,
    data: bytes,
    root: Path,
    verify: Callable[[bytes], str | None] | None = None,
) -> None:
    """Replace ``path`` (inside ``root``) by ``data``, atomically.

    ``verify`` is given the bytes read back from disk before the rename and returns a
    reason to refuse (``None``: keep them); a refusal raises :class:`WriteError` with that
    reason and leaves the original as it was. A new file gets the permission bits a
    plain ``open`` would give it; an existing one keeps its own.
    """
    target = _target(path, root)
    folder = target.parent
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise WriteError(f"cannot write {path}: {err.strerror or err}") from err
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as err:
        raise WriteError(f"cannot write {path}: {err.strerror or err}") from err
    tmp = Path(name)
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if mode is None:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(tmp, mode)
            written = tmp.read_bytes()
        except OSError as err:
            raise WriteError(f"cannot write {path}: {err.strerror or err}") from err
        if written != data:
            raise WriteError(
                f"cannot write {path}: the file read back differs from what was written"
            )
        if verify is not None:
            reason = verify(written)
            if reason is not None:
                raise WriteError(f"not writing {path}: {reason}")
        _before_replace(tmp)
        try:
            os.replace(tmp, target)
        except OSError as err:
            raise WriteError(f"cannot write {path}: {err.strerror or err}") from err
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)
