"""What goes into each document, computed fully before layout (no queries while drawing):
the placeholder values, the tables, the schedule, and whom the document concerns."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from app.casefile.cases import get_case
from app.cases import closing as case_closing
from app.cases import service_card
from app.cases import steps as case_steps
from app.cases.applications import FILED_BY
from app.catalogue import partners
from app.catalogue import services as catalogue
from app.core import plural
from app.core.dates import age_on
from app.core.errors import KoordynatorError, NotFound, ValidationError
from app.core.validation import (
    check_pesel,
    clean_text,
    format_date,
    format_phone,
    parse_date,
    pesel_sex,
)
from app.documents import community_forms, grammar
from app.documents.data import BLANK, HEADERS, DocumentData
from app.people import residents_store
from app.people.residents import Resident, trusted_persons
from app.plans import lifecycle as plan_lifecycle
from app.plans import status as plan_status
from app.plans import store as plans
from app.plans import timetable
from app.plans.status import PlanStatus
from app.settings import store as settings_store
from app.settings.values import retention_years

COMMON = ("cus", "adres_cus", "miejscowosc", "w_miejscowosci", "koordynator", "dyrektor", "data",
          "numer_dokumentu", "iod", "kategoria_archiwalna", "okres_przechowywania", "gmina",
          "okres_monitoringu")
PERSON = ("imie_nazwisko", "pesel", "adres", "telefon", "osoba_dop", "osoba_cel", "osoba_bier")
CASE = ("numer_sprawy", "otwarta", "zamknieta", "kto_kieruje", "zgoda")
PLAN = ("wersja_planu", "stan_planu", "plan_obowiazuje", "plan_od", "plan_do", "przeglad",
        "zobowiazania", "zasady_wspolpracy", "data_uzgodnienia", "zatwierdzil",
        "rola_zatwierdzajacego", "data_zatwierdzenia")
ITEM_HEADERS = ["Usługa / działanie", "Wykonawca / kto", "Gdzie", "Od – do",
                "Częstotliwość, dni, godziny", "Odpłatność", "Stan"]


def common(db: Database) -> dict[str, str]:
    s = settings_store.load(db)
    city = s.cus_city.split(" ", 1)
    return {"cus": s.cus_name or "Centrum Usług Społecznych",
            "adres_cus": ", ".join(p for p in (s.cus_address, s.cus_city) if p)
            or BLANK, "miejscowosc": city[-1] if city and city[-1] else BLANK,
            "koordynator": s.kipus_name or BLANK,
            "dyrektor": s.director_name or BLANK, "data": format_date(date.today()),
            "w_miejscowosci": grammar.in_place(city[-1]) if city and city[-1] else f"w {BLANK}",
            "numer_dokumentu": "", "iod": s.dpo_contact or BLANK,
            "kategoria_archiwalna": s.retention_cases,
            "okres_przechowywania": _retention(s.retention_cases),
            "gmina": s.cus_gminas or s.cus_city or BLANK,
            "okres_monitoringu": plural.months(s.follow_up_months)}


def _retention(category: str) -> str:
    """How long the case file is kept, in words a resident reads (art. 13 ust. 2 lit. a
    RODO asks for the period, not only the archive category)."""
    years = retention_years(category)
    if years is None:
        return ("wieczyście – akta kategorii A przekazuje się do archiwum państwowego")
    if years == 0:
        return "do czasu utraty przydatności praktycznej akt (kategoria Bc)"
    period = plural.count(years, "rok", "lata", "lat")
    if category.strip().upper().startswith("BE"):
        return (f"{period} (kategoria {category}), a następnie do decyzji archiwum "
                "państwowego o ich dalszym przechowaniu albo zniszczeniu")
    return f"{period} (kategoria archiwalna {category})"


def sex_of(r: Resident) -> str | None:
    """Her sex as recorded (from the PESEL or typed), else as her given name tells it: a
    person registered without PESEL is still "Pani Halina", not "Pani/Pana"."""
    return r.sex or grammar.sex_of_first_name(r.first_name)


def _person(db: Database, resident_id: str) -> dict[str, str]:
    r = residents_store.get(db, resident_id)
    first = " ".join(p for p in (r.first_name, r.second_name) if p)
    return {"imie_nazwisko": r.full_name, "pesel": r.pesel or (
        f"brak (dokument: {r.id_document})" if r.id_document else BLANK),
        "adres": r.address or BLANK, "telefon": format_phone(r.phone) or BLANK,
        # "kieruje Panią Krystynę Maciejewską", "zakwalifikowania Pani Krystyny …"
        **{f"osoba_{name}": grammar.person(first, r.surname, sex_of(r), case)
           for name, case in (("dop", "gen"), ("cel", "dat"), ("bier", "acc"))}}


def _case(db: Database, case_id: str) -> dict[str, str]:
    c = get_case(db, case_id)
    return {"numer_sprawy": c.case_number, "otwarta": format_date(c.opened_on),
            "zamknieta": f", zamknięta {format_date(c.closed_on)}" if c.closed_on else "",
            "kto_kieruje": c.referred_by or "—",
            "zgoda": {True: "udzielona", False: "odmowa", None: "nie zapisano"}[c.consent]}


def _items_table(items: list[plans.PlanItem]) -> tuple[list[str], list[list[str]]]:
    return _placed(_item_rows(items))


def _placed(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """The items table, with "Gdzie" only when some item has a place."""
    if any(r[2] != "—" for r in rows):
        return ITEM_HEADERS, rows
    return ITEM_HEADERS[:2] + ITEM_HEADERS[3:], [r[:2] + r[3:] for r in rows]


def _item_rows(items: list[plans.PlanItem]) -> list[list[str]]:
    rows = []
    for i in items:
        when = " –\n".join(format_date(d) for d in (i.start_on, i.end_on) if d)
        timing = ", ".join(p for p in (i.frequency, i.weekdays.replace(",", ", "),
                                       plans.hours_text(i))
                           if p)
        rows.append([i.service_name or i.description, i.partner_name or (
            i.description if i.service_name else "") or "—", i.place or "—", when or "—",
            timing or "—", plans.copayment_text(i.copayment_grosze, i.copayment_note,
                                                "nieodpłatnie"), plans.ITEM_STATUSES[i.status]])
    return rows


_DAY_NAMES = dict(zip(plans.WEEKDAYS, timetable.DAY_NAMES, strict=True))


def _days_in_full(weekdays: str) -> str:
    """"pn,śr" as a provider reads it: "poniedziałek, środa"."""
    return ", ".join(_DAY_NAMES.get(d, d) for d in weekdays.split(",") if d)


def _require(value: str | None, what: str) -> str:
    if not value:
        raise NotFound(f"Ten dokument wymaga identyfikatora: {what} (--id).")
    return value


def build(db: Database, kind: str, record_id: str | None = None,
          extra: dict[str, str] | None = None,
          partner_ids: list[str] | None = None, person_id: str | None = None) -> DocumentData:
    """``partner_ids`` chooses the signatories of an agreement (all active partners if None);
    ``person_id`` the person an upoważnienie names (a close person or household member)."""
    builder = BUILDERS.get(kind)
    if builder is None:
        raise NotFound(f"Nieznany rodzaj dokumentu: {kind}.")
    if record_id is not None and kind in GENERAL:
        raise NotFound("Ten dokument nie dotyczy jednej osoby ani partnera – nie podaje się "
                       "identyfikatora (--id).")
    if person_id is not None and kind != "upowaznienie":
        raise NotFound("Osobę upoważnioną wybiera się tylko w upoważnieniu.")
    if partner_ids is not None and kind != "porozumienie":
        raise NotFound("Sygnatariuszy (partnerów) wybiera się tylko w porozumieniu o "
                       "współpracy.")
    extra = _clean_extra(_only_typed_fields(kind, extra))
    if kind == "upowaznienie":
        data = _upowaznienie(db, record_id, person_id)
    elif kind == "raport-autoewaluacyjny":  # for the period typed (else this year so far)
        data = _raport(db, extra)
        extra = {k: v for k, v in extra.items() if k not in ("od", "do")}
    else:
        data = builder(db, record_id)
    if data.resident_id:
        resident = residents_store.get(db, data.resident_id)
        data.signing, data.sex = resident.signing, sex_of(resident)
        data.large_print = resident.large_print
        data.minor = minor_status(resident.birth_date)
    if kind == "odmowa":
        _decision_or_draft(db, data, extra)
        extra.pop("projekt", None)
    if kind == "pelnomocnictwo":
        _parties_of_power(data, extra)
    if kind == "porozumienie" and partner_ids is not None:
        _agreement_parties(data, _signatories(db, partner_ids))
    data.logo = settings_store.get_logo(db)
    data.fields = {**common(db), **data.fields, **{k: v for k, v in extra.items() if v}}
    return data


def resident_for(db: Database, kind: str, record_id: str | None) -> str | None:
    """Whom a document of ``kind`` about ``record_id`` concerns (None: no one, or unknown)."""
    if kind == "upowaznienie":
        return record_id
    try:
        return BUILDERS[kind](db, record_id).resident_id
    except (KeyError, NotFound, ValidationError):
        return None


# Only what the program cannot know is typed for one document; the person's name, PESEL or
# the partner's name always come from the records, never from a typed field.
TYPED_FIELDS = {"pelnomocnictwo": ("pelnomocnik", "adres_pelnomocnika", "pesel_pelnomocnika",
                                   "wazne_do", "zakres_podpisu", "mocodawca",
                                   "siedziba_mocodawcy", "reprezentant_mocodawcy",
                                   "substytucja"),
                "odmowa": ("projekt", "uzasadnienie_prawne"),
                "raport-autoewaluacyjny": ("od", "do")}


def _only_typed_fields(kind: str, extra: dict[str, str] | None) -> dict[str, str]:
    allowed = TYPED_FIELDS.get(kind, ())
    unknown = sorted(set(extra or {}) - set(allowed))
    if unknown:
        accepted = (", ".join(allowed) if allowed else "żadnych – wszystko pochodzi z danych "
                    "w programie")
        raise ValidationError({"field": f"Tego pola nie można wpisać w ten dokument: "
                                        f"{', '.join(unknown)}. Przyjmowane pola: {accepted}."})
    return dict(extra or {})


EXTRA_LABELS = {"pelnomocnik": "Imię i nazwisko pełnomocnika",
                "adres_pelnomocnika": "Adres pełnomocnika", "pesel_pelnomocnika":
                "PESEL pełnomocnika", "wazne_do": "Ważne do", "zakres_podpisu": "Zakres podpisu",
                "projekt": "Projekt decyzji", "uzasadnienie_prawne": "Uzasadnienie prawne",
                "mocodawca": "Mocodawca (organ lub instytucja udzielająca pełnomocnictwa)",
                "siedziba_mocodawcy": "Siedziba mocodawcy",
                "reprezentant_mocodawcy": "Kto podpisuje za mocodawcę (imię, nazwisko, "
                                          "funkcja)",
                "substytucja": "Dalsze pełnomocnictwa", "od": "Okres od", "do": "Okres do"}
# Art. 106 KC: an attorney may appoint further attorneys only when the power says so.
SUBSTITUTION = {
    "tak": "Pełnomocnik może ustanawiać dalszych pełnomocników (art. 106 Kodeksu cywilnego).",
    "nie": "Pełnomocnik nie może ustanawiać dalszych pełnomocników (art. 106 Kodeksu "
           "cywilnego).",
}
MULTILINE_EXTRA = {"uzasadnienie_prawne"}


# Art. 98–99 KC: a power of attorney says whether it covers signing the agreement itself.
SIGNING_SCOPE = {
    "tak": "Pełnomocnictwo obejmuje także podpisanie umowy lub porozumienia o współpracy.",
    "nie": "Pełnomocnictwo nie obejmuje zawarcia umowy lub porozumienia o współpracy.",
}


def _clean_extra(extra: dict[str, str] | None, today: date | None = None) -> dict[str, str]:
    """What the KIPUS typed for this one document (the power of attorney's person), checked
    the same way from the window and from the command line: one line each, the attorney's
    PESEL valid, "ważne do" a real date not already past, the signing scope tak or nie."""
    clean, errors = {}, {}
    for key, value in (extra or {}).items():
        try:
            clean[key] = clean_text(value, 4000 if key in MULTILINE_EXTRA else 500,
                                    label=EXTRA_LABELS.get(key, key),
                                    multiline=key in MULTILINE_EXTRA)
        except ValueError as exc:
            errors[key] = str(exc)
    if (seat := clean.get("siedziba_mocodawcy")) and any(ch.isdigit() for ch in seat):
        errors["siedziba_mocodawcy"] = ("Siedziba mocodawcy: wpisz samą miejscowość (np. "
                                        "Żabno), bez ulicy i kodu.")
    if (attorney := clean.get("pelnomocnik")) and len(attorney.split()) < 2:
        errors["pelnomocnik"] = "Pełnomocnik: wpisz imię i nazwisko."
    if (pesel := clean.get("pesel_pelnomocnika")) and (msg := check_pesel(pesel)):
        errors["pesel_pelnomocnika"] = f"PESEL pełnomocnika: {msg}"
    if until := clean.get("wazne_do"):
        try:
            day = parse_date(until, "Ważne do")
        except ValueError as exc:
            errors["wazne_do"] = str(exc)
        else:
            if day < (today or date.today()):
                errors["wazne_do"] = f"Ważne do: {format_date(day)} już minęło."
            clean["wazne_do"] = format_date(day)
    if further := clean.get("substytucja"):
        if further.lower() in SUBSTITUTION:
            clean["substytucja"] = SUBSTITUTION[further.lower()]
        elif further not in SUBSTITUTION.values():
            errors["substytucja"] = "Dalsze pełnomocnictwa: wpisz „tak” albo „nie”."
    if scope := clean.get("zakres_podpisu"):
        if scope.lower() in SIGNING_SCOPE:
            clean["zakres_podpisu"] = SIGNING_SCOPE[scope.lower()]
        elif scope not in SIGNING_SCOPE.values():
            errors["zakres_podpisu"] = "Zakres podpisu: wpisz „tak” albo „nie”."
    if clean.get("projekt", "nie").lower() not in ("tak", "nie"):
        errors["projekt"] = "Projekt decyzji: wpisz „tak” albo „nie”."
    if errors:
        raise ValidationError(errors)
    return clean


# a draft is not yet binding and a closed or superseded plan no longer is
_IN_FORCE_VERB = {plan_status.PlanStatus.DRAFT: "ma obowiązywać",
                  plan_status.PlanStatus.AGREED: "obowiązuje",
                  plan_status.PlanStatus.APPROVED: "obowiązuje"}


def _ipus(db: Database, record_id: str | None) -> DocumentData:
    version_id = plans.version_id_for(db, _require(record_id, "plan lub sprawa"))
    row = db.execute("SELECT p.case_id, v.version_no, v.status, v.agreed_on, v.approved_on,"
                     " v.approved_by, v.approver_role FROM plan_versions v JOIN plans p ON"
                     " p.id = v.plan_id WHERE v.id = ?", [version_id]).fetchone()
    if row is None:
        raise NotFound("Nie znaleziono planu o tym identyfikatorze.")
    case_id = row[0]
    case = get_case(db, case_id)
    h = plan_lifecycle.header(db, version_id)
    items = plans.items(db, version_id)
    needs = [n for n in case_steps.needs_of(db, case_id) if not h.need_ids or n.id in h.need_ids]
    fields = {**_person(db, case.resident_id), **_case(db, case_id),
              "wersja_planu": str(row[1]), "stan_planu": plan_status.label(row[2]),
              "plan_obowiazuje": _IN_FORCE_VERB.get(row[2], "obowiązywał"),
              "plan_od": format_date(h.valid_from) or BLANK,
              "plan_do": format_date(h.valid_to) or BLANK,
              "przeglad": format_date(h.review_on) or BLANK,
              "zobowiazania": h.person_commitments or "—",
              "zasady_wspolpracy": h.cooperation_rules or "—",
              "data_uzgodnienia": format_date(row[3]) or BLANK,
              "data_zatwierdzenia": format_date(row[4]) or BLANK,
              "zatwierdzil": row[5] or BLANK, "rola_zatwierdzajacego": row[6] or BLANK}
    tables = {"potrzeby": (HEADERS["ipus:potrzeby"],
                           [[case_steps.NEED_CATEGORIES[n.category], n.description,
                             str(n.priority)] for n in needs]),
              "pozycje": _items_table(items)}
    return DocumentData("ipus", fields, tables, items, (h.valid_from, h.valid_to),
                        resident_id=case.resident_id, case_id=case_id,
                        plan_version_id=version_id)


def _sex_of(pesel: str, full_name: str) -> str | None:
    """A person known only by name and maybe PESEL: the PESEL tells, else the given name."""
    if pesel and check_pesel(pesel) is None:
        return pesel_sex(pesel)
    return grammar.sex_of_first_name(full_name)


def _pelnomocnictwo(db: Database, record_id: str | None) -> DocumentData:
    """Seed 003's framework: the grantor (the body that creates the unit, e.g. the gmina
    for a KIS; the partner itself unless typed) authorises a person to represent the unit
    (the partner). The grantor's declaration: it bears no CUS letterhead."""
    fields = {"instytucja": BLANK, "siedziba": BLANK, "pelnomocnik": BLANK,
              "adres_pelnomocnika": BLANK, "pesel_pelnomocnika": BLANK, "wazne_do": BLANK,
              "zakres_podpisu": "Pełnomocnictwo nie obejmuje zawarcia umowy lub porozumienia "
                                "o współpracy.", "mocodawca": "", "siedziba_mocodawcy": "",
              "reprezentant_mocodawcy": BLANK, "substytucja": SUBSTITUTION["nie"]}
    fields.update(instytucja_dop=BLANK, w_siedzibie=f"w {BLANK}")
    if record_id:
        p = partners.get(db, record_id)
        fields.update(instytucja=p.full_name, siedziba=p.city or BLANK,
                      instytucja_dop=grammar.entity(p.full_name, "gen"),
                      w_siedzibie=grammar.in_place(p.city) if p.city else f"w {BLANK}")
    return DocumentData("pelnomocnictwo", fields, partner_id=record_id)


def minor_status(birth_date: str | None, today: date | None = None) -> str:
    """"dziecko" under 13, "małoletni" from 13 to 17, "" for an adult or an unknown age."""
    if not birth_date:
        return ""
    age = age_on(date.fromisoformat(birth_date), today or date.today())
    return "dziecko" if age < 13 else "małoletni" if age < 18 else ""


def _upowaznienie(db: Database, record_id: str | None,
                  person_id: str | None = None) -> DocumentData:
    record_id = _require(record_id, "mieszkaniec")
    r = residents_store.get(db, record_id)
    if minor_status(r.birth_date) == "dziecko":  # art. 12 KC: no capacity to act at all
        raise KoordynatorError(
            f"{r.full_name} nie ma 13 lat: dziecko nie udziela upoważnienia samo (art. 12 "
            "Kodeksu cywilnego) – w sprawach dziecka działa przedstawiciel ustawowy, rodzic "
            "albo opiekun.")
    candidates = trusted_persons(r)
    if person_id is not None:
        trusted = next((p for p in candidates if p.id == person_id), None)
        if trusted is None:
            raise NotFound("Tej osoby nie ma wśród osób bliskich ani w gospodarstwie "
                           f"domowym osoby {r.full_name}.")
    elif len(candidates) > 1:
        raise KoordynatorError(
            f"{r.full_name} ma kilka osób bliskich – wskaż, kogo upoważnia (w oknie albo "
            "--person ID): " + "; ".join(f"{p.full_name} ({p.relation}, id {p.id})"
                                         for p in candidates) + ".")
    else:
        trusted = next(iter(candidates), None)
    case = next(iter(db.execute("SELECT case_number FROM cases WHERE resident_id = ? AND"
                                " status = 'otwarta' ORDER BY opened_on DESC", [record_id])),
                None)
    # the authorised person is identified by PESEL or an identity document; a household
    # member recorded without either gets a labelled line to fill in by hand
    identity = ", ".join(p for p in (trusted.identity or f"PESEL albo seria i numer "
                                     f"dokumentu tożsamości: {BLANK}", trusted.address and
                                     f"zam. {trusted.address}") if p) if trusted else ""
    fields = {**_person(db, record_id),
              "upowazniony": trusted.full_name if trusted else BLANK,
              "upowazniony_bier": grammar.person_named(
                  trusted.full_name, _sex_of(trusted.pesel, trusted.full_name), "acc")
              if trusted else BLANK,
              "relacja": trusted.relation if trusted else BLANK,
              "dane_upowaznionego": identity or f"PESEL albo seria i numer dokumentu "
                                                f"tożsamości: {BLANK}, zam. {BLANK}",
              "numer_sprawy": case[0] if case else BLANK, "wazne_do": BLANK}
    return DocumentData("upowaznienie", fields, resident_id=record_id)


def agreement_fields(db: Database) -> dict[str, str]:
    s = settings_store.load(db)
    return {"koordynator_porozumienia": s.agreement_coordinator or BLANK,
            "gminy": s.cus_gminas or BLANK}


def _porozumienie(db: Database, record_id: str | None) -> DocumentData:
    data = DocumentData("porozumienie", agreement_fields(db))
    _agreement_parties(data, [partners.get(db, p.id) for p in partners.search(db)])
    return data


def _signatories(db: Database, partner_ids: list[str]) -> list[partners.Partner]:
    """The partners chosen to sign: each once, each active."""
    if len(set(partner_ids)) != len(partner_ids):
        raise ValidationError({"partner": "Ten sam partner wskazany dwa razy – każdy "
                                          "sygnatariusz podpisuje raz."})
    archived = [pid for pid in partner_ids if db.execute(
        "SELECT 1 FROM partners WHERE id = ? AND archived_at IS NOT NULL", [pid]).fetchone()]
    if archived:
        raise ValidationError({"partner": "Partner przeniesiony do archiwum nie podpisuje "
                                          f"porozumienia: {', '.join(archived)}."})
    return [partners.get(db, pid) for pid in partner_ids]


# a name and an address each get room to wrap between words, as does "(imię, …, funkcja)"
PARTY_SHARES = (0.05, 0.28, 0.22, 0.17, 0.28)


def _agreement_parties(data: DocumentData, parties: list[partners.Partner]) -> None:
    """Who signs, identified as a contract identifies a party (address, NIP/REGON/KRS),
    with who represents it and in what function left to be written in; one copy each."""
    rows = [[str(n), p.full_name, p.address or BLANK,
             # one a line, the number free to go under its label in a narrow column
             "\n".join(f"{label}: {value}" for label, value in (("NIP", p.nip),
                                                                ("REGON", p.regon),
                                                                ("KRS", p.krs)) if value)
             or BLANK, f"{BLANK}\n(imię, nazwisko, funkcja)"]
            for n, p in enumerate(parties, 1)]
    data.signatories = [p.full_name for p in parties] or [BLANK, BLANK, BLANK]
    data.widths["strony"] = PARTY_SHARES
    data.tables["strony"] = (HEADERS["porozumienie:strony"],
                             rows or [["1", BLANK, BLANK, BLANK, BLANK]])
    data.fields["liczba_egzemplarzy"] = str(max(len(parties), 1))


def _resident_only(kind: str):
    def build_it(db: Database, record_id: str | None) -> DocumentData:
        fields = _person(db, record_id) if record_id else dict.fromkeys(PERSON, BLANK)
        return DocumentData(kind, fields, resident_id=record_id)
    return build_it


def _odmowa(db: Database, record_id: str | None) -> DocumentData:
    """The refusal as an administrative decision (art. 107 § 1 and § 3 KPA): the organ and
    the authorisation its signatory acts under, the party, the legal basis with the
    programme's resolution, the decision, its reasons of fact and of law, the appeal to the
    SKO named in the settings, the signature with name and position."""
    record_id = _require(record_id, "wniosek")
    row = db.execute("SELECT a.resident_id, a.filed_on, a.filed_by_kind, a.filed_by_name,"
                     " a.refusal_reason, COALESCE(a.programme_id, c.programme_id), a.request,"
                     " a.decided_on, a.status FROM applications a LEFT JOIN cases c ON"
                     " c.application_id = a.id WHERE a.id = ?", [record_id]).fetchone()
    if row is None:
        raise NotFound("Nie znaleziono wniosku o tym identyfikatorze.")
    if row[8] != "odmowa":  # a decision refuses only what was refused
        raise ValidationError({"id": "Decyzję o odmowie wystawia się do wniosku, którego "
                                     "odmówiono (najpierw zapisz odmowę z jej powodem)."})
    programme = db.execute("SELECT name, resolution_number, resolution_date FROM programmes"
                           " WHERE id = ?", [row[5]]).fetchone()
    if row[5] is None:  # the programme the application could have been qualified for
        programme = db.execute("SELECT name, resolution_number, resolution_date FROM"
                               " programmes WHERE archived_at IS NULL ORDER BY"
                               " resolution_date DESC LIMIT 1").fetchone()
    # who filed, named: "opiekun faktyczny – Anna Nowak", not the kind alone
    filer = (f"osoba zainteresowana – {_name(db, row[0])}" if row[2] == "osoba"
             else f"{FILED_BY[row[2]]} – {row[3]}" if row[3] else FILED_BY[row[2]])
    resolution = (f"uchwały nr {programme[1]}" + (f" z dnia {format_date(programme[2])}"
                                                   if programme[2] else "")
                  + f" w sprawie przyjęcia programu usług społecznych „{programme[0]}”"
                  if programme and programme[1] else "programu usług społecznych gminy")
    number = db.execute("SELECT case_number FROM applications WHERE id = ?",
                        [record_id]).fetchone()[0]
    fields = {**_person(db, row[0]), "data_wniosku": format_date(row[1]),
              # the proceedings' own znak sprawy: given when the decision is first issued
              "znak_sprawy": number or BLANK,
              "wnioskodawca": filer, "uzasadnienie": row[4] or BLANK,
              "o_co_wnosi": row[6] or BLANK,
              "data_decyzji": format_date(row[7]) or format_date(date.today()),
              "program": f"„{programme[0]}”" if programme else "usług społecznych gminy",
              "uchwala": resolution, **decision_fields(db)}
    fields["uzasadnienie_prawne"] = (
        f"Usługi społeczne, o które wniesiono, są świadczone w ramach programu usług "
        f"społecznych przyjętego na podstawie {resolution}, w jego granicach i w kolejności "
        f"złożenia wniosków. Wobec ustaleń opisanych wyżej, na podstawie "
        f"{fields['podstawa_cus']} ustawy o realizowaniu usług społecznych przez centrum "
        f"usług społecznych, orzeczono jak w sentencji.")
    return DocumentData("odmowa", fields, resident_id=row[0], application_id=record_id)


def decision_fields(db: Database) -> dict[str, str]:
    """What every decision of the centre names from the settings: the organ, the
    authorisation, the signatory's position, the SKO for appeals, the provision relied on."""
    s = settings_store.load(db)
    return {"organ": s.decision_organ or BLANK, "z_upowaznienia": s.decision_authority or BLANK,
            "stanowisko_decyzji": s.decision_signatory_title or BLANK,
            "sko": _appeal_body(s.sko_name),
            "podstawa_cus": s.refusal_legal_basis or BLANK, "tytul_decyzji": "DECYZJA"}


def _appeal_body(name: str) -> str:
    """"odwołanie do Samorządowego Kolegium Odwoławczego w Tarnowie": the SKO's name in the
    genitive, also when only its seat was typed ("w Tarnowie")."""
    if not name:
        return f"Samorządowego Kolegium Odwoławczego {BLANK}"
    if "kolegium" not in name.lower():
        return f"Samorządowego Kolegium Odwoławczego {name}"
    return grammar.entity(name, "gen")


# A final decision names these; without them only a draft (projekt) can be printed.
DECISION_SETTINGS = ("decision_organ", "decision_authority", "decision_signatory_title",
                     "sko_name", "refusal_legal_basis", "director_name")


def _parties_of_power(data: DocumentData, extra: dict[str, str]) -> None:
    """The grantor as typed (or the partner itself), declined where the sentence needs it,
    and the attorney named in the accusative, with her or his sex read from the given name."""
    f = {**data.fields, **{k: v for k, v in extra.items() if v}}
    grantor = f["mocodawca"] or f["instytucja"]
    seat = f["siedziba_mocodawcy"] or (f["siedziba"] if not f["mocodawca"] else "")
    attorney = f["pelnomocnik"]
    if attorney in ("", BLANK):  # a numbered power of attorney that empowers no one
        raise ValidationError({"pelnomocnik": "Pełnomocnictwo: wpisz imię i nazwisko "
                                              "pełnomocnika – bez niego dokument nikogo nie "
                                              "upoważnia. Do wypełnienia odręcznie wydrukuj "
                                              "pusty formularz (bez numeru)."})
    data.sex = grammar.sex_of_first_name(attorney)
    data.fields.update(
        mocodawca=grantor,
        mocodawca_dop=grammar.entity(grantor, "gen") if grantor != BLANK else BLANK,
        siedziba_mocodawcy=seat or BLANK,
        w_siedzibie_mocodawcy=grammar.in_place(seat) if seat and seat != BLANK
        else f"w {BLANK}",
        pelnomocnik_bier=grammar.person_named(attorney, data.sex, "acc"))


def _decision_or_draft(db: Database, data: DocumentData, extra: dict[str, str]) -> None:
    """"Projekt" only when the KIPUS asks for a draft; a final decision is refused, naming
    what the settings still lack, rather than printed with an empty organ or SKO."""
    if extra.get("projekt", "").lower() == "tak":
        data.fields["tytul_decyzji"] = "PROJEKT DECYZJI"
        return
    s = settings_store.load(db).as_texts()
    missing = [settings_store.LABELS[k] for k in DECISION_SETTINGS if not s.get(k, "").strip()]
    errors = {}
    if missing:
        errors["settings"] = (
            "Decyzji nie można jeszcze wystawić: w ustawieniach centrum brakuje – "
            + "; ".join(missing) + ". Uzupełnij je (Plik → Ustawienia centrum) albo wystaw "
            "projekt decyzji.")
    # art. 107 § 3 KPA: the law explained against the facts of this case, not a stock text
    reasons = extra.get("uzasadnienie_prawne", "")
    if sum(ch.isalpha() for ch in reasons) < 20:  # "." is no reasoning
        errors["uzasadnienie_prawne"] = (
            "Uzasadnienie prawne: wpisz, dlaczego w świetle przepisów i programu ustalenia tej "
            "sprawy prowadzą do odmowy (art. 107 § 3 KPA). Bez niego można wystawić tylko "
            "projekt decyzji.")
    if errors:
        raise ValidationError(errors)


_FEMALE_STATUS = {"panna", "zamężna", "mężatka", "wdowa", "rozwiedziona", "separowana"}


def _by_sex_if_paired(value: str, sex: str | None) -> str:
    """"panna/kawaler", "żonaty/zamężna" as the person is: "panna" for a woman; anything
    else (or an unknown sex) as written."""
    parts = [p.strip() for p in value.split("/")]
    if len(parts) != 2 or sex not in ("K", "M"):
        return value
    female = [p for p in parts if p.casefold() in _FEMALE_STATUS]
    if len(female) != 1:
        return value
    male = parts[1 - parts.index(female[0])]
    return grammar.by_sex(sex, female[0], male)


def _name(db: Database, resident_id: str) -> str:
    return residents_store.get(db, resident_id).full_name


def _karta(db: Database, record_id: str | None) -> DocumentData:
    record_id = _require(record_id, "sprawa")
    card = service_card.build(db, record_id)
    case = get_case(db, record_id)
    fields = {**_person(db, case.resident_id), **_case(db, record_id)}
    sex = sex_of(residents_store.get(db, case.resident_id))
    general = [[case_steps.GENERAL_FIELDS[k], _by_sex_if_paired(v, sex)]
               for k, v in card.general.items() if v]
    entries = [[format_date(e.on), str(e.step), e.title, e.text] for e in card.entries]
    # seed 001: the card is signed by the person and by those who gave support
    providers = [r[0] for r in db.execute(
        "SELECT DISTINCT pa.full_name FROM plan_items i JOIN plan_versions v ON"
        " v.id = i.plan_version_id JOIN plans p ON p.id = v.plan_id JOIN partners pa ON"
        " pa.id = i.partner_id WHERE p.case_id = ? AND i.archived_at IS NULL ORDER BY"
        " pa.sort_key", [record_id])]
    return DocumentData("karta", fields, {"ogolna": (["Pole", "Wpis"], general or [["—", "—"]]),
                                          "wpisy": (HEADERS["karta:wpisy"],
                                                    entries)},
                        signatories=providers,
                        resident_id=case.resident_id, case_id=record_id)


def _fiszka(db: Database, record_id: str | None) -> DocumentData:
    p = partners.get(db, record_id) if record_id else partners.Partner()
    yes = {True: "tak", False: "nie"}
    rows = [["Pełna nazwa", p.full_name or BLANK],
            ["Dane kontaktowe", ", ".join(x for x in (p.address, p.phone, p.email) if x)
             or BLANK],
            ["NIP / REGON / KRS", " / ".join(x or "—" for x in (p.nip, p.regon, p.krs))],
            ["Osoba realizująca usługi", p.delivering_person or BLANK]]
    rows += [[label.capitalize(), yes[bool(getattr(p, key))] if record_id else "tak / nie"]
             for key, label in partners.FLAGS.items()]
    rows += [["Zasoby: kadra", p.resources_staff or BLANK],
             ["Zasoby: infrastruktura", p.resources_infrastructure or BLANK],
             ["Profil działalności", p.activity_profile or BLANK],
             ["Przynależność organizacyjna", p.affiliation or BLANK],
             ["Inne", p.other_info or BLANK],
             ["Uzasadnienie roli partnera", p.role_justification or BLANK]]
    names = {s.id: s.name for s in catalogue.services(db)}
    services = [[names.get(s.service_id, "—"), str(s.capacity or "—"), s.place or "—"]
                for s in p.services]
    acts = [[format_date(d), t] for d, t in partners.actions(db, record_id)] if record_id else []
    return DocumentData("fiszka", {"nazwa_partnera": p.full_name or BLANK},
                        {"fiszka": (["", ""], rows),
                         "uslugi_partnera": (HEADERS["fiszka:uslugi_partnera"],
                                             services or [[BLANK, "", ""]]),
                         "dzialania_partnera": (HEADERS["fiszka:dzialania_partnera"],
                                                acts or [[BLANK, BLANK]])},
                        partner_id=record_id)


def _rozmowa(db: Database, record_id: str | None) -> DocumentData:
    record_id = _require(record_id, "sprawa")
    case = get_case(db, record_id)
    talk = case_closing.summary_of(db, record_id)
    follow = db.execute("SELECT due_on FROM follow_ups WHERE case_id = ?",
                        [record_id]).fetchone()
    version = plans.current_version(db, record_id)
    h = plan_lifecycle.header(db, version.id) if version else plan_lifecycle.PlanHeader()
    fields = {**_person(db, case.resident_id), **_case(db, record_id),
              "data_rozmowy": format_date(talk[0]) if talk else BLANK,
              "przebieg": talk[1] if talk else BLANK,
              "plan_od": format_date(h.valid_from) or BLANK,
              "plan_do": format_date(h.valid_to) or BLANK,
              "zamknieta_dnia": format_date(case.closed_on) or BLANK,
              "powod_zamkniecia": case.close_reason or BLANK,
              "monitoring_po": format_date(follow[0]) if follow else BLANK}
    return DocumentData("rozmowa", fields, {"pozycje": _all_versions_table(db, record_id)},
                        resident_id=case.resident_id, case_id=record_id)


def _all_versions_table(db: Database, case_id: str) -> tuple[list[str], list[list[str]]]:
    """The services of every version of the plan, not only the last: a provider replaced at
    an update was still part of what the person received. A row the same in several
    versions is shown once, naming them ("wersje 1, 2"), with its status in the last of
    them; a row no later version carries on was replaced ("zastąpiona"), unless it ended."""
    seen: dict[tuple[str, ...], tuple[list[int], str]] = {}
    for version in plans.versions(db, case_id):
        replaced = version.status == PlanStatus.SUPERSEDED
        for row in _item_rows(plans.items(db, version.id)):
            status = row[-1]
            if replaced and status not in _ENDED:
                status = "zastąpiona"
            numbers = seen.get(tuple(row[:-1]), ([], ""))[0]
            seen[tuple(row[:-1])] = ([*numbers, version.version_no], status)
    rows = []
    for cells, (numbers, status) in seen.items():
        which = ("wersja " if len(numbers) == 1 else "wersje ") + ", ".join(map(str, numbers))
        rows.append([f"{cells[0]} ({which})", *cells[1:], status])
    return _placed(rows)


_ENDED = {plans.ITEM_STATUSES[s] for s in ("zakonczona", "anulowana")}


def _skierowanie(db: Database, record_id: str | None) -> DocumentData:
    record_id = _require(record_id, "pozycja planu")
    row = db.execute("SELECT p.case_id, i.partner_id, i.plan_version_id, i.archived_at,"
                     " v.status, i.kind FROM plan_items i JOIN plan_versions v ON"
                     " v.id = i.plan_version_id JOIN plans p ON p.id = v.plan_id WHERE"
                     " i.id = ?", [record_id]).fetchone()
    if row is None:
        raise NotFound("Nie znaleziono pozycji planu o tym identyfikatorze.")
    # a referral sends the person to a provider under the plan in force, for a service
    if row[4] in (PlanStatus.DRAFT, PlanStatus.AGREED):
        raise ValidationError({"id": "Skierowanie wystawia się do planu zatwierdzonego – ten "
                                     "plan jest jeszcze projektem albo czeka na zatwierdzenie."})
    if row[3] or row[4] in (PlanStatus.SUPERSEDED, PlanStatus.CLOSED):
        raise ValidationError({"id": "Tej pozycji nie ma już w obowiązującym planie (usunięta, "
                                     "zastąpiona aktualizacją albo plan zamknięto) – "
                                     "skierowanie wystawia się do pozycji obecnego planu."})
    if row[5] != "usluga" or not row[1]:
        raise ValidationError({"id": "Skierowanie wystawia się do usługi z wybranym "
                                     "wykonawcą – wskaż wykonawcę w planie (krok 4)."})
    case = get_case(db, row[0])
    item = next((i for i in plans.items(db, row[2]) if i.id == record_id), plans.PlanItem())
    ends = item.end_on or plan_lifecycle.header(db, row[2]).valid_to
    if ends and str(ends) < date.today().isoformat():  # no one is sent to what is over
        raise ValidationError({"id": f"Ta usługa w planie trwała do {format_date(ends)}: na "
                                     "zakończoną usługę się nie kieruje. Jeśli ma trwać dalej, "
                                     "zaktualizuj plan (krok 4)."})
    partner = partners.get(db, row[1]) if row[1] else None
    fields = {**_person(db, case.resident_id), "numer_sprawy": case.case_number,
              "wykonawca": partner.full_name if partner else BLANK,
              "adres_wykonawcy": (partner.address or BLANK) if partner else BLANK,
              "usluga": item.service_name or item.description or BLANK,
              "czestotliwosc": item.frequency or BLANK,
              "dni_godziny": " ".join(p for p in (_days_in_full(item.weekdays),
                                                  plans.hours_text(item)) if p)
              or "do uzgodnienia z osobą", "od": format_date(item.start_on)
              or BLANK, "do": format_date(item.end_on) or BLANK,
              "miejsce": item.place or "u wykonawcy",
              "odplatnosc": plans.copayment_text(item.copayment_grosze, item.copayment_note,
                                                 "nieodpłatnie"),
              "kontakt_koordynatora": settings_store.load(db).kipus_contact
              or f"tel. {BLANK}"}
    return DocumentData("skierowanie", fields, resident_id=case.resident_id, case_id=row[0],
                        partner_id=row[1])


def _community(name: str):
    def build_it(db: Database, record_id: str | None) -> DocumentData:
        return getattr(community_forms, name)(db)
    return build_it


def _raport(db: Database, extra: dict[str, str]) -> DocumentData:
    return community_forms.self_evaluation(db, *community_forms.report_period(extra))


BUILDERS = {
    "ipus": _ipus, "pelnomocnictwo": _pelnomocnictwo, "upowaznienie": _upowaznienie,
    "porozumienie": _porozumienie, "zgoda": _resident_only("zgoda"),
    "klauzula": _resident_only("klauzula"), "odmowa": _odmowa, "karta": _karta,
    "fiszka": _fiszka, "rozmowa": _rozmowa, "skierowanie": _skierowanie,
    "diagnoza-potrzeb": _community("needs_diagnosis"),
    "diagnoza-terytorium": _community("territory_diagnosis"),
    "raport-autoewaluacyjny": lambda db, record_id: _raport(db, {}),
}


# What each kind knows, for the wording editor (placeholders and tables it may use).
_CASE_PERSON = set(PERSON) | set(CASE)
FIELDS: dict[str, set[str]] = {k: set(COMMON) | v for k, v in {
    "ipus": _CASE_PERSON | set(PLAN),
    "pelnomocnictwo": {"instytucja", "instytucja_dop", "siedziba", "w_siedzibie", "pelnomocnik",
                       "adres_pelnomocnika", "pesel_pelnomocnika", "wazne_do",
                       "zakres_podpisu", "pelnomocnik_bier", "mocodawca", "mocodawca_dop",
                       "siedziba_mocodawcy", "w_siedzibie_mocodawcy",
                       "reprezentant_mocodawcy", "substytucja"},
    "upowaznienie": set(PERSON) | {"upowazniony", "upowazniony_bier", "relacja",
                                   "dane_upowaznionego",
                                   "numer_sprawy", "wazne_do"},
    "porozumienie": {"koordynator_porozumienia", "gminy", "liczba_egzemplarzy"},
    "zgoda": set(PERSON), "klauzula": set(PERSON),
    "odmowa": set(PERSON) | {"data_wniosku", "wnioskodawca", "uzasadnienie", "program",
                             "o_co_wnosi", "data_decyzji", "uchwala", "organ",
                             "z_upowaznienia", "stanowisko_decyzji", "sko", "podstawa_cus",
                             "tytul_decyzji", "uzasadnienie_prawne", "znak_sprawy"},
    "karta": _CASE_PERSON,
    "fiszka": {"nazwa_partnera"},
    "rozmowa": _CASE_PERSON | {"data_rozmowy", "przebieg", "plan_od", "plan_do",
                               "zamknieta_dnia", "powod_zamkniecia", "monitoring_po"},
    "skierowanie": set(PERSON) | {"numer_sprawy", "kontakt_koordynatora", "wykonawca",
                                  "adres_wykonawcy", "usluga",
                                  "czestotliwosc", "dni_godziny", "od", "do", "miejsce",
                                  "odplatnosc"},
    "diagnoza-potrzeb": {"stan_na"}, "diagnoza-terytorium": {"stan_na"},
    "raport-autoewaluacyjny": {"okres", "liczba_partnerow"},
}.items()}
TABLES = {"ipus": ("potrzeby", "pozycje"), "karta": ("ogolna", "wpisy"),
          "fiszka": ("fiszka", "uslugi_partnera", "dzialania_partnera"),
          "rozmowa": ("pozycje",), "diagnoza-potrzeb": ("diagnoza",),
          "diagnoza-terytorium": ("rozpoznanie",),
          "raport-autoewaluacyjny": ("dzialania_partnerstwa",), "porozumienie": ("strony",)}
# Where a document about one person, case or partner is issued (with the record chosen);
# without it, it prints only as a blank form, never as a numbered document naming no one.
ISSUED_FROM = {"ipus": "sprawa, krok 4 – plan", "upowaznienie": "„Dokumenty osoby…” w rejestrze",
               "odmowa": "„Wnioski i sprawy…” mieszkańca", "karta": "sprawa",
               "rozmowa": "sprawa, krok 9", "skierowanie": "sprawa, krok 4 lub 5 – pozycja planu",
               "zgoda": "„Dokumenty osoby…” w rejestrze albo sprawa",
               "klauzula": "„Dokumenty osoby…” w rejestrze albo sprawa",
               "pelnomocnictwo": "partner w katalogu", "fiszka": "partner w katalogu"}
NEEDS_ID = dict.fromkeys(ISSUED_FROM, True)
GENERAL = {"porozumienie", "diagnoza-potrzeb", "diagnoza-terytorium", "raport-autoewaluacyjny"}
