"""Each migration is tested on a database of the previous version."""

from app.core.ids import new_id, now_iso
from app.people import residents_store
from app.storage import migrations
from app.storage.opening import connect, open_database
from app.storage.paths import backup_dir


def _database_at(path, stop_before: str):
    db = connect(path, migrate=False)
    migrations.apply(db, stop_before=stop_before)
    return db


def _insert_raw_resident(db, surname: str, first_name: str) -> str:
    from app.core.textfold import fold, sort_key

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
    rid = _insert_raw_resident(db, "Kęska", "Józef")
    rowid = db.execute("SELECT rowid FROM residents WHERE id = ?", [rid]).fetchone()[0]
    db.execute("INSERT INTO residents_fts (rowid, folded) VALUES (?, 'keska jozef')", [rowid])
    db.conn.commit()
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


def test_version_5_database_gets_copayment_amounts(db_path):
    db = _database_at(db_path, "0006_copayment_amounts")
    assert migrations.schema_version(db) == 5
    rid = _insert_raw_resident(db, "Żółkiewski", "Łukasz")
    stamp = now_iso()
    case_id, plan_id, version_id = new_id(), new_id(), new_id()
    db.execute("INSERT INTO cases (id, created_at, updated_at, resident_id, opened_on)"
               " VALUES (?, ?, ?, ?, '2026-09-01')", [case_id, stamp, stamp, rid])
    db.execute("INSERT INTO plans (id, created_at, updated_at, case_id) VALUES (?, ?, ?, ?)",
               [plan_id, stamp, stamp, case_id])
    db.execute("INSERT INTO plan_versions (id, created_at, updated_at, plan_id, version_no)"
               " VALUES (?, ?, ?, ?, 1)", [version_id, stamp, stamp, plan_id])
    typed = ["12,50 zł", "12.5", "１２ zł", "0", "nieodpłatnie", "1 200 zł", "", None,
             "-99999999999999999999 zł", "10 zł miesięcznie,\nod marca", "200000 zł"]
    for n, text in enumerate(typed):
        db.execute("INSERT INTO plan_items (id, created_at, updated_at, plan_version_id, kind,"
                   " description, copayment, position) VALUES (?, ?, ?, ?,"
                   " 'dzialanie_wspierajace', ?, ?, ?)",
                   [new_id(), stamp, stamp, version_id, f"pozycja {n}", text, n])
    db.conn.commit()
    db.conn.close()

    db, info = open_database(db_path)
    assert (info.migrated_from, info.schema_version) == (5, migrations.LATEST)
    rows = db.execute("SELECT copayment_grosze, copayment_note FROM plan_items"
                      " ORDER BY position").fetchall()
    assert rows == [
        (1250, None), (1250, None), (1200, None), (0, None), (0, None), (120000, None),
        (None, None), (None, None),
        (None, "-99999999999999999999 zł"),  # kept as typed, for the KIPUS to correct
        (None, "10 zł miesięcznie, od marca"),  # one line, word for word otherwise
        (None, "200000 zł"),  # over the limit of 100 000 zł: not an amount
    ]
    columns = {r[1] for r in db.execute("PRAGMA table_info(plan_items)")}
    assert "copayment" not in columns
    from app.plans import store as plans

    shown = [plans.copayment_text(i.copayment_grosze, i.copayment_note)
             for i in plans.items(db, version_id)]
    assert shown[:3] == ["12,50\u00a0zł", "12,50\u00a0zł", "12,00\u00a0zł"]
    assert shown[3] == "nieodpłatnie" and shown[9] == "10 zł miesięcznie, od marca"
    db.conn.close()


def test_version_6_database_gets_close_persons_and_signing(db_path):
    db = _database_at(db_path, "0007_close_persons_and_signing")
    assert migrations.schema_version(db) == 6
    rid = _insert_raw_resident(db, "Łęcka", "Żaneta")
    db.conn.close()

    db, info = open_database(db_path)
    assert (info.migrated_from, info.schema_version) == (6, migrations.LATEST)
    assert db.execute("SELECT signing FROM residents WHERE id = ?", [rid]).fetchone() == (
        "pisze",)
    assert list(backup_dir(db_path).glob("*.db")), "a backup is taken before migrating"
    resident = residents_store.get(db, rid)
    assert (resident.signing, resident.close_persons) == ("pisze", [])
    db.conn.close()


def test_version_7_database_gets_voidable_documents(db_path):
    db = _database_at(db_path, "0008_void_documents")
    assert migrations.schema_version(db) == 7
    stamp = now_iso()
    db.execute("INSERT INTO documents (id, created_at, updated_at, kind, number, issued_on)"
               " VALUES (?, ?, ?, 'zgoda', 'CUS/ZGO/2026/0001', '2026-11-02')",
               [new_id(), stamp, stamp])
    db.conn.commit()
    db.conn.close()
    db, info = open_database(db_path)
    assert (info.migrated_from, info.schema_version) == (7, migrations.LATEST)
    from app.documents import register

    assert [(r.number, r.state) for r in register.listing(db)] == [("CUS/ZGO/2026/0001", "")]
    db.conn.close()


def test_version_8_database_gets_case_counters_that_follow_the_numbers_in_use(db_path):
    from datetime import date

    from app.cases import applications

    db = _database_at(db_path, "0009_case_counters_catch_up")
    assert migrations.schema_version(db) == 8
    rid = _insert_raw_resident(db, "Łęcka", "Żaneta")
    stamp = now_iso()
    for number in ("CUS/2026/0001", "CUS/2026/0007", "CUS/2025/0030"):
        db.execute("INSERT INTO cases (id, created_at, updated_at, resident_id, opened_on,"
                   " case_number) VALUES (?, ?, ?, ?, '2026-09-01', ?)",
                   [new_id(), stamp, stamp, rid, number])
    db.conn.commit()
    db.conn.close()
    db, info = open_database(db_path)
    assert (info.migrated_from, info.schema_version) == (8, migrations.LATEST)
    app_id = applications.file_application(db, rid, date(2026, 11, 2), "osoba", "osobiscie",
                                           "Pomoc", today=date(2026, 11, 22))
    case_id = applications.qualify(db, app_id, date(2026, 11, 3), today=date(2026, 11, 22))
    assert db.execute("SELECT case_number FROM cases WHERE id = ?", [case_id]).fetchone() == (
        "CUS/2026/0008",)
    db.conn.close()


def test_version_9_database_gets_one_number_per_case_and_a_guard(db_path):
    import sqlcipher3

    db = _database_at(db_path, "0010_unique_case_numbers")
    assert migrations.schema_version(db) == 9
    rid = _insert_raw_resident(db, "Łęcka", "Żaneta")
    stamp = now_iso()
    ids = {}
    for name, opened, number in (("first", "2026-03-01", "CUS/2026/0007"),
                                 ("twin", "2026-05-01", "CUS/2026/0007"),
                                 ("typed", "2026-06-01", "CUS/2026/0011"),
                                 ("other", "2025-02-01", "CUS/2025/0002")):
        ids[name] = new_id()
        db.execute("INSERT INTO cases (id, created_at, updated_at, resident_id, opened_on,"
                   " case_number) VALUES (?, ?, ?, ?, ?, ?)",
                   [ids[name], stamp, stamp, rid, opened, number])
    db.execute("INSERT INTO document_counters VALUES ('sprawa', 2026, 10)")
    db.conn.commit()
    db.conn.close()
    db, info = open_database(db_path)
    assert (info.migrated_from, info.schema_version) == (9, migrations.LATEST)
    numbers = dict(db.execute("SELECT id, case_number FROM cases").fetchall())
    # the twin takes the next free number of its year (11 was typed in already)
    assert [numbers[ids[n]] for n in ("first", "twin", "typed", "other")] == [
        "CUS/2026/0007", "CUS/2026/0012", "CUS/2026/0011", "CUS/2025/0002"]
    assert db.execute("SELECT last_number FROM document_counters WHERE kind = 'sprawa' AND"
                      " year = 2026").fetchone() == (12,)
    note = db.execute("SELECT content FROM card_entries WHERE case_id = ?",
                      [ids["twin"]]).fetchone()[0]
    assert "CUS/2026/0007" in note and "CUS/2026/0012" in note
    assert backup_dir(db_path).exists()  # a backup was taken before the change
    try:
        db.execute("UPDATE cases SET case_number = 'CUS/2026/0007' WHERE id = ?",
                   [ids["other"]])
    except sqlcipher3.IntegrityError:
        db.conn.rollback()
    else:
        raise AssertionError("the file let two cases share a number")
    db.conn.close()


def test_version_10_database_closes_the_plans_of_closed_cases(db_path):
    db = _database_at(db_path, "0011_closed_cases_close_their_plans")
    assert migrations.schema_version(db) == 10
    rid = _insert_raw_resident(db, "Łęcka", "Żaneta")
    stamp = now_iso()
    versions = {}
    for case_status, statuses in (("zamknieta", ("zastapiony", "zatwierdzony", "projekt")),
                                  ("otwarta", ("zatwierdzony",))):
        case_id, plan_id = new_id(), new_id()
        db.execute("INSERT INTO cases (id, created_at, updated_at, resident_id, opened_on,"
                   " status) VALUES (?, ?, ?, ?, '2026-01-05', ?)",
                   [case_id, stamp, stamp, rid, case_status])
        db.execute("INSERT INTO plans (id, created_at, updated_at, case_id, status) VALUES"
                   " (?, ?, ?, ?, 'zatwierdzony')", [plan_id, stamp, stamp, case_id])
        for no, status in enumerate(statuses, 1):
            vid = new_id()
            versions[(case_status, no)] = vid
            db.execute("INSERT INTO plan_versions (id, created_at, updated_at, plan_id,"
                       " version_no, status) VALUES (?, ?, ?, ?, ?, ?)",
                       [vid, stamp, stamp, plan_id, no, status])
    db.conn.commit()
    db.conn.close()
    db, info = open_database(db_path)
    assert info.migrated_from == 10
    status = dict(db.execute("SELECT id, status FROM plan_versions").fetchall())
    assert [status[versions[k]] for k in (("zamknieta", 1), ("zamknieta", 2),
                                          ("zamknieta", 3), ("otwarta", 1))] == [
        "zastapiony", "zamkniety", "zamkniety", "zatwierdzony"]
    db.conn.close()


def test_version_11_database_gets_numbers_for_refusal_proceedings(db_path):
    import sqlcipher3

    db = _database_at(db_path, "0012_refusal_case_numbers")
    assert migrations.schema_version(db) == 11
    rid = _insert_raw_resident(db, "Łęcka", "Żaneta")
    stamp = now_iso()
    for n in range(2):
        db.execute("INSERT INTO applications (id, created_at, updated_at, resident_id,"
                   " filed_on, filed_by_kind, channel, status) VALUES (?, ?, ?, ?,"
                   " '2026-01-05', 'osoba', 'osobiscie', 'odmowa')", [f"a{n}", stamp, stamp, rid])
    db.conn.commit()
    db.conn.close()
    db, info = open_database(db_path)
    assert info.migrated_from == 11 and migrations.schema_version(db) == migrations.LATEST
    assert db.execute("SELECT count(*) FROM applications WHERE case_number IS NULL"
                      ).fetchone() == (2,)  # numbered when their decision is issued
    db.execute("UPDATE applications SET case_number = 'CUS.4013.1.2026' WHERE id = 'a0'")
    try:
        db.execute("UPDATE applications SET case_number = 'CUS.4013.1.2026' WHERE id = 'a1'")
    except sqlcipher3.IntegrityError:
        db.conn.rollback()
    else:
        raise AssertionError("two proceedings shared a number")
    db.conn.close()


def test_version_12_database_gets_the_large_print_mark_off_for_everyone(db_path):
    import sqlcipher3

    db = _database_at(db_path, "0013_large_print")
    assert migrations.schema_version(db) == 12
    rid = _insert_raw_resident(db, "Łęcka", "Żaneta")
    db.conn.commit()
    db.conn.close()
    db, info = open_database(db_path)
    assert info.migrated_from == 12 and migrations.schema_version(db) == migrations.LATEST
    assert db.execute("SELECT large_print FROM residents WHERE id = ?", [rid]).fetchone() == (0,)
    try:
        db.execute("UPDATE residents SET large_print = 2 WHERE id = ?", [rid])
    except sqlcipher3.IntegrityError:
        db.conn.rollback()
    else:
        raise AssertionError("a mark other than 0 or 1 was stored")
    db.conn.close()
