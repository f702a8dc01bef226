"""The IPUS editor (from step 4): items with provider, days and hours; the plan's period,
review date, commitments and rules; the schedule picture; the checks; agreement, approval
and updates, with every earlier version readable and what changed shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.casefile.cases import get_case
from app.cases import steps as case_steps
from app.catalogue import partners
from app.catalogue import services as catalogue
from app.core import plural
from app.core.errors import KoordynatorError, ValidationError
from app.core.validation import format_amount, format_date, parse_amount
from app.plans import lifecycle as plan_lifecycle
from app.plans import status as plan_status
from app.plans import store as plans
from app.plans.status import IN_FORCE, PlanStatus
from app.session.session import Session
from app.settings import store as settings_store
from ui.case.timeline import TimelineWidget
from ui.common import grids
from ui.common.on_session import OnSession
from ui.common.widgets import DateField, ErrorLabel

HEADERS = ["Rodzaj", "Usługa", "Wykonawca", "Opis (kto, co)", "Miejsce", "Od", "Do",
           "Częstotliwość", "Dni", "Godziny", "Odpłatność (zł)", "Odpłatność – uwagi", "Stan"]
STATUS_COLUMN = HEADERS.index("Stan")


class PlanEditor(OnSession, QDialog):
    def __init__(self, session: Session, case_id: str, parent=None):
        super().__init__(parent)
        self.session, self.case_id = session, case_id
        case = get_case(session.db, case_id)
        self.resident_id = case.resident_id
        self.setWindowTitle(f"IPUS – {case.resident_name} ({case.case_number})")
        self.resize(1280, 700)
        self.version_combo = QComboBox()
        self.version_combo.currentIndexChanged.connect(lambda _: self.show_version())
        self.state = QLabel()
        self.agree_button = QPushButton("Uzgodnij z osobą…")
        self.approve_button = QPushButton("Zatwierdź…")
        self.update_button = QPushButton("Aktualizacja planu (nowa wersja)")
        self.save_button = QPushButton("Zapisz plan")
        self.agree_button.clicked.connect(lambda: self.agree())
        self.approve_button.clicked.connect(lambda: self.approve())
        self.update_button.clicked.connect(lambda: self.start_update())
        self.save_button.clicked.connect(lambda: self.save())
        top = QHBoxLayout()
        top.addWidget(QLabel("Wersja:"))
        top.addWidget(self.version_combo)
        top.addWidget(self.state, 1)
        for b in (self.save_button, self.agree_button, self.approve_button,
                  self.update_button):
            top.addWidget(b)
        self.table = grids.table(HEADERS)
        add = QPushButton("Dodaj pozycję")
        add.clicked.connect(lambda: self.add_row())
        remove = QPushButton("Usuń zaznaczoną")
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        items_tab = QWidget()
        items_layout = QVBoxLayout(items_tab)
        items_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        items_layout.addLayout(row)
        self.header_tab, self.header = self._header_tab()
        self.timeline = TimelineWidget()
        self.changes = QListWidget()
        self.tabs = QTabWidget()
        self.tabs.addTab(items_tab, "Usługi i działania")
        self.tabs.addTab(self.header_tab, "Okres, zobowiązania, zasady")
        self.tabs.addTab(self.timeline, "Harmonogram")
        self.tabs.addTab(self.changes, "Zmiany względem poprzedniej wersji")
        self.checks = QListWidget()
        self.checks.setMaximumHeight(120)
        self.message = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(QLabel("<b>Sprawdzenie planu</b>"))
        layout.addWidget(self.checks)
        layout.addWidget(self.message)
        self.services = catalogue.services(session.db)
        self.partner_rows = partners.search(session.db)
        self.reload_versions()

    def _header_tab(self):
        tab = QWidget()
        form = QFormLayout(tab)
        h = {"valid_from": DateField(label="Plan obowiązuje od"),
             "valid_to": DateField(label="Plan obowiązuje do"),
             "review_on": DateField(label="Termin przeglądu"),
             "commitments": QPlainTextEdit(), "rules": QPlainTextEdit(), "needs": QListWidget()}
        h["commitments"].setPlaceholderText("Co robi sama osoba (np. udział w zajęciach)")
        h["rules"].setPlaceholderText("Zasady współpracy osoby z koordynatorem")
        form.addRow("Plan obowiązuje od *", h["valid_from"])
        longest = plural.months(settings_store.load(self.db).plan_max_months)
        form.addRow(f"do * (najwyżej {longest})", h["valid_to"])
        form.addRow("Termin przeglądu (oceny)", h["review_on"])
        form.addRow("Zobowiązania osoby", h["commitments"])
        form.addRow("Zasady współpracy", h["rules"])
        form.addRow("Potrzeby, na które odpowiada plan", h["needs"])
        return tab, h

    # --- versions -----------------------------------------------------------------------------
    def reload_versions(self, select_last: bool = True) -> None:
        self.versions = plans.versions(self.db, self.case_id)
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for v in self.versions:
            self.version_combo.addItem(f"{v.version_no} – {plan_status.label(v.status)}", v.id)
        self.version_combo.blockSignals(False)
        if select_last and self.versions:
            self.version_combo.setCurrentIndex(len(self.versions) - 1)
        self.show_version()

    @property
    def version(self) -> plans.PlanVersion | None:
        i = self.version_combo.currentIndex()
        return self.versions[i] if 0 <= i < len(self.versions) else None

    def show_version(self) -> None:
        v = self.version
        self.table.setRowCount(0)
        self._ids: list[str | None] = []
        self._statuses: list[str] = []
        items = plans.items(self.db, v.id) if v else []
        for item in items:
            self.add_row(item)
        h = plan_lifecycle.header(self.db, v.id) if v else plan_lifecycle.PlanHeader()
        self.header["valid_from"].set_date(h.valid_from)
        self.header["valid_to"].set_date(h.valid_to)
        self.header["review_on"].set_date(h.review_on)
        self.header["commitments"].setPlainText(h.person_commitments)
        self.header["rules"].setPlainText(h.cooperation_rules)
        needs = self.header["needs"]
        needs.clear()
        for need in case_steps.needs_of(self.db, self.case_id):
            entry = QListWidgetItem(need.description)
            entry.setData(Qt.ItemDataRole.UserRole, need.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if need.id in h.need_ids
                                else Qt.CheckState.Unchecked)
            needs.addItem(entry)
        self.timeline.set_plan(items, h.valid_from, h.valid_to)
        editable = v is None or v.status == PlanStatus.DRAFT
        self.table.setEnabled(editable)
        self.header_tab.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.agree_button.setEnabled(bool(v) and v.status == PlanStatus.DRAFT)
        self.approve_button.setEnabled(bool(v) and v.status == PlanStatus.AGREED)
        self.update_button.setEnabled(bool(v) and v.status in IN_FORCE)
        state = plan_status.label(v.status) if v else "nowy plan"
        self.state.setText(f"Stan: {state}" + ("" if editable else
                                               " – zmiany tylko przez aktualizację"))
        self._show_changes()
        self.refresh_checks()

    def _show_changes(self) -> None:
        self.changes.clear()
        v = self.version
        idx = self.versions.index(v) if v in self.versions else -1
        if idx <= 0:
            self.changes.addItem("To pierwsza wersja planu.")
            return
        if v.change_summary:
            self.changes.addItem(f"Powód aktualizacji: {v.change_summary}")
        for line in plan_lifecycle.changes(self.db, self.versions[idx - 1].id, v.id) or [
                "Bez zmian w pozycjach planu."]:
            self.changes.addItem(line)

    def refresh_checks(self) -> list[plan_lifecycle.Check]:
        self.checks.clear()
        v = self.version
        found = plan_lifecycle.checks(self.db, v.id) if v else []
        for c in found:
            self.checks.addItem(f"{'BŁĄD' if c.level == 'błąd' else 'Uwaga'}: {c.message}")
        if not found:
            self.checks.addItem("Plan nie budzi zastrzeżeń.")
        return found

    # --- items --------------------------------------------------------------------------------
    def add_row(self, item: plans.PlanItem | None = None) -> int:
        item = item or plans.PlanItem()
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setCellWidget(row, 0, grids.combo(plans.ITEM_KINDS, item.kind))
        self.table.setCellWidget(row, 1, grids.combo({s.id: s.name for s in self.services},
                                                item.service_id, empty="—"))
        self.table.setCellWidget(row, 2, grids.combo({p.id: p.full_name for p in self.partner_rows},
                                                item.partner_id, empty="—"))
        hours = plans.hours_text(item)
        for col, text in ((3, item.description), (4, item.place),
                          (5, format_date(item.start_on)), (6, format_date(item.end_on)),
                          (7, item.frequency), (8, item.weekdays.replace(",", ", ")),
                          (9, hours), (10, format_amount(item.copayment_grosze)),
                          (11, item.copayment_note)):
            grids.put_text(self.table, row, col, text)
        self.table.setCellWidget(row, STATUS_COLUMN, grids.combo(plans.ITEM_STATUSES, item.status))
        self._ids.append(item.id)
        return row

    def items_from_table(self) -> list[plans.PlanItem]:
        """The items as typed; ValueError with a Polish message naming the item and the
        column for a date or an amount that cannot be."""
        out = []
        for r in range(self.table.rowCount()):
            v = [grids.cell(self.table, r, c) for c in range(len(HEADERS))]
            if not any(v[1:STATUS_COLUMN]):
                continue
            time_from, time_to = plans.parse_hours(v[9])
            where = f"Pozycja {r + 1}"
            start = grids.optional_date(v[5], f"{where}: Od")
            end = grids.optional_date(v[6], f"{where}: Do")
            out.append(plans.PlanItem(
                kind=v[0], service_id=v[1] or None, partner_id=v[2] or None,
                description=v[3], place=v[4], start_on=start and start.isoformat(),
                end_on=end and end.isoformat(), frequency=v[7],
                weekdays=v[8].replace(" ", ""), time_from=time_from, time_to=time_to,
                copayment_grosze=parse_amount(v[10], f"{where}: Odpłatność"),
                copayment_note=v[11], status=v[STATUS_COLUMN] or "planowana",
                id=self._ids[r] if r < len(self._ids) else None))
        return out

    def _header_values(self) -> plan_lifecycle.PlanHeader:
        needs = self.header["needs"]
        chosen = tuple(needs.item(i).data(Qt.ItemDataRole.UserRole) for i in
                       range(needs.count()) if needs.item(i).checkState() == Qt.CheckState.Checked)
        return plan_lifecycle.PlanHeader(
            self.header["valid_from"].date(), self.header["valid_to"].date(),
            self.header["review_on"].date(), self.header["commitments"].toPlainText(),
            self.header["rules"].toPlainText(), chosen)

    # --- actions ------------------------------------------------------------------------------
    def save(self) -> bool:
        try:
            items = self.items_from_table()
            header = self._header_values()
            plan_lifecycle.save_plan(self.db, self.case_id, self.resident_id, items, header)
        except (ValidationError, ValueError, KoordynatorError) as exc:
            self.message.show_errors(exc.errors if isinstance(exc, ValidationError) else str(exc))
            return False
        self.message.show_errors(None)
        self.reload_versions()
        return True

    def agree(self, agreed_on: date | None = None) -> bool:
        if not self.save():
            return False
        try:
            plan_lifecycle.agree(self.db, self.version.id, agreed_on or date.today())
        except (ValidationError, KoordynatorError) as exc:
            self.message.show_errors(exc.errors if isinstance(exc, ValidationError) else str(exc))
            return False
        self.reload_versions()
        return True

    def approve(self, approved_by: str | None = None, role: str = "dyrektor CUS",
                approved_on: date | None = None) -> bool:
        if approved_by is None:

            approved_by = ask_text(self, "Zatwierdzenie planu",
                                   "Kto zatwierdza plan (dyrektor CUS albo upoważniony "
                                   "organizator usług społecznych)?",
                                   settings_store.load(self.db).director_name)
            if approved_by is None:
                return False
        try:
            plan_lifecycle.approve(self.db, self.version.id, approved_by, role,
                                   approved_on or date.today())
        except (ValidationError, KoordynatorError) as exc:
            self.message.show_errors(exc.errors if isinstance(exc, ValidationError) else str(exc))
            return False
        self.reload_versions()
        return True

    def start_update(self, reason: str | None = None) -> bool:
        if reason is None:
            reason = ask_text(self, "Aktualizacja planu", "Dlaczego plan się zmienia?", "")
            if not reason:
                return False
        try:
            plans.start_update(self.db, self.case_id, reason, self.resident_id)
        except (ValidationError, KoordynatorError) as exc:
            self.message.show_errors(exc.errors if isinstance(exc, ValidationError) else str(exc))
            return False
        self.reload_versions()
        return True


def ask_text(parent, title: str, label: str, value: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, value)
    return text.strip() if ok else None
