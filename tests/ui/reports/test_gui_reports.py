"""Reports and list exports as the KIPUS reaches them: from the menu, with the period
typed, the kind chosen by keyboard, "Pokaż" clicked, then saved; what the window shows and
saves is checked against the test's own SQL and the files read back."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QTableView

from app.demo import generate as demo
from tests import pdf_text
from tests.conftest import plain, session_of, type_text
from ui.common import dialogs, file_dialogs
from ui.reports.screens import ExportDialog, ReportsDialog
from ui.shell.main_window import MainWindow

TODAY = date(2026, 11, 22)


@pytest.fixture
def window(qtbot, db):
    demo.build(db, 300, seed=3, today=TODAY)
    win = MainWindow(session_of(db))
    qtbot.addWidget(win)
    win.show()
    return win


def _open(window, text, kind):
    next(a for a in window.findChildren(QAction) if plain(a.text()) == text).trigger()
    return next(d for d in window.findChildren(kind) if d.isVisible())


def test_a_report_is_chosen_shown_and_saved_from_the_menu(qtbot, window, db, tmp_path,
                                                           monkeypatch):
    dialog = _open(window, "Zestawienia i terminy…", ReportsDialog)
    for edit, text in ((dialog.start, "01.01.2026"), (dialog.end, "22.11.2026")):
        edit.selectAll()
        type_text(edit, text)
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Home)  # the first kind: zestawienie
    assert dialog.kind.currentData() == "zestawienie"
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible()
    views = dialog.content.findChildren(QTableView)
    summary = views[0].model()
    shown = {summary.index(r, 0).data(): summary.index(r, 1).data()
             for r in range(summary.rowCount())}
    people = db.execute("SELECT count(DISTINCT c.resident_id) FROM cases c JOIN residents r ON"
                        " r.id = c.resident_id WHERE c.opened_on <= '2026-11-22' AND"
                        " (c.closed_on IS NULL OR c.closed_on >= '2026-01-01') AND"
                        " r.restricted = 0").fetchone()[0]
    assert shown["Osoby objęte wsparciem (sprawy prowadzone w okresie)"] == str(people)
    charts = dialog.content.findChildren(QSvgWidget)
    assert len(charts) == 2 and all(c.renderer().isValid() for c in charts)
    saved = {}
    for fmt, label in (("pdf", "Zapisz PDF…"), ("xlsx", "Zapisz Excel…"),
                       ("csv", "Zapisz CSV…")):
        target = tmp_path / f"z.{fmt}"
        monkeypatch.setattr(file_dialogs, "save_file", lambda *a, t=target, **k: t)
        qtbot.mouseClick(dialog.save_buttons[fmt], Qt.MouseButton.LeftButton)
        assert plain(dialog.save_buttons[fmt].text()) == label and target.exists()
        saved[fmt] = target
    assert "01.01.2026 – 22.11.2026" in pdf_text.text(saved["pdf"])
    assert load_workbook(saved["xlsx"]).worksheets[1]["B2"].value == people
    assert "Zapisano" in dialog.error.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("terminy"))  # another report replaces it
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert len(dialog.content.findChildren(QTableView)) == len(dialog.report.tables)
    assert dialog.content.findChildren(QSvgWidget) == []


def test_a_wrong_period_is_said_in_polish_and_nothing_is_shown(qtbot, window):
    dialog = _open(window, "Zestawienia i terminy…", ReportsDialog)
    dialog.start.selectAll()
    type_text(dialog.start, "31.02.2026")
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "31.02.2026" in dialog.error.text()
    assert not any(b.isEnabled() for b in dialog.save_buttons.values())
    assert dialog.content.findChildren(QTableView) == []


def test_a_list_is_exported_from_the_menu(qtbot, window, db, tmp_path, monkeypatch):
    dialog = _open(window, "Eksport listy do CSV lub Excela…", ExportDialog)
    dialog.list.setCurrentIndex(dialog.list.findData("cases"))
    qtbot.mouseClick(dialog.utf8, Qt.MouseButton.LeftButton)
    target = tmp_path / "sprawy.csv"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: target)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    expected = db.execute("SELECT c.case_number FROM cases c JOIN residents r ON r.id ="
                          " c.resident_id WHERE c.archived_at IS NULL AND r.archived_at IS"
                          " NULL AND r.restricted = 0 ORDER BY c.opened_on, c.rowid").fetchall()
    assert [r[0] for r in rows[1:]] == [e[0] for e in expected]
    assert "Zapisano" in dialog.error.text()


def test_a_list_is_imported_from_the_menu_after_a_check(qtbot, window, db, monkeypatch):
    """Choose the file, see the mapping guessed, change one column by keyboard, press
    "Sprawdź", tick a duplicate to merge, press "Wczytaj": the register has the new
    people, the merged one filled in, and the window lists them."""
    import json
    from pathlib import Path

    from app.people import residents_store as store
    from tests.conftest import person
    from ui.reports.import_dialog import ImportDialog

    files = Path(__file__).parents[2] / "app" / "exchange" / "files"
    known = json.loads((files / "mieszkancy-oczekiwane.json").read_text("utf-8"))
    for surname, first, pesel in known["known"]:
        store.add(db, person(surname=surname, first_name=first, pesel=pesel, phone="",
                             city="Żabno"))
    before = db.execute("SELECT count(*) FROM residents").fetchone()[0]
    monkeypatch.setattr(file_dialogs, "open_file",
                        lambda *a, **k: files / "mieszkancy-cp1250.csv")
    dialog = _open(window, "Wczytaj listę z pliku (CSV, Excel)…", ImportDialog)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert "Windows-1250" in dialog.file_label.text() and "średnik" in dialog.file_label.text()
    assert [c.currentData() for c in dialog.combos][:3] == ["surname", "first_name", "pesel"]
    gmina = dialog.combos[-1]
    gmina.setFocus()
    qtbot.keyClick(gmina, Qt.Key.Key_Home)  # "— pomiń —": the gmina column is not read
    assert gmina.currentData() is None
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    statuses = [dialog.verdict_table.item(r, 1).text()
                for r in range(dialog.verdict_table.rowCount())]
    assert statuses == known["verdicts"]
    row = next(r for r in range(dialog.verdict_table.rowCount())
               if dialog.verdict_table.item(r, 0).text() == "62")
    merge = dialog.verdict_table.item(row, 3)
    merge.setCheckState(Qt.CheckState.Checked)  # as a click on the box does
    assert db.execute("SELECT count(*) FROM residents").fetchone()[0] == before
    asked = []
    monkeypatch.setattr(dialogs, "ask_continue", lambda *a, **k: asked.append(a[2]) or False)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # "Anuluj"
    assert db.execute("SELECT count(*) FROM residents").fetchone()[0] == before
    added = known["verdicts"].count("nowy")
    assert f"dodanych {added}, a scalonych z wpisami 1" in asked[0]
    monkeypatch.setattr(dialogs, "ask_continue", lambda *a, **k: True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert db.execute("SELECT count(*) FROM residents").fetchone()[0] == before + added
    assert f"Dodano: {added}, scalono: 1" in dialog.error.text()
    bozena = store.find_by_pesel(db, known["known"][0][2])
    assert bozena.phone  # merged: her empty phone filled from the file
    first_new = dialog.sheet.rows[0]  # "Gmina Żabno" in the file, not read
    assert store.find_by_pesel(db, first_new[2]).gmina == ""
    assert not dialog.import_button.isEnabled()  # a second press cannot add them twice


def test_a_school_list_with_whole_names_one_place_and_its_own_encoding(qtbot, window, db,
                                                                      tmp_path, monkeypatch):
    """A school's list: "Imię i nazwisko" in one column, no Miejscowość, saved in
    Windows-1250 that the program took for another encoding: she picks the encoding, types
    the village once, and the children are stored with names split and the village."""
    from ui.reports.import_dialog import ImportDialog

    source = tmp_path / "szkola.csv"
    source.write_bytes("Lp.;Imię i nazwisko;PESEL;Data urodzenia\n1;Zoś Łucja Wójcik;"
                       "15240312345;03.04.2015\n2;Jaś Żółć;16301212343;12.10.2016\n"
                       .encode("cp1250"))
    monkeypatch.setattr(file_dialogs, "open_file", lambda *a, **k: source)
    dialog = _open(window, "Wczytaj listę z pliku (CSV, Excel)…", ImportDialog)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    dialog.encoding.setFocus()
    while dialog.encoding.currentData() != "windows-1250":
        qtbot.keyClick(dialog.encoding, Qt.Key.Key_Down)
    assert "Windows-1250" in dialog.file_label.text()
    assert dialog.combos[1].currentData() == "name_first_last"
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "Miejscowość" in dialog.error.text()  # no column, no place typed: said, not guessed
    dialog.place.setFocus()
    type_text(dialog.place, "Kępa")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert [dialog.verdict_table.item(r, 1).text() for r in range(2)] == ["nowy", "nowy"]
    monkeypatch.setattr(dialogs, "ask_continue", lambda *a, **k: True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert db.execute("SELECT first_name, COALESCE(second_name, ''), surname, city,"
                      " birth_date FROM residents WHERE pesel IN ('15240312345',"
                      " '16301212343') ORDER BY surname"
                      ).fetchall() == [("Zoś", "Łucja", "Wójcik", "Kępa", "2015-04-03"),
                                       ("Jaś", "", "Żółć", "Kępa", "2016-10-12")]


def test_the_word_drafts_are_saved_from_the_reports_window(qtbot, window, tmp_path,
                                                           monkeypatch):
    import docx

    dialog = _open(window, "Zestawienia i terminy…", ReportsDialog)
    for kind, title in (("sprawozdanie", "Sprawozdanie z działalności"),
                        ("ocena-zasobow", "Ocena zasobów pomocy społecznej"),
                        ("diagnoza", "Diagnoza terytorium i potrzeb")):
        target = tmp_path / f"{kind}.docx"
        monkeypatch.setattr(file_dialogs, "save_file", lambda *a, t=target, **k: t)
        qtbot.mouseClick(dialog.draft_buttons[kind], Qt.MouseButton.LeftButton)
        text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        assert title in text and "Zapisano projekt" in dialog.error.text()


def test_services_are_read_into_the_catalogue_from_the_import_window(qtbot, window, db,
                                                                    tmp_path, monkeypatch):
    from ui.reports.import_dialog import ImportDialog

    source = tmp_path / "uslugi.csv"
    source.write_text("Obszar;Usługa;Opis\n5;Dowóz do lekarza;Transport na wizyty\n"
                      "6;Pomoc osobista;\n", encoding="utf-8")
    before = db.execute("SELECT count(*) FROM services").fetchone()[0]
    monkeypatch.setattr(file_dialogs, "open_file", lambda *a, **k: source)
    dialog = _open(window, "Wczytaj listę z pliku (CSV, Excel)…", ImportDialog)
    qtbot.mouseClick(dialog.services, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert [c.currentData() for c in dialog.combos] == ["area_code", "name", "description"]
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert [dialog.verdict_table.item(r, 1).text() for r in range(2)] == ["nowy", "duplikat"]
    monkeypatch.setattr(dialogs, "ask_continue", lambda *a, **k: True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert db.execute("SELECT count(*) FROM services").fetchone()[0] == before + 1
    assert db.execute("SELECT area_code, description FROM services WHERE name = 'Dowóz do"
                      " lekarza'").fetchone() == (5, "Transport na wizyty")


def test_what_is_saved_is_what_is_ticked_now_not_what_was_shown(qtbot, window, db, tmp_path,
                                                                monkeypatch):
    """The waiting list shown with names, then "poza CUS" ticked and CSV saved at once: the
    file must be the outside version, with no name in it."""
    dialog = _open(window, "Zestawienia i terminy…", ReportsDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("oczekujacy"))
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    names = [f"{s} {f}" for s, f in db.execute(
        "SELECT r.surname, r.first_name FROM applications a JOIN residents r ON r.id ="
        " a.resident_id WHERE a.status = 'oczekuje'")]
    assert names
    dialog.outside.setFocus()
    qtbot.keyClick(dialog.outside, Qt.Key.Key_Space)
    assert dialog.outside.isChecked()
    target = tmp_path / "oczekujacy.csv"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: target)
    qtbot.mouseClick(dialog.save_buttons["csv"], Qt.MouseButton.LeftButton)
    text = target.read_text(encoding="utf-8-sig")
    assert "Oczekujący na kwalifikację" in text
    assert not [name for name in names if name in text]
