"""Rules are typed and registered: every stage of a run says which rules it reports,
and reports no other; every rule of the catalogue is reported by some stage."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimlog import loader, rules, validation
from claimlog.checks import CHECKS, EMITTED, CheckOptions, claimed, suppressions
from claimlog.ledgerset import LedgerSet, load_set
from test_rules_fixtures import _echo_limit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TARGETS = sorted(p for p in FIXTURES.iterdir() if p.suffix == ".yaml" or p.is_dir())


def _codes(found: object) -> set[str]:
    return {d.code for d in found}  # type: ignore[attr-defined]


def test_every_rule_is_a_named_constant_of_the_catalogue() -> None:
    named = {
        value.code: name
        for name, value in vars(rules).items()
        if isinstance(value, rules.Rule) and name.isupper()
    }
    assert list(named) == list(rules.RULES)
    for code, name in named.items():
        assert name == rules.RULES[code].name.upper().replace("-", "_")


def test_every_rule_is_reported_by_some_stage() -> None:
    assert claimed() == set(rules.RULES)


def test_each_rule_is_registered_once() -> None:
    registered = [r.code for stage in EMITTED.values() for r in stage]
    assert len(registered) == len(set(registered))


@pytest.mark.parametrize("target", TARGETS, ids=lambda p: p.name)
def test_every_check_emits_only_its_registered_rules(target: Path) -> None:
    ledger_set = load_set([target])
    options = CheckOptions(today=date(2026, 1, 1))
    for check, registered in CHECKS:
        emitted = _codes(check(ledger_set, options))
        allowed = {r.code for r in registered}
        assert emitted <= allowed, f"{check.__name__} emitted {sorted(emitted - allowed)}"


@pytest.mark.parametrize("target", TARGETS, ids=lambda p: p.name)
def test_loader_and_validation_emit_only_their_registered_rules(target: Path) -> None:
    files = [target] if target.is_file() else sorted(target.glob("*.yaml"))
    for path in files:
        loaded = loader.load_path(str(path))
        assert _codes(loaded.diagnostics) <= {r.code for r in loader.EMITS}
        built = validation.build_file(loaded)
        schema = _codes(built.diagnostics) - _codes(loaded.diagnostics)
        assert schema <= {r.code for r in validation.EMITS}


@pytest.mark.parametrize("target", TARGETS, ids=lambda p: p.name)
def test_suppressions_emit_only_their_registered_rule(target: Path) -> None:
    ledger_set: LedgerSet = load_set([target])
    before = ledger_set.file_diagnostics
    after = suppressions.apply(before, ledger_set, None)
    assert _codes(set(after) - set(before)) <= {r.code for r in suppressions.EMITS}


def _echo_limit_target(root: Path) -> Path:
    """The generated input of CL305 (too large to commit: test_rules_fixtures.py)."""
    (root / "work").mkdir()
    name, _ = _echo_limit(root)
    return root / "work" / name


def test_every_check_emits_only_its_registered_rules_past_the_echo_limit(tmp_path: Path) -> None:
    ledger_set = load_set([_echo_limit_target(tmp_path)])
    options = CheckOptions(today=date(2026, 1, 1))
    for check, registered in CHECKS:
        emitted = _codes(check(ledger_set, options))
        assert emitted <= {r.code for r in registered}, check.__name__


def test_the_fixtures_exercise_every_check(tmp_path: Path) -> None:
    """Each registered rule of a check is emitted by some fixture, or by the one
    generated input of a check's rule (so the tests above see every check at work)."""
    seen: set[str] = set()
    named = tmp_path / "names" / "b\u202eyaml.lmx.yaml"  # CL018's input, as generated there
    named.parent.mkdir()
    named.write_text("claims:\n  - {id: c, statement: S.}\n", encoding="utf-8")
    for target in [*TARGETS, _echo_limit_target(tmp_path), named.parent]:
        ledger_set = load_set([target])
        for check, _ in CHECKS:
            seen |= _codes(check(ledger_set, CheckOptions(today=date(2026, 1, 1))))
    assert {r.code for _, registered in CHECKS for r in registered} <= seen
