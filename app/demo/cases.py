"""Demo applications and cases at every one of the nine steps, with what each step records
(consent, needs, matches, plans with versions, referrals, monitoring, evaluations, closing
and follow-ups), dated so that the "Na dziś" list looks like a real office's."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from app.casefile.cases import _next_number
from app.catalogue import services as catalogue
from app.core.dates import add_months
from app.core.textfold import sort_key
from app.people.residents import Resident
from app.settings.values import DEFAULTS

# a year's steady flow: the last month's cases at the first steps, most in monitoring or
# closed
STEP_WEIGHTS = [2, 2, 2, 3, 3, 8, 1, 3, 6]
NEED_TEXTS = {
    "spoleczne": ["Samotność, brak kontaktów z sąsiadami", "Pomoc w sprzątaniu i zakupach"],
    "zdrowotne": ["Rehabilitacja ruchowa po udarze", "Dowóz posiłków – dieta cukrzycowa"],
    "emocjonalne": ["Obniżony nastrój po śmierci współmałżonka", "Kryzys w rodzinie"],
    "zawodowe": ["Długotrwałe bezrobocie, brak aktualnych kwalifikacji"],
    "kulturalne": ["Brak dojazdu do zajęć w domu kultury"],
    "inne": ["Opieka wytchnieniowa dla opiekuna córki z niepełnosprawnością"],
}
AREAS = {"zdrowotne": (5, 6), "spoleczne": (4, 11, 12), "emocjonalne": (4, 5),
         "zawodowe": (8, 14), "kulturalne": (9, 10), "inne": (6,)}
REQUESTS = ("Pomoc w codziennych czynnościach w domu", "Opieka wytchnieniowa dla córki",
            "Dowóz posiłków", "Wsparcie w powrocie do pracy", "Zajęcia dla dziecka po szkole",
            "Przystosowanie łazienki", "Rehabilitacja domowa")
PARTNERS = [
    ("Gminny Ośrodek Pomocy Społecznej w Żabnie", "jednostka_gminy", "is_jst_unit",
     ["Pomoc domowa", "Usługi opiekuńcze", "Poradnictwo socjalne"]),
    ("Spółdzielnia Socjalna „Żabka”", "pes", "is_social_employment",
     ["Przygotowywanie i dowóz", "Usługi remontowo"]),
    ("Niepubliczny Zakład Opieki Zdrowotnej „Zdrowie” w Gródku", "podmiot_leczniczy",
     "is_other_public", ["Usługi rehabilitacyjne"]),
    ("Stowarzyszenie „Razem dla Seniora”", "ngo", "is_ngo",
     ["Budowanie relacji", "Usługi „towarzysza”", "Samopomocowa"]),
    ("Gminny Ośrodek Kultury w Żabnie", "jednostka_gminy", "is_jst_unit",
     ["Zajęcia integracyjne", "Opieka pozaszkolna"]),
    ("Fundacja „Wytchnienie”", "ngo", "is_ngo", ["Usługa wytchnieniowa", "Pomoc osobista"]),
    ("Powiatowy Urząd Pracy w Gródku", "instytucja_publiczna", "is_other_public",
     ["Kursy", "Formy prozatrudnieniowe", "Warsztaty edukacji"]),
    ("Parafia pw. św. Anny w Kępie", "parafia", "", ["Interwencja kryzysowa"]),
]
# a service's co-payment in grosze, with why: mostly free, sometimes paid, now and then
# waived, and at times not yet settled
COPAYMENTS = ((0, None), (1200, "odpłatność wg uchwały rady gminy"),
              (0, "zwolniono z odpłatności – dochód poniżej kryterium"), (None, None))
# how often, on which days, at what hours (days and hours are not always known)
SCHEDULES = (("2 × w tygodniu po 2 h", "wt,pt", "10:00", "12:00"),
             ("w dni robocze", "pn,wt,śr,cz,pt", "12:00", "12:30"),
             ("raz w tygodniu", "śr", "15:00", "17:00"),
             ("3 × w tygodniu po 1 h", "pn,śr,pt", "08:30", "09:30"),
             ("raz w miesiącu", None, None, None),
             ("codziennie", None, None, None))


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


def add_cases(db: Database, rng: random.Random, people: list[Resident], stamp: str,
              today: date, share: float = 0.04) -> None:
    rows: dict[str, list[dict]] = defaultdict(list)
    suggested = {text: service.id for cat, texts in NEED_TEXTS.items() for text in texts
                 if (service := catalogue.suggest(db, text, AREAS[cat])) is not None}

    def add(table: str, **values) -> str:
        values.setdefault("id", _uuid(rng))
        rows[table].append({"created_at": stamp, "updated_at": stamp, **values})
        return values["id"]

    providers = _partners_and_programme(db, add, rng, today)

    made = 0
    for r in people:
        if rng.random() >= share:
            continue
        # the first cases stand at every step, the first closed and the second with a plan
        # update, so even a small demo shows each stage of the work
        first = made < 9
        step = 9 - made if first else rng.choices(range(1, 10), STEP_WEIGHTS)[0]
        waiting = not first and rng.random() < 0.08
        made += 1
        # early steps are recent; a plan takes months to reach evaluation
        if waiting or step <= 3:
            age = rng.randrange(0, 25)
        elif step == 4:
            age = rng.randrange(8, 29)  # a plan is drawn up within 30 days of the application
        else:
            age = rng.randrange(30 + (step - 5) * 30, 150 + (step - 5) * 60)
        filed = today - timedelta(days=age)
        request = rng.choice(REQUESTS)
        app_id = add("applications", resident_id=r.id, filed_on=filed.isoformat(),
                     filed_by_kind=rng.choice(["osoba", "osoba", "przedstawiciel", "opiekun",
                                               "instytucja"]),
                     filed_by_name=None, channel=rng.choice(["osobiscie", "telefon", "email",
                                                             "pismo"]),
                     request=request,
                     status="oczekuje" if waiting else "zakwalifikowany",
                     decided_on=None if waiting else min(today, filed + timedelta(days=1))
                     .isoformat())
        if waiting:
            continue
        opened = min(today, filed + timedelta(days=1))  # nothing is dated in the future
        closed = step == 9 and (made == 1 or rng.random() < 0.8)
        closed_on = min(today, opened + timedelta(days=age - 2)) if closed else None
        idle = rng.choices([0, 2, 5, 9, 14, 40], [20, 20, 20, 15, 20, 5])[0]
        last_touch = closed_on or today - timedelta(days=idle)
        case_id = add("cases", resident_id=r.id, application_id=app_id,
                      # the office's own counter: a demo added twice, or a case qualified
                      # afterwards, never gets a number already in use
                      case_number=f"CUS/{opened.year}/"
                                  f"{_next_number(db, 'sprawa', opened.year):04d}",
                      status="zamknieta" if closed else "otwarta", current_step=step,
                      # the case is about what the application asked; the second draw
                      # stays so that the demo's later draws are what they were
                      opened_on=opened.isoformat(), request=[request, rng.choice(REQUESTS)][0],
                      programme_id=providers["programme"],
                      came_how=rng.choice(["wlasny_wniosek", "skierowanie", "zgloszenie"]),
                      referred_by=rng.choice([None, "GOPS", "lekarz rodzinny", "szkoła"]),
                      closed_on=closed_on.isoformat() if closed_on else None,
                      close_reason="Cele planu osiągnięte" if closed else None,
                      updated_at=f"{last_touch.isoformat()}T10:00:00+00:00")
        consent = rng.random() > 0.04
        if step > 1 or rng.random() < 0.8:
            add("consents", resident_id=r.id, case_id=case_id, kind="karta_uslug",
                given=int(consent), decided_on=opened.isoformat())
        add("card_entries", case_id=case_id, step=1, kind="kontakt",
            entry_date=opened.isoformat(), title="Nawiązanie kontaktu",
            content="Pierwsza rozmowa w CUS.", author="demo")
        if step < 2:
            continue
        if consent:
            add("card_general", case_id=case_id,
                education=rng.choice(["podstawowe", "zasadnicze zawodowe", "średnie",
                                      "wyższe"]),
                marital_status=rng.choice(["panna/kawaler", "żonaty/zamężna", "wdowa/wdowiec"]),
                income_source=rng.choice(["emerytura", "renta", "wynagrodzenie",
                                          "zasiłek stały"]))
        needs = []
        for cat in rng.sample(list(NEED_TEXTS), rng.randrange(1, 4)):
            text = rng.choice(NEED_TEXTS[cat])
            unmet = step >= 3 and rng.random() < 0.08
            need_id = add("needs", case_id=case_id, category=cat, description=text,
                          priority=rng.randrange(1, 4), identified_on=min(
                              today, opened + timedelta(days=3)).isoformat(),
                          status="niezaspokojona" if unmet else "rozpoznana")
            needs.append((need_id, text, unmet))
        if step < 3:
            continue
        for need_id, text, unmet in needs:
            if not unmet:
                add("need_matches", need_id=need_id, service_id=suggested[text], chosen=1)
        if step < 4:
            continue
        _plan(add, rng, case_id, needs, suggested, step, opened, today, closed_on, providers,
              updated=made == 2)

    _numbered_in_opening_order(rows["cases"])
    for table, items in rows.items():  # parents were added first, so keys resolve in order
        by_columns: dict[tuple, list[tuple]] = defaultdict(list)
        for item in items:
            by_columns[tuple(item)].append(tuple(item.values()))
        for columns, values in by_columns.items():
            db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)})"
                f" VALUES ({', '.join('?' * len(columns))})", values)


def _numbered_in_opening_order(cases: list[dict]) -> None:
    """The numbers drawn for each year's cases, given again in the order the cases were
    opened, as an office numbers its files."""
    by_year: dict[str, list[dict]] = defaultdict(list)
    for case in cases:
        by_year[case["opened_on"][:4]].append(case)
    for year_cases in by_year.values():
        numbers = sorted(c["case_number"] for c in year_cases)
        for case, number in zip(sorted(year_cases, key=lambda c: c["opened_on"]), numbers,
                                strict=True):
            case["case_number"] = number


def _partners_and_programme(db: Database, add, rng: random.Random, today: date) -> dict:
    """Partners delivering the catalogue's services, and the gmina's programme."""
    services = {s.name: s.id for s in catalogue.services(db)}
    by_service: dict[str, list[str]] = defaultdict(list)
    for name, kind, flag, offered in PARTNERS:
        values: dict[str, Any] = {"full_name": name, "partner_type": kind, "city": "Żabno",
                  "postal_code": "83-221", "sort_key": sort_key(name),
                  "delivering_person": rng.choice(["Anna Wiśniewska", "Józef Kęska",
                                                   "Małgorzata Łuczak"])}
        if flag:
            values[flag] = 1
        partner_id = add("partners", **values)
        for prefix in offered:
            for service_name, service_id in services.items():
                if service_name.startswith(prefix):
                    add("partner_services", partner_id=partner_id, service_id=service_id,
                        capacity=rng.choice([10, 15, 20, 40]))
                    by_service[service_id].append(partner_id)
    programme_id = add("programmes", name=f"Program usług społecznych Gminy Żabno na lata "
                       f"{today.year}–{today.year + 1}", resolution_number=f"XV/112/{today.year}",
                       resolution_date=date(today.year, 1, 15).isoformat(),
                       valid_from=date(today.year, 2, 1).isoformat(),
                       valid_to=date(today.year + 1, 12, 31).isoformat(),
                       target_group="Mieszkańcy gminy potrzebujący wsparcia, w szczególności "
                       "seniorzy, osoby z niepełnosprawnościami i ich opiekunowie",
                       copayment_rules="Usługi nieodpłatne, z wyjątkiem dowozu posiłków "
                       "(zgodnie z uchwałą)")
    for service_id in services.values():
        add("programme_services", programme_id=programme_id, service_id=service_id)
    return {"programme": programme_id, "by_service": by_service}


def _plan(add, rng, case_id, needs, suggested, step, opened, today, closed: date | None,
          providers: dict, updated: bool = False) -> None:
    plan_id = add("plans", case_id=case_id,
                  status="zamkniety" if closed else ("projekt" if step == 4 else
                                                     "zatwierdzony"))
    start = min(today, opened + timedelta(days=rng.randrange(10, 28)))
    # within the legal maximum (under a year), running past today where it can
    end = min(start + timedelta(days=330),
              max(start + timedelta(days=180), today + timedelta(days=rng.randrange(10, 120))))
    review = min(end, max(start, today + timedelta(days=rng.randrange(-3, 120))))
    versions = 2 if step >= 6 and (updated or rng.random() < 0.3) else 1
    # what each need gets: the same in every version (an update copies its items, as
    # plans.start_update does), except what the update changes
    # what came later to the demo draws from a stream of its own, so the people and cases
    # drawn before stay the same
    side = random.Random(case_id)
    planned = {need_id: (rng.choice(providers["by_service"].get(suggested[text]) or [None]),
                         rng.choice(SCHEDULES), side.choices(COPAYMENTS, [70, 15, 10, 5])[0])
               for need_id, text, unmet in needs if not unmet}
    # agreed with the person a few days before it starts, approved by the director between
    agreed = max(opened, start - timedelta(days=side.randrange(3, 10)))
    approved = min(start, agreed + timedelta(days=side.randrange(1, 6)))
    changed = rng.choice(list(planned)) if planned and versions > 1 else None
    earlier: dict[str, str] = {}
    for no in range(1, versions + 1):
        current = no == versions
        if step == 4:
            status = rng.choices(["projekt", "uzgodniony"], [7, 3])[0]
        else:
            status = "zamkniety" if closed and current else (
                "zatwierdzony" if current else "zastapiony")
        version_id = add("plan_versions", plan_id=plan_id, version_no=no, status=status,
                         valid_from=start.isoformat(),
                         valid_to=end.isoformat(), review_on=review.isoformat(),
                         agreed_on=agreed.isoformat() if status != "projekt" else None,
                         approved_on=approved.isoformat() if step >= 5 else None,
                         approved_by="Maria Nowak" if step >= 5 else None,
                         approver_role="dyrektor CUS" if step >= 5 else None,
                         change_summary=None if no == 1 else "Zmiana po okresowej ocenie")
        for position, (need_id, text, unmet) in enumerate(needs):
            if unmet:
                continue
            status = "planowana"
            if step >= 5 and current and closed:
                status = "zakonczona"
            elif step >= 5 and current and versions == 1:
                status = rng.choice(["skierowana", "realizowana", "realizowana"])
            elif step >= 5:
                status = "realizowana"  # running before the update and after it
            partner_id, (frequency, weekdays, time_from, time_to), copayment = planned[need_id]
            if no > 1 and need_id == changed:  # more of it, as the evaluation found
                frequency, weekdays, time_from, time_to = SCHEDULES[
                    (SCHEDULES.index(planned[need_id][1]) + 1) % len(SCHEDULES)]
            item_id = add("plan_items", plan_version_id=version_id, kind="usluga",
                          service_id=suggested[text], need_id=need_id, position=position,
                          partner_id=partner_id, start_on=start.isoformat(),
                          frequency=frequency, weekdays=weekdays, time_from=time_from,
                          time_to=time_to, origin_item_id=earlier.get(need_id),
                          end_on=min(end, start + timedelta(days=180)).isoformat(),
                          status=status, copayment_grosze=copayment[0],
                          copayment_note=copayment[1])
            earlier[need_id] = item_id
            if step >= 5 and current:
                add("referrals", plan_item_id=item_id, referred_on=start.isoformat(),
                    contacted_person="koordynator wykonawcy",
                    start_confirmed_on=None if status == "skierowana" else (
                        start + timedelta(days=5)).isoformat())
    if step >= 6:
        last = today - timedelta(days=rng.choices([3, 10, 20, 45], [30, 30, 30, 10])[0])
        for k in range(rng.randrange(1, 4)):
            when = max(start, last - timedelta(days=30 * k))
            add("case_events", case_id=case_id, kind="monitorowanie",
                event_date=when.isoformat(), observed="Usługa realizowana zgodnie z planem",
                action_taken="Rozmowa telefoniczna z osobą")
    if step >= 7 and rng.random() < 0.4:
        add("case_events", case_id=case_id, kind="rzecznictwo",
            event_date=(start + timedelta(days=20)).isoformat(),
            action_taken="Pismo w sprawie dofinansowania", result="Sprawa w toku")
    if step >= 8:
        add("evaluations", case_id=case_id, evaluated_on=min(today, start + timedelta(
            days=90)).isoformat(), reliability=rng.randrange(3, 6),
            responsiveness=rng.randrange(2, 6), assurance=rng.randrange(3, 6),
            empathy=rng.randrange(3, 6), tangibles=rng.randrange(3, 6),
            goals_met="Cele w większości osiągnięte",
            decision="zamkniecie" if step == 9 else "kontynuacja")
    if closed:
        add("summary_conversations", case_id=case_id, held_on=closed.isoformat(),
            course_and_results="Plan zrealizowany; osoba radzi sobie samodzielnie.")
        add("follow_ups", case_id=case_id,
            due_on=add_months(closed, DEFAULTS.follow_up_months).isoformat())
