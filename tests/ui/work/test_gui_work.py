"""The day's work in the main window: the "Na dziś" list, the applications register and a
resident's applications and cases."""

from datetime import date, timedelta

import pytest

from app.casefile import cases
from app.cases import applications
from app.core.validation import format_date
from app.people import residents_store as store
from tests.conftest import person, session_of
from ui.shell.main_window import MainWindow

T = date.today()


@pytest.fixture
def window(qtbot, db, db_path):
    win = MainWindow(session_of(db))
    qtbot.addWidget(win)
    win.show()
    win.load()
    return win


def _fill_and_accept(**values):
    def run(dialog):
        for key, value in values.items():
            widget = dialog.widgets[key]
            if hasattr(widget, "setPlainText"):
                widget.setPlainText(value)
            elif hasattr(widget, "setCurrentIndex") and not hasattr(widget, "setText"):
                widget.setCurrentIndex(widget.findData(value))
            else:
                widget.setText(value)
        return dialog.try_accept()
    return run


def test_application_filed_from_the_register_then_qualified(qtbot, window, db):
    r = store.add(db, person())
    window.run_search()
    window.table.selectRow(0)
    dialog = window.open_resident_cases()
    qtbot.addWidget(dialog)
    bad = _fill_and_accept(filed_on=format_date(T + timedelta(days=2)), request="")
    assert dialog.new_application(bad) is False
    ok = _fill_and_accept(filed_on=format_date(T - timedelta(days=3)),
                          request="Opieka wytchnieniowa dla żony")
    assert dialog.new_application(ok) is True
    assert dialog.apps.rowCount() == 1 and dialog.apps.item(0, 2).text() == "oczekuje"

    window.refresh_work()
    assert window.tabs.tabText(2).replace("&", "") == "Wnioski (1)"
    page = window.applications_page
    window.tabs.setCurrentWidget(page)  # its table fills when the tab is opened
    assert page.table.item(0, 2).text() == "Łukasz Żółkiewski"
    assert page.table.item(0, 1).text() == "3"
    page.table.selectRow(0)
    opened = []
    page.case_opened.disconnect()
    page.case_opened.connect(opened.append)
    assert page.qualify_selected(_fill_and_accept(decided_on=format_date(T))) is True
    assert len(opened) == 1 and cases.get_case(db, opened[0]).resident_id == r.id
    assert page.table.rowCount() == 0


def test_refusal_needs_a_reason_and_transfer_records_consent(qtbot, window, db):
    r = store.add(db, person())
    for request in ("Pierwszy", "Drugi"):
        applications.file_application(db, r.id, T - timedelta(days=5), "osoba", "telefon",
                                      request)
    page = window.applications_page
    page.refresh()
    page.table.selectRow(0)
    assert page.refuse_selected(_fill_and_accept(reason="")) is False
    assert page.refuse_selected(_fill_and_accept(reason="Osoba spoza gminy")) is True
    page.table.selectRow(0)
    assert page.transfer_selected(_fill_and_accept(
        to="Zespół interdyscyplinarny", consent_on=format_date(T - timedelta(days=1)))) is True
    statuses = sorted(a.status for a in applications.for_resident(db, r.id))
    assert statuses == ["odmowa", "przekazany"]


def test_today_list_filters_and_opens_the_case_at_its_step(qtbot, qtmodeltester, window, db):
    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, T - timedelta(days=28), "osoba",
                                           "osobiscie", "Pomoc")
    case_id = applications.qualify(db, app_id, T - timedelta(days=27))
    window.refresh_work()
    page = window.today_page
    qtmodeltester.check(page.model)  # kept alive: it watches the filtering below
    kinds = {item.kind for item in page.model.items}
    assert kinds == {"termin_planu", "zgoda"}
    assert window.tabs.tabText(0).replace("&", "") == "Na dziś (2)"
    page.kind.setCurrentIndex(page.kind.findData("zgoda"))
    assert [i.kind for i in page.model.items] == ["zgoda"]
    opened = []
    page.open_case.disconnect()
    page.open_case.connect(lambda cid, step: opened.append((cid, step)))
    page._open(page.model.index(0, 0))
    assert opened == [(case_id, 1)]
    wizard = window.open_case(case_id, 4)
    qtbot.addWidget(wizard)
    assert wizard.current == 4 and wizard.title.text().startswith("Krok 4 z 9")


def test_waiting_application_near_its_deadline_is_on_the_list(qtbot, window, db):
    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, T - timedelta(days=20), "opiekun",
                                           "telefon", "Opieka", "Anna Sąsiadka")
    applications.file_application(db, r.id, T - timedelta(days=2), "osoba", "telefon", "Inne")
    window.refresh_work()
    page = window.today_page
    waiting = [i for i in page.model.items if i.kind == "wniosek"]
    assert [i.case_id for i in waiting] == [app_id]  # the recent one is not urgent yet
    row = page.model.items.index(waiting[0])
    assert page.model.index(row, 4).data() == "Wnioski"
    page._open(page.model.index(row, 0))
    assert window.tabs.currentWidget() is window.applications_page
    assert window.applications_page.selected().id == app_id


def test_today_says_overdue_in_words_and_opens_by_enter_or_button(qtbot, window, db):
    """Not by colour alone, not by mouse alone (issue 14: keyboard and screen readers)."""
    from PySide6.QtCore import Qt

    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, T - timedelta(days=40), "osoba",
                                           "osobiscie", "Pomoc")
    applications.qualify(db, app_id, T - timedelta(days=39))
    window.refresh_work()
    page = window.today_page
    row = next(i for i, item in enumerate(page.model.items) if item.kind == "termin_planu")
    assert page.model.index(row, 0).data().endswith(" – po terminie")
    opened = []
    page.open_case.disconnect()
    page.open_case.connect(lambda cid, step: opened.append((cid, step)))
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 2 and opened[0] == opened[1]
