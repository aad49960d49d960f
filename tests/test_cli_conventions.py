"""Command-line conventions a new user expects: --version, -h, shell completion."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

import claimlog
from claimlog.cli import app


def test_version_prints_the_package_version_and_exits_0() -> None:
    for flag in ("--version", "-V"):
        result = CliRunner().invoke(app, [flag])
        assert result.exit_code == 0
        assert result.stdout == f"claimlog {claimlog.__version__}\n"


def test_version_in_a_real_process_imports_nothing_heavy() -> None:
    """The console entry point answers ``--version`` before typer, rich, pydantic or
    PyYAML is imported (checked in the process itself, after it answered)."""
    code = (
        "import sys\n"
        "from claimlog.entry import main\n"
        "for flag in ('--version', '-V'):\n"
        "    sys.argv = ['claimlog', flag]\n"
        "    main()\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'typer', 'click', 'rich', 'pydantic', 'yaml'})\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"claimlog {claimlog.__version__}\n" * 2


def test_the_command_line_is_imported_with_the_cyclic_collector_off() -> None:
    """Importing typer and claimlog's modules sets off collections that free nothing
    (6 ms of a small file's `check`, issue 13): the entry point turns the collector off
    first (seen when typer's import starts), and the run leaves it off."""
    code = (
        "import gc, sys\n"
        "class Watch:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name in ('typer', 'claimlog.cli'):\n"
        "            sys.stderr.write(f'{name} gc={gc.isenabled()}\\n')\n"
        "        return None\n"
        "sys.meta_path.insert(0, Watch())\n"
        "sys.argv = ['claimlog', 'rules', 'CL101']\n"
        "from claimlog.entry import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == ["claimlog.cli gc=False", "typer gc=False"]
    assert "CL101" in done.stdout


def test_the_console_script_and_python_m_give_the_version() -> None:
    script = Path(sys.executable).with_name("claimlog")
    for argv in ([str(script)], [sys.executable, "-m", "claimlog"]):
        done = subprocess.run([*argv, "--version"], capture_output=True, text=True, timeout=60)
        assert (done.returncode, done.stdout) == (0, f"claimlog {claimlog.__version__}\n")
        other = subprocess.run([*argv, "--version", "rules"], capture_output=True, timeout=60)
        assert other.returncode == 0  # not the fast path: typer's eager --version


def test_dash_h_is_help_everywhere() -> None:
    for args in ([], ["check"], ["summary"], ["show"], ["diff"], ["rules"], ["schema"]):
        short = CliRunner().invoke(app, [*args, "-h"])
        long = CliRunner().invoke(app, [*args, "--help"])
        assert short.exit_code == 0, (args, short.stdout)
        assert short.stdout == long.stdout
        assert "Usage: " in short.stdout


def test_help_names_values_not_python_types_for_options() -> None:
    text = CliRunner().invoke(app, ["check", "-h"]).stdout
    assert "--select RULES" in text
    assert "--as-of DATE" in text
    assert "<list[str]>" not in text


def test_shell_completion_is_offered() -> None:
    text = CliRunner().invoke(app, ["-h"]).stdout
    assert "--install-completion" in text
    assert "--show-completion" in text


def _summary_ids(*args: str) -> list[str]:
    import json

    from conftest import LEDGERS

    result = CliRunner().invoke(app, ["summary", str(LEDGERS), "--format", "json", *args])
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)["claims"]]


def test_summary_filters_by_verdict_and_flag_and_limits() -> None:
    import json

    from conftest import LEDGERS

    every = json.loads(
        CliRunner().invoke(app, ["summary", str(LEDGERS), "--format", "json"]).stdout
    )["claims"]
    supported = [c["id"] for c in every if c["verdict"] == "supported"]
    assert supported
    assert sorted(_summary_ids("--verdict", "supported")) == sorted(supported)
    fragile = [c["id"] for c in every if "fragile" in c["flags"]]
    assert fragile
    assert sorted(_summary_ids("--flag", "fragile")) == sorted(fragile)
    assert _summary_ids("--limit", "2") == [c["id"] for c in every][:2]
    bad = CliRunner().invoke(app, ["summary", str(LEDGERS), "--flag", "nope"])
    assert bad.exit_code == 2
    assert "no flag 'nope'" in bad.stderr


def test_summary_with_no_row_says_why_instead_of_an_empty_table(tmp_path: Path) -> None:
    """A tour: a set of sources only, or filters no claim passes, printed a table frame
    with no row."""
    from conftest import LEDGERS

    (tmp_path / "sources.yaml").write_text((LEDGERS / "sources.yaml").read_text())
    empty = CliRunner().invoke(app, ["summary", str(tmp_path)])
    assert empty.exit_code == 0, empty.stderr
    assert empty.stdout == "Credibility summary\nNo claims in the ledger set.\n"
    args = ["summary", str(LEDGERS), "--verdict", "refuted", "--flag", "has-errors"]
    none = CliRunner().invoke(app, args)
    assert none.exit_code == 0, none.stderr
    assert "No claim matches --verdict refuted and --flag has-errors." in none.stdout
    assert "┌" not in none.stdout
    markdown = CliRunner().invoke(app, [*args, "--format", "markdown", "--as-of", "2024-05-01"])
    assert markdown.stdout == (
        "*As of 2024-05-01.*\n\n*No claim matches --verdict refuted and --flag has-errors.*\n"
    )


def test_sort_by_probability_keeps_a_groups_claims_together() -> None:
    import json

    from conftest import LEDGERS

    rows = json.loads(
        CliRunner()
        .invoke(app, ["summary", str(LEDGERS), "--format", "json", "--sort", "probability"])
        .stdout
    )["claims"]
    groups = [r["group"] for r in rows if r["group"] is not None]
    runs = [g for i, g in enumerate(groups) if i == 0 or groups[i - 1] != g]
    assert len(runs) == len(set(runs)), runs  # each group in one run of rows
    firsts: list[float] = []
    seen: set[str] = set()
    for r in rows:
        key = r["group"] or r["id"]
        if key not in seen:
            seen.add(key)
            firsts.append(r["probability"])
    assert firsts == sorted(firsts, reverse=True)


def test_a_closed_pipe_ends_quietly_with_the_usual_exit_code(tmp_path: Path) -> None:
    claims = "".join(
        f"  - id: claim-{i}\n    statement: Claim number {i} happened.\n" for i in range(3000)
    )
    (tmp_path / "big.yaml").write_text(f"claims:\n{claims}", encoding="utf-8")
    reader = subprocess.Popen(
        [sys.executable, "-m", "claimlog", "summary", "big.yaml", "--format", "json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    assert reader.stderr is not None
    assert reader.stdout.read(100)  # like `| head -c 100`: read a little, then go away
    reader.stdout.close()
    err = reader.stderr.read()
    assert reader.wait(timeout=120) == 0
    assert err == b""


def test_the_app_trimmed_to_one_command_behaves_as_the_whole_app() -> None:
    """``claimlog CMD ...`` builds only CMD's parameters (issue 13): its help, its
    usage errors and its runs are those of the whole app."""
    from typer.main import get_command

    from claimlog.cli import _app_for

    names = sorted(get_command(app).commands)  # what click dispatches on, as typer names it
    assert len(names) >= 10
    for name in names:
        assert sorted(get_command(_app_for([name])).commands) == [name]
        for args in ([name, "--help"], [name, "--no-such-option"], ["--debug", name, "-h"]):
            whole = CliRunner().invoke(app, args)
            alone = CliRunner().invoke(_app_for(args), args)
            assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output), args
    for argv in ([], ["--help"], ["chek"], ["--debug"]):
        assert _app_for(argv) is app
    assert len(app.registered_commands) == len(names)  # the whole app is left whole


def test_a_real_process_runs_the_trimmed_app() -> None:
    script = Path(sys.executable).with_name("claimlog")
    done = subprocess.run(
        [str(script), "check", "--help"], capture_output=True, text=True, timeout=60
    )
    whole = CliRunner().invoke(app, ["check", "--help"])
    assert done.returncode == 0
    assert "Usage: claimlog check [OPTIONS] [PATH...]" in done.stdout
    assert done.stdout.split() == whole.output.split()  # the same help, at any width
    wrong = subprocess.run([str(script), "chek"], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2
    assert "Did you mean 'check'" in wrong.stderr


def test_the_command_list_says_each_command_in_a_whole_sentence() -> None:
    """A tour: `claimlog --help` cut every command's description mid-sentence with
    '...' (click's 45-character cut of the docstring), at every width."""
    from typer.testing import CliRunner

    from claimlog.cli import app

    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    listed = result.stdout.split("Commands:\n", 1)[1].splitlines()
    names = [line.split()[0] for line in listed if line.startswith("  ") and line[2] != " "]
    assert len(names) >= 12
    assert not [line for line in listed if line.rstrip().endswith("...")]
    assert all(len(line) <= 80 for line in listed)
    assert len(listed) == len(names)  # one line each at 80 columns
