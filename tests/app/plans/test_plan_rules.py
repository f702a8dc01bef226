"""Plan rules that once lived in windows: they hold for every caller now."""

from datetime import date, timedelta

import pytest

from app.cases import applications
from app.cases import steps as case_steps
from app.core.errors import ValidationError
from app.people import residents_store as store
from app.plans import lifecycle
from app.plans import store as plans
from tests.conftest import TODAY, person


@pytest.mark.parametrize("typed, hours", [
    ("09:00–10:30", ("09:00", "10:30")), ("09:00 - 10:30", ("09:00", "10:30")),
    ("09:00—10:30", ("09:00", "10:30")), ("０９:００-１０:３０", ("09:00", "10:30")),
    ("09:00", ("09:00", "")), ("", ("", "")),
])
def test_hours_are_read_whatever_dash_was_typed(typed, hours):
    assert plans.parse_hours(typed) == hours


@pytest.mark.parametrize("typed, stored", [("9:00-10:30", ("09:00", "10:30")),
                                           ("09:00–10:30", ("09:00", "10:30")),
                                           ("9-10", ("09:00", "10:00")),
                                           ("9.00 – 10.30", ("09:00", "10:30"))])
def test_hours_typed_with_one_digit_are_stored_as_hh_mm(db, typed, stored):
    r, case_id = _case(db)
    start, end = plans.parse_hours(typed)
    item = plans.PlanItem(kind="dzialanie_wspierajace", description="Zakupy",
                          frequency="raz w tygodniu", time_from=start, time_to=end)
    plans.save_items(db, case_id, [item], r.id)
    assert db.execute("SELECT time_from, time_to FROM plan_items").fetchone() == stored


@pytest.mark.parametrize("typed", ["-10:00", "25:00-26:00", "9:75", "10-9"])
def test_hours_that_cannot_be_read_are_refused_in_polish(db, typed):
    r, case_id = _case(db)
    start, end = plans.parse_hours(typed)
    item = plans.PlanItem(kind="dzialanie_wspierajace", description="Zakupy",
                          frequency="raz w tygodniu", time_from=start, time_to=end)
    with pytest.raises(ValidationError, match="Pozycja 1"):
        plans.save_items(db, case_id, [item], r.id)
    assert db.execute("SELECT count(*) FROM plan_items").fetchone() == (0,)


def _case(db):
    r = store.add(db, person(), TODAY)
    app_id = applications.file_application(db, r.id, TODAY - timedelta(days=5), "osoba",
                                           "osobiscie", "Pomoc", today=TODAY)
    return r, applications.qualify(db, app_id, TODAY - timedelta(days=4), today=TODAY)


def _count(db, case_id):
    return db.execute("SELECT count(*) FROM plan_items i JOIN plan_versions v ON v.id ="
                      " i.plan_version_id JOIN plans p ON p.id = v.plan_id WHERE"
                      " p.case_id = ? AND i.archived_at IS NULL", [case_id]).fetchone()[0]


def test_items_and_header_are_one_unit_of_work(db):
    r, case_id = _case(db)
    item = plans.PlanItem(kind="dzialanie_wspierajace", description="Zakupy we wtorki",
                          frequency="raz w tygodniu")
    bad = lifecycle.PlanHeader(valid_from=date(2027, 3, 1), valid_to=date(2027, 1, 1))
    with pytest.raises(ValidationError):
        lifecycle.save_plan(db, case_id, r.id, [item], bad)
    assert _count(db, case_id) == 0  # the header failed: the items were not kept either
    good = lifecycle.PlanHeader(valid_from=date(2027, 1, 1), valid_to=date(2027, 3, 1))
    version_id = lifecycle.save_plan(db, case_id, r.id, [item], good)
    assert _count(db, case_id) == 1
    assert db.execute("SELECT valid_from, valid_to FROM plan_versions WHERE id = ?",
                      [version_id]).fetchone() == ("2027-01-01", "2027-03-01")


def test_step_four_keeps_the_statuses_set_in_the_editor(db):
    r, case_id = _case(db)
    item = plans.PlanItem(kind="dzialanie_wspierajace", description="Zakupy",
                          frequency="raz w tygodniu", status="realizowana")
    plans.save_items(db, case_id, [item], r.id)
    typed_on_step_four = plans.PlanItem(kind="dzialanie_wspierajace", id=item.id,
                                        description="Zakupy i apteka",
                                        frequency="raz w tygodniu")  # status: default
    case_steps.save_plan(db, case_id, [typed_on_step_four])
    assert db.execute("SELECT description, status FROM plan_items WHERE id = ?",
                      [item.id]).fetchone() == ("Zakupy i apteka", "realizowana")


def test_a_window_from_before_an_update_cannot_rewrite_the_approved_plan(db):
    from app.core.errors import KoordynatorError

    r, case_id = _case(db)
    item = plans.PlanItem(kind="dzialanie_wspierajace", description="Zakupy",
                          frequency="raz w tygodniu")
    v1 = lifecycle.save_plan(db, case_id, r.id, [item], lifecycle.PlanHeader(
        valid_from=TODAY + timedelta(days=1), valid_to=TODAY + timedelta(days=120)))
    lifecycle.agree(db, v1, TODAY, today=TODAY)
    lifecycle.approve(db, v1, "Maria Nowak", "dyrektor", TODAY, today=TODAY)
    plans.start_update(db, case_id, "Więcej zakupów", r.id)
    stale = plans.PlanItem(kind="dzialanie_wspierajace", id=item.id,
                           description="Zakupy i apteka", frequency="dwa razy w tygodniu")
    with pytest.raises(KoordynatorError, match="innym oknie"):
        case_steps.save_plan(db, case_id, [stale])  # step 4 still showing version 1
    assert db.execute("SELECT description, frequency FROM plan_items WHERE id = ?",
                      [item.id]).fetchone() == ("Zakupy", "raz w tygodniu")
    assert db.execute("SELECT count(*) FROM plan_items i JOIN plan_versions v ON v.id ="
                      " i.plan_version_id WHERE v.version_no = 2 AND i.archived_at IS NULL"
                      ).fetchone() == (1,)  # the update's copy is untouched


def test_step_four_keeps_provider_days_and_hours_set_in_the_editor(db):
    r, case_id = _case(db)
    partner_id = db.execute("SELECT id FROM partners LIMIT 1").fetchone()
    item = plans.PlanItem(kind="dzialanie_wspierajace", description="Zakupy",
                          frequency="raz w tygodniu", weekdays="pn,śr", time_from="09:00",
                          time_to="10:00", partner_id=partner_id[0] if partner_id else None)
    plans.save_items(db, case_id, [item], r.id)
    before = db.execute("SELECT partner_id, weekdays, time_from, time_to FROM plan_items"
                        " WHERE id = ?", [item.id]).fetchone()
    shown_on_step_four = plans.PlanItem(kind="dzialanie_wspierajace", id=item.id,
                                        description="Zakupy i apteka",
                                        frequency="raz w tygodniu")
    case_steps.save_plan(db, case_id, [shown_on_step_four])
    assert db.execute("SELECT partner_id, weekdays, time_from, time_to FROM plan_items"
                      " WHERE id = ?", [item.id]).fetchone() == before
    assert before[1:] == ("pn,śr", "09:00", "10:00")


def test_changes_name_every_field_with_dates_as_printed(db):
    from app.catalogue import partners

    r, case_id = _case(db)
    pid = partners.save(db, partners.Partner(full_name="Spółdzielnia „Żabka”",
                                             partner_type="pes"))
    item = plans.PlanItem(kind="dzialanie_wspierajace", description="Zakupy",
                          frequency="raz w tygodniu", weekdays="wt", time_from="10:00",
                          time_to="11:00", start_on="2026-12-01")
    v1 = lifecycle.save_plan(db, case_id, r.id, [item], lifecycle.PlanHeader(
        valid_from=date(2026, 12, 1), valid_to=date(2027, 3, 1)))
    lifecycle.agree(db, v1, TODAY, today=TODAY)
    v2 = plans.start_update(db, case_id, "Inna pora", r.id).id
    changed = plans.items(db, v2)[0]
    changed.weekdays, changed.time_from, changed.partner_id = "cz", "12:00", pid
    changed.time_to, changed.start_on = "13:00", "2027-01-05"
    plans.save_items(db, case_id, [changed], r.id)
    text = " ".join(lifecycle.changes(db, v1, v2))
    assert "wykonawca: — → Spółdzielnia „Żabka”" in text
    assert "dni: wt → cz" in text and "godziny: 10:00–11:00 → 12:00–13:00" in text
    assert "od: 01.12.2026 → 05.01.2027" in text


def test_hours_and_days_are_not_guessed_from_what_is_not_one():
    """"1 0-11" is no 10:00; "nie" (no) is no Sunday; spaces around a dash are fine."""
    import pytest as _pytest

    from app.plans import store as _plans

    assert _plans.parse_hours(" 9:00 – 10:30 ") == ("09:00", "10:30")
    assert _plans.parse_hours("od 10") == ("10:00", "")
    assert _plans.parse_hours("1 0-11")[0] == "1 0"  # refused when the item is checked
    with _pytest.raises(ValueError, match="„nie” to nie dzień tygodnia"):
        _plans.weekdays_of("pn, nie")


def test_a_pesel_of_someone_not_yet_born_is_refused():
    from app.core.validation import check_pesel

    assert check_pesel("30210100117") == ("PESEL zawiera datę urodzenia z przyszłości – "
                                          "sprawdź numer.")


def test_every_day_is_written_as_people_write_it():
    from app.plans import store as _plans

    week = ["pn", "wt", "śr", "cz", "pt", "sb", "nd"]
    for typed in ("codziennie", "Codziennie.", "każdego dnia", "pn–nd"):
        assert _plans.weekdays_of(typed) == week, typed
