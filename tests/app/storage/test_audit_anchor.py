"""`koordynator-admin audit-verify` against someone with a SQLite tool and the file: every
kind of tampering exits 1, the untouched log exits 0."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from app.audit import trail as audit
from app.demo.generate import pesel_for
from app.people import residents_store as store
from app.storage import backups
from app.storage.opening import connect
from tests.app.cli.test_admin import run
from tests.conftest import TODAY, person

PESELS = [pesel_for(date(1950 + n, 3, 4), n % 2 == 0, n) for n in range(6)]


def _digest(prev_hash: str, fields: list) -> str:
    payload = json.dumps([prev_hash, *fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@pytest.fixture
def logged(db_path):
    db = connect(db_path)
    for n, pesel in enumerate(PESELS[:5]):
        saved = store.add(db, person(pesel=pesel, surname=f"Nowak{'ab'[n % 2]}"), TODAY)
        if n == 2:
            backups.make_backup(db, db_path, "auto")
        store.archive(db, saved.id, "wyprowadzka")
    db.conn.close()
    return db_path


def _verify(path):
    return run("koordynator-admin", "audit-verify", "--db", str(path))


def _tamper(path, *sql):
    db = connect(path, migrate=False)
    db.conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    db.conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for statement in sql:
        db.conn.execute(statement)
    db.conn.commit()
    return db


def _recompute_from(db, first_seq: int) -> None:
    rows = db.conn.execute("SELECT seq, at, actor, action, table_name, record_id, resident_id,"
                           " details FROM audit_log ORDER BY seq").fetchall()
    prev = "0" * 64
    for row in rows:
        seq, fields = row[0], list(row[1:])
        if seq >= first_seq:
            new = _digest(prev, fields)
            db.conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                            [prev, new, seq])
            prev = new
        else:
            prev = db.conn.execute("SELECT hash FROM audit_log WHERE seq = ?",
                                   [seq]).fetchone()[0]
    db.conn.commit()


def test_untouched_log_verifies(logged):
    result = _verify(logged)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "nienaruszony" in result.stdout


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_deleted_entry_is_found(logged, where):
    db = connect(logged, migrate=False)
    seqs = [r[0] for r in db.conn.execute("SELECT seq FROM audit_log ORDER BY seq")]
    db.conn.close()
    victim = {"first": seqs[0], "middle": seqs[len(seqs) // 2], "last": seqs[-1]}[where]
    _tamper(logged, f"DELETE FROM audit_log WHERE seq = {victim}").conn.close()
    result = _verify(logged)
    assert result.returncode == 1, result.stdout


def test_the_last_entries_cut_off_are_found(logged):
    _tamper(logged, "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)"
            ).conn.close()
    result = _verify(logged)
    assert result.returncode == 1 and "Usunięto ostatnie wpisy" in result.stdout


def test_all_entries_deleted_are_found(logged):
    _tamper(logged, "DELETE FROM audit_log").conn.close()
    result = _verify(logged)
    assert result.returncode == 1, result.stdout


def test_dropped_triggers_alone_are_found(logged):
    _tamper(logged).conn.close()
    result = _verify(logged)
    assert result.returncode == 1 and "wyzwalacz" in result.stdout


def test_an_edited_entry_with_hashes_recomputed_is_found(logged):
    db = _tamper(logged, "UPDATE audit_log SET actor = 'ktoś inny' WHERE seq = 3")
    _recompute_from(db, 3)
    assert audit.verify_chain(db) == []  # the chain alone is fooled
    db.conn.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
                    "SELECT RAISE(ABORT, 'x'); END")
    db.conn.execute("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
                    "SELECT RAISE(ABORT, 'x'); END")
    db.conn.commit()
    db.conn.close()
    result = _verify(logged)
    assert result.returncode == 1 and "przeliczone" in result.stdout


def test_a_forged_entry_appended_is_found(logged):
    db = connect(logged, migrate=False)
    last = db.conn.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()[0]
    fields = ["2026-11-20T10:00:00+00:00", "ktoś", "eksport", "residents", "x", None, None]
    db.conn.execute("INSERT INTO audit_log (at, actor, action, table_name, record_id,"
                    " resident_id, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)",
                    [*fields, last, _digest(last, fields)])
    db.conn.commit()
    assert audit.verify_chain(db) == []
    db.conn.close()
    result = _verify(logged)
    assert result.returncode == 1 and "pominięciem programu" in result.stdout


def test_the_program_does_not_adopt_a_rewritten_history(logged):
    db = _tamper(logged, "UPDATE audit_log SET actor = 'ktoś inny' WHERE seq = 3")
    _recompute_from(db, 3)
    db.conn.close()
    db = connect(logged)
    store.add(db, person(pesel=PESELS[5]), TODAY)  # the KIPUS works on, unaware
    db.conn.close()
    assert _verify(logged).returncode == 1


def test_restore_starts_the_anchor_from_the_restored_history(logged, tmp_path):
    copy = backups.list_backups(logged.parent / "koordynator-kopie")[0].path
    assert run("koordynator-admin", "restore", "--db", str(logged), "--from", str(copy)
               ).returncode == 0
    result = _verify(logged)
    assert result.returncode == 0, result.stdout


def test_encrypting_the_database_carries_its_anchors_over(logged):
    from app.storage import encrypt_in_place, encryption

    encrypt_in_place.encrypt_database(logged, "Żabno-2026!")
    key = encryption.unlock(logged, "Żabno-2026!")
    db = connect(logged, key)
    assert audit.verify(db) == []
    store.add(db, person(pesel=PESELS[5]), TODAY)
    assert audit.verify(db) == []
    db.conn.close()


def test_a_fake_future_restore_does_not_hide_newer_backups(logged):
    """Rolling the live file back to an older copy, then naming a file as a restore dated
    2099 so that newer copies' heads would be skipped."""
    import shutil

    folder = logged.parent / "koordynator-kopie"
    old = backups.list_backups(folder)[0].path
    db = connect(logged)
    store.add(db, person(pesel=PESELS[5]), TODAY)
    backups.make_backup(db, logged, "auto")  # a newer copy remembers the newer head
    db.conn.close()
    shutil.copyfile(old, logged)
    shutil.copyfile(str(old) + ".kotwica", str(logged) + ".kotwica")
    for suffix in ("-wal", "-shm"):
        logged.with_name(logged.name + suffix).unlink(missing_ok=True)
    (folder / "koordynator-20991231-235959-przed-przywroceniem.db").write_bytes(b"")
    result = _verify(logged)
    assert result.returncode == 1, result.stdout


def test_a_garbled_backup_anchor_is_reported(logged):
    folder = logged.parent / "koordynator-kopie"
    copy = backups.list_backups(folder)[0].path
    (copy.parent / (copy.name + ".kotwica")).write_text('{"seq": 1, "hash": "x", "mac": "y"}')
    result = _verify(logged)
    assert result.returncode == 1 and "zmieniony poza programem" in result.stdout
