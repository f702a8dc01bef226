"""How the program looks beyond Qt's defaults: text in disabled and read-only fields stays
readable (Qt's own grey on grey is under 3:1; WCAG AA asks 4.5:1 for text)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

READ_ONLY_TEXT = QColor("#3c3c3c")
READ_ONLY_BACKGROUND = QColor("#f2f2f2")


def apply(app: QApplication) -> None:
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
