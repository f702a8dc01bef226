"""The residents register as a Qt table model: ids come sorted from the database, rows load
in pages as the view scrolls, so 100,000 residents cost a few milliseconds to show."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from app.core.validation import format_date, format_phone
from app.people import residents_store
from app.people.residents_store import ResidentRow
from app.session.session import Session
from ui.common import look
from ui.common.on_session import OnSession

PAGE = 100
CACHE_LIMIT = 5000

COLUMNS: list[tuple[str, str]] = [
    ("Nazwisko", "surname"),
    ("Imię", "first_name"),
    ("PESEL", "pesel"),
    ("Data urodzenia", "birth_date"),
    ("Adres", "address"),
    ("Telefon", "phone"),
]

Index = QModelIndex | QPersistentModelIndex


class ResidentsModel(OnSession, QAbstractTableModel):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._rowids: list[int] = []
        self._cache: dict[int, ResidentRow] = {}
        self.query = ""
        self.include_archived = False

    # --- what the window asks for ---------------------------------------------------------
    def search(self, text: str, include_archived: bool | None = None) -> None:
        """Run the register search; the view then shows the matches in Polish order."""
        if include_archived is not None:
            self.include_archived = include_archived
        self.query = text
        rowids = residents_store.search_rowids(
            self.db, text, include_archived=self.include_archived
        )
        self.beginResetModel()
        self._rowids = rowids
        self._cache.clear()
        self.endResetModel()

    def refresh(self) -> None:
        self.search(self.query)

    def row_at(self, row: int) -> ResidentRow | None:
        if not 0 <= row < len(self._rowids):
            return None
        rowid = self._rowids[row]
        if rowid not in self._cache:
            self._load_page(row)
        return self._cache.get(rowid)

    def row_of_resident(self, resident_id: str) -> int:
        """The row showing this resident, or -1 (no page loads: 100k rows stay cheap)."""
        rowid = residents_store.rowid_of(self.db, resident_id)
        try:
            return self._rowids.index(rowid)
        except ValueError:
            return -1

    def _load_page(self, row: int) -> None:
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        start = row - row % PAGE
        page = self._rowids[start : start + PAGE]
        self._cache.update(residents_store.rows_by_rowid(self.db, page))

    # --- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rowids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section][0]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        field = COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(item, field)
            if field == "birth_date":
                return format_date(value)
            if field == "phone":
                return format_phone(value)
            if field == "surname" and item.archived:
                return f"{value} (archiwum)"
            if field == "surname" and item.restricted:
                return f"{value} (ograniczone przetwarzanie)"
            return value
        if role == Qt.ItemDataRole.ForegroundRole and item.archived:
            return QBrush(look.tone_color("muted"))
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None
