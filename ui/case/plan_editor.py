"""The IPUS editor, which step 4 is: the items (a list with whole names, every field of the
selected one in the form beside it), the plan's period, review date, commitments and rules,
the schedule picture, the checks, agreement, approval and updates, with every earlier
version readable and what changed shown."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.casefile import cases
from app.casefile.cases import get_case
from app.cases import steps as case_steps
from app.catalogue import partners
from app.catalogue import services as catalogue
from app.core import plural
from app.core.errors import KoordynatorError, ValidationError
from app.plans import lifecycle as plan_lifecycle
from app.plans import status as plan_status
from app.plans import store as plans
from app.plans import timetable
from app.plans.status import IN_FORCE, PlanStatus
from app.session.session import Session
from app.settings import store as settings_store
from ui.case.plan_items import WHOLE, WIDTHS, ItemForm, PlanItemsModel
from ui.case.timeline import TimelineWidget
from ui.common import look, remembered
from ui.common.flow_layout import button_row
from ui.common.on_session import OnSession
from ui.common.week_view import WeekView
from ui.common.widgets import DateField, ErrorLabel, note, ok_cancel


class PlanEditor(OnSession, QWidget):
    def __init__(self, session: Session, case_id: str, parent=None):
        super().__init__(parent)
        self.session, self.case_id = session, case_id
        case = get_case(session.db, case_id)
        self.resident_id = case.resident_id
        self.setWindowTitle(f"IPUS – {case.resident_name} ({case.case_number})")
        look.resize(self, 1280, 700)
        self.version_combo = QComboBox()
        self.version_combo.setAccessibleName("Wersja planu")
        # as wide as a version's short name, not its longest: the buttons need the room
        self.version_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.version_combo.setMinimumContentsLength(18)
        self.version_combo.currentIndexChanged.connect(lambda _: self.show_version())
        self.state = QLabel()
        self.state.setWordWrap(True)  # a long state must not push the buttons out of the window
        self.agree_button = QPushButton("Uzgodnij z osobą…")
        self.approve_button = QPushButton("Zatwierdź…")
        self.update_button = QPushButton("Aktualizacja planu (nowa wersja)")
        self.save_button = QPushButton("Zapisz plan")
        # the director does not approve: the agreed plan goes back to a draft to correct
        self.return_button = QPushButton("Zwróć do poprawy…")
        self.return_button.clicked.connect(lambda: self.return_to_draft())
        self.agree_button.clicked.connect(lambda: self.agree())
        self.approve_button.clicked.connect(lambda: self.approve())
        self.update_button.clicked.connect(lambda: self.start_update())
        self.save_button.clicked.connect(lambda: self.save())
        self.print_button = QPushButton("Drukuj tę wersję…")
        self.print_button.setToolTip("IPUS w wersji wybranej obok (także wcześniejszej)")
        self.print_button.clicked.connect(lambda: self.print_version())
        version = QHBoxLayout()
        version.addWidget(QLabel("Wersja:"))
        version.addWidget(self.version_combo)
        version.addWidget(self.state, 1)
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.addLayout(version, 1)
        top.addWidget(button_row(self.save_button, self.agree_button, self.return_button,
                                 self.approve_button, self.update_button, self.print_button,
                                 right_aligned=True), 2)
        self.services = catalogue.services(session.db)
        self.partner_rows = partners.search(session.db)
        self.model = PlanItemsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Usługi i działania planu")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # numbered rows: a message names "Pozycja 2", the list shows which one that is
        self.table.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header = self.table.horizontalHeader()
        for column, width in enumerate(WIDTHS):  # every text wraps; nothing is cut off
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                        if width is None else QHeaderView.ResizeMode.Interactive)
        look.column_widths(self.table, WIDTHS, WHOLE)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.form = ItemForm({s.id: s.name for s in self.services},
                             {p.id: p.full_name for p in self.partner_rows},
                             {n.id: n.description
                              for n in case_steps.needs_of(session.db, case_id)})
        self.form.setEnabled(False)
        self._shown_row = -1
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _: self._select(current.row()))
        self.add_button = QPushButton("Dodaj pozycję")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton("Usuń zaznaczoną")
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        items_tab = QWidget()
        items_layout = QHBoxLayout(items_tab)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(button_row(self.add_button, self.remove_button))
        self.form.setMinimumWidth(470)  # the list gets the rest: whole names, no cut-offs
        items_layout.addLayout(left, 1)
        # on a 768-pixel screen the form scrolls by itself, so the checks below stay in view
        form_area = QScrollArea()
        form_area.setWidget(self.form)
        form_area.setWidgetResizable(True)
        form_area.setFrameShape(QFrame.Shape.NoFrame)
        form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_area.setMinimumWidth(490)
        items_layout.addWidget(form_area)
        # with large text the form goes under the list, the buttons under the version,
        # and the page round them scrolls, not the form
        look.side_by_side(items_tab, items_layout, top)
        look.whole_when_stacked(form_area)
        self.header_tab, self.header = self._header_tab()
        self.timeline = TimelineWidget()
        self.week = WeekView()
        schedule_tab = QSplitter(Qt.Orientation.Vertical)  # the KIPUS sets the share
        for title, view in (("<b>Okres usług</b> (pasek na każdą pozycję, czerwona linia – "
                             "dziś)", self.timeline),
                            ("<b>Tydzień</b> – dni i godziny usług", self.week)):
            part = QWidget()
            part_layout = QVBoxLayout(part)
            part_layout.setContentsMargins(0, 0, 0, 0)
            part_layout.addWidget(note(title))
            part_layout.addWidget(view, 1)
            schedule_tab.addWidget(part)
        self.week.setMinimumHeight(120)  # a few rows of the week at least; the splitter gives more
        schedule_tab.setStretchFactor(1, 2)
        self.changes = QListWidget()
        self.changes.setAccessibleName("Zmiany względem poprzedniej wersji")
        self.changes.setWordWrap(True)  # a long change reads whole, with no sideways scroll
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Części planu")
        self.tabs.addTab(items_tab, "Usługi i działania")
        self.tabs.addTab(self.header_tab, "Okres, zobowiązania, zasady")
        self.tabs.addTab(schedule_tab, "Harmonogram")
        self.schedule_tab = schedule_tab
        self.tabs.currentChanged.connect(lambda _: self._refresh_schedule())
        self.tabs.addTab(self.changes, "Zmiany względem poprzedniej wersji")
        self.checks = QListWidget()
        self.checks.setAccessibleName("Uwagi do planu przed uzgodnieniem")
        self.checks.setWordWrap(True)  # a long check reads whole
        self.message = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)  # at the top, where it is seen without scrolling
        layout.addWidget(self.tabs, 1)
        layout.addWidget(QLabel("<b>Sprawdzenie planu</b>"))
        layout.addWidget(self.checks)
        self.reload_versions()
        for signal in (self.model.dataChanged, self.model.rowsInserted,
                       self.model.rowsRemoved):
            signal.connect(self._mark_unsaved)
        for key in ("valid_from", "valid_to", "review_on"):
            self.header[key].textEdited.connect(self._mark_unsaved)
        for key in ("commitments", "rules"):
            self.header[key].textChanged.connect(self._mark_unsaved)
        remembered.remember(self, "plan")

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
    def print_version(self, show: bool = True):
        """The IPUS of the version chosen in the list, whichever it is; a draft is saved
        first so the paper shows what the screen shows."""
        from ui.documents.screens import issue_document

        chosen = self.version_combo.currentIndex()
        if self.editable and not self.save():
            return None
        if 0 <= chosen < len(self.versions):
            self.version_combo.setCurrentIndex(chosen)  # saving shows the newest again
        v = self.version
        if v is None:
            self.message.show_errors("Plan nie ma jeszcze pozycji – nie ma czego drukować.")
            return None
        return issue_document(self, self.session, "ipus", v.id, show=show)

    def reload_versions(self, select_last: bool = True) -> None:
        self.versions = plans.versions(self.db, self.case_id)
        self.revision = plans.revision(self.db, self.case_id)  # what a save may replace
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

    def set_items(self, items: list[plans.PlanItem]) -> None:
        """Show these items (the form on the first), dropping what the list held."""
        self._shown_row = -1
        self.model.set_items(items)
        self.form.setEnabled(False)
        if items:
            self.table.selectRow(0)

    def _refresh_schedule(self) -> None:
        """The chart and the week as the items stand now, typed changes included."""
        if self.tabs.currentWidget() is self.schedule_tab:
            self.apply_form()
        try:
            start, end = (self.header[k].date() for k in ("valid_from", "valid_to"))
        except ValueError:
            start = end = None  # a half-typed date: the chart spans the items alone
        self.timeline.set_plan(self.model.items, start, end)
        self.week.show_week(timetable.entries(self.model.items))

    def show_version(self) -> None:
        v = self.version
        items = plans.items(self.db, v.id) if v else self._carried_from_step_three()
        self.editable = v is None or v.status == PlanStatus.DRAFT
        self.set_items(items)
        h = plan_lifecycle.header(self.db, v.id) if v else plan_lifecycle.PlanHeader()
        self.header["valid_from"].set_date(h.valid_from)
        self.header["valid_to"].set_date(h.valid_to)
        self.header["review_on"].set_date(h.review_on)
        self.header["commitments"].setPlainText(h.person_commitments)
        self.header["rules"].setPlainText(h.cooperation_rules)
        needs = self.header["needs"]
        needs.clear()
        # a need an item answers is answered by the plan, whether or not it was ticked
        answered = set(h.need_ids) | {i.need_id for i in items if i.need_id}
        for need in case_steps.needs_of(self.db, self.case_id):
            entry = QListWidgetItem(need.description)
            entry.setData(Qt.ItemDataRole.UserRole, need.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if need.id in answered
                                else Qt.CheckState.Unchecked)
            needs.addItem(entry)
        self._refresh_schedule()
        editable = self.editable
        self.form.setEnabled(editable and bool(items))
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)
        self.header_tab.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.agree_button.setEnabled(editable)  # a new plan is saved first, then agreed
        agreed = bool(v) and v.status == PlanStatus.AGREED
        self.approve_button.setEnabled(agreed)
        self.agree_button.setVisible(not agreed)
        self.return_button.setVisible(agreed)
        self.update_button.setEnabled(bool(v) and v.status in IN_FORCE)
        state = plan_status.label(v.status) if v else "nowy plan"
        self.state.setText(f"Stan: {state}" + (
            "" if editable else " – do zatwierdzenia; zmiany: zwrot do poprawy albo "
            "aktualizacja" if agreed else " – zmiany tylko przez aktualizację"))
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
        """The checks of the plan as saved; a plan never saved is not called fine."""
        self.checks.clear()
        v = self.version
        if v is None:
            self.checks.addItem(UNSAVED)
            self._fit_checks()
            return []
        found = plan_lifecycle.checks(self.db, v.id)
        for c in found:
            self.checks.addItem(f"{'BŁĄD' if c.level == 'błąd' else 'Uwaga'}: {c.message}")
        if not found:
            self.checks.addItem("Plan nie budzi zastrzeżeń.")
        self._fit_checks()
        return found

    def _fit_checks(self) -> None:
        """As tall as the checks need, up to a few lines: the plan keeps the room."""
        rows = sum(self.checks.sizeHintForRow(i) for i in range(self.checks.count()))
        self.checks.setFixedHeight(min(130, max(rows, 20) + 2 * self.checks.frameWidth() + 4))

    def _show_refused_item(self, message: str) -> None:
        """The form shows the item the message names ("Pozycja 2: …"), so what is corrected
        there is the item that was refused, not the one that happened to be selected."""
        if m := re.search(r"Pozycja (\d+):", message):
            row = int(m.group(1)) - 1
            if 0 <= row < self.model.rowCount() and row != self._shown_row:
                self.table.selectRow(row)
                self.message.show_errors(message)  # selecting applied the form, clearing it

    def _mark_unsaved(self, *_) -> None:
        """Typed changes are not yet in what was checked: say so above the checks."""
        if self.editable and (not self.checks.count()
                              or self.checks.item(0).text() != UNSAVED):
            self.checks.insertItem(0, UNSAVED)
            self._fit_checks()

    # --- items --------------------------------------------------------------------------------
    def _carried_from_step_three(self) -> list[plans.PlanItem]:
        """A new plan starts from the services chosen at step 3, each with its need."""
        names = {svc.id: svc.name for svc in self.services}
        return [plans.PlanItem(service_id=m.service_id, need_id=m.need_id,
                               service_name=names.get(m.service_id or "", ""))
                for m in case_steps.matches_of(self.db, self.case_id)
                if m.chosen and m.service_id]

    def _select(self, row: int) -> None:
        """Keep what the form holds in its row, then show the newly selected item."""
        if row == self._shown_row:
            return
        if not self.apply_form():
            self.table.selectRow(self._shown_row)  # stay until the item can be read
            return
        self._shown_row = row
        if 0 <= row < self.model.rowCount():
            self.form.show_item(self.model.items[row])
            self.form.setEnabled(self.editable)
        else:
            self.form.setEnabled(False)

    @property
    def shown_row(self) -> int:
        return self._shown_row

    def apply_form(self) -> bool:
        """The form's fields into the shown item; False (message shown) when they cannot be
        read, nothing lost: the fields keep what was typed."""
        row = self._shown_row
        if not self.editable or not 0 <= row < self.model.rowCount():
            return True
        try:
            self.model.replace(row, self.form.item(f"Pozycja {row + 1}"))
        except ValueError as exc:
            self.message.show_errors(str(exc))
            return False
        self.message.show_errors(None)
        return True

    def add_row(self, item: plans.PlanItem | None = None) -> int:
        if not self.apply_form():
            return -1
        row = self.model.add(item or plans.PlanItem())
        self.table.selectRow(row)
        return row

    def remove_selected(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < self.model.rowCount():
            # Qt moves the current row while one is removed and reports it by its number
            # before the removal: the form must not follow that (it would then write the
            # item it shows into the row that moved up), so the selection is let go first
            self._shown_row = -1  # the form's item goes with its row
            self.table.selectionModel().clearCurrentIndex()
            self.table.clearSelection()
            self.model.remove(row)
            self._shown_row = -1
            if self.model.rowCount():
                self.table.selectRow(min(row, self.model.rowCount() - 1))
            else:
                self.form.setEnabled(False)

    def items(self) -> list[plans.PlanItem]:
        """The items as the list and the form hold them; ValueError naming the item."""
        if not self.apply_form():
            raise ValueError(self.message.text())
        return list(self.model.items)

    def header_values(self) -> plan_lifecycle.PlanHeader:
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
            items = self.items()
            header = self.header_values()
            plan_lifecycle.save_plan(self.db, self.case_id, self.resident_id, items, header,
                                     self.revision)
        except (ValidationError, ValueError, KoordynatorError) as exc:
            self.message.show_errors(exc)
            self._show_refused_item(self.message.text())
            return False
        cases.discard_draft(self.db, self.case_id, 4)  # saved: step 4 has nothing pending
        self.reload_versions()
        self.message.show_ok(f"Zapisano plan (wersja {self.version.version_no}).")
        return True

    def agree(self, agreed_on: date | None = None) -> bool:
        """Agreed with the person on the day chosen in a dialog (or ``agreed_on``)."""
        if not self.save():
            return False
        blocking = [c.message for c in plan_lifecycle.checks(self.db, self.version.id)
                    if c.level == "błąd"]
        if blocking:  # nothing to ask while the plan cannot be agreed
            self.message.show_errors("Planu nie można jeszcze uzgodnić: " + " ".join(blocking))
            return False
        vid = self.version.id

        def commit(when: date, *_: str) -> None:
            plan_lifecycle.agree(self.db, vid, when)
        return self._decide(DecisionDialog("Uzgodnienie planu z osobą", "Data uzgodnienia",
                                           commit, self), agreed_on, "Plan uzgodniono z osobą.")

    def approve(self, approved_by: str | None = None, role: str = "dyrektor CUS",
                approved_on: date | None = None) -> bool:
        vid = self.version.id

        def commit(when: date, who: str, as_whom: str) -> None:
            plan_lifecycle.approve(self.db, vid, who, as_whom, when)
        dialog = DecisionDialog("Zatwierdzenie planu", "Data zatwierdzenia", commit, self,
                                approver=self.session.settings().director_name)
        if approved_by is not None:
            dialog.approver.setText(approved_by)
            dialog.role.setCurrentText(role)
        return self._decide(dialog, approved_on if approved_by is not None else None,
                            "Plan zatwierdzono.", given=approved_by is not None)

    def _decide(self, dialog: DecisionDialog, when: date | None, done: str,
                given: bool = False) -> bool:
        """The dialog asks (a refused date is corrected in it, where it was typed); with a
        day given, as a script or a test gives it, the same check runs without asking."""
        if when is not None or given:
            dialog.when.set_date(when or date.today())
            if not dialog.attempt():
                self.message.show_errors(dialog.error.text())
                return False
        elif not dialog.exec():
            return False
        self.reload_versions()
        self.message.show_ok(done)
        return True

    def return_to_draft(self, reason: str | None = None) -> bool:
        """Back to a draft: the reason (what to correct) is asked and kept in the history."""
        if reason is None:
            reason = ask_text(self, "Zwrot planu do poprawy", "Co trzeba poprawić w planie?",
                              "")
            if reason is None:
                return False
        try:
            plan_lifecycle.return_to_draft(self.db, self.version.id, reason)
        except (ValidationError, KoordynatorError) as exc:
            self.message.show_errors(exc)
            return False
        self.reload_versions()
        self.message.show_ok("Plan wrócił do projektu: popraw go i uzgodnij ponownie z osobą.")
        return True

    def start_update(self, reason: str | None = None) -> bool:
        if reason is None:
            reason = ask_text(self, "Aktualizacja planu", "Dlaczego plan się zmienia?", "")
            if not reason:
                return False
        try:
            plans.start_update(self.db, self.case_id, reason, self.resident_id)
        except (ValidationError, KoordynatorError) as exc:
            self.message.show_errors(exc)
            return False
        self.reload_versions()
        return True


UNSAVED = ("Zmiany nie są jeszcze zapisane – „Zapisz plan” zapisze je i sprawdzi plan "
           "ponownie.")


def ask_text(parent, title: str, label: str, value: str) -> str | None:
    from PySide6.QtWidgets import QDialog, QInputDialog

    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(value)
    # Qt sizes the dialog to its label, cutting a sentence-long reason in the field
    dialog.findChild(QLineEdit).setMinimumWidth(420)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.textValue().strip() if ok else None


class DecisionDialog(QDialog):
    """The day the plan was agreed with the person (or approved, and by whom): today unless
    the KIPUS enters the day it really happened. ``commit`` stores it; what it refuses (a
    future day, a day before the draft) is shown here, and the dialog stays open."""

    def __init__(self, title: str, date_label: str,
                 commit: Callable[[date, str, str], None], parent=None,
                 approver: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.commit = commit
        self.when = DateField(date.today(), label=date_label)
        self.approver = QLineEdit(approver or "")
        self.role = QComboBox()
        for role in ("dyrektor CUS", "upoważniony organizator usług społecznych"):
            self.role.addItem(role)
        self.error = ErrorLabel()
        form = QFormLayout(self)
        form.addRow(date_label, self.when)
        if approver is not None:
            form.addRow("Kto zatwierdza", self.approver)
            form.addRow("Rola", self.role)
        form.addRow(self.error)
        form.addRow(ok_cancel("Zapisz", self._accept_if_stored, self.reject))

    def attempt(self) -> bool:
        try:
            chosen = self.when.date()
            if chosen is None:
                raise ValueError(f"{self.when.label}: wpisz datę.")
            self.commit(chosen, self.approver.text(), self.role.currentText())
        except ValidationError as exc:
            self.error.show_errors(exc.errors)
            return False
        except (ValueError, KoordynatorError) as exc:
            self.error.show_errors(str(exc))
            return False
        return True

    def _accept_if_stored(self) -> None:
        if self.attempt():
            self.accept()
