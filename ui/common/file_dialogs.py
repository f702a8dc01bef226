"""Choosing where a file or folder goes, with the folder remembered between uses (each kind
of file its own: documents, backups, exports), so the KIPUS does not browse there again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def _settings() -> QSettings:
    return QSettings("Koordynator", "Koordynator")


def last_folder(kind: str) -> str:
    """The folder last used for ``kind``, else the user's Documents."""
    remembered = _settings().value(f"folders/{kind}", "", str)
    if remembered and Path(remembered).is_dir():
        return remembered
    return QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def remember(kind: str, folder: Path) -> None:
    _settings().setValue(f"folders/{kind}", str(folder))


def save_file(parent: QWidget, title: str, kind: str, name: str,
              filter_: str = "PDF (*.pdf)") -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path(last_folder(kind)) / name),
                                            filter_)
    if not chosen:
        return None
    remember(kind, Path(chosen).parent)
    return Path(chosen)


def open_file(parent: QWidget, title: str, kind: str, filter_: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, last_folder(kind), filter_)
    if not chosen:
        return None
    remember(kind, Path(chosen).parent)
    return Path(chosen)


def choose_folder(parent: QWidget, title: str, kind: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, last_folder(kind))
    if not chosen:
        return None
    remember(kind, Path(chosen))
    return Path(chosen)
