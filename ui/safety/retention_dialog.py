"""Closed cases past their retention period (JRWA category from settings). Nothing is removed
by itself: the KIPUS reviews the list and confirms each anonymisation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.core.errors import KoordynatorError
from app.core.validation import format_date
from app.privacy import rodo
from app.session.session import Session
from app.settings import store as settings_store
from ui.common import look
from ui.common.on_session import OnSession
from ui.common.widgets import list_table


def confirm_anonymise(parent, name: str) -> bool:
    answer = QMessageBox.question(
        parent, "Anonimizacja",
        f"Zanonimizować dane: {name}?\n\nImię, nazwisko, PESEL, adres i kontakt zostaną "
        "zastąpione i nie da się ich odtworzyć (poza starszymi kopiami zapasowymi). "
        "Zdarzenie zostanie zapisane w dzienniku.")
    return answer == QMessageBox.StandardButton.Yes


class RetentionDialog(OnSession, QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Okresy przechowywania akt")
        look.resize(self, 760, 460)
        category = settings_store.load(session.db).retention_cases
        intro = QLabel(f"Kategoria archiwalna akt spraw: {category} (zmień w Ustawieniach). "
                       "Okres liczy się od 1 stycznia roku następnego po zamknięciu sprawy. "
                       "Program niczego nie usuwa sam.")
        intro.setWordWrap(True)
        self.table = list_table(["Osoba", "Sprawa", "Zamknięta", "Przechowywać do"])
        self.anonymise_button = QPushButton("Anonimizuj zaznaczoną osobę…")
        self.anonymise_button.setAutoDefault(False)  # never on Enter in the list
        self.anonymise_button.clicked.connect(self.anonymise_selected)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.anonymise_button)
        self.refresh()

    def refresh(self) -> None:
        self.expired = rodo.closed_cases_past_retention(self.db)
        self.table.setRowCount(0)
        for row, case in enumerate(self.expired):
            self.table.insertRow(row)
            for col, value in enumerate((case.name, case.case_number,
                                         format_date(case.closed_on),
                                         format_date(case.keep_until))):
                self.table.setItem(row, col, QTableWidgetItem(value))
        if not self.expired:
            self.message.setText("Żadna zamknięta sprawa nie przekroczyła okresu "
                                 "przechowywania.")
        self.anonymise_button.setEnabled(bool(self.expired))

    def anonymise_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText("Zaznacz osobę na liście.")
            return False
        case = self.expired[rows[0].row()]
        if not confirm_anonymise(self, case.name):
            return False
        try:
            rodo.anonymise_resident(self.db, case.resident_id)
        except KoordynatorError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(f"Zanonimizowano dane: {case.name}.")
        self.refresh()
        return True
