"""Audit viewer, RODO export and restriction, and the retention review, through the window."""

import pytest

from app.core.ids import new_id, now_iso
from app.people import residents_store as store
from app.privacy import rodo
from tests.conftest import TODAY, person, session_of
from ui.common import dialogs
from ui.safety.audit_dialog import AuditDialog
from ui.safety.retention_dialog import RetentionDialog
from ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, db, db_path):
    store.add(db, person(), TODAY)
    store.add(db, person(surname="Nowak", first_name="Anna", pesel="02270886201"), TODAY)
    win = MainWindow(session_of(db))
    qtbot.addWidget(win)
    win.show()
    win.load()
    return win


def _select(win, surname):
    win.search_edit.setText(surname)
    win.run_search()
    win.table.selectRow(0)
    return win.selected_row()


def test_audit_viewer_filters_by_person_and_action_and_verifies(qtbot, qtmodeltester, window,
                                                                db):
    row = _select(window, "Żółkiewski")
    store.get(db, row.id, record_view=True)
    dialog = AuditDialog(session_of(db), window)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)  # kept alive: it watches every refresh below
    assert dialog.model.rowCount() == 3  # two created, one viewed
    dialog.person.setText("zolkiewski")
    dialog.refresh()
    rows = [[dialog.model.index(r, c).data() for c in range(6)]
            for r in range(dialog.model.rowCount())]
    assert [r[2] for r in rows] == ["wyświetlenie", "utworzenie"]
    assert all(r[4] == "Łukasz Żółkiewski" for r in rows)
    assert "nazwisko: Żółkiewski" in rows[1][5]
    dialog.action.setCurrentIndex(dialog.action.findData("utworzenie"))
    dialog.refresh()
    assert dialog.model.rowCount() == 1
    dialog.use_dates.setChecked(True)
    dialog.date_from.setDate(dialog.date_from.date().addYears(-5))
    dialog.date_to.setDate(dialog.date_to.date().addDays(-1))
    dialog.refresh()
    assert dialog.model.rowCount() == 0  # nothing before today
    assert dialog.verify() == []
    assert "nienaruszony" in dialog.verdict.text()


def test_export_and_restriction_from_the_register(qtbot, window, db, tmp_path, monkeypatch):
    _select(window, "Nowak")
    json_path, pdf_path = window.export_selected(tmp_path / "rodo")
    assert json_path.exists() and pdf_path.exists()
    monkeypatch.setattr(dialogs, "ask_restriction", lambda *a, **k: "wniosek z 20.11.2026")
    assert window.toggle_restriction_selected() is True
    assert window.model.index(0, 0).data() == "Nowak (ograniczone przetwarzanie)"
    dialog = window.open_resident_dialog(window.selected_row().id)
    qtbot.addWidget(dialog)
    assert dialog.edits["surname"].isReadOnly()
    assert "art. 18" in dialog.banner.text()
    assert dialog.save() is False
    assert window.toggle_restriction_selected() is False
    assert window.model.index(0, 0).data() == "Nowak"


def test_retention_review_anonymises_only_after_confirmation(qtbot, db, monkeypatch):
    r = store.add(db, person(), TODAY)
    stamp = now_iso()
    db.execute("INSERT INTO cases (id, created_at, updated_at, resident_id, opened_on, status,"
               " closed_on) VALUES (?, ?, ?, ?, '2010-02-01', 'zamknieta', '2011-03-01')",
               [new_id(), stamp, stamp, r.id])
    db.conn.commit()
    dialog = RetentionDialog(session_of(db))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "Łukasz Żółkiewski"
    assert dialog.table.item(0, 3).text() == "01.01.2022"
    dialog.table.selectRow(0)
    monkeypatch.setattr("ui.safety.retention_dialog.confirm_anonymise", lambda *a: False)
    assert dialog.anonymise_selected() is False
    assert store.get(db, r.id).surname == "Żółkiewski"
    monkeypatch.setattr("ui.safety.retention_dialog.confirm_anonymise", lambda *a: True)
    assert dialog.anonymise_selected() is True
    assert store.get(db, r.id).surname == rodo.ANONYMISED
    assert dialog.table.rowCount() == 0
