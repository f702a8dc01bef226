"""Screens for what plans draw on: the services catalogue, partners (the partner fiche) and
programmes of social services."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from app.catalogue import partners, programmes
from app.catalogue import services as catalogue
from app.core.validation import format_date, parse_int
from ui.catalogue.record_screen import RecordScreen
from ui.common import grids, look
from ui.common.widgets import DateField


def _text(lines: float = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    look.lines_tall(edit, lines)
    return edit


def _set(widget, value) -> None:
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, DateField):
        widget.set_date(value)
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or 0))
    else:
        widget.setText("" if value is None else str(value))


def _get(widget):
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, DateField):
        return widget.date()
    if isinstance(widget, QSpinBox):
        return widget.value()
    return widget.text()


class CatalogueScreen(RecordScreen):
    title = "Katalog usług społecznych"
    new_label = "Nowa usługa"

    def build_form(self) -> None:
        self.area_filter = QComboBox()
        self.area_filter.addItem("wszystkie obszary", None)
        for code, name in catalogue.areas(self.db).items():
            self.area_filter.addItem(f"{code}. {name}", code)
        self.area_filter.currentIndexChanged.connect(lambda _: self.refresh_list())
        self.layout().itemAt(0).layout().insertWidget(1, self.area_filter)
        self.w = {}
        area = QComboBox()
        area.addItem("— wybierz —", 0)
        for code, name in catalogue.areas(self.db).items():
            area.addItem(f"{code}. {name}", code)
        kind = QComboBox()
        for key, label in catalogue.KINDS.items():
            kind.addItem(label, key)
        spec = [("name", "Nazwa *", QLineEdit()), ("area_code", "Obszar (art. 2 ustawy) *", area),
                ("kind", "Rodzaj", kind), ("description", "Opis", _text(4)),
                ("target_group", "Dla kogo", QLineEdit()),
                ("competences", "Oczekiwane kompetencje", _text()),
                ("qualifications", "Wymagane kwalifikacje", _text()),
                ("occupation_codes", "Kody zawodów", QLineEdit())]
        spec += [(key, f"Standard: {label}", _text(2))
                 for key, label in catalogue.STANDARDS.items()]
        spec.append(("copayment_rule", "Zasady odpłatności", QLineEdit()))
        for key, label, widget in spec:
            self.w[key] = self.add_field(key, label, widget)
        self.w["occupation_codes"].setPlaceholderText("np. 341202, 532201")
        self.refresh_list()

    def rows(self, text: str):
        area = self.area_filter.currentData() if hasattr(self, "area_filter") else None
        found = catalogue.services(self.db, words=text)
        if text.strip() and not found:  # a need in the KIPUS's words: services that fit it
            found = catalogue.rank(self.db, text)
        return [(s.id, f"{s.name} – {s.area_name}") for s in found
                if area is None or s.area_code == area]

    def fill(self, record_id) -> None:
        record = catalogue.get_service(self.db, record_id) if record_id else \
            catalogue.ServiceRecord()
        for key, widget in self.w.items():
            _set(widget, getattr(record, key))

    def store(self, record_id) -> str:
        values = {key: _get(widget) for key, widget in self.w.items()}
        values["area_code"] = values["area_code"] or 0
        return catalogue.save_service(self.db, catalogue.ServiceRecord(**values, id=record_id))

    def archive_record(self, record_id) -> None:
        catalogue.archive_service(self.db, record_id)


class PartnersScreen(RecordScreen):
    title = "Partnerzy i wykonawcy usług (fiszka partnera)"
    new_label = "Nowy partner"

    def build_form(self) -> None:
        self.w = {}
        kind = QComboBox()
        kind.addItem("— wybierz —", "")
        for key, label in partners.TYPES.items():
            kind.addItem(label, key)
        capacity = QSpinBox()
        capacity.setRange(0, 10000)
        capacity.setSpecialValueText("—")
        spec = [("full_name", "Pełna nazwa *", QLineEdit()), ("partner_type", "Rodzaj *", kind),
                ("nip", "NIP", QLineEdit()), ("regon", "REGON", QLineEdit()),
                ("krs", "KRS", QLineEdit()), ("street", "Ulica i numer", QLineEdit()),
                ("postal_code", "Kod pocztowy", QLineEdit()), ("city", "Miejscowość", QLineEdit()),
                ("phone", "Telefon", QLineEdit()), ("email", "E-mail", QLineEdit()),
                ("website", "Strona internetowa", QLineEdit()),
                ("delivering_person", "Osoba realizująca usługi", QLineEdit())]
        spec += [(key, label, QCheckBox("tak")) for key, label in partners.FLAGS.items()]
        spec += [("resources_staff", "Zasoby: kadra", _text(2)),
                 ("resources_infrastructure", "Zasoby: infrastruktura", _text(2)),
                 ("activity_profile", "Profil działalności", _text(2)),
                 ("affiliation", "Przynależność organizacyjna", QLineEdit()),
                 ("other_info", "Inne", QLineEdit()),
                 ("role_justification", "Uzasadnienie roli partnera", _text(2)),
                 ("capacity", "Liczba miejsc ogółem", capacity)]
        for key, label, widget in spec:
            self.w[key] = self.add_field(key, label, widget)
        self.services = grids.table(["Usługa", "Miejsca", "Miejsce świadczenia"])
        self.services.setMinimumHeight(140)
        add = QPushButton("Dodaj usługę wykonawcy")
        add.clicked.connect(lambda: self.add_service())
        self.add_field("services", "Świadczone usługi", self.services)
        self.form.addRow("", add)
        self.actions = QListWidget()
        look.lines_tall(self.actions, 4, fixed=False)
        self.action_date = DateField(label="Data działania")
        self.action_text = QLineEdit()
        add_action = QPushButton("Dopisz działanie")
        add_action.clicked.connect(lambda: self.add_action())
        self.add_field("actions", "Działania, w których uczestniczył", self.actions)
        self.form.addRow("Nowe działanie: data", self.action_date)
        self.add_field("description", "opis", self.action_text)
        self.form.addRow("", add_action)
        fiche = QPushButton("Fiszka partnera (PDF)…")
        fiche.clicked.connect(lambda: self.print_document("fiszka"))
        attorney = QPushButton("Pełnomocnictwo do partnerstwa (PDF)…")
        attorney.clicked.connect(lambda: self.print_document("pelnomocnictwo"))
        self.week_button = QPushButton("Tydzień wykonawcy (co, kiedy, dla kogo)…")
        self.week_button.clicked.connect(lambda: self.show_week())
        self.form.addRow("Dokumenty", fiche)
        self.form.addRow("", attorney)
        self.form.addRow("Harmonogram", self.week_button)
        self.refresh_list()

    def show_week(self):
        from ui.catalogue.provider_week import ProviderWeekDialog

        if not self.current_id:
            self.message.show_errors("Najpierw zapisz partnera.")
            return None
        dialog = ProviderWeekDialog(self.session, self.current_id, self)
        dialog.exec()
        return dialog

    def print_document(self, kind: str):
        from ui.documents.screens import issue_document

        if not self.current_id:
            self.message.show_errors("Najpierw zapisz partnera.")
            return None
        return issue_document(self, self.session, kind, self.current_id)

    def add_service(self, service: partners.PartnerService | None = None) -> int:
        row = self.services.rowCount()
        self.services.insertRow(row)
        combo = QComboBox()
        combo.addItem("—", None)
        for s in catalogue.services(self.db):
            combo.addItem(s.name, s.id)
        combo.setCurrentIndex(max(0, combo.findData(service.service_id if service else None)))
        self.services.setCellWidget(row, 0, combo)
        grids.put_text(self.services, row, 1, "" if not service or service.capacity is None
                   else str(service.capacity))
        grids.put_text(self.services, row, 2, service.place if service else "")
        return row

    def rows(self, text: str):
        return [(p.id, f"{p.full_name} ({p.city})" if p.city else p.full_name)
                for p in partners.search(self.db, text)]

    def fill(self, record_id) -> None:
        p = partners.get(self.db, record_id) if record_id else partners.Partner()
        for key, widget in self.w.items():
            _set(widget, getattr(p, key) if key != "capacity" else (p.capacity or 0))
        self.services.setRowCount(0)
        for s in p.services:
            self.add_service(s)
        self._fill_actions(record_id)

    def _fill_actions(self, record_id: str | None) -> None:
        self.actions.clear()
        for when, text in partners.actions(self.db, record_id) if record_id else []:
            self.actions.addItem(QListWidgetItem(f"{format_date(when)} – {text}"))

    def store(self, record_id) -> str:
        values = {key: _get(widget) for key, widget in self.w.items()}
        values["capacity"] = values["capacity"] or None
        services = []
        for r in range(self.services.rowCount()):
            service_id = grids.cell(self.services, r, 0)
            if not service_id:
                continue
            places = parse_int(grids.cell(self.services, r, 1), f"Usługa nr {r + 1}: liczba miejsc")
            services.append(partners.PartnerService(service_id, places,
                                                    grids.cell(self.services, r, 2)))
        return partners.save(self.db, partners.Partner(**values, id=record_id,
                                                       services=services))

    def add_action(self) -> bool:
        if not self.current_id:
            self.message.show_errors("Najpierw zapisz partnera.")
            return False
        try:
            when = self.action_date.date()
            partners.add_action(self.db, self.current_id, when and when.isoformat(),
                                self.action_text.text())
        except Exception as exc:  # noqa: BLE001 - shown to the KIPUS in Polish
            errors = getattr(exc, "errors", None)
            self.show_errors(errors) if errors else self.message.show_errors(str(exc))
            return False
        self.action_text.clear()
        self.action_date.clear()
        # the list alone: filling the whole form again dropped the partner's other edits
        self._fill_actions(self.current_id)
        return True

    def archive_record(self, record_id) -> None:
        partners.archive(self.db, record_id)


class ProgrammesScreen(RecordScreen):
    title = "Programy usług społecznych (uchwały rady gminy)"
    new_label = "Nowy program"

    def build_form(self) -> None:
        self.w = {}
        spec = [("name", "Nazwa programu *", QLineEdit()),
                ("resolution_number", "Numer uchwały *", QLineEdit()),
                ("resolution_date", "Data uchwały *", DateField(label="Data uchwały")),
                ("valid_from", "Obowiązuje od", DateField(label="Obowiązuje od")),
                ("valid_to", "do", DateField(label="Obowiązuje do")),
                ("target_group", "Do kogo skierowany *", _text()),
                ("eligibility", "Warunki kwalifikowania", _text()),
                ("copayment_rules", "Odpłatność i zwolnienia", _text()),
                ("notes", "Uwagi", _text(2))]
        for key, label, widget in spec:
            self.w[key] = self.add_field(key, label, widget)
        self.service_list = QListWidget()
        for s in catalogue.services(self.db):
            item = QListWidgetItem(s.name)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.service_list.addItem(item)
        self.add_field("service_ids", "Usługi w programie", self.service_list)
        self.refresh_list()

    def rows(self, text: str):
        from app.core.textfold import fold

        return [(pid, f"{name} ({res})") for pid, name, res, _ in programmes.listing(self.db)
                if all(w in fold(name + " " + res) for w in fold(text).split())]

    def fill(self, record_id) -> None:
        p = programmes.get(self.db, record_id) if record_id else programmes.Programme()
        for key, widget in self.w.items():
            _set(widget, getattr(p, key))
        for i in range(self.service_list.count()):
            item = self.service_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in p.service_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def store(self, record_id) -> str:
        values = {key: _get(widget) for key, widget in self.w.items()}
        chosen = [self.service_list.item(i).data(Qt.ItemDataRole.UserRole)
                  for i in range(self.service_list.count())
                  if self.service_list.item(i).checkState() == Qt.CheckState.Checked]
        return programmes.save(self.db, programmes.Programme(**values, service_ids=chosen,
                                                             id=record_id))

    def archive_record(self, record_id) -> None:
        programmes.archive(self.db, record_id)


