"""Backup time and size for 100,000 residents (target under 2 s), and the cost of opening an
encrypted database (password → key file → data key) beside a plain one.
Run: python -m benchmarks.safety [--residents N]"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from app.storage import backups, encrypt_in_place, encryption
from app.storage.opening import open_database
from benchmarks._data import big_database

PASSWORD = "Benchmark-Hasło-1"


def timed(fn, runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=100_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    plain = work / "plain.db"
    shutil.copyfile(big_database(args.residents), plain)

    db, _ = open_database(plain)
    target = work / "kopia.db"
    backup_s = timed(lambda: backups.write_backup(db, target), runs=3)
    db.conn.close()
    print(f"residents: {args.residents}")
    print(f"backup (copy + full integrity check + counts): {backup_s:.2f} s, "
          f"{target.stat().st_size / 1e6:.1f} MB (target < 2 s)")

    started = time.perf_counter()
    encrypt_in_place.encrypt_database(plain, PASSWORD)
    print(f"encrypting the database and its backups: {time.perf_counter() - started:.1f} s")

    def open_plain():
        d, _ = open_database(target, full_check=False, migrate=False)
        d.conn.close()

    def open_encrypted():
        key = encryption.unlock(plain, PASSWORD)
        d, _ = open_database(plain, key, full_check=False, migrate=False)
        d.conn.close()

    print(f"open plain database: {timed(open_plain) * 1000:.0f} ms")
    print(f"open encrypted database with password: {timed(open_encrypted) * 1000:.0f} ms "
          "(of which key derivation for the password)")
    key = encryption.unlock(plain, PASSWORD)
    db, _ = open_database(plain, key, full_check=False)
    enc_target = work / "kopia-zaszyfrowana.db"
    print(f"backup of the encrypted database: "
          f"{timed(lambda: backups.write_backup(db, enc_target, key), runs=3):.2f} s")
    db.conn.close()
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
