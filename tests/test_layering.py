"""The house rules, checked the way anyone can check them: `lint-imports` (the contracts in
pyproject.toml: layers, Qt out of app/, the driver out of ui/), `mypy app`, no import cycle
among app/ modules, and nothing loose at app/'s top level."""

import os
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_import_contracts_hold():
    done = _run(str(BIN / "lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "broken" in done.stdout and " 0 broken" in done.stdout


def test_mypy_is_clean_on_app():
    done = _run(sys.executable, "-m", "mypy", "app")
    assert done.returncode == 0, done.stdout[-4000:]


def _cycles(graph, modules: set[str]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(m: str) -> None:
        index[m] = low[m] = len(index)
        stack.append(m)
        for n in graph.find_modules_directly_imported_by(m) & modules:
            if n not in index:
                visit(n)
                low[m] = min(low[m], low[n])
            elif n in stack:
                low[m] = min(low[m], index[n])
        if low[m] == index[m]:
            group = []
            while True:
                n = stack.pop()
                group.append(n)
                if n == m:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for m in sorted(modules):
        if m not in index:
            visit(m)
    return found


def test_no_import_cycle_among_app_modules():
    graph = grimp.build_graph("app", cache_dir=None)
    assert _cycles(graph, set(graph.modules)) == []


def test_app_top_level_holds_only_packages():
    loose = [p.name for p in APP.glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    for package in (p for p in APP.iterdir() if p.is_dir() and p.name != "__pycache__"):
        doc = (package / "__init__.py").read_text(encoding="utf-8").strip()
        assert doc.startswith('"""') and doc.count("\n") == 0, package.name  # one line


def test_every_package_and_resource_is_installed():
    """A wheel (not only an editable install) must carry subpackages and resource files."""
    import tomllib

    from setuptools import find_packages

    config = tomllib.loads((APP.parent / "pyproject.toml").read_text(encoding="utf-8"))
    tool = config["tool"]["setuptools"]
    found = set(find_packages(str(APP.parent), include=tool["packages"]["find"]["include"]))
    assert {"app", "app.core", "app.storage", "app.documents", "ui", "ui.shell",
            "resources"} <= found
    patterns = tool["package-data"]["resources"]
    shipped = {p.split("/")[0] for p in patterns if "/" in p}
    folders = {p.name for p in (APP.parent / "resources").iterdir()
               if p.is_dir() and p.name != "__pycache__"}
    assert folders <= shipped
