"""What each of the nine steps records. Every save is one transaction with its audit row;
dates are checked (nothing in the future, nothing before the case opened)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from app.audit import trail as audit
from app.casefile.cases import Case, Step, clear_draft, get_case
from app.core.errors import KoordynatorError, ValidationError
from app.core.ids import new_id, now_iso
from app.core.prose import sentence
from app.core.validation import check_past_date, clean_text, format_date
from app.people.restriction import refuse_if_restricted
from app.plans import lifecycle
from app.plans import store as plans
from app.storage import rows

CAME_HOW = {"wlasny_wniosek": "z własnej inicjatywy", "skierowanie": "ze skierowania",
            "zgloszenie": "zgłoszona przez inną osobę lub instytucję"}
NEED_CATEGORIES = {"spoleczne": "społeczne", "zdrowotne": "zdrowotne",
                   "emocjonalne": "emocjonalne", "zawodowe": "zawodowe",
                   "kulturalne": "kulturalne", "inne": "inne"}
# Service areas (catalogue codes) that usually answer a need of each category.
NEED_AREAS = {"zdrowotne": (5, 6), "spoleczne": (4, 11, 12), "emocjonalne": (4, 5),
                  "zawodowe": (8, 14), "kulturalne": (9, 10), "inne": ()}

GENERAL_FIELDS = {
    "education": "Wykształcenie", "qualifications": "Kwalifikacje",
    "health": "Stan zdrowia", "marital_status": "Stan cywilny",
    "income_source": "Źródło dochodu", "material_situation": "Sytuacja materialna",
    "time_without_work": "Czas pozostawania bez pracy (lub z innym problemem)",
    "socio_economic": "Warunki społeczno-ekonomiczne",
}
NO_CONSENT = ("Osoba nie zgodziła się na prowadzenie karty usług: program zapisuje tylko to, "
              "co konieczne do prowadzenia sprawy (potrzeby, plan, działania). Części ogólnej "
              "karty i opinii specjalistów nie zapisano.")


DATE_LABELS = {"contact_on": "Data pierwszego kontaktu", "consent_on": "Data decyzji o zgodzie",
               "assessed_on": "Data rozpoznania", "event_date": "Data",
               "evaluated_on": "Data oceny", "closed_on": "Data zamknięcia",
               "summary_on": "Data rozmowy podsumowującej"}


def step_date(value: date | None, field_name: str, case: Case, today: date,
              errors: dict[str, str], required: bool = True,
              label: str | None = None) -> str | None:
    """The date as stored (ISO); a problem goes into ``errors`` in Polish, naming the field.
    A step happens between the case's opening and today."""
    label = label or DATE_LABELS.get(field_name, "Data")
    if value is None:
        if required:
            errors[field_name] = f"{label}: podaj datę."
        return None
    if msg := check_past_date(value, label, today):
        errors[field_name] = msg
        return None
    if value < date.fromisoformat(case.opened_on):
        errors[field_name] = (f"{label}: nie może być wcześniejsza niż otwarcie sprawy "
                              f"({format_date(case.opened_on)}).")
    return value.isoformat()


def clean(value: str, limit: int = 4000, label: str = "Tekst", key: str = "text",
          multiline: bool = True) -> str:
    """The text cleaned for storing, or ValidationError naming the field (``label``)."""
    try:
        return clean_text(value, limit, label=label, multiline=multiline)
    except ValueError as exc:
        raise ValidationError({key: str(exc)}) from exc


def _card_entry(db: Database, case_id: str, step: int, kind: str, entry_date: str,
                title: str, content: str) -> None:
    """The step's summary on the card: saved again unchanged, nothing new is written; saved
    with corrections, the earlier summary is archived (kept, not shown) and replaced."""
    stamp = now_iso()
    same = db.execute("SELECT 1 FROM card_entries WHERE case_id = ? AND step = ? AND kind = ?"
                      " AND entry_date = ? AND title = ? AND content = ? AND archived_at IS NULL",
                      [case_id, step, kind, entry_date, title, content]).fetchone()
    if same:
        return
    db.execute("UPDATE card_entries SET archived_at = ?, updated_at = ? WHERE case_id = ? AND"
               " step = ? AND kind = ? AND archived_at IS NULL", [stamp, stamp, case_id, step,
                                                                  kind])
    db.table("card_entries").insert({
        "id": new_id(), "created_at": stamp, "updated_at": stamp, "case_id": case_id,
        "step": step, "kind": kind, "entry_date": entry_date, "title": title,
        "content": content, "author": audit.current_actor(db)})


def finish_step(db: Database, case: Case, step: int, table: str, details: dict) -> None:
    """Close a step's unit of work: refused (rolled back) while processing is restricted."""
    refuse_if_restricted(db, case.resident_id)
    audit.record(db, "zmiana", table, case.id, resident_id=case.resident_id,
                 details={"krok": step, **details})
    clear_draft(db, case.id, step)
    db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", [now_iso(), case.id])


# --- step 1 -----------------------------------------------------------------------------------
def save_contact(db: Database, case_id: str, contact_on: date, came_how: str, referred_by: str,
                 request: str, consent_given: bool | None, consent_on: date | None,
                 today: date | None = None) -> None:
    today = today or date.today()
    case = get_case(db, case_id)
    errors: dict[str, str] = {}
    contact = step_date(contact_on, "contact_on", case, today, errors)
    if came_how not in CAME_HOW:
        errors["came_how"] = "Wybierz, jak osoba trafiła do centrum."
    referred_by = clean(referred_by, 300, "Kto kieruje do CUS", "referred_by", multiline=False)
    request = clean(request, 2000, "O co prosi osoba", "request")
    if came_how in ("skierowanie", "zgloszenie") and not referred_by:
        errors["referred_by"] = "Podaj, kto kieruje lub zgłasza osobę."
    if not request:
        errors["request"] = "Wpisz, o co prosi osoba."
    if consent_given is None:
        errors["consent"] = "Zapisz, czy osoba zgadza się na prowadzenie karty usług."
    consent = step_date(consent_on, "consent_on", case, today, errors)
    if errors:
        raise ValidationError(errors)
    stamp = now_iso()
    with db.atomic():
        db.execute("UPDATE cases SET came_how = ?, referred_by = ?, request = ?, updated_at = ?"
                   " WHERE id = ?", [came_how, referred_by or None, request, stamp, case_id])
        unchanged = db.execute("SELECT 1 FROM consents WHERE case_id = ? AND kind ="
                               " 'karta_uslug' AND archived_at IS NULL AND given = ? AND"
                               " decided_on = ?", [case_id, int(bool(consent_given)),
                                                   consent]).fetchone()
        if not unchanged:  # a changed decision: the earlier one is kept, archived
            db.execute("UPDATE consents SET archived_at = ?, updated_at = ? WHERE case_id = ?"
                       " AND kind = 'karta_uslug' AND archived_at IS NULL",
                       [stamp, stamp, case_id])
            db.table("consents").insert({
                "id": new_id(), "created_at": stamp, "updated_at": stamp,
                "resident_id": case.resident_id, "case_id": case_id, "kind": "karta_uslug",
                "given": int(bool(consent_given)), "decided_on": consent})
        _card_entry(db, case_id, Step.CONTACT, "kontakt", str(contact), "Nawiązanie kontaktu",
                    f"{CAME_HOW[came_how]}" + (f" ({referred_by})" if referred_by else "")
                    + f". Prośba: {sentence(request)} Zgoda na kartę usług: "
                    + ("udzielona" if consent_given else "odmowa") + f" {format_date(consent)}.")
        finish_step(db, case, Step.CONTACT, "cases", {"zgoda_karta": bool(consent_given)})


def contact_dates(db: Database, case_id: str) -> tuple[str | None, str | None]:
    """(first contact, consent decision) as stored, ISO."""
    contact = db.execute("SELECT entry_date FROM card_entries WHERE case_id = ? AND kind ="
                         " 'kontakt' AND archived_at IS NULL ORDER BY rowid DESC",
                         [case_id]).fetchone()
    consent = db.execute("SELECT decided_on FROM consents WHERE case_id = ? AND kind ="
                         " 'karta_uslug' AND archived_at IS NULL", [case_id]).fetchone()
    return (contact[0] if contact else None, consent[0] if consent else None)


def assessed_on(db: Database, case_id: str) -> str | None:
    row = db.execute("SELECT max(identified_on) FROM needs WHERE case_id = ? AND archived_at"
                     " IS NULL", [case_id]).fetchone()
    return row[0] if row else None


# --- step 2 -----------------------------------------------------------------------------------
@dataclass
class Need:
    category: str
    description: str
    priority: int = 2
    person_resources: str = ""
    status: str = "rozpoznana"
    id: str | None = None


@dataclass
class Opinion:
    specialist_name: str
    role: str
    opinion_date: date
    summary: str
    id: str | None = None


@dataclass
class Assessment:
    assessed_on: date
    general: dict[str, str] = field(default_factory=dict)
    needs: list[Need] = field(default_factory=list)
    opinions: list[Opinion] = field(default_factory=list)


def needs_of(db: Database, case_id: str) -> list[Need]:
    return rows.build(db.execute(
        "SELECT category, description, priority,"
        " COALESCE(person_resources, '') AS person_resources, status, id FROM needs"
        " WHERE case_id = ? AND archived_at IS NULL ORDER BY priority, rowid", [case_id]), Need)


def general_of(db: Database, case_id: str) -> dict[str, str]:
    row = db.execute("SELECT " + ", ".join(GENERAL_FIELDS) + " FROM card_general WHERE"
                     " case_id = ?", [case_id]).fetchone()
    return {k: v or "" for k, v in zip(GENERAL_FIELDS, row, strict=True)} if row else {}


def opinions_of(db: Database, case_id: str) -> list[Opinion]:
    rows = db.execute("SELECT specialist_name, role, opinion_date, summary, id FROM"
                      " specialist_opinions WHERE case_id = ? AND archived_at IS NULL"
                      " ORDER BY opinion_date", [case_id])
    return [Opinion(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4]) for r in rows]


def save_assessment(db: Database, case_id: str, a: Assessment,
                    today: date | None = None) -> None:
    today = today or date.today()
    case = get_case(db, case_id)
    errors: dict[str, str] = {}
    assessed = step_date(a.assessed_on, "assessed_on", case, today, errors)
    if not a.needs:
        errors["needs"] = "Wpisz co najmniej jedną rozpoznaną potrzebę."
    for key, label in GENERAL_FIELDS.items():
        clean(a.general.get(key, ""), 1000, label, key, multiline=False)
    for i, need in enumerate(a.needs):
        key, label = f"needs.{i}", f"Potrzeba {i + 1}"
        if need.category not in NEED_CATEGORIES:
            errors[key] = f"{label}: wybierz kategorię."
        elif not clean(need.description, 1000, f"{label} – opis", key):
            errors[key] = f"{label}: opisz ją."
        elif isinstance(need.priority, bool) or need.priority not in (1, 2, 3):
            errors[key] = f"{label}: priorytet 1, 2 lub 3."
        clean(need.person_resources, 1000, f"{label} – zasoby osoby", key)
    for i, op in enumerate(a.opinions):
        key, label = f"opinions.{i}", f"Opinia {i + 1}"
        # the names as the form labels them: Specjalista, Rola, Opinia
        if not (clean(op.specialist_name, 200, f"{label} – specjalista", key, multiline=False)
                and clean(op.role, 200, f"{label} – rola", key, multiline=False)
                and clean(op.summary, 4000, f"{label} – opinia", key)):
            errors[key] = f"{label}: podaj specjalistę, jego rolę i treść opinii."
        # an opinion may predate the case (the family doctor's note brought to the first
        # talk); only the future is impossible
        if msg := check_past_date(op.opinion_date, f"{label} – data", today):
            errors[f"opinions.{i}.date"] = msg
    consent = case.consent is True
    if not consent and (any(v.strip() for v in a.general.values()) or a.opinions):
        errors["consent"] = NO_CONSENT
    if errors:
        raise ValidationError(errors)
    stamp = now_iso()
    with db.atomic():
        if consent:
            general = {k: clean(a.general.get(k, ""), 1000, label, k, multiline=False) or None
                       for k, label in GENERAL_FIELDS.items()}
            exists = db.execute("SELECT id FROM card_general WHERE case_id = ?",
                                [case_id]).fetchone()
            if exists:
                db.table("card_general").update(exists[0], {**general, "updated_at": stamp})
            else:
                db.table("card_general").insert({"id": new_id(), "created_at": stamp,
                                                 "updated_at": stamp, "case_id": case_id,
                                                 **general})
        _sync(db, "needs", case_id, a.needs, stamp, lambda n: {
            "category": n.category, "description": clean(n.description, 1000),
            "priority": n.priority, "person_resources": clean(n.person_resources, 1000),
            "status": n.status, "identified_on": assessed})
        if consent:
            _sync(db, "specialist_opinions", case_id, a.opinions, stamp, lambda o: {
                "specialist_name": clean(o.specialist_name, 200, multiline=False),
                "role": clean(o.role, 200, multiline=False),
                "opinion_date": o.opinion_date.isoformat(), "summary": clean(o.summary)})
        _card_entry(db, case_id, Step.ASSESSMENT, "diagnoza", str(assessed), "Rozpoznanie potrzeb",
                    "; ".join(f"{NEED_CATEGORIES[n.category]}: {clean(n.description, 1000)}"
                              for n in a.needs))
        finish_step(db, case, Step.ASSESSMENT, "needs",
                    {"potrzeb": len(a.needs), "opinii": len(a.opinions)})


def _sync(db: Database, table: str, case_id: str, rows: list, stamp: str, values) -> None:
    """Insert new rows, update kept ones, archive the ones removed (never delete)."""
    keep = {r.id for r in rows if r.id}
    for (old_id,) in db.execute(f"SELECT id FROM {table} WHERE case_id = ? AND archived_at"
                                " IS NULL", [case_id]).fetchall():
        if old_id not in keep:
            db.execute(f"UPDATE {table} SET archived_at = ?, updated_at = ? WHERE id = ?",
                       [stamp, stamp, old_id])
    for r in rows:
        if r.id:
            db.table(table).update(r.id, {**values(r), "updated_at": stamp})
        else:
            r.id = new_id()
            db.table(table).insert({"id": r.id, "created_at": stamp, "updated_at": stamp,
                                    "case_id": case_id, **values(r)})


# --- step 3 -----------------------------------------------------------------------------------
@dataclass
class Match:
    need_id: str
    service_id: str | None
    partner_id: str | None
    chosen: bool
    reason: str = ""


def save_resources(db: Database, case_id: str, matches: list[Match], unmet: list[str],
                   today: date | None = None) -> None:
    """Chosen or rejected services per need; needs nothing meets are marked unmet."""
    case = get_case(db, case_id)
    errors = {}
    need_ids = {n.id for n in needs_of(db, case_id)}
    for i, m in enumerate(matches):
        if m.need_id not in need_ids:
            errors[f"matches.{i}"] = f"Pozycja {i + 1}: wybierz potrzebę, której dotyczy."
        elif m.chosen and not m.service_id:
            errors[f"matches.{i}"] = (f"Pozycja {i + 1}: wybierz usługę albo odznacz "
                                      "„wybrana” i podaj powód.")
        elif not m.chosen and not clean(m.reason, 500, f"Pozycja {i + 1} – powód odrzucenia",
                                      f"matches.{i}"):
            errors[f"matches.{i}"] = f"Pozycja {i + 1}: podaj powód odrzucenia."
        if m.need_id in unmet and m.chosen:
            errors[f"matches.{i}"] = (f"Pozycja {i + 1}: potrzeba z wybraną usługą nie może "
                                      "być niezaspokojona.")
    if not need_ids:
        errors["needs"] = "Najpierw rozpoznaj potrzeby (krok 2)."
    uncovered = need_ids - {m.need_id for m in matches if m.chosen} - set(unmet)
    if uncovered and not errors:
        errors["unmet"] = ("Każda potrzeba musi mieć wybraną usługę albo być oznaczona jako "
                           "niezaspokojona.")
    if errors:
        raise ValidationError(errors)
    stamp = now_iso()
    with db.atomic():
        marks = ",".join("?" * len(need_ids))
        db.execute(f"UPDATE need_matches SET archived_at = ?, updated_at = ? WHERE need_id IN"
                   f" ({marks}) AND archived_at IS NULL", [stamp, stamp, *need_ids])
        for m in matches:
            db.table("need_matches").insert({
                "id": new_id(), "created_at": stamp, "updated_at": stamp, "need_id": m.need_id,
                "service_id": m.service_id, "partner_id": m.partner_id,
                "chosen": int(m.chosen), "reason": clean(m.reason, 500) or None})
        for need_id in need_ids:
            status = "niezaspokojona" if need_id in unmet else "zaspokajana"
            db.execute("UPDATE needs SET status = ?, updated_at = ? WHERE id = ?",
                       [status, stamp, need_id])
        _card_entry(db, case_id, Step.RESOURCES, "zasoby", (today or date.today()).isoformat(),
                    "Ustalenie zasobów", f"Dopasowano usług: {sum(m.chosen for m in matches)};"
                    f" potrzeb niezaspokojonych: {len(unmet)}.")
        finish_step(db, case, Step.RESOURCES, "need_matches",
                    {"wybrane": sum(m.chosen for m in matches), "niezaspokojone": len(unmet)})


def matches_of(db: Database, case_id: str) -> list[Match]:
    rows = db.execute(
        "SELECT m.need_id, m.service_id, m.partner_id, m.chosen, COALESCE(m.reason, '')"
        " FROM need_matches m JOIN needs n ON n.id = m.need_id WHERE n.case_id = ? AND"
        " m.archived_at IS NULL ORDER BY m.rowid", [case_id])
    return [Match(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows]


# --- step 4 -----------------------------------------------------------------------------------
# What step 4's short table does not show: set in the IPUS editor, kept when step 4 saves.
SET_IN_EDITOR = ("status", "partner_id", "need_id", "weekdays", "time_from", "time_to")


def save_plan(db: Database, case_id: str, items: list[plans.PlanItem],
              header: lifecycle.PlanHeader | None = None,
              expected_revision: str | None = None) -> str:
    """Step 4: the plan's items (with its header when given) and the step's completion, as
    one unit of work. Without a header, what only the editor sets is kept."""
    case = get_case(db, case_id)
    if not items:
        raise ValidationError({"items": "Plan musi mieć co najmniej jedną usługę lub "
                                        "działanie wspierające."})
    with db.atomic():
        if header is None:
            version_id = plans.save_items(db, case_id, items, case.resident_id,
                                          keep=SET_IN_EDITOR)
        else:
            version_id = lifecycle.save_plan(db, case_id, case.resident_id, items, header,
                                             expected_revision)
        finish_step(db, case, Step.PLAN, "plans", {"pozycji": len(items)})
    return version_id


# --- step 5 -----------------------------------------------------------------------------------
@dataclass
class Access:
    item_id: str
    referred_on: date | None
    contacted_person: str = ""
    start_confirmed_on: date | None = None


def save_access(db: Database, case_id: str, rows: list[Access],
                today: date | None = None) -> None:
    today = today or date.today()
    case = get_case(db, case_id)
    errors: dict[str, str] = {}
    for i, r in enumerate(rows):
        referred = step_date(r.referred_on, f"access.{i}.referred_on", case, today, errors,
                             required=False, label=f"Usługa {i + 1} – data skierowania")
        started = step_date(r.start_confirmed_on, f"access.{i}.start", case, today, errors,
                            required=False, label=f"Usługa {i + 1} – rozpoczęcie")
        clean(r.contacted_person, 200, f"Usługa {i + 1} – kontakt u wykonawcy",
              f"access.{i}.contacted_person", multiline=False)
        if started and not referred:
            errors[f"access.{i}.referred_on"] = (f"Usługa {i + 1}: rozpoczęcie wymaga daty "
                                                 "skierowania.")
        elif started and referred and started < referred:
            errors[f"access.{i}.start"] = (f"Usługa {i + 1}: nie mogła zacząć się przed "
                                           "skierowaniem.")
    if errors:
        raise ValidationError(errors)
    version = plans.current_version(db, case_id)
    own = {i.id for i in plans.items(db, version.id)} if version else set()
    if any(r.item_id not in own for r in rows):
        raise KoordynatorError("Ta usługa nie należy do obecnego planu sprawy – zamknij okno "
                               "i otwórz sprawę ponownie.")
    stamp = now_iso()
    with db.atomic():
        for r in rows:
            if r.referred_on is None:
                continue
            db.execute("UPDATE referrals SET archived_at = ?, updated_at = ? WHERE"
                       " plan_item_id = ? AND archived_at IS NULL", [stamp, stamp, r.item_id])
            partner = db.execute("SELECT partner_id FROM plan_items WHERE id = ?",
                                 [r.item_id]).fetchone()
            db.table("referrals").insert({
                "id": new_id(), "created_at": stamp, "updated_at": stamp,
                "plan_item_id": r.item_id, "referred_on": r.referred_on.isoformat(),
                "partner_id": partner[0] if partner else None,
                "contacted_person": clean(r.contacted_person, 200, multiline=False) or None,
                "start_confirmed_on": r.start_confirmed_on.isoformat()
                if r.start_confirmed_on else None})
            # a status set on purpose (suspended, ended, cancelled) is not undone here
            status = "realizowana" if r.start_confirmed_on else "skierowana"
            db.execute("UPDATE plan_items SET status = ?, updated_at = ? WHERE id = ? AND"
                       " status IN ('planowana', 'skierowana', 'realizowana')",
                       [status, stamp, r.item_id])
        finish_step(db, case, Step.ACCESS, "referrals", {"skierowan": sum(r.referred_on is not None
                                                           for r in rows)})


def access_of(db: Database, case_id: str) -> dict[str, Access]:
    version = plans.current_version(db, case_id)
    if version is None:
        return {}
    # an update copies the referrals with its items; one made by an earlier version of the
    # program left them on the item it came from, which counts while the same service goes
    # to the same provider
    rows = db.execute(
        "SELECT i.id, r.referred_on, COALESCE(r.contacted_person, ''), r.start_confirmed_on"
        " FROM plan_items i LEFT JOIN plan_items o ON o.id = i.origin_item_id"
        " JOIN referrals r ON r.plan_item_id = i.id OR (r.plan_item_id = o.id AND"
        " r.partner_id IS i.partner_id AND o.service_id IS i.service_id)"
        " WHERE i.plan_version_id = ? AND i.archived_at IS NULL AND r.archived_at IS NULL"
        " ORDER BY r.plan_item_id = i.id", [version.id])
    return {r[0]: Access(r[0], date.fromisoformat(r[1]), r[2],
                         date.fromisoformat(r[3]) if r[3] else None) for r in rows}
