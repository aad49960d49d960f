"""The prompts of ``claimlog add``: one question per field, in a terminal.

A thin layer over :mod:`claimlog.authoring`, which checks every answer: this module
only asks, shows the reason an answer was refused and asks again. It talks to a
:class:`Console`; :class:`Terminal` is the real one (``input`` with readline's tab
completion of the ids, grades and kinds the field takes, when readline is there), and
tests give their own.

The text of ``add`` itself (the intro, each field's meaning, the reasons an answer is
refused) is wrapped to the terminal's width at spaces (:func:`fit`); the entry it will
write is shown as it will be written, never broken.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from .authoring import (
    FIELDS,
    LIST_KEY,
    Answer,
    AnswerError,
    AuthoringError,
    FieldSpec,
    Known,
    Shape,
    Target,
    build_entry,
    check_answer,
    check_stance_claim,
    check_stance_value,
    parse_sets,
    render_entry,
    suggest_id,
    verify_append,
    write_refused,
)
from .model import STANCES

if TYPE_CHECKING:
    from .files import Exclude
    from .settings import Settings

__all__ = [
    "Console",
    "Terminal",
    "add_entry",
    "ask_entry",
    "confirm",
    "fit",
    "preview",
    "terminal_width",
]

COMPLETER_DELIMS = " \t\n,[]"
"""Where a word to complete starts: ids hold '-', ':' and '.', which readline's default
delimiters split on."""


class Console(Protocol):
    """Where questions are asked and answered. A console may also have a ``width``, the
    columns :func:`fit` wraps its prose to (none: lines are not wrapped)."""

    def ask(self, prompt: str, options: Sequence[str]) -> str:
        """One answer to ``prompt``; ``options`` are what tab completion offers.
        Raises EOFError (end of input) or KeyboardInterrupt to stop."""
        ...

    def say(self, text: str) -> None:
        """Show a line."""
        ...


class Terminal:
    """The terminal: ``input()``, with readline's tab completion when it is there."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.options: list[str] = []
        self.readline: Any = None
        try:
            import readline
        except ImportError:  # pragma: no cover - Windows without pyreadline
            return
        self.readline = readline
        readline.set_completer(self.complete)
        readline.set_completer_delims(COMPLETER_DELIMS)
        if "libedit" in (readline.__doc__ or ""):  # pragma: no cover - macOS
            readline.parse_and_bind("bind ^I rl_complete")
        else:
            readline.parse_and_bind("tab: complete")

    def complete(self, text: str, state: int) -> str | None:
        """readline's completer: the ``state``-th option starting with ``text``."""
        matches = [o for o in self.options if o.startswith(text)]
        return matches[state] if state < len(matches) else None

    def ask(self, prompt: str, options: Sequence[str]) -> str:
        self.options = list(options)
        self.out.flush()
        return input(prompt)

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    @property
    def width(self) -> int | None:
        """The columns the terminal has now (:func:`terminal_width`)."""
        return terminal_width(self.out)


def terminal_width(out: TextIO) -> int | None:
    """The columns of the terminal ``out`` writes to: $COLUMNS when set, else the
    terminal's own; None when ``out`` is no terminal (nothing is wrapped then)."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return os.get_terminal_size(out.fileno()).columns if out.isatty() else None
    except (OSError, ValueError, AttributeError):  # no file descriptor, or no size
        return None


def fit(text: str, width: int | None, lead: str = "", hang: str | None = None) -> str:
    """``text``, one paragraph of prose (a message, a field's meaning), shown literally
    (:func:`claimlog.render.safe.literal`) and wrapped to ``width`` columns at spaces:
    the first line after ``lead``, the others after ``hang`` (default: as many spaces).
    A word longer than a line (a long id, a URL) is broken after a hyphen, dot,
    underscore, colon or slash in it, as ``check`` folds ids, never inside a part; a part
    longer still is left whole for the terminal. One line when ``width`` is None."""
    from .render.common import cell_width, wrap
    from .render.safe import literal

    hang = " " * cell_width(lead) if hang is None else hang
    shown = literal(text)
    if width is None:
        return lead + shown
    room = max(width - max(cell_width(lead), cell_width(hang)), 1)
    lines: list[str] = []
    for line in wrap(shown, room, after=""):
        lines += wrap(line, room, after="-._:/") if cell_width(line) > room else [line]
    return "\n".join((hang if n else lead) + line for n, line in enumerate(lines))


def _tell(console: Console, text: str, lead: str = "", hang: str | None = None) -> None:
    """Say one paragraph of ``add``'s own text, fitted to the console's width."""
    console.say(fit(text, getattr(console, "width", None), lead, hang))


def _refused(console: Console, err: AnswerError) -> None:
    again = " (give it again to keep it)" if err.soft else ""
    _tell(console, f"{err}{again}", "  ! ", "    ")


def _ask_field(
    console: Console,
    spec: FieldSpec,
    default: str | None,
    known: Known,
    values: Mapping[str, Answer],
) -> Answer | None:
    """The checked answer to one field (None: left out), asked until it is accepted.
    Enter takes the default; '-' leaves an optional field out; an answer refused as
    a probable slip (a new group close to an existing one) is taken when given again."""
    shown = (
        f" [{default}]"
        if default
        else f" (Enter leaves it out: {spec.unset})"
        if spec.unset
        else ""
    )
    slip: str | None = None
    while True:
        text = console.ask(f"{spec.name}{shown}: ", known.options(spec)).strip()
        if not text and default:
            text = default
        elif text == "-" and not spec.required:
            return None
        try:
            return check_answer(spec, text, known, values)
        except AnswerError as err:
            if err.soft and text == slip:
                return err.value
            slip = text if err.soft else None
            _refused(console, err)


def _ask_stance(console: Console, known: Known) -> dict[str, str]:
    """Claim after claim, how the item bears on it; at least one."""
    stance: dict[str, str] = {}
    while True:
        left = sorted(known.claims - stance.keys())
        text = console.ask("stance, claim id (Enter when done): ", left).strip()
        if not text:
            if stance:
                return stance
            _tell(console, "stance: name at least one claim the item bears on", "  ! ")
            continue
        try:
            claim = check_stance_claim(text, known, stance)
        except AnswerError as err:
            _refused(console, err)
            continue
        while True:
            rating = console.ask(f"stance on {claim}: ", STANCES)
            try:
                stance[claim] = check_stance_value(rating, claim)
                break
            except AnswerError as err:
                _refused(console, err)


def ask_entry(
    console: Console, kind: str, known: Known, defaults: Mapping[str, str]
) -> dict[str, Answer]:
    """The answers to every field of ``kind`` that is asked for, each checked as it is
    typed. ``defaults``: the previous entry's answers; the id defaults to one made
    from the name, statement or summary."""
    values: dict[str, Answer] = {}
    for spec in FIELDS[kind]:
        if not spec.prompted:
            continue
        _tell(console, spec.help, "# ", "# ")
        if spec.shape is Shape.STANCE:
            values[spec.name] = _ask_stance(console, known)
            continue
        default = defaults.get(spec.name)
        if spec.name == "via" and default:  # never the item's own source (CL302): a tour
            own = values.get("source")
            kept = [r for r in (p.strip() for p in default.split(",")) if r and r != own]
            default = ", ".join(kept) or None
        if spec.shape is Shape.ID:
            title = values.get(FIELDS[kind][0].name, "")
            default = suggest_id(title if isinstance(title, str) else "", known.taken, kind)
        answer = _ask_field(console, spec, default, known, values)
        if answer is not None:
            values[spec.name] = answer
    return values


def preview(kind: str, entry: Mapping[str, Answer], where: str, width: int | None = None) -> str:
    """The entry as it will be written, and where: the line that says where wrapped to
    ``width`` (:func:`fit`), the entry's lines never (its YAML stays as it will be
    written; a line too long for the terminal is left to it)."""
    said = fit(f"To be added to the {LIST_KEY[kind]} of {where}:", width)
    return f"\n{said}\n\n{render_entry(kind, entry)}"


def confirm(console: Console, question: str) -> bool:
    """A yes or no."""
    while True:
        answer = console.ask(f"{question} [y/n]: ", ["yes", "no"]).strip().lower()
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        _tell(console, "answer y or n", "  ! ")


INTRO = (
    "Adding {a} {noun} to {where}. Each prompt follows a line on the field's meaning; "
    "Enter takes the [default], '-' leaves an optional field out, Tab completes ids and "
    "values; Ctrl-C stops without writing anything."
)
"""The first paragraph of ``add`` in a terminal, wrapped to its width (:func:`fit`)."""


def _beside(path: Path, cwd: Path, paths: Sequence[str], exclude: Exclude) -> list[str]:
    """The ledger files beside ``path`` (in the folder it is named in, not below it;
    hidden and excluded files left out), when none of the configured ``paths`` holds
    it: the set that entry is checked against is then its own folder's, as ``claimlog
    check <folder>`` reads it (a tour: sources kept in a sibling 'sources.yaml' were
    refused as unknown, offered as defaults, and 'add source' then defined them
    twice)."""
    from .files import LEDGER_SUFFIXES

    here = Path(os.path.realpath(path))
    for given in paths:
        held = Path(os.path.realpath(cwd / given))
        if here == held or held in here.parents:
            return []
    folder = path.parent
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [
        os.path.relpath(folder / name, cwd)
        for name in names
        if name.endswith(LEDGER_SUFFIXES)
        and not name.startswith(".")
        and name != path.name
        and (folder / name).is_file()
        and not exclude.matches(folder / name, cwd)
    ]


def add_entry(
    kind: str,
    path: Path,
    settings: Settings,
    cwd: Path,
    sets: Sequence[str] | None = None,
    console: Console | None = None,
    notes: TextIO | None = None,
) -> str | None:
    """``claimlog add``: the entry of ``kind`` from ``sets`` (``--set KEY=VALUE``) or
    from questions on ``console`` (default: the terminal), appended to ``path``; its id,
    or None when it was not confirmed. AuthoringError or AnswerError when it cannot be
    added; nothing is written then. Notes on answers kept from ``sets`` (a new group
    close to an existing one) go to ``notes`` (standard error)."""
    from .settings import DEFAULT_PATH

    full = path if path.is_absolute() else cwd / path
    paths: list[str] = []
    if settings.origin["paths"] != "default" or (cwd / DEFAULT_PATH).exists():
        paths = list(settings.paths)
    paths += _beside(full, cwd, paths, settings.exclusion())
    target = Target.open(full, cwd, paths, settings.exclusion())
    from .files import display_path

    where = display_path(full, cwd)
    if sets is not None:
        values, soft = parse_sets(kind, sets, target.known)
        for note in soft:
            (notes or sys.stderr).write(f"claimlog: note: {note}\n")
        entry = build_entry(kind, values)
    else:
        console = console or Terminal()
        noun = "evidence item" if kind == "evidence" else kind
        a = "an" if noun[0] in "aeiou" else "a"
        _tell(console, INTRO.format(a=a, noun=noun, where=where))
        values = ask_entry(console, kind, target.known, target.defaults(kind))
        entry = build_entry(kind, values)
        console.say(preview(kind, entry, where, getattr(console, "width", None)))
        if not confirm(console, "Add it?"):
            return None
    try:
        _write(target, full, kind, entry, cwd)
    except AuthoringError:
        if console is not None and sets is None:
            # Nothing typed is lost (a tour retyped ten answers): the entry, to paste.
            console.say("")
            _tell(console, "Not written. The entry, to add by hand (or 'claimlog add' again):")
            console.say("\n" + render_entry(kind, entry))
        raise
    ident = entry["id"]
    assert isinstance(ident, str)
    source = entry.get("source")
    if console is not None and isinstance(source, str) and source not in target.known.sources:
        _tell(
            console,
            f"Source '{source}' is not in the ledger set yet: add it with 'claimlog add "
            f"source', with the id {source} (check reports the item's source as unknown, "
            "CL201, until then).",
        )
    return ident


def _write(target: Target, full: Path, kind: str, entry: Mapping[str, Answer], cwd: Path) -> None:
    """Append ``entry`` to the file through :func:`claimlog.writes.write_file`, verified:
    the file must still be as it was read, and what is written must read back as every
    old value and comment plus the entry. A refusal names the file relative to ``cwd``."""
    from .files import repository_root
    from .writes import WriteError, write_file

    data = target.appended(kind, entry)
    verify = verify_append(target.data, kind, entry)

    def unchanged_and_verified(written: bytes) -> str | None:
        try:
            now = full.read_bytes()
        except OSError as err:
            return f"cannot read it again: {err.strerror or err}"
        if now != target.data:
            return "it changed since it was read (run add again)"
        return verify(written)

    try:
        write_file(full, data, repository_root(full.parent), unchanged_and_verified)
    except WriteError as err:
        raise write_refused(err, cwd) from None
