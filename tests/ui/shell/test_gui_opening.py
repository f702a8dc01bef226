"""Opening the database for the window: the way out when the file cannot be opened, and
bringing the running copy forward."""

import contextlib
from pathlib import Path

from app.demo import generate as demo
from app.people import residents_store as store
from app.session.session import Session
from app.storage import backups
from app.storage.opening import connect
from tests.conftest import TODAY, plain
from ui.shell import opening
from ui.shell.single_instance import ActivationServer, ask_first_copy_to_show


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:4096] = b"\x00" * 4096  # the header page is gone
    path.write_bytes(bytes(data))


def test_damaged_file_restores_newest_good_backup(qtbot, db, db_path, monkeypatch):
    demo.build(db, 80, seed=4, today=TODAY)
    backups.make_backup(db, db_path, "auto")
    db.conn.close()
    _damage(db_path)
    asked = []

    def answer(message, newest, *rest):
        asked.append((message, newest))
        return "restore"

    monkeypatch.setattr(opening, "ask_way_out", answer)
    opened = opening.open_for_window(db_path, demo=True)
    assert isinstance(opened, Session)
    assert store.count(opened.db) == 80
    opened.close()
    message, newest = asked[0]
    assert "nie jest bazą Koordynatora" in message and newest is not None
    # the damaged file was kept aside, never overwritten
    assert len(list((db_path.parent / "koordynator-kopie").glob("*.uszkodzona"))) == 1


def test_choosing_another_file_or_quitting(qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "zly.db"
    bad.write_bytes(b"nie baza" * 600)
    other = tmp_path / "inna.db"
    connect(other).conn.close()
    monkeypatch.setattr(opening, "ask_way_out", lambda *a: "other")
    monkeypatch.setattr(opening, "choose_other_file", lambda current: other)
    assert opening.open_for_window(bad, demo=True) == other
    monkeypatch.setattr(opening, "ask_way_out", lambda *a: "quit")
    assert opening.open_for_window(bad, demo=True) is None
    assert bad.read_bytes() == b"nie baza" * 600  # never overwritten


def test_second_start_brings_the_running_window_forward(qtbot, db_path):
    server = ActivationServer(db_path)
    with qtbot.waitSignal(server.activate, timeout=3000):
        assert ask_first_copy_to_show(db_path) is True
    assert ask_first_copy_to_show(db_path.with_name("inna.db")) is False


def _answer_dialogs(monkeypatch, password="Żabno-2026!", accept=True):
    """The KIPUS types a password and confirms the recovery key was put away."""
    from PySide6.QtWidgets import QDialog

    from ui.shell import password_dialogs

    shown = []

    def new_password_exec(self):
        self.first.setText(password)
        self.second.setText(password)
        return QDialog.DialogCode.Accepted if accept and self.try_accept() else 0

    def recovery_exec(self):
        shown.append(self.code)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(password_dialogs.NewPasswordDialog, "exec", new_password_exec)
    monkeypatch.setattr(password_dialogs.RecoveryKeyDialog, "exec", recovery_exec)
    return shown


def test_first_start_creates_an_encrypted_database(qtbot, tmp_path, monkeypatch):
    from app.storage import encrypt_in_place, encryption

    path = tmp_path / "nowa.db"
    shown = _answer_dialogs(monkeypatch)
    session = opening.open_for_window(path, demo=False)
    db, key = session.db, session.key
    assert key and encryption.is_encrypted(path)
    assert len(shown) == 1 and len(shown[0].split("-")) == 13  # the recovery key, once
    assert not encrypt_in_place.recovery_key_pending(path)
    db.conn.close()
    assert encryption.unlock(path, "Żabno-2026!") == key


def test_plain_real_database_is_encrypted_before_use(qtbot, db, db_path, monkeypatch):
    from app.storage import encryption
    from tests.conftest import person

    store.add(db, person(), TODAY)
    db.conn.close()
    shown = _answer_dialogs(monkeypatch)
    session = opening.open_for_window(db_path, demo=False)
    opened, key = session.db, session.key
    assert key and encryption.is_encrypted(db_path)
    assert shown == [encryption.recovery_code(key)]
    assert store.search(opened, "44051401359")
    opened.conn.close()


def test_refusing_a_password_opens_nothing(qtbot, db, db_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    db.conn.close()
    _answer_dialogs(monkeypatch, accept=False)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    assert opening.open_for_window(db_path, demo=False) is None
    from app.storage import encryption

    assert not encryption.is_encrypted(db_path)


def test_demo_database_stays_plain(qtbot, db, db_path):
    demo.build(db, 10, seed=1, today=TODAY)
    db.conn.close()
    session = opening.open_for_window(db_path, demo=False)
    opened, key = session.db, session.key
    assert key is None
    opened.conn.close()


def test_recovery_key_hidden_by_a_kill_is_shown_at_the_next_start_once(qtbot, db, db_path,
                                                                       monkeypatch):
    """A kill after the encryption committed but before the key was seen: the next start
    finishes the encryption without the password and shows the key after it, once."""
    from app.storage import encrypt_in_place, encryption
    from app.storage.leftovers import clean_up
    from tests.conftest import person

    store.add(db, person(), TODAY)
    backups.make_backup(db, db_path, "auto")
    db.conn.close()
    real_replace = encrypt_in_place.os.replace
    calls = []

    def killed_after_first_rename(src, dst):
        if encrypt_in_place.read_journal(db_path).get("stage") == "commit":
            calls.append(dst)
            if len(calls) == 2:
                raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(encrypt_in_place.os, "replace", killed_after_first_rename)
    with contextlib.suppress(KeyboardInterrupt):
        encrypt_in_place.encrypt_database(db_path, "Żabno-2026!")
    monkeypatch.setattr(encrypt_in_place.os, "replace", real_replace)
    assert encryption.has_plain_header(db_path)  # killed between the key file and the data
    assert clean_up(db_path)  # the next start, before anything asks for a password
    shown = _answer_dialogs(monkeypatch)
    session = opening.open_for_window(db_path, demo=False, password="Żabno-2026!")
    db, key = session.db, session.key
    db.conn.close()
    assert shown == [encryption.recovery_code(key)]
    assert not any(encryption.has_plain_header(b.path)
                   for b in backups.list_backups(db_path.parent / "koordynator-kopie"))
    session = opening.open_for_window(db_path, demo=False, password="Żabno-2026!")
    db, key = session.db, session.key
    db.conn.close()
    assert len(shown) == 1  # seen once is enough


def test_recovery_key_can_be_shown_again_after_the_password(qtbot, db, db_path, monkeypatch):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog

    from app.storage import encrypt_in_place, encryption
    from app.storage.password_attempts import PasswordAttempts
    from ui.shell import password_dialogs
    from ui.shell.main_window import MainWindow

    db.conn.close()
    code = encrypt_in_place.encrypt_database(db_path, "Żabno-2026!")
    key = encryption.unlock(db_path, "Żabno-2026!")
    window = MainWindow(Session.open(db_path, key))
    qtbot.addWidget(window)
    shown, typed = [], []

    def unlock_exec(self):
        self.password.setText(typed.pop(0))
        return QDialog.DialogCode.Accepted if self.try_unlock() else 0

    monkeypatch.setattr(password_dialogs.UnlockDialog, "exec", unlock_exec)
    monkeypatch.setattr(password_dialogs.RecoveryKeyDialog, "exec",
                        lambda self: shown.append(self.code) or 1)
    action = next(a for a in window.findChildren(QAction)
                  if plain(a.text()) == "Pokaż klucz odzyskiwania…")
    typed.append("złe hasło")
    action.trigger()
    assert shown == []
    PasswordAttempts(db_path).reset()  # the second has passed
    typed.append("Żabno-2026!")
    action.trigger()
    assert shown == [code]


def _damage_one_page(path: Path, table: str = "audit_log") -> None:
    """32 zeroed bytes at the head of one page of ``table``: the file still opens, the
    start-up check finds it."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno",
                        [table]).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    offset = (page - 1) * 4096
    data[offset:offset + 32] = b"\x00" * 32
    path.write_bytes(bytes(data))


def _damaged_with_backup(tmp_path, residents: int, table: str = "audit_log",
                         backup: bool = True) -> Path:
    """A demo database with a backup beside it, then one page of ``table`` damaged."""
    path = tmp_path / "k.db"
    db = connect(path)
    demo.build(db, residents, seed=6, today=TODAY)
    if backup:
        backups.make_backup(db, path, "auto")
    db.conn.close()
    _damage_one_page(path, table)
    return path


def test_damage_found_after_start_offers_the_newest_backup_and_restores_it(
        qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.storage.connection import check_file
    from ui.shell import error_guard, integrity
    from ui.shell.main import main

    path = _damaged_with_backup(tmp_path, 300)
    assert check_file(path) != "ok"
    offered = []

    def answer(message, newest, *rest):
        offered.append((message, newest))
        return "restore"

    monkeypatch.setattr(opening, "ask_way_out", answer)
    monkeypatch.setattr(error_guard, "install", lambda *a: None)
    real_start, starts = integrity.IntegrityWatcher.start, []

    def start(self):
        starts.append(self)
        if len(starts) == 1:
            real_start(self)
        else:  # the second window, on the restored file: enough
            QTimer.singleShot(0, QApplication.instance().quit)

    monkeypatch.setattr(integrity.IntegrityWatcher, "start", start)
    assert main(["--db", str(path), "--demo"]) == 0
    message, newest = offered[0]
    assert "uszkodzony" in message and "btree" not in message.lower()
    assert "error code" not in message and newest is not None
    assert len(starts) == 2 and check_file(path) == "ok"
    restored = connect(path)
    assert store.count(restored) == 300
    restored.conn.close()
    assert len(list((tmp_path / "k-kopie").glob("*.uszkodzona"))) == 1


def test_damage_found_after_start_and_quit_exits_without_a_word_of_sqlite(
        qtbot, tmp_path, monkeypatch):
    from ui.shell import error_guard
    from ui.shell.main import main

    path = _damaged_with_backup(tmp_path, 100, backup=False)
    before = path.read_bytes()
    monkeypatch.setattr(opening, "ask_way_out", lambda *a, **k: "quit")
    monkeypatch.setattr(error_guard, "install", lambda *a: None)
    assert main(["--db", str(path), "--demo"]) == 2
    assert path.read_bytes() == before  # nothing written to the damaged file


def test_an_emptied_database_offers_its_backup_in_the_window(qtbot, db, db_path, monkeypatch):
    demo.build(db, 50, seed=4, today=TODAY)
    backups.make_backup(db, db_path, "auto")
    db.conn.close()
    db_path.write_bytes(b"")
    offered = []
    monkeypatch.setattr(opening, "ask_way_out",
                        lambda message, newest, *a: offered.append((message, newest)) or "quit")
    assert opening.open_for_window(db_path, demo=False) is None
    assert "nie założy" in offered[0][0] and offered[0][1] is not None
    assert db_path.stat().st_size == 0


def test_a_database_from_a_newer_version_defaults_to_another_file_and_says_update(
        qtbot, db, db_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.storage import migrations

    backups.make_backup(db, db_path, "auto")
    db.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    db.conn.close()
    seen = {}

    def look(box):
        seen["default"] = box.defaultButton().text()
        seen["text"] = box.informativeText()
        seen["buttons"] = [b.text() for b in box.buttons()]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", look)
    assert opening.open_for_window(db_path, demo=True) is None
    assert seen["default"] == "Wybierz inny plik…"
    assert "Zaktualizuj Koordynatora" in seen["text"]
    assert any(t.startswith("Przywróć kopię") for t in seen["buttons"])  # still possible


def test_damage_met_while_the_first_screen_fills_also_offers_the_way_out(
        qtbot, tmp_path, monkeypatch):
    """A bad page of a table the start reads (not just one the background check finds)."""
    from app.storage.connection import check_file
    from ui.shell import error_guard
    from ui.shell.main import main

    path = _damaged_with_backup(tmp_path, 400, "cases")
    offered = []
    monkeypatch.setattr(opening, "ask_way_out",
                        lambda message, newest, *rest: offered.append(newest) or "quit")
    monkeypatch.setattr(error_guard, "install", lambda *a: None)
    assert main(["--db", str(path), "--demo"]) == 2
    assert offered and offered[0] is not None
    assert check_file(path) != "ok"  # untouched: she chose to quit


def test_smoke_fails_on_damage_only_the_full_check_finds(tmp_path):
    import os
    import subprocess
    import sys

    path = _damaged_with_backup(tmp_path, 100, backup=False)
    smoke = subprocess.run(
        [sys.executable, "-c", "import sys; from ui.shell.main import main; sys.exit(main())",
         "--smoke", "--demo", "--db", str(path)], capture_output=True, text=True,
        timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert smoke.returncode == 2 and "uszkodzony" in smoke.stderr


def test_an_emptied_database_is_restored_from_a_copy_on_a_stick(qtbot, db, db_path,
                                                                 monkeypatch):
    """Not opened from the stick (she would then work there): copied into place."""
    demo.build(db, 40, seed=4, today=TODAY)
    stick = backups.make_backup(db, db_path, "reczna", folder=db_path.parent / "pendrive")
    db.conn.close()
    for b in backups.list_backups(db_path.parent / "koordynator-kopie"):
        b.path.unlink()
    db_path.write_bytes(b"")
    (db_path.parent / "koordynator-kopie").mkdir(exist_ok=True)
    (db_path.parent / "koordynator-kopie" / "koordynator-20261101-100000-auto.db").write_bytes(
        stick.read_bytes())  # a sign of earlier data (else a new database would be made)
    answers = iter(["restore-file", "quit"])
    monkeypatch.setattr(opening, "ask_way_out", lambda *a, **k: next(answers))
    monkeypatch.setattr(opening, "choose_other_file", lambda current, title="": stick)
    opened = opening.open_for_window(db_path, demo=True)
    assert isinstance(opened, Session)
    assert store.count(opened.db) == 40
    opened.close()
    assert db_path.stat().st_size > 0 and stick.exists()
