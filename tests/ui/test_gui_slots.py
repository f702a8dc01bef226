"""Signals that carry `checked` must not land in a slot's optional argument: clicking
"Zapisz arkusz do wydruku" once wrote the raw database key to a file named `False`."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from app.people import residents_store as store
from app.storage import backups
from tests.conftest import TODAY, person, plain, session_of
from ui.shell.main_window import MainWindow
from ui.shell.password_dialogs import RecoveryKeyDialog

UI = Path(__file__).resolve().parents[2] / "ui"
CHECKED_SIGNALS = {"clicked", "triggered", "toggled"}


def _classes() -> dict[str, tuple[ast.ClassDef, list[str]]]:
    found = {}
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = [b.id for b in node.bases if isinstance(b, ast.Name)]
                found[node.name] = (node, bases)
    return found


def _method(classes, cls: str, name: str) -> ast.FunctionDef | None:
    if cls not in classes:
        return None
    node, bases = classes[cls]
    for item in node.body:
        if isinstance(item, ast.FunctionDef) and item.name == name:
            return item
    return next((m for b in bases if (m := _method(classes, b, name))), None)


def test_no_checked_signal_is_connected_to_a_slot_with_parameters():
    classes = _classes()
    wrong = []
    for cls, (node, _) in classes.items():
        for call in ast.walk(node):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "connect" and call.args
                    and isinstance(call.func.value, ast.Attribute)
                    and call.func.value.attr in CHECKED_SIGNALS):
                continue
            slot = call.args[0]
            if not (isinstance(slot, ast.Attribute) and isinstance(slot.value, ast.Name)
                    and slot.value.id == "self"):
                continue
            method = _method(classes, cls, slot.attr)
            if method is not None and len(method.args.args) > 1:
                wrong.append(f"{cls}.{slot.attr} (line {call.lineno})")
    assert wrong == [], "checked would arrive as the first argument of: " + ", ".join(wrong)


def test_saving_the_recovery_sheet_asks_where_and_writes_there(qtbot, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "sejf" / "klucz.pdf"
    target.parent.mkdir()
    asked = []

    def choose(*args, **kwargs):
        asked.append(args)
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    dialog = RecoveryKeyDialog("ABCD-" * 12 + "ABCD", tmp_path / "k.db", "CUS w Żabnie")
    qtbot.addWidget(dialog)
    dialog.show()
    button = next(b for b in dialog.findChildren(QPushButton) if "arkusz" in plain(b.text()))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert target.read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "False").exists()


def test_backup_from_the_menu_asks_for_a_folder_and_writes_there(qtbot, db, db_path,
                                                                 tmp_path, monkeypatch):
    store.add(db, person(), TODAY)
    window = MainWindow(session_of(db))
    qtbot.addWidget(window)
    window.show()
    window.load()
    usb = tmp_path / "pendrive"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(usb)))
    action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                  if plain(a.text()) == "Zrób kopię zapasową…")
    action.trigger()
    made = backups.list_backups(usb)
    assert len(made) == 1 and backups.verify_backup(made[0].path).counts["residents"] == 1
