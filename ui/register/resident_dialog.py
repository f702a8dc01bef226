"""The form to add or edit a resident: errors beside each field, duplicates shown while adding,
household members on their own tab. One call: ``ResidentDialog(...).exec()`` then ``result``."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
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

from app.core import validation as v
from app.core.errors import DuplicateResident, KoordynatorError, ValidationError
from app.people import residents_store
from app.people.residents import SIGNING, Resident
from app.session.session import Session
from ui.common import look, unsaved
from ui.common.on_session import OnSession
from ui.common.widgets import ERROR_FRAME, OK, ok_cancel, scrolled
from ui.common.wrapping_combo import WrappingCombo
from ui.register.people_lists import ClosePersonsEditor, HouseholdEditor

SEX_CHOICES = [("", None), ("kobieta", "K"), ("mężczyzna", "M")]

# (field, label, required)
PERSON_FIELDS = [
    ("surname", "Nazwisko", True),
    ("first_name", "Imię", True),
    ("second_name", "Drugie imię", False),
    ("pesel", "PESEL", False),
    ("id_document", "Dokument tożsamości (gdy brak PESEL)", False),
    ("birth_date", "Data urodzenia", False),
    ("sex", "Płeć", False),
]
CONTACT_FIELDS = [
    ("phone", "Telefon", False),
    ("email", "E-mail", False),
    ("street", "Ulica (pomiń, gdy wieś bez ulic)", False),
    ("house_no", "Nr domu", False),
    ("flat_no", "Nr lokalu", False),
    ("postal_code", "Kod pocztowy", False),
    ("city", "Miejscowość", True),
    ("post_office", "Poczta (gdy inna niż miejscowość)", False),
    ("gmina", "Gmina", False),
]


@dataclass
class ResidentDialogResult:
    saved: Resident | None = None
    open_existing_id: str | None = None


class ResidentDialog(OnSession, QDialog):
    def __init__(self, session: Session, resident: Resident | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self._original = resident
        self.result_value = ResidentDialogResult()
        self._existing_id: str | None = None
        self.setWindowTitle(
            "Nowy mieszkaniec" if resident is None else f"Mieszkaniec: {resident.full_name}"
        )
        self.setMinimumWidth(980)
        look.resize(self, 1000, 700)  # fits a 1366×768 laptop screen
        self.edits: dict[str, QLineEdit] = {}
        self.error_labels: dict[str, QLabel] = {}

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        look.tone(self.banner, "error", strong=True)
        self.banner.hide()

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Części danych osoby")
        self.tabs.addTab(self._person_tab(), "Dane osobowe i adres")
        self.tabs.addTab(self._household_tab(), "Gospodarstwo domowe")
        self.close_editor = ClosePersonsEditor()
        self.close_persons = self.close_editor.records
        # at 200 % the list and its form are taller than a laptop's screen: they scroll
        self.tabs.addTab(scrolled(self.close_editor, framed=False), "Osoby bliskie")

        self.duplicates_box = self._duplicates_box()

        self.buttons = ok_cancel("Zapisz", self.save, self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.duplicates_box)
        layout.addWidget(self.buttons)

        self._dup_timer = QTimer(self, singleShot=True, interval=250)
        self._dup_timer.timeout.connect(self.check_duplicates)
        self.edits["pesel"].textChanged.connect(self._pesel_changed)
        self.edits["surname"].setFocus()  # typing starts in the first field, not the tabs
        if resident is not None:
            self._fill(resident)
            if resident.restricted:
                self._make_read_only()
        self.duplicates_box.setVisible(resident is None)
        for name in ("surname", "first_name", "pesel", "birth_date", "street", "house_no", "city"):
            self.edits[name].textChanged.connect(self._dup_timer.start)
        self._as_opened = self.resident_from_form()

    def _make_read_only(self) -> None:
        from app.people.restriction import MESSAGE as RESTRICTED_MESSAGE

        for edit in self.edits.values():
            edit.setReadOnly(True)
        self.sex_combo.setEnabled(False)
        self.notes.setReadOnly(True)
        self.household.setEnabled(False)
        self.close_persons.setEnabled(False)
        self.signing_combo.setEnabled(False)
        self.large_print.setEnabled(False)
        self.buttons.button(OK).setEnabled(False)
        self.banner.setText(RESTRICTED_MESSAGE)
        look.tone(self.banner, "warning", strong=True)
        self.banner.show()

    # --- building ---------------------------------------------------------------------------
    def _field_row(self, form: QFormLayout, name: str, label: str, required: bool) -> None:
        if name == "sex":
            self.sex_combo = QComboBox()
            for text, _ in SEX_CHOICES:
                self.sex_combo.addItem(text or "—")
            widget: QWidget = self.sex_combo
        else:
            edit = QLineEdit()
            edit.setObjectName(name)
            self.edits[name] = edit
            widget = edit
        placeholders = {
            "birth_date": "DD.MM.RRRR",
            "postal_code": "NN-NNN",
            "phone": "np. 600 123 456",
            "pesel": "11 cyfr",
        }
        if name in placeholders and isinstance(widget, QLineEdit):
            widget.setPlaceholderText(placeholders[name])
        error = QLabel()
        look.tone(error, "error")
        error.setWordWrap(True)
        error.hide()
        self.error_labels[name] = error
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text, label=error: label.hide())
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(label + (" *" if required else ""), box)

    def _person_tab(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        groups = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        look.side_by_side(page, groups)  # with large text "Kontakt" goes under "Osoba"
        for title, spec in (("Osoba", PERSON_FIELDS), ("Kontakt i adres", CONTACT_FIELDS)):
            group = QGroupBox(title)
            form = QFormLayout(group)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
            for name, label, required in spec:
                self._field_row(form, name, label, required)
            groups.addWidget(group, 1, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(groups)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Uwagi")  # its placeholder alone is not read out
        self.notes.setPlaceholderText("Uwagi (widoczne tylko w programie)")
        look.lines_tall(self.notes, 3)
        outer.addWidget(self.notes)
        notes_error = QLabel()  # an overlong note is marked here, not only in the banner
        look.tone(notes_error, "error")
        notes_error.setWordWrap(True)
        notes_error.hide()
        self.error_labels["notes"] = notes_error
        outer.addWidget(notes_error)
        signing = QFormLayout()
        self.signing_combo = WrappingCombo()
        for key, text in SIGNING.items():
            self.signing_combo.addItem(text, key)
        signing_label = QLabel("Jak &podpisuje dokumenty")
        signing_label.setBuddy(self.signing_combo)
        signing.addRow(signing_label, self.signing_combo)
        self.large_print = QCheckBox("&Duży druk (14 pt) dokumentów, które dostaje – dla osoby "
                                     "słabo widzącej")
        self.large_print.setAccessibleName("Duży druk dokumentów")
        signing.addRow("", self.large_print)
        outer.addLayout(signing)
        hint = QLabel(
            "Pola oznaczone * są wymagane. Bez numeru PESEL podaj dokument "
            "tożsamości i datę urodzenia."
        )
        hint.setWordWrap(True)
        outer.addWidget(hint)
        outer.addStretch()
        return scrolled(page, framed=False)  # small laptop screens: scrolled, not clipped

    def _household_tab(self) -> QWidget:
        self.household_editor = HouseholdEditor()
        self.household = self.household_editor.records
        self.household_error = self.household_editor.error
        return scrolled(self.household_editor, framed=False)

    def _duplicates_box(self) -> QGroupBox:
        box = QGroupBox("Czy ta osoba już jest w rejestrze?")
        layout = QVBoxLayout(box)
        self.duplicates_info = QLabel("Podobne osoby pojawią się tu w trakcie wpisywania.")
        self.duplicates_info.setWordWrap(True)
        layout.addWidget(self.duplicates_info)
        self.duplicates = QListWidget()
        look.lines_tall(self.duplicates, 4, fixed=False)
        self.duplicates.hide()
        self.duplicates.itemDoubleClicked.connect(
            lambda item: self._open_existing(item.data(Qt.ItemDataRole.UserRole))
        )
        layout.addWidget(self.duplicates)
        self.open_existing = QPushButton("Otwórz istniejący wpis")
        self.open_existing.clicked.connect(lambda: self._open_existing(self._existing_id))
        self.open_existing.hide()
        layout.addWidget(self.open_existing)
        self.confirm_new = QCheckBox("Sprawdziłam/sprawdziłem: to inna osoba")
        self.confirm_new.hide()
        layout.addWidget(self.confirm_new)
        return box

    # --- filling and reading ------------------------------------------------------------------
    def _fill(self, r: Resident) -> None:
        for name, edit in self.edits.items():
            value = getattr(r, name) or ""
            edit.setText(v.format_date(value) if name == "birth_date" else value)
        self.sex_combo.setCurrentIndex([c for _, c in SEX_CHOICES].index(r.sex))
        self.notes.setPlainText(r.notes)
        self.household_editor.set_members(r.household)
        self.close_editor.set_persons(r.close_persons)
        self.signing_combo.setCurrentIndex(max(0, self.signing_combo.findData(r.signing)))
        self.large_print.setChecked(r.large_print)

    def resident_from_form(self) -> Resident:
        values = {name: edit.text() for name, edit in self.edits.items()}
        birth = values.pop("birth_date").strip()
        base = self._original or Resident()
        kept = ("id", "created_at", "updated_at", "archived_at", "archive_reason", "restricted")
        return Resident(
            **{k: getattr(base, k) for k in kept},
            **values,
            birth_date=birth or None,
            sex=SEX_CHOICES[self.sex_combo.currentIndex()][1],
            notes=self.notes.toPlainText(),
            household=self.household_editor.members(),
            close_persons=self.close_editor.persons(),
            signing=self.signing_combo.currentData(),
            large_print=self.large_print.isChecked(),
        )

    def _pesel_changed(self, text: str) -> None:
        """A valid PESEL fills birth date and sex, so they cannot disagree with it."""
        text = unicodedata.normalize("NFKC", text).strip()  # full-width digits are digits
        valid = len(text) == 11 and v.check_pesel(text) is None
        if valid:
            self.edits["birth_date"].setText(v.format_date(v.pesel_birth_date(text)))
            self.sex_combo.setCurrentIndex(1 if v.pesel_sex(text) == "K" else 2)
        self.edits["birth_date"].setReadOnly(valid)
        self.sex_combo.setEnabled(not valid)

    # --- errors -----------------------------------------------------------------------------
    def _input(self, name: str) -> QWidget | None:
        if name == "sex":
            return self.sex_combo
        return self.notes if name == "notes" else self.edits.get(name)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field, the field framed in red, and every message in the
        banner too: the messages name their fields and limits ("Uwagi: … najwyżej 4000
        znaków"), so nothing has to be guessed, whichever tab is showing."""
        for name, label in self.error_labels.items():
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)
            if (widget := self._input(name)) is not None:
                widget.setStyleSheet(ERROR_FRAME if name in errors else "")
        household = [msg for key, msg in errors.items() if key.startswith("household.")]
        close = [msg for key, msg in errors.items() if key.startswith("close.")]
        self.household_error.show_errors(household)
        self.close_editor.show_errors(errors)
        if errors:
            if household and not set(errors) & set(self.error_labels):
                self.tabs.setCurrentIndex(1)
            elif close and not set(errors) & set(self.error_labels):
                self.tabs.setCurrentIndex(2)
            else:
                self.tabs.setCurrentIndex(0)
            self.banner.setText("\n".join(["Nie zapisano. Popraw pola zaznaczone na czerwono:",
                                           *errors.values()]))
            self.banner.show()
        else:
            self.banner.hide()

    def field_error(self, name: str) -> str:
        label = self.error_labels.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    # --- duplicates -------------------------------------------------------------------------
    def check_duplicates(self) -> list[Resident]:
        if self._original is not None:
            return []
        candidate = self.resident_from_form()
        self._existing_id = None
        self.duplicates.clear()
        pesel = unicodedata.normalize("NFKC", candidate.pesel).strip()
        if len(pesel) == 11 and v.check_pesel(pesel) is None:
            same = residents_store.find_by_pesel(self.db, pesel)
            if same is not None:
                self._existing_id = same.id
                where = " (w archiwum)" if same.archived_at else ""
                self.duplicates_info.setText(
                    f"Ten PESEL ma już {same.full_name}{where}, {same.address}. "
                    "Nie dodawaj tej osoby drugi raz – otwórz istniejący wpis."
                )
                self.open_existing.show()
                self.confirm_new.hide()
                self.duplicates.hide()
                return [same]
            candidate.birth_date = v.pesel_birth_date(pesel).isoformat()
        self.open_existing.hide()
        try:
            if candidate.birth_date and "." in candidate.birth_date:
                candidate.birth_date = v.parse_date(candidate.birth_date).isoformat()
        except ValueError:
            candidate.birth_date = None
        similar = residents_store.find_similar(self.db, candidate)
        for other in similar:
            text = (
                f"{other.surname} {other.first_name}, ur. {v.format_date(other.birth_date)}"
                f", {other.address}" + (" (w archiwum)" if other.archived_at else "")
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, other.id)
            self.duplicates.addItem(item)
        if similar:
            self.duplicates_info.setText(
                "W rejestrze są osoby o podobnym nazwisku i tej samej dacie urodzenia lub "
                "adresie. Sprawdź, czy to nie ta sama osoba (dwuklik otwiera wpis)."
            )
        else:
            self.duplicates_info.setText("Nie znaleziono podobnych osób.")
        self.confirm_new.setVisible(bool(similar))
        self.duplicates.setVisible(bool(similar))
        return similar

    def _open_existing(self, resident_id: str | None) -> None:
        if resident_id:
            self.result_value = ResidentDialogResult(open_existing_id=resident_id)
            self.accept()

    def reject(self) -> None:
        """Esc, × and „Anuluj” ask before what was typed is dropped (a whole new person's
        data went with one Esc)."""
        if unsaved.closing_ok(self, self.resident_from_form() != self._as_opened,
                              "dane osoby", self.save):
            super().reject()

    def done(self, result: int) -> None:  # a pending duplicate check must not outlive the form
        self._dup_timer.stop()
        super().done(result)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._dup_timer.stop()
        super().closeEvent(event)

    # --- saving -----------------------------------------------------------------------------
    def save(self) -> bool:
        resident = self.resident_from_form()
        try:
            if self._original is None:
                similar = self.check_duplicates()
                if self._existing_id:
                    self.show_errors({"pesel": "Osoba z tym numerem PESEL już jest w rejestrze."})
                    return False
                if similar and not self.confirm_new.isChecked():
                    self.banner.setText(
                        "Nie zapisano: w rejestrze są podobne osoby (lista po prawej). Jeśli to "
                        "ktoś inny, zaznacz „to inna osoba” i zapisz ponownie."
                    )
                    self.banner.show()
                    return False
                saved = residents_store.add(self.db, resident)
            else:
                saved = residents_store.update(self.db, resident)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except DuplicateResident as exc:
            self._existing_id = exc.existing_id
            self.show_errors({"pesel": str(exc)})
            return False
        except KoordynatorError as exc:
            self.banner.setText(f"Nie zapisano. {exc}")
            self.banner.show()
            return False
        self.show_errors({})
        self.result_value = ResidentDialogResult(saved=saved)
        self.accept()
        return True
