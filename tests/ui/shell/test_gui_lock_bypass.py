"""Locked means locked: no menu, shortcut, click or accelerator opens anything or writes
anything until the password is given (Alt+M once exported a resident's PESEL while locked)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget
from shiboken6 import isValid

from app.people import residents_store as store
from app.storage.opening import connect
from tests.conftest import TODAY, encrypted_window, person, plain, type_text

PASSWORD = "Żabno-2026!"
ACCELERATORS = ("Alt+P", "Alt+K", "Alt+D", "Alt+O", "Alt+M", "F10", "Alt")


@pytest.fixture
def locked(qtbot, db_path, tmp_path, monkeypatch):
    db = connect(db_path)
    store.add(db, person(), TODAY)
    db.conn.close()
    win = encrypted_window(qtbot, db_path, PASSWORD)
    win.tabs.setCurrentIndex(1)
    win.run_search()
    assert win.selected_row() is not None  # an export would have someone to write out
    outbox = tmp_path / "wyjscie"
    outbox.mkdir()
    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: opened.append("folder") or str(outbox)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (opened.append("save") or
                                                      str(outbox / "x.pdf"), "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (opened.append("open") or "", "")))
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: opened.append("QMessageBox") or 0)
    for name in ("information", "question", "warning", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name,
                            staticmethod(lambda *a, n=name, **k: opened.append(n) or 0))
    win.idle_lock.lock()
    yield win, outbox, opened
    if win.idle_lock.locked:
        win.idle_lock.unlock()  # a lock left behind would cover the next test's windows
    QApplication.instance().removeEventFilter(win.idle_lock)
    win.close()
    win.db.conn.close()


def _visible_windows() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets() if w.isVisible()}


def test_every_menu_action_is_dead_while_locked(locked):
    win, outbox, opened = locked
    before = _visible_windows()
    actions = win.findChildren(QAction)
    assert len(actions) >= 15
    for action in actions:
        action.trigger()
    assert opened == []
    assert _visible_windows() == before
    assert list(outbox.iterdir()) == []
    assert win.idle_lock.locked


def test_every_shortcut_and_accelerator_is_dead_while_locked(qtbot, locked):
    win, outbox, opened = locked
    before = _visible_windows()
    shortcuts = [a.shortcut() for a in win.findChildren(QAction) if not a.shortcut().isEmpty()]
    shortcuts += [QKeySequence(s) for s in ACCELERATORS]
    for target in (win, win.table, win.search_edit):
        for sequence in shortcuts:
            combo = sequence[0]
            qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())
            assert QApplication.activePopupWidget() is None, sequence.toString()
    assert opened == []
    assert _visible_windows() == before
    assert list(outbox.iterdir()) == []
    assert win.idle_lock.locked


def test_clicks_on_the_menu_bar_open_nothing_while_locked(qtbot, locked):
    win, _, opened = locked
    bar = win.menuBar()
    for action in bar.actions():
        rect = bar.actionGeometry(action)
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=rect.center())
        assert QApplication.activePopupWidget() is None, action.text()
        menu = action.menu()
        assert menu is None or not menu.isVisible()
    qtbot.mouseClick(win, Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
    assert opened == []


def test_a_window_opened_by_the_program_while_locked_is_covered(qtbot, locked):
    win, _, _ = locked
    late = QDialog(win)
    late.setWindowTitle("Kowalski Jan – karta")
    qtbot.addWidget(late)
    late.show()
    qtbot.wait(10)
    assert late.windowTitle() != "Kowalski Jan – karta"
    covers = [o for o in win.idle_lock._overlays if isValid(o) and o.parentWidget() is late]
    assert len(covers) == 1 and covers[0].isVisible()


def test_after_the_password_everything_works_again(qtbot, locked):
    win, outbox, opened = locked
    host = win.idle_lock._password_overlay()
    type_text(host.password, "złe hasło")
    qtbot.keyClick(host.password, Qt.Key.Key_Return)
    assert win.idle_lock.locked and "Nieprawidłowe hasło" in host.error.text()
    win.idle_lock.attempts.reset()
    type_text(host.password, PASSWORD)
    qtbot.mouseClick(host.button, Qt.MouseButton.LeftButton)
    assert not win.idle_lock.locked
    export = next(a for a in win.findChildren(QAction)
                  if plain(a.text()).startswith("Eksport wszystkich danych osoby"))
    assert export.isEnabled()
    export.trigger()
    assert len(list(outbox.iterdir())) == 2  # JSON and PDF of the selected resident


def test_a_window_closed_while_locked_does_not_break_the_unlock(qtbot, locked):
    win, _, _ = locked
    late = QDialog(win)
    late.show()
    qtbot.wait(10)
    late.deleteLater()
    qtbot.wait(10)
    win.idle_lock.attempts.reset()
    assert win.idle_lock.try_unlock(PASSWORD)
    assert win.windowTitle() != "Koordynator – zablokowano"


def test_enter_in_the_password_field_unlocks_and_presses_nothing_beneath(qtbot, locked):
    """Enter once also clicked the default button of the form under the lock: a half-typed
    resident was saved, a chosen backup restored."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    win, _, _ = locked
    win.idle_lock.unlock()
    form = QDialog(win)
    pressed = []
    save = QPushButton("Zapisz", form)
    save.setDefault(True)
    save.clicked.connect(lambda: pressed.append(1))
    QVBoxLayout(form).addWidget(save)
    form.setModal(True)
    form.show()
    qtbot.wait(10)
    win.idle_lock.lock()
    host = win.idle_lock._password_overlay()
    assert host.parentWidget() is form
    type_text(host.password, "złe hasło")
    qtbot.keyClick(host.password, Qt.Key.Key_Return)
    assert pressed == [] and win.idle_lock.locked
    host.password.setFocus()
    for _ in range(3):  # Tab once led from "Odblokuj" to the form's fields beneath
        qtbot.keyClick(form.focusWidget() or host.password, Qt.Key.Key_Tab)
    assert form.focusWidget() is host.password
    win.idle_lock.attempts.reset()
    host.password.clear()
    type_text(host.password, PASSWORD)
    qtbot.keyClick(host.password, Qt.Key.Key_Enter)
    assert not win.idle_lock.locked and pressed == [] and form.isVisible()


def test_text_from_an_input_method_does_not_reach_a_form_under_the_lock(qtbot, locked):
    from PySide6.QtGui import QInputMethodEvent

    win, _, _ = locked
    event = QInputMethodEvent()
    event.setCommitString("XYZ")
    QApplication.sendEvent(win.search_edit, event)
    assert "XYZ" not in win.search_edit.text()
    win.idle_lock.unlock()  # and the same event does arrive when unlocked
    QApplication.sendEvent(win.search_edit, event)
    assert "XYZ" in win.search_edit.text()


def test_ctrl_l_locks_from_inside_a_form_too(qtbot, db_path):
    connect(db_path).conn.close()
    win = encrypted_window(qtbot, db_path, PASSWORD)
    form = QDialog(win)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    try:
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)
        qtbot.keyClick(form, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert win.idle_lock.locked
    finally:
        win.idle_lock.unlock()
        QApplication.instance().removeEventFilter(win.idle_lock)
        win.close()
        win.db.conn.close()
