"""Shared fixtures: every test gets its own data folder and database in tmp_path."""

from __future__ import annotations

import os
import tempfile
from datetime import date, timedelta

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# remembered folders and other Qt settings go to a throw-away place, never the tester's home
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="koordynator-config-")

from app.people.residents import Resident  # noqa: E402
from app.session.session import Session
from app.storage.opening import connect  # noqa: E402

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KOORDYNATOR_DATA_DIR", str(tmp_path / "dane"))
    monkeypatch.delenv("KOORDYNATOR_DB", raising=False)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "koordynator.db"


CENTRE = {"cus_name": "Centrum Usług Społecznych w Żabnie", "cus_address": "ul. Kościelna 4",
          "cus_city": "33-240 Żabno", "director_name": "Maria Nowak",
          "kipus_name": "Anna Kowalska", "dpo_contact": "Jan Kowalski, iod@cus.zabno.pl"}


def set_up_centre(database) -> None:
    """The centre's details as the first-run form leaves them: documents print them."""
    from app.core.ids import now_iso
    from app.settings import centre

    # straight into the table: a test counting the audit trail's rows starts from none
    with database.atomic():
        database.conn.executemany(
            "INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)",
            [(k, v, now_iso()) for k, v in CENTRE.items()])
    centre.mark_offered(database)


@pytest.fixture
def db(db_path):
    database = connect(db_path)
    set_up_centre(database)
    yield database
    database.conn.close()


def person(**overrides) -> Resident:
    """A valid resident; tests override only what they are about."""
    values = dict(
        surname="Żółkiewski",
        first_name="Łukasz",
        pesel="44051401359",
        city="Żabno",
        street="Źródlana",
        house_no="5",
        postal_code="83-221",
        phone="600 123 456",
    )
    values.update(overrides)
    return Resident(**values)


def session_of(db) -> Session:
    """The session around a database the test opened (its file and key come with it)."""
    return Session(db.path, db.key, db)


def encrypted_window(qtbot, db_path, password: str):
    """The main window on ``db_path`` encrypted with ``password`` (a plain file is encrypted
    first), shown and filled, as after a start with the password."""
    from app.storage import encrypt_in_place, encryption
    from ui.shell.main_window import MainWindow

    if not encryption.is_encrypted(db_path):
        encrypt_in_place.encrypt_database(db_path, password)
    key = encryption.unlock(db_path, password)
    window = MainWindow(Session.open(db_path, key))
    qtbot.addWidget(window)
    window.show()
    window.load()
    return window


def type_text(widget, text: str) -> None:
    """Type like a user, Polish letters included (QTest.keyClicks accepts ASCII only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        # Enter is a key of its own: a bare "\n" is not inserted by the text widgets
        key = Qt.Key.Key_Return if ch == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
            )


def add_record(qtbot, editor, **values) -> int:
    """Press the record list's "Dodaj…" button and fill its form beside the list, field by
    field, as she types: a choice is picked by a part of its label, a number is set, text is
    typed. Returns the new row."""
    from PySide6.QtCore import Qt

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    fill_record(qtbot, editor, **values)
    return editor.current_row()


def fill_record(qtbot, editor, **values) -> None:
    """Type into the form of the row selected in a record list (replacing what is there)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

    for key, value in values.items():
        widget = editor.inputs[key]
        if isinstance(widget, QCheckBox):
            if widget.isChecked() != bool(value):
                qtbot.keyClick(widget, Qt.Key.Key_Space)  # a click needs the box on screen
            assert widget.isChecked() == bool(value)
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            matches = [i for i in range(widget.count()) if str(value) in widget.itemText(i)]
            assert matches, f"{value!r} is not offered in {key}"
            widget.setCurrentIndex(matches[0])
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        else:
            target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
            if isinstance(target, QLineEdit):
                target.selectAll()
                target.del_()
            elif isinstance(target, QPlainTextEdit):
                target.clear()
            type_text(target, str(value))


def in_modal(steps) -> None:
    """Run ``steps(dialog)`` on the modal dialog the next click opens (exec() blocks the
    test until the dialog closes, so ``steps`` must close it)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    timer = QTimer(interval=10)

    def act():  # waits for the dialog the click opens, then works in it once
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            timer.stop()
            try:
                steps(dialog)
            except BaseException:  # pytest-qt reports it; a dialog left open would hang
                if dialog.isVisible():
                    dialog.reject()
                raise
    timer.timeout.connect(act)
    timer.start()
    in_modal.timer = timer  # kept alive until it fires


def answering(asked: list, choice: str):
    """Steps for in_modal: note a message box's question, then press ``choice``."""
    def steps(box):
        asked.append(box.text())
        next(b for b in box.buttons() if plain(b.text()) == choice).click()
    return steps


def plain(text: str) -> str:
    """A button's or a menu entry's text as read, without its mnemonic mark."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def press(qtbot, dialog, text: str) -> None:
    """Click the dialog's button with this text."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    button = next(b for b in dialog.findChildren(QPushButton) if plain(b.text()) == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def qualified_case(db, filed_days_ago: int, request: str = "Pomoc w domu") -> str:
    """A resident's application filed ``filed_days_ago`` and qualified the day after: the
    case id."""
    from app.cases import applications
    from app.people import residents_store as store

    today = date.today()
    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, today - timedelta(days=filed_days_ago),
                                           "osoba", "osobiscie", request)
    return applications.qualify(db, app_id, today - timedelta(days=filed_days_ago - 1))
