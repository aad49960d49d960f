"""The GitHub Action (action.yml): its pull-request comment step, run as the runner runs
it (``bash --noprofile --norc -eo pipefail``) in a real repository, with a stand-in
``gh`` that records its calls.

A review (a CI maintainer's tour) found two defects of the step:
- it wrote the diff with a shell redirection to ``claimlog-diff.md`` in the checkout, so
  a pull request that commits that name as a link made the job overwrite any file the
  runner can write;
- it failed the job when ``gh`` could not post (a pull request from a fork gets a
  read-only token), although the check itself was clean.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from claimlog.render.diff import COMMENT_MARKER
from conftest import LEDGERS, REPO
from test_diff import git

GH = """\
#!/bin/sh
# a stand-in for the GitHub CLI: records each call; GH_MODE fail: every call fails;
# GH_MODE found: the comments listing names comment 42
echo "gh $*" >> "$GH_LOG"
for arg in "$@"; do
  case "$arg" in
    body=@*) cat "${arg#body=@}" > "$GH_LOG.body" ;;
  esac
done
if [ "$1 $2" = "pr comment" ]; then cat "$5" > "$GH_LOG.body"; fi
[ "$GH_MODE" = fail ] && exit 1
if [ "$GH_MODE" = found ] && [ "$1" = api ] && [ "$2" != -X ]; then echo 42; fi
exit 0
"""


def _step(name: str) -> str:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in action["runs"]["steps"] if s.get("name") == name]
    script: str = step["run"]
    return script


def _bash(script: Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``script`` as the runner runs a step's ``run:``."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A checkout of a pull request: the samples on main, then one item dropped."""
    top = tmp_path / "checkout"
    shutil.copytree(LEDGERS, top / "ledgers")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "base")
    sample = top / "ledgers" / "musallam-2015.yaml"
    text = sample.read_text(encoding="utf-8")
    assert "credibility: 2" in text
    sample.write_text(text.replace("credibility: 2", "credibility: 5", 1), encoding="utf-8")
    git(top, "commit", "-qam", "the pull request")
    return top


def _run_step(top: Path, mode: str) -> tuple[int, str, Path]:
    return _run_step_with(top, mode)


def _run_step_with(top: Path, mode: str, **more: str) -> tuple[int, str, Path]:
    bin_dir = top.parent / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "gh").write_text(GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    runner_temp = top.parent / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    log = top.parent / "gh.log"
    script = top.parent / "step.sh"
    script.write_text(_step("Assessment diff as a pull-request comment"), encoding="utf-8")
    env = {
        **os.environ,
        "PATH": os.pathsep.join(
            [str(bin_dir), str(Path(sys.executable).parent), os.environ["PATH"]]
        ),
        "GH_LOG": str(log),
        "GH_MODE": mode,
        "GH_TOKEN": "t",
        "BASE_SHA": "HEAD~1",
        "PR_NUMBER": "7",
        "GITHUB_REPOSITORY": "owner/ledgers",
        "RUNNER_TEMP": str(runner_temp),
        "CLAIMLOG_PATHS": "",
        "CLAIMLOG_NO_CACHE": "1",
        **more,
    }
    done = _bash(script, top, env)
    return done.returncode, done.stdout + done.stderr, log


def test_the_comment_step_never_writes_through_a_link_the_pull_request_commits(
    pull_request: Path,
) -> None:
    victim = pull_request.parent / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    (pull_request / "claimlog-diff.md").symlink_to(victim)
    code, output, log = _run_step(pull_request, "ok")
    assert code == 0, output
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert (pull_request / "claimlog-diff.md").is_symlink()
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[-1].startswith("gh pr comment 7 --body-file ")
    posted = Path(f"{log}.body").read_text(encoding="utf-8")
    assert posted.startswith(COMMENT_MARKER)
    assert "musallam" in posted


def test_the_comment_step_edits_its_own_comment(pull_request: Path) -> None:
    code, output, log = _run_step(pull_request, "found")
    assert code == 0, output
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[-1].startswith("gh api -X PATCH repos/owner/ledgers/issues/comments/42 -F body=@")
    assert Path(f"{log}.body").read_text(encoding="utf-8").startswith(COMMENT_MARKER)


def test_a_comment_that_cannot_be_posted_is_a_warning_not_a_failure(pull_request: Path) -> None:
    code, output, log = _run_step(pull_request, "fail")
    assert code == 0, output
    assert "::warning::claimlog: could not post the assessment diff as a comment" in output
    assert any(c.startswith("gh pr comment 7") for c in log.read_text().splitlines())


def test_the_config_input_keeps_a_pull_request_s_configuration_out(pull_request: Path) -> None:
    """A review: a pull request's claimlog.toml can hide an error with `ignore` and
    `per-file-ignores`, which `--select` on the command line does not undo. The
    action's `config` input names a file the pull request cannot change."""
    sample = pull_request / "ledgers" / "musallam-2015.yaml"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("source: ", "source: nobody-", 1), encoding="utf-8")
    (pull_request / "claimlog.toml").write_text(
        'ignore = ["CL201"]\n[per-file-ignores]\n"**" = ["CL2"]\n', encoding="utf-8"
    )
    trusted = pull_request.parent / "runner-temp" / "claimlog.toml"
    trusted.parent.mkdir(exist_ok=True)
    trusted.write_text("strict = false\n", encoding="utf-8")
    script = pull_request.parent / "check.sh"
    script.write_text(_step("claimlog check"), encoding="utf-8")
    codes = {}
    for config in ("", str(trusted)):
        output = pull_request.parent / "github-output"
        output.write_text("", encoding="utf-8")
        env = {
            **os.environ,
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
            "GITHUB_OUTPUT": str(output),
            "CLAIMLOG_PATHS": "",
            "CLAIMLOG_ARGS": "--select CL",
            "CLAIMLOG_CONFIG": config,
            "CLAIMLOG_NO_CACHE": "1",
        }
        done = _bash(script, pull_request, env)
        assert done.returncode == 0, done.stderr
        codes[config] = output.read_text(encoding="utf-8").strip()
        if config:
            assert "title=CL201 unknown-reference::" in done.stdout
    assert codes == {"": "code=0", str(trusted): "code=1"}


def test_the_comment_step_warns_when_the_base_is_not_fetched(pull_request: Path) -> None:
    """A tour: with a shallow checkout (no fetch-depth: 0) the diff failed, the step
    swallowed it, and the pull request got no comment and no word why."""
    code, output, log = _run_step_with(pull_request, "ok", BASE_SHA="0" * 40)
    assert code == 0, output
    assert "::warning::claimlog: no assessment diff (claimlog diff exited 2" in output
    assert "fetch-depth: 0" in output
    assert not log.exists() or "pr comment" not in log.read_text(encoding="utf-8")


def test_a_fork_s_pull_request_skips_the_sarif_upload_with_a_warning() -> None:
    """A CI tour: a fork's pull request has a read-only token, so code scanning refuses
    the upload, and the step failed jobs whose ledgers were clean. Each step's
    condition is read as the runner reads it, for a push, a pull request from the
    repository itself and one from a fork."""
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    steps = {s.get("name"): s for s in action["runs"]["steps"]}
    upload, warn = steps["Upload SARIF"], steps["No SARIF upload from a fork"]

    def runs(step: dict[str, str], event: str, head: str) -> bool:
        condition = step["if"].strip().removeprefix("${{").removesuffix("}}")
        for name, value in (
            ("inputs.sarif", "'true'"),
            ("github.event_name", repr(event)),
            ("github.event.pull_request.head.repo.full_name", repr(head)),
            ("github.repository", "'me/ledgers'"),
        ):
            condition = condition.replace(name, value)
        condition = condition.replace("always()", "True").replace("&&", "and")
        condition = condition.replace("||", "or")
        return bool(eval(condition))  # the action file's own expression, never a ledger

    for event, head, uploaded in (
        ("push", "", True),
        ("pull_request", "me/ledgers", True),
        ("pull_request", "you/ledgers", False),  # a fork: warned instead
    ):
        assert (runs(upload, event, head), runs(warn, event, head)) == (uploaded, not uploaded)
    assert "::warning::" in warn["run"]
