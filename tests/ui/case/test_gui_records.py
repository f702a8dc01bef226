"""The editable lists beside the plan (needs, opinions, access) and the household: each row
holds its own id, so removing a row in the middle leaves every other row's data on its own
record. Each list's model is checked by a tester kept for the whole test."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.cases import steps
from app.people import residents_store as store
from app.people.residents import HouseholdMember
from tests.conftest import add_record, fill_record, person, qualified_case, session_of
from ui.case.wizard import CaseWizard
from ui.register.resident_dialog import ResidentDialog

T = date.today()
FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def _click_row(qtbot, editor, row: int) -> None:
    rect = editor.view.visualRect(editor.model.index(row, 0))
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture
def case_id(db):
    return qualified_case(db, 20)


def _needs(db, case_id) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in db.execute(
        "SELECT id, category, description, priority, person_resources FROM needs"
        " WHERE case_id = ? AND archived_at IS NULL", [case_id])}


def test_removing_the_middle_need_keeps_the_others_on_their_own_ids(qtbot, db, case_id):
    steps.save_contact(db, case_id, T - timedelta(days=15), "wlasny_wniosek", "", "Pomoc w domu",
                       True, T - timedelta(days=15))
    w = CaseWizard(session_of(db), case_id, step=2)
    qtbot.addWidget(w)
    w.show()
    page = w.pages[2]
    tester = QAbstractItemModelTester(page.needs.model, FATAL)  # noqa: F841 - kept alive
    page.assessed_on.setText((T - timedelta(days=10)).strftime("%d.%m.%Y"))
    add_record(qtbot, page.needs, category="zdrowotne", description="Rehabilitacja",
               priority=1, person_resources="chodzi o kulach")
    add_record(qtbot, page.needs, category="społeczne", description="Samotność")
    add_record(qtbot, page.needs, category="zawodowe", description="Szkolenie", priority=3)
    qtbot.mouseClick(w.close_button, Qt.MouseButton.LeftButton)
    first = _needs(db, case_id)
    by_text = {v[1]: k for k, v in first.items()}
    assert sorted(v[1] for v in first.values()) == ["Rehabilitacja", "Samotność", "Szkolenie"]

    w = CaseWizard(session_of(db), case_id, step=2)
    qtbot.addWidget(w)
    w.show()
    page = w.pages[2]
    tester = QAbstractItemModelTester(page.needs.model, FATAL)  # noqa: F841
    middle = [r["description"] for r in page.needs.rows()].index("Samotność")
    _click_row(qtbot, page.needs, middle)
    qtbot.mouseClick(page.needs.remove_button, Qt.MouseButton.LeftButton)
    last = [r["description"] for r in page.needs.rows()].index("Szkolenie")
    _click_row(qtbot, page.needs, last)
    fill_record(qtbot, page.needs, description="Szkolenie komputerowe")
    qtbot.mouseClick(w.close_button, Qt.MouseButton.LeftButton)

    after = _needs(db, case_id)
    assert after == {
        by_text["Rehabilitacja"]: ("zdrowotne", "Rehabilitacja", 1, "chodzi o kulach"),
        by_text["Szkolenie"]: ("zawodowe", "Szkolenie komputerowe", 3, ""),
    }


def test_a_removed_household_member_takes_only_his_own_id(qtbot, db):
    r = store.add(db, person(household=[HouseholdMember("Nowak", "Anna", "córka"),
                                        HouseholdMember("Nowak", "Jan", "zięć"),
                                        HouseholdMember("Nowak", "Ola", "wnuczka",
                                                        "2010-03-04")]))
    ids = {m.first_name: m.id for m in store.get(db, r.id).household}
    dialog = ResidentDialog(session_of(db), store.get(db, r.id))
    qtbot.addWidget(dialog)
    dialog.show()
    tester = QAbstractItemModelTester(dialog.household.model, FATAL)  # noqa: F841
    dialog.tabs.setCurrentIndex(1)
    _click_row(qtbot, dialog.household, 1)
    qtbot.mouseClick(dialog.household.remove_button, Qt.MouseButton.LeftButton)
    _click_row(qtbot, dialog.household, 1)
    assert dialog.household.inputs["first_name"].text() == "Ola"
    fill_record(qtbot, dialog.household, relation="wnuczka (uczy się w Żabnie)")
    assert dialog.save() is True
    stored = db.execute("SELECT id, first_name, relation, birth_date FROM household_members"
                        " WHERE resident_id = ? AND archived_at IS NULL ORDER BY first_name",
                        [r.id]).fetchall()
    assert stored == [(ids["Anna"], "Anna", "córka", None),
                      (ids["Ola"], "Ola", "wnuczka (uczy się w Żabnie)", "2010-03-04")]


def test_a_calendar_puts_the_chosen_day_into_a_date_field(qtbot):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QTableView

    from ui.common.widgets import DateField

    field = DateField(label="Data")
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(T.year, T.month, T.day)
    calendar.setSelectedDate(QDate(2026, 5, 18))
    days = calendar.findChild(QTableView)  # the grid of days holds the keyboard
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert field.text() == "18.05.2026"
    field.calendar_action.trigger()  # the icon opens it as well
    assert calendar.isVisible()
    qtbot.keyClick(days, Qt.Key.Key_Escape)
    assert not calendar.isVisible()
    assert field.text() == "18.05.2026"


def test_a_draft_left_by_the_earlier_grid_comes_back_into_the_lists(qtbot, db, case_id):
    """Needs typed into the old step-2 grid and left unsaved are not dropped by the new
    lists: the draft's cells are read into rows."""
    from app.casefile.cases import save_draft

    steps.save_contact(db, case_id, T - timedelta(days=15), "wlasny_wniosek", "",
                       "Pomoc w domu", True, T - timedelta(days=15))
    save_draft(db, case_id, 2, {"assessed_on": "", "general": {},
                                "needs": [["zdrowotne", "Rehabilitacja", "1", "chodzi", None]],
                                "opinions": [["dr Zając", "lekarz", "02.11.2026", "ok", None]]})
    w = CaseWizard(session_of(db), case_id, step=2)
    qtbot.addWidget(w)
    page = w.pages[2]
    assert [(r["category"], r["description"], r["priority"]) for r in page.needs.rows()] == [
        ("zdrowotne", "Rehabilitacja", "1")]
    assert page.opinions.rows()[0]["specialist_name"] == "dr Zając"


def _at_step_3(db, case_id) -> list[steps.Need]:
    steps.save_contact(db, case_id, T - timedelta(days=15), "wlasny_wniosek", "",
                       "Pomoc w domu", True, T - timedelta(days=15))
    steps.save_assessment(db, case_id, steps.Assessment(T - timedelta(days=10), {}, [
        steps.Need("zdrowotne", "Dowóz do lekarza specjalisty", 1),
        steps.Need("spoleczne", "Samotność", 2),
        steps.Need("kulturalne", "Brak dojazdu do biblioteki", 3)]))
    return steps.needs_of(db, case_id)


def test_step_3_choices_are_records_with_whole_names_and_services_of_the_need(qtbot, db,
                                                                              case_id):
    needs = _at_step_3(db, case_id)
    w = CaseWizard(session_of(db), case_id, step=3)
    qtbot.addWidget(w)
    w.show()
    page = w.pages[3]
    tester = QAbstractItemModelTester(page.records.model, FATAL)  # noqa: F841 - kept alive
    qtbot.mouseClick(page.suggest_button, Qt.MouseButton.LeftButton)
    assert [r["need_id"] for r in page.records.rows()] == [n.id for n in needs]
    # the list reads whole names: the need and the service with its area
    listed = [page.records.model.index(0, c).data() for c in range(2)]
    assert listed[0] == "Dowóz do lekarza specjalisty"
    assert listed[1].startswith("Usługi „towarzysza”") and listed[1].endswith(")")
    # the services offered for a cultural need start with the cultural area's services
    _click_row(qtbot, page.records, 2)
    combo = page.records.inputs["service_id"]
    first = db.execute("SELECT s.name FROM services s JOIN service_areas a ON a.code ="
                       " s.area_code WHERE a.name LIKE '%kultur%' ORDER BY s.name").fetchall()
    assert combo.itemText(1).split(" (")[0] in {r[0] for r in first}
    # the middle row removed, the third rejected with a reason; each keeps its own need
    _click_row(qtbot, page.records, 1)
    qtbot.mouseClick(page.records.remove_button, Qt.MouseButton.LeftButton)
    _click_row(qtbot, page.records, 1)
    fill_record(qtbot, page.records, chosen=False, reason="Brak wolnych miejsc")
    page.unmet.item(1).setCheckState(Qt.CheckState.Checked)
    page.unmet.item(2).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)
    assert w.current == 4, w.errors.text()
    stored = db.execute(
        "SELECT n.description, s.name, m.chosen, m.reason FROM need_matches m"
        " JOIN needs n ON n.id = m.need_id LEFT JOIN services s ON s.id = m.service_id"
        " WHERE n.case_id = ? AND m.archived_at IS NULL ORDER BY m.rowid", [case_id]).fetchall()
    assert [(r[0], r[2], r[3]) for r in stored] == [
        ("Dowóz do lekarza specjalisty", 1, None),
        ("Brak dojazdu do biblioteki", 0, "Brak wolnych miejsc")]
    assert stored[0][1] == "Usługi „towarzysza”"


def test_step_3_follows_needs_added_at_step_2_and_refuses_a_row_without_a_need(qtbot, db,
                                                                             case_id):
    _at_step_3(db, case_id)
    w = CaseWizard(session_of(db), case_id, step=3)
    qtbot.addWidget(w)
    w.show()
    page = w.pages[3]
    assert page.unmet.count() == 3
    qtbot.mouseClick(w.back, Qt.MouseButton.LeftButton)
    add_record(qtbot, w.pages[2].needs, category="inne", description="Zimne mieszkanie")
    qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)
    assert w.current == 3, w.errors.text()
    page = w.pages[3]  # pages after a saved step are built anew from what was saved
    assert "Zimne mieszkanie" in [page.unmet.item(i).text() for i in range(page.unmet.count())]
    qtbot.mouseClick(page.records.add_button, Qt.MouseButton.LeftButton)
    assert "Zimne mieszkanie" in [page.records.inputs["need_id"].itemText(i) for i in
                                  range(page.records.inputs["need_id"].count())]
    qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)
    assert w.current == 3 and "Pozycja 1: wybierz potrzebę" in w.errors.text()
