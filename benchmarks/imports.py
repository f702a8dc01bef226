"""Importing 10,000 residents into a register of 100,000, with the duplicate check (target:
10 s for the dry run and the import). Run: python -m benchmarks.imports"""

from __future__ import annotations

import csv
import random
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from app.exchange import importing, reading
from app.storage.opening import connect
from benchmarks._data import big_database


def _pesel(born: date, serial: int) -> str:
    digits = f"{born.year % 100:02d}{born.month:02d}{born.day:02d}{serial:04d}"
    check = (10 - sum(int(d) * w for d, w in zip(digits, (1, 3, 7, 9) * 3, strict=False))
             % 10) % 10
    return digits + str(check)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    db_path = folder / "k.db"
    shutil.copy(big_database(100_000, seed=1), db_path)
    rng = random.Random(7)
    source = folder / "lista.csv"
    with open(source, "w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f, delimiter=";")
        out.writerow(["Nazwisko", "Imię", "PESEL", "Miejscowość", "Ulica", "Nr domu"])
        for n in range(10_000):
            born = date(1930, 1, 1) + timedelta(days=rng.randrange(0, 25_000))
            out.writerow([rng.choice(["Nowicka", "Zając", "Wójcik", "Kaczmarek", "Mazur"]),
                          rng.choice(["Anna", "Maria", "Jan", "Piotr", "Zofia"]),
                          _pesel(born, 9000 + n % 1000), "Żabno", "Polna", str(n % 120 + 1)])
    db = connect(db_path)
    started = time.perf_counter()
    sheet = reading.read(source)
    verdicts = importing.dry_run(db, "residents", sheet,
                                 importing.guess_mapping(sheet.headers, "residents"))
    checked = time.perf_counter() - started
    outcome = importing.run(db, "residents", verdicts)
    total = time.perf_counter() - started
    print(f"10,000 rows against 100,000 residents: dry run {checked:.1f} s, with the import "
          f"(backup, one transaction) {total:.1f} s; added {outcome.added}, skipped "
          f"{outcome.skipped}")
    db.conn.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
