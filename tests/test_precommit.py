"""The pre-commit hook, run for real with ``pre-commit try-repo`` on a sample repository.

pre-commit builds the hook's environment from this repository (pip, from PyPI for
the dependencies) the first time; the environment is cached for the session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def source_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this project as a git repository with one commit: try-repo installs
    the hook from a repository's HEAD, and the working tree here may be uncommitted."""
    copy = tmp_path_factory.mktemp("claimlog-src") / "claimlog"
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", "*.egg-info", "bench", ".*cache"
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    git(copy, "init", "-q", "-b", "main")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "snapshot")
    return copy


def try_repo(
    source: Path, sample: Path, home: Path, hook: str = "claimlog-check"
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(source), hook, "--all-files"],
        cwd=sample,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def sample_repo(path: Path) -> Path:
    path.mkdir()
    shutil.copytree(ROOT / "ledgers", path / "ledgers")
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "ledgers")
    return path


def test_hook_passes_on_the_sample_ledgers_and_fails_on_a_broken_one(
    tmp_path: Path, source_repo: Path, hook_home: Path
) -> None:
    sample = sample_repo(tmp_path / "sample")
    done = try_repo(source_repo, sample, hook_home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "claimlog check" in done.stdout
    assert "Passed" in done.stdout

    broken = sample / "ledgers" / "broken.yaml"
    broken.write_text(
        "claims:\n  - id: c\n    statement: s\nevidence:\n"
        "  - id: e\n    summary: x\n    source: nobody\n    stance: {c: supports}\n",
        encoding="utf-8",
    )
    git(sample, "add", "-A")
    done = try_repo(source_repo, sample, hook_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "ledgers/broken.yaml:7:13: error[CL201] evidence 'e' cites unknown source 'nobody'" in (
        done.stdout
    )


def test_the_hooks_file_declares_check_and_fmt() -> None:
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert list(hooks) == ["claimlog-check", "claimlog-fmt"]
    assert hooks["claimlog-fmt"]["entry"] == "claimlog fmt"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False  # the configured ledger set, never other YAML
        assert hook["files"] == r"\.ya?ml$"


def test_fmt_hook_rewrites_the_ledgers_then_passes(
    tmp_path: Path, source_repo: Path, hook_home: Path
) -> None:
    sample = sample_repo(tmp_path / "sample")
    messy = sample / "ledgers" / "messy.yaml"
    messy.write_text("sources:\n    - name: Source A   # kept\n      id: src-a\n", encoding="utf-8")
    git(sample, "add", "-A")
    done = try_repo(source_repo, sample, hook_home, "claimlog-fmt")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "claimlog fmt" in done.stdout
    assert "files were modified by this hook" in done.stdout
    assert messy.read_text(encoding="utf-8") == (
        "sources:\n  - id: src-a\n    name: Source A  # kept\n"
    )
    git(sample, "add", "-A")
    done = try_repo(source_repo, sample, hook_home, "claimlog-fmt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
