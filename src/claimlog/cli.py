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
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from .config import Config
    from .diagnostics import Diagnostic
    from .ledgerset import LedgerSet
    from .render.text import Line

app = typer.Typer(
    name="claimlog",
    help="Check evidence ledgers for consistency and weigh the credibility of claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Ledger files or directories (default: ledgers/).", show_default=False),
]
AssessAsOf = Annotated[
    str | None,
    typer.Option(help="Assess as of this date (YYYY-MM-DD): later or undated items do not count."),
]

DEFAULT_PATH = "ledgers"


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


def _use_color(mode: ColorMode) -> bool:
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _write_lines(lines: list[Line], color: bool) -> None:
    """Write styled lines: plain text, or through rich on a colour terminal."""
    from .render.text import plain

    if not color:
        sys.stdout.write(plain(lines))
        return
    from rich.text import Text

    console = _console(color=True, soft_wrap=True)
    for line in lines:
        text = Text()
        for chunk, style in line:
            text.append(chunk, style=style or None)
        console.print(text)


def _width(color: bool) -> int:
    """Columns for text output: $COLUMNS, else the terminal's, else 120 (stable when piped)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if color and sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((120, 24)).columns
    return 120


def _console(color: bool, soft_wrap: bool = False) -> Console:
    """A rich console on standard output that never interprets markup or emoji in
    text; coloured (even through a pipe) when ``color``, plain otherwise. Width:
    $COLUMNS, else the terminal's, else 120 so that piped output is stable."""
    from rich.console import Console

    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else None
    if width is None and not (color and sys.stdout.isatty()):
        width = 120
    return Console(
        highlight=False,
        markup=False,
        emoji=False,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        soft_wrap=soft_wrap,
    )


def _print_rich(parts: list[Any], color: bool) -> None:
    """Render rich renderables to standard output; plain text unless ``color``."""
    console = _console(color)
    for part in parts:
        console.print(part)


def _errors_notice(ledger_set: LedgerSet) -> int:
    """Warn on stderr when the set has errors; the exit code the command should end with.

    Dates are checked against today, not the as-of date: an assessment as of a past
    date leaves later items out by design, they are not mistakes in the ledger."""
    from .checks import CheckOptions, run_checks
    from .diagnostics import RULES, Severity

    errors_only = [code for code, rule in RULES.items() if rule.severity is Severity.ERROR]
    findings = run_checks(ledger_set, CheckOptions(today=date.today()), errors_only)
    errors = sum(1 for d in findings if d.severity is Severity.ERROR)
    if errors:
        sys.stderr.write(
            f"claimlog: the ledger set has {errors} error(s); this covers only its valid "
            "part (run 'claimlog check' for the findings)\n"
        )
        return 1
    return 0


def _words(values: list[str] | None) -> list[str]:
    """Split repeatable, comma-separated option values into words."""
    return [w.strip() for v in values or [] for w in v.split(",") if w.strip()]


def _load(config: Config) -> LedgerSet:
    from .ledgerset import PathError, load_set

    targets = config.paths
    if config.origin["paths"] == "default" and not Path(DEFAULT_PATH).exists():
        fail(f"no paths given and no '{DEFAULT_PATH}/' directory here; name the ledger files")
    try:
        ledger_set = load_set(targets)
    except PathError as err:
        fail(str(err))
    if not ledger_set.files:
        fail(f"no ledger files (*.yaml, *.yml) under: {', '.join(targets)}")
    return ledger_set


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback on internal errors.")
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
    select: Annotated[
        list[str] | None,
        typer.Option(help="Only these rules: codes, code prefixes or names (comma-separated)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(help="Skip these rules: codes, code prefixes or names (comma-separated)."),
    ] = None,
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict", help="Warnings fail too (exit 1).", show_default=False
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(help="Assess as of this date (YYYY-MM-DD): later-dated items are findings."),
    ] = None,
    color: Annotated[ColorMode, typer.Option(help="Colour the text output.")] = ColorMode.auto,
    show_config: Annotated[
        bool, typer.Option("--show-config", help="Print the effective configuration and exit.")
    ] = False,
) -> None:
    """Validate the ledger set and report every finding at its file, line and column."""
    from .checks import CheckOptions, run_checks
    from .diagnostics import Severity, select_rules

    config = _configure(paths, select, ignore, strict, as_of)
    if show_config:
        from .config import relative

        where = relative(config.file, Path.cwd()) if config.file else "none (defaults)"
        rows = config.shown(Path.cwd())
        width = max(len(key) for key, _, _ in rows)
        text = f"# configuration file: {where}\n" + "".join(
            f"{key:<{width}} = {value}  # {origin}\n" for key, value, origin in rows
        )
        from .render.safe import literal

        sys.stdout.write(literal(text, keep_breaks=True))
        return
    enabled, unknown = select_rules(config.select, config.ignore)
    if unknown:
        fail(f"unknown rule selector(s): {', '.join(unknown)} (see 'claimlog rules')")
    ledger_set = _load(config)
    options = CheckOptions(today=date.today(), as_of=config.as_of)
    diagnostics = run_checks(ledger_set, options, enabled)
    if config.per_file_ignores:
        from .config import per_file_ignored

        diagnostics = per_file_ignored(diagnostics, config, Path.cwd())
    fmt = output_format or (
        CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text
    )
    files = sorted(f.path for f in ledger_set.files)
    report: str | None = None
    if fmt is CheckFormat.json:
        from .render.json import render_check

        report = render_check(diagnostics, len(files))
    elif fmt is CheckFormat.concise:
        from .render.text import concise

        report = concise(diagnostics)
    elif fmt is CheckFormat.github:
        from .render.github import render as github

        report = github(_in_repository(diagnostics, Path.cwd()))
    elif fmt is CheckFormat.sarif:
        from .render.json import dumps
        from .render.sarif import render as sarif

        report = dumps(sarif(_in_repository(diagnostics, Path.cwd())))
    elif fmt is CheckFormat.junit:
        from .render.junit import render as junit

        report = junit(diagnostics, files)
    else:
        from .render.text import plain
        from .render.text import render_check as render_text

        def line_of(path: str, number: int) -> str:
            loaded = ledger_set.loaded.get(path)
            return loaded.line(number) if loaded is not None else ""

        lines = render_text(diagnostics, len(files), line_of)
        if output is None:
            _write_lines(lines, _use_color(color))
        else:
            report = plain(lines)
    if report is not None:
        _emit(report, output)
    failing = {Severity.ERROR, Severity.WARNING} if config.strict else {Severity.ERROR}
    if any(d.severity in failing for d in diagnostics):
        raise typer.Exit(1)


def _emit(report: str, output: Path | None) -> None:
    """Write a report to standard output, or to ``output``."""
    if output is None:
        sys.stdout.write(report)
        return
    try:
        output.write_text(report, encoding="utf-8")
    except OSError as err:
        fail(f"cannot write {output}: {err.strerror or err}")


def _in_repository(diagnostics: list[Diagnostic], cwd: Path) -> list[Diagnostic]:
    """The findings with paths relative to the git work tree's root (GitHub annotations
    and SARIF want repository paths, wherever claimlog runs); unchanged outside one."""
    from dataclasses import replace

    here = cwd.resolve()
    root = next((f for f in (here, *here.parents) if (f / ".git").exists()), None)
    if root is None:
        return diagnostics
    out = []
    for d in diagnostics:
        try:
            path = (here / d.path).resolve().relative_to(root).as_posix()
        except ValueError:
            path = d.path
        out.append(replace(d, path=path))
    return out


def _configure(
    paths: list[Path] | None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    strict: bool | None = None,
    as_of: str | None = None,
) -> Config:
    """The configuration file's settings, overridden by the command line."""
    from .config import ConfigError, load

    try:
        config = load(Path.cwd())
    except ConfigError as err:
        fail(str(err))
    if paths:
        config.set("paths", [str(p) for p in paths], "command line")
    if select:
        config.set("select", _words(select), "command line (--select)")
    if ignore:
        config.set("ignore", _words(ignore), "command line (--ignore)")
    if strict is not None:
        config.set("strict", strict, "command line")
    if as_of is not None:
        config.set("as-of", _parse_as_of(as_of), "command line (--as-of)")
    return config


def _parse_as_of(value: str | None) -> date | None:
    if value is None:
        return None
    from .model import strict_date

    day = strict_date(value)
    if day is None:
        fail(f"--as-of takes a date as YYYY-MM-DD, not '{value}'")
    return day


_VERDICT_RANK = {"supported": 0, "disputed": 1, "unverified": 2, "refuted": 3}


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
    sort: Annotated[SortKey, typer.Option(help="Order of the rows.")] = SortKey.group,
    color: Annotated[ColorMode, typer.Option(help="Colour the table.")] = ColorMode.auto,
) -> None:
    """The credibility summary: one row per claim, grouped by competing hypotheses."""
    config = _configure(paths, as_of=as_of)
    cutoff = config.as_of
    ledger_set = _load(config)
    code = _errors_notice(ledger_set)
    assessed = ledger_set.assessments(cutoff)
    wanted = _words(claim)
    unknown = [c for c in wanted if c not in assessed]
    if unknown:
        fail(f"no claim {', '.join(repr(c) for c in unknown)} in the ledger set")
    if group is not None and group not in ledger_set.groups:
        fail(f"no group '{group}' in the ledger set")
    rows = [
        a
        for a in assessed.values()
        if (not wanted or a.id in wanted) and (group is None or a.group == group)
    ]
    if sort is SortKey.group:
        rows.sort(key=lambda a: (a.group is None, a.group or "", a.id))
    elif sort is SortKey.probability:
        rows.sort(key=lambda a: (-a.probability, a.id))
    elif sort is SortKey.verdict:
        rows.sort(key=lambda a: (_VERDICT_RANK[a.verdict], -a.probability, a.id))
    else:
        rows.sort(key=lambda a: a.id)
    from .render import assessment as view

    if output_format is SummaryFormat.json:
        from .render.json import dumps

        sys.stdout.write(dumps(view.summary_json(rows, cutoff)))
    elif output_format is SummaryFormat.csv:
        sys.stdout.write(view.summary_csv(rows))
    elif output_format is SummaryFormat.markdown:
        sys.stdout.write(view.summary_markdown(rows))
    else:
        use_color = _use_color(color)
        _write_lines(view.summary_lines(rows, cutoff, _width(use_color)), use_color)
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
    config = _configure(paths, as_of=as_of)
    cutoff = config.as_of
    ledger_set = _load(config)
    code = _errors_notice(ledger_set)
    assessed = ledger_set.assessments(cutoff)
    if claim_id not in assessed:
        from .model import did_you_mean

        hint = did_you_mean(claim_id, sorted(assessed))
        fail(f"no claim '{claim_id}' in the ledger set" + (f"; {hint}" if hint else ""))
    a = assessed[claim_id]
    rivals = (
        [assessed[c] for c in ledger_set.groups.get(a.group or "", []) if c != claim_id]
        if a.group
        else []
    )
    from .render import assessment as view

    if output_format is TextOrJson.json:
        from .render.json import dumps

        sys.stdout.write(dumps(view.show_json(ledger_set, a, rivals, cutoff)))
    else:
        _print_rich(view.show_tree(ledger_set, a, rivals, cutoff), _use_color(color))
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
    from .diagnostics import Severity
    from .diff import GitError
    from .diff import diff as compare
    from .ledgerset import PathError
    from .render import diff as view

    config = _configure([Path(p) for p in path] if path else None, as_of=as_of)
    paths = [str(p) for p in path] if path else config.paths
    try:
        report = compare(Path.cwd(), base, head, paths, config.as_of, threshold)
    except (GitError, PathError) as err:
        fail(str(err))
    if output_format is DiffFormat.json:
        from .render.json import dumps

        _emit(dumps(view.diff_json(report)), output)
    elif output_format is DiffFormat.markdown:
        _emit(view.diff_markdown(report), output)
    else:
        _emit(view.diff_text(report), output)
    if any(d.severity is Severity.ERROR for d in report.new_findings):
        raise typer.Exit(1)


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
    from .diagnostics import RULES, RULES_BY_NAME
    from .render.rules import rule_dict, rule_text, rules_table

    if code is None:
        chosen = list(RULES.values())
    else:
        rule = RULES.get(code.upper()) or RULES_BY_NAME.get(code)
        if rule is None:
            import difflib

            near = difflib.get_close_matches(code, [*RULES, *RULES_BY_NAME], n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            fail(f"no rule '{code}'{hint}")
        chosen = [rule]
    if output_format is TextOrJson.json:
        from .render.json import dumps

        sys.stdout.write(dumps({"version": 1, "rules": [rule_dict(r) for r in chosen]}))
    elif code is None:
        sys.stdout.write(rules_table(chosen))
    else:
        sys.stdout.write(rule_text(chosen[0]))


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft-07) of a ledger file, for editors and validators."""
    from .render.json import dumps
    from .schema import ledger_json_schema

    sys.stdout.write(dumps(ledger_json_schema()))


def main() -> None:
    """Console entry point: a one-line message instead of a traceback on internal errors."""
    try:
        app()
    except Exception as err:  # an internal error: never a traceback unless --debug
        if _state["debug"] or "--debug" in sys.argv[1:]:
            raise
        sys.stderr.write(
            f"claimlog: internal error: {type(err).__name__}: {err} (rerun with --debug)\n"
        )
        sys.exit(2)
