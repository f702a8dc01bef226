"""The "Na dziś" list shown at start: what needs attention, filtered by kind; Enter, a
double click or "Otwórz" opens the case at the step where the matter is handled. What is
overdue says so in words as well as in red."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.casefile.cases import STEP_NAMES
from app.cases import today
from app.core.validation import format_date
from app.session.session import Session
from app.settings.values import Settings
from ui.common import look
from ui.common.list_model import ListTableModel
from ui.common.on_session import OnSession

HEADERS = ["Termin", "Co", "Osoba", "Szczegóły", "Gdzie"]


class ReminderModel(ListTableModel):
    headers = HEADERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = date.today()

    def set_items(self, items: list[today.Reminder], on: date | None = None) -> None:
        self.today = on or date.today()
        super().set_items(items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            where = (f"{r.step}. {STEP_NAMES[r.step]}" if r.step else
                     "Ustawienia centrum" if r.kind == "dane_centrum" else "Wnioski")
            due = format_date(r.due) + (" – po terminie" if self.overdue(r) else "")
            return [due, r.kind_label, r.resident_name, r.text, where][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and self.overdue(r):
            return QBrush(look.tone_color("error"))
        return None

    def overdue(self, r: today.Reminder) -> bool:
        return r.due < self.today.isoformat()


class TodayPage(OnSession, QWidget):
    open_case = Signal(str, int)
    open_application = Signal(str)
    open_centre = Signal()

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.kind = QComboBox()
        self.kind.setAccessibleName("Pokaż rodzaj spraw do załatwienia")
        self.kind.addItem("wszystkie sprawy do załatwienia", None)
        for key in today.kind_labels(Settings()):
            self.kind.addItem("", key)  # named by refresh(), with the limits in force
        self.kind.currentIndexChanged.connect(lambda _: self.refresh())
        self.summary = QLabel()
        self.model = ReminderModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Sprawy do załatwienia")
        look.column_widths(self.table, (170, 280, 200, 360))
        # Enter on a row as well as a double click (activated is both on every platform)
        self.table.activated.connect(self._open)
        self.open_button = QPushButton("O&twórz")  # Alt+O is Pomoc
        self.open_button.setToolTip("Otwórz zaznaczoną sprawę na właściwym kroku (Enter)")
        self.open_button.clicked.connect(self._open_selected)
        top = QHBoxLayout()
        heading = QLabel("Na dziś")
        look.heading(heading)
        top.addWidget(heading)
        top.addStretch()
        top.addWidget(QLabel("Pokaż:"))
        top.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_button)
        hint = QLabel("Enter albo dwuklik otwiera sprawę na właściwym kroku. Po terminie – "
                      "na czerwono i z dopiskiem „po terminie”.")
        hint.setWordWrap(True)  # large text would widen the window past the screen
        bottom.addWidget(hint, 1)
        layout.addLayout(bottom)

    def refresh(self, on: date | None = None) -> None:
        on = on or date.today()
        for i, label in enumerate(today.kind_labels(self.session.settings()).values(), 1):
            self.kind.setItemText(i, label)
        items = today.reminders(self.db, on)
        kind = self.kind.currentData()
        shown = [r for r in items if kind is None or r.kind == kind]
        self.model.set_items(shown, on)
        overdue = sum(r.due < on.isoformat() for r in shown)
        self.summary.setText(f"Do załatwienia: {len(shown)}" + (f", w tym po terminie: "
                                                               f"{overdue}" if overdue else "")
                             if shown else "Nic pilnego na dziś.")

    def _open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open(index)

    def _open(self, index) -> None:
        r = self.model.items[index.row()]
        if r.kind == "dane_centrum":
            self.open_centre.emit()
        elif r.kind == "wniosek":
            self.open_application.emit(r.case_id)
        else:
            self.open_case.emit(r.case_id, r.step)
