"""Text size and high contrast, chosen in the Widok menu: applied at once to open windows,
kept for the next start, readable (WCAG 1.4.3 / 1.4.11 contrast), and at the largest text
the main screens still fit a 1366×768 laptop screen."""

import pytest
from PySide6.QtGui import QColor, QPalette

from tests.conftest import plain
from ui.common import look

# what a 1366×768 laptop leaves a window's contents: a 40-pixel taskbar, and the
# window's own title bar and borders (look.FRAME)
LAPTOP = (1366 - look.FRAME.width(), 768 - 40 - look.FRAME.height())


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def window(demo_window):
    return demo_window


def _menu_action(window, menu_title: str, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if plain(a.text()) == menu_title)
    for action in menu.actions():
        if plain(action.text()) == text:
            return action
        if action.menu() is not None:
            for inner in action.menu().actions():
                if plain(inner.text()) == text:
                    return inner
    raise AssertionError(f"no {text!r} in {menu_title}")


def test_the_largest_text_from_the_menu_reaches_open_windows_and_the_next_start(window, qapp):
    system = float(qapp.property("system_point_size"))
    _menu_action(window, "Widok", "Bardzo duży (200%)").trigger()
    assert qapp.font().pointSizeF() == pytest.approx(2 * system)
    assert window.table.font().pointSizeF() == pytest.approx(2 * system)  # the open window
    assert look.stored() == look.Appearance(200, False)
    # pixel sizes follow: a row holds its text, a column is wider
    assert window.table.verticalHeader().defaultSectionSize() > window.table.fontMetrics(
        ).height()
    assert window.table.columnWidth(0) == look.px(190) >= 2 * 190 - 2
    _menu_action(window, "Widok", "Tekst mniejszy").trigger()
    assert look.stored().text_size == 150


def test_at_200_percent_the_main_screens_fit_a_laptop_screen(window, qapp, qtbot):
    from ui.case.wizard import CaseWizard
    from ui.safety.first_run_dialog import FirstRunDialog

    look.apply(qapp, look.Appearance(200, False))
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        hint = window.minimumSizeHint()
        assert hint.width() <= LAPTOP[0] and hint.height() <= LAPTOP[1], (
            window.tabs.tabText(index), hint)
    case_id = window.db.execute("SELECT id FROM cases WHERE status = 'otwarta' LIMIT 1"
                                ).fetchone()[0]
    wizard = CaseWizard(window.session, case_id, step=1)
    qtbot.addWidget(wizard)
    first = FirstRunDialog(window.session)
    qtbot.addWidget(first)
    from ui.documents.screens import IssueDialog, RegisterDialog
    from ui.register.resident_cases_dialog import ResidentCasesDialog
    from ui.register.resident_dialog import ResidentDialog
    from ui.reports.screens import ReportsDialog
    from ui.work.applications_page import new_application_dialog

    resident, version = window.db.execute(
        "SELECT c.resident_id, v.id FROM plan_versions v JOIN plans p ON p.id = v.plan_id"
        " JOIN cases c ON c.id = p.case_id LIMIT 1").fetchone()
    others = [ReportsDialog(window.session), ResidentDialog(window.session),
              ResidentCasesDialog(window.session, resident, "Anna Nowak"),
              IssueDialog(window.session, "ipus", version), RegisterDialog(window.session),
              new_application_dialog(window.session, resident, "Anna Nowak", None)]
    for dialog in others:
        qtbot.addWidget(dialog)
    for dialog in (wizard, first, *others):  # Zestawienia was 2169 px wide, the form 1936
        hint = dialog.minimumSizeHint()
        assert hint.width() <= LAPTOP[0] and hint.height() <= LAPTOP[1], (dialog, hint)
    # no step's page is wider than the room beside the list of steps (it would scroll
    # sideways)
    room = LAPTOP[0] - wizard.steps.width() - 40
    for number, page in wizard.pages.items():
        assert page.minimumSizeHint().width() <= room, (number, page.minimumSizeHint())
    # every step's name is whole in the list of steps, over more lines: one line each
    # took a third of the screen
    from PySide6.QtCore import QRect, Qt

    assert wizard.steps.width() <= LAPTOP[0] // 5
    wizard.show()
    qtbot.waitExposed(wizard)
    metrics, steps = wizard.steps.fontMetrics(), wizard.steps
    for item in (steps.item(i) for i in range(steps.count())):
        where = steps.visualItemRect(item)
        assert all(metrics.horizontalAdvance(word) < where.width()
                   for word in item.text().split()), item.text()
        needed = metrics.boundingRect(QRect(0, 0, where.width(), 10_000),
                                      Qt.TextFlag.TextWordWrap, item.text()).height()
        assert where.height() >= needed, item.text()
    # the plan's form lies whole under its list: the page scrolls, not a box inside it,
    # which hid the last fields of the form
    from PySide6.QtWidgets import QScrollArea

    wizard.go(4, leaving=False)
    qtbot.wait(50)
    inner = wizard.pages[4].findChildren(QScrollArea)
    assert inner and all(area.verticalScrollBar().maximum() == 0 for area in inner), [
        area.verticalScrollBar().maximum() for area in inner]
    assert wizard.stack.currentWidget().verticalScrollBar().maximum() > 0
    wizard.go(1, leaving=False)
    # a note field still shows its three lines
    notes = wizard.pages[1].request
    assert notes.height() >= 3 * notes.fontMetrics().lineSpacing()


def test_high_contrast_is_white_on_black_and_every_tone_reads(window, qapp):
    action = _menu_action(window, "Widok", "Wysoki kontrast (biały tekst na czarnym tle)")
    action.trigger()
    palette = window.palette()
    assert palette.color(QPalette.ColorRole.Window) == QColor("#000000")
    assert palette.color(QPalette.ColorRole.WindowText) == QColor("#ffffff")
    assert look.stored().high_contrast
    # the backup warning in the status bar takes the tone's colour for the black look
    shown = window.backup_label.palette().color(window.backup_label.foregroundRole())
    assert shown == QColor(look.TONES["error"][1])
    for light, dark in look.TONES.values():
        assert _contrast(QColor(light), QColor("#ffffff")) >= 4.5, light
        assert _contrast(QColor(light), QColor("#efefef")) >= 4.5, light  # Fusion's window
        assert _contrast(QColor(dark), QColor("#000000")) >= 4.5, dark
    frame = QColor("#" + look.ERROR_FRAME.split("#")[1].rstrip(";"))
    for back in ("#ffffff", "#000000"):
        assert _contrast(frame, QColor(back)) >= 3, back
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert _contrast(disabled, palette.color(QPalette.ColorGroup.Disabled,
                                             QPalette.ColorRole.Base)) >= 4.5
    action.trigger()
    assert not look.stored().high_contrast
    assert window.palette().color(QPalette.ColorRole.Window) != QColor("#000000")


def test_a_look_stored_by_hand_with_nonsense_falls_back_to_the_ordinary_one(qapp):
    from ui.common.remembered import settings

    kept = settings()
    kept.setValue("wyglad/tekst", "ogromny")
    kept.setValue("wyglad/kontrast", "może")
    kept.sync()
    assert look.stored() == look.Appearance()


def test_an_empty_check_box_is_seen_in_high_contrast(qapp, qtbot):
    """Fusion framed the box in a shade of black on black: an empty box was not there."""
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    look.apply(qapp, look.Appearance(100, True))
    try:
        box = QCheckBox("pusty")
        qtbot.addWidget(box)
        box.show()
        option = QStyleOptionButton()
        box.initStyleOption(option)
        where = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        picture = box.grab().toImage()
        light = [picture.pixelColor(x, y).lightness() for x in range(where.left(), where.right())
                 for y in range(where.top(), where.bottom())]
        assert max(light) > 200 and min(light) < 60  # a white frame round a black box
    finally:
        look.apply(qapp, look.Appearance())


def test_a_column_title_wider_than_its_column_wraps_and_the_header_grows(qapp, qtbot):
    """At 150 % step 3's titles were cut to „sługa z katalog” and „owód odrzucen”."""
    from ui.common.widgets import list_table

    look.apply(qapp, look.Appearance(150, False))
    try:
        table = list_table(["Potrzeba", "Usługa z katalogu", "Wybrana", "Powód odrzucenia"])
        qtbot.addWidget(table)
        header = table.horizontalHeader()
        table.resize(1200, 300)
        table.show()
        qtbot.waitUntil(lambda: header.sectionSize(1) > 200)
        qtbot.wait(20)
        one_line, metrics = header.height(), header.fontMetrics()
        assert one_line < 2 * metrics.height()
        table.resize(420, 300)
        qtbot.waitUntil(lambda: header.sectionSize(1) < 110)
        assert metrics.horizontalAdvance("Usługa z katalogu") > header.sectionSize(1)
        # a second line for the title
        qtbot.waitUntil(lambda: header.height() >= one_line + metrics.height())
        table.resize(1200, 300)
        qtbot.waitUntil(lambda: header.height() == one_line)  # and back to one
    finally:
        look.apply(qapp, look.Appearance())


def test_a_long_choice_in_a_drop_down_is_never_cut_when_the_form_narrows(qapp, qtbot):
    """Step 3 at 100 %: the service's name took three lines in a field laid out for two,
    and the first and last lines were cut in half."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QFormLayout, QWidget

    from ui.common.wrapping_combo import WrappingCombo

    form_widget = QWidget()
    qtbot.addWidget(form_widget)
    combo = WrappingCombo()
    combo.addItem("Interwencja kryzysowa i pomoc w nagłych przypadkach (Pomoc społeczna)")
    QFormLayout(form_widget).addRow("Usługa z katalogu", combo)
    form_widget.resize(900, 200)
    form_widget.show()
    qtbot.wait(20)
    for width in (520, 420, 360):
        form_widget.resize(width, 200)
        text_room = combo._text_width(combo.width())
        lines = combo.fontMetrics().boundingRect(
            QRect(0, 0, text_room, 10_000), Qt.TextFlag.TextWordWrap,
            combo.currentText()).height() // combo.fontMetrics().height()
        qtbot.waitUntil(lambda: combo.height() >= combo.heightForWidth(combo.width()))
        assert combo.height() >= lines * combo.fontMetrics().height(), (width, lines)
