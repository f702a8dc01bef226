"""A provider's week, any week: every service it delivers in plans in force, day by day and
hour by hour, with the person it is for; printable for the provider's round."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.catalogue import partners
from app.documents import render
from app.plans import timetable
from app.session.session import Session
from ui.common import look
from ui.common.on_session import OnSession
from ui.common.week_view import WeekView
from ui.common.widgets import DateField, ErrorLabel


class ProviderWeekDialog(OnSession, QDialog):
    """The week chosen (this one at first; a day typed or picked, or the arrows), so the
    provider's round can be prepared for the coming week too."""

    def __init__(self, session: Session, partner_id: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.partner_id = partner_id
        self.partner = partners.get(self.db, partner_id)
        self.setWindowTitle(f"Tydzień wykonawcy: {self.partner.full_name}")
        look.resize(self, 1100, 560)
        self.day = DateField(date.today(), label="Tydzień z dniem")
        self.day.editingFinished.connect(self._day_typed)
        self.previous = QPushButton("← Poprzedni tydzień")
        self.previous.clicked.connect(lambda: self.show_week_of(self.monday - timedelta(days=7)))
        self.next = QPushButton("Następny tydzień →")
        self.next.clicked.connect(lambda: self.show_week_of(self.monday + timedelta(days=7)))
        self.this_week = QPushButton("Ten tydzień")
        self.this_week.clicked.connect(lambda: self.show_week_of(date.today()))
        self.heading = QLabel()
        self.error = ErrorLabel()
        self.week = WeekView()
        self.week.empty_text = ("W tym tygodniu ten wykonawca nie ma usług w uzgodnionych "
                                "planach z wpisanymi dniami tygodnia.")
        self.print_button = QPushButton("Podgląd wydruku…")
        self.print_button.clicked.connect(lambda: self.preview())
        close = QPushButton("Zamknij")
        close.clicked.connect(self.accept)
        for button in (self.previous, self.next, self.this_week, self.print_button, close):
            button.setAutoDefault(False)  # Enter in the date shows that week, nothing else
        chooser = QHBoxLayout()
        chooser.addWidget(self.previous)
        chooser.addWidget(QLabel("Tydzień z dniem:"))
        chooser.addWidget(self.day)
        chooser.addWidget(self.next)
        chooser.addWidget(self.this_week)
        chooser.addStretch()
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.error)
        layout.addWidget(self.heading)
        layout.addWidget(self.week, 1)
        layout.addLayout(buttons)
        self.show_week_of(date.today())

    def show_week_of(self, day: date) -> None:
        self.monday = timetable.week_of(day)[0]
        self.day.set_date(day)
        self.error.show_errors(None)
        self.entries = timetable.provider_week(self.db, self.partner_id, self.monday)
        self.heading.setText(f"Tydzień {timetable.week_label(self.monday)}: usługi w planach "
                             "uzgodnionych i zatwierdzonych – co, kiedy i dla kogo.")
        self.week.show_week(self.entries)

    def _day_typed(self) -> None:
        try:
            day = self.day.date()
        except ValueError as exc:
            self.error.show_errors(str(exc))
            return
        if day is not None and timetable.week_of(day)[0] != self.monday:
            self.show_week_of(day)

    def pdf(self) -> bytes:
        return render.week_pdf(f"Tydzień wykonawcy: {self.partner.full_name}",
                               f"Tydzień {timetable.week_label(self.monday)}. Wydruk roboczy – "
                               "zawiera dane osobowe, nie zostawiaj go bez nadzoru.",
                               self.entries)

    def preview(self):
        from ui.documents.screens import PdfPreview

        preview = PdfPreview(self.pdf(), f"Tydzień – {self.partner.full_name}", self)
        preview.exec()
        return preview
