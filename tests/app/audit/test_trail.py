import pytest
import sqlcipher3

from app.audit import trail as audit
from app.people import residents_store as store
from tests.conftest import TODAY, person


def _actions(db):
    return [r[0] for r in db.execute("SELECT action FROM audit_log ORDER BY seq")]


def test_every_change_and_view_is_logged_with_who_and_which_record(db):
    db.execute("UPDATE settings SET value = 'Anna Kipus' WHERE key = 'kipus_name'")
    r = store.add(db, person(), TODAY)
    store.get(db, r.id, record_view=True)
    r.phone = "601 000 000"
    store.update(db, r, TODAY)
    store.archive(db, r.id, "wyprowadzka")
    assert _actions(db) == ["utworzenie", "wyswietlenie", "zmiana", "archiwizacja"]
    entries = audit.entries_for(db, resident_id=r.id)
    assert {e.actor for e in entries} == {"Anna Kipus"}
    assert {e.record_id for e in entries} == {r.id}
    assert '"phone"' in [e for e in entries if e.action == "zmiana"][0].details


def test_audit_row_shares_the_transaction_of_the_change(db):
    with pytest.raises(RuntimeError), db.atomic():
        audit.record(db, "zmiana", "residents", "x")
        raise RuntimeError
    assert _actions(db) == []


def test_audit_log_refuses_edits_and_deletions(db):
    store.add(db, person(), TODAY)
    with pytest.raises(sqlcipher3.dbapi2.IntegrityError, match="tylko uzupełniać"):
        db.execute("UPDATE audit_log SET actor = 'ktoś'")
    with pytest.raises(sqlcipher3.dbapi2.IntegrityError, match="tylko uzupełniać"):
        db.execute("DELETE FROM audit_log")


def test_tampering_is_detected(db):
    r = store.add(db, person(), TODAY)
    store.archive(db, r.id)
    store.restore(db, r.id)
    assert audit.verify_chain(db) == []
    # someone with the file and a SQLite tool drops the trigger and edits history
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute("UPDATE audit_log SET actor = 'ktoś inny' WHERE seq = 2")
    assert any("zmieniona" in p for p in audit.verify_chain(db))
    db.execute("DELETE FROM audit_log WHERE seq = 2")
    assert any("brakuje wpisu" in p for p in audit.verify_chain(db))
