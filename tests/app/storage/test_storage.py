import sqlite3
import threading
from pathlib import Path

import pytest
import sqlcipher3

from app.core import errors
from app.storage import migrations
from app.storage.opening import connect, open_database


def test_open_sets_wal_full_sync_and_foreign_keys(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_fresh_database_is_at_latest_schema_with_catalogue(db):
    assert migrations.schema_version(db) == migrations.LATEST
    assert db.execute("SELECT count(*) FROM service_areas").fetchone()[0] == 14
    names = {r[0] for r in db.execute("SELECT name FROM services")}
    assert {
        "Pomoc osobista",
        "Usługa wytchnieniowa (krótkie urlopy opiekunów)",
        "Przygotowywanie i dowóz posiłków",
        "Samopomocowa grupa wsparcia",
        "Poradnictwo prawne",
    } <= names
    assert db.execute("SELECT count(*) FROM services WHERE area_code = 14").fetchone()[0] >= 5


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlcipher3.dbapi2.IntegrityError):
        db.execute(
            "INSERT INTO cases (id, created_at, updated_at, resident_id, opened_on)"
            " VALUES ('c', 'x', 'x', 'no-such-resident', '2026-01-01')"
        )


def test_failed_unit_of_work_leaves_nothing(db):
    before = db.execute("SELECT value FROM settings WHERE key='cus_name'").fetchone()[0]
    with pytest.raises(RuntimeError), db.atomic():
        db.execute("UPDATE settings SET value = 'Zmienione' WHERE key = 'cus_name'")
        raise RuntimeError("crash in the middle")
    assert db.execute("SELECT value FROM settings WHERE key='cus_name'").fetchone()[0] == before
    assert before != "Zmienione"


def test_encrypted_file_needs_its_key(tmp_path):
    path = tmp_path / "tajne.db"
    database = connect(path, key="hasło-ćwiczebne")
    database.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES ('kipus_name', "
        "'Żaneta Kowalska', 'x') ON CONFLICT(key) DO UPDATE SET value=excluded.value"
    )
    database.conn.close()
    assert b"Kowalska" not in path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    with pytest.raises(errors.NotADatabase, match="innym hasłem"):
        connect(path)
    with pytest.raises(errors.NotADatabase):
        connect(path, key="złe hasło")
    again = connect(path, key="hasło-ćwiczebne")
    assert again.execute("SELECT value FROM settings WHERE key='kipus_name'").fetchone()[0] == (
        "Żaneta Kowalska"
    )
    again.conn.close()


def test_garbage_file_is_refused_with_polish_message(tmp_path):
    path = tmp_path / "zly.db"
    path.write_bytes(b"to nie jest baza danych" * 100)
    with pytest.raises(errors.NotADatabase, match="nie jest bazą Koordynatora"):
        connect(path)
    assert path.read_bytes().startswith(b"to nie jest")  # never overwritten


def test_damaged_file_is_detected_at_open(tmp_path, db_path):
    database = connect(db_path)
    database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.conn.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 12)):
        data[offset] = 0xAB
    db_path.write_bytes(bytes(data))
    with pytest.raises(errors.StorageError) as err:
        connect(db_path)
    assert isinstance(err.value, errors.DatabaseCorrupt | errors.NotADatabase)
    assert "kopię zapasową" in str(err.value) or "kopie" in str(err.value)


def test_missing_folder_is_explained(tmp_path):
    with pytest.raises(errors.DatabaseReadOnly, match="nie istnieje"):
        connect(tmp_path / "brak" / "baza.db")


def test_database_from_newer_program_is_refused(db_path):
    database = connect(db_path)
    database.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    database.conn.close()
    with pytest.raises(errors.SchemaTooNew, match="nowszą wersję Koordynatora"):
        connect(db_path)


def test_write_while_another_connection_holds_the_lock_is_explained(db_path, monkeypatch):
    monkeypatch.setattr("app.storage.connection.BUSY_TIMEOUT_S", 0.2)
    first = connect(db_path)
    second = connect(db_path)
    first.conn.execute("BEGIN IMMEDIATE")
    first.conn.execute("UPDATE settings SET value='a' WHERE key='cus_name'")
    from app.storage.connection import storage_errors

    with pytest.raises(errors.DatabaseLocked, match="zajęta"), storage_errors(db_path):
        second.conn.execute("PRAGMA busy_timeout = 200")
        second.execute("UPDATE settings SET value='b' WHERE key='cus_name'")
    first.conn.rollback()
    first.conn.close()
    second.conn.close()


def test_full_disk_message_is_polish():
    from app.storage.connection import translate_error

    err = translate_error(
        sqlcipher3.dbapi2.OperationalError("database or disk is full"), "x.db"
    )
    assert isinstance(err, errors.DiskFull)
    assert "zabrakło miejsca" in str(err)


def test_reads_from_two_threads_use_their_own_connections(db_path):
    connect(db_path).conn.close()
    results = []

    def worker():
        d, _ = open_database(db_path)
        results.append(d.execute("SELECT count(*) FROM services").fetchone()[0])
        d.conn.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [24, 24, 24]


def test_an_emptied_database_is_never_replaced_by_a_new_one(tmp_path):
    """k.db truncated to 0 bytes, its 2,000-resident backup beside it: the window, --smoke
    and check all refuse to start afresh, and check does not write into the file."""
    import subprocess
    import sys

    from app.demo import generate as demo
    from app.storage import backups
    from app.storage.opening import connect
    from tests.app.cli.test_admin import run

    path = tmp_path / "k.db"
    db = connect(path)
    demo.build(db, 2000, seed=5)
    backups.make_backup(db, path, "auto")
    db.conn.close()
    path.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)

    check = run("koordynator-admin", "check", "--db", str(path))
    assert check.returncode == 1 and "pusty" in check.stdout
    assert path.stat().st_size == 0  # check never writes to the file it checks
    search = run("koordynator-admin", "search", "a", "--db", str(path))
    assert search.returncode == 2 and "kopie zapasowe" in search.stderr
    assert path.stat().st_size == 0
    smoke = subprocess.run(
        [sys.executable, "-c", "import sys; from ui.shell.main import main; sys.exit(main())",
         "--smoke", "--db", str(path)], capture_output=True, text=True, timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert smoke.returncode == 2, smoke.stderr
    assert "nie założy" in smoke.stderr and path.stat().st_size == 0
    path.unlink()  # a missing file with backups beside it: the same
    smoke = subprocess.run(
        [sys.executable, "-c", "import sys; from ui.shell.main import main; sys.exit(main())",
         "--smoke", "--db", str(path)], capture_output=True, text=True, timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert smoke.returncode == 2 and not path.exists()


def test_restore_on_a_disk_that_fills_up_keeps_the_window_working(qtbot, db, db_path,
                                                                  monkeypatch):
    """shutil's OSError(28) once escaped restore_from after the connection was closed."""
    import errno

    from app.demo import generate as demo
    from app.people import residents_store as store
    from app.storage import backups
    from tests.conftest import session_of
    from ui.common import dialogs
    from ui.shell.main_window import MainWindow

    demo.build(db, 30, seed=2)
    copy = backups.make_backup(db, db_path, "auto")
    window = MainWindow(session_of(db))
    qtbot.addWidget(window)
    window.show()
    window.load()
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.shutil, "copyfile", full)
    assert window.restore_from(copy) is False
    assert "zabrakło miejsca" in shown[0]
    assert store.count(window.db) == 30  # the window still reads its database


def test_leftovers_of_a_restore_killed_after_its_rename_finish_the_anchor(tmp_path):
    from app.audit import trail as audit
    from app.demo import generate as demo
    from app.storage import backups, restoring
    from app.storage.audit_anchor import anchor_path
    from app.storage.leftovers import clean_up
    from app.storage.opening import connect

    path = tmp_path / "k.db"
    db = connect(path)
    demo.build(db, 20, seed=2)
    copy = backups.make_backup(db, path, "reczna", folder=tmp_path / "usb")
    demo.build(db, 20, seed=3)
    db.conn.close()
    real_replace, renames = backups.os.replace, []

    def die_before_anchor(src, dst):
        if str(dst).endswith(".kotwica") and str(src).endswith(".przywracanie"):
            raise KeyboardInterrupt  # the kill, between the two renames
        renames.append(dst)
        real_replace(src, dst)

    backups.os.replace = die_before_anchor
    try:
        restoring.restore(path, copy)
    except KeyboardInterrupt:
        pass
    finally:
        backups.os.replace = real_replace
    assert Path(str(anchor_path(path)) + ".przywracanie").exists()
    clean_up(path)
    db = connect(path)
    assert audit.verify(db) == []
    db.conn.close()


def test_backup_to_the_databases_own_key_file_is_refused(tmp_path):
    from app.storage import encrypt_in_place, encryption
    from app.storage.opening import connect
    from tests.app.cli.test_admin import run

    path = tmp_path / "k.db"
    connect(path).conn.close()
    encrypt_in_place.encrypt_database(path, "Żabno-2026!")
    key_before = encryption.key_file(path).read_bytes()
    result = run("koordynator-admin", "backup", "--db", str(path), "--out",
                 str(encryption.key_file(path)), "--password-stdin", stdin="Żabno-2026!\n")
    assert result.returncode == 2 and "inną nazwę" in result.stderr
    assert encryption.key_file(path).read_bytes() == key_before


def test_a_folder_named_like_a_backup_does_not_block_opening(tmp_path):
    from app.storage import backups
    from app.storage.opening import connect
    from app.storage.paths import backup_dir

    path = tmp_path / "k.db"
    connect(path).conn.close()
    (backup_dir(path) / "k-20260101-100000-auto.db").mkdir(parents=True)
    assert backups.list_backups(backup_dir(path)) == []
    assert backups.newest_good(backup_dir(path)) is None


def test_a_missing_database_with_only_its_anchor_left_is_not_replaced(tmp_path):
    from app.core.errors import DatabaseMissing
    from app.people import residents_store as store
    from app.storage.opening import connect
    from tests.conftest import TODAY, person

    path = tmp_path / "k.db"
    db = connect(path)
    store.add(db, person(), TODAY)
    db.conn.close()
    for f in tmp_path.glob("k.db*"):
        if not f.name.endswith(".kotwica"):
            f.unlink()
    with pytest.raises(DatabaseMissing, match="kotwica"):
        connect(path)
