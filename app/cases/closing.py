"""Steps 6–9 of a case: dated monitoring and advocacy, the periodic evaluation (continue,
change the plan, close), and closing with the summary conversation and the follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app.casefile.cases import Step, get_case, go_to_step
from app.cases.steps import clean, finish_step, step_date
from app.core.dates import add_months
from app.core.errors import KoordynatorError, ValidationError
from app.core.ids import new_id, now_iso
from app.core.validation import format_date
from app.plans import store as plans
from app.settings import store as settings_store


class RunningServices(KoordynatorError):
    """Closing a case while services still run needs the KIPUS's confirmation."""


DECISIONS = {
    "kontynuacja": "kontynuacja",
    "modyfikacja": "zmiana planu",
    "zamkniecie": "zakończenie",
}
RATINGS = {
    "reliability": "rzetelność",
    "responsiveness": "tempo reakcji",
    "assurance": "pewność",
    "empathy": "empatia",
    "tangibles": "warunki",
}
# What each rating asks, in the words a KIPUS uses with the person (SERVQUAL dimensions).
RATING_QUESTIONS = {
    "reliability": "czy usługę wykonywano tak, jak ustalono w planie (terminy, zakres)",
    "responsiveness": "jak szybko wykonawca odpowiadał na prośby i zmiany",
    "assurance": "czy osoba czuła się bezpiecznie i ufała umiejętnościom wykonawcy",
    "empathy": "czy wykonawca rozumiał potrzeby osoby i traktował ją indywidualnie",
    "tangibles": "miejsce, sprzęt, czystość i punktualność – to, co widać",
}


# --- steps 6 and 7 --------------------------------------------------------------------------
@dataclass
class Event:
    event_date: date
    observed: str = ""
    action_taken: str = ""
    result: str = ""


def add_event(db: Database, case_id: str, kind: str, e: Event, today: date | None = None) -> None:
    """A dated monitoring entry (step 6) or advocacy action (step 7)."""
    today = today or date.today()
    case = get_case(db, case_id)
    step = {"monitorowanie": 6, "rzecznictwo": 7, "monitorowanie_po": 9}[kind]
    errors: dict[str, str] = {}
    when = step_date(e.event_date, "event_date", case, today, errors)
    observed = clean(e.observed, 4000, "Co zaobserwowano", "observed")
    action = clean(e.action_taken, 4000, "Co zrobiono", "action_taken")
    result = clean(e.result, 4000, "Rezultat", "result", multiline=False)
    if not (observed or action):
        errors["observed"] = "Wpisz, co zaobserwowano lub co zrobiono."
    if errors:
        raise ValidationError(errors)
    stamp = now_iso()
    with db.atomic():
        db.table("case_events").insert(
            {
                "id": new_id(),
                "created_at": stamp,
                "updated_at": stamp,
                "case_id": case_id,
                "kind": kind,
                "event_date": when,
                "observed": observed or None,
                "action_taken": action or None,
                "result": result or None,
            }
        )
        if kind == "monitorowanie_po":
            db.execute(
                "UPDATE follow_ups SET done_on = ?, notes = ?, updated_at = ? WHERE"
                " case_id = ? AND done_on IS NULL",
                [when, observed or action, stamp, case_id],
            )
        finish_step(db, case, step, "case_events", {"rodzaj": kind, "data": when})


def events_of(db: Database, case_id: str, kind: str) -> list[Event]:
    rows = db.execute(
        "SELECT event_date, COALESCE(observed, ''), COALESCE(action_taken, ''),"
        " COALESCE(result, '') FROM case_events WHERE case_id = ? AND kind = ?"
        " AND archived_at IS NULL ORDER BY event_date, rowid",
        [case_id, kind],
    )
    return [Event(date.fromisoformat(r[0]), r[1], r[2], r[3]) for r in rows]


# --- step 8 -----------------------------------------------------------------------------------
@dataclass
class Evaluation:
    item_id: str | None
    evaluated_on: date
    ratings: dict[str, int]
    goals_met: str
    decision: str
    notes: str = ""


def save_evaluation(db: Database, case_id: str, ev: Evaluation, today: date | None = None) -> int:
    """Returns the step to go to: 4 for a plan change, 9 to close, 6 to continue."""
    today = today or date.today()
    case = get_case(db, case_id)
    errors: dict[str, str] = {}
    when = step_date(ev.evaluated_on, "evaluated_on", case, today, errors)
    for key, value in ev.ratings.items():
        if key not in RATINGS or isinstance(value, bool) or value not in range(1, 6):
            errors[f"rating.{key}"] = f"Ocena „{RATINGS.get(key, key)}”: w skali 1–5."
    if ev.decision not in DECISIONS:
        errors["decision"] = "Wybierz decyzję: kontynuacja, zmiana planu albo zakończenie."
    if not clean(ev.goals_met, 1000, "Osiągnięcie celów", "goals_met"):
        errors["goals_met"] = "Osiągnięcie celów: wpisz, czy i w jakim stopniu osiągnięto cele."
    notes = clean(ev.notes, 400, "Uwagi", "notes")
    if ev.decision == "modyfikacja" and not notes:
        errors["notes"] = ("Co zmienić w planie: wpisz, dlaczego plan się zmienia – to będzie "
                           "powód aktualizacji IPUS.")
    if errors:
        raise ValidationError(errors)
    stamp = now_iso()
    with db.atomic():  # the evaluation and the update it decides: both or neither
        db.table("evaluations").insert(
            {
                "id": new_id(),
                "created_at": stamp,
                "updated_at": stamp,
                "case_id": case_id,
                "plan_item_id": ev.item_id,
                "evaluated_on": when,
                **ev.ratings,
                "goals_met": clean(ev.goals_met, 1000),
                "decision": ev.decision,
                "notes": clean(ev.notes) or None,
            }
        )
        finish_step(db, case, Step.EVALUATION, "evaluations", {"decyzja": ev.decision})
        if ev.decision == "modyfikacja":
            plans.start_update(
                db, case_id, f"Okresowa ocena z {format_date(when)}: {' '.join(notes.split())}",
                case.resident_id,
            )
    if ev.decision == "modyfikacja":
        go_to_step(db, case_id, Step.PLAN)
        return 4
    next_step = 9 if ev.decision == "zamkniecie" else 6
    go_to_step(db, case_id, next_step)
    return next_step


# --- step 9 -----------------------------------------------------------------------------------
@dataclass
class Closing:
    closed_on: date
    reason: str
    summary_on: date
    course_and_results: str


def close_case(
    db: Database, case_id: str, c: Closing, confirm_running: bool = False, today: date | None = None
) -> date:
    """Close the case with the summary conversation; returns the follow-up date."""
    today = today or date.today()
    case = get_case(db, case_id)
    errors: dict[str, str] = {}
    closed = step_date(c.closed_on, "closed_on", case, today, errors)
    summary = step_date(c.summary_on, "summary_on", case, today, errors)
    if not clean(c.reason, 500, "Powód zamknięcia", "reason", multiline=False):
        errors["reason"] = "Powód zamknięcia: podaj powód zamknięcia."
    if not clean(c.course_and_results, 4000, "Przebieg i rezultaty", "course_and_results"):
        errors["course_and_results"] = ("Przebieg i rezultaty: opisz przebieg i rezultaty planu "
                                        "(rozmowa podsumowująca).")
    if closed and summary and summary > closed:
        errors["summary_on"] = "Rozmowa podsumowująca odbywa się najpóźniej w dniu zamknięcia."
    if errors:
        raise ValidationError(errors)
    running = plans.running_items(db, case_id)
    if running and not confirm_running:
        raise RunningServices(
            f"W planie są jeszcze realizowane usługi ({len(running)}). Czy na pewno zamknąć "
            "sprawę? Usługi zostaną oznaczone jako zakończone."
        )
    follow_up = add_months(c.closed_on, settings_store.load(db).follow_up_months)
    stamp = now_iso()
    with db.atomic():
        db.table("summary_conversations").insert(
            {
                "id": new_id(),
                "created_at": stamp,
                "updated_at": stamp,
                "case_id": case_id,
                "held_on": summary,
                "course_and_results": clean(c.course_and_results),
            }
        )
        db.table("follow_ups").insert(
            {
                "id": new_id(),
                "created_at": stamp,
                "updated_at": stamp,
                "case_id": case_id,
                "due_on": follow_up.isoformat(),
            }
        )
        for item in running:
            db.execute(
                "UPDATE plan_items SET status = 'zakonczona', updated_at = ? WHERE id = ?",
                [stamp, item.id],
            )
        db.execute(
            "UPDATE cases SET status = 'zamknieta', closed_on = ?, close_reason = ?,"
            " current_step = 9, updated_at = ? WHERE id = ?",
            [closed, clean(c.reason, 500, multiline=False), stamp, case_id],
        )
        db.execute(
            "UPDATE plans SET status = 'zamkniety', updated_at = ? WHERE case_id = ?",
            [stamp, case_id],
        )
        # every version still open closes with the case: none can be agreed, approved or
        # shown as in force afterwards (a replaced one stays replaced)
        db.execute(
            "UPDATE plan_versions SET status = 'zamkniety', updated_at = ? WHERE status IN"
            " ('projekt', 'uzgodniony', 'zatwierdzony') AND plan_id IN (SELECT id FROM plans"
            " WHERE case_id = ?)",
            [stamp, case_id],
        )
        finish_step(db, case, Step.CLOSING, "cases",
                    {"zamknieta": closed, "monitoring_po": follow_up.isoformat()})
    return follow_up


def summary_of(db: Database, case_id: str) -> tuple[str, str] | None:
    """The summary conversation held at closing: (date ISO, course and results)."""
    row = db.execute("SELECT held_on, course_and_results FROM summary_conversations WHERE"
                     " case_id = ? AND archived_at IS NULL ORDER BY held_on DESC LIMIT 1",
                     [case_id]).fetchone()
    return (row[0], row[1] or "") if row else None


def follow_up_due(db: Database, case_id: str) -> str | None:
    """When the follow-up after closing is due (ISO date), or None before closing."""
    row = db.execute("SELECT min(due_on) FROM follow_ups WHERE case_id = ? AND archived_at IS"
                     " NULL AND done_on IS NULL", [case_id]).fetchone()
    return row[0] if row else None
