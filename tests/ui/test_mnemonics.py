"""Every button, check box, tab, labelled field and menu entry in view has an underlined
letter (Alt+letter), and no two in view share one: the keyboard reaches each without Tab."""

from collections import Counter
from string import ascii_lowercase

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabBar,
    QWidget,
)

from app.demo import generate as demo
from tests.conftest import TODAY, session_of
from ui.common.mnemonics import letter_of
from ui.shell.main_window import MainWindow


def _in_view(window: QWidget) -> list[str]:
    def shown(widget: QWidget) -> bool:
        return widget.window() is window and widget.isVisibleTo(window)
    texts = [b.text() for b in window.findChildren(QAbstractButton)
             if shown(b) and b.text().strip() and not isinstance(b.parentWidget(), QLineEdit)]
    texts += [g.title() for g in window.findChildren(QGroupBox) if shown(g) and g.title()]
    texts += [label.text() for label in window.findChildren(QLabel)
              if shown(label) and label.buddy() is not None and "<" not in label.text()]
    if isinstance(window, QMainWindow):  # the menu bar's letters answer everywhere
        texts += [a.text() for a in window.menuBar().actions()]
    for bar in window.findChildren(QTabBar):
        if shown(bar):
            texts += [bar.tabText(i) for i in range(bar.count())]
    return texts


def _unpaired_labels(window: QWidget) -> list[str]:
    """Captions of form rows that lead to no field: their letter would do nothing."""
    forms = window.findChildren(QFormLayout)
    return [label.text() for label in window.findChildren(QLabel)
            if label.isVisibleTo(window) and label.text().strip() and label.buddy() is None
            and any(form.getWidgetPosition(label)[0] >= 0
                    and form.getWidgetPosition(label)[1] == QFormLayout.ItemRole.LabelRole
                    for form in forms)]


def _check(window: QWidget, where: str) -> None:
    texts = _in_view(window)
    assert texts, where
    assert not _unpaired_labels(window), (where, _unpaired_labels(window))
    # buttons and tabs always; a label only while letters last (a long form has more
    # labels than the alphabet has letters, and Tab reaches their fields)
    free = set(ascii_lowercase) - {letter_of(t) for t in texts}
    missing = [t for t in texts if letter_of(t) is None and free & set(t.lower())]
    assert not missing, (where, missing, free)
    buttons = [b.text() for b in window.findChildren(QAbstractButton)
               if b.window() is window and b.isVisibleTo(window) and b.text().strip()
               and not isinstance(b.parentWidget(), QLineEdit)]
    assert all(letter_of(t) for t in buttons), (where, buttons)
    shared = {k: v for k, v in Counter(letter_of(t) for t in texts).items()
              if v > 1 and k is not None}
    assert not shared, (where, shared, texts)


@pytest.fixture
def filled(db):
    demo.build(db, 150, seed=8, today=TODAY)
    return db


def test_the_main_window_its_tabs_and_its_menus(qtbot, filled):
    window = MainWindow(session_of(filled))
    qtbot.addWidget(window)
    window.show()
    window.load()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _check(window, window.tabs.tabText(index))
    for action in window.menuBar().actions():
        assert letter_of(action.text()), action.text()
    for menu in window.findChildren(QMenu):
        menu.show()  # letters are given when a menu opens
        entries = [a.text() for a in menu.actions() if not a.isSeparator() and a.text()]
        assert all(letter_of(t) for t in entries), entries
        letters = [letter_of(t) for t in entries]
        assert len(letters) == len(set(letters)), entries
        menu.hide()


def test_every_step_of_a_case(qtbot, filled):
    from ui.case.wizard import CaseWizard

    case_id = filled.execute("SELECT c.id FROM cases c JOIN plans p ON p.case_id = c.id"
                             " WHERE c.status = 'otwarta' LIMIT 1").fetchone()[0]
    wizard = CaseWizard(session_of(filled), case_id, step=1)
    qtbot.addWidget(wizard)
    wizard.show()
    for step in range(1, 10):
        wizard.go(step, leaving=False)
        _check(wizard, f"krok {step}")


@pytest.mark.parametrize("screen", ["first-run", "resident", "issue", "reports", "import",
                                    "settings", "register"])
def test_the_dialogs(qtbot, filled, screen):
    from ui.documents.screens import IssueDialog, RegisterDialog
    from ui.register.resident_dialog import ResidentDialog
    from ui.reports.import_dialog import ImportDialog
    from ui.reports.screens import ReportsDialog
    from ui.safety.first_run_dialog import FirstRunDialog
    from ui.safety.settings_dialog import SettingsDialog

    session = session_of(filled)
    resident = filled.execute("SELECT id FROM residents LIMIT 1").fetchone()[0]
    dialog = {"first-run": lambda: FirstRunDialog(session),
              "resident": lambda: ResidentDialog(session),
              "issue": lambda: IssueDialog(session, "zgoda", resident),
              "reports": lambda: ReportsDialog(session),
              "import": lambda: ImportDialog(session),
              "settings": lambda: SettingsDialog(session),
              "register": lambda: RegisterDialog(session)}[screen]()
    qtbot.addWidget(dialog)
    dialog.show()
    _check(dialog, screen)
