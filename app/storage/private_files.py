"""Files holding personal data are readable by their owner only (POSIX 0600, folders 0700).
On Windows the data folder under %LOCALAPPDATA% is already private to the user by its ACL,
and chmod cannot express more; the encryption protects the contents there."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from app.storage.paths import backup_dir, data_dir

PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700


def restrict_new_files() -> None:
    """Every file and folder this process creates from now on is private (SQLite's WAL and
    journal files, backups, logs and exports included). Call once at program start."""
    if os.name == "posix":
        os.umask(0o077)


def make_private(path: Path | str) -> None:
    """Tighten one existing file or folder; silently skipped where chmod is not possible
    (a FAT stick, a file of another user)."""
    if os.name != "posix":
        return
    path = Path(path)
    with contextlib.suppress(OSError):
        os.chmod(path, PRIVATE_DIR if path.is_dir() else PRIVATE_FILE)


def tighten_around(db_path: Path | str) -> None:
    """The program's data folder, the database with its WAL, key, lock, anchor and attempt
    files, and the backup folder with every backup: made private (for installs older than
    this rule). A folder the KIPUS chose for the database is not changed."""
    db_path = Path(db_path)
    if db_path.parent.resolve() == data_dir().resolve():
        make_private(db_path.parent)  # our folder; a folder chosen with --db (/tmp!) is hers
    for path in db_path.parent.glob(db_path.name + "*"):
        if not path.is_dir():  # --db given a folder by mistake: her folder stays as it was
            make_private(path)
    folder = backup_dir(db_path)
    if folder.is_dir():
        make_private(folder)
        for path in folder.iterdir():
            make_private(path)


def fsync_file(path: Path) -> None:
    """Make a written file and its name durable (a power cut cannot leave it half there)."""
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handle for it)."""
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_private_text(path: Path, text: str) -> None:
    """Write a small text file, private from its first byte, atomically."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
