"""Small widgets shared by the forms: a Polish date field (typed or picked from a calendar)
and an error label."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QWidget,
)

from app.core.errors import ValidationError
from ui.common import look

ERROR_FRAME = look.ERROR_FRAME  # the field itself, not only the text below it


def _calendar_icon() -> QIcon:
    """A small drawn calendar: the program ships no icon files to go missing."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#37474f"))
    painter.setBrush(QColor("#ffffff"))
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(2, 3, 12, 3), QColor("#1565c0"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.drawPoint(QPoint(x, y))
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """A date typed as DD.MM.RRRR or picked from a calendar (the icon, Alt+↓ or F4); empty is
    allowed (None). ``label`` names the field in the message about a date that cannot be
    (31.02, month 13)."""

    def __init__(self, value: date | str | None = None, parent=None, label: str = "Data"):
        super().__init__(parent)
        self.label = label
        self.setPlaceholderText("DD.MM.RRRR")
        look.chars_wide(self, 18)
        self.calendar_action = QAction(_calendar_icon(), "Wybierz datę z kalendarza", self)
        self.calendar_action.setToolTip("Wybierz datę z kalendarza (Alt+↓)")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar: QCalendarWidget | None = None
        self.set_date(value)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        alt_down = (event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        """A calendar under the field, on the typed date (or today); choosing a day, Enter
        or a click, puts it in the field; Escape leaves the field as it was."""
        if self.isReadOnly() or not self.isEnabled():
            return
        if self.calendar is None:  # one per field, kept: deleting it inside its own signal
            calendar = QCalendarWidget(self)  # would crash Qt
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setLocale(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
            calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            calendar.setGridVisible(True)
            calendar.setVerticalHeaderFormat(
                QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            calendar.activated.connect(self._picked)
            calendar.clicked.connect(lambda day: self._picked(day))  # a QDate, not "checked"
            escape = QAction(calendar)
            escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
            escape.triggered.connect(calendar.hide)
            calendar.addAction(escape)
            self.calendar = calendar
        try:
            current = self.date() or date.today()
        except ValueError:
            current = date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.set_date(date(day.year(), day.month(), day.day()))
        self.editingFinished.emit()
        if self.calendar is not None:
            self.calendar.hide()
        self.setFocus()


    def set_date(self, value: date | str | None) -> None:
        from app.core.validation import format_date  # loaded after the first paint

        self.setText(format_date(value) if value else "")

    def date(self) -> date | None:
        """The date, None when empty; ValueError with a Polish message when malformed."""
        text = self.text().strip()
        from app.core.validation import parse_date

        return parse_date(text, self.label) if text else None


def note(text: str) -> QLabel:
    """A line of explanation that wraps: unwrapped, large text would widen its window past
    the screen."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ErrorLabel(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        look.tone(self, "error")
        self.setWordWrap(True)
        self.hide()

    def show_errors(self, errors: dict[str, str] | list[str] | str | Exception | None
                    ) -> None:
        """Messages by field, a list, one text, or the error app/ raised (a ValidationError
        shows its fields' messages, without the general "Popraw zaznaczone pola")."""
        if isinstance(errors, ValidationError):
            errors = errors.errors
        elif isinstance(errors, Exception):  # its message is already Polish
            errors = str(errors)
        if isinstance(errors, dict):
            errors = list(errors.values())
        elif isinstance(errors, str):
            errors = [errors]
        text = "\n".join(errors or [])
        look.tone(self, "error")
        self.setText(text)
        self.setVisible(bool(text))

    def show_ok(self, text: str) -> None:
        look.tone(self, "ok")
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


def keyed_buttons(layout: QLayout, choices: tuple[tuple[str, str], ...],
                  on_click: Callable[[str], object]) -> dict[str, QPushButton]:
    """A button for each (key, text), added to ``layout``, each calling ``on_click(key)``:
    the buttons by their key, for tests and for enabling them."""
    buttons = {}
    for key, text in choices:
        button = QPushButton(text)
        button.clicked.connect(lambda _=False, k=key: on_click(k))
        buttons[key] = button
        layout.addWidget(button)
    return buttons


def list_table(headers: list[str]) -> QTableWidget:
    """A read-only table of rows to pick from (whole rows selected, no row numbers)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    look.wrapping_header(table)
    return table


class _OnEnter(QObject):
    def __init__(self, widget: QWidget, action: Callable[[], object],
                 when: Callable[[], bool]):
        super().__init__(widget)
        self.action, self.when = action, when

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.when()):
            self.action()
            return True  # taken: passed on, it pressed the dialog's default button too
        return False


def on_enter(widget: QWidget, action: Callable[[], object],
             when: Callable[[], bool] = lambda: True) -> None:
    """Enter in ``widget`` does ``action`` and nothing else. A list or a search field
    leaves Enter to the dialog, whose default button then fired as well."""
    widget.installEventFilter(_OnEnter(widget, action, when))


def opens_rows(view: QAbstractItemView, open_row: Callable[[], object]) -> None:
    """Enter or a double-click on a row of ``view`` calls ``open_row``. A list ignores
    Enter, so in a dialog it went on to the default button: Enter on a document opened
    the question to void it."""
    view.doubleClicked.connect(lambda _: open_row())
    on_enter(view, open_row, lambda: view.currentIndex().isValid())


def scrolled(widget: QWidget, framed: bool = True) -> QScrollArea:
    """``widget`` in a scroll area that resizes it to the width available."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    if not framed:
        area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


def emptied(layout: QLayout) -> None:
    """Every widget out of ``layout`` and out of view at once (deleteLater alone leaves
    it drawn until Qt gets to it), freed later."""
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
