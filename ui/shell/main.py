"""`koordynator`: the composition root that opens the database and shows the main window."""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # before Qt is imported, so --smoke counts the whole start

import argparse  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from app.session.session import Session

DEMO_RESIDENTS = 2000
EXIT_OPEN_FAILED = 2
EXIT_ALREADY_RUNNING = 3
EXIT_INCOMPLETE = 4  # --smoke: the installation lacks a part the KIPUS would see


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="koordynator", description="Koordynator – program dla koordynatora IPUS.")
    parser.add_argument("--db", help="plik bazy danych (zamiast domyślnego; także "
                        "zmienna KOORDYNATOR_DB)")
    parser.add_argument("--demo", action="store_true",
                        help="uruchom na bazie demonstracyjnej (tworzy ją, gdy jej brak)")
    parser.add_argument("--smoke", action="store_true",
                        help="uruchom, poczekaj na pokazanie danych, wypisz czas w sekundach "
                        "i zakończ (do testów i pakowania)")
    parser.add_argument("--timings", action="store_true",
                        help="z --smoke: wypisz też czas do pierwszego obrazu okna")
    parser.add_argument("--password-stdin", action="store_true",
                        help="odczytaj hasło bazy z pierwszego wiersza wejścia")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from app.cli import polish as cli_polish

    cli_polish.install()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui.shell.translation import install_polish

    if not install_polish(qt_app) and args.smoke:  # Tak/Nie, Anuluj: Qt's own buttons
        # a frozen build without qtbase_pl would show every standard button in English
        _report("Brak polskiego tłumaczenia Qt (qtbase_pl) – instalacja jest niepełna.", True)
        return EXIT_INCOMPLETE
    from ui.common import look

    look.apply(qt_app)
    from ui.shell.help_dialog import install_f1

    install_f1(qt_app)  # the password windows come before the main one
    qt_app.setApplicationName("Koordynator")
    qt_app.setApplicationDisplayName("Koordynator")
    window = _paint_frame(qt_app)  # before anything of app/ is loaded; no file is touched
    from app.storage.private_files import restrict_new_files

    restrict_new_files()  # the database, its backups, logs and exports: owner only
    from app.core.errors import KoordynatorError, from_os_error
    from app.storage.paths import resolve_db_path

    try:
        if not args.smoke:
            from app.storage.paths import data_dir
            from ui.shell import error_guard

            error_guard.install(data_dir())
        path: Path = resolve_db_path(args.db, demo=args.demo)
        return _start(qt_app, window, path, args, QTimer)
    except OSError as exc:  # a read-only or full disk, a folder without rights
        _report(str(from_os_error(exc, args.db or "folder danych programu")), args.smoke)
    except KoordynatorError as exc:
        _report(str(exc), args.smoke)
    return EXIT_OPEN_FAILED


def _start(qt_app, window, path: Path, args: argparse.Namespace,
           QTimer) -> int:  # noqa: N803
    """Lock the file, repair what a killed run left, open it and run the window; again
    with another file when the KIPUS picks one."""
    from app.storage.instance_lock import InstanceLock, already_running_message

    while True:
        lock = InstanceLock(path)
        if not lock.acquire():
            from ui.shell.single_instance import ask_first_copy_to_show

            shown = ask_first_copy_to_show(path)
            _report(already_running_message(lock.path), args.smoke or shown)
            return EXIT_ALREADY_RUNNING
        try:
            if window is None:
                window = _paint_frame(qt_app)
            from app.storage.leftovers import clean_up
            from app.storage.location import location_warning

            for note in clean_up(path):  # a killed run's leftovers, before anything opens
                print(note, file=sys.stderr)
            warning = location_warning(path)
            if warning:
                from ui.common import dialogs

                print(warning, file=sys.stderr)
                if not args.smoke and not dialogs.ask_continue(
                        None, "Niepewne miejsce bazy", warning):
                    return EXIT_OPEN_FAILED
            opened = _open(path, args)
            if isinstance(opened, Path):
                path = opened  # the KIPUS picked another file: lock that one instead
                continue
            if opened is None:
                return EXIT_OPEN_FAILED
            if window.closed_before_open:  # the KIPUS closed the window while asked
                opened.close()
                return 0
            ended = _run_window(qt_app, window, opened, args, QTimer)
            window = None  # disposed with its session
            if isinstance(ended, Path):
                path = ended  # damage found while running: open what the KIPUS chose
                continue
            return ended
        finally:
            lock.release()


_PAINTED: list[float] = []


def _paint_frame(qt_app):
    """The main window's frame, painted before app/ and the database are loaded: the
    KIPUS sees the program at once, and password questions come up over it."""
    from PySide6.QtCore import QEvent, QObject

    from ui.shell.main_window import MainWindow

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and not _PAINTED:
                _PAINTED.append(time.perf_counter() - _STARTED)
            return False

    window = MainWindow()
    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    window.show()
    qt_app.processEvents()
    window.removeEventFilter(watcher)
    return window


def _open(path: Path, args: argparse.Namespace):
    """The session, another file's Path, or None. --smoke never asks anything: it reports
    and gives up."""
    from app.core.errors import KoordynatorError
    from app.session.session import Session
    from app.storage import encryption

    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    if not args.smoke:
        from ui.shell.opening import open_for_window

        opened = open_for_window(path, args.demo, password)
        if isinstance(opened, Session) and args.demo:
            _fill_demo(opened)
        return opened
    try:
        key = None
        if encryption.is_encrypted(path):
            if password is None:
                raise encryption.WrongPassword(
                    "Baza jest zaszyfrowana: podaj hasło przez --password-stdin.")
            from app.storage.password_attempts import PasswordAttempts

            key = PasswordAttempts(path).unlock(password)
        session = Session.open(path, key)
    except KoordynatorError as exc:
        _report(str(exc), True)
        return None
    if args.demo:
        _fill_demo(session)
    return session


def _fill_demo(session: Session) -> None:
    from app.demo import generate as demo_data

    demo_data.ensure(session.db, DEMO_RESIDENTS)


def _run_window(qt_app, window, session: Session, args: argparse.Namespace,
                QTimer) -> int | Path:  # noqa: N803
    from app.core.errors import StorageError
    from ui.shell.integrity import IntegrityWatcher
    from ui.shell.single_instance import ActivationServer

    path, key = session.path, session.key
    window.attach(session, demo=session.is_demo())
    try:
        window.load(register_when_shown=True)
    except StorageError as exc:  # a damaged page met while filling the first screen
        result = _way_out_while_open(window, path, key, str(exc), args)
        _dispose(qt_app, window)
        return result
    if not args.smoke and _first_start(session):  # after the password, before the work
        QTimer.singleShot(0, window.open_first_run)
    activation = ActivationServer(path, qt_app)
    activation.activate.connect(lambda: (window.showNormal(), window.raise_(),
                                         window.activateWindow()))
    watcher = IntegrityWatcher(path, key, qt_app)
    ended: dict[str, int | Path] = {}

    def damaged(message: str) -> None:
        ended["result"] = _way_out_while_open(window, path, key, message, args)
        qt_app.exit(0)

    watcher.damaged.connect(damaged)
    if args.smoke:
        shown_after = time.perf_counter() - _STARTED

        def finish() -> None:  # after the full check too: a damaged file must not pass
            print(f"{shown_after:.3f}", flush=True)
            if args.timings:
                print(f"pierwszy obraz okna: {_PAINTED[0] if _PAINTED else -1:.3f} s",
                      flush=True)
            window.backups.paused = True  # a smoke run changes nothing worth a backup
            qt_app.quit()

        watcher.checked.connect(finish)
    watcher.start()
    code = qt_app.exec()
    _dispose(qt_app, window)
    return ended.get("result", code)


def _first_start(session: Session) -> bool:
    """A real database whose centre details were never asked for and are not all there."""
    from app.settings import centre

    return (not session.is_demo() and not centre.was_offered(session.db)
            and bool(centre.missing(session.settings())))


def _dispose(qt_app, window) -> None:
    window.close()
    window.session.close()
    if window.idle_lock is not None:  # a window opened after this one has its own
        qt_app.removeEventFilter(window.idle_lock)
        window.idle_lock.timer.stop()
    window.deleteLater()


def _way_out_while_open(window, path: Path, key, message: str, args) -> int | Path:
    """Damage met with the window open: nothing more is written, and the KIPUS gets the
    same way out as at opening. The file to open next (restored: the same one), or an
    exit code."""
    window.setEnabled(False)
    window.backups.pause("Automatyczne kopie wstrzymane: plik bazy jest uszkodzony.")
    print(message, file=sys.stderr)
    if args.smoke:
        return EXIT_OPEN_FAILED
    from ui.shell.opening import resolve_open_problem

    window.session.close()  # the restore replaces the file under this connection
    way_out = resolve_open_problem(path, message, key)
    return path if way_out is True else way_out or EXIT_OPEN_FAILED


def _report(message: str, quiet: bool) -> None:
    print(message, file=sys.stderr)
    if not quiet:
        from ui.common import dialogs

        dialogs.show_error(None, "Koordynator", message)


if __name__ == "__main__":
    sys.exit(main())
