"""The register as the KIPUS uses it: real widgets, offscreen."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.demo import generate as demo
from app.people import residents_store as store
from app.people.residents import HouseholdMember
from tests import pdf_text
from tests.conftest import TODAY, add_record, fill_record, person, press, session_of, type_text
from tests.ui.case.helpers import click_row
from ui.common import dialogs
from ui.common.widgets import ERROR_FRAME, OK
from ui.register.resident_dialog import ResidentDialog
from ui.register.residents_model import ResidentsModel
from ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, db, db_path):
    demo.build(db, 300, seed=5, today=TODAY)
    store.add(db, person(), TODAY)
    win = MainWindow(session_of(db), demo=True)
    qtbot.addWidget(win)
    win.show()
    win.load()
    return win


def _type_search(qtbot, win, text):
    win.search_edit.clear()
    type_text(win.search_edit, text)
    qtbot.waitUntil(lambda: win.model.query == text, timeout=2000)


def _column(win, col=0):
    return [win.model.index(r, col).data() for r in range(win.model.rowCount())]


def test_model_passes_qt_model_tester(qtbot, qtmodeltester, db):
    demo.build(db, 450, seed=2, today=TODAY)
    model = ResidentsModel(session_of(db))
    qtmodeltester.check(model)  # kept alive: it watches each search below
    model.search("")
    assert model.rowCount() == 450
    model.search("a")
    model.search("")


def test_window_shows_sorted_register_with_count_and_demo_title(window):
    assert "[DEMO]" in window.windowTitle()
    assert window.model.rowCount() == 301
    assert window.count_label.text() == "Osób w rejestrze: 301"
    surnames = _column(window)
    from app.core.textfold import sort_key

    assert surnames == sorted(surnames, key=sort_key)


def test_search_as_you_type_without_diacritics(qtbot, window):
    _type_search(qtbot, window, "lukasz zolk")
    assert window.model.rowCount() >= 1
    rows = [window.model.row_at(r) for r in range(window.model.rowCount())]
    assert all(r.first_name == "Łukasz" and r.surname.startswith("Żółk") for r in rows)
    assert window.count_label.text().startswith("Znaleziono:")
    _type_search(qtbot, window, "44051401359")
    assert _column(window, 2) == ["44051401359"]
    _type_search(qtbot, window, "brak-takiej-osoby")
    assert window.model.rowCount() == 0
    assert window.count_label.text() == "Znaleziono: 0"


def test_dates_are_shown_polish_style(qtbot, window):
    _type_search(qtbot, window, "44051401359")
    assert window.model.index(0, 3).data() == "14.05.1944"


def test_add_resident_through_form_with_errors_first(qtbot, window, db):
    dialog = window.open_resident_dialog(None)
    qtbot.addWidget(dialog)
    type_text(dialog.edits["surname"], "Wąsik")
    type_text(dialog.edits["first_name"], "Jadwiga")
    type_text(dialog.edits["pesel"], "02070803620")  # wrong check digit
    type_text(dialog.edits["postal_code"], "83221")
    assert dialog.save() is False
    assert "cyfra kontrolna" in dialog.field_error("pesel")
    assert "NN-NNN" in dialog.field_error("postal_code")
    assert dialog.field_error("city") == "Miejscowość: podaj miejscowość zamieszkania."
    assert not dialog.banner.isHidden()
    before = store.count(db)

    dialog.edits["pesel"].clear()
    type_text(dialog.edits["pesel"], "02270886201")
    assert dialog.edits["birth_date"].text() == "08.07.2002"  # filled from the PESEL
    assert dialog.edits["birth_date"].isReadOnly()
    assert dialog.sex_combo.currentText() == "kobieta"
    dialog.edits["postal_code"].clear()
    type_text(dialog.edits["postal_code"], "83-221")
    type_text(dialog.edits["city"], "Żabno")
    dialog.tabs.setCurrentIndex(1)
    add_record(qtbot, dialog.household, surname="Wąsik", first_name="Stefan",
               relation="współmałżonek")
    assert dialog.save() is True
    saved = dialog.result_value.saved
    assert store.count(db) == before + 1
    assert [m.first_name for m in store.get(db, saved.id).household] == ["Stefan"]


def test_same_pesel_offers_existing_record(qtbot, window, db):
    existing = store.search(db, "44051401359")[0]
    dialog = ResidentDialog(session_of(db), None, window)
    qtbot.addWidget(dialog)
    type_text(dialog.edits["pesel"], "44051401359")
    dialog.check_duplicates()
    assert not dialog.open_existing.isHidden()
    assert "już" in dialog.duplicates_info.text()
    assert dialog.save() is False
    dialog.open_existing.click()
    assert dialog.result_value.open_existing_id == existing.id


def test_similar_person_must_be_confirmed_before_saving(qtbot, window, db):
    dialog = ResidentDialog(session_of(db), None, window)
    qtbot.addWidget(dialog)
    type_text(dialog.edits["surname"], "Zolkiewski")
    type_text(dialog.edits["first_name"], "Lukasz")
    type_text(dialog.edits["id_document"], "ABC123456")
    type_text(dialog.edits["birth_date"], "14.05.1944")
    type_text(dialog.edits["city"], "Gdańsk")
    count = store.count(db)
    assert dialog.save() is False
    assert dialog.duplicates.count() == 1
    assert "Żółkiewski Łukasz" in dialog.duplicates.item(0).text()
    assert "podobne osoby" in dialog.banner.text()
    dialog.confirm_new.setChecked(True)
    assert dialog.save() is True
    assert store.count(db) == count + 1


def test_edit_changes_record_and_list(qtbot, window, db):
    _type_search(qtbot, window, "44051401359")
    dialog = window.open_resident_dialog(window.selected_row().id)
    qtbot.addWidget(dialog)
    assert dialog.edits["surname"].text() == "Żółkiewski"
    assert dialog.duplicates_box.isHidden()
    dialog.edits["phone"].setText("501 222 333")
    assert dialog.save() is True
    window.run_search()
    assert window.model.index(0, 5).data() == "501 222 333"
    assert store.get(db, dialog.result_value.saved.id).phone == "501 222 333"


def test_archive_asks_first_and_keeps_record(qtbot, window, db, monkeypatch):
    _type_search(qtbot, window, "44051401359")
    monkeypatch.setattr(dialogs, "confirm_archive", lambda parent, name: None)
    window.archive_selected()
    assert window.model.rowCount() == 1  # cancelled: nothing happened
    asked = []
    monkeypatch.setattr(
        dialogs, "confirm_archive", lambda parent, name: asked.append(name) or "wyprowadzka"
    )
    window.archive_selected()
    assert asked == ["Łukasz Żółkiewski"]
    assert window.model.rowCount() == 0
    window.show_archived.setChecked(True)
    assert window.model.rowCount() == 1
    assert window.model.index(0, 0).data() == "Żółkiewski (archiwum)"
    assert window.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    window.table.selectRow(0)
    window.restore_selected()
    window.show_archived.setChecked(False)
    assert window.model.rowCount() == 1


def test_settings_dialog_validates_numbers(qtbot, db):
    from ui.safety.settings_dialog import SettingsDialog

    dialog = SettingsDialog(session_of(db))
    qtbot.addWidget(dialog)
    dialog.edits["cus_name"].setText("Centrum Usług Społecznych w Żabnie")
    dialog.edits["plan_deadline_days"].setText("trzydzieści")
    assert dialog.save() is False
    assert "liczbę" in dialog.errors["plan_deadline_days"].text()
    dialog.edits["plan_deadline_days"].setText("30")
    assert dialog.save() is True
    stored = db.execute("SELECT value FROM settings WHERE key = 'cus_name'").fetchone()
    assert stored == ("Centrum Usług Społecznych w Żabnie",)


def test_full_disk_gets_a_polish_message_and_saves_nothing(qtbot, db):
    from datetime import date

    from app.core.errors import DiskFull
    from app.demo.generate import pesel_for

    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {int(pages) + 2}")  # as if the disk were nearly full
    with pytest.raises(DiskFull):  # fill what is left
        for n in range(500):
            store.add(db, person(pesel=pesel_for(date(1950, 1, 1 + n % 28), True, n),
                                 notes="x" * 3000), TODAY)
    before = store.count(db)
    dialog = ResidentDialog(session_of(db))
    qtbot.addWidget(dialog)
    for name, value in (("surname", "Wąsik"), ("first_name", "Jadwiga"), ("city", "Żabno"),
                        ("id_document", "ABC123456"), ("birth_date", "01.02.1950")):
        dialog.edits[name].setText(value)
    dialog.notes.setPlainText("uwaga " * 600)
    assert dialog.save() is False
    assert "zabrakło miejsca" in dialog.banner.text()
    assert store.count(db) == before
    assert dialog.edits["surname"].text() == "Wąsik"  # what was typed is still there


def test_register_fills_when_its_tab_is_first_opened(qtbot, db, db_path):
    demo.build(db, 50, seed=1, today=TODAY)
    win = MainWindow(session_of(db))
    qtbot.addWidget(win)
    win.show()
    win.load(register_when_shown=True)
    assert win.model.rowCount() == 0 and win.tabs.currentIndex() == 0
    win.tabs.setCurrentWidget(win.register_page)
    assert win.model.rowCount() == 50


def test_close_persons_and_signing_typed_in_the_form_reach_the_upowaznienie(qtbot, db):


    from ui.documents.screens import IssueDialog

    r = store.add(db, person(household=[HouseholdMember("Żółkiewska", "Maria", "żona")]))
    dialog = ResidentDialog(session_of(db), store.get(db, r.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    assert dialog.tabs.tabText(2).replace("&", "") == "Osoby bliskie"
    add_record(qtbot, dialog.close_persons, full_name="Halina Kamińska", relation="córka",
               pesel="02270886201", address="ul. Długa 5/2, 80-001 Gdańsk",
               phone="600 123 456")
    add_record(qtbot, dialog.close_persons, full_name="Ewa", relation="sąsiadka",
               pesel="12345678901")
    dialog.signing_combo.setCurrentIndex(dialog.signing_combo.findData("odcisk"))
    click_row(qtbot, dialog.close_persons, 0)
    qtbot.mouseClick(dialog.buttons.button(OK), Qt.MouseButton.LeftButton)
    assert dialog.tabs.currentIndex() == 2  # the error is shown where the row is
    assert "Osoba bliska nr 2" in dialog.close_editor.error.text()
    # the form shows the refused row, its wrong fields framed in red and only those
    inputs = dialog.close_persons.inputs
    assert dialog.close_persons.current_row() == 1
    framed = {key for key, widget in inputs.items() if ERROR_FRAME in widget.styleSheet()}
    assert framed == {"full_name", "pesel"}
    click_row(qtbot, dialog.close_persons, 0)  # the daughter's row is not framed
    assert not any(ERROR_FRAME in w.styleSheet() for w in inputs.values())
    click_row(qtbot, dialog.close_persons, 1)
    fill_record(qtbot, dialog.close_persons, full_name="Ewa Nowicka", pesel="")
    qtbot.mouseClick(dialog.buttons.button(OK), Qt.MouseButton.LeftButton)
    assert db.execute("SELECT full_name, relation, pesel, phone FROM close_persons WHERE"
                      " resident_id = ? ORDER BY full_name", [r.id]).fetchall() == [
        ("Ewa Nowicka", "sąsiadka", None, ""),
        ("Halina Kamińska", "córka", "02270886201", "600 123 456")]
    assert db.execute("SELECT signing FROM residents WHERE id = ?", [r.id]).fetchone() == (
        "odcisk",)

    issue = IssueDialog(session_of(db), "upowaznienie", r.id)
    qtbot.addWidget(issue)
    offered = [issue.trusted.itemText(i) for i in range(issue.trusted.count())]
    assert offered == [
        "— wybierz osobę upoważnioną —",
        "Halina Kamińska (córka, PESEL 02270886201, ul. Długa 5/2, 80-001 Gdańsk)",
        "Ewa Nowicka (sąsiadka)", "Maria Żółkiewska (żona, Źródlana 5, 83-221 Żabno)"]
    assert issue.signing.currentData() == "odcisk"  # from her record, not ticked again
    qtbot.mouseClick(issue.findChild(QDialogButtonBox).button(OK), Qt.MouseButton.LeftButton)
    assert "kilka osób bliskich" in issue.error.text()  # no one is named by default
    issue.trusted.setCurrentIndex(1)
    qtbot.mouseClick(issue.findChild(QDialogButtonBox).button(OK), Qt.MouseButton.LeftButton)
    printed = pdf_text.text(issue.issued.pdf)
    assert "Panią Halinę Kamińską (córka), PESEL 02270886201" in printed
    assert "Tuszowy odcisk palca osoby" in printed


def test_an_application_is_qualified_from_the_persons_own_list(qtbot, db):
    from datetime import date, timedelta

    from app.cases import applications
    from tests.conftest import in_modal
    from ui.register.resident_cases_dialog import ResidentCasesDialog

    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, date.today() - timedelta(days=3),
                                           "osoba", "osobiscie", "Pomoc w domu")
    dialog = ResidentCasesDialog(session_of(db), r.id, "Łukasz Żółkiewski")
    qtbot.addWidget(dialog)
    dialog.show()
    opened = []
    dialog.open_case.connect(opened.append)
    dialog.apps.selectRow(0)
    in_modal(lambda d: press(qtbot, d, "Zapisz"))  # the date offered is today
    qtbot.mouseClick(dialog.decide_buttons["qualify"], Qt.MouseButton.LeftButton)
    case = db.execute("SELECT id, opened_on FROM cases WHERE resident_id = ?",
                      [r.id]).fetchall()
    assert [c[0] for c in case] == opened and case[0][1] == date.today().isoformat()
    assert db.execute("SELECT status FROM applications WHERE id = ?", [app_id]).fetchone() == (
        "zakwalifikowany",)
    assert dialog.cases.rowCount() == 1
    dialog.apps.selectRow(0)  # the list was refilled
    qtbot.mouseClick(dialog.decide_buttons["refuse"], Qt.MouseButton.LeftButton)
    assert "już rozpatrzony" in dialog.message.text()


def test_large_print_ticked_on_her_record_prints_her_documents_at_14_pt(qtbot, db):
    """The mark is kept on her record and is the default in the issue dialog, where one
    document can still be printed the ordinary way."""
    from ui.documents.screens import IssueDialog

    r = store.add(db, person())
    dialog = ResidentDialog(session_of(db), store.get(db, r.id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.large_print.isChecked()
    qtbot.mouseClick(dialog.large_print, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.buttons.button(OK), Qt.MouseButton.LeftButton)
    assert db.execute("SELECT large_print FROM residents WHERE id = ?", [r.id]).fetchone() == (1,)
    issued = []
    for kind, untick in (("zgoda", False), ("klauzula", True)):
        issue = IssueDialog(session_of(db), kind, r.id)
        qtbot.addWidget(issue)
        issue.show()
        assert issue.large_print.isVisible() and issue.large_print.isChecked()
        if untick:  # on its box: the widget is as wide as the dialog, its text is not
            qtbot.mouseClick(issue.large_print, Qt.MouseButton.LeftButton,
                             pos=QPoint(8, issue.large_print.height() // 2))
        press(qtbot, issue, "Wystaw i pokaż")
        issued.append(issue.issued.number)
    stored = dict(db.execute("SELECT kind, json_extract(payload, '$.large_print') FROM documents"
                             " WHERE number IN (?, ?)", issued).fetchall())
    assert stored == {"zgoda": 1, "klauzula": 0}
