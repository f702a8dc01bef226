"""Each migration is tested on a database of the previous version."""

from app import migrations, residents_store
from app.db import connect, new_id, now_iso, open_database
from app.paths import backup_dir


def _database_at(path, stop_before: str):
    db = connect(path, migrate=False)
    migrations.apply(db, stop_before=stop_before)
    return db


def _insert_raw_resident(db, surname: str, first_name: str) -> str:
    from app.textfold import fold, sort_key

    rid, stamp = new_id(), now_iso()
    db.execute(
        "INSERT INTO residents (id, created_at, updated_at, surname, first_name, city,"
        " sort_key, name_key, address_key) VALUES (?, ?, ?, ?, ?, 'Żabno', ?, ?, '')",
        [
            rid,
            stamp,
            stamp,
            surname,
            first_name,
            sort_key(surname, first_name),
            fold(f"{surname} {first_name}"),
        ],
    )
    db.conn.commit()
    return rid


def test_version_1_database_gets_catalogue_and_search(db_path):
    db = _database_at(db_path, "0002_seed_catalogue")
    assert migrations.schema_version(db) == 1
    rid = _insert_raw_resident(db, "Łęcka", "Żaneta")
    db.conn.close()

    db, info = open_database(db_path)
    assert (info.migrated_from, info.schema_version) == (1, migrations.LATEST)
    assert info.backup_before_migration is not None
    assert info.backup_before_migration.parent == backup_dir(db_path)
    assert db.execute("SELECT count(*) FROM services").fetchone()[0] == 24
    assert [r.id for r in residents_store.search(db, "lecka zan")] == [rid]
    db.conn.close()


def test_version_2_database_gets_search_index_for_existing_residents(db_path):
    db = _database_at(db_path, "0003_residents_search_index")
    assert migrations.schema_version(db) == 2
    ids = [
        _insert_raw_resident(db, s, f)
        for s, f in [("Żółkiewski", "Łukasz"), ("Nowak", "Anna"), ("Łukasik", "Ewa")]
    ]
    db.conn.close()

    db, info = open_database(db_path)
    assert info.migrated_from == 2
    assert [r.id for r in residents_store.search(db, "luka")] == [ids[2], ids[0]]
    # the backup holds the data as it was before the migration
    old = connect(info.backup_before_migration, migrate=False)
    assert migrations.schema_version(old) == 2
    assert old.execute("SELECT count(*) FROM residents").fetchone()[0] == 3
    old.conn.close()
    db.conn.close()


def test_opening_an_up_to_date_database_takes_no_backup(db_path):
    connect(db_path).conn.close()
    db, info = open_database(db_path)
    assert info.backup_before_migration is None
    assert not backup_dir(db_path).exists()
    db.conn.close()


def test_version_3_database_gets_case_workflow_indexes(db_path):
    db = _database_at(db_path, "0004_case_workflow_indexes")
    assert migrations.schema_version(db) == 3
    from tests.conftest import person

    rid = residents_store.add(db, person(surname="Kęska", first_name="Józef")).id
    db.conn.close()
    db, info = open_database(db_path)
    assert (info.migrated_from, info.schema_version) == (3, migrations.LATEST)
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"consents_case", "plan_versions_plan", "cases_open_updated"} <= indexes
    assert [r.id for r in residents_store.search(db, "keska jozef")] == [rid]
    db.conn.close()


def test_version_4_database_gets_document_templates(db_path):
    db = _database_at(db_path, "0005_document_templates")
    assert migrations.schema_version(db) == 4
    db.conn.close()
    db, info = open_database(db_path)
    assert info.migrated_from == 4
    assert db.execute("SELECT count(*) FROM document_templates").fetchone()[0] == 0
    db.conn.close()
