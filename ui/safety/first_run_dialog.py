"""The first start of a real database: one short form for the centre's details, which every
document prints (letterhead, signatures, the data protection notice), with examples; all of
it can be changed later in Ustawienia centrum."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.session.session import Session
from app.settings import centre
from app.settings import store as settings_store
from app.settings.values import LABELS
from ui.common import look
from ui.common.on_session import OnSession
from ui.safety.settings_dialog import LogoRow


class FirstRunDialog(OnSession, QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Dane centrum – pierwsze uruchomienie")
        current = settings_store.texts(session.db)
        intro = QLabel(
            "Te dane drukują się na każdym dokumencie: w nagłówku, przy podpisach i w "
            "klauzuli informacyjnej. Pola z gwiazdką (*) są potrzebne, zanim wystawisz "
            "pierwszy dokument. Wszystko zmienisz później w menu Plik → Ustawienia centrum.")
        intro.setWordWrap(True)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for key in centre.SETUP_FIELDS:
            value = current.get(key, "")
            edit = QLineEdit("" if value == centre.GENERIC.get(key) else value)
            edit.setPlaceholderText(centre.EXAMPLES.get(key, ""))
            edit.setAccessibleName(LABELS[key])
            edit.setAccessibleDescription(centre.EXAMPLES.get(key, ""))
            needed = key in centre.REQUIRED
            caption = QLabel(("*" if needed else "") + LABELS[key])  # Alt+letter: mnemonics
            caption.setBuddy(edit)  # one line each: a wrapped caption is cut in a form row
            caption.setContentsMargins(0, 0, 4, 0)  # the widest caption's ")" was clipped
            error = QLabel()
            look.tone(error, "error")
            error.setWordWrap(True)
            error.hide()
            self.edits[key], self.errors[key] = edit, error
            form.addRow(caption, edit)
            form.addRow("", error)
        form.addRow("Logo na dokumentach (można pominąć)", LogoRow(session))
        buttons = QDialogButtonBox()
        save = buttons.addButton("&Zapisz", QDialogButtonBox.ButtonRole.AcceptRole)
        later = buttons.addButton("Uzupełnię &później", QDialogButtonBox.ButtonRole.RejectRole)
        save.setDefault(True)
        save.clicked.connect(lambda: self.save())
        later.clicked.connect(self.reject)
        self.message = QLabel()
        look.tone(self.message, "error")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        look.resize(self, 920, 0)
        centre.mark_offered(session.db)

    def save(self) -> bool:
        values = {k: e.text() for k, e in self.edits.items()}
        errors = settings_store.save(self.db, values)
        for key, label in self.errors.items():
            label.setText(errors.get(key, "").removeprefix(LABELS[key] + ": "))
            label.setVisible(key in errors)
        if errors:
            return False
        gaps = centre.missing(settings_store.load(self.db))
        if gaps:  # saved as far as it goes: she may finish later, but is told what is left
            self.message.setText("Zapisano. Do wystawiania dokumentów brakuje jeszcze: "
                                 + "; ".join(gaps) + ". Uzupełnij teraz albo później.")
            self.message.show()
            return False
        self.accept()
        return True
