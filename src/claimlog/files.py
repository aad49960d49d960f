"""Where ledger files come from: a source of files behind one interface.

:class:`WorkTree` reads the files under some paths of the working tree;
:class:`GitRevision` reads the same paths as they were at a git revision. Either
gives loaded files (:class:`~claimlog.loader.LoadedFile`) named as the working tree
shows them, so that a ledger set built from one compares with a set built from the
other. Also here: how paths are shown to users.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .loader import LoadedFile

LEDGER_SUFFIXES = (".yaml", ".yml")


class PathError(Exception):
    """A path given on the command line does not exist or holds no ledger."""


def display_path(path: Path, cwd: Path) -> str:
    """The path as users see it: relative to ``cwd`` when under it, else as given."""
    absolute = path if path.is_absolute() else cwd / path
    try:
        return absolute.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def relative(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` (with ``..`` when it is above), else absolute."""
    try:
        return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive
        return path.as_posix()


def under(path: str, root: Path, cwd: Path) -> str | None:
    """``path`` (as shown, relative to ``cwd``) relative to ``root``; None when outside."""
    try:
        return (cwd / path).resolve().relative_to(root.resolve()).as_posix()
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


def discover(
    paths: Sequence[str | os.PathLike[str]], cwd: Path | None = None
) -> list[tuple[Path, str]]:
    """Every ledger file under ``paths``, once each, in sorted display order.

    Directories are searched recursively; hidden directories are skipped. A file
    named explicitly is read whatever its suffix. A path that does not exist
    raises :class:`PathError`.
    """
    here = cwd or Path.cwd()
    found: dict[str, Path] = {}
    seen: set[str] = set()  # real paths: one file named two ways is read once

    def add(file: Path) -> None:
        real = os.path.realpath(file)
        if real not in seen:
            seen.add(real)
            found.setdefault(display_path(file, here), file)

    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise PathError(f"path does not exist: {os.fspath(raw)}")
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.endswith(LEDGER_SUFFIXES) and not name.startswith("."):
                        add(Path(root) / name)
        else:
            add(path)
    return [(found[key], key) for key in sorted(found)]


class FileSource(Protocol):
    """Ledger files under some paths, loaded, in display order."""

    def load(self, paths: Sequence[str]) -> Iterator[LoadedFile]: ...


@dataclass(frozen=True)
class WorkTree:
    """The files of the working tree. Paths are relative to ``cwd``; with
    ``missing_ok``, a path that does not exist contributes no file instead of
    raising :class:`PathError` (a path that exists only at some revision)."""

    cwd: Path
    missing_ok: bool = False

    def load(self, paths: Sequence[str]) -> Iterator[LoadedFile]:
        from .loader import load_path

        targets = list(paths)
        if self.missing_ok:
            targets = [p for p in targets if (self.cwd / p).exists()]
        if Path.cwd().resolve() != self.cwd.resolve():
            targets = [os.fspath(self.cwd / p) for p in targets]
        for path, shown in discover(targets, self.cwd):
            yield load_path(os.fspath(path), shown)
