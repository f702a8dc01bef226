"""Settings of the centre: its name and address for documents, the KIPUS, deadlines."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)
from sqlite_utils import Database

from app import settings_store

ERROR_STYLE = "color: #b00020;"


class SettingsDialog(QDialog):
    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self._db = db
        self.setWindowTitle("Ustawienia centrum")
        self.setMinimumWidth(560)
        current = settings_store.get_all(db)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for key, label in settings_store.LABELS.items():
            edit = QLineEdit(current.get(key, ""))
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            self.edits[key], self.errors[key] = edit, error
            form.addRow(label, edit)
            form.addRow("", error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Zapisz")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Anuluj")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> bool:
        errors = settings_store.save(self._db, {k: e.text() for k, e in self.edits.items()})
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        if errors:
            return False
        self.accept()
        return True
