"""The reports a KIPUS is asked for, each an aggregate over a period: who was served and
how, deadlines kept, the waiting list, unmet needs, partners' use, the case register and
the plans awaiting approval. A report names no one it does not have to: cases go by their
reference number, and a report meant to leave the office shows counts under 3 as "<3"."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from datetime import date, timedelta

from sqlite_utils import Database

from app.casefile.cases import STEP_NAMES
from app.cases.steps import NEED_CATEGORIES
from app.core.dates import add_months, age_on
from app.core.errors import NotFound, ValidationError
from app.core.table import Column, Kind, Table, day, shown
from app.core.textfold import fold
from app.reports.model import FEWEST_SHOWN, Chart, Period, Report, few
from app.settings import store as settings_store

T, N, D, M, S = Kind.TEXT, Kind.INT, Kind.DATE, Kind.MONEY, Kind.SHARE
AGE_BANDS = (("0–17 lat", 0, 17), ("18–59 lat", 18, 59), ("60–74 lata", 60, 74),
             ("75 lat i więcej", 75, 200))


class Scope:
    """The period and filters as SQL: cases in work during the period, of people whose
    processing is not restricted, in the programme and village chosen."""

    def __init__(self, period: Period, programme_id: str | None, village: str | None):
        self.period, self.programme_id, self.village = period, programme_id, village
        self.params: dict[str, str] = {"start": period.start.isoformat(),
                                       "end": period.end.isoformat()}
        where = ["c.archived_at IS NULL", "r.restricted = 0", "c.opened_on <= :end",
                 "(c.closed_on IS NULL OR c.closed_on >= :start)"]
        if programme_id:
            where.append("c.programme_id = :programme")
            self.params["programme"] = programme_id
        if village:
            where.append("r.city = :village")
            self.params["village"] = village
        self.cases = ("cases c JOIN residents r ON r.id = c.resident_id WHERE "
                      + " AND ".join(where))
        # an application belongs to the programme it names (or its case's)
        app_where = ["a.archived_at IS NULL", "r.restricted = 0"]
        if programme_id:
            app_where.append("COALESCE(a.programme_id, (SELECT c.programme_id FROM cases c"
                             " WHERE c.application_id = a.id)) = :programme")
        if village:
            app_where.append("r.city = :village")
        self.applications = ("applications a JOIN residents r ON r.id = a.resident_id WHERE "
                             + " AND ".join(app_where))
        # plan items in force during the period, of versions agreed or later
        self.items = (
            "(SELECT i.id, i.origin_item_id, i.service_id, i.partner_id, i.copayment_grosze,"
            " i.copayment_note, c.resident_id FROM plan_items i JOIN plan_versions v ON v.id ="
            " i.plan_version_id JOIN plans p ON p.id = v.plan_id JOIN cases c ON c.id ="
            " p.case_id JOIN residents r ON r.id = c.resident_id WHERE " + " AND ".join(where)
            + " AND v.status != 'projekt' AND v.archived_at IS NULL AND i.archived_at IS NULL"
            " AND i.status != 'anulowana' AND COALESCE(i.start_on, v.valid_from) <= :end"
            " AND COALESCE(i.end_on, v.valid_to, '9999-12-31') >= :start) AS it")

    def one(self, db: Database, sql: str) -> int:
        return db.execute(sql, self.params).fetchone()[0] or 0

    def rows(self, db: Database, sql: str) -> list[tuple]:
        return [tuple(r) for r in db.execute(sql, self.params)]


def _days(later: str | None, earlier: str | None) -> int | None:
    if not later or not earlier:
        return None
    return (date.fromisoformat(later[:10]) - date.fromisoformat(earlier[:10])).days


def _buckets(period: Period) -> list[tuple[date | int, date, date]]:
    """The period cut into months (up to two years) or into years (longer): the month (its
    first day) or the year, the first and the last day of each, within the period."""
    out: list[tuple[date | int, date, date]] = []
    by_year = (period.end.year - period.start.year) * 12 + period.end.month \
        - period.start.month >= 24
    first = date(period.start.year, 1 if by_year else period.start.month, 1)
    while first <= period.end:
        following = date(first.year + 1, 1, 1) if by_year else add_months(first, 1)
        out.append((first.year if by_year else first, max(first, period.start),
                    min(following - timedelta(days=1), period.end)))
        first = following
    return out


def _period_kind(buckets: list) -> Kind:
    """Years are numbers; months are dates a sheet keeps as dates (shown "sty 2026")."""
    return Kind.INT if buckets and isinstance(buckets[0][0], int) else Kind.MONTH


def _complemented(rows: list[tuple], column: int) -> list[tuple]:
    """Rows whose ``column`` adds up to a figure shown elsewhere (people, cases): the total
    less the shown cells gives the sum of the hidden ones, which gives them back when one
    is hidden, or when all are "<3" (all 1 or all 2). So the smallest shown cell is hidden
    too ("x"), unless two or more are hidden and one is already an "x": the sum then holds
    a number of 3 or more, unknown."""
    hidden = [r[column] for r in rows if isinstance(r[column], str)]
    shown_ = [(r[column], i) for i, r in enumerate(rows)
              if isinstance(r[column], int) and r[column] > 0]
    # safe: two or more hidden, one of them a number of 3 or more ("x")
    if not hidden or (len(hidden) > 1 and "x" in hidden) or not shown_:
        return rows
    _, at = min(shown_)
    rows = list(rows)
    rows[at] = (*rows[at][:column], "x", *rows[at][column + 1:])
    return rows


def zestawienie(db: Database, s: Scope, outside: bool) -> Report:
    report = Report("zestawienie", "Zestawienie: osoby, sprawy i wnioski", s.period)
    people = s.one(db, f"SELECT count(DISTINCT c.resident_id) FROM {s.cases}")
    summary = [
        ("Osoby objęte wsparciem (sprawy prowadzone w okresie)", people),
        ("Sprawy prowadzone w okresie", s.one(db, f"SELECT count(*) FROM {s.cases}")),
        ("Sprawy otwarte w okresie", s.one(db, f"SELECT count(*) FROM {s.cases} AND"
                                              " c.opened_on >= :start")),
        ("Sprawy zamknięte w okresie", s.one(db, f"SELECT count(*) FROM {s.cases} AND"
                                                " c.closed_on <= :end")),
        *([] if outside else [  # with the flow of the period it would give "<3" back
            ("Wnioski oczekujące na rozpatrzenie na początek okresu", s.one(
                db, f"SELECT count(*) FROM {s.applications} AND a.filed_on < :start AND"
                    " (a.status = 'oczekuje' OR a.decided_on >= :start)"))]),
        ("Wnioski złożone w okresie", s.one(db, f"SELECT count(*) FROM {s.applications} AND"
                                               " a.filed_on BETWEEN :start AND :end")),
        ("Wnioski oczekujące na rozpatrzenie na koniec okresu", s.one(
            db, f"SELECT count(*) FROM {s.applications} AND a.filed_on <= :end AND"
                " (a.status = 'oczekuje' OR a.decided_on > :end)")),
    ]
    for status in ("zakwalifikowany", "odmowa", "przekazany", "wycofany"):
        label = {"zakwalifikowany": "Wnioski zakwalifikowane",
                 "odmowa": "Odmowy zakwalifikowania (decyzje)",
                 "przekazany": "Wnioski przekazane innej jednostce",
                 "wycofany": "Wnioski wycofane"}[status]
        summary.append((label + " w okresie", s.one(
            db, f"SELECT count(*) FROM {s.applications} AND a.status = '{status}' AND"
                " a.decided_on BETWEEN :start AND :end")))
    report.tables.append(Table("Podsumowanie", [Column("Wskaźnik"), Column("Liczba", N)],
                               [(label, few(n, outside)) for label, n in summary]))
    areas = s.rows(db, "SELECT sa.code, sa.name, count(DISTINCT it.resident_id),"
                       " count(DISTINCT it.service_id) FROM service_areas sa LEFT JOIN"
                       f" (services sv JOIN {s.items} ON it.service_id = sv.id) ON"
                       " sv.area_code = sa.code GROUP BY sa.code ORDER BY sa.code")
    report.tables.append(Table("Osoby według obszarów usług społecznych", [
        Column("Obszar"), Column("Osoby", N), Column("Różne usługi", N)],
        [(f"{code}. {name}", few(n, outside), kinds) for code, name, n, kinds in areas],
        notes=["Osoba korzystająca z usług kilku obszarów jest liczona w każdym z nich; "
               "osoby bez planu (sprawy na krokach 1–3) – w żadnym."]))
    report.charts.append(Chart("Osoby według obszarów", [f"{code}. {name}"
                                                         for code, name, *_ in areas],
                               [("osoby", [n for _, _, n, _ in areas])]))
    programmes = s.rows(db, "SELECT COALESCE(pr.name, 'bez programu'), count(DISTINCT"
                            " c.resident_id), count(*) FROM " + s.cases.replace(
                                " WHERE ", " LEFT JOIN programmes pr ON pr.id = c.programme_id"
                                " WHERE ", 1) + " GROUP BY 1 ORDER BY 1")
    report.tables.append(Table("Według programu", [Column("Program"), Column("Osoby", N),
                                                   Column("Sprawy", N)],
                               _complemented(_complemented(
                                   [(n, few(p, outside), few(c, outside))
                                    for n, p, c in programmes], 1), 2)))
    states = s.rows(db, "SELECT CASE WHEN c.closed_on IS NOT NULL AND c.closed_on <= :end"
                        " THEN 'zamknięta' ELSE 'otwarta' END, c.current_step, count(*) FROM"
                        f" {s.cases} GROUP BY 1, 2 ORDER BY 1 DESC, 2")
    report.tables.append(Table("Sprawy według stanu na koniec okresu i obecnego kroku", [
        Column("Stan"), Column("Krok", N), Column("Nazwa kroku"), Column("Sprawy", N)],
        _complemented([(st, step, STEP_NAMES.get(step, ""), few(n, outside))
                       for st, step, n in states], 3)))
    villages = s.rows(db, "SELECT r.city, count(DISTINCT c.resident_id) FROM"
                          f" {s.cases} GROUP BY 1 ORDER BY 2 DESC, 1")
    if outside:  # a village of one or two people, named, would point at them
        small = sum(n for _, n in villages if n < FEWEST_SHOWN)
        villages = [(v, n) for v, n in villages if n >= FEWEST_SHOWN]
        if small:
            villages.append(("pozostałe miejscowości (razem)", small))
    report.tables.append(Table("Osoby według miejscowości", [Column("Miejscowość"),
                                                             Column("Osoby", N)],
                               _complemented([(v, few(n, outside)) for v, n in villages],
                                             1)))
    report.tables.append(_sex_and_age(db, s, outside))
    buckets = _buckets(s.period)
    month_rows = [(label, s.one(db, f"SELECT count(*) FROM {s.cases} AND c.opened_on BETWEEN"
                                    f" '{first}' AND '{last}'"))
                  for label, first, last in buckets]
    kind = _period_kind(buckets)
    unit = "latach" if kind is Kind.INT else "miesiącach"
    report.tables.append(Table(f"Sprawy otwarte w {unit}", [Column("Okres", kind),
                                                           Column("Sprawy", N)],
                               _complemented([(m, few(n, outside)) for m, n in month_rows],
                                             1)))
    report.charts.append(Chart(f"Sprawy otwarte w {unit}", [shown(m, kind) for m, _ in month_rows],
                               [("sprawy", [n for _, n in month_rows])]))
    return report


def _sex_and_age(db: Database, s: Scope, outside: bool) -> Table:
    counts: dict[tuple[str, str], int] = {}
    for _resident, sex, born in s.rows(db, "SELECT DISTINCT c.resident_id, r.sex,"
                                           f" r.birth_date FROM {s.cases}"):
        band = "wiek nieznany"
        if born:
            age = age_on(date.fromisoformat(born), s.period.end)
            band = next((name for name, low, high in AGE_BANDS if low <= age <= high),
                        "wiek nieznany")
        counts[band, sex or ""] = counts.get((band, sex or ""), 0) + 1
    rows = []
    for band in [b for b, _, _ in AGE_BANDS] + ["wiek nieznany"]:
        women, men, other = (counts.get((band, x), 0) for x in ("K", "M", ""))
        row = [few(women, outside), few(men, outside), few(women + men + other, outside)]
        if "<3" in row[:2] and row[2] != "<3":  # the total less the other would give it away
            row[2] = "x"
        rows.append((band, *row))
    return Table("Osoby według płci i wieku (wiek na koniec okresu)", [
        Column("Wiek"), Column("Kobiety", N), Column("Mężczyźni", N), Column("Razem", N)],
        _complemented(rows, 3))


def terminy(db: Database, s: Scope, outside: bool) -> Report:
    settings = settings_store.load(db)
    limit, longest = settings.plan_deadline_days, settings.plan_max_months
    report = Report("terminy", "Dotrzymanie terminów", s.period)
    # the first agreed version of each case whose application was filed in the period
    made = s.rows(db, "SELECT c.case_number, a.filed_on, (SELECT min(v.agreed_on) FROM plans p"
                      " JOIN plan_versions v ON v.plan_id = p.id WHERE p.case_id = c.id AND"
                      " v.agreed_on IS NOT NULL) FROM " + s.cases.replace(
                          " WHERE ", " JOIN applications a ON a.id = c.application_id WHERE ", 1)
                  + " AND a.filed_on BETWEEN :start AND :end ORDER BY a.filed_on")
    checked_on = min(s.period.end, date.today())
    waits = [(number, _days(agreed, filed)) for number, filed, agreed in made]
    done = [d for _, d in waits if d is not None]
    on_time = sum(1 for d in done if d <= limit)
    # a case counts once its plan is made or its time is up; one still in time does not
    late = [(number, d) for (number, filed, _), (_, d) in zip(made, waits, strict=True)
            if (d is not None and d > limit) or (d is None and date.fromisoformat(filed)
                                                 + timedelta(days=limit) < checked_on)]
    due = len(done) + sum(1 for _, d in late if d is None)
    approvals = [d for (d,) in [(_days(a, g),) for a, g in s.rows(
        db, "SELECT v.approved_on, v.agreed_on FROM plan_versions v JOIN plans p ON p.id ="
            f" v.plan_id JOIN {s.cases} AND p.case_id = c.id AND v.approved_on BETWEEN :start"
            " AND :end AND v.archived_at IS NULL")] if d is not None]
    too_long = s.rows(db, "SELECT c.case_number, v.version_no, v.valid_from, v.valid_to FROM"
                          " plan_versions v JOIN plans p ON p.id = v.plan_id JOIN"
                          f" {s.cases} AND p.case_id = c.id AND v.status IN ('uzgodniony',"
                          " 'zatwierdzony', 'zastapiony', 'zamkniety') AND v.valid_from <= :end"
                          " AND v.valid_to >= :start AND v.archived_at IS NULL")
    too_long = [r for r in too_long if r[2] and r[3] and date.fromisoformat(r[3])
                >= add_months(date.fromisoformat(r[2]), longest)]
    overdue = s.rows(db, "SELECT c.case_number, v.review_on FROM plan_versions v JOIN plans p"
                         f" ON p.id = v.plan_id JOIN {s.cases} AND p.case_id = c.id AND"
                         f" v.status = 'zatwierdzony' AND v.review_on < '{checked_on}' AND"
                         " v.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM evaluations e"
                         " WHERE e.case_id = c.id AND e.archived_at IS NULL AND"
                         " e.evaluated_on >= v.review_on) ORDER BY v.review_on")

    def n(count: int) -> int | str:
        return few(count, outside)

    def spread(values: list[int], label: str) -> list[tuple]:
        """Median and longest: of fewer than 3 cases outside the office they are one
        person's own days."""
        hide = not values or (outside and len(values) < FEWEST_SHOWN)
        return [(f"{label} – mediana", None if hide else round(statistics.median(values)),
                 None, None),
                (f"{label} – najdłużej", None if hide else max(values), None, None)]

    # one figure to a cell, typed, so a spreadsheet can add them up and chart them
    report.tables.append(Table("Terminy", [Column("Wskaźnik"), Column("Liczba", N),
                                           Column("Spośród", N), Column("Udział", S)], [
        ("Wnioski złożone w okresie, z których otwarto sprawę", n(len(waits)), None, None),
        (f"Plany uzgodnione w ciągu {limit} dni od wniosku (spośród spraw, których termin "
         "minął albo które mają plan)", n(on_time), n(due),
         # the share with the "of" beside it would give a hidden count back
         on_time / due if due and not (outside and (
             due < FEWEST_SHOWN or 0 < on_time < FEWEST_SHOWN
             or 0 < due - on_time < FEWEST_SHOWN)) else None),
        ("Sprawy bez planu, termin jeszcze biegnie", n(len(waits) - due), None, None),
        ("Sprawy bez planu po terminie", n(sum(1 for _, d in late if d is None)), None, None),
        *spread(done, "Dni od wniosku do planu"),
        *spread(approvals, "Dni od uzgodnienia do zatwierdzenia"),
        (f"Plany dłuższe niż {longest} miesięcy", n(len(too_long)), None, None),
        ("Przeglądy planów po terminie", n(len(overdue)), None, None)]))
    if outside:  # the lists of cases stay in the office
        return report
    if late:
        report.tables.append(Table(f"Sprawy, w których plan nie powstał w ciągu {limit} dni", [
            Column("Znak sprawy"), Column("Dni do planu", N), Column("Uwagi")],
            [(number, d, "" if d is not None else "planu jeszcze nie uzgodniono")
             for number, d in late]))
    if too_long:
        report.tables.append(Table("Plany dłuższe niż dopuszczalne", [
            Column("Znak sprawy"), Column("Wersja", N), Column("Od", D), Column("Do", D)],
            [(c, v, date.fromisoformat(a), date.fromisoformat(b)) for c, v, a, b in too_long]))
    if overdue:
        report.tables.append(Table("Przeglądy po terminie", [
            Column("Znak sprawy"), Column("Termin przeglądu", D)],
            [(c, date.fromisoformat(d)) for c, d in overdue]))
    return report


def oczekujacy(db: Database, s: Scope, outside: bool) -> Report:
    limit = settings_store.load(db).plan_deadline_days
    report = Report("oczekujacy", "Lista oczekujących (w kolejności złożenia wniosków)",
                    s.period)
    on = min(s.period.end, date.today())  # days waited so far, not into the future
    waiting = s.rows(db, "SELECT a.filed_on, r.surname || ' ' || r.first_name,"
                         " COALESCE(pr.name, ''), a.request FROM " + s.applications.replace(
                             " WHERE ", " LEFT JOIN programmes pr ON pr.id = a.programme_id"
                             " WHERE ", 1) + " AND a.filed_on <= :end AND (a.status ="
                         " 'oczekuje' OR a.decided_on > :end) ORDER BY a.filed_on, a.rowid")
    rows = []
    for n, (filed, name, programme, request) in enumerate(waiting, 1):
        waited = (on - date.fromisoformat(filed)).days
        rows.append((n, date.fromisoformat(filed), name, programme, request or "", waited,
                     "po terminie" if waited > limit else "w terminie"))
    if outside:  # a filing date and days waited, one row each, point at a person
        late = sum(1 for r in rows if r[-1] == "po terminie")
        report.tables.append(Table(f"Oczekujący na {on:%d.%m.%Y}", [
            Column("Wskaźnik"), Column("Liczba", N)],
            [("Oczekujący na kwalifikację", few(len(rows), outside)),
             (f"w tym dłużej niż {limit} dni", few(late, outside))]))
    else:
        report.tables.append(Table(f"Oczekujący na {on:%d.%m.%Y}", [
            Column("Lp.", N), Column("Wniosek z dnia", D), Column("Osoba"),
            Column("Program"), Column("Czego dotyczy"), Column("Dni oczekiwania", N),
            Column(f"Termin {limit} dni")], rows))
    trend = [(label, s.one(db, f"SELECT count(*) FROM {s.applications} AND a.filed_on <="
                               f" '{on_day}' AND (a.decided_on IS NULL OR a.decided_on >"
                               f" '{on_day}') AND a.status != 'wycofany'"))
             for label, first, last in _buckets(s.period) if first <= date.today()
             # who waits at the end of a month not over yet: today's figure, not a guess
             for on_day in [min(last, date.today())]]
    kind = _period_kind(_buckets(s.period))
    report.tables.append(Table("Oczekujący na koniec okresu", [Column("Okres", kind),
                                                              Column("Oczekujący", N)],
                               [(m, few(n, outside)) for m, n in trend]))
    report.charts.append(Chart("Oczekujący na koniec okresu", [shown(m, kind) for m, _ in trend],
                               [("oczekujący", [n for _, n in trend])]))
    return report


def niezaspokojone(db: Database, s: Scope, outside: bool) -> Report:
    report = Report("niezaspokojone", "Rejestr potrzeb niezaspokojonych", s.period)
    needs = s.rows(db, "SELECT n.category, n.description, c.case_number, n.identified_on,"
                       f" n.priority, c.resident_id FROM needs n JOIN {s.cases} AND n.case_id ="
                       " c.id AND n.status = 'niezaspokojona' AND n.archived_at IS NULL AND"
                       " n.identified_on <= :end ORDER BY n.category, n.identified_on")
    by_area: dict[str, set[str]] = {}
    for category, *_rest, resident in needs:
        by_area.setdefault(category, set()).add(resident)
    report.tables.append(Table("Potrzeby bez dostępnej usługi według obszaru potrzeb", [
        Column("Obszar potrzeb"), Column("Osoby", N), Column("Potrzeby", N)],
        [(NEED_CATEGORIES[k], few(len(by_area.get(k, ())), outside),
          few(sum(1 for n in needs if n[0] == k), outside)) for k in NEED_CATEGORIES]))
    report.charts.append(Chart("Osoby z potrzebą niezaspokojoną", list(NEED_CATEGORIES.values()),
                               [("osoby", [len(by_area.get(k, ())) for k in NEED_CATEGORIES])]))
    if not outside:  # the descriptions name circumstances: they stay in the office
        report.tables.append(Table("Wykaz potrzeb", [
            Column("Obszar potrzeb"), Column("Potrzeba"), Column("Znak sprawy"),
            Column("Rozpoznana", D), Column("Priorytet", N)],
            [(NEED_CATEGORIES[k], d, c, date.fromisoformat(on), p)
             for k, d, c, on, p, _ in needs]))
    return report


def partnerzy(db: Database, s: Scope, outside: bool) -> Report:
    report = Report("partnerzy", "Wykorzystanie usług partnerów i odpłatność", s.period)
    # a service continued through plan updates is one service: one row per person, partner
    # and service, with its co-payment as last agreed
    services = ("(SELECT it.partner_id, it.resident_id, it.service_id, max(it.copayment_grosze)"
                " AS cp, max(it.copayment_note LIKE '%zwoln%') AS waived FROM"
                f" {s.items} GROUP BY it.partner_id, it.resident_id, it.service_id) AS u")
    # places: the partner's overall number, or else the sum over the services it offers
    places = ("COALESCE(pa.capacity, (SELECT sum(ps.capacity) FROM partner_services ps"
              " WHERE ps.partner_id = pa.id))")
    use = s.rows(db, f"SELECT pa.full_name, {places}, count(DISTINCT u.resident_id),"
                     " count(u.resident_id), sum(u.cp > 0), sum(CASE WHEN u.cp > 0 THEN u.cp"
                     " ELSE 0 END), sum(u.cp = 0), sum(u.waived),"
                     " sum(u.resident_id IS NOT NULL AND u.cp IS NULL)"
                     f" FROM partners pa LEFT JOIN {services} ON u.partner_id = pa.id"
                     " WHERE pa.archived_at IS NULL GROUP BY pa.id ORDER BY pa.sort_key")

    def hidden(people: int, value: object) -> object:
        """Outside the office, what a partner did for one or two people is not shown."""
        return "<3" if outside and 0 < people < FEWEST_SHOWN else value

    def row(name: str, capacity, people: int, items: int, paid, amount, free, waived,
            unknown) -> tuple:
        # the services split into paid, free and not settled: one hidden part alone would
        # be the total less the others, so the smallest other goes with it
        parts = list(_complemented([(few(paid or 0, outside),), (few(free or 0, outside),),
                                    (few(unknown or 0, outside),)], 0))
        # money is never "<3", which would read as "under 3 zł"
        money = ("x" if outside and (0 < (paid or 0) < FEWEST_SHOWN
                                     or 0 < people < FEWEST_SHOWN) else amount or 0)
        return (name, few(people, outside), capacity,
                hidden(people, people / capacity if capacity else None), hidden(people, items),
                hidden(people, parts[0][0]), money, hidden(people, parts[1][0]),
                hidden(people, few(waived or 0, outside)), hidden(people, parts[2][0]))

    report.tables.append(Table("Partnerzy: osoby, miejsca i odpłatność", [
        Column("Partner"), Column("Osoby", N), Column("Miejsca", N),
        Column("Osoby w okresie na 1 miejsce", S), Column("Usługi w planach", N),
        Column("Odpłatne", N), Column("Suma stawek odpłatności", M), Column("Nieodpłatne", N),
        Column("w tym zwolnienia", N), Column("Odpłatność nie określona", N)],
        [row(*u) for u in use],
        notes=["Miejsca: liczba miejsc partnera (albo suma miejsc jego usług) w jednej chwili; "
               "osoby – wszystkie w okresie, więc ich stosunek może przekraczać 100%. Suma "
               "stawek odpłatności to suma stawek z planów, nie kwota pobrana."]))
    short = [u[0] if len(u[0]) <= 45 else u[0][:44] + "…" for u in use]
    report.charts.append(Chart("Osoby u partnerów", short,
                               [("osoby", [u[2] for u in use])]))
    return report


def _in_number_order(number: str) -> list:
    """"CUS/2026/0017" or "CUS.4012.17.2026" by its numbers, so 9 comes before 10."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"([0-9]+)", number)]


def spis_spraw(db: Database, s: Scope, outside: bool) -> Report:
    """The spis spraw as the instrukcja kancelaryjna keeps it: one per JRWA symbol, the
    cases begun in the period in the order of their numbers, each with what it is about,
    from whom, when begun and when and how settled."""
    settings = settings_store.load(db)
    report = Report("spis-spraw", "Spis spraw", s.period)
    columns = [Column("Lp.", N), Column("Znak sprawy"), Column("Sprawa"),
               Column("Od kogo wpłynęła"), Column("Z dnia", D), Column("Data wszczęcia", D),
               Column("Data załatwienia", D), Column("Uwagi (sposób załatwienia)")]
    cases = s.rows(db, "SELECT c.case_number, COALESCE(c.request, a.request, ''),"
                       " r.surname || ' ' || r.first_name, a.filed_on, c.opened_on,"
                       " c.closed_on, c.close_reason FROM " + s.cases.replace(
                           " WHERE ", " LEFT JOIN applications a ON a.id = c.application_id"
                           " WHERE ", 1) + " AND c.opened_on >= :start")
    # the proceedings that ended in a refusal are cases of their own, in their own series;
    # a number is given when the decision is issued
    refusals = s.rows(db, "SELECT COALESCE(a.case_number, ''), COALESCE(a.request, ''),"
                          " r.surname || ' ' || r.first_name, a.filed_on, a.filed_on,"
                          " a.decided_on, 'odmowa zakwalifikowania (decyzja)' FROM"
                          f" {s.applications} AND a.status = 'odmowa' AND a.decided_on"
                          " BETWEEN :start AND :end")
    for title, jrwa, rows in (("sprawy IPUS", settings.jrwa_case, cases),
                              ("odmowy zakwalifikowania", settings.jrwa_refusal, refusals)):
        rows.sort(key=lambda r: (r[0] == "", _in_number_order(r[0]), r[4] or ""))
        report.tables.append(Table(
            f"Spis spraw – {title}" + (f", symbol JRWA {jrwa}" if jrwa else ""), columns,
            [(n, number or "bez znaku", about, who, day(filed), day(opened), day(closed),
              (reason or "") + ("" if number else " – decyzji jeszcze nie wydrukowano"))
             for n, (number, about, who, filed, opened, closed, reason)
             in enumerate(rows, 1)]))
    return report


def do_zatwierdzenia(db: Database, s: Scope, outside: bool) -> Report:
    report = Report("do-zatwierdzenia", "Plany czekające na zatwierdzenie", s.period)
    rows = s.rows(db, "SELECT c.case_number, r.surname || ' ' || r.first_name, v.version_no,"
                      " v.agreed_on, v.valid_from, v.valid_to FROM plan_versions v JOIN plans p"
                      f" ON p.id = v.plan_id JOIN {s.cases} AND p.case_id = c.id AND v.status"
                      " = 'uzgodniony' AND v.archived_at IS NULL ORDER BY v.agreed_on")
    report.tables.append(Table("Plany uzgodnione z osobą, do zatwierdzenia", [
        Column("Lp.", N), Column("Znak sprawy"), Column("Osoba"), Column("Wersja", N),
        Column("Uzgodniono", D), Column("Od", D), Column("Do", D),
        Column("Zatwierdzam (data, podpis)")],
        [(n, number, who, version, day(agreed), day(start), day(end), "")
         for n, (number, who, version, agreed, start, end) in enumerate(rows, 1)]))
    report.sign_off = "Zatwierdzam plany opatrzone w ostatniej kolumnie datą i moim podpisem."
    return report


KINDS: dict[str, Callable[[Database, Scope, bool], Report]] = {
    "zestawienie": zestawienie, "terminy": terminy, "oczekujacy": oczekujacy,
    "niezaspokojone": niezaspokojone, "partnerzy": partnerzy, "spis-spraw": spis_spraw,
    "do-zatwierdzenia": do_zatwierdzenia}
# registers of cases by number: they stay in the office, never "for outside"
INTERNAL = {"spis-spraw": "Spis spraw", "do-zatwierdzenia": "Lista planów do zatwierdzenia"}
TITLES = {"zestawienie": "Zestawienie: osoby, sprawy, wnioski", "terminy": "Dotrzymanie terminów",
          "oczekujacy": "Lista oczekujących", "niezaspokojone": "Potrzeby niezaspokojone",
          "partnerzy": "Partnerzy i odpłatność", "spis-spraw": "Spis spraw",
          "do-zatwierdzenia": "Plany do zatwierdzenia"}


def filters(db: Database) -> tuple[list[tuple[str, str]], list[str]]:
    """What a report can be narrowed to: the programmes (id, name) and the villages where
    someone has a case."""
    programmes = [(r[0], r[1]) for r in db.execute(
        "SELECT id, name FROM programmes WHERE archived_at IS NULL ORDER BY name")]
    villages = [r[0] for r in db.execute(
        "SELECT DISTINCT r.city FROM cases c JOIN residents r ON r.id = c.resident_id"
        " ORDER BY r.city")]
    return programmes, villages


def _one_programme(programmes: list[tuple[str, str]], given: str) -> tuple[str, str]:
    """A programme by its id, its name or the start of only one name, any letter case."""
    wanted = given.strip().casefold()
    found = ([p for p in programmes if p[0] == given.strip()]
             or [p for p in programmes if p[1].casefold() == wanted]
             or [p for p in programmes if p[1].casefold().startswith(wanted)])
    if len(found) == 1:
        return found[0]
    names = "; ".join(name for _, name in programmes) or "(brak programów)"
    raise ValidationError({"programme": (
        f"Nazwa „{given}” pasuje do kilku programów – podaj dłuższą." if found else
        f"Nie ma programu „{given}”.") + f" Programy: {names}."})


def _one_village(villages: list[str], given: str) -> str:
    """A village as it is written in the register, whatever the letter case typed, and
    without Polish letters if they were left out."""
    found = ([v for v in villages if v.casefold() == given.strip().casefold()]
             or [v for v in villages if fold(v) == fold(given)])  # "Stara Leka" typed
    if found:
        return found[0]
    raise ValidationError({"village": f"Nie ma spraw osób z miejscowości „{given}”. "
                                      "Miejscowości ze sprawami: " + ", ".join(villages) + "."})


def build(db: Database, kind: str, period: Period, programme_id: str | None = None,
          village: str | None = None, outside: bool = False) -> Report:
    """The report ``kind`` over ``period``, for one programme or village if given."""
    builder = KINDS.get(kind)
    if builder is None:
        raise NotFound(f"Nieznany rodzaj zestawienia: {kind}. Dostępne: "
                       + ", ".join(KINDS) + ".")
    programmes, villages = filters(db)
    chosen = []
    if programme_id:
        programme_id, name = _one_programme(programmes, programme_id)
        chosen.append(f"program: {name}")
    if village:
        village = _one_village(villages, village)
        chosen.append(f"miejscowość: {village}")
    if outside and kind in INTERNAL:
        raise ValidationError({"outside": f"{INTERNAL[kind]} to dokument wewnętrzny CUS (numery "
                                          "spraw) – nie przygotowuje się go do przekazania "
                                          "poza CUS."})
    if outside and village:  # "all three are women" is said by a village's own table
        raise ValidationError({"outside": "Zestawienie do przekazania poza CUS obejmuje całą "
                                          "gminę – bez wyboru miejscowości (w małej "
                                          "miejscowości liczby wskazałyby osoby)."})
    report = builder(db, Scope(period, programme_id, village), outside)
    report.filters, report.outside = chosen, outside
    if outside:  # a bar of 1 or 2 says what "<3" hides: only charts without one stay
        report.charts = [c for c in report.charts if all(
            v == 0 or v >= FEWEST_SHOWN for _, values in c.series for v in values)]
    hidden = db.execute("SELECT count(*) FROM residents WHERE restricted = 1").fetchone()[0]
    for table in report.tables:
        table.notes.append(report.heading)
        if hidden:
            table.notes.append("Bez osób z ograniczonym przetwarzaniem danych (art. 18 RODO).")
        if outside:
            table.notes.append("Liczby mniejsze niż 3 pokazano jako „<3”, a sumy, z których "
                               "dałoby się je odczytać, jako „x”; bez nazwisk i opisów, "
                               "a wykresy tylko tam, gdzie żaden słupek nie jest mniejszy "
                               "niż 3.")
    return report
