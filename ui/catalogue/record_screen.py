"""A list-and-form window for simple records (catalogue services, partners, programmes):
search on the left, the form on the right, errors beside the fields, archive on request."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import KoordynatorError, ValidationError
from ui.common import look, unsaved
from ui.common.on_session import OnSession
from ui.common.widgets import ErrorLabel, on_enter, opens_rows


class RecordScreen(OnSession, QDialog):
    title = ""
    new_label = "Nowy"

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.current_id: str | None = None
        self.setWindowTitle(self.title)
        look.resize(self, 1150, 700)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Szukaj…")
        self.search.textChanged.connect(lambda _: self.refresh_list())
        self.list = QListWidget()
        self.list.currentItemChanged.connect(self._picked)
        # Enter in the search goes to the list, and on a record into its form: both went
        # on to the default button
        on_enter(self.search, self._to_list)
        opens_rows(self.list, self._to_form)
        self.new_button = new = QPushButton(self.new_label)
        new.setAutoDefault(False)
        new.clicked.connect(lambda: self.leave_ok() and self.new())
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.list, 1)
        left.addWidget(new)
        self.form = QFormLayout()
        self.field_errors: dict[str, QLabel] = {}
        form_widget = QWidget()
        form_widget.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        self.message = ErrorLabel()
        self.save_button = QPushButton("Zapisz")
        self.save_button.setDefault(True)  # Enter in a field saves; it used to blank the form
        self.archive_button = QPushButton("Przenieś do archiwum…")
        self.archive_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.archive_button.clicked.connect(lambda: self.archive())
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        right.addWidget(self.message)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 5)
        self.form_widget = form_widget
        self._clean: tuple = ()
        self.build_form()
        self.mark_clean()

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        error = QLabel()
        look.tone(error, "error")
        error.setWordWrap(True)
        error.hide()
        self.field_errors[key] = error
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(error)
        self.form.addRow(label, box)
        return widget

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message beside its field, and all of them under the form: the messages name
        their fields, so the KIPUS knows what to correct without scrolling through it."""
        look.tone(self.message, "error")
        beside: dict[str, list[str]] = {}
        for key, message in errors.items():  # "services.0" belongs beside "services"
            beside.setdefault(key.split(".")[0], []).append(message)
        for key, label in self.field_errors.items():
            label.setText("\n".join(beside.get(key, [])))
            label.setVisible(key in beside)
        self.message.show_errors(["Nie zapisano. Popraw pola zaznaczone na czerwono:"]
                                 + list(errors.values()) if errors else None)

    def field_error(self, key: str) -> str:
        label = self.field_errors.get(key)
        return label.text() if label is not None and not label.isHidden() else ""

    def refresh_list(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for record_id, text in self.rows(self.search.text()):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            self.list.addItem(item)
            if record_id == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def new(self) -> None:
        self.current_id = None
        self._select(None)  # no current row: clicking the last one opens it again
        self.fill(None)
        self.show_errors({})
        self.archive_button.setEnabled(False)
        self.mark_clean()

    def open(self, record_id: str) -> None:
        self.current_id = record_id
        self.fill(record_id)
        self.show_errors({})
        self.archive_button.setEnabled(True)
        self.mark_clean()

    # --- leaving a record -----------------------------------------------------------------
    def mark_clean(self) -> None:
        self._clean = unsaved.snapshot(self.form_widget)

    def leave_ok(self) -> bool:
        """True when the form may be left: nothing typed, or saved, or dropped on purpose."""
        return unsaved.may_leave(self, unsaved.snapshot(self.form_widget) != self._clean,
                                 "zmiany w formularzu", self.save)

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        record_id = item.data(Qt.ItemDataRole.UserRole)  # saving rebuilds the list
        if not self.leave_ok():
            self._select(self.current_id)  # back to the record being typed, quietly
            return
        self._select(record_id)
        self.open(record_id)

    def _select(self, record_id: str | None) -> None:
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == record_id:
                self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def _to_list(self) -> None:
        if self.list.count():
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
            self.list.setFocus()

    def _to_form(self) -> None:
        for child in self.form_widget.findChildren(QWidget):
            if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isEnabled() \
                    and child.isVisibleTo(self.form_widget):
                child.setFocus(Qt.FocusReason.TabFocusReason)
                return

    def reject(self) -> None:  # Esc, × and closing the screen ask about what was typed
        if self.leave_ok():
            super().reject()

    def save(self) -> bool:
        try:
            self.current_id = self.store(self.current_id)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except (KoordynatorError, ValueError) as exc:
            self.message.show_errors(str(exc))
            return False
        self.show_errors({})
        self.message.show_ok("Zapisano.")
        self.refresh_list(select=self.current_id)
        self.archive_button.setEnabled(True)
        self.mark_clean()
        return True

    def archive(self, confirm=None) -> bool:
        if not self.current_id:
            return False
        ask = confirm or (lambda: QMessageBox.question(
            self, "Archiwum", "Przenieść do archiwum? Nic nie zostanie usunięte, a wcześniejsze "
            "plany nadal będą to pokazywać.") == QMessageBox.StandardButton.Yes)
        if not ask():
            return False
        self.archive_record(self.current_id)
        self.refresh_list()
        self.new()
        return True

    # --- for subclasses -----------------------------------------------------------------------
    def build_form(self) -> None: ...

    def rows(self, text: str) -> list[tuple[str, str]]:
        return []

    def fill(self, record_id: str | None) -> None: ...

    def store(self, record_id: str | None) -> str:
        raise NotImplementedError

    def archive_record(self, record_id: str) -> None: ...
