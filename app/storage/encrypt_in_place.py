"""Encrypting a plain database and its backups in place, so that a kill at any moment is
finished or rolled back at the next start and never leaves plaintext beside ciphertext.

Everything encrypted is first written under a temporary name (``….szyfrowanie``) and
verified, the new key file too (``<db>.klucz.nowy``). A journal beside the database
(``<db>.szyfrowanie.json``) then moves from *prepare* to *commit*: before that point an
interrupted run is rolled back (temporary files deleted, the plain database untouched);
after it, the run is finished by renames alone, which need no password. The journal stays,
as *key-not-shown*, until the KIPUS has seen the recovery key."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import sqlcipher3

from app.core import errors
from app.storage import audit_anchor
from app.storage.backups import backup_name, list_backups, record_counts, verify_backup
from app.storage.connection import translate_error
from app.storage.encryption import (
    WrongPassword,
    check_password_strength,
    export_encrypted,
    has_plain_header,
    key_file,
    new_data_key,
    recovery_code,
    write_key_file,
)
from app.storage.paths import backup_dir
from app.storage.private_files import fsync_folder, write_private_text

TMP = ".szyfrowanie"
PREPARE, COMMIT, KEY_NOT_SHOWN, NEW = "prepare", "commit", "key-not-shown", "new"
STAGES = (PREPARE, COMMIT, KEY_NOT_SHOWN, NEW)


def journal_path(db_path: Path) -> Path:
    return Path(str(db_path) + TMP + ".json")


def _new_key_file(db_path: Path) -> Path:
    return Path(str(key_file(db_path)) + ".nowy")


def _twin(path: Path) -> Path:
    return path.with_name(path.name + TMP)


def read_journal(db_path: Path) -> dict:
    """The journal, checked: a known stage, and backups only inside this database's own
    backup folder (a crafted journal must not make the program rename or delete anything
    else). A journal that is present but unreadable is rebuilt from what is on disk."""
    path = journal_path(db_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or data.get("stage") not in STAGES:
        return _journal_from_disk(db_path)
    listed = data.get("backups", [])
    data["backups"] = [str(p) for p in _own_backups(db_path, listed)]
    return data


def _own_backups(db_path: Path, listed) -> list[Path]:
    if not isinstance(listed, list):
        return []
    folder = backup_dir(db_path).resolve()
    own = []
    for name in listed:
        if not isinstance(name, str):
            continue
        candidate = Path(name)
        if (candidate.parent.resolve() == folder and candidate.name.endswith(".db")
                and candidate.name.startswith(db_path.stem + "-")):
            own.append(candidate)
    return own


def _journal_from_disk(db_path: Path) -> dict:
    """A damaged journal: the database's header tells which side of the commit it was."""
    folder = backup_dir(db_path)
    twins = [p for p in folder.glob("*.db" + TMP)] if folder.is_dir() else []
    backups = [str(p.with_name(p.name[: -len(TMP)])) for p in twins]
    committed = not has_plain_header(db_path) and (
        _new_key_file(db_path).exists() or key_file(db_path).exists())
    return {"stage": COMMIT if committed else PREPARE, "backups": backups}


def _write_journal(db_path: Path, journal: dict) -> None:
    write_private_text(journal_path(db_path), json.dumps(journal))
    fsync_folder(db_path.parent)


def encrypt_database(db_path: Path, password: str) -> str:
    """Encrypt a plain database and the plain backups beside it; returns the recovery code,
    to be shown once (recovery_key_shown() afterwards). No connection may be open on it."""
    if problem := check_password_strength(password):
        raise WrongPassword(problem)
    db_path = Path(db_path)
    finish_interrupted(db_path)
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    # a plain backup SQLite cannot read cannot be encrypted either: it stays as it is (the
    # KIPUS is told: unreadable_plain_backups_warning) rather than keeping the whole
    # database unencrypted
    plain = [b.path for b in list_backups(folder)
             if has_plain_header(b.path) and verify_backup(b.path).ok]
    _check_space(db_path, plain)
    safety = folder / backup_name(db_path, "przed-szyfrowaniem")
    journal = {"stage": PREPARE, "backups": [str(p) for p in [*plain, safety]]}
    _write_journal(db_path, journal)
    key = new_data_key()
    try:
        write_key_file(db_path, password, key, target=_new_key_file(db_path))
        counts = _counts(db_path)
        _export_verified(db_path, _twin(safety), key, counts)  # the safety copy first
        for old in plain:
            _export_verified(old, _twin(old), key, _counts(old))
        _export_verified(db_path, _twin(db_path), key, counts)
        for path in [db_path, *plain, safety]:
            _reseal_anchor(path, db_path, key, twin=True)
    except BaseException:
        _roll_back(db_path, journal)
        raise
    journal["stage"] = COMMIT
    _write_journal(db_path, journal)
    _roll_forward(db_path, journal)
    return recovery_code(key)


def create_new(db_path: Path, password: str) -> tuple[str, str]:
    """Key material for a new, empty database: (data key, recovery code). The journal says
    the key was not yet shown, so a kill before the KIPUS saw it shows it again."""
    if problem := check_password_strength(password):
        raise WrongPassword(problem)
    key = new_data_key()
    _write_journal(Path(db_path), {"stage": NEW})
    write_key_file(Path(db_path), password, key)
    return key, recovery_code(key)


def finish_interrupted(db_path: Path) -> str | None:
    """Finish or roll back an encryption a kill interrupted, and delete its leftovers.
    Needs no password. Returns what was done, in Polish, or None when nothing was pending.
    Call it while holding the instance lock, before the database is opened."""
    db_path = Path(db_path)
    journal = read_journal(db_path)
    stage = journal.get("stage")
    if stage == COMMIT and has_plain_header(db_path) and not _twin(db_path).exists():
        stage = PREPARE  # nothing encrypted is waiting: not a real commit, undo it
    if stage == PREPARE:
        _roll_back(db_path, journal)
        return ("Poprzednie szyfrowanie bazy zostało przerwane przed końcem; baza pozostała "
                "niezaszyfrowana i nietknięta, pliki tymczasowe usunięto.")
    if stage == COMMIT:
        _roll_forward(db_path, journal)
        return "Dokończono przerwane szyfrowanie bazy danych i jej kopii zapasowych."
    if not journal and _leftovers(db_path):
        for path in _leftovers(db_path):  # from a version of the program without a journal
            path.unlink(missing_ok=True)
        return "Usunięto pliki tymczasowe przerwanego szyfrowania."
    return None


def recovery_key_pending(db_path: Path) -> bool:
    """True when the recovery key of this database was never confirmed as seen."""
    return read_journal(Path(db_path)).get("stage") in (KEY_NOT_SHOWN, NEW)


def is_new_database(db_path: Path) -> bool:
    """True while a database created by create_new() has not been confirmed yet."""
    return read_journal(Path(db_path)).get("stage") == NEW


def recovery_key_shown(db_path: Path) -> None:
    journal_path(Path(db_path)).unlink(missing_ok=True)


def seal_plain_backups(db_path: Path, key: str) -> int:
    """Encrypt any plain backup left beside an encrypted database (an older program version
    left some after a crash); returns how many were sealed."""
    sealed = 0
    for backup in list_backups(backup_dir(Path(db_path))):
        if not has_plain_header(backup.path) or not verify_backup(backup.path).ok:
            continue
        twin = _twin(backup.path)
        _export_verified(backup.path, twin, key, _counts(backup.path))
        os.replace(twin, backup.path)
        _reseal_anchor(backup.path, db_path, key, twin=False)
        sealed += 1
    return sealed


def unreadable_plain_backups_warning(db_path: Path) -> str | None:
    """Plain backups that could not be encrypted because SQLite cannot read them: the KIPUS
    must hear of them, they hold personal data in the clear."""
    left = [b.path.name for b in list_backups(backup_dir(Path(db_path)))
            if has_plain_header(b.path)]
    if not left:
        return None
    return ("Tych kopii zapasowych nie da się odczytać, więc nie zostały zaszyfrowane i "
            f"leżą w folderze {backup_dir(Path(db_path))} niezaszyfrowane: {', '.join(left)}. "
            "Jeśli nie są potrzebne, usuń je; jeśli są, przekaż je informatykowi.")


def _reseal_anchor(path: Path, db_path: Path, key: str, twin: bool) -> None:
    """The audit anchor of a file now under ``key`` gets its MAC under that key; the safety
    copy, which has none yet, gets the head of the database it was made from."""
    anchor, _ = audit_anchor.read(audit_anchor.anchor_path(path), None)
    if anchor is None and path.name.endswith("przed-szyfrowaniem.db"):
        anchor, _ = audit_anchor.read(audit_anchor.anchor_path(db_path), None)
    if anchor is not None:
        target = audit_anchor.anchor_path(path)
        audit_anchor.write(_twin(target) if twin else target, anchor, key)


def _roll_back(db_path: Path, journal: dict) -> None:
    new_key = _new_key_file(db_path)
    for path in [new_key, new_key.with_name(new_key.name + ".tmp"), *_leftovers(db_path),
                 *(_twin(Path(p)) for p in journal.get("backups", []))]:
        path.unlink(missing_ok=True)
    journal_path(db_path).unlink(missing_ok=True)


def _roll_forward(db_path: Path, journal: dict) -> None:
    """Only renames of verified files: safe to repeat after a kill at any point."""
    new_key = _new_key_file(db_path)
    if new_key.exists():
        os.replace(new_key, key_file(db_path))
    twin = _twin(db_path)
    if twin.exists():
        for suffix in ("-wal", "-shm"):  # of the plain file: the export already holds them
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(twin, db_path)
    for name in journal.get("backups", []):
        backup = Path(name)
        if _twin(backup).exists():
            os.replace(_twin(backup), backup)
    for path in [db_path, *(Path(name) for name in journal.get("backups", []))]:
        anchor = audit_anchor.anchor_path(path)
        if _twin(anchor).exists():
            os.replace(_twin(anchor), anchor)
    for path in _leftovers(db_path):
        path.unlink(missing_ok=True)
    fsync_folder(db_path.parent)
    journal["stage"] = KEY_NOT_SHOWN
    journal.pop("backups", None)
    _write_journal(db_path, journal)


def _leftovers(db_path: Path) -> list[Path]:
    """Temporary files of an encryption run (and SQLite's journals of them)."""
    found = list(db_path.parent.glob(db_path.name + TMP + "*"))
    found += db_path.parent.glob(db_path.name + audit_anchor.SUFFIX + TMP + "*")
    folder = backup_dir(db_path)
    if folder.is_dir():
        found += folder.glob("*.db" + TMP + "*")
        found += folder.glob("*.db" + audit_anchor.SUFFIX + TMP + "*")
    return [p for p in found if p != journal_path(db_path)]


def _check_space(db_path: Path, plain: list[Path]) -> None:
    needed = sum(p.stat().st_size for p in [db_path, db_path, *plain]) * 1.1 + 5_000_000
    wal = Path(str(db_path) + "-wal")
    if wal.exists():
        needed += 2 * wal.stat().st_size
    free = shutil.disk_usage(db_path.parent).free
    if free < needed:
        raise errors.DiskFull(
            f"Za mało miejsca na dysku, by zaszyfrować bazę i jej kopie (potrzeba około "
            f"{needed / 1e6:.0f} MB, wolne {free / 1e6:.0f} MB). Zwolnij miejsce i spróbuj "
            "ponownie; baza pozostała bez zmian.")


def _counts(path: Path) -> dict[str, int]:
    conn = sqlcipher3.connect(str(path))
    try:
        return record_counts(conn)
    finally:
        conn.close()


def _export_verified(plain: Path, target: Path, key: str, expected: dict[str, int]) -> None:
    try:
        export_encrypted(plain, target, key)
    except sqlcipher3.dbapi2.Error as exc:
        target.unlink(missing_ok=True)
        raise translate_error(exc, target) from exc
    result = verify_backup(target, key, expected)
    conn = sqlcipher3.connect(str(plain))
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
    if result.ok and result.schema_version != version:
        result = type(result)(False, f"wersja schematu {result.schema_version} zamiast {version}")
    if not result.ok:
        target.unlink(missing_ok=True)
        raise errors.StorageError(f"Szyfrowanie przerwane, baza bez zmian: {result.message}")
    with open(target, "rb") as fh:
        os.fsync(fh.fileno())
