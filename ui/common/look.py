"""How the program looks and answers the keyboard beyond Qt's defaults, for the person at the
laptop: text size (100–200 %) and a high-contrast look, kept between starts; text in
disabled and read-only fields stays readable (Qt's own grey on grey is under 3:1; WCAG AA
asks 4.5:1 for text); and Tab never stays inside a multi-line field.

Colours that say something (an error, a warning, done) are named tones, not colours at
the call site: one app-wide style sheet gives each tone a colour that reads on the look in
use, and a change of look repaints every open window at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTableView,
    QTextEdit,
    QWidget,
)

from app.core import resources
from ui.common import mnemonics

# text size as a share of the system's: the labels the menu shows
TEXT_SIZES = {100: "Zwykły", 125: "Większy", 150: "Duży", 200: "Bardzo duży"}
# tone → (on the ordinary light look, on the high-contrast black one); each at least 4.5:1
# against its background (WCAG 1.4.3)
TONES = {"error": ("#b00020", "#ff9e9e"), "warning": ("#8a5300", "#ffd54f"),
         "ok": ("#1b5e20", "#a5f2b3"), "muted": ("#595959", "#e0e0e0")}
# a refused field's frame: 3:1 or more on white and on black alike (WCAG 1.4.11)
ERROR_FRAME = "border: 2px solid #e00000;"
READ_ONLY_TEXT = QColor("#3c3c3c")
READ_ONLY_BACKGROUND = QColor("#f2f2f2")


@dataclass(frozen=True)
class Appearance:
    text_size: int = 100  # per cent of the system's font
    high_contrast: bool = False


def stored() -> Appearance:
    """The look chosen on this computer (kept with the window sizes: no personal data)."""
    from ui.common.remembered import settings

    kept = settings()
    size = kept.value("wyglad/tekst", 100)
    try:
        size = int(size)
    except (TypeError, ValueError):
        size = 100
    return Appearance(size if size in TEXT_SIZES else 100,
                      str(kept.value("wyglad/kontrast", "false")).lower() == "true")


def store(appearance: Appearance) -> None:
    from ui.common.remembered import settings

    kept = settings()
    kept.setValue("wyglad/tekst", appearance.text_size)
    kept.setValue("wyglad/kontrast", "true" if appearance.high_contrast else "false")
    kept.sync()


def current() -> Appearance:
    app = QApplication.instance()
    chosen = app.property("appearance") if app is not None else None
    return chosen if isinstance(chosen, Appearance) else Appearance()


class _TabMovesOn(QObject):
    """Tab in a multi-line field goes to the next field instead of typing a tab, and in a
    list it goes to the next control instead of the next cell: without a mouse, either
    would be a trap (WCAG 2.1.2). No note needs a tab; a list's rows are chosen with the
    arrows. A grid she types into keeps Tab from cell to cell."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Polish:
            if isinstance(watched, QPlainTextEdit | QTextEdit):
                watched.setTabChangesFocus(True)
            elif _a_list(watched):
                watched.setTabKeyNavigation(False)
        elif event.type() == QEvent.Type.FocusIn and _a_list(watched):
            _choose_a_row(watched)
        return False


def _a_list(widget) -> bool:
    """A list of records (rows chosen whole), not a grid of cells to type into."""
    return isinstance(widget, QAbstractItemView) and widget.selectionBehavior() == \
        QAbstractItemView.SelectionBehavior.SelectRows


def _choose_a_row(view: QAbstractItemView) -> None:
    """Tab into a list with nothing chosen chooses its first row (or the one under the
    cursor): else the arrows only move a dotted frame and "Otwórz" says "Zaznacz"."""
    model, chosen = view.model(), view.selectionModel()
    if model is None or chosen is None or chosen.hasSelection() or model.rowCount() == 0:
        return
    current = view.currentIndex()
    row = current if current.isValid() else model.index(0, 0)
    chosen.setCurrentIndex(row, QItemSelectionModel.SelectionFlag.ClearAndSelect
                           | QItemSelectionModel.SelectionFlag.Rows)


LONG_SENTENCE = 70  # characters: a label this long is an explanation, not a caption


class _FormsWrap(QObject):
    """A form whose label and field do not fit side by side puts the field under its label:
    with large text, "Zgoda na prowadzenie karty usług" beside a wide list would make the
    window wider than the screen."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.Polish or not isinstance(watched, QWidget):
            return False
        layout = watched.layout()
        if layout is not None:
            # nested layouts are the layout's QObject children; never itemAt(): PySide
            # keeps a QLayoutItem's wrapper after Qt deletes the item, and a later object
            # at that address came back as a QSpacerItem ("QSpacerItem has no addAction")
            _wrap_forms([layout, *layout.findChildren(QFormLayout)])
        elif isinstance(watched, QLabel) and not watched.wordWrap() \
                and len(watched.text()) > LONG_SENTENCE:
            watched.setWordWrap(True)  # a sentence on one line: a window wider than a screen
        return False


def _wrap_forms(forms: Iterable[QObject]) -> None:
    # From 150 % every label goes above its field: beside a long label a field was left
    # too narrow to show its value ("adnicze zawodowe")
    policy = (QFormLayout.RowWrapPolicy.WrapAllRows if large_text()
              else QFormLayout.RowWrapPolicy.WrapLongRows)
    for form in forms:
        if isinstance(form, QFormLayout):
            form.setRowWrapPolicy(policy)


def keyboard_rules(app: QApplication) -> None:
    """Once per program: the keyboard and layout rules every window keeps."""
    if not app.property("keyboard_rules"):
        app.installEventFilter(_TabMovesOn(app))
        app.installEventFilter(_FormsWrap(app))
        mnemonics.install(app)
        app.setProperty("keyboard_rules", True)


def apply(app: QApplication, appearance: Appearance | None = None) -> None:
    """Set the look (the stored one unless given) on the whole program, open windows too."""
    keyboard_rules(app)
    appearance = appearance or stored()
    if app.property("system_point_size") is None:  # the system's, before any change of ours
        app.setProperty("system_point_size", app.font().pointSizeF())
        app.setProperty("system_style", app.style().name())
    font = app.font()
    font.setPointSizeF(float(app.property("system_point_size")) * appearance.text_size / 100)
    app.setFont(font)
    if appearance.high_contrast:
        # the native Windows style ignores a palette; Fusion draws with it (a style is
        # replaced only when it must be: widgets still hold the one they were drawn with)
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(_high_contrast_palette())
    else:
        if app.style().name().lower() != str(app.property("system_style")).lower():
            app.setStyle(str(app.property("system_style")))
        app.setPalette(_light_palette(app.style().standardPalette()))
    app.setProperty("appearance", appearance)
    app.setStyleSheet(_style_sheet(appearance, font.pointSizeF()))
    for window in app.topLevelWidgets():  # the open ones, as new ones get it on polish
        _wrap_forms(window.findChildren(QFormLayout))


def _light_palette(palette: QPalette) -> QPalette:
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText, QPalette.ColorRole.PlaceholderText):
        palette.setColor(disabled, role, READ_ONLY_TEXT)
    palette.setColor(disabled, QPalette.ColorRole.Base, READ_ONLY_BACKGROUND)
    return palette


def _high_contrast_palette() -> QPalette:
    """White on black, the selection and focus in yellow, as Windows' own high contrast."""
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    palette = QPalette()
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for r in (role.Window, role.Base, role.Button, role.AlternateBase, role.ToolTipBase):
            palette.setColor(group, r, black)
        palette.setColor(group, role.AlternateBase, QColor("#1c1c1c"))
        for r in (role.WindowText, role.Text, role.ButtonText, role.ToolTipText,
                  role.BrightText):
            palette.setColor(group, r, white)
        palette.setColor(group, role.PlaceholderText, QColor("#c8c8c8"))
        palette.setColor(group, role.Highlight, yellow)
        palette.setColor(group, role.HighlightedText, black)
        palette.setColor(group, role.Link, QColor("#80d8ff"))
        for r in (role.Light, role.Midlight, role.Mid, role.Dark, role.Shadow):
            palette.setColor(group, r, white)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Window, role.Base, role.Button):
        palette.setColor(disabled, r, QColor("#141414"))
    for r in (role.WindowText, role.Text, role.ButtonText, role.PlaceholderText):
        palette.setColor(disabled, r, QColor("#c0c0c0"))  # 11:1 on black: still readable
    palette.setColor(disabled, role.Highlight, QColor("#808000"))
    return palette


def _style_sheet(appearance: Appearance, point_size: float) -> str:
    contrast = 1 if appearance.high_contrast else 0
    rules = [f'*[tone="{name}"] {{ color: {colours[contrast]}; }}'
             for name, colours in TONES.items()]
    # a caption's last glyph (a ")") inks a pixel past the width Qt measures for it and
    # was cut off; the pixels to spare are the text's, at every size
    rules += ["QLabel { padding-right: 2px; }",
              '*[strong="true"] { font-weight: bold; }',
              f'QLabel[heading="1"] {{ font-size: {point_size * 1.6:.1f}pt; font-weight: bold; }}',
              f'QLabel[heading="2"] {{ font-size: {point_size * 1.5:.1f}pt; font-weight: bold; }}',
              "LockOverlay { background: %s; }" % ("#000000" if contrast else "#dfe3e8")]
    box = round(13 * appearance.text_size / 100)  # a box to tick as large as its text
    if contrast:
        # Fusion frames a check box in a shade of the window's colour: on black, an
        # empty box was not there at all
        tick = (resources.folder("icons") / "check-white.svg").as_posix()
        rules += [f"QCheckBox::indicator, QAbstractItemView::indicator {{ width: {box}px;"
                  f" height: {box}px; border: 2px solid #ffffff; background: #000000; }}",
                  f'QCheckBox::indicator:checked, QAbstractItemView::indicator:checked'
                  f' {{ image: url("{tick}"); }}',
                  "QCheckBox::indicator:disabled { border-color: #c0c0c0; }"]
    elif appearance.text_size > 100:
        rules.append(f"QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator"
                     f" {{ width: {box}px; height: {box}px; }}")
    if contrast:
        # every field and button framed in white, the one with the focus in yellow (WCAG
        # 2.4.7): Fusion's grey frames vanish on black
        rules += ["QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDateEdit,"
                  " QListView, QTreeView, QTableView, QListWidget, QTableWidget"
                  " { border: 1px solid #ffffff; }",
                  "QPushButton { border: 1px solid #ffffff; padding: 4px 10px; }",
                  "QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus,"
                  " QPushButton:focus, QListView:focus, QTreeView:focus, QTableView:focus,"
                  " QCheckBox:focus, QRadioButton:focus, QTabBar::tab:focus"
                  " { border: 2px solid #ffff00; }",
                  'QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"]'
                  " { background: #1c1c1c; color: #ffffff; }",
                  "QTabBar::tab:selected { background: #ffff00; color: #000000; }",
                  "QToolTip { background: #000000; color: #ffffff; border: 1px solid #ffffff; }"]
    else:
        # a read-only field looks set apart, its text as dark as any other
        rules.append('QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"]'
                     " { background: #f2f2f2; color: #1a1a1a; }")
    return "\n".join(rules)


def tone(widget: QWidget, name: str | None, strong: bool = False) -> None:
    """Colour ``widget``'s text by what it says: "error", "warning", "ok", "muted", or
    None for the ordinary text colour; ``strong`` also sets it in bold."""
    assert name is None or name in TONES, name
    widget.setProperty("tone", name or "")
    widget.setProperty("strong", "true" if strong else "false")
    _repolish(widget)


def heading(widget: QWidget, level: int = 1) -> None:
    """A screen's title, larger than the text around it at any text size."""
    widget.setProperty("heading", str(level))
    _repolish(widget)


def tone_color(name: str) -> QColor:
    """A tone's colour for what a style sheet does not reach (a table model's text)."""
    return QColor(TONES[name][1 if current().high_contrast else 0])


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class _Refit(QObject):
    def __init__(self, widget: QWidget, fit: Callable[[], None], on_resize: bool = False,
                 on_layout: bool = False):
        super().__init__(widget)
        self.fit = fit
        self.events = ({QEvent.Type.FontChange} | ({QEvent.Type.Resize} if on_resize else set())
                       | ({QEvent.Type.LayoutRequest} if on_layout else set()))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() in self.events:
            self.fit()
        return False


def sized(widget: QWidget, fit: Callable[[], None]) -> None:
    """Run ``fit`` now and again whenever ``widget``'s text size changes: sizes set in
    pixels for the ordinary text size would cut large text off."""
    fit()
    widget.installEventFilter(_Refit(widget, fit))


def whole_when_stacked(area: QScrollArea) -> None:
    """From 150 % ``area`` is as tall as its widget and never scrolls: the forms stack
    there and the page round it scrolls, and a box scrolling inside a scrolling page
    hid the end of its form."""
    inner = area.widget()

    def fit() -> None:
        stacked = large_text()
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if stacked
                                        else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        width = area.viewport().width()
        tall = max(inner.sizeHint().height(), inner.minimumSizeHint().height(),
                   inner.heightForWidth(width) if width > 0 else 0)
        area.setMinimumHeight(tall + 2 * area.frameWidth() if stacked else 0)
    sized(area, fit)
    inner.installEventFilter(_Refit(inner, fit, on_layout=True))
    area.viewport().installEventFilter(_Refit(area.viewport(), fit, on_resize=True))


def side_by_side(widget: QWidget, *rows: QBoxLayout) -> None:
    """``rows`` lay their parts side by side at the ordinary text size and one under
    another from 150 %, where two columns would be wider than a laptop's screen."""
    def fit() -> None:
        direction = (QBoxLayout.Direction.TopToBottom if large_text()
                     else QBoxLayout.Direction.LeftToRight)
        for row in rows:
            row.setDirection(direction)
    sized(widget, fit)


def large_text() -> bool:
    """150 % or more: labels go above their fields, parts side by side go one under
    another, a page scrolls as a whole; side by side they would not fit a laptop."""
    return px(100) >= 150  # by the font itself: asked while a new size reaches windows


def px(pixels: float) -> int:
    """``pixels`` measured at the ordinary text size, at the text size in use."""
    app = QApplication.instance()
    system = app.property("system_point_size") if app is not None else None
    if not system or not isinstance(app, QApplication):
        return round(pixels)
    return round(pixels * app.font().pointSizeF() / float(system))


def resize(window: QWidget, width: int, height: int) -> None:
    """A window's first size, given at the ordinary text size: larger with larger text,
    never larger than the screen it opens on. ``height`` 0: as tall as its contents
    need at that width (measured polished: the style sheet's paddings count)."""
    width, height = px(width), px(height)
    layout = window.layout()
    if height == 0 and layout is not None:
        window.ensurePolished()
        layout.activate()
        height = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
    room = screen_room(window)
    window.resize(min(width, room.width()), min(height, room.height()))


# what a window's frame takes round its contents: the title bar and the borders (Windows
# 10/11: 31 + 8 px; a window as tall as the free screen had its buttons below the edge)
FRAME = QSize(16, 48)


def screen_room(window: QWidget) -> QSize:
    """The most a window's contents may take on its screen, frame and taskbar aside."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return QSize(10_000, 10_000)
    return screen.availableGeometry().size() - FRAME


def lines_tall(widget: QWidget, lines: float, fixed: bool = True) -> None:
    """A multi-line field or a list ``lines`` lines of text high (or, not ``fixed``, at
    most), at any text size: a height in pixels would show one line of large text."""
    def fit() -> None:
        frame = getattr(widget, "frameWidth", lambda: 1)()
        height = round(widget.fontMetrics().lineSpacing() * lines + 2 * frame + 8)
        (widget.setFixedHeight if fixed else widget.setMaximumHeight)(height)
    sized(widget, fit)


def chars_wide(widget: QWidget, chars: int, fixed: bool = False) -> None:
    """At most (or, ``fixed``, exactly) ``chars`` average characters wide, at any text size."""
    def fit() -> None:
        width = widget.fontMetrics().averageCharWidth() * chars + 16
        (widget.setFixedWidth if fixed else widget.setMaximumWidth)(width)
    sized(widget, fit)


def wrapping_header(table: QTableView) -> None:
    """Column titles wrap onto more lines when the column is narrower than its title,
    and the header grows to show them (at 150 % step 3 read „sługa z katalog”)."""
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)

    def fit() -> None:
        model, metrics = table.model(), header.fontMetrics()
        tallest = metrics.height()
        for column in range(model.columnCount() if model is not None else 0):
            if header.isSectionHidden(column):
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            room = QRect(0, 0, max(1, header.sectionSize(column) - px(12)), 10_000)
            tallest = max(tallest, metrics.boundingRect(
                room, Qt.TextFlag.TextWordWrap, title).height())
        height = tallest + px(10) if tallest > metrics.height() else 0
        if height != header.minimumHeight():
            header.setMinimumHeight(height)
            header.geometriesChanged.emit()  # the view places its header and rows again
    # once, after a resize has settled every section (each one signals)
    later = QTimer(header, singleShot=True, interval=0)
    later.timeout.connect(fit)
    header.sectionResized.connect(lambda *_: later.start())
    sized(header, fit)


def widths_kept(table: QAbstractItemView) -> None:
    """The table's column widths are the KIPUS's own (dragged, or restored as she left
    them): ``column_widths`` leaves them as they are until the text size changes."""
    table.setProperty("kolumny_recznie", px(100))


def column_widths(table: QTableView, widths: Sequence[int | None],
                  whole: Mapping[int, str] | None = None) -> None:
    """Columns as wide as ``widths`` (pixels at the ordinary text size; None: left as
    it is, or the stretching one), wider with larger text; narrowed in proportion when
    they would leave a stretching column less than a few words (large text in a
    narrow window squeezed a service's name to "/ dz"), but never below the text
    ``whole`` gives for a column (a date cannot wrap: „01.12.202”). Once the KIPUS
    drags a column, or her widths are restored, they are left as she set them until
    the text size changes."""
    header = table.horizontalHeader()
    fitting = False

    def fit() -> None:
        nonlocal fitting
        if table.property("kolumny_recznie") == px(100):  # hers, at this text size
            return
        wanted = {column: px(width) for column, width in enumerate(widths) if width}
        stretching = px(180) if None in widths else 0  # its fair part, as if fixed
        total = sum(wanted.values())
        room = table.viewport().width()
        share = min(1.0, room / (total + stretching)) if stretching and room > 0 else 1.0
        metrics = table.fontMetrics()
        fitting = True
        try:
            for column, width in wanted.items():
                least = metrics.horizontalAdvance((whole or {}).get(column, "")) + px(14)
                table.setColumnWidth(column, max(px(60), least, int(width * share)))
        finally:
            fitting = False

    def by_hand(column: int, *_) -> None:
        if not fitting and (header.sectionResizeMode(column)
                            == QHeaderView.ResizeMode.Interactive):
            widths_kept(table)
    sized(table, fit)
    header.sectionResized.connect(by_hand)
    table.viewport().installEventFilter(_Refit(table.viewport(), fit, on_resize=True))
    wrapping_header(table)
