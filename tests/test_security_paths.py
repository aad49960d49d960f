"""Paths from strangers: a pull request can neither leak a secret, hang CI nor hide a
file through what it puts on disk (issue 8, "Paths" and "Configuration errors").

Git stores symbolic links, and a configuration file comes with the pull request, so
every attack here is a tree a contributor can commit (or, for a FIFO, one a hostile
checkout can hold). Each test builds its hostile input in ``tmp_path``, runs claimlog
as a real subprocess with a time limit (a hang fails the test instead of stalling the
suite), and asserts the finding, that the target was never read, and that a secret
put in the environment of the run appears in no output format.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimlog import files, loader
from claimlog.cli import app
from claimlog.loader import FileTooLarge, NotRegularFile, read_regular
from conftest import CLEAN_LEDGER, write

SECRET = f"claimlog-test-secret-{uuid.uuid4().hex}"
"""Put in the environment of every run (so in /proc/self/environ) and in every
hostile target file: it must never appear in any output."""

TIMEOUT = 30
FORMATS = ["text", "concise", "json", "github", "sarif", "junit"]

# A ledger citing an unknown source: every format then has a finding with an excerpt
# of a line of the file, which is where a leaked target would be printed.
CITING = CLEAN_LEDGER.replace("    source: src-a\n", "    source: src-zz\n")


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "PYTHONHASHSEED")
    }
    env.update({"PYTHONIOENCODING": "utf-8", "CI_TOKEN": SECRET, **(extra or {})})
    return env


def claimlog(
    args: list[str], cwd: Path, *, drop_root: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``python -m claimlog ARGS`` in ``cwd`` with the secret in its environment, its
    standard input a pipe nobody writes to, within :data:`TIMEOUT` seconds. With
    ``drop_root``, a run as root loses the capabilities that let root read any folder
    (so that a folder without permissions is unreadable to it as to anyone else)."""
    return subprocess.run(
        [sys.executable, "-m", "claimlog", *args],
        cwd=cwd,
        env=_env(env),
        stdin=subprocess.PIPE,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
        preexec_fn=_drop_root_powers if drop_root and os.geteuid() == 0 else None,
    )


_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2


def _drop_root_powers() -> None:
    """In the child before exec: drop the capabilities that bypass file permissions
    from the bounding set, so the program run has none of them (Linux)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def every_output(args: list[str], cwd: Path, **kw: object) -> dict[str, str]:
    """The output of ``check ARGS`` in every format, and written with ``-o``, each
    asserted to have ended as a run with findings (exit 1), without a traceback."""
    outputs = {}
    for fmt in FORMATS:
        proc = claimlog(["check", "--format", fmt, *args], cwd, **kw)  # type: ignore[arg-type]
        stdout = proc.stdout.decode("utf-8")  # strict: every byte must be UTF-8
        stderr = proc.stderr.decode("utf-8")
        assert proc.returncode == 1, (fmt, stdout, stderr)
        assert "Traceback" not in stderr, stderr
        assert "internal error" not in stderr, stderr
        outputs[fmt] = stdout + stderr
    report = cwd / "report.out"
    proc = claimlog(["check", "-o", str(report), *args], cwd, **kw)  # type: ignore[arg-type]
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == b""
    outputs["-o"] = report.read_bytes().decode("utf-8") + proc.stderr.decode("utf-8")
    report.unlink()
    ET.fromstring(outputs["junit"])  # well-formed XML
    json.loads(outputs["sarif"])
    return outputs


def assert_no_secret(outputs: dict[str, str]) -> None:
    for fmt, text in outputs.items():
        assert SECRET not in text, f"the secret leaked into the {fmt} output"


def findings(outputs: dict[str, str]) -> list[tuple[str, str]]:
    """(code, path) of every finding in the JSON output."""
    return [(d["code"], d["path"]) for d in json.loads(outputs["json"])["diagnostics"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository (with ``.git``) holding one clean ledger under ``ledgers/``, with a
    secret next to it, outside the repository, the way ``~/.netrc`` is."""
    root = tmp_path / "home" / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "ledgers" / "a.yaml", CLEAN_LEDGER)
    write(tmp_path / "home" / ".netrc", f"machine github.com login x password {SECRET}\n")
    return root


# --- symbolic links out of the repository ---------------------------------------------


def test_link_to_proc_self_environ_is_a_finding_never_read(repo: Path) -> None:
    (repo / "ledgers" / "environ.yaml").symlink_to("/proc/self/environ")
    outputs = every_output([], repo)  # the default: ledgers/
    outputs.update(every_output(["ledgers"], repo))
    assert_no_secret(outputs)
    assert findings(outputs) == [("CL016", "ledgers/environ.yaml")]
    message = json.loads(outputs["json"])["diagnostics"][0]["message"]
    assert message == "symbolic link to '/proc/self/environ', outside the repository; not read"


def test_link_to_a_netrc_above_the_repository_is_a_finding(repo: Path) -> None:
    (repo / "ledgers" / "netrc.yaml").symlink_to("../../.netrc")
    # Searched, and named explicitly (a shell glob 'ledgers/*.yaml' in a workflow names it).
    for args in (["ledgers"], ["ledgers/netrc.yaml", "ledgers/a.yaml"]):
        outputs = every_output(args, repo)
        assert_no_secret(outputs)
        assert findings(outputs) == [("CL016", "ledgers/netrc.yaml")]


def test_link_into_the_git_folder_is_a_finding_never_read(repo: Path) -> None:
    """actions/checkout keeps the job's token in .git/config: a link to it is inside
    the repository, but no search reads a hidden file, and no link may lead to one."""
    write(repo / ".git" / "config", f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n")
    write(repo / ".env.yaml", f"token: {SECRET}\n")
    (repo / "ledgers" / "config.yaml").symlink_to("../.git/config")
    (repo / "ledgers" / "env.yaml").symlink_to("../.env.yaml")
    for args in (["ledgers"], ["ledgers/config.yaml", "ledgers/env.yaml", "ledgers/a.yaml"]):
        outputs = every_output(args, repo)
        assert_no_secret(outputs)
        assert findings(outputs) == [
            ("CL016", "ledgers/config.yaml"),
            ("CL016", "ledgers/env.yaml"),
        ]
    messages = [d["message"] for d in json.loads(outputs["json"])["diagnostics"]]
    assert messages == [
        "symbolic link to '../.git/config', a hidden file or folder; not read",
        "symbolic link to '../.env.yaml', a hidden file or folder; not read",
    ]


def test_link_through_a_linked_folder_is_a_finding(repo: Path) -> None:
    """A link to a folder outside, and a file named through it: neither is read."""
    (repo / "ledgers" / "home").symlink_to(repo.parent)
    outputs = every_output(["ledgers/home/.netrc", "ledgers"], repo)
    assert_no_secret(outputs)
    assert findings(outputs) == [("CL016", "ledgers/home/.netrc")]


def test_linked_ledger_folder_pointing_outside_is_a_finding(repo: Path) -> None:
    """The ledger folder itself replaced by a link to a folder outside the repository."""
    outside = repo.parent / "elsewhere"
    write(outside / "x.yaml", f"title: {SECRET}\n")
    (repo / "more").symlink_to(outside)
    outputs = every_output(["more", "ledgers"], repo)
    assert_no_secret(outputs)
    assert findings(outputs) == [("CL016", "more")]


def test_link_to_a_regular_file_inside_the_repository_is_read(repo: Path) -> None:
    """The control: a link that stays inside is followed, shown under its own name."""
    write(repo / "shared" / "b.yaml", CITING.replace("src-a", "src-b").replace("-a", "-b"))
    (repo / "ledgers" / "b.yaml").symlink_to("../shared/b.yaml")
    proc = claimlog(["check", "--format", "json", "ledgers"], repo)
    report = json.loads(proc.stdout)
    assert report["files"] == 2
    assert [(d["code"], d["path"]) for d in report["diagnostics"]] == [
        ("CL406", "ledgers/b.yaml"),
        ("CL201", "ledgers/b.yaml"),
    ]


def test_outside_the_repository_the_folder_named_is_the_boundary(tmp_path: Path) -> None:
    """Run on a folder named outside the working directory: links may not leave it."""
    write(tmp_path / "data" / "ledgers" / "a.yaml", CLEAN_LEDGER)
    write(tmp_path / "data" / "secret.yaml", f"token: {SECRET}\n")
    (tmp_path / "data" / "ledgers" / "s.yaml").symlink_to("../secret.yaml")
    (tmp_path / "work").mkdir()
    outputs = every_output([str(tmp_path / "data" / "ledgers")], tmp_path / "work")
    assert_no_secret(outputs)
    shown = (tmp_path / "data" / "ledgers" / "s.yaml").as_posix()
    assert findings(outputs) == [("CL016", shown)]


# --- things that are not files: FIFO, device, loop, folder -----------------------------


def test_fifo_named_like_a_ledger_does_not_hang(repo: Path) -> None:
    os.mkfifo(repo / "ledgers" / "pipe.yaml")
    (repo / "ledgers" / "to-pipe.yaml").symlink_to("pipe.yaml")
    # Searched, and named explicitly (a FIFO named on the command line is not opened).
    outputs = every_output(["ledgers"], repo)
    assert findings(outputs) == [
        ("CL016", "ledgers/pipe.yaml"),
        ("CL016", "ledgers/to-pipe.yaml"),
    ]
    report = json.loads(outputs["json"])["diagnostics"]
    assert report[0]["message"] == "a FIFO (named pipe), not a regular file; not read"
    assert report[1]["message"] == (
        "symbolic link to a FIFO (named pipe), not a regular file; not read"
    )
    outputs = every_output(["ledgers/pipe.yaml"], repo)
    assert findings(outputs) == [("CL016", "ledgers/pipe.yaml")]


def test_link_to_dev_stdin_is_never_read(repo: Path) -> None:
    (repo / "ledgers" / "stdin.yaml").symlink_to("/dev/stdin")
    outputs = every_output(["ledgers"], repo)  # standard input: a pipe nobody writes to
    assert findings(outputs) == [("CL016", "ledgers/stdin.yaml")]


def test_devices_are_never_opened(repo: Path) -> None:
    """A link to a device is outside the repository; a device named on the command line
    (outside the repository, so its folder is the boundary) is not a regular file."""
    (repo / "ledgers" / "zero.yaml").symlink_to("/dev/zero")
    outputs = every_output(["ledgers", "/dev/null"], repo)
    assert findings(outputs) == [("CL016", "/dev/null"), ("CL016", "ledgers/zero.yaml")]
    messages = [d["message"] for d in json.loads(outputs["json"])["diagnostics"]]
    assert messages[0] == "a character device, not a regular file; not read"


def test_self_referencing_link_is_a_finding_not_an_internal_error(repo: Path) -> None:
    (repo / "ledgers" / "loop.yaml").symlink_to("loop.yaml")
    (repo / "ledgers" / "ping.yaml").symlink_to("pong.yaml")
    (repo / "ledgers" / "pong.yaml").symlink_to("ping.yaml")
    for args in (["ledgers"], ["ledgers/loop.yaml", "ledgers/a.yaml"]):
        outputs = every_output(args, repo)
        got = findings(outputs)
        assert ("CL013", "ledgers/loop.yaml") in got
        assert all(code == "CL013" for code, _ in got)
    message = json.loads(every_output(["ledgers/loop.yaml"], repo)["json"])["diagnostics"][0]
    assert message["message"] == "symbolic link to 'loop.yaml' loops; not read"


def test_link_to_a_folder_named_like_a_ledger_is_a_finding(repo: Path) -> None:
    (repo / "inner").mkdir()
    write(repo / "inner" / "c.yaml", CLEAN_LEDGER.replace("-a", "-c"))
    (repo / "ledgers" / "folder.yaml").symlink_to("../inner")
    outputs = every_output(["ledgers"], repo)
    assert findings(outputs) == [("CL016", "ledgers/folder.yaml")]
    assert json.loads(outputs["json"])["files"] == 2  # inner/c.yaml is not read through it


# --- unreadable folders and files -------------------------------------------------------


def test_unreadable_folder_is_an_error_never_skipped(repo: Path) -> None:
    """A folder that cannot be listed (as root too: the run drops root's power to read
    any folder) is a finding at the folder; the run fails."""
    private = repo / "ledgers" / "private"
    write(private / "hidden.yaml", CITING)
    private.chmod(0)
    try:
        outputs = every_output(["ledgers"], repo, drop_root=True)
        assert findings(outputs) == [("CL013", "ledgers/private")]
        message = json.loads(outputs["json"])["diagnostics"][0]["message"]
        assert message == "cannot read folder: Permission denied"
        # A file named under it: a finding at the file, not an internal error.
        outputs = every_output(["ledgers/private/hidden.yaml"], repo, drop_root=True)
        assert findings(outputs) == [("CL013", "ledgers/private/hidden.yaml")]
    finally:
        private.chmod(0o755)


def test_unreadable_file_is_an_error(repo: Path) -> None:
    write(repo / "ledgers" / "locked.yaml", CITING).chmod(0)
    outputs = every_output(["ledgers"], repo, drop_root=True)
    assert findings(outputs) == [("CL013", "ledgers/locked.yaml")]


def test_dangling_link_is_an_error(repo: Path) -> None:
    (repo / "ledgers" / "gone.yaml").symlink_to("nowhere.yaml")
    for args in (["ledgers"], ["ledgers/gone.yaml"]):
        outputs = every_output(args, repo)
        assert findings(outputs) == [("CL013", "ledgers/gone.yaml")]


# --- file names that are not UTF-8 --------------------------------------------------------


def test_non_utf8_file_name_is_shown_escaped_in_every_format(repo: Path) -> None:
    raw = os.fsencode(repo / "ledgers") + b"/caf\xe9-\xff.yaml"
    with open(raw, "wb") as fh:
        fh.write(CITING.replace("-a", "-n").encode("utf-8"))
    os.symlink(b"nowhere-\xfe.yaml", os.fsencode(repo / "ledgers") + b"/link-\xfe.yaml")
    outputs = every_output(["ledgers"], repo)
    for fmt, text in outputs.items():
        forms = ("caf\\xe9-\\xff.yaml", "caf\\\\xe9-\\\\xff.yaml", "caf%5Cxe9-%5Cxff.yaml")
        assert any(form in text for form in forms), fmt
        assert "\udcff" not in text
    assert findings(outputs) == [
        ("CL406", "ledgers/caf\\xe9-\\xff.yaml"),
        ("CL201", "ledgers/caf\\xe9-\\xff.yaml"),
        ("CL013", "ledgers/link-\\xfe.yaml"),
    ]
    message = json.loads(outputs["json"])["diagnostics"][2]["message"]
    assert message == "symbolic link to 'nowhere-\\xfe.yaml', which does not exist"


def test_non_utf8_name_in_the_configuration_output(repo: Path) -> None:
    """--show-config prints configured and given paths: escaped, never a crash."""
    name = os.fsdecode(b"dir-\xff")
    os.mkdir(os.fsencode(repo) + b"/dir-\xff")
    proc = claimlog(["check", "--show-config", name], repo)
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, proc.stderr
    assert '"dir-\\xff"' in out


# --- the loader's own opening -------------------------------------------------------------


def test_loader_opens_without_blocking_and_checks_the_file_kind(tmp_path: Path) -> None:
    """Called directly (as a library), the loader never blocks on a FIFO, never
    follows a final link and reads only a regular file: in a subprocess with a time
    limit, so that a regression hangs nothing."""
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "pipe.yaml")
    script = (
        "from claimlog.loader import load_path\n"
        "for name in ('pipe.yaml', 'link.yaml', '.'):\n"
        "    d = load_path(name).diagnostics[0]\n"
        "    print(d.code, d.message)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert proc.stdout.splitlines() == [
        "CL016 a FIFO (named pipe), not a regular file; not read",
        "CL013 cannot read file: a symbolic link",
        "CL016 a folder, not a regular file; not read",
    ]


def test_read_regular_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    write(tmp_path / "ok.yaml", "a: b\n")
    assert read_regular(str(tmp_path / "ok.yaml"), 100) == b"a: b\n"
    with pytest.raises(FileTooLarge):
        read_regular(str(tmp_path / "ok.yaml"), 4)
    with pytest.raises(NotRegularFile):
        read_regular("/dev/null", 100)
    with pytest.raises(NotRegularFile):
        read_regular(str(tmp_path), 100)
    assert "CL016" in {r.code for r in loader.EMITS}


def test_discovery_examines_without_opening(tmp_path: Path) -> None:
    """discover() classifies with lstat/stat only: a FIFO is refused, not opened (an
    open of a FIFO without O_NONBLOCK would block this test forever)."""
    write(tmp_path / "a.yaml", CLEAN_LEDGER)
    os.mkfifo(tmp_path / "b.yaml")
    (tmp_path / "c.yaml").symlink_to("/proc/self/environ")
    found = files.discover(["."], tmp_path)
    assert [(f.shown, f.problem[0].code if f.problem else None) for f in found] == [
        ("a.yaml", None),
        ("b.yaml", "CL016"),
        ("c.yaml", "CL016"),
    ]
    assert files.shown(os.fsdecode(b"x\xff\xe9")) == "x\\xff\\xe9"
    assert files.shown("plain \u00e9") == "plain \u00e9"


# --- configuration from the pull request ------------------------------------------------


def _config_error(repo: Path, name: str, content: bytes | str) -> str:
    path = repo / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    proc = claimlog(["check", "--format", "json"], repo)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert proc.stdout == b""
    assert err.startswith("claimlog: "), err
    assert err.count("\n") == 1, err
    assert err.endswith("\n"), err
    assert "internal error" not in err
    assert "Traceback" not in err
    assert SECRET not in err
    assert name in err
    path.unlink()
    return err


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("pyproject.toml", 'tool = "x"\n', "'tool' must be a table, not a string"),
        ("pyproject.toml", "[tool]\nclaimlog = 3\n", "[tool.claimlog] must be a table"),
        ("claimlog.toml", b'strict = "\xff"\n', "byte 0xff at offset 10 is not valid UTF-8"),
        ("claimlog.toml", "x = " + "[" * 2000 + "]" * 2000 + "\n", "nested too deeply"),
        ("claimlog.toml", "y = " + "{a = " * 2000 + "1" + "}" * 2000, "nested too deeply"),
        ("claimlog.toml", 'paths = "ledgers"\n', "'paths' must be a list of strings"),
        ("claimlog.toml", "select = [1]\n", "'select' must be a list of strings"),
        ("claimlog.toml", 'per-file-ignores = ["x"]\n', "must be a table of globs"),
        ("claimlog.toml", '[per-file-ignores]\n"*" = "CL201"\n', "must be a list of strings"),
        ("claimlog.toml", "strict = 1\n", "'strict' must be true or false"),
        ("claimlog.toml", "as-of = [2024]\n", "'as-of' must be a date"),
        ("claimlog.toml", "paths = [\n", "cannot read claimlog.toml: "),
        ("claimlog.toml", 'paths = ["a\\u0000b"]\n', "is not a valid path"),
        (
            "claimlog.toml",
            '[per-file-ignores]\n"ledgers/*" = ["CL201", "unknown-referenc"]\n',
            "unknown rule 'unknown-referenc' in per-file-ignores \"ledgers/*\"; "
            "did you mean 'unknown-reference'?",
        ),
        (
            "pyproject.toml",
            '[tool.claimlog.per-file-ignores]\n"*" = ["CL2O1"]\n',
            "unknown rule 'CL2O1' in per-file-ignores \"*\"; did you mean 'CL201'?",
        ),
    ],
)
def test_malformed_configuration_is_one_line_exit_2(
    repo: Path, name: str, content: bytes | str, problem: str
) -> None:
    assert problem in _config_error(repo, name, content)


@pytest.mark.parametrize(
    "entry", ["/proc/self/environ", "../../.netrc", "../", "ledgers/../../x", "/"]
)
def test_configured_paths_outside_the_repository_are_refused(repo: Path, entry: str) -> None:
    err = _config_error(repo, "claimlog.toml", f'paths = ["ledgers", "{entry}"]\n')
    assert err == (
        f"claimlog: claimlog.toml: 'paths' entry '{entry}' is outside the repository; a "
        "configuration file names only paths inside it (name others on the command line)\n"
    )


def test_configured_path_through_a_link_out_of_the_repository_is_refused(repo: Path) -> None:
    (repo / "env").symlink_to("/proc/self")
    err = _config_error(repo, "claimlog.toml", 'paths = ["env/environ"]\n')
    assert "'paths' entry 'env/environ' is outside the repository" in err


@pytest.mark.parametrize("value", [".env", ".git/config", "ledgers/../.git", "secrets"])
def test_a_configured_hidden_path_is_refused(repo: Path, value: str) -> None:
    """A contributed configuration cannot point claimlog at .env or .git/config (where a
    CI checkout keeps its token), neither by name nor through a link (found by a
    review)."""
    write(repo / ".env", f"TOKEN={SECRET}\n")
    write(repo / ".git" / "config", f"[http]\n\textraheader = basic {SECRET}\n")
    (repo / "secrets").symlink_to(".git")
    err = _config_error(repo, "claimlog.toml", f'paths = ["{value}"]\n')
    assert f"'paths' entry '{value}' is hidden (such as .git or .env)" in err
    assert SECRET not in err


def test_configured_path_inside_the_repository_is_read(repo: Path) -> None:
    (repo / "claimlog.toml").write_text('paths = ["ledgers/../ledgers"]\n', encoding="utf-8")
    proc = claimlog(["check", "--format", "json"], repo)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["files"] == 1


@pytest.mark.parametrize("target", ["/proc/self/environ", "../.netrc"])
def test_configuration_file_linked_out_of_the_repository_is_refused(
    repo: Path, target: str
) -> None:
    (repo / "claimlog.toml").symlink_to(target)
    proc = claimlog(["check"], repo)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2
    assert err == ("claimlog: claimlog.toml: a symbolic link to outside the repository; not read\n")
    assert SECRET not in err


def test_configuration_fifo_does_not_hang(repo: Path) -> None:
    os.mkfifo(repo / "claimlog.toml")
    proc = claimlog(["check"], repo)
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "claimlog: claimlog.toml: a FIFO (named pipe), not a regular file; not read\n"
    )


# --- what claimlog writes: --output, report, add, new -----------------------------------


def test_output_through_a_committed_link_is_refused(repo: Path) -> None:
    """A pull request commits 'claimlog.sarif -> ~/.bashrc' where the workflow writes
    its report: the write is refused, and the target is neither created nor changed."""
    victim = repo.parent / "victim.txt"
    (repo / "claimlog.sarif").symlink_to(victim)
    proc = claimlog(["check", "--format", "sarif", "--output", "claimlog.sarif"], repo)
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        f"claimlog: cannot write claimlog.sarif: it leads outside {repo} (a symbolic link); "
        "claimlog writes only inside the ledger tree\n"
    )
    assert not victim.exists()
    victim.write_text("mine\n", encoding="utf-8")
    assert claimlog(["check", "-o", "claimlog.sarif"], repo).returncode == 2
    assert victim.read_text(encoding="utf-8") == "mine\n"


def test_report_through_a_committed_linked_folder_is_refused(repo: Path) -> None:
    outside = repo.parent / "outside"
    outside.mkdir()
    (repo / "public").symlink_to(outside)
    proc = claimlog(["report", "-o", "public/report"], repo)
    assert proc.returncode == 2
    assert "cannot write public/report: it leads outside" in proc.stderr.decode()
    assert list(outside.iterdir()) == []


def test_output_to_a_fifo_is_refused_without_hanging(repo: Path) -> None:
    os.mkfifo(repo / "out.json")
    proc = claimlog(["check", "--format", "json", "-o", "out.json"], repo)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "claimlog: cannot write out.json: not a regular file\n"


def test_output_replaces_the_file_atomically(repo: Path) -> None:
    """A new file renamed over the old one (a reader never sees half a report), not the
    old one truncated and rewritten; a file named outside the repository is written."""
    out = repo / "out.json"
    out.write_text("old\n", encoding="utf-8")
    before = out.stat().st_ino
    assert claimlog(["check", "--format", "json", "-o", "out.json"], repo).returncode == 0
    assert out.stat().st_ino != before
    assert json.loads(out.read_text(encoding="utf-8"))["files"] == 1
    elsewhere = repo.parent / "elsewhere.json"
    assert claimlog(["check", "--format", "json", "-o", str(elsewhere)], repo).returncode == 0
    assert json.loads(elsewhere.read_text(encoding="utf-8"))["files"] == 1


def test_add_and_new_never_write_through_a_link_into_a_hidden_folder(repo: Path) -> None:
    """'ledgers/s.yaml -> ../.github/workflows/ci.yaml' in a pull request: a maintainer's
    `add` would have rewritten the workflow; `new` through a link to .git likewise."""
    workflow = repo / ".github" / "workflows" / "ci.yaml"
    write(workflow, "name: ci\non: push\n")
    (repo / "ledgers" / "s.yaml").symlink_to("../.github/workflows/ci.yaml")
    proc = claimlog(
        ["add", "source", "--file", "ledgers/s.yaml", "--set", "id=x", "--set", "name=y"], repo
    )
    assert proc.returncode == 2, proc.stderr
    assert "a symbolic link leads it into a hidden file or folder" in proc.stderr.decode()
    assert workflow.read_text(encoding="utf-8") == "name: ci\non: push\n"
    (repo / "real").mkdir()
    (repo / "real" / "g").symlink_to("../.git")
    proc = claimlog(["new", "real/g/x.yaml"], repo)
    assert proc.returncode == 2, proc.stderr
    assert "a symbolic link leads it into a hidden file or folder" in proc.stderr.decode()
    assert not (repo / ".git" / "x.yaml").exists()


@pytest.mark.parametrize("target", [".env", ".git/config"])
def test_configuration_linked_to_a_hidden_file_is_refused(repo: Path, target: str) -> None:
    """'claimlog.toml -> .env': inside the repository, but its key names (a token's
    name, say) were echoed in the 'unknown key' message."""
    write(repo / target, f'{SECRET} = "hunter2"\n')
    (repo / "claimlog.toml").symlink_to(target)
    proc = claimlog(["check"], repo)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2
    assert err == (
        f"claimlog: claimlog.toml: a symbolic link to a hidden file or folder ('{target}'); "
        "not read\n"
    )
    assert SECRET not in err


def test_a_path_naming_one_hidden_folder_cannot_link_into_another(repo: Path) -> None:
    """A review: '.out/claimlog.sarif -> ../.git/config' passed, the path as written
    naming a hidden folder (.out) of its own. A hidden place is written only where the
    path names it, not through a link."""
    config = repo / ".git" / "config"
    config.write_text("[core]\n", encoding="utf-8")
    (repo / ".out").mkdir()
    (repo / ".out" / "claimlog.sarif").symlink_to("../.git/config")
    proc = claimlog(["check", "-f", "sarif", "-o", ".out/claimlog.sarif"], repo)
    assert proc.returncode == 2
    assert "a symbolic link leads it into a hidden file or folder" in proc.stderr.decode()
    assert config.read_text(encoding="utf-8") == "[core]\n"
    (repo / ".out" / "claimlog.sarif").unlink()
    assert claimlog(["check", "-f", "sarif", "-o", ".out/claimlog.sarif"], repo).returncode == 0
    assert json.loads((repo / ".out" / "claimlog.sarif").read_text(encoding="utf-8"))


def test_output_to_a_device_named_outside_the_repository(repo: Path) -> None:
    """A review: '-o /dev/null' (run for the exit code alone) was refused as not a
    regular file; a device named outside the repository is written as asked."""
    proc = claimlog(["check", "-f", "json", "-o", "/dev/null"], repo)
    assert (proc.returncode, proc.stderr) == (0, b"")


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("b\u202eyaml.lmx.yaml", "bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("e\x1b[31mred.yaml", "control character U+001B"),
    ],
)
def test_a_file_name_that_reads_otherwise_is_a_finding(
    tmp_path: Path, name: str, what: str
) -> None:
    """A CI tour: a ledger named with a bidi control was checked without a word, and its
    GitHub annotation named an escaped path that matches no file."""
    (tmp_path / name).write_text(CLEAN_LEDGER, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", "json", str(tmp_path)])
    formatted = CliRunner().invoke(app, ["fmt", "--check", str(tmp_path)])
    assert formatted.exit_code == 0, formatted.stdout  # its content is in canonical layout
    assert result.exit_code == 1
    (first, *_) = json.loads(result.stdout)["diagnostics"]
    assert (first["code"], first["line"], first["column"]) == ("CL018", 1, 1)
    assert first["message"] == (
        f"the file's name holds a {what}: it reads otherwise than it is, in a review and "
        "in CI annotations"
    )
