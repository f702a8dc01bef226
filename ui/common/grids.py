"""Editable grids of the case pages and catalogue screens: combo boxes, plain text cells
and reading back what the KIPUS put in a cell."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from app.core.validation import parse_date


def combo(options: dict[str, str], current: str | None = None, empty: str = "") -> QComboBox:
    combo = QComboBox()
    if empty:
        combo.addItem(empty, None)
    for key, label in options.items():
        combo.addItem(label, key)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().hide()
    return table


def cell(table: QTableWidget, row: int, col: int) -> str:
    widget = table.cellWidget(row, col)
    if isinstance(widget, QComboBox):
        return widget.currentData() or ""
    if isinstance(widget, QCheckBox):
        return "1" if widget.isChecked() else ""
    if isinstance(widget, QSpinBox):
        return str(widget.value())
    item = table.item(row, col)
    return item.text().strip() if item else ""


def put_text(table: QTableWidget, row: int, col: int, text: str) -> None:
    table.setItem(row, col, QTableWidgetItem(text))


def optional_date(text: str, label: str = "Data") -> date | None:
    return parse_date(text, label) if text.strip() else None
