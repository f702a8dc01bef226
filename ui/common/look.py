"""How the program looks and answers the keyboard beyond Qt's defaults: text in disabled and
read-only fields stays readable (Qt's own grey on grey is under 3:1; WCAG AA asks 4.5:1 for
text), and Tab never stays inside a multi-line field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit

READ_ONLY_TEXT = QColor("#3c3c3c")
READ_ONLY_BACKGROUND = QColor("#f2f2f2")


class _TabMovesOn(QObject):
    """Tab in a multi-line field goes to the next field instead of typing a tab: without
    a mouse, the field would be a trap (WCAG 2.1.2). No note in the program needs a tab."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Polish and isinstance(watched,
                                                             QPlainTextEdit | QTextEdit):
            watched.setTabChangesFocus(True)
        return False


def keyboard_rules(app: QApplication) -> None:
    """Once per program: the keyboard rules every window keeps."""
    if not app.property("keyboard_rules"):
        app.installEventFilter(_TabMovesOn(app))
        app.setProperty("keyboard_rules", True)


def apply(app: QApplication) -> None:
    keyboard_rules(app)
    palette = app.palette()
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText, QPalette.ColorRole.PlaceholderText):
        palette.setColor(disabled, role, READ_ONLY_TEXT)
    palette.setColor(disabled, QPalette.ColorRole.Base, READ_ONLY_BACKGROUND)
    app.setPalette(palette)
    # a read-only field looks set apart, its text as dark as any other
    app.setStyleSheet(app.styleSheet() + "QLineEdit[readOnly=\"true\"], "
                      "QPlainTextEdit[readOnly=\"true\"] { background: #f2f2f2; "
                      "color: #1a1a1a; }")
