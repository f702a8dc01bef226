"""IPUS plans as step 4 records them: a plan per case with numbered versions; items are
services from the catalogue or supporting actions. (The full plan editor with approval and
the timeline is its own capability; this is the part the case workflow needs.)"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app.audit import trail as audit
from app.core.errors import KoordynatorError, NotFound, PlanFrozen, ValidationError
from app.core.ids import new_id, now_iso
from app.core.validation import (
    TextField,
    check_amount,
    check_date,
    clean_fields,
    format_amount,
    name_fields,
    parse_date,
)
from app.people.restriction import refuse_if_restricted
from app.plans.status import FROZEN_MESSAGE, PlanStatus
from app.storage import rows

ITEM_KINDS = {"usluga": "usługa", "dzialanie_wspierajace": "działanie wspierające"}
ITEM_STATUSES = {"planowana": "planowana", "skierowana": "skierowana",
                 "realizowana": "realizowana", "zawieszona": "zawieszona",
                 "zakonczona": "zakończona", "anulowana": "anulowana"}
RUNNING = ("skierowana", "realizowana")
WEEKDAYS = ("pn", "wt", "śr", "cz", "pt", "sb", "nd")
# how people write the days: short forms, whole names, with or without Polish letters
_DAY_WORDS = {
    "pn": 0, "pon": 0, "poniedzialek": 0, "wt": 1, "wto": 1, "wtorek": 1, "sr": 2, "sro": 2,
    "sroda": 2, "cz": 3, "czw": 3, "czwartek": 3, "pt": 4, "pia": 4, "piatek": 4, "sb": 5,
    "so": 5, "sob": 5, "sobota": 5, "nd": 6, "ndz": 6, "niedz": 6, "niedziela": 6}
_EVERY_DAY = {"codziennie", "codzien", "kazdego dnia", "caly tydzien"}


def weekdays_of(text: object) -> list[str]:
    """"pn, śr", "Pon Czw", "poniedziałek–piątek", "pn-pt" → ["pn", "śr"] …, in week order;
    ValueError naming the word that is not a day."""
    if not isinstance(text, str):
        raise ValueError("wpisz dni, np. pn, śr, pt albo pn–pt.")
    folded = unicodedata.normalize("NFKC", text).lower().translate(_PLAIN)
    if folded.strip(" .") in _EVERY_DAY:  # "codziennie": for meals, the natural word
        return list(WEEKDAYS)
    folded = re.sub(r"\s*[-–—]\s*", "-", folded)  # "pn - pt" is one range, "pn pt" two days
    found: set[int] = set()
    for part in re.split(r"[,;/\s]+", folded.strip()):
        ends = [e.strip(".") for e in part.split("-") if e.strip(".")]
        if not ends:
            continue
        numbers = []
        for word in ends:
            if word not in _DAY_WORDS:
                raise ValueError(f"„{_shown(word)}” to nie dzień tygodnia – wpisz np. pn, śr, "
                                 "pt, pn–pt albo codziennie.")
            numbers.append(_DAY_WORDS[word])
        if len(numbers) == 2 and numbers[0] <= numbers[1]:
            found.update(range(numbers[0], numbers[1] + 1))  # a range: "pn–pt"
        elif len(numbers) == 1:
            found.add(numbers[0])
        else:
            raise ValueError(f"nie rozumiem „{_shown(part)}” – wpisz np. pn–pt.")
    return [WEEKDAYS[n] for n in sorted(found)]


_PLAIN = str.maketrans("ąćęłńóśźż", "acelnoszz")


def _shown(word: str) -> str:
    """A refused word as a message may quote it: no control or bidi characters that would
    turn the message around, and not a page of it."""
    visible = "".join(ch for ch in word if unicodedata.category(ch)[0] != "C")
    return visible if len(visible) <= 30 else visible[:30] + "…"


@dataclass
class PlanItem:
    kind: str = "usluga"
    service_id: str | None = None
    partner_id: str | None = None
    need_id: str | None = None
    description: str = ""
    place: str = ""
    start_on: str | None = None
    end_on: str | None = None
    frequency: str = ""
    copayment_grosze: int | None = None  # None: not given; 0: free of charge
    status: str = "planowana"
    id: str | None = None
    service_name: str = ""
    weekdays: str = ""  # e.g. "pn,śr,pt"
    time_from: str = ""  # "HH:MM"
    time_to: str = ""
    origin_item_id: str | None = None
    partner_name: str = ""
    copayment_note: str = ""  # e.g. "zwolnienie do 31.12 decyzją dyrektora"


def copayment_text(grosze: int | None, note: str = "", free: str = "") -> str:
    """The co-payment as a person reads it: '12,50 zł', '12,50 zł (od marca)',
    'nieodpłatnie' for 0; ``free`` when no amount is given."""
    amount = "nieodpłatnie" if grosze == 0 else format_amount(grosze) or free
    if note:
        return f"{amount} ({note})" if amount else note
    return amount


@dataclass(frozen=True)
class PlanVersion:
    id: str
    plan_id: str
    version_no: int
    status: str
    change_summary: str | None


def current_version(db: Database, case_id: str) -> PlanVersion | None:
    found = rows.build(db.execute(
        "SELECT v.id, v.plan_id, v.version_no, v.status, v.change_summary FROM plan_versions v"
        " JOIN plans p ON p.id = v.plan_id WHERE p.case_id = ? AND v.status != 'zastapiony'"
        " ORDER BY v.version_no DESC LIMIT 1", [case_id]), PlanVersion)
    return found[0] if found else None


def version_id_for(db: Database, some_id: str, version_no: int | None = None) -> str:
    """The plan version meant by a case's, a plan's or a version's id: the newest one in
    force or in work, or number ``version_no``. NotFound in Polish when there is none."""
    row = db.execute(
        "SELECT p.case_id FROM plans p WHERE p.case_id = ? OR p.id = ? UNION ALL SELECT"
        " p.case_id FROM plan_versions v JOIN plans p ON p.id = v.plan_id WHERE v.id = ?",
        [some_id, some_id, some_id]).fetchone()
    if row is None:
        raise NotFound("Nie znaleziono planu: podaj identyfikator sprawy, planu albo wersji.")
    all_versions = versions(db, row[0])
    if version_no is None:
        if any(v.id == some_id for v in all_versions):
            return some_id
        current = current_version(db, row[0])
        if current is None:
            raise NotFound("Ta sprawa nie ma jeszcze planu.")
        return current.id
    for v in all_versions:
        if v.version_no == version_no:
            return v.id
    raise NotFound(f"Plan nie ma wersji {version_no} (są wersje: "
                   f"{', '.join(str(v.version_no) for v in all_versions)}).")


def versions(db: Database, case_id: str) -> list[PlanVersion]:
    return rows.build(db.execute(
        "SELECT v.id, v.plan_id, v.version_no, v.status, v.change_summary FROM plan_versions v"
        " JOIN plans p ON p.id = v.plan_id WHERE p.case_id = ? ORDER BY v.version_no",
        [case_id]), PlanVersion)


def items(db: Database, version_id: str) -> list[PlanItem]:
    return rows.build(db.execute(
        "SELECT i.kind, i.service_id, i.partner_id, i.need_id,"
        " COALESCE(i.description, '') AS description, COALESCE(i.place, '') AS place,"
        " i.start_on, i.end_on, COALESCE(i.frequency, '') AS frequency, i.copayment_grosze,"
        " i.status, i.id, COALESCE(s.name, '') AS service_name,"
        " COALESCE(i.weekdays, '') AS weekdays, COALESCE(i.time_from, '') AS time_from,"
        " COALESCE(i.time_to, '') AS time_to, i.origin_item_id,"
        " COALESCE(p.full_name, '') AS partner_name,"
        " COALESCE(i.copayment_note, '') AS copayment_note"
        " FROM plan_items i LEFT JOIN services s ON s.id = i.service_id"
        " LEFT JOIN partners p ON p.id = i.partner_id"
        " WHERE i.plan_version_id = ? AND i.archived_at IS NULL ORDER BY i.position, i.rowid",
        [version_id]), PlanItem)


CLOSED_MESSAGE = "Sprawa jest zamknięta: jej planu nie można już zmieniać ani aktualizować."


def _refuse_if_case_closed(db: Database, case_id: str) -> None:
    row = db.execute("SELECT status FROM cases WHERE id = ?", [case_id]).fetchone()
    if row and row[0] == "zamknieta":
        raise PlanFrozen(CLOSED_MESSAGE)


def _draft(db: Database, case_id: str) -> PlanVersion:
    """The version being edited; a first draft is made when the case has no plan yet."""
    _refuse_if_case_closed(db, case_id)
    version = current_version(db, case_id)
    if version is not None:
        return version
    stamp = now_iso()
    plan_id, version_id = new_id(), new_id()
    db.table("plans").insert({"id": plan_id, "created_at": stamp, "updated_at": stamp,
                              "case_id": case_id, "status": PlanStatus.DRAFT})
    db.table("plan_versions").insert({"id": version_id, "created_at": stamp, "updated_at": stamp,
                                      "plan_id": plan_id, "version_no": 1,
                                      "status": PlanStatus.DRAFT})
    return PlanVersion(version_id, plan_id, 1, PlanStatus.DRAFT, None)


ITEM_TEXTS = {
    "description": TextField("Opis (kto, co)", 1000, multiline=True),
    "place": TextField("Miejsce", 300),
    "frequency": TextField("Częstotliwość", 200),
    "copayment_note": TextField("Odpłatność – uwagi", 200),
}
ITEM_LABELS = {**{name: f.label for name, f in ITEM_TEXTS.items()}, "start_on": "Od",
               "end_on": "Do", "time_from": "Godzina od", "time_to": "Godzina do",
               "weekdays": "Dni", "copayment_grosze": "Odpłatność", "kind": "Rodzaj",
               "service_id": "Usługa", "status": "Stan"}
UPDATE_REASON = TextField("Powód aktualizacji", 500)
# Services are planned in the coming years; a date far outside is a typing error.
ITEM_FIRST, ITEM_LAST = date(2000, 1, 1), date(2100, 12, 31)


def _item_date(value: str | date | None, name: str, errors: dict[str, str]) -> str | None:
    if not value:
        return None
    label = ITEM_LABELS[name]
    if isinstance(value, date):
        if msg := check_date(value, label, ITEM_FIRST, ITEM_LAST):
            errors[name] = msg
        return value.isoformat()
    try:
        return parse_date(value, label, ITEM_FIRST, ITEM_LAST).isoformat()
    except ValueError as exc:
        errors[name] = str(exc)
        return None


def clock(value: str) -> str:
    """A time as people write it (9, 9.30, 9:30) as HH:MM; anything else as typed."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    if m := re.fullmatch(r"([0-9]{1,2})(?:[:.]([0-5][0-9]))?", text):
        text = f"{int(m.group(1)):02d}:{m.group(2) or '00'}"
    return text


def _item_time(value: str, name: str, errors: dict[str, str]) -> str:
    text = clock(value) if isinstance(value, str) else "?"
    if text and not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", text):
        errors[name] = "Godzinę wpisz jako GG:MM, np. 09:30."
    return text


def validate_item(item: PlanItem, number: int | None = None) -> PlanItem:
    """The item cleaned, or ValidationError whose messages name the field (and the item's
    number in the plan when given)."""
    texts, errors = clean_fields(item, ITEM_TEXTS)
    if item.kind not in ITEM_KINDS:
        errors["kind"] = "Wybierz: usługa albo działanie wspierające."
    if item.kind == "usluga" and not item.service_id:
        errors["service_id"] = "Wybierz usługę z katalogu."
    if item.status not in ITEM_STATUSES:
        errors["status"] = "Wybierz stan z listy."
    if item.kind == "dzialanie_wspierajace" and not texts["description"] and \
            "description" not in errors:
        errors["description"] = "Opisz działanie wspierające (kto, co, kiedy)."
    start = _item_date(item.start_on, "start_on", errors)
    end = _item_date(item.end_on, "end_on", errors)
    if start and end and end < start:
        errors["end_on"] = "Koniec nie może być przed początkiem."
    time_from = _item_time(item.time_from, "time_from", errors)
    time_to = _item_time(item.time_to, "time_to", errors)
    if time_from and time_to and not errors.keys() & {"time_from", "time_to"} and \
            time_to <= time_from:
        errors["time_to"] = "Koniec zajęć musi być po ich początku."
    if time_to and not time_from:
        errors["time_from"] = "Podaj też godzinę rozpoczęcia (np. 09:00–10:00)."
    try:
        days = weekdays_of(item.weekdays)
    except ValueError as exc:
        days = []
        errors["weekdays"] = str(exc)
    if msg := check_amount(item.copayment_grosze, ITEM_LABELS["copayment_grosze"]):
        errors["copayment_grosze"] = msg
    if errors:
        errors = name_fields(errors, ITEM_LABELS)
        if number is not None:
            errors = {key: f"Pozycja {number}: {msg}" for key, msg in errors.items()}
        raise ValidationError(errors)
    # the caller's item is updated in place: save_items gives it its id
    for name, value in texts.items():
        setattr(item, name, value)
    item.start_on, item.end_on, item.time_from, item.time_to = start, end, time_from, time_to
    item.weekdays = ",".join(days)
    return item


def parse_hours(text: str) -> tuple[str, str]:
    """'09:00–10:30' (any dash, spaces allowed) as ('09:00', '10:30'); one time alone as
    (time, ''). The times themselves are checked with the item."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    value = re.sub(r"^od\s*(?=\d)", "", value, flags=re.IGNORECASE)  # "od 10:00", as printed
    # spaces around the dash only: "1 0-11" is not read as 10:00–11:00
    start, _, end = re.sub(r"\s*[‐-―−-]\s*", "-", value).partition("-")
    return clock(start), clock(end)


def hours_text(item: PlanItem) -> str:
    if not item.time_from:
        return ""
    return f"{item.time_from}–{item.time_to}" if item.time_to else f"od {item.time_from}"


STALE_MESSAGE = ("Plan zmienił się w innym oknie (np. w edytorze IPUS): tego, co wpisano tutaj, "
                 "nie zapisano. Zamknij to okno i otwórz plan ponownie.")


def _refuse_unknown_references(db: Database, case_id: str, cleaned: list[PlanItem]) -> None:
    """Every service, provider and need an item names exists, and the need is this case's
    (a damaged draft or a script could name anything; the file would refuse it raw)."""
    def known(sql: str, values: set[str], *args: str) -> set[str]:
        if not values:
            return set()
        marks = ", ".join("?" * len(values))
        return {r[0] for r in db.execute(sql.format(marks), [*values, *args])}

    services = known("SELECT id FROM services WHERE id IN ({})",
                     {i.service_id for i in cleaned if i.service_id})
    providers = known("SELECT id FROM partners WHERE id IN ({})",
                      {i.partner_id for i in cleaned if i.partner_id})
    needs = known("SELECT id FROM needs WHERE id IN ({}) AND case_id = ?",
                  {i.need_id for i in cleaned if i.need_id}, case_id)
    errors = {}
    for n, item in enumerate(cleaned, start=1):
        if item.service_id and item.service_id not in services:
            errors[f"items.{n}.service_id"] = f"Pozycja {n}: nie ma takiej usługi w katalogu."
        if item.partner_id and item.partner_id not in providers:
            errors[f"items.{n}.partner_id"] = f"Pozycja {n}: nie ma takiego wykonawcy."
        if item.need_id and item.need_id not in needs:
            errors[f"items.{n}.need_id"] = (f"Pozycja {n}: wskazana potrzeba nie należy do "
                                           "tej sprawy.")
    if errors:
        raise ValidationError(errors)


def revision(db: Database, case_id: str) -> str:
    """What the case's newest version holds now, as a fingerprint: a window that loaded
    another state of it is stale and must not save over what was saved since."""
    version = current_version(db, case_id)
    if version is None:
        return ""
    state = (db.execute("SELECT * FROM plan_versions WHERE id = ?", [version.id]).fetchone(),
             db.execute("SELECT * FROM plan_items WHERE plan_version_id = ? AND archived_at IS"
                        " NULL ORDER BY id", [version.id]).fetchall(),
             db.execute("SELECT need_id FROM plan_version_needs WHERE plan_version_id = ? AND"
                        " archived_at IS NULL ORDER BY need_id", [version.id]).fetchall())
    return hashlib.sha256(repr(state).encode()).hexdigest()


def refuse_if_stale(db: Database, case_id: str, expected: str | None) -> None:
    """``expected``: the revision the window loaded (None: not checked)."""
    if expected is not None and revision(db, case_id) != expected:
        raise KoordynatorError(STALE_MESSAGE)


def save_items(db: Database, case_id: str, new_items: list[PlanItem], resident_id: str, *,
               keep: Collection[str] = ()) -> str:
    """Replace the draft's items (removed ones are archived); returns the version id. The
    columns named in ``keep`` are not changed on items already stored: a screen that shows
    only what and when must not wipe the provider, days, hours or status set elsewhere.
    Items from another version (a window opened before an update) are refused."""
    cleaned = [validate_item(item, n) for n, item in enumerate(new_items, start=1)]
    stamp = now_iso()
    refuse_if_restricted(db, resident_id)
    with db.atomic():
        version = _draft(db, case_id)
        if version.status != PlanStatus.DRAFT:
            raise PlanFrozen(FROZEN_MESSAGE)
        stored = {item.id: item for item in items(db, version.id)}
        ids = [item.id for item in cleaned if item.id]
        if any(i not in stored for i in ids) or len(ids) != len(set(ids)):
            raise KoordynatorError(STALE_MESSAGE)  # another version's items, or one twice
        _refuse_unknown_references(db, case_id, cleaned)
        for item in cleaned:
            if item.id and keep:
                for column in keep:
                    setattr(item, column, getattr(stored[item.id], column))
            if item.id and _restart_if_provider_changed(item, stored[item.id]):
                # the old provider's referral does not send the person to the new one
                db.execute("UPDATE referrals SET archived_at = ?, updated_at = ? WHERE"
                           " plan_item_id = ? AND archived_at IS NULL", [stamp, stamp, item.id])
        kept = {i.id for i in cleaned if i.id}
        for old_id in stored:
            if old_id not in kept:
                db.execute("UPDATE plan_items SET archived_at = ?, updated_at = ? WHERE id = ?",
                           [stamp, stamp, old_id])
        for position, item in enumerate(cleaned):
            values = {"kind": item.kind, "service_id": item.service_id,
                      "partner_id": item.partner_id, "need_id": item.need_id,
                      "description": item.description, "place": item.place,
                      "start_on": item.start_on, "end_on": item.end_on,
                      "frequency": item.frequency, "copayment_grosze": item.copayment_grosze,
                      "copayment_note": item.copayment_note or None, "status": item.status,
                      "position": position, "updated_at": stamp,
                      "weekdays": item.weekdays or None, "time_from": item.time_from or None,
                      "time_to": item.time_to or None}
            if item.id:
                db.table("plan_items").update(item.id, values)
            else:
                item.id = new_id()
                db.table("plan_items").insert({"id": item.id, "created_at": stamp,
                                               "plan_version_id": version.id, **values})
        audit.record(db, "zmiana", "plan_versions", version.id, resident_id=resident_id,
                     details={"pozycji": len(cleaned), "wersja": version.version_no})
    return version.id


def _restart_if_provider_changed(item: PlanItem, before: PlanItem) -> bool:
    """Another provider (or service) means a new referral: the item of an update that was
    running with the old one is planned again, not shown as running with the new one.
    True when the provider or service changed."""
    changed = (item.partner_id, item.service_id) != (before.partner_id, before.service_id)
    if changed and before.status in RUNNING and item.status == before.status:
        item.status = "planowana"
    return changed


def start_update(db: Database, case_id: str, reason: str, resident_id: str) -> PlanVersion:
    """An update (aktualizacja) of the plan: a new version with the items copied. The earlier
    one stays readable as it was, and stays in force until the new one is approved."""
    try:
        reason = UPDATE_REASON.clean(reason)
    except ValueError as exc:
        raise ValidationError({"change_summary": str(exc)}) from exc
    if not reason:
        raise ValidationError({"change_summary": "Powód aktualizacji: podaj, dlaczego plan się "
                                                 "zmienia."})
    stamp = now_iso()
    with db.atomic():
        old = _draft(db, case_id)
        if old.status == PlanStatus.DRAFT:
            return old  # not agreed yet (or an update already started): edit that draft
        new = PlanVersion(new_id(), old.plan_id, old.version_no + 1, PlanStatus.DRAFT, reason)
        db.execute(
            "INSERT INTO plan_versions (id, created_at, updated_at, plan_id, version_no, status,"
            " change_summary, valid_from, valid_to, review_on, person_commitments,"
            " cooperation_rules) SELECT ?, ?, ?, plan_id, ?, 'projekt', ?, valid_from,"
            " valid_to, review_on, person_commitments, cooperation_rules FROM plan_versions"
            " WHERE id = ?", [new.id, stamp, stamp, new.version_no, reason, old.id])
        for (need_id,) in db.execute("SELECT need_id FROM plan_version_needs WHERE"
                                     " plan_version_id = ? AND archived_at IS NULL",
                                     [old.id]).fetchall():
            db.table("plan_version_needs").insert({"id": new_id(), "created_at": stamp,
                                                   "updated_at": stamp, "plan_version_id": new.id,
                                                   "need_id": need_id})
        for item in items(db, old.id):
            copy_id = new_id()
            db.table("plan_items").insert({
                "id": copy_id, "created_at": stamp, "updated_at": stamp,
                "plan_version_id": new.id, "kind": item.kind, "service_id": item.service_id,
                "partner_id": item.partner_id, "need_id": item.need_id,
                "description": item.description, "place": item.place,
                "start_on": item.start_on, "end_on": item.end_on, "frequency": item.frequency,
                "copayment_grosze": item.copayment_grosze,
                "copayment_note": item.copayment_note or None, "status": item.status,
                "origin_item_id": item.id,
                "weekdays": item.weekdays or None, "time_from": item.time_from or None,
                "time_to": item.time_to or None})
            # the referral goes along, so it is there however many updates follow
            for referred_on, partner_id, contacted, started in db.execute(
                    "SELECT referred_on, partner_id, contacted_person, start_confirmed_on FROM"
                    " referrals WHERE plan_item_id = ? AND archived_at IS NULL",
                    [item.id]).fetchall():
                db.table("referrals").insert({
                    "id": new_id(), "created_at": stamp, "updated_at": stamp,
                    "plan_item_id": copy_id, "referred_on": referred_on,
                    "partner_id": partner_id, "contacted_person": contacted,
                    "start_confirmed_on": started})
        audit.record(db, "zmiana", "plan_versions", new.id, resident_id=resident_id,
                     details={"aktualizacja": reason, "wersja": new.version_no})
    return new


def running_items(db: Database, case_id: str) -> list[PlanItem]:
    version = current_version(db, case_id)
    return [i for i in items(db, version.id) if i.status in RUNNING] if version else []


