"""Qt's own texts in Polish: the standard buttons (Tak/Nie, OK/Anuluj), file dialogs and
context menus come from Qt's translation shipped with PySide6 (qtbase_pl)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication


def install_polish(app: QApplication) -> bool:
    """True when Qt's Polish translation was found and installed."""
    QLocale.setDefault(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
    translator = QTranslator(app)  # parented: it must live as long as the application
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_pl", folder):
        return False
    return app.installTranslator(translator)
