"""Qt's own texts in Polish: the standard buttons (Tak/Nie, OK/Anuluj), file dialogs and
context menus come from Qt's translation shipped with PySide6 (qtbase_pl), and the few
texts Qt 6 changed since that translation was made come from ``_MISSING``."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

# (context, source) → Polish; qtbase_pl still holds these without their mnemonics
# ("Look in:"), so the save dialog showed them in English
_MISSING = {("QFileDialog", "&Look in:"): "&Szukaj w:",
            ("QFileDialog", "Files of &type:"): "Pliki &rodzaju:"}


class _Supplement(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002
        return _MISSING.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def install_polish(app: QApplication) -> bool:
    """True when Qt's Polish translation was found and installed."""
    QLocale.setDefault(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
    translator = QTranslator(app)  # parented: it must live as long as the application
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_pl", folder):
        return False
    app.installTranslator(_Supplement(app))
    return app.installTranslator(translator)
