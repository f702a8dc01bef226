"""The week (days × hours) on screen: the same table app.plans.timetable gives the paper."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.plans import timetable


class WeekView(QTableWidget):
    """Read-only: the week is changed by editing the plan's items (days and hours)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self.setAccessibleName("Tydzień – dni i godziny usług")
        self.empty_text = "Żadna usługa nie ma jeszcze wpisanych dni tygodnia."

    def show_week(self, week: list[timetable.Entry]) -> None:
        headers, rows = timetable.table(week)
        if not rows:
            headers, rows = [""], [[self.empty_text]]
        self.clear()
        self.setColumnCount(len(headers))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(headers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.setItem(r, c, QTableWidgetItem(text))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        if len(headers) > 1:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.resizeRowsToContents()
