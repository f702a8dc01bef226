"""RODO: access (export), restriction, retention and anonymisation on confirmation."""

import json
from datetime import date

import pytest

from app.audit import trail as audit
from app.cli import admin as admin_cli
from app.core.errors import KoordynatorError, RestrictedProcessing
from app.core.ids import new_id, now_iso
from app.people import residents_store as store
from app.people.residents import HouseholdMember
from app.privacy import rodo
from app.settings import store as settings_store
from app.settings.values import retention_years
from tests import pdf_text
from tests.conftest import TODAY, person


def _case(db, resident_id, closed_on=None):
    cid, stamp = new_id(), now_iso()
    db.execute(
        "INSERT INTO cases (id, created_at, updated_at, resident_id, opened_on, status,"
        " closed_on, current_step) VALUES (?, ?, ?, ?, '2012-01-10', ?, ?, 9)",
        [cid, stamp, stamp, resident_id, "zamknieta" if closed_on else "otwarta", closed_on])
    db.execute(
        "INSERT INTO needs (id, created_at, updated_at, case_id, category, description,"
        " identified_on) VALUES (?, ?, ?, ?, 'zdrowotne', 'Rehabilitacja po udarze',"
        " '2012-01-12')", [new_id(), stamp, stamp, cid])
    db.conn.commit()
    return cid


def test_export_holds_everything_about_the_person(db, tmp_path):
    r = store.add(db, person(household=[HouseholdMember("Żółkiewska", "Grażyna", "żona")]),
                  TODAY)
    _case(db, r.id)
    json_path, pdf_path = rodo.export_person(db, r.id, tmp_path / "eksport")
    data = json.loads(json_path.read_text(encoding="utf-8"))["dane"]
    assert data["Dane osobowe"][0]["pesel"] == "44051401359"
    assert data["Gospodarstwo domowe"][0]["first_name"] == "Grażyna"
    assert data["Potrzeby"][0]["description"] == "Rehabilitacja po udarze"
    assert [e["action"] for e in data["Dziennik zdarzeń"]] == ["utworzenie"]
    printed = pdf_text.text(pdf_path)
    for expected in ("Informacja o przetwarzanych danych osobowych", "Żółkiewski",
                     "44051401359", "Grażyna", "Rehabilitacja po udarze", "14.05.1944",
                     "Strona 1 z"):
        assert expected in printed
    assert audit.entries_for(db, resident_id=r.id)[0].action == "eksport"


def test_restriction_blocks_changes_but_keeps_the_record(db):
    r = store.add(db, person(), TODAY)
    rodo.set_restriction(db, r.id, True, "wniosek osoby z 01.02.2026")
    r = store.get(db, r.id)
    r.phone = "700 000 000"
    with pytest.raises(RestrictedProcessing, match="art. 18"):
        store.update(db, r, TODAY)
    with pytest.raises(RestrictedProcessing):
        store.archive(db, r.id)
    assert store.get(db, r.id).phone == "600 123 456"
    rodo.set_restriction(db, r.id, False)
    store.update(db, r, TODAY)
    assert store.get(db, r.id).phone == "700 000 000"


@pytest.mark.parametrize("category, years", [("A", None), ("B10", 10), ("BE5", 5),
                                             ("Bc", 0), ("B50", 50)])
def test_jrwa_categories(category, years):
    assert retention_years(category) == years


def test_unknown_category_is_refused_in_settings(db):
    errors = settings_store.save(db, {"retention_cases": "X7"})
    assert "Nieznana kategoria" in errors["retention_cases"]


def test_retention_counts_from_first_january_after_closing(db):
    r = store.add(db, person(), TODAY)
    _case(db, r.id, closed_on="2015-06-30")
    # B10: kept until 1 January 2026 (closed in 2015 → counted from 1.1.2016)
    assert rodo.closed_cases_past_retention(db, date(2025, 12, 31)) == []
    expired = rodo.closed_cases_past_retention(db, date(2026, 1, 1))
    assert [e.resident_id for e in expired] == [r.id]
    settings_store.save(db, {"retention_cases": "A"})
    assert rodo.closed_cases_past_retention(db, date(2040, 1, 1)) == []


def test_anonymisation_only_when_every_case_expired_and_is_audited(db):
    r = store.add(db, person(), TODAY)
    _case(db, r.id, closed_on="2012-03-01")
    open_case = _case(db, r.id)
    with pytest.raises(KoordynatorError, match="nie wszystkie sprawy"):
        rodo.anonymise_resident(db, r.id, TODAY)
    db.execute("UPDATE cases SET status='zamknieta', closed_on='2013-05-05' WHERE id=?",
               [open_case])
    db.conn.commit()
    rodo.anonymise_resident(db, r.id, TODAY)
    gone = store.get(db, r.id)
    assert (gone.surname, gone.pesel, gone.phone) == ("ANONIMIZOWANO", "", "")
    assert store.search(db, "zolkiewski") == [] and store.search(db, "44051401359") == []
    assert audit.entries_for(db, resident_id=r.id)[0].details.startswith('{"anonimizacja"')
    assert audit.verify_chain(db) == []


def test_admin_export_person(tmp_path, capsys):
    path = tmp_path / "k.db"
    admin_cli.main(["demo", "--residents", "30", "--db", str(path)])
    from app.storage.opening import connect

    db = connect(path)
    rid = store.search(db, "", limit=1)[0].id
    db.conn.close()
    out = tmp_path / "wniosek"
    assert admin_cli.main(["export-person", "--db", str(path), "--id", rid,
                           "--out", str(out)]) == 0
    assert len(list(out.glob("*.json"))) == 1 and len(list(out.glob("*.pdf"))) == 1
    assert admin_cli.main(["export-person", "--db", str(path), "--id", "brak",
                           "--out", str(out)]) == 2


def test_restriction_stops_the_case_workflow_too(db):
    from app.cases import applications
    from app.cases import steps as case_steps
    from app.plans import store as plans

    r = store.add(db, person(), TODAY)
    app_id = applications.file_application(db, r.id, date(2026, 11, 1), "osoba", "telefon",
                                           "Pomoc", today=TODAY)
    case_id = applications.qualify(db, app_id, date(2026, 11, 2), today=TODAY)
    rodo.set_restriction(db, r.id, True, "wniosek osoby")
    with pytest.raises(RestrictedProcessing):
        case_steps.save_contact(db, case_id, date(2026, 11, 3), "wlasny_wniosek", "", "Pomoc",
                                True, date(2026, 11, 3), today=TODAY)
    with pytest.raises(RestrictedProcessing):
        plans.save_items(db, case_id, [plans.PlanItem(kind="dzialanie_wspierajace",
                                                      description="Sąsiad")], r.id)
    with pytest.raises(RestrictedProcessing):
        applications.file_application(db, r.id, date(2026, 11, 5), "osoba", "telefon", "X",
                                      today=TODAY)
    assert case_steps.contact_dates(db, case_id) == (None, None)  # nothing was written
