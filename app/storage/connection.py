"""Connections to the database file: the driver's errors in Polish, safe pragmas, the
audit anchor moved after every committed unit of work, and the cheap integrity check."""

from __future__ import annotations

import contextlib
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3
from sqlcipher3 import dbapi2 as driver
from sqlite_utils import Database

from app.core import errors
from app.storage import audit_anchor
from app.storage.encryption import apply_key

BUSY_TIMEOUT_S = 5.0


def translate_error(exc: Exception, path: Path | str = "") -> errors.StorageError:
    """Turn a driver exception into an error whose message says what to do, in Polish."""
    text = str(exc).lower()
    where = f"Plik bazy danych: {path}" if path else ""
    if "locked" in text or "busy" in text:
        return errors.DatabaseLocked(
            "Baza danych jest zajęta przez inny program lub drugą kopię Koordynatora. "
            f"Zamknij ją i spróbuj ponownie.\n{where}"
        )
    if "not a database" in text or "encrypted" in text:
        return errors.NotADatabase(
            "Ten plik nie jest bazą Koordynatora albo jest zaszyfrowany innym hasłem. "
            f"Wybierz inny plik lub przywróć kopię zapasową.\n{where}"
        )
    if "malformed" in text or "corrupt" in text:
        return errors.DatabaseCorrupt(
            "Plik bazy danych jest uszkodzony. Przywróć najnowszą dobrą kopię zapasową; "
            f"uszkodzonego pliku nie usuwaj, może się jeszcze przydać.\n{where}"
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return errors.DatabaseReadOnly(
            "Nie można zapisywać w pliku bazy danych (brak uprawnień, plik tylko do odczytu "
            f"albo folder nie istnieje). Wybierz inne miejsce.\n{where}"
        )
    if "disk is full" in text or "database or disk is full" in text:
        return errors.DiskFull(
            "Na dysku zabrakło miejsca, więc zmian nie zapisano. Zwolnij miejsce i spróbuj "
            f"ponownie; dotychczasowe dane są bezpieczne.\n{where}"
        )
    print(f"SQLite: {exc} ({path})", file=sys.stderr)  # the words stay in the error log
    return errors.StorageError(
        "Nie udało się odczytać ani zapisać pliku bazy danych (błąd dysku albo pliku, który "
        "nie jest zwykłym plikiem bazy). Sprawdź dysk albo wskaż inny plik; jeśli to się "
        f"powtarza, przywróć kopię zapasową.\n{where}")


class SafeDatabase(Database):
    """A sqlite-utils Database whose environment failures (disk full, locked, damaged file)
    arrive as Polish StorageErrors; constraint errors stay what they are (they are bugs)."""

    path: str = ""
    key: str | None = None

    def execute(self, sql, parameters=None):
        with _environment_errors(self.path):
            return super().execute(sql, parameters)

    @contextlib.contextmanager
    def atomic(self):
        outermost = not self.conn.in_transaction
        with _environment_errors(self.path), super().atomic():
            yield self
        if outermost and self.path:
            try:  # committed: the audit head moves
                audit_anchor.advance(self.conn, self.path, self.key)
            except (driver.Error, OSError) as exc:
                # the save itself succeeded; a lagging anchor is what verification reports
                print(f"Kotwica dziennika nie została zapisana: {exc}", file=sys.stderr)


@contextlib.contextmanager
def _environment_errors(path: str) -> Iterator[None]:
    try:
        yield
    except (driver.IntegrityError, driver.ProgrammingError, driver.InterfaceError):
        raise
    except driver.Error as exc:
        raise translate_error(exc, path) from exc


@contextlib.contextmanager
def storage_errors(path: Path | str = "") -> Iterator[None]:
    """Re-raise the driver's exceptions (not sqlite3's) as Polish StorageErrors."""
    try:
        yield
    except driver.Error as exc:
        raise translate_error(exc, path) from exc


def raw_connect(path: Path, key: str | None) -> driver.Connection:
    conn = sqlcipher3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    if key is not None:
        apply_key(conn, key)
    return conn


def configure(conn: driver.Connection, path: Path) -> None:
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails here if wrong key
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    checks = {
        "journal_mode": (str(mode).lower(), "wal"),
        "synchronous": (conn.execute("PRAGMA synchronous").fetchone()[0], 2),
        "foreign_keys": (conn.execute("PRAGMA foreign_keys").fetchone()[0], 1),
    }
    wrong = [name for name, (got, want) in checks.items() if got != want]
    if wrong:
        raise errors.StorageError(
            "Nie udało się ustawić bezpiecznego trybu zapisu bazy danych "
            f"({', '.join(wrong)}). Plik może leżeć na dysku sieciowym.\nPlik: {path}"
        )


def read_only_connection(path: Path | str, key: str | None = None) -> driver.Connection:
    """A connection that cannot change the file (not even its journal mode): for checks."""
    uri = "file:" + urllib.parse.quote(str(Path(path).resolve())) + "?mode=ro"
    conn = sqlcipher3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    if key is not None:
        apply_key(conn, key)
    return conn


def quick_check(db: Database) -> str:
    """'ok' or the first problem SQLite finds; cheap enough to run on every open."""
    return str(db.execute("PRAGMA quick_check(1)").fetchone()[0])


def check_file(path: Path | str, key: str | None = None) -> str:
    """Full quick_check on a separate connection: 'ok' or a Polish description of the problem.

    The GUI runs it in the background right after the window shows (0.3 s on 100,000
    residents would otherwise delay every start).
    """
    try:
        with storage_errors(path):
            conn = raw_connect(Path(path), key)
            try:
                result = str(conn.execute("PRAGMA quick_check(1)").fetchone()[0])
            finally:
                conn.close()
    except errors.StorageError as exc:
        return str(exc)
    return "ok" if result == "ok" else damaged_message(result, path)


def damaged_message(problem: str, path: Path | str) -> str:
    # SQLite's own words ("btreeInitPage() returns error code 11") mean nothing to the
    # KIPUS; they go to standard error, which the error log keeps.
    print(f"quick_check {path}: {problem}", file=sys.stderr)
    return ("Sprawdzenie pliku bazy danych wykazało, że jest uszkodzony (część zapisanych "
            "danych nie da się odczytać). Przywróć najnowszą dobrą kopię zapasową; "
            f"uszkodzonego pliku nie usuwaj, zostanie zachowany obok.\nPlik: {path}")
