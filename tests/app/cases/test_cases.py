"""Applications and the nine steps in the domain layer: what each step stores and refuses."""

import json
from datetime import date, timedelta

import pytest

from app.casefile.cases import cases_for_resident, get_case, load_draft, save_draft
from app.cases import applications, service_card, today
from app.cases import closing as case_closing
from app.cases import steps as case_steps
from app.core.errors import KoordynatorError, ValidationError
from app.people import residents_store as store
from app.plans import lifecycle as plan_lifecycle
from app.plans import store as plans
from tests.conftest import TODAY, person

D = date(2026, 9, 1)


@pytest.fixture
def resident(db):
    return store.add(db, person(), TODAY)


def _service(db, name="Pomoc domowa i opieka domowa"):
    return db.execute("SELECT id FROM services WHERE name = ?", [name]).fetchone()[0]


def test_applications_wait_in_order_and_are_decided(db, resident):
    other = store.add(db, person(surname="Nowak", pesel="02270886201"), TODAY)
    late = applications.file_application(db, resident.id, D + timedelta(days=3), "osoba",
                                         "telefon", "Opieka", today=TODAY)
    early = applications.file_application(db, other.id, D, "instytucja", "pismo",
                                          "Dowóz posiłków", "GOPS Żabno", today=TODAY)
    assert [a.id for a in applications.waiting(db, TODAY)] == [early, late]
    with pytest.raises(ValidationError) as err:
        applications.file_application(db, resident.id, TODAY + timedelta(days=1), "opiekun",
                                      "email", "", today=TODAY)
    assert set(err.value.errors) == {"filed_on", "request", "filed_by_name"}
    applications.refuse(db, early, D + timedelta(days=5), "Poza programem", today=TODAY)
    with pytest.raises(KoordynatorError, match="już rozpatrzony"):
        applications.qualify(db, early, D + timedelta(days=6), today=TODAY)
    applications.transfer(db, late, D + timedelta(days=7), "Zespół interdyscyplinarny",
                          D + timedelta(days=6), today=TODAY)
    assert applications.waiting(db, TODAY) == []
    consent = db.execute("SELECT kind, given, decided_on FROM consents").fetchone()
    assert consent == ("przekazanie_wniosku", 1, (D + timedelta(days=6)).isoformat())


def test_whole_case_through_nine_steps(db, resident):
    app_id = applications.file_application(db, resident.id, D, "osoba", "osobiscie",
                                           "Pomoc w domu po udarze", today=TODAY)
    case_id = applications.qualify(db, app_id, D + timedelta(days=1), today=TODAY)
    case = get_case(db, case_id)
    assert case.case_number == "CUS/2026/0001" and case.request == "Pomoc w domu po udarze"

    with pytest.raises(ValidationError) as err:
        case_steps.save_contact(db, case_id, D - timedelta(days=30), "skierowanie", "", "",
                                None, None, today=TODAY)
    assert {"contact_on", "referred_by", "request", "consent", "consent_on"} <= set(
        err.value.errors)
    case_steps.save_contact(db, case_id, D + timedelta(days=2), "skierowanie",
                            "Lekarz rodzinny", "Pomoc w domu", True, D + timedelta(days=2),
                            today=TODAY)
    assert get_case(db, case_id).consent is True

    a = case_steps.Assessment(D + timedelta(days=5), {"education": "średnie",
                                                      "health": "po udarze"},
                              [case_steps.Need("zdrowotne", "Rehabilitacja", 1, "rodzina"),
                               case_steps.Need("spoleczne", "Samotność", 2),
                               case_steps.Need("kulturalne", "Brak dojazdu do biblioteki", 3)],
                              [case_steps.Opinion("dr Anna Zając", "fizjoterapeutka",
                                                  D + timedelta(days=4), "Wskazana terapia")])
    case_steps.save_assessment(db, case_id, a, today=TODAY)
    needs = case_steps.needs_of(db, case_id)
    assert [n.description for n in needs] == ["Rehabilitacja", "Samotność",
                                              "Brak dojazdu do biblioteki"]

    rehab = _service(db, "Usługi rehabilitacyjne")
    with pytest.raises(ValidationError, match="niezaspokojona"):
        case_steps.save_resources(db, case_id, [case_steps.Match(needs[0].id, rehab, None,
                                                                  True)], [], today=TODAY)
    case_steps.save_resources(db, case_id, [
        case_steps.Match(needs[0].id, rehab, None, True),
        case_steps.Match(needs[1].id, _service(db, "Usługi „towarzysza”"), None, True),
        case_steps.Match(needs[1].id, _service(db), None, False, "Osoba nie chce"),
    ], [needs[2].id], today=TODAY)
    assert case_steps.needs_of(db, case_id)[2].status == "niezaspokojona"

    case_steps.save_plan(db, case_id, [
        plans.PlanItem(service_id=rehab, need_id=needs[0].id, frequency="2 × w tygodniu",
                       start_on="2026-09-15", end_on="2027-03-15"),
        plans.PlanItem(kind="dzialanie_wspierajace", description="Sąsiadka robi zakupy",
                       need_id=needs[1].id)])
    version = plans.current_version(db, case_id)
    items = plans.items(db, version.id)
    assert len(items) == 2 and version.version_no == 1
    plan_lifecycle.save_header(db, version.id, plan_lifecycle.PlanHeader(
        date(2026, 9, 15), date(2027, 3, 15), date(2026, 12, 15)))
    plan_lifecycle.agree(db, version.id, D + timedelta(days=12), today=TODAY)
    plan_lifecycle.approve(db, version.id, "Maria Nowak", "dyrektor CUS", D + timedelta(days=13),
                           today=TODAY)

    case_steps.save_access(db, case_id, [case_steps.Access(items[0].id, D + timedelta(days=14),
                                                           "p. Kowal", D + timedelta(days=20))],
                           today=TODAY)
    assert plans.items(db, version.id)[0].status == "realizowana"
    case_closing.add_event(db, case_id, "monitorowanie",
                         case_closing.Event(D + timedelta(days=40), "Postępy w chodzeniu"),
                         today=TODAY)
    case_closing.add_event(db, case_id, "rzecznictwo",
                         case_closing.Event(D + timedelta(days=41), action_taken="Pismo do PCPR",
                                          result="Przyznano dofinansowanie"), today=TODAY)
    ratings = {"reliability": 5, "responsiveness": 4, "assurance": 5, "empathy": 5,
               "tangibles": 4}
    with pytest.raises(ValidationError, match="dlaczego plan się zmienia"):
        case_closing.save_evaluation(db, case_id, case_closing.Evaluation(
            items[0].id, D + timedelta(days=60), ratings, "Częściowo", "modyfikacja"),
            today=TODAY)
    step = case_closing.save_evaluation(db, case_id, case_closing.Evaluation(
        items[0].id, D + timedelta(days=60), ratings, "Częściowo", "modyfikacja",
        "Więcej rehabilitacji:\nteraz 3 razy w tygodniu"), today=TODAY)
    assert plans.versions(db, case_id)[1].change_summary == (
        f"Okresowa ocena z {(D + timedelta(days=60)):%d.%m.%Y}: Więcej rehabilitacji: teraz 3 "
        "razy w tygodniu")
    assert step == 4 and get_case(db, case_id).current_step == 4
    assert [v.version_no for v in plans.versions(db, case_id)] == [1, 2]
    assert len(plans.items(db, plans.versions(db, case_id)[0].id)) == 2  # old one intact

    with pytest.raises(case_closing.RunningServices, match="realizowane usługi"):
        case_closing.close_case(db, case_id, case_closing.Closing(
            D + timedelta(days=70), "Cele osiągnięte", D + timedelta(days=70), "Opis"),
            today=TODAY)
    with pytest.raises(ValidationError) as err:
        case_closing.close_case(db, case_id, case_closing.Closing(
            D - timedelta(days=1), "", D + timedelta(days=2), ""), today=TODAY)
    assert {"closed_on", "reason", "course_and_results"} <= set(err.value.errors)
    follow_up = case_closing.close_case(db, case_id, case_closing.Closing(
        D + timedelta(days=70), "Cele osiągnięte", D + timedelta(days=69),
        "Osoba chodzi samodzielnie."), confirm_running=True, today=TODAY)
    assert follow_up == date(2027, 5, 10)  # six calendar months after closing on 10.11.2026
    closed = get_case(db, case_id)
    assert (closed.status, closed.closed_on) == ("zamknieta", "2026-11-10")
    assert cases_for_resident(db, resident.id)[0].id == case_id  # closed cases stay visible

    due = [r for r in today.reminders(db, follow_up) if r.kind == "monitoring_po"]
    assert [(r.case_id, r.step) for r in due] == [(case_id, 9)]

    card = service_card.build(db, case_id)
    titles = [e.title for e in card.entries]
    for expected in ("Nawiązanie kontaktu", "Potrzeba (zdrowotne)", "Opinia: fizjoterapeutka",
                     "Zapewnienie dostępu", "Monitorowanie", "Rzecznictwo", "Okresowa ocena",
                     "Rozmowa podsumowująca", "Zamknięcie sprawy"):
        assert expected in titles
    assert [e.on for e in card.entries] == sorted(e.on for e in card.entries)
    assert card.general["health"] == "po udarze"
    steps_logged = {json.loads(d).get("krok") for (d,) in db.execute(
        "SELECT details FROM audit_log WHERE details LIKE '%krok%'")}
    assert {1, 2, 3, 4, 5, 6, 7, 8, 9} <= steps_logged


def test_refused_consent_keeps_only_what_the_case_needs(db, resident):
    from app.casefile.cases import open_case

    case_id = open_case(db, resident.id, D)
    case_steps.save_contact(db, case_id, D, "wlasny_wniosek", "", "Pomoc", False, D,
                            today=TODAY)
    with pytest.raises(ValidationError) as err:
        case_steps.save_assessment(db, case_id, case_steps.Assessment(
            D, {"health": "cukrzyca"}, [case_steps.Need("zdrowotne", "Leki")]), today=TODAY)
    assert "nie zgodziła się" in err.value.errors["consent"]
    case_steps.save_assessment(db, case_id, case_steps.Assessment(
        D, {}, [case_steps.Need("zdrowotne", "Leki")]), today=TODAY)
    assert case_steps.general_of(db, case_id) == {}


def test_drafts_keep_what_was_typed(db, resident):
    from app.casefile.cases import open_case

    case_id = open_case(db, resident.id, D)
    save_draft(db, case_id, 2, {"education": "wyższe", "needs": [["zdrowotne", "x", 1]]})
    assert load_draft(db, case_id, 2)["education"] == "wyższe"


def test_today_list_kinds(db, resident):
    from app.casefile.cases import open_case

    app_id = applications.file_application(db, resident.id, TODAY - timedelta(days=27),
                                           "osoba", "telefon", "Pomoc", today=TODAY)
    case_id = applications.qualify(db, app_id, TODAY - timedelta(days=26), today=TODAY)
    kinds = {r.kind: r for r in today.reminders(db, TODAY)}
    assert kinds["termin_planu"].case_id == case_id and kinds["termin_planu"].step == 4
    assert "zostało 3 dni" in kinds["termin_planu"].text
    assert kinds["zgoda"].step == 1
    late = {r.kind: r for r in today.reminders(db, TODAY + timedelta(days=40))}
    assert "po terminie o 37 dni" in late["termin_planu"].text
    open_case(db, resident.id, TODAY)
    assert len([r for r in today.reminders(db, TODAY) if r.kind == "zgoda"]) == 2


@pytest.mark.parametrize("need, areas, expected", [
    ("Rehabilitacja ruchowa", (5, 6), "Usługi rehabilitacyjne"),
    ("Dowóz posiłków", (4,), "Przygotowywanie i dowóz posiłków"),
    ("Opieka wytchnieniowa dla córki", (6,), "Usługa wytchnieniowa (krótkie urlopy opiekunów)"),
    ("Samotność, brak kontaktów", (4, 11), "Budowanie relacji społecznych i interpersonalnych"),
    # by meaning: "dowóz" alone is shared with meals, the doctor is not
    ("Dowóz do lekarza specjalisty", (5,), "Usługi „towarzysza”"),
    ("Dowóz obiadów", (4,), "Przygotowywanie i dowóz posiłków"),
    ("Potrzebuje kogoś, kto zrobi zakupy i posprząta", (4,), "Pomoc domowa i opieka domowa"),
    ("Szuka pracy, jest bezrobotny", (14,), None),
])
def test_catalogue_suggests_a_service_for_a_need(db, need, areas, expected):
    from app.catalogue import services as catalogue

    found = catalogue.suggest(db, need, areas)
    if expected is None:  # only the kind of service matters here: employment
        assert "zawod" in found.name.lower() or "zatrudn" in found.name.lower(), found.name
    else:
        assert found.name == expected


def test_demo_data_added_twice_and_a_real_case_never_share_a_number(db):
    from app.cases import applications
    from app.demo import generate as demo
    from app.people import residents_store as store
    from tests.conftest import person

    demo.build(db, 150, seed=1, today=TODAY)
    demo.build(db, 150, seed=2, today=TODAY)
    r = store.add(db, person(pesel="", id_document="XYZ1", birth_date="1950-01-01"))
    app_id = applications.file_application(db, r.id, TODAY, "osoba", "osobiscie", "Pomoc",
                                           today=TODAY)
    applications.qualify(db, app_id, TODAY, today=TODAY)
    assert db.execute("SELECT case_number, count(*) FROM cases GROUP BY case_number"
                      " HAVING count(*) > 1").fetchall() == []


def test_messages_name_the_field_and_row_as_the_form_does(db):
    from app.people import residents_store as store
    from tests.conftest import person

    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, TODAY - timedelta(days=3), "osoba",
                                           "osobiscie", "Pomoc", today=TODAY)
    with pytest.raises(ValidationError) as caught:
        applications.qualify(db, app_id, TODAY + timedelta(days=1), today=TODAY)
    assert caught.value.errors["decided_on"].startswith("Data zakwalifikowania:")
    with pytest.raises(ValidationError) as caught:
        applications.refuse(db, app_id, TODAY - timedelta(days=5), "Spoza gminy", today=TODAY)
    assert caught.value.errors["decided_on"].startswith("Data decyzji:")


def test_an_access_error_names_the_service_row(db):
    from app.catalogue import services as catalogue
    from app.people import residents_store as store
    from app.plans import store as plans
    from tests.conftest import person

    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, TODAY - timedelta(days=20), "osoba",
                                           "osobiscie", "Pomoc", today=TODAY)
    case_id = applications.qualify(db, app_id, TODAY - timedelta(days=19), today=TODAY)
    meals = catalogue.services(db, words="posilkow")[0].id
    vid = plans.save_items(db, case_id, [plans.PlanItem(service_id=meals),
                                         plans.PlanItem(service_id=meals)], r.id)
    second = plans.items(db, vid)[1].id
    with pytest.raises(ValidationError) as caught:
        case_steps.save_access(db, case_id, [case_steps.Access(
            second, TODAY - timedelta(days=2), "", TODAY - timedelta(days=5))], today=TODAY)
    assert list(caught.value.errors.values()) == [
        "Usługa 1: nie mogła zacząć się przed skierowaniem."]


def test_a_step_saved_again_leaves_one_entry_on_the_card_and_one_consent(db):
    """Pressing "Zapisz i dalej" on step 1 twice must not put "Nawiązanie kontaktu" on the
    card twice; a correction replaces the entry (the earlier one archived, not shown)."""
    from tests.conftest import qualified_case

    case_id = qualified_case(db, 10)
    on = TODAY - timedelta(days=5)
    for request in ("Pomoc w domu", "Pomoc w domu", "Pomoc w domu i zakupy"):
        case_steps.save_contact(db, case_id, on, "wlasny_wniosek", "", request, True, on,
                                today=TODAY)
    shown = db.execute("SELECT content FROM card_entries WHERE case_id = ? AND step = 1 AND"
                       " archived_at IS NULL", [case_id]).fetchall()
    assert len(shown) == 1 and "zakupy" in shown[0][0]
    assert db.execute("SELECT count(*) FROM card_entries WHERE case_id = ? AND step = 1",
                      [case_id]).fetchone()[0] == 2  # the first wording kept, archived
    assert db.execute("SELECT count(*) FROM consents WHERE case_id = ?",
                      [case_id]).fetchone()[0] == 1


def test_an_opinion_may_predate_the_case_but_not_today(db):
    from tests.conftest import qualified_case

    case_id = qualified_case(db, 10)
    opened = date.fromisoformat(db.execute("SELECT opened_on FROM cases WHERE id = ?",
                                           [case_id]).fetchone()[0])
    case_steps.save_contact(db, case_id, opened, "wlasny_wniosek", "", "Pomoc", True, opened,
                            today=TODAY)
    need = [case_steps.Need("zdrowotne", "Rehabilitacja", 1)]
    early = case_steps.Opinion("dr Anna Zając", "lekarz rodzinny",
                               opened - timedelta(days=1), "Wskazana rehabilitacja")
    case_steps.save_assessment(db, case_id, case_steps.Assessment(opened, {}, need, [early]),
                               today=TODAY)
    late = case_steps.Opinion("dr Anna Zając", "lekarz rodzinny", TODAY + timedelta(days=1),
                              "x")
    with pytest.raises(ValidationError, match="przyszłości"):
        case_steps.save_assessment(db, case_id, case_steps.Assessment(opened, {}, need, [late]),
                                   today=TODAY)


def test_a_request_typed_as_a_sentence_reads_with_one_full_stop_on_the_card(db):
    from app.cases import service_card
    from tests.conftest import qualified_case

    case_id = qualified_case(db, 10)
    on = TODAY - timedelta(days=5)
    case_steps.save_contact(db, case_id, on, "wlasny_wniosek", "", "Pomoc w domu.", True, on,
                            today=TODAY)
    ratings = dict.fromkeys(case_closing.RATINGS, 4)
    db.execute("UPDATE cases SET current_step = 8 WHERE id = ?", [case_id])
    case_closing.save_evaluation(db, case_id, case_closing.Evaluation(
        None, TODAY, ratings, "Cele osiągnięte.", "kontynuacja"), today=TODAY)
    card = service_card.build(db, case_id)
    shown = " ".join(e.text for e in card.entries)
    assert ".." not in shown and ".." not in service_card.as_html(card)
    assert "Prośba: Pomoc w domu. Zgoda" in shown and "Cele osiągnięte. Oceny" in shown


def test_a_plan_already_over_is_said_to_be_over_not_ending(db):
    """"Plan kończy się najpóźniej za 30 dni" stood beside a plan that ended last month."""
    from datetime import date as day

    from app.core.validation import format_date
    from app.demo import generate as demo

    demo.build(db, 300, seed=4, today=TODAY)
    valid_to = db.execute("SELECT max(v.valid_to) FROM plan_versions v JOIN plans p ON p.id ="
                          " v.plan_id JOIN cases c ON c.id = p.case_id WHERE v.status ="
                          " 'zatwierdzony' AND c.status = 'otwarta'").fetchone()[0]
    later = day.fromisoformat(valid_to) + timedelta(days=3)
    ended = [r for r in today.reminders(db, later) if r.kind == "koniec_planu"
             and r.due == valid_to]
    assert ended and ended[0].text.startswith(f"Plan wygasł {format_date(valid_to)}")
    assert "najpóźniej za" not in ended[0].kind_label
    coming = [r for r in today.reminders(db, later - timedelta(days=10))
              if r.kind == "koniec_planu" and r.due == valid_to]
    assert coming[0].text == f"Plan obowiązuje do {format_date(valid_to)}"
