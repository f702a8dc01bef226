"""A large demo database shared by the benchmarks (built once, kept in the temp folder)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from app.demo import generate as demo
from app.storage.opening import connect


def big_database(residents: int = 100_000, seed: int = 1, case_share: float = 0.04) -> Path:
    suffix = "" if case_share == 0.04 else f"-{case_share:g}"
    path = Path(tempfile.gettempdir()) / f"koordynator-bench-{residents}-{seed}{suffix}.db"
    if not path.exists():
        started = time.perf_counter()
        db = connect(path)
        demo.build(db, residents, seed=seed, case_share=case_share)
        db.conn.close()
        print(f"built {path} with {residents} residents in {time.perf_counter() - started:.1f} s")
    return path
