"""The audit log viewer: who did what and when, filtered by person, date and action, with
a check that nobody rewrote the history."""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.audit import trail as audit
from app.core.validation import format_date
from app.people import residents_store
from app.session.session import Session
from ui.common import look
from ui.common.list_model import ListTableModel
from ui.common.on_session import OnSession

TABLES = {"residents": "mieszkaniec", "settings": "ustawienia", "cases": "sprawa",
          "plans": "plan", "documents": "dokument"}
HEADERS = ["Kiedy", "Kto", "Co", "Czego dotyczy", "Osoba", "Szczegóły"]


def _when(at: str) -> str:
    local = datetime.fromisoformat(at).astimezone()
    return f"{format_date(local.date())} {local:%H:%M:%S}"


def _details(text: str | None) -> str:
    if not text:
        return ""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if isinstance(data, dict):
        return "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
                         for k, v in data.items())
    return str(data)


class AuditModel(ListTableModel):
    headers = HEADERS

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        e = self.items[index.row()]
        values = [_when(e.at), e.actor, audit.ACTIONS.get(e.action, e.action),
                  TABLES.get(e.table_name or "", e.table_name or ""), e.person,
                  _details(e.details)]
        return values[index.column()]


class AuditDialog(OnSession, QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Dziennik zdarzeń")
        look.resize(self, 1100, 620)
        self.person = QLineEdit()
        self.person.setPlaceholderText("nazwisko, imię lub PESEL (puste: wszyscy)")
        self.action = QComboBox()
        self.action.addItem("wszystkie czynności", None)
        for key, label in audit.ACTIONS.items():
            self.action.addItem(label, key)
        self.use_dates = QCheckBox("od–do:")
        self.date_from = QDateEdit(QDate.currentDate().addMonths(-1))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setCalendarPopup(True)
        show = QPushButton("Pokaż")
        show.clicked.connect(self.refresh)
        self.person.returnPressed.connect(self.refresh)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Osoba:"))
        filters.addWidget(self.person, 2)
        filters.addWidget(self.action, 1)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(self.date_to)
        filters.addWidget(show)
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        look.column_widths(self.table, (150, 140, 160, 110, 180))
        self.summary = QLabel()
        verify = QPushButton("Sprawdź, czy dziennika nie zmieniano")
        verify.clicked.connect(self.verify)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(verify)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.verdict)
        self.refresh()

    def refresh(self) -> None:
        text = self.person.text().strip()
        ids = [r.id for r in residents_store.search(self.db, text, limit=200)] if text else None
        dates = {}
        if self.use_dates.isChecked():
            dates = {"date_from": self.date_from.date().toString("yyyy-MM-dd"),
                     "date_to": self.date_to.date().toString("yyyy-MM-dd")}
        entries = audit.entries_for(self.db, resident_ids=ids, action=self.action.currentData(),
                                    **dates)
        self.model.set_items(entries)
        self.summary.setText(f"Wpisów: {len(entries)}" + (" (pokazano najnowsze 2000)"
                                                           if len(entries) == 2000 else ""))

    def verify(self) -> list[str]:
        problems = audit.verify(self.db)
        if problems:
            look.tone(self.verdict, "error", strong=True)
            self.verdict.setText("DZIENNIK ZOSTAŁ NARUSZONY: " + " ".join(problems[:5]))
        else:
            look.tone(self.verdict, "ok")
            self.verdict.setText("Dziennik jest nienaruszony: żadnego wpisu nie zmieniono ani "
                                 "nie usunięto.")
        return problems
