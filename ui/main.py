"""`koordynator`: the composition root that opens the database and shows the main window."""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # before Qt is imported, so --smoke counts the whole start

import argparse  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

DEMO_RESIDENTS = 2000


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="koordynator", description="Koordynator – program dla koordynatora IPUS."
    )
    parser.add_argument(
        "--db", help="plik bazy danych (zamiast domyślnego; także zmienna KOORDYNATOR_DB)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="uruchom na bazie demonstracyjnej (tworzy ją, gdy jej brak)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="uruchom, poczekaj na pokazanie danych, wypisz czas w sekundach "
        "i zakończ (do testów i pakowania)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.db import open_database
    from app.errors import StorageError
    from app.paths import resolve_db_path
    from app.settings_store import get as get_setting

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_app.setApplicationName("Koordynator")
    qt_app.setApplicationDisplayName("Koordynator")
    path: Path = resolve_db_path(args.db, demo=args.demo)

    try:
        db, _info = open_database(path, full_check=False)
        if args.demo:
            from app import demo as demo_data

            demo_data.ensure(db, DEMO_RESIDENTS)
    except StorageError as exc:
        return _fail(str(exc), args.smoke)

    from ui.main_window import MainWindow

    window = MainWindow(db, str(path), demo=get_setting(db, "demo") == "1")
    window.show()
    window.load()
    from ui.integrity import IntegrityWatcher

    watcher = IntegrityWatcher(path, None, qt_app)

    def damaged(message: str) -> None:
        window.setEnabled(False)  # nothing more is written to a damaged file
        _fail(message, args.smoke)
        qt_app.exit(2)

    watcher.damaged.connect(damaged)
    watcher.start()
    if args.smoke:

        def finish() -> None:
            qt_app.processEvents()
            print(f"{time.perf_counter() - _STARTED:.3f}", flush=True)
            qt_app.quit()

        QTimer.singleShot(0, finish)
    code = qt_app.exec()
    db.conn.close()
    return code


def _fail(message: str, quiet: bool) -> int:
    print(message, file=sys.stderr)
    if not quiet:
        from ui import dialogs

        dialogs.show_error(None, "Koordynator nie może otworzyć bazy danych", message)
    return 2


if __name__ == "__main__":
    sys.exit(main())
