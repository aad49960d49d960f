"""Every command's output on every fixture and sample is the recorded one
(scripts/outputs.py, tests/outputs.json): performance work changes no output. When an
output changes on purpose, record again (``python scripts/outputs.py --write``)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from claimlog import fastvalid, ledgerset
from conftest import REPO


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("outputs", REPO / "scripts" / "outputs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["outputs"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("packed", [False, True], ids=["as-loaded", "packed"])
def test_every_output_is_as_recorded(packed: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Also with the text of every file kept compressed, as in a large set (packed),
    and no command changes the one empty list that records share."""
    if packed:
        monkeypatch.setattr(ledgerset, "PACK_FROM", -1)
    outputs = _script()
    kept = json.loads(Path(outputs.RECORD).read_text(encoding="utf-8"))
    now = outputs.record()
    assert len(now) >= 120
    changed = sorted(k for k in now.keys() | kept.keys() if now.get(k) != kept.get(k))
    assert not changed, "outputs changed (scripts/outputs.py):\n" + "\n".join(changed)
    assert fastvalid._NO_ITEMS == []
