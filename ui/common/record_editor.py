"""An editable list of records: a table model whose rows carry their own ids, shown as a
list with a form beside it that edits the selected row. Needs, opinions, household members,
close persons and access to services are all edited this way, so removing a row removes its
id with it and no id can drift to another row."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common import look
from ui.common.widgets import ERROR_FRAME, DateField
from ui.common.wrapping_combo import WrappingCombo

Index = QModelIndex
Row = dict[str, Any]  # the values as typed, plus "id" and whatever the page keeps with a row


@dataclass(frozen=True)
class Field:
    """One field of a record: how it is typed and whether the list shows it."""

    key: str
    label: str
    choices: Mapping[str, str] | None = None  # stored value → what the KIPUS reads
    free_text: bool = False  # the choices are suggestions; anything may be typed
    spin: tuple[int, int] | None = None
    date: bool = False
    multiline: bool = False
    in_list: bool = True
    read_only: bool = False
    placeholder: str = ""
    list_label: str = ""  # a shorter header for the list, where the form's label is long
    check: bool = False  # a yes/no box; the list reads "tak" or "nie"
    # the choices offered for one row (e.g. services ordered by the need's area); the list
    # still names a value through ``choices``, which holds every value any row can take
    choices_for: Callable[[Row], Mapping[str, str]] | None = None

    def shown(self, value: Any) -> str:
        if self.check:
            return "tak" if value else "nie"
        if self.choices is not None and not self.free_text:
            return self.choices.get(value, "") if value else ""
        return "" if value is None else str(value)


class RecordModel(QAbstractTableModel):
    """Rows as dicts, each holding its id; the columns are the fields the list shows."""

    def __init__(self, fields: tuple[Field, ...], parent=None):
        super().__init__(parent)
        self.fields = fields
        self.columns = tuple(f for f in fields if f.in_list)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = [dict(r) for r in rows]
        self.endResetModel()

    def add(self, row: Row) -> int:
        at = len(self.rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.append(dict(row))
        self.endInsertRows()
        return at

    def remove(self, at: int) -> None:
        if 0 <= at < len(self.rows):
            self.beginRemoveRows(QModelIndex(), at, at)
            del self.rows[at]
            self.endRemoveRows()

    def set_value(self, at: int, key: str, value: Any) -> None:
        if 0 <= at < len(self.rows) and self.rows[at].get(key) != value:
            self.rows[at][key] = value
            self.dataChanged.emit(self.index(at, 0), self.index(at, len(self.columns) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = self.columns[index.column()]
            return column.shown(self.rows[index.row()].get(column.key))
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            column = self.columns[section]
            return column.list_label or column.label
        return None


def _fill(combo: QComboBox, field: Field, choices: Mapping[str, str]) -> None:
    combo.clear()
    combo.addItem("", "") if field.free_text else combo.addItem("— wybierz —", None)
    for key, label in choices.items():
        combo.addItem(label, key)


def _input(field: Field) -> QWidget:
    widget: QWidget
    if field.check:
        widget = QCheckBox()
    elif field.choices is not None:
        widget = WrappingCombo()
        widget.setEditable(field.free_text)
        _fill(widget, field, field.choices)
    elif field.spin is not None:
        widget = QSpinBox()
        widget.setRange(*field.spin)
    elif field.date:
        widget = DateField(label=field.label)
    elif field.multiline:
        widget = QPlainTextEdit()
        look.lines_tall(widget, 3)
        widget.setTabChangesFocus(True)
    else:
        widget = QLineEdit()
    widget.setAccessibleName(field.label)  # a screen reader says which field it is
    if field.placeholder and isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.setPlaceholderText(field.placeholder)
    if field.read_only:
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.setReadOnly(True)
        else:
            widget.setEnabled(False)
    widget.setAccessibleName(field.label)
    return widget


def _read(widget: QWidget, field: Field) -> Any:
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentText().strip() if field.free_text else widget.currentData()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    assert isinstance(widget, QLineEdit)
    return widget.text()


def _show(widget: QWidget, field: Field, value: Any) -> None:
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        if field.free_text:
            widget.setCurrentText(value or "")
        else:
            widget.setCurrentIndex(max(0, widget.findData(value)))
        widget.setToolTip(widget.currentText())
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value) if value not in (None, "") else widget.minimum())
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    else:
        assert isinstance(widget, QLineEdit)
        widget.setText("" if value is None else str(value))
        widget.setCursorPosition(0)  # a long value shows its beginning, not its end


def _changed_signal(widget: QWidget):
    if isinstance(widget, QCheckBox):
        return widget.toggled
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged if not widget.isEditable() else widget.currentTextChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    return widget.textChanged


class RecordEditor(QWidget):
    """The list on the left, the selected row's fields on the right. What is typed goes into
    the row at once, so switching rows, saving or leaving the page loses nothing."""

    changed = Signal()

    def __init__(self, fields: tuple[Field, ...], *, add_text: str = "Dodaj",
                 remove_text: str = "Usuń zaznaczone", empty_text: str = "",
                 new_row: Callable[[], Row] | None = None, can_add: bool = True,
                 list_name: str = "Pozycje – wybrana edytuje się obok", parent=None):
        super().__init__(parent)
        self.fields = fields
        self.new_row = new_row or (lambda: {})
        self.model = RecordModel(fields, self)
        self.view = QTableView()
        self.view.setAccessibleName(list_name)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)  # long text wraps, whole
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        look.wrapping_header(self.view)
        self.view.setMinimumHeight(110)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.inputs: dict[str, QWidget] = {}
        form_box = QWidget()
        form = QFormLayout(form_box)
        for f in fields:
            widget = _input(f)
            self.inputs[f.key] = widget
            form.addRow(f.label, widget)
            _changed_signal(widget).connect(lambda *_, f=f: self._store(f))
        form_box.setMinimumWidth(300)
        self.form_box = form_box
        self.empty_label = QLabel(empty_text)
        self.empty_label.setWordWrap(True)
        look.tone(self.empty_label, "muted")
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.add_button.setVisible(can_add)
        self.remove_button = QPushButton(remove_text)
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setVisible(can_add)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        left = QVBoxLayout()
        left.addWidget(self.view, 1)
        left.addWidget(self.empty_label)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addWidget(form_box, 2)
        self._loading = False
        self._marked: dict[int, set[str]] = {}  # row → fields refused at the last save
        self._styles = {key: widget.styleSheet() for key, widget in self.inputs.items()}
        self._show_current()

    def mark_errors(self, fields_by_row: dict[int, Collection[str]]) -> None:
        """Frame in red the fields refused in each row (the form shows those of the row
        selected) and go to the first such row."""
        self._marked = {row: set(keys) for row, keys in fields_by_row.items() if keys}
        if self._marked:
            self.select(min(self._marked))
        else:
            self._show_current()

    # --- rows ----------------------------------------------------------------------------
    def set_rows(self, rows: list[Row]) -> None:
        self._marked = {}
        self.model.set_rows(rows)
        if rows:
            self.select(0)
        self._show_current()

    def rows(self) -> list[Row]:
        return [dict(r) for r in self.model.rows]

    def add_row(self, values: Row | None = None) -> int:
        at = self.model.add({**self.new_row(), **(values or {})})
        self.select(at)
        first = next((self.inputs[f.key] for f in self.fields if not f.read_only), None)
        if first is not None and values is None:
            first.setFocus()
        return at

    def remove_selected(self) -> None:
        at = self.current_row()
        if at >= 0:
            self._marked = {}  # the rows below move up: their marks would land elsewhere
            self.model.remove(at)
            if self.model.rows:
                self.select(min(at, len(self.model.rows) - 1))
            self._show_current()
            self.changed.emit()

    def select(self, at: int) -> None:
        self.view.selectionModel().setCurrentIndex(
            self.model.index(at, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self._show_current()

    def current_row(self) -> int:
        index = self.view.selectionModel().currentIndex()
        return index.row() if index.isValid() and index.row() < len(self.model.rows) else -1

    # --- the form ------------------------------------------------------------------------
    def _show_current(self) -> None:
        at = self.current_row()
        self.form_box.setEnabled(at >= 0)  # a disabled editor disables its form anyway
        self.remove_button.setEnabled(at >= 0)
        self.empty_label.setVisible(not self.model.rows and bool(self.empty_label.text()))
        row = self.model.rows[at] if at >= 0 else {}
        self._loading = True
        try:
            self._offer_choices(row)
            for f in self.fields:
                _show(self.inputs[f.key], f, row.get(f.key))
                refused = f.key in self._marked.get(at, ())
                self.inputs[f.key].setStyleSheet(self._styles[f.key]
                                                 + (ERROR_FRAME if refused else ""))
        finally:
            self._loading = False

    def _store(self, field: Field) -> None:
        if self._loading:
            return
        at = self.current_row()
        if at >= 0:
            widget = self.inputs[field.key]
            self.model.set_value(at, field.key, _read(widget, field))
            if isinstance(widget, QComboBox):
                widget.setToolTip(widget.currentText())
            self._loading = True
            try:
                self._offer_choices(self.model.rows[at], show=True)
            finally:
                self._loading = False
            self.changed.emit()

    def _offer_choices(self, row: Row, show: bool = False) -> None:
        """Refill the combos whose choices depend on the row (only those: refilling a field
        being typed in would move its cursor)."""
        for f in self.fields:
            if f.choices_for is not None:
                combo = self.inputs[f.key]
                assert isinstance(combo, QComboBox)
                offered = dict(f.choices_for(row))
                if [combo.itemData(i) for i in range(1, combo.count())] != list(offered):
                    _fill(combo, f, offered)
                    if show:
                        _show(combo, f, row.get(f.key))
