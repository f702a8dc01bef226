"""The IPUS's life: its header (period, review date, commitments, rules of cooperation, the
needs it answers), agreement with the person, approval by the director (which freezes the
version), the checks with Polish messages, and what changed between versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from app.audit import trail as audit
from app.casefile.cases import get_case
from app.catalogue import programmes
from app.core import plural
from app.core.dates import add_months
from app.core.errors import KoordynatorError, NotFound, PlanFrozen, ValidationError
from app.core.ids import new_id, now_iso
from app.core.prose import quoted
from app.core.validation import (
    TextField,
    check_date,
    check_past_date,
    clean_fields,
    format_date,
    name_fields,
)
from app.plans import store as plans
from app.plans.status import FROZEN_MESSAGE, PlanStatus
from app.settings import store as settings_store
from app.storage import rows


@dataclass
class PlanHeader:
    valid_from: date | None = None
    valid_to: date | None = None
    review_on: date | None = None
    person_commitments: str = ""
    cooperation_rules: str = ""
    need_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    level: str  # 'błąd' stops agreement; 'uwaga' is a warning to read
    message: str


def _version_row(db: Database, version_id: str) -> dict[str, Any]:
    row = rows.first(db.execute(
        "SELECT v.status, v.valid_from, v.valid_to, v.review_on, v.person_commitments,"
        " v.cooperation_rules, p.case_id, v.version_no, v.agreed_on, v.approved_on,"
        " v.approved_by FROM plan_versions v JOIN plans p ON p.id = v.plan_id WHERE v.id = ?",
        [version_id]))
    if row is None:
        raise NotFound("Nie znaleziono wersji planu.")
    return row


def header(db: Database, version_id: str) -> PlanHeader:
    row = _version_row(db, version_id)
    needs = tuple(r[0] for r in db.execute(
        "SELECT need_id FROM plan_version_needs WHERE plan_version_id = ? AND archived_at IS"
        " NULL", [version_id]))
    dates = {k: date.fromisoformat(row[k]) if row[k] else None
             for k in ("valid_from", "valid_to", "review_on")}
    return PlanHeader(**dates, person_commitments=row["person_commitments"] or "",
                      cooperation_rules=row["cooperation_rules"] or "", need_ids=needs)


def refuse_if_frozen(db: Database, version_id: str) -> None:
    status = _version_row(db, version_id)["status"]
    if status != PlanStatus.DRAFT:
        raise PlanFrozen(FROZEN_MESSAGE)


HEADER_TEXTS = {"person_commitments": TextField("Zobowiązania osoby", 4000, multiline=True),
                "cooperation_rules": TextField("Zasady współpracy", 4000, multiline=True)}
HEADER_DATES = {"valid_from": "Plan obowiązuje od", "valid_to": "Plan obowiązuje do",
                "review_on": "Termin przeglądu"}
APPROVER = TextField("Kto zatwierdza", 200)
APPROVER_ROLE = TextField("Rola zatwierdzającego", 200)


def save_plan(db: Database, case_id: str, resident_id: str, items: list[plans.PlanItem],
              h: PlanHeader, expected_revision: str | None = None) -> str:
    """The items and the header of the draft as one unit of work: both are saved or
    neither. Returns the version id. With ``expected_revision`` (what the window loaded),
    a plan saved meanwhile from another window is not overwritten."""
    texts = _checked_header(h)
    with db.atomic():
        plans.refuse_if_stale(db, case_id, expected_revision)
        version_id = plans.save_items(db, case_id, items, resident_id)
        _write_header(db, version_id, h, texts)
    return version_id


def save_header(db: Database, version_id: str, h: PlanHeader) -> None:
    refuse_if_frozen(db, version_id)
    _write_header(db, version_id, h, _checked_header(h))


def _checked_header(h: PlanHeader) -> dict[str, str]:
    texts, errors = clean_fields(h, HEADER_TEXTS)
    for name, label in HEADER_DATES.items():
        value = getattr(h, name)
        if value is not None and (msg := check_date(value, label, plans.ITEM_FIRST,
                                                    plans.ITEM_LAST)):
            errors[name] = msg
    if h.valid_from and h.valid_to and h.valid_to < h.valid_from and not errors:
        errors["valid_to"] = "Koniec planu nie może być przed jego początkiem."
    if errors:
        raise ValidationError(name_fields(errors, HEADER_DATES))
    return texts


def _write_header(db: Database, version_id: str, h: PlanHeader, texts: dict[str, str]) -> None:
    stamp = now_iso()
    case_id = _version_row(db, version_id)["case_id"]
    own = {r[0] for r in db.execute("SELECT id FROM needs WHERE case_id = ?", [case_id])}
    if set(h.need_ids) - own:
        raise ValidationError({"need_ids": "Potrzeby, na które odpowiada plan: wskazano "
                                           "potrzebę spoza tej sprawy."})
    with db.atomic():
        db.execute(
            "UPDATE plan_versions SET valid_from = ?, valid_to = ?, review_on = ?,"
            " person_commitments = ?, cooperation_rules = ?, updated_at = ? WHERE id = ?",
            [h.valid_from and h.valid_from.isoformat(), h.valid_to and h.valid_to.isoformat(),
             h.review_on and h.review_on.isoformat(), texts["person_commitments"] or None,
             texts["cooperation_rules"] or None, stamp, version_id])
        db.execute("UPDATE plan_version_needs SET archived_at = ?, updated_at = ? WHERE"
                   " plan_version_id = ? AND archived_at IS NULL", [stamp, stamp, version_id])
        for need_id in h.need_ids:
            db.table("plan_version_needs").insert({"id": new_id(), "created_at": stamp,
                                                   "updated_at": stamp,
                                                   "plan_version_id": version_id,
                                                   "need_id": need_id})
        audit.record(db, "zmiana", "plan_versions", version_id,
                     resident_id=get_case(db, case_id).resident_id,
                     details={"naglowek_planu": True})


def checks(db: Database, version_id: str, today: date | None = None) -> list[Check]:
    """Everything the KIPUS should know before agreeing the plan."""
    today = today or date.today()
    row = _version_row(db, version_id)
    case = get_case(db, row["case_id"])
    h = header(db, version_id)
    items = plans.items(db, version_id)
    out: list[Check] = []
    s = settings_store.load(db)
    max_months, min_months, deadline = s.plan_max_months, s.plan_min_months, s.plan_deadline_days
    if not items:
        out.append(Check("błąd", "Plan nie ma żadnej usługi ani działania wspierającego."))
    if h.valid_from is None or h.valid_to is None:
        out.append(Check("błąd", "Podaj okres obowiązywania planu (od – do)."))
    else:
        if h.valid_to < h.valid_from:
            out.append(Check("błąd", "Koniec planu jest przed jego początkiem."))
        elif h.valid_to >= add_months(h.valid_from, max_months):
            out.append(Check("błąd", f"IPUS opracowuje się najwyżej na "
                                     f"{plural.months(max_months)} – skróć okres planu."))
        elif h.valid_to < add_months(h.valid_from, min_months):
            out.append(Check("uwaga", "Koordynacja usług krótsza niż "
                                      f"{plural.months(min_months)}: IPUS może nie być "
                                      "potrzebny."))
    filed = db.execute("SELECT a.filed_on FROM applications a JOIN cases c ON"
                       " c.application_id = a.id WHERE c.id = ?", [case.id]).fetchone()
    drawn = date.fromisoformat((row["agreed_on"] or today.isoformat())[:10])
    if filed and (drawn - date.fromisoformat(filed[0])).days > deadline:
        out.append(Check("uwaga", f"Plan powstaje później niż {plural.days(deadline)} od wniosku "
                                  f"({format_date(filed[0])})."))
    if h.review_on is None:
        out.append(Check("uwaga", "Nie wyznaczono terminu przeglądu (okresowej oceny) planu."))
    out += _outside_period(h, items)
    for item in items:
        name = item.service_name or item.description
        if item.start_on and item.end_on and item.end_on < item.start_on:
            out.append(Check("błąd", f"{quoted(name)}: koniec przed początkiem."))
    out += _incomplete(db, items)
    out += _overlaps(items)
    out += _capacity(db, items, version_id)
    programme_id = db.execute("SELECT programme_id FROM cases WHERE id = ?",
                              [case.id]).fetchone()[0]
    if programme_id:
        for item in items:
            if item.service_id and not programmes.offers(db, programme_id, item.service_id):
                out.append(Check("uwaga", f"{quoted(item.service_name)} nie należy do programu, w "
                                          "którym osoba została zakwalifikowana."))
    return out


def _outside_period(h: PlanHeader, items: list[plans.PlanItem]) -> list[Check]:
    """Nothing is planned outside the plan's own period: an item running to 2099 would
    get round the plan's maximum length (and stay in the provider's week)."""
    if h.valid_from is None or h.valid_to is None or h.valid_to < h.valid_from:
        return []
    start, end = h.valid_from.isoformat(), h.valid_to.isoformat()
    period = f"{format_date(start)} – {format_date(end)}"
    out = []
    if h.review_on and not start <= h.review_on.isoformat() <= end:
        out.append(Check("błąd", f"Termin przeglądu ({format_date(h.review_on)}) wypada poza "
                                 f"okresem planu ({period})."))
    for item in items:
        name = item.service_name or item.description
        if (item.start_on and item.start_on < start) or (item.end_on and item.end_on > end):
            out.append(Check("błąd", f"{quoted(name)} trwa poza okresem planu ({period}) – popraw "
                                     "daty pozycji albo okres planu."))
    return out


def _incomplete(db: Database, items: list[plans.PlanItem]) -> list[Check]:
    """What the person and the provider would ask when reading the item: who, from when,
    on which days; and whether that provider gives that service at all."""
    out = []
    for item in items:
        if item.kind != "usluga":
            continue
        name = item.service_name or item.description
        missing = [what for what, given in (
            ("wykonawcy", item.partner_id), ("daty rozpoczęcia", item.start_on),
            ("dni, godzin ani częstotliwości",
             item.weekdays or item.time_from or item.frequency)) if not given]
        if missing:
            out.append(Check("uwaga", f"{quoted(name)}: nie podano {', '.join(missing)}."))
        if item.partner_id and item.service_id and not db.execute(
                "SELECT 1 FROM partner_services WHERE partner_id = ? AND service_id = ?"
                " AND archived_at IS NULL", [item.partner_id, item.service_id]).fetchone():
            out.append(Check("uwaga", f"{quoted(item.partner_name)} nie ma w swojej ofercie "
                                      f"usługi {quoted(name)} – sprawdź wykonawcę albo uzupełnij "
                                      "jego ofertę w katalogu partnerów."))
    return out


def _overlaps(items: list[plans.PlanItem]) -> list[Check]:
    out = []
    timed = [i for i in items if i.weekdays and i.time_from and i.time_to]
    for n, a in enumerate(timed):
        for b in timed[n + 1:]:
            days = set(a.weekdays.split(",")) & set(b.weekdays.split(","))
            periods_meet = (not a.end_on or not b.start_on or b.start_on <= a.end_on) and (
                not b.end_on or not a.start_on or a.start_on <= b.end_on)
            if days and periods_meet and a.time_from < b.time_to and b.time_from < a.time_to:
                first, second = (quoted(x.service_name or x.description) for x in (a, b))
                out.append(Check("uwaga", f"{first} i {second} nakładają się w czasie "
                                          f"({', '.join(sorted(days))})."))
    return out


def _capacity(db: Database, items: list[plans.PlanItem], version_id: str) -> list[Check]:
    out = []
    for item in items:
        if not (item.partner_id and item.service_id):
            continue
        cap = db.execute("SELECT capacity FROM partner_services WHERE partner_id = ? AND"
                         " service_id = ? AND archived_at IS NULL",
                         [item.partner_id, item.service_id]).fetchone()
        if not cap or cap[0] is None:
            continue
        # people, not items: another version of this same plan is the same person
        used = db.execute(
            "SELECT count(DISTINCT p.case_id) FROM plan_items i JOIN plan_versions v ON"
            " v.id = i.plan_version_id JOIN plans p ON p.id = v.plan_id WHERE i.partner_id = ?"
            " AND i.service_id = ? AND i.archived_at IS NULL AND i.status IN ('planowana',"
            " 'skierowana', 'realizowana') AND v.status IN ('projekt', 'uzgodniony',"
            " 'zatwierdzony') AND p.case_id != (SELECT case_id FROM plans WHERE id ="
            " (SELECT plan_id FROM plan_versions WHERE id = ?))",
            [item.partner_id, item.service_id, version_id]).fetchone()[0]
        if used + 1 > cap[0]:
            places = plural.count(cap[0], "miejsce", "miejsca", "miejsc")
            people = plural.count(used, "osoba", "osoby", "osób")
            out.append(Check("uwaga", f"{quoted(item.partner_name)} ma {places} na usługę "
                                      f"{quoted(item.service_name)}, a korzysta już {people}."))
    return out


def agree(db: Database, version_id: str, agreed_on: date, today: date | None = None) -> None:
    """Agreed with the person: the version is frozen; only approval may follow."""
    refuse_if_frozen(db, version_id)
    errors = [c.message for c in checks(db, version_id, today) if c.level == "błąd"]
    if errors:
        raise ValidationError({f"check.{i}": m for i, m in enumerate(errors)})
    if msg := check_past_date(agreed_on, "Data uzgodnienia", today or date.today(),
                              plans.ITEM_FIRST):
        raise ValidationError({"agreed_on": msg})
    drafted = _drafted_no_earlier_than(db, version_id)
    if drafted and agreed_on.isoformat() < drafted:
        raise ValidationError({"agreed_on": (
            "Data uzgodnienia: nie może być wcześniejsza niż projekt planu, który mógł powstać "
            f"najwcześniej {format_date(drafted)} (otwarcie sprawy, rozpoznanie potrzeb albo "
            "zatwierdzenie poprzedniej wersji).")})
    _set_status(db, version_id, PlanStatus.AGREED, agreed_on=agreed_on.isoformat())


def _drafted_no_earlier_than(db: Database, version_id: str) -> str | None:
    """The earliest day the draft can have been made: not before the case was opened, the
    needs it answers were recognised, nor (for an update) the version it replaces was
    approved."""
    row = db.execute(
        "SELECT max(COALESCE(c.opened_on, ''), COALESCE((SELECT max(n.identified_on) FROM needs"
        " n WHERE n.case_id = c.id AND n.archived_at IS NULL), ''), COALESCE((SELECT"
        " max(o.approved_on) FROM plan_versions o WHERE o.plan_id = v.plan_id AND"
        " o.version_no < v.version_no), '')) FROM plan_versions v JOIN plans p ON"
        " p.id = v.plan_id JOIN cases c ON c.id = p.case_id WHERE v.id = ?",
        [version_id]).fetchone()
    return row[0] if row and row[0] else None


def approve(db: Database, version_id: str, approved_by: str, role: str, approved_on: date,
            today: date | None = None) -> None:
    """Approved by the CUS director or an authorised organizer: the plan is now in force."""
    row = _version_row(db, version_id)
    if row["status"] != PlanStatus.AGREED:
        raise KoordynatorError("Zatwierdza się plan uzgodniony z osobą.")
    errors = {}
    try:
        approved_by = APPROVER.clean(approved_by)
    except ValueError as exc:
        errors["approved_by"], approved_by = str(exc), ""
    try:
        role = APPROVER_ROLE.clean(role)
    except ValueError as exc:
        errors["approver_role"], role = str(exc), ""
    if not approved_by and "approved_by" not in errors:
        errors["approved_by"] = "Podaj, kto zatwierdził plan."
    if not role and "approver_role" not in errors:
        errors["approver_role"] = "Podaj rolę: dyrektor CUS albo upoważniony organizator."
    if msg := check_past_date(approved_on, "Data zatwierdzenia", today or date.today(),
                              plans.ITEM_FIRST):
        errors["approved_on"] = msg
    elif row["agreed_on"] and approved_on.isoformat() < row["agreed_on"]:
        errors["approved_on"] = "Zatwierdzenie nie może być przed uzgodnieniem ani w przyszłości."
    # a plan agreed under older rules (a longer maximum) or imported is checked again: the
    # director does not approve a plan the Act does not allow
    blocking = [c.message for c in checks(db, version_id, today) if c.level == "błąd"]
    if blocking:
        raise ValidationError({f"check.{i}": f"Planu nie można zatwierdzić: {m} Zwróć plan do "
                                             "poprawy, popraw go i uzgodnij ponownie z osobą."
                               for i, m in enumerate(blocking)})
    if errors:
        raise ValidationError(name_fields(errors, {"approved_by": APPROVER.label,
                                                   "approver_role": APPROVER_ROLE.label}))
    with db.atomic():
        _set_status(db, version_id, PlanStatus.APPROVED, approved_on=approved_on.isoformat(),
                    approved_by=approved_by, approver_role=role)
        # the version in force until now is replaced only when its update is approved
        db.execute("UPDATE plan_versions SET status = 'zastapiony', updated_at = ? WHERE"
                   " plan_id = (SELECT plan_id FROM plan_versions WHERE id = ?) AND id != ?"
                   " AND status IN ('uzgodniony', 'zatwierdzony')",
                   [now_iso(), version_id, version_id])


RETURN_REASON = TextField("Powód zwrotu do poprawy", 1000, multiline=True)


def return_to_draft(db: Database, version_id: str, reason: str) -> None:
    """The director does not approve the agreed plan (or the KIPUS finds a mistake before
    approval): it goes back to a draft, to be corrected and agreed with the person again.
    The agreement date is cleared; the reason stays in the audit trail."""
    row = _version_row(db, version_id)
    if row["status"] != PlanStatus.AGREED:
        raise KoordynatorError("Do poprawy zwraca się plan uzgodniony, a jeszcze niezatwierdzony.")
    errors: dict[str, str] = {}
    reason = RETURN_REASON.collect(reason, errors, "reason", "podaj, co trzeba poprawić w planie.")
    if errors:
        raise ValidationError(errors)
    _set_status(db, version_id, PlanStatus.DRAFT, {"zwrot_do_poprawy": reason}, agreed_on=None)


def _set_status(db: Database, version_id: str, status: str, note: dict | None = None,
                **values) -> None:
    case_id = _version_row(db, version_id)["case_id"]
    stamp = now_iso()
    with db.atomic():
        db.table("plan_versions").update(version_id,
                                         {"status": status, "updated_at": stamp, **values})
        db.execute("UPDATE plans SET status = ?, updated_at = ? WHERE id = (SELECT plan_id FROM"
                   " plan_versions WHERE id = ?)", [status, stamp, version_id])
        audit.record(db, "zmiana", "plan_versions", version_id,
                     resident_id=get_case(db, case_id).resident_id,
                     details={"stan": status, **values, **(note or {})})


# Every field of an item the person or a provider would notice, as printed (dates 18.05.2026)
_COMPARED = (
    (lambda i: i.service_name, "usługa"), (lambda i: i.description, "opis"),
    (lambda i: i.partner_name, "wykonawca"), (lambda i: i.place, "miejsce"),
    (lambda i: format_date(i.start_on), "od"), (lambda i: format_date(i.end_on), "do"),
    (lambda i: i.frequency, "częstotliwość"),
    (lambda i: i.weekdays.replace(",", ", "), "dni"), (plans.hours_text, "godziny"),
    (lambda i: plans.copayment_text(i.copayment_grosze, i.copayment_note), "odpłatność"),
    (lambda i: plans.ITEM_STATUSES.get(i.status, i.status), "stan"))


def changes(db: Database, old_version_id: str, new_version_id: str) -> list[str]:
    """What the update changed, item by item, in Polish."""
    old = {i.id: i for i in plans.items(db, old_version_id)}
    new = plans.items(db, new_version_id)
    out = []
    seen = set()
    for item in new:
        origin = item.origin_item_id
        name = item.service_name or item.description
        if origin in old:
            seen.add(origin)
            before = old[origin]
            diffs = [f"{label}: {shown(before) or '—'} → {shown(item) or '—'}"
                     for shown, label in _COMPARED if shown(before) != shown(item)]
            if diffs:
                out.append(f"Zmieniono {quoted(name)}: " + "; ".join(diffs))
        else:
            out.append(f"Dodano {quoted(name)}")
    for item_id, item in old.items():
        if item_id not in seen:
            out.append(f"Usunięto {quoted(item.service_name or item.description)}")
    return out
