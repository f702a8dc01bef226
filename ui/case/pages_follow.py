"""Steps 6–9: monitoring, advocacy, periodic evaluation and closing (with the follow-up)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from app.cases import closing as cc
from app.core.validation import format_date
from app.plans import store as plans
from ui.case.pages import StepPage
from ui.common import grids, look
from ui.common.widgets import DateField, note


class EventPage(StepPage):
    """Dated entries: monitoring (step 6) or advocacy (step 7). Saving adds the new entry."""

    KIND = {6: "monitorowanie", 7: "rzecznictwo"}

    def __init__(self, session, case_id, step: int, parent=None):
        self.step = step
        super().__init__(session, case_id, parent)
        self.kind = self.KIND[step]
        self.history = grids.table(["Data", "Co zaobserwowano" if step == 6 else "Sytuacja",
                               "Co zrobiono", "Rezultat"])
        self.history.setAccessibleName("Dotychczasowe wpisy monitorowania" if step == 6
                                       else "Dotychczasowe działania rzecznicze")
        form = QFormLayout()
        self.event_date = DateField()
        self.observed = QPlainTextEdit()
        look.lines_tall(self.observed, 3)
        self.action = QPlainTextEdit()
        look.lines_tall(self.action, 3)
        self.result = QLineEdit()
        form.addRow("Data *", self.event_date)
        form.addRow("Co zaobserwowano" if step == 6 else "Sytuacja / naruszenie praw",
                    self.observed)
        form.addRow("Co zrobiono", self.action)
        form.addRow("Rezultat", self.result)
        self.layout_.addWidget(QLabel("<b>Dotychczasowe wpisy</b>"))
        self.layout_.addWidget(self.history, 1)
        self.layout_.addWidget(QLabel("<b>Nowy wpis</b> (zapisuje się przy przejściu dalej)"))
        self.layout_.addLayout(form)
        if step == 6:
            self.modify = QPushButton("Zmień plan (aktualizacja IPUS) – wróć do kroku 4")
            self.layout_.addWidget(self.modify)

    def load(self) -> None:
        self.history.setRowCount(0)
        for e in cc.events_of(self.db, self.case_id, self.kind):
            row = self.history.rowCount()
            self.history.insertRow(row)
            for col, text in enumerate((format_date(e.event_date), e.observed, e.action_taken,
                                        e.result)):
                grids.put_text(self.history, row, col, text)

    def has_entry(self) -> bool:
        return bool(self.event_date.text().strip() or self.observed.toPlainText().strip()
                    or self.action.toPlainText().strip())

    def draft(self) -> dict:
        return {"date": self.event_date.text(), "observed": self.observed.toPlainText(),
                "action": self.action.toPlainText(), "result": self.result.text()}

    def restore(self, v: dict) -> None:
        self.event_date.setText(v.get("date", ""))
        self.observed.setPlainText(v.get("observed", ""))
        self.action.setPlainText(v.get("action", ""))
        self.result.setText(v.get("result", ""))

    def save(self) -> int | None:
        if not self.has_entry():
            return None  # moving on without a new entry is fine
        cc.add_event(self.db, self.case_id, self.kind, cc.Event(
            self.event_date.date(), self.observed.toPlainText(), self.action.toPlainText(),
            self.result.text()))
        for edit in (self.event_date, self.result):
            edit.clear()
        self.observed.clear()
        self.action.clear()
        self.load()
        return self.step  # stay: the entry shows in the list, and another may follow


class EvaluationPage(StepPage):
    step = 8

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        form = QFormLayout()
        self.item = QComboBox()
        self.evaluated_on = DateField(label="Data oceny")
        self.ratings = {}
        for key in cc.RATINGS:
            spin = QSpinBox()
            spin.setAccessibleName(f"Ocena: {cc.RATINGS[key]} (1–5)")
            spin.setRange(1, 5)
            spin.setValue(3)
            self.ratings[key] = spin
        self.goals = QPlainTextEdit()
        look.lines_tall(self.goals, 3)
        self.decision = grids.combo(cc.DECISIONS, empty="— wybierz —")
        self.notes = QPlainTextEdit()
        look.lines_tall(self.notes, 3)
        self.notes.setPlaceholderText("Przy zmianie planu: dlaczego i co zmienić (to będzie "
                                      "powód aktualizacji IPUS)")
        form.addRow("Oceniana usługa", self.item)
        form.addRow("Data oceny *", self.evaluated_on)
        form.addRow("", QLabel("Oceny: 1 – bardzo źle, 3 – przeciętnie, 5 – bardzo dobrze"))
        for key, label in cc.RATINGS.items():
            question = QLabel(cc.RATING_QUESTIONS[key])
            question.setWordWrap(True)
            look.tone(question, "muted")
            self.ratings[key].setAccessibleDescription(cc.RATING_QUESTIONS[key])
            row = QHBoxLayout()
            row.addWidget(self.ratings[key])
            row.addWidget(question, 1)
            form.addRow(f"{label.capitalize()} (1–5)", row)
        form.addRow("Czy osiągnięto cele? *", self.goals)
        form.addRow("Decyzja *", self.decision)
        form.addRow("Uwagi, co zmienić w planie", self.notes)
        self.layout_.addLayout(form)
        self.layout_.addWidget(note("„Zmiana planu” otwiera aktualizację IPUS (krok 4), "
                                    "„zakończenie” prowadzi do zamknięcia (krok 9)."))
        self.layout_.addStretch()

    def load(self) -> None:
        self.item.clear()
        self.item.addItem("cały plan", None)
        version = plans.current_version(self.db, self.case_id)
        for item in plans.items(self.db, version.id) if version else []:
            self.item.addItem(item.service_name or item.description, item.id)

    def draft(self) -> dict:
        return {"item": self.item.currentIndex(), "date": self.evaluated_on.text(),
                "ratings": {k: s.value() for k, s in self.ratings.items()},
                "goals": self.goals.toPlainText(), "decision": self.decision.currentData(),
                "notes": self.notes.toPlainText()}

    def restore(self, v: dict) -> None:
        self.item.setCurrentIndex(v.get("item", 0))
        self.evaluated_on.setText(v.get("date", ""))
        for key, value in v.get("ratings", {}).items():
            self.ratings[key].setValue(value)
        self.goals.setPlainText(v.get("goals", ""))
        self.decision.setCurrentIndex(max(0, self.decision.findData(v.get("decision"))))
        self.notes.setPlainText(v.get("notes", ""))

    def save(self) -> int | None:
        return cc.save_evaluation(self.db, self.case_id, cc.Evaluation(
            self.item.currentData(), self.evaluated_on.date(),
            {k: s.value() for k, s in self.ratings.items()}, self.goals.toPlainText(),
            self.decision.currentData() or "", self.notes.toPlainText()))


class ClosingPage(StepPage):
    step = 9

    def __init__(self, session, case_id, parent=None):
        super().__init__(session, case_id, parent)
        self.confirm_running = None  # replaced in tests; asks the KIPUS otherwise
        form = QFormLayout()
        self.closed_on = DateField(label="Data zamknięcia")
        self.reason = QLineEdit()
        self.summary_on = DateField(label="Data rozmowy podsumowującej")
        self.course = QPlainTextEdit()
        self.course.setPlaceholderText("Opis przebiegu i rezultatów planu, ustalony w rozmowie "
                                       "podsumowującej")
        form.addRow("Data zamknięcia *", self.closed_on)
        form.addRow("Powód zamknięcia *", self.reason)
        form.addRow("Data rozmowy podsumowującej *", self.summary_on)
        form.addRow("Przebieg i rezultaty *", self.course)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.state)
        # one box, shown or hidden whole: a label is never left without its field
        self.follow_box = QGroupBox("Monitoring po zakończeniu")
        self.follow_on = DateField(label="Data monitoringu")
        self.follow_text = QPlainTextEdit()
        look.lines_tall(self.follow_text, 3)
        follow_form = QFormLayout(self.follow_box)
        follow_form.addRow("Data kontaktu", self.follow_on)
        follow_form.addRow("Jak sobie radzi osoba", self.follow_text)
        self.layout_.addWidget(self.follow_box)
        self.layout_.addStretch()

    @property
    def closed(self) -> bool:
        return not self.case.is_open

    def load(self) -> None:
        case = self.case
        for widget in (self.closed_on, self.reason, self.summary_on, self.course):
            widget.setEnabled(case.is_open)
        self.follow_box.setVisible(not case.is_open)
        if not case.is_open:
            self.closed_on.set_date(case.closed_on)
            self.reason.setText(case.close_reason or "")
            if (summary := cc.summary_of(self.db, self.case_id)) is not None:
                self.summary_on.set_date(summary[0])  # a closed case shows what was agreed
                self.course.setPlainText(summary[1])
            due = cc.follow_up_due(self.db, self.case_id)
            self.state.setText(f"Sprawa zamknięta {format_date(case.closed_on)}. "
                               + (f"Przypomnienie o monitoringu po zakończeniu pojawi się na "
                                  f"liście „Na dziś” przed {format_date(due)}." if due else ""))

    def draft(self) -> dict:
        return {"closed_on": self.closed_on.text(), "reason": self.reason.text(),
                "summary_on": self.summary_on.text(), "course": self.course.toPlainText(),
                "follow_on": self.follow_on.text(), "follow": self.follow_text.toPlainText()}

    def restore(self, v: dict) -> None:
        if self.case.is_open:
            self.closed_on.setText(v.get("closed_on", ""))
            self.reason.setText(v.get("reason", ""))
            self.summary_on.setText(v.get("summary_on", ""))
            self.course.setPlainText(v.get("course", ""))
        self.follow_on.setText(v.get("follow_on", ""))
        self.follow_text.setPlainText(v.get("follow", ""))

    def save(self) -> int | None:
        if self.closed:
            if self.follow_on.text().strip() or self.follow_text.toPlainText().strip():
                cc.add_event(self.db, self.case_id, "monitorowanie_po", cc.Event(
                    self.follow_on.date(), self.follow_text.toPlainText()))
            return 9
        closing = cc.Closing(self.closed_on.date(), self.reason.text(), self.summary_on.date(),
                             self.course.toPlainText())
        try:
            follow = cc.close_case(self.db, self.case_id, closing)
        except cc.RunningServices as exc:
            ask = self.confirm_running or _ask_confirm
            if not ask(self, str(exc)):
                raise
            follow = cc.close_case(self.db, self.case_id, closing, confirm_running=True)
        self.load()
        self.state.setText(f"Sprawa zamknięta. Monitoring po zakończeniu: "
                           f"{format_date(follow)}.")
        return 9


def _ask_confirm(parent, message: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox.question(parent, "Zamknięcie sprawy", message) == (
        QMessageBox.StandardButton.Yes)
