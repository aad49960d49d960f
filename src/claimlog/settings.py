"""Settings of one run: the configuration file, overridden by the command line.

The configuration is ``claimlog.toml`` or ``[tool.claimlog]`` in ``pyproject.toml``:
the nearest file walking up from the current directory wins; in one directory
``claimlog.toml`` comes before ``pyproject.toml`` (a ``pyproject.toml`` without a
``[tool.claimlog]`` table is passed over). ``--config FILE`` names the file instead
(no search; a file named ``pyproject.toml`` must hold ``[tool.claimlog]``, any other
is read as a ``claimlog.toml``). Paths and globs in the file are relative to its
directory, except in a file ``--config`` names from outside the current directory's
repository (the base branch's copy a CI job writes to a temporary folder, so that a pull
request cannot change it): that one is read as if it stood at the repository's root.
Command-line options override the file; every value remembers where
it came from, for ``claimlog check --show-config``.

A configuration file can come from a pull request like the ledgers, so it is read
as defensively: only a regular file (a symbolic link only to one inside the
repository), non-blocking, at most :data:`MAX_CONFIG_BYTES`; its ``paths`` must stay
inside the repository; and every problem with it (not UTF-8, not TOML, nested too
deep, a wrong type, an unknown key or rule) is a :class:`SettingsError`: one line
naming the file and the problem, exit 2.
"""

from __future__ import annotations

import builtins
import os
import stat
import tomllib
from collections.abc import Callable
from dataclasses import field
from datetime import date, datetime
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from .diagnostics import did_you_mean
from .files import (
    STDIN_NAME,
    Exclude,
    hidden_below,
    relative,
    repository_root,
    shown,
    under,
    within,
)
from .plaindata import dataclass

DEFAULT_PATH = "ledgers"
"""The ledger folder read when neither the command line nor the configuration names one."""

KEYS = (
    "paths",
    "exclude",
    "select",
    "ignore",
    "per-file-ignores",
    "strict",
    "as-of",
    "max-findings-per-rule",
)

MAX_FINDINGS_PER_RULE = 100
"""Default of ``max-findings-per-rule``: findings shown per rule per file before one
summary finding stands for the rest (0: no limit)."""

CACHE_OFF_ENV = "CLAIMLOG_NO_CACHE"
"""The environment variable that turns the result cache off (any non-empty value)."""

MAX_CONFIG_BYTES = 1024 * 1024
"""The largest configuration file read (a real one is a few hundred bytes)."""


class SettingsError(Exception):
    """The settings cannot be read or have a bad key or value (exit 2)."""


@dataclass(frozen=True)
class Overrides:
    """What the command line says; None (or empty) where it says nothing."""

    paths: list[str] | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    strict: bool | None = None
    as_of: str | None = None
    config: str | None = None
    """``--config``: the configuration file to read instead of searching for one."""
    stdin_filename: str | None = None
    """``--stdin-filename``: how findings name the ledger read from ``-``."""


@dataclass
class Settings:
    """The effective settings and, for each, where it came from."""

    paths: list[str] = field(default_factory=lambda: [DEFAULT_PATH])
    exclude: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    strict: bool = False
    as_of: date | None = None
    max_findings_per_rule: int = MAX_FINDINGS_PER_RULE
    file: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    named: bool = False
    """Whether ``file`` is the one ``--config`` names (no search found it)."""
    passed_over: Path | None = None
    """A ``pyproject.toml`` with a ``[tool.claimlog]`` table beside the ``claimlog.toml``
    read instead: a pull request that adds a ``claimlog.toml`` replaces every setting of
    the project's table, which a reviewer may not see (the command line warns)."""
    stdin_name: str = STDIN_NAME
    origin: dict[str, str] = field(default_factory=lambda: dict.fromkeys(KEYS, "default"))

    def set(self, key: str, value: Any, origin: str) -> None:
        setattr(self, key.replace("-", "_"), value)
        self.origin[key] = origin

    def shown(self, cwd: Path) -> list[tuple[str, str, str]]:
        """(key, value as TOML-ish text, origin) for every setting; paths relative to
        ``cwd`` as everywhere else."""
        rows = []
        for key in KEYS:
            value = getattr(self, key.replace("-", "_"))
            if key == "paths":
                value = [relative(Path(p), cwd) for p in value]
            rows.append((key, _toml(value), self.origin[key]))
        return rows

    def exclusion(self) -> Exclude:
        """The ``exclude`` globs, relative to the configuration file's folder."""
        return Exclude(self.root, tuple(self.exclude))

    def enabled(self) -> tuple[builtins.set[str], list[str]]:
        """The enabled rule codes after ``select`` then ``ignore``, and unknown words."""
        from .rules import select_rules

        return select_rules(self.select, self.ignore)

    def ignored_in(
        self, path: str, cwd: Path, real: Callable[[str], str] = os.path.realpath
    ) -> builtins.set[str]:
        """The codes ``per-file-ignores`` drops in ``path`` (shown relative to ``cwd``);
        globs match paths relative to the configuration file's directory. ``real``: how
        the run resolves paths (a :class:`~claimlog.files.RealPaths`, each folder once)."""
        if not self.per_file_ignores:
            return set()
        from .rules import resolve_selector

        where = under(path, self.root, cwd, real) or path
        words = {
            w for glob, ws in self.per_file_ignores.items() if fnmatch(where, glob) for w in ws
        }
        return {rule.code for word in words for rule in resolve_selector(word)}


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        return "{" + ", ".join(f'"{shown(k)}" = {_list(v)}' for k, v in value.items()) + "}"
    return _list(value)


def _list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{shown(v)}"' for v in values) + "]"


def words(values: list[str] | None) -> list[str]:
    """Split repeatable, comma-separated option values into words."""
    return [w.strip() for v in values or [] for w in v.split(",") if w.strip()]


def parse_date(value: str) -> date | None:
    """A ``YYYY-MM-DD`` date, or None when ``value`` is not one."""
    from .model import strict_date

    return strict_date(value)


def _present(path: Path) -> bool:
    """Whether a configuration file stands at ``path``: anything there but a folder
    (a FIFO or a link named like one is then refused when read, not passed over)."""
    try:
        return not stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def find(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration file at or above ``start`` and its claimlog table."""
    for folder in (start, *start.parents):
        own = folder / "claimlog.toml"
        if _present(own):
            return own, _read(own, start)
        project = folder / "pyproject.toml"
        if _present(project):
            tool = _read(project, start).get("tool", {})
            where = relative(project, start)
            if not isinstance(tool, dict):
                raise SettingsError(f"{where}: 'tool' must be a table, not {_kind(tool)}")
            table = tool.get("claimlog")
            if table is not None:
                if not isinstance(table, dict):
                    raise SettingsError(f"{where}: [tool.claimlog] must be a table")
                return project, table
    return None


def _kind(value: Any) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return names.get(type(value), "a list" if isinstance(value, list) else "a value")


def _read(path: Path, cwd: Path) -> dict[str, Any]:
    """The TOML table of the configuration file at ``path``; SettingsError (naming the
    file as seen from ``cwd``) for anything but a readable, valid file."""
    from .reading import FileTooLarge, NotRegularFile, kind_of, read_regular

    where = relative(path, cwd)
    real = os.path.realpath(path)
    if os.path.islink(path):
        top = os.path.realpath(repository_root(path.parent))
        if not within(real, top):
            raise SettingsError(f"{where}: a symbolic link to outside the repository; not read")
        if hidden_below(real, top):  # '-> .env', '-> .git/config'
            raise SettingsError(
                f"{where}: a symbolic link to a hidden file or folder "
                f"('{shown(os.readlink(path))}'); not read"
            )
    try:
        data = read_regular(real, MAX_CONFIG_BYTES)
    except NotRegularFile as err:
        raise SettingsError(f"{where}: {kind_of(err.mode)}, not a regular file; not read") from None
    except FileTooLarge as err:
        raise SettingsError(
            f"{where}: file is {err.size:,} bytes, over the limit of {MAX_CONFIG_BYTES:,}"
        ) from None
    except OSError as err:
        raise SettingsError(f"cannot read {where}: {err.strerror or err}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SettingsError(
            f"cannot read {where}: byte 0x{data[err.start]:02x} at offset {err.start} "
            "is not valid UTF-8"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"cannot read {where}: {' '.join(str(err).split())}") from None
    except RecursionError:
        raise SettingsError(f"cannot read {where}: values nested too deeply") from None


def _strings(where: str, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{where}: '{key}' must be a list of strings")
    return list(value)


def _value(base: Path, key: str, value: Any, where: str) -> Any:
    """The setting ``key`` of the configuration file shown as ``where``, checked and
    converted; its ``paths`` relative to the folder ``base``."""
    if key not in KEYS:
        near = did_you_mean(key, KEYS)
        hint = f"; {near}" if near else f" (known: {', '.join(KEYS)})"
        raise SettingsError(f"{where}: unknown key '{key}'{hint}")
    if key == "paths":
        return _paths(base, _strings(where, key, value), where)
    if key in ("select", "ignore"):
        return _strings(where, key, value)
    if key == "exclude":
        return _globs(where, _strings(where, key, value))
    if key == "per-file-ignores":
        if not isinstance(value, dict):
            raise SettingsError(f"{where}: 'per-file-ignores' must be a table of globs")
        table = {g: _strings(where, f"{key}.{g}", v) for g, v in value.items()}
        _known_rules(table, where)
        return table
    if key == "strict":
        if not isinstance(value, bool):
            raise SettingsError(f"{where}: 'strict' must be true or false")
        return value
    if key == "max-findings-per-rule":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise SettingsError(
                f"{where}: 'max-findings-per-rule' must be a whole number, 0 or more"
            )
        return value
    # as-of: a TOML date, or a date written as a string
    if isinstance(value, datetime):
        value = value.date()
    day = value if isinstance(value, date) else None
    if day is None and isinstance(value, str):
        day = parse_date(value)
    if day is None:
        why = _why(value) if isinstance(value, str) else ""
        raise SettingsError(f"{where}: 'as-of' must be a date (YYYY-MM-DD){why}")
    return day


def _why(text: str) -> str:
    """What is wrong with a date written as YYYY-MM-DD (': there is no month 13'), or
    what to write for one written another way ('; write 2015-01-14'); empty when
    nothing can be told (a tour: '2024-13-01' was said not to be YYYY-MM-DD)."""
    from .validation import date_trouble, day_of_time

    why, hint = date_trouble(text)
    if why is not None:
        return f": {why}"
    day = day_of_time(text, offset=True)  # a date-time: 'as-of' takes its day
    if day is not None:
        return f"; write {day}"
    return f"; {hint}" if hint is not None and hint.startswith("write ") else ""


def _globs(where: str, globs: list[str]) -> list[str]:
    """The ``exclude`` globs; SettingsError for one that could never match (absolute,
    or empty), which would silently exclude nothing."""
    for glob in globs:
        if not glob or os.path.isabs(glob) or "\0" in glob:
            raise SettingsError(
                f"{where}: 'exclude' entry {glob!r} is not a glob relative to the "
                "configuration file's folder"
            )
    return globs


def _paths(base: Path, values: list[str], where: str) -> list[str]:
    """The ``paths`` of a configuration file, relative to the folder ``base``;
    SettingsError for one outside the repository (lexically, or through a symbolic
    link): a contributed configuration must not point claimlog at
    ``/proc/self/environ`` or ``~/.netrc``."""
    repo = repository_root(base)
    real_repo = os.path.realpath(repo)
    scope = "the repository"
    if not os.path.lexists(repo / ".git"):
        scope = "the configuration file's folder"
    out = []
    for value in values:
        full = base / value
        if "\0" in value:
            raise SettingsError(f"{where}: 'paths' entry {value!r} is not a valid path")
        if not within(os.path.abspath(full), repo) or not within(os.path.realpath(full), real_repo):
            raise SettingsError(
                f"{where}: 'paths' entry '{value}' is outside {scope}; a configuration "
                "file names only paths inside it (name others on the command line)"
            )
        if hidden_below(os.path.abspath(full), repo) or hidden_below(
            os.path.realpath(full), real_repo
        ):
            raise SettingsError(
                f"{where}: 'paths' entry '{value}' is hidden (such as .git or .env); a "
                "configuration file names no hidden file or folder (name it on the "
                "command line)"
            )
        out.append(str(full))
    return out


def _known_rules(table: dict[str, list[str]], where: str) -> None:
    """SettingsError for a word of ``per-file-ignores`` that names no rule (a typo
    there would silently ignore nothing), with the nearest rule name or code."""
    from .rules import RULES, RULES_BY_NAME, resolve_selector

    for glob, words in table.items():
        for word in words:
            if not resolve_selector(word):
                near = did_you_mean(word, [*RULES, *RULES_BY_NAME])
                hint = f"; {near}" if near else " (see 'claimlog rules')"
                raise SettingsError(
                    f"{where}: unknown rule '{word}' in per-file-ignores \"{glob}\"{hint}"
                )


def named(config: Path, cwd: Path) -> tuple[Path, dict[str, Any]]:
    """The configuration file ``--config`` names (relative to ``cwd``) and its claimlog
    table; SettingsError, naming it, when it is missing, unreadable or not valid."""
    path = config if config.is_absolute() else cwd / config
    where = relative(path, cwd)
    try:
        present = os.path.lexists(path)
    except ValueError:  # a NUL in the name
        present = False
    if not present:
        raise SettingsError(f"--config: no file '{shown(os.fspath(config))}'")
    data = _read(path, cwd)
    if path.name != "pyproject.toml":
        return path, data
    tool = data.get("tool", {})
    table = tool.get("claimlog") if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: no [tool.claimlog] table (named by --config)")
    return path, table


def from_file(cwd: Path, config: str | None = None) -> Settings:
    """The configuration in force for ``cwd`` (defaults when there is no file), or the
    file ``config`` names."""
    settings = Settings(root=cwd)
    found = find(cwd) if config is None else named(Path(config), cwd)
    if found is None:
        return settings
    path, table = found
    settings.file = path
    settings.root = path.parent
    if config is None and path.name == "claimlog.toml":
        settings.passed_over = _claimlog_table_beside(path)
    origin = relative(path, cwd)
    if path.name == "pyproject.toml":
        origin += " [tool.claimlog]"
    if config is not None:
        settings.named = True
        settings.root = _named_base(path, cwd)
        origin += " (--config)"
    for key, value in table.items():
        settings.set(key, _value(settings.root, key, value, origin), origin)
    return settings


def _claimlog_table_beside(path: Path) -> Path | None:
    """The ``pyproject.toml`` beside ``path`` if it holds a ``[tool.claimlog]`` table
    (one that cannot be read is not this run's concern: it is not read)."""
    project = path.parent / "pyproject.toml"
    if not _present(project):
        return None
    try:
        tool = _read(project, path.parent).get("tool")
    except SettingsError:
        return None
    return project if isinstance(tool, dict) and "claimlog" in tool else None


def _named_base(path: Path, cwd: Path) -> Path:
    """The folder the relative paths and globs of the file ``--config`` names are read
    from: its own, or the root of the current directory's repository when the file lies
    outside it (a CI job's copy of the base branch's configuration in a temporary
    folder stands for the one at the root of the checkout). Outside a repository, its
    own."""
    repo = repository_root(cwd)
    if os.path.lexists(repo / ".git") and not within(
        os.path.realpath(path), os.path.realpath(repo)
    ):
        return repo
    return path.parent


def load(cwd: Path, overrides: Overrides | None = None) -> Settings:
    """The configuration file's settings for ``cwd``, overridden by the command line."""
    given = overrides or Overrides()
    settings = from_file(cwd, given.config)
    if given.stdin_filename is not None:
        settings.stdin_name = given.stdin_filename
    if given.paths:
        settings.set("paths", list(given.paths), "command line")
    if given.select:
        settings.set("select", words(given.select), "command line (--select)")
    if given.ignore:
        settings.set("ignore", words(given.ignore), "command line (--ignore)")
    if given.strict is not None:
        settings.set("strict", given.strict, "command line")
    if given.as_of is not None:
        day = parse_date(given.as_of)
        if day is None:
            raise SettingsError(
                f"--as-of takes a date as YYYY-MM-DD, not '{given.as_of}'{_why(given.as_of)}"
            )
        settings.set("as-of", day, "command line (--as-of)")
    return settings
