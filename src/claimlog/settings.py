"""Settings of one run: the configuration file, overridden by the command line.

The configuration is ``claimlog.toml`` or ``[tool.claimlog]`` in ``pyproject.toml``:
the nearest file walking up from the current directory wins; in one directory
``claimlog.toml`` comes before ``pyproject.toml`` (a ``pyproject.toml`` without a
``[tool.claimlog]`` table is passed over). Paths in the file are relative to its
directory. Command-line options override the file; every value remembers where
it came from, for ``claimlog check --show-config``.
"""

from __future__ import annotations

import builtins
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from .diagnostics import did_you_mean
from .files import relative, under

DEFAULT_PATH = "ledgers"
"""The ledger folder read when neither the command line nor the configuration names one."""

KEYS = ("paths", "select", "ignore", "per-file-ignores", "strict", "as-of", "max-findings-per-rule")

MAX_FINDINGS_PER_RULE = 100
"""Default of ``max-findings-per-rule``: findings shown per rule per file before one
summary finding stands for the rest (0: no limit)."""


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


@dataclass
class Settings:
    """The effective settings and, for each, where it came from."""

    paths: list[str] = field(default_factory=lambda: [DEFAULT_PATH])
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    strict: bool = False
    as_of: date | None = None
    max_findings_per_rule: int = MAX_FINDINGS_PER_RULE
    file: Path | None = None
    root: Path = field(default_factory=Path.cwd)
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

    def enabled(self) -> tuple[builtins.set[str], list[str]]:
        """The enabled rule codes after ``select`` then ``ignore``, and unknown words."""
        from .rules import select_rules

        return select_rules(self.select, self.ignore)

    def ignored_in(self, path: str, cwd: Path) -> builtins.set[str]:
        """The codes ``per-file-ignores`` drops in ``path`` (shown relative to ``cwd``);
        globs match paths relative to the configuration file's directory."""
        if not self.per_file_ignores:
            return set()
        from .rules import resolve_selector

        where = under(path, self.root, cwd) or path
        return {
            rule.code
            for glob, words in self.per_file_ignores.items()
            if fnmatch(where, glob)
            for word in words
            for rule in resolve_selector(word)
        }


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
        return "{" + ", ".join(f'"{k}" = {_list(v)}' for k, v in value.items()) + "}"
    return _list(value)


def _list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def words(values: list[str] | None) -> list[str]:
    """Split repeatable, comma-separated option values into words."""
    return [w.strip() for v in values or [] for w in v.split(",") if w.strip()]


def parse_date(value: str) -> date | None:
    """A ``YYYY-MM-DD`` date, or None when ``value`` is not one."""
    from .model import strict_date

    return strict_date(value)


def find(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration file at or above ``start`` and its claimlog table."""
    for folder in (start, *start.parents):
        own = folder / "claimlog.toml"
        if own.is_file():
            return own, _read(own)
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _read(project).get("tool", {}).get("claimlog")
            if table is not None:
                if not isinstance(table, dict):
                    raise SettingsError(f"{project}: [tool.claimlog] must be a table")
                return project, table
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise SettingsError(f"cannot read {path}: {err}") from None


def _strings(path: Path, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{path}: '{key}' must be a list of strings")
    return list(value)


def _value(path: Path, key: str, value: Any) -> Any:
    """The setting ``key`` of the file at ``path``, checked and converted."""
    if key not in KEYS:
        near = did_you_mean(key, KEYS)
        hint = f"; {near}" if near else f" (known: {', '.join(KEYS)})"
        raise SettingsError(f"{path}: unknown key '{key}'{hint}")
    if key == "paths":
        return [str(path.parent / p) for p in _strings(path, key, value)]
    if key in ("select", "ignore"):
        return _strings(path, key, value)
    if key == "per-file-ignores":
        if not isinstance(value, dict):
            raise SettingsError(f"{path}: 'per-file-ignores' must be a table of globs")
        return {g: _strings(path, f"{key}.{g}", v) for g, v in value.items()}
    if key == "strict":
        if not isinstance(value, bool):
            raise SettingsError(f"{path}: 'strict' must be true or false")
        return value
    if key == "max-findings-per-rule":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise SettingsError(
                f"{path}: 'max-findings-per-rule' must be a whole number, 0 or more"
            )
        return value
    # as-of: a TOML date, or a date written as a string
    if isinstance(value, datetime):
        value = value.date()
    day = value if isinstance(value, date) else None
    if day is None and isinstance(value, str):
        day = parse_date(value)
    if day is None:
        raise SettingsError(f"{path}: 'as-of' must be a date (YYYY-MM-DD)")
    return day


def from_file(cwd: Path) -> Settings:
    """The configuration in force for ``cwd`` (defaults when there is no file)."""
    settings = Settings(root=cwd)
    found = find(cwd)
    if found is None:
        return settings
    path, table = found
    settings.file = path
    settings.root = path.parent
    origin = relative(path, cwd)
    if path.name == "pyproject.toml":
        origin += " [tool.claimlog]"
    for key, value in table.items():
        settings.set(key, _value(path, key, value), origin)
    return settings


def load(cwd: Path, overrides: Overrides | None = None) -> Settings:
    """The configuration file's settings for ``cwd``, overridden by the command line."""
    settings = from_file(cwd)
    given = overrides or Overrides()
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
            raise SettingsError(f"--as-of takes a date as YYYY-MM-DD, not '{given.as_of}'")
        settings.set("as-of", day, "command line (--as-of)")
    return settings
