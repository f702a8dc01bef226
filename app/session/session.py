"""One session per open database. Every window is handed the session, never a connection
of its own: a restore swaps the connection inside it and closing ends it, in one place, so
an open plan editor or case window always works on the file that is there now."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from app.core.errors import StorageError
from app.settings import store as settings_store
from app.settings.values import Settings
from app.storage import backups, restoring
from app.storage.opening import connect, open_database
from app.storage.paths import backup_dir

CLOSED_MESSAGE = ("Baza danych jest zamknięta (program kończy pracę albo przywraca kopię). "
                  "Spróbuj ponownie za chwilę.")


class SessionClosed(StorageError):
    pass


class Session:
    def __init__(self, path: Path | str, key: str | None, db: Database):
        self.path, self.key = Path(path), key
        self._db: Database | None = db
        self._reopened: list[Callable[[], None]] = []

    @classmethod
    def open(cls, path: Path | str, key: str | None = None, *,
             full_check: bool = False) -> Session:
        """Open (checking the header and schema; the full check is the caller's, run in the
        background) and migrate the database at ``path``."""
        db, _ = open_database(path, key, full_check=full_check)
        return cls(path, key, db)

    @property
    def db(self) -> Database:
        if self._db is None:
            raise SessionClosed(CLOSED_MESSAGE)
        return self._db

    @property
    def backup_folder(self) -> Path:
        return backup_dir(self.path)

    def settings(self) -> Settings:
        return settings_store.load(self.db)

    def is_demo(self) -> bool:
        return settings_store.is_demo(self.db)

    def change_count(self) -> int:
        """Grows with every row this session changed: compare two readings to see whether
        anything was saved in between."""
        return int(self.db.conn.total_changes)

    def when_reopened(self, callback: Callable[[], None]) -> None:
        """``callback()`` after a restore put another connection in place."""
        self._reopened.append(callback)

    def close(self) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            db.conn.close()

    def restore(self, backup: Path) -> Path | None:
        """Put ``backup`` in place of the database (the restore keeps a safety copy of the
        current state and returns it). The session reopens the file whatever happened, and
        everyone who asked is told."""
        self.close()
        try:
            return restoring.restore(self.path, backup, self.key)
        finally:
            self._db = connect(self.path, self.key)
            for callback in self._reopened:
                callback()

    def backup_on_own_connection(self, kind: str = "auto") -> Path:
        """A backup written through a connection of its own, so that it can run in another
        thread while the window goes on; old automatic copies are thinned after it."""
        db, _ = open_database(self.path, self.key, migrate=False, full_check=False)
        try:
            target = backups.make_backup(db, self.path, kind, self.key)
            backups.thin(self.backup_folder,
                         safety_days=settings_store.load(db).safety_backup_days)
            return target
        finally:
            db.conn.close()
