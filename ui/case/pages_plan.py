"""Steps 3–5: resources for each need, the plan's items, and access to the services."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
)

from app.cases import steps as cs
from app.catalogue import services as catalogue
from app.core.validation import format_amount, format_date, parse_amount
from app.plans import store as plans
from app.plans.status import PlanStatus
from ui.case.pages import StepPage
from ui.common import grids


class ResourcesPage(StepPage):
    step = 3
    HEADERS = ["Potrzeba", "Usługa z katalogu", "Wybrana", "Powód odrzucenia"]

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        self.table = grids.table(self.HEADERS)
        self.table.setMinimumHeight(180)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((230, 380, 70)):
            self.table.setColumnWidth(col, width)
        suggest = QPushButton("Dopasuj usługi z katalogu do potrzeb")
        suggest.clicked.connect(self.suggest)
        add = QPushButton("Dodaj wiersz")
        add.clicked.connect(lambda: self.add_row())
        self.unmet = QListWidget()
        self.unmet.setMaximumHeight(110)
        self.layout_.addWidget(QLabel("Dla każdej potrzeby wybierz usługę albo odrzuć ją z "
                                      "powodem. Potrzeby, na które nie ma usługi, zaznacz "
                                      "poniżej jako niezaspokojone."))
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(add)
        self.layout_.addWidget(suggest)
        self.layout_.addWidget(QLabel("<b>Potrzeby niezaspokojone</b> (trafią do diagnozy "
                                      "potrzeb gminy):"))
        self.layout_.addWidget(self.unmet)

    def _needs(self) -> list[cs.Need]:
        return cs.needs_of(self.db, self.case_id)

    def add_row(self, match: cs.Match | None = None) -> int:
        needs = self._needs()
        row = self.table.rowCount()
        self.table.insertRow(row)
        need_combo = grids.combo({n.id: n.description for n in needs},
                            match.need_id if match else None, empty="— potrzeba —")
        category = next((n.category for n in needs if match and n.id == match.need_id), "inne")
        service_combo = QComboBox()
        service_combo.addItem("— usługa —", None)
        for svc in catalogue.services(self.db, cs.NEED_AREAS.get(category, ())):
            service_combo.addItem(f"{svc.name} ({svc.area_name})", svc.id)
        if match and match.service_id:
            service_combo.setCurrentIndex(max(0, service_combo.findData(match.service_id)))
        chosen = QCheckBox()
        chosen.setChecked(match.chosen if match else True)
        self.table.setCellWidget(row, 0, need_combo)
        self.table.setCellWidget(row, 1, service_combo)
        self.table.setCellWidget(row, 2, chosen)
        grids.put_text(self.table, row, 3, match.reason if match else "")
        return row

    def suggest(self) -> None:
        """A row for every need without one, with the first service of a matching area."""
        have = {grids.cell(self.table, r, 0) for r in range(self.table.rowCount())}
        for need in self._needs():
            if need.id in have or need.status == "niezaspokojona":
                continue
            best = catalogue.suggest(self.db, need.description,
                                     cs.NEED_AREAS.get(need.category, ()))
            self.add_row(cs.Match(need.id, best.id if best else None, None, True))

    def load(self) -> None:
        for match in cs.matches_of(self.db, self.case_id):
            self.add_row(match)
        for need in self._needs():
            item = QListWidgetItem(need.description)
            item.setData(Qt.ItemDataRole.UserRole, need.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = need.status == "niezaspokojona"
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.unmet.addItem(item)

    def _unmet_ids(self) -> list[str]:
        return [self.unmet.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.unmet.count())
                if self.unmet.item(i).checkState() == Qt.CheckState.Checked]

    def draft(self) -> dict:
        return {"rows": [[grids.cell(self.table, r, c) for c in range(4)]
                         for r in range(self.table.rowCount())], "unmet": self._unmet_ids()}

    def restore(self, v: dict) -> None:
        self.table.setRowCount(0)
        for need_id, service_id, chosen, reason in v.get("rows", []):
            self.add_row(cs.Match(need_id, service_id or None, None, bool(chosen), reason))
        for i in range(self.unmet.count()):
            item = self.unmet.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in v.get("unmet", [])
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def save(self) -> int | None:
        cell = grids.cell
        matches = [cs.Match(cell(self.table, r, 0), cell(self.table, r, 1) or None, None,
                            bool(cell(self.table, r, 2)), cell(self.table, r, 3))
                   for r in range(self.table.rowCount()) if cell(self.table, r, 0)]
        cs.save_resources(self.db, self.case_id, matches, self._unmet_ids())
        return None


class PlanPage(StepPage):
    step = 4
    HEADERS = ["Rodzaj", "Usługa / działanie", "Opis (kto, co)", "Miejsce", "Od", "Do",
               "Częstotliwość", "Odpłatność (zł)", "Odpłatność – uwagi"]

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        self.version_label = QLabel()
        self.version_label.setWordWrap(True)
        self.table = grids.table(self.HEADERS)
        add = QPushButton("Dodaj pozycję planu")
        add.clicked.connect(lambda: self.add_row())
        remove = QPushButton("Usuń zaznaczoną pozycję")
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        self.editor_button = QPushButton("Edytor IPUS: okres planu, harmonogram, uzgodnienie i "
                                         "zatwierdzenie…")
        self.editor_button.clicked.connect(self.open_editor)
        self.layout_.addWidget(self.version_label)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(add)
        self.layout_.addWidget(remove)
        self.layout_.addWidget(self.editor_button)
        self._ids: list[str | None] = []
        self.frozen = False

    def add_row(self, item: plans.PlanItem | None = None) -> int:
        item = item or plans.PlanItem()
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setCellWidget(row, 0, grids.combo(plans.ITEM_KINDS, item.kind))
        services = {svc.id: svc.name for svc in catalogue.services(self.db)}
        self.table.setCellWidget(row, 1, grids.combo(services, item.service_id,
                                                empty="— (działanie wspierające) —"))
        for col, text in ((2, item.description), (3, item.place),
                          (4, format_date(item.start_on)), (5, format_date(item.end_on)),
                          (6, item.frequency), (7, format_amount(item.copayment_grosze)),
                          (8, item.copayment_note)):
            grids.put_text(self.table, row, col, text)
        self._ids.insert(row, item.id)
        return row

    def load(self) -> None:
        version = plans.current_version(self.db, self.case_id)
        if version is None:
            self.version_label.setText("Nowy plan (wersja 1, projekt).")
            return
        note = f" – aktualizacja: {version.change_summary}" if version.change_summary else ""
        self.frozen = version.status != PlanStatus.DRAFT
        lock = (" Plan jest uzgodniony – zmiany przez aktualizację w edytorze IPUS."
                if self.frozen else "")
        self.version_label.setText(f"IPUS, wersja {version.version_no} ({version.status})"
                                   f"{note}. Wcześniejsze wersje pozostają zapisane.{lock}")
        self.table.setEnabled(not self.frozen)
        for item in plans.items(self.db, version.id):
            self.add_row(item)

    def _items(self) -> list[plans.PlanItem]:
        """The items as typed; ValueError with a Polish message naming the item and the
        column for a date or an amount that cannot be."""
        out = []
        for r in range(self.table.rowCount()):
            values = [grids.cell(self.table, r, c) for c in range(len(self.HEADERS))]
            if not any(values[1:]):
                continue
            where = f"Pozycja {r + 1}"
            start = grids.optional_date(values[4], f"{where}: Od")
            end = grids.optional_date(values[5], f"{where}: Do")
            out.append(plans.PlanItem(
                kind=values[0], service_id=values[1] or None, description=values[2],
                place=values[3], start_on=start.isoformat() if start else None,
                end_on=end.isoformat() if end else None, frequency=values[6],
                copayment_grosze=parse_amount(values[7], f"{where}: Odpłatność"),
                copayment_note=values[8], id=self._ids[r] if r < len(self._ids) else None))
        return out

    def draft(self) -> dict:
        return {"rows": [[grids.cell(self.table, r, c) for c in range(len(self.HEADERS))]
                         for r in range(self.table.rowCount())]}

    def restore(self, v: dict) -> None:
        self.table.setRowCount(0)
        self._ids.clear()
        for cells in v.get("rows", []):
            kind, service, desc, place, start, end, freq, pay, *rest = cells
            note = rest[0] if rest else ""
            if not rest:  # a draft kept when the co-payment was free text: words go to the note
                try:
                    parse_amount(pay)
                except ValueError:
                    pay, note = "", pay
            row = self.add_row(plans.PlanItem(kind=kind or "usluga", service_id=service or None,
                                              description=desc, place=place, frequency=freq))
            for col, text in ((4, start), (5, end), (7, pay), (8, note)):
                grids.put_text(self.table, row, col, text)

    def open_editor(self):
        from ui.case.plan_editor import PlanEditor

        if not self.frozen and self.table.rowCount():
            self.save()  # the editor starts from what is typed here
        editor = PlanEditor(self.session, self.case_id, self)
        editor.finished.connect(lambda _: self._reload())
        editor.show()
        return editor

    def _reload(self) -> None:
        self.table.setRowCount(0)
        self._ids.clear()
        self.load()

    def save(self) -> int | None:
        if self.frozen:
            return None  # an agreed plan is changed in the editor, through an update
        cs.save_plan(self.db, self.case_id, self._items())
        self._reload()  # the new items' ids, so that saving again updates them
        return None


class AccessPage(StepPage):
    step = 5
    HEADERS = ["Usługa", "Data skierowania", "Kontakt u wykonawcy", "Rozpoczęcie potwierdzone"]

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        self.table: QTableWidget = grids.table(self.HEADERS)
        self.layout_.addWidget(QLabel("Dla każdej usługi z planu: kiedy skierowano, z kim "
                                      "rozmawiano i kiedy usługa się zaczęła."))
        self.layout_.addWidget(self.table, 1)
        referral = QPushButton("Skierowanie do wykonawcy dla zaznaczonej usługi…")
        referral.clicked.connect(self.print_referral)
        self.layout_.addWidget(referral)
        self._ids: list[str] = []

    def load(self) -> None:
        version = plans.current_version(self.db, self.case_id)
        access = cs.access_of(self.db, self.case_id)
        for item in plans.items(self.db, version.id) if version else []:
            if item.kind != "usluga":
                continue
            row = self.table.rowCount()
            self.table.insertRow(row)
            a = access.get(item.id)
            grids.put_text(self.table, row, 0, item.service_name)
            self.table.item(row, 0).setFlags(Qt.ItemFlag.ItemIsEnabled)
            grids.put_text(self.table, row, 1, format_date(a.referred_on) if a else "")
            grids.put_text(self.table, row, 2, a.contacted_person if a else "")
            grids.put_text(self.table, row, 3, format_date(a.start_confirmed_on) if a and
                       a.start_confirmed_on else "")
            self._ids.append(item.id or "")

    def print_referral(self):
        from ui.documents.screens import issue_document

        row = self.table.currentRow()
        if row < 0:
            return None
        return issue_document(self, self.session, "skierowanie", self._ids[row])

    def draft(self) -> dict:
        return {"rows": [[grids.cell(self.table, r, c) for c in (1, 2, 3)]
                         for r in range(self.table.rowCount())]}

    def restore(self, v: dict) -> None:
        for r, (referred, contact, started) in enumerate(v.get("rows", [])):
            if r < self.table.rowCount():
                for col, text in ((1, referred), (2, contact), (3, started)):
                    grids.put_text(self.table, r, col, text)

    def save(self) -> int | None:
        cell, when = grids.cell, grids.optional_date
        rows = [cs.Access(self._ids[r],
                          when(cell(self.table, r, 1), f"Usługa {r + 1}: data skierowania"),
                          cell(self.table, r, 2),
                          when(cell(self.table, r, 3), f"Usługa {r + 1}: rozpoczęcie"))
                for r in range(self.table.rowCount())]
        cs.save_access(self.db, self.case_id, rows)
        return None
