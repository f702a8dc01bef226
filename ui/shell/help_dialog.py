"""Help: its pages on the left, the page on the right, a search across all of them; F1 in
any window opens the page about that window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core import resources
from app.core.textfold import fold
from app.help import pages as help_pages
from ui.common import look, remembered

# the window's class, the page about it and where on the page to open it
PAGE_OF = {"CaseWizard": ("kroki", ""), "ReportsDialog": ("zestawienia", "Zestawienia"),
           "ExportDialog": ("zestawienia", "Eksport list"),
           "ImportDialog": ("zestawienia", "Wczytywanie list"),
           "UnlockDialog": ("problemy", "Nie pamiętam hasła"),
           "NewPasswordDialog": ("jak-zaczac", "Pierwsze uruchomienie: hasło i klucz odzyskiwania"),
           "RecoveryKeyDialog": ("jak-zaczac", "Pierwsze uruchomienie: hasło i klucz odzyskiwania"),
           "RecoveryResetDialog": ("problemy", "Nie pamiętam hasła"),
           "RestoreDialog": ("problemy", "Przywracanie z kopii"),
           "FirstRunDialog": ("jak-zaczac", "Dane centrum"),
           "SettingsDialog": ("jak-zaczac", "Dane centrum"),
           "IssueDialog": ("jak-zaczac", "Pierwszy dokument"),
           "RegisterDialog": ("jak-zaczac", "Pierwszy dokument"),
           "ResidentDialog": ("jak-zaczac", "Pierwszy mieszkaniec")}
# the main window's tabs, by their page (a tab's title carries a count)
TAB_PAGES = {"TodayPage": ("jak-zaczac", "Lista „Na dziś”"),
             "ApplicationsPage": ("jak-zaczac", "Pierwszy wniosek i sprawa"),
             "RegisterPage": ("jak-zaczac", "Pierwszy mieszkaniec")}


class HelpDialog(QDialog):
    def __init__(self, page: str = "jak-zaczac", find: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle("Pomoc – Koordynator")
        look.resize(self, 960, 640)
        self.search = QLineEdit()
        self.search.setPlaceholderText("np. hasło, kopia, zatwierdzenie, 30 dni")
        self.search.setAccessibleName("Szukaj w pomocy")
        self.search.textChanged.connect(lambda _="": self._filter())
        search_label = QLabel("&Szukaj w pomocy:")
        search_label.setBuddy(self.search)
        self.pages = QListWidget()
        self.pages.setAccessibleName("Strony pomocy")
        look.chars_wide(self.pages, 38)
        self.pages.currentItemChanged.connect(lambda item, _=None: self._show(item))
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Treść strony pomocy")
        self.browser.setOpenLinks(False)  # no web: nothing leaves the program
        self.browser.setSearchPaths([str(resources.folder("help"))])  # its pictures
        left = QVBoxLayout()
        left.addWidget(search_label)
        left.addWidget(self.search)
        left.addWidget(self.pages, 1)
        body = QHBoxLayout(self)
        body.addLayout(left)
        body.addWidget(self.browser, 1)
        self._filter()
        self.open_page(page, find)
        remembered.remember(self, "pomoc")

    def _filter(self) -> None:
        """Every page, or those holding the words typed, each with where they were found."""
        query = self.search.text()
        shown = help_pages.search(query) if query.strip() else [
            help_pages.Found(page, title, "") for page, title in help_pages.PAGES.items()]
        current = self.current_page()
        self.pages.clear()
        for found in shown:
            item = QListWidgetItem(found.title + (f"\n  …{found.snippet}" if found.snippet
                                                  else ""))
            item.setData(Qt.ItemDataRole.UserRole, found.page)
            item.setToolTip(found.snippet)
            self.pages.addItem(item)
        if not shown:
            self.pages.addItem("Nic nie znaleziono – spróbuj innego słowa.")
            self.browser.clear()
            return
        pages = [f.page for f in shown]
        self.pages.setCurrentRow(pages.index(current) if current in pages and not query
                                 else 0)

    def current_page(self) -> str | None:
        item = self.pages.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def open_page(self, page: str, find: str = "") -> None:
        for row in range(self.pages.count()):
            if self.pages.item(row).data(Qt.ItemDataRole.UserRole) == page:
                self.pages.setCurrentRow(row)
        if find:
            self._select(find)

    def _show(self, item) -> None:
        page = item.data(Qt.ItemDataRole.UserRole) if item else None
        if page:
            self.browser.setMarkdown(help_pages.text(page))
            words = self.search.text().split()
            if words:  # where the words are, not the top of the page
                self._select(help_pages.stem(words[0]))

    def _select(self, word: str) -> None:
        """The first place the word starts on the page, selected and scrolled to; "haslo"
        finds "hasło"."""
        from PySide6.QtGui import QTextCursor

        def letters(text: str) -> str:  # one character for one: positions stay
            return "".join((fold(ch) or ch)[:1] for ch in text)

        plain = letters(self.browser.toPlainText())
        wanted = letters(word)
        at = plain.find("\n" + wanted) + 1 or plain.find(wanted)  # a heading first
        if at < 0:
            return
        cursor = self.browser.textCursor()
        cursor.setPosition(at)
        cursor.setPosition(at + len(wanted), QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()


def page_for(window: QWidget | None) -> tuple[str, str]:
    """The help page about ``window`` and the text to find on it (a case's step)."""
    if window is None:
        return "jak-zaczac", ""
    name = type(window).__name__
    if name == "CaseWizard":
        return "kroki", f"Krok {getattr(window, 'current', 1)}."
    tabs = getattr(window, "tabs", None)
    if tabs is not None:
        page = tabs.currentWidget()
        return TAB_PAGES.get(page.objectName() or type(page).__name__, ("jak-zaczac", ""))
    return PAGE_OF.get(name, ("jak-zaczac", ""))


def install_f1(app: QApplication) -> None:
    """F1 from the first window on (the password asked before the main window too)."""
    if not app.property("f1_help"):
        app.installEventFilter(F1Help(app))
        app.setProperty("f1_help", True)


class F1Help(QObject):
    """F1 anywhere in the program: help about the window in use, above it."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_F1:
            window = QApplication.activeModalWidget() or QApplication.activeWindow()
            if isinstance(window, HelpDialog):
                return True
            page, find = page_for(window)
            dialog = HelpDialog(page, find, window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()
            return True
        return False  # not super(): an app-wide filter also sees objects PySide cannot pass
