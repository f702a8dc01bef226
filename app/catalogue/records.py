"""Shared plumbing for simple records (partners, programmes, catalogue services): insert or
update one row with its audit entry, archive with audit, never delete."""

from __future__ import annotations

from sqlite_utils import Database

from app.audit import trail as audit
from app.core.errors import NotFound
from app.core.ids import new_id, now_iso


def save_row(db: Database, table: str, record_id: str | None, values: dict,
             label: str) -> str:
    """Insert (no id) or update one row and audit it, in the caller's unit of work."""
    stamp = now_iso()
    with db.atomic():
        if record_id:
            if db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone() is None:
                raise NotFound("Nie znaleziono rekordu – mógł zostać usunięty.")
            db.table(table).update(record_id, {**values, "updated_at": stamp})
            audit.record(db, "zmiana", table, record_id, details={"nazwa": label})
        else:
            record_id = new_id()
            db.table(table).insert({"id": record_id, "created_at": stamp, "updated_at": stamp,
                                    **values})
            audit.record(db, "utworzenie", table, record_id, details={"nazwa": label})
    return record_id


def archive_row(db: Database, table: str, record_id: str, label: str) -> None:
    stamp = now_iso()
    with db.atomic():
        db.execute(f"UPDATE {table} SET archived_at = ?, updated_at = ? WHERE id = ?",
                   [stamp, stamp, record_id])
        audit.record(db, "archiwizacja", table, record_id, details={"nazwa": label})


def link_rows(db: Database, table: str, owner_column: str, owner_id: str,
              rows: list[dict]) -> None:
    """Replace the owner's linked rows (archiving the old ones) inside the caller's txn."""
    stamp = now_iso()
    db.execute(f"UPDATE {table} SET archived_at = ?, updated_at = ? WHERE {owner_column} = ?"
               " AND archived_at IS NULL", [stamp, stamp, owner_id])
    for row in rows:
        db.table(table).insert({"id": new_id(), "created_at": stamp, "updated_at": stamp,
                                owner_column: owner_id, **row})
