"""Cold start to a ready window: `koordynator --smoke` on 100,000 residents beside a bare
PySide6 window, measured the same way in the same run (wall clock of the whole process).

Run: python -m benchmarks.startup [--runs 5] [--residents N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from benchmarks._data import big_database

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("Pusty")); w.resize(1200, 720); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""
SMOKE = "import sys; from ui.shell.main import main; sys.exit(main(sys.argv[1:]))"


def wall(cmd: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--residents", type=int, default=100_000)
    args = parser.parse_args()
    path = big_database(args.residents)
    wall([sys.executable, "-c", BARE])  # warm the OS file cache for both
    wall([sys.executable, "-c", SMOKE, "--smoke", "--db", str(path)])
    bare, app = [], []
    for _ in range(args.runs):
        bare.append(wall([sys.executable, "-c", BARE]))
        app.append(wall([sys.executable, "-c", SMOKE, "--smoke", "--db", str(path)]))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"residents: {args.residents}, runs: {args.runs}")
    print(f"bare PySide6 window: {b:.2f} s (median)")
    print(f"koordynator --smoke: {a:.2f} s (median)")
    print(f"ratio: {a / b:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
