"""Password dialogs: set a password (encrypting the database), unlock with a growing delay
after each wrong try, reset with the recovery key, and show the recovery key once."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.core.errors import output_error
from app.storage import encryption
from app.storage.password_attempts import PasswordAttempts
from ui.common import file_dialogs, look
from ui.common.widgets import OK, ok_cancel


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class NewPasswordDialog(QDialog):
    """Asks for a new password twice; ``password`` holds it after accept()."""

    def __init__(self, title: str, intro: str, parent=None, ask_old: bool = False):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.password = ""
        self.old = _password_edit() if ask_old else None
        self.first, self.second = _password_edit(), _password_edit()
        self.error = QLabel()
        look.tone(self.error, "error")
        self.error.setWordWrap(True)
        text = QLabel(intro)
        text.setWordWrap(True)
        form = QFormLayout()
        if self.old is not None:
            form.addRow("Obecne hasło", self.old)
        form.addRow("Nowe hasło", self.first)
        form.addRow("Powtórz hasło", self.second)
        buttons = ok_cancel("Ustaw hasło", self.try_accept, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_accept(self) -> bool:
        first, second = self.first.text(), self.second.text()
        problem = encryption.check_password_strength(first)
        if problem is None and first != second:
            problem = "Hasła różnią się – wpisz to samo hasło dwa razy."
        if problem:
            self.error.setText(problem)
            return False
        self.password = first
        self.accept()
        return True


class UnlockDialog(QDialog):
    """Asks for the password until it opens the key file; ``key`` holds the data key."""

    def __init__(self, db_path: Path, parent=None, clock=time.time,
                 purpose: str | None = None):
        """``purpose``: what the password is asked for, when it is not opening the file (then
        the recovery-key way round is not offered: it would not serve that purpose)."""
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.key: str | None = None
        self.attempts = PasswordAttempts(db_path, clock)
        self.setWindowTitle("Koordynator – hasło")
        self.setMinimumWidth(480)
        self.password = _password_edit()
        self.error = QLabel()
        look.tone(self.error, "error")
        self.error.setWordWrap(True)
        forgot = QPushButton("Nie pamiętam hasła – użyj klucza odzyskiwania")
        forgot.clicked.connect(self.use_recovery_key)
        self.buttons = ok_cancel("Dalej" if purpose else "Otwórz", self.try_unlock,
                                 self.reject)
        intro = QLabel(purpose or f"Baza danych jest zaszyfrowana. Wpisz hasło.\n{self.db_path}")
        intro.setWordWrap(True)
        self.password.setAccessibleName("Hasło")  # a screen reader said nothing here
        label = QLabel("&Hasło:")
        label.setBuddy(self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        if purpose is None:
            layout.addWidget(forgot)
        layout.addWidget(self.buttons)
        self._tick = QTimer(self, interval=250)
        self._tick.timeout.connect(self._update_block)

    def try_unlock(self) -> bool:
        try:
            self.key = self.attempts.unlock(self.password.text())
        except encryption.WrongPassword as exc:
            self.error.setText(str(exc))
            self.password.selectAll()
            if self.attempts.remaining() > 0:
                self._set_enabled(False)
                self._tick.start()
            return False
        self.accept()
        return True

    def _set_enabled(self, enabled: bool) -> None:
        self.buttons.button(OK).setEnabled(enabled)

    def _update_block(self) -> None:
        if self.attempts.remaining() <= 0:
            self._tick.stop()
            self._set_enabled(True)

    def use_recovery_key(self) -> None:
        dialog = RecoveryResetDialog(self.db_path, self)
        if dialog.exec() and dialog.key:
            self.key = dialog.key
            self.accept()


class RecoveryResetDialog(QDialog):
    """Recovery key from the safe plus a new password; ``key`` holds the data key."""

    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.key: str | None = None
        self.setWindowTitle("Klucz odzyskiwania")
        self.setMinimumWidth(560)
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXX-XXXX-… (13 grup po 4 znaki)")
        self.first, self.second = _password_edit(), _password_edit()
        self.error = QLabel()
        look.tone(self.error, "error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Klucz odzyskiwania", self.code)
        form.addRow("Nowe hasło", self.first)
        form.addRow("Powtórz hasło", self.second)
        buttons = ok_cancel("Ustaw nowe hasło", self.try_reset, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Przepisz klucz z arkusza przechowywanego w sejfie."))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_reset(self) -> bool:
        if self.first.text() != self.second.text():
            self.error.setText("Hasła różnią się – wpisz to samo hasło dwa razy.")
            return False
        try:
            self.key = encryption.reset_password(self.db_path, self.code.text(),
                                                 self.first.text())
        except encryption.WrongPassword as exc:
            self.error.setText(str(exc))
            return False
        PasswordAttempts(self.db_path).reset()  # the new password owes no wait
        self.accept()
        return True


class RecoveryKeyDialog(QDialog):
    """Shows the recovery key once; it can be saved as a sheet to print."""

    def __init__(self, code: str, db_path: Path, cus_name: str, parent=None,
                 again: bool = False):
        super().__init__(parent)
        self.code, self.db_path, self.cus_name = code, Path(db_path), cus_name
        self.again = again
        self.setWindowTitle("Klucz odzyskiwania" if again
                            else "Klucz odzyskiwania – zapisz go teraz")
        self.setMinimumWidth(640)
        intro = QLabel(
            "Poniżej jest klucz odzyskiwania tej bazy danych: pozwala ją otworzyć, gdy "
            "zapomnisz hasła. Nie pokazuj go nikomu; jeśli arkusz z sejfu zaginął, wydrukuj "
            "nowy." if again else
            "Baza danych jest teraz zaszyfrowana. Poniżej jest klucz odzyskiwania: pozwala "
            "otworzyć bazę, gdy zapomnisz hasła. Wydrukuj arkusz, zaklej w kopercie i oddaj "
            "do sejfu. Później pokaże go tylko Plik → Pokaż klucz odzyskiwania, po podaniu "
            "hasła.")
        intro.setWordWrap(True)
        shown = QLabel(code.replace("-", " "))
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(shown.font().pointSizeF() * 1.5)  # read aloud, copied by hand
        shown.setFont(font)
        shown.setWordWrap(True)
        # Tab reaches the key, so a screen reader reads it and it can be copied by keys
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        shown.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        shown.setAccessibleName("Klucz odzyskiwania")
        shown.setAccessibleDescription(code.replace("-", " "))
        self.shown = shown
        save = QPushButton("Zapisz arkusz do wydruku (PDF)…")
        save.clicked.connect(lambda: self.save_sheet())  # not clicked(checked) as target
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.confirm = QCheckBox("Wydrukowałam/wydrukowałem klucz i schowam go w sejfie")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Zamknij" if again else "Gotowe")
        # the first time the key must not be dismissed unseen; looked up again, it may
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(again)
        self.confirm.toggled.connect(
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(shown)
        layout.addWidget(save)
        layout.addWidget(self.saved)
        if not again:
            layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)

    def save_sheet(self, target: Path | None = None) -> Path | None:
        from app.documents.recovery_sheet import write_recovery_sheet

        if target is None:
            target = file_dialogs.save_file(self, "Arkusz klucza odzyskiwania", "recovery",
                                            "klucz-odzyskiwania.pdf")
            if target is None:
                return None
        try:
            written = write_recovery_sheet(target, self.code, self.db_path, self.cus_name)
        except OSError as exc:
            look.tone(self.saved, "error")
            self.saved.setText(str(output_error(exc, target)))
            return None
        look.tone(self.saved, None)
        self.saved.setText(f"Zapisano arkusz: {written}. Otwórz go i wydrukuj, a potem usuń "
                           "plik z komputera.")
        return written

    def reject(self) -> None:  # the first time the key must not be dismissed by Esc unseen
        if self.again or self.confirm.isChecked():
            super().reject()
