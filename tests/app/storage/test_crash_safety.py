"""kill -9 at random moments loses nothing that was acknowledged (WAL, synchronous=FULL)."""

import random

from app.demo.crash_drill import run_once
from app.storage.opening import connect

KILLS = 50


def test_kill_minus_nine_loses_no_acknowledged_commit(tmp_path):
    path = tmp_path / "k.db"
    connect(path).conn.close()
    rng = random.Random(2026)
    total = 0
    for round_no in range(KILLS):
        result = run_once(path, start=round_no * 2_000, kill_after=rng.uniform(0.25, 0.6))
        assert result.problems == [], f"round {round_no}: {result.problems}"
        total += result.acknowledged
    assert total > 5 * KILLS  # the writer really wrote before being killed
