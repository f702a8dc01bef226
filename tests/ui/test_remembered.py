"""Window sizes, splitters and column widths are as the KIPUS left them at the last start
(in the data folder's okna.ini, no personal data in it)."""

from tests.conftest import session_of
from ui.reports.screens import ReportsDialog
from ui.shell.main_window import MainWindow


def test_a_window_opens_as_large_as_it_was_left(qtbot, db):
    first = ReportsDialog(session_of(db))
    qtbot.addWidget(first)
    first.show()
    size = (first.width() - 40, first.height() - 37)  # the offscreen screen is narrow
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
    # the window manager sizes the window after it is shown: the fitted widths came back
    again.tabs.setCurrentWidget(again.register_page)
    qtbot.waitUntil(again.table.isVisible)
    before = again.table.viewport().width()
    again.resize(again.width() + 80, again.height())
    qtbot.waitUntil(lambda: again.table.viewport().width() != before)
    assert again.table.horizontalHeader().sectionSize(1) == 333


def test_tables_of_one_name_in_a_window_keep_their_own_widths(qtbot, db):
    """The case window has a record list on several steps, all „Pozycje – wybrana
    edytuje się obok”: the last one saved wrote its widths over the others'."""
    from PySide6.QtWidgets import QDialog, QTableWidget, QVBoxLayout

    from ui.common import remembered

    def window():
        dialog = QDialog()
        qtbot.addWidget(dialog)
        layout = QVBoxLayout(dialog)
        tables = [QTableWidget(1, 3) for _ in range(2)]
        for table in tables:
            table.setAccessibleName("Pozycje – wybrana edytuje się obok")
            layout.addWidget(table)
        remembered.remember(dialog, "proba")
        dialog.show()
        return dialog, [t.horizontalHeader() for t in tables]

    dialog, headers = window()
    headers[0].resizeSection(0, 111)
    headers[1].resizeSection(0, 222)
    dialog.close()
    _, headers = window()
    assert [h.sectionSize(0) for h in headers] == [111, 222]


def test_a_size_left_at_another_text_size_is_not_forced_on_larger_text(qtbot, qapp):
    """A window left at 100 % came back at its 100 % size at 200 %, cutting the text."""
    from ui.common import look
    from ui.shell.help_dialog import HelpDialog

    first = HelpDialog()
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 450)
    first.close()
    try:
        look.apply(qapp, look.Appearance(text_size=150))
        again = HelpDialog()
        qtbot.addWidget(again)
        again.show()
        assert again.width() > 700 and again.height() > 450  # as made for 150 %
        again.resize(760, 500)
        again.close()
        third = HelpDialog()  # at the same text size, kept as left
        qtbot.addWidget(third)
        third.show()
        assert abs(third.width() - 760) <= 4 and abs(third.height() - 500) <= 4
    finally:
        look.apply(qapp, look.Appearance())
