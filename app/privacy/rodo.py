"""The resident's rights under the GDPR (RODO): access (everything held, as JSON and a
readable PDF), restriction of processing, and retention with anonymisation only on the
KIPUS's confirmation. Nothing is ever deleted or anonymised automatically."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from app.audit import trail as audit
from app.core.errors import KoordynatorError, NotFound, ValidationError
from app.core.ids import now_iso
from app.core.validation import TextField, format_date
from app.people.residents_store import get as get_resident
from app.settings import store as settings_store
from app.settings.values import retention_years

# What belongs to a resident: (table, Polish section title, how the rows are found).
_BY_RESIDENT = [
    ("household_members", "Gospodarstwo domowe", "resident_id = ?"),
    ("close_persons", "Osoby bliskie spoza gospodarstwa", "resident_id = ?"),
    ("applications", "Wnioski", "resident_id = ?"),
    ("cases", "Sprawy", "resident_id = ?"),
    ("consents", "Zgody", "resident_id = ?"),
    ("documents", "Wydane dokumenty", "resident_id = ?"),
]
_BY_CASE = [
    ("case_steps", "Kroki sprawy"),
    ("card_general", "Karta usług – część ogólna"),
    ("card_entries", "Karta usług – wpisy"),
    ("needs", "Potrzeby"),
    ("specialist_opinions", "Opinie specjalistów"),
    ("plans", "Plany (IPUS)"),
    ("case_events", "Monitorowanie i rzecznictwo"),
    ("evaluations", "Okresowe oceny"),
    ("summary_conversations", "Rozmowy podsumowujące"),
    ("follow_ups", "Monitoring po zakończeniu"),
]
_SKIP = {"sort_key", "name_key", "address_key", "pdf", "payload", "prev_hash", "hash"}
LABELS = {
    "surname": "nazwisko", "first_name": "imię", "second_name": "drugie imię",
    "pesel": "PESEL", "id_document": "dokument tożsamości", "birth_date": "data urodzenia",
    "sex": "płeć", "phone": "telefon", "email": "e-mail", "street": "ulica",
    "house_no": "nr domu", "flat_no": "nr lokalu", "postal_code": "kod pocztowy",
    "city": "miejscowość", "post_office": "poczta", "gmina": "gmina", "notes": "uwagi",
    "restricted": "ograniczenie przetwarzania", "created_at": "utworzono",
    "updated_at": "zmieniono", "archived_at": "zarchiwizowano", "archive_reason": "powód",
    "relation": "relacja", "filed_on": "data złożenia", "filed_by_kind": "kto złożył",
    "channel": "sposób złożenia", "request": "o co wnosi", "status": "stan",
    "opened_on": "otwarta", "closed_on": "zamknięta", "close_reason": "powód zamknięcia",
    "current_step": "bieżący krok", "kind": "rodzaj", "given": "udzielona",
    "decided_on": "data", "description": "opis", "category": "kategoria",
    "content": "treść", "entry_date": "data wpisu", "number": "numer",
    "issued_on": "data wydania", "title": "tytuł", "id": "identyfikator",
}


def _rows(db: Database, table: str, where: str, params: list) -> list[dict]:
    cur = db.execute(f"SELECT * FROM {table} WHERE {where}", params)
    names = [d[0] for d in cur.description]
    return [{k: v for k, v in zip(names, row, strict=True) if k not in _SKIP} for row in cur]


def collect(db: Database, resident_id: str) -> dict:
    """Everything held about one resident, grouped by section."""
    person = _rows(db, "residents", "id = ?", [resident_id])
    if not person:
        raise NotFound("Nie znaleziono mieszkańca.")
    data: dict = {"Dane osobowe": person}
    for table, title, where in _BY_RESIDENT:
        data[title] = _rows(db, table, where, [resident_id])
    case_ids = [c["id"] for c in data["Sprawy"]]
    marks = ",".join("?" * len(case_ids))
    for table, title in _BY_CASE:
        data[title] = _rows(db, table, f"case_id IN ({marks})", case_ids) if case_ids else []
    data["Dziennik zdarzeń"] = _rows(
        db, "audit_log", "resident_id = ? ORDER BY seq", [resident_id])
    return data


def export_person(db: Database, resident_id: str, out_dir: Path) -> tuple[Path, Path]:
    """Write ``<surname>-<id>.json`` and ``.pdf`` for an access request; audited."""
    data = collect(db, resident_id)
    person = data["Dane osobowe"][0]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"dane-osoby-{resident_id[:8]}-{date.today():%Y%m%d}"
    json_path = out_dir / f"{stem}.json"
    payload = {"wygenerowano": now_iso(), "administrator": settings_store.load(db).cus_name,
               "dane": data}
    json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str),
                         encoding="utf-8")
    pdf_path = _write_pdf(out_dir / f"{stem}.pdf", data, person,
                          settings_store.load(db).cus_name)
    with db.atomic():
        audit.record(db, "eksport", "residents", resident_id, resident_id=resident_id,
                     details={"pliki": [json_path.name, pdf_path.name]})
    return json_path, pdf_path


def _write_pdf(target: Path, data: dict, person: dict, controller: str) -> Path:
    from reportlab.platypus import Paragraph

    from app.documents import layout

    st = layout.styles()
    name = f"{person['first_name']} {person['surname']}"
    story = [
        Paragraph(layout.text(controller or "Centrum Usług Społecznych"), st["body"]),
        Paragraph("Informacja o przetwarzanych danych osobowych", st["title"]),
        Paragraph(layout.text(
            f"Dotyczy: {name}. Zestawienie wszystkich danych przechowywanych w programie "
            f"Koordynator na dzień {format_date(date.today())} (art. 15 RODO)."), st["body"]),
    ]
    for section, rows in data.items():
        story.append(Paragraph(layout.text(section), st["h2"]))
        if not rows:
            story.append(Paragraph("brak danych", st["small"]))
        for row in rows:
            pairs = [(LABELS.get(k, k.replace("_", " ")), _shown(k, v)) for k, v in row.items()
                     if v not in (None, "") and not k.endswith("_id")]  # links, not data
            story.append(layout.kv_table(pairs, st))
            story.append(Paragraph("", st["small"]))
    return layout.build(target, story, f"Dane osobowe – {name}", footer=name)


def _shown(key: str, value):
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return format_date(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:]+\+00:00", value):
        local = datetime.fromisoformat(value).astimezone()
        return f"{format_date(local.date())} {local:%H:%M}"
    if key in ("restricted", "given"):
        return "tak" if value else "nie"
    return value


RESTRICTION_REASON = TextField("Powód ograniczenia przetwarzania", 500)


def set_restriction(db: Database, resident_id: str, on: bool, reason: str = "") -> None:
    """Art. 18 RODO: while restricted, the record is only stored, not changed or used."""
    get_resident(db, resident_id)
    try:
        reason = RESTRICTION_REASON.clean(reason)
    except ValueError as exc:
        raise ValidationError({"reason": str(exc)}) from exc
    with db.atomic():
        db.execute("UPDATE residents SET restricted = ?, updated_at = ? WHERE id = ?",
                   [int(on), now_iso(), resident_id])
        audit.record(db, "zmiana", "residents", resident_id, resident_id=resident_id,
                     details={"ograniczenie_przetwarzania": on, "powod": reason})


@dataclass(frozen=True)
class ExpiredCase:
    case_id: str
    case_number: str
    resident_id: str
    name: str
    closed_on: str
    keep_until: date


def closed_cases_past_retention(db: Database, today: date | None = None) -> list[ExpiredCase]:
    """Closed cases whose retention ran out; counted from 1 January after the year closed."""
    today = today or date.today()
    years = retention_years(settings_store.load(db).retention_cases)
    if years is None:
        return []
    out = []
    rows = db.execute(
        "SELECT c.id, COALESCE(c.case_number, ''), c.resident_id,"
        " r.first_name || ' ' || r.surname, c.closed_on"
        " FROM cases c JOIN residents r ON r.id = c.resident_id"
        " WHERE c.status = 'zamknieta' AND c.closed_on IS NOT NULL AND r.surname != ?"
        " ORDER BY c.closed_on", [ANONYMISED])
    for case_id, number, resident_id, name, closed_on in rows:
        keep_until = date(int(closed_on[:4]) + 1 + years, 1, 1)
        if keep_until <= today:
            out.append(ExpiredCase(case_id, number, resident_id, name, closed_on, keep_until))
    return out


ANONYMISED = "ANONIMIZOWANO"


def anonymise_resident(db: Database, resident_id: str, today: date | None = None) -> None:
    """Replace the resident's identifying data once every case of theirs is past retention.
    Only on the KIPUS's explicit confirmation (the caller asks); recorded in the audit."""
    expired = {c.case_id for c in closed_cases_past_retention(db, today)
               if c.resident_id == resident_id}
    cases = {r[0] for r in db.execute("SELECT id FROM cases WHERE resident_id = ?",
                                      [resident_id])}
    if not cases or cases - expired:
        raise KoordynatorError("Nie można anonimizować: nie wszystkie sprawy tej osoby są "
                               "zamknięte i po okresie przechowywania.")
    stamp = now_iso()
    with db.atomic():
        db.execute(
            "UPDATE residents SET surname = ?, first_name = ?, second_name = NULL, pesel = NULL,"
            " id_document = NULL, phone = NULL, email = NULL, street = NULL, house_no = NULL,"
            " flat_no = NULL, notes = NULL, sort_key = ?, name_key = '', address_key = '',"
            " updated_at = ?, archived_at = COALESCE(archived_at, ?),"
            " archive_reason = 'anonimizacja po okresie przechowywania' WHERE id = ?",
            [ANONYMISED, ANONYMISED, "\x7f", stamp, stamp, resident_id])
        db.execute("UPDATE household_members SET surname = ?, first_name = ?, birth_date = NULL,"
                   " notes = NULL, updated_at = ? WHERE resident_id = ?",
                   [ANONYMISED, ANONYMISED, stamp, resident_id])
        db.execute("UPDATE close_persons SET full_name = ?, pesel = NULL, id_document = NULL,"
                   " address = NULL, phone = NULL, updated_at = ? WHERE resident_id = ?",
                   [ANONYMISED, stamp, resident_id])
        rowid = db.execute("SELECT rowid FROM residents WHERE id = ?", [resident_id]).fetchone()
        db.execute("DELETE FROM residents_fts WHERE rowid = ?", [rowid[0]])
        audit.record(db, "zmiana", "residents", resident_id, resident_id=resident_id,
                     details={"anonimizacja": True, "sprawy": sorted(cases)})
