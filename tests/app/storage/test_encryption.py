"""Encryption at rest: nothing readable in the file, its WAL or any backup; password and
recovery key both open it; a wrong one is refused."""

import pytest

from app.core.errors import NotADatabase
from app.demo import generate as demo
from app.people import residents_store as store
from app.storage import backups, encrypt_in_place, encryption
from app.storage.opening import connect, open_database
from app.storage.paths import backup_dir
from tests.conftest import TODAY, person

PASSWORD = "Żabno-2026!"
SECRETS = [b"44051401359", "Żółkiewski".encode(), b"Zolkiewski", "Źródlana".encode()]


def _leaks(path) -> list[str]:
    data = path.read_bytes() if path.exists() else b""
    return [s.decode() for s in SECRETS if s in data]


def _all_files(db_path):
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    files += [b.path for b in backups.list_backups(backup_dir(db_path))]
    return [f for f in files if f.exists()]


@pytest.fixture
def plain_with_backups(db_path):
    db = connect(db_path)
    demo.build(db, 200, seed=1, today=TODAY)
    store.add(db, person(), TODAY)
    backups.make_backup(db, db_path, "auto")
    db.conn.close()
    assert _leaks(db_path) or _leaks(backups.list_backups(backup_dir(db_path))[0].path)
    return db_path


def test_encrypting_leaves_no_readable_personal_data_anywhere(plain_with_backups):
    db_path = plain_with_backups
    code = encrypt_in_place.encrypt_database(db_path, PASSWORD)
    assert len(code.split("-")) == 13
    key = encryption.unlock(db_path, PASSWORD)
    db = connect(db_path, key)
    store.add(db, person(surname="Źródło", pesel="02270886201"), TODAY)  # WAL gets writes
    backups.make_backup(db, db_path, "auto", key)
    assert db_path.with_name(db_path.name + "-wal").exists()
    for f in _all_files(db_path):
        assert _leaks(f) == [], f.name
    assert [r.surname for r in store.search(db, "44051401359")] == ["Żółkiewski"]
    db.conn.close()
    kinds = {b.kind for b in backups.list_backups(backup_dir(db_path))}
    assert "przed-szyfrowaniem" in kinds
    for b in backups.list_backups(backup_dir(db_path)):
        assert backups.verify_backup(b.path, key).ok, b.path.name


def test_password_and_recovery_key_open_it_wrong_ones_do_not(plain_with_backups):
    db_path = plain_with_backups
    code = encrypt_in_place.encrypt_database(db_path, PASSWORD)
    with pytest.raises(NotADatabase):
        connect(db_path)
    with pytest.raises(encryption.WrongPassword, match="Nieprawidłowe hasło"):
        encryption.unlock(db_path, "zle-haslo-123")
    key = encryption.key_from_recovery_code(code.lower().replace("-", " "))
    assert key == encryption.unlock(db_path, PASSWORD)
    with pytest.raises(encryption.WrongPassword, match="nie pasuje"):
        encryption.reset_password(db_path, encryption.recovery_code(encryption.new_data_key()),
                                  "Nowe-Hasło-1")
    encryption.reset_password(db_path, code, "Nowe-Hasło-1")
    with pytest.raises(encryption.WrongPassword):
        encryption.unlock(db_path, PASSWORD)
    db, info = open_database(db_path, encryption.unlock(db_path, "Nowe-Hasło-1"))
    assert store.count(db) == 201
    assert info.migrated_from == info.schema_version  # the schema version survived
    db.conn.close()


def test_change_password_keeps_data_and_old_backups_readable(plain_with_backups):
    db_path = plain_with_backups
    encrypt_in_place.encrypt_database(db_path, PASSWORD)
    encryption.change_password(db_path, PASSWORD, "Inne-Haslo-99")
    key = encryption.unlock(db_path, "Inne-Haslo-99")
    for b in backups.list_backups(backup_dir(db_path)):
        assert backups.verify_backup(b.path, key).ok


@pytest.mark.parametrize("password, message", [
    ("krótkie", "co najmniej 8"),
    ("12345678", "cyfrę"),
    ("wszystkomale", "cyfrę"),
    (" spacja-na-poczatku1", "spacją"),
])
def test_weak_passwords_are_refused(password, message):
    assert message in encryption.check_password_strength(password)


def test_recovery_code_tolerates_typing_mistakes_of_lookalikes():
    key = encryption.new_data_key()
    code = encryption.recovery_code(key)
    assert encryption.key_from_recovery_code(code.replace("O", "0").lower()) == key
    with pytest.raises(encryption.WrongPassword, match="długość"):
        encryption.key_from_recovery_code(code[:-5])


def test_new_database_can_start_encrypted(db_path):
    key, code = encrypt_in_place.create_new(db_path, PASSWORD)
    db = connect(db_path, key)
    store.add(db, person(), TODAY)
    db.conn.close()
    assert encryption.is_encrypted(db_path)
    assert _leaks(db_path) == []
    assert encryption.unlock(db_path, PASSWORD) == key
