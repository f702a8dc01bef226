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
    QWidget,
)
from shiboken6 import isValid

from app.session.session import Session
from app.settings import centre
from app.settings import store as settings_store
from app.settings.values import LABELS
from ui.common import dialogs, look
from ui.common.on_session import OnSession
from ui.common.widgets import scrolled
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
        fields = QWidget()
        form = QFormLayout(fields)
        form.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self._shown: dict[str, str] = {}
        for key in centre.SETUP_FIELDS:
            value = current.get(key, "")
            self._shown[key] = "" if value == centre.GENERIC.get(key) else value
            edit = QLineEdit(self._shown[key])
            edit.setPlaceholderText(centre.EXAMPLES.get(key, ""))
            edit.setAccessibleName(LABELS[key])
            edit.setAccessibleDescription(centre.EXAMPLES.get(key, ""))
            needed = key in centre.REQUIRED
            caption = QLabel(("*" if needed else "") + LABELS[key])  # Alt+letter: mnemonics
            caption.setBuddy(edit)  # one line each: a wrapped caption is cut in a form row
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
        area = scrolled(fields, framed=False)  # with large text fields go under their labels
        self.area = area
        fields.ensurePolished()
        # every field in view when the screen has room; scrolled only when it has not
        area.setMinimumHeight(min(fields.sizeHint().height(),
                                  look.screen_room(self).height() - look.px(260)))
        layout.addWidget(area, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        look.resize(self, 920, 0)
        centre.mark_offered(session.db)

    def _make_room(self) -> None:
        """Taller for the message under the fields, or the fields scroll in less room:
        the message was drawn over the last rows of the form."""
        layout = self.layout()
        layout.activate()
        need = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                else layout.totalSizeHint().height())
        room = look.screen_room(self).height()
        if need > room:
            self.area.setMinimumHeight(max(look.px(120),
                                           self.area.minimumHeight() - (need - room)))
        if need > self.height():
            self.resize(self.width(), min(need, room))

    def save(self) -> bool:
        errors = settings_store.save(self.db, {k: e.text() for k, e in self.edits.items()})
        self._say(errors)
        if errors:
            return False
        self._shown = {k: e.text() for k, e in self.edits.items()}
        gaps = centre.missing(settings_store.load(self.db))
        if gaps:  # saved as far as it goes: she may finish later, but is told what is left
            self.message.setText("Zapisano. Do wystawiania dokumentów brakuje jeszcze: "
                                 + "; ".join(gaps) + ". Uzupełnij teraz albo później.")
            self.message.show()
            self._make_room()
            return False
        self.accept()
        return True

    def reject(self) -> None:
        """Leaving the form (Esc, the window's ×, „Uzupełnię później”) keeps what was typed:
        she is told she may finish later, so nothing she wrote may vanish."""
        if not isValid(self):  # a late call (a timer's) on a dialog already gone
            return
        if not self.isVisible() or not all(isValid(e) for e in self.edits.values()):
            super().reject()  # torn down with its window: nothing was left to type in
            return
        typed = {k: e.text() for k, e in self.edits.items() if e.text() != self._shown[k]}
        refused: dict[str, str] = {}
        while typed:  # the store takes all or none: set the refused fields aside and retry
            errors = settings_store.save(self.db, typed)
            if not errors:
                break
            refused |= errors
            typed = {k: v for k, v in typed.items() if k not in errors}
        self._say(refused)
        if refused and not dialogs.ask_continue(
                self, "Pola z błędami",
                "Zapisano to, co wpisano poprawnie. Tych pól nie da się zapisać:\n\n"
                + "\n".join(refused.values()) + "\n\nZamknąć formularz bez nich?",
                yes="Zamknij bez tych pól", no="Wróć do formularza"):
            return
        super().reject()

    def _say(self, errors: dict[str, str]) -> None:
        """Each refused field's reason under it; the others' reasons cleared."""
        for key, label in self.errors.items():
            label.setText(errors.get(key, "").removeprefix(LABELS[key] + ": "))
            label.setVisible(key in errors)
