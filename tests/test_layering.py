"""app/ is the Qt-free core: it must never import PySide6 or ui/."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def test_app_never_imports_qt_or_ui():
    offenders = []
    for file in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{file.name}: {n}" for n in names if n.split(".")[0] in {"PySide6", "PyQt6", "ui"}
            ]
    assert offenders == []


def test_ui_contains_no_sql():
    ui = APP.parent / "ui"
    for file in ui.rglob("*.py"):
        text = file.read_text(encoding="utf-8").upper()
        assert "SELECT " not in text and "INSERT INTO" not in text, file.name


def test_every_package_and_resource_is_installed():
    """A wheel (not only an editable install) must carry subpackages and resource files."""
    import tomllib

    from setuptools import find_packages

    config = tomllib.loads((APP.parent / "pyproject.toml").read_text(encoding="utf-8"))
    tool = config["tool"]["setuptools"]
    found = set(find_packages(str(APP.parent), include=tool["packages"]["find"]["include"]))
    assert {"app", "app.documents", "ui", "resources"} <= found
    patterns = tool["package-data"]["resources"]
    shipped = {p.split("/")[0] for p in patterns if "/" in p}
    folders = {p.name for p in (APP.parent / "resources").iterdir()
               if p.is_dir() and p.name != "__pycache__"}
    assert folders <= shipped
