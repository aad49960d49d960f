"""The depth finding does not depend on the PyYAML version.

The libyaml of newer PyYAML wheels refuses nesting beyond its own limit while it scans
ahead, sometimes before the loader has seen the level over ``MAX_DEPTH``; the libyaml
of PyYAML 6.0.1 has no such limit. Whatever the libyaml, the findings must be those of
PyYAML's pure-Python parser, which has no limit at all. ``.ci/pyyaml-matrix`` runs this
file (with the loader and safety tests) under the oldest and the newest PyYAML.
"""

from __future__ import annotations

import pytest
import yaml
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from claimlog import loader
from claimlog.diagnostics import Diagnostic


class _PurePythonParser(Reader, Scanner, Parser):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


DEPTH = 3_000  # three times libyaml's own limit of 1000 levels

TEXTS = {
    "flow-sequence": "meta: " + "[" * DEPTH + "]" * DEPTH + "\n",
    "flow-mapping": "meta: " + "{a: " * DEPTH + "x" + "}" * DEPTH + "\n",
    "flow-unclosed": "meta: " + "[" * DEPTH + "\n",
    "flow-keys": "meta: " + "[a, {b: c}, " * DEPTH + "\n",
    "block-sequence": "meta:\n  " + "- " * DEPTH + "x\n",
    "mixed": "meta:\n  " + "- " * 10 + "[{a: " * DEPTH + "x" + "}]" * DEPTH + "\n",
    # Columns count characters, lines break as YAML breaks them; findings before the
    # refusal (an anchor, a tag) are reported once.
    "non-ascii": "a: &x é\nb: !t ü\r\nc:\u2028 d: " + "[ü, " * DEPTH + "\n",
    "line-per-level": "a: 1\rb: [\r" + "[\r" * DEPTH + "\n",
}


def _findings(text: str) -> list[Diagnostic]:
    return loader.load_text(text, "deep.yaml").diagnostics


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_libyaml_and_pure_python_agree_on_deep_nesting(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    text = TEXTS[name]
    with_libyaml = _findings(text)
    monkeypatch.setattr(loader, "_Parser", _PurePythonParser)
    assert _findings(text) == with_libyaml
    assert [d.code for d in with_libyaml].count("CL011") == 1


def test_libyaml_limit_is_what_is_mapped() -> None:
    """A libyaml either has no limit (PyYAML 6.0.1) or refuses with the problem mapped."""
    parser = pytest.importorskip("yaml._yaml").CParser(TEXTS["flow-sequence"])
    problem = None
    try:
        while not isinstance(parser.get_event(), yaml.StreamEndEvent):
            pass
    except yaml.MarkedYAMLError as err:
        problem = err.problem
    assert problem in (None, loader._LIBYAML_TOO_DEEP)
