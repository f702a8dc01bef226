"""The kill -9 drill, 200 times: prints how many commits were acknowledged and whether any
was lost or half-applied. Run: python -m benchmarks.crash [--kills 200]"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from app.crash_drill import run_once
from app.db import connect


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=200)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "crash.db"
    connect(path).conn.close()
    rng = random.Random(1)
    acknowledged, failures = 0, 0
    started = time.perf_counter()
    for n in range(args.kills):
        # PESELs of the drill repeat after 105,000 writes: keep the rounds' ranges apart
        result = run_once(path, start=n * 500, kill_after=rng.uniform(0.2, 0.7))
        acknowledged += result.acknowledged
        if result.problems:
            failures += 1
            print(f"kill {n}: {result.problems}")
    print(f"kills: {args.kills}, acknowledged commits: {acknowledged}, "
          f"rounds with lost or half-applied data: {failures}, "
          f"time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
