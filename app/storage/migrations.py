"""Numbered schema migrations; the version lives in the file (PRAGMA user_version).

An applied migration is never edited: add a new numbered step instead. A migration never
imports code that may change later (search folding, validation, domain stores): what it
needs is frozen here, so an old database migrates the same way in every later version.
"""

from __future__ import annotations

import re
import unicodedata

import sqlcipher3
from sqlite_utils import Database, Migrations

from app.core import resources
from app.core.ids import new_id, now_iso
from app.storage.schema import (
    CASE_INDEXES_SQL,
    CLOSE_PERSONS_SQL,
    CORE_SQL,
    SEARCH_SQL,
    TEMPLATES_SQL,
)

MIGRATIONS = Migrations("koordynator")
LATEST = 13


def execute_script(db: Database, sql: str) -> None:
    """Run several statements inside the caller's transaction (executescript would commit)."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            if buffer.strip():
                db.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise ValueError("incomplete SQL statement in migration: " + buffer[:80])


def _set_version(db: Database, version: int) -> None:
    db.execute(f"PRAGMA user_version = {int(version)}")


@MIGRATIONS(name="0001_core_schema")
def m0001_core_schema(db: Database) -> None:
    execute_script(db, CORE_SQL)
    _set_version(db, 1)


# Frozen for migrations 0002 and 0003: the search folding as it was when they were written.
_FOLD_0002 = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d"})


def _fold_0002(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_0002).lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[0-9a-z]+", bare))


def _catalogue_search_text_0002(service: dict) -> str:
    fields = ("name", "description", "target_group", "competences", "qualifications")
    return _fold_0002(" ".join(str(service.get(f) or "") for f in fields))


@MIGRATIONS(name="0002_seed_catalogue")
def m0002_seed_catalogue(db: Database) -> None:
    data = resources.read_json("catalogue.json")
    stamp = now_iso()
    for code, name in data["areas"]:
        db.execute("INSERT INTO service_areas (code, name) VALUES (?, ?)", [code, name])
    for svc in data["services"]:
        db.execute(
            """INSERT INTO services (id, created_at, updated_at, name, area_code, kind,
                   description, target_group, competences, qualifications, occupation_codes,
                   search_text)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                new_id(),
                stamp,
                stamp,
                svc["name"],
                svc["area"],
                svc["kind"],
                svc["description"],
                svc["target_group"],
                svc["competences"],
                svc["qualifications"],
                svc["occupation_codes"],
                _catalogue_search_text_0002(svc),
            ],
        )
    for key, value in data["settings"].items():
        db.execute(
            "INSERT OR IGNORE INTO settings (key, value, updated_at) VALUES (?, ?, ?)",
            [key, value, stamp],
        )
    _set_version(db, 2)


@MIGRATIONS(name="0003_residents_search_index")
def m0003_residents_search_index(db: Database) -> None:
    execute_script(db, SEARCH_SQL)
    searched = ("surname", "first_name", "second_name", "pesel", "id_document", "street",
                "house_no", "flat_no", "postal_code", "city")
    rows = db.execute(f"SELECT rowid, {', '.join(searched)} FROM residents").fetchall()
    db.conn.executemany("INSERT INTO residents_fts (rowid, folded) VALUES (?, ?)",
                        [(r[0], _fold_0002(" ".join(str(p) for p in r[1:] if p))) for r in rows])
    _set_version(db, 3)


@MIGRATIONS(name="0004_case_workflow_indexes")
def m0004_case_workflow_indexes(db: Database) -> None:
    execute_script(db, CASE_INDEXES_SQL)
    _set_version(db, 4)


@MIGRATIONS(name="0005_document_templates")
def m0005_document_templates(db: Database) -> None:
    execute_script(db, TEMPLATES_SQL)
    _set_version(db, 5)


# Frozen for migration 0006: how a co-payment typed as free text reads as an amount. It must
# not follow later changes of app.core.validation, or old databases would migrate differently.
_M0006_FREE = {"nieodpłatnie", "nieodplatnie", "bezpłatnie", "bezplatnie", "bez opłat",
               "bez odpłatności", "brak", "-", "—", "–", "0"}
_M0006_MAX_GROSZE = 10_000_000


def _m0006_grosze(text: str) -> int | None:
    """The amount in grosze when the whole text is one ('12,50 zł', '12.50', '0'), else None."""
    value = unicodedata.normalize("NFKC", text).strip().lower()
    if value in _M0006_FREE:
        return 0
    value = re.sub(r"\s*(zł|zl|pln)\.?$", "", value).replace(" ", "")
    m = re.fullmatch(r"([0-9]{1,9})(?:[.,]([0-9]{1,2}))?", value)
    if not m:
        return None
    grosze = int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))
    return grosze if grosze <= _M0006_MAX_GROSZE else None


@MIGRATIONS(name="0006_copayment_amounts")
def m0006_copayment_amounts(db: Database) -> None:
    """Plan items' co-payment becomes an amount in grosze plus an optional note: what parses
    as an amount is converted, anything else is kept in the note (on one line)."""
    db.execute("ALTER TABLE plan_items ADD COLUMN copayment_grosze INTEGER CHECK"
               " (copayment_grosze IS NULL OR copayment_grosze BETWEEN 0 AND 10000000)")
    db.execute("ALTER TABLE plan_items ADD COLUMN copayment_note TEXT")
    rows = db.execute("SELECT rowid, copayment FROM plan_items WHERE copayment IS NOT NULL"
                      " AND trim(copayment) != ''").fetchall()
    for rowid, text in rows:
        grosze = _m0006_grosze(text)
        # the note is one line: earlier versions let line breaks and tabs into the text
        note = None if grosze is not None else " ".join(text.split())[:200]
        db.execute("UPDATE plan_items SET copayment_grosze = ?, copayment_note = ? WHERE"
                   " rowid = ?", [grosze, note, rowid])
    db.execute("ALTER TABLE plan_items DROP COLUMN copayment")
    _set_version(db, 6)


@MIGRATIONS(name="0007_close_persons_and_signing")
def m0007_close_persons_and_signing(db: Database) -> None:
    """People around the resident who do not live with her (a daughter elsewhere, a
    neighbour, a legal representative), and how she signs: herself, by fingerprint (art. 79
    zd. 1 KC) or by another person at her request, certified (art. 79 zd. 2 KC)."""
    execute_script(db, CLOSE_PERSONS_SQL)
    db.execute("ALTER TABLE residents ADD COLUMN signing TEXT NOT NULL DEFAULT 'pisze'"
               " CHECK (signing IN ('pisze', 'odcisk', 'na_prosbe'))")
    _set_version(db, 7)


@MIGRATIONS(name="0008_void_documents")
def m0008_void_documents(db: Database) -> None:
    """A document issued by mistake is voided with a reason: it stays in the register."""
    db.execute("ALTER TABLE documents ADD COLUMN voided_on TEXT")
    db.execute("ALTER TABLE documents ADD COLUMN void_reason TEXT")
    _set_version(db, 8)


@MIGRATIONS(name="0009_case_counters_catch_up")
def m0009_case_counters_catch_up(db: Database) -> None:
    """Demo data of earlier versions numbered cases without the office's counter, so the
    next case qualified could get a number already in use: each year's counter is raised
    to the highest case number in use."""
    in_use: dict[int, int] = {}
    for (number,) in db.execute("SELECT case_number FROM cases WHERE case_number IS NOT NULL"):
        if m := re.fullmatch(r"CUS/([0-9]{4})/([0-9]+)", number or ""):
            year, seq = int(m.group(1)), int(m.group(2))
            in_use[year] = max(in_use.get(year, 0), seq)
    for year, last in in_use.items():
        db.execute("INSERT INTO document_counters (kind, year, last_number) VALUES"
                   " ('sprawa', ?, ?) ON CONFLICT(kind, year) DO UPDATE SET last_number ="
                   " max(last_number, excluded.last_number)", [year, last])
    _set_version(db, 9)


@MIGRATIONS(name="0010_unique_case_numbers")
def m0010_unique_case_numbers(db: Database) -> None:
    """Each case number once, guarded by the file itself. A number that two cases share
    (demo data of early versions) stays with the case opened first; each other case gets
    the next number of its year, and its card says which number it had before, as papers
    printed earlier may carry it."""
    stamp = now_iso()
    shared = db.execute(
        "SELECT case_number FROM cases WHERE case_number IS NOT NULL GROUP BY case_number"
        " HAVING count(*) > 1").fetchall()
    for (number,) in shared:
        later = db.execute("SELECT id, opened_on FROM cases WHERE case_number = ? ORDER BY"
                           " opened_on, created_at, rowid", [number]).fetchall()[1:]
        for case_id, opened_on in later:
            year = int((opened_on or stamp)[:4])
            db.execute("INSERT INTO document_counters (kind, year, last_number) VALUES"
                       " ('sprawa', ?, 1) ON CONFLICT(kind, year) DO UPDATE SET"
                       " last_number = last_number + 1", [year])
            seq = db.execute("SELECT last_number FROM document_counters WHERE kind = 'sprawa'"
                             " AND year = ?", [year]).fetchone()[0]
            while db.execute("SELECT 1 FROM cases WHERE case_number = ?",
                             [f"CUS/{year}/{seq:04d}"]).fetchone():
                seq += 1  # a number typed in by hand past the counter
            new_number = f"CUS/{year}/{seq:04d}"
            db.execute("UPDATE document_counters SET last_number = ? WHERE kind = 'sprawa'"
                       " AND year = ?", [seq, year])
            db.execute("UPDATE cases SET case_number = ?, updated_at = ? WHERE id = ?",
                       [new_number, stamp, case_id])
            db.execute(
                "INSERT INTO card_entries (id, created_at, updated_at, case_id, kind,"
                " entry_date, title, content) VALUES (?, ?, ?, ?, 'notatka', ?, ?, ?)",
                [new_id(), stamp, stamp, case_id, stamp[:10], "Zmiana numeru sprawy",
                 f"Numer {number} miały dwie sprawy; ta otrzymała numer {new_number}. "
                 f"Dokumenty wydane wcześniej mogą nosić numer {number}."])
    db.execute("CREATE UNIQUE INDEX cases_case_number ON cases(case_number)")
    _set_version(db, 10)


@MIGRATIONS(name="0011_closed_cases_close_their_plans")
def m0011_closed_cases_close_their_plans(db: Database) -> None:
    """Closing a case left its plan versions approved (or a draft update open), so a
    closed case's plan could still be changed, agreed and shown in a provider's week: the
    versions of closed cases still open are closed."""
    db.execute("UPDATE plan_versions SET status = 'zamkniety', updated_at = ? WHERE status IN"
               " ('projekt', 'uzgodniony', 'zatwierdzony') AND plan_id IN (SELECT p.id FROM"
               " plans p JOIN cases c ON c.id = p.case_id WHERE c.status = 'zamknieta')",
               [now_iso()])
    _set_version(db, 11)


@MIGRATIONS(name="0012_refusal_case_numbers")
def m0012_refusal_case_numbers(db: Database) -> None:
    """The proceedings on a refused application get their own znak sprawy (the decision's),
    given when the decision is first issued; each number once."""
    db.execute("ALTER TABLE applications ADD COLUMN case_number TEXT")
    db.execute("CREATE UNIQUE INDEX applications_case_number ON applications(case_number)"
               " WHERE case_number IS NOT NULL")
    _set_version(db, 12)


@MIGRATIONS(name="0013_large_print")
def m0013_large_print(db: Database) -> None:
    """A resident who sees poorly gets the documents she keeps in large print (14 pt): a
    mark on her record, like the way she signs, so each new document remembers it."""
    db.execute("ALTER TABLE residents ADD COLUMN large_print INTEGER NOT NULL DEFAULT 0"
               " CHECK (large_print IN (0, 1))")
    _set_version(db, 13)


def schema_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def apply(db: Database, stop_before: str | None = None) -> None:
    MIGRATIONS.apply(db, stop_before=stop_before)
