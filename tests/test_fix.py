"""``claimlog check --fix``: the fixes that have exactly one answer, and nothing else.

Each fixable rule has a fixture in ``tests/fixtures/fix/`` (``<CODE>-<name>[-case].yaml``)
with its finding marked ``# expect: CODE col N``; ``check --fix`` must turn it into a
ledger without that finding and without any new one, changing only the fixed text.
``two-candidates.yaml`` has a finding with two answers, which stays.
"""

from __future__ import annotations

import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimlog import fix as fixing
from claimlog.diagnostics import RULES
from claimlog.fmt import comment_texts
from claimlog.loader import load_bytes
from conftest import FIXTURES, findings, run, write

FIX_FIXTURES = FIXTURES / "fix"
EXPECT = re.compile(r"#\s*expect:\s*(CL\d{3}) col (\d+)")
FIXABLE = [r for r in RULES.values() if r.fixable]


def fixtures_of(code: str) -> list[Path]:
    return sorted(FIX_FIXTURES.glob(f"{code}-*.yaml"))


def expected(path: Path, shown: str) -> set[tuple[str, str, int, int]]:
    found = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            found.add((match[1], shown, number, int(match[2])))
    return found


def test_every_fixable_rule_has_a_fixture_and_only_those_are_fixable() -> None:
    assert {r.code for r in FIXABLE} == {"CL102", "CL104", "CL201"}
    for rule in FIXABLE:
        assert fixtures_of(rule.code), f"no fixture in tests/fixtures/fix/ for {rule.code}"
    for path in FIX_FIXTURES.glob("CL*.yaml"):
        assert RULES[path.name[:5]].fixable, path.name


@pytest.mark.parametrize("fixture", sorted(FIX_FIXTURES.glob("CL*.yaml")), ids=lambda p: p.stem)
def test_fix_turns_the_fixture_into_a_ledger_without_its_finding(
    tmp_path: Path, cli: Callable[..., Any], fixture: Path
) -> None:
    target = tmp_path / "ledgers" / fixture.name
    target.parent.mkdir()
    shutil.copy(fixture, target)
    shown = f"ledgers/{fixture.name}"
    before = cli(["check", "--format", "json"], cwd=tmp_path)
    assert set(findings(before.json())) == expected(fixture, shown)
    assert before.code == 1

    done = cli(["check", "--fix", "--format", "json"], cwd=tmp_path)
    assert done.code == 0, done.stdout + done.stderr
    assert done.json()["diagnostics"] == []
    ((code, _, line, column),) = expected(fixture, shown)
    assert f"fixed {shown}:{line}:{column}: {code} '" in done.stderr
    assert done.stderr.endswith("Fixed 1 finding in 1 file.\n")
    # Only the fixed text changed: same lines elsewhere, same comments.
    old = fixture.read_text(encoding="utf-8").splitlines()
    new = target.read_text(encoding="utf-8").splitlines()
    assert len(old) == len(new)
    assert [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b] == [line - 1]
    assert comment_texts(load_bytes(target.read_bytes(), "x")) == comment_texts(
        load_bytes(fixture.read_bytes(), "x")
    )
    again = cli(["check", "--fix"], cwd=tmp_path)
    assert again.code == 0
    assert again.stderr == "Fixed 0 findings in 0 files.\n"


@pytest.mark.parametrize(
    ("fixture", "before", "after"),
    [
        ("CL102-unknown-field.yaml", "    relability: B", "    reliability: B"),
        ("CL104-invalid-value.yaml", "      claim-a: support ", "      claim-a: supports "),
        ("CL104-invalid-value-boolean.yaml", "    retracted: no ", "    retracted: false "),
        ("CL201-unknown-reference.yaml", '    source: "Reuters"', '    source: "reuters"'),
    ],
)
def test_each_fix_replaces_exactly_its_text(
    tmp_path: Path, cli: Callable[..., Any], fixture: str, before: str, after: str
) -> None:
    target = tmp_path / "ledgers" / fixture
    target.parent.mkdir()
    shutil.copy(FIX_FIXTURES / fixture, target)
    cli(["check", "--fix"], cwd=tmp_path)
    text = (FIX_FIXTURES / fixture).read_text(encoding="utf-8")
    assert before in text
    assert target.read_text(encoding="utf-8") == text.replace(before, after, 1)


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        # Two ids are as close as each other: no fix.
        (
            "two-candidates.yaml",
            "did you mean 'bbc-news' or 'bbc-newz'? If 'bbc-new' is another source, add it "
            "under 'sources:'",
        ),
        # A tour: 'reliability: C3' was "fixed" to 'C' (one close allowed word), and the
        # information grade 3 was lost without a word. The hint says where each half
        # goes.
        (
            "admiralty-code.yaml",
            "'C3' is a whole Admiralty code: write reliability: C here, and credibility: 3 "
            "on the evidence items whose information it grades",
        ),
        # The one close id is itself malformed (a tour found 'source: ministry-x'
        # rewritten to 'ministry x': once the id was mended, the reference was broken).
        (
            "malformed-id.yaml",
            "the id 'ministry x' is close, but not a valid id: correct it there (CL105)",
        ),
        # ... even with a valid id a little further (a review found it fixed towards it).
        (
            "malformed-id-beside-a-valid-one.yaml",
            "the id 'ministry-x!' is close, but not a valid id: correct it there (CL105)",
        ),
    ],
)
def test_a_finding_without_one_good_answer_is_left_alone(
    tmp_path: Path, cli: Callable[..., Any], name: str, hint: str
) -> None:
    fixture = FIX_FIXTURES / name
    target = tmp_path / "ledgers" / fixture.name
    target.parent.mkdir()
    shutil.copy(fixture, target)
    done = cli(["check", "--fix", "--format", "json"], cwd=tmp_path)
    assert done.code == 1
    assert set(findings(done.json())) == expected(fixture, f"ledgers/{fixture.name}")
    (hinted,) = [d["hint"] for d in done.json()["diagnostics"] if d["code"] in ("CL201", "CL104")]
    assert hinted == hint
    assert done.stderr == "Fixed 0 findings in 0 files.\n"
    assert target.read_bytes() == fixture.read_bytes()


def test_diff_shows_the_fixes_and_writes_nothing(tmp_path: Path, cli: Callable[..., Any]) -> None:
    for fixture in FIX_FIXTURES.glob("CL1*.yaml"):
        text = fixture.read_text(encoding="utf-8").replace("src-a", fixture.stem[:5].lower())
        text = text.replace("claim-a", f"claim-{fixture.stem}").replace("ev-a", fixture.stem)
        write(tmp_path / "ledgers" / fixture.name, text)
    before = {p: p.read_bytes() for p in (tmp_path / "ledgers").iterdir()}
    done = cli(["check", "--diff"], cwd=tmp_path)
    assert done.code == 1
    assert "--- a/ledgers/CL102-unknown-field.yaml\n" in done.stdout
    assert "-    relability: B   # expect: CL102 col 5\n" in done.stdout
    assert "+    reliability: B   # expect: CL102 col 5\n" in done.stdout
    assert "+      claim-CL104-invalid-value: supports   # expect: CL104 col 16\n" in done.stdout
    assert "+    retracted: false   # expect: CL104 col 16\n" in done.stdout
    assert "+    reliability: B   # expect: CL104 col 18\n" in done.stdout
    assert done.stderr == (
        "Would fix 4 findings in 4 files.\n"
        "The ledger set has 7 failing findings now: 'claimlog check' lists them.\n"
    )
    assert {p: p.read_bytes() for p in (tmp_path / "ledgers").iterdir()} == before
    assert cli(["check", "--fix", "--diff"], cwd=tmp_path).stdout == done.stdout


def test_diff_with_nothing_to_fix_still_fails_on_errors(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    """A review took `check --diff` for a diff-aware check: with errors no fix mends it
    exited 0 and wrote no report (its --format and -o went unread)."""
    fixture = FIX_FIXTURES / "CL201-unknown-reference.yaml"
    text = fixture.read_text(encoding="utf-8").replace('"Reuters"', '"nobody-at-all"')
    write(tmp_path / "ledgers" / "x.yaml", text)
    done = cli(["check", "--diff"], cwd=tmp_path)
    assert (done.code, done.stdout) == (1, "")
    assert done.stderr == (
        "Would fix 0 findings in 0 files.\n"
        "The ledger set has 1 failing finding now: 'claimlog check' lists them.\n"
    )
    for extra in (["--format", "json"], ["--format", "sarif", "-o", "out.sarif"], ["-o", "x"]):
        refused = cli(["check", "--diff", *extra], cwd=tmp_path)
        assert (refused.code, refused.stdout) == (2, "")
        assert refused.stderr.startswith("claimlog: --diff prints the diff of the fixes and no")
    assert not (tmp_path / "out.sarif").exists()
    # nothing failing, nothing to fix: 0
    write(tmp_path / "ledgers" / "x.yaml", text.replace('"nobody-at-all"', "reuters"))
    clean = cli(["check", "--diff"], cwd=tmp_path)
    assert (clean.code, clean.stderr) == (0, "Would fix 0 findings in 0 files.\n"), clean.stdout


def test_fix_as_a_real_process_keeps_crlf_and_mode(tmp_path: Path) -> None:
    fixture = FIX_FIXTURES / "CL201-unknown-reference.yaml"
    target = tmp_path / "ledgers" / "crlf.yaml"
    target.parent.mkdir()
    target.write_bytes(fixture.read_bytes().replace(b"\n", b"\r\n"))
    target.chmod(0o600)
    done = run(["check", "--fix", "--format", "concise"], tmp_path)
    assert (done.code, done.stdout) == (0, "")
    assert done.stderr == (
        "fixed ledgers/crlf.yaml:14:13: CL201 'Reuters' -> 'reuters'\nFixed 1 finding in 1 file.\n"
    )
    assert target.read_bytes() == fixture.read_bytes().replace(b"\n", b"\r\n").replace(
        b'"Reuters"', b'"reuters"'
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_fixes_uncovered_by_a_fix_are_applied_too(tmp_path: Path, cli: Callable[..., Any]) -> None:
    """The stance fix makes the item valid; its misspelt source is then fixed too."""
    text = (FIX_FIXTURES / "CL201-unknown-reference.yaml").read_text(encoding="utf-8")
    path = write(
        tmp_path / "ledgers" / "x.yaml", text.replace("claim-a: supports", "claim-a: support")
    )
    done = cli(["check", "--fix"], cwd=tmp_path)
    assert done.code == 0, done.stdout
    assert done.stderr.endswith("Fixed 3 findings in 1 file.\n")
    assert 'source: "reuters"' in path.read_text(encoding="utf-8")
    assert "claim-a: supports" in path.read_text(encoding="utf-8")


def test_a_suppressed_finding_is_not_fixed(tmp_path: Path, cli: Callable[..., Any]) -> None:
    text = (FIX_FIXTURES / "CL102-unknown-field.yaml").read_text(encoding="utf-8")
    text = text.replace("# expect: CL102 col 5", "# claimlog: ignore[CL102]")
    path = write(tmp_path / "ledgers" / "x.yaml", text)
    done = cli(["check", "--fix"], cwd=tmp_path)
    assert done.code == 0
    assert path.read_text(encoding="utf-8") == text


def test_a_file_of_uncertain_structure_is_not_fixed(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    text = (FIX_FIXTURES / "CL102-unknown-field.yaml").read_text(encoding="utf-8")
    text = text.replace("    name: Source A\n", "    name: Source A\n    name: Again\n")
    path = write(tmp_path / "ledgers" / "x.yaml", text)
    done = cli(["check", "--fix", "--format", "concise"], cwd=tmp_path)
    assert done.code == 1
    assert "error[CL003]" in done.stdout
    assert path.read_text(encoding="utf-8") == text


def test_a_failed_verification_leaves_the_file_intact(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    fixture = FIX_FIXTURES / "CL102-unknown-field.yaml"
    path = write(tmp_path / "ledgers" / "x.yaml", fixture.read_text(encoding="utf-8"))
    real = fixing.apply

    def careless(loaded: Any, found: Any) -> Any:  # also changes a value not fixed
        text, expected, fixed = real(loaded, found)
        return text.replace("Source A", "Source B"), expected, fixed

    monkeypatch.setattr(fixing, "apply", careless)
    done = cli(["check", "--fix", "--format", "concise"], cwd=tmp_path)
    assert done.code == 1
    assert (
        "claimlog: not fixing ledgers/x.yaml: a value would change (at sources[0].name)"
        in done.stderr
    )
    assert path.read_bytes() == fixture.read_bytes()


def test_a_write_whose_bytes_on_disk_differ_is_refused(tmp_path: Path) -> None:
    from claimlog.pipeline import Purpose, Run
    from claimlog.settings import load

    fixture = FIX_FIXTURES / "CL201-unknown-reference.yaml"
    path = write(tmp_path / "ledgers" / "x.yaml", fixture.read_text(encoding="utf-8"))
    checked = Run.start(load(tmp_path), tmp_path, Purpose.CHECK)
    (found,) = fixing.fix_files(checked, tmp_path)
    assert found.after is not None
    found.after = found.after.replace(b"Reuters", b"Reuterz")
    why = fixing.write(found, tmp_path)
    assert why is not None
    assert "a value would change (at sources[0].name)" in why
    assert path.read_bytes() == fixture.read_bytes()
    assert sorted(p.name for p in path.parent.iterdir()) == ["x.yaml"]


def test_fix_refuses_standard_input(tmp_path: Path, cli: Callable[..., Any]) -> None:
    done = cli(["check", "--fix", "-"], cwd=tmp_path)
    assert done.code == 2
    assert "cannot fix a ledger read from standard input" in done.stderr


def test_a_relay_is_never_fixed_to_the_item_s_own_source(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    """'via: [src-aa]' on an item whose source is 'src-a' was fixed (and hinted) to
    'src-a', which CL302 refuses: a relay is never the origin (found by a tour)."""
    # (Written 'src-a' and 'src-aa' first: since fixes mend only slips, 'src-aa' is
    # another label, which nothing fixes.)
    text = (
        "sources:\n  - id: reuters\n    name: A\n  - id: wire-service\n    name: W\n"
        "claims:\n  - id: c\n    statement: S.\n"
        "evidence:\n  - id: e\n    summary: S.\n    source: reuters\n    via: [Reuters]\n"
        "    stance: {c: supports}\n"
        "  - id: f\n    summary: T.\n    source: wire-service\n    via: [Reuters]\n"
        "    stance: {c: supports}\n"
    )
    write(tmp_path / "ledgers" / "v.yaml", text)
    done = cli(["check", "--fix", "--format", "json"], cwd=tmp_path)
    fixed = (tmp_path / "ledgers" / "v.yaml").read_text(encoding="utf-8")
    assert "    source: reuters\n    via: [Reuters]\n" in fixed  # its own source: left alone
    assert "    source: wire-service\n    via: [reuters]\n" in fixed  # the control: fixed
    (left,) = [d for d in done.json()["diagnostics"] if d["code"] == "CL201"]
    assert left["message"] == "evidence 'e' is relayed via unknown source 'Reuters'"
    assert left["hint"] == "add the source 'Reuters' under 'sources:', or correct the id"


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        ("    verdict: supported\n", "    verdict: unsupported\n", None),
        ("    verdict: supported\n", "    verdict: undisputed\n", None),
        ("    verdict: supported\n", "    verdict: supportive\n", None),
        ("    test: hoop\n", "    test: decisive\n", None),
        ("      musallam-spy: supports\n", "      musallam-spy: partly-supports\n", None),
        (
            "    via: [ap]\n",
            "    via: [afp]\n",
            "did you mean 'ap'? If 'afp' is another source, add it under 'sources:'",
        ),
        (
            "      musallam-spy: supports\n",
            "      musallam-not-spy: supports\n",
            "did you mean 'musallam-spy'? If 'musallam-not-spy' is another claim, add it "
            "under 'claims:'",
        ),
    ],
)
def test_a_fix_never_changes_what_the_ledger_says(
    tmp_path: Path, cli: Callable[..., Any], old: str, new: str, hint: str | None
) -> None:
    """A tour: --fix made 'unsupported' 'supported', moved a stance on
    'musallam-not-spy' to 'musallam-spy' and 'afp' to 'ap', then reported the file
    clean. A fix mends only a slip; the rest stays, with a hint that names no opposite."""
    text = (
        "sources:\n  - id: ap\n    name: AP\n  - id: wire-service\n    name: W\n"
        "claims:\n  - id: musallam-spy\n    statement: S.\n    verdict: supported\n"
        "evidence:\n  - id: e\n    summary: S.\n    source: wire-service\n    via: [ap]\n"
        "    test: hoop\n    stance:\n      musallam-spy: supports\n"
    )
    assert old in text
    write(tmp_path / "ledgers" / "v.yaml", text.replace(old, new))
    done = cli(["check", "--fix", "--format", "json"], cwd=tmp_path)
    assert (tmp_path / "ledgers" / "v.yaml").read_text(encoding="utf-8") == text.replace(old, new)
    assert "Fixed 0 findings in 0 files." in done.stderr
    (left,) = [d for d in done.json()["diagnostics"] if d["code"] in ("CL104", "CL201")]
    assert left["hint"] == hint


def test_a_slip_is_case_separators_or_one_letter_of_a_word() -> None:
    from claimlog.diagnostics import is_slip

    slips = [
        ("Strongly Supports", "strongly-supports"),
        ("derived-from", "derived_from"),
        ("reuter", "reuters"),
        ("suports", "supports"),
        ("supprots", "supports"),
        ("refuted", "refutes"),
        ("smokng-gun", "smoking-gun"),
        ("src-alpah", "src-alpha"),
        ("claim-civl-war", "claim-civil-war"),  # 'civl' is no Roman numeral (a review)
        ("strongly\u2013supports", "strongly-supports"),  # an en dash, pasted
        ("musalam-not-spy", "musallam-not-spy"),
    ]
    others = [
        ("unsupported", "supported"),
        ("undisputed", "disputed"),
        ("disproved", "disputed"),
        ("decisive", "doubly-decisive"),
        ("musallam-not-spy", "musallam-spy"),
        ("afp", "ap"),
        ("bbc", "abc"),
        ("cbs", "csm"),
        ("ev-2", "ev-1"),
        ("src-aa", "src-a"),
        ("claim-b", "claim-a"),
        ("reuters2", "reuters"),
        # a review: each of these was "fixed" by a first version
        ("claim-iran-strike", "claim-iraq-strike"),
        ("claim-phase-ii", "claim-phase-iii"),
        ("louis-xiv", "louis-xv"),
        ("claim-moral", "claim-amoral"),
        ("claim-typical", "claim-atypical"),
        ("claim-here", "claim-there"),
        ("shot-dead", "shot-deaf"),
        ("ev-1-2", "ev-12"),
        ("smoking-gn", "smoking-gun"),
        ("claim-form", "claim-from"),
    ]
    for a, b in slips:
        assert is_slip(a, b), (a, b)
        assert is_slip(b, a), (a, b)
    for a, b in others:
        assert not is_slip(a, b), (a, b)
        assert not is_slip(b, a), (a, b)


def test_many_keys_of_one_mapping_are_renamed_at_once_in_their_order(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    """A hunt for hostile inputs: each renamed key rebuilt its whole mapping (20,000
    misspelt claim ids in one stance took 25 s). Every key of a mapping is renamed in
    one pass, and the order stays."""
    claims = "".join(f"  - {{id: claim-{i}, statement: C.}}\n" for i in range(5))
    stance = "".join(f"      Claim-{i}: supports\n" for i in (3, 0, 4, 1, 2))
    path = write(
        tmp_path / "ledgers" / "x.yaml",
        "sources:\n  - id: s\n    name: S\n    reliability: B\n"
        f"claims:\n{claims}evidence:\n  - id: e\n    summary: I.\n    source: s\n"
        f"    credibility: 2\n    stance:\n{stance}",
    )
    done = cli(["check", "--fix"], cwd=tmp_path)
    assert done.stderr.endswith("Fixed 5 findings in 1 file.\n"), done.stderr
    text = path.read_text(encoding="utf-8")
    assert text.endswith(
        "    stance:\n" + "".join(f"      claim-{i}: supports\n" for i in (3, 0, 4, 1, 2))
    )
