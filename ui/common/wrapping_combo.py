"""A drop-down that never cuts its choice: closed, a long catalogue name ("Usługa
wytchnieniowa (krótkie urlopy opiekunów)") wraps onto as many lines as it needs in a narrow
form; open, the list is as wide as its longest name."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
)

_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap


class WrappingCombo(QComboBox):
    def __init__(self, parent=None, shortest: int = 16):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(shortest)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.currentIndexChanged.connect(lambda _: self.updateGeometry())

    def _option(self) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return option

    def _text_width(self, width: int) -> int:
        option = self._option()
        option.rect = QRect(0, 0, width, super().sizeHint().height())
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        return max(20, field.width())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return not self.isEditable()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        one_line = super().sizeHint().height()
        text = self.currentText()
        if not text or self.isEditable():
            return one_line
        metrics = self.fontMetrics()
        needed = metrics.boundingRect(QRect(0, 0, self._text_width(width), 10_000), _FLAGS,
                                      text).height()
        return max(one_line, one_line - metrics.height() + needed)

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        if self.width() > 0:
            hint.setHeight(self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # the layout asked for a height at an earlier width; narrowed, the name needs
        # another line (step 3 at 100 % cut the third line of a service's name)
        if self.hasHeightForWidth() and self.heightForWidth(self.width()) > self.height():
            self.updateGeometry()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.isEditable():
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        option = self._option()
        text, option.currentText = option.currentText, ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        role = QPalette.ColorRole.ButtonText
        group = (QPalette.ColorGroup.Active if self.isEnabled()
                 else QPalette.ColorGroup.Disabled)
        painter.setPen(self.palette().color(group, role))
        painter.drawText(field, _FLAGS, text)

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        # the list drops down as wide as its longest name, so no name is cut in a narrow form
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + 24)
        super().showPopup()
