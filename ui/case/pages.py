"""One page per case-management step. Each page fills itself from the database (or from a
draft left earlier), reports what was typed as a draft, and saves through app.cases.steps."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.casefile.cases import get_case
from app.cases import steps as cs
from app.core.validation import format_date, parse_date
from app.session.session import Session
from ui.common import grids
from ui.common.on_session import OnSession
from ui.common.widgets import DateField


class StepPage(OnSession, QWidget):
    step = 0

    def __init__(self, session: Session, case_id: str, parent=None):
        super().__init__(parent)
        self.session, self.case_id = session, case_id
        self.layout_ = QVBoxLayout(self)

    @property
    def case(self):
        return get_case(self.db, self.case_id)

    def load(self) -> None: ...

    def draft(self) -> dict:
        return {}

    def restore(self, values: dict) -> None: ...

    def save(self) -> int | None:
        """Persist; may return the step to go to next (else the next in order)."""
        raise NotImplementedError


class ContactPage(StepPage):
    step = 1

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        form = QFormLayout()
        self.contact_on = DateField(label="Data pierwszego kontaktu")
        self.came_how = grids.combo(cs.CAME_HOW, empty="— wybierz —")
        self.referred_by = QLineEdit()
        self.referred_by.setPlaceholderText("np. lekarz rodzinny, szkoła, sąsiad, GOPS")
        self.request = QPlainTextEdit()
        self.request.setFixedHeight(70)
        self.consent = QComboBox()
        for label, value in (("— nie zapisano —", None), ("udzielona", True),
                             ("odmowa", False)):
            self.consent.addItem(label, value)
        self.consent_on = DateField(label="Data decyzji o zgodzie")
        form.addRow("Data pierwszego kontaktu *", self.contact_on)
        form.addRow("Jak osoba trafiła do centrum *", self.came_how)
        form.addRow("Kto kieruje do CUS", self.referred_by)
        form.addRow("O co prosi osoba *", self.request)
        form.addRow("Zgoda na prowadzenie karty usług *", self.consent)
        form.addRow("Data decyzji o zgodzie *", self.consent_on)
        self.layout_.addLayout(form)
        self.layout_.addStretch()

    def load(self) -> None:
        case = self.case
        self.came_how.setCurrentIndex(max(0, self.came_how.findData(case.came_how)))
        self.referred_by.setText(case.referred_by or "")
        self.request.setPlainText(case.request or "")
        self.consent.setCurrentIndex({None: 0, True: 1, False: 2}[case.consent])
        contact_on, consent_on = cs.contact_dates(self.db, self.case_id)
        self.contact_on.set_date(contact_on)
        self.consent_on.set_date(consent_on)

    def draft(self) -> dict:
        return {"contact_on": self.contact_on.text(), "came_how": self.came_how.currentData(),
                "referred_by": self.referred_by.text(), "request": self.request.toPlainText(),
                "consent": self.consent.currentIndex(), "consent_on": self.consent_on.text()}

    def restore(self, v: dict) -> None:
        self.contact_on.setText(v.get("contact_on", ""))
        self.came_how.setCurrentIndex(max(0, self.came_how.findData(v.get("came_how"))))
        self.referred_by.setText(v.get("referred_by", ""))
        self.request.setPlainText(v.get("request", ""))
        self.consent.setCurrentIndex(v.get("consent", 0))
        self.consent_on.setText(v.get("consent_on", ""))

    def save(self) -> int | None:
        cs.save_contact(self.db, self.case_id, self.contact_on.date(),
                        self.came_how.currentData() or "", self.referred_by.text(),
                        self.request.toPlainText(), self.consent.currentData(),
                        self.consent_on.date())
        return None


class AssessmentPage(StepPage):
    step = 2
    NEED_HEADERS = ["Kategoria", "Potrzeba", "Priorytet (1 – najpilniejsza)", "Zasoby osoby"]
    OPINION_HEADERS = ["Specjalista", "Rola", "Data", "Opinia"]

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        self.consent_note = QLabel(cs.NO_CONSENT)
        self.consent_note.setWordWrap(True)
        self.consent_note.setStyleSheet("color: #8a5300;")
        top = QFormLayout()
        self.assessed_on = DateField(label="Data oceny sytuacji")
        top.addRow("Data rozpoznania *", self.assessed_on)
        self.general = {k: QLineEdit() for k in cs.GENERAL_FIELDS}
        self.general_box = QWidget()
        general_form = QFormLayout(self.general_box)
        for key, label in cs.GENERAL_FIELDS.items():
            general_form.addRow(label, self.general[key])
        self.needs = grids.table(self.NEED_HEADERS)
        self.opinions = grids.table(self.OPINION_HEADERS)
        # the page scrolls instead of squeezing the lists to two rows on a small screen
        self.needs.setMinimumHeight(170)
        self.opinions.setMinimumHeight(120)
        add_need, add_opinion = QPushButton("Dodaj potrzebę"), QPushButton("Dodaj opinię")
        add_need.clicked.connect(lambda: self.add_need())
        add_opinion.clicked.connect(lambda: self.add_opinion())
        self.layout_.addWidget(self.consent_note)
        self.layout_.addLayout(top)
        self.layout_.addWidget(QLabel("<b>Część ogólna karty usług</b>"))
        self.layout_.addWidget(self.general_box)
        self.layout_.addWidget(QLabel("<b>Rozpoznane potrzeby *</b>"))
        self.layout_.addWidget(self.needs, 1)
        self.layout_.addWidget(add_need)
        self.opinions_label = QLabel("<b>Opinie specjalistów</b>")
        self.layout_.addWidget(self.opinions_label)
        self.layout_.addWidget(self.opinions, 1)
        self.layout_.addWidget(add_opinion)
        self._need_ids: list[str | None] = []
        self._opinion_ids: list[str | None] = []

    def add_need(self, need: cs.Need | None = None) -> int:
        row = self.needs.rowCount()
        self.needs.insertRow(row)
        need = need or cs.Need("", "")
        self.needs.setCellWidget(row, 0, grids.combo(cs.NEED_CATEGORIES, need.category or None,
                                                empty="— wybierz —"))
        grids.put_text(self.needs, row, 1, need.description)
        spin = QSpinBox()
        spin.setRange(1, 3)
        spin.setValue(need.priority)
        self.needs.setCellWidget(row, 2, spin)
        grids.put_text(self.needs, row, 3, need.person_resources)
        self._need_ids.append(need.id)
        return row

    def add_opinion(self, op: cs.Opinion | None = None) -> int:
        row = self.opinions.rowCount()
        self.opinions.insertRow(row)
        values = [op.specialist_name, op.role, format_date(op.opinion_date), op.summary] if op \
            else ["", "", "", ""]
        for col, text in enumerate(values):
            grids.put_text(self.opinions, row, col, text)
        self._opinion_ids.append(op.id if op else None)
        return row

    def load(self) -> None:
        consent = self.case.consent is True
        self.consent_note.setVisible(not consent)
        for widget in (self.general_box, self.opinions, self.opinions_label):
            widget.setEnabled(consent)
        for key, value in cs.general_of(self.db, self.case_id).items():
            self.general[key].setText(value)
        for need in cs.needs_of(self.db, self.case_id):
            self.add_need(need)
        for op in cs.opinions_of(self.db, self.case_id):
            self.add_opinion(op)
        self.assessed_on.set_date(cs.assessed_on(self.db, self.case_id))

    def draft(self) -> dict:
        return {"assessed_on": self.assessed_on.text(),
                "general": {k: e.text() for k, e in self.general.items()},
                "needs": [[grids.cell(self.needs, r, c) for c in range(4)] + [self._need_ids[r]]
                          for r in range(self.needs.rowCount())],
                "opinions": [[grids.cell(self.opinions, r, c) for c in range(4)]
                             + [self._opinion_ids[r]] for r in range(self.opinions.rowCount())]}

    def restore(self, v: dict) -> None:
        self.assessed_on.setText(v.get("assessed_on", ""))
        for key, value in v.get("general", {}).items():
            if key in self.general:
                self.general[key].setText(value)
        self.needs.setRowCount(0)
        self._need_ids.clear()
        for cat, desc, prio, res, nid in v.get("needs", []):
            self.add_need(cs.Need(cat, desc, int(prio or 2), res, id=nid))
        self.opinions.setRowCount(0)
        self._opinion_ids.clear()
        for name, role, when, summary, oid in v.get("opinions", []):
            row = self.add_opinion()
            for col, text in enumerate((name, role, when, summary)):
                grids.put_text(self.opinions, row, col, text)
            self._opinion_ids[row] = oid

    def save(self) -> int | None:
        needs = [cs.Need(grids.cell(self.needs, r, 0), grids.cell(self.needs, r, 1),
                         int(grids.cell(self.needs, r, 2)), grids.cell(self.needs, r, 3),
                         id=self._need_ids[r]) for r in range(self.needs.rowCount())
                 if grids.cell(self.needs, r, 0) or grids.cell(self.needs, r, 1)]
        opinions = [cs.Opinion(grids.cell(self.opinions, r, 0), grids.cell(self.opinions, r, 1),
                               parse_date(grids.cell(self.opinions, r, 2) or "?",
                                          f"Opinia {r + 1} – data"),
                               grids.cell(self.opinions, r, 3), self._opinion_ids[r])
                    for r in range(self.opinions.rowCount())
                    if any(grids.cell(self.opinions, r, c) for c in range(4))]
        general = {k: e.text() for k, e in self.general.items()} if self.case.consent else {}
        cs.save_assessment(self.db, self.case_id,
                           cs.Assessment(self.assessed_on.date(), general, needs, opinions))
        return None
