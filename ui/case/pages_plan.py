"""Steps 3–5: resources for each need, the plan's items, and access to the services."""

from __future__ import annotations

from dataclasses import asdict, fields

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from app.cases import steps as cs
from app.catalogue import services as catalogue
from app.core.validation import format_date
from app.plans import store as plans
from ui.case.pages import StepPage
from ui.common import grids
from ui.common.record_editor import Field, RecordEditor


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
    """Step 4 is the IPUS editor itself: one place where the plan is edited."""

    step = 4

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        from ui.case.plan_editor import PlanEditor

        self.editor = PlanEditor(session, case_id, self)
        self.layout_.addWidget(self.editor, 1)

    def load(self) -> None:
        self.editor.reload_versions()

    def draft(self) -> dict:
        """What is typed, as it would be saved (a field that cannot be read yet stays in
        the form, and the draft holds what the list holds)."""
        self.editor.apply_form()
        h = self.editor.header
        return {"items": [asdict(i) for i in self.editor.model.items],
                "header": {key: h[key].text() for key in ("valid_from", "valid_to",
                                                            "review_on")}
                | {"commitments": h["commitments"].toPlainText(),
                   "rules": h["rules"].toPlainText()}}

    def restore(self, v: dict) -> None:
        if not self.editor.editable or "items" not in v:
            return  # an agreed plan has no draft; a draft of the old step 4 grid is dropped
        known = {f.name for f in fields(plans.PlanItem)}
        self.editor.set_items([plans.PlanItem(**{k: x for k, x in item.items() if k in known})
                               for item in v["items"]])
        h = self.editor.header
        for key, text in v.get("header", {}).items():
            widget = h.get(key)
            if widget is not None:
                (widget.setPlainText if hasattr(widget, "setPlainText") else widget.setText)(text)

    def save(self) -> int | None:
        if not self.editor.editable:
            return None  # an agreed plan is changed through an update
        cs.save_plan(self.db, self.case_id, self.editor.items(),
                     self.editor.header_values())
        self.editor.reload_versions()  # the items' new ids, so saving again updates them
        return None


ACCESS_FIELDS = (
    Field("service", "Usługa", read_only=True),
    Field("referred_on", "Data skierowania", date=True, list_label="Skierowano"),
    Field("contacted_person", "Kontakt u wykonawcy", list_label="Kontakt",
          placeholder="z kim rozmawiano, np. p. Kowal, NZOZ"),
    Field("start_confirmed_on", "Rozpoczęcie potwierdzone", date=True,
          list_label="Rozpoczęcie"),
)


class AccessPage(StepPage):
    step = 5

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        self.records = RecordEditor(ACCESS_FIELDS, can_add=False,
                                    empty_text="Plan nie ma jeszcze usług – dodaj je w kroku 4.")
        self.layout_.addWidget(QLabel("Dla każdej usługi z planu: kiedy skierowano, z kim "
                                      "rozmawiano i kiedy usługa się zaczęła."))
        self.layout_.addWidget(self.records, 1)
        self.referral = QPushButton("Skierowanie do wykonawcy dla zaznaczonej usługi…")
        self.referral.clicked.connect(self.print_referral)
        self.layout_.addWidget(self.referral)

    def load(self) -> None:
        version = plans.current_version(self.db, self.case_id)
        access = cs.access_of(self.db, self.case_id)
        rows = []
        for item in plans.items(self.db, version.id) if version else []:
            if item.kind != "usluga":
                continue
            a = access.get(item.id)
            rows.append({"id": item.id, "service": item.service_name,
                         "referred_on": format_date(a.referred_on) if a else "",
                         "contacted_person": a.contacted_person if a else "",
                         "start_confirmed_on": format_date(a.start_confirmed_on) if a else ""})
        self.records.set_rows(rows)

    def print_referral(self):
        from ui.documents.screens import issue_document

        row = self.records.current_row()
        if row < 0:
            return None
        return issue_document(self, self.session, "skierowanie", self.records.rows()[row]["id"])

    def draft(self) -> dict:
        return {"access_rows": self.records.rows()}

    def restore(self, v: dict) -> None:
        """Typed dates come back onto the items they were typed for, found by id."""
        rows = self.records.rows()
        typed = {r.get("id"): r for r in v.get("access_rows", [])}
        for row, cells in zip(rows, v.get("rows", []), strict=False):  # the earlier grid
            typed[row["id"]] = dict(zip(("referred_on", "contacted_person",
                                         "start_confirmed_on"), cells, strict=False))
        self.records.set_rows([{**row, **{k: typed[row["id"]].get(k, "") for k in
                                          ("referred_on", "contacted_person",
                                           "start_confirmed_on")}}
                               if row["id"] in typed else row for row in rows])

    def save(self) -> int | None:
        when = grids.optional_date
        rows = [cs.Access(r["id"],
                          when(r.get("referred_on") or "", f"Usługa {n}: data skierowania"),
                          r.get("contacted_person") or "",
                          when(r.get("start_confirmed_on") or "", f"Usługa {n}: rozpoczęcie"))
                for n, r in enumerate(self.records.rows(), 1)]
        cs.save_access(self.db, self.case_id, rows)
        return None
