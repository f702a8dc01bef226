"""The main window's actions around data safety and privacy: backups and restore, the
password, RODO export and restriction, the audit log, retention, settings and the catalogue
and document screens. A mixin of MainWindow, which provides the session, db_path, key, model,
backups and the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from app.core.errors import KoordynatorError
from app.storage.location import location_warning
from app.storage.paths import backup_dir
from ui.common import dialogs, file_dialogs, look


class SafetyActions:
    # --- RODO and audit ---------------------------------------------------------------------
    def export_selected(self, folder: Path | None = None) -> tuple[Path, Path] | None:
        row = self.selected_row()
        if row is None:
            return None
        if folder is None:
            folder = file_dialogs.choose_folder(self, "Folder na dane osoby", "exports")
            if folder is None:
                return None
        try:
            from app.privacy import rodo

            paths = rodo.export_person(self.db, row.id, folder)
        except KoordynatorError as exc:
            dialogs.show_error(self, "Eksport nie powiódł się", str(exc))
            return None
        self.statusBar().showMessage(f"Zapisano dane osoby: {paths[1]} i {paths[0].name}",
                                     15000)
        return paths

    def toggle_restriction_selected(self) -> bool | None:
        row = self.selected_row()
        if row is None:
            return None
        name = f"{row.first_name} {row.surname}"
        reason = dialogs.ask_restriction(self, name, lifting=row.restricted)
        if reason is None:
            return None
        try:
            from app.privacy import rodo

            rodo.set_restriction(self.db, row.id, not row.restricted, reason)
        except KoordynatorError as exc:
            dialogs.show_error(self, "Nie zmieniono", str(exc))
            return None
        self.run_search()
        self.select_resident(row.id)
        return not row.restricted

    def open_window(self, package: str, name: str):
        """A screen of ui/<package>/screens.py, shown beside the main window (imported
        by name, not by importlib: the frozen program must see every import)."""
        from ui.catalogue import screens as catalogue
        from ui.documents import screens as documents
        from ui.reports import import_dialog
        from ui.reports import screens as reports

        screens = {"catalogue": catalogue, "documents": documents, "reports": reports,
                   "import": import_dialog}[package]
        window = getattr(screens, name)(self.session, self)
        if hasattr(window, "imported"):  # new residents: the register shows them
            window.imported.connect(lambda: self.run_search())
        window.show()
        return window

    def open_screen(self, name: str):
        return self.open_window("catalogue", name)

    def open_audit(self) -> None:
        from ui.safety.audit_dialog import AuditDialog

        AuditDialog(self.session, self).exec()

    def open_retention(self) -> None:
        from ui.safety.retention_dialog import RetentionDialog

        RetentionDialog(self.session, self).exec()
        self.run_search()

    def change_password(self) -> None:
        from ui.shell.password_dialogs import NewPasswordDialog

        dialog = NewPasswordDialog("Zmiana hasła", "Wpisz obecne hasło i dwa razy nowe. Klucz "
                                   "odzyskiwania z sejfu pozostaje ważny.", self, ask_old=True)
        while dialog.exec():
            try:
                from app.storage.encryption import change_password as replace_password
                from app.storage.password_attempts import PasswordAttempts

                PasswordAttempts(self.db_path).unlock(dialog.old.text())
                replace_password(self.db_path, dialog.old.text(), dialog.password)
            except KoordynatorError as exc:
                dialog.error.setText(str(exc))
                continue
            self.statusBar().showMessage("Hasło zmienione.", 10000)
            return

    def show_recovery_key(self) -> None:
        """The recovery key again (the sheet in the safe got lost), only after the password."""
        from app.storage.encryption import recovery_code
        from ui.shell.password_dialogs import RecoveryKeyDialog, UnlockDialog

        unlock = UnlockDialog(self.db_path, self, purpose="Klucz odzyskiwania pokażemy po "
                              "podaniu hasła – tak, by nie zobaczył go nikt przypadkowy.")
        if not unlock.exec() or unlock.key is None:
            return
        RecoveryKeyDialog(recovery_code(unlock.key), self.db_path,
                          self.session.settings().cus_name, self, again=True).exec()

    def open_help(self, page: str = "") -> None:
        """A help page, or the one about the window in use."""
        from ui.shell.help_dialog import HelpDialog, page_for

        find = ""
        if not page:
            page, find = page_for(self)
        dialog = HelpDialog(page, find, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def open_first_run(self) -> None:
        """The short form for the centre's details (at the first start, and from "Na dziś"
        while something it asks for is missing)."""
        from ui.safety.first_run_dialog import FirstRunDialog

        FirstRunDialog(self.session, self).exec()
        self.refresh_work()

    def open_settings(self) -> None:
        from ui.safety.settings_dialog import SettingsDialog

        SettingsDialog(self.session, self).exec()
        self.refresh_work()  # "Na dziś" counts and names its limits as now set
        self.backups.refresh_status()
        if self.idle_lock is not None:  # a new lock time counts from now, not from a restart
            self.idle_lock.set_minutes(self.session.settings().lock_minutes)

    # --- backups --------------------------------------------------------------------------
    def _show_backup_status(self, text: str, warning: bool) -> None:
        self.backup_label.setText(text)
        look.tone(self.backup_label, "error" if warning else None, strong=warning)

    def manual_backup(self, folder: Path | None = None) -> Path | None:
        """Back up to a chosen folder (a USB stick), with a progress bar."""
        if folder is None:
            folder = file_dialogs.choose_folder(self, "Folder na kopię (np. pendrive)",
                                                "backups")
            if folder is None:
                return None
        warning = location_warning(folder, "Folder kopii")
        if warning and not dialogs.ask_continue(self, "Niepewne miejsce na kopię", warning):
            return None
        progress = QProgressDialog("Zapisywanie kopii zapasowej…", "", 0, 100, self)
        progress.setCancelButton(None)
        progress.setWindowTitle("Kopia zapasowa")
        progress.setMinimumDuration(300)

        def step(done: int, total: int) -> None:
            progress.setValue(int(done * 100 / max(total, 1)))
            QApplication.processEvents()

        try:
            target = self.backups.backup_now("reczna", folder, step)
        except KoordynatorError as exc:
            progress.close()
            dialogs.show_error(self, "Kopia nie powiodła się", str(exc))
            return None
        progress.setValue(100)
        self.statusBar().showMessage(f"Kopia zapisana i sprawdzona: {target}", 15000)
        return target

    def choose_restore(self) -> None:
        from ui.shell.restore_dialog import RestoreDialog

        dialog = RestoreDialog(backup_dir(self.db_path), self.key, self)
        if dialog.exec() and dialog.chosen is not None:
            self.restore_from(dialog.chosen)

    def restore_from(self, backup: Path) -> bool:
        try:
            safety = self.session.restore(backup)
        except KoordynatorError as exc:
            dialogs.show_error(self, "Nie przywrócono kopii", str(exc))
            safety = None
            restored = False
        else:
            restored = True
        if restored:
            self.backups.pause()  # keep good backups from being thinned away by this state
            self.statusBar().showMessage(
                f"Przywrócono kopię {backup.name}. Poprzedni stan zapisano: {safety}", 30000)
        return restored

