"""The IPUS lifecycle and its checks: draft → agreed → approved (frozen) → update."""

from datetime import date, timedelta

import pytest

from app.cases import applications
from app.catalogue import partners, programmes
from app.catalogue import services as catalogue
from app.core.errors import KoordynatorError, PlanFrozen, ValidationError
from app.people import residents_store as store
from app.plans import lifecycle as plan_lifecycle
from app.plans import store as plans
from app.plans.lifecycle import PlanHeader
from tests import pdf_text
from tests.conftest import person

T = date(2026, 11, 22)


def _svc(db, words):
    return catalogue.services(db, words=words)[0].id


@pytest.fixture
def case(db):
    r = store.add(db, person(), T)
    app_id = applications.file_application(db, r.id, T - timedelta(days=10), "osoba",
                                           "osobiscie", "Pomoc", today=T)
    return applications.qualify(db, app_id, T - timedelta(days=9), today=T), r.id


def _plan(db, case_id, resident_id, **extra):
    items = [plans.PlanItem(service_id=_svc(db, "rehabilitacyjne"), frequency="2 × w tyg.",
                            start_on="2026-12-01", end_on="2027-05-31", weekdays="pn,śr",
                            time_from="09:00", time_to="10:00"),
             plans.PlanItem(service_id=_svc(db, "posilkow"), frequency="codziennie",
                            start_on="2026-12-01", end_on="2027-05-31"),
             plans.PlanItem(service_id=_svc(db, "wytchnieniowa"), frequency="raz w miesiącu",
                            start_on="2026-12-01", end_on="2027-05-31"),
             plans.PlanItem(kind="dzialanie_wspierajace", description="Sąsiad pomaga w zakupach",
                            start_on="2026-12-01")]
    vid = plans.save_items(db, case_id, items, resident_id)
    plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 12, 1), date(2027, 5, 31),
                                                   date(2027, 2, 28), "Udział w zajęciach",
                                                   "Spotkania raz w miesiącu", **extra))
    return vid


def test_agree_approve_update_keeps_old_version(db, case):
    case_id, rid = case
    vid = _plan(db, case_id, rid)
    assert [c for c in plan_lifecycle.checks(db, vid, T) if c.level == "błąd"] == []
    plan_lifecycle.agree(db, vid, T, today=T)
    with pytest.raises(PlanFrozen, match="aktualizację"):
        plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 12, 1), date(2027, 1, 1)))
    with pytest.raises(ValidationError, match="kto zatwierdził"):
        plan_lifecycle.approve(db, vid, "", "", T, today=T)
    plan_lifecycle.approve(db, vid, "Maria Nowak", "dyrektor CUS", T, today=T)
    assert plans.current_version(db, case_id).status == "zatwierdzony"

    new = plans.start_update(db, case_id, "Więcej rehabilitacji", rid)
    with pytest.raises(KoordynatorError, match="uzgodniony"):
        plan_lifecycle.approve(db, new.id, "Maria Nowak", "dyrektor CUS", T, today=T)
    items = plans.items(db, new.id)
    items[0].frequency = "3 × w tyg."
    items = [i for i in items if i.kind == "usluga"]  # the supporting action ends
    items.append(plans.PlanItem(service_id=_svc(db, "towarzysza")))
    plans.save_items(db, case_id, items, rid)
    changes = plan_lifecycle.changes(db, vid, new.id)
    assert any("częstotliwość: 2 × w tyg. → 3 × w tyg." in c for c in changes)
    assert "Usunięto „Sąsiad pomaga w zakupach”" in changes
    assert "Dodano Usługi „towarzysza”" in changes  # no quotes around its own quotes
    old = plans.items(db, vid)
    assert len(old) == 4 and old[0].frequency == "2 × w tyg."  # the approved one is intact
    # the approved version stays in force until its update is approved
    assert [v.status for v in plans.versions(db, case_id)] == ["zatwierdzony", "projekt"]
    plan_lifecycle.agree(db, new.id, T, today=T)
    plan_lifecycle.approve(db, new.id, "Maria Nowak", "dyrektor CUS", T, today=T)
    assert [v.status for v in plans.versions(db, case_id)] == ["zastapiony", "zatwierdzony"]


def _approved_with_provider(db, case_id, rid):
    """The plan of ``_plan``, its first service given to "Bar Smak", agreed and approved:
    (version id, the provider's id)."""
    bar = partners.save(db, partners.Partner(full_name="Bar Smak", partner_type="pes"))
    vid = _plan(db, case_id, rid)
    items = plans.items(db, vid)
    items[0].partner_id = bar
    plans.save_items(db, case_id, items, rid)
    plan_lifecycle.agree(db, vid, T, today=T)
    plan_lifecycle.approve(db, vid, "Maria Nowak", "dyrektor CUS", T, today=T)
    return vid, bar


def _messages(db, vid):
    return " | ".join(c.message for c in plan_lifecycle.checks(db, vid, T))


def test_every_check_has_its_message(db, case):
    case_id, rid = case
    vid = _plan(db, case_id, rid)
    # longer than one year
    plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 12, 1), date(2028, 1, 1)))
    assert "najwyżej na 12" in _messages(db, vid)
    with pytest.raises(ValidationError):
        plan_lifecycle.agree(db, vid, T, today=T)
    # under three months
    plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 12, 1), date(2027, 1, 15)))
    assert "IPUS może nie być potrzebny" in _messages(db, vid)
    # end before start (plan and item)
    with pytest.raises(ValidationError, match="przed jego początkiem"):
        plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 12, 1), date(2026, 11, 1)))
    with pytest.raises(ValidationError):
        plans.save_items(db, case_id, [plans.PlanItem(service_id=_svc(db, "posilkow"),
                                                      start_on="2027-01-02",
                                                      end_on="2027-01-01")], rid)
    # overlapping times
    items = plans.items(db, vid)
    items[1].weekdays, items[1].time_from, items[1].time_to = "śr", "09:30", "11:00"
    plans.save_items(db, case_id, items, rid)
    assert "nakładają się w czasie (śr)" in _messages(db, vid)
    # a provider over its capacity
    pid = partners.save(db, partners.Partner(
        full_name="Rehabilitacja Sp. z o.o.", partner_type="firma",
        services=[partners.PartnerService(items[0].service_id, capacity=0)]))
    items = plans.items(db, vid)
    items[0].partner_id = pid
    plans.save_items(db, case_id, items, rid)
    assert "ma 0 miejsc" in _messages(db, vid)
    # a service the programme does not offer
    prog = programmes.save(db, programmes.Programme(
        name="Program", resolution_number="I/1/2026", resolution_date=date(2026, 1, 1),
        target_group="seniorzy", service_ids=[items[1].service_id]))
    db.execute("UPDATE cases SET programme_id = ? WHERE id = ?", [prog, case_id])
    db.conn.commit()
    assert "nie należy do programu" in _messages(db, vid)
    # more than 30 days after the application
    assert "później niż 30 dni" in " | ".join(
        c.message for c in plan_lifecycle.checks(db, vid, T + timedelta(days=40)))
    # an agreed plan edited without an update
    plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 12, 1), date(2027, 5, 31),
                                                   date(2027, 2, 1)))
    plan_lifecycle.agree(db, vid, T, today=T)
    with pytest.raises(PlanFrozen):
        plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 12, 1), date(2027, 5, 1)))


@pytest.mark.parametrize("field", ["description", "place", "frequency", "copayment_note"])
def test_plan_item_text_is_checked_before_it_is_stored(db, case, field):
    case_id, rid = case
    item = plans.PlanItem(kind="dzialanie_wspierajace", description="Sąsiad pomaga")
    setattr(item, field, "zakupy\x00" if field != "description" else "x" * 5000)
    with pytest.raises(ValidationError):
        plans.save_items(db, case_id, [item], rid)
    assert plans.current_version(db, case_id) is None  # nothing stored


def test_the_summary_conversation_lists_the_services_of_every_version(db, case):


    from app.documents import register

    case_id, rid = case
    first = partners.save(db, partners.Partner(full_name="Bar Smak", partner_type="pes"))
    second = partners.save(db, partners.Partner(full_name="Kuchnia Gminna",
                                                partner_type="jednostka_gminy"))
    meals = _svc(db, "posilkow")
    vid = plans.save_items(db, case_id, [plans.PlanItem(
        service_id=meals, partner_id=first, start_on="2026-11-23", end_on="2027-02-28")], rid)
    plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 11, 23), date(2027, 2, 28)))
    plan_lifecycle.agree(db, vid, T, today=T)
    plan_lifecycle.approve(db, vid, "Maria Nowak", "dyrektor CUS", T, today=T)
    new = plans.start_update(db, case_id, "Zmiana wykonawcy posiłków", rid)
    items = plans.items(db, new.id)
    items[0].partner_id = second
    plans.save_items(db, case_id, items, rid)
    text = pdf_text.text(register.issue(db, "rozmowa", case_id).pdf)
    assert "Bar Smak" in text and "Kuchnia Gminna" in text
    assert "(wersja 1)" in text and "(wersja 2)" in text


def test_the_summary_conversation_gives_each_service_the_status_it_ended_with(db, case):
    """A row of an earlier version reads "zastąpiona", not "realizowana" as it stood when
    the update took over; a row carried unchanged through both is listed once, as ended."""
    from app.documents import context

    case_id, rid = case
    bar = partners.save(db, partners.Partner(full_name="Bar Smak", partner_type="pes"))
    kitchen = partners.save(db, partners.Partner(full_name="Kuchnia Gminna",
                                                 partner_type="jednostka_gminy"))
    vid = plans.save_items(db, case_id, [
        plans.PlanItem(service_id=_svc(db, "posilkow"), partner_id=bar, start_on="2026-11-23"),
        plans.PlanItem(service_id=_svc(db, "towarzysza"), partner_id=kitchen,
                       start_on="2026-11-23")], rid)
    plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 11, 23), date(2027, 2, 28)))
    plan_lifecycle.agree(db, vid, T, today=T)
    plan_lifecycle.approve(db, vid, "Maria Nowak", "dyrektor CUS", T, today=T)
    db.execute("UPDATE plan_items SET status = 'realizowana' WHERE plan_version_id = ?", [vid])
    new = plans.start_update(db, case_id, "Zmiana wykonawcy posiłków", rid)
    items = plans.items(db, new.id)
    items[0].partner_id = kitchen
    plans.save_items(db, case_id, items, rid)
    plan_lifecycle.agree(db, new.id, T, today=T)
    plan_lifecycle.approve(db, new.id, "Maria Nowak", "dyrektor CUS", T, today=T)
    db.execute("UPDATE plan_items SET status = 'zakonczona' WHERE plan_version_id = ?",
               [new.id])
    db.conn.commit()
    headers, rows = context.build(db, "rozmowa", case_id).tables["pozycje"]
    ended = {r[0]: (r[1], r[-1]) for r in rows}
    meals, company = items[0].service_name, items[1].service_name
    assert ended == {f"{meals} (wersja 1)": ("Bar Smak", "zastąpiona"),
                     f"{meals} (wersja 2)": ("Kuchnia Gminna", "zakończona"),
                     f"{company} (wersje 1, 2)": ("Kuchnia Gminna", "zakończona")}


def test_agreement_is_never_dated_before_the_draft_could_exist(db, case):
    case_id, rid = case  # opened T - 9 days
    vid = _plan(db, case_id, rid)
    with pytest.raises(ValidationError, match="wcześniejsza niż projekt planu"):
        plan_lifecycle.agree(db, vid, T - timedelta(days=10), today=T)
    plan_lifecycle.agree(db, vid, T - timedelta(days=9), today=T)
    plan_lifecycle.approve(db, vid, "Maria Nowak", "dyrektor CUS", T - timedelta(days=2),
                           today=T)
    new = plans.start_update(db, case_id, "Zmiana", rid)
    with pytest.raises(ValidationError, match="wcześniejsza niż projekt planu"):
        plan_lifecycle.agree(db, new.id, T - timedelta(days=3), today=T)  # before v1 approval
    plan_lifecycle.agree(db, new.id, T - timedelta(days=2), today=T)


def test_another_provider_in_an_update_needs_a_new_referral(db, case):
    """An update that moves a running service to another provider starts it again as
    planned, with no referral; the services that stay with their provider keep theirs."""
    from app.cases import steps as case_steps

    case_id, rid = case
    vid = _plan(db, case_id, rid)
    first = partners.save(db, partners.Partner(full_name="Rehabilitacja Sp. z o.o.",
                                               partner_type="firma"))
    other = partners.save(db, partners.Partner(full_name="Fizjo-Med s.c.",
                                               partner_type="firma"))
    items = plans.items(db, vid)
    items[0].partner_id = items[1].partner_id = first
    plans.save_items(db, case_id, items, rid)
    plan_lifecycle.agree(db, vid, T, today=T)
    plan_lifecycle.approve(db, vid, "Maria Nowak", "dyrektor CUS", T, today=T)
    old = plans.items(db, vid)
    case_steps.save_access(db, case_id, [case_steps.Access(i.id, T, "p. Kowal", T)
                                         for i in old[:2]], today=T)

    new = plans.start_update(db, case_id, "Zmiana wykonawcy rehabilitacji", rid)
    copied = plans.items(db, new.id)
    copied[0].partner_id = other
    plans.save_items(db, case_id, copied, rid)

    rows = {r[0]: r[1:] for r in db.execute(
        "SELECT id, status, partner_id FROM plan_items WHERE plan_version_id = ?"
        " AND archived_at IS NULL", [new.id])}
    assert rows[copied[0].id] == ("planowana", other)
    assert rows[copied[1].id] == ("realizowana", first)
    access = case_steps.access_of(db, case_id)
    assert copied[0].id not in access
    assert access[copied[1].id].contacted_person == "p. Kowal"
    # the approved version still shows what happened under it
    assert [i.status for i in plans.items(db, vid)][:2] == ["realizowana", "realizowana"]


def test_an_item_nobody_could_act_on_is_pointed_out(db, case):
    """Before agreeing, each service says who gives it, from when and how often, and the
    provider named offers it."""
    case_id, rid = case
    vid = _plan(db, case_id, rid)
    messages = _messages(db, vid)
    assert "Plan nie" not in messages
    assert messages.count("nie podano wykonawcy") == 3  # the supporting action needs none
    items = plans.items(db, vid)
    items[2].frequency, items[2].start_on = "", None
    pid = partners.save(db, partners.Partner(
        full_name="Opiekunki Sp. z o.o.", partner_type="firma",
        services=[partners.PartnerService(items[1].service_id)]))
    items[0].partner_id = items[1].partner_id = items[2].partner_id = pid
    plans.save_items(db, case_id, items, rid)
    messages = _messages(db, vid)
    assert "nie podano wykonawcy" not in messages
    assert (f"„{items[2].service_name}”: nie podano daty rozpoczęcia, dni, godzin ani "
            "częstotliwości.") in messages
    assert messages.count("nie ma w swojej ofercie") == 2  # items 0 and 2, not the meals
    assert f"usługi „{items[1].service_name}”" not in messages
    # warnings, not errors: the plan can still be agreed
    plan_lifecycle.agree(db, vid, T, today=T)


def test_a_closed_case_closes_its_plan_for_good(db, case):
    """Closing closes every open version, the update begun included: no later change,
    agreement or update, and the provider's week no longer lists the person."""
    from app.cases import closing
    from app.plans import timetable

    case_id, rid = case
    vid, bar = _approved_with_provider(db, case_id, rid)
    update = plans.start_update(db, case_id, "Zmiana godzin", rid)
    assert timetable.provider_week(db, bar, date(2026, 12, 7))  # in force before closing
    db.execute("UPDATE cases SET current_step = 9 WHERE id = ?", [case_id])
    closing.close_case(db, case_id, closing.Closing(T, "Cele osiągnięte", T, "Opis"),
                       confirm_running=True, today=T)
    assert db.execute("SELECT version_no, status FROM plan_versions ORDER BY version_no"
                      ).fetchall() == [(1, "zamkniety"), (2, "zamkniety")]
    with pytest.raises(PlanFrozen, match="Sprawa jest zamknięta"):
        plans.start_update(db, case_id, "Jeszcze jedna zmiana", rid)
    with pytest.raises(PlanFrozen):
        plans.save_items(db, case_id, plans.items(db, update.id), rid)
    with pytest.raises(PlanFrozen):
        plan_lifecycle.agree(db, update.id, T, today=T)
    assert timetable.provider_week(db, bar, date(2026, 12, 7)) == []


def test_referrals_follow_the_service_through_every_update_and_no_further(db, case):
    """A referral stays with its service through any number of updates; another service
    for the same provider, or a status set on purpose, is not touched by step 5."""
    from app.cases import steps as case_steps

    case_id, rid = case
    bar = partners.save(db, partners.Partner(full_name="Bar Smak", partner_type="pes"))
    vid = _plan(db, case_id, rid)
    items = plans.items(db, vid)
    items[0].partner_id = items[1].partner_id = bar
    plans.save_items(db, case_id, items, rid)
    for update in (None, "Druga zmiana", "Trzecia zmiana"):
        if update:
            vid = plans.start_update(db, case_id, update, rid).id
            if update == "Druga zmiana":
                copied = plans.items(db, vid)
                copied[1].service_id = _svc(db, "towarzysza")  # same provider, new service
                plans.save_items(db, case_id, copied, rid)
        plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 12, 1), date(2027, 5, 31)))
        plan_lifecycle.agree(db, vid, T, today=T)
        plan_lifecycle.approve(db, vid, "Maria Nowak", "dyrektor CUS", T, today=T)
        if update is None:
            first = plans.items(db, vid)
            case_steps.save_access(db, case_id, [case_steps.Access(i.id, T, "p. Kowal", T)
                                                 for i in first[:2]], today=T)
    last = plans.items(db, vid)
    access = case_steps.access_of(db, case_id)
    assert access[last[0].id].contacted_person == "p. Kowal"  # two updates later
    assert last[1].id not in access and last[1].status == "planowana"
    # a suspended item stays suspended when step 5 is saved again
    db.execute("UPDATE plan_items SET status = 'zawieszona' WHERE id = ?", [last[0].id])
    case_steps.save_access(db, case_id, [case_steps.Access(last[0].id, T, "p. Kowal", T)],
                           today=T)
    assert db.execute("SELECT status FROM plan_items WHERE id = ?",
                      [last[0].id]).fetchone() == ("zawieszona",)


def test_items_naming_what_does_not_exist_or_belongs_elsewhere_are_refused(db, case):
    """A damaged draft or a script may name anything: a Polish message by item, never a
    raw error from the file, and nothing saved."""
    from app.cases import steps as case_steps

    case_id, rid = case
    vid = _plan(db, case_id, rid)
    other = store.add(db, person(pesel="44051401458"), T)
    app_id = applications.file_application(db, other.id, T - timedelta(days=3), "osoba",
                                           "osobiscie", "Pomoc", today=T)
    other_case = applications.qualify(db, app_id, T - timedelta(days=2), today=T)
    db.execute("INSERT INTO needs (id, created_at, updated_at, case_id, category,"
               " description, priority, identified_on, status) VALUES ('obca', ?, ?, ?,"
               " 'spoleczne', 'Obca potrzeba', 1, ?, 'rozpoznana')",
               [T.isoformat(), T.isoformat(), other_case, T.isoformat()])
    before = _messages(db, vid), len(plans.items(db, vid))
    items = plans.items(db, vid)
    items[0].service_id, items[1].partner_id, items[2].need_id = "nie-ma", "nie-ma", "obca"
    with pytest.raises(ValidationError) as caught:
        plans.save_items(db, case_id, items, rid)
    assert caught.value.errors == {
        "items.1.service_id": "Pozycja 1: nie ma takiej usługi w katalogu.",
        "items.2.partner_id": "Pozycja 2: nie ma takiego wykonawcy.",
        "items.3.need_id": "Pozycja 3: wskazana potrzeba nie należy do tej sprawy."}
    items = plans.items(db, vid)
    with pytest.raises(KoordynatorError, match="innym oknie"):
        plans.save_items(db, case_id, [items[0], items[0]], rid)  # one item twice
    with pytest.raises(ValidationError, match="spoza tej sprawy"):
        plan_lifecycle.save_header(db, vid, PlanHeader(need_ids=("obca",)))
    with pytest.raises(KoordynatorError, match="nie należy do obecnego planu"):
        case_steps.save_access(db, other_case, [case_steps.Access(items[0].id, T)], today=T)
    assert (_messages(db, vid), len(plans.items(db, vid))) == before


def test_nothing_is_planned_outside_the_plans_period(db, case):
    case_id, rid = case
    vid = _plan(db, case_id, rid)  # 01.12.2026 – 31.05.2027
    items = plans.items(db, vid)
    items[0].end_on = "2099-12-31"
    plans.save_items(db, case_id, items, rid)
    plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 12, 1), date(2027, 5, 31),
                                                   date(2100, 1, 1)))
    errors = [c.message for c in plan_lifecycle.checks(db, vid, T) if c.level == "błąd"]
    assert errors == [
        "Termin przeglądu (01.01.2100) wypada poza okresem planu (01.12.2026 – 31.05.2027).",
        f"„{items[0].service_name}” trwa poza okresem planu (01.12.2026 – 31.05.2027) – "
        "popraw daty pozycji albo okres planu."]
    with pytest.raises(ValidationError):
        plan_lifecycle.agree(db, vid, T, today=T)


def test_a_referral_is_only_for_a_service_with_a_provider_in_the_plan_in_force(db, case):
    from app.documents import register

    case_id, rid = case
    vid, bar = _approved_with_provider(db, case_id, rid)
    first = plans.items(db, vid)
    referral = pdf_text.text(register.issue(db, "skierowanie", first[0].id).pdf)
    assert "dni i godziny: poniedziałek, środa 09:00–10:00;" in referral
    for item, why in ((first[1], "z wybranym wykonawcą"),  # a service with no provider
                      (first[3], "z wybranym wykonawcą")):  # a supporting action
        with pytest.raises(ValidationError, match=why):
            register.issue(db, "skierowanie", item.id)
    update = plans.start_update(db, case_id, "Zmiana", rid)
    plans.save_items(db, case_id, plans.items(db, update.id)[1:], rid)  # the first removed
    plan_lifecycle.agree(db, update.id, T, today=T)
    plan_lifecycle.approve(db, update.id, "Maria Nowak", "dyrektor CUS", T, today=T)
    removed = db.execute("SELECT id FROM plan_items WHERE plan_version_id = ? AND"
                         " archived_at IS NOT NULL", [update.id]).fetchone()[0]
    for old in (first[0].id, removed):  # replaced by the update; removed from it
        with pytest.raises(ValidationError, match="nie ma już w obowiązującym planie"):
            register.issue(db, "skierowanie", old)


def test_a_providers_places_count_people_not_versions(db, case):
    case_id, rid = case
    vid = _plan(db, case_id, rid)
    items = plans.items(db, vid)
    pid = partners.save(db, partners.Partner(
        full_name="Rehabilitacja Sp. z o.o.", partner_type="firma",
        services=[partners.PartnerService(items[0].service_id, capacity=1)]))
    items[0].partner_id = pid
    plans.save_items(db, case_id, items, rid)
    plan_lifecycle.agree(db, vid, T, today=T)
    plan_lifecycle.approve(db, vid, "Maria Nowak", "dyrektor CUS", T, today=T)
    update = plans.start_update(db, case_id, "Zmiana godzin", rid)
    assert "miejsc" not in _messages(db, update.id)  # her own place, in both versions


def test_the_printed_ipus_is_dated_when_it_was_agreed(db, case):
    from app.documents import register

    case_id, rid = case
    vid = _plan(db, case_id, rid)
    draft = pdf_text.text(register.issue(db, "ipus", vid, issued_on=T).pdf)
    assert f", dnia {T:%d.%m.%Y}" in draft  # a draft for discussion: the day it is printed
    agreed = T - timedelta(days=3)
    plan_lifecycle.agree(db, vid, agreed, today=T)
    printed = pdf_text.text(register.issue(db, "ipus", vid, issued_on=T).pdf)
    assert f", dnia {agreed:%d.%m.%Y}" in printed and f", dnia {T:%d.%m.%Y}" not in printed


def test_a_plan_agreed_over_the_maximum_is_not_approved_but_returned_to_draft(db, case):
    """A plan agreed when the maximum was longer (or imported) is checked again at
    approval; the director sends it back and it can be corrected and agreed again."""
    case_id, rid = case
    vid = _plan(db, case_id, rid)
    plan_lifecycle.agree(db, vid, T, today=T)
    # as if agreed under older rules: the period now runs past twelve months
    db.execute("UPDATE plan_versions SET valid_to = '2027-12-31' WHERE id = ?", [vid])
    with pytest.raises(ValidationError, match="Planu nie można zatwierdzić: IPUS opracowuje "
                                              "się najwyżej na 12 miesięcy"):
        plan_lifecycle.approve(db, vid, "Maria Nowak", "dyrektor CUS", T, today=T)
    assert db.execute("SELECT status, approved_on FROM plan_versions WHERE id = ?",
                      [vid]).fetchone() == ("uzgodniony", None)
    with pytest.raises(ValidationError, match="co trzeba poprawić"):
        plan_lifecycle.return_to_draft(db, vid, "  ")
    plan_lifecycle.return_to_draft(db, vid, "Okres dłuższy niż 12 miesięcy")
    assert db.execute("SELECT status, agreed_on FROM plan_versions WHERE id = ?",
                      [vid]).fetchone() == ("projekt", None)
    assert db.execute("SELECT status FROM plans").fetchone() == ("projekt",)
    trail = db.execute("SELECT details FROM audit_log WHERE record_id = ? ORDER BY rowid DESC"
                       " LIMIT 1", [vid]).fetchone()[0]
    assert "Okres dłuższy niż 12 miesięcy" in trail
    with pytest.raises(KoordynatorError, match="uzgodniony"):
        plan_lifecycle.return_to_draft(db, vid, "jeszcze raz")
    plan_lifecycle.save_header(db, vid, PlanHeader(date(2026, 12, 1), date(2027, 5, 31),
                                                   date(2027, 2, 28)))
    plan_lifecycle.agree(db, vid, T, today=T)
    plan_lifecycle.approve(db, vid, "Maria Nowak", "dyrektor CUS", T, today=T)
    assert db.execute("SELECT status FROM plan_versions WHERE id = ?",
                      [vid]).fetchone() == ("zatwierdzony",)
