"""When the database cannot be opened at start: say why, in Polish, and offer a way out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app import backups
from app.errors import KoordynatorError
from app.paths import backup_dir
from app.validation import format_date


def resolve_open_problem(path: Path, message: str) -> bool:
    """True when something was done and opening should be tried again; False to quit."""
    newest = backups.newest_good(backup_dir(path))
    box = QMessageBox(QMessageBox.Icon.Critical, "Nie można otworzyć bazy danych", message)
    restore = None
    if newest is not None:
        when = f"{format_date(newest.made_at.date())} {newest.made_at:%H:%M}"
        box.setInformativeText(
            f"Najnowsza dobra kopia zapasowa jest z {when}. Przywrócenie jej zastąpi plik "
            "bazy; obecny plik zostanie zachowany obok, nic nie zostanie usunięte.")
        restore = box.addButton(f"Przywróć kopię z {when}", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("Nie znaleziono dobrej kopii zapasowej w folderze "
                               f"{backup_dir(path)}. Jeśli masz kopię na pendrive, uruchom "
                               "program z nią: koordynator --db ŚCIEŻKA_KOPII.")
    box.addButton("Zakończ", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if restore is not None and box.clickedButton() is restore:
        try:
            backups.restore(path, newest.path)
        except KoordynatorError as exc:
            QMessageBox.critical(None, "Nie przywrócono kopii", str(exc))
            return False
        return True
    return False
