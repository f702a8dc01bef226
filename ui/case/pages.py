"""One page per case-management step. Each page fills itself from the database (or from a
draft left earlier), reports what was typed as a draft, and saves through app.cases.steps."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.casefile.cases import get_case
from app.cases import steps as cs
from app.core.validation import format_date, parse_date
from app.session.session import Session
from ui.common import grids, look
from ui.common.on_session import OnSession
from ui.common.record_editor import Field, RecordEditor
from ui.common.widgets import DateField


class StaleDraft(ValueError):
    """A kept draft that no longer fits what is saved (the plan changed since)."""


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
        look.lines_tall(self.request, 3.5)
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


NEED_FIELDS = (
    Field("category", "Kategoria", choices=cs.NEED_CATEGORIES),
    Field("description", "Potrzeba", multiline=True,
          placeholder="np. pomoc w zakupach i sprzątaniu"),
    Field("priority", "Priorytet (1 – najpilniejsza)", spin=(1, 3), list_label="Priorytet"),
    Field("person_resources", "Zasoby osoby", multiline=True,
          placeholder="co osoba może zrobić sama, kto jej pomaga"),
)
OPINION_FIELDS = (
    Field("specialist_name", "Specjalista"),
    Field("role", "Rola", placeholder="np. lekarz rodzinny, pielęgniarka"),
    Field("opinion_date", "Data", date=True),
    Field("summary", "Opinia", multiline=True),
)


def _opinion_row(op: cs.Opinion) -> dict:
    return {"id": op.id, "specialist_name": op.specialist_name, "role": op.role,
            "opinion_date": format_date(op.opinion_date), "summary": op.summary}


class AssessmentPage(StepPage):
    step = 2

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        self.consent_note = QLabel(cs.NO_CONSENT)
        self.consent_note.setWordWrap(True)
        look.tone(self.consent_note, "warning")
        top = QFormLayout()
        self.assessed_on = DateField(label="Data rozpoznania")
        top.addRow("Data rozpoznania *", self.assessed_on)
        self.general = {k: QLineEdit() for k in cs.GENERAL_FIELDS}
        self.general_box = QWidget()
        general_form = QFormLayout(self.general_box)
        for key, label in cs.GENERAL_FIELDS.items():
            general_form.addRow(label, self.general[key])
        self.needs = RecordEditor(NEED_FIELDS, add_text="Dodaj potrzebę",
                                  remove_text="Usuń zaznaczoną potrzebę",
                                  empty_text="Nie wpisano jeszcze żadnej potrzeby.",
                                  new_row=lambda: {"id": None, "priority": 2,
                                                   "status": "rozpoznana"})
        self.opinions = RecordEditor(OPINION_FIELDS, add_text="Dodaj opinię",
                                     remove_text="Usuń zaznaczoną opinię",
                                     new_row=lambda: {"id": None})
        # the page scrolls instead of squeezing the lists to two rows on a small screen
        self.needs.setMinimumHeight(200)
        self.opinions.setMinimumHeight(170)
        self.layout_.addWidget(self.consent_note)
        self.layout_.addLayout(top)
        self.layout_.addWidget(QLabel("<b>Część ogólna karty usług</b>"))
        self.layout_.addWidget(self.general_box)
        self.layout_.addWidget(QLabel("<b>Rozpoznane potrzeby *</b>"))
        self.layout_.addWidget(self.needs, 1)
        self.opinions_label = QLabel("<b>Opinie specjalistów</b>")
        self.layout_.addWidget(self.opinions_label)
        self.layout_.addWidget(self.opinions, 1)

    def load(self) -> None:
        consent = self.case.consent is True
        self.consent_note.setVisible(not consent)
        for widget in (self.general_box, self.opinions, self.opinions_label):
            widget.setEnabled(consent)
        for key, value in cs.general_of(self.db, self.case_id).items():
            self.general[key].setText(value)
        self.needs.set_rows([asdict(n) for n in cs.needs_of(self.db, self.case_id)])
        self.opinions.set_rows([_opinion_row(op) for op in cs.opinions_of(self.db, self.case_id)])
        self.assessed_on.set_date(cs.assessed_on(self.db, self.case_id))

    def draft(self) -> dict:
        return {"assessed_on": self.assessed_on.text(),
                "general": {k: e.text() for k, e in self.general.items()},
                "need_rows": self.needs.rows(), "opinion_rows": self.opinions.rows()}

    def restore(self, v: dict) -> None:
        self.assessed_on.setText(v.get("assessed_on", ""))
        for key, value in v.get("general", {}).items():
            if key in self.general:
                self.general[key].setText(value)
        if "need_rows" not in v:  # a draft kept by the earlier grid: lists of cells
            v = {"need_rows": [dict(zip(("category", "description", "priority",
                                         "person_resources", "id"), cells, strict=True))
                               for cells in v.get("needs", [])],
                 "opinion_rows": [dict(zip(("specialist_name", "role", "opinion_date",
                                            "summary", "id"), cells, strict=True))
                                  for cells in v.get("opinions", [])]}
        self.needs.set_rows(v["need_rows"])
        self.opinions.set_rows(v.get("opinion_rows", []))

    def save(self) -> int | None:
        needs = [cs.Need(r.get("category") or "", (r.get("description") or "").strip(),
                         int(r.get("priority") or 2), r.get("person_resources") or "",
                         r.get("status") or "rozpoznana", r.get("id"))
                 for r in self.needs.rows() if r.get("category") or r.get("description")]
        opinions = [cs.Opinion(r.get("specialist_name") or "", r.get("role") or "",
                               parse_date(r.get("opinion_date") or "?",
                                          f"Opinia {n} – data"),
                               r.get("summary") or "", r.get("id"))
                    for n, r in enumerate(self.opinions.rows(), 1)
                    if any(r.get(k) for k in ("specialist_name", "role", "opinion_date",
                                              "summary"))]
        general = {k: e.text() for k, e in self.general.items()} if self.case.consent else {}
        cs.save_assessment(self.db, self.case_id,
                           cs.Assessment(self.assessed_on.date(), general, needs, opinions))
        return None
