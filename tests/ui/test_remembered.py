"""Window sizes, splitters and column widths are as the KIPUS left them at the last start
(in the data folder's okna.ini, no personal data in it)."""

from tests.conftest import session_of
from ui.reports.screens import ReportsDialog
from ui.shell.main_window import MainWindow


def test_a_window_opens_as_large_as_it_was_left(qtbot, db):
    first = ReportsDialog(session_of(db))
    qtbot.addWidget(first)
    first.show()
    size = (first.width(), first.height() - 37)  # the offscreen screen is narrow
    first.resize(*size)
    assert (first.width(), first.height()) == size
    first.close()
    again = ReportsDialog(session_of(db))
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == size


def test_the_registers_columns_keep_their_widths(qtbot, db):
    from app.storage.paths import data_dir

    window = MainWindow(session_of(db))
    qtbot.addWidget(window)
    window.show()
    window.load()
    window.table.horizontalHeader().resizeSection(1, 333)
    window.close()
    assert "Rejestr" in (data_dir() / "okna.ini").read_text("utf-8")
    again = MainWindow(session_of(db))
    qtbot.addWidget(again)
    again.show()
    again.load()
    assert again.table.horizontalHeader().sectionSize(1) == 333
