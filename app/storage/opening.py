"""Opening the database: refuse an emptied file, check it, back it up and migrate it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from app.core import errors
from app.storage import audit_anchor, migrations
from app.storage.backups import list_backups, make_backup
from app.storage.connection import (
    SafeDatabase,
    configure,
    damaged_message,
    quick_check,
    raw_connect,
    storage_errors,
)
from app.storage.encrypt_in_place import is_new_database
from app.storage.encryption import key_file
from app.storage.paths import backup_dir


@dataclass(frozen=True)
class OpenInfo:
    path: Path
    schema_version: int
    migrated_from: int
    backup_before_migration: Path | None


def connect(path: Path | str, key: str | None = None, *, migrate: bool = True) -> Database:
    """Open (or create) the database at ``path`` and return a ready sqlite-utils Database.

    Without ``key`` the file is plain SQLite; with a key it is SQLCipher-encrypted.
    """
    db, _ = open_database(path, key, migrate=migrate)
    return db


def once_held_data(path: Path) -> list[str]:
    """What shows that a missing or empty database file once held data (Polish phrases):
    backups beside it, its key file (unless a new database is still being set up), or a
    write-ahead log with content."""
    signs = []
    if list_backups(backup_dir(path)):
        signs.append("kopie zapasowe w folderze " + backup_dir(path).name)
    if key_file(path).exists() and not is_new_database(path):
        signs.append("plik klucza " + key_file(path).name)
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        signs.append("dziennik zapisu " + wal.name)
    if audit_anchor.anchor_path(path).exists():
        signs.append("kotwica dziennika zdarzeń " + audit_anchor.anchor_path(path).name)
    if path.is_symlink() and not path.exists():
        signs.append("skrót do pliku, którego już nie ma")
    return signs


def _refuse_if_emptied(path: Path) -> None:
    if path.exists() and path.stat().st_size > 0:
        return
    signs = once_held_data(path)
    if signs:
        state = "jest pusty (0 bajtów)" if path.exists() else "zniknął"
        raise errors.DatabaseMissing(
            f"Plik bazy danych {state}, a przecież były w nim dane (są {', '.join(signs)}). "
            "Mógł zostać skasowany albo nadpisany. Program nie założy w jego miejscu nowej, "
            "pustej bazy: przywróć najnowszą kopię zapasową albo wskaż właściwy plik."
            f"\nPlik: {path}")


def open_database(
    path: Path | str, key: str | None = None, *, migrate: bool = True, full_check: bool = True
) -> tuple[Database, OpenInfo]:
    """Like connect(), also telling the schema version found and any pre-migration backup.

    With ``full_check=False`` only the header and schema are read here; the caller must run
    check_file() soon after (the GUI does it in the background).
    """
    path = Path(path)
    if not path.parent.exists():
        raise errors.DatabaseReadOnly(
            f"Folder na bazę danych nie istnieje: {path.parent}. Wybierz inne miejsce."
        )
    _refuse_if_emptied(path)
    existed = path.exists() and path.stat().st_size > 0
    conn = None
    try:
        with storage_errors(path):
            conn = raw_connect(path, key)
            configure(conn, path)
            db = SafeDatabase(conn)
            db.path, db.key = str(path), key
            version = migrations.schema_version(db)
            if existed and (full_check or version < migrations.LATEST):
                problem = quick_check(db)
                if problem != "ok":
                    raise errors.DatabaseCorrupt(damaged_message(problem, path))
            if version > migrations.LATEST:
                print(f"schema {version} > {migrations.LATEST}: {path}", file=sys.stderr)
                raise errors.SchemaTooNew(
                    "Ta baza danych została zapisana przez nowszą wersję Koordynatora niż ta "
                    "zainstalowana. Zainstaluj nowszą wersję programu; dane w pliku są całe."
                    f"\nPlik: {path}")
            backup = None
            if migrate and version < migrations.LATEST:
                if existed and version > 0:
                    backup = backup_before_migration(db, path, version, key)
                migrations.apply(db)
            info = OpenInfo(path, migrations.schema_version(db), version, backup)
            return db, info
    except BaseException:
        if conn is not None:
            conn.close()
        raise


def backup_before_migration(db: Database, path: Path, version: int, key: str | None) -> Path:
    try:
        return make_backup(db, path, "przed-migracja", key)
    except errors.DiskFull as exc:
        raise errors.DiskFull(
            "Za mało miejsca na dysku, by przed aktualizacją bazy zrobić jej kopię. "
            "Zwolnij miejsce i uruchom program ponownie."
        ) from exc
