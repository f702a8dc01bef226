"""One copy of the program per database: an OS lock on ``<db>.lock`` that dies with the
process, so a killed program never leaves a lock that needs clearing by hand."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from app.core import errors

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl


class InstanceLock:
    def __init__(self, db_path: Path):
        self.path = Path(str(db_path) + ".lock")
        self._fh: IO[str] | None = None

    def acquire(self) -> bool:
        """True when this process now holds the lock; False when another one does."""
        if self._fh is not None:
            return True
        try:
            fh = open(self.path, "a+")  # noqa: SIM115 - held open for the life of the lock
        except OSError as exc:  # a read-only or full disk, a folder without rights
            raise errors.from_os_error(exc, self.path.parent) from exc
        try:
            if sys.platform == "win32":
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
        except OSError:
            pass  # the pid is only a courtesy for people; the OS lock is what counts
        self._fh = fh
        return True

    def release(self) -> None:
        if self._fh is None:
            return
        try:
            if sys.platform == "win32":
                self._fh.seek(0)
                msvcrt.locking(self._fh.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
        finally:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> InstanceLock:
        if not self.acquire():
            raise errors.DatabaseLocked(already_running_message(self.path))
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def already_running_message(lock_path: Path) -> str:
    db = str(lock_path)[: -len(".lock")]
    return ("Koordynator jest już uruchomiony z tą bazą danych. Przejdź do otwartego okna "
            f"(pasek zadań) albo zamknij je i spróbuj ponownie.\nPlik: {db}")
