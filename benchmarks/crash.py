"""The kill -9 drills: writes, backups, restores and encryption, each killed at random
moments. Prints per drill the kills, acknowledged writes, writes lost, integrity errors and
plaintext files left (all of the last three must be 0). A round in which nothing was written
or nothing was interrupted proves nothing: it is counted apart, never as a pass.

Run: python -m benchmarks.crash [--kills 200] [--drill writes|backup|restore|encryption|all]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from app.demo import generate as demo
from app.demo.crash_drill import (
    BACKUP_CODE,
    DRILL_PASSWORD,
    RESTORE_PRELUDE,
    SET_PASSWORD_PRELUDE,
    backup_prelude,
    backup_round,
    encryption_round,
    kill_step,
    restore_code,
    restore_round,
    run_once,
    set_password_code,
)
from app.storage import backups
from app.storage.opening import connect
from app.storage.paths import backup_dir


def _counts(path: Path) -> dict[str, int]:
    conn = connect(path, migrate=False).conn
    try:
        return backups.record_counts(conn)
    finally:
        conn.close()


def _report(name: str, kills: int, acknowledged: int | str, lost: int, integrity: int,
            plaintext: int, idle: int, seconds: float) -> None:
    print(f"{name:<11} kills: {kills:>4}  acknowledged writes: {acknowledged:>6}  "
          f"writes lost: {lost}  integrity errors: {integrity}  plaintext files left: "
          f"{plaintext}  rounds proving nothing: {idle}  ({seconds:.0f} s)")


def drill_writes(kills: int, rng: random.Random, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "zapisy.db"
    connect(path).conn.close()
    acknowledged = lost = integrity = idle = 0
    started = time.perf_counter()
    for n in range(kills):
        # PESELs of the drill repeat after 105,000 writes: keep the rounds' ranges apart
        result = run_once(path, start=n * 500, kill_after=rng.uniform(0.2, 0.7))
        acknowledged += result.acknowledged
        idle += result.acknowledged == 0
        lost += sum(1 for p in result.problems if "missing" in p or "half" in p)
        integrity += sum(1 for p in result.problems if "missing" not in p and "half" not in p)
        for problem in result.problems:
            print(f"  writes, kill {n}: {problem}")
    _report("writes", kills, acknowledged, lost, integrity, 0, idle,
            time.perf_counter() - started)


def _template(folder: Path, residents: int) -> Path:
    folder = folder / "wzor"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "k.db"
    db = connect(path)
    demo.build(db, residents, seed=3)
    backups.make_backup(db, path, "auto")
    db.conn.close()
    return path


def _fresh(template: Path, work: Path) -> Path:
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(template.parent, work)
    return work / template.name


def drill_backup(kills: int, rng: random.Random, folder: Path) -> None:
    path = _template(folder / "kopie", 5000)
    counts = _counts(path)
    _, _, whole = kill_step(BACKUP_CODE, 60, prelude=backup_prelude(path))
    problems = idle = 0
    started = time.perf_counter()
    for n in range(kills):
        result = backup_round(path, counts, rng.uniform(0.0, whole))
        idle += result.outcome != "killed"
        problems += len(result.problems)
        for problem in result.problems:
            print(f"  backup, kill {n}: {problem}")
        for b in backups.list_backups(backup_dir(path))[3:]:
            b.path.unlink()
    _report("backup", kills, "-", 0, problems, 0, idle, time.perf_counter() - started)


def drill_restore(kills: int, rng: random.Random, folder: Path) -> None:
    template = _template(folder / "przywracanie", 3000)
    db = connect(template)
    copy = backups.make_backup(db, template, "reczna", folder=folder / "pendrive")
    demo.build(db, 1000, seed=9)
    db.conn.close()
    restored, current = _counts(copy), _counts(template)
    _, _, whole = kill_step(restore_code(_fresh(template, folder / "pomiar"), copy), 60,
                            prelude=RESTORE_PRELUDE)
    problems = idle = 0
    started = time.perf_counter()
    for n in range(kills):
        work = _fresh(template, folder / "runda")
        result = restore_round(work, copy, current, restored, rng.uniform(0.0, whole))
        idle += result.outcome == "completed"
        problems += len(result.problems)
        for problem in result.problems:
            print(f"  restore, kill {n}: {problem}")
    _report("restore", kills, "-", 0, problems, 0, idle, time.perf_counter() - started)


def drill_encryption(kills: int, rng: random.Random, folder: Path) -> None:
    template = _template(folder / "szyfrowanie", 2000)
    counts = {p.name: _counts(p)
              for p in [template, *(b.path for b in backups.list_backups(backup_dir(template)))]}
    _, _, whole = kill_step(set_password_code(_fresh(template, folder / "pomiar")), 60,
                            DRILL_PASSWORD + "\n", SET_PASSWORD_PRELUDE)
    problems = plaintext = idle = 0
    started = time.perf_counter()
    for n in range(kills):
        work = _fresh(template, folder / "runda")
        result = encryption_round(work, counts, rng.uniform(0.0, whole))
        idle += result.outcome == "completed"
        problems += len(result.problems)
        plaintext += result.plaintext_left
        for problem in result.problems:
            print(f"  encryption, kill {n}: {problem}")
    _report("encryption", kills, "-", 0, problems, plaintext, idle,
            time.perf_counter() - started)


DRILLS = {"writes": drill_writes, "backup": drill_backup, "restore": drill_restore,
          "encryption": drill_encryption}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--drill", choices=[*DRILLS, "all"], default="all")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    rng = random.Random(1)
    for name, drill in DRILLS.items():
        if args.drill in (name, "all"):
            drill(args.kills, rng, folder / name)


if __name__ == "__main__":
    main()
