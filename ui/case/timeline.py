"""The plan's schedule (harmonogram) as a picture: one bar per item over the weeks, months
marked on top, today as a line; the same drawing serves the screen and a printed image."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.documents.schedule import span_of
from app.plans.store import PlanItem
from app.plans.timetable import month_marks

ROW_H = 40  # two lines of a wrapped name
HEAD_H = 36
LABEL_W = 260
COLORS = {"usluga": QColor("#3b6ea8"), "dzialanie_wspierajace": QColor("#5a9a5a")}


def paint_timeline(p: QPainter, width: int, items: list[PlanItem], plan_from: date | None,
                   plan_to: date | None, today: date | None = None) -> None:
    today = today or date.today()
    first, last = span_of(items, plan_from, plan_to)
    days = (last - first).days + 1
    scale = (width - LABEL_W - 10) / days
    p.fillRect(0, 0, width, HEAD_H + ROW_H * max(1, len(items)) + 4, QColor("white"))
    font = QFont(p.font())
    font.setPointSize(9)
    p.setFont(font)
    p.setPen(QPen(QColor("#333333")))
    for x, label in month_marks(first, last, lambda d: LABEL_W + 2 + (d - first).days * scale,
                                p.fontMetrics().horizontalAdvance, width, gap=6):
        if label:
            p.drawText(QRectF(x, 2, 90, 16), Qt.AlignmentFlag.AlignLeft, label)
    day = first
    while day <= last:  # week lines
        x = LABEL_W + (day - first).days * scale
        p.setPen(QPen(QColor("#e0e0e0")))
        p.drawLine(int(x), 20, int(x), HEAD_H + ROW_H * len(items))
        day += timedelta(days=7)
    for row, item in enumerate(items):
        y = HEAD_H + row * ROW_H
        p.setPen(QPen(QColor("#222222")))
        label = item.service_name or item.description or "—"
        if item.frequency:
            label += f" ({item.frequency})"
        # the name wraps onto a second line instead of being cut; the full text is the
        # item's own (the list beside shows it whole) if even two lines cannot hold it
        p.drawText(QRectF(4, y, LABEL_W - 8, ROW_H), Qt.AlignmentFlag.AlignVCenter
                   | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, label)
        start = date.fromisoformat(item.start_on) if item.start_on else first
        end = date.fromisoformat(item.end_on) if item.end_on else last
        x0 = LABEL_W + (start - first).days * scale
        x1 = LABEL_W + ((end - first).days + 1) * scale
        color = COLORS.get(item.kind, QColor("#777777"))
        if item.status in ("anulowana", "zawieszona"):
            color = QColor("#bbbbbb")
        p.fillRect(QRectF(x0, y + 12, max(3.0, x1 - x0), ROW_H - 24), color)
    if first <= today <= last:
        x = LABEL_W + (today - first).days * scale
        p.setPen(QPen(QColor("#c62828"), 2))
        p.drawLine(int(x), 18, int(x), HEAD_H + ROW_H * len(items))


class TimelineWidget(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[PlanItem] = []
        self.plan_from = self.plan_to = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_plan(self, items: list[PlanItem], plan_from: date | None,
                 plan_to: date | None) -> None:
        self.items, self.plan_from, self.plan_to = items, plan_from, plan_to
        self.setMinimumHeight(HEAD_H + ROW_H * max(1, len(items)) + 10)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        paint_timeline(painter, self.width(), self.items, self.plan_from, self.plan_to)
        painter.end()

    def to_image(self, width: int = 1600) -> QImage:
        """The timeline as an image (for the printed plan)."""
        image = QImage(width, HEAD_H + ROW_H * max(1, len(self.items)) + 6,
                       QImage.Format.Format_RGB32)
        painter = QPainter(image)
        paint_timeline(painter, width, self.items, self.plan_from, self.plan_to)
        painter.end()
        return image
