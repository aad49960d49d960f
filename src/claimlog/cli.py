"""The command line: thin typer commands that parse options, call, and render.

Exit codes (every command): 0 ran with nothing failing; 1 ran and the ledger
set has failing findings; 2 could not run as asked (bad option, missing path,
internal error: a one-line message, a traceback only with ``--debug``).

Heavy modules (pydantic, rich, the loader) are imported inside the commands
that need them, so that ``claimlog --help`` and ``claimlog rules`` start fast.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from .pipeline import Purpose, Run
    from .render.common import Style
    from .settings import Overrides, Settings

app = typer.Typer(
    name="claimlog",
    help="Check evidence ledgers for consistency and weigh the credibility of claims.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Ledger files or directories (default: the configured paths, else ledgers/).",
        show_default=False,
        metavar="PATH",
    ),
]
AssessAsOf = Annotated[
    str | None,
    typer.Option(
        help="Assess as of this date (YYYY-MM-DD): later and undated items do not count "
        "(the summary says how many undated items it left out).",
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


class SummaryFormat(StrEnum):
    table = "table"
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


def fail(message: str, code: int = 2) -> NoReturn:
    """Stop with a one-line message on standard error."""
    from .render.safe import literal

    sys.stderr.write(f"claimlog: {literal(message)}\n")
    raise typer.Exit(code)


def _style(mode: ColorMode) -> Style:
    from .render.common import Style, columns

    if mode is ColorMode.always:
        color = True
    elif mode is ColorMode.never or os.environ.get("NO_COLOR"):
        color = False
    else:
        color = sys.stdout.isatty()
    return Style(color, columns(color))


def _settings(overrides: Overrides) -> Settings:
    """The configuration file's settings, overridden by the command line."""
    from .settings import SettingsError, load

    try:
        return load(Path.cwd(), overrides)
    except SettingsError as err:
        fail(str(err))


def _start(settings: Settings, purpose: Purpose) -> Run:
    from .pipeline import Run, RunError

    try:
        return Run.start(settings, Path.cwd(), purpose)
    except RunError as err:
        fail(str(err))


def _emit(report: str, output: Path | None = None) -> None:
    """Write a report to standard output, or to ``output``."""
    if output is None:
        try:
            sys.stdout.write(report)
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (`claimlog show ... | head`): say nothing more, and
            # end with the exit code the command would have had.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        return
    try:
        output.write_text(report, encoding="utf-8")
    except OSError as err:
        fail(f"cannot write {output}: {err.strerror or err}")


def _notice(run: Run) -> int:
    """Warn on stderr when the set has errors; the exit code the command ends with."""
    notice = run.errors_notice()
    if notice is not None:
        sys.stderr.write(f"claimlog: {notice}\n")
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


@app.command()
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
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file.", dir_okay=False),
    ] = None,
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
    show_config: Annotated[
        bool, typer.Option("--show-config", help="Print the effective configuration and exit.")
    ] = False,
) -> None:
    """Validate the ledger set and report every finding at its file, line and column."""
    from .pipeline import Purpose
    from .render import PLAIN, CheckPage, ConfigPage, render
    from .settings import Overrides

    settings = _settings(Overrides(_paths(paths), select, ignore, strict, as_of))
    if show_config:
        from .files import relative

        where = relative(settings.file, Path.cwd()) if settings.file else "none (defaults)"
        _emit(render("config", "text", ConfigPage(where, settings.shown(Path.cwd()))))
        return
    run = _start(settings, Purpose.CHECK)
    fmt = output_format or (
        CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text
    )
    page = CheckPage(run.findings, run.files, run.line, Path.cwd())
    _emit(render("check", fmt.value, page, _style(color) if output is None else PLAIN), output)
    if run.exit_code:
        raise typer.Exit(run.exit_code)


def _paths(paths: list[Path] | None) -> list[str] | None:
    return [str(p) for p in paths] if paths else None


@app.command()
def summary(
    paths: PathsArg = None,
    claim: Annotated[
        list[str] | None, typer.Option("--claim", help="Only this claim (repeatable).")
    ] = None,
    group: Annotated[str | None, typer.Option(help="Only the claims of this group.")] = None,
    as_of: AssessAsOf = None,
    output_format: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SummaryFormat.table,
    sort: Annotated[
        SortKey, typer.Option(help="Order of the rows (a group's claims stay together).")
    ] = SortKey.group,
    verdict: Annotated[
        list[Verdict] | None,
        typer.Option("--verdict", help="Only claims with this verdict (repeatable)."),
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
) -> None:
    """The credibility summary: one row per claim, grouped by competing hypotheses."""
    from .pipeline import Purpose, RunError
    from .render import SummaryPage, render
    from .settings import Overrides, words

    settings = _settings(Overrides(_paths(paths), as_of=as_of))
    run = _start(settings, Purpose.ASSESS)
    code = _notice(run)
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
    page = SummaryPage(rows, settings.as_of, groups, undated)
    _emit(render("summary", output_format.value, page, _style(color)))
    if code:
        raise typer.Exit(code)


@app.command()
def show(
    claim_id: Annotated[str, typer.Argument(help="The claim to show.", show_default=False)],
    paths: PathsArg = None,
    as_of: AssessAsOf = None,
    output_format: Annotated[
        TextOrJson, typer.Option("--format", "-f", help="Output format.")
    ] = TextOrJson.text,
    color: Annotated[ColorMode, typer.Option(help="Colour the output.")] = ColorMode.auto,
) -> None:
    """One claim in depth: evidence by stance, provenance chains, contributions, flags."""
    from .pipeline import Purpose, RunError
    from .render import ShowPage, render
    from .settings import Overrides

    settings = _settings(Overrides(_paths(paths), as_of=as_of))
    run = _start(settings, Purpose.ASSESS)
    code = _notice(run)
    try:
        claim, rivals = run.claim(claim_id)
    except RunError as err:
        fail(str(err))
    page = ShowPage(run.ledger_set, claim, rivals, settings.as_of, run.assessed())
    _emit(render("show", output_format.value, page, _style(color)))
    if code:
        raise typer.Exit(code)


@app.command()
def diff(
    base: Annotated[
        str | None,
        typer.Argument(
            help="Revision to compare from [default: merge-base with the default branch].",
            show_default=False,
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            help="Revision to compare to [default: the working tree].", show_default=False
        ),
    ] = None,
    path: Annotated[
        list[str] | None,
        typer.Option(
            "--path",
            "-p",
            help="Ledger file or folder (repeatable; default: configured paths, else ledgers/).",
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiffFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file.", dir_okay=False),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option(help="Smallest probability move to report (0..1).", min=0.0, max=1.0),
    ] = 0.01,
    as_of: AssessAsOf = None,
) -> None:
    """What changed in the assessments between two git revisions, and in the findings.

    Exits 1 when the change brings new error findings, so that CI can gate on it."""
    from .diff import GitError
    from .diff import diff as compare
    from .files import PathError
    from .pipeline import RunError
    from .render import render
    from .settings import Overrides

    settings = _settings(Overrides(list(path) if path else None, as_of=as_of))
    try:
        report = compare(
            Path.cwd(), base, head, settings.paths, settings.as_of, threshold, settings
        )
    except (GitError, PathError, RunError) as err:
        fail(str(err))
    _emit(render("diff", output_format.value, report), output)
    if report.exit_code:
        raise typer.Exit(report.exit_code)


@app.command()
def rules(
    code: Annotated[
        str | None, typer.Argument(help="A rule code or name: show its documentation.")
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
        rule = RULES.get(code.upper()) or RULES_BY_NAME.get(code)
        if rule is None:
            hint = did_you_mean(code, [*RULES, *RULES_BY_NAME])
            fail(f"no rule '{code}'" + (f"; {hint}" if hint else ""))
        page = RulesPage([rule], one=True)
    _emit(render("rules", output_format.value, page))


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft-07) of a ledger file, for editors and validators."""
    from .render import render
    from .schema import ledger_json_schema

    _emit(render("schema", "json", ledger_json_schema()))


def main() -> None:
    """Console entry point: a one-line message instead of a traceback on internal errors.

    One run builds a great many small objects that live until it ends and hold no
    reference cycles that matter: the cyclic garbage collector is left off for the run
    (reference counting still frees everything else), which saves it from scanning
    them again and again (a third of the time of a large set)."""
    import gc

    gc.disable()
    try:
        app()
    except SystemExit as done:
        _exit_now(done.code)
    except Exception as err:  # an internal error: never a traceback unless --debug
        if _state["debug"] or "--debug" in sys.argv[1:]:
            raise
        sys.stderr.write(
            f"claimlog: internal error: {type(err).__name__}: {err} (rerun with --debug)\n"
        )
        sys.exit(2)


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
