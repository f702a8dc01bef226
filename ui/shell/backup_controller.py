"""Automatic backups while the program runs: every 30 minutes when something changed (in a
background thread, on its own connection), on closing, never after a restore until the next
start; and the status-bar line that says when the last backup was made."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.errors import KoordynatorError
from app.session.session import Session
from app.storage import backups
from ui.common.on_session import OnSession

INTERVAL_MS = int(backups.AUTO_INTERVAL.total_seconds() * 1000)


class BackupController(OnSession, QObject):
    status_changed = Signal(str, bool)  # text, is_warning
    _finished = Signal(object)  # Path or an error message, from the worker thread

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.folder = session.backup_folder
        self.paused = False
        self._pause_reason = ""
        self._busy = False
        self._changes_at_backup = session.change_count()
        self._finished.connect(self._on_finished)
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.backup_if_changed_in_background)
        self.timer.start()

    # --- state --------------------------------------------------------------------------------
    def changed_since_backup(self) -> bool:
        return self.session.change_count() != self._changes_at_backup

    def refresh_status(self) -> None:
        if self.paused:
            self.status_changed.emit(self._pause_reason, True)
        else:
            self.status_changed.emit(*backups.age_report(
                self.folder, self.session.settings().backup_warn_days))

    def _safety_days(self) -> int:
        return self.session.settings().safety_backup_days

    # --- making backups -----------------------------------------------------------------------
    def backup_now(self, kind: str = "auto", folder: Path | None = None, progress=None) -> Path:
        """Synchronous backup with this connection (on closing, or manual with progress)."""
        target = backups.make_backup(self.db, self.session.path, kind, self.session.key, folder,
                                     progress)
        if folder is None:  # a copy taken away (a stick) does not replace the local one
            backups.thin(self.folder, safety_days=self._safety_days())
            self._changes_at_backup = self.session.change_count()
        self.refresh_status()
        return target

    def backup_on_close(self) -> str | None:
        """None when all went well (or nothing to do), else the Polish reason."""
        if self.paused or not self.changed_since_backup():
            return None
        try:
            self.backup_now("auto")
        except KoordynatorError as exc:
            return str(exc)
        return None

    def backup_if_changed_in_background(self) -> bool:
        if self.paused or self._busy or not self.changed_since_backup():
            return False
        self._busy = True
        self._changes_at_backup = self.session.change_count()
        threading.Thread(target=self._work, name="auto-backup", daemon=True).start()
        return True

    def _work(self) -> None:
        try:
            self._finished.emit(self.session.backup_on_own_connection("auto"))
        except KoordynatorError as exc:
            self._finished.emit(str(exc))

    def _on_finished(self, result) -> None:
        self._busy = False
        if isinstance(result, str):
            self._changes_at_backup = -1  # try again next time
            self.status_changed.emit(f"Kopia zapasowa nie powiodła się: {result}", True)
        else:
            self.refresh_status()

    def wait_idle(self, timeout_s: float = 30.0) -> None:
        """For tests and closing: let a background backup finish."""
        import time

        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + timeout_s
        while self._busy and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def pause(self, reason: str = "Automatyczne kopie wstrzymane do ponownego uruchomienia "
              "(przywrócono kopię).") -> None:
        self.paused = True
        self._pause_reason = reason
        self.timer.stop()
        self.refresh_status()
