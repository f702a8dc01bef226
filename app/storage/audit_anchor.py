"""The audit chain's head, kept outside the audit table so that cutting entries off the end,
deleting all of them, or editing one and recomputing the hashes after it is noticed.

After every transaction that added entries, the newest entry's sequence number and hash are
written to ``<db>.kotwica`` (with an HMAC under the data key when the database is
encrypted); every backup carries the head it was taken at in ``<backup>.kotwica``. The
anchor advances only while the entry it names is still unchanged, so a history rewritten
between two saves is not adopted by the next one. What this cannot prove is in the README.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.storage.private_files import write_private_text

SUFFIX = ".kotwica"
TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str


def anchor_path(db_path: Path | str) -> Path:
    return Path(str(db_path) + SUFFIX)


def head(conn) -> Anchor | None:
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return Anchor(int(row[0]), str(row[1])) if row else None


def _mac(anchor: Anchor, key: str | None) -> str:
    secret = (key or "").encode("ascii")
    return hmac.new(secret, f"{anchor.seq}:{anchor.hash}".encode("ascii"),
                    hashlib.sha256).hexdigest()


def write(path: Path, anchor: Anchor, key: str | None) -> None:
    write_private_text(path, json.dumps({"seq": anchor.seq, "hash": anchor.hash,
                                         "mac": _mac(anchor, key)}))


def read(path: Path, key: str | None) -> tuple[Anchor | None, str | None]:
    """(anchor, problem): no file gives (None, None); a file that fails its MAC or cannot be
    read gives a Polish problem."""
    if not path.exists():
        return None, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        anchor = Anchor(int(data["seq"]), str(data["hash"]))
        mac = str(data["mac"])
    except (OSError, ValueError, KeyError, TypeError):
        return None, f"Plik kotwicy dziennika {path.name} jest nieczytelny."
    if not hmac.compare_digest(mac, _mac(anchor, key)):
        return None, f"Plik kotwicy dziennika {path.name} został zmieniony poza programem."
    return anchor, None


def advance(conn, db_path: Path | str, key: str | None) -> None:
    """After a commit: move the anchor to the newest entry, unless the entry it names now
    differs (then it stays, and verification keeps reporting the rewrite)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_log'").fetchone() is None:
        return  # a migration building the schema
    path = anchor_path(db_path)
    newest = head(conn)
    if newest is None:
        return
    current, problem = read(path, key)
    if current == newest or problem:
        return
    if current is not None:
        row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", [current.seq]).fetchone()
        if row is None or row[0] != current.hash:
            return
    with contextlib.suppress(OSError):  # a read-only folder: verification will say so
        write(path, newest, key)


def record_backup(conn, backup: Path, key: str | None) -> None:
    """The head a backup was taken at, beside it."""
    newest = head(conn)
    if newest is not None:
        write(anchor_path(backup), newest, key)


def problems(conn, db_path: Path | str, key: str | None,
             backup_anchors: Sequence[tuple[Path, Anchor]] = ()) -> list[str]:
    """What the triggers and the anchors (the live one and ``backup_anchors``, those of the
    backups taken since the last restore) say about the chain in ``conn``."""
    found = missing_triggers(conn)
    path = Path(db_path)
    anchor, problem = read(anchor_path(path), key)
    if problem:
        found.append(problem)
    elif anchor is None:
        if head(conn) is not None:
            found.append("Brak pliku kotwicy dziennika obok bazy: nie da się sprawdzić, czy "
                         "nie usunięto ostatnich wpisów.")
    else:
        found += _against(conn, anchor, "kotwica bazy")
        newest = head(conn)
        if newest is not None and newest.seq > anchor.seq:
            extra = conn.execute("SELECT count(*) FROM audit_log WHERE seq > ?",
                                 [anchor.seq]).fetchone()[0]
            found.append(f"Za ostatnim zakotwiczonym wpisem ({anchor.seq}) jest jeszcze "
                         f"{extra} wpisów: dopisano je z pominięciem programu albo program "
                         "przerwano w chwili zapisu.")
    for backup, backup_anchor in backup_anchors:
        found += _against(conn, backup_anchor, f"kopia {backup.name}")
    return found


def missing_triggers(conn) -> list[str]:
    present = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")}
    return [f"Brak zabezpieczenia dziennika ({name}): ktoś usunął wyzwalacz, który nie "
            "pozwala zmieniać ani usuwać wpisów." for name in TRIGGERS if name not in present]


def _against(conn, anchor: Anchor, where: str) -> list[str]:
    row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", [anchor.seq]).fetchone()
    if row is None:
        newest = head(conn)
        if newest is None or newest.seq < anchor.seq:
            return [f"Usunięto ostatnie wpisy dziennika: {where} pamięta wpis {anchor.seq}, "
                    f"a dziennik kończy się na {newest.seq if newest else 0}."]
        return [f"Brakuje wpisu {anchor.seq}, który pamięta {where}."]
    if row[0] != anchor.hash:
        return [f"Wpisy do {anchor.seq} zostały zmienione i ich skróty przeliczone na nowo "
                f"({where} pamięta inny skrót)."]
    return []
