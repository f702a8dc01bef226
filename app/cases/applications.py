"""Applications for qualification (wnioski o zakwalifikowanie): filed, waiting in the order
filed, then qualified (a case opens), refused (a decision follows) or passed to another team
with the applicant's consent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app.audit import trail as audit
from app.casefile.cases import open_case
from app.core.errors import KoordynatorError, NotFound, ValidationError
from app.core.ids import new_id, now_iso
from app.core.validation import TextField, check_past_date, format_date
from app.people.restriction import refuse_if_restricted
from app.storage import rows

FILED_BY = {"osoba": "osoba zainteresowana", "przedstawiciel": "przedstawiciel ustawowy",
            "opiekun": "opiekun faktyczny", "instytucja": "instytucja zgłaszająca"}
# as offered in the form: the Act names only these three filers, so the relative or friend
# who looks after the person is shown where she belongs (she files as opiekun faktyczny)
FILED_BY_CHOICES = FILED_BY | {"opiekun": "opiekun faktyczny (np. członek rodziny, osoba "
                                          "bliska, sąsiad)"}
CHANNELS = {"osobiscie": "osobiście", "telefon": "telefonicznie", "email": "e-mailem",
            "pismo": "pisemnie"}
STATUSES = {"oczekuje": "oczekuje", "zakwalifikowany": "zakwalifikowany",
            "odmowa": "odmowa", "przekazany": "przekazany", "wycofany": "wycofany"}


@dataclass(frozen=True)
class WaitingApplication:
    id: str
    resident_id: str
    name: str
    filed_on: str
    filed_by_kind: str
    channel: str
    request: str
    days_waiting: int


REQUEST = TextField("O co wnosi osoba", 2000, multiline=True)
FILED_BY_NAME = TextField("Kto złożył wniosek", 200)
REFUSAL_REASON = TextField("Uzasadnienie odmowy", 2000, multiline=True)
TRANSFERRED_TO = TextField("Komu przekazano wniosek", 300)


def _check_date(value: date, field: str, today: date, errors: dict[str, str],
                label: str = "Data złożenia wniosku") -> None:
    if msg := check_past_date(value, label, today):
        errors[field] = msg


def file_application(db: Database, resident_id: str, filed_on: date, filed_by_kind: str,
                     channel: str, request: str, filed_by_name: str = "",
                     today: date | None = None) -> str:
    today = today or date.today()
    errors: dict[str, str] = {}
    _check_date(filed_on, "filed_on", today, errors)
    if filed_by_kind not in FILED_BY:
        errors["filed_by_kind"] = "Wybierz, kto złożył wniosek."
    if channel not in CHANNELS:
        errors["channel"] = "Wybierz, jak wpłynął wniosek."
    request = REQUEST.collect(request, errors, "request", "wpisz, o co wnosi osoba.")
    named = filed_by_kind in ("przedstawiciel", "opiekun", "instytucja")
    filed_by_name = FILED_BY_NAME.collect(
        filed_by_name, errors, "filed_by_name",
        "podaj osobę lub instytucję, która złożyła wniosek." if named else None)
    if errors:
        raise ValidationError(errors)
    refuse_if_restricted(db, resident_id)
    app_id, stamp = new_id(), now_iso()
    with db.atomic():
        db.table("applications").insert({
            "id": app_id, "created_at": stamp, "updated_at": stamp, "resident_id": resident_id,
            "filed_on": filed_on.isoformat(), "filed_by_kind": filed_by_kind,
            "filed_by_name": filed_by_name or None, "channel": channel, "request": request,
            "status": "oczekuje"})
        audit.record(db, "utworzenie", "applications", app_id, resident_id=resident_id,
                     details={"zlozono": filed_on.isoformat(), "kto": filed_by_kind})
    return app_id


def count_waiting(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM applications WHERE status = 'oczekuje' AND"
                          " archived_at IS NULL").fetchone()[0])


def waiting(db: Database, today: date | None = None) -> list[WaitingApplication]:
    """Applications not yet decided, in the order filed (the order they are handled in)."""
    today = today or date.today()
    found = db.execute(
        "SELECT a.id, a.resident_id, r.first_name || ' ' || r.surname AS name, a.filed_on,"
        " a.filed_by_kind, a.channel, a.request FROM applications a"
        " JOIN residents r ON r.id = a.resident_id"
        " WHERE a.status = 'oczekuje' AND a.archived_at IS NULL"
        " ORDER BY a.filed_on, a.created_at")
    return [WaitingApplication(**r, days_waiting=(today - date.fromisoformat(r["filed_on"])).days)
            for r in rows.named(found)]


@dataclass(frozen=True)
class ApplicationRow:
    id: str
    filed_on: str
    request: str
    status: str
    decided_on: str | None
    refusal_reason: str | None
    transferred_to: str | None


def for_resident(db: Database, resident_id: str) -> list[ApplicationRow]:
    return rows.build(db.execute(
        "SELECT id, filed_on, request, status, decided_on, refusal_reason, transferred_to"
        " FROM applications WHERE resident_id = ? AND archived_at IS NULL"
        " ORDER BY filed_on DESC", [resident_id]), ApplicationRow)


def _get(db: Database, app_id: str) -> tuple[str, str, str]:
    row = db.execute("SELECT resident_id, status, filed_on FROM applications WHERE id = ?",
                     [app_id]).fetchone()
    if row is None:
        raise NotFound("Nie znaleziono wniosku.")
    return row


def _decide(db: Database, app_id: str, decided_on: date, today: date | None,
            label: str) -> tuple[str, str]:
    """``label`` names the date as the form does (Data zakwalifikowania, decyzji…)."""
    resident_id, status, filed_on = _get(db, app_id)
    if status != "oczekuje":
        raise KoordynatorError(f"Ten wniosek jest już rozpatrzony ({STATUSES[status]}).")
    refuse_if_restricted(db, resident_id)
    if msg := check_past_date(decided_on, label, today or date.today()):
        raise ValidationError({"decided_on": msg})
    if decided_on < date.fromisoformat(filed_on):
        raise ValidationError({"decided_on": f"{label}: nie może być wcześniejsza niż "
                                             f"złożenie wniosku ({format_date(filed_on)})."})
    return resident_id, filed_on


def qualify(db: Database, app_id: str, decided_on: date, includes_household: bool = False,
            today: date | None = None) -> str:
    """Qualify the applicant (no administrative decision needed) and open a case."""
    resident_id, _ = _decide(db, app_id, decided_on, today, "Data zakwalifikowania")
    with db.atomic():
        db.execute("UPDATE applications SET status = 'zakwalifikowany', decided_on = ?,"
                   " updated_at = ? WHERE id = ?", [decided_on.isoformat(), now_iso(), app_id])
        case_id = open_case(db, resident_id, decided_on, application_id=app_id,
                            includes_household=includes_household)
        audit.record(db, "zmiana", "applications", app_id, resident_id=resident_id,
                     details={"stan": "zakwalifikowany", "sprawa": case_id})
    return case_id


def refuse(db: Database, app_id: str, decided_on: date, reason: str,
           today: date | None = None) -> None:
    """A refusal is an administrative decision (appeal to the SKO); its document follows."""
    resident_id, _ = _decide(db, app_id, decided_on, today, "Data decyzji")
    errors: dict[str, str] = {}
    reason = REFUSAL_REASON.collect(reason, errors, "refusal_reason", "podaj uzasadnienie.")
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db.execute("UPDATE applications SET status = 'odmowa', decided_on = ?,"
                   " refusal_reason = ?, updated_at = ? WHERE id = ?",
                   [decided_on.isoformat(), reason, now_iso(), app_id])
        audit.record(db, "zmiana", "applications", app_id, resident_id=resident_id,
                     details={"stan": "odmowa"})


def transfer(db: Database, app_id: str, decided_on: date, to: str, consent_on: date,
             today: date | None = None) -> None:
    """Pass the application to another team or gmina unit, with the applicant's consent."""
    resident_id, filed_on = _decide(db, app_id, decided_on, today, "Data przekazania")
    errors: dict[str, str] = {}
    to = TRANSFERRED_TO.collect(to, errors, "transferred_to", "podaj zespół lub jednostkę.")
    if msg := check_past_date(consent_on, "Data zgody na przekazanie", today or date.today()):
        errors["transfer_consent_on"] = msg
    if errors:
        raise ValidationError(errors)
    stamp = now_iso()
    with db.atomic():
        db.execute("UPDATE applications SET status = 'przekazany', decided_on = ?,"
                   " transferred_to = ?, transfer_consent_on = ?, updated_at = ? WHERE id = ?",
                   [decided_on.isoformat(), to, consent_on.isoformat(), stamp, app_id])
        db.table("consents").insert({
            "id": new_id(), "created_at": stamp, "updated_at": stamp,
            "resident_id": resident_id, "application_id": app_id,
            "kind": "przekazanie_wniosku", "given": 1, "decided_on": consent_on.isoformat(),
            "notes": f"Przekazanie do: {to}"})
        audit.record(db, "zmiana", "applications", app_id, resident_id=resident_id,
                     details={"stan": "przekazany", "do": to})
