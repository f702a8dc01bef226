"""The week as people read it: which service comes on which day at what time, for one
person (her plan) or for one provider (every plan in force that uses it). One table
definition serves the screen and the paper; month labels that cannot be misread as dates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from app.plans import store as plans
from app.plans.status import IN_FORCE

DAYS = plans.WEEKDAYS
DAY_NAMES = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")
MONTHS = ("sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru")
NO_HOURS = "godzina do ustalenia"
INACTIVE = ("anulowana", "zawieszona")  # a finished item still shows its week on paper


@dataclass(frozen=True)
class Entry:
    """One service on one day of the week."""

    day: int  # 0 = Monday
    time_from: str  # "09:00", or "" when the hours are not agreed yet
    time_to: str
    what: str  # the service or action
    who: str  # the provider (on a person's week) or the person (on a provider's week)


def month_label(day: date, with_year: bool) -> str:
    """"maj 2026" where the year must be said, else "cze": never "maj 26", read as 26 May."""
    return f"{MONTHS[day.month - 1]} {day.year}" if with_year else MONTHS[day.month - 1]


def month_marks(first: date, last: date, x_of: Callable[[date], float],
                width_of: Callable[[str], float], right: float,
                gap: float = 4) -> list[tuple[float, str | None]]:
    """Where each month begins on a chart from ``first`` to ``last`` and the name it shows
    there (screen and paper alike). The first mark is the first whole month (a chart from
    26.10 begins with November); the year is said on the first name and when it changes;
    a name that would run into the one before, or past ``right``, is left out (None)."""
    month = first if first.day == 1 else date(first.year + (first.month == 12),
                                              first.month % 12 + 1, 1)
    marks: list[tuple[float, str | None]] = []
    free_from, year_said = float("-inf"), None
    while month <= last:
        x = x_of(month)
        label = month_label(month, with_year=month.year != year_said)
        fits = x >= free_from and x + width_of(label) <= right
        marks.append((x, label if fits else None))
        if fits:
            free_from, year_said = x + width_of(label) + gap, month.year
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return marks


def entries(items: Iterable[plans.PlanItem],
            who: Callable[[plans.PlanItem], str] | None = None) -> list[Entry]:
    """The items that fall on days of the week, once per day; cancelled and suspended items
    are not on the week."""
    who = who or (lambda i: i.partner_name or i.place)
    out = []
    for item in items:
        if item.status in INACTIVE:
            continue
        for token in (d.strip() for d in item.weekdays.split(",")):
            if token in DAYS:
                out.append(Entry(DAYS.index(token), item.time_from, item.time_to,
                                 item.service_name or item.description, who(item)))
    return out


def table(week: list[Entry]) -> tuple[list[str], list[list[str]]]:
    """Rows by time of day (earliest first, hours not agreed last), a column per day; the
    weekend columns only when something happens then. Each cell: what, and who in brackets."""
    days = [d for d in range(7) if d < 5 or any(e.day == d for e in week)]
    times = sorted({(e.time_from, e.time_to) for e in week}, key=lambda t: (not t[0], t))
    headers = ["Godziny", *(DAY_NAMES[d] for d in days)]
    rows = []
    for start, end in times:
        label = f"{start}–{end}" if start and end else start or NO_HOURS
        cells = []
        for d in days:
            here = [e for e in week if e.day == d and (e.time_from, e.time_to) == (start, end)]
            cells.append("\n".join(f"{e.what} ({e.who})" if e.who else e.what for e in here))
        rows.append([label, *cells])
    return headers, rows


def week_of(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of the week ``day`` falls in."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def week_label(day: date) -> str:
    """"23–29.11.2026", "30.11–06.12.2026", "28.12.2026–03.01.2027"."""
    monday, sunday = week_of(day)
    if monday.year != sunday.year:
        return f"{monday:%d.%m.%Y}–{sunday:%d.%m.%Y}"
    if monday.month != sunday.month:
        return f"{monday:%d.%m}–{sunday:%d.%m.%Y}"
    return f"{monday:%d}–{sunday:%d.%m.%Y}"


def provider_week(db: Database, partner_id: str, on: date | None = None) -> list[Entry]:
    """Every item the provider delivers in the week of ``on`` (this week) under plans in
    force, with the name of the person it is for."""
    monday, sunday = week_of(on or date.today())
    rows = db.execute(
        "SELECT i.id, v.id, r.first_name || ' ' || r.surname FROM plan_items i"
        " JOIN plan_versions v ON v.id = i.plan_version_id JOIN plans p ON p.id = v.plan_id"
        " JOIN cases c ON c.id = p.case_id JOIN residents r ON r.id = c.resident_id"
        " WHERE i.partner_id = ? AND i.archived_at IS NULL AND v.status IN"
        f" ({', '.join('?' * len(IN_FORCE))})"
        " AND i.status NOT IN ('zakonczona', 'anulowana', 'zawieszona')"
        # an item without its own dates runs for the plan's period
        " AND COALESCE(i.start_on, v.valid_from, '') <= ?"
        " AND COALESCE(i.end_on, v.valid_to, '9999') >= ?",
        [partner_id, *IN_FORCE, sunday.isoformat(), monday.isoformat()]).fetchall()
    person = {item_id: name for item_id, _, name in rows}
    found: list[plans.PlanItem] = []
    for version_id in dict.fromkeys(v for _, v, _ in rows):
        found += [i for i in plans.items(db, version_id) if i.id in person]
    return entries(found, who=lambda i: person[i.id])
