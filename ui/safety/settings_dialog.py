"""Settings of the centre: its name and address for documents, the KIPUS, deadlines."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError
from app.session.session import Session
from app.settings import store as settings_store
from ui.common import look
from ui.common.on_session import OnSession
from ui.common.widgets import ok_cancel, scrolled


class LogoRow(QWidget):
    """The centre's logo: whether there is one, and buttons to choose or remove it."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.db = session.db
        self.state = QLabel()
        choose = QPushButton("Wybierz &logo…")
        choose.clicked.connect(lambda: self.choose())
        remove = QPushButton("Usuń logo")
        remove.clicked.connect(self.remove)
        for button in (choose, remove):  # Enter in a field saves the form, not picks a logo
            button.setAutoDefault(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state, 1)
        row.addWidget(choose)
        row.addWidget(remove)
        self.show_state()

    def show_state(self, problem: str = "") -> None:
        logo = settings_store.get_logo(self.db)
        self.state.setText(problem or (f"jest ({len(logo) // 1024} KB)" if logo else "brak"))
        look.tone(self.state, "error" if problem else None)

    def choose(self, path: Path | None = None) -> bool:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self, "Logo centrum", "",
                                                  "Obrazy (*.png *.jpg *.jpeg)")
            if not name:
                return False
            path = Path(name)
        try:
            settings_store.set_logo(self.db, path.read_bytes())
        except (ValidationError, OSError) as exc:
            self.show_state(" ".join(exc.errors.values()) if isinstance(
                exc, ValidationError) else "Nie można odczytać tego pliku (to folder, plik "
                "zniknął albo brak do niego uprawnień). Wybierz plik PNG lub JPG.")
            return False
        self.show_state()
        return True

    def remove(self) -> None:
        settings_store.clear_logo(self.db)
        self.show_state()


class SettingsDialog(OnSession, QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Ustawienia centrum")
        self.setMinimumWidth(860)
        current = settings_store.texts(session.db)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for key, label in settings_store.LABELS.items():
            edit = QLineEdit(current.get(key, ""))
            error = QLabel()
            look.tone(error, "error")
            error.setWordWrap(True)  # a message naming the allowed range must show whole
            error.hide()
            self.edits[key], self.errors[key] = edit, error
            caption = QLabel(label)  # a long name wraps, leaving the field room for its value
            caption.setWordWrap(True)
            caption.setMinimumWidth(260)
            look.chars_wide(caption, 42)
            caption.setBuddy(edit)
            form.addRow(caption, edit)
            form.addRow("", error)
        buttons = ok_cancel("Zapisz", self.save, self.reject)
        self.logo = LogoRow(session)
        form.addRow("Logo na dokumentach", self.logo)
        # the settings scroll, the buttons stay: the dialog fits a 768-pixel screen with room
        # for the taskbar
        fields = QWidget()
        fields.setLayout(form)
        area = scrolled(fields, framed=False)
        layout = QVBoxLayout(self)
        layout.addWidget(area, 1)
        layout.addWidget(buttons)
        look.resize(self, 900, 640)

    def save(self) -> bool:
        errors = settings_store.save(self.db, {k: e.text() for k, e in self.edits.items()})
        for key, label in self.errors.items():
            # right under its field the message need not repeat the field's long name
            label.setText(errors.get(key, "").removeprefix(settings_store.LABELS[key] + ": "))
            label.setVisible(key in errors)
        if errors:
            self.adjustSize()  # room for the messages, which wrap
            return False
        self.accept()
        return True
