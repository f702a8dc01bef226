"""Every button, check box, tab, menu entry and labelled field gets an underlined letter
(Alt+letter), one letter per window, as KDE's accelerator manager gives them: written by
hand, new buttons kept arriving without one, and two buttons of a window shared a letter.
A letter written by hand ("&Zapisz") is kept; the others get the first free letter of a
word, else any free letter. Letters with Polish diacritics are avoided: on the Polish
programmer's keyboard they are typed with AltGr, which is not Alt."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabBar,
    QWidget,
)

_MARK = re.compile(r"&(?!&)(.)")


def letter_of(text: str) -> str | None:
    """The mnemonic letter of ``text`` ("Za&pisz" → "p"), None when it has none."""
    found = _MARK.search(text or "")
    return found.group(1).lower() if found else None


def _marked(text: str, taken: set[str]) -> str | None:
    """``text`` with a free letter marked, None when no letter of it is free."""
    words = [m.start() for m in re.finditer(r"\b\w", text)]
    order = words + [i for i in range(len(text)) if i not in words]
    for i in order:
        ch = text[i].lower()
        if "a" <= ch <= "z" and ch not in taken:
            taken.add(ch)
            return text[:i] + "&" + text[i:]
    return None


class _Texts:
    """The texts of one window that take a mnemonic, each with the way to set it: only
    those in view, as a hidden page's letters do not answer and may be used again."""

    def __init__(self, window: QWidget):
        self.items: list[tuple[str, object]] = []

        def shown(widget: QWidget) -> bool:
            return widget.window() is window and widget.isVisibleTo(window)
        # buttons and tabs first: when a long form uses up the 26 letters, its last
        # labels go without, and Tab still reaches their fields
        for button in window.findChildren(QAbstractButton):
            # a field's own button (a date's calendar) opens with the field's keys
            if shown(button) and button.text().strip() \
                    and not isinstance(button.parentWidget(), QLineEdit):
                self.items.append((button.text(), button.setText))
        for bar in window.findChildren(QTabBar):
            if shown(bar):
                for index in range(bar.count()):
                    self.items.append((bar.tabText(index),
                                       lambda text, b=bar, i=index: b.setTabText(i, text)))
        for box in window.findChildren(QGroupBox):
            if shown(box) and box.title().strip():
                self.items.append((box.title(), box.setTitle))
        for form in window.findChildren(QFormLayout):
            _pair_labels(form)
        for label in window.findChildren(QLabel):
            if (shown(label) and label.buddy() is not None
                    and label.textFormat().name != "RichText" and "<" not in label.text()):
                self.items.append((label.text(), label.setText))


def _pair_labels(form: QFormLayout) -> None:
    """A row whose field is a layout (a field with its error line under it) gets a label
    without a buddy: the label's letter would lead nowhere. Pair it with the first field
    of that layout that takes the focus. (Rows are reached through QObjects only: a
    QLayoutItem wrapper outlives its item in PySide, and a later object at the same
    address came back as a QSpacerItem.)"""
    for inner in form.findChildren(QLayout, options=Qt.FindChildOption.FindDirectChildrenOnly):
        caption = form.labelForField(inner)
        if isinstance(caption, QLabel) and caption.buddy() is None and caption.text().strip():
            target = _first_focusable(inner)
            if target is not None:
                caption.setBuddy(target)


def _first_focusable(layout: QLayout) -> QWidget | None:
    """The widget earliest in ``layout`` (or in a layout inside it) that Tab reaches."""
    host = layout.parentWidget()
    if host is None:
        return None
    held = [(at, w) for w in host.findChildren(QWidget)
            if (at := layout.indexOf(w)) >= 0 and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    held += [(layout.indexOf(inner), found) for inner in layout.findChildren(
        QLayout, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if (found := _first_focusable(inner)) is not None]
    return min(held, key=lambda pair: pair[0])[1] if held else None


def assign(window: QWidget) -> None:
    """Give every text of ``window`` without a mnemonic a letter not used in the window."""
    texts = _Texts(window).items
    taken = {letter for text, _ in texts if (letter := letter_of(text))}
    if isinstance(window, QMainWindow):  # Alt+letter of a menu wins over a button's
        taken |= {letter for a in window.menuBar().actions() if (letter := letter_of(a.text()))}
    for text, set_text in texts:
        if letter_of(text) is None and "&" not in text:
            marked = _marked(text, taken)
            if marked is not None:
                set_text(marked)  # type: ignore[operator]
    for menu in window.findChildren(QMenu):
        assign_menu(menu)


def assign_menu(menu: QMenu) -> None:
    actions = [a for a in menu.actions() if not a.isSeparator() and a.text().strip()]
    taken = {letter for a in actions if (letter := letter_of(a.text()))}
    for action in actions:
        if letter_of(action.text()) is None and "&" not in action.text():
            marked = _marked(action.text(), taken)
            if marked is not None:
                action.setText(marked)


class _OnShow(QObject):
    """A window when it opens, a page of a stack or of tabs when it comes into view, a
    menu when it is about to open (it may be filled just before)."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.Show or not isinstance(watched, QWidget):
            return False
        if isinstance(watched, QMenu):
            assign_menu(watched)
        elif watched.isWindow():
            assign(watched)
        elif isinstance(watched.parentWidget(), QStackedWidget):
            assign(watched.window())
        return False


def install(app: QApplication) -> None:
    """Once per program: every window gets its letters when it is first shown."""
    if not app.property("mnemonics"):
        app.installEventFilter(_OnShow(app))
        app.setProperty("mnemonics", True)
