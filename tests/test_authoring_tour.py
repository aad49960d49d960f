"""What a fact-checker's tour of ``claimlog new`` and ``claimlog add`` found:

- ``add`` named the file by its absolute path in an error ("claimlog: /tmp/tourB/m/q1/
  l.yaml: line 105: YAML syntax error..."): every path ``new`` and ``add`` print is
  relative to the current directory when under it, as the other commands show paths;
- ``new`` outside a git repository pointed the modeline at ``claimlog-schema.json``
  beside the ledger while its comment said to write it "at the top of the repository":
  outside one, both name the folder ``new`` was run in;
- ``reliability: b2`` typed at add's prompt got only "one of: A...F", where ``check``
  says it is a whole Admiralty code and what to write: add gives check's hint.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from claimlog.authoring import AnswerError, Known, check_answer, spec_of
from claimlog.prompting import ask_entry
from conftest import CLEAN_LEDGER, FIXTURES, Run, run, write

BRIDGE = FIXTURES / "authoring" / "bridge.yaml"
MODELINE = "# yaml-language-server: $schema="


def tree(tmp_path: Path, git: bool = True) -> Path:
    """A work tree (a git repository, or a plain folder) with a folder q1."""
    if git:
        (tmp_path / ".git").mkdir(parents=True)
    (tmp_path / "q1").mkdir()
    return tmp_path


# --- paths relative to the current directory -----------------------------------------


def test_add_names_a_broken_file_relative_to_the_current_directory(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    root = tree(tmp_path)
    broken = write(root / "q1" / "l.yaml", BRIDGE.read_text(encoding="utf-8") + "x: [\n")
    for given in ("q1/l.yaml", str(broken)):
        done = cli(["add", "source", "--file", given, "--set", "name=X"], cwd=root)
        assert done.code == 2
        assert done.stderr.startswith("claimlog: q1/l.yaml: line "), done.stderr
        assert str(root) not in done.stderr


def test_add_names_the_file_relative_when_given_by_its_absolute_path(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    root = tree(tmp_path)
    path = write(root / "q1" / "l.yaml", BRIDGE.read_text(encoding="utf-8"))
    done = cli(["add", "source", "--file", str(path), "--set", "name=AFP"], cwd=root)
    assert done.code == 0, done.stderr
    assert done.stdout == "Added source 'afp' to q1/l.yaml.\n"
    gone = cli(["add", "source", "--file", str(root / "q1" / "m.yaml")], cwd=root)
    assert gone.code == 2
    assert "no file q1/m.yaml; create it with 'claimlog new q1/m.yaml'" in gone.stderr
    # outside the current directory, the path as given
    (root / "q2").mkdir()
    inner = cli(["add", "source", "--file", "../q1/l.yaml", "--set", "name=AP"], cwd=root / "q2")
    assert inner.code == 0, inner.stderr
    assert inner.stdout == "Added source 'ap' to ../q1/l.yaml.\n"


def test_a_refused_write_names_the_file_relative(cli: Callable[..., Run], tmp_path: Path) -> None:
    """write_file names the file, its tree and where a link leads by absolute paths."""
    root = tree(tmp_path / "repo")
    outside = write(tmp_path / "elsewhere" / "l.yaml", BRIDGE.read_text(encoding="utf-8"))
    (root / "q1" / "l.yaml").symlink_to(outside)
    before = outside.read_bytes()
    done = cli(["add", "source", "--file", "q1/l.yaml", "--set", "name=AFP"], cwd=root)
    assert done.code == 2
    assert done.stderr.startswith("claimlog: cannot write q1/l.yaml: it leads outside ."), (
        done.stderr
    )
    assert str(root) not in done.stderr
    assert outside.read_bytes() == before


def test_new_names_the_file_relative_when_given_by_its_absolute_path(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    root = tree(tmp_path)
    done = cli(["new", str(root / "q1" / "l.yaml")], cwd=root)
    assert done.code == 0, done.stderr
    assert done.stdout.startswith("Created q1/l.yaml. Add entries with 'claimlog add ")
    assert "--file q1/l.yaml" in done.stdout
    assert str(root) not in done.stdout
    again = cli(["new", str(root / "q1" / "l.yaml")], cwd=root)
    assert again.code == 2
    assert again.stderr == "claimlog: q1/l.yaml exists; 'claimlog new' never overwrites a file\n"
    missing = cli(["new", str(root / "q2" / "l.yaml")], cwd=root)
    assert missing.stderr == "claimlog: no folder q2; create it first\n"


# --- where the schema goes outside a repository ---------------------------------------


def schema_target(ledger: Path) -> Path:
    """The file the modeline of ``ledger`` points at."""
    first = ledger.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE), first
    return Path(os.path.normpath(ledger.parent / first.removeprefix(MODELINE)))


@pytest.mark.parametrize("git", [False, True])
def test_the_modeline_points_where_the_comment_says_to_write_the_schema(
    tmp_path: Path, git: bool
) -> None:
    """Outside a repository, the folder ``new`` ran in (where the comment's command,
    run there, writes it); in one, its top, from a folder below it too."""
    root = tree(tmp_path, git)
    (root / "q1" / "deep").mkdir()
    cwd = root / "q1" if git else root
    done = run(["new", "deep/l.yaml" if git else "q1/l.yaml"], cwd=cwd)
    assert done.code == 0, done.stderr
    ledger = root / "q1" / ("deep" if git else "") / "l.yaml"
    text = ledger.read_text(encoding="utf-8")
    written = run(["schema"], cwd=root)  # "claimlog schema > claimlog-schema.json"
    (root / "claimlog-schema.json").write_text(written.stdout, encoding="utf-8")
    assert schema_target(ledger) == root / "claimlog-schema.json"
    assert text.splitlines()[0] == MODELINE + ("../../" if git else "../") + "claimlog-schema.json"
    comment = " ".join(line.lstrip("# ") for line in text.splitlines()[1:6])
    if git:
        assert "write it, at the top of the repository, with:" in comment
    else:
        assert "No git repository holds this file" in comment
        assert "the schema goes in the folder 'claimlog new' was run in" in comment
        assert "top of the repository" not in comment
    assert "claimlog schema > claimlog-schema.json" in comment
    assert run(["check", str(ledger)], cwd=root).code == 0


def test_outside_a_repository_a_ledger_made_in_place_points_beside_it(tmp_path: Path) -> None:
    root = tree(tmp_path, git=False)
    assert run(["new", "l.yaml"], cwd=root / "q1").code == 0
    assert schema_target(root / "q1" / "l.yaml") == root / "q1" / "claimlog-schema.json"


# --- check's hint at add's prompt ------------------------------------------------------


def check_hint_of(tmp_path: Path, source: str = "", item: str = "") -> str:
    """The hint ``claimlog check`` gives for the one error of the clean ledger with a
    source and an evidence item added."""
    text = CLEAN_LEDGER.replace("claims:\n", f"{source}claims:\n") + item
    ledger = write(tmp_path / "hint" / "l.yaml", text)
    done = run(["check", "--format", "json", str(ledger)], cwd=tmp_path / "hint")
    errors = [d for d in done.json()["diagnostics"] if d["severity"] == "error"]
    assert len(errors) == 1, errors
    hint = errors[0]["hint"]
    assert isinstance(hint, str)
    return hint


class Scripted:
    def __init__(self, answers: Sequence[str]) -> None:
        self.answers = list(answers)
        self.shown: list[str] = []

    def ask(self, prompt: str, options: Sequence[str]) -> str:
        self.shown.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)

    def say(self, text: str) -> None:
        self.shown.append(text)


def source(reliability: str) -> str:
    return f"  - id: src-b\n    name: B\n    reliability: '{reliability}'\n"


def item(credibility: str) -> str:
    return (
        "  - id: ev-b\n    summary: S.\n    source: src-a\n    stance:\n      claim-a: "
        f"supports\n    credibility: '{credibility}'\n"
    )


@pytest.mark.parametrize("typed", ["b2", "B2", "c - 3"])
def test_a_whole_admiralty_code_as_reliability_gets_check_s_hint(
    tmp_path: Path, typed: str
) -> None:
    hint = check_hint_of(tmp_path, source=source(typed))
    assert hint.startswith(f"'{typed}' is a whole Admiralty code: write reliability: ")
    console = Scripted(["Some outlet", "", "", typed, "B"] + [""] * 10)
    values = ask_entry(console, "source", Known(), {})
    assert values["reliability"] == "B"
    refusals = [line for line in console.shown if line.startswith("  ! ")]
    assert refusals == [
        f"  ! reliability: '{typed}' is not a reliability; one of: A, B, C, D, E, F; {hint}"
    ]
    # the prompt says what Enter gives (a tour: it said nothing of the F)
    assert "reliability (Enter leaves it out: F, reliability cannot be judged): " in console.shown


@pytest.mark.parametrize("typed", ["B2", "b-2"])
def test_a_whole_admiralty_code_as_credibility_gets_check_s_hint(
    tmp_path: Path, typed: str
) -> None:
    hint = check_hint_of(tmp_path, item=item(typed))
    assert hint.startswith(f"'{typed}' is a whole Admiralty code: write credibility: 2 here")
    spec = spec_of("evidence", "credibility")
    assert spec is not None
    with pytest.raises(AnswerError) as caught:
        check_answer(spec, typed, Known())
    assert str(caught.value).endswith(f"6 cannot be judged; {hint}")


@pytest.mark.parametrize(("name", "typed"), [("reliability", "G"), ("credibility", "7")])
def test_a_plain_wrong_grade_is_not_told_check_s_general_hint(
    tmp_path: Path, name: str, typed: str
) -> None:
    """check's hint for any wrong grade only says what the field takes, as add does."""
    kind = "source" if name == "reliability" else "evidence"
    spec = spec_of(kind, name)
    assert spec is not None
    with pytest.raises(AnswerError) as caught:
        check_answer(spec, typed, Known())
    assert "Admiralty" not in str(caught.value)


def test_set_gives_check_s_hint_too(cli: Callable[..., Run], tmp_path: Path) -> None:
    root = tree(tmp_path)
    write(root / "q1" / "l.yaml", BRIDGE.read_text(encoding="utf-8"))
    done = cli(
        ["add", "source", "--file", "q1/l.yaml", "--set", "name=X", "--set", "reliability=B2"],
        cwd=root,
    )
    assert done.code == 2
    assert "'B2' is a whole Admiralty code: write reliability: B here, and credibility: 2" in (
        done.stderr
    )


def test_the_skeletons_examples_copied_keep_their_explanations_through_fmt() -> None:
    """A tour: copying the skeleton's examples without the '# ' left each continued
    explanation ('#   document, anonymous or other') on a line of its own, which `fmt`
    then kept above the next key, as if it explained that one. Explanations of more than
    a line now stand above their key."""
    from claimlog.authoring import skeleton
    from claimlog.fmt import format_bytes

    lines = skeleton("T", "claimlog-schema.json").splitlines()
    out, in_list = [], False
    for line in lines:
        if line in ("sources:", "claims:", "evidence:", "groups:"):
            in_list = True
        elif not line.startswith("# -") and not line.startswith("#  "):
            in_list = line.startswith("#  ") and in_list
        out.append(line[2:] if in_list and line.startswith(("# -", "#  ")) else line)
    result = format_bytes(("\n".join(out) + "\n").encode(), "copied.yaml")
    assert result.problem is None
    assert result.findings == []
    assert result.after is not None
    formatted = [line.strip() for line in result.after.decode().splitlines()]
    for key, said in (
        ("kind: outlet", "#   or other"),
        ("reliability: B", "#   D not usually, E unreliable, F cannot be judged (the default)"),
        ("bridge-by-y: supports", "# strongly-supports, supports, neutral, refutes or"),
        ("credibility: 4", "#   3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged"),
        ("kind: statement", "# kind: statement, observation, document, media, analysis,"),
    ):
        at = formatted.index(key)
        assert formatted[at - 1].startswith(said), (key, formatted[at - 1])
