"""A row of buttons that wraps onto the next line when the window is too narrow for it, as
words do: with large text, six buttons side by side would be wider than a laptop's screen.
After Qt's own Flow Layout example."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, right_aligned: bool = False):
        super().__init__(parent)
        self.right_aligned = right_aligned  # as a dialog's closing buttons
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._lay_out(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._lay_out(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._items:  # as narrow as its widest button
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _spacing(self, horizontal: bool) -> int:
        parent = self.parentWidget()
        if parent is None:
            return 6
        metric = (QStyle.PixelMetric.PM_LayoutHorizontalSpacing if horizontal
                  else QStyle.PixelMetric.PM_LayoutVerticalSpacing)
        found = parent.style().pixelMetric(metric, None, parent)
        return found if found >= 0 else 6

    def _lay_out(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        across, down = self._spacing(True), self._spacing(False)
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        width = 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if lines[-1] and width + across + hint.width() > area.width():
                lines.append([])
                width = 0
            width += (across if lines[-1] else 0) + hint.width()
            lines[-1].append((item, hint))
        y = area.y()
        for line in lines:
            if not line:
                continue
            used = sum(h.width() for _, h in line) + across * (len(line) - 1)
            x = area.x() + (max(0, area.width() - used) if self.right_aligned else 0)
            height = max(h.height() for _, h in line)
            for item, hint in line:
                if move:
                    item.setGeometry(QRect(QPoint(x, y), hint))
                x += hint.width() + across
            y += height + down
        return max(0, y - down - rect.y()) + margins.bottom()


def button_row(*buttons: QWidget, right_aligned: bool = False) -> QWidget:
    """The buttons in a row that wraps; the row is as wide as the window lets it be."""
    row = QWidget()
    flow = FlowLayout(row, right_aligned)
    for button in buttons:
        flow.addWidget(button)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    row.setSizePolicy(policy)
    return row
