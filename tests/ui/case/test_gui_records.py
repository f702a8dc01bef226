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
