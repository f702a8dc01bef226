"""Locks the program after N minutes without use: every window is covered, titles that may
name a resident are hidden, and the password is asked for. Nothing typed is lost: the forms
stay open underneath, untouched."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.storage import encryption
from app.storage.password_attempts import PasswordAttempts
from ui.common import look

LOCKED_TITLE = "Koordynator – zablokowano"
# A mouse move arrives hundreds of times a second; the countdown needs restarting at most
# once a second (PySide6 6.12.0 on Python 3.11 even leaked a reference to None per call).
RESTART_EVERY_S = 1.0
_INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                 QEvent.Type.MouseMove}
# While locked these reach only the password overlay; everything else is swallowed, so no
# menu, accelerator, shortcut or click can open a window or write a file.
_BLOCKED_WHEN_LOCKED = _INPUT_EVENTS | {
    QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.ContextMenu, QEvent.Type.TabletPress,
    QEvent.Type.TouchBegin, QEvent.Type.DragEnter, QEvent.Type.Drop,
    QEvent.Type.InputMethod}  # an on-screen keyboard or IME commits text without keys
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_TAB = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class LockOverlay(QWidget):
    """Covers one window; the one on top of the others also asks for the password."""

    def __init__(self, host: QWidget, with_password: bool, lock: IdleLock):
        super().__init__(host)
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.addStretch()
        title = QLabel("Program zablokowany po bezczynności")
        look.heading(title, 2)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.password: QLineEdit | None = None
        self.error = QLabel()
        look.tone(self.error, "error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if with_password:
            info = QLabel("Dane są ukryte. Wpisane, niezapisane dane czekają. Podaj hasło.")
            info.setAlignment(Qt.AlignmentFlag.AlignCenter)
            info.setWordWrap(True)
            self.password = QLineEdit()
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            self.password.setMinimumWidth(260)
            look.chars_wide(self.password, 40)
            self.button = QPushButton("Odblokuj")
            look.chars_wide(self.button, 40)
            self.button.clicked.connect(lambda: lock.try_unlock(self.password.text()))
            layout.addWidget(info)
            layout.addWidget(self.password, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(self.error)
        layout.addStretch()
        host.installEventFilter(self)
        self.setGeometry(host.rect())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(obj.rect())
        return False


class IdleLock(QObject):
    locked_changed = Signal(bool)

    def __init__(self, db_path: Path, minutes: int, parent=None, clock=time.monotonic):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.locked = False
        self.attempts = PasswordAttempts(db_path)
        self._clock = clock
        self._restarted_at = clock()
        self._overlays: list[LockOverlay] = []
        self._titles: dict[QWidget, str] = {}
        self._disabled: dict[QAction | QShortcut | QWidget, None] = {}  # ordered set
        self.timer = QTimer(self, singleShot=True)
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.timeout.connect(self.lock)
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if not self.locked:
            if kind in _INPUT_EVENTS:
                now = self._clock()
                if now - self._restarted_at >= RESTART_EVERY_S:  # use restarts the countdown
                    self._restarted_at = now
                    self.timer.start()
            return False
        if kind == QEvent.Type.Shortcut:
            return True  # no shortcut fires while locked, wherever the focus is
        if kind == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            self._cover_late_window(obj)
            return False
        if kind in _BLOCKED_WHEN_LOCKED and isinstance(obj, QWidget):
            # (a QWindow passes: it hands the event on to its widget, filtered here then)
            if not self._in_password_overlay(obj):
                return True
            if kind == QEvent.Type.KeyPress and event.key() in _ENTER + _TAB:
                # Enter unlocks here and goes no further: the dialog underneath would take it
                # as a click on its default button (save, restore…); Tab would leave the field
                if event.key() in _ENTER:
                    self.try_unlock(self._password_overlay().password.text())
                return True
        return False

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(1, minutes) * 60_000)
        if not self.locked:
            self.timer.start()

    def _in_password_overlay(self, obj) -> bool:
        host = self._password_overlay()
        return host is not None and (obj is host or host.isAncestorOf(obj))

    def _cover_late_window(self, window: QWidget) -> None:
        """A window the program opens while locked (a timer's message) is covered too;
        popups (menus, tooltips, lists) are closed at once."""
        if isinstance(window, LockOverlay) or window in self._titles:
            return
        if window.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            QTimer.singleShot(0, window.close)
            return
        self._cover(window, with_password=self._password_overlay() is None)

    def _cover(self, window: QWidget, with_password: bool) -> None:
        # a covered window closed while locked took its overlay with it: forget both
        self._overlays = [o for o in self._overlays if isValid(o)]
        self._titles = {w: t for w, t in self._titles.items() if isValid(w)}
        self._titles[window] = window.windowTitle()
        window.setWindowTitle(LOCKED_TITLE)
        overlay = LockOverlay(window, with_password, self)
        overlay.show()
        overlay.raise_()
        self._overlays.append(overlay)
        self._disable_controls(window)

    def _disable_controls(self, window: QWidget) -> None:
        """Actions and shortcuts off (they fire without the mouse or focus), menu bars off."""
        controls = [*window.findChildren(QAction), *window.actions(),
                    *window.findChildren(QShortcut), *window.findChildren(QMenuBar)]
        for control in controls:
            if control.isEnabled() and control not in self._disabled:
                control.setEnabled(False)
                self._disabled[control] = None

    def _password_overlay(self) -> LockOverlay | None:
        return next((o for o in self._overlays if isValid(o) and o.password is not None), None)

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        app = QApplication.instance()
        windows = [w for w in app.topLevelWidgets() if w.isVisible()]
        # The password goes where the KIPUS can type: the modal dialog blocking the others,
        # else the main window (often no window is active: she walked away).
        modal = [w for w in windows if isinstance(w, QDialog) and w.isModal()]
        main = self.parent() if isinstance(self.parent(), QWidget) else None
        top = app.activeModalWidget() or (modal[-1] if modal else None) or (
            main if main in windows else (windows[0] if windows else None))
        for _ in range(10):  # an open menu (and its submenus) would still take clicks
            popup = app.activePopupWidget()
            if popup is None:
                break
            popup.close()
        for window in windows:
            if window.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
                window.close()
                continue
            self._cover(window, window is top)
        host = self._password_overlay()
        if host is not None:
            host.password.setFocus()
        self.locked_changed.emit(True)

    def try_unlock(self, password: str) -> bool:
        host = self._password_overlay()
        try:
            self.attempts.unlock(password)
        except encryption.WrongPassword as exc:
            if host is not None:
                host.error.setText(str(exc))
                host.password.clear()
            return False
        self.unlock()
        return True

    def unlock(self) -> None:
        # a window closed while locked is gone, with its overlay and controls
        for overlay in self._overlays:
            if isValid(overlay) and isValid(overlay.parentWidget()):
                overlay.parentWidget().removeEventFilter(overlay)
                overlay.deleteLater()
        self._overlays.clear()
        for window, title in self._titles.items():
            if isValid(window):
                window.setWindowTitle(title)
        self._titles.clear()
        for control in self._disabled:
            if isValid(control):
                control.setEnabled(True)
        self._disabled.clear()
        self.locked = False
        self._restarted_at = self._clock()
        self.timer.start()
        self.locked_changed.emit(False)
