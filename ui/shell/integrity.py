"""Checks the database file in the background right after start, so the window is not
kept waiting, and reports damage to the main thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.storage.connection import check_file


class IntegrityWatcher(QObject):
    damaged = Signal(str)
    checked = Signal()

    def __init__(self, path: Path, key: str | None, parent=None):
        super().__init__(parent)
        self._path, self._key = path, key

    def start(self) -> None:
        threading.Thread(target=self._run, name="integrity-check", daemon=True).start()

    def _run(self) -> None:
        result = check_file(self._path, self._key)
        if result == "ok":
            self.checked.emit()
        else:
            self.damaged.emit(result)
