"""The main flow with the keyboard alone: no action reachable only by the mouse, and no
field that keeps the Tab key (WCAG 2.1.1 and 2.1.2)."""

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton

from tests.conftest import in_modal, plain, session_of, type_text
from ui.case.wizard import CaseWizard
from ui.register.resident_cases_dialog import ResidentCasesDialog
from ui.register.resident_dialog import ResidentDialog
from ui.shell.main_window import MainWindow

TYPED = {"surname": "Żółkiewska", "first_name": "Łucja", "pesel": "44051401359",
         "street": "Polna", "house_no": "3", "postal_code": "33-240", "city": "Żabno"}


def test_a_resident_is_registered_by_keys_alone(qtbot, db):
    """The form opens in Nazwisko; Tab walks the fields in reading order; Enter saves."""
    window = MainWindow(session_of(db))
    qtbot.addWidget(window)
    add = next(a for a in window.findChildren(QAction) if plain(a.text()) == "Dodaj mieszkańca")
    assert add.shortcut() == QKeySequence(QKeySequence.StandardKey.New)  # Ctrl+N
    dialog = ResidentDialog(session_of(db))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    assert QApplication.focusWidget() is dialog.edits["surname"]
    _fill_by_tab(qtbot, dialog, dialog.edits, dict(TYPED), "city")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Zapisz
    assert not dialog.isVisible()
    assert db.execute("SELECT surname, first_name, pesel, street, house_no, postal_code, city"
                      " FROM residents").fetchall() == [tuple(TYPED.values())]


def test_tab_leaves_every_multi_line_field(qtbot, db):
    """A note field that took Tab as a character kept the keyboard user inside it."""
    dialog = ResidentDialog(session_of(db))
    qtbot.addWidget(dialog)
    dialog.show()
    notes = [w for w in dialog.findChildren(QPlainTextEdit) if w.isVisibleTo(dialog)]
    assert notes
    for note in notes:
        note.setFocus()
        qtbot.keyClick(note, Qt.Key.Key_Tab)
        assert "\t" not in note.toPlainText() and note.tabChangesFocus()


def _active(qtbot, window) -> None:
    """Wait for the window that opened (or got the focus back) to be the active one. A
    window manager does both; offscreen a new window is activated a moment after it is
    shown, and one that a dialog has left must be asked."""
    if QApplication.activeModalWidget() in (None, window):
        window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def _tab_to(qtbot, wanted, limit: int = 80):
    """Tab through the window until the focus is on ``wanted``, as a keyboard user does.
    A dialog that has just closed gives the focus back to its window first (the window
    manager's work; offscreen it is asked for)."""
    _active(qtbot, wanted.window())
    seen = []
    for _ in range(limit):
        if QApplication.focusWidget() is wanted:
            return
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    names = [(type(w).__name__, w.accessibleName() or getattr(w, "text", lambda: "")())
             for w in seen[:20]]
    raise AssertionError(f"Tab never reached {wanted!r}: {names}")


def _fill_by_tab(qtbot, dialog, fields: dict, typed: dict, last: str) -> None:
    """Walk the fields with Tab, typing where ``typed`` says, up to the field ``last``."""
    _active(qtbot, dialog)
    ids = {id(widget): name for name, widget in fields.items()}
    walked = []
    for _ in range(60):
        focused = QApplication.focusWidget()
        name = ids.get(id(focused))
        walked.append((type(focused).__name__, name))
        if name in typed:
            type_text(focused, typed.pop(name))
        if name == last:
            return
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {last}: {walked[:30]}")


def test_the_main_flow_by_keys_alone(qtbot, db):
    """Ctrl+N registers a resident; Tab and Space file her application, qualify it and open
    the case; step 1 is filled and saved: not one mouse click."""
    for left in QApplication.topLevelWidgets():  # other tests' windows would take the focus
        if left.isVisible():
            left.hide()
    window = MainWindow(session_of(db))
    qtbot.addWidget(window)
    window.show()
    window.load()
    _active(qtbot, window)

    def register(dialog):
        _fill_by_tab(qtbot, dialog, dialog.edits, dict(TYPED), "city")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Zapisz
    in_modal(register)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    rid = db.execute("SELECT id FROM residents").fetchone()[0]
    assert window.tabs.currentWidget() is window.register_page
    assert window.selected_row().id == rid
    assert window.focusWidget() is window.table  # on her row when the form closes

    _tab_to(qtbot, window.cases_button)
    qtbot.keyClick(window.cases_button, Qt.Key.Key_Space)
    cases_dialog = next(d for d in window.findChildren(ResidentCasesDialog) if d.isVisible())
    _active(qtbot, cases_dialog)

    def file(dialog):
        request = dialog.widgets["request"]
        _fill_by_tab(qtbot, dialog, dialog.widgets, {"request": "Pomoc w zakupach"},
                     "request")
        qtbot.keyClick(request, Qt.Key.Key_Tab)  # out of the note, onto the buttons
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    new_app = next(b for b in cases_dialog.findChildren(QPushButton)
                   if plain(b.text()).startswith("Nowy wniosek"))
    in_modal(file)
    _tab_to(qtbot, new_app)
    qtbot.keyClick(new_app, Qt.Key.Key_Space)
    assert db.execute("SELECT request, status FROM applications WHERE resident_id = ?",
                      [rid]).fetchall() == [("Pomoc w zakupach", "oczekuje")]

    _tab_to(qtbot, cases_dialog.apps)
    # the only application is chosen as the list takes the focus
    assert [i.row() for i in cases_dialog.apps.selectionModel().selectedRows()] == [0]
    qualify = cases_dialog.decide_buttons["qualify"]

    def qualify_today(dialog):  # the day offered is today
        _active(qtbot, dialog)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    in_modal(qualify_today)
    _tab_to(qtbot, qualify)
    qtbot.keyClick(qualify, Qt.Key.Key_Space)
    case_id = db.execute("SELECT id FROM cases WHERE resident_id = ?", [rid]).fetchone()[0]
    wizard = next(w for w in window.findChildren(CaseWizard) if w.isVisible())
    assert wizard.case_id == case_id
    _active(qtbot, wizard)

    page = wizard.pages[1]
    today = date.today().strftime("%d.%m.%Y")
    _tab_to(qtbot, page.contact_on)
    type_text(page.contact_on, today)
    qtbot.keyClick(page.contact_on, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.came_how  # the fields in reading order
    qtbot.keyClick(page.came_how, Qt.Key.Key_Down)  # the first way she came
    qtbot.keyClick(page.came_how, Qt.Key.Key_Tab)
    type_text(page.referred_by, "sąsiadka")
    _tab_to(qtbot, page.consent)
    qtbot.keyClick(page.consent, Qt.Key.Key_Down)  # udzielona
    qtbot.keyClick(page.consent, Qt.Key.Key_Tab)
    type_text(page.consent_on, today)
    _tab_to(qtbot, wizard.next)
    qtbot.keyClick(wizard.next, Qt.Key.Key_Space)  # Zapisz i dalej
    assert wizard.current == 2, wizard.errors.text()
    assert db.execute("SELECT referred_by, came_how IS NOT NULL AND came_how <> '' FROM cases"
                      " WHERE id = ?", [case_id]).fetchone() == ("sąsiadka", 1)
    assert db.execute("SELECT given FROM consents WHERE case_id = ? AND kind = 'karta_uslug'",
                      [case_id]).fetchone() == (1,)


def test_enter_on_a_listed_case_or_document_opens_it(qtbot, db):
    """Both lists opened a row only on a double-click (WCAG 2.1.1)."""
    from app.documents import register
    from app.people import residents_store
    from tests.conftest import person
    from ui.documents.screens import PdfPreview, RegisterDialog

    resident = residents_store.add(db, person())
    case_id = _open_a_case(db, resident.id)
    cases_dialog = ResidentCasesDialog(session_of(db), resident.id, "Anna Nowak")
    qtbot.addWidget(cases_dialog)
    cases_dialog.show()
    cases_dialog.cases.setFocus()
    cases_dialog.cases.setCurrentCell(0, 0)
    with qtbot.waitSignal(cases_dialog.open_case) as opened:
        qtbot.keyClick(cases_dialog.cases, Qt.Key.Key_Return)
    assert opened.args == [case_id]

    number = register.issue(db, "klauzula", resident.id).number
    documents = RegisterDialog(session_of(db))
    qtbot.addWidget(documents)
    documents.show()
    documents.table.setFocus()
    documents.table.setCurrentCell(0, 0)
    shown = []

    def close_each():  # every window Enter brings up is noted and closed: none may wait
        modal = QApplication.activeModalWidget()
        if modal is not None:
            shown.append((type(modal), modal.windowTitle()))
            modal.reject()
    watch = QTimer(interval=20)
    watch.timeout.connect(close_each)
    watch.start()
    qtbot.keyClick(documents.table, Qt.Key.Key_Return)
    qtbot.wait(200)
    watch.stop()
    # the preview alone: Enter went on to the default button and asked to void it too
    assert len(shown) == 1 and shown[0][0] is PdfPreview and number in shown[0][1], shown

    # Enter in the search goes into the list: it asked why the document was voided
    documents.table.clearSelection()
    assert not documents.void_button.isEnabled() and not documents.show_button.isEnabled()
    documents.search.setFocus()
    shown.clear()
    watch.start()
    qtbot.keyClicks(documents.search, "klauz")
    qtbot.keyClick(documents.search, Qt.Key.Key_Return)
    qtbot.wait(200)
    watch.stop()
    assert shown == [] and documents.focusWidget() is documents.table
    assert documents.table.selectionModel().selectedRows()[0].row() == 0
    assert documents.void_button.isEnabled()


def _open_a_case(db, resident_id: str) -> str:
    from datetime import date as day

    from app.cases import applications

    filed = applications.file_application(db, resident_id, day.today(), "osoba", "osobiscie",
                                          "Pomoc w zakupach")
    return applications.qualify(db, filed, day.today())


def test_escape_asks_before_a_typed_person_or_application_is_dropped(qtbot, db):
    """One Esc threw away a whole new person's data, and the request typed in an
    application, without a word."""
    from app.people import residents_store
    from tests.conftest import answering, in_modal, person, type_text
    from ui.work.applications_page import new_application_dialog

    def count(table):
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    asked: list[str] = []
    dialog = ResidentDialog(session_of(db))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    qtbot.keyClick(dialog.edits["surname"], Qt.Key.Key_Escape)  # nothing typed: just closes
    assert not dialog.isVisible() and asked == []

    dialog = ResidentDialog(session_of(db))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    for name, text in TYPED.items():
        type_text(dialog.edits[name], text)
    for choice, still_open in (("Wróć do formularza", True), ("Zapisz", False)):
        in_modal(answering(asked, choice))
        qtbot.keyClick(dialog.edits["city"], Qt.Key.Key_Escape)
        assert dialog.isVisible() is still_open
    assert dialog.result() == dialog.DialogCode.Accepted
    assert db.execute("SELECT surname, first_name, pesel, street, house_no, postal_code, city"
                      " FROM residents").fetchall() == [tuple(TYPED.values())]

    resident = residents_store.add(db, person(pesel="02270803624", surname="Kowalska"))
    form = new_application_dialog(session_of(db), resident.id, "Anna Kowalska")
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
    type_text(form.widgets["request"], "Pomoc w domu po wyjściu ze szpitala")
    in_modal(answering(asked, "Nie zapisuj"))
    qtbot.keyClick(form.widgets["request"], Qt.Key.Key_Escape)
    assert not form.isVisible() and form.result() == form.DialogCode.Rejected
    assert count("applications") == 0
    assert asked == ["Są niezapisane dane osoby. Zapisać je?"] * 2 + [
        "Są niezapisane dane w formularzu. Zapisać je?"]
