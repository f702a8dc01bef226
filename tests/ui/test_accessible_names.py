"""Every control a keyboard reaches has a name a screen reader can say (WCAG 4.1.2): its
own text (a button), a label pointing at it (Alt+letter), or an accessible name. Checked
on the main screens: each tab of the main window, each step of a case, the first-run form,
the reports, export, import, settings and help windows."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QScrollBar, QTabBar, QWidget

from app.demo import generate as demo
from tests.conftest import TODAY, session_of
from ui.case.wizard import CaseWizard
from ui.reports.import_dialog import ImportDialog
from ui.reports.screens import ExportDialog, ReportsDialog
from ui.safety.first_run_dialog import FirstRunDialog
from ui.safety.settings_dialog import SettingsDialog
from ui.shell.help_dialog import HelpDialog
from ui.shell.main_window import MainWindow


def unnamed(root: QWidget) -> list[str]:
    labelled = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in root.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root):
            continue
        # parts of a named control (a spin box's line, a tab bar, scroll bars), a page frame
        if isinstance(widget, QScrollBar | QTabBar) or type(widget) is QScrollArea \
                or widget.objectName().startswith("qt_"):
            continue
        if widget.accessibleName() or id(widget) in labelled:
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue
        missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing


@pytest.fixture
def session(db):
    demo.build(db, 200, seed=2, today=TODAY)
    return session_of(db)


def test_the_main_window_names_every_control_on_every_tab(qtbot, session):
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.load()
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        assert unnamed(window) == [], window.tabs.tabText(tab)


def test_a_case_names_every_control_at_every_step(qtbot, session):
    case_id = session.db.execute("SELECT id FROM cases WHERE current_step >= 6 LIMIT 1"
                                 ).fetchone()[0]
    wizard = CaseWizard(session, case_id)
    qtbot.addWidget(wizard)
    wizard.show()
    for step in range(1, 10):
        wizard.go(step, leaving=False)
        assert unnamed(wizard) == [], step


def _cases_of_someone(session):
    from ui.register.resident_cases_dialog import ResidentCasesDialog

    resident = session.db.execute("SELECT resident_id FROM cases LIMIT 1").fetchone()[0]
    return ResidentCasesDialog(session, resident, "Anna Nowak")


def _preview(session):
    from app.documents import register
    from ui.documents.screens import PdfPreview

    return PdfPreview(register.blank_form(session.db, "zgoda", False), "Pusty formularz")


def _register(session):
    from ui.documents.screens import RegisterDialog

    return RegisterDialog(session)


def _resident(session):
    from ui.register.resident_dialog import ResidentDialog

    return ResidentDialog(session)


@pytest.mark.parametrize("make", [FirstRunDialog, ReportsDialog, ExportDialog, ImportDialog,
                                  SettingsDialog, lambda session: HelpDialog(),
                                  _cases_of_someone, _preview, _register, _resident])
def test_the_other_main_windows_name_every_control(qtbot, session, make):
    dialog = make(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed(dialog) == []
