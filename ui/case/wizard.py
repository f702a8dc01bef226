"""The case window: the nine steps with a progress list, back and forth, resumable where the
KIPUS stopped. Leaving a page saves it; what cannot be saved yet is kept as a draft, so
nothing typed is ever lost."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
)

from app.casefile import cases
from app.cases import service_card
from app.core.errors import KoordynatorError, ValidationError
from app.session.session import Session
from ui.case.pages import AssessmentPage, ContactPage, StaleDraft, StepPage
from ui.case.pages_follow import ClosingPage, EvaluationPage, EventPage
from ui.case.pages_plan import AccessPage, PlanPage, ResourcesPage
from ui.common import look, remembered
from ui.common.flow_layout import button_row
from ui.common.on_session import OnSession
from ui.common.widgets import ErrorLabel


def _page(session: Session, case_id: str, step: int) -> StepPage:
    if step in (6, 7):
        return EventPage(session, case_id, step)
    return {1: ContactPage, 2: AssessmentPage, 3: ResourcesPage, 4: PlanPage, 5: AccessPage,
            8: EvaluationPage, 9: ClosingPage}[step](session, case_id)


DONE_MARKS = ("    ", "✔ ")  # a step not done, done


class CaseWizard(OnSession, QDialog):
    def __init__(self, session: Session, case_id: str, step: int | None = None, parent=None):
        super().__init__(parent)
        self.session, self.case_id = session, case_id
        case = cases.get_case(session.db, case_id)
        self.setWindowTitle(f"Sprawa {case.case_number} – {case.resident_name}")
        look.resize(self, 1340, 700)  # a 1366×768 laptop screen, less its frame
        self.steps = QListWidget()
        self.steps.setAccessibleName("Kroki sprawy")
        for number, name, _ in cases.STEPS:
            self.steps.addItem(QListWidgetItem(f"{number}. {name}"))
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setWordWrap(True)
        look.sized(self.steps, self._fit_steps)
        self.title = QLabel()
        look.heading(self.title, 2)
        self.title.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.errors = ErrorLabel()
        self.stack = QStackedWidget()
        self.pages: dict[int, StepPage] = {}
        for number, _, _ in cases.STEPS:
            page = _page(session, case_id, number)
            self.pages[number] = page
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
        if isinstance(self.pages[6], EventPage):
            self.pages[6].modify.clicked.connect(self.modify_plan)
        self.back = QPushButton("← &Wstecz")
        self.next = QPushButton("Zapisz i &dalej →")
        self.card_button = QPushButton("Karta usług")
        self.documents_button = QPushButton("Dokumenty do podpisu…")
        self.documents_button.setMenu(self._documents_menu())
        self.close_button = QPushButton("&Zapisz i zamknij")
        self.back.clicked.connect(lambda: self.go(self.current - 1))
        self.next.clicked.connect(self.save_and_next)
        self.card_button.clicked.connect(self.show_card)
        self.close_button.clicked.connect(self.close)
        # two groups that wrap with large text instead of widening the window
        buttons = QHBoxLayout()
        buttons.addWidget(button_row(self.card_button, self.documents_button), 1)
        buttons.addWidget(button_row(self.back, self.next, self.close_button,
                                     right_aligned=True), 1)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.explanation)
        right.addWidget(self.notice)
        right.addWidget(self.errors)
        right.addWidget(self.stack, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addLayout(right, 1)
        self.current = 0
        self._loaded: set[int] = set()
        self.steps.currentRowChanged.connect(lambda row: self.go(row + 1))
        self.go(step or case.current_step, leaving=False)
        remembered.remember(self, "sprawa")

    def _fit_steps(self) -> None:
        """Every step's name whole on one line; from 150 % on as many lines as it needs,
        as wide as its longest word: one line each took a third of the window at 200 %."""
        metrics = self.steps.fontMetrics()
        names = [f"{mark}{number}. {name}" for number, name, _ in cases.STEPS
                 for mark in DONE_MARKS]
        if look.large_text():
            names = [f"{mark}{number}. {word}" for number, name, _ in cases.STEPS
                     for word in name.split() for mark in DONE_MARKS]
        self.steps.setFixedWidth(max(metrics.horizontalAdvance(name) for name in names)
                                 + 2 * self.steps.frameWidth() + 16)

    # --- navigation ---------------------------------------------------------------------------
    def _show(self, step: int) -> None:
        page = self.pages[step]
        if step not in self._loaded:
            page.load()
            draft = cases.load_draft(self.db, self.case_id, step)
            if draft:
                try:
                    page.restore(draft)
                    self._say("Przywrócono dane wpisane wcześniej, jeszcze nie zapisane.",
                              "warning")
                except Exception as exc:  # noqa: BLE001 - a damaged draft never locks a case
                    cases.discard_draft(self.db, self.case_id, step)
                    page = self._fresh_page(step)
                    page.load()
                    self._say(f"Szkicu kroku {step} nie przywrócono ({_draft_problem(exc)}); "
                              "pokazano to, co zapisano.", "warning")
            self._loaded.add(step)
        number, name, explanation = cases.STEPS[step - 1]
        self.title.setText(f"Krok {number} z 9: {name}")
        self.explanation.setText(explanation)
        self.stack.setCurrentIndex(step - 1)
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(step - 1)
        self.steps.blockSignals(False)
        self.back.setEnabled(step > 1)
        self.next.setText("Zapi&sz" if step == 9 else "Zapisz i &dalej →")
        self._mark_progress()

    def _mark_progress(self) -> None:
        done = cases.completed_steps(self.db, self.case_id)
        for number, name, _ in cases.STEPS:
            mark = DONE_MARKS[number in done]
            self.steps.item(number - 1).setText(f"{mark}{number}. {name}")

    def _say(self, text: str, tone: str | None = "ok") -> None:
        """A word above the step: green for done, amber for what still waits."""
        look.tone(self.notice, tone)
        self.notice.setText(text)

    def leave(self) -> bool:
        """Save the current page; if it cannot be saved yet keep it as a draft."""
        if not self.current:
            return True
        page = self.pages[self.current]
        draft = page.draft()
        if draft == getattr(page, "_clean", None):
            return True
        try:
            page.save()
        except (ValidationError, ValueError, KoordynatorError) as exc:
            cases.save_draft(self.db, self.case_id, self.current, draft)
            # a warning, not a success: it was green like „Zapisano”
            self._say(f"Krok {self.current} nie jest jeszcze kompletny – wpisane dane "
                      "zachowano jako szkic: " + _message(exc), "warning")
            return False
        page._clean = page.draft()
        self._reload_others()  # e.g. a referral at step 5 changes the item's status at step 4
        return True

    def go(self, step: int, leaving: bool = True) -> None:
        if not 1 <= step <= 9 or step == self.current:
            return
        self.errors.show_errors(None)
        self._say("")
        if leaving:
            self.leave()
        self.current = step
        cases.go_to_step(self.db, self.case_id, step)
        self._show(step)
        self.pages[step]._clean = self.pages[step].draft()

    def save_and_next(self) -> bool:
        page = self.pages[self.current]
        try:
            target = page.save()
        except (ValidationError, ValueError, KoordynatorError) as exc:
            self.errors.show_errors(_message(exc))
            return False
        page._clean = page.draft()
        self.errors.show_errors(None)
        self._reload_others()
        nxt = target or min(self.current + 1, 9)
        if nxt == self.current:
            self._show(self.current)
            self._say("Zapisano.")
            return True
        self.current, previous = 0, self.current
        self.go(nxt, leaving=False)
        self._say(f"Zapisano krok {previous}.")
        return True

    def _reload_others(self) -> None:
        """Later pages read what earlier ones saved (needs, plan items): reload them."""
        self._loaded = {self.current}
        for number in list(self.pages):
            if number != self.current:
                self._fresh_page(number)

    def _fresh_page(self, number: int) -> StepPage:
        fresh = _page(self.session, self.case_id, number)
        self.stack.widget(number - 1).setWidget(fresh)  # deletes the old page
        self.pages[number] = fresh
        if number == 6:
            fresh.modify.clicked.connect(self.modify_plan)
        return fresh

    def modify_plan(self) -> None:
        """Step 6's "change the plan": a new plan version, edited at step 4, for the reason
        the KIPUS gives; an update already begun is opened, not begun again."""
        from app.plans import store as plans
        from ui.case.plan_editor import ask_text

        if not self.leave():
            return
        current = plans.current_version(self.db, self.case_id)
        if current is not None and current.status == "projekt":
            self.go(4)
            self._say(f"Wersja {current.version_no} planu jest już w opracowaniu – zmień ją "
                      "tutaj i uzgodnij z osobą.", None)
            return
        reason = ask_text(self, "Zmiana planu", "Dlaczego plan się zmienia?",
                          "Zmiana planu po monitorowaniu")
        if not reason:
            return
        case = cases.get_case(self.db, self.case_id)
        try:
            plans.start_update(self.db, self.case_id, reason, case.resident_id)
        except (ValidationError, KoordynatorError) as exc:
            self.errors.show_errors(_message(exc))
            return
        self._reload_others()
        self.current = 0
        self.go(4, leaving=False)
        self._say("Rozpoczęto aktualizację planu: nowa wersja, poprzednia zostaje zapisana "
                  "bez zmian.")

    def _documents_menu(self) -> QMenu:
        menu = QMenu(self)
        case = cases.get_case(self.db, self.case_id)
        for label, kind, record in (
                ("Indywidualny plan usług społecznych (IPUS)", "ipus", self.case_id),
                ("Karta usług", "karta", self.case_id),
                ("Zgoda na prowadzenie karty usług", "zgoda", case.resident_id),
                ("Klauzula informacyjna RODO", "klauzula", case.resident_id),
                ("Upoważnienie osoby zaufanej", "upowaznienie", case.resident_id),
                ("Protokół rozmowy podsumowującej", "rozmowa", self.case_id)):
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, k=kind, r=record: self.issue(k, r))
        return menu

    def issue(self, kind: str, record_id: str):
        from ui.documents.screens import issue_document

        self.leave()
        return issue_document(self, self.session, kind, record_id)

    def show_card(self) -> QDialog:
        self.leave()
        dialog = QDialog(self)
        dialog.setWindowTitle("Karta usług")
        look.resize(dialog, 900, 700)
        view = QTextBrowser()
        view.setHtml(service_card.as_html(service_card.build(self.db, self.case_id)))
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        dialog.view = view
        dialog.show()
        return dialog

    def close_after_restore(self) -> None:
        self.current = 0  # leave() saves nothing: the page belongs to the replaced file
        self.reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.leave()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.leave()
        super().done(result)


def _draft_problem(exc: Exception) -> str:
    if isinstance(exc, StaleDraft):
        return str(exc)
    return "był uszkodzony"


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(dict.fromkeys(exc.errors.values()))
    return str(exc)


