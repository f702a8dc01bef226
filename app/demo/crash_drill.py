"""A writer to be killed and a checker for what survives: the kill -9 drill used by the test
suite and by benchmarks/crash.py. The writer adds residents through the normal store, one
transaction each, and prints every id only after its commit returned."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.audit import trail as audit
from app.demo.generate import pesel_for
from app.people import residents_store as store
from app.people.residents import HouseholdMember, Resident
from app.storage.connection import read_only_connection
from app.storage.opening import connect

MEMBERS_EACH = 2


def write_forever(db_path: Path | str, start: int) -> None:
    db = connect(Path(db_path))
    n = start
    while True:
        born = date(1940 + n % 60, 1 + n % 12, 1 + n % 28)
        saved = store.add(db, Resident(
            surname="Próbny", first_name="Łukasz", pesel=pesel_for(born, False, n % 5000),
            city="Żabno", household=[HouseholdMember("Próbna", "Ewa", "współmałżonek"),
                                     HouseholdMember("Próbny", "Jan", "dziecko")]))
        print(saved.id, flush=True)
        n += 1


@dataclass
class DrillResult:
    acknowledged: int
    problems: list[str]


def check(db_path: Path, acknowledged: list[str]) -> list[str]:
    """Everything acknowledged is there, nothing half-applied, integrity and keys clean."""
    db = connect(db_path)
    try:
        problems = []
        if (r := db.execute("PRAGMA integrity_check").fetchone()[0]) != "ok":
            problems.append(f"integrity_check: {r}")
        if db.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check found orphans")
        ids = {r[0] for r in db.execute("SELECT id FROM residents")}
        missing = [i for i in acknowledged if i not in ids]
        if missing:
            problems.append(f"{len(missing)} acknowledged residents missing")
        partial = db.execute(
            "SELECT r.id FROM residents r WHERE"
            " (SELECT count(*) FROM household_members m WHERE m.resident_id = r.id) != ?"
            " OR (SELECT count(*) FROM audit_log a WHERE a.record_id = r.id) != 1"
            " OR NOT EXISTS (SELECT 1 FROM residents_fts f WHERE f.rowid = r.rowid)",
            [MEMBERS_EACH]).fetchall()
        if partial:
            problems.append(f"{len(partial)} residents half-written")
        problems += audit.verify_chain(db)
        return problems
    finally:
        db.conn.close()


def run_once(db_path: Path, start: int, kill_after: float) -> DrillResult:
    """Start a writer, kill -9 it after ``kill_after`` seconds, and check the file."""
    import time

    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from app.demo.crash_drill import write_forever;"
         f"write_forever({str(db_path)!r}, {start})"],
        stdout=subprocess.PIPE, text=True)
    time.sleep(kill_after)
    proc.kill()
    out, _ = proc.communicate()
    acknowledged = out.split()
    return DrillResult(len(acknowledged), check(db_path, acknowledged))


# --- killing the other long steps: encryption, backup, restore -----------------------------

DRILL_PASSWORD = "Próba-Hasła-2026"


@dataclass
class StepRound:
    outcome: str  # 'before' (the step had not begun), 'rolled-back', 'finished'
    problems: list[str]
    plaintext_left: int = 0


def kill_step(code: str, kill_after: float, stdin: str = "", prelude: str = ""
              ) -> tuple[bool, str, float]:
    """Run ``prelude`` (imports) and then ``code`` in a child; kill -9 it ``kill_after``
    seconds after the step began. (killed before it finished, what it printed, seconds the
    step ran)."""
    import time

    proc = subprocess.Popen([sys.executable, "-c",
                             f"{prelude}\nprint('start', flush=True)\n{code}"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdin is not None and proc.stdout is not None  # both were asked for (PIPE)
    proc.stdin.write(stdin)
    proc.stdin.close()
    proc.stdout.readline()
    began = time.perf_counter()
    try:
        proc.wait(timeout=kill_after)
        killed = False
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        killed = True
    return killed, proc.stdout.read(), time.perf_counter() - began


SET_PASSWORD_PRELUDE = "import sys; from app.cli.admin import main"


def set_password_code(db_path: Path) -> str:
    return f"sys.exit(main(['set-password', '--db', {str(db_path)!r}, '--password-stdin']))"


def _files_with_plain_header(folder: Path) -> list[Path]:
    from app.storage.encryption import has_plain_header

    return [p for p in folder.rglob("*") if p.is_file() and has_plain_header(p)]


def encryption_round(plain_db: Path, counts: dict[str, dict[str, int]],
                     kill_after: float) -> StepRound:
    """Kill `koordynator-admin set-password` on a plain database with plain backups, start
    again (clean_up), and check: rolled back to all-plain, or finished to all-encrypted with
    the same records everywhere, nothing temporary left. ``counts`` maps each file's name to
    its record counts before the round."""
    from app.storage import encrypt_in_place, encryption
    from app.storage.backups import list_backups, record_counts
    from app.storage.leftovers import clean_up
    from app.storage.paths import backup_dir

    killed, printed, _ = kill_step(set_password_code(plain_db), kill_after,
                                   DRILL_PASSWORD + "\n", SET_PASSWORD_PRELUDE)
    clean_up(plain_db)
    folder = backup_dir(plain_db)
    problems = []
    files = [plain_db, *(b.path for b in list_backups(folder))]
    leftovers = [p for p in [*plain_db.parent.iterdir(), *folder.iterdir()]
                 if ".szyfrowanie" in p.name and p != encrypt_in_place.journal_path(plain_db)
                 or p.name.endswith((".tmp", ".nowy"))]
    if leftovers:
        problems.append(f"leftovers: {[p.name for p in leftovers]}")
    key = None
    if encryption.is_encrypted(plain_db):
        outcome = "finished" if killed else "completed"
        try:
            key = encryption.unlock(plain_db, DRILL_PASSWORD)
        except encryption.WrongPassword:
            problems.append("the password does not open the encrypted database")
        plaintext = _files_with_plain_header(plain_db.parent)
        shown = key is not None and encryption.recovery_code(key) in printed
        if not encrypt_in_place.recovery_key_pending(plain_db) and not shown:
            problems.append("the recovery key would never be shown")
    else:
        outcome = "rolled-back"
        plaintext = []
        if encryption.key_file(plain_db).exists():
            problems.append("a key file beside a plain database")
        if encrypt_in_place.journal_path(plain_db).exists():
            problems.append("journal left after roll-back")
    for path in files:
        if path.name not in counts:
            if not path.name.endswith("przed-szyfrowaniem.db"):
                problems.append(f"unexpected file {path.name}")
            continue
        try:
            conn = read_only_connection(path, key)
            try:
                if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    problems.append(f"{path.name}: integrity")
                if record_counts(conn) != counts[path.name]:
                    problems.append(f"{path.name}: records differ")
            finally:
                conn.close()
        except Exception as exc:  # noqa: BLE001 - any failure to read is a finding
            problems.append(f"{path.name}: {exc}")
    return StepRound(outcome, problems, len(plaintext))


def _integrity_and_counts(path: Path, key: str | None = None) -> tuple[str, dict[str, int]]:
    from app.storage.backups import record_counts

    conn = read_only_connection(path, key)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0]), record_counts(conn)
    finally:
        conn.close()


BACKUP_CODE = "make_backup(db, p, 'auto')"
RESTORE_PRELUDE = "from pathlib import Path; from app.storage.restoring import restore"


def backup_prelude(db_path: Path) -> str:
    return ("from pathlib import Path; from app.storage.opening import connect; "
            "from app.storage.backups import make_backup;"
            f" p = Path({str(db_path)!r}); db = connect(p)")


def restore_code(db_path: Path, backup: Path) -> str:
    return f"restore(Path({str(db_path)!r}), Path({str(backup)!r}))"


def backup_round(db_path: Path, counts: dict[str, int], kill_after: float) -> StepRound:
    """Kill an automatic backup; at the next start the database is as it was, every file
    under a backup's name verifies, and no half-written copy is left."""
    from app.storage.backups import list_backups, verify_backup
    from app.storage.leftovers import clean_up
    from app.storage.paths import backup_dir

    killed, _, _ = kill_step(BACKUP_CODE, kill_after, prelude=backup_prelude(db_path))
    clean_up(db_path)
    problems = []
    integrity, now = _integrity_and_counts(db_path)
    if integrity != "ok" or now != counts:
        problems.append(f"database: {integrity}, records {'same' if now == counts else 'differ'}")
    folder = backup_dir(db_path)
    for b in list_backups(folder):
        if not (result := verify_backup(b.path)).ok:
            problems.append(f"{b.path.name}: {result.message}")
    stray = [p.name for p in folder.iterdir() if not p.name.endswith((".db", ".kotwica"))]
    if stray:
        problems.append(f"leftovers: {stray}")
    return StepRound("finished" if not killed else "killed", problems)


def restore_round(db_path: Path, backup: Path, current: dict[str, int],
                  restored: dict[str, int], kill_after: float) -> StepRound:
    """Kill a restore; at the next start the database is whole and is either the state
    before the restore or the backup's, never a mixture, and nothing temporary is left."""
    from app.storage.backups import list_backups, verify_backup
    from app.storage.leftovers import clean_up
    from app.storage.paths import backup_dir

    killed, _, _ = kill_step(restore_code(db_path, backup), kill_after, prelude=RESTORE_PRELUDE)
    clean_up(db_path)
    problems = []
    integrity, now = _integrity_and_counts(db_path)
    if integrity != "ok":
        problems.append(f"database: {integrity}")
    if now not in (current, restored):
        problems.append("database is neither the old state nor the backup")
    outcome = "finished" if now == restored else "rolled-back"
    for b in list_backups(backup_dir(db_path)):
        if not (result := verify_backup(b.path)).ok:
            problems.append(f"{b.path.name}: {result.message}")
    if Path(str(db_path) + ".przywracanie").exists():
        problems.append("restore temporary left")
    return StepRound(outcome if killed else "completed", problems)
