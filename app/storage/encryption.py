"""Encryption at rest. The database is encrypted with a random 256-bit data key (SQLCipher raw
key). The *recovery key* printed for the office safe is that data key itself, so it opens the
database even if everything else is lost. The *password* unlocks a small key file beside the
database (``<db>.klucz``, itself a SQLCipher file keyed with the password) that holds the data
key; changing the password rewrites only that file, so every backup stays readable with the
current password or the recovery key."""

from __future__ import annotations

import base64
import os
import re
import secrets
from pathlib import Path

import sqlcipher3

from app.core import errors
from app.storage.private_files import make_private

KEY_SUFFIX = ".klucz"
SQLITE_HEADER = b"SQLite format 3\x00"
MIN_PASSWORD = 8
_RAW_KEY = re.compile(r"^x'[0-9a-f]{64}'$")


class WrongPassword(errors.KoordynatorError):
    pass


class NotAGuess(WrongPassword):
    """Refused before any password was tried: it does not slow the next try."""


class MissingKeyFile(NotAGuess):
    """No usable key file to try a password on."""


def key_file(db_path: Path | str) -> Path:
    return Path(str(db_path) + KEY_SUFFIX)


def is_raw_key(key: str) -> bool:
    return bool(_RAW_KEY.match(key))


def has_plain_header(db_path: Path | str) -> bool:
    path = Path(db_path)
    if not path.exists() or path.stat().st_size == 0:
        return False
    with open(path, "rb") as fh:
        return fh.read(16) == SQLITE_HEADER


def is_encrypted(db_path: Path | str) -> bool:
    """True when the database has a key file and is not a plain SQLite file. (A file that is
    neither plain nor has a key file is damaged, or its key file was lost: the recovery key
    from the safe opens it.)"""
    return key_file(db_path).exists() and not has_plain_header(db_path)


def new_data_key() -> str:
    return "x'" + secrets.token_hex(32) + "'"


def recovery_code(key: str) -> str:
    """The data key as 13 groups of 4 letters and digits, easy to copy by hand."""
    raw = bytes.fromhex(key[2:-1])
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def key_from_recovery_code(code: str) -> str:
    cleaned = re.sub(r"[\s-]", "", code.upper()).replace("0", "O").replace("1", "I")
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError as exc:
        raise WrongPassword("Klucz odzyskiwania ma błąd – sprawdź, czy przepisano go "
                            "dokładnie (13 grup po 4 znaki).") from exc
    if len(raw) != 32:
        raise WrongPassword("Klucz odzyskiwania ma złą długość – powinien mieć 13 grup po "
                            "4 znaki.")
    return "x'" + raw.hex() + "'"


def check_password_strength(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"Hasło musi mieć co najmniej {MIN_PASSWORD} znaków."
    if password.strip() != password:
        return "Hasło nie może zaczynać się ani kończyć spacją."
    if password.isdigit() or password.isalpha() and password.lower() == password:
        return "Dodaj do hasła cyfrę, wielką literę lub znak specjalny."
    return None


def apply_key(conn, secret: str) -> None:
    """PRAGMA key for a raw data key (no key derivation: opens at once) or a password."""
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported to the user
    if is_raw_key(secret):
        conn.execute(f'PRAGMA key = "{secret}"')
    else:  # PRAGMA takes no bound parameters: quote as an SQL string literal
        conn.execute("PRAGMA key = '" + secret.replace("'", "''") + "'")


def _keyed(path: Path, secret: str):
    conn = sqlcipher3.connect(str(path))
    apply_key(conn, secret)
    return conn


def write_key_file(db_path: Path, password: str, key: str, target: Path | None = None) -> Path:
    """(Re)write the password-protected key file (or ``target``), atomically."""
    target = target or key_file(db_path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    conn = _keyed(tmp, password)
    try:
        conn.execute("CREATE TABLE data_key (value TEXT NOT NULL)")
        conn.execute("INSERT INTO data_key VALUES (?)", [key])
        conn.commit()
    finally:
        conn.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    make_private(tmp)
    os.replace(tmp, target)
    return target


class UnusablePassword(NotAGuess):
    """Empty, or with characters no keyboard types: refused before any key file is tried."""


KEY_FILE_MIN_SIZE = 1024  # a SQLCipher file is at least one page


def check_password_usable(password: str) -> None:
    if not password:
        raise UnusablePassword("Podaj hasło.")
    try:
        password.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UnusablePassword("Hasło zawiera znaki, których nie da się odczytać.") from exc
    if "\x00" in password:
        raise UnusablePassword("Hasło zawiera niedozwolone znaki.")


def _readable_header(path: Path) -> bool:
    """An encrypted key file starts with random bytes; one that starts like a plain database
    or a PDF was overwritten and no password can open it."""
    with open(path, "rb") as fh:
        head = fh.read(16)
    return head == SQLITE_HEADER or head.startswith(b"%PDF")


def unlock(db_path: Path, password: str, extra_key_files: tuple[Path, ...] = ()) -> str:
    """The data key, from the key file beside ``db_path`` (or another one given)."""
    check_password_usable(password)
    candidates = [key_file(db_path), *extra_key_files]
    existing = [c for c in candidates if c.exists()]
    if not existing:
        raise MissingKeyFile("Brak pliku klucza obok bazy danych "
                             f"({key_file(db_path).name}). Użyj klucza odzyskiwania z sejfu.")
    usable = [c for c in existing if c.is_file() and c.stat().st_size >= KEY_FILE_MIN_SIZE
              and not _readable_header(c)]
    if not usable:
        raise MissingKeyFile(f"Plik klucza {existing[0].name} jest uszkodzony (pusty albo nie "
                             "jest plikiem klucza), więc hasło nie może zadziałać. Użyj "
                             "klucza odzyskiwania z sejfu: ustawi nowe hasło.")
    for candidate in usable:
        try:
            conn = _keyed(candidate, password)
        except sqlcipher3.dbapi2.Error:
            continue
        try:
            row = conn.execute("SELECT value FROM data_key").fetchone()
        except sqlcipher3.dbapi2.Error:
            continue
        finally:
            conn.close()
        if row and is_raw_key(row[0]):
            return row[0]
    raise WrongPassword("Nieprawidłowe hasło.")


def key_opens(db_path: Path, key: str) -> bool:
    conn = _keyed(Path(db_path), key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.dbapi2.DatabaseError:
        return False
    finally:
        conn.close()


def export_encrypted(plain_path: Path, target: Path, key: str) -> None:
    """Write an encrypted copy of a plain database (SQLCipher's sqlcipher_export)."""
    target.unlink(missing_ok=True)
    conn = sqlcipher3.connect(str(plain_path))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", [str(target), key])
        conn.execute("SELECT sqlcipher_export('encrypted')")
        # sqlcipher_export copies tables, not the header: carry the schema version over
        version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
        conn.execute(f"PRAGMA encrypted.user_version = {version}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()


def change_password(db_path: Path, old: str, new: str) -> None:
    key = unlock(db_path, old)
    if problem := check_password_strength(new):
        raise WrongPassword(problem)
    write_key_file(db_path, new, key)


def reset_password(db_path: Path, code: str, new: str) -> str:
    """Set a new password with the recovery key from the safe; returns the data key."""
    key = key_from_recovery_code(code)
    if not key_opens(db_path, key):
        raise WrongPassword("Ten klucz odzyskiwania nie pasuje do tej bazy danych.")
    if problem := check_password_strength(new):
        raise WrongPassword(problem)
    write_key_file(db_path, new, key)
    return key
