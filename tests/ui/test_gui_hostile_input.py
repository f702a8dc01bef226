"""Hostile input typed into the real forms and saved with the real buttons (issue 9, points
10 and 11): the message names the field and its limit, the field is marked, and nothing
invalid is stored."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.cases import applications
from app.catalogue import partners
from app.people import residents_store as store
from app.plans import store as plans
from tests.app.test_hostile_input import fullwidth, invalid_rows
from tests.conftest import person, session_of, type_text
from tests.ui.case.helpers import add_item
from ui.case.plan_editor import PlanEditor
from ui.common.widgets import ERROR_FRAME, OK
from ui.register.resident_dialog import ResidentDialog

T = date.today()


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def form(qtbot, db):
    dialog = ResidentDialog(session_of(db))
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.edits["surname"], "Wąsik")
    type_text(dialog.edits["first_name"], "Jadwiga")
    type_text(dialog.edits["city"], "Żabno")
    return dialog


def test_full_width_pesel_typed_into_the_form_is_stored_in_ascii(qtbot, db, form):
    type_text(form.edits["pesel"], fullwidth("02270886201"))
    assert form.edits["birth_date"].text() == "08.07.2002"  # understood as it is typed
    type_text(form.edits["postal_code"], fullwidth("83-221"))
    _click(qtbot, form.buttons.button(OK))
    assert form.result_value.saved is not None, form.banner.text()
    assert db.execute("SELECT pesel, postal_code, birth_date FROM residents").fetchone() == (
        "02270886201", "83-221", "2002-07-08")
    assert invalid_rows(db) == []


def test_a_10000_character_note_is_refused_naming_the_field_and_the_limit(qtbot, db, form):
    type_text(form.edits["pesel"], "02270886201")
    # typed line by line (one 10,000-character line costs Qt seconds of re-layout per key)
    note = ("x" * 79 + "\n") * 124 + "x" * 80
    assert len(note) == 10_000
    type_text(form.notes, note)
    _click(qtbot, form.buttons.button(OK))
    message = "Uwagi: za długi tekst – najwyżej 4000 znaków (jest 10000)."
    assert form.result_value.saved is None
    assert message in form.banner.text() and not form.banner.isHidden()
    assert form.field_error("notes") == message  # marked at the field itself
    assert form.notes.styleSheet() == ERROR_FRAME
    assert form.edits["surname"].styleSheet() == ""  # and only there
    assert store.count(db, include_archived=True) == 0
    form.notes.setPlainText("Alergia na orzechy")
    _click(qtbot, form.buttons.button(OK))
    assert form.result_value.saved is not None
    assert form.notes.styleSheet() == ""


@pytest.mark.parametrize("typed, message", [
    ("31.02.1950", "Data urodzenia: 31.02.1950 nie istnieje – luty 1950 ma 28 dni."),
    ("01.13.1950", "Data urodzenia: 01.13.1950 – miesiąc 13 nie istnieje (miesiące 1–12)."),
    ("01.01.0000", "Data urodzenia: 01.01.0000 – najwcześniej 01.01.1900."),
    ("01.01.1745", "Data urodzenia: 01.01.1745 – najwcześniej 01.01.1900."),
])
def test_impossible_birth_dates_are_explained_in_polish(qtbot, db, form, typed, message):
    type_text(form.edits["id_document"], "ABC123456")
    type_text(form.edits["birth_date"], typed)
    _click(qtbot, form.buttons.button(OK))
    assert form.field_error("birth_date") == message
    assert message in form.banner.text()
    assert store.count(db, include_archived=True) == 0


def test_a_right_to_left_override_in_the_surname_is_named(qtbot, db, form):
    type_text(form.edits["pesel"], "02270886201")
    form.edits["surname"].setText("\u202eKowalski")
    _click(qtbot, form.buttons.button(OK))
    assert form.field_error("surname").startswith(
        "Nazwisko: zawiera niewidoczny znak zmieniający kierunek tekstu (U+202E)")
    assert store.count(db, include_archived=True) == 0


@pytest.fixture
def editor(qtbot, db):
    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, T - timedelta(days=5), "osoba",
                                           "osobiscie", "Pomoc")
    e = PlanEditor(session_of(db), applications.qualify(db, app_id, T - timedelta(days=4)))
    qtbot.addWidget(e)
    e.show()
    return e


@pytest.mark.parametrize("typed, message", [
    ("-99999999999999999999 zł", "Pozycja 1: Odpłatność: kwota nie może być ujemna."),
    ("99999999999999999999", "Pozycja 1: Odpłatność: wpisz kwotę w złotych"),
    ("200 000 zł", "Pozycja 1: Odpłatność: najwyżej 100\u00a0000,00\u00a0zł."),
])
def test_absurd_co_payment_in_the_plan_editor_is_refused(qtbot, db, editor, typed, message):
    add_item(qtbot, editor, action="Sąsiadka robi zakupy", freq="raz w tygodniu")
    type_text(editor.form.copayment, typed)
    _click(qtbot, editor.save_button)
    assert editor.message.text().startswith(message)
    assert db.execute("SELECT count(*) FROM plan_items").fetchone()[0] == 0


def test_co_payment_typed_in_the_plan_editor_is_an_amount_shown_polish_style(qtbot, db,
                                                                             editor):
    add_item(qtbot, editor, action="Dowóz na zajęcia", freq="raz w tygodniu")
    type_text(editor.form.copayment, "12.5 zł")
    type_text(editor.form.copayment_note, "zwolnienie od marca")
    _click(qtbot, editor.save_button)
    assert editor.message.text() == "Zapisano plan (wersja 1)."
    assert db.execute("SELECT copayment_grosze, copayment_note FROM plan_items").fetchone() == (
        1250, "zwolnienie od marca")
    assert editor.form.copayment.text() == "12,50\u00a0zł"
    item = plans.items(db, editor.version.id)[0]
    assert plans.copayment_text(item.copayment_grosze, item.copayment_note) == \
        "12,50\u00a0zł (zwolnienie od marca)"


def test_a_date_that_does_not_exist_names_its_field_in_the_plan_header(qtbot, editor):
    add_item(qtbot, editor, action="Sąsiadka robi zakupy", freq="raz w tygodniu")
    type_text(editor.header["valid_from"], "31.02.2027")
    _click(qtbot, editor.save_button)
    assert editor.message.text() == ("Plan obowiązuje od: 31.02.2027 nie istnieje – luty 2027 "
                                     "ma 28 dni.")


def test_partner_places_overflow_is_named_beside_the_services(qtbot, db, db_path):
    from ui.shell.main_window import MainWindow

    win = MainWindow(session_of(db))
    qtbot.addWidget(win)
    win.load()
    screen = win.open_screen("PartnersScreen")
    qtbot.addWidget(screen)
    screen.new()
    type_text(screen.w["full_name"], "Koło Gospodyń Wiejskich")
    screen.w["partner_type"].setCurrentIndex(screen.w["partner_type"].findData("ngo"))
    row = screen.add_service()
    screen.services.cellWidget(row, 0).setCurrentIndex(1)
    screen.services.item(row, 1).setText("99999999999999999999")
    _click(qtbot, screen.save_button)
    assert screen.message.text() == ("Usługa nr 1: liczba miejsc: wpisz liczbę całkowitą od 0 "
                                     "do 10000.")
    screen.services.item(row, 1).setText("12")
    screen.w["phone"].setText("600\t123 456")
    _click(qtbot, screen.save_button)
    assert screen.field_error("phone").startswith("Telefon: zawiera tabulator")
    assert "Telefon: zawiera tabulator" in screen.message.text()
    assert partners.search(db) == []
