"""Opening the database for the window: the password (or setting one, which encrypts the
file), and a way out when the file cannot be opened. The program never starts silently on
an empty database instead of the real one."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from app.core.errors import KoordynatorError, SchemaTooNew, StorageError
from app.core.validation import format_date
from app.session.session import Session
from app.storage import backups, encrypt_in_place, encryption, restoring
from app.storage.paths import backup_dir

NEW_DB_INTRO = ("Zakładasz nową bazę danych. Dane mieszkańców są chronione hasłem: bez niego "
                "nikt nie odczyta pliku. Hasło musi mieć co najmniej 8 znaków, w tym cyfrę, "
                "wielką literę lub znak specjalny.")
PLAIN_DB_INTRO = ("Ta baza danych nie jest zaszyfrowana, a zawiera dane osobowe. Ustaw hasło: "
                  "program zaszyfruje plik i jego kopie zapasowe (najpierw zrobi kopię).")


def open_for_window(path: Path, demo: bool, password: str | None = None
                    ) -> Session | Path | None:
    """The session ready for the window; another file's Path when the KIPUS chose one
    (the caller takes its lock first); None when she chose to quit."""
    while True:
        key = None
        try:
            key = _key_for(path, demo, password)
            if key is False:
                return None
            session = Session.open(path, key or None)
            if key:
                _after_unlock(session, key)
            return session
        except StorageError as exc:
            way_out = resolve_open_problem(path, str(exc), key or None,
                                           too_new=isinstance(exc, SchemaTooNew))
            if way_out is False:
                return None
            if isinstance(way_out, Path):
                return way_out
        except encryption.WrongPassword as exc:
            print(str(exc), file=sys.stderr)
            if password is not None:
                return None


def _key_for(path: Path, demo: bool, password: str | None):
    """The data key; '' for a plain database; False when the KIPUS cancelled."""
    from ui.shell.password_dialogs import NewPasswordDialog, UnlockDialog

    if encryption.is_encrypted(path):
        if password is not None:
            return encryption.unlock(path, password)
        dialog = UnlockDialog(path)
        return dialog.key if dialog.exec() == QDialog.DialogCode.Accepted else False
    if demo:
        return ""
    if not path.exists():
        dialog = NewPasswordDialog("Nowa baza danych – hasło", NEW_DB_INTRO)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        key, _ = encrypt_in_place.create_new(path, dialog.password)
        return key  # the recovery key is shown once the new file exists
    plain = Session.open(path)
    try:
        is_demo = plain.is_demo()
    finally:
        plain.close()
    if is_demo:
        return ""
    dialog = NewPasswordDialog("Zabezpiecz bazę hasłem", PLAIN_DB_INTRO)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        QMessageBox.information(None, "Koordynator", "Bez hasła program nie otworzy bazy z "
                                "danymi osobowymi. Uruchom go ponownie, gdy zechcesz je ustawić.")
        return False
    encrypt_in_place.encrypt_database(path, dialog.password)
    return encryption.unlock(path, dialog.password)


def _after_unlock(session: Session, key: str) -> None:
    """Show the recovery key until it has been seen once (a kill may have hidden it), and
    seal plain backups an older version left beside the encrypted file."""
    from ui.shell.password_dialogs import RecoveryKeyDialog

    path = session.path
    if encrypt_in_place.recovery_key_pending(path):
        RecoveryKeyDialog(encryption.recovery_code(key), path,
                          session.settings().cus_name).exec()
        encrypt_in_place.recovery_key_shown(path)
    try:
        encrypt_in_place.seal_plain_backups(path, key)
    except KoordynatorError as exc:
        print(f"Nie zaszyfrowano starej kopii: {exc}", file=sys.stderr)
    if warning := encrypt_in_place.unreadable_plain_backups_warning(path):
        QMessageBox.warning(None, "Niezaszyfrowane kopie zapasowe", warning)


def resolve_open_problem(path: Path, message: str, key: str | None = None,
                         too_new: bool = False) -> bool | Path:
    """Explain why the file cannot be opened and offer a way out. True: try the same file
    again (a backup was restored or the key recovered); a Path: open that file instead;
    False: quit."""
    newest = backups.newest_good(backup_dir(path), key)
    can_recover = path.exists() and not encryption.has_plain_header(path) and key is None
    choice = ask_way_out(message, newest, can_recover, key, too_new)
    if choice == "restore" and newest is not None:
        try:
            restoring.restore(path, newest.path, key)
        except KoordynatorError as exc:
            QMessageBox.critical(None, "Nie przywrócono kopii", str(exc))
            return False
        return True
    if choice == "restore-file":  # a copy on a stick, restored into place, not worked on
        chosen = choose_other_file(path, "Plik kopii zapasowej (np. z pendrive)")
        if chosen is None:
            return True  # back to the choices
        try:
            restoring.restore(path, chosen, key)
        except KoordynatorError as exc:
            QMessageBox.critical(None, "Nie przywrócono kopii", str(exc))
        return True
    if choice == "recovery":
        from ui.shell.password_dialogs import RecoveryResetDialog

        return RecoveryResetDialog(path).exec() == QDialog.DialogCode.Accepted
    if choice == "other":
        other = choose_other_file(path)
        return other if other is not None else True  # cancelled: back to the choices
    return False


def ask_way_out(message: str, newest: backups.BackupInfo | None, can_recover: bool,
                key: str | None = None, too_new: bool = False) -> str:
    """'restore', 'restore-file', 'recovery', 'other' or 'quit', as the KIPUS clicks. For a
    file of a newer program version the answer is to update the program, not to go back to
    an old copy."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Nie można otworzyć bazy danych", message)
    buttons = {}
    holds = ""
    if newest is not None:
        counts = backups.verify_backup(newest.path, key).counts or {}
        holds = (f": {counts.get('residents', 0)} mieszkańców, {counts.get('cases', 0)} "
                 f"spraw, {counts.get('plans', 0)} planów")
    if newest is not None:
        when = f"{format_date(newest.made_at.date())} {newest.made_at:%H:%M}"
        box.setInformativeText(
            f"Najnowsza dobra kopia zapasowa jest z {when} ({newest.kind_label}){holds}. "
            "Przywrócenie jej zastąpi plik bazy; obecny plik zostanie zachowany obok, nic "
            "nie zostanie usunięte. Dane wpisane po tej godzinie trzeba będzie uzupełnić.")
        buttons["restore"] = box.addButton(
            f"Przywróć kopię z {when}",
            QMessageBox.ButtonRole.ActionRole if too_new else QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("Nie znaleziono dobrej kopii zapasowej obok bazy. Jeśli masz "
                               "kopię na pendrive, wybierz „Przywróć z kopii na "
                               "pendrive…”: zostanie skopiowana na miejsce bazy.")
    if can_recover:
        buttons["recovery"] = box.addButton("Mam klucz odzyskiwania z sejfu",
                                            QMessageBox.ButtonRole.ActionRole)
    buttons["restore-file"] = box.addButton("Przywróć z kopii na pendrive…",
                                            QMessageBox.ButtonRole.ActionRole)
    buttons["other"] = box.addButton("Wybierz inny plik…", QMessageBox.ButtonRole.ActionRole)
    buttons["quit"] = box.addButton("Zakończ", QMessageBox.ButtonRole.RejectRole)
    if too_new:
        box.setInformativeText(
            "Zaktualizuj Koordynatora do wersji, która utworzyła ten plik, i otwórz go nią – "
            "dane są w nim całe. Przywrócenie starszej kopii cofnęłoby dane do jej daty; "
            "zrób to tylko wtedy, gdy nowszej wersji programu nie da się zainstalować.")
        box.setDefaultButton(buttons["other"])
    elif "restore" in buttons:
        box.setDefaultButton(buttons["restore"])
    box.exec()
    return next((k for k, b in buttons.items() if box.clickedButton() is b), "quit")


def choose_other_file(current: Path, title: str = "Plik bazy danych") -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(None, title, str(current.parent),
                                          "Bazy Koordynatora (*.db);;Wszystkie pliki (*)")
    return Path(name).resolve() if name else None
