"""A resident's applications and cases (open ones first, closed ones kept visible), with a
new application and the way into each case."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.casefile import cases
from app.cases import applications
from app.core.validation import format_date
from app.session.session import Session
from ui.common import look
from ui.common.flow_layout import button_row
from ui.common.on_session import OnSession
from ui.common.widgets import ErrorLabel, keyed_buttons, list_table, note, opens_rows
from ui.work.applications_page import (
    new_application_dialog,
    qualify_dialog,
    refuse_dialog,
    transfer_dialog,
)


class ResidentCasesDialog(OnSession, QDialog):
    open_case = Signal(str)

    def __init__(self, session: Session, resident_id: str, name: str, parent=None):
        super().__init__(parent)
        self.session, self.resident_id, self.name = session, resident_id, name
        self.setWindowTitle(f"Wnioski i sprawy – {name}")
        look.resize(self, 900, 560)
        self.cases = list_table(["Numer", "Stan", "Krok", "Otwarta", "Zamknięta"])
        self.apps = list_table(["Złożony", "O co wnosi", "Stan", "Rozpatrzony", "Uwagi"])
        self.cases.setAccessibleName("Sprawy tej osoby")
        self.apps.setAccessibleName("Wnioski tej osoby")
        self.message = ErrorLabel()
        new_app = QPushButton("Nowy wniosek o zakwalifikowanie…")
        new_app.clicked.connect(lambda: self.new_application())
        decision = QPushButton("Projekt decyzji o odmowie (zaznaczony wniosek)…")
        decision.clicked.connect(lambda: self.print_refusal())
        decisions = QHBoxLayout()
        decisions.addWidget(QLabel("Zaznaczony wniosek:"), 0, Qt.AlignmentFlag.AlignTop)
        decide_row = button_row()  # wraps when the text is large
        self.decide_buttons = keyed_buttons(decide_row.layout(), (
            ("qualify", "Zakwalifikuj i otwórz sprawę…"), ("refuse", "Odmów zakwalifikowania…"),
            ("transfer", "Przekaż (za zgodą wnioskodawcy)…")), self.decide)
        decisions.addWidget(decide_row, 1)
        open_button = QPushButton("Otwórz zaznaczoną sprawę")
        open_button.clicked.connect(self.open_selected)
        opens_rows(self.cases, self.open_selected)
        buttons = button_row(new_app, decision, open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note("<b>Sprawy</b> (Enter albo dwuklik otwiera sprawę na bieżącym "
                              "kroku)"))
        layout.addWidget(self.cases, 1)
        layout.addWidget(QLabel("<b>Wnioski</b>"))
        layout.addWidget(self.apps, 1)
        layout.addLayout(decisions)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.case_list = cases.cases_for_resident(self.db, self.resident_id)
        self.cases.setRowCount(0)
        for row, c in enumerate(self.case_list):
            self.cases.insertRow(row)
            for col, text in enumerate((c.case_number,
                                        "otwarta" if c.is_open else "zamknięta",
                                        f"{c.current_step}. {cases.STEP_NAMES[c.current_step]}",
                                        format_date(c.opened_on), format_date(c.closed_on))):
                self.cases.setItem(row, col, QTableWidgetItem(text))
        self.apps.setRowCount(0)
        self.app_list = applications.for_resident(self.db, self.resident_id)
        for row, a in enumerate(self.app_list):
            self.apps.insertRow(row)
            note = a.refusal_reason or (f"przekazano: {a.transferred_to}" if a.transferred_to
                                        else "")
            for col, text in enumerate((format_date(a.filed_on), a.request,
                                        applications.STATUSES[a.status],
                                        format_date(a.decided_on), note)):
                self.apps.setItem(row, col, QTableWidgetItem(text))

    def new_application(self, run=None) -> bool:
        dialog = new_application_dialog(self.session, self.resident_id, self.name, self)
        ok = (run or (lambda d: d.exec() == QDialog.DialogCode.Accepted))(dialog)
        if ok:
            self.refresh()
        return ok

    def decide(self, kind: str, run=None) -> bool:
        """Qualify, refuse or pass on the selected application, here, as on the waiting list;
        a qualified application opens its case."""
        rows = self.apps.selectionModel().selectedRows()
        if not rows:
            self.message.show_errors("Zaznacz wniosek.")
            return False
        app = self.app_list[rows[0].row()]
        if app.status != "oczekuje":
            self.message.show_errors("Ten wniosek jest już rozpatrzony ("
                                     f"{applications.STATUSES[app.status]}).")
            return False
        make = {"qualify": qualify_dialog, "refuse": refuse_dialog,
                "transfer": transfer_dialog}[kind]
        dialog = make(self.db, app.id, self.name, self)
        ok = (run or (lambda d: d.exec() == QDialog.DialogCode.Accepted))(dialog)
        if ok:
            self.message.show_errors(None)
            self.refresh()
            if kind == "qualify":
                self.open_case.emit(dialog.case_id)
        return ok

    def print_refusal(self):
        from ui.documents.screens import issue_document

        rows = self.apps.selectionModel().selectedRows()
        if not rows:
            self.message.show_errors("Zaznacz wniosek.")
            return None
        app = self.app_list[rows[0].row()]
        if app.status != "odmowa":
            self.message.show_errors("Projekt decyzji dotyczy wniosku, którego odmówiono "
                                     "(Wnioski → Odmowa zakwalifikowania).")
            return None
        return issue_document(self, self.session, "odmowa", app.id)

    def open_selected(self) -> None:
        rows = self.cases.selectionModel().selectedRows()
        if not rows:
            self.message.show_errors("Zaznacz sprawę.")
            return
        self.open_case.emit(self.case_list[rows[0].row()].id)
