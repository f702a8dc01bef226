"""A writer to be killed and a checker for what survives: the kill -9 drill used by the test
suite and by benchmarks/crash.py. The writer adds residents through the normal store, one
transaction each, and prints every id only after its commit returned."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app import audit
from app import residents_store as store
from app.db import connect
from app.demo import pesel_for
from app.residents import HouseholdMember, Resident

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
        [sys.executable, "-c", "import sys; from app.crash_drill import write_forever;"
         f"write_forever({str(db_path)!r}, {start})"],
        stdout=subprocess.PIPE, text=True)
    time.sleep(kill_after)
    proc.kill()
    out, _ = proc.communicate()
    acknowledged = out.split()
    return DrillResult(len(acknowledged), check(db_path, acknowledged))
