"""A large demo database shared by the benchmarks (built once, kept in the temp folder)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from app.demo import generate as demo
from app.storage.opening import connect


def big_database(residents: int = 100_000, seed: int = 1) -> Path:
    path = Path(tempfile.gettempdir()) / f"koordynator-bench-{residents}-{seed}.db"
    if not path.exists():
        started = time.perf_counter()
        db = connect(path)
        demo.build(db, residents, seed=seed)
        db.conn.close()
        print(f"built {path} with {residents} residents in {time.perf_counter() - started:.1f} s")
    return path
