"""The result cache: an unchanged ledger set gives its stored report at once.

``check``, ``summary`` and ``show`` key a run on everything its output depends on
(:func:`key`): the claimlog version, today's date (future-date findings depend on
it), the command line, the working folder, the environment variables that change
output, whether standard output is a terminal and how wide, the effective settings,
and the name and bytes of every file of the set (or why a path is refused). A hit
replays the stored standard output, standard error and exit code; a miss runs as
usual and stores them.

Where: ``.claimlog_cache/`` in the configuration's folder (the working folder
without one), made with a ``.gitignore`` of ``*`` (git never sees it) and a
``CACHEDIR.TAG`` (backup tools skip it); at most :data:`MAX_ENTRIES` entries, the
oldest removed first.

Trust: a cache folder can come with a repository (committed by force, or unpacked
from an archive), so an entry is never trusted for what it says: each is signed
with a key of this machine's user (HMAC-SHA256; the key lives in
``$XDG_CACHE_HOME/claimlog/key``, else ``~/.cache/claimlog/key``, mode 0600, made on
first use) and checked before it is used. An entry that is not signed with that key,
truncated, or corrupt in any way is ignored and replaced; so is one written by
another claimlog version. Without a usable key (no home folder, read-only) nothing is
cached. Writes are atomic (:mod:`claimlog.writes`): concurrent runs each write a whole
entry, and the last one wins.

``--no-cache`` or ``CLAIMLOG_NO_CACHE`` (any non-empty value) turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from .plaindata import dataclass

if TYPE_CHECKING:
    from .files import Exclude

__all__ = [
    "FOLDER",
    "MAX_ENTRIES",
    "Cache",
    "Stored",
    "file_parts",
    "key",
    "machine_key",
    "run_parts",
]

FOLDER: Final = ".claimlog_cache"
MAX_ENTRIES: Final = 64
MAX_ENTRY_BYTES: Final = 64 * 1024 * 1024
"""The largest entry read back (a larger one is not trusted)."""
FORMAT: Final = b"claimlog-cache 1\n"
_KEY_BYTES: Final = 32
_GITIGNORE: Final = b"# Made by claimlog: its result cache, never committed.\n*\n"
_TAG: Final = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This folder is a result cache made by claimlog (https://bford.info/cachedir/).\n"
)


@dataclass(frozen=True)
class Stored:
    """What a run wrote and how it ended."""

    stdout: str
    stderr: str
    code: int


def key(parts: Iterable[bytes | str]) -> str:
    """A digest of ``parts``, each length-prefixed (no two sequences of parts give
    the same bytes)."""
    digest = hashlib.blake2b(digest_size=32)
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _home_cache() -> Path | None:
    given = os.environ.get("XDG_CACHE_HOME", "")
    if given and os.path.isabs(given):
        return Path(given) / "claimlog"
    home = os.environ.get("HOME", "")
    return Path(home) / ".cache" / "claimlog" if home and os.path.isabs(home) else None


def machine_key() -> bytes | None:
    """This user's signing key, made on first use (None: no usable place for it)."""
    folder = _home_cache()
    if folder is None:
        return None
    path = folder / "key"
    try:
        data = path.read_bytes()
        if len(data) == _KEY_BYTES:
            return data
    except OSError:
        pass
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fresh = secrets.token_bytes(_KEY_BYTES)
        tmp = folder / f".key.{secrets.token_hex(8)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(fresh)
        os.replace(tmp, path)
        return path.read_bytes() if path.stat().st_size == _KEY_BYTES else None
    except OSError:
        return None


class Cache:
    """The entries under ``folder`` (``.claimlog_cache``), signed with ``secret``."""

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder = folder
        self.secret = secret

    def _path(self, name: str) -> Path:
        return self.folder / f"{name}.json"

    def _sign(self, name: str, payload: bytes) -> bytes:
        """The entry's signature: over its name too, so that a signed entry copied or
        linked under another name is not trusted there."""
        message = FORMAT + name.encode("ascii", "replace") + b"\n" + payload
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest().encode()

    def _folder_ok(self) -> bool:
        """Whether the cache folder is a real folder (not a link, not a file)."""
        try:
            return stat.S_ISDIR(os.lstat(self.folder).st_mode)
        except OSError:
            return False

    def get(self, name: str) -> Stored | None:
        """The entry ``name``, or None when it is missing or cannot be trusted. Read as
        ledgers are (no link followed, no FIFO or device, bounded)."""
        from .reading import read_regular

        path = self._path(name)
        if not self._folder_ok():
            return None
        try:
            data = read_regular(os.fspath(path), MAX_ENTRY_BYTES)
        except (OSError, ValueError):
            return None
        stored = self._parse(name, data)
        if stored is None:
            with contextlib.suppress(OSError):
                path.unlink()
        return stored

    def _parse(self, name: str, data: bytes) -> Stored | None:
        head, _, rest = data.partition(b"\n")
        signature, _, payload = rest.partition(b"\n")
        expected = self._sign(name, payload)
        if head + b"\n" != FORMAT or not hmac.compare_digest(signature, expected):
            return None
        try:
            value = json.loads(payload)
            stored = Stored(value["stdout"], value["stderr"], value["code"])
        except (ValueError, KeyError, TypeError):
            return None
        ok = isinstance(stored.stdout, str) and isinstance(stored.stderr, str)
        return stored if ok and type(stored.code) is int else None

    def put(self, name: str, stored: Stored) -> None:
        """Store ``stored`` as ``name``; a cache that cannot be written is skipped."""
        from .writes import WriteError, write_file

        payload = json.dumps(
            {"stdout": stored.stdout, "stderr": stored.stderr, "code": stored.code},
            ensure_ascii=True,
        ).encode("ascii")
        data = FORMAT + self._sign(name, payload) + b"\n" + payload
        try:
            self._prepare()
            path = self._path(name)
            with contextlib.suppress(FileNotFoundError):
                mode = os.lstat(path).st_mode
                if stat.S_ISLNK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
                    path.unlink()  # the link or FIFO itself, never what it points to
            write_file(path, data, self.folder)
            self._prune()
        except (OSError, WriteError):
            return

    def _prepare(self) -> None:
        """The folder, made if missing, with its .gitignore and CACHEDIR.TAG: made new
        (``O_EXCL``, no link followed), never written through anything in the way."""
        with contextlib.suppress(FileExistsError):
            self.folder.mkdir()
        if not self._folder_ok():
            raise OSError("the cache folder is not a folder")
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _TAG)):
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            try:
                fd = os.open(self.folder / name, flags, 0o644)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as handle:
                handle.write(text)

    def _prune(self) -> None:
        entries = sorted(self.folder.glob("*.json"), key=_age)
        for old in entries[: max(0, len(entries) - MAX_ENTRIES)]:
            with contextlib.suppress(OSError):
                old.unlink()


def _age(path: Path) -> tuple[float, str]:
    try:
        return (path.stat().st_mtime, path.name)
    except OSError:
        return (0.0, path.name)


#: Environment variables whose value changes what a command writes.
OUTPUT_ENV: Final = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "GITHUB_ACTIONS", "TERM")


def run_parts(
    argv: Sequence[str], cwd: Path, terminal: tuple[bool, int, bool], settings: str
) -> list[bytes | str]:
    """The parts of a key that are not files: version, date, command line, folder,
    environment, terminal and settings."""
    from datetime import date

    from . import __version__
    from .files import repository_root

    env = [f"{name}={os.environ.get(name, '')}" for name in OUTPUT_ENV]
    return [
        __version__,
        _code_stamp(),
        date.today().isoformat(),
        "\0".join(argv),
        os.fspath(cwd),
        os.fspath(repository_root(cwd)),  # paths in github and SARIF output hang on it
        "\0".join(env),
        f"{terminal[0]}:{terminal[1]}",
        settings,
    ]


def _code_stamp() -> str:
    """The size and modification time of every module of claimlog: an edited or
    reinstalled claimlog at the same version (an editable install) is a new key."""
    here = os.path.dirname(os.path.realpath(__file__))
    parts = []
    for folder, subfolders, names in os.walk(here):  # scandir: no stat for the folders
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    status = os.stat(path)
                    parts.append(
                        f"{os.path.relpath(path, here)}:{status.st_size}:{status.st_mtime_ns}"
                    )
    return "\0".join(sorted(parts))


def file_parts(paths: Sequence[str], cwd: Path, exclude: Exclude | None) -> list[bytes | str]:
    """The name and bytes of every file the run will read, found as it finds them
    (:func:`~claimlog.files.discover`, read by :func:`~claimlog.reading.read_regular`):
    a refused path by its refusal, a file that cannot be read by why. Raises
    :class:`~claimlog.files.PathError` as the run would (nothing is cached then)."""
    from .files import discover
    from .reading import MAX_FILE_BYTES, read_regular

    parts: list[bytes | str] = []
    for found in discover(paths, cwd, exclude):
        parts.append(found.shown)
        if found.problem is not None:
            rule, message = found.problem
            parts.append(f"refused {rule.code}: {message}")
            continue
        try:
            parts.append(read_regular(os.fspath(found.path), MAX_FILE_BYTES))
        except (OSError, ValueError) as err:
            parts.append(f"unread: {type(err).__name__}: {err}")
    return parts
