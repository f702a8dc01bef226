"""The reports window (a kind, a period, filters; the figures as tables and bar charts, to
save as PDF, CSV or Excel) and the list export dialog. Figures come from app.reports, files
from app.exchange: nothing is counted here."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core import plural
from app.core.errors import KoordynatorError, ValidationError
from app.core.table import Kind, Table, shown
from app.core.validation import format_date
from app.exchange import export, lists
from app.reports import charts, kinds, model, paper, word
from ui.common import file_dialogs, look, remembered
from ui.common.flow_layout import button_row
from ui.common.widgets import ErrorLabel, emptied, keyed_buttons, note, scrolled

OUTSIDE_MEANS = "bez nazwisk, liczby mniejsze niż 3 jako „<3”"
FORMATS = {"pdf": "PDF (*.pdf)", "csv": "CSV (*.csv)", "xlsx": "Excel (*.xlsx)"}


class TableModel(QAbstractTableModel):
    """A report's table as read: values shown as on paper, numbers to the right."""

    def __init__(self, table: Table, parent=None):
        super().__init__(parent)
        self.table = table

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        column = self.table.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(self.table.rows[index.row()][index.column()], column.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind is not Kind.TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.table.columns[section].title
        return None


class ReportsDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session, self.db = session, session.db
        self.report: model.Report | None = None
        self.setWindowTitle("Zestawienia")
        look.resize(self, 980, 720)
        self.kind = QComboBox()
        for key, title in kinds.TITLES.items():
            self.kind.addItem(title, key)
        self.start, self.end = QLineEdit(), QLineEdit()
        for edit, name in ((self.start, "Początek okresu"), (self.end, "Koniec okresu")):
            edit.setPlaceholderText("DD.MM.RRRR")
            edit.setAccessibleName(name)
            look.chars_wide(edit, 13)
        programmes, villages = kinds.filters(self.db)
        self.programme = QComboBox()
        self.programme.addItem("wszystkie programy", None)
        for pid, name in programmes:
            self.programme.addItem(name, pid)
        self.village = QComboBox()
        self.village.addItem("wszystkie miejscowości", None)
        for city in villages:
            self.village.addItem(city, city)
        self.outside = QCheckBox("Do przekazania po&za CUS")
        self.outside.setAccessibleDescription(OUTSIDE_MEANS)
        self.error = ErrorLabel()
        grid = QGridLayout()
        labels = (("&Rodzaj:", self.kind), ("&Program:", self.programme),
                  ("&Miejscowość:", self.village))
        for row, (text, widget) in enumerate(labels):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1, 1, 3)
        period = QHBoxLayout()
        for text, edit in (("&Od:", self.start), ("&Do:", self.end)):
            label = QLabel(text)
            label.setBuddy(edit)
            period.addWidget(label)
            period.addWidget(edit)
        quick = []
        for text, choose in (("Ten m&iesiąc", self._month), ("&Kwartał", self._quarter),
                             ("Od począ&tku roku", self._year),
                             ("Poprzed&ni rok", self._last_year)):
            button = QPushButton(text)
            button.clicked.connect(choose)
            quick.append(button)
        period.addWidget(button_row(*quick), 1)  # under the dates when the text is large
        grid.addLayout(period, len(labels), 0, 1, 4)
        outside = QHBoxLayout()
        outside.addWidget(self.outside)
        outside.addWidget(note(f"({OUTSIDE_MEANS})"), 1)
        grid.addLayout(outside, len(labels) + 1, 0, 1, 4)
        self.show_button = QPushButton("Pok&aż")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.build)
        buttons = button_row(self.show_button)
        self.save_buttons = keyed_buttons(buttons.layout(), (
            ("pdf", "Zapisz PD&F…"), ("csv", "Zapisz &CSV…"), ("xlsx", "Zapisz &Excel…")),
            self.save)
        for button in self.save_buttons.values():
            button.setEnabled(False)
        drafts_row = button_row()
        self.draft_buttons = keyed_buttons(drafts_row.layout(), (
            ("sprawozdanie", "Sprawozdanie z działalności (&Word)…"),
            ("ocena-zasobow", "Ocena za&sobów – liczby (Word)…"),
            ("diagnoza", "Dia&gnoza terytorium i potrzeb (Word)…")), self.save_draft)
        drafts = QVBoxLayout()
        drafts.addWidget(note("Projekty do dokończenia w edytorze tekstu (za okres jak wyżej):"))
        drafts.addWidget(drafts_row)
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        scroll = scrolled(self.content)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        layout.addLayout(drafts)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self._year()
        remembered.remember(self, "zestawienia")

    # --- the period --------------------------------------------------------------------------
    def _set(self, start: date, end: date) -> None:
        self.start.setText(format_date(start))
        self.end.setText(format_date(end))

    def _month(self) -> None:
        self._set(date.today().replace(day=1), date.today())

    def _quarter(self) -> None:
        today = date.today()
        self._set(date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today)

    def _year(self) -> None:
        self._set(date(date.today().year, 1, 1), date.today())

    def _last_year(self) -> None:
        year = date.today().year - 1
        self._set(date(year, 1, 1), date(year, 12, 31))

    # --- the figures -------------------------------------------------------------------------
    def build(self) -> model.Report | None:
        try:
            period = model.period(self.start.text(), self.end.text())
            self.report = kinds.build(self.db, self.kind.currentData(), period,
                                      self.programme.currentData(), self.village.currentData(),
                                      self.outside.isChecked())
        except KoordynatorError as exc:
            self.error.show_errors(exc)
            return None
        self.error.show_errors(None)
        self._show(self.report)
        for button in self.save_buttons.values():
            button.setEnabled(True)
        return self.report

    def _show(self, report: model.Report) -> None:
        emptied(self.content_layout)
        heading = QLabel(f"<b>{report.title}</b><br>okres {report.period}"
                         + "".join(f"; {f}" for f in report.filters))
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.content_layout.addWidget(heading)
        for chart in report.charts:  # the same drawing as in the PDF
            picture = QSvgWidget()
            high = round(charts.height(chart, 220))
            picture.load(charts.svg(chart, 640, high))
            picture.setFixedSize(640, high)
            picture.setAccessibleName(f"Wykres: {chart.title}")
            picture.setToolTip(", ".join(
                f"{label}: {value}" for label, value in zip(chart.labels, chart.series[0][1],
                                                            strict=False)))
            self.content_layout.addWidget(picture)
        for table in report.tables:
            title = QLabel(f"<b>{table.title}</b>")
            self.content_layout.addWidget(title)
            view = QTableView()
            view.setModel(TableModel(table, view))
            view.setAccessibleName(table.title)
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.horizontalHeader().setStretchLastSection(True)
            rows = max(1, min(len(table.rows), 15))  # a long table scrolls in its own view
            view.setFixedHeight(view.horizontalHeader().sizeHint().height()
                                + view.verticalHeader().defaultSectionSize() * rows + 4)
            self.content_layout.addWidget(view)
        self.content_layout.addStretch(1)

    def save(self, fmt: str, path=None):
        # what is ticked and typed now, not what was shown before: "poza CUS" ticked after
        # "Pokaż" must not save the names
        if self.build() is None:
            return None
        if path is None:
            name = f"{self.report.kind}-{date.today():%Y-%m-%d}.{fmt}"
            path = file_dialogs.save_file(self, "Zapisz zestawienie", "reports", name,
                                          FORMATS[fmt])
            if path is None:
                return None
        try:
            export.check_suffix(path, fmt)
            if fmt == "pdf":
                export.write_bytes(path, paper.pdf(self.db, self.report))
            else:
                export.write(self.report.tables, path, fmt, preamble=self.report.preamble)
            lists.record_export(self.db, self.report.heading,
                                sum(len(t.rows) for t in self.report.tables), path, fmt)
        except KoordynatorError as exc:
            self.error.show_errors(exc)
            return None
        self.error.show_ok(f"Zapisano {path}.")
        return path


    def save_draft(self, kind: str, path=None):
        try:
            period = model.period(self.start.text(), self.end.text())
        except ValidationError as exc:
            self.error.show_errors(exc)
            return None
        if path is None:
            path = file_dialogs.save_file(self, "Zapisz projekt", "reports",
                                          f"{kind}-{period.end:%Y}.docx", "Word (*.docx)")
            if path is None:
                return None
        try:
            export.check_suffix(path, "docx")
            export.write_bytes(path, word.DRAFTS[kind](self.db, period))
            lists.record_export(self.db, f"{kind} {period}", 0, path, "docx")
        except KoordynatorError as exc:
            self.error.show_errors(exc)
            return None
        self.error.show_ok(f"Zapisano projekt {path} – otwórz go w edytorze tekstu.")
        return path


class ExportDialog(QDialog):
    """A list as the program keeps it, to a CSV or Excel file."""

    NAMES = {"residents": "Mieszkańcy", "applications": "Wnioski", "cases": "Sprawy",
             "plans": "Plany (IPUS)", "partners": "Partnerzy", "catalogue": "Katalog usług",
             "documents": "Rejestr dokumentów"}

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session, self.db = session, session.db
        self.setWindowTitle("Eksport listy do pliku")
        self.list = QComboBox()
        for key in lists.LISTS:
            self.list.addItem(self.NAMES[key], key)
        label = QLabel("&Lista:")
        label.setBuddy(self.list)
        self.xlsx = QRadioButton("&Excel (XLSX) – daty i liczby jako daty i liczby, PESEL jako "
                                 "tekst")
        self.utf8 = QRadioButton("CSV w &UTF-8 (polskie litery w Excelu i LibreOffice)")
        self.cp1250 = QRadioButton("CSV w &Windows-1250 (dla starszych programów)")
        self.xlsx.setChecked(True)
        note = QLabel("Osoby z ograniczonym przetwarzaniem danych (art. 18 RODO) są pomijane. "
                      "Eksport zapisuje się w dzienniku zdarzeń. Plik CSV otwarty w Excelu "
                      "może zamienić PESEL i telefon w liczbę (zero na początku znika) – do "
                      "Excela wybierz XLSX.")
        note.setWordWrap(True)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("&Zapisz…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(lambda: self.save())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.list, 1)
        layout.addLayout(row)
        for widget in (self.xlsx, self.utf8, self.cp1250, note, self.error, buttons):
            layout.addWidget(widget)

    def choice(self) -> tuple[str, str]:
        if self.xlsx.isChecked():
            return "xlsx", "utf-8"
        return "csv", "windows-1250" if self.cp1250.isChecked() else "utf-8"

    def save(self, path=None):
        fmt, encoding = self.choice()
        if path is None:
            polish = next(k for k, v in lists.ALIASES.items() if v == self.list.currentData())
            name = f"{polish}-{date.today():%Y-%m-%d}.{fmt}"
            path = file_dialogs.save_file(self, "Zapisz listę", "exports", name, FORMATS[fmt])
            if path is None:
                return None
        try:
            export.check_suffix(path, fmt)
            table = lists.build(self.db, self.list.currentData())
            lost = export.write(table, path, fmt, encoding)
            lists.record_export(self.db, table.title, len(table.rows), path, fmt)
        except KoordynatorError as exc:
            self.error.show_errors(exc)
            return None
        rows = plural.count(len(table.rows), "wiersz", "wiersze", "wierszy")
        text = f"Zapisano {rows}: {path}."
        if lost:
            text += (f" Uwaga: {lost} znaków nie ma w kodowaniu Windows-1250 – zapisano je "
                     "jako „?”. Wybierz UTF-8, żeby ich nie stracić.")
            self.error.show_errors(text)
        else:
            self.error.show_ok(text)
        return path

