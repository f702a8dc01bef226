"""Password, recovery key and the idle lock, driven through the real widgets."""

import os
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.people import residents_store as store
from app.storage import encrypt_in_place, encryption
from app.storage.opening import connect
from tests.conftest import TODAY, encrypted_window, person, type_text
from ui.shell.idle_lock import LOCKED_TITLE, IdleLock
from ui.shell.password_dialogs import (
    NewPasswordDialog,
    RecoveryKeyDialog,
    RecoveryResetDialog,
    UnlockDialog,
)

PASSWORD = "Żabno-2026!"


@pytest.fixture
def encrypted(db_path):
    db = connect(db_path)
    store.add(db, person(), TODAY)
    db.conn.close()
    code = encrypt_in_place.encrypt_database(db_path, PASSWORD)
    return db_path, code


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_new_password_must_be_strong_and_typed_twice(qtbot):
    dialog = NewPasswordDialog("Hasło", "wstęp")
    qtbot.addWidget(dialog)
    type_text(dialog.first, "abc")
    assert dialog.try_accept() is False
    assert "co najmniej 8" in dialog.error.text()
    dialog.first.setText("Mocne-Hasło-1")
    dialog.second.setText("Mocne-Haslo-1")
    assert dialog.try_accept() is False
    assert "różnią się" in dialog.error.text()
    dialog.second.setText("Mocne-Hasło-1")
    assert dialog.try_accept() is True and dialog.password == "Mocne-Hasło-1"


def test_wrong_password_gets_message_and_a_growing_delay(qtbot, encrypted):
    db_path, _ = encrypted
    clock = FakeClock()
    dialog = UnlockDialog(db_path, clock=clock)
    qtbot.addWidget(dialog)
    delays = []
    for _ in range(3):
        dialog.password.setText("złe hasło")
        clock.now += 100
        assert dialog.try_unlock() is False
        delays.append(dialog.attempts.remaining())
    assert delays == [1.0, 2.0, 4.0]
    assert "Nieprawidłowe hasło" in dialog.error.text() and "4 s" in dialog.error.text()
    dialog.password.setText(PASSWORD)
    assert dialog.try_unlock() is False  # still waiting, even with the right password
    restarted = UnlockDialog(db_path, clock=clock)  # closing the program resets nothing
    qtbot.addWidget(restarted)
    restarted.password.setText(PASSWORD)
    assert restarted.try_unlock() is False and "trzeba chwilę odczekać" in restarted.error.text()
    clock.now += 5
    assert dialog.try_unlock() is True
    assert dialog.key == encryption.unlock(db_path, PASSWORD)


def test_recovery_key_sets_a_new_password(qtbot, encrypted):
    db_path, code = encrypted
    dialog = RecoveryResetDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.code.setText("AAAA-BBBB")
    dialog.first.setText("Nowe-Hasło-7")
    dialog.second.setText("Nowe-Hasło-7")
    assert dialog.try_reset() is False and "długość" in dialog.error.text()
    dialog.code.setText(code.lower())
    assert dialog.try_reset() is True
    assert encryption.unlock(db_path, "Nowe-Hasło-7") == dialog.key


def test_recovery_key_sheet_prints_the_code_with_polish_letters(qtbot, tmp_path, encrypted):
    from pypdf import PdfReader

    db_path, code = encrypted
    dialog = RecoveryKeyDialog(code, db_path, "Centrum Usług Społecznych w Żabnie")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.show()
    dialog.reject()
    assert dialog.isVisible()  # Esc cannot dismiss the key unseen
    pdf = dialog.save_sheet(tmp_path / "klucz.pdf")
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Centrum Usług Społecznych w Żabnie" in text
    assert "Klucz odzyskiwania bazy danych" in text
    for group in code.split("-"):
        assert group in text
    dialog.confirm.setChecked(True)
    assert ok.isEnabled()


def test_idle_lock_hides_data_keeps_typed_text_and_needs_password(qtbot, encrypted):
    db_path, _ = encrypted
    win = encrypted_window(qtbot, db_path, PASSWORD)
    db = win.db
    assert isinstance(win.idle_lock, IdleLock)
    assert win.idle_lock.timer.interval() == 5 * 60_000  # the default setting
    dialog = win.open_resident_dialog(win.selected_row().id)
    qtbot.addWidget(dialog)
    dialog.setModal(True)
    dialog.show()
    dialog.edits["phone"].setText("601 999 000")
    title = dialog.windowTitle()
    assert "Żółkiewski" in title

    win.idle_lock.lock()
    assert dialog.windowTitle() == LOCKED_TITLE and win.windowTitle() == LOCKED_TITLE
    overlays = win.idle_lock._overlays
    assert len(overlays) == 2 and all(o.isVisible() for o in overlays)
    host = win.idle_lock._password_overlay()
    assert host.parentWidget() is dialog  # the modal form is where she can type
    # typing into the hidden form does nothing while locked
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_X, Qt.KeyboardModifier.NoModifier, "x")
    QApplication.sendEvent(dialog.edits["surname"], event)
    assert dialog.edits["surname"].text() == "Żółkiewski"

    assert win.idle_lock.try_unlock("złe hasło") is False
    assert "Nieprawidłowe hasło" in host.error.text()
    win.idle_lock.attempts.reset()
    assert win.idle_lock.try_unlock(PASSWORD) is True
    assert dialog.windowTitle() == title
    assert dialog.edits["phone"].text() == "601 999 000"  # nothing typed was lost
    assert win.idle_lock._overlays == []
    win.close()
    db.conn.close()


def test_smoke_on_encrypted_database_reads_password_from_stdin(encrypted):
    db_path, _ = encrypted
    cmd = [sys.executable, "-c", "import sys; from ui.shell.main import main; sys.exit(main())",
           "--smoke", "--db", str(db_path)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2 and "--password-stdin" in result.stderr
    result = subprocess.run([*cmd, "--password-stdin"], input="złe\n", capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 2 and "Nieprawidłowe hasło" in result.stderr
    time.sleep(1.1)  # the delay after a wrong password
    result = subprocess.run([*cmd, "--password-stdin"], input=PASSWORD + "\n",
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    float(result.stdout.strip())
