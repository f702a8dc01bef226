"""Cold start: `koordynator --smoke --timings` on 100,000 residents beside a bare PySide6
window, both measured the same way in the same run: from the first line of Python to the
window's first paint (in the process), the program's data-ready time, and the wall clock
of each whole process. Target: first paint within 1.5x the bare window's.

Run: python -m benchmarks.startup [--runs 7] [--residents N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

from benchmarks._data import big_database

BARE = """
import time; started = time.perf_counter()
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
painted = []
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not painted:
            painted.append(time.perf_counter() - started)
        return False
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("Pusty")); w.resize(1200, 700)
f = FirstPaint(w); w.installEventFilter(f); w.show()
app.processEvents()  # as the program paints its frame
print(f"{painted[0]:.3f}")
"""
SMOKE = "import sys; from ui.shell.main import main; sys.exit(main(sys.argv[1:]))"


def run(cmd: list[str]) -> tuple[float, list[str]]:
    import time

    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return time.perf_counter() - started, done.stdout.split("\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--residents", type=int, default=100_000)
    args = parser.parse_args()
    path = big_database(args.residents)
    bare_cmd = [sys.executable, "-c", BARE]
    app_cmd = [sys.executable, "-c", SMOKE, "--smoke", "--timings", "--db", str(path)]
    run(bare_cmd), run(app_cmd)  # warm the OS file cache for both
    bare_wall, bare_paint, app_wall, app_paint, app_ready = [], [], [], [], []
    for _ in range(args.runs):
        wall, out = run(bare_cmd)
        bare_wall.append(wall)
        bare_paint.append(float(out[0]))
        wall, out = run(app_cmd)
        app_wall.append(wall)
        app_ready.append(float(out[0]))
        app_paint.append(float(out[1].split(":")[1].split()[0]))
    m = statistics.median
    print(f"residents: {args.residents}, runs: {args.runs} (medians)")
    print(f"bare PySide6 window: first paint {m(bare_paint):.3f} s, whole process "
          f"{m(bare_wall):.3f} s")
    print(f"koordynator --smoke: first paint {m(app_paint):.3f} s, data ready "
          f"{m(app_ready):.3f} s, whole process (with the full file check) "
          f"{m(app_wall):.3f} s")
    print(f"first paint: {m(app_paint) / m(bare_paint):.2f}x the bare window (target <= 1.5x)")


if __name__ == "__main__":
    main()
