"""What a command reads: ``exclude`` and ``--config``, a ledger on standard input
(``-``, ``--stdin-filename``), ``diff``'s positional paths, one name for the human
format, and help that names values instead of Python types.

Key behaviour is checked in-process (typer's runner, the ``cli`` fixture) and through
a real ``python -m claimlog`` subprocess (``run``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimlog.cli import app
from claimlog.loader import MAX_FILE_BYTES
from conftest import CLEAN_LEDGER, Run, findings, isolate_git, run, write

Cli = Callable[..., Run]

BROKEN_LEDGER = CLEAN_LEDGER.replace("source: src-a", "source: src-zz")
"""CLEAN_LEDGER with one error: CL201 at 11:13 (and CL406, src-a unused, at 3:9)."""


LONELY = "claims:\n  - id: claim-lonely\n    statement: Nobody looked into this.\n"
"""A claim with no evidence: one warning (CL405) at 6:9."""


def ledger(n: str, text: str = CLEAN_LEDGER) -> str:
    """``text`` with ids of its own (ids are global across a ledger set)."""
    for kind in ("src", "claim", "ev"):
        text = text.replace(f"{kind}-a", f"{kind}-{n}")
    return text


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository with a clean ledger, a broken fixture and an action file."""
    (tmp_path / ".git").mkdir()
    write(tmp_path / "ledgers" / "a.yaml", CLEAN_LEDGER)
    write(tmp_path / "tests" / "fixtures" / "bad.yaml", BROKEN_LEDGER)
    write(tmp_path / "tests" / "fixtures" / "deep" / "worse.yaml", "title: x\nbogus: 1\n")
    write(tmp_path / "action.yml", "name: not a ledger\nruns: {using: composite}\n")
    return tmp_path


EXCLUDING = 'paths = ["."]\nexclude = ["tests/fixtures/**", "action.yml"]\n'


def paths_of(result: Run) -> set[str]:
    return {path for _, path, _, _ in findings(result.json())}


# --- exclude ---------------------------------------------------------------------------


def test_exclude_drops_what_a_search_finds(cli: Cli, project: Path) -> None:
    every = cli(["check", "--format", "json", "."], cwd=project)
    assert paths_of(every) == {
        "action.yml",
        "ledgers/a.yaml",  # CL202 at its ids, which bad.yaml defines again
        "tests/fixtures/bad.yaml",
        "tests/fixtures/deep/worse.yaml",
    }
    write(project / "claimlog.toml", EXCLUDING)
    result = cli(["check", "--format", "json"], cwd=project)
    assert result.code == 0, result
    assert result.json()["files"] == 1
    assert result.json()["diagnostics"] == []


def test_exclude_globs_are_relative_to_the_configuration_file(cli: Cli, project: Path) -> None:
    write(project / "claimlog.toml", EXCLUDING)
    result = cli(["check", "--format", "json", ".."], cwd=project / "ledgers")
    assert result.code == 0, result
    assert result.json()["files"] == 1


def test_a_file_named_on_the_command_line_is_read_even_if_excluded(cli: Cli, project: Path) -> None:
    write(project / "claimlog.toml", EXCLUDING)
    result = cli(["check", "--format", "json", ".", "tests/fixtures/bad.yaml"], cwd=project)
    assert result.code == 1
    assert paths_of(result) == {"ledgers/a.yaml", "tests/fixtures/bad.yaml"}  # both: CL202
    # A folder named that is itself excluded is searched in full.
    result = cli(["check", "--format", "json", "tests/fixtures"], cwd=project)
    assert result.code == 1
    assert paths_of(result) == {"tests/fixtures/bad.yaml", "tests/fixtures/deep/worse.yaml"}


def test_exclude_applies_to_summary_and_show(cli: Cli, project: Path) -> None:
    write(project / "claimlog.toml", EXCLUDING)
    result = cli(["summary", "--format", "json"], cwd=project)
    assert result.code == 0, result
    assert [c["id"] for c in result.json()["claims"]] == ["claim-a"]
    assert cli(["show", "claim-a", "--format", "json"], cwd=project).code == 0


def test_show_config_shows_exclude_and_where_it_came_from(cli: Cli, project: Path) -> None:
    result = cli(["check", "--show-config"], cwd=project)
    assert "exclude               = []  # default" in result.stdout
    write(project / "pyproject.toml", '[tool.claimlog]\nexclude = ["tests/**"]\n')
    result = cli(["check", "--show-config"], cwd=project)
    assert result.code == 0
    assert 'exclude               = ["tests/**"]  # pyproject.toml [tool.claimlog]' in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('exclude = "tests"\n', "'exclude' must be a list of strings"),
        ('exclude = ["/etc/**"]\n', "'exclude' entry '/etc/**' is not a glob relative"),
        ('exclude = [""]\n', "'exclude' entry '' is not a glob relative"),
        ('excludes = ["x"]\n', "unknown key 'excludes'; did you mean 'exclude'?"),
    ],
)
def test_a_bad_exclude_is_a_usage_error(cli: Cli, project: Path, text: str, message: str) -> None:
    write(project / "claimlog.toml", text)
    result = cli(["check"], cwd=project)
    assert result.code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_exclude_in_a_real_process(project: Path) -> None:
    write(project / "claimlog.toml", EXCLUDING)
    done = run(["check", "--format", "concise"], project)
    assert (done.code, done.stdout, done.stderr) == (0, "", "")
    done = run(["check", "--format", "concise", "tests/fixtures/bad.yaml"], project)
    assert done.code == 1
    assert done.stdout.splitlines()[1].startswith("tests/fixtures/bad.yaml:11:13: error[CL201] ")


# --- --config --------------------------------------------------------------------------

STRICT_CONFIG = 'paths = ["../ledgers"]\nstrict = true\nexclude = ["fixtures/**"]\n'


@pytest.mark.parametrize("command", ["check", "summary", "show", "diff"])
def test_every_command_that_reads_configuration_takes_config(command: str) -> None:
    text = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "80"}).stdout
    assert "--config FILE" in text


def test_config_is_used_instead_of_searching(cli: Cli, project: Path) -> None:
    write(project / "claimlog.toml", 'paths = ["tests"]\n')  # would be found; is not used
    write(project / "ci" / "strict.toml", STRICT_CONFIG)
    write(project / "ledgers" / "b.yaml", ledger("b") + "extra: 1\n")
    result = cli(["check", "--config", "ci/strict.toml", "--show-config"], cwd=project)
    assert result.code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# configuration file: ci/strict.toml (--config)"
    assert 'paths                 = ["ledgers"]  # ci/strict.toml (--config)' in lines
    assert "strict                = true  # ci/strict.toml (--config)" in lines
    result = cli(["check", "--config", "ci/strict.toml", "--format", "json"], cwd=project)
    assert result.code == 1
    assert [(c, p) for c, p, _, _ in findings(result.json())] == [("CL102", "ledgers/b.yaml")]
    # Paths and globs are relative to the file named, from any working directory.
    result = cli(
        ["summary", "--config", "../ci/strict.toml", "--format", "json"], cwd=project / "tests"
    )
    assert result.code == 1  # the error in b.yaml
    assert sorted(c["id"] for c in result.json()["claims"]) == ["claim-a", "claim-b"]


def test_a_config_from_outside_the_repository_reads_as_if_at_its_root(
    cli: Cli, tmp_path: Path
) -> None:
    """A CI tour: the recipe of docs/security.md (the base branch's configuration written
    to $RUNNER_TEMP and named with --config, so that a pull request cannot change it)
    failed with exit 2 for `paths = ["ledgers"]` (read as $RUNNER_TEMP/ledgers), and its
    `exclude` matched nothing."""
    repo = tmp_path / "checkout"
    (repo / ".git").mkdir(parents=True)
    write(repo / "ledgers" / "a.yaml", CLEAN_LEDGER)
    write(repo / "ledgers" / "drafts" / "d.yaml", "title: x\nbogus: 1\n")
    trusted = tmp_path / "runner-temp" / "claimlog.toml"
    write(trusted, 'paths = ["ledgers"]\nexclude = ["ledgers/drafts/**"]\n')
    for cwd in (repo, repo / "ledgers"):
        result = cli(["check", "--config", str(trusted), "--format", "json"], cwd=cwd)
        assert result.code == 0, result
        assert result.json()["files"] == 1
    shown = cli(["check", "--config", str(trusted), "--show-config"], cwd=repo / "ledgers")
    assert shown.stdout.splitlines()[0].endswith(
        "(--config), read as if at the repository root (..)"
    ), shown.stdout
    # Outside a git work tree a file stands for no repository: its own folder, as before.
    plain = tmp_path / "plain"
    write(plain / "ledgers" / "a.yaml", CLEAN_LEDGER)
    write(plain / "claimlog.toml", 'paths = ["ledgers"]\n')
    (plain / "sub").mkdir()
    above = cli(["check", "--config", "../claimlog.toml", "--format", "json"], cwd=plain / "sub")
    assert above.code == 0, above
    assert above.json()["files"] == 1
    # Its paths stay inside the repository it is read for.
    write(trusted, 'paths = ["../elsewhere"]\n')
    refused = cli(["check", "--config", str(trusted)], cwd=repo)
    assert refused.code == 2
    assert "'paths' entry '../elsewhere' is outside the repository" in refused.stderr


def test_a_claimlog_toml_beside_a_claimlog_table_is_said(cli: Cli, project: Path) -> None:
    """A CI tour: a pull request that adds `claimlog.toml` with `strict = false` replaced
    the project's `[tool.claimlog]` (strict) without a word."""
    write(project / "pyproject.toml", '[tool.claimlog]\npaths = ["ledgers"]\nstrict = true\n')
    write(project / "claimlog.toml", 'paths = ["ledgers"]\n')
    result = cli(["check", "--format", "json"], cwd=project / "ledgers")
    assert result.code == 0
    assert result.stderr == (
        "claimlog: warning: ../claimlog.toml is read, and the [tool.claimlog] table of "
        "../pyproject.toml beside it is not (merge them into one file)\n"
    )
    write(project / "pyproject.toml", '[project]\nname = "x"\n')  # no table: no warning
    assert cli(["check", "--format", "json"], cwd=project).stderr == ""


def test_config_names_a_pyproject_with_a_claimlog_table(cli: Cli, project: Path) -> None:
    write(project / "sub" / "pyproject.toml", '[tool.claimlog]\nselect = ["CL2"]\n')
    result = cli(["check", "--config", "sub/pyproject.toml", "--show-config"], cwd=project)
    assert 'select                = ["CL2"]  # sub/pyproject.toml [tool.claimlog] (--config)' in (
        result.stdout
    )
    write(project / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    result = cli(["check", "--config", "sub/pyproject.toml"], cwd=project)
    assert result.code == 2
    assert result.stderr == (
        "claimlog: sub/pyproject.toml: no [tool.claimlog] table (named by --config)\n"
    )


@pytest.mark.parametrize(
    ("command", "content", "message"),
    [
        (["check"], None, "claimlog: --config: no file 'nope.toml'\n"),
        (["summary"], "select = [\n", "claimlog: cannot read nope.toml: "),
        (
            ["show", "claim-a"],
            "strict = 1\n",
            "claimlog: nope.toml (--config): 'strict' must be true or false",
        ),
        (["diff"], 'pathz = ["x"]\n', "claimlog: nope.toml (--config): unknown key 'pathz'"),
    ],
)
def test_a_missing_or_malformed_config_is_exit_2_naming_it(
    cli: Cli, project: Path, command: list[str], content: str | None, message: str
) -> None:
    if content is not None:
        write(project / "nope.toml", content)
    result = cli([*command, "--config", "nope.toml"], cwd=project)
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1


def test_config_in_a_real_process(project: Path) -> None:
    write(project / "ci" / "strict.toml", STRICT_CONFIG)
    write(project / "ledgers" / "b.yaml", ledger("b"))
    done = run(["check", "--config", "ci/strict.toml", "--format", "concise"], project)
    assert (done.code, done.stdout) == (0, ""), done  # strict, and no warning
    write(project / "ledgers" / "b.yaml", ledger("b").replace("claims:\n", LONELY))
    done = run(["check", "--config", "ci/strict.toml", "--format", "concise"], project)
    assert done.code == 1  # strict: the warning fails
    assert done.stdout.startswith("ledgers/b.yaml:6:9: warning[CL405] ")
    done = run(["check", "--config", "ci/missing.toml"], project)
    assert (done.code, done.stdout) == (2, "")
    assert done.stderr == "claimlog: --config: no file 'ci/missing.toml'\n"
    write(project / "ci" / "bad.toml", "strict = [")
    done = run(["summary", "--config", "ci/bad.toml"], project)
    assert (done.code, done.stdout) == (2, "")
    assert done.stderr.startswith("claimlog: cannot read ci/bad.toml: ")
    assert "Traceback" not in done.stderr


# --- standard input --------------------------------------------------------------------


def piped(args: list[str], text: str | bytes, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """claimlog in-process with ``text`` on standard input."""
    monkeypatch.chdir(cwd)
    for name in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(app, args, input=text)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def test_dash_reads_a_clean_ledger_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = piped(["check", "--format", "json", "-"], CLEAN_LEDGER, tmp_path, monkeypatch)
    assert result.code == 0, result
    assert result.json()["files"] == 1
    assert result.json()["diagnostics"] == []


def test_findings_name_stdin_with_their_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = piped(["check", "--format", "json", "-"], BROKEN_LEDGER, tmp_path, monkeypatch)
    assert result.code == 1
    assert findings(result.json()) == [("CL406", "<stdin>", 3, 9), ("CL201", "<stdin>", 11, 13)]
    named = piped(
        ["check", "--format", "concise", "--stdin-filename", "ledgers/new.yaml", "-"],
        BROKEN_LEDGER,
        tmp_path,
        monkeypatch,
    )
    assert named.code == 1
    assert named.stdout.splitlines()[1] == (
        "ledgers/new.yaml:11:13: error[CL201] evidence 'ev-a' cites unknown source 'src-zz'"
    )


def test_text_output_shows_the_piped_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = piped(["check", "--color", "never", "-"], BROKEN_LEDGER, tmp_path, monkeypatch)
    assert "<stdin>:11:13: error[CL201]" in result.stdout
    assert "11 |     source: src-zz" in result.stdout


def test_stdin_stands_in_for_the_file_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor's unsaved buffer, checked with the rest of the set: the file on disk
    is not read, the buffer is, under the file's name."""
    write(tmp_path / "ledgers" / "a.yaml", BROKEN_LEDGER)
    write(tmp_path / "ledgers" / "b.yaml", ledger("b"))
    args = ["check", "--format", "json", "ledgers", "-", "--stdin-filename", "./ledgers/a.yaml"]
    result = piped(args, CLEAN_LEDGER, tmp_path, monkeypatch)
    assert result.code == 0, result
    assert result.json()["files"] == 2
    result = piped(args, BROKEN_LEDGER, tmp_path, monkeypatch)
    assert ("CL201", "ledgers/a.yaml", 11, 13) in findings(result.json())


def test_stdin_with_summary_and_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = piped(["summary", "--format", "json", "-"], CLEAN_LEDGER, tmp_path, monkeypatch)
    assert result.code == 0, result
    assert [c["id"] for c in result.json()["claims"]] == ["claim-a"]
    result = piped(
        ["show", "claim-a", "-", "--format", "json"], BROKEN_LEDGER, tmp_path, monkeypatch
    )
    assert result.code == 1  # the error, noticed on stderr
    assert "1 error;" in result.stderr


def test_stdin_over_the_limit_is_cl012_and_read_no_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimlog.files import WorkTree

    class Endless:
        """A stream that never ends: reading it all would never return."""

        def __init__(self) -> None:
            self.given = 0

        def read(self, size: int = -1) -> bytes:
            assert size > 0, "an unbounded read"
            self.given += size
            return b"#" * size

    stream = Endless()
    (loaded,) = WorkTree(tmp_path, stdin=stream).load(["-"])  # type: ignore[arg-type]
    assert stream.given == MAX_FILE_BYTES + 1
    assert [(d.code, d.path, d.line) for d in loaded.diagnostics] == [("CL012", "<stdin>", 1)]


def test_stdin_over_the_limit_in_a_real_process(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    done = subprocess.run(
        [sys.executable, "-m", "claimlog", "check", "--format", "concise", "-"],
        input=b"# " + b"x" * MAX_FILE_BYTES + b"\n",
        cwd=tmp_path,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.decode().startswith("<stdin>:1:1: error[CL012] ")


def test_stdin_in_a_real_process(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}

    def check(text: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "claimlog", "check", "--format", "concise", *args],
            input=text,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    done = check(CLEAN_LEDGER, "-")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    done = check(BROKEN_LEDGER, "--stdin-filename", "mine.yaml", "-")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "mine.yaml:3:9: warning[CL406] source 'src-a' is never used",
        "mine.yaml:11:13: error[CL201] evidence 'ev-a' cites unknown source 'src-zz'",
    ]


def test_stdin_filename_without_dash_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", CLEAN_LEDGER)
    result = cli(["check", "a.yaml", "--stdin-filename", "x.yaml"], cwd=tmp_path)
    assert result.code == 2
    assert result.stderr == (
        "claimlog: --stdin-filename names the ledger read from standard input: "
        "add '-' to the paths\n"
    )


def test_a_file_named_dash_is_read_as_dot_slash_dash(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "-", BROKEN_LEDGER)
    result = cli(["check", "--format", "json", "./-"], cwd=tmp_path)
    assert ("CL201", "-", 11, 13) in findings(result.json())


# --- diff: positional paths ------------------------------------------------------------


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with two ledger folders, committed, then both edited."""
    isolate_git(tmp_path, monkeypatch, fixed_dates=False)
    top = tmp_path / "repo"
    write(top / "ledgers" / "a.yaml", CLEAN_LEDGER)
    write(top / "other" / "b.yaml", ledger("b"))

    def git(*args: str) -> None:
        subprocess.run(
            [
                "git",
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
                *args,
            ],
            cwd=top,
            capture_output=True,
            check=True,
        )

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    for path in (top / "ledgers" / "a.yaml", top / "other" / "b.yaml"):
        path.write_text(
            path.read_text(encoding="utf-8").replace("    source: src-", "    source: src-x"),
            encoding="utf-8",
        )
    return top


def new_paths(result: Run) -> list[str]:
    assert result.code in (0, 1), result
    return sorted({d["path"] for d in result.json()["findings"]["new"]})


def test_diff_takes_paths_as_positional_arguments(cli: Cli, history: Path) -> None:
    everything = ["diff", "HEAD", "--format", "json", "ledgers", "other"]
    assert new_paths(cli(everything, cwd=history)) == ["ledgers/a.yaml", "other/b.yaml"]
    assert new_paths(cli(["diff", "HEAD", "other", "--format", "json"], cwd=history)) == [
        "other/b.yaml"
    ]
    # No revision: a path first means the default base against the working tree.
    assert new_paths(cli(["diff", "other", "--format", "json"], cwd=history)) == ["other/b.yaml"]
    # Two revisions, then a path.
    both = cli(["diff", "HEAD", "HEAD", "other", "--format", "json"], cwd=history)
    assert both.code == 0
    assert both.json()["findings"]["new"] == []


def test_diff_path_option_is_kept_and_combines_with_positional_paths(
    cli: Cli, history: Path
) -> None:
    assert new_paths(cli(["diff", "HEAD", "-p", "other", "--format", "json"], cwd=history)) == [
        "other/b.yaml"
    ]
    result = cli(["diff", "HEAD", "ledgers", "--path", "other", "--format", "json"], cwd=history)
    assert new_paths(result) == ["ledgers/a.yaml", "other/b.yaml"]


def test_diff_does_not_read_stdin(cli: Cli, history: Path) -> None:
    for args in (["HEAD", "-p", "-"], ["HEAD", "-"], ["-"]):
        result = cli(["diff", *args], cwd=history)
        assert result.code == 2
        assert result.stderr == (
            "claimlog: diff compares git revisions: it cannot read a ledger from standard input\n"
        )


def test_diff_positional_paths_in_a_real_process(history: Path) -> None:
    done = run(["diff", "HEAD", "other", "--format", "json"], history)
    assert done.code == 1, done.stderr
    assert {d["path"] for d in json.loads(done.stdout)["findings"]["new"]} == {"other/b.yaml"}


# --- one human format name, and help that names values ---------------------------------


def test_text_is_the_human_format_of_summary_and_table_still_works(cli: Cli) -> None:
    from conftest import LEDGERS

    text = cli(["summary", "--format", "text", "--color", "never", LEDGERS])
    table = cli(["summary", "--format", "table", "--color", "never", LEDGERS])
    default = cli(["summary", "--color", "never", LEDGERS])
    assert text.code == table.code == default.code == 0
    assert text.stdout == table.stdout == default.stdout
    assert "Credibility summary" in text.stdout


COMMANDS = [[], ["check"], ["summary"], ["show"], ["diff"], ["rules"], ["schema"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "claimlog")
def test_help_in_80_columns_names_values_not_python_types(command: list[str]) -> None:
    done = run([*command, "--help"], Path.cwd(), {"COLUMNS": "80"})
    assert done.code == 0
    for bracketed in re.findall(r"<[^<>\s]*>", done.stdout):
        # Only a list of choices (<text|json>) or the default name of stdin.
        assert "|" in bracketed or bracketed == "<stdin>", bracketed
    assert not re.search(r"list\[|<str>|<int>|<float|<path>|<file>", done.stdout, re.IGNORECASE)
    assert all(len(line) <= 80 for line in done.stdout.splitlines()), done.stdout


EVERY_COMMAND = [[]] + [
    [c.name or c.callback.__name__] for c in app.registered_commands if c.callback
]


@pytest.mark.parametrize("width", [40, 60])
@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda c: " ".join(c) or "claimlog")
def test_help_fits_a_narrow_terminal_and_keeps_every_word(command: list[str], width: int) -> None:
    """click lays help out for at least 50 columns, with its options' meanings beside a
    column of up to 30: at 40 the terminal cut every line (a tour). Narrow, each option
    goes on its own line, its meaning under it; not a character is lost or cut."""
    narrow = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": str(width)})
    at_80 = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "80"})
    assert narrow.exit_code == at_80.exit_code == 0
    too_long = [line for line in narrow.stdout.splitlines() if len(line) > width]
    assert not too_long, too_long
    assert "".join(narrow.stdout.split()) == "".join(at_80.stdout.split())
    assert not [line for line in narrow.stdout.splitlines() if line != line.rstrip()]
    if width == 40:  # stacked: the meaning under the option
        assert "\n  -h, --help\n      Show this message and exit.\n" in narrow.stdout


@pytest.mark.parametrize("command", ["check", "summary", "show", "diff", "rules"])
def test_help_shows_text_as_the_default_human_format(command: str) -> None:
    text = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "80"}).stdout
    flat = " ".join(text.split())
    assert re.search(r"\[default: (?:github when GITHUB_ACTIONS=true, else )?text\]", flat)
    assert not re.search(r"\btable\b", flat.split("--sort")[0])  # summary: "Colour the table."


def test_a_path_typed_where_an_id_goes_is_named(cli: Cli, tmp_path: Path) -> None:
    """A tour: `show ledger.yaml` (the claim id forgotten) said only that no paths were
    given. (`matrix CLAIM ledger.yaml` was told the same; a later tour: matrix reads
    such a path, as the other commands do.)"""
    write(tmp_path / "g.yaml", CLEAN_LEDGER)
    done = cli(["show", "g.yaml"], cwd=tmp_path)
    assert done.code == 2
    assert done.stderr == (
        "claimlog: no paths given and no 'ledgers/' directory here; name the ledger files; "
        "'g.yaml' is a path, not an id: name the claim first (show CLAIM PATH...)\n"
    )
    matrix = cli(["matrix", "claim-a", "g.yaml"], cwd=tmp_path)
    assert matrix.code == 0, matrix.stderr
    assert "claim-a" in matrix.stdout
    assert cli(["show", "claim-a"], cwd=tmp_path).stderr == (
        "claimlog: no paths given and no 'ledgers/' directory here; name the ledger files\n"
    )


def test_a_path_typed_as_show_s_claim_is_named_beside_a_ledgers_folder(
    cli: Cli, project: Path
) -> None:
    """A review: with a ledgers/ folder the ledger set loads, and `show ledgers/a.yaml`
    said only that there is no such claim."""
    done = cli(["show", "ledgers/a.yaml"], cwd=project)
    assert done.code == 2
    assert done.stderr == (
        "claimlog: no claim 'ledgers/a.yaml' in the ledger set; 'ledgers/a.yaml' is a path: "
        "name the claim first (show CLAIM PATH...)\n"
    )


def test_output_that_cannot_be_written_is_said_not_an_internal_error(project: Path) -> None:
    """A CI tour: `claimlog check >&-` ended in "internal error: AttributeError" and
    `> /dev/full` in "internal error: OSError"; `-o -` wrote a file named '-'."""
    from conftest import _env

    write(project / "ledgers" / "b.yaml", ledger("b").replace("claims:\n", LONELY))
    command = [sys.executable, "-m", "claimlog", "check", "--no-cache"]

    def closing(fd: int) -> subprocess.CompletedProcess[bytes]:
        """``check`` with the descriptor ``fd`` closed, as `>&-` or `2>&-` leave it."""
        return subprocess.run(
            command,
            cwd=project,
            capture_output=True,
            env=_env(),
            check=False,
            preexec_fn=lambda: os.close(fd),
        )

    closed = closing(1)
    assert (closed.returncode, closed.stderr) == (
        2,
        b"claimlog: standard output is closed\n",
    )
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            done = subprocess.run(
                command, cwd=project, stdout=full, stderr=subprocess.PIPE, env=_env(), check=False
            )
        assert done.returncode == 2
        assert done.stderr.decode().endswith(
            "claimlog: cannot write standard output: No space left on device\n"
        )
    no_stderr = closing(2)
    assert no_stderr.returncode == 0
    assert b"claim-lonely" in no_stderr.stdout  # the report, without its stderr notice
    dash = run(["check", "--no-cache", "--format", "json", "-o", "-"], project)
    assert dash.code == 0  # a warning
    assert json.loads(dash.stdout)["counts"]["warning"] == 1
    assert not (project / "-").exists()
