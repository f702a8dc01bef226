"""What was typed and not saved, and the question before it is thrown away: Esc, the
window's ×, „Anuluj”, another record in a list and „Nowy” all left a form without a word."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QWidget,
)


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    STAY = "stay"


def snapshot(root: QWidget) -> tuple:
    """The values of every input under ``root``, comparable with a later snapshot."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not isinstance(
                widget.parent(), QAbstractSpinBox | QComboBox):  # those are read whole
            values.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
        elif isinstance(widget, QTableWidget):
            values.append(tuple(
                (item.text() if (item := widget.item(row, col)) is not None else None)
                for row in range(widget.rowCount()) for col in range(widget.columnCount())))
    return tuple(values)


def ask(parent: QWidget, what: str) -> Choice:
    """Save, drop or go back to ``what`` (e.g. „zmiany w danych partnera”). Enter and Esc
    on the question go back: neither may throw the typing away."""
    box = QMessageBox(QMessageBox.Icon.Question, "Niezapisane zmiany",
                      f"Są niezapisane {what}. Zapisać je?", parent=parent)
    save = box.addButton("&Zapisz", QMessageBox.ButtonRole.AcceptRole)
    drop = box.addButton("&Nie zapisuj", QMessageBox.ButtonRole.DestructiveRole)
    stay = box.addButton("&Wróć do formularza", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    return Choice.SAVE if clicked is save else Choice.DISCARD if clicked is drop else Choice.STAY


def may_leave(parent: QWidget, changed: bool, what: str, save: Callable[[], object]) -> bool:
    """True when a form may be left: nothing changed, or saved now, or dropped on purpose.
    A dialog whose ``save`` accepts it has been closed by saving; see ``closing_ok``."""
    if not changed:
        return True
    choice = ask(parent, what)
    if choice is Choice.SAVE:
        return bool(save())
    return choice is Choice.DISCARD


def closing_ok(dialog: QDialog, changed: bool, what: str, save: Callable[[], object]) -> bool:
    """For a dialog's reject(): may it go on to close as cancelled? Not when saving has
    already closed it as accepted."""
    return (may_leave(dialog, changed, what, save)
            and dialog.result() != QDialog.DialogCode.Accepted)
