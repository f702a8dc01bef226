"""The windows under test wear the program's own look, as main() gives it: its tones and
frames come from the app-wide style sheet."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _programs_look(qapp):
    from ui.common import look

    look.apply(qapp, look.Appearance())
    # A test that runs main() shows a window, quits the event loop and closes the window:
    # the last window closing outside exec() then left every later window unexposed and
    # never activated (offscreen), so keys went nowhere in the tests after it.
    qapp.setQuitOnLastWindowClosed(False)


@pytest.fixture
def demo_window(qtbot, qapp, db):
    """The main window over 150 demo residents, shown and filled; the look it may have
    been given goes back to the ordinary one afterwards."""
    from app.demo import generate as demo
    from tests.conftest import TODAY, session_of
    from ui.common import look
    from ui.shell.main_window import MainWindow

    demo.build(db, 150, seed=8, today=TODAY)
    window = MainWindow(session_of(db))
    qtbot.addWidget(window)
    window.show()
    window.load()
    yield window
    look.apply(qapp, look.Appearance())


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """pytest-qt closes a test's windows after it; a form left with typing would ask
    whether to save it (a modal question nobody answers). At teardown it is dropped."""
    from ui.common import unsaved

    asking = unsaved.ask
    unsaved.ask = lambda parent, what: unsaved.Choice.DISCARD
    try:
        return (yield)
    finally:
        unsaved.ask = asking
