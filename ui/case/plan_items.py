"""The plan's items as one model (each row holds its item, id included) and the form beside
the list that edits the selected item: whole names in the list, every field in the form."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from app.core.validation import format_amount, format_date, parse_amount
from app.plans import store as plans
from ui.common.widgets import DateField
from ui.common.wrapping_combo import WrappingCombo

Index = QModelIndex


def _period(item: plans.PlanItem) -> str:
    start, end = format_date(item.start_on), format_date(item.end_on)
    return f"{start} – {end}" if start or end else ""


def _when(item: plans.PlanItem) -> str:
    days = " ".join(p for p in (item.weekdays.replace(",", ", "), plans.hours_text(item)) if p)
    return "; ".join(p for p in (item.frequency, days) if p)


# The list's columns, defined once: (header, what a cell shows)
COLUMNS = (
    ("Usługa / działanie", lambda i: i.service_name or i.description
     or plans.ITEM_KINDS.get(i.kind, "")),
    ("Wykonawca", lambda i: i.partner_name or i.place),
    ("Okres", _period),
    ("Kiedy", _when),
    ("Stan", lambda i: plans.ITEM_STATUSES.get(i.status, i.status)),
)
WIDTHS = (None, 120, 100, 115, 100)  # None: the name takes what is left, wrapped
# what cannot wrap and must show whole: a date, an hour span, the longest state
WHOLE = {2: "00.00.0000", 3: "00:00–00:00", 4: max(plans.ITEM_STATUSES.values(), key=len)}


class PlanItemsModel(QAbstractTableModel):
    """The items of one plan version as the KIPUS edits them; removing a row removes its
    item, id and all, so no id can drift to another row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[plans.PlanItem] = []

    def set_items(self, items: list[plans.PlanItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def add(self, item: plans.PlanItem) -> int:
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append(item)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.items[row]
            self.endRemoveRows()

    def replace(self, row: int, item: plans.PlanItem) -> None:
        if item == self.items[row]:
            return  # nothing changed: the plan is not marked as edited
        self.items[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt)
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return COLUMNS[index.column()][1](self.items[index.row()])
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return section + 1  # the item's number, as messages name it ("Pozycja 2")
        return None


def _combo(options: dict[str, str], empty: str | None = None) -> QComboBox:
    combo = WrappingCombo(shortest=20)
    if empty is not None:
        combo.addItem(empty, None)
    for key, label in options.items():
        combo.addItem(label, key)
    return combo


def _choose(combo: QComboBox, value) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


class ItemForm(QWidget):
    """Every field of one item. ``item()`` reads them back (ValueError in Polish for an
    amount or a date that cannot be); the id travels with the item, never beside it."""

    def __init__(self, services: dict[str, str], partners: dict[str, str],
                 needs: dict[str, str], parent=None):
        super().__init__(parent)
        self.kind = _combo(plans.ITEM_KINDS)
        self.service = _combo(services, "— (działanie wspierające) —")
        self.partner = _combo(partners, "— nie wybrano —")
        self.need = _combo(needs, "— nie wybrano —")
        self.description = QLineEdit()
        self.description.setPlaceholderText("kto i co robi (np. sąsiadka robi zakupy)")
        self.place = QLineEdit()
        self.start = DateField(label="Od")
        self.end = DateField(label="Do")
        self.frequency = QLineEdit()
        self.frequency.setPlaceholderText("np. 2 × w tygodniu po 1 h")
        self.weekdays = QLineEdit()
        self.weekdays.setPlaceholderText("np. pn, śr, pt")
        self.hours = QLineEdit()
        self.hours.setPlaceholderText("np. 9:00–10:30")
        self.copayment = QLineEdit()
        self.copayment.setPlaceholderText("zł, np. 12,50 albo 0")
        self.copayment_note = QLineEdit()
        self.status = _combo(plans.ITEM_STATUSES)
        form = QFormLayout(self)
        for label, widget in (("Rodzaj", self.kind), ("Usługa z katalogu", self.service),
                              ("Wykonawca (partner)", self.partner),
                              ("Odpowiada na potrzebę", self.need),
                              ("Opis (kto, co)", self.description), ("Miejsce", self.place),
                              ("Od", self.start), ("Do", self.end),
                              ("Częstotliwość", self.frequency), ("Dni tygodnia", self.weekdays),
                              ("Godziny", self.hours), ("Odpłatność (zł)", self.copayment),
                              ("Odpłatność – uwagi", self.copayment_note), ("Stan", self.status)):
            form.addRow(label, widget)
        self._base = plans.PlanItem()

    def show_item(self, item: plans.PlanItem) -> None:
        self._base = item
        _choose(self.kind, item.kind)
        _choose(self.service, item.service_id)
        _choose(self.partner, item.partner_id)
        _choose(self.need, item.need_id)
        self.description.setText(item.description)
        self.place.setText(item.place)
        self.start.set_date(item.start_on)
        self.end.set_date(item.end_on)
        self.frequency.setText(item.frequency)
        self.weekdays.setText(item.weekdays.replace(",", ", "))
        self.hours.setText(plans.hours_text(item) or item.time_from)
        self.copayment.setText(format_amount(item.copayment_grosze))
        self.copayment_note.setText(item.copayment_note)
        _choose(self.status, item.status)

    def texts(self) -> dict[str, str | None]:
        """Every field as it stands, readable or not (kept in a draft when a date typed
        cannot be read yet, so closing the window loses nothing)."""
        return {**{name: w.text() for name, w in self._edits().items()},
                **{name: w.currentData() for name, w in self._combos().items()}}

    def set_texts(self, values: dict) -> None:
        for name, widget in self._edits().items():
            if isinstance(values.get(name), str):
                widget.setText(values[name])
        for name, combo in self._combos().items():
            if isinstance(values.get(name), str | None) and name in values:
                _choose(combo, values[name])

    def _edits(self) -> dict[str, QLineEdit]:
        return {"description": self.description, "place": self.place, "start": self.start,
                "end": self.end, "frequency": self.frequency, "weekdays": self.weekdays,
                "hours": self.hours, "copayment": self.copayment,
                "copayment_note": self.copayment_note}

    def _combos(self) -> dict[str, QComboBox]:
        return {"kind": self.kind, "service": self.service, "partner": self.partner,
                "need": self.need, "status": self.status}

    def item(self, where: str) -> plans.PlanItem:
        """The item as the fields say; ``where`` ("Pozycja 2") starts every message."""
        self.start.label, self.end.label = f"{where}: Od", f"{where}: Do"
        start, end = self.start.date(), self.end.date()
        time_from, time_to = plans.parse_hours(self.hours.text())
        # a supporting action (a neighbour, a volunteer) has no catalogue service or provider:
        # what the form still shows from a service chosen before is not kept with it
        service = self.kind.currentData() == "usluga"
        service_id = self.service.currentData() if service else None
        partner_id = self.partner.currentData() if service else None
        return replace(
            self._base, kind=self.kind.currentData(), service_id=service_id,
            service_name=self.service.currentText() if service_id else "",
            partner_id=partner_id,
            partner_name=self.partner.currentText() if partner_id else "",
            need_id=self.need.currentData(), description=self.description.text(),
            place=self.place.text(), start_on=start and start.isoformat(),
            end_on=end and end.isoformat(), frequency=self.frequency.text(),
            weekdays=_days(self.weekdays.text()), time_from=time_from,
            time_to=time_to,
            copayment_grosze=parse_amount(self.copayment.text(), f"{where}: Odpłatność"),
            copayment_note=self.copayment_note.text(), status=self.status.currentData())


def _days(typed: str) -> str:
    """The days as stored ("pn,śr"), so an item looked at but not changed stays unchanged;
    days that cannot be read are kept as typed, refused with their item's name on saving."""
    try:
        return ",".join(plans.weekdays_of(typed))
    except ValueError:
        return typed
