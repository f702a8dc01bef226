"""The main window: the residents register with search as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import KoordynatorError
from ui.common import dialogs, look, remembered
from ui.common.flow_layout import button_row
from ui.common.on_session import OnSession
from ui.shell.view_menu import add_view_menu
from ui.shell.window_actions import SafetyActions

if TYPE_CHECKING:
    from app.session.session import Session

SEARCH_DELAY_MS = 120


class MainWindow(OnSession, SafetyActions, QMainWindow):
    data_shown = Signal()

    def __init__(self, session: Session | None = None, demo: bool = False):
        """The window's frame paints at once; the screens are built by attach() once the
        database is open (at start that is behind the painted frame)."""
        super().__init__()
        self.setWindowTitle("Koordynator")
        look.resize(self, 1200, 700)
        waiting = QLabel("Otwieranie bazy danych…")
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(waiting)
        self.statusBar().showMessage("Otwieranie bazy danych…")
        self.idle_lock = None
        self.closed_before_open = False
        if session is not None:
            self.attach(session, demo)

    def attach(self, session: Session, demo: bool = False) -> None:
        """Build the screens on the open database (imports of app/ wait until now)."""
        from ui.register.residents_model import ResidentsModel
        from ui.shell.backup_controller import BackupController
        from ui.work.applications_page import ApplicationsPage
        from ui.work.today_page import TodayPage

        self.session = session
        self.db_path, self.key = session.path, session.key
        session.when_reopened(self._database_reopened)
        if demo:
            self.setWindowTitle("Koordynator [DEMO]")

        self.model = ResidentsModel(session, self)
        self.table = QTableView()
        self.table.setAccessibleName("Rejestr mieszkańców")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Fixed row height: resizing rows to contents over 100k rows takes tens of seconds.
        vheader = self.table.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        look.sized(self.table, lambda: vheader.setDefaultSectionSize(
            self.table.fontMetrics().height() + 10))
        vheader.hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        look.column_widths(self.table, (190, 150, 120, 120, 420, 130))
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())

        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName("Szukaj mieszkańca (nazwisko, imię, PESEL, adres)")
        self.search_edit.setPlaceholderText(
            "Szukaj: nazwisko, imię, PESEL lub adres – polskie znaki można pominąć"
        )
        self.search_edit.setClearButtonEnabled(True)
        self.show_archived = QCheckBox("Pokaż archiwum")
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.show_archived.toggled.connect(lambda _: self.run_search())

        self.add_button = QPushButton("Dodaj mieszkańca")
        self.edit_button = QPushButton("Otwórz / popraw")
        self.archive_button = QPushButton("Przenieś do archiwum")
        self.restore_button = QPushButton("Przywróć z archiwum")
        self.cases_button = QPushButton("Wnioski i sprawy…")
        self.cases_button.clicked.connect(lambda: self.open_resident_cases())
        self.papers_button = QPushButton("Dokumenty osoby…")
        papers = QMenu(self)
        for label, kind in (("Zgoda na prowadzenie karty usług", "zgoda"),
                            ("Klauzula informacyjna RODO", "klauzula"),
                            ("Upoważnienie osoby zaufanej", "upowaznienie")):
            action = papers.addAction(label)
            action.triggered.connect(lambda _=False, k=kind: self.issue_for_selected(k))
        self.papers_button.setMenu(papers)
        self.add_button.clicked.connect(self.add_resident)
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button.clicked.connect(self.archive_selected)
        self.restore_button.clicked.connect(self.restore_selected)

        heading = QLabel("Mieszkańcy")
        look.heading(heading)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch()
        top.addWidget(self.count_label)
        search_row = QHBoxLayout()
        search_row.addWidget(QLabel("Szukaj:"))
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.show_archived)
        buttons = button_row(self.add_button, self.edit_button, self.cases_button,
                             self.papers_button, self.archive_button, self.restore_button)

        register = QWidget()
        layout = QVBoxLayout(register)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.today_page = TodayPage(session)
        self.today_page.open_case.connect(self.open_case)
        self.today_page.open_application.connect(self.show_application)
        self.today_page.open_centre.connect(self.open_first_run)
        self.applications_page = ApplicationsPage(session)
        self.applications_page.case_opened.connect(lambda case_id: self.open_case(case_id))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Zakładki: Na dziś, Mieszkańcy, Wnioski")
        self.tabs.addTab(self.today_page, "&Na dziś")
        self.tabs.addTab(register, "Mieszkańcy")
        self.register_page = register
        register.setObjectName("RegisterPage")  # F1 finds its help by this name
        self.tabs.addTab(self.applications_page, "Wn&ioski")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self.statusBar().showMessage(f"Baza danych: {self.db_path}")
        self.backup_label = QLabel()
        self.statusBar().addPermanentWidget(self.backup_label)
        self.backups = BackupController(session, self)
        self.backups.status_changed.connect(self._show_backup_status)
        self.backups.refresh_status()
        self._build_menu()
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        app = QApplication.instance()
        if app is not None:
            look.keyboard_rules(app)
        if app is not None:
            from ui.shell.help_dialog import install_f1

            install_f1(app)
        if self.key is not None:  # only a database with a password can be locked
            from ui.shell.idle_lock import IdleLock

            self.idle_lock = IdleLock(self.db_path, session.settings().lock_minutes, self)
        remembered.remember(self, "glowne")

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&Plik")
        backup = QAction("Zrób kopię zapasową…", self)
        backup.triggered.connect(lambda: self.manual_backup())
        file_menu.addAction(backup)
        restore = QAction("Przywróć z kopii zapasowej…", self)
        restore.triggered.connect(self.choose_restore)
        file_menu.addAction(restore)
        file_menu.addSeparator()
        if self.key is not None:
            password = QAction("Zmień hasło…", self)
            password.triggered.connect(self.change_password)
            file_menu.addAction(password)
            recovery = QAction("Pokaż klucz odzyskiwania…", self)
            recovery.triggered.connect(lambda: self.show_recovery_key())
            file_menu.addAction(recovery)
            lock = QAction("Zablokuj teraz", self)
            lock.setShortcut(QKeySequence("Ctrl+L"))
            lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # in forms too
            lock.triggered.connect(lambda: self.idle_lock and self.idle_lock.lock())
            file_menu.addAction(lock)
        audit_log = QAction("Dziennik zdarzeń…", self)
        audit_log.triggered.connect(self.open_audit)
        file_menu.addAction(audit_log)
        retention = QAction("Okresy przechowywania akt…", self)
        retention.triggered.connect(self.open_retention)
        file_menu.addAction(retention)
        settings = QAction("Ustawienia centrum…", self)
        settings.triggered.connect(self.open_settings)
        file_menu.addAction(settings)
        file_menu.addSeparator()
        quit_action = QAction("Zakończ", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        for title, package, entries in (
                ("&Katalog", "catalogue", (("Usługi społeczne…", "CatalogueScreen"),
                                           ("Partnerzy i wykonawcy…", "PartnersScreen"),
                                           ("Programy usług społecznych…", "ProgrammesScreen"))),
                ("&Dokumenty", "documents", (("Rejestr wydanych dokumentów…", "RegisterDialog"),
                                             ("Treść dokumentów…", "TemplateEditor"))),
                ("&Zestawienia", "reports", (("Zestawienia i terminy…", "ReportsDialog"),
                                             ("Eksport listy do CSV lub Excela…",
                                              "ExportDialog"),
                                             ("Wczytaj listę z pliku (CSV, Excel)…",
                                              "import:ImportDialog")))):
            menu = self.menuBar().addMenu(title)
            for label, screen in entries:
                where, _, name = screen.rpartition(":")
                action = QAction(label, self)
                action.triggered.connect(
                    lambda _=False, p=where or package, n=name: self.open_window(p, n))
                menu.addAction(action)
        residents_menu = self.menuBar().addMenu("&Mieszkańcy")
        add = QAction("Dodaj mieszkańca", self)
        add.setShortcut(QKeySequence.StandardKey.New)
        add.triggered.connect(self.add_resident)
        residents_menu.addAction(add)
        find = QAction("Szukaj", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.search_edit.setFocus())
        residents_menu.addAction(find)
        residents_menu.addSeparator()
        export = QAction("Eksport wszystkich danych osoby (RODO)…", self)
        export.triggered.connect(lambda: self.export_selected())
        residents_menu.addAction(export)
        restrict = QAction("Ogranicz przetwarzanie / znieś ograniczenie…", self)
        restrict.triggered.connect(self.toggle_restriction_selected)
        residents_menu.addAction(restrict)
        add_view_menu(self)
        help_menu = self.menuBar().addMenu("P&omoc")  # last, as in every program
        from app.help.pages import PAGES

        # every page of the help (Zestawienia and Wygląd were reached only by search)
        for label, page, key in (("Pomoc do tego okna", "", QKeySequence(Qt.Key.Key_F1)),
                                 *((title, name, None) for name, title in PAGES.items())):
            entry = QAction(label, self)
            if key is not None:  # shown beside the entry; F1 itself is caught everywhere
                entry.setShortcut(key)
                entry.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            entry.triggered.connect(lambda _=False, p=page: self.open_help(p))
            help_menu.addAction(entry)
        help_menu.addSeparator()
        about = QAction("O programie i plikach danych…", self)
        about.triggered.connect(lambda: self.show_about())
        help_menu.addAction(about)

    # --- list -------------------------------------------------------------------------------
    def load(self, register_when_shown: bool = False) -> None:
        """Fill the window. At start the register (hidden behind Na dziś) may wait until
        its tab is first opened: 40 ms less before the KIPUS sees her day."""
        self.register_loaded = not register_when_shown
        if self.register_loaded:
            self.run_search()
        self.refresh_work()
        self.data_shown.emit()

    def run_search(self) -> None:
        self._search_timer.stop()
        try:
            self.model.search(self.search_edit.text(), self.show_archived.isChecked())
        except KoordynatorError as exc:
            dialogs.show_error(self, "Błąd wyszukiwania", str(exc))
            return
        n = self.model.rowCount()
        if self.search_edit.text().strip():
            self.count_label.setText(f"Znaleziono: {n}")
        else:
            self.count_label.setText(f"Osób w rejestrze: {n}")
        if n:
            self.table.selectRow(0)
        self._update_buttons()

    def _database_reopened(self) -> None:
        """A restore put another file in place: windows showing the replaced state close
        (nothing of theirs is saved into the restored file) and every list shows what the
        restored file holds."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, OnSession) and widget is not self and widget.isVisible():
                widget.close_after_restore()
        self.run_search()
        self.refresh_work()

    def refresh_work(self) -> None:
        self.today_page.refresh()
        if self.tabs.currentWidget() is self.applications_page:
            self.applications_page.refresh()
        else:
            self.applications_page.stale = True  # filled when its tab is opened
        n = self.today_page.model.rowCount()
        self.tabs.setTabText(0, f"&Na dziś ({n})" if n else "&Na dziś")
        from app.cases import applications

        waiting = applications.count_waiting(self.db)
        self.tabs.setTabText(2, f"Wn&ioski ({waiting})" if waiting else "Wn&ioski")

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.applications_page and self.applications_page.stale:
            self.applications_page.refresh()
        if self.tabs.widget(index) is self.register_page:
            if not getattr(self, "register_loaded", True):
                self.register_loaded = True
                self.run_search()
            self.search_edit.setFocus()  # in the register she starts by finding someone

    def open_case(self, case_id: str, step: int | None = None):
        """The case window at the given step (or where the KIPUS stopped)."""
        from ui.case.wizard import CaseWizard

        wizard = CaseWizard(self.session, case_id, step, self)
        wizard.finished.connect(lambda _: self.refresh_work())
        wizard.show()
        return wizard

    def about_text(self) -> str:
        from app import __version__
        from app.storage.backups import list_backups
        from app.storage.paths import backup_dir, data_dir

        found = list_backups(self.session.backup_folder)
        shown = f"{found[0].made_at:%d.%m.%Y %H:%M}" if found else "brak"
        encrypted = "włączone (hasło i klucz odzyskiwania)" if self.key else "wyłączone"
        return (f"Koordynator {__version__} – program dla koordynatora indywidualnych planów "
                "usług społecznych. Działa bez internetu.\n\n"
                f"Plik bazy danych: {self.db_path}\n"
                f"Szyfrowanie: {encrypted}\n"
                f"Kopie zapasowe: {backup_dir(self.db_path)}\n"
                f"Ostatnia kopia: {shown}\n"
                f"Dziennik błędów: {data_dir() / 'koordynator-bledy.log'}\n\n"
                "Kopię na pendrive zrobisz w menu Plik → Zrób kopię zapasową.")

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, "O programie", self.about_text())

    def issue_for_selected(self, kind: str):
        from ui.documents.screens import issue_document

        row = self.selected_row()
        return issue_document(self, self.session, kind, row.id) if row else None

    def show_application(self, application_id: str) -> None:
        """The waiting application, selected in the Wnioski tab."""
        self.tabs.setCurrentWidget(self.applications_page)
        self.applications_page.select(application_id)

    def open_resident_cases(self):
        from ui.register.resident_cases_dialog import ResidentCasesDialog

        row = self.selected_row()
        if row is None:
            return None
        dialog = ResidentCasesDialog(self.session, row.id, f"{row.first_name} {row.surname}", self)
        dialog.open_case.connect(lambda case_id: self.open_case(case_id))
        dialog.finished.connect(lambda _: self.refresh_work())
        dialog.show()
        return dialog

    def selected_row(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_resident(self, resident_id: str) -> None:
        row = self.model.row_of_resident(resident_id)
        if row >= 0:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def _update_buttons(self, *_args) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.cases_button.setEnabled(row is not None)
        self.papers_button.setEnabled(row is not None)
        self.archive_button.setEnabled(row is not None and not row.archived)
        self.restore_button.setVisible(self.show_archived.isChecked())
        self.restore_button.setEnabled(row is not None and row.archived)

    # --- actions ----------------------------------------------------------------------------
    def open_resident_dialog(self, resident_id: str | None):
        """Build the form (tests drive it); None if the record could not be read."""
        from app.people.residents_store import get as get_resident
        from ui.register.resident_dialog import ResidentDialog  # not needed for the first screen

        try:
            resident = (
                get_resident(self.db, resident_id, record_view=True) if resident_id else None
            )
        except KoordynatorError as exc:
            dialogs.show_error(self, "Nie można otworzyć", str(exc))
            return None
        return ResidentDialog(self.session, resident, self)

    def _run_dialog(self, resident_id: str | None) -> None:
        dialog = self.open_resident_dialog(resident_id)
        if dialog is None:
            return
        dialog.exec()
        result = dialog.result_value
        if result.open_existing_id:
            self.search_edit.clear()
            self.show_archived.setChecked(True)
            self.run_search()
            self.select_resident(result.open_existing_id)
            self._run_dialog(result.open_existing_id)
        elif result.saved is not None:
            self.run_search()
            # the register in view with the person just saved in it, the keyboard on her row
            self.tabs.setCurrentWidget(self.register_page)
            self.select_resident(result.saved.id or "")
            self.table.setFocus()

    def add_resident(self) -> None:
        self._run_dialog(None)

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._run_dialog(row.id)

    def archive_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.archived:
            return
        reason = dialogs.confirm_archive(self, f"{row.first_name} {row.surname}")
        if reason is None:
            return
        try:
            from app.people.residents_store import archive

            archive(self.db, row.id, reason)
        except KoordynatorError as exc:
            dialogs.show_error(self, "Nie przeniesiono do archiwum", str(exc))
            return
        self.run_search()
        self.statusBar().showMessage(
            f"Przeniesiono do archiwum: {row.first_name} {row.surname}", 8000
        )

    def restore_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.archived:
            return
        try:
            from app.people.residents_store import restore

            restore(self.db, row.id)
        except KoordynatorError as exc:
            dialogs.show_error(self, "Nie przywrócono", str(exc))
            return
        self.run_search()
        self.select_resident(row.id)

    @property
    def attached(self) -> bool:
        return hasattr(self, "backups")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self.attached:  # only the frame so far: closing it means "quit"
            self.closed_before_open = True
            super().closeEvent(event)
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.backups.wait_idle()
            problem = self.backups.backup_on_close()
        finally:
            QApplication.restoreOverrideCursor()
        if problem:
            dialogs.show_error(self, "Kopia zapasowa przy zamykaniu nie powiodła się",
                               problem + "\n\nDane w bazie są zapisane; zrób kopię ręcznie "
                               "przy następnym uruchomieniu.")
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if (self.attached and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.table.hasFocus()):
            self.edit_selected()
            return
        super().keyPressEvent(event)
