"""The audit log: who did what to which record, hash-chained and append-only.

Write the audit row inside the same transaction as the change it records.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from app.core.ids import now_iso
from app.storage import audit_anchor, backups, rows

GENESIS = "0" * 64
ACTIONS = {
    "wyswietlenie": "wyświetlenie",
    "utworzenie": "utworzenie",
    "zmiana": "zmiana",
    "archiwizacja": "archiwizacja",
    "przywrocenie": "przywrócenie",
    "eksport": "eksport",
    "wydruk": "wydruk",
    "system": "zdarzenie systemowe",
}


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    table_name: str | None
    record_id: str | None
    resident_id: str | None
    details: str | None
    person: str = ""


def _digest(prev_hash: str, fields: list) -> str:
    payload = json.dumps([prev_hash, *fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def current_actor(db: Database) -> str:
    row = db.execute("SELECT value FROM settings WHERE key = 'kipus_name'").fetchone()
    name = (row[0] if row else "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name on some Windows service accounts
        return "nieznany"


def record(
    db: Database,
    action: str,
    table_name: str | None = None,
    record_id: str | None = None,
    *,
    resident_id: str | None = None,
    details: dict | str | None = None,
    actor: str | None = None,
) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    text = (
        details
        if isinstance(details, str) or details is None
        else json.dumps(details, ensure_ascii=False, sort_keys=True)
    )
    last = db.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    prev_hash = last[0] if last else GENESIS
    fields = [
        now_iso(),
        actor or current_actor(db),
        action,
        table_name,
        record_id,
        resident_id,
        text,
    ]
    db.execute(
        """INSERT INTO audit_log (at, actor, action, table_name, record_id, resident_id,
               details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [*fields, prev_hash, _digest(prev_hash, fields)],
    )


def verify_chain(db: Database) -> list[str]:
    """Problems found in the chain (a gap, an edited or a reordered row); empty when intact."""
    problems: list[str] = []
    # seq may skip numbers after a rolled-back write, so only the hash chain is checked.
    prev_hash = GENESIS
    cursor = db.execute(
        "SELECT seq, at, actor, action, table_name, record_id, resident_id, details,"
        " prev_hash, hash FROM audit_log ORDER BY seq"
    )
    for row in cursor:
        seq, fields, stored_prev, stored_hash = row[0], list(row[1:8]), row[8], row[9]
        if stored_prev != prev_hash:
            problems.append(f"Wpis {seq}: brakuje wpisu przed nim albo zmieniono kolejność.")
        if _digest(stored_prev, fields) != stored_hash:
            problems.append(f"Wpis {seq}: treść wpisu została zmieniona.")
        prev_hash = stored_hash
    return problems


def verify(db: Database) -> list[str]:
    """The chain itself, its guarding triggers and its anchors outside the table."""
    path, key = getattr(db, "path", ""), getattr(db, "key", None)
    if not path:
        return verify_chain(db)
    anchors, unreadable = backups.anchors_since_last_restore(Path(path), key)
    return verify_chain(db) + audit_anchor.problems(db.conn, path, key, anchors) + unreadable


def entries_for(
    db: Database,
    *,
    resident_id: str | None = None,
    resident_ids: list[str] | None = None,
    action: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 2000,
) -> list[AuditEntry]:
    """Newest first, filtered by person, action and dates (ISO, inclusive)."""
    where, params = [], []
    ids = [resident_id] if resident_id else resident_ids
    if ids is not None:
        where.append(f"a.resident_id IN ({','.join('?' * len(ids))})" if ids else "0")
        params += ids
    if action:
        where.append("a.action = ?")
        params.append(action)
    if date_from:
        where.append("a.at >= ?")
        params.append(date_from)
    if date_to:
        where.append("a.at < date(?, '+1 day')")
        params.append(date_to)
    sql = ("SELECT a.seq, a.at, a.actor, a.action, a.table_name, a.record_id, a.resident_id,"
           " a.details, COALESCE(r.first_name || ' ' || r.surname, '') AS person FROM audit_log a"
           " LEFT JOIN residents r ON r.id = a.resident_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY a.seq DESC LIMIT ?")
    return rows.build(db.execute(sql, [*params, limit]), AuditEntry)
