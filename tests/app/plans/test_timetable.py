"""The week, days × hours, for a person and for a provider, on screen and on paper; month
labels that cannot be read as dates."""

import re
from datetime import date, timedelta

import pytest

from app.cases import applications
from app.catalogue import partners
from app.catalogue import services as catalogue
from app.core.errors import ValidationError
from app.documents import register, render
from app.people import residents_store as store
from app.plans import lifecycle as plan_lifecycle
from app.plans import store as plans
from app.plans import timetable
from app.plans.lifecycle import PlanHeader
from tests import pdf_text
from tests.conftest import person

T = date(2026, 11, 22)


def item(name, days="", start="", end="", status="planowana", who=""):
    return plans.PlanItem(service_name=name, weekdays=days, time_from=start, time_to=end,
                          status=status, partner_name=who)


def test_a_persons_week_reads_by_time_then_day():
    week = timetable.entries([
        item("Posiłki", "pn,wt,śr,cz,pt", "12:00", "12:30", who="Bar Smak"),
        item("Rehabilitacja", "pn,śr", "09:00", "10:00", who="NZOZ Ruch"),
        item("Sprzątanie", "wt"),
        item("Odwołana", "pn", "08:00", "09:00", status="anulowana"),
    ])
    headers, rows = timetable.table(week)
    assert headers == ["Godziny", "poniedziałek", "wtorek", "środa", "czwartek", "piątek"]
    assert rows == [
        ["09:00–10:00", "Rehabilitacja (NZOZ Ruch)", "", "Rehabilitacja (NZOZ Ruch)", "", ""],
        ["12:00–12:30", *["Posiłki (Bar Smak)"] * 5],
        ["godzina do ustalenia", "", "Sprzątanie", "", "", ""],
    ]


def test_the_weekend_appears_only_when_something_happens_then():
    headers, rows = timetable.table(timetable.entries([item("Wizyta", "nd", "10:00", "11:00")]))
    assert headers == ["Godziny", "poniedziałek", "wtorek", "środa", "czwartek", "piątek",
                       "niedziela"]
    assert rows == [["10:00–11:00", "", "", "", "", "", "Wizyta"]]


def test_month_labels_cannot_be_read_as_a_day():
    assert timetable.month_label(date(2026, 5, 1), with_year=True) == "maj 2026"
    assert timetable.month_label(date(2026, 6, 1), with_year=False) == "cze"


def _approved_case(db, partner_id, name, days, hours, status="planowana"):
    r = store.add(db, person(pesel="", id_document=f"DOC{name}", birth_date="1944-05-14",
                             first_name=name), T)
    app_id = applications.file_application(db, r.id, T - timedelta(days=10), "osoba",
                                           "osobiscie", "Pomoc", today=T)
    case_id = applications.qualify(db, app_id, T - timedelta(days=9), today=T)
    meals = catalogue.services(db, words="posilkow")[0].id
    start, end = hours
    vid = plans.save_items(db, case_id, [plans.PlanItem(
        service_id=meals, partner_id=partner_id, weekdays=days, time_from=start, time_to=end,
        start_on="2026-11-01", end_on="2027-04-30", status=status)], r.id)
    plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 11, 1), date(2027, 4, 30),
                                                   date(2027, 1, 31)))
    return case_id, vid


def test_a_providers_week_lists_each_person_in_plans_in_force(db):
    bar = partners.save(db, partners.Partner(full_name="Bar Smak", partner_type="pes",
                                             city="Żabno"))
    _, agreed = _approved_case(db, bar, "Anna", "pn,śr", ("12:00", "12:30"))
    plan_lifecycle.agree(db, agreed, T - timedelta(days=5), today=T)
    _, approved = _approved_case(db, bar, "Zofia", "pn", ("12:00", "12:30"))
    plan_lifecycle.agree(db, approved, T - timedelta(days=5), today=T)
    plan_lifecycle.approve(db, approved, "Maria Nowak", "dyrektor CUS", T, today=T)
    _approved_case(db, bar, "Draft", "wt", ("12:00", "12:30"))  # a draft binds no one yet

    week = timetable.provider_week(db, bar, T)
    headers, rows = timetable.table(week)
    assert rows == [["12:00–12:30", "Przygotowywanie i dowóz posiłków (Anna Żółkiewski)\n"
                     "Przygotowywanie i dowóz posiłków (Zofia Żółkiewski)", "",
                     "Przygotowywanie i dowóz posiłków (Anna Żółkiewski)", "", ""]]
    printed = pdf_text.pages(render.week_pdf("Tydzień wykonawcy: Bar Smak",
                                             "Stan na 22.11.2026", week))[0]
    assert "poniedziałek" in printed and "Zofia Żółkiewski" in printed
    assert "12:00–12:30" in printed  # the hours column holds the time whole
    assert timetable.provider_week(db, bar, date(2027, 6, 1)) == []  # after the plans end


def test_the_printed_ipus_has_the_week_and_readable_months(db):
    bar = partners.save(db, partners.Partner(full_name="Bar Smak", partner_type="pes",
                                             city="Żabno"))
    case_id, _ = _approved_case(db, bar, "Anna", "pn,pt", ("12:00", "12:30"))
    text = pdf_text.text(register.issue(db, "ipus", case_id).pdf)
    assert "Tydzień – dni i godziny usług" in text
    assert "12:00–12:30" in text and "poniedziałek" in text and "Bar Smak" in text
    assert "lis 2026" in text and "sty 2027" in text and "paź" not in text
    assert not re.search(r"\b(sty|lut|mar|kwi|maj|cze|lip|sie|wrz|paź|lis|gru) \d\d\b", text)


def test_a_finished_item_keeps_its_week_on_the_paper_of_its_version():
    week = timetable.entries([item("Posiłki", "pn", "12:00", "12:30", status="zakonczona"),
                              item("Wstrzymane", "wt", "09:00", "10:00", status="zawieszona")])
    assert [(e.day, e.what) for e in week] == [(0, "Posiłki")]


def test_month_marks_never_overlap_nor_leave_the_chart():
    width = {True: 30.0, False: 12.0}  # "maj 2026" is wider than "cze"

    def marks(right):
        return timetable.month_marks(date(2026, 10, 26), date(2027, 3, 31),
                                     lambda d: (d - date(2026, 10, 26)).days * 1.0,
                                     lambda label: width[" " in label], right)
    assert marks(400) == [(6.0, "lis 2026"), (36.0, None), (67.0, "sty 2027"),
                          (98.0, None), (126.0, "mar")]  # "lut" would touch "sty 2027"
    assert marks(130)[-1] == (126.0, None)  # "mar" would run past the right edge


@pytest.mark.parametrize(("typed", "days"), [
    ("pn, śr", ["pn", "śr"]), ("Pn, Śr", ["pn", "śr"]), ("czw", ["cz"]), ("sob", ["sb"]),
    ("pon", ["pn"]), ("pn-pt", ["pn", "wt", "śr", "cz", "pt"]),
    ("pon.–pt.", ["pn", "wt", "śr", "cz", "pt"]), ("poniedziałek, środa", ["pn", "śr"]),
    ("sroda piatek", ["śr", "pt"]), ("pt, pn, pn", ["pn", "pt"]), ("", []),
])
def test_days_as_people_write_them(typed, days):
    assert plans.weekdays_of(typed) == days


def test_a_word_that_is_not_a_day_is_named_in_the_message():
    item = plans.PlanItem(kind="dzialanie_wspierajace", description="Sąsiadka",
                          weekdays="pn, czwr")
    with pytest.raises(ValidationError) as err:
        plans.validate_item(item, 2)
    assert "Pozycja 2: Dni: „czwr” to nie dzień tygodnia" in str(err.value.errors)


def test_an_hour_printed_as_od_is_read_back_the_same():
    item = plans.PlanItem(time_from="10:00")
    assert plans.hours_text(item) == "od 10:00"
    assert plans.parse_hours(plans.hours_text(item)) == ("10:00", "")


def test_a_providers_week_is_any_week_chosen(db):
    """The round for next week is prepared this week: a service starting on Wednesday of
    the week shown is in it; the week is named by its Monday and Sunday."""
    bar = partners.save(db, partners.Partner(full_name="Bar Smak", partner_type="pes"))
    _, vid = _approved_case(db, bar, "Anna", "pn,śr", ("12:00", "12:30"))
    db.execute("UPDATE plan_items SET start_on = '2026-11-25', end_on = '2026-12-02'")
    db.conn.commit()
    plan_lifecycle.agree(db, vid, T, today=T)
    assert timetable.week_of(date(2026, 11, 25)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert timetable.provider_week(db, bar, date(2026, 11, 16)) == []  # the week before
    for day in (date(2026, 11, 23), date(2026, 11, 29), date(2026, 12, 2)):
        assert len(timetable.provider_week(db, bar, day)) == 2, day  # pn and śr
    assert timetable.provider_week(db, bar, date(2026, 12, 7)) == []  # ended on the 2nd
    assert timetable.week_label(date(2026, 11, 25)) == "23–29.11.2026"
    assert timetable.week_label(date(2026, 12, 2)) == "30.11–06.12.2026"
    assert timetable.week_label(date(2026, 12, 31)) == "28.12.2026–03.01.2027"
