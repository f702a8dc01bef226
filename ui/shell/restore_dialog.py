"""Choosing a backup to restore: its date, kind and what it holds are shown before anything
is replaced. One call: ``RestoreDialog(folder).exec()`` then ``chosen``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.core.validation import format_date
from app.storage import backups
from ui.common import look
from ui.common.widgets import OK, list_table, ok_cancel


class RestoreDialog(QDialog):
    def __init__(self, folder: Path, key: str | None = None, parent=None):
        super().__init__(parent)
        self.key = key
        self.chosen: Path | None = None
        self.setWindowTitle("Przywracanie z kopii zapasowej")
        look.resize(self, 760, 460)
        info = QLabel(
            "Wybierz kopię. Przed przywróceniem program zapisze kopię obecnego stanu, więc "
            "niczego nie stracisz. Po przywróceniu automatyczne kopie zostaną wstrzymane do "
            "ponownego uruchomienia programu.")
        info.setWordWrap(True)
        self.table = list_table(["Data i godzina", "Rodzaj", "Rozmiar"])
        self.details = QLabel("Zaznacz kopię, by zobaczyć, co zawiera.")
        self.details.setWordWrap(True)
        other = QPushButton("Wybierz plik kopii z innego miejsca (np. pendrive)…")
        other.clicked.connect(self._choose_file)
        self.buttons = ok_cancel("Przywróć tę kopię", self.accept, self.reject)
        self.restore_button = self.buttons.button(OK)
        self.restore_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.table, 1)
        layout.addWidget(other)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)
        self._items = backups.list_backups(folder)
        for row, item in enumerate(self._items):
            self.table.insertRow(row)
            cells = [f"{format_date(item.made_at.date())} {item.made_at:%H:%M:%S}",
                     item.kind_label, f"{item.size / 1e6:.1f} MB"]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, str(item.path))
                self.table.setItem(row, col, cell)
        self.table.itemSelectionChanged.connect(self._selected)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.inspect(Path(self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)))

    def inspect(self, path: Path) -> bool:
        """Verify the backup and show what it holds; only a good one can be chosen."""
        result = backups.verify_backup(path, self.key)
        if result.ok and result.counts is not None:
            c = result.counts
            self.details.setText(
                f"{path.name}: kopia w porządku. Mieszkańców: {c.get('residents', 0)}, spraw: "
                f"{c.get('cases', 0)}, planów: {c.get('plans', 0)}, dokumentów: "
                f"{c.get('documents', 0)}.")
            self.chosen = path
        else:
            self.details.setText(f"{path.name}: tej kopii nie można przywrócić – "
                                 f"{result.message}")
            self.chosen = None
        self.restore_button.setEnabled(self.chosen is not None)
        return self.chosen is not None

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Plik kopii zapasowej", "",
                                              "Kopie Koordynatora (*.db);;Wszystkie pliki (*)")
        if name:
            self.inspect(Path(name))
