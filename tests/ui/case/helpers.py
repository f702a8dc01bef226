"""Driving the case window and the plan editor as a person does."""

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from app.core.validation import format_date
from tests.conftest import type_text

T = date.today()


def _combo_select(combo: QComboBox, text_part: str) -> None:
    for i in range(combo.count()):
        if text_part in combo.itemText(i):
            combo.setCurrentIndex(i)
            return
    raise AssertionError(f"{text_part!r} not in combo")


def click_row(qtbot, e, row: int) -> None:
    view = e.view if hasattr(e, "view") else e.table  # a record list or the plan editor
    rect = view.visualRect(e.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def add_item(qtbot, e, service: str = "", action: str = "", freq: str = "", days: str = "",
             hours: str = "", partner: str = "") -> None:
    """Dodaj pozycję, then the form, field by field, as she types."""
    qtbot.mouseClick(e.add_button, Qt.MouseButton.LeftButton)
    f = e.form
    if action:
        _combo_select(f.kind, "działanie wspierające")
        type_text(f.description, action)
    else:
        _combo_select(f.service, service)
    if partner:
        _combo_select(f.partner, partner)
    qtbot.keyClicks(f.start, format_date(T + timedelta(days=7)))
    qtbot.keyClicks(f.end, format_date(T + timedelta(days=180)))
    type_text(f.frequency, freq)
    type_text(f.weekdays, days)
    type_text(f.hours, hours)

