"""Reading and writing residents: search, duplicates, archive, household; audited."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlite_utils import Database

from app.audit import trail as audit
from app.core import validation as v
from app.core.errors import DuplicateResident, NotFound, ValidationError
from app.core.ids import new_id, now_iso
from app.core.textfold import fold, sort_key, tokens
from app.people import restriction
from app.people.residents import ClosePerson, HouseholdMember, Resident, validated

COLUMNS = [f.name for f in fields(Resident) if f.name not in ("household", "close_persons")]
_SELECT = "SELECT " + ", ".join(COLUMNS) + " FROM residents"
SIMILARITY = 0.8
MAX_QUERY_TOKENS = 8


@dataclass(frozen=True)
class ResidentRow:
    """What the register list shows for one resident."""

    rowid: int
    id: str
    surname: str
    first_name: str
    pesel: str
    birth_date: str
    address: str
    phone: str
    archived: bool
    restricted: bool = False


SEARCHED = ("surname", "first_name", "second_name", "pesel", "id_document", "street",
            "house_no", "flat_no", "postal_code", "city")


def search_document(*values) -> str:
    """The folded text the search index holds for a resident (values in SEARCHED order)."""
    return fold(" ".join(str(p) for p in values if p))


def _doc_for(r: Resident) -> str:
    return search_document(*(getattr(r, name) for name in SEARCHED))


def _derived(r: Resident) -> dict:
    return {
        "sort_key": sort_key(r.surname, r.first_name, r.second_name),
        "name_key": fold(f"{r.surname} {r.first_name}"),
        "address_key": fold(f"{r.street} {r.house_no} {r.flat_no} {r.city}"),
    }


def _row_values(r: Resident) -> dict:
    values = {c: getattr(r, c) for c in COLUMNS}
    for name in ("pesel", "postal_code", "birth_date", "sex"):
        values[name] = values[name] or None  # NULL, not '', so UNIQUE and CHECKs work
    values["restricted"] = int(bool(r.restricted))
    values["large_print"] = int(bool(r.large_print))
    values.update(_derived(r))
    return values


def _from_row(row) -> Resident:
    data: dict[str, Any] = dict(zip(COLUMNS, row, strict=True))
    for name in ("pesel", "postal_code"):
        data[name] = data[name] or ""
    data["restricted"] = bool(data["restricted"])
    data["large_print"] = bool(data["large_print"])
    values: dict[str, Any] = {k: ("" if v is None and k in _TEXT_DEFAULTS else v)
                              for k, v in data.items()}
    return Resident(**values)


_TEXT_DEFAULTS = {f.name for f in fields(Resident) if f.default == ""}


def get(db: Database, resident_id: str, *, record_view: bool = False) -> Resident:
    row = db.execute(_SELECT + " WHERE id = ?", [resident_id]).fetchone()
    if row is None:
        raise NotFound("Nie znaleziono mieszkańca – mógł zostać usunięty z innej kopii bazy.")
    resident = _from_row(row)
    resident.household = household_members(db, resident_id)
    resident.close_persons = close_persons(db, resident_id)
    if record_view:
        with db.atomic():
            audit.record(db, "wyswietlenie", "residents", resident_id, resident_id=resident_id)
    return resident


def find_by_pesel(db: Database, pesel: str) -> Resident | None:
    row = db.execute(_SELECT + " WHERE pesel = ?", [pesel]).fetchone()
    return _from_row(row) if row else None


def _refuse_same_pesel(db: Database, r: Resident) -> None:
    if not r.pesel:
        return
    other = find_by_pesel(db, r.pesel)
    if other and other.id != r.id:
        state = " (w archiwum)" if other.archived_at else ""
        raise DuplicateResident(
            f"Mieszkaniec z tym numerem PESEL już jest w rejestrze: {other.full_name}{state}. "
            "Otwórz istniejący wpis zamiast dodawać nowy.",
            other.id or "",
        )


def find_similar(db: Database, r: Resident, limit: int = 10) -> list[Resident]:
    """Residents with a similar name who share the birth date or the address."""
    derived = _derived(r)
    if not derived["name_key"].strip():
        return []
    conditions, params = [], []
    if r.birth_date:
        conditions.append("birth_date = ?")
        params.append(r.birth_date)
    if derived["address_key"].strip() and (r.street or r.house_no):
        conditions.append("address_key = ?")
        params.append(derived["address_key"])
    if not conditions:
        return []
    rows = db.execute(
        _SELECT + f" WHERE ({' OR '.join(conditions)}) AND id IS NOT ? LIMIT 200",
        [*params, r.id],
    ).fetchall()
    found = []
    for row in rows:
        other = _from_row(row)
        if r.pesel and other.pesel and r.pesel != other.pesel:
            continue  # two valid, different PESELs are two different people
        ratio = difflib.SequenceMatcher(
            None, derived["name_key"], fold(f"{other.surname} {other.first_name}")
        ).ratio()
        same_surname = fold(other.surname) == fold(r.surname)
        if ratio >= SIMILARITY or (same_surname and r.birth_date == other.birth_date):
            found.append(other)
    return found[:limit]


def add(db: Database, resident: Resident, today: date | None = None) -> Resident:
    r = validated(resident, today)
    _refuse_same_pesel(db, r)
    stamp = now_iso()
    r.id, r.created_at, r.updated_at = new_id(), stamp, stamp
    with db.atomic():
        rowid = db.table("residents").insert(_row_values(r)).last_rowid
        db.execute("INSERT INTO residents_fts (rowid, folded) VALUES (?, ?)", [rowid, _doc_for(r)])
        _write_household(db, r.id, r.household, stamp)
        _write_close_persons(db, r.id, r.close_persons, stamp)
        audit.record(
            db,
            "utworzenie",
            "residents",
            r.id,
            resident_id=r.id,
            details={"nazwisko": r.surname, "imie": r.first_name},
        )
    return r


def update(db: Database, resident: Resident, today: date | None = None) -> Resident:
    if not resident.id:
        raise ValueError("update() needs a resident with an id")
    before = get(db, resident.id)
    restriction.refuse_if(before.restricted)
    r = validated(resident, today)
    _refuse_same_pesel(db, r)
    r.updated_at = now_iso()
    values = _row_values(r)
    changed: dict[str, Any] = {
        c: [getattr(before, c), getattr(r, c)]
        for c in COLUMNS
        if c not in ("updated_at", "created_at", "archived_at", "archive_reason", "id")
        and getattr(before, c) != getattr(r, c)
    }
    with db.atomic():
        values.pop("created_at")
        values.pop("archived_at")
        values.pop("archive_reason")
        db.table("residents").update(resident.id, values)
        rowid = db.execute("SELECT rowid FROM residents WHERE id = ?",
                           [resident.id]).fetchone()[0]
        db.execute("DELETE FROM residents_fts WHERE rowid = ?", [rowid])
        db.execute("INSERT INTO residents_fts (rowid, folded) VALUES (?, ?)", [rowid, _doc_for(r)])
        household_changed = _write_household(db, resident.id, r.household, r.updated_at)
        if household_changed:
            changed["gospodarstwo domowe"] = "zmienione"
        if _write_close_persons(db, resident.id, r.close_persons, r.updated_at):
            changed["osoby bliskie"] = "zmienione"
        audit.record(
            db, "zmiana", "residents", r.id, resident_id=r.id, details={"pola": sorted(changed)}
        )
    return r


ARCHIVE_REASON = v.TextField("Powód przeniesienia do archiwum", 500)


def archive(db: Database, resident_id: str, reason: str = "") -> None:
    restriction.refuse_if(get(db, resident_id).restricted)
    try:
        reason = ARCHIVE_REASON.clean(reason)
    except ValueError as exc:
        raise ValidationError({"archive_reason": str(exc)}) from exc
    stamp = now_iso()
    with db.atomic():
        cur = db.execute(
            "UPDATE residents SET archived_at = ?, archive_reason = ?, updated_at = ?"
            " WHERE id = ? AND archived_at IS NULL",
            [stamp, reason or None, stamp, resident_id],
        )
        if cur.rowcount != 1:
            raise NotFound("Tego mieszkańca nie ma na liście aktywnych – może już jest w archiwum.")
        audit.record(
            db,
            "archiwizacja",
            "residents",
            resident_id,
            resident_id=resident_id,
            details={"powod": reason},
        )


def restore(db: Database, resident_id: str) -> None:
    stamp = now_iso()
    with db.atomic():
        db.execute(
            "UPDATE residents SET archived_at = NULL, archive_reason = NULL, updated_at = ?"
            " WHERE id = ?",
            [stamp, resident_id],
        )
        audit.record(db, "przywrocenie", "residents", resident_id, resident_id=resident_id)


def household_members(db: Database, resident_id: str) -> list[HouseholdMember]:
    rows = db.execute(
        "SELECT id, surname, first_name, relation, birth_date, member_resident_id, notes"
        " FROM household_members WHERE resident_id = ? AND archived_at IS NULL"
        " ORDER BY created_at, rowid",
        [resident_id],
    ).fetchall()
    return [
        HouseholdMember(
            id=r[0],
            surname=r[1],
            first_name=r[2],
            relation=r[3],
            birth_date=r[4],
            member_resident_id=r[5],
            notes=r[6] or "",
        )
        for r in rows
    ]


_MEMBER_COLUMNS = ("surname", "first_name", "relation", "birth_date", "member_resident_id",
                   "notes")
_CLOSE_COLUMNS = ("full_name", "relation", "pesel", "id_document", "address", "phone")


def close_persons(db: Database, resident_id: str) -> list[ClosePerson]:
    rows = db.execute(
        f"SELECT id, {', '.join(_CLOSE_COLUMNS)} FROM close_persons"
        " WHERE resident_id = ? AND archived_at IS NULL ORDER BY created_at, rowid",
        [resident_id],
    ).fetchall()
    return [ClosePerson(**{k: (v or "") for k, v in zip(_CLOSE_COLUMNS, r[1:], strict=True)},
                        id=r[0]) for r in rows]


def _write_household(
    db: Database, resident_id: str, members: list[HouseholdMember], stamp: str
) -> bool:
    current = {m.id: m for m in household_members(db, resident_id)}
    return _sync(db, "household_members", resident_id, current, members, _MEMBER_COLUMNS, stamp)


def _write_close_persons(
    db: Database, resident_id: str, persons: list[ClosePerson], stamp: str
) -> bool:
    current = {p.id: p for p in close_persons(db, resident_id)}
    return _sync(db, "close_persons", resident_id, current, persons, _CLOSE_COLUMNS, stamp,
                 empty_is_null=("pesel",))


def _sync(db: Database, table: str, resident_id: str, current: dict, wanted: list,
          columns: tuple[str, ...], stamp: str, empty_is_null: tuple[str, ...] = ()) -> bool:
    """Make ``table`` hold ``wanted`` for the resident, inside the caller's transaction:
    rows no longer wanted are archived, not deleted; a new row gets its id. True if any
    row changed."""
    keep = {w.id for w in wanted if w.id}
    changed = False
    for gone in set(current) - keep:
        db.execute(f"UPDATE {table} SET archived_at = ?, updated_at = ? WHERE id = ?",
                   [stamp, stamp, gone])
        changed = True
    for w in wanted:
        values = {c: getattr(w, c) for c in columns}
        values.update({c: values[c] or None for c in empty_is_null})
        old = current.get(w.id) if w.id else None
        if old is not None:
            if any(getattr(old, c) != getattr(w, c) for c in columns):
                db.table(table).update(w.id, {**values, "updated_at": stamp})
                changed = True
        else:
            w.id = new_id()
            db.table(table).insert({"id": w.id, "resident_id": resident_id,
                                    "created_at": stamp, "updated_at": stamp, **values})
            changed = True
    return changed


def rebuild_search_index(db: Database) -> None:
    """Refill the search index from the residents table (after a migration or VACUUM)."""
    with db.atomic():
        db.execute("DELETE FROM residents_fts")
        rows = db.execute(f"SELECT rowid, {', '.join(SEARCHED)} FROM residents").fetchall()
        db.conn.executemany(
            "INSERT INTO residents_fts (rowid, folded) VALUES (?, ?)",
            [(r[0], search_document(*r[1:])) for r in rows],
        )


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression: every folded word as a prefix, all required."""
    words = tokens(text)[:MAX_QUERY_TOKENS]
    return " ".join(f'"{w}"*' for w in words) or None


def search_rowids(db: Database, text: str = "", *, include_archived: bool = False) -> list[int]:
    """Row ids of matching residents in Polish alphabetical order (cheap to hold 100k)."""
    archived = "" if include_archived else " AND r.archived_at IS NULL"
    query = fts_query(text)
    if query is None:
        sql = "SELECT r.rowid FROM residents r WHERE 1=1" + archived + " ORDER BY r.sort_key, r.id"
        return [row[0] for row in db.execute(sql)]
    sql = (
        "SELECT r.rowid FROM residents_fts f JOIN residents r ON r.rowid = f.rowid"
        " WHERE residents_fts MATCH ?" + archived + " ORDER BY r.sort_key, r.id"
    )
    return [row[0] for row in db.execute(sql, [query])]


def rows_by_rowid(db: Database, rowids: list[int]) -> dict[int, ResidentRow]:
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    sql = "SELECT rowid, " + ", ".join(COLUMNS) + f" FROM residents WHERE rowid IN ({marks})"
    out = {}
    for row in db.execute(sql, rowids):
        r = _from_row(row[1:])
        out[row[0]] = ResidentRow(
            row[0],
            r.id or "",
            r.surname,
            r.first_name,
            r.pesel,
            r.birth_date or "",
            r.address,
            r.phone,
            r.archived_at is not None,
            r.restricted,
        )
    return out


def search(db: Database, text: str, limit: int = 50) -> list[ResidentRow]:
    """The same search as the register list, for the command line."""
    ids = search_rowids(db, text)[:limit]
    rows = rows_by_rowid(db, ids)
    return [rows[i] for i in ids if i in rows]


def rowid_of(db: Database, resident_id: str) -> int | None:
    row = db.execute("SELECT rowid FROM residents WHERE id = ?", [resident_id]).fetchone()
    return row[0] if row else None


def count(db: Database, *, include_archived: bool = False) -> int:
    where = "" if include_archived else " WHERE archived_at IS NULL"
    return int(db.execute("SELECT count(*) FROM residents" + where).fetchone()[0])
