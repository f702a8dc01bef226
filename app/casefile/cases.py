"""Cases: one episode of support for a resident, walked through the nine steps of case
management (Raiff & Shore), resumable at the step where the KIPUS stopped."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any

from sqlite_utils import Database

from app.audit import trail as audit
from app.core import reference
from app.core.errors import NotFound, ValidationError
from app.core.ids import new_id, now_iso
from app.settings import store as settings_store
from app.storage import rows

STEPS = [
    (1, "Nawiązanie kontaktu",
     "Pierwsze spotkanie: kto kieruje, o co prosi osoba, zgoda na prowadzenie karty usług."),
    (2, "Ocena sytuacji i potrzeb",
     "Rozpoznanie indywidualnych potrzeb: część ogólna karty, potrzeby, zasoby, opinie."),
    (3, "Ustalenie zasobów",
     "Dla każdej potrzeby: czy i gdzie jest usługa lub zasób; potrzeby niezaspokojone."),
    (4, "Opracowanie planu",
     "IPUS uzgodniony z osobą: usługi, działania wspierające, terminy i miejsca."),
    (5, "Zapewnienie dostępu",
     "Skierowanie do usług z planu: kontakt z wykonawcą, potwierdzenie rozpoczęcia."),
    (6, "Monitorowanie",
     "Jak przebiega realizacja i co zmienia; interwencja albo zmiana planu."),
    (7, "Rzecznictwo",
     "W razie potrzeby: występowanie w interesie osoby i w obronie jej praw."),
    (8, "Okresowa ocena",
     "Ocena skuteczności usług; kontynuacja, zmiana planu albo zakończenie."),
    (9, "Zamknięcie relacji",
     "Zakończenie wsparcia: rozmowa podsumowująca i monitoring po zakończeniu."),
]
STEP_NAMES = {n: name for n, name, _ in STEPS}


class Step(IntEnum):
    """The nine case-management steps, by the number the KIPUS knows them by."""

    CONTACT = 1
    ASSESSMENT = 2
    RESOURCES = 3
    PLAN = 4
    ACCESS = 5
    MONITORING = 6
    ADVOCACY = 7
    EVALUATION = 8
    CLOSING = 9


class CaseStatus(StrEnum):
    OPEN = "otwarta"
    CLOSED = "zamknieta"


@dataclass
class Case:
    id: str
    resident_id: str
    resident_name: str
    case_number: str
    status: str
    current_step: int
    opened_on: str
    came_how: str | None
    referred_by: str | None
    request: str | None
    closed_on: str | None
    close_reason: str | None
    includes_household: bool
    consent: bool | None  # consent to keep the service card: given, refused, not asked

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN


def _next_number(db: Database, kind: str, year: int) -> int:
    """Numbers never repeat, even with many issued quickly (inside the caller's txn)."""
    db.execute("INSERT INTO document_counters (kind, year, last_number) VALUES (?, ?, 0)"
               " ON CONFLICT(kind, year) DO NOTHING", [kind, year])
    db.execute("UPDATE document_counters SET last_number = last_number + 1"
               " WHERE kind = ? AND year = ?", [kind, year])
    return int(db.execute("SELECT last_number FROM document_counters WHERE kind = ? AND"
                          " year = ?", [kind, year]).fetchone()[0])


# the kinds of case file, each numbered in its year: the IPUS case, and the proceedings on
# an application the centre refused (its decision's znak sprawy)
SERIES = {"sprawa": "jrwa_case", "odmowa": "jrwa_refusal"}


def next_reference(db: Database, series: str, on: date) -> str:
    """The next znak sprawy of ``series`` for the year of ``on``, by the pattern in the
    settings (inside the caller's transaction: a number is never given twice)."""
    s = settings_store.load(db)
    jrwa = getattr(s, SERIES[series])
    if reference.uses_jrwa(s.case_ref_pattern) and not jrwa:
        label = settings_store.LABELS[SERIES[series]]
        raise ValidationError({"jrwa": f"Znak sprawy ma zawierać symbol JRWA, a w ustawieniach "
                                       f"go nie ma: uzupełnij „{label}” (Plik → Ustawienia "
                                       "centrum)."})
    while True:  # a number typed in by hand past the counter is skipped
        number = reference.format_reference(s.case_ref_pattern, s.office_symbol, jrwa,
                                            _next_number(db, series, on.year), on.year)
        if not db.execute("SELECT 1 FROM cases WHERE case_number = ? UNION ALL SELECT 1 FROM"
                          " applications WHERE case_number = ?", [number, number]).fetchone():
            return number


def open_case(db: Database, resident_id: str, opened_on: date, *,
              application_id: str | None = None, includes_household: bool = False) -> str:
    case_id, stamp = new_id(), now_iso()
    with db.atomic():
        number = next_reference(db, "sprawa", opened_on)
        db.table("cases").insert({
            "id": case_id, "created_at": stamp, "updated_at": stamp, "resident_id": resident_id,
            "application_id": application_id, "case_number": number,
            "includes_household": int(includes_household), "status": CaseStatus.OPEN,
            "current_step": 1, "opened_on": opened_on.isoformat()})
        if application_id:
            request = db.execute("SELECT request FROM applications WHERE id = ?",
                                 [application_id]).fetchone()
            if request:
                db.execute("UPDATE cases SET request = ? WHERE id = ?", [request[0], case_id])
        audit.record(db, "utworzenie", "cases", case_id, resident_id=resident_id,
                     details={"numer": number})
    return case_id


_CASE_SQL = (
    "SELECT c.id, c.resident_id, r.first_name || ' ' || r.surname AS resident_name,"
    " c.case_number, c.status, c.current_step, c.opened_on, c.came_how, c.referred_by,"
    " c.request, c.closed_on, c.close_reason, c.includes_household,"
    " (SELECT given FROM consents k WHERE k.case_id = c.id AND k.kind = 'karta_uslug'"
    "  AND k.archived_at IS NULL ORDER BY k.decided_on DESC, k.created_at DESC LIMIT 1)"
    " AS consent FROM cases c JOIN residents r ON r.id = c.resident_id")


def _case(row: dict[str, Any]) -> Case:
    consent = None if row["consent"] is None else bool(row["consent"])
    return Case(**{**row, "includes_household": bool(row["includes_household"]),
                   "consent": consent})


def get_case(db: Database, case_id: str) -> Case:
    row = rows.first(db.execute(_CASE_SQL + " WHERE c.id = ?", [case_id]))
    if row is None:
        raise NotFound("Nie znaleziono sprawy.")
    return _case(row)


def cases_for_resident(db: Database, resident_id: str) -> list[Case]:
    """Every case of the resident, open ones first, closed ones kept visible."""
    found = db.execute(_CASE_SQL + " WHERE c.resident_id = ? AND c.archived_at IS NULL"
                       " ORDER BY c.status = 'zamknieta', c.opened_on DESC", [resident_id])
    return [_case(r) for r in rows.named(found)]


def go_to_step(db: Database, case_id: str, step: int) -> None:
    """Remember where the KIPUS is, so the case resumes there."""
    if not 1 <= step <= 9:
        raise ValueError(step)
    with db.atomic():
        db.execute("UPDATE cases SET current_step = ?, updated_at = ? WHERE id = ?",
                   [step, now_iso(), case_id])
        _step_row(db, case_id, step)


def _step_row(db: Database, case_id: str, step: int) -> None:
    stamp = now_iso()
    db.execute("INSERT INTO case_steps (id, created_at, updated_at, case_id, step, started_on)"
               " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(case_id, step) DO NOTHING",
               [new_id(), stamp, stamp, case_id, step, date.today().isoformat()])


def save_draft(db: Database, case_id: str, step: int, values: dict) -> None:
    """What was typed on a page but not yet accepted: kept so leaving never loses it. Kept
    as ASCII JSON: a draft is raw typing (a lone surrogate, a bidi override), which is
    checked only when the page is saved, and must neither crash nor sit in the file as is."""
    with db.atomic():
        _step_row(db, case_id, step)
        db.execute("UPDATE case_steps SET notes = ?, updated_at = ? WHERE case_id = ? AND"
                   " step = ?", [json.dumps(values, ensure_ascii=True), now_iso(), case_id,
                                 step])


def load_draft(db: Database, case_id: str, step: int) -> dict | None:
    """The draft kept for the step; None when there is none or it cannot be read (a
    damaged draft must never stop the case from opening)."""
    row = db.execute("SELECT notes FROM case_steps WHERE case_id = ? AND step = ?",
                     [case_id, step]).fetchone()
    try:
        draft = json.loads(row[0]) if row and row[0] else None
    except (TypeError, ValueError):
        return None
    return draft if isinstance(draft, dict) else None


def discard_draft(db: Database, case_id: str, step: int) -> None:
    """Forget the step's draft (unreadable, or made for a state of the plan that is gone)
    without marking the step done."""
    with db.atomic():
        db.execute("UPDATE case_steps SET notes = NULL, updated_at = ? WHERE case_id = ? AND"
                   " step = ?", [now_iso(), case_id, step])


def clear_draft(db: Database, case_id: str, step: int) -> None:
    _step_row(db, case_id, step)
    db.execute("UPDATE case_steps SET notes = NULL, completed_on = ?, updated_at = ?"
               " WHERE case_id = ? AND step = ?",
               [date.today().isoformat(), now_iso(), case_id, step])


def completed_steps(db: Database, case_id: str) -> set[int]:
    """Steps saved at least once (for the progress list)."""
    return {r[0] for r in db.execute("SELECT step FROM case_steps WHERE case_id = ? AND"
                                     " completed_on IS NOT NULL", [case_id])}
