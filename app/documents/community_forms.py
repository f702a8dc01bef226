"""The forms about the community rather than one person, laid out row by row as seed 003
gives them: the diagnoza potrzeb (group, problem, needs, ways to meet them), the diagnoza
terytorium (who made it, services and what is missing, social-economy entities, training
resources, readiness of institutions) and the partnership's raport autoewaluacyjny.

What the program knows is filled in, in aggregate; what only the KIPUS and the partners
know is left to write by hand. A need described for fewer than three people is counted,
never quoted, and a count under three is printed as "mniej niż 3": figures that small
could name the person in a small gmina."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlite_utils import Database

from app.cases.steps import NEED_CATEGORIES
from app.catalogue import partners
from app.core import plural
from app.core.dates import age_on
from app.core.errors import ValidationError
from app.core.validation import format_date, parse_date
from app.documents.data import BLANK, HEADERS, DocumentData

WRITE_HERE = ". " * 90  # room to write by hand after what the program filled in
FEWEST_QUOTED = 3

AGE_GROUPS = (("dzieci i młodzież (do 17 lat)", 0, 17),
              ("osoby dorosłe (18–59 lat)", 18, 59),
              ("seniorzy (60 lat i więcej)", 60, 200))
DIAGNOSIS_HEADERS = ["Grupa społeczna", "Problem", "Potrzeby", "Sposoby zaspokajania potrzeb"]
# seed 003: the territory's four questions, each with what its description should cover
TERRITORY_ROWS = (
    ("Identyfikacja usług świadczonych na danym terytorium oraz zapotrzebowania na określony "
     "rodzaj usług społecznych", "wskazanie służb publicznych i organizacji pozarządowych – "
     "współpracujących i działających w obszarze usług, katalog świadczonych usług, jakich "
     "usług w kontekście zidentyfikowanych potrzeb brakuje"),
    ("Występowanie aktywnych podmiotów ekonomii społecznej", "np. działające lub utworzone "
     "instytucje/podmioty, ich aktywność w zakresie realizacji usług społecznych – katalog "
     "instytucji/podmiotów i usług przez nich świadczonych"),
    ("Zasoby szkoleniowe instytucji lokalnych", "kto, czego może nauczyć – wyszkolić w "
     "odniesieniu do zapotrzebowania na usługi społeczne"),
    ("Ustalenie ewentualnej gotowości instytucji/organizacji (czyli osób prawnych) do "
     "tworzenia podmiotów „dostarczycieli” kadr lub podmiotów świadczących usługi",
     "np. potencjał ludzki i zaplecze techniczne, możliwości kadrowe i techniczne "
     "uruchomienia nowych usług odpowiadających na zdiagnozowane potrzeby lub nowych "
     "podmiotów mogących je świadczyć"),
)
TRAINING_TYPES = ("pes", "instytucja_publiczna", "ngo")  # CIS, KIS, PUP, OWES, associations


def _people(n: int) -> str:
    """"5 osób"; a group smaller than three is not counted exactly, as in any figures that
    leave the office."""
    return "mniej niż 3 osoby" if n < FEWEST_QUOTED else plural.count(n, "osoba", "osoby",
                                                                      "osób")


def _few(n: int) -> str:
    return "<3" if n < FEWEST_QUOTED else str(n)


def _group_of(birth_date: str | None, today: date) -> str | None:
    if not birth_date:
        return None
    age = age_on(date.fromisoformat(birth_date), today)
    return next((name for name, low, high in AGE_GROUPS if low <= age <= high), None)


def needs_diagnosis(db: Database, today: date | None = None, *,
                    write_here: str | None = None) -> DocumentData:
    """Seed 003's "Diagnoza potrzeb i problemów lokalnej społeczności": a row per age group
    of the people in the service cards: its problems (the areas of its needs), the needs no
    service answers, and the services that answer them now, with room for proposals.
    ``write_here`` marks the places to write in (an editable copy) instead of dotted room."""
    today = today or date.today()
    short, room = (write_here, write_here) if write_here else (WRITE_HERE[:60], WRITE_HERE)
    rows = db.execute(
        "SELECT r.id, r.birth_date, n.category, n.status, n.description, n.id FROM needs n"
        " JOIN cases c ON c.id = n.case_id JOIN residents r ON r.id = c.resident_id"
        " WHERE n.archived_at IS NULL AND c.archived_at IS NULL AND r.restricted = 0"
    ).fetchall()  # a person who restricted processing (art. 18 RODO) is not counted
    served = db.execute(
        "SELECT DISTINCT n.id, s.name FROM plan_items i JOIN services s ON s.id = i.service_id"
        " JOIN needs n ON n.id = i.need_id WHERE i.archived_at IS NULL AND n.archived_at IS"
        " NULL").fetchall()
    services_of: dict[str, set[str]] = defaultdict(set)
    for need_id, name in served:
        services_of[need_id].add(name)
    people: dict[str, set[str]] = defaultdict(set)
    areas: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    unmet: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    unmet_words: dict[str, Counter] = defaultdict(Counter)
    answers: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for resident, born, category, status, description, need_id in rows:
        group = _group_of(born, today) or "wiek nieznany"
        people[group].add(resident)
        areas[group][category].add(resident)
        if status == "niezaspokojona":
            unmet[group][category].add(resident)
            unmet_words[group][(category, " ".join(description.split()).lower())] += 1
        for service in services_of.get(need_id, ()):
            answers[group][service].add(resident)
    table = []
    for group in [g for g, _, _ in AGE_GROUPS] + ["wiek nieznany"]:
        if group not in people:
            continue
        if len(people[group]) < FEWEST_QUOTED:  # areas and services of one child point at her
            table.append([f"{group} – {_people(len(people[group]))}",
                          "Grupa zbyt mała, by podać dane z kart (ochrona danych osobowych). "
                          f"Główne problemy: {short}", short, "Propozycje: " + room])
            continue
        problems = "Obszary potrzeb w kartach: " + "; ".join(
            f"{NEED_CATEGORIES[c]} – {_people(len(who))}"
            for c, who in sorted(areas[group].items(), key=lambda kv: -len(kv[1])))
        needs = "; ".join(f"{NEED_CATEGORIES[c]} – {_people(len(who))}"
                          for c, who in sorted(unmet[group].items(), key=lambda kv: -len(kv[1])))
        shared = [f"„{text}” ({n})" for (_, text), n in unmet_words[group].most_common(5)
                  if n >= FEWEST_QUOTED]
        needs_text = (f"Bez odpowiedzi w usługach: {needs}." if needs else
                      "W kartach nie zapisano potrzeb niezaspokojonych.") + f" {short}"
        if shared:
            needs_text += " Najczęściej: " + ", ".join(shared) + "."
        ways = ", ".join(f"{s} ({_few(len(who))})" for s, who in sorted(
            answers[group].items(), key=lambda kv: -len(kv[1]))[:6])
        table.append([f"{group} – {_people(len(people[group]))}",
                      f"{problems}. Główne problemy: {short}", needs_text,
                      (f"Obecnie: {ways}. " if ways else "") + "Propozycje: " + room])
    table += [["", "", "", ""] for _ in range(2)]  # groups she adds (e.g. by situation)
    data = DocumentData("diagnoza-potrzeb", {"stan_na": format_date(today)},
                        {"diagnoza": (DIAGNOSIS_HEADERS, table)})
    data.room["diagnoza"] = 28
    data.widths["diagnoza"] = (0.19, 0.25, 0.26, 0.30)
    return data


def territory_diagnosis(db: Database, today: date | None = None, *,
                        write_here: str = WRITE_HERE) -> DocumentData:
    """Seed 003's "diagnoza terytorium": the territory and who made the diagnosis, then its
    four questions, each answered first from the partners' records and the needs no
    service answers, with room to complete it by hand (or ``write_here``)."""
    rows = [partners.get(db, r.id) for r in partners.search(db)]
    offers: dict[str, list[str]] = defaultdict(list)
    for partner_name, service in db.execute(
            "SELECT p.full_name, s.name FROM partner_services ps JOIN partners p ON"
            " p.id = ps.partner_id JOIN services s ON s.id = ps.service_id WHERE"
            " ps.archived_at IS NULL AND p.archived_at IS NULL ORDER BY p.sort_key, s.name"):
        offers[partner_name].append(service)

    def offer(p: partners.Partner) -> str:
        return f"{p.full_name}" + (f" ({', '.join(offers[p.full_name])})"
                                   if offers[p.full_name] else "")

    missing = [f"{NEED_CATEGORIES[c]} ({_people(n)})" for c, n in db.execute(
        "SELECT n.category, count(DISTINCT c.resident_id) FROM needs n JOIN cases c ON"
        " c.id = n.case_id JOIN residents r ON r.id = c.resident_id WHERE n.status ="
        " 'niezaspokojona' AND n.archived_at IS NULL AND r.restricted = 0 GROUP BY n.category"
        " ORDER BY 2 DESC")]
    public = [offer(p) for p in rows if p.partner_type != "pes"]
    social_economy = [offer(p) for p in rows if p.partner_type == "pes"]
    training = [p.full_name + (f": {p.resources_staff}" if p.resources_staff else "")
                for p in rows if p.partner_type in TRAINING_TYPES]
    readiness = ["; ".join(x for x in (p.full_name, p.resources_staff and
                                       f"kadra: {p.resources_staff}",
                                       p.resources_infrastructure and
                                       f"zaplecze: {p.resources_infrastructure}") if x)
                 for p in rows if p.resources_staff or p.resources_infrastructure]

    def answer(found: list[str], lead: str) -> str:
        return (f"{lead}: " + "; ".join(found) + ". " if found else "") + write_here

    lacking = ("potrzeby bez dostępnej usługi zapisane w kartach: " + ", ".join(missing)
               if missing else "w kartach nie zapisano potrzeb bez dostępnej usługi")
    answers = [answer(public, "Służby i organizacje współpracujące, z usługami")
               + f"\nJakich usług brakuje – {lacking}. {write_here}",
               answer(social_economy, "Podmioty ekonomii społecznej w katalogu partnerów"),
               answer(training, "Instytucje mogące szkolić (z kadrą)"),
               answer(readiness, "Potencjał zapisany w fiszkach partnerów")]
    table = [[f"{label}\n(Opis: {hint})", text]
             for (label, hint), text in zip(TERRITORY_ROWS, answers, strict=True)]
    data = DocumentData("diagnoza-terytorium", {"stan_na": format_date(today or date.today())},
                        {"rozpoznanie": (["", ""], table)})
    data.room["rozpoznanie"] = 45
    data.widths["rozpoznanie"] = (0.36, 0.64)
    return data


def self_evaluation(db: Database, since: date, until: date) -> DocumentData:
    """The partnership's raport autoewaluacyjny for a period: every section of seed 003's
    outline is in the template; the program fills the partners' actions of the period."""
    acts = [[format_date(d), p, t] for d, p, t in db.execute(
        "SELECT a.action_date, p.full_name, a.description FROM partner_actions a JOIN partners"
        " p ON p.id = a.partner_id WHERE a.archived_at IS NULL AND a.action_date BETWEEN ? AND"
        " ? ORDER BY a.action_date, p.sort_key", [since.isoformat(), until.isoformat()])]
    rows = partners.search(db)
    return DocumentData("raport-autoewaluacyjny",
                        {"okres": f"{format_date(since)} – {format_date(until)}",
                         "liczba_partnerow": str(len(rows))},
                        {"dzialania_partnerstwa": (
                            HEADERS["raport-autoewaluacyjny:dzialania_partnerstwa"],
                            acts or [[BLANK, BLANK, BLANK]])},
                        signatories=[p.full_name for p in rows] or [BLANK, BLANK])


def report_period(extra: dict[str, str], today: date | None = None) -> tuple[date, date]:
    """The period a raport covers: typed ("od", "do"), else from 1 January to today."""
    today = today or date.today()
    errors, days = {}, {}
    for key, label, default in (("od", "Okres od", date(today.year, 1, 1)),
                                ("do", "Okres do", today)):
        try:
            days[key] = parse_date(extra[key], label) if extra.get(key) else default
        except ValueError as exc:
            errors[key] = str(exc)
    for key, label in (("od", "Okres od"), ("do", "Okres do")):
        if key in days and days[key] > today:
            errors[key] = f"{label}: {format_date(days[key])} jest w przyszłości."
    if not errors and days["do"] < days["od"]:
        errors["do"] = "Okres do: koniec okresu jest przed jego początkiem."
    if errors:
        raise ValidationError(errors)
    return days["od"], days["do"]
