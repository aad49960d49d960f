"""The shape of the code: data flows one way, so no import cycle; functions stay short."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "claimlog"
MAX_FUNCTION_LINES = 60
LONG_FUNCTIONS_ALLOWED = {("loader.py", "_Builder._events")}
"""The loader's event loop: one loop over libyaml's events with the builder's state in
locals, which is what makes it fast (see the comment there)."""
PENDING_REWRITE = {("credibility/engine.py", "_conclude")}
"""Left as it is here because the credibility engine is being rewritten in another
change, which must meet the limit: remove the entry when it lands."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    as_path = SRC.parent / name.replace(".", "/")
    return as_path.is_dir() or as_path.with_suffix(".py").exists()


def _imports(path: Path, type_checking: bool) -> set[str]:
    """The claimlog modules ``path`` imports, at any level (lazy imports count too;
    imports under ``if TYPE_CHECKING:`` only with ``type_checking``)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if not type_checking:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                node.body = [ast.Pass()]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("claimlog"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("claimlog"):
                continue
            for alias in node.names:  # ``from . import x`` imports the module x
                sub = f"{target}.{alias.name}"
                found.add(sub if _is_module(sub) else target)
    found.discard(module)
    return found


def _graph(type_checking: bool) -> dict[str, set[str]]:
    graph = {
        _module_name(path): _imports(path, type_checking) for path in sorted(SRC.rglob("*.py"))
    }
    return {m: {t for t in targets if t in graph} for m, targets in graph.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_no_import_cycle() -> None:
    cycle = _cycle(_graph(type_checking=False))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_import_cycle_even_for_the_type_checker() -> None:
    cycle = _cycle(_graph(type_checking=True))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def _functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, ast.AST]]:
    out: list[tuple[str, ast.AST]] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            out.append((prefix + node.name, node))
            out.extend(_functions(node, f"{prefix}{node.name}."))
        elif isinstance(node, ast.ClassDef):
            out.extend(_functions(node, f"{prefix}{node.name}."))
    return out


def test_no_long_function() -> None:
    long = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, node in _functions(tree):
            assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            key = (str(path.relative_to(SRC)), name)
            if lines > MAX_FUNCTION_LINES and key not in LONG_FUNCTIONS_ALLOWED | PENDING_REWRITE:
                long.append(f"{key[0]}: {name} ({lines} lines)")
    assert not long, "functions over 60 lines:\n" + "\n".join(long)


def test_the_allowed_long_functions_exist() -> None:
    for file, name in LONG_FUNCTIONS_ALLOWED:
        tree = ast.parse((SRC / file).read_text(encoding="utf-8"))
        assert name in dict(_functions(tree)), f"{file}: no {name}"
