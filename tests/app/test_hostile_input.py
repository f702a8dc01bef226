"""Hostile input through every save function of the domain (issue 9, point 10).

Full-width digits, lone surrogates, bidi overrides, zero-width characters, newlines and tabs
in one-line fields, control characters, huge numbers and impossible dates are pushed through
each save: the only way out is a Polish error of the project (``KoordynatorError``), and
nothing invalid is ever stored (read back with SQL written here, not with the app's code).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cases import applications
from app.cases import closing as case_closing
from app.cases import steps as case_steps
from app.catalogue import partners, programmes
from app.catalogue import services as catalogue
from app.core import validation as v
from app.core.errors import KoordynatorError
from app.people import residents_store as store
from app.people.residents import HouseholdMember, Resident
from app.plans import lifecycle as plan_lifecycle
from app.plans import store as plans
from app.privacy import rodo
from app.settings import store as settings_store
from app.settings.values import SPECS, Settings
from tests.conftest import TODAY, person

D = date(2026, 9, 1)
SPECIAL = ["\ud800", "\udfff", "\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200d",
           "\u2060", "\ufeff", "\n", "\t", "\r", "\x00", "\x1b", "\x7f", "\x85", "\u2028",
           "\ue000", "\u00ad"]
NASTY = ["99999999999999999999", "-99999999999999999999 zł", "-5", "1e308", "31.02.2026",
         "29.02.2025", "00.13.2026", "01.13.2026", "01.01.0000", "0000-01-01", "1745-03-01",
         "01.01.1745", "9999-12-31", "x" * 10_000, "", " ", "٣٤", "①", "²", "፩", "NaN",
         "１２:３０", "25:61", "pn,xx", "\u202eKowalski", "Nowak\u200b", "Jan\nKowalski"]
HOSTILE_EXAMPLES = settings(max_examples=40, deadline=None, database=None,
                            suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                   HealthCheck.too_slow])


def fullwidth(text: str) -> str:
    """ASCII as full-width forms (U+FF01…): what a Japanese input method or a PDF gives."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _spliced(base: str, where: int, junk: str) -> str:
    i = where % (len(base) + 1)
    return base[:i] + junk + base[i:]


def hostile(*bases: str) -> st.SearchStrategy[str]:
    """Valid values (so that the other fields are examined too) and their hostile twins."""
    return st.one_of(
        st.sampled_from(bases),
        st.builds(_spliced, st.sampled_from(bases), st.integers(0, 40), st.sampled_from(SPECIAL)),
        st.sampled_from(bases).map(fullwidth),
        st.sampled_from(NASTY),
        st.text(st.sampled_from(SPECIAL + list("aąż09 -.,:") + list(fullwidth("0129-"))),
                max_size=12),
    )


def one_spoilt(valid: dict[str, tuple[str, ...]]) -> st.SearchStrategy[dict[str, str]]:
    """Every field valid but one, which is hostile: a refusal then has a single cause, so a
    hostile value cannot hide behind another field's error."""
    def spoil(name: str) -> st.SearchStrategy[dict[str, str]]:
        return st.fixed_dictionaries({key: hostile(*bases) if key == name else
                                      st.sampled_from(bases) for key, bases in valid.items()})

    return st.sampled_from(sorted(valid)).flatmap(spoil)


HUGE = st.one_of(st.none(), st.integers(-3, 30), st.sampled_from(
    [10**20, -(10**20), 2**63, 2**31, 10_001, 99_999_999]))
ANY_DATE = st.one_of(st.dates(), st.sampled_from([date(1, 1, 1), date(1745, 3, 1),
                                                  date(9999, 12, 31)]))
SANE_OR_ANY_DATE = st.one_of(st.dates(D, TODAY), ANY_DATE)


# --- what may be stored --------------------------------------------------------------------------
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e"
                       "\u2028\u2029\u2060-\u206f\ufeff\ud800-\udfff\ue000-\uf8ff]")
NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
ONE_LINE = {
    "residents": {"surname", "first_name", "second_name", "pesel", "id_document", "phone",
                  "email", "street", "house_no", "flat_no", "postal_code", "city",
                  "post_office", "gmina", "archive_reason"},
    "household_members": {"surname", "first_name", "relation"},
    "partners": {"full_name", "nip", "regon", "krs", "street", "postal_code", "city", "phone",
                 "email", "website", "delivering_person", "affiliation", "other_info"},
    "partner_services": {"place"},
    "plan_items": {"place", "frequency", "weekdays", "time_from", "time_to", "copayment_note"},
    "plan_versions": {"approved_by", "approver_role"},
    "services": {"name", "occupation_codes"},
    "programmes": {"name", "resolution_number"},
    "applications": {"filed_by_name", "transferred_to"},
    "cases": {"referred_by"},
    "referrals": {"contacted_person"},
    "specialist_opinions": {"specialist_name", "role"},
    "card_general": set(case_steps.GENERAL_FIELDS),
    "case_events": {"result"},
    "settings": {"value"},
}
BOUNDS = {("partners", "capacity"): (0, 10_000), ("partner_services", "capacity"): (0, 10_000),
          ("plan_items", "copayment_grosze"): (0, 10_000_000), ("needs", "priority"): (1, 3)}
DATE_COLUMN = re.compile(r"(_on|_date|^valid_from|^valid_to)$")


def invalid_rows(db) -> list[str]:
    """Everything stored that cannot be right, as readable lines (empty when all is well)."""
    found = []
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE"
                                       " 'residents_fts%'")]
    for table in tables:
        cur = db.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        for row in cur:
            for name, value in zip(names, row, strict=True):
                where = f"{table}.{name} = {value!r:.60}"
                if isinstance(value, str):
                    if FORBIDDEN.search(value) and name != "sort_key":  # \x01 separates keys
                        found.append(f"forbidden character: {where}")
                    if name in ONE_LINE.get(table, ()) and ("\n" in value or "\t" in value):
                        found.append(f"line break or tab in a one-line field: {where}")
                    if name in ONE_LINE.get(table, ()) and NON_ASCII_DIGIT.search(value):
                        found.append(f"digits of another script: {where}")
                    if DATE_COLUMN.search(name) and not (
                            re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
                            and "1900-01-01" <= value <= "2100-12-31"):
                        found.append(f"date out of range: {where}")
                if isinstance(value, int) and (table, name) in BOUNDS:
                    low, high = BOUNDS[table, name]
                    if not low <= value <= high:
                        found.append(f"number out of bounds: {where}")
    for pesel, postal, born in db.execute("SELECT pesel, postal_code, birth_date FROM residents"):
        if pesel is not None and not re.fullmatch(r"[0-9]{11}", pesel):
            found.append(f"PESEL {pesel!r}")
        if postal is not None and not re.fullmatch(r"[0-9]{2}-[0-9]{3}", postal):
            found.append(f"postal code {postal!r}")
        if born is not None and not "1900-01-01" <= born <= TODAY.isoformat():
            found.append(f"birth date {born!r}")
    for (born,) in db.execute("SELECT birth_date FROM household_members WHERE birth_date IS"
                              " NOT NULL"):
        if not "1900-01-01" <= born <= TODAY.isoformat():
            found.append(f"household member's birth date {born!r}")
    return found


ENGLISH = {"invalid", "literal", "range", "must", "month", "year", "day", "codec", "encode",
           "surrogates", "overflow", "too", "large", "int", "base", "argument", "expected",
           "object", "none", "type", "error"}


def assert_polish(message: str) -> None:
    assert message.strip(), "an error without a message"
    words = set(re.findall(r"[a-z]+", message.lower()))
    assert not words & ENGLISH, f"English reaches the KIPUS: {message!r}"


def attempt(call) -> bool:
    """True when stored; False when refused in Polish. Anything else fails the test."""
    try:
        call()
    except KoordynatorError as exc:
        assert_polish(str(exc))
        for message in getattr(exc, "errors", {}).values():
            assert_polish(message)
        return False
    return True


# --- the world the saves work in ----------------------------------------------------------------
@dataclass
class World:
    resident_id: str
    case_id: str
    partner_id: str
    service_id: str


@pytest.fixture
def world(db) -> World:
    r = store.add(db, person(), TODAY)
    app_id = applications.file_application(db, r.id, D, "osoba", "osobiscie", "Pomoc w domu",
                                           today=TODAY)
    case_id = applications.qualify(db, app_id, D + timedelta(days=1), today=TODAY)
    case_steps.save_contact(db, case_id, D + timedelta(days=2), "wlasny_wniosek", "",
                            "Pomoc w domu", True, D + timedelta(days=2), today=TODAY)
    partner_id = partners.save(db, partners.Partner(full_name="GOPS Żabno",
                                                    partner_type="jednostka_gminy"))
    service_id = catalogue.services(db, words="posilkow")[0].id
    assert invalid_rows(db) == []
    return World(r.id, case_id, partner_id, service_id)


RESIDENT = {
    "surname": ("Żółkiewska", "O'Brien", "Nowak-Kowalska"),
    "first_name": ("Łucja", "Anna Maria"),
    "second_name": ("", "Zofia"),
    "pesel": ("", "02270886201", "44051401359"),
    "id_document": ("ABC123456",),
    "birth_date": ("05.03.1950", "1950-03-05"),
    "phone": ("600 123 456", "+48 600123456", ""),
    "email": ("a@b.pl", ""),
    "street": ("Źródlana", ""),
    "house_no": ("5", "12a"),
    "flat_no": ("", "3"),
    "postal_code": ("83-221", ""),
    "city": ("Żabno", "Dąbrówka"),
    "post_office": ("", "Skarszewy"),
    "gmina": ("", "Skarszewy"),
    "notes": ("Uwagi\nw dwóch liniach", "", "Alergia na orzechy"),
}
MEMBER = {
    "surname": ("Nowak",), "first_name": ("Jan",), "relation": ("dziecko", "współmałżonek"),
    "birth_date": ("01.02.2010", "2010-02-01", ""), "notes": ("", "chodzi do szkoły"),
}


def _resident(fields: dict[str, str], member: dict[str, str] | None = None) -> Resident:
    household = [HouseholdMember(**{**member, "birth_date": member["birth_date"] or None})
                 ] if member else []
    return Resident(**{**fields, "birth_date": fields["birth_date"] or None},
                    household=household)


@HOSTILE_EXAMPLES
@given(fields=one_spoilt(RESIDENT))
def test_resident_add_stores_nothing_invalid(db, fields):
    attempt(lambda: store.add(db, _resident(fields), TODAY))
    assert invalid_rows(db) == []


@HOSTILE_EXAMPLES
@given(member=one_spoilt(MEMBER))
def test_household_member_stores_nothing_invalid(db, member):
    fields = {name: bases[0] for name, bases in RESIDENT.items()}
    attempt(lambda: store.add(db, _resident({**fields, "pesel": ""}, member), TODAY))
    assert invalid_rows(db) == []


@HOSTILE_EXAMPLES
@given(fields=one_spoilt(RESIDENT), reason=hostile("przeprowadzka", ""))
def test_resident_update_and_archive_store_nothing_invalid(db, world, fields, reason):
    current = store.get(db, world.resident_id)
    for name, value in fields.items():
        setattr(current, name, value or (None if name == "birth_date" else ""))
    attempt(lambda: store.update(db, current, TODAY))
    assert invalid_rows(db) == []
    if attempt(lambda: store.archive(db, world.resident_id, reason)):
        store.restore(db, world.resident_id)
    attempt(lambda: rodo.set_restriction(db, world.resident_id, False, reason))
    assert invalid_rows(db) == []


PARTNER = {
    "full_name": ("Spółdzielnia Socjalna „Żabka”", "GOPS"),
    "nip": ("526-104-08-28", ""), "regon": ("192598184", ""), "krs": ("0000012345", ""),
    "street": ("Długa 5", ""), "postal_code": ("83-221", ""), "city": ("Żabno", ""),
    "phone": ("600 123 456", ""), "email": ("biuro@zabka.pl", ""),
    "website": ("https://zabka.pl", ""), "delivering_person": ("Jadwiga Łęcka",),
    "resources_staff": ("2 kucharki\n1 kierowca", ""), "role_justification": ("Dowozi", ""),
    "place": ("kuchnia w Żabnie", ""),
}


@HOSTILE_EXAMPLES
@given(fields=one_spoilt(PARTNER), capacity=st.one_of(st.integers(0, 50), HUGE),
       places=st.one_of(st.integers(0, 50), HUGE))
def test_partner_save_stores_nothing_invalid(db, world, fields, capacity, places):
    place = fields.pop("place")
    p = partners.Partner(**fields, partner_type="pes", capacity=capacity,
                         services=[partners.PartnerService(world.service_id, places, place)])
    attempt(lambda: partners.save(db, p))
    assert invalid_rows(db) == []


@HOSTILE_EXAMPLES
@given(when=st.one_of(st.none(), hostile("2026-05-10", "10.05.2026"), ANY_DATE),
       text=hostile("Festyn rodzinny – catering"))
def test_partner_action_stores_nothing_invalid(db, world, when, text):
    attempt(lambda: partners.add_action(db, world.partner_id, when, text))
    assert invalid_rows(db) == []


ITEM = {
    "description": ("Sąsiad pomaga w zakupach",), "place": ("", "w domu"),
    "frequency": ("2 × w tyg.", ""), "start_on": ("2026-12-01", "01.12.2026", ""),
    "end_on": ("2027-05-31", ""), "weekdays": ("pn,śr", ""), "time_from": ("09:00", ""),
    "time_to": ("10:30", ""), "copayment_note": ("", "od marca"),
}


@HOSTILE_EXAMPLES
@given(fields=one_spoilt(ITEM), grosze=st.one_of(st.none(), st.integers(0, 100_000), HUGE,
                                                 st.integers()))
def test_plan_items_store_nothing_invalid(db, world, fields, grosze):
    fields = {k: (v or None) if k in ("start_on", "end_on") else v for k, v in fields.items()}
    item = plans.PlanItem(kind="dzialanie_wspierajace", copayment_grosze=grosze, **fields)
    attempt(lambda: case_steps.save_plan(db, world.case_id, [item]))
    assert invalid_rows(db) == []


@HOSTILE_EXAMPLES
@given(start=SANE_OR_ANY_DATE, end=ANY_DATE, review=ANY_DATE,
       commitments=hostile("Udział w zajęciach\nco tydzień", ""), rules=hostile("Telefon", ""),
       approver=hostile("Anna Nowak"), role=hostile("dyrektor CUS"),
       reason=hostile("Więcej rehabilitacji"))
def test_plan_header_approval_and_update_store_nothing_invalid(
        db, world, start, end, review, commitments, rules, approver, role, reason):
    if plans.current_version(db, world.case_id) is not None:
        plans.start_update(db, world.case_id, "Zmiana", world.resident_id)  # a draft again
    version_id = case_steps.save_plan(db, world.case_id, [plans.PlanItem(
        kind="dzialanie_wspierajace", description="Sąsiad")])
    header = plan_lifecycle.PlanHeader(start, end, review, commitments, rules)
    attempt(lambda: plan_lifecycle.save_header(db, version_id, header))
    sane = plan_lifecycle.PlanHeader(date(2026, 12, 1), date(2027, 5, 31), date(2027, 2, 1))
    plan_lifecycle.save_header(db, version_id, sane)
    if attempt(lambda: plan_lifecycle.agree(db, version_id, start, today=TODAY)):
        attempt(lambda: plan_lifecycle.approve(db, version_id, approver, role, TODAY,
                                               today=TODAY))
        attempt(lambda: plans.start_update(db, world.case_id, reason, world.resident_id))
    assert invalid_rows(db) == []


STEP_TEXT = hostile("Lekarz rodzinny", "Pomoc w domu\npo udarze", "")
MOSTLY_SANE_DATE = st.one_of(st.dates(D, TODAY), st.dates(D, TODAY), ANY_DATE)
MOSTLY_SANE_SCORE = st.one_of(st.sampled_from([1, 2, 3]), HUGE)
CASE_TEXTS = {"referred": ("Lekarz rodzinny",), "request": ("Pomoc w domu\npo udarze",),
              "general": ("Po udarze", ""), "need": ("Opieka",), "specialist": ("Anna Nowak",),
              "resources": ("Córka pomaga", "")}


@HOSTILE_EXAMPLES
@given(when=MOSTLY_SANE_DATE, texts=one_spoilt(CASE_TEXTS), priority=MOSTLY_SANE_SCORE,
       rating=MOSTLY_SANE_SCORE)
def test_case_steps_store_nothing_invalid(db, world, when, texts, priority, rating):
    t = texts
    attempt(lambda: case_steps.save_contact(db, world.case_id, when, "skierowanie",
                                            t["referred"], t["request"], True, when,
                                            today=TODAY))
    assessment = case_steps.Assessment(
        when, {"health": t["general"]},
        [case_steps.Need("zdrowotne", t["need"], priority, t["resources"])],
        [case_steps.Opinion(t["specialist"], "psycholog", when, t["need"])])
    attempt(lambda: case_steps.save_assessment(db, world.case_id, assessment, today=TODAY))
    event = case_closing.Event(when, t["need"], t["request"], t["general"])
    attempt(lambda: case_closing.add_event(db, world.case_id, "monitorowanie", event,
                                           today=TODAY))
    evaluation = case_closing.Evaluation(None, when, {"empathy": rating}, t["need"],
                                         "kontynuacja", t["general"])
    attempt(lambda: case_closing.save_evaluation(db, world.case_id, evaluation, today=TODAY))
    assert invalid_rows(db) == []


@HOSTILE_EXAMPLES
@given(when=MOSTLY_SANE_DATE, texts=one_spoilt({"reason": ("Brak miejsc",),
                                                "text": ("Cele osiągnięte\nw całości",),
                                                "person": ("Anna Nowak", "")}))
def test_resources_access_and_closing_store_nothing_invalid(db, world, when, texts):
    need = case_steps.Need("zdrowotne", "Opieka po udarze")
    case_steps.save_assessment(db, world.case_id, case_steps.Assessment(D + timedelta(days=3),
                                                                        needs=[need]),
                               today=TODAY)
    match = case_steps.Match(need.id, world.service_id, None, False, texts["reason"])
    attempt(lambda: case_steps.save_resources(db, world.case_id, [match], [need.id],
                                              today=TODAY))
    if plans.current_version(db, world.case_id) is None:
        case_steps.save_plan(db, world.case_id, [plans.PlanItem(service_id=world.service_id)])
    version = plans.current_version(db, world.case_id)
    item_id = plans.items(db, version.id)[0].id
    attempt(lambda: case_steps.save_access(db, world.case_id, [
        case_steps.Access(item_id, when, texts["person"], when)], today=TODAY))
    closing = case_closing.Closing(when, texts["reason"], when, texts["text"])
    attempt(lambda: case_closing.close_case(db, world.case_id, closing, confirm_running=True,
                                            today=TODAY))
    assert invalid_rows(db) == []


@HOSTILE_EXAMPLES
@given(when=MOSTLY_SANE_DATE, texts=one_spoilt({
    "request": ("Opieka\nw domu",), "name": ("GOPS Żabno",), "reason": ("Poza programem",),
    "to": ("Zespół interdyscyplinarny",)}))
def test_applications_store_nothing_invalid(db, world, when, texts):
    attempt(lambda: applications.file_application(db, world.resident_id, when, "instytucja",
                                                  "pismo", texts["request"], texts["name"],
                                                  today=TODAY))
    first = applications.file_application(db, world.resident_id, D, "osoba", "pismo", "Opieka",
                                          today=TODAY)
    attempt(lambda: applications.refuse(db, first, when, texts["reason"], today=TODAY))
    second = applications.file_application(db, world.resident_id, D, "osoba", "pismo",
                                           "Opieka", today=TODAY)
    attempt(lambda: applications.transfer(db, second, when, texts["to"], when, today=TODAY))
    assert invalid_rows(db) == []


@HOSTILE_EXAMPLES
@given(t=one_spoilt({"name": ("Klub seniora",), "text": ("Spotkania\ni wycieczki", ""),
                     "codes": ("341202, 532201", ""), "rule": ("10 zł za wycieczkę", ""),
                     "number": ("XV/123/2026",)}),
       area=st.one_of(st.integers(1, 14), HUGE), when=MOSTLY_SANE_DATE)
def test_catalogue_and_programmes_store_nothing_invalid(db, t, area, when):
    service = catalogue.ServiceRecord(name=t["name"], area_code=area, description=t["text"],
                                      occupation_codes=t["codes"], copayment_rule=t["rule"])
    attempt(lambda: catalogue.save_service(db, service))
    programme = programmes.Programme(name=t["name"], resolution_number=t["number"],
                                     resolution_date=when, valid_from=when,
                                     target_group=t["text"] or "Seniorzy", notes=t["text"])
    attempt(lambda: programmes.save(db, programme))
    assert invalid_rows(db) == []


@HOSTILE_EXAMPLES
@given(key=st.sampled_from(sorted(settings_store.LABELS)),
       value=hostile("30", "CUS w Żabnie", "B10", "99999999999999999999"))
def test_settings_store_nothing_invalid(db, key, value):
    errors = settings_store.save(db, {key: value})
    for message in errors.values():
        assert_polish(message)
        assert message.startswith(settings_store.LABELS[key])  # names the setting
    assert invalid_rows(db) == []
    spec = SPECS[key]
    if spec.low is not None:
        assert spec.low <= getattr(settings_store.load(db), key) <= spec.high
    # what is stored always reads back as a valid typed value
    assert settings_store.load(db) == Settings.from_stored(
        dict(db.execute("SELECT key, value FROM settings").fetchall()))


@pytest.mark.parametrize("value, printed", [
    ("Jan\u202eKowalski", None), ("Jan\nKowalski", None), ("\ud800", None), ("x" * 600, None),
    ("Jan Kowalski\u200b", "Jan Kowalski"), ("Ｊａｎ Ｋｏｗａｌｓｋｉ", "Jan Kowalski")])
def test_document_extra_fields_are_checked_before_printing(db, world, value, printed):
    from app.documents import register

    extra = {"pelnomocnik": value, "adres_pelnomocnika": "Żabno 5", "wazne_do": "31.12.2027"}
    assert attempt(lambda: register.issue(db, "pelnomocnictwo", world.partner_id,
                                          extra=extra)) == bool(printed)
    assert invalid_rows(db) == []
    if printed:
        payload = json.loads(db.execute("SELECT payload FROM documents").fetchone()[0])
        assert payload["fields"]["pelnomocnik"] == printed


@HOSTILE_EXAMPLES
@given(text=hostile("Treść\n{imie_nazwisko}"))
def test_document_wording_stores_nothing_invalid(db, text):
    from app.documents import templates

    attempt(lambda: templates.save_body(db, "zgoda", text, {"imie_nazwisko"}, set()))
    assert invalid_rows(db) == []


# --- the parsers the forms use ---------------------------------------------------------------
@given(text=hostile("05.03.1950", "1950-03-05", "31.12.2099"))
@settings(max_examples=300, deadline=None, database=None)
def test_parse_date_gives_a_sane_date_or_a_polish_message_naming_the_field(text):
    try:
        parsed = v.parse_date(text, "Data urodzenia")
    except ValueError as exc:
        assert_polish(str(exc))
        assert str(exc).startswith("Data urodzenia: ")
        return
    assert v.DATE_FIRST <= parsed <= v.DATE_LAST


@pytest.mark.parametrize("text, message", [
    ("31.02.2026", "Data: 31.02.2026 nie istnieje – luty 2026 ma 28 dni."),
    ("29.02.2025", "Data: 29.02.2025 nie istnieje – luty 2025 ma 28 dni."),
    ("31.04.2026", "Data: 31.04.2026 nie istnieje – kwiecień 2026 ma 30 dni."),
    ("01.13.2026", "Data: 01.13.2026 – miesiąc 13 nie istnieje (miesiące 1–12)."),
    ("01.01.0000", "Data: 01.01.0000 – najwcześniej 01.01.1900."),
    ("0000-01-01", "Data: 01.01.0000 – najwcześniej 01.01.1900."),
    ("01.03.1745", "Data: 01.03.1745 – najwcześniej 01.01.1900."),
    ("jutro", "Data: wpisz datę jako DD.MM.RRRR, np. 05.03.1950."),
    ("１２.０３.２０２６", None),
])
def test_impossible_dates_are_explained_in_polish(text, message):
    if message is None:
        assert v.parse_date(text) == date(2026, 3, 12)
        return
    with pytest.raises(ValueError) as err:
        v.parse_date(text)
    assert str(err.value) == message


@given(text=st.one_of(hostile("12,50", "12.50 zł", "0", "", "1 200 zł", "nieodpłatnie"),
                      st.integers().map(str), st.decimals(allow_nan=True).map(str)))
@settings(max_examples=300, deadline=None, database=None)
def test_parse_amount_gives_grosze_in_bounds_or_a_polish_message(text):
    try:
        grosze = v.parse_amount(text, "Odpłatność")
    except ValueError as exc:
        assert_polish(str(exc))
        assert str(exc).startswith("Odpłatność: ")
        return
    assert grosze is None or 0 <= grosze <= v.MAX_AMOUNT_GROSZE


@pytest.mark.parametrize("text, grosze", [
    ("12,50", 1250), ("12.50 zł", 1250), ("12,5", 1250), ("0", 0), ("", None),
    ("1 200 zł", 120_000), ("１２,５０ zł", 1250), ("nieodpłatnie", 0), ("100000", 10_000_000),
])
def test_co_payments_typed_as_people_type_them(text, grosze):
    assert v.parse_amount(text) == grosze


@given(grosze=st.integers(0, v.MAX_AMOUNT_GROSZE))
@settings(max_examples=200, deadline=None, database=None)
def test_an_amount_shown_reads_back_as_the_same_amount(grosze):
    # the plan editor shows "1 200,00 zł" and saves what the cell holds
    assert v.parse_amount(v.format_amount(grosze)) == grosze


@pytest.mark.parametrize("text, message", [
    ("-99999999999999999999 zł", "Odpłatność: kwota nie może być ujemna."),
    ("-5", "Odpłatność: kwota nie może być ujemna."),
    ("100000,01", "Odpłatność: najwyżej 100\u00a0000,00\u00a0zł."),
    ("99999999999999999999", "Odpłatność: wpisz kwotę w złotych"),
    ("dużo", "Odpłatność: wpisz kwotę w złotych"),
])
def test_absurd_co_payments_are_refused(text, message):
    with pytest.raises(ValueError) as err:
        v.parse_amount(text)
    assert str(err.value).startswith(message)


def test_co_payment_is_stored_as_grosze_and_printed_the_polish_way(db, world):
    item = plans.PlanItem(service_id=world.service_id, copayment_grosze=v.parse_amount("12,5"),
                          copayment_note="od marca")
    version_id = case_steps.save_plan(db, world.case_id, [item])
    assert db.execute("SELECT copayment_grosze, copayment_note FROM plan_items").fetchone() == (
        1250, "od marca")
    stored = plans.items(db, version_id)[0]
    assert plans.copayment_text(stored.copayment_grosze, stored.copayment_note) == \
        "12,50\u00a0zł (od marca)"
    with pytest.raises(KoordynatorError, match="Pozycja 1: Odpłatność: kwota nie może być"):
        case_steps.save_plan(db, world.case_id, [plans.PlanItem(
            service_id=world.service_id, copayment_grosze=-1)])


@given(text=st.one_of(hostile("12", "0", ""), st.integers().map(str)))
@settings(max_examples=200, deadline=None, database=None)
def test_parse_int_is_bounded_and_polish(text):
    try:
        number = v.parse_int(text, "Liczba miejsc", 0, 10_000)
    except ValueError as exc:
        assert_polish(str(exc))
        assert str(exc).startswith("Liczba miejsc: ")
        return
    assert number is None or 0 <= number <= 10_000


# --- one example of each defect the issue lists --------------------------------------------------
def test_full_width_pesel_and_postal_code_are_stored_in_ascii(db):
    r = store.add(db, person(pesel=fullwidth("44051401359"), postal_code=fullwidth("83-221")),
                  TODAY)
    assert db.execute("SELECT pesel, postal_code FROM residents WHERE id = ?", [r.id]
                      ).fetchone() == ("44051401359", "83-221")


@pytest.mark.parametrize("field, value, message", [
    ("surname", "\u202eKowalski", "Nazwisko: zawiera niewidoczny znak zmieniający kierunek"),
    ("city", "Żabno\ud800", "Miejscowość: zawiera uszkodzony znak"),
    ("street", "Długa\n5", "Ulica: zawiera znak nowej linii"),
    ("id_document", "ABC\t123", "Dokument tożsamości: zawiera tabulator"),
    ("notes", "x" * 10_000, "Uwagi: za długi tekst – najwyżej 4000 znaków (jest 10000)."),
    ("notes", "a\x1bb", "Uwagi: zawiera niedozwolony znak sterujący (U+001B)"),
    ("birth_date", "31.02.1950", "Data urodzenia: 31.02.1950 nie istnieje"),
])
def test_each_refusal_names_the_field(db, field, value, message):
    fields = {"pesel": "", "id_document": "X1", "birth_date": "1950-01-01", field: value}
    with pytest.raises(KoordynatorError) as err:
        store.add(db, person(**fields), TODAY)
    assert err.value.errors[field].startswith(message)
    assert store.count(db) == 0


def test_zero_width_characters_are_removed_not_stored(db):
    r = store.add(db, person(city="Żab\u200bno", surname="Nowak\ufeff"), TODAY)
    assert (r.city, r.surname) == ("Żabno", "Nowak")


def test_household_birth_date_in_1745_is_refused(db):
    member = HouseholdMember("Nowak", "Jan", "dziecko", "01.01.1745")
    with pytest.raises(KoordynatorError) as err:
        store.add(db, person(household=[member]), TODAY)
    assert "data urodzenia: 01.01.1745 – najwcześniej 01.01.1900" in err.value.errors[
        "household.0"]


def test_partner_places_overflow_is_refused(db, world):
    p = partners.Partner(full_name="GOPS", partner_type="jednostka_gminy", capacity=10**20,
                         services=[partners.PartnerService(world.service_id, 10**20)])
    with pytest.raises(KoordynatorError) as err:
        partners.save(db, p)
    assert err.value.errors["capacity"] == "Liczba miejsc ogółem: wpisz liczbę od 0 do 10000."
    assert "Usługa nr 1: liczba miejsc: wpisz liczbę od 0 do 10000" in err.value.errors[
        "services.0"]


@pytest.mark.parametrize("when", ["99999999999999999999", "31.02.2026", "2026-13-01"])
def test_partner_action_dates_are_checked(db, world, when):
    with pytest.raises(KoordynatorError) as err:
        partners.add_action(db, world.partner_id, when, "Festyn")
    assert err.value.errors["action_date"].startswith("Data działania: ")
    assert partners.actions(db, world.partner_id) == []


def test_plan_item_dates_are_checked_and_stored_as_iso(db, world):
    item = plans.PlanItem(kind="dzialanie_wspierajace", description="Sąsiad",
                          start_on="01.12.2026", end_on="31.05.2027")
    version_id = case_steps.save_plan(db, world.case_id, [item])
    stored = plans.items(db, version_id)[0]
    assert (stored.start_on, stored.end_on) == ("2026-12-01", "2027-05-31")
    item.start_on = "1745-01-01"
    with pytest.raises(KoordynatorError, match="Pozycja 1: Od: 01.01.1745 – najwcześniej"):
        case_steps.save_plan(db, world.case_id, [item])


@HOSTILE_EXAMPLES
@given(text=hostile("Pomoc w domu", "Łęcka\nul. Długa"))
def test_a_draft_keeps_raw_typing_without_crashing_or_storing_it_raw(db, world, text):
    from app.casefile.cases import load_draft, save_draft

    save_draft(db, world.case_id, 1, {"request": text})
    # nothing typed is lost (a surrogate pair comes back as the one character it encodes)
    typed = text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    assert load_draft(db, world.case_id, 1) == {"request": typed}
    assert invalid_rows(db) == []


@pytest.mark.parametrize("lines", ["99999999", "0", "41", "٣", "-1"])
def test_blank_lines_in_document_wording_are_bounded(db, lines):
    from app.documents import templates

    with pytest.raises(KoordynatorError) as err:
        templates.save_body(db, "zgoda", f"Treść\n[[linie: {lines}]]", set(), {"linie"})
    assert "od 1 do 40" in " ".join(err.value.errors.values())
