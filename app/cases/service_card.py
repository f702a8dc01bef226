"""The service card (karta usług) of a case: the general part and the running, chronological
record of everything done at every step, assembled from what the steps stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app.casefile.cases import STEP_NAMES, Step, get_case
from app.cases import closing as case_closing
from app.cases import steps as case_steps
from app.core import plural
from app.core.dates import whole_months
from app.core.prose import sentence
from app.core.validation import format_date
from app.plans import store as plans


@dataclass(frozen=True)
class CardEntry:
    on: str
    step: int
    title: str
    text: str


@dataclass(frozen=True)
class ServiceCard:
    case_number: str
    resident_name: str
    opened_on: str
    closed_on: str | None
    referred_by: str
    consent: bool | None
    general: dict[str, str]
    entries: list[CardEntry]


def build(db: Database, case_id: str) -> ServiceCard:
    case = get_case(db, case_id)
    entries: list[CardEntry] = []
    for on, step, title, content in db.execute(
            "SELECT entry_date, step, title, content FROM card_entries WHERE case_id = ? AND"
            " archived_at IS NULL AND kind IN ('kontakt', 'notatka')", [case_id]):
        entries.append(CardEntry(on, step or 0, title or "", content))
    for need in case_steps.needs_of(db, case_id):
        state = " – NIEZASPOKOJONA" if need.status == "niezaspokojona" else ""
        on = db.execute("SELECT identified_on FROM needs WHERE id = ?", [need.id]).fetchone()[0]
        title = f"Potrzeba ({case_steps.NEED_CATEGORIES[need.category]})"
        entries.append(CardEntry(on, Step.ASSESSMENT, title,
                                 f"{need.description} (priorytet {need.priority}){state}"
                                 + (f". Zasoby osoby: {need.person_resources}"
                                    if need.person_resources else "")))
    for op in case_steps.opinions_of(db, case_id):
        entries.append(CardEntry(op.opinion_date.isoformat(), Step.ASSESSMENT, f"Opinia: {op.role}",
                                 f"{op.specialist_name}: {op.summary}"))
    for version in plans.versions(db, case_id):
        for item in plans.items(db, version.id):
            what = item.service_name or item.description
            when = " – ".join(format_date(d) for d in (item.start_on, item.end_on) if d)
            on = _first_day(db, version.id)  # when the plan was made, not when it starts
            entries.append(CardEntry(on, Step.PLAN, f"Plan, wersja {version.version_no}",
                                     f"{plans.ITEM_KINDS[item.kind]}: {what}"
                                     + (f", {item.frequency}" if item.frequency else "")
                                     + (f", {when}" if when else "")
                                     + f" [{plans.ITEM_STATUSES[item.status]}]"))
    for name, referred, contact, started in db.execute(
            "SELECT COALESCE(s.name, i.description), r.referred_on, r.contacted_person,"
            " r.start_confirmed_on FROM referrals r JOIN plan_items i ON i.id = r.plan_item_id"
            " JOIN plan_versions v ON v.id = i.plan_version_id JOIN plans p ON p.id = v.plan_id"
            " LEFT JOIN services s ON s.id = i.service_id WHERE p.case_id = ? AND"
            " r.archived_at IS NULL", [case_id]):
        text = f"{name}: skierowano {format_date(referred)}"
        if contact:
            text += f", kontakt: {contact}"
        if started:
            text += f", rozpoczęcie potwierdzone {format_date(started)}"
        entries.append(CardEntry(referred, Step.ACCESS, "Zapewnienie dostępu", text))
    labels = {"monitorowanie": (6, "Monitorowanie"), "rzecznictwo": (7, "Rzecznictwo"),
              "monitorowanie_po": (9, "Monitoring po zakończeniu")}
    for kind, (step, title) in labels.items():
        for e in case_closing.events_of(db, case_id, kind):
            parts = [p for p in (e.observed, e.action_taken and f"działanie: {e.action_taken}",
                                 e.result and f"rezultat: {e.result}") if p]
            entries.append(CardEntry(e.event_date.isoformat(), step, title, "; ".join(parts)))
    for on, goals, decision, *ratings in db.execute(
            "SELECT evaluated_on, goals_met, decision, reliability, responsiveness, assurance,"
            " empathy, tangibles FROM evaluations WHERE case_id = ? AND archived_at IS NULL",
            [case_id]):
        scores = ", ".join(f"{label} {value}" for label, value in
                           zip(case_closing.RATINGS.values(), ratings, strict=True) if value)
        entries.append(CardEntry(on, Step.EVALUATION, "Okresowa ocena",
                                 f"{sentence(goals)} Oceny: {scores or 'brak'}. Decyzja: "
                                 f"{case_closing.DECISIONS[decision]}."))
    for held, text in db.execute("SELECT held_on, course_and_results FROM summary_conversations"
                                 " WHERE case_id = ?", [case_id]):
        entries.append(CardEntry(held, Step.CLOSING, "Rozmowa podsumowująca", text))
    if case.closed_on:
        entries.append(CardEntry(case.closed_on, Step.CLOSING, "Zamknięcie sprawy",
                                 case.close_reason or ""))
    for due, done in db.execute("SELECT due_on, done_on FROM follow_ups WHERE case_id = ?",
                                [case_id]):
        months = (whole_months(date.fromisoformat(case.closed_on), date.fromisoformat(due))
                  if case.closed_on else 0)
        after = f" {plural.months(months)}" if months > 0 else ""
        entries.append(CardEntry(done or due, Step.CLOSING, f"Monitoring{after} po zakończeniu",
                                 f"zaplanowany na {format_date(due)}"
                                 + (f", wykonany {format_date(done)}" if done else "")))
    entries.sort(key=lambda e: (e.on, e.step))
    return ServiceCard(case.case_number, case.resident_name, case.opened_on, case.closed_on,
                       case.referred_by or "", case.consent, case_steps.general_of(db, case_id),
                       entries)


def _first_day(db: Database, version_id: str) -> str:
    """The day a version was agreed with the person, or else drawn up."""
    row = db.execute("SELECT COALESCE(agreed_on, substr(created_at, 1, 10)) FROM plan_versions"
                     " WHERE id = ?", [version_id]).fetchone()
    return row[0] if row else date.today().isoformat()


def as_html(card: ServiceCard) -> str:
    """The card as simple HTML for the on-screen view (escaped)."""
    from html import escape

    consent = {True: "udzielona", False: "odmowa – karta prowadzona w zakresie koniecznym",
               None: "nie zapisano"}[card.consent]
    rows = "".join(
        f"<tr><td>{escape(case_steps.GENERAL_FIELDS[k])}</td><td>{escape(v)}</td></tr>"
        for k, v in card.general.items() if v)
    entries = "".join(
        f"<tr><td>{format_date(e.on)}</td><td>{e.step}. {escape(STEP_NAMES.get(e.step, ''))}"
        f"</td><td><b>{escape(e.title)}</b><br>{escape(e.text)}</td></tr>"
        for e in card.entries)
    return (
        f"<h2>Karta usług – sprawa {escape(card.case_number)}</h2>"
        f"<p><b>{escape(card.resident_name)}</b>; sprawa otwarta {format_date(card.opened_on)}"
        + (f", zamknięta {format_date(card.closed_on)}" if card.closed_on else "")
        + f".<br>Kto kieruje do CUS: {escape(card.referred_by) or '—'}. Zgoda na prowadzenie "
        f"karty: {consent}.</p>"
        "<h3>Część ogólna</h3>"
        + (f"<table border='1' cellpadding='4' cellspacing='0'>{rows}</table>" if rows
           else "<p>brak wpisów</p>")
        + "<h3>Część szczegółowa (przebieg)</h3>"
        "<table border='1' cellpadding='4' cellspacing='0' width='100%'>"
        "<tr><th>Data</th><th>Krok</th><th>Wpis</th></tr>" + entries + "</table>")
