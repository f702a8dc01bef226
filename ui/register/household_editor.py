"""The household tab of the resident form: the people living and keeping house together,
with their relation; removed people are archived by the store, never deleted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import validation as v
from app.people.residents import RELATIONS, HouseholdMember
from ui.common.widgets import ErrorLabel

HEADERS = ["Nazwisko", "Imię", "Pokrewieństwo / relacja", "Data urodzenia"]


class HouseholdEditor(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Osoby wspólnie zamieszkujące i gospodarujące:"))
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        add = QPushButton("Dodaj osobę")
        add.clicked.connect(lambda: self.add_row())
        remove = QPushButton("Usuń zaznaczoną osobę")
        remove.clicked.connect(self.remove_selected)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        layout.addLayout(row)

    def add_row(self, member: HouseholdMember | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = ["", "", "", ""]
        if member:
            values = [member.surname, member.first_name, member.relation,
                      v.format_date(member.birth_date)]
        for col, text in enumerate(values):
            if col == 2:
                combo = QComboBox()
                combo.setEditable(True)
                combo.addItems(["", *RELATIONS])
                combo.setCurrentText(text)
                self.table.setCellWidget(row, col, combo)
            else:
                item = QTableWidgetItem(text)
                if member is not None and col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, member)
                self.table.setItem(row, col, item)
        return row

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def members(self) -> list[HouseholdMember]:
        out = []
        for row in range(self.table.rowCount()):
            def cell(col: int, r: int = row) -> str:
                item = self.table.item(r, col)
                return item.text().strip() if item else ""

            combo = self.table.cellWidget(row, 2)
            relation = combo.currentText().strip() if isinstance(combo, QComboBox) else ""
            if not any((cell(0), cell(1), relation, cell(3))):
                continue  # an empty row the KIPUS added and left blank
            first = self.table.item(row, 0)
            original = first.data(Qt.ItemDataRole.UserRole) if first else None
            out.append(HouseholdMember(
                surname=cell(0), first_name=cell(1), relation=relation,
                birth_date=cell(3) or None, id=original.id if original else None,
                member_resident_id=original.member_resident_id if original else None,
                notes=original.notes if original else ""))
        return out
