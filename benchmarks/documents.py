"""Time to produce an IPUS PDF, and a batch of 100 documents of mixed kinds, on demo data.
Run: python -m benchmarks.documents"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from app.demo import generate as demo
from app.documents import register
from app.storage.opening import connect


def main() -> None:
    db = connect(Path(tempfile.mkdtemp()) / "dok.db")
    demo.build(db, 3000, seed=2)
    case_id = db.execute("SELECT p.case_id FROM plans p JOIN plan_versions v ON v.plan_id ="
                         " p.id WHERE v.status = 'zatwierdzony' LIMIT 1").fetchone()[0]
    register.issue(db, "ipus", case_id)  # fonts registered, modules imported
    ipus = []
    for _ in range(10):
        started = time.perf_counter()
        register.issue(db, "ipus", case_id)
        ipus.append(time.perf_counter() - started)
    cases = [r[0] for r in db.execute("SELECT id FROM cases LIMIT 40")]
    residents = [r[0] for r in db.execute("SELECT resident_id FROM cases LIMIT 40")]
    batch = [("karta", c) for c in cases[:30]] + [("zgoda", r) for r in residents[:30]] + [
        ("klauzula", r) for r in residents[:30]] + [("porozumienie", None)] * 10
    started = time.perf_counter()
    for kind, record_id in batch[:100]:
        register.issue(db, kind, record_id)
    total = time.perf_counter() - started
    print(f"IPUS PDF (issue: data, layout, number, stored copy): "
          f"{statistics.median(ipus) * 1000:.0f} ms median of 10")
    print(f"batch of 100 documents (karta, zgoda, klauzula, porozumienie): {total:.1f} s "
          f"({total * 10:.0f} ms each)")


if __name__ == "__main__":
    main()
