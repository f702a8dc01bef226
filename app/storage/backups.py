"""Backups that restore: written under a temporary name, verified, then renamed; thinned by
age; restored only after a safety copy of the current state.

A backup is a complete database file (encrypted with the same key when the database is),
named ``<stem>-RRRRMMDD-GGMMSS-<kind>.db`` in the backup folder beside the database.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from app.core import errors
from app.storage import audit_anchor, migrations
from app.storage.connection import raw_connect, storage_errors
from app.storage.encryption import key_file
from app.storage.paths import backup_dir
from app.storage.private_files import fsync_file

COUNTED_TABLES = ("residents", "household_members", "applications", "cases", "card_entries",
                  "needs", "plans", "plan_versions", "plan_items", "consents", "documents",
                  "partners", "services", "audit_log")
KINDS = {
    "auto": "automatyczna",
    "reczna": "ręczna",
    "przed-migracja": "przed aktualizacją programu",
    "przed-przywroceniem": "przed przywróceniem",
    "przed-importem": "przed importem",
    "przed-szyfrowaniem": "przed zaszyfrowaniem",
}
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
AUTO_INTERVAL = timedelta(minutes=30)  # while the program is open and something changed
# Copies taken before a step that replaces the data are the way back from it: kept for at
# least this many days (setting safety_backup_days), however many automatic ones follow.
SAFETY_KINDS = {"przed-migracja", "przed-przywroceniem", "przed-importem", "przed-szyfrowaniem"}
SAFETY_DAYS = 30
CLOCK_SLACK = timedelta(minutes=5)
_NAME = re.compile(r"-(\d{8}-\d{6})-([a-z-]+)\.db$")
PAGES_PER_STEP = 512
RESTORE_TMP = ".przywracanie"

Progress = Callable[[int, int], None]  # (pages done, pages total)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    kind: str
    size: int

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Verification:
    ok: bool
    message: str
    schema_version: int = 0
    counts: dict[str, int] | None = None


def record_counts(conn) -> dict[str, int]:
    """Rows per main table; tables a database of an older version lacks are left out."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
            for t in COUNTED_TABLES if t in present}


def _megabytes(size: float) -> str:
    return f"{size / 1e6:.1f} MB".replace(".", ",")


def write_backup(db: Database, target: Path, key: str | None = None,
                 progress: Progress | None = None) -> Path:
    """Copy the live database to ``target``: temp name, verify counts and integrity, rename."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if db.conn.in_transaction:
        db.conn.commit()  # backup() never returns while this connection holds a write txn
    # int(): SQLCipher answers PRAGMA page_size with text on a keyed database
    size = int(db.execute("PRAGMA page_count").fetchone()[0]) * int(
        db.execute("PRAGMA page_size").fetchone()[0])
    if shutil.disk_usage(target.parent).free < size * 1.2 + 1_000_000:
        raise errors.DiskFull(
            f"Za mało miejsca w {target.parent} na kopię zapasową (potrzeba około "
            f"{_megabytes(size * 1.2 + 1_000_000)}). Zwolnij miejsce albo wybierz inny dysk.")
    expected = record_counts(db.conn)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        with storage_errors(tmp):
            dest = raw_connect(tmp, key)
            try:
                db.conn.backup(dest, pages=PAGES_PER_STEP,
                               progress=(lambda _s, rem, tot: progress(tot - rem, tot))
                               if progress else None)
                dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                dest.close()
        result = verify_backup(tmp, key, expected)
        if not result.ok:
            raise errors.StorageError("Kopia zapasowa nie przeszła sprawdzenia: "
                                      f"{result.message}. Poprzednie kopie są nietknięte.")
        fsync_file(tmp)
        os.replace(tmp, target)
        fsync_file(target)
    finally:
        tmp.unlink(missing_ok=True)
    audit_anchor.record_backup(db.conn, target, key)
    return target


def verify_backup(path: Path, key: str | None = None,
                  expected: dict[str, int] | None = None, thorough: bool = False
                  ) -> Verification:
    """Integrity check of a backup file and its record counts against ``expected``.

    quick_check (pages and b-trees) after every backup; ``thorough`` adds the full
    integrity_check (indexes against tables), 8× slower on an encrypted file, for restores.
    """
    path = Path(path)
    if not path.is_file():
        return Verification(False, f"Nie ma pliku {path}")
    try:
        with storage_errors(path):
            conn = raw_connect(path, key)
            try:
                conn.execute("PRAGMA query_only = ON")
                check = "integrity_check" if thorough else "quick_check"
                integrity = str(conn.execute(f"PRAGMA {check}(1)").fetchone()[0])
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                counts = record_counts(conn) if integrity == "ok" else {}
            finally:
                conn.close()
    except errors.StorageError as exc:
        return Verification(False, str(exc).splitlines()[0])
    if integrity != "ok":
        return Verification(False, f"plik jest uszkodzony ({integrity})", version)
    if version > migrations.LATEST:  # restored, it would leave a file this program cannot open
        return Verification(False, "kopię zapisała nowsza wersja Koordynatora (schemat "
                                   f"{version}, ten program zna {migrations.LATEST}); "
                                   "zainstaluj nowszą wersję programu", version, counts)
    if expected is not None and counts != expected:
        diff = ", ".join(f"{t}: {counts.get(t)} zamiast {n}" for t, n in expected.items()
                         if counts.get(t) != n)
        return Verification(False, f"liczba rekordów się nie zgadza ({diff})", version, counts)
    return Verification(True, "Kopia jest w porządku.", version, counts)


def backup_name(db_path: Path, kind: str, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{Path(db_path).stem}-{stamp}-{kind}.db"


def make_backup(db: Database, db_path: Path, kind: str = "auto", key: str | None = None,
                folder: Path | None = None, progress: Progress | None = None) -> Path:
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    folder = Path(folder) if folder else backup_dir(Path(db_path))
    target = folder / backup_name(db_path, kind)
    n = 1
    while target.exists():  # two backups in the same second
        target = folder / backup_name(db_path, kind, datetime.now() + timedelta(seconds=n))
        n += 1
    write_backup(db, target, key, progress)
    if folder != backup_dir(Path(db_path)):
        copy_key_file(db_path, target)
    return target


def copy_key_file(db_path: Path, target: Path) -> None:
    """A backup taken away (USB stick) carries the password-protected key file with it, so
    the current password opens it on another computer too."""
    source = key_file(db_path)
    if source.exists():
        shutil.copyfile(source, key_file(target))


def age_report(folder: Path, warn_days: int, now: datetime | None = None) -> tuple[str, bool]:
    """What the status bar says about the newest backup in ``folder``, and whether it is a
    warning (none yet, or older than ``warn_days``)."""
    found = list_backups(folder)
    if not found:
        return "Nie ma jeszcze żadnej kopii zapasowej.", True
    last = found[0].made_at
    old = (now or datetime.now()) - last > timedelta(days=warn_days)
    text = f"Ostatnia kopia zapasowa: {last:%d.%m.%Y %H:%M}"
    return (text + " – zrób kopię (Plik → Zrób kopię zapasową)" if old else text), old


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in ``folder``, newest first."""
    found: list[BackupInfo] = []
    if not Path(folder).is_dir():
        return found
    for path in Path(folder).glob("*.db"):
        m = _NAME.search(path.name)
        if not m or not path.is_file():
            continue
        try:
            made = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        found.append(BackupInfo(path, made, m.group(2), path.stat().st_size))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def to_keep(backups: list[BackupInfo], today: date, safety_days: int = SAFETY_DAYS
            ) -> set[Path]:
    """Everything from today and yesterday (and anything dated later: a wrong clock), every
    safety copy of the last ``safety_days``, then the newest of each of the last 12 days,
    10 weeks and 9 months."""
    keep = {b.path for b in backups if b.made_at.date() >= today - timedelta(days=1)}
    keep |= {b.path for b in backups if b.kind in SAFETY_KINDS
             and b.made_at.date() >= today - timedelta(days=max(safety_days, SAFETY_DAYS))}
    older = sorted((b for b in backups if b.made_at.date() < today - timedelta(days=1)),
                   key=lambda b: b.made_at, reverse=True)
    for limit, bucket in ((KEEP_DAILY, lambda d: d),
                          (KEEP_WEEKLY, lambda d: d.isocalendar()[:2]),
                          (KEEP_MONTHLY, lambda d: (d.year, d.month))):
        seen: set = set()
        for b in older:
            key = bucket(b.made_at.date())
            if key not in seen and len(seen) < limit:
                seen.add(key)
                keep.add(b.path)
    return keep


def thin(folder: Path, today: date | None = None, safety_days: int = SAFETY_DAYS
         ) -> list[Path]:
    """Delete backups the policy no longer keeps; returns what was deleted."""
    backups = list_backups(folder)
    keep = to_keep(backups, today or date.today(), safety_days)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            audit_anchor.anchor_path(b.path).unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def newest_good(folder: Path, key: str | None = None) -> BackupInfo | None:
    """The newest backup that verifies; one dated in the future (the clock was wrong when
    it was made) cannot be told to be newest, so it is never offered first."""
    latest = datetime.now() + CLOCK_SLACK
    for b in list_backups(folder):
        if b.made_at <= latest and verify_backup(b.path, key).ok:
            return b
    return None


def anchors_since_last_restore(db_path: Path, key: str | None
                               ) -> tuple[list[tuple[Path, audit_anchor.Anchor]], list[str]]:
    """The audit heads recorded by the backups made after the last restore (a restore
    starts a new line of history, so older copies' heads need not be in it), and what is
    wrong with any of their anchor files. A restore "dated" in the future is no restore:
    a file named so must not hide the newer copies' heads."""
    listed = list_backups(backup_dir(Path(db_path)))
    latest = datetime.now() + CLOCK_SLACK
    restores = [b.made_at for b in listed
                if b.kind == "przed-przywroceniem" and b.made_at <= latest]
    since = max(restores, default=datetime.min)
    found, problems = [], []
    for b in listed:
        if since < b.made_at <= latest and b.kind != "przed-przywroceniem":
            anchor, problem = audit_anchor.read(audit_anchor.anchor_path(b.path), key)
            if anchor is not None:
                found.append((b.path, anchor))
            elif problem:
                problems.append(problem)
    return found, problems
