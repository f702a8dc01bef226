"""Help as the KIPUS uses it: F1 in a window opens the page about it, the Pomoc menu has
the guide and the troubleshooting page, and the search finds words with or without Polish
letters."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from app.core.textfold import fold
from app.help import pages as help_pages
from tests.conftest import plain, session_of, type_text
from ui.shell.help_dialog import PAGE_OF, TAB_PAGES, HelpDialog, page_for
from ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, db):
    win = MainWindow(session_of(db))
    qtbot.addWidget(win)
    win.show()
    win.load()
    return win


@pytest.fixture(autouse=True)
def _no_help_left_open(qapp):
    """A help window outlives the window it was opened from: later tests (the idle lock
    covers every open window) would find it still there."""
    yield
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, HelpDialog) and widget.isVisible():
            widget.close()


def _help_windows(parent) -> list[HelpDialog]:
    return [d for d in parent.findChildren(HelpDialog) if d.isVisible()]


def test_f1_on_each_tab_opens_where_that_tab_is_explained(qtbot, window):
    """Mieszkańcy and Wnioski opened „Jak zacząć” at „Instalacja”; Na dziś opened the
    steps, which do not explain the list."""
    with qtbot.waitActive(window):
        window.activateWindow()
    expected = {0: "Lista „Na dziś”", 1: "Pierwszy mieszkaniec",
                2: "Pierwszy wniosek i sprawa"}
    for index, heading in expected.items():
        window.tabs.setCurrentIndex(index)
        qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_F1)
        shown = _help_windows(window)
        assert len(shown) == 1 and shown[0].current_page() == "jak-zaczac"
        assert shown[0].browser.textCursor().selectedText() == heading
        shown[0].close()
        qtbot.waitUntil(lambda: not _help_windows(window))


def test_f1_and_a_screen_reader_work_at_the_password_before_any_main_window(qtbot, qapp,
                                                                           tmp_path):
    """The password window had no name for its field, and F1 began to work only once
    the main window was up."""
    from app.storage import encryption
    from ui.shell.help_dialog import install_f1
    from ui.shell.password_dialogs import RecoveryKeyDialog, UnlockDialog

    install_f1(qapp)  # as main() does before asking for the password
    path = tmp_path / "k.db"  # the window is only shown: no file is needed
    dialog = UnlockDialog(path)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    assert dialog.password.accessibleName() == "Hasło"
    assert dialog.password.hasFocus()
    qtbot.keyClick(dialog.password, Qt.Key.Key_F1)
    shown = _help_windows(dialog)
    assert len(shown) == 1 and shown[0].current_page() == "problemy"
    assert shown[0].browser.textCursor().selectedText() == "Nie pamiętam hasła"
    shown[0].close()
    sheet = RecoveryKeyDialog(encryption.recovery_code(encryption.new_data_key()), path, "CUS")
    qtbot.addWidget(sheet)
    focusable = []
    with qtbot.waitActive(sheet):
        sheet.show()
    for _ in range(6):  # Tab reaches the key itself, which a screen reader then reads
        focusable.append(sheet.focusWidget())
        qtbot.keyClick(sheet.focusWidget(), Qt.Key.Key_Tab)
    assert sheet.shown in focusable and sheet.shown.accessibleName() == "Klucz odzyskiwania"


def test_the_help_menu_opens_the_guide_and_the_search_finds_without_polish_letters(
        qtbot, window):
    menu = next(a for a in window.menuBar().actions() if plain(a.text()) == "Pomoc").menu()
    titles = [plain(a.text()) for a in menu.actions()]
    assert {"Pomoc do tego okna", "Jak zacząć", "Gdy coś pójdzie nie tak"} <= set(titles)
    assert set(help_pages.PAGES.values()) <= set(titles)  # every page, not only by search
    next(a for a in menu.actions() if plain(a.text()) == "Jak zacząć").trigger()
    dialog = _help_windows(window)[0]
    text = dialog.browser.toPlainText()
    for step in ("hasło", "klucz odzyskiwania", "Dodaj mieszkańca", "Zakwalifikuj",
                 "Dokumenty do podpisu", "Zrób kopię zapasową"):
        assert step in text, step  # the first hour: install to the first document, backups
    dialog.search.setFocus()
    type_text(dialog.search, "zapomnialam hasla")  # no Polish letters, other word forms
    assert dialog.current_page() in ("jak-zaczac", "problemy")
    dialog.search.clear()
    type_text(dialog.search, "xyzzy")
    assert dialog.pages.count() == 1 and "Nic nie znaleziono" in dialog.pages.item(0).text()
    dialog.search.clear()
    type_text(dialog.search, "haslo")
    assert dialog.current_page() in ("jak-zaczac", "problemy")
    assert "hasł" in dialog.browser.textCursor().selectedText().lower()  # shown where found
    dialog.search.clear()
    type_text(dialog.search, "zatwierdz dyrektor")
    found = [dialog.pages.item(r).data(Qt.ItemDataRole.UserRole)
             for r in range(dialog.pages.count())]
    assert "kroki" in found
    # other forms of a word: the box's own example found nothing, nor did „kopia”
    # („kopii”) or „drukować” („wydrukować”)
    for typed, page, seen in (("zatwierdzenie", "kroki", "zatwierd"),
                              ("kopia", "problemy", "kopi"),
                              ("drukować", "jak-zaczac", "druko")):
        dialog.search.clear()
        type_text(dialog.search, typed)
        found = [dialog.pages.item(r).data(Qt.ItemDataRole.UserRole)
                 for r in range(dialog.pages.count())]
        assert page in found, typed
        assert seen in fold(dialog.browser.textCursor().selectedText()), typed
    assert "zatwierdzenie" in dialog.search.placeholderText()


def test_each_window_has_its_page_and_a_case_opens_at_its_step():
    class CaseWizard:  # named as the case window: only its class name and step are read
        current = 4

    assert page_for(CaseWizard()) == ("kroki", "Krok 4.")
    for page, find in PAGE_OF.values():  # each window's place: a heading of its page
        assert page in help_pages.PAGES and (
            not find or f"\n## {find}\n" in help_pages.text(page)), (page, find)
    for page, find in TAB_PAGES.values():
        assert page in help_pages.PAGES and f"\n## {find}\n" in help_pages.text(page)
    for page in help_pages.PAGES:
        assert help_pages.text(page).startswith("# ")  # bundled, not fetched
    dialog = HelpDialog("kroki", "Krok 4.")
    assert dialog.browser.textCursor().selectedText() == "Krok 4."


def test_f1_in_the_first_run_form_opens_where_the_form_is_explained(qtbot, db):
    from ui.safety.first_run_dialog import FirstRunDialog

    form = FirstRunDialog(session_of(db))
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
    qtbot.keyClick(form.edits["cus_name"], Qt.Key.Key_F1)
    shown = _help_windows(form)
    assert len(shown) == 1 and shown[0].current_page() == "jak-zaczac"
    assert shown[0].browser.textCursor().selectedText() == "Dane centrum"


def test_every_picture_the_help_names_is_there_with_words_for_a_screen_reader():
    import re

    from PySide6.QtGui import QTextDocument

    dialog = HelpDialog()
    named = 0
    for page in help_pages.PAGES:
        for alt, path in re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", help_pages.text(page)):
            assert len(alt) > 10, path  # said, not only shown
            dialog.open_page(page)
            picture = dialog.browser.document().resource(
                QTextDocument.ResourceType.ImageResource, path)
            assert picture is not None and not picture.isNull(), path
            named += 1
    assert named >= 5


def test_the_pictures_are_made_from_the_program_by_a_script(qtbot, tmp_path):
    """The help's pictures are taken from the screens themselves (the build runs the
    script), so a changed screen changes its picture."""
    import importlib.util
    import re
    from pathlib import Path

    script = Path(__file__).resolve().parents[3] / "packaging" / "help_screenshots.py"
    spec = importlib.util.spec_from_file_location("help_screenshots", script)
    help_screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(help_screenshots)
    made = {p.name for p in help_screenshots.take(tmp_path)}
    named = {path.removeprefix("img/") for page in help_pages.PAGES
             for path in re.findall(r"!\[[^\]]*\]\((img/[^)]+)\)", help_pages.text(page))}
    assert named and named <= made


def test_no_help_page_sends_anyone_to_the_web():
    for page in help_pages.PAGES:
        assert "http" not in help_pages.text(page)


def test_help_actions_are_in_the_menu_not_only_on_f1(window):
    entries = [a for a in window.findChildren(QAction) if plain(a.text()) == "Pomoc do tego okna"]
    assert entries and entries[0].shortcut().toString() == "F1"
