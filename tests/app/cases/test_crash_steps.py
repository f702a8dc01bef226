"""kill -9 during a backup and during a restore: the next start finds the database whole
(before or after, never between), every named backup restorable, nothing temporary left."""

from __future__ import annotations

import random
import shutil

from app.demo import generate as demo
from app.demo.crash_drill import (
    BACKUP_CODE,
    RESTORE_PRELUDE,
    backup_prelude,
    backup_round,
    kill_step,
    restore_code,
    restore_round,
)
from app.storage import backups
from app.storage.opening import connect
from app.storage.paths import backup_dir

KILLS = 15


def _counts(path):
    conn = connect(path, migrate=False).conn
    try:
        return backups.record_counts(conn)
    finally:
        conn.close()


def test_killed_backups_leave_the_database_whole_and_no_half_copy(tmp_path):
    path = tmp_path / "k.db"
    db = connect(path)
    demo.build(db, 1500, seed=4)
    db.conn.close()
    counts = _counts(path)
    # the quickest of three runs, and kills within its first 80 %: a first run slowed by a
    # cold disk cache or a busy machine would otherwise let most later rounds finish
    whole = min(kill_step(BACKUP_CODE, 30, prelude=backup_prelude(path))[2] for _ in range(3))
    rng = random.Random(5)
    outcomes = {}
    for n in range(KILLS):
        result = backup_round(path, counts, rng.uniform(0.0, 0.8 * whole))
        assert result.problems == [], f"round {n}: {result.problems}"
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
        for b in backups.list_backups(backup_dir(path))[3:]:  # keep the folder small
            b.path.unlink()
    assert outcomes.get("killed", 0) >= 5, outcomes


def test_killed_restores_leave_the_old_state_or_the_backup_never_a_mixture(tmp_path):
    template = tmp_path / "wzor" / "k.db"
    template.parent.mkdir()
    db = connect(template)
    demo.build(db, 800, seed=4)
    copy = backups.make_backup(db, template, "reczna", folder=tmp_path / "pendrive")
    demo.build(db, 400, seed=9)  # the state after the backup: more residents
    db.conn.close()
    restored, current = _counts(copy), _counts(template)
    assert restored != current
    measure = tmp_path / "pomiar"
    shutil.copytree(template.parent, measure)
    # the quickest of three runs, as for backups: one slowed by a busy machine would let
    # most rounds finish before the kill
    whole = min(kill_step(restore_code(measure / "k.db", copy), 30,
                          prelude=RESTORE_PRELUDE)[2] for _ in range(3))
    rng = random.Random(6)
    outcomes = {}
    for n in range(KILLS):
        work = tmp_path / "runda"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(template.parent, work)
        result = restore_round(work / "k.db", copy, current, restored,
                               rng.uniform(0.0, 0.8 * whole))
        assert result.problems == [], f"round {n}: {result.problems}"
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
    assert outcomes.get("rolled-back", 0) >= 3, outcomes
