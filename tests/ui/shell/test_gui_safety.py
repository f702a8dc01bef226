"""Backups and restore as the KIPUS meets them in the window."""

import pytest

from app.people import residents_store as store
from app.storage import backups
from app.storage.instance_lock import InstanceLock
from app.storage.paths import backup_dir
from tests.app.cli.test_admin import run
from tests.conftest import TODAY, person, plain, session_of
from ui.shell.main_window import MainWindow
from ui.shell.restore_dialog import RestoreDialog


@pytest.fixture
def window(demo_window):
    return demo_window


def test_status_bar_warns_when_there_is_no_backup(window):
    assert window.backup_label.text() == "Nie ma jeszcze żadnej kopii zapasowej."
    shown = window.backup_label.palette().color(window.backup_label.foregroundRole())
    assert window.backup_label.property("tone") == "error" and shown.name() == "#b00020"


def test_manual_backup_to_usb_folder(window, tmp_path):
    target = window.manual_backup(tmp_path / "pendrive")
    assert target is not None and target.parent == tmp_path / "pendrive"
    assert backups.verify_backup(target).counts["residents"] == 150


def test_background_backup_only_after_changes(window, db_path):
    assert window.backups.backup_if_changed_in_background() is False  # nothing changed yet
    store.add(window.db, person(), TODAY)
    assert window.backups.backup_if_changed_in_background() is True
    window.backups.wait_idle()
    found = backups.list_backups(backup_dir(db_path))
    assert [b.kind for b in found] == ["auto"]
    assert window.backup_label.text().startswith("Ostatnia kopia zapasowa:")
    assert window.backup_label.property("tone") == ""


def test_closing_backs_up_what_changed(qtbot, db, db_path):
    win = MainWindow(session_of(db))
    qtbot.addWidget(win)
    win.load()
    store.add(db, person(), TODAY)
    win.close()
    found = backups.list_backups(backup_dir(db_path))
    assert len(found) == 1
    assert backups.verify_backup(found[0].path).counts["residents"] == 1


def test_restore_brings_back_the_backup_and_pauses_auto_backups(window, db_path, qtbot):
    good = window.backups.backup_now("reczna")
    store.add(window.db, person(), TODAY)
    window.run_search()
    assert window.model.rowCount() == 151
    dialog = RestoreDialog(backup_dir(db_path))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    dialog.table.selectRow(0)
    assert dialog.chosen == good
    assert "Mieszkańców: 150" in dialog.details.text()
    assert window.restore_from(dialog.chosen) is True
    assert window.model.rowCount() == 150
    assert window.backups.paused
    assert "wstrzymane" in window.backup_label.text()
    kinds = sorted(b.kind for b in backups.list_backups(backup_dir(db_path)))
    assert kinds == ["przed-przywroceniem", "reczna"]  # the newer state was kept aside


def test_damaged_backup_cannot_be_chosen(qtbot, tmp_path):
    bad = tmp_path / "k-20260101-120000-reczna.db"
    bad.write_bytes(b"uszkodzona" * 500)
    dialog = RestoreDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.inspect(bad) is False
    assert "nie można przywrócić" in dialog.details.text()
    assert not dialog.restore_button.isEnabled()


def test_second_copy_on_the_same_database_is_refused(tmp_path):
    path = tmp_path / "k.db"
    with InstanceLock(path):
        result = run("koordynator", "--smoke", "--db", str(path))
    assert result.returncode == 3
    assert "już uruchomiony" in result.stderr
    result = run("koordynator", "--smoke", "--db", str(path))  # lock gone with its holder
    assert result.returncode == 0, result.stderr


def test_about_names_the_files(window, db_path):
    text = window.about_text()
    assert str(db_path) in text and "koordynator-kopie" in text
    assert "Szyfrowanie: wyłączone" in text and "Ostatnia kopia: brak" in text


def test_safety_copy_days_below_thirty_are_refused_with_the_range_in_view(qtbot, window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from ui.safety.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.edits["safety_backup_days"]
    field.clear()
    qtbot.keyClicks(field, "5")
    save = next(b for b in dialog.findChildren(QPushButton) if plain(b.text()) == "Zapisz")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    error = dialog.errors["safety_backup_days"]
    assert error.isVisible() and "od 30 do 3650" in error.text()
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()),
                    timeout=2000)  # not clipped
    stored = window.db.execute(
        "SELECT value FROM settings WHERE key = 'safety_backup_days'").fetchone()
    assert stored is None or stored[0] == "30"
