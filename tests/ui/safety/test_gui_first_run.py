"""The first start of a real database: the centre's details are asked for in one form,
"Na dziś" shows them first until they are there, and a document is not printed with an
empty letterhead meanwhile."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from app.core.errors import ValidationError
from app.documents import register
from app.people import residents_store
from app.settings import centre
from app.storage.opening import connect
from tests import pdf_text
from tests.conftest import person, plain, session_of, type_text
from ui.safety.first_run_dialog import FirstRunDialog
from ui.shell import main as shell_main
from ui.shell.main_window import MainWindow

TYPED = {"cus_name": "Centrum Usług Społecznych w Kępie", "cus_address": "ul. Łąkowa 7",
         "cus_city": "33-241 Kępa", "director_name": "Zofia Żak",
         "kipus_name": "Łucja Wąs", "dpo_contact": "Jerzy Góra, iod@cus.kepa.pl"}


@pytest.fixture
def fresh(qtbot, db_path):
    db = connect(db_path)  # a real database, the centre never set up
    yield db
    db.conn.close()


def _fill_the_form(qtbot, seen: list) -> None:
    """At the form (modal): type the required details, press Enter (Zapisz)."""
    dialog = QApplication.activeModalWidget()
    seen.append(dialog)
    QTimer.singleShot(5000, dialog, dialog.reject)  # a form that would not close fails,
    # not hangs; given the dialog as context, the timer dies with it
    for key, text in TYPED.items():
        dialog.edits[key].setFocus()
        type_text(dialog.edits[key], text)
    qtbot.keyClick(dialog.edits["dpo_contact"], Qt.Key.Key_Return)


def test_the_centre_is_set_up_from_na_dzis_and_documents_wait_for_it(qtbot, fresh):
    anna = residents_store.add(fresh, person())
    session = session_of(fresh)
    assert shell_main._first_start(session)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.load()
    first = window.today_page.model.items[0]
    assert first.kind == "dane_centrum"
    assert "Nazwa centrum usług społecznych" in first.text
    with pytest.raises(ValidationError, match="najpierw uzupełnij dane centrum") as refused:
        register.issue(fresh, "klauzula", anna.id)
    assert "Inspektor ochrony danych" in str(refused.value)
    assert fresh.execute("SELECT count(*) FROM documents").fetchone() == (0,)

    seen: list = []
    QTimer.singleShot(0, lambda: _fill_the_form(qtbot, seen))
    table = window.today_page.table
    table.setFocus()
    table.setCurrentIndex(window.today_page.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter on "Uzupełnij dane centrum"
    assert isinstance(seen[0], FirstRunDialog) and seen[0].result() == seen[0].DialogCode.Accepted
    stored = dict(fresh.execute("SELECT key, value FROM settings"))
    assert {k: stored[k] for k in TYPED} == TYPED
    assert centre.was_offered(fresh) and not shell_main._first_start(session)
    assert all(r.kind != "dane_centrum" for r in window.today_page.model.items)
    text = pdf_text.text(register.issue(fresh, "klauzula", anna.id).pdf)
    assert "Centrum Usług Społecznych w Kępie" in text and "Jerzy Góra" in text


def test_the_form_says_what_is_still_missing_and_keeps_what_was_typed(qtbot, fresh):
    dialog = FirstRunDialog(session_of(fresh))
    qtbot.addWidget(dialog)
    dialog.show()
    assert centre.was_offered(fresh)  # shown once: the next start does not force it again
    dialog.edits["cus_name"].setFocus()
    type_text(dialog.edits["cus_name"], "CUS w Kępie")
    dialog.edits["cus_city"].setText("Kępa\u202e")  # pasted with a bidi override: said
    qtbot.keyClick(dialog.edits["cus_city"], Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.errors["cus_city"].isVisibleTo(dialog)
    assert fresh.execute("SELECT value FROM settings WHERE key = 'cus_name'").fetchone() == (
        "Centrum Usług Społecznych",)  # nothing saved while one field is wrong
    dialog.edits["cus_city"].clear()
    qtbot.keyClick(dialog.edits["cus_city"], Qt.Key.Key_Return)
    assert dialog.isVisible() and "brakuje jeszcze" in dialog.message.text()
    assert "Dyrektor CUS" in dialog.message.text()
    assert fresh.execute("SELECT value FROM settings WHERE key = 'cus_name'").fetchone() == (
        "CUS w Kępie",)
    from PySide6.QtWidgets import QLabel, QPushButton

    keys = [w.text().split("&")[1][0].lower() for w in dialog.findChildren(QLabel)
            + dialog.findChildren(QPushButton) if "&" in w.text()]
    assert len(keys) == len(set(keys)) >= len(centre.SETUP_FIELDS)  # each Alt+letter once


def test_leaving_the_form_with_esc_keeps_what_was_typed(qtbot, fresh):
    """Esc or "Uzupełnię później" threw away what she had typed."""
    dialog = FirstRunDialog(session_of(fresh))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.edits["cus_name"].setFocus()
    type_text(dialog.edits["cus_name"], "CUS w Kępie")
    dialog.edits["director_name"].setFocus()
    type_text(dialog.edits["director_name"], "Zofia Żak")
    qtbot.keyClick(dialog.edits["director_name"], Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    stored = dict(fresh.execute("SELECT key, value FROM settings"))
    assert (stored["cus_name"], stored["director_name"]) == ("CUS w Kępie", "Zofia Żak")
    again = FirstRunDialog(session_of(fresh))
    qtbot.addWidget(again)
    assert again.edits["cus_name"].text() == "CUS w Kępie"


def test_leaving_with_a_wrong_field_saves_the_rest_and_asks(qtbot, fresh):
    from tests.conftest import in_modal, press

    dialog = FirstRunDialog(session_of(fresh))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.edits["kipus_name"].setText("Łucja Wąs")
    dialog.edits["cus_city"].setText("Kępa\u202e")
    later = next(b for b in dialog.findChildren(QPushButton)
                 if plain(b.text()) == "Uzupełnię później")
    asked: list[str] = []

    def answer(button: str):
        def steps(box):
            asked.append(box.text())
            press(qtbot, box, button)
        return steps
    in_modal(answer("Wróć do formularza"))
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors["cus_city"].isVisibleTo(dialog)
    assert "Kod pocztowy i miejscowość centrum" in asked[0]
    assert fresh.execute("SELECT value FROM settings WHERE key = 'kipus_name'").fetchone() == (
        "Łucja Wąs",)
    in_modal(answer("Zamknij bez tych pól"))
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and len(asked) == 2
    assert "Kępa" not in str(fresh.execute("SELECT value FROM settings").fetchall())


def test_a_demo_database_is_not_asked_about_a_centre(qtbot, fresh):
    from app.demo import generate as demo

    demo.build(fresh, 50, seed=1)
    assert not shell_main._first_start(session_of(fresh))


def test_enter_in_a_settings_field_saves_and_never_opens_the_logo_picker(qtbot, db,
                                                                         monkeypatch):
    """The logo's buttons took Enter: a KIPUS confirming a field got a file dialog."""
    from PySide6.QtWidgets import QFileDialog

    from ui.safety.settings_dialog import SettingsDialog

    picked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: picked.append(a) or ("", ""))
    dialog = SettingsDialog(session_of(db))
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.edits["kipus_contact"]
    edit.setFocus()
    type_text(edit, "tel. 14 645 00 00")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert picked == []
    assert db.execute("SELECT value FROM settings WHERE key = 'kipus_contact'").fetchone() == (
        "tel. 14 645 00 00",)


def test_a_late_reject_on_a_form_already_gone_is_harmless(qtbot, fresh):
    """A timer's call came after the form was deleted: the override read its fields."""
    from shiboken6 import delete

    dialog = FirstRunDialog(session_of(fresh))
    late = dialog.reject
    delete(dialog)
    late()  # no "Internal C++ object already deleted"


@pytest.mark.parametrize("size", [100, 200])
def test_what_is_still_missing_is_said_below_the_fields_not_over_them(qtbot, qapp, fresh,
                                                                       size):
    """After saving part of the form, „Zapisano. Do wystawiania dokumentów brakuje…”
    was drawn over the form's last rows; and a town without its postal code was taken."""
    from ui.common import look

    look.apply(qapp, look.Appearance(size, False))
    try:
        dialog = FirstRunDialog(session_of(fresh))
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
        type_text(dialog.edits["cus_name"], TYPED["cus_name"])
        type_text(dialog.edits["cus_city"], "Kępa")
        qtbot.keyClick(dialog.edits["cus_city"], Qt.Key.Key_Return)
        assert "najpierw kod pocztowy" in dialog.errors["cus_city"].text()
        dialog.edits["cus_city"].clear()
        type_text(dialog.edits["cus_city"], TYPED["cus_city"])
        qtbot.keyClick(dialog.edits["cus_city"], Qt.Key.Key_Return)
        assert fresh.execute("SELECT value FROM settings WHERE key = 'cus_city'").fetchone(
            ) == (TYPED["cus_city"],)
        assert dialog.message.isVisible() and "brakuje jeszcze" in dialog.message.text()
        qtbot.waitUntil(lambda: dialog.message.geometry().top()
                        > dialog.area.geometry().bottom())
        assert dialog.message.geometry().bottom() <= dialog.height()
    finally:
        look.apply(qapp, look.Appearance())
