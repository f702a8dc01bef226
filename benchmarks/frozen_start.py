"""The frozen program's start beside the venv's: `koordynator --smoke --timings` on the
same demo database, from dist/Koordynator (built by `python packaging/build.py`) and from
this Python. Prints the medians of the first paint and the data on screen (both counted from
the first line of our code, so the frozen loader's own unpacking is not in them) and of
the whole process, which is the figure to compare. Builds nothing: run packaging/build.py first.

Run: python -m benchmarks.frozen_start [--runs 7] [--residents N] [--dist DIR]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
from pathlib import Path

from benchmarks._data import big_database
from benchmarks.startup import SMOKE, run

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "Koordynator")
    args = parser.parse_args()
    frozen = args.dist / ("koordynator.exe" if platform.system() == "Windows" else "koordynator")
    if not frozen.is_file():
        sys.exit(f"Brak {frozen}: najpierw python packaging/build.py")
    path = big_database(args.residents)
    commands = {"venv": [sys.executable, "-c", SMOKE], "frozen": [str(frozen)]}
    print(f"residents: {args.residents}, runs: {args.runs} (medians)")
    for name, command in commands.items():
        full = [*command, "--smoke", "--timings", "--db", str(path)]
        run(full)  # warm the OS file cache
        wall, paint, ready = [], [], []
        for _ in range(args.runs):
            seconds, out = run(full)
            wall.append(seconds)
            ready.append(float(out[0]))
            paint.append(float(out[1].split(":")[1].split()[0]))
        m = statistics.median
        print(f"{name:>6}: first paint {m(paint):.3f} s, data ready {m(ready):.3f} s, "
              f"whole process {m(wall):.3f} s")


if __name__ == "__main__":
    main()
