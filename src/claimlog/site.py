"""Writing a report's files into its folder without ever losing a user's file.

The folder is created when missing. A folder that exists must be empty or hold a
previous claimlog report (its marker file, ``.claimlog-report``, which lists the
files that report wrote); anything else is refused, so a mistyped ``-o`` never
overwrites someone's folder. Each file is written atomically: to a temporary file
in the same folder, then renamed over the old one (``os.replace``); a file that
already holds the same bytes is not written again. Then the files
the previous report wrote and this one did not (pages of claims since removed) are
removed, and only those: a file a user put in the folder stays. The marker is written
first (naming the old files and the new) and again last (the new only), so a report
cut short leaves a folder the next run recognises and tidies.

Names come from :mod:`claimlog.render.report.names` and are checked again here: one
plain file name each, no folder, no ``..``; nothing is written outside the folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Final

MARKER: Final = ".claimlog-report"
TEMP_SUFFIX: Final = ".claimlog-tmp"
_NAME: Final = re.compile(r"\.?[A-Za-z0-9][A-Za-z0-9._-]{0,200}")


class SiteError(Exception):
    """The report cannot be written there (exit 2); nothing of the user's is lost."""


def safe_name(name: str) -> bool:
    """Whether ``name`` is one plain file name this module writes or removes."""
    return bool(_NAME.fullmatch(name)) and ".." not in name


def _previous(folder: Path) -> list[str] | None:
    """The files the previous report in ``folder`` wrote; None when ``folder`` holds
    something else (an empty folder: no files)."""
    try:
        entries = sorted(os.listdir(folder))
    except OSError as err:
        raise SiteError(f"cannot read {folder}: {err.strerror or err}") from err
    if not entries:
        return []
    marker = folder / MARKER
    if not marker.is_file() or marker.is_symlink():
        return None
    try:
        lines = marker.read_text(encoding="utf-8").splitlines()[1:]
    except (OSError, UnicodeDecodeError):
        return None
    return [line for line in lines if safe_name(line) and line != MARKER]


def _prepare(folder: Path) -> list[str]:
    if folder.is_symlink():  # (a link committed to a repository could lead anywhere)
        raise SiteError(
            f"cannot write the report to {folder}: it is a symbolic link; name the folder "
            "it leads to"
        )
    if folder.exists() and not folder.is_dir():
        raise SiteError(f"cannot write the report to {folder}: it is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SiteError(f"cannot create {folder}: {err.strerror or err}") from err
    previous = _previous(folder)
    if previous is None:
        raise SiteError(
            f"{folder} is not empty and holds no claimlog report (no {MARKER} file): "
            "not writing into it; name a new or empty folder"
        )
    return previous


def _same(target: Path, data: bytes) -> bool:
    """Whether ``target`` is a regular file (not a link) holding exactly ``data``."""
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(found.st_mode):
        raise SiteError(f"cannot write {target}: a folder is in the way")
    if not stat.S_ISREG(found.st_mode) or found.st_size != len(data):
        return False
    with open(target, "rb") as handle:
        return handle.read() == data


def _write(folder: Path, name: str, text: str) -> None:
    """Write ``name`` atomically: a new temporary file beside it (the permission bits a
    plain ``open`` gives), then renamed over it. A file that already holds these bytes
    is left as it is (and keeps its time, for static hosts' caches)."""
    target = folder / name
    data = text.encode("utf-8")
    if _same(target, data):
        return
    temp = folder / f".{name}.{os.getpid()}{TEMP_SUFFIX}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:  # left by a process with the same id: make another name
        fd, made = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
        temp = Path(made)
        os.chmod(temp, 0o666 & ~_umask())
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)  # a symbolic link in the way is replaced, not followed
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_site(folder: Path, files: Mapping[str, str]) -> list[str]:
    """Write ``files`` (name -> text; the marker among them) into ``folder``; return the
    names of the stale files removed. SiteError when the folder is not one to write."""
    bad = [name for name in files if not safe_name(name)]
    if MARKER not in files:
        raise SiteError(f"a report without its {MARKER} file")
    if bad:
        raise SiteError(f"refusing to write a file named {bad[0]!r}")
    previous = _prepare(folder)
    pending = sorted({*previous, *files} - {MARKER})
    try:
        # First a marker naming every file this run may leave behind, the last one naming
        # only this report's: a run cut short leaves a folder the next run recognises
        # and tidies.
        listing = "".join(f"{name}\n" for name in pending)
        _write(folder, MARKER, "claimlog report (being written)\n" + listing)
        for name in sorted(files):
            if name != MARKER:
                _write(folder, name, files[name])
        removed = _remove_stale(folder, previous, files)
        _write(folder, MARKER, files[MARKER])
    except OSError as err:
        raise SiteError(f"cannot write into {folder}: {err.strerror or err}") from err
    return removed


def _remove_stale(folder: Path, previous: list[str], files: Mapping[str, str]) -> list[str]:
    """Remove the files of the previous report that this one does not have, and the
    temporary files of a run that was killed."""
    removed = []
    for name in previous:
        path = folder / name
        if name in files or not (path.is_file() or path.is_symlink()):
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(name)
    for leftover in sorted(folder.glob(f".*{TEMP_SUFFIX}")):
        with contextlib.suppress(OSError):
            leftover.unlink()
    return removed
