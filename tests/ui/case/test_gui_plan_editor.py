"""The IPUS editor: a plan with three services and a supporting action, agreed, approved,
then updated, with the change shown and the old version intact; the checks on screen."""

from datetime import date, timedelta

import pytest

from app.cases import applications
from app.core.validation import format_date
from app.people import residents_store as store
from app.plans import store as plans
from tests.conftest import person, session_of
from tests.ui.case.test_gui_case import _combo_select
from ui.case.plan_editor import PlanEditor

T = date.today()


@pytest.fixture
def editor(qtbot, db):
    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, T - timedelta(days=5), "osoba",
                                           "osobiscie", "Pomoc")
    case_id = applications.qualify(db, app_id, T - timedelta(days=4))
    e = PlanEditor(session_of(db), case_id)
    qtbot.addWidget(e)
    return e


def _row(e, service, freq, days="", hours=""):
    row = e.add_row()
    if service.startswith("*"):
        _combo_select(e.table.cellWidget(row, 0), "działanie wspierające")
        e.table.item(row, 3).setText(service[1:])
    else:
        _combo_select(e.table.cellWidget(row, 1), service)
    e.table.item(row, 5).setText(format_date(T + timedelta(days=7)))
    e.table.item(row, 6).setText(format_date(T + timedelta(days=180)))
    e.table.item(row, 7).setText(freq)
    e.table.item(row, 8).setText(days)
    e.table.item(row, 9).setText(hours)
    return row


def test_build_agree_approve_update(qtbot, editor, db):
    e = editor
    _row(e, "Usługi rehabilitacyjne", "2 × w tygodniu po 1 h", "pn, śr", "09:00–10:00")
    _row(e, "Przygotowywanie i dowóz posiłków", "codziennie")
    _row(e, "Usługa wytchnieniowa", "raz w miesiącu", "śr", "09:30–12:00")
    _row(e, "*Sąsiadka robi zakupy we wtorki", "raz w tygodniu")
    e.header["valid_from"].set_date(T + timedelta(days=7))
    e.header["valid_to"].set_date(T + timedelta(days=180))
    e.header["review_on"].set_date(T + timedelta(days=90))
    e.header["commitments"].setPlainText("Udział w ćwiczeniach w domu")
    assert e.save() is True, e.message.text()
    texts = [e.checks.item(i).text() for i in range(e.checks.count())]
    assert any("nakładają się w czasie (śr)" in t for t in texts)
    assert len(e.timeline.items) == 4 and e.timeline.minimumHeight() > 100

    assert e.agree() is True, e.message.text()
    assert e.state.text().startswith("Stan: uzgodniony")
    assert not e.table.isEnabled() and e.approve_button.isEnabled()
    assert e.approve("Maria Nowak") is True
    assert "zatwierdzony" in e.state.text()

    assert e.start_update("Więcej rehabilitacji") is True
    assert e.version.version_no == 2 and e.table.isEnabled()
    assert e.header["commitments"].toPlainText() == "Udział w ćwiczeniach w domu"  # carried
    e.table.item(0, 7).setText("3 × w tygodniu po 1 h")
    e.table.removeRow(3)
    assert e.save() is True, e.message.text()
    changes = [e.changes.item(i).text() for i in range(e.changes.count())]
    assert "Powód aktualizacji: Więcej rehabilitacji" in changes
    assert any("2 × w tygodniu po 1 h → 3 × w tygodniu po 1 h" in c for c in changes)
    assert any(c.startswith("Usunięto „Sąsiadka") for c in changes)
    e.version_combo.setCurrentIndex(0)  # the earlier version, readable and intact
    assert e.table.rowCount() == 4 and not e.table.isEnabled()
    assert e.table.item(0, 7).text() == "2 × w tygodniu po 1 h"
    old, new = plans.versions(db, e.case_id)
    assert (old.status, new.status) == ("zatwierdzony", "projekt")  # old in force until then


def test_errors_block_agreement_with_a_message(qtbot, editor):
    e = editor
    _row(e, "Usługi rehabilitacyjne", "raz w tygodniu")
    e.header["valid_from"].set_date(T)
    e.header["valid_to"].set_date(T + timedelta(days=500))
    assert e.agree() is False
    assert "najwyżej na 12 miesięcy" in e.message.text()
    e.table.item(0, 9).setText("25:00–26:00")
    assert e.save() is False and "GG:MM" in e.message.text()


def test_a_refused_header_keeps_the_items_out_of_the_file_too(qtbot, editor, db):
    from PySide6.QtCore import Qt

    _row(editor, "Usługi rehabilitacyjne", "raz w tygodniu", "pn", "09:00 - 10:00")
    editor.header["valid_from"].set_date(T + timedelta(days=30))
    editor.header["valid_to"].set_date(T + timedelta(days=7))  # before the start
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "przed" in editor.message.text()
    assert db.execute("SELECT count(*) FROM plan_items").fetchone() == (0,)
    editor.header["valid_to"].set_date(T + timedelta(days=100))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert db.execute("SELECT time_from, time_to FROM plan_items").fetchall() == [
        ("09:00", "10:00")]
