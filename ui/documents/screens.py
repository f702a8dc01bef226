"""Documents in the window: issue one (copies, how the person signs, whom she authorises),
preview it (QtPdf), print it through the system dialog or save it as PDF; the register; the
wording editor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
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
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import KoordynatorError, ValidationError, output_error
from app.core.validation import format_date
from app.documents import context, register, templates
from app.people import residents_store
from app.people.residents import SIGNING, trusted_persons
from app.session.session import Session
from ui.common import file_dialogs, look
from ui.common.flow_layout import button_row
from ui.common.on_session import OnSession
from ui.common.widgets import ErrorLabel, list_table, ok_cancel, on_enter, opens_rows
from ui.common.wrapping_combo import WrappingCombo


class PdfPreview(QDialog):
    """The document as it will print, with Print and Save as PDF."""

    def __init__(self, pdf: bytes, title: str, parent=None):
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.pdf = pdf
        self.setWindowTitle(title)
        look.resize(self, 900, 700)
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        view = QPdfView(self)
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setAccessibleName(f"Podgląd dokumentu: {title}")
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        print_button = QPushButton("Drukuj…")
        save_button = QPushButton("Zapisz jako PDF…")
        close_button = QPushButton("Zamknij")
        print_button.clicked.connect(lambda: self.print_document())
        save_button.clicked.connect(lambda: self.save_as())
        close_button.clicked.connect(self.accept)
        self.saved = QLabel()  # where the file went: said on the spot, no extra click
        self.saved.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(f"Stron: {self.document.pageCount()}"))
        buttons.addWidget(self.saved, 1)
        buttons.addStretch()
        for b in (print_button, save_button, close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)

    def save_as(self, target: Path | None = None) -> Path | None:
        if target is None:
            target = file_dialogs.save_file(self, "Zapisz dokument", "documents",
                                            f"{self.windowTitle()}.pdf".replace("/", "-"))
            if target is None:
                return None
        if target.suffix.lower() != ".pdf":  # never over k.db, its key file or anything else
            target = target.with_name(target.name + ".pdf")
        try:
            target.write_bytes(self.pdf)
        except OSError as exc:
            from ui.common import dialogs

            dialogs.show_error(self, "Nie zapisano dokumentu", str(output_error(exc, target)))
            return None
        look.tone(self.saved, "ok")
        self.saved.setText(f"Zapisano: {target}")
        return target

    def print_document(self, printer=None) -> bool:
        """Through the system print dialog; pages are rendered at the printer's resolution."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle("Drukowanie")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                rect = painter.viewport()
                size = self.document.pagePointSize(page).toSize().scaled(
                    rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
                image = self.document.render(page, QSize(size.width(), size.height()))
                painter.drawImage(QRect(QPointF(0, 0).toPoint(), size), image)
        finally:
            painter.end()
        return True


class IssueDialog(OnSession, QDialog):
    """Options before issuing: two copies, the art. 79 KC signature for a person who cannot
    write. The document is checked (placeholders) before it gets a number."""

    def __init__(self, session: Session, kind: str, record_id: str | None, parent=None):
        super().__init__(parent)
        self.session, self.kind, self.record_id = session, kind, record_id
        self.issued: register.Issued | None = None
        self.setWindowTitle(f"Wystaw: {templates.KINDS[kind]}")
        self.copies = QCheckBox("Dwa egzemplarze (dla mieszkańca i dla CUS)")
        resident_id = context.resident_for(session.db, kind, record_id)
        resident = residents_store.get(session.db, resident_id) if resident_id else None
        # a copy "dla mieszkańca" only of a document about one
        self.copies.setVisible(resident is not None)
        # how the person signs comes from her record; it can be changed for this document
        self.signing = WrappingCombo()
        for key, label in SIGNING.items():
            self.signing.addItem(label, key)
        self.signing.setCurrentIndex(max(0, self.signing.findData(
            resident.signing if resident else "pisze")))
        self.signing_row = QWidget()
        row = QHBoxLayout(self.signing_row)
        row.setContentsMargins(0, 0, 0, 0)
        signing_label = QLabel("&Podpis osoby:")
        signing_label.setBuddy(self.signing)
        row.addWidget(signing_label)
        row.addWidget(self.signing, 1)
        # the documents she takes home, larger for a person who sees poorly; her record
        # says whether she does, and one document can be printed otherwise
        self.large_print = QCheckBox("&Duży druk (14 pt) – dla osoby słabo widzącej")
        self.large_print.setChecked(bool(resident and resident.large_print
                                         and kind in register.RESIDENT_KEEPS))
        self.large_print.setVisible(resident is not None and kind in register.RESIDENT_KEEPS)
        # only documents the resident signs offer the art. 79 KC signature
        self.signing_row.setVisible(templates.signed_by_person(templates.body(session.db,
                                                                              kind)))
        self.trusted: QComboBox | None = None
        self.trusted_note = QLabel()
        self.trusted_note.setWordWrap(True)
        self.trusted_note.hide()
        if kind == "upowaznienie" and resident is not None:
            self.trusted = WrappingCombo()
            people = trusted_persons(resident)
            if len(people) > 1:  # a legal document names no one by default
                self.trusted.addItem("— wybierz osobę upoważnioną —", None)
            for person in people:
                details = ", ".join(p for p in (person.relation, person.identity,
                                                person.address) if p)
                self.trusted.addItem(f"{person.full_name} ({details})", person.id)
            if not people:
                self.trusted_note.setText(
                    "Osoba nie ma wpisanych osób bliskich ani domowników – dodaj je w danych "
                    "mieszkańca (zakładka „Osoby bliskie”). Bez tego dane osoby upoważnionej "
                    "trzeba będzie wpisać odręcznie.")
                self.trusted_note.show()
                self.trusted.hide()
        self.error = ErrorLabel()
        self.signatories = None
        if kind == "porozumienie":  # each signatory gets a signature line
            from app.catalogue import partners

            self.signatories = QListWidget()
            self.signatories.setWordWrap(True)  # a 120-character name reads whole
            self.signatories.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            for p in partners.search(session.db):
                item = QListWidgetItem(p.full_name)
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.signatories.addItem(item)
            # § 11: one copy for each party, always; nothing to choose
            self.copies.setChecked(True)
            self.copies.hide()
        self.attorney: dict[str, QLineEdit] = {}
        self.attorney_labels: dict[str, str] = {}
        self.may_sign = QCheckBox("Pełnomocnictwo obejmuje także podpisanie porozumienia")
        self.substitution = QCheckBox("Pełnomocnik może ustanawiać &dalszych pełnomocników "
                                      "(art. 106 KC)")
        if kind == "pelnomocnictwo":  # who is authorised: typed here, checked before printing
            # labelled, so what a field is for is still read once it is filled in
            for key, label, example in (
                    ("mocodawca", "Mocodawca", "puste: sam partner; np. Gmina Żabno (tworząca "
                                               "KIS)"),
                    ("siedziba_mocodawcy", "Siedziba mocodawcy", "miejscowość, np. Żabno"),
                    ("reprezentant_mocodawcy", "Podpisuje za mocodawcę",
                     "imię, nazwisko, funkcja, np. Jan Kowal – Wójt Gminy Żabno"),
                    ("pelnomocnik", "Pełnomocnik", "imię i nazwisko"),
                    ("adres_pelnomocnika", "Adres pełnomocnika", "ulica, nr, kod, miejscowość"),
                    ("pesel_pelnomocnika", "PESEL pełnomocnika", "11 cyfr"),
                    ("wazne_do", "Ważne do", "DD.MM.RRRR")):
                edit = QLineEdit()
                edit.setPlaceholderText(example)
                edit.setAccessibleName(label)
                self.attorney[key] = edit
                self.attorney_labels[key] = label
        # a refusal is a decision: a draft for checking, or the decision with its legal reasons
        self.draft = QCheckBox("&Projekt decyzji (do sprawdzenia, np. przez radcę prawnego)")
        self.legal_reasons = QPlainTextEdit()
        self.legal_reasons.setPlaceholderText(
            "Uzasadnienie prawne (wymagane w decyzji): dlaczego w świetle przepisów i programu "
            "ustalenia tej sprawy prowadzą do odmowy; w projekcie puste pole daje tekst "
            "wzorcowy")
        look.lines_tall(self.legal_reasons, 4)
        # a raport covers a period: this year so far unless she types another
        self.period: dict[str, QLineEdit] = {}
        if kind == "raport-autoewaluacyjny":
            from datetime import date

            today = date.today()
            for key, value in (("od", date(today.year, 1, 1)), ("do", today)):
                edit = QLineEdit(format_date(value))
                edit.setPlaceholderText("DD.MM.RRRR")
                edit.setAccessibleName(f"Okres {key}")
                self.period[key] = edit
        buttons = ok_cancel("Wystaw i pokaż", self.issue, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Dokument dostanie numer z rejestru, a jego kopia zostanie "
                                "zapisana do ponownego wydruku."))
        layout.addWidget(self.copies)
        layout.addWidget(self.large_print)
        layout.addWidget(self.signing_row)
        if self.trusted is not None:
            who = QLabel("&Kogo upoważnia:")
            who.setBuddy(self.trusted)
            layout.addWidget(who)
            layout.addWidget(self.trusted)
        layout.addWidget(self.trusted_note)
        if self.signatories is not None:
            layout.addWidget(QLabel("Sygnatariusze porozumienia (co najmniej dwóch; każdy "
                                    "dostaje swój egzemplarz):"))
            layout.addWidget(self.signatories)
        if self.attorney:
            attorney_form = QFormLayout()
            for key, edit in self.attorney.items():
                attorney_form.addRow(self.attorney_labels[key], edit)
            layout.addLayout(attorney_form)
        if self.attorney:
            layout.addWidget(self.may_sign)
            layout.addWidget(self.substitution)
        if self.period:
            period_form = QFormLayout()
            period_form.addRow("Okres raportu &od:", self.period["od"])
            period_form.addRow("Okres raportu &do:", self.period["do"])
            layout.addLayout(period_form)
        if kind == "odmowa":
            layout.addWidget(self.draft)
            layout.addWidget(self.legal_reasons)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _copies(self) -> int:
        if not self.copies.isChecked():
            return 1
        chosen = self.chosen_partners()
        return max(1, len(chosen)) if chosen is not None else 2

    def chosen_partners(self) -> list[str] | None:
        if self.signatories is None:
            return None
        role = Qt.ItemDataRole.UserRole
        return [self.signatories.item(i).data(role) for i in range(self.signatories.count())
                if self.signatories.item(i).checkState() == Qt.CheckState.Checked]

    def extra_fields(self) -> dict[str, str]:
        """The power of attorney's person, or the decision's draft mark and legal reasons,
        as typed (app/ checks them when issuing)."""
        if self.kind == "odmowa":
            return {"projekt": "tak" if self.draft.isChecked() else "nie",
                    "uzasadnienie_prawne": self.legal_reasons.toPlainText()}
        if self.period:
            return {key: edit.text() for key, edit in self.period.items()}
        if not self.attorney:
            return {}
        values = {key: edit.text() for key, edit in self.attorney.items()}
        values["zakres_podpisu"] = "tak" if self.may_sign.isChecked() else "nie"
        values["substytucja"] = "tak" if self.substitution.isChecked() else "nie"
        return values

    def issue(self) -> bool:
        try:
            extra = self.extra_fields()
            self.issued = register.issue(self.db, self.kind, self.record_id,
                                         copies=self._copies(),
                                         signing=self.signing.currentData()
                                         if self.signing_row.isVisibleTo(self) else None,
                                         partner_ids=self.chosen_partners(), extra=extra,
                                         person_id=self.trusted.currentData()
                                         if self.trusted is not None else None,
                                         large_print=self.large_print.isChecked()
                                         if self.large_print.isVisibleTo(self) else None)
        except (ValidationError, KoordynatorError) as exc:
            self.error.show_errors(exc)
            return False
        self.error.show_errors(None)
        self.accept()
        return True


def issue_document(parent, session: Session, kind: str, record_id: str | None = None,
                   show=True) -> register.Issued | None:
    dialog = IssueDialog(session, kind, record_id, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.issued is None:
        return None
    if show:
        PdfPreview(dialog.issued.pdf, dialog.issued.number, parent).exec()
    return dialog.issued


class RegisterDialog(OnSession, QDialog):
    HEADERS = ["Numer", "Data", "Dokument", "Dotyczy", "Wystawił(a)", "Stan"]

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Rejestr wydanych dokumentów")
        look.resize(self, 1000, 600)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Szukaj: numer, rodzaj dokumentu, osoba lub partner")
        self.search.textChanged.connect(lambda _: self.refresh())
        self.search.setAccessibleName("Szukaj w rejestrze wydanych dokumentów")
        self.table = list_table(self.HEADERS)
        self.table.setAccessibleName("Wydane dokumenty")
        opens_rows(self.table, self.show_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # every kind prints as a blank form; the general ones (not about one person or
        # partner) are also issued here, the others from the person's, case's or partner's
        # window, where the program knows whom they concern
        self.kind = QComboBox()
        for key, label in templates.KINDS.items():
            self.kind.addItem(label, key)
        self.kind.setAccessibleName("Rodzaj dokumentu")
        self.issue_button = QPushButton("&Wystaw…")
        self.issue_button.clicked.connect(
            lambda: issue_document(self, self.session, self.kind.currentData())
            and self.refresh())
        self.blank_button = QPushButton("Pusty &formularz…")
        self.blank_button.setToolTip("Do wypełnienia odręcznie: bez numeru i daty, nie trafia "
                                     "do rejestru")
        self.blank_button.clicked.connect(lambda: self.print_blank())
        self.blank_large = QCheckBox("du&ży druk")
        self.blank_large.setAccessibleName("Pusty formularz dużym drukiem (14 pt)")
        self.blank_large.setToolTip("Pusty formularz dużym drukiem (14 pt), dla osoby słabo "
                                    "widzącej")
        self.kind.currentIndexChanged.connect(lambda _: self._kind_changed())
        self.show_button = show = QPushButton("Pokaż / drukuj ponownie")
        show.clicked.connect(lambda: self.show_selected())
        show.setDefault(True)  # Enter in the search asked why the document was voided
        self.void_button = QPushButton("Unieważnij zaznaczony…")
        self.void_button.setAutoDefault(False)
        self.void_button.clicked.connect(lambda: self.void_selected())
        on_enter(self.search, self._to_table)
        self.error = ErrorLabel()
        chooser = QHBoxLayout()
        kind_label = QLabel("&Rodzaj dokumentu:")
        kind_label.setBuddy(self.kind)
        chooser.addWidget(kind_label)
        chooser.addWidget(self.kind, 1)
        # beside the kind at the ordinary size, under it when the text is large
        chooser.addWidget(button_row(self.issue_button, self.blank_button, self.blank_large))
        self.where = QLabel()
        self.where.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addStretch()
        bottom.addWidget(self.void_button)
        bottom.addWidget(show)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        layout.addLayout(chooser)
        layout.addWidget(self.where)
        self._kind_changed()
        self.refresh()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        general = not context.NEEDS_ID.get(kind)
        self.issue_button.setEnabled(general)
        self.blank_large.setEnabled(kind in register.RESIDENT_KEEPS)
        if kind not in register.RESIDENT_KEEPS:
            self.blank_large.setChecked(False)
        self.where.setText("" if general else
                           f"„{templates.KINDS[kind]}” wystawia się z okna, którego dotyczy "
                           f"({context.ISSUED_FROM[kind]}); tu można wydrukować pusty formularz.")

    def print_blank(self, show: bool = True) -> bytes | None:
        """The chosen kind as a blank form, shown to print or save; nothing is registered."""
        kind = self.kind.currentData()
        try:
            pdf = register.blank_form(self.db, kind, self.blank_large.isChecked())
        except (ValidationError, KoordynatorError) as exc:
            self.error.show_errors(exc)
            return None
        self.error.show_errors(None)
        if show:
            PdfPreview(pdf, f"Pusty formularz – {templates.KINDS[kind]}", self).exec()
        return pdf

    def refresh(self) -> None:
        self.rows = register.listing(self.db, self.search.text())
        self.table.setRowCount(0)
        for n, r in enumerate(self.rows):
            self.table.insertRow(n)
            for col, text in enumerate((r.number, format_date(r.issued_on),
                                        templates.KINDS[r.kind], r.concerns, r.issued_by,
                                        r.state or "ważny")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(n, col, item)
        self.table.resizeRowsToContents()  # a void's reason wraps whole, never "…"
        self._selection_changed()

    def _selection_changed(self) -> None:
        """Nothing chosen, nothing to show or void; a voided document cannot be voided
        again: say so on the buttons."""
        selected = self.table.selectionModel().selectedRows()
        voided = bool(selected) and bool(self.rows[selected[0].row()].voided_on)
        self.show_button.setEnabled(bool(selected))
        self.void_button.setEnabled(bool(selected) and not voided)

    def _to_table(self) -> None:
        """Enter in the search: into the list, on its first document."""
        if self.table.rowCount():
            if not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)
            self.table.setFocus()

    def void_selected(self, ask=None) -> bool:
        """Void the selected document with a reason asked for (``ask`` replaces the question
        in tests); it stays listed, marked."""
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            self.error.show_errors("Zaznacz dokument w rejestrze.")
            return False
        row = self.rows[selected[0].row()]
        if ask is None:
            from PySide6.QtWidgets import QInputDialog

            def ask(number: str) -> str | None:
                text, ok = QInputDialog.getText(
                    self, "Unieważnienie dokumentu",
                    f"Dlaczego unieważniasz dokument {number}? (np. błąd w danych osoby)")
                return text if ok else None
        reason = ask(row.number)
        if reason is None:
            return False
        try:
            register.void(self.db, row.number, reason)
        except (ValidationError, KoordynatorError) as exc:
            self.error.show_errors(exc)
            return False
        self.error.show_ok(f"Dokument {row.number} unieważniono; zostaje w rejestrze.")
        self.refresh()
        return True

    def show_selected(self, show=True) -> bytes | None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            self.error.show_errors("Zaznacz dokument w rejestrze.")
            return None
        row = self.rows[selected[0].row()]
        try:
            pdf = register.reprint(self.db, row.number)
        except KoordynatorError as exc:
            self.error.show_errors(str(exc))
            return None
        if show:
            PdfPreview(pdf, row.number, self).exec()
        return pdf


class TemplateEditor(OnSession, QDialog):
    """The KIPUS's own wording of a document; unknown placeholders are refused with a hint."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Treść dokumentów")
        look.resize(self, 1000, 700)
        self.kind = QComboBox()
        for key, label in templates.WORDINGS.items():
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(lambda _: self.load())
        self.body = QPlainTextEdit()
        self.fields = QListWidget()
        look.chars_wide(self.fields, 32)
        self.fields.itemDoubleClicked.connect(
            lambda item: self.body.insertPlainText(item.text().split(" ")[0]))
        self.error = ErrorLabel()
        save = QPushButton("Zapisz treść")
        reset = QPushButton("Przywróć treść domyślną")
        save.clicked.connect(lambda: self.save())
        reset.clicked.connect(lambda: self.reset())
        middle = QHBoxLayout()
        middle.addWidget(self.body, 1)
        side = QVBoxLayout()
        side.addWidget(QLabel("Pola (dwuklik wstawia):"))
        side.addWidget(self.fields)
        middle.addLayout(side)
        buttons = QHBoxLayout()
        buttons.addWidget(reset)
        buttons.addStretch()
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind)
        layout.addWidget(QLabel("# tytuł, ## nagłówek, 1) punkt, {pole} – dane z programu; "
                                "[[miejsce_data]], [[podpisy: osoba | koordynator]], "
                                "[[tabela: …]], [[linie: 5]]."))
        layout.addLayout(middle, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        wording = self.kind.currentData()
        kind = templates.DOCUMENT_OF.get(wording, wording)
        self.body.setPlainText(templates.body(self.db, wording))
        self.fields.clear()
        for name in sorted(context.FIELDS[kind]):
            self.fields.addItem(f"{{{name}}}")
        for block in sorted(context.TABLES.get(kind, ())):
            self.fields.addItem(f"[[tabela: {block}]]")
        self.error.show_errors(None)

    def save(self) -> bool:
        wording = self.kind.currentData()
        kind = templates.DOCUMENT_OF.get(wording, wording)
        blocks = {"miejsce_data", "podpisy", "linie", "harmonogram"} | {
            f"tabela:{t}" for t in context.TABLES.get(kind, ())}
        try:
            templates.save_body(self.db, wording, self.body.toPlainText(),
                                context.FIELDS[kind], blocks)
        except ValidationError as exc:
            self.error.show_errors(exc.errors)
            return False
        self.error.show_ok("Zapisano. Kolejne dokumenty będą miały tę treść.")
        return True

    def reset(self) -> None:
        templates.reset_body(self.db, self.kind.currentData())
        self.load()
