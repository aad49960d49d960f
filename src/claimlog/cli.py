"""The command line: thin typer commands that parse options, call, and render.

Exit codes (every command): 0 ran with nothing failing; 1 ran and the ledger
set has failing findings; 2 could not run as asked (bad option, missing path,
internal error: a one-line message, a traceback only with ``--debug``).

Heavy modules (pydantic, rich, the loader) are imported inside the commands
that need them, so that ``claimlog --help`` and ``claimlog rules`` start fast.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, NoReturn, TextIO

import typer

from .helpformat import Command, Group

if TYPE_CHECKING:
    from .pipeline import Purpose, Run
    from .render import SummaryPage
    from .render.common import Style
    from .settings import Overrides, Settings


app = typer.Typer(
    name="claimlog",
    cls=Group,
    help="Check evidence ledgers for consistency and weigh the credibility of claims.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state: dict[str, Any] = {"debug": False}

PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Ledger files or directories; '-' reads a ledger from standard input "
        "(default: the configured paths, else ledgers/).",
        show_default=False,
        metavar="PATH...",
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Read this configuration file instead of searching for claimlog.toml or "
        "pyproject.toml.",
        metavar="FILE",
        show_default=False,
    ),
]
StdinFilenameOption = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        help="The name findings give the ledger read from '-' [default: <stdin>].",
        metavar="NAME",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the output to this file instead of standard output (atomically; '-': "
        "standard output).",
        dir_okay=False,
        metavar="FILE",
        callback=lambda value: None if value is not None and os.fspath(value) == "-" else value,
    ),
]
"""``-o -`` is no option at all (a review: the result cache and colour took '-' for a
file)."""
BaseArg = Annotated[
    str | None,
    typer.Argument(
        help="Revision to compare from [default: merge-base with the default branch].",
        show_default=False,
        metavar="BASE",
    ),
]
HeadArg = Annotated[
    str | None,
    typer.Argument(
        help="Revision to compare to [default: the working tree].",
        show_default=False,
        metavar="HEAD",
    ),
]
DiffPathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Ledger files or folders, after the revisions (default: the configured "
        "paths, else ledgers/). An argument naming a file or folder of the working "
        "tree is a path, and so is every one after it.",
        show_default=False,
        metavar="PATH...",
    ),
]
DiffPathOption = Annotated[
    list[str] | None,
    typer.Option(
        "--path",
        "-p",
        help="A ledger file or folder, as PATH (repeatable; for a path that exists only "
        "at a revision).",
        metavar="PATH",
    ),
]
AssessAsOf = Annotated[
    str | None,
    typer.Option(
        help="Assess as of this date (YYYY-MM-DD): items dated later, and undated items, "
        "do not count.",
        metavar="DATE",
    ),
]


SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        help="Only these rules: codes, code prefixes or names (comma-separated).",
        metavar="RULES",
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        help="Skip these rules: codes, code prefixes or names (comma-separated).",
        metavar="RULES",
    ),
]


class ColorMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class CheckFormat(StrEnum):
    text = "text"
    concise = "concise"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"
    gitlab = "gitlab"
    rdjson = "rdjson"


class SummaryFormat(StrEnum):
    text = "text"
    table = "table"  # the former name of text, still accepted
    json = "json"
    markdown = "markdown"
    csv = "csv"


class SortKey(StrEnum):
    group = "group"
    id = "id"
    probability = "probability"
    verdict = "verdict"


class Verdict(StrEnum):
    supported = "supported"
    refuted = "refuted"
    disputed = "disputed"
    unverified = "unverified"


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


class MatrixFormat(StrEnum):
    text = "text"
    table = "table"  # the former name of text, still accepted
    json = "json"
    csv = "csv"
    markdown = "markdown"


class GraphFormat(StrEnum):
    dot = "dot"
    mermaid = "mermaid"
    svg = "svg"


def _shown(text: str) -> str:
    """A line that names a file or quotes a ledger, with control characters visible: a
    file named 'x\\n::error::y.yaml' must not start a line of its own (a forged workflow
    command in a CI log), nor an ESC colour the terminal."""
    from .render.safe import literal

    return literal(text)


def fail(message: str, code: int = 2) -> NoReturn:
    """Stop with a one-line message on standard error."""
    _to_stderr(f"claimlog: {_shown(message)}\n")
    raise typer.Exit(code)


def _to_stderr(text: str) -> None:
    """Write a message that may name a file or quote a ledger to standard error, fenced
    where it must be (:func:`_guarded`)."""
    sys.stderr.write(_guarded(text))


def _guarded(text: str) -> str:
    """``text`` that may name a file or quote a ledger: in a GitHub Actions log, fenced
    off from the runner's workflow commands when it holds what the runner would read as
    one (a file named '##[error]x.yaml')."""
    if text and _in_actions() and _commands_in(text):
        return _fenced(text)
    return text


def _commands_in(text: str) -> bool:
    """Whether the Actions runner would read a workflow command in ``text``."""
    return "##[" in text or any(line.lstrip().startswith("::") for line in text.splitlines())


def _style(mode: ColorMode) -> Style:
    """How text output looks. ``--color auto`` follows the conventions, in this order:
    ``NO_COLOR`` (set, not empty) turns colour off; ``FORCE_COLOR`` on, even for a pipe,
    but off when it is ``0`` or ``false`` (as Node's tools read it; a review); ``TERM=dumb``
    off (a tour: a dumb terminal got escapes); otherwise a terminal is coloured and a
    pipe or a file is not."""
    from .render.common import Style, columns, read_in_terminal

    forced = os.environ.get("FORCE_COLOR", "")
    if mode is ColorMode.always:
        color = True
    elif mode is ColorMode.never or os.environ.get("NO_COLOR"):
        color = False
    elif forced:
        color = forced.lower() not in ("0", "false")
    else:
        color = sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
    return Style(color, columns(color), sys.stdout.isatty(), read_in_terminal())


def _settings(overrides: Overrides) -> Settings:
    """The configuration file's settings, overridden by the command line."""
    from .settings import SettingsError, load

    try:
        settings = load(Path.cwd(), overrides)
    except SettingsError as err:
        fail(str(err))
    if settings.passed_over is not None and settings.file is not None:
        from .files import relative

        _to_stderr(
            f"claimlog: warning: {relative(settings.file, Path.cwd())} is read, and the "
            f"[tool.claimlog] table of {relative(settings.passed_over, Path.cwd())} beside "
            "it is not (merge them into one file)\n"
        )
    return settings


def _start(settings: Settings, purpose: Purpose, ids: Sequence[str] = (), usage: str = "") -> Run:
    """The run of ``settings``. ``ids``: the claim or group ids the command was given,
    one of which may be a path typed in its place (``claimlog show ledger.yaml``): a
    run that finds no ledger then says so, with the command's ``usage``."""
    from .pipeline import Run, RunError

    try:
        return Run.start(settings, Path.cwd(), purpose)
    except RunError as err:
        typed = next((i for i in ids if os.path.lexists(i)), None)
        if typed is not None:
            fail(f"{err}; '{typed}' is a path, not an id: {usage}")
        fail(str(err))


HUMAN_FORMATS: Final = frozenset({"text", "concise", "table"})
"""The formats written for people to read, which a CI log shows as they are."""


def _emit(report: str, output: Path | None = None, human: bool = False) -> None:
    """Write a report to standard output, or to ``output``. A report for people, in a
    GitHub Actions log, is fenced off from the runner's workflow commands
    (:func:`_fenced`)."""
    if output is None and human:
        report = _for_people(report)
    if output is None:
        try:
            sys.stdout.write(report)
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (`claimlog show ... | head`): say nothing more, and
            # end with the exit code the command would have had.
            _stdout_lost()
        except OSError as err:  # a full disk, a closed descriptor
            _stdout_lost()
            fail(f"cannot write standard output: {err.strerror or err}")
        return
    from .files import repository_root, within
    from .writes import WriteError, output_root, write_file

    lexical = os.path.abspath(output)
    outside = not within(lexical, repository_root(Path.cwd()))
    if outside and os.path.exists(lexical) and not os.path.isfile(lexical):
        try:  # '-o /dev/null', '-o /dev/stdout': a device named outside the repository
            with open(lexical, "w", encoding="utf-8") as device:
                device.write(report)
        except OSError as err:
            fail(f"cannot write {output}: {err.strerror or err}")
        return
    # Atomically, and never through a link that leaves the tree or ends in a hidden
    # file (a pull request can commit 'claimlog.sarif -> ~/.bashrc'), nor into a FIFO.
    try:
        write_file(output, report.encode("utf-8"), output_root(output, Path.cwd()))
    except WriteError as err:
        fail(str(err))


def _stdout_lost() -> None:
    """Point standard output at the null device: what it still buffers cannot be written
    (the reader went away, the disk is full), and at exit it would fail again."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _for_people(report: str) -> str:
    """A report for people as written: in a GitHub Actions log, always fenced off from the
    runner's workflow commands (:func:`_fenced`; a message is fenced only when it holds
    one, :func:`_guarded`)."""
    return _fenced(report) if _in_actions() else report


def _in_actions() -> bool:
    """Whether this runs in a GitHub Actions job, whose runner reads workflow commands."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _fenced(report: str) -> str:
    """``report`` between ``::stop-commands::TOKEN`` and ``::TOKEN::``. The Actions
    runner reads a line starting with '::' (after white space), or holding '##[', as a
    command: a ledger's 'statement: "::error file=x::..."' in `summary` or `show` would
    forge an annotation, mask a secret or stop the commands of the steps after. The
    token is a hash of the report, which no text in it can contain, and the same for the
    same report (output stays byte-identical)."""
    import hashlib

    token = "claimlog-" + hashlib.sha256(report.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    end = "" if report.endswith("\n") else "\n"  # the token must start its own line
    return f"::stop-commands::{token}\n{report}{end}::{token}::\n"


def _notice(run: Run) -> int:
    """Warn on stderr when the set has errors; the exit code the command ends with."""
    notice = run.errors_notice()
    if notice is not None:
        _to_stderr(f"claimlog: {notice}\n")
    return run.exit_code


def _version(value: bool) -> None:
    if value:
        from . import __version__

        sys.stdout.write(f"claimlog {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback on internal errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    _state["debug"] = debug


NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Run in full: neither read nor write the result cache (also CLAIMLOG_NO_CACHE).",
    ),
]
FixOption = Annotated[
    bool,
    typer.Option("--fix", help="Apply the fixes that have exactly one answer, then check."),
]
FixDiffOption = Annotated[
    bool,
    typer.Option(
        "--diff",
        help="With --fix: write nothing, print the diff of the fixes (exit 1 if any, or if "
        "a finding fails).",
    ),
]


@app.command(
    cls=Command, short_help="Check the ledger set; every finding at its file, line and column."
)
def check(
    paths: PathsArg = None,
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: github when GITHUB_ACTIONS=true, else text].",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict", help="Warnings fail too (exit 1).", show_default=False
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            help="Check as of this date (YYYY-MM-DD): later-dated items are findings.",
            metavar="DATE",
        ),
    ] = None,
    color: Annotated[ColorMode, typer.Option(help="Colour the text output.")] = ColorMode.auto,
    fix: FixOption = False,
    fix_diff: FixDiffOption = False,
    no_cache: NoCacheOption = False,
    show_config: Annotated[
        bool, typer.Option("--show-config", help="Print the effective configuration and exit.")
    ] = False,
    config: ConfigOption = None,
    stdin_filename: StdinFilenameOption = None,
) -> None:
    """Validate the ledger set and report every finding at its file, line and column;
    with --fix, first apply the fixes that have exactly one answer (docs/writing.md)."""
    from .settings import Overrides

    named = _paths(paths, stdin_filename)
    overrides = Overrides(named, select, ignore, strict, as_of, _config(config), stdin_filename)
    settings = _settings(overrides)
    if show_config:
        _show_config(settings)
        return
    if fix_diff and (output_format is not None or output is not None):
        # A review took --diff for a diff-aware check: its report went nowhere, exit 0.
        fail(
            "--diff prints the diff of the fixes and no report: drop --format and -o, or "
            "drop --diff (check --fix reports what remains in the format asked)"
        )
    fmt = output_format or (CheckFormat.github if _in_actions() else CheckFormat.text)
    with _cached(settings, not (no_cache or fix or fix_diff or output)):
        _check(settings, fmt, output, color, fix or fix_diff, fix_diff)


def _check(
    settings: Settings,
    fmt: CheckFormat,
    output: Path | None,
    color: ColorMode,
    fix: bool,
    fix_diff: bool,
) -> None:
    """``check``'s run, once the result cache has not answered (a replayed run needs
    neither the pipeline nor the renderers)."""
    from .pipeline import Purpose, nothing_checked
    from .render import PLAIN, CheckPage, render

    run = _start(settings, Purpose.CHECK)
    why = nothing_checked(settings, run.files, run.enabled or set(), run.cwd)
    if why is not None:  # it would pass, having checked nothing
        fail(f"{why}; nothing would be checked")
    if fix:
        run = _apply_fixes(run, settings, fix_diff)
    page = CheckPage(run.findings, run.files, run.line, Path.cwd(), settings.strict)
    report = render("check", fmt.value, page, PLAIN if output else _style(color))
    _emit(report, output, human=fmt.value in HUMAN_FORMATS)
    if fmt is CheckFormat.sarif:
        from .render.sarif import left_out

        cut = left_out(len(run.findings))
        if cut is not None:  # the log says so too; so does the command, for its log
            _to_stderr(f"claimlog: note: {cut}\n")
    if run.exit_code:
        raise typer.Exit(run.exit_code)


class _Tee(io.TextIOBase):
    """A standard stream that also keeps what is written to it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.kept = io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()


@contextmanager
def _cached(settings: Settings, wanted: bool) -> Iterator[None]:
    """The result cache around a command's run (:mod:`claimlog.cache`): a stored run of
    the same input replays its output and exit code; otherwise the run's standard
    output, standard error and exit code are stored. Off with ``--no-cache``,
    ``CLAIMLOG_NO_CACHE``, ``-o`` and ``-`` (standard input)."""
    from .files import STDIN, PathError
    from .settings import CACHE_OFF_ENV

    argv = _state.get("argv")
    off = not wanted or not isinstance(argv, list) or STDIN in settings.paths
    if off or os.environ.get(CACHE_OFF_ENV):
        yield  # without importing the cache (hashlib costs a few ms at every start)
        return
    from . import cache

    secret = cache.machine_key()
    if secret is None:
        yield
        return
    cwd = Path.cwd()
    tty = sys.stdout.isatty()
    from .render.common import columns, read_in_terminal

    # the width the run lays out for (render.common.columns; None: the terminal's)
    width = columns(False) or shutil.get_terminal_size().columns
    layout = (tty, width, read_in_terminal())
    try:
        parts = cache.run_parts(list(argv or ()), cwd, layout, repr(settings))
    except (PathError, OSError):
        parts = None
    files = _file_parts(settings, cwd) if parts is not None else None
    if parts is None or files is None:
        yield  # the run says what is wrong
        return
    name = cache.key(parts + files)
    box = cache.Cache(settings.root / cache.FOLDER, secret)
    stored = box.get(name)
    if stored is not None:
        sys.stderr.write(stored.stderr)
        sys.stdout.write(stored.stdout)
        sys.stdout.flush()
        raise typer.Exit(stored.code)
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    code: int | None = None
    try:
        yield
        code = 0
    except typer.Exit as done:
        code = done.exit_code
        raise
    finally:
        sys.stdout, sys.stderr = real
        # Stored when the run ran to its end (an internal error is never stored) and
        # read the files the key was made of: the run reads them again, and a file
        # saved meanwhile would put its output under the key of the bytes before.
        if code is not None and _file_parts(settings, cwd) == files:
            box.put(name, cache.Stored(out.kept.getvalue(), err.kept.getvalue(), code))


def _file_parts(settings: Settings, cwd: Path) -> list[bytes | str] | None:
    """The name and bytes of every file of the run, for the cache's key (None when the
    paths cannot be read: the run says why)."""
    from . import cache
    from .files import PathError

    try:
        return cache.file_parts(settings.paths, cwd, settings.exclusion())
    except (PathError, OSError):
        return None


def _apply_fixes(run: Run, settings: Settings, diff: bool) -> Run:
    """``check --fix``: apply the fixes with exactly one answer, say on standard error
    what changed, and check again; a fix can uncover another (a broken entity checked
    once its stance is fixed), so until nothing more is fixed, :data:`FIX_ROUNDS` at
    most. With ``--diff``, print the diff of the first round instead, write nothing,
    and exit (1 when there is a fix to apply or a finding that fails)."""
    from . import fix as fixing
    from .files import STDIN
    from .pipeline import Purpose
    from .render.common import plural

    if STDIN in settings.paths:
        fail("--fix and --diff rewrite files: they cannot fix a ledger read from standard input")
    cwd = Path.cwd()
    done: list[str] = []
    files: set[str] = set()
    problems: dict[str, None] = {}
    for _ in range(FIX_ROUNDS):
        found = fixing.fix_files(run, cwd)
        problems.update({f"not fixing {f.path}: {f.problem}": None for f in found if f.problem})
        ready = [f for f in found if f.after is not None]
        if diff:
            _emit("".join(fixing.diff(ready)), human=True)  # context lines quote the ledger
            count = plural(sum(len(f.fixed) for f in ready), "finding")
            _to_stderr("".join(f"claimlog: {_shown(p)}\n" for p in problems))
            sys.stderr.write(f"Would fix {count} in {plural(len(ready), 'file')}.\n")
            failing = len(run.failing)
            if failing:  # exit 1, as every command with failing findings (docs/cli.md)
                sys.stderr.write(
                    f"The ledger set has {plural(failing, 'failing finding')} now: "
                    "'claimlog check' lists them.\n"
                )
            raise typer.Exit(1 if ready or failing else 0)
        written = [f for f in ready if _written(fixing.write(f, cwd), problems)]
        done += [fixing.describe(d) for f in written for d in f.fixed]
        files.update(f.path for f in written)
        if not written:
            break
        run = _start(settings, Purpose.CHECK)
    _to_stderr("".join(f"claimlog: {_shown(p)}\n" for p in problems))
    _to_stderr("".join(f"fixed {_shown(line)}\n" for line in done))
    sys.stderr.write(f"Fixed {plural(len(done), 'finding')} in {plural(len(files), 'file')}.\n")
    return run


FIX_ROUNDS = 5
"""Rounds of ``check --fix`` at most."""


def _written(problem: str | None, problems: dict[str, None]) -> bool:
    if problem is not None:
        problems[problem] = None
    return problem is None


def _show_config(settings: Settings) -> None:
    """``check --show-config``: every setting, its value and where it came from."""
    from .files import relative
    from .render import ConfigPage, render

    where = "none (defaults)"
    if settings.file is not None:
        where = relative(settings.file, Path.cwd())
        if settings.named:
            where += " (--config)"
        if settings.root != settings.file.parent:
            where += f", read as if at the repository root ({relative(settings.root, Path.cwd())})"
    _emit(render("config", "text", ConfigPage(where, settings.shown(Path.cwd()))), human=True)


def _paths(paths: list[str] | None, stdin_filename: str | None = None) -> list[str] | None:
    """The paths named on the command line (None: none); exit 2 for a
    ``--stdin-filename`` that names nothing read."""
    from .files import STDIN

    if stdin_filename is not None:
        if STDIN not in (paths or []):
            fail("--stdin-filename names the ledger read from standard input: add '-' to the paths")
        if not stdin_filename.strip() or "\0" in stdin_filename:
            fail(f"--stdin-filename takes a file name, not {stdin_filename!r}")
    return list(paths) if paths else None


def _config(config: Path | None) -> str | None:
    return None if config is None else os.fspath(config)


@app.command(cls=Command, short_help="Each claim's verdict, likelihood and flags, in one table.")
def summary(
    paths: PathsArg = None,
    claim: Annotated[
        list[str] | None,
        typer.Option("--claim", help="Only this claim (repeatable).", metavar="CLAIM"),
    ] = None,
    group: Annotated[
        str | None, typer.Option(help="Only the claims of this group.", metavar="GROUP")
    ] = None,
    as_of: AssessAsOf = None,
    output_format: Annotated[
        SummaryFormat,
        typer.Option("--format", "-f", help="Output format.", metavar="<text|json|markdown|csv>"),
    ] = SummaryFormat.text,
    sort: Annotated[
        SortKey, typer.Option(help="Order of the rows (a group's claims stay together).")
    ] = SortKey.group,
    verdict: Annotated[
        list[Verdict] | None,
        typer.Option(
            "--verdict",
            help="Only claims with this verdict: supported, refuted, disputed or unverified "
            "(repeatable).",
            metavar="VERDICT",
        ),
    ] = None,
    flag: Annotated[
        list[str] | None,
        typer.Option("--flag", help="Only claims with this flag (repeatable).", metavar="FLAG"),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(help="At most this many claims (after sorting).", min=1, metavar="N"),
    ] = None,
    color: Annotated[ColorMode, typer.Option(help="Colour the table.")] = ColorMode.auto,
    config: ConfigOption = None,
    stdin_filename: StdinFilenameOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """The credibility summary: one row per claim, grouped by competing hypotheses."""
    named = _paths(paths, stdin_filename)
    settings = _settings(_assess_overrides(named, as_of, config, stdin_filename))
    with _cached(settings, not no_cache):
        from .pipeline import Purpose
        from .render import render

        run = _start(settings, Purpose.ASSESS)
        code = _notice(run)
        page = _summary_page(run, claim, group, sort, verdict, flag, limit)
        report = render("summary", output_format.value, page, _style(color))
        _emit(report, human=output_format.value in HUMAN_FORMATS)
        if code:
            raise typer.Exit(code)


def _assess_overrides(
    paths: list[str] | None, as_of: str | None, config: Path | None, stdin_filename: str | None
) -> Overrides:
    from .settings import Overrides

    return Overrides(paths, as_of=as_of, config=_config(config), stdin_filename=stdin_filename)


def _summary_page(
    run: Run,
    claim: list[str] | None,
    group: str | None,
    sort: SortKey,
    verdict: list[Verdict] | None,
    flag: list[str] | None,
    limit: int | None,
) -> SummaryPage:
    """The rows ``summary`` shows, with their groups; exit 2 for an unknown claim,
    group or flag."""
    from .pipeline import RunError
    from .render import SummaryPage
    from .settings import words

    try:
        from .credibility import FLAG_TEXT

        unknown = [f for f in words(flag) if f not in FLAG_TEXT]
        if unknown:
            fail(f"no flag {', '.join(repr(f) for f in unknown)}; flags: {', '.join(FLAG_TEXT)}")
        chosen = [v.value for v in verdict or []]
        rows = run.claims(words(claim), group, sort.value, chosen, words(flag))
    except RunError as err:
        fail(str(err))
    if limit is not None:
        rows = rows[:limit]
    assessed = run.assessed()
    shown_groups = {a.group for a in rows if a.group is not None}
    groups = {g: assessed.groups[g] for g in sorted(shown_groups) if g in assessed.groups}
    undated = sum(1 for item in assessed.engine.exclusions.values() if item == "undated")
    filters = [f"--verdict {' or '.join(chosen)}"] if chosen else []
    filters += [f"--flag {f}" for f in words(flag)]
    # whether the files hold claims that no row shows: a file not read, or a `claims`
    # section whose entries are all beyond repair (a review: a set with no claim but an
    # error in a source read "No claim could be assessed"; a second: a claim with no id
    # was then said not to exist)
    declared = any(f.root is None or f.root.get("claims") for f in run.ledger_set.loaded.values())
    flawed = declared and run.errors_notice() is not None
    return SummaryPage(rows, run.settings.as_of, groups, undated, filters, flawed)


_SHOW_USAGE: Final = "name the claim first (show CLAIM PATH...)"


@app.command(
    cls=Command, short_help="One claim in depth: its evidence, chains, reasons and sensitivity."
)
def show(
    claim_id: Annotated[
        str, typer.Argument(help="The claim to show.", show_default=False, metavar="CLAIM")
    ],
    paths: PathsArg = None,
    as_of: AssessAsOf = None,
    output_format: Annotated[
        TextOrJson, typer.Option("--format", "-f", help="Output format.")
    ] = TextOrJson.text,
    color: Annotated[ColorMode, typer.Option(help="Colour the output.")] = ColorMode.auto,
    config: ConfigOption = None,
    stdin_filename: StdinFilenameOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """One claim in depth: evidence by stance, provenance chains, contributions, flags."""
    named = _paths(paths, stdin_filename)
    settings = _settings(_assess_overrides(named, as_of, config, stdin_filename))
    with _cached(settings, not no_cache):
        from .pipeline import Purpose, RunError
        from .render import ShowPage, render

        run = _start(settings, Purpose.ASSESS, [claim_id], _SHOW_USAGE)
        code = _notice(run)
        try:
            claim, rivals = run.claim(claim_id)
        except RunError as err:
            typed = os.path.lexists(claim_id)
            fail(f"{err}; '{claim_id}' is a path: {_SHOW_USAGE}" if typed else str(err))
        page = ShowPage(run.ledger_set, claim, rivals, settings.as_of, run.assessed())
        report = render("show", output_format.value, page, _style(color))
        _emit(report, human=output_format.value in HUMAN_FORMATS)
        if code:
            raise typer.Exit(code)


def _diff_targets(words: list[str], cwd: Path) -> tuple[list[str], list[str]]:
    """``diff``'s positional arguments as (revisions, paths): up to two revisions come
    first; an argument that names a file or folder of the working tree, and every one
    after it (or after two revisions), is a path. Where a revision may stand, a word
    that names both a commit and a file or folder is refused: a pull request that adds
    a folder named as the base commit would otherwise turn ``diff BASE`` into a diff of
    that folder (a review: exit 1 became 0, the changes out of sight)."""
    from .git import names_commit

    revisions: list[str] = []
    paths: list[str] = []
    for word in words:
        if paths or len(revisions) == 2:
            paths.append(word)
        elif not os.path.lexists(cwd / word):
            revisions.append(word)
        elif names_commit(cwd, word):
            fail(
                f"'{word}' names both a git revision and a file or folder here: write "
                f"'{word}^0' for the revision, or './{word}' for the path"
            )
        else:
            paths.append(word)
    return revisions, paths


@app.command(
    cls=Command, short_help="What a change does to the assessments, between two git revisions."
)
def diff(
    base: BaseArg = None,
    head: HeadArg = None,
    paths: DiffPathsArg = None,
    path: DiffPathOption = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiffFormat.text,
    output: OutputOption = None,
    threshold: Annotated[
        float,
        typer.Option(
            help="Smallest probability move to report (0..1).", min=0.0, max=1.0, metavar="P"
        ),
    ] = 0.01,
    as_of: AssessAsOf = None,
    config: ConfigOption = None,
) -> None:
    """What changed in the assessments between two git revisions, and in the findings.

    Exits 1 when the change brings new error findings, so that CI can gate on it."""
    from .diff import GitError
    from .diff import diff as compare
    from .files import STDIN, PathError
    from .pipeline import RunError
    from .render import PLAIN, render

    given = [w for w in (base, head, *(paths or [])) if w is not None]
    revisions, named = _diff_targets(given, Path.cwd())
    named += path or []
    if STDIN in given or STDIN in named:
        fail("diff compares git revisions: it cannot read a ledger from standard input")
    settings = _settings(_assess_overrides(named or None, as_of, config, None))
    try:
        report = compare(
            Path.cwd(), *_pad(revisions), settings.paths, settings.as_of, threshold, settings
        )
    except (GitError, PathError, RunError) as err:
        fail(str(err))
    style = PLAIN if output else _style(ColorMode.never)  # the terminal's width; no colour
    _emit(
        render("diff", output_format.value, report, style),
        output,
        output_format.value in HUMAN_FORMATS,
    )
    if report.exit_code:
        raise typer.Exit(report.exit_code)


def _pad(revisions: list[str]) -> tuple[str | None, str | None]:
    """(base, head) from up to two revisions (None: the default)."""
    padded: list[str | None] = [*revisions, None, None]
    return padded[0], padded[1]


@app.command(
    cls=Command, short_help="List every check with its code, name, severity and documentation."
)
def rules(
    code: Annotated[
        str | None,
        typer.Argument(help="A rule code or name: show its documentation.", metavar="CODE"),
    ] = None,
    output_format: Annotated[
        TextOrJson, typer.Option("--format", "-f", help="Output format.")
    ] = TextOrJson.text,
) -> None:
    """List every check with its code, name, severity and documentation."""
    from .diagnostics import did_you_mean
    from .render import RulesPage, render
    from .rules import RULES, RULES_BY_NAME

    page = RulesPage(list(RULES.values()))
    if code is not None:
        rule = RULES.get(code.upper()) or RULES_BY_NAME.get(code.lower())
        if rule is None:
            from .credibility.engine import FLAG_TEXT  # (only here: rules stays light)

            if code.lower() in FLAG_TEXT:  # a flag of `summary`, which users look up here
                fail(
                    f"'{code}' is a flag of the assessment, not a rule: "
                    f"{FLAG_TEXT[code.lower()]} (docs/credibility.md, section 5)"
                )
            hint = did_you_mean(code, [*RULES, *RULES_BY_NAME])
            wanted = code.upper()
            if wanted.startswith("CL") and len(wanted) == 5:  # a code: one digit off, or none
                near = [
                    c for c in RULES if sum(a != b for a, b in zip(c, wanted, strict=True)) == 1
                ]
                hint = f"did you mean '{near[0]}'?" if len(near) == 1 else None
            fail(f"no rule '{code}'; " + (hint or "'claimlog rules' lists them all"))
        page = RulesPage([rule], one=True)
    # Fitted to a terminal, or to $COLUMNS when it is set; piped, a line per rule.
    _emit(
        render("rules", output_format.value, page, _fitted_style(ColorMode.never)),
        human=output_format.value in HUMAN_FORMATS,
    )


@app.command(cls=Command, short_help="Create a ledger skeleton to fill in.")
def new(
    path: Annotated[
        Path,
        typer.Argument(
            help="The ledger file to create (*.yaml or *.yml); its folder must exist.",
            show_default=False,
            metavar="PATH",
        ),
    ],
    title: Annotated[
        str | None,
        typer.Option(
            "--title", help="The ledger's title [default: from the file name].", metavar="TEXT"
        ),
    ] = None,
) -> None:
    """Create a ledger skeleton: the editor's schema modeline, a title, and every
    entity's keys as commented examples. Never overwrites a file."""
    from .authoring import AnswerError, AuthoringError, new_ledger

    try:
        created = new_ledger(path, title, Path.cwd())
    except (AnswerError, AuthoringError) as err:
        fail(str(err))
    import shlex

    named = shlex.quote(str(created))  # in double quotes where it can: 'in single' quotes
    if named != str(created) and not any(c in str(created) for c in '"$`\\!'):
        named = f'"{created}"'
    sys.stdout.write(
        _shown(
            f"Created {created}. Add entries with 'claimlog add source|claim|evidence "
            f"--file {named}', then run 'claimlog check {named}'."
        )
        + "\n"
    )


class AddKind(StrEnum):
    source = "source"
    claim = "claim"
    evidence = "evidence"


@app.command(cls=Command, short_help="Add a source, claim or evidence item, one prompt per field.")
def add(
    kind: Annotated[
        AddKind,
        typer.Argument(help="What to add.", show_default=False, metavar="source|claim|evidence"),
    ],
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="The ledger file to append to [default: the one ledger file of the "
            "configured paths].",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="A field, without prompting (repeatable): KEY=VALUE; lists as 'a, b' or "
            "'[a, b]'; stance as stance.CLAIM=supports.",
            metavar="KEY=VALUE",
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Add a source, claim or evidence item: one prompt per field with its meaning,
    each answer checked as typed, a preview, then appended to the file in canonical
    layout (its comments and everything else untouched). With --set, no prompts."""
    from .authoring import AnswerError, AuthoringError, ledger_file
    from .files import display_path
    from .prompting import add_entry, fit, terminal_width

    settings = _settings(_assess_overrides(None, None, config, None))
    try:
        target = ledger_file(file, settings, Path.cwd())
    except AuthoringError as err:
        fail(str(err))
    if not set_ and not sys.stdin.isatty():
        fail("stdin is not a terminal; give the fields with --set")
    try:
        added = add_entry(kind.value, target, settings, Path.cwd(), set_ or None)
    except (AnswerError, AuthoringError) as err:
        fail(str(err))
    except (EOFError, KeyboardInterrupt):
        sys.stdout.write("\n")
        fail("stopped; nothing written")
    said = "Nothing written."
    if added is not None:
        said = f"Added {kind.value} '{added}' to {display_path(target, Path.cwd())}."
    width = None if set_ else terminal_width(sys.stdout)  # scripts: one line
    sys.stdout.write(fit(said, width) + "\n")


@app.command(
    cls=Command, short_help="Print the JSON Schema of a ledger file, for editors and validators."
)
def schema() -> None:
    """Print the JSON Schema (draft-07) of a ledger file, for editors and validators."""
    from .render import render
    from .schema import ledger_json_schema

    _emit(render("schema", "json", ledger_json_schema()))


@app.command(cls=Command, short_help="Rewrite ledger files in the canonical layout, comments kept.")
def fmt(
    paths: PathsArg = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; name the files that would change (exit 1)."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Write nothing; print a unified diff of the changes (exit 1)."),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Rewrite ledger files in the canonical layout, keeping every value and comment.

    A file with a YAML-level error (syntax, duplicate keys, aliases, ...) is left as it
    is and its findings are shown (exit 1). See docs/writing.md."""
    from .files import STDIN
    from .settings import Overrides

    settings = _settings(Overrides(_paths(paths), config=_config(config)))
    stdin = STDIN in settings.paths
    results, real = _fmt_read(settings, stdin)
    messages = sys.stderr if diff or stdin else sys.stdout
    _fmt_findings(results, messages)
    changed = _fmt_output(results, real, check, diff, stdin)
    if check and not diff:  # file names: fenced from workflow commands where they hold one
        messages.write(_guarded("".join(f"Would reformat: {_shown(r.path)}\n" for r in changed)))
    messages.write(_fmt_summary(results, changed, check or diff))
    if any(r.after is None for r in results) or (changed and (check or diff)):
        raise typer.Exit(1)


def _fmt_read(settings: Settings, stdin: bool) -> tuple[list[Any], dict[str, Path]]:
    """The files ``fmt`` works on, read and formatted, and the real path of each."""
    from .files import STDIN, STDIN_NAME, read_stream
    from .fmt import format_bytes, format_file
    from .loader import MAX_FILE_BYTES
    from .pipeline import RunError, ledger_files

    if stdin:
        if settings.paths != [STDIN]:
            fail("fmt reads standard input ('-') alone, not with other paths")
        return [format_bytes(read_stream(sys.stdin.buffer, MAX_FILE_BYTES), STDIN_NAME)], {}
    try:
        found = ledger_files(settings, Path.cwd())
    except RunError as err:
        fail(str(err))
    return [format_file(f) for f in found], {f.shown: f.path for f in found}


def _fmt_output(
    results: list[Any], real: dict[str, Path], check: bool, diff: bool, stdin: bool
) -> list[Any]:
    """Write what ``fmt`` changed (or print its diff, or the formatted standard input);
    the files changed, or that would be."""
    from .fmt import unified_diff, write_formatted

    changed = [r for r in results if r.changed]
    if diff:
        diffs = "".join(line for r in changed for line in unified_diff(r.path, r.before, r.after))
        _emit(diffs, human=True)  # its context lines quote the ledger
    elif stdin and not check:
        _emit((results[0].after or results[0].before).decode("utf-8", "surrogateescape"))
    elif not check:
        for r in list(changed):
            why = write_formatted(r, real[r.path], Path.cwd())
            if why is not None:
                r.after, r.problem = None, why
                _to_stderr(f"claimlog: {_shown(why)}\n")
                changed.remove(r)
    return changed


def _fmt_findings(results: list[Any], out: Any) -> None:
    """The findings of the files ``fmt`` left untouched, and why the others were."""
    from .render import CheckPage, render

    findings = [d for r in results for d in r.findings]
    if findings:
        lines = {r.path: r.loaded for r in results if r.loaded is not None}
        page = CheckPage(
            findings, [r.path for r in results], lambda p, n: lines[p].line(n), Path.cwd()
        )
        out.write(_for_people(render("check", "text", page, _style(ColorMode.auto)) + "\n"))
    for r in results:
        if r.problem is not None:
            _to_stderr(f"claimlog: {_shown(f'cannot format {r.path}: {r.problem}')}\n")


def _fmt_summary(results: list[Any], changed: list[Any], dry: bool) -> str:
    """``fmt``'s last line: ``2 files reformatted, 9 files left unchanged``."""
    from .render.common import plural

    untouched = sum(1 for r in results if r.after is None)
    same = len(results) - len(changed) - untouched
    done = "would be reformatted" if dry else "reformatted"
    kept = "already formatted" if dry else "left unchanged"
    parts = [f"{plural(len(changed), 'file')} {done}"] if changed else []
    parts += [f"{plural(same, 'file')} {kept}"] if same else []
    parts += [f"{plural(untouched, 'file')} not formatted (errors)"] if untouched else []
    return ", ".join(parts) + "\n"


def _matrix_run(
    targets: list[str], path: list[str], as_of: str | None, config: Path | None
) -> tuple[Run, list[str]]:
    """``matrix``'s run and the group or claim ids among its arguments. An argument that
    names a file or folder, and no group or claim of the set the command reads without
    it (-p/--path, else the configured paths), is a path: read with the -p/--path ones."""
    from .pipeline import Purpose, Run, RunError

    settings = _settings(_assess_overrides(path or None, as_of, config, None))
    typed = [t for t in targets if os.path.lexists(t)]
    # A review: a misspelt file was taken for an id ("no paths given").
    from .files import LEDGER_SUFFIXES

    looks = [t for t in targets if t not in typed and ("/" in t or t.endswith(LEDGER_SUFFIXES))]
    if not typed and not looks:
        return _start(settings, Purpose.ASSESS), targets
    try:
        base: Run | None = Run.start(settings, Path.cwd(), Purpose.ASSESS)
    except RunError:  # no such set (no ledgers/ here): every one is a path
        base = None
    known = set() if base is None else {*base.ledger_set.claims, *base.ledger_set.groups}
    missing = [t for t in looks if t not in known]
    if missing:
        fail(f"no such file or folder: {missing[0]}")
    paths = [t for t in typed if t not in known]
    if base is not None and not paths:
        return base, targets
    settings = _settings(_assess_overrides([*path, *paths], as_of, config, None))
    return _start(settings, Purpose.ASSESS), [t for t in targets if t not in paths]


def _fitted_style(color: ColorMode) -> Style:
    """A style that fits its text to a terminal, to $COLUMNS when it is set, or to the
    terminal a pipe is read in (``rules | head``; a tour) (``rules`` and ``matrix``);
    written to a file or in CI, the renderer's own width."""
    style = _style(color)
    if style.fitted and not style.terminal:
        from dataclasses import replace

        style = replace(style, terminal=True)
    return style


@app.command(cls=Command, short_help="The ACH matrix of a group: its evidence against its claims.")
def matrix(
    targets: Annotated[
        list[str],
        typer.Argument(
            help="Groups or claims: a claim stands for its group (or itself when lone). "
            "An argument that names no group or claim but a file or folder is a ledger path.",
            show_default=False,
            metavar="GROUP|CLAIM|PATH...",
        ),
    ],
    path: Annotated[
        list[str] | None,
        typer.Option(
            "--path",
            "-p",
            help="A ledger file or folder (repeatable; default: the configured paths, else "
            "ledgers/).",
            metavar="PATH",
        ),
    ] = None,
    as_of: AssessAsOf = None,
    output_format: Annotated[
        MatrixFormat,
        typer.Option("--format", "-f", help="Output format.", metavar="<text|json|csv|markdown>"),
    ] = MatrixFormat.text,
    output: OutputOption = None,
    color: Annotated[ColorMode, typer.Option(help="Colour the table.")] = ColorMode.auto,
    config: ConfigOption = None,
) -> None:
    """The ACH matrix: evidence x competing claims, ratings, weights, diagnosticity and
    Heuer's inconsistency beside claimlog's probability."""
    from .credibility.matrix import SelectionError, build, select
    from .render import PLAIN, MatrixPage, render

    run, ids = _matrix_run(targets, path or [], as_of, config)
    code = _notice(run)
    try:
        chosen = select(run.ledger_set, ids)
    except SelectionError as err:
        fail(str(err))
    page = MatrixPage(build(run.assessed(), run.ledger_set, chosen), run.settings.as_of)
    style = _fitted_style(color) if output is None else PLAIN
    _emit(
        render("matrix", output_format.value, page, style),
        output,
        output_format.value in HUMAN_FORMATS,
    )
    if code:
        raise typer.Exit(code)


@app.command(cls=Command, short_help="The evidence graph: sources, relays, evidence and claims.")
def graph(
    paths: PathsArg = None,
    claim: Annotated[
        list[str] | None,
        typer.Option("--claim", help="Only this claim's evidence (repeatable).", metavar="CLAIM"),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option("--group", help="Only this group's claims (repeatable).", metavar="GROUP"),
    ] = None,
    output_format: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="Output format.")
    ] = GraphFormat.dot,
    output: OutputOption = None,
    as_of: AssessAsOf = None,
    config: ConfigOption = None,
    stdin_filename: StdinFilenameOption = None,
) -> None:
    """The evidence graph: sources -> relays -> evidence -> claims (Graphviz dot,
    Mermaid, or SVG laid out by claimlog). Default: the whole set."""
    from .evidencegraph import build_graph
    from .pipeline import Purpose
    from .render import GraphPage, render

    named = _paths(paths, stdin_filename)
    settings = _settings(_assess_overrides(named, as_of, config, stdin_filename))
    run = _start(settings, Purpose.ASSESS)
    code = _notice(run)
    chosen = _graph_claims(run, claim or [], group or [])
    page = GraphPage(build_graph(run.assessed(), run.ledger_set, chosen))
    _emit(render("graph", output_format.value, page), output)
    if code:
        raise typer.Exit(code)


def _graph_claims(run: Run, claims: list[str], groups: list[str]) -> list[str] | None:
    """The claims ``graph`` shows (None: every claim); exit 2 for an unknown one."""
    ls = run.ledger_set
    if not claims and not groups:
        return None
    chosen: list[str] = []
    for cid in claims:
        if cid not in ls.claims:
            fail(run.no_claim(cid, run.assessments()))
        chosen.append(cid)
    for gid in groups:
        if gid not in ls.groups:
            fail(run.no_group(gid))
        chosen += ls.groups[gid]
    return sorted(set(chosen))


@app.command(cls=Command, short_help="Write a static HTML site of the set, to open in a browser.")
def report(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The folder to write the site into: created when missing; an existing one "
            "must be empty or hold an earlier report (whose stale pages are removed).",
            metavar="DIR",
            show_default=False,
        ),
    ],
    paths: PathsArg = None,
    as_of: AssessAsOf = None,
    config: ConfigOption = None,
    stdin_filename: StdinFilenameOption = None,
) -> None:
    """A static HTML site to open in a browser: the overview, one page per claim, group
    and source, and the evidence graph (no JavaScript framework, nothing loaded from
    anywhere else)."""
    from .pipeline import Purpose, nothing_checked
    from .render.report import ReportPage, site
    from .site import SiteError, write_site

    named = _paths(paths, stdin_filename)
    settings = _settings(_assess_overrides(named, as_of, config, stdin_filename))
    run = _start(settings, Purpose.ASSESS)
    checked = _checked(run)
    code = _notice(checked)
    enabled = checked.enabled or set()
    unchecked = nothing_checked(settings, run.files, enabled, run.cwd, spare_named=False)
    page = ReportPage(
        run.ledger_set, run.assessed(), settings.as_of, checked.findings, unchecked=unchecked
    )
    from .writes import WriteError, confined, output_root

    try:
        confined(output, output_root(output, Path.cwd()))  # (a committed 'public -> /x')
        write_site(output, site(page))
    except (SiteError, WriteError) as err:
        fail(str(err))
    from .files import display_path
    from .render.safe import literal

    where = display_path(output, Path.cwd())
    _to_stderr(literal(f"Wrote the report to {where}/; open {where}/index.html.") + "\n")
    if code:
        raise typer.Exit(code)


def _checked(run: Run) -> Run:
    """A run of ``check`` over ``run``'s ledger set (dates against today, whatever the
    as-of date): the findings the report lists; its errors are ``run``'s. The rules
    that read the assessment read the report's, as of its date (a review: a report as
    of a date listed today's "supported only by interested parties" beside a claim
    page with no item for it then)."""
    from dataclasses import replace

    from .pipeline import Purpose, Run, enabled_rules

    settings = replace(run.settings, as_of=None, strict=False)
    enabled = enabled_rules(settings, Purpose.CHECK)
    checked = Run(settings, run.ledger_set, run.cwd, Purpose.CHECK, run.today, enabled)
    # The same assessment, computed once: the report's also flags fragile verdicts, a
    # flag no check reads (fragile-verdict asks for the removals itself).
    checked._assessed[None] = run.assessed()
    return checked


def main() -> None:
    """Every command but ``--version`` (:mod:`claimlog.entry`): a one-line message
    instead of a traceback on internal errors.

    One run builds a great many small objects that live until it ends and hold no
    reference cycles that matter: the cyclic garbage collector is left off for the run
    (reference counting still frees everything else), which saves it from scanning
    them again and again (a third of the time of a large set)."""
    import gc

    gc.disable()
    if sys.stdout is None:  # 'claimlog check >&-'
        try:
            os.write(2, b"claimlog: standard output is closed\n")
        finally:
            os._exit(2)
    if sys.stderr is None:  # 'claimlog check 2>&-': the report still goes out
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (the run's)
    _encodable_streams()
    _state["argv"] = sys.argv[1:]  # the result cache's key (not set for in-process runs)
    try:
        _app_for(sys.argv[1:])()
    except SystemExit as done:
        _exit_now(done.code)
    except Exception as err:  # an internal error: never a traceback unless --debug
        if _state["debug"] or "--debug" in sys.argv[1:]:
            raise
        _to_stderr(
            _shown(f"claimlog: internal error: {type(err).__name__}: {err} (rerun with --debug)")
            + "\n"
        )
        sys.exit(2)


def _encodable_streams() -> None:
    """Text the locale's encoding cannot hold is no internal error (a review: a pipe on
    Windows is cp1252, and `check --format sarif`, whose rule texts hold a Cyrillic
    letter, or a summary of a Russian source, stopped with UnicodeEncodeError).
    Standard output that is no terminal is written in UTF-8, as every file ``-o``
    writes and as JSON, SARIF and XML expect; a terminal keeps its encoding, and what
    it cannot show is written as an escape (``\\u0445``), as on standard error."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        reconfigure = getattr(stream, "reconfigure", None)
        try:
            if codecs.lookup(encoding).name == "utf-8" or reconfigure is None:
                continue
            if stream is sys.stdout and not stream.isatty():
                reconfigure(encoding="utf-8")
            else:
                reconfigure(errors="backslashreplace")
        except (LookupError, OSError, ValueError):
            continue  # an encoding Python does not know, a stream already closed


def _app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command that ``argv`` names, when it names one: typer
    turns every command's signature into click parameters before it runs any, a
    quarter of the start-up of a small ``check`` (issue 13). The command's help, errors
    and usage line are the same as in the whole app; anything else (``--help``, no
    command, a misspelt one) gets the whole app."""
    start = 0
    while start < len(argv) and argv[start] == "--debug":
        start += 1
    if start == len(argv):
        return app
    from typer.main import get_command_name

    chosen = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or get_command_name(info.callback.__name__)) == argv[start]
    ]
    if len(chosen) != 1:
        return app
    import copy

    trimmed = copy.copy(app)
    trimmed.registered_commands = chosen
    return trimmed


def _exit_now(code: str | int | None) -> NoReturn:
    """End the process once its output is flushed, without freeing every object one by
    one first (a second or more after a large set; the operating system takes the
    memory back at once). Output files are already written: writes are atomic. Under a
    profiler or a coverage tracer the interpreter ends as usual, so they can report."""
    if isinstance(code, str):  # as the interpreter would: the message, then status 1
        sys.stderr.write(code + "\n")
        code = 1
    status = 0 if code is None else code
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):  # reader gone, or closed
            stream.flush()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(status)  # a profiler or coverage still has to write its report
    os._exit(status)
