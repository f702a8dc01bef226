"""Window sizes, splitters and table columns as the KIPUS left them, kept between starts in
a small file of the program's data folder ("okna.ini": sizes only, no personal data)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

from app.storage.paths import data_dir


def settings() -> QSettings:
    return QSettings(str(data_dir() / "okna.ini"), QSettings.Format.IniFormat)


class _Keeper(QObject):
    """Saves the window's layout when it is hidden or closed."""

    def __init__(self, window: QWidget, key: str):
        super().__init__(window)
        self.window, self.key = window, key

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            save(self.window, self.key)
        return False


def _parts(window: QWidget) -> list[tuple[str, QSplitter | QHeaderView]]:
    """The splitters and the column headers of tables that have a name of their own."""
    parts: list[tuple[str, QSplitter | QHeaderView]] = []
    for n, splitter in enumerate(window.findChildren(QSplitter)):
        parts.append((f"splitter{n}", splitter))
    seen: dict[str, int] = {}
    for header in window.findChildren(QHeaderView):
        view = header.parent()
        name = view.accessibleName() if view is not None else ""
        if name and header.orientation().name == "Horizontal":
            # tables of one name in a window (a record list on each step) each keep
            # their own widths: the second, „name 2”
            seen[name] = seen.get(name, 0) + 1
            parts.append((f"kolumny/{name}" + (f" {seen[name]}" if seen[name] > 1 else ""),
                          header))
    return parts


def remember(window: QWidget, key: str) -> None:
    """Give ``window`` the size and layout it had when last closed, and keep them on close.
    A size larger than the screen now (another monitor) is not restored."""
    from ui.common import look  # look reads its own choice through settings() here

    stored = settings()
    if str(stored.value(f"{key}/tekst", "100")) != str(_text_size()):
        # kept at another text size: a window sized for 100 % would cut 200 % text, and
        # its columns would be too narrow; it opens at the size made for this text size
        window.installEventFilter(_Keeper(window, key))
        return
    geometry = stored.value(f"{key}/okno")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
        room = look.screen_room(window)
        if window.width() > room.width() or window.height() > room.height():
            window.resize(min(window.width(), room.width()),
                          min(window.height(), room.height()))
    for name, part in _parts(window):
        state = stored.value(f"{key}/{name}")
        if isinstance(state, QByteArray) and not state.isEmpty():
            if isinstance(part, QHeaderView):
                _restore_header(part, state)
            else:
                part.restoreState(state)
    window.installEventFilter(_Keeper(window, key))


def save(window: QWidget, key: str) -> None:
    stored = settings()
    stored.setValue(f"{key}/tekst", _text_size())
    stored.setValue(f"{key}/okno", window.saveGeometry())
    for name, part in _parts(window):
        stored.setValue(f"{key}/{name}", _header_state(part) if isinstance(part, QHeaderView)
                        else part.saveState())
    stored.sync()


# Qt refuses a header's state whose alignment wraps the titles (look.wrapping_header):
# the state is kept without the wrap, and the wrap is given back after restoring it
_WRAP = Qt.TextFlag.TextWordWrap


def _header_state(header: QHeaderView) -> QByteArray:
    alignment = header.defaultAlignment()
    header.setDefaultAlignment(alignment & ~_WRAP)
    try:
        return header.saveState()
    finally:
        header.setDefaultAlignment(alignment)


def _restore_header(header: QHeaderView, state: QByteArray) -> None:
    from ui.common import look

    wraps = bool(header.defaultAlignment() & _WRAP)
    if header.restoreState(state) and header.parent() is not None:
        look.widths_kept(header.parent())
    if wraps:
        header.setDefaultAlignment(header.defaultAlignment() | _WRAP)


def _text_size() -> int:
    from ui.common import look  # look reads its own choice through settings() here

    return look.current().text_size
