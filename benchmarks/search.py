"""Search latency over 100,000 residents, as the register does it while the KIPUS types.

Each query is what a person types letter by letter (surname, first name, village, PESEL);
one measurement is search_rowids() plus loading the first page of rows the view shows.
Run: python -m benchmarks.search [--residents N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from app.people import residents_store
from app.storage.opening import connect
from benchmarks._data import big_database


def typed_prefixes(db, rng: random.Random, people: int = 150) -> list[str]:
    rows = db.execute(
        "SELECT surname, first_name, city, pesel FROM residents ORDER BY random() LIMIT ?",
        [people],
    ).fetchall()
    queries = []
    for surname, first, city, pesel in rows:
        word = rng.choice([surname, first, city, pesel or surname, f"{surname} {first}"])
        if rng.random() < 0.5:  # half typed without Polish letters
            from app.core.textfold import fold

            word = fold(word)
        queries += [word[:n] for n in range(1, len(word) + 1)]
    return queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=100_000)
    args = parser.parse_args()
    db = connect(big_database(args.residents))
    rng = random.Random(7)
    queries = typed_prefixes(db, rng)
    for q in queries[:50]:  # warm the page cache as a running program would have it
        residents_store.search_rowids(db, q)
    timings = []
    for q in queries:
        started = time.perf_counter()
        ids = residents_store.search_rowids(db, q)
        residents_store.rows_by_rowid(db, ids[:200])
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    worst = max(timings)
    print(f"residents: {args.residents}")
    print(f"queries (typed prefixes): {len(timings)}")
    print(f"search p50: {statistics.median(timings):.1f} ms")
    print(f"search p95: {p95:.1f} ms (target < 50 ms)")
    print(f"search max: {worst:.1f} ms")
    started = time.perf_counter()
    residents_store.search_rowids(db, "")
    print(f"empty query (whole register): {(time.perf_counter() - started) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
