"""The main flow with the keyboard alone: no action reachable only by the mouse, and no
field that keeps the Tab key (WCAG 2.1.1 and 2.1.2)."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from tests.conftest import plain, session_of, type_text
from ui.register.resident_dialog import ResidentDialog
from ui.shell.main_window import MainWindow

TYPED = {"surname": "Żółkiewska", "first_name": "Łucja", "pesel": "44051401359",
         "street": "Polna", "house_no": "3", "postal_code": "33-240", "city": "Żabno"}


def test_a_resident_is_registered_by_keys_alone(qtbot, db):
    """The form opens in Nazwisko; Tab walks the fields in reading order; Enter saves."""
    window = MainWindow(session_of(db))
    qtbot.addWidget(window)
    add = next(a for a in window.findChildren(QAction) if plain(a.text()) == "Dodaj mieszkańca")
    assert add.shortcut() == QKeySequence(QKeySequence.StandardKey.New)  # Ctrl+N
    dialog = ResidentDialog(session_of(db))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    fields = {id(edit): name for name, edit in dialog.edits.items()}
    assert fields.get(id(QApplication.focusWidget())) == "surname"
    for _ in range(60):
        focused = QApplication.focusWidget()
        name = fields.get(id(focused))
        if name in TYPED and not focused.text():
            type_text(focused, TYPED[name])
        if name == "city":
            break
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Zapisz
    assert not dialog.isVisible()
    assert db.execute("SELECT surname, first_name, pesel, street, house_no, postal_code, city"
                      " FROM residents").fetchall() == [tuple(TYPED.values())]


def test_tab_leaves_every_multi_line_field(qtbot, db):
    """A note field that took Tab as a character kept the keyboard user inside it."""
    dialog = ResidentDialog(session_of(db))
    qtbot.addWidget(dialog)
    dialog.show()
    notes = [w for w in dialog.findChildren(QPlainTextEdit) if w.isVisibleTo(dialog)]
    assert notes
    for note in notes:
        note.setFocus()
        qtbot.keyClick(note, Qt.Key.Key_Tab)
        assert "\t" not in note.toPlainText() and note.tabChangesFocus()
