"""Residents, partners or services of the catalogue from a spreadsheet, in three steps on
one screen: choose the file (its encoding and separator are shown), check the column
mapping (each column of the file with its first values and the field it fills,
changeable), then "Sprawdź" for a verdict on every row, with "Scal" to tick for the
duplicates she wants merged. Nothing is written until "Wczytaj do rejestru"; a backup
comes first and a progress bar shows the rows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import KoordynatorError
from app.exchange import importing, reading
from ui.common import dialogs, file_dialogs, look, remembered
from ui.common.widgets import ErrorLabel, emptied, scrolled

FILES = "Listy (*.csv *.xlsx *.txt);;Wszystkie pliki (*)"
ENCODINGS = (("rozpoznane samo", None), ("UTF-8", "utf-8"), ("Windows-1250", "windows-1250"),
             ("ISO-8859-2", "iso-8859-2"))
STATUS_TONES = {importing.NEW: "ok", importing.DUPLICATE: "warning", importing.INVALID: "error",
                importing.EMPTY: "muted"}


class ImportDialog(QDialog):
    imported = Signal()

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session, self.db = session, session.db
        self.sheet: reading.Sheet | None = None
        self.path: Path | None = None
        self.verdicts: list[importing.Verdict] = []
        self.combos: list[QComboBox] = []
        self.setWindowTitle("Wczytaj listę z pliku (CSV lub Excel)")
        look.resize(self, 980, 720)
        self.residents = QRadioButton("&Mieszkańcy")
        self.partners = QRadioButton("P&artnerzy")
        self.services = QRadioButton("&Usługi do katalogu")
        self.residents.setChecked(True)
        for kind in (self.residents, self.partners, self.services):
            kind.toggled.connect(lambda on: on and self._map())
        self.choose_button = QPushButton("&Wybierz plik…")
        self.choose_button.clicked.connect(lambda: self.choose())
        self.file_label = QLabel("Nie wybrano pliku.")
        self.file_label.setWordWrap(True)
        top = QHBoxLayout()
        for widget in (QLabel("Co wczytać:"), self.residents, self.partners, self.services,
                       self.choose_button):
            top.addWidget(widget)
        top.addStretch(1)
        # when Polish letters come out wrong, she picks the encoding herself
        self.encoding = QComboBox()
        for label, value in ENCODINGS:
            self.encoding.addItem(label, value)
        self.encoding.setAccessibleName("Kodowanie znaków pliku CSV")
        self.encoding.currentIndexChanged.connect(lambda _=0: self._reread())
        encoding_label = QLabel("&Kodowanie znaków:")
        encoding_label.setBuddy(self.encoding)
        self.place = QLineEdit()
        self.place.setPlaceholderText("np. Żabno – gdy plik nie ma kolumny Miejscowość")
        self.place.setAccessibleName("Miejscowość dla wierszy bez niej")
        self.place.textChanged.connect(lambda _="": self._forget_check())
        place_label = QLabel("Miejscowość dla wierszy &bez niej:")
        place_label.setBuddy(self.place)
        options = QHBoxLayout()
        for widget in (encoding_label, self.encoding, place_label):
            options.addWidget(widget)
        options.addWidget(self.place, 1)
        self.mapping_box = QWidget()
        self.mapping_grid = QGridLayout(self.mapping_box)
        mapping_scroll = scrolled(self.mapping_box)
        self.check_button = QPushButton("&Sprawdź (próba – nic nie zapisuje)")
        self.check_button.setEnabled(False)
        self.check_button.clicked.connect(lambda: self.check())
        self.verdict_table = QTableWidget(0, 4)
        self.verdict_table.setHorizontalHeaderLabels(["Wiersz", "Wynik", "Opis", "Scal"])
        self.verdict_table.setAccessibleName("Wyniki sprawdzenia wierszy")
        self.verdict_table.verticalHeader().hide()
        self.verdict_table.horizontalHeader().setStretchLastSection(False)
        look.column_widths(self.verdict_table, (None, None, 560))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.import_button = QPushButton("Wczytaj &do rejestru")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(lambda: self.run())
        self.progress = QProgressBar()
        self.progress.hide()
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.file_label)
        layout.addLayout(options)
        layout.addWidget(QLabel("<b>Kolumny pliku i pola w programie</b> (zmień, jeśli program "
                                "źle zgadł; „— pomiń —” nie wczytuje kolumny):"))
        layout.addWidget(mapping_scroll, 1)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.verdict_table, 2)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.progress, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        remembered.remember(self, "wczytywanie")

    @property
    def kind(self) -> str:
        return ("residents" if self.residents.isChecked() else
                "partners" if self.partners.isChecked() else "catalogue")

    def choose(self, path: Path | None = None) -> bool:
        if path is None:
            path = file_dialogs.open_file(self, "Lista do wczytania", "imports", FILES)
            if path is None:
                return False
        try:
            self.sheet = reading.read(path, self.encoding.currentData())
        except KoordynatorError as exc:
            self.error.show_errors(exc)
            return False
        self.path = path
        self.file_label.setText(
            f"Plik: {path.name} – {self.sheet.encoding}"
            + (f", separator: {reading.SEPARATOR_NAMES[self.sheet.separator]}"
               if self.sheet.separator else "") + f", wierszy: {len(self.sheet.rows)}.")
        self.error.show_errors(None)
        self._map()
        return True

    def _reread(self) -> None:
        """The same file read again in the encoding she chose."""
        if self.path is not None:
            self.choose(self.path)

    def _map(self) -> None:
        """A row per column of the file: its header, its first values, the field."""
        emptied(self.mapping_grid)
        self.combos = []
        self._forget_check()
        if self.sheet is None:
            return
        guessed = importing.guess_mapping(self.sheet.headers, self.kind)
        for column, header in enumerate(self.sheet.headers):
            samples = ", ".join(str(r[column]) for r in self.sheet.rows[:3]
                                if column < len(r) and r[column] not in (None, ""))
            combo = QComboBox()
            combo.addItem("— pomiń —", None)
            for name, (label, _) in importing.KINDS[self.kind].items():
                combo.addItem(label, name)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(column))))
            combo.setAccessibleName(f"Pole dla kolumny {header or column + 1}")
            combo.currentIndexChanged.connect(lambda _=0: self._forget_check())
            label = QLabel(f"<b>{header or f'kolumna {column + 1}'}</b>")
            label.setBuddy(combo)
            example = QLabel(samples[:80])
            look.tone(example, "muted")
            self.mapping_grid.addWidget(label, column, 0)
            self.mapping_grid.addWidget(combo, column, 1)
            self.mapping_grid.addWidget(example, column, 2)
            self.combos.append(combo)
        self.check_button.setEnabled(True)

    def mapping(self) -> dict[int, str]:
        return {column: combo.currentData() for column, combo in enumerate(self.combos)
                if combo.currentData()}

    def _forget_check(self) -> None:
        """A changed file, kind or mapping makes the last check stale."""
        self.verdicts = []
        self.verdict_table.setRowCount(0)
        self.summary.clear()
        self.import_button.setEnabled(False)

    def check(self) -> list[importing.Verdict]:
        if self.sheet is None:
            return []
        try:
            self.verdicts = importing.dry_run(self.db, self.kind, self.sheet, self.mapping(),
                                              self.place.text())
        except KoordynatorError as exc:
            self.error.show_errors(exc)
            return []
        self.error.show_errors(None)
        table = self.verdict_table
        table.setRowCount(len(self.verdicts))
        for row, v in enumerate(self.verdicts):
            table.setItem(row, 0, QTableWidgetItem(str(v.line)))
            status = QTableWidgetItem(v.status)  # the word says it; the colour helps
            status.setForeground(look.tone_color(STATUS_TONES[v.status]))
            table.setItem(row, 1, status)
            table.setItem(row, 2, QTableWidgetItem(v.text))
            merge = QTableWidgetItem("")
            if v.status == importing.DUPLICATE and v.existing_id:
                merge.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                merge.setCheckState(Qt.CheckState.Unchecked)
                merge.setText("scal z wpisem")
            else:
                merge.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 3, merge)
        table.resizeColumnToContents(0)
        table.resizeColumnToContents(1)
        counts = {s: sum(1 for v in self.verdicts if v.status == s)
                  for s in (importing.NEW, importing.DUPLICATE, importing.INVALID,
                            importing.EMPTY)}
        self.summary.setText(
            f"Nowe: {counts[importing.NEW]}, duplikaty: {counts[importing.DUPLICATE]}, "
            f"błędne: {counts[importing.INVALID]}, puste: {counts[importing.EMPTY]}. "
            "„Wczytaj do rejestru” doda nowe i scali zaznaczone duplikaty; resztę pominie. "
            "Przedtem powstanie kopia zapasowa.")
        self.import_button.setEnabled(counts[importing.NEW] > 0 or counts[
            importing.DUPLICATE] > 0)
        return self.verdicts

    def chosen_merges(self) -> set[int]:
        table = self.verdict_table
        return {int(table.item(row, 0).text()) for row in range(table.rowCount())
                if table.item(row, 3).checkState() == Qt.CheckState.Checked
                and table.item(row, 3).flags() & Qt.ItemFlag.ItemIsUserCheckable}

    def run(self) -> importing.Outcome | None:
        if not self.verdicts:
            return None
        merges = self.chosen_merges()
        new = sum(1 for v in self.verdicts if v.status == importing.NEW)
        if not dialogs.ask_continue(
                self, "Wczytać do rejestru?",
                f"Do rejestru zostanie dodanych {new}, a scalonych z wpisami {len(merges)} "
                f"(wiersze z pliku {self.path.name if self.path else ''}). Pozostałe "
                "wiersze zostaną pominięte. Przedtem program zrobi kopię zapasową bazy.",
                yes="Wczytaj", no="Anuluj"):
            return None
        self.progress.show()

        def step(done: int, total: int) -> None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            QApplication.processEvents()

        try:
            outcome = importing.run(self.db, self.kind, self.verdicts, merges,
                                    str(self.path or ""), step)
        except KoordynatorError as exc:
            self.error.show_errors(exc)
            return None
        self._forget_check()
        self.check_button.setEnabled(False)  # the same file again: choose it anew
        self.error.show_ok(outcome.summary())
        self.imported.emit()
        return outcome
