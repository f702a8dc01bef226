"""The help's pictures, taken from the program itself so they show the screens as they are:
`python packaging/help_screenshots.py [FOLDER]` (default: resources/help/img). The build
runs it before freezing; a test runs it into a temporary folder and checks that every
picture the help names is made.

Works without a display (Qt's offscreen platform) on a demo database in a temporary
folder: the KIPUS's own data and window sizes are never touched."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 760  # what the help's page shows without scrolling sideways
DATA_DIR_ENV = "KOORDYNATOR_DATA_DIR"
# the database where the program keeps it on a Windows laptop (README), shown in the pictures
SHOWN_PATH = r"C:\Users\kipus\AppData\Local\Koordynator\Koordynator\koordynator.db"


def _shots(session, opened: list) -> dict[str, Callable]:
    """Each picture's file name and how to bring its window up (the window is returned);
    a database opened on the way is added to ``opened``, to be closed."""
    from app.session.session import Session
    from ui.case.wizard import CaseWizard
    from ui.documents.screens import IssueDialog
    from ui.safety.first_run_dialog import FirstRunDialog
    from ui.shell.main_window import MainWindow

    db = session.db

    def main_window(tab: str):
        def make():
            window = MainWindow(session)
            window.resize(1100, 680)
            window.show()
            window.load()
            page = {"na-dzis": window.today_page, "mieszkancy": window.register_page}[tab]
            window.tabs.setCurrentWidget(page)
            # where the file is on her laptop, not this script's temporary folder (a
            # picture changing with every build)
            window.statusBar().showMessage(f"Baza danych: {SHOWN_PATH}")
            if tab == "mieszkancy":
                window.table.selectRow(0)
            return window
        return make

    def first_run():  # on a database of its own, as on the first start
        from app.storage.opening import connect

        fresh = connect(Path(db.path).with_name("pierwsze.db"))
        opened.append(fresh)
        dialog = FirstRunDialog(Session(fresh.path, None, fresh))
        dialog.show()
        return dialog

    case_id, version_id = db.execute(
        "SELECT p.case_id, v.id FROM plan_versions v JOIN plans p ON p.id = v.plan_id"
        " JOIN plan_items i ON i.plan_version_id = v.id ORDER BY v.status = 'zatwierdzony'"
        " DESC, p.case_id LIMIT 1").fetchone()

    def plan():
        wizard = CaseWizard(session, case_id, step=4)
        wizard.resize(1340, 700)  # as it opens on a laptop
        wizard.show()
        return wizard

    def document():
        dialog = IssueDialog(session, "ipus", version_id)
        dialog.show()
        return dialog

    return {"na-dzis": main_window("na-dzis"), "mieszkancy": main_window("mieszkancy"),
            "dane-centrum": first_run, "plan": plan, "dokument": document}


def take(folder: Path) -> list[Path]:
    """Make every picture into ``folder``; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.common import look
    from ui.shell.translation import install_polish

    app = QApplication.instance()
    if app is None:  # run as a script: set up as the program sets itself up
        app = QApplication(sys.argv[:1])
        install_polish(app)
    look.apply(app, look.Appearance())
    work = Path(tempfile.mkdtemp(prefix="koordynator-pomoc-"))
    before = os.environ.get(DATA_DIR_ENV)
    os.environ[DATA_DIR_ENV] = str(work / "dane")  # window sizes are kept there
    try:
        return _take(app, work, folder)
    finally:
        if before is None:
            os.environ.pop(DATA_DIR_ENV, None)
        else:
            os.environ[DATA_DIR_ENV] = before
        shutil.rmtree(work, ignore_errors=True)


def _take(app, work: Path, folder: Path) -> list[Path]:
    from PySide6.QtCore import Qt

    from app.demo import generate as demo
    from app.session.session import Session
    from app.storage.opening import connect

    db = connect(work / "koordynator.db")
    demo.build(db, 150, seed=8)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    opened = [db]
    try:
        for name, make in _shots(Session(db.path, None, db), opened).items():
            window = make()
            for _ in range(5):  # layouts, delayed loads and the letters given on show
                app.processEvents()
            picture = window.grab()
            if picture.width() > WIDTH:
                picture = picture.scaledToWidth(WIDTH,
                                                Qt.TransformationMode.SmoothTransformation)
            path = folder / f"{name}.png"
            if not picture.save(str(path), "PNG"):
                raise OSError(f"Nie udało się zapisać {path}")
            written.append(path)
            window.close()
            window.deleteLater()
    finally:
        for each in opened:  # Windows cannot remove the folder of an open file
            each.conn.close()
    return written


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "help" / "img"
    for path in take(target):
        print(path)
