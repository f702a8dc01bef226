"""One session per open database: windows opened before a restore work on the restored file
afterwards (they once kept the closed connection), and ui/ never touches a connection."""

import ast
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from app.cases import applications
from app.people import residents_store as store
from app.storage.paths import backup_dir
from tests.conftest import person, plain, session_of
from tests.ui.case.helpers import add_item
from ui.case.plan_editor import PlanEditor
from ui.shell.main_window import MainWindow
from ui.shell.restore_dialog import RestoreDialog

T = date.today()
UI = Path(__file__).resolve().parents[3] / "ui"


def test_windows_open_during_a_restore_close_and_the_next_ones_use_the_restored_file(
        qtbot, db, monkeypatch):
    from ui.case.wizard import CaseWizard

    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, T - timedelta(days=5), "osoba",
                                           "osobiscie", "Pomoc")
    case_id = applications.qualify(db, app_id, T - timedelta(days=4))
    window = MainWindow(session_of(db))
    qtbot.addWidget(window)
    window.show()
    window.load()
    good = window.backups.backup_now("reczna")
    editor = PlanEditor(window.session, case_id)  # open, not modal, like the KIPUS's
    qtbot.addWidget(editor)
    editor.show()
    wizard = CaseWizard(window.session, case_id, step=1)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[1].referred_by.setText("wpisane przed przywróceniem")  # never to be saved

    chosen = {}

    def pick(dialog):
        dialog.table.selectRow(0)
        chosen["path"] = dialog.chosen
        return True

    monkeypatch.setattr(RestoreDialog, "exec", lambda self: pick(self))
    restore = next(a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()
                   if plain(a.text()).startswith("Przywróć z kopii"))
    restore.trigger()
    assert chosen["path"] == good
    assert not editor.isVisible() and not wizard.isVisible()
    assert window.db.execute("SELECT count(*) FROM cases WHERE referred_by IS NOT NULL"
                             ).fetchone() == (0,)
    assert window.db.execute("SELECT count(*) FROM case_steps WHERE notes IS NOT NULL"
                             ).fetchone() == (0,)

    editor = PlanEditor(window.session, case_id)
    qtbot.addWidget(editor)
    editor.show()
    add_item(qtbot, editor, "Usługi rehabilitacyjne", freq="raz w tygodniu")
    editor.header["valid_from"].set_date(T + timedelta(days=7))
    editor.header["valid_to"].set_date(T + timedelta(days=100))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = window.db.execute(
        "SELECT i.frequency FROM plan_items i JOIN plan_versions v ON v.id ="
        " i.plan_version_id JOIN plans p ON p.id = v.plan_id WHERE p.case_id = ?"
        " AND i.archived_at IS NULL", [case_id]).fetchall()
    assert stored == [("raz w tygodniu",)]
    assert backup_dir(window.session.path).is_dir()


def test_ui_never_reaches_for_the_raw_connection():
    """No connection, no opening and no SQL in ui/: every read and write is an app/
    operation (the import contracts keep the driver itself out)."""
    offenders = []
    for file in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"conn", "execute",
                                                                  "executemany"}:
                offenders.append(f"{file.relative_to(UI)}:{node.lineno}")
            if isinstance(node, ast.Name) and node.id in {"open_database", "connect"}:
                offenders.append(f"{file.relative_to(UI)}:{node.lineno} {node.id}")
    assert offenders == []


def test_smoke_timings_report_the_frame_before_the_data(tmp_path):
    """--smoke prints the seconds to the data (the contract); --timings adds the first paint
    of the window's frame, which comes before app/ and the file are loaded."""
    import sys

    from tests.app.cli.test_admin import run

    path = tmp_path / "k.db"
    assert run("koordynator-admin", "demo", "--db", str(path), "--residents", "50"
               ).returncode == 0
    result = run("koordynator", "--smoke", "--timings", "--db", str(path))
    assert result.returncode == 0, result.stderr
    ready, painted = result.stdout.strip().split("\n")
    assert painted.startswith("pierwszy obraz okna: ") and painted.endswith(" s")
    first = float(painted.split(": ")[1].removesuffix(" s"))
    assert 0 < first <= float(ready)
    code = ("import sys; from ui.shell.main import _paint_frame; "
            "from PySide6.QtWidgets import QApplication; a = QApplication([]); "
            "_paint_frame(a); print(sorted(m for m in sys.modules if m.startswith("
            "('app.', 'sqlite_utils', 'sqlcipher3'))))")
    import os
    import subprocess

    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    # nothing of storage, the driver or the domain before the frame is on screen
    assert "app.storage.connection" not in loaded.stdout and "sqlite_utils" not in loaded.stdout
    assert loaded.returncode == 0, loaded.stderr


def test_the_frame_closed_before_the_database_opens_quits_without_errors(qtbot):
    frame = MainWindow()  # as painted at start, before the password and the database
    qtbot.addWidget(frame)
    frame.show()
    qtbot.keyClick(frame, Qt.Key.Key_Return)  # once raised AttributeError (no table yet)
    assert frame.close()  # the window's close button; once raised AttributeError (no backups)
    assert not frame.isVisible() and frame.closed_before_open


def test_help_is_the_last_menu(qtbot, db):
    window = MainWindow(session_of(db))
    qtbot.addWidget(window)
    titles = [plain(a.text()) for a in window.menuBar().actions()]
    assert titles[-1] == "Pomoc" and titles[0] == "Plik"
