"""The layers hold: the domain never loads Qt, the UI holds no rules, and no import loops."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import app
import app.core
import app.documents
import app.signing

APP_DIR = Path(app.__file__).parent
# The wizard's wiring: the services and the state its pages share, handed in, no decisions.
WIRING = ("context.py",)


def _modules(*packages: object) -> list[str]:
    return [
        m.name
        for package in packages
        for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")  # type: ignore[attr-defined]
    ]


def _imports(path: Path, name: str) -> set[str]:
    """The app modules `path` imports, lazily inside functions too (only type checking aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in list(ast.walk(tree)):  # imports only a type checker reads are no loop at run time
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in found if m == "app" or m.startswith("app.")}


def _graph() -> dict[str, set[str]]:
    names: dict[str, Path] = {}
    for path in APP_DIR.rglob("*.py"):
        parts = path.relative_to(APP_DIR.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        names[name] = path
    return {name: _imports(path, name) & names.keys() - {name} for name, path in names.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle between modules, or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_core_documents_and_signing_do_not_import_qt() -> None:
    """Importing every module of app.core, app.documents and app.signing leaves PySide6 unloaded."""
    modules = _modules(app.core, app.documents, app.signing)
    assert "app.core.register.events" in modules
    code = "\n".join(f"import {m}" for m in modules) + (
        "\nimport sys\nloaded = sorted(m for m in sys.modules if m.startswith(('PySide6', "
        "'shiboken6')))\nprint(loaded)\nraise SystemExit(1 if loaded else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ui_modules_only_show_and_ask() -> None:
    """Every module under app/ui uses Qt: a Qt-free module there would be a rule in the UI."""
    qt_free = [
        str(path.relative_to(APP_DIR.parent))
        for path in (APP_DIR / "ui").rglob("*.py")
        if path.name not in ("__init__.py", *WIRING)
        and "PySide6" not in path.read_text(encoding="utf-8")
    ]
    assert qt_free == []


def test_the_domain_never_imports_the_ui() -> None:
    """No module of core, documents or signing imports app.ui, even lazily."""
    graph = _graph()
    leaks = sorted(
        f"{name} -> {target}"
        for name, targets in graph.items()
        if name.startswith(("app.core", "app.documents", "app.signing"))
        for target in targets
        if target.startswith("app.ui")
    )
    assert leaks == []


def test_no_import_loops() -> None:
    """No chain of imports leads from a module back to itself."""
    assert _cycle(_graph()) == []


def test_the_loop_finder_finds_a_loop() -> None:
    """The finder itself reports a two-module loop, so the check above can fail."""
    assert _cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]
