"""Small widgets shared by the forms: a Polish date field and an error label."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
)

ERROR_STYLE = "color: #b00020;"
ERROR_FRAME = "border: 2px solid #b00020;"  # the field itself, not only the text below it


class DateField(QLineEdit):
    """A date typed as DD.MM.RRRR; empty is allowed (None). ``label`` names the field in the
    message about a date that cannot be (31.02, month 13)."""

    def __init__(self, value: date | str | None = None, parent=None, label: str = "Data"):
        super().__init__(parent)
        self.label = label
        self.setPlaceholderText("DD.MM.RRRR")
        self.setMaximumWidth(130)
        self.set_date(value)

    def set_date(self, value: date | str | None) -> None:
        from app.core.validation import format_date  # loaded after the first paint

        self.setText(format_date(value) if value else "")

    def date(self) -> date | None:
        """The date, None when empty; ValueError with a Polish message when malformed."""
        text = self.text().strip()
        from app.core.validation import parse_date

        return parse_date(text, self.label) if text else None


class ErrorLabel(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_errors(self, errors: dict[str, str] | list[str] | str | None) -> None:
        if isinstance(errors, dict):
            errors = list(errors.values())
        elif isinstance(errors, str):
            errors = [errors]
        text = "\n".join(errors or [])
        self.setStyleSheet(ERROR_STYLE)
        self.setText(text)
        self.setVisible(bool(text))

    def show_ok(self, text: str) -> None:
        self.setStyleSheet("color: #1b5e20;")
        self.setText(text)
        self.setVisible(True)


OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def ok_cancel(ok_text: str, on_ok, on_cancel) -> QDialogButtonBox:
    """The dialog buttons in Polish: ``ok_text`` and "Anuluj"."""
    box = QDialogButtonBox(OK | CANCEL)
    box.button(OK).setText(ok_text)
    box.button(CANCEL).setText("Anuluj")
    box.accepted.connect(on_ok)
    box.rejected.connect(on_cancel)
    return box


def list_table(headers: list[str]) -> QTableWidget:
    """A read-only table of rows to pick from (whole rows selected, no row numbers)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    return table
