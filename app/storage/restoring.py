"""Restoring a backup into place: only after a verified safety copy of the current state,
encrypted on the way when the database is, with the audit anchor following the copy."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from app.core import errors
from app.storage import audit_anchor
from app.storage.backups import (
    RESTORE_TMP,
    backup_name,
    make_backup,
    verify_backup,
)
from app.storage.connection import raw_connect
from app.storage.encryption import export_encrypted, has_plain_header, is_encrypted, key_file
from app.storage.opening import open_database
from app.storage.paths import backup_dir
from app.storage.private_files import fsync_file


def restore(db_path: Path, backup: Path, key: str | None = None) -> Path | None:
    """Replace the database file with a verified backup. ``key`` is the data key of the
    encrypted database (or of an encrypted backup). A plain backup restored onto an
    encrypted database is encrypted with its key on the way: restoring never leaves the
    data in plaintext. The caller must have closed every connection to ``db_path``.
    Returns the safety copy of the state before the restore."""
    try:
        return _restore(Path(db_path), Path(backup), key)
    except OSError as exc:  # a full disk or a folder without rights, while copying
        raise errors.from_os_error(exc, Path(db_path).parent) from exc


def _restore(db_path: Path, backup: Path, key: str | None) -> Path | None:
    db_path, backup = Path(db_path), Path(backup)
    db_encrypted = is_encrypted(db_path)
    if db_encrypted and key is None:
        raise errors.KoordynatorError(
            "Baza danych jest zaszyfrowana: przywrócenie wymaga jej hasła (albo klucza "
            "odzyskiwania), żeby przywrócone dane też były zaszyfrowane.")
    plain_backup = has_plain_header(backup)
    check = verify_backup(backup, None if plain_backup else key, thorough=True)
    if not check.ok:
        raise errors.StorageError(f"Tej kopii nie można przywrócić: {check.message}")
    safety = _keep_current_state(db_path, key if db_encrypted else None)
    if key is not None and not key_file(db_path).exists() and key_file(backup).exists():
        shutil.copyfile(key_file(backup), key_file(db_path))  # a new computer
    tmp = db_path.with_name(db_path.name + RESTORE_TMP)
    tmp.unlink(missing_ok=True)
    try:
        if plain_backup and db_encrypted and key is not None:
            export_encrypted(backup, tmp, key)
            sealed = verify_backup(tmp, key, check.counts)
            if not sealed.ok:
                raise errors.StorageError("Nie udało się zaszyfrować przywracanej kopii: "
                                          f"{sealed.message}. Baza jest bez zmian.")
        else:
            shutil.copyfile(backup, tmp)
        fsync_file(tmp)
        # The restored history is the one the anchor follows from now on. Its new anchor
        # is written beside the copy first and renamed after it: a kill in between is
        # finished at the next start (leftovers.clean_up), never a false tamper alarm.
        new_key = key if db_encrypted or not plain_backup else None
        conn = raw_connect(tmp, new_key)
        try:
            newest = audit_anchor.head(conn)
        finally:
            conn.close()
        anchor_twin = Path(str(audit_anchor.anchor_path(db_path)) + RESTORE_TMP)
        if newest is not None:
            audit_anchor.write(anchor_twin, newest, new_key)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_path)
    fsync_file(db_path)
    if anchor_twin.exists():
        os.replace(anchor_twin, audit_anchor.anchor_path(db_path))
    elif newest is None:  # a history with no entries: nothing for an old anchor to name
        audit_anchor.anchor_path(db_path).unlink(missing_ok=True)
    return safety


def _keep_current_state(db_path: Path, key: str | None) -> Path | None:
    """A verified backup of the database about to be replaced; a file that cannot be opened
    is copied aside byte for byte, named for what is known about it."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        current, _ = open_database(db_path, key, migrate=False)
    except errors.StorageError as exc:
        # a plain file SQLite cannot read is damaged; an encrypted one may only be another
        # key's, and one from a newer version is whole: neither is called damaged
        if isinstance(exc, errors.SchemaTooNew):
            suffix = ".db"
        elif key is None or isinstance(exc, errors.DatabaseCorrupt):
            suffix = ".uszkodzona"
        else:
            suffix = ".nieotwarta"
        aside = backup_dir(db_path) / backup_name(db_path, "przed-przywroceniem")
        aside = aside.with_suffix(suffix)
        aside.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(db_path, aside)
        fsync_file(aside)
        return aside
    try:
        return make_backup(current, db_path, "przed-przywroceniem", key)
    finally:
        current.conn.close()
