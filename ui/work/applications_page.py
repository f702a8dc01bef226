"""The register of applications waiting, in the order filed, with their decisions:
qualify (a case opens), refuse (with the reason) or pass on with the applicant's consent."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.cases import applications
from app.core.errors import KoordynatorError, ValidationError
from app.core.validation import format_date
from app.session.session import Session
from ui.common import look, unsaved
from ui.common.flow_layout import button_row
from ui.common.on_session import OnSession
from ui.common.widgets import DateField, ErrorLabel, list_table, ok_cancel


class FormDialog(QDialog):
    """A small form; ``values`` after accept. ``check`` may raise to keep it open."""

    def __init__(self, title: str, fields: list[tuple[str, str, QWidget]], check, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.widgets = {key: widget for key, _, widget in fields}
        self.check = check
        form = QFormLayout()
        for _, label, widget in fields:
            form.addRow(label, widget)
        self.error = ErrorLabel()
        buttons = ok_cancel("Zapisz", self.try_accept, self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._as_opened = unsaved.snapshot(self)

    def reject(self) -> None:  # Esc after typing the request asked nothing and dropped it
        if unsaved.closing_ok(self, unsaved.snapshot(self) != self._as_opened,
                              "dane w formularzu", self.try_accept):
            super().reject()

    def try_accept(self) -> bool:
        try:
            self.check(self)
        except (ValidationError, ValueError, KoordynatorError) as exc:
            self.error.show_errors(exc)
            return False
        self.accept()
        return True


def make_combo(options: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for key, label in options.items():
        combo.addItem(label, key)
    return combo


def new_application_dialog(session: Session, resident_id: str, name: str,
                           parent=None) -> FormDialog:
    request = QPlainTextEdit()
    look.lines_tall(request, 4)
    fields = [("filed_on", "Data złożenia *", DateField(date.today(), label="Data złożenia")),
              ("filed_by_kind", "Kto złożył *", make_combo(applications.FILED_BY_CHOICES)),
              ("filed_by_name", "Imię i nazwisko / instytucja", QLineEdit()),
              ("channel", "Jak wpłynął *", make_combo(applications.CHANNELS)),
              ("request", "O co wnosi *", request)]

    def check(d: FormDialog) -> None:
        w = d.widgets
        filed_on = w["filed_on"].date()
        if filed_on is None:
            raise ValidationError({"filed_on": "Podaj datę złożenia wniosku."})
        d.result_id = applications.file_application(
            session.db, resident_id, filed_on, w["filed_by_kind"].currentData(),
            w["channel"].currentData(), w["request"].toPlainText(), w["filed_by_name"].text())

    return FormDialog(f"Wniosek o zakwalifikowanie – {name}", fields, check, parent)


class ApplicationsPage(OnSession, QWidget):
    case_opened = Signal(str)
    HEADERS = ["Złożony", "Czeka (dni)", "Osoba", "Kto złożył", "Jak", "O co wnosi"]

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        heading = QLabel("Wnioski oczekujące (w kolejności złożenia)")
        look.heading(heading)
        self.table = list_table(self.HEADERS)
        self.table.setAccessibleName("Wnioski czekające na rozpatrzenie, w kolejności złożenia")
        self.message = ErrorLabel()
        qualify = QPushButton("Zakwalifikuj i otwórz sprawę…")
        refuse = QPushButton("Odmowa zakwalifikowania…")
        transfer = QPushButton("Przekaż (za zgodą wnioskodawcy)…")
        qualify.clicked.connect(lambda: self.qualify_selected())
        refuse.clicked.connect(lambda: self.refuse_selected())
        transfer.clicked.connect(lambda: self.transfer_selected())
        heading.setWordWrap(True)  # large text would widen the window past the screen
        where = QLabel("Nowy wniosek dodaje się przy osobie: zakładka Mieszkańcy → „Wnioski i "
                       "sprawy”.")
        where.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(button_row(qualify, refuse, transfer))
        self.items: list[applications.WaitingApplication] = []
        self.stale = True

    def refresh(self) -> None:
        self.stale = False
        self.items = applications.waiting(self.db)
        self.table.setRowCount(0)
        for row, a in enumerate(self.items):
            self.table.insertRow(row)
            for col, text in enumerate((format_date(a.filed_on), str(a.days_waiting), a.name,
                                        applications.FILED_BY[a.filed_by_kind],
                                        applications.CHANNELS[a.channel], a.request)):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def select(self, application_id: str) -> bool:
        if self.stale:
            self.refresh()
        for row, a in enumerate(self.items):
            if a.id == application_id:
                self.table.selectRow(row)
                return True
        return False

    def selected(self) -> applications.WaitingApplication | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.show_errors("Zaznacz wniosek na liście.")
            return None
        self.message.show_errors(None)
        return self.items[rows[0].row()]

    def _decide(self, make, run=None) -> FormDialog | None:
        """The decision dialog for the selected application; the accepted dialog, or None.
        ``run`` replaces exec() in tests."""
        a = self.selected()
        if a is None:
            return None
        dialog = make(self.db, a.id, a.name, self)
        if not (run or (lambda d: d.exec() == QDialog.DialogCode.Accepted))(dialog):
            return None
        self.refresh()
        return dialog

    def qualify_selected(self, run=None) -> bool:
        dialog = self._decide(qualify_dialog, run)
        if dialog is not None:
            self.case_opened.emit(dialog.case_id)
        return dialog is not None

    def refuse_selected(self, run=None) -> bool:
        return self._decide(refuse_dialog, run) is not None

    def transfer_selected(self, run=None) -> bool:
        return self._decide(transfer_dialog, run) is not None


# The three decisions on an application, used from the waiting list and from the person's
# own "Wnioski i sprawy" alike. Each dialog writes only when its fields pass.
def qualify_dialog(db, application_id: str, name: str, parent=None) -> FormDialog:
    """On acceptance the dialog's ``case_id`` is the case just opened."""
    def check(d: FormDialog) -> None:
        when = d.widgets["decided_on"].date()
        if when is None:
            raise ValidationError({"decided_on": "Podaj datę."})
        d.case_id = applications.qualify(db, application_id, when,
                                         d.widgets["household"].isChecked())

    household = QCheckBox("sprawa obejmuje całe gospodarstwo domowe")
    return FormDialog(f"Zakwalifikowanie – {name}",
                      [("decided_on", "Data zakwalifikowania *",
                        DateField(date.today(), label="Data zakwalifikowania")),
                       ("household", "Zakres", household)], check, parent)


def refuse_dialog(db, application_id: str, name: str, parent=None) -> FormDialog:
    reason = QPlainTextEdit()
    look.lines_tall(reason, 4)

    def check(d: FormDialog) -> None:
        when = d.widgets["decided_on"].date()
        if when is None:
            raise ValidationError({"decided_on": "Podaj datę."})
        applications.refuse(db, application_id, when, d.widgets["reason"].toPlainText())

    return FormDialog(f"Odmowa zakwalifikowania – {name}",
                      [("decided_on", "Data decyzji *",
                        DateField(date.today(), label="Data decyzji")),
                       ("reason", "Uzasadnienie *", reason)], check, parent)


def transfer_dialog(db, application_id: str, name: str, parent=None) -> FormDialog:
    def check(d: FormDialog) -> None:
        w = d.widgets
        when, consent = w["decided_on"].date(), w["consent_on"].date()
        if when is None or consent is None:
            raise ValidationError({"decided_on": "Podaj datę przekazania i datę zgody."})
        applications.transfer(db, application_id, when, w["to"].text(), consent)

    return FormDialog(f"Przekazanie wniosku – {name}",
                      [("decided_on", "Data przekazania *",
                        DateField(date.today(), label="Data przekazania")),
                       ("to", "Komu (zespół, jednostka gminy) *", QLineEdit()),
                       ("consent_on", "Data zgody wnioskodawcy *",
                        DateField(label="Data zgody wnioskodawcy"))],
                      check, parent)
