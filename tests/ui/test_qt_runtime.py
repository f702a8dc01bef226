"""The Qt binding itself: PySide6 6.12.0 on Python < 3.12 dropped a reference to None on
every call of a void Qt method, and the program aborted (`none_dealloc`) after ~40,000 mouse
moves. The dependency markers keep that build out; these tests catch it coming back."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

VOID_CALLS = textwrap.dedent("""
    from PySide6.QtCore import QCoreApplication, QObject, QTimer
    app = QCoreApplication([])
    timer, obj = QTimer(), QObject()
    timer.setInterval(60_000)
    for i in range(100_000):
        timer.start()          # what the idle lock did on every mouse move
        obj.setObjectName("x")
    print("ok")
""")


def test_two_hundred_thousand_void_qt_calls_do_not_abort():
    done = subprocess.run([sys.executable, "-c", VOID_CALLS], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


class _CountingTimer:
    def __init__(self) -> None:
        self.starts = 0

    def start(self) -> None:
        self.starts += 1


def test_idle_lock_restarts_its_countdown_at_most_once_a_second(qtbot, tmp_path):
    from ui.shell.idle_lock import IdleLock

    now = [100.0]
    lock = IdleLock(tmp_path / "k.db", 5, clock=lambda: now[0])
    lock.timer.stop()
    spy = _CountingTimer()
    real_timer, lock.timer = lock.timer, spy
    widget = QWidget()
    qtbot.addWidget(widget)
    try:
        for i in range(3000):  # 3 s of mouse moves, 1000 a second
            now[0] = 100.0 + i / 1000
            move = QMouseEvent(QEvent.Type.MouseMove, QPointF(i % 50, 5), QPointF(i % 50, 5),
                               Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                               Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(widget, move)
        assert 2 <= spy.starts <= 3
    finally:
        lock.timer = real_timer
        QApplication.instance().removeEventFilter(lock)
