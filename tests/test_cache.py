"""The result cache (src/claimlog/cache.py): signed entries, never trusted when forged
or corrupt, atomic under concurrent writers, bounded, invisible to git."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimlog import cache
from claimlog.cache import Cache, Stored, file_parts, key, machine_key
from claimlog.files import Exclude

SECRET = b"k" * 32


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "tree").mkdir()
    return tmp_path / "tree" / cache.FOLDER


def test_an_entry_round_trips(folder: Path) -> None:
    stored = Stored("out ✓\n", "claimlog: warn\n", 1)
    Cache(folder, SECRET).put("a" * 64, stored)
    assert Cache(folder, SECRET).get("a" * 64) == stored
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172")


def test_git_does_not_see_the_cache(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    subprocess.run(["git", "init", "-q", str(tree)], check=True)
    Cache(tree / cache.FOLDER, SECRET).put("b" * 64, Stored("x", "", 0))
    status = subprocess.run(
        ["git", "-C", str(tree), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""


def test_an_entry_signed_with_another_key_is_not_trusted(folder: Path) -> None:
    """A cache that came with a repository (forged to show a clean run) is ignored
    and removed."""
    Cache(folder, b"x" * 32).put("c" * 64, Stored("No findings.\n", "", 0))
    assert Cache(folder, SECRET).get("c" * 64) is None
    assert not (folder / f"{'c' * 64}.json").exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b[:-1] + bytes([b[-1] ^ 1]),
        lambda b: b.replace(b"claimlog-cache 1", b"claimlog-cache 9"),
        lambda b: b"",
        lambda b: b"\xff\xfe" * 10,
    ],
)
def test_a_corrupt_entry_is_ignored_and_removed(folder: Path, damage: object) -> None:
    Cache(folder, SECRET).put("d" * 64, Stored("out", "", 0))
    path = folder / f"{'d' * 64}.json"
    assert callable(damage)
    path.write_bytes(damage(path.read_bytes()))
    assert Cache(folder, SECRET).get("d" * 64) is None
    assert not path.exists()


def test_a_signed_entry_of_the_wrong_shape_is_ignored(folder: Path) -> None:
    box = Cache(folder, SECRET)
    payload = b'{"stdout": 1, "stderr": "", "code": "0"}'
    box._prepare()
    (folder / f"{'e' * 64}.json").write_bytes(
        cache.FORMAT + box._sign("e" * 64, payload) + b"\n" + payload
    )
    assert box.get("e" * 64) is None


def test_the_oldest_entries_go_first(folder: Path) -> None:
    box = Cache(folder, SECRET)
    for n in range(cache.MAX_ENTRIES + 5):
        name = f"{n:064x}"
        box.put(name, Stored(str(n), "", 0))
        os.utime(folder / f"{name}.json", (1000 + n, 1000 + n))
    names = sorted(p.stem for p in folder.glob("*.json"))
    assert len(names) == cache.MAX_ENTRIES
    assert f"{0:064x}" not in names
    assert f"{cache.MAX_ENTRIES + 4:064x}" in names


def test_a_cache_folder_that_is_a_link_is_not_written(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / cache.FOLDER).symlink_to(elsewhere)
    Cache(tmp_path / cache.FOLDER, SECRET).put("f" * 64, Stored("x", "", 0))
    assert list(elsewhere.iterdir()) == []


def test_concurrent_writers_leave_one_whole_entry(folder: Path) -> None:
    """Eight processes write the same entry 50 times each: every read in between and
    the last one is a whole, trusted entry of one of them."""
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from claimlog.cache import Cache, Stored
        box = Cache(Path({str(folder)!r}), {SECRET!r})
        me = sys.argv[1]
        for n in range(50):
            box.put("{"9" * 64}", Stored(me * 5000, "", int(me)))
            got = box.get("{"9" * 64}")
            assert got is None or got.stdout == str(got.code) * 5000, got
        """
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(n)]) for n in range(8)]
    assert [p.wait(timeout=120) for p in procs] == [0] * 8
    final = Cache(folder, SECRET).get("9" * 64)
    assert final is not None
    assert final.stdout == str(final.code) * 5000
    assert not [p for p in folder.iterdir() if p.name.endswith(".claimlog-tmp")]


def test_the_key_is_made_once_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    first = machine_key()
    assert first is not None
    assert len(first) == 32
    assert machine_key() == first
    path = tmp_path / "xdg" / "claimlog" / "key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_home_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "")
    assert machine_key() is None


def test_the_key_of_a_set_changes_with_every_byte_and_name(tmp_path: Path) -> None:
    (tmp_path / "ledgers").mkdir()
    a = tmp_path / "ledgers" / "a.yaml"
    a.write_bytes(b"title: A\n")

    def now() -> str:
        return key(file_parts(["ledgers"], tmp_path, None))

    first = now()
    assert now() == first
    a.write_bytes(b"title: B\n")
    assert now() != first
    a.write_bytes(b"title: A\n")
    assert now() == first
    a.rename(tmp_path / "ledgers" / "b.yaml")
    assert now() != first
    (tmp_path / "ledgers" / "b.yaml").rename(a)
    (tmp_path / "ledgers" / "skip.yaml").write_bytes(b"x: [\n")
    assert now() != first
    excluded = key(file_parts(["ledgers"], tmp_path, Exclude(tmp_path, ("ledgers/skip*",))))
    assert excluded == first


def test_parts_are_length_prefixed() -> None:
    assert key(["ab", "c"]) != key(["a", "bc"])
    assert key([b"x"]) == key(["x"])


# --- the cache in real runs ------------------------------------------------------------


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CLAIMLOG_NO_CACHE", "COLUMNS")}
    env.update(XDG_CACHE_HOME=str(tmp_path / "xdg"), NO_COLOR="1")
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """``claimlog ARGS`` in a subprocess (or ``python ARGS`` when they start with -c)."""
    done = subprocess.run(
        [sys.executable, *(args if args[:1] == ["-c"] else ["-m", "claimlog", *args])],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    top = tmp_path / "tree"
    (top / "ledgers").mkdir(parents=True)
    (top / "ledgers" / "a.yaml").write_text(
        "sources:\n  - id: s\n    name: S\n  - id: unused\n    name: U\n"
        "claims:\n  - id: c\n    statement: It happened.\n"
        "evidence:\n  - id: e\n    summary: A report.\n    source: s\n"
        "    stance:\n      c: supports\n    credibility: 9\n",
        encoding="utf-8",
    )
    return top


def _entries(top: Path) -> list[Path]:
    return sorted((top / cache.FOLDER).glob("*.json"))


@pytest.mark.parametrize("args", [["check"], ["summary"], ["show", "c"]])
def test_a_warm_run_replays_the_cold_one(tree: Path, tmp_path: Path, args: list[str]) -> None:
    env = _env(tmp_path)
    cold = _run(args, tree, env)
    assert len(_entries(tree)) == 1
    warm = _run(args, tree, env)
    assert warm == cold
    # It is the stored run that is replayed: sign an entry of our own under its name.
    secret = (tmp_path / "xdg" / "claimlog" / "key").read_bytes()
    name = _entries(tree)[0].stem
    Cache(tree / cache.FOLDER, secret).put(name, Stored("replayed\n", "", 3))
    assert _run(args, tree, env) == (3, "replayed\n", "")
    uncached = _run([*args, "--no-cache"], tree, env)
    assert uncached == cold


def test_any_change_of_input_is_a_new_run(tree: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    first = _run(["check"], tree, env)
    assert first[0] == 1
    ledger = tree / "ledgers" / "a.yaml"
    ledger.write_text(ledger.read_text().replace("credibility: 9", "credibility: 2"))
    second = _run(["check"], tree, env)
    assert second != first
    assert "CL1" not in second[1]
    assert _run(["check", "--ignore", "CL406"], tree, env) != second  # options
    env_wide = {**env, "COLUMNS": "50"}
    assert len(_entries(tree)) == 3
    _run(["check"], tree, env_wide)
    assert len(_entries(tree)) == 4  # the width is part of the key


def test_switched_off_nothing_is_written(tree: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    _run(["check", "--no-cache"], tree, env)
    _run(["check"], tree, {**env, "CLAIMLOG_NO_CACHE": "1"})
    _run(["check", "-o", "out.txt"], tree, env)
    done = subprocess.run(
        [sys.executable, "-m", "claimlog", "check", "-"],
        input=(tree / "ledgers" / "a.yaml").read_bytes(),
        cwd=tree,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert not (tree / cache.FOLDER).exists()


def test_a_corrupt_or_forged_entry_is_replaced(tree: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    cold = _run(["check"], tree, env)
    entry = _entries(tree)[0]
    entry.write_bytes(entry.read_bytes()[:-5])
    assert _run(["check"], tree, env) == cold
    Cache(tree / cache.FOLDER, b"f" * 32).put(entry.stem, Stored("No findings.\n", "", 0))
    assert _run(["check"], tree, env) == cold
    secret = (tmp_path / "xdg" / "claimlog" / "key").read_bytes()
    assert Cache(tree / cache.FOLDER, secret).get(entry.stem) == Stored(cold[1], cold[2], 1)


def test_concurrent_runs_agree(tree: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "claimlog", "summary"],
            cwd=tree,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(6)
    ]
    outputs = {(p.wait(timeout=120), *p.communicate()) for p in procs}
    assert len(outputs) == 1
    assert _run(["summary"], tree, env) == _run(["summary", "--no-cache"], tree, env)
    assert len(_entries(tree)) == 1


def test_a_signed_entry_under_another_name_is_not_trusted(folder: Path) -> None:
    """A copied or linked entry (the run of another input) is not replayed."""
    box = Cache(folder, SECRET)
    box.put("a" * 64, Stored("No findings.\n", "", 0))
    (folder / f"{'b' * 64}.json").symlink_to(folder / f"{'a' * 64}.json")
    assert box.get("b" * 64) is None
    (folder / f"{'c' * 64}.json").write_bytes((folder / f"{'a' * 64}.json").read_bytes())
    assert box.get("c" * 64) is None


def test_links_and_fifos_in_the_cache_are_never_followed(tmp_path: Path) -> None:
    """A cache folder that arrives with a pull request: links in place of .gitignore and
    CACHEDIR.TAG are not written through, and an entry that is a FIFO does not hang."""
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "tree" / cache.FOLDER
    folder.mkdir(parents=True)
    (folder / ".gitignore").symlink_to(outside / "pwned")
    (folder / "CACHEDIR.TAG").symlink_to(outside / "pwned2")
    os.mkfifo(folder / f"{'d' * 64}.json")
    box = Cache(folder, SECRET)
    assert box.get("d" * 64) is None  # no hang: read without blocking, refused
    box.put("e" * 64, Stored("x", "", 0))
    assert list(outside.iterdir()) == []


def test_an_entry_replaced_by_a_link_or_a_fifo_is_replaced_by_a_real_entry(
    tmp_path: Path,
) -> None:
    """The docs say a bad entry is ignored and replaced: a link in its place was ignored
    but never replaced (found by a tour). What it points to is never touched."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "target").write_text("keep me\n", encoding="utf-8")
    folder = tmp_path / "tree" / cache.FOLDER
    folder.mkdir(parents=True)
    (folder / f"{'f' * 64}.json").symlink_to(outside / "target")
    os.mkfifo(folder / f"{'9' * 64}.json")
    box = Cache(folder, SECRET)
    for name in ("f" * 64, "9" * 64):
        assert box.get(name) is None
        box.put(name, Stored("No findings.\n", "", 0))
        assert (folder / f"{name}.json").is_file()
        assert not (folder / f"{name}.json").is_symlink()
        assert box.get(name) == Stored("No findings.\n", "", 0)
    assert (outside / "target").read_text(encoding="utf-8") == "keep me\n"


def test_edited_code_is_a_new_key() -> None:
    """An editable install edited at the same version keys differently."""
    import claimlog.cache as module

    before = cache.run_parts(["check"], Path("/x"), (False, 0, False), "s")
    source = Path(module.__file__)
    stamp = source.stat()
    try:
        os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**9))
        after = cache.run_parts(["check"], Path("/x"), (False, 0, False), "s")
    finally:
        os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert key(before) != key(after)
    assert key(cache.run_parts(["check"], Path("/x"), (False, 0, False), "s")) == key(before)


EDIT_DURING_THE_RUN = """\
import pathlib, sys
import claimlog.pipeline as pipeline
start = pipeline.Run.start.__func__
ledger = pathlib.Path("ledgers/a.yaml")

def edited_first(cls, *args, **kwargs):
    # saved by an editor after the key was made, before the run reads the files
    ledger.write_text(ledger.read_text().replace("credibility: 9", "credibility: 2"))
    return start(cls, *args, **kwargs)

pipeline.Run.start = classmethod(edited_first)
sys.argv = ["claimlog", "check"]
from claimlog.cli import main
main()
"""


def test_a_file_saved_during_a_run_stores_nothing(tree: Path, tmp_path: Path) -> None:
    """The run reads the files again after the key is made of them: when one changed
    in between, its output is not stored under the key of the bytes before (a later run
    of those bytes would replay the output of the others)."""
    env = _env(tmp_path)
    ledger = tree / "ledgers" / "a.yaml"
    before = ledger.read_bytes()
    expected = _run(["check", "--no-cache"], tree, env)
    assert "CL1" in expected[1]  # credibility: 9 is out of range
    code, out, err = _run(["-c", EDIT_DURING_THE_RUN], tree, env)
    assert err == ""
    assert code == 0
    assert "CL1" not in out  # the run read the saved file
    assert _entries(tree) == []
    ledger.write_bytes(before)
    assert _run(["check"], tree, env) == expected
    assert len(_entries(tree)) == 1
