"""Configuration: ``claimlog.toml`` or ``[tool.claimlog]`` in ``pyproject.toml``.

The nearest file walking up from the current directory wins; in one directory
``claimlog.toml`` comes before ``pyproject.toml`` (a ``pyproject.toml`` without a
``[tool.claimlog]`` table is passed over). Paths in the file are relative to its
directory. Command-line options override the file; every value remembers where
it came from, for ``claimlog check --show-config``.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .diagnostics import Diagnostic

KEYS = ("paths", "select", "ignore", "per-file-ignores", "strict", "as-of")


class ConfigError(Exception):
    """The configuration cannot be read or has a bad key or value (exit 2)."""


@dataclass
class Config:
    """The effective settings and, for each, where it came from."""

    paths: list[str] = field(default_factory=lambda: ["ledgers"])
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    strict: bool = False
    as_of: date | None = None
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
            if isinstance(value, bool):
                text = "true" if value else "false"
            elif isinstance(value, date):
                text = value.isoformat()
            elif value is None:
                text = "(none)"
            elif isinstance(value, dict):
                inner = ", ".join(f'"{k}" = {_list(v)}' for k, v in value.items())
                text = "{" + inner + "}"
            else:
                text = _list(value)
            rows.append((key, text, self.origin[key]))
        return rows


def relative(path: Path, cwd: Path) -> str:
    """``path`` relative to ``cwd`` (with ``..`` when it is above), else absolute."""
    try:
        return Path(os.path.relpath(path.resolve(), cwd.resolve())).as_posix()
    except ValueError:  # another drive
        return path.as_posix()


def _list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


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
                    raise ConfigError(f"{project}: [tool.claimlog] must be a table")
                return project, table
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"cannot read {path}: {err}") from None


def _words(path: Path, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return list(value)


def load(cwd: Path) -> Config:
    """The configuration in force for ``cwd`` (defaults when there is no file)."""
    config = Config(root=cwd)
    found = find(cwd)
    if found is None:
        return config
    path, table = found
    config.file = path
    config.root = path.parent
    origin = relative(path, cwd)
    if path.name == "pyproject.toml":
        origin += " [tool.claimlog]"
    for key, value in table.items():
        if key not in KEYS:
            near = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean '{near[0]}'?" if near else f" (known: {', '.join(KEYS)})"
            raise ConfigError(f"{path}: unknown key '{key}'{hint}")
        if key == "paths":
            paths = _words(path, key, value)
            config.set(key, [str(path.parent / p) for p in paths], origin)
        elif key in ("select", "ignore"):
            config.set(key, _words(path, key, value), origin)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: 'per-file-ignores' must be a table of globs")
            config.set(key, {g: _words(path, f"{key}.{g}", v) for g, v in value.items()}, origin)
        elif key == "strict":
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: 'strict' must be true or false")
            config.set(key, value, origin)
        else:  # as-of: a TOML date, or a date written as a string
            if isinstance(value, datetime):
                value = value.date()
            day = value if isinstance(value, date) else _date(path, value)
            config.set(key, day, origin)
    return config


def per_file_ignored(diagnostics: list[Diagnostic], config: Config, cwd: Path) -> list[Diagnostic]:
    """The findings that no ``per-file-ignores`` glob of the configuration drops. Globs
    are matched against paths relative to the configuration file's directory."""
    from .diagnostics import resolve_selector

    rules = [
        (glob, {r.code for word in words for r in resolve_selector(word)})
        for glob, words in config.per_file_ignores.items()
    ]
    kept = []
    for d in diagnostics:
        try:
            relative = (cwd / d.path).resolve().relative_to(config.root.resolve()).as_posix()
        except ValueError:
            relative = d.path
        if not any(d.code in codes and fnmatch(relative, glob) for glob, codes in rules):
            kept.append(d)
    return kept


def _date(path: Path, value: Any) -> date:
    from .model import strict_date

    day = strict_date(value) if isinstance(value, str) else None
    if day is None:
        raise ConfigError(f"{path}: 'as-of' must be a date (YYYY-MM-DD)")
    return day
