"""The "Na dziś" list: what needs the KIPUS's attention today, each item pointing at the case
and the step where it is handled. Limits come from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from app.casefile.cases import Step
from app.core import plural
from app.core.validation import format_date
from app.settings import centre
from app.settings import store as settings_store
from app.settings.values import Settings

WARN_DAYS = 7


def kind_labels(s: Settings) -> dict[str, str]:
    """What each kind of reminder is called, with the limits now set (not fixed numbers)."""
    return {
        "wniosek": "Wniosek czeka na rozpatrzenie",
        "termin_planu": f"Termin na IPUS ({plural.days(s.plan_deadline_days)} od wniosku)",
        "zatwierdzenie": "Plan czeka na zatwierdzenie",
        "koniec_planu": f"Koniec planu (przypomnienie {plural.days(s.plan_end_warn_days)}"
                        " wcześniej)",
        "ocena": "Termin okresowej oceny",
        "monitorowanie": f"Zaległe monitorowanie (co {plural.days(s.monitoring_days)})",
        "monitoring_po": f"Monitoring {plural.months(s.follow_up_months)} po zakończeniu",
        "bezczynna": f"Sprawa bez działań od ponad {plural.days(s.idle_case_days)}",
        "zgoda": "Brak zgody na kartę usług",
        "dane_centrum": "Uzupełnij dane centrum (drukują się na dokumentach)",
    }


@dataclass(frozen=True)
class Reminder:
    kind: str
    case_id: str  # for "wniosek": the application's id (no case yet)
    resident_name: str
    due: str  # ISO date the matter is due (or was)
    step: int
    text: str
    kind_label: str


def reminders(db: Database, today: date | None = None) -> list[Reminder]:
    today = today or date.today()
    s = settings_store.load(db)
    deadline, idle_days, end_days = s.plan_deadline_days, s.idle_case_days, s.plan_end_warn_days
    every = s.monitoring_days
    labels = kind_labels(s)
    out: list[Reminder] = []

    def remind(kind: str, case_id: str, who: str, due: str, step: int, text: str) -> None:
        out.append(Reminder(kind, case_id, who, due, step, text, labels[kind]))

    name = "r.first_name || ' ' || r.surname"
    open_cases = "c.status = 'otwarta' AND c.archived_at IS NULL"

    # applications still waiting: the plan's deadline runs from the day they were filed
    for app_id, who, filed in db.execute(
            f"SELECT a.id, {name}, a.filed_on FROM applications a JOIN residents r ON r.id ="
            " a.resident_id WHERE a.status = 'oczekuje' AND a.archived_at IS NULL AND"
            " a.filed_on <= ?", [(today - timedelta(days=deadline - WARN_DAYS * 2)).isoformat()]):
        due = date.fromisoformat(filed) + timedelta(days=deadline)
        remind("wniosek", app_id, who, due.isoformat(), 0,
               f"Złożony {format_date(filed)}, IPUS do {format_date(due)}")
    # plan not yet agreed within the deadline from the application
    for cid, who, filed in db.execute(
            f"SELECT c.id, {name}, a.filed_on FROM cases c JOIN residents r ON r.id ="
            " c.resident_id JOIN applications a ON a.id = c.application_id"
            f" WHERE {open_cases} AND NOT EXISTS (SELECT 1 FROM plans p JOIN plan_versions v"
            " ON v.plan_id = p.id WHERE p.case_id = c.id AND v.status IN ('uzgodniony',"
            " 'zatwierdzony')) AND a.filed_on <= ?",
            [(today - timedelta(days=deadline - WARN_DAYS)).isoformat()]):
        due = date.fromisoformat(filed) + timedelta(days=deadline)
        if due - timedelta(days=WARN_DAYS) <= today:
            left = (due - today).days
            text = (f"zostało {left} dni" if left >= 0 else f"po terminie o {-left} dni")
            remind("termin_planu", cid, who, due.isoformat(), Step.PLAN,
                   f"IPUS do {format_date(due)} ({text})")
    for cid, who, agreed in db.execute(
            f"SELECT c.id, {name}, v.agreed_on FROM plan_versions v JOIN plans p ON p.id ="
            " v.plan_id JOIN cases c ON c.id = p.case_id JOIN residents r ON r.id ="
            f" c.resident_id WHERE {open_cases} AND v.status = 'uzgodniony'"):
        remind("zatwierdzenie", cid, who, agreed or today.isoformat(), Step.PLAN,
               "Plan uzgodniony z osobą czeka na zatwierdzenie")
    for cid, who, valid_to, review_on in db.execute(
            f"SELECT c.id, {name}, v.valid_to, v.review_on FROM plan_versions v JOIN plans p"
            " ON p.id = v.plan_id JOIN cases c ON c.id = p.case_id JOIN residents r ON r.id ="
            f" c.resident_id WHERE {open_cases} AND v.status = 'zatwierdzony'"
            " AND (v.valid_to <= ? OR v.review_on <= ?)",
            [(today + timedelta(days=end_days)).isoformat(),
             (today + timedelta(days=WARN_DAYS)).isoformat()]):
        if valid_to and date.fromisoformat(valid_to) <= today + timedelta(days=end_days):
            ended = date.fromisoformat(valid_to) < today  # said so, not "ends in 30 days"
            remind("koniec_planu", cid, who, valid_to, Step.EVALUATION,
                   f"Plan wygasł {format_date(valid_to)} – nowy plan albo zamknięcie sprawy"
                   if ended else f"Plan obowiązuje do {format_date(valid_to)}")
        if review_on and date.fromisoformat(review_on) <= today + timedelta(days=WARN_DAYS):
            remind("ocena", cid, who, review_on, Step.EVALUATION,
                   f"Ocena planu na {format_date(review_on)}")
    for cid, who, last, opened in db.execute(
            f"SELECT c.id, {name}, (SELECT max(event_date) FROM case_events e WHERE e.case_id ="
            " c.id AND e.kind = 'monitorowanie'), c.opened_on FROM cases c JOIN residents r"
            f" ON r.id = c.resident_id WHERE {open_cases} AND c.current_step BETWEEN 5 AND 8"
            " AND c.opened_on < ? AND NOT EXISTS (SELECT 1 FROM case_events e WHERE"
            " e.case_id = c.id AND e.kind = 'monitorowanie' AND e.event_date >= ?)",
            [(today - timedelta(days=every)).isoformat()] * 2):
        since = date.fromisoformat(last or opened)
        if (today - since).days > every:
            remind("monitorowanie", cid, who,
                   (since + timedelta(days=every)).isoformat(), Step.MONITORING,
                   f"Ostatnie monitorowanie: {format_date(last) or 'brak'}")
    for cid, who, due in db.execute(
            f"SELECT c.id, {name}, f.due_on FROM follow_ups f JOIN cases c ON c.id ="
            " f.case_id JOIN residents r ON r.id = c.resident_id WHERE f.done_on IS NULL AND"
            " f.archived_at IS NULL AND f.due_on <= ?",
            [(today + timedelta(days=WARN_DAYS)).isoformat()]):
        remind("monitoring_po", cid, who, due, Step.CLOSING,
               f"Monitoring po zakończeniu planu do {format_date(due)}")
    idle_since = (today - timedelta(days=idle_days)).isoformat()
    for cid, who, updated, step in db.execute(
            f"SELECT c.id, {name}, c.updated_at, c.current_step FROM cases c JOIN residents r"
            f" ON r.id = c.resident_id WHERE {open_cases} AND c.updated_at < ?", [idle_since]):
        remind("bezczynna", cid, who, updated[:10], step,
               f"Ostatnia zmiana {format_date(updated[:10])}")
    for cid, who, opened in db.execute(
            f"SELECT c.id, {name}, c.opened_on FROM cases c JOIN residents r ON r.id ="
            f" c.resident_id WHERE {open_cases} AND NOT EXISTS (SELECT 1 FROM consents k"
            " WHERE k.case_id = c.id AND k.kind = 'karta_uslug' AND k.archived_at IS NULL)"):
        remind("zgoda", cid, who, opened, Step.CONTACT,
               "Nie zapisano decyzji o zgodzie na prowadzenie karty usług")
    out.sort(key=lambda r: (r.due, r.kind))
    if gaps := centre.missing(s):  # first: no document can be issued until it is done
        out.insert(0, Reminder("dane_centrum", "", "—", today.isoformat(), 0,
                               "Brakuje: " + "; ".join(gaps), labels["dane_centrum"]))
    return out
