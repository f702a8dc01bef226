"""A provider's week: every service it delivers in plans in force, day by day and hour by
hour, with the person it is for; printable for the provider's round."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.catalogue import partners
from app.core.validation import format_date
from app.documents import render
from app.plans import timetable
from app.session.session import Session
from ui.common.on_session import OnSession
from ui.common.week_view import WeekView


class ProviderWeekDialog(OnSession, QDialog):
    def __init__(self, session: Session, partner_id: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.partner = partners.get(self.db, partner_id)
        self.today = date.today()
        self.entries = timetable.provider_week(self.db, partner_id, self.today)
        self.setWindowTitle(f"Tydzień wykonawcy: {self.partner.full_name}")
        self.resize(1100, 560)
        self.week = WeekView()
        self.week.empty_text = ("Ten wykonawca nie ma dziś usług w uzgodnionych planach z "
                                "wpisanymi dniami tygodnia.")
        self.week.show_week(self.entries)
        self.print_button = QPushButton("Podgląd wydruku…")
        self.print_button.clicked.connect(lambda: self.preview())
        close = QPushButton("Zamknij")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Usługi w planach obowiązujących w dniu "
                                f"{format_date(self.today)}: co, kiedy i dla kogo."))
        layout.addWidget(self.week, 1)
        layout.addLayout(buttons)

    def pdf(self) -> bytes:
        return render.week_pdf(f"Tydzień wykonawcy: {self.partner.full_name}",
                               f"Stan na {format_date(self.today)}. Wydruk roboczy – zawiera "
                               "dane osobowe, nie zostawiaj go bez nadzoru.", self.entries)

    def preview(self):
        from ui.documents.screens import PdfPreview

        preview = PdfPreview(self.pdf(), f"Tydzień – {self.partner.full_name}", self)
        preview.exec()
        return preview
