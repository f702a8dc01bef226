"""Small modal questions, each one function so tests can replace it."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.common.widgets import ok_cancel


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.button(QMessageBox.StandardButton.Ok).setText("Rozumiem")
    box.exec()


def ask_continue(parent: QWidget | None, title: str, message: str,
                 yes: str = "Kontynuuj mimo to", no: str = "Przerwij") -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText(no)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def _ask_reason(parent: QWidget | None, title: str, question: str, prompt: str,
                ok_text: str) -> str | None:
    """A question with a reason to type; the reason (may be empty) or None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    text = QLabel(question)
    text.setWordWrap(True)
    layout.addWidget(text)
    layout.addWidget(QLabel(prompt))
    reason = QLineEdit()
    layout.addWidget(reason)
    buttons = ok_cancel(ok_text, dialog.accept, dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return reason.text()


def confirm_archive(parent: QWidget | None, name: str) -> str | None:
    """Ask before archiving; returns the reason typed (may be empty) or None when cancelled."""
    return _ask_reason(
        parent, "Przeniesienie do archiwum",
        f"Czy przenieść do archiwum: <b>{escape(name)}</b>?<br><br>Dane nie zostaną usunięte. "
        "Osoba zniknie z listy, ale można ją zobaczyć po zaznaczeniu „Pokaż archiwum” i "
        "przywrócić.", "Powód (np. wyprowadzka, zgon, wpis podwójny):", "Przenieś do archiwum")


def ask_restriction(parent: QWidget | None, name: str, lifting: bool) -> str | None:
    """The reason for restricting (or lifting) processing; None when cancelled."""
    if lifting:
        question = (f"Znieść ograniczenie przetwarzania danych: <b>{escape(name)}</b>? Dane "
                    "znów będzie można zmieniać i wykorzystywać w sprawach.")
    else:
        question = (f"Ograniczyć przetwarzanie danych: <b>{escape(name)}</b>? Dane będą tylko "
                    "przechowywane: nie da się ich zmieniać ani używać w sprawach, dopóki "
                    "ograniczenie nie zostanie zniesione.")
    return _ask_reason(parent, "Ograniczenie przetwarzania (art. 18 RODO)", question,
                       "Podstawa (np. wniosek osoby z dnia…):",
                       "Znieś ograniczenie" if lifting else "Ogranicz przetwarzanie")
