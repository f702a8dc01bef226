"""Texts that name a limit show the limit the KIPUS set, not a number fixed in the code."""

from datetime import date, timedelta

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton

from app.cases import applications
from app.people import residents_store as store
from app.settings import store as settings_store
from tests.conftest import person, plain, session_of
from ui.case.plan_editor import PlanEditor
from ui.work.today_page import TodayPage

T = date.today()


def _case_idle_for_twenty_days(db) -> None:
    """A case filed 25 days ago whose last change was 20 days ago."""
    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, T - timedelta(days=25), "osoba",
                                           "osobiscie", "Pomoc")
    case_id = applications.qualify(db, app_id, T - timedelta(days=24))
    db.execute("UPDATE cases SET updated_at = ? WHERE id = ?",
               [(T - timedelta(days=20)).isoformat() + "T08:00:00+00:00", case_id])
    db.conn.commit()


def test_today_list_names_the_limits_now_set_and_uses_them(qtbot, db):
    assert settings_store.save(db, {"plan_deadline_days": "21", "follow_up_months": "3",
                                    "idle_case_days": "14", "plan_end_warn_days": "45"}) == {}
    _case_idle_for_twenty_days(db)
    page = TodayPage(session_of(db))
    qtbot.addWidget(page)
    page.refresh()
    filters = [page.kind.itemText(i) for i in range(page.kind.count())]
    assert "Termin na IPUS (21 dni od wniosku)" in filters
    assert "Monitoring 3 miesiące po zakończeniu" in filters
    assert "Sprawa bez działań od ponad 14 dni" in filters
    assert "Koniec planu (przypomnienie 45 dni wcześniej)" in filters
    assert "Zaległe monitorowanie (co 30 dni)" in filters  # its own setting, not the 14
    shown = {page.model.data(page.model.index(row, 1))
             for row in range(page.model.rowCount())}
    # idle for 20 days: past the 14 set here (the old fixed 30 would not list it)
    assert "Sprawa bez działań od ponad 14 dni" in shown
    assert "Termin na IPUS (21 dni od wniosku)" in shown


def test_plan_editor_says_the_longest_plan_the_settings_allow(qtbot, db):
    assert settings_store.save(db, {"plan_max_months": "6"}) == {}
    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, T - timedelta(days=5), "osoba",
                                           "osobiscie", "Pomoc")
    editor = PlanEditor(session_of(db), applications.qualify(db, app_id, T - timedelta(days=4)))
    qtbot.addWidget(editor)
    labels = [w.text() for form in editor.findChildren(QFormLayout)
              for row in range(form.rowCount())
              if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole))
              and isinstance(w := item.widget(), QLabel)]
    assert "do * (najwyżej 6 miesięcy)" in labels
    assert not any("rok" in text for text in labels)


def test_changing_settings_relabels_and_recounts_na_dzis_at_once(qtbot, db, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMenu, QPushButton

    from ui.safety.settings_dialog import SettingsDialog
    from ui.shell.main_window import MainWindow

    _case_idle_for_twenty_days(db)
    window = MainWindow(session_of(db))
    qtbot.addWidget(window)
    window.show()
    window.load()
    kinds = window.today_page.kind
    assert "Sprawa bez działań od ponad 30 dni" in [kinds.itemText(i) for i in range(kinds.count())]

    def fill_and_save(dialog):
        dialog.edits["idle_case_days"].setText("14")
        save = next(b for b in dialog.findChildren(QPushButton) if plain(b.text()) == "Zapisz")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", fill_and_save)
    action = next(a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()
                  if plain(a.text()).startswith("Ustawienia"))
    action.trigger()
    assert "Sprawa bez działań od ponad 14 dni" in [kinds.itemText(i)
                                                     for i in range(kinds.count())]
    shown = {window.today_page.model.data(window.today_page.model.index(row, 1))
             for row in range(window.today_page.model.rowCount())}
    assert "Sprawa bez działań od ponad 14 dni" in shown


def test_the_settings_fit_a_small_laptop_screen_with_their_buttons_in_view(qtbot, db):
    """Twenty-four settings: they scroll, the dialog and its Zapisz button stay on a
    1366 × 768 screen, and no value is squeezed by its label."""
    from ui.safety.settings_dialog import SettingsDialog

    dialog = SettingsDialog(session_of(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.height() <= 700
    save = next(b for b in dialog.findChildren(QPushButton) if plain(b.text()) == "Zapisz")
    assert save.mapTo(dialog, save.rect().bottomLeft()).y() <= dialog.height()
    assert min(edit.width() for edit in dialog.edits.values()) >= 400
