"""The "Widok" menu: text size and the high-contrast look, for the person at this laptop.
A choice applies at once to every open window and is kept for the next start."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from ui.common import look

SIZES = list(look.TEXT_SIZES)


def add_view_menu(window: QMainWindow) -> QMenu:
    menu = window.menuBar().addMenu("&Widok")
    sizes = menu.addMenu("&Wielkość tekstu")
    group = QActionGroup(window)
    now = look.current()
    by_size: dict[int, QAction] = {}
    for size, label in look.TEXT_SIZES.items():
        action = QAction(f"&{label} ({size}%)", window)
        action.setCheckable(True)
        action.setChecked(size == now.text_size)
        action.triggered.connect(lambda _=False, s=size: choose(text_size=s))
        group.addAction(action)
        sizes.addAction(action)
        by_size[size] = action
    sizes.addSeparator()
    for label, key, step in (("&Tekst większy", QKeySequence.StandardKey.ZoomIn, 1),
                             ("Tekst &mniejszy", QKeySequence.StandardKey.ZoomOut, -1)):
        action = QAction(label, window)
        action.setShortcut(key)
        action.triggered.connect(lambda _=False, s=step: _step(s))
        sizes.addAction(action)
    contrast = QAction("Wysoki &kontrast (biały tekst na czarnym tle)", window)
    contrast.setCheckable(True)
    contrast.setChecked(now.high_contrast)
    contrast.triggered.connect(lambda on: choose(high_contrast=on))
    menu.addAction(contrast)

    def shown() -> None:  # the ticks follow a change made by a shortcut
        chosen = look.current()
        by_size[chosen.text_size].setChecked(True)
        contrast.setChecked(chosen.high_contrast)
    menu.aboutToShow.connect(shown)
    return menu


def choose(text_size: int | None = None, high_contrast: bool | None = None) -> None:
    """Apply and keep a new look; what is not given stays as it is."""
    now = look.current()
    chosen = look.Appearance(now.text_size if text_size is None else text_size,
                             now.high_contrast if high_contrast is None else high_contrast)
    app = QApplication.instance()
    if chosen != now and isinstance(app, QApplication):
        look.apply(app, chosen)
        look.store(chosen)


def _step(direction: int) -> None:
    at = SIZES.index(look.current().text_size)
    choose(text_size=SIZES[max(0, min(len(SIZES) - 1, at + direction))])
