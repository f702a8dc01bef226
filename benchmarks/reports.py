"""Every report over 100,000 residents and about 20,000 cases (target: 1 s each), and the
XLSX and CSV export of 100,000 residents (target: 10 s). Run: python -m benchmarks.reports"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from app.exchange import export, lists
from app.reports import kinds, model, paper
from app.storage.opening import connect
from benchmarks._data import big_database


def main() -> None:
    db = connect(big_database(100_000, seed=1, case_share=0.2))
    cases = db.execute("SELECT count(*) FROM cases").fetchone()[0]
    print(f"{db.execute('SELECT count(*) FROM residents').fetchone()[0]} residents, "
          f"{cases} cases")
    year = model.Period(date(date.today().year, 1, 1), date.today())
    for kind in kinds.KINDS:
        started = time.perf_counter()
        report = kinds.build(db, kind, year)
        figures = time.perf_counter() - started
        pdf = paper.pdf(db, report)
        total = time.perf_counter() - started
        rows = sum(len(t.rows) for t in report.tables)
        print(f"report {kind:17} figures {figures:5.2f} s, with PDF {total:5.2f} s "
              f"({rows} rows, {len(pdf) // 1024} KB)")
    out = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    table = lists.build(db, "residents")
    read = time.perf_counter() - started
    for fmt in ("xlsx", "csv"):
        started = time.perf_counter()
        export.write(table, out / f"m.{fmt}", fmt)
        print(f"export {len(table.rows)} residents to {fmt}: read {read:.2f} s + write "
              f"{time.perf_counter() - started:.2f} s ({(out / f'm.{fmt}').stat().st_size // 1024}"
              " KB)")


if __name__ == "__main__":
    main()
